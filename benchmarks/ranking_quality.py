"""Ranking quality benchmark: every noise family x vacancy variant against IDF-weighted cosine.

    python -m benchmarks.ranking_quality              # report half and seed (documented figures)
    python -m benchmarks.ranking_quality --tune       # tuning half and seed
    python -m benchmarks.ranking_quality --families indep-1,indep-2 --candidates 5000
    python -m benchmarks.ranking_quality --tune --rankers engine --json base.json
    python -m benchmarks.ranking_quality --tune --rankers engine --param outside_skill_weight=0.1 \
        --paired-with base.json                      # the engine with a parameter changed, paired

Data: `benchmarks.ranking_families` (rules the engine does not share). ESCO's occupations are
split in two halves by a hash of their URI; everything is chosen on the tuning half with the
tuning seed and reported on the other half with the report seed.

Relevance of a candidate for a vacancy: 3 same occupation, 2 same ISCO-08 unit group (4 digits),
1 same sub-major group (2 digits), 0 otherwise (as the team's independent benchmark). NDCG@10
with gains 2^rel - 1 against the ideal order of the whole pool. Differences are paired per
vacancy, with their standard error (s.d. / sqrt(n)).

A recruiter's reading, for the families with work history (``history-only``, ``two-occupations``):
the label is the occupation a candidate was generated from, but a recruiter counts someone working
as a B now as relevant for B's vacancies, whatever else they claim (outside tester 7, H14). Half of
``two-occupations``' people work now in their second occupation, whom the label grades 0 there. So
those families are also graded by "the label or the current job" (`recruiter_relevance`: per
candidate the better of the label's relevance and the same grading of their current job's
occupation) and a second table prints both readings side by side, every ranker on the same top 10s
(`recruiter_table`). The label's table is the issue's target as it stands; the second says how
much of a short cell is the label's.

Rankers:
- ``idf-cosine`` (the baseline): scikit-learn `TfidfTransformer` (smooth IDF, l2) over the binary
  candidate x skill matrix (claimed skills, plus the essential skills of work-history
  occupations), cosine with the vacancy's binary skill set (occupation only: the occupation's
  essential and optional skills; text: the skills the service's recogniser finds);
- ``keyword``: TF-IDF over words of skill and occupation labels (the old, weak baseline);
- ``engine``: the matching engine as the service runs it (`RankingParams()`: the occupation-aware
  score wired in, inferred occupations in the index), through `MatchingEngine.shortlist`, the call
  `MatchingHandlers.shortlist` makes (it adds only consent, exclusions and rendering); its 0-100
  `match` figures give the calibration table when it runs (ground truth, `target`: each candidate
  of a vacancy's top 50 who fits the vacancy's occupation, `fits`, counts half plus half the share
  of the vacancy's essential skills they hold, `essential_coverage`; others 0; a text vacancy the
  engine reads surely as one occupation is graded as that vacancy naming it, `target_variant`; with ``--tune`` the scales are fitted,
  per kind of vacancy, on the raw score or its share of the vacancy's ideal, whichever has the
  smaller cross-fitted calibration error; otherwise the reliability per decile and the ECE of
  the scales in `RankingParams`);
- ``occupation-aware``: the brute-force prototype of that score (`benchmarks.ranking_model`);
- ``service``: the same engine reached as users reach it: profiles and vacancies through the
  profile and vacancy services' HTTP APIs, their events through matching's index feed, the
  recruiter's ``GET …/shortlist`` (`benchmarks.service_ranking`; not run by default: it takes
  minutes per family).
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import hashlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
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
from benchmarks.title_occupations import ExactTitles
from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.match_score import MatchScale, match_scores, scale_input
from services.matching.index.domain.model import Vacancy
from services.matching.index.domain.params import RankingParams
from services.matching.index.domain.recognition import SkillRecognizer, enrich_vacancy
from services.matching.index.domain.taxonomy import Taxonomy
from services.matching.index.reference import load_recognizer, load_taxonomy, load_title_reader

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
    fit: dict[str, list[np.ndarray]] = field(default_factory=dict)  # variant -> per vacancy (`target`)
    occupation_fit: dict[str, list[np.ndarray]] = field(default_factory=dict)  # the same (`fits`)
    titles: Any = None  # the engine's job-title reader (None: exact labels only)
    # per vacancy, the recruiter's reading (`recruiter_relevance`); None without work history
    recruiter: list[np.ndarray] | None = None


Ranker = Callable[[str, int], np.ndarray]  # (variant, vacancy number) -> candidate positions


def prepare(taxonomy: Taxonomy, data: Labelled, recognizer: SkillRecognizer) -> Prepared:
    vacancies = dict(data.vacancies)
    vacancies["text"] = [
        enrich_vacancy(v, text, recognizer)
        for v, text in zip(data.vacancies["text"], data.vacancy_texts, strict=True)
    ]
    rel = [relevance(taxonomy, o, data.candidate_occupations) for o in data.vacancy_occupations]
    fit = fits(taxonomy, data)
    cover = essential_coverage(taxonomy, data)
    graded = {v: [target(f, c) for f, c in zip(fit[v], cover[v], strict=True)] for v in fit}
    recruiter = None
    if any(c.experience for c in data.candidates):
        jobs = current_jobs(data)
        recruiter = [
            recruiter_relevance(taxonomy, o, r, jobs)
            for o, r in zip(data.vacancy_occupations, rel, strict=True)
        ]
    return Prepared(data, vacancies, rel, graded, fit, recruiter=recruiter)


def current_jobs(data: Labelled) -> list[str]:
    """Per candidate the occupation URI of their current job (a spell without an end year; the
    first such), "" for one without."""
    return [
        next((w.occupation_uri for w in c.experience if w.ended_year is None), "") for c in data.candidates
    ]


def recruiter_relevance(
    taxonomy: Taxonomy, vacancy_occupation: str, label: np.ndarray, jobs: Sequence[str]
) -> np.ndarray:
    """(n,) int8, the recruiter's reading of a vacancy's pool: per candidate the larger of `label`
    (`relevance` of the occupation they were generated from) and the same grading of their current
    job's occupation (`current_jobs`; 0 without one). Someone working as a warehouse worker now is a
    warehouse worker to a recruiter, whatever else they can do; earlier jobs do not count.
    label: (n,) int8; jobs: (n,) occupation URIs or "". ValueError when the lengths differ."""
    if len(label) != len(jobs):
        raise ValueError(f"{len(label)} labels against {len(jobs)} current jobs")
    has = np.asarray([bool(j) for j in jobs], dtype=bool)
    graded = relevance(taxonomy, vacancy_occupation, [j or vacancy_occupation for j in jobs])
    return np.maximum(label, np.where(has, graded, 0)).astype(np.int8)


def fits(taxonomy: Taxonomy, data: Labelled) -> dict[str, list[np.ndarray]]:
    """Per variant and vacancy, (n_candidates,) bool: the candidate FITS the vacancy as it is
    posted, the ground truth of the 0-100 match score: the candidate is of the vacancy's own
    occupation, or of an occupation whose ESCO profile (essential and optional skills) asks for
    every skill the vacancy asks for (`Labelled.vacancy_required`: an occupation's essential
    skills, the listed essential ones, those the text was written from). A vacancy asking for MIG
    and MAG welding and a forklift is fitted by a welder and a metal fabricator alike; one naming
    the welder occupation by a welder (or an occupation asking for all a welder's essential skills)."""
    profile = (taxonomy.essential + taxonomy.optional).tocsc()
    profile.data[:] = 1
    occ_index = taxonomy.occupation_index
    cand = np.asarray([occ_index[o] for o in data.candidate_occupations], dtype=np.int64)
    out: dict[str, list[np.ndarray]] = {}
    for variant, required in data.vacancy_required.items():
        rows = []
        for source, req in zip(data.vacancy_occupations, required, strict=True):
            js = [taxonomy.skill_index[u] for u in req if u in taxonomy.skill_index]
            ok = np.zeros(taxonomy.n_occupations, dtype=bool)
            if js:
                ok = np.asarray(profile[:, js].sum(axis=1)).ravel() >= len(js)
            ok[occ_index[source]] = True
            rows.append(ok[cand])
        out[variant] = rows
    return out


def essential_coverage(taxonomy: Taxonomy, data: Labelled) -> dict[str, list[np.ndarray]]:
    """Per variant and vacancy, (n_candidates,) float in [0, 1]: the share of the vacancy's
    essential skills as posted (`Labelled.vacancy_required`: an occupation's essential skills,
    the listed essential ones, those the text was written from) the candidate holds, claimed or
    from a past occupation's essential skills (`skill_set_matrix`), exactly (a related skill
    earns nothing here); 1 when the vacancy asks for none."""
    held = skill_set_matrix(taxonomy, data).tocsc()
    out: dict[str, list[np.ndarray]] = {}
    for variant, required in data.vacancy_required.items():
        rows = []
        for req in required:
            js = sorted({taxonomy.skill_index[u] for u in req if u in taxonomy.skill_index})
            if js:
                rows.append(np.asarray(held[:, js].sum(axis=1), dtype=np.float64).ravel() / len(js))
            else:
                rows.append(np.ones(len(data.candidates)))
        out[variant] = rows
    return out


OCCUPATION_SHARE = 0.5
"""What being of a fitting occupation counts in the match score's target; the rest is the share
of the vacancy's essential skills held. Half: with 0 (coverage alone) a candidate whose extra
skills dilute the cosine read as one lacking skills, since the raw score cannot tell the two
apart (a bus driver of six years with noted skills: 33.8 against 88.2 without them; at 0.5 62.9
against 93.5); with 1 (the occupation alone) 3 / 88 essential skills read 100 (tester 14, P10)."""


def target(fit: np.ndarray, coverage: np.ndarray) -> np.ndarray:
    """The 0-100 match score's ground truth, (n,) float in [0, 1]: a candidate who fits the
    vacancy's occupation (`fits`) counts `OCCUPATION_SHARE` plus the rest times the share of its
    essential skills they hold (`essential_coverage`); one who does not fit counts 0."""
    fit, coverage = np.asarray(fit, dtype=np.float64), np.asarray(coverage, dtype=np.float64)
    return fit * (OCCUPATION_SHARE + (1 - OCCUPATION_SHARE) * coverage)


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
    """The engine's shortlists; with `collect`, appends a `Pairs` of each vacancy's top 50
    (`CALIBRATION_POOL`) as the engine ranks them."""
    engine = MatchingEngine(
        taxonomy, MUNICIPALITIES, params or RankingParams(), clock=lambda: REFERENCE_DAY, titles=p.titles
    )
    engine.bulk_load(p.data.candidates)
    position = {c.candidate_id: i for i, c in enumerate(p.data.candidates)}

    def rank(variant: str, i: int) -> np.ndarray:
        k = max(K, CALIBRATION_POOL) if collect is not None else K
        prepared = engine.prepare(p.vacancies[variant][i])
        entries = engine.shortlist(prepared, k=k, viewer_org=None, today=REFERENCE_DAY)
        at = np.asarray([position[e.candidate_id] for e in entries], dtype=np.int64)
        if collect is not None:
            raw = np.asarray([e.score for e in entries], dtype=np.float64)
            same = p.relevance[i][at] == 3
            q = prepared.query
            graded = target_variant(variant, q.kind)
            fit = p.fit[graded][i][at] if p.fit else same.astype(np.float64)
            occ_fit = p.occupation_fit[graded][i][at] if p.occupation_fit else same
            sure = float(q.target.max()) if q.target is not None and len(q.target) else 0.0
            collect.append(Pairs(variant, q.kind, raw, q.ideal, fit, same, occ_fit, sure))
        return at[:K]

    return rank


def target_variant(variant: str, kind: str) -> str:
    """The variant whose target (`target`) grades a vacancy's candidates: its own, but "occupation"
    for a text vacancy the engine reads surely as one occupation (kind "text-read"), since that
    vacancy asks for the occupation's ESCO profile as one naming it does (`query.vacancy_query`) and
    its shortlist counts the occupation's essential skills held. Graded by the four to seven
    essential skills its text was written from, a candidate of a sibling occupation whose profile
    lists those few skills "fitted" a text vacancy and not the same occupation named, so the two
    kinds' scales were fitted to different truths: a cook graduate holding 12 of 16 essential skills
    read 47.7 on a text-only cook ad and 23.2 on one naming the cook at the same raw score (outside
    tester 31, F12; session 32). The generator's vacancy i is of the same occupation in every
    variant (`ranking_families`), so the occupation variant's target is that vacancy's."""
    return "occupation" if kind == "text-read" else variant


def _top(scores: np.ndarray, k: int = K) -> np.ndarray:
    top = np.argpartition(-scores, min(k, len(scores) - 1))[: k + 1]
    top = top[np.lexsort((top, -scores[top]))][:k]
    return top[scores[top] > 0]


def _span(m: sp.csr_matrix, i: int) -> slice:
    return slice(m.indptr[i], m.indptr[i + 1])


def evaluate(p: Prepared, ranker: Ranker) -> dict[str, np.ndarray]:
    """Per variant, (n_vacancies,) NDCG@10 of each vacancy."""
    return evaluate_readings(p, ranker)[0]


def evaluate_readings(
    p: Prepared, ranker: Ranker
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray] | None]:
    """Per variant, (n_vacancies,) NDCG@10 of each vacancy under the label (`Prepared.relevance`)
    and, on the same top 10s, under the recruiter's reading (`Prepared.recruiter`; None for a
    family without work history)."""
    label: dict[str, np.ndarray] = {}
    recruiter: dict[str, np.ndarray] | None = {} if p.recruiter is not None else None
    for variant in VARIANTS:
        tops = [ranker(variant, i) for i in range(len(p.relevance))]
        label[variant] = np.asarray(
            [ndcg(rel[top], rel) for top, rel in zip(tops, p.relevance, strict=True)], dtype=np.float64
        )
        if recruiter is not None and p.recruiter is not None:
            recruiter[variant] = np.asarray(
                [ndcg(rel[top], rel) for top, rel in zip(tops, p.recruiter, strict=True)], dtype=np.float64
            )
    return label, recruiter


