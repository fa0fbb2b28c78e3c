"""The alert rules in deploy/prometheus/ are valid and fire when, and only when, they should
(promtool from Debian's prometheus package, fetched by `make test-tools`)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from shared.config import REPO_ROOT

RULES = REPO_ROOT / "deploy" / "prometheus"


@pytest.fixture(scope="module")
def promtool() -> str:
    local = REPO_ROOT / ".cache" / "tools" / "promtool"
    found = str(local) if local.exists() else shutil.which("promtool")
    if found is None:
        pytest.fail("no promtool: run `make test-tools` (deploy/ensure-test-tools.sh fetches it)")
    return found


def run(promtool: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [promtool, *args], cwd=RULES, capture_output=True, text=True, timeout=120, check=False
    )


def test_the_alert_rules_are_valid(promtool: str) -> None:
    done = run(promtool, "check", "rules", "alerts.yml")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_alerts_fire_as_their_unit_tests_expect(promtool: str) -> None:
    done = run(promtool, "test", "rules", "alerts_test.yml")
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_alert_has_a_unit_test_where_it_fires() -> None:
    alerts = set(re.findall(r"^\s*- alert: (\w+)$", (RULES / "alerts.yml").read_text(), re.M))
    cases = (RULES / "alerts_test.yml").read_text()
    firing = set(re.findall(r"alertname: (\w+)\n\s*exp_alerts:\n", cases))
    assert alerts and alerts == firing, "each alert needs a case where it fires"
