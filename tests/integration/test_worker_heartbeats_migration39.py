"""ops39: migrations m0010, p0014 and v0006 on SQLite and PostgreSQL. A database the previous release left
(at m0009, p0013, v0005) with events waiting in its outbox and others published keeps every row; it gains
the ``worker_heartbeats`` table the readiness check reads and the outbox's partial indexes (the waiting
rows by id, the published ones by time), through which the readiness probe finds the same oldest waiting
event as before; and each revision goes down and up again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import MetaData, inspect, text

from deploy import migrate
from shared.db import make_engine
from shared.messaging.heartbeat import WorkersCheck, heartbeats_table, worker_heartbeat
from shared.messaging.outbox import PUBLISHED_INDEX, UNPUBLISHED_INDEX, Outbox, outbox_table
from shared.migrations import current, differences, upgrade
from tests.helpers import sqlite_url

PREVIOUS = {"matching": "m0009", "profile": "p0013", "vacancy": "v0005"}
NOW = datetime(2026, 12, 6, 2, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return sqlite_url(tmp_path, "service")
    return str(request.getfixturevalue("postgres_url"))


def _outbox_rows(engine) -> None:
    """Five published events (an hour ago) and three waiting ones, the first written 10 minutes ago."""
    insert = text(
        "INSERT INTO outbox (topic, message_key, value, event_type, created_at, published_at) "
        "VALUES ('t', :k, :v, 'e', :created, :published)"
    )
    with engine.begin() as conn:
        for i in range(5):
            conn.execute(
                insert,
                {"k": f"sent-{i}", "v": b"{}", "created": NOW - timedelta(hours=1), "published": NOW},
            )
        for i, minutes in enumerate((10, 5, 1)):
            conn.execute(
                insert,
                {
                    "k": f"wait-{i}",
                    "v": b"{}",
                    "created": NOW - timedelta(minutes=minutes),
                    "published": None,
                },
            )


@pytest.mark.parametrize("service", sorted(PREVIOUS))
def test_a_database_of_the_previous_release_gains_heartbeats_and_the_partial_indexes_keeping_its_rows(
    database_url: str, service: str
) -> None:
    migrations = migrate.migrations_of(service)
    engine = make_engine(database_url)
    upgrade(engine, migrations, PREVIOUS[service])
    _outbox_rows(engine)
    assert "worker_heartbeats" not in inspect(engine).get_table_names()

    assert upgrade(engine, migrations) == migrations.heads()
    assert differences(engine, migrations.metadata) == []
    indexes = {i["name"]: i for i in inspect(engine).get_indexes("outbox")}
    assert indexes[UNPUBLISHED_INDEX]["column_names"] == ["id"]
    assert indexes[PUBLISHED_INDEX]["column_names"] == ["published_at"]
    assert "ix_outbox_published_at" not in indexes
    table = outbox_table(MetaData())
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM outbox")).scalar_one() == 8
        backlog = Outbox(table).backlog(conn, count_up_to=1000)
    assert (backlog.pending, backlog.oldest) == (3, NOW - timedelta(minutes=10))

    worker = heartbeats_table(MetaData()).c  # the table the worker writes and readiness reads
    assert {c.name for c in worker} == {c["name"] for c in inspect(engine).get_columns("worker_heartbeats")}
    name = f"{service}.test"
    worker_heartbeat(engine, name, instance="host:1", clock=lambda: NOW).beat(2, 7)
    check = WorkersCheck(engine, [name], 90.0, clock=lambda: NOW + timedelta(seconds=3))()
    assert check["ok"] is True and check["workers"][name]["lag"] == 7


@pytest.mark.parametrize("service", sorted(PREVIOUS))
def test_the_heartbeat_revision_goes_down_and_up_again(database_url: str, service: str) -> None:
    migrations = migrate.migrations_of(service)
    engine = make_engine(database_url)
    upgrade(engine, migrations)
    _outbox_rows(engine)
    with engine.connect() as conn:
        command.downgrade(migrations.config(conn), PREVIOUS[service])
        conn.commit()
    assert current(engine) == (PREVIOUS[service],)
    assert "worker_heartbeats" not in inspect(engine).get_table_names()
    assert "ix_outbox_published_at" in {i["name"] for i in inspect(engine).get_indexes("outbox")}
    upgrade(engine, migrations)
    assert differences(engine, migrations.metadata) == []
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM outbox")).scalar_one() == 8
