"""Use cases of the matching service: shortlists and skill recognition."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime

from services.matching.index.domain.model import RecognisedSkill, ShortlistEntry
from services.matching.index.events import VacancyRecord
from services.matching.index.state import MatchingState
from shared.auth import Principal, Role


class VacancyUnknownError(LookupError):
    """Matching has not (yet) seen this vacancy on the vacancies topic."""


class RecognitionUnavailableError(RuntimeError):
    pass


# Candidates not to propose again for a vacancy (already hired or rejected for it).
Exclusions = Callable[[str], Collection[str]]


def no_exclusions(_vacancy_id: str) -> Collection[str]:
    return ()


def consent_scope(caller: Principal) -> str | None:
    """Partner recruiters see only candidates who consented to their organisation; the city's own
    staff (coaches, team members, operators) see every candidate, pseudonymously."""
    return caller.org if caller.role is Role.RECRUITER else None


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
    ) -> None:
        self.state = state
        self.exclusions = exclusions
        self.today = today

    def shortlist(self, caller: Principal, vacancy_id: str, k: int) -> Shortlist:
        record = self.state.vacancy(vacancy_id)
        if record is None:
            raise VacancyUnknownError(vacancy_id)
        viewer = consent_scope(caller)
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
        viewer = consent_scope(caller)
        entry = self.state.engine.explain(record.vacancy, candidate_id, today=self.today(), viewer_org=viewer)
        if entry is not None and viewer is not None and "consent" in " ".join(entry.filters):
            return None  # a recruiter may not learn about candidates who did not consent to them
        return entry

    def recognise(self, text: str, top_k: int, lang: str | None = None) -> tuple[str, list[RecognisedSkill]]:
        """(the language the text was read as, its skills best first); `lang` is detected when None."""
        recognizer = self.state.recognizer
        if recognizer is None:
            raise RecognitionUnavailableError("skill recognition is not loaded")
        lang = lang or recognizer.language(text)
        return lang, recognizer.recognise(text, top_k=top_k, lang=lang)
