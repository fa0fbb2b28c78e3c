"""The matching service's domain records: candidates, vacancies and shortlist entries.

Candidates are pseudonymous: an id, skills, work history, languages, region, availability and
consent. No names or contact details ever reach the matching engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .filters import FilterFailure

SKILL_LEVELS = ("basic", "intermediate", "advanced", "expert")
LANGUAGE_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2", "native")  # ordered; native >= C2
WORKING_TIMES = ("full_time", "part_time", "any")


class MatchingError(Exception):
    """Base class of the matching domain's errors."""


class InvalidRecordError(MatchingError, ValueError):
    """A candidate or vacancy carries a value outside its documented vocabulary."""


def language_rank(level: str) -> int:
    """1 for A1 … 7 for native; raises `InvalidRecordError` for anything else."""
    try:
        return LANGUAGE_LEVELS.index(level) + 1
    except ValueError:
        raise InvalidRecordError(f"unknown language level {level!r}") from None


@dataclass(frozen=True, slots=True)
class SkillClaim:
    """A skill on a jobseeker's profile. `suggested` marks skills proposed by the recogniser
    from a coach's notes that the jobseeker has not confirmed; a confirmed claim of the same
    skill always wins over a suggestion."""

    uri: str
    level: str = "intermediate"
    suggested: bool = False


@dataclass(frozen=True, slots=True)
class WorkExperience:
    occupation_uri: str
    years: float
    ended_year: int | None = None  # None = current job


@dataclass(frozen=True, slots=True)
class Candidate:
    candidate_id: str
    version: int
    skills: tuple[SkillClaim, ...]
    experience: tuple[WorkExperience, ...]
    languages: Mapping[
        str, str
    ]  # language code (ISO 639-1, else 639-3: shared.languages.CODE_FORM) -> level in LANGUAGE_LEVELS
    municipality: str  # Statistics Finland municipality code, e.g. "837" Tampere
    max_commute_km: float
    available_from: date
    working_time: str  # "full_time" | "part_time" | "any"
    consented_orgs: frozenset[str]
    hired: bool = False  # hired candidates are never shortlisted


@dataclass(frozen=True, slots=True)
class VacancySkill:
    """A skill on a vacancy. `suggested` skills come from `enrich_vacancy`: never essential,
    never overriding what the employer chose."""

    uri: str
    essential: bool
    suggested: bool = False
    # a suggestion's recogniser score (0-1) and the sentence of the vacancy's text it came from
    # (`RecognisedSkill`): for the employer to judge it; None on the employer's own skills
    score: float | None = None
    source: str | None = None
    # whether the ad offers a suggestion as a plus, decided on the clause naming it when its sentence
    # names both a requirement and a plus (`enrich_vacancy`, `skill_plus.parts`); None: the sentence
    # decides (`skill_plus.said_as_plus`), as for a suggestion kept from before this was kept
    plus: bool | None = None


@dataclass(frozen=True, slots=True)
class Vacancy:
    vacancy_id: str
    version: int
    employer_org: str
    title: str
    occupation_uri: str | None
    skills: tuple[VacancySkill, ...]
    languages: Mapping[str, str]  # required language code (ISO 639-1, else 639-3) -> minimum level
    municipality: str
    working_time: str  # "full_time" | "part_time" | "any"
    start_date: date | None
    status: str = "open"
    # further work sites (municipality codes) besides `municipality`: the commute is measured to the
    # nearest site; `remote`: done from anywhere, so the commute limits nobody (outside tester 26, F9)
    other_municipalities: tuple[str, ...] = ()
    remote: bool = False
    # the employer wrote a description (a non-blank text its suggestions are read from): a text read
    # surely as one occupation asks for that occupation's profile, the employer's skills added to it
    # (`query.inferred_profile`; outside tester 34, F1)
    described: bool = False

    @property
    def municipalities(self) -> tuple[str, ...]:
        """Every work site, `municipality` first."""
        return (self.municipality, *self.other_municipalities)


class RelatedCredit(NamedTuple):
    """Partial credit: the candidate lacks `vacancy_skill` but has the related `candidate_skill`.
    A named tuple, like `OccupationAgreement`: a shortlist builds a few hundred, and a frozen
    dataclass costs three times more to build (1.4 against 0.45 us; issue 11)."""

    vacancy_skill: str
    candidate_skill: str
    credit: float
    reason: str  # "related skill" | "broader or narrower skill" | "same skill group"


EVIDENCE_KINDS = ("claimed", "suggested", "inferred", "language")
"""Where a candidate's skill comes from: claimed by the jobseeker or coach (with a level);
suggested by the recogniser from a coach's notes and not confirmed (with a level); inferred from
an occupation in the work history (no level); an ESCO language skill ("speak Finnish") held
through a language the profile declares (`Candidate.languages`, with its CEFR level)."""


@dataclass(frozen=True, slots=True)
class SkillEvidence:
    """Why the index believes a candidate has a skill: `kind` in EVIDENCE_KINDS, `level` (one of
    SKILL_LEVELS) for claimed skills, the declared CEFR level (one of LANGUAGE_LEVELS) for kind
    "language", None for suggested (unconfirmed) and inferred ones; `language` the ISO 639 code
    declared, for kind "language" only."""

    kind: str
    level: str | None = None
    language: str | None = None


AGREEMENT_SOURCES = ("inferred", "work_history", "confirmed_skills", "essential_skills")
"""Where the occupation part's agreement comes from: the candidate's inferred occupations (the
posterior over ESCO occupations from skills and work history), one spell of their own work history
read directly (`RankingParams.history_agreement_scale`), or, for a vacancy without an occupation,
the essential skills its employer confirmed that the candidate holds (`RankingParams.
confirmed_agreement_power`), or the share of the vacancy's essential skills the candidate holds
times `RankingParams.overlap_agreement` (another occupation: skill overlap), whichever agrees most."""


