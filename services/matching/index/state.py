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
import time
from collections.abc import Collection
from dataclasses import replace
from typing import Protocol

from services.matching.index.domain.engine import BulkBuilder, IndexImage, MatchingEngine
from services.matching.index.domain.model import Candidate
from services.matching.index.domain.recognition import SkillRecognizer, suggest_for_vacancy
from services.matching.index.domain.recognition_text import MAX_SENTENCES
from services.matching.index.events import INDEX_FEED, VacancyRecord
from shared.messaging.consumer import PoisonMessageError, Record

log = logging.getLogger(__name__)

#: Sentences of a vacancy's text recognition reads (the first ones: an ad states its requirements
#: early): the recogniser's own bound; at ~40 CPU-ms each, one vacancy costs the feed at most ~2 s.
MAX_ENRICHED_SENTENCES = MAX_SENTENCES

WARMED_AT_RESTORE = 64
"""Open vacancies (the most recently updated) whose stage-1 weights and bounds `restore` makes
(`MatchingEngine.warm`, 5-10 ms of CPU each at 1,000,000 profiles: about half a second for 64,
before the feed reads the events after the snapshot), so that their first shortlists after a
restart cost what they did before it; as many as the engine keeps (`engine.WEIGHTS_CACHE_VACANCIES`)."""


class ErasedIds(Protocol):
    """Which candidates were withdrawn (``team.erasure.ErasedCandidates``)."""

    def __contains__(self, candidate_id: object) -> bool: ...

    def add(self, candidate_id: str) -> None: ...


