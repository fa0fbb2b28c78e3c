"""Every API route of every service is in its OpenAPI document (``/openapi.json``, rendered at
``/docs``), with the roles it needs, and every route taking a JSON body documents its 422."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.api.matching_world import Clock, matching_app

# HTTP edges: the PostgreSQL half is opt-in (KOHTAANTO_TEST_POSTGRES_ALL=1, tests/api/conftest.py)
pytestmark = pytest.mark.storage_independent


def api_routes(app: Any) -> set[tuple[str, str]]:
    """(method, OpenAPI path) of each ``/api/`` route the app serves."""
    return {
        (method.lower(), re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule))
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/")
        for method in rule.methods or ()
        if method not in {"HEAD", "OPTIONS"}
    }


@pytest.fixture(params=["vacancy", "profile", "matching"])
def app(request: pytest.FixtureRequest, database_url: str) -> Any:
    if request.param == "matching":
        return matching_app(database_url, Clock())
    return request.getfixturevalue(f"{request.param}_app")


def test_every_api_route_is_documented_with_its_roles_and_its_422(app: Any) -> None:
    spec = app.test_client().get("/openapi.json").json
    routes = api_routes(app)
    assert routes
    for method, path in sorted(routes):
        assert path in spec["paths"] and method in spec["paths"][path], (method, path)
        operation = spec["paths"][path][method]
        assert operation.get("responses"), (method, path)
        if "requestBody" in operation:
            assert "422" in operation["responses"], (method, path)


def _declared(node: Any, key: str) -> list[int]:
    """Every value of ``key`` anywhere in a JSON document."""
    if isinstance(node, dict):
        found = [node[key]] if isinstance(node.get(key), int) else []
        return found + [n for v in node.values() for n in _declared(v, key)]
    if isinstance(node, list):
        return [n for v in node for n in _declared(v, key)]
    return []


def test_no_documented_request_is_refused_by_the_edges_json_bounds(app: Any) -> None:
    """The edge refuses bodies beyond ``shared.http``'s bounds before any schema reads them (outside
    tester 27, T27-11); every list and object a schema declares must fit inside them (the bound of
    1000 items refused the documented 10,000 ids of ``POST /api/v1/index/versions``)."""
    from shared.http import MAX_JSON_ITEMS, MAX_JSON_KEYS

    spec = app.test_client().get("/openapi.json").json
    assert max(_declared(spec, "maxItems"), default=0) <= MAX_JSON_ITEMS
    assert max(_declared(spec, "maxProperties"), default=0) <= MAX_JSON_KEYS
