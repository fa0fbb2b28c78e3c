"""Outside tester 21, Q4: a refused request on the matching service that names a candidate is an
``access.refused`` event in matching's outbox (for the profile service's audit log), one per door:
explanation and course plan (404 not visible, 404 unknown vacancy, 403 role), an outcome (422 "Unknown
candidate", 403 role), the operators' index versions (403 role). Only pseudonyms are written, a
refusal by bad input is not one, and a caller's refusals are bounded (429 over the budget). The
profile side (consumer → audit entry) is in test_refusals_consumed.py and, over a real broker,
tests/integration/test_refusal_audit.py."""

import json

import pytest

from services.matching.team.events import ACCESS_REFUSED, RefusalPayload
from services.matching.team.repository import outbox
from shared.config import RateLimitSettings
from tests.api.matching_world import Clock, matching_app, vacancy, welders_world
from tests.helpers import auth, outbox_events

RECRUITER = auth("recruiter", "agency-a")  # the candidates consented to agency-a
NORDIC = auth("recruiter", "nordic-staffing-ab", sub="recruiter@nordic-staffing-ab")  # no consent
EMPLOYER = auth("employer", "konepaja-oy")
TEAM = auth("team_member", "tampere-tyollisyys")
UNKNOWN = "c-0123456789abcdef01234567"


@pytest.fixture
def app(database_url):
    return welders_world(database_url, 3)


def refusals(app):
    """The ``access.refused`` events in the outbox: (key, payload)."""
    return [(e["key"], e["payload"]) for e in outbox_events(app, outbox, ACCESS_REFUSED.event_type)]


def only(app):
    (found,) = refusals(app)
    key, payload = found
    assert key == payload["candidate_id"]
    assert RefusalPayload().validate(payload) == {}, payload
    return payload


@pytest.mark.parametrize("door", ["explanation", "training"])
def test_a_partner_without_consent_asking_for_a_candidate_is_published_for_the_audit(app, door):
    """Tester 21's first two requests: Nordic Staffing asks for a non-consenting candidate (404)."""
    cid = app.candidate_ids[0]
    r = app.test_client().get(f"/api/v1/vacancies/v-weld/candidates/{cid}/{door}", headers=NORDIC)
    assert r.status_code == 404
    payload = only(app)
    assert payload["candidate_id"] == cid
    assert (payload["actor"], payload["actor_org"], payload["actor_role"]) == (
        "recruiter@nordic-staffing-ab",
        "nordic-staffing-ab",
        "recruiter",
    )
    assert payload["route"] == f"GET /api/v1/vacancies/<vacancy_id>/candidates/<candidate_id>/{door}"
    assert (payload["status"], payload["reason"], payload["vacancy_id"]) == (
        404,
        "candidate_not_visible",
        "v-weld",
    )


@pytest.mark.parametrize("door", ["explanation", "training"])
def test_a_consenting_candidate_read_is_no_refusal(app, door):
    cid = app.candidate_ids[0]
    r = app.test_client().get(f"/api/v1/vacancies/v-weld/candidates/{cid}/{door}", headers=RECRUITER)
    assert r.status_code == 200, r.json
    assert refusals(app) == []


def test_an_employers_explanation_refused_by_role_is_published(app):
    """Tester 21's third request: the employer's explanation, 403 by role."""
    cid = app.candidate_ids[1]
    r = app.test_client().get(f"/api/v1/vacancies/v-weld/candidates/{cid}/explanation", headers=EMPLOYER)
    assert r.status_code == 403
    payload = only(app)
    assert (payload["candidate_id"], payload["actor_role"], payload["status"], payload["reason"]) == (
        cid,
        "employer",
        403,
        "role",
    )


def test_an_unknown_vacancy_with_a_candidate_is_published_as_such(app):
    cid = app.candidate_ids[0]
    r = app.test_client().get(f"/api/v1/vacancies/v-none/candidates/{cid}/explanation", headers=NORDIC)
    assert r.status_code == 404
    assert only(app)["reason"] == "unknown_vacancy"


def test_an_outcome_against_a_non_consenting_candidate_is_published(app):
    """Tester 21's fourth request: an outcome for a candidate who gave no consent: 422 Unknown candidate."""
    cid = app.candidate_ids[2]
    r = app.test_client().post(
        "/api/v1/vacancies/v-weld/outcomes", json={"candidate_id": cid, "status": "contacted"}, headers=NORDIC
    )
    assert r.status_code == 422 and "candidate_id" in r.json["errors"]["json"], r.json
    payload = only(app)
    assert (payload["candidate_id"], payload["status"], payload["reason"]) == (cid, 422, "unknown_candidate")
    assert payload["route"] == "POST /api/v1/vacancies/<vacancy_id>/outcomes"


