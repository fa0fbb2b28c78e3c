"""The matching API's request and response shapes (also its OpenAPI document)."""

from __future__ import annotations

import marshmallow as ma
from flask_babel import lazy_gettext
from marshmallow import fields, validate

from services.kernel.ad_limits import Ground
from services.matching.index.domain.filters import Scope
from services.matching.index.domain.recognition_text import readable
from shared import schemas as shared_schemas
from shared.i18n import N_
from shared.languages import UI_LANGUAGES
from shared.schemas import BoundedList, CandidateId, JsonInteger, StrictSchema

# The labels' language (``lang``): one of the system's languages. Swedish ESCO labels are not in the
# data yet: the taxonomy gives the English label until they are (a data change, no code change).
LANGS = UI_LANGUAGES
MAX_AVAILABILITY_WINDOW_DAYS = 365
MAX_OFFSET = 1000
NO_COUNTS = "none"  # `exclusions=none`: a shortlist without exclusion counts


class ShortlistArgs(StrictSchema):
    k = fields.Integer(
        load_default=None,
        validate=validate.Range(1, 200),
        metadata={
            "description": "How many candidates (default 20, at most 200): the page size of a shortlist; "
            "for an explanation, the shortlist length its `shortlisted` refers to"
        },
    )
    lang = fields.String(
        load_default="en",
        validate=validate.OneOf(LANGS),
        metadata={"description": "The labels' language: fi, sv or en (default en)"},
    )
    offset = fields.Integer(
        load_default=0,
        validate=validate.Range(0, MAX_OFFSET),
        metadata={
            "description": "Paging: skip this many candidates (the next page starts at the response's "
            "`page.next_offset`). Entries keep their real ranks; the order is stable (score, then "
            f"essential coverage, then candidate id). At most {MAX_OFFSET}. Ignored by explanations."
        },
    )
    available_within_days = fields.Integer(
        load_default=None,
        validate=validate.Range(0, MAX_AVAILABILITY_WINDOW_DAYS),
        metadata={
            "description": "For a vacancy without a start date: candidates available within this many "
            "days from today pass the availability filter (0: available today; default the service's "
            "`KOHTAANTO_AVAILABILITY_WINDOW_DAYS`, 28). A vacancy with a start date keeps its rule "
            "(available by the start date) and ignores this."
        },
    )
    exclusions = fields.String(
        load_default=Scope.REACH.value,
        validate=validate.OneOf([*(s.value for s in Scope), NO_COUNTS]),
        metadata={
            "description": "Which candidates the response's `exclusions` counts cover: `commuting_reach` "
            "(default) those whose own maximum commute reaches the vacancy, commute then not being a "
            "counted filter; `country` everyone in the index, commute counted (several times slower: "
            "one more pass over the whole index); `none` no counts (`exclusions` null). Ignored by "
            "explanations."
        },
    )


class SkillRefSchema(ma.Schema):
    uri = fields.String()
    label = fields.String()


BELOW_LINE = {
    "description": "true when `score` is under the recogniser's confidence line (0.35): a guess from "
    "similar words, not a reading of what the text says (on the tuning data 2-10 % of such skills were "
    "right, against 15-20 % above the line), listed after every skill over it; for a person to judge, "
    "never to accept unread. A text with enough skills over the line shows no guess far under it "
    '(README, "Skill recognition"); a text with fewer gets its best guesses, marked so'
}


class SuggestedSkillSchema(SkillRefSchema):
    """A skill recognised in the vacancy's text, with what an employer needs to judge it."""

    score = fields.Float(
        allow_none=True,
        metadata={
            "description": "The recogniser's score, 0-1 (1: named by an explicit rule, such as a licence "
            "or card); null for a suggestion made before scores were kept"
        },
    )
    source = fields.String(
        allow_none=True,
        metadata={
            "description": "The sentence (list item or line) of the vacancy's own text, or its title, "
            'the skill was recognised in, as written (at most 300 characters, cut with "…"); null '
            "for a suggestion made before sources were kept"
        },
    )
    essential = fields.Boolean(
        metadata={
            "description": 'false when the sentence offers the skill as a plus ("Trukkikortti katsotaan '
            'eduksi", "is a plus"), true otherwise: send it with the uri when accepting the suggestion '
            "(`PUT /vacancies/<id>` `skills: [{uri, essential}]` on the vacancy service, where `essential` is "
            "required)"
        }
    )
    below_line = fields.Boolean(metadata=BELOW_LINE)


SKILL_URI = {"description": "An ESCO skill URI; its label is in the response's `skills`"}
SKILL_LABELS = {
    "description": "The label, in the requested language, of every skill URI the entries mention "
    "(each label once per response, however many entries mention the skill)"
}


#: The kinds of relation that earn related-skill credit (``vectors.REASONS``), in the viewer's words.
RELATED_REASON_WORDS = {
    "related skill": lazy_gettext("related skill"),
    "broader or narrower skill": lazy_gettext("broader or narrower skill"),
    "same skill group": lazy_gettext("same skill group"),
}


class RelatedSchema(ma.Schema):
    vacancy_skill = fields.String(metadata=SKILL_URI)
    candidate_skill = fields.String(metadata=SKILL_URI)
    credit = fields.Float()
    reason = fields.String(
        metadata={
            "description": "The kind of relation, a code programs can read: "
            + ", ".join(RELATED_REASON_WORDS),
        }
    )
    reason_text = fields.Function(
        lambda credit: str(RELATED_REASON_WORDS.get(credit.reason, credit.reason)),
        metadata={"description": "`reason` in the request's language (`lang`; outside tester 12, N7)"},
    )


class EssentialHeldSchema(ma.Schema):
    held = fields.Integer(metadata={"description": "Essential skills held (`matched_essential`)"})
    of = fields.Integer(metadata={"description": "The vacancy's essential skills (held and missing)"})
    claimed = fields.Integer(
        metadata={
            "description": "Of those held: claimed, suggested from a coach's notes or a declared language"
        }
    )
    from_work_history = fields.Integer(
        metadata={"description": "Of those held: known only from an occupation in the work history"}
    )


