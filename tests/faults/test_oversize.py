"""An event the broker can never take does not stall its service's stream: it is parked, shown in
readiness, and the events behind it (withdrawals among them) reach matching. The API refuses the
profile that used to make such an event."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine

from deploy.http_client import call
from services.profile.repository import outbox, profiles
from tests.faults.harness import COACH, Figures, ProfileWriter, settle
from tests.helpers import WELDER, profile_body

pytestmark = [pytest.mark.kafka, pytest.mark.e2e, pytest.mark.faults]


def test_an_event_too_large_for_the_broker_is_parked_and_the_stream_goes_on(faults_stack, report):
    stack = faults_stack
    figures = Figures("outbox record too large")
    writer = ProfileWriter(stack)
    ids = [f"big-{i}" for i in range(20)]
    writer.put_many(ids)
    settle(stack, writer, Figures("(setup)"), timeout=240, expect=lambda w: w.version)

    # A row the broker can never take, as stored before the API bounded sizes (1.5 MB), ahead of the
    # withdrawals and updates below in the profile service's outbox.
    engine = create_engine(f"sqlite:///{stack.home / 'data' / 'profile.db'}")
    with engine.begin() as conn:
        conn.execute(
            outbox.insert().values(
                topic="kohtaanto.candidates.v1",
                # a person who stays: a waiting row of a withdrawn person's key is dropped, not parked
                # (shared.messaging.outbox.Outbox.forget, privacy37), so big-0 would leave nothing to see
                message_key=writer.latest()["big-19"].candidate_id,
                value=b"x" * 1_500_000,
                event_type="candidate.upserted",
                created_at=datetime.now(UTC),
            )
        )
    withdrawn = ids[:10]
    for profile_id in withdrawn:
        assert writer.withdraw(profile_id) == 204
    writer.put_many(ids[10:])  # version 2
    writer.tally(figures)
    settle(
        stack,
        writer,
        figures,
        timeout=240,
        expect=lambda w: None if w.profile_id in withdrawn else w.version,
    )
    ready = call("GET", f"{stack.url('profile')}/health/ready").json()
    figures.notes["readiness"] = ready["status"]
    figures.notes["parked"] = ready["checks"]["outbox"]["parked"]

    too_large = call(
        "PUT",
        f"{stack.url('profile')}/api/v1/profiles/eleven-thousand-jobs",
        COACH,
        profile_body(work_history=[{"occupation_uri": WELDER, "years": 0.1, "ended_year": 2020}] * 11_000),
    )
    figures.notes["eleven_thousand_rows"] = too_large.status
    with engine.connect() as conn:
        stored = conn.execute(profiles.select().where(profiles.c.id == "eleven-thousand-jobs")).first()
    report.add(figures)

    assert figures.writes_lost == 0 and figures.time_to_converge_s is not None
    assert ready["status"] == "degraded" and ready["checks"]["outbox"]["parked"] == 1
    assert ready["checks"]["outbox"]["pending"] == 0
    # refused with the field named: 11,000 rows are more than any schema takes, so the edge refuses them
    # before validation (400, ``shared.http.MAX_JSON_ITEMS``; outside tester 27, T27-11)
    assert too_large.status == 400 and "work_history" in too_large.json()["errors"]["json"]
    assert stored is None