class OccupationAgreement(NamedTuple):
    """The occupation agreement the score used (`occupation_match` = `occupation_weight` x
    `value`): `value` in [0, 1]; `source` in AGREEMENT_SOURCES; for "work_history" the spell's
    ESCO occupation URI (`occupation`) and its identity weight (`spell_weight`, `vectors.experience_weight`, in
    (0, 1]: 1 for a current job of at least two years), else None. A recent spell in the vacancy's
    occupation reads as agreement near 1 while that occupation's posterior probability in
    `ShortlistEntry.occupations` can be low (one spell's evidence is spread over ESCO's ~3,000
    occupations). `relation`, for "work_history": "narrower" when ESCO places the spell's
    occupation under the vacancy's (a specialisation of the same job: a building electrician on an
    electrician's ad), "broader" the converse, both close to the same occupation
    (`RankingParams.occupation_lineage_share`); else None. A named tuple: one is built per
    shortlist entry, and a frozen dataclass costs several times more to build."""

    value: float
    source: str
    occupation: str | None = None
    spell_weight: float | None = None
    relation: str | None = None


@dataclass(frozen=True, slots=True)
class ShortlistEntry:
    """Everything a recruiter sees about why a candidate is on the shortlist.

    `components` add up to `score` (the raw ranking score, to rounding). `match` is the 0-100
    match score (`match_score`: calibrated so that among candidates shown with match m, those of
    the vacancy's occupation, or of one asking for every skill it asks for, counted as 50 plus 50
    times the share of its essential skills they hold and the others as 0, average about m; the same meaning
    for vacancies given by an occupation, by skills, by a few skills or by text; it orders like
    `score`) and `points` splits it over the same components, adding up to `match` (each
    part's share of this candidate's raw score times the match: shares of one candidate's match,
    not comparable between candidates; `components` are, on the raw scale). `distance_km` is NaN when either municipality
    has no known coordinates (see `RankingParams.include_unknown_distance`). `sea_crossing`: the
    distance crosses the sea between Åland and the mainland (no road: not a commute; such a
    candidate passes no maximum commute and is listed only for a remote vacancy, or in an
    explanation naming the filter).
    `evidence` maps each matched or related skill URI to where it came from (`SkillEvidence`:
    claimed, suggested or inferred from work history). `occupations`: the candidate's inferred
    occupations (ESCO URI, probability), most likely first (the model's posterior, all of it);
    `occupation_support`, one per `occupations` item: (how many of the candidate's claimed skills,
    not a coach's unconfirmed suggestions, that occupation's ESCO profile lists, whether a spell of
    the candidate's work history is of it), what a recruiter is shown of them rests on
    (`explain.evidenced`; outside tester 38, M1: "hospital pharmacist 0.953" from two medication
    claims on a newly qualified practical nurse). `agreement`: the occupation agreement
    the score used and where it comes from (`OccupationAgreement`: the inferred occupations, or a
    work-history spell read directly, which can agree in full while the posterior is low); None
    when the vacancy gives no occupation to agree with. The components are the parts of
    `scoring.COMPONENTS` whose weight is positive (`scoring.shown_components`; a part of weight 0
    is not shown, since it adds nothing and would read as measured): by default
    "occupation_match" (inferred occupation, or own work history in the vacancy's occupation or
    its ISCO unit group, agrees with the vacancy's), "skill_similarity"
    (cosine over the vacancy's own skills) and "related_skills" (essential skills covered only
    through related skills, capped); "essential_coverage" and "experience_match" (worked in the
    vacancy's occupation) appear only with a positive weight (`RankingParams`).
    `missing_optional`: the vacancy's own skills that are not essential (the employer's optional
    ones, those recognised in its text) and that the candidate lacks; empty for a vacancy naming an
    occupation (its many optional ESCO skills are not listed; its essential ones are in
    `missing_essential`).
    `filters` is empty for shortlist entries; `MatchingEngine.explain` lists there the hard
    filters that the candidate fails (typed reason and words), so a recruiter can see why someone
    is not shortlisted.
    """

    rank: int
    candidate_id: str
    score: float
    components: Mapping[str, float]
    matched_essential: tuple[str, ...]
    matched_optional: tuple[str, ...]
    related: tuple[RelatedCredit, ...]
    missing_essential: tuple[str, ...]
    distance_km: float
    available_from: date
    evidence: Mapping[str, SkillEvidence] = field(default_factory=dict)
    filters: tuple[FilterFailure, ...] = ()
    match: float = 0.0
    points: Mapping[str, float] = field(default_factory=dict)
    occupations: tuple[tuple[str, float], ...] = ()
    missing_optional: tuple[str, ...] = ()
    agreement: OccupationAgreement | None = None
    sea_crossing: bool = False
    occupation_support: tuple[tuple[int, bool], ...] = ()


@dataclass(frozen=True, slots=True)
class RecognisedSkill:
    """An ESCO skill recognised in a text: ``score`` in [0, 1] (higher: surer); ``labels`` maps each
    language the label source knows (``taxonomy.LANGS``) to the skill's preferred label there, the
    source's fallback applied (no Swedish ESCO labels yet: English), so Swedish labels are a data change.
    ``source``: the sentence (or list item, or line) of the text it was recognised in, as the text
    writes it (stripped): the one scoring it highest, or the first whose rules name it; "" when unknown."""

    uri: str
    score: float
    labels: Mapping[str, str]
    source: str = ""

    def label(self, lang: str) -> str:
        """The label in ``lang`` (a ``taxonomy.LANGS`` code); the English one for another language."""
        return self.labels.get(lang) or self.labels["en"]
