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
from deploy.kafka.topics import TOPICS, kafka_topics_create_args
from shared.config import REPO_ROOT

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
    secret_vars = {"KOHTAANTO_JWT_SECRET", "KOHTAANTO_PSEUDONYM_KEY", "KOHTAANTO_DB_PASSWORD"}
    for name, container in containers(objects).items():
        for entry in container.get("env", []):
            if entry["name"] in secret_vars:
                assert "secretKeyRef" in entry.get("valueFrom", {}), (name, entry)
        has_key = "KOHTAANTO_PSEUDONYM_KEY" in env_names(container)
        assert has_key == name.startswith("profile"), name
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


def test_the_demo_creates_the_topics_as_topics_py_declares_them() -> None:
    job = next(o for o in kustomize("demo") if o["kind"] == "Job")
    script = job["spec"]["template"]["spec"]["containers"][0]["args"][0].splitlines()
    lines = [line.strip() for line in script if line.strip()]
    expected = [
        " ".join(
            [
                "/opt/kafka/bin/kafka-topics.sh",
                "--bootstrap-server",
                "kafka:9092",
                *kafka_topics_create_args(t),
            ]
        )
        for t in TOPICS
    ]
    assert lines == expected


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