def paired(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    d = a - b
    return float(d.mean()), float(d.std(ddof=1) / np.sqrt(len(d)))


CALIBRATION_POOL = 50  # candidates per vacancy whose raw score and label calibrate the match score


@dataclass
class Pairs:
    """One vacancy's calibration pairs: its variant, its kind as the engine reads it
    (`query.VACANCY_KINDS`), the raw scores of its top 50, its ideal raw score
    (`query.ideal_score`), and per candidate the match score's target (`target`: fits the
    vacancy's occupation, half, and the share of its essential skills held, half), whether they are of its very
    occupation, and whether they fit its occupation (`fits`)."""

    variant: str
    kind: str
    raw: np.ndarray
    ideal: float
    fit: np.ndarray
    same: np.ndarray
    occupation_fit: np.ndarray | None = None
    certainty: float = 1.0  # the largest probability of the vacancy's occupation distribution


def model_ranker(taxonomy: Taxonomy, p: Prepared, settings=None, collect: list | None = None) -> Ranker:  # type: ignore[no-untyped-def]
    """The occupation-aware score (`benchmarks.ranking_model`), brute force over the pool; with
    `collect`, appends a `Pairs` of each vacancy's top 50 (kind: the variant; ideal 1)."""
    from benchmarks.ranking_model import ModelRanker, ScoreSettings, trained_model

    model = trained_model(taxonomy, occupation_half(taxonomy, TUNING["half"]), TUNING["seed"] + 7)
    r = ModelRanker(taxonomy, p.data.candidates, model, settings or ScoreSettings())

    def rank(variant: str, i: int) -> np.ndarray:
        scores = r.scores(p.vacancies[variant][i])
        if collect is not None:
            top = _top(scores, CALIBRATION_POOL)
            fit = p.fit[variant][i][top] if p.fit else p.relevance[i][top] == 3
            collect.append(Pairs(variant, variant, scores[top], 1.0, fit, p.relevance[i][top] == 3))
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
) -> tuple[dict, list, dict]:
    """Per family, ranker and variant the (n_vacancies,) NDCG@10 under the label; the calibration
    pairs (variant, raw scores, same occupation) of the top 50s of the engine (or, when it does not
    run, of the occupation-aware prototype); and for the families with work history, per family,
    ranker and variant the (n_vacancies,) NDCG@10 of the same top 10s read as a recruiter does
    (`recruiter_relevance`)."""
    taxonomy = load_taxonomy()
    recognizer = load_recognizer(taxonomy)
    # the service's title reader (exact labels, then the multilingual model), or the one before it
    titles = (
        load_title_reader(taxonomy, recognizer)
        if split.get("titles", "dense") == "dense"
        else ExactTitles(taxonomy)
    )
    hierarchy = Hierarchy(taxonomy)
    occupations = (
        list(taxonomy.occupation_uris)
        if split.get("pool") == "all"
        else occupation_half(taxonomy, split["half"])
    )
    rankers = rankers or RANKERS
    results: dict = {}
    recruited: dict = {}
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
        p.titles = titles
        per, as_recruiter = {}, {}
        for name, make in rankers.items():
            calibrated = "engine" if "engine" in rankers else "occupation-aware"
            ranker = make(taxonomy, p, collect=pairs) if name == calibrated else make(taxonomy, p)
            per[name], both = evaluate_readings(p, ranker)
            if both is not None:
                as_recruiter[name] = both
        results[fam.name] = per
        if as_recruiter:
            recruited[fam.name] = as_recruiter
        for variant in VARIANTS:
            log(f"{fam.name:16s} {variant:10s} " + _cells(per, list(rankers), variant))
            if as_recruiter:
                log(
                    f"  label or current job: {fam.name} {variant} "
                    + _cells(as_recruiter, list(rankers), variant)
                )
        log(f"  ({time.time() - t:.0f}s)")
    return results, pairs, recruited


