"""The weekly meeting as a web page (server-rendered, projector- and print-friendly), as CSV and JSON,
and the ``/login`` page that puts a token in the browser's cookie.

The page carries pseudonymous candidate ids and reasons only: matching never holds names. The
viewer's browser asks the profile service for the names and contacts it may see (consent to the
viewer's organisation; every lookup is audit-logged there) and fills them in.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, tzinfo
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for
from flask_babel import gettext, lazy_gettext, ngettext
from markupsafe import Markup, escape
from werkzeug.wrappers import Response as BaseResponse

from services.kernel.calendar import local_day
from services.matching.team.api import preparer_refused, week_refused
from services.matching.team.handlers import (
    PREPARE_ROLES,
    MeetingNotPreparedError,
    MeetingPreparerError,
    RegionNotServedError,
    RegionUnknownError,
    TeamHandlers,
)
from services.matching.team.localise import fallback_uris, localise
from services.matching.team.meeting import CandidateRow, IsoWeek, MeetingContent
from services.matching.team.repository import StoredMeeting
from shared.auth import Principal, Role, roles_checked_inside
from shared.entitlement import team_view
from shared.http import query_parameters
from shared.i18n import LANG_PARAM, current_language, format_day, format_week, supported, translate_text
from shared.org_names import registered_name
from shared.organisations import region_not_served
from shared.ratelimit import rate_limited
from shared.sign_in import (
    content_security_policy,
    cross_site,
    session_principal,
    sign_in,
    sign_out,
)
from shared.tables import csv_writer, write_xlsx

bp = Blueprint(
    "meetings",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/assets/matching",
)


@bp.after_request
def may_fetch_names(response: Response) -> Response:
    """The meeting pages may fetch names from the profile service (``meeting.js``), nothing else
    (``shared.sign_in.content_security_policy``)."""
    parts = urlsplit(current_app.config["KOHTAANTO_PROFILE_PUBLIC_URL"])
    profiles = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
    response.headers["Content-Security-Policy"] = content_security_policy([profiles] if profiles else [])
    return response


VIEW_ROLES = (Role.RECRUITER, Role.TEAM_MEMBER, Role.COACH, Role.OPERATOR)
# The words for the codes in a meeting's content, from the message catalogues (shared/i18n.py).
WORDS: dict[str, dict[str, Any]] = {
    "status": {
        "proposed": lazy_gettext("proposed"),
        "contacted": lazy_gettext("contacted"),
        "interviewed": lazy_gettext("interviewed"),
        "hired": lazy_gettext("hired"),
        "not_hired": lazy_gettext("not hired"),
    },
    "reason": {
        "skills": lazy_gettext("skills"),
        "language": lazy_gettext("language skills"),
        "availability": lazy_gettext("availability"),
        "candidate_declined": lazy_gettext("candidate declined"),
        "employer_cancelled": lazy_gettext("employer cancelled"),
        "other": lazy_gettext("other reason"),
    },
    "gone": {
        "filled": lazy_gettext("filled"),
        "cancelled": lazy_gettext("cancelled"),
        "expired": lazy_gettext("expired"),
        "closed": lazy_gettext("closed"),
        "no_longer_shortage": lazy_gettext("no longer a shortage occupation"),
        "removed": lazy_gettext("removed"),
    },
    "level": {"severe_shortage": lazy_gettext("severe shortage"), "shortage": lazy_gettext("shortage")},
    "path_reason": {
        "handover_unacknowledged": lazy_gettext("handover not acknowledged"),
        "step_overdue": lazy_gettext("step past its planned end"),
        "no_active_step": lazy_gettext("no open step"),
    },
    "rater": {"jobseeker": lazy_gettext("jobseekers"), "employer": lazy_gettext("employers")},
    "subject": {"referral": lazy_gettext("referrals"), "path_step": lazy_gettext("path steps")},
}


try:
    HELSINKI: tzinfo = ZoneInfo("Europe/Helsinki")
except ZoneInfoNotFoundError:  # a container without time-zone data: show UTC rather than fail
    HELSINKI = UTC


day = format_day  # the pages' date format (shared.i18n; the ``day`` template filter)


@bp.app_template_filter("day_time")
def day_time(value: datetime) -> str:
    """A moment in Helsinki time: ``30.11.2026 klo 9.05`` (fi), ``kl. 9.05`` (sv), ``at 09:05`` (en)."""
    local = value.astimezone(HELSINKI)
    clock = f"{local:%H:%M}" if current_language() == "en" else f"{local:%H.%M}"
    return gettext("%(date)s at %(time)s", date=day(local.date()), time=clock)


@bp.app_template_filter("decimal")
def decimal(value: float, places: int) -> str:
    """A number with ``places`` decimals and the viewer's decimal sign (fi, sv: comma)."""
    text = f"{value:.{places}f}"
    return text if current_language() == "en" else text.replace(".", ",")


