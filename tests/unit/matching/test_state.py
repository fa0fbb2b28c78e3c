"""The index feed's state: buffered candidate upserts are applied per poll, in order with removals;
events the index does not understand are refused (poison), never guessed at."""

import pytest

from services.matching.index.state import MatchingState
from shared.messaging.consumer import Record
from shared.messaging.envelope import Envelope
from shared.messaging.events import UnknownEventError, UnsupportedVersionError
from shared.messaging.topics import CANDIDATES, VACANCIES


class FakeEngine:
    def __init__(self):
        self.calls = []

    def upsert_candidates(self, batch):
        self.calls.append(("upsert", [c.candidate_id for c in batch]))
        return [True] * len(batch)

    def upsert_candidate(self, candidate):
        self.calls.append(("upsert", [candidate.candidate_id]))

    def remove_candidate(self, candidate_id):
        self.calls.append(("remove", candidate_id))

    def prepare(self, vacancy):
        self.calls.append(("prepare", vacancy.vacancy_id))
        return None

    def warm(self, prepared):  # the weights of a prepared vacancy: nothing to make here
        pass

    def rewarm(self):
        return 0

    def title_occupations(self, title):
        return ()


def upserted(cid, event_type="candidate.upserted", schema_version=1):
    payload = {
        "candidate_id": cid,
        "version": 1,
        "skills": [],
        "municipality": "837",
        "max_commute_km": 10,
        "available_from": "2026-12-01",
    }
    envelope = Envelope(event_type, cid, payload, producer="p", schema_version=schema_version)
    return Record(CANDIDATES.name, 0, 0, cid, envelope)


def test_buffered_upserts_wait_for_the_flush_and_a_removal_keeps_their_order():
    engine = FakeEngine()
    state = MatchingState(engine, None)
    state.apply(upserted("c-111111111111111111111111"), buffered=True)
    state.apply(upserted("c-222222222222222222222222"), buffered=True)
    assert engine.calls == []
    state.apply(Record(CANDIDATES.name, 0, 2, "c-111111111111111111111111", None), buffered=True)
    state.apply(upserted("c-333333333333333333333333"), buffered=True)
    state.flush()
    assert engine.calls == [
        ("upsert", ["c-111111111111111111111111", "c-222222222222222222222222"]),
        ("remove", "c-111111111111111111111111"),
        ("upsert", ["c-333333333333333333333333"]),
    ]


def test_an_unbuffered_upsert_is_applied_at_once():
    engine = FakeEngine()
    MatchingState(engine, None).apply(upserted("c-111111111111111111111111"))
    assert engine.calls == [("upsert", ["c-111111111111111111111111"])]


def vacancy_event(event_type, schema_version=1):
    payload = {
        "vacancy_id": "v-1",
        "version": 1,
        "employer_org": "konepaja-oy",
        "title": "Hitsaaja",
        "skills": [],
        "municipality": "837",
        "region": "pirkanmaa",
        "updated_at": "2026-11-30T10:00:00+00:00",
    }
    envelope = Envelope(event_type, "v-1", payload, producer="p", schema_version=schema_version)
    return Record(VACANCIES.name, 0, 0, "v-1", envelope)


def test_a_schema_version_the_index_does_not_understand_is_refused_not_indexed():
    engine = FakeEngine()
    with pytest.raises(UnsupportedVersionError):
        MatchingState(engine, None).apply(upserted("c-111111111111111111111111", schema_version=2))
    assert engine.calls == []


def test_an_unknown_event_type_on_the_vacancies_topic_is_not_taken_for_a_vacancy():
    state = MatchingState(FakeEngine(), None)
    with pytest.raises(UnknownEventError):
        state.apply(vacancy_event("vacancy.archived"))
    assert state.vacancies() == []
    state.apply(vacancy_event("vacancy.posted"))
    assert [v.vacancy_id for v in state.vacancies()] == ["v-1"]


def test_an_unknown_event_type_on_the_candidates_topic_is_refused_not_dropped_silently():
    engine = FakeEngine()
    with pytest.raises(UnknownEventError):
        MatchingState(engine, None).apply(
            upserted("c-111111111111111111111111", event_type="candidate.merged")
        )
    assert engine.calls == []


class SlowRecognizer:
    """A fake recogniser: each text costs `seconds` (wall) and yields one skill; records the texts."""

    def __init__(self, seconds=0.0):
        self.seconds = seconds
        self.texts = []

    def occupations_named(self, title):
        return ()

    def recognise(self, text, *, top_k=10, lang=None, occupations=()):
        import time

        from services.matching.index.domain.recognition import RecognisedSkill

        time.sleep(self.seconds)
        self.texts.append(text)
        return [RecognisedSkill("http://data.europa.eu/esco/skill/s-weld", 0.9, {"en": "weld"})]


def described(vacancy_id, description, version=1):
    record = vacancy_event("vacancy.posted")
    payload = {
        **record.envelope.payload,
        "vacancy_id": vacancy_id,
        "version": version,
        "description": description,
    }
    envelope = Envelope("vacancy.posted", vacancy_id, payload, producer="p")
    return Record(VACANCIES.name, 0, 0, vacancy_id, envelope)