def _cells(per: dict, rankers: Sequence[str], variant: str) -> str:
    """One log line's cells: each ranker's mean NDCG@10, the others' paired difference to idf-cosine."""
    base = per["idf-cosine"][variant]
    cells = []
    for name in rankers:
        sc = per[name][variant]
        if name == "idf-cosine":
            cells.append(f"{name} {sc.mean():.3f}")
        else:
            d, se = paired(sc, base)
            cells.append(f"{name} {sc.mean():.3f} ({d:+.3f} ± {se:.3f})")
    return " | ".join(cells)


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


def recruiter_table(results: dict, recruited: dict, rankers: Sequence[str], target: float = 0.08) -> str:
    """For each family with work history (`recruited`, from `run`), one row per variant: NDCG@10 of
    every ranker on the same top 10s under the label and under "the label or the current job"
    (`recruiter_relevance`), the others' paired differences to idf-cosine ± s.e. under each, and
    the target judged under both (the engine's; the prototype's when the engine did not run)."""
    others = [r for r in rankers if r != "idf-cosine"]
    head = (
        "| family | vacancy | idf-cosine: label / label or current job | "
        + " | ".join(f"{r}: label / label or current job" for r in others)
        + " | target (+0.08): label / label or current job |"
    )
    lines = [head, "|" + "---|" * (4 + len(others))]
    for fam, both in recruited.items():
        per = results[fam]
        for variant in VARIANTS:
            cells = [f"{per['idf-cosine'][variant].mean():.3f} / {both['idf-cosine'][variant].mean():.3f}"]
            for r in others:
                d1, s1 = paired(per[r][variant], per["idf-cosine"][variant])
                d2, s2 = paired(both[r][variant], both["idf-cosine"][variant])
                cells.append(
                    f"{per[r][variant].mean():.3f} ({d1:+.3f} ± {s1:.3f}) / "
                    f"{both[r][variant].mean():.3f} ({d2:+.3f} ± {s2:.3f})"
                )
            judged = next((r for r in ("engine", "occupation-aware") if r in per), None)
            met = ""
            if judged:
                marks = []
                for reading in (per, both):
                    d, _ = paired(reading[judged][variant], reading["idf-cosine"][variant])
                    marks.append("met" if d >= target else f"**not met** ({d:+.3f})")
                met = " / ".join(marks)
            lines.append(f"| {fam} | {variant} | " + " | ".join(cells) + f" | {met} |")
    return "\n".join(lines)


