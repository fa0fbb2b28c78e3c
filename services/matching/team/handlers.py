"""Use cases of the joint recruitment team: shortage lists, outcomes and the weekly meeting.

Each loads, applies a rule from ``shortages``, ``outcomes`` or ``meeting``, saves and publishes in one
transaction. No Flask here: the HTTP edge (``team.api``, ``web``) and the CLI call these.

``TeamRecords`` needs only the database (the CLI uses it alone; the index reads exclusions and
shortage flags through it). ``TeamHandlers`` also reads the index, only through the index's use
cases (``index.handlers.MatchingHandlers``), so a meeting's shortlists obey the same consent rule
as any other.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import uuid
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy.exc import IntegrityError

from services.kernel.calendar import local_day
from services.kernel.shortages import ShortageBook, ShortageFlag
from services.kernel.texts import N_
from services.matching.index.handlers import (
    MatchingHandlers,
    ShortlistEntry,
    VacancyRecord,
    VacancyUnknownError,
)
from services.matching.team import access, events
from services.matching.team.meeting import (
    CONTENT_LANGUAGE,
    ONLINE,
    SCHEMA_VERSION,
    CandidateFacts,
    CourseRef,
    IsoWeek,
    MeetingContent,
    MeetingFacts,
    Pay,
    SkillRef,
    VacancyFacts,
    build_meeting,
    meeting_day,
    satisfaction_weeks,
)
from services.matching.team.outcomes import (
    FollowUp,
    InvalidOutcomeError,
    Outcome,
    Reason,
    Status,
    agency_may_report_hire,
    allowed_after_close,
    holding_for,
    settled_candidates,
)
from services.matching.team.ratings_feed import RatingFigures
from services.matching.team.replacing import Replacement, changes, refuse_unconfirmed
from services.matching.team.repository import StoredMeeting, UnitOfWork
from services.matching.team.shortages import (
    NATIONAL,
    GroupNames,
    IscoTables,
    OccupationCatalogue,
    PeriodRules,
    ShortageList,
    dropped_warnings,
    effect_notices,
    parse_period,
    read_shortage_file,
)
from shared.auth import Principal, Role
from shared.entitlement import STAFF_KINDS, Viewer, acts_everywhere, speaks_for_vacancy
from shared.geography import Geography
from shared.languages import UI_LANGUAGES
from shared.office_areas import OfficeAreas

if TYPE_CHECKING:
    from services.matching.team.training_handlers import TrainingHandlers

__all__ = [
    "PREPARE_ROLES",
    "PREPARE_WEEKS_AHEAD",
    "CandidateUnknownError",
    "ImportResult",
    "MeetingLockedError",
    "MeetingNotPreparedError",
    "MeetingTooFarAheadError",
    "MeetingWeekEndedError",
    "OutcomeConflictError",
    "OutcomeInput",
    "Places",
    "RegionNotServedError",
    "RegionUnknownError",
    "ShortageListUnknownError",
    "TeamHandlers",
    "TeamRecords",
    "VacancyClosedError",
    "VacancyUnknownError",
]

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


class CandidateUnknownError(LookupError):
    """The candidate is not in the matching index (never published, or withdrawn)."""


class OutcomeConflictError(RuntimeError):
    """A partner agency reported a hire for a candidate it never proposed for the vacancy
    (``outcomes.agency_may_report_hire``)."""


class VacancyClosedError(RuntimeError):
    """A proposal, contact or interview recorded for a vacancy the employer has closed
    (``outcomes.allowed_after_close``); ``close_reason`` is the employer's (``filled``, ...)."""

    def __init__(self, vacancy_id: str, close_reason: str | None) -> None:
        super().__init__(vacancy_id)
        self.close_reason = close_reason


class RegionUnknownError(LookupError):
    pass


class RegionNotServedError(PermissionError):
    """The caller's organisation does not serve the region (``shared.entitlement.may_act_for_region``);
    ``region`` is the region id."""

    def __init__(self, region: str) -> None:
        super().__init__(region)
        self.region = region


#: Who prepares a region's weekly meeting (``prepare``, or by opening the current or a coming week).
PREPARE_ROLES = (Role.TEAM_MEMBER, Role.COACH, Role.OPERATOR)
#: How many weeks ahead a meeting may be prepared: its content is what the index holds now.
PREPARE_WEEKS_AHEAD = 4


class MeetingPreparerError(PermissionError):
    """The caller's organisation serves the region but is not one of its public employment services
    (nor the system operator): a partner agency or an education provider reads the region's meeting
    but does not prepare it (outside tester 26, T26-5). ``region`` is the region id."""

    def __init__(self, region: str) -> None:
        super().__init__(region)
        self.region = region


class MeetingTooFarAheadError(RuntimeError):
    """A meeting more than ``PREPARE_WEEKS_AHEAD`` weeks ahead."""


