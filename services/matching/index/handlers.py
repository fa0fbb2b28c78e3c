"""Use cases of the matching service: shortlists and skill recognition."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime

from services.matching.index.domain.model import RecognisedSkill, ShortlistEntry
from services.matching.index.events import VacancyRecord
from services.matching.index.state import MatchingState
from shared import entitlement
from shared.auth import Principal


class VacancyUnknownError(LookupError):
    """Matching has not (yet) seen this vacancy on the vacancies topic."""


class RecognitionUnavailableError(RuntimeError):
    pass


# Candidates not to propose again for a vacancy (already hired or rejected for it).
Exclusions = Callable[[str], Collection[str]]


def no_exclusions(_vacancy_id: str) -> Collection[str]:
    return ()


OrgKind = Callable[[str], str | None]


def unregistered(_org: str) -> str | None:
    return None


def consent_scope(caller: Principal, org_kind: OrgKind = unregistered) -> str | None:
    """Whose consent filters what the caller sees (``shared.entitlement.consent_scope``): nobody's
    for the city's employment services and the operator (every candidate, pseudonymously), the
    caller's own organisation for a partner agency, an employer or an unregistered organisation."""
    return entitlement.consent_scope(caller.org, org_kind(caller.org))


@dataclass(frozen=True, slots=True)
class Shortlist:
    record: VacancyRecord
    entries: list[ShortlistEntry]
    generated_at: datetime
    consent_filtered_for: str | None
    candidates_indexed: int


class MatchingHandlers:
    def __init__(
        self,
        state: MatchingState,
        exclusions: Exclusions = no_exclusions,
        today: Callable[[], date] = lambda: datetime.now(UTC).date(),
        org_kind: OrgKind = unregistered,
    ) -> None:
        self.state = state
        self.exclusions = exclusions
        self.today = today
        self.org_kind = org_kind

    def shortlist(self, caller: Principal, vacancy_id: str, k: int) -> Shortlist:
        record = self.state.vacancy(vacancy_id)
        if record is None:
            raise VacancyUnknownError(vacancy_id)
        viewer = consent_scope(caller, self.org_kind)
        entries = (
            self.state.engine.shortlist(
                record.vacancy,
                k=k,
                viewer_org=viewer,
                today=self.today(),
                exclude=frozenset(self.exclusions(vacancy_id)),
            )
            if record.is_open
            else []
        )
        return Shortlist(record, entries, datetime.now(UTC), viewer, len(self.state.engine))

    def explain(self, caller: Principal, vacancy_id: str, candidate_id: str) -> ShortlistEntry | None:
        record = self.state.vacancy(vacancy_id)
        if record is None:
            raise VacancyUnknownError(vacancy_id)
        viewer = consent_scope(caller, self.org_kind)
        if viewer is not None and not self.state.engine.consents_to(candidate_id, viewer):
            return None  # the same answer as for an unknown candidate: nothing about them, not even existence
        return self.state.engine.explain(record.vacancy, candidate_id, today=self.today())

    def recognise(self, text: str, top_k: int) -> list[RecognisedSkill]:
        if self.state.recognizer is None:
            raise RecognitionUnavailableError("skill recognition is not loaded")
        return self.state.recognizer.recognise(text, top_k=top_k)
