"""HTTP API of the joint recruitment team: shortage lists, outcomes, vacancy and shortlist overviews,
and preparing the weekly meeting. Views translate; rules live in ``shortages``, ``outcomes``,
``meeting`` and the use cases in ``team``."""

from __future__ import annotations

from copy import deepcopy
from typing import Any, NoReturn

import marshmallow as ma
from flask import current_app, jsonify, request, url_for
from flask.views import MethodView
from flask_babel import gettext
from flask_smorest import Blueprint
from marshmallow import fields, validate

from services.kernel.texts import N_
from services.matching.index.api import CLOSED_MESSAGES, SHORTLIST_ROLES
from services.matching.index.render import render_shortlist, render_vacancy
from services.matching.index.schemas import LANGS, ShortlistSchema, VacancyFieldsSchema
from services.matching.team.handlers import (
    PREPARE_ROLES,
    PREPARE_WEEKS_AHEAD,
    CandidateUnknownError,
    MeetingLockedError,
    MeetingPreparerError,
    MeetingTooFarAheadError,
    MeetingWeekEndedError,
    OutcomeConflictError,
    OutcomeInput,
    RegionNotServedError,
    RegionUnknownError,
    ShortageListUnknownError,
    TeamHandlers,
    VacancyClosedError,
    VacancyUnknownError,
)
from services.matching.team.meeting import IsoWeek
from services.matching.team.outcomes import FollowUp, InvalidOutcomeError, Reason, Status
from services.matching.team.refusals import mark_access_audited
from services.matching.team.replacing import RemovalNotConfirmedError, Replacement
from services.matching.team.shortages import ShortageCsvError
from shared.auth import Role, current_principal, require_role
from shared.http import abort
from shared.i18n import translate_errors, translate_text
from shared.idempotency import idempotent
from shared.organisations import region_not_served
from shared.pii import refuse_identifiers, refuse_sensitive_data
from shared.ratelimit import rate_limited
from shared.refusals import mark_refused
from shared.schemas import (
    REFERENCE_FORMATS,
    BoundedList,
    CandidateId,
    Day,
    DisplayText,
    EmptyBody,
    EscoUri,
    RegionId,
    ScreenedText,
    StrictSchema,
    refuse_stacked_marks,
)
from shared.tables import OLE_MAGIC, XLSX_MAGIC

blp = Blueprint(
    "team",
    __name__,
    url_prefix="/api/v1",
    description="The joint recruitment team: labour-shortage lists, recruiters' outcomes, "
    "vacancy and shortlist overviews per region, the weekly meeting.",
)

TEAM_ROLES = SHORTLIST_ROLES  # recruiter, team member, coach, operator


def team() -> TeamHandlers:
    return current_app.extensions["kohtaanto.matching.team"]


#: A follow-up's owner: a user id (a token's ``sub`` as the services mint them, ``valmentaja@tampere``)
#: or an organisation id (``tampere-tyollisyys``).
OWNER_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*(?:@[A-Za-z0-9][A-Za-z0-9._-]*)?$"


# -- schemas -------------------------------------------------------------------------------------------
class ShortageListSchema(ma.Schema):
    region = fields.String()
    period = fields.String(metadata={"description": "Half-year (2026H2) or month (2026-03)"})
    period_start = fields.String(allow_none=True, metadata={"description": "ISO date"})
    period_end = fields.String(allow_none=True, metadata={"description": "ISO date"})
    source = fields.String()
    entries = BoundedList(fields.Dict(), metadata={"description": "[{occupation, level}] as imported"})
    esco_occupations = fields.Integer(metadata={"description": "ESCO occupations the entries cover"})
    import_id = fields.String()
    imported_by = fields.String()
    imported_at = fields.DateTime()
    age_days = fields.Integer(allow_none=True, metadata={"description": "Days since the period started"})
    stale = fields.Boolean(
        metadata={
            "description": "The period started longer ago than the limit (KOHTAANTO_SHORTAGE_STALE_MONTHS)"
        }
    )
    applies = fields.Boolean(
        metadata={
            "description": "Whether it is among the lists that decide for its region: false once a later "
            "period that does not contain it is stored (a month inside a half-year refines it: both apply); "
            "false while pending"
        }
    )
    pending = fields.Boolean(
        metadata={
            "description": "Its period has not started: stored, but it decides nothing until period_start "
            "(the lists in force keep deciding); a meeting prepared for a week from then on reads it"
        }
    )
    decides = fields.Integer(
        metadata={
            "description": "ESCO occupations whose rating it decides now (in its region; a national list: "
            "in the regions without their own list); listing only"
        }
    )


