"""What the fault-injection scenarios share: writing profiles, asking matching what it serves, reading
topics as the operator, and the Jepsen-like figures each scenario reports.

A write is a ``PUT /api/v1/profiles/<id>`` to the profile service. It is *acknowledged* when the
service answers 2xx, *indeterminate* when the connection failed (the service may or may not have
committed it), a *server error* on 5xx. The matching index is a register per candidate holding the
latest version: an acknowledged write is *applied* when matching serves its version or a later one,
*lost* otherwise once the system has settled.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import Any

from deploy.http_client import call, wait_for
from deploy.kafka.broker import LocalBroker
from deploy.stack import Stack
from shared.messaging.kafka import make_consumer
from shared.messaging.topics import DEADLETTER
from tests.helpers import profile_body, token

COACH = token("coach", "tampere-tyollisyys")
OPERATOR = token("operator", "kohtaanto")


@dataclass
class Figures:
    """One scenario's figures, as a Jepsen run reports them."""

    scenario: str
    writes_attempted: int = 0
    writes_acknowledged: int = 0
    writes_indeterminate: int = 0  # connection failed: may or may not have been committed
    server_errors: int = 0
    writes_applied: int = 0
    writes_lost: int = 0
    redelivered: int = 0  # the same event on the topic more than once (absorbed by idempotency)
    duplicated_effects: int = 0
    dead_letters: int = 0
    dead_letters_expected: int = 0
    time_to_ready_s: float | None = None
    time_to_converge_s: float | None = None
    notes: dict[str, Any] = field(default_factory=dict)

    def row(self) -> dict[str, Any]:
        return asdict(self)


class Report:
    """Collects the scenarios' figures; written as JSON to ``KOHTAANTO_FAULTS_REPORT`` if set, and
    printed at the end of the test session."""

    def __init__(self) -> None:
        self.rows: list[Figures] = []

    def add(self, figures: Figures) -> Figures:
        self.rows.append(figures)
        path = os.environ.get("KOHTAANTO_FAULTS_REPORT")
        if path:
            with open(path, "w") as out:
                json.dump([r.row() for r in self.rows], out, indent=2)
        return figures

    def lines(self) -> list[str]:
        head = (
            f"{'scenario':<28}{'attempted':>10}{'acked':>8}{'indet.':>8}{'5xx':>6}{'applied':>9}"
            f"{'lost':>6}{'redeliv.':>9}{'dup.eff':>8}{'DLQ':>9}{'ready s':>9}{'settle s':>9}"
        )
        out = [head]
        for r in self.rows:
            dlq = f"{r.dead_letters}/{r.dead_letters_expected}"
            ready = "" if r.time_to_ready_s is None else f"{r.time_to_ready_s:.1f}"
            settle = "" if r.time_to_converge_s is None else f"{r.time_to_converge_s:.1f}"
            out.append(
                f"{r.scenario:<28}{r.writes_attempted:>10}{r.writes_acknowledged:>8}"
                f"{r.writes_indeterminate:>8}{r.server_errors:>6}{r.writes_applied:>9}{r.writes_lost:>6}"
                f"{r.redelivered:>9}{r.duplicated_effects:>8}{dlq:>9}{ready:>9}{settle:>9}"
            )
        return out


@dataclass
class Write:
    profile_id: str
    status: int | None  # None: the connection failed
    candidate_id: str | None = None
    version: int | None = None


class ProfileWriter:
    """Writes profiles through the profile API from a few threads and remembers every outcome."""

    def __init__(self, stack: Stack, threads: int = 6) -> None:
        self.url = stack.url("profile")
        self.threads = threads
        self.writes: list[Write] = []
        self._lock = threading.Lock()

    def put(self, profile_id: str, **overrides: Any) -> Write:
        """Create the profile, or replace it as a case-management system pushing its own master data
        does: a 428 (it exists; a replacement needs If-Match) is sent again with ``If-Match: *``."""
        try:
            url = f"{self.url}/api/v1/profiles/{profile_id}"
            r = call("PUT", url, COACH, profile_body(**overrides))
            if r.status == 428:  # it exists (created before, or by a write whose answer was lost)
                r = call("PUT", url, COACH, profile_body(**overrides), headers={"If-Match": "*"})
            body = r.json() if r.status < 300 else {}
            write = Write(profile_id, r.status, body.get("candidate_id"), body.get("version"))
        except OSError:
            write = Write(profile_id, None)
        with self._lock:
            self.writes.append(write)
        return write

    def put_many(self, profile_ids: Iterable[str], pace_s: float = 0.0, **overrides: Any) -> None:
        """PUT each id (a repeated id is an update), ``pace_s`` apart per thread."""

        def one(profile_id: str) -> None:
            self.put(profile_id, max_commute_km=_commute(profile_id), **overrides)
            if pace_s:
                time.sleep(pace_s)

        with ThreadPoolExecutor(self.threads) as pool:
            list(pool.map(one, profile_ids))

    def withdraw(self, profile_id: str) -> int | None:
        try:
            return call("DELETE", f"{self.url}/api/v1/profiles/{profile_id}", COACH).status
        except OSError:
            return None

    def latest(self) -> dict[str, Write]:
        """Per profile, its acknowledged write with the highest version."""
        out: dict[str, Write] = {}
        for w in self.writes:
            if w.status is not None and w.status < 300 and w.version is not None:
                best = out.get(w.profile_id)
                if best is None or (best.version or 0) < w.version:
                    out[w.profile_id] = w
        return out

    def tally(self, figures: Figures) -> None:
        figures.writes_attempted += len(self.writes)
        figures.writes_acknowledged += sum(1 for w in self.writes if w.status is not None and w.status < 300)
        figures.writes_indeterminate += sum(1 for w in self.writes if w.status is None)
        figures.server_errors += sum(1 for w in self.writes if w.status is not None and w.status >= 500)


