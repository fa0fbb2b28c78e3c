"""Both outbox relays on a chain of effects are killed (kill -9) three times each: every effect still
happens exactly once.

The chain: a recruiter records a candidate as hired in matching (matching's outbox and relay) → the
profile service consumes the outcome and marks the profile hired, a new version (its consumer group,
its outbox and relay) → matching serves that version. A relay killed between the broker's ack and its
own bookkeeping sends again; the consumers absorb it. An effect applied twice would show as a profile
version above 2.
"""

from __future__ import annotations

import threading
import time

import pytest

from deploy.http_client import call, wait_for
from shared.messaging.topics import CANDIDATES, OUTCOMES
from tests.faults.harness import COACH, Figures, ProfileWriter, redelivered, served_versions, settle
from tests.helpers import WELDER, token

pytestmark = [pytest.mark.kafka, pytest.mark.e2e, pytest.mark.faults]

RECRUITER = token("recruiter", "agency-a")
EMPLOYER = token("employer", "konepaja-oy")


def test_relays_killed_three_times_apply_every_effect_exactly_once(
    faults_broker, faults_stack, scale, report
):
    stack = faults_stack
    figures = Figures("relays kill -9 x3")
    writer = ProfileWriter(stack)
    writer.put_many([f"chain-{i}" for i in range(scale.relay_chain)])
    created = writer.latest()
    settle(stack, writer, Figures("(setup)"), timeout=240, expect=lambda w: w.version)
    vacancy = call(
        "POST",
        f"{stack.url('vacancy')}/api/v1/vacancies",
        EMPLOYER,
        {"title": "Hitsaaja", "occupation_uri": WELDER, "municipality": "837", "working_time": "full_time"},
    ).json()["id"]
    outcomes_url = f"{stack.url('matching')}/api/v1/vacancies/{vacancy}/outcomes"
    wait_for(
        lambda: call("GET", outcomes_url, token("team_member", "tampere-tyollisyys")).status == 200,
        timeout=120,
        what="matching to receive the vacancy",
    )

    kills: list[str] = []
    done = threading.Event()

    def killer() -> None:
        for name in ["matching-worker", "profile-worker"] * 3:
            if done.wait(1.5):
                break
            stack.crash(name)
            kills.append(name)
            stack.spawn(name)

    thread = threading.Thread(target=killer, daemon=True)
    thread.start()
    statuses = []
    for w in created.values():
        # an agency reports a hire only for a candidate it proposed for the vacancy
        call("POST", outcomes_url, RECRUITER, {"candidate_id": w.candidate_id, "status": "proposed"})
        r = call("POST", outcomes_url, RECRUITER, {"candidate_id": w.candidate_id, "status": "hired"})
        statuses.append(r.status)
        time.sleep(0.02)
    thread.join()
    done.set()
    figures.notes["kills"] = kills
    figures.writes_attempted = len(statuses)
    figures.writes_acknowledged = sum(1 for s in statuses if s == 201)
    figures.server_errors = sum(1 for s in statuses if s >= 500)

    # Every hired outcome must end as profile version 2, served by matching: created (1) + hired (2).
    hired = {w.profile_id: w for w in created.values()}
    for w in hired.values():
        w.version = 2
    writer.writes = list(hired.values())
    settle(stack, writer, figures, timeout=300, expect=lambda w: 2)
    versions = [
        call("GET", f"{stack.url('profile')}/api/v1/profiles/{pid}", COACH).json()["version"] for pid in hired
    ]
    figures.duplicated_effects = sum(1 for v in versions if v > 2)
    keys = {w.candidate_id for w in hired.values() if w.candidate_id}
    figures.redelivered = redelivered(faults_broker, OUTCOMES.name, keys) + redelivered(
        faults_broker, CANDIDATES.name, keys
    )
    report.add(figures)

    assert len(kills) == 6
    assert figures.writes_acknowledged == figures.writes_attempted and figures.server_errors == 0
    assert versions == [2] * len(versions)
    assert figures.writes_lost == 0 and figures.duplicated_effects == 0
    assert set(served_versions(stack, sorted(keys)).values()) == {2}
