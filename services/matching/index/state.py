"""The matching service's in-memory state: the candidate index and the vacancies it ranks for.

Both are rebuilt from the compacted vacancies and candidates topics at start; applying an event is
idempotent (older or equal versions are ignored), so replays and redeliveries change nothing.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import replace

from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.model import Candidate
from services.matching.index.domain.recognition import SkillRecognizer, enrich_vacancy
from services.matching.index.events import INDEX_FEED, VacancyRecord
from shared.messaging.consumer import Record

log = logging.getLogger(__name__)


class MatchingState:
    def __init__(self, engine: MatchingEngine, recognizer: SkillRecognizer | None) -> None:
        self.engine = engine
        self.recognizer = recognizer
        self._vacancies: dict[str, VacancyRecord] = {}
        self._lock = threading.Lock()
        self._pending: list[Candidate] = []
        self._dispatch = INDEX_FEED.dispatcher(self)

    # -- reading ---------------------------------------------------------------------------------
    def vacancy(self, vacancy_id: str) -> VacancyRecord | None:
        return self._vacancies.get(vacancy_id)

    def vacancies(self) -> list[VacancyRecord]:
        with self._lock:
            return list(self._vacancies.values())

    # -- applying events (dispatched by the declarations in index/events.py) ------------------------
    def apply(self, record: Record, *, buffered: bool = False) -> None:
        """Apply one record as ``INDEX_FEED`` declares (unknown types or versions raise
        ``PoisonMessageError``). ``buffered`` (the index feed) defers candidate upserts to
        ``flush()``, which the feed calls after each poll."""
        self._dispatch(record)
        if not buffered:
            self.flush()

    def buffer_candidate(self, candidate: Candidate) -> None:
        self._pending.append(candidate)

    def withdraw_candidate(self, candidate_id: str | None) -> None:
        """A tombstone: the profile was withdrawn, matching forgets the candidate."""
        if candidate_id:
            self.flush()  # in order: earlier upserts of this poll first
            self.engine.remove_candidate(candidate_id)

    def flush(self) -> None:
        """Index the candidates buffered during one poll as one batch (one delta rebuild, not one per
        candidate: a rebuild of a million-profile index from the topic needs that)."""
        if not self._pending:
            return
        batch, self._pending = self._pending, []
        try:
            self.engine.upsert_candidates(batch)
        except Exception:  # isolate a candidate the engine cannot take, keep the others
            log.exception("batch upsert failed; indexing one by one")
            for candidate in batch:
                try:
                    self.engine.upsert_candidate(candidate)
                except Exception:
                    log.exception("candidate not indexed", extra={"candidate_id": candidate.candidate_id})

    def apply_vacancy(self, incoming: VacancyRecord) -> None:
        current = self._vacancies.get(incoming.vacancy_id)
        if current is not None and current.vacancy.version >= incoming.vacancy.version:
            return
        enriched = incoming
        if self.recognizer is not None and incoming.is_open:
            text = f"{incoming.vacancy.title}\n{incoming.description}"
            enriched = replace(
                incoming,
                vacancy=enrich_vacancy(
                    incoming.vacancy, text, self.recognizer, exclude=incoming.rejected_skills
                ),
            )
        if enriched.is_open:  # the vacancy query, built once here rather than on every request
            enriched = replace(enriched, query=self.engine.prepare(enriched.vacancy))
        with self._lock:
            self._vacancies[incoming.vacancy_id] = enriched

    def remove_vacancy(self, vacancy_id: str | None) -> None:
        if vacancy_id:
            with self._lock:
                self._vacancies.pop(vacancy_id, None)
