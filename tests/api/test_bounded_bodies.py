"""Outside tester 27, T27-11: a 1.9 MB JSON object of 110,000 unknown keys (under the 2 MiB body
limit) cost 11-12 s of CPU per request on every service and was answered with 3 MB of "Unknown
field." reasons. The shared input guard (``shared.http``) refuses bodies of more keys, items or values
than any schema takes before validation, and every error answer lists at most ``MAX_LISTED_ERRORS``
field reasons; the same in all three services. (Counts and sizes are asserted, never times.)"""

import json

import pytest

from shared.http import MAX_JSON_KEYS, MAX_LISTED_ERRORS
from tests.api.databases import fresh
from tests.api.matching_world import Clock, matching_app
from tests.helpers import auth, sqlite_url

# HTTP edges: the PostgreSQL half is opt-in (KOHTAANTO_TEST_POSTGRES_ALL=1, tests/api/conftest.py)
pytestmark = pytest.mark.storage_independent

#: The tester's body: python3 -c 'import json; print(json.dumps({f"k{i}":i for i in range(110000)}))'
KEYS = json.dumps({f"k{i}": i for i in range(110_000)}).encode()
JSON = {"Content-Type": "application/json"}


def leaves(tree) -> int:
    if isinstance(tree, dict):
        return sum(leaves(v) for v in tree.values())
    if isinstance(tree, list):
        return sum(leaves(v) if isinstance(v, dict | list) else 1 for v in tree)
    return 1


@pytest.fixture
def services(vacancy_app, profile_app, tmp_path):
    """Each service's app, method, path and a caller entitled to it (matching on its own SQLite file:
    the guard is the same whatever the database)."""
    return {
        "vacancy": (vacancy_app, "post", "/api/v1/vacancies", auth("employer", "konepaja-oy")),
        "profile": (profile_app, "put", "/api/v1/profiles/t27-keys", auth("coach", "tampere-tyollisyys")),
        "matching": (
            matching_app(fresh(sqlite_url(tmp_path, "matching")), Clock()),
            "post",
            "/api/v1/vacancies/00000000-0000-4000-8000-000000000001/outcomes",
            auth("recruiter", "agency-a"),
        ),
    }


@pytest.mark.parametrize("service", ["vacancy", "profile", "matching"])
def test_an_object_of_110000_unknown_keys_is_a_short_400_on_every_service(services, service):
    app, method, path, token = services[service]
    r = getattr(app.test_client(), method)(f"{path}?lang=fi", data=KEYS, headers={**token, **JSON})
    assert r.status_code == 400
    assert set(r.json) == {"code", "status", "message", "errors"}
    assert r.json["errors"] == {"json": [f"JSON-objektissa on yli {MAX_JSON_KEYS} avainta."]}
    assert len(r.data) < 1000


@pytest.mark.parametrize("service", ["vacancy", "profile", "matching"])
def test_a_body_of_many_wrong_fields_within_the_bounds_lists_the_first_and_counts_all(services, service):
    app, method, path, token = services[service]
    body = {f"k{i}": i for i in range(MAX_JSON_KEYS)}  # 256 unknown keys: within the bounds
    r = getattr(app.test_client(), method)(f"{path}?lang=en", json=body, headers=token)
    assert r.status_code == 422
    assert leaves(r.json["errors"]) <= MAX_LISTED_ERRORS
    assert f"The first {MAX_LISTED_ERRORS} of " in r.json["message"]
    assert len(r.data) < 10_000


def test_nothing_is_stored_for_the_refused_profile(services):
    app, _method, path, token = services["profile"]
    client = app.test_client()
    assert client.put(path, data=KEYS, headers={**token, **JSON}).status_code == 400
    assert client.get(path, headers=token).status_code == 404
