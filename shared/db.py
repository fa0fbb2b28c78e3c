"""Database engines and the transactional unit of work every service's repository runs in."""

from __future__ import annotations

import functools
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import ParamSpec, Self, TypeVar

from sqlalchemy import Connection, Engine, NestedTransaction, create_engine, event, make_url, text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.pool import QueuePool


def make_engine(url: str) -> Engine:
    """An engine for SQLite (embedded default) or PostgreSQL, with settings safe for several processes.

    SQLite runs in WAL mode with a busy timeout so the web process and the worker process can share the
    file. Its connections are pooled too: opening one costs little in SQLite itself but about 1 ms in
    SQLAlchemy's connect path, more than the queries a shortlist request makes. A pooled connection
    starts a new transaction, and so sees every committed write, at each checkout. An engine must
    not cross a fork with open connections (``engine.dispose(close=False)`` in the child).
    Statement parameters (personal data) are kept out of error messages, and so out of logs.
    """
    if url.startswith("sqlite"):
        database = make_url(url).database
        if database and database != ":memory:" and not database.startswith("file:"):
            owner_only(Path(database))
        engine = create_engine(
            url,
            poolclass=QueuePool,
            pool_size=4,
            max_overflow=8,
            connect_args={"timeout": 30},
            hide_parameters=True,
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            # deleted rows and freed pages are overwritten with zeros, not left in the file (an erased
            # jobseeker's e-mail stayed in the database's free space: outside tester 18, P12)
            cursor.execute("PRAGMA secure_delete=ON")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5, hide_parameters=True)


#: SQLite's files beside the database: the write-ahead log and its index (shared memory).
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def owner_only(database: Path) -> None:
    """Make an SQLite ``database`` file and its directory readable by their owner only: the
    directory is created with mode 0700 when missing, the file with 0600 (SQLite creates its
    ``-wal`` and ``-shm`` files with the database file's mode), and an existing file and its
    companions are narrowed to 0600. Outside tester 18 (P12): the databases, which hold personal
    data, were world-readable (``-rw-r--r--``). An existing directory keeps its mode: it is the
    operator's (a volume, a backup's group)."""
    database.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not database.exists():
        database.touch(mode=0o600)
    for path in (database, *(database.with_name(database.name + s) for s in SQLITE_COMPANIONS)):
        try:
            if path.stat().st_mode & 0o077:
                path.chmod(0o600)
        except FileNotFoundError:
            continue


def forget_erased(engine: Engine) -> None:
    """After a transaction that erased personal data (a withdrawn jobseeker): on SQLite, copy the
    write-ahead log into the database and truncate it to zero bytes (``PRAGMA wal_checkpoint(TRUNCATE)``),
    so the log keeps no earlier copy of the erased rows; with ``secure_delete`` (``make_engine``) the
    database itself holds none. Outside tester 18 (P12): a withdrawn jobseeker's e-mail and an erased
    outcome comment were still in ``profile.db-wal`` and ``matching.db-wal``. A reader in the middle
    of a transaction delays it (busy timeout), and a checkpoint that cannot finish is done at the next
    erasure or SQLite's own. PostgreSQL: nothing here (its dead rows go at VACUUM; see the README,
    "Erasure on PostgreSQL")."""
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def ping(engine: Engine) -> None:
    """Raise if the database does not answer."""
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))


P = ParamSpec("P")
R = TypeVar("R")


_JOINED: ContextVar[tuple[Engine, Connection] | None] = ContextVar(
    "kohtaanto_joined_transaction", default=None
)


