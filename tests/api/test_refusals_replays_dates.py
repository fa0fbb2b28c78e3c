"""Outside tester 20: every refused access is audited naming the jobseeker (P3), an identical replay of
a profile or vacancy is a no-op (P4), and every date a user sends is a plausible one (P6)."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from services.profile.repository import audit_log
from services.profile.repository import outbox as profile_outbox
from services.vacancy.repository import outbox as vacancy_outbox
from tests.api.vacancy_bodies import EMPLOYER as VACANCY_EMPLOYER
from tests.api.vacancy_bodies import valid as vacancy_body
from tests.helpers import auth, profile_body

ORG = "tampere-tyollisyys"
COACH = auth("coach", ORG)
DPO = auth("data_protection_officer", ORG)
MONDAY = datetime(2026, 11, 30, 9, tzinfo=UTC)


def count(app, table):
    with app.extensions["kohtaanto.engine"].connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def refusals(client, profile_id):
    """The own officer's search by profile id: the refused entries, as (actor org, role, action)."""
    entries = client.get(f"/api/v1/audit?profile_id={profile_id}&limit=1000", headers=DPO).json["items"]
    return {(e["actor_org"], e["actor_role"], e["action"]) for e in entries if e["granted"] == "no"}


@pytest.fixture
def client(profile_app):
    profile_app.extensions["kohtaanto.profile.paths"].clock = lambda: MONDAY
    profile_app.extensions["kohtaanto.profile.handlers"].clock = lambda: MONDAY
    return profile_app.test_client()


# -- P3: refused attempts name the jobseeker --------------------------------------------------------------
def test_a_contact_look_up_refused_for_the_role_is_found_by_the_owners_search_by_profile_id(client):
    """P3: an employer's look-up (403 for its role) was audited with no candidate and the employer's own
    organisation as subject, so the city's officer's ``?profile_id=`` did not show it."""
    candidate = client.put("/api/v1/profiles/t20-elec", json=profile_body(), headers=COACH).json[
        "candidate_id"
    ]
    for role, org in (
        ("employer", "hervannan-konepaja-oy"),
        ("operator", ORG),
        ("system_auditor", "kohtaanto"),
    ):
        r = client.post(
            "/api/v1/contacts/lookup", json={"candidate_ids": [candidate]}, headers=auth(role, org)
        )
        assert r.status_code == 403, (role, r.json)
    assert refusals(client, "t20-elec") == {
        ("hervannan-konepaja-oy", "employer", "contact.read"),
        (ORG, "operator", "contact.read"),
        ("kohtaanto", "system_auditor", "contact.read"),
    }
    entries = client.get(f"/api/v1/audit?candidate_id={candidate}", headers=DPO).json["items"]
    employer = [e for e in entries if e["actor_role"] == "employer"]
    assert [(e["candidate_id"], e["profile_id"], e["subject_org"]) for e in employer] == [
        (candidate, "t20-elec", ORG)
    ]


def test_a_refused_look_up_never_writes_what_is_not_a_pseudonym(client, profile_app):
    """The refused role's body is not validated: only ids of the pseudonym's shape reach the log."""
    r = client.post(
        "/api/v1/contacts/lookup",
        json={"candidate_ids": ["131052-308T", "aino.virtanen@example.fi", 42]},
        headers=auth("employer", "hervannan-konepaja-oy"),
    )
    assert r.status_code == 403
    with profile_app.extensions["kohtaanto.engine"].connect() as conn:
        rows = conn.execute(select(audit_log)).all()
    assert len(rows) == 1 and rows[0].candidate_id is None
    assert "131052" not in str(rows) and "example.fi" not in str(rows)


