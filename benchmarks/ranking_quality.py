"""Ranking quality benchmark: every noise family x vacancy variant against IDF-weighted cosine.

    python -m benchmarks.ranking_quality              # report half and seed (documented figures)
    python -m benchmarks.ranking_quality --tune       # tuning half and seed
    python -m benchmarks.ranking_quality --families indep-1,indep-2 --candidates 5000

Data: `benchmarks.ranking_families` (rules the engine does not share). ESCO's occupations are
split in two halves by a hash of their URI; everything is chosen on the tuning half with the
tuning seed and reported on the other half with the report seed.

Relevance of a candidate for a vacancy: 3 same occupation, 2 same ISCO-08 unit group (4 digits),
1 same sub-major group (2 digits), 0 otherwise (as the team's independent benchmark). NDCG@10
with gains 2^rel - 1 against the ideal order of the whole pool. Differences are paired per
vacancy, with their standard error (s.d. / sqrt(n)).

Rankers:
- ``idf-cosine`` (the baseline): scikit-learn `TfidfTransformer` (smooth IDF, l2) over the binary
  candidate x skill matrix (claimed skills, plus the essential skills of work-history
  occupations), cosine with the vacancy's binary skill set (occupation only: the occupation's
  essential and optional skills; text: the skills the service's recogniser finds);
- ``keyword``: TF-IDF over words of skill and occupation labels (the old, weak baseline);
- ``engine``: the matching engine as configured (`RankingParams()`), through `shortlist`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer
from sklearn.preprocessing import normalize

from benchmarks.ranking_families import FAMILIES, REFERENCE_DAY, VARIANTS, Family, Hierarchy, Labelled, generate_family
from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.model import Vacancy
from services.matching.index.domain.params import RankingParams
from services.matching.index.domain.recognition import SkillRecognizer, enrich_vacancy
from services.matching.index.domain.taxonomy import Taxonomy
from services.matching.index.reference import load_recognizer, load_taxonomy

TUNING: dict[str, Any] = {"name": "tuning", "half": 0, "seed": 1101}
REPORT: dict[str, Any] = {"name": "report", "half": 1, "seed": 2202}
K = 10
MUNICIPALITIES = {"837": (61.4978, 23.7610)}


def occupation_half(taxonomy: Taxonomy, half: int) -> list[str]:
    """The occupations whose URI hashes into `half` (0 tuning, 1 report)."""
    return [u for u in taxonomy.occupation_uris if hashlib.sha1(u.encode()).digest()[0] % 2 == half]


def relevance(taxonomy: Taxonomy, vacancy_occ: str, candidate_occs: Sequence[str]) -> np.ndarray:
    """(n,) int8 graded relevance: 3 same occupation, 2 same ISCO-08 unit group, 1 same
    sub-major group (2 digits), 0 otherwise."""
    isco = taxonomy.occupation_isco(vacancy_occ) or ""
    out = np.zeros(len(candidate_occs), dtype=np.int8)
    for i, occ in enumerate(candidate_occs):
        code = taxonomy.occupation_isco(occ) or ""
        out[i] = 3 if occ == vacancy_occ else 2 if code == isco else 1 if code[:2] == isco[:2] else 0
    return out


def ndcg(ranked_rel: np.ndarray, all_rel: np.ndarray, k: int = K) -> float:
    """NDCG@k with gains 2^rel - 1 and log2 discounts, against the ideal order of `all_rel`."""
    discounts = 1.0 / np.log2(np.arange(2, k + 2))
    top = ranked_rel[:k]
    gains = (2.0**top - 1) @ discounts[: len(top)]
    ideal = np.sort(all_rel)[::-1][:k]
    best = (2.0**ideal - 1) @ discounts[: len(ideal)]
    return float(gains / best) if best > 0 else 0.0


@dataclass
class Prepared:
    """One family's data with what every ranker needs."""

    data: Labelled
    vacancies: dict[str, list[Vacancy]]  # text variant enriched with recognised skills
    relevance: list[np.ndarray]  # per vacancy (same order in every variant)


Ranker = Callable[[str, int], np.ndarray]  # (variant, vacancy number) -> candidate positions


