"""A complete candidate reads as complete (issue 11, item 4; session 18): the examples, kept.
A candidate holding every essential skill of a vacancy's occupation plus skills of other trades
scores below candidates holding half of the essential skills and nothing else (a bus driver of
eight years with ten noted skills of other trades: raw 0.721, match 59, below 8 / 32 essential
skills claimed at 0.735), because the skills outside the vacancy count whole against the skill
similarity (`RankingParams.outside_skill_weight` 1); and a cook claiming all 16 of a cook's
essential skills reads 58.8, because the occupation inference splits that profile between the
cook (0.64) and ESCO's near-duplicate grill and fish cooks. At outside weight 0.03 the first is
fixed, but the tuning half's two-occupations family loses 0.07 NDCG@10 (docs/benchmarks.md,
session 18), so the default stays and the recruiter's expectation is an open, strict xfail.
Real ESCO data, one small pool."""

from __future__ import annotations

import numpy as np
import pytest

from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.model import WorkExperience
from services.matching.index.domain.params import RankingParams

from .conftest import MUNICIPALITIES, TODAY, candidate, vacancy

TRADES = ("bus driver", "cook", "welder")


def _row(m, o: int) -> np.ndarray:
    return m.indices[m.indptr[o] : m.indptr[o + 1]]


LITTLE = RankingParams(outside_skill_weight=0.03)
OPEN = pytest.mark.xfail(
    strict=True,
    reason="issue 11 item 4, open: skills of other trades count whole (outside_skill_weight 1); "
    "0.03 fixes this but costs the two-occupations family 0.07 NDCG@10 (session 18); session 40: "
    "-0.032 under the label, none under the recruiter's reading, the rest unmeasured (docs/benchmarks.md)",
)

SPLIT = pytest.mark.xfail(
    strict=True,
    reason="issue 11 item 4, open: the occupation inference splits a complete cook between ESCO's "
    "near-duplicate cooks (agreement 0.79); near-duplicate credit cost 0.010-0.026 NDCG@10 (session 18)",
)


@pytest.fixture(scope="module", params=["default", "little"])
def world(esco, request):
    """400 people of other occupations (up to 12 of their essential skills each); per trade, people
    with eight years in it and 0, 5 or 10 claimed skills of other trades, people claiming all of
    its essential skills with 0, 5 or 10 such skills, and people claiming 3/4, 1/2 and 1/4 of them."""
    en = esco.tables.occupation_labels["en"]
    targets = [en.index(t) for t in TRADES]
    params = RankingParams() if request.param == "default" else LITTLE
    engine = MatchingEngine(esco, MUNICIPALITIES, params, clock=lambda: TODAY)
    rng = np.random.default_rng(18)
    for k, other in enumerate(rng.choice(esco.n_occupations, 400, replace=False)):
        own = _row(esco.essential, int(other))
        if int(other) not in targets and len(own):
            picked = rng.choice(own, min(len(own), 12), replace=False)
            engine.upsert_candidate(candidate(f"other{k}", {esco.skill_uris[j]: "advanced" for j in picked}))
    for name, o in zip(TRADES, targets, strict=True):
        ess = [esco.skill_uris[j] for j in _row(esco.essential, o)]
        profile = set(_row(esco.essential, o)) | set(_row(esco.optional, o))
        extra = [esco.skill_uris[j] for j in rng.permutation(esco.n_skills) if j not in profile][:10]
        history = (WorkExperience(esco.occupation_uris[o], 8.0),)
        held = {u: "advanced" for u in ess}
        people = {
            "history": ({}, history),
            "history+5": (dict.fromkeys(extra[:5], "advanced"), history),
            "history+10": (dict.fromkeys(extra, "advanced"), history),
            "claims": (held, ()),
            "claims+5": ({**held, **dict.fromkeys(extra[:5], "advanced")}, ()),
            "claims+10": ({**held, **dict.fromkeys(extra, "advanced")}, ()),
            "3/4": ({u: "advanced" for u in ess[: 3 * len(ess) // 4]}, ()),
            "1/2": ({u: "advanced" for u in ess[: len(ess) // 2]}, ()),
            "1/4": ({u: "advanced" for u in ess[: len(ess) // 4]}, ()),
        }
        for pid, (skills, experience) in people.items():
            engine.upsert_candidate(candidate(f"{name}:{pid}", skills, experience=experience))
    return (
        engine,
        {name: esco.occupation_uris[o] for name, o in zip(TRADES, targets, strict=True)},
        request.param,
    )


def _shortlist(engine, occupation):
    entries = engine.shortlist(
        engine.prepare(vacancy(occupation=occupation)), k=60, viewer_org=None, today=TODAY
    )
    return {e.candidate_id: (rank, e) for rank, e in enumerate(entries, start=1)}


@pytest.mark.parametrize("trade", TRADES)
def test_a_complete_candidate_with_other_trades_ranks_above_partial_ones(world, trade, request):
    """Eight years in the trade, or every essential skill claimed, with 5 or 10 skills of other
    trades on top ranks above everyone holding three quarters of the essential skills or fewer and
    nothing else, and reads above them. Holds with other trades counting little (0.03); open with
    the default (1): before and after session 18 the bus driver with 10 scores 0.721 against
    0.735 for 8 / 32 claimed, the welder with 10 reads 66 against 77 for 27 / 36 (the cook holds:
    partial cooks' occupation agreement is low)."""
    engine, uris, which = world
    if which == "default" and trade != "cook":
        request.applymarker(OPEN)
    got = _shortlist(engine, uris[trade])
    partial = [got[f"{trade}:{p}"] for p in ("3/4", "1/2", "1/4")]
    for pid in ("history+5", "history+10", "claims+5", "claims+10"):
        rank, e = got[f"{trade}:{pid}"]
        assert not e.missing_essential, pid  # complete
        assert all(rank < r and e.match > p.match for r, p in partial), (pid, rank, e.match)


@pytest.mark.parametrize("trade", TRADES)
def test_skills_of_other_trades_cost_a_complete_candidate_little(world, trade, request):
    """Ten skills of other trades never lift a candidate and, counting little (0.03), cost a
    complete one at most 10 points with a work history (whose skills count 0.3 each against a
    claim's 1) and 2 with claims (bus driver 93.7 / 90.7 / 84.6 and 90.3 / 89.8 / 89.1 on
    2026-12-03; with the default, 93.7 / 62.2 / 59.1)."""
    engine, uris, which = world
    if which == "default":
        request.applymarker(OPEN)
    got = _shortlist(engine, uris[trade])
    for base, most in (("history", 10), ("claims", 2)):
        m = [got[f"{trade}:{base}{x}"][1].match for x in ("", "+5", "+10")]
        assert m[0] >= m[1] >= m[2], (base, m)
        assert m[0] - m[2] <= most, (base, m)


@SPLIT
def test_a_cook_claiming_every_essential_skill_reads_as_complete(world):
    """The claims-only complete cook reads 58.8 (either weight): the inference splits the profile
    between the cook (0.64) and the grill and fish cooks, ESCO's near-duplicates of one unit group
    (15 of the cook's 16 essential skills are theirs), and agreement is 0.79. Giving such
    near-duplicates the occupation's credit (share of shared essential skills to the 4th power)
    read it at 70.6 but cost the tuning half 0.010 (partial-25, occupation) and 0.026 (skills)
    NDCG@10 (session 18)."""
    engine, uris, _ = world
    got = _shortlist(engine, uris["cook"])
    rank, e = got["cook:claims"]
    assert all(rank < got[f"cook:{p}"][0] for p in ("3/4", "1/2", "1/4"))
    assert e.match >= 85, e.match
