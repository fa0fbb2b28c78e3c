"""The profile API's request and response shapes (also its OpenAPI document)."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from marshmallow import ValidationError, fields, post_dump, post_load, validate

from services.profile import events
from services.profile.domain import READ_ONLY_FIELDS, EducationLevel, ProfileDetails, Status, TargetGroup
from shared.i18n import N_
from shared.organisations import ORG_ID_PATTERN, known_organisation
from shared.pii import identifier_holds_personal_data, refuse_identifiers, refuse_sensitive_data
from shared.schemas import (
    ESCO_EXAMPLES,
    NOTICES,
    REFERENCE_FORMATS,
    AggregateOutSchema,
    BoundedList,
    CandidateId,
    Day,
    DisplayText,
    EmailAddress,
    EscoUri,
    Instant,
    JsonInteger,
    JsonNumber,
    LanguageOutSchema,
    LanguageSchema,
    MunicipalityCode,
    SortedList,
    StrictSchema,
    read_only,
    unique_by,
    unique_items_by,
)

SKILL_LEVELS = ("basic", "intermediate", "advanced", "expert")
WORKING_TIMES = ("full_time", "part_time", "any")
ORG_ID = validate.Regexp(ORG_ID_PATTERN, error=N_("Organisation ids are lower-case slugs."))
#: The OpenAPI metadata of a field that takes a registered organisation's id.
REGISTERED_ORG = {"format": REFERENCE_FORMATS["organisation"]}


class PersonalSchema(StrictSchema):
    name = DisplayText(
        required=True,
        tidy=True,
        validate=[validate.Length(1, 200), refuse_identifiers],
        metadata={
            "description": "The jobseeker's name; no identity code, e-mail address, phone number or IBAN (422: "
            "outside tester 24, T3; contact details go in `email` and `phone`)"
        },
    )
    email = EmailAddress(load_default=None)
    phone = fields.String(load_default=None, validate=validate.Regexp(r"^\+?[0-9 ()-]{5,20}$"))


class SkillSchema(StrictSchema):
    uri = EscoUri("skill", required=True)
    level = fields.String(
        load_default="intermediate",
        validate=validate.OneOf(SKILL_LEVELS),
        metadata={"description": "How well the jobseeker masters it; `intermediate` when not given"},
    )


class ExperienceSchema(StrictSchema):
    occupation_uri = EscoUri("occupation", required=True)
    years = JsonNumber(required=True, validate=validate.Range(0, 60))
    ended_year = JsonInteger(
        load_default=None,
        validate=validate.Range(1950, 2100),
        metadata={"description": "Year the job ended, not after the current year; null if current"},
    )


#: Years a work history may add up to: more than a working life is a slip ("40" for "4") or a
#: stuffed profile (an outside tester sent 200 jobs of 40 years, and it floated into every shortlist).
MAX_CAREER_YEARS = 60


def within_a_working_life(jobs: list[dict[str, Any]]) -> None:
    if sum(job.get("years", 0) for job in jobs) > MAX_CAREER_YEARS:
        raise ValidationError(
            N_("The years of the work history add up to more than %(max)s.") % {"max": MAX_CAREER_YEARS}
        )


class ProfileInSchema(StrictSchema):
    # What GET shows and the service sets (``domain.READ_ONLY_FIELDS``): a body read with GET can be
    # PUT back as it is, or with a field edited (outside tester 23, S6: six fields had to be removed).
    id = fields.String(
        validate=validate.Length(max=200),
        metadata=read_only("The profile id as read (the path's, compared without letter case)"),
    )
    candidate_id = fields.String(
        validate=validate.Length(max=200), metadata=read_only("The pseudonymous candidate id as read")
    )
    coach_org = fields.String(
        validate=validate.Length(max=200), metadata=read_only("The coach's organisation as read")
    )
    version = JsonInteger(
        validate=validate.Range(1, 2**31 - 1),
        metadata={
            "readOnly": True,
            "description": "The version read: a condition like If-Match (which it may stand for): 412 "
            "when the profile is no longer at that version or If-Match names another",
        },
    )
    created_at = Instant(metadata=read_only("When the profile was created, as read"))
    updated_at = Instant(metadata=read_only("When the profile was last changed, as read"))
    status = fields.String(
        load_default=None,
        validate=validate.OneOf(["active", "hired"]),
        metadata={
            "description": "The coach's correction of the status, e.g. `active` after a wrong `hired`; "
            "omit to keep it (withdraw with DELETE)"
        },
    )
    personal = fields.Nested(PersonalSchema, required=True)
    skills = BoundedList(
        fields.Nested(SkillSchema),
        required=True,
        validate=[validate.Length(max=events.MAX_SKILLS), unique_by("uri", "A skill is")],
        metadata=unique_items_by("uri"),
    )
    suggested_skills = BoundedList(
        EscoUri("skill", metadata={"example": ESCO_EXAMPLES["other skill"]}),
        load_default=list,
        validate=validate.Length(max=events.MAX_SUGGESTED_SKILLS),
        metadata={
            "description": "Skills suggested by recognition from the coach's notes and not "
            "(yet) confirmed; kept apart from the chosen skills: none of them may be in `skills` (422). "
            "Matching counts each less than the same skill confirmed in `skills` at any level, so "
            "confirming one never moves the jobseeker down; explanations mark it `suggested`"
        },
    )
    work_history = BoundedList(
        fields.Nested(ExperienceSchema),
        load_default=list,
        validate=[validate.Length(max=events.MAX_WORK_HISTORY), within_a_working_life],
        metadata={"description": f"Jobs held; their years add up to at most {MAX_CAREER_YEARS}"},
    )
    education_level = fields.String(required=True, validate=validate.OneOf([e.value for e in EducationLevel]))
    languages = BoundedList(
        fields.Nested(LanguageSchema),
        load_default=list,
        validate=[validate.Length(max=events.MAX_LANGUAGES), unique_by("code", "A language is")],
        metadata=unique_items_by("code"),
    )
    municipality = MunicipalityCode(required=True)
    max_commute_km = JsonNumber(required=True, validate=validate.Range(0, 500))
    available_from = Day(
        required=True,
        years_back=10,
        metadata={
            "description": "At most three years ahead and ten years back (422 otherwise: a typo); a past "
            "day means now"
        },
    )
    working_time = fields.String(load_default="any", validate=validate.OneOf(WORKING_TIMES))
    target_groups = BoundedList(
        fields.String(validate=validate.OneOf([t.value for t in TargetGroup])), load_default=list
    )
    consented_orgs = BoundedList(
        fields.String(validate=[ORG_ID, known_organisation], metadata=REGISTERED_ORG),
        load_default=list,
        validate=validate.Length(max=events.MAX_CONSENTED_ORGS),
        metadata={
            "description": "Registered organisations (the operator's registry) allowed to see the "
            "profile's name and contact details and to be shown the candidate",
            "example": ["pirkan-rekry-oy"],
        },
    )

    consent_by_choice = BoundedList(
        fields.String(validate=[validate.Length(max=200), ORG_ID], metadata=REGISTERED_ORG),
        validate=validate.Length(max=events.MAX_CONSENTED_ORGS),
        metadata=read_only(
            "Organisations consented by the jobseeker's choice alone (a service voucher's provider), as read: "
            "kept while the choice lasts and withdrawn with it. Listing one in `consented_orgs` makes it the "
            "jobseeker's own consent too (kept after the choice is withdrawn; the answer warns "
            "`consent_made_own`)"
        ),
    )

    @post_load
    def upsert(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        """``{details: ProfileDetails, status: Status | None, read_only: {field: value}, choice_sent:
        frozenset[str] | None}`` (the read-only fields sent, ``domain.READ_ONLY_FIELDS``, none when none
        was sent; ``consent_by_choice`` as sent, None when left out)."""
        sent = {name: data.pop(name) for name in READ_ONLY_FIELDS if name in data}
        choice = data.pop("consent_by_choice", None)
        return {
            "choice_sent": None if choice is None else frozenset(choice),
            "read_only": sent,
            "details": ProfileDetails.from_dict(data),
            "status": Status(data["status"]) if data["status"] else None,
        }


class PersonalOutSchema(ma.Schema):
    name = fields.String()
    email = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)


class SkillOutSchema(ma.Schema):
    uri = fields.String()
    level = fields.String()


class ExperienceOutSchema(ma.Schema):
    occupation_uri = fields.String()
    years = fields.Float()
    ended_year = fields.Integer(allow_none=True)


class ProfileWarningSchema(ma.Schema):
    """A warning of a write: the shape of a vacancy's warnings (``code``, ``message``) and the
    field path it is about."""

    code = fields.String(metadata={"description": "e.g. `jobs_at_once`"})
    field = fields.String(metadata={"description": "The input field path, e.g. `work_history`"})
    message = fields.String()


class ProfileOutSchema(AggregateOutSchema):
    """A ``Profile`` (``Shown`` with the notices of a write); a withdrawn profile has only the first
    fields (its details are erased)."""

    id = fields.String()
    candidate_id = fields.String(
        allow_none=True,
        metadata={"description": "the pseudonym; null once withdrawn (no answer links it to the id)"},
    )
    coach_org = fields.String()
    status = fields.String()
    version = fields.Integer()
    personal = fields.Nested(PersonalOutSchema, allow_none=True)
    skills = BoundedList(fields.Nested(SkillOutSchema))
    suggested_skills = BoundedList(fields.String())
    work_history = BoundedList(fields.Nested(ExperienceOutSchema))
    education_level = fields.String(allow_none=True)
    languages = BoundedList(fields.Nested(LanguageOutSchema))
    municipality = fields.String(allow_none=True)
    max_commute_km = fields.Float(allow_none=True)
    available_from = Day(allow_none=True)
    working_time = fields.String(allow_none=True)
    target_groups = BoundedList(fields.String())
    consented_orgs = SortedList(
        fields.String(),
        metadata={
            "description": "The jobseeker's own consent: organisations allowed to see the name and contact "
            "details and to be shown the candidate (besides `consent_by_choice`)"
        },
    )
    consent_by_choice = SortedList(
        fields.String(),
        metadata={
            "description": "Organisations consented by the jobseeker's choice alone (a service voucher's "
            "provider): consented as `consented_orgs` are while the choice lasts, withdrawn with it. "
            "Read-only: a body sent back as read changes nothing here"
        },
    )
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    notices = NOTICES

    @post_dump
    def _no_pseudonym_once_withdrawn(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        """A withdrawn profile's row holds a placeholder, not the pseudonym (outside tester 36, H9): shown as
        null, as no answer ties the case number to the erased pseudonym (on main, ``GET`` showed it)."""
        if data.get("status") == "withdrawn":
            data["candidate_id"] = None
        return data

    warnings = BoundedList(
        fields.Nested(ProfileWarningSchema),
        metadata={
            "description": "The write's warnings for the coach (stored anyway), each with `code`, "
            "`field` (the field path) and `message`: `jobs_at_once` when more than two jobs of "
            "`work_history` overlap (matching counts their shared years at a fraction), "
            "`implausible_spell` when a job is longer than a working life (50 years) or started "
            "more than 50 years ago"
        },
    )


#: The most candidates one contact look-up may ask about.
MAX_LOOKUP_IDS = 500


class ContactLookupSchema(StrictSchema):
    # Outside tester 10, L7: any string (an identity code, a phone number, an e-mail address) was taken
    # and written into the audit log; now each id must be a pseudonym (errors.json.candidate_ids.<i>).
    candidate_ids = BoundedList(
        CandidateId(),
        required=True,
        validate=validate.Length(1, MAX_LOOKUP_IDS),
    )
    # Outside tester 26, T26-2: a purpose is written to the audit log, which three DPOs and the system auditor
    # read; it has no reason to carry personal data, so the comment screen's kinds (identifiers, birth dates,
    # age, origin, health, religion, criminal record …) are refused with a 422 rather than masked.
    purpose = DisplayText(
        load_default="recruitment", validate=[validate.Length(1, 200), refuse_sensitive_data]
    )


class ContactSchema(ma.Schema):
    candidate_id = fields.String()
    name = fields.String()
    email = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)


class ContactListSchema(ma.Schema):
    items = BoundedList(fields.Nested(ContactSchema))


#: A profile id: the organisation's own id for the jobseeker (``services.profile.api.checked_id``)
PROFILE_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$"
PROFILE_ID_RULE = N_(
    "1-64 characters: letters A-Z or a-z (no å, ä or ö), digits, '.', '_', ':' or '-', starting with a letter or digit."
)
PERSONAL_ID_RULE = N_(
    "Looks like a personal identity code or phone number: use an id of your organisation's case system instead."
)


def _no_personal_data(value: str) -> None:
    if identifier_holds_personal_data(value):
        raise ValidationError(PERSONAL_ID_RULE)


class AuditQuerySchema(StrictSchema):
    # Outside tester 9, K2: an officer searching by a person's identity code got 200, and the code was
    # kept in the log as the audit.read entry's profile or candidate id. Ids are read as the APIs
    # read them everywhere else, so such a value is refused before anything is stored or audited.
    profile_id = fields.String(
        load_default=None,
        validate=[validate.Regexp(PROFILE_ID_PATTERN, error=PROFILE_ID_RULE), _no_personal_data],
        metadata={"description": "Only entries about this profile of the caller's organisation"},
    )
    candidate_id = CandidateId(
        load_default=None,
        metadata={
            "description": "Only entries about this pseudonymous candidate id (`c-` and 24 hex digits)"
        },
    )
    identities = fields.String(
        load_default="current",
        validate=validate.OneOf(["current", "all"]),
        metadata={
            "description": "With `profile_id`: `current` (default) lists the entries of the person "
            "holding the id now; `all` also those of earlier holders whose profile was withdrawn "
            "(organisations reuse ids; each holder has an own candidate id)"
        },
    )
    actor = fields.String(
        load_default=None,
        validate=validate.Length(1, 200),
        metadata={"description": "Only entries of this user (the token subject), exact match"},
    )
    action = fields.String(
        load_default=None,
        validate=validate.Length(1, 64),
        metadata={"description": "Only entries of this action, exact match (e.g. `contact.read`)"},
    )
    since = Instant(
        load_default=None,
        metadata={"description": "Only entries at or after this instant (ISO 8601; no offset: UTC)"},
    )
    until = Instant(
        load_default=None,
        metadata={"description": "Only entries before this instant (ISO 8601; no offset: UTC)"},
    )
    before = fields.Integer(
        load_default=None,
        validate=validate.Range(1, 2**63 - 1),
        metadata={
            "description": "Paging cursor: only entries with a smaller id (older). The response's "
            "`next` is the cursor of the following page"
        },
    )
    limit = fields.Integer(load_default=200, validate=validate.Range(1, 1000))


class AuditEntrySchema(ma.Schema):
    id = fields.Integer()
    at = fields.DateTime()
    actor = fields.String(metadata={"description": "The user id (token subject) who acted"})
    actor_role = fields.String()
    actor_org = fields.String()
    action = fields.String(
        metadata={
            "description": "profile.read, profile.write, profile.withdraw, profile.hired, contact.read, "
            "audit.read, path.read, path.write, worklist.read, handover.read, handover.acknowledged, "
            "voucher.issue, voucher.read, voucher.choice, voucher.withdraw, voucher.client.read, "
            "voucher.hired, rating.read, training.read"
        }
    )
    granted = fields.String(validate=validate.OneOf(["yes", "no"]))
    profile_id = fields.String(
        allow_none=True,
        metadata={
            "description": "Stored on every entry about a jobseeker whoever acted; shown only to the "
            "profile's own organisation (and the system auditor)"
        },
    )
    candidate_id = fields.String(allow_none=True)
    subject_org = fields.String(
        allow_none=True,
        metadata={"description": "The organisation whose jobseeker the entry concerns (own scope only)"},
    )
    purpose = fields.String(allow_none=True, metadata={"description": "Personal data masked"})


class AuditListSchema(ma.Schema):
    items = BoundedList(fields.Nested(AuditEntrySchema))
    next = fields.Integer(
        allow_none=True,
        metadata={
            "description": "The `before` cursor of the next (older) page with the same filters; null "
            "when this page is the last"
        },
    )
