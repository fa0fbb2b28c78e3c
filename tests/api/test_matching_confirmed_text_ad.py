"""Outside tester 34, F1, through the vacancy events as the matching service reads them: a text-only
cook ad read surely as cook ranks cooks of years by the cook's essential skills; after the employer
confirms the suggestions the rules name (a new version listing them, the working-hours ones
rejected, as the `requirements_unconfirmed` warning asks) it still does, the confirmed skills added
to the cook's profile. Before the fix the cooks fell from about 96 to about 70, holding "2/3" and
each missing *work in teams*, and `ranked_occupation.essential_skills` turned false."""

import pytest

from tests.api.matching_world import Clock, candidate, essential, matching_app, pid, vacancy
from tests.helpers import auth
from tests.unit.matching.test_confirmed_text_ad import COOK_AD

# ranking from the in-memory index: the PostgreSQL half is opt-in (KOHTAANTO_TEST_POSTGRES_ALL=1, tests/api/conftest.py)
pytestmark = pytest.mark.storage_independent

TEAM = auth("team_member", "tampere-tyollisyys")
EMPLOYER = auth("employer", "konepaja-oy")
COOK = "http://data.europa.eu/esco/occupation/90f75f67-495d-49fa-ab57-2f320e251d7e"


@pytest.fixture
def app(database_url):
    app = matching_app(database_url, Clock())
    cook = essential(COOK, 100)
    for i in range(3):
        candidate(app, pid(f"cook-{i}"), skills=cook[i:], history=COOK)
    candidate(app, pid("graduate"), skills=cook[:8], history=None)
    title, text, _ = COOK_AD
    vacancy(app, "v-cook", occupation=None, skills=[], title=title, description=text)
    return app


def _shortlist(app) -> dict:
    return app.test_client().get("/api/v1/vacancies/v-cook/shortlist?k=10&lang=en", headers=TEAM).get_json()


def test_confirming_the_suggestions_keeps_the_cooks_profile_and_their_match(app):
    n = len(essential(COOK, 100))
    before = _shortlist(app)
    assert before["vacancy"]["ranked_occupation"]["essential_skills"]
    offered = app.test_client().get("/api/v1/vacancies/v-cook/skills?lang=en", headers=EMPLOYER).get_json()
    ruled = [s for s in offered["suggested_skills"] if s["score"] >= 1.0]
    hours = [s["uri"] for s in offered["suggested_skills"] if s["source"].startswith("Työaika")]
    assert len(ruled) >= 3 and any(s["essential"] for s in ruled), ruled
    title, text, _ = COOK_AD
    vacancy(
        app,
        "v-cook",
        occupation=None,
        version=2,
        title=title,
        description=text,
        skills=[s["uri"] for s in ruled if s["essential"]],
        optional_skills=[s["uri"] for s in ruled if not s["essential"]],
        rejected_skills=hours,
    )
    after = _shortlist(app)
    ranked = after["vacancy"]["ranked_occupation"]
    assert ranked["uri"] == COOK and ranked["essential_skills"], ranked
    assert "of the occupation read from the title" in ranked["note"]
    confirmed = {s["uri"] for s in ruled if s["essential"]}
    was = {e["candidate_id"]: e for e in before["entries"]}
    now = {e["candidate_id"]: e for e in after["entries"]}
    for i in range(3):
        e = now[pid(f"cook-{i}")]
        assert e["essential_held"]["held"] >= n and e["essential_held"]["of"] >= n, e["essential_held"]
        assert set(e["missing_essential"]) <= confirmed  # at most what the employer added
        assert e["match"] > 85 and e["match"] > was[pid(f"cook-{i}")]["match"] - 3, (e["match"], i)
    order = [e["candidate_id"] for e in after["entries"]]
    assert order.index(pid("graduate")) == 3, order
    skills = app.test_client().get("/api/v1/vacancies/v-cook/skills?lang=en", headers=EMPLOYER).get_json()
    assert {s["uri"] for s in skills["occupation_skills"] if s["essential"]} >= set(
        essential(COOK, 100)
    ) - confirmed
