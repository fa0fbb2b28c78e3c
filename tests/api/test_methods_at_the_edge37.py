"""Outside tester 37, K2 and K3: the methods no view declares, on every route of the three services.

K2: ``OPTIONS …/candidates/<candidate_id>/explanation`` by an employer without the door (and by an agency the
jobseeker never consented to) answered 200 and the owner's audit read ``request.granted yes`` for it, 150
times in 1.3 s. Now ``OPTIONS`` and ``HEAD`` are answered before sign-in (``shared.methods``): nothing is read,
so nothing is audited, granted or refused; ``TRACE`` and invented methods are a 405 before any view. Only a
view's own methods (GET, POST, …) that return data are granted accesses.

K3: each invented method was a new ``method`` label value of the request histogram (100 requests: 55 KB →
251 KB of ``/metrics``). Now every label is from a fixed set whatever a client sends: methods, paths,
statuses; tokens, organisations and headers are never labels."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from services.matching.team.events import ACCESS_GRANTED
from services.matching.team.repository import outbox
from services.profile.repository import audit_log
from shared.methods import KNOWN_METHODS, OTHER_METHOD
from tests.api.matching_world import welders_world
from tests.helpers import auth, concrete_paths, outbox_events, profile_body
from tests.unit.shared.test_metrics import samples

# HTTP edges: the PostgreSQL half is opt-in (KOHTAANTO_TEST_POSTGRES_ALL=1, tests/api/conftest.py)
pytestmark = pytest.mark.storage_independent

RECRUITER = auth("recruiter", "agency-a", sub="recruiter@agency-a")  # the candidates consented to agency-a
OTHER_AGENCY = auth("recruiter", "agency-b", sub="recruiter@agency-b")  # no consent
EMPLOYER = auth("employer", "konepaja-oy", sub="employer@konepaja-oy")  # no door to candidates at all
COACH = auth("coach", "tampere-tyollisyys")
OTHER_COACH = auth("coach", "helsingin-tyollisyys")
#: What the routing accepts besides the views' own methods: Flask's automatic two, the ones Werkzeug
#: refuses, and invented ones (letters only, as gunicorn lets through).
ODD_METHODS = ("OPTIONS", "HEAD", "TRACE", "CONNECT", "PROPFIND", "XSTEAL", "GETX")
HISTOGRAM = "kohtaanto_http_request_duration_seconds_count"


@pytest.fixture
def matching(database_url):
    return welders_world(database_url, 2)


def granted_events(app: Any) -> list[dict[str, Any]]:
    return [e["payload"] for e in outbox_events(app, outbox, ACCESS_GRANTED.event_type)]


def granted_entries(app: Any) -> int:
    with app.extensions["kohtaanto.engine"].connect() as conn:
        return conn.execute(select(func.count()).where(audit_log.c.granted == "yes")).scalar_one()


def test_odd_methods_on_a_candidates_doors_are_never_granted_accesses(matching) -> None:
    """Tester 37's requests (an employer, an unconsented agency) and the consented agency's, with every
    method the routing accepts, on every route of matching: no ``access.granted`` event; the preflight
    answers what a browser needs and nothing about the candidate."""
    client = matching.test_client()
    cid = matching.candidate_ids[0]
    explanation = f"/api/v1/vacancies/v-weld/candidates/{cid}/explanation"
    for headers in (EMPLOYER, OTHER_AGENCY, RECRUITER):
        for _ in range(3):
            r = client.options(explanation, headers=headers)
            assert r.status_code == 200 and r.data == b"", r.data
            assert {"GET", "OPTIONS"} <= set(r.headers["Allow"].split(", "))
        assert granted_events(matching) == [], "an OPTIONS is no access"
        for path in concrete_paths(matching, cid):
            for method in ODD_METHODS:
                r = client.open(path, method=method, headers=headers)
                assert r.status_code < 500, (method, path, r.status_code)
                if method != "OPTIONS" and path.startswith("/api/"):
                    assert r.status_code == 405, (method, path, r.status_code)
    assert granted_events(matching) == []
    # the views' own methods are what is audited: the consented agency's read is
    r = client.get(explanation, headers=RECRUITER)
    assert r.status_code == 200
    assert [(p["actor_org"], p["action"]) for p in granted_events(matching)] == [
        ("agency-a", "explanation.read")
    ]


def test_odd_methods_on_the_profile_service_leave_no_granted_entry(profile_app) -> None:
    """The profile service audits inside its views: ``HEAD`` ran the GET view (a ``granted: yes``
    profile read whose body was then dropped). With every odd method on every route, by the owner's
    coach and another organisation's, the audit log gains no granted entry."""
    client = profile_app.test_client()
    assert client.put("/api/v1/profiles/tt-2026-0102", json=profile_body(), headers=COACH).status_code == 201
    cid = client.get("/api/v1/profiles/tt-2026-0102", headers=COACH).json["candidate_id"]
    before = granted_entries(profile_app)
    for headers in (OTHER_COACH, COACH, EMPLOYER):
        for path in concrete_paths(profile_app, cid):
            for method in ODD_METHODS:
                r = client.open(path, method=method, headers=headers)
                assert r.status_code < 500, (method, path, r.status_code)
                assert r.status_code != 200 or method == "OPTIONS" or not path.startswith("/api/"), path
    assert granted_entries(profile_app) == before
    assert client.head("/health/live").status_code == 200, "probes may still ask with HEAD"