@contextmanager
def one_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction on `engine` that every ``SqlUnitOfWork`` on the same engine opened inside the
    block (in this thread or task) joins, each in a savepoint of its own: its ``commit()`` releases
    the savepoint, leaving its block without one rolls its part back, and nothing is durable until
    the block ends without an exception (then all of it commits; on an exception all of it rolls
    back). For a write whose answer is stored in the same transaction (``shared.idempotency``). Not
    reentrant on one engine."""
    with engine.connect() as conn:
        conn.begin()
        if engine.dialect.name == "sqlite":
            # pysqlite begins a transaction only before a DML statement, and a SAVEPOINT outside one
            # would be the transaction itself (its release a commit); IMMEDIATE: the write lock now,
            # so no read snapshot of this transaction goes stale before its first write
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        token = _JOINED.set((engine, conn))
        try:
            yield conn
            conn.commit()
        finally:
            _JOINED.reset(token)
            if conn.in_transaction():
                conn.rollback()


class SqlUnitOfWork:
    """One transaction: the state change and its outbox rows commit together or not at all.

    Subclasses attach their repositories in ``_open(conn)``. Leaving the block without ``commit()``
    rolls back. Inside ``one_transaction`` on the same engine it is a savepoint of that transaction.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._conn: Connection | None = None
        self._savepoint: NestedTransaction | None = None

    @property
    def conn(self) -> Connection:
        if self._conn is None:
            raise RuntimeError("unit of work used outside its with-block")
        return self._conn

    def _open(self, conn: Connection) -> None:
        """Hook for subclasses to build repositories on ``conn``."""

    def __enter__(self) -> Self:
        joined = _JOINED.get()
        if joined is not None and joined[0] is self.engine:
            self._conn = joined[1]
            self._savepoint = self._conn.begin_nested()
        else:
            self._conn = self.engine.connect()
            self._conn.begin()
        self._open(self._conn)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._savepoint is not None:  # (the connection is `one_transaction`'s)
            try:
                if self._savepoint.is_active:
                    self._savepoint.rollback()
            finally:
                self._savepoint, self._conn = None, None
            return
        try:
            if self._conn is not None and self._conn.in_transaction():
                self._conn.rollback()
        finally:
            if self._conn is not None:
                self._conn.close()
            self._conn = None

    def commit(self) -> None:
        if self._savepoint is not None:
            if self._savepoint.is_active:
                self._savepoint.commit()
            return
        self.conn.commit()

    def forget_erased(self) -> None:
        """After ``commit()`` of an erasure: ``forget_erased`` on this unit's engine (SQLite keeps
        no copy of the erased rows in its write-ahead log)."""
        forget_erased(self.engine)


class ConcurrentChangeError(RuntimeError):
    """A row changed between the read and the write of one unit of work (an optimistic write found
    another version than the one it read): the use case runs again (``retry_on_conflict``)."""


def retry_on_conflict(attempts: int = 12) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorator for a use case that runs one unit of work: run it again (up to ``attempts`` times)
    when its transaction lost a race with a concurrent one — a unique constraint violated by a row
    the other inserted first (``IntegrityError``), SQLite refusing to upgrade a read snapshot
    another writer made stale ("database is locked"), or an optimistic write that found another
    version than the one read (``ConcurrentChangeError``). The next attempt reads the winner's row and
    takes the path for it (an update, or the domain's 409). Outside tester 4: several simultaneous
    first ``PUT``s of one new profile answered 500, and simultaneous ``POST .../path`` opened three
    paths for one jobseeker. Outside tester 6: sixteen simultaneous ``PUT``s of one profile without
    ``If-Match`` each wrote and published "version 2"; every write is now optimistic, and the losers
    run again on the winner's version (with a growing, jittered pause, so they do not collide again).
    After ``attempts`` lost races ``ConcurrentChangeError`` reaches the caller (the APIs answer 409).
    The use case must do nothing outside its unit of work before it commits."""

    def decorate(use_case: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(use_case)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            for attempt in range(1, attempts + 1):
                try:
                    return use_case(*args, **kwargs)
                except (IntegrityError, OperationalError, ConcurrentChangeError) as exc:
                    lost = not isinstance(exc, OperationalError) or "database is locked" in str(exc)
                    if not lost or attempt == attempts:
                        raise
                    time.sleep(random.uniform(0.005, 0.02) * min(attempt, 8))
            raise AssertionError("unreachable")

        return run

    return decorate
