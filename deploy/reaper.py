"""Stop a server when the process that started it dies, so that a killed test run leaves nothing behind.

The brokers, PostgreSQL clusters and gunicorn stacks the tests start run in sessions of their own
(a broker must survive its launcher's Ctrl-C to shut down cleanly), so killing a `make test` by its pid
or process group used to leave them running. When the environment names an owner
(``KOHTAANTO_SERVER_OWNER=<pid>``, set by the test session for its own processes; the demo does not set
it, its servers outlive `make demo` on purpose), :func:`tie_to_owner` starts a small watcher, this file
run as a script in a session of its own, which polls once a second and:

- exits as soon as the server has gone (the normal case: its fixture stopped it);
- when the owner has gone first, sends the server `signal` (SIGTERM; SIGINT is PostgreSQL's fast
  shutdown), SIGKILL after `grace` seconds, then removes `remove` (the server's temporary home) if given.

Processes are named by pid *and* start time (``/proc/<pid>/stat`` field 22), so a reused pid is never
signalled. A process that has exited but was not reaped yet (a zombie, state ``Z``, or ``X``) counts
as gone: a killed test run whose parent does not wait for it (an xdist worker under a busy
controller, an orphan under a container's PID 1 that reaps nothing) kept its ``/proc`` entry and start
time, and the watcher polled on, its server running and its home (2.1 GB in /tmp) left behind. With
`group`, the server is gone only once every process of its group is (a worker outliving its master
may still write into the home), and the stragglers get SIGKILL too. The home is removed with
retries (a file written meanwhile, a read-only folder inside it); the watcher exits 1 if it stays.
Linux only (``/proc``); elsewhere :func:`tie_to_owner` does nothing and returns None.
Standard library only: the watcher runs as a plain script, with nothing of the repository imported.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal as signals
import subprocess
import sys
import time
from pathlib import Path

OWNER_ENV = "KOHTAANTO_SERVER_OWNER"
POLL_S = 1.0


#: ``/proc/<pid>/stat`` states of a process that has exited: a zombie waiting to be reaped, or dead.
GONE_STATES = frozenset("ZXx")
REMOVE_TRIES_S = 10.0


def _stat(pid: int) -> tuple[str, int, int] | None:
    """(state, process group, start time in clock ticks since boot) of ``/proc/<pid>/stat`` (fields
    3, 5 and 22), or None if there is no such process (or no ``/proc``)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) is in parentheses and may hold spaces: split after its last ')'.
    fields = stat[stat.rindex(")") + 2 :].split()
    try:
        return fields[0], int(fields[2]), int(fields[19])  # the split starts at field 3
    except (IndexError, ValueError):
        return None


def start_time(pid: int) -> int | None:
    """The process's start time in clock ticks since boot (``/proc/<pid>/stat`` field 22), or None
    if there is no such process (or no ``/proc``). A zombie still has one: see :func:`alive`."""
    stat = _stat(pid)
    return None if stat is None else stat[2]


def alive(pid: int, started: int) -> bool:
    """Whether the process `pid` that started at `started` (clock ticks) still runs: not gone, not
    replaced by another process under a reused pid, and not a zombie (exited, not yet reaped)."""
    stat = _stat(pid)
    return stat is not None and stat[2] == started and stat[0] not in GONE_STATES


def group_members(leader: tuple[int, int]) -> list[int]:
    """The live processes of the process group led by `leader` (pid, start time), the leader
    included while it lives: every process whose group id is the leader's pid and that started no
    earlier than the leader (a group id outlives its leader while members remain, so a pid reused
    since belongs to a process started later, in a group of its own)."""
    pgid, started = leader
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        stat = _stat(int(entry.name))
        if stat is not None and stat[1] == pgid and stat[2] >= started and stat[0] not in GONE_STATES:
            members.append(int(entry.name))
    return sorted(members)


def owner_pid() -> int | None:
    """The owner named by ``KOHTAANTO_SERVER_OWNER``, or None (not set, not a number)."""
    value = os.environ.get(OWNER_ENV, "")
    return int(value) if value.isdigit() else None


