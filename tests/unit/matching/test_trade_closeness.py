"""Later work in a trade close to an earlier one is no career change away from it (issue 11; outside
tester 36, H5; session 38, helper `rank38`): `RankingParams.trade_closeness`, `SkillSpace.trade_closeness`,
`vectors.close_years`.

A nurse working on as a healthcare assistant while her degree is recognised had her nursing halved
as a career changer's (`test_nurse_later_care_work_h5.py`). "Close" is a property of the two
occupations in ESCO, not a list of trades: the larger share of either's specific essential skills
that the other's profile lists. What a user relies on: such later work never lowers an earlier
spell's weight, a change to an unrelated trade still costs what it did (outside tester 35, F1's
teacher now an assistant), and the tie-break stays below the identity weight (the stage-1 bound's
premise)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.matching.index.domain.model import WorkExperience
from services.matching.index.domain.params import RankingParams
from services.matching.index.domain.vectors import (
    calendar_shares,
    close_years,
    compact_candidate,
    continued_years,
    experience_tenure,
    experience_weight,
    latest_year,
    spell_weights,
)

from .conftest import TODAY, candidate, esco_occupation

Y = TODAY.year
P = RankingParams()


def _close(esco, esco_space, a: str, b: str) -> float:
    at = esco.occupation_index
    return esco_space.trade_closeness(at[esco_occupation(esco, a)], at[esco_occupation(esco, b)])


def test_closeness_is_symmetric_and_reads_the_trades_from_their_essential_skills(esco, esco_space):
    """Real ESCO: a nurse and a healthcare assistant are close (0.60: most of the assistant's
    specific essential skills are in the nurse's profile), as a pharmacist and a pharmacy
    assistant; a plumber and a carpenter share construction-generic skills only (0.32), an early
    years teacher and an assistant, a nurse and a shop assistant, a plumber and a warehouse worker
    nothing."""
    lo, hi = esco_space.params.trade_closeness
    nurse, hca = "nurse responsible for general care", "healthcare assistant"
    assert _close(esco, esco_space, nurse, nurse) == 1.0
    assert _close(esco, esco_space, nurse, hca) == _close(esco, esco_space, hca, nurse) >= hi
    assert _close(esco, esco_space, "pharmacist", "pharmacy assistant") >= hi
    for a, b in (
        ("plumber", "carpenter"),
        ("electrician", "electrical engineer"),
        ("early years teacher", hca),
        (nurse, "shop assistant"),
        ("plumber", "warehouse worker"),
    ):
        assert _close(esco, esco_space, a, b) <= lo, (a, b)


def _weights(esco, space, history):
    row = compact_candidate(candidate("c", {}, experience=history), space, Y)
    return dict(zip(row.occupations, row.occupation_weights, strict=True))


def test_a_nurse_s_later_years_as_an_assistant_do_not_discount_her_nursing(esco, esco_space):
    """Nine years of nursing to 2023, then an assistant's job since 2024: her nursing keeps what the
    age and the year without work leave, 0.5^(3/20) x (0.75 + 0.25 x 0.5^(1/5)) = 0.872, as the
    idle nurse's 0.871; with the rule off the two assistant's years halve it as a change: 0.825."""
    nurse = esco_occupation(esco, "nurse responsible for general care")
    hca = esco_occupation(esco, "healthcare assistant")
    history = (WorkExperience(nurse, 9.0, Y - 3), WorkExperience(hca, 2.0))
    at = esco.occupation_index[nurse]
    on = _weights(esco, esco_space, history)[at]
    off = _weights(esco, replace(esco_space, params=replace(P, trade_closeness=None)), history)[at]
    assert on == pytest.approx(0.5 ** (3 / 20) * (0.75 + 0.25 * 0.5 ** (1 / 5)))
    assert off == pytest.approx(0.5 ** (3 / 20) * (0.75 + 0.25 * 0.5 ** (3 / 5)))
    idle = _weights(esco, esco_space, (WorkExperience(nurse, 6.0, Y - 4),))[at]
    assert on >= idle - 0.005


def test_a_change_to_an_unrelated_trade_still_costs_what_it_did(esco, esco_space):
    """Outside tester 35, F1's early years teacher (5.7 years to 2023, then 3.5 years as an assistant)
    and a nurse now a shop assistant: trades that share nothing, so the rule changes no weight."""
    off = replace(esco_space, params=replace(P, trade_closeness=None))
    teacher = esco_occupation(esco, "early years teacher")
    hca = esco_occupation(esco, "healthcare assistant")
    nurse = esco_occupation(esco, "nurse responsible for general care")
    shop = esco_occupation(esco, "shop assistant")
    for history in (
        (WorkExperience(teacher, 5.7, Y - 3), WorkExperience(hca, 3.5)),
        (WorkExperience(nurse, 4.0, Y - 5), WorkExperience(shop, 5.0)),
    ):
        assert _weights(esco, esco_space, history) == pytest.approx(_weights(esco, off, history))


_spell = st.tuples(
    st.floats(0.1, 15.0, allow_nan=False),
    st.one_of(st.none(), st.integers(Y - 25, Y)),
)


@st.composite
def _history(draw):
    spells = draw(st.lists(_spell, min_size=1, max_size=4))
    n = len(spells)
    cell = st.floats(0.0, 1.0, allow_nan=False)
    cont = draw(st.lists(st.lists(cell, min_size=n, max_size=n), min_size=n, max_size=n))
    close = draw(st.lists(st.lists(cell, min_size=n, max_size=n), min_size=n, max_size=n))
    more = [[min(1.0, c + draw(cell)) for c in row] for row in close]
    history = tuple(WorkExperience(f"o{i}", y, e) for i, (y, e) in enumerate(spells))
    return history, cont, close, more


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_history())
def test_closeness_never_lowers_a_spell_and_none_reads_as_off(case):
    """Any history of one to four spells, any continuity and closeness in [0, 1]: every spell's
    weight with the rule on is in (0, 1], at least its weight off, and no lower for closer trades;
    closeness 0 everywhere gives the weights off exactly."""
    history, cont, close, more = case

    def of(m):
        return lambda i, j: m[i][j]

    off = spell_weights(history, Y, P, of(cont))
    zero = spell_weights(history, Y, P, of(cont), lambda i, j: 0.0)
    on = spell_weights(history, Y, P, of(cont), of(close))
    closer = spell_weights(history, Y, P, of(cont), of(more))
    assert zero == off
    for a, b, c in zip(off, on, closer, strict=True):
        assert 0.0 <= a <= b + 1e-12 and b <= c + 1e-12 and c <= 1.0 + 1e-12


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_history())
def test_with_close_trades_the_tie_break_stays_below_the_identity_weight(case):
    """`experience_tenure` <= `experience_weight` for every spell with the same close years: the
    premise of stage 1's bound of the experience part (`RankingParams.experience_match_weight`)."""
    history, cont, close, _ = case

    def of(m):
        return lambda i, j: m[i][j]

    latest = latest_year(history, Y)
    _, changed = calendar_shares(
        history, Y, of(cont), P.change_of_job_keeps_years, P.nested_spell_years, of(close)
    )
    kept = continued_years(history, Y, of(cont))
    near = close_years(history, Y, of(cont), of(close))
    for w, c, ch, cl in zip(history, kept, changed, near, strict=True):
        assert cl >= 0.0 and ch >= 0.0
        identity = experience_weight(w.years, w.ended_year, Y, P, latest, c, ch, cl)
        assert experience_tenure(w.years, w.ended_year, Y, P, latest, c, ch, cl) <= identity + 1e-12


def test_the_band_is_checked():
    with pytest.raises(ValueError, match="trade_closeness"):
        RankingParams(trade_closeness=(0.5, 0.5))
    assert RankingParams(trade_closeness=None).trade_closeness is None
