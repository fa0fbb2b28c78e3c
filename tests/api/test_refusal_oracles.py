"""Outside tester 28: no door tells another organisation whether an id exists or whose it is.

- T28-1: the employer's rating door answered 422 "No such step" for a living jobseeker it may not rate
  and 404 for an unknown one, and the 422 probes were not audited;
- T28-6: a refused attempt at another organisation's handover, path or voucher id put the jobseeker's
  pseudonym into the refused organisation's own audit log (and an unknown id left no entry at all);
- T28-5: a receiver given nothing (``consent: false``) read the sending step's kind (``rehabilitation``,
  ``recruitment_by_provider``) and its voucher id.

SQLite and PostgreSQL, real stores, as the other API tests."""

from datetime import UTC, datetime

import pytest

from tests.helpers import auth, profile_body

ORG = "tampere-tyollisyys"
COACH = auth("coach", ORG)
OWN_DPO = auth("data_protection_officer", ORG)
AUDITOR = auth("system_auditor", "kohtaanto")
OPERATOR = auth("operator", "kohtaanto")
EMPLOYER = auth("employer", "konepaja-oy")
NOW = datetime(2026, 11, 30, 9, tzinfo=UTC)
UNKNOWN = "00000000-0000-0000-0000-000000000000"
UNKNOWN_CANDIDATE = "c-123456789012345678901234"
PILOT = {
    "name": "Korkeakoulutetut yli 50-vuotiaat, palveluseteli",
    "rule": {"min_age": 50, "min_education": "bachelor", "min_unemployed_months": 3, "max_unemployed_months": 6},
    "voucher_months": 4,
    "providers": ["agency-a", "agency-b", "agency-c"],
    "starts_on": "2026-09-01",
    "ends_on": "2027-06-30",
}  # fmt: skip


@pytest.fixture
def client(profile_app):
    for name in ("paths", "vouchers", "handlers", "ratings"):
        profile_app.extensions[f"kohtaanto.profile.{name}"].clock = lambda: NOW
    return profile_app.test_client()


def jobseeker(client, profile_id, **extra):
    r = client.put(f"/api/v1/profiles/{profile_id}", json=profile_body(**extra), headers=COACH)
    assert r.status_code == 201, r.json
    return r.json["candidate_id"]


def path_with_handover(client, profile_id, first_kind, to, consent=False, shared=()):
    first = {"kind": first_kind, "org": ORG, "starts_on": "2026-11-02", "planned_end": "2026-12-18"}
    path = client.post(
        f"/api/v1/profiles/{profile_id}/path",
        json={"group": "recently_laid_off", "partial_work_ability": True, "first_step": first},
        headers=COACH,
    )
    assert path.status_code == 201, path.json
    body = {"from_step": path.json["steps"][0]["id"], "to": to, "consent": consent}
    if consent:
        body |= {"shared": list(shared), "purpose": "työkokeilun suunnittelu"}
    handover = client.post(f"/api/v1/paths/{path.json['id']}/handovers", json=body, headers=COACH)
    assert handover.status_code == 201, handover.json
    return path.json, handover.json


def voucher_in_progress(client, profile_id, provider="agency-b"):
    assert client.put("/api/v1/pilots/yli50", json=PILOT, headers=OPERATOR).status_code == 201
    jobseeker(client, profile_id, education_level="master")
    body = {"pilot_id": "yli50", "age_years": 56, "unemployed_since": "2026-07-20", "takes_part": True}
    voucher = client.post(f"/api/v1/profiles/{profile_id}/vouchers", json=body, headers=COACH).json
    r = client.post(f"/api/v1/vouchers/{voucher['id']}/choice", json={"provider": provider}, headers=COACH)
    assert r.status_code == 200, r.json
    return voucher


def refused_by(client, org, reader):
    """The refused entries of ``org``'s people as ``reader`` reads the log, without id and time."""
    items = client.get("/api/v1/audit?limit=1000", headers=reader).json["items"]
    return [
        {k: v for k, v in e.items() if k not in ("id", "at")}
        for e in items
        if e["granted"] == "no" and e["actor_org"] == org
    ]