class ChangeSchema(ma.Schema):
    """What an upload does (or, in a dry run, would do) to one stored set: ``replacing.Replacement``."""

    scope = fields.String(
        metadata={"description": "The set replaced: a provider id, or a shortage list's 'region|period'"}
    )
    stored = fields.Integer(metadata={"description": "Rows the set held before (0: new)"})
    counts = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(),
        metadata={"description": "{added, changed, removed, unchanged}: rows of each kind"},
    )
    added = BoundedList(fields.String(), metadata={"description": "Ids new in the file"})
    changed = BoundedList(fields.String(), metadata={"description": "Ids in both, with other content"})
    removed = BoundedList(fields.String(), metadata={"description": "Stored ids the file leaves out"})
    needs_confirming = fields.Boolean(
        metadata={"description": "Removes more than half of the stored rows and at least 10: confirm_removal"}
    )


def change_dict(r: Replacement) -> dict[str, Any]:
    """``ChangeSchema``'s fields of one replacement."""
    kept = r.stored - len(r.removed) - len(r.changed)
    return {
        "scope": r.scope,
        "stored": r.stored,
        "counts": {
            "added": len(r.added),
            "changed": len(r.changed),
            "removed": len(r.removed),
            "unchanged": kept,
        },
        "added": list(r.added),
        "changed": list(r.changed),
        "removed": list(r.removed),
        "needs_confirming": r.needs_confirming,
    }


class ShortageImportSchema(ma.Schema):
    import_id = fields.String(allow_none=True, metadata={"description": "null in a dry run"})
    dry_run = fields.Boolean(metadata={"description": "true: nothing was stored, recorded or published"})
    changes = BoundedList(
        fields.Nested(ChangeSchema),
        metadata={
            "description": "Per list in the file: the occupations (as rated in the file: ESCO URI or "
            "ISCO-08 code) it adds to, rates otherwise in, and removes from the stored list of its "
            "region and period"
        },
    )
    source = fields.String()
    read_as = fields.String(
        metadata={
            "description": "How the file was read: the CSV dialect, or the workbook's sheet (the first sheet "
            "holding the header row: an instructions sheet before it is skipped and named), and the "
            "header's line"
        }
    )
    lists = BoundedList(fields.Nested(ShortageListSchema))
    notices = BoundedList(fields.String())
    warnings = BoundedList(
        fields.String(),
        metadata={
            "description": "Per region where the import took occupations out of shortage: which ones "
            "(their open vacancies leave the region's meeting) and which lists rated them before. A "
            "later period replaces the earlier ones wholly, so a partial table drops the rest. A list for a "
            "period to come is judged on its first day too ('From 1.3.2027 on: …'); then one per line of "
            "the file skipped or read otherwise than written, starting 'Line 3: ' (as in line_warnings)"
        },
    )
    line_warnings = fields.Dict(
        keys=fields.String(),
        values=BoundedList(fields.String()),
        metadata={
            "description": "Line of the file (1 = first line) → why it was skipped while the rest imported: "
            "an ISCO-08 group without ESCO occupations (e.g. 3221), a note below the table ('Lähde: …'), "
            "a second rating of one unit group by two national codes. The same shape as errors.file"
        },
    )


class WithdrawArgs(StrictSchema):
    reason = ScreenedText(
        required=True,
        validate=[validate.Length(1, 500), refuse_identifiers, refuse_stacked_marks],
        metadata={
            "description": "Why the list is withdrawn (kept in the history); no identity code, e-mail address, "
            "phone number or IBAN, and no character under a stack of combining marks (422)",
            "example": "period mistyped",
        },
    )


class HistorySchema(ma.Schema):
    action = fields.String(metadata={"description": "imported, replaced or withdrawn"})
    region = fields.String()
    period = fields.String()
    import_id = fields.String(allow_none=True)
    source = fields.String(allow_none=True)
    rows = fields.Integer(allow_none=True)
    reason = fields.String(allow_none=True)
    by = fields.String()
    by_org = fields.String()
    at = fields.DateTime()


class HistoryListSchema(ma.Schema):
    items = BoundedList(fields.Nested(HistorySchema))


class ShortageListingSchema(ma.Schema):
    items = BoundedList(fields.Nested(ShortageListSchema))


class ShortageListingArgs(StrictSchema):
    region = RegionId(allow_national=True, load_default=None)


class ReplaceArgs(StrictSchema):
    """How an upload that replaces stored sets (a provider's courses, a region's shortage list for a
    period) is applied (outside tester 34, F13)."""

    dry_run = fields.Boolean(
        load_default=False,
        metadata={
            "description": "Check the file and answer what the import would add, change and remove (200), "
            "storing, recording and publishing nothing"
        },
    )
    confirm_removal = fields.Boolean(
        load_default=False,
        metadata={
            "description": "Apply an import that removes more than half of a stored catalogue's or list's "
            "rows, and at least 10 (409 without it)"
        },
    )


def removal_refused(reasons: list[str]) -> NoReturn:
    """409 for an upload that would remove most of a stored set unconfirmed (nothing was stored):
    ``reasons``, one per set, under ``errors.query.confirm_removal``."""
    abort(
        409,
        message=gettext(
            "The file would remove most of what is stored; nothing was imported. See what would change "
            "with ?dry_run=true; if the removal is meant, send the file again with ?confirm_removal=true."
        ),
        errors={"query": {"confirm_removal": reasons}},
    )


