"""``create_app`` for the vacancy service: ``gunicorn 'services.vacancy.app:create_app()'``."""

from __future__ import annotations

from typing import Any

from flask import Flask

from services.vacancy.api import blp
from services.vacancy.config import Settings
from services.vacancy.events import CONSUMES
from services.vacancy.handlers import VacancyHandlers
from services.vacancy.repository import UnitOfWork, metadata
from shared.reference import esco_catalogue, geography
from shared.schemas import Reference
from shared.service import build_service_app, register_health


def create_app(settings: Settings | None = None, **overrides: Any) -> Flask:
    settings = settings or Settings.from_env()
    common = settings.common
    # what this service's API validates ESCO URIs and places against
    reference = Reference(esco_catalogue(common.reference_dir), geography(common.reference_dir))
    service = build_service_app(
        common,
        "Kohtaanto vacancy service",
        metadata,
        reference,
        testing=bool(overrides.get("testing")),
        workers=[spec.name for spec in CONSUMES],  # the worker's consumers (readiness hears their beats)
    )
    engine = service.engine
    service.app.extensions["kohtaanto.vacancy.handlers"] = VacancyHandlers(lambda: UnitOfWork(engine))

    service.api.register_blueprint(blp)
    register_health(service)
    return service.app
