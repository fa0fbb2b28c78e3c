"""A local single-node Apache Kafka broker (KRaft, combined broker+controller) from Maven jars.

Used by the Makefile and by the pytest fixtures. Standard library only (plus the project's topic
declarations); kafka-python is imported lazily for the readiness check, users, ACLs and topics.

    python -m deploy.kafka.broker fetch|start|stop|status|create-topics|wait [--home DIR] [--port N]

The home directory (default `.kafka/` in the repository root) holds `libs/` (the jars, fetched once
per pom.xml by Maven), `data/`, `logs/`, `server.properties`, `cluster.id`, `credentials.json`,
`broker.pid` and `broker.port`. The broker listens on 127.0.0.1:PORT, its controller on
127.0.0.1:PORT+1.

Security is the production shape, on loopback: every listener is SASL_PLAINTEXT and an authorizer
denies whatever no ACL allows. The broker itself and operators authenticate as ``admin`` (SASL PLAIN,
the only super user); each service authenticates as its own SCRAM-SHA-512 user and its ACLs let it
write only the topics it owns and read the ones it consumes (``shared.messaging.topics``). The
passwords are generated once per home into `credentials.json` (mode 0600). `data/` (the topics' events) and
`logs/` are the owner's only: 0700 directories and 0600 files, the broker running with umask 077.

    with LocalBroker(tmp_path / "kafka", find_free_port(), libs=DEFAULT_HOME / "libs") as broker:
        settings = broker.client_settings("vacancy")  # KafkaSettings with the service's credentials
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import fcntl
import hashlib
import json
import logging
import os
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType

from deploy import reaper
from deploy.ports import free_port_block
from shared.config import KafkaSettings
from shared.messaging.topics import SERVICES, TOPICS, AclRule, TopicSpec, acl_rules

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_HOME = REPO_ROOT / ".kafka"
DEFAULT_PORT = 19092
POM = Path(__file__).with_name("pom.xml")
LOG4J2_CONFIG = Path(__file__).with_name("log4j2.properties")
HOST = "127.0.0.1"
JVM_HEAP = ("-Xms256m", "-Xmx512m")
_FETCH_MARKER = ".fetched"
ADMIN = "admin"  # the broker's own principal and the operators': the one super user
ADMIN_MECHANISM = "PLAIN"  # static on the broker, so it works before any SCRAM user exists
SERVICE_MECHANISM = "SCRAM-SHA-512"
Credentials = tuple[str, str, str]  # (mechanism, user, password)


#: The broker's and its storage tool's umask: the files they create (log segments holding the topics' events,
#: checkpoints, metadata) are 0600 and their directories 0700 (outside tester 34, F12: `.kafka/data` was
#: 0644 files in 0755 directories on a shared host, the pseudonymous profiles readable by every local user).
BROKER_UMASK = 0o077


class BrokerError(Exception):
    """The local broker could not be fetched, started, reached or stopped."""


def owner_only(folder: Path) -> None:
    """Create ``folder`` (mode 0700) or narrow it, and every directory and file under it that another user
    may read, to its owner (0700 directories, 0600 files): a home started before ``BROKER_UMASK`` was
    created 0755/0644. Symbolic links are left alone."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    for path in (folder, *folder.rglob("*")):
        try:
            mode = path.lstat().st_mode
        except FileNotFoundError:
            continue
        if stat.S_ISLNK(mode) or not mode & 0o077:
            continue
        path.chmod(0o700 if stat.S_ISDIR(mode) else stat.S_IMODE(mode) & 0o700)


def _say(message: str) -> None:
    print(f"kafka: {message}", file=sys.stderr, flush=True)


def kafka_version(pom: Path = POM) -> str:
    """The Kafka version pinned in pom.xml."""
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    node = ET.parse(pom).getroot().find("m:properties/m:kafka.version", ns)
    if node is None or not (node.text or "").strip():
        raise BrokerError(f"no <kafka.version> property in {pom}")
    return (node.text or "").strip()


