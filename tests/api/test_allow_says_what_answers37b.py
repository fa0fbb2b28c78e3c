"""Outside tester 37b, L4: ``OPTIONS …/candidates/<cid>/explanation`` answered ``Allow: HEAD, OPTIONS, GET`` and
a ``HEAD`` of the same path was a 405 with ``Allow: GET, OPTIONS`` (also ``/api/v1/profiles/<id>``, ``…/path``,
``…/outcomes``): the two answers of one resource disagreed, and a client or monitor that reads ``Allow`` first
was told ``HEAD`` works. Now every ``Allow`` (``OPTIONS``, the ``HEAD`` 405, an invented method's 405) names
the methods the path answers (``shared.methods.answered``), on every route of the three services: ``HEAD`` only
where it is not a 405 (health, metrics, the API docs)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.matching_world import welders_world
from tests.helpers import auth, concrete_paths, profile_body

RECRUITER = auth("recruiter", "agency-a", sub="recruiter@agency-a")  # the candidates consented to agency-a
COACH = auth("coach", "tampere-tyollisyys")


@pytest.fixture
def matching(database_url):
    return welders_world(database_url, 1)


def allow(response: Any) -> set[str]:
    return {m.strip() for m in response.headers.get("Allow", "").split(",") if m.strip()}


def assert_allow_is_what_the_path_answers(app: Any, cid: str, headers: dict[str, str]) -> int:
    """For every route of ``app``: the ``Allow`` of ``OPTIONS``, of ``HEAD``'s 405 and of a ``PROPFIND``'s 405
    agree, and list ``HEAD`` exactly where ``HEAD`` is no 405. Returns how many paths were asked."""
    client = app.test_client()
    asked = 0
    for path in concrete_paths(app, cid):
        options = client.options(path, headers=headers)
        if options.status_code != 200:
            continue
        asked += 1
        head = client.head(path, headers=headers)
        assert head.status_code < 500, (path, head.status_code)
        assert ("HEAD" in allow(options)) == (head.status_code != 405), (
            path,
            allow(options),
            head.status_code,
        )
        if head.status_code == 405:
            assert allow(head) == allow(options), (path, allow(head), allow(options))
        odd = client.open(path, method="PROPFIND", headers=headers)
        assert odd.status_code == 405 and allow(odd) == allow(options), (path, allow(odd), allow(options))
    return asked


def test_matching_allow_lists_head_only_where_head_answers(matching) -> None:
    cid = matching.candidate_ids[0]
    r = matching.test_client().options(
        f"/api/v1/vacancies/v-weld/candidates/{cid}/explanation", headers=RECRUITER
    )
    assert r.status_code == 200 and allow(r) == {"GET", "OPTIONS"}, r.headers
    assert assert_allow_is_what_the_path_answers(matching, cid, RECRUITER) > 10


def test_profile_allow_lists_head_only_where_head_answers(profile_app) -> None:
    client = profile_app.test_client()
    assert client.put("/api/v1/profiles/tt-2026-0102", json=profile_body(), headers=COACH).status_code == 201
    r = client.options("/api/v1/profiles/tt-2026-0102", headers=COACH)
    assert r.status_code == 200 and allow(r) == {"DELETE", "GET", "OPTIONS", "PUT"}, r.headers
    assert allow(client.head("/api/v1/profiles/tt-2026-0102", headers=COACH)) == allow(r)
    cid = client.get("/api/v1/profiles/tt-2026-0102", headers=COACH).json["candidate_id"]
    assert assert_allow_is_what_the_path_answers(profile_app, cid, COACH) > 5
    health = client.options("/health/live")
    assert "HEAD" in allow(health) and client.head("/health/live").status_code == 200


def test_vacancy_allow_lists_head_only_where_head_answers(vacancy_app) -> None:
    assert assert_allow_is_what_the_path_answers(vacancy_app, "c-" + "0" * 23 + "1", {}) > 3
