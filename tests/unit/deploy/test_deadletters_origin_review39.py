"""The dead-letter tool refuses, saying why, a dead letter whose headers do not give the partition it
came from (review39: it was sent on to partition -1 and kafka-python's error ended the run), and an
offset the broker fails is reported while the offsets after it are still tried."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from deploy.kafka.deadletters import DeadLetter, refusal
from shared.config import KafkaSettings
from shared.messaging.topics import DEADLETTER, RATINGS


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


def test_a_dead_letter_with_its_origin_partition_on_a_delete_topic_may_go_back(monkeypatch) -> None:
    from deploy.kafka import deadletters as tool

    monkeypatch.setattr(tool, "origin_record", lambda *_: SimpleNamespace(offset=7, key=b"k", value=b"{}"))
    assert refusal(letter(0), KafkaSettings()) is None


@pytest.mark.parametrize(
    ("at_origin", "words"),
    [
        (None, "no record at"),  # past retention, or headers naming an offset that never was
        (SimpleNamespace(offset=7, key=b"other", value=b"{}"), "not this dead letter's key and value"),
        (
            SimpleNamespace(offset=7, key=b"k", value=b'{"forged": true}'),
            "not this dead letter's key and value",
        ),
    ],
)
def test_a_dead_letter_whose_origin_does_not_hold_it_is_refused(monkeypatch, at_origin, words) -> None:
    # outside tester 39c, R1: any service may write the dead-letter topic; a dead letter forged by the
    # profile service's user named another vacancy's offset and went onto the vacancies topic as admin
    from deploy.kafka import deadletters as tool

    monkeypatch.setattr(tool, "origin_record", lambda *_: at_origin)
    why = refusal(letter(0), KafkaSettings())
    assert why is not None and words in why


def test_a_dead_letter_naming_the_dead_letter_topic_as_its_origin_is_refused() -> None:
    why = refusal(replace(letter(0), origin_topic=DEADLETTER.name), KafkaSettings())
    assert why is not None and "dead-letter topic itself" in why


def test_an_offset_the_broker_fails_is_reported_and_the_next_offsets_are_still_tried(
    monkeypatch, capsys
) -> None:
    # (review39: a TimeoutError or a broker refusal for one offset ended the run with a traceback, the
    # offsets after it not tried)
    from deploy.kafka import deadletters as tool

    letters = [replace(letter(0), offset=n) for n in (3, 4)]
    sent: list[int] = []

    def republish(_settings: KafkaSettings, found: DeadLetter, _timeout: float) -> int:
        if found.offset == 3:
            raise TimeoutError("no answer")
        sent.append(found.offset)
        return 99

    monkeypatch.setattr(tool, "_settings", lambda _args: KafkaSettings())
    monkeypatch.setattr(tool, "dead_letters", lambda _settings, timeout_s: letters)
    monkeypatch.setattr(tool, "republish", republish)
    monkeypatch.setattr(tool, "origin_record", lambda *_: SimpleNamespace(offset=7, key=b"k", value=b"{}"))
    assert tool.main(["republish", "3", "4"]) == 1
    out = capsys.readouterr()
    assert sent == [4]
    assert "3: not re-published: TimeoutError" in out.err
    assert "4: re-published" in out.out
