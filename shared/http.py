"""The HTTP edge every service shares: the flask-smorest Api with one error shape, health endpoints."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any, NoReturn

from flask import Blueprint, Flask, jsonify
from flask_smorest import Api as SmorestApi
from flask_smorest import abort as _abort
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)

Check = Callable[[], Mapping[str, Any]]


def abort(code: int, message: str, **kwargs: Any) -> NoReturn:
    """Stop the request with an HTTP error rendered as ``{code, status, message, errors}``.

    ``errors`` (field-level reasons) and ``headers`` may be passed as keywords.
    """
    _abort(code, message=message, **kwargs)
    raise AssertionError("unreachable: abort raises")


class Api(SmorestApi):
    """Every error is rendered once, as JSON ``{code, status, message, errors}``."""

    def handle_http_exception(self, error: HTTPException) -> Any:  # type: ignore[override]
        payload, code, headers = super().handle_http_exception(error)
        payload.setdefault("message", error.description or error.name)
        payload.setdefault("errors", {})
        if code >= 500:
            log.error("server error", extra={"code": code, "error": repr(error)})
        return payload, code, headers


def openapi_config(title: str, version: str = "1", description: str = "") -> dict[str, Any]:
    return {
        "API_TITLE": title,
        "API_VERSION": version,
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/",
        "OPENAPI_JSON_PATH": "openapi.json",
        "OPENAPI_SWAGGER_UI_PATH": "/docs",
        "OPENAPI_SWAGGER_UI_URL": "https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/",
        "API_SPEC_OPTIONS": {
            "info": {"description": description},
            "components": {
                "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}
            },
            "security": [{"bearerAuth": []}],
        },
    }


def create_api(app: Flask, title: str, description: str = "") -> Api:
    for key, value in openapi_config(title, description=description).items():
        app.config.setdefault(key, value)
    app.json.sort_keys = False  # type: ignore[attr-defined]
    api = Api(app)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> Any:
        if isinstance(exc, HTTPException):
            return api.handle_http_exception(exc)
        log.exception("unhandled error")
        return {
            "code": 500,
            "status": "Internal Server Error",
            "message": "Unexpected error; it has been logged.",
            "errors": {},
        }, 500

    return api


def health_blueprint(checks: Mapping[str, Check], *, required: set[str]) -> Blueprint:
    """``/health/live`` (the process answers) and ``/health/ready`` (its dependencies answer).

    Each check returns a mapping with at least ``ok: bool``. Readiness is 503 when a *required*
    check fails; an optional dependency that is down makes the service ``degraded`` but still ready.
    """
    bp = Blueprint("health", __name__, url_prefix="/health")

    @bp.get("/live")
    def live() -> Any:
        return jsonify(status="ok")

    @bp.get("/ready")
    def ready() -> Any:
        results: dict[str, Any] = {}
        for name, check in checks.items():
            try:
                results[name] = dict(check())
            except Exception as exc:
                results[name] = {"ok": False, "error": repr(exc)}
        failed_required = [n for n in required if not results.get(n, {}).get("ok")]
        degraded = [n for n, r in results.items() if not r.get("ok") and n not in required]
        status = "unavailable" if failed_required else ("degraded" if degraded else "ok")
        return jsonify(status=status, checks=results), (503 if failed_required else 200)

    return bp
