"""Outside tester 36, H8 and H9, the profile side.

H8: an agency's granted explanation read and its outcome with a comment did not appear in the owner's audit
view (``GET /api/v1/audit?profile_id=``), which the README says "lists every access to that jobseeker, other
organisations' included". Matching now reports every granted request naming a candidate as ``access.granted``
(the path refusals take): a ``granted: yes`` entry under the jobseeker's case number, the door as its action,
the route as its purpose (nothing anyone typed), one entry however often the event is delivered; about an
erased person it keeps who, when and which door, never the pseudonym.

H9: after a withdrawal the ``profiles`` row and the outbox's tombstone row still tied the case number to the
pseudonym. Now no row of any table holds the erased pseudonym once the tombstone is published (SQLite: no
byte of the database's files; PostgreSQL: no row), whatever reached the service about the person before or
after the withdrawal."""

import pytest
from sqlalchemy import inspect, text

from services.profile.repository import outbox
from shared.messaging.consumer import PoisonMessageError
from tests.helpers import auth, profile_body, relay_outbox, stored_anywhere
from tests.helpers import deliver_to_profile as deliver

COACH = auth("coach", "tampere-tyollisyys")
DPO = auth("data_protection_officer", "tampere-tyollisyys")
NORDIC_DPO = auth("data_protection_officer", "nordic-staffing-ab")
NORDIC = auth("recruiter", "nordic-staffing-ab", "recruiter@nordic-staffing-ab")
VACANCY = "f1720797-6152-44cc-9c59-06fb97ae36d1"
EXPLANATION = "GET /api/v1/vacancies/<vacancy_id>/candidates/<candidate_id>/explanation"
OUTCOME = "POST /api/v1/vacancies/<vacancy_id>/outcomes"


def granted(candidate_id, action="explanation.read", route=EXPLANATION, status=200, **changes):
    """An ``access.granted`` payload as matching publishes it (tester 36's Nordic explanation read)."""
    return {
        "candidate_id": candidate_id,
        "actor": "recruiter@nordic-staffing-ab",
        "actor_org": "nordic-staffing-ab",
        "actor_role": "recruiter",
        "action": action,
        "route": route,
        "status": status,
        "vacancy_id": VACANCY,
        "accessed_at": "2026-12-05T16:35:00+00:00",
        **changes,
    }


def outcome(candidate_id, status="contacted"):
    """An ``outcome.recorded`` payload (no comment: matching never publishes it)."""
    return {
        "outcome_id": "6f0b7b1e-0d4e-4a57-9f3c-2a1f4d7c9e10",
        "vacancy_id": VACANCY,
        "candidate_id": candidate_id,
        "status": status,
        "reason": None,
        "occurred_on": "2026-12-05",
        "recorded_by_org": "nordic-staffing-ab",
        "recorded_by_role": "recruiter",
        "recorded_by": "recruiter@nordic-staffing-ab",
        "recorded_at": "2026-12-05T16:36:00+00:00",
        "vacancy_title": "Sairaanhoitaja",
        "region": "pirkanmaa",
        "employer_org": "tays",
    }


def relay(app) -> list[tuple[str, str, bytes | None]]:
    """What the worker's relay does: publish every waiting row of the profile outbox; the messages sent."""
    return relay_outbox(app.extensions["kohtaanto.engine"], outbox)


def rows_holding_both(engine, first: str, second: str) -> list[str]:
    """The tables with a row holding both texts (compared as the row's text)."""
    found = []
    with engine.connect() as conn:
        for table in inspect(conn).get_table_names():
            for row in conn.execute(text(f'SELECT * FROM "{table}"')).all():
                dump = repr(tuple(row))
                if first in dump and second in dump:
                    found.append(f"{table}: {dump[:200]}")
    return found