class EvidenceSchema(ma.Schema):
    kind = fields.String(
        validate=validate.OneOf(("claimed", "suggested", "inferred", "language")),
        metadata={
            "description": "claimed (by the jobseeker or coach, with a level); suggested (recognised "
            "from a coach's notes, not confirmed, with a level); inferred (from an occupation in "
            "the work history, no level); language (an ESCO language skill such as 'speak Finnish' "
            "held through a language the profile declares, `languages`: its CEFR level and code). "
            "A declared language meets every ESCO skill of that language at any level, with the "
            "credit of a claim of level basic (A1-A2), intermediate (B1-B2), advanced (C1-C2) or "
            "expert (native), and only beside other evidence for the vacancy"
        },
    )
    level = fields.String(
        allow_none=True,
        metadata={
            "description": "basic, intermediate, advanced, expert; for kind language the declared "
            "CEFR level: A1, A2, B1, B2, C1, C2, native"
        },
    )
    language = fields.String(
        metadata={
            "description": "For kind language only: the ISO 639 code the profile declares (e.g. fi)",
            "example": "fi",
        }
    )


class InferredOccupationSchema(ma.Schema):
    uri = fields.String(metadata={"description": "ESCO occupation URI"})
    label = fields.String()
    probability = fields.Float(
        metadata={
            "description": "Posterior probability from skills and work history. The occupation part of "
            "the score also reads the candidate's own work history directly (a recent spell in the "
            "vacancy's occupation agrees in full), so it can be high while this probability is low: "
            "the posterior spreads one spell over ESCO's 3,000 occupations. The entry's "
            "`occupation_agreement` shows which the score used (source work_history, with the spell)"
        }
    )
    supporting_skills = fields.Integer(
        metadata={
            "description": "How many of the candidate's claimed skills (a coach's unconfirmed "
            "suggestions not counted) this occupation's ESCO profile lists, essential or optional"
        }
    )
    work_history = fields.Boolean(
        metadata={"description": "Whether a spell of the candidate's work history is this occupation"}
    )


class AgreementOccupationSchema(ma.Schema):
    uri = fields.String(metadata={"description": "ESCO occupation URI"})
    label = fields.String()


class OccupationAgreementSchema(ma.Schema):
    value = fields.Float(
        metadata={
            "description": "The occupation agreement the score used, 0-1: `components.occupation_match` "
            "is 0.6 x this. 1 = certainly of the vacancy's occupation; an occupation ESCO places "
            "narrower or broader than it (`relation`) earns 0.943 of that, by work history or inferred; another "
            "occupation of its ISCO unit group 3/7"
        }
    )
    source = fields.String(
        validate=validate.OneOf(("inferred", "work_history", "confirmed_skills", "essential_skills")),
        metadata={
            "description": "inferred: from the candidate's inferred occupations (`occupations`, the "
            "posterior from skills and work history); work_history: from one spell of the candidate's "
            "own work history read directly (`occupation`, weighted by `spell_weight`), which agrees "
            "more than the posterior. A recent spell in the vacancy's occupation agrees near 1 while "
            "that occupation's probability in `occupations` can read 0.35: the posterior spreads one "
            "spell's evidence over ESCO's 3,000 occupations, the agreement reads the spell itself; "
            "confirmed_skills (a vacancy without an occupation whose title names one, and at least six "
            "essential skills its employer confirmed; never the skills adopted from a read text): the candidate "
            "holds (nearly) every essential skill the employer confirmed, which agrees as 3/4 of the "
            "vacancy's own occupation would, times the share held to the 8th power; essential_skills: "
            "the candidate's occupation agrees less than the share of the vacancy's essential skills "
            "they hold (by a claim or work history), squared, times 0.125, below what the same ISCO sub-major "
            "group earns (1/7): how a recruiter orders trades the ISCO hierarchy does not join (a chef "
            "holding 12 of a cook's 16 essential skills above a kitchen assistant holding 9). For every "
            "source, a candidate not of the vacancy's occupation has that share's part added, shrinking "
            "to 0 towards the vacancy's own occupation and never past the next ISCO level (minor group "
            "1.25/7, unit group 3/7): within one ISCO level more essential skills held ranks higher"
        },
    )
    occupation = fields.Nested(
        AgreementOccupationSchema,
        allow_none=True,
        metadata={
            "description": "work_history: the spell's occupation; inferred: the candidate's most probable "
            "inferred occupation when ESCO places it narrower or broader than the vacancy's (`relation`: a "
            "cook graduate whose claims read grill cook on a cook ad), else null"
        },
    )
    spell_weight = fields.Float(
        allow_none=True,
        metadata={
            "description": "work_history: the spell's identity weight in (0, 1], how surely it says the "
            "person is of that occupation: 1 for a current job of at least two years; by age only "
            "weakly (half after 20 years: one year that ended six years ago 0.73), a spell of a few "
            "months 0.8; halved for every five years of later work in another spell (a career "
            "change; work in a close trade, whose essential skills the spell's occupation mostly lists or "
            "the other way round, is none); the agreement is this times the spell occupation's agreement. inferred: null"
        },
    )
    relation = fields.String(
        allow_none=True,
        validate=validate.OneOf(("narrower", "broader")),
        metadata={
            "description": "work_history: how ESCO's occupation hierarchy relates the spell's occupation "
            "(inferred: the most probable inferred occupation) to the vacancy's: narrower, a specialisation of the same job (a building electrician on an "
            "electrician's ad), or broader (an electrician on a building electrician's ad). Either "
            "counts close to the same occupation: 0.9 of the occupation level (4/7) on top of the unit "
            "group's 3/7, an agreement of 0.943 for a current spell of two years or more (inferred: 0.943 "
            "times that occupation's probability), between the "
            "vacancy's own occupation (1) and another occupation of its ISCO unit group (3/7). Two "
            "narrower occupations of one broader (siblings) are not related: the unit group's 3/7. Only "
            "for a vacancy naming its occupation or read so surely (at least 0.9) from a title and text "
            "alone; a vacancy listing its own skills without an occupation: the unit group's 3/7. "
            "null otherwise"
        },
    )


