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


def test_matchings_readiness_hears_its_workers_consumers_and_its_own_index_feed(database_url, tmp_path):
    """The index feed runs in the web process itself (every process reads every partition): its beats
    are that process's, kept in memory; the team's consumers run in the worker and beat to the database."""
    from unittest import mock

    from services.matching import app as app_module
    from services.matching.config import Settings
    from services.matching.index.domain import engine as engine_module
    from services.matching.index.feed import IndexFeed
    from tests.api import matching_world as world
    from tests.api.databases import migrated
    from tests.helpers import MATCHING_KEY, common_settings

    settings = Settings(
        common=common_settings("matching", migrated(database_url, "matching")),
        cache_dir=world.REPO_ROOT / ".cache" / "matching",
        start_feed=True,
        index_snapshot_dir=tmp_path / "snapshots",
        record_key=MATCHING_KEY,
    )
    with (
        mock.patch.object(app_module, "load_taxonomy", world._taxonomy),
        mock.patch.object(app_module, "load_recognizer", world._recognizer),
        mock.patch.object(app_module, "load_title_reader", world._title_reader),
        mock.patch.object(engine_module, "build_skill_space", world._skill_space),
        mock.patch.object(
            IndexFeed, "start", lambda self: None
        ),  # no broker here: the feed's polls are faked
    ):
        app = app_module.create_app(settings, testing=True, clock=world.Clock())
    clock = with_clock(app)
    feed = app.extensions["kohtaanto.matching.feed"]
    feed.heartbeat.clock = clock
    client = app.test_client()
    limit = app.extensions["kohtaanto.workers"].max_silence_s
    check = client.get("/health/ready").json["checks"]["workers"]
    assert set(check["workers"]) == {
        "matching.paths",
        "matching.ratings",
        "matching.erasure",
        "matching.index",
    }

    engine = app.extensions["kohtaanto.engine"]
    for name in ("matching.paths", "matching.ratings", "matching.erasure"):
        worker_heartbeat(engine, name, instance="worker-1:77", clock=clock).beat(1, 0)
    feed.heartbeat.beat(6, 0)  # a poll of the feed, holding both topics' partitions
    clock.now += timedelta(seconds=limit + 1)
    for name in ("matching.paths", "matching.ratings", "matching.erasure"):
        worker_heartbeat(engine, name, instance="worker-1:77", clock=clock).beat(1, 0)
    check = client.get("/health/ready").json["checks"]["workers"]
    assert check["ok"] is False and "matching.index" in check["reason"], "the feed stopped polling"
    assert [name for name, w in check["workers"].items() if not w["ok"]] == ["matching.index"]
    feed.heartbeat.beat(6, 0)
    assert client.get("/health/ready").json["checks"]["workers"]["ok"] is True


def test_a_web_process_restarted_after_its_worker_died_is_degraded_at_once(database_url):
    """ops40: the restarted process reads when each consumer last polled from the database and judges by
    that; it used to start its own clock and report ``ok`` for the limit more (90 s by default)."""
    from services.vacancy.app import create_app
    from services.vacancy.config import Settings
    from tests.api.databases import migrated
    from tests.helpers import common_settings

    settings = Settings(common=common_settings("vacancy", migrated(database_url, "vacancy")))
    before = create_app(settings, testing=True)
    clock = with_clock(before)
    limit = before.extensions["kohtaanto.workers"].max_silence_s
    worker_heartbeat(before.extensions["kohtaanto.engine"], "vacancy.shortages", instance="worker-1:77",
                     clock=clock).beat(1, 0)  # fmt: skip
    clock.now += timedelta(seconds=limit + 30)  # the worker died at T0; the web process is restarted now

    after = create_app(settings, testing=True)
    check = after.extensions["kohtaanto.workers"]
    check.clock, check.since = clock, clock()
    client = after.test_client()
    ready = client.get("/health/ready")
    assert ready.status_code == 200 and ready.json["status"] == "degraded"
    workers = ready.json["checks"]["workers"]
    assert workers["ok"] is False and workers["workers"]["vacancy.shortages"]["beat_age_s"] == limit + 30
    assert "vacancy.shortages" in workers["reason"] and "worker-1:77" in workers["reason"]
    metrics = client.get("/metrics").get_data(as_text=True)
    assert f'kohtaanto_worker_heartbeat_age_seconds{{worker="vacancy.shortages"}} {limit + 30:.1f}' in metrics
    assert 'kohtaanto_check_ok{check="workers"} 0.0' in metrics

    # a beat still within the limit when the process starts: ok, until the limit has passed since the beat
    worker_heartbeat(after.extensions["kohtaanto.engine"], "vacancy.shortages", instance="worker-2:78",
                     clock=clock).beat(1, 0)  # fmt: skip
    clock.now += timedelta(seconds=limit - 10)
    again = create_app(settings, testing=True)
    check = again.extensions["kohtaanto.workers"]
    check.clock, check.since = clock, clock()
    assert again.test_client().get("/health/ready").json["checks"]["workers"]["ok"] is True
    clock.now += timedelta(seconds=11)
    assert again.test_client().get("/health/ready").json["checks"]["workers"]["ok"] is False
