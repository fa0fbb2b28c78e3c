"""Operator commands of the matching service.

    python -m services.matching.team.cli import-shortages FILE [--source TEXT] [--by USER]
        [--dry-run | --confirm-removal]
    python -m services.matching.team.cli withdraw-shortages REGION PERIOD --reason TEXT [--by USER]
    python -m services.matching.team.cli recheck-comments [--mask] [--by USER]

Imports labour-shortage ratings from a CSV file through the same code path as
``POST /api/v1/shortages``: the whole file is validated first (any bad line: nothing imported, exit
status 1, the reasons per line on stderr), then each (region, period) list replaces the stored one
and is published through the outbox (the matching worker relays it to Kafka). A list that would
remove more than half of the stored list's rows, and at least 10, is refused (exit status 1, nothing
imported) unless ``--confirm-removal``; ``--dry-run`` prints what each list would add, change and
remove and stores nothing (outside tester 34, F13).

``recheck-comments`` lists the stored outcome comments, follow-up actions and meeting texts that hold
personal data (``services.matching.team.comments``: where, field and kinds, tab-separated, never the
text; exit status 1 when it lists any, 0 when none); with ``--mask`` it replaces each finding by its
placeholder, in one transaction, and exits 0.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy.engine import make_url

from services.matching.config import Settings
from services.matching.index.reference import load_taxonomy
from services.matching.team.comments import recheck
from services.matching.team.handlers import Places, RegionUnknownError, ShortageListUnknownError, TeamRecords
from services.matching.team.replacing import RemovalNotConfirmedError
from services.matching.team.repository import UnitOfWork, metadata
from services.matching.team.shortages import ShortageCsvError
from shared.auth import Principal, Role
from shared.config import ConfigError
from shared.db import make_engine
from shared.migrations import current, prepare_database, service_migrations
from shared.reference import geography


class NoServiceDatabaseError(Exception):
    """The configured database is not the matching service's (absent, or never migrated)."""


def team_records(settings: Settings) -> TeamRecords:
    """The team's database-only use cases: shortage lists need no candidate index. Raises
    ``NoServiceDatabaseError`` when the configured database does not exist yet or has no tables: the
    CLI acts on the running service's database and never creates one (an outside tester's import,
    without the service's environment, went into a new ``./var/matching.db`` nobody reads, and the
    CLI said the worker would publish it)."""
    common = settings.common
    url = make_url(common.database_url)
    shown = url.render_as_string(hide_password=True)
    if url.get_backend_name() == "sqlite" and url.database and not Path(url.database).exists():
        raise NoServiceDatabaseError(shown)
    engine = make_engine(common.database_url)
    if not current(engine):
        raise NoServiceDatabaseError(shown)
    prepare_database(engine, service_migrations("matching", metadata), migrate=common.migrate_on_start)
    return TeamRecords(
        lambda: UnitOfWork(engine, settings.record_key),
        load_taxonomy(common.reference_dir, settings.cache_dir),
        Places.of(geography(common.reference_dir)),
        period_rules=settings.period_rules,
    )


def import_shortages(
    path: Path,
    source: str | None,
    by: str,
    settings: Settings,
    *,
    dry_run: bool = False,
    confirm_removal: bool = False,
) -> int:
    try:
        data = path.read_bytes()
    except OSError as exc:
        print(f"cannot read {path}: {exc}", file=sys.stderr)
        return 1
    principal = Principal(by, Role.OPERATOR, "kohtaanto")
    try:
        records = team_records(settings)
    except NoServiceDatabaseError as exc:
        return _no_database(exc)
    try:
        result = records.import_shortages(
            data, source or path.name, principal, path.name, dry_run=dry_run, confirm_removal=confirm_removal
        )
    except RemovalNotConfirmedError as exc:
        print(f"{path}: nothing imported; it would remove most of a stored list:", file=sys.stderr)
        for r in exc.unconfirmed:
            print(
                f"  {r.scope}: {len(r.removed)} of {r.stored} rows ({', '.join(r.removed)})", file=sys.stderr
            )
        print(
            "check with --dry-run; if the removal is meant, run again with --confirm-removal", file=sys.stderr
        )
        return 1
    except ShortageCsvError as exc:
        print(f"{path}: nothing imported; fix these lines:", file=sys.stderr)
        for line, reasons in exc.errors.items():
            for reason in reasons:
                print(f"  line {line}: {reason}", file=sys.stderr)
        return 1
    for item in result.lists:
        print(f"{item.region} {item.period}: {len(item.entries)} rows, {len(item.levels)} ESCO occupations")
    for notice in result.notices:
        print(f"note: {notice}")
    for warning in result.warnings:
        print(f"WARNING: {warning}", file=sys.stderr)
    for line, reasons in result.skipped.items():  # lines skipped while the rest imported
        for reason in reasons:
            print(f"WARNING: line {line}: {reason}", file=sys.stderr)
    for r in result.changes:
        print(
            f"{r.scope}: {len(r.added)} added, {len(r.changed)} changed, {len(r.removed)} removed of {r.stored}"
        )
        for kind, ids in (("added", r.added), ("changed", r.changed), ("removed", r.removed)):
            if ids:
                print(f"  {kind}: {', '.join(ids)}")
    if result.dry_run:
        print(f"dry run: nothing imported ({len(result.lists)} list(s) checked)")
        return 0
    print(f"imported {len(result.lists)} list(s) as {result.import_id}; the matching worker publishes them")
    return 0


