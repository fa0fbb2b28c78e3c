"""The consent matrix (issue 8): several organisations × every role × candidates with varied consent
(none, one, several, an employer, withdrawn) × every endpoint that can reveal anything about a
candidate, on the real profile and matching apps (the profile service's own events feed matching as
the Kafka feed would). Asserts 0 leaks of personal data, 0 explanations or outcomes for callers not
entitled, and 0 cross-organisation existence signals. The counts are printed for the closing note.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

import pytest
from sqlalchemy import select

from services.profile.app import create_app as create_profile_app
from services.profile.config import Settings as ProfileSettings
from services.profile.repository import outbox
from shared.auth import Role
from shared.entitlement import (
    admission_refusal,
    may_record_outcome,
    may_see_candidate,
)
from shared.organisations import registry
from tests.api.matching_world import CANDIDATES, SHORTAGE_CSV, Clock, apply, essential, matching_app, vacancy
from tests.helpers import PSEUDONYM_KEY, TEST_ORGANISATIONS, WELDER, auth, common_settings, profile_body

ORGS = (
    "tampere-tyollisyys",
    "vaasa-tyollisyys",
    "agency-a",
    "agency-b",
    "agency-c",
    "konepaja-oy",
    "kohtaanto",
    "helsinki-tyollisyys",  # employment services of a third region, owning one jobseeker
)
KIND = {o.id: o.kind.value for o in registry(TEST_ORGANISATIONS)}
CONSENTS = [
    ("tampere-tyollisyys", ()),
    ("tampere-tyollisyys", ("agency-a",)),
    ("tampere-tyollisyys", ("agency-b",)),
    ("tampere-tyollisyys", ("agency-a", "agency-b")),
    ("tampere-tyollisyys", ("agency-a", "agency-b", "agency-c")),
    ("tampere-tyollisyys", ("konepaja-oy",)),
    ("tampere-tyollisyys", ("agency-c",)),
    ("vaasa-tyollisyys", ()),
    ("vaasa-tyollisyys", ("agency-a",)),
    ("vaasa-tyollisyys", ("agency-b", "konepaja-oy")),
    ("tampere-tyollisyys", ("agency-a",)),  # withdrawn below
    ("vaasa-tyollisyys", ("agency-b",)),  # withdrawn below
    ("tampere-tyollisyys", ("agency-a",), "905"),  # Tampere's jobseeker living in Vaasa
    ("vaasa-tyollisyys", (), "837"),  # Vaasa's jobseeker living in Tampere (moving for work)
    ("helsinki-tyollisyys", ("agency-c",), "905"),  # Helsinki's jobseeker living in Vaasa
]
WITHDRAWN = {10, 11}
#: Where each jobseeker lives (Tampere, unless the entry of CONSENTS names it) and its region.
HOME_REGION = {"837": "pirkanmaa", "905": "pohjanmaa"}
REGIONS = {o.id: o.regions for o in registry(TEST_ORGANISATIONS)}
UNKNOWN = "c-ffffffffffffffffffffffff"
CANDIDATE_ID = re.compile(r"c-[0-9a-f]{24}")


class World:
    def __init__(self, tmp_path: Any) -> None:
        profile_settings = ProfileSettings(
            common=common_settings("profile", f"sqlite:///{tmp_path / 'profile.db'}"),
            pseudonym_key=PSEUDONYM_KEY,
        )
        self.profile = create_profile_app(profile_settings, testing=True)
        self.matching = matching_app(f"sqlite:///{tmp_path / 'matching.db'}", Clock())
        self.people: list[dict[str, Any]] = []
        pc = self.profile.test_client()
        skills = essential(WELDER, 100)
        for i, (owner, consent, *home) in enumerate(CONSENTS):
            municipality = home[0] if home else "837"
            secret = {
                "name": f"Henkilö{i:02d} Testinen",
                "email": f"henkilo{i:02d}@example.fi",
                "phone": f"+358 40 555 {i:04d}",
            }
            body = profile_body(
                personal=secret,
                skills=[{"uri": u, "level": "advanced"} for u in skills[: 20 - i]],
                municipality=municipality,
                consented_orgs=list(consent),
            )
            r = pc.put(f"/api/v1/profiles/henkilo-{i}", json=body, headers=auth("coach", owner))
            assert r.status_code == 201, r.json
            self.people.append(
                {
                    "i": i,
                    "owner": owner,
                    "consent": set(consent),
                    "home": municipality,
                    "secret": secret,
                    **r.json,
                }
            )
        for i in WITHDRAWN:
            assert (
                pc.delete(f"/api/v1/profiles/henkilo-{i}", headers=auth("coach", CONSENTS[i][0])).status_code
                == 204
            )
        self.feed_matching()
        vacancy(self.matching, "v-weld")
        mc = self.matching.test_client()
        csv = {**auth("operator", "kohtaanto"), "Content-Type": "text/csv"}
        assert mc.post("/api/v1/shortages", data=SHORTAGE_CSV, headers=csv).status_code == 201
        for p in self.active:  # outcomes with free text, by entitled recorders only
            first = sorted(p["consent"])[0] if p["consent"] else None
            role = "employer" if KIND.get(first or "") == "employer" else "recruiter"
            recorder = (role, first) if first else ("coach", p["owner"])
            body = {"candidate_id": p["candidate_id"], "status": "interviewed", "occurred_on": "2026-11-18",
                    "comment": f"Haastattelu {p['i']}"}  # fmt: skip
            r = mc.post("/api/v1/vacancies/v-weld/outcomes", json=body, headers=auth(*recorder))
            assert r.status_code == 201, (recorder, r.json)
        r = mc.post(
            "/api/v1/meetings/pirkanmaa/2026-W48/prepare", headers=auth("team_member", "tampere-tyollisyys")
        )
        assert r.status_code == 201, r.json

    def feed_matching(self) -> None:
        """The profile service's outbox, in order, applied to matching as the feed would."""
        with self.profile.extensions["kohtaanto.engine"].connect() as conn:
            rows = conn.execute(select(outbox).order_by(outbox.c.id)).all()
        for row in rows:
            if row.value is None:
                apply(self.matching, CANDIDATES, row.message_key, None, None)
            else:
                envelope = json.loads(row.value)
                apply(self.matching, CANDIDATES, row.message_key, envelope["event_type"], envelope["payload"])

    @property
    def active(self) -> list[dict[str, Any]]:
        return [p for p in self.people if p["i"] not in WITHDRAWN]

    def visible_to(self, org: str) -> set[str]:
        """Candidate ids an organisation may see (the rule, restated for the test): the operator
        everyone, employment services the residents of the regions they serve and the candidates who
        belong or consented to them, anyone else consenting candidates only."""
        return {
            p["candidate_id"]
            for p in self.active
            if may_see_candidate(
                org, KIND.get(org), p["consent"] | {p["owner"]}, REGIONS.get(org, ()), HOME_REGION[p["home"]]
            )
        }


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return World(tmp_path_factory.mktemp("consent-matrix"))


