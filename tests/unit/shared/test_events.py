"""A consumer dispatches by its declaration: what it handles, at which versions; what it ignores (a
logged skip); tombstones where it says what they do; everything else is poison."""

import logging

import marshmallow as ma
import pytest

from shared.messaging.consumer import PoisonMessageError, Record
from shared.messaging.envelope import Envelope
from shared.messaging.events import (
    ConsumerSpec,
    Handles,
    UnknownEventError,
    UnsupportedVersionError,
    load_with,
    versions,
)
from shared.messaging.topics import OUTCOMES, SHORTAGES, TopicSpec


class Reading(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    n = ma.fields.Integer(required=True)


def spec() -> ConsumerSpec[list]:
    return ConsumerSpec(
        service="vacancy",
        name="test.consumer",
        group="vacancy-service.test",
        handles=(
            Handles(
                SHORTAGES,
                "thing.happened",
                versions(1, 2),
                load_with(Reading(), "thing"),
                lambda seen, r, v: seen.append(("happened", v["n"])),
            ),
        ),
        ignores=frozenset({(SHORTAGES.name, "thing.noticed")}),
        tombstones={SHORTAGES.name: lambda seen, r: seen.append(("deleted", r.key))},
    )


def record(event_type: str | None, payload=None, version=1, topic: TopicSpec = SHORTAGES) -> Record:
    envelope = (
        None
        if event_type is None
        else Envelope(event_type, "k", payload or {"n": 1}, "p", schema_version=version)
    )
    return Record(topic.name, 0, 0, "k", envelope)


def test_a_handled_type_at_an_understood_version_reaches_its_handler_with_the_read_payload():
    seen: list = []
    dispatch = spec().dispatcher(seen)
    dispatch(record("thing.happened", {"n": 7, "added_later": True}))
    dispatch(record("thing.happened", {"n": 8}, version=2))
    assert seen == [("happened", 7), ("happened", 8)]


def test_a_version_the_consumer_does_not_understand_is_poison():
    with pytest.raises(UnsupportedVersionError):
        spec().dispatcher([])(record("thing.happened", version=3))


def test_an_unknown_type_is_poison_and_an_ignored_one_is_skipped_with_a_log_line(caplog):
    seen: list = []
    dispatch = spec().dispatcher(seen)
    with pytest.raises(UnknownEventError):
        dispatch(record("thing.vanished"))
    with caplog.at_level(logging.INFO, logger="shared.messaging.events"):
        dispatch(record("thing.noticed"))
    assert seen == [] and "declared as ignored" in caplog.text


def test_a_tombstone_does_what_the_consumer_declares_and_is_poison_where_it_declares_nothing():
    seen: list = []
    spec().dispatcher(seen)(record(None))
    assert seen == [("deleted", "k")]
    no_tombstones = ConsumerSpec(service="profile", name="t", group=None, handles=spec().handles)
    with pytest.raises(UnknownEventError):
        no_tombstones.dispatcher([])(record(None))


def test_a_payload_its_reader_rejects_and_a_topic_it_does_not_read_are_poison():
    with pytest.raises(PoisonMessageError):
        spec().dispatcher([])(record("thing.happened", {"n": "not a number"}))
    with pytest.raises(UnknownEventError):
        spec().dispatcher([])(record("thing.happened", topic=OUTCOMES))
