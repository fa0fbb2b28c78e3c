"""What a remote or multi-site vacancy costs a shortlist (outside tester 26, F9).

A remote vacancy's commute filter passes everyone, so stage 1 walks every profile with skill evidence
instead of those within commuting distance; a vacancy with more work sites walks those near any site.
For generated vacancies, each measured three ways (on site at its own municipality; with two more sites
drawn from the same generator's municipalities; remote), it reports the share of profiles stage 1 walks
and the CPU time per shortlist (``time.process_time``: every thread of this process, so less disturbed by
other load on a shared machine than wall time).

    .venv/bin/python -m benchmarks.remote_speed --size 100000 --queries 100 --seed 42
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import platform
import random
import time
from collections.abc import Sequence

import numpy as np

from benchmarks.generate import (
    ORGS,
    REFERENCE_DAY,
    generate_candidates,
    generate_vacancies,
    load_municipalities,
)
from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.pool import near_ranges
from services.matching.index.reference import load_taxonomy

K = 50


def main(argv: Sequence[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args(argv)

    taxonomy, municipalities = load_taxonomy(), load_municipalities()
    engine = MatchingEngine(taxonomy, municipalities, clock=lambda: REFERENCE_DAY)
    engine.bulk_load(generate_candidates(taxonomy, args.size, args.seed, municipalities=municipalities))
    seg = engine._snapshot.main  # benchmark-only peek, as benchmarks/speed.py
    base = list(generate_vacancies(taxonomy, args.queries + 10, args.seed + 1, municipalities=municipalities))
    rng = random.Random(args.seed + 2)
    codes = sorted({v.municipality for v in base})
    ways = {
        "on_site": base,
        "three_sites": [
            dataclasses.replace(
                v, other_municipalities=tuple(rng.sample([c for c in codes if c != v.municipality], 2))
            )
            for v in base
        ],
        "remote": [dataclasses.replace(v, remote=True) for v in base],
    }
    out: dict = {
        "profiles": args.size,
        "queries": args.queries,
        "seed": args.seed,
        "machine": platform.platform(),
        "date": time.strftime("%Y-%m-%d", time.gmtime()),
    }
    for way, vacancies in ways.items():
        specs = [engine._filter_spec(v, REFERENCE_DAY, None) for v in vacancies[10:]]
        walked = [
            (hi - lo).sum() / args.size
            for lo, hi, _ in (near_ranges(seg, s.distances, s.include_unknown_distance) for s in specs)
        ]
        for v in vacancies[:10]:  # warm-up
            engine.shortlist(v, k=K, viewer_org=None, today=REFERENCE_DAY)
        cpu = []
        for i, v in enumerate(vacancies[10:]):
            org = None if i % 2 == 0 else ORGS[(i // 2) % len(ORGS)]
            start = time.process_time()
            engine.shortlist(v, k=K, viewer_org=org, today=REFERENCE_DAY)
            cpu.append(time.process_time() - start)
        ms = np.array(cpu) * 1000
        out[way] = {
            "near_share_mean": float(np.mean(walked)),
            "cpu_ms_p50": float(np.percentile(ms, 50)),
            "cpu_ms_p90": float(np.percentile(ms, 90)),
            "cpu_ms_mean": float(ms.mean()),
        }
        r = out[way]
        print(
            f"{way:12s} stage 1 walks {100 * r['near_share_mean']:5.1f}% of profiles; CPU per shortlist "
            f"p50 {r['cpu_ms_p50']:.1f} ms, p90 {r['cpu_ms_p90']:.1f} ms, mean {r['cpu_ms_mean']:.1f} ms",
            flush=True,
        )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(out, fh, indent=2)
    return out


if __name__ == "__main__":
    main()
