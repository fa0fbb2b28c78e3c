"""deploy/k8s builds with kustomize into objects that pass a strict Kubernetes schema check, and agree
with the code: declared settings only, secrets only by reference, the topics of deploy/kafka/topics.py.

Schemas: the PyPI package kubernetes-validate ships the Kubernetes JSON schemas (nothing is downloaded
at run time); ``strict`` rejects unknown fields, so a misspelt key fails. kustomize: ``kubectl
kustomize`` (or a ``kustomize`` binary) — deploy/ensure-test-tools.sh provides one.
"""

from __future__ import annotations

import shutil
import subprocess
from typing import Any

import pytest

from deploy import configuration
from deploy.kafka.compose import init_script, password_variable
from shared.config import REPO_ROOT
from shared.messaging.topics import SERVICES

K8S = REPO_ROOT / "deploy" / "k8s"
KUBERNETES_VERSION = "1.33.0"


def kustomize(overlay: str) -> list[dict[str, Any]]:
    import yaml

    local = REPO_ROOT / ".cache" / "tools" / "kustomize"
    if shutil.which("kubectl"):
        command = ["kubectl", "kustomize", str(K8S / overlay)]
    elif local.exists() or shutil.which("kustomize"):
        command = [str(local) if local.exists() else "kustomize", "build", str(K8S / overlay)]
    else:
        pytest.fail("no kustomize: run `make test-tools` (deploy/ensure-test-tools.sh)")
    built = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert built.returncode == 0, built.stderr
    return [d for d in yaml.safe_load_all(built.stdout) if d]


@pytest.fixture(scope="module", params=["base", "demo"])
def objects(request: pytest.FixtureRequest) -> list[dict[str, Any]]:
    return kustomize(request.param)


def containers(objects: list[dict[str, Any]], kind: str = "Deployment") -> dict[str, dict[str, Any]]:
    return {
        f"{o['metadata']['name']}/{c['name']}": c
        for o in objects
        if o["kind"] == kind
        for c in o["spec"]["template"]["spec"]["containers"]
    }


def env_names(container: dict[str, Any]) -> set[str]:
    return {e["name"] for e in container.get("env", [])}


def test_every_object_passes_the_strict_kubernetes_schema(objects: list[dict[str, Any]]) -> None:
    import kubernetes_validate

    for obj in objects:
        kubernetes_validate.validate(obj, KUBERNETES_VERSION, strict=True)


def test_a_misspelt_field_would_be_caught() -> None:
    import kubernetes_validate

    deployment = next(o for o in kustomize("base") if o["kind"] == "Deployment")
    deployment["spec"]["replica"] = 2
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES_VERSION, strict=True)


def test_each_service_has_its_web_deployment_worker_and_service(objects: list[dict[str, Any]]) -> None:
    names = {(o["kind"], o["metadata"]["name"]) for o in objects}
    for service in ("vacancy", "profile", "matching"):
        assert {("Deployment", service), ("Deployment", f"{service}-worker"), ("Service", service)} <= names


def test_matching_replicas_are_ready_only_with_their_index_and_hold_it_in_one_process(
    objects: list[dict[str, Any]],
) -> None:
    web = containers(objects)["matching/web"]
    assert web["readinessProbe"]["httpGet"]["path"] == "/health/ready"
    assert {"name": "WEB_CONCURRENCY", "value": "1"} in web["env"]
    assert web["resources"]["requests"]["memory"] and web["resources"]["limits"]["memory"]


def test_every_container_has_resources_and_the_web_ones_probes(objects: list[dict[str, Any]]) -> None:
    for name, container in containers(objects).items():
        assert container["resources"]["requests"]["memory"], name
        assert container["resources"]["limits"]["memory"], name
        if name.endswith("/web"):
            assert container["readinessProbe"]["httpGet"]["path"] == "/health/ready", name
            assert container["livenessProbe"]["httpGet"]["path"] == "/health/live", name


def test_secrets_are_referenced_never_written_and_the_pseudonym_key_reaches_only_the_profile_service(
    objects: list[dict[str, Any]],
) -> None:
    assert not [o for o in objects if o["kind"] == "Secret"]
    secret_vars = {
        "KOHTAANTO_JWT_SECRET",
        "KOHTAANTO_PSEUDONYM_KEY",
        "KOHTAANTO_MATCHING_KEY",
        "KOHTAANTO_DB_PASSWORD",
        "KAFKA_PASSWORD",
    }
    for name, container in containers(objects).items():
        for entry in container.get("env", []):
            if entry["name"] in secret_vars:
                assert "secretKeyRef" in entry.get("valueFrom", {}), (name, entry)
        has_key = "KOHTAANTO_PSEUDONYM_KEY" in env_names(container)
        assert has_key == name.startswith("profile"), name
        has_matching_key = "KOHTAANTO_MATCHING_KEY" in env_names(container)
        assert has_matching_key == name.startswith("matching"), name
    config = next(
        o for o in objects if o["kind"] == "ConfigMap" and o["metadata"]["name"] == "kohtaanto-config"
    )
    assert not secret_vars & set(config["data"])


def test_every_variable_the_manifests_set_is_a_declared_setting(objects: list[dict[str, Any]]) -> None:
    declared = {row.variable for row in configuration.rows()}
    config = next(
        o for o in objects if o["kind"] == "ConfigMap" and o["metadata"]["name"] == "kohtaanto-config"
    )
    assert set(config["data"]) <= declared
    assert config["data"]["BIND_HOST"] == "0.0.0.0"
    for name, container in containers(objects).items():
        assert env_names(container) <= declared, name