class MeetingNotPreparedError(LookupError):
    """A week's meeting is not stored and the caller may not prepare it: a past week (it cannot be
    reconstructed afterwards), or a coming one for someone outside ``PREPARE_ROLES`` or too far ahead."""


class MeetingLockedError(RuntimeError):
    """A past week's stored meeting is what the team saw; it is never replaced."""


class MeetingWeekEndedError(RuntimeError):
    """A week that has ended and was never prepared: its content would be today's index shown as what
    the team saw, and the next week's "changes" would compare with it (outside tester 22, R2)."""


class Labels(Protocol):
    @property
    def occupation_uris(self) -> Sequence[str]: ...

    def skill_label(self, uri: str, lang: str = "en") -> str: ...

    def occupation_label(self, uri: str, lang: str = "en") -> str: ...


class Taxonomy(OccupationCatalogue, Labels, Protocol):
    @property
    def tables(self) -> IscoTables: ...


#: The language the reference data names every region and municipality in
BASE_LANGUAGE = "fi"


def _names_by_language(items: list[Any], key: Callable[[Any], str]) -> dict[str, dict[str, str]]:
    """lang → key → ``name_<lang>`` for each UI language the items have a ``name_<lang>`` for."""
    return {
        lang: {key(item): getattr(item, f"name_{lang}") for item in items}
        for lang in UI_LANGUAGES
        if items and hasattr(items[0], f"name_{lang}")
    }


@dataclass(frozen=True, slots=True)
class Places:
    """Region ids and municipality codes → names in each language the reference data has
    (``region_names[lang]``, ``municipality_names[lang]``: Finnish always, Swedish from Statistics
    Finland's classification), and how region text (an id, a Finnish or Swedish name, a maakunta
    code, in any case) becomes a region id. A language the data has no names in (English: not in
    ``data/geo`` yet) shows the Finnish names, as Statistics Finland's own English pages do; adding
    English names is a data change (a ``name_en`` on ``shared.geography``'s regions/municipalities)."""

    region_names: Mapping[str, Mapping[str, str]]  # lang → region id → name; "fi" required
    municipality_names: Mapping[str, Mapping[str, str]]  # lang → municipality code → name; "fi" required
    resolve: Callable[[str], str] | None = None  # region text → id; ValueError naming the known ids
    # an office area's name → (region id, line warning) or None; ValueError for an area no region's
    areas: Callable[[str], tuple[str, str] | None] | None = None

    @classmethod
    def of(cls, geography: Geography, areas: OfficeAreas | None = None) -> Places:
        """From ``shared.reference.geography()``: all 19 regions and 308 municipalities, named in
        every language of ``shared.languages.UI_LANGUAGES`` the data has a ``name_<lang>`` for; with
        ``areas`` (``shared.reference.office_areas()``), a shortage file's TE office, ELY centre and
        employment area names are read too (``shared.office_areas``)."""
        regions, towns = list(geography.regions.values()), list(geography.municipalities.values())

        def area(text: str) -> tuple[str, str] | None:
            found = areas.read(text) if areas is not None else None
            return (found.region, found.warning) if found is not None else None

        return cls(
            _names_by_language(regions, lambda r: r.id),
            _names_by_language(towns, lambda m: m.code),
            lambda text: geography.region(text).id,
            area if areas is not None else None,
        )

    @property
    def regions(self) -> Mapping[str, str]:
        """Region id → Finnish name (every known region)."""
        return self.region_names[BASE_LANGUAGE]

    @property
    def municipalities(self) -> Mapping[str, str]:
        """Municipality code → Finnish name (every known municipality)."""
        return self.municipality_names[BASE_LANGUAGE]

    def region_name(self, region_id: str, lang: str) -> str:
        """The region's name in ``lang``, else in Finnish; the id itself when unknown."""
        return self.region_names.get(lang, {}).get(region_id) or self.regions.get(region_id, region_id)

    def municipality_name(self, code: str, lang: str) -> str:
        """The municipality's name in ``lang``, else in Finnish; the code itself when unknown."""
        return self.municipality_names.get(lang, {}).get(code) or self.municipalities.get(code, code)

    def translate_municipality(self, name_fi: str, lang: str) -> str:
        """A municipality's Finnish name (as stored in a meeting) in ``lang``; other text unchanged."""
        if lang == BASE_LANGUAGE or lang not in self.municipality_names:
            return name_fi
        code = next((c for c, n in self.municipalities.items() if n == name_fi), None)
        return self.municipality_name(code, lang) if code else name_fi

    def region_id(self, text: str) -> str:
        """The region id for ``text``; ``RegionUnknownError`` (its message names the known ids) if none."""
        if self.resolve is not None:
            try:
                return self.resolve(text)
            except ValueError as exc:
                raise RegionUnknownError(str(exc)) from None
        if text in self.regions:
            return text
        raise RegionUnknownError(
            N_("Unknown region %(value)s. Known regions: %(known)s.")
            % {"value": repr(text), "known": ", ".join(sorted(self.regions))}
        )


