"""The composition root every service's ``create_app`` builds on: one Flask app, same shape everywhere.

Nothing here runs at import time; gunicorn calls ``create_app()`` in each worker after fork.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, Response, request
from prometheus_client.registry import Collector
from sqlalchemy import Engine, MetaData

from shared.auth import TokenCodec, init_auth
from shared.config import MAX_REQUEST_BODY_BYTES, CommonSettings
from shared.db import make_engine, ping
from shared.http import Api, Check, create_api, health_blueprint
from shared.idempotency import IdempotencyStore, record_key
from shared.idempotency import install as install_idempotency
from shared.logging import configure_logging, init_request_logging
from shared.messaging.deadletters import SqlDeadLetterLedger
from shared.messaging.errors import EventTooLargeError
from shared.messaging.heartbeat import TABLE as HEARTBEATS
from shared.messaging.heartbeat import WorkersCheck
from shared.messaging.kafka import broker_reachable
from shared.messaging.outbox import OutboxCheck
from shared.methods import install as answer_methods_at_the_edge
from shared.metrics import (
    ChecksCollector,
    HeartbeatCollector,
    OutboxCollector,
    instrument,
    metrics_blueprint,
)
from shared.migrations import prepare_database, service_migrations
from shared.org_names import init_org_names
from shared.organisations import registry
from shared.ratelimit import install_rate_limits
from shared.schemas import Reference
from shared.sign_in import install_browser_protections, reads_by_other_origins

log = logging.getLogger(__name__)


@dataclass
class ServiceApp:
    app: Flask
    api: Api
    engine: Engine
    checks: dict[str, Check] = field(default_factory=dict)
    collectors: list[Collector] = field(default_factory=list)  # scrape-time gauges for /metrics
    workers: WorkersCheck | None = None  # checks.workers: the consumers' heartbeats


class BrokerProbe:
    """Whether the broker answers, asked at most every ``ttl_s`` seconds (probes are frequent)."""

    def __init__(self, settings: CommonSettings, ttl_s: float = 5.0) -> None:
        self.settings = settings
        self.ttl_s = ttl_s
        self._at = 0.0
        self._ok = False

    def __call__(self) -> Mapping[str, Any]:
        if time.monotonic() - self._at > self.ttl_s:
            self._ok = broker_reachable(self.settings.kafka)
            self._at = time.monotonic()
        return {"ok": self._ok, "bootstrap_servers": self.settings.kafka.bootstrap_servers}


def build_service_app(
    settings: CommonSettings,
    title: str,
    metadata: MetaData,
    reference: Reference,
    *,
    testing: bool = False,
    record_secret: bytes | None = None,
    workers: Sequence[str] = (),
) -> ServiceApp:
    """The Flask app with the error shape, auth, reference data, database and health checks
    (database, broker, the outbox backlog when ``metadata`` has an ``outbox`` table, and the
    heartbeats of the consumers named ``workers``, the service's worker process's, when it has a
    ``worker_heartbeats`` table).

    ``record_secret``: the service's own secret that keys what its idempotency records keep
    (``shared.idempotency.record_key``: the profile service's pseudonym key, matching's record key);
    None: the token-signing secret (the vacancy service, none of whose requests names a jobseeker), or
    no key when tokens are checked against a JWKS instead.

    The database is migrated to ``metadata``'s schema by ``services/<service>/migrations``
    (``shared.migrations``); raises ``MigrationError`` when it cannot be."""
    configure_logging(settings.service)
    app = Flask(f"kohtaanto.{settings.service}")
    app.config["TESTING"] = testing
    app.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BODY_BYTES
    instrument(app, settings.service)  # first, so requests that auth rejects are timed too
    init_request_logging(app)
    # OPTIONS and HEAD answered before sign-in and the input guard: they read nothing (tester 37, K2)
    answer_methods_at_the_edge(app)
    api = create_api(app, title, reference_description(reference))
    organisations = registry(settings.organisations_path, frozenset(reference.geography.regions))
    init_auth(app, TokenCodec.from_settings(settings.auth), organisations.kind)
    app.extensions["kohtaanto.reference"] = reference
    app.extensions["kohtaanto.organisations"] = organisations
    init_org_names(app)
    engine = make_engine(settings.database_url)
    migrations = service_migrations(settings.service, metadata)
    prepare_database(engine, migrations, migrate=settings.migrate_on_start)
    app.extensions["kohtaanto.engine"] = engine
    if "idempotency_keys" in metadata.tables:  # (`shared.idempotency`: POSTs retried with a key)
        secret = record_secret or (settings.auth.jwt_secret or "").encode()
        key = record_key(secret) if secret else None
        install_idempotency(app, IdempotencyStore(engine, metadata.tables["idempotency_keys"], key=key))
    install_rate_limits(app, engine, settings.rate_limits)
    install_browser_protections(app, settings.cors_origins)

    if settings.cors_origins:
        origins = set(settings.cors_origins)

        @app.after_request
        def cors(response: Any) -> Any:
            origin = request.headers.get("Origin")
            if origin in origins:
                response.headers["Access-Control-Allow-Origin"] = origin
                if reads_by_other_origins(app):
                    # the session cookie only where a listed origin's page needs it (the meeting
                    # page's name look-up); elsewhere its scripts read with a bearer token only, so
                    # a script injected there cannot read profiles with a coach's cookie (tester 16, P5)
                    response.headers["Access-Control-Allow-Credentials"] = "true"
                response.headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type"
                response.headers["Access-Control-Allow-Methods"] = "GET, POST, PUT, DELETE, OPTIONS"
                # a listed page may read when to try again (the meeting page's name look-up, 429)
                response.headers["Access-Control-Expose-Headers"] = "Retry-After"
                response.headers["Vary"] = "Origin"
            return response

    @app.get("/favicon.ico")
    def favicon() -> Any:
        # every browser asks a page's host for an icon: the services have none, so an empty answer rather than
        # a 404 in the console of the meeting, rating and sign-in pages (outside tester 40)
        return Response(status=204, headers={"Cache-Control": "public, max-age=86400"})

    def database() -> Mapping[str, Any]:
        ping(engine)
        return {"ok": True, "dialect": engine.dialect.name}

    @app.errorhandler(EventTooLargeError)
    def event_too_large(exc: EventTooLargeError) -> Any:
        # The APIs bound their fields so that this cannot happen; if it does, nothing was stored.
        return {
            "code": 422,
            "status": "Unprocessable Entity",
            "message": "The request is too large to be published as one event.",
            "errors": {"json": {"_schema": [str(exc)]}},
        }, 422

    service = ServiceApp(
        app,
        api,
        engine,
        {"database": database, "kafka": BrokerProbe(settings), "reference": reference.describe},
    )
    outbox = metadata.tables.get("outbox")
    if outbox is not None:
        # rows waiting for the broker (degraded once the oldest waits longer than the setting: the
        # relay is down), and rows parked because it can never take them (an operator must look)
        service.checks["outbox"] = OutboxCheck(engine, outbox, settings.outbox_max_lag_seconds)
        service.collectors.append(OutboxCollector(engine, outbox))
    if HEARTBEATS in metadata.tables:
        # a consumer silent longer than the setting (its worker dead, hanging or stuck in a
        # rebalance) degrades the service, naming it; its heartbeat's age is a gauge too
        service.workers = WorkersCheck(engine, workers, settings.worker_max_silence_seconds)
        service.checks["workers"] = service.workers
        app.extensions["kohtaanto.workers"] = service.workers
        service.collectors.append(HeartbeatCollector(service.workers.ages))
    dead_letters = metadata.tables.get("dead_letters")
    if dead_letters is not None:
        service.checks["dead_letters"] = SqlDeadLetterLedger(engine, dead_letters).health
    return service


def reference_description(reference: Reference) -> str:
    """The OpenAPI description's statement of the reference data the API validates against."""
    d = reference.describe()
    return (
        f"Skills and occupations are ESCO {d['esco_version']} concept URIs "
        f"({d['esco_skills']} skills, {d['esco_occupations']} occupations). Municipalities are "
        f"Statistics Finland's {d['municipalities']} municipalities of 2025 (codes abolished by mergers "
        f"since 2005 are mapped to their successor), regions the {d['regions']} maakunta; languages are "
        "ISO 639-1 or ISO 639-3 codes. ESCO: © European Union. Municipalities and regions: Statistics "
        "Finland and National Land Survey of Finland, CC BY 4.0."
    )


def register_health(service: ServiceApp, required: frozenset[str] = frozenset({"database"})) -> None:
    """Readiness needs the database (and whatever else ``required`` names); a broker outage only
    degrades the service: writes wait in the outbox and are delivered when the broker returns.
    Registers ``/metrics`` too, with the checks as gauges and ``service.collectors``."""
    service.app.register_blueprint(health_blueprint(service.checks, required=set(required)))
    service.app.register_blueprint(
        metrics_blueprint([ChecksCollector(service.checks, required), *service.collectors])
    )
