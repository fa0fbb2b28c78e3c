"""Outside tester 36, H10: a jobseeker's name of "Z" and 150 × U+0336 (a "Zalgo" text: one character under a stack
of combining marks, drawn over the lines around it) and an e-mail address of 311 characters were stored: the
limits counted code points, and marshmallow's e-mail check has no length. Names and short texts now refuse a
character carrying more than four combining marks or one mark twice in a row (UTS #39, 5.4), and an e-mail
address longer than RFC 5321 allows (64 octets before the @, 254 in all), each a 422 naming the field and the
reason, in the caller's language; names with diacritics pass. Over HTTP (Flask test client, real database)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from services.profile.repository import profiles
from services.vacancy.repository import vacancies
from tests.helpers import WELDER, auth, profile_body

# validation refused before storage: the PostgreSQL half is opt-in (KOHTAANTO_TEST_POSTGRES_ALL=1, tests/api/conftest.py)
pytestmark = pytest.mark.storage_independent

COACH = auth("coach", "tampere-tyollisyys")
EMPLOYER = auth("employer", "konepaja-oy")
ZALGO = "Z" + "\u0336" * 150
#: What the tester sent: 64 octets, "@", four labels of 60 and "fi" (311 characters).
LONG_EMAIL = "a" * 64 + "@" + ("b" * 60 + ".") * 4 + "fi"


def stored(app, table):
    with app.extensions["kohtaanto.engine"].connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def put_profile(app, lang="en", **personal):
    body = profile_body()
    body["personal"] = {**body["personal"], **personal}
    return app.test_client().put(f"/api/v1/profiles/p36?lang={lang}", json=body, headers=COACH)


@pytest.mark.parametrize(
    "name",
    [
        ZALGO,
        "Ma" + "\u0301" * 300 + "ria",
        "Aino" + "\u0336" * 5,
        "Aino\u0301\u0301 Virtanen",
        "Ville" + "\u20dd" * 6,
    ],
)
def test_a_name_under_a_stack_of_combining_marks_is_a_422_naming_the_field(profile_app, name):
    r = put_profile(profile_app, name=name)
    assert r.status_code == 422, r.json
    (reason,) = r.json["errors"]["json"]["personal"]["name"]
    assert reason.startswith("Too many accents or other combining marks on one character"), reason
    assert stored(profile_app, profiles) == 0


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_the_reason_is_in_the_callers_language(profile_app, lang):
    r = put_profile(profile_app, lang, name=ZALGO)
    (reason,) = r.json["errors"]["json"]["personal"]["name"]
    assert "'Z'" in reason and "150" in reason and "combining" not in reason, reason


@pytest.mark.parametrize(
    "name",
    [
        "Áile Čárdá",  # Sámi
        "Nguyễn Thị Ánh Tuyết",  # Vietnamese: two marks on one letter, decomposed
        "Nguye\u0302\u0303n Thi\u0323",  # the same, sent decomposed (NFD)
        "Jääskeläinen Öhman",
        "Ольга Ковальчук",
        "राजेश कुमार",  # Devanagari vowel signs and a virama
        "Aino 👩🏽‍💻",
    ],
)
def test_names_with_diacritics_of_any_script_are_stored(profile_app, name):
    r = put_profile(profile_app, name=name)
    assert r.status_code == 201, r.json


def test_a_vacancys_title_under_a_stack_of_marks_is_a_422_naming_the_title(vacancy_app):
    body = {
        "title": "H" + "\u0336" * 40 + "itsaaja",
        "occupation_uri": WELDER,
        "municipality": "837",
        "working_time": "full_time",
    }
    r = vacancy_app.test_client().post("/api/v1/vacancies", json=body, headers=EMPLOYER)
    assert r.status_code == 422 and set(r.json["errors"]["json"]) == {"title"}, r.json
    assert stored(vacancy_app, vacancies) == 0


@pytest.mark.parametrize(
    ("email", "words"),
    [
        (LONG_EMAIL, "at most 254 octets"),
        ("a" * 65 + "@example.fi", "before the @ is at most 64 octets"),
        ("ä" * 33 + "@example.fi", "before the @ is at most 64 octets"),  # 33 characters, 66 octets
        ("aino@" + ("b" * 63 + ".") * 4 + "fi", "at most 254 octets"),  # a short local part, labels of 63
    ],
)
def test_an_email_address_longer_than_rfc_5321_allows_is_a_422_naming_the_field(profile_app, email, words):
    r = put_profile(profile_app, email=email)
    assert r.status_code == 422, r.json
    (reason,) = r.json["errors"]["json"]["personal"]["email"]
    assert words in reason, reason
    assert stored(profile_app, profiles) == 0


def test_the_longest_deliverable_email_address_is_stored(profile_app):
    email = "a" * 64 + "@" + "b" * 60 + "." + "c" * 60 + "." + "d" * 60 + ".fi"  # 64 + 1 + 185 = 250
    r = put_profile(profile_app, email=email)
    assert r.status_code == 201, r.json
    assert r.json["personal"]["email"] == email
