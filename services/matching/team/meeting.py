"""The weekly recruitment-team meeting's content, computed from plain facts. Pure Python.

``build_meeting`` takes the region's vacancies (with their shortage flags), the top candidates of
each open shortage vacancy, the recruiters' outcomes and the content stored for the previous week's
meeting, and returns what the team goes through: the vacancies with their candidates and reasons,
what changed since last week, last week's proposals and outcomes with the open follow-ups, and the
skills the best candidates most often lack. The web layer gathers the facts and stores the result,
so a past week is shown exactly as the team saw it.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from services.matching.team.outcomes import Outcome, latest_per_candidate
from services.matching.team.paths import PathFollowUps, PathWatch, path_follow_ups
from services.matching.team.satisfaction import RatingFact, Satisfaction, satisfaction
from shared.languages import DEFAULT_LANGUAGE

SCHEMA_VERSION = 1
LEVEL_ORDER = {"severe_shortage": 0, "shortage": 1}


@dataclass(frozen=True, slots=True, order=True)
class IsoWeek:
    year: int
    week: int

    @classmethod
    def parse(cls, text: str) -> IsoWeek:
        """``2026-W48``; ValueError for anything else, a week the year does not have, or a year outside
        2000-2099 (the weeks before and after it must exist too: 9999-W52 has no next week)."""
        year, sep, week = text.partition("-W")
        if not (sep and len(year) == 4 and year.isdigit() and len(week) == 2 and week.isdigit()):
            raise ValueError(f"not an ISO week like 2026-W48: {text!r}")
        if not 2000 <= int(year) <= 2099:
            raise ValueError(f"ISO week outside 2000-2099: {text!r}")
        date.fromisocalendar(int(year), int(week), 1)
        return cls(int(year), int(week))

    @classmethod
    def of(cls, day: date) -> IsoWeek:
        iso = day.isocalendar()
        return cls(iso.year, iso.week)

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    def previous(self) -> IsoWeek:
        return IsoWeek.of(self.monday - timedelta(days=7))

    def next(self) -> IsoWeek:
        return IsoWeek.of(self.monday + timedelta(days=7))

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"


def satisfaction_weeks(week: IsoWeek, n: int = 6) -> list[str]:
    """The ``n`` weeks up to and including ``week``, oldest first (the meeting's satisfaction trend)."""
    weeks = [week]
    while len(weeks) < n:
        weeks.append(weeks[-1].previous())
    return [str(w) for w in reversed(weeks)]


# Meetings are stored with their labels in this language; pages relabel them for the viewer
# (services/matching/team/localise.py).
CONTENT_LANGUAGE = DEFAULT_LANGUAGE
ONLINE = "verkossa"  # ``CourseRef.place`` of an online course, as stored


def meeting_day(week: IsoWeek, today: date) -> date:
    """The day candidates are ranked for: today in the current week, else that week's Monday."""
    return today if IsoWeek.of(today) == week else week.monday


# -- the facts going in ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SkillRef:
    uri: str
    label: str


@dataclass(frozen=True, slots=True)
class CandidateFacts:
    """One ranked candidate (pseudonymous) and the reasons, as the engine gave them."""

    candidate_id: str
    rank: int
    score: float
    matched: tuple[SkillRef, ...]  # the vacancy's essential skills the candidate has
    missing: tuple[SkillRef, ...]  # the vacancy's essential skills the candidate lacks
    distance_km: float | None
    available_from: date
    essential: int = 0  # how many essential skills the vacancy asks for (0: matched + missing)
    match: float = 0.0  # the 0-100 match score
    inferred: tuple[SkillRef, ...] = ()  # of `matched`, those known only from work history
    sea_crossing: bool = False  # `distance_km` crosses the sea between Åland and the mainland (no road)

    @property
    def near_match(self) -> bool:
        """Lacks something, but at most a third of the essential skills: a short course away."""
        total = self.essential or len(self.matched) + len(self.missing)
        return 0 < len(self.missing) <= total / 3


@dataclass(frozen=True, slots=True)
class Pay:
    """A vacancy's salary as the employer stated it (outside tester 26, F9): euros ``minimum`` to
    ``maximum`` (either may be open) per ``period`` (``hour`` | ``month``), and/or "according to the
    collective agreement (TES)". Shown, never ranked on."""

    minimum: float | None = None
    maximum: float | None = None
    period: str | None = None
    collective_agreement: bool = False


@dataclass(frozen=True, slots=True)
class VacancyFacts:
    vacancy_id: str
    title: str
    employer_org: str
    occupation: str
    municipality: str
    openings: int
    application_deadline: date | None
    status: str  # open | closed
    close_reason: str | None = None
    shortage_level: str | None = None  # None: not a shortage role
    shortage_period: str | None = None
    shortage_source: str | None = None
    shortage_since: date | None = None  # the start of the list's period
    shortage_stale: bool = False  # the list is older than the configured limit
    occupation_uri: str = ""  # ESCO occupation: relabels ``occupation`` in the viewer's language
    # the employer named none: matching inferred it from the title and skills, confidently
    # (index ``MatchingHandlers.shortage_occupation``); the page, CSV and JSON say so
    occupation_inferred: bool = False
    # only a title and text, its occupation read surely: its essential skills are those of the
    # occupation read from the title (index ``query.inferred_profile``); the page says so
    essential_from_title: bool = False
    other_municipalities: tuple[str, ...] = ()  # further work sites' names (F9)
    work_mode: str = "on_site"  # on_site | hybrid | remote
    pay: Pay | None = None
    reopened_at: datetime | None = None  # when the employer last reopened it (F10); None: never
    # the grounds (``kernel.ad_limits.Ground`` values) its title or description limits applicants by:
    # age, sex, pregnancy, family plans (outside tester 35, F7: a phrase reading, for a person to judge)
    ad_limits: tuple[str, ...] = ()

    @property
    def is_shortage_role(self) -> bool:
        return self.status == "open" and self.shortage_level is not None


@dataclass(frozen=True, slots=True)
class MeetingFacts:
    region: str
    region_name: str
    week: IsoWeek
    today: date
    as_of: datetime  # outcomes recorded after this are not counted
    prepared_by: str
    vacancies: Sequence[VacancyFacts]  # every vacancy of the region matching knows of
    # every open shortage vacancy's eligible candidates, best first (up to ``count_cap`` of them)
    shortlists: Mapping[str, Sequence[CandidateFacts]]
    outcomes: Sequence[Outcome]
    previous: MeetingContent | None = None
    count_cap: int | None = None  # the shortlists were cut at this length
    paths: Sequence[PathWatch] = ()  # watch points of the region's open service paths
    paths_followed: int = 0  # the region's jobseekers with an open service path
    courses: Mapping[str, Sequence[CourseRef]] = field(default_factory=dict)  # skill URI → courses
    ratings: Sequence[RatingFact] = ()  # satisfaction ratings of the region, ``satisfaction_weeks``
    # ids of outcomes that hold for their partner agency only (``outcomes.holding_for``): shown as
    # that agency's, never as the candidate's status for the team
    agencies_own: frozenset[str] = frozenset()


# -- the content coming out ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class AgencyStatus:
    """A partner agency's own latest outcome with a candidate for a vacancy: about its own process,
    so it is not the candidate's status for the team (docs/architecture.md, "Outcomes")."""

    org: str
    status: str


@dataclass(frozen=True, slots=True)
class CandidateRow:
    rank: int
    candidate_id: str
    score: float
    matched: list[SkillRef]
    missing: list[SkillRef]
    distance_km: float | None
    available_from: date
    status: str | None  # the latest outcome for this vacancy that holds for the team, if any
    new_in_top: bool
    match: float = 0.0  # the 0-100 match score (0 in meetings stored before it existed)
    inferred: list[SkillRef] = field(default_factory=list)  # matched skills known only from work
    # history (not claimed): shown apart from the claimed ones
    agencies: list[AgencyStatus] = field(default_factory=list)  # partner agencies' own latest
    # outcomes, each naming its agency (before this field, ``status`` showed them as the team's)
    sea_crossing: bool = False  # `distance_km` crosses the sea between Åland and the mainland: no
    # road, no commute (outside tester 26, T26-12; False in meetings stored before it existed)

    @property
    def claimed(self) -> list[SkillRef]:
        """The matched essential skills the candidate claimed (or a coach's notes suggested)."""
        inferred = {s.uri for s in self.inferred}
        return [s for s in self.matched if s.uri not in inferred]


@dataclass(frozen=True, slots=True)
class VacancyRow:
    vacancy_id: str
    title: str
    employer_org: str
    occupation: str
    municipality: str
    openings: int
    application_deadline: date | None
    shortage_level: str
    shortage_period: str
    shortage_source: str
    candidate_count: int  # eligible candidates (at least ``count_cap``, when ``count_capped``)
    candidates: list[CandidateRow]  # the top ones
    new: bool
    qualified_count: int = 0  # eligible candidates who have every essential skill
    count_capped: bool = False
    shortage_since: date | None = None
    shortage_stale: bool = False  # the list that flags it is older than the configured limit
    occupation_uri: str = ""  # "" in meetings stored before labels were shown per language
    occupation_inferred: bool = False  # inferred from the title and skills (False in older meetings)
    # how many essential skills the vacancy asks for: 0 when it names none (a description-only
    # vacancy's recognised skills stay optional), so "fully qualified" means nothing; None in
    # meetings stored before it was kept (outside tester 12, N12)
    essential_count: int | None = None
    # its essential skills are those of the occupation read from the title (a vacancy of only a
    # title and text whose occupation was read surely; False in meetings stored before session 21)
    essential_from_title: bool = False
    # outside tester 26 (F9, F10); the defaults in meetings stored before
    other_municipalities: list[str] = field(default_factory=list)
    work_mode: str = "on_site"
    pay: Pay | None = None
    reopened: bool = False  # reopened by its employer since the previous meeting was stored
    # the grounds its ad text limits applicants by (``VacancyFacts.ad_limits``); [] in meetings stored before
    ad_limits: list[str] = field(default_factory=list)

    @property
    def names_essential_skills(self) -> bool:
        return self.essential_count != 0


@dataclass(frozen=True, slots=True)
class VacancyRef:
    vacancy_id: str
    title: str
    employer_org: str
    why: str = ""  # for vacancies gone since last week: filled, cancelled, expired, closed, ...


@dataclass(frozen=True, slots=True)
class NewCandidate:
    vacancy_id: str
    title: str
    candidate_id: str
    rank: int


@dataclass(frozen=True, slots=True)
class Changes:
    previous_week: str | None  # None: no earlier meeting to compare with
    new_vacancies: list[VacancyRef]
    new_candidates: list[NewCandidate]
    gone_vacancies: list[VacancyRef]


@dataclass(frozen=True, slots=True)
class Step:
    """One outcome of a last-week row dated in that week: its status and who recorded it. The
    ``proposed``/``hired`` tiles are counted from these per viewer (``access.visible_content``)."""

    status: str
    org: str


@dataclass(frozen=True, slots=True)
class OutcomeRow:
    vacancy_id: str
    vacancy_title: str
    candidate_id: str
    status: str
    reason: str | None
    comment: str
    occurred_on: date
    recorded_by_org: str
    history: list[str]  # statuses in order, e.g. ["proposed", "interviewed", "hired"]
    # the row's outcomes dated in last week, in order: what the proposed/hired tiles count, for each
    # viewer over the rows it may see (outside tester 26, F11); None in meetings stored before
    week_steps: list[Step] | None = None


@dataclass(frozen=True, slots=True)
class FollowUpRow:
    vacancy_id: str
    vacancy_title: str
    candidate_id: str
    action: str
    owner: str
    due: date | None
    overdue: bool
    status: str
    recorded_by_org: str = ""  # whose outcome carries it ("" in meetings stored before: shown to
    # the employment services' staff only, ``access.visible_content``)


@dataclass(frozen=True, slots=True)
class CourseRef:
    """A course of the training catalogue that teaches a missing skill (public data)."""

    provider: str
    course_id: str
    title: str  # in CONTENT_LANGUAGE (or the language the course has a title in)
    place: str  # municipality name (Finnish), or ONLINE
    apprenticeship: bool
    starts_on: date
    url: str = ""
    titles: dict[str, str] = field(default_factory=dict)  # language → title; {} in meetings stored before


@dataclass(frozen=True, slots=True)
class MissingSkill:
    uri: str
    label: str
    candidates: int  # near matches lacking it, over all vacancies
    vacancies: int  # vacancies where at least one near match lacks it
    courses: list[CourseRef] = field(default_factory=list)  # in the region or online, soonest first


@dataclass(frozen=True, slots=True)
class Totals:
    """The summary tiles. As stored, the team's totals (what the system operator sees);
    ``access.visible_content`` recounts every figure about candidates or organisations' work for
    each other viewer from what that viewer is shown. ``proposed_last_week``/``hired_last_week``:
    None when they cannot be counted for a viewer (a meeting stored before rows kept their
    ``week_steps``, whose team total would include what the viewer may not see)."""

    vacancies: int
    openings: int
    candidates_shown: int  # candidate rows (places on the vacancies' lists)
    proposed_last_week: int | None
    hired_last_week: int | None
    open_follow_ups: int
    path_attention: int = 0  # jobseekers about to fall off their service path
    people_shown: int = 0  # distinct candidates on the lists (0 in meetings stored before it)


@dataclass(frozen=True, slots=True)
class OrgSatisfaction:
    """The satisfaction figures of one rated organisation's ratings alone (the same weeks and
    suppression as the region's): what that organisation's own viewers are shown instead of the
    region's, whose figures less its own would give away another organisation's."""

    org: str
    figures: Satisfaction


@dataclass(frozen=True, slots=True)
class MeetingContent:
    region: str
    region_name: str
    week: str
    week_start: date
    week_end: date
    today: date
    as_of: datetime
    prepared_by: str
    totals: Totals
    vacancies: list[VacancyRow]
    changes: Changes
    last_week: list[OutcomeRow]
    follow_ups: list[FollowUpRow]
    missing_skills: list[MissingSkill]
    schema_version: int = SCHEMA_VERSION
    shortage_sources: list[str] = field(default_factory=list)
    paths: PathFollowUps | None = None  # None in meetings stored before paths were followed
    satisfaction: Satisfaction | None = None  # None in meetings stored before ratings were shown
    # per rated organisation, its own figures (outside tester 26, F11); None in meetings stored before
    satisfaction_by_org: list[OrgSatisfaction] | None = None
    stale_shortage_lists: list[str] = field(default_factory=list)  # e.g. "national 2022H2", oldest first
    rows_by_organisation: bool = False  # last week's rows built per organisation (outside tester 10,
    # L1): False in meetings stored before, whose row history may mix organisations' steps
    # (``access.visible_content`` shows a partner its rows' latest status only)

    def to_dict(self) -> dict[str, Any]:
        return _dump(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> MeetingContent:
        return _load(cls, data)


def build_meeting(
    facts: MeetingFacts, *, top_k: int = 5, gap_pool: int = 10, top_missing: int = 12
) -> MeetingContent:
    """The meeting's content. Each vacancy shows its ``top_k`` candidates. The missing skills are
    counted over, per vacancy, its ``gap_pool`` best-ranked near matches: candidates who lack some
    essential skills but at most a third of them, whom a short course or an apprenticeship would make
    a full match."""
    week = facts.week
    outcomes = [o for o in facts.outcomes if o.recorded_at <= facts.as_of]
    for_team = latest_per_candidate(o for o in outcomes if o.outcome_id not in facts.agencies_own)
    by_agency = _agencies_own(o for o in outcomes if o.outcome_id in facts.agencies_own)
    previous_top = {
        v.vacancy_id: {c.candidate_id for c in v.candidates}
        for v in (facts.previous.vacancies if facts.previous else [])
    }

    rows = []
    gaps: dict[str, list[CandidateFacts]] = {}
    for v in sorted((v for v in facts.vacancies if v.is_shortage_role), key=_vacancy_order):
        ranked = facts.shortlists.get(v.vacancy_id, ())
        top = ranked[:top_k]
        seen_before = previous_top.get(v.vacancy_id)
        candidates = [
            CandidateRow(
                c.rank,
                c.candidate_id,
                round(c.score, 6),
                list(c.matched),
                list(c.missing),
                None if c.distance_km is None else round(c.distance_km, 1),
                c.available_from,
                _status(for_team.get((v.vacancy_id, c.candidate_id))),
                seen_before is not None and c.candidate_id not in seen_before,
                round(c.match, 1),
                list(c.inferred),
                by_agency.get((v.vacancy_id, c.candidate_id), []),
                c.sea_crossing,
            )
            for c in top
        ]
        rows.append(
            VacancyRow(
                v.vacancy_id,
                v.title,
                v.employer_org,
                v.occupation,
                v.municipality,
                v.openings,
                v.application_deadline,
                v.shortage_level or "",
                v.shortage_period or "",
                v.shortage_source or "",
                len(ranked),
                candidates,
                new=facts.previous is not None and v.vacancy_id not in previous_top,
                qualified_count=sum(1 for c in ranked if not c.missing),
                count_capped=facts.count_cap is not None and len(ranked) >= facts.count_cap,
                shortage_since=v.shortage_since,
                shortage_stale=v.shortage_stale,
                occupation_uri=v.occupation_uri,
                occupation_inferred=v.occupation_inferred,
                essential_count=max((c.essential for c in ranked), default=None),
                essential_from_title=v.essential_from_title,
                other_municipalities=list(v.other_municipalities),
                work_mode=v.work_mode,
                pay=v.pay,
                reopened=v.reopened_at is not None
                and (facts.previous is None or v.reopened_at > facts.previous.as_of),
                ad_limits=list(v.ad_limits),
            )
        )
        gaps[v.vacancy_id] = [c for c in ranked if c.near_match][:gap_pool]

    last_week = _last_week(outcomes, week, facts.agencies_own)
    steps = [s for r in last_week for s in r.week_steps or ()]
    day = meeting_day(week, facts.today)
    follow_ups = _follow_ups(_open_follow_ups(outcomes, for_team, facts.agencies_own), day)
    paths = path_follow_ups(facts.paths, facts.paths_followed, day)
    rated_weeks, open_from = satisfaction_weeks(week), str(IsoWeek.of(facts.today))
    return MeetingContent(
        region=facts.region,
        region_name=facts.region_name,
        week=str(week),
        week_start=week.monday,
        week_end=week.sunday,
        today=facts.today,
        as_of=facts.as_of,
        prepared_by=facts.prepared_by,
        totals=Totals(
            vacancies=len(rows),
            openings=sum(r.openings for r in rows),
            candidates_shown=sum(len(r.candidates) for r in rows),
            proposed_last_week=sum(1 for s in steps if s.status == "proposed"),
            hired_last_week=sum(1 for s in steps if s.status == "hired"),
            open_follow_ups=len(follow_ups),
            path_attention=paths.needing_attention,
            people_shown=len({c.candidate_id for r in rows for c in r.candidates}),
        ),
        vacancies=rows,
        changes=_changes(facts, rows),
        last_week=last_week,
        follow_ups=follow_ups,
        missing_skills=_missing(gaps, top_missing, facts.courses),
        shortage_sources=sorted({r.shortage_source for r in rows if r.shortage_source}),
        paths=paths,
        satisfaction=satisfaction(facts.ratings, rated_weeks, open_from=open_from),
        satisfaction_by_org=[
            OrgSatisfaction(
                org,
                satisfaction(
                    [r for r in facts.ratings if r.rated_org == org], rated_weeks, open_from=open_from
                ),
            )
            for org in sorted({r.rated_org for r in facts.ratings})
        ],
        stale_shortage_lists=sorted({r.shortage_period for r in rows if r.shortage_stale}),
        rows_by_organisation=True,
    )


def _vacancy_order(v: VacancyFacts) -> tuple[int, date, str, str]:
    return (
        LEVEL_ORDER.get(v.shortage_level or "", 9),
        v.application_deadline or date.max,
        v.title,
        v.vacancy_id,
    )


def _agencies_own(outcomes: Iterable[Outcome]) -> dict[tuple[str, str], list[AgencyStatus]]:
    """(vacancy id, candidate id) → each partner agency's own latest outcome, by agency name."""
    latest: dict[tuple[str, str, str], Outcome] = {}
    for o in sorted(outcomes, key=lambda o: (o.occurred_on, o.recorded_at)):
        latest[(o.vacancy_id, o.candidate_id, o.recorded_by_org)] = o
    pairs: dict[tuple[str, str], list[AgencyStatus]] = {}
    for (vid, cid, org), o in sorted(latest.items()):
        pairs.setdefault((vid, cid), []).append(AgencyStatus(org, o.status.value))
    return pairs


def _status(o: Outcome | None) -> str | None:
    return o.status.value if o else None


def _changes(facts: MeetingFacts, rows: list[VacancyRow]) -> Changes:
    if facts.previous is None:
        return Changes(None, [], [], [])
    before = {v.vacancy_id: v for v in facts.previous.vacancies}
    now = {r.vacancy_id for r in rows}
    known = {v.vacancy_id: v for v in facts.vacancies}
    # a vacancy its employer reopened since: new to the list, said so (outside tester 26, F10)
    new_vacancies = [
        VacancyRef(r.vacancy_id, r.title, r.employer_org, "reopened" if r.reopened else "")
        for r in rows
        if r.new
    ]
    new_candidates = [
        NewCandidate(r.vacancy_id, r.title, c.candidate_id, c.rank)
        for r in rows
        if not r.new
        for c in r.candidates
        if c.new_in_top
    ]
    gone = []
    for vid, old in before.items():
        if vid in now:
            continue
        current = known.get(vid)
        if current is None:
            why = "removed"
        elif current.status != "open":
            why = current.close_reason or "closed"
        else:
            why = "no_longer_shortage"
        gone.append(VacancyRef(vid, old.title, old.employer_org, why))
    gone.sort(key=lambda v: (v.title, v.vacancy_id))
    return Changes(facts.previous.week, new_vacancies, new_candidates, gone)


def _last_week(
    outcomes: list[Outcome], week: IsoWeek, agencies_own: frozenset[str] = frozenset()
) -> list[OutcomeRow]:
    """Every candidate–vacancy pair with something recorded for last week, at its latest status.
    A partner agency's own outcomes (``agencies_own``: ids) make a row of that agency's, apart from
    the team's, so its steps are never mixed into another organisation's row. Its hire joins that
    row: a hire holds for everyone (so it is not in ``agencies_own``), but it ends the agency's own
    process, which it began with a proposal (``outcomes.agency_may_report_hire``); a row of its own
    showed the candidate twice, once at the step before (outside tester 35, F4)."""
    start, end = week.previous().monday, week.monday
    agencies = {(o.vacancy_id, o.recorded_by_org) for o in outcomes if o.outcome_id in agencies_own}
    pairs: dict[tuple[str, str, str], list[Outcome]] = {}
    for o in sorted(outcomes, key=lambda o: (o.occurred_on, o.recorded_at)):
        scope = o.recorded_by_org if (o.vacancy_id, o.recorded_by_org) in agencies else ""
        pairs.setdefault((o.vacancy_id, o.candidate_id, scope), []).append(o)
    rows = []
    for history in pairs.values():
        if not any(start <= o.occurred_on < end for o in history):
            continue
        last = history[-1]
        rows.append(
            OutcomeRow(
                last.vacancy_id,
                last.vacancy_title,
                last.candidate_id,
                last.status.value,
                last.reason.value if last.reason else None,
                last.comment,
                last.occurred_on,
                last.recorded_by_org,
                [o.status.value for o in history],
                [Step(o.status.value, o.recorded_by_org) for o in history if start <= o.occurred_on < end],
            )
        )
    return sorted(rows, key=lambda r: (r.vacancy_title, r.vacancy_id, r.candidate_id, r.recorded_by_org))


def _open_follow_ups(
    outcomes: Iterable[Outcome], for_team: Mapping[tuple[str, str], Outcome], agencies_own: frozenset[str]
) -> list[Outcome]:
    """The outcomes whose follow-up is still open: the team's latest of a pair, and each partner
    agency's own latest of a pair unless a later outcome of the team's replaces it (another agency's
    outcome is about that agency's process and closes nothing of this one's)."""
    own: dict[tuple[str, str, str], Outcome] = {}
    for o in sorted(outcomes, key=lambda o: (o.occurred_on, o.recorded_at)):
        if o.outcome_id in agencies_own:
            own[(o.vacancy_id, o.candidate_id, o.recorded_by_org)] = o
    found = list(for_team.values())
    for (vid, cid, _), o in own.items():
        team = for_team.get((vid, cid))
        if team is None or (team.occurred_on, team.recorded_at) < (o.occurred_on, o.recorded_at):
            found.append(o)
    return found


def _follow_ups(latest: Iterable[Outcome], day: date) -> list[FollowUpRow]:
    """Follow-ups still open, of ``latest`` (``_open_follow_ups``): a later outcome replaces one."""
    rows = [
        FollowUpRow(
            o.vacancy_id,
            o.vacancy_title,
            o.candidate_id,
            o.follow_up.action,
            o.follow_up.owner,
            o.follow_up.due,
            o.follow_up.due is not None and o.follow_up.due < day,
            o.status.value,
            o.recorded_by_org,
        )
        for o in latest
        if o.follow_up is not None
    ]
    return sorted(
        rows, key=lambda r: (r.due or date.max, r.owner, r.vacancy_title, r.candidate_id, r.recorded_by_org)
    )


def _missing(
    gaps: Mapping[str, list[CandidateFacts]], top: int, courses: Mapping[str, Sequence[CourseRef]]
) -> list[MissingSkill]:
    candidates: Counter[str] = Counter()
    vacancies: Counter[str] = Counter()
    labels: dict[str, str] = {}
    for pool in gaps.values():
        in_vacancy = set()
        for c in pool:
            for s in c.missing:
                candidates[s.uri] += 1
                labels[s.uri] = s.label
                in_vacancy.add(s.uri)
        vacancies.update(in_vacancy)
    ranked = sorted(candidates, key=lambda u: (-candidates[u], -vacancies[u], labels[u], u))
    return [
        MissingSkill(u, labels[u], candidates[u], vacancies[u], list(courses.get(u, ())))
        for u in ranked[:top]
    ]


# -- JSON round trip (the stored snapshot) --------------------------------------------------------------
def _dump(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _dump(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_dump(v) for v in value]
    if isinstance(value, date):  # datetime too
        return value.isoformat()
    return value


T = TypeVar("T")


def _load(cls: type[T], data: Any) -> T:
    hints = typing.get_type_hints(cls)
    kwargs = {
        f.name: _value(hints[f.name], data[f.name])
        for f in dataclasses.fields(cls)  # type: ignore[arg-type]
        if f.name in data
    }
    return cls(**kwargs)


def _value(hint: Any, raw: Any) -> Any:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return None if raw is None else _value(next(a for a in args if a is not type(None)), raw)
    if origin in (list, tuple):
        return [_value(args[0], v) for v in raw] if origin is list else tuple(_value(args[0], v) for v in raw)
    if hint is datetime:
        return datetime.fromisoformat(raw)
    if hint is date:
        return date.fromisoformat(raw)
    if dataclasses.is_dataclass(hint):
        return _load(hint, raw)  # type: ignore[arg-type]
    return raw
