"""Language codes through langcodes: ISO 639-1 and 639-3, any case, one stored form."""

import pytest

from shared.languages import UnknownLanguageError, language_name, normalise_language


@pytest.mark.parametrize(
    ("code", "stored"),
    [
        ("fi", "fi"),
        ("FI", "fi"),
        ("fin", "fi"),
        ("swe", "sv"),
        ("se", "se"),
        ("sme", "se"),  # Northern Sámi in ISO 639-3 is the same language as ISO 639-1 se
        ("SME", "se"),
        ("smn", "smn"),  # Inari Sámi
        ("sms", "sms"),  # Skolt Sámi
        ("fse", "fse"),  # Finnish Sign Language
        ("fss", "fss"),  # Finland-Swedish Sign Language
        (" en ", "en"),
    ],
)
def test_codes_are_accepted_in_either_standard_and_any_case_and_stored_normalised(code, stored):
    assert normalise_language(code) == stored


def test_fsl_is_french_sign_language_and_fss_the_finland_swedish_one():
    assert language_name("fsl") == "French Sign Language"
    assert language_name("fss") == "Finland-Swedish Sign Language"


@pytest.mark.parametrize(
    ("code", "why"),
    [
        ("xyz", "not an assigned"),
        ("finnish", "not a language code"),
        ("sv-FI", "language alone"),
        ("smi", "not one language"),
        ("und", "not one language"),
        ("qaa", "not an assigned"),
    ],
)
def test_anything_but_one_language_is_refused_with_the_reason(code, why):
    with pytest.raises(UnknownLanguageError, match=why):
        normalise_language(code)
