"""Withdrawal erases what matching holds (issue 8, item 3): outcomes (comments, follow-ups) and every
row of every stored meeting that names the candidate, re-prepared meetings included."""

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update

from services.matching.team.erasure import erase_candidate, without_candidate
from services.matching.team.events import ERASURE_CONSUMER
from services.matching.team.repository import outbox
from shared.messaging.consumer import Record
from tests.api.matching_world import CANDIDATES, SHORTAGE_CSV, Clock, apply, matching_app, vacancy, welders
from tests.helpers import MATCHING_KEY, auth, stored_anywhere

OPERATOR = auth("operator", "kohtaanto")
TEAM = auth("team_member", "tampere-tyollisyys")
RECRUITER = auth("recruiter", "agency-a")


@pytest.fixture
def app(database_url):
    app = matching_app(database_url, Clock())
    vacancy(app, "v-weld")
    app.candidate_ids = welders(app)
    client = app.test_client()
    r = client.post("/api/v1/shortages", data=SHORTAGE_CSV, headers={**OPERATOR, "Content-Type": "text/csv"})
    assert r.status_code == 201, r.json
    return app


def test_without_candidate_removes_every_row_naming_the_candidate_at_any_depth():
    content = {
        "vacancies": [
            {"candidates": [{"candidate_id": "c-1", "rank": 1}, {"candidate_id": "c-2", "rank": 2}]}
        ],
        "last_week": [{"candidate_id": "c-1", "comment": "soitti"}],
        "follow_ups": [{"candidate_id": "c-2", "action": "kurssi"}],
    }
    cleaned, removed = without_candidate(content, "c-1")
    assert removed == 2 and "c-1" not in json.dumps(cleaned)
    assert cleaned["follow_ups"] == content["follow_ups"]


def test_a_tombstone_erases_outcomes_and_the_candidate_from_stored_and_re_prepared_meetings(app):
    client = app.test_client()
    gone, stays = app.candidate_ids[0], app.candidate_ids[1]
    for cid, words in ((gone, "Hyvä haastattelu"), (stays, "Jatkoon")):
        r = client.post(
            "/api/v1/vacancies/v-weld/outcomes",
            json={
                "candidate_id": cid,
                "status": "interviewed",
                "comment": words,
                "occurred_on": "2026-11-18",
                "follow_up": {"action": "Soita perjantaina", "owner": "rekrytoija@agency-a"},
            },
            headers=RECRUITER,
        )
        assert r.status_code == 201, r.json
    assert client.post("/api/v1/meetings/pirkanmaa/2026-W48/prepare", headers=TEAM).status_code == 201
    before = json.dumps(
        client.get("/meetings/pirkanmaa/2026-W48/content.json", headers=TEAM).json, ensure_ascii=False
    )
    assert gone in before and "Hyvä haastattelu" in before

    team = app.extensions["kohtaanto.matching.team"]
    apply(app, CANDIDATES, gone, None, None)  # the index feed drops the candidate ...
    erasure = ERASURE_CONSUMER.dispatcher(team.uow_factory)  # ... the worker's declared consumer erases
    erasure(Record(CANDIDATES, 0, 9, gone, None))

    items = client.get("/api/v1/vacancies/v-weld/outcomes", headers=TEAM).json["items"]
    assert [o["candidate_id"] for o in items] == [stays]
    for path in ("content.json", "content.csv", ""):
        text = client.get(f"/meetings/pirkanmaa/2026-W48/{path}".rstrip("/"), headers=TEAM).get_data(
            as_text=True
        )
        assert gone not in text and "Hyvä haastattelu" not in text
        assert stays in text
    # Prepared again: the index no longer has the candidate either.
    assert client.post("/api/v1/meetings/pirkanmaa/2026-W48/prepare", headers=TEAM).status_code == 201
    again = json.dumps(
        client.get("/meetings/pirkanmaa/2026-W48/content.json", headers=TEAM).json, ensure_ascii=False
    )
    assert "Hyvä haastattelu" not in again
    assert erase_candidate(team.uow_factory, gone) == {"outcomes": 0, "meeting_rows": 0}  # idempotent


