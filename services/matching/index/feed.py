"""Feeds the in-memory state from the vacancies and candidates topics.

Every web worker holds the whole index, so each reads every partition itself (manual assignment, no
consumer group). At start it loads the newest valid index snapshot (``snapshot.py``) and reads the
topics from the offsets stored with it; without one (or when it is stale, corrupt or incompatible) it
reads the compacted topics from the beginning. Either way it collects the candidates read until it
has caught up with the topics' ends as they were at start and indexes them in one merge; only then
is it ready. Then it applies each poll as it comes and, every snapshot interval and on shutdown,
writes a snapshot of what it applied. The offsets live with the state they produced (in memory and
in the snapshot), so "commit after the effect" holds: both are lost together and rebuilt together.

Shutdown does not wait on the broker (outside tester 17, P20: with the broker down, SIGTERM took
26 s, the feed thread being stuck in the Kafka client's bootstrap back-off, and wrote no snapshot):
`close` gives the thread `CLOSE_WAIT_S` to end its poll, then writes the last snapshot itself, from
what was applied, under the lock the thread holds whenever it changes the state. A thread still in
the Kafka client is left behind (a daemon thread; the process is exiting).
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
from shared.messaging.heartbeat import MemoryHeartbeat
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

#: Seconds `IndexFeed.close` waits for the feed thread to end its poll before it writes the last
#: snapshot itself (a poll waits at most 0.5 s for records when the broker is up).
CLOSE_WAIT_S = 2.0

#: Seconds `IndexFeed.close` waits for the thread to finish changing the state (a poll's records, a
#: periodic snapshot: seconds at a million profiles) before it gives the last snapshot up.
CLOSE_LOCK_S = 20.0

#: The feed's pauses before it connects again after a failure (the broker down, a topic missing):
#: doubling from the first to the last, so an outage logs one line per pause, not one per second.
RETRY_FIRST_S, RETRY_MAX_S = 2.0, 60.0


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
        # beats on every poll; the process's readiness (checks.workers) says when it falls silent
        self.heartbeat = MemoryHeartbeat(INDEX_FEED.name)
        self._thread: threading.Thread | None = None
        self._sender = LazySender(settings)
        self._applied: dict[Any, int] | None = None  # TopicPartition -> next offset, in the index
        self._written: dict[Any, int] | None = None  # the offsets of the last snapshot written
        self._written_at = time.monotonic()
        self.snapshot_info: dict[str, Any] = {"restored": None, "rejected": 0, "written": None}
        # Held by whoever changes the state or reads it for a snapshot: the feed thread while it
        # applies records, indexes a poll or writes a periodic snapshot; `close` for the last one.
        # Never held while waiting on the broker.
        self._lock = threading.RLock()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="index-feed", daemon=True)
        self._thread.start()

    def close(self, wait_s: float = CLOSE_WAIT_S) -> bool:
        """Stop consuming and write a last snapshot of what was applied (seconds at a million
        profiles), whether or not the broker answers: the thread gets `wait_s` seconds to end its
        poll; a thread still waiting in the Kafka client after that is left behind. Returns whether
        the feed thread ended."""
        self.stop.set()
        if self._thread:
            self._thread.join(timeout=wait_s)
        ended = self._thread is None or not self._thread.is_alive()
        if self.caught_up.is_set() and self.snapshots is not None and self.snapshot_interval_s > 0:
            self._snapshot(lock_timeout_s=CLOSE_LOCK_S)
        self._sender.close(timeout_s=1.0)
        if not ended:
            log.warning("index feed left waiting on the broker at shutdown", extra={"waited_s": wait_s})
        return ended

    def _apply(self, record: Any) -> None:
        with self._lock:
            self.state.apply(record, buffered=True)

    def _after_poll(self) -> None:
        """After each poll: index the poll's candidates, then read waiting vacancies' texts for at
        most `ENRICH_BUDGET_S` (the next poll's events wait no longer than that, plus one vacancy)."""
        with self._lock:
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
        pause = RETRY_FIRST_S
        while not self.stop.is_set():
            try:
                self._consume()
                return
            except Exception as exc:
                if self.stop.is_set():
                    return
                with self._lock:
                    self.state.abort_bulk()
                log.warning("index feed failed, retrying", extra={"error": repr(exc), "retry_in_s": pause})
                self.stop.wait(pause)
                pause = min(pause * 2, RETRY_MAX_S)

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
            with self._lock:
                self.state.begin_bulk()
        self.loop = ConsumerLoop(
            consumer,
            self._apply,
            DeadLetters(self._sender, DEADLETTER.name, INDEX_FEED.name, ledger=self.ledger),
            name=INDEX_FEED.name,
            commit=False,
            after_poll=self._after_poll,
            heartbeat=self.heartbeat,
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
                        with self._lock:
                            loaded = self.state.end_bulk()
                            self._applied = positions
                        if paused_gc:
                            gc.enable()
                            paused_gc = False
                        self.catch_up_seconds = round(time.monotonic() - self.started_at, 3)
                        self.caught_up.set()
                        log.info("index caught up", extra={**self.status(), "indexed": loaded})
                else:
                    with self._lock:
                        self._applied = positions
                    if (
                        self.snapshot_interval_s > 0
                        and time.monotonic() - self._written_at >= self.snapshot_interval_s
                    ):
                        self._snapshot()
                if not healthy:
                    self.stop.wait(1.0)
            # the last snapshot, on shutdown, is `close`'s: it is written even when this thread is
            # stuck in the Kafka client
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

    def _snapshot(self, lock_timeout_s: float = -1) -> None:
        """Write a snapshot of the applied state unless the last one already holds it; a failure
        is logged and retried at the next interval (the index goes on). Waits for the state's lock
        at most `lock_timeout_s` seconds (-1: as long as it takes; `close` passes a bound)."""
        self._written_at = time.monotonic()
        assert self.snapshots is not None
        if not self._lock.acquire(timeout=lock_timeout_s):
            log.error("index snapshot not written: the feed thread held the index too long")
            return
        try:
            positions = self._applied
            if positions is None or positions == self._written:
                return
            clock = time.monotonic()
            image, vacancies = self.state.image()
            offsets = {(tp.topic, tp.partition): offset for tp, offset in positions.items()}
            path = self.snapshots.write(image, vacancies, offsets, self._fingerprint())
        except Exception as exc:
            log.error("index snapshot not written", extra={"error": repr(exc)})
            return
        finally:
            self._lock.release()
        self._written = positions
        self.snapshot_info["written"] = {
            "file": path.name,
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
            "seconds": round(time.monotonic() - clock, 3),
            "candidates": len(image.main),
        }
        log.info("index snapshot written", extra=self.snapshot_info["written"])
