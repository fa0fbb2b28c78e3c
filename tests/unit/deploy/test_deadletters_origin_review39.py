"""The dead-letter tool refuses, saying why, a dead letter whose headers do not give the partition it
came from (review39: it was sent on to partition -1 and kafka-python's error ended the run)."""

from __future__ import annotations

from datetime import UTC, datetime

from deploy.kafka.deadletters import DeadLetter, refusal
from shared.config import KafkaSettings
from shared.messaging.topics import RATINGS


def letter(partition: int) -> DeadLetter:
    return DeadLetter(
        partition=0,
        offset=3,
        timestamp=datetime(2026, 12, 6, tzinfo=UTC),
        key="k",
        value=b"{}",
        origin_topic=RATINGS.name,
        origin_partition=partition,
        origin_offset=7,
        consumer="matching.ratings",
        reason="poison",
        truncated=False,
        original_size=2,
    )


def test_a_dead_letter_without_its_origin_partition_is_refused_with_the_header_named() -> None:
    why = refusal(letter(-1), KafkaSettings())
    assert why is not None and "dlq.original.partition" in why


def test_a_dead_letter_with_its_origin_partition_on_a_delete_topic_may_go_back() -> None:
    assert refusal(letter(0), KafkaSettings()) is None
