"""Every language a person can name is read with its code and level, whether ESCO has a language skill
for it or not; a level after a dash; usefulness said in words is a plus (outside tester 36, H3: Tagalog,
Somali and Dari gave no `languages` entry; "Estonian – basic" gave no level; "Ruotsin kielen taito on
hyödyllinen." and "Some Finnish helps but is not a must." were read as required)."""

from __future__ import annotations

import pytest

from services.kernel.language_clauses import read_requirements
from services.matching.index.domain.language_names import language_name_entries
from services.matching.index.domain.language_requirements import language_requirements
from services.matching.index.domain.recognition_text import finnish_name_forms


def read(text: str, lang: str, esco) -> list[tuple[str, str | None, bool]]:
    return [(r.code, r.level, r.required) for r in language_requirements(text, esco, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # the tester's inputs
        (
            "Languages: Tagalog native, English fluent, Finnish B1.",
            "en",
            [("fil", "native", True), ("en", "B2", True), ("fi", "B1", True)],
        ),
        (
            "Kielitaito: tagalog (äidinkieli), englanti (hyvä)",
            "fi",
            [("fil", "native", True), ("en", "B2", True)],
        ),
        ("somali äidinkieli", "fi", [("so", "native", True)]),
        ("dari modersmål", "sv", [("prs", "native", True)]),
        ("Du talar somaliska och svenska.", "sv", [("so", None, True), ("sv", None, True)]),
        (
            "Tagalogin kielen taito on eduksi, koska osa asiakkaista on filippiiniläisiä.",
            "fi",
            [("fil", None, False)],
        ),
        # more of the kind: other cases, other languages, other wordings
        ("Puhut somalia ja arabiaa.", "fi", [("so", None, True), ("ar", None, True)]),
        ("Osaat tigrinjaa hyvin.", "fi", [("ti", "B2", True)]),
        (
            "Työkieli on englanti, somalin kielen taito eduksi.",
            "fi",
            [("en", None, True), ("so", None, False)],
        ),
        ("Arabic and Dari are a plus.", "en", [("ar", None, False), ("prs", None, False)]),
        ("Amharic (native), Finnish (good)", "en", [("am", "native", True), ("fi", "B2", True)]),
        ("Kunskaper i tigrinja är meriterande.", "sv", [("ti", None, False)]),
        ("Puhun vietnamia äidinkielenäni.", "fi", [("vi", "native", True)]),
        # the Sámi languages, Karelian and Meänkieli of Finland and Sweden: few speakers, named all the same
        ("Äidinkieli inarinsaame, suomi sujuva.", "fi", [("smn", "native", True), ("fi", "B2", True)]),
        ("Koltansaamen kielen taito on eduksi.", "fi", [("sms", None, False)]),
        ("Modersmål meänkieli.", "sv", [("fit", "native", True)]),
    ],
)
def test_a_language_without_an_esco_skill_is_read_with_its_code_and_level(esco, text, lang, expected):
    assert read(text, lang, esco) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a place, a people, a cuisine or a compound: no language
        ("Työskentelet Balilla ja Haitissa.", "fi", []),
        ("Asiakkaamme ovat Somaliasta.", "fi", []),
        ("Asun Karjalassa ja puhun suomea.", "fi", [("fi", None, True)]),
        ("Kokemus Afar-alueelta on eduksi.", "fi", []),
        ("Meru and Kamba customers; English required.", "en", [("en", None, True)]),
        ("We serve Thai food; good English required.", "en", [("en", "B2", True)]),
        ("Du kan jobba sena pass, svenska krävs.", "sv", [("sv", None, True)]),
    ],
)
def test_a_place_or_a_people_named_like_a_language_is_no_language(esco, text, lang, expected):
    assert read(text, lang, esco) == expected


def test_the_languages_a_person_can_name_come_from_the_library_with_the_codes_profiles_store():
    entries = {(code, fi, sv, en) for code, fi, sv, en in language_name_entries()}
    assert ("so", "somali", "somaliska", "Somali") in entries
    assert ("fil", "tagalog", "tagalog", "Tagalog") in entries  # "tl" is stored as "fil"
    assert ("prs", "dari", "dari", "Dari") in entries  # langcodes' "fa-AF"
    assert len({code for code, *_ in entries}) > 250


def test_a_finnish_loan_name_ending_in_a_consonant_takes_its_case_endings():
    telling, plain, local = finnish_name_forms("tagalog")
    assert {"tagalogiksi", "tagalogin ?-?kiel"} == set(telling)
    assert {"tagalog", "tagalogia", "tagalogin"} <= set(plain)
    assert "tagalogissa" in local


def _fi_sv_en(sentence: str, cued: bool) -> list[tuple[str, int, int]]:
    """Finnish, Swedish and English by their English names only (the kernel's rule is the service's own)."""
    import re

    names = {"estonian": "et", "finnish": "fi", "swedish": "sv", "english": "en", "ruotsin": "sv"}
    found = re.finditer(rf"\b(?:{'|'.join(names)})\b", sentence, re.I)
    return [(names[m.group().lower()], m.start(), m.end()) for m in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Estonian – basic", [("et", "A2", True)]),
        ("Estonian — native, Finnish – B2", [("et", "native", True), ("fi", "B2", True)]),
        ("Estonian - basic", [("et", "A2", True)]),
        # a dash before other words still ends the sentence: no level is taken from it
        ("Finnish – we work in a team", [("fi", None, True)]),
    ],
)
def test_a_level_after_a_dash_is_the_level_of_the_name_before_it(text, expected):
    got = [(r.code, r.level, r.required) for r in read_requirements(text, _fi_sv_en)]
    assert got == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ruotsin kielen taito on hyödyllinen.",
        "Some Finnish helps but is not a must.",
        "Swedish is handy in this job.",
        "Ruotsin kielen taidosta on apua, ja se on etu.",
        "English är till nytta.",
    ],
)
def test_usefulness_said_in_words_is_a_plus_not_a_requirement(text):
    got = read_requirements(text, _fi_sv_en)
    assert got and all(not r.required for r in got), got


def test_a_requirement_beside_a_plus_stays_required():
    got = {r.code: r.required for r in read_requirements("Finnish required, Swedish is useful.", _fi_sv_en)}
    assert got == {"fi": True, "sv": False}
