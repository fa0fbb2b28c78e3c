"""`make demo-stop` ends every process a service started, also a worker stuck in a request that
ignores SIGTERM after its master is gone (outside tester 4, F25: such gunicorn workers ran on as
orphans, burning CPU, half an hour after the demo was stopped)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from deploy.stack import Stack

STUCK_CHILD = """
import os, signal, subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c",
    "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); open(%r, 'w').write('x'); time.sleep(600)"])
print(child.pid, flush=True)
time.sleep(600)
"""


def test_stopping_a_service_ends_its_whole_process_group_stuck_workers_included(tmp_path):
    ready = tmp_path / "child-ready"
    master = subprocess.Popen(
        [sys.executable, "-c", STUCK_CHILD % str(ready)],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,  # as Stack.spawn starts every process
    )
    worker = int(master.stdout.readline())
    deadline = time.monotonic() + 30
    while not ready.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    stack = Stack(home=tmp_path, bootstrap_servers="127.0.0.1:1", pids={"matching-web": master.pid})
    stack.stop(timeout=1.0)
    master.wait(timeout=10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(worker, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        os.kill(worker, 9)
        raise AssertionError("the worker ignoring SIGTERM outlived the stop")


def test_only_profile_gets_the_pseudonym_key_whatever_the_stack_or_the_caller_carry(tmp_path, monkeypatch):
    """Outside tester 17, P14: the demo gave KOHTAANTO_PSEUDONYM_KEY to all six processes, so matching
    could hash guessed profile ids back to candidate ids; compose and k8s give it to profile only."""
    monkeypatch.setenv("KOHTAANTO_PSEUDONYM_KEY", "from-the-callers-environment")
    stack = Stack(
        home=tmp_path,
        bootstrap_servers="127.0.0.1:1",
        env={"KOHTAANTO_PSEUDONYM_KEY": "k" * 48, "KOHTAANTO_JWT_SECRET": "s" * 48},
    )
    assert stack.service_env("profile")["KOHTAANTO_PSEUDONYM_KEY"] == "k" * 48
    for service in ("vacancy", "matching"):
        env = stack.service_env(service)
        assert "KOHTAANTO_PSEUDONYM_KEY" not in env, service
        assert env["KOHTAANTO_JWT_SECRET"] == "s" * 48


def test_only_matching_gets_its_record_key(tmp_path):
    """privacy37: matching's key of the erased candidates' markers is its own, as the pseudonym key is
    profile's (compose and k8s give it to matching only)."""
    stack = Stack(
        home=tmp_path,
        bootstrap_servers="127.0.0.1:1",
        env={"KOHTAANTO_MATCHING_KEY": "m" * 48, "KOHTAANTO_PSEUDONYM_KEY": "k" * 48},
    )
    assert stack.service_env("matching")["KOHTAANTO_MATCHING_KEY"] == "m" * 48
    assert "KOHTAANTO_PSEUDONYM_KEY" not in stack.service_env("matching")
    for service in ("vacancy", "profile"):
        assert "KOHTAANTO_MATCHING_KEY" not in stack.service_env(service), service
