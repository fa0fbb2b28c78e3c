"""The HTTP edge every service shares: the flask-smorest Api with one error shape, health endpoints."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, NoReturn

from flask import Blueprint, Flask, current_app, jsonify, request, send_from_directory
from flask_babel import gettext
from flask_smorest import Api as SmorestApi
from flask_smorest import abort as _abort
from werkzeug.exceptions import HTTPException

from shared.i18n import init_i18n, translate_errors, translate_text

log = logging.getLogger(__name__)

Check = Callable[[], Mapping[str, Any]]
SWAGGER_UI_ASSETS = "/docs/assets"


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
        # The exception's own headers too (e.g. ``Allow`` on 405), not only those passed to abort().
        for name, value in error.get_headers():
            if name.lower() != "content-type":
                headers.setdefault(name, value)
        if code == 429:
            payload["message"] = gettext(
                "Too many requests from this caller (limit: %(limit)s); "
                "try again after the seconds in Retry-After.",
                limit=error.description,
            )
        payload.setdefault("message", error.description or error.name)
        payload.setdefault("errors", {})
        payload["message"] = translate_text(str(payload["message"]))
        payload["errors"] = translate_errors(payload["errors"])
        if code >= 500:
            log.error("server error", extra={"code": code, "error": repr(error)})
        return payload, code, headers


# -- bad input: refused at the edge, before any view, as 400 in the JSON error shape -------------------
MAX_JSON_DEPTH = 32
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f]")


class BadInputError(ValueError):
    """Input no view should see: ``errors`` maps a location to ``{field path: [reason]}``."""

    def __init__(self, location: str, where: str | None, reason: str) -> None:
        super().__init__(reason)
        self.errors: dict[str, Any] = {location: {where: [reason]} if where else [reason]}


def _walk(value: Any, path: str, depth: int) -> Iterator[tuple[str, Any, int]]:
    """Every node of parsed JSON with its path and depth, without recursion."""
    stack = [(path, value, depth)]
    while stack:
        where, node, level = stack.pop()
        yield where, node, level
        if isinstance(node, dict):
            stack.extend((f"{where}.{k}" if where else str(k), v, level + 1) for k, v in node.items())
            stack.extend((where or "", k, level + 1) for k in node)
        elif isinstance(node, list):
            stack.extend((f"{where}.{i}" if where else str(i), v, level + 1) for i, v in enumerate(node))


def check_text(text: str, location: str, where: str | None, *, controls: bool) -> None:
    """Refuse lone UTF-16 surrogates and NUL (no database stores them), and with ``controls`` every
    C0 control character (a path or query value has no use for a newline)."""
    if _LONE_SURROGATE.search(text):
        raise BadInputError(location, where, "Text must be valid Unicode (a lone surrogate was sent).")
    if "\x00" in text or (controls and _CONTROL.search(text)):
        raise BadInputError(location, where, "Control characters are not allowed here.")


def load_json_strictly(raw: bytes) -> Any:
    """Parse a request body as JSON, refusing what would crash or corrupt later layers: invalid UTF-8,
    nesting deeper than ``MAX_JSON_DEPTH``, integers of more than 4300 digits, NaN/Infinity,
    lone surrogates and NUL in any string or key. Raises ``BadInputError``."""

    def constant(name: str) -> Any:
        raise BadInputError("json", None, f"{name} is not JSON.")

    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=constant)
    except UnicodeDecodeError:
        raise BadInputError("json", None, "The body is not UTF-8.") from None
    except RecursionError:
        raise BadInputError("json", None, f"JSON nested deeper than {MAX_JSON_DEPTH} levels.") from None
    except BadInputError:
        raise
    except ValueError:  # JSONDecodeError, or an integer beyond Python's digit limit
        raise BadInputError("json", None, "Invalid JSON body.") from None
    for where, node, depth in _walk(data, "", 0):
        if depth > MAX_JSON_DEPTH:
            raise BadInputError("json", None, f"JSON nested deeper than {MAX_JSON_DEPTH} levels.")
        if isinstance(node, str):
            check_text(node, "json", where or None, controls=False)
    return data


def guard_input() -> None:
    """``before_request``: path, query and form values and JSON bodies are checked once, here."""
    if (
        request.method in ("POST", "PUT", "PATCH")
        and not request.is_json
        and _takes_json_body()
        and (request.content_length or request.get_data(cache=True))
    ):
        # A JSON body sent as text/plain, or by `curl -d` (form-urlencoded), would otherwise be read as
        # no body at all and answered 422 "missing data": say what is wrong instead.
        _abort(
            415,
            message=gettext("Send the body as JSON with the header Content-Type: application/json."),
        )
    for name, value in (request.view_args or {}).items():
        if isinstance(value, str):
            check_text(value, "path", name, controls=True)
    for name, value in request.args.items(multi=True):
        check_text(name, "query", None, controls=True)
        check_text(value, "query", name, controls=True)
    # Forms are the pages' (sign-in, rating); an API endpoint never reads one. A file an API endpoint
    # reads from the body, sent by `curl --data-binary` (form-urlencoded), is the endpoint's to refuse
    # with a 415 naming the types it reads, not a 400 about the file's line breaks.
    if request.mimetype == "application/x-www-form-urlencoded" and _api_handler() is None:
        for name, value in request.form.items(multi=True):
            check_text(name, "form", None, controls=True)
            check_text(value, "form", name, controls=name != "token")
    if request.is_json and request.content_length != 0:
        raw = request.get_data(cache=True)
        if raw.startswith(b"\xef\xbb\xbf"):
            # a UTF-8 byte-order mark (PowerShell's Out-File, Notepad): ignored, as RFC 8259 allows;
            # the views read the body werkzeug cached, so the cache loses the mark
            raw = raw[3:]
            request._cached_data = raw  # type: ignore[attr-defined]
        if raw.strip():
            load_json_strictly(raw)


def _api_handler() -> Any:
    """The flask-smorest handler of the endpoint being called (it has ``_apidoc``), or None for a page."""
    view = current_app.view_functions.get(request.endpoint or "")
    handler = getattr(getattr(view, "view_class", None), request.method.lower(), view)
    return handler if hasattr(handler, "_apidoc") else None


def _takes_json_body() -> bool:
    """Whether the endpoint being called reads a JSON body (a flask-smorest ``arguments`` in ``json``)."""
    parameters = getattr(_api_handler(), "_apidoc", {}).get("arguments", {}).get("parameters", [])
    return any(p.get("in") == "json" for p in parameters)


def openapi_config(title: str, version: str = "1", description: str = "") -> dict[str, Any]:
    return {
        "API_TITLE": title,
        "API_VERSION": version,
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/",
        "OPENAPI_JSON_PATH": "openapi.json",
        "OPENAPI_SWAGGER_UI_PATH": "/docs",
        # Swagger UI's assets come from the swagger-ui-bundle package, served by the app itself:
        # /docs works on a network that cannot reach a CDN.
        "OPENAPI_SWAGGER_UI_URL": f"{SWAGGER_UI_ASSETS}/",
        "API_SPEC_OPTIONS": {
            "info": {"description": description},
            "components": {
                "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}
            },
            "security": [{"bearerAuth": []}],
        },
    }


def swagger_ui_blueprint() -> Blueprint:
    """Swagger UI's JavaScript and CSS from the swagger-ui-bundle package (Apache-2.0), at
    ``/docs/assets/``."""
    from swagger_ui_bundle import swagger_ui_path

    bp = Blueprint("swagger_ui_assets", __name__)

    @bp.get(f"{SWAGGER_UI_ASSETS}/<path:filename>")
    def asset(filename: str) -> Any:
        return send_from_directory(swagger_ui_path, filename, max_age=86400)

    return bp


def unreadable_body(exc: BaseException) -> bool:
    """Whether ``exc`` is the server's refusal to read a malformed body: gunicorn raises its parse
    errors (``gunicorn.http.errors``: ``InvalidChunkSize``, ``ChunkMissingTerminator``,
    ``NoMoreData``, …) from the request stream when a view reads it (an outside tester answered every POST of all three services with a
    500 and a logged traceback, without a token, by sending ``Transfer-Encoding: chunked`` with the
    chunk size ``ZZ``). The client's fault: 400, logged without a traceback."""
    return type(exc).__module__ == "gunicorn.http.errors"


