"""The services' logs, as an operator reads them: JSON lines, one request id from an HTTP call through
the outbox and Kafka into the consumer of another service, and no personal data anywhere."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from deploy.http_client import call, wait_for
from tests.helpers import WELDER, token

pytestmark = [pytest.mark.e2e, pytest.mark.kafka]

# Oulu, away from the other scenarios' towns. Every string below is personal data or a credential:
# none of it may appear in any log line of any process.
EMPLOYER = token("employer", "vaasan-konepaja-ab")
COACH = token("coach", "vaasa-tyollisyys")
RECRUITER = token("recruiter", "nordic-staffing-ab")
NAME = "Ülla Piitestinen-Ojala"
EMAIL = "ulla.piitestinen@example.fi"
PHONE = "+358 40 9876543"
COMMENT = "Haastattelussa kertoi terveydentilastaan luottamuksellisesti"
SECRETS = [NAME, "Piitestinen", EMAIL, PHONE, "9876543", COMMENT, "terveydentila", EMPLOYER, COACH, RECRUITER]


def profile(skills: list[str], **personal: str) -> dict:
    return {
        "personal": {"name": NAME, "email": EMAIL, "phone": PHONE, **personal},
        "skills": [{"uri": u, "level": "advanced"} for u in skills],
        "work_history": [{"occupation_uri": WELDER, "years": 5, "ended_year": 2025}],
        "education_level": "vocational",
        "languages": [{"code": "fi", "level": "native"}],
        "municipality": "564",
        "max_commute_km": 30,
        "available_from": "2026-11-01",
        "working_time": "any",
        "consented_orgs": ["nordic-staffing-ab"],
    }


def log_lines(stack) -> list[tuple[str, str]]:
    return [
        (path.name, line)
        for path in sorted((stack.home / "logs").glob("*.log"))
        for line in path.read_text(errors="replace").splitlines()
    ]


def test_one_request_id_follows_an_outcome_into_the_profile_services_consumer(stack, taxonomy) -> None:
    skills = list(taxonomy.occupation_skills(WELDER)[0][:8])
    vacancy = {
        "title": "Hitsaaja, Oulu",
        "occupation_uri": WELDER,
        "municipality": "564",
        "working_time": "full_time",
        "openings": 1,
        "skills": [{"uri": u, "essential": True} for u in skills],
    }
    posted = call("POST", f"{stack.url('vacancy')}/api/v1/vacancies", EMPLOYER, vacancy)
    assert posted.status == 201, posted.body
    vacancy_id = posted.json()["id"]
    pushed = call(
        "PUT",
        f"{stack.url('profile')}/api/v1/profiles/oulu-logs-1",
        COACH,
        profile(skills),
        headers={"X-Request-ID": "ops-profile-push-1"},
    )
    assert pushed.status == 201, pushed.body
    assert pushed.headers["X-Request-ID"] == "ops-profile-push-1"
    candidate = pushed.json()["candidate_id"]

    def shortlisted() -> bool:
        r = call("GET", f"{stack.url('matching')}/api/v1/vacancies/{vacancy_id}/shortlist", RECRUITER)
        return r.status == 200 and candidate in {e["candidate_id"] for e in r.json()["entries"]}

    wait_for(shortlisted, timeout=90, what="the Oulu welder on the shortlist")
    outcomes = f"{stack.url('matching')}/api/v1/vacancies/{vacancy_id}/outcomes"
    for status, request_id in (("proposed", "ops-outcome-proposed"), ("hired", "ops-outcome-hired")):
        body = {"candidate_id": candidate, "status": status, "comment": COMMENT}
        r = call("POST", outcomes, RECRUITER, body, headers={"X-Request-ID": request_id})
        assert r.status == 201, r.body

    def handled_by_profile() -> list[dict] | None:
        found = [
            json.loads(line)
            for name, line in log_lines(stack)
            if name == "profile-worker.log" and "ops-outcome-hired" in line
        ]
        return found or None

    lines = wait_for(handled_by_profile, timeout=90, what="the profile worker to log the hired outcome")
    assert any(x["msg"] == "event handled" and x["consumer"] == "profile.outcomes" for x in lines)
    assert all(x["request_id"] == "ops-outcome-hired" for x in lines)

    access = [
        json.loads(line)
        for name, line in log_lines(stack)
        if name == "profile-web.log" and '"kohtaanto.access"' in line
    ]
    pushes = [x for x in access if x["request_id"] == "ops-profile-push-1"]
    assert [(x["method"], x["route"], x["status"]) for x in pushes] == [
        ("PUT", "/api/v1/profiles/<profile_id>", 201)
    ]


def test_no_log_line_of_any_process_carries_personal_data_or_a_token(stack, taxonomy) -> None:
    """Personal data goes in through every door (push, bad input, reads, contact look-ups, the meeting
    page's sign-in with a token in the URL); then every log line of the six processes is scanned."""
    profile_url = f"{stack.url('profile')}/api/v1/profiles/oulu-logs-2"
    skills = list(taxonomy.occupation_skills(WELDER)[0][:4])
    assert call("PUT", profile_url, COACH, profile(skills)).status == 201
    assert call("PUT", profile_url, COACH, profile(skills, email=f"not-an-email {NAME}")).status == 422
    assert call("PUT", profile_url, COACH, profile(skills, phone=f"{PHONE} {COMMENT}")).status == 422
    assert call("PUT", profile_url, COACH, raw=f'{{"personal": {{"name": "{NAME}"'.encode()).status == 400
    assert call("GET", profile_url, COACH).status == 200
    candidate = call("GET", profile_url, COACH).json()["candidate_id"]
    lookup = call(
        "POST",
        f"{stack.url('profile')}/api/v1/contacts/lookup",
        RECRUITER,
        {"candidate_ids": [candidate], "purpose": f"soitto {NAME}"},
    )
    assert lookup.status in (200, 403), lookup.body
    assert call("GET", f"{stack.url('matching')}/login?token={RECRUITER}&next=/meetings/").status in (
        200,
        303,
    )
    assert call("GET", f"{stack.url('profile')}/api/v1/profiles/{quote(NAME)}", COACH).status in (404, 422)
    assert call("DELETE", profile_url, COACH).status in (200, 204)

    lines = log_lines(stack)
    assert len(lines) > 50, "the processes log"
    leaks = [(name, line[:300]) for name, line in lines for secret in SECRETS if secret in line]
    assert leaks == []
    assert all(json.loads(line) for _, line in lines), "every line is JSON"
