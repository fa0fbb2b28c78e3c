"""Outside tester 26, T26-12: a Mariehamn (Åland) resident was shown 448 km "commuting" to a job in
Vaasa across the Gulf of Bothnia, ranked among the locals. Åland has no road link to the mainland:
a distance between Åland and the mainland is marked ``sea_crossing`` wherever a distance is shown
(shortlist, explanation, meeting), and no ``max_commute_km`` lets such a pair through (it is no
commute); a remote vacancy, which measures no commute, still lists them, marked."""

import csv
import io

import pytest

from services.matching.team.web import CSV_COLUMNS
from tests.api.matching_world import SHORTAGE_CSV, Clock, candidate, essential, matching_app, pid, vacancy
from tests.helpers import WELDER, auth

# ranking from the in-memory index: the PostgreSQL half is opt-in (KOHTAANTO_TEST_POSTGRES_ALL=1, tests/api/conftest.py)
pytestmark = pytest.mark.storage_independent

TEAM = auth("recruiter", "agency-a")
OPERATOR = auth("operator", "kohtaanto")
SKILLS = essential(WELDER, 100)
MARIEHAMN, JOMALA, KOKAR, VAASA, KORSHOLM, TURKU = "478", "170", "318", "905", "499", "853"


@pytest.fixture
def app(database_url):
    app = matching_app(database_url, Clock())
    candidate(app, pid("mariehamn"), skills=SKILLS, municipality=MARIEHAMN, max_commute_km=500)
    candidate(app, pid("korsholm"), skills=SKILLS, municipality=KORSHOLM, max_commute_km=20)
    candidate(app, pid("kokar"), skills=SKILLS, municipality=KOKAR, max_commute_km=100)
    return app


def entries(app, vacancy_id="v-weld"):
    r = app.test_client().get(f"/api/v1/vacancies/{vacancy_id}/shortlist?k=10", headers=TEAM)
    assert r.status_code == 200, r.json
    return {e["candidate_id"]: e for e in r.json["entries"]}


def test_a_job_on_the_mainland_is_no_commute_from_aland_whatever_the_maximum_commute(app):
    vacancy(app, "v-weld", municipality=VAASA, region="pohjanmaa")
    found = entries(app)
    assert set(found) == {pid("korsholm")}, "the Mariehamn resident's 500 km do not cross the sea"
    assert found[pid("korsholm")]["sea_crossing"] is False


def test_a_job_on_aland_reaches_alands_own_residents_by_road_and_no_one_across_the_sea(app):
    candidate(app, pid("turku"), skills=SKILLS, municipality=TURKU, max_commute_km=500)
    vacancy(app, "v-weld", municipality=JOMALA, region="ahvenanmaa")
    found = entries(app)
    assert set(found) == {pid("mariehamn"), pid("kokar")}
    assert not any(e["sea_crossing"] for e in found.values())


def test_a_remote_job_lists_both_sides_with_the_crossing_marked(app):
    vacancy(app, "v-weld", municipality=VAASA, region="pohjanmaa", work_mode="remote")
    found = entries(app)
    assert set(found) == {pid("mariehamn"), pid("korsholm"), pid("kokar")}
    assert found[pid("mariehamn")]["sea_crossing"] is True and found[pid("mariehamn")]["distance_km"] > 400
    assert found[pid("korsholm")]["sea_crossing"] is False


def test_a_second_site_on_the_candidates_side_of_the_sea_is_the_one_measured(app):
    vacancy(app, "v-weld", municipality=VAASA, region="pohjanmaa", other_municipalities=[MARIEHAMN])
    found = entries(app)
    assert set(found) == {pid("mariehamn"), pid("korsholm"), pid("kokar")}
    assert found[pid("mariehamn")]["distance_km"] == 0.0 and found[pid("mariehamn")]["sea_crossing"] is False


@pytest.mark.parametrize(("lang", "words"), [("en", "no road between home and work"), ("fi", "ei ole tietä")])
def test_the_explanation_names_the_sea_as_why_the_candidate_is_not_listed(app, lang, words):
    vacancy(app, "v-weld", municipality=VAASA, region="pohjanmaa")
    r = app.test_client().get(
        f"/api/v1/vacancies/v-weld/candidates/{pid('mariehamn')}/explanation",
        headers={**TEAM, "Accept-Language": lang},
    )
    assert r.status_code == 200, r.json
    assert r.json["sea_crossing"] is True and r.json["distance_km"] > 400
    [reason] = r.json["filters"]
    assert words in reason and "448" not in reason


def test_the_meeting_marks_a_candidate_across_the_sea_in_its_json_csv_and_page(app):
    client = app.test_client()
    assert (
        client.post(
            "/api/v1/shortages", data=SHORTAGE_CSV, headers={**OPERATOR, "Content-Type": "text/csv"}
        ).status_code
        == 201
    )
    vacancy(app, "v-weld", municipality=VAASA, region="pohjanmaa", work_mode="remote")
    assert (
        client.post("/api/v1/meetings/pohjanmaa/2026-W48/prepare", json={}, headers=OPERATOR).status_code
        == 201
    )
    content = client.get("/meetings/pohjanmaa/2026-W48/content.json", headers=OPERATOR).json["content"]
    [weld] = [v for v in content["vacancies"] if v["vacancy_id"] == "v-weld"]
    crossing = {c["candidate_id"]: c["sea_crossing"] for c in weld["candidates"]}
    assert crossing == {pid("mariehamn"): True, pid("kokar"): True, pid("korsholm"): False}
    rows = list(
        csv.reader(io.StringIO(client.get("/meetings/pohjanmaa/2026-W48/content.csv", headers=OPERATOR).text))
    )
    by_id = {r[CSV_COLUMNS.index("candidate_id")]: r[CSV_COLUMNS.index("sea_crossing")] for r in rows[1:]}
    assert by_id[pid("mariehamn")] == "true" and by_id[pid("korsholm")] == "false"
    page = client.get("/meetings/pohjanmaa/2026-W48?lang=en", headers=OPERATOR).get_data(as_text=True)
    assert page.count("across the sea") == 2