def create_api(app: Flask, title: str, description: str = "") -> Api:
    """The service's API on ``app``: OpenAPI docs, the JSON error shape, the input guard, and the
    message catalogues (``shared.i18n``) that pages and human error texts are read from."""
    if "babel" not in app.extensions:
        init_i18n(app)
    for key, value in openapi_config(title, description=description).items():
        app.config.setdefault(key, value)
    app.register_blueprint(swagger_ui_blueprint())
    app.json.sort_keys = False  # type: ignore[attr-defined]
    api = Api(app)

    app.before_request(guard_input)

    @app.errorhandler(BadInputError)
    def bad_input(exc: BadInputError) -> Any:
        return {
            "code": 400,
            "status": "Bad Request",
            "message": translate_text(str(exc)),
            "errors": translate_errors(exc.errors),
        }, 400

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> Any:
        if isinstance(exc, HTTPException):
            return api.handle_http_exception(exc)
        if unreadable_body(exc):
            log.warning("request body could not be read", extra={"error": type(exc).__name__})
            return {
                "code": 400,
                "status": "Bad Request",
                "message": gettext(
                    "The request body could not be read (malformed chunked transfer encoding)."
                ),
                "errors": {},
            }, 400
        log.exception("unhandled error")
        return {
            "code": 500,
            "status": "Internal Server Error",
            "message": gettext("Unexpected error; it has been logged."),
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
