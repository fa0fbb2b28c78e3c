"""The labelled Finnish and Swedish recognition sets and the recognition rules name real ESCO skills."""

import csv
from pathlib import Path

import pytest

from services.matching.index.domain.recognition import LanguageTools, SkillRecognizer
from services.matching.index.reference import (
    FINNISH_GLOSSARY_FILE,
    load_glossary,
    load_occupation_names,
    load_rules,
)

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    "name",
    [
        "fi",
        "sv",
        "fi-dev",
        "fi-dev2",
        "fi-dev3",
        "fi-dev4",
        "fi-dev5",
        "fi-dev6",
        "fi-dev7",
        "fi-dev8",
        "fi-dev9",
        "fi-dev10",
        "fi-dev11",
        "fi-dev12",
        "fi-dev13",
        "fi-dev16",
        "fi-dev17",
        "fi-dev18",
        "fi-dev19",
        "fi-dev20",
        "fi-dev21",
        "fi-dev22",
        "fi-dev23",
        "fi-dev24",
        "fi-dev25",
        "fi-dev26",
        "sv-dev",
        "sv-dev2",
        "sv-dev3",
        "sv-dev4",
        "sv-dev5",
        "sv-dev6",
        "sv-dev7",
        "sv-dev10",
        "sv-dev11",
        "sv-dev12",
        "sv-dev13",
        "sv-dev14",
        "sv-dev15",
        "sv-dev16",
        "sv-dev17",
        "sv-dev18",
        "sv-dev19",
        "sv-dev20",
    ],
)
def test_every_labelled_sentence_names_esco_skills_with_their_labels(esco, name):
    with (ROOT / "benchmarks" / "recognition_sets" / f"{name}.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    minimum = {
        "fi": 150,
        "sv": 75,
        "fi-dev": 60,
        "fi-dev2": 40,
        "fi-dev3": 40,
        "fi-dev4": 50,
        "fi-dev5": 50,
        "fi-dev6": 50,
        "fi-dev7": 55,
        "fi-dev8": 56,
        "fi-dev9": 64,
        "fi-dev10": 64,
        "fi-dev11": 64,
        "fi-dev12": 64,
        "fi-dev13": 40,
        "fi-dev16": 60,
        "fi-dev17": 60,
        "fi-dev18": 50,
        "fi-dev19": 50,
        "fi-dev20": 70,
        "fi-dev21": 75,
        "fi-dev22": 75,
        "fi-dev23": 75,
        "fi-dev24": 75,
        "fi-dev25": 75,
        "fi-dev26": 75,
        "sv-dev": 30,
        "sv-dev2": 45,
        "sv-dev3": 32,
        "sv-dev4": 32,
        "sv-dev5": 32,
        "sv-dev6": 40,
        "sv-dev7": 30,
        "sv-dev10": 45,
        "sv-dev11": 50,
        "sv-dev12": 60,
        "sv-dev13": 60,
        "sv-dev14": 70,
        "sv-dev15": 75,
        "sv-dev16": 75,
        "sv-dev17": 75,
        "sv-dev18": 75,
        "sv-dev19": 75,
        "sv-dev20": 75,
    }
    # a row with no skill (company boilerplate, benefits, how to apply) is kept in the file and
    # skipped by the benchmark; the minimum counts the sentences that name a skill
    assert sum(bool(r["skills"]) for r in rows) >= minimum[name]
    halves = {"dev"} if "-dev" in name else {"tune", "report"}
    assert {r["half"] for r in rows} == halves and {r["lang"] for r in rows} == {name[:2]}
    for r in rows:
        if not r["skills"]:
            assert not r["labels"], r["id"]
            continue
        uris, labels = r["skills"].split("|"), r["labels"].split("|")
        assert [esco.skill_label(u) for u in uris] == labels, r["id"]


def test_every_rule_names_esco_skills_and_compiles(esco):
    rules = load_rules()
    assert len(rules) >= 20
    assert rules.unknown_skills(esco.skill_uris) == set()
    named, rest = rules.apply("Edellytämme C-ajokorttia, hygieniapassia ja AMK-tutkintoa.")
    assert {esco.skill_label(u) for u in named} >= {"drive vehicles", "comply with food safety and hygiene"}
    assert "AMK" not in rest


def test_every_qualification_and_swedish_title_names_esco_occupations(esco):
    """Each qualification of `qualifications.csv` names occupations by their Finnish ESCO labels
    (preferred or alternative); so do most Swedish titles of `job_titles.csv` (the others, such as
    "hälsovårdare" → terveydenhoitaja, ESCO has no Finnish label for: the recogniser skips them)."""
    t = esco.tables
    finnish = {label.lower() for label in t.occupation_labels["fi"] if label}
    finnish |= {alt.lower() for alts in t.occupation_alt_labels["fi"] for alt in alts}
    names = load_occupation_names()
    assert sum(n.qualification for n in names) >= 20 and {n.lang for n in names} == {"fi", "sv"}
    for name in names:
        assert name.titles
        if name.qualification:
            assert all(title.lower() in finnish for title in name.titles), name
    swedish = [n for n in names if not n.qualification and n.lang == "sv"]
    assert sum(n.titles[0].lower() in finnish for n in swedish) >= len(swedish) / 2
    everyday = [n for n in names if not n.qualification and n.lang == "fi"]
    assert len(everyday) >= 40 and all(n.titles[0].lower() in finnish for n in everyday)


@pytest.mark.parametrize(
    ("lang", "text", "named"),
    [
        ("fi", "Edellytämme sosiaali- ja terveysalan perustutkintoa.", True),
        ("fi", "Asiakkaalla on talonrakennuksen perustutkinto.", True),
        ("fi", "Suoritin logistiikan ammattitutkinnon 2019.", True),
        ("fi", "Logistiikka on tärkeä osa toimintaamme.", False),  # a field without a qualification
        ("fi", "Sähköalan yritys hakee asentajaa.", False),
        ("fi", "Haemme laitoshuoltajaa sairaalaan.", True),  # an everyday title, no ESCO label
        ("fi", "Olen työskennellyt kuorma-autonkuljettajana.", True),
        ("fi", "Varhaiskasvatuksen opettajan tehtävä on vakituinen.", True),
        ("fi", "Toimin henkilökohtaisena avustajana.", True),
        ("fi", "Laitoshuolto kuuluu tehtäviin.", False),  # the task, not the worker
        ("fi", "Kuorma-autolla ajetaan jakelua.", False),
        ("fi", "Henkilökohtainen apu on tärkeää.", False),
        ("sv", "Hon har närvårdarexamen och körkort.", True),
        ("sv", "Grundexamen i logistik.", True),
        ("sv", "Vi söker städare.", True),
        ("sv", "Du betalar själv för utbildningen.", False),
    ],
)
def test_a_qualification_or_title_is_named_only_as_such(lang, text, named):
    assert any(n.lang == lang and n.pattern.search(text) for n in load_occupation_names()) == named


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
