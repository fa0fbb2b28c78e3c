"""Issue 11, the two-occupations family (session 40, `hist40`): a person who claims much of the
vacancy's occupation V but works now in an unrelated trade B, against a worker of a sibling of V's
ISCO-08 unit group.

On the ranking benchmark's occupation vacancies (tuning half) the label's people working elsewhere
held 0.80 of the engine's top 10 in session 21 and 0.08 in session 39, while the unit group's
relatives rose from 0.07 to 0.48. Measured one rule at a time (docs/benchmarks.md, session 40): the
occupation inference's history anchor (`RankingParams.occupation_history_anchor`, session 31) does
it; ESCO's narrower / broader occupations at 0.943 (`occupation_lineage_share`, session 30) are the
rest of the relatives. The anchor reads a person with claims and a spell as a mixture in which a
spell of B stands for its whole ESCO profile, so 14 of the plumber's 21 essential skills claimed
beside six current years in a warehouse read plumber 0.18, agreement 0.19 by the essential skills
held, below a heating technician's 3/7 by work history. Every lower anchor tried breaks an outside
tester's promise kept by it (0.5: tester 31's F5, a few claims beside a forklift operator's spell are
no bus driver; 0.25: F3, a spell names its own occupation above 0.8; 0: tester 30's T30-2, an
electrical engineer of eight years claiming five of an electrician's essential skills is no
electrician), and 0.5 does not reverse this pair either. Which order a recruiter wants here is not
settled (six years in the plumber's own unit group against self-reported claims; the lead's note on
issue 11): these tests pin what the anchor does, not a promise to a recruiter.

Real ESCO, default parameters unless named."""

from __future__ import annotations

from services.matching.index.domain.model import WorkExperience
from services.matching.index.domain.params import RankingParams

from .conftest import TODAY, candidate, esco_occupation, vacancy


def _people(esco) -> list:
    def essential(label: str, n: int) -> dict[str, str]:
        o = esco.occupation_index[esco_occupation(esco, label)]
        return {esco.skill_uris[j]: "intermediate" for j in esco.essential[o].indices[:n]}

    def spell(label: str) -> tuple[WorkExperience, ...]:
        return (WorkExperience(esco_occupation(esco, label), 6.0, None),)

    return [
        # 14 of the plumber's 21 essential skills, six current years in a warehouse (ISCO 9321)
        candidate("retrained", essential("plumber", 14), experience=spell("warehouse worker")),
        # six current years as a heating technician, the plumber's unit group (7126) but not ESCO's
        # narrower or broader occupation of it, four of its own essential skills claimed
        candidate("sibling", essential("heating technician", 4), experience=spell("heating technician")),
    ]


def _order(esco, make_esco_engine, params: RankingParams | None = None) -> list[str]:
    engine = make_esco_engine(_people(esco), params)
    ad = vacancy(occupation=esco_occupation(esco, "plumber"), title="Putkiasentaja", vacancy_id="v-plumber")
    return [e.candidate_id for e in engine.shortlist(engine.prepare(ad), k=5, viewer_org=None, today=TODAY)]


def test_without_the_history_anchor_the_claims_read_the_trade_and_rank_first(esco, make_esco_engine):
    """Which rule does it: with the anchor off (the inference's joint posterior, before session 31)
    the same two people are in the recruiter's order, the claims read as the plumber."""
    assert _order(esco, make_esco_engine, RankingParams(occupation_history_anchor=0.0)) == [
        "retrained",
        "sibling",
    ]


def test_half_the_anchor_is_not_enough(esco, make_esco_engine):
    """`occupation_history_anchor` 0.5 (which already breaks tester 31's F5, `test_band_share_order.py`)
    leaves the order: the claims' share of the mixture, about a third of the person, reads below the
    unit group."""
    assert _order(esco, make_esco_engine, RankingParams(occupation_history_anchor=0.5)) == [
        "sibling",
        "retrained",
    ]
