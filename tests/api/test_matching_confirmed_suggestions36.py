"""Outside tester 36, H1, as the recruiter reads it: on a text-only bakery ad, a profile holding five
of the ad's suggested skills only as unconfirmed `suggested_skills` ranked first (match 4.4) and the
same five confirmed by the coach in `skills` 2nd to 7th (3.8-4.1) at every level, even expert.
Confirming a suggestion moves a jobseeker up or leaves them, never down; a higher level never reads
lower; the explanation still tells a suggestion from a claim. The rule's property over vacancies and
levels: tests/unit/matching/test_confirming_suggestions36.py."""

from __future__ import annotations

import pytest

from services.matching.index.domain.model import SKILL_LEVELS
from tests.api.matching_world import (
    CANDIDATES,
    Clock,
    apply,
    candidate,
    essential,
    matching_app,
    pid,
    vacancy,
)
from tests.helpers import auth

TEAM = auth("team_member", "tampere-tyollisyys")
EMPLOYER = auth("employer", "konepaja-oy")
BAKER = "http://data.europa.eu/esco/occupation/1aadb308-432a-4d01-b54b-b4f7f76dd419"
TITLE, TEXT = "Leipuri aamuvuoroon", "Leipuri aamuvuoroon. Leivot leipiä ja pullia."


def _person(app, name: str, claims: dict[str, str], suggested: list[str]) -> None:
    """A Tampere jobseeker without work history: `claims` {uri: level} confirmed, `suggested` not."""
    payload = {
        "candidate_id": pid(name),
        "version": 1,
        "status": "active",
        "skills": [{"uri": u, "level": level} for u, level in claims.items()],
        "suggested_skills": suggested,
        "work_history": [],
        "languages": [{"code": "fi", "level": "native"}],
        "municipality": "837",
        "max_commute_km": 50,
        "available_from": "2026-11-01",
        "working_time": "any",
        "consented_orgs": ["agency-a"],
    }
    apply(app, CANDIDATES, pid(name), "candidate.upserted", payload)


@pytest.fixture
def world(database_url):
    app = matching_app(database_url, Clock())
    vacancy(app, "v-bake", occupation=None, skills=[], title=TITLE, description=TEXT)
    offered = app.test_client().get("/api/v1/vacancies/v-bake/skills?lang=en", headers=EMPLOYER).get_json()
    five = [s["uri"] for s in offered["suggested_skills"][:5]]
    assert len(five) == 5, offered
    baker = essential(BAKER, 100)
    for i in range(3):  # bakers of years, above everyone holding five skills
        candidate(app, pid(f"baker-{i}"), skills=baker[i:], history=BAKER)
    _person(app, "suggested", {}, five)
    for level in SKILL_LEVELS:
        _person(app, f"claimed-{level}", dict.fromkeys(five, level), [])
    _person(app, "3 advanced + 2 suggested", dict.fromkeys(five[:3], "advanced"), five[3:])
    _person(app, "nothing", {}, [])
    return app


def _read(app, name: str) -> dict:
    url = f"/api/v1/vacancies/v-bake/candidates/{pid(name)}/explanation?lang=en"
    response = app.test_client().get(url, headers=TEAM)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_confirming_the_bakery_ads_suggestions_never_moves_a_jobseeker_down(world):
    suggested = _read(world, "suggested")
    assert {e["kind"] for e in suggested["evidence"].values()} == {"suggested"}
    mixed = _read(world, "3 advanced + 2 suggested")
    last = None
    for level in SKILL_LEVELS:
        claimed = _read(world, f"claimed-{level}")
        assert {e["kind"] for e in claimed["evidence"].values()} == {"claimed"}
        assert claimed["rank"] < suggested["rank"], (level, claimed["rank"], suggested["rank"])
        assert claimed["match"] >= suggested["match"], (level, claimed["match"], suggested["match"])
        if level == "advanced":
            assert claimed["rank"] < mixed["rank"] < suggested["rank"]
            assert claimed["match"] >= mixed["match"] >= suggested["match"]
        if last is not None:  # a higher level: never lower (expert weighs as advanced: a tie by id)
            assert claimed["score"] >= last["score"] and claimed["match"] >= last["match"], level
            assert claimed["rank"] <= last["rank"] or claimed["score"] == last["score"], level
        last = claimed
    shortlist = (
        world.test_client().get("/api/v1/vacancies/v-bake/shortlist?k=20&lang=en", headers=TEAM).get_json()
    )
    order = [e["candidate_id"] for e in shortlist["entries"]]
    assert pid("nothing") not in order
    assert order.index(pid("claimed-basic")) < order.index(pid("suggested")), order