# -- T28-1: the employer's rating door ----------------------------------------------------------------------
def test_an_employer_rating_a_jobseeker_it_may_not_rate_gets_the_unknown_ids_404_and_it_is_audited(client):
    """T28-1: a living jobseeker with no path, one with a path elsewhere, a real step not at the
    employer's workplace, and an unknown pseudonym all answer the same 404; the owner's officer finds
    each probe naming the jobseeker (the 422s were not audited)."""
    lonely = jobseeker(client, "t28-a3")
    with_path = jobseeker(client, "t28-a1")
    elsewhere = {"kind": "work_trial", "org": "agency-a", "starts_on": "2026-11-09",
                 "planned_end": "2027-01-29", "workplace_org": "other-oy"}  # fmt: skip
    _, handover = path_with_handover(client, "t28-a1", "coaching", elsewhere)
    probes = [
        (lonely, "x"),
        (with_path, "x"),
        (with_path, handover["to_step"]),  # a real step, at another workplace
        (with_path, handover["from_step"]),  # a real step that has begun, not at a workplace
        (UNKNOWN_CANDIDATE, "x"),
    ]
    answers = []
    for candidate, step_id in probes:
        r = client.post(
            "/api/v1/ratings",
            json={
                "candidate_id": candidate,
                "score": 1,
                "subject": {"kind": "path_step", "step_id": step_id},
            },
            headers=EMPLOYER,
        )
        answers.append((r.status_code, r.json))
    assert {a[0] for a in answers} == {404} and len({str(a[1]) for a in answers}) == 1, answers
    for profile_id, times in (("t28-a3", 1), ("t28-a1", 3)):
        items = client.get(f"/api/v1/audit?profile_id={profile_id}", headers=OWN_DPO).json["items"]
        probed = [e for e in items if e["actor_org"] == "konepaja-oy" and e["granted"] == "no"]
        assert len(probed) == times and {e["action"] for e in probed} == {"request.refused"}, items


def test_an_employer_still_hears_why_a_step_at_its_own_workplace_cannot_be_rated_yet(client):
    """What the employer may rate keeps its 422 (the fix moves only the refusal before it)."""
    candidate = jobseeker(client, "t28-a2")
    trial = {"kind": "work_trial", "org": "agency-a", "starts_on": "2026-12-07",
             "planned_end": "2027-01-29", "workplace_org": "konepaja-oy"}  # fmt: skip
    _, handover = path_with_handover(client, "t28-a2", "coaching", trial)
    r = client.post(
        "/api/v1/ratings",
        json={
            "candidate_id": candidate,
            "score": 4,
            "subject": {"kind": "path_step", "step_id": handover["to_step"]},
        },
        headers=EMPLOYER,
    )
    assert r.status_code == 422 and "step_id" in r.json["errors"]["json"], r.json


