"""Operator commands of the matching service.

    python -m services.matching.team.cli import-shortages FILE [--source TEXT] [--by USER]

Imports labour-shortage ratings from a CSV file through the same code path as
``POST /api/v1/shortages``: the whole file is validated first (any bad line: nothing imported, exit
status 1, the reasons per line on stderr), then each (region, period) list replaces the stored one
and is published through the outbox (the matching worker relays it to Kafka).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from services.matching.config import Settings
from services.matching.index.reference import load_taxonomy
from services.matching.team.handlers import Places, TeamHandlers
from services.matching.team.repository import UnitOfWork, metadata
from services.matching.team.shortages import ShortageCsvError
from shared.auth import Principal, Role
from shared.db import make_engine
from shared.reference import municipalities


class _NoIndex:
    """The CLI never ranks: importing shortage lists needs no candidate index or vacancies."""

    engine: frozenset[str] = frozenset()

    def vacancy(self, vacancy_id: str) -> None:
        return None

    def vacancies(self) -> list[object]:
        return []


def team_handlers(settings: Settings) -> TeamHandlers:
    common = settings.common
    engine = make_engine(common.database_url)
    metadata.create_all(engine)
    towns = municipalities(common.reference_dir).values()
    return TeamHandlers(
        lambda: UnitOfWork(engine),
        _NoIndex(),  # type: ignore[arg-type]
        load_taxonomy(common.reference_dir, settings.cache_dir),
        Places({m.region: m.region_fi for m in towns}, {m.code: m.name_fi for m in towns}),
    )


def import_shortages(path: Path, source: str | None, by: str, settings: Settings) -> int:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"cannot read {path}: {exc}", file=sys.stderr)
        return 1
    principal = Principal(by, Role.OPERATOR, "kohtaanto")
    try:
        result = team_handlers(settings).import_shortages(text, source or path.name, principal)
    except ShortageCsvError as exc:
        print(f"{path}: nothing imported; fix these lines:", file=sys.stderr)
        for line, reasons in exc.errors.items():
            for reason in reasons:
                print(f"  line {line}: {reason}", file=sys.stderr)
        return 1
    for item in result.lists:
        print(f"{item.region} {item.period}: {len(item.entries)} rows, {len(item.levels)} ESCO occupations")
    print(f"imported {len(result.lists)} list(s) as {result.import_id}; the matching worker publishes them")
    return 0


def main(argv: list[str] | None = None, settings: Settings | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m services.matching.team.cli",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    imp = sub.add_parser("import-shortages", help="import labour-shortage ratings from a CSV file")
    imp.add_argument("file", type=Path)
    imp.add_argument("--source", default=None, help="where the ratings come from (default: the file name)")
    imp.add_argument("--by", default="operator@cli", help="who imports (recorded with the lists)")
    args = parser.parse_args(argv)
    return import_shortages(args.file, args.source, args.by, settings or Settings.from_env())


if __name__ == "__main__":
    raise SystemExit(main())
