"""The matching API's request and response shapes (also its OpenAPI document)."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate

from shared import schemas as shared_schemas
from shared.schemas import StrictSchema

LANGS = ("en", "fi")


class ShortlistArgs(StrictSchema):
    k = fields.Integer(
        load_default=None,
        validate=validate.Range(1, 200),
        metadata={"description": "How many candidates (default 20, at most 200)"},
    )
    lang = fields.String(load_default="en", validate=validate.OneOf(LANGS))


class SkillRefSchema(ma.Schema):
    uri = fields.String()
    label = fields.String()


SKILL_URI = {"description": "An ESCO skill URI; its label is in the response's `skills`"}
SKILL_LABELS = {
    "description": "The label, in the requested language, of every skill URI the entries mention "
    "(each label once per response, however many entries mention the skill)"
}


class RelatedSchema(ma.Schema):
    vacancy_skill = fields.String(metadata=SKILL_URI)
    candidate_skill = fields.String(metadata=SKILL_URI)
    credit = fields.Float()
    reason = fields.String()


class EvidenceSchema(ma.Schema):
    kind = fields.String(
        validate=validate.OneOf(("claimed", "suggested", "inferred")),
        metadata={
            "description": "claimed (by the jobseeker or coach, with a level); suggested (recognised "
            "from a coach's notes, not confirmed, with a level); inferred (from an occupation in "
            "the work history, no level)"
        },
    )
    level = fields.String(allow_none=True, metadata={"description": "basic, intermediate, advanced, expert"})


class InferredOccupationSchema(ma.Schema):
    uri = fields.String(metadata={"description": "ESCO occupation URI"})
    label = fields.String()
    probability = fields.Float(metadata={"description": "Posterior probability from skills and work history"})


class EntrySchema(ma.Schema):
    rank = fields.Integer()
    candidate_id = fields.String()
    match = fields.Float(
        metadata={
            "description": "Match score 0-100: the calibrated chance, in percent, that the candidate is "
            "of the vacancy's occupation (same meaning across vacancies; orders like `score`)"
        }
    )
    points = fields.Dict(
        keys=fields.String(),
        values=fields.Float(),
        metadata={"description": "The match score split over the score's components (adds up to `match`)"},
    )
    score = fields.Float(metadata={"description": "Raw ranking score in [0, 1]"})
    components = fields.Dict(keys=fields.String(), values=fields.Float())
    evidence = fields.Dict(
        keys=fields.String(),
        values=fields.Nested(EvidenceSchema),
        metadata={"description": "Per matched or related skill URI: where the candidate's skill comes from"},
    )
    occupations = fields.List(
        fields.Nested(InferredOccupationSchema),
        metadata={"description": "The candidate's inferred occupations, most likely first"},
    )
    matched_essential = fields.List(fields.String(metadata=SKILL_URI))
    matched_optional = fields.List(fields.String(metadata=SKILL_URI))
    related = fields.List(fields.Nested(RelatedSchema))
    missing_essential = fields.List(fields.String(metadata=SKILL_URI))
    distance_km = fields.Float(allow_none=True)
    available_from = fields.Date()
    filters = fields.List(fields.String())


class ExplanationSchema(EntrySchema):
    skills = fields.Dict(keys=fields.String(), values=fields.String(), metadata=SKILL_LABELS)


class ListedShortageFlagSchema(shared_schemas.ShortageFlagSchema):
    """The flag every service shows, with the list's dates, age and staleness (matching owns the lists)."""

    period_start = fields.String(metadata={"description": "ISO date"})
    period_end = fields.String(metadata={"description": "ISO date"})
    age_days = fields.Integer(metadata={"description": "Days since the list's period started"})
    stale = fields.Boolean(
        metadata={"description": "The list's period started longer ago than the limit (default 12 months)"}
    )


class VacancyFieldsSchema(ma.Schema):
    """What every vacancy the matching API returns says about itself."""

    id = fields.String()
    title = fields.String()
    employer_org = fields.String()
    occupation_uri = fields.String(allow_none=True)
    occupation_label = fields.String(allow_none=True)
    municipality = fields.String()
    region = fields.String()
    status = fields.String()
    shortage = fields.Nested(
        ListedShortageFlagSchema,
        allow_none=True,
        metadata={"description": "Null unless the vacancy is a labour-shortage role"},
    )


class VacancySummarySchema(VacancyFieldsSchema):
    version = fields.Integer()
    chosen_skills = fields.List(fields.Dict())
    suggested_skills = fields.List(fields.Nested(SkillRefSchema))


class ShortlistSchema(ma.Schema):
    vacancy = fields.Nested(VacancySummarySchema)
    generated_at = fields.DateTime()
    consent_filtered_for = fields.String(allow_none=True)
    candidates_indexed = fields.Integer()
    skills = fields.Dict(keys=fields.String(), values=fields.String(), metadata=SKILL_LABELS)
    entries = fields.List(fields.Nested(EntrySchema))


TEXT_LANGS = ("fi", "sv", "en")


class RecogniseSchema(StrictSchema):
    text = fields.String(required=True, validate=validate.Length(1, 20_000))
    top_k = fields.Integer(load_default=10, validate=validate.Range(1, 50))
    lang = fields.String(
        load_default=None,
        validate=validate.OneOf(TEXT_LANGS),
        metadata={
            "description": "Language of the text (fi, sv or en); detected when left out. Labels are "
            "given in this language where ESCO has them here (Finnish, English; Swedish falls back "
            "to English)."
        },
    )


class RecognisedSchema(ma.Schema):
    uri = fields.String()
    label = fields.String()
    score = fields.Float(metadata={"description": "Rank score, 0-1 (1: named by an explicit rule)"})


class RecognisedListSchema(ma.Schema):
    lang = fields.String(metadata={"description": "The language the text was read as (given or detected)"})
    items = fields.List(fields.Nested(RecognisedSchema))
    warning = fields.String(
        metadata={"description": "Present when no skill was recognised: what to do instead"}
    )


class IndexVersionsQuerySchema(StrictSchema):
    candidate_ids = fields.List(
        fields.String(validate=validate.Length(1, 64)), required=True, validate=validate.Length(1, 10_000)
    )


class IndexVersionsSchema(ma.Schema):
    candidates = fields.Integer(metadata={"description": "Candidates the index serves"})
    vacancies = fields.Integer(metadata={"description": "Vacancies (open and closed) it knows"})
    versions = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(allow_none=True),
        metadata={"description": "Candidate id → the version served (null: not served)"},
    )
