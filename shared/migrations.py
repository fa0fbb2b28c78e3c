"""Schema migrations (Alembic): each service's database is brought to its newest revision on start-up.

Each service keeps its revisions in ``services/<name>/migrations/versions/`` (revision ``0001`` is the
schema of release 1bed9a9, which created its tables with ``create_all`` and so has no version
table); its ``env.py`` is one call to :func:`run_env`. :func:`upgrade` is safe to call from every
process at once (gunicorn workers, the worker process, several replicas): it holds a lock while it
migrates (``pg_advisory_lock`` on PostgreSQL, a lock file beside an SQLite database).

    python -m deploy.migrate vacancy upgrade      # the same by hand; also current, history, check,
                                                  # revision -m "..." (autogenerate against a scratch DB)
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import logging
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, MetaData, func, inspect, make_url, select

log = logging.getLogger(__name__)

VERSION_TABLE = "alembic_version"


class MigrationError(RuntimeError):
    """The database cannot be brought to the code's schema (unknown revision, several heads, ...)."""


@dataclass(frozen=True, slots=True)
class Migrations:
    """One service's migration scripts and the metadata they must produce.

    ``script_location`` is a package resource such as ``services.vacancy:migrations``;
    ``baseline`` is the revision whose schema a database without a version table already has
    (created by ``create_all`` before migrations existed), recognised by ``baseline_table``.
    """

    script_location: str
    metadata: MetaData
    baseline: str = "0001"
    baseline_table: str = "outbox"

    def config(self, connection: Connection | None = None) -> Config:
        config = Config()
        config.set_main_option("script_location", self.script_location)
        config.attributes["metadata"] = self.metadata
        if connection is not None:
            config.attributes["connection"] = connection
        return config

    def script(self) -> ScriptDirectory:
        return _script_directory(self.script_location)

    def heads(self) -> tuple[str, ...]:
        return tuple(self.script().get_heads())


@functools.cache
def _script_directory(script_location: str) -> ScriptDirectory:
    """The revision scripts, read once per process (they do not change while it runs)."""
    config = Config()
    config.set_main_option("script_location", script_location)
    return ScriptDirectory.from_config(config)


def run_env() -> None:
    """The body of every service's ``migrations/env.py``: run online on the connection
    :func:`upgrade` passes in (batch mode on SQLite, whose ALTER TABLE is limited)."""
    from alembic import context

    connection: Connection = context.config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=context.config.attributes["metadata"],
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


