"""A/B of ``ShortageBook.flag`` (the rule both services apply to every vacancy they show): another
version of ``services/kernel/shortages.py`` (e.g. ``git show a828b44:services/kernel/shortages.py >
/tmp/old.py``) against this checkout's, the same synthetic lists and queries, side by side in one
process, CPU time per call (``time.process_time``).

Usage: ``python -m benchmarks.shortage_flag_ab /tmp/old.py [--queries 200000]``. Lists: a national
half-year rating 1,500 of 3,000 occupations; four regions each with a half-year of 400 and a month
inside it of 20. Queries: uniform over six regions (two without lists) and the 3,000 occupations.
The flag counts differ between versions whose rule differs (session 15: a month refines its half-year).
"""

from __future__ import annotations

import argparse
import importlib.util
import inspect
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from types import ModuleType
from typing import Any

import services.kernel.shortages as current

URIS = [f"http://data.europa.eu/esco/occupation/{i}" for i in range(3000)]
REGIONS = ["pirkanmaa", "pohjanmaa", "uusimaa", "lappi", "kainuu", "satakunta"]
LEVELS = ["severe_shortage", "shortage", "balance", "surplus"]


@dataclass(frozen=True)
class Rated:
    region: str
    period: Any
    source: str
    levels: dict[str, str] = field(hash=False)


def lists(module: ModuleType, rng: random.Random) -> list[Rated]:
    def rated(n: int) -> dict[str, str]:
        return {u: rng.choice(LEVELS) for u in rng.sample(URIS, n)}

    out = [Rated("national", module.Period(2026, 2), "national", rated(1500))]
    for region in REGIONS[:4]:
        out.append(Rated(region, module.Period(2026, 2), region, rated(400)))
        out.append(Rated(region, module.Period(2026, month=12), region, rated(20)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("other", help="path of another version of services/kernel/shortages.py")
    parser.add_argument("--queries", type=int, default=200_000)
    args = parser.parse_args()
    spec = importlib.util.spec_from_file_location("other_shortages", args.other)
    assert spec is not None and spec.loader is not None
    other = importlib.util.module_from_spec(spec)
    sys.modules["other_shortages"] = other
    spec.loader.exec_module(other)
    rng = random.Random(7)
    queries = [(rng.choice(REGIONS), rng.choice(URIS)) for _ in range(args.queries)]
    for name, module in (("other", other), ("this", current), ("other", other), ("this", current)):
        dated = "on" in inspect.signature(module.ShortageBook).parameters  # since session 21
        found = lists(module, random.Random(7))
        book = module.ShortageBook(found, on=date(2099, 12, 31)) if dated else module.ShortageBook(found)
        start = time.process_time()
        flagged = sum(1 for region, uri in queries if book.flag(region, uri) is not None)
        per_call = (time.process_time() - start) / len(queries) * 1e6
        print(f"{name}: {per_call:.2f} µs CPU per flag, {flagged} of {len(queries)} flagged")


if __name__ == "__main__":
    main()
