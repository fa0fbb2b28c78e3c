"""Readiness tells the truth about a dead outbox relay (outside tester 38, M4): against the real
broker, with the vacancy service's relay stopped, a write still succeeds but `/health/ready` turns
`degraded` (still 200) once the event has waited longer than the configured lag, with
`checks.outbox` saying why; with a relay running again it is delivered and readiness is `ok`."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from deploy.http_client import wait_for
from services.vacancy.app import create_app
from services.vacancy.config import Settings
from services.vacancy.repository import outbox
from shared.messaging.outbox import OutboxRelay
from shared.worker import LazySender
from tests.helpers import WELDER, auth, common_settings, sqlite_url
from tests.integration.test_outbox_delivery import titles_on_topic

pytestmark = pytest.mark.kafka

LAG_S = 3.0  # short, so the test waits seconds; the default is in shared.config
EMPLOYER = auth("employer", "konepaja-oy")


def vacancy(title: str) -> dict:
    return {"title": title, "occupation_uri": WELDER, "municipality": "837", "working_time": "full_time"}


@contextmanager
def relay_running(engine, settings: Settings) -> Iterator[None]:
    """The worker's outbox relay in a thread, stopped (as a killed worker is) on leaving."""
    sender = LazySender(settings.common.kafka)
    stop = threading.Event()
    thread = threading.Thread(target=OutboxRelay(engine, outbox, sender).run, args=(stop,), daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=10)
        sender.close()


def test_a_stopped_relay_makes_readiness_degraded_and_a_running_one_makes_it_ok_again(kafka_broker, tmp_path):
    common = common_settings("vacancy", sqlite_url(tmp_path, "v")).model_copy(
        update={
            "kafka": kafka_broker.client_settings("vacancy"),
            "outbox_max_lag_seconds": LAG_S,
            # no worker runs here, only its relay: its consumer's silence is test_worker_readiness39's
            "worker_max_silence_seconds": 3600.0,
        }
    )
    settings = Settings(common=common)
    app = create_app(settings, testing=True)
    engine = app.extensions["kohtaanto.engine"]
    topic = settings.common.kafka.vacancies_topic
    client = app.test_client()

    def ready() -> dict:
        response = client.get("/health/ready")
        assert response.status_code == 200  # degraded, never unavailable: writes are safe
        return response.json

    with relay_running(engine, settings):
        assert (
            client.post("/api/v1/vacancies", json=vacancy("relay alive"), headers=EMPLOYER).status_code == 201
        )
        wait_for(lambda: ready()["checks"]["outbox"]["pending"] == 0, timeout=60, what="the relay to publish")
        assert ready()["status"] == "ok"

    # the relay is gone (the worker killed); the broker is up
    assert client.post("/api/v1/vacancies", json=vacancy("relay dead"), headers=EMPLOYER).status_code == 201
    degraded = wait_for(
        lambda: (r := ready())["status"] == "degraded" and r,
        timeout=LAG_S + 60,
        what="readiness to report the waiting event",
    )
    check = degraded["checks"]["outbox"]
    assert check["ok"] is False
    assert check["pending"] == 1 and check["parked"] == 0
    # (the age is reported to 0.1 s: a wait of 3.04 s over the 3 s lag reads 3.0)
    assert check["oldest_pending_age_s"] >= LAG_S and check["max_lag_s"] == LAG_S
    assert "relay" in check["reason"]
    assert degraded["checks"]["kafka"]["ok"] is True  # the broker answers: it is the relay

    with relay_running(engine, settings):
        wait_for(lambda: ready()["status"] == "ok", timeout=60, what="readiness back to ok")
        assert ready()["checks"]["outbox"] == {
            "ok": True,
            "pending": 0,
            "parked": 0,
            "oldest_pending_age_s": 0.0,
            "max_lag_s": LAG_S,
        }
        assert "relay dead" in titles_on_topic(kafka_broker, topic)
