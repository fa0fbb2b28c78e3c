"""A write never waits for the broker: with Kafka down a POST still succeeds, and the event is
delivered when Kafka is back (transactional outbox + relay, against a real broker we stop)."""

from __future__ import annotations

import json
import threading

import pytest

from deploy.http_client import wait_for
from deploy.kafka.broker import LocalBroker, find_free_port
from services.vacancy.app import create_app
from services.vacancy.config import Settings
from services.vacancy.repository import outbox
from shared.config import REPO_ROOT
from shared.messaging.kafka import make_consumer
from shared.messaging.outbox import Outbox, OutboxRelay
from shared.worker import LazySender
from tests.helpers import WELDER, auth, common_settings, sqlite_url

pytestmark = pytest.mark.kafka


def vacancy(title: str) -> dict:
    return {"title": title, "occupation_uri": WELDER, "municipality": "837", "working_time": "full_time"}


def titles_on_topic(broker: LocalBroker, topic: str) -> set[str]:
    consumer = make_consumer(broker.client_settings(), group_id=None, consumer_timeout_ms=3000)
    try:
        consumer.subscribe([topic])
        return {json.loads(m.value)["payload"]["title"] for m in consumer if m.value}
    finally:
        consumer.close()


def test_a_post_succeeds_with_the_broker_down_and_its_event_arrives_when_it_returns(tmp_path):
    broker = LocalBroker(tmp_path / "kafka", find_free_port(2), libs=REPO_ROOT / ".kafka" / "libs")
    broker.start(timeout=300)
    common = common_settings("vacancy", sqlite_url(tmp_path, "v")).model_copy(
        update={"kafka": broker.client_settings("vacancy")}
    )
    settings = Settings(common=common)
    app = create_app(settings, testing=True)
    engine = app.extensions["kohtaanto.engine"]
    topic = settings.common.kafka.vacancies_topic
    sender = LazySender(settings.common.kafka)
    stop = threading.Event()
    relay = threading.Thread(target=OutboxRelay(engine, outbox, sender).run, args=(stop,), daemon=True)
    relay.start()
    client = app.test_client()
    employer = auth("employer", "konepaja-oy")
    try:
        assert (
            client.post("/api/v1/vacancies", json=vacancy("before the outage"), headers=employer).status_code
            == 201
        )
        wait_for(
            lambda: "before the outage" in titles_on_topic(broker, topic),
            timeout=60,
            what="the first event",
        )

        broker.stop()
        r = client.post("/api/v1/vacancies", json=vacancy("during the outage"), headers=employer)
        assert r.status_code == 201
        with engine.connect() as conn:
            assert Outbox(outbox).pending(conn) == 1
        ready = client.get("/health/ready")
        assert ready.status_code == 200 and ready.json["status"] == "degraded"

        broker.start(timeout=300)
        wait_for(
            lambda: "during the outage" in titles_on_topic(broker, topic),
            timeout=150,
            what="the event written while the broker was down",
        )
        with engine.connect() as conn:
            wait_for(lambda: Outbox(outbox).pending(conn) == 0 or None, timeout=30, what="an empty outbox")
    finally:
        stop.set()
        relay.join(timeout=10)
        sender.close()
        broker.stop()