@contextlib.contextmanager
def _locked(engine: Engine, name: str) -> Iterator[Connection]:
    """A connection holding the migration lock of ``name`` for this database."""
    if engine.dialect.name == "postgresql":
        key = int.from_bytes(
            hashlib.sha256(f"kohtaanto-migrate-{name}".encode()).digest()[:8], "big", signed=True
        )
        with engine.connect() as conn:
            conn.execute(select(func.pg_advisory_lock(key)))
            conn.commit()
            try:
                yield conn
            finally:
                conn.rollback()
                conn.execute(select(func.pg_advisory_unlock(key)))
                conn.commit()
        return
    database = make_url(str(engine.url)).database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:":
        with engine.connect() as conn:
            yield conn
        return
    lock_path = Path(f"{database}.migrate.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            with engine.connect() as conn:
                yield conn
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def current(engine: Engine) -> tuple[str, ...]:
    """The revisions the database is at (empty when it has no version table)."""
    with engine.connect() as conn:
        return tuple(MigrationContext.configure(conn).get_current_heads())


def upgrade(engine: Engine, migrations: Migrations, target: str = "head") -> tuple[str, ...]:
    """Bring the database to ``target`` (the newest revision by default); returns the revisions it is at.

    A database created before migrations existed (tables, no version table) is first stamped with
    the baseline revision. Raises ``MigrationError`` when the scripts have several heads or the
    database is at a revision the code does not know (a newer release ran on it).
    """
    heads = migrations.heads()
    if target == "head" and len(heads) != 1:
        raise MigrationError(f"{migrations.script_location} has {len(heads)} heads {heads}: merge them")
    with _locked(engine, migrations.script_location) as conn:
        tables = set(inspect(conn).get_table_names())
        config = migrations.config(conn)
        if VERSION_TABLE not in tables and migrations.baseline_table in tables:
            log.info(
                "database predates migrations: stamping the baseline", extra={"revision": migrations.baseline}
            )
            command.stamp(config, migrations.baseline)
            conn.commit()
        at = tuple(MigrationContext.configure(conn).get_current_heads())
        known = {script.revision for script in migrations.script().walk_revisions()}
        unknown = [r for r in at if r not in known]
        if unknown:
            raise MigrationError(
                f"the database is at revision {', '.join(unknown)}, unknown to this release "
                f"(newest known: {', '.join(heads)}): a newer release has migrated it"
            )
        if target == "head" and at == heads:
            return at
        command.upgrade(config, target)
        conn.commit()
        now = tuple(MigrationContext.configure(conn).get_current_heads())
    if now != at:
        log.info("database migrated", extra={"from": list(at), "to": list(now)})
    return now


def differences(engine: Engine, metadata: MetaData) -> list[Any]:
    """How the database's schema differs from ``metadata`` (Alembic's autogenerate comparison);
    empty when the migrations produce exactly what the code declares."""
    with engine.connect() as conn, warnings.catch_warnings():
        # Expression indexes (e.g. profiles' ``lower(id)``) cannot be reflected, so the comparison
        # skips them with a warning; tests of the behaviour they enforce cover them instead.
        warnings.filterwarnings("ignore", message=".*expression-based index")
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        found = [d for d in compare_metadata(context, metadata) if not _is_version_table(d)]
        # Alembic's comparison leaves primary keys out: compare them here.
        inspector = inspect(conn)
        existing = set(inspector.get_table_names())
        for table in metadata.sorted_tables:
            if table.name in existing:
                in_db = inspector.get_pk_constraint(table.name)["constrained_columns"]
                in_code = [c.name for c in table.primary_key.columns]
                if sorted(in_db) != sorted(in_code):
                    found.append(("modify_primary_key", table.name, in_db, in_code))
        return found


# Tables in a service's database that migrations do not manage: Alembic's own, and the rate limiter's
# counters (shared/ratelimit.py), ephemeral rows that the limiter's storage creates for itself.
UNMANAGED_TABLES = frozenset({VERSION_TABLE, "rate_limits"})


def _is_version_table(diff: Any) -> bool:
    return isinstance(diff, tuple) and diff[0] == "remove_table" and diff[1].name in UNMANAGED_TABLES


def prepare_database(engine: Engine, migrations: Migrations, *, migrate: bool) -> tuple[str, ...]:
    """What a process does with its database on start-up: ``upgrade`` it, or (``migrate=False``,
    when an operator runs migrations as a separate step) check that it is at the newest revision.

    Raises ``MigrationError`` when the schema is behind and may not be migrated here.
    """
    if migrate:
        return upgrade(engine, migrations)
    at, heads = current(engine), migrations.heads()
    if at != heads:
        raise MigrationError(
            f"the database is at revision {' '.join(at) or '(none)'}, the code needs {' '.join(heads)}: "
            "run python -m deploy.migrate <service> upgrade (or set KOHTAANTO_MIGRATE_ON_START=1)"
        )
    return at


def service_migrations(service: str, metadata: MetaData) -> Migrations:
    """The migrations of ``services/<service>/migrations`` producing ``metadata``.

    Revision ids start with the service's initial (``v0001``, ``p0001``, ``m0001``): a database
    that another service migrated is then at a revision this one does not know, and is refused
    instead of being taken for its own."""
    return Migrations(f"services.{service}:migrations", metadata, baseline=f"{service[0]}0001")
