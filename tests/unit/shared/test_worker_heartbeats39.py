"""Readiness tells the truth about a dead or stuck consumer (ops38's report: a dead worker's consumers were
invisible to ``/health/ready``). Each consumer loop beats after every poll, messages or not; the beat is
written to the service's database at most every few seconds; readiness's ``checks.workers`` is not ok (the
service ``degraded``, still 200) once a consumer has not polled holding a partition for longer than
``KOHTAANTO_WORKER_MAX_SILENCE_SECONDS``, and names it and why. A fake clock stands for time passing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from prometheus_client import CollectorRegistry, generate_latest
from sqlalchemy import MetaData, select

from shared.config import ConfigError
from shared.db import make_engine
from shared.messaging.consumer import ConsumerLoop, DeadLetters
from shared.messaging.heartbeat import (
    Beat,
    MemoryHeartbeat,
    SqlHeartbeat,
    WorkersCheck,
    beat_interval,
    heartbeats_table,
    workers_health,
)
from shared.metrics import HeartbeatCollector
from tests.helpers import FakeConsumer, FakeSender

SILENCE_S = 90.0
T0 = datetime(2026, 12, 6, 2, 0, tzinfo=UTC)


class FakeClock:
    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def beat(worker: str, at: float, *, held: float | None = None, partitions: int = 1, lag: int | None = 0,
         instance: str = "host-a:1") -> Beat:  # fmt: skip
    """A beat ``at`` seconds after T0 (held at ``held``, by default the same moment when it holds any)."""
    held_at = at if held is None and partitions else held
    return Beat(
        worker,
        instance,
        T0 + timedelta(seconds=at),
        None if held_at is None else T0 + timedelta(seconds=held_at),
        partitions,
        lag,
    )


def health(beats, now_s: float, expected=("vacancy.shortages",), since_s: float = 0.0) -> dict:
    return workers_health(
        list(expected), beats, T0 + timedelta(seconds=now_s), T0 + timedelta(seconds=since_s), SILENCE_S
    )


def test_a_consumer_that_beat_within_the_limit_is_ok_with_its_age_lag_and_process():
    check = health([beat("vacancy.shortages", 100, lag=3)], now_s=130)
    assert check == {
        "ok": True,
        "max_silence_s": SILENCE_S,
        "workers": {
            "vacancy.shortages": {
                "ok": True,
                "beat_age_s": 30.0,
                "held_age_s": 30.0,
                "live": 1,
                "lag": 3,
                "instance": "host-a:1",
            }
        },
    }


def test_a_dead_worker_degrades_readiness_naming_its_consumer_and_last_process():
    check = health([beat("vacancy.shortages", 100, instance="worker-7:4242")], now_s=100 + SILENCE_S + 1)
    assert check["ok"] is False and check["workers"]["vacancy.shortages"]["ok"] is False
    assert check["workers"]["vacancy.shortages"]["live"] == 0
    assert "vacancy.shortages" in check["reason"] and "worker-7:4242" in check["reason"]
    assert "down or stuck" in check["reason"]


def test_a_worker_never_heard_of_is_given_the_limit_from_the_checks_start_then_named():
    assert health([], now_s=SILENCE_S)["ok"] is True, "a worker starting beside the web process"
    late = health([], now_s=SILENCE_S + 1)
    assert late["ok"] is False and late["workers"]["vacancy.shortages"]["beat_age_s"] is None
    assert "vacancy.shortages" in late["reason"] and "worker running" in late["reason"]


def test_a_stored_beat_older_than_the_limit_is_named_at_once_by_a_web_process_started_after_it():
    """ops40: a web process restarted after its worker died judges the stored beat by its own time, as
    the process that ran on would; it no longer gives the dead worker the limit again from its start."""
    beats = [beat("vacancy.shortages", 0, instance="worker-7:4242")]
    check = health(beats, now_s=1000, since_s=1000)
    assert check["ok"] is False and check["workers"]["vacancy.shortages"]["beat_age_s"] == 1000.0
    assert "worker-7:4242" in check["reason"] and "down or stuck" in check["reason"]
    assert health([beat("vacancy.shortages", 950)], now_s=1000, since_s=1000)["ok"] is True, "within it"
    edge = [beat("vacancy.shortages", 1000 - SILENCE_S)]
    assert health(edge, now_s=1000, since_s=1000)["ok"] is True
    assert health(edge, now_s=1001, since_s=1000)["ok"] is False


def test_a_consumer_that_never_held_a_partition_has_the_limit_from_its_first_beat_or_the_checks_start():
    """A worker that has polled since before the web process started without ever holding a partition is
    stuck in its group's rebalance that long; one that started after the web process has the limit."""
    joining = Beat("profile.outcomes", "w:1", T0 + timedelta(seconds=999), None, 0, None,
                   started_at=T0 + timedelta(seconds=100))  # fmt: skip
    check = health([joining], now_s=1000, since_s=1000, expected=["profile.outcomes"])
    assert check["ok"] is False and "rebalance" in check["reason"] and "900 s" in check["reason"]
    fresh = Beat("profile.outcomes", "w:1", T0 + timedelta(seconds=999), None, 0, None,
                 started_at=T0 + timedelta(seconds=990))  # fmt: skip
    assert health([fresh], now_s=1000, since_s=1000, expected=["profile.outcomes"])["ok"] is True
    assert (
        health([fresh], now_s=990 + SILENCE_S + 1, since_s=1000, expected=["profile.outcomes"])["ok"] is False
    )


