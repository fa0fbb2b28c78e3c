"""The profile service's pages: a service-voucher pilot's results (aggregated, small cells
suppressed), the ``/login`` page that puts a token in the browser's cookie and ``/logout`` that
forgets it, as on matching."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, redirect, render_template, request, url_for
from flask_babel import gettext

from services.profile.paths.domain import PathNotFoundError
from services.profile.paths.voucher_api import ECOSYSTEM, results_dict, rule_text, vouchers
from services.profile.paths.vouchers import EligibilityRule
from shared.i18n import format_day
from shared.ratelimit import rate_limited
from shared.sign_in import session_principal, sign_in, sign_out

bp = Blueprint("journeys", __name__, template_folder="templates")


@bp.route("/login", methods=["GET", "POST"])
@rate_limited("login")
def login() -> Any:
    """A token pasted into the form (or ``?token=…&next=…``) becomes the session cookie."""
    return sign_in("profile/login.html", default_next="/docs")


@bp.post("/logout")
def logout() -> Any:
    """Forget the session cookie (as on matching's pages; outside tester 10, L10)."""
    return sign_out(url_for("journeys.login"))


@bp.get("/pilots/<pilot_id>/results")
def results_page(pilot_id: str) -> Any:
    principal = session_principal()
    if principal is None:
        return redirect(url_for("journeys.login", next=request.path), 303)
    if principal.role not in ECOSYSTEM:
        return _page_error(403, gettext("Forbidden"), "")
    try:
        found = vouchers().results(pilot_id)
    except PathNotFoundError:
        return _page_error(404, gettext("Not found"), gettext("No such pilot"))
    r = results_dict(found)
    pilot = r["pilot"]
    shown = {
        "rule": rule_words(pilot["rule"]),
        "starts_on": format_day(pilot["starts_on"]),
        "ends_on": format_day(pilot["ends_on"]),
        "day": format_day(r["day"]),
    }
    return render_template("profile/pilot_results.html", r=r, shown=shown)


def rule_words(rule: dict[str, Any]) -> str:
    """A pilot's eligibility rule (``EligibilityRule`` as a dict) in the viewer's language: the
    domain's own description (``EligibilityRule.describe_parts``), each condition translated."""
    return rule_text(EligibilityRule(**rule))


def _page_error(status: int, title: str, message: str) -> Response:
    """An error page in the viewer's language, like the other pages' (``title`` and ``message``
    already translated)."""
    return Response(render_template("profile/error.html", title=title, message=message), status)


@bp.get("/pilots/<pilot_id>/results.json")
def results_json(pilot_id: str) -> Any:
    return redirect(f"/api/v1/pilots/{pilot_id}/results", 307)
