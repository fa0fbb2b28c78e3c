"""The readiness probe of the outbox reads the waiting rows through their partial index, not every row:
the oldest is the first entry of ``ix_outbox_unpublished`` (the rows not yet published, by time) and the
count stops at a bound, so a probe every few seconds costs the same with ten waiting rows or a million
(ops38's report: ``count + min(created_at)`` read every pending row). SQLite's query plans show it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import MetaData, event, insert, inspect, text

from shared.db import make_engine
from shared.messaging.outbox import PROBE_COUNT_LIMIT, UNPUBLISHED_INDEX, Outbox, OutboxCheck, outbox_table

LAG_S = 60.0


@pytest.fixture
def outbox(tmp_path):
    metadata = MetaData()
    table = outbox_table(metadata)
    engine = make_engine(f"sqlite:///{tmp_path / 'o.db'}")
    metadata.create_all(engine)
    return engine, table


def fill(engine, table, *, published: int, waiting: int, now: datetime) -> None:
    """``published`` rows already sent, then ``waiting`` rows, one second apart, the last written at ``now``."""
    total = published + waiting
    rows = [
        {
            "topic": "t",
            "message_key": f"k{i}",
            "value": b"{}",
            "event_type": "e",
            "created_at": now - timedelta(seconds=total - 1 - i),
            "published_at": now if i < published else None,
        }
        for i in range(total)
    ]
    with engine.begin() as conn:
        conn.execute(insert(table), rows)


def probe_statements(engine, table) -> list[tuple[str, object]]:
    """The SQL statements (with their parameters) one readiness probe runs."""
    seen: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        OutboxCheck(engine, table, LAG_S)()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return [(s, p) for s, p in seen if " outbox" in s and "outbox_parked" not in s]


def test_the_outbox_declares_a_partial_index_of_its_waiting_rows(outbox):
    engine, _ = outbox
    (index,) = [i for i in inspect(engine).get_indexes("outbox") if i["name"] == UNPUBLISHED_INDEX]
    assert index["column_names"] == ["id"], "in the order the relay publishes them"
    with engine.connect() as conn:
        sql = conn.execute(
            text("SELECT sql FROM sqlite_master WHERE name = :n"), {"n": UNPUBLISHED_INDEX}
        ).scalar()
    assert "WHERE published_at IS NULL" in sql


@pytest.mark.parametrize("analyzed", [False, True], ids=["fresh", "analyzed"])
def test_the_probe_reads_the_oldest_waiting_row_from_the_partial_index_and_scans_no_table(outbox, analyzed):
    engine, table = outbox
    fill(engine, table, published=3000, waiting=50, now=datetime.now(UTC))
    if analyzed:
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    statements = probe_statements(engine, table)
    assert statements, "the probe reads the outbox"
    plans = []
    with engine.connect() as conn:
        for statement, parameters in statements:
            plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
            plans.append([row[-1] for row in plan])
    assert any(any(UNPUBLISHED_INDEX in step for step in plan) for plan in plans), plans
    for plan in plans:  # every step is an index search or the partial index's scan, never the table's
        assert not any(step.startswith("SCAN outbox") and "INDEX" not in step for step in plan), plans
        assert not any("TEMP B-TREE" in step for step in plan), plans


def test_the_probe_counts_the_waiting_rows_up_to_its_bound_and_says_there_are_more(outbox):
    engine, table = outbox
    now = datetime.now(UTC)
    fill(engine, table, published=10, waiting=PROBE_COUNT_LIMIT + 5, now=now)
    check = OutboxCheck(engine, table, LAG_S, clock=lambda: now)()
    assert check["pending"] == PROBE_COUNT_LIMIT and check["pending_at_least"] is True
    assert check["oldest_pending_age_s"] == PROBE_COUNT_LIMIT + 4, (
        "the oldest waiting row, not a published one"
    )
    assert check["ok"] is False and f"{PROBE_COUNT_LIMIT}+ unpublished" in check["reason"]
    with engine.connect() as conn:
        assert Outbox(table).backlog(conn).pending == PROBE_COUNT_LIMIT + 5, "/metrics counts them all"


def test_below_the_bound_the_probe_counts_exactly_and_adds_nothing(outbox):
    engine, table = outbox
    now = datetime.now(UTC)
    fill(engine, table, published=100, waiting=7, now=now)
    check = OutboxCheck(engine, table, LAG_S, clock=lambda: now)()
    assert check == {"ok": True, "pending": 7, "parked": 0, "oldest_pending_age_s": 6.0, "max_lag_s": LAG_S}