def method_and_status_labels(app: Any) -> tuple[set[tuple[str, ...]], set[str], set[str]]:
    """The request histogram's label sets, its ``method`` values and its ``status`` values."""
    text = app.test_client().get("/metrics").data
    found = [dict(labels) for (name, labels) in samples(text) if name == HISTOGRAM]
    return (
        {tuple(sorted(labels.items())) for labels in found},  # type: ignore[misc]
        {labels["method"] for labels in found},
        {labels["status"] for labels in found},
    )


def test_metrics_label_sets_stay_bounded_whatever_a_client_sends(vacancy_app, profile_app) -> None:
    """Tester 37's 100 invented methods, and invented paths, statuses asked for, tokens, organisations,
    content types and headers: after the first few, ``/metrics`` gains no label set."""

    def odd_requests(app: Any, start: int, count: int) -> None:
        client = app.test_client()
        for i in range(start, start + count):
            method = f"X{i:04d}ABC".replace("0", "Q").replace("1", "W")
            headers = {
                **auth("recruiter", f"org-{i}"),
                "Content-Type": f"application/x-{i}",
                "X-Status": str(100 + i),
                "Accept": f"text/x-{i}",
            }
            for path in ("/health/live", f"/no/such/{i}", f"/api/v1/vacancies/{i}", "/api/v1/vacancies"):
                client.open(path, method=method, headers=headers, data=b"x" * (i % 7))
            client.open(f"/api/v1/vacancies/{i}", method="GET", headers=headers)
            client.open(f"/api/v1/vacancies/{i}?status={i}", method="OPTIONS", headers=headers)

    for app in (vacancy_app, profile_app):
        method_and_status_labels(app)  # the scrape's own series
        odd_requests(app, 0, 5)
        label_sets = method_and_status_labels(app)[0]
        odd_requests(app, 5, 100)
        after, methods_after, statuses_after = method_and_status_labels(app)
        assert after == label_sets, sorted(after - label_sets)
        assert methods_after <= KNOWN_METHODS | {OTHER_METHOD} and OTHER_METHOD in methods_after
        assert all(s.isdigit() and 100 <= int(s) <= 599 for s in statuses_after), statuses_after
        text = app.test_client().get("/metrics").data
        assert b"org-7" not in text and b"x-7" not in text and b"/no/such" not in text
