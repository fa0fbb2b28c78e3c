"""The language codes the services store and publish are described as what they are (tester 35's leftover: the
``vacancy.*`` payload schema said "ISO 639-1" while ``smn`` was sent): BCP 47 primary language subtags as
``langcodes`` normalises them, ISO 639-1 where the language has one, else ISO 639-3."""

from __future__ import annotations

import langcodes
import pytest

from services.profile import events as profile_events
from services.vacancy import events as vacancy_events
from shared.config import REPO_ROOT
from shared.languages import CODE_FORM, normalise_language
from shared.schemas import LanguageOutSchema


@pytest.mark.parametrize(
    ("sent", "published"),
    [("FI", "fi"), ("fin", "fi"), ("swe", "sv"), ("sme", "se"), ("SMN", "smn"), ("sms", "sms"), ("fse", "fse"),
     ("fss", "fss")],
)  # fmt: skip
def test_a_published_code_is_what_langcodes_normalises_to_639_1_where_it_exists_else_639_3(sent, published):
    assert normalise_language(sent) == published == langcodes.standardize_tag(sent)
    assert len(published) == (2 if langcodes.Language.get(published).to_alpha3() != published else 3)


def test_the_event_payloads_and_the_api_describe_the_code_by_that_form():
    described = [
        schema._declared_fields["code"].metadata["description"]
        for schema in (vacancy_events._Language, profile_events._Language, LanguageOutSchema)
    ]
    assert described == [CODE_FORM] * 3
    assert all(words in CODE_FORM for words in ("BCP 47", "langcodes", "ISO 639-1", "ISO 639-3", "'smn'"))


def test_the_event_catalogue_says_which_standard_the_codes_follow():
    page = (REPO_ROOT / "docs" / "events.md").read_text(encoding="utf-8")
    rows = [line for line in page.splitlines() if line.startswith("| `languages` | list of `{code, level}`")]
    [row] = [line for line in rows if "as in `vacancy.*`" not in line]  # candidate.* refers to vacancy.*'s
    assert all(words in row for words in ("BCP 47", "`langcodes`", "ISO 639-1", "ISO 639-3", "`smn`"))
