"""The two rules that reduce a candidate's part outside the vacancy's skills, together (issue 11;
session 36, helper `compose36`): `RankingParams.trade_claim_units` (phi: a claim of the row's own
work history's trade counts times phi beside that history) and `other_trades_outside` (psi: another
spell's implied skills count at their share beside the spell of the vacancy's trade).

The fault (later36's report, decision 1): each rule computed its own fall of the outside part from
the undiscounted history, so where a claim of the history's trade and another spell's implied skill
fall on one outside skill, the two together took 2 (1 - phi) c (h - a) too much: phi 0.3, c 1, h 1,
a 0.1 left -1.1 of that skill's (c + h)^2 = 4, where the two rules mean (phi c + a)^2 = 0.16, and
stage 1's bound could fall below the exact score. Now the second fall is computed on the first's
vector, so the outside part is exactly sum over skills j outside V of idf_j^2 (phi_j c_j + a_j)^2,
and `Segment.geo_trade_fall` holds, per row, the most both can take for any vacancy.

What a user relies on: a candidate's outside part is what the two rules mean together, skill by
skill, never less (so a claim and another trade on one skill do not lift a person past what either
rule gives); shortlists stay exact (stage 1 bounds every exact score, pruned or not). Real ESCO,
the speed benchmark's generated profiles."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
import scipy.sparse as sp

from benchmarks.generate import REFERENCE_DAY, generate_candidates, generate_vacancies, load_municipalities
from services.matching.index.domain import scoring
from services.matching.index.domain.arrays import gather_rows, row_positions
from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.params import RankingParams
from services.matching.index.domain.scoring import EPS
from services.matching.index.domain.segment import tenure_of
from services.matching.index.domain.vectors import claim_falls, other_trades_fall

from .conftest import vacancy
from .stage_one import stage_one

PHI, PSI, POWER = 0.3, 0.1, 2.0
BOTH = replace(RankingParams(), trade_claim_units=PHI, other_trades_outside=PSI, other_trades_power=POWER)


def test_a_claim_and_another_trade_on_one_skill_leave_what_the_two_rules_mean():
    """later36's example by hand: one row, skill 0 the vacancy's (V), skill 1 outside it. Occupation
    0 (the vacancy's trade, weight 1, tenure 1) gives skill 0 and its unit group's profiles list
    skill 1; occupation 1 (weight 1, tenure 0.1, so it counts at max(psi, 0.1^2) = psi) gives skill 1;
    the row claims skill 1 (c 1). Outside V, (c + h)^2 = 4; the two rules mean (phi c + psi h)^2 =
    0.16, so together they fall by 3.84: the trade fall 0.91 + 1.4 = 2.31 and the other trades' fall
    on the vector after it (x = 1.3, d = 0.9) 1.53. Each from the undiscounted vector would have
    fallen by 2.31 + 2.79 = 5.1 and left -1.1."""
    skills_of = sp.csr_matrix(np.array([[1.0, 0.0], [0.0, 1.0]]))
    trade = sp.csr_matrix(np.array([[0.0, 1.0], [0.0, 0.0]]))
    idf = np.ones(2)
    claims_m = sp.csr_matrix(np.array([[0.0, 1.0]]))
    experience_m = sp.csr_matrix(np.array([[1.0, 1.0]]))
    trade_fall = claim_falls(claims_m, experience_m, skills_of, trade, idf, PHI)
    assert trade_fall == pytest.approx([2.31])
    claims = (np.array([0]), np.array([1]), np.array([1.0]))
    history = (np.array([0, 0]), np.array([0, 1]), np.array([1.0, 1.0]))
    tenure = (np.array([0, 0]), np.array([0, 1]), np.array([1.0, 0.1]))
    reach = (np.array([0, 1, 1]), np.array([0]), np.array([1.0]))  # occupation 0 holds V's skill
    outside = np.array([0.0, 1.0])
    other = other_trades_fall(1, claims, history, tenure, reach, skills_of, outside, PSI, POWER, trade, PHI)
    assert other == pytest.approx([1.53])
    assert 4.0 - trade_fall[0] - other[0] == pytest.approx(0.16)
    # without the trade rule (phi 1) the other trades' fall is read on the whole claim
    alone = other_trades_fall(1, claims, history, tenure, reach, skills_of, outside, PSI, POWER, None, 1.0)
    assert 4.0 - alone[0] == pytest.approx((1.0 + 0.1) ** 2)


@pytest.fixture(scope="module")
def generated(esco):
    """3,000 generated profiles (one to three spells), 16 generated vacancies and 16 naming the trade
    of a person of two spells in their municipality (so the other-trades rule reaches rows), with an
    engine per setting: both rules on, each alone, both off."""
    municipalities = load_municipalities()
    people = list(generate_candidates(esco, 3000, 7, municipalities=municipalities))
    vacancies = list(generate_vacancies(esco, 16, 8, municipalities=municipalities))
    two = [c for c in people if len(c.experience) == 2][:16]
    vacancies += [
        replace(
            vacancy(occupation=c.experience[i % 2].occupation_uri, vacancy_id=f"t{i}"),
            municipality=c.municipality,
        )
        for i, c in enumerate(two)
    ]
    settings = {
        "both": BOTH,
        "trade": replace(BOTH, other_trades_outside=1.0),
        "other": replace(BOTH, trade_claim_units=1.0),
        "off": replace(BOTH, trade_claim_units=1.0, other_trades_outside=1.0),
        # every later job sharing any specific essential skill with an earlier one's trade counts as
        # close (`trade_closeness`, session 38): the stored spell weights and tenures it changes
        # reach many more rows than the default band's
        "close": replace(BOTH, trade_closeness=(0.0, 0.05)),
    }
    engines = {}
    for name, params in settings.items():
        engine = MatchingEngine(esco, municipalities, params, clock=lambda: REFERENCE_DAY)
        engine.bulk_load(people)
        engines[name] = engine
    return engines, vacancies


def _entries(m: sp.csr_matrix, r: int) -> list[tuple[int, float]]:
    lo, hi = m.indptr[r], m.indptr[r + 1]
    return list(zip(m.indices[lo:hi].tolist(), m.data[lo:hi].astype(np.float64).tolist(), strict=True))


def _row_of(m: sp.csr_matrix, rows: dict[int, dict[int, float]], o: int) -> dict[int, float]:
    """Row o of `m` as {column: value}, read once into `rows` (a scipy element lookup per skill and
    spell made this reference most of the module's time; the values are the same)."""
    if o not in rows:
        assert m.has_canonical_format  # no repeated column in a row: a dict holds what m[o, j] sums
        rows[o] = dict(_entries(m, o))
    return rows[o]


def _reference_outside(
    engine, seg, xw, q, r: int, idf: np.ndarray, read: dict[str, dict[int, dict[int, float]]] | None = None
) -> tuple[float, float, bool]:
    """Row r's outside part before and after both rules, read skill by skill: (b^2, sum over skills
    j outside V of idf_j^2 (phi_j c_j + a_j)^2, whether a claim of the row's trade and a discounted
    other spell meet on one skill outside V)."""
    space = engine._space
    p = engine.params
    own = q.skills[: q.n_own]
    inside = set(own[xw.own_hat > 0].tolist())
    spells = _entries(seg.experience, r)
    tenure = dict(_entries(tenure_of(seg), r))
    # s: the spell reaching furthest into V (weight x the occupation's skills there x idf x q^)
    indptr, column, value = xw.own_experience
    reach = {
        o: w
        * sum(
            value[k] * xw.own_idf[column[k]] * xw.own_hat[column[k]] for k in range(indptr[o], indptr[o + 1])
        )
        for o, w in spells
    }
    keep = {o: 1.0 for o, _ in spells}
    if len(spells) >= 2 and p.other_trades_outside < 1.0:
        s = max(spells, key=lambda e: reach[e[0]])[0]  # the first of the largest
        if reach[s] > 0 and tenure.get(s, 0.0) > 0:
            for o, _ in spells:
                if o != s:
                    ratio = (tenure.get(o, 0.0) / tenure[s]) ** p.other_trades_power
                    keep[o] = min(1.0, max(p.other_trades_outside, ratio))
    claims = dict(_entries(seg.claims, r))
    skills = set(claims)
    for o, _ in spells:
        skills |= set(
            space.experience.indices[space.experience.indptr[o] : space.experience.indptr[o + 1]].tolist()
        )
    read = {"experience": {}, "trade": {}} if read is None else read
    experience = {o: _row_of(space.experience, read["experience"], o) for o, _ in spells}
    trade = None if space.trade is None else {o: _row_of(space.trade, read["trade"], o) for o, _ in spells}
    before = after = 0.0
    met = False
    for j in skills - inside:
        c = claims.get(j, 0.0)
        h = sum(w * experience[o].get(j, 0.0) for o, w in spells)
        a = sum(keep[o] * w * experience[o].get(j, 0.0) for o, w in spells)
        of_trade = trade is not None and any(trade[o].get(j, 0.0) > 0 for o, _ in spells)
        phi_j = float(p.trade_claim_units) if of_trade else 1.0
        before += idf[j] ** 2 * (c + h) ** 2
        after += idf[j] ** 2 * (phi_j * c + a) ** 2
        met |= bool(c > 0 and phi_j < 1.0 and a < h - 1e-9)
    return before, after, met


@pytest.mark.parametrize("setting", ["both", "close"])
def test_both_rules_together_equal_the_rules_read_skill_by_skill(generated, setting):
    """The fast path (`scoring._trade_claims_fall`, then `scoring._other_trades_fall` on its vector)
    takes from each row's outside part exactly b^2 - sum over skills j outside V of idf_j^2
    (phi_j c_j + a_j)^2, read skill by skill from the row's claims, spells, tenures and the unit
    groups' profiles; the rows where a claim of the trade and a discounted other spell meet on one
    skill (the fault's rows) are among them; and the stored stage-1 fall (`Segment.geo_trade_fall`)
    is at least that fall for every row; also with every later job in a trade sharing skills with
    an earlier one counted close (`trade_closeness`: other stored weights and tenures)."""
    engines, vacancies = generated
    engine = engines[setting]
    snap = engine._snapshot
    seg = snap.main
    idf = np.asarray(snap.idf, dtype=np.float64)
    geo_fall = np.zeros(len(seg))
    assert seg.geo_trade_fall is not None
    geo_fall[seg.geo_row] = seg.geo_trade_fall
    two = np.flatnonzero(np.diff(seg.experience.indptr) >= 2)
    rows = np.union1d(two[:: max(1, len(two) // 250)], np.arange(0, len(seg), 97)).astype(np.int64)
    met_rows = reached = 0
    read: dict[str, dict[int, dict[int, float]]] = {"experience": {}, "trade": {}}  # the unit groups' rows
    for v in vacancies[::2]:
        qw = engine._weights(snap, engine.prepare(v), prune=False)
        q, xw = qw.query, qw.exact
        n, n_own = len(rows), q.n_own
        at_c, u, w_c = scoring._query_claims(seg, rows, q)
        at_o, occ, w_o = gather_rows(seg.experience, rows)
        indptr, column, value = xw.own_experience
        which, idx = row_positions(indptr, occ)
        raw_v = scoring._own_block(
            at_c, u, w_c, n, n_own, (at_o[which] * n_own + column[idx], w_o[which] * value[idx])
        )
        trade = scoring._trade_claims_fall(
            seg, rows, q, xw, engine.params, (at_o, occ, w_o), (at_c, u, w_c, raw_v)
        )
        other = scoring._other_trades_fall(seg, rows, q, xw, engine.params, (at_o, occ, w_o))
        got = trade + other
        expected = np.zeros(n)
        for i, r in enumerate(rows.tolist()):
            before, after, met = _reference_outside(engine, seg, xw, q, r, idf, read)
            expected[i] = before - after
            met_rows += met
        scale = 1e-5 * float(np.max(expected)) + 1e-9
        np.testing.assert_allclose(got, expected, rtol=1e-5, atol=scale)
        assert np.all(geo_fall[rows] >= got - scale)
        reached += int(np.count_nonzero(other > 0))
    assert reached > 0
    assert met_rows > 0


@pytest.mark.parametrize("setting", ["both", "other", "close"])
def test_the_compiled_fall_equals_the_numpy_one(generated, monkeypatch, setting):
    """`kernels.compiled_other_trades_fall` (one pass over each row's spells, tenures and claims,
    what a request runs) gives `vectors.other_trades_fall`'s numbers (the numpy path, checked against
    the skill-by-skill reading above) on every vacancy, for every row with two occupations or more
    and a sample of the others, with the trade rule on and off."""
    engines, vacancies = generated
    engine = engines[setting]
    snap = engine._snapshot
    seg = snap.main
    rows = np.arange(0, len(seg), 3, dtype=np.int64)
    history = gather_rows(seg.experience, rows)
    reached = 0
    for v in vacancies:
        qw = engine._weights(snap, engine.prepare(v), prune=False)
        monkeypatch.setenv("KOHTAANTO_NUMBA", "0")
        plain = scoring._other_trades_fall(seg, rows, qw.query, qw.exact, engine.params, history)
        monkeypatch.setenv("KOHTAANTO_NUMBA", "1")
        compiled = scoring._other_trades_fall(seg, rows, qw.query, qw.exact, engine.params, history)
        np.testing.assert_allclose(
            compiled, plain, rtol=1e-9, atol=1e-12 * (1.0 + float(plain.max(initial=0.0)))
        )
        reached += int(np.count_nonzero(plain > 0))
    assert reached > 0


@pytest.mark.parametrize("setting", ["both", "other", "close"])
@pytest.mark.parametrize("prune", [False, True])
def test_stage_one_bounds_every_exact_score_with_both_rules_on(generated, prune, setting):
    """Shortlists stay exact with both rules on, and with the other-trades rule alone (its stored
    stage-1 fall without a trade fall): every near row's exact score is at most its stage-1 bound
    (plus what its pruned work-history columns can add), pruned or not."""
    engines, vacancies = generated
    assert engines[setting]._snapshot.main.geo_trade_fall is not None
    for v in vacancies:
        on = stage_one(engines[setting], engines[setting].prepare(v), prune=prune)
        assert np.all(on.exact <= on.ub + on.history() + EPS)


def test_both_rules_lift_no_one_past_the_rules_read_together(generated):
    """Every row's exact score with both rules on is at least its score with either alone (each
    only shrinks the outside part) and rows of one occupation read as with the trade rule alone."""
    engines, vacancies = generated
    seg = engines["both"]._snapshot.main
    one = set(np.flatnonzero(np.diff(seg.experience.indptr) < 2).tolist())
    for v in vacancies[:8]:
        read = {
            k: stage_one(engines[k], engines[k].prepare(v), prune=False) for k in ("both", "trade", "other")
        }
        both = dict(zip(read["both"].rows.tolist(), read["both"].exact.tolist(), strict=True))
        for k in ("trade", "other"):
            alone = dict(zip(read[k].rows.tolist(), read[k].exact.tolist(), strict=True))
            same = set(both) & set(alone)
            assert all(both[r] >= alone[r] - 1e-9 for r in same)
            if k == "trade":
                assert all(both[r] == pytest.approx(alone[r], abs=1e-9) for r in same & one)
