"""The consumer loop: decode, handle, commit after the effect; poison messages go to dead letters.

At-least-once: an offset is committed only after its handler returned. Handlers are idempotent
(processed event ids stored with the effect, or aggregate versions), so a redelivery changes nothing.
A message that can never be handled (not an envelope, wrong payload) is a poison message: it is copied
to the dead-letter topic with the reason and the loop goes on. Any other error is taken as transient:
the partition is rewound to the failed message and retried after a pause.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from shared import metrics
from shared.logging import log_context
from shared.messaging.envelope import Envelope, EnvelopeError

log = logging.getLogger(__name__)


class PoisonMessageError(ValueError):
    """Raised by a handler for a message it can never process (e.g. a payload that fails its schema)."""


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


class DeadLetters:
    """Copies a poison message, unchanged, to the dead-letter topic with where it came from and why."""

    def __init__(self, sender: DeadLetterSink, topic: str, consumer_name: str) -> None:
        self.sender = sender
        self.topic = topic
        self.consumer_name = consumer_name

    def send(self, message: Any, reason: str) -> None:
        headers = [
            ("dlq.original.topic", message.topic.encode()),
            ("dlq.original.partition", str(message.partition).encode()),
            ("dlq.original.offset", str(message.offset).encode()),
            ("dlq.consumer", self.consumer_name.encode()),
            ("dlq.reason", reason[:1000].encode()),
        ]
        key = message.key.decode(errors="replace") if message.key else "unknown"
        self.sender.send(self.topic, key, message.value, headers)


def to_record(message: Any) -> Record:
    key = message.key.decode() if message.key is not None else None
    envelope = None if message.value is None else Envelope.decode(message.value)
    return Record(message.topic, message.partition, message.offset, key, envelope)


class ConsumerLoop:
    """Polls ``consumer`` and runs ``handler`` on each record, in partition order."""

    def __init__(
        self,
        consumer: Any,
        handler: Handler,
        dead_letters: DeadLetters,
        *,
        name: str,
        commit: bool = True,
        retry_pause_s: float = 1.0,
        after_poll: Callable[[], None] | None = None,
        log_each: bool = False,
    ) -> None:
        self.consumer = consumer
        self.handler = handler
        self.dead_letters = dead_letters
        self.name = name
        self.commit = commit
        self.retry_pause_s = retry_pause_s
        self.after_poll = after_poll  # e.g. apply a poll's buffered effects as one batch
        self.log_each = log_each  # one log line per handled event (low-volume business streams)
        self.handled = 0
        self.dead_lettered = 0

    def poll_once(self, timeout_ms: int = 500) -> bool:
        """Handle one poll's records; returns False when a transient error asks for a pause."""
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
        metrics.observe_consumer(self.name, self.consumer, handled)
        return healthy

    def _handle(self, message: Any) -> None:
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
            metrics.CONSUMED.labels(self.name, message.topic).inc()
        except (EnvelopeError, PoisonMessageError, UnicodeDecodeError) as exc:
            reason = f"{type(exc).__name__}: {exc}"
            log.error(
                "poison message sent to dead letters",
                extra={
                    "consumer": self.name,
                    "topic": message.topic,
                    "partition": message.partition,
                    "offset": message.offset,
                    "reason": reason,
                },
            )
            self.dead_letters.send(message, reason)
            self.dead_lettered += 1
            metrics.DEAD_LETTERS.labels(self.name, message.topic).inc()

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
