"""The vacancy API's request and response shapes (also its OpenAPI document)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

import marshmallow as ma
from flask import current_app, has_app_context
from marshmallow import ValidationError, fields, post_load, validate, validates_schema

from services.kernel.calendar import local_day
from services.vacancy import events
from services.vacancy.domain import (
    CURRENCIES,
    DERIVED_FIELDS,
    MAX_OTHER_MUNICIPALITIES,
    MAX_SALARY,
    MIN_SALARY,
    READ_ONLY_FIELDS,
    CloseReason,
    SalaryPeriod,
    Status,
    VacancyDetails,
    WorkMode,
    rule_errors,
)
from shared.i18n import N_
from shared.organisations import ORG_ID_PATTERN, known_organisation
from shared.pii import refuse_identifiers, refuse_identity_codes
from shared.schemas import (
    ESCO_EXAMPLES,
    NOTICES,
    REFERENCE_FORMATS,
    AggregateOutSchema,
    BoundedList,
    Day,
    DisplayText,
    EscoUri,
    Instant,
    JsonBoolean,
    JsonInteger,
    JsonNumber,
    LanguageOutSchema,
    LanguageSchema,
    MunicipalityCode,
    PageArgs,
    RegionId,
    ScreenedText,
    ShortageFlagSchema,
    StrictSchema,
    read_only,
    reference,
    same_municipalities,
    unique_by,
    unique_items_by,
)

WORKING_TIMES = ("full_time", "part_time")


def _today() -> date:
    """The vacancy service's today: its handlers' clock within a request, else the system's."""
    handlers = current_app.extensions.get("kohtaanto.vacancy.handlers") if has_app_context() else None
    return local_day(handlers.clock()) if handlers is not None else local_day(datetime.now(UTC))


#: The reason for a skill sent without ``essential`` (outside tester 16, P3: an accepted suggestion the ad
#: offers as a plus was stored essential by a silent default).
ESSENTIAL_MISSING = N_(
    "Say whether the skill is essential (true) or a plus (false): a suggestion from the matching service "
    "carries its own essential; send it as it is."
)


class RequiredSkillSchema(StrictSchema):
    uri = EscoUri("skill", required=True)
    essential = JsonBoolean(
        required=True,
        error_messages={"required": ESSENTIAL_MISSING},
        metadata={
            "description": "true: a requirement; false: a plus (weighs less and is never a missing "
            "essential skill). Required (422 without it): there is no default, so that a suggestion the "
            "ad offers as a plus (`essential: false` on GET /api/v1/vacancies/<id>/skills of the matching "
            "service) is not stored as a requirement (outside tester 16, P3)."
        },
    )


class SalarySchema(StrictSchema):
    """What the ad says of pay (outside tester 26, F9): a range per hour or month, and/or "according to
    the collective agreement (TES)". Shown to partner agencies and the weekly meeting; not used for
    ranking. The rules across its fields (``domain.salary_errors``) are 422s naming the field."""

    min = JsonNumber(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=0, min_inclusive=False),
        metadata={"description": "Lowest pay in `currency` per `period`; at most `max` (422 otherwise)"},
    )
    max = JsonNumber(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=0, min_inclusive=False),
        metadata={"description": "Highest pay in `currency` per `period`"},
    )
    currency = fields.String(
        load_default="EUR",
        validate=validate.OneOf(CURRENCIES),
        metadata={"description": "EUR, the only one accepted (and the default)"},
    )
    period = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.OneOf([p.value for p in SalaryPeriod]),
        metadata={
            "description": "What `min`/`max` are per: `hour` or `month`; required with an amount. Typo "
            "guard: an amount above "
            + " or ".join(f"{bound:.0f} per {period.value}" for period, bound in MAX_SALARY.items())
            + ", below "
            + " or ".join(f"{bound:.0f} per {period.value}" for period, bound in MIN_SALARY.items())
            + ", or with more than two decimals (cents) is a 422"
        },
    )
    collective_agreement = JsonBoolean(
        load_default=False,
        metadata={
            "description": 'true: pay "according to the collective agreement" (TES), with or without '
            "a range. A salary needs an amount or this (422 otherwise)"
        },
    )


class SalaryOutSchema(ma.Schema):
    min = fields.Float(attribute="minimum", allow_none=True)
    max = fields.Float(attribute="maximum", allow_none=True)
    currency = fields.String()
    period = fields.String(allow_none=True)
    collective_agreement = fields.Boolean()


