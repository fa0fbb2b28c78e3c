"""A garbage message on a topic goes to the dead-letter topic and the consumer keeps working."""

from __future__ import annotations

import pytest

from deploy.http_client import call, wait_for
from shared.messaging.kafka import KafkaSender, make_consumer
from tests.helpers import profile_body, token

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
    before = indexed(stack)
    r = call(
        "PUT",
        f"{stack.url('profile')}/api/v1/profiles/after-garbage",
        token("coach", "tampere-tyollisyys"),
        profile_body(consented_orgs=[]),
    )
    assert r.status == 201

    wait_for(lambda: indexed(stack) > before, timeout=60, what="the profile pushed after the garbage")

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