class SourceArgs(ReplaceArgs):
    # no control or bidirectional character either, as in every other short text (outside tester 35, F8)
    source = DisplayText(
        load_default="operator import",
        validate=[validate.Length(1, 300), refuse_identifiers],
        metadata={"description": "Where the ratings come from, shown with every flag"},
    )


class FollowUpSchema(StrictSchema):
    action = ScreenedText(
        required=True,
        validate=[validate.Length(1, 300), refuse_sensitive_data],
        metadata={
            "description": "What is to be done; no personal identity code, birth date, e-mail address, phone number, "
            "street address, health information, age, ethnic origin, religion, political opinion, sexual orientation, "
            "trade-union membership, family status, criminal record, immigration status or social-welfare clienthood (422; detected by "
            "wording, fi/sv/en); names are not checked: do not write them",
            "example": "Arrange a Finnish course (B1)",
        },
    )
    owner = fields.String(
        required=True,
        validate=[
            validate.Length(1, 200),
            # as documented (outside tester 22, R5: any text passed, and "vaasa-tyollisyys " with its space)
            validate.Regexp(
                OWNER_PATTERN,
                error=N_(
                    "A user id (e.g. 'valmentaja@tampere') or an organisation id (e.g. 'tampere-tyollisyys'): "
                    "letters, digits, '.', '_', '-' and one '@', no spaces."
                ),
            ),
            # shown on the meeting page to every team: screened as the action is (outside tester 24, T1)
            refuse_sensitive_data,
        ],
        metadata={
            "description": "Who owns it: a user id (the token's `sub`, e.g. `valmentaja@tampere`) or an "
            "organisation id: letters, digits, `.`, `_`, `-` and at most one `@`, no spaces (not an e-mail "
            "address or phone)",
            "example": "valmentaja@tampere",
        },
    )
    due = Day(
        load_default=None,
        metadata={"description": "ISO date, optional; at most three years ahead", "example": "2026-12-15"},
    )


class OutcomeInSchema(StrictSchema):
    candidate_id = CandidateId(
        required=True,
        metadata={
            "description": "Pseudonymous candidate id from a shortlist (`c-` and 24 hex digits)",
            "example": "c-3f9a0c41d2b7e85f6a1c0d94",
        },
    )
    status = fields.String(
        required=True, validate=validate.OneOf([s.value for s in Status]), metadata={"example": "interviewed"}
    )
    reason = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.OneOf([r.value for r in Reason]),
        metadata={"description": "Required when status is not_hired, else omitted (422 otherwise)"},
    )
    comment = ScreenedText(
        load_default="",
        validate=[validate.Length(max=2000), refuse_sensitive_data],
        metadata={
            "description": "Free text; stays in matching, never published. A personal identity code, "
            "birth date, e-mail address (also written as 'name (at) domain'), phone number (also partly "
            "in words), street address, health information (pregnancy, illness, sick leave, pain, work "
            "restrictions, diseases, disability and its aids, addiction), age, ethnic origin or nationality, religion, "
            "political opinion, sexual orientation or sex life, trade-union membership, family status, criminal record "
            "or immigration status in it is refused (422, naming the kinds found; detected by wording in fi/sv/en, "
            "so a rare wording can get through): refer to the candidate by the pseudonymous id. "
            "Names cannot be detected automatically and are not checked: do not write them"
        },
    )
    follow_up = fields.Nested(
        FollowUpSchema,
        load_default=None,
        allow_none=True,
        metadata={"description": "Open until a later outcome for the pair replaces it"},
    )
    occurred_on = Day(
        load_default=None,
        metadata={
            "description": "When it happened; default today. Not in the future and at most 92 days ago "
            "(422 otherwise)",
            "example": "2026-11-20",
        },
    )
    missing_skills = BoundedList(
        EscoUri("skill"),
        load_default=None,
        validate=validate.Length(1, 50),
        metadata={
            "description": "With not_hired for lack of skills: the essential skills the employer found "
            "missing (default: those the candidate lacks for the vacancy). They feed the candidate's "
            "course suggestions, which reach the coach"
        },
    )


class OutcomeOutSchema(ma.Schema):
    outcome_id = fields.String()
    vacancy_id = fields.String()
    candidate_id = fields.String()
    status = fields.String()
    reason = fields.String(allow_none=True)
    comment = fields.String()
    follow_up = fields.Nested(FollowUpSchema, allow_none=True)
    occurred_on = Day()
    recorded_by = fields.String()
    recorded_by_org = fields.String()
    recorded_at = fields.DateTime()


class OutcomeListSchema(ma.Schema):
    items = BoundedList(fields.Nested(OutcomeOutSchema))


class RegionArgs(StrictSchema):
    region = RegionId(load_default=None)
    shortage_only = fields.Boolean(
        load_default=False, metadata={"description": "Only vacancies flagged as shortage roles"}
    )


class VacancyArgs(RegionArgs):
    status = fields.String(load_default="open", validate=validate.OneOf(["open", "closed", "any"]))
    lang = fields.String(load_default="en", validate=validate.OneOf(LANGS))