def test_an_outcome_by_a_role_without_the_door_is_published(app):
    cid = app.candidate_ids[0]
    r = app.test_client().post(
        "/api/v1/vacancies/v-weld/outcomes", json={"candidate_id": cid, "status": "contacted"}, headers=TEAM
    )
    assert r.status_code == 403
    assert only(app)["reason"] == "role"


def test_index_versions_refused_for_a_non_operator_names_each_pseudonym_only(app):
    ids = app.candidate_ids[:2]
    body = {"candidate_ids": [*ids, "131052-308T", "Aino Virtanen"]}
    r = app.test_client().post("/api/v1/index/versions", json=body, headers=RECRUITER)
    assert r.status_code == 403
    found = refusals(app)
    assert [k for k, _ in found] == ids
    assert all(p["route"] == "POST /api/v1/index/versions" for _, p in found)
    assert "131052" not in json.dumps(found) and "Aino" not in json.dumps(found)


def test_bad_input_and_ids_not_of_the_pseudonyms_shape_are_not_published(app):
    client = app.test_client()
    cid = app.candidate_ids[0]
    # not a pseudonym: a 422 (explanation) or a 404 (course plan) naming nobody
    assert (
        client.get("/api/v1/vacancies/v-weld/candidates/131052-308T/explanation", headers=NORDIC).status_code
        == 422
    )
    assert (
        client.get("/api/v1/vacancies/v-weld/candidates/131052-308T/training", headers=NORDIC).status_code
        == 404
    )
    # an outcome that breaks a rule about a candidate the caller may record: bad input, not a refusal
    r = client.post(
        "/api/v1/vacancies/v-weld/outcomes", json={"candidate_id": cid, "status": "zombie"}, headers=RECRUITER
    )
    assert r.status_code == 422
    r = client.post(
        "/api/v1/vacancies/v-weld/outcomes",
        json={"candidate_id": cid, "status": "not_hired"},
        headers=RECRUITER,
    )
    assert r.status_code == 422
    # no token: nobody to name as the actor
    assert client.get(f"/api/v1/vacancies/v-weld/candidates/{cid}/explanation").status_code == 401
    assert refusals(app) == []


def test_probing_random_ids_is_bounded_by_the_callers_refusal_budget(database_url):
    """Abuse: a caller probing random ids gets 429 once over KOHTAANTO_RATE_LIMIT_REFUSED, and a 429
    is not an event; another caller has its own budget."""
    app = matching_app(database_url, Clock(), rate_limits=RateLimitSettings(refused="5 per minute"))
    vacancy(app, "v-weld")
    client = app.test_client()
    answers = [
        client.get(f"/api/v1/vacancies/v-weld/candidates/c-{i:024x}/explanation", headers=NORDIC).status_code
        for i in range(100, 108)
    ]
    assert answers == [404] * 5 + [429] * 3
    assert len(refusals(app)) == 5
    r = client.get(f"/api/v1/vacancies/v-weld/candidates/{UNKNOWN}/explanation", headers=NORDIC)
    assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1
    assert set(r.json) == {"code", "status", "message", "errors"}
    # outside tester 23, S5: the message names the limit and the wait, not the library's default text
    assert "5 per minute" in r.json["message"] and " min" in r.json["message"]
    assert "allotted" not in r.json["message"]
    assert (
        client.get(f"/api/v1/vacancies/v-weld/candidates/{UNKNOWN}/explanation", headers=EMPLOYER).status_code
        == 403
    )
    assert len(refusals(app)) == 6


def test_a_failed_outbox_write_keeps_the_refusals_answer(app, monkeypatch, caplog):
    """Decided: never a 5xx for a refusal whose event cannot be written; the event is logged instead."""
    from services.matching.team import repository

    def broken(*_, **__):
        raise RuntimeError("database away")

    monkeypatch.setattr(repository.UnitOfWork, "publish", broken)
    cid = app.candidate_ids[0]
    r = app.test_client().get(f"/api/v1/vacancies/v-weld/candidates/{cid}/explanation", headers=NORDIC)
    assert r.status_code == 404
    assert any("refusal not audited" in rec.getMessage() for rec in caplog.records)
