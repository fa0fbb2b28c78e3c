"""The index's use cases: shortlists, explanations, skill recognition, and what the index knows of
vacancies and candidates.

This is the one interface through which anything outside the index (the index's own API, the
recruitment team's use cases in ``team/``) reads the index, so that who may see whom is decided here
once (``shared.entitlement.viewer``): a partner recruiter sees only candidates who consented to the
recruiter's organisation, an employment-services organisation those and the residents of the
regions it serves, the system operator everyone, in a shortlist, a region overview, an exclusion
count, an explanation, an outcome or a meeting alike. What the index needs from the team's records (who
was already hired or rejected for a vacancy, which vacancies are shortage roles) comes in through
``TeamRecords``, so the index never imports the team.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any, Literal, Protocol

from babel.dates import get_month_names

from services.kernel.calendar import local_day
from services.kernel.texts import N_
from services.matching.index.domain.cv_lines import (
    CV_LANGUAGES,
    NamedWork,
    named_work,
    speaks_of_leading,
)
from services.matching.index.domain.filters import (
    DEFAULT_AVAILABILITY_WINDOW_DAYS,
    HIDING,
    Exclusions,
    Scope,
    ViewerArg,
    ViewerScope,
    available_by,
)
from services.matching.index.domain.model import RecognisedSkill, ShortlistEntry
from services.matching.index.domain.query import ranked_occupation
from services.matching.index.domain.recognition import guess_language, offered_as_plus
from services.matching.index.domain.skill_plus import said_as_plus
from services.matching.index.events import VacancyRecord
from services.matching.index.state import MatchingState
from shared import entitlement
from shared.auth import Principal
from shared.entitlement import Viewer

__all__ = [
    "Availability",
    "MatchingHandlers",
    "NoTeamRecords",
    "RecognitionUnavailableError",
    "Shortlist",
    "ShortlistEntry",
    "TeamRecords",
    "VacancyRecord",
    "VacancyUnknownError",
    "viewer_of",
]


class VacancyUnknownError(LookupError):
    """Matching has not (yet) seen this vacancy on the vacancies topic."""


class RecognitionUnavailableError(RuntimeError):
    pass


class TeamRecords(Protocol):
    """What the index asks of the recruitment team's records (``team.handlers.TeamRecords``)."""

    def excluded(
        self, vacancy_id: str, viewer_org: str, speaks_for: Callable[[str], bool]
    ) -> Collection[str]:
        """Candidates not to propose again to the viewer for the vacancy (hired, or rejected by
        an organisation that speaks for the vacancy or by the viewer's own: ``team.outcomes``)."""
        ...

    def shortage_flag(self, region: str, occupation_uri: str | None) -> Mapping[str, Any] | None:
        """``{level, period, region, source, ...}`` when the occupation is a shortage role in the region."""
        ...


class NoTeamRecords:
    """No exclusions, no shortage lists (benchmarks, tests of the index alone)."""

    def excluded(
        self, vacancy_id: str, viewer_org: str, speaks_for: Callable[[str], bool]
    ) -> Collection[str]:
        return ()

    def shortage_flag(self, region: str, occupation_uri: str | None) -> Mapping[str, Any] | None:
        return None


OrgKind = Callable[[str], str | None]
OrgRegions = Callable[[str], Collection[str]]


@functools.cache
def month_words() -> dict[str, int]:
    """Month names a CV writes in fi, sv and en, lower case → 1–12, from CLDR through Babel: the
    wide names in their format and stand-alone forms ("maaliskuuta", "maaliskuu", "mars", "March")
    and the Swedish and English abbreviations without their dot ("aug", "Aug"); Finnish
    abbreviations ("kesä", also summer) are left out (`cv_periods.period_of` reads the Finnish
    names in any case)."""
    words: dict[str, int] = {}
    for lang in ("fi", "sv", "en"):
        widths: tuple[Literal["wide", "abbreviated"], ...] = (
            ("wide",) if lang == "fi" else ("wide", "abbreviated")
        )
        for width in widths:
            for context in ("format", "stand-alone"):  # ("maaliskuuta", "maaliskuu")
                for month, name in get_month_names(width, context, locale=lang).items():
                    words.setdefault(str(name).lower().rstrip("."), int(month))
    return words