def whole_match(value: float) -> int:
    """The 0-100 match as a whole number, never 100 for less than a full match: 99.6 is 99, not 100
    (outside tester 14, P19: "100" read as a perfect match). The page and the downloads in words."""
    return min(round(value), 99) if value < 100 else 100


@bp.app_template_filter("match")
def match_filter(value: float) -> str:
    return str(whole_match(value))


def team() -> TeamHandlers:
    return current_app.extensions["kohtaanto.matching.team"]


#: (status, title, message) -> the response that tells it (a page, or JSON for a download).
#: (status, title, message, the path parameter at fault or "") -> the error response
ErrorResponse = Callable[[int, str, str, str], Response]


def meeting_not_served(region: str) -> str:
    """The 403's reason when the caller's organisation does not serve ``region`` (``may_view``)."""
    return gettext(
        "Your organisation does not serve the region %(region)s: only the organisations serving it and "
        "the system operator read its meetings.",
        region=region,
    )


def _page_error(status: int, title: str, message: str, _field: str = "") -> Response:
    """An error page in the viewer's language (``title`` and ``message`` already translated)."""
    return Response(render_template("matching/error.html", title=title, message=message), status)


# -- login -------------------------------------------------------------------------------------------
@bp.route("/login", methods=["GET", "POST"])
@rate_limited("login")
def login() -> Any:
    """A token pasted into the form (or ``?token=…&next=…`` from a demo link typed or pasted into the
    address bar) becomes the session cookie (shared/sign_in.py: HttpOnly, SameSite=Strict; a login
    another site starts is refused; the access log never holds the token)."""
    return sign_in("matching/login.html", default_next=url_for("meetings.index"))


@bp.post("/logout")
def logout() -> Any:
    return sign_out(url_for("meetings.login"))


# -- the meeting ---------------------------------------------------------------------------------------
@bp.get("/meetings/")
@roles_checked_inside(*VIEW_ROLES)
def index() -> Any:
    """The regions, each linking to this week's meeting."""
    principal = _authorised(page=True)
    if isinstance(principal, BaseResponse):
        return principal
    lang, places = current_language(), team().places
    regions = sorted(
        ((r, places.region_name(r, lang)) for r in places.regions if team().may_view(principal, r)),
        key=lambda kv: kv[1],
    )
    return render_template(
        "matching/index.html", regions=regions, week=str(IsoWeek.of(local_day(team().clock())))
    )


@bp.get("/meetings/<region>")
def this_week(region: str) -> Any:
    return redirect(url_for("meetings.page", region=region, week=str(IsoWeek.of(local_day(team().clock())))))