def tie_to_owner(
    target_pid: int,
    *,
    signal: int = signals.SIGTERM,
    grace_s: float = 30.0,
    group: bool = False,
    remove: Path | None = None,
) -> subprocess.Popen[bytes] | None:
    """If ``KOHTAANTO_SERVER_OWNER`` names a live process, start a watcher that stops `target_pid`
    (`signal`, then SIGKILL after `grace_s` seconds; with `group`, to its whole process group, for a
    session leader such as a gunicorn master and its workers) once the owner has gone, then removes
    `remove`.

    Returns the watcher's process, or None when no owner is set, either process has gone already or
    there is no ``/proc``. Never raises for a missing process."""
    owner = owner_pid()
    if owner is None:
        return None
    owner_started, target_started = start_time(owner), start_time(target_pid)
    if owner_started is None or target_started is None:
        return None
    if not (alive(owner, owner_started) and alive(target_pid, target_started)):
        return None
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        f"--owner={owner}:{owner_started}",
        f"--target={target_pid}:{target_started}",
        f"--signal={int(signal)}",
        f"--grace={grace_s}",
    ]
    if group:
        command.append("--group")
    if remove is not None:
        command.append(f"--remove={remove}")
    return subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # survives a kill of the test run's process group
        close_fds=True,
        cwd="/",  # holds no test directory busy, and is not taken for part of the run it watches
    )


def watch(
    owner: tuple[int, int],
    target: tuple[int, int],
    signal: int,
    grace_s: float,
    remove: Path | None,
    group: bool = False,
    poll_s: float = POLL_S,
) -> bool:
    """The watcher's loop: True if it had to stop the target (the owner died first), False if the
    target went by itself. `owner` and `target` are (pid, start time) pairs; a zombie counts as
    gone (:func:`alive`). With `group` the target is stopped when every process of its group is
    (:func:`group_members`): `signal` to the group, SIGKILL to what is left after `grace_s`
    seconds. Then `remove` is removed (:func:`remove_home`)."""
    while True:
        if not alive(*target):
            return False
        if not alive(*owner):
            break
        time.sleep(poll_s)

    def running() -> list[int]:
        if group:
            return group_members(target)
        return [target[0]] if alive(*target) else []

    with contextlib.suppress(ProcessLookupError, PermissionError):
        (os.killpg if group else os.kill)(target[0], signal)
    deadline = time.monotonic() + grace_s
    while running() and time.monotonic() < deadline:
        time.sleep(0.2)
    left = running()
    if left:
        for pid in left:  # by pid: the group's leader may be gone already
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signals.SIGKILL)
        kill_deadline = time.monotonic() + 10.0
        while running() and time.monotonic() < kill_deadline:
            time.sleep(0.1)
    if remove is not None:
        remove_home(remove)
    return True


def remove_home(path: Path, tries_s: float = REMOVE_TRIES_S) -> bool:
    """Remove the folder `path` and everything in it; True once it is gone. A folder inside it
    without write permission is made writable to empty it; what a process still running wrote
    meanwhile is removed by trying again, for up to `tries_s` seconds. Never raises."""

    def writable_and_again(function: object, name: str, _exc: object) -> None:
        with contextlib.suppress(OSError):
            parent = os.path.dirname(name)
            os.chmod(parent, os.stat(parent).st_mode | 0o700)
            if os.path.isdir(name) and not os.path.islink(name):
                os.chmod(name, os.stat(name).st_mode | 0o700)
                shutil.rmtree(name, ignore_errors=True)
            else:
                os.unlink(name)

    deadline = time.monotonic() + tries_s
    while True:
        with contextlib.suppress(OSError):
            if sys.version_info >= (3, 12):
                shutil.rmtree(path, onexc=writable_and_again)
            else:
                shutil.rmtree(path, onerror=writable_and_again)
        if not os.path.lexists(path):
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.2)


def _pair(text: str) -> tuple[int, int]:
    pid, started = text.split(":", 1)
    return int(pid), int(started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--owner", type=_pair, required=True, help="pid:start-time of the owner")
    parser.add_argument("--target", type=_pair, required=True, help="pid:start-time of the server")
    parser.add_argument("--signal", type=int, default=int(signals.SIGTERM))
    parser.add_argument("--grace", type=float, default=30.0, help="seconds before SIGKILL")
    parser.add_argument("--remove", type=Path, default=None, help="directory removed afterwards")
    parser.add_argument("--group", action="store_true", help="signal the target's process group")
    args = parser.parse_args(argv)
    stopped = watch(args.owner, args.target, args.signal, args.grace, args.remove, args.group)
    # 1: it stopped the server but could not remove its home (a server gone by itself keeps it)
    return 1 if stopped and args.remove is not None and os.path.lexists(args.remove) else 0


if __name__ == "__main__":
    sys.exit(main())
