"""A CV's language line with the level after the name and no colon names the languages and nothing
else (outside tester 34, F4: "Languages: English fluent, Finnish native." lost English and offered
*aviation English*, *query languages* and *Islam* instead; "Svenska modersmål, finska nöjaktigt."
lost Swedish)."""

import pytest

pytestmark = pytest.mark.usefixtures("esco_recognizer")


@pytest.mark.parametrize(
    ("text", "lang", "languages"),
    [
        ("Languages: English fluent, Finnish native.", "en", {"English", "Finnish"}),
        ("English fluent.", "en", {"English"}),
        ("Swedish native, English good.", "en", {"Swedish", "English"}),
        ("Språk: svenska modersmål, finska nöjaktigt.", "sv", {"Swedish", "Finnish"}),
        ("Svenska modersmål, finska nöjaktigt.", "sv", {"Swedish", "Finnish"}),
    ],
)
def test_a_language_line_names_its_languages_and_no_guess(esco_recognizer, text, lang, languages):
    for given in (lang, None):  # the language given, and detected
        got = [r.label("en") for r in esco_recognizer.recognise(text, top_k=10, lang=given)]
        assert set(got) == languages, (given, got)


def test_the_countrys_adjective_before_a_noun_is_still_no_language(esco_recognizer):
    got = [
        r.label("en")
        for r in esco_recognizer.recognise("Completed Finnish basic education in 2010.", lang="en")
    ]
    assert "Finnish" not in got, got
