"""A profile service with one jobseeker referred to a vacancy, for API tests of satisfaction ratings and of
what is kept after a withdrawal: the jobseeker ``asiakas-1`` of Tampere's employment services, consenting to
agency-a and konepaja-oy, whom agency-a proposed for konepaja-oy's welder's vacancy ``v-weld``; the services'
clocks stand at :data:`NOW`."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from services.profile.repository import outbox
from tests.helpers import auth, deliver_to_profile, profile_body

ORG = "tampere-tyollisyys"
COACH = auth("coach", ORG)
NOW = datetime(2026, 11, 30, 9, tzinfo=UTC)


@pytest.fixture
def world(profile_app: Any) -> tuple[Any, str]:
    """``(client, candidate_id)``: a test client of ``profile_app`` and ``asiakas-1``'s pseudonym, referred
    (:func:`refer`) to ``v-weld``. A new world each test (its tests rate, link and withdraw)."""
    for name in ("paths", "vouchers", "handlers", "ratings"):
        profile_app.extensions[f"kohtaanto.profile.{name}"].clock = lambda: NOW
    client = profile_app.test_client()
    body = profile_body(consented_orgs=["agency-a", "konepaja-oy"])
    candidate = client.put("/api/v1/profiles/asiakas-1", json=body, headers=COACH).json["candidate_id"]
    refer(profile_app, candidate)
    return client, candidate


def refer(
    profile_app: Any,
    candidate: str,
    vacancy_id: str = "v-weld",
    by: str = "agency-a",
    status: str = "proposed",
) -> None:
    """``outcome.recorded`` as matching publishes it: ``by`` recorded ``status`` on konepaja-oy's vacancy."""
    outcome = {
        "outcome_id": f"o-{candidate}-{vacancy_id}",
        "vacancy_id": vacancy_id,
        "candidate_id": candidate,
        "status": status,
        "reason": None,
        "occurred_on": "2026-11-27",
        "recorded_by_org": by,
        "recorded_at": "2026-11-27T10:00:00+00:00",
        "employer_org": "konepaja-oy",
        "vacancy_title": "Hitsaaja",
        "region": "pirkanmaa",
    }
    deliver_to_profile(profile_app, "outcome.recorded", outcome, key=candidate, producer="t")


def rating_link_path(client: Any, subject: dict[str, Any] | None = None) -> str:
    """The path of a single-use rating link the coach makes for ``asiakas-1`` (``subject``: what is rated,
    by default the referral to ``v-weld``), as the jobseeker opens it (``/rate/…``, no host)."""
    made = client.post(
        "/api/v1/profiles/asiakas-1/rating-links",
        json={"subject": subject or {"kind": "referral", "vacancy_id": "v-weld"}},
        headers=COACH,
    )
    return "/" + made.json["url"].split("/", 3)[3]


def published(app: Any) -> list[dict[str, Any]]:
    """The ``rating.recorded`` events in the profile service's outbox, as envelopes (decoded JSON)."""
    with app.extensions["kohtaanto.engine"].connect() as conn:
        rows = conn.execute(select(outbox).where(outbox.c.event_type == "rating.recorded")).all()
    return [json.loads(r.value) for r in rows]


def referral(score: int = 4, comment: str = "") -> dict[str, Any]:
    """A rating's body: ``score`` (1–5) and ``comment`` for the referral to ``v-weld``."""
    return {"subject": {"kind": "referral", "vacancy_id": "v-weld"}, "score": score, "comment": comment}
