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
        # a choice is one requirement, of the language named first (tester 14, P5)
        ("Äidinkielesi on suomi tai ruotsi.", "fi", [("fi", "native", ("sv",))]),
        ("Du talar svenska eller finska flytande.", "sv", [("sv", "B2", ("fi",))]),
        ("Fluent Finnish, Swedish or English.", "en", [("fi", "B2", ("sv", "en"))]),
        ("Basic Finnish or English is enough.", "en", [("fi", "A2", ("en",))]),
        # each required
        (
            "Suomen, ruotsin ja englannin kielen taito.",
            "fi",
            [("fi", None, ()), ("sv", None, ()), ("en", None, ())],
        ),
        (
            "Äidinkieli suomi tai ruotsi, hyvä englannin kielen taito.",
            "fi",
            [("fi", "native", ("sv",)), ("en", "B1", ())],
        ),
    ],
)
def test_languages_offered_as_a_choice_are_alternatives_of_each_other(esco, text, lang, expected):
    assert [(r.code, r.level, r.alternatives) for r in language_requirements(text, esco, lang)] == expected


def test_a_language_required_alone_somewhere_is_no_longer_a_choice(esco):
    text = "Puhut suomea tai ruotsia. Edellytämme sujuvaa suomen kielen taitoa."
    found = {r.code: (r.level, r.alternatives) for r in language_requirements(text, esco, "fi")}
    assert found["fi"] == ("B2", ())
    assert "sv" not in found  # the choice is met by the Finnish required anyway


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # outside tester 14, P5: a plus is no hard requirement
        ("Fluent English required, Finnish is a plus.", "en", [("en", "B2", True), ("fi", None, False)]),
        (
            "Goda kunskaper i svenska krävs, finska är en fördel.",
            "sv",
            [("sv", "B1", True), ("fi", None, False)],
        ),
        ("Goda kunskaper i svenska, finska är en merit.", "sv", [("sv", "B1", True), ("fi", None, False)]),
        (
            "Työkieli on englanti, suomen kielen taito on plussaa.",
            "fi",
            [("en", None, True), ("fi", None, False)],
        ),
        (
            "Vaatimukset:\nB-ajokortti\nsuomen kieli\n\nEduksi katsotaan:\n- ruotsin kielen taito\n- hygieniapassi",
            "fi",
            [("fi", None, True), ("sv", None, False)],
        ),
        ("Meriterande: finska.", "sv", [("fi", None, False)]),
        (
            "We are an international team. You have fluent English; Finnish is an advantage.",
            "en",
            [("en", "B2", True), ("fi", None, False)],
        ),
        (
            "Fluent English and Finnish are required, Swedish is a plus.",
            "en",
            [("en", "B2", True), ("fi", "B2", True), ("sv", None, False)],
        ),
        # a plus and later a requirement: required
        (
            "Ruotsin kielen taito on eduksi. Edellytämme hyvää ruotsin kielen taitoa.",
            "fi",
            [("sv", "B1", True)],
        ),
    ],
)
def test_a_language_that_is_only_a_plus_is_not_required(esco, text, lang, expected):
    assert [(r.code, r.level, r.required) for r in language_requirements(text, esco, lang)] == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # outside tester 14, P12: the level in the text
        ("Suomen kieli B1-tasolla, arabia äidinkieli.", "fi", [("fi", "B1"), ("ar", "native")]),
        ("Ruotsin kielen taito vähintään tyydyttävä.", "fi", [("sv", "B1")]),
        ("Klienten talar flytande svenska och lite finska.", "sv", [("sv", "B2"), ("fi", "A1")]),
        ("Engelska på B2-nivå.", "sv", [("en", "B2")]),
        # a licence class is no level
        ("Suomen kielen taito ja C1-ajokortti.", "fi", [("fi", None)]),
    ],
)
def test_a_level_written_in_the_text_is_read(esco, text, lang, expected):
    assert read(text, lang, esco) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # outside tester 14, P4: the country's adjective names no language
        ("Valid Finnish hygiene passport required.", "en"),
        ("You hold a valid Finnish security guard card.", "en"),
        ("A Finnish driving licence is required.", "en"),
        # session 15: an -ly noun is no adverb; Swedish writes the adjective in lower case too
        ("Finnish family company looking for a cleaner. Experience required.", "en"),
        ("Du har det finska hygienpasset, det krävs.", "sv"),
        ("Du betjänar svenska kunder, och körkort krävs.", "sv"),
        ("Goda kunskaper om finska företag krävs.", "sv"),
    ],
)
def test_an_adjective_of_a_country_is_no_language(esco, text, lang):
    assert read(text, lang, esco) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Du talar svenska och finska.", {"sv", "fi"}),
        ("Svenska språket är ett krav.", {"sv"}),
        ("Du kan svenska muntligt och skriftligt.", {"sv"}),
        ("Svenska kunder är viktiga, och goda kunskaper i finska krävs.", {"fi"}),
    ],
)
def test_a_swedish_language_name_used_as_the_language_is_read(esco, text, expected):
    assert {code for code, _ in read(text, "sv", esco)} == expected
