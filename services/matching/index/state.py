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
from services.matching.index.events import VacancyRecord, candidate_from_payload, vacancy_from_payload
from shared.messaging.consumer import Record

log = logging.getLogger(__name__)


class MatchingState:
    def __init__(
        self,
        engine: MatchingEngine,
        recognizer: SkillRecognizer | None,
        vacancies_topic: str,
        candidates_topic: str,
    ) -> None:
        self.engine = engine
        self.recognizer = recognizer
        self.vacancies_topic = vacancies_topic
        self.candidates_topic = candidates_topic
        self._vacancies: dict[str, VacancyRecord] = {}
        self._lock = threading.Lock()
        self._pending: list[Candidate] = []

    # -- reading ---------------------------------------------------------------------------------
    def vacancy(self, vacancy_id: str) -> VacancyRecord | None:
        return self._vacancies.get(vacancy_id)

    def vacancies(self) -> list[VacancyRecord]:
        with self._lock:
            return list(self._vacancies.values())

    # -- applying events ---------------------------------------------------------------------------
    def apply(self, record: Record, *, buffered: bool = False) -> None:
        """Apply one event. ``buffered`` (the index feed) defers candidate upserts to ``flush()``,
        which the feed calls after each poll."""
        if record.topic == self.candidates_topic:
            self._apply_candidate(record)
            if not buffered:
                self.flush()
        elif record.topic == self.vacancies_topic:
            self._apply_vacancy(record)

    def _apply_candidate(self, record: Record) -> None:
        if record.envelope is None:  # tombstone: the profile was withdrawn
            if record.key:
                self.flush()  # in order: earlier upserts of this poll first
                self.engine.remove_candidate(record.key)
            return
        if record.envelope.event_type == "candidate.upserted":
            self._pending.append(candidate_from_payload(record.envelope.payload))

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

    def _apply_vacancy(self, record: Record) -> None:
        if record.envelope is None:
            if record.key:
                with self._lock:
                    self._vacancies.pop(record.key, None)
            return
        incoming = vacancy_from_payload(record.envelope.payload)
        current = self._vacancies.get(incoming.vacancy_id)
        if current is not None and current.vacancy.version >= incoming.vacancy.version:
            return
        enriched = incoming
        if self.recognizer is not None and incoming.is_open:
            text = f"{incoming.vacancy.title}\n{incoming.description}"
            enriched = replace(incoming, vacancy=enrich_vacancy(incoming.vacancy, text, self.recognizer))
        with self._lock:
            self._vacancies[incoming.vacancy_id] = enriched