@dataclass(frozen=True, slots=True)
class ImportResult:
    import_id: str
    source: str
    lists: list[ShortageList]
    notices: list[str] = field(default_factory=list)  # e.g. a list that does not apply: a later one exists
    # occupations the import took out of shortage, by region: their vacancies leave the meeting
    warnings: list[str] = field(default_factory=list)
    # line → why it was skipped: an ISCO-08 group without ESCO occupations, a note below the table
    skipped: dict[int, list[str]] = field(default_factory=dict)
    read_as: str = ""  # how the file was read (dialect, or the workbook's sheet: ``Table.described``)
    # per list in the file (its ``key``): occupations added, with another level, removed from the stored list
    changes: tuple[Replacement, ...] = ()
    dry_run: bool = False  # nothing was stored, recorded or published (``import_id`` names no import)


#: The history's ``reason`` of a replacement whose removal the operator confirmed (kept as written).
CONFIRMED_REMOVAL = "removal confirmed: %(removed)d of %(stored)d stored rows not in the file"


def list_changes(stored: ShortageList | None, uploaded: ShortageList) -> Replacement:
    """What ``uploaded`` does to the ``stored`` list of its (region, period) (None: there is none),
    by the occupation each row rates (an ESCO URI or ISCO code) and its level."""
    before = {e.occupation: e.level.value for e in stored.entries} if stored else {}
    return changes(uploaded.key, before, {e.occupation: e.level.value for e in uploaded.entries})


class ShortageListUnknownError(LookupError):
    """No stored shortage list for that region and period."""


@dataclass(frozen=True, slots=True)
class OutcomeInput:
    candidate_id: str
    status: Status
    reason: Reason | None = None
    comment: str = ""
    follow_up: FollowUp | None = None
    occurred_on: date | None = None
    missing_skills: tuple[str, ...] | None = None  # with not_hired for lack of skills


def _now() -> datetime:
    return datetime.now(UTC)