# -- T28-6: the refused organisation's own log ------------------------------------------------------------
def test_a_refusal_reads_the_same_in_the_callers_log_for_an_unknown_and_an_existing_id(client):
    """T28-6: nordic-staffing-ab's recruiter tries a handover, its answers and a step's end; a coach of
    vaasa-tyollisyys and agency-c try a voucher of another provider's client; each once with the real
    id and once with an unknown one. Their own officers read identical entries, without the pseudonym;
    the owner's officer and the system auditor find each real attempt naming the jobseeker."""
    candidate = jobseeker(client, "t28-h1")
    trial = {"kind": "work_trial", "org": "agency-a", "starts_on": "2026-12-07", "planned_end": "2027-01-29"}
    path, handover = path_with_handover(client, "t28-h1", "coaching", trial)
    client_of_b = voucher_in_progress(client, "t28-v1")
    voucher_candidate = client.get("/api/v1/profiles/t28-v1", headers=COACH).json["candidate_id"]

    def tries(real_handover, real_path, real_step, real_voucher):
        nordic, vaasa, agency_c = (
            auth("recruiter", "nordic-staffing-ab"),
            auth("coach", "vaasa-tyollisyys"),
            auth("recruiter", "agency-c"),
        )
        return [
            client.get(f"/api/v1/handovers/{real_handover}", headers=nordic),
            client.post(f"/api/v1/handovers/{real_handover}/acknowledge", json={}, headers=nordic),
            client.post(
                f"/api/v1/handovers/{real_handover}/decline", json={"reason": "full"}, headers=nordic
            ),
            client.post(
                f"/api/v1/paths/{real_path}/steps/{real_step}/end",
                json={"ended_on": "2026-11-30", "reason": "completed"},
                headers=nordic,
            ),
            client.post(
                f"/api/v1/vouchers/{real_voucher}/choice", json={"provider": "agency-a"}, headers=vaasa
            ),
            client.post(f"/api/v1/vouchers/{real_voucher}/withdraw", headers=vaasa),
            client.post(f"/api/v1/vouchers/{real_voucher}/hired", json={}, headers=agency_c),
        ]

    real = tries(handover["id"], path["id"], handover["from_step"], client_of_b["id"])
    unknown = tries(UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN)
    assert [r.status_code for r in real] == [r.status_code for r in unknown] == [404] * 7, [
        (r.status_code, r.json) for r in real + unknown
    ]
    assert [r.json for r in real] == [r.json for r in unknown]

    for org in ("nordic-staffing-ab", "vaasa-tyollisyys", "agency-c"):
        seen = refused_by(client, org, auth("data_protection_officer", org))
        # newest first: the unknown ids' entries, then the real ones', entry for entry the same
        half = len(seen) // 2
        assert half > 0 and seen[:half] == seen[half:], seen
        text = str(seen)
        assert candidate not in text and voucher_candidate not in text, seen
        assert all(e["candidate_id"] is None and e["profile_id"] is None for e in seen)
        # nor does a search by the pseudonym find the refused entry
        found = client.get(
            f"/api/v1/audit?candidate_id={candidate}", headers=auth("data_protection_officer", org)
        ).json["items"]
        assert [e for e in found if e["granted"] == "no"] == []

    owner = client.get("/api/v1/audit?profile_id=t28-h1&limit=1000", headers=OWN_DPO).json["items"]
    nordic = [e for e in owner if e["actor_org"] == "nordic-staffing-ab" and e["granted"] == "no"]
    assert len(nordic) == 4 and {e["candidate_id"] for e in nordic} == {candidate}, nordic
    owner_v = client.get("/api/v1/audit?profile_id=t28-v1&limit=1000", headers=OWN_DPO).json["items"]
    assert {e["actor_org"] for e in owner_v if e["granted"] == "no"} == {"vaasa-tyollisyys", "agency-c"}
    every = client.get(f"/api/v1/audit?candidate_id={candidate}&limit=1000", headers=AUDITOR).json["items"]
    assert len([e for e in every if e["actor_org"] == "nordic-staffing-ab" and e["granted"] == "no"]) == 4


def test_a_refused_lookup_of_a_pseudonym_the_caller_typed_shows_no_pseudonym_to_its_organisation(client):
    """The same rule for an id the caller supplied: an existing, a withdrawn and an unknown pseudonym
    read alike in the refused organisation's log (the owner's officer still sees it)."""
    living = jobseeker(client, "t28-l1")
    gone = jobseeker(client, "t28-l2")
    assert client.delete("/api/v1/profiles/t28-l2", headers=COACH).status_code == 204
    employer = auth("employer", "hervannan-konepaja-oy")
    for candidate in (living, gone, UNKNOWN_CANDIDATE):
        r = client.post("/api/v1/contacts/lookup", json={"candidate_ids": [candidate]}, headers=employer)
        assert r.status_code == 403
    seen = refused_by(
        client, "hervannan-konepaja-oy", auth("data_protection_officer", "hervannan-konepaja-oy")
    )
    assert len(seen) == 3 and seen[0] == seen[1] == seen[2], seen
    owner = client.get("/api/v1/audit?profile_id=t28-l1", headers=OWN_DPO).json["items"]
    assert [e["candidate_id"] for e in owner if e["actor_org"] == "hervannan-konepaja-oy"] == [living]