class MatchingState:
    def __init__(
        self,
        engine: MatchingEngine,
        recognizer: SkillRecognizer | None,
        erased: ErasedIds | None = None,
        *,
        municipalities: Collection[str] | None = None,
    ) -> None:
        """``erased``: the withdrawn candidates; a record of theirs read after the withdrawal is not
        indexed (erasure is final; None: no such memory, as in unit tests). ``municipalities``: the
        municipality codes a record may carry, current and abolished (None: not checked)."""
        self.engine = engine
        self.municipalities = municipalities
        self.recognizer = recognizer
        self.erased = erased
        self._vacancies: dict[str, VacancyRecord] = {}
        self._lock = threading.Lock()
        self._pending: list[Candidate] = []
        self._bulk: BulkBuilder | None = None
        self._dispatch = INDEX_FEED.dispatcher(self)
        self._to_enrich: dict[str, None] = {}  # open vacancies whose text is still to be read, in order

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
            self.enrich_pending()

    def check_municipality(self, code: str) -> None:
        """``PoisonMessageError`` for a municipality code that is neither a current nor an abolished
        Statistics Finland code (docs/events.md; outside tester 9, K1: "999" was indexed)."""
        if self.municipalities is not None and code not in self.municipalities:
            raise PoisonMessageError(f"unknown municipality code {code!r}")

    def buffer_candidate(self, candidate: Candidate) -> None:
        if self.erased is not None and candidate.candidate_id in self.erased:
            # a dead letter re-published after the withdrawal, or a late duplicate (outside tester 6, G2);
            # the line names the event (its id is in the log context), not the pseudonym: logs are kept,
            # and a pseudonym beside "withdrawn" tells that, and when, the person withdrew (erase39)
            log.warning("record of a withdrawn candidate ignored")
            return
        if self._bulk is not None:
            self._bulk.add((candidate,))
        else:
            self._pending.append(candidate)

    def withdraw_candidate(self, candidate_id: str | None) -> None:
        """A tombstone: the profile was withdrawn, matching forgets the candidate."""
        if not candidate_id:
            return
        if self.erased is not None:
            self.erased.add(candidate_id)
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
        loaded = bulk.finish() if bulk is not None else 0
        self.engine.rewarm()  # after a merge: the vacancies warmed at `restore`, for the new index
        return loaded

    def abort_bulk(self) -> None:
        """Forget what was collected since `begin_bulk` (the feed re-reads it)."""
        self._bulk = None

    def restore(self, image: IndexImage, vacancies: list[VacancyRecord]) -> None:
        """Serve a snapshot's index and vacancies (already enriched; their queries are rebuilt, and
        the `WARMED_AT_RESTORE` most recently updated warmed). Only on an empty state (raises
        ValueError otherwise)."""
        if self._vacancies:
            raise ValueError("restore needs an empty state")
        self.engine.restore(image)
        with self._lock:
            for v in vacancies:
                # (a snapshot written before `Vacancy.described` reads it False: its record knows)
                v = replace(v, vacancy=replace(v.vacancy, described=bool(v.description.strip())))
                self._vacancies[v.vacancy_id] = (
                    replace(v, query=self.engine.prepare(v.vacancy)) if v.is_open else v
                )
        restored = sorted(
            (
                (v.updated_at.timestamp(), v.query)
                for v in self._vacancies.values()
                if v.is_open and v.query is not None
            ),
            key=lambda pair: pair[0],
        )
        for _, query in restored[-WARMED_AT_RESTORE:]:  # the most recently updated last: kept longest
            self.engine.warm(query)
        if self.recognizer is not None:  # snapshotted before their text was read
            self._to_enrich.update((v.vacancy_id, None) for v in vacancies if v.is_open and not v.enriched)

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
        # after a merge (a new IDF) the vacancies asked about lately get their weights made here,
        # not by their next shortlist
        self.engine.rewarm()

    def apply_vacancy(self, incoming: VacancyRecord) -> None:
        """Serve the vacancy at once with the employer's own skills and occupation; the skills
        recognised in its text are added by `enrich_pending`, off the path of the events behind it."""
        current = self._vacancies.get(incoming.vacancy_id)
        if current is not None and current.vacancy.version >= incoming.vacancy.version:
            return
        record = replace(incoming, enriched=False)
        if current is not None and record.is_open:
            # suggestions offered for the earlier version stay until the employer accepts or rejects
            # them (`enrich_vacancy` keeps those still said by the title or text; outside tester 17, P12)
            decided = {s.uri for s in incoming.vacancy.skills} | set(incoming.rejected_skills)
            offered = tuple(s for s in current.vacancy.skills if s.suggested and s.uri not in decided)
            if offered:
                vacancy = record.vacancy
                record = replace(record, vacancy=replace(vacancy, skills=(*vacancy.skills, *offered)))
        if record.is_open:  # the vacancy query and its weights, built here rather than on a request
            prepared = self.engine.prepare(record.vacancy)
            self.engine.warm(prepared)
            record = replace(record, query=prepared)
        with self._lock:
            self._vacancies[incoming.vacancy_id] = record
        if self.recognizer is not None and record.is_open:
            self._to_enrich[incoming.vacancy_id] = None

    @property
    def enrichment_pending(self) -> int:
        """How many open vacancies wait for the skills of their text."""
        return len(self._to_enrich)

    def enrich_pending(self, budget_s: float | None = None) -> int:
        """Recognise the skills in the text of waiting vacancies, oldest first, until `budget_s`
        seconds (wall) are spent (at least one vacancy per call; None: all of them); returns how many
        were enriched. Recognition costs ~40 CPU-ms per sentence, so a feed that recognised every
        vacancy before the next event let one employer's long descriptions hold back candidates'
        updates and withdrawals for minutes (an outside tester): the feed calls this after each poll
        with a small budget instead, and a vacancy reads at most `MAX_ENRICHED_SENTENCES`."""
        if self.recognizer is None:
            self._to_enrich.clear()
            return 0
        started, done = time.monotonic(), 0
        while self._to_enrich:
            if done and budget_s is not None and time.monotonic() - started >= budget_s:
                break
            vacancy_id = next(iter(self._to_enrich))
            del self._to_enrich[vacancy_id]
            record = self._vacancies.get(vacancy_id)
            if record is None or record.enriched or not record.is_open:
                continue
            vacancy, left_out = suggest_for_vacancy(
                record.vacancy,
                record.description,  # (`enrich_vacancy` reads the title when it should)
                self.recognizer,
                exclude=record.rejected_skills,
                max_sentences=MAX_ENRICHED_SENTENCES,
                # one reading of the job title for ranking and recognition (`titles.TitleReader`)
                title_occupations=self.engine.title_occupations(record.vacancy.title),
            )
            prepared = self.engine.prepare(vacancy)
            self.engine.warm(prepared)  # its first shortlist need not make the weights
            enriched = replace(
                record, vacancy=vacancy, enriched=True, query=prepared, suggestions_left_out=left_out
            )
            with self._lock:
                if self._vacancies.get(vacancy_id) is record:  # (the feed's thread is the only writer)
                    self._vacancies[vacancy_id] = enriched
            done += 1
        return done

    def remove_vacancy(self, vacancy_id: str | None) -> None:
        if vacancy_id:
            with self._lock:
                self._vacancies.pop(vacancy_id, None)