def test_workers_stop_before_they_are_killed(objects: list[dict[str, Any]]) -> None:
    config = next(
        o for o in objects if o["kind"] == "ConfigMap" and o["metadata"]["name"] == "kohtaanto-config"
    )
    budget = float(config["data"]["KOHTAANTO_WORKER_STOP_SECONDS"])
    for o in objects:
        if o["kind"] == "Deployment" and o["metadata"]["name"].endswith("-worker"):
            assert o["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] > budget + 2


def test_every_service_authenticates_to_kafka_as_its_own_user_with_its_own_secret(
    objects: list[dict[str, Any]],
) -> None:
    """The broker is secured as docker-compose's and the local one are: SASL/SCRAM, one user per
    service with ACLs for its own topics, the password from that service's Secret only."""
    config = next(
        o for o in objects if o["kind"] == "ConfigMap" and o["metadata"]["name"] == "kohtaanto-config"
    )
    assert config["data"]["KAFKA_SECURITY_PROTOCOL"] == "SASL_PLAINTEXT"
    assert config["data"]["KAFKA_SASL_MECHANISM"] == "SCRAM-SHA-512"
    for name, container in containers(objects).items():
        service = name.split("/")[0].removesuffix("-worker")
        env = {e["name"]: e for e in container["env"]}
        assert env["KAFKA_USERNAME"]["value"] == service, name
        ref = env["KAFKA_PASSWORD"]["valueFrom"]["secretKeyRef"]
        assert ref == {"name": f"kohtaanto-kafka-{service}", "key": "KAFKA_PASSWORD"}, name
        kafka_secrets = {
            e["valueFrom"]["secretKeyRef"]["name"]
            for e in container["env"]
            if "secretKeyRef" in e.get("valueFrom", {})
            and e["valueFrom"]["secretKeyRef"]["name"].startswith("kohtaanto-kafka-")
        }
        assert kafka_secrets == {f"kohtaanto-kafka-{service}"}, name


def demo_kafka() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The demo's broker container, kafka-init Job and the ConfigMap holding its script."""
    objects = kustomize("demo")
    broker = containers(objects, "StatefulSet")["kafka/kafka"]
    job = next(o for o in objects if o["kind"] == "Job" and o["metadata"]["name"] == "kafka-init")
    (volume,) = job["spec"]["template"]["spec"]["volumes"]
    script = next(
        o
        for o in objects
        if o["kind"] == "ConfigMap" and o["metadata"]["name"] == volume["configMap"]["name"]
    )
    return broker, job, script


def test_the_demo_creates_topics_users_and_acls_with_the_script_generated_from_the_declarations() -> None:
    _, job, script = demo_kafka()
    stored = (K8S / "demo" / "kafka-init.sh").read_text()
    assert stored == init_script(), (
        "deploy/k8s/demo/kafka-init.sh is stale: python -m deploy.kafka.compose --write"
    )
    assert script["data"]["kafka-init.sh"] == init_script()
    assert "--bootstrap-server kafka:9092 " in init_script(), "the demo's Kafka Service is kafka:9092"
    (container,) = job["spec"]["template"]["spec"]["containers"]
    assert container["command"] == ["/bin/bash", "/scripts/kafka-init.sh"]
    env = {e["name"]: e["valueFrom"]["secretKeyRef"] for e in container["env"]}
    assert env == {
        password_variable(user): {"name": f"kohtaanto-kafka-{user}", "key": "KAFKA_PASSWORD"}
        for user in ("admin", *SERVICES)
    }


def test_the_demo_broker_is_secured_as_the_compose_broker() -> None:
    """The Kubernetes demo's broker takes the compose broker's security settings; only the listeners
    differ (no listener for the host's tools)."""
    import yaml

    broker, _, _ = demo_kafka()
    compose = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())["services"]["kafka"]
    expected = {
        key: str(value).replace(
            "${KOHTAANTO_KAFKA_ADMIN_PASSWORD:?set KOHTAANTO_KAFKA_ADMIN_PASSWORD}",
            "$(KOHTAANTO_KAFKA_ADMIN_PASSWORD)",
        )
        for key, value in compose["environment"].items()
        if key.startswith("KAFKA_")
        and "_HOST_" not in key
        and "LISTENERS" not in key
        and key not in {"KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "KAFKA_CONTROLLER_QUORUM_VOTERS"}
    }
    env = {e["name"]: e.get("value") for e in broker["env"]}
    assert {key: env.get(key) for key in expected} == expected
    assert env["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"] == "BROKER:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT"
    assert env["KAFKA_ADVERTISED_LISTENERS"] == "BROKER://kafka:9092"
    admin = next(e for e in broker["env"] if e["name"] == "KOHTAANTO_KAFKA_ADMIN_PASSWORD")
    assert broker["env"].index(admin) == 0, "defined before the settings that refer to it"
    assert admin["valueFrom"]["secretKeyRef"] == {"name": "kohtaanto-kafka-admin", "key": "KAFKA_PASSWORD"}


def test_the_demos_database_script_is_the_one_compose_runs() -> None:
    copy = (K8S / "demo" / "10-databases.sql").read_text()
    original = (REPO_ROOT / "deploy" / "postgres" / "init" / "10-databases.sql").read_text()
    assert copy.endswith(original)


def test_the_demo_reaches_every_service_on_one_host_name_so_the_sign_in_cookie_travels() -> None:
    config = next(
        o
        for o in kustomize("demo")
        if o["kind"] == "ConfigMap" and o["metadata"]["name"] == "kohtaanto-config"
    )
    origins = config["data"]["KOHTAANTO_CORS_ORIGINS"].split(",")
    assert "http://localhost:8003" in origins, "the meeting page (matching) may call the profile service"
    assert config["data"]["KOHTAANTO_PROFILE_PUBLIC_URL"] == "http://localhost:8002"
