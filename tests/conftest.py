"""Session-wide real infrastructure for the integration and end-to-end tiers.

The test session starts its own Apache Kafka broker (KRaft, from Maven Central jars) and its own
PostgreSQL cluster, each in a temporary directory on free ports, and stops both by pid at the end:
no test depends on anything started by hand, and nothing is left running.

Under pytest-xdist (`make test` runs ``-n $(TEST_WORKERS) --dist loadgroup``) each worker is a process
of its own with its own session fixtures (broker, PostgreSQL cluster, temporary directories, ports
from the kernel): :func:`pytest_xdist_make_scheduler` sends each group of tests (:func:`_group`) whole to
one worker, so that tests sharing a module-, package- or session-wide server run in one process, and
:func:`pytest_collection_modifyitems` orders the groups so that the waiting tiers (faults, broker,
browser) start first and overlap the CPU-bound ones. (xdist's scheduler still hands out the groups with the
most tests first. ``--no-loadscope-reorder``, tried in session 21, put the faults and broker groups on both
workers at once, both waiting, and made the run slower: 24 % of the tests in the first 12 minutes.)
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator

import pytest

from shared.config import REPO_ROOT

# Tests under these paths share one xdist group (one worker), because they share a server started once
# per package or session: the e2e stack (package), the session broker (e2e, browser, test_broker), the
# faults tier's broker and stack (package). Everything else is grouped by module (module fixtures).
SHARED_GROUPS = {
    "tests/faults/": "faults",
    "tests/e2e/": "session-broker",
    "tests/browser/": "session-broker",
    "tests/integration/test_broker.py": "session-broker",
}
# Groups that take longest (they wait on brokers, processes and the browser), started first; the rest
# follow in collection order (the long API and recognition modules early, the many short unit modules
# last, where they even out the workers' finishing times).
FIRST = ("faults", "session-broker", "tests/demo/", "tests/integration/", "tests/api/")


def _group(nodeid: str) -> str:
    path = nodeid.split("::", 1)[0]
    for prefix, group in SHARED_GROUPS.items():
        if path.startswith(prefix):
            return group
    return path


def _rank(group: str) -> int:
    for i, prefix in enumerate(FIRST):
        if group.startswith(prefix):
            return i
    return len(FIRST)


@pytest.hookimpl(optionalhook=True)  # a pytest-xdist hook, in the controller
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """Under ``--dist loadgroup``: xdist's scheduler of whole groups (LoadScopeScheduling), with the
    groups of :func:`_group`. (xdist's own ``xdist_group`` marks do not group under pytest 9: xdist
    renames the node ids through an attribute pytest 9 no longer reads.)"""
    if config.getoption("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class GroupScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return _group(nodeid)

    return GroupScheduling(config, log)  # type: ignore[arg-type]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """In a pytest-xdist worker under ``--dist loadgroup``: the groups ordered by `FIRST` (stable
    otherwise; every worker sorts alike, as xdist requires). A run without xdist keeps the collection order."""
    if not getattr(config.option, "loadgroup", False):  # set by xdist in each worker
        return
    items.sort(key=lambda item: _rank(_group(item.nodeid)))


def pytest_configure(config: pytest.Config) -> None:
    """This process (the controller, or each xdist worker) owns the servers it starts: a watcher
    (deploy/reaper.py) stops them if the process is killed before its fixtures could."""
    from deploy.reaper import OWNER_ENV

    os.environ[OWNER_ENV] = str(os.getpid())


_WORKER_FAULTS_REPORT: list[str] = []


@pytest.hookimpl(optionalhook=True)  # a pytest-xdist hook: the controller hears a worker has finished
def pytest_testnodedown(node, error) -> None:  # type: ignore[no-untyped-def]
    """The fault-injection figures of the worker that ran tests/faults (tests/faults/conftest.py)."""
    _WORKER_FAULTS_REPORT.extend(getattr(node, "workeroutput", {}).get("faults_report", []))


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # type: ignore[no-untyped-def]
    if _WORKER_FAULTS_REPORT:
        terminalreporter.section("fault injection: figures (Jepsen-like)")
        for line in _WORKER_FAULTS_REPORT:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def free_ports() -> Callable[[int], list[int]]:
    """n distinct free ports, below the ephemeral range: a server restarted on its port finds it free."""
    from deploy.ports import free_ports as allocate

    return allocate


@pytest.fixture(scope="session")
def kafka_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from deploy.kafka.broker import LocalBroker, find_free_port

    broker = LocalBroker(
        tmp_path_factory.mktemp("kafka"), find_free_port(2), libs=REPO_ROOT / ".kafka" / "libs"
    )
    broker.start(timeout=300)
    try:
        yield broker
    finally:
        # A throwaway broker in a temporary directory: nothing in it must survive, so a SIGKILL after 10 s
        # instead of waiting up to 60 s for a controlled shutdown (it was charged to the last test of a
        # worker as ~60-160 s of teardown; suite37).
        broker.stop(timeout=10)


@pytest.fixture(scope="session")
def postgres() -> Iterator[object]:
    from deploy.postgres import LocalPostgres

    # KOHTAANTO_TEST_POSTGRES_PORT: a port of your own on a shared machine (a free one otherwise)
    port = os.environ.get("KOHTAANTO_TEST_POSTGRES_PORT")
    cluster = LocalPostgres(port=int(port) if port else None)
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def new_postgres_database(postgres) -> Iterator[Callable[[], str]]:  # type: ignore[no-untyped-def]
    """``new_postgres_database()``: the URL of a fresh, empty database on the session's cluster, made
    for this test and dropped after it (``WITH (FORCE)``: connections the test's apps left open are
    closed). A worker's cluster kept every test's database before (suite38): about 8 MB of files
    and as much write-ahead log per database, gigabytes written during the tier and removed at the
    session's end, which was charged to the worker's last test."""
    import psycopg

    names: list[str] = []

    def make() -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(postgres.dsn("postgres"), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        names.append(name)
        return postgres.url(name)

    yield make
    with psycopg.connect(postgres.dsn("postgres"), autocommit=True) as conn:
        for name in names:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def postgres_url(new_postgres_database) -> str:  # type: ignore[no-untyped-def]
    """A fresh, empty PostgreSQL database for one test (dropped after it: `new_postgres_database`)."""
    return new_postgres_database()
