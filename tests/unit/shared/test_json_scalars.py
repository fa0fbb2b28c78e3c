"""JSON body scalars: what a schema-driven client sends as integer/number/boolean is read as that type
only (outside tester 10, L3: "openings": "0837" was stored as 837)."""

import pytest
from marshmallow import ValidationError

from shared.schemas import JsonBoolean, JsonInteger, JsonNumber, StrictSchema


class Body(StrictSchema):
    n = JsonInteger(load_default=None)
    x = JsonNumber(load_default=None)
    b = JsonBoolean(load_default=None)


@pytest.mark.parametrize(
    ("given", "expected"),
    [({"n": 3}, 3), ({"n": 3.0}, 3), ({"x": 2}, 2.0), ({"x": 2.5}, 2.5), ({"b": False}, False)],
)
def test_json_numbers_and_booleans_are_read(given, expected):
    [(key, _)] = given.items()
    assert Body().load(given)[key] == expected


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"n": "0837"}, "Not a valid integer."),
        ({"n": "3"}, "Not a valid integer."),
        ({"n": True}, "Not a valid integer."),
        ({"n": 3.5}, "Not a whole number."),
        ({"x": "40"}, "Not a valid number."),
        ({"x": "4,5"}, "Not a valid number."),
        ({"x": False}, "Not a valid number."),
        ({"b": "true"}, "Not a valid boolean."),
        ({"b": "kyllä"}, "Not a valid boolean."),
        ({"b": 1}, "Not a valid boolean."),
        ({"b": 0}, "Not a valid boolean."),
    ],
)
def test_a_string_or_another_type_is_refused_with_a_field_level_reason(given, message):
    [key] = given
    with pytest.raises(ValidationError) as refused:
        Body().load(given)
    assert refused.value.messages == {key: [message]}
