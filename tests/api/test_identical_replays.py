"""Outside tester 21, Q6: a replay identical to the stored profile or vacancy needs no If-Match, and
"identical" is judged on the normalised representation: a municipality by name or code, a date as
d.m.yyyy or ISO, the lists (skills, languages, work history, target groups, a vacancy's skills and
languages) in any order are the same body. A real change without If-Match stays a 428."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from services.profile.repository import outbox as profile_outbox
from services.vacancy.repository import outbox as vacancy_outbox
from tests.api.vacancy_bodies import EMPLOYER
from tests.api.vacancy_bodies import valid as vacancy_body
from tests.helpers import MAG_WELDING, USE_WELDING_EQUIPMENT, WELDER, auth, profile_body

COACH = auth("coach", "tampere-tyollisyys")
MONDAY = datetime(2026, 11, 30, 9, tzinfo=UTC)
SKILLS = [{"uri": USE_WELDING_EQUIPMENT, "level": "advanced"}, {"uri": MAG_WELDING}]


def count(app, table):
    with app.extensions["kohtaanto.engine"].connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


@pytest.fixture
def client(profile_app):
    profile_app.extensions["kohtaanto.profile.handlers"].clock = lambda: MONDAY
    return profile_app.test_client()


# Tester 21's p-bus-equiv.json (municipality "Tampere" for 837, "1.12.2026") and p-bus-reordered.json
# (the skills and the keys in another order), over the tests' reference data.
PROFILE = profile_body(municipality="837", available_from="2026-12-01")
EQUIVALENT_PROFILES = {
    "municipality by name, date d.m.yyyy": {
        **PROFILE,
        "municipality": "Tampere",
        "available_from": "1.12.2026",
    },
    "skills, languages and keys in another order": dict(
        reversed(
            list(
                {
                    **PROFILE,
                    "skills": list(reversed(SKILLS)),
                    "languages": list(reversed(PROFILE["languages"])),
                }.items()
            )
        )
    ),
    "all at once, work history of two rows reversed": {
        **PROFILE,
        "municipality": "tampere",
        "available_from": "1.12.2026",
        "skills": list(reversed(SKILLS)),
        "target_groups": ["over_50", "recently_laid_off"],
    },
}


@pytest.mark.parametrize("name", list(EQUIVALENT_PROFILES))
def test_a_profile_push_equal_after_normalising_is_an_identical_replay(client, profile_app, name):
    base = (
        {**PROFILE, "target_groups": ["recently_laid_off", "over_50"]} if "all at once" in name else PROFILE
    )
    first = client.put("/api/v1/profiles/t21-equiv", json=base, headers=COACH)
    assert first.status_code == 201 and first.headers["ETag"] == '"1"', first.json
    events = count(profile_app, profile_outbox)
    r = client.put("/api/v1/profiles/t21-equiv", json=EQUIVALENT_PROFILES[name], headers=COACH)
    assert r.status_code == 200 and r.headers["ETag"] == '"1"', r.json
    assert count(profile_app, profile_outbox) == events
    # a real change (tester 21's p-bus-changed.json: the commute 50 -> 51) without If-Match: 428
    changed = {**EQUIVALENT_PROFILES[name], "max_commute_km": 51}
    assert client.put("/api/v1/profiles/t21-equiv", json=changed, headers=COACH).status_code == 428


def test_a_profile_work_history_in_another_order_is_the_same_profile(client):
    rows = [
        {"occupation_uri": WELDER, "years": 4, "ended_year": 2025},
        {"occupation_uri": WELDER, "years": 1.5, "ended_year": 2019},
    ]
    assert (
        client.put(
            "/api/v1/profiles/t21-wh", json={**PROFILE, "work_history": rows}, headers=COACH
        ).status_code
        == 201
    )
    r = client.put(
        "/api/v1/profiles/t21-wh", json={**PROFILE, "work_history": list(reversed(rows))}, headers=COACH
    )
    assert r.status_code == 200 and r.headers["ETag"] == '"1"', r.json
    # the level of a skill is content, not order
    other = {**PROFILE, "skills": [{"uri": USE_WELDING_EQUIPMENT, "level": "basic"}, {"uri": MAG_WELDING}]}
    assert client.put("/api/v1/profiles/t21-wh", json=other, headers=COACH).status_code == 428


# -- vacancies ---------------------------------------------------------------------------------------------
# Tester 21's vb-orig.json: the text-only bus-driver ad, PUT as it was POSTed, without If-Match (was 428).
BUS_AD = {
    "title": "Linja-autonkuljettaja",
    "municipality": "837",
    "working_time": "full_time",
    "openings": 1,
    "description": "Tampereen seudun joukkoliikenteeseen haemme linja-autonkuljettajia.\nEdellytämme:\n"
    "- D-ajokorttia ja ammattipätevyyttä\n- kuljettajakorttia\n- asiakaspalvelutaitoja ja hyvää suomen "
    "kielen taitoa\nPerehdytämme sinut reitteihin. Työ on vuorotyötä.",
}
VACANCY = vacancy_body(
    skills=[{"uri": USE_WELDING_EQUIPMENT, "essential": True}, {"uri": MAG_WELDING, "essential": False}],
    languages=[{"code": "fi", "level": "B1"}, {"code": "en", "level": "A2"}],
)
EQUIVALENT_VACANCIES = {
    "municipality by name, dates d.m.yyyy": {
        **VACANCY,
        "municipality": "Tampere",
        "region": "Pirkanmaa",  # derived from the municipality when the POST left it out
        "start_date": "10.1.2027",
        "application_deadline": "20.12.2026",
    },
    "skills and languages in another order": {
        **VACANCY,
        "skills": list(reversed(VACANCY["skills"])),
        "languages": list(reversed(VACANCY["languages"])),
    },
}


def test_the_testers_bus_ad_put_as_posted_without_if_match_is_a_200_keeping_its_version(vacancy_app):
    client = vacancy_app.test_client()
    vid = client.post("/api/v1/vacancies", json=BUS_AD, headers=EMPLOYER).json["id"]
    events = count(vacancy_app, vacancy_outbox)
    for _ in range(2):
        r = client.put(f"/api/v1/vacancies/{vid}", json=BUS_AD, headers=EMPLOYER)
        assert r.status_code == 200 and r.headers["ETag"] == '"1"', r.json
    assert count(vacancy_app, vacancy_outbox) == events
    changed = {**BUS_AD, "openings": 2}
    r = client.put(f"/api/v1/vacancies/{vid}", json=changed, headers=EMPLOYER)
    assert r.status_code == 428 and "If-Match" in r.json["errors"]["header"], r.json
    r = client.put(f"/api/v1/vacancies/{vid}", json=changed, headers={**EMPLOYER, "If-Match": '"1"'})
    assert r.status_code == 200 and r.headers["ETag"] == '"2"'


@pytest.mark.parametrize("name", list(EQUIVALENT_VACANCIES))
def test_a_vacancy_put_equal_after_normalising_is_an_identical_replay(vacancy_app, name):
    client = vacancy_app.test_client()
    vid = client.post("/api/v1/vacancies", json=VACANCY, headers=EMPLOYER).json["id"]
    events = count(vacancy_app, vacancy_outbox)
    for headers in (EMPLOYER, {**EMPLOYER, "If-Match": '"1"'}, {**EMPLOYER, "If-Match": "*"}):
        r = client.put(f"/api/v1/vacancies/{vid}", json=EQUIVALENT_VACANCIES[name], headers=headers)
        assert r.status_code == 200 and r.headers["ETag"] == '"1"', r.json
    assert count(vacancy_app, vacancy_outbox) == events
    # a stale version is still a 412, an essential flag changed is a change
    stale = client.put(
        f"/api/v1/vacancies/{vid}", json=EQUIVALENT_VACANCIES[name], headers={**EMPLOYER, "If-Match": '"7"'}
    )
    assert stale.status_code == 412
    flipped = {
        **VACANCY,
        "skills": [
            {"uri": USE_WELDING_EQUIPMENT, "essential": True},
            {"uri": MAG_WELDING, "essential": True},
        ],
    }
    assert client.put(f"/api/v1/vacancies/{vid}", json=flipped, headers=EMPLOYER).status_code == 428


def test_another_employers_vacancy_answers_404_before_the_if_match_rule(vacancy_app):
    client = vacancy_app.test_client()
    vid = client.post("/api/v1/vacancies", json=VACANCY, headers=EMPLOYER).json["id"]
    other = auth("employer", "other-oy")
    assert client.put(f"/api/v1/vacancies/{vid}", json=VACANCY, headers=other).status_code == 404


@pytest.mark.parametrize(("code", "stored"), [("prs", "prs"), ("sh", "sh"), ("fkv", "fkv")])
def test_a_language_is_stored_in_a_form_the_api_accepts_back(client, vacancy_app, code, stored):
    """Outside tester 22, R3: Dari `prs` was stored as `fa-AF` (`sh` as `sr-Latn`); the case system's
    read-then-PUT with If-Match sent it back and got 422 "give the language alone"."""
    body = {**PROFILE, "languages": [{"code": code, "level": "B1"}]}
    assert client.put("/api/v1/profiles/t22-lang", json=body, headers=COACH).status_code == 201
    read = client.get("/api/v1/profiles/t22-lang", headers=COACH)
    assert [x["code"] for x in read.json["languages"]] == [stored]
    again = {**body, "languages": read.json["languages"], "max_commute_km": 49}
    r = client.put(
        "/api/v1/profiles/t22-lang", json=again, headers={**COACH, "If-Match": read.headers["ETag"]}
    )
    assert r.status_code == 200, r.json
    employer = vacancy_app.test_client()
    posted = employer.post(
        "/api/v1/vacancies", json={**VACANCY, "languages": [{"code": code, "level": "B2"}]}, headers=EMPLOYER
    )
    assert posted.status_code == 201 and [x["code"] for x in posted.json["languages"]] == [stored], (
        posted.json
    )
    back = {**VACANCY, "languages": posted.json["languages"], "title": VACANCY["title"] + " (B2)"}
    r = employer.put(
        f"/api/v1/vacancies/{posted.json['id']}",
        json=back,
        headers={**EMPLOYER, "If-Match": posted.headers["ETag"]},
    )
    assert r.status_code == 200, r.json
