"""A handover across organisations, over HTTP and the real broker: a coach of Kajaani's employment
services hands a jobseeker over to a vocational school, which sees only what the jobseeker consented
to and acknowledges; matching's weekly meeting counts, pseudonymously, the jobseekers of the region
who are about to fall off their path."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from deploy.http_client import call, wait_for
from services.kernel.calendar import today as finnish_today
from tests.helpers import token

pytestmark = [pytest.mark.e2e, pytest.mark.kafka]

# Everything happens in Kainuu, away from the other scenarios' regions.
COACH = token("coach", "kajaani-tyollisyys", "valmentaja@kajaani")
SCHOOL = token("coach", "kao", "opettaja@kao")
OTHER = token("recruiter", "nordic-staffing-ab")
TEAM = token("team_member", "kajaani-tyollisyys")


def profile(name: str) -> dict:
    return {
        "personal": {"name": name, "email": "kainuu@example.fi"},
        "skills": [],
        "education_level": "basic",
        "languages": [{"code": "fi", "level": "native"}],
        "municipality": "205",
        "max_commute_km": 30,
        "available_from": "2026-11-01",
        "target_groups": ["young_person"],
    }


def test_a_handover_reaches_the_school_is_acknowledged_and_the_meeting_counts_who_is_falling_off(stack):
    profiles, today = stack.url("profile"), finnish_today()
    for pid, name in (("kajaani-1", "Eetu Heikkinen"), ("kajaani-2", "Sanni Kemppainen")):
        assert call("PUT", f"{profiles}/api/v1/profiles/{pid}", COACH, profile(name)).status == 201
    coaching = {
        "kind": "coaching",
        "org": "kajaani-tyollisyys",
        "starts_on": (today - timedelta(days=30)).isoformat(),
        "planned_end": (today + timedelta(days=30)).isoformat(),
    }
    r = call(
        "POST",
        f"{profiles}/api/v1/profiles/kajaani-1/path",
        COACH,
        {"group": "young_people", "first_step": coaching},
    )
    assert r.status == 201, r.json()
    path = r.json()
    # the second jobseeker's path has no step at all: due today
    r = call("POST", f"{profiles}/api/v1/profiles/kajaani-2/path", COACH, {"group": "young_people"})
    assert r.status == 201, r.json()

    r = call(
        "POST",
        f"{profiles}/api/v1/paths/{path['id']}/handovers",
        COACH,
        {
            "from_step": path["steps"][0]["id"],
            "to": {
                "kind": "apprenticeship",
                "org": "kao",
                "starts_on": (today + timedelta(days=7)).isoformat(),
                "planned_end": (today + timedelta(days=200)).isoformat(),
            },
            "consent": True,
            "shared": ["name", "skills"],
            "note": "Kiinnostunut sähköalasta.",
        },
    )
    assert r.status == 201, r.json()
    handover = r.json()

    incoming = call("GET", f"{profiles}/api/v1/handovers", SCHOOL).json()["items"]
    [seen] = [h for h in incoming if h["id"] == handover["id"]]
    assert seen["jobseeker"]["name"] == "Eetu Heikkinen" and seen["jobseeker"]["email"] is None
    assert "young" not in json.dumps(seen)
    assert call("GET", f"{profiles}/api/v1/handovers/{handover['id']}", OTHER).status == 404
    r = call("POST", f"{profiles}/api/v1/handovers/{handover['id']}/acknowledge", SCHOOL, {})
    assert r.status == 200 and r.json()["state"] == "acknowledged"

    week = today.isocalendar()
    url = f"{stack.url('matching')}/meetings/kainuu/{week.year}-W{week.week:02d}"

    def counted() -> bool:
        r = call(
            "POST",
            f"{stack.url('matching')}/api/v1/meetings/kainuu/{week.year}-W{week.week:02d}/prepare",
            TEAM,
        )
        assert r.status == 201, r.body
        paths = call("GET", f"{url}/content.json", TEAM).json()["content"]["paths"]
        return paths["followed"] == 2 and paths["needing_attention"] == 1

    wait_for(counted, timeout=90, what="both Kainuu paths counted by the meeting")
    content = call("GET", f"{url}/content.json", TEAM).json()["content"]
    [row] = content["paths"]["rows"]
    assert (row["reason"], row["org"]) == ("no_active_step", "kajaani-tyollisyys")
    assert row["candidate_id"].startswith("c-") and "Sanni" not in json.dumps(content)
