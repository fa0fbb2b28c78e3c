"""The matching service's in-memory state: the candidate index and the vacancies it ranks for.

Both are rebuilt at start from an index snapshot and the tail of the compacted vacancies and
candidates topics, or from the topics alone; applying an event is idempotent (older or equal versions
are ignored), so replays and redeliveries change nothing. While the feed catches up after a start
the candidates go to a `BulkBuilder` (indexed by one merge when caught up) instead of one delta
rebuild per poll.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import replace

from services.matching.index.domain.engine import BulkBuilder, IndexImage, MatchingEngine
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
        self._bulk: BulkBuilder | None = None
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
        if self._bulk is not None:
            self._bulk.add((candidate,))
        else:
            self._pending.append(candidate)

    def withdraw_candidate(self, candidate_id: str | None) -> None:
        """A tombstone: the profile was withdrawn, matching forgets the candidate."""
        if not candidate_id:
            return
        if self._bulk is not None:
            self._bulk.remove(candidate_id)
            return
        self.flush()  # in order: earlier upserts of this poll first
        self.engine.remove_candidate(candidate_id)

    # -- catching up after a start ------------------------------------------------------------------
    def begin_bulk(self) -> None:
        """From now on candidates and withdrawals are collected, not indexed, until `end_bulk`."""
        self.flush()
        self._bulk = self.engine.bulk_builder()

    def end_bulk(self) -> int:
        """Index what was collected since `begin_bulk` (one merge, then the withdrawals); returns
        how many candidates were new or newer."""
        bulk, self._bulk = self._bulk, None
        return bulk.finish() if bulk is not None else 0

    def abort_bulk(self) -> None:
        """Forget what was collected since `begin_bulk` (the feed re-reads it)."""
        self._bulk = None

    def restore(self, image: IndexImage, vacancies: list[VacancyRecord]) -> None:
        """Serve a snapshot's index and vacancies (already enriched; their queries are rebuilt).
        Only on an empty state (raises ValueError otherwise)."""
        if self._vacancies:
            raise ValueError("restore needs an empty state")
        self.engine.restore(image)
        with self._lock:
            for v in vacancies:
                self._vacancies[v.vacancy_id] = (
                    replace(v, query=self.engine.prepare(v.vacancy)) if v.is_open else v
                )

    def image(self) -> tuple[IndexImage, list[VacancyRecord]]:
        """What a snapshot stores (call from the writer's thread: between two applied polls)."""
        self.flush()
        return self.engine.image(), self.vacancies()

    def flush(self) -> None:
        """Index the candidates buffered during one poll as one batch (one delta rebuild, not one per
        candidate)."""
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
            text = incoming.description  # (`enrich_vacancy` reads the title when it should)
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
