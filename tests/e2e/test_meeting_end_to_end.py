"""Outcomes and shortage lists across the three services, over HTTP and the real broker: a hired
candidate's profile is marked hired and they leave every shortlist; an imported shortage list reaches
the vacancy service's API."""

from __future__ import annotations

import urllib.request

import pytest

from deploy.http_client import call, wait_for
from tests.helpers import WELDER, token

pytestmark = [pytest.mark.e2e, pytest.mark.kafka]

# Everything here happens in Ostrobothnia (Vaasa), away from the other scenarios' Tampere data.
EMPLOYER = token("employer", "vaasan-konepaja-ab")
COACH = token("coach", "vaasa-tyollisyys")
OPERATOR = token("operator", "kohtaanto")
RECRUITER = token("recruiter", "nordic-staffing-ab")
TEAM = token("team_member", "vaasa-tyollisyys")


def welder_profile(name: str, skills: list[str]) -> dict:
    return {
        "personal": {"name": name, "email": f"{name.split()[0].lower()}@example.fi"},
        "skills": [{"uri": u, "level": "advanced"} for u in skills],
        "work_history": [{"occupation_uri": WELDER, "years": 6, "ended_year": 2025}],
        "education_level": "vocational",
        "languages": [{"code": "fi", "level": "native"}],
        "municipality": "905",
        "max_commute_km": 30,
        "available_from": "2026-11-01",
        "working_time": "any",
        "consented_orgs": ["nordic-staffing-ab"],
    }


@pytest.fixture(scope="module")
def vaasa(stack, taxonomy):
    skills = list(taxonomy.occupation_skills(WELDER)[0][:8])
    body = {
        "title": "Hitsaaja, Vaasa",
        "occupation_uri": WELDER,
        "municipality": "905",
        "working_time": "full_time",
        "openings": 2,
        "skills": [{"uri": u, "essential": True} for u in skills],
    }
    vacancies = []
    for title in ("Hitsaaja, Vaasa", "Hitsaaja, Mustasaari"):
        r = call("POST", f"{stack.url('vacancy')}/api/v1/vacancies", EMPLOYER, {**body, "title": title})
        assert r.status == 201, r.json()
        vacancies.append(r.json()["id"])
    people = {}
    for pid, name in (("vaasa-hired", "Erik Back"), ("vaasa-stays", "Linnea Björk")):
        r = call("PUT", f"{stack.url('profile')}/api/v1/profiles/{pid}", COACH, welder_profile(name, skills))
        assert r.status == 201, r.json()
        people[pid] = r.json()["candidate_id"]
    return vacancies, people


def shortlisted(stack, vacancy_id: str) -> set[str] | None:
    r = call("GET", f"{stack.url('matching')}/api/v1/vacancies/{vacancy_id}/shortlist?k=100", RECRUITER)
    return {e["candidate_id"] for e in r.json()["entries"]} if r.status == 200 else None


def test_a_hired_candidate_is_marked_hired_by_the_profile_service_and_leaves_every_shortlist(stack, vaasa):
    (first, second), people = vaasa
    hired, stays = people["vaasa-hired"], people["vaasa-stays"]
    for vacancy_id in (first, second):
        wait_for(
            lambda v=vacancy_id: (s := shortlisted(stack, v)) is not None and {hired, stays} <= s,
            timeout=90,
            what="both Vaasa welders on both shortlists",
        )

    url = f"{stack.url('matching')}/api/v1/vacancies/{first}/outcomes"
    assert call("POST", url, RECRUITER, {"candidate_id": hired, "status": "proposed"}).status == 201
    r = call("POST", url, RECRUITER, {"candidate_id": hired, "status": "hired", "comment": "Aloittaa 1.12."})
    assert r.status == 201, r.json()

    def profile_status():
        got = call("GET", f"{stack.url('profile')}/api/v1/profiles/vaasa-hired", COACH)
        return got.json()["status"] == "hired" if got.status == 200 else None

    wait_for(profile_status, timeout=60, what="the profile service to mark the profile hired")
    wait_for(
        lambda: all(hired not in (shortlisted(stack, v) or {hired}) for v in (first, second)),
        timeout=60,
        what="the hired candidate to leave every shortlist",
    )
    assert stays in shortlisted(stack, first) and stays in shortlisted(stack, second)

    listed = call("GET", url, TEAM).json()["items"]
    assert [o["status"] for o in listed] == ["proposed", "hired"]


def test_an_unknown_vacancy_or_candidate_gets_no_outcome(stack, vaasa):
    (first, _), people = vaasa
    body = {"candidate_id": people["vaasa-stays"], "status": "proposed"}
    assert (
        call("POST", f"{stack.url('matching')}/api/v1/vacancies/nope/outcomes", RECRUITER, body).status == 404
    )
    r = call(
        "POST",
        f"{stack.url('matching')}/api/v1/vacancies/{first}/outcomes",
        RECRUITER,
        {"candidate_id": "c-ffffffffffffffffffffffff", "status": "proposed"},
    )
    assert r.status == 422 and "candidate_id" in r.json()["errors"]["json"]


def test_an_imported_shortage_list_flags_the_vacancy_in_the_vacancy_service(stack, vaasa):
    (first, _), _ = vaasa
    csv = b"occupation,region,period,level\n7212,pohjanmaa,2026H2,severe_shortage\n"
    request = urllib.request.Request(
        f"{stack.url('matching')}/api/v1/shortages?source=e2e",
        data=csv,
        method="POST",
        headers={"Content-Type": "text/csv", "Authorization": f"Bearer {OPERATOR}"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 201

    def flagged():
        got = call("GET", f"{stack.url('vacancy')}/api/v1/vacancies/{first}", EMPLOYER).json()
        return got["shortage"]

    flag = wait_for(flagged, timeout=60, what="the vacancy service to flag the welder vacancy")
    assert flag == {"level": "severe_shortage", "period": "2026H2", "region": "pohjanmaa", "source": "e2e"}
    matching = call(
        "GET", f"{stack.url('matching')}/api/v1/vacancies?region=pohjanmaa&shortage_only=true", TEAM
    )
    assert first in {v["id"] for v in matching.json()["items"]}
