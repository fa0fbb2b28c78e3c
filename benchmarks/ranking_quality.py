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
- ``engine``: the matching engine as the service runs it (`RankingParams()`: the occupation-aware
  score wired in, inferred occupations in the index), through `MatchingEngine.shortlist`, the call
  `MatchingHandlers.shortlist` makes (it adds only consent, exclusions and rendering); its 0-100
  `match` figures give the calibration table when it runs;
- ``occupation-aware``: the brute-force prototype of that score (`benchmarks.ranking_model`);
- ``service``: the same engine reached as users reach it: profiles and vacancies through the
  profile and vacancy services' HTTP APIs, their events through matching's index feed, the
  recruiter's ``GET …/shortlist`` (`benchmarks.service_ranking`; not run by default: it takes
  minutes per family).
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

from benchmarks.ranking_families import (
    FAMILIES,
    REFERENCE_DAY,
    VARIANTS,
    Family,
    Hierarchy,
    Labelled,
    generate_family,
)
from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.match_score import MatchScale
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


def pool_candidates(family: Family, n_candidates: int, n_pool: int, n_all: int) -> int:
    """Candidates to generate for `family` over a pool of `n_pool` of the `n_all` occupations: a
    `team_density` family spreads `n_candidates` over all of ESCO, so a pool of half the occupations
    gets half as many (the same candidates per occupation); other families get `n_candidates`."""
    return round(n_candidates * n_pool / n_all) if family.team_density else n_candidates


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
        enrich_vacancy(v, text, recognizer)
        for v, text in zip(data.vacancies["text"], data.vacancy_texts, strict=True)
    ]
    rel = [relevance(taxonomy, o, data.candidate_occupations) for o in data.vacancy_occupations]
    return Prepared(data, vacancies, rel)


def skill_set_matrix(taxonomy: Taxonomy, data: Labelled) -> sp.csr_matrix:
    """(n_candidates, n_skills) binary: claimed skills and essential skills of past occupations."""
    rows, cols = [], []
    for i, c in enumerate(data.candidates):
        js = {taxonomy.skill_index[s.uri] for s in c.skills if s.uri in taxonomy.skill_index}
        for w in c.experience:
            js.update(
                taxonomy.essential.indices[
                    _span(taxonomy.essential, taxonomy.occupation_index[w.occupation_uri])
                ]
            )
        rows += [i] * len(js)
        cols += sorted(js)
    m = sp.csr_matrix(
        (np.ones(len(rows), np.float32), (rows, cols)), shape=(len(data.candidates), taxonomy.n_skills)
    )
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


def engine_ranker(
    taxonomy: Taxonomy, p: Prepared, params: RankingParams | None = None, collect: list | None = None
) -> Ranker:
    """The engine's shortlists; with `collect`, appends (variant, raw score, same occupation) of
    each vacancy's top 50 (`CALIBRATION_POOL`) as the engine ranks them."""
    engine = MatchingEngine(taxonomy, MUNICIPALITIES, params or RankingParams(), clock=lambda: REFERENCE_DAY)
    engine.bulk_load(p.data.candidates)
    position = {c.candidate_id: i for i, c in enumerate(p.data.candidates)}

    def rank(variant: str, i: int) -> np.ndarray:
        k = max(K, CALIBRATION_POOL) if collect is not None else K
        entries = engine.shortlist(p.vacancies[variant][i], k=k, viewer_org=None, today=REFERENCE_DAY)
        at = np.asarray([position[e.candidate_id] for e in entries], dtype=np.int64)
        if collect is not None:
            raw = np.asarray([e.score for e in entries], dtype=np.float64)
            collect.append((variant, raw, p.relevance[i][at] == 3))
        return at[:K]

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


CALIBRATION_POOL = 50  # candidates per vacancy whose raw score and label calibrate the match score


def model_ranker(taxonomy: Taxonomy, p: Prepared, settings=None, collect: list | None = None) -> Ranker:  # type: ignore[no-untyped-def]
    """The occupation-aware score (`benchmarks.ranking_model`), brute force over the pool; with
    `collect`, appends (variant, raw score, same occupation) of each vacancy's top 50."""
    from benchmarks.ranking_model import ModelRanker, ScoreSettings, trained_model

    model = trained_model(taxonomy, occupation_half(taxonomy, TUNING["half"]), TUNING["seed"] + 7)
    r = ModelRanker(taxonomy, p.data.candidates, model, settings or ScoreSettings())

    def rank(variant: str, i: int) -> np.ndarray:
        scores = r.scores(p.vacancies[variant][i])
        if collect is not None:
            top = _top(scores, CALIBRATION_POOL)
            collect.append((variant, scores[top], p.relevance[i][top] == 3))
        return _top(scores)

    return rank