class EntrySchema(ma.Schema):
    rank = fields.Integer()
    candidate_id = fields.String()
    match = fields.Float(
        metadata={
            "description": "Match score 0-100, a calibrated estimate of a grade: on that grade 100 is of "
            "the vacancy's occupation (or of "
            "an occupation that asks for every skill the vacancy asks for: a vacancy of MIG and MAG "
            "welding is fitted by welders and metal fabricators) and holding every essential skill, "
            "50 of it holding none (half for the occupation, half times the share of essential skills "
            "held), 0 another occupation; among candidates shown with match m the grade averages about "
            "m. The evidence never makes anyone certain, so nobody reads 100: a complete match (of the "
            "occupation, every essential skill held) reads about 92-97, and whether anything is missing "
            "is in `missing_essential`, not in the gap to 100. The same meaning whether the "
            "vacancy names an occupation (its ESCO essential skills), lists skills (many or a few "
            "accepted ones) or has only a title and text. The raw `score` is read as a share of the "
            "vacancy's best real candidate (of its occupation, holding every essential skill); a "
            "candidate there reads about 93 (77 for a title and text only, whose occupation is less "
            "sure), 3 of 32 essential skills about 55. Strictly increasing in `score` within a "
            "shortlist, so it never orders differently and equal matches mean equal scores; a "
            "candidate above the best real one reads above it, on towards 100, which nobody reads. "
            "Skills and past occupations outside the vacancy's skills lower it: a candidate holding "
            "every essential skill among many others can read about 60 (compare "
            "`matched_essential` and `missing_essential`)"
        }
    )
    points = fields.Dict(
        keys=fields.String(),
        values=fields.Float(),
        metadata={
            "description": "This candidate's match split over the score's components, the same keys "
            "as `components` (adds up to `match`): each part's share of this candidate's raw `score` "
            "times `match`. Shares of one candidate's match, NOT comparable between candidates: two "
            "candidates with the same match can split it differently, and one holding fewer of the "
            "vacancy's skills can show more skill points (its skill part is a larger share of a "
            "smaller score). To compare candidates part by part use `components` (the raw parts, on "
            "one scale for every candidate), or `matched_essential` / `missing_essential`"
        },
    )
    score = fields.Float(metadata={"description": "Raw ranking score in [0, 1]"})
    components = fields.Dict(
        keys=fields.String(),
        values=fields.Float(),
        metadata={
            "description": "The raw score split over the parts it is made of (adds up to `score`): "
            "`occupation_match` (the candidate's inferred occupations, or their own work history in "
            "the vacancy's occupation or its ISCO unit group, agree with the vacancy's occupation, "
            "weight 0.6), `skill_similarity` (cosine over the vacancy's own skills, 0.3), "
            "`related_skills` (essential skills held only through a related skill, capped, 0.079), "
            "`essential_coverage` (the share of the essential skills held, a skill only the work "
            "history shows counting about a third of a claimed one, 0.02) and `experience_match` "
            "(how long, up to five years, and how recently the candidate worked in the vacancy's "
            "occupation, a tie-break, 0.001). "
            "Only parts with a weight are listed; how many essential skills the candidate holds is "
            "`matched_essential` / `missing_essential`. When the vacancy names no occupation, its "
            "occupation is inferred from its skills and title and the occupation part still weighs "
            "0.6: a missing essential skill then moves the match little (a welder lacking the "
            "forklift of a MIG + MAG + forklift vacancy can read above a non-welder holding all "
            "three); read `missing_essential` beside the match"
        },
    )
    evidence = fields.Dict(
        keys=fields.String(),
        values=fields.Nested(EvidenceSchema),
        metadata={"description": "Per matched or related skill URI: where the candidate's skill comes from"},
    )
    occupations = BoundedList(
        fields.Nested(InferredOccupationSchema),
        metadata={
            "description": "The candidate's inferred occupations, most likely first (the posterior; "
            "what the occupation part of the score used is `occupation_agreement`), those the "
            "evidence bears only: a spell of the candidate's work history is of it (`work_history`), "
            "or at least 3 of their claimed skills are in its ESCO profile (`supporting_skills`). "
            "A reading from one or two skills is a guess however probable the model makes it "
            "(outside tester 38, M1: two medication claims read hospital pharmacist 0.953); such "
            "readings are counted in `occupations_withheld`"
        },
    )
    occupations_withheld = fields.Integer(
        metadata={
            "description": "How many of the inferred occupations are not shown in `occupations` for "
            "too little evidence (no spell of it, fewer than 3 claimed skills of its profile); the "
            "score still reads them"
        }
    )
    occupation_agreement = fields.Nested(
        OccupationAgreementSchema,
        allow_none=True,
        metadata={
            "description": "What the occupation part of the score (`components.occupation_match`) "
            "read and where from: the inferred occupations, or a spell of the candidate's own work "
            "history. Null when the vacancy gives nothing to infer an occupation from"
        },
    )
    essential_held = fields.Nested(
        EssentialHeldSchema,
        allow_none=True,
        metadata={
            "description": "Null when the vacancy names no essential skill (a text ad whose "
            "occupation is not read surely: its recognised skills are optional; what the candidate "
            "holds of them is `matched_optional`), rather than 0 of 0. "
            "The vacancy's essential skills the candidate holds (`held` of `of`), and "
            "of them how many were claimed (`claimed`: by the jobseeker or coach, a coach's notes' "
            "suggestion, or a declared language) and how many only the work history shows "
            "(`from_work_history`, evidence kind `inferred`): a skill only inferred counts less in "
            "the score (`components.essential_coverage`), and how long and how recently the "
            "candidate worked in the vacancy's occupation is `components.experience_match`"
        },
    )
    matched_essential = BoundedList(fields.String(metadata=SKILL_URI))
    matched_optional = BoundedList(fields.String(metadata=SKILL_URI))
    related = BoundedList(fields.Nested(RelatedSchema))
    missing_essential = BoundedList(fields.String(metadata=SKILL_URI))
    missing_optional = BoundedList(
        fields.String(metadata=SKILL_URI),
        metadata={
            "description": "The vacancy's own skills that are not essential (the employer's optional "
            "ones, those recognised in its text) and that the candidate lacks; empty for a vacancy "
            "naming an occupation (its essential skills the candidate lacks are `missing_essential`)"
        },
    )
    distance_km = fields.Float(
        allow_none=True,
        metadata={
            "description": "Distance between the centres of the candidate's and the vacancy's "
            "municipalities (km; no finer location is kept): 0 means the same municipality. A vacancy "
            "with several work sites: to the nearest one (the commute filter measures the same); a "
            "remote one: shown all the same, never a filter. A straight-line estimate times a road "
            "factor, not a road distance; across the sea between Åland and the mainland it is no "
            "commute at all (`sea_crossing`)"
        },
    )
    sea_crossing = fields.Boolean(
        metadata={
            "description": "True when `distance_km` crosses the sea between Åland (region ahvenanmaa) and "
            "mainland Finland, which no road links: not a commute. Such a candidate passes no "
            "`max_commute_km` and appears only for a remote vacancy, or in an explanation naming "
            "the commute filter (data/geo/README.md; ferries inside the archipelagos are not known "
            "to the data and not marked)"
        }
    )
    available_from = fields.Date()
    filters = BoundedList(fields.String())


