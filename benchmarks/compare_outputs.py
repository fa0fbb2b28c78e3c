"""Dump what users see of the matching service on the demo data, deterministically, as JSON: to
compare a refactoring's before and after.

    python -m benchmarks.compare_outputs /work/notes/before.json
    python -m benchmarks.compare_outputs /work/notes/after.json
    python -m benchmarks.compare_outputs --diff /work/notes/before.json /work/notes/after.json

The matching app is built in-process (``start_feed=False``, SQLite in a temporary folder, a fixed
clock) and fed the demo data (``deploy/demo_data.py``) as the vacancy and profile services would
publish it (their own domain code makes the payloads). Then, over the app's HTTP interface:

* shortlists of every vacancy for recruiters of three agencies, a team member and a coach, in Finnish
  and English, at the default k and at k=50, plus the per-region batch ``/api/v1/shortlists``;
* explanations for the best candidates, random candidates, candidates who withdrew consent, withdrawn
  profiles and an unknown id, asked by recruiters and a team member (status and body);
* the weekly meeting of two weeks (the first with outcomes recorded afterwards): content JSON, CSV
  and the page's HTML;
* the vacancy listing.

Response fields that depend on the wall clock (``generated_at``) are dropped. Only the public
interfaces (``create_app``, the HTTP API, ``app.extensions``) are used, so the tool runs unchanged
across a reorganisation of the service's modules.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from deploy import demo_data
from services.matching.app import create_app
from services.matching.config import Settings
from services.profile.domain import Profile, ProfileDetails, pseudonym
from services.vacancy.domain import POSTED, Vacancy, VacancyDetails, VacancyEvent
from shared.auth import Principal, Role, TokenCodec
from shared.config import REPO_ROOT, AuthSettings, CommonSettings, KafkaSettings
from shared.messaging.consumer import Record
from shared.messaging.envelope import Envelope
from shared.reference import municipalities

SECRET = "compare-outputs-signing-key-0123456789abcdef"
PSEUDONYM_KEY = b"compare-outputs-pseudonym-key-0123456789"
VACANCIES = "kohtaanto.vacancies.v1"
CANDIDATES = "kohtaanto.candidates.v1"
LAST_WEEK = datetime(2026, 11, 17, 9, 0, tzinfo=UTC)  # Tuesday of ISO week 2026-W47
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)  # Tuesday of ISO week 2026-W48
SHORTAGES = REPO_ROOT / "data" / "barometer" / "fi_shortage_occupations_national_illustrative.csv"
# the team member of each region's employment services who prepares its weekly meeting (data/organisations.csv)
MEETING_TEAMS = {"pirkanmaa": "tampere-tyollisyys", "pohjanmaa": "vaasa-tyollisyys"}
PROFILES = 3000


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _candidate_id(coach_org: str, profile_id: str) -> str:
    """The pseudonym as the profile service makes it (per organisation since issue 8; per profile id
    before, so the tool also runs on earlier versions)."""
    try:
        return pseudonym(PSEUDONYM_KEY, coach_org, profile_id)  # type: ignore[call-arg]
    except TypeError:
        return pseudonym(PSEUDONYM_KEY, profile_id)  # type: ignore[call-arg]


def _headers(role: Role, org: str) -> dict[str, str]:
    token = TokenCodec(SECRET).mint(Principal(f"{role.value}@{org}", role, org))
    return {"Authorization": f"Bearer {token}"}


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k != "generated_at"}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def _apply(app: Any, topic: str, key: str, event_type: str, payload: dict[str, Any] | None) -> None:
    envelope = None if payload is None else Envelope(event_type, key, payload, "compare")
    app.extensions["kohtaanto.matching.state"].apply(Record(topic, 0, 0, key, envelope))


def build(home: Path) -> tuple[Any, Clock, dict[str, Any]]:
    """The app with the demo loaded at ``LAST_WEEK``; returns it, its clock and the ids used."""
    clock = Clock(LAST_WEEK)
    common = CommonSettings(
        service="matching",
        database_url=f"sqlite:///{home / 'matching.db'}",
        kafka=KafkaSettings(bootstrap_servers="127.0.0.1:1", client_id="compare"),
        auth=AuthSettings(jwt_secret=SECRET),
        reference_dir=REPO_ROOT / "data",
    )
    settings = Settings(
        common=common,
        cache_dir=REPO_ROOT / ".cache" / "matching",
        start_feed=False,
        record_key=b"benchmark-matching-record-key-0123456789",
    )
    app = create_app(settings, testing=True, clock=clock)
    taxonomy = app.extensions["kohtaanto.matching.taxonomy"]
    towns = municipalities(REPO_ROOT / "data")
    today = LAST_WEEK.date()

    vacancy_ids: list[str] = []
    for i, (org, body) in enumerate(demo_data.vacancies(taxonomy, today)):
        details = VacancyDetails.from_dict({**body, "region": towns[body["municipality"]].region})
        v = Vacancy.post(f"v-{i:04d}", org, details, LAST_WEEK)
        event = VacancyEvent(POSTED, v)
        _apply(app, VACANCIES, event.key, POSTED, event.payload())
        vacancy_ids.append(v.id)

    profiles: list[Profile] = []
    for coach_org, profile_id, body in demo_data.profiles(taxonomy, today, PROFILES):
        details = ProfileDetails.from_dict({"suggested_skills": [], **body})
        p = Profile.create(profile_id, _candidate_id(coach_org, profile_id), coach_org, details, LAST_WEEK)
        _apply(app, CANDIDATES, p.candidate_id, "candidate.upserted", p.for_matching())
        profiles.append(p)

    rng = random.Random(15)
    # Some withdraw consent to every agency (a new version without consents), some withdraw altogether.
    consented = [p for p in profiles if p.details is not None and p.details.consented_orgs]
    no_consent: list[str] = []
    for p in rng.sample(consented, 60):
        assert p.details is not None
        q = p.update(ProfileDetails.from_dict({**p.details.to_dict(), "consented_orgs": []}), LAST_WEEK)
        _apply(app, CANDIDATES, q.candidate_id, "candidate.upserted", q.for_matching())
        no_consent.append(q.candidate_id)
    withdrawn: list[str] = []
    for p in rng.sample([p for p in profiles if p.candidate_id not in no_consent], 40):
        _apply(app, CANDIDATES, p.candidate_id, "candidate.withdrawn", None)
        withdrawn.append(p.candidate_id)
    ids = {
        "vacancies": vacancy_ids,
        "candidates": sorted(p.candidate_id for p in profiles),
        "no_consent": sorted(no_consent),
        "withdrawn": sorted(withdrawn),
    }
    return app, clock, ids


CALLERS = [
    (Role.RECRUITER, demo_data.AGENCIES[0]),
    (Role.RECRUITER, demo_data.AGENCIES[1]),
    (Role.RECRUITER, demo_data.AGENCIES[2]),
    (Role.TEAM_MEMBER, "tampere-tyollisyys"),
    (Role.COACH, "vaasa-tyollisyys"),
]


def _get(client: Any, url: str, role: Role, org: str) -> dict[str, Any]:
    response = client.get(url, headers=_headers(role, org))
    body: Any = response.get_json(silent=True)
    if body is None:
        body = response.get_data(as_text=True)
    return {"status": response.status_code, "body": _strip(body)}


def dump(home: Path) -> dict[str, Any]:
    app, clock, ids = build(home)
    client = app.test_client()
    out: dict[str, Any] = {"ids": {k: len(v) for k, v in ids.items()}}
    operator = _headers(Role.OPERATOR, "kohtaanto")
    # a team member prepares and reads the meetings of their own organisation's regions only
    teams = {region: _headers(Role.TEAM_MEMBER, org) for region, org in MEETING_TEAMS.items()}
    response = client.post(
        "/api/v1/shortages?source=compare",
        data=SHORTAGES.read_bytes(),
        headers=operator | {"Content-Type": "text/csv"},
    )
    assert response.status_code == 201, response.get_data(as_text=True)

    # Last week's meeting, then what the recruiters did with its proposals, then this week.
    meetings: dict[str, Any] = {}
    for region in ("pirkanmaa", "pohjanmaa"):
        response = client.post(f"/api/v1/meetings/{region}/2026-W47/prepare", headers=teams[region])
        assert response.status_code == 201, response.get_data(as_text=True)
    content = client.get("/meetings/pirkanmaa/2026-W47/content.json", headers=teams["pirkanmaa"]).get_json()[
        "content"
    ]
    recruiter = _headers(Role.RECRUITER, demo_data.AGENCIES[0])
    plans = [["proposed", "hired"], ["proposed", "not_hired"], ["proposed", "interviewed"], ["contacted"]]
    outcomes = []
    for vacancy in content["vacancies"][:4]:
        for candidate, plan in zip(vacancy["candidates"], plans, strict=False):
            for day, status in enumerate(plan):
                body = {
                    "candidate_id": candidate["candidate_id"],
                    "status": status,
                    "occurred_on": (LAST_WEEK.date() + timedelta(days=day)).isoformat(),
                }
                if status == "not_hired":
                    body["reason"] = "skills"
                response = client.post(
                    f"/api/v1/vacancies/{vacancy['vacancy_id']}/outcomes", json=body, headers=recruiter
                )
                outcomes.append([vacancy["vacancy_id"], body, response.status_code])
    out["outcomes"] = outcomes
    clock.now = NOW
    for region in ("pirkanmaa", "pohjanmaa"):
        response = client.post(f"/api/v1/meetings/{region}/2026-W48/prepare", headers=teams[region])
        assert response.status_code == 201, response.get_data(as_text=True)
        for week in ("2026-W47", "2026-W48"):
            base = f"/meetings/{region}/{week}"
            meetings[f"{region} {week}"] = {
                "json": client.get(f"{base}/content.json", headers=teams[region]).get_json(),
                "csv": client.get(f"{base}/content.csv", headers=teams[region]).get_data(as_text=True),
                "html": client.get(base, headers=teams[region]).get_data(as_text=True),
            }
    out["meetings"] = meetings

    shortlists: dict[str, Any] = {}
    for vacancy_id in ids["vacancies"]:
        for role, org in CALLERS:
            for query in ("lang=fi", "lang=en&k=50"):
                url = f"/api/v1/vacancies/{vacancy_id}/shortlist?{query}"
                shortlists[f"{vacancy_id} {role.value}@{org} {query}"] = _get(client, url, role, org)
    out["shortlists"] = shortlists
    out["batch_shortlists"] = {
        f"{region} {role.value}@{org}": _get(client, f"/api/v1/shortlists?region={region}&k=10", role, org)
        for region in ("pirkanmaa", "pohjanmaa")
        for role, org in CALLERS
    }
    out["vacancy_listing"] = _get(client, "/api/v1/vacancies?status=any&lang=fi", Role.TEAM_MEMBER, "x")

    rng = random.Random(48)
    explanations: dict[str, Any] = {}
    for vacancy_id in ids["vacancies"][::3]:
        top = shortlists[f"{vacancy_id} {Role.TEAM_MEMBER.value}@tampere-tyollisyys lang=en&k=50"]["body"]
        asked = [e["candidate_id"] for e in top.get("entries", [])[:5]]
        asked += rng.sample(ids["candidates"], 5) + rng.sample(ids["no_consent"], 4)
        asked += [*rng.sample(ids["withdrawn"], 2), "c-000000000000000000000000"]
        for candidate_id in asked:
            for role, org in CALLERS[:4]:
                url = f"/api/v1/vacancies/{vacancy_id}/candidates/{candidate_id}/explanation?lang=en"
                explanations[f"{vacancy_id} {candidate_id} {role.value}@{org}"] = _get(client, url, role, org)
    out["explanations"] = explanations
    return out


def diff(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Keys (``section / key``) whose values differ, and keys present on one side only."""
    lines = []
    for section in sorted(set(before) | set(after)):
        a, b = before.get(section), after.get(section)
        if isinstance(a, dict) and isinstance(b, dict):
            for key in sorted(set(a) | set(b)):
                if a.get(key) != b.get(key):
                    lines.append(f"{section} / {key}")
        elif a != b:
            lines.append(section)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--diff", action="store_true", help="compare two dumps instead")
    args = parser.parse_args(argv)
    if args.diff:
        before, after = (json.loads(p.read_text()) for p in args.paths)
        lines = diff(before, after)
        print("\n".join(lines) or "identical")
        print(f"{len(lines)} differences", file=sys.stderr)
        return 1 if lines else 0
    with tempfile.TemporaryDirectory() as home:
        out = dump(Path(home))
    args.paths[0].write_text(json.dumps(out, indent=1, sort_keys=True, ensure_ascii=False, default=str))
    print(f"wrote {args.paths[0]}: " + ", ".join(f"{k} {len(v)}" for k, v in out.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
