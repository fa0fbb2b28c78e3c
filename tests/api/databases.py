"""Each API test's database (SQLite and PostgreSQL), migrated once per test process and copied per test.

Every API test gets an empty database of its own (``database_url``, ``profile_database_url`` in
conftest.py). A service app migrates an empty database from nothing on start, about 0.1–0.3 s of
CPU per app and more for PostgreSQL's DDL, over a thousand times in the API tier. The apps the tier's
fixtures make (``vacancy_app``, ``profile_app``, ``matching_world.matching_app``) instead start on a
copy of a template: the first database of each service in the process, migrated to the newest revision
by the service's own migrations (``deploy.migrate.migrations_of``). The app then finds it at the newest
revision, as on every start after the first. SQLite: a copy of the template's file; PostgreSQL:
``CREATE DATABASE ... TEMPLATE``. Migrating from empty and from each older release is tested in
tests/integration/test_migrations.py, and every other app of the suite (module-wide apps, the e2e,
browser, demo and faults stacks) still migrates its own empty database.

Only a database handed out by :func:`fresh` and not yet used is replaced: an app restarted on the same
database (``migrated`` called again) keeps its data.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import uuid
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import make_url

from deploy.migrate import migrations_of
from shared.db import make_engine
from shared.migrations import upgrade

_FRESH: set[str] = set()
_TEMPLATES: dict[tuple[str, str], str] = {}  # (server or "sqlite", service) -> template file or database
_SCRATCH: list[Path] = []


def postgres_once(*cases: object) -> list[object]:
    """``cases`` for ``pytest.mark.parametrize`` (a tuple: the values of several argument names), of
    which only the first keeps its PostgreSQL half in ``make test``: the others are marked
    ``storage_independent`` (tests/api/conftest.py), for cases that differ only in what is refused or
    read before storage (another language of the messages, another text through the same screen)
    and so run the same SQL as the first. ``make test-postgres-all`` runs every case on PostgreSQL."""
    first, *rest = cases
    return [
        first,
        *(
            pytest.param(
                *(case if isinstance(case, tuple) else (case,)), marks=pytest.mark.storage_independent
            )
            for case in rest
        ),
    ]


def fresh(url: str) -> str:
    """Registers ``url``, a database just created empty (a SQLite file not yet made, or a new PostgreSQL
    database), as one :func:`migrated` may replace by a copy of a migrated template. Returns ``url``."""
    _FRESH.add(url)
    return url


def migrated(url: str, service: str) -> str:
    """``url`` ready for ``service``'s app: a fresh database (:func:`fresh`) becomes a copy of the service's
    migrated template, once; any other is returned untouched (the app migrates it itself)."""
    if url not in _FRESH:
        return url
    _FRESH.discard(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        _copy_sqlite(_sqlite_template(service), Path(str(parsed.database)))
    else:
        admin = _admin_dsn(url)
        template = _postgres_template(admin, url, service)
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{parsed.database}"')
            conn.execute(f'CREATE DATABASE "{parsed.database}" TEMPLATE "{template}"')
    return url


def _migrate(url: str, service: str) -> None:
    engine = make_engine(url)
    try:
        upgrade(engine, migrations_of(service))
    finally:
        engine.dispose()  # no connection may stay open on a PostgreSQL template


def _sqlite_template(service: str) -> Path:
    key = ("sqlite", service)
    if key not in _TEMPLATES:
        if not _SCRATCH:
            _SCRATCH.append(Path(tempfile.mkdtemp(prefix="kohtaanto-api-templates-")))
            atexit.register(shutil.rmtree, _SCRATCH[0], True)
        path = _SCRATCH[0] / f"{service}.db"
        _migrate(f"sqlite:///{path}", service)
        _TEMPLATES[key] = str(path)
    return Path(_TEMPLATES[key])


def _copy_sqlite(template: Path, target: Path) -> None:
    """The template's file (and its write-ahead log, if one was left) as ``target``, readable by the
    owner only (as ``shared.db.make_engine`` makes it)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal"):
        source = Path(f"{template}{suffix}")
        if source.exists():
            shutil.copyfile(source, f"{target}{suffix}")
            Path(f"{target}{suffix}").chmod(0o600)


def _admin_dsn(url: str) -> str:
    parsed = make_url(url)
    return f"host={parsed.host} port={parsed.port} user={parsed.username} dbname=postgres"


def _postgres_template(admin: str, url: str, service: str) -> str:
    key = (admin, service)
    if key not in _TEMPLATES:
        name = f"template_{service}_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        _migrate(str(make_url(url).set(database=name).render_as_string(hide_password=False)), service)
        _TEMPLATES[key] = name
    return _TEMPLATES[key]
