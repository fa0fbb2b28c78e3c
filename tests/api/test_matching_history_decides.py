"""The README's welder through the matching API (outside tester, issue 11 F5): six years as a
welder and two welding claims read as a welder and as a strong match on a welder vacancy, ranked
above people of a sibling trade (spot welders) and of other metal trades."""

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
from tests.helpers import MAG_WELDING, USE_WELDING_EQUIPMENT, WELDER, auth

TEAM = auth("team_member", "tampere-tyollisyys")
SPOT_WELDER = "http://data.europa.eu/esco/occupation/97dadd59-d1cb-4fef-81a7-d92eb15572e2"


def _tester(app, candidate_id: str) -> None:
    apply(
        app,
        CANDIDATES,
        candidate_id,
        "candidate.upserted",
        {
            "candidate_id": candidate_id,
            "version": 1,
            "status": "active",
            "skills": [
                {"uri": USE_WELDING_EQUIPMENT, "level": "advanced"},
                {"uri": MAG_WELDING, "level": "intermediate"},
            ],
            "suggested_skills": [],
            "work_history": [{"occupation_uri": WELDER, "years": 6, "ended_year": 2025}],
            "languages": [{"code": "fi", "level": "native"}],
            "municipality": "536",
            "max_commute_km": 40,
            "available_from": "2026-11-02",
            "working_time": "any",
            "consented_orgs": ["agency-a"],
        },
    )


def test_the_readme_welder_of_six_years_is_a_welder_and_a_strong_match_for_a_welder_vacancy(database_url):
    app = matching_app(database_url, Clock())
    vacancy(app, "v-weld")
    for k in range(4):  # spot welders by history and claims, four of their essential skills each
        candidate(app, pid(f"spot{k}"), skills=essential(SPOT_WELDER, 4 + k), history=SPOT_WELDER)
    tester = pid("readme-welder")
    _tester(app, tester)
    r = app.test_client().get("/api/v1/vacancies/v-weld/shortlist?k=20", headers=TEAM)
    assert r.status_code == 200, r.json
    entries = r.json["entries"]
    ranks = {e["candidate_id"]: e for e in entries}
    me = ranks[tester]
    assert me["occupations"][0]["uri"] == WELDER, me["occupations"]  # before: spot welder 0.808
    assert me["match"] >= 90, me["match"]  # before: 74.7, 20th (the tester's demo)
    assert me["rank"] == 1, [(e["rank"], e["candidate_id"], e["match"]) for e in entries]