def unregistered(_org: str) -> str | None:
    return None


def no_regions(_org: str) -> frozenset[str]:
    return frozenset()


def viewer_of(
    caller: Principal, org_kind: OrgKind = unregistered, org_regions: OrgRegions = no_regions
) -> Viewer:
    """Whom the caller may see (``shared.entitlement.viewer``, the one rule): every candidate for
    the system operator; for an employment-services organisation the residents of the regions it
    serves and the candidates who consented to it; for anyone else consenting candidates only."""
    return entitlement.viewer(caller.org, org_kind(caller.org), org_regions(caller.org))


@dataclass(frozen=True, slots=True)
class Shortlist:
    record: VacancyRecord
    entries: list[ShortlistEntry]
    generated_at: datetime
    consent_filtered_for: str | None
    # every indexed candidate, counted for the system operator only (who sees them all); None for
    # every other viewer, whom the national count does not concern (outside tester 26, T26-13)
    candidates_indexed: int | None
    exclusions: Exclusions | None = None  # what the hard filters removed (None: closed, or not counted)
    availability: Availability | None = None  # the availability rule applied (None: closed)
    offset: int = 0  # candidates skipped before the first entry (paging)
    more: bool = False  # another candidate follows the last entry
    k: int = 0  # page size asked for


@dataclass(frozen=True, slots=True)
class Availability:
    """The availability rule a shortlist applied: candidates available on or before `available_by`
    pass; `window_days` is the window used for a vacancy without a start date (None when the
    vacancy's start date decides)."""

    available_by: date
    window_days: int | None


INFERRED_SHOWN = 5
"""How many of a named occupation's essential skills `MatchingHandlers.work_named` shows, the most
central first (as a job title's suggestions: `recognition.TITLE_SKILLS`)."""


