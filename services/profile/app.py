"""``create_app`` for the profile service: ``gunicorn 'services.profile.app:create_app()'``."""

from __future__ import annotations

from typing import Any

from flask import Flask

from services.kernel.calendar import FinnishWorkingDays
from services.profile import refusals
from services.profile.api import blp
from services.profile.config import Settings
from services.profile.events import CONSUMES
from services.profile.handlers import ProfileHandlers
from services.profile.paths.api import blp as paths_blp
from services.profile.paths.handlers import PathHandlers
from services.profile.paths.rating_api import blp as ratings_blp
from services.profile.paths.rating_api import pages as rating_pages
from services.profile.paths.rating_handlers import RatingHandlers
from services.profile.paths.repository import JourneyUnitOfWork
from services.profile.paths.voucher_api import blp as vouchers_blp
from services.profile.paths.voucher_handlers import VoucherHandlers
from services.profile.paths.web import bp as pages
from services.profile.repository import metadata
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
        "Kohtaanto profile service",
        metadata,
        reference,
        testing=bool(overrides.get("testing")),
        record_secret=settings.pseudonym_key,
        workers=[spec.name for spec in CONSUMES],  # the worker's consumers (readiness hears their beats)
    )
    engine = service.engine

    def uow() -> JourneyUnitOfWork:
        return JourneyUnitOfWork(engine, settings.pseudonym_key)

    municipalities = service.app.extensions["kohtaanto.reference"].municipalities

    def region_of(code: str) -> str:
        return municipalities[code].region

    service.app.extensions["kohtaanto.profile.uow"] = uow
    refusals.install(service.app, uow)
    service.app.extensions["kohtaanto.profile.handlers"] = ProfileHandlers(uow, settings.pseudonym_key)
    service.app.extensions["kohtaanto.profile.paths"] = PathHandlers(
        uow, FinnishWorkingDays(), acknowledge_within=settings.handover_ack_working_days, region_of=region_of
    )
    service.app.extensions["kohtaanto.profile.vouchers"] = VoucherHandlers(
        uow,
        region_of=region_of,
        acts_for=service.app.extensions["kohtaanto.organisations"].acts_for,
        regions_served=service.app.extensions["kohtaanto.organisations"].regions,
    )
    service.app.extensions["kohtaanto.profile.ratings"] = RatingHandlers(uow, region_of=region_of)

    service.api.register_blueprint(blp)
    service.api.register_blueprint(paths_blp)
    service.api.register_blueprint(vouchers_blp)
    service.api.register_blueprint(ratings_blp)
    service.app.register_blueprint(pages)
    service.app.register_blueprint(rating_pages)
    register_health(service)
    return service.app