def _load(
    region: str, week: str, principal: Principal, error: ErrorResponse | None = None
) -> StoredMeeting | BaseResponse:
    """The stored meeting as this viewer may see it (a partner agency's viewer without the
    candidates who did not consent to it), or the error: a page, or what ``error`` makes of
    (status, title, message)."""
    error = error or _page_error
    try:
        iso = IsoWeek.parse(week)
    except ValueError:  # bad input, named (a valid week without a meeting is the 404 below)
        return error(422, gettext("Not an ISO week."), week_refused()[1], "week")
    try:
        stored = team().meeting(region, iso, principal)
        return replace(stored, content=team().visible_meeting(stored.content, principal))
    except RegionUnknownError as exc:
        return error(422, gettext("Unknown region"), translate_text(str(exc)), "region")
    except RegionNotServedError as exc:
        return error(403, gettext("Forbidden"), meeting_not_served(exc.region), "region")
    except MeetingNotPreparedError:
        # a valid region and week here: both named as people write them (outside tester 12, N8)
        region, week_key, week = (
            team().places.region_name(region, current_language()),
            week,
            format_week(week),
        )
        if IsoWeek.parse(week_key) >= IsoWeek.of(local_day(team().clock())):
            return error(
                404,
                gettext("No meeting"),
                gettext(
                    "The meeting of %(region)s for week %(week)s has not been prepared yet: a team member, coach "
                    "or operator prepares it (at most a few weeks ahead).",
                    week=week,
                    region=region,
                ),
                "",
            )
        return error(
            404,
            gettext("No meeting"),
            gettext(
                "The meeting of %(region)s for week %(week)s was never prepared, so there is nothing to show: "
                "past meetings are shown only as the team saw them.",
                week=week,
                region=region,
            ),
            "",
        )


def _authorised(page: bool) -> Principal | BaseResponse:
    principal = session_principal()
    if principal is None:
        if page:
            return redirect(url_for("meetings.login", next=request.full_path.rstrip("?")), 303)
        return _json_error(
            401,
            gettext("A bearer token is required."),
            headers={"WWW-Authenticate": 'Bearer realm="kohtaanto"'},
        )
    if principal.role not in VIEW_ROLES:
        message = gettext("Role %(role)s may not view meetings.", role=principal.role.value)
        if page:
            return _page_error(403, gettext("Forbidden"), message)
        return _json_error(403, message)
    return principal


@bp.get("/meetings/<region>/<week>")
@roles_checked_inside(*VIEW_ROLES)
def page(region: str, week: str) -> Any:
    principal = _authorised(page=True)
    if isinstance(principal, BaseResponse):
        return principal
    stored = _load(region, week, principal)
    if isinstance(stored, BaseResponse):
        return stored
    lang = current_language()
    content = localise(
        MeetingContent.from_dict(stored.content), lang, team().taxonomy, team().places, gettext("online")
    )
    iso = IsoWeek.parse(stored.week)
    current = IsoWeek.of(local_day(team().clock()))
    candidate_ids = list(
        dict.fromkeys(
            [c.candidate_id for v in content.vacancies for c in v.candidates]
            + [r.candidate_id for r in content.last_week]
            + [f.candidate_id for f in content.follow_ups]
            + [r.candidate_id for r in (content.paths.rows if content.paths else [])]
        )
    )[:500]
    config = {
        "profile_url": current_app.config["KOHTAANTO_PROFILE_PUBLIC_URL"].rstrip("/"),
        "purpose": f"weekly meeting {region} {stored.week}",
        "candidate_ids": candidate_ids,
        "messages": {
            "shown": gettext("Names shown for %(shown)s of %(total)s candidates (consent)."),
            "failed": gettext("Names unavailable (%(error)s)."),
            # %(minutes)s is filled in by the page's script from Retry-After (outside tester 22, R5)
            "limited": gettext("Too many name look-ups: try again in %(minutes)s minutes."),
            "limited_later": gettext("Too many name look-ups: try again in a few minutes."),
        },
    }
    english = fallback_uris(content, lang, team().taxonomy)
    return render_template(
        "matching/meeting.html",
        m=content,
        missing_shown=MISSING_SHOWN,
        stored=stored,
        principal=principal,
        config=config,
        previous_week=str(iso.previous()),
        next_week=str(iso.next()),
        is_current=iso == current,
        can_prepare=iso >= current and team().may_prepare(principal, stored.region),
        team_view=team_view(team().org_kind(principal.org)),
        # people, not rows: one person is often on several vacancies' top five (outside tester 18,
        # P18: "135 candidates shown" were 58 people); counted from what this viewer is shown
        people_shown=len({c.candidate_id for v in content.vacancies for c in v.candidates}),
        places_shown=sum(len(v.candidates) for v in content.vacancies),
        candidates_chart=bar_chart(
            [
                (
                    f"{i}. {v.title} · {v.municipality}",
                    v.qualified_count if v.names_essential_skills else 0,
                    v.candidate_count,
                    f"{v.qualified_count if v.names_essential_skills else '–'} / {v.candidate_count}"
                    f"{'+' if v.count_capped else ''}",
                )
                for i, v in enumerate(content.vacancies, 1)
            ],
            gettext("Candidates per vacancy"),
            gettext("candidates with every essential skill, of all eligible candidates"),
        ),
        skills_chart=bar_chart(
            [(s.label, s.candidates, s.candidates, str(s.candidates)) for s in content.missing_skills],
            gettext("Missing skills"),
            gettext("best candidates short of a full match who lack the skill"),
            label_langs=["en" if s.uri in english else None for s in content.missing_skills],
        ),
        words=WORDS,
        stale_months=team().records.period_rules.stale_after_months,
        english=english,
    )


