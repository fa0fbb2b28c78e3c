"""The operator's dead-letter tool against a real broker (outside tester 39, P8: the README said an
operator reads the dead letters and re-publishes them after a fix, and gave no way to): a dead letter is
listed with its origin and reason, re-published unchanged to the partition it came from, and refused when
it was written truncated or when a later record (a newer state, a withdrawal's tombstone) has
superseded it on a compacted topic. A dead letter is named PARTITION:OFFSET (ops40): once the dead-letter
topic has a second partition a bare offset is refused, and one run reads each topic it needs once."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from kafka import KafkaProducer

from deploy.kafka import deadletters as tool
from deploy.kafka.broker import LocalBroker, find_free_port
from shared.config import REPO_ROOT
from shared.messaging.consumer import DeadLetters
from shared.messaging.kafka import KafkaSender, make_admin, security_config
from shared.messaging.topics import CANDIDATES, DEADLETTER, PATHS, VACANCIES

pytestmark = pytest.mark.kafka


def _produce(producer: KafkaProducer, topic: str, key: str, value: bytes | None) -> SimpleNamespace:
    """Send one record and return it as a consumer would see it (topic, partition, offset, key, value)."""
    meta = producer.send(topic, key=key.encode(), value=value).get(timeout=30)
    return SimpleNamespace(
        topic=topic, partition=meta.partition, offset=meta.offset, key=key.encode(), value=value
    )


def _letter_of(settings, origin) -> tool.DeadLetter:
    return next(
        d
        for d in tool.dead_letters(settings)
        if (d.origin_topic, d.origin_partition, d.origin_offset)
        == (origin.topic, origin.partition, origin.offset)
    )


@pytest.fixture
def own_broker(tmp_path: Path) -> Iterator[LocalBroker]:
    """A broker of this test's own: it writes poison to the entity topics, which the session's shared broker
    must not hold for other tests (the relay-readiness test reads every vacancy record's payload)."""
    broker = LocalBroker(tmp_path / "kafka", find_free_port(2), libs=REPO_ROOT / ".kafka" / "libs")
    broker.start(timeout=300)
    try:
        yield broker
    finally:
        broker.stop(timeout=10)


def test_a_dead_letter_is_listed_and_republished_unchanged_unless_truncated_or_superseded(
    own_broker, capsys, monkeypatch
):
    settings = own_broker.client_settings()
    sender = KafkaSender(settings)
    producer = KafkaProducer(
        bootstrap_servers=settings.bootstrap_servers, acks="all", **security_config(settings)
    )
    try:
        dead = DeadLetters(sender, consumer_name="matching.index", max_message_bytes=64 * 1024)
        # a vacancy record the consumer could not read, nothing after it under its key
        poison = _produce(producer, VACANCIES.name, "v-dlq-1", b'{"not": "an envelope"}')
        dead.send(poison, "not an envelope")
        # a candidate's record superseded by the withdrawal's tombstone
        old = _produce(producer, CANDIDATES.name, "c-dlq-2", b'{"stale": true}')
        dead.send(old, "payload rejected")
        _produce(producer, CANDIDATES.name, "c-dlq-2", None)
        # a record too large for the dead-letter topic: written truncated
        big = _produce(producer, VACANCIES.name, "v-dlq-3", b"x" * 100_000)
        dead.send(big, "too large")
        # a vacancy's older state, superseded by a newer one
        older = _produce(producer, VACANCIES.name, "v-dlq-4", b'{"version": 1}')
        dead.send(older, "payload rejected")
        _produce(producer, VACANCIES.name, "v-dlq-4", b'{"version": 2}')
        # service-path records: of a withdrawn jobseeker (no tombstone on the paths topic: they had no
        # path; outside tester 39b, Q8) and of one whose profile is live
        _produce(producer, CANDIDATES.name, "c-dlq-5", b'{"withdrawn": "soon"}')
        gone_path = _produce(producer, PATHS.name, "c-dlq-5", b'{"path": 1}')
        dead.send(gone_path, "payload rejected")
        _produce(producer, CANDIDATES.name, "c-dlq-5", None)
        _produce(producer, CANDIDATES.name, "c-dlq-6", b'{"live": true}')
        live_path = _produce(producer, PATHS.name, "c-dlq-6", b'{"path": 2}')
        dead.send(live_path, "payload rejected")
        # a dead letter forged by a service's user: its headers name another vacancy's record (outside
        # tester 39c, R1)
        forged_meta = producer.send(
            DEADLETTER.name,
            key=b"v-forged",
            value=b'{"forged": true}',
            headers=[
                ("dlq.original.topic", VACANCIES.name.encode()),
                ("dlq.original.partition", str(poison.partition).encode()),
                ("dlq.original.offset", str(poison.offset).encode()),
                ("dlq.consumer", b"matching.index"),
                ("dlq.reason", b"poison"),
            ],
        ).get(timeout=30)
    finally:
        producer.close()
        sender.close()

    letter = _letter_of(settings, poison)
    assert (letter.consumer, letter.reason, letter.key) == ("matching.index", "not an envelope", "v-dlq-1")
    assert letter.value == b'{"not": "an envelope"}' and not letter.truncated

    # list: one line each, no value unless asked; --json gives the fields
    argv = ["--home", str(own_broker.home), "--port", str(own_broker.port)]
    assert tool.main(["list", "--json", *argv]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    mine = [x for x in lines if x["key"] in ("v-dlq-1", "c-dlq-2", "v-dlq-3")]
    assert len(mine) == 3 and all("value" not in x for x in mine)
    assert {x["origin"].split(":")[0] for x in mine} == {VACANCIES.name, CANDIDATES.name}

    # republish: the same key and value, to the partition it came from, with where it came from
    assert tool.main(["republish", f"0:{letter.offset}", *argv]) == 0
    assert "re-published to" in capsys.readouterr().out
    again = [
        m
        for m in tool.read_partitions(settings, VACANCIES.name, start={poison.partition: poison.offset + 1})
        if m.key == b"v-dlq-1"
    ]
    assert len(again) == 1 and again[0].value == b'{"not": "an envelope"}'
    assert (
        dict(again[0].headers)[tool.REPUBLISHED_FROM] == f"kohtaanto.deadletter.v1:0:{letter.offset}".encode()
    )

    # refused: the same one again, a withdrawn jobseeker's records on any topic keyed by them (an erased
    # person must not come back), a superseded state, and a truncated one; offsets given twice count once
    assert "already re-published" in (tool.refusal(letter, settings) or "")
    stale = _letter_of(settings, old)
    assert "withdrawn" in (tool.refusal(stale, settings) or "")
    assert "withdrawn" in (tool.refusal(_letter_of(settings, gone_path), settings) or "")
    assert "superseded" in (tool.refusal(_letter_of(settings, older), settings) or "")
    truncated = _letter_of(settings, big)
    assert truncated.truncated and "truncated" in (tool.refusal(truncated, settings) or "")
    forged = next(d for d in tool.dead_letters(settings) if d.offset == forged_meta.offset)
    assert "not this dead letter's key and value" in (tool.refusal(forged, settings) or "")
    # a live jobseeker's path record goes back
    live = _letter_of(settings, live_path)
    assert tool.refusal(live, settings) is None

    # one run of several jobseekers' dead letters reads the candidates topic (and the paths topic) whole once
    # (ops40: it read the candidates topic once per dead letter); a dead letter named twice, bare or as
    # PARTITION:OFFSET, is sent once
    whole_reads: list[str] = []
    read = tool.read_partitions

    def counting(settings, topic, start=None, timeout_s=30.0):  # type: ignore[no-untyped-def]
        if start is None:
            whole_reads.append(topic)
        return read(settings, topic, start=start, timeout_s=timeout_s)

    monkeypatch.setattr(tool, "read_partitions", counting)
    gone = _letter_of(settings, gone_path)
    names = [
        f"0:{stale.offset}",
        f"0:{truncated.offset}",
        f"0:{gone.offset}",
        f"0:{live.offset}",
        str(live.offset),
    ]
    whole_reads.clear()
    assert tool.main(["republish", *names, f"0:{stale.offset}", *argv]) == 1
    out, err = capsys.readouterr()
    assert (
        err.count("withdrawn") == 2
        and "truncated" in err
        and err.count(f"0:{stale.offset}: not re-published") == 1
    )
    assert out.count("re-published to") == 1 and f"0:{live.offset}: re-published to {PATHS.name}" in out
    assert sorted(whole_reads) == sorted([DEADLETTER.name, CANDIDATES.name, PATHS.name])
    monkeypatch.undo()
    assert "already re-published" in (tool.refusal(live, settings) or "")
    after = [m for m in tool.read_partitions(settings, CANDIDATES.name) if m.key == b"c-dlq-2"]
    assert after[-1].value is None, "the tombstone is still the key's latest record"

    # the dead-letter topic given a second partition: an offset alone names no dead letter any more
    from kafka.admin import NewPartitions

    admin = make_admin(settings)
    try:
        admin.create_partitions({DEADLETTER.name: NewPartitions(total_count=2)})
    finally:
        admin.close()
    producer = KafkaProducer(
        bootstrap_servers=settings.bootstrap_servers, acks="all", **security_config(settings)
    )
    try:
        again_poison = _produce(producer, VACANCIES.name, "v-dlq-7", b'{"not": "an envelope either"}')
        headers = [
            ("dlq.original.topic", VACANCIES.name.encode()),
            ("dlq.original.partition", str(again_poison.partition).encode()),
            ("dlq.original.offset", str(again_poison.offset).encode()),
            ("dlq.reason", b"not an envelope"),
        ]
        # two consumers' dead letters of one record, one on each partition (the second at offset 0)
        first = producer.send(DEADLETTER.name, key=b"v-dlq-7", value=again_poison.value, partition=0,
                              headers=[*headers, ("dlq.consumer", b"matching.index")]).get(timeout=30)  # fmt: skip
        second = producer.send(DEADLETTER.name, key=b"v-dlq-7", value=again_poison.value, partition=1,
                               headers=[*headers, ("dlq.consumer", b"matching.other")]).get(timeout=30)  # fmt: skip
    finally:
        producer.close()
    assert (second.partition, second.offset) == (1, 0)
    assert tool.main(["list", *argv]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert any(line.split()[0] == "1:0" and "matching.other" in line for line in listed)
    assert any(line.split()[0] == f"0:{first.offset}" and "matching.index" in line for line in listed)

    def sent_again() -> list:  # type: ignore[type-arg]
        start = {again_poison.partition: again_poison.offset + 1}
        return [m for m in tool.read_partitions(settings, VACANCIES.name, start=start) if m.key == b"v-dlq-7"]

    assert tool.main(["republish", "0", *argv]) == 2
    err = capsys.readouterr().err
    assert "has 2 partitions" in err and "PARTITION:OFFSET" in err and sent_again() == []
    # the first re-publishes the record; the second, read in the same run, is already re-published
    assert tool.main(["republish", "1:0", f"0:{first.offset}", *argv]) == 1
    out, err = capsys.readouterr()
    assert (
        "1:0: re-published to" in out and f"0:{first.offset}: not re-published: already re-published" in err
    )
    (back,) = sent_again()
    assert dict(back.headers)[tool.REPUBLISHED_FROM] == f"{DEADLETTER.name}:1:0".encode()