def test_refusals_by_organisation_at_the_path_and_handover_doors_name_the_jobseeker(client):
    """A service path or handover of another organisation is a 404 (as an unknown one); the attempt is
    in the owner's log with the jobseeker, whichever door refused it (the role or the organisation)."""
    client.put("/api/v1/profiles/asiakas-1", json=profile_body(), headers=COACH)
    first = {"kind": "coaching", "org": ORG, "starts_on": "2026-11-02", "planned_end": "2026-12-18"}
    path = client.post(
        "/api/v1/profiles/asiakas-1/path",
        json={"group": "long_term_unemployed", "first_step": first},
        headers=COACH,
    ).json
    vaasa, agency = auth("coach", "vaasa-tyollisyys"), auth("recruiter", "agency-a")
    step = {
        "kind": "coaching",
        "org": "vaasa-tyollisyys",
        "starts_on": "2026-12-01",
        "planned_end": "2026-12-31",
    }
    assert client.post(f"/api/v1/paths/{path['id']}/steps", json=step, headers=vaasa).status_code == 404
    assert (
        client.post(f"/api/v1/paths/{path['id']}/close", json={"reason": "moved"}, headers=agency).status_code
        == 403
    )
    found = refusals(client, "asiakas-1")
    assert ("vaasa-tyollisyys", "coach", "request.refused") in found
    assert ("agency-a", "recruiter", "request.refused") in found
    entries = client.get("/api/v1/audit?profile_id=asiakas-1&limit=1000", headers=DPO).json["items"]
    refused = [e for e in entries if e["action"] == "request.refused"]
    assert {e["purpose"] for e in refused} == {
        "404 POST /api/v1/paths/<path_id>/steps",
        "403 POST /api/v1/paths/<path_id>/close",
    }


def test_a_404_that_names_no_jobseeker_is_not_an_audit_entry(client, profile_app):
    assert client.get("/api/v1/pilots/no-such-pilot", headers=COACH).status_code == 404
    assert client.get("/api/v1/paths/no-such-path/steps", headers=COACH).status_code in (404, 405)
    assert count(profile_app, audit_log) == 0


# -- P4: an identical replay is a no-op --------------------------------------------------------------------
def test_an_identical_profile_replay_keeps_the_version_and_publishes_nothing(client, profile_app):
    """P4: each identical PUT without If-Match answered 200 with a new version (ETag "4", "5" …) and an
    event, so a colleague's If-Match went stale over a change that changed nothing."""
    assert (
        client.put("/api/v1/profiles/t20-half", json=profile_body(), headers=COACH).headers["ETag"] == '"1"'
    )
    events = count(profile_app, profile_outbox)
    for headers in (COACH, COACH, {**COACH, "If-Match": '"1"'}, {**COACH, "If-Match": "*"}):
        r = client.put("/api/v1/profiles/t20-half", json=profile_body(), headers=headers)
        assert r.status_code == 200 and r.headers["ETag"] == '"1"' and r.json["version"] == 1, r.json
    assert count(profile_app, profile_outbox) == events
    # audited all the same, as a write that changed nothing
    entries = client.get("/api/v1/audit?profile_id=t20-half", headers=DPO).json["items"]
    writes = [e["purpose"] for e in entries if e["action"] == "profile.write"]
    assert writes == ["unchanged"] * 4 + [None]
    # a changed body without If-Match is still a 428; with the (unchanged) version read it applies
    assert (
        client.put(
            "/api/v1/profiles/t20-half", json=profile_body(max_commute_km=9), headers=COACH
        ).status_code
        == 428
    )
    r = client.put(
        "/api/v1/profiles/t20-half", json=profile_body(max_commute_km=9), headers={**COACH, "If-Match": '"1"'}
    )
    assert r.status_code == 200 and r.headers["ETag"] == '"2"'
    assert count(profile_app, profile_outbox) == events + 1