@bp.post("/meetings/<region>/<week>/prepare")
@roles_checked_inside(*PREPARE_ROLES)
def prepare_again(region: str, week: str) -> Any:
    """The page's "prepare again" button (the API's POST /api/v1/meetings/…/prepare for browsers)."""
    principal = _authorised(page=True)
    if isinstance(principal, BaseResponse):
        return principal
    if principal.role not in PREPARE_ROLES or cross_site():
        return _page_error(
            403,
            gettext("Forbidden"),
            gettext("Only team members, coaches and operators prepare meetings, from this page."),
        )
    try:
        iso = IsoWeek.parse(week)
        if iso < IsoWeek.of(local_day(team().clock())):
            return _page_error(
                409, gettext("Past meeting"), gettext("A past meeting stays as the team saw it.")
            )
        team().prepare(region, iso, principal)
    except ValueError:
        return _page_error(422, gettext("Not an ISO week."), week_refused()[1])
    except RegionUnknownError as exc:
        return _page_error(422, gettext("Unknown region"), translate_text(str(exc)))
    except RegionNotServedError as exc:
        return _page_error(403, gettext("Forbidden"), region_not_served(exc.region))
    except MeetingPreparerError as exc:
        return _page_error(403, gettext("Forbidden"), preparer_refused(exc.region))
    return redirect(url_for("meetings.page", region=region, week=week), 303)


def _download(region: str, week: str) -> Any:
    """The stored meeting for a JSON or CSV download, or the error response (JSON, not a page)."""
    principal = _authorised(page=False)
    if isinstance(principal, BaseResponse):
        return principal
    return _load(
        region,
        week,
        principal,
        lambda status, title, message, field: _json_error(
            status, title if field == "week" else message, {"path": {field: [message]}} if field else None
        ),
    )


@bp.get("/meetings/<region>/<week>/content.json")
@roles_checked_inside(*VIEW_ROLES)
@query_parameters()
def content_json(region: str, week: str) -> Any:
    """The stored content (``?lang=fi|sv|en``: its data labels in that language)."""
    stored = _download(region, week)
    if isinstance(stored, BaseResponse):
        return stored
    lang = supported(request.args.get(LANG_PARAM))
    return {
        "region": stored.region,
        "week": stored.week,
        "schema_version": stored.schema_version,
        "prepared_at": stored.prepared_at.isoformat(),
        "prepared_by": stored.prepared_by,
        "prepared_by_org": stored.prepared_by_org,
        # as stored; ``?lang=`` relabels the data labels (skills, occupations, places)
        "content": stored.content if lang is None else _table(stored)[1].to_dict(),
    }


def _table(stored: StoredMeeting) -> tuple[list[str], MeetingContent, bool]:
    """The download's header, content and whether its values are in words: the column names of
    ``CSV_COLUMNS``, the stored labels and codes; or, when ``?lang=`` asks for a language, the
    headers of ``WORDS_COLUMNS``, data labels and values (``meeting_rows``' ``in_words``) in that
    language."""
    content = MeetingContent.from_dict(stored.content)
    lang = supported(request.args.get(LANG_PARAM))
    if lang is None:
        return list(CSV_COLUMNS), content, False
    content = localise(content, lang, team().taxonomy, team().places, gettext("online"))
    return [str(CSV_HEADERS[c]) for c in meeting_columns(in_words=True)], content, True


