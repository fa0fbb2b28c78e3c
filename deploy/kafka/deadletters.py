"""Read the dead-letter topic and re-publish a dead letter after a fix: the operator's side of
"poison goes to the dead-letter topic and the stream goes on".

    python -m deploy.kafka.deadletters list                  # every dead letter, one line each
    python -m deploy.kafka.deadletters list --json --value   # JSON lines, with the record's value
    python -m deploy.kafka.deadletters republish 0:12 0:15   # dead letters 12 and 15 of partition 0

A dead letter is named ``PARTITION:OFFSET`` of the dead-letter topic (``list`` prints it so): an offset
alone names one only while the topic has one partition (as created: ``shared.messaging.topics``), and
``republish`` refuses a bare offset, sending nothing, once the topic has been given more.

It connects as the broker's admin (the only principal that may read ``kohtaanto.deadletter.v1``: a
dead letter may hold another service's data): the local broker's (``make broker``, ``make demo``;
``--home``, ``--port`` as ``deploy.kafka.broker``) or, with ``--env``, the one the ``KAFKA_*``
environment variables name (production: ``KAFKA_USERNAME=admin`` and its password).

``republish`` sends the record's key and value, unchanged, back to the topic and partition it came
from (kafka-python partitions keys by murmur2, as the services do: docs/events.md), with the header
``dlq.republished.from`` naming the dead letter. It refuses, and says why (``refusal``), a dead letter
that was written truncated (its value is not the record), one whose origin is not a Kohtaanto topic
(or whose partition its headers do not give), a jobseeker's record (candidates, outcomes, paths,
training: keyed by the pseudonym) once the jobseeker has withdrawn, and on a compacted topic one
that a later record under the same key has superseded (re-publishing it would make an older state,
or after a tombstone an erased key, the latest again).
Consumers are idempotent, so a record re-published twice is applied once.

What a run reads: the dead-letter topic whole, once (``dead_letters``); for ``republish``, each
compacted topic a dead letter to check needs (its origin, and the candidates topic for a jobseeker's
record) whole, at most once per run however many dead letters are given, and for a dead letter from a
delete-policy topic (outcomes, ratings) one fetch at its origin's offset (``TopicReads``).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from shared.config import ConfigError, KafkaSettings
from shared.messaging.kafka import make_consumer, security_config
from shared.messaging.topics import CANDIDATES, DEADLETTER, OUTCOMES, PATHS, TRAINING, by_name

#: The header a re-published record carries: ``<dead-letter topic>:<partition>:<offset>``.
REPUBLISHED_FROM = "dlq.republished.from"


@dataclass(frozen=True)
class DeadLetter:
    """One record of the dead-letter topic, as its headers describe it (``shared.messaging.consumer``)."""

    partition: int
    offset: int
    timestamp: datetime  # when the dead letter was written (UTC)
    key: str
    value: bytes | None
    origin_topic: str
    origin_partition: int
    origin_offset: int
    consumer: str
    reason: str
    truncated: bool
    original_size: int  # bytes of the original record's value (its size before any truncation)

    def summary(self, with_value: bool = False) -> dict[str, Any]:
        """JSON-ready fields; the value (UTF-8, else its size only) only when asked for."""
        out: dict[str, Any] = {
            "dead_letter": f"{self.partition}:{self.offset}",  # its name for ``republish``
            "partition": self.partition,
            "offset": self.offset,
            "written_at": self.timestamp.isoformat(),
            "origin": f"{self.origin_topic}:{self.origin_partition}:{self.origin_offset}",
            "consumer": self.consumer,
            "reason": self.reason,
            "key": self.key,
            "value_bytes": self.original_size,
            "truncated": self.truncated,
        }
        if with_value:
            out["value"] = None if self.value is None else self.value.decode("utf-8", errors="replace")
        return out


def _header(headers: Sequence[tuple[str, bytes]], name: str, default: str = "") -> str:
    for key, value in headers or ():
        if key == name:
            return value.decode("utf-8", errors="replace")
    return default


def _as_int(text: str, default: int = -1) -> int:
    try:
        return int(text)
    except ValueError:
        return default


def dead_letter(message: Any) -> DeadLetter:
    """A ``DeadLetter`` from a kafka-python ``ConsumerRecord`` of the dead-letter topic."""
    headers = list(message.headers or ())
    value = message.value
    return DeadLetter(
        partition=message.partition,
        offset=message.offset,
        timestamp=datetime.fromtimestamp(message.timestamp / 1000, tz=UTC),
        key=(message.key or b"").decode("utf-8", errors="replace"),
        value=value,
        origin_topic=_header(headers, "dlq.original.topic"),
        origin_partition=_as_int(_header(headers, "dlq.original.partition")),
        origin_offset=_as_int(_header(headers, "dlq.original.offset")),
        consumer=_header(headers, "dlq.consumer"),
        reason=_header(headers, "dlq.reason"),
        truncated=_header(headers, "dlq.truncated") == "true",
        original_size=_as_int(_header(headers, "dlq.original.size"), len(value or b"")),
    )


def read_partitions(
    settings: KafkaSettings, topic: str, start: dict[int, int] | None = None, timeout_s: float = 30.0
) -> Iterator[Any]:
    """The records of ``topic`` up to the end it had when called, as kafka-python ``ConsumerRecord``s:
    with ``start`` (partition → first offset) those partitions only, from those offsets; else every
    partition from its beginning. No consumer group: nothing is committed. Raises ``TimeoutError``
    when the end is not reached within ``timeout_s`` seconds of no progress."""
    from kafka import TopicPartition

    consumer = make_consumer(
        settings,
        group_id=None,
        consumer_timeout_ms=int(timeout_s * 1000),
        bootstrap_timeout_ms=int(timeout_s * 1000),  # (kafka-python's default: 30 s whatever --timeout says)
    )
    try:
        partitions = sorted(consumer.partitions_for_topic(topic) or set())
        if start is not None:
            partitions = [p for p in partitions if p in start]
        parts = [TopicPartition(topic, p) for p in partitions]
        if not parts:
            return
        consumer.assign(parts)
        ends = consumer.end_offsets(parts)
        for tp in parts:
            if start is None:
                consumer.seek_to_beginning(tp)
            else:
                consumer.seek(tp, start[tp.partition])
        left = {tp for tp in parts if consumer.position(tp) < ends[tp]}
        while left:
            batch = consumer.poll(timeout_ms=int(timeout_s * 1000))
            if not batch:
                raise TimeoutError(f"{topic}: no record within {timeout_s:.0f} s before its end")
            for tp, records in batch.items():
                for record in records:
                    if record.offset < ends[tp]:
                        yield record
                if consumer.position(tp) >= ends[tp]:
                    left.discard(tp)
                    consumer.pause(tp)
    finally:
        consumer.close()


def dead_letters(settings: KafkaSettings, timeout_s: float = 30.0) -> list[DeadLetter]:
    """Every dead letter now on ``kohtaanto.deadletter.v1``, oldest first (within each partition): the
    topic read whole, once (30 days' retention; each record at most ``MAX_MESSAGE_BYTES``)."""
    return [dead_letter(m) for m in read_partitions(settings, DEADLETTER.name, timeout_s=timeout_s)]


#: Topics whose key is a jobseeker's pseudonymous id (docs/events.md): a record of theirs may go back only
#: while the candidates topic holds a live profile under that id.
CANDIDATE_KEYED = frozenset({CANDIDATES.name, OUTCOMES.name, PATHS.name, TRAINING.name})


@dataclass(frozen=True)
class Latest:
    """The last record under one key on one partition of a compacted topic, as a read of it found it."""

    offset: int
    timestamp_ms: int
    tombstone: bool
    republished: bool  # it carries ``REPUBLISHED_FROM``


class TopicReads:
    """What one run of the tool reads of the origin topics, each at most once (ops40: the candidates
    topic was read whole once per dead letter checked, and a compacted origin from the dead letter's
    offset to its end once per dead letter):

    - a compacted topic (vacancies, candidates, shortages, paths, training) is read whole, once, the first
      time a dead letter needs it: a jobseeker's record needs the candidates topic (is the profile live?),
      a record of a compacted topic its own topic (a later record under its key? the record at its
      origin). Kept of it: the last record's offset, time and kind per partition and key (a few dozen
      bytes a key), and the records at the origins of the dead letters given to ``want``;
    - a record of a delete-policy topic (outcomes, ratings) by one fetch from its offset
      (``origin_record``), never the topic whole.

    ``sent`` tells it a record this run re-published, so a second dead letter of the same record is
    refused as already re-published without reading the topic again. ``whole_reads`` counts the whole
    reads per topic. Raises what ``read_partitions`` raises (``TimeoutError``, kafka-python's errors)."""

    def __init__(self, settings: KafkaSettings, timeout_s: float = 30.0, letters: Iterable[DeadLetter] = ()):
        self.settings = settings
        self.timeout_s = timeout_s
        self.wanted: dict[str, set[tuple[int, int]]] = {}
        self.whole_reads: Counter[str] = Counter()
        self._latest: dict[str, dict[bytes, dict[int, Latest]]] = {}  # topic -> key -> partition -> last
        self._records: dict[str, dict[tuple[int, int], Any]] = {}
        self._read_for: dict[str, set[tuple[int, int]]] = {}  # the origins wanted when the topic was read
        self.want(letters)

    def want(self, letters: Iterable[DeadLetter]) -> None:
        """Keep the records at these dead letters' origins when their topics are read whole."""
        for letter in letters:
            if letter.origin_partition >= 0 and letter.origin_offset >= 0:
                self.wanted.setdefault(letter.origin_topic, set()).add(
                    (letter.origin_partition, letter.origin_offset)
                )

    def _whole(self, topic: str) -> dict[bytes, dict[int, Latest]]:
        if topic not in self._latest:
            wanted = set(self.wanted.get(topic, set()))
            latest: dict[bytes, dict[int, Latest]] = {}
            records: dict[tuple[int, int], Any] = {}
            for m in read_partitions(self.settings, topic, timeout_s=self.timeout_s):
                republished = any(k == REPUBLISHED_FROM for k, _ in m.headers or ())
                latest.setdefault(m.key or b"", {})[m.partition] = Latest(
                    m.offset, m.timestamp, m.value is None, republished
                )
                if (m.partition, m.offset) in wanted:
                    records[(m.partition, m.offset)] = m
            self.whole_reads[topic] += 1
            self._latest[topic], self._records[topic], self._read_for[topic] = latest, records, wanted
        return self._latest[topic]

    def origin(self, letter: DeadLetter) -> Any | None:
        """The kafka-python ``ConsumerRecord`` at ``letter``'s origin, or None when there is none."""
        if by_name(letter.origin_topic).cleanup_policy != "compact":
            return origin_record(self.settings, letter, self.timeout_s)
        self._whole(letter.origin_topic)
        at = (letter.origin_partition, letter.origin_offset)
        if at in self._records[letter.origin_topic]:
            return self._records[letter.origin_topic][at]
        if at in self._read_for[letter.origin_topic]:
            return None  # read whole while wanted: no record there
        return origin_record(self.settings, letter, self.timeout_s)  # not wanted when it was read

    def latest(self, topic: str, key: bytes, partition: int | None = None) -> Latest | None:
        """The last record under ``key`` on ``topic`` (a compacted one), on ``partition`` or on any (the
        latest written, should a key be on several after partitions were added); None: no record."""
        mine = self._whole(topic).get(key, {})
        found = list(mine.values()) if partition is None else [mine[partition]] if partition in mine else []
        return max(found, key=lambda v: (v.timestamp_ms, v.offset), default=None)

    def sent(self, topic: str, partition: int, key: bytes, offset: int) -> None:
        """This run re-published a record under ``key`` to ``topic``'s ``partition`` at ``offset``."""
        if topic in self._latest:
            now_ms = int(datetime.now(UTC).timestamp() * 1000)
            self._latest[topic].setdefault(key, {})[partition] = Latest(offset, now_ms, False, True)


def refusal(
    letter: DeadLetter, settings: KafkaSettings, timeout_s: float = 30.0, reads: TopicReads | None = None
) -> str | None:
    """Why ``letter`` must not be re-published, or None when it may: written truncated; its origin not
    a Kohtaanto topic, or the dead-letter topic, or its partition not known; no record at its origin
    with its key and value (gone, or a forged dead letter: every service may write the dead-letter
    topic); a jobseeker's record (``CANDIDATE_KEYED``) whose profile the candidates topic holds
    withdrawn (a tombstone) or not at all (erased and compacted away); on a compacted topic, a later
    record under its key (already re-published, or a newer state or a tombstone). ``reads``: the run's
    reads of the topics (``TopicReads``; a new one, for this letter alone, when not given)."""
    if letter.truncated:
        return (
            f"written truncated ({letter.original_size} bytes): the value is not the record; "
            "re-send it from its producer"
        )
    try:
        origin = by_name(letter.origin_topic)
    except KeyError:
        return f"its origin {letter.origin_topic!r} is not a Kohtaanto topic"
    if origin.name == DEADLETTER.name:
        return "its origin is the dead-letter topic itself"
    if letter.origin_partition < 0:  # (sent to partition -1, the producer raised after the checks)
        return "its headers do not say the partition it came from (dlq.original.partition)"
    if reads is None:
        reads = TopicReads(settings, timeout_s, [letter])
    key = letter.key.encode()
    # any service may write the dead-letter topic, but only its producer the origin: re-publish only a record
    # that is on its origin as it stands in the dead letter (outside tester 39c, R1: a dead letter forged by
    # the profile service's user put a vacancy on the vacancies topic through the admin)
    found = reads.origin(letter)
    if found is None:
        return (
            f"no record at {letter.origin_topic}:{letter.origin_partition}:{letter.origin_offset} "
            "(past its retention, compacted away, or the headers are wrong): re-send it from its producer"
        )
    if found.key != key or found.value != letter.value:
        return (
            f"the record at {letter.origin_topic}:{letter.origin_partition}:{letter.origin_offset} is not this "
            "dead letter's key and value: its headers do not name where it came from"
        )
    if origin.name in CANDIDATE_KEYED:
        profile = reads.latest(CANDIDATES.name, key)
        if profile is None or profile.tombstone:
            return (
                "the jobseeker has withdrawn (the candidates topic holds "
                + ("their tombstone" if profile else "no profile under this id")
                + "): a record of theirs must not come back"
            )
    if origin.cleanup_policy == "compact":
        last = reads.latest(origin.name, key, letter.origin_partition)
        if last is not None and last.offset > letter.origin_offset:
            if last.republished:
                return f"already re-published ({origin.name} offset {last.offset})"
            if last.tombstone:
                return f"erased: {origin.name} holds a tombstone under its key (offset {last.offset})"
            return (
                f"superseded: {origin.name} holds a later record under its key (offset {last.offset}); "
                "re-publishing would make the older state the latest again"
            )
    return None


def origin_record(settings: KafkaSettings, letter: DeadLetter, timeout_s: float = 30.0) -> Any | None:
    """The kafka-python ``ConsumerRecord`` at ``letter``'s origin (topic, partition, offset), or None when
    the topic has no such partition or no record at that offset any more (retention, compaction). Reads
    one fetch from that offset, not the topic."""
    if letter.origin_partition < 0 or letter.origin_offset < 0:
        return None
    start = {letter.origin_partition: letter.origin_offset}
    for record in read_partitions(settings, letter.origin_topic, start=start, timeout_s=timeout_s):
        return record if record.offset == letter.origin_offset else None
    return None


def republish(settings: KafkaSettings, letter: DeadLetter, timeout_s: float = 30.0) -> int:
    """Send ``letter``'s key and value back to its origin topic and partition; returns the new offset.
    The caller checks ``refusal`` first."""
    from kafka import KafkaProducer

    producer = KafkaProducer(
        bootstrap_servers=settings.bootstrap_servers,
        client_id=settings.client_id,
        acks="all",
        max_block_ms=int(timeout_s * 1000),
        bootstrap_timeout_ms=int(timeout_s * 1000),
        **security_config(settings),
    )
    try:
        sent = producer.send(
            letter.origin_topic,
            key=letter.key.encode(),
            value=letter.value,
            partition=letter.origin_partition,
            headers=[(REPUBLISHED_FROM, f"{DEADLETTER.name}:{letter.partition}:{letter.offset}".encode())],
        ).get(timeout=timeout_s)
        return int(sent.offset)
    finally:
        producer.close(timeout=timeout_s)


def _settings(args: argparse.Namespace) -> KafkaSettings:
    if args.env:
        return KafkaSettings.read_env(client_id="kohtaanto-deadletters")
    from deploy.kafka.broker import ADMIN, DEFAULT_HOME, DEFAULT_PORT, LocalBroker

    home = Path(args.home or DEFAULT_HOME)
    port = args.port or LocalBroker(home, DEFAULT_PORT).running_port() or DEFAULT_PORT
    return LocalBroker(home, port).client_settings(ADMIN, client_id="kohtaanto-deadletters")


def dead_letter_partitions(settings: KafkaSettings, timeout_s: float = 30.0) -> int:
    """How many partitions ``kohtaanto.deadletter.v1`` has (its metadata, no record read); 0 when the
    broker does not know the topic. Raises kafka-python's errors (no broker within ``timeout_s``
    seconds: ``KafkaTimeoutError``)."""
    consumer = make_consumer(settings, group_id=None, bootstrap_timeout_ms=int(timeout_s * 1000))
    try:
        return len(consumer.partitions_for_topic(DEADLETTER.name) or ())
    finally:
        consumer.close()


def parse_name(text: str) -> tuple[int | None, int]:
    """A dead letter's name as given: ``PARTITION:OFFSET`` (``0:12``), or a bare ``OFFSET`` (partition
    None). Raises ``ValueError`` with the reason when it is neither."""
    part, sep, offset = text.strip().rpartition(":")
    if not offset.isdigit() or (sep and not part.isdigit()):
        raise ValueError(f"{text!r} is not a dead letter's PARTITION:OFFSET (e.g. 0:12), as 'list' prints it")
    return (int(part) if sep else None), int(offset)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m deploy.kafka.deadletters",
        description="List the dead-letter topic, or re-publish dead letters to where they came from.",
    )
    parser.add_argument("command", choices=["list", "republish"])
    parser.add_argument(
        "names",
        nargs="*",
        metavar="PARTITION:OFFSET",
        help="republish: the dead letters, as 'list' names them (a bare OFFSET only while the topic has one partition)",
    )
    parser.add_argument("--json", action="store_true", help="list: one JSON object a line")
    parser.add_argument("--value", action="store_true", help="list: with each record's value")
    parser.add_argument("--env", action="store_true", help="the broker and admin of the KAFKA_* variables")
    parser.add_argument("--home", default=None, help="the local broker's state folder (.kafka)")
    parser.add_argument("--port", type=int, default=None, help="the local broker's port (its last)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds (%(default)s)")
    args = parser.parse_args(argv)
    given: list[tuple[int | None, int]] = []
    if args.command == "republish":
        if not args.names:
            parser.error("republish needs the dead letters to send, as PARTITION:OFFSET")
        try:
            given = [parse_name(name) for name in args.names]
        except ValueError as exc:
            parser.error(str(exc))
    logging.getLogger("kafka").setLevel(logging.CRITICAL)
    try:
        settings = _settings(args)
        letters = dead_letters(settings, timeout_s=args.timeout)
        if any(partition is None for partition, _ in given):
            partitions = dead_letter_partitions(settings, args.timeout)
            if partitions != 1:
                print(
                    f"error: {DEADLETTER.name} has {partitions} partitions: an offset alone does not name a "
                    "dead letter; give PARTITION:OFFSET (e.g. 0:12), as 'list' prints it. Nothing re-published.",
                    file=sys.stderr,
                )
                return 2
        # (one partition: a bare offset is partition 0's)
        wanted = [(0 if partition is None else partition, offset) for partition, offset in given]
    except (ConfigError, TimeoutError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # kafka-python's errors: no broker, refused credentials
        print(f"error: cannot read {DEADLETTER.name}: {exc!r}", file=sys.stderr)
        return 1
    if args.command == "list":
        for letter in letters:
            fields = letter.summary(with_value=args.value)
            if args.json:
                print(json.dumps(fields, ensure_ascii=False))
            else:
                print(
                    f"{fields['dead_letter']:>8}  {fields['written_at']}  {fields['origin']}  "
                    f"{fields['consumer']}  {fields['value_bytes']} B"
                    f"{' truncated' if letter.truncated else ''}  {fields['reason']}"
                )
        if not args.json:
            print(f"{len(letters)} dead letter(s) on {DEADLETTER.name}", file=sys.stderr)
        return 0
    by_name_ = {(letter.partition, letter.offset): letter for letter in letters}
    chosen = list(dict.fromkeys(wanted))  # each once, in the order given (0:12 and 12 are one)
    reads = TopicReads(settings, args.timeout, [by_name_[n] for n in chosen if n in by_name_])
    failed = 0
    for partition, offset in chosen:
        name = f"{partition}:{offset}"
        found = by_name_.get((partition, offset))
        try:
            why = "no such dead letter" if found is None else refusal(found, settings, args.timeout, reads)
            if found is None or why is not None:
                print(f"{name}: not re-published: {why}", file=sys.stderr)
                failed += 1
                continue
            new = republish(settings, found, args.timeout)
        except Exception as exc:  # the broker's or kafka-python's: this one fails, the others are tried
            print(f"{name}: not re-published: {exc!r}", file=sys.stderr)
            failed += 1
            continue
        reads.sent(found.origin_topic, found.origin_partition, found.key.encode(), new)
        print(f"{name}: re-published to {found.origin_topic}:{found.origin_partition} at offset {new}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
