"""Each service's /metrics: request latency by route template, the outbox, readiness, shortlist time."""

from __future__ import annotations

from tests.api.matching_world import Clock, matching_app, vacancy, welders
from tests.api.vacancy_bodies import valid
from tests.helpers import auth, profile_body
from tests.unit.shared.test_metrics import samples, value

EMPLOYER = auth("employer", "konepaja-oy")


def scrape(app) -> bytes:  # type: ignore[no-untyped-def]
    r = app.test_client().get("/metrics")
    assert r.status_code == 200 and r.mimetype == "text/plain"
    return r.data


def requests_timed(text: bytes, service: str, route: str, status: str, method: str = "GET") -> float:
    labels = {"service": service, "method": method, "route": route, "status": status}
    return value(text, "kohtaanto_http_request_duration_seconds_count", **labels) or 0.0


def test_requests_are_timed_by_route_template_and_status_never_by_id(vacancy_app) -> None:
    client = vacancy_app.test_client()
    route = "/api/v1/vacancies/<vacancy_id>"
    before = scrape(vacancy_app)
    location = client.post("/api/v1/vacancies", json=valid(), headers=EMPLOYER).headers["Location"]
    for _ in range(3):
        assert client.get(location, headers=EMPLOYER).status_code == 200
    assert client.get("/api/v1/vacancies/no-such-id", headers=EMPLOYER).status_code == 404
    assert client.get(location).status_code == 401
    after = scrape(vacancy_app)
    for status, count in (("200", 3), ("404", 1), ("401", 1)):
        grew = requests_timed(after, "vacancy", route, status) - requests_timed(
            before, "vacancy", route, status
        )
        assert grew == count, status
    assert location.rsplit("/", 1)[-1].encode() not in after, "ids are never labels"


def test_the_outbox_backlog_and_readiness_are_on_the_services_metrics(vacancy_app) -> None:
    client = vacancy_app.test_client()
    assert value(scrape(vacancy_app), "kohtaanto_outbox_pending") == 0
    assert client.post("/api/v1/vacancies", json=valid(), headers=EMPLOYER).status_code == 201
    text = scrape(vacancy_app)
    assert value(text, "kohtaanto_outbox_pending") == 1
    assert value(text, "kohtaanto_ready") == 1
    assert value(text, "kohtaanto_check_ok", check="database") == 1
    assert value(text, "kohtaanto_check_ok", check="kafka") == 0, "no broker in this tier: degraded"


def test_the_profile_services_metrics_carry_no_personal_data(profile_app) -> None:
    coach = auth("coach", "tampere-tyollisyys")
    assert profile_app.test_client().put(
        "/api/v1/profiles/p1", json=profile_body(), headers=coach
    ).status_code in (
        200,
        201,
    )
    text = scrape(profile_app).decode()
    for personal in ("Aino", "Virtanen", "aino.virtanen", "1234567", "p1"):
        assert personal not in text


def test_the_matching_service_times_shortlists_apart_from_http(database_url) -> None:
    app = matching_app(database_url, Clock())
    vacancy(app, "v-weld")
    welders(app)
    before = value(scrape(app), "kohtaanto_shortlist_duration_seconds_count") or 0
    team = auth("team_member", "tampere-tyollisyys")
    assert app.test_client().get("/api/v1/vacancies/v-weld/shortlist", headers=team).status_code == 200
    assert app.test_client().get("/api/v1/vacancies/v-none/shortlist", headers=team).status_code == 404
    after = scrape(app)
    assert value(after, "kohtaanto_shortlist_duration_seconds_count") == before + 1
    names = {name for name, _ in samples(after)}
    assert {"kohtaanto_outbox_pending", "kohtaanto_ready"} <= names
