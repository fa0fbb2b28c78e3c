"""Browser sign-in for the services' server-rendered pages (matching's meeting page, the profile
service's pilot results): one mechanism, each service with its own template.

A token pasted into the sign-in form (or given as ``?token=…&next=…`` by a demo link typed or pasted
into the address bar) is verified and becomes the session cookie (``SESSION_COOKIE``: HttpOnly,
SameSite=Strict, Secure over HTTPS, path ``/``); a page then reads its caller from the
``Authorization: Bearer`` header or that cookie. ``next`` may only be a path on the same service,
never another site (no open redirect). A sign-in another site starts (login CSRF: signing the victim
in as someone else) is refused with 403. (privacy's hardening of matching's page, moved here so that
every service's page has it.)
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import Flask, current_app, redirect, render_template, request
from flask_babel import gettext
from markupsafe import Markup
from werkzeug.wrappers import Response

from shared.auth import SESSION_COOKIE, NotAdmittedError, Principal, TokenError, log_refusal
from shared.i18n import current_language, read_by_programs, translate_text

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

View = TypeVar("View", bound=Callable[..., Any])

_READ_BY_OTHER_ORIGINS = "_kohtaanto_read_by_other_origins"


def content_security_policy(connect_to: Iterable[str] = ()) -> str:
    """The ``Content-Security-Policy`` of the services' answers: scripts, styles, images, fonts only
    from the page's own origin (the pages have no inline script: the meeting page's configuration is
    a JSON data block, and inline ``<style>`` / ``style=`` attributes are allowed, being unable to run
    code), fetches only to the own origin and ``connect_to`` (origins such as
    ``https://profiles.example``; the meeting page's name look-up), forms submitted only to the own
    origin, no plug-ins, no ``<base>``, and never inside another site's frame (clickjacking the
    meeting's "prepare again"). A script injected into a page by a text an employer wrote could thus
    not load or run (outside tester 16, P5)."""
    connect = " ".join(["'self'", *connect_to])
    return (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        f"img-src 'self' data:; connect-src {connect}; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    )


SWAGGER_UI_POLICY = "frame-ancestors 'none'"
"""The API documentation page (``/docs``, flask-smorest's Swagger UI: an inline start-up script,
no personal data) keeps only the framing rule."""

BROWSER_HEADERS = {
    "Cache-Control": "no-store",
    # no page is shown inside another site's frame (clickjacking the meeting's "prepare again")
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": content_security_policy(),
    "X-Content-Type-Options": "nosniff",
    # no address (a sign-in link's token, a rating link) leaves for another origin in a Referer;
    # a same-origin form still sends its Origin, which ``cross_site`` reads
    "Referrer-Policy": "same-origin",
}
"""Headers every response gets unless it sets its own (``install_browser_protections``)."""


def session_principal() -> Principal | None:
    """The caller from the Bearer header or the session cookie; None when absent or invalid."""
    header = request.headers.get("Authorization", "")
    token = (
        header[7:].strip() if header.lower().startswith("bearer ") else request.cookies.get(SESSION_COOKIE)
    )
    if not token:
        return None
    try:
        return current_app.extensions["kohtaanto.auth"].verify(token)
    except TokenError:
        return None


def safe_next(target: str | None, default: str) -> str:
    """``target`` when it is a path on this service, else ``default``."""
    if (
        not target
        or not target.startswith("/")
        or target.startswith(("//", "/\\"))
        or "\\" in target
        or urlsplit(target).netloc
    ):
        return default
    return target


def cross_site() -> bool:
    """Whether this request was started by another site or origin (login CSRF, or a change another
    page of the same site started). A browser's ``Sec-Fetch-Site`` decides when it is sent (no page
    can set it): anything but ``same-origin`` or ``none`` (typed, bookmarked) is cross-site. Without
    it (older browsers), a change (POST, PUT, PATCH, DELETE) whose ``Origin`` (or, without it,
    ``Referer``) is another host or ``null`` is. The meeting page's own forms come with ``Origin:
    null`` (its ``<meta name="referrer" content="no-referrer">`` makes Chromium send that, measured
    2026-12-02) and ``Sec-Fetch-Site: same-origin``, so the header decides. Requests from tools that
    send none of these headers are not cross-site requests a browser could be tricked into."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site not in ("none", "same-origin")
    if request.method in UNSAFE_METHODS:
        origin = request.headers.get("Origin") or request.headers.get("Referer")
        if origin and (origin == "null" or urlsplit(origin).netloc != request.host):
            return True
    return False


def sign_in(template: str, default_next: str) -> Response | tuple[str, int] | str:
    """The ``/login`` view (GET shows the form, or signs in with ``?token=``; POST signs in).

    ``template`` renders the form with ``next`` (where to go afterwards) and ``error`` (None, or why the
    token was refused, in the page's language: then status 401, or 403 for a sign-in another site
    started). A good token
    redirects (303) to ``next`` with the cookie set.
    """
    values = request.form if request.method == "POST" else request.args
    token, target = values.get("token", "").strip(), safe_next(values.get("next"), default_next)
    if not token:
        return render_template(template, next=target, error=None)
    if cross_site():
        error = translate_text(
            "Sign-in links from other sites are not accepted: paste the token here yourself."
        )
        return render_template(template, next=target, error=error), 403
    try:
        principal = current_app.extensions["kohtaanto.auth"].verify(token)
    except NotAdmittedError as exc:
        log_refusal(exc)
        return render_template(template, next=target, error=translate_text(str(exc))), exc.status
    except TokenError as exc:
        return render_template(template, next=target, error=translate_text(str(exc))), 401
    response = redirect(target, 303)
    response.set_cookie(
        SESSION_COOKIE, token, httponly=True, samesite="Strict", path="/", secure=request.is_secure
    )
    current_app.logger.info("login", extra={"subject": principal.subject, "org": principal.org})
    return response