@contextlib.contextmanager
def _locked(lock_file: Path, timeout: float) -> Iterator[None]:
    """Hold an exclusive flock on `lock_file` (so `make` and pytest do not start two brokers)."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file, "a+") as handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    raise BrokerError(f"another process holds {lock_file}") from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _pom_digest(pom: Path) -> str:
    return hashlib.sha256(pom.read_bytes()).hexdigest()


def is_fetched(libs: Path, pom: Path = POM) -> bool:
    marker = libs / _FETCH_MARKER
    return marker.is_file() and marker.read_text().strip() == _pom_digest(pom)


def fetch(libs: Path, pom: Path = POM, timeout: float = 900.0) -> bool:
    """Copy the broker's runtime jars into `libs` with Maven, once per pom.xml content.

    Returns True if Maven ran, False if the jars were already there. The jars are copied into a
    scratch folder and swapped in whole, so a half-finished fetch never looks finished.
    """
    if is_fetched(libs, pom):
        return False
    libs.parent.mkdir(parents=True, exist_ok=True)
    with _locked(libs.parent / f".{libs.name}.lock", timeout):
        if is_fetched(libs, pom):
            return False
        mvn = shutil.which("mvn")
        if mvn is None:
            raise BrokerError("mvn is not on PATH (Debian: apt-get install -y maven)")
        scratch = libs.parent / f".{libs.name}.tmp-{os.getpid()}"
        shutil.rmtree(scratch, ignore_errors=True)
        command = [
            mvn, "-q", "-B", "-f", str(pom), "dependency:copy-dependencies",
            "-DincludeScope=runtime", f"-DoutputDirectory={scratch}",
        ]  # fmt: skip
        _say(f"fetching Kafka {kafka_version(pom)} jars from Maven Central into {libs}")
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            shutil.rmtree(scratch, ignore_errors=True)
            raise BrokerError(f"mvn did not finish in {timeout:.0f} s") from None
        if done.returncode != 0 or not any(scratch.glob("kafka_2.13-*.jar")):
            shutil.rmtree(scratch, ignore_errors=True)
            output = (done.stdout + done.stderr).strip()[-3000:]
            raise BrokerError(f"{' '.join(command)} failed ({done.returncode}):\n{output}")
        (scratch / _FETCH_MARKER).write_text(_pom_digest(pom) + "\n")
        old = libs.parent / f".{libs.name}.old-{os.getpid()}"
        if libs.exists():
            libs.rename(old)
        scratch.rename(libs)
        shutil.rmtree(old, ignore_errors=True)
        return True


def _port_open(port: int, host: str = HOST, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def find_free_port(count: int = 2, host: str = HOST) -> int:
    """A port P such that P .. P+count-1 are all free now (the broker needs P and P+1), below the
    kernel's ephemeral range so that a broker stopped and restarted on them finds them free
    (`deploy.ports.free_port_block`). Raises `BrokerError` when none is found."""
    try:
        return free_port_block(count, host)
    except OSError as exc:
        raise BrokerError(f"found no {count} consecutive free ports on {host}") from exc


def pid_alive(pid: int) -> bool:
    with contextlib.suppress(ChildProcessError, OSError):
        os.waitpid(pid, os.WNOHANG)  # reap it if it is our own exited child
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rpartition(")")[2].split()[0] != "Z"


def sasl_options(credentials: Credentials | None) -> dict[str, str]:
    """kafka-python options for a client authenticating with ``credentials`` (None: no SASL)."""
    if credentials is None:
        return {}
    mechanism, user, password = credentials
    return {
        "security_protocol": "SASL_PLAINTEXT",
        "sasl_mechanism": mechanism,
        "sasl_plain_username": user,
        "sasl_plain_password": password,
    }


def admin_client(
    bootstrap: str, timeout: float, credentials: Credentials | None = None
):  # -> KafkaAdminClient
    from kafka.admin import KafkaAdminClient

    timeout_ms = max(1000, int(timeout * 1000))
    return KafkaAdminClient(
        bootstrap_servers=bootstrap,
        client_id="kohtaanto-local-broker",
        request_timeout_ms=timeout_ms,
        bootstrap_timeout_ms=timeout_ms,
        **sasl_options(credentials),
    )


def answers(bootstrap: str, timeout: float = 5.0, credentials: Credentials | None = None) -> bool:
    """True if a kafka-python admin client can list the topics of the broker at `bootstrap`."""
    host, _, port = bootstrap.rpartition(":")
    if not _port_open(int(port), host or HOST):
        return False
    try:
        admin = admin_client(bootstrap, timeout, credentials)
    except Exception:  # NoBrokersAvailable, timeouts: not ready yet
        return False
    try:
        admin.list_topics()
        return True
    except Exception:
        return False
    finally:
        admin.close()


def ensure_topics(
    bootstrap: str,
    topics: Iterable[TopicSpec] = TOPICS,
    replication_factor: int = 1,
    timeout: float = 30.0,
    credentials: Credentials | None = None,
) -> list[str]:
    """Create those of `topics` that do not exist yet; return the names created.

    Idempotent: topics that already exist are left as they are (their configs are not altered).
    """
    wanted = list(topics)
    try:
        admin = admin_client(bootstrap, timeout, credentials)
    except Exception as exc:
        raise BrokerError(f"cannot reach a broker at {bootstrap}: {exc!r}") from None
    try:
        existing = set(admin.list_topics())
        missing = [topic for topic in wanted if topic.name not in existing]
        if not missing:
            return []
        result = admin.create_topics(
            {
                topic.name: {
                    "num_partitions": topic.partitions,
                    "replication_factor": replication_factor,
                    "configs": dict(topic.config),
                }
                for topic in missing
            },
            timeout_ms=int(timeout * 1000),
            raise_errors=False,
        )
        created, failed = [], []
        for entry in result["topics"]:
            code = entry.get("error_code", 0)
            if code == 0:
                created.append(entry["name"])
            elif code != 36:  # TOPIC_ALREADY_EXISTS: created concurrently by someone else
                failed.append(f"{entry['name']}: {entry.get('error_message') or code}")
        if failed:
            raise BrokerError("could not create topics: " + "; ".join(failed))
        admin.wait_for_topics([topic.name for topic in missing], timeout_ms=int(timeout * 1000))
        return created
    finally:
        admin.close()


def ensure_security(
    bootstrap: str,
    admin: Credentials,
    passwords: dict[str, str],
    rules: Iterable[AclRule] | None = None,
    timeout: float = 30.0,
) -> None:
    """Create or update each service's SCRAM user (``passwords``: user → password) and the ACLs
    (default: ``acl_rules()``). Idempotent: an existing ACL is not duplicated."""
    from kafka.admin import (
        ACL,
        ACLOperation,
        ACLPermissionType,
        ACLResourcePatternType,
        ResourcePattern,
        ResourceType,
        UserScramCredentialUpsertion,
    )

    client = admin_client(bootstrap, timeout, admin)
    try:
        result = client.alter_user_scram_credentials(
            [UserScramCredentialUpsertion(user, SERVICE_MECHANISM, pw) for user, pw in passwords.items()]
        )
        failed = {user: error for user, error in result.items() if error}
        if failed:
            raise BrokerError(f"could not set SCRAM credentials: {failed}")
        acls = [
            ACL(
                principal=rule.principal,
                host="*",
                operation=ACLOperation[rule.operation],
                permission_type=ACLPermissionType.ALLOW,
                resource_pattern=ResourcePattern(
                    ResourceType[rule.resource], rule.name, ACLResourcePatternType[rule.pattern]
                ),
            )
            for rule in (acl_rules() if rules is None else rules)
        ]
        created = client.create_acls(acls)
        if created["failed"]:
            raise BrokerError(f"could not create ACLs: {created['failed']}")
    finally:
        client.close()


def load_credentials(path: Path, users: Iterable[str] = (ADMIN, *SERVICES)) -> dict[str, str]:
    """user → password from ``path``, generating (and saving, mode 0600) those missing."""
    try:
        known: dict[str, str] = json.loads(path.read_text())
    except (OSError, ValueError):
        known = {}
    missing = [user for user in users if not known.get(user)]
    if missing:
        known.update({user: secrets.token_urlsafe(24) for user in missing})
        path.parent.mkdir(parents=True, exist_ok=True)
        scratch = path.with_suffix(".tmp")
        scratch.write_text(json.dumps(known, indent=2) + "\n")
        scratch.chmod(0o600)
        scratch.replace(path)
    return known


class LocalBroker:
    """One local Kafka broker whose state lives in `home`.

    `libs` defaults to `home/libs`; tests pass the repository's `.kafka/libs` to share the jar
    cache while keeping their data in a throwaway home.
    """

    def __init__(
        self,
        home: Path = DEFAULT_HOME,
        port: int = DEFAULT_PORT,
        *,
        libs: Path | None = None,
        pom: Path = POM,
    ) -> None:
        self.home = Path(home).resolve()
        self.port = port
        self.libs = Path(libs).resolve() if libs is not None else self.home / "libs"
        self.pom = pom
        self.data_dir = self.home / "data"
        self.logs_dir = self.home / "logs"
        self.properties_file = self.home / "server.properties"
        self.pid_file = self.home / "broker.pid"
        self.port_file = self.home / "broker.port"
        self.cluster_id_file = self.home / "cluster.id"
        self.lock_file = self.home / "broker.lock"
        self.credentials_file = self.home / "credentials.json"
        self._process: subprocess.Popen[bytes] | None = None  # kept so it is reaped, not leaked

    def __repr__(self) -> str:
        return f"LocalBroker(home={str(self.home)!r}, port={self.port})"

    @property
    def controller_port(self) -> int:
        return self.port + 1

    @property
    def bootstrap_servers(self) -> str:
        return f"{HOST}:{self.port}"

    @property
    def passwords(self) -> dict[str, str]:
        """user → password of the admin and of every service (generated once per home)."""
        return load_credentials(self.credentials_file)

    @property
    def admin_credentials(self) -> Credentials:
        return (ADMIN_MECHANISM, ADMIN, self.passwords[ADMIN])

    def client_settings(self, user: str = ADMIN, client_id: str | None = None) -> KafkaSettings:
        """``KafkaSettings`` to reach this broker as ``user`` (a service, or ``admin``)."""
        return KafkaSettings(
            bootstrap_servers=self.bootstrap_servers,
            client_id=client_id or f"kohtaanto-{user}",
            security_protocol="SASL_PLAINTEXT",
            sasl_mechanism=ADMIN_MECHANISM if user == ADMIN else SERVICE_MECHANISM,
            username=user,
            password=self.passwords[user],
        )

    def service_env(self, service: str) -> dict[str, str]:
        """The environment a service process needs to reach this broker as itself."""
        return {
            "KAFKA_BOOTSTRAP_SERVERS": self.bootstrap_servers,
            "KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT",
            "KAFKA_SASL_MECHANISM": SERVICE_MECHANISM,
            "KAFKA_USERNAME": service,
            "KAFKA_PASSWORD": self.passwords[service],
        }

    # -- state ---------------------------------------------------------------------------------

    def pid(self) -> int | None:
        """The pid of this home's broker if that process is alive, else None."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None
        if not pid_alive(pid):
            return None
        try:  # guard against a recycled pid: the process must run this home's properties
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            return pid
        if b"kafka.Kafka" in cmdline and str(self.properties_file).encode() in cmdline:
            return pid
        return None

    def running_port(self) -> int | None:
        """The port this home's broker was last started on (``broker.port``), None if never."""
        try:
            return int(self.port_file.read_text().strip())
        except (OSError, ValueError):
            return None

    def is_running(self) -> bool:
        return self.pid() is not None

    def is_ready(self, timeout: float = 5.0) -> bool:
        return self.is_running() and answers(self.bootstrap_servers, timeout, self.admin_credentials)

    def log_tail(self, lines: int = 40) -> str:
        """The last lines of the broker's server.log (or of its stdout if that is empty)."""
        chunks = []
        for name in ("kafka.out", "server.log"):
            path = self.logs_dir / name
            if path.is_file() and path.stat().st_size:
                text = path.read_text(errors="replace").splitlines()[-lines:]
                chunks.append(f"--- {path} (last {len(text)} lines)\n" + "\n".join(text))
        return "\n".join(chunks) or f"(no logs in {self.logs_dir})"

    # -- lifecycle -----------------------------------------------------------------------------

    def fetch(self) -> bool:
        self._make_home()
        return fetch(self.libs, self.pom)

    def start(self, timeout: float = 120.0, topics: Iterable[TopicSpec] | None = TOPICS) -> int:
        """Start the broker unless it already runs, wait until it answers, create `topics`.

        Returns the broker's pid. Safe to call from several processes at once.
        """
        self.fetch()  # not counted in `timeout`: a cold fetch takes as long as Maven Central does
        deadline = time.monotonic() + timeout
        with _locked(self.lock_file, timeout):
            pid = self.pid()
            if pid is not None:
                running_on = self.running_port()
                if running_on not in (None, self.port):
                    raise BrokerError(
                        f"the broker of {self.home} already runs (pid {pid}) on port {running_on}, "
                        f"not {self.port}: stop it first (make broker-stop)"
                    )
                self._wait_ready(pid, deadline, quiet=True)
                _say(f"broker already running (pid {pid}) at {self.bootstrap_servers}")
            else:
                pid = self._launch()
                self._wait_ready(pid, deadline)
        remaining = max(10.0, deadline - time.monotonic())
        passwords = self.passwords
        ensure_security(
            self.bootstrap_servers,
            self.admin_credentials,
            {user: passwords[user] for user in SERVICES},
            timeout=remaining,
        )
        if topics is not None:
            created = ensure_topics(
                self.bootstrap_servers, topics, timeout=remaining, credentials=self.admin_credentials
            )
            if created:
                _say(f"created topics: {', '.join(created)}")
        return pid

    def wait(self, timeout: float = 120.0) -> int:
        """Wait until the running broker answers; returns its pid."""
        deadline = time.monotonic() + timeout
        pid = self.pid()
        while pid is None and time.monotonic() < deadline:
            time.sleep(0.5)
            pid = self.pid()
        if pid is None:
            raise BrokerError(f"no broker is running from {self.home}")
        self._wait_ready(pid, deadline, quiet=True)
        return pid

    def stop(self, timeout: float = 60.0) -> bool:
        """SIGTERM the broker (by its pid), SIGKILL it after `timeout`. False if none ran."""
        with _locked(self.lock_file, timeout + 30.0):
            pid = self.pid()
            if pid is None:
                self.pid_file.unlink(missing_ok=True)
                return False
            _say(f"stopping broker (pid {pid})")
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
            deadline = time.monotonic() + timeout
            while pid_alive(pid) and time.monotonic() < deadline:
                time.sleep(0.2)
            if pid_alive(pid):
                _say(f"broker did not stop in {timeout:.0f} s, sending SIGKILL")
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
                kill_deadline = time.monotonic() + 10.0
                while pid_alive(pid) and time.monotonic() < kill_deadline:
                    time.sleep(0.1)
            if self._process is not None and self._process.pid == pid:
                self._process.wait(timeout=10)
                self._process = None
            self.pid_file.unlink(missing_ok=True)
            _say("broker stopped")
            return True

    def __enter__(self) -> LocalBroker:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- internals -----------------------------------------------------------------------------

    def _make_home(self) -> None:
        """Create the home (mode 0700); a home this creates ignores itself in git (`*` in its .gitignore)."""
        if self.home.exists():
            return
        self.home.mkdir(mode=0o700, parents=True, exist_ok=True)
        (self.home / ".gitignore").write_text("# local Kafka broker state (deploy/kafka)\n*\n")

    def _java(self) -> str:
        java_home = os.environ.get("JAVA_HOME")
        candidate = Path(java_home, "bin", "java") if java_home else None
        if candidate is not None and candidate.is_file():
            return str(candidate)
        found = shutil.which("java")
        if found is None:
            raise BrokerError("java is not on PATH (Kafka 4.x needs Java 17+)")
        return found

    def _server_properties(self) -> str:
        admin_password = self.passwords[ADMIN]
        plain = (
            "org.apache.kafka.common.security.plain.PlainLoginModule required "
            f'username="{ADMIN}" password="{admin_password}" user_{ADMIN}="{admin_password}";'
        )
        return "\n".join(
            [
                "# Written by deploy/kafka/broker.py on every start; edits are overwritten.",
                "process.roles=broker,controller",
                "node.id=1",
                # A static voter set (not controller.quorum.bootstrap.servers + --standalone):
                # the controller's address then lives only here, so a home formatted once can be
                # restarted on another --port.
                f"controller.quorum.voters=1@{HOST}:{self.controller_port}",
                f"listeners=BROKER://{HOST}:{self.port},CONTROLLER://{HOST}:{self.controller_port}",
                f"advertised.listeners=BROKER://{HOST}:{self.port}",
                "inter.broker.listener.name=BROKER",
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,BROKER:SASL_PLAINTEXT",
                # Clients: services with SCRAM users (created after start), the admin with PLAIN.
                "listener.name.broker.sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-512",
                "sasl.mechanism.inter.broker.protocol=PLAIN",
                f"listener.name.broker.plain.sasl.jaas.config={plain}",
                "listener.name.broker.scram-sha-512.sasl.jaas.config="
                "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                # The controller listener takes the admin only (PLAIN: no metadata needed).
                "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
                "sasl.mechanism.controller.protocol=PLAIN",
                f"listener.name.controller.plain.sasl.jaas.config={plain}",
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                f"super.users=User:{ADMIN}",
                "allow.everyone.if.no.acl.found=false",
                f"log.dirs={self.data_dir}",
                "num.partitions=1",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                # One node and a handful of groups: 50 offsets partitions only slow the first join.
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "",
            ]
        )

    def _storage_tool(self, *args: str) -> str:
        command = [
            self._java(),
            f"-Dkafka.logs.dir={self.logs_dir}",
            f"-Dlog4j2.configurationFile={LOG4J2_CONFIG}",
            "-cp",
            f"{self.libs}/*",
            "kafka.tools.StorageTool",
            *args,
        ]
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=120, check=False, umask=BROKER_UMASK
        )
        if done.returncode != 0:
            raise BrokerError(
                f"StorageTool {args[0]} failed ({done.returncode}):\n"
                + (done.stdout + done.stderr).strip()[-3000:]
            )
        return done.stdout

    def _format_storage(self) -> None:
        if (self.data_dir / "meta.properties").is_file():
            return
        if self.cluster_id_file.is_file():
            cluster_id = self.cluster_id_file.read_text().strip()
        else:
            cluster_id = self._storage_tool("random-uuid").strip().splitlines()[-1].strip()
            self.cluster_id_file.write_text(cluster_id + "\n")
        _say(f"formatting {self.data_dir} (cluster id {cluster_id})")
        self._storage_tool("format", "-t", cluster_id, "-c", str(self.properties_file), "--ignore-formatted")

    def _launch(self) -> int:
        for port in (self.port, self.controller_port):
            if _port_open(port):
                raise BrokerError(
                    f"port {HOST}:{port} is already in use by another process; pick another with --port"
                )
        self._make_home()
        for folder in (self.data_dir, self.logs_dir):
            owner_only(folder)
        self.properties_file.touch(mode=0o600)  # it holds the admin password
        self.properties_file.chmod(0o600)
        self.properties_file.write_text(self._server_properties())
        self._format_storage()
        command = [
            self._java(),
            *JVM_HEAP,
            "-XX:+UseG1GC",
            "-XX:MaxGCPauseMillis=20",
            "-XX:+ExitOnOutOfMemoryError",
            "-Djava.awt.headless=true",
            f"-Dkafka.logs.dir={self.logs_dir}",
            f"-Dlog4j2.configurationFile={LOG4J2_CONFIG}",
            "-cp",
            f"{self.libs}/*",
            "kafka.Kafka",
            str(self.properties_file),
        ]
        out_file = os.open(self.logs_dir / "kafka.out", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(out_file, "ab") as out:
            process = subprocess.Popen(
                command,
                cwd=self.home,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                umask=BROKER_UMASK,  # its log segments and checkpoints: 0600 in 0700 directories
            )
        self._process = process
        reaper.tie_to_owner(
            process.pid, grace_s=60.0, group=True
        )  # a killed test run leaves no broker behind
        self.pid_file.write_text(f"{process.pid}\n")
        self.port_file.write_text(f"{self.port}\n")
        _say(f"started broker (pid {process.pid}) on {self.bootstrap_servers}")
        _say(f"its logs are in {self.logs_dir}")
        return process.pid

    def _wait_ready(self, pid: int, deadline: float, quiet: bool = False) -> None:
        started = time.monotonic()
        while True:
            if not pid_alive(pid):
                raise BrokerError(f"broker (pid {pid}) exited during start-up\n{self.log_tail()}")
            left = deadline - time.monotonic()
            if answers(self.bootstrap_servers, max(1.0, min(5.0, left)), self.admin_credentials):
                waited = time.monotonic() - started
                if not quiet:
                    _say(f"broker ready at {self.bootstrap_servers} (waited {waited:.1f} s)")
                return
            if time.monotonic() >= deadline:
                raise BrokerError(
                    f"broker (pid {pid}) did not answer at {self.bootstrap_servers} in time\n"
                    f"{self.log_tail()}"
                )
            time.sleep(0.5)


def _broker_from_args(args: argparse.Namespace) -> LocalBroker:
    """The broker of ``--home`` on ``--port``, else on the port it was last started on (the demo's
    ``BROKER_PORT``, so ``make broker`` restarts the demo's broker where its services look), else
    ``DEFAULT_PORT``."""
    home = Path(args.home)
    libs = Path(args.libs) if args.libs else None
    if args.port is not None:
        return LocalBroker(home, args.port, libs=libs)
    remembered = LocalBroker(home, DEFAULT_PORT, libs=libs).running_port()
    return LocalBroker(home, remembered or DEFAULT_PORT, libs=libs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m deploy.kafka.broker",
        description="Fetch, start and stop the local single-node Apache Kafka broker.",
    )
    parser.add_argument("command", choices=["fetch", "start", "stop", "status", "create-topics", "wait"])
    parser.add_argument("--home", default=str(DEFAULT_HOME), help="state folder (%(default)s)")
    parser.add_argument(
        "--port",
        type=int,
        default=None,
        help=f"broker port, controller on PORT+1 (default: the home's last, else {DEFAULT_PORT})",
    )
    parser.add_argument("--libs", default=None, help="jar folder (default: HOME/libs)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds (%(default)s)")
    args = parser.parse_args(argv)
    logging.getLogger("kafka").setLevel(logging.CRITICAL)  # retries while waiting are expected
    broker = _broker_from_args(args)
    try:
        if args.command == "fetch":
            started = time.monotonic()
            if broker.fetch():
                _say(f"fetched Kafka {kafka_version()} in {time.monotonic() - started:.1f} s")
            else:
                _say(f"Kafka {kafka_version()} jars already in {broker.libs}")
        elif args.command == "start":
            broker.start(timeout=args.timeout)
        elif args.command == "stop":
            if not broker.stop():
                _say(f"no broker running from {broker.home}")
        elif args.command == "status":
            pid = broker.pid()
            if pid is None:
                _say(f"not running (home {broker.home})")
                return 1
            ready = answers(broker.bootstrap_servers, credentials=broker.admin_credentials)
            _say(
                f"running (pid {pid}) at {broker.bootstrap_servers}, "
                + ("ready" if ready else "NOT answering")
            )
            return 0 if ready else 1
        elif args.command == "create-topics":
            created = ensure_topics(
                broker.bootstrap_servers, timeout=args.timeout, credentials=broker.admin_credentials
            )
            _say(f"created topics: {', '.join(created)}" if created else "all topics exist")
        elif args.command == "wait":
            pid = broker.wait(timeout=args.timeout)
            _say(f"broker (pid {pid}) ready at {broker.bootstrap_servers}")
    except BrokerError as exc:
        _say(f"error: {exc}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
