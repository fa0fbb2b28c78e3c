"""The API's shortlist path, two versions side by side in one process: prepared vacancies asked
repeatedly.

    NUMBA_CACHE_DIR=$(mktemp -d) python -m benchmarks.ab_repeat --base /tmp/base-checkout --image <pickle>

`benchmarks.ab_speed` passes a `Vacancy` to every call (so each call prepares it); the API passes
the vacancy prepared when it was applied (`record.query`) and asks for the same vacancy again and
again. Here each version prepares every vacancy once, then asks `rank(k=50, count_exclusions=True)`
three times per vacancy: first, again after one index write (an upsert: a new snapshot, the same
IDF), and again over the unchanged index. Reported: mean CPU time per request of each kind, per
version and as this / base, and whether both versions gave the same answers (every field of every
entry and the exclusion counts) to all three. Both engines serve one index: `--image` (a pickle
written by `benchmarks.ab_speed --image`) or, without it, `--profiles` generated candidates.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import importlib
import os
import time
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.ab_speed import K, index_both, load_domain
from benchmarks.generate import (
    ORGS,
    REFERENCE_DAY,
    generate_candidates,
    generate_vacancies,
    load_municipalities,
)
from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.reference import load_taxonomy

KINDS = ("first", "after a write", "unchanged index")


def answer(ranked: Any) -> tuple[list[str], tuple[int, int, dict[str, int]]]:
    """Every field of every entry (NaN == NaN) and the counts of one `rank` answer."""
    e = ranked.exclusions
    return [repr(dataclasses.astuple(x)) for x in ranked.entries], (
        e.considered,
        e.excluded,
        dict(e.by_reason),
    )


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True, help="checkout of the version to compare with")
    parser.add_argument("--image", type=Path, help="pickle of an index (benchmarks.ab_speed --image)")
    parser.add_argument("--profiles", type=int, default=200_000, help="generated profiles without --image")
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)
    load_domain(args.base, "base_ranking_domain")
    base_engine = importlib.import_module("base_ranking_domain.engine")
    base_taxonomy = importlib.import_module("base_ranking_domain.taxonomy")
    taxonomy, municipalities = load_taxonomy(), load_municipalities()
    engines = {
        "base": base_engine.MatchingEngine(
            base_taxonomy.Taxonomy(taxonomy.tables), municipalities, clock=lambda: REFERENCE_DAY
        ),
        "this": MatchingEngine(taxonomy, municipalities, clock=lambda: REFERENCE_DAY),
    }
    index_both(engines, args.image, taxonomy, municipalities, args.profiles, args.seed)
    gc.collect()
    gc.freeze()
    n = len(engines["this"])
    print(
        f"# A/B repeated requests {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC: {os.cpu_count()} CPUs, "
        f"load average {' / '.join(f'{x:.1f}' for x in os.getloadavg())}; base {args.base}, {n:,} profiles",
        flush=True,
    )
    warm = 5
    vacancies = list(
        generate_vacancies(taxonomy, args.queries + warm, args.seed + 2, municipalities=municipalities)
    )
    newcomers = [
        dataclasses.replace(c, candidate_id=f"ab-repeat-{i:06d}")
        for i, c in enumerate(
            generate_candidates(taxonomy, len(vacancies), args.seed + 3, municipalities=municipalities)
        )
    ]
    prepared = {name: [e.prepare(v) for v in vacancies] for name, e in engines.items()}
    cpu: dict[str, dict[str, list[float]]] = {name: {kind: [] for kind in KINDS} for name in engines}
    same = 0
    for i in range(len(vacancies)):
        org = None if i % 2 == 0 else ORGS[(i // 2) % len(ORGS)]
        got = {}
        for name in list(engines)[:: 1 if i % 2 == 0 else -1]:
            engine, answers = engines[name], []
            for kind in KINDS:
                if kind == "after a write":
                    engine.upsert_candidate(newcomers[i])
                c0 = time.process_time()
                ranked = engine.rank(prepared[name][i], k=K, viewer_org=org, today=REFERENCE_DAY)
                if i >= warm:
                    cpu[name][kind].append(time.process_time() - c0)
                answers.append(answer(ranked))
            got[name] = answers
        same += i >= warm and got["base"] == got["this"]
    out: dict[str, Any] = {"profiles": n, "queries": args.queries, "identical_answers": same}
    print(
        f"identical answers (every entry field and the counts, all three requests): {same} of {args.queries}"
    )
    for kind in KINDS:
        b, t = (float(np.mean(cpu[name][kind]) * 1000) for name in ("base", "this"))
        out[kind] = {"base_cpu_ms": b, "this_cpu_ms": t, "ratio": t / b}
        print(f"{kind:16} CPU per request: base {b:.2f} ms, this {t:.2f} ms, this / base {t / b:.3f}")
    print(f"load average {os.getloadavg()[0]:.1f}")
    return out


if __name__ == "__main__":
    main()
