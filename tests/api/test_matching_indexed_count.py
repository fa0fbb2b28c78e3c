"""Outside tester 26, T26-13: every shortlist told every partner agency ``candidates_indexed``, the
national number of jobseekers. Each viewer gets what it needs: the system operator, who sees every
candidate, the count; everyone else no such field (what they may see is counted in
``exclusions.considered``)."""

import pytest

from tests.api.matching_world import welding_shortage_world
from tests.helpers import auth


@pytest.fixture
def app(database_url):
    return welding_shortage_world(database_url)


@pytest.mark.parametrize("closed", [False, True])
def test_only_the_system_operator_is_told_how_many_candidates_the_index_holds(app, closed):
    from tests.api.matching_world import vacancy

    if closed:
        vacancy(app, "v-weld", version=2, status="closed", close_reason="filled", openings=3)
    client = app.test_client()
    operator = client.get("/api/v1/vacancies/v-weld/shortlist", headers=auth("operator", "kohtaanto"))
    assert operator.status_code == 200 and operator.json["candidates_indexed"] == 6
    for caller in (
        auth("recruiter", "agency-a"),
        auth("recruiter", "nordic-staffing-ab"),
        auth("coach", "tampere-tyollisyys"),
        auth("team_member", "tampere-tyollisyys"),
    ):
        r = client.get("/api/v1/vacancies/v-weld/shortlist", headers=caller)
        assert r.status_code == 200, r.json
        assert "candidates_indexed" not in r.json, caller


def test_the_openapi_document_says_who_is_told_the_count(app):
    spec = app.test_client().get("/openapi.json").json
    described = spec["components"]["schemas"]["Shortlist"]["properties"]["candidates_indexed"]["description"]
    assert "system operator only" in described
