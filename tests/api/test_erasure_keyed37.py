"""privacy37: after a withdrawal no database file of any service keeps anything that ties an erased
jobseeker's pseudonym or case number to what happened, by a function anyone can compute (session 36 noted
the re-link risk: matching's ``erased_candidates`` kept a plain SHA-256 of the pseudonym and the time, so
anyone holding the pseudonym from before — an export, a meeting page, a Kafka segment — could learn that,
and when, the person withdrew). What must stay is keyed with the service's own secret: the marker that
keeps a late record from bringing the person back, the fingerprints of retried POSTs. Stored answers of
retried POSTs about the person go with the erasure also when the answer names neither the case number nor
the pseudonym (a rating link, a rating's comment). A late or replayed event still brings nobody back.

SQLite: no byte of the database's files (free pages and write-ahead log included); PostgreSQL: no row."""

from __future__ import annotations

import hashlib
import json

from sqlalchemy import inspect, select, text

from services.matching.team.consumer import handle_path
from services.matching.team.events import ERASURE_CONSUMER
from services.matching.team.repository import erased_candidates
from services.matching.team.repository import idempotency_keys as matching_answers
from services.matching.team.repository import outbox as matching_outbox
from services.profile.repository import idempotency_keys as profile_answers
from services.profile.repository import outbox as profile_outbox
from shared.messaging.consumer import Record
from shared.messaging.envelope import Envelope
from tests.api.matching_world import CANDIDATES, Clock, apply, candidate, matching_app, vacancy, welders_world
from tests.api.ratings_world import COACH, NOW, refer, referral
from tests.helpers import auth, profile_body, relay_outbox, row_count, stored_anywhere

TEAM = auth("team_member", "tampere-tyollisyys")
RECRUITER = auth("recruiter", "agency-a")
CASE = "t37-erase"


def plain_hashes(identifier: str) -> list[str]:
    """The unkeyed hashes a re-linker would try: SHA-256 of the identifier in hex, whole and as
    ``erased_candidates`` kept its first 16 bytes before migration m0009."""
    digest = hashlib.sha256(identifier.encode()).hexdigest()
    return [digest, digest[:32]]


