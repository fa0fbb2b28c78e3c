"""The consumer loop: decode, handle, commit after the effect; poison messages go to dead letters.

At-least-once: an offset is committed only after its handler returned. Handlers are idempotent
(processed event ids stored with the effect, or aggregate versions), so a redelivery changes nothing.

What happens when a handler fails depends on the kind of error (``classify``):

* **poison** (not an envelope, an unknown event type or version, a payload its reader rejects): the
  message can never be handled; it is copied to the dead-letter topic with the reason, and the loop
  goes on;
* **temporary** (the database or broker is unreachable, a timeout): the partition is rewound to the
  failed message and retried after a pause, as long as it takes;
* **unexpected** (anything else, e.g. a bug meeting data it did not foresee): retried
  ``max_attempts`` times, then dead-lettered with the error as the reason, so one record can never
  stall its partition for good.

Dead-lettering is idempotent per origin (consumer, topic, partition, offset) when the loop has a
``DeadLetterLedger``: a consumer that re-reads a topic after a restart does not send old poison again.
A dead letter larger than the broker accepts is written truncated, with its origin and reason.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from shared import metrics
from shared.logging import log_context
from shared.messaging.envelope import Envelope, EnvelopeError
from shared.messaging.errors import ErrorKind, classify, is_record_error
from shared.messaging.heartbeat import Heartbeat
from shared.messaging.topics import DEADLETTER, MAX_MESSAGE_BYTES

log = logging.getLogger(__name__)

#: Bytes kept free in a dead letter for the record's own framing (record and batch headers).
_FRAMING_BYTES = 4096
#: A dead letter's key is cut to this many bytes (keys are ids; a longer one is garbage anyway).
_MAX_KEY_BYTES = 1024


class PoisonMessageError(ValueError):
    """Raised by a handler for a message it can never process (e.g. a payload that fails its schema)."""


class DeadLetterError(RuntimeError):
    """A dead letter could not be written, not even truncated (the loop retries the message)."""


@dataclass(frozen=True, slots=True)
class Record:
    """One consumed message; ``envelope`` is None for a tombstone (deletion on a compacted topic)."""

    topic: str
    partition: int
    offset: int
    key: str | None
    envelope: Envelope | None


Handler = Callable[[Record], None]


class DeadLetterSink(Protocol):
    def send(
        self, topic: str, key: str, value: bytes | None, headers: list[tuple[str, bytes]] | None = None
    ) -> None: ...


@dataclass(frozen=True, slots=True, order=True)
class Origin:
    """Where a dead letter came from: which consumer gave up on which record."""

    consumer: str
    topic: str
    partition: int
    offset: int


class DeadLetterLedger(Protocol):
    """Remembers which origins were dead-lettered (see ``shared.messaging.deadletters``)."""

    def seen(self, origin: Origin) -> bool: ...

    def record(self, origin: Origin, reason: str) -> None: ...


class DeadLetters:
    """Copies a poison message to the dead-letter topic with where it came from and why.

    The key and value are copied unchanged when the dead letter fits in ``max_message_bytes``;
    otherwise the value is cut to fit and the headers say so (``dlq.truncated``, ``dlq.original.size``).
    With a ``ledger`` an origin is dead-lettered once: ``send`` returns False for one seen before.
    """

    def __init__(
        self,
        sender: DeadLetterSink,
        topic: str = DEADLETTER.name,
        consumer_name: str = "",
        *,
        ledger: DeadLetterLedger | None = None,
        max_message_bytes: int = MAX_MESSAGE_BYTES,
    ) -> None:
        self.sender = sender
        self.topic = topic
        self.consumer_name = consumer_name
        self.ledger = ledger
        self.max_message_bytes = max_message_bytes
        self.truncated = 0

    def send(self, message: Any, reason: str) -> bool:
        """Dead-letter ``message`` (a kafka-python ConsumerRecord or alike); False if its origin was
        dead-lettered before. Raises the sender's error when it is temporary, ``DeadLetterError``
        when not even a truncated copy could be written."""
        origin = Origin(self.consumer_name, message.topic, message.partition, message.offset)
        if self.ledger is not None and self.ledger.seen(origin):
            log.info("poison message was dead-lettered before; not sent again", extra=_extra(origin))
            return False
        headers = [
            ("dlq.original.topic", message.topic.encode()),
            ("dlq.original.partition", str(message.partition).encode()),
            ("dlq.original.offset", str(message.offset).encode()),
            ("dlq.consumer", self.consumer_name.encode()),
            ("dlq.reason", reason.encode()[:1000]),
        ]
        raw_key = message.key or b""
        key = raw_key[:_MAX_KEY_BYTES].decode(errors="replace") if raw_key else "unknown"
        value: bytes | None = message.value
        size = len(value or b"")
        room = self.max_message_bytes - _FRAMING_BYTES - len(key.encode()) - _headers_size(headers) - 64
        if size > room:
            value = (value or b"")[: max(room, 0)]
            headers += [("dlq.truncated", b"true"), ("dlq.original.size", str(size).encode())]
            self.truncated += 1
        try:
            self.sender.send(self.topic, key, value, headers)
        except Exception as exc:
            if not is_record_error(exc):
                raise
            # The broker takes records smaller than we assumed: keep only the origin and reason.
            log.warning("dead letter refused whole; sending origin and reason only", extra=_extra(origin))
            headers = [h for h in headers if h[0] not in ("dlq.truncated", "dlq.original.size")]
            headers += [("dlq.truncated", b"true"), ("dlq.original.size", str(size).encode())]
            try:
                self.sender.send(self.topic, key, b"", headers)
            except Exception as again:
                raise DeadLetterError(f"dead letter not written: {again!r}") from again
            self.truncated += 1
        if self.ledger is not None:
            self.ledger.record(origin, without_identifiers(reason, key))
        return True


#: A pseudonymous candidate id as the profile service makes them (``services.profile.domain.pseudonym``).
PSEUDONYM_SHAPE = re.compile(r"c-[0-9a-f]{24}(?![0-9a-f])")
KEY_PLACEHOLDER = "<key>"
PSEUDONYM_PLACEHOLDER = "<pseudonym>"


def without_identifiers(reason: str, key: str | None = None) -> str:
    """``reason`` as the service's own record keeps it: the record's ``key`` (a candidate id, which the
    dead letter on the topic carries anyway) replaced by ``KEY_PLACEHOLDER`` and any other pseudonym by
    ``PSEUDONYM_PLACEHOLDER`` (privacy37: the rows stay for good, so they must not name a jobseeker who
    withdraws later; "candidate 'c-…' differs from the record's key 'c-…'" did)."""
    if key:
        reason = reason.replace(key, KEY_PLACEHOLDER)
    return PSEUDONYM_SHAPE.sub(PSEUDONYM_PLACEHOLDER, reason)


def _headers_size(headers: list[tuple[str, bytes]]) -> int:
    return sum(len(k.encode()) + len(v) + 8 for k, v in headers)


def _extra(origin: Origin) -> dict[str, Any]:
    return {
        "consumer": origin.consumer,
        "topic": origin.topic,
        "partition": origin.partition,
        "offset": origin.offset,
    }


def to_record(message: Any) -> Record:
    """A kafka-python ``ConsumerRecord`` (bytes key and value) as a ``Record``: the key decoded as
    UTF-8, the value decoded as an envelope, None for a tombstone. Raises ``UnicodeDecodeError`` for a
    key that is not UTF-8 and ``EnvelopeError`` for a value that is no envelope (both poison)."""
    key = message.key.decode() if message.key is not None else None
    envelope = None if message.value is None else Envelope.decode(message.value)
    return Record(message.topic, message.partition, message.offset, key, envelope)


POISON = (EnvelopeError, PoisonMessageError, UnicodeDecodeError)


def _held(consumer: Any) -> int:
    """How many partitions ``consumer`` holds (0 while it waits in a rebalance, or when it cannot say)."""
    try:
        return len(consumer.assignment())
    except Exception:
        return 0


class ConsumerLoop:
    """Polls ``consumer`` and runs ``handler`` on each record, in partition order; after each poll,
    messages or not, tells ``heartbeat`` (when given) how many partitions it holds and how far behind
    it is."""

    def __init__(
        self,
        consumer: Any,
        handler: Handler,
        dead_letters: DeadLetters,
        *,
        name: str,
        commit: bool = True,
        retry_pause_s: float = 1.0,
        max_attempts: int = 3,
        after_poll: Callable[[], None] | None = None,
        log_each: bool = False,
        heartbeat: Heartbeat | None = None,
    ) -> None:
        self.consumer = consumer
        self.handler = handler
        self.dead_letters = dead_letters
        self.name = name
        self.commit = commit
        self.retry_pause_s = retry_pause_s
        self.max_attempts = max_attempts
        self.after_poll = after_poll  # e.g. apply a poll's buffered effects as one batch
        self.log_each = log_each  # one log line per handled event (low-volume business streams)
        self.heartbeat = heartbeat  # told after every poll, with messages or not (readiness's checks.workers)
        self.handled = 0
        self.dead_lettered = 0  # sent to the dead-letter topic by this loop
        self.dead_letters_known = 0  # poison met again whose dead letter was sent before
        self._attempts: dict[tuple[str, int, int], int] = {}
        self._consumed: dict[str, int] = {}  # handled per topic in this poll, for the metrics

    def poll_once(self, timeout_ms: int = 500) -> bool:
        """Handle one poll's records; returns False when a failed message asks for a pause."""
        from kafka.structs import OffsetAndMetadata

        batches = self.consumer.poll(timeout_ms=timeout_ms)
        healthy = True
        handled: dict[Any, int] = {}
        for tp, messages in batches.items():
            done: int | None = None
            for message in messages:
                try:
                    self._handle(message)
                except Exception as exc:
                    log.warning(
                        "handler failed, will retry",
                        extra={
                            "consumer": self.name,
                            "topic": tp.topic,
                            "partition": tp.partition,
                            "offset": message.offset,
                            "error": repr(exc),
                            "kind": classify(exc).value,
                        },
                    )
                    self.consumer.seek(tp, message.offset)
                    healthy = False
                    break
                done = message.offset
            if done is not None:
                handled[tp] = done
            if done is not None and self.commit:
                if self.after_poll:
                    self.after_poll()
                self.consumer.commit({tp: OffsetAndMetadata(done + 1, "", -1)})
        if self.after_poll:
            self.after_poll()
        for topic, count in self._consumed.items():  # one metrics update per poll, not per message
            metrics.CONSUMED.labels(self.name, topic).inc(count)
        self._consumed.clear()
        lag = metrics.observe_consumer(self.name, self.consumer, handled)
        if self.heartbeat is not None:
            self.heartbeat.beat(_held(self.consumer), lag)
        return healthy

    def _handle(self, message: Any) -> None:
        where = (message.topic, message.partition, message.offset)
        try:
            record = to_record(message)
            envelope = record.envelope
            with log_context(
                consumer=self.name,
                request_id=envelope.correlation_id if envelope else None,
                event_id=envelope.event_id if envelope else None,
            ):
                self.handler(record)
                if self.log_each:
                    log.info(
                        "event handled",
                        extra={
                            "topic": record.topic,
                            "partition": record.partition,
                            "offset": record.offset,
                            "event_type": envelope.event_type if envelope else "tombstone",
                        },
                    )
            self.handled += 1
            self._consumed[message.topic] = self._consumed.get(message.topic, 0) + 1
            self._attempts.pop(where, None)
            return
        except POISON as exc:
            reason = f"{type(exc).__name__}: {exc}"
        except Exception as exc:
            if classify(exc) is ErrorKind.TEMPORARY:
                raise
            attempts = self._attempts.get(where, 0) + 1
            if attempts < self.max_attempts:
                self._attempts[where] = attempts
                raise
            reason = f"handler failed {attempts} times: {type(exc).__name__}: {exc}"
        self._dead_letter(message, reason)
        self._attempts.pop(where, None)

    def _dead_letter(self, message: Any, reason: str) -> None:
        if self.dead_letters.send(message, reason):
            self.dead_lettered += 1
            raw_key = message.key
            key = raw_key.decode(errors="replace") if isinstance(raw_key, bytes) else raw_key
            log.error(
                "poison message sent to dead letters",
                extra={
                    "consumer": self.name,
                    "topic": message.topic,
                    "partition": message.partition,
                    "offset": message.offset,
                    "reason": without_identifiers(reason, key),  # logs are kept too
                },
            )
            metrics.DEAD_LETTERS.labels(self.name, message.topic).inc()
        else:
            self.dead_letters_known += 1

    def run(self, stop: threading.Event) -> None:
        log.info("consumer started", extra={"consumer": self.name})
        try:
            while not stop.is_set():
                try:
                    healthy = self.poll_once()
                except Exception as exc:
                    log.warning("poll failed", extra={"consumer": self.name, "error": repr(exc)})
                    healthy = False
                if not healthy:
                    stop.wait(self.retry_pause_s)
        finally:
            metrics.forget_consumer(self.name)
            self.consumer.close()
            log.info("consumer stopped", extra={"consumer": self.name})
