"""Outside tester 34's privacy findings over HTTP, where they were stored: an identity code with a space
or another separator (F3) in an outcome comment, a vacancy's description, a jobseeker's name and the
rating page; skin colour, look-alike letters, letters typed apart and a letter O for a zero in an outcome
comment (F5). Each is a 422 (the page's own error on the rating form) and nothing is stored."""

from __future__ import annotations

import pytest

from services.profile.repository import profiles
from services.vacancy.repository import vacancies
from tests.api.matching_world import post_outcome, welders_world
from tests.api.ratings_world import COACH, published, rating_link_path
from tests.api.ratings_world import world as world  # the fixture
from tests.helpers import TESTER34_IDENTITY_SPELLINGS as SPELLED_CODES
from tests.helpers import WELDER, auth, profile_body, row_count

RECRUITER = auth("recruiter", "agency-a")
EMPLOYER = auth("employer", "konepaja-oy")

#: What tester 34 stored as outcome comments (F5).
F5_COMMENTS = [
    ("He is black", "ethnic_origin"),
    ("Han är svart", "ethnic_origin"),
    ("Hän on musta", "ethnic_origin"),
    ("Asiakas on r\u0430skaana", "health_data"),  # a Cyrillic а
    ("Asiakas on R A S K A A N A", "health_data"),
    ("Puh 04O1234567", "phone"),  # a letter O for a zero
]


@pytest.fixture
def matching(database_url):
    return welders_world(database_url, 1)


def test_an_outcome_comment_with_an_identity_code_in_any_spelling_or_tester_34s_wordings_is_refused(matching):
    client = matching.test_client()
    cases = [(f"Hetu {code}, soitettu", "personal_identity_code") for code in SPELLED_CODES] + F5_COMMENTS
    for text, kind in cases:
        r = post_outcome(client, RECRUITER, matching.candidate_ids[0], comment=text)
        assert r.status_code == 422, (text, r.json)
        assert kind in " ".join(r.json["errors"]["json"]["comment"]), (text, r.json)
    assert client.get("/api/v1/vacancies/v-weld/outcomes", headers=RECRUITER).json["items"] == []
    for text in (
        "Juo mustaa kahvia, täsmällinen",
        "Svart bälte i judo, noggrann",
        "Black belt, calm under stress",
    ):
        assert post_outcome(client, RECRUITER, matching.candidate_ids[0], comment=text).status_code == 201, (
            text
        )


def test_a_vacancy_description_with_an_identity_code_in_any_spelling_is_refused(vacancy_app):
    client = vacancy_app.test_client()
    body = {"title": "Hitsaaja", "occupation_uri": WELDER, "municipality": "837", "working_time": "full_time"}
    for code in SPELLED_CODES:
        description = f"Paikka on varattu: Aino Virtanen {code} aloittaa."
        r = client.post("/api/v1/vacancies", json={**body, "description": description}, headers=EMPLOYER)
        assert r.status_code == 422 and r.json["errors"]["json"]["description"], (code, r.json)
    assert row_count(vacancy_app, vacancies) == 0
    contact = (
        "Lisätietoja 13.10.2026 - 30.10.2026: työnjohtaja Matti Mäkinen, 040 123 4567, tilaus 131052 / 3084."
    )
    r = client.post("/api/v1/vacancies", json={**body, "description": contact}, headers=EMPLOYER)
    assert r.status_code == 201 and r.json["description"] == contact, r.json


def test_a_jobseekers_name_with_an_identity_code_in_any_spelling_is_refused(profile_app):
    client = profile_app.test_client()
    for code in SPELLED_CODES:
        body = profile_body(personal={"name": f"Aino Virtanen {code}", "email": None, "phone": None})
        r = client.put("/api/v1/profiles/t34", json=body, headers=COACH)
        assert r.status_code == 422, (code, r.json)
        assert "personal_identity_code" in r.json["errors"]["json"]["personal"]["name"][0], r.json
    assert row_count(profile_app, profiles) == 0


def test_the_rating_page_refuses_an_identity_code_in_any_spelling_and_keeps_the_link(world, profile_app):
    client, _ = world
    path = rating_link_path(client)
    for code in SPELLED_CODES:
        r = client.post(path, data={"score": "4", "comment": f"hetuni on {code}"})
        assert r.status_code == 422, code
    assert published(profile_app) == []
    assert client.post(path, data={"score": "4", "comment": "Hyvä palvelu"}).status_code == 200
