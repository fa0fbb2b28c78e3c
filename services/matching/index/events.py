"""The events the matching index consumes, declared once (``INDEX_FEED``), and its tolerant readers.

The index reads ``vacancy.posted``, ``vacancy.updated``, ``vacancy.closed``, ``vacancy.reopened``
(schema_version 1) and tombstones from the vacancies topic, ``candidate.upserted`` (schema_version 1) and tombstones from the
candidates topic. Anything else is dead-lettered (the rule is in ``shared/messaging/events.py`` and
docs/events.md). Unknown fields are ignored (producers may add fields); a payload missing what ranking
needs, or breaking a rule of docs/events.md's field table (a value outside a documented vocabulary, a
list over its bound, a payload id other than the record's key), is a poison message and goes to the
dead-letter topic. The readers check every vocabulary the index checks (``InvalidRecordError``), so a
record the index could not take is refused here, where the consumer loop dead-letters it, and never
later, when the poll's candidates are indexed and a failure could only be logged (outside tester 9, K1). What the team part publishes is declared
in ``services/matching/team/events.py`` (docs/events.md is checked against both).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from services.kernel.ad_limits import grounds
from services.matching.index.domain.model import (
    LANGUAGE_LEVELS,
    SKILL_LEVELS,
    WORKING_TIMES,
    Candidate,
    InvalidRecordError,
    SkillClaim,
    Vacancy,
    VacancySkill,
    WorkExperience,
)
from services.matching.index.domain.query import PreparedVacancy
from shared.messaging.consumer import PoisonMessageError, Record
from shared.messaging.events import ConsumerSpec, Handles, versions
from shared.messaging.topics import CANDIDATE_ID_PATTERN, CANDIDATES, VACANCIES
from shared.pii import as_meant

if TYPE_CHECKING:
    from services.matching.index.state import MatchingState


@dataclass(frozen=True, slots=True)
class Salary:
    """What a vacancy's ad says of pay (docs/events.md): shown to people, never used in ranking."""

    minimum: float | None = None
    maximum: float | None = None
    currency: str = "EUR"
    period: str | None = None  # "hour" | "month"; None with no amount
    collective_agreement: bool = False  # "according to the collective agreement (TES)"


@dataclass(frozen=True, slots=True)
class VacancyRecord:
    """What matching keeps of a vacancy: the ranking view plus what people read about it."""

    vacancy: Vacancy
    chosen: Vacancy  # before enrichment: the employer's own choice of skills
    region: str
    description: str
    openings: int
    application_deadline: date | None
    close_reason: str | None
    updated_at: datetime
    rejected_skills: frozenset[str] = frozenset()  # suggestions the employer turned down
    query: PreparedVacancy | None = None  # what ranking asks of candidates, built when applied (open only)
    # whether `vacancy` holds the skills recognised in its text (`MatchingState.enrich_pending`); a
    # snapshot taken before that keeps False and the vacancy is enriched again after the restore
    enriched: bool = False
    # how many more suggestions reached the confidence lines than the vacancy shows (enrichment's
    # `recognition.Suggestions.left_out`; outside tester 19, P6)
    suggestions_left_out: int = 0
    work_mode: str = "on_site"  # on_site | hybrid | remote (events before outside tester 26, F9: on_site)
    salary: Salary | None = None
    reopened_at: datetime | None = None  # when the employer last reopened it (F10); None: never
    # the grounds its title or description limits applicants by (``kernel.ad_limits.grounds``: "age", "sex",
    # "pregnancy", "family_plans"), read once per event; every view of the vacancy shows them (tester 35)
    ad_limits: tuple[str, ...] = ()

    @property
    def vacancy_id(self) -> str:
        return self.vacancy.vacancy_id

    @property
    def is_open(self) -> bool:
        return self.vacancy.status == "open"


