"""A withdrawal leaves no list of who withdrew in matching's memory or logs (session 39, `erase39`).

The database keeps each erased pseudonym only as a keyed marker (privacy37: whoever holds an old
pseudonym cannot learn from it that, or when, the person withdrew). The engine kept every withdrawn
pseudonym in plain in memory for the process's life (so that a stale replay stays removed), and the
index feed logged the pseudonym of a record it ignored as withdrawn: both now keep only what says
nothing without the process's key (the engine a keyed digest; the log line the event, not the person:
`test_state.py`).
"""

from __future__ import annotations

from services.matching.index.domain.engine import MatchingEngine
from tests.helpers import objects_holding

from .conftest import MUNICIPALITIES, TODAY, candidate, vacancy

WITHDRAWN = "c-5eb1a6d0c0ffee0000000001"
STAYING = "c-5eb1a6d0c0ffee0000000002"


def _welders(engine: MatchingEngine) -> list[str]:
    prepared = engine.prepare(vacancy(essential=("s:weld",)))
    return [e.candidate_id for e in engine.shortlist(prepared, viewer_org=None, today=TODAY)]


def test_the_engine_keeps_no_withdrawn_pseudonym_and_a_stale_replay_stays_removed(taxonomy):
    engine = MatchingEngine(taxonomy, MUNICIPALITIES, clock=lambda: TODAY)
    engine.bulk_load(
        [candidate(WITHDRAWN, {"s:weld": "expert"}, version=3), candidate(STAYING, {"s:weld": "basic"})]
    )
    assert engine.remove_candidate(WITHDRAWN)
    held = [k for k in engine._removed if isinstance(k, str) or WITHDRAWN.encode() in k]
    assert held == [] and len(engine._removed) == 1
    assert objects_holding(engine._removed, WITHDRAWN) == []
    # what the removals are kept for still holds: a replay of an older or the same version stays out
    assert engine.upsert_candidate(candidate(WITHDRAWN, {"s:weld": "expert"}, version=3)) is False
    assert engine.bulk_load([candidate(WITHDRAWN, {"s:weld": "expert"}, version=2)]) == 0
    assert _welders(engine) == [STAYING]
    assert engine.indexed_version(WITHDRAWN) is None
