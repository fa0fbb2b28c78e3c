"""Outside tester 21, Q4, the profile side: matching's ``access.refused`` becomes a ``granted: no`` audit
entry naming the jobseeker, found by the owner's officer's ``?profile_id=`` and by ``?actor=``;
delivered twice it is one entry (at least once delivery); a payload that is not a pseudonym, or names
another candidate than the record's key, is poison (dead-lettered by the consumer loop)."""

import pytest

from shared.messaging.consumer import PoisonMessageError
from tests.helpers import auth, deliver_to_profile, profile_body

COACH = auth("coach", "tampere-tyollisyys")
DPO = auth("data_protection_officer", "tampere-tyollisyys")
AUDITOR = auth("system_auditor", "kohtaanto")
NORDIC_DPO = auth("data_protection_officer", "nordic-staffing-ab")
ROUTE = "GET /api/v1/vacancies/<vacancy_id>/candidates/<candidate_id>/explanation"


def refusal(candidate_id, **changes):
    """An ``access.refused`` payload as matching publishes it (tester 21's Nordic explanation probe)."""
    return {
        "candidate_id": candidate_id,
        "actor": "recruiter@nordic-staffing-ab",
        "actor_org": "nordic-staffing-ab",
        "actor_role": "recruiter",
        "route": ROUTE,
        "status": 404,
        "reason": "candidate_not_visible",
        "vacancy_id": "f1720797-6152-44cc-9c59-06fb97ae36d1",
        "refused_at": "2026-12-03T19:50:00+00:00",
        **changes,
    }


def deliver(app, payload, key=None, envelope=None):
    """``payload`` as matching's ``access.refused`` record (``envelope``: a redelivery), to the profile app."""
    return deliver_to_profile(app, "access.refused", payload, key, envelope)


def test_a_refusal_from_matching_is_an_audit_entry_found_by_profile_id_and_actor(profile_app):
    client = profile_app.test_client()
    cid = client.put("/api/v1/profiles/t21-cook-full", json=profile_body(), headers=COACH).json[
        "candidate_id"
    ]
    envelope = deliver(profile_app, refusal(cid))
    deliver(profile_app, refusal(cid), envelope=envelope)  # redelivered: still one entry
    by_profile = client.get("/api/v1/audit?profile_id=t21-cook-full", headers=DPO).json["items"]
    refused = [e for e in by_profile if e["granted"] == "no"]
    assert len(refused) == 1, by_profile
    (entry,) = refused
    assert (entry["actor"], entry["actor_org"], entry["actor_role"], entry["action"]) == (
        "recruiter@nordic-staffing-ab",
        "nordic-staffing-ab",
        "recruiter",
        "request.refused",
    )
    assert entry["purpose"] == (
        f"matching: 404 {ROUTE} (candidate_not_visible), vacancy f1720797-6152-44cc-9c59-06fb97ae36d1"
    )
    assert entry["at"].startswith("2026-12-03T19:50:00")
    # the system auditor and the actor's own officer find it by actor
    for headers in (AUDITOR, NORDIC_DPO):
        by_actor = client.get("/api/v1/audit?actor=recruiter@nordic-staffing-ab", headers=headers).json[
            "items"
        ]
        assert [e["action"] for e in by_actor if e["granted"] == "no"] == ["request.refused"], headers


def test_a_refusal_about_an_id_with_no_profile_is_found_by_actor(profile_app):
    client = profile_app.test_client()
    deliver(profile_app, refusal("c-0123456789abcdef01234567", status=403, reason="role"))
    by_actor = client.get("/api/v1/audit?actor=recruiter@nordic-staffing-ab", headers=AUDITOR).json["items"]
    assert [(e["candidate_id"], e["granted"]) for e in by_actor] == [("c-0123456789abcdef01234567", "no")]