def test_an_agencys_granted_explanation_read_and_outcome_write_are_in_the_owners_audit(profile_app):
    """Tester 36's att6.py: Nordic read the explanation, recorded an outcome with a comment and looked up the
    contact; the owner's officer's ``?profile_id=`` listed only the look-up. Each is an entry now, delivered
    twice still one, with the route as purpose and no text anyone typed."""
    client = profile_app.test_client()
    body = profile_body(consented_orgs=["nordic-staffing-ab"])
    cid = client.put("/api/v1/profiles/t36-nurse-2", json=body, headers=COACH).json["candidate_id"]
    read = deliver(profile_app, "access.granted", granted(cid))
    deliver(profile_app, "access.granted", granted(cid), envelope=read)  # redelivered
    wrote = granted(cid, "outcome.write", OUTCOME, 201, accessed_at="2026-12-05T16:36:00+00:00")
    deliver(profile_app, "access.granted", wrote)
    deliver(profile_app, "outcome.recorded", outcome(cid))
    looked = client.post(
        "/api/v1/contacts/lookup",
        json={"candidate_ids": [cid], "purpose": "Haastattelukutsu sairaanhoitajan tehtävään"},
        headers=NORDIC,
    )
    assert looked.status_code == 200 and len(looked.json["items"]) == 1
    items = client.get("/api/v1/audit?profile_id=t36-nurse-2", headers=DPO).json["items"]
    nordic = [
        (e["action"], e["granted"], e["purpose"]) for e in items if e["actor_org"] == "nordic-staffing-ab"
    ]
    assert sorted(nordic) == sorted(
        [
            ("contact.read", "yes", "Haastattelukutsu sairaanhoitajan tehtävään"),
            ("explanation.read", "yes", f"matching: 200 {EXPLANATION}, vacancy {VACANCY}"),
            ("outcome.write", "yes", f"matching: 201 {OUTCOME}, vacancy {VACANCY}"),
        ]
    ), items
    ours = [e for e in items if e["action"] in ("explanation.read", "outcome.write")]
    assert {e["candidate_id"] for e in ours} == {cid}
    assert {e["at"][:19] for e in ours} == {"2026-12-05T16:35:00", "2026-12-05T16:36:00"}
    # the agency's own officer reads what its people did, without the jobseeker's case number
    own = client.get("/api/v1/audit?actor=recruiter@nordic-staffing-ab", headers=NORDIC_DPO).json["items"]
    assert {e["action"] for e in own} >= {"explanation.read", "outcome.write"}
    assert {e["profile_id"] for e in own} == {None}


@pytest.mark.parametrize(
    "changes",
    [
        {
            "action": "course_plan.read",
            "route": "GET /api/v1/vacancies/<vacancy_id>/candidates/<candidate_id>/training",
        },
        {"action": "index_versions.read", "route": "POST /api/v1/index/versions", "vacancy_id": None},
        {
            "action": "something.new",
            "route": "GET /api/v1/vacancies/<vacancy_id>/candidates/<candidate_id>/new",
        },
    ],
    ids=["course-plan", "index-versions", "a-door-added-later"],
)
def test_every_granted_matching_door_naming_the_jobseeker_is_an_entry(profile_app, changes):
    client = profile_app.test_client()
    cid = client.put("/api/v1/profiles/t36-door", json=profile_body(), headers=COACH).json["candidate_id"]
    deliver(profile_app, "access.granted", granted(cid, **changes))
    items = client.get("/api/v1/audit?profile_id=t36-door", headers=DPO).json["items"]
    (entry,) = [e for e in items if e["actor_org"] == "nordic-staffing-ab"]
    action = changes["action"] if changes["action"] != "something.new" else "request.granted"
    assert (entry["action"], entry["granted"], entry["candidate_id"]) == (action, "yes", cid)
    assert entry["purpose"].startswith(f"matching: 200 {changes['route']}")


@pytest.mark.parametrize(
    "changes",
    [
        {"candidate_id": "010190-123A"},
        {"status": 404},
        {"route": "x" * 201},
        {"accessed_at": "2026-12-05T16:35:00"},
    ],
    ids=["identity-code", "not-granted", "long-route", "naive-time"],
)
def test_an_access_event_that_is_not_a_pseudonymous_grant_is_poison(profile_app, changes):
    client = profile_app.test_client()
    cid = client.put("/api/v1/profiles/t36-poison", json=profile_body(), headers=COACH).json["candidate_id"]
    with pytest.raises(PoisonMessageError):
        deliver(profile_app, "access.granted", {**granted(cid), **changes}, key=cid)
    with pytest.raises(PoisonMessageError):  # another candidate than the record's key
        deliver(profile_app, "access.granted", granted(cid), key="c-0123456789abcdef01234567")


