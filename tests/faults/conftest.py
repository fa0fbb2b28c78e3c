"""The fault-injection tier: its own broker and services (it stops the broker and kills processes),
bounded sizes under ``make test``, larger ones under ``make bench-faults``
(``KOHTAANTO_FAULTS_SCALE=large``). Each scenario adds its figures to one report, printed at the end
of the session (and written to ``KOHTAANTO_FAULTS_REPORT`` when set)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from deploy.kafka.broker import LocalBroker, find_free_port
from deploy.stack import Stack
from shared.config import REPO_ROOT
from tests.faults.harness import Report
from tests.helpers import JWT_SECRET, MATCHING_KEY, PSEUDONYM_KEY, TEST_ORGANISATIONS

_REPORT = Report()


@dataclass(frozen=True)
class Scale:
    """How much each scenario writes (``KOHTAANTO_FAULTS_SCALE``: ``bounded``, the default, or
    ``large``)."""

    name: str
    outage_writes: int  # profile writes while the broker is down (and around it)
    outage_seconds: float  # how long the broker stays down
    relay_chain: int  # candidates hired through outcomes while both relays are killed 3 times
    stream_updates: int  # profile updates streaming while the matching consumer is killed
    poison: int  # poison records among `valid` valid ones
    valid: int


SCALES = {
    "bounded": Scale("bounded", 300, 45.0, 90, 300, 30, 300),
    "large": Scale("large", 2000, 60.0, 1000, 3000, 30, 300),
}


@pytest.fixture(scope="session")
def scale() -> Scale:
    name = os.environ.get("KOHTAANTO_FAULTS_SCALE", "bounded")
    return SCALES[name]


@pytest.fixture(scope="session")
def report() -> Report:
    return _REPORT


@pytest.fixture(scope="package")  # stopped when the faults tier ends, not at the end of the session
def faults_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalBroker]:
    broker = LocalBroker(
        tmp_path_factory.mktemp("faults-kafka"), find_free_port(2), libs=REPO_ROOT / ".kafka" / "libs"
    )
    broker.start(timeout=240)
    try:
        yield broker
    finally:
        broker.stop()


@pytest.fixture(scope="package")
def faults_stack(faults_broker, tmp_path_factory, free_ports) -> Iterator[Stack]:  # type: ignore[no-untyped-def]
    ports = dict(zip(("vacancy", "profile", "matching"), free_ports(3), strict=True))
    stack = Stack.on_broker(
        faults_broker,
        tmp_path_factory.mktemp("faults-stack"),
        ports=ports,
        env={
            "KOHTAANTO_JWT_SECRET": JWT_SECRET,
            "KOHTAANTO_PSEUDONYM_KEY": PSEUDONYM_KEY.decode(),
            "KOHTAANTO_MATCHING_KEY": MATCHING_KEY.decode(),
            "KOHTAANTO_ORGANISATIONS_FILE": str(TEST_ORGANISATIONS),
            # The scenarios write through the API as one caller per role, as fast as they can.
            "KOHTAANTO_RATE_LIMIT_WRITE": "100000 per minute",
        },
    )
    try:
        stack.start(timeout=300)
        yield stack
    finally:
        stack.stop()


def pytest_sessionfinish(session: pytest.Session) -> None:
    """In a pytest-xdist worker: hand the figures to the controller, which prints them
    (tests/conftest.py); a worker prints no summary of its own."""
    output = getattr(session.config, "workeroutput", None)
    if output is not None and _REPORT.rows:
        output["faults_report"] = _REPORT.lines()


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # type: ignore[no-untyped-def]
    if _REPORT.rows:
        terminalreporter.section("fault injection: figures (Jepsen-like)")
        for line in _REPORT.lines():
            terminalreporter.write_line(line)
