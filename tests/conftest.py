"""Session-wide real infrastructure for the integration and end-to-end tiers.

The test session starts its own Apache Kafka broker (KRaft, from Maven Central jars) and its own
PostgreSQL cluster, each in a temporary directory on free ports, and stops both by pid at the end:
no test depends on anything started by hand, and nothing is left running.
"""

from __future__ import annotations

import socket
import uuid
from collections.abc import Callable, Iterator

import pytest

from shared.config import REPO_ROOT


@pytest.fixture(scope="session")
def free_ports() -> Callable[[int], list[int]]:
    def allocate(n: int) -> list[int]:
        sockets = []
        try:
            for _ in range(n):
                s = socket.socket()
                s.bind(("127.0.0.1", 0))
                sockets.append(s)
            return [s.getsockname()[1] for s in sockets]
        finally:
            for s in sockets:
                s.close()

    return allocate


@pytest.fixture(scope="session")
def kafka_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from deploy.kafka.broker import LocalBroker, find_free_port

    broker = LocalBroker(
        tmp_path_factory.mktemp("kafka"), find_free_port(2), libs=REPO_ROOT / ".kafka" / "libs"
    )
    broker.start(timeout=300)
    try:
        yield broker
    finally:
        broker.stop()


@pytest.fixture(scope="session")
def postgres() -> Iterator[object]:
    from deploy.postgres import LocalPostgres

    cluster = LocalPostgres()
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def postgres_url(postgres) -> str:  # type: ignore[no-untyped-def]
    """A fresh, empty PostgreSQL database for one test."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres.dsn("postgres"), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return postgres.url(name)