def params_from(assignments: Sequence[str]) -> RankingParams:
    """`RankingParams()` with fields replaced by ``NAME=VALUE`` assignments (``--param``), each value
    read as a Python literal (``0.1``, ``None``, ``(0.35, 0.55)``, ``True``). ValueError naming the
    assignment for a missing ``=``, an unknown field or a value `RankingParams` refuses (its own
    checks, e.g. ``trade_claim_units`` outside (0, 1])."""
    names = {f.name for f in dataclasses.fields(RankingParams)}
    changes: dict[str, Any] = {}
    for a in assignments:
        name, sep, value = a.partition("=")
        name = name.strip()
        if not sep or not name:
            raise ValueError(f"{a!r}: expected NAME=VALUE")
        if name not in names:
            raise ValueError(f"{a!r}: RankingParams has no field {name!r}")
        try:
            changes[name] = ast.literal_eval(value.strip())
        except (ValueError, SyntaxError):
            raise ValueError(f"{a!r}: {value!r} is not a Python literal") from None
    try:
        return dataclasses.replace(RankingParams(), **changes)
    except (ValueError, TypeError) as e:
        raise ValueError(f"{', '.join(assignments)}: {e}") from None


def paired_table(
    results: dict,
    recruited: dict,
    base_results: dict,
    base_recruited: dict,
    ranker: str = "engine",
    base_ranker: str = "engine",
) -> str:
    """`ranker`'s NDCG@10 against `base_ranker`'s on the same vacancies: of this run (`results`,
    `recruited` from `run`) and of `base_results` / `base_recruited` (the same run's, or a ``--json``
    file's ``results`` / ``label_or_current_job`` of an earlier run on the same split, sizes and
    families). Per family x variant both means and the paired difference ranker - base ± s.e. under
    the label and, for the families with work history, under the recruiter's reading
    (`recruiter_relevance`). Families or variants missing from either side are left out; ValueError
    when a cell's vacancies differ in number (not the same data)."""
    lines = [
        "| family | vacancy | label: base → this (difference ± s.e.) | "
        "label or current job: base → this (difference ± s.e.) |",
        "|---|---|---|---|",
    ]
    for fam, per in results.items():
        if ranker not in per or base_ranker not in base_results.get(fam, {}):
            continue
        for variant in VARIANTS:
            cells = []
            for mine, old in (
                (per[ranker], base_results[fam][base_ranker]),
                (recruited.get(fam, {}).get(ranker), base_recruited.get(fam, {}).get(base_ranker)),
            ):
                if mine is None or old is None or variant not in mine or variant not in old:
                    cells.append("")
                    continue
                a, b = np.asarray(mine[variant], np.float64), np.asarray(old[variant], np.float64)
                if len(a) != len(b):
                    raise ValueError(f"{fam} {variant}: {len(a)} vacancies against {len(b)}")
                d, se = paired(a, b)
                cells.append(f"{b.mean():.3f} → {a.mean():.3f} ({d:+.4f} ± {se:.4f})")
            lines.append(f"| {fam} | {variant} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def installed_ece(pairs: Sequence[Pairs], params: RankingParams) -> dict[str, float]:
    """Per variant (and "all") the ECE in points (`ece`) of the scales in `params`
    (`RankingParams.match_scales`, `match_relative`) on `pairs`: how the installed 0-100 match reads
    the run's scores, beside a tuning run's refit."""
    from services.matching.index.domain.query import VACANCY_KINDS

    scales = {kd: MatchScale(*params.match_scales[VACANCY_KINDS.index(kd)]) for kd in VACANCY_KINDS}
    mine = [x for x in pairs if x.kind in scales]
    m = match_of(mine, scales, params.match_relative)
    f = np.concatenate([x.fit for x in mine]) if mine else np.zeros(0)
    v = np.concatenate([[x.variant] * len(x.raw) for x in mine]) if mine else np.zeros(0, dtype=str)
    return {var: ece(m[v == var], f[v == var]) for var in VARIANTS if (v == var).any()} | {"all": ece(m, f)}


CALIBRATION_BINS = 48  # quantile bins of the scale's input whose fit shares are fitted


def scale_inputs(pairs: Sequence[Pairs], relative: bool) -> np.ndarray:
    """What the match scale reads for every pair: the raw score, or its share of the vacancy's
    ideal raw score (`match_score.scale_input`)."""
    return np.concatenate([scale_input(x.raw, x.ideal if relative else None) for x in pairs])


def fit_scale(pairs: Sequence[Pairs], relative: bool, bins: int = CALIBRATION_BINS) -> MatchScale:
    """The match scale of the target (`target`) on the scale's input: pairs grouped into
    `bins` quantile bins of the input (with `relative`, the pairs at the vacancy's ideal, input 1,
    in a bin of their own when they fill a quarter of a bin: otherwise the top bin mixes them with pairs
    below it and the best real candidate reads the mixture), an isotonic regression (scikit-learn, weighted by bin
    size) over the bins' mean input and fit share, and a knot per level of the fit at the mean
    input of its bins (input rounded to 3 decimals, match to 1)."""
    from sklearn.isotonic import IsotonicRegression

    raw = scale_inputs(pairs, relative)
    same = np.concatenate([x.fit for x in pairs]).astype(np.float64)
    edges = np.quantile(raw, np.linspace(0, 1, bins + 1))
    if relative and (raw >= 1.0).sum() >= len(raw) / (4 * bins):  # the ideal reached: a bin of its own
        edges = np.append(edges[edges < 1.0 - 1e-9], [1.0 - 1e-9, max(1.0, float(raw.max()))])
    edges = np.unique(edges)
    b = np.clip(np.searchsorted(edges, raw, side="right") - 1, 0, len(edges) - 2)
    n = np.bincount(b, minlength=len(edges) - 1).astype(np.float64)
    full = n > 0
    x = np.bincount(b, raw, len(edges) - 1)[full] / n[full]
    y = np.bincount(b, same, len(edges) - 1)[full] / n[full]
    w = n[full]
    # a match scale never reads 100 (`MatchScale`): a top bin of only full matches gives 99.9
    level = np.minimum(np.round(100 * IsotonicRegression().fit(x, y, sample_weight=w).predict(x), 1), 99.9)
    knots_raw, knots_match = [], []
    for value in np.unique(level):
        at = level == value
        knots_raw.append(round(float(np.average(x[at], weights=w[at])), 3))
        knots_match.append(float(value))
    if len(knots_raw) < 2:  # a flat fit: one knot more below it (the scale must increase)
        knots_raw, knots_match = [0.0, *knots_raw], [max(knots_match[0] - 0.1, 0.0), max(knots_match[0], 0.1)]
    return MatchScale(*increasing_knots(knots_raw, knots_match))


KNOT_STEP = 0.001  # the rounding of a knot's input (3 decimals)


def increasing_knots(
    raw: Sequence[float], match: Sequence[float]
) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Knots whose inputs, rounded to ``KNOT_STEP``, strictly increase as `MatchScale` requires: from
    the top down, a knot whose rounded input is not below the next one's moves to one step below it
    (a knot that would fall below 0 is left out). Two neighbouring levels' mean inputs can round to the
    same value: on an input capped at the ideal (``calibration_refit --capped``) the bin just below the
    ideal averages 0.9996 and the ideal's own bin 1.0, so both read 1.0 and `MatchScale` refused the
    scale (ValueError). The top knot stays where it is (at the ideal, 1, for a capped input).
    raw, match: (k,) knots as fitted, raw increasing before rounding, match strictly increasing."""
    out_raw: list[float] = []
    out_match: list[float] = []
    for r, m in zip(reversed(raw), reversed(match), strict=True):
        if out_raw and r >= out_raw[-1]:
            r = round(out_raw[-1] - KNOT_STEP, 3)
        if r < 0:
            break
        out_raw.append(r)
        out_match.append(m)
    return tuple(reversed(out_raw)), tuple(reversed(out_match))


def match_of(pairs: Sequence[Pairs], scales: dict[str, MatchScale], relative: bool) -> np.ndarray:
    """The match score of every pair, each by its kind's scale (0 for a raw score of 0)."""
    out = [match_scores(x.raw, scales[x.kind], x.ideal if relative else None) for x in pairs]
    return np.concatenate(out) if out else np.zeros(0)


def ece(match: np.ndarray, fit: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error in percentage points: over ten equal-width bands of the match
    score, the candidate-weighted mean of |mean match - observed share of fitting candidates|."""
    b = np.minimum((match // (100 / bins)).astype(np.int64), bins - 1)
    total = 0.0
    for k in range(bins):
        m = b == k
        if m.any():
            total += m.sum() * abs(match[m].mean() - 100 * fit[m].mean())
    return total / max(len(match), 1)


def cross_fitted_ece(pairs: Sequence[Pairs], relative: bool) -> dict[str, float]:
    """Per variant the ECE of scales fitted on the other half of the vacancies (two folds by
    position): how well a scale of this input generalises, for choosing the input."""
    folds = [pairs[0::2], pairs[1::2]]
    matched, fitted, variants = [], [], []
    for k in (0, 1):
        train, test = folds[1 - k], folds[k]
        kinds = {x.kind for x in train}
        scales = {kd: fit_scale([x for x in train if x.kind == kd], relative) for kd in kinds}
        test = [x for x in test if x.kind in scales]
        matched.append(match_of(test, scales, relative))
        fitted.append(np.concatenate([x.fit for x in test]))
        variants.append(np.concatenate([[x.variant] * len(x.raw) for x in test]))
    m, f, v = np.concatenate(matched), np.concatenate(fitted), np.concatenate(variants)
    return {var: ece(m[v == var], f[v == var]) for var in VARIANTS if (v == var).any()} | {"all": ece(m, f)}


def reliability(pairs: Sequence[Pairs], scales: dict[str, MatchScale], relative: bool) -> str:
    """Per vacancy variant and decile of the match score: candidates, mean match, mean target
    (`target`: fits the occupation x (1 + share of essential skills held) / 2; a calibrated score has the
    two equal in every row) and, for reference, the share who fit the vacancy's occupation
    (`fits`) and of its very occupation; per variant the ECE (`ece`) and Brier score."""
    lines = [
        "| vacancy | match | candidates | mean match | target | fit the occupation | its very occupation |",
        "|---|---|---|---|---|---|---|",
    ]
    summary = []
    for variant in VARIANTS:
        mine = [x for x in pairs if x.variant == variant and x.kind in scales]
        if not mine:
            continue
        match = match_of(mine, scales, relative)
        fit = np.concatenate([x.fit for x in mine])
        same = np.concatenate([x.same for x in mine])
        occ = np.concatenate([x.same if x.occupation_fit is None else x.occupation_fit for x in mine])
        for lo in range(0, 100, 10):
            m = (match >= lo) & ((match < lo + 10) if lo < 90 else (match <= 100))
            if m.sum():
                lines.append(
                    f"| {variant} | {lo}-{lo + 10} | {int(m.sum())} | {match[m].mean():.0f} | "
                    f"{100 * fit[m].mean():.0f}% | {100 * occ[m].mean():.0f}% | {100 * same[m].mean():.0f}% |"
                )
        brier = float(np.mean((match / 100 - fit) ** 2))
        top = np.concatenate([match_of([x], scales, relative)[:1] for x in mine])
        summary.append(
            f"{variant}: mean match {match.mean():.1f}, target {100 * fit.mean():.1f}%, ECE {ece(match, fit):.1f} "
            f"points, Brier {brier:.3f}; rank 1's match: median {np.median(top):.0f}, "
            f"10th percentile {np.percentile(top, 10):.0f}"
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
    parser.add_argument(
        "--titles",
        choices=("dense", "exact"),
        default="dense",
        help="job titles of vacancies without an occupation: the service's reader (default) or, as "
        "before, exact ESCO labels only",
    )
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="the engine's RankingParams with this field changed (repeatable; a Python literal: "
        "outside_skill_weight=0.1, trade_closeness=None); its match scales too, unless --tune refits them",
    )
    parser.add_argument(
        "--paired-defaults",
        action="store_true",
        help="with --param: also run the engine with today's RankingParams() on the same data (ranker "
        "engine-defaults) and print the engine's paired difference to it per cell, under the label and the "
        "recruiter's reading, and the installed scales' ECE of both",
    )
    parser.add_argument(
        "--paired-with",
        metavar="FILE",
        help="a --json file of an earlier run (same split, sizes, families): print the engine's paired "
        "difference to it per cell, under the label and the recruiter's reading",
    )
    args = parser.parse_args(argv)
    try:
        params = params_from(args.param)
    except ValueError as e:
        parser.error(str(e))
    other = None
    if args.paired_with:
        with open(args.paired_with, encoding="utf-8") as f:
            other = json.load(f)
    split = {**(TUNING if args.tune else REPORT), "pool": args.pool, "titles": args.titles}
    fams = [f for f in FAMILIES if not args.families or f.name in args.families.split(",")]
    rankers = {
        k: v
        for k, v in RANKERS.items()
        if (not args.rankers and k != "service") or k in (args.rankers or "").split(",") or k == "idf-cosine"
    }
    base_pairs: list[Pairs] = []
    if args.param and "engine" in rankers:
        rankers["engine"] = partial(engine_ranker, params=params)
        if args.paired_defaults:
            rankers["engine-defaults"] = partial(engine_ranker, collect=base_pairs)
    print(
        f"# ranking quality, {split['name']} {'half' if args.pool == 'half' else 'seed, all of ESCO'} "
        f"(seed {split['seed']}), {args.candidates} candidates, "
        f"{args.vacancies} vacancies per variant, titles read {args.titles}, {date.today()}; "
        "NDCG@10 (difference to idf-cosine ± s.e.)"
        + (f"; engine with {', '.join(args.param)}" if args.param else "")
    )
    started = time.time()
    results, pairs, recruited = run(
        split, fams, n_candidates=args.candidates, n_vacancies=args.vacancies, rankers=rankers
    )
    print()
    print(markdown_table(results, list(rankers)))
    if recruited:
        print(
            "\nthe families with work history read as a recruiter does: the label, or the current job "
            "(`recruiter_relevance`); NDCG@10 of the same top 10s (difference to idf-cosine ± s.e.):\n"
        )
        print(recruiter_table(results, recruited, list(rankers)))
    if other is not None:
        print(
            f"\nthe engine paired against {args.paired_with} "
            f"({', '.join(other.get('params', [])) or 'its defaults'}); NDCG@10, difference ± s.e.:\n"
        )
        print(
            paired_table(results, recruited, other.get("results", {}), other.get("label_or_current_job", {}))
        )
    if "engine-defaults" in rankers:
        print(
            f"\nthe engine ({', '.join(args.param)}) paired against engine-defaults; NDCG@10, difference ± s.e.:\n"
        )
        print(paired_table(results, recruited, results, recruited, base_ranker="engine-defaults"))
    if pairs:
        from services.matching.index.domain.query import VACANCY_KINDS

        whose = "engine" if "engine" in rankers else "occupation-aware prototype"
        print(f"\nmatch score calibration per kind of vacancy ({whose}'s top {CALIBRATION_POOL}):\n")
        if args.tune:
            installed = installed_ece(pairs, params)
            cells = ", ".join(f"{k} {v:.1f}" for k, v in installed.items())
            print(f"ECE (points) of the installed scales (RankingParams.match_scales) on this run: {cells}")
            if base_pairs:
                cells = ", ".join(
                    f"{k} {v:.1f}" for k, v in installed_ece(base_pairs, RankingParams()).items()
                )
                print(f"the same of engine-defaults: {cells}")
            # the scale's input is chosen by cross-fitted ECE on the tuning half
            choice = {rel: cross_fitted_ece(pairs, rel) for rel in (False, True)}
            for rel, e in choice.items():
                cells = ", ".join(f"{k} {v:.1f}" for k, v in e.items())
                print(f"cross-fitted ECE (points), input {'raw / ideal' if rel else 'raw'}: {cells}")
            relative = choice[True]["all"] <= choice[False]["all"]
            kinds = sorted({x.kind for x in pairs}, key=VACANCY_KINDS.index)
            scales = {kd: fit_scale([x for x in pairs if x.kind == kd], relative) for kd in kinds}
            note = "fitted on this (tuning) run"
        else:
            relative = params.match_relative
            scales = {kd: MatchScale(*params.match_scales[VACANCY_KINDS.index(kd)]) for kd in VACANCY_KINDS}
            note = "fitted on the tuning half"
        print(f"input: {'raw / ideal' if relative else 'raw'}; scales {note}; by variant:")
        print(reliability(pairs, scales, relative))
        if args.tune:
            print(f"\nRankingParams.match_relative = {relative}")
            print("RankingParams.match_scales (" + ", ".join(VACANCY_KINDS) + "):")
            print(tuple((scales[k].raw, scales[k].match) if k in scales else None for k in VACANCY_KINDS))
    print(f"done in {time.time() - started:.0f}s")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(
                {
                    "split": split,
                    "candidates": args.candidates,
                    "vacancies": args.vacancies,
                    "params": args.param,
                    "calibration_pairs": [
                        (
                            x.variant,
                            x.kind,
                            x.raw.tolist(),
                            x.ideal,
                            x.fit.tolist(),
                            x.same.tolist(),
                            None if x.occupation_fit is None else x.occupation_fit.tolist(),
                            x.certainty,
                        )
                        for x in pairs
                    ],
                    "results": {
                        fam: {r: {v: a.tolist() for v, a in x.items()} for r, x in d.items()}
                        for fam, d in results.items()
                    },
                    "label_or_current_job": {
                        fam: {r: {v: a.tolist() for v, a in x.items()} for r, x in d.items()}
                        for fam, d in recruited.items()
                    },
                },
                f,
            )
    return results


if __name__ == "__main__":
    main()
