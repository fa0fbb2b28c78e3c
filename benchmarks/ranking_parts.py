"""Where the engine's margin over IDF-cosine comes from: its score parts recombined offline.

    python -m benchmarks.ranking_parts --tune --families partial-75,indep-1
    python -m benchmarks.ranking_parts --tune --candidates 5000 --vacancies 20 --families partial-75

For every vacancy of the chosen families (data of `benchmarks.ranking_families`, the split of
`benchmarks.ranking_quality`), the engine's exact score parts of EVERY candidate (occupation
agreement, cosine, related-skill credit, essential coverage; `scoring.exact_scores` with unit
weights) and IDF-cosine; then NDCG@10 of each recombination in `VARIANTS_OF_SCORE` (weights of
the parts, the agreement sharpened or flattened, ties by coverage or not), ranked as the engine
ranks (score desc, coverage desc, candidate id asc), as the paired difference to the engine's own
weights (`RankingParams()`), per family and vacancy variant. The unchanged weights reproduce
`benchmarks.ranking_quality`'s engine figures. Use it on the tuning half only (`--tune`).
Also prints the shares of relevance 3 / 2 / 1 / 0 in the engine's top 10.
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Callable, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfTransformer

from benchmarks import ranking_quality as rq
from benchmarks.ranking_families import FAMILIES, REFERENCE_DAY, VARIANTS, Hierarchy, generate_family
from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.params import RankingParams
from services.matching.index.domain.query import query_weights
from services.matching.index.domain.scoring import exact_scores
from services.matching.index.reference import load_recognizer, load_taxonomy, load_title_reader

Score = Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]  # parts (n, 6) -> (score, tie)


def recombined(
    w: tuple[float, float, float, float], gamma: float = 1.0, tie_by_coverage: bool = True
) -> Score:
    """A score of the parts (agreement, cosine, related, essential coverage, -, coverage with
    related credit): w . (agreement^gamma, cosine, related, coverage), ties by coverage or not."""

    def score(c: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        s = w[0] * c[:, 0] ** gamma + w[1] * c[:, 1] + w[2] * c[:, 2] + w[3] * c[:, 3]
        return np.round(s, 9), (c[:, 5] if tie_by_coverage else np.zeros(len(s)))

    return score


def variants_of_score(p: RankingParams) -> dict[str, Score]:
    """The engine's weights and the alternatives tried on 2026-12-01 (docs/benchmarks.md)."""
    w = (p.occupation_weight, p.similarity_weight, p.related_weight, p.coverage_weight)
    return {
        "engine": recombined(w),
        "ties not by coverage": recombined(w, tie_by_coverage=False),
        "0.55/0.35/0.1": recombined((0.55, 0.35, 0.1, 0.0)),
        "0.5/0.4/0.1": recombined((0.5, 0.4, 0.1, 0.0)),
        "0.65/0.25/0.1": recombined((0.65, 0.25, 0.1, 0.0)),
        "0.6/0.4/0": recombined((0.6, 0.4, 0.0, 0.0)),
        "+ coverage 0.05": recombined((*w[:3], 0.05)),
        "agreement^2": recombined(w, gamma=2.0),
        "agreement^0.5": recombined(w, gamma=0.5),
    }


