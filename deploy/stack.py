"""Runs the three services as real processes: a gunicorn web server and a worker per service.

Used by the end-to-end tests (a throwaway stack per test session) and by ``make demo`` (a stack that
outlives the command, stopped with ``make demo-stop``). Processes are stopped by their own pids.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deploy import reaper

if TYPE_CHECKING:
    from deploy.kafka.broker import LocalBroker

REPO_ROOT = Path(__file__).resolve().parent.parent
SERVICES = ("vacancy", "profile", "matching")
DEFAULT_PORTS = {"vacancy": 8001, "profile": 8002, "matching": 8003}
#: Secrets only one service may hold, whatever the stack's `env` or the caller's environment carry:
#: with the pseudonym key, matching could hash guessed profile ids back to candidate ids (outside
#: tester 17, P14: the demo gave it to all six processes; docker-compose and deploy/k8s give it
#: only to profile).
SERVICE_SECRETS = {"KOHTAANTO_PSEUDONYM_KEY": "profile", "KOHTAANTO_MATCHING_KEY": "matching"}


class StackError(RuntimeError):
    pass


@dataclass
class Stack:
    home: Path
    bootstrap_servers: str
    ports: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_PORTS))
    env: Mapping[str, str] = field(default_factory=dict)
    database_urls: Mapping[str, str] = field(default_factory=dict)
    worker_metrics_ports: Mapping[str, int] = field(default_factory=dict)  # service -> worker /metrics
    # service -> KAFKA_* variables it authenticates with (``LocalBroker.service_env``)
    kafka_env: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    pids: dict[str, int] = field(default_factory=dict)
    #: service -> variables its processes run with on top of ``env`` until it is restarted without
    #: them (``start``/``restart``'s ``env``: the demo's late preparation of last week's meeting)
    overrides: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def on_broker(cls, broker: LocalBroker, home: Path, **kwargs: Any) -> Stack:
        """A stack whose services reach ``broker`` each as its own Kafka user."""
        kafka_env = {service: broker.service_env(service) for service in SERVICES}
        return cls(home=home, bootstrap_servers=broker.bootstrap_servers, kafka_env=kafka_env, **kwargs)

    def url(self, service: str) -> str:
        return f"http://127.0.0.1:{self.ports[service]}"

    def worker_metrics_url(self, service: str) -> str:
        return f"http://127.0.0.1:{self.worker_metrics_ports[service]}/metrics"

    @property
    def pid_file(self) -> Path:
        return self.home / "pids.json"

    def service_env(self, service: str) -> dict[str, str]:
        """The environment ``service``'s processes run with."""
        env = {**os.environ, **self.env, **self.overrides.get(service, {}), **self.kafka_env.get(service, {})}
        for secret, owner in SERVICE_SECRETS.items():
            if service != owner:
                env.pop(secret, None)
        env.update(
            {
                "KAFKA_BOOTSTRAP_SERVERS": self.bootstrap_servers,
                "KOHTAANTO_DATA_DIR": str(self.home / "data"),
                "PYTHONUNBUFFERED": "1",
                "KOHTAANTO_CORS_ORIGINS": ",".join(self.url(s) for s in SERVICES),
                "KOHTAANTO_PROFILE_PUBLIC_URL": self.url("profile"),
            }
        )
        if service in self.worker_metrics_ports:
            env["KOHTAANTO_WORKER_METRICS"] = f"127.0.0.1:{self.worker_metrics_ports[service]}"
        if service in self.database_urls:
            env["DATABASE_URL"] = self.database_urls[service]
        else:
            env.pop("DATABASE_URL", None)
        return env

    def _commands(self, service: str) -> dict[str, list[str]]:
        bin_dir = Path(sys.executable).parent
        workers = "1" if service == "matching" else "2"
        web = [
            str(bin_dir / "gunicorn"),
            "-c",
            str(REPO_ROOT / "deploy" / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{self.ports[service]}",
            "--workers",
            workers,
            "--worker-class",
            "deploy.gunicorn_edge.JsonErrorWorker",
            "--threads",
            "8",
            "--timeout",
            "120",
            f"services.{service}.app:create_app()",
        ]
        worker = [sys.executable, "-m", f"services.{service}.worker"]
        return {f"{service}-web": web, f"{service}-worker": worker}

    def start(self, timeout: float = 180.0, env: Mapping[str, Mapping[str, str]] | None = None) -> None:
        """Start every service's web process and worker and wait until all are ready; ``env``:
        service -> variables for that service's processes on top of the stack's ``env``, until it is
        restarted (``restart``)."""
        self.overrides = {service: dict(extra) for service, extra in (env or {}).items()}
        for folder in (self.home / "data", self.home / "logs"):
            folder.mkdir(parents=True, exist_ok=True)
            # the databases hold personal data, the logs request details: this user's only (an
            # outside tester found the demo's databases readable by every user of the machine)
            folder.chmod(0o700)
        for service in SERVICES:
            for name in self._commands(service):
                self.spawn(name)
        self.wait_ready(timeout)

    def spawn(self, name: str) -> int:
        """Start one process (``<service>-web`` or ``<service>-worker``); returns its pid."""
        service = service_of(name)
        command = self._commands(service)[name]
        log = open(self.home / "logs" / f"{name}.log", "ab")  # noqa: SIM115 - owned by the child
        process = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env=self.service_env(service),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        log.close()
        reaper.tie_to_owner(process.pid, group=True)  # a killed test run leaves no server behind
        self.pids[name] = process.pid
        self.pid_file.write_text(json.dumps({"pids": self.pids, "ports": dict(self.ports)}))
        return process.pid

    def crash(self, name: str) -> None:
        """``kill -9`` one process and its children (its session: a gunicorn master and workers),
        as a machine failure would; waits until it is gone."""
        pid = self.pids.pop(name)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGKILL)
        deadline = time.monotonic() + 20
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)

    def wait_ready(self, timeout: float, services: tuple[str, ...] = SERVICES) -> None:
        """Wait until each of ``services`` answers ``/health/ready`` with 200. Raises ``StackError``
        when one of *their* processes exits (naming it, with its log's tail) or after ``timeout``
        seconds. Other services' processes are not looked at: one restarted while another's worker
        is down must not fail with the other's log (outside tester 38, M7)."""
        deadline = time.monotonic() + timeout
        pending = set(services)
        while pending:
            for service in sorted(pending):
                if self._ready(service):
                    pending.discard(service)
            dead = [n for n in self.dead() if service_of(n) in services]
            if dead:
                raise StackError(
                    f"{', '.join(dead)} exited; see {self.home / 'logs'}\n{self.log_tail(dead[0])}"
                )
            if pending and time.monotonic() > deadline:
                raise StackError(f"not ready after {timeout:.0f} s: {', '.join(sorted(pending))}")
            time.sleep(0.3)

    def dead(self) -> list[str]:
        """The names of this stack's processes (``<service>-web``, ``<service>-worker``) that are
        no longer running, e.g. killed by hand."""
        return [name for name, pid in self.pids.items() if not _alive(pid)]

    def _ready(self, service: str) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url(service)}/health/ready", timeout=2) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def log_tail(self, name: str, lines: int = 30) -> str:
        path = self.home / "logs" / f"{name}.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""

    def stop(self, timeout: float = 20.0) -> None:
        pids = self.pids
        if not pids and self.pid_file.exists():
            pids = json.loads(self.pid_file.read_text())["pids"]
        # Each process leads its own session (``spawn``): the whole group is signalled, so a gunicorn
        # worker stuck in a request dies with its master instead of running on as an orphan
        # (an outside tester found such workers burning CPU half an hour after `make demo-stop`).
        for pid in pids.values():
            _signal_group(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while any(_group_alive(pid) for pid in pids.values()) and time.monotonic() < deadline:
            time.sleep(0.2)
        for pid in pids.values():
            if _group_alive(pid):
                _signal_group(pid, signal.SIGKILL)
        self.pids = {}
        self.pid_file.unlink(missing_ok=True)

    def restart(
        self, service: str, timeout: float = 300.0, env: Mapping[str, str] | None = None
    ) -> dict[str, int]:
        """Stop ``service``'s web process and worker (SIGTERM to each group, SIGKILL after 20 s),
        start them again with the same settings and wait until it is ready; the other processes (read
        from ``pid_file`` when this object did not start them) and the broker are left alone. Returns
        the new pids by process name. ``env``: variables for this start of ``service`` on top of the
        stack's ``env`` (those of an earlier ``start`` or ``restart`` are dropped). Raises
        ``StackError`` for an unknown service, when no stack is running (no ``pid_file``) or when it
        is not ready within ``timeout`` seconds."""
        if service not in SERVICES:
            raise StackError(f"unknown service {service!r}: one of {', '.join(SERVICES)}")
        if not self.pids:
            if not self.pid_file.exists():
                raise StackError(f"no running stack under {self.home} (no {self.pid_file.name})")
            self.pids = {n: int(p) for n, p in json.loads(self.pid_file.read_text())["pids"].items()}
        names = list(self._commands(service))
        old = {n: self.pids.pop(n) for n in names if n in self.pids}
        for pid in old.values():
            _signal_group(pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        while any(_group_alive(pid) for pid in old.values()) and time.monotonic() < deadline:
            time.sleep(0.2)
        for pid in old.values():
            if _group_alive(pid):
                _signal_group(pid, signal.SIGKILL)
        self.overrides[service] = dict(env or {})
        started = {name: self.spawn(name) for name in names}
        self.wait_ready(timeout, (service,))
        return started

    def kill(self, name: str) -> None:
        """Stop one process (e.g. a worker) by its pid."""
        pid = self.pids.pop(name)
        _signal(pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)


def service_of(name: str) -> str:
    """``vacancy`` of the process name ``vacancy-worker`` or ``vacancy-web``."""
    return name.rpartition("-")[0]


def _alive(pid: int) -> bool:
    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)
        if waited == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _signal(pid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)


def _signal_group(pid: int, sig: int) -> None:
    """Signal the process group ``pid`` leads (its children included); the process alone when it
    leads none."""
    try:
        os.killpg(pid, sig)
    except ProcessLookupError:
        _signal(pid, sig)
    except PermissionError:
        _signal(pid, sig)


def _group_alive(pid: int) -> bool:
    """Whether the process or any process of the group it leads is still running."""
    if _alive(pid):
        return True
    try:
        os.killpg(pid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    return True
