"""Which HTTP methods reach a view (outside tester 37, K2 and K3).

A route's view runs only for the methods it declares (``GET``, ``POST``, ``PUT``, ``PATCH``,
``DELETE``: ``VIEW_METHODS``); the others are answered at the edge, before sign-in, reading nothing:

- ``OPTIONS`` (a browser's CORS preflight, which never carries credentials, or anyone's probe) gets
  Flask's own answer: 200, empty, the ``Allow`` header (and the CORS headers of ``shared.service``).
  No token is verified and there is no caller (``g.principal`` is None), so no audit entry, granted
  or refused, and no rate limit is charged: it reads no data and writes nothing, as a 405 does.
  Before, Flask's automatic answer ran through sign-in, and matching recorded it as a *granted*
  access to the candidate its path named, for any token holder, unlimited.
- ``HEAD`` is a 405 (``Allow`` lists the route's methods) on every route but the impersonal ones
  (``IMPERSONAL_ENDPOINTS``: health, metrics, API docs, static assets): Flask would run the ``GET``
  view, which reads the jobseeker's data and audits the read, and then drop the body, so the log would
  say an access was given that returned nothing.
- Any other method (``TRACE``, ``CONNECT``, an invented one) is Werkzeug's 405 before any hook that
  audits: no route matched it (``request.url_rule`` is None).

``metric_method`` names a method in the metrics' ``method`` label: one of ``KNOWN_METHODS``, else
``other``, so an outsider's invented methods cannot grow ``/metrics`` (as unknown paths are one
``<unmatched>`` route).
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, g, request
from flask.globals import request_ctx
from werkzeug.exceptions import MethodNotAllowed

#: The methods a view of this project declares and answers with data (or a change).
VIEW_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})
#: The methods named as themselves in the metrics' ``method`` label; any other is ``OTHER_METHOD``.
KNOWN_METHODS = VIEW_METHODS | {"HEAD", "OPTIONS"}
OTHER_METHOD = "other"
#: Endpoints (blueprint-qualified names, ``*`` ends a prefix) that answer ``HEAD``: they read no
#: jobseeker's data (load balancers and uptime checks may ask with ``HEAD``).
IMPERSONAL_ENDPOINTS = ("health.*", "metrics.*", "api-docs.*", "swagger_ui_assets.*", "static", "*.static")


def metric_method(method: str) -> str:
    """``method`` (an HTTP method as sent) as a bounded label value: itself when in ``KNOWN_METHODS``,
    else ``"other"``."""
    return method if method in KNOWN_METHODS else OTHER_METHOD


def impersonal(endpoint: str | None) -> bool:
    """Whether ``endpoint`` (Flask's endpoint name, None when no route matched) is one of
    ``IMPERSONAL_ENDPOINTS``."""
    if not endpoint:
        return False
    for pattern in IMPERSONAL_ENDPOINTS:
        if pattern.startswith("*."):
            if endpoint == pattern[2:] or endpoint.endswith(pattern[1:]):
                return True
        elif pattern.endswith(".*"):
            if endpoint.startswith(pattern[:-1]):
                return True
        elif endpoint == pattern:
            return True
    return False


def _path_endpoint() -> str | None:
    """The endpoint a ``GET`` of the request's path reaches (None when none does): the one ``HEAD`` would run,
    also when the request's own method matched no rule (an invented method's 405)."""
    if request.url_rule is not None and "GET" in (request.url_rule.methods or ()):
        return request.endpoint
    adapter = getattr(request_ctx, "url_adapter", None) if request_ctx else None
    if adapter is None:
        return None
    try:
        rule, _ = adapter.match(method="GET", return_rule=True)
    except Exception:  # no GET here (a 404, a 405 or a redirect): nothing for HEAD to run
        return None
    return str(rule.endpoint)


def answered(methods: Any) -> list[str]:
    """``methods`` (the methods the routing has for the request's path, as Werkzeug lists them: with ``HEAD``
    wherever there is ``GET``) as the path answers them, sorted: without ``HEAD`` unless the path is one of
    ``IMPERSONAL_ENDPOINTS`` (outside tester 37b, L4: ``OPTIONS`` said ``Allow: HEAD, OPTIONS, GET`` and the
    ``HEAD`` was a 405)."""
    allowed = {str(m).upper() for m in methods}
    if "HEAD" in allowed and not impersonal(_path_endpoint()):
        allowed.discard("HEAD")
    return sorted(allowed)


def install(app: Flask) -> None:
    """Answer ``OPTIONS`` and ``HEAD`` at the edge (module docstring). Call it before the sign-in and
    input hooks are registered (``shared.service.build_service_app``), so none of them runs for these.
    Every ``Allow`` header (of an ``OPTIONS`` answer and of any 405) names what the path answers
    (``answered``): ``HEAD`` only where it is not a 405."""

    @app.before_request
    def answer_at_the_edge() -> Any:
        rule = request.url_rule
        if rule is None or request.method in VIEW_METHODS:
            return None
        if request.method == "OPTIONS" and getattr(rule, "provide_automatic_options", False):
            g.principal = None  # answered before sign-in: no caller (shared.auth.verified_principal)
            return app.make_default_options_response()
        if request.method == "HEAD" and not impersonal(request.endpoint):
            g.principal = None
            raise MethodNotAllowed(valid_methods=sorted((rule.methods or set()) - {"HEAD"}))
        return None

    @app.after_request
    def allow_what_is_answered(response: Response) -> Response:
        if response.allow:
            methods = answered(response.allow)
            response.allow.clear()
            response.allow.update(methods)
        return response
