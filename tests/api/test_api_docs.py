"""/docs serves Swagger UI from the app itself (swagger-ui-bundle), never from a CDN."""

from __future__ import annotations

import json
import re

import pytest

# HTTP edges: the PostgreSQL half is opt-in (KOHTAANTO_TEST_POSTGRES_ALL=1, tests/api/conftest.py)
pytestmark = pytest.mark.storage_independent


def test_the_docs_page_loads_only_assets_the_app_serves(vacancy_app) -> None:
    client = vacancy_app.test_client()
    page = client.get("/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', html)
    assert {a.rsplit("/", 1)[-1] for a in assets} >= {
        "swagger-ui.css",
        "swagger-ui-bundle.js",
        "swagger-ui-standalone-preset.js",
    }
    for asset in assets:
        assert asset.startswith("/docs/assets/"), asset
        served = client.get(asset)
        assert served.status_code == 200 and len(served.data) > 1000, asset
    assert not re.search(r"https?://(?!127\.0\.0\.1|localhost)", re.sub(r'"url": "[^"]*"', "", html))
    assert client.get("/docs/assets/../../config.py").status_code == 404


def documents(vacancy_app, profile_app, tmp_path):
    from tests.api.matching_world import Clock, matching_app

    matching = matching_app(f"sqlite:///{tmp_path / 'matching.db'}", Clock())
    apps = {"vacancy": vacancy_app, "profile": profile_app, "matching": matching}
    return apps, {name: app.test_client().get("/openapi.json").get_json() for name, app in apps.items()}


def properties(spec):
    """(schema name, property name, property) for every property of every component schema."""
    for name, schema in spec["components"]["schemas"].items():
        for prop, definition in schema.get("properties", {}).items():
            yield name, prop, definition
            if definition.get("type") == "array" and isinstance(definition.get("items"), dict):
                yield name, f"{prop}[]", definition["items"]


def test_the_documents_say_what_the_apis_enforce(vacancy_app, profile_app, tmp_path) -> None:
    """Issue 8, item 12: every success response has a schema; every ESCO URI field says which URIs
    it takes, with an example the API itself accepts; the outcome's candidate id has the pattern
    the API enforces."""
    from shared.messaging.topics import CANDIDATE_ID_PATTERN
    from shared.reference import esco_catalogue

    apps, specs = documents(vacancy_app, profile_app, tmp_path)
    catalogue = esco_catalogue()
    esco_fields = 0
    for service, spec in specs.items():
        for path, item in spec["paths"].items():
            for method, op in item.items():
                if method not in ("get", "post", "put", "delete", "patch"):
                    continue
                for code, response in op.get("responses", {}).items():
                    if code.startswith("2") and code != "204":
                        content = response.get("content", {})
                        assert any(c.get("schema") for c in content.values()), (service, method, path, code)
        for schema, prop, definition in properties(spec):
            example = definition.get("example")
            if isinstance(example, str) and example.startswith("http://data.europa.eu/esco/"):
                kind = "skill" if "/skill/" in example else "occupation"
                assert catalogue.resolve(example, kind) == example, (service, schema, prop)
            if definition.get("description", "").startswith(("ESCO skill URI of", "ESCO occupation URI of")):
                esco_fields += 1
                assert example, (service, schema, prop)
    assert esco_fields >= 5
    # outside tester 10, L6: Swagger UI reads CommonMark; reStructuredText's double back-ticks showed
    for service, spec in specs.items():
        assert "``" not in json.dumps(spec), service
        # outside tester 12, N11: summaries are plain text in Swagger UI; no back-ticks at all
        summaries = [
            op.get("summary", "")
            for ops in spec["paths"].values()
            for op in ops.values()
            if isinstance(op, dict)
        ]
        assert summaries and not [s for s in summaries if "`" in s], service
    outcome = specs["matching"]["components"]["schemas"]["OutcomeIn"]["properties"]["candidate_id"]
    assert outcome["pattern"] == CANDIDATE_ID_PATTERN
    client = apps["matching"].test_client()
    from tests.helpers import auth

    for bad in ("010190-123A", "c-1", "C-3F9A0C41D2B7E85F6A1C0D94"):
        r = client.post(
            "/api/v1/vacancies/v-1/outcomes",
            json={"candidate_id": bad, "status": "proposed"},
            headers=auth("recruiter", "agency-a"),
        )
        assert r.status_code == 422 and "candidate_id" in r.json["errors"]["json"], bad


def test_the_matching_document_is_built_without_warnings(tmp_path) -> None:
    """A warning apispec prints while building the document (e.g. two schemas resolving to one name) is
    a line of plain text in a service's JSON log (the end-to-end log test found one)."""
    import warnings

    from tests.api.matching_world import Clock, matching_app

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        app = matching_app(f"sqlite:///{tmp_path}/matching.db", Clock())
        assert app.test_client().get("/openapi.json").status_code == 200