def test_an_identical_vacancy_replay_keeps_the_version_and_publishes_nothing(vacancy_app):
    client = vacancy_app.test_client()
    vid = client.post("/api/v1/vacancies", json=vacancy_body(), headers=VACANCY_EMPLOYER).json["id"]
    events = count(vacancy_app, vacancy_outbox)
    for match in ('"1"', "*", "*"):
        r = client.put(
            f"/api/v1/vacancies/{vid}", json=vacancy_body(), headers={**VACANCY_EMPLOYER, "If-Match": match}
        )
        assert r.status_code == 200 and r.headers["ETag"] == '"1"', r.json
    assert count(vacancy_app, vacancy_outbox) == events
    # without If-Match too, as a profile's (outside tester 21, Q6); a change without it is a 428
    r = client.put(f"/api/v1/vacancies/{vid}", json=vacancy_body(), headers=VACANCY_EMPLOYER)
    assert r.status_code == 200 and r.headers["ETag"] == '"1"'
    assert (
        client.put(
            f"/api/v1/vacancies/{vid}", json=vacancy_body(openings=4), headers=VACANCY_EMPLOYER
        ).status_code
        == 428
    )
    r = client.put(
        f"/api/v1/vacancies/{vid}",
        json=vacancy_body(openings=4),
        headers={**VACANCY_EMPLOYER, "If-Match": '"1"'},
    )
    assert r.status_code == 200 and r.headers["ETag"] == '"2"'
    assert count(vacancy_app, vacancy_outbox) == events + 1


# -- P6: plausible dates -----------------------------------------------------------------------------------
@pytest.mark.parametrize("day", ["0001-01-01", "1.1.1900", "2010-06-01"])
def test_an_availability_date_years_back_is_a_422_naming_the_field_and_nothing_is_stored(
    client, profile_app, day
):
    r = client.put("/api/v1/profiles/t20-bad10", json=profile_body(available_from=day), headers=COACH)
    assert r.status_code == 422, r.json
    assert r.json["errors"]["json"]["available_from"] == [
        "The date is more than 10 years in the past: a typo?"
    ]
    assert count(profile_app, profile_outbox) == 0
    fi = client.put(
        "/api/v1/profiles/t20-bad10",
        json=profile_body(available_from=day),
        headers={**COACH, "Accept-Language": "fi"},
    )
    assert fi.json["errors"]["json"]["available_from"] == [
        "Päivämäärä on yli 10 vuoden takana: kirjoitusvirhe?"
    ]


def test_an_availability_date_some_years_back_means_now_and_is_stored(client):
    r = client.put("/api/v1/profiles/t20-ok", json=profile_body(available_from="2019-08-01"), headers=COACH)
    assert r.status_code == 201, r.json


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/api/v1/vacancies", {"start_date": "0001-01-01", "application_deadline": None}, "start_date"),
        ("/api/v1/vacancies", {"application_deadline": "0001-01-01"}, "application_deadline"),
        ("/api/v1/vacancies", {"start_date": "9999-12-31"}, "start_date"),
    ],
)
def test_a_vacancy_date_of_another_millennium_is_a_422_naming_the_field(vacancy_app, path, body, field):
    r = vacancy_app.test_client().post(path, json=vacancy_body(**body), headers=VACANCY_EMPLOYER)
    assert r.status_code == 422 and field in r.json["errors"]["json"], r.json
    assert count(vacancy_app, vacancy_outbox) == 0


def test_a_path_step_and_a_voucher_date_of_another_millennium_are_422s(client, profile_app):
    client.put("/api/v1/profiles/asiakas-2", json=profile_body(), headers=COACH)
    first = {"kind": "coaching", "org": ORG, "starts_on": "0001-01-01", "planned_end": "0001-02-01"}
    r = client.post(
        "/api/v1/profiles/asiakas-2/path",
        json={"group": "long_term_unemployed", "first_step": first},
        headers=COACH,
    )
    assert r.status_code == 422 and "first_step" in r.json["errors"]["json"], r.json
    r = client.post(
        "/api/v1/profiles/asiakas-2/vouchers",
        json={"pilot_id": "any", "age_years": 52, "unemployed_since": "1960-01-01", "takes_part": True},
        headers=COACH,
    )
    assert r.status_code == 422, r.json
    assert r.json["errors"]["json"]["unemployed_since"] == [
        "The date is more than 50 years in the past: a typo?"
    ]