@pytest.mark.parametrize(
    ("payload", "key"),
    [
        (refusal("131052-308T"), None),  # not a pseudonym
        (refusal("c-0123456789abcdef01234567"), "c-ffffffffffffffffffffffff"),  # another key
        (refusal("c-0123456789abcdef01234567", status=500), None),
        (refusal("c-0123456789abcdef01234567", route="x" * 500), None),
        ({k: v for k, v in refusal("c-0123456789abcdef01234567").items() if k != "actor"}, None),
    ],
)
def test_a_payload_the_reader_rejects_is_poison_and_nothing_is_recorded(profile_app, payload, key):
    with pytest.raises(PoisonMessageError):
        deliver(profile_app, payload, key=key)
    assert profile_app.test_client().get("/api/v1/audit", headers=AUDITOR).json["items"] == []


def _now_iso() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat()


def test_refusals_and_look_ups_naming_a_withdrawn_person_stay_findable_by_the_owners_profile_id(profile_app):
    """Outside tester 35, F9: after a withdrawal, matching's refusals about the erased person (an explanation's
    404, an outcome's "Unknown candidate") did not show in the owner's ``?profile_id=…&identities=all``: once the
    case number was used again, the erased pseudonym named no profile. The owner's officer finds every access or
    refusal naming any person who held the case number (accountability), each without the pseudonym and with
    the purpose marked erased; the new holder's own view (the default) shows none of them."""
    client = profile_app.test_client()
    recruiter = auth("recruiter", "nordic-staffing-ab")
    old = client.put("/api/v1/profiles/t35-svets", json=profile_body(), headers=COACH).json["candidate_id"]
    assert client.delete("/api/v1/profiles/t35-svets", headers={**COACH, "If-Match": "*"}).status_code == 204
    # while the profile is withdrawn
    deliver(profile_app, refusal(old, refused_at=_now_iso()))
    # the case number used again by a new person
    new = client.put("/api/v1/profiles/t35-svets", json=profile_body(), headers=COACH).json["candidate_id"]
    assert new != old
    # after it: an explanation's 404, an outcome's 422 and a contact look-up, all naming the erased person
    deliver(profile_app, refusal(old, refused_at=_now_iso()))
    deliver(profile_app, refusal(old, status=422, reason="unknown_candidate", route="POST /api/v1/vacancies/"
                                 "<vacancy_id>/outcomes", refused_at=_now_iso()))  # fmt: skip
    lookup = {"candidate_ids": [old], "purpose": "meeting W49"}
    assert client.post("/api/v1/contacts/lookup", json=lookup, headers=recruiter).json["items"] == []

    every = client.get("/api/v1/audit?profile_id=t35-svets&identities=all", headers=DPO).json["items"]
    about_old = [e for e in every if e["action"] in ("request.refused", "contact.read")]
    assert sorted(e["action"] for e in about_old) == ["contact.read", *["request.refused"] * 3], every
    assert all(e["profile_id"] == "t35-svets" and e["candidate_id"] is None for e in about_old), about_old
    after = [e for e in about_old if e["purpose"].startswith("[erased with the profile]")]
    # outside tester 35b, G2: the refusal consumed while the profile was withdrawn is marked too
    assert len(after) == 4 and not any("W49" in e["purpose"] for e in about_old), about_old
    assert any("422 POST" in e["purpose"] for e in after), after

    current = client.get("/api/v1/audit?profile_id=t35-svets", headers=DPO).json["items"]
    assert not [e for e in current if e["action"] in ("request.refused", "contact.read")], current
    # a refusal naming the new person is the new person's
    deliver(profile_app, refusal(new, refused_at=_now_iso()))
    current = client.get("/api/v1/audit?profile_id=t35-svets", headers=DPO).json["items"]
    assert [e["candidate_id"] for e in current if e["action"] == "request.refused"] == [new], current


def _about(client, profile_id):
    every = client.get(f"/api/v1/audit?profile_id={profile_id}&identities=all", headers=DPO).json["items"]
    return [e for e in every if e["action"] in ("request.refused", "contact.read")]


