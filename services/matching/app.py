"""``create_app`` for the matching service: ``gunicorn 'services.matching.app:create_app()'``.

Run it with one gunicorn worker (threads for concurrency): the index lives in the worker's memory.
"""

from __future__ import annotations

import atexit
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from flask import Flask

from services.kernel.calendar import local_day
from services.matching.config import Settings
from services.matching.index.api import blp
from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.feed import IndexFeed
from services.matching.index.handlers import MatchingHandlers
from services.matching.index.reference import (
    esco_catalogue_of,
    load_recognizer,
    load_taxonomy,
    load_title_reader,
)
from services.matching.index.snapshot import SnapshotStore
from services.matching.index.state import MatchingState
from services.matching.team import api as team_api
from services.matching.team import refusals, training_api, web
from services.matching.team.erasure import ErasedCandidates
from services.matching.team.events import CONSUMES
from services.matching.team.handlers import Places, TeamHandlers, TeamRecords
from services.matching.team.repository import UnitOfWork, metadata
from services.matching.team.training import Places as CoursePlaces
from services.matching.team.training_handlers import TrainingHandlers
from shared.http import unavailable_while
from shared.i18n import N_
from shared.logging import configure_logging
from shared.messaging.deadletters import dead_letter_ledger
from shared.metrics import GaugesCollector
from shared.reference import UnknownConceptError, geography, office_areas
from shared.schemas import Reference, implausible_day, short_text_refusals
from shared.service import build_service_app, register_health
from shared.tables import excel_date, read_table


