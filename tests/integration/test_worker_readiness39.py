"""Readiness tells the truth about a dead consumer (ops38's report), against the real broker and a real
worker process: while the vacancy service's worker runs, its shortage-list consumer beats on every poll
(the topic is idle: no list is published) and ``/health/ready`` is ``ok``; killed with SIGKILL, readiness
turns ``degraded`` (still 200) once the limit has passed, naming the consumer, and a web process started
after that is ``degraded`` at once (ops40); started again, it rejoins
its group (once the dead member's session has expired) and readiness is ``ok`` again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from deploy.http_client import wait_for
from services.vacancy.app import create_app
from services.vacancy.config import Settings
from shared.config import REPO_ROOT
from tests.helpers import JWT_SECRET, common_settings, sqlite_url

pytestmark = pytest.mark.kafka

SILENCE_S = 5.0  # short, so the test waits seconds; the default is in shared.config
CONSUMER = "vacancy.shortages"


def start_worker(url: str, broker, log: Path) -> subprocess.Popen[bytes]:  # type: ignore[no-untyped-def]
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("KOHTAANTO_", "KAFKA_"))},
        **broker.service_env("vacancy"),
        "DATABASE_URL": url,
        "KOHTAANTO_JWT_SECRET": JWT_SECRET,
        "KOHTAANTO_WORKER_MAX_SILENCE_SECONDS": str(SILENCE_S),
    }
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "services.vacancy.worker"], cwd=REPO_ROOT, env=env, stdout=out, stderr=out
        )


def test_a_killed_worker_makes_readiness_degraded_naming_its_consumer_and_a_restarted_one_ok_again(
    kafka_broker, tmp_path: Path
) -> None:
    url = sqlite_url(tmp_path, "v")
    common = common_settings("vacancy", url).model_copy(
        update={"kafka": kafka_broker.client_settings("vacancy"), "worker_max_silence_seconds": SILENCE_S}
    )
    app = create_app(Settings(common=common), testing=True)
    client = app.test_client()

    def workers() -> dict:
        response = client.get("/health/ready")
        assert response.status_code == 200  # degraded, never unavailable
        return response.json["checks"]["workers"]

    log = tmp_path / "worker.log"
    worker = start_worker(url, kafka_broker, log)
    try:
        wait_for(
            lambda: (w := workers()["workers"][CONSUMER])["ok"] and w["held_age_s"] is not None,
            timeout=180,
            what="the worker's consumer to join its group and beat",
        )
        first = workers()["workers"][CONSUMER]["instance"]
        assert first.endswith(f":{worker.pid}")

        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
        silent = wait_for(
            lambda: (w := workers())["ok"] is False and w, timeout=SILENCE_S + 60, what="readiness to miss it"
        )
        assert CONSUMER in silent["reason"] and first in silent["reason"]
        ready = client.get("/health/ready").json
        assert ready["status"] == "degraded" and ready["checks"]["kafka"]["ok"] is True  # the broker is up
        # a web process started now reads the dead worker's last beat and names it at its first answer
        # (ops40: it gave the worker the limit again from its own start)
        restarted = create_app(Settings(common=common), testing=True).test_client().get("/health/ready")
        assert restarted.status_code == 200 and restarted.json["status"] == "degraded"
        assert (
            CONSUMER in restarted.json["checks"]["workers"]["reason"]
            and first in restarted.json["checks"]["workers"]["reason"]
        )

        worker = start_worker(url, kafka_broker, log)
        back = wait_for(
            lambda: (
                (w := workers())["ok"] and w["workers"][CONSUMER]["instance"].endswith(f":{worker.pid}") and w
            ),
            timeout=180,  # the group waits for the killed member's session (45 s) before it rebalances
            what="the restarted worker's consumer to hold its partitions",
        )
        assert back["workers"][CONSUMER]["live"] >= 1
        assert client.get("/health/ready").json["checks"]["workers"]["ok"] is True
    finally:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait(timeout=10)
