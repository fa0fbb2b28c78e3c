"""``create_app`` for the profile service: ``gunicorn 'services.profile.app:create_app()'``."""

from __future__ import annotations

from typing import Any

from flask import Flask

from services.profile.api import blp
from services.profile.config import Settings
from services.profile.handlers import ProfileHandlers
from services.profile.repository import UnitOfWork, metadata
from shared.service import build_service_app, register_health


def create_app(settings: Settings | None = None, **overrides: Any) -> Flask:
    settings = settings or Settings.from_env()
    common = settings.common
    service = build_service_app(
        common, "Kohtaanto profile service", metadata, testing=bool(overrides.get("testing"))
    )
    engine = service.engine
    service.app.extensions["kohtaanto.profile.handlers"] = ProfileHandlers(
        lambda: UnitOfWork(engine), settings.pseudonym_key
    )

    service.api.register_blueprint(blp)
    register_health(service)
    return service.app