def plain_fingerprint(path: str, body: dict) -> str:
    """What ``shared.idempotency.fingerprint`` stored for a JSON POST before privacy37 (unkeyed)."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"POST {path}?\n".encode() + canonical.encode()).hexdigest()


def tables_holding(engine, word: str) -> set[str]:
    with engine.connect() as conn:
        return {
            table
            for table in inspect(conn).get_table_names()
            if word in repr(conn.execute(text(f'SELECT * FROM "{table}"')).all())
        }


def test_after_a_withdrawal_the_profile_service_keeps_no_relinkable_trace_of_requests_about_the_person(
    profile_app,
):
    """A rating link and a rating made with ``Idempotency-Key``: their stored answers named neither the
    case number nor the pseudonym (a link's URL; the rating's figures and comment), so the withdrawal left
    them, under a plain SHA-256 of a request naming the case number that anyone can recompute. Now the
    fingerprints are keyed and the answers go with the erasure."""
    for name in ("paths", "vouchers", "handlers", "ratings"):
        profile_app.extensions[f"kohtaanto.profile.{name}"].clock = lambda: NOW
    client = profile_app.test_client()
    body = profile_body(consented_orgs=["agency-a", "konepaja-oy"])
    cid = client.put(f"/api/v1/profiles/{CASE}", json=body, headers=COACH).json["candidate_id"]
    refer(profile_app, cid)
    link = {"subject": {"kind": "referral", "vacancy_id": "v-weld"}}
    rating = referral(4, "Mukava haastattelija Zyxwvu")
    made = client.post(
        f"/api/v1/profiles/{CASE}/rating-links", json=link, headers={**COACH, "Idempotency-Key": "k-link"}
    )
    assert made.status_code == 201, made.json
    rated = client.post(
        f"/api/v1/profiles/{CASE}/ratings", json=rating, headers={**COACH, "Idempotency-Key": "k-rate"}
    )
    assert rated.status_code == 201, rated.json
    again = client.post(
        f"/api/v1/profiles/{CASE}/rating-links", json=link, headers={**COACH, "Idempotency-Key": "k-link"}
    )
    assert again.headers.get("Idempotent-Replayed") == "true" and again.json == made.json, (
        "retries still work"
    )
    plain = [
        plain_fingerprint(f"/api/v1/profiles/{CASE}/rating-links", link),
        plain_fingerprint(f"/api/v1/profiles/{CASE}/ratings", rating),
    ]
    engine = profile_app.extensions["kohtaanto.engine"]
    assert stored_anywhere(engine, [cid]), "the test would find the pseudonym before the withdrawal"
    assert row_count(profile_app, profile_answers) == 2
    assert stored_anywhere(engine, plain) == [], "the fingerprints are keyed"
    relay_outbox(engine, profile_outbox)

    assert client.delete(f"/api/v1/profiles/{CASE}", headers=COACH).status_code == 204
    refer(profile_app, cid, status="interviewed")  # late news about the erased person
    relay_outbox(engine, profile_outbox)

    gone = [cid, *plain_hashes(cid), *plain_hashes(CASE), *plain, "Mukava haastattelija Zyxwvu"]
    assert stored_anywhere(engine, gone) == []
    assert row_count(profile_app, profile_answers) == 0, "no stored answer about the person is left"
    # the case number stays only where the withdrawal keeps it on purpose (H9): the withdrawn row, which
    # gives its next holder a new pseudonym, and the audit log of who reached it
    assert tables_holding(engine, CASE) <= {"profiles", "audit_log"}
    shown = client.get(f"/api/v1/profiles/{CASE}", headers=COACH).json
    assert (shown["status"], shown["candidate_id"]) == ("withdrawn", None), (
        "the late news brought no one back"
    )


def test_after_a_withdrawal_matching_keeps_only_a_keyed_marker_and_the_person_stays_erased(
    database_url,
):
    """Matching's ``erased_candidates`` kept a plain SHA-256 of the pseudonym and the time of the erasure;
    now a keyed marker alone. An outcome recorded with ``Idempotency-Key`` goes with the erasure, and a
    late record (a re-published dead letter), also after a restart, brings nobody back."""
    app = welders_world(database_url)
    gone, stays = app.candidate_ids[:2]
    client = app.test_client()
    outcome = {
        "candidate_id": gone,
        "status": "interviewed",
        "comment": "Toivoo aamuvuoroja Zyxwvu",
        "occurred_on": "2026-11-18",
    }
    recorded = client.post(
        "/api/v1/vacancies/v-weld/outcomes", json=outcome, headers={**RECRUITER, "Idempotency-Key": "k-out"}
    )
    assert recorded.status_code == 201, recorded.json
    assert client.post("/api/v1/meetings/pirkanmaa/2026-W48/prepare", headers=TEAM).status_code == 201
    engine = app.extensions["kohtaanto.engine"]
    plain = [plain_fingerprint("/api/v1/vacancies/v-weld/outcomes", outcome)]
    assert stored_anywhere(engine, [gone]), "the test would find the pseudonym before the withdrawal"
    assert stored_anywhere(engine, plain) == [], "the fingerprint is keyed"

    apply(app, CANDIDATES, gone, None, None)  # the tombstone reaches the index
    ERASURE_CONSUMER.dispatcher(app.extensions["kohtaanto.matching.team"].uow_factory)(
        Record(CANDIDATES, 0, 9, gone, None)
    )
    # the outcome and its access report were still waiting in the outbox: they still reach the profile
    # service (its audit log files the access under the case number), and then leave the outbox at once
    # and someone still holding the pseudonym asks about the person: refused, and the refusal still
    # reaches the profile service's audit log, but matching keeps no row of it once it is sent
    asked = client.get(f"/api/v1/vacancies/v-weld/candidates/{gone}/explanation", headers=RECRUITER)
    assert asked.status_code == 404
    sent = relay_outbox(engine, matching_outbox)
    assert sorted(json.loads(v)["event_type"] for _, k, v in sent if k == gone and v) == [
        "access.granted",
        "access.refused",
        "outcome.recorded",
    ]

    assert stored_anywhere(engine, [gone, *plain_hashes(gone), *plain, "Toivoo aamuvuoroja Zyxwvu"]) == []
    assert row_count(app, matching_answers) == 0
    assert {c["name"] for c in inspect(engine).get_columns("erased_candidates")} == {"marker"}
    with engine.connect() as conn:
        (marker,) = conn.execute(select(erased_candidates.c.marker)).scalars()
    assert marker not in plain_hashes(gone)[0]

    def shortlisted(a) -> set[str]:
        r = a.test_client().get("/api/v1/vacancies/v-weld/shortlist?k=50", headers=TEAM)
        assert r.status_code == 200, r.json
        return {e["candidate_id"] for e in r.json["entries"]}

    candidate(app, gone, skills=[])  # a re-published dead letter, after the withdrawal
    assert gone not in shortlisted(app) and stays in shortlisted(app)
    restarted = matching_app(database_url, Clock())  # a rebuild from the topics, the tombstone compacted
    vacancy(restarted, "v-weld")
    candidate(restarted, gone, skills=[])
    candidate(restarted, stays, skills=[])
    assert gone not in shortlisted(restarted) and stays in shortlisted(restarted)


def test_a_service_path_arriving_after_the_withdrawal_stores_nothing_and_counts_nobody(database_url):
    """A late or re-published ``path.updated`` after the erasure put the pseudonym back into matching's
    ``path_watch`` (and the person into the meeting's follow-ups). It is ignored now; another person's is
    kept."""
    app = matching_app(database_url, Clock())
    gone, stays = "c-00000000000000000000a001", "c-00000000000000000000a002"
    engine = app.extensions["kohtaanto.engine"]
    watch = [{"reason": "handover_unacknowledged", "from": "2026-11-10", "org": "agency-a", "ref": "s-1"}]

    def feed(candidate_id, version):
        payload = {
            "candidate_id": candidate_id,
            "version": version,
            "path_id": f"p-{candidate_id}",
            "status": "open",
            "region": "pirkanmaa",
            "coach_org": "tampere-tyollisyys",
            "watch": watch,
        }
        record = Record(
            "kohtaanto.paths.v1", 0, 0, candidate_id, Envelope("path.updated", candidate_id, payload, "t")
        )
        handle_path(app.extensions["kohtaanto.matching.team"].uow_factory, record)

    feed(gone, 1)
    apply(app, CANDIDATES, gone, None, None)  # the withdrawal reaches the index (the erased marker)
    ERASURE_CONSUMER.dispatcher(app.extensions["kohtaanto.matching.team"].uow_factory)(
        Record(CANDIDATES, 0, 9, gone, None)
    )
    feed(gone, 2)  # late
    feed(stays, 1)
    assert stored_anywhere(engine, [gone, *plain_hashes(gone)]) == []
    assert stored_anywhere(engine, [stays]), "another person's path is kept"