class MatchingHandlers:
    def __init__(
        self,
        state: MatchingState,
        records: TeamRecords | None = None,
        today: Callable[[], date] = lambda: local_day(datetime.now(UTC)),
        org_kind: OrgKind = unregistered,
        availability_window_days: int = DEFAULT_AVAILABILITY_WINDOW_DAYS,
        *,
        org_regions: OrgRegions = no_regions,
        home_regions: Mapping[str, str] | None = None,
    ) -> None:
        """``org_kind``, ``org_regions``: the registry's kind and served regions of an organisation
        (``Registry.kind``, ``Registry.regions``). ``home_regions``: municipality code → region id
        for every code a candidate's home may carry (current and abolished ones), so that an
        employment-services organisation sees the residents of the regions it serves (None: no
        region is known, so only consent counts)."""
        self.state = state
        self.records: TeamRecords = records or NoTeamRecords()
        self.today = today
        self.org_kind = org_kind
        self.org_regions = org_regions
        self.home_regions: Mapping[str, str] = home_regions or {}
        self.availability_window_days = availability_window_days
        self._scopes: dict[frozenset[str], frozenset[str]] = {}

    # -- who sees whom -----------------------------------------------------------------------------
    def viewer(self, caller: Principal) -> Viewer:
        """Whom the caller may see (``shared.entitlement.viewer``)."""
        return viewer_of(caller, self.org_kind, self.org_regions)

    def viewer_scope(self, caller: Principal) -> ViewerArg:
        """The caller's `viewer` as the index filters by it: None (everyone), the organisation id
        (consent only) or a `ViewerScope` with the municipalities of the regions it serves."""
        seen = self.viewer(caller)
        if seen.everyone:
            return None
        if not seen.regions:
            return seen.org
        homes = self._scopes.get(seen.regions)
        if homes is None:
            homes = frozenset(code for code, region in self.home_regions.items() if region in seen.regions)
            self._scopes[seen.regions] = homes
        return ViewerScope(seen.org, homes)

    def sees(self, seen: Viewer, candidate_id: str) -> bool:
        """Whether a viewer may see the indexed candidate (``Viewer.sees`` over the index's consent
        bits and home municipality); False when the candidate is not indexed."""
        if seen.everyone:
            return True
        consented = self.consents_to(candidate_id, seen.org)
        if consented is None:
            return False
        if consented:
            return True
        home = self.home(candidate_id) if seen.regions else None
        return home is not None and seen.sees((), self.home_regions.get(home[0]))

    # -- what the index knows ----------------------------------------------------------------------
    def vacancy(self, vacancy_id: str) -> VacancyRecord:
        """The vacancy as matching last saw it; raises `VacancyUnknownError`."""
        record = self.state.vacancy(vacancy_id)
        if record is None:
            raise VacancyUnknownError(vacancy_id)
        return record

    def vacancies(self) -> list[VacancyRecord]:
        return self.state.vacancies()

    def has_candidate(self, candidate_id: str) -> bool:
        """Whether the candidate is indexed (published and not withdrawn)."""
        return candidate_id in self.state.engine

    def home(self, candidate_id: str) -> tuple[str, float] | None:
        """The candidate's home municipality code ("" when unknown) and maximum commute in km; None
        when not indexed. Pseudonymous: no more than a shortlist entry's distance reveals."""
        return self.state.engine.home(candidate_id)

    def shortage_occupation(self, record: VacancyRecord) -> tuple[str | None, bool]:
        """The occupation a vacancy counts as for the shortage lists, and whether it was inferred:
        the employer's, else the one inferred from its job title and skills when confidently so
        (`query.RankedOccupation.confident`: probability at least `query.INFERRED_CONFIDENT`);
        (None, False) otherwise. Outside tester 7, H13: a vacancy posted without an occupation never
        counted as a shortage role, so it never reached the weekly meeting, and nobody was told."""
        if record.vacancy.occupation_uri:
            return record.vacancy.occupation_uri, False
        if record.query is None or (found := ranked_occupation(record.query.query)) is None:
            return None, False
        if not found.confident:
            return None, False
        return self.state.engine.taxonomy.occupation_uris[found.occupation], True

    def shortage_flag(self, record: VacancyRecord) -> Mapping[str, Any] | None:
        """The vacancy's shortage flag (`TeamRecords.shortage_flag`) for `shortage_occupation`, with
        ``occupation_inferred: true`` when the occupation was inferred; None when not a shortage role."""
        uri, inferred = self.shortage_occupation(record)
        flag = self.records.shortage_flag(record.region, uri)
        return {**flag, "occupation_inferred": True} if flag is not None and inferred else flag

    def consents_to(self, candidate_id: str, org: str) -> bool | None:
        """Whether the indexed candidate consented to `org` (the candidates topic's
        ``consented_orgs``, which include the jobseeker's own organisation); None when the
        candidate is not indexed."""
        return self.state.engine.consents_to(candidate_id, org)

    # -- shortlists and explanations ---------------------------------------------------------------
    def shortlist(
        self,
        caller: Principal,
        vacancy_id: str,
        k: int,
        *,
        day: date | None = None,
        exclude: Collection[str] | None = None,
        count_exclusions: bool = True,
        available_within_days: int | None = None,
        offset: int = 0,
        exclusion_scope: Scope = Scope.REACH,
        whole_team: bool = False,
    ) -> Shortlist:
        """The k best candidates `caller` may see for the vacancy (none when it is closed), and
        how many candidates `caller` may see each hard filter removed (`Exclusions`: who the
        caller may see decides who is counted, so counts never reveal a candidate the caller may
        not see).

        `day`: the day availability is judged on (default today). `exclude`: candidates not to
        propose (default: those the team's records say were hired or rejected for the vacancy).
        `available_within_days`: the availability window for a vacancy without a start date
        (default: the service's setting). `offset`: paging, the candidates to skip (entries keep
        their real ranks). `exclusion_scope`: which candidates the counts cover (`Scope`: within
        commuting reach by default, or the whole country). `whole_team`: rank every candidate,
        whoever `caller` is (the weekly meeting's stored content, which each viewer is then shown
        filtered: ``team.access.visible_content``; never answered to a caller as it is). Raises
        `VacancyUnknownError`."""
        record = self.vacancy(vacancy_id)
        viewer = None if whole_team else self.viewer_scope(caller)
        filtered_for = None if viewer is None else caller.org
        indexed = len(self.state.engine) if viewer is None else None
        if not record.is_open:
            return Shortlist(record, [], datetime.now(UTC), filtered_for, indexed, offset=offset, k=k)
        today = day or self.today()
        window = self._window(available_within_days)
        ranked = self.state.engine.rank(
            record.query or record.vacancy,
            k=k,
            offset=offset,
            viewer_org=viewer,
            today=today,
            exclude=frozenset(self._settled(record, caller) if exclude is None else exclude),
            available_within_days=window,
            count_exclusions=count_exclusions,
            exclusion_scope=exclusion_scope,
        )
        availability = Availability(
            available_by(record.vacancy, today, window),
            None if record.vacancy.start_date is not None else window,
        )
        return Shortlist(
            record,
            ranked.entries,
            datetime.now(UTC),
            filtered_for,
            indexed,
            ranked.exclusions,
            availability,
            offset=offset,
            more=ranked.more,
            k=k,
        )

    def _settled(self, record: VacancyRecord, caller: Principal) -> Collection[str]:
        """The team's records' exclusions for the caller on this vacancy (``TeamRecords.excluded``)."""
        employer = record.vacancy.employer_org

        def speaks_for(org: str) -> bool:
            return entitlement.speaks_for_vacancy(org, self.org_kind(org), employer)

        return self.records.excluded(record.vacancy_id, caller.org, speaks_for)

    def _window(self, days: int | None) -> int:
        return self.availability_window_days if days is None else days

    def explain(
        self,
        caller: Principal,
        vacancy_id: str,
        candidate_id: str,
        *,
        available_within_days: int | None = None,
        with_rank: bool = False,
    ) -> ShortlistEntry | None:
        """One candidate's score and reasons for the vacancy, with the hard filters they fail.

        None when the candidate is unknown to the index, and likewise when `caller` may not see
        them (the same filters decide as for a shortlist): a recruiter cannot tell a candidate
        who did not consent to the recruiter's organisation from one who does not exist.
        `with_rank`: `rank` is the candidate's real rank on the caller's shortlist (the same
        consent, team exclusions and availability window), 0 when they would not be listed (and
        always for a closed vacancy, whose shortlist is empty).
        Raises `VacancyUnknownError`."""
        record = self.vacancy(vacancy_id)
        entry = self.state.engine.explain(
            record.query or record.vacancy,
            candidate_id,
            today=self.today(),
            viewer_org=self.viewer_scope(caller),
            available_within_days=self._window(available_within_days),
        )
        if entry is None or any(f.reason in HIDING for f in entry.filters):
            return None
        if with_rank and not record.is_open:
            # a closed vacancy has no shortlist, so nobody has a rank on it (outside tester 16, P4)
            entry = replace(entry, rank=0)
        elif with_rank:
            rank = self.state.engine.rank_of(
                record.query or record.vacancy,
                candidate_id,
                today=self.today(),
                viewer_org=self.viewer_scope(caller),
                exclude=frozenset(self._settled(record, caller)),
                available_within_days=self._window(available_within_days),
            )
            entry = replace(entry, rank=rank or 0)
        return entry

    def text_language(self, text: str) -> str:
        """The language of `text` ("fi", "sv" or "en"): the recogniser's detector when it is loaded,
        else `recognition.guess_language`."""
        recognizer = self.state.recognizer
        return recognizer.language(text) if recognizer is not None else guess_language(text)

    def recognise(self, text: str, top_k: int, lang: str | None = None) -> tuple[str, list[RecognisedSkill]]:
        """(the language the text was read as, its skills best first); `lang` is detected when None."""
        recognizer = self.state.recognizer
        if recognizer is None:
            raise RecognitionUnavailableError(N_("skill recognition is not loaded"))
        # (a language not given is also read sentence by sentence: mixed ads, outside tester 15, P12)
        return lang or recognizer.language(text), recognizer.recognise(text, top_k=top_k, lang=lang)

    def work_named(
        self, parts: Sequence[str], lang: str | None = None, k: int = INFERRED_SHOWN
    ) -> list[tuple[NamedWork, tuple[str, ...]]]:
        """The occupations the sentences `parts` of a CV or coach's note name as the person's own work
        (`cv_lines.named_work`: "Kokki lounasravintolassa 2010-2022."; each sentence read in `lang`,
        or in its own language when None, by the recogniser's `occupations_in` and any ESCO label,
        `cv_lines.CvTitles`: "Warehouse worker 2014-2021.", "kassamyyjänä"), each with up to `k` URIs of its most central essential
        skills: those the index infers from such a work-history row (evidence kind "inferred")."""
        recognizer = self.state.recognizer
        if recognizer is None:
            raise RecognitionUnavailableError(N_("skill recognition is not loaded"))
        titles = recognizer.cv_titles()  # (any ESCO label and glossary title, fi/sv/en; built at load)

        def occupations(s: str) -> Sequence[Sequence[str]]:
            # a line's own language first, then the others: a short line's is a guess (tester 39, P4)
            langs = (lang,) if lang else (recognizer.language(s), *CV_LANGUAGES)
            return titles.read(s, langs, recognizer.occupations_in)

        found = named_work(
            parts, occupations, self.today(), months=month_words(), lemmatise=recognizer.tools.lemmatise
        )
        return [(w, recognizer.central_skills((w.uri,), k)) for w in found]

    def beside_own_work(
        self, found: Sequence[RecognisedSkill], work: Sequence[tuple[NamedWork, tuple[str, ...]]]
    ) -> list[RecognisedSkill]:
        """`found` (`recognise`'s, of a CV or a coach's note) without the skills of leading,
        recruiting or supervising the workers of the occupations the text names as the person's own
        (`work`, `work_named`'s, alternatives too: `SkillRecognizer.leading_skills`) that a sentence
        with no word of leading gave: "Linja-autonkuljettaja, … 2019–" is a bus driver's own job,
        not *recruit bus drivers* (an ad's reading; outside tester 39, P7), while an HR person's
        "Rekrytoin linja-autonkuljettajia" still gives it (`cv_lines.speaks_of_leading`)."""
        recognizer = self.state.recognizer
        if recognizer is None or not work:
            return list(found)
        leading = recognizer.leading_skills({u for w, _ in work for u in (w.uri, *w.alternatives)})
        return [s for s in found if s.uri not in leading or speaks_of_leading(s.source)]

    def essential_of(
        self, found: Sequence[RecognisedSkill], top_k: int, lang: str | None = None, text: str | None = None
    ) -> dict[str, bool]:
        """URI → whether the text asks for the skill (True) or offers it as a plus (False), for each
        of `found` (`recognise`'s): decided on the clause naming it when its sentence names both
        ("Edellytämme hygieniapassia, anniskelupassi on eduksi": `recognition.offered_as_plus`), else
        on its sentence (`skill_plus.said_as_plus`); with `text` (what was recognised), an item of a
        list under a plus heading is a plus ("Eduksi katsotaan:\n- trukkikortti": outside tester 19,
        P1). Outside tester 16, P3: a plus became a requirement."""
        recognizer = self.state.recognizer
        if recognizer is None:
            raise RecognitionUnavailableError(N_("skill recognition is not loaded"))
        plus = offered_as_plus(found, recognizer, lang=lang, occupations=(), top_k=top_k, text=text)
        return {r.uri: not plus.get(r.uri, said_as_plus(r.source)) for r in found}
