"""Worker heartbeats: each consumer loop says, in its service's database, that it is alive and consuming,
and ``/health/ready`` reads it (``checks.workers``).

A consumer that died, hangs in a handler or is stuck in a consumer-group rebalance consumes nothing, yet
the web process answers as before: its readiness could not see it (ops38). So every consumer loop beats
after each poll, with or without messages (an idle topic is not a dead consumer), and writes the beat to
the ``worker_heartbeats`` table at most every ``BEAT_INTERVAL_S`` seconds: one row per consumer name and
process (``host:pid``) with the time of its last poll, the last poll at which it held a partition (a
member waiting in a rebalance polls but holds none) and how many messages it is behind.

``workers_health`` turns the rows into the readiness check: a consumer is ok while one of its processes
has polled holding a partition within ``max_silence_s`` (``KOHTAANTO_WORKER_MAX_SILENCE_SECONDS``);
otherwise the service is ``degraded`` (still 200), with the consumer named and why.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol, overload

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger(__name__)

TABLE = "worker_heartbeats"

#: Seconds between two writes of one consumer's beat (it polls every 0.5 s or faster; the row is
#: written on the first poll after this many seconds). Far below any sensible silence limit.
BEAT_INTERVAL_S = 5.0


def beat_interval(max_silence_s: float) -> float:
    """Seconds between a consumer's beat writes under a silence limit of ``max_silence_s`` seconds:
    ``BEAT_INTERVAL_S``, or a quarter of the limit when that is shorter (a limit of a few seconds in a
    test), so a live consumer always has beaten within the limit."""
    return min(BEAT_INTERVAL_S, max_silence_s / 4)


#: A beat row untouched this long (a process that stopped long ago) is deleted by the next process
#: of the same consumer that starts beating.
KEEP = timedelta(days=1)


def heartbeats_table(metadata: MetaData) -> Table:
    """The ``worker_heartbeats`` table in ``metadata``: one row per consumer name and process."""
    return Table(
        TABLE,
        metadata,
        Column("worker", String(100), primary_key=True),  # the consumer's name, e.g. "matching.paths"
        Column("instance", String(200), primary_key=True),  # "host:pid" of its process
        Column("started_at", DateTime(timezone=True), nullable=False),  # the process's first beat
        Column("beat_at", DateTime(timezone=True), nullable=False),  # its last poll
        Column("held_at", DateTime(timezone=True), nullable=True),  # its last poll holding a partition
        Column("partitions", Integer, nullable=False),  # partitions held at ``beat_at``
        Column("lag", BigInteger, nullable=True),  # messages behind over them (None: not known yet)
    )


def this_instance() -> str:
    """This process as a heartbeat names it: ``host:pid``."""
    return f"{socket.gethostname()}:{os.getpid()}"


class Heartbeat(Protocol):
    """What a consumer loop calls after each poll."""

    def beat(self, partitions: int, lag: int | None) -> None:
        """The loop polled, holding ``partitions`` partitions, ``lag`` messages behind over them (None
        when not known). Never raises."""
        ...


@dataclass(frozen=True, slots=True)
class Beat:
    """One process's last beat of a consumer: times are aware, UTC."""

    worker: str
    instance: str
    beat_at: datetime
    held_at: datetime | None
    partitions: int
    lag: int | None
    started_at: datetime | None = None  # the process's first beat (None: not known)