class ShortlistsArgs(RegionArgs):
    region = RegionId(required=True)
    k = fields.Integer(load_default=5, validate=validate.Range(1, 50))
    lang = fields.String(load_default="en", validate=validate.OneOf(LANGS))


class VacancyItemSchema(VacancyFieldsSchema):
    openings = fields.Integer()
    application_deadline = Day(allow_none=True)


class VacancyListSchema(ma.Schema):
    items = BoundedList(fields.Nested(VacancyItemSchema))


class ShortlistListSchema(ma.Schema):
    items = BoundedList(fields.Nested(ShortlistSchema))


class PreparedSchema(ma.Schema):
    region = fields.String()
    week = fields.String()
    prepared_at = fields.DateTime()
    prepared_by = fields.String()
    url = fields.String(metadata={"description": "The meeting page"})


# -- views ---------------------------------------------------------------------------------------------
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Body types read as a CSV or .xlsx file. Windows with Excel installed registers .csv as
#: application/vnd.ms-excel, and tools pick the type from the extension (an outside tester's 415).
UPLOAD_TYPES = frozenset(
    {
        "text/csv",
        "text/plain",
        XLSX,
        "application/octet-stream",
        "application/vnd.ms-excel",
        "application/csv",
        "text/comma-separated-values",
    }
)


def upload_body(example: str) -> dict[str, Any]:
    """The request body of a file upload: CSV (``example``: an accepted file), .xlsx or a multipart
    ``file`` part."""
    body: dict[str, Any] = deepcopy(UPLOAD_BODY)
    body["content"]["text/csv"]["example"] = example
    return body


UPLOAD_BODY = {
    "required": True,
    "content": {
        "text/csv": {"schema": {"type": "string", "minLength": 1}},
        XLSX: {"schema": {"type": "string", "format": "binary"}},
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
                "required": ["file"],
                "additionalProperties": False,
            }
        },
    },
}