def secrets_in(text: str, people: list[dict[str, Any]]) -> set[int]:
    found = set()
    for p in people:
        if any(v in text for v in p["secret"].values()) or f'henkilo-{p["i"]}"' in text:
            found.add(p["i"])
    return found


def test_the_consent_matrix(world: World) -> None:
    counts: Counter[str] = Counter()
    leaks: list[tuple] = []
    pc, mc = world.profile.test_client(), world.matching.test_client()
    all_ids = [p["candidate_id"] for p in world.people] + [UNKNOWN]
    for org in ORGS:
        for role in Role:
            h = auth(role, org)
            who = (role.value, org)
            # A role that does not fit the organisation's kind is refused before any view (403).
            admitted = admission_refusal(role.value, KIND.get(org)) is None
            if not admitted:
                counts["callers refused by the registry"] += 1
                if pc.get("/api/v1/audit", headers=h).status_code != 403:
                    leaks.append(("caller the registry refuses let in", who))
            # -- profile service: full profiles -------------------------------------------------------
            unknown = pc.get("/api/v1/profiles/never-used", headers=h)
            for p in world.people:
                r = pc.get(f"/api/v1/profiles/henkilo-{p['i']}", headers=h)
                counts["requests"] += 1
                entitled = role is Role.COACH and org == p["owner"]
                text = r.get_data(as_text=True)
                shown = secrets_in(text, world.people)
                if shown - ({p["i"]} if entitled else set()):
                    leaks.append(("profile read", who, p["i"], shown))
                if p["i"] in WITHDRAWN and any(v in text for v in p["secret"].values()):
                    leaks.append(("withdrawn profile still holds personal data", who, p["i"]))
                if not entitled and (r.status_code, r.json) != (unknown.status_code, unknown.json):
                    leaks.append(("profile existence signal", who, p["i"], r.status_code))
            # -- profile service: contact look-up -------------------------------------------------------
            r = pc.post(
                "/api/v1/contacts/lookup", json={"candidate_ids": all_ids, "purpose": "matrix"}, headers=h
            )
            counts["requests"] += 1
            shown = secrets_in(r.get_data(as_text=True), world.people)
            allowed = {
                p["i"]
                for p in world.active
                if (role is Role.COACH and org == p["owner"])
                or (role in (Role.RECRUITER, Role.TEAM_MEMBER, Role.COACH) and org in p["consent"])
            }
            if shown - allowed:
                leaks.append(("contact look-up", who, shown - allowed))
            # -- matching: every view that names candidates ------------------------------------------
            visible = world.visible_to(org)
            views = [
                "/api/v1/vacancies/v-weld/shortlist?k=50",
                "/api/v1/shortlists?region=pirkanmaa&k=50",
                "/api/v1/vacancies/v-weld/outcomes",
                "/meetings/pirkanmaa/2026-W48",
                "/meetings/pirkanmaa/2026-W48/content.json",
                "/meetings/pirkanmaa/2026-W48/content.csv",
            ]
            for path in views:
                r = mc.get(path, headers=h)
                counts["requests"] += 1
                text = r.get_data(as_text=True)
                named = set(CANDIDATE_ID.findall(text)) - {UNKNOWN}
                if named - visible:
                    leaks.append(("matching view", who, path, len(named - visible)))
                # every active candidate has an outcome: the employment services read those about
                # everyone they may see (no fewer: the rule hides only whom it must)
                staff = admitted and KIND.get(org) == "employment_services" and r.status_code == 200
                if staff and path.endswith("/outcomes") and named != visible:
                    leaks.append(
                        ("outcomes the employment services may see left out", who, len(visible - named))
                    )
                if secrets_in(text, world.people):
                    leaks.append(("personal data in matching", who, path))
            for view in ("explanation", "training"):  # a hidden candidate answers as an unknown one
                unknown = mc.get(f"/api/v1/vacancies/v-weld/candidates/{UNKNOWN}/{view}", headers=h)
                for p in world.people:
                    r = mc.get(f"/api/v1/vacancies/v-weld/candidates/{p['candidate_id']}/{view}", headers=h)
                    counts["requests"] += 1
                    if r.status_code == 200 and p["candidate_id"] not in visible:
                        leaks.append((view, who, p["i"]))
                    if p["candidate_id"] not in visible and (r.status_code, r.json) != (
                        unknown.status_code,
                        unknown.json,
                    ):
                        leaks.append((f"{view} existence signal", who, p["i"], r.status_code))
            # -- matching: recording outcomes ----------------------------------------------------------
            body = {"candidate_id": UNKNOWN, "status": "proposed"}
            unknown = mc.post("/api/v1/vacancies/v-weld/outcomes", json=body, headers=h)
            for p in world.people:
                body = {"candidate_id": p["candidate_id"], "status": "proposed"}
                r = mc.post("/api/v1/vacancies/v-weld/outcomes", json=body, headers=h)
                counts["requests"] += 1
                entitled = (
                    admitted
                    and p["i"] not in WITHDRAWN
                    and may_record_outcome(
                        role.value, org, KIND.get(org), p["consent"] | {p["owner"]}, "konepaja-oy"
                    )
                )
                # each agency records its own process: an entitled caller is never refused
                if r.status_code == 201 and not entitled:
                    leaks.append(("outcome recorded without entitlement", who, p["i"]))
                if r.status_code != 201 and entitled:
                    leaks.append(("entitled outcome refused", who, p["i"], r.status_code))
                if not entitled and (r.status_code, r.json) != (unknown.status_code, unknown.json):
                    leaks.append(("outcome existence signal", who, p["i"], r.status_code))
    # -- profile service: the audit log, after every access above was recorded ----------------------
    for org in ORGS:
        for role in Role:
            r = pc.get("/api/v1/audit?limit=1000", headers=auth(role, org))
            counts["requests"] += 1
            if r.status_code != 200:
                continue
            text = r.get_data(as_text=True)
            if any(v in text for p in world.people for v in p["secret"].values()):
                leaks.append(("personal data in the audit log", (role.value, org)))
            # Profile ids are per organisation: an entry may name a profile id of another
            # organisation's jobseeker only for the system auditor (ids an organisation's own
            # people tried in its own namespace are its own).
            owner = {p["candidate_id"]: p["owner"] for p in world.people}
            counts["audit entries read"] += len(r.json["items"])
            for e in r.json["items"]:
                foreign = owner.get(e.get("candidate_id") or "", org) != org
                if foreign and e.get("profile_id") and role is not Role.SYSTEM_AUDITOR:
                    leaks.append(("another organisation's profile id in its audit log", (role.value, org), e))
            if role is not Role.SYSTEM_AUDITOR and any(e["actor_org"] != org and e.get("subject_org") != org
                                                       for e in r.json["items"]):  # fmt: skip
                leaks.append(("audit entries of unrelated organisations", (role.value, org)))
    print(
        f"\nconsent matrix: {counts['requests']} requests, {counts['audit entries read']} audit entries "
        f"read, {counts['callers refused by the registry']} of {len(ORGS) * len(Role)} callers refused by "
        f"the registry, {len(leaks)} leaks"
    )
    assert counts["requests"] > 1000
    assert leaks == []
