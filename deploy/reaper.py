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
signalled. Linux only (``/proc``); elsewhere :func:`tie_to_owner` does nothing and returns None.
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


def start_time(pid: int) -> int | None:
    """The process's start time in clock ticks since boot (``/proc/<pid>/stat`` field 22), or None
    if there is no such process (or no ``/proc``)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) is in parentheses and may hold spaces: split after its last ')'.
    fields = stat[stat.rindex(")") + 2 :].split()
    try:
        return int(fields[19])  # field 22 overall; the split starts at field 3
    except (IndexError, ValueError):
        return None


def _same(pid: int, started: int) -> bool:
    return start_time(pid) == started


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
    target went by itself. `owner` and `target` are (pid, start time) pairs."""
    kill = os.killpg if group else os.kill
    while True:
        if not _same(*target):
            return False
        if not _same(*owner):
            break
        time.sleep(poll_s)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        kill(target[0], signal)
    deadline = time.monotonic() + grace_s
    while _same(*target) and time.monotonic() < deadline:
        time.sleep(0.2)
    if _same(*target):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            kill(target[0], signals.SIGKILL)
        kill_deadline = time.monotonic() + 10.0
        while _same(*target) and time.monotonic() < kill_deadline:
            time.sleep(0.1)
    if remove is not None:
        shutil.rmtree(remove, ignore_errors=True)
    return True


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
    watch(args.owner, args.target, args.signal, args.grace, args.remove, args.group)
    return 0


if __name__ == "__main__":
    sys.exit(main())
