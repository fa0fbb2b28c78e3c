"""Feeds the in-memory state from the vacancies and candidates topics.

Every web worker holds the whole index, so each reads every partition itself (manual assignment, no
consumer group) from the beginning of the compacted topics: a restart rebuilds the index. The
offsets live in memory together with the state they produced, so "commit after the effect" holds
trivially: both are lost together and rebuilt together.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from services.matching.index.events import INDEX_FEED
from services.matching.index.state import MatchingState
from shared.config import KafkaSettings
from shared.messaging.consumer import ConsumerLoop, DeadLetterLedger, DeadLetters
from shared.messaging.deadletters import MemoryDeadLetterLedger
from shared.messaging.kafka import make_consumer
from shared.messaging.topics import DEADLETTER
from shared.worker import LazySender

log = logging.getLogger(__name__)


class IndexFeed:
    def __init__(
        self, state: MatchingState, settings: KafkaSettings, ledger: DeadLetterLedger | None = None
    ) -> None:
        self.state = state
        self.settings = settings
        self.ledger = ledger or MemoryDeadLetterLedger()
        self.stop = threading.Event()
        self.caught_up = threading.Event()
        self.started_at = time.monotonic()
        self.catch_up_seconds: float | None = None
        self.loop: ConsumerLoop | None = None
        self._thread: threading.Thread | None = None
        self._sender = LazySender(settings)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="index-feed", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.stop.set()
        if self._thread:
            self._thread.join(timeout=10)
        self._sender.close()

    def status(self) -> dict[str, Any]:
        return {
            "ok": self.caught_up.is_set(),
            "caught_up": self.caught_up.is_set(),
            "catch_up_seconds": self.catch_up_seconds,
            "candidates": len(self.state.engine),
            "vacancies": len(self.state.vacancies()),
            "dead_lettered": self.loop.dead_lettered if self.loop else 0,
            "dead_letters_known": self.loop.dead_letters_known if self.loop else 0,
        }

    def _run(self) -> None:
        while not self.stop.is_set():
            try:
                self._consume()
                return
            except Exception as exc:
                log.warning("index feed failed, retrying", extra={"error": repr(exc)})
                self.stop.wait(2.0)

    def _consume(self) -> None:
        from kafka.structs import TopicPartition

        consumer = make_consumer(self.settings, group_id=None)
        topics = INDEX_FEED.topic_names()
        partitions = []
        for topic in topics:
            ids = consumer.partitions_for_topic(topic)
            if not ids:
                consumer.close()
                raise RuntimeError(f"topic {topic} not found")
            partitions += [TopicPartition(topic, p) for p in sorted(ids)]
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        targets = consumer.end_offsets(partitions)
        self.loop = ConsumerLoop(
            consumer,
            lambda record: self.state.apply(record, buffered=True),
            DeadLetters(self._sender, DEADLETTER.name, INDEX_FEED.name, ledger=self.ledger),
            name=INDEX_FEED.name,
            commit=False,
            after_poll=self.state.flush,
        )
        while not self.stop.is_set():
            healthy = self.loop.poll_once()
            if not self.caught_up.is_set() and all(
                consumer.position(tp) >= end for tp, end in targets.items()
            ):
                self.catch_up_seconds = round(time.monotonic() - self.started_at, 3)
                self.caught_up.set()
                log.info("index caught up", extra=self.status())
            if not healthy:
                self.stop.wait(1.0)
        consumer.close()