def withdraw_shortages(region: str, period: str, reason: str, by: str, settings: Settings) -> int:
    principal = Principal(by, Role.OPERATOR, "kohtaanto")
    try:
        records = team_records(settings)
    except NoServiceDatabaseError as exc:
        return _no_database(exc)
    try:
        records.withdraw_shortages(region, period, principal, reason)
    except (RegionUnknownError, ShortageListUnknownError) as exc:
        print(f"nothing withdrawn: {exc}", file=sys.stderr)
        return 1
    print(f"withdrew {region} {period}; the matching worker publishes the tombstone")
    return 0


def recheck_comments(mask: bool, by: str, settings: Settings) -> int:
    try:
        records = team_records(settings)
    except NoServiceDatabaseError as exc:
        return _no_database(exc)
    found = recheck(records.uow_factory, mask=mask, by=by)
    for f in found:
        print(f.line())
    if not found:
        print("no stored comment, follow-up or meeting text holds personal data", file=sys.stderr)
        return 0
    if mask:
        print(f"{len(found)} texts masked", file=sys.stderr)
        return 0
    print(f"{len(found)} texts hold personal data: rewrite them, or run again with --mask", file=sys.stderr)
    return 1


def _no_database(exc: NoServiceDatabaseError) -> int:
    print(
        f"no matching-service database at {exc}: nothing done (set KOHTAANTO_DATA_DIR or "
        "DATABASE_URL to the running service's database; the service creates it on its first start)",
        file=sys.stderr,
    )
    return 2


def main(argv: list[str] | None = None, settings: Settings | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m services.matching.team.cli",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    imp = sub.add_parser("import-shortages", help="import labour-shortage ratings from a CSV or .xlsx file")
    imp.add_argument("file", type=Path)
    imp.add_argument("--source", default=None, help="where the ratings come from (default: the file name)")
    imp.add_argument("--by", default="operator@cli", help="who imports (recorded with the lists)")
    how = imp.add_mutually_exclusive_group()
    how.add_argument("--dry-run", action="store_true", help="print what would change; store nothing")
    how.add_argument(
        "--confirm-removal", action="store_true", help="import even if most of a stored list's rows go"
    )
    wd = sub.add_parser("withdraw-shortages", help="withdraw one stored list (region and period)")
    wd.add_argument("region")
    wd.add_argument("period")
    wd.add_argument("--reason", required=True, help="why (kept in the history)")
    wd.add_argument("--by", default="operator@cli", help="who withdraws (recorded in the history)")
    rc = sub.add_parser(
        "recheck-comments",
        help="list stored comments, follow-ups and meeting texts holding personal data (where and which kinds)",
    )
    rc.add_argument("--mask", action="store_true", help="replace each finding by its placeholder")
    rc.add_argument("--by", default="operator@cli", help="who runs it (logged with a masking)")
    args = parser.parse_args(argv)
    try:
        settings = settings or Settings.from_env()
    except ConfigError as exc:
        # the matching service's environment is needed: its database (KOHTAANTO_DATA_DIR or
        # DATABASE_URL) and its common settings; one line, not a traceback
        print(f"{exc} (run this with the matching service's environment)", file=sys.stderr)
        return 2
    if args.command == "recheck-comments":
        return recheck_comments(args.mask, args.by, settings)
    if args.command == "withdraw-shortages":
        return withdraw_shortages(args.region, args.period, args.reason, args.by, settings)
    return import_shortages(
        args.file, args.source, args.by, settings, dry_run=args.dry_run, confirm_removal=args.confirm_removal
    )


if __name__ == "__main__":
    raise SystemExit(main())
