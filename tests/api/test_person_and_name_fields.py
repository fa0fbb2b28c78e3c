"""Free text in fields that name a person (outside tester 24): a service step's ``person``, a path's
``coach`` and a handover acknowledgement's ``person`` name a staff member and are shown to the receiving
organisation (T1: a phone number and a diagnosis were stored in them); a jobseeker's name, a vacancy's
title and the other short text fields hold no identifier (T3: ``131052-308T`` as a name). Each is a
422 naming the field, in the caller's language, and nothing is stored or published."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from services.profile.paths.repository import service_paths
from services.profile.repository import outbox, profiles
from services.vacancy.repository import outbox as vacancy_outbox
from services.vacancy.repository import vacancies
from shared.pii import CHECK_CHARACTERS
from tests.helpers import WELDER, auth, profile_body

# validation refused before storage: the PostgreSQL half is opt-in (KOHTAANTO_TEST_POSTGRES_ALL=1, tests/api/conftest.py)
pytestmark = pytest.mark.storage_independent

ORG = "tampere-tyollisyys"
COACH = auth("coach", ORG)
SCHOOL = auth("coach", "tredu", "opettaja@tredu")
MONDAY = datetime(2026, 11, 30, 9, tzinfo=UTC)
STEP = {"kind": "coaching", "org": ORG, "starts_on": "2026-11-02", "planned_end": "2026-12-18"}


def identity_code(birth: str, sign: str, number: str) -> str:
    """A personal identity code with its right check character (DVV's mod-31 rule)."""
    return f"{birth}{sign}{number}{CHECK_CHARACTERS[int(birth + number) % 31]}"


#: Every century sign, the 2023 ones included (1900s: - and U-Y; 2000s: A-F; 1800s: +).
CODES = (
    [identity_code("131052", sign, "308") for sign in "-UVWXY"]
    + [identity_code("150307", sign, "123") for sign in "ABCDEF"]
    + [identity_code("010190", "+", "123"), "131052-308T", "010594Y9032"]
)

#: What tester 24 stored as a staff member's name, and the other kinds of personal data.
NOT_A_STAFF_NAME = [
    "Mirja Salminen 040 123 4567",
    "Mirja Salminen, diabetes",
    "Salminen (raskaana)",
    "mirja.salminen@example.fi",
    "131052-308T",
    "u12345",
    "",
    "x" * 101,
]


def count(app, table, engine_key="kohtaanto.engine"):
    with app.extensions[engine_key].connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def path_events(app):
    with app.extensions["kohtaanto.engine"].connect() as conn:
        rows = conn.execute(select(outbox).where(outbox.c.event_type == "path.updated"))
        return [json.loads(r.value) for r in rows]


@pytest.fixture
def client(profile_app):
    profile_app.extensions["kohtaanto.profile.paths"].clock = lambda: MONDAY
    profile_app.extensions["kohtaanto.profile.handlers"].clock = lambda: MONDAY
    client = profile_app.test_client()
    assert client.put("/api/v1/profiles/t1", json=profile_body(), headers=COACH).status_code == 201
    return client


@pytest.mark.parametrize("value", NOT_A_STAFF_NAME)
def test_a_step_person_or_coach_that_is_not_a_name_is_refused_and_no_path_is_stored(
    client, profile_app, value
):
    for body, where in (
        ({"group": "young_people", "first_step": {**STEP, "person": value}}, ("first_step", "person")),
        ({"group": "young_people", "coach": value}, ("coach",)),
    ):
        r = client.post("/api/v1/profiles/t1/path", json=body, headers=COACH)
        assert r.status_code == 422, r.json
        reasons = r.json["errors"]["json"]
        for key in where:
            reasons = reasons[key]
        assert reasons, r.json
    assert count(profile_app, service_paths) == 0 and path_events(profile_app) == []


@pytest.mark.parametrize(
    "value", ["Mirja Salminen", "coach@tampere-tyollisyys", "Anna-Liisa O'Brien", "Sjöholm"]
)
def test_a_name_or_user_id_is_taken(client, value):
    body = {"group": "young_people", "coach": value, "first_step": {**STEP, "person": value}}
    r = client.post("/api/v1/profiles/t1/path", json=body, headers=COACH)
    assert r.status_code == 201, r.json
    assert r.json["coach"] == value and r.json["steps"][0]["person"] == value


def test_who_takes_over_a_handover_is_a_name_screened_like_the_note(client, profile_app):
    path = client.post(
        "/api/v1/profiles/t1/path", json={"group": "young_people", "first_step": STEP}, headers=COACH
    )
    handover = client.post(
        f"/api/v1/paths/{path.json['id']}/handovers",
        json={
            "from_step": path.json["steps"][0]["id"],
            "to": {
                "kind": "training",
                "org": "tredu",
                "starts_on": "2026-12-07",
                "planned_end": "2027-03-31",
            },
            "consent": True,
            "shared": ["name"],
        },
        headers=COACH,
    ).json
    before = len(path_events(profile_app))
    for value in ("Opettaja Virtanen 0401234567", "Virtanen, masennus", "Virtanen (HIV)"):
        r = client.post(
            f"/api/v1/handovers/{handover['id']}/acknowledge", json={"person": value}, headers=SCHOOL
        )
        assert r.status_code == 422 and r.json["errors"]["json"]["person"], r.json
    assert client.get(f"/api/v1/handovers/{handover['id']}", headers=SCHOOL).json["state"] == "pending"
    assert len(path_events(profile_app)) == before
    r = client.post(
        f"/api/v1/handovers/{handover['id']}/acknowledge?lang=sv",
        json={"person": "Virtanen 040"},
        headers=SCHOOL,
    )
    assert r.status_code == 422 and "inga siffror" in r.json["errors"]["json"]["person"][0], r.json
    ok = client.post(
        f"/api/v1/handovers/{handover['id']}/acknowledge", json={"person": "opettaja@tredu"}, headers=SCHOOL
    )
    assert ok.status_code == 200 and ok.json["step"]["person"] == "opettaja@tredu", ok.json


@pytest.mark.parametrize("code", CODES)
def test_an_identity_code_in_a_jobseekers_name_is_refused_and_nothing_is_stored(profile_app, code):
    client = profile_app.test_client()
    for name in (code, f"Aino Virtanen {code}", f"Aino ({code})"):
        body = profile_body(personal={"name": name, "email": None, "phone": None})
        r = client.put("/api/v1/profiles/t3", json=body, headers=COACH)
        assert r.status_code == 422, (name, r.json)
        assert "personal_identity_code" in r.json["errors"]["json"]["personal"]["name"][0], r.json
    assert count(profile_app, profiles) == 0 and count(profile_app, outbox) == 0


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Aino Virtanen 040 123 4567", "phone"),
        ("Aino Virtanen aino.virtanen@example.fi", "email"),
        ("Aino Virtanen FI21 1234 5600 0007 85", "iban"),
    ],
)
def test_other_identifiers_in_a_name_are_refused_in_the_callers_language(profile_app, name, kind):
    client = profile_app.test_client()
    body = profile_body(personal={"name": name})
    r = client.put("/api/v1/profiles/t3", json=body, headers={**COACH, "Accept-Language": "fi"})
    assert r.status_code == 422, r.json
    [reason] = r.json["errors"]["json"]["personal"]["name"]
    assert reason.startswith("Ei saa sisältää tunnistetta"), reason
    assert count(profile_app, profiles) == 0


