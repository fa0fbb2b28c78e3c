"""Language requirements read from job ads: the language and the CEFR level the words give
(outside tester N4: "Edellytämme sujuvaa suomen kielen taitoa" became only the ESCO skill "Finnish")."""

from __future__ import annotations

import pytest

from services.matching.index.domain.language_requirements import language_requirements


def read(text: str, lang: str, esco) -> list[tuple[str, str | None]]:
    return [(r.code, r.level) for r in language_requirements(text, esco, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # the tester's three sentences
        ("Edellytämme sujuvaa suomen kielen taitoa.", "fi", [("fi", "B2")]),
        ("Du talar flytande svenska.", "sv", [("sv", "B2")]),
        ("Fluent Finnish required.", "en", [("fi", "B2")]),
        # levels said in words, in brackets, as CEFR codes, after the name
        (
            "Kielitaito: suomi (äidinkieli), ruotsi (hyvä), englanti B2.",
            "fi",
            [("fi", "native"), ("sv", "B1"), ("en", "B2")],
        ),
        ("Hallitset ruotsin kielen erinomaisesti sekä suullisesti että kirjallisesti.", "fi", [("sv", "C1")]),
        ("Hyvä suomen kielen taito B1-tasolla.", "fi", [("fi", "B1")]),
        ("Modersmål svenska, god finska.", "sv", [("sv", "native"), ("fi", "B1")]),
        ("Native or near-native English and good Finnish.", "en", [("en", "native"), ("fi", "B1")]),
        # one cue for coordinated names; none for a language named without one
        ("Vi förutsätter goda kunskaper i svenska och finska.", "sv", [("sv", "B1"), ("fi", "B1")]),
        ("Äidinkielesi on suomi ja osaat englantia.", "fi", [("fi", "native"), ("en", None)]),
        ("You speak English and have basic Swedish.", "en", [("en", None), ("sv", "A2")]),
        # a country, a company, an adjective: no language
        ("Suomen suurin konepaja hakee hitsaajaa.", "fi", []),
        ("Svenska företag söker svetsare.", "sv", []),
        ("We are a Finnish company.", "en", []),
    ],
)
def test_a_language_requirement_is_read_with_the_level_its_words_give(esco, text, lang, expected):
    assert read(text, lang, esco) == expected


def test_a_language_named_twice_keeps_its_highest_level(esco):
    text = "Puhut suomea. Edellytämme erinomaista suomen kielen taitoa."
    assert read(text, "fi", esco) == [("fi", "C1")]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # outside tester 13, P5: "either" read as "both"
        ("Äidinkielesi on suomi tai ruotsi.", "fi", [("fi", "native", ("sv",)), ("sv", "native", ("fi",))]),
        ("Du talar svenska eller finska flytande.", "sv", [("sv", "B2", ("fi",)), ("fi", "B2", ("sv",))]),
        (
            "Fluent Finnish, Swedish or English.",
            "en",
            [("fi", "B2", ("sv", "en")), ("sv", "B2", ("fi", "en")), ("en", "B2", ("fi", "sv"))],
        ),
        # each required
        (
            "Suomen, ruotsin ja englannin kielen taito.",
            "fi",
            [("fi", None, ()), ("sv", None, ()), ("en", None, ())],
        ),
        (
            "Äidinkieli suomi tai ruotsi, hyvä englannin kielen taito.",
            "fi",
            [("fi", "native", ("sv",)), ("sv", "native", ("fi",)), ("en", "B1", ())],
        ),
    ],
)
def test_languages_offered_as_a_choice_are_alternatives_of_each_other(esco, text, lang, expected):
    assert [(r.code, r.level, r.alternatives) for r in language_requirements(text, esco, lang)] == expected


def test_a_language_required_alone_somewhere_is_no_longer_a_choice(esco):
    text = "Puhut suomea tai ruotsia. Edellytämme sujuvaa suomen kielen taitoa."
    found = {r.code: (r.level, r.alternatives) for r in language_requirements(text, esco, "fi")}
    assert found["fi"] == ("B2", ())
