"""Service-path watch points from the profile service reach the weekly meeting, counted and
pseudonymous; a tombstone erases a withdrawn jobseeker's; an older version changes nothing."""

import re
from datetime import timedelta

import pytest

from services.matching.team.consumer import handle_path
from services.matching.team.repository import UnitOfWork
from shared.messaging.consumer import Record
from shared.messaging.envelope import Envelope
from tests.api.matching_world import Clock, matching_app
from tests.helpers import auth

TEAM = auth("team_member", "tampere-tyollisyys")
PATHS = "kohtaanto.paths.v1"


@pytest.fixture
def app(database_url):
    return matching_app(database_url, Clock())


def feed(app, candidate_id, payload, version=1):
    engine = app.extensions["kohtaanto.engine"]
    envelope = None
    if payload is not None:
        envelope = Envelope(
            "path.updated", candidate_id, {"candidate_id": candidate_id, "version": version, **payload}, "t"
        )
    handle_path(lambda: UnitOfWork(engine), Record(PATHS, 0, 0, candidate_id, envelope))


def path(watch, status="open", region="pirkanmaa", path_id="p-1"):
    return {
        "path_id": path_id,
        "status": status,
        "region": region,
        "coach_org": "tampere-tyollisyys",
        "watch": watch,
    }


def test_the_meeting_counts_jobseekers_about_to_fall_off_their_path(app):
    feed(
        app,
        "c-aaa",
        path([{"reason": "handover_unacknowledged", "from": "2026-11-20", "org": "tredu", "ref": "h"}]),
    )
    feed(
        app,
        "c-bbb",
        path([{"reason": "step_overdue", "from": "2027-01-01", "org": "tampere-tyollisyys", "ref": "s"}]),
    )
    feed(
        app,
        "c-ccc",
        path([{"reason": "no_active_step", "from": "2026-11-01", "org": "tampere-tyollisyys", "ref": "p"}]),
    )
    feed(
        app,
        "c-ddd",
        path([{"reason": "no_active_step", "from": "2026-11-01", "org": "x", "ref": "p"}], region="uusimaa"),
    )
    feed(app, "c-eee", path([], status="closed"))
    # an older version of the same path is ignored; a withdrawn jobseeker's points are erased
    feed(app, "c-aaa", path([]), version=0)
    feed(app, "c-fff", path([{"reason": "no_active_step", "from": "2026-11-01", "org": "tredu", "ref": "p"}]))
    feed(app, "c-fff", None)

    client = app.test_client()
    r = client.post("/api/v1/meetings/pirkanmaa/2026-W48/prepare", headers=TEAM)
    assert r.status_code == 201
    content = client.get("/meetings/pirkanmaa/2026-W48/content.json", headers=TEAM).json["content"]
    paths = content["paths"]
    assert (paths["followed"], paths["needing_attention"]) == (3, 2)
    assert [r["candidate_id"] for r in paths["rows"]] == ["c-ccc", "c-aaa"]
    assert content["totals"]["path_attention"] == 2
    page = client.get("/meetings/pirkanmaa/2026-W48", headers=TEAM).get_data(as_text=True)
    assert 'id="paths"' in page and "siirtoa ei kuitattu" in page and "tredu" in page
    # outside tester 8, J10: "who must act" named the registry id, the table below the registry name
    orgs = re.sub(r"<[^>]+>", "", page.split('class="path-orgs">')[1].split("</ul>")[0])  # as read
    assert "Tampereen seudun ammattiopisto (test)" in orgs and "tredu" not in orgs, orgs
    assert "tampere-tyollisyys" not in orgs
    swedish = client.get("/meetings/pirkanmaa/2026-W48?lang=sv", headers=TEAM).get_data(as_text=True)
    assert "överlämning" in swedish and "överföring" not in swedish