def test_a_consumer_stuck_in_a_rebalance_polls_but_is_named_once_it_has_held_nothing_too_long():
    stuck = [beat("profile.outcomes", 200, held=50, partitions=0)]
    check = health(stuck, now_s=201, expected=["profile.outcomes"])
    assert check["ok"] is False and check["workers"]["profile.outcomes"]["live"] == 1
    assert "profile.outcomes" in check["reason"] and "rebalance" in check["reason"]
    rejoined = [beat("profile.outcomes", 200, held=180, partitions=0)]  # a rebalance of 20 s
    assert health(rejoined, now_s=201, expected=["profile.outcomes"])["ok"] is True


def test_one_live_process_of_a_consumer_is_enough_and_the_lag_adds_up_over_the_live_ones():
    beats = [
        beat("matching.paths", 10, instance="a:1"),  # dead long ago
        beat("matching.paths", 500, lag=2, instance="b:2"),
        beat("matching.paths", 505, lag=5, instance="c:3"),
    ]
    check = health(beats, now_s=510, expected=["matching.paths"])
    paths = check["workers"]["matching.paths"]
    assert check["ok"] is True and (paths["live"], paths["lag"], paths["instance"]) == (2, 7, "c:3")


def test_each_silent_consumer_of_a_service_is_named_and_beats_of_other_services_are_ignored():
    beats = [beat("matching.paths", 500), beat("vacancy.shortages", 0)]
    check = health(beats, now_s=510, expected=["matching.paths", "matching.ratings", "matching.erasure"])
    assert check["ok"] is False and set(check["workers"]) == {
        "matching.paths",
        "matching.ratings",
        "matching.erasure",
    }
    assert "matching.ratings" in check["reason"] and "matching.erasure" in check["reason"]
    assert "matching.paths" not in check["reason"]


@pytest.fixture
def database(tmp_path):
    metadata = MetaData()
    table = heartbeats_table(metadata)
    engine = make_engine(f"sqlite:///{tmp_path / 'w.db'}")
    metadata.create_all(engine)
    return engine, table


def rows(engine, table) -> list:
    with engine.connect() as conn:
        return conn.execute(select(table).order_by(table.c.instance)).all()


def test_a_beat_is_written_at_most_every_interval_with_the_last_poll_holding_a_partition(database):
    engine, table = database
    clock = FakeClock()
    heartbeat = SqlHeartbeat(engine, table, "vacancy.shortages", instance="h:1", interval_s=5, clock=clock)
    heartbeat.beat(1, 0)
    for _ in range(9):  # polls every 0.5 s, up to 4.5 s: none written
        clock.advance(0.5)
        heartbeat.beat(1, 4)
    (row,) = rows(engine, table)
    assert row.beat_at.replace(tzinfo=UTC) == T0 and row.lag == 0
    clock.advance(0.5)
    heartbeat.beat(0, None)  # 5 s: written; a rebalance has taken its partition
    (row,) = rows(engine, table)
    assert row.beat_at.replace(tzinfo=UTC) == T0 + timedelta(seconds=5)
    assert row.held_at.replace(tzinfo=UTC) == T0 + timedelta(seconds=4.5), "its last poll holding one"
    assert (row.partitions, row.lag, row.instance) == (0, None, "h:1")


def test_a_database_that_fails_stops_no_consumer_and_the_beat_is_written_when_it_answers(database, tmp_path):
    engine, table = database
    clock = FakeClock()
    broken = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")  # no such table: every write fails
    heartbeat = SqlHeartbeat(broken, table, "vacancy.shortages", instance="h:1", clock=clock)
    heartbeat.beat(1, 0)  # does not raise
    heartbeat.engine = engine
    clock.advance(0.5)
    heartbeat.beat(1, 0)
    assert len(rows(engine, table)) == 1, "retried at the next poll, not after the interval"


def test_a_restarted_worker_adds_its_process_and_forgets_processes_stopped_a_day_ago(database):
    engine, table = database
    clock = FakeClock()
    SqlHeartbeat(engine, table, "vacancy.shortages", instance="old:1", clock=clock).beat(1, 0)
    clock.advance(600)
    SqlHeartbeat(engine, table, "vacancy.shortages", instance="new:2", clock=clock).beat(1, 0)
    assert [r.instance for r in rows(engine, table)] == ["new:2", "old:1"]
    clock.advance(2 * 86400)
    SqlHeartbeat(engine, table, "vacancy.shortages", instance="newer:3", clock=clock).beat(1, 0)
    assert [r.instance for r in rows(engine, table)] == ["newer:3"]


