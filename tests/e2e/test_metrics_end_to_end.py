"""/metrics through gunicorn (several workers, multiprocess mode) and from the workers, on the real
broker: what an operator's Prometheus would scrape."""

from __future__ import annotations

import pytest

from deploy.http_client import call, wait_for
from tests.api.vacancy_bodies import valid
from tests.helpers import token
from tests.unit.shared.test_metrics import samples, value

pytestmark = [pytest.mark.e2e, pytest.mark.kafka]

EMPLOYER = token("employer", "konepaja-oy")


def scrape(url: str) -> bytes:
    response = call("GET", url)
    assert response.status == 200, response.body[:300]
    return response.body


def test_request_counts_add_up_over_gunicorns_workers(stack) -> None:
    route = {
        "service": "vacancy",
        "method": "GET",
        "route": "/api/v1/vacancies/<vacancy_id>",
        "status": "200",
    }
    name = "kohtaanto_http_request_duration_seconds_count"
    posted = call("POST", f"{stack.url('vacancy')}/api/v1/vacancies", EMPLOYER, valid())
    assert posted.status == 201, posted.body
    before = value(scrape(f"{stack.url('vacancy')}/metrics"), name, **route) or 0
    for _ in range(40):  # spread over both workers by gunicorn's accept loop
        assert (
            call("GET", f"{stack.url('vacancy')}/api/v1/vacancies/{posted.json()['id']}", EMPLOYER).status
            == 200
        )
    for _ in range(3):  # whichever worker answers the scrape, it reports the sum
        assert value(scrape(f"{stack.url('vacancy')}/metrics"), name, **route) == before + 40


def test_the_worker_relays_the_outbox_and_says_so(stack) -> None:
    posted = call("POST", f"{stack.url('vacancy')}/api/v1/vacancies", EMPLOYER, valid(title="Kokki"))
    assert posted.status == 201
    wait_for(
        lambda: value(scrape(f"{stack.url('vacancy')}/metrics"), "kohtaanto_outbox_pending") == 0,
        timeout=60,
        what="the outbox to drain",
    )
    worker = scrape(stack.worker_metrics_url("vacancy"))
    assert (value(worker, "kohtaanto_outbox_published_total") or 0) >= 1
    assert value(worker, "kohtaanto_outbox_oldest_pending_age_seconds") == 0


def test_the_matching_index_reports_its_size_offsets_and_lag(stack) -> None:
    call("POST", f"{stack.url('vacancy')}/api/v1/vacancies", EMPLOYER, valid(title="Hitsaaja"))

    def indexed() -> bytes | None:
        text = scrape(f"{stack.url('matching')}/metrics")
        return text if (value(text, "kohtaanto_index_vacancies") or 0) >= 1 else None

    text = wait_for(indexed, timeout=60, what="the vacancy in the index")
    assert value(text, "kohtaanto_index_caught_up") == 1
    assert value(text, "kohtaanto_ready") == 1
    offsets = [
        labels
        for (name, labels), _ in samples(text).items()
        if name == "kohtaanto_consumer_last_handled_offset" and ("consumer", "matching.index") in labels
    ]
    assert any(("topic", "kohtaanto.vacancies.v1") in labels for labels in offsets)
    lags = [v for (name, labels), v in samples(text).items() if name == "kohtaanto_consumer_lag_messages"]
    assert lags and all(lag >= 0 for lag in lags)
