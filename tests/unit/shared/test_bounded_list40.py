"""``shared.schemas.BoundedList`` (outside tester 40, T40-5): the list's length bound before any item is
read, and no more items read after the item errors an answer can show."""

from typing import Any

import pytest
from marshmallow import Schema, ValidationError, fields, validate

from shared.schemas import MAX_ITEM_ERRORS, BoundedList


class CountingName(fields.String):
    """An item field that refuses every item and counts how many it read (the per-item work)."""

    read = 0

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> str:
        CountingName.read += 1
        raise ValidationError("Unknown.")


class Sites(Schema):
    sites = BoundedList(CountingName(), validate=validate.Length(max=30))


@pytest.fixture(autouse=True)
def zero():
    CountingName.read = 0


def test_an_over_long_list_is_refused_by_its_length_before_any_item_is_read():
    with pytest.raises(ValidationError) as refused:
        Sites().load({"sites": ["x"] * 10_000})
    assert refused.value.messages == {"sites": ["Longer than maximum length 30."]}
    assert CountingName.read == 0


def test_a_list_within_its_bound_reads_each_item_and_names_each_refusal():
    with pytest.raises(ValidationError) as refused:
        Sites().load({"sites": ["x"] * 30})
    assert refused.value.messages == {"sites": {i: ["Unknown."] for i in range(30)}}
    assert CountingName.read == 30


def test_items_are_read_until_as_many_are_refused_as_an_answer_shows():
    class Many(Schema):
        names = BoundedList(CountingName(), validate=validate.Length(max=10_000))

    with pytest.raises(ValidationError) as refused:
        Many().load({"names": ["x"] * 10_000})
    assert len(refused.value.messages["names"]) == MAX_ITEM_ERRORS == CountingName.read


def test_a_list_that_is_no_list_is_refused_as_fields_list_refuses_it():
    with pytest.raises(ValidationError) as refused:
        Sites().load({"sites": "Vaasa"})
    assert refused.value.messages == {"sites": ["Not a valid list."]}
