"""Quality benchmark: shortlist ranking vs a keyword baseline, and skill recognition.

    python -m benchmarks.quality            # evaluation split and seed (the reported figures)
    python -m benchmarks.quality --tune     # tuning split and seed, with a parameter sweep

Evaluation data is generated from ESCO itself (see benchmarks.generate). Occupations are split in
two halves by a hash of their URI: parameters are tuned only on the tuning half with the tuning
seed, and figures are reported on the evaluation half with the evaluation seed, so no tuned
value has seen the evaluation candidates, vacancies or occupations.

Relevance of a candidate to a vacancy: 3 same occupation, 2 same ISCO-08 unit group (4 digits),
1 same sub-major group (2 digits), 0 otherwise. NDCG@10 uses gains 2^rel - 1; recall@50 is the
share of same-occupation candidates in the top 50 (out of at most 50).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import linear_kernel

from benchmarks.generate import (
    REFERENCE_DAY,
    GeneratedCandidate,
    GeneratedVacancy,
    GeneratorSettings,
    generate_profiles,
    generate_vacancy_records,
)
from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.params import RankingParams
from services.matching.index.domain.recognition import SkillRecognizer, split_sentences
from services.matching.index.domain.taxonomy import Taxonomy
from services.matching.index.reference import load_taxonomy

TUNING: dict[str, Any] = {"name": "tuning", "half": 0, "seed": 1001, "recognition_seed": 7}
EVALUATION: dict[str, Any] = {
    "name": "evaluation",
    "half": 1,
    "seed": 2002,
    "recognition_seed": 3003,
}
MUNICIPALITIES = {"837": (61.4978, 23.7610)}
K_NDCG, K_RECALL = 10, 50


def occupation_half(taxonomy: Taxonomy, half: int) -> list[str]:
    """The occupations whose URI hashes into `half` (0 tuning, 1 evaluation)."""
    return [uri for uri in taxonomy.occupation_uris if hashlib.sha1(uri.encode()).digest()[0] % 2 == half]


# -- ranking -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Dataset:
    candidates: list[GeneratedCandidate]
    vacancies: list[GeneratedVacancy]


def make_dataset(
    taxonomy: Taxonomy,
    split: dict,
    n_candidates: int,
    n_vacancies: int,
    settings: GeneratorSettings | None = None,
) -> Dataset:
    occupations = occupation_half(taxonomy, split["half"])
    settings = settings or GeneratorSettings(realistic_filters=False)
    candidates = list(
        generate_profiles(
            taxonomy,
            n_candidates,
            split["seed"],
            occupations=occupations,
            municipalities=MUNICIPALITIES,
            settings=settings,
        )
    )
    vacancies = list(
        generate_vacancy_records(
            taxonomy,
            n_vacancies,
            split["seed"] + 1,
            occupations=occupations,
            municipalities=MUNICIPALITIES,
            realistic_filters=False,
        )
    )
    return Dataset(candidates, vacancies)


def relevance(taxonomy: Taxonomy, vacancy_occ: str, candidate_occs: Sequence[str]) -> np.ndarray:
    isco = taxonomy.occupation_isco(vacancy_occ) or ""
    out = np.zeros(len(candidate_occs), dtype=np.int8)
    for i, occ in enumerate(candidate_occs):
        if occ == vacancy_occ:
            out[i] = 3
        else:
            code = taxonomy.occupation_isco(occ) or ""
            out[i] = 2 if code == isco else 1 if code[:2] == isco[:2] else 0
    return out


def ndcg(ranked_rel: np.ndarray, all_rel: np.ndarray, k: int) -> float:
    discounts = 1.0 / np.log2(np.arange(2, k + 2))
    gains = (2.0 ** ranked_rel[:k] - 1) @ discounts[: len(ranked_rel[:k])]
    ideal = np.sort(all_rel)[::-1][:k]
    best = (2.0**ideal - 1) @ discounts[: len(ideal)]
    return float(gains / best) if best > 0 else 0.0


def recall(ranked_rel: np.ndarray, all_rel: np.ndarray, k: int) -> float:
    relevant = int((all_rel == 3).sum())
    return float((ranked_rel[:k] == 3).sum() / min(relevant, k)) if relevant else float("nan")


Ranker = Callable[[GeneratedVacancy], list[int]]  # candidate positions, best first


def evaluate(taxonomy: Taxonomy, data: Dataset, ranker: Ranker) -> dict[str, float]:
    occs = [c.occupation_uri for c in data.candidates]
    nd: list[float] = []
    rc: list[float] = []
    named_nd: list[float] = []
    unnamed_nd: list[float] = []
    for v in data.vacancies:
        rel = relevance(taxonomy, v.occupation_uri, occs)
        ranked = np.asarray(ranker(v), dtype=np.int64)
        ranked_rel = rel[ranked] if len(ranked) else np.zeros(0, np.int8)
        score = ndcg(ranked_rel, rel, K_NDCG)
        nd.append(score)
        (named_nd if v.vacancy.occupation_uri else unnamed_nd).append(score)
        rc.append(recall(ranked_rel, rel, K_RECALL))
    return {
        "ndcg@10": float(np.mean(nd)),
        "recall@50": float(np.nanmean(rc)),
        "ndcg@10 (occupation named)": float(np.mean(named_nd)) if named_nd else float("nan"),
        "ndcg@10 (no occupation)": float(np.mean(unnamed_nd)) if unnamed_nd else float("nan"),
        "per_vacancy_ndcg": nd,  # type: ignore[dict-item]
    }


def engine_ranker(taxonomy: Taxonomy, data: Dataset, params: RankingParams) -> Ranker:
    engine = MatchingEngine(taxonomy, MUNICIPALITIES, params, clock=lambda: REFERENCE_DAY)
    engine.bulk_load(c.candidate for c in data.candidates)
    position = {c.candidate.candidate_id: i for i, c in enumerate(data.candidates)}

    def rank(v: GeneratedVacancy) -> list[int]:
        entries = engine.shortlist(v.vacancy, k=K_RECALL, viewer_org=None, today=REFERENCE_DAY)
        return [position[e.candidate_id] for e in entries]

    return rank


def baseline_ranker(taxonomy: Taxonomy, data: Dataset, *, occupation_profile: bool = False) -> Ranker:
    """Keyword matching: TF-IDF cosine (word unigrams, sublinear tf) between the candidate's
    text (labels of their skills and work-history occupations) and the vacancy's text (its
    title and the labels of the skills the employer listed).

    With `occupation_profile` the vacancy text also gets the labels of its ESCO occupation's
    essential and optional skills: a stronger reference that already borrows the taxonomy
    expansion the engine does, to show how much of the gain is expansion and how much is
    ranking."""

    def cand_text(c: GeneratedCandidate) -> str:
        labels = [taxonomy.skill_label(s.uri) for s in c.candidate.skills]
        labels += [taxonomy.occupation_label(w.occupation_uri) for w in c.candidate.experience]
        return " . ".join(labels)

    vectorizer = TfidfVectorizer(sublinear_tf=True)
    matrix = vectorizer.fit_transform([cand_text(c) for c in data.candidates])

    def rank(v: GeneratedVacancy) -> list[int]:
        uris = [s.uri for s in v.vacancy.skills]
        if occupation_profile and v.vacancy.occupation_uri:
            essential, optional = taxonomy.occupation_skills(v.vacancy.occupation_uri)
            uris += [u for u in (*essential, *optional) if u not in uris]
        text = " . ".join([v.vacancy.title] + [taxonomy.skill_label(u) for u in uris])
        scores = linear_kernel(vectorizer.transform([text]), matrix).ravel()
        top = np.argsort(-scores, kind="stable")[:K_RECALL]
        return [int(i) for i in top if scores[i] > 0]

    return rank


# -- recognition -------------------------------------------------------------------------------
@dataclass(frozen=True)
class RecognitionSet:
    taxonomy: Taxonomy  # with the held-out labels and descriptions removed
    texts: list[tuple[str, str, frozenset[str]]]  # (language, text, gold skill URIs)


def make_recognition_set(
    taxonomy: Taxonomy, seed: int, n_skills: int = 1500, n_texts: int = 400
) -> RecognitionSet:
    """Held-out material: for `n_skills` random skills, one English alternative label and both
    descriptions are removed from what the recogniser indexes. Texts combine 3–5 such skills:
    English texts mix held-out alternative labels and English descriptions; Finnish texts use
    Finnish descriptions (ESCO has no Finnish alternative labels for skills)."""
    rng = random.Random(seed)
    t = taxonomy.tables
    eligible = [
        i
        for i in range(taxonomy.n_skills)
        if t.skill_descriptions["en"][i]
        and t.skill_descriptions["fi"][i]
        and len([a for a in t.skill_alt_labels_en[i] if a.lower() != t.skill_labels["en"][i].lower()]) >= 2
    ]
    held = rng.sample(eligible, n_skills)
    held_alt = {
        i: rng.choice([a for a in t.skill_alt_labels_en[i] if a.lower() != t.skill_labels["en"][i].lower()])
        for i in held
    }
    alt = list(t.skill_alt_labels_en)
    desc = {lang: list(v) for lang, v in t.skill_descriptions.items()}
    for i in held:
        alt[i] = tuple(a for a in alt[i] if a != held_alt[i])
        desc["en"][i] = desc["fi"][i] = ""
    reduced = Taxonomy(replace(t, skill_alt_labels_en=alt, skill_descriptions=desc))
    texts = []
    for lang in ("en", "fi"):
        for _ in range(n_texts):
            chosen = rng.sample(held, rng.randint(3, 5))
            parts = []
            for i in chosen:
                if lang == "fi":
                    parts.append(t.skill_descriptions["fi"][i])
                elif rng.random() < 0.5:
                    parts.append(held_alt[i][:1].upper() + held_alt[i][1:] + ".")
                else:
                    parts.append(t.skill_descriptions["en"][i])
            gold = frozenset(taxonomy.skill_uris[i] for i in chosen)
            texts.append((lang, " ".join(parts), gold))
    return RecognitionSet(reduced, texts)


def evaluate_recognition(data: RecognitionSet, recognizer: SkillRecognizer, k: int = 5) -> dict[str, float]:
    out: dict[str, float] = {}
    for lang in ("en", "fi"):
        hits = retrieved = relevant = 0
        latencies = []
        for text_lang, text, gold in data.texts:
            if text_lang != lang:
                continue
            start = time.perf_counter()
            found = [r.uri for r in recognizer.recognise(text, top_k=k, min_score=0.0)]
            latencies.append(time.perf_counter() - start)
            hits += len(set(found) & gold)
            retrieved += k
            relevant += len(gold)
        out[f"P@{k} {lang}"] = hits / retrieved
        out[f"R@{k} {lang}"] = hits / relevant
        out[f"ms p50 {lang}"] = 1000 * float(np.median(latencies))
        out[f"sentences/text {lang}"] = float(
            np.mean([len(split_sentences(x)) for lg, x, _ in data.texts if lg == lang])
        )
    return out


# -- driver ------------------------------------------------------------------------------------
PARAM_SWEEP: dict[str, list[dict]] = {
    "coverage_weight": [
        {"similarity_weight": 1.0, "coverage_weight": 0.0},
        {"similarity_weight": 0.8, "coverage_weight": 0.2},
        {"similarity_weight": 0.6, "coverage_weight": 0.4},
        {"similarity_weight": 0.4, "coverage_weight": 0.6},
    ],
    "coverage grid": [
        {"similarity_weight": 1 - w, "coverage_weight": w, "occupation_essential_coverage": c}
        for w in (0.1, 0.2, 0.3)
        for c in (0.0, 0.25, 0.5)
    ],
    "related credit": [
        {"related_skill_credit": 0.0, "hierarchy_credit": 0.0, "same_group_credit": 0.0},
        {"related_skill_credit": 0.3, "hierarchy_credit": 0.3, "same_group_credit": 0.2},
        {"related_skill_credit": 0.5, "hierarchy_credit": 0.5, "same_group_credit": 0.35},
        {"related_skill_credit": 0.7, "hierarchy_credit": 0.7, "same_group_credit": 0.5},
    ],
    "occupation optional weight": [{"occupation_optional_weight": w} for w in (0.0, 0.25, 0.5)],
    "experience weight": [
        {"experience_essential_weight": 0.0, "experience_optional_weight": 0.0},
        {"experience_essential_weight": 0.3, "experience_optional_weight": 0.1},
        {"experience_essential_weight": 0.5, "experience_optional_weight": 0.2},
        {"experience_essential_weight": 0.8, "experience_optional_weight": 0.3},
        {"experience_essential_weight": 1.0, "experience_optional_weight": 0.5},
        {"experience_essential_weight": 0.8, "experience_optional_weight": 0.0},
    ],
    "related per skill": [{"max_related_per_skill": n} for n in (0, 3, 5, 10, 20)],
    "experience match": [{"experience_match_weight": w} for w in (0.0, 0.05, 0.1, 0.2, 0.3)],
    "max group size": [{"max_group_size": n} for n in (10, 40, 100)],
}

ABLATIONS: dict[str, dict] = {
    "no experience match": {"experience_match_weight": 0.0},
    "no related-skill credit": PARAM_SWEEP["related credit"][0],
    "no essential coverage (similarity only)": PARAM_SWEEP["coverage_weight"][0],
    "no work-history expansion": PARAM_SWEEP["experience weight"][0],
}


def _fmt(m: dict[str, float]) -> str:
    return f"NDCG@10 {m['ndcg@10']:.3f}  recall@50 {m['recall@50']:.3f}"


def main(argv: Sequence[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tune", action="store_true", help="tuning split and seed + sweep")
    parser.add_argument("--candidates", type=int, default=20_000)
    parser.add_argument("--vacancies", type=int, default=400)
    parser.add_argument("--skip-recognition", action="store_true")
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--only", help="tune: only sweep groups whose name contains this")
    args = parser.parse_args(argv)
    split = TUNING if args.tune else EVALUATION
    started = time.time()
    taxonomy = load_taxonomy()
    data = make_dataset(taxonomy, split, args.candidates, args.vacancies)
    n_occ = len(occupation_half(taxonomy, split["half"]))
    print(
        f"# quality benchmark, {split['name']} split (seed {split['seed']}): {n_occ} occupations, "
        f"{len(data.candidates)} candidates, {len(data.vacancies)} vacancies, {date.today()}"
    )
    results: dict = {"split": split, "candidates": len(data.candidates), "vacancies": len(data.vacancies)}
    base = evaluate(taxonomy, data, baseline_ranker(taxonomy, data))
    strong = evaluate(taxonomy, data, baseline_ranker(taxonomy, data, occupation_profile=True))
    ours = evaluate(taxonomy, data, engine_ranker(taxonomy, data, RankingParams()))
    per_vacancy = {
        name: np.asarray(m.pop("per_vacancy_ndcg"))
        for name, m in (("base", base), ("strong", strong), ("ours", ours))
    }
    print(f"baseline, keyword TF-IDF (title + listed skills):  {_fmt(base)}")
    print(f"reference, keyword TF-IDF + ESCO occupation skills: {_fmt(strong)}")
    print(f"engine (default RankingParams):                     {_fmt(ours)}")
    results.update(baseline=base, baseline_with_profile=strong, engine=ours)
    for name in ("base", "strong"):
        diff = per_vacancy["ours"] - per_vacancy[name]
        se = float(diff.std(ddof=1) / np.sqrt(len(diff)))
        print(
            f"  NDCG@10 engine - {name}: {diff.mean():+.3f} (paired s.e. {se:.3f}); engine better "
            f"on {(diff > 0).mean():.0%}, worse on {(diff < 0).mean():.0%} of vacancies"
        )
        results[f"ndcg_diff_vs_{name}"] = {"mean": float(diff.mean()), "se": se}
    results["ablations"] = {}
    for name, change in ABLATIONS.items():
        m = evaluate(taxonomy, data, engine_ranker(taxonomy, data, RankingParams(**change)))
        m.pop("per_vacancy_ndcg")
        results["ablations"][name] = m
        print(f"  ablation, {name}: {_fmt(m)}")
    # stress test: work histories full of unrelated career changes
    noisy = GeneratorSettings(realistic_filters=False, other_experience=0.5, other_experience_near=0.0)
    stress = make_dataset(taxonomy, split, args.candidates, args.vacancies, noisy)
    results["noisy_work_history"] = {}
    for name, ranker in (
        ("baseline", baseline_ranker(taxonomy, stress)),
        ("reference", baseline_ranker(taxonomy, stress, occupation_profile=True)),
        ("engine", engine_ranker(taxonomy, stress, RankingParams())),
    ):
        m = evaluate(taxonomy, stress, ranker)
        m.pop("per_vacancy_ndcg")
        results["noisy_work_history"][name] = m
        print(f"  noisy work history (half change careers), {name}: {_fmt(m)}")
    if args.tune:
        results["sweep"] = {}
        for group, variants in PARAM_SWEEP.items():
            if args.only and args.only not in group:
                continue
            for change in variants:
                m = evaluate(taxonomy, data, engine_ranker(taxonomy, data, RankingParams(**change)))
                m.pop("per_vacancy_ndcg")
                results["sweep"][f"{group}: {change}"] = m
                print(f"  sweep {group} {change}: {_fmt(m)}")
    if not args.skip_recognition:
        rec_set = make_recognition_set(taxonomy, split["recognition_seed"])
        t = time.time()
        recognizer = SkillRecognizer().fit(rec_set.taxonomy)
        fit_s = time.time() - t
        r = evaluate_recognition(rec_set, recognizer)
        results["recognition"] = r
        print(
            f"recognition (held-out, fit {fit_s:.0f}s): "
            + ", ".join(f"{key} {value:.3f}" for key, value in r.items())
        )
    print(f"done in {time.time() - started:.0f}s")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=2, default=str)
    return results


if __name__ == "__main__":
    main()