class TeamRecords:
    """The team's records that need no index: shortage lists and what outcomes settle."""

    def __init__(
        self,
        uow_factory: Callable[[], UnitOfWork],
        taxonomy: Taxonomy,
        places: Places,
        *,
        clock: Clock = _now,
        period_rules: PeriodRules | None = None,
        acts_for: Callable[[str, str, str], bool] = acts_everywhere,
    ) -> None:
        """``acts_for(role, org, region)``: whether a caller may change a region's shortage lists and
        prepare its meetings (the registry's ``Registry.acts_for``; the default, for in-process tools
        such as the team CLI and unit tests, allows every region)."""
        self.uow_factory = uow_factory
        self.taxonomy = taxonomy
        self.places = places
        self.clock = clock
        self.period_rules = period_rules or PeriodRules()
        self.acts_for = acts_for
        self._group_names: GroupNames | None = None

    @property
    def group_names(self) -> GroupNames:
        """ISCO-08 groups' names (English) and their ESCO occupations' Finnish and English preferred
        labels, built on first use (about 0.3 s), to check a name written beside a code."""
        if self._group_names is None:
            self._group_names = GroupNames.of(self.taxonomy.tables)
        return self._group_names

    def serves(self, caller: Principal, region: str) -> bool:
        """Whether the caller's organisation acts for ``region`` (a region id or ``national``)."""
        return self.acts_for(caller.role.value, caller.org, region)

    # -- shortage lists ----------------------------------------------------------------------------
    def import_shortages(
        self,
        data: bytes | str,
        source: str,
        caller: Principal,
        filename: str = "",
        *,
        dry_run: bool = False,
        confirm_removal: bool = False,
    ) -> ImportResult:
        """Validate the whole file (CSV in any common dialect, or .xlsx; the project's columns or the
        Labour Force Barometer's), then replace each (region, period) list in it, record the change
        in the history and publish the list. Every list must be for a region the caller's
        organisation serves (``national`` ones: the system operator): otherwise ``ShortageCsvError``
        naming each of its lines, and nothing is imported.

        A list that would remove more than half of the stored list's rows for its (region, period),
        and at least 10 (``replacing.removal_needs_confirming``), raises ``RemovalNotConfirmedError``
        unless ``confirm_removal`` (outside tester 34, F13); a confirmed one is recorded in the
        history with the count. ``dry_run``: the same checks and answer (notices, warnings and
        ``changes``), nothing stored, recorded or published, no confirmation needed."""
        raw = data.encode("utf-8") if isinstance(data, str) else data
        import_id, now = str(uuid.uuid4()), self.clock()
        resolve = self.places.resolve or self.places.regions
        read = read_shortage_file(
            raw,
            self.taxonomy,
            resolve,
            source,
            filename=filename,
            today=local_day(now),
            rules=self.period_rules,
            serves=lambda region: self.serves(caller, region),
            names=self.group_names,
            areas=self.places.areas,
        )
        lists = read.lists
        today = local_day(now)
        # Lists for a period to come take effect on its first day: their effect is judged then too
        # (outside tester 25, F1/F3: a list imported ahead of its month, or a second part of one,
        # replaced what was stored for that day with no warning).
        ahead = sorted({item.period.start for item in lists if item.period.start > today})
        with self.uow_factory() as uow:
            before = uow.shortages.book(on=today)
            before_ahead = {day: uow.shortages.book(on=day) for day in ahead}
            stored = {x.key: x for x in before.lists()}
            replacements = tuple(list_changes(stored.get(item.key), item) for item in lists)
            if not dry_run:
                refuse_unconfirmed(replacements, confirm_removal)
            for item, change in zip(lists, replacements, strict=True):
                replaced = uow.shortages.replace(item, import_id, caller.subject, now)
                uow.shortages.record(
                    "replaced" if replaced else "imported",
                    item.region,
                    str(item.period),
                    caller,
                    now,
                    import_id=import_id,
                    source=source,
                    rows=len(item.entries),
                    reason=CONFIRMED_REMOVAL % {"removed": len(change.removed), "stored": change.stored}
                    if change.needs_confirming
                    else None,
                )
                payload = {**item.to_payload(), "import_id": import_id, "imported_at": now.isoformat()}
                uow.publish(events.SHORTAGE_LIST_IMPORTED, item.key, payload)
            book = uow.shortages.book(on=today)
            after_ahead = {day: uow.shortages.book(on=day) for day in ahead}
            if not dry_run:
                uow.commit()
        notices = effect_notices(before, book, lists)
        warnings = dropped_warnings(before, book, lists, self._occupation_label)
        for day in ahead:
            starting = [item for item in lists if item.period.start == day]
            warnings += dropped_warnings(
                before_ahead[day], after_ahead[day], starting, self._occupation_label, starting=day
            )
        for warning in warnings if not dry_run else ():
            log.warning(
                "shortage roles dropped by an import", extra={"import_id": import_id, "warning": warning}
            )
        for item in lists:
            if self.period_rules.age(item.period, local_day(now))["stale"]:
                notices.append(  # in the request's language at the edge (outside tester 27, T27-4)
                    N_("%(list)s: started more than %(months)s months ago; its flags are shown as stale.")
                    % {"list": f"{item.region} {item.period}", "months": self.period_rules.stale_after_months}
                )
        log.info(
            "shortage lists checked (dry run)" if dry_run else "shortage lists imported",
            extra={"import_id": import_id, "lists": len(lists)},
        )
        return ImportResult(
            import_id,
            source,
            lists,
            notices,
            warnings,
            read.warnings,
            read.read_as,
            changes=replacements,
            dry_run=dry_run,
        )

    def _occupation_label(self, uri: str) -> str:
        try:
            return self.taxonomy.occupation_label(uri, "en")
        except KeyError:
            return uri

    def withdraw_shortages(self, region: str, period: str, caller: Principal, reason: str) -> None:
        """Remove one stored list (e.g. imported with a mistyped period), record who did it and why,
        and publish a tombstone for its key so the vacancy service drops it too. Raises
        ``RegionNotServedError`` when the caller's organisation does not serve the region."""
        region_id = region.lower() if region.lower() == NATIONAL else self.places.region_id(region)
        if not self.serves(caller, region_id):
            raise RegionNotServedError(region_id)
        try:
            label = str(parse_period(period))
        except ValueError:
            label = period  # a list stored before periods were validated keeps its text
        now = self.clock()
        with self.uow_factory() as uow:
            if not uow.shortages.delete(region_id, label):
                raise ShortageListUnknownError(f"{region_id}|{label}")
            uow.shortages.record("withdrawn", region_id, label, caller, now, reason=reason)
            uow.publish_tombstone(events.SHORTAGE_LIST_IMPORTED.topic, f"{region_id}|{label}")
            uow.commit()
        log.info("shortage list withdrawn", extra={"key": f"{region_id}|{label}"})

    def shortage_book(self) -> ShortageBook[ShortageList]:
        """Every stored list, as in force today (the clock's date; later periods are pending)."""
        with self.uow_factory() as uow:
            return uow.shortages.book(on=local_day(self.clock()))

    def shortage_listing(self) -> list[dict[str, Any]]:
        """Every stored list with its period, import time, age, staleness and whether it applies."""
        today = local_day(self.clock())
        with self.uow_factory() as uow:
            items = uow.shortages.listing()
            book = uow.shortages.book(on=today)
        applying = {x.key for x in book.lists() if book.applies(x)}
        deciding = {x.key: book.decided_by(x) for x in book.lists()}
        for item in items:
            try:
                item.update(self.period_rules.age(parse_period(item["period"]), today))
            except ValueError:
                item.update(period_start=None, period_end=None, age_days=None, stale=True)
            item["applies"] = f"{item['region']}|{item['period']}" in applying
            item["pending"] = item["period_start"] is not None and item["period_start"] > today.isoformat()
            item["decides"] = deciding.get(f"{item['region']}|{item['period']}", 0)
        return items

    def shortage_history(self, limit: int = 200) -> list[dict[str, Any]]:
        with self.uow_factory() as uow:
            return uow.shortages.history(limit)

    def flag_dict(self, flag: ShortageFlag | None) -> dict[str, Any] | None:
        """A vacancy's shortage flag as the API shows it, with the list's age and staleness today."""
        return (
            {**flag.to_dict(), **self.period_rules.age(flag.period, local_day(self.clock()))}
            if flag
            else None
        )

    def shortage_flag(self, region: str, occupation_uri: str | None) -> dict[str, Any] | None:
        """The shortage flag of an occupation in a region as the API shows it (`flag_dict`), or None."""
        return self.flag_dict(self.shortage_book().flag(region, occupation_uri))

    # -- outcomes ----------------------------------------------------------------------------------
    def excluded(
        self, vacancy_id: str, viewer_org: str, speaks_for: Callable[[str], bool]
    ) -> Collection[str]:
        """Candidates not to propose again to the viewer for the vacancy: hired, or rejected as the
        outcomes hold for the viewer (``outcomes.settled_candidates``)."""
        with self.uow_factory() as uow:
            return settled_candidates(uow.outcomes.for_vacancy(vacancy_id), viewer_org, speaks_for)


