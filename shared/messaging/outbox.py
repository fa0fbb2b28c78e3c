"""Transactional outbox: events are stored in the same transaction as the state change that caused
them, and a relay publishes them to Kafka afterwards, in order, at least once.

A write therefore never depends on the broker being up: when it is down the rows wait, and the relay
delivers them when it returns.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    DateTime,
    Engine,
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
from shared.messaging.envelope import Envelope

log = logging.getLogger(__name__)


def outbox_table(metadata: MetaData) -> Table:
    return Table(
        "outbox",
        metadata,
        Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
        Column("topic", String(200), nullable=False),
        Column("message_key", String(200), nullable=False),
        Column("value", LargeBinary, nullable=True),  # NULL = tombstone on a compacted topic
        Column("event_type", String(100), nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("published_at", DateTime(timezone=True), nullable=True, index=True),
    )


class Outbox:
    """Adds events to the outbox inside the caller's transaction."""

    def __init__(self, table: Table) -> None:
        self.table = table

    def add(self, conn: Connection, topic: str, envelope: Envelope) -> None:
        conn.execute(
            insert(self.table).values(
                topic=topic,
                message_key=envelope.key,
                value=envelope.encode(),
                event_type=envelope.event_type,
                created_at=datetime.now(UTC),
            )
        )

    def add_tombstone(self, conn: Connection, topic: str, key: str) -> None:
        conn.execute(
            insert(self.table).values(
                topic=topic,
                message_key=key,
                value=None,
                event_type="tombstone",
                created_at=datetime.now(UTC),
            )
        )

    def pending(self, conn: Connection) -> int:
        query = select(func.count()).select_from(self.table).where(self.table.c.published_at.is_(None))
        return int(conn.execute(query).scalar_one())


class Sender(Protocol):
    """What the relay needs of a producer."""

    def send_all(self, messages: list[tuple[str, str, bytes | None]]) -> int:
        """Send (topic, key, value) messages in order; return how many, from the first, the broker
        acknowledged (all of them unless an error stopped it)."""
        ...


class RelayError(RuntimeError):
    """The broker did not acknowledge every message of a batch."""


class OutboxRelay:
    """Publishes pending outbox rows in id order; marks a row published only after the broker's ack.

    One relay per service database (the worker process). A crash between the ack and the mark
    re-sends the event: consumers are idempotent by event id and by aggregate version.
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
        self.sender = sender
        self.batch_size = batch_size
        self.keep_published = keep_published

    def relay_once(self) -> int:
        """Publish up to one batch; returns how many rows were published."""
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
        acked = self.sender.send_all([(r.topic, r.message_key, r.value) for r in rows])
        published = [r.id for r in rows[:acked]]
        if published:
            with self.engine.begin() as conn:
                conn.execute(update(t).where(t.c.id.in_(published)).values(published_at=datetime.now(UTC)))
        if acked < len(rows):
            raise RelayError(f"broker acknowledged {acked} of {len(rows)} outbox messages")
        return acked

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