class ExplanationSchema(EntrySchema):
    rank = fields.Integer(
        allow_none=True,
        metadata={
            "description": "The candidate's real rank on the caller's shortlist of this vacancy (however "
            "deep); null when they would not be listed (a failed hard filter in `filters`, already "
            "hired or rejected for it, or no skill evidence)"
        },
    )
    k = fields.Integer(metadata={"description": "The shortlist length asked about (the `k` parameter)"})
    shortlisted = fields.Boolean(metadata={"description": "Whether `rank` is within the first `k`"})
    skills = fields.Dict(keys=fields.String(), values=fields.String(), metadata=SKILL_LABELS)
    vacancy_status = fields.String(
        validate=validate.OneOf(["open", "closed"]),
        metadata={"description": "The vacancy's state: a closed vacancy ranks nobody (`rank` null)"},
    )
    notice = fields.String(
        metadata={
            "description": "Present when the vacancy is closed: says so in the caller's language, "
            "since the score is then no place on a shortlist"
        }
    )


class ListedShortageFlagSchema(shared_schemas.ShortageFlagSchema):
    """The flag every service shows, with the list's dates, age and staleness (matching owns the lists)."""

    period_start = fields.String(metadata={"description": "ISO date"})
    period_end = fields.String(metadata={"description": "ISO date"})
    age_days = fields.Integer(metadata={"description": "Days since the list's period started"})
    stale = fields.Boolean(
        metadata={"description": "The list's period started longer ago than the limit (default 12 months)"}
    )
    occupation_inferred = fields.Boolean(
        metadata={
            "description": "Present (true) when the employer named no occupation and the vacancy is a "
            "shortage role by the occupation matching inferred from its title and skills with "
            "confidence (`ranked_occupation`)"
        }
    )


class VacancySalarySchema(ma.Schema):
    min = fields.Float(allow_none=True)
    max = fields.Float(allow_none=True)
    currency = fields.String()
    period = fields.String(allow_none=True, metadata={"description": "`hour` or `month`"})
    collective_agreement = fields.Boolean(
        metadata={"description": 'true: "according to the collective agreement" (TES)'}
    )


class VacancyFieldsSchema(ma.Schema):
    """What every vacancy the matching API returns says about itself."""

    id = fields.String()
    title = fields.String()
    employer_org = fields.String()
    occupation_uri = fields.String(allow_none=True)
    occupation_label = fields.String(allow_none=True)
    municipality = fields.String()
    other_municipalities = BoundedList(
        fields.String(),
        metadata={"description": "Further work sites: a candidate's commute is measured to the nearest"},
    )
    work_mode = fields.String(
        metadata={"description": "`on_site`, `hybrid` or `remote` (remote: the commute filters nobody)"}
    )
    salary = fields.Nested(
        VacancySalarySchema,
        allow_none=True,
        metadata={"description": "As the employer stated it; shown, never used in ranking. Null: not stated"},
    )
    region = fields.String()
    status = fields.String()
    shortage = fields.Nested(
        ListedShortageFlagSchema,
        allow_none=True,
        metadata={"description": "Null unless the vacancy is a labour-shortage role"},
    )
    ad_limits = BoundedList(
        fields.String(validate=validate.OneOf([g.value for g in Ground])),
        metadata={
            "description": "The grounds the law names (Equality Act 609/1986, Non-Discrimination Act 1325/2014) "
            "that the ad's title or description limits applicants by, as a phrase reading finds them "
            "(`age`, `sex`, `pregnancy`, `family_plans`, `origin`, `nationality`, `religion`, `health`, "
            "`sexual_orientation`; the vacancy service's `discriminatory_limit` "
            "warning, the weekly meeting's mark); [] when none. Whether a limit is lawful is a person's "
            "judgement: nothing is filtered or ranked by it"
        },
    )
    ad_limits_note = fields.String(
        metadata={
            "description": "Present when `ad_limits` is not empty: the grounds and the law, in the caller's "
            "language (fi, sv, en)"
        }
    )


