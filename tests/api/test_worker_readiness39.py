"""Each service's readiness names a consumer of its worker that has fallen silent (ops38's report: a dead
consumer was invisible to ``/health/ready``): ``checks.workers`` lists the worker's consumers with their
heartbeat age, is not ok once one has not polled holding a partition for longer than the limit (the
service ``degraded``, still 200), and ``/metrics`` gives each heartbeat's age. A fake clock stands for time
passing; the beats are the worker's own (``shared.messaging.heartbeat``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from shared.messaging.heartbeat import worker_heartbeat

T0 = datetime(2026, 12, 6, 2, 0, tzinfo=UTC)


class FakeClock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def with_clock(app) -> FakeClock:  # type: ignore[no-untyped-def]
    clock = FakeClock()
    check = app.extensions["kohtaanto.workers"]
    check.clock, check.since = clock, clock()
    return clock


def test_the_vacancy_services_readiness_names_its_silent_shortage_list_consumer(vacancy_app):
    readiness_names_a_silent_consumer(vacancy_app, {"vacancy.shortages"})


def test_the_profile_services_readiness_names_its_silent_outcome_or_training_consumer(profile_app):
    readiness_names_a_silent_consumer(profile_app, {"profile.outcomes", "profile.training"})


def readiness_names_a_silent_consumer(app, consumers: set[str]) -> None:  # type: ignore[no-untyped-def]
    engine, client, clock = app.extensions["kohtaanto.engine"], app.test_client(), with_clock(app)
    limit = app.extensions["kohtaanto.workers"].max_silence_s
    check = client.get("/health/ready").json["checks"]["workers"]
    assert check["ok"] is True and set(check["workers"]) == consumers, "just started: not yet silent"

    for name in consumers:  # the worker runs: each consumer beats (an idle one too)
        worker_heartbeat(engine, name, instance="worker-1:77", clock=clock).beat(1, 0)
    clock.now += timedelta(seconds=limit)
    assert client.get("/health/ready").json["checks"]["workers"]["ok"] is True

    silent = sorted(consumers)[0]
    for name in consumers - {silent}:
        worker_heartbeat(engine, name, instance="worker-1:77", clock=clock).beat(1, 0)
    clock.now += timedelta(seconds=1)
    ready = client.get("/health/ready")
    assert ready.status_code == 200 and ready.json["status"] == "degraded"
    check = ready.json["checks"]["workers"]
    assert check["ok"] is False and check["workers"][silent]["ok"] is False
    assert silent in check["reason"] and "worker-1:77" in check["reason"]
    assert all(check["workers"][name]["ok"] for name in consumers - {silent})

    metrics = client.get("/metrics").get_data(as_text=True)
    assert f'kohtaanto_worker_heartbeat_age_seconds{{worker="{silent}"}} {limit + 1:.1f}' in metrics
    assert 'kohtaanto_check_ok{check="workers"} 0.0' in metrics

    worker_heartbeat(engine, silent, instance="worker-2:78", clock=clock).beat(1, 0)  # restarted
    check = client.get("/health/ready").json["checks"]["workers"]
    assert check["ok"] is True and check["workers"][silent]["instance"] == "worker-2:78"