def prepare(taxonomy: Taxonomy, data: Labelled, recognizer: SkillRecognizer) -> Prepared:
    vacancies = dict(data.vacancies)
    vacancies["text"] = [
        enrich_vacancy(v, text, recognizer) for v, text in zip(data.vacancies["text"], data.vacancy_texts, strict=True)
    ]
    rel = [relevance(taxonomy, o, data.candidate_occupations) for o in data.vacancy_occupations]
    return Prepared(data, vacancies, rel)


def skill_set_matrix(taxonomy: Taxonomy, data: Labelled) -> sp.csr_matrix:
    """(n_candidates, n_skills) binary: claimed skills and essential skills of past occupations."""
    rows, cols = [], []
    for i, c in enumerate(data.candidates):
        js = {taxonomy.skill_index[s.uri] for s in c.skills if s.uri in taxonomy.skill_index}
        for w in c.experience:
            js.update(taxonomy.essential.indices[_span(taxonomy.essential, taxonomy.occupation_index[w.occupation_uri])])
        rows += [i] * len(js)
        cols += sorted(js)
    m = sp.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=(len(data.candidates), taxonomy.n_skills))
    return m


def vacancy_skill_set(taxonomy: Taxonomy, v: Vacancy, *, optional: bool = True) -> list[int]:
    js = {taxonomy.skill_index[s.uri] for s in v.skills if s.uri in taxonomy.skill_index}
    if v.occupation_uri:
        o = taxonomy.occupation_index[v.occupation_uri]
        js.update(taxonomy.essential.indices[_span(taxonomy.essential, o)].tolist())
        if optional:
            js.update(taxonomy.optional.indices[_span(taxonomy.optional, o)].tolist())
    return sorted(js)


def idf_cosine_ranker(taxonomy: Taxonomy, p: Prepared, *, optional: bool = True) -> Ranker:
    x = skill_set_matrix(taxonomy, p.data)
    tfidf = TfidfTransformer().fit(x)
    cand = tfidf.transform(x).tocsc()

    def rank(variant: str, i: int) -> np.ndarray:
        js = vacancy_skill_set(taxonomy, p.vacancies[variant][i], optional=optional)
        if not js:
            return np.zeros(0, np.int64)
        q = sp.csr_matrix((np.ones(len(js)), ([0] * len(js), js)), shape=(1, taxonomy.n_skills))
        q = tfidf.transform(q)
        scores = (cand @ q.T).toarray().ravel()
        return _top(scores)

    return rank


def keyword_ranker(taxonomy: Taxonomy, p: Prepared) -> Ranker:
    def cand_text(c) -> str:  # type: ignore[no-untyped-def]
        labels = [taxonomy.skill_label(s.uri) for s in c.skills]
        labels += [taxonomy.occupation_label(w.occupation_uri) for w in c.experience]
        return " . ".join(labels)

    vec = TfidfVectorizer(sublinear_tf=True)
    m = vec.fit_transform([cand_text(c) for c in p.data.candidates])

    def rank(variant: str, i: int) -> np.ndarray:
        v = p.vacancies[variant][i]
        words = [v.title] + [taxonomy.skill_label(s.uri) for s in v.skills if not s.suggested]
        if v.occupation_uri:
            words.append(taxonomy.occupation_label(v.occupation_uri))
        if variant == "text":
            words.append(p.data.vacancy_texts[i])
        scores = (m @ vec.transform([" . ".join(words)]).T).toarray().ravel()
        return _top(scores)

    return rank


def engine_ranker(taxonomy: Taxonomy, p: Prepared, params: RankingParams | None = None) -> Ranker:
    engine = MatchingEngine(taxonomy, MUNICIPALITIES, params or RankingParams(), clock=lambda: REFERENCE_DAY)
    engine.bulk_load(p.data.candidates)
    position = {c.candidate_id: i for i, c in enumerate(p.data.candidates)}

    def rank(variant: str, i: int) -> np.ndarray:
        entries = engine.shortlist(p.vacancies[variant][i], k=K, viewer_org=None, today=REFERENCE_DAY)
        return np.asarray([position[e.candidate_id] for e in entries], dtype=np.int64)

    return rank


def _top(scores: np.ndarray, k: int = K) -> np.ndarray:
    top = np.argpartition(-scores, min(k, len(scores) - 1))[: k + 1]
    top = top[np.lexsort((top, -scores[top]))][:k]
    return top[scores[top] > 0]


