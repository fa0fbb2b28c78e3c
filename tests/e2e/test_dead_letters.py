"""A garbage message on a topic goes to the dead-letter topic and the consumer keeps working."""

from __future__ import annotations

import pytest

from deploy.http_client import call, wait_for
from shared.messaging.envelope import Envelope
from shared.messaging.kafka import KafkaSender, make_consumer
from tests.helpers import USE_WELDING_EQUIPMENT as WELDING
from tests.helpers import candidate_payload, profile_body, token

pytestmark = [pytest.mark.e2e, pytest.mark.kafka]


def dead_letters(broker) -> list:
    settings = broker.client_settings()  # operators (admin) read dead letters; the services may not
    consumer = make_consumer(settings, group_id=None, consumer_timeout_ms=2000)
    try:
        consumer.subscribe([settings.dead_letter_topic])
        return list(consumer)
    finally:
        consumer.close()


def indexed(stack) -> int:
    return call("GET", f"{stack.url('matching')}/health/ready").json()["checks"]["index"]["candidates"]


def push_a_profile_and_wait(stack, profile_id: str) -> int:
    """A coach pushes a profile; returns the index's candidate count before it, once it is indexed."""
    before = indexed(stack)
    r = call(
        "PUT",
        f"{stack.url('profile')}/api/v1/profiles/{profile_id}",
        token("coach", "tampere-tyollisyys"),
        profile_body(consented_orgs=[]),
    )
    assert r.status == 201
    wait_for(lambda: indexed(stack) > before, timeout=60, what=f"the profile {profile_id} pushed after them")
    return before


def test_garbage_goes_to_dead_letters_and_the_next_profile_is_still_indexed(stack, kafka_broker):
    settings = kafka_broker.client_settings()  # an operator injecting garbage (the services may not)
    sender = KafkaSender(settings)
    try:
        sender.send(settings.candidates_topic, "c-garbage", b"\x00not an envelope at all")
        sender.send(
            settings.candidates_topic, "c-halfway", b'{"event_id": "1", "event_type": "candidate.upserted"}'
        )
    finally:
        sender.close()
    push_a_profile_and_wait(stack, "after-garbage")

    # Every consumer of the topic dead-letters what it cannot read, under its own name (the index
    # feed, and the worker's erasure consumer, which reads the candidates topic for withdrawals).
    def index_letters():
        found = [m for m in dead_letters(kafka_broker) if m.key in (b"c-garbage", b"c-halfway")]
        return [m for m in found if dict(m.headers)["dlq.consumer"] == b"matching.index"] or None

    letters = wait_for(index_letters, timeout=60, what="the dead letters")
    assert {m.value for m in letters} >= {b"\x00not an envelope at all"}
    headers = dict(letters[0].headers)
    assert headers["dlq.original.topic"] == settings.candidates_topic.encode()
    assert headers["dlq.reason"]

    # Outside tester 19, P9: after a restart of matching, /health/ready said 0 dead letters while its
    # table held 4. `checks.dead_letters` counts the table; the index's counts are since its start.
    def stored() -> dict[str, int]:
        return call("GET", f"{stack.url('matching')}/health/ready").json()["checks"]["dead_letters"][
            "by_consumer"
        ]

    before = wait_for(
        lambda: stored() if stored().get("matching.index", 0) >= 2 else None, timeout=60, what="counted"
    )
    stack.restart("matching")
    ready = call("GET", f"{stack.url('matching')}/health/ready").json()["checks"]
    assert ready["dead_letters"]["by_consumer"]["matching.index"] == before["matching.index"]
    assert ready["dead_letters"]["stored"] >= 2 and ready["dead_letters"]["latest"]
    assert ready["index"]["dead_lettered"] == 0, "since this start: the poison was not sent again"


def _candidate_payload(cid: str, **changes) -> dict:
    return candidate_payload(cid, skill=WELDING, work_history=[], **changes)


def test_well_formed_envelopes_whose_payload_breaks_the_field_table_are_dead_letters(stack, kafka_broker):
    """Outside tester 9, K1, through the real broker: a record the profile API would never write (a
    skill level outside the vocabulary, a working time outside it, a payload naming another id than
    its key, a municipality code that names no municipality) is a dead letter of the index's consumer,
    not a log line, and is not indexed; a profile pushed after them still is."""
    settings = kafka_broker.client_settings()
    bad = {
        "c-" + "4" * 24: _candidate_payload("c-" + "4" * 24, skills=[{"uri": "s:x", "level": "godlike"}]),
        "c-" + "7" * 24: _candidate_payload("c-" + "7" * 24, working_time="sometimes"),
        "c-" + "e" * 24: _candidate_payload("c-" + "f" * 24),
        "c-" + "9" * 24: _candidate_payload("c-" + "9" * 24, municipality="999"),
    }
    sender = KafkaSender(settings)
    try:
        for key, payload in bad.items():
            envelope = Envelope("candidate.upserted", key, payload, producer="profile-service")
            sender.send(settings.candidates_topic, key, envelope.encode())
    finally:
        sender.close()
    before = push_a_profile_and_wait(stack, "after-bad-payloads")

    def index_letters():
        found = {
            m.key.decode(): dict(m.headers)
            for m in dead_letters(kafka_broker)
            if m.key and m.key.decode() in bad and dict(m.headers)["dlq.consumer"] == b"matching.index"
        }
        return found if len(found) == len(bad) else None

    letters = wait_for(index_letters, timeout=60, what="a dead letter for each bad payload")
    assert all(h["dlq.reason"] for h in letters.values())
    # None of them was indexed: the count rose by the one good profile only.
    assert indexed(stack) == before + 1