# -- T28-5: what a receiver given nothing reads of the sending step ----------------------------------------
@pytest.mark.parametrize("first_kind", ["rehabilitation", "coaching"])
def test_a_receiver_without_consent_reads_the_sending_step_only_as_a_step_at_its_organisation(
    client, first_kind
):
    """T28-5: nordic-staffing-ab, handed over to from a rehabilitation step with ``consent: false``,
    read ``kind: rehabilitation`` (work ability) and the dates; now ``id`` and ``org`` only, in every
    view it has: the handover, the incoming list, the worklist, the path answer of its own step's end."""
    candidate = jobseeker(client, "t28-a10")
    to = {
        "kind": "work_trial",
        "org": "nordic-staffing-ab",
        "starts_on": "2026-11-30",
        "planned_end": "2027-01-29",
    }
    path, handover = path_with_handover(client, "t28-a10", first_kind, to)
    nordic = auth("recruiter", "nordic-staffing-ab")
    hidden = {"kind", "person", "starts_on", "planned_end", "state", "status_today", "ended_on",
              "end_reason", "workplace_org", "course_id", "voucher_id"}  # fmt: skip

    def blank(step):
        assert step["org"] == ORG and step["id"] == handover["from_step"], step
        assert {k for k, v in step.items() if v is not None} == {"id", "org"}, step

    one = client.get(f"/api/v1/handovers/{handover['id']}", headers=nordic).json
    assert one["jobseeker"]["candidate_id"] == candidate and one["jobseeker"]["name"] is None
    blank(one["from_step_detail"])
    assert one["step"]["kind"] == "work_trial"  # its own step, whole
    [listed] = client.get("/api/v1/handovers?direction=incoming", headers=nordic).json["items"]
    blank(listed["from_step_detail"])
    work = client.get("/api/v1/worklist", headers=nordic).json
    for item in work.get("incoming", []):
        blank(item["from_step_detail"])
    assert first_kind not in str(one), one
    acked = client.post(f"/api/v1/handovers/{handover['id']}/acknowledge", json={}, headers=nordic)
    assert acked.status_code == 200
    blank(acked.json["from_step_detail"])
    ended = client.post(
        f"/api/v1/paths/{path['id']}/steps/{handover['to_step']}/end",
        json={"ended_on": "2026-11-30", "reason": "completed"},
        headers=nordic,
    )
    assert ended.status_code == 200, ended.json
    [sent_from] = [s for s in ended.json["steps"] if s["id"] == handover["from_step"]]
    blank(sent_from)
    assert hidden <= set(sent_from)
    # the owner reads everything
    own = client.get(f"/api/v1/handovers/{handover['id']}", headers=COACH).json
    assert own["from_step_detail"]["kind"] == first_kind


def test_a_receiver_with_consent_reads_the_sending_steps_kind_only_if_given_what_it_tells(client):
    """With consent the sending step's details are read; ``rehabilitation`` only with ``work_ability``
    shared (it tells work ability)."""
    jobseeker(client, "t28-a11")
    to = {
        "kind": "work_trial",
        "org": "nordic-staffing-ab",
        "starts_on": "2026-12-07",
        "planned_end": "2027-01-29",
    }
    _, skills_only = path_with_handover(
        client, "t28-a11", "rehabilitation", to, consent=True, shared=["skills"]
    )
    nordic = auth("recruiter", "nordic-staffing-ab")
    seen = client.get(f"/api/v1/handovers/{skills_only['id']}", headers=nordic).json["from_step_detail"]
    assert seen["kind"] is None and seen["starts_on"] == "2026-11-02", seen
    jobseeker(client, "t28-a12")
    _, ability = path_with_handover(
        client, "t28-a12", "rehabilitation", to, consent=True, shared=["work_ability"]
    )
    seen = client.get(f"/api/v1/handovers/{ability['id']}", headers=nordic).json["from_step_detail"]
    assert seen["kind"] == "rehabilitation", seen


def test_a_provider_handing_its_voucher_client_on_without_consent_shows_no_voucher(client):
    """T28-5, the first case: agency-b (chosen by the voucher) hands over to agency-c with
    ``consent: false``; agency-c read ``recruitment_by_provider`` and the ``voucher_id``."""
    voucher = voucher_in_progress(client, "t28-v2")
    path = client.get("/api/v1/profiles/t28-v2/path", headers=COACH).json
    [step] = path["steps"]
    provider_b = auth("recruiter", "agency-b")
    to = {"kind": "work_trial", "org": "agency-c", "starts_on": "2026-12-07", "planned_end": "2027-01-29"}
    handover = client.post(
        f"/api/v1/paths/{path['id']}/handovers",
        json={"from_step": step["id"], "to": to, "consent": False},
        headers=provider_b,
    )
    assert handover.status_code == 201, handover.json
    assert handover.json["from_step_detail"]["voucher_id"] == voucher["id"]  # the sender's own step
    seen = client.get(f"/api/v1/handovers/{handover.json['id']}", headers=auth("recruiter", "agency-c")).json
    assert voucher["id"] not in str(seen) and "recruitment_by_provider" not in str(seen), seen
    assert seen["from_step_detail"]["org"] == "agency-b"
