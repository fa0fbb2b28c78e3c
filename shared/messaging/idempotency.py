"""Processed-event tracking, written in the same transaction as a consumer's effect."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, Connection, DateTime, MetaData, String, Table, select


def processed_events_table(metadata: MetaData) -> Table:
    return Table(
        "processed_events",
        metadata,
        Column("consumer", String(100), primary_key=True),
        Column("event_id", String(64), primary_key=True),
        Column("processed_at", DateTime(timezone=True), nullable=False),
    )


def claim(conn: Connection, table: Table, consumer: str, event_id: str) -> bool:
    """Record that ``consumer`` handles ``event_id``; False when it already did (skip the effect)."""
    seen = conn.execute(
        select(table.c.event_id).where(table.c.consumer == consumer, table.c.event_id == event_id)
    ).first()
    if seen:
        return False
    conn.execute(table.insert().values(consumer=consumer, event_id=event_id, processed_at=datetime.now(UTC)))
    return True
