"""The labelled Finnish and Swedish recognition sets and the recognition rules name real ESCO skills."""

import csv
from pathlib import Path

import pytest

from services.matching.index.reference import FINNISH_GLOSSARY_FILE, load_glossary, load_rules

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("name", ["fi", "sv"])
def test_every_labelled_sentence_names_esco_skills_with_their_labels(esco, name):
    with (ROOT / "benchmarks" / "recognition_sets" / f"{name}.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) >= {"fi": 150, "sv": 75}[name]
    assert {r["half"] for r in rows} == {"tune", "report"} and {r["lang"] for r in rows} == {name}
    for r in rows:
        uris, labels = r["skills"].split("|"), r["labels"].split("|")
        assert [esco.skill_label(u) for u in uris] == labels, r["id"]


def test_every_rule_names_esco_skills_and_compiles(esco):
    rules = load_rules()
    assert len(rules) >= 20
    assert rules.unknown_skills(esco.skill_uris) == set()
    named, rest = rules.apply("Edellytämme C-ajokorttia, hygieniapassia ja AMK-tutkintoa.")
    assert {esco.skill_label(u) for u in named} >= {"drive vehicles", "comply with food safety and hygiene"}
    assert "AMK" not in rest


def test_the_swedish_glossary_has_stems_and_glosses():
    glossary = load_glossary()
    assert len(glossary) >= 90 and all(stem and gloss for stem, gloss in glossary)


def test_the_finnish_glossary_has_distinct_lower_case_stems_and_glosses():
    glossary = load_glossary(name=FINNISH_GLOSSARY_FILE)
    stems = [stem for stem, _ in glossary]
    assert len(glossary) >= 150 and all(stem and gloss for stem, gloss in glossary)
    assert len(set(stems)) == len(stems) and all(stem == stem.lower() for stem in stems)