def test_a_withdrawal_takes_the_person_out_of_the_stored_meetings_path_counts_too(app):
    """Outside tester 27, T27-1: the withdrawn jobseeker's row left the stored meeting but the counts
    (needing attention, by reason, by organisation, followed, the totals tile) still held them."""
    from services.matching.team.erasure import erase_candidate

    for cid, reason, org in (
        ("c-aaa", "handover_unacknowledged", "tredu"),
        ("c-ccc", "no_active_step", "tampere-tyollisyys"),
        ("c-ggg", "no_active_step", "tampere-tyollisyys"),
    ):
        feed(app, cid, path([{"reason": reason, "from": "2026-11-01", "org": org, "ref": "p"}]))
    client = app.test_client()
    assert client.post("/api/v1/meetings/pirkanmaa/2026-W48/prepare", headers=TEAM).status_code == 201
    before = client.get("/meetings/pirkanmaa/2026-W48/content.json", headers=TEAM).json["content"]
    assert (before["paths"]["followed"], before["paths"]["needing_attention"]) == (3, 3)

    team = app.extensions["kohtaanto.matching.team"]
    erase_candidate(team.uow_factory, "c-aaa")
    erase_candidate(team.uow_factory, "c-ccc")
    erase_candidate(team.uow_factory, "c-ccc")  # idempotent: counted down once

    content = client.get("/meetings/pirkanmaa/2026-W48/content.json", headers=TEAM).json["content"]
    paths = content["paths"]
    assert [r["candidate_id"] for r in paths["rows"]] == ["c-ggg"]
    assert (paths["followed"], paths["needing_attention"], content["totals"]["path_attention"]) == (1, 1, 1)
    assert paths["by_reason"] == [{"key": "no_active_step", "count": 1}]
    assert paths["by_org"] == [{"key": "tampere-tyollisyys", "count": 1}]
    page = client.get("/meetings/pirkanmaa/2026-W48", headers=TEAM).get_data(as_text=True)
    assert "tredu" not in page.split('id="paths"')[1].split("</section>")[0]


def rate(app, i, org, score, week="2026-W48", rater="jobseeker", region="pirkanmaa"):
    from services.matching.team.ratings_feed import handle_rating

    engine = app.extensions["kohtaanto.engine"]
    payload = {
        "rating_id": f"r-{i}",
        "region": region,
        "rated_org": org,
        "subject_kind": "referral",
        "rater": rater,
        "score": score,
        "week": week,
        "recorded_on": "2026-11-24",
    }
    record = Record("kohtaanto.ratings.v1", 0, i, org, Envelope("rating.recorded", org, payload, "t"))
    handle_rating(lambda: UnitOfWork(engine), record)


