"""Outside tester 26 through the three services and the real broker: a remote vacancy finds candidates
beyond the commute, a vacancy with a second work site finds those near it (F9), and a reopened vacancy
gets a shortlist again (F10)."""

from __future__ import annotations

import pytest

from deploy.http_client import call, wait_for
from tests.helpers import WELDER, token

pytestmark = [pytest.mark.e2e, pytest.mark.kafka]

EMPLOYER = token("employer", "konepaja-oy")
COACH = token("coach", "tampere-tyollisyys")
RECRUITER = token("recruiter", "agency-a")
TAMPERE, ROVANIEMI = "837", "698"


def profile(skills, municipality):
    return {
        "personal": {"name": "Testi Henkilö", "email": "testi@example.fi"},
        "skills": [{"uri": u, "level": "advanced"} for u in skills],
        "work_history": [{"occupation_uri": WELDER, "years": 5, "ended_year": 2025}],
        "education_level": "vocational",
        "languages": [{"code": "fi", "level": "native"}],
        "municipality": municipality,
        "max_commute_km": 30,
        "available_from": "2026-12-01",
        "working_time": "any",
        "consented_orgs": ["agency-a"],
    }


@pytest.fixture(scope="module")
def people(stack, taxonomy):
    """Three welders in Tampere and three in Rovaniemi (about 480 km north), each commuting 30 km."""
    skills = taxonomy.occupation_skills(WELDER)[0][:14]
    ids: dict[str, set[str]] = {TAMPERE: set(), ROVANIEMI: set()}
    for place in (TAMPERE, ROVANIEMI):
        for i in range(3):
            r = call(
                "PUT", f"{stack.url('profile')}/api/v1/profiles/f9-{place}-{i}", COACH, profile(skills, place)
            )
            assert r.status == 201, r.json()
            ids[place].add(r.json()["candidate_id"])
    return ids


def post(stack, taxonomy, **more):
    body = {
        "title": "Hitsaaja",
        "occupation_uri": WELDER,
        "municipality": TAMPERE,
        "working_time": "full_time",
        "start_date": "2027-01-11",
        "skills": [{"uri": u, "essential": True} for u in taxonomy.occupation_skills(WELDER)[0][:10]],
        **more,
    }
    r = call("POST", f"{stack.url('vacancy')}/api/v1/vacancies", EMPLOYER, body)
    assert r.status == 201, r.json()
    return r.json()


def listed_once(stack, vacancy_id, want, what):
    """The shortlist's candidate ids (of 200) once `want(ids, body)` holds, polled with a deadline."""

    def probe():
        r = call("GET", f"{stack.url('matching')}/api/v1/vacancies/{vacancy_id}/shortlist?k=200", RECRUITER)
        if r.status != 200:
            return None
        body = r.json()
        ids = {e["candidate_id"] for e in body["entries"]}
        return (ids, body) if want(ids, body) else None

    return wait_for(probe, timeout=120, interval=0.5, what=what)


def test_a_remote_vacancy_finds_candidates_beyond_the_commute_and_an_on_site_one_does_not(
    stack, taxonomy, people
):
    everyone = people[TAMPERE] | people[ROVANIEMI]
    remote = post(stack, taxonomy, work_mode="remote", salary={"collective_agreement": True})
    ids, body = listed_once(
        stack, remote["id"], lambda ids, _: everyone <= ids, "the remote vacancy's shortlist"
    )
    assert body["vacancy"]["work_mode"] == "remote"
    assert body["vacancy"]["salary"]["collective_agreement"] is True
    far = [e["distance_km"] for e in body["entries"] if e["candidate_id"] in people[ROVANIEMI]]
    assert far and min(far) > 300  # shown as measured; not a filter

    on_site = post(stack, taxonomy)
    ids, _ = listed_once(stack, on_site["id"], lambda ids, _: people[TAMPERE] <= ids, "the on-site shortlist")
    assert not ids & people[ROVANIEMI]


def test_a_vacancy_with_a_second_site_finds_the_candidates_near_that_site(stack, taxonomy, people):
    two_sites = post(stack, taxonomy, other_municipalities=["Rovaniemi"])
    assert two_sites["other_municipalities"] == [ROVANIEMI]
    everyone = people[TAMPERE] | people[ROVANIEMI]
    _, body = listed_once(stack, two_sites["id"], lambda ids, _: everyone <= ids, "the two-site shortlist")
    assert {e["distance_km"] for e in body["entries"] if e["candidate_id"] in everyone} == {0.0}


def test_a_closed_vacancy_reopened_by_its_employer_gets_its_shortlist_again(stack, taxonomy, people):
    vacancy = post(stack, taxonomy)
    vid, url = vacancy["id"], f"{stack.url('vacancy')}/api/v1/vacancies/{vacancy['id']}"
    listed_once(stack, vid, lambda ids, _: people[TAMPERE] <= ids, "the shortlist before the close")

    closed = call("POST", f"{url}/close", EMPLOYER, {"reason": "filled"})
    assert closed.status == 200, closed.json()
    listed_once(stack, vid, lambda ids, body: not ids and body.get("vacancy_status") == "closed", "the close")

    assert call("POST", f"{url}/reopen", EMPLOYER, {}).status == 200
    again = call("POST", f"{url}/reopen", EMPLOYER, {})
    assert again.status == 409, again.json()  # it is open: nothing more published
    _, body = listed_once(stack, vid, lambda ids, _: people[TAMPERE] <= ids, "the reopened shortlist")
    assert body["vacancy"]["status"] == "open" and body["vacancy"]["version"] == 3