class AssignedConsumer(FakeConsumer):
    """Holds one partition, as a group member after its assignment."""

    def assignment(self) -> set:
        return {self.tp}

    def highwater(self, tp):
        return 10

    def position(self, tp, timeout_ms=0):
        return 7


def test_the_loop_beats_on_every_poll_of_an_idle_topic(database):
    """An idle topic is not a dead consumer: no message for an hour still beats every interval."""
    engine, table = database
    clock = FakeClock()
    heartbeat = SqlHeartbeat(engine, table, "vacancy.shortages", instance="h:1", interval_s=5, clock=clock)
    loop = ConsumerLoop(
        AssignedConsumer([]), lambda record: None, DeadLetters(FakeSender()), name="vacancy.shortages",
        heartbeat=heartbeat,
    )  # fmt: skip
    check = WorkersCheck(engine, ["vacancy.shortages"], SILENCE_S, clock=clock)
    for _ in range(3600 * 2):
        assert loop.poll_once() is True
        clock.advance(0.5)
    assert check()["ok"] is True
    (row,) = rows(engine, table)
    assert (row.partitions, row.lag) == (1, 3), "one partition held, 10 - 7 messages behind"
    assert check()["workers"]["vacancy.shortages"]["beat_age_s"] <= 5.0


def test_a_loop_that_stops_polling_is_named_once_the_limit_has_passed(database):
    engine, table = database
    clock = FakeClock()
    heartbeat = SqlHeartbeat(engine, table, "vacancy.shortages", instance="h:1", clock=clock)
    loop = ConsumerLoop(
        AssignedConsumer([]), lambda r: None, DeadLetters(FakeSender()), name="c", heartbeat=heartbeat
    )
    check = WorkersCheck(engine, ["vacancy.shortages"], SILENCE_S, clock=clock)
    loop.poll_once()
    clock.advance(SILENCE_S)
    assert check()["ok"] is True
    clock.advance(1)
    assert check()["ok"] is False and "vacancy.shortages" in check()["reason"]


def test_a_consumer_of_the_web_process_itself_is_read_from_memory(database):
    """The matching index's feed runs in every web process: its beats are that process's own."""
    engine, _ = database
    clock = FakeClock()
    check = WorkersCheck(engine, [], SILENCE_S, clock=clock)
    feed = MemoryHeartbeat("matching.index", clock=clock)
    check.watch(feed)
    feed.beat(4, 0)
    clock.advance(SILENCE_S + 1)
    assert check()["workers"]["matching.index"]["ok"] is False
    feed.beat(4, 0)
    assert check() == {
        "ok": True,
        "max_silence_s": SILENCE_S,
        "workers": {
            "matching.index": {
                "ok": True,
                "beat_age_s": 0.0,
                "held_age_s": 0.0,
                "live": 1,
                "lag": 0,
                "instance": feed.instance,
            }
        },
    }


def test_metrics_give_each_consumers_heartbeat_age(database):
    engine, table = database
    clock = FakeClock()
    SqlHeartbeat(engine, table, "profile.outcomes", instance="h:1", clock=clock).beat(1, 0)
    clock.advance(12.5)
    check = WorkersCheck(engine, ["profile.outcomes", "profile.training"], SILENCE_S, clock=clock)
    registry = CollectorRegistry()
    registry.register(HeartbeatCollector(check.ages))
    text = generate_latest(registry).decode()
    assert 'kohtaanto_worker_heartbeat_age_seconds{worker="profile.outcomes"} 12.5' in text
    assert 'worker="profile.training"' not in text, "never heard of: no sample"


def test_the_beat_interval_stays_within_a_short_limit():
    assert beat_interval(90.0) == 5.0
    assert beat_interval(4.0) == 1.0


def test_the_silence_limit_outlasts_a_hard_restarts_rebalance_reads_the_environment_and_refuses_zero(
    monkeypatch,
):
    """A worker killed and started again rejoins its group once the dead member's session has expired:
    the default must not call that gap a dead worker."""
    from kafka import KafkaConsumer

    from services.vacancy.config import Settings
    from tests.helpers import common_settings

    session_s = KafkaConsumer.DEFAULT_CONFIG["session_timeout_ms"] / 1000
    default = common_settings("vacancy", "sqlite://").worker_max_silence_seconds
    assert default > session_s + beat_interval(default)
    monkeypatch.setenv("KOHTAANTO_WORKER_MAX_SILENCE_SECONDS", "30")
    monkeypatch.setenv("KOHTAANTO_JWT_SECRET", "s" * 40)
    assert Settings.from_env().common.worker_max_silence_seconds == 30
    monkeypatch.setenv("KOHTAANTO_WORKER_MAX_SILENCE_SECONDS", "0")
    with pytest.raises(ConfigError, match="KOHTAANTO_WORKER_MAX_SILENCE_SECONDS"):
        Settings.from_env()