class RankedOccupationSchema(ma.Schema):
    """The occupation a vacancy is ranked as."""

    uri = fields.String(metadata={"description": "ESCO occupation URI"})
    label = fields.String(metadata={"description": "Its label in the asked language"})
    inferred = fields.Boolean(
        metadata={
            "description": "True when the employer named no occupation and matching inferred it from "
            "the job title (in Finnish, Swedish or English) and the vacancy's skills"
        }
    )
    probability = fields.Float(
        metadata={"description": "How probable the occupation is (1 when the employer named it)"}
    )
    confident = fields.Boolean(
        metadata={
            "description": "Named by the employer, or inferred with probability at least 0.5: a "
            "confidently inferred shortage occupation counts as a shortage role (docs/meeting.md)"
        }
    )
    essential_skills = fields.Boolean(
        metadata={
            "description": "True when the entries' `matched_essential` / `missing_essential` are this "
            "occupation's ESCO essential skills (the employer's choices first): it was named, or the "
            "vacancy has only a title and text (no skill confirmed) and the occupation was read from "
            "them with probability at least 0.9, when the vacancy asks for its ESCO profile as a named "
            "occupation's (`RankingParams.inferred_profile_share`; the note says \"of the occupation "
            'read from the title")'
        }
    )
    note = fields.String(
        metadata={"description": "For an inferred occupation: what it means, in the asked language"}
    )


RANKED_OCCUPATION = {
    "description": "The occupation matching ranks the vacancy as (candidates of it rank first): the "
    "employer's, or, when none was named, the one inferred from the job title and skills; null "
    "when there is nothing to infer from or the vacancy is closed"
}


class VacancySummarySchema(VacancyFieldsSchema):
    version = fields.Integer()
    ranked_occupation = fields.Nested(RankedOccupationSchema, allow_none=True, metadata=RANKED_OCCUPATION)
    chosen_skills = BoundedList(fields.Dict())
    suggested_skills = BoundedList(fields.Nested(SuggestedSkillSchema))
    warning = fields.String(
        metadata={
            "description": "Present when the vacancy's text was read and no skill in it reached the "
            "recogniser's confidence line: the ranking uses no suggestion (as `GET …/skills` says); when "
            "nothing was chosen and the job title names no occupation either, it names the title and "
            "says no candidate can be ranked"
        }
    )


class ExclusionsSchema(ma.Schema):
    """What the hard filters removed. Only candidates the caller may see are counted: for a partner
    recruiter, those who consented to the recruiter's organisation (no count, not even a consent
    count, reveals that any other candidate exists); for the city's own staff, every candidate.
    By default only those within commuting reach of the vacancy (`scope`)."""

    scope = fields.String(
        metadata={
            "description": "`commuting_reach` (default): only candidates whose own maximum commute "
            "reaches the vacancy are counted, and commute is not among `by_filter`; `country` (asked "
            "with `exclusions=country`): everyone in the index, commute counted"
        }
    )
    considered = fields.Integer(
        metadata={
            "description": "Candidates the caller may see with skill evidence for the vacancy (they would "
            "be listed with a score above 0 but for the hard filters), not already hired or rejected "
            "for it by the team, within the `scope`"
        }
    )
    excluded = fields.Integer(metadata={"description": "Of those, how many fail at least one hard filter"})
    by_filter = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(),
        metadata={
            "description": "Per hard filter (hired, availability, working_time, language; commute only in "
            "the `country` scope), how "
            "many of the considered candidates it removes, each filter counted on its own (a candidate "
            "failing two counts under both): at most how many would come back if that filter alone were "
            "relaxed"
        },
    )


class AvailabilityRuleSchema(ma.Schema):
    """The availability rule a shortlist applied. Availability only filters, never scores: every
    candidate available by `available_by` ranks by skills alone, so one available today is never
    placed below one available later (or the other way round); each entry shows `available_from`."""

    rule = fields.String(
        metadata={
            "description": "`start_date`: available by the vacancy's start date (today if past); "
            "`window`: the vacancy has no start date, available within `window_days` from today"
        }
    )
    available_by = fields.Date(metadata={"description": "The last day a candidate may become available"})
    window_days = fields.Integer(allow_none=True)


class PageSchema(ma.Schema):
    offset = fields.Integer(metadata={"description": "Candidates skipped before the first entry"})
    k = fields.Integer(metadata={"description": "Page size asked for"})
    next_offset = fields.Integer(
        allow_none=True, metadata={"description": "The next page's `offset`; null on the last page"}
    )


class ShortlistSchema(ma.Schema):
    vacancy = fields.Nested(VacancySummarySchema)
    generated_at = fields.DateTime()
    consent_filtered_for = fields.String(
        allow_none=True,
        metadata={
            "description": "The organisation whose jobseekers the shortlist is limited to (those who consented "
            "to it, and for employment services also the residents of the regions it serves); null for the "
            "system operator, who sees every candidate"
        },
    )
    candidates_indexed = fields.Integer(
        metadata={
            "description": "How many candidates the whole index holds (the country's jobseekers): present for "
            "the system operator only, who sees every candidate. Left out for every other caller, whom "
            "the national count does not concern (outside tester 26, T26-13); `exclusions.considered` "
            "counts the candidates the caller may see that the filters weighed"
        }
    )
    exclusions = fields.Nested(
        ExclusionsSchema,
        allow_none=True,
        metadata={"description": "Null for a closed vacancy, or when asked with `exclusions=none`"},
    )
    availability = fields.Nested(
        AvailabilityRuleSchema, allow_none=True, metadata={"description": "Null for a closed vacancy"}
    )
    page = fields.Nested(PageSchema)
    skills = fields.Dict(keys=fields.String(), values=fields.String(), metadata=SKILL_LABELS)
    entries = BoundedList(fields.Nested(EntrySchema))
    notice = fields.String(
        metadata={
            "description": "Present when the vacancy is closed: why `entries` is empty (why it closed, "
            "and that a closed vacancy has no shortlist), in the caller's language"
        }
    )
    vacancy_status = fields.String(metadata={"description": "Present when the vacancy is closed: `closed`"})
    close_reason = fields.String(
        allow_none=True,
        metadata={
            "description": "Present when the vacancy is closed: `filled`, `cancelled` or `expired` "
            "(null when the employer gave none)"
        },
    )


