"""Another trade's implied skills beside the vacancy's trade (`RankingParams.other_trades_outside`,
`vectors.other_trades_fall`; outside tester 35, F1, the part left open by session 35).

An early years teacher of 5.7 years holding 27 of 27 essential skills of a daycare-teacher ad read
92.7; with one later year as a healthcare assistant 64.1. Her teaching's weight hardly moved (0.872
of 0.901): the assistant's occupation profile, implied by the year of work, entered her skill vector
outside the vacancy and lowered the similarity (0.300 -> 0.213 of its 0.3), and the steep top of the
match scale made that 28 points (`test_career_change_f1.py`). The kind: breadth from another trade
dilutes the evidence that a person meets the vacancy's own trade. Now, beside the spell of the
vacancy's trade, a shorter or older other trade's implied skills outside the vacancy count at
(its length x recency / the trade's)^2, at least `other_trades_outside`; a trade as long and as
recent still counts whole, and nothing else moves.

What a user relies on: a worker of many years in the vacancy's trade who took a year's job in another
loses little of their match for it, in several trades and whether that job has ended or goes on; a
short old trade never lifts a person of another current trade on its vacancies; claims, people of one
occupation and people without history read as before; stage 1's bound stays a bound. Real ESCO."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
import scipy.sparse as sp

from benchmarks.generate import REFERENCE_DAY, generate_candidates, generate_vacancies, load_municipalities
from services.matching.index.domain.model import WorkExperience
from services.matching.index.domain.params import RankingParams
from services.matching.index.domain.vectors import other_trades_fall

from .conftest import TODAY, candidate, esco_occupation, vacancy
from .stage_one import bounded_and_only_rising

ON = replace(RankingParams(), other_trades_outside=0.1, trade_claim_units=0.3)
OFF = replace(RankingParams(), other_trades_outside=1.0, trade_claim_units=0.3)

# (the vacancy's trade, another trade a year of which came later)
PAIRS = (
    ("early years teacher", "healthcare assistant"),
    ("welder", "warehouse worker"),
    ("cook", "domestic cleaner"),
    ("bus driver", "shop assistant"),
    ("plumber", "taxi driver"),
)
YEAR = TODAY.year


def _essential(esco, label: str) -> list[str]:
    o = esco.tables.occupation_labels["en"].index(label)
    return [
        esco.skill_uris[j]
        for j in esco.essential.indices[esco.essential.indptr[o] : esco.essential.indptr[o + 1]]
    ]


@pytest.fixture(scope="module")
def readings(esco, make_esco_engine):
    """Per (trade, other), on a vacancy naming the trade, with the rule on and off: ({person: entry},
    {person: entry}). People: six years in the trade ended last year ("alone"); the same and a year in
    the other trade ended this year ("ended") or still going on ("current"); the other trade current
    for six years after two years of the trade ended seven years ago ("changer"); one year in the trade
    beside claims of its essential skills ("claims"); and people of other trades."""
    people = []
    for trade, other in PAIRS:
        t, o = esco_occupation(esco, trade), esco_occupation(esco, other)
        own = WorkExperience(t, 6.0, YEAR - 1)
        people += [
            candidate(f"{trade}:alone", experience=(own,)),
            candidate(f"{trade}:ended", experience=(own, WorkExperience(o, 1.0, YEAR))),
            candidate(f"{trade}:current", experience=(own, WorkExperience(o, 1.0))),
            candidate(
                f"{trade}:changer", experience=(WorkExperience(o, 6.0), WorkExperience(t, 2.0, YEAR - 7))
            ),
            candidate(
                f"{trade}:claims",
                dict.fromkeys(_essential(esco, trade)[:5], "advanced"),
                experience=(WorkExperience(t, 1.0),),
            ),
            candidate(f"{trade}:other", experience=(WorkExperience(o, 6.0),)),
        ]
    out = {}
    for trade, _ in PAIRS:
        v = vacancy(occupation=esco_occupation(esco, trade), vacancy_id=trade)
        found = []
        for params in (ON, OFF):
            engine = make_esco_engine(people, params)
            entries = engine.shortlist(engine.prepare(v), k=60, viewer_org=None, today=TODAY)
            found.append(
                {e.candidate_id.split(":")[-1]: e for e in entries if e.candidate_id.startswith(trade)}
            )
        out[trade] = tuple(found)
    return out


@pytest.mark.parametrize("trade", [t for t, _ in PAIRS])
@pytest.mark.parametrize("later", ["ended", "current"])
def test_a_later_year_in_another_trade_costs_a_worker_of_the_trade_little_similarity(readings, trade, later):
    """Six years in the vacancy's trade and a year's job in another since, ended or going on: the
    skill similarity stays within 0.01 of the six years alone (of its 0.3; tester 35's teacher lost
    0.087 of it, 28.6 points of match), and the match never falls for the rule. What is left of the
    cost is the career change's, the README's "halved for every five years of later work in another
    trade" (`experience_weight`; a trade of more than five years keeps 0.75 of itself)."""
    on, off = readings[trade]
    sim = "skill_similarity"
    assert on[later].components[sim] >= on["alone"].components[sim] - 0.01, (
        on["alone"].components[sim],
        on[later].components[sim],
        off[later].components[sim],
    )
    assert off[later].components[sim] < on["alone"].components[sim] - 0.02  # the fault, kept
    assert on[later].match >= off[later].match - 1e-9


