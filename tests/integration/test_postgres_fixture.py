"""A throwaway PostgreSQL cluster from deploy/postgres.py starts, answers SQL and goes away."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from deploy.kafka.broker import pid_alive
from deploy.postgres import LocalPostgres

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def postgres() -> Iterator[LocalPostgres]:
    with LocalPostgres(databases=("kohtaanto", "kohtaanto_vacancy")) as cluster:
        yield cluster


def test_the_cluster_serves_sql_over_tcp_with_psycopg(postgres: LocalPostgres) -> None:
    engine = sa.create_engine(postgres.url())
    try:
        with engine.begin() as connection:
            connection.execute(sa.text("CREATE TABLE greeting (id int PRIMARY KEY, text text)"))
            connection.execute(sa.text("INSERT INTO greeting VALUES (1, 'hyvää päivää')"))
        with engine.connect() as connection:
            assert connection.scalar(sa.text("SELECT text FROM greeting WHERE id = 1")) == ("hyvää päivää")
            assert connection.scalar(sa.text("SELECT current_database()")) == "kohtaanto"
            assert connection.scalar(sa.text("SHOW server_encoding")) == "UTF8"
    finally:
        engine.dispose()


def test_each_requested_database_exists(postgres: LocalPostgres) -> None:
    engine = sa.create_engine(postgres.url("kohtaanto_vacancy"))
    try:
        with engine.connect() as connection:
            assert connection.scalar(sa.text("SELECT 1")) == 1
    finally:
        engine.dispose()


def test_starting_again_is_harmless(postgres: LocalPostgres) -> None:
    pid = postgres.pid()
    assert postgres.start().pid() == pid


def test_stopping_ends_the_server_and_removes_its_home() -> None:
    cluster = LocalPostgres().start()
    home, pid = cluster.home, cluster.pid()
    assert home is not None and pid is not None
    assert cluster.stop() is True
    assert not home.exists()
    assert not pid_alive(pid)  # gone, or a zombie waiting for init to reap it
