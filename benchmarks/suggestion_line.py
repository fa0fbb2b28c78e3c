"""Text-only vacancies ranked with every suggestion vs only those past the recogniser's
confidence line (`recognition.CONFIDENT_SCORE`; outside tester 5, F18).

    python -m benchmarks.suggestion_line --tune                  # tuning half and seed
    python -m benchmarks.suggestion_line --families indep-1 --candidates 5000 --vacancies 50

Per family of `benchmarks.ranking_families`: the text variant's vacancies are enriched twice from
one recognition each (a floor of 0, as before, and the confidence line, as now), then ranked by
the same engine index and by IDF-cosine over the recognised skills; NDCG@10 of both (graded
relevance as `benchmarks.ranking_quality`), the paired difference now - before ± s.e., and how
many suggestions the vacancies got.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence

import numpy as np

from benchmarks.ranking_families import FAMILIES, Hierarchy, generate_family
from benchmarks.ranking_quality import (
    REPORT,
    TUNING,
    Prepared,
    engine_ranker,
    idf_cosine_ranker,
    ndcg,
    occupation_half,
    paired,
    pool_candidates,
    relevance,
)
from services.matching.index.domain.recognition import CONFIDENT_SCORE, enrich_vacancy
from services.matching.index.reference import load_recognizer, load_taxonomy


class _Once:
    """A recogniser that reads each text once (both enrichments ask the same question)."""

    def __init__(self, recognizer) -> None:  # type: ignore[no-untyped-def]
        self.inner = recognizer
        self.seen: dict[tuple, list] = {}

    def recognise(self, text, *, top_k=10, lang=None, **kw):  # type: ignore[no-untyped-def]
        key = (text, top_k, lang)
        if key not in self.seen:
            self.seen[key] = self.inner.recognise(text, top_k=top_k, lang=lang, **kw)
        return self.seen[key]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tune", action="store_true")
    parser.add_argument("--candidates", type=int, default=20_000)
    parser.add_argument("--vacancies", type=int, default=200)
    parser.add_argument("--families")
    args = parser.parse_args(argv)
    split = TUNING if args.tune else REPORT
    taxonomy = load_taxonomy()
    recognizer = _Once(load_recognizer(taxonomy))
    hierarchy = Hierarchy(taxonomy)
    occupations = occupation_half(taxonomy, split["half"])
    fams = [f for f in FAMILIES if not args.families or f.name in args.families.split(",")]
    print(
        f"# text-only vacancies, suggestions: all vs past {CONFIDENT_SCORE}; {split['name']} half "
        f"(seed {split['seed']}), {args.candidates} candidates, {args.vacancies} vacancies"
    )
    print(
        "| family | engine before | engine now | now - before | IDF-cosine before | now | suggestions before / now |"
    )
    print("|---|---|---|---|---|---|---|")
    all_d = []
    for fam in fams:
        t = time.time()
        n = pool_candidates(fam, args.candidates, len(occupations), taxonomy.n_occupations)
        data = generate_family(
            taxonomy,
            fam,
            occupations,
            n_candidates=n,
            n_vacancies=args.vacancies,
            seed=split["seed"],
            hierarchy=hierarchy,
        )
        rel = [relevance(taxonomy, o, data.candidate_occupations) for o in data.vacancy_occupations]
        enriched = {
            name: [
                enrich_vacancy(v, text, recognizer, min_score=floor)  # type: ignore[arg-type]
                for v, text in zip(data.vacancies["text"], data.vacancy_texts, strict=True)
            ]
            for name, floor in (("before", 0.0), ("now", CONFIDENT_SCORE))
        }
        p = Prepared(data, {**data.vacancies, "text": enriched["now"]}, rel)
        rankers = {"engine": engine_ranker(taxonomy, p), "idf": idf_cosine_ranker(taxonomy, p)}
        res = {}
        for name in ("before", "now"):
            p.vacancies["text"] = enriched[name]
            for r, rank in rankers.items():
                res[r, name] = np.asarray([ndcg(x[rank("text", i)], x) for i, x in enumerate(rel)])
        d, se = paired(res["engine", "now"], res["engine", "before"])
        all_d.append(res["engine", "now"] - res["engine", "before"])
        count = {k: np.mean([len(v.skills) for v in vs]) for k, vs in enriched.items()}
        print(
            f"| {fam.name} | {res['engine', 'before'].mean():.3f} | {res['engine', 'now'].mean():.3f} | "
            f"{d:+.3f} ± {se:.3f} | {res['idf', 'before'].mean():.3f} | {res['idf', 'now'].mean():.3f} | "
            f"{count['before']:.1f} / {count['now']:.1f} |  ({time.time() - t:.0f}s)",
            flush=True,
        )
    diff = np.concatenate(all_d)
    mean, sem = float(diff.mean()), float(diff.std(ddof=1) / np.sqrt(len(diff)))
    print(f"\nall families: now - before {mean:+.4f} ± {sem:.4f} (n={len(diff)})")


if __name__ == "__main__":
    main()
