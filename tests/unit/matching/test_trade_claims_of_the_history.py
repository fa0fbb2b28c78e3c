"""The narrower rule for outside tester 34's F2 (session 35, helper `f2rule35`): a claim outside the
vacancy's skills that the candidate's own work history is evidence of, a skill of a spell's ISCO-08
unit group's profiles, counts times `RankingParams.trade_claim_units` (phi) in the similarity's
outside part beside that history; a claim of another trade still counts whole. On by default at phi 0.3
since session 36 (`f2on36`: each row's fall stored at index time, stage 1 loosened only where it is
positive); the tester's nurse is not reached by it (her *use electronic health records management
system* is in no profile of ISCO 5321 nor of minor group 532).

What a user relies on, with the rule on: a bus driver, a welder or a healthcare assistant of twelve
years who also claims a skill of a neighbouring occupation of their own unit group is not pulled far
down; a career changer's claims of their first trade beside work in the vacancy's trade still count
whole (the two-occupations family, which outside34's every-claim rule cost -0.023 to -0.031 NDCG@10);
both README promises hold; stage 1's bound stays a bound. Real ESCO, default parameters otherwise."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from benchmarks.generate import REFERENCE_DAY, generate_candidates, generate_vacancies, load_municipalities
from services.matching.index.domain import scoring
from services.matching.index.domain.arrays import gather_rows, row_positions
from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.model import WorkExperience
from services.matching.index.domain.params import RankingParams
from services.matching.index.domain.scoring import EPS
from services.matching.index.domain.vectors import trade_profiles

from .conftest import TODAY, candidate, esco_occupation, vacancy
from .stage_one import bounded_and_only_rising, stage_one

# per trade, a neighbouring occupation of the same ISCO-08 unit group
NEIGHBOURS = {"bus driver": "tram driver", "welder": "solderer", "healthcare assistant": "nurse assistant"}
ON = replace(RankingParams(), trade_claim_units=0.3)
OFF = replace(RankingParams(), trade_claim_units=1.0)


def _row(m, o: int) -> list[int]:
    return m.indices[m.indptr[o] : m.indptr[o + 1]].tolist()


def _index(esco, label: str) -> int:
    return esco.tables.occupation_labels["en"].index(label)


def _profile(esco, o: int) -> set[int]:
    return set(_row(esco.essential, o)) | set(_row(esco.optional, o))


def _of_the_group(esco, trade: str) -> str:
    """The first essential skill of the trade's neighbour that the trade's own profile does not list."""
    o, b = _index(esco, trade), _index(esco, NEIGHBOURS[trade])
    own = _profile(esco, o)
    return esco.skill_uris[next(j for j in _row(esco.essential, b) if j not in own)]


def _essential(esco, label: str) -> list[str]:
    return [esco.skill_uris[j] for j in _row(esco.essential, _index(esco, label))]


@pytest.fixture(scope="module")
def trades(esco, make_esco_engine):
    """Per trade, on a vacancy naming it, with the rule on (phi 0.3) and off (phi 1):
    {trade: ({person: entry}, {person: entry})}. The people: twelve years in the trade (8 current + 4
    ended 2018) alone; with one claim of the neighbour's skill (outside the vacancy's, in the unit
    group's profiles); with that and one of the trade's essential skills claimed; with 40 % of a cook's
    essential skills claimed (a career changer, as the two-occupations family's); every essential skill
    claimed, with the neighbour's claim; and others."""
    people = []
    cook = _essential(esco, "cook")
    changer = dict.fromkeys(cook[: len(cook) * 2 // 5], "intermediate")
    for trade in NEIGHBOURS:
        occ = esco_occupation(esco, trade)
        years = (WorkExperience(occ, 8.0), WorkExperience(occ, 4.0, 2018))
        ess = _essential(esco, trade)
        group = {_of_the_group(esco, trade): "intermediate"}
        people += [
            candidate(f"{trade}:history", experience=years),
            candidate(f"{trade}:history+group", group, experience=years),
            candidate(f"{trade}:history+group+in", {**group, ess[0]: "intermediate"}, experience=years),
            candidate(f"{trade}:history+changer", changer, experience=years),
            candidate(f"{trade}:claims+group", {**dict.fromkeys(ess, "advanced"), **group}),
        ]
        people += [
            candidate(
                f"{trade}:part{i}",
                dict.fromkeys(ess[i::3], "advanced"),
                experience=(WorkExperience(occ, 2.0),),
            )
            for i in range(3)
        ]
    for other in ("child care worker", "kitchen porter"):
        people.append(
            candidate(
                other,
                dict.fromkeys(_essential(esco, other), "advanced"),
                experience=(WorkExperience(esco_occupation(esco, other), 5.0),),
            )
        )
    out = {}
    for trade in NEIGHBOURS:
        v = vacancy(occupation=esco_occupation(esco, trade), vacancy_id=trade)
        found = []
        for params in (ON, OFF):
            engine = make_esco_engine(people, params)
            entries = engine.shortlist(engine.prepare(v), k=40, viewer_org=None, today=TODAY)
            found.append(
                {e.candidate_id.split(":")[-1]: e for e in entries if e.candidate_id.startswith(trade)}
            )
        out[trade] = tuple(found)
    return out


def test_the_neighbour_s_skill_is_of_the_trade_s_unit_group_and_outside_its_own_profile(esco):
    """The cases are what they say: the claim lies in the unit group's profiles, not the trade's own."""
    trade = trade_profiles(esco)
    for name in NEIGHBOURS:
        o = _index(esco, name)
        j = esco.skill_uris.index(_of_the_group(esco, name))
        assert trade[o, j] == 1.0
        assert j not in _profile(esco, o)


@pytest.mark.parametrize("trade", list(NEIGHBOURS))
def test_a_skill_of_the_own_unit_group_costs_a_person_of_twelve_years_little(trades, trade):
    """One claim of the trade's unit group beside twelve years in the trade costs a few points with the
    rule on, and never more than with it off."""
    on, off = trades[trade]
    assert on["history+group"].match >= on["history"].match - 5, (
        on["history+group"].match,
        on["history"].match,
    )
    assert on["history+group"].match >= off["history+group"].match


@pytest.mark.parametrize("trade", list(NEIGHBOURS))
def test_a_career_changer_s_claims_of_another_trade_still_count_whole(trades, trade):
    """Work in the vacancy's trade does not make claims of another trade (a cook's) cheap: the career
    changer reads the same with the rule on and off (what outside34's every-claim rule changed)."""
    on, off = trades[trade]
    assert on["history+changer"].score == pytest.approx(off["history+changer"].score, abs=1e-9)


@pytest.mark.parametrize("trade", list(NEIGHBOURS))
def test_an_outside_skill_still_lowers_the_similarity_and_one_inside_never_does(trades, trade):
    """The README's promises with the rule on: the unit group's claim outside the vacancy's skills still
    lowers the skill similarity; an essential skill claimed on top never lowers it."""
    on, _ = trades[trade]
    history, group, both = (
        on[k].components["skill_similarity"] for k in ("history", "history+group", "history+group+in")
    )
    assert group < history
    assert both >= group - 1e-6  # the stored norms are float32
    assert on["history+group+in"].match >= on["history+group"].match - 1e-6


@pytest.mark.parametrize("trade", list(NEIGHBOURS))
def test_without_work_history_a_claim_counts_whole(trades, trade):
    """Narrow: the rule reads claims beside work history only."""
    on, off = trades[trade]
    assert on["claims+group"].score == pytest.approx(off["claims+group"].score, abs=1e-9)


def test_stage_one_still_bounds_every_exact_score_with_the_rule_on(esco):
    """On the speed benchmark's generated profiles, with phi 0.3: every row's exact score is at most
    its stage-1 bound (`query.outside_bound_weight`), and the rule reaches some rows."""
    municipalities = load_municipalities()
    people = list(generate_candidates(esco, 3000, 7, municipalities=municipalities))
    vacancies = list(generate_vacancies(esco, 16, 8, municipalities=municipalities))
    reached = bounded_and_only_rising(
        esco, municipalities, people, vacancies, ON, OFF, prune=False, clock=lambda: REFERENCE_DAY
    )
    assert reached > 0


@pytest.fixture(scope="module")
def generated(esco):
    """The speed benchmark's generated profiles (3,000) and vacancies (16), with an engine per phi
    (0.3, 0.5 and 1, off), each with `other_trades_outside` 0.1 on beside it (compose36: stage 1's
    stored fall holds both rules' most)."""
    municipalities = load_municipalities()
    people = list(generate_candidates(esco, 3000, 7, municipalities=municipalities))
    vacancies = list(generate_vacancies(esco, 16, 8, municipalities=municipalities))
    engines = {}
    for phi in (0.3, 0.5, 1.0):
        engine = MatchingEngine(
            esco,
            municipalities,
            replace(RankingParams(), trade_claim_units=phi, other_trades_outside=0.1),
            clock=lambda: REFERENCE_DAY,
        )
        engine.bulk_load(people)
        engines[phi] = engine
    return engines, vacancies


@pytest.mark.parametrize("phi", [0.3, 0.5])
@pytest.mark.parametrize("prune", [False, True])
def test_stage_one_bounds_every_exact_score_with_the_rule_on_pruned_or_not(generated, phi, prune):
    """Shortlists stay exact: with the rule on, every near row's exact score is at most its stage-1
    bound (plus what its pruned work-history columns can add), with and without pruning."""
    engines, vacancies = generated
    for v in vacancies:
        on = stage_one(engines[phi], engines[phi].prepare(v), prune=prune)
        assert np.all(on.exact <= on.ub + on.history() + EPS)


def test_only_rows_with_claims_of_their_own_trade_have_a_looser_bound(generated):
    """Stage 1 loosens only the rows the rule can lift (`Segment.trade_fall` > 0): every other row's
    bound is the one it has with the rule off (phi 1, `other_trades_outside` still on), and those
    rows are there."""
    engines, vacancies = generated
    fall = engines[0.3]._snapshot.main.trade_fall
    assert fall is not None and engines[1.0]._snapshot.main.trade_fall is None
    assert 0 < np.count_nonzero(fall) < len(fall)
    for v in vacancies:
        on, off = (stage_one(engines[phi], engines[phi].prepare(v), prune=False) for phi in (0.3, 1.0))
        assert np.array_equal(on.rows, off.rows)
        plain = fall[on.rows] == 0
        assert plain.any()
        np.testing.assert_allclose(on.ub[plain], off.ub[plain], rtol=0, atol=1e-6)
        assert np.all(on.ub >= off.ub - 1e-6)


def test_the_stored_fall_less_the_claims_inside_the_vacancy_is_the_fall_of_the_claims_outside(generated):
    """The exact part (`scoring._trade_claims_fall`: the row's fall stored at index time less its
    claims inside the vacancy's skills V) equals the rule read claim by claim: each claim outside V
    that a spell's unit group's profiles list, idf^2 c ((1 - phi^2) c + 2 (1 - phi) h), h what the
    row's spells give the skill."""
    engines, vacancies = generated
    engine = engines[0.3]
    snap, space, phi = engine._snapshot, engine._space, 0.3
    seg = snap.main
    idf = np.asarray(snap.idf, dtype=np.float64)
    for v in vacancies[:6]:
        qw = engine._weights(snap, engine.prepare(v), prune=False)
        q, xw = qw.query, qw.exact
        rows = np.arange(0, len(seg), 7, dtype=np.int64)
        n, n_own = len(rows), q.n_own
        at_c, u, w_c = scoring._query_claims(seg, rows, q)
        at_o, occ, w_o = gather_rows(seg.experience, rows)
        indptr, column, value = xw.own_experience
        which, idx = row_positions(indptr, occ)
        raw_v = scoring._own_block(
            at_c, u, w_c, n, n_own, (at_o[which] * n_own + column[idx], w_o[which] * value[idx])
        )
        got = scoring._trade_claims_fall(
            seg, rows, q, xw, engine.params, (at_o, occ, w_o), (at_c, u, w_c, raw_v)
        )
        own = set(q.skills[:n_own].tolist())
        expected = np.zeros(n)
        for i, r in enumerate(rows.tolist()):
            spells = list(
                zip(
                    _row(seg.experience, r),
                    seg.experience.data[seg.experience.indptr[r] : seg.experience.indptr[r + 1]].tolist(),
                    strict=True,
                )
            )
            for j, c in zip(
                _row(seg.claims, r),
                seg.claims.data[seg.claims.indptr[r] : seg.claims.indptr[r + 1]].tolist(),
                strict=True,
            ):
                if j in own or not any(space.trade[o, j] > 0 for o, _ in spells):
                    continue
                h = sum(w * float(space.experience[o, j]) for o, w in spells)
                expected[i] += idf[j] ** 2 * c * ((1 - phi * phi) * c + 2 * (1 - phi) * h)
        assert np.count_nonzero(expected) > 0
        np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-6 * float(np.max(expected)))
