"""Which occupation matching infers for a vacancy given only a job title, in Finnish, Swedish
and English.

    python -m benchmarks.title_occupations            # report half
    python -m benchmarks.title_occupations --tune     # tuning half
    python -m benchmarks.title_occupations --set titles_places   # another set of title_sets/

Data: `benchmarks/title_sets/titles.csv`, written for this project: common real job titles of
shortage and everyday occupations, as Finnish, Swedish and English ads write them, each with the
ISCO-08 unit group a recruiter would file it under and, where one ESCO occupation is what the
title means, that occupation (English preferred label). Titles are split into a tuning and a
report half by a hash of their ISCO unit group (the three languages of an occupation stay in one
half), so that nothing is tuned on the occupations reported.

`benchmarks/title_sets/titles_places.csv` (session 23, helper `titles`, written before any change
was measured): titles of the same occupations as ads really write them, with where, for whom or
when after the title ("Hitsaaja konepajaan", "Lähihoitaja vakituiseen työsuhteeseen", "Kock till
lunchrestaurang", "Welder for a machine shop", "Myyjä (osa-aikainen)"): 56 Finnish, 17 Swedish,
18 English, split into halves the same way (`--set titles_places`).

Each title is posted as a vacancy with no occupation, no skill and no description, enriched as
the service does (`enrich_vacancy`: skills recognised in the title) and prepared by the engine;
its inferred occupation is the most probable one of the query's target distribution. Readers:
``exact`` (before: an occupation only when the whole title is exactly an ESCO label), ``lexical``
(`TitleReader` without the model: parts, normalised, lemmatised labels, the Swedish job-title
glossary `data/recognition/job_titles.csv`), ``dense`` (the service's
reader: also the multilingual model over the occupations' label embeddings). Accuracy: the top
occupation's ISCO unit is the expected one; and the top occupation is the expected one (titles
with an expected occupation only). Per language and overall.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.match_score import title_index, title_occupations
from services.matching.index.domain.model import Vacancy
from services.matching.index.domain.recognition import enrich_vacancy
from services.matching.index.domain.taxonomy import Taxonomy
from services.matching.index.domain.titles import TitleOccupation, TitleReader
from services.matching.index.reference import (
    load_recognizer,
    load_taxonomy,
    load_title_glossary,
    load_title_reader,
)

TITLES = Path(__file__).resolve().parent / "title_sets" / "titles.csv"


class ExactTitles:
    """The reader before: the whole title must be an ESCO label (case and spacing aside)."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.index = title_index(taxonomy)

    def read(self, title: str) -> tuple[TitleOccupation, ...]:
        return tuple(TitleOccupation(o, 1.0, title) for o in title_occupations(title, self.index))


def tuning_half(isco: str) -> bool:
    return hashlib.sha256(f"titles|{isco}".encode()).digest()[0] % 2 == 0


def load_titles(tune: bool, path: Path = TITLES) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return [r for r in csv.DictReader(f) if tuning_half(r["isco"]) == tune]


def evaluate(
    taxonomy: Taxonomy, rows: list[dict[str, str]], readers: dict[str, Any], recognizer: Any
) -> dict[str, Any]:
    by_label = {label: o for o, label in enumerate(taxonomy.tables.occupation_labels["en"])}
    isco = taxonomy.tables.occupation_isco
    enriched = []
    for i, r in enumerate(rows):
        v = Vacancy(f"t{i}", 1, "org", r["title"], None, (), {}, "837", "any", None)
        enriched.append(enrich_vacancy(v, "", recognizer))
    out: dict[str, Any] = {}
    for name, reader in readers.items():
        engine = MatchingEngine(taxonomy, {"837": (61.5, 23.76)}, titles=reader)
        tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        items = []
        for r, v in zip(rows, enriched, strict=True):
            target = engine.prepare(v).query.target
            top = int(np.argmax(target)) if target is not None and target.max() > 0 else -1
            got_unit = str(isco[top]) if top >= 0 else ""
            want = by_label.get(r["occupation"], -2) if r["occupation"] else None
            for key in (r["lang"], "all"):
                t = tally[key]
                t[0] += got_unit == r["isco"]
                t[1] += 1
                if want is not None:
                    t[2] += top == want
                    t[3] += 1
            items.append((r["title"], taxonomy.tables.occupation_labels["en"][top] if top >= 0 else "-"))
        out[name] = {
            k: {"unit": f"{t[0]}/{t[1]}", "unit_acc": round(t[0] / t[1], 3), "occupation": f"{t[2]}/{t[3]}"}
            for k, t in sorted(tally.items())
        }
        out[name]["_items"] = items
    return out


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tune", action="store_true", help="the tuning half")
    parser.add_argument(
        "--show", action="store_true", help="print each title's inferred occupation (tuning only)"
    )
    parser.add_argument(
        "--set", default="titles", help="the title set: a CSV's name in benchmarks/title_sets"
    )
    args = parser.parse_args(argv)
    taxonomy = load_taxonomy()
    recognizer = load_recognizer(taxonomy)
    rows = load_titles(args.tune, TITLES.parent / f"{args.set}.csv")
    readers = {
        "exact": ExactTitles(taxonomy),
        "lexical": TitleReader(taxonomy, recognizer.tools.lemmatise, glossary=load_title_glossary()),
        "dense": load_title_reader(taxonomy, recognizer),
    }
    result = evaluate(taxonomy, rows, readers, recognizer)
    for name, per in result.items():
        items = per.pop("_items")
        print(name, json.dumps(per, ensure_ascii=False))
        if args.show and args.tune:
            for title, label in items:
                print(f"   {title!r:45} -> {label}")
    return result


if __name__ == "__main__":
    main()