class VacancyInSchema(StrictSchema):
    title = DisplayText(
        required=True,
        validate=[validate.Length(1, events.MAX_TITLE_CHARS), refuse_identifiers],
        metadata={
            "description": "No identity code, e-mail address, phone number or IBAN (422; outside tester 24, T3)"
        },
    )
    occupation_uri = EscoUri(
        "occupation",
        load_default=None,
        metadata={
            "description": "ESCO occupation URI; may be left out when the job is described "
            "by its skills or in words (skills are then recognised from the text): at least one of "
            "`occupation_uri`, `skills` and `description` is required (422 otherwise)"
        },
    )
    description = ScreenedText(
        load_default="",
        validate=[validate.Length(max=events.MAX_DESCRIPTION_CHARS), refuse_identity_codes],
        metadata={
            "description": "The ad's text, read by partner agencies and the weekly meeting; may name the "
            "employer's contact person and their phone number, never a personal identity code (422)"
        },
    )
    municipality = MunicipalityCode(required=True)
    region = RegionId(
        load_default=None,
        metadata={
            "description": "Region (maakunta) id, name or code; derived from the municipality when "
            "omitted; another region than the municipality's is refused (422)"
        },
    )
    other_municipalities = BoundedList(
        MunicipalityCode(),
        load_default=list,
        validate=validate.Length(max=MAX_OTHER_MUNICIPALITIES),
        metadata={
            "description": "Further work sites besides `municipality` (a cleaning company hiring for "
            "Vaasa and Mustasaari, a nurse pool for three municipalities), each as `municipality` takes "
            "it; none twice and not `municipality` again (422). Matching measures a candidate's commute "
            f"to the nearest site. At most {MAX_OTHER_MUNICIPALITIES}. The vacancy's region stays "
            "`municipality`'s.",
            "example": ["211"],  # Kangasala beside the example's Tampere (837): a site differs from it
        },
    )
    work_mode = fields.String(
        load_default=WorkMode.ON_SITE.value,
        validate=validate.OneOf([m.value for m in WorkMode]),
        metadata={
            "description": "`on_site` (default), `hybrid` (partly at the site: the commute still limits "
            "who is matched) or `remote` (matching ignores the commute; `municipality` stays the "
            "employer's location and region)"
        },
    )
    salary = fields.Nested(SalarySchema, load_default=None, allow_none=True)
    working_time = fields.String(required=True, validate=validate.OneOf(WORKING_TIMES))
    openings = JsonInteger(load_default=1, validate=validate.Range(1, 10_000))
    skills = BoundedList(
        fields.Nested(RequiredSkillSchema),
        load_default=list,
        validate=[validate.Length(max=events.MAX_SKILLS), unique_by("uri", "A skill is")],
        metadata=unique_items_by("uri"),
    )
    languages = BoundedList(
        fields.Nested(LanguageSchema),
        load_default=list,
        validate=[validate.Length(max=events.MAX_LANGUAGES), unique_by("code", "A language is")],
        metadata=unique_items_by("code"),
    )
    start_date = Day(
        load_default=None,
        metadata={
            "description": "When the work starts: at most a year back and three years ahead, and not "
            "before the application deadline (422 otherwise)."
        },
    )
    application_deadline = Day(
        load_default=None,
        metadata={"description": "Not in the past and at most three years ahead (422 otherwise)."},
    )
    rejected_skills = BoundedList(
        EscoUri("skill", metadata={"example": ESCO_EXAMPLES["other skill"]}),
        load_default=list,
        validate=validate.Length(max=events.MAX_REJECTED_SKILLS),
        metadata={
            "description": "Skills that recognition suggested from the description and the employer "
            "rejected: matching never suggests them for this vacancy again. To confirm a suggestion, "
            "add it to `skills` (suggestions: POST /api/v1/skills/recognise on the matching service). "
            "A skill may not be both in `skills` and here (422)."
        },
    )

    def handle_error(self, error: ValidationError, data: Any, *, many: bool, **kwargs: Any) -> None:
        """With field errors, the rules across fields (``domain.rule_errors``) are checked on the
        fields that are valid and answered in the same 422, so an employer is told everything at once
        (outside tester 13, P6: the start date's error came only after the municipality was fixed).
        "Today" is the service's clock (``VacancyHandlers.clock``) in a request, the system's outside."""
        if not isinstance(error.messages, dict) or not isinstance(error.valid_data, dict):
            return
        # a list field with a bad item keeps its good items in valid_data: only whole valid fields count
        valid = {name: value for name, value in error.valid_data.items() if name not in error.messages}
        try:
            more = rule_errors(valid, _today())
        except (KeyError, TypeError, AttributeError, ValueError):  # a shape the field errors already name
            return
        for name, reasons in more.items():
            error.messages.setdefault(name, reasons)

    @validates_schema(pass_original=True, skip_on_field_errors=False)
    def sites_differ(self, data: dict[str, Any], original_data: Any, **_: Any) -> None:
        """The work sites name each municipality once and not the main one again, told by the entries as
        written and why they are one (``same_municipalities``: "'Ylöjärvi', 'Kuru' are one municipality, 980
        Ylöjärvi: list it once ('Kuru' was merged on 1.1.2009 into what is today 980 Ylöjärvi)"; outside tester
        36, H10). Skipped when ``other_municipalities`` has errors of its own (an unknown name)."""
        if "other_municipalities" not in data or not isinstance(original_data, Mapping):
            return
        main = original_data.get("municipality") if "municipality" in data else None
        if reasons := same_municipalities(original_data.get("other_municipalities"), main):
            raise ValidationError(reasons, "other_municipalities")

    @validates_schema(skip_on_field_errors=True)
    def region_matches_municipality(self, data: dict[str, Any], **_: Any) -> None:
        actual = reference().municipalities[data["municipality"]].region
        if data.get("region") is None:
            data["region"] = actual
        elif data["region"] != actual:
            raise ValidationError(
                N_("Municipality %(code)s is in region %(region)s.")
                % {"code": data["municipality"], "region": actual},
                "region",
            )

    @post_load
    def details(self, data: dict[str, Any], **_: Any) -> VacancyDetails:
        return VacancyDetails.from_dict(data)