def test_a_look_up_and_a_refusal_made_while_the_profile_is_withdrawn_keep_no_typed_purpose(profile_app):
    """Outside tester 35b, G2: contact look-ups made while the profile was withdrawn (before its case number was
    used again) kept their typed purpose word for word ("Uusi yritys"), a name in it too; the owner's log
    keeps who, when and which door, the typed text goes, and matching's generated route stays after the marker.
    The case number used again afterwards changes nothing of that."""
    client = profile_app.test_client()
    old = client.put("/api/v1/profiles/t35b-f9-1", json=profile_body(), headers=COACH).json["candidate_id"]
    assert client.delete("/api/v1/profiles/t35b-f9-1", headers=COACH).status_code == 204
    for org, purpose in (("pirkan-rekry-oy", "Uusi yritys"), ("agency-b", "Kokeilu: soita Aino Virtaselle")):
        lookup = {"candidate_ids": [old], "purpose": purpose}
        answer = client.post("/api/v1/contacts/lookup", json=lookup, headers=auth("recruiter", org))
        assert answer.status_code == 200 and answer.json["items"] == []
    deliver(profile_app, refusal(old, refused_at=_now_iso()))
    for reused in (False, True):
        if reused:
            client.put("/api/v1/profiles/t35b-f9-1", json=profile_body(), headers=COACH)
        about = _about(client, "t35b-f9-1")
        assert sorted(e["action"] for e in about) == ["contact.read", "contact.read", "request.refused"], (
            about
        )
        assert all(e["purpose"].startswith("[erased with the profile]") for e in about), about
        assert all(e["candidate_id"] is None and e["profile_id"] == "t35b-f9-1" for e in about), about
        text = " ".join(e["purpose"] for e in about)
        assert "Uusi" not in text and "Virtase" not in text and "Kokeilu" not in text, about
        assert {e["actor_org"] for e in about} == {"pirkan-rekry-oy", "agency-b", "nordic-staffing-ab"}
        [refused] = [e for e in about if e["action"] == "request.refused"]
        assert refused["purpose"].endswith(f"matching: 404 {ROUTE} (candidate_not_visible), vacancy "
                                           "f1720797-6152-44cc-9c59-06fb97ae36d1"), refused  # fmt: skip
    auditor = client.get("/api/v1/audit?limit=1000", headers=AUDITOR).json["items"]
    assert "Virtase" not in str(auditor) and "Uusi yritys" not in str(auditor)


def test_withdrawal_erases_typed_purposes_written_before_it_and_keeps_the_generated_route(profile_app):
    """The other order (outside tester 35b, G2): a look-up and a refusal while the profile is live, then the
    withdrawal; the typed purpose goes, the refusal's generated route, status and reason stay after the marker."""
    client = profile_app.test_client()
    cid = client.put("/api/v1/profiles/t35b-live", json=profile_body(), headers=COACH).json["candidate_id"]
    lookup = {"candidate_ids": [cid], "purpose": "Uusi yritys, Aino Virtanen"}
    assert (
        client.post("/api/v1/contacts/lookup", json=lookup, headers=auth("recruiter", "agency-a")).status_code
        == 200
    )
    deliver(profile_app, refusal(cid, refused_at=_now_iso()))
    before = _about(client, "t35b-live")
    assert any("Virtanen" in e["purpose"] for e in before), "the test would find it before the withdrawal"
    assert client.delete("/api/v1/profiles/t35b-live", headers=COACH).status_code == 204
    about = _about(client, "t35b-live")
    assert sorted(e["action"] for e in about) == ["contact.read", "request.refused"], about
    assert all(e["purpose"].startswith("[erased with the profile]") for e in about), about
    assert not any("Virtanen" in e["purpose"] or "Uusi" in e["purpose"] for e in about), about
    [refused] = [e for e in about if e["action"] == "request.refused"]
    assert f"matching: 404 {ROUTE} (candidate_not_visible)" in refused["purpose"], refused
    assert all(e["candidate_id"] is None for e in about), about
