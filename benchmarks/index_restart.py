"""Time for the matching index to be ready after a start: rebuilt from the topics (cold) and loaded from
a snapshot plus the topics' tail (issue 9: ready <= 10 s from a snapshot, <= 120 s cold, at 1,000,000
profiles on 2 cores).

Starts its own broker (the project's KRaft broker with SASL/ACLs), writes synthetic
``candidate.upserted`` events to the candidates topic as the profile service would (``--sizes``:
cumulative, e.g. 10,000 then 100,000 then 1,000,000 profiles), and after each size runs the index
feed in this process exactly as the matching service does (``IndexFeed``, read as the ``matching``
Kafka user), timing it from start to caught up: the ingest rate in profiles/s. At the largest size it
then writes a snapshot (as on shutdown), writes a tail of updates and withdrawals, and times a start
from the snapshot. Process start-up (imports, ESCO taxonomy, skill recogniser) comes on top of both
and is the same for both; it is not measured here.

    nice -n 10 python -m benchmarks.index_restart --sizes 10000,100000,1000000

Figures go to stdout and ``var/index-restart.json``; write them into docs/reliability.md with the
date and machine.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import resource
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from deploy.kafka.broker import LocalBroker, find_free_port
from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.model import Candidate
from services.matching.index.events import candidate_from_payload
from services.matching.index.feed import IndexFeed
from services.matching.index.reference import load_taxonomy
from services.matching.index.snapshot import SnapshotStore, fingerprint
from services.matching.index.state import MatchingState
from shared.config import REPO_ROOT
from shared.messaging.envelope import Envelope
from shared.messaging.topics import CANDIDATES
from shared.reference import geography

LEVELS = ("basic", "intermediate", "advanced", "expert")
ORGS = ("agency-a", "agency-b", "tampere-tyollisyys", "helsinki-tyollisyys", "uravalmennus-oy")


def candidate_id(i: int) -> str:
    """The `i`-th generated candidate's pseudonymous id ("c-" and 24 hex digits, as docs/events.md
    requires of the candidates topic's keys)."""
    return f"c-{i:024x}"


def payload(
    i: int, version: int, rng: random.Random, skills: list[str], occupations: list[str], towns: list[str]
) -> dict[str, Any]:
    """A synthetic candidate as the profile service publishes it: 3-15 claimed skills, 0-3 jobs."""
    return {
        "candidate_id": candidate_id(i),
        "version": version,
        "skills": [{"uri": u, "level": rng.choice(LEVELS)} for u in rng.sample(skills, rng.randint(3, 15))],
        "suggested_skills": rng.sample(skills, rng.randint(0, 3)),
        "work_history": [
            {"occupation_uri": o, "years": rng.randint(1, 12), "ended_year": rng.choice((None, 2020, 2024))}
            for o in rng.sample(occupations, rng.randint(0, 3))
        ],
        "languages": [{"code": "fi", "level": "native"}] + ([{"code": "en", "level": "B2"}] if i % 3 else []),
        "municipality": rng.choice(towns),
        "max_commute_km": rng.randint(5, 120),
        "available_from": "2026-12-01",
        "working_time": rng.choice(("full_time", "part_time", "any")),
        "consented_orgs": rng.sample(ORGS, rng.randint(0, 2)),
        "status": "active",
    }


def end_offsets(broker: LocalBroker) -> dict[tuple[str, int], int]:
    """The next offset of every partition of the index's topics (what a snapshot stores)."""
    from kafka.structs import TopicPartition

    from services.matching.index.events import INDEX_FEED
    from shared.messaging.kafka import make_consumer

    consumer = make_consumer(broker.client_settings(), group_id=None)
    try:
        partitions = [
            TopicPartition(t, p) for t in INDEX_FEED.topic_names() for p in consumer.partitions_for_topic(t)
        ]
        return {(tp.topic, tp.partition): o for tp, o in consumer.end_offsets(partitions).items()}
    finally:
        consumer.close()