def _span(m: sp.csr_matrix, i: int) -> slice:
    return slice(m.indptr[i], m.indptr[i + 1])


def evaluate(p: Prepared, ranker: Ranker) -> dict[str, np.ndarray]:
    """Per variant, (n_vacancies,) NDCG@10 of each vacancy."""
    out = {}
    for variant in VARIANTS:
        out[variant] = np.asarray(
            [ndcg(rel[ranker(variant, i)], rel) for i, rel in enumerate(p.relevance)], dtype=np.float64
        )
    return out


def paired(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    d = a - b
    return float(d.mean()), float(d.std(ddof=1) / np.sqrt(len(d)))


def model_ranker(taxonomy: Taxonomy, p: Prepared, settings=None) -> Ranker:  # type: ignore[no-untyped-def]
    from benchmarks.ranking_model import ModelRanker, ScoreSettings, trained_model

    model = trained_model(taxonomy, occupation_half(taxonomy, TUNING["half"]), TUNING["seed"] + 7)
    r = ModelRanker(taxonomy, p.data.candidates, model, settings or ScoreSettings())

    def rank(variant: str, i: int) -> np.ndarray:
        return _top(r.scores(p.vacancies[variant][i]))

    return rank


RANKERS: dict[str, Callable[..., Ranker]] = {
    "model": model_ranker,
    "idf-cosine": idf_cosine_ranker,
    "keyword": keyword_ranker,
    "engine": engine_ranker,
}


def run(
    split: dict,
    families: Sequence[Family],
    *,
    n_candidates: int,
    n_vacancies: int,
    rankers: dict[str, Callable[..., Ranker]] | None = None,
    log: Callable[[str], None] = print,
) -> dict:
    taxonomy = load_taxonomy()
    recognizer = load_recognizer(taxonomy)
    hierarchy = Hierarchy(taxonomy)
    occupations = occupation_half(taxonomy, split["half"])
    rankers = rankers or RANKERS
    results: dict = {}
    for fam in families:
        t = time.time()
        data = generate_family(
            taxonomy, fam, occupations, n_candidates=n_candidates, n_vacancies=n_vacancies,
            seed=split["seed"], hierarchy=hierarchy,
        )
        p = prepare(taxonomy, data, recognizer)
        per = {name: evaluate(p, make(taxonomy, p)) for name, make in rankers.items()}
        results[fam.name] = per
        for variant in VARIANTS:
            base = per["idf-cosine"][variant]
            cells = []
            for name in rankers:
                s = per[name][variant]
                if name == "idf-cosine":
                    cells.append(f"{name} {s.mean():.3f}")
                else:
                    d, se = paired(s, base)
                    cells.append(f"{name} {s.mean():.3f} ({d:+.3f} ± {se:.3f})")
            log(f"{fam.name:16s} {variant:10s} " + " | ".join(cells))
        log(f"  ({time.time() - t:.0f}s)")
    return results


def main(argv: Sequence[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tune", action="store_true", help="tuning half and seed")
    parser.add_argument("--candidates", type=int, default=20_000)
    parser.add_argument("--vacancies", type=int, default=200)
    parser.add_argument("--families", help="comma-separated family names (default: all)")
    parser.add_argument("--rankers", help="comma-separated ranker names (default: all)")
    parser.add_argument("--json", help="also write per-vacancy results to this file")
    args = parser.parse_args(argv)
    split = TUNING if args.tune else REPORT
    fams = [f for f in FAMILIES if not args.families or f.name in args.families.split(",")]
    rankers = {k: v for k, v in RANKERS.items() if not args.rankers or k in args.rankers.split(",") or k == "idf-cosine"}
    print(
        f"# ranking quality, {split['name']} half (seed {split['seed']}), {args.candidates} candidates, "
        f"{args.vacancies} vacancies per variant, {date.today()}; NDCG@10 (difference to idf-cosine ± s.e.)"
    )
    started = time.time()
    results = run(split, fams, n_candidates=args.candidates, n_vacancies=args.vacancies, rankers=rankers)
    print(f"done in {time.time() - started:.0f}s")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(
                {"split": split, "results": {f: {r: {v: a.tolist() for v, a in x.items()} for r, x in d.items()} for f, d in results.items()}},
                f,
            )
    return results


if __name__ == "__main__":
    main()
