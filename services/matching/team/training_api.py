"""HTTP endpoints of the training catalogue and of course suggestions."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask import current_app
from flask.views import MethodView
from flask_babel import gettext
from flask_smorest import Blueprint
from marshmallow import fields, validate

from services.kernel.calendar import local_day
from services.matching.index.api import SHORTLIST_ROLES, handlers
from services.matching.index.handlers import VacancyUnknownError
from services.matching.team.api import (
    FILE_KEY,
    ChangeSchema,
    ReplaceArgs,
    change_dict,
    line_warnings,
    removal_refused,
    team,
    upload,
    upload_body,
    week_refused,
)
from services.matching.team.replacing import RemovalNotConfirmedError, Replacement
from services.matching.team.training import CatalogueError
from services.matching.team.training_handlers import TrainingHandlers
from shared.auth import Role, current_principal, require_role
from shared.http import abort
from shared.i18n import translate_errors
from shared.idempotency import idempotent
from shared.languages import DEFAULT_LANGUAGE, UI_LANGUAGES
from shared.refusals import mark_refused
from shared.schemas import (
    REFERENCE_FORMATS,
    AggregateOutSchema,
    BoundedList,
    EscoUri,
    RegionId,
    Shown,
    SortedList,
    StrictSchema,
)
from shared.tables import TableError

blp = Blueprint(
    "training",
    __name__,
    url_prefix="/api/v1",
    description="The training catalogue (vocational schools, partner firms) and courses for the "
    "essential skills candidates lack.",
)


def training() -> TrainingHandlers:
    return current_app.extensions["kohtaanto.matching.training"]


class CourseSchema(AggregateOutSchema):
    """A ``Course`` as the API shows it (``Shown`` with its ``next_start``)."""

    provider = fields.String()
    course_id = fields.String()
    title_fi = fields.String()
    title_sv = fields.String()
    skills = SortedList(fields.String(), metadata={"description": "ESCO skill URIs taught"})
    length_weeks = fields.Float()
    municipality = fields.String(allow_none=True, metadata={"description": "null: online only"})
    online = fields.Boolean()
    apprenticeship = fields.Boolean()
    next_start = fields.Date(allow_none=True)
    start_dates = BoundedList(fields.Date())
    continuous = fields.Boolean(metadata={"description": "Rolling start (jatkuva haku)"})
    url = fields.String()


class CourseListSchema(ma.Schema):
    items = BoundedList(fields.Nested(CourseSchema))


class CourseArgs(StrictSchema):
    # the same readings as everywhere (an unknown skill or region is a 422, never "no courses")
    skill = EscoUri("skill", load_default=None)
    region = RegionId(load_default=None, metadata={"description": "Held there or online"})


class ImportedSchema(ma.Schema):
    import_id = fields.String(allow_none=True, metadata={"description": "null in a dry run"})
    dry_run = fields.Boolean(metadata={"description": "true: nothing was stored or published"})
    changes = BoundedList(
        fields.Nested(ChangeSchema),
        metadata={
            "description": "Per provider in the file: the course ids it adds, changes (same id, other "
            "content) and removes (stored where the caller acts, not in the file)"
        },
    )
    providers = BoundedList(fields.String())
    courses = fields.Integer()
    read_as = fields.String(metadata={"description": "How the file was read (dialect, encoding or workbook)"})
    added = fields.Integer(metadata={"description": "Courses new to the catalogue"})
    updated = fields.Integer(metadata={"description": "Courses replacing a stored one with the same id"})
    removed = BoundedList(
        fields.Dict(),
        metadata={
            "description": "[{provider, course_id}] stored courses the import deleted: each provider in "
            "the file gets exactly its courses in the file (where the caller acts), so a course left out "
            "is removed"
        },
    )
    warnings = BoundedList(
        fields.String(),
        metadata={
            "description": "Per provider whose stored courses the import removed; then one per line read "
            "otherwise than written or skipped, starting 'Line 3: ' (as in line_warnings)"
        },
    )
    line_warnings = fields.Dict(
        keys=fields.String(),
        values=BoundedList(fields.String()),
        metadata={
            "description": "Line of the file → what was read otherwise than written (a former municipality "
            "name, e.g. 'Länsi-Turunmaa', read as today's Parainen) or skipped (a note below the table, "
            "'Lähde: …'). The same shape as errors.file"
        },
    )


class SuggestedCourseSchema(ma.Schema):
    """A suggested course as the API shows it: ``Suggestion.to_dict``, the same as the
    ``training.suggested`` event carries (one conversion for both)."""

    provider = fields.String()
    course_id = fields.String()
    title_fi = fields.String()
    title_sv = fields.String()
    municipality = fields.String(allow_none=True)
    online = fields.Boolean()
    apprenticeship = fields.Boolean()
    length_weeks = fields.Float()
    starts_on = fields.String(allow_none=True, metadata={"description": "ISO date of the next start"})
    covers = BoundedList(fields.String(), metadata={"description": "The missing skills it teaches"})
    distance_km = fields.Float(
        allow_none=True, metadata={"description": "From the candidate's home; null online"}
    )
    url = fields.String()


class SuggestionSchema(ma.Schema):
    vacancy_id = fields.String()
    candidate_id = fields.String()
    missing = BoundedList(fields.Dict(), metadata={"description": "[{uri, label}] essential skills lacking"})
    courses = BoundedList(fields.Nested(SuggestedCourseSchema))
    uncovered = BoundedList(fields.String(), metadata={"description": "Missing skills no course teaches"})


#: An accepted catalogue (``;``-separated, as Finnish Excel saves it; a course starting years ahead, within the ten
#: years every date may be, so the example stays valid until 2040).
CATALOGUE_EXAMPLE = (
    "course_id;provider;title_fi;title_sv;skills;length_weeks;municipality;online;apprenticeship;start_dates\n"
    "HITS-24;tredu;Hitsauksen perusteet;Grunder i svetsning;"
    "http://data.europa.eu/esco/skill/60ff3eac-7d4d-4e51-87b8-74c3b5d62498;8;Tampere;ei;ei;11.1.2030\n"
)


@blp.route("/training/catalogue")
class Catalogue(MethodView):
    @require_role(Role.OPERATOR)
    @idempotent
    @blp.arguments(ReplaceArgs, location="query")
    @blp.doc(requestBody=upload_body(CATALOGUE_EXAMPLE))
    @blp.response(201, ImportedSchema)
    @blp.alt_response(200, schema=ImportedSchema, description="A dry run: nothing imported")
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
    @blp.doc(responses={"409": {"$ref": "#/components/responses/DEFAULT_ERROR"}})
    def post(self, args: dict[str, Any]) -> Any:
        """Import a training catalogue (operators): CSV in any common dialect or an .xlsx workbook,
        one course per line with the columns ``course_id``, ``provider``, ``title_fi``, ``title_sv``,
        ``skills`` (ESCO skill URIs), ``length_weeks``, ``municipality`` (code, Finnish or Swedish
        name, or a former name of a merged or renamed municipality, read as today's with a line
        warning; empty when online only), ``online``, ``apprenticeship`` (yes/no, kyllä/ei, ja/nej, true/false, and Excel's booleans as Finnish
        and Swedish Excel save them, TOSI/EPÄTOSI, SANT/FALSKT; a cell holding an Excel error value such as #N/A or
        #PUUTTUU! is a reason naming its column),
        ``start_dates`` (ISO or d.m.yyyy, an Excel date cell or its serial number, at most ten years
        ahead as every date; or ``continuous``) and optionally ``url`` (an ``https://`` address). Title rows above the header are skipped; notes below the table
        ("Lähde: …") are skipped with a line warning. The whole file is checked first: any bad line
        gives 422 with ``errors.file`` mapping line numbers to reasons (an unknown municipality with
        close names: "did you mean …?"), and nothing is imported. ``line_warnings`` (line → reasons)
        name what was read otherwise than written or skipped. Each
        provider in the file gets exactly its courses in the file: the answer counts the courses
        ``added`` and ``updated``, lists those ``removed`` (stored courses of those providers the file
        left out) and warns per provider when any were removed; send a provider's whole catalogue in
        one file. ``changes`` say per provider which course ids are added, changed and removed.

        A file that would remove more than half of a provider's stored courses, and at least 10, is
        refused with 409 naming each such provider (``errors.query.confirm_removal``), and nothing is
        imported, unless ``confirm_removal=true`` (outside tester 34, F13: a one-course file replaced a
        school's 45 courses). ``dry_run=true`` checks the file the same way and answers 200 with the
        same fields (``import_id`` null), storing and publishing nothing."""
        data, filename = upload("the catalogue")
        try:
            done = training().import_catalogue(
                data,
                filename,
                current_principal(),
                dry_run=args["dry_run"],
                confirm_removal=args["confirm_removal"],
            )
        except (TableError, CatalogueError) as exc:
            abort(
                422,
                message=gettext("The catalogue has errors; nothing was imported."),
                errors={FILE_KEY: {str(line): reasons for line, reasons in sorted(exc.errors.items())}},
            )
        except RemovalNotConfirmedError as exc:
            removal_refused([provider_removal_reason(r) for r in exc.unconfirmed])
        notes = translate_errors({str(line): reasons for line, reasons in done.warnings.items()})
        answer = {
            "import_id": None if done.dry_run else done.import_id,
            "dry_run": done.dry_run,
            "changes": [change_dict(r) for r in done.changes],
            "providers": done.providers,
            "courses": done.courses,
            "read_as": done.described,
            "added": done.added,
            "updated": done.updated,
            "removed": [{"provider": p, "course_id": c} for p, c in done.removed],
            "warnings": [*removal_warnings(done.changes, done.dry_run), *line_warnings(notes)],
            "line_warnings": notes,
        }
        return (answer, 200) if done.dry_run else answer


def removal_warnings(changes: tuple[Replacement, ...], dry_run: bool = False) -> list[str]:
    """One warning per provider whose stored courses an import removed (a dry run: would remove, and
    whether that needs ``confirm_removal``), in the request's language."""
    warnings = []
    for r in changes:
        if not r.removed:
            continue
        values = {"count": len(r.removed), "provider": r.scope, "courses": ", ".join(r.removed)}
        if not dry_run:
            warnings.append(
                gettext(
                    "%(count)d stored course(s) of %(provider)s were not in the file and were removed "
                    "(%(courses)s): a provider's catalogue is replaced by the courses in the file, so send "
                    "all of its courses in one file."
                )
                % values
            )
        elif r.needs_confirming:
            warnings.append(
                gettext(
                    "%(count)s of the %(stored)s stored courses of %(provider)s are not in the file and "
                    "would be removed (%(courses)s); the import needs ?confirm_removal=true."
                )
                % {**values, "stored": r.stored}
            )
        else:
            warnings.append(
                gettext(
                    "%(count)s stored course(s) of %(provider)s are not in the file and would be removed "
                    "(%(courses)s)."
                )
                % values
            )
    return warnings


def provider_removal_reason(r: Replacement) -> str:
    """The 409's reason for one provider whose removal needs confirming (request's language)."""
    return gettext(
        "%(provider)s: %(removed)s of its %(stored)s stored courses are not in the file and would be "
        "removed (%(courses)s).",
        provider=r.scope,
        removed=len(r.removed),
        stored=r.stored,
        courses=", ".join(r.removed),
    )


@blp.route("/training/courses")
class Courses(MethodView):
    @require_role(*SHORTLIST_ROLES)
    @blp.arguments(CourseArgs, location="query")
    @blp.response(200, CourseListSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """Courses with a start to come, soonest first; ``skill`` keeps those teaching it, ``region``
        those held there or online."""
        today = local_day(training().clock())
        found = training().courses(args["skill"], args["region"])
        return {"items": [Shown(c, {"next_start": c.next_start(today)}) for c in found]}


class SatisfactionArgs(StrictSchema):
    region = RegionId(required=True)
    weeks = fields.Integer(
        load_default=6, validate=validate.Range(1, 52), metadata={"description": "Weeks up to this one"}
    )
    week = fields.String(
        load_default=None,
        validate=validate.Regexp(r"^\d{4}-W\d{2}$"),
        metadata={
            "description": "Last week (default this week): an ISO week that exists, 2000-2099",
            "format": REFERENCE_FORMATS["iso-week"],
            "example": "2026-W48",
        },
    )


class FigureSchema(ma.Schema):
    key = fields.String()
    count = fields.Integer()
    mean = fields.Float(
        allow_none=True,
        metadata={
            "description": "null when no weekly figure behind it is shown (a week's figure needs 5 "
            "ratings or more, and is hidden too when it would give a smaller one away)"
        },
    )
    distribution = BoundedList(
        fields.Integer(), allow_none=True, metadata={"description": "Ratings per score 1..5"}
    )
    counted = fields.Integer(
        allow_none=True,
        metadata={
            "description": "Ratings the mean covers when fewer than count: a figure over several "
            "weeks adds up only the weeks whose own figure is shown (null: all of them)"
        },
    )


class SatisfactionSchema(ma.Schema):
    region = fields.String()
    small_cell = fields.Integer()
    weeks = BoundedList(fields.Nested(FigureSchema))
    by_org = BoundedList(fields.Nested(FigureSchema))
    by_rater = BoundedList(fields.Nested(FigureSchema))
    by_subject = BoundedList(fields.Nested(FigureSchema))
    total = fields.Nested(FigureSchema)


@blp.route("/satisfaction")
class SatisfactionFigures(MethodView):
    @require_role(*SHORTLIST_ROLES)
    @blp.arguments(SatisfactionArgs, location="query")
    @blp.response(200, SatisfactionSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """Satisfaction of jobseekers and employers with referrals and path steps in a region: per
        ISO week and per organisation rated (count, mean, distribution). Only organisations serving
        the region and the operator read them, as its meetings (``TeamHandlers.may_view``): 403
        otherwise (an employment services organisation of another region read every region's
        figures per organisation). A caller outside the
        employment services and the operator gets the figures of its own organisation's ratings
        only (``access.visible_satisfaction``). Figures are released per
        week (the mean and distribution of fewer than 5 ratings are not shown); a figure over the
        weeks adds up the shown weekly figures only (``counted``), so no two periods give a rating
        away by difference. The current week shows counts only until it has ended (re-reading it
        before and after one referral's rating would show that rating)."""
        from dataclasses import asdict

        from services.matching.team.access import visible_satisfaction
        from services.matching.team.meeting import IsoWeek, satisfaction_weeks
        from services.matching.team.ratings_feed import RatingFigures
        from services.matching.team.satisfaction import satisfaction
        from services.matching.team.web import meeting_not_served

        current = IsoWeek.of(local_day(training().clock()))
        try:
            last = IsoWeek.parse(args["week"]) if args["week"] else current
        except ValueError:
            message, reason = week_refused()
            abort(422, message=message, errors={"query": {"week": [reason]}})
        caller = current_principal()
        if not team().may_view(caller, args["region"]):
            reason = meeting_not_served(args["region"])
            abort(403, message=reason, errors={"query": {"region": [reason]}})
        weeks = satisfaction_weeks(last, args["weeks"])
        with training().uow_factory() as uow:
            facts = RatingFigures(uow.conn).in_region(args["region"], weeks)
        facts = visible_satisfaction(facts, caller.org, handlers().org_kind(caller.org))
        s = satisfaction(facts, weeks, open_from=str(current))
        return {"region": args["region"], **{k: v for k, v in asdict(s).items() if k != "extra"}}


class TrainingArgs(StrictSchema):
    lang = fields.String(
        load_default=DEFAULT_LANGUAGE,
        validate=validate.OneOf(UI_LANGUAGES),
        metadata={"description": "The skill labels' language: fi, sv or en (default fi)"},
    )


@blp.route("/vacancies/<vacancy_id>/candidates/<candidate_id>/training")
class CandidateTraining(MethodView):
    @require_role(*SHORTLIST_ROLES)
    @blp.arguments(TrainingArgs, location="query")
    @blp.response(200, SuggestionSchema)
    def get(self, args: dict[str, Any], vacancy_id: str, candidate_id: str) -> Any:
        """Courses for the essential skills this candidate lacks for the vacancy: those teaching the
        most of them first, then the nearest to the candidate's home and the soonest. Same consent
        rule as the shortlist: a partner recruiter asks only about candidates who consented to it."""
        try:
            entry = handlers().explain(current_principal(), vacancy_id, candidate_id)
        except VacancyUnknownError:
            mark_refused("unknown_vacancy")
            abort(404, message=gettext("No such vacancy."))
        if entry is None:
            mark_refused("candidate_not_visible")  # audited by the profile service (team.refusals)
            abort(404, message=gettext("No such candidate (or not visible to your organisation)."))
        plan = training().plan(candidate_id, entry.missing_essential)
        labels = current_app.extensions["kohtaanto.matching.taxonomy"]
        return {
            "vacancy_id": vacancy_id,
            "candidate_id": candidate_id,
            "missing": [
                {"uri": u, "label": labels.skill_label(u, args["lang"])} for u in entry.missing_essential
            ],
            "courses": [s.to_dict() for s in plan.suggestions],
            "uncovered": sorted(plan.uncovered),
        }