def test_after_withdrawal_no_row_links_the_case_number_to_the_pseudonym(profile_app):
    """Tester 36's att21.py: created, updated and withdrew ``t36-erase-1``; the ``profiles`` row and an outbox
    tombstone row still held the pseudonym. Every table is searched: none holds the case number and the
    pseudonym together, and once the tombstone is published none holds the pseudonym at all (SQLite: no byte
    of the database's files). Accesses before and after the withdrawal are the case number's, without it."""
    client = profile_app.test_client()
    body = profile_body(
        consented_orgs=["nordic-staffing-ab"],
        personal={
            "name": "Zyxwvu Qwertyson",
            "email": "zyxwvu.qwertyson@example.fi",
            "phone": "040 765 4321",
        },
    )
    cid = client.put("/api/v1/profiles/t36-erase-1", json=body, headers=COACH).json["candidate_id"]
    client.put(
        "/api/v1/profiles/t36-erase-1",
        json={**body, "max_commute_km": 12},
        headers={**COACH, "If-Match": '"1"'},
    )
    deliver(profile_app, "access.granted", granted(cid))
    deliver(profile_app, "outcome.recorded", outcome(cid))
    client.post("/api/v1/contacts/lookup", json={"candidate_ids": [cid], "purpose": "Soitto"}, headers=NORDIC)
    client.get("/api/v1/audit?profile_id=t36-erase-1", headers=DPO)
    relay(profile_app)
    engine = profile_app.extensions["kohtaanto.engine"]
    assert rows_holding_both(engine, "t36-erase-1", cid), "the test would find the link before the withdrawal"
    assert client.delete("/api/v1/profiles/t36-erase-1", headers=COACH).status_code == 204
    # late news about the erased person: matching's reports, a look-up, the officer's read by case number
    deliver(profile_app, "access.granted", granted(cid, "outcome.write", OUTCOME, 201))
    deliver(profile_app, "outcome.recorded", outcome(cid, "interviewed"))
    client.post("/api/v1/contacts/lookup", json={"candidate_ids": [cid], "purpose": "Soitto"}, headers=NORDIC)
    client.get("/api/v1/audit?profile_id=t36-erase-1&identities=all", headers=DPO)
    client.delete("/api/v1/profiles/t36-erase-1", headers=COACH)  # a retried erasure
    assert rows_holding_both(engine, "t36-erase-1", cid) == []
    shown = client.get("/api/v1/profiles/t36-erase-1", headers=COACH).json  # no answer ties them either
    assert (shown["status"], shown["candidate_id"]) == ("withdrawn", None)
    sent = relay(profile_app)
    assert (cid, None) in [(key, value) for _, key, value in sent], "the tombstone was published"
    assert stored_anywhere(engine, [cid]) == []
    # the owner still sees who reached the case number, when and through which door, never the pseudonym
    items = client.get("/api/v1/audit?profile_id=t36-erase-1&identities=all", headers=DPO).json["items"]
    nordic = [e for e in items if e["actor_org"] == "nordic-staffing-ab"]
    assert sorted(e["action"] for e in nordic) == sorted(
        ["explanation.read", "contact.read", "outcome.write", "contact.read"]
    )
    assert {e["candidate_id"] for e in items} == {None}
    assert {e["purpose"] for e in nordic} == {"[erased with the profile]"}


def test_a_case_number_used_again_names_neither_generation_beside_the_other(profile_app):
    """The row the new person holds carries the new pseudonym only; the erased one is in no row, and an access
    naming it after the reuse is the erased person's entry under the case number (F9), without it."""
    client = profile_app.test_client()
    old = client.put("/api/v1/profiles/t36-reuse", json=profile_body(), headers=COACH).json["candidate_id"]
    client.delete("/api/v1/profiles/t36-reuse", headers=COACH)
    new = client.put("/api/v1/profiles/t36-reuse", json=profile_body(), headers=COACH).json["candidate_id"]
    assert new != old
    deliver(profile_app, "access.granted", granted(old))
    relay(profile_app)
    engine = profile_app.extensions["kohtaanto.engine"]
    assert stored_anywhere(engine, [old]) == []
    mine = client.get("/api/v1/audit?profile_id=t36-reuse", headers=DPO).json["items"]
    assert [e for e in mine if e["action"] == "explanation.read"] == []
    every = client.get("/api/v1/audit?profile_id=t36-reuse&identities=all", headers=DPO).json["items"]
    (read,) = [e for e in every if e["action"] == "explanation.read"]
    assert (read["candidate_id"], read["purpose"]) == (None, "[erased with the profile]")
