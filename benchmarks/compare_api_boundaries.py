"""Dump what the vacancy and profile services and matching's training catalogue answer over HTTP,
store and publish as events, for a
before/after comparison of a refactoring (issue 15: one conversion per boundary).

    python -m benchmarks.compare_api_boundaries OUT.json            # run the requests, write the dump
    python -m benchmarks.compare_api_boundaries --diff A.json B.json # which entries differ

Each service runs in-process (Flask test client, SQLite in a temporary directory, no broker): a fixed
list of requests (valid and invalid vacancies and profiles, reads by every kind of caller, updates,
closing, withdrawal, listings, a shortage-flagged vacancy) and then every outbox row. Response bodies
and event values are kept as the exact text sent; generated ids (UUIDs, request/correlation ids) and the request-time clock
(ISO timestamps) are replaced by placeholders in order of appearance, so two runs compare byte for byte.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import select

from services.profile.app import create_app as create_profile_app
from services.profile.config import Settings as ProfileSettings
from services.vacancy.app import create_app as create_vacancy_app
from services.vacancy.config import Settings as VacancySettings
from services.vacancy.shortages import parse_payload
from tests.api.vacancy_bodies import valid
from tests.helpers import (
    CLEAN_KITCHEN,
    COOK,
    COOK_FISH,
    MAG_WELDING,
    PSEUDONYM_KEY,
    USE_WELDING_EQUIPMENT,
    WELDER,
    auth,
    common_settings,
    profile_body,
    sqlite_url,
)

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\b[0-9a-f]{32}\b")
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[+-]\d{2}:\d{2}|Z)?")


class Normaliser:
    """Replaces each distinct UUID / timestamp by ``<id-N>`` / ``<time>`` (same value, same N)."""

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        text = _UUID.sub(lambda m: self.ids.setdefault(m[0], f"<id-{len(self.ids)}>"), text)
        return _TIME.sub("<time>", text)


def vacancy_bodies() -> list[dict[str, Any]]:
    full = valid(
        skills=[{"uri": MAG_WELDING, "essential": True}, {"uri": USE_WELDING_EQUIPMENT, "essential": False}],
        languages=[{"code": "fi", "level": "B1"}, {"code": "sv", "level": "A2"}],
        rejected_skills=[],
    )
    return [
        full,
        {**full, "occupation_uri": None, "skills": [], "description": "Kokki lounasravintolaan."},
        {"title": "Kokki", "occupation_uri": COOK, "municipality": "091", "working_time": "part_time"},
        {
            **full,
            "skills": [{"uri": MAG_WELDING, "essential": True}],
            "rejected_skills": [USE_WELDING_EQUIPMENT] * 2,
        },
        {**full, "region": "pirkanmaa", "openings": 10_000, "description": ""},
    ]


BAD_VACANCIES = [
    {"title": "", "municipality": "999", "working_time": "night", "openings": 0, "surprise": 1},
    {"title": "x", "municipality": "837", "working_time": "full_time", "region": "uusimaa"},
    {"title": "x", "municipality": "837", "working_time": "full_time", "start_date": "tomorrow"},
    {"title": "x", "municipality": "837", "working_time": "full_time", "application_deadline": "2020-01-01"},
    {"title": "x", "municipality": "837", "working_time": "full_time", "description": " "},
]


def run_vacancy(tmp: Path, out: list[dict[str, Any]], norm: Normaliser) -> None:
    app = create_vacancy_app(
        VacancySettings(common=common_settings("vacancy", sqlite_url(tmp, "vacancy"))), testing=True
    )
    handlers = app.extensions["kohtaanto.vacancy.handlers"]
    with handlers.uow_factory() as uow:
        national = {
            "region": "national",
            "period": "2026H2",
            "source": "barometer",
            "levels": {WELDER: "shortage"},
        }
        uow.shortages.replace(parse_payload(national), "e-1")
        uow.commit()
    client = app.test_client()
    employer, other = auth("employer", "konepaja-oy"), auth("employer", "other-oy")
    recruiter = auth("recruiter", "agency-a")

    def note(label: str, r: Any) -> None:
        out.append(
            {
                "call": label,
                "status": r.status_code,
                "etag": r.headers.get("ETag"),
                "body": norm(r.get_data(as_text=True)),
            }
        )

    locations = []
    for i, body in enumerate(vacancy_bodies()):
        r = client.post("/api/v1/vacancies", json=body, headers=employer)
        note(f"vacancy post {i}", r)
        locations.append(r.headers.get("Location"))
    for i, body in enumerate(BAD_VACANCIES):
        note(f"vacancy bad post {i}", client.post("/api/v1/vacancies", json=body, headers=employer))
    for i, loc in enumerate(locations):
        note(f"vacancy get {i} employer", client.get(loc, headers=employer))
        note(f"vacancy get {i} recruiter", client.get(loc, headers=recruiter))
    note("vacancy get other employer", client.get(locations[0], headers=other))
    put = {**vacancy_bodies()[0], "title": "Hitsaaja", "openings": 3}
    note("vacancy put", client.put(locations[0], json=put, headers={**employer, "If-Match": '"1"'}))
    note("vacancy put stale", client.put(locations[0], json=put, headers={**employer, "If-Match": '"1"'}))
    note("vacancy put bad", client.put(locations[0], json={**put, "openings": -1}, headers=employer))
    note("vacancy close", client.post(f"{locations[1]}/close", json={"reason": "filled"}, headers=employer))
    note(
        "vacancy close again",
        client.post(f"{locations[1]}/close", json={"reason": "filled"}, headers=employer),
    )
    note("vacancy put closed", client.put(locations[1], json=put, headers={**employer, "If-Match": "*"}))
    note("vacancy list recruiter", client.get("/api/v1/vacancies?limit=50", headers=recruiter))
    note("vacancy list employer open", client.get("/api/v1/vacancies?status=open", headers=employer))
    note(
        "vacancy list region",
        client.get(f"/api/v1/vacancies?region=pirkanmaa&occupation_uri={WELDER}", headers=recruiter),
    )
    outbox(app, "vacancy", out, norm)


def run_profile(tmp: Path, out: list[dict[str, Any]], norm: Normaliser) -> None:
    settings = ProfileSettings(
        common=common_settings("profile", sqlite_url(tmp, "profile")), pseudonym_key=PSEUDONYM_KEY
    )
    app = create_profile_app(settings, testing=True)
    client = app.test_client()
    coach, recruiter = auth("coach", "tampere-tyollisyys"), auth("recruiter", "agency-a")
    partner, stranger = auth("coach", "vaasa-tyollisyys"), auth("coach", "helsinki-tyollisyys")

    def note(label: str, r: Any) -> None:
        out.append({"call": label, "status": r.status_code, "body": norm(r.get_data(as_text=True))})

    bodies = {
        "p-1": profile_body(),
        "p-2": profile_body(
            suggested_skills=[COOK_FISH, COOK_FISH, CLEAN_KITCHEN],
            target_groups=["recently_laid_off", "recently_laid_off"],
            consented_orgs=["agency-b", "agency-a"],
            personal={"name": "Bo Ek"},
            work_history=[],
        ),
        "p-3": profile_body(working_time="any", max_commute_km=12.5, skills=[]),
    }
    for pid, body in bodies.items():
        note(f"profile put {pid}", client.put(f"/api/v1/profiles/{pid}", json=body, headers=coach))
    for i, bad in enumerate(
        [
            profile_body(skills=[{"uri": "x", "level": "guru"}], max_commute_km=-1, surprise=1),
            profile_body(personal={"name": ""}, available_from="soon", education_level="phd"),
            profile_body(skills=[{"uri": MAG_WELDING}], suggested_skills=[MAG_WELDING]),
            profile_body(consented_orgs=["Not An Org"], status="withdrawn"),
        ]
    ):
        note(f"profile bad put {i}", client.put("/api/v1/profiles/p-9", json=bad, headers=coach))
    note(
        "profile put update",
        client.put(
            "/api/v1/profiles/p-1", json=profile_body(max_commute_km=60), headers={**coach, "If-Match": "*"}
        ),
    )
    note(
        "profile put status",
        client.put(
            "/api/v1/profiles/p-3", json=profile_body(status="hired"), headers={**coach, "If-Match": "*"}
        ),
    )
    for pid in bodies:
        for who, headers in (("coach", coach), ("partner", partner), ("stranger", stranger)):
            note(f"profile get {pid} {who}", client.get(f"/api/v1/profiles/{pid}", headers=headers))
    lookup = {"candidate_ids": [json.loads(out[-9]["body"]).get("candidate_id", "x"), "c-unknown"]}
    note("profile contacts", client.post("/api/v1/contacts/lookup", json=lookup, headers=recruiter))
    note("profile delete", client.delete("/api/v1/profiles/p-2", headers=coach))
    note("profile get withdrawn", client.get("/api/v1/profiles/p-2", headers=coach))
    note("profile bad id", client.get("/api/v1/profiles/010101-123N", headers=coach))
    outbox(app, "profile", out, norm)


def run_training(tmp: Path, out: list[dict[str, Any]], norm: Normaliser) -> None:
    """Matching's training catalogue: import, the course listing (all, per region, per skill), a
    near match's course suggestions in fi/sv/en, employer feedback and a meeting publishing
    ``training.suggested``, and the stored course rows."""
    from services.matching.team.repository import courses
    from tests.api.matching_world import WELDER, essential, welding_shortage_world
    from tests.api.uploads import catalogue_rows, csv_bytes

    app = welding_shortage_world(sqlite_url(tmp, "matching"))
    client = app.test_client()
    operator, team = auth("operator", "kohtaanto"), auth("team_member", "tampere-tyollisyys")
    recruiter = auth("recruiter", "agency-a")

    def note(label: str, r: Any) -> None:
        out.append({"call": label, "status": r.status_code, "body": norm(r.get_data(as_text=True))})

    upload = {**operator, "Content-Type": "text/csv"}
    note(
        "training import",
        client.post("/api/v1/training/catalogue", data=csv_bytes(catalogue_rows()), headers=upload),
    )
    skill = essential(WELDER, 100)[-2]
    for query in ("", "?region=pirkanmaa", f"?skill={skill}"):
        note(f"training courses {query}", client.get(f"/api/v1/training/courses{query}", headers=team))
    for cid in app.candidate_ids[2:]:
        for lang in ("", "?lang=sv", "?lang=en"):
            url = f"/api/v1/vacancies/v-weld/candidates/{cid}/training{lang}"
            note(f"training suggestions {lang}", client.get(url, headers=team))
    outcomes, cid = "/api/v1/vacancies/v-weld/outcomes", app.candidate_ids[0]
    client.post(outcomes, json={"candidate_id": cid, "status": "proposed"}, headers=recruiter)
    feedback = {"candidate_id": cid, "status": "not_hired", "reason": "skills", "missing_skills": [skill]}
    note("training feedback", client.post(outcomes, json=feedback, headers=recruiter))
    note("meeting prepare", client.post("/api/v1/meetings/pirkanmaa/2026-W48/prepare", headers=team))
    note("meeting content", client.get("/meetings/pirkanmaa/2026-W48/content.json", headers=team))
    with app.extensions["kohtaanto.engine"].connect() as conn:
        for row in conn.execute(select(courses).order_by(courses.c.provider, courses.c.course_id)):
            out.append({"stored course": row.course_id, "body": json.dumps(row.body, sort_keys=False)})
    outbox(app, "matching.team", out, norm)


def outbox(app: Any, service: str, out: list[dict[str, Any]], norm: Normaliser) -> None:
    """Every outbox row of the service, in order: the events exactly as they would be published."""
    table = __import__(f"services.{service}.repository", fromlist=["outbox"]).outbox
    with app.extensions["kohtaanto.engine"].connect() as conn:
        for row in conn.execute(select(table).order_by(table.c.id)):
            value = row.value.decode() if row.value is not None else None
            out.append(
                {
                    "event": f"{service} {row.event_type}",
                    "topic": row.topic,
                    "key": norm(row.message_key),
                    "value": norm(value) if value else None,
                }
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", nargs="?", help="where to write the dump")
    parser.add_argument("--diff", nargs=2, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args(argv)
    if args.diff:
        before, after = (json.loads(Path(p).read_text()) for p in args.diff)
        differing = [b for b, a in zip(before, after, strict=False) if b != a]
        print(f"{len(before)} entries before, {len(after)} after, {len(differing)} differ")
        for b in differing[:20]:
            a = after[before.index(b)]
            print(json.dumps(b, ensure_ascii=False)[:600], "\n  ->", json.dumps(a, ensure_ascii=False)[:600])
        return 1 if differing or len(before) != len(after) else 0
    out: list[dict[str, Any]] = []
    norm = Normaliser()
    with tempfile.TemporaryDirectory() as tmp:
        run_vacancy(Path(tmp), out, norm)
        run_profile(Path(tmp), out, norm)
        run_training(Path(tmp), out, norm)
    Path(args.out).write_text(json.dumps(out, ensure_ascii=False, indent=1))
    print(f"{len(out)} entries written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