class TeamHandlers:
    """The team's use cases that also read the index (outcomes, the weekly meeting), with the
    database-only ones in `records`."""

    def __init__(
        self,
        records: TeamRecords,
        index: MatchingHandlers,
        *,
        top_k: int = 5,
        count_cap: int = 200,
        training: TrainingHandlers | None = None,
        late_prepare: bool = False,
    ) -> None:
        """``late_prepare`` (the demo's ``KOHTAANTO_MEETING_LATE_PREPARE``): a week that has ended and
        was never prepared may be prepared once, afterwards; off, ``prepare`` refuses it."""
        self.records = records
        self.index = index
        self.uow_factory = records.uow_factory
        self.taxonomy = records.taxonomy
        self.places = records.places
        self.clock = records.clock
        self.top_k = top_k
        self.count_cap = count_cap
        self.training = training
        self.late_prepare = late_prepare

    def vacancy_flag(self, record: VacancyRecord, book: ShortageBook[ShortageList]) -> dict[str, Any] | None:
        """The vacancy's shortage flag as the API shows it (`TeamRecords.flag_dict`) for the
        occupation it counts as (`MatchingHandlers.shortage_occupation`: the employer's, or one
        confidently inferred from its title and skills, then marked ``occupation_inferred``)."""
        uri, inferred = self.index.shortage_occupation(record)
        flag = self.records.flag_dict(book.flag(record.region, uri))
        return {**flag, "occupation_inferred": True} if flag is not None and inferred else flag

    # -- outcomes ----------------------------------------------------------------------------------
    def consents(self, candidate_id: str, org: str) -> bool | None:
        """Whether the indexed candidate consented to ``org`` (None: not in the index)."""
        return self.index.consents_to(candidate_id, org)

    def org_kind(self, org: str) -> str | None:
        """The registry's kind of an organisation (``shared.entitlement``), as the index knows it."""
        return self.index.org_kind(org)

    def record_outcome(self, caller: Principal, vacancy_id: str, data: OutcomeInput) -> Outcome:
        """Record an outcome, if the caller is entitled (``shared.entitlement.may_record_outcome``);
        a caller who is not gets ``CandidateUnknownError``, the answer for an unknown candidate.
        Raises `VacancyUnknownError`."""
        record = self.index.vacancy(vacancy_id)
        if not access.entitled_to_record(
            caller.role.value,
            caller.org,
            self.org_kind(caller.org),
            data.candidate_id,
            record.vacancy.employer_org,
            self.consents,
        ):
            raise CandidateUnknownError(data.candidate_id)
        lacks_skills = data.status is Status.NOT_HIRED and data.reason is Reason.SKILLS
        if data.missing_skills and not lacks_skills:
            raise InvalidOutcomeError(
                {"missing_skills": [N_("Given only when the candidate was not hired for lack of skills.")]}
            )
        missing: tuple[str, ...] = ()
        if lacks_skills:
            explained = self.index.explain(caller, vacancy_id, data.candidate_id)
            missing = data.missing_skills or (explained.missing_essential if explained else ())
        outcome = Outcome.record(
            outcome_id=str(uuid.uuid4()),
            vacancy_id=vacancy_id,
            candidate_id=data.candidate_id,
            status=data.status,
            reason=data.reason,
            comment=data.comment,
            follow_up=data.follow_up,
            occurred_on=data.occurred_on,
            recorded_by=caller.subject,
            recorded_by_org=caller.org,
            now=self.clock(),
            region=record.region,
            vacancy_title=record.vacancy.title,
        )
        if not record.is_open and not allowed_after_close(
            outcome.status, outcome.occurred_on, local_day(record.updated_at)
        ):
            raise VacancyClosedError(vacancy_id, record.close_reason)
        with self.uow_factory() as uow:
            # read in the transaction that records: the agency's own earlier outcomes on the pair
            if data.status is Status.HIRED and caller.role is Role.RECRUITER:
                pair = [
                    o for o in uow.outcomes.for_vacancy(vacancy_id) if o.candidate_id == data.candidate_id
                ]
                if not agency_may_report_hire(pair, caller.org):
                    raise OutcomeConflictError(data.candidate_id)
            uow.outcomes.add(outcome)
            # The recorder's role travels with the event: the profile service re-checks a `hired`.
            payload = {
                **outcome.event_payload(),
                "employer_org": record.vacancy.employer_org,
                "recorded_by_role": caller.role.value,
                "recorded_by": caller.subject,
            }
            uow.publish(events.OUTCOME_RECORDED, outcome.candidate_id, payload)
            # the owner's audit lists the write (outside tester 36, H8), in the outcome's transaction
            granted = events.access_payload(
                outcome.candidate_id,
                (caller.subject, caller.org, caller.role.value),
                events.OUTCOME_ROUTE,
                201,
                vacancy_id,
                outcome.recorded_at,
            )
            uow.publish(events.ACCESS_GRANTED, outcome.candidate_id, granted)
            if self.training is not None and missing:
                self.training.after_outcome(
                    uow,
                    outcome.candidate_id,
                    vacancy_id,
                    record.region,
                    record.vacancy.title,
                    missing,
                    outcome.occurred_on,
                )
            uow.commit()
        return outcome

    def outcomes(self, vacancy_id: str, caller: Principal | None = None) -> list[Outcome]:
        """The vacancy's outcomes, oldest first; with ``caller``, only those the caller may read
        (``access.visible_outcomes``)."""
        with self.uow_factory() as uow:
            found = uow.outcomes.for_vacancy(vacancy_id)
        if not found:
            self.index.vacancy(vacancy_id)  # raises VacancyUnknownError
        if caller is None:
            return found
        return access.visible_outcomes(found, *self._viewing(caller))

    def visible_meeting(self, content: dict[str, Any], caller: Principal) -> dict[str, Any]:
        """A stored meeting's content without the candidates the caller may not see."""
        return access.visible_content(content, *self._viewing(caller))

    def _viewing(self, caller: Principal) -> tuple[Viewer, str | None, access.Sees]:
        """(whom the caller may see, its organisation's kind, whether it may see a candidate):
        ``shared.entitlement.viewer`` over the index (``MatchingHandlers.sees``)."""
        seen = self.index.viewer(caller)
        return seen, self.org_kind(caller.org), lambda candidate_id: self.index.sees(seen, candidate_id)

    # -- the weekly meeting ------------------------------------------------------------------------
    def meeting(self, region: str, week: IsoWeek, caller: Principal) -> StoredMeeting:
        """The stored meeting; the current or a coming week (``PREPARE_WEEKS_AHEAD``) is prepared on
        first view by someone who may prepare it (``PREPARE_ROLES``). ``region`` may be any spelling
        ``Places.region_id`` accepts; the stored meeting carries the id. Raises
        ``MeetingNotPreparedError`` for a week not stored that the caller may not prepare (an outside
        tester froze weeks up to 2099 as a recruiter, just by opening them). Only the region's own
        team reads it (``may_view``): raises ``RegionNotServedError`` for a caller whose organisation
        does not serve the region (outside tester 14, P11: another city's employment services and
        another region's agency read Pirkanmaa's meeting)."""
        region = self.places.region_id(region)
        if not self.may_view(caller, region):
            raise RegionNotServedError(region)
        with self.uow_factory() as uow:
            stored = uow.meetings.get(region, str(week))
        if stored is not None:
            return stored
        current = IsoWeek.of(local_day(self.clock()))
        if week < current or not self.may_prepare(caller, region) or self._too_far(week, current):
            raise MeetingNotPreparedError(f"{region} {week}")
        return self.prepare(region, week, caller)

    def may_view(self, caller: Principal, region: str) -> bool:
        """Whether the caller reads ``region``'s meetings (page, JSON, CSV, XLSX): an organisation
        serving the region (its employment services, its partner agencies, within what each may
        see: ``visible_meeting``) or the system operator; the same area as preparing
        (``TeamRecords.serves``), whatever the role."""
        return self.records.serves(caller, region)

    def may_prepare(self, caller: Principal, region: str) -> bool:
        """Whether the caller prepares ``region``'s meetings: a role in ``PREPARE_ROLES`` of the
        region's own public employment services (an ``employment_services`` organisation serving
        the region) or of the system operator (``shared.entitlement.STAFF_KINDS``). A partner
        agency or an education provider serving the region reads the meeting but does not prepare
        it (outside tester 26, T26-5)."""
        return (
            caller.role in PREPARE_ROLES
            and self.records.serves(caller, region)
            and self.org_kind(caller.org) in STAFF_KINDS
        )

    @staticmethod
    def _too_far(week: IsoWeek, current: IsoWeek) -> bool:
        return week.monday > current.monday + timedelta(weeks=PREPARE_WEEKS_AHEAD)

    def prepare(self, region: str, week: IsoWeek, caller: Principal) -> StoredMeeting:
        """Compute and store the meeting's content. The current and future weeks may be prepared
        again (the new content replaces the old); a week that has ended never: raises
        ``MeetingLockedError`` when it was prepared (it stays as the team saw it) and
        ``MeetingWeekEndedError`` when it was not (today's index is not what the team saw then).
        Only the region's public employment services and the operator prepare it: raises
        ``RegionNotServedError`` when the caller's organisation does not serve the region
        (``TeamRecords.serves``) and ``MeetingPreparerError`` when it serves it as a partner agency
        or an education provider (``may_prepare``). The content does not depend on who prepares
        it: every candidate is ranked (``whole_team``), and each viewer is shown its part at read
        time (``visible_meeting``; outside tester 26, T26-5: a partner's or a school's preparation
        narrowed or emptied everyone's lists)."""
        region = self.places.region_id(region)
        region_name = self.places.regions[region]
        if not self.records.serves(caller, region):
            raise RegionNotServedError(region)
        if self.org_kind(caller.org) not in STAFF_KINDS:
            raise MeetingPreparerError(region)
        now = self.clock()
        if self._too_far(week, IsoWeek.of(local_day(now))):
            raise MeetingTooFarAheadError(f"{region} {week}")
        with self.uow_factory() as uow:
            past = week < IsoWeek.of(local_day(now))
            if past and uow.meetings.get(region, str(week)) is not None:
                raise MeetingLockedError(f"{region} {week}")
            if past and not self.late_prepare:
                raise MeetingWeekEndedError(f"{region} {week}")
            previous = uow.meetings.get(region, str(week.previous()))
            records = [r for r in self.index.vacancies() if r.region == region]
            # the lists in force on the day the week is ranked for (a later week: its Monday)
            book = uow.shortages.book(on=meeting_day(week, local_day(now)))
            outcomes = uow.outcomes.for_region(region, [r.vacancy_id for r in records])
            paths, followed = uow.paths.open_in(region)
            rated = RatingFigures(uow.conn).in_region(region, satisfaction_weeks(week))
        facts = self._facts(region, region_name, week, now, caller, records, book, outcomes, previous)
        near = {vid: [c for c in ranked if c.near_match] for vid, ranked in facts.shortlists.items()}
        courses = self._courses(region, {s.uri for pool in near.values() for c in pool for s in c.missing})
        facts = dataclasses.replace(
            facts, paths=paths, paths_followed=followed, courses=courses, ratings=rated
        )
        content = build_meeting(facts, top_k=self.top_k)
        stored = StoredMeeting(
            region, str(week), SCHEMA_VERSION, content.to_dict(), now, caller.subject, caller.org
        )
        titles = {r.vacancy_id: r.vacancy.title for r in records}
        with self.uow_factory() as uow:
            if past:  # prepared once: three team members clicking at once made three (outside tester 6, G13)
                try:
                    uow.meetings.put(stored, replace=False)
                except IntegrityError:
                    raise MeetingLockedError(f"{region} {week}") from None
            else:
                try:
                    uow.meetings.put(stored)
                except IntegrityError:  # clicked at once: the other's, prepared from the same index, stays
                    return self._stored_meeting(region, week) or stored
            if self.training is not None and not past:
                self.training.after_meeting(
                    uow,
                    region,
                    {
                        vid: (
                            titles.get(vid, ""),
                            [(c.candidate_id, [s.uri for s in c.missing]) for c in pool],
                        )
                        for vid, pool in near.items()
                    },
                )
            uow.commit()
        return stored

    def _stored_meeting(self, region: str, week: IsoWeek) -> StoredMeeting | None:
        with self.uow_factory() as uow:
            return uow.meetings.get(region, str(week))

    def _courses(self, region: str, skills: set[str]) -> dict[str, list[CourseRef]]:
        if self.training is None or not skills:
            return {}
        today = local_day(self.clock())
        out: dict[str, list[CourseRef]] = {}
        for skill, found in self.training.teaching(sorted(skills), region).items():
            out[skill] = [
                CourseRef(
                    c.provider,
                    c.course_id,
                    c.title(CONTENT_LANGUAGE),
                    ONLINE
                    if c.online or c.municipality is None
                    else self.places.municipalities.get(c.municipality, c.municipality),
                    c.apprenticeship,
                    c.next_start(today) or today,
                    c.url,
                    c.titles(),
                )
                for c in found
            ]
        return out

    def meeting_weeks(self, region: str) -> list[str]:
        with self.uow_factory() as uow:
            return uow.meetings.weeks(self.places.region_id(region))

    def _facts(
        self,
        region: str,
        region_name: str,
        week: IsoWeek,
        now: datetime,
        caller: Principal,
        records: list[VacancyRecord],
        book: ShortageBook[ShortageList],
        outcomes: list[Outcome],
        previous: StoredMeeting | None,
    ) -> MeetingFacts:
        day = meeting_day(week, local_day(now))
        by_vacancy: dict[str, list[Outcome]] = {}
        for o in outcomes:
            by_vacancy.setdefault(o.vacancy_id, []).append(o)
        vacancies: list[VacancyFacts] = []
        shortlists: dict[str, list[CandidateFacts]] = {}
        for record in records:
            uri, inferred = self.index.shortage_occupation(record)
            facts = self._vacancy_facts(record, book.flag(region, uri), uri, inferred)
            vacancies.append(facts)
            if not facts.is_shortage_role:
                continue
            shortlist = self.index.shortlist(
                caller,
                record.vacancy_id,
                self.count_cap,
                whole_team=True,
                day=day,
                exclude=settled_candidates(
                    by_vacancy.get(record.vacancy_id, ()), None, self._speaks_for(record.vacancy.employer_org)
                ),
                count_exclusions=False,
            )
            shortlists[record.vacancy_id] = [
                self._candidate(e, i < self.top_k) for i, e in enumerate(shortlist.entries)
            ]
        prior = MeetingContent.from_dict(previous.content) if previous is not None else None
        employer = {r.vacancy_id: r.vacancy.employer_org for r in records}
        agencies_own = frozenset(
            o.outcome_id
            for o in outcomes
            if not holding_for([o], None, self._speaks_for(employer.get(o.vacancy_id, "")))
        )
        return MeetingFacts(
            region,
            region_name,
            week,
            local_day(now),
            now,
            caller.subject,
            vacancies,
            shortlists,
            outcomes,
            prior,
            count_cap=self.count_cap,
            agencies_own=agencies_own,
        )

    def _speaks_for(self, employer_org: str) -> Callable[[str], bool]:
        """Whether an organisation's outcomes speak for a vacancy of this employer (``team.outcomes``)."""
        return lambda org: speaks_for_vacancy(org, self.org_kind(org), employer_org)

    def _vacancy_facts(
        self, record: VacancyRecord, flag: ShortageFlag | None, uri: str | None, inferred: bool
    ) -> VacancyFacts:
        """`uri`, `inferred`: the occupation the vacancy counts as (`MatchingHandlers.shortage_occupation`)."""
        v = record.vacancy
        occupation = self.taxonomy.occupation_label(uri, CONTENT_LANGUAGE) if uri else ""
        return VacancyFacts(
            v.vacancy_id,
            v.title,
            v.employer_org,
            occupation,
            self.places.municipalities.get(v.municipality, v.municipality),
            record.openings,
            record.application_deadline,
            "open" if record.is_open else "closed",
            record.close_reason,
            flag.level.value if flag else None,
            str(flag.period) if flag else None,
            flag.source if flag else None,
            shortage_since=flag.period.start if flag else None,
            shortage_stale=bool(
                flag and self.records.period_rules.age(flag.period, local_day(self.clock()))["stale"]
            ),
            occupation_uri=uri or "",
            occupation_inferred=inferred,
            essential_from_title=record.query is not None and record.query.query.profile >= 0,
            other_municipalities=tuple(
                self.places.municipalities.get(code, code) for code in v.other_municipalities
            ),
            work_mode=record.work_mode,
            pay=None
            if record.salary is None
            else Pay(
                record.salary.minimum,
                record.salary.maximum,
                record.salary.period,
                record.salary.collective_agreement,
            ),
            reopened_at=record.reopened_at,
            ad_limits=record.ad_limits,
        )

    def _candidate(self, e: ShortlistEntry, shown: bool) -> CandidateFacts:
        """The entry with skill labels; what it matched is labelled only for the candidates shown."""

        def ref(uri: str) -> SkillRef:
            return SkillRef(uri, self.taxonomy.skill_label(uri, CONTENT_LANGUAGE))

        return CandidateFacts(
            e.candidate_id,
            e.rank,
            e.score,
            tuple(ref(u) for u in e.matched_essential) if shown else (),
            tuple(ref(u) for u in e.missing_essential),
            None if math.isnan(e.distance_km) else e.distance_km,
            e.available_from,
            essential=len(e.matched_essential) + len(e.missing_essential),
            match=e.match,
            inferred=tuple(ref(u) for u in e.matched_essential if shown and _inferred(e.evidence.get(u))),
            sea_crossing=e.sea_crossing,
        )


def _inferred(evidence: object) -> bool:
    """Whether a skill's evidence (`SkillEvidence`) says it is known only from work history."""
    return getattr(evidence, "kind", None) == "inferred"
