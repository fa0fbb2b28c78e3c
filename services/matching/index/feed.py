"""Feeds the in-memory state from the vacancies and candidates topics.

Every web worker holds the whole index, so each reads every partition itself (manual assignment, no
consumer group). At start it loads the newest valid index snapshot (``snapshot.py``) and reads the
topics from the offsets stored with it; without one (or when it is stale, corrupt or incompatible) it
reads the compacted topics from the beginning. Either way it collects the candidates read until it
has caught up with the topics' ends as they were at start and indexes them in one merge; only then
is it ready. Then it applies each poll as it comes and, every snapshot interval and on shutdown,
writes a snapshot of what it applied. The offsets live with the state they produced (in memory and
in the snapshot), so "commit after the effect" holds: both are lost together and rebuilt together.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from datetime import UTC, datetime
from typing import Any

from services.matching.index.events import INDEX_FEED
from services.matching.index.snapshot import Snapshot, SnapshotError, SnapshotStore, fingerprint
from services.matching.index.state import MatchingState
from shared.config import KafkaSettings
from shared.messaging.consumer import ConsumerLoop, DeadLetterLedger, DeadLetters
from shared.messaging.deadletters import MemoryDeadLetterLedger
from shared.messaging.kafka import make_consumer
from shared.messaging.topics import DEADLETTER
from shared.worker import LazySender

log = logging.getLogger(__name__)

FETCH = {"max_poll_records": 5000, "max_partition_fetch_bytes": 4 * 2**20}
"""The feed's fetches: up to 4 MiB per partition per fetch (kafka-python's default is 1 MiB) and
5,000 records per poll (the services' consumers take 500): a cold start reads every profile, and
fewer, larger fetches and polls keep the feed thread decoding rather than waiting for the broker."""


#: Seconds of skill recognition the feed spends after a poll before it reads the next events.
ENRICH_BUDGET_S = 0.2


class IndexFeed:
    """The index's consumer thread. `snapshots` None: no snapshots (always a rebuild from offset 0);
    `snapshot_interval_s` 0: load a snapshot at start but never write one."""

    def __init__(
        self,
        state: MatchingState,
        settings: KafkaSettings,
        ledger: DeadLetterLedger | None = None,
        *,
        snapshots: SnapshotStore | None = None,
        snapshot_interval_s: float = 300.0,
    ) -> None:
        self.state = state
        self.settings = settings
        self.ledger = ledger or MemoryDeadLetterLedger()
        self.snapshots = snapshots
        self.snapshot_interval_s = snapshot_interval_s
        self.stop = threading.Event()
        self.caught_up = threading.Event()
        self.started_at = time.monotonic()
        self.catch_up_seconds: float | None = None
        self.loop: ConsumerLoop | None = None
        self._thread: threading.Thread | None = None
        self._sender = LazySender(settings)
        self._applied: dict[Any, int] | None = None  # TopicPartition -> next offset, in the index
        self._written: dict[Any, int] | None = None  # the offsets of the last snapshot written
        self._written_at = time.monotonic()
        self.snapshot_info: dict[str, Any] = {"restored": None, "rejected": 0, "written": None}

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="index-feed", daemon=True)
        self._thread.start()

    def close(self) -> None:
        """Stop consuming; the thread writes a last snapshot first (seconds at a million profiles)."""
        self.stop.set()
        if self._thread:
            self._thread.join(timeout=60)
        self._sender.close()

    def _after_poll(self) -> None:
        """After each poll: index the poll's candidates, then read waiting vacancies' texts for at
        most `ENRICH_BUDGET_S` (the next poll's events wait no longer than that, plus one vacancy)."""
        self.state.flush()
        self.state.enrich_pending(ENRICH_BUDGET_S)

    def status(self) -> dict[str, Any]:
        return {
            "ok": self.caught_up.is_set(),
            "caught_up": self.caught_up.is_set(),
            "catch_up_seconds": self.catch_up_seconds,
            "candidates": len(self.state.engine),
            "vacancies": len(self.state.vacancies()),
            "vacancies_to_enrich": self.state.enrichment_pending,
            "dead_lettered": self.loop.dead_lettered if self.loop else 0,
            "dead_letters_known": self.loop.dead_letters_known if self.loop else 0,
            "snapshot": dict(self.snapshot_info),
        }

    def _run(self) -> None:
        while not self.stop.is_set():
            try:
                self._consume()
                return
            except Exception as exc:
                self.state.abort_bulk()
                log.warning("index feed failed, retrying", extra={"error": repr(exc)})
                self.stop.wait(2.0)

    def _consume(self) -> None:
        from kafka.structs import TopicPartition

        consumer = make_consumer(self.settings, group_id=None, **FETCH)
        topics = INDEX_FEED.topic_names()
        partitions = []
        for topic in topics:
            ids = consumer.partitions_for_topic(topic)
            if not ids:
                consumer.close()
                raise RuntimeError(f"topic {topic} not found")
            partitions += [TopicPartition(topic, p) for p in sorted(ids)]
        consumer.assign(partitions)
        targets = consumer.end_offsets(partitions)
        start = self._applied
        if start is None and self.snapshots is not None:
            start = self._restore(partitions, consumer.beginning_offsets(partitions), targets)
        if start is None:
            consumer.seek_to_beginning(*partitions)
        else:
            for tp in partitions:
                consumer.seek(tp, start[tp])
        if not self.caught_up.is_set():
            self.state.begin_bulk()
        self.loop = ConsumerLoop(
            consumer,
            lambda record: self.state.apply(record, buffered=True),
            DeadLetters(self._sender, DEADLETTER.name, INDEX_FEED.name, ledger=self.ledger),
            name=INDEX_FEED.name,
            commit=False,
            after_poll=self._after_poll,
        )
        # While catching up, Python's cyclic garbage collector is paused: the profiles collected for
        # the one merge are up to 100,000 live objects at a time, which its collections would walk
        # again and again (a sixth of a cold start's CPU, measured 2026-12-01). Reading events makes
        # next to no reference cycles; reference counting frees what it drops.
        paused_gc = not self.caught_up.is_set() and gc.isenabled()
        if paused_gc:
            gc.disable()
        try:
            while not self.stop.is_set():
                # vacancies waiting for their text to be read: poll without waiting, read them in slices
                healthy = self.loop.poll_once(timeout_ms=0 if self.state.enrichment_pending else 500)
                positions = {tp: consumer.position(tp) for tp in partitions}
                if not self.caught_up.is_set():
                    if all(positions[tp] >= end for tp, end in targets.items()):
                        loaded = self.state.end_bulk()
                        if paused_gc:
                            gc.enable()
                            paused_gc = False
                        self._applied = positions
                        self.catch_up_seconds = round(time.monotonic() - self.started_at, 3)
                        self.caught_up.set()
                        log.info("index caught up", extra={**self.status(), "indexed": loaded})
                else:
                    self._applied = positions
                    if (
                        self.snapshot_interval_s > 0
                        and time.monotonic() - self._written_at >= self.snapshot_interval_s
                    ):
                        self._snapshot()
                if not healthy:
                    self.stop.wait(1.0)
            if self.caught_up.is_set() and self.snapshot_interval_s > 0:
                self._snapshot()  # on shutdown: the next start reads only what comes after
        finally:
            if paused_gc:
                gc.enable()
            consumer.close()

    # -- snapshots ---------------------------------------------------------------------------------
    def _fingerprint(self) -> dict[str, Any]:
        engine = self.state.engine
        return fingerprint(engine, engine._clock().year)

    def _restore(
        self, partitions: list[Any], begin: dict[Any, int], end: dict[Any, int]
    ) -> dict[Any, int] | None:
        """Load the newest usable snapshot into the (empty) state; its offsets by partition, or None
        (rebuild from offset 0). A snapshot whose offsets do not fit the topics as they are now
        (partitions added, a topic recreated, records deleted under the offset) is not usable."""
        assert self.snapshots is not None
        if len(self.state.engine) or self.state.vacancies():
            return None
        clock = time.monotonic()

        def fits(snapshot: Snapshot) -> None:
            stored = snapshot.offsets
            if set(stored) != {(tp.topic, tp.partition) for tp in partitions}:
                raise SnapshotError("partitions differ from the topics'")
            for tp in partitions:
                offset = stored[(tp.topic, tp.partition)]
                if not begin[tp] <= offset <= end[tp]:
                    raise SnapshotError(
                        f"offset {offset} of {tp.topic}[{tp.partition}] outside {begin[tp]}..{end[tp]}"
                    )

        snapshot, rejected = self.snapshots.newest(self._fingerprint(), accept=fits)
        self.snapshot_info["rejected"] = rejected
        if snapshot is None:
            log.info("no usable index snapshot: rebuilding from the topics", extra={"rejected": rejected})
            return None
        self.state.restore(snapshot.image, snapshot.vacancies)
        offsets = {tp: snapshot.offsets[(tp.topic, tp.partition)] for tp in partitions}
        behind = sum(end[tp] - offsets[tp] for tp in partitions)
        self.snapshot_info["restored"] = {
            "file": snapshot.path.name,
            "age_seconds": round(snapshot.age_seconds(datetime.now(UTC)), 1),
            "load_seconds": round(time.monotonic() - clock, 3),
            "records_behind": behind,
        }
        self._applied, self._written = offsets, offsets
        log.info("index snapshot loaded", extra=self.snapshot_info["restored"])
        return offsets

    def _snapshot(self) -> None:
        """Write a snapshot of the applied state unless the last one already holds it; a failure
        is logged and retried at the next interval (the index goes on)."""
        self._written_at = time.monotonic()
        assert self.snapshots is not None
        positions = self._applied
        if positions is None or positions == self._written:
            return
        try:
            clock = time.monotonic()
            image, vacancies = self.state.image()
            offsets = {(tp.topic, tp.partition): offset for tp, offset in positions.items()}
            path = self.snapshots.write(image, vacancies, offsets, self._fingerprint())
        except Exception as exc:
            log.error("index snapshot not written", extra={"error": repr(exc)})
            return
        self._written = positions
        self.snapshot_info["written"] = {
            "file": path.name,
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
            "seconds": round(time.monotonic() - clock, 3),
            "candidates": len(image.main),
        }
        log.info("index snapshot written", extra=self.snapshot_info["written"])
