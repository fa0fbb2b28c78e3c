"""``create_app`` for the matching service: ``gunicorn 'services.matching.app:create_app()'``.

Run it with one gunicorn worker (threads for concurrency): the index lives in the worker's memory.
"""

from __future__ import annotations

import atexit
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from flask import Flask

from services.matching.config import Settings
from services.matching.index.api import blp
from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.feed import IndexFeed
from services.matching.index.handlers import MatchingHandlers
from services.matching.index.reference import load_recognizer, load_taxonomy
from services.matching.index.state import MatchingState
from services.matching.team import api as team_api
from services.matching.team import training_api, web
from services.matching.team.handlers import Places, TeamHandlers
from services.matching.team.repository import UnitOfWork, metadata
from services.matching.team.training import Places as CoursePlaces
from services.matching.team.training_handlers import TrainingHandlers
from shared.reference import UnknownConceptError, geography
from shared.service import build_service_app, register_health
from shared.tables import read_table


def create_app(settings: Settings | None = None, **overrides: Any) -> Flask:
    settings = settings or Settings.from_env()
    common = settings.common
    service = build_service_app(
        common, "Kohtaanto matching service", metadata, testing=bool(overrides.get("testing"))
    )
    app = service.app
    app.config["KOHTAANTO_DEFAULT_K"] = settings.default_k

    taxonomy = load_taxonomy(common.reference_dir, settings.cache_dir)
    recognizer = load_recognizer(taxonomy, common.reference_dir, settings.cache_dir)
    # abolished codes (records written before a merger) sit at their successor's centre
    places = geography(common.reference_dir).coordinates(with_abolished=True)
    state = MatchingState(
        MatchingEngine(taxonomy, places),
        recognizer,
        common.kafka.vacancies_topic,
        common.kafka.candidates_topic,
    )
    app.extensions["kohtaanto.matching.taxonomy"] = taxonomy
    app.extensions["kohtaanto.matching.state"] = state
    clock: Callable[[], datetime] = overrides.get("clock") or (lambda: datetime.now(UTC))
    engine = service.engine
    towns = geography(common.reference_dir).municipalities.values()
    reference = app.extensions["kohtaanto.reference"]

    def known_skill(text: str) -> str | None:
        try:
            return reference.catalogue.resolve(text, "skill")
        except UnknownConceptError:
            return None

    def municipality_code(text: str) -> str | None:
        try:
            return reference.geography.municipality(text).code
        except ValueError:
            return None

    region_codes: dict[str, set[str]] = {}
    for m in towns:
        region_codes.setdefault(m.region, set()).add(m.code)
    training = TrainingHandlers(
        lambda: UnitOfWork(engine),
        state,
        taxonomy,
        CoursePlaces(known_skill, municipality_code, {m.code: (m.lat, m.lon) for m in towns}),
        region_codes,
        topic=common.kafka.training_topic,
        read_table=read_table,
        clock=clock,
    )
    app.extensions["kohtaanto.matching.training"] = training
    team = TeamHandlers(
        lambda: UnitOfWork(engine),
        state,
        taxonomy,
        Places.of(geography(common.reference_dir)),
        outcomes_topic=common.kafka.outcomes_topic,
        shortages_topic=common.kafka.shortages_topic,
        clock=clock,
        top_k=settings.meeting_top_k,
        training=training,
        period_rules=settings.period_rules,
        org_kind=service.app.extensions["kohtaanto.organisations"].kind,
    )
    app.extensions["kohtaanto.matching.team"] = team
    app.config["KOHTAANTO_PROFILE_PUBLIC_URL"] = settings.profile_public_url
    # Candidates already hired or rejected for a vacancy are not proposed again for it.
    app.extensions["kohtaanto.matching.handlers"] = MatchingHandlers(
        state,
        exclusions=team.excluded,
        today=lambda: clock().date(),
        org_kind=app.extensions["kohtaanto.organisations"].kind,
    )

    if settings.start_feed:
        feed = IndexFeed(state, common.kafka)
        feed.start()
        atexit.register(feed.close)
        app.extensions["kohtaanto.matching.feed"] = feed
        service.checks["index"] = feed.status

    service.api.register_blueprint(blp)
    service.api.register_blueprint(team_api.blp)
    service.api.register_blueprint(training_api.blp)
    app.register_blueprint(web.bp)
    # The index must have caught up with the topics once before shortlists mean anything.
    register_health(service, frozenset({"database", "index"} if settings.start_feed else {"database"}))
    return app
