"""Only the services can write events, each only to its own topics; a foreign producer is refused.
And the kcat example of docs/events.md keeps a key on the partition the services use."""

from __future__ import annotations

import shutil
import subprocess
import zlib

import pytest
from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.errors import KafkaError, TopicAuthorizationFailedError
from kafka.partitioner.default import murmur2

from deploy.kafka.broker import admin_client
from shared.messaging.kafka import KafkaSender, make_consumer
from shared.messaging.topics import CANDIDATES, DEADLETTER, VACANCIES
from tests.faults.harness import Figures, topic_records

pytestmark = [pytest.mark.kafka, pytest.mark.faults]


def candidate_keys_on(topic: str, broker) -> set[bytes]:  # type: ignore[no-untyped-def]
    return {r.key for r in topic_records(broker, topic, timeout_ms=2000)}


def test_a_producer_without_credentials_is_refused_and_writes_nothing(faults_broker, report):
    figures = Figures("foreign producer, no auth")
    figures.writes_attempted = 1
    with pytest.raises(KafkaError):
        producer = KafkaProducer(
            bootstrap_servers=faults_broker.bootstrap_servers,
            max_block_ms=3000,
            request_timeout_ms=3000,
        )
        try:
            producer.send(CANDIDATES.name, key=b"c-intruder", value=b"{}").get(timeout=10)
        finally:
            producer.close(timeout=2)
    figures.writes_applied = int(b"c-intruder" in candidate_keys_on(CANDIDATES.name, faults_broker))
    report.add(figures)
    assert figures.writes_applied == 0


def test_a_wrong_password_is_refused(faults_broker):
    settings = faults_broker.client_settings("profile").model_copy(update={"password": "guessed"})
    with pytest.raises(KafkaError):
        KafkaSender(settings, timeout_s=3).send(CANDIDATES.name, "c-intruder", b"{}")


def test_a_service_may_write_only_its_own_topics(faults_broker):
    sender = KafkaSender(faults_broker.client_settings("profile"), timeout_s=10)
    try:
        result = sender.send_all([(VACANCIES.name, "v-forged", b"{}")])
        assert result.acked == 0 and isinstance(result.error, TopicAuthorizationFailedError)
    finally:
        sender.close()
    assert b"v-forged" not in candidate_keys_on(VACANCIES.name, faults_broker)


def test_a_service_may_not_read_what_it_does_not_consume_nor_the_dead_letters(faults_broker):
    # The vacancy service may not even see the candidates topic's offsets.
    consumer = make_consumer(faults_broker.client_settings("vacancy"), group_id=None)
    try:
        candidates = TopicPartition(CANDIDATES.name, 0)
        consumer.assign([candidates])
        with pytest.raises(TopicAuthorizationFailedError):
            consumer.end_offsets([candidates])
    finally:
        consumer.close()
    # Matching writes dead letters (so it may describe the topic) but may not read them back.
    sender = KafkaSender(faults_broker.client_settings("matching"), timeout_s=30)
    try:
        sender.send(DEADLETTER.name, "k", b"poison")
    finally:
        sender.close()
    consumer = make_consumer(faults_broker.client_settings("matching"), group_id=None)
    try:
        letters = TopicPartition(DEADLETTER.name, 0)
        consumer.assign([letters])
        consumer.seek_to_beginning(letters)
        with pytest.raises(TopicAuthorizationFailedError):
            for _ in range(20):
                assert consumer.poll(timeout_ms=500) == {}
    finally:
        consumer.close()


def keys_where_librdkafka_default_differs(partitions: int, n: int) -> list[bytes]:
    """Candidate-like keys that murmur2 (kafka-python, Java) and CRC32 (librdkafka's default
    consistent_random) put on different partitions."""
    keys = []
    i = 0
    while len(keys) < n:
        key = f"c-{i:024x}".encode()
        if (murmur2(key) & 0x7FFFFFFF) % partitions != zlib.crc32(key) % partitions:
            keys.append(key)
        i += 1
    return keys


def test_the_kcat_example_keeps_each_key_on_the_services_partition(faults_broker, tmp_path):
    kcat = shutil.which("kcat")
    if kcat is None:
        pytest.fail("kcat is missing: run `make test` (deploy/ensure-test-tools.sh installs it)")
    topic = "kohtaanto.test.partitioner"  # as many partitions as the candidates topic; nobody consumes it
    admin = admin_client(faults_broker.bootstrap_servers, 30.0, faults_broker.admin_credentials)
    try:
        admin.create_topics({topic: {"num_partitions": CANDIDATES.partitions, "replication_factor": 1}})
    finally:
        admin.close()
    keys = keys_where_librdkafka_default_differs(CANDIDATES.partitions, 5)
    lines = tmp_path / "candidate-event.txt"
    lines.write_bytes(b"".join(k + b'|{"event": "re-published"}\n' for k in keys))
    password = faults_broker.admin_credentials[2]
    # As in docs/events.md, "Partitioning" (with the test broker's address, topic and password):
    command = [
        kcat, "-P", "-b", faults_broker.bootstrap_servers, "-t", topic, "-K", "|",
        "-X", "security.protocol=SASL_PLAINTEXT", "-X", "sasl.mechanisms=PLAIN",
        "-X", "sasl.username=admin", "-X", f"sasl.password={password}",
        "-X", "topic.partitioner=murmur2_random",
        "-l", str(lines),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    from deploy.kafka.broker import sasl_options

    consumer = KafkaConsumer(
        topic,
        bootstrap_servers=faults_broker.bootstrap_servers,
        auto_offset_reset="earliest",
        consumer_timeout_ms=5000,
        **sasl_options(faults_broker.admin_credentials),
    )
    try:
        landed = {r.key: r.partition for r in consumer}
    finally:
        consumer.close()
    assert landed == {k: (murmur2(k) & 0x7FFFFFFF) % CANDIDATES.partitions for k in keys}
