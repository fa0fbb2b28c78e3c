"""A record of what a consumer has dead-lettered, kept in the service's own database.

``DeadLetters`` consults it before sending, so a consumer that re-reads its topics (the matching index
rebuilds from offset 0 at start; a group consumer may re-read after a crash before its commit) does not
send the same poison to the dead-letter topic again. Replicas that share the database share the record.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    func,
    insert,
    select,
)
from sqlalchemy.exc import IntegrityError

from shared.messaging.consumer import Origin


def dead_letters_table(metadata: MetaData) -> Table:
    return Table(
        "dead_letters",
        metadata,
        Column("consumer", String(100), primary_key=True),
        Column("topic", String(200), primary_key=True),
        Column("partition", Integer, primary_key=True, autoincrement=False),
        Column("offset", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False),
        Column("reason", String(1000), nullable=False),  # ``without_identifiers``
        Column("sent_at", DateTime(timezone=True), nullable=False),
    )


class SqlDeadLetterLedger:
    """``DeadLetterLedger`` over the ``dead_letters`` table (SQLite or PostgreSQL)."""

    def __init__(self, engine: Engine, table: Table) -> None:
        self.engine = engine
        self.table = table

    def seen(self, origin: Origin) -> bool:
        t = self.table
        with self.engine.connect() as conn:
            row = conn.execute(
                select(t.c.consumer).where(
                    t.c.consumer == origin.consumer,
                    t.c.topic == origin.topic,
                    t.c.partition == origin.partition,
                    t.c.offset == origin.offset,
                )
            ).first()
        return row is not None

    def record(self, origin: Origin, reason: str) -> None:
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    insert(self.table).values(
                        consumer=origin.consumer,
                        topic=origin.topic,
                        partition=origin.partition,
                        offset=origin.offset,
                        reason=reason[:1000],
                        sent_at=datetime.now(UTC),
                    )
                )
        except IntegrityError:  # another replica recorded it first
            pass

    def count(self, consumer: str | None = None) -> int:
        query = select(func.count()).select_from(self.table)
        if consumer is not None:
            query = query.where(self.table.c.consumer == consumer)
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def health(self) -> dict[str, Any]:
        """``/health/ready``'s ``checks.dead_letters``: what this service's consumers have ever sent to
        the dead-letter topic, from this table, so a restart does not hide it (outside tester 19, P9:
        the index's since-start counts read 0 after a restart while the table held 4). ``stored``
        (rows), ``by_consumer`` (consumer name → rows) and ``latest`` (ISO 8601 UTC time of the last,
        or None). Always ``ok``: a dead letter needs an operator's look (alerts watch
        ``kohtaanto_dead_letters_total``), not a service that stops taking traffic. Raises
        SQLAlchemy's errors when the database does not answer."""
        t = self.table
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(t.c.consumer, func.count(), func.max(t.c.sent_at)).group_by(t.c.consumer)
            ).all()
        latest = max((row[2] for row in rows if row[2] is not None), default=None)
        if latest is not None and latest.tzinfo is None:  # SQLite keeps no zone; it was written in UTC
            latest = latest.replace(tzinfo=UTC)
        return {
            "ok": True,
            "stored": sum(int(row[1]) for row in rows),
            "by_consumer": {row[0]: int(row[1]) for row in sorted(rows)},
            "latest": latest.isoformat() if latest else None,
        }


def dead_letter_ledger(engine: Engine) -> SqlDeadLetterLedger:
    """The record of dead-lettered origins in ``engine``'s database.

    The ``dead_letters`` table is part of every service's schema (declared beside its outbox with
    :func:`dead_letters_table`, created by the service's migrations); this only names it.
    """
    return SqlDeadLetterLedger(engine, dead_letters_table(MetaData()))


class MemoryDeadLetterLedger:
    """``DeadLetterLedger`` in memory: for a consumer without a database, and for tests."""

    def __init__(self) -> None:
        self.reasons: dict[Origin, str] = {}

    def seen(self, origin: Origin) -> bool:
        return origin in self.reasons

    def record(self, origin: Origin, reason: str) -> None:
        self.reasons.setdefault(origin, reason)
