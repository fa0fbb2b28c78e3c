"""Schema migrations by hand (the services also run ``upgrade`` on start-up).

    python -m deploy.migrate vacancy upgrade            # to the newest revision (or --to REV)
    python -m deploy.migrate vacancy current            # where the database is
    python -m deploy.migrate vacancy check              # exit 1 unless it is at the newest revision
    python -m deploy.migrate vacancy history            # the revisions, newest first
    python -m deploy.migrate vacancy revision -m "add vouchers table"
        # writes services/vacancy/migrations/versions/<NNNN>_<slug>.py with the operations that
        # turn the current revisions' schema into the code's metadata (Alembic autogenerate against
        # a scratch SQLite database): read it, adjust it (data moves, server defaults), commit it.

The database is the service's ``DATABASE_URL`` (its settings: ``services/<name>/config.py``).
"""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys
import tempfile
from pathlib import Path

from alembic import command
from sqlalchemy import MetaData

from shared.config import ConfigError
from shared.db import make_engine
from shared.migrations import MigrationError, Migrations, current, service_migrations, upgrade

# Where each service's MetaData lives. Its tables may be declared in several modules (e.g.
# services/profile/paths/repository.py): importing the service's app and worker registers them all.
METADATA = {
    "vacancy": "services.vacancy.repository",
    "profile": "services.profile.repository",
    "matching": "services.matching.team.repository",
}


def migrations_of(service: str) -> Migrations:
    importlib.import_module(f"services.{service}.app")
    importlib.import_module(f"services.{service}.worker")
    metadata: MetaData = importlib.import_module(METADATA[service]).metadata
    return service_migrations(service, metadata)


def _database_url(service: str) -> str:
    settings = importlib.import_module(f"services.{service}.config").Settings.from_env()
    return str(settings.common.database_url)


def new_revision(service: str, message: str) -> Path:
    """Autogenerate the next revision of ``service`` (numbered after the current head)."""
    migrations = migrations_of(service)
    (head,) = migrations.heads()
    rev_id = f"{head[0]}{int(head[1:5]) + 1:04d}"
    with tempfile.TemporaryDirectory() as scratch:
        engine = make_engine(f"sqlite:///{scratch}/scratch.db")
        upgrade(engine, migrations)
        with engine.connect() as conn:
            script = command.revision(
                migrations.config(conn), message=message, autogenerate=True, rev_id=rev_id
            )
        engine.dispose()
    assert script is not None and not isinstance(script, list)
    path = Path(script.path)
    for ruff in (["format", "-q"], ["check", "-q", "--fix"]):
        subprocess.run([sys.executable, "-m", "ruff", *ruff, str(path)], check=False)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.migrate", description=__doc__)
    parser.add_argument("service", choices=sorted(METADATA))
    sub = parser.add_subparsers(dest="command", required=True)
    up = sub.add_parser("upgrade", help="migrate the database to the newest revision")
    up.add_argument("--to", default="head", help="a revision id (default: head)")
    sub.add_parser("current", help="print the database's revision")
    sub.add_parser("check", help="exit 1 unless the database is at the newest revision")
    sub.add_parser("history", help="list the revisions, newest first")
    rev = sub.add_parser("revision", help="autogenerate the next revision from the code's tables")
    rev.add_argument("-m", "--message", required=True)
    args = parser.parse_args(argv)
    migrations = migrations_of(args.service)
    try:
        if args.command == "history":
            for script in migrations.script().walk_revisions():
                print(f"{script.revision}  {script.doc}")
            return 0
        if args.command == "revision":
            print(new_revision(args.service, args.message))
            return 0
        engine = make_engine(_database_url(args.service))
        if args.command == "upgrade":
            print(" ".join(upgrade(engine, migrations, args.to)) or "(empty)")
        elif args.command == "current":
            print(" ".join(current(engine)) or "(no version table)")
        elif args.command == "check":
            at, heads = current(engine), migrations.heads()
            if at != heads:
                print(f"database at {' '.join(at) or 'nothing'}, code at {' '.join(heads)}", file=sys.stderr)
                return 1
            print(" ".join(at))
        engine.dispose()
    except (ConfigError, MigrationError) as exc:
        print(f"python -m deploy.migrate: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
