"""Every door that reads a text reads a bounded part of each sentence, and refuses an over-long text
before reading it (outside tester 36b, J1: "suomen ja ruotsin kielen taito " repeated to 20,000
characters took 57.8 s to POST as a vacancy; a recognise request over the length limit was a 422 after
6.8 s of reading for the rate limit's cost)."""

import pytest

import services.matching.index.api as matching_api
from services.matching.index.schemas import MAX_TEXT_CHARS
from shared.config import RateLimitSettings
from tests.api.matching_world import Clock, matching_app
from tests.api.vacancy_bodies import valid
from tests.helpers import auth

# HTTP edges: the PostgreSQL half is opt-in (KOHTAANTO_TEST_POSTGRES_ALL=1, tests/api/conftest.py)
pytestmark = pytest.mark.storage_independent

EMPLOYER = auth("employer", "konepaja-oy")
MAX_DESCRIPTION = 20_000


def _repeated(unit: str, chars: int = MAX_DESCRIPTION) -> str:
    return (unit * (chars // len(unit) + 1))[:chars]


def _codes(answer) -> list[str]:
    return [w["code"] for w in answer.json["warnings"]]


@pytest.mark.parametrize(
    "unit",
    ["suomen ja ruotsin kielen taito ", "alle 30-vuotias nainen ", "ei vaadita kokemusta ja "],
    ids=["language words", "ad limits", "negations"],
)
def test_a_repetitive_description_at_the_maximum_is_stored_and_warned_as_its_first_part(vacancy_app, unit):
    client = vacancy_app.test_client()
    long = client.post("/api/v1/vacancies", json=valid(description=_repeated(unit)), headers=EMPLOYER)
    assert long.status_code == 201, long.json
    short = client.post("/api/v1/vacancies", json=valid(description=unit * 3), headers=EMPLOYER)
    assert short.status_code == 201, short.json
    assert "description_partly_read" in _codes(long)
    assert [c for c in _codes(long) if c != "description_partly_read"] == _codes(short)


def test_the_language_words_warn_that_the_languages_are_unconfirmed(vacancy_app):
    client = vacancy_app.test_client()
    body = valid(description=_repeated("suomen ja ruotsin kielen taito "))
    answer = client.post("/api/v1/vacancies", json=body, headers=EMPLOYER)
    assert "requirements_unconfirmed" in _codes(answer), answer.json["warnings"]


@pytest.mark.parametrize("pad", [" ", "\u00a0", "\t"], ids=["spaces", "no-break spaces", "tabs"])
def test_a_text_over_the_length_limit_is_refused_without_being_read(database_url, monkeypatch, pad):
    client = matching_app(
        database_url, Clock(), RateLimitSettings(recognition="100000 per minute")
    ).test_client()
    read: list[str] = []
    real = matching_api.reading_of
    monkeypatch.setattr(matching_api, "reading_of", lambda text: read.append(text) or real(text))
    text = "hitsaus" + pad * MAX_TEXT_CHARS + "asennus"
    answer = client.post("/api/v1/skills/recognise", json={"text": text}, headers=EMPLOYER)
    assert answer.status_code == 422
    assert read == []
