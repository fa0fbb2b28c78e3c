"""docker-compose.yml is valid and agrees with deploy/kafka (topics, Kafka version).

No Docker engine is needed: `docker-compose config` only parses and interpolates the file. The
Compose CLI is Debian's `docker-compose` package (installed by `make test`) or the `docker compose`
plugin.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from deploy.kafka.broker import kafka_version
from deploy.kafka.compose import init_script, password_variable
from shared.messaging.topics import SERVICES as KAFKA_USERS

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
    "KOHTAANTO_MATCHING_KEY": "compose-test-matching-key-0123456789abcdef",
    "KOHTAANTO_DB_PASSWORD": "compose-test-db-password",
    # Kafka: the admin's (broker, operators) and each service's SASL password
    **{password_variable(user): f"test-{user}" for user in ("admin", *KAFKA_USERS)},
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


def test_kafka_init_runs_the_script_generated_from_the_topic_declarations() -> None:
    script = REPO_ROOT / "deploy" / "kafka" / "kafka-init.sh"
    assert script.read_text() == init_script(), (
        "deploy/kafka/kafka-init.sh is stale: python -m deploy.kafka.compose --write"
    )
    assert "./deploy/kafka/kafka-init.sh:/kafka-init.sh:ro" in COMPOSE_FILE.read_text()


def service_blocks(config: str) -> dict[str, str]:
    """The text of each service in ``docker-compose config`` output, by service name."""
    body = ("\n" + config).split("\nservices:\n", 1)[1]
    body = re.split(r"^\S", body, maxsplit=1, flags=re.M)[0]
    parts = re.split(r"^  ([\w-]+):\n", body, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_every_service_authenticates_to_kafka_with_its_own_password(compose: list[str]) -> None:
    done = run(compose, "config")
    assert done.returncode == 0, done.stderr
    blocks = service_blocks(done.stdout)
    for service in KAFKA_USERS:
        for name in (service, f"{service}-worker"):
            assert "KAFKA_SECURITY_PROTOCOL: SASL_PLAINTEXT" in blocks[name], name
            assert f"KAFKA_PASSWORD: test-{service}\n" in blocks[name], name
    assert "PLAINTEXT:PLAINTEXT" not in blocks["kafka"]
    assert "KAFKA_SUPER_USERS: User:admin" in blocks["kafka"]


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
