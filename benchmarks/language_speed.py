"""What a vacancy's ESCO language skill costs a shortlist: the same generated vacancies with and
without the skill "Finnish" (essential, as an employer accepts it), side by side in one process.

    python -m benchmarks.language_speed --profiles 100000 --queries 100

A vacancy with a language skill walks every column in stage 1 (no occupation column is left to a
bound), scores its rows twice (with and without declared languages: a language alone is no
evidence) and adds the declared languages' bound to the pool (`domain.spoken`). Reported: CPU
time per `MatchingEngine.shortlist(k=50)` (time.process_time, p50 / p90 / mean), and how many of
the shortlisted candidates hold the skill through a declared language. Generated profiles declare
Finnish (85 % native, `benchmarks.generate`)."""

from __future__ import annotations

import argparse
import os
import pickle
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from benchmarks.generate import REFERENCE_DAY, generate_candidates, generate_vacancies, load_municipalities
from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.model import VacancySkill
from services.matching.index.reference import load_taxonomy

FINNISH = "http://data.europa.eu/esco/skill/0e3493f4-0cad-4fbc-8e02-025f169b8114"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--profiles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--image",
        type=Path,
        help="pickle of a generated index (`benchmarks.ab_speed --image`): restored instead of indexing "
        "--profiles (e.g. 1,000,000 profiles in seconds)",
    )
    args = parser.parse_args()
    taxonomy, municipalities = load_taxonomy(), load_municipalities()
    engine = MatchingEngine(taxonomy, municipalities, clock=lambda: REFERENCE_DAY)
    if args.image is not None:
        with args.image.open("rb") as f:
            engine.restore(pickle.load(f))  # a file a benchmark of this project wrote
    else:
        engine.bulk_load(
            generate_candidates(taxonomy, args.profiles, args.seed, municipalities=municipalities)
        )
    plain = list(generate_vacancies(taxonomy, args.queries, args.seed + 1, municipalities=municipalities))
    spoken = [replace(v, skills=(*v.skills, VacancySkill(FINNISH, True))) for v in plain]
    prepared = [(engine.prepare(a), engine.prepare(b)) for a, b in zip(plain, spoken, strict=True)]
    for a, b in prepared[:5]:  # warm-up
        engine.shortlist(a, k=50, viewer_org=None, today=REFERENCE_DAY)
        engine.shortlist(b, k=50, viewer_org=None, today=REFERENCE_DAY)
    cpu: dict[str, list[float]] = {"without": [], "with": []}
    declared = []
    for a, b in prepared:  # alternately, so that load on the machine falls on both alike
        for name, v in (("without", a), ("with", b)):
            engine._results.clear()  # no cached answer
            start = time.process_time()
            entries = engine.shortlist(v, k=50, viewer_org=None, today=REFERENCE_DAY)
            cpu[name].append(time.process_time() - start)
            if name == "with":
                declared.append(
                    np.mean(
                        [
                            e.evidence.get(FINNISH, None) is not None
                            and e.evidence[FINNISH].kind == "language"
                            for e in entries
                        ]
                    )
                    if entries
                    else 0.0
                )
    print(f"{len(engine):,} profiles, {args.queries} vacancies, load {os.getloadavg()[0]:.2f}")
    for name, values in cpu.items():
        ms = np.asarray(values) * 1000
        print(
            f"{name:>7} 'Finnish': CPU p50 {np.percentile(ms, 50):.1f} ms, p90 {np.percentile(ms, 90):.1f} ms, "
            f"mean {ms.mean():.1f} ms"
        )
    print(f"shortlisted holding 'Finnish' through a declared language: {100 * np.mean(declared):.0f} %")


if __name__ == "__main__":
    main()
