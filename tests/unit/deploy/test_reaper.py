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


def _default_signals() -> None:
    """In the child: SIGINT and SIGTERM back to their default action. A test run started in the background
    by a non-interactive shell inherits SIGINT ignored, and a `sleep` would then outlive the watcher's
    SIGINT until its SIGKILL (a real server installs its own handlers)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _sleeper(**kwargs) -> subprocess.Popen[bytes]:
    return subprocess.Popen(["sleep", "600"], stdin=subprocess.DEVNULL, preexec_fn=_default_signals, **kwargs)


# Deadlines, not timings: generous so that a loaded CI host (load 8 beside other work) cannot
# fail a watcher that is merely slow to start; a passing test returns as soon as the process is gone.
WAIT_S = 120.0


def _gone(process: subprocess.Popen[bytes], within_s: float = WAIT_S) -> bool:
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
        assert watcher.wait(timeout=WAIT_S) == 0
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


# -- the watcher that polled on (a 2.1 GB /tmp folder left behind) ---------------------------------
WRITER = 'trap "" TERM; while :; do mkdir -p "$1/written"; date >> "$1/written/log"; sleep 0.05; done'


def _writer(home: Path, *, session: bool = True) -> subprocess.Popen[bytes]:
    """A dummy server that keeps writing into `home` and ignores SIGTERM."""
    return subprocess.Popen(
        ["sh", "-c", WRITER, "sh", str(home)], stdin=subprocess.DEVNULL, start_new_session=session
    )


def _zombie(pid: int) -> None:
    """Wait until `pid`, killed and not waited for, is a zombie: still in ``/proc`` with its start
    time, but not :func:`reaper.alive`."""
    started = reaper.start_time(pid)
    deadline = time.monotonic() + 10
    while Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z":
        assert time.monotonic() < deadline, "not a zombie"
        time.sleep(0.02)
    assert started is not None and reaper.start_time(pid) == started and not reaper.alive(pid, started)


def _home(tmp_path: Path) -> Path:
    """A server home with a read-only folder inside (as a JDK or Go module cache unpacks)."""
    home = tmp_path / "home"
    (home / "data" / "read-only").mkdir(parents=True)
    (home / "data" / "read-only" / "segment").write_bytes(b"x" * 1024)
    (home / "data" / "read-only").chmod(0o500)
    return home


def test_an_owner_killed_but_not_yet_reaped_counts_as_dead_the_server_is_stopped_and_its_home_removed(
    monkeypatch, tmp_path
):
    """The owner is killed and left a zombie (its parent, this test, does not wait for it: an xdist
    worker under a busy controller, an orphan under a PID 1 that reaps nothing). Its ``/proc`` entry
    and start time stayed, so the watcher polled on, the server ran and its home stayed behind. Now
    the watcher stops the server (SIGKILL after the grace: it ignores SIGTERM), removes the home, a
    read-only folder inside included, and exits 0."""
    owner = _sleeper()
    home = _home(tmp_path)
    server = _writer(home)
    monkeypatch.setenv(reaper.OWNER_ENV, str(owner.pid))
    watcher = reaper.tie_to_owner(server.pid, grace_s=1.0, remove=home)
    try:
        assert watcher is not None
        assert not _gone(server, within_s=1.5)  # the owner lives: the server runs on
        owner.kill()  # and is not waited for: a zombie keeping its pid and start time
        _zombie(owner.pid)
        assert _gone(server), "the server outlived its owner"
        assert server.returncode == -signal.SIGKILL  # it ignored SIGTERM for the grace period
        assert watcher.wait(timeout=WAIT_S) == 0
        assert not home.exists()
    finally:
        for process in (owner, server):
            process.kill()
            process.wait()
        if watcher is not None and watcher.poll() is None:
            watcher.kill()
            watcher.wait()


def test_with_group_every_process_of_the_servers_group_is_stopped_before_its_home_is_removed(
    monkeypatch, tmp_path
):
    """A session leader that stops on SIGTERM while a process of its group ignores it and keeps
    writing into the home: the watcher waits for the whole group, SIGKILLs the straggler after the
    grace, and only then removes the home, which nothing recreates afterwards."""
    owner = _sleeper()
    home = _home(tmp_path)
    leader = subprocess.Popen(
        ["sh", "-c", f"sh -c '{WRITER}' sh \"$1\" & wait", "sh", str(home)],
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    monkeypatch.setenv(reaper.OWNER_ENV, str(owner.pid))
    deadline = time.monotonic() + 10
    while len(reaper.group_members((leader.pid, reaper.start_time(leader.pid)))) < 2:
        assert time.monotonic() < deadline, "the straggler did not start"
        time.sleep(0.05)
    target = (leader.pid, reaper.start_time(leader.pid))
    watcher = reaper.tie_to_owner(leader.pid, grace_s=1.0, group=True, remove=home)
    try:
        assert watcher is not None
        owner.kill()
        owner.wait()
        assert watcher.wait(timeout=WAIT_S) == 0
        assert _gone(leader)
        assert reaper.group_members(target) == []
        time.sleep(0.5)
        assert not home.exists(), "the straggler wrote on into the home"
    finally:
        owner.kill()
        owner.wait()
        for pid in reaper.group_members((leader.pid, 0)):
            os.kill(pid, signal.SIGKILL)
        leader.kill()
        leader.wait()


def test_a_server_that_exited_but_is_not_yet_reaped_ends_its_watcher_without_a_signal(tmp_path):
    """A server its fixture stopped is gone even before its parent reaps it: the watcher exits and
    removes nothing (before, a zombie server kept it polling for as long as its owner lived)."""
    server = _sleeper()
    server.kill()  # a zombie until waited for
    _zombie(server.pid)
    try:
        result = subprocess.run(
            [
                sys.executable,
                str(Path(reaper.__file__)),
                f"--owner={os.getpid()}:{reaper.start_time(os.getpid())}",
                f"--target={server.pid}:{reaper.start_time(server.pid)}",
                f"--remove={tmp_path}",
            ],
            timeout=WAIT_S,
            cwd="/",
        )
        assert result.returncode == 0 and tmp_path.exists()
    finally:
        server.wait()


def test_a_home_that_cannot_be_removed_makes_the_watcher_exit_1(tmp_path):
    """A removal that fails is not silent: the watcher's exit status says so."""
    if os.geteuid() == 0:
        pytest.skip("root removes anything")
    parent = tmp_path / "locked"
    (parent / "home").mkdir(parents=True)
    parent.chmod(0o500)  # the home's own folder: not ours to change
    owner, server = _sleeper(), _sleeper(start_new_session=True)
    owner_id = (owner.pid, reaper.start_time(owner.pid))
    server_id = (server.pid, reaper.start_time(server.pid))
    owner.kill()
    owner.wait()
    try:
        started = time.monotonic()
        args = [f"--owner={owner_id[0]}:{owner_id[1]}", f"--target={server_id[0]}:{server_id[1]}"]
        assert reaper.main([*args, f"--remove={parent / 'home'}", "--grace=1"]) == 1
        assert server.wait(timeout=5) == -signal.SIGTERM
        assert time.monotonic() - started >= 0  # it returned: no endless retry
    finally:
        parent.chmod(0o700)
        server.kill()
        server.wait()
