"""The local Apache Kafka broker from deploy/kafka starts, serves Kohtaanto's topics and stops.

The broker runs in a throwaway home (fresh data, logs, pid) on free ports, with the jars from the
repository's `.kafka/libs` cache, so a second run does not fetch again.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import ConfigResource, ConfigResourceType

from deploy.kafka.broker import (
    DEFAULT_HOME,
    LocalBroker,
    admin_client,
    ensure_topics,
    find_free_port,
    pid_alive,
    sasl_options,
)
from deploy.kafka.topics import CANDIDATES, DEADLETTER, OUTCOMES, TOPICS, VACANCIES

pytestmark = pytest.mark.kafka


def start_test_broker(home: Path) -> LocalBroker:
    """A broker with its state in `home`, jars from the shared cache, all topics created."""
    broker = LocalBroker(home, find_free_port(), libs=DEFAULT_HOME / "libs")
    broker.start(timeout=300.0)
    return broker


@pytest.fixture(scope="module")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalBroker]:
    local = start_test_broker(tmp_path_factory.mktemp("kafka"))
    pid = local.pid()
    try:
        yield local
    finally:
        local.stop()
    assert pid is not None and not pid_alive(pid), f"broker pid {pid} still alive after stop"
    assert not local.pid_file.exists()


def topic_configs(broker: LocalBroker, name: str) -> dict[str, str]:
    admin = admin_client(broker.bootstrap_servers, 10.0, broker.admin_credentials)
    try:
        described = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, name)])
    finally:
        admin.close()
    return {key: entry["value"] for key, entry in described["topic"][name].items()}


def test_start_is_idempotent_and_returns_the_running_pid(broker: LocalBroker) -> None:
    assert broker.start(timeout=30.0) == broker.pid()
    assert broker.is_ready()


def test_every_topic_exists_with_its_partition_count(broker: LocalBroker) -> None:
    admin = admin_client(broker.bootstrap_servers, 10.0, broker.admin_credentials)
    try:
        described = {topic["name"]: topic for topic in admin.describe_topics([t.name for t in TOPICS])}
    finally:
        admin.close()
    for topic in TOPICS:
        assert len(described[topic.name]["partitions"]) == topic.partitions, topic.name


def test_creating_topics_again_creates_nothing(broker: LocalBroker) -> None:
    assert ensure_topics(broker.bootstrap_servers, credentials=broker.admin_credentials) == []


def test_compacted_topics_carry_their_cleanup_configs(broker: LocalBroker) -> None:
    for topic in (VACANCIES, CANDIDATES):
        configs = topic_configs(broker, topic.name)
        assert configs["cleanup.policy"] == "compact"
        assert configs["min.cleanable.dirty.ratio"] == topic.config["min.cleanable.dirty.ratio"]
        assert configs["delete.retention.ms"] == topic.config["delete.retention.ms"]


def test_audit_topics_keep_records_for_their_retention(broker: LocalBroker) -> None:
    for topic, days in ((OUTCOMES, 400), (DEADLETTER, 30)):
        configs = topic_configs(broker, topic.name)
        assert configs["cleanup.policy"] == "delete"
        assert configs["retention.ms"] == str(days * 24 * 60 * 60 * 1000)


def test_keyed_records_round_trip_through_a_consumer_group(broker: LocalBroker) -> None:
    sent = {f"vacancy-{n}".encode(): f'{{"title": "job {n}"}}'.encode() for n in range(3)}
    producer = KafkaProducer(
        bootstrap_servers=broker.bootstrap_servers, acks="all", **sasl_options(broker.admin_credentials)
    )
    try:
        for key, value in sent.items():
            producer.send(VACANCIES.name, key=key, value=value).get(timeout=30)
    finally:
        producer.close()

    consumer = KafkaConsumer(
        VACANCIES.name,
        bootstrap_servers=broker.bootstrap_servers,
        group_id="test-broker-round-trip",
        **sasl_options(broker.admin_credentials),
        enable_auto_commit=False,
        auto_offset_reset="earliest",
    )
    received: dict[bytes, bytes] = {}
    try:
        deadline = time.monotonic() + 60
        while len(received) < len(sent) and time.monotonic() < deadline:
            for records in consumer.poll(timeout_ms=1000).values():
                received.update((record.key, record.value) for record in records)
        consumer.commit()
        committed = {
            partition: consumer.committed(TopicPartition(VACANCIES.name, partition))
            for partition in range(VACANCIES.partitions)
        }
    finally:
        consumer.close()

    assert received == sent
    assert sum(offset or 0 for offset in committed.values()) == len(sent)
