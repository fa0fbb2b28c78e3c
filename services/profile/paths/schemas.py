"""Request and response shapes of the service-path API (also its OpenAPI document)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import marshmallow as ma
from marshmallow import ValidationError, fields, validate, validates_schema

from services.kernel.texts import N_
from services.profile.paths.domain import SHAREABLE, CloseReason, EndReason, PathGroup, StepKind
from services.profile.schemas import ORG_ID, REGISTERED_ORG
from shared.organisations import known_organisation
from shared.pii import (
    refuse_identifiers,
    refuse_sensitive_data,
    refuse_special_categories_in_group_name,
    refusing,
    staff_name,
)
from shared.schemas import (
    BoundedList,
    Day,
    DisplayText,
    JsonBoolean,
    JsonInteger,
    RegionId,
    ScreenedText,
    StrictSchema,
)

#: A field naming a staff member (a step's responsible person, the path's coach, who takes over a
#: handover) is a name or user id, screened as the note is: outside tester 24, T1 stored a phone number
#: and a diagnosis in them, shown to the receiving organisation.
PERSON = staff_name()
FREE_TEXT_NOTE = validate.Length(max=2000)
# A handover's note is screened like outcome and rating comments (outside tester 6, G12: it took an
# identity code, a phone number, an e-mail and a street address): contact details travel only as the
# `shared` fields the jobseeker consented to, and an identity code never. Every free text one
# organisation writes to another about a jobseeker passes the same screen (outside tester 8, J11: a
# decline reason took a phone number and an e-mail): the note, the purpose of sharing, the decline reason.
# The note and the decline reason are screened as matching's comments are, special categories included
# (outside tester 20, P1): health, age, family, religion, politics, union, sexual orientation, criminal
# record, immigration status; special-category data travels only as `shared` items with a purpose.
HANDOVER_NOTE: list[Callable[[str], Any]] = [validate.Length(max=2000), refuse_sensitive_data]


def _before(start: str, end: str, field: str) -> object:
    def check(self: ma.Schema, data: dict[str, object], **_: object) -> None:
        if data.get(start) and data.get(end) and data[end] < data[start]:  # type: ignore[operator]
            raise ValidationError(N_("The planned end is before the start."), field)

    return validates_schema(check)


class StepInSchema(StrictSchema):
    kind = fields.String(required=True, validate=validate.OneOf([k.value for k in StepKind]))
    org = fields.String(
        required=True,
        validate=[ORG_ID, known_organisation],
        metadata={
            **REGISTERED_ORG,
            "description": "The organisation responsible for the step (a handover's receiver): one of the "
            "organisation registry's ids",
            "example": "tredu",
        },
    )
    person = fields.String(
        load_default=None,
        validate=PERSON,
        metadata={
            "description": "The person responsible (user id or name: letters, spaces and . ' - _ @, no digits, at "
            "most 100 characters; no special-category data: 422); a handover's receiver names it on acknowledging"
        },
    )
    starts_on = Day(required=True)
    planned_end = Day(required=True, metadata={"description": "Not before `starts_on` (422 otherwise)"})
    workplace_org = fields.String(
        load_default=None,
        validate=[ORG_ID, known_organisation],
        metadata={
            **REGISTERED_ORG,
            "description": "The employer where a work trial, subsidised job or apprenticeship happens",
        },
    )
    course_id = DisplayText(
        load_default=None,
        validate=[validate.Length(1, 100), refuse_identifiers],
        metadata={"description": "A course of the training catalogue (training and apprenticeship steps)"},
    )
    _dates = _before("starts_on", "planned_end", "planned_end")


class PathInSchema(StrictSchema):
    group = fields.String(
        required=True,
        validate=validate.OneOf([g.value for g in PathGroup]),
        metadata={
            "description": "The service path (target group); special-category data that stays in this service"
        },
    )
    partial_work_ability = JsonBoolean(
        load_default=False, metadata={"description": "Special-category (health) data; stays in this service"}
    )
    coach = fields.String(
        load_default=None,
        validate=PERSON,
        metadata={
            "description": "The jobseeker's own coach (user id or name, as `person`); default the caller"
        },
    )
    first_step = fields.Nested(
        StepInSchema,
        load_default=None,
        metadata={
            "description": "At the coach's own organisation (422 on `first_step.org` otherwise: another "
            "organisation's step comes by a handover)"
        },
    )


class EndStepSchema(StrictSchema):
    ended_on = Day(load_default=None, metadata={"description": "Default today"})
    reason = fields.String(
        required=True, validate=validate.OneOf([r.value for r in EndReason if r != EndReason.HANDED_OVER])
    )


class CloseSchema(StrictSchema):
    closed_on = Day(load_default=None, metadata={"description": "Default today"})
    reason = fields.String(required=True, validate=validate.OneOf([r.value for r in CloseReason]))


class HandoverInSchema(StrictSchema):
    from_step = fields.String(required=True, validate=validate.Length(1, 36))
    to = fields.Nested(
        StepInSchema, required=True, metadata={"description": "The next step, at another organisation"}
    )
    consent = JsonBoolean(
        required=True,
        metadata={"description": "The jobseeker consented to the receiver seeing what `shared` names"},
    )
    shared = BoundedList(
        fields.String(validate=validate.OneOf(SHAREABLE)),
        load_default=list,
        validate=validate.Length(max=len(SHAREABLE)),
        metadata={"description": "What the receiver may see; work_ability and target_group need a purpose"},
    )
    purpose = fields.String(
        load_default="",
        # Not the note's full screen (lead, session 40): the purpose says why special-category data is shared,
        # and the usual purposes name it ("Työkyvyn arviointi", "ammatillinen kuntoutus", "work ability
        # assessment"), which the special-category screen refuses; the data itself travels in `shared`, with consent.
        validate=refusing(500),
        metadata={
            "description": "Why special-category data is shared (required when it is), e.g. 'työkyvyn "
            "arviointi'; no identity code, e-mail, phone number or street address (tell the data itself with "
            "`shared`, not here)"
        },
    )
    note = ScreenedText(
        load_default="",
        validate=HANDOVER_NOTE,
        metadata={
            "description": "For the receiver; shown only with consent. No identity code, e-mail, phone "
            "number, street address or special-category data (health, age, family status, religion, political "
            "opinion, union membership, sexual orientation, criminal record, immigration status, origin): 422. "
            "Share contact details and work ability with `shared`"
        },
    )


class AcknowledgeSchema(StrictSchema):
    person = fields.String(
        load_default=None,
        validate=PERSON,
        metadata={
            "description": "Who takes over (user id or name, as a step's `person`); default the caller"
        },
    )


class DeclineSchema(StrictSchema):
    reason = DisplayText(
        required=True,
        validate=[validate.Length(1, 500), refuse_sensitive_data],
        metadata={
            "description": "Shown to the sending organisation; no identity code, e-mail, phone number, "
            "street address or special-category data (as a handover's note)"
        },
    )


class HandoverQuerySchema(StrictSchema):
    direction = fields.String(load_default="incoming", validate=validate.OneOf(["incoming", "outgoing"]))
    state = fields.String(
        load_default="pending", validate=validate.OneOf(["pending", "acknowledged", "declined", "any"])
    )


class WorklistQuerySchema(StrictSchema):
    scope = fields.String(
        load_default="mine",
        validate=validate.OneOf(["mine", "organisation"]),
        metadata={"description": "A coach's own jobseekers, or every jobseeker of the organisation"},
    )


# -- responses ------------------------------------------------------------------------------------
class StepOutSchema(ma.Schema):
    """A step; another organisation's step that the reader was given nothing about (a receiver's
    sending step without consent) shows only ``id`` and ``org``, the rest null, and ``kind`` is null
    too where it would tell work ability (``rehabilitation``) or a voucher's target group
    (``recruitment_by_provider``) not shared with the reader (``domain.step_shown``)."""

    id = fields.String()
    kind = fields.String(allow_none=True)
    org = fields.String()
    person = fields.String(allow_none=True)
    starts_on = fields.Date(allow_none=True)
    planned_end = fields.Date(allow_none=True)
    state = fields.String(allow_none=True, metadata={"description": "pending, open, ended or cancelled"})
    status_today = fields.String(
        allow_none=True, metadata={"description": "pending, upcoming, active, overdue, ended or cancelled"}
    )
    ended_on = fields.Date(allow_none=True)
    end_reason = fields.String(allow_none=True)
    workplace_org = fields.String(allow_none=True)
    course_id = fields.String(allow_none=True)
    voucher_id = fields.String(allow_none=True)


class WatchSchema(ma.Schema):
    reason = fields.String(
        metadata={"description": "no_active_step, step_overdue or handover_unacknowledged"}
    )
    since = fields.Date(metadata={"description": "From this day someone must act"})
    org = fields.String(metadata={"description": "The organisation that must act"})
    person = fields.String(allow_none=True)
    ref = fields.String(metadata={"description": "The step, handover or path concerned"})


class HandoverSummarySchema(ma.Schema):
    id = fields.String()
    from_step = fields.String()
    to_step = fields.String()
    from_org = fields.String()
    to_org = fields.String()
    sent_at = fields.DateTime()
    sent_by = fields.String()
    acknowledge_by = fields.Date()
    state = fields.String()
    consent = fields.Boolean()
    shared = BoundedList(fields.String())
    answered_at = fields.DateTime(allow_none=True)
    answered_by = fields.String(allow_none=True)
    decline_reason = fields.String()


class PathOutSchema(ma.Schema):
    """The path as the caller's organisation may see it: whole for the path's own coaches; another
    organisation (a step's, after ending it) sees only its part (``whole: false``)."""

    id = fields.String()
    profile_id = fields.String(allow_none=True, metadata={"description": "The path's own coaches only"})
    candidate_id = fields.String()
    coach_org = fields.String()
    coach = fields.String(allow_none=True, metadata={"description": "The path's own coaches only"})
    group = fields.String(
        allow_none=True,
        metadata={
            "description": "Own coaches; another organisation only if a handover shared it with consent"
        },
    )
    partial_work_ability = fields.Boolean(
        allow_none=True,
        metadata={
            "description": "Own coaches; another organisation only if a handover shared it with consent"
        },
    )
    opened_on = fields.Date()
    closed_on = fields.Date(allow_none=True)
    close_reason = fields.String(allow_none=True)
    version = fields.Integer()
    whole = fields.Boolean(
        metadata={
            "description": "true for the path's own coaches; false: only the caller's organisation's steps, "
            "the handovers to or from it and the steps they link"
        }
    )
    steps = BoundedList(fields.Nested(StepOutSchema))
    handovers = BoundedList(fields.Nested(HandoverSummarySchema))
    attention = BoundedList(fields.Nested(WatchSchema), metadata={"description": "Who must act today"})
    watch = BoundedList(
        fields.Nested(WatchSchema), metadata={"description": "Who must act when, if nothing changes"}
    )


class JobseekerSchema(ma.Schema):
    candidate_id = fields.String()
    profile_id = fields.String(allow_none=True, metadata={"description": "Own organisation only"})
    name = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    shared = fields.Dict(
        allow_none=True, metadata={"description": "What else the jobseeker consented to share"}
    )


class HandoverOutSchema(HandoverSummarySchema):
    path_id = fields.String()
    from_step_detail = fields.Nested(StepOutSchema, data_key="from_step_detail")
    step = fields.Nested(StepOutSchema, metadata={"description": "The step the receiver takes over"})
    purpose = fields.String()
    note = fields.String(metadata={"description": "Only with consent"})
    overdue = fields.Boolean(metadata={"description": "Not acknowledged by the deadline"})
    jobseeker = fields.Nested(JobseekerSchema)


class HandoverListSchema(ma.Schema):
    items = BoundedList(fields.Nested(HandoverOutSchema))


class WorkItemSchema(ma.Schema):
    path_id = fields.String()
    jobseeker = fields.Nested(JobseekerSchema)
    reason = fields.String()
    since = fields.Date()
    org = fields.String()
    person = fields.String(allow_none=True)
    ref = fields.String()
    late_working_days = fields.Integer()


class WorklistSchema(ma.Schema):
    day = fields.Date()
    attention = BoundedList(fields.Nested(WorkItemSchema), metadata={"description": "Jobseekers falling off"})
    incoming = BoundedList(fields.Nested(HandoverOutSchema), metadata={"description": "Handovers to answer"})
    my_steps = BoundedList(
        fields.Nested(WorkItemSchema), metadata={"description": "Own steps past their end"}
    )


# -- service-voucher pilots -------------------------------------------------------------------------
EDUCATION_LEVELS = ("basic", "upper_secondary", "vocational", "bachelor", "master", "doctorate")


class RuleSchema(StrictSchema):
    min_age = JsonInteger(load_default=None, validate=validate.Range(15, 75))
    max_age = JsonInteger(
        load_default=None,
        validate=validate.Range(15, 75),
        metadata={"description": "Not below `min_age` (422 otherwise)"},
    )
    min_education = fields.String(load_default=None, validate=validate.OneOf(EDUCATION_LEVELS))
    min_unemployed_months = JsonInteger(load_default=None, validate=validate.Range(0, 240))
    max_unemployed_months = JsonInteger(
        load_default=None,
        validate=validate.Range(0, 240),
        metadata={"description": "Not below `min_unemployed_months` (422 otherwise)"},
    )


class PilotInSchema(StrictSchema):
    name = DisplayText(
        required=True,
        validate=[validate.Length(1, 200), refuse_identifiers, refuse_special_categories_in_group_name],
        metadata={
            "description": "Shown beside each client's name to the pilot's providers: it may state the rule "
            "(age, education, unemployment) but no health, origin, religion, family status or other special "
            "category of the clients (422 naming the kind)"
        },
    )
    rule = fields.Nested(RuleSchema, required=True, metadata={"description": "Who may take part"})
    voucher_months = JsonInteger(
        required=True,
        validate=validate.Range(1, 24),
        metadata={"description": "The voucher period", "example": 4},
    )
    providers = BoundedList(
        fields.String(validate=[ORG_ID, known_organisation], metadata=REGISTERED_ORG),
        required=True,
        validate=validate.Length(1, 50),
        metadata={"description": "The providers taking part (organisation ids), each once (422 otherwise)"},
    )
    starts_on = Day(
        required=True,
        metadata={"description": "The first day a voucher may be issued; at most three years ahead (422)"},
    )
    ends_on = Day(
        required=True,
        metadata={
            "description": "The last day a voucher may be issued; not before `starts_on` and at most three "
            "years ahead (422)"
        },
    )
    # Outside tester 8, J7: a free string was compared with the caller's regions as typed ("Pohjanmaa"
    # locked out Pohjanmaa's own operator) and stored verbatim ("narnia"): a region like every other.
    region = RegionId(
        load_default=None,
        metadata={
            "description": "Region (maakunta) id, Finnish or Swedish name or maakunta code, any case; stored "
            "as the id (unknown: 422 naming the ids). Omitted: a national pilot (system operator only). "
            "Every provider must serve it (the registry's regions; 422 on `providers` otherwise)"
        },
    )
    path_group = fields.String(
        load_default="highly_educated_over_50", validate=validate.OneOf([g.value for g in PathGroup])
    )


class PilotOutSchema(ma.Schema):
    id = fields.String()
    name = fields.String()
    rule = fields.Dict()
    rule_text = fields.String(metadata={"description": "The rule in words"})
    voucher_months = fields.Integer()
    providers = BoundedList(fields.String())
    starts_on = fields.Date()
    ends_on = fields.Date()
    region = fields.String(allow_none=True)
    path_group = fields.String()


class PilotListSchema(ma.Schema):
    items = BoundedList(fields.Nested(PilotOutSchema))


class IssueSchema(StrictSchema):
    pilot_id = fields.String(required=True, validate=validate.Length(1, 64))
    age_years = JsonInteger(
        required=True,
        validate=validate.Range(15, 75),
        metadata={"description": "Checked by the coach; only the age is kept, not the date of birth"},
    )
    unemployed_since = Day(required=True, years_back=50)
    takes_part = JsonBoolean(
        required=True,
        validate=validate.Equal(
            True, error=N_("The jobseeker decides to take part; without that no voucher.")
        ),
        metadata={"description": "The jobseeker chose to take part in the pilot"},
    )


class ChoiceSchema(StrictSchema):
    provider = fields.String(
        required=True, validate=ORG_ID, metadata={"description": "The provider the jobseeker chose"}
    )


class HireSchema(StrictSchema):
    hired_on = Day(load_default=None, metadata={"description": "Default today"})


class VoucherOutSchema(ma.Schema):
    id = fields.String()
    pilot_id = fields.String(
        metadata={
            "description": "The pilot the voucher belongs to. A provider sees it beside its client's name: it "
            "tells that the client meets the pilot's rule (e.g. age 50 or over), which the provider, a "
            "party to the pilot, reads in the pilot itself and knows by taking part in it"
        }
    )
    candidate_id = fields.String()
    state = fields.String(metadata={"description": "issued, in_progress, hired, expired or withdrawn"})
    issued_on = fields.Date()
    valid_until = fields.Date()
    provider = fields.String(allow_none=True)
    chosen_on = fields.Date(allow_none=True)
    step_id = fields.String(allow_none=True)
    hired_on = fields.Date(allow_none=True)
    withdrawn_on = fields.Date(allow_none=True)
    eligibility = fields.Dict(metadata={"description": "The facts judged (own coaches only)"})
    jobseeker = fields.Nested(JobseekerSchema, allow_none=True)


class VoucherListSchema(ma.Schema):
    items = BoundedList(fields.Nested(VoucherOutSchema))


class CellSchema(ma.Schema):
    value = fields.Integer(allow_none=True, metadata={"description": "null when suppressed"})
    suppressed = fields.Boolean(metadata={"description": "fewer than 5, or would reveal one that is"})


class ProviderMonthSchema(ma.Schema):
    month = fields.String()
    provider = fields.String()
    chosen = fields.Nested(CellSchema)
    in_progress = fields.Nested(CellSchema)
    hired = fields.Nested(CellSchema)


class ResultsSchema(ma.Schema):
    pilot = fields.Nested(PilotOutSchema)
    day = fields.Date()
    small_cell = fields.Integer(metadata={"description": "Counts below this are suppressed"})
    issued = BoundedList(
        fields.Dict(), metadata={"description": "[{month, value, suppressed}] vouchers issued"}
    )
    issued_total = fields.Nested(CellSchema)
    rows = BoundedList(fields.Nested(ProviderMonthSchema))
    providers = BoundedList(fields.Dict(), metadata={"description": "Totals per provider: chosen, hired"})


class TrainingOutSchema(ma.Schema):
    profile_id = fields.String()
    candidate_id = fields.String()
    updated_at = fields.DateTime(allow_none=True, metadata={"description": "When matching last sent them"})
    gaps = BoundedList(
        fields.Dict(),
        metadata={
            "description": "[{vacancy_id, vacancy_title, source (near_match | employer_feedback), recorded_on, "
            "missing: [{uri, label}], courses: [{provider, course_id, title_fi, title_sv, municipality, online, "
            "apprenticeship, length_weeks, starts_on, covers, distance_km, url}], uncovered}]"
        },
    )