class MemoryHeartbeat:
    """A consumer's beats kept in this process (the matching index's feed, which every web process runs
    itself): ``last`` is the latest, None before the first poll."""

    def __init__(self, worker: str, clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.worker = worker
        self.instance = this_instance()
        self.clock = clock
        self.last: Beat | None = None

    def beat(self, partitions: int, lag: int | None) -> None:
        now = self.clock()
        held = now if partitions > 0 else (self.last.held_at if self.last else None)
        started = self.last.started_at if self.last else now
        self.last = Beat(self.worker, self.instance, now, held, partitions, lag, started)


class SqlHeartbeat:
    """A consumer's beats written to the ``worker_heartbeats`` table of ``engine``'s database, at most
    every ``interval_s`` seconds; a database error is logged (once until a write succeeds again) and
    the beat tried again at the next poll."""

    def __init__(
        self,
        engine: Engine,
        table: Table,
        worker: str,
        *,
        instance: str | None = None,
        interval_s: float = BEAT_INTERVAL_S,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.engine = engine
        self.table = table
        self.memory = MemoryHeartbeat(worker, clock)
        if instance is not None:
            self.memory.instance = instance
        self.interval = timedelta(seconds=interval_s)
        self.started_at: datetime | None = None
        self._written_at: datetime | None = None
        self._failing = False

    def beat(self, partitions: int, lag: int | None) -> None:
        self.memory.beat(partitions, lag)
        last = self.memory.last
        assert last is not None
        if self._written_at is not None and last.beat_at - self._written_at < self.interval:
            return
        try:
            self._write(last)
        except SQLAlchemyError as exc:
            if not self._failing:
                log.warning("heartbeat not written", extra={"worker": last.worker, "error": repr(exc)})
            self._failing = True
            return
        self._failing = False
        self._written_at = last.beat_at

    def _write(self, last: Beat) -> None:
        t = self.table
        values = {
            "beat_at": last.beat_at,
            "held_at": last.held_at,
            "partitions": last.partitions,
            "lag": last.lag,
        }
        mine = (t.c.worker == last.worker, t.c.instance == last.instance)
        with self.engine.begin() as conn:
            if self.started_at is None:  # first beat of this process: forget long-stopped ones
                conn.execute(delete(t).where(t.c.worker == last.worker, t.c.beat_at < last.beat_at - KEEP))
            if conn.execute(update(t).where(*mine).values(**values)).rowcount == 0:
                conn.execute(
                    insert(t).values(
                        worker=last.worker, instance=last.instance, started_at=last.beat_at, **values
                    )
                )
        if self.started_at is None:
            self.started_at = last.beat_at


def worker_heartbeat(engine: Engine, worker: str, **kwargs: Any) -> SqlHeartbeat:
    """``worker``'s heartbeat in ``engine``'s database (the table is declared in every service's schema
    that runs a consumer, created by its migrations; this only names it)."""
    return SqlHeartbeat(engine, heartbeats_table(MetaData()), worker, **kwargs)


def _age(now: datetime, then: datetime | None) -> float | None:
    return None if then is None else max((now - then).total_seconds(), 0.0)


def workers_health(
    expected: Sequence[str],
    beats: Iterable[Beat],
    now: datetime,
    watching_since: datetime,
    max_silence_s: float,
) -> dict[str, Any]:
    """``checks.workers`` of ``/health/ready`` at ``now`` (aware, UTC) from the ``beats`` of every
    process: each ``expected`` consumer is ok while one of its processes polled holding a partition
    within ``max_silence_s`` seconds. A consumer none of whose processes has ever held a partition is
    given that limit from ``watching_since`` (the check's start: a worker starting beside the web
    process has not beaten yet) or from its first process's first beat (``Beat.started_at``), whichever
    is earlier. A stored beat is judged by its own time whenever the check started: a web process
    restarted after its worker died is ``degraded`` at once when the last beat is already older than
    the limit, as the process that ran on would be (ops40; it used to wait the limit from its start).

    Gives ``ok``, ``max_silence_s`` and per consumer in ``workers``: ``ok``, ``beat_age_s`` (seconds
    since any process of it last polled; None: never), ``held_age_s`` (since it last polled holding a
    partition), ``live`` (processes that polled within the limit), ``lag`` (messages behind over
    theirs; None: not known) and ``instance`` (``host:pid`` of the latest beat). When not ok,
    ``reason`` (English, for the operator) names each silent consumer and why."""
    by_worker: dict[str, list[Beat]] = {name: [] for name in expected}
    for beat in beats:
        if beat.worker in by_worker:
            by_worker[beat.worker].append(beat)
    workers: dict[str, dict[str, Any]] = {}
    reasons = []
    for name, mine in by_worker.items():
        latest = max(mine, key=lambda b: b.beat_at, default=None)
        held = max((b.held_at for b in mine if b.held_at is not None), default=None)
        live = [b for b in mine if (now - b.beat_at).total_seconds() <= max_silence_s]
        lags = [b.lag for b in live if b.lag is not None]
        beat_age, held_age = _age(now, latest.beat_at if latest else None), _age(now, held)
        if held is None:  # never held a partition: the grace runs from the check's or the worker's start
            started = [b.started_at for b in mine if b.started_at is not None]
            silent = _age(now, min([watching_since, *started])) or 0.0
        else:
            silent = _age(now, held) or 0.0
        ok = silent <= max_silence_s
        workers[name] = {
            "ok": ok,
            "beat_age_s": None if beat_age is None else round(beat_age, 1),
            "held_age_s": None if held_age is None else round(held_age, 1),
            "live": len(live),
            "lag": sum(lags) if lags else None,
            "instance": latest.instance if latest else None,
        }
        if ok:
            continue
        if latest is None:
            reasons.append(f"{name}: no heartbeat in {silent:.0f} s: is the service's worker running?")
        elif live:
            reasons.append(
                f"{name}: polls but has held no partition for {silent:.0f} s, more than "
                f"{max_silence_s:g} s: stuck in a consumer-group rebalance?"
            )
        else:
            reasons.append(
                f"{name}: last heartbeat {beat_age:.0f} s ago (from {latest.instance}), more than "
                f"{max_silence_s:g} s: the worker is down or stuck"
            )
    detail: dict[str, Any] = {
        "ok": not reasons,
        "max_silence_s": max_silence_s,
        "workers": workers,
    }
    if reasons:
        detail["reason"] = "; ".join(reasons)
    return detail


class WorkersCheck:
    """``checks.workers``: ``workers_health`` over the beats of the ``expected`` consumers in the
    database and those of consumers running in this process (``watch``), read at each call.
    ``max_silence_s``: ``CommonSettings.worker_max_silence_seconds``; ``clock`` gives the aware UTC now.
    Raises SQLAlchemy's errors when the database does not answer."""

    def __init__(
        self,
        engine: Engine,
        expected: Sequence[str],
        max_silence_s: float,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.engine = engine
        self.table = heartbeats_table(MetaData())
        self.expected = list(expected)
        self.max_silence_s = max_silence_s
        self.clock = clock
        self.since = clock()
        self.local: list[MemoryHeartbeat] = []

    def watch(self, heartbeat: MemoryHeartbeat) -> None:
        """Also report ``heartbeat``, a consumer of this process (expected from now on)."""
        self.local.append(heartbeat)
        if heartbeat.worker not in self.expected:
            self.expected.append(heartbeat.worker)

    def beats(self) -> list[Beat]:
        """Every process's latest beat of the expected consumers (times aware, UTC)."""
        t = self.table
        found: list[Beat] = [h.last for h in self.local if h.last is not None]
        stored = [n for n in self.expected if n not in {h.worker for h in self.local}]
        if stored:
            with self.engine.connect() as conn:
                rows = conn.execute(
                    select(
                        t.c.worker,
                        t.c.instance,
                        t.c.beat_at,
                        t.c.held_at,
                        t.c.partitions,
                        t.c.lag,
                        t.c.started_at,
                    ).where(t.c.worker.in_(stored))
                ).all()
            found += [
                Beat(
                    r.worker,
                    r.instance,
                    _utc(r.beat_at),
                    _utc(r.held_at),
                    r.partitions,
                    r.lag,
                    _utc(r.started_at),
                )
                for r in rows
            ]
        return found

    def __call__(self) -> dict[str, Any]:
        return workers_health(self.expected, self.beats(), self.clock(), self.since, self.max_silence_s)

    def ages(self) -> Mapping[str, float | None]:
        """Seconds since each expected consumer last polled holding a partition (None: never), for
        ``/metrics``."""
        now = self.clock()
        held: dict[str, datetime | None] = dict.fromkeys(self.expected)
        for beat in self.beats():
            last = held.get(beat.worker)
            if beat.held_at is not None and (last is None or beat.held_at > last):
                held[beat.worker] = beat.held_at
        return {name: _age(now, at) for name, at in held.items()}


@overload
def _utc(value: datetime) -> datetime: ...


@overload
def _utc(value: None) -> None: ...


def _utc(value: datetime | None) -> datetime | None:
    """SQLite keeps no zone: the beats were written in UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value
