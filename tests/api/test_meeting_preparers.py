"""Who prepares a region's weekly meeting, and that what is stored does not depend on who pressed the
button (outside tester 26, T26-5): a partner agency's team member or a vocational school's teacher
re-prepared Pirkanmaa's meeting, which was then built from *their* view and shown to everyone."""

import pytest

from tests.api.matching_world import SHORTAGE_CSV, candidate, essential, matching_app, pid, vacancy
from tests.helpers import WELDER, auth

OPERATOR = auth("operator", "kohtaanto")
COACH = auth("coach", "tampere-tyollisyys")  # the city's coach: the region's employment services
TEAM = auth("team_member", "tampere-tyollisyys")
TMA = auth("team_member", "agency-a")  # a partner agency's team member
RA = auth("recruiter", "agency-a")
RB = auth("recruiter", "agency-b")  # a competing partner agency
SCHOOL = auth("coach", "tredu")  # a vocational school's teacher (kind `education`)
W48 = "/meetings/pirkanmaa/2026-W48"
PREPARE = "/api/v1/meetings/pirkanmaa/2026-W48/prepare"

# The best welders consented to nobody (the city's residents: the joint team's to find), then
# agency A's and agency B's own consenting candidates, and a strong welder living in Vaasa who
# consented to agency A only (not Tampere's employment services' to see).
CITY = [pid(f"city-welder-{i}") for i in range(3)]
OWN_A = [pid(f"agency-a-welder-{i}") for i in range(2)]
OWN_B = [pid("agency-b-welder")]
MOVER = pid("vaasa-welder-a")


@pytest.fixture
def app(database_url, clock):
    app = matching_app(database_url, clock)
    vacancy(app, "v-weld", openings=3)
    skills = essential(WELDER, 100)
    for i, cid in enumerate(CITY):
        candidate(app, cid, skills=skills[: len(skills) - i], consent=())
    candidate(app, MOVER, skills=skills, municipality="905", max_commute_km=400, consent=("agency-a",))
    for i, cid in enumerate(OWN_A):
        candidate(app, cid, skills=skills[: len(skills) - 6 - i], consent=("agency-a",))
    candidate(app, OWN_B[0], skills=skills[: len(skills) - 9], consent=("agency-b",))
    r = app.test_client().post(
        "/api/v1/shortages", data=SHORTAGE_CSV, headers={**OPERATOR, "Content-Type": "text/csv"}
    )
    assert r.status_code == 201
    return app


@pytest.fixture
def clock():
    from tests.api.matching_world import Clock

    return Clock()


def shown(client, headers):
    """(id, rank) of each candidate the viewer is shown on the welder vacancy, and the stored
    meeting's ``prepared_by``."""
    body = client.get(f"{W48}/content.json", headers=headers).json
    (weld,) = [v for v in body["content"]["vacancies"] if v["vacancy_id"] == "v-weld"]
    return [(c["candidate_id"], c["rank"]) for c in weld["candidates"]], body["prepared_by"]


def test_the_testers_sequence_a_partner_and_a_school_are_refused_and_the_citys_meeting_stays(app):
    """T26-5 as the tester ran it: the city coach prepares; the agency's team member and the
    school's teacher press "prepare" too. Both get 403 with the reason, and the city coach's
    meeting is unchanged (it was every vacancy's top 5 replaced by the agency's pool, then empty)."""
    client = app.test_client()
    assert client.post(PREPARE, headers=COACH).status_code == 201
    before = shown(client, COACH)
    assert {cid for cid, _ in before[0]} >= set(CITY), before
    for headers in (TMA, SCHOOL):
        r = client.post(PREPARE, headers=headers)
        assert r.status_code == 403, r.json
        reason = r.json["errors"]["path"]["region"][0]
        assert "public employment services" in reason and "pirkanmaa" in reason, reason
        assert r.json["message"] == reason
    assert shown(client, COACH) == before
    assert before[1] == "coach@tampere-tyollisyys"
    # the page's "prepare again" button says the same, in the viewer's language
    page = app.test_client()
    page.get(f"/login?token={TMA['Authorization'].split()[1]}&next={W48}")
    r = page.post(f"{W48}/prepare", headers={"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"})
    assert r.status_code == 403 and b"pirkanmaa" in r.data and shown(client, COACH) == before


@pytest.mark.parametrize(
    ("headers", "status"),
    [(COACH, 201), (TEAM, 201), (OPERATOR, 201), (TMA, 403), (RA, 403), (SCHOOL, 403)],
)
def test_only_the_regions_employment_services_and_the_operator_prepare(app, headers, status):
    assert app.test_client().post(PREPARE, headers=headers).status_code == status


def test_a_partner_or_a_school_opening_a_coming_week_does_not_prepare_it(app):
    """Opening the current or a coming week prepares it only for those who may prepare it."""
    client = app.test_client()
    for headers in (TMA, SCHOOL):
        assert client.get("/meetings/pirkanmaa/2026-W49/content.json", headers=headers).status_code == 404
    assert client.get("/meetings/pirkanmaa/2026-W49/content.json", headers=COACH).status_code == 200
    r = client.get("/meetings/pirkanmaa/2026-W49/content.json", headers=TMA)
    assert r.status_code == 200 and r.json["prepared_by"] == "coach@tampere-tyollisyys"


def test_the_stored_meeting_is_the_same_whoever_prepares_it_and_each_viewer_sees_its_part(app):
    """The content ranks every candidate whoever prepares it; each viewer is shown, at read time,
    the candidates it may see (consent per organisation) with their real ranks."""
    client = app.test_client()
    viewers = {"coach": COACH, "agency-a": RA, "agency-b": RB, "school": SCHOOL, "operator": OPERATOR}
    seen = {}
    for preparer in (OPERATOR, COACH, TEAM):
        assert client.post(PREPARE, headers=preparer).status_code == 201
        now = {name: shown(client, h)[0] for name, h in viewers.items()}
        seen.setdefault("first", now)
        assert now == seen["first"], preparer
    first = seen["first"]
    ids = {name: [cid for cid, _ in rows] for name, rows in first.items()}
    # the operator sees the stored top candidates: the best of everyone, the Vaasa welder among them
    assert set(ids["operator"][:4]) == {MOVER, *CITY}
    # the city's coach: the region's residents, not a Vaasa resident who consented to agency A only
    assert set(CITY) <= set(ids["coach"]) and MOVER not in ids["coach"]
    # agency A: only its own consenting candidates, at their real ranks (gaps where others' are)
    assert set(ids["agency-a"]) <= {MOVER, *OWN_A} and MOVER in ids["agency-a"]
    ranks = dict(first["operator"])
    assert all(rank == ranks[cid] for cid, rank in first["agency-a"])
    # agency B never sees agency A's or the city's candidates; the school, with no consent, none
    assert set(ids["agency-b"]) <= set(OWN_B)
    assert ids["school"] == []