TEXT_LANGS = UI_LANGUAGES


MAX_TEXT_CHARS = 20_000  # characters of a text to recognise skills in


NOTHING_TO_READ = N_("Must contain words to read: this text is only spaces, markup or entities.")


def _has_words(text: str) -> bool:
    """Whether `text` has something to read once markup, entities and spaces are left out
    (`readable`): outside tester 18 (P14), "   " answered 200 with `lang: "en"` and no items,
    while "" was a 422."""
    if not text or readable(text).strip():
        return True  # an empty text: its reason is the length's
    raise ma.ValidationError(NOTHING_TO_READ)


RECOGNITION_CONTEXTS = ("ad", "cv")
"""`POST /skills/recognise`'s `context`: a vacancy's text, or a CV or coach's note."""


class RecogniseSchema(StrictSchema):
    text = fields.String(required=True, validate=[validate.Length(1, MAX_TEXT_CHARS), _has_words])
    top_k = JsonInteger(load_default=10, validate=validate.Range(1, 50))
    lang = fields.String(
        load_default=None,
        validate=validate.OneOf(TEXT_LANGS),
        metadata={
            "description": "Language of the text (fi, sv or en). Left out, the text's language is "
            "detected and each sentence of three or more words is read in its own language (a "
            "Finnish ad's English or Swedish sentences; Finnish job words in an English sentence "
            "read through the Finnish glossary), as a vacancy's text is. Labels are "
            "given in the language the request asks for (the `lang` query parameter, the language "
            "cookie or Accept-Language), else in the text's; Swedish labels fall back to English "
            "(ESCO's Swedish labels are not in the reference data)."
        },
    )
    context = fields.String(
        load_default="ad",
        validate=validate.OneOf(RECOGNITION_CONTEXTS),
        metadata={
            "description": "Whose text it is: `ad` (default), a vacancy's text, whose named occupation is "
            "the job hired for and is set aside (its skills come from the title); `cv`, a CV or a "
            "coach's note, whose named occupation is the person's own experience: the answer's "
            '`work_history` then lists it ("Kokki lounasravintolassa 2010-2022.", "Kock på '
            'lunchrestaurang 2010-2022.", "Valmistunut lähihoitajaksi 2026."), for the coach to add as '
            "a work-history row of the profile. The skills (`items`) are the same either way",
            "example": "cv",
        },
    )


class InferredSkillSchema(ma.Schema):
    uri = fields.String(metadata={"description": "ESCO skill URI"})
    label = fields.String()
    evidence = fields.String(
        metadata={
            "description": 'Always "inferred": known only from the work history (as in a shortlist\'s '
            "`evidence`), not a claimed skill: not to be sent as the profile's `skills`",
            "example": "inferred",
        }
    )


class AlternativeOccupationSchema(ma.Schema):
    occupation_uri = fields.String(metadata={"description": "ESCO occupation URI"})
    label = fields.String(metadata={"description": "The occupation's label in the reader's language"})


class WorkHistoryRowSchema(ma.Schema):
    """A row of a profile's `work_history`, in exactly its shape (the profile service's
    `ExperienceSchema`): sent on as it is."""

    occupation_uri = fields.String(metadata={"description": "ESCO occupation URI"})
    years = fields.Float(
        metadata={
            "description": 'Years worked: whole for a span of years ("2010-2022": 12; "2018–nyt": to this '
            'year; "2019–2020, 2022–": added up), to a tenth from months ("3/2015–8/2019": 4.5) or a '
            'duration beside an end ("vuoteen 2015 asti, 5 vuotta"); at least 0.1',
            "example": 12,
        },
    )
    ended_year = fields.Integer(
        allow_none=True,
        metadata={
            "description": "The year the job ended, never after this year; null when it goes on "
            '("2018–nyt", "sedan 2019", or an end after this year: a fixed term still running)'
        },
    )