@pytest.mark.parametrize("trade", [t for t, _ in PAIRS])
def test_a_short_old_trade_beside_a_long_current_one_is_not_lifted_on_its_vacancies(readings, trade):
    """Six current years in another trade after two of the vacancy's ended seven years ago: the other
    trade is longer and more recent, so it counts whole, as before (the history-only family grades
    such a person by their current job)."""
    on, off = readings[trade]
    assert on["changer"].score == pytest.approx(off["changer"].score, abs=1e-9)


@pytest.mark.parametrize("trade", [t for t, _ in PAIRS])
def test_people_of_one_occupation_read_as_before(readings, trade):
    """The rule reads other trades' implied skills only: claims beside one spell, one spell alone,
    and another trade's whole career are untouched."""
    on, off = readings[trade]
    for who in ("alone", "claims", "other"):
        if who in off:
            assert on[who].score == pytest.approx(off[who].score, abs=1e-9), who


def test_the_fall_is_the_other_trade_s_outside_part_at_its_share():
    """`vectors.other_trades_fall` by hand: one row of two spells over four skills. Skill 0 is the
    vacancy's (V); occupation 0 (weight 1, tenure 1) lists skills 0 and 1, occupation 1 (weight 1,
    tenure 0.5) skills 1 and 2; a claim of skill 3. The first spell reaches V, so the second counts
    at max(psi, 0.5^2) = 0.25: outside V, x = (2, 1, 1) at skills 1..3 and d = (0.75, 0.75, 0) there,
    idf 1, so the fall is 0.75 x (4 - 0.75) + 0.75 x (2 - 0.75) = 3.375."""
    experience = sp.csr_matrix(np.array([[1.0, 1.0, 0.0, 0.0], [0.0, 1.0, 1.0, 0.0]]))
    claims = (np.array([0]), np.array([3]), np.array([1.0]))
    history = (np.array([0, 0]), np.array([0, 1]), np.array([1.0, 1.0]))
    tenure = (np.array([0, 0]), np.array([0, 1]), np.array([1.0, 0.5]))
    reach = (np.array([0, 1, 1]), np.array([0]), np.array([1.0]))  # occupation 0 holds V's skill
    outside = np.array([0.0, 1.0, 1.0, 1.0])
    fall = other_trades_fall(1, claims, history, tenure, reach, experience, outside, 0.1, 2.0)
    assert fall == pytest.approx([3.375])
    assert other_trades_fall(
        1, claims, history, tenure, reach, experience, outside, 1.0, 2.0
    ) == pytest.approx([0.0])
    # the second spell as long and as recent as the first counts whole
    same = (tenure[0], tenure[1], np.array([1.0, 1.0]))
    assert other_trades_fall(1, claims, history, same, reach, experience, outside, 0.1, 2.0) == pytest.approx(
        [0.0]
    )


@pytest.mark.parametrize("prune", [False, True])
def test_stage_one_still_bounds_every_exact_score_with_the_rule_on(esco, prune):
    """On the speed benchmark's generated profiles (one to three spells), with the rule on beside
    `trade_claim_units` 0.3 (both rules, compose36): every row's exact score is at most its stage-1
    bound (`Segment.geo_trade_fall`, `query.outside_bound_weight`), pruned or not, no exact score
    falls, and the rule reaches some rows."""
    municipalities = load_municipalities()
    people = list(generate_candidates(esco, 3000, 7, municipalities=municipalities))
    vacancies = list(generate_vacancies(esco, 16, 8, municipalities=municipalities))
    # and vacancies naming the trade of a person of two spells, with their municipality
    two = [c for c in people if len(c.experience) == 2][:16]
    vacancies += [
        replace(
            vacancy(occupation=c.experience[i % 2].occupation_uri, vacancy_id=f"t{i}"),
            municipality=c.municipality,
        )
        for i, c in enumerate(two)
    ]
    reached = bounded_and_only_rising(
        esco, municipalities, people, vacancies, ON, OFF, prune=prune, clock=lambda: REFERENCE_DAY
    )
    assert reached > 0
