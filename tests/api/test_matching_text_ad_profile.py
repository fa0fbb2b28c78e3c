"""Outside tester 20, P2, through the API: a Finnish text-only "Sähköasentaja" ad (no occupation
named, no skill confirmed) is read as electrician; the shortlist ranks the electricians by the
electrician's essential skills as a named occupation's would (all 21 with work history first, half
of them below, the plumber far below) and lists each one's matched and missing essential skills, and
the vacancy block says they are those of the occupation read from the title."""

import pytest

from tests.api.matching_world import Clock, candidate, essential, matching_app, pid, vacancy
from tests.helpers import auth
from tests.unit.matching.test_text_ad_inferred_profile import ELECTRICIAN, HALF, PLUMBER, TEXT

TEAM = auth("team_member", "tampere-tyollisyys")


@pytest.fixture
def app(database_url):
    app = matching_app(database_url, Clock())
    electrician = essential(ELECTRICIAN, 100)
    candidate(app, pid("elec-full"), skills=electrician, history=ELECTRICIAN)
    candidate(app, pid("elec-half"), skills=HALF, history=None)
    candidate(app, pid("elec-wh"), skills=[], history=ELECTRICIAN)
    candidate(app, pid("plumber"), skills=essential(PLUMBER, 100), history=PLUMBER)
    vacancy(app, "v-elec-text", occupation=None, skills=[], title="Sähköasentaja", description=TEXT)
    return app


def test_the_text_ad_ranks_electricians_by_the_electricians_essential_skills(app):
    body = (
        app.test_client().get("/api/v1/vacancies/v-elec-text/shortlist?k=10&lang=en", headers=TEAM).get_json()
    )
    ranked = body["vacancy"]["ranked_occupation"]
    assert ranked["uri"] == ELECTRICIAN and ranked["inferred"] and ranked["essential_skills"], ranked
    assert "of the occupation read from the title" in ranked["note"]
    entries = {e["candidate_id"]: e for e in body["entries"]}
    order = [e["candidate_id"] for e in body["entries"]]
    full, half, wh, plumber = (pid(n) for n in ("elec-full", "elec-half", "elec-wh", "plumber"))
    assert order.index(full) == 0 and order.index(wh) < order.index(half) < order.index(plumber), order
    n = len(essential(ELECTRICIAN, 100))
    assert len(entries[full]["matched_essential"]) == n and entries[full]["missing_essential"] == []
    assert len(entries[half]["matched_essential"]) >= 10
    assert len(entries[half]["matched_essential"]) + len(entries[half]["missing_essential"]) == n
    assert entries[full]["match"] - entries[half]["match"] >= 5


def test_the_note_is_in_the_asked_language(app):
    client = app.test_client()
    fi = client.get("/api/v1/vacancies/v-elec-text/shortlist?k=3&lang=fi", headers=TEAM).get_json()
    assert "nimikkeestä päätellyn ammatin" in fi["vacancy"]["ranked_occupation"]["note"]
