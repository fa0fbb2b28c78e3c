"""The profile service's pages: a service-voucher pilot's results (aggregated, small cells
suppressed) and the ``/login`` page that puts a token in the browser's cookie, as on matching."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for
from flask_babel import gettext

from services.profile.paths.domain import PathNotFoundError
from services.profile.paths.voucher_api import ECOSYSTEM, results_dict, vouchers
from shared.auth import SESSION_COOKIE, Principal, TokenError

bp = Blueprint("journeys", __name__, template_folder="templates")


def _principal() -> Principal | None:
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


def _safe_next(target: str | None) -> str:
    if not target or not target.startswith("/") or target.startswith("//") or urlsplit(target).netloc:
        return "/docs"
    return target


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    """A token pasted into the form (or ``?token=…&next=…``) becomes the session cookie."""
    values = request.form if request.method == "POST" else request.args
    token, target = values.get("token", "").strip(), _safe_next(values.get("next"))
    if not token:
        return render_template("profile/login.html", next=target, error=None)
    try:
        current_app.extensions["kohtaanto.auth"].verify(token)
    except TokenError as exc:
        return render_template("profile/login.html", next=target, error=str(exc)), 401
    response = redirect(target, 303)
    response.set_cookie(
        SESSION_COOKIE, token, httponly=True, samesite="Lax", path="/", secure=request.is_secure
    )
    return response


@bp.get("/pilots/<pilot_id>/results")
def results_page(pilot_id: str) -> Any:
    principal = _principal()
    if principal is None:
        return redirect(url_for("journeys.login", next=request.path), 303)
    if principal.role not in ECOSYSTEM:
        return Response(gettext("Forbidden"), 403, mimetype="text/plain")
    try:
        found = vouchers().results(pilot_id)
    except PathNotFoundError:
        return Response(gettext("No such pilot"), 404, mimetype="text/plain")
    return render_template("profile/pilot_results.html", r=results_dict(found))


@bp.get("/pilots/<pilot_id>/results.json")
def results_json(pilot_id: str) -> Any:
    return redirect(f"/api/v1/pilots/{pilot_id}/results", 307)