def test_satisfaction_by_week_and_organisation_reaches_the_meeting_and_the_api(database_url):
    clock = Clock()  # Tuesday of 2026-W48, the week the ratings are of
    app = matching_app(database_url, clock)
    for i, score in enumerate([5, 4, 4, 3, 5, 4]):
        rate(app, i, "agency-a", score)
    rate(app, 0, "agency-a", 1)  # redelivered: counted once
    for i in range(2):
        rate(app, 10 + i, "agency-b", 2, rater="employer")
    for i in range(5):  # hidden with agency-b's 2, which the total would otherwise give away
        rate(app, 30 + i, "agency-c", 5)
    rate(app, 20, "agency-a", 5, region="uusimaa")
    client = app.test_client()
    # While the week is open only its counts are shown: re-reading it before and after one
    # referral's rating showed that rating (outside tester 5, F17).
    assert client.post("/api/v1/meetings/pirkanmaa/2026-W48/prepare", headers=TEAM).status_code == 201
    content = client.get("/meetings/pirkanmaa/2026-W48/content.json", headers=TEAM).json["content"]
    orgs = {f["key"]: f for f in content["satisfaction"]["by_org"]}
    assert orgs["agency-a"]["count"] == 6 and orgs["agency-a"]["mean"] is None
    assert (
        content["satisfaction"]["total"]["count"] == 13 and content["satisfaction"]["total"]["mean"] is None
    )
    r = client.get("/api/v1/satisfaction?region=pirkanmaa&weeks=2", headers=TEAM)
    assert r.json["total"]["count"] == 13 and all(w["distribution"] is None for w in r.json["weeks"])
    assert all(f["mean"] is None for f in r.json["by_org"])
    # the page's reason for a hidden mean is the true one: agency-a's 6 ratings wait for the week's
    # end, agency-b's 2 are too few (outside tester 34, F10: "under 5 ratings" beside "6 ratings")
    page = client.get("/meetings/pirkanmaa/2026-W48", headers=TEAM).get_data(as_text=True)
    assert "kun sen viikot ovat päättyneet" in page and "alle 5 arviota" in page
    clock.now += timedelta(days=7)  # week 48 has ended: next week's meeting shows its figures
    assert client.post("/api/v1/meetings/pirkanmaa/2026-W49/prepare", headers=TEAM).status_code == 201
    content = client.get("/meetings/pirkanmaa/2026-W49/content.json", headers=TEAM).json["content"]
    orgs = {f["key"]: f for f in content["satisfaction"]["by_org"]}
    assert orgs["agency-a"]["count"] == 6 and orgs["agency-a"]["mean"] == 4.17
    assert orgs["agency-b"]["count"] == 2 and orgs["agency-b"]["mean"] is None
    assert orgs["agency-c"]["count"] == 5 and orgs["agency-c"]["mean"] is None
    page = client.get("/meetings/pirkanmaa/2026-W49", headers=TEAM).get_data(as_text=True)
    assert 'id="satisfaction"' in page and "2 arviota" in page
    r = client.get("/api/v1/satisfaction?region=pirkanmaa&weeks=2&week=2026-W48", headers=TEAM)
    assert r.status_code == 200 and [w["key"] for w in r.json["weeks"]] == ["2026-W47", "2026-W48"]
    assert r.json["total"]["count"] == 13
    assert client.get("/api/v1/satisfaction?region=pirkanmaa&week=soon", headers=TEAM).status_code == 422


def test_a_partner_agency_sees_only_the_counts_of_the_service_paths_never_whose_they_are(app):
    """Outside tester 10, L11: following a service path up is the employment services' task. A
    partner agency's recruiter, even of a jobseeker who consented to it, gets the counts, no row, no
    candidate id for the page's name look-up, and a sentence that is true for it; the city's team
    member still gets the rows."""
    from tests.api.matching_world import candidate, pid
    from tests.helpers import WELDER

    consented = pid("path-consented-to-agency-a")
    candidate(app, consented, skills=[], history=WELDER, consent=("agency-a",))
    feed(
        app,
        consented,
        path([{"reason": "step_overdue", "from": "2026-11-20", "org": "tampere-tyollisyys", "ref": "s"}]),
    )
    client = app.test_client()
    assert client.post("/api/v1/meetings/pirkanmaa/2026-W48/prepare", headers=TEAM).status_code == 201
    team = client.get("/meetings/pirkanmaa/2026-W48/content.json", headers=TEAM).json["content"]["paths"]
    assert [r["candidate_id"] for r in team["rows"]] == [consented]

    recruiter = auth("recruiter", "agency-a")
    paths = client.get("/meetings/pirkanmaa/2026-W48/content.json", headers=recruiter).json["content"][
        "paths"
    ]
    assert paths["rows"] == [] and paths["needing_attention"] == 1
    assert [(c["key"], c["count"]) for c in paths["by_reason"]] == [("step_overdue", 1)]
    page = client.get("/meetings/pirkanmaa/2026-W48?lang=en", headers=recruiter).get_data(as_text=True)
    section = page.split('id="paths"')[1].split("</section>")[0]
    assert consented not in page, "neither in the section nor in meeting-config's look-up list"
    assert "other organisations see these counts only" in section and 'class="path-rows"' not in section
    team_page = client.get("/meetings/pirkanmaa/2026-W48?lang=en", headers=TEAM).get_data(as_text=True)
    assert consented in team_page.split('id="paths"')[1].split("</section>")[0]