def sign_out(target: str) -> Response:
    """Forget the session cookie and go to ``target`` (303); a sign-out another site started is
    refused (403, ``cross_site_refusal``) with or without the cookie, as every other cross-site change
    (outside tester 14, P20: ``POST /logout`` with ``Origin: https://evil.example`` was accepted)."""
    if cross_site():
        return cross_site_refusal()
    response = redirect(target, 303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def cross_site_refusal() -> Response:
    """The 403 of a change another site or service started (logged): a page for a browser's page
    request, else the API's JSON error shape."""
    current_app.logger.warning(
        "cross-site change refused", extra={"method": request.method, "endpoint": request.endpoint}
    )
    message = gettext(
        "Changes started from another site or service are not accepted: use this service's own page."
    )
    if not read_by_programs(request.path) and request.accept_mimetypes.accept_html:
        title = gettext("Forbidden")
        page = Markup(
            '<!doctype html><html lang="{}"><head><meta charset="utf-8"><title>{}</title></head>'
            "<body><h1>{}</h1><p>{}</p></body></html>"
        ).format(current_language(), title, title, message)
        return Response(page, 403, mimetype="text/html")
    body = {"code": 403, "status": "Forbidden", "message": message, "errors": {}}
    return Response(json.dumps(body) + "\n", 403, mimetype="application/json")


def read_by_other_origins(view: View) -> View:
    """Mark a POST view that changes nothing (a read whose question travels in the body, e.g. the
    profile service's ``/contacts/lookup`` that the meeting page calls) as callable with the session
    cookie from a ``KOHTAANTO_CORS_ORIGINS`` origin. Every other change signed in by the cookie
    alone is accepted only from the service's own origin (``install_browser_protections``). Put it
    above the other decorators of the view method."""
    setattr(view, _READ_BY_OTHER_ORIGINS, True)
    return view


def reads_by_other_origins(app: Flask) -> bool:
    """Whether this request's view is marked ``read_by_other_origins`` (function or MethodView); for
    a CORS preflight (``OPTIONS``), the view of the method it asks about
    (``Access-Control-Request-Method``)."""
    view = app.view_functions.get(request.endpoint or "")
    if view is None:
        return False
    method = request.method
    if method == "OPTIONS":
        method = request.headers.get("Access-Control-Request-Method", "")
    view_class = getattr(view, "view_class", None)
    handler = getattr(view_class, method.lower(), None) if view_class is not None else view
    return bool(getattr(handler, _READ_BY_OTHER_ORIGINS, False))


def install_browser_protections(app: Flask, trusted_origins: Iterable[str] = ()) -> None:
    """What every service answers browsers with, pages and APIs alike (privacy audit, session 12):

    * ``Cache-Control: no-store`` on every response that does not set its own (static assets do):
      profiles, contacts, audit entries, meetings and their downloads, pilot results, the rating form
      are never kept by a browser's or a proxy's cache, so the next user of a shared computer or a
      caching proxy cannot read them back (outside tester 11, M1); and no framing by other sites,
      no MIME sniffing, no Referer to other origins (``BROWSER_HEADERS``);
    * a change (POST, PUT, PATCH, DELETE) signed in by the session cookie alone (no
      ``Authorization`` header) that another site or another service on the same site started
      (``cross_site``: ``Sec-Fetch-Site``, ``Origin``, ``Referer``) is refused with 403 before any
      view runs, nothing changed: ``SameSite=Strict`` keeps the cookie from other *sites*, but not
      from another port or subdomain of the same site, and a form may POST without a body (meeting
      "prepare again", a voucher's withdrawal). ``trusted_origins`` (``KOHTAANTO_CORS_ORIGINS``: the
      matching service's meeting page asking the profile service for names) are let through only
      to views marked ``read_by_other_origins`` (reads sent as POST, which change nothing): a
      CORS-listed origin may read what its page needs, never change or erase anything with the
      cookie alone; a program from another origin sends ``Authorization: Bearer`` (outside tester
      16, P5: a coach's cookie erased a jobseeker by a DELETE from matching's origin). The
      sign-in form (``*.login``) answers cross-site sign-ins itself (``sign_in``);
    * a Content-Security-Policy (``BROWSER_HEADERS``) that lets pages load scripts, styles, images
      and fonts from their own origin only, connect only to their own origin and the trusted ones
      (the meeting page's name look-up), submit forms only to themselves, and never be framed.
    """
    trusted = frozenset(trusted_origins)

    @app.before_request
    def refuse_cross_site_changes() -> Any:
        if request.method not in UNSAFE_METHODS or (request.endpoint or "").endswith(".login"):
            return None
        if request.headers.get("Authorization") or SESSION_COOKIE not in request.cookies:
            return None  # no ambient credential: a browser never adds a bearer header by itself
        if not cross_site():
            return None
        if request.headers.get("Origin") in trusted and reads_by_other_origins(app):
            return None
        return cross_site_refusal()

    @app.after_request
    def no_store(response: Response) -> Response:
        if request.endpoint == "api-docs.openapi_swagger_ui":
            response.headers.setdefault("Content-Security-Policy", SWAGGER_UI_POLICY)
        for name, value in BROWSER_HEADERS.items():
            if name not in response.headers:
                response.headers[name] = value
        return response
