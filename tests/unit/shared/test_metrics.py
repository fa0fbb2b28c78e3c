"""What /metrics tells an operator: consumer lag and offsets, dead letters, the outbox backlog and age,
readiness; request latency by route template."""

from __future__ import annotations

from collections import namedtuple
from datetime import UTC, datetime, timedelta

from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import MetaData, insert

from shared import metrics
from shared.db import make_engine
from shared.messaging.consumer import ConsumerLoop, DeadLetters
from shared.messaging.envelope import Envelope
from shared.messaging.outbox import outbox_table
from tests.helpers import FakeSender

TP = namedtuple("TP", "topic partition")
Message = namedtuple("Message", "topic partition offset key value")


def samples(text: bytes | str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """``{(sample name, sorted labels): value}`` of an exposition."""
    text = text.decode() if isinstance(text, bytes) else text
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def value(text: bytes | str, name: str, **labels: str) -> float | None:
    return samples(text).get((name, tuple(sorted(labels.items()))))


class LaggingConsumer:
    """Serves one batch of a partition whose high watermark is further on, like kafka-python's."""

    def __init__(self, messages: list[Message], highwater: int) -> None:
        self.tp = TP("kohtaanto.test.v1", 2)
        self.pending = messages
        self.high = highwater
        self.position_ = 0

    def poll(self, timeout_ms: int = 0) -> dict[TP, list[Message]]:
        batch, self.pending = self.pending, []
        if batch:
            self.position_ = batch[-1].offset + 1
        return {self.tp: batch} if batch else {}

    def assignment(self) -> set[TP]:
        return {self.tp}

    def highwater(self, tp: TP) -> int:
        return self.high

    def position(self, tp: TP, timeout_ms: int | None = None) -> int:
        return self.position_

    def commit(self, offsets: object) -> None:
        pass

    def seek(self, tp: TP, offset: int) -> None:
        pass

    def close(self) -> None:
        pass


def message(offset: int, value: bytes | None = None) -> Message:
    body = value if value is not None else Envelope("e", "k", {"n": offset}, producer="p").encode()
    return Message("kohtaanto.test.v1", 2, offset, b"k", body)


def test_a_consumer_reports_its_lag_last_offset_and_dead_letters_per_partition() -> None:
    consumer = LaggingConsumer([message(0), message(1, b"not an envelope"), message(2)], highwater=10)
    loop = ConsumerLoop(consumer, lambda r: None, DeadLetters(FakeSender(), "dlq", "lagging"), name="lagging")
    before = value(
        metrics.exposition([]), "kohtaanto_dead_letters_total", consumer="lagging", topic=consumer.tp.topic
    )
    loop.poll_once()
    text = metrics.exposition([])
    where = {"consumer": "lagging", "topic": "kohtaanto.test.v1", "partition": "2"}
    assert value(text, "kohtaanto_consumer_lag_messages", **where) == 7
    assert value(text, "kohtaanto_consumer_last_handled_offset", **where) == 2
    dead = value(text, "kohtaanto_dead_letters_total", consumer="lagging", topic="kohtaanto.test.v1")
    assert dead == (before or 0) + 1
    metrics.forget_consumer("lagging")
    assert value(metrics.exposition([]), "kohtaanto_consumer_lag_messages", **where) is None


def test_the_outbox_backlog_and_the_age_of_its_oldest_row_are_read_from_the_database(tmp_path) -> None:
    metadata = MetaData()
    table = outbox_table(metadata)
    engine = make_engine(f"sqlite:///{tmp_path / 'o.db'}")
    metadata.create_all(engine)
    collector = metrics.OutboxCollector(engine, table)
    text = metrics.exposition([collector])
    assert value(text, "kohtaanto_outbox_pending") == 0
    assert value(text, "kohtaanto_outbox_oldest_pending_age_seconds") == 0
    now = datetime.now(UTC)
    with engine.begin() as conn:
        for age_min, published in ((30, None), (10, None), (90, now)):
            conn.execute(
                insert(table).values(
                    topic="t",
                    message_key="k",
                    value=b"v",
                    event_type="e",
                    created_at=now - timedelta(minutes=age_min),
                    published_at=published,
                )
            )
    text = metrics.exposition([collector])
    assert value(text, "kohtaanto_outbox_pending") == 2
    age = value(text, "kohtaanto_outbox_oldest_pending_age_seconds")
    assert age is not None and 30 * 60 <= age < 31 * 60, "the oldest unpublished row, not the published one"


def test_health_checks_become_gauges_and_readiness_follows_the_required_ones() -> None:
    checks = {"database": lambda: {"ok": True}, "kafka": lambda: {"ok": False}}
    text = metrics.exposition([metrics.ChecksCollector(checks, {"database"})])
    assert value(text, "kohtaanto_check_ok", check="kafka") == 0
    assert value(text, "kohtaanto_ready") == 1
    text = metrics.exposition([metrics.ChecksCollector(checks, {"database", "kafka"})])
    assert value(text, "kohtaanto_ready") == 0


def test_a_scrape_time_gauge_that_cannot_read_its_database_leaves_the_others_served(tmp_path) -> None:
    # (review39: with the database down, the outbox's and the heartbeats' gauges raised and /metrics
    # answered 500, losing `kohtaanto_check_ok{check="database"} 0` when an alert needs it)
    engine = make_engine(f"sqlite:///{tmp_path / 'missing' / 'o.db'}")  # (its folder does not exist)
    checks = {"database": lambda: {"ok": False}}
    text = metrics.exposition(
        [
            metrics.OutboxCollector(engine, outbox_table(MetaData())),
            metrics.HeartbeatCollector(lambda: 1 / 0),  # type: ignore[arg-type,return-value]
            metrics.ChecksCollector(checks, {"database"}),
        ]
    )
    assert value(text, "kohtaanto_check_ok", check="database") == 0
    assert value(text, "kohtaanto_ready") == 0
    assert value(text, "kohtaanto_outbox_pending") is None
