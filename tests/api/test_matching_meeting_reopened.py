"""Outside tester 26 in the weekly meeting: a vacancy reopened by its employer comes back to the list
and says so (F10); its work sites, remote or hybrid work and pay are shown (F9)."""

from datetime import timedelta

import pytest

from tests.api.matching_world import SHORTAGE_CSV, Clock, matching_app, vacancy, welders
from tests.helpers import auth, token

OPERATOR = auth("operator", "kohtaanto")
TEAM = auth("team_member", "tampere-tyollisyys")
W47, W48 = "/meetings/pirkanmaa/2026-W47", "/meetings/pirkanmaa/2026-W48"
PAY = {"min": 13.5, "max": 15, "currency": "EUR", "period": "hour", "collective_agreement": True}


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def app(database_url, clock):
    app = matching_app(database_url, clock)
    vacancy(app, "v-weld", openings=3, other_municipalities=["536"], work_mode="hybrid", salary=PAY)
    app.candidate_ids = welders(app)
    r = app.test_client().post(
        "/api/v1/shortages", data=SHORTAGE_CSV, headers={**OPERATOR, "Content-Type": "text/csv"}
    )
    assert r.status_code == 201
    return app


def content(app, week):
    r = app.test_client().get(f"{week}/content.json", headers=TEAM)
    assert r.status_code == 200, r.json
    return r.json["content"]


def weld(week_content):
    return next(v for v in week_content["vacancies"] if v["vacancy_id"] == "v-weld")


def test_the_meeting_shows_the_work_sites_work_mode_and_pay(app):
    row = weld(content(app, W48))
    assert (row["municipality"], row["other_municipalities"], row["work_mode"]) == (
        "Tampere",
        ["Nokia"],
        "hybrid",
    )
    assert row["pay"] == {"minimum": 13.5, "maximum": 15, "period": "hour", "collective_agreement": True}
    client = app.test_client()
    assert (
        client.get(f"/login?token={token('team_member', 'tampere-tyollisyys')}&next={W48}").status_code == 303
    )
    page = client.get(f"{W48}?lang=en").data.decode()
    assert "Tampere, Nokia (hybrid work)" in page
    assert "13.5–15 €/hour, pay according to the collective agreement" in page


def test_a_vacancy_closed_over_a_meeting_and_reopened_comes_back_as_reopened(app, clock):
    clock.now -= timedelta(days=14)  # W46: listed
    assert weld(content(app, "/meetings/pirkanmaa/2026-W46"))
    clock.now += timedelta(days=7)  # W47: filled, so gone
    vacancy(app, "v-weld", version=2, status="closed", close_reason="filled", event_type="vacancy.closed")
    w47 = content(app, W47)
    assert [(v["vacancy_id"], v["why"]) for v in w47["changes"]["gone_vacancies"]] == [("v-weld", "filled")]
    clock.now += timedelta(days=7)  # W48: the person hired withdrew; the employer reopened it
    vacancy(
        app,
        "v-weld",
        version=3,
        event_type="vacancy.reopened",
        reopened_at=(clock.now - timedelta(hours=1)).isoformat(),
    )
    w48 = content(app, W48)
    assert [(v["vacancy_id"], v["why"]) for v in w48["changes"]["new_vacancies"]] == [("v-weld", "reopened")]
    row = weld(w48)
    assert row["reopened"] is True and [c["candidate_id"] for c in row["candidates"]] == app.candidate_ids[:5]