def test_a_partner_agency_sees_its_own_organisations_figures_only_in_whose_turn_and_in_satisfaction(
    database_url,
):
    """Outside tester 26, F11, the same kind as the proposals and hires tiles: "Whose turn to act"
    counted other organisations' overdue path duties, and the satisfaction section each agency's
    rated referrals and mean, for a competing agency to read. A partner agency now sees its own
    organisation's figure in both (the region's counts by reason, week and rater stay the team's);
    the employment services' team member sees every organisation's, in the meeting and in
    ``GET /api/v1/satisfaction``."""
    clock = Clock()
    app = matching_app(database_url, clock)
    for i, (org, reason) in enumerate((("agency-a", "step_overdue"), ("agency-b", "no_active_step"))):
        feed(app, f"c-path-{i}", path([{"reason": reason, "from": "2026-11-20", "org": org, "ref": f"s{i}"}]))
    for i in range(6):
        rate(app, i, "agency-a", 4, week="2026-W47")
        rate(app, 10 + i, "agency-b", 2, week="2026-W47")
    client = app.test_client()
    assert client.post("/api/v1/meetings/pirkanmaa/2026-W48/prepare", headers=TEAM).status_code == 201
    agency_b = auth("recruiter", "agency-b")

    def whose(headers):
        content = client.get("/meetings/pirkanmaa/2026-W48/content.json", headers=headers).json["content"]
        api = client.get("/api/v1/satisfaction?region=pirkanmaa&weeks=2", headers=headers).json
        return (
            sorted(c["key"] for c in content["paths"]["by_org"]),
            sorted(f["key"] for f in content["satisfaction"]["by_org"]),
            sorted(f["key"] for f in api["by_org"]),
            content["paths"]["needing_attention"],
            (content["satisfaction"]["total"]["count"], content["satisfaction"]["total"]["mean"]),
            (api["total"]["count"], api["total"]["mean"]),
        )

    both = ["agency-a", "agency-b"]
    assert whose(TEAM) == (both, both, both, 2, (12, 3.0), (12, 3.0))
    # not the region's 12 ratings at 3.0 either, which less its own 6 at 2.0 gave agency A's 6 at 4.0
    assert whose(agency_b) == (["agency-b"], ["agency-b"], ["agency-b"], 2, (6, 2.0), (6, 2.0))
    assert whose(auth("recruiter", "agency-a")) == (
        ["agency-a"],
        ["agency-a"],
        ["agency-a"],
        2,
        (6, 4.0),
        (6, 4.0),
    )
    page = client.get("/meetings/pirkanmaa/2026-W48?lang=en", headers=agency_b).get_data(as_text=True)
    assert "Agency A" not in page and "agency-a" not in page
    assert 'id="satisfaction-own"' in page


def test_satisfaction_figures_are_read_only_by_organisations_serving_the_region(database_url):
    """Outside tester 26 follow-up (engineer `meeting`): ``GET /api/v1/satisfaction`` had no check
    that the caller serves the region, so Vaasa's employment services read Pirkanmaa's figures per
    organisation rated. Now a 403 naming the region, as for its meetings; its own region answers."""
    app = matching_app(database_url, Clock())
    for i in range(6):
        rate(app, i, "agency-a", 4, week="2026-W47")
    client = app.test_client()
    vaasa = auth("team_member", "vaasa-tyollisyys")
    r = client.get("/api/v1/satisfaction?region=pirkanmaa&weeks=2", headers=vaasa)
    assert r.status_code == 403, r.json
    assert "pirkanmaa" in r.json["errors"]["query"]["region"][0].lower()
    assert "agency-a" not in r.get_data(as_text=True)
    assert client.get("/api/v1/satisfaction?region=pohjanmaa&weeks=2", headers=vaasa).status_code == 200
    assert client.get("/api/v1/satisfaction?region=pirkanmaa&weeks=2", headers=TEAM).status_code == 200
    operator = auth("operator", "kohtaanto")
    assert client.get("/api/v1/satisfaction?region=pirkanmaa&weeks=2", headers=operator).status_code == 200
