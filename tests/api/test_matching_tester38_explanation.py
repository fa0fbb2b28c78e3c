"""Outside tester 38, M1, through the API: on the tester's text-only "Lähihoitaja kotihoitoon" ad, a
newly qualified practical nurse whose claims are medication skills. What a recruiter reads in her
explanation splits the vacancy's skills as the vacancy's own `GET /vacancies/<id>/skills` does (the
medication skill the ad requires is an essential one held, not `matched_optional`), and names no
occupation from two claims ("hospital pharmacist 0.953" before): `occupations_withheld` says one was
read and not shown. Whoever holds the occupation's profile, or has years in it, is shown it, with
the evidence."""

import pytest

from tests.api.matching_world import Clock, _taxonomy, candidate, essential, matching_app, pid, vacancy
from tests.helpers import auth
from tests.unit.matching.test_tester38_explanation import AD, CLAIMED

# ranking from the in-memory index: the PostgreSQL half is opt-in (KOHTAANTO_TEST_POSTGRES_ALL=1, tests/api/conftest.py)
pytestmark = pytest.mark.storage_independent

TEAM = auth("team_member", "tampere-tyollisyys")
HCA = "http://data.europa.eu/esco/occupation/d38c2107-98f2-47b7-8bb4-f69750d51082"  # healthcare assistant


def _uri(label: str) -> str:
    t = _taxonomy()
    return t.skill_uris[t.tables.skill_labels["en"].index(label)]


@pytest.fixture
def app(database_url):
    app = matching_app(database_url, Clock())
    candidate(app, pid("lh-new"), skills=[_uri(s) for s in CLAIMED], history=None)
    candidate(app, pid("hca"), skills=essential(HCA, 100), history=HCA)
    title, text = AD
    vacancy(app, "v-lh", occupation=None, skills=[], title=title, description=text)
    return app


def _split(body: dict) -> dict[str, bool]:
    out = {s["uri"]: s["essential"] for s in body["occupation_skills"]}
    out |= {s["uri"]: s["essential"] for s in body["suggested_skills"]}
    return out | {s["uri"]: s["essential"] for s in body["chosen_skills"]}


@pytest.mark.parametrize("who", ["lh-new", "hca"])
def test_the_explanation_splits_skills_as_the_vacancy_s_skills_page(app, who):
    client = app.test_client()
    split = _split(client.get("/api/v1/vacancies/v-lh/skills?lang=en", headers=TEAM).get_json())
    got = client.get(f"/api/v1/vacancies/v-lh/candidates/{pid(who)}/explanation?lang=en", headers=TEAM)
    assert got.status_code == 200, got.get_json()
    e = got.get_json()
    for uri in e["matched_essential"] + e["missing_essential"]:
        assert split.get(uri) is True, uri
    for uri in e["matched_optional"] + e["missing_optional"]:
        assert split.get(uri) is not True, uri
    held = e["essential_held"]
    assert held["held"] == len(e["matched_essential"])
    assert held["of"] == len(e["matched_essential"]) + len(e["missing_essential"])
    if who == "lh-new":
        assert _uri("administer prescribed medication") in e["matched_essential"]


def test_no_occupation_is_shown_from_her_two_claims_and_the_trade_s_own_is(app):
    client = app.test_client()
    new, hca = (
        client.get(f"/api/v1/vacancies/v-lh/candidates/{pid(w)}/explanation?lang=en", headers=TEAM).get_json()
        for w in ("lh-new", "hca")
    )
    assert new["occupations"] == [] and new["occupations_withheld"] >= 1, new["occupations"]
    top = hca["occupations"][0]
    assert top["uri"] == HCA and top["work_history"] and top["supporting_skills"] >= 3, top
