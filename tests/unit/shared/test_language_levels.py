"""Outside tester 22, R5: `"level": "b2"` was a 422 while `"code": "EN"` was accepted."""

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
