"""The engine compiles its numba kernels when it starts (`kernels.warm_up`), not in a caller's first
shortlist: a kernel first called with argument types warm-up did not compile stops that request for
the compile (10-20 s of CPU on a fresh machine or after an upgrade) and, in the test suite, every
process that ranks compiles it once more."""

from __future__ import annotations

import pytest

from services.matching.index.domain import kernels
from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.model import WorkExperience
from tests.unit.matching.conftest import MUNICIPALITIES, TODAY, candidate, vacancy


def _signatures() -> dict[str, set[str]]:
    """kernel name -> the argument types it is compiled for in this process."""
    return {
        name: {str(s) for s in jit._compiled.signatures}
        for name, jit in vars(kernels).items()
        if isinstance(jit, kernels._LazyJit) and jit._compiled is not None
    }


@pytest.mark.skipif(not kernels.jit_enabled(), reason="numba is off or not installed")
def test_ranking_and_explaining_after_the_engine_starts_compile_nothing_more(taxonomy) -> None:
    engine = MatchingEngine(taxonomy, MUNICIPALITIES, clock=lambda: TODAY)
    started = _signatures()
    engine.upsert_candidates(
        [
            candidate(
                "c1", {"s:weld": "expert", "s:mig": "advanced", "s:blue": "basic", "s:safety": "basic"}
            ),
            candidate("c2", {"s:weld": "basic"}, experience=(WorkExperience("o:welder", 5.0, 2024),)),
            candidate("c3", {"s:cook": "expert", "s:weld": "basic"}),
        ]
    )
    engine.merge()
    welder = vacancy(("s:weld", "s:mig", "s:blue", "s:safety"), ("s:tig",), occupation="o:welder")
    entries = engine.shortlist(welder, viewer_org=None, today=TODAY)
    assert {e.candidate_id for e in entries} >= {"c1", "c2"}
    engine.explain(welder, "c2", viewer_org=None, today=TODAY)
    assert _signatures() == started