class Writer:
    """Writes the benchmark's events with kcat (librdkafka, murmur2 like the services: each key on
    the services' partition), much faster than a Python producer; records are built from a few
    thousand generated payloads with the candidate id substituted."""

    def __init__(
        self, broker: LocalBroker, home: Path, rng: random.Random, data: tuple[list[str], ...]
    ) -> None:
        self.broker, self.home, self.rng, self.data = broker, home, rng, data
        self._templates: dict[int, list[str]] = {}

    def _template(self, version: int) -> list[str]:
        if version not in self._templates:
            self._templates[version] = [
                Envelope("candidate.upserted", "@ID@", payload(i, version, self.rng, *self.data), "profile")
                .encode()
                .decode()
                .replace(candidate_id(i), "@ID@")
                for i in range(5000)
            ]
        return self._templates[version]

    def upserts(self, ids: range | list[int], version: int = 1) -> None:
        templates = self._template(version)
        lines = (
            f"{candidate_id(i)}|{templates[i % len(templates)].replace('@ID@', candidate_id(i))}\n"
            for i in ids
        )
        self._send(lines)

    def candidates(self, ids: range) -> Iterator[Candidate]:
        """The candidates `upserts(ids)` wrote (version 1), as the index reads them."""
        templates = [
            candidate_from_payload(json.loads(t.replace("@ID@", candidate_id(0)))["payload"])
            for t in self._template(1)
        ]
        for i in ids:
            yield replace(templates[i % len(templates)], candidate_id=candidate_id(i))

    def withdrawals(self, ids: list[int]) -> None:
        self._send(f"{candidate_id(i)}|\n" for i in ids)

    def _send(self, lines: Any) -> None:
        path = self.home / "records.txt"
        with path.open("w") as f:
            f.writelines(lines)
        subprocess.run(
            [
                "kcat", "-P", "-b", self.broker.bootstrap_servers, "-t", CANDIDATES.name, "-K", "|", "-Z",
                "-X", "security.protocol=SASL_PLAINTEXT", "-X", "sasl.mechanisms=PLAIN",
                "-X", "sasl.username=admin", "-X", f"sasl.password={self.broker.passwords['admin']}",
                "-X", "topic.partitioner=murmur2_random", "-X", "linger.ms=50", "-X", "batch.size=1000000",
                "-l", str(path),
            ],
            check=True,
        )  # fmt: skip
        path.unlink()


