"""The events the matching index consumes, declared once (``INDEX_FEED``), and its tolerant readers.

The index reads ``vacancy.posted``, ``vacancy.updated``, ``vacancy.closed`` (schema_version 1) and
tombstones from the vacancies topic, ``candidate.upserted`` (schema_version 1) and tombstones from the
candidates topic. Anything else is dead-lettered (the rule is in ``shared/messaging/events.py`` and
docs/events.md). Unknown fields are ignored (producers may add fields); a payload missing what ranking
needs is a poison message and goes to the dead-letter topic. What the team part publishes is declared
in ``services/matching/team/events.py`` (docs/events.md is checked against both).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from services.matching.index.domain.model import (
    Candidate,
    SkillClaim,
    Vacancy,
    VacancySkill,
    WorkExperience,
)
from services.matching.index.domain.query import PreparedVacancy
from shared.messaging.consumer import PoisonMessageError, Record
from shared.messaging.events import ConsumerSpec, Handles, versions
from shared.messaging.topics import CANDIDATES, VACANCIES

if TYPE_CHECKING:
    from services.matching.index.state import MatchingState


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

    @property
    def vacancy_id(self) -> str:
        return self.vacancy.vacancy_id

    @property
    def is_open(self) -> bool:
        return self.vacancy.status == "open"


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _languages(items: Any) -> dict[str, str]:
    return {str(x["code"]): str(x["level"]) for x in items or ()}


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
    try:
        skills = [_claim(str(s["uri"]), str(s.get("level") or "intermediate"), False) for s in p["skills"]]
        chosen = {s.uri for s in skills}
        skills += [
            _claim(str(u), "intermediate", True) for u in p.get("suggested_skills") or () if u not in chosen
        ]
        return Candidate(
            candidate_id=str(p["candidate_id"]),
            version=int(p["version"]),
            skills=tuple(skills),
            experience=tuple(
                WorkExperience(
                    str(e["occupation_uri"]),
                    float(e["years"]),
                    int(e["ended_year"]) if e.get("ended_year") is not None else None,
                )
                for e in p.get("work_history") or ()
            ),
            languages=_languages(p.get("languages")),
            municipality=str(p["municipality"]),
            max_commute_km=float(p["max_commute_km"]),
            available_from=date.fromisoformat(p["available_from"]),
            working_time=str(p.get("working_time") or "any"),
            consented_orgs=frozenset(str(o) for o in p.get("consented_orgs") or ()),
            hired=p.get("status") == "hired",
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise PoisonMessageError(f"candidate payload unusable: {type(exc).__name__}: {exc}") from None


def vacancy_from_payload(p: Mapping[str, Any]) -> VacancyRecord:
    try:
        vacancy = Vacancy(
            vacancy_id=str(p["vacancy_id"]),
            version=int(p["version"]),
            employer_org=str(p["employer_org"]),
            title=str(p["title"]),
            occupation_uri=p.get("occupation_uri") or None,
            skills=tuple(VacancySkill(str(s["uri"]), bool(s.get("essential", True))) for s in p["skills"]),
            languages=_languages(p.get("languages")),
            municipality=str(p["municipality"]),
            working_time=str(p.get("working_time") or "any"),
            start_date=_day(p.get("start_date")),
            status=str(p.get("status") or "open"),
        )
        return VacancyRecord(
            vacancy=vacancy,
            chosen=vacancy,
            region=str(p["region"]),
            description=str(p.get("description") or ""),
            openings=int(p.get("openings") or 1),
            application_deadline=_day(p.get("application_deadline")),
            close_reason=p.get("close_reason"),
            updated_at=datetime.fromisoformat(p["updated_at"]),
            rejected_skills=frozenset(str(u) for u in p.get("rejected_skills") or ()),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise PoisonMessageError(f"vacancy payload unusable: {type(exc).__name__}: {exc}") from None


# -- the index feed's declaration -----------------------------------------------------------------
def _candidate_upserted(state: MatchingState, record: Record, candidate: Candidate) -> None:
    state.buffer_candidate(candidate)


def _candidate_withdrawn(state: MatchingState, record: Record) -> None:
    state.withdraw_candidate(record.key)


def _vacancy_changed(state: MatchingState, record: Record, vacancy: VacancyRecord) -> None:
    state.apply_vacancy(vacancy)


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
        Handles(CANDIDATES, "candidate.upserted", versions(1), candidate_from_payload, _candidate_upserted),
    ),
    tombstones={VACANCIES.name: _vacancy_deleted, CANDIDATES.name: _candidate_withdrawn},
)
CONSUMES: tuple[ConsumerSpec[Any], ...] = (INDEX_FEED,)
