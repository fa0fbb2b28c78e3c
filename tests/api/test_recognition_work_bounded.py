"""What a text costs to recognise follows the work (outside tester 36, H4): one 18,200-character comma
list with no full stop cost seconds of CPU and one unit of `KOHTAANTO_RATE_LIMIT_RECOGNITION`; now a
request is charged per started 200 characters of each sentence read, reads at most `MAX_READ_CHARS`
characters (the rest is said in a warning), and a vacancy's description is read within the same
budget, with its own warning."""

import pytest

from services.kernel.sentences import MAX_READ_CHARS, reading_units
from services.matching.index.api import reading_of
from shared.config import RateLimitSettings
from tests.api.matching_world import Clock, matching_app
from tests.api.vacancy_bodies import valid
from tests.helpers import auth

# recognition reads no storage: the PostgreSQL half is opt-in (KOHTAANTO_TEST_POSTGRES_ALL=1, tests/api/conftest.py)
pytestmark = pytest.mark.storage_independent

URL = "/api/v1/skills/recognise"
EMPLOYER = auth("employer", "konepaja-oy")
TESTER_TEXTS = [
    "hitsaus, asennus, huolto, " * 700,  # 18,200 characters, no full stop
    "hitsaus " * 2400,  # 19,200 characters, one word
    "welding and " * 1650,
]


def charged(answer):
    return int(answer.headers["X-RateLimit-Limit"]) - int(answer.headers["X-RateLimit-Remaining"])


@pytest.fixture
def client(database_url):
    limits = RateLimitSettings(recognition="100000 per minute")
    return matching_app(database_url, Clock(), limits).test_client()


@pytest.mark.parametrize("text", TESTER_TEXTS, ids=["comma list", "one word", "english"])
def test_one_long_sentence_costs_its_characters_and_is_read_in_part_with_a_warning(client, text):
    answer = client.post(URL, json={"text": text}, headers=EMPLOYER)
    assert answer.status_code == 200, answer.get_json()
    units = charged(answer)
    assert units == reading_units(reading_of(text).read) > len(text) // 1000
    assert units <= MAX_READ_CHARS // 200 + 1
    assert str(MAX_READ_CHARS) in answer.get_json()["warning"]
    assert any("weld" in item["label"] or "hitsa" in item["label"] for item in answer.get_json()["items"])


def test_an_ordinary_sentence_still_costs_one_unit_and_gets_no_reading_warning(client):
    answer = client.post(URL, json={"text": "Osaat MIG/MAG-hitsauksen."}, headers=EMPLOYER)
    assert charged(answer) == 1
    assert str(MAX_READ_CHARS) not in answer.get_json().get("warning", "")


def test_a_caller_sending_long_sentences_reaches_the_limit_and_others_keep_theirs(database_url):
    client = matching_app(database_url, Clock(), RateLimitSettings(recognition="60 per minute")).test_client()
    answers = [client.post(URL, json={"text": TESTER_TEXTS[0]}, headers=EMPLOYER) for _ in range(2)]
    assert [r.status_code for r in answers] == [200, 429]
    assert answers[1].get_json()["code"] == 429 and "Retry-After" in answers[1].headers
    coach = auth("coach", "tampere-tyollisyys")
    assert client.post(URL, json={"text": "Osaa MIG-hitsauksen."}, headers=coach).status_code == 200


def test_a_vacancy_whose_description_is_one_long_sentence_is_warned_that_part_is_not_read(vacancy_app):
    client = vacancy_app.test_client()
    r = client.post("/api/v1/vacancies", json=valid(description=TESTER_TEXTS[0]), headers=EMPLOYER)
    assert r.status_code == 201, r.json
    warned = [w for w in r.json["warnings"] if w["code"] == "description_partly_read"]
    assert len(warned) == 1 and str(MAX_READ_CHARS) in warned[0]["message"], r.json["warnings"]
    short = client.post("/api/v1/vacancies", json=valid(), headers=EMPLOYER)
    assert "description_partly_read" not in [w["code"] for w in short.json["warnings"]]
