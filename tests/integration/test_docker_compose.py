"""docker-compose.yml is valid and agrees with deploy/kafka (topics, Kafka version).

No Docker engine is needed: `docker-compose config` only parses and interpolates the file. The
Compose CLI is Debian's `docker-compose` package (installed by `make test`) or the `docker compose`
plugin.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from deploy.kafka.broker import kafka_version
from deploy.kafka.topics import TOPICS, kafka_topics_create_args

REPO_ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = REPO_ROOT / "docker-compose.yml"
SERVICES = {
    "kafka", "kafka-init", "postgres",
    "vacancy", "vacancy-worker", "profile", "profile-worker", "matching", "matching-worker",
}  # fmt: skip


@pytest.fixture(scope="module")
def compose() -> list[str]:
    """The Compose CLI as an argument list (``make test`` installs Debian's docker-compose)."""
    executable = shutil.which("docker-compose")
    if executable is None:
        docker = shutil.which("docker")
        plugin = docker and subprocess.run([docker, "compose", "version"], capture_output=True, check=False)
        if plugin and plugin.returncode == 0:
            return [docker, "compose", "-f", str(COMPOSE_FILE)]  # type: ignore[list-item]
        pytest.fail("no Compose CLI: run `make test` (deploy/ensure-test-tools.sh installs docker-compose)")
    return [executable, "-f", str(COMPOSE_FILE)]


SECRETS = {
    "KOHTAANTO_JWT_SECRET": "compose-test-jwt-secret-0123456789abcdef",
    "KOHTAANTO_PSEUDONYM_KEY": "compose-test-pseudonym-key-0123456789abcdef",
    "KOHTAANTO_DB_PASSWORD": "compose-test-db-password",
}


def run(
    compose: list[str], *args: str, secrets: dict[str, str] = SECRETS
) -> subprocess.CompletedProcess[str]:
    """The Compose CLI with only ``secrets`` of the KOHTAANTO_ variables set (and no .env file)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KOHTAANTO_")}
    return subprocess.run(
        [*compose, *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**env, **secrets},
    )


def test_compose_file_is_valid(compose: list[str]) -> None:
    done = run(compose, "config", "-q")
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("missing", sorted(SECRETS))
def test_compose_refuses_to_start_without_each_secret(compose: list[str], missing: str) -> None:
    """No publicly known default secret (issue 8, item 11): a missing one stops Compose, named."""
    done = run(compose, "config", "-q", secrets={k: v for k, v in SECRETS.items() if k != missing})
    assert done.returncode != 0
    assert missing in done.stderr


def test_compose_file_has_no_default_for_any_secret() -> None:
    text = COMPOSE_FILE.read_text()
    for name in SECRETS:
        assert f"${{{name}:-" not in text and f"${{{name}}}" not in text


def test_compose_file_defines_the_broker_database_services_and_workers(
    compose: list[str],
) -> None:
    done = run(compose, "config", "--services")
    assert done.returncode == 0, done.stderr
    assert set(done.stdout.split()) == SERVICES


def test_kafka_init_creates_every_topic_as_topics_py_defines_it() -> None:
    lines = [line.strip() for line in COMPOSE_FILE.read_text().splitlines()]
    for topic in TOPICS:
        expected = " ".join(
            [
                "/opt/kafka/bin/kafka-topics.sh",
                "--bootstrap-server",
                "kafka:9092",
                *kafka_topics_create_args(topic),
            ]
        )
        assert expected in lines, f"kafka-init does not create {topic.name} as:\n{expected}"
    creates = [line for line in lines if "kafka-topics.sh" in line and "--create" in line]
    assert len(creates) == len(TOPICS)


def test_compose_runs_the_kafka_version_the_local_broker_runs() -> None:
    text = COMPOSE_FILE.read_text()
    assert f"image: apache/kafka:{kafka_version()}" in text
    assert "image: apache/kafka:latest" not in text


def test_the_meeting_page_reaches_the_profile_service_on_the_same_host_name(compose: list[str]) -> None:
    """Under compose the meeting page shows names: matching sends browsers to the profile service's
    published address, the profile service lets matching's origin call it, and both are on one host
    name (the sign-in cookie is per host, not per port)."""
    import yaml

    done = run(compose, "config")
    assert done.returncode == 0, done.stderr
    services = yaml.safe_load(done.stdout)["services"]

    def published(name: str) -> str:
        (port,) = services[name]["ports"]
        host_port = port["published"] if isinstance(port, dict) else port.split(":")[-2]
        return f"http://localhost:{host_port}"

    matching_env, profile_env = services["matching"]["environment"], services["profile"]["environment"]
    assert matching_env["KOHTAANTO_PROFILE_PUBLIC_URL"] == published("profile")
    assert published("matching") in profile_env["KOHTAANTO_CORS_ORIGINS"].split(",")
