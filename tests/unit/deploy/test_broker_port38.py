"""`make broker` starts the demo's broker where the demo's services look for it: on `BROKER_PORT`
when given, else on the port it last ran on (outside tester 38, M6: `make broker BROKER_PORT=29941`
ran `deploy.kafka.broker start` without the port, so a second demo's broker could not be restarted
with the README's commands)."""

from __future__ import annotations

import argparse
import os
import subprocess

import pytest

from deploy.kafka import broker as module
from deploy.kafka.broker import DEFAULT_PORT, BrokerError, LocalBroker
from shared.config import REPO_ROOT


def make_dry_run(*args: str) -> str:
    """What ``make -n`` would run (nothing is run)."""
    return subprocess.run(
        ["make", "-n", *args], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    ).stdout


def test_make_broker_passes_broker_port_and_make_broker_stop_stops_by_pid_whatever_the_port():
    start = [
        line for line in make_dry_run("broker", "BROKER_PORT=29985").splitlines() if "broker start" in line
    ]
    assert start and start[-1].split()[-2:] == ["--port", "29985"]
    stop = [
        line
        for line in make_dry_run("broker-stop", "BROKER_PORT=29985").splitlines()
        if "broker stop" in line
    ]
    assert stop  # the home's broker.pid: the demo's broker on whatever port it runs


def _from_args(home, port=None) -> LocalBroker:
    return module._broker_from_args(argparse.Namespace(home=str(home), port=port, libs=None))


def test_without_a_port_the_broker_is_the_one_on_the_port_it_last_ran_on(tmp_path):
    assert _from_args(tmp_path).port == DEFAULT_PORT  # never started
    (tmp_path / "broker.port").write_text("29985\n")  # the demo's BROKER_PORT, written at its start
    assert _from_args(tmp_path).port == 29985
    assert _from_args(tmp_path, port=29987).port == 29987  # BROKER_PORT given: that one


def test_starting_on_another_port_while_the_broker_runs_says_so_instead_of_waiting(tmp_path, monkeypatch):
    (tmp_path / "broker.port").write_text("29985\n")
    monkeypatch.setattr(LocalBroker, "fetch", lambda self: False)
    monkeypatch.setattr(LocalBroker, "pid", lambda self: os.getpid())  # "running"
    with pytest.raises(BrokerError, match=r"29985.*not 29987.*make broker-stop"):
        LocalBroker(tmp_path, 29987).start(timeout=5)