class NamedWorkSchema(ma.Schema):
    occupation_uri = fields.String(metadata={"description": "ESCO occupation URI"})
    label = fields.String(metadata={"description": "The occupation's label in the reader's language"})
    years = fields.Float(
        allow_none=True,
        metadata={
            "description": "As in `work_history`; null when the sentence gives none, or a span that "
            'cannot be a job held ("2027–" not begun, "2019–2015", over 60 years): ask the jobseeker',
            "example": 12,
        },
    )
    ended_year = fields.Integer(
        allow_none=True,
        metadata={
            "description": 'The year the job ended ("vuoteen 2015 asti": 2015, years unknown); null when '
            "it goes on (`ongoing`) or the sentence does not say"
        },
    )
    ongoing = fields.Boolean(
        metadata={"description": 'Whether the job runs to today ("2018–nyt", "since 2019", "2019–2027")'}
    )
    in_work_history = fields.Boolean(
        metadata={
            "description": "Whether the occupation is also a row of `work_history`: false when `missing` "
            "names what to ask, or when its years would take the rows over the profile's 60 years"
        }
    )
    left_out = fields.String(
        allow_none=True,
        validate=validate.OneOf(("career_over_60_years",)),
        metadata={
            "description": "Why a complete period is no row of `work_history`: `career_over_60_years` "
            "when its years would take the rows (in the text's order) over the profile's 60 years in all; "
            "null when it is a row or `missing` says what to ask",
            "example": None,
        },
    )
    missing = BoundedList(
        fields.String(validate=validate.OneOf(("years", "ended_year"))),
        metadata={
            "description": 'What the sentence does not say and a row needs: `years` ("Olen lähihoitaja.", '
            '"vuoteen 2015 asti"), `ended_year` (a duration alone, "kolme vuotta": ended or going on?)'
        },
    )
    source = fields.String(
        metadata={
            "description": "The CV lines it was named in, as written, one per line; a period's own line "
            'beside its title\'s ("Bussinkuljettaja\\n2015–2022 Koiviston Auto")'
        }
    )
    inferred_skills = BoundedList(
        fields.Nested(InferredSkillSchema),
        metadata={
            "description": "The occupation's most central essential skills (at most 5): what the index "
            "infers from such a work-history row (with all its other essential skills), shown to the "
            "coach as evidence kind `inferred`, never as claimed skills"
        },
    )
    alternatives = BoundedList(
        fields.Nested(AlternativeOccupationSchema),
        metadata={
            "description": "Other occupations the same title names as truly (a title several ESCO "
            'occupations share: "Kuljettaja 2015-2020." → a goods driver, with a bus, a courier and a '
            "taxi driver here): one job, so at most one of them is to be accepted into the profile's "
            "`work_history`, in place of `occupation_uri`, never beside it (a spell each would read as "
            "jobs held at once); empty when the title names one occupation. A line names one row per "
            'job it names ("Hitsaaja ja rekkakuski 2010–2015." two), and an occupation that is a row '
            "of its own is never another row's alternative",
            "example": [],
        },
    )


class RecognisedSchema(ma.Schema):
    uri = fields.String()
    label = fields.String()
    score = fields.Float(metadata={"description": "Rank score, 0-1 (1: named by an explicit rule)"})
    source = fields.String(
        metadata={
            "description": "The sentence (list item or line) of the given text the skill was recognised "
            'in, as written (at most 300 characters, cut with "…"); the text is the caller\'s own and '
            "is neither stored nor logged"
        }
    )
    essential = fields.Boolean(
        metadata={
            "description": 'false when the text offers the skill as a plus ("Trukkikortti katsotaan '
            'eduksi"; in a sentence that also requires something, the clause naming the skill decides: '
            '"Edellytämme hygieniapassia, anniskelupassi on eduksi"), true otherwise: send it with the uri '
            "in the vacancy's `skills: [{uri, essential}]` (the vacancy service requires it)"
        }
    )
    below_line = fields.Boolean(metadata=BELOW_LINE)


class SuggestedLanguageSchema(ma.Schema):
    code = fields.String(metadata={"description": "ISO 639 code (shortest form)", "example": "fi"})
    level = fields.String(
        allow_none=True,
        metadata={
            "description": "The CEFR level the text states (A1 … C2, native), null when it states none "
            "(choose one). Read from the words: a CEFR code as written; äidinkieli, natiivi, "
            "modersmål, native, mother tongue: native; erinomainen, utmärkt, excellent: C1; sujuva, "
            "flytande, fluent, hyvä, god, good: B2; tyydyttävä, nöjaktig, satisfactory: B1 (hyvä, "
            "tyydyttävä, erinomainen as on the Finnish state's scale, asetus 481/2003), also as adverbs "
            "after the name (hyvin, nöjaktigt, bra, well); vahva, stark, strong: B2; kohtuullinen, working "
            "knowledge: B1; perustaso, perusteet, auttava, grundläggande, "
            "basic: A2; alkeet, vähän, hieman, heikosti, lite, a little, poor: A1; a CEFR code also as "
            '"B1-tasolla". Two levels joined by "or" give the lower ("äidinkielenäsi tai erinomaisesti": '
            'C1). A level word belongs to the language it is written with ("venäjä äidinkielenä ja '
            'englanti sujuvasti", "talar finska nöjaktigt och engelska flytande"); a negated one says '
            'none ("non-native")',
            "example": "B2",
        },
    )
    label = fields.String(metadata={"description": "The language's name in the request's language"})
    alternatives = BoundedList(
        fields.String(),
        metadata={
            "description": "ISO 639 codes of the languages the text accepts instead of this one "
            '("Äidinkielesi on suomi tai ruotsi", "svenska eller finska", "Basic Finnish or English"): '
            "a choice is one entry, of the language named first, with the others here; `languages` "
            "holds every language as a hard requirement, so at most one of the choice is to be accepted "
            "there; empty when the text requires this language",
            "example": [],
        },
    )
    required = fields.Boolean(
        metadata={
            "description": 'false when the text counts the language only as a plus ("Finnish is a plus", '
            '"finska är en merit/fördel", "suomen kielen taito on plussaa", under "Eduksi katsotaan:"): '
            "no hard requirement, so not to be accepted into the vacancy's `languages` (a client must "
            "not pre-fill it there); the ESCO language skill, an optional one, may be accepted instead. "
            'A language the text says is not needed ("Suomen kielen taitoa ei vaadita", "Finska krävs '
            'inte", "Finnish is not required", "without Finnish") has no entry; one "not needed but a '
            'plus" comes with false',
            "example": True,
        }
    )


SUGGESTED_LANGUAGES = {
    "description": 'Languages the text states as requirements ("Edellytämme sujuvaa suomen kielen '
    'taitoa" → fi, B2) or as a plus (`required` false), only those it names ("Finnish hygiene '
    "passport\" names none), to accept into the vacancy's `languages` (its hard language requirements: "
    "PUT the vacancy on the vacancy service with the entry added) rather than, or beside, the ESCO "
    "language skill recognition suggests. A candidate's declared language meets such a skill "
    "either way (evidence kind `language` in shortlists)"
}


