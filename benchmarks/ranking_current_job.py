"""A second reading of the ranking benchmark: a person's current job counts as their occupation too.

    python -m benchmarks.ranking_current_job --tune        # tuning half and seed
    python -m benchmarks.ranking_current_job               # report half and seed

`benchmarks.ranking_quality` grades a candidate by the one occupation they were generated from. In
the ``two-occupations`` family half of the people have their current job in the second occupation
(`benchmarks.ranking_families`), and a recruiter counts someone working as a warehouse worker now
as a warehouse worker, whatever else they can do (outside tester 7, H14). Here the relevance of a
candidate is the higher of the benchmark's (generated occupation) and the same grading of their
current job's occupation (3 same occupation, 2 same ISCO-08 unit group, 1 same sub-major group).
Printed per vacancy variant: NDCG@10 under both readings for IDF-cosine and the engine with and
without work history in the occupation part (`RankingParams.history_agreement_scale` 0 and the
default), with paired differences to IDF-cosine (± s.e.).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

import numpy as np

from benchmarks import ranking_quality as rq
from benchmarks.ranking_families import FAMILIES, VARIANTS, Hierarchy, generate_family
from services.matching.index.domain.params import RankingParams
from services.matching.index.reference import load_recognizer, load_taxonomy


def current_job_relevance(taxonomy, data, vacancy_occupation: str, benchmark: np.ndarray) -> np.ndarray:  # type: ignore[no-untyped-def]
    """(n,) int8: max(`benchmark` relevance, relevance of each candidate's current job's occupation
    (0 for a candidate without a current job))."""
    current = [
        next((w.occupation_uri for w in c.experience if w.ended_year is None), "") for c in data.candidates
    ]
    has = np.asarray([bool(c) for c in current])
    graded = rq.relevance(taxonomy, vacancy_occupation, [c or vacancy_occupation for c in current])
    return np.maximum(benchmark, np.where(has, graded, 0)).astype(np.int8)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tune", action="store_true", help="tuning half and seed")
    parser.add_argument("--family", default="two-occupations")
    parser.add_argument("--candidates", type=int, default=20_000)
    parser.add_argument("--vacancies", type=int, default=100)
    args = parser.parse_args(argv)
    split = rq.TUNING if args.tune else rq.REPORT
    taxonomy = load_taxonomy()
    family = {f.name: f for f in FAMILIES}[args.family]
    data = generate_family(
        taxonomy,
        family,
        rq.occupation_half(taxonomy, split["half"]),
        n_candidates=args.candidates,
        n_vacancies=args.vacancies,
        seed=split["seed"],
        hierarchy=Hierarchy(taxonomy),
    )
    p = rq.prepare(taxonomy, data, load_recognizer(taxonomy))
    both = [
        current_job_relevance(taxonomy, data, o, rel)
        for o, rel in zip(data.vacancy_occupations, p.relevance, strict=True)
    ]
    rankers = {
        "idf-cosine": rq.idf_cosine_ranker(taxonomy, p),
        "engine, history 0": rq.engine_ranker(taxonomy, p, RankingParams(history_agreement_scale=0.0)),
        "engine": rq.engine_ranker(taxonomy, p),
    }
    print(
        f"# {args.family}, {split['name']} half (seed {split['seed']}), {args.candidates} candidates, "
        f"{args.vacancies} vacancies per variant; NDCG@10 benchmark relevance / current job counts too"
    )
    for variant in VARIANTS:
        scores = {}
        for name, rank in rankers.items():
            got = [rank(variant, i) for i in range(len(both))]
            single = np.asarray([rq.ndcg(p.relevance[i][g], p.relevance[i]) for i, g in enumerate(got)])
            double = np.asarray([rq.ndcg(both[i][g], both[i]) for i, g in enumerate(got)])
            scores[name] = (single, double)
        cells = []
        for name, (single, double) in scores.items():
            if name == "idf-cosine":
                cells.append(f"{name} {single.mean():.3f} / {double.mean():.3f}")
                continue
            d1, s1 = rq.paired(single, scores["idf-cosine"][0])
            d2, s2 = rq.paired(double, scores["idf-cosine"][1])
            cells.append(
                f"{name} {single.mean():.3f} ({d1:+.3f} ± {s1:.3f}) / {double.mean():.3f} ({d2:+.3f} ± {s2:.3f})"
            )
        print(f"{variant:10s} " + " | ".join(cells), flush=True)


if __name__ == "__main__":
    main()
