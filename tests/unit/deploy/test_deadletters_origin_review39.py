"""The dead-letter tool refuses, saying why, a dead letter whose headers do not give the partition it
came from (review39: it was sent on to partition -1 and kafka-python's error ended the run), and an
offset the broker fails is reported while the offsets after it are still tried."""

from __future__ import annotations

import json
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
    assert tool.main(["republish", "0:3", "0:4"]) == 1
    out = capsys.readouterr()
    assert sent == [4]
    assert "0:3: not re-published: TimeoutError" in out.err
    assert "0:4: re-published" in out.out


def test_a_dead_letter_is_named_partition_colon_offset_and_a_bare_offset_only_on_one_partition(
    monkeypatch, capsys
) -> None:
    """ops40: offsets of two partitions of the dead-letter topic collide; a bare offset named whichever
    came last. The tool names dead letters PARTITION:OFFSET and refuses a bare offset, sending nothing, once
    the topic has more than one partition."""
    from deploy.kafka import deadletters as tool

    letters = [replace(letter(0), partition=0, offset=3), replace(letter(0), partition=1, offset=3)]
    sent: list[tuple[int, int]] = []
    monkeypatch.setattr(tool, "_settings", lambda _args: KafkaSettings())
    monkeypatch.setattr(tool, "dead_letters", lambda _settings, timeout_s: letters)
    monkeypatch.setattr(
        tool, "republish", lambda _s, found, _t: sent.append((found.partition, found.offset)) or 9
    )
    monkeypatch.setattr(tool, "origin_record", lambda *_: SimpleNamespace(offset=7, key=b"k", value=b"{}"))
    partitions = {"n": 2}
    monkeypatch.setattr(tool, "dead_letter_partitions", lambda _settings, _timeout: partitions["n"])

    assert tool.main(["republish", "0:3", "3"]) == 2 and sent == []
    err = capsys.readouterr().err
    assert "has 2 partitions" in err and "PARTITION:OFFSET" in err and "Nothing re-published" in err

    assert tool.main(["republish", "1:3"]) == 0 and sent == [(1, 3)]
    assert "1:3: re-published" in capsys.readouterr().out

    partitions["n"] = 1  # as created: a bare offset is partition 0's, and the same dead letter as 0:3
    sent.clear()
    assert tool.main(["republish", "3", "0:3"]) == 0 and sent == [(0, 3)]
    assert capsys.readouterr().out.count("re-published") == 1

    assert tool.main(["list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in out] == ["0:3", "1:3"]
    assert tool.main(["list", "--json"]) == 0
    first = json.loads(capsys.readouterr().out.splitlines()[1])
    assert (first["dead_letter"], first["partition"], first["offset"]) == ("1:3", 1, 3)


@pytest.mark.parametrize("name", ["x", "0:", ":3", "-1", "0:-3", "a:3", "1:2:3"])
def test_a_name_that_is_no_partition_and_offset_is_a_usage_error(name, capsys) -> None:
    from deploy.kafka import deadletters as tool

    with pytest.raises(SystemExit) as stop:
        tool.main(["republish", name])
    assert stop.value.code == 2 and "PARTITION:OFFSET" in capsys.readouterr().err


def test_parse_name_reads_partition_and_offset_or_a_bare_offset() -> None:
    from deploy.kafka.deadletters import parse_name

    assert parse_name("1:12") == (1, 12) and parse_name("12") == (None, 12) and parse_name(" 0:0 ") == (0, 0)


def test_no_broker_is_an_error_within_the_timeout_given(monkeypatch, capsys, tmp_path) -> None:
    """ops40: ``--timeout`` did not bound the client's bootstrap (kafka-python waits 30 s by default), so
    ``list --timeout 5`` with no broker took 36 s; every client of the run now bootstraps within it."""
    from deploy.kafka import deadletters as tool
    from deploy.kafka.broker import find_free_port
    from shared.messaging import kafka as messaging

    asked: list[dict] = []
    make = messaging.make_consumer

    def recording(settings, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(kwargs)
        return make(settings, **kwargs)

    monkeypatch.setattr(tool, "make_consumer", recording)
    port = find_free_port(1)
    assert tool.main(["list", "--home", str(tmp_path), "--port", str(port), "--timeout", "1"]) == 1
    assert "Unable to bootstrap" in capsys.readouterr().err
    assert [k["bootstrap_timeout_ms"] for k in asked] == [1000]


def test_one_run_reads_the_candidates_topic_once_for_many_jobseekers_and_remembers_what_it_sent(
    monkeypatch,
) -> None:
    """ops40: the candidates topic was read whole once per dead letter checked. A fake topic store stands for
    the broker: each topic is read whole at most once per run, a withdrawn jobseeker's record is refused, a
    live one's goes back once, and a second dead letter of the same record is then already re-published."""
    from deploy.kafka import deadletters as tool
    from shared.messaging.topics import CANDIDATES, PATHS

    def rec(topic, partition, offset, key, value, headers=()):  # type: ignore[no-untyped-def]
        return SimpleNamespace(topic=topic, partition=partition, offset=offset, key=key, value=value,
                               headers=list(headers), timestamp=1_000 + offset)  # fmt: skip

    topics = {
        CANDIDATES.name: [
            rec(CANDIDATES.name, 0, 0, b"c-live", b"{}"),
            rec(CANDIDATES.name, 0, 1, b"c-gone", b"{}"),
            rec(CANDIDATES.name, 0, 2, b"c-gone", None),
        ],
        PATHS.name: [
            rec(PATHS.name, 1, 0, b"c-live", b'{"p": 1}'),
            rec(PATHS.name, 1, 1, b"c-gone", b'{"p": 2}'),
        ],
    }
    whole: list[str] = []

    def read(_settings, topic, start=None, timeout_s=30.0):  # type: ignore[no-untyped-def]
        if start is None:
            whole.append(topic)
        return iter(
            [m for m in topics[topic] if start is None or m.offset >= start.get(m.partition, 1 << 62)]
        )

    def dead(offset: int, key: str, origin_offset: int, value: bytes) -> DeadLetter:
        return replace(letter(1), offset=offset, key=key, value=value, origin_topic=PATHS.name,
                       origin_offset=origin_offset, original_size=len(value))  # fmt: skip

    letters = [
        dead(0, "c-live", 0, b'{"p": 1}'),
        dead(1, "c-gone", 1, b'{"p": 2}'),
        dead(2, "c-live", 0, b'{"p": 1}'),
    ]
    sent: list[int] = []

    def republish(_settings, found, _timeout):  # type: ignore[no-untyped-def]
        sent.append(found.offset)
        topics[PATHS.name].append(
            rec(PATHS.name, 1, 2, b"c-live", found.value, [(tool.REPUBLISHED_FROM, b"x")])
        )
        return 2

    monkeypatch.setattr(tool, "read_partitions", read)
    monkeypatch.setattr(tool, "_settings", lambda _args: KafkaSettings())
    monkeypatch.setattr(tool, "dead_letters", lambda _settings, timeout_s: letters)
    monkeypatch.setattr(tool, "republish", republish)
    assert tool.main(["republish", "0:0", "0:1", "0:2"]) == 1
    assert sent == [0]
    assert sorted(whole) == [CANDIDATES.name, PATHS.name]

    reads = tool.TopicReads(KafkaSettings(), letters=letters)
    assert "already re-published" in (tool.refusal(letters[2], KafkaSettings(), reads=reads) or "")
    assert "withdrawn" in (tool.refusal(letters[1], KafkaSettings(), reads=reads) or "")
    assert reads.whole_reads == {PATHS.name: 1, CANDIDATES.name: 1}
