"""Outside tester 36, H8, the matching side: a granted request naming a candidate is an ``access.granted``
event in matching's outbox (for the profile service's audit log), as a refused one is ``access.refused``:
an explanation or course plan read, an outcome recorded (in the outcome's own transaction, once, without
its comment), the operators' index versions. A request naming no candidate is none, and an access whose
event cannot be written is not given (503). The profile side is in test_tester36_audit_erasure.py."""

import pytest
from sqlalchemy import select

from services.matching.team.events import ACCESS_GRANTED, ACCESS_REFUSED, AccessPayload
from services.matching.team.repository import outbox
from tests.api.matching_world import welders_world
from tests.helpers import auth, outbox_events

RECRUITER = auth("recruiter", "agency-a", sub="recruiter@agency-a")  # the candidates consented to agency-a
OPERATOR = auth("operator", "kohtaanto", sub="operator@kohtaanto")
TEAM = auth("team_member", "tampere-tyollisyys")
COMMENT = "Soitettu, kiinnostunut. Puhuu hyvin suomea."


@pytest.fixture
def app(database_url):
    return welders_world(database_url, 3)


def events_of(app, event_type):
    """The events of ``event_type`` in matching's outbox: (key, payload), oldest first."""
    return [(e["key"], e["payload"]) for e in outbox_events(app, outbox, event_type)]


def granted(app):
    found = events_of(app, ACCESS_GRANTED.event_type)
    for key, payload in found:
        assert key == payload["candidate_id"]
        assert AccessPayload().validate(payload) == {}, payload
    return [payload for _, payload in found]


@pytest.mark.parametrize(
    ("door", "action"), [("explanation", "explanation.read"), ("training", "course_plan.read")]
)
def test_a_granted_read_of_a_candidate_is_published_for_the_owners_audit(app, door, action):
    """Tester 36's first request: the agency read a consenting candidate's explanation (200)."""
    cid = app.candidate_ids[0]
    r = app.test_client().get(f"/api/v1/vacancies/v-weld/candidates/{cid}/{door}", headers=RECRUITER)
    assert r.status_code == 200, r.json
    (payload,) = granted(app)
    assert (payload["candidate_id"], payload["actor"], payload["actor_org"], payload["actor_role"]) == (
        cid,
        "recruiter@agency-a",
        "agency-a",
        "recruiter",
    )
    assert (payload["action"], payload["status"], payload["vacancy_id"]) == (action, 200, "v-weld")
    assert payload["route"] == f"GET /api/v1/vacancies/<vacancy_id>/candidates/<candidate_id>/{door}"
    assert events_of(app, ACCESS_REFUSED.event_type) == []


def test_an_outcome_with_a_comment_is_published_once_and_without_the_comment(app):
    """Tester 36's second request: the agency recorded "contacted" with a comment."""
    cid = app.candidate_ids[1]
    r = app.test_client().post(
        "/api/v1/vacancies/v-weld/outcomes",
        json={"candidate_id": cid, "status": "contacted", "comment": COMMENT},
        headers=RECRUITER,
    )
    assert r.status_code == 201, r.json
    (payload,) = granted(app)
    assert (payload["candidate_id"], payload["action"], payload["status"]) == (cid, "outcome.write", 201)
    assert payload["route"] == "POST /api/v1/vacancies/<vacancy_id>/outcomes"
    with app.extensions["kohtaanto.engine"].connect() as conn:
        values = b"".join(r.value or b"" for r in conn.execute(select(outbox)))
    assert b"Soitettu" not in values and "Soitettu".encode("unicode_escape") not in values


def test_the_operators_index_versions_name_each_candidate_granted(app):
    cids = app.candidate_ids[:2]
    r = app.test_client().post("/api/v1/index/versions", json={"candidate_ids": cids}, headers=OPERATOR)
    assert r.status_code == 200, r.json
    found = granted(app)
    assert [p["candidate_id"] for p in found] == cids
    assert {(p["action"], p["vacancy_id"], p["actor_role"]) for p in found} == {
        ("index_versions.read", None, "operator")
    }


def test_requests_naming_no_candidate_and_refused_ones_are_no_granted_access(app):
    client = app.test_client()
    assert client.get("/api/v1/vacancies/v-weld/shortlist", headers=RECRUITER).status_code == 200
    bad = {"candidate_id": app.candidate_ids[0], "status": "zombie"}
    assert client.post("/api/v1/vacancies/v-weld/outcomes", json=bad, headers=RECRUITER).status_code == 422
    r = client.post(
        "/api/v1/vacancies/v-weld/outcomes",
        json={"candidate_id": app.candidate_ids[0], "status": "contacted"},
        headers=TEAM,
    )
    assert r.status_code == 403
    assert granted(app) == []


def test_a_granted_read_whose_event_cannot_be_written_is_not_given(app, monkeypatch, caplog):
    """Every access is audit-logged: without the event the explanation is not answered (503, Retry-After)."""
    from services.matching.team import repository

    def broken(*_, **__):
        raise RuntimeError("database away")

    monkeypatch.setattr(repository.UnitOfWork, "publish", broken)
    cid = app.candidate_ids[0]
    r = app.test_client().get(f"/api/v1/vacancies/v-weld/candidates/{cid}/explanation", headers=RECRUITER)
    assert r.status_code == 503 and r.headers["Retry-After"]
    assert "score" not in r.get_data(as_text=True)
    assert any("access not audited" in rec.getMessage() for rec in caplog.records)
