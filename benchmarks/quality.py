"""Skill recognition quality benchmark (the ranking benchmark is `benchmarks.ranking_quality`;
`make bench-quality` runs both).

    python -m benchmarks.quality            # evaluation seed (the reported figures)
    python -m benchmarks.quality --tune     # tuning seed

Held-out labels and descriptions are removed from what the recogniser indexes (see
`make_recognition_set`); precision@5 and recall@5 per language.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import numpy as np

from services.matching.index.domain.recognition import SkillRecognizer, split_sentences
from services.matching.index.domain.taxonomy import Taxonomy
from services.matching.index.reference import load_taxonomy

TUNING: dict[str, Any] = {"name": "tuning", "recognition_seed": 7}
EVALUATION: dict[str, Any] = {"name": "evaluation", "recognition_seed": 3003}


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
def main(argv: Sequence[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tune", action="store_true", help="tuning seed")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args(argv)
    split = TUNING if args.tune else EVALUATION
    started = time.time()
    taxonomy = load_taxonomy()
    print(f"# recognition quality, {split['name']} seed {split['recognition_seed']}, {date.today()}")
    rec_set = make_recognition_set(taxonomy, split["recognition_seed"])
    t = time.time()
    recognizer = SkillRecognizer().fit(rec_set.taxonomy)
    fit_s = time.time() - t
    r = evaluate_recognition(rec_set, recognizer)
    print(
        f"recognition (held-out, fit {fit_s:.0f}s): "
        + ", ".join(f"{key} {value:.3f}" for key, value in r.items())
    )
    print(f"done in {time.time() - started:.0f}s")
    results = {"split": split, "recognition": r}
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=2, default=str)
    return results


if __name__ == "__main__":
    main()
