"""Throwaway PostgreSQL clusters for the tests (initdb + pg_ctl, no system service).

    with LocalPostgres() as pg:
        engine = sqlalchemy.create_engine(pg.url())

Run as root, the cluster runs as the `postgres` OS user (PostgreSQL refuses to run as root), so
its home must be reachable by that user: by default it is a fresh folder under the system temp
dir, removed on stop. The server listens on 127.0.0.1:PORT with trust auth and keeps its unix
socket inside its home. If the server binaries are missing, deploy/postgres/ensure.sh installs
Debian's package. Standard library only.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from deploy import reaper
from deploy.kafka.broker import pid_alive
from deploy.ports import free_port_block

ENSURE_SCRIPT = Path(__file__).with_name("postgres") / "ensure.sh"
HOST = "127.0.0.1"
SUPERUSER = "postgres"
DEFAULT_DATABASE = "kohtaanto"


class PostgresError(Exception):
    """A local PostgreSQL cluster could not be installed, started or stopped."""


def find_bindir() -> Path | None:
    """The newest /usr/lib/postgresql/<major>/bin holding initdb, or the one on PATH."""

    def major(path: Path) -> int:
        found = re.fullmatch(r"\d+", path.parent.parent.name)
        return int(found.group()) if found else -1

    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=major)
    if candidates:
        return candidates[-1].parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def ensure_installed(timeout: float = 900.0) -> Path:
    """Return the server binaries' folder, installing PostgreSQL first if it is missing."""
    bindir = find_bindir()
    if bindir is not None:
        return bindir
    done = subprocess.run(
        ["bash", str(ENSURE_SCRIPT)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    bindir = find_bindir()
    if done.returncode != 0 or bindir is None:
        output = (done.stdout + done.stderr).strip()[-3000:]
        raise PostgresError(f"{ENSURE_SCRIPT} failed ({done.returncode}):\n{output}")
    return bindir


def find_free_port(host: str = HOST) -> int:
    """A free port on `host`, below the kernel's ephemeral range (`deploy.ports.free_port_block`)."""
    return free_port_block(1, host)


class LocalPostgres:
    """One throwaway PostgreSQL cluster in `home` (a new temp folder if None), on `port`."""

    def __init__(
        self,
        home: Path | None = None,
        port: int | None = None,
        *,
        databases: Iterable[str] = (DEFAULT_DATABASE,),
    ) -> None:
        self._owns_home = home is None
        self.home = Path(home).resolve() if home is not None else None
        self.port = port if port is not None else find_free_port()
        self.databases = tuple(databases)
        self._bindir: Path | None = None

    def __repr__(self) -> str:
        return f"LocalPostgres(home={str(self.home)!r}, port={self.port})"

    @property
    def data_dir(self) -> Path:
        return self._home() / "data"

    @property
    def socket_dir(self) -> Path:
        return self._home() / "socket"

    @property
    def log_file(self) -> Path:
        return self._home() / "postgres.log"

    def url(self, database: str = DEFAULT_DATABASE) -> str:
        """SQLAlchemy URL (psycopg 3 driver) of `database` on this cluster."""
        return f"postgresql+psycopg://{SUPERUSER}@{HOST}:{self.port}/{database}"

    def dsn(self, database: str = DEFAULT_DATABASE) -> str:
        """libpq connection string, for psycopg.connect()."""
        return f"host={HOST} port={self.port} user={SUPERUSER} dbname={database}"

    def pid(self) -> int | None:
        """The postmaster's pid while the cluster runs, else None."""
        if self.home is None:
            return None
        try:
            pid = int((self.data_dir / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None
        return pid if pid_alive(pid) else None

    def is_running(self) -> bool:
        return self.home is not None and self._pg_ctl("status", check=False).returncode == 0

    def start(self, timeout: float = 60.0) -> LocalPostgres:
        """initdb (once), start the server, create the databases. Returns self."""
        self._bindir = ensure_installed()
        self._home(create=True)
        if not (self.data_dir / "PG_VERSION").is_file():
            self._run(
                [
                    str(self._bindir / "initdb"),
                    "-D", str(self.data_dir),
                    "-U", SUPERUSER,
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--no-locale",
                    "--no-sync",
                ],
                timeout=timeout,
            )  # fmt: skip
        if not self.is_running():
            options = " ".join(
                [
                    f"-c listen_addresses={HOST}",
                    f"-p {self.port}",
                    f"-c unix_socket_directories='{self.socket_dir}'",
                    # A throwaway cluster: durability buys nothing, speed does.
                    "-c fsync=off",
                    "-c synchronous_commit=off",
                    "-c full_page_writes=off",
                ]
            )
            self._pg_ctl("start", "-w", "-t", str(int(timeout)), "-l", str(self.log_file), "-o", options)
            pid = self.pid()
            if pid is not None:  # a killed test run leaves no cluster behind (SIGINT: fast shutdown)
                reaper.tie_to_owner(pid, signal=signal.SIGINT, remove=self.home if self._owns_home else None)
        for database in self.databases:
            self._create_database(database, timeout)
        return self

    def stop(self, timeout: float = 60.0) -> bool:
        """Stop the server (fast mode); remove the home if this object made it."""
        if self.home is None:
            return False
        was_running = self.is_running()
        if was_running:
            self._pg_ctl("stop", "-m", "fast", "-w", "-t", str(int(timeout)))
        if self._owns_home:
            shutil.rmtree(self.home, ignore_errors=True)
            self.home = None
        return was_running

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"

    def __enter__(self) -> LocalPostgres:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- internals -----------------------------------------------------------------------------

    def _home(self, create: bool = False) -> Path:
        if self.home is None:
            if not create:
                raise PostgresError("this LocalPostgres has no home (not started, or stopped)")
            self.home = Path(tempfile.mkdtemp(prefix="kohtaanto-pg-"))
            self._owns_home = True
        if create:
            self.socket_dir.mkdir(parents=True, exist_ok=True)
            if os.geteuid() == 0:
                account = pwd.getpwnam(SUPERUSER)
                for path in (self.home, self.socket_dir):
                    os.chown(path, account.pw_uid, account.pw_gid)
                os.chmod(self.home, 0o700)
        return self.home

    def _run(
        self, command: list[str], timeout: float = 60.0, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        user = group = None
        extra_groups: list[int] | None = None
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            account = pwd.getpwnam(SUPERUSER)
            user, group, extra_groups = account.pw_uid, account.pw_gid, []
        try:
            done = subprocess.run(
                command,
                cwd=self.home,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
                env={**os.environ, "PGHOST": HOST, "PGPORT": str(self.port), "LC_ALL": "C"},
                user=user,
                group=group,
                extra_groups=extra_groups,
            )
        except subprocess.TimeoutExpired:
            raise PostgresError(f"{command[0]} did not finish in {timeout:.0f} s") from None
        if check and done.returncode != 0:
            output = (done.stdout + done.stderr).strip()[-3000:]
            raise PostgresError(
                f"{' '.join(command)} failed ({done.returncode}):\n{output}\n"
                f"--- {self.log_file}\n{self.log_tail()}"
            )
        return done

    def _pg_ctl(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        bindir = self._bindir or ensure_installed()
        return self._run([str(bindir / "pg_ctl"), "-D", str(self.data_dir), *args], check=check)

    def _create_database(self, database: str, timeout: float) -> None:
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", database):
            raise PostgresError(f"not a plain database name: {database!r}")
        bindir = self._bindir or ensure_installed()
        psql = bindir / "psql" if (bindir / "psql").is_file() else Path(shutil.which("psql") or "psql")
        exists = self._run(
            [
                str(psql), "-X", "-qAt", "-h", HOST, "-p", str(self.port), "-U", SUPERUSER,
                "-d", "postgres", "-c", f"SELECT 1 FROM pg_database WHERE datname = '{database}'",
            ],
            timeout=timeout,
        )  # fmt: skip
        if exists.stdout.strip() != "1":
            createdb = [str(bindir / "createdb"), "-h", HOST, "-p", str(self.port), "-U", SUPERUSER]
            self._run([*createdb, database], timeout=timeout)