def create_app(settings: Settings | None = None, **overrides: Any) -> Flask:
    settings = settings or Settings.from_env()
    common = settings.common
    configure_logging(common.service)
    # ESCO is read once, into the taxonomy; the API's reference data (ESCO URIs it accepts, places)
    # is derived from it rather than read from the files a second time.
    taxonomy = load_taxonomy(common.reference_dir, settings.cache_dir)
    reference = Reference(esco_catalogue_of(taxonomy, common.reference_dir), geography(common.reference_dir))
    service = build_service_app(
        common,
        "Kohtaanto matching service",
        metadata,
        reference,
        testing=bool(overrides.get("testing")),
        record_secret=settings.record_key,
        workers=[spec.name for spec in CONSUMES],  # the worker's consumers (readiness hears their beats)
    )
    app = service.app
    app.config["KOHTAANTO_DEFAULT_K"] = settings.default_k
    recognizer = load_recognizer(
        taxonomy,
        common.reference_dir,
        settings.cache_dir,
        embedding_cache=settings.embedding_cache_dir,
        threads=settings.recognition_threads,
    )
    # abolished codes (records written before a merger) sit at their successor's centre
    places = geography(common.reference_dir).coordinates(with_abolished=True)
    # job titles of vacancies without an occupation are read in any language (exact labels, then the
    # recogniser's multilingual model over the occupations' cached label embeddings)
    titles = load_title_reader(taxonomy, recognizer, settings.embedding_cache_dir, common.reference_dir)
    geo = geography(common.reference_dir)
    state = MatchingState(
        MatchingEngine(taxonomy, places, titles=titles, road_networks=geo.road_networks()),
        recognizer,
        ErasedCandidates(service.engine, settings.record_key),
        municipalities=frozenset(geo.municipalities) | frozenset(geo.abolished),
    )
    app.extensions["kohtaanto.matching.taxonomy"] = taxonomy
    app.extensions["kohtaanto.matching.state"] = state
    clock: Callable[[], datetime] = overrides.get("clock") or (lambda: datetime.now(UTC))
    engine = service.engine
    towns = geography(common.reference_dir).municipalities.values()
    records = TeamRecords(
        lambda: UnitOfWork(engine, settings.record_key),
        taxonomy,
        Places.of(geography(common.reference_dir), office_areas(common.reference_dir)),
        clock=clock,
        period_rules=settings.period_rules,
        acts_for=app.extensions["kohtaanto.organisations"].acts_for,
    )
    # The index reads from the team's records which candidates were already hired or rejected for
    # a vacancy (not proposed again) and which vacancies are shortage roles; the team reads the
    # index only through the index's use cases. Who sees which candidates follows the registry's
    # kind and regions of the caller's organisation and the candidate's home region
    # (shared.entitlement.viewer).
    index = MatchingHandlers(
        state,
        records,
        today=lambda: local_day(clock()),
        org_kind=app.extensions["kohtaanto.organisations"].kind,
        availability_window_days=settings.availability_window_days,
        org_regions=app.extensions["kohtaanto.organisations"].regions,
        home_regions=geo.home_regions(),
    )

    def known_skill(text: str) -> str | None:
        try:
            return reference.catalogue.resolve(text, "skill")
        except UnknownConceptError:
            return None

    def municipality_code(text: str) -> tuple[str, str | None]:
        found = reference.geography.municipality(text)  # UnknownPlaceError (a ValueError): why not
        return found.code, found.notice

    region_codes: dict[str, set[str]] = {}
    for m in towns:
        region_codes.setdefault(m.region, set()).add(m.code)
    training = TrainingHandlers(
        lambda: UnitOfWork(engine, settings.record_key),
        index,
        taxonomy,
        CoursePlaces(
            known_skill,
            municipality_code,
            {m.code: (m.lat, m.lon) for m in towns},
            app.extensions["kohtaanto.organisations"].kind,
            reference.catalogue.version,
            excel_date,
            geo.road_networks(),
            short_text_refusals,
            implausible_day,
        ),
        region_codes,
        read_table=read_table,
        acts_for=app.extensions["kohtaanto.organisations"].acts_for,
        clock=clock,
    )
    app.extensions["kohtaanto.matching.training"] = training
    team = TeamHandlers(
        records,
        index,
        top_k=settings.meeting_top_k,
        training=training,
        late_prepare=settings.meeting_late_prepare,
    )
    app.extensions["kohtaanto.matching.handlers"] = index
    app.extensions["kohtaanto.matching.team"] = team
    app.config["KOHTAANTO_PROFILE_PUBLIC_URL"] = settings.profile_public_url

    if settings.start_feed:
        snapshots = SnapshotStore(
            settings.snapshot_dir, max_age_s=settings.index_snapshot_max_age_hours * 3600
        )
        feed = IndexFeed(
            state,
            common.kafka,
            dead_letter_ledger(service.engine),
            snapshots=snapshots,
            snapshot_interval_s=settings.index_snapshot_seconds,
        )
        # while the index loads (snapshot, then the topics since), what it answers may be old or
        # missing: no "No such vacancy", no candidate whose consent ended since the snapshot
        app.before_request(
            unavailable_while(lambda: not feed.caught_up.is_set(), index_backed, INDEX_LOADING)
        )
        feed.start()
        atexit.register(feed.close)
        app.extensions["kohtaanto.matching.feed"] = feed
        service.checks["index"] = feed.status
        if service.workers is not None:  # the feed of this process beats in memory
            service.workers.watch(feed.heartbeat)
        service.collectors.append(GaugesCollector(lambda: index_gauges(state, feed)))

    # a refused request naming a candidate is published for the profile service's audit log, and a
    # caller's refusals are bounded (team.refusals; outside tester 21, Q4)
    refusals.install(app, lambda: UnitOfWork(engine, settings.record_key), clock, common.rate_limits.refused)
    service.api.register_blueprint(blp)
    service.api.register_blueprint(team_api.blp)
    service.api.register_blueprint(training_api.blp)
    app.register_blueprint(web.bp)
    # The index must have caught up with the topics once before shortlists mean anything.
    register_health(service, frozenset({"database", "index"} if settings.start_feed else {"database"}))
    return app


INDEX_LOADING = N_(
    "The matching index is still loading after a restart: try again in a few seconds (see Retry-After)."
)


def index_backed(path: str) -> bool:
    """Whether a request to ``path`` reads the matching index, or the team's records filtered by it:
    every ``/api/v1/`` call but the recognition of a text (it reads no index), and the meeting
    pages. These answer 503 while the index loads (outside tester 18, P17)."""
    if path.startswith("/api/v1/"):
        return path != "/api/v1/skills/recognise"
    return path.startswith("/meetings")


def index_gauges(state: MatchingState, feed: IndexFeed) -> dict[str, tuple[str, float]]:
    """The index's size and whether it has caught up, for /metrics (the offsets it applied are
    ``kohtaanto_consumer_last_handled_offset{consumer="matching.index"}``)."""
    return {
        "index_candidates": ("Candidates in the matching index", len(state.engine)),
        "index_vacancies": ("Vacancies in the matching index", len(state.vacancies())),
        "index_caught_up": (
            "1 once the index has read both topics to their end since start-up",
            feed.caught_up.is_set(),
        ),
    }