def test_ordinary_names_are_taken(profile_app):
    client = profile_app.test_client()
    for i, name in enumerate(
        ["Aino Virtanen", "Anna-Liisa Ek", "Nguyễn Thị Minh", "Ülle Õun", "Kalle Ylä-Outinen"]
    ):
        body = profile_body(personal={"name": name})
        assert client.put(f"/api/v1/profiles/n{i}", json=body, headers=COACH).status_code == 201


def test_an_identifier_in_a_vacancy_title_is_refused_and_nothing_is_stored(vacancy_app):
    client = vacancy_app.test_client()
    employer = auth("employer", "konepaja-oy")
    body = {"occupation_uri": WELDER, "municipality": "837", "working_time": "full_time"}
    for title in ("Hitsaaja, soita 040 123 4567", "Hitsaaja 131052-308T", "Hitsaaja rekry@konepaja.fi"):
        r = client.post("/api/v1/vacancies", json={**body, "title": title}, headers=employer)
        assert r.status_code == 422 and r.json["errors"]["json"]["title"], r.json
    assert count(vacancy_app, vacancies) == 0 and count(vacancy_app, vacancy_outbox) == 0
    r = client.post(
        "/api/v1/vacancies", json={**body, "title": "Hitsaaja 2 kpl, 1.1.2027 alkaen"}, headers=employer
    )
    assert r.status_code == 201, r.json
