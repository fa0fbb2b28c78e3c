"""A server started by a test process is stopped when that process dies before its fixture could stop
it (a killed `make test` used to leave its PostgreSQL clusters and brokers running), and a server
stopped normally leaves its watcher nothing to do. Real processes (`sleep`), no fakes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from deploy import reaper

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")


def _sleeper(**kwargs) -> subprocess.Popen[bytes]:
    return subprocess.Popen(["sleep", "600"], stdin=subprocess.DEVNULL, **kwargs)


def _gone(process: subprocess.Popen[bytes], within_s: float = 30.0) -> bool:
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return True
        time.sleep(0.1)
    return False


def test_start_time_names_a_live_process_and_none_for_a_missing_one():
    assert isinstance(reaper.start_time(os.getpid()), int)
    process = _sleeper()
    started = reaper.start_time(process.pid)
    process.kill()
    process.wait()
    assert started is not None and reaper.start_time(process.pid) is None


def test_without_an_owner_in_the_environment_nothing_is_watched(monkeypatch):
    monkeypatch.delenv(reaper.OWNER_ENV, raising=False)
    process = _sleeper()
    try:
        assert reaper.tie_to_owner(process.pid) is None
    finally:
        process.kill()
        process.wait()


def test_the_server_is_stopped_and_its_home_removed_when_the_owner_dies(monkeypatch, tmp_path):
    owner = _sleeper()
    server = _sleeper(start_new_session=True)
    home = tmp_path / "home"
    (home / "data").mkdir(parents=True)
    monkeypatch.setenv(reaper.OWNER_ENV, str(owner.pid))
    watcher = reaper.tie_to_owner(server.pid, signal=signal.SIGINT, group=True, remove=home)
    try:
        assert watcher is not None
        assert not _gone(server, within_s=1.5)  # the owner lives: the server runs on
        owner.kill()
        owner.wait()
        assert _gone(server), "the server outlived its owner"
        assert server.returncode == -signal.SIGINT
        assert watcher.wait(timeout=30) == 0
        assert not home.exists()
    finally:
        for process in (owner, server):
            process.kill()
            process.wait()


def test_a_server_stopped_normally_ends_its_watcher_without_a_signal(tmp_path):
    owner = (os.getpid(), reaper.start_time(os.getpid()))
    server = _sleeper()
    target = (server.pid, reaper.start_time(server.pid))
    server.terminate()
    server.wait()
    assert reaper.watch(owner, target, signal.SIGTERM, 1.0, tmp_path, poll_s=0.05) is False
    assert tmp_path.exists()  # only a server the watcher stopped has its home removed


def test_a_reused_pid_is_never_signalled():
    """The watcher names processes by pid and start time: a pid now held by another process counts
    as the server gone."""
    server = _sleeper()
    try:
        started = reaper.start_time(server.pid)
        gone_owner = (server.pid, started - 1)  # same pid, another start time: not the owner
        assert reaper.watch(gone_owner, (server.pid, started - 1), signal.SIGKILL, 1.0, None) is False
        assert server.poll() is None
    finally:
        server.kill()
        server.wait()


def test_the_watcher_runs_as_a_plain_script():
    """It imports nothing of the repository (it must start even if the tree is half gone)."""
    result = subprocess.run(
        [sys.executable, str(Path(reaper.__file__)), "--help"], capture_output=True, text=True, cwd="/"
    )
    assert result.returncode == 0 and "--owner" in result.stdout
