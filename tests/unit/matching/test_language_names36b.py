"""Languages in capitals and in lower case, a mother-tongue heading, a level after a slash, and a plus said
as "no requirement" (outside tester 36b, J6: "LANGUAGES: SOMALI (NATIVE), …" gave no language, "finnish b1,
english c1" lost Finnish and English, "Äidinkieli: tigrinja." gave no level, "Finska är bra att kunna men
inget krav" was read as required)."""

from __future__ import annotations

import pytest

from services.kernel.language_clauses import as_cased
from services.matching.index.domain.language_requirements import language_requirements


def read(text: str, lang: str, esco) -> list[tuple[str, str | None, bool]]:
    return [(r.code, r.level, r.required) for r in language_requirements(text, esco, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # the tester's inputs
        (
            "LANGUAGES: SOMALI (NATIVE), ENGLISH (FLUENT), FINNISH (B1)",
            "en",
            [("so", "native", True), ("en", "B2", True), ("fi", "B1", True)],
        ),
        (
            "finnish b1, english c1, vietnamese native",
            "en",
            [("fi", "B1", True), ("en", "C1", True), ("vi", "native", True)],
        ),
        ("Svenska och arabiska är ett plus.", "sv", [("sv", None, False), ("ar", None, False)]),
        ("Finska är bra att kunna men inget krav.", "sv", [("fi", None, False)]),
        ("Äidinkieli: tigrinja.", "fi", [("ti", "native", True)]),
        ("Modersmål: persiska.", "sv", [("fa", "native", True)]),
        ("Kielitaito: suomi/äidinkieli, englanti/hyvä", "fi", [("fi", "native", True), ("en", "B2", True)]),
        # more of the kind
        ("Mother tongue: Somali.", "en", [("so", "native", True)]),
        (
            "Äidinkieli: tigrinja. Muut kielet: englanti hyvä, suomi A2.",
            "fi",
            [("ti", "native", True), ("en", "B2", True), ("fi", "A2", True)],
        ),
        (
            "Modersmål: persiska. Talar även svenska nöjaktigt.",
            "sv",
            [("fa", "native", True), ("sv", "B1", True)],
        ),
        (
            "KIELITAITO: SUOMI (ÄIDINKIELI), ENGLANTI (HYVÄ)",
            "fi",
            [("fi", "native", True), ("en", "B2", True)],
        ),
        ("SPRÅK: SVENSKA (MODERSMÅL), FINSKA (GOD)", "sv", [("sv", "native", True), ("fi", "B2", True)]),
        ("Finnish is nice but not a requirement.", "en", [("fi", None, False)]),
        ("Suomen kieli on hyvä osata, mutta se ei ole vaatimus.", "fi", [("fi", None, False)]),
    ],
)
def test_languages_in_any_case_under_a_heading_or_as_no_requirement_are_read(text, lang, expected, esco):
    assert read(text, lang, esco) == expected


def test_as_cased_keeps_offsets_and_leaves_short_codes_and_mixed_words():
    text = "LANGUAGES: SOMALI (NATIVE), EU, C1-ajokortti, finnish b1, McDonald"
    out = as_cased(text)
    assert len(out) == len(text)
    assert out == "Languages: Somali (Native), EU, C1-ajokortti, finnish B1, McDonald"