@blp.route("/shortages")
class Shortages(MethodView):
    @require_role(Role.OPERATOR)
    @idempotent
    @blp.arguments(SourceArgs, location="query")
    @blp.doc(requestBody=upload_body("occupation,region,period,level\n7212,pirkanmaa,2026H2,shortage\n"))
    @blp.response(201, ShortageImportSchema)
    @blp.alt_response(200, schema=ShortageImportSchema, description="A dry run: nothing imported")
    @blp.doc(responses={"409": {"$ref": "#/components/responses/DEFAULT_ERROR"}})
    def post(self, args: dict[str, Any]) -> Any:
        """Import labour-shortage ratings from a CSV or .xlsx file (operators).

        Two shapes (docs/meeting.md, data/barometer/README.md): the project's columns ``occupation``
        (ESCO occupation URI or ISCO-08 code of 1–4 digits: a code covers every ESCO occupation in its
        group), ``region`` (region id, Finnish or Swedish name or maakunta code, or ``national``),
        ``period`` (half-year ``2026H2`` or month ``2026-03``, also ``joulukuu 2026``, ``december 2026``,
        ``Dec 2026``, ``12/2026``; at most 12 months ahead), ``level``
        (``severe_shortage`` … ``severe_surplus``); or the Labour Force Barometer's table with Finnish,
        Swedish or English column names, occupations as ``2221 Sairaanhoitajat``, the barometer's
        wording or 1–5 ratings. CSV in any common dialect (``;`` or ``,``, UTF-8 with or without BOM or
        Windows-1252, CRLF) or an .xlsx workbook's first sheet holding the header row (an instructions
        sheet before it is skipped; ``read_as`` names the sheet read); title rows above the header are
        skipped. The whole file is checked first: any bad line gives 422 with ``errors.file`` mapping
        line numbers to reasons (the one key for the uploaded file, CSV or .xlsx, as the catalogue's
        import), and nothing is imported. A line that is well formed but cannot be used — an ISCO-08
        group ESCO has no occupation in (3221), a note below the table ("Lähde: …", "* = arvio …", any
        row below the data filling only its first cell with more than one word) — is skipped and
        named in ``line_warnings`` (line → reasons) and ``warnings``; the rest imports. A Finnish
        national 5-digit code (Ammattiluokitus 2010, ``32211``) is read as its ISCO-08 unit group. Each (region, period) in the file replaces the stored list for it, is recorded in the
        history and is published on ``kohtaanto.shortages.v1``. A month inside a stored half-year
        refines it (decides only the occupations it rates); a later period that does not contain the
        stored ones replaces them. ``notices`` say, per region whose deciding lists changed, how many
        ESCO occupations each list now decides and how many are in shortage before and after (with a
        warning when none are left); ``warnings`` name, per region, the occupations the import took
        out of shortage (their vacancies leave the meeting). An operator of an organisation serving
        only some regions (the registry's ``regions``) imports lists for those only: a line of
        another region's (or a ``national``) list is a 422 line reason, and nothing is imported.
        Send the file as the request body (``text/csv`` or the .xlsx type) or as the ``file`` field
        of a multipart form.

        ``changes`` say per list what it adds to, changes in and removes from the stored list of its
        region and period. A list that would remove more than half of the stored one's rows, and at
        least 10, is refused with 409 naming each such list (``errors.query.confirm_removal``), and
        nothing is imported, unless ``confirm_removal=true``; the history records a confirmed
        removal with its count. ``dry_run=true`` checks the file the same way and answers 200 with
        the same fields (``import_id`` null), storing, recording and publishing nothing.
        """
        data, filename = upload()
        try:
            result = team().records.import_shortages(
                data,
                args["source"],
                current_principal(),
                filename,
                dry_run=args["dry_run"],
                confirm_removal=args["confirm_removal"],
            )
        except ShortageCsvError as exc:
            abort(
                422,
                message=gettext("The shortage file has errors; nothing was imported."),
                errors={FILE_KEY: {str(line): reasons for line, reasons in exc.errors.items()}},
            )
        except RemovalNotConfirmedError as exc:
            removal_refused([list_removal_reason(r) for r in exc.unconfirmed])
        skipped = translate_errors({str(line): reasons for line, reasons in result.skipped.items()})
        listed = (
            {}
            if result.dry_run
            else {(x["region"], x["period"]): x for x in team().records.shortage_listing()}
        )
        removal_notes = [
            list_removal_warning(r) for r in result.changes if r.needs_confirming and result.dry_run
        ]
        answer = {
            "import_id": None if result.dry_run else result.import_id,
            "dry_run": result.dry_run,
            "changes": [change_dict(r) for r in result.changes],
            "source": result.source,
            "read_as": translate_text(result.read_as),
            "lists": [
                {
                    **listed.get((x.region, str(x.period)), {}),
                    "region": x.region,
                    "period": str(x.period),
                    "source": x.source,
                    "entries": [{"occupation": e.occupation, "level": e.level.value} for e in x.entries],
                    "esco_occupations": len(x.levels),
                }
                for x in result.lists
            ],
            # in the request's language, as the line warnings (outside tester 27, T27-4)
            "notices": [translate_text(n) for n in result.notices],
            "warnings": [
                *removal_notes,
                *(translate_text(w) for w in result.warnings),
                *line_warnings(skipped),
            ],
            "line_warnings": skipped,
        }
        return (answer, 200) if result.dry_run else answer

    @require_role(*TEAM_ROLES)
    @blp.arguments(ShortageListingArgs, location="query")
    @blp.response(200, ShortageListingSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """The stored shortage lists, one per region (or ``national``) and period, each with its period
        dates, import time, age, whether it is stale and whether it still decides any flag;
        ``region`` keeps one region's lists (or the national ones)."""
        items = team().records.shortage_listing()
        if args["region"]:
            items = [x for x in items if x["region"] == args["region"]]
        return {"items": items}


REGION_PARAMETER = {
    "in": "path",
    "name": "region",
    "description": "Region (maakunta) id, e.g. `pirkanmaa`",
    "schema": {"type": "string", "format": REFERENCE_FORMATS["region"]},
}


@blp.route(
    "/shortages/<region>/<period>",
    parameters=[
        {**REGION_PARAMETER, "description": "Region (maakunta) id, or `national`"}
        | {"schema": {"type": "string", "format": REFERENCE_FORMATS["region-or-national"]}},
        {
            "in": "path",
            "name": "period",
            "description": "The list's period as stored: a half year (`2026H2`) or a month (`2026-03`)",
            "schema": {"type": "string", "pattern": "^20[0-9]{2}(H[12]|-(0[1-9]|1[0-2]))$"},
        },
    ],
)
class ShortageListView(MethodView):
    @require_role(Role.OPERATOR)
    @blp.arguments(WithdrawArgs, location="query")
    @blp.response(204)
    def delete(self, args: dict[str, Any], region: str, period: str) -> None:
        """Withdraw one list (e.g. imported with a mistyped period): it stops deciding flags at once,
        the withdrawal is recorded with its reason, and a tombstone on ``kohtaanto.shortages.v1``
        makes the vacancy service drop it too. To replace a list, import the corrected file: a list
        for the same region and period replaces the stored one. Only for a region the caller's
        organisation serves (403 otherwise; ``national``: the system operator)."""
        try:
            team().records.withdraw_shortages(region, period, current_principal(), args["reason"])
        except RegionUnknownError as exc:
            abort(422, message=str(exc), errors={"path": {"region": [str(exc)]}})
        except RegionNotServedError as exc:
            refused(exc)
        except ShortageListUnknownError:
            abort(
                404,
                message=gettext(
                    "No stored shortage list for %(region)s %(period)s.", region=region, period=period
                ),
            )


@blp.route("/shortages/history")
class ShortageHistory(MethodView):
    @require_role(Role.OPERATOR)
    @blp.response(200, HistoryListSchema)
    def get(self) -> Any:
        """Who imported, replaced or withdrew which list, when and why; latest first (operators)."""
        return {"items": team().records.shortage_history()}


def _list_name(r: Replacement) -> str:
    return r.scope.replace("|", " ")


def list_removal_reason(r: Replacement) -> str:
    """The 409's reason for one shortage list whose removal needs confirming (request's language)."""
    return gettext(
        "%(list)s: %(removed)s of the %(stored)s rows of the stored list are not in the file and would "
        "be removed (%(occupations)s).",
        list=_list_name(r),
        removed=len(r.removed),
        stored=r.stored,
        occupations=", ".join(r.removed),
    )


def list_removal_warning(r: Replacement) -> str:
    """A dry run's warning for one shortage list whose removal needs confirming."""
    return gettext(
        "%(list)s: %(removed)s of the %(stored)s rows of the stored list would be removed; the import "
        "needs ?confirm_removal=true.",
        list=_list_name(r),
        removed=len(r.removed),
        stored=r.stored,
    )


def refused(exc: RegionNotServedError) -> NoReturn:
    """403 for a caller whose organisation does not serve the region (nothing stored or published)."""
    reason = region_not_served(exc.region)
    abort(403, message=reason, errors={"path": {"region": [reason]}})


def preparer_refused(region: str) -> str:
    """The 403's reason (in the request's language) when a partner agency or an education provider
    serving ``region`` asks to prepare its meeting (``TeamHandlers.may_prepare``; T26-5)."""
    return gettext(
        "Only the public employment services of %(region)s and the system operator prepare its weekly "
        "meeting; your organisation reads it, with the candidates it may see.",
        region=region,
    )


NOT_XLSX = N_(
    "Sent as an .xlsx workbook (%(declared)s), but this is not one: an .xlsx file is a zip archive "
    "(it starts with 'PK'). Save it in Excel as .xlsx, or send a CSV file as text/csv."
)


#: The key of ``errors`` for reasons about an uploaded file, by line, whatever its format (CSV or .xlsx)
#: and whichever import (outside tester 26, F8: the shortage import said ``csv``, the catalogue ``file``).
FILE_KEY = "file"


def line_warnings(by_line: Any) -> list[str]:
    """``{"3": [reason, …]}`` as warnings "Line 3: reason", in line order (reasons already translated)."""
    return [
        gettext("Line %(line)s: %(reason)s", line=line, reason=reason)
        for line, reasons in sorted(by_line.items(), key=lambda kv: int(kv[0]))
        for reason in reasons
    ]


def upload(what: str = "the shortage list", errors_key: str = FILE_KEY) -> tuple[bytes, str]:
    """The uploaded file's bytes and name: the body (CSV or .xlsx) or a multipart ``file`` field; 415
    naming ``what`` for any other media type, 422 for a multipart request without ``file``, and 422
    with ``errors[errors_key]["1"]`` when the body's type or the part's name or type says .xlsx but
    the content is no zip archive (outside tester 19, P11: it was read as CSV and refused for its
    columns). An old .xls or an empty file is left to ``shared.tables.read_table``'s own reasons."""
    if request.mimetype == "multipart/form-data":
        item = request.files.get("file")
        extra = sorted((set(request.form) | set(request.files)) - {"file"})
        if extra:  # a typo'd field name would otherwise be ignored while the file is missing
            abort(
                422,
                message=gettext("Send the file as the 'file' field."),
                errors={"files": {name: [gettext("Unknown field.")] for name in extra}},
            )
        if item is None:
            abort(
                422,
                message=gettext("Send the file as the 'file' field."),
                errors={"files": {"file": [gettext("Missing.")]}},
            )
        data, filename = item.read(), item.filename or ""
        if filename.lower().endswith(".xlsx") or item.mimetype == XLSX:
            _check_xlsx(data, f"'{filename}'" if filename.lower().endswith(".xlsx") else XLSX, errors_key)
        return data, filename
    if request.mimetype in UPLOAD_TYPES:
        data = request.get_data()  # the content decides how it is read (shared.tables.read_table)
        if request.mimetype == XLSX:
            _check_xlsx(data, f"Content-Type {XLSX}", errors_key)
        return data, ""
    abort(415, message=gettext("Send %(what)s as text/csv, .xlsx or multipart/form-data.", what=what))


def _check_xlsx(data: bytes, declared: str, errors_key: str) -> None:
    if data.strip() and not data.startswith((XLSX_MAGIC, OLE_MAGIC)):
        reason = gettext(NOT_XLSX, declared=declared)
        abort(422, message=reason, errors={errors_key: {"1": [reason]}})


@blp.route("/vacancies/<vacancy_id>/outcomes")
class Outcomes(MethodView):
    @require_role(Role.RECRUITER, Role.EMPLOYER, Role.COACH)
    @idempotent
    @blp.arguments(OutcomeInSchema)
    @blp.response(201, OutcomeOutSchema)
    def post(self, data: dict[str, Any], vacancy_id: str) -> Any:
        """Record what happened to a proposed candidate. ``not_hired`` needs a ``reason``. With
        ``Idempotency-Key`` a retry gets the first answer and records nothing again (outside tester 36, H7).

        Who may (``shared.entitlement.may_record_outcome``): a recruiter of an organisation the
        candidate consented to, the vacancy's employer if the candidate consented to it, or a coach of
        the candidate's own organisation (who may also correct a wrong status). Anyone else gets the
        same 422 as for an unknown candidate. A partner agency records ``hired`` only for a candidate
        it proposed, contacted or interviewed for the vacancy before (409 otherwise).

        Publishes ``outcome.recorded`` (without the comment and follow-up). Whose outcome holds for
        whom (``team.outcomes``): the employer's and employment services' for everyone, a partner
        agency's for itself only, a hire for everyone. A candidate whose status, as it holds for the
        caller, is ``hired`` or ``not_hired`` is no longer on the caller's shortlist for the vacancy;
        a hired candidate's profile is marked hired by the profile service.
        """
        follow = data["follow_up"]
        payload = OutcomeInput(
            candidate_id=data["candidate_id"],
            status=Status(data["status"]),
            reason=Reason(data["reason"]) if data["reason"] else None,
            comment=data["comment"],
            follow_up=FollowUp(follow["action"], follow["owner"], follow["due"]) if follow else None,
            occurred_on=data["occurred_on"],
            missing_skills=tuple(dict.fromkeys(data["missing_skills"])) if data["missing_skills"] else None,
        )
        try:
            outcome = team().record_outcome(current_principal(), vacancy_id, payload)
        except VacancyUnknownError:
            mark_refused("unknown_vacancy")
            abort(404, message=gettext("No such vacancy (or not yet received by the matching service)."))
        except CandidateUnknownError:
            # no consent, another organisation's or no such candidate: a refused attempt at a
            # jobseeker's data, audited by the profile service (team.refusals)
            mark_refused("unknown_candidate")
            abort(
                422,
                message=gettext("Unknown candidate."),
                errors={
                    "json": {
                        "candidate_id": [
                            gettext("No such candidate for whom your organisation may record outcomes.")
                        ]
                    }
                },
            )
        except InvalidOutcomeError as exc:
            abort(422, message=gettext("The outcome breaks a rule."), errors={"json": exc.errors})
        except OutcomeConflictError:
            abort(
                409,
                message=gettext(
                    "An agency reports a hire only for a candidate it proposed for this vacancy."
                ),
                errors={
                    "json": {
                        "status": [
                            gettext(
                                "Record that your agency proposed the candidate for this vacancy "
                                "before reporting the hire."
                            )
                        ]
                    }
                },
            )
        except VacancyClosedError as exc:
            abort(
                409,
                message=gettext(CLOSED_MESSAGES.get(exc.close_reason, CLOSED_MESSAGES[None])),
                errors={
                    "json": {
                        "status": [
                            gettext(
                                "A closed vacancy takes only a hire or a not-hired outcome, or a "
                                "step that happened before it closed (give its day in occurred_on)."
                            )
                        ]
                    }
                },
            )
        mark_access_audited()  # its access.granted went with the outcome (team.refusals)
        return outcome, 201, {"Location": f"{blp.url_prefix}/vacancies/{vacancy_id}/outcomes"}

    @require_role(*TEAM_ROLES)
    @blp.response(200, OutcomeListSchema)
    def get(self, vacancy_id: str) -> Any:
        """Outcomes recorded for a vacancy, oldest first: all of them for the system operator; for
        employment services every organisation's about the candidates it may see (living in the
        regions it serves, or its own or consenting jobseekers); for a partner agency or an employer
        its own organisation's, about candidates who consented to it."""
        try:
            found = team().outcomes(vacancy_id, current_principal())
        except VacancyUnknownError:
            abort(404, message=gettext("No such vacancy."))
        return {"items": found}


@blp.route("/vacancies")
class Vacancies(MethodView):
    @require_role(*TEAM_ROLES)
    @blp.arguments(VacancyArgs, location="query")
    @blp.response(200, VacancyListSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """Vacancies known to matching, filtered by region and status; ``shortage_only=true`` keeps the
        shortage roles. Each carries ``shortage``: null, or the level, half-year, list and source that
        make it a shortage role."""
        handlers, items = team(), []
        book = handlers.records.shortage_book()
        for record in sorted(
            handlers.index.vacancies(), key=lambda r: (r.region, r.vacancy.title, r.vacancy_id)
        ):
            v = record.vacancy
            if args["region"] and record.region != args["region"]:
                continue
            if args["status"] != "any" and v.status != args["status"]:
                continue
            flag = handlers.vacancy_flag(record, book)
            if args["shortage_only"] and flag is None:
                continue
            items.append(
                {
                    **render_vacancy(record, handlers.taxonomy, args["lang"], flag),
                    "openings": record.openings,
                    "application_deadline": record.application_deadline,
                }
            )
        return {"items": items}


@blp.route("/shortlists")
class Shortlists(MethodView):
    @require_role(*TEAM_ROLES)
    @rate_limited("batch_read")
    @blp.arguments(ShortlistsArgs, location="query")
    @blp.response(200, ShortlistListSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """Shortlists of every open vacancy in a region, most severe shortage first; ``shortage_only=true``
        asks for shortage roles only. The same rule as a single shortlist (``shared.entitlement.viewer``):
        a partner recruiter gets only candidates who consented to the recruiter's organisation;
        employment services those and the residents of the regions they serve, so for a region they
        do not serve only their own and consenting jobseekers; the system operator everyone."""
        caller, handlers, items = current_principal(), team(), []
        book = handlers.records.shortage_book()
        for record in handlers.index.vacancies():
            if record.region != args["region"] or not record.is_open:
                continue
            flag = handlers.vacancy_flag(record, book)
            if args["shortage_only"] and flag is None:
                continue
            shortlist = handlers.index.shortlist(caller, record.vacancy_id, args["k"])
            items.append(render_shortlist(shortlist, handlers.taxonomy, args["lang"], flag))
        severity = {"severe_shortage": 0, "shortage": 1}
        items.sort(
            key=lambda s: (
                severity.get(str((s["vacancy"]["shortage"] or {}).get("level")), 2),
                s["vacancy"]["title"],
                s["vacancy"]["id"],
            )
        )
        return jsonify({"items": items})  # rendered by render_shortlist, as the schema describes


def week_refused() -> tuple[str, str]:
    """The message and the field reason of a ``week`` that is no ISO week of 2000-2099 (``2027-W53``,
    ``2026-48``): a 422 naming ``week`` wherever one is taken — the meeting API's prepare, the page,
    its downloads, the satisfaction figures (outside tester 27, T27-14 g: prepare answered 404 where
    the satisfaction figures said 422)."""
    return gettext("Not an ISO week."), gettext(
        "An ISO week that exists, 2000-2099, e.g. 2026-W48 (2026 has a week 53, 2027 none)."
    )


@blp.route(
    "/meetings/<region>/<week>/prepare",
    parameters=[
        REGION_PARAMETER,
        {
            "in": "path",
            "name": "week",
            "description": "ISO week, e.g. `2026-W48` (a week that exists, 2000-2099; 422 naming it otherwise)",
            "schema": {"type": "string", "format": REFERENCE_FORMATS["iso-week"]},
        },
    ],
)
class PrepareMeeting(MethodView):
    @require_role(*PREPARE_ROLES)
    @idempotent
    @blp.arguments(EmptyBody, required=False, description="None, or `{}` (outside tester 10, L15)")
    @blp.response(201, PreparedSchema)
    def post(self, _body: dict[str, Any], region: str, week: str) -> Any:
        """Compute and store the content of a region's weekly meeting (team members, coaches and
        operators of the region's public employment services, and the system operator; a partner
        agency or an education provider serving the region gets 403: T26-5). The content ranks
        every candidate, whoever prepares it, and each viewer reads its own part. The current or a
        future week may be prepared again before the meeting (the new content replaces the old); a
        week that has ended never: 409 when it was prepared, 422 when it was not (outside tester
        22, R2), so a past meeting always shows what the team saw. A caller whose organisation does
        not serve the region (the registry's ``regions``) gets 403 too."""
        try:
            stored = team().prepare(region, IsoWeek.parse(week), current_principal())
        except RegionUnknownError as exc:
            abort(422, message=str(exc), errors={"path": {"region": [str(exc)]}})
        except RegionNotServedError as exc:
            refused(exc)
        except MeetingPreparerError as exc:
            reason = preparer_refused(exc.region)
            abort(403, message=reason, errors={"path": {"region": [reason]}})
        except ValueError:
            message, reason = week_refused()
            abort(422, message=message, errors={"path": {"week": [reason]}})
        except MeetingLockedError:
            abort(
                409,
                message=gettext(
                    "That week's meeting is past and was already prepared; it stays as the team saw it."
                ),
            )
        except MeetingWeekEndedError:
            abort(
                422,
                message=gettext(
                    "Week %(week)s has ended and its meeting was never prepared: it cannot be prepared "
                    "afterwards, as today's vacancies and candidates would be shown as what the team saw.",
                    week=week,
                ),
                errors={
                    "path": {
                        "week": [
                            gettext("A week that has ended cannot be prepared; this week or a later one.")
                        ]
                    }
                },
            )
        except MeetingTooFarAheadError:
            abort(
                422,
                message=gettext(
                    "A meeting is prepared at most %(weeks)s weeks ahead: its content is what the index holds now.",
                    weeks=PREPARE_WEEKS_AHEAD,
                ),
                errors={
                    "path": {
                        "week": [
                            gettext("At most %(weeks)s weeks after this one.", weeks=PREPARE_WEEKS_AHEAD)
                        ]
                    }
                },
            )
        return {
            "region": stored.region,
            "week": stored.week,
            "prepared_at": stored.prepared_at,
            "prepared_by": stored.prepared_by,
            "url": url_for("meetings.page", region=stored.region, week=stored.week),
        }
