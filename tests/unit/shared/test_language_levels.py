"""Outside tester 22, R5: language levels in any case (`b2` was a 422 while `EN` passed); names in one form."""

import pytest
from marshmallow import ValidationError

from shared.schemas import LanguageSchema


@pytest.mark.parametrize(
    ("given", "stored"), [("b2", "B2"), ("B2", "B2"), (" c1 ", "C1"), ("Native", "native")]
)
def test_a_language_level_is_read_in_any_case_and_stored_as_written_in_the_standard(given, stored):
    assert LanguageSchema().load({"code": "EN", "level": given}) == {"code": "en", "level": stored}


@pytest.mark.parametrize("given", ["b7", "äidinkieli", "", "B 2"])
def test_anything_else_is_still_refused_naming_the_levels(given):
    with pytest.raises(ValidationError, match="Must be one of: A1"):
        LanguageSchema().load({"code": "fi", "level": given})


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("Sjo\u0308holm", "Sjöholm"),  # NFD, as macOS sends it
        ("  Ulla  ", "Ulla"),
        ("Ulla\u200b Sjöholm", "Ulla Sjöholm"),
        ("\ufeffAino\u00ad Mäki\u2060nen", "Aino Mäkinen"),
        (
            "\u0645\u0647\u200c\u0646\u0627\u0632",
            "\u0645\u0647\u200c\u0646\u0627\u0632",
        ),  # Persian ZWNJ stays
    ],
)
def test_a_jobseekers_name_is_stored_in_one_form(given, stored):
    """Outside tester 22, R5: NFD `Sjöholm`, `"  Ulla  "` and `Ulla\\u200bSjöholm` were stored as sent, so
    one person could be stored in two forms."""
    from services.profile.schemas import PersonalSchema

    assert PersonalSchema().load({"name": given})["name"] == stored
