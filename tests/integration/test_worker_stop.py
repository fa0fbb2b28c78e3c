"""A worker stops promptly on SIGTERM while the broker is down, and loses no outbox row: what it could
not deliver is delivered after the broker and the worker come back (real broker, real processes)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select

from deploy.http_client import wait_for
from deploy.kafka.broker import LocalBroker, find_free_port
from services.vacancy.app import create_app
from services.vacancy.config import Settings
from services.vacancy.repository import outbox
from shared.config import REPO_ROOT
from shared.messaging.kafka import make_consumer
from tests.api.vacancy_bodies import valid
from tests.helpers import JWT_SECRET, auth, common_settings, sqlite_url

pytestmark = [pytest.mark.kafka]


def start_worker(url: str, broker: LocalBroker, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("KOHTAANTO_", "KAFKA_"))},
        **broker.service_env("vacancy"),
        "DATABASE_URL": url,
        "KOHTAANTO_JWT_SECRET": JWT_SECRET,
    }
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "services.vacancy.worker"], cwd=REPO_ROOT, env=env, stdout=out, stderr=out
        )


def pending(app) -> int:  # type: ignore[no-untyped-def]
    with app.extensions["kohtaanto.engine"].connect() as conn:
        return int(conn.execute(select(func.count()).where(outbox.c.published_at.is_(None))).scalar_one())


def vacancy_ids_on_the_topic(broker: LocalBroker) -> set[str]:
    consumer = make_consumer(broker.client_settings(), group_id=None, consumer_timeout_ms=5000)
    try:
        consumer.subscribe(["kohtaanto.vacancies.v1"])
        return {json.loads(m.value)["payload"]["vacancy_id"] for m in consumer if m.value}
    finally:
        consumer.close()


def test_a_worker_with_the_broker_down_stops_within_dockers_grace_and_keeps_every_outbox_row(
    tmp_path: Path,
) -> None:
    broker = LocalBroker(tmp_path / "kafka", find_free_port(2), libs=REPO_ROOT / ".kafka" / "libs")
    broker.start(timeout=180)
    workers: list[subprocess.Popen[bytes]] = []
    try:
        url = sqlite_url(tmp_path, f"vacancy-{uuid.uuid4().hex[:6]}")
        app = create_app(
            Settings(
                common=common_settings("vacancy", url).model_copy(
                    update={"kafka": broker.client_settings("vacancy")}
                )
            ),
            testing=True,
        )
        client = app.test_client()
        employer = auth("employer", "konepaja-oy")
        posted = [client.post("/api/v1/vacancies", json=valid(), headers=employer).json["id"]]
        workers.append(start_worker(url, broker, tmp_path / "worker.log"))
        wait_for(lambda: pending(app) == 0, timeout=120, what="the first event relayed")

        # counted before the broker goes: the Kafka client's repeated lines are logged once per 30 s
        # (outside tester 17's P20), so a *second* refusal would come just as the 30-s send gives up
        # (the flake of session 26's CI); the first refusal after the stop is logged at once
        refused = (tmp_path / "worker.log").read_text().count("ECONNREFUSED")
        broker.stop()
        for title in ("Kokki", "Siivooja", "Hitsaaja 2"):
            posted.append(
                client.post("/api/v1/vacancies", json=valid(title=title), headers=employer).json["id"]
            )
        assert pending(app) == 3
        # The relay takes the rows within a fraction of a second (it polls every 0.2 s) and then waits
        # on the broker's ack (up to 30 s): stop it in the middle of that, the worst moment. A refused
        # connection is the sign the producer is retrying; one more second lets the relay take the rows.
        wait_for(
            lambda: (tmp_path / "worker.log").read_text().count("ECONNREFUSED") > refused,
            timeout=60,
            what="the worker's producer retrying the broker that is down",
        )
        time.sleep(1.0)
        assert "outbox relay failed" not in (tmp_path / "worker.log").read_text(), "still in the send"

        started = time.monotonic()
        workers[0].send_signal(signal.SIGTERM)
        workers[0].wait(timeout=60)
        stopped_in = time.monotonic() - started
        assert workers[0].returncode == 0
        # How fast it stops is measured, not asserted (no timing assertions in tests): the figure is
        # printed here and recorded in docs/reliability.md; the wait above only guards against a hang.
        print(f"worker stopped {stopped_in:.2f} s after SIGTERM with the broker down")
        assert pending(app) == 3, "nothing undelivered was marked published"
        log = (tmp_path / "worker.log").read_text()
        assert '"worker stopped"' in log
        assert all(line.startswith("{") for line in log.splitlines()), "JSON lines only, no stray traceback"

        broker.start(timeout=180)
        workers.append(start_worker(url, broker, tmp_path / "worker.log"))
        wait_for(lambda: pending(app) == 0, timeout=120, what="the kept events relayed after the restart")
        assert set(posted) <= vacancy_ids_on_the_topic(broker)
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.send_signal(signal.SIGTERM)
                try:
                    worker.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    worker.kill()
        broker.stop()
