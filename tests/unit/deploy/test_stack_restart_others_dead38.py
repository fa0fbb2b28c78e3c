"""`make demo-restart SERVICE=vacancy` waits for vacancy only: another service's process that is
down (killed by hand) neither fails the restart nor lends it its log (outside tester 38, M7: with
matching-worker killed, the restart of vacancy exited 1 printing matching-worker's log lines)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from deploy.stack import Stack, StackError


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait(timeout=30)
    return process.pid


@pytest.fixture
def running():
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    yield process.pid
    process.kill()
    process.wait(timeout=30)


def _answering(*services: str):
    return lambda self, service: service in services


def test_waiting_for_one_service_ignores_another_services_dead_worker(tmp_path, monkeypatch, running):
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "matching-worker.log").write_text("No node available for metadata refresh\n")
    monkeypatch.setattr(Stack, "_ready", _answering("vacancy"))
    stack = Stack(
        home=tmp_path,
        bootstrap_servers="127.0.0.1:1",
        pids={"vacancy-web": running, "vacancy-worker": running, "matching-worker": _dead_pid()},
    )

    stack.wait_ready(timeout=10, services=("vacancy",))  # does not raise

    assert stack.dead() == ["matching-worker"]  # what the demo's restart then names in a note


def test_a_dead_process_of_the_service_waited_for_still_fails_naming_it(tmp_path, monkeypatch, running):
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "vacancy-worker.log").write_text("vacancy worker's own last words\n")
    monkeypatch.setattr(Stack, "_ready", _answering())
    stack = Stack(
        home=tmp_path,
        bootstrap_servers="127.0.0.1:1",
        pids={"vacancy-web": running, "vacancy-worker": _dead_pid(), "matching-worker": _dead_pid()},
    )

    with pytest.raises(StackError) as caught:
        stack.wait_ready(timeout=10, services=("vacancy",))

    assert "vacancy-worker exited" in str(caught.value)
    assert "vacancy worker's own last words" in str(caught.value)
    assert "matching-worker" not in str(caught.value)
