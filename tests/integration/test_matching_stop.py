"""Matching's web process stops promptly on SIGTERM while the broker is down, writes its index
snapshot first, and logs the lost broker at a bounded rate (outside tester 17, P20: it took 26 s,
stuck in the Kafka client's bootstrap back-off, wrote no snapshot, and logged about 80 ERROR lines
a second). Real broker, real gunicorn."""

from __future__ import annotations

import json
import os
import signal
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from deploy.http_client import wait_for
from deploy.kafka.broker import LocalBroker, find_free_port
from deploy.stack import Stack
from shared.config import REPO_ROOT
from shared.logging import RepeatThrottle
from tests.helpers import JWT_SECRET, MATCHING_KEY, TEST_ORGANISATIONS

pytestmark = [pytest.mark.kafka]


def lines(log: Path) -> list[dict]:
    return [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]


def stop(pid: int, timeout: float = 90.0) -> float:
    """SIGTERM `pid` (a child of this process) and reap it; seconds it took (a guard against a hang,
    not an assertion)."""
    started = time.monotonic()
    os.kill(pid, signal.SIGTERM)
    while time.monotonic() - started < timeout:
        try:
            done, status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:  # reaped by subprocess's own clean-up of finished children
            return time.monotonic() - started
        if done:
            assert os.waitstatus_to_exitcode(status) == 0
            return time.monotonic() - started
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    raise AssertionError(f"matching did not stop within {timeout:.0f} s of SIGTERM")


def test_matching_with_the_broker_down_stops_on_sigterm_with_a_snapshot_and_logs_the_outage_sparingly(
    tmp_path: Path, free_ports: Callable[[int], list[int]]
) -> None:
    broker = LocalBroker(tmp_path / "kafka", find_free_port(2), libs=REPO_ROOT / ".kafka" / "libs")
    broker.start(timeout=240)
    ports = dict(zip(("vacancy", "profile", "matching"), free_ports(3), strict=True))
    stack = Stack.on_broker(
        broker,
        tmp_path / "stack",
        ports=ports,
        env={
            "KOHTAANTO_JWT_SECRET": JWT_SECRET,
            "KOHTAANTO_MATCHING_KEY": MATCHING_KEY.decode(),
            "KOHTAANTO_ORGANISATIONS_FILE": str(TEST_ORGANISATIONS),
        },
    )
    for folder in (stack.home / "data", stack.home / "logs"):
        folder.mkdir(parents=True, exist_ok=True)
    log = stack.home / "logs" / "matching-web.log"
    snapshots = stack.home / "data" / "index-snapshots"
    try:
        pid = stack.spawn("matching-web")
        stack.wait_ready(300, services=("matching",))

        # 1. Caught up, then the broker goes away: the consumer retries and the log says so, sparingly.
        seen = len(lines(log))
        broker.stop()
        down_at = time.monotonic()
        wait_for(
            lambda: any("ECONNREFUSED" in e["msg"] for e in lines(log)[seen:]),
            timeout=120,
            what="matching's Kafka client noticing the broker is down",
        )
        time.sleep(35)  # more than one throttle window
        outage = lines(log)[seen:]
        down_for = time.monotonic() - down_at
        kinds = Counter(
            (e["logger"], e["level"], RepeatThrottle._VARYING.sub("#", e["msg"])[:200])
            for e in outage
            if e["logger"].startswith("kafka")
        )
        windows = int(down_for // RepeatThrottle().window_s) + 1
        assert kinds and all(count <= windows for count in kinds.values()), kinds
        print(f"{len(outage)} log lines in {down_for:.0f} s with the broker down")

        # 2. SIGTERM with the broker down: the last snapshot is written, the process ends.
        seen = len(lines(log))
        took = stop(pid)
        print(f"matching stopped {took:.2f} s after SIGTERM with the broker down (caught up)")
        after = [e["msg"] for e in lines(log)[seen:]]
        assert "index snapshot written" in after, after
        assert len(list(snapshots.glob("index-*.npz"))) == 1

        # 3. Started while the broker is down: the feed waits in the Kafka client's bootstrap; SIGTERM
        # still ends the process (the thread is left behind) and the snapshot it had stays.
        seen = len(lines(log))
        pid = stack.spawn("matching-web")
        wait_for(
            lambda: any(e["logger"].startswith("kafka") for e in lines(log)[seen:]),
            timeout=180,
            what="the restarted matching's Kafka client trying the broker that is down",
        )
        took = stop(pid)
        print(f"matching stopped {took:.2f} s after SIGTERM with the broker down (never connected)")
        after = lines(log)[seen:]
        assert any(e["msg"] == "index feed left waiting on the broker at shutdown" for e in after)
        assert not any(e["level"] == "ERROR" and e["logger"].startswith("services") for e in after)
        assert len(list(snapshots.glob("index-*.npz"))) == 1, "the earlier snapshot is kept"
        assert all(line.startswith("{") for line in log.read_text().splitlines()), "JSON lines only"
    finally:
        stack.stop()
        broker.stop()