def service_ranker(taxonomy: Taxonomy, p: Prepared) -> Ranker:
    """The services' HTTP path (`benchmarks.service_ranking`): profiles and vacancies through their
    APIs, events through matching's index feed, the recruiter's shortlist."""
    from benchmarks.service_ranking import service_ranker as through_services

    return through_services(taxonomy, p)


RANKERS: dict[str, Callable[..., Ranker]] = {
    "occupation-aware": model_ranker,
    "idf-cosine": idf_cosine_ranker,
    "keyword": keyword_ranker,
    "engine": engine_ranker,
    "service": service_ranker,
}


def run(
    split: dict,
    families: Sequence[Family],
    *,
    n_candidates: int,
    n_vacancies: int,
    rankers: dict[str, Callable[..., Ranker]] | None = None,
    log: Callable[[str], None] = print,
) -> tuple[dict, list]:
    """Per family, ranker and variant the (n_vacancies,) NDCG@10; and the calibration pairs
    (variant, raw scores, same occupation) of the top 50s of the engine (or, when it does not
    run, of the occupation-aware prototype)."""
    taxonomy = load_taxonomy()
    recognizer = load_recognizer(taxonomy)
    hierarchy = Hierarchy(taxonomy)
    occupations = (
        list(taxonomy.occupation_uris)
        if split.get("pool") == "all"
        else occupation_half(taxonomy, split["half"])
    )
    rankers = rankers or RANKERS
    results: dict = {}
    pairs: list = []
    for fam in families:
        t = time.time()
        n = pool_candidates(fam, n_candidates, len(occupations), taxonomy.n_occupations)
        data = generate_family(
            taxonomy,
            fam,
            occupations,
            n_candidates=n,
            n_vacancies=n_vacancies,
            seed=split["seed"],
            hierarchy=hierarchy,
        )
        p = prepare(taxonomy, data, recognizer)
        per = {}
        for name, make in rankers.items():
            calibrated = "engine" if "engine" in rankers else "occupation-aware"
            ranker = make(taxonomy, p, collect=pairs) if name == calibrated else make(taxonomy, p)
            per[name] = evaluate(p, ranker)
        results[fam.name] = per
        for variant in VARIANTS:
            base = per["idf-cosine"][variant]
            cells = []
            for name in rankers:
                sc = per[name][variant]
                if name == "idf-cosine":
                    cells.append(f"{name} {sc.mean():.3f}")
                else:
                    d, se = paired(sc, base)
                    cells.append(f"{name} {sc.mean():.3f} ({d:+.3f} ± {se:.3f})")
            log(f"{fam.name:16s} {variant:10s} " + " | ".join(cells))
        log(f"  ({time.time() - t:.0f}s)")
    return results, pairs


def markdown_table(results: dict, rankers: Sequence[str], target: float = 0.08) -> str:
    """One row per family x variant: NDCG@10 of each ranker, differences to idf-cosine ± s.e.; the
    target column judges the engine (the prototype when the engine did not run)."""
    others = [r for r in rankers if r != "idf-cosine"]
    head = "| family | vacancy | idf-cosine | " + " | ".join(others) + " | target (+0.08) |"
    lines = [head, "|" + "---|" * (4 + len(others))]
    for fam, per in results.items():
        for variant in VARIANTS:
            base = per["idf-cosine"][variant]
            cells = [f"{base.mean():.3f}"]
            for r in others:
                d, se = paired(per[r][variant], base)
                cells.append(f"{per[r][variant].mean():.3f} ({d:+.3f} ± {se:.3f})")
            met = ""
            judged = next((r for r in ("engine", "occupation-aware") if r in per), None)
            if judged:
                d, _ = paired(per[judged][variant], base)
                met = "met" if d >= target else f"**not met** ({d:+.3f})"
            lines.append(f"| {fam} | {variant} | " + " | ".join(cells) + f" | {met} |")
    return "\n".join(lines)


CALIBRATION_BINS = 48  # quantile bins of the raw score whose same-occupation shares are fitted


def fit_scale(pairs: list, bins: int = CALIBRATION_BINS) -> MatchScale:
    """The match scale of "same occupation" on the raw score: (raw, same) pairs grouped into
    `bins` quantile bins of the raw score, an isotonic regression (scikit-learn, weighted by bin
    size) over the bins' mean raw score and same-occupation share, and a knot per level of the
    fit at the mean raw score of its bins (raw rounded to 3 decimals, match to 1)."""
    from sklearn.isotonic import IsotonicRegression

    raw = np.concatenate([r for _, r, _ in pairs])
    same = np.concatenate([s for _, _, s in pairs]).astype(np.float64)
    edges = np.unique(np.quantile(raw, np.linspace(0, 1, bins + 1)))
    b = np.clip(np.searchsorted(edges, raw, side="right") - 1, 0, len(edges) - 2)
    n = np.bincount(b, minlength=len(edges) - 1).astype(np.float64)
    full = n > 0
    x = np.bincount(b, raw, len(edges) - 1)[full] / n[full]
    y = np.bincount(b, same, len(edges) - 1)[full] / n[full]
    w = n[full]
    level = np.round(100 * IsotonicRegression().fit(x, y, sample_weight=w).predict(x), 1)
    knots_raw, knots_match = [], []
    for value in np.unique(level):
        at = level == value
        knots_raw.append(round(float(np.average(x[at], weights=w[at])), 3))
        knots_match.append(float(value))
    return MatchScale(tuple(knots_raw), tuple(knots_match))