EXCEL_DIALECTS = ("excel-fi", "excel-sv")
"""The CSV dialects of Excel with Finnish or Swedish regional settings: one file (``;``-separated, decimal commas,
dates d.m.yyyy), named either way, as a Swedish user tries ``excel-sv`` (outside tester 40)."""


@bp.get("/meetings/<region>/<week>/content.csv")
@roles_checked_inside(*VIEW_ROLES)
@query_parameters(dialect=None)  # its values are checked by the view, with a reason naming them
def content_csv(region: str, week: str) -> Any:
    """RFC 4180 CSV (``,``, UTF-8 with BOM); ``?dialect=excel-fi`` (or ``excel-sv``, the same file) gives what
    Excel with Finnish or Swedish regional settings opens by double-click: ``;``-separated with decimal commas. ``?lang=fi|sv|en``: headers and data labels
    in that language (without it: the column names of ``CSV_COLUMNS``, labels as stored)."""
    stored = _download(region, week)
    if isinstance(stored, BaseResponse):
        return stored
    dialect = request.args.get("dialect", "rfc4180")
    if dialect not in ("rfc4180", *EXCEL_DIALECTS):
        reason = gettext("dialect is rfc4180 (default), excel-fi or excel-sv (the same file).")
        return _json_error(422, reason, {"query": {"dialect": [reason]}})
    suffix = f"-{dialect}" if dialect in EXCEL_DIALECTS else ""
    filename = f"kohtaanto-meeting-{stored.region}-{stored.week}{suffix}.csv"
    header, content, in_words = _table(stored)
    return Response(
        meeting_csv(content, excel_fi=dialect in EXCEL_DIALECTS, header=header, in_words=in_words),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.get("/meetings/<region>/<week>/content.xlsx")
@roles_checked_inside(*VIEW_ROLES)
@query_parameters()
def content_xlsx(region: str, week: str) -> Any:
    """The CSV's rows as an Excel workbook: numbers and dates typed, opens the same in every locale
    (``?lang=`` as for the CSV). Text is stored as text cells (``write_xlsx``), which a spreadsheet
    never runs as a formula, so a title is shown as written, without the CSV's neutralising
    apostrophe (outside tester 10, L9)."""
    stored = _download(region, week)
    if isinstance(stored, BaseResponse):
        return stored
    filename = f"kohtaanto-meeting-{stored.region}-{stored.week}.xlsx"
    header, content, in_words = _table(stored)
    rows = meeting_rows(content, in_words=in_words)
    if in_words:  # yes/no in the request's language, as the CSV in words (outside tester 14, P19)
        yes, no = gettext("yes"), gettext("no")
        rows = [[(yes if x else no) if isinstance(x, bool) else x for x in row] for row in rows]
    # dates as the fi/sv page and the excel-fi CSV write them, 13.12.2026 (outside tester 16, P13)
    lang = supported(request.args.get(LANG_PARAM))
    date_format = "d.m.yyyy" if lang in ("fi", "sv") else None
    return Response(
        write_xlsx(header, rows, sheet=stored.week, date_format=date_format),
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _json_error(
    status: int,
    message: str,
    errors: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """The same ``{code, status, message, errors}`` shape (and serialisation) as the API's errors;
    ``errors``: field-level reasons by location, e.g. ``{"query": {"dialect": [...]}}``."""
    body = {"code": status, "status": HTTPStatus(status).phrase, "message": message, "errors": errors or {}}
    return Response(current_app.json.dumps(body) + "\n", status, mimetype="application/json", headers=headers)


#: The vacancy's and the candidate's place, the same in both downloads.
ROW_COLUMNS = (
    "week",
    "region",
    "vacancy_id",
    "title",
    "employer_org",
    "occupation",
    "municipality",
    "openings",
    "application_deadline",
    "shortage_level",
    "shortage_period",
    "shortage_list_stale",
    "eligible_candidates",
    "candidates_with_all_essential_skills",
    "rank",
    "candidate_id",
)

CSV_COLUMNS = (
    *ROW_COLUMNS,
    "score",
    "essential_skills_matched",
    "missing_essential_skills",
    "distance_km",
    "available_from",
    "status",
    "match",
    "essential_skills_from_work_history",
    "partner_agencies_own_status",
    "occupation_inferred",
    "sea_crossing",
)

# The columns of a download in words (``?lang=``), what a team reads at the meeting (outside tester 13,
# P9: ~100 ``|``-joined skill labels per cell, and both the raw score and the 0-100 match): one
# headline number (the 0-100 match, as the page shows it), counts of the essential skills, and the
# missing ones by name, as many as the page shows (``MISSING_SHOWN``) and "(+ n more)".
WORDS_COLUMNS = (
    *ROW_COLUMNS,
    "match",
    "essential_skills_held",
    "essential_skills_claimed",
    "essential_skills_from_work_history",
    "missing_essential_skills",
    "distance_km",
    "available_from",
    "status",
    "partner_agencies_own_status",
    "occupation_inferred",
    "sea_crossing",
)

MISSING_SHOWN = 4
"""How many missing essential skills the page and a download in words name (then "(+ n more)")."""


def meeting_columns(*, in_words: bool) -> tuple[str, ...]:
    """The download's columns: ``WORDS_COLUMNS`` for people (``?lang=``), else ``CSV_COLUMNS``
    (ids, codes, the raw score and every skill label, ``|``-joined, for programs; unchanged)."""
    return WORDS_COLUMNS if in_words else CSV_COLUMNS


# The CSV/XLSX headers people read, by column (``?lang=``).
CSV_HEADERS: dict[str, Any] = {
    "week": lazy_gettext("Week"),
    "region": lazy_gettext("Region"),
    "vacancy_id": lazy_gettext("Vacancy id"),
    "title": lazy_gettext("Title"),
    "employer_org": lazy_gettext("Employer"),
    "occupation": lazy_gettext("Occupation"),
    "municipality": lazy_gettext("Municipality"),
    "openings": lazy_gettext("Openings"),
    "application_deadline": lazy_gettext("Application deadline"),
    "shortage_level": lazy_gettext("Shortage level"),
    "shortage_period": lazy_gettext("Shortage period"),
    "shortage_list_stale": lazy_gettext("Shortage list stale"),
    "eligible_candidates": lazy_gettext("Eligible candidates"),
    "candidates_with_all_essential_skills": lazy_gettext("Candidates with every essential skill"),
    "rank": lazy_gettext("Rank"),
    "candidate_id": lazy_gettext("Candidate id"),
    "score": lazy_gettext("Score"),
    "essential_skills_matched": lazy_gettext("Essential skills matched"),
    "missing_essential_skills": lazy_gettext("Missing essential skills"),
    "distance_km": lazy_gettext("Distance (km)"),
    "sea_crossing": lazy_gettext("Across the sea (Åland – mainland, no road)"),
    "available_from": lazy_gettext("Available from"),
    "status": lazy_gettext("Status"),
    "match": lazy_gettext("Match 0–100"),
    "essential_skills_from_work_history": lazy_gettext("Essential skills from work history"),
    "essential_skills_held": lazy_gettext("Essential skills held (claimed or from work history)"),
    "essential_skills_claimed": lazy_gettext("Essential skills claimed"),
    "partner_agencies_own_status": lazy_gettext("Partner agencies' own status"),
    "occupation_inferred": lazy_gettext("Occupation inferred from the text"),
}


def meeting_csv(
    m: MeetingContent, *, excel_fi: bool = False, header: Sequence[str] = CSV_COLUMNS, in_words: bool = False
) -> str:
    """One row per vacancy and top candidate (a vacancy without candidates gets one row), with a BOM
    and CRLF. ``excel_fi``: ``;``-separated, decimal commas and dates as ``13.12.2026``, as Excel in a
    Finnish locale (fi-FI or sv-FI) reads them and the fi/sv page shows them (outside tester 15, P15);
    otherwise dates are ISO (``2026-12-13``). Every form neutralises formulas (``shared.tables.csv_writer``).
    ``header``: the first row (default: the column names of ``CSV_COLUMNS``). ``in_words``: values in
    the request's language as ``meeting_rows`` gives them, and yes/no for true/false."""
    out = io.StringIO()
    # Every cell a spreadsheet could run as a formula is neutralised, in every form of the CSV
    # (``shared.tables.csv_writer``; outside tester 26, T26-6: the program CSV wrote an employer's
    # "=HYPERLINK(…)" title raw, and it is the link ``make demo`` prints). Every text cell quoted: a
    # spreadsheet splitting on another delimiter (Finnish Excel on ";") still reads one cell.
    writer = csv_writer(
        out, delimiter=";" if excel_fi else ",", lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC
    )
    if tuple(header) == CSV_COLUMNS:
        out.write((";" if excel_fi else ",").join(CSV_COLUMNS) + "\r\n")  # fixed names, nothing to quote
    else:
        writer.writerow(header)  # words in a language: quoted
    yes, no = (gettext("yes"), gettext("no")) if in_words else ("true", "false")
    for row in meeting_rows(m, in_words=in_words):
        cells = [(yes if x else no) if isinstance(x, bool) else x for x in row]
        if excel_fi:
            cells = [_excel_fi(x) for x in cells]
        writer.writerow(["" if x is None else x for x in cells])
    return "\ufeff" + out.getvalue()


def meeting_rows(m: MeetingContent, *, in_words: bool = False) -> list[list[Any]]:
    """The rows of ``meeting_columns(in_words=in_words)``: numbers as numbers, dates as dates,
    missing values None. Without ``in_words`` (``CSV_COLUMNS``): the ids and codes programs read,
    the raw score and the 0-100 match, every matched, missing and work-history skill label
    ``|``-joined. ``in_words`` (``WORDS_COLUMNS``): the employer and partner agencies by their
    registered names, the shortage level and statuses in the request's language (``WORDS``), as the
    page shows them (outside testers 10, L9, and 11, M6); the 0-100 match whole (None in a meeting
    stored before it existed); the essential skills held as the page counts them ("12 of 14":
    claimed or shown by work history, of all the vacancy's essential skills; None when it names
    none), of them how many claimed and how many only work history shows, and the missing ones by name, the first ``MISSING_SHOWN`` and
    "(+ n more)" (outside tester 13, P9). The count of candidates with all essential skills is None
    (``–`` in words) for a vacancy that names none, as the page shows it."""

    def said(kind: str, code: str | None) -> str | None:
        return str(WORDS[kind].get(code, code)) if in_words and code is not None else code

    def org(org_id: str) -> str:
        return registered_name(org_id) if in_words else org_id

    columns = meeting_columns(in_words=in_words)
    out: list[list[Any]] = []
    for v in m.vacancies:
        vacancy = {
            "week": m.week,
            # the region's name in the language in words, as the page shows it (outside tester 17, P18)
            "region": (m.region_name or m.region) if in_words else m.region,
            "vacancy_id": v.vacancy_id,
            "title": v.title,
            "employer_org": org(v.employer_org),
            "occupation": v.occupation,
            "municipality": v.municipality,
            "openings": v.openings,
            "application_deadline": v.application_deadline,
            "shortage_level": said("level", v.shortage_level),
            "shortage_period": v.shortage_period,
            "shortage_list_stale": v.shortage_stale,
            # at least the cap: "200+" in words, as the page shows it (P19); programs get the number
            "eligible_candidates": f"{v.candidate_count}+"
            if in_words and v.count_capped
            else v.candidate_count,
            # none when the vacancy names no essential skill: the page's "– / 68", never "68 of 68"
            # fully qualified (outside tester 16, P9); "–" in words, an empty cell for programs
            "candidates_with_all_essential_skills": v.qualified_count
            if v.names_essential_skills
            else ("–" if in_words else None),
            "occupation_inferred": v.occupation_inferred,
        }
        rows = [vacancy | _candidate_cells(c, in_words, said, org) for c in v.candidates] or [vacancy]
        out.extend([row.get(c) for c in columns] for row in rows)
    return out


def _candidate_cells(
    c: CandidateRow,
    in_words: bool,
    said: Callable[[str, str | None], str | None],
    org: Callable[[str], str],
) -> dict[str, Any]:
    """A top candidate's cells by column name (``meeting_rows``)."""
    agencies = "|".join(f"{org(a.org)}: {said('status', a.status)}" for a in c.agencies)
    cells: dict[str, Any] = {
        "rank": c.rank,
        "candidate_id": c.candidate_id,
        "distance_km": c.distance_km,
        "sea_crossing": (gettext("yes") if c.sea_crossing else "") if in_words else c.sea_crossing,
        "available_from": c.available_from,
        "status": said("status", c.status),
        "partner_agencies_own_status": agencies,
    }
    if not in_words:
        return cells | {
            "score": c.score,
            "essential_skills_matched": "|".join(s.label for s in c.matched),
            "missing_essential_skills": "|".join(s.label for s in c.missing),
            "match": c.match,
            "essential_skills_from_work_history": "|".join(s.label for s in c.inferred),
        }
    total = len(c.matched) + len(c.missing)
    missing = "; ".join(s.label for s in c.missing[:MISSING_SHOWN])
    if len(c.missing) > MISSING_SHOWN:
        more = len(c.missing) - MISSING_SHOWN
        # (in brackets: "; +" would read as a formula start, ``shared.tables.formula_safe``)
        missing += " " + ngettext("(+ %(num)d more)", "(+ %(num)d more)", more)
    return cells | {
        "match": whole_match(c.match) if c.match else None,
        # what the candidate holds, claimed or shown by work history ("88 of 88"), then the two
        # apart (4 claimed, 84 from work history): "4 of 88" read as "holds 4" (outside tester 18, P19)
        "essential_skills_held": gettext("%(held)s of %(total)s", held=len(c.matched), total=total)
        if total
        else None,
        "essential_skills_claimed": len(c.claimed) if total else None,
        # no count at all when the vacancy names no essential skill, as the page and the API's
        # null `essential_held` (outside tester 27, T27-14 f: "0 of 0" read as "holds nothing")
        "essential_skills_from_work_history": len(c.inferred) if total else None,
        "missing_essential_skills": missing,
    }


def _excel_fi(value: Any) -> Any:
    """A cell as Excel in a Finnish locale reads it: ``17,8`` for 17.8, ``13.12.2026`` for a date."""
    if isinstance(value, float):
        return str(value).replace(".", ",")
    if isinstance(value, date) and not isinstance(value, datetime):
        return f"{value.day}.{value.month}.{value.year}"
    return value


def bar_chart(
    items: Sequence[tuple[str, int, int, str]],
    title: str,
    subtitle: str,
    label_langs: Sequence[str | None] | None = None,
) -> Markup:
    """A horizontal bar chart as inline SVG: readable on a projector, printable, no script.

    Each item is (label, strong part, whole, text after the bar): the strong part is drawn dark
    over the whole drawn light (e.g. fully qualified candidates out of all eligible ones).
    ``label_langs``: per item, the language of its label when it is not the page's (an ESCO label
    shown in English on a Swedish page), so a screen reader pronounces it as such (outside tester
    8, J10); None for the page's language.
    """
    if not items:
        return Markup("")
    row, label_w, bar_w, top = 40, 430, 420, 12
    height = top + row * len(items) + 8
    peak = max(whole for _, _, whole, _ in items) or 1
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {label_w + bar_w + 140} {height}" '
        f'aria-label="{escape(title)}: {escape(subtitle)}"><title>{escape(title)} — {escape(subtitle)}</title>'
    ]
    for i, (label, strong, whole, text) in enumerate(items):
        y = top + i * row
        full = max(2, round(bar_w * whole / peak))
        part = round(bar_w * strong / peak)
        name = label if len(label) <= 42 else label[:41] + "…"
        label_lang = label_langs[i] if label_langs else None
        marked = f' lang="{escape(label_lang)}" xml:lang="{escape(label_lang)}"' if label_lang else ""
        parts.append(
            f'<text x="{label_w - 12}" y="{y + 25}" text-anchor="end" class="chart-label"{marked}>{escape(name)}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{full}" height="{row - 10}" class="chart-rest"/>'
            f'<rect x="{label_w}" y="{y + 4}" width="{part}" height="{row - 10}" class="chart-bar"/>'
            f'<text x="{label_w + full + 10}" y="{y + 25}" class="chart-value">{escape(text)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