# Bounds of docs/events.md ("Sizes"): the producers' APIs refuse more, so a longer list is not theirs.
MAX_CANDIDATE_SKILLS = 300
MAX_SUGGESTED_SKILLS = 300
MAX_WORK_HISTORY = 200
MAX_LANGUAGES = 40
MAX_CONSENTED_ORGS = 200
MAX_VACANCY_SKILLS = 200
MAX_OTHER_MUNICIPALITIES = 30
WORK_MODES = ("on_site", "hybrid", "remote")
SALARY_PERIODS = ("hour", "month")
CANDIDATE_STATUSES = ("active", "hired")
VACANCY_STATUSES = ("open", "closed")
CLOSE_REASONS = ("filled", "cancelled", "expired")
_MUNICIPALITY_CODE = re.compile(r"[0-9]{3}\Z")
_CANDIDATE_ID = re.compile(CANDIDATE_ID_PATTERN)


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _one_of(value: Any, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise InvalidRecordError(f"unknown {what} {value!r} (one of {', '.join(allowed)})")
    return str(value)


def _list(value: Any, bound: int | None, what: str) -> list[Any]:
    """A JSON list (absent or null: empty) of at most ``bound`` items (None: unbounded)."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidRecordError(f"{what}: a list is required, not {type(value).__name__}")
    if bound is not None and len(value) > bound:
        raise InvalidRecordError(f"{what}: {len(value)} items, at most {bound}")
    return value


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise InvalidRecordError(f"{what}: a string is required, not {type(value).__name__}")
    return value


def _candidate_id(value: Any) -> str:
    cid = _text(value, "candidate_id")
    if not _CANDIDATE_ID.match(cid):
        raise InvalidRecordError(f"candidate_id {cid[:40]!r} is not a pseudonymous id (c- and 24 hex digits)")
    return cid


def _municipality(value: Any) -> str:
    code = _text(value, "municipality")
    if not _MUNICIPALITY_CODE.match(code):
        raise InvalidRecordError(f"municipality {code!r} is not a 3-digit municipality code")
    return code


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
        raise InvalidRecordError(f"{what}: a finite number >= 0 is required, not {value!r}")
    return float(value)


def _int(value: Any, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidRecordError(f"{what}: a whole number {low}...{high} is required, not {value!r}")
    return value


def _version(value: Any) -> int:
    return _int(value, "version", 1, 2**53)  # (the index keeps versions as int64)


def _languages(items: Any) -> dict[str, str]:
    return {
        _text(x["code"], "language code"): _one_of(x["level"], LANGUAGE_LEVELS, "language level")
        for x in _list(items, MAX_LANGUAGES, "languages")
    }


def _same_key(record: Record, payload_id: str, what: str) -> None:
    """The payload's id must be the record's key: compaction and tombstones go by the key, so a record
    indexed under another id could never be deleted (outside tester 9, K1)."""
    if record.key != payload_id:
        raise PoisonMessageError(f"{what} {payload_id!r} differs from the record's key {record.key!r}")


_CLAIMS: dict[tuple[str, str, bool], SkillClaim] = {}
"""Skill claims are immutable values and repeat across profiles (at most skills x levels x 2):
each is built once and shared, which halves the cost of reading a profile (the index reads every
profile at a cold start). Emptied when it grows past `_MAX_CLAIMS` (URIs unknown to ESCO)."""
_MAX_CLAIMS = 200_000


def _claim(uri: str, level: str, suggested: bool) -> SkillClaim:
    key = (uri, level, suggested)
    claim = _CLAIMS.get(key)
    if claim is None:
        if len(_CLAIMS) >= _MAX_CLAIMS:
            _CLAIMS.clear()
        claim = _CLAIMS[key] = SkillClaim(uri, level, suggested)
    return claim


def candidate_from_payload(p: Mapping[str, Any]) -> Candidate:
    """The index's view of a ``candidate.upserted`` payload; ``PoisonMessageError`` for a payload
    outside docs/events.md's field table (every value the index would refuse among them)."""
    try:
        skills = [
            _claim(
                _text(s["uri"], "skill uri"),
                _one_of(s.get("level") or "intermediate", SKILL_LEVELS, "skill level"),
                False,
            )
            for s in _list(p["skills"], MAX_CANDIDATE_SKILLS, "skills")
        ]
        chosen = {s.uri for s in skills}
        skills += [
            _claim(_text(u, "suggested skill"), "intermediate", True)
            for u in _list(p.get("suggested_skills"), MAX_SUGGESTED_SKILLS, "suggested_skills")
            if u not in chosen
        ]
        return Candidate(
            candidate_id=_candidate_id(p["candidate_id"]),
            version=_version(p["version"]),
            skills=tuple(skills),
            experience=tuple(
                WorkExperience(
                    _text(e["occupation_uri"], "occupation_uri"),
                    _number(e["years"], "years"),
                    _int(e["ended_year"], "ended_year", 1000, 9999)
                    if e.get("ended_year") is not None
                    else None,
                )
                for e in _list(p.get("work_history"), MAX_WORK_HISTORY, "work_history")
            ),
            languages=_languages(p.get("languages")),
            municipality=_municipality(p["municipality"]),
            max_commute_km=_number(p["max_commute_km"], "max_commute_km"),
            available_from=date.fromisoformat(p["available_from"]),
            working_time=_one_of(p.get("working_time") or "any", WORKING_TIMES, "working time"),
            consented_orgs=frozenset(
                _text(o, "consented org")
                for o in _list(p.get("consented_orgs"), MAX_CONSENTED_ORGS, "consented_orgs")
            ),
            hired=_one_of(p.get("status") or "active", CANDIDATE_STATUSES, "status") == "hired",
        )
    except (KeyError, TypeError, ValueError) as exc:  # (InvalidRecordError is a ValueError)
        raise PoisonMessageError(f"candidate payload unusable: {type(exc).__name__}: {exc}") from None


def _essential(value: Any) -> bool:
    if not isinstance(value, bool):
        raise InvalidRecordError(f"essential: true or false is required, not {value!r}")
    return value


def _amount(value: Any, what: str) -> float | None:
    return None if value is None else _number(value, what)


def _salary(value: Any) -> Salary | None:
    """A payload's ``salary`` (absent or null: none stated)."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise InvalidRecordError(f"salary: an object is required, not {type(value).__name__}")
    period = value.get("period")
    agreement = value.get("collective_agreement", False)
    if not isinstance(agreement, bool):
        raise InvalidRecordError(f"salary collective_agreement: true or false is required, not {agreement!r}")
    return Salary(
        minimum=_amount(value.get("min"), "salary min"),
        maximum=_amount(value.get("max"), "salary max"),
        currency=_one_of(value.get("currency") or "EUR", ("EUR",), "salary currency"),
        period=None if period is None else _one_of(period, SALARY_PERIODS, "salary period"),
        collective_agreement=agreement,
    )


def vacancy_from_payload(p: Mapping[str, Any]) -> VacancyRecord:
    """The index's view of a ``vacancy.*`` payload; ``PoisonMessageError`` for a payload outside
    docs/events.md's field table (every value the index would refuse among them)."""
    try:
        work_mode = _one_of(p.get("work_mode") or "on_site", WORK_MODES, "work mode")
        vacancy = Vacancy(
            vacancy_id=_text(p["vacancy_id"], "vacancy_id"),
            version=_version(p["version"]),
            employer_org=_text(p["employer_org"], "employer_org"),
            title=_text(p["title"], "title"),
            occupation_uri=_text(p["occupation_uri"], "occupation_uri") if p.get("occupation_uri") else None,
            skills=tuple(
                VacancySkill(_text(s["uri"], "skill uri"), _essential(s.get("essential", True)))
                for s in _list(p["skills"], MAX_VACANCY_SKILLS, "skills")
            ),
            languages=_languages(p.get("languages")),
            municipality=_municipality(p["municipality"]),
            working_time=_one_of(p.get("working_time") or "any", WORKING_TIMES, "working time"),
            start_date=_day(p.get("start_date")),
            status=_one_of(p.get("status") or "open", VACANCY_STATUSES, "status"),
            other_municipalities=tuple(
                _municipality(code)
                for code in _list(
                    p.get("other_municipalities"), MAX_OTHER_MUNICIPALITIES, "other_municipalities"
                )
            ),
            remote=work_mode == "remote",
            described=bool(str(p.get("description") or "").strip()),
        )
        close_reason = p.get("close_reason")
        description = _text(p.get("description") or "", "description")
        return VacancyRecord(
            vacancy=vacancy,
            chosen=vacancy,
            region=_text(p["region"], "region"),
            description=description,
            openings=_int(p.get("openings") or 1, "openings", 1, 2**31),
            application_deadline=_day(p.get("application_deadline")),
            close_reason=None
            if close_reason is None
            else _one_of(close_reason, CLOSE_REASONS, "close reason"),
            updated_at=datetime.fromisoformat(p["updated_at"]),
            rejected_skills=frozenset(
                _text(u, "rejected skill") for u in _list(p.get("rejected_skills"), None, "rejected_skills")
            ),
            work_mode=work_mode,
            salary=_salary(p.get("salary")),
            reopened_at=datetime.fromisoformat(p["reopened_at"]) if p.get("reopened_at") else None,
            ad_limits=grounds(vacancy.title, description, as_meant=as_meant),
        )
    except (KeyError, TypeError, ValueError) as exc:  # (InvalidRecordError is a ValueError)
        raise PoisonMessageError(f"vacancy payload unusable: {type(exc).__name__}: {exc}") from None


# -- the index feed's declaration -----------------------------------------------------------------
def _candidate_upserted(state: MatchingState, record: Record, candidate: Candidate) -> None:
    _same_key(record, candidate.candidate_id, "candidate_id")
    state.check_municipality(candidate.municipality)
    state.buffer_candidate(candidate)


def _candidate_withdrawn(state: MatchingState, record: Record) -> None:
    state.withdraw_candidate(record.key)


def _vacancy_changed(state: MatchingState, record: Record, vacancy: VacancyRecord) -> None:
    _same_key(record, vacancy.vacancy_id, "vacancy_id")
    for code in vacancy.vacancy.municipalities:
        state.check_municipality(code)
    try:
        state.apply_vacancy(vacancy)
    except InvalidRecordError as exc:  # a value the engine refuses that the reader let through: poison
        raise PoisonMessageError(f"vacancy payload unusable: {type(exc).__name__}: {exc}") from None


def _vacancy_deleted(state: MatchingState, record: Record) -> None:
    state.remove_vacancy(record.key)


INDEX_FEED: ConsumerSpec[MatchingState] = ConsumerSpec(
    service="matching",
    name="matching.index",
    group=None,  # every replica reads every partition itself (manual assignment)
    handles=(
        Handles(VACANCIES, "vacancy.posted", versions(1), vacancy_from_payload, _vacancy_changed),
        Handles(VACANCIES, "vacancy.updated", versions(1), vacancy_from_payload, _vacancy_changed),
        Handles(VACANCIES, "vacancy.closed", versions(1), vacancy_from_payload, _vacancy_changed),
        # a closed vacancy open again: a newer version, applied like any other (outside tester 26, F10)
        Handles(VACANCIES, "vacancy.reopened", versions(1), vacancy_from_payload, _vacancy_changed),
        Handles(CANDIDATES, "candidate.upserted", versions(1), candidate_from_payload, _candidate_upserted),
    ),
    tombstones={VACANCIES.name: _vacancy_deleted, CANDIDATES.name: _candidate_withdrawn},
)
CONSUMES: tuple[ConsumerSpec[Any], ...] = (INDEX_FEED,)