def parts_per_vacancy(split: dict, family_names: Sequence[str], n_candidates: int, n_vacancies: int):  # type: ignore[no-untyped-def]
    """Per family: (variant, parts (n_candidates, 6) float64, IDF-cosine (n_candidates,), relevance)
    of every vacancy, candidates in generation order."""
    taxonomy = load_taxonomy()
    recognizer = load_recognizer(taxonomy)
    titles = load_title_reader(taxonomy, recognizer)
    hierarchy = Hierarchy(taxonomy)
    occupations = rq.occupation_half(taxonomy, split["half"])
    params = RankingParams()
    unit = dataclasses.replace(
        params,
        occupation_weight=1.0,
        similarity_weight=1.0,
        related_weight=1.0,
        coverage_weight=1.0,
        experience_match_weight=1.0,
    )
    for fam in [f for f in FAMILIES if f.name in family_names]:
        n = rq.pool_candidates(fam, n_candidates, len(occupations), taxonomy.n_occupations)
        data = generate_family(
            taxonomy,
            fam,
            occupations,
            n_candidates=n,
            n_vacancies=n_vacancies,
            seed=split["seed"],
            hierarchy=hierarchy,
        )
        prepared = rq.prepare(taxonomy, data, recognizer)
        engine = MatchingEngine(
            taxonomy, rq.MUNICIPALITIES, params, clock=lambda: REFERENCE_DAY, titles=titles
        )
        engine.bulk_load(data.candidates)
        snap = engine._snapshot
        seg = snap.main
        ids = np.asarray([c.candidate_id.encode() for c in data.candidates])
        rows = np.searchsorted(seg.ids, ids).astype(np.int64)  # row of each candidate
        order = np.argsort(rows)
        x = rq.skill_set_matrix(taxonomy, data)
        tfidf = TfidfTransformer().fit(x)
        cand = tfidf.transform(x).tocsc()
        out = []
        for variant in VARIANTS:
            for i, v in enumerate(prepared.vacancies[variant]):
                query = engine.prepare(v).query
                qw = query_weights(
                    query,
                    snap.idf,
                    snap.occupation_inv_norm,
                    engine._space,
                    max_occupations=0,
                    prune_bound=0.0,
                )
                ex = exact_scores(seg, rows[order], qw, unit)
                parts = np.empty((len(ids), 6))
                parts[order] = np.column_stack([ex.parts, ex.coverage])
                js = rq.vacancy_skill_set(taxonomy, v)
                base = np.zeros(len(ids))
                if js:
                    q = sp.csr_matrix((np.ones(len(js)), ([0] * len(js), js)), shape=(1, taxonomy.n_skills))
                    base = (cand @ tfidf.transform(q).T).toarray().ravel()
                out.append((variant, parts, base, prepared.relevance[i]))
        yield fam.name, out


def ranked(score: np.ndarray, tie: np.ndarray, k: int = rq.K) -> np.ndarray:
    """Positions of the top k by score desc, tie desc, position asc (positive scores only)."""
    o = np.lexsort((np.arange(len(score)), -tie, -score))
    return o[score[o] > 0][:k]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tune", action="store_true", help="tuning half and seed (use this)")
    parser.add_argument("--candidates", type=int, default=20_000)
    parser.add_argument("--vacancies", type=int, default=100)
    parser.add_argument("--families", default="partial-75,indep-1,indep-2")
    args = parser.parse_args(argv)
    split = rq.TUNING if args.tune else rq.REPORT
    scores = variants_of_score(RankingParams())
    for fam, vacancies in parts_per_vacancy(split, args.families.split(","), args.candidates, args.vacancies):
        ndcg: dict[str, dict[str, list[float]]] = {name: {} for name in [*scores, "idf-cosine"]}
        shares: dict[str, np.ndarray] = {}
        for variant, parts, base, rel in vacancies:
            top = ranked(base, np.zeros(len(base)))
            ndcg["idf-cosine"].setdefault(variant, []).append(rq.ndcg(rel[top], rel))
            for name, fn in scores.items():
                top = ranked(*fn(parts))
                ndcg[name].setdefault(variant, []).append(rq.ndcg(rel[top], rel))
                if name == "engine":
                    shares[variant] = shares.get(variant, np.zeros(4)) + np.bincount(rel[top], minlength=4)
        print(f"## {fam} ({split['name']} half, seed {split['seed']})")
        for name in scores:
            cells = []
            for variant in VARIANTS:
                mine, eng = np.asarray(ndcg[name][variant]), np.asarray(ndcg["engine"][variant])
                d, se = rq.paired(mine, eng) if len(mine) > 1 else (0.0, 0.0)
                idf = np.mean(ndcg["idf-cosine"][variant])
                cells.append(f"{variant} {mine.mean():.3f} (+{mine.mean() - idf:.3f}; {d:+.4f} ± {se:.4f})")
            print(f"  {name:22s} " + " | ".join(cells))
        for variant in VARIANTS:
            s = shares[variant] / max(shares[variant].sum(), 1)
            print(
                f"  engine top {rq.K}, {variant}: relevance 3/2/1/0 shares {s[3]:.3f}/{s[2]:.3f}/{s[1]:.3f}/{s[0]:.3f}"
            )


if __name__ == "__main__":
    main()
