"""Transactional outbox: events are stored in the same transaction as the state change that caused
them, and a relay publishes them to Kafka afterwards, in order, at least once.

A write therefore never depends on the broker being up: when it is down the rows wait, and the relay
delivers them when it returns. A row the broker can never take (it is too large, or invalid) is
**parked**: moved to ``outbox_parked`` with the reason, in one transaction, so the rows behind it go
on; the parked count shows in ``/health/ready`` (the service reports ``degraded``) and each parking is
logged at ERROR for alerting.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    DateTime,
    Engine,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    delete,
    func,
    insert,
    select,
    update,
)

from shared import metrics
from shared.db import forget_erased
from shared.messaging.envelope import Envelope
from shared.messaging.errors import EventTooLargeError, is_record_error
from shared.messaging.topics import MAX_EVENT_BYTES

log = logging.getLogger(__name__)

PARKED_TABLE = "outbox_parked"
UNPUBLISHED_INDEX = "ix_outbox_unpublished"
PUBLISHED_INDEX = "ix_outbox_published"

#: The readiness probe counts the waiting rows up to this many (``Backlog.at_least``): its cost stays
#: bounded however large a backlog grows; ``/metrics`` counts them all.
PROBE_COUNT_LIMIT = 1000


def outbox_table(metadata: MetaData) -> Table:
    """The ``outbox`` table, and beside it in ``metadata`` the ``outbox_parked`` table."""
    table = Table(
        "outbox",
        metadata,
        Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
        Column("topic", String(200), nullable=False),
        Column("message_key", String(200), nullable=False),
        Column("value", LargeBinary, nullable=True),  # NULL = tombstone on a compacted topic
        Column("event_type", String(100), nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("published_at", DateTime(timezone=True), nullable=True),
        # set by ``Outbox.forget`` on a row still waiting when its key was erased: deleted once published
        Column("forget_when_published", Boolean, nullable=True),
    )
    # Two partial indexes, one per kind of row (ops39): the waiting rows in the order the relay publishes
    # them, so the relay's next batch and the readiness probe's oldest row are its first entries whatever
    # the published rows kept beside them; and the published ones by when, for the purge. (One index of
    # ``published_at`` for both made SQLite's planner fetch and sort every waiting row for the probe.)
    waiting, sent = table.c.published_at.is_(None), table.c.published_at.is_not(None)
    Index(UNPUBLISHED_INDEX, table.c.id, sqlite_where=waiting, postgresql_where=waiting)
    Index(PUBLISHED_INDEX, table.c.published_at, sqlite_where=sent, postgresql_where=sent)
    Table(
        PARKED_TABLE,
        metadata,
        Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False),
        Column("topic", String(200), nullable=False),
        Column("message_key", String(200), nullable=False),
        Column("value", LargeBinary, nullable=True),
        Column("event_type", String(100), nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("parked_at", DateTime(timezone=True), nullable=False),
        Column("reason", String(1000), nullable=False),
    )
    return table


def parked_table(outbox: Table) -> Table:
    return outbox.metadata.tables[PARKED_TABLE]


@dataclass(frozen=True, slots=True)
class Backlog:
    """The outbox rows not yet published: ``pending`` rows (or more, when ``at_least``: counted up to a
    limit), the oldest written at ``oldest`` (UTC; None when none waits)."""

    pending: int
    oldest: datetime | None
    at_least: bool = False

    def age_s(self, now: datetime) -> float:
        """Seconds the oldest pending row has waited at ``now`` (aware, UTC); 0.0 when none waits."""
        return 0.0 if self.oldest is None else max((now - self.oldest).total_seconds(), 0.0)


def backlog_health(backlog: Backlog, parked: int, now: datetime, max_lag_s: float) -> dict[str, Any]:
    """``checks.outbox`` of ``/health/ready``: not ok (the service ``degraded``) when a row is parked
    or when the oldest pending row has waited more than ``max_lag_s`` seconds at ``now`` (the relay
    is down or the broker unreachable: writes are safe in the database but reach no consumer; outside
    tester 38, M4). Gives ``pending``, ``parked``, ``oldest_pending_age_s`` (seconds, 0.0 when none
    waits), ``max_lag_s`` and, when not ok, ``reason`` (English, for the operator)."""
    age = backlog.age_s(now)
    lagging = age > max_lag_s
    detail: dict[str, Any] = {
        "ok": parked == 0 and not lagging,
        "pending": backlog.pending,
        "parked": parked,
        "oldest_pending_age_s": round(age, 1),
        "max_lag_s": max_lag_s,
    }
    if backlog.at_least:
        detail["pending_at_least"] = True  # counted up to ``pending`` only (PROBE_COUNT_LIMIT)
    reasons = []
    if lagging:
        many = f"{backlog.pending}+" if backlog.at_least else f"{backlog.pending}"
        reasons.append(
            f"the oldest of {many} unpublished events has waited {age:.0f} s, more than "
            f"{max_lag_s:g} s: the worker's outbox relay is down or the broker unreachable"
        )
    if parked:
        reasons.append(f"{parked} events parked: the broker can never take them")
    if reasons:
        detail["reason"] = "; ".join(reasons)
    return detail


class OutboxCheck:
    """The readiness check of a service's outbox (``backlog_health`` on the database's rows), read
    at each call; ``max_lag_s``: ``CommonSettings.outbox_max_lag_seconds``; ``clock`` gives the aware
    UTC now (a fake in tests)."""

    def __init__(
        self,
        engine: Engine,
        table: Table,
        max_lag_s: float,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.engine = engine
        self.box = Outbox(table)
        self.max_lag_s = max_lag_s
        self.clock = clock

    def __call__(self) -> dict[str, Any]:
        with self.engine.connect() as conn:
            parked = self.box.parked(conn)
            backlog = self.box.backlog(conn, count_up_to=PROBE_COUNT_LIMIT)
            detail = backlog_health(backlog, parked, self.clock(), self.max_lag_s)
            if parked:
                detail["recently_parked"] = self.box.recently_parked(conn)
        return detail


class Outbox:
    """Adds events to the outbox inside the caller's transaction."""

    def __init__(self, table: Table, max_event_bytes: int = MAX_EVENT_BYTES) -> None:
        self.table = table
        self.max_event_bytes = max_event_bytes

    def add(
        self, conn: Connection, topic: str, envelope: Envelope, *, forget_when_published: bool = False
    ) -> None:
        """Store ``envelope`` for ``topic``. Raises ``EventTooLargeError`` (nothing is stored; the
        caller's transaction should roll back) when it exceeds the event size budget.
        ``forget_when_published``: its key is an erased jobseeker's (a refused access naming them, reported
        after the erasure): the row is deleted once the broker has it (``forget``)."""
        value = envelope.encode()
        if len(value) > self.max_event_bytes:
            raise EventTooLargeError(envelope.event_type, len(value), self.max_event_bytes)
        conn.execute(
            insert(self.table).values(
                topic=topic,
                message_key=envelope.key,
                value=value,
                event_type=envelope.event_type,
                created_at=datetime.now(UTC),
                forget_when_published=forget_when_published or None,
            )
        )

    def add_tombstone(self, conn: Connection, topic: str, key: str) -> None:
        """Store a tombstone (null value: the key's deletion on a compacted topic) for ``topic``
        and ``key`` inside the caller's transaction; the relay publishes it after the rows before it."""
        conn.execute(
            insert(self.table).values(
                topic=topic,
                message_key=key,
                value=None,
                event_type="tombstone",
                created_at=datetime.now(UTC),
            )
        )

    def forget(self, conn: Connection, key: str) -> int:
        """Erasure: delete the rows already published under ``key`` (kept ``keep_published`` for
        inspection) and the parked ones (never to be delivered), inside the caller's transaction;
        rows still waiting are left to the relay (a tombstone added after them must follow them; an
        access report must still reach the profile service's audit log) but marked
        ``forget_when_published``: the relay deletes them once the broker has them, instead of keeping
        them, key and time, beside the erasure (privacy37). Returns how many rows were deleted."""
        published = conn.execute(
            delete(self.table)
            .where(self.table.c.message_key == key)
            .where(self.table.c.published_at.is_not(None))
        )
        conn.execute(
            update(self.table)
            .where(self.table.c.message_key == key, self.table.c.published_at.is_(None))
            .values(forget_when_published=True)
        )
        parked = parked_table(self.table)
        stuck = conn.execute(delete(parked).where(parked.c.message_key == key))
        return (published.rowcount or 0) + (stuck.rowcount or 0)

    def pending(self, conn: Connection) -> int:
        """The number of rows not yet published (``/health/ready``'s ``checks.outbox.pending``)."""
        query = select(func.count()).select_from(self.table).where(self.table.c.published_at.is_(None))
        return int(conn.execute(query).scalar_one())

    def backlog(self, conn: Connection, *, count_up_to: int | None = None) -> Backlog:
        """The rows not yet published: how many (all, or at most ``count_up_to``: then ``at_least``
        says whether there are more), and when the first of them in the relay's order (by id) was
        written: how long the relay has kept the broker waiting. Both queries read only the partial
        index of the waiting rows (``UNPUBLISHED_INDEX``), not the published rows kept beside them; the
        first is its first entry, so with ``count_up_to`` the cost is bounded however long the backlog."""
        t = self.table
        waiting = t.c.published_at.is_(None)
        oldest = conn.execute(select(t.c.created_at).where(waiting).order_by(t.c.id).limit(1)).scalar()
        if oldest is None:
            return Backlog(0, None)
        if oldest.tzinfo is None:
            oldest = oldest.replace(tzinfo=UTC)  # SQLite keeps no zone: written as UTC (``add``)
        rows = select(t.c.id).where(waiting)
        if count_up_to is not None:
            rows = rows.limit(count_up_to + 1)
        pending = int(conn.execute(select(func.count()).select_from(rows.subquery())).scalar_one())
        if count_up_to is not None and pending > count_up_to:
            return Backlog(count_up_to, oldest, at_least=True)
        return Backlog(pending, oldest)

    def parked(self, conn: Connection) -> int:
        """The number of parked rows (``checks.outbox.parked``): records the broker refused twice."""
        return int(conn.execute(select(func.count()).select_from(parked_table(self.table))).scalar_one())

    def recently_parked(self, conn: Connection, limit: int = 5) -> list[dict[str, Any]]:
        """The latest parked rows: outbox id, topic, event type, when and why (no key, no value)."""
        t = parked_table(self.table)
        rows = conn.execute(
            select(t.c.id, t.c.topic, t.c.event_type, t.c.parked_at, t.c.reason)
            .order_by(t.c.parked_at.desc(), t.c.id.desc())
            .limit(limit)
        ).all()
        return [
            {
                "id": r.id,
                "topic": r.topic,
                "event_type": r.event_type,
                "parked_at": r.parked_at.isoformat(),
                "reason": r.reason,
            }
            for r in rows
        ]


