"""The broker goes down for 45 s or more while profiles are being written: no write is lost, none
fails, and matching serves every one of them once the broker is back."""

from __future__ import annotations

import time

import pytest

from shared.messaging.topics import CANDIDATES
from tests.faults.harness import Figures, ProfileWriter, redelivered, settle

pytestmark = [pytest.mark.kafka, pytest.mark.e2e, pytest.mark.faults]


def test_a_broker_outage_during_writes_loses_nothing(faults_broker, faults_stack, scale, report):
    figures = Figures(f"broker down {scale.outage_seconds:.0f}s")
    writer = ProfileWriter(faults_stack)
    profiles = [f"outage-{i}" for i in range(max(1, scale.outage_writes // 3))]
    writer.put_many(profiles)  # version 1, broker up

    faults_broker.stop()
    down = time.monotonic()
    pace = scale.outage_seconds * writer.threads / len(profiles) * 0.8
    writer.put_many(profiles, pace_s=pace)  # version 2, broker down
    time.sleep(max(0.0, scale.outage_seconds - (time.monotonic() - down)))
    figures.notes["broker_down_s"] = round(time.monotonic() - down, 1)
    restarted = time.monotonic()
    faults_broker.start(timeout=240)
    figures.notes["broker_restart_s"] = round(time.monotonic() - restarted, 1)
    writer.put_many(profiles)  # version 3, broker back

    writer.tally(figures)
    settle(faults_stack, writer, figures, timeout=300, expect=lambda w: w.version)
    keys = {w.candidate_id for w in writer.latest().values() if w.candidate_id}
    figures.redelivered = redelivered(faults_broker, CANDIDATES.name, keys)
    report.add(figures)

    assert figures.writes_attempted == 3 * len(profiles)
    assert figures.server_errors == 0 and figures.writes_indeterminate == 0
    assert figures.writes_acknowledged == figures.writes_attempted
    assert figures.writes_lost == 0 and figures.writes_applied == figures.writes_acknowledged