def test_an_erased_comment_is_in_no_file_and_no_row(app):
    """Outside tester 18, P12: a deleted outcome comment was still in ``matching.db-wal``. After the
    erasure no file of the database's directory (SQLite) and no row (PostgreSQL) holds the comment,
    the follow-up or the meeting row naming the candidate."""
    client = app.test_client()
    gone = app.candidate_ids[0]
    r = client.post(
        "/api/v1/vacancies/v-weld/outcomes",
        json={
            "candidate_id": gone,
            "status": "interviewed",
            "comment": "Toivoo yovuoroja ja pitkia keikkoja",
            "occurred_on": "2026-11-18",
            "follow_up": {"action": "Soita torstaina kello yksi", "owner": "rekrytoija@agency-a"},
        },
        headers=RECRUITER,
    )
    assert r.status_code == 201, r.json
    assert client.post("/api/v1/meetings/pirkanmaa/2026-W48/prepare", headers=TEAM).status_code == 201
    engine = app.extensions["kohtaanto.engine"]
    erased = ["Toivoo yovuoroja ja pitkia keikkoja", "Soita torstaina kello yksi"]
    assert stored_anywhere(engine, erased), "the test would find them before the erasure"
    apply(app, CANDIDATES, gone, None, None)
    ERASURE_CONSUMER.dispatcher(app.extensions["kohtaanto.matching.team"].uow_factory)(
        Record(CANDIDATES, 0, 9, gone, None)
    )
    assert stored_anywhere(engine, erased) == []


def test_a_tombstone_erases_the_outbox_rows_already_published_about_the_candidate(app):
    """Privacy audit (session 12): the worker's erasure also deletes the outbox rows already sent
    under the candidate id (``outcome.recorded``), which the relay otherwise keeps for 7 days;
    another candidate's rows stay."""
    client = app.test_client()
    gone, stays = app.candidate_ids[0], app.candidate_ids[1]
    for cid in (gone, stays):
        body = {"candidate_id": cid, "status": "proposed", "occurred_on": "2026-11-18"}
        assert (
            client.post("/api/v1/vacancies/v-weld/outcomes", json=body, headers=RECRUITER).status_code == 201
        )
    engine = app.extensions["kohtaanto.engine"]
    with engine.begin() as conn:  # the relay sent them
        conn.execute(update(outbox).values(published_at=datetime.now(UTC)))

    def keys() -> list[str]:
        with engine.connect() as conn:
            return [r.message_key for r in conn.execute(select(outbox))]

    assert gone in keys() and stays in keys()
    team = app.extensions["kohtaanto.matching.team"]
    ERASURE_CONSUMER.dispatcher(team.uow_factory)(Record(CANDIDATES, 0, 9, gone, None))
    assert gone not in keys() and stays in keys()


def test_a_dead_letter_re_published_after_the_withdrawal_does_not_bring_the_candidate_back(app, database_url):
    """Outside tester 6, G2: the operator re-published a candidate's dead letter after the jobseeker
    withdrew; the record sat after the tombstone and the person was shortlisted again, also after a
    restart (a rebuild from the topic). Erasure is final, on the service's own database."""
    from services.matching.team.erasure import ErasedCandidates
    from services.matching.team.repository import erased_candidates
    from tests.api.matching_world import candidate

    client = app.test_client()
    gone = app.candidate_ids[0]

    def shortlisted(a):
        r = a.test_client().get("/api/v1/vacancies/v-weld/shortlist?k=50", headers=TEAM)
        assert r.status_code == 200, r.json
        return {e["candidate_id"] for e in r.json["entries"]}

    assert gone in shortlisted(app)
    apply(app, CANDIDATES, gone, None, None)  # the withdrawal
    candidate(app, gone, skills=[])  # the re-published dead letter
    assert gone not in shortlisted(app)
    assert (
        client.get(f"/api/v1/vacancies/v-weld/candidates/{gone}/explanation", headers=RECRUITER).status_code
        == 404
    )
    # a restarted service (a rebuild from the compacted topic, where the tombstone may be gone)
    restarted = matching_app(database_url, Clock())
    vacancy(restarted, "v-weld")
    candidate(restarted, gone, skills=[])
    assert gone not in shortlisted(restarted)
    # what is kept is a keyed marker, not the pseudonymous id (privacy37: nor a plain hash of it)
    engine = app.extensions["kohtaanto.engine"]
    with engine.connect() as conn:
        stored = conn.execute(erased_candidates.select()).all()
    assert len(stored) == 1 and gone not in str(stored)
    erased = ErasedCandidates(engine, MATCHING_KEY)
    assert gone in erased and app.candidate_ids[1] not in erased
