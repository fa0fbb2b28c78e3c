"""The index feed's state: buffered candidate upserts are applied per poll, in order with removals."""

from services.matching.index.state import MatchingState
from shared.messaging.consumer import Record
from shared.messaging.envelope import Envelope


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


def upserted(cid):
    payload = {
        "candidate_id": cid,
        "version": 1,
        "skills": [],
        "municipality": "837",
        "max_commute_km": 10,
        "available_from": "2026-12-01",
    }
    return Record("cands", 0, 0, cid, Envelope("candidate.upserted", cid, payload, producer="p"))


def test_buffered_upserts_wait_for_the_flush_and_a_removal_keeps_their_order():
    engine = FakeEngine()
    state = MatchingState(engine, None, "vacs", "cands")
    state.apply(upserted("c-1"), buffered=True)
    state.apply(upserted("c-2"), buffered=True)
    assert engine.calls == []
    state.apply(Record("cands", 0, 2, "c-1", None), buffered=True)
    state.apply(upserted("c-3"), buffered=True)
    state.flush()
    assert engine.calls == [("upsert", ["c-1", "c-2"]), ("remove", "c-1"), ("upsert", ["c-3"])]


def test_an_unbuffered_upsert_is_applied_at_once():
    engine = FakeEngine()
    MatchingState(engine, None, "vacs", "cands").apply(upserted("c-1"))
    assert engine.calls == [("upsert", ["c-1"])]
