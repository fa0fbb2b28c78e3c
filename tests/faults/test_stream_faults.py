"""Poison among valid records, a record too large to dead-letter whole, and the matching consumer
killed (kill -9) mid-stream: every bad record is dead-lettered exactly once (also after the restart
that re-reads the topics from the start), every valid one is applied, and matching becomes ready
again."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter

import pytest

from deploy.http_client import call
from shared.messaging.envelope import Envelope
from shared.messaging.kafka import KafkaSender
from shared.messaging.topics import CANDIDATES, MAX_MESSAGE_BYTES, VACANCIES
from tests.faults.harness import Figures, ProfileWriter, dead_letters, ready_after, settle

pytestmark = [pytest.mark.kafka, pytest.mark.e2e, pytest.mark.faults]

V1_CANDIDATE = {
    "candidate_id": "x",
    "version": 1,
    "skills": [],
    "municipality": "837",
    "max_commute_km": 10,
    "available_from": "2026-12-01",
}


def envelope(event_type: str, key: str, payload: dict, version: int = 1) -> bytes:
    return Envelope(event_type, key, payload, "foreign", schema_version=version).encode()


def poison(i: int) -> tuple[str, str, bytes]:
    """The i-th poison record (topic, key, value), cycling through every kind."""
    key = f"poison-{i}"
    kinds = [
        (CANDIDATES.name, b"\x00\xffnot JSON at all"),
        (CANDIDATES.name, b'["a", "JSON", "array"]'),
        (VACANCIES.name, b'{"event_id": "1", "event_type": "vacancy.posted"}'),  # not a whole envelope
        (CANDIDATES.name, envelope("candidate.merged", key, {"into": "c-1"})),  # unknown type
        (VACANCIES.name, envelope("vacancy.archived", key, {"vacancy_id": key})),  # unknown type
        (CANDIDATES.name, envelope("candidate.upserted", key, {**V1_CANDIDATE, "candidate_id": key}, 2)),
        (CANDIDATES.name, envelope("candidate.upserted", key, {"candidate_id": key, "version": 1})),
        # ~1 MiB: fits the broker, but not once a dead letter's headers are added
        (CANDIDATES.name, b"{" + b" " * (MAX_MESSAGE_BYTES - 300) + b"}"),
    ]
    topic, value = kinds[i % len(kinds)]
    return topic, key, value


def letters_by_key(broker, keys: set[bytes], consumer: bytes = b"matching.index") -> Counter:
    """Dead letters per key sent by ``consumer``. Every consumer dead-letters what it cannot read
    under its own name: besides the index feed, the matching worker's erasure consumer reads the
    candidates topic (for withdrawals) and dead-letters the candidates topic's unreadable records."""
    return Counter(
        r.key for r in dead_letters(broker, keys) if dict(r.headers).get("dlq.consumer") == consumer
    )


def test_poison_and_a_consumer_kill_mid_stream(faults_broker, faults_stack, scale, report):
    stack = faults_stack
    poison_figures = Figures(f"{scale.poison} poison among {scale.valid}")
    writer = ProfileWriter(stack)
    operator = KafkaSender(faults_broker.client_settings(), timeout_s=60)
    keys: set[bytes] = set()
    valid = threading.Thread(target=writer.put_many, args=([f"stream-{i}" for i in range(scale.valid)],))
    valid.start()
    try:
        while len(keys) < scale.poison:  # poison spread among the valid writes
            target = len(writer.writes) * scale.poison // scale.valid
            while len(keys) <= target and len(keys) < scale.poison:
                topic, key, value = poison(len(keys))
                operator.send(topic, key, value)
                keys.add(key.encode())
            time.sleep(0.05)
    finally:
        valid.join()
        operator.close()
    poison_figures.dead_letters_expected = len(keys)
    writer.tally(poison_figures)
    settle(stack, writer, poison_figures, timeout=300, expect=lambda w: w.version)
    deadline = time.monotonic() + 120
    while len(letters_by_key(faults_broker, keys)) < len(keys) and time.monotonic() < deadline:
        time.sleep(1)
    before = letters_by_key(faults_broker, keys)
    erasure_before = letters_by_key(faults_broker, keys, b"matching.erasure")
    poison_figures.dead_letters = sum(before.values())
    poison_figures.notes["erasure_consumer_dead_letters"] = sum(erasure_before.values())
    truncated = [r for r in dead_letters(faults_broker, keys) if dict(r.headers).get("dlq.truncated")]
    poison_figures.notes["truncated_dead_letters"] = len(truncated)

    # kill -9 the matching process while a stream of updates flows; it rebuilds from the topics
    kill_figures = Figures("matching kill -9 mid-stream")
    stream = ProfileWriter(stack)
    ids = [f"stream-{i % scale.valid}" for i in range(scale.stream_updates)]
    flowing = threading.Thread(target=stream.put_many, args=(ids,), kwargs={"pace_s": 0.01}, daemon=True)
    flowing.start()
    while len(stream.writes) < len(ids) // 3:
        time.sleep(0.05)
    stack.crash("matching-web")
    killed = time.monotonic()
    stack.spawn("matching-web")
    kill_figures.time_to_ready_s = ready_after(stack, "matching", killed)
    flowing.join()
    stream.tally(kill_figures)
    stream.writes = stream.writes + [w for w in writer.writes if w.profile_id not in set(ids)]
    settle(stack, stream, kill_figures, timeout=300, expect=lambda w: w.version)
    status = call("GET", f"{stack.url('matching')}/health/ready").json()["checks"]["index"]
    kill_figures.notes["index_after_restart"] = {k: status.get(k) for k in ("catch_up_seconds", "candidates")}
    after = letters_by_key(faults_broker, keys)
    erasure_after = letters_by_key(faults_broker, keys, b"matching.erasure")
    kill_figures.dead_letters = sum(after.values())
    kill_figures.dead_letters_expected = len(keys)
    kill_figures.notes["dead_letters_known_after_restart"] = status.get("dead_letters_known")
    report.add(poison_figures)
    report.add(kill_figures)

    assert poison_figures.writes_lost == 0 and poison_figures.server_errors == 0
    assert set(before) == keys and set(before.values()) == {1}, "every poison record dead-lettered once"
    assert len(truncated) >= 1
    for letter in truncated:
        headers = dict(letter.headers)
        assert headers["dlq.original.topic"] == CANDIDATES.name.encode() and headers["dlq.reason"]
        assert int(headers["dlq.original.size"]) > len(letter.value)
    assert kill_figures.writes_lost == 0 and kill_figures.server_errors == 0
    assert after == before, "the restart re-read the topics and sent no dead letter again"
    assert set(erasure_after.values()) <= {1}, "the erasure consumer dead-letters a record once too"
    [unknown_type] = [
        r
        for r in dead_letters(faults_broker, {b"poison-3"})
        if dict(r.headers)["dlq.consumer"] == b"matching.index"
    ]
    headers = dict(unknown_type.headers)
    assert headers["dlq.consumer"] == b"matching.index"
    assert b"UnknownEventError" in headers["dlq.reason"] and b"candidate.merged" in headers["dlq.reason"]
    assert json.loads(unknown_type.value)["event_type"] == "candidate.merged"