class VacancyPutSchema(VacancyInSchema):
    """A ``PUT``'s body: ``VacancyInSchema`` and what a ``GET`` shows besides (outside tester 23, S6: a
    vacancy read with GET could not be PUT back as it was). Loads ``{details: VacancyDetails,
    read_only: {field: value}}`` (``domain.READ_ONLY_FIELDS`` sent; the derived ones are dropped)."""

    id = fields.String(validate=validate.Length(max=200), metadata=read_only("The vacancy id as read"))
    employer_org = fields.String(
        validate=validate.Length(max=200), metadata=read_only("The employer organisation as read")
    )
    status = fields.String(
        validate=validate.OneOf([s.value for s in Status]),
        metadata=read_only("The status as read (close with POST /api/v1/vacancies/<id>/close)"),
    )
    close_reason = fields.String(
        allow_none=True,
        validate=validate.OneOf([r.value for r in CloseReason]),
        metadata=read_only("The close reason as read (null while open)"),
    )
    version = JsonInteger(
        validate=validate.Range(1, 2**31 - 1),
        metadata={
            "readOnly": True,
            "description": "The version read: a condition like If-Match (which it may stand for): 412 "
            "when the vacancy is no longer at that version or If-Match names another",
        },
    )
    created_at = Instant(metadata=read_only("When the vacancy was posted, as read"))
    updated_at = Instant(metadata=read_only("When the vacancy was last changed, as read"))
    reopened_at = Instant(allow_none=True, metadata=read_only("When the vacancy was last reopened, as read"))
    occupation_label = fields.Raw(
        allow_none=True,
        metadata={"readOnly": True, "description": "Derived from occupation_uri: accepted and ignored"},
    )
    shortage = fields.Raw(
        allow_none=True,
        metadata={"readOnly": True, "description": "Derived from the shortage lists: accepted and ignored"},
    )
    warnings = fields.Raw(
        allow_none=True, metadata={"readOnly": True, "description": "Derived: accepted and ignored"}
    )
    notices = fields.Raw(
        allow_none=True, metadata={"readOnly": True, "description": "Derived: accepted and ignored"}
    )

    @post_load
    def details(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:  # type: ignore[override]
        for name in DERIVED_FIELDS:
            data.pop(name, None)
        sent = {name: data.pop(name) for name in READ_ONLY_FIELDS if name in data}
        return {"details": VacancyDetails.from_dict(data), "read_only": sent}


class CloseSchema(StrictSchema):
    reason = fields.String(required=True, validate=validate.OneOf([r.value for r in CloseReason]))


class ReopenSchema(StrictSchema):
    """A reopen's body, optional: a new application deadline when the stored one has passed."""

    application_deadline = Day(
        allow_none=True,
        metadata={
            "description": "Replaces the application deadline (null: none). Left out, the stored one is "
            "kept, and a deadline that has passed is a 422 asking for a new one"
        },
    )


class WarningSchema(ma.Schema):
    code = fields.String(
        metadata={
            "example": "skills_from_description_only",
            "description": "`skills_from_description_only`: no skill and no occupation named (matched on "
            "what recognition finds in the text); `occupation_not_named`: skills but no occupation "
            "(a shortage role only when matching infers a shortage occupation with confidence); "
            "`description_partly_read`: the description has more sentences than skill recognition "
            "reads (50; the requirement sections first); `requirements_unconfirmed`: the title and "
            "description name languages, a driving licence or work cards (and, with no skill chosen, "
            "skills) that are only suggestions until the employer confirms them (`languages`, `skills`), "
            "and languages named only as a plus; `discriminatory_limit`: the title or description (`field`) "
            "limits applicants by a ground of the law (age, sex, pregnancy, family plans, origin, nationality, "
            "religion or belief, health or disability, sexual orientation; a phrase reading: the vacancy is "
            "accepted, a person judges whether the limit is lawful)",
        }
    )
    field = fields.String(
        metadata={"description": "The input field the warning is about (`title`, `description`), when one"}
    )
    message = fields.String()


class RequiredSkillOutSchema(ma.Schema):
    uri = fields.String()
    essential = fields.Boolean()


class VacancyOutSchema(AggregateOutSchema):
    """A ``Vacancy`` (``Shown`` with its occupation label, shortage flag, warnings and notices)."""

    id = fields.String()
    employer_org = fields.String()
    status = fields.String()
    close_reason = fields.String(allow_none=True)
    version = fields.Integer()
    title = fields.String()
    occupation_uri = fields.String(allow_none=True)
    occupation_label = fields.String(allow_none=True)
    shortage = fields.Nested(
        ShortageFlagSchema,
        allow_none=True,
        metadata={
            "description": "Null unless the occupation is in labour shortage in the vacancy's region: "
            "the latest half-year list covering the region (its own or the national "
            "one; the region's own rating wins) rates it shortage or severe_shortage"
        },
    )
    description = fields.String()
    municipality = fields.String()
    region = fields.String()
    other_municipalities = BoundedList(fields.String())
    work_mode = fields.String()
    salary = fields.Nested(SalaryOutSchema, allow_none=True)
    working_time = fields.String()
    openings = fields.Integer()
    skills = BoundedList(fields.Nested(RequiredSkillOutSchema))
    languages = BoundedList(fields.Nested(LanguageOutSchema))
    start_date = Day(allow_none=True)
    application_deadline = Day(allow_none=True)
    rejected_skills = BoundedList(fields.String())
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    reopened_at = fields.DateTime(
        allow_none=True, metadata={"description": "When it was last reopened (null: never)"}
    )
    notices = NOTICES
    warnings = BoundedList(
        fields.Nested(WarningSchema),
        metadata={"description": "What the employer should know about how the vacancy will be matched"},
    )


class VacancyQuerySchema(PageArgs):
    status = fields.String(load_default=None, validate=validate.OneOf([s.value for s in Status]))
    region = RegionId(load_default=None)
    occupation_uri = EscoUri("occupation", load_default=None)
    employer_org = fields.String(
        load_default=None,
        validate=[
            validate.Regexp(ORG_ID_PATTERN, error=N_("Organisation ids are lower-case slugs.")),
            known_organisation,
        ],
        metadata={
            "format": REFERENCE_FORMATS["organisation"],
            "description": "Only this employer's vacancies (a registered organisation id). An employer "
            "lists only its own: another organisation's id is a 403",
        },
    )


class VacancyPageSchema(ma.Schema):
    items = BoundedList(fields.Nested(VacancyOutSchema))
    total = fields.Integer()
    limit = fields.Integer()
    offset = fields.Integer()
