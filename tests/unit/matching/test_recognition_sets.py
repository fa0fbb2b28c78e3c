"""The labelled Finnish and Swedish recognition sets and the recognition rules name real ESCO skills."""

import csv
from pathlib import Path

import pytest

from services.matching.index.domain.recognition import LanguageTools, SkillRecognizer
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


@pytest.mark.parametrize(
    ("lang", "text", "gloss"),
    [
        ("sv", "Anställningen är tillsvidare.", "scaffolding"),  # "ställning" inside "anställning"
        ("sv", "Du har bakgrund inom vården.", "baking"),  # "bak" at the start of "bakgrund"
        ("sv", "Arbetsbeskrivningen finns på vår webbplats.", "demolition"),  # "rivning" inside it
        ("sv", "Du arbetar på förlossningsavdelningen.", "unload"),  # "lossa" inside "förlossning"
        ("fi", "Materiaalien käsittely kuuluu tehtäviin.", "meals"),  # "ateria" inside "materiaali"
        ("fi", "Laajennamme toimintaa lähitulevaisuudessa.", "support"),  # "lähitu(ki)"
        ("fi", "Sopimus on voimassa puolivuotiskauden.", "dishes"),  # "tiskau" inside it
        ("fi", "Työ on jätehuoltolaitoksella.", "legislation"),  # "huoltolai(ki)"
    ],
)
def test_a_glossary_stem_is_not_read_inside_an_unrelated_word(lang, text, gloss):
    glossaries = {"sv": load_glossary(), "fi": load_glossary(name=FINNISH_GLOSSARY_FILE)}
    recognizer = SkillRecognizer(tools=LanguageTools(glossary=glossaries))
    assert gloss not in recognizer._glossed(text, lang)


def test_the_glossaries_read_task_words_inside_compounds():
    glossaries = {"sv": load_glossary(), "fi": load_glossary(name=FINNISH_GLOSSARY_FILE)}
    recognizer = SkillRecognizer(tools=LanguageTools(glossary=glossaries))
    assert "reinforce concrete" in recognizer._glossed("Teet raudoitustöitä.", "fi")
    assert "delivery driving" in recognizer._glossed("Ajat jakeluliikennettä.", "fi")  # liikenne: -nteen
    assert "basic patient care" in recognizer._glossed("I arbetet ingår grundvård.", "sv")