@dataclass(frozen=True, slots=True)
class SendResult:
    """How a batch went: the first ``acked`` messages were acknowledged; ``error`` is why message
    number ``acked`` was not (None when all were)."""

    acked: int
    error: Exception | None = None


class Sender(Protocol):
    """What the relay needs of a producer."""

    def send_all(self, messages: Sequence[tuple[str, str, bytes | None]]) -> SendResult:
        """Send (topic, key, value) messages in order; report how many, from the first, the broker
        acknowledged, and the error that stopped it."""
        ...


class RelayError(RuntimeError):
    """The broker did not acknowledge every message of a batch (a temporary failure)."""


class OutboxRelay:
    """Publishes pending outbox rows in id order; marks a row published only after the broker's ack.

    One relay per service database (the worker process). A crash between the ack and the mark
    re-sends the event: consumers are idempotent by event id and by aggregate version. A row that
    fails with a record error (``shared.messaging.errors``) is tried once more on its own (its
    batch-mates may have caused a broker-side rejection) and, failing again, parked.
    """

    def __init__(
        self,
        engine: Engine,
        table: Table,
        sender: Sender,
        *,
        batch_size: int = 200,
        keep_published: timedelta = timedelta(days=7),
    ) -> None:
        self.engine = engine
        self.table = table
        self.parked_table = parked_table(table)
        self.sender = sender
        self.batch_size = batch_size
        self.keep_published = keep_published
        self.parked = 0  # rows this relay parked

    def relay_once(self) -> int:
        """Publish up to one batch; returns how many rows were published or parked. Raises
        ``RelayError`` when the broker failed temporarily (the rest of the batch waits)."""
        t = self.table
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(t.c.id, t.c.topic, t.c.message_key, t.c.value)
                .where(t.c.published_at.is_(None))
                .order_by(t.c.id)
                .limit(self.batch_size)
            ).all()
        if not rows:
            return 0
        result = self.sender.send_all([(r.topic, r.message_key, r.value) for r in rows])
        self._mark_published([r.id for r in rows[: result.acked]])
        if result.acked == len(rows):
            return result.acked
        failed = rows[result.acked]
        if result.error is None or not is_record_error(result.error):
            raise RelayError(
                f"broker acknowledged {result.acked} of {len(rows)} outbox messages: {result.error!r}"
            )
        alone = self.sender.send_all([(failed.topic, failed.message_key, failed.value)])
        if alone.acked == 1:
            self._mark_published([failed.id])
        elif alone.error is not None and is_record_error(alone.error):
            self._park(failed.id, alone.error)
        else:
            raise RelayError(f"outbox message {failed.id} not acknowledged: {alone.error!r}")
        return result.acked + 1

    def _mark_published(self, ids: list[int]) -> None:
        """Mark the rows ``ids`` published (kept ``keep_published`` for inspection). A published tombstone is
        deleted instead, with every row published before it under its topic and key: a tombstone erases the
        key (a withdrawn jobseeker's pseudonym), and kept beside the service's other records its key and time
        would tie the erased pseudonym to the erasure, as would an upsert still waiting at the withdrawal and
        published after it (outside tester 36, H9). On SQLite the write-ahead log is then checkpointed
        (``shared.db.forget_erased``), so the database file keeps no copy. So is a row ``Outbox.forget``
        marked ``forget_when_published`` (waiting when its key was erased)."""
        if not ids:
            return
        t = self.table
        with self.engine.begin() as conn:
            conn.execute(update(t).where(t.c.id.in_(ids)).values(published_at=datetime.now(UTC)))
            tombstones = conn.execute(
                select(t.c.id, t.c.topic, t.c.message_key).where(t.c.id.in_(ids), t.c.value.is_(None))
            ).all()
            for row in tombstones:
                conn.execute(
                    delete(t).where(
                        t.c.topic == row.topic,
                        t.c.message_key == row.message_key,
                        t.c.id <= row.id,
                        t.c.published_at.is_not(None),
                    )
                )
            erased = conn.execute(
                delete(t).where(t.c.id.in_(ids), t.c.forget_when_published.is_(True))
            ).rowcount
        if tombstones or erased:
            forget_erased(self.engine)

    def _park(self, row_id: int, error: Exception) -> None:
        t, p = self.table, self.parked_table
        reason = f"{type(error).__name__}: {error}"[:1000]
        with self.engine.begin() as conn:
            row = conn.execute(
                select(t.c.id, t.c.topic, t.c.message_key, t.c.value, t.c.event_type, t.c.created_at).where(
                    t.c.id == row_id
                )
            ).one()
            erased = conn.execute(select(t.c.forget_when_published).where(t.c.id == row_id)).scalar()
            if not erased:  # (a row of an erased key is not kept for an operator: it is dropped)
                conn.execute(insert(p).values(**row._mapping, parked_at=datetime.now(UTC), reason=reason))
            conn.execute(delete(t).where(t.c.id == row_id))
        self.parked += 1
        log.error(
            "outbox record parked: the broker can never take it",
            extra={
                "outbox_id": row_id,
                "topic": row.topic,
                "event_type": row.event_type,
                "size": len(row.value or b""),
                "reason": reason,
            },
        )

    def purge(self) -> int:
        cutoff = datetime.now(UTC) - self.keep_published
        with self.engine.begin() as conn:
            result = conn.execute(
                delete(self.table)
                .where(self.table.c.published_at.is_not(None))
                .where(self.table.c.published_at < cutoff)
            )
        return result.rowcount or 0

    def run(
        self,
        stop: threading.Event,
        *,
        idle_seconds: float = 0.2,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Relay until ``stop`` is set; broker or database errors are logged and retried with backoff."""
        backoff = idle_seconds
        last_purge = 0.0
        while not stop.is_set():
            try:
                count = self.relay_once()
                metrics.OUTBOX_PUBLISHED.inc(count)
                backoff = idle_seconds
                if time.monotonic() - last_purge > 3600:
                    self.purge()
                    last_purge = time.monotonic()
                if count:
                    log.info("outbox relayed", extra={"count": count})
                    continue
            except Exception as exc:
                metrics.OUTBOX_RELAY_ERRORS.inc()
                if on_error:
                    on_error(exc)
                log.warning("outbox relay failed, will retry", extra={"error": repr(exc)})
                backoff = min(backoff * 2, 10.0)
            stop.wait(backoff)