class RecognisedListSchema(ma.Schema):
    lang = fields.String(
        metadata={
            "description": "The language the text was read as (given, or detected for the whole text; "
            "its sentences in another language are then read in theirs)"
        }
    )
    items = BoundedList(fields.Nested(RecognisedSchema))
    languages = BoundedList(fields.Nested(SuggestedLanguageSchema), metadata=SUGGESTED_LANGUAGES)
    warning = fields.String(
        metadata={
            "description": "Present when no skill was recognised, or none with confidence (every "
            "score under 0.35): what to do instead; also when the text has more sentences than "
            "recognition reads (50: the requirement sections first), saying how many were not read; "
            "also when more skills were recognised with confidence than `top_k` lets through "
            "(`suggestions_left_out`)"
        }
    )
    work_history = BoundedList(
        fields.Nested(WorkHistoryRowSchema),
        metadata={
            "description": "Only with `context: cv`: rows for the profile's `work_history`, in exactly its "
            "shape (`occupation_uri`, `years`, `ended_year`), to be sent on as they are (`PUT "
            "/api/v1/profiles/{id}` takes them unedited): the occupations the text names as the person's own "
            "work with a period complete enough for a row, in the text's order, each once, their years "
            "adding up to at most 60. Labels, the sentence, what is missing and the inferred skills of every "
            "occupation named are in `named_work` (join by `occupation_uri`)"
        },
    )
    named_work = BoundedList(
        fields.Nested(NamedWorkSchema),
        metadata={
            "description": "Only with `context: cv`: every occupation the text names as the person's own "
            "work, in the text's order, for display (a sentence about studying for or wishing for an "
            'occupation names none: "Opiskelen leipuri-kondiittoriksi", "Haluan palata '
            'varhaiskasvatukseen"), one per job a line names (the occupations its title names as truly are its '
            "`alternatives`); each also in `work_history` when `in_work_history`"
        },
    )
    suggestions_left_out = fields.Integer(
        metadata={
            "description": "How many sentences of the text gave skills over the confidence line (0.35) "
            "of which none is returned (`top_k`); more skills of a sentence with one shown are not "
            "counted. When more pass the lines than are shown, rule-named ones are kept first, then "
            "those of requirement sentences, an intro's or benefits' last; 0 when no sentence was "
            "left out (else the `warning` says it too)"
        }
    )


class IndexVersionsQuerySchema(StrictSchema):
    candidate_ids = BoundedList(CandidateId(), required=True, validate=validate.Length(1, 10_000))


class IndexVersionsSchema(ma.Schema):
    candidates = fields.Integer(metadata={"description": "Candidates the index serves"})
    vacancies = fields.Integer(metadata={"description": "Vacancies (open and closed) it knows"})
    versions = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(allow_none=True),
        metadata={"description": "Candidate id → the version served (null: not served)"},
    )


class VacancySkillsArgs(StrictSchema):
    lang = fields.String(
        load_default="en",
        validate=validate.OneOf(LANGS),
        metadata={"description": "The labels' language: fi, sv or en (default en)"},
    )


class LabelledSkillSchema(ma.Schema):
    uri = fields.String()
    label = fields.String()


class ChosenSkillSchema(LabelledSkillSchema):
    essential = fields.Boolean(metadata={"description": "Marked essential by the employer"})


class VacancySkillsSchema(ma.Schema):
    vacancy_id = fields.String()
    version = fields.Integer(metadata={"description": "The vacancy version these skills are of"})
    text_read = fields.Boolean(
        metadata={
            "description": "Whether recognition has read this version's text yet (just after a "
            "change it has not: the suggestions follow within seconds)"
        }
    )
    chosen_skills = BoundedList(fields.Nested(ChosenSkillSchema))
    suggested_skills = BoundedList(
        fields.Nested(SuggestedSkillSchema),
        metadata={
            "description": "What matching recognised in the text with confidence (score at least "
            "0.35, the line of `POST /skills/recognise`) and ranks with: confirm one by adding it "
            "to the vacancy's skills, reject one with rejected_skills (rejecting never brings in "
            "guesses below the line)"
        },
    )
    rejected_skills = BoundedList(fields.Nested(LabelledSkillSchema))
    ranked_occupation = fields.Nested(RankedOccupationSchema, allow_none=True, metadata=RANKED_OCCUPATION)
    suggested_languages = BoundedList(
        fields.Nested(SuggestedLanguageSchema),
        metadata={
            "description": SUGGESTED_LANGUAGES["description"] + "; those the vacancy already requires "
            "at that level or higher are left out"
        },
    )
    occupation_skills = BoundedList(
        fields.Nested(ChosenSkillSchema),
        metadata={
            "description": "The occupation's ESCO skills the vacancy is ranked with beside the "
            "employer's own (`essential` says which), the employer's chosen skills left out: the "
            "named occupation's (essential ones at full weight, optional ones lower), or, for a "
            "vacancy of only a title and text whose occupation was read surely (`ranked_occupation` "
            "with `inferred` and `essential_skills` true), those of the occupation read from the "
            "title (a quarter of the weights; its essential skills are the entries' essential "
            "skills); empty otherwise"
        },
    )
    warning = fields.String(
        metadata={
            "description": "Present when the text was read and no skill in it reached the "
            "confidence line: no suggestion is ranked with; what to do instead (naming the job title "
            "when nothing was chosen and the title names no occupation: nothing to rank by); also "
            "when the description has more sentences than recognition reads (50: the requirement "
            "sections first), saying how many were not read; also when more skills were recognised "
            "with confidence than are suggested (`suggestions_left_out`)"
        }
    )
    suggestions_left_out = fields.Integer(
        metadata={
            "description": "How many sentences of the text gave skills over the confidence line (0.35) "
            "of which none is suggested (at most 10); more skills of a sentence with one shown are not "
            "counted. When more pass the lines than are shown, rule-named ones are kept first, then "
            "those of requirement sentences, an intro's or benefits' last; 0 when no sentence was "
            "left out (else the `warning` says it too)"
        }
    )