def timed_start(
    broker: LocalBroker,
    taxonomy: Any,
    places: Any,
    store: SnapshotStore | None,
    interval: float,
    profile: Path | None = None,
) -> tuple[IndexFeed, float]:
    state = MatchingState(MatchingEngine(taxonomy, places), None)
    feed = IndexFeed(state, broker.client_settings("matching"), snapshots=store, snapshot_interval_s=interval)
    if profile is not None:  # cProfile the feed thread until it has caught up
        import cProfile

        consume, end_bulk, profiler = feed._consume, state.end_bulk, cProfile.Profile()

        def profiled() -> None:
            profiler.enable()
            consume()

        def profiled_end() -> int:
            try:
                return end_bulk()
            finally:
                profiler.disable()
                profiler.dump_stats(str(profile))

        feed._consume = profiled  # type: ignore[method-assign]
        state.end_bulk = profiled_end  # type: ignore[method-assign]
    started, cpu = time.monotonic(), resource.getrusage(resource.RUSAGE_SELF)
    feed.start()
    while not feed.caught_up.wait(0.05):
        pass
    used = resource.getrusage(resource.RUSAGE_SELF)
    feed.cpu_s = used.ru_utime + used.ru_stime - cpu.ru_utime - cpu.ru_stime  # type: ignore[attr-defined]
    return feed, time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="cumulative profile counts")
    parser.add_argument("--tail", type=int, default=1000, help="updates written while 'down'")
    parser.add_argument("--withdrawals", type=int, default=100, help="withdrawals written while 'down'")
    parser.add_argument(
        "--snapshot-only",
        action="store_true",
        help="skip the cold runs below the largest size and build the largest size's snapshot in "
        "this process from the same records (bulk load, not read from the topic): the start from a "
        "snapshot is measured without waiting for a cold rebuild",
    )
    parser.add_argument(
        "--profile", type=Path, help="cProfile the cold start of the first size into this file"
    )
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "var" / "index-restart.json")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    taxonomy = load_taxonomy()
    places = geography().coordinates(with_abolished=True)
    towns = sorted(geography().municipalities)
    skills, occupations = list(taxonomy.skill_uris), list(taxonomy.occupation_uris)
    rng = random.Random(20261130)
    home = Path(tempfile.mkdtemp(prefix="bench-index-restart-"))
    figures: dict[str, Any] = {"date": datetime.now(UTC).isoformat(timespec="minutes"), "runs": []}
    broker = LocalBroker(home / "kafka", find_free_port(2), libs=REPO_ROOT / ".kafka" / "libs")
    broker.start(timeout=300)
    try:
        written = 0
        writer = Writer(broker, home, rng, (skills, occupations, towns))
        store = SnapshotStore(home / "snapshots", max_age_s=24 * 3600)
        if args.snapshot_only:
            size = sizes[-1]
            clock = time.monotonic()
            writer.upserts(range(size))
            written = size
            produce_s = time.monotonic() - clock
            clock = time.monotonic()
            engine = MatchingEngine(taxonomy, places)
            engine.bulk_load(writer.candidates(range(size)))
            build_s = time.monotonic() - clock
            clock = time.monotonic()
            store.write(engine.image(), [], end_offsets(broker), fingerprint(engine, engine._clock().year))
            written_info = {"seconds": round(time.monotonic() - clock, 3)}
            figures["runs"].append(
                {"profiles": size, "produce_s": round(produce_s, 1), "in_process_build_s": round(build_s, 1),
                 "index_mb": round(engine.memory_bytes() / 2**20)}
            )  # fmt: skip
            print(json.dumps(figures["runs"][-1]), flush=True)
            del engine
            gc.collect()
        else:
            for size in sizes:
                clock = time.monotonic()
                writer.upserts(range(written, size))
                written = size
                produce_s = time.monotonic() - clock
                gc.collect()
                last = size == sizes[-1]  # its feed writes a snapshot when closed, as on shutdown
                feed, cold_s = timed_start(
                    broker,
                    taxonomy,
                    places,
                    store if last else None,
                    1e9 if last else 0,
                    args.profile if size == sizes[0] else None,
                )
                run = {
                    "profiles": size,
                    "produce_s": round(produce_s, 1),
                    "cold_ready_s": round(cold_s, 1),
                    "cold_profiles_per_s": round(size / cold_s),
                    "cold_cpu_s": round(feed.cpu_s, 1),  # CPU of this process: less load-dependent
                    "index_mb": round(feed.state.engine.memory_bytes() / 2**20),
                }
                feed.close()
                written_info = feed.snapshot_info["written"]
                del feed
                gc.collect()
                print(json.dumps(run), flush=True)
                figures["runs"].append(run)

        # the largest size: its snapshot, a tail written while "down", a start from the snapshot
        [path] = store.paths()
        writer.upserts(rng.sample(range(written), args.tail), version=2)
        writer.withdrawals(rng.sample(range(written), args.withdrawals))
        feed, warm_s = timed_start(broker, taxonomy, places, store, 0)
        restored = feed.snapshot_info["restored"]
        feed.close()
        figures["snapshot"] = {
            "profiles": written,
            "write_s": written_info["seconds"],
            "file_mb": round(path.stat().st_size / 2**20),
            "load_s": restored["load_seconds"],
            "tail_records": restored["records_behind"],
            "ready_from_snapshot_s": round(warm_s, 1),
        }
        print(json.dumps(figures["snapshot"]), flush=True)
    finally:
        broker.stop()
        shutil.rmtree(home, ignore_errors=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