def test_a_vacancy_is_served_at_once_and_its_text_is_read_after_the_events_behind_it():
    """Outside tester 4, F12: three vacancies with 20,000-character descriptions held the index feed
    for 37 s, and a withdrawal behind them stayed in shortlists for 28 s. The feed now applies a
    vacancy without reading its text, takes the next events, and reads texts in slices of time."""
    engine, recognizer = FakeEngine(), SlowRecognizer(seconds=0.05)
    state = MatchingState(engine, recognizer)
    for n in range(3):
        state.apply(described(f"v-{n}", "Hitsausta. " * 50), buffered=True)
    state.apply(Record(CANDIDATES.name, 0, 9, "c-gone", None), buffered=True)  # a withdrawal behind them
    assert ("remove", "c-gone") in engine.calls and recognizer.texts == []
    assert state.enrichment_pending == 3
    assert all(not v.enriched and not any(s.suggested for s in v.vacancy.skills) for v in state.vacancies())
    assert state.enrich_pending(budget_s=0.0) == 1  # at least one per call, then the budget stops it
    assert state.enrichment_pending == 2
    assert state.enrich_pending() == 2 and state.enrichment_pending == 0
    for v in state.vacancies():
        assert v.enriched and [s.uri for s in v.vacancy.skills if s.suggested] == [
            "http://data.europa.eu/esco/skill/s-weld"
        ]


def test_a_vacancy_reads_at_most_a_bounded_number_of_sentences_of_its_text():
    recognizer = SlowRecognizer()
    state = MatchingState(FakeEngine(), recognizer)
    text = " ".join(f"Lause numero {n} kertoo vaatimuksen." for n in range(500))
    state.apply(described("v-long", text))  # unbuffered: read at once
    from services.matching.index.state import MAX_ENRICHED_SENTENCES

    assert recognizer.texts and recognizer.texts[0].count("kertoo vaatimuksen") == MAX_ENRICHED_SENTENCES


def test_a_vacancy_updated_while_waiting_is_read_once_at_its_newest_version():
    recognizer = SlowRecognizer()
    state = MatchingState(FakeEngine(), recognizer)
    state.apply(described("v-1", "Hitsausta.", version=1), buffered=True)
    state.apply(described("v-1", "Hitsausta ja juottamista.", version=2), buffered=True)
    assert state.enrich_pending() == 1 and recognizer.texts == ["Hitsaaja.\nHitsausta ja juottamista."]


def test_a_record_of_a_withdrawn_candidate_read_after_the_withdrawal_is_not_indexed():
    """Outside tester 6, G2: a dead letter re-published after the jobseeker withdrew sat after the
    tombstone on the compacted topic and brought them back into shortlists (and into every later
    rebuild). A withdrawn candidate id never returns, so its later records are not indexed."""
    engine, erased = FakeEngine(), set()
    state = MatchingState(engine, None, erased)
    state.apply(upserted("c-111111111111111111111111"))
    state.apply(Record(CANDIDATES.name, 0, 1, "c-111111111111111111111111", None))  # the withdrawal
    state.apply(upserted("c-111111111111111111111111"))  # the replayed dead letter
    state.apply(upserted("c-222222222222222222222222"))
    assert engine.calls == [
        ("upsert", ["c-111111111111111111111111"]),
        ("remove", "c-111111111111111111111111"),
        ("upsert", ["c-222222222222222222222222"]),
    ]
    assert "c-111111111111111111111111" in erased
    # a rebuild after compaction (the tombstone gone, the replayed record left) still keeps it out
    engine = FakeEngine()
    MatchingState(engine, None, erased).apply(upserted("c-111111111111111111111111"))
    assert engine.calls == []


def test_the_feed_logs_no_pseudonym_when_it_ignores_a_withdrawn_candidates_record(caplog):
    """Logs are kept: a pseudonym beside "withdrawn" told that, and when, the person withdrew, which
    matching's database keeps only as a keyed marker (privacy37). The line names no person (erase39)."""
    import logging

    withdrawn = "c-5eb1a6d0c0ffee0000000001"
    state = MatchingState(FakeEngine(), None, set())
    state.apply(upserted(withdrawn))
    state.apply(Record(CANDIDATES.name, 0, 1, withdrawn, None))  # the withdrawal
    with caplog.at_level(logging.DEBUG):
        state.apply(upserted(withdrawn))  # a dead letter re-published after it
    assert [r for r in caplog.records if "withdrawn" in r.getMessage()]  # (the operator still learns of it)
    assert all(withdrawn not in r.getMessage() and withdrawn not in str(r.__dict__) for r in caplog.records)


def test_a_vacancy_with_a_description_is_read_as_described_also_from_an_older_snapshot():
    """Outside tester 34, F1: a surely read text keeps its occupation's profile beside the skills its
    employer confirms only when matching knows the vacancy has a text (`Vacancy.described`). The event
    says so; a snapshot written before the field existed restores it False, so the record's
    description decides on restore."""
    from dataclasses import replace

    state = MatchingState(FakeEngine(), None)
    state.apply(described("v-text", "Hitsausta."))
    state.apply(described("v-bare", "  "))
    by_id = {v.vacancy_id: v for v in state.vacancies()}
    assert by_id["v-text"].vacancy.described and not by_id["v-bare"].vacancy.described
    old = [replace(v, vacancy=replace(v.vacancy, described=False)) for v in by_id.values()]

    class Restorable(FakeEngine):
        def restore(self, image):
            pass

    restored = MatchingState(Restorable(), None)
    restored.restore(None, old)
    again = {v.vacancy_id: v.vacancy.described for v in restored.vacancies()}
    assert again == {"v-text": True, "v-bare": False}