def _commute(profile_id: str) -> float:
    return float(10 + sum(map(ord, profile_id)) % 90)


def served_versions(stack: Stack, candidate_ids: list[str]) -> dict[str, int | None]:
    """The version matching serves for each candidate (None: not served)."""
    out: dict[str, int | None] = {}
    for start in range(0, len(candidate_ids), 5000):
        chunk = candidate_ids[start : start + 5000]
        r = call("POST", f"{stack.url('matching')}/api/v1/index/versions", OPERATOR, {"candidate_ids": chunk})
        assert r.status == 200, r.body[:300]
        out.update(r.json()["versions"])
    return out


def settle(
    stack: Stack,
    writer: ProfileWriter,
    figures: Figures,
    *,
    timeout: float,
    expect: Callable[[Write], int | None],
) -> None:
    """Wait until matching serves, for every profile, the version ``expect`` says (None: not served)
    or ``timeout`` passes; then count applied and lost acknowledged writes."""
    latest = writer.latest()
    wanted = {w.candidate_id: expect(w) for w in latest.values() if w.candidate_id}
    started = time.monotonic()

    def converged() -> bool:
        served = served_versions(stack, list(wanted))
        return all(served[c] == v for c, v in wanted.items())

    try:
        wait_for(converged, timeout=timeout, interval=0.25, what="matching to serve every acknowledged write")
        figures.time_to_converge_s = round(time.monotonic() - started, 1)
    except AssertionError:
        figures.notes["converged"] = False
    served = served_versions(stack, list(wanted))
    version_of = {w.profile_id: served.get(w.candidate_id or "") for w in latest.values()}
    for w in writer.writes:
        if w.status is None or w.status >= 300 or w.version is None:
            continue
        have = version_of.get(w.profile_id)
        if have is not None and have >= w.version:
            figures.writes_applied += 1
        elif expect(latest[w.profile_id]) is None and have is None:
            figures.writes_applied += 1  # withdrawn: nothing to serve is what was asked
        else:
            figures.writes_lost += 1


def topic_records(broker: LocalBroker, topic: str, timeout_ms: int = 4000) -> list[Any]:
    """Every record on ``topic`` up to its end offsets when called, read as the operator (admin) from the
    beginning. It stops as soon as it has read to the end (reading until ``timeout_ms`` of silence, as
    before, added those seconds to every read: about seven reads per scenario); it still stops after
    ``timeout_ms`` without a record while short of the end."""
    from kafka import TopicPartition

    consumer = make_consumer(broker.client_settings(), group_id=None)
    try:
        partitions = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        end = consumer.end_offsets(partitions)
        records: list[Any] = []
        while any(consumer.position(tp) < end[tp] for tp in partitions):
            batch = consumer.poll(timeout_ms=timeout_ms)
            if not batch:
                break
            for part in batch.values():
                records.extend(part)
        return records
    finally:
        consumer.close()


def dead_letters(broker: LocalBroker, keys: set[bytes] | None = None) -> list[Any]:
    records = topic_records(broker, DEADLETTER.name)
    return [r for r in records if keys is None or r.key in keys]


def redelivered(broker: LocalBroker, topic: str, keys: set[str]) -> int:
    """How many records of ``keys`` on ``topic`` repeat an event id already on it."""
    seen: set[str] = set()
    repeats = 0
    for record in topic_records(broker, topic):
        if record.value is None or record.key is None or record.key.decode() not in keys:
            continue
        event_id = json.loads(record.value)["event_id"]
        repeats += event_id in seen
        seen.add(event_id)
    return repeats


def ready_after(stack: Stack, service: str, started: float, timeout: float = 300.0) -> float:
    """Seconds from ``started`` until ``service`` answers /health/ready with 200."""
    stack.wait_ready(timeout, services=(service,))
    return round(time.monotonic() - started, 1)