def reliability(pairs: list, scale: MatchScale) -> str:
    """Predicted vs observed share of same-occupation candidates, per vacancy variant and band
    of the match score (a calibrated score has them equal in every row), and per variant the
    overall predicted and observed share and the Brier score (mean squared error of the
    predicted chance against the 0/1 outcome)."""
    lines = ["| vacancy | match score | candidates | mean match | same occupation |", "|---|---|---|---|---|"]
    summary = []
    for variant in VARIANTS:
        if not any(v == variant for v, _, _ in pairs):
            continue
        raw = np.concatenate([r for v, r, _ in pairs if v == variant])
        same = np.concatenate([s for v, _, s in pairs if v == variant])
        match = scale(raw)
        for lo, hi in ((0, 25), (25, 50), (50, 75), (75, 90), (90, 101)):
            m = (match >= lo) & (match < hi)
            if m.sum():
                lines.append(
                    f"| {variant} | {lo}-{min(hi, 100)} | {int(m.sum())} | {match[m].mean():.0f} | {100 * same[m].mean():.0f}% |"
                )
        brier = float(np.mean((match / 100 - same) ** 2))
        summary.append(
            f"{variant}: predicted {match.mean():.1f}%, observed {100 * same.mean():.1f}%, Brier {brier:.3f}"
        )
    return "\n".join([*lines, "", *summary])


def main(argv: Sequence[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tune", action="store_true", help="tuning half and seed")
    parser.add_argument("--candidates", type=int, default=20_000)
    parser.add_argument("--vacancies", type=int, default=200)
    parser.add_argument("--families", help="comma-separated family names (default: all)")
    parser.add_argument("--rankers", help="comma-separated ranker names (default: all)")
    parser.add_argument("--json", help="also write per-vacancy results to this file")
    parser.add_argument(
        "--pool",
        choices=("half", "all"),
        default="half",
        help="occupations: the split's half (default) or all of ESCO (the seed still differs)",
    )
    args = parser.parse_args(argv)
    split = {**(TUNING if args.tune else REPORT), "pool": args.pool}
    fams = [f for f in FAMILIES if not args.families or f.name in args.families.split(",")]
    rankers = {
        k: v
        for k, v in RANKERS.items()
        if (not args.rankers and k != "service") or k in (args.rankers or "").split(",") or k == "idf-cosine"
    }
    print(
        f"# ranking quality, {split['name']} {'half' if args.pool == 'half' else 'seed, all of ESCO'} "
        f"(seed {split['seed']}), {args.candidates} candidates, "
        f"{args.vacancies} vacancies per variant, {date.today()}; NDCG@10 (difference to idf-cosine ± s.e.)"
    )
    started = time.time()
    results, pairs = run(
        split, fams, n_candidates=args.candidates, n_vacancies=args.vacancies, rankers=rankers
    )
    print()
    print(markdown_table(results, list(rankers)))
    if pairs:
        from services.matching.index.domain.query import VACANCY_KINDS

        whose = "engine" if "engine" in rankers else "occupation-aware prototype"
        print(f"\nmatch score calibration per kind of vacancy ({whose}'s top {CALIBRATION_POOL}):\n")
        scales = RankingParams().match_scales
        fitted = {}
        for kind in VARIANTS:
            mine = [x for x in pairs if x[0] == kind]
            if not mine:
                continue
            scale = fit_scale(mine) if args.tune else MatchScale(*scales[VACANCY_KINDS.index(kind)])
            fitted[kind] = (scale.raw, scale.match)
            note = "fitted on this (tuning) run" if args.tune else "fitted on the tuning half"
            print(f"{kind}: {len(scale.raw)} knots ({note})")
            print(reliability(mine, scale))
        if args.tune:
            print("\nRankingParams.match_scales (occupation, skills, text):")
            print(tuple(fitted.get(k) for k in VACANCY_KINDS))
    print(f"done in {time.time() - started:.0f}s")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(
                {
                    "split": split,
                    "calibration_pairs": [(v, r.tolist(), y.tolist()) for v, r, y in pairs],
                    "results": {
                        fam: {r: {v: a.tolist() for v, a in x.items()} for r, x in d.items()}
                        for fam, d in results.items()
                    },
                },
                f,
            )
    return results


if __name__ == "__main__":
    main()
