"""Outside tester 32 (issue 11): a recruiter's reading of work history.

1. A former trade of many years read near zero: a plumber of nine years whose plumbing ended ten
   years ago, then ten years in a warehouse, weighed 0.18 (the career change halved it for every
   five later years, without floor), below `held_spell_weight`, and read 0.5 on a plumber ad, below
   a gamer claiming every essential skill of four building trades (0.6). Now a spell keeps a floor
   by its length (`RankingParams.former_spell_share`, `former_spell_years`).
2. A promotion inside the trade was a career change: a plumber of 13 years, then a plumbing
   supervisor (ISCO 3123, not the plumber's 7126) for six, read 13.2 on a plumber ad holding all 21
   essential skills. Later work whose ESCO profile lists most of the earlier occupation's specific
   skills continues the trade (`SkillSpace.trade_continuity`, `RankingParams.trade_continuity`).
3. A narrower occupation below claims: a barber (ESCO: narrower of hairdresser, same unit group
   5141) of eight current years holding 11 of the hairdresser's 17 essential skills read 65.0 on a
   hairdresser ad, below a claims-only graduate (73.3). Work in a specialisation of the vacancy's
   occupation agrees nearly as the occupation's own (`RankingParams.occupation_narrower_share`).

Real ESCO, default parameters, the clock at `TODAY` (2025): the tester's "ended 2016, read in 2026"
is "ended 2015" here. Which claims exactly is this file's choice (ESCO's order of the profiles)."""

from __future__ import annotations

import numpy as np
import pytest

from services.matching.index.domain.model import WorkExperience
from services.matching.index.domain.params import RankingParams
from services.matching.index.domain.vectors import compact_candidate, spell_weights

from .conftest import TODAY, candidate, esco_occupation, vacancy
from .stage_one import stage_one

Y = TODAY.year
TRADES = ("plumber", "carpenter", "electrician", "bricklayer")  # the gamer's claims: every essential skill


def _spell(esco, label: str, years: float, ended: int | None = None) -> WorkExperience:
    return WorkExperience(esco_occupation(esco, label), years, ended)


def _essential(esco, label: str) -> list[str]:
    return list(esco.occupation_skills(esco_occupation(esco, label))[0])


def _histories(esco) -> dict[str, tuple[WorkExperience, ...]]:
    return {
        "plumber": (_spell(esco, "plumber", 9.0),),
        # 1: nine years of plumbing ended ten years ago, then ten years in a warehouse
        "former": (_spell(esco, "plumber", 9.0, Y - 10), _spell(esco, "warehouse worker", 10.0)),
        # a year's plumbing twenty years ago, then twenty years in a warehouse
        "former-short": (_spell(esco, "plumber", 1.0, Y - 20), _spell(esco, "warehouse worker", 20.0)),
        # 2: thirteen years of plumbing, then a plumbing supervisor since
        "supervisor": (_spell(esco, "plumber", 13.0, Y - 6), _spell(esco, "plumbing supervisor", 6.0)),
        # the same years, then a change of trade
        "changed": (_spell(esco, "plumber", 13.0, Y - 6), _spell(esco, "warehouse worker", 6.0)),
        "warehouse": (_spell(esco, "warehouse worker", 10.0),),
        # 3: a barber of eight current years
        "barber": (_spell(esco, "barber", 8.0),),
    }


def _people(esco) -> list:
    people = [candidate(cid, {}, experience=spells) for cid, spells in _histories(esco).items()]
    plumbing = _essential(esco, "plumber")
    # a career changer: ten years in a warehouse and three plumbing claims
    people.append(
        candidate(
            "career-changer",
            {s: "intermediate" for s in plumbing[:3]},
            experience=(_spell(esco, "warehouse worker", 10.0),),
        )
    )
    gamer = {s: "advanced" for trade in TRADES for s in _essential(esco, trade)}
    people.append(candidate("gamer", gamer))
    # claims-only graduates holding as many of the hairdresser's essential skills as the barber, and more
    hair = _essential(esco, "hairdresser")
    for n in (11, 13):
        people.append(candidate(f"graduate-{n}", {s: "intermediate" for s in hair[:n]}))
    return people


@pytest.fixture(scope="module")
def engine(esco, make_esco_engine):
    return make_esco_engine(_people(esco))


@pytest.fixture(scope="module")
def plumber_ad(esco, engine):
    ad = vacancy(occupation=esco_occupation(esco, "plumber"), vacancy_id="v-plumber")
    return {
        e.candidate_id: e for e in engine.shortlist(engine.prepare(ad), k=20, viewer_org=None, today=TODAY)
    }


@pytest.fixture(scope="module")
def hairdresser_ad(esco, engine):
    ad = vacancy(occupation=esco_occupation(esco, "hairdresser"), vacancy_id="v-hair")
    return {
        e.candidate_id: e for e in engine.shortlist(engine.prepare(ad), k=20, viewer_org=None, today=TODAY)
    }


def _weights(esco, esco_space, cid: str) -> dict[str, float]:
    """The identity weight of each occupation of one of `_histories`, as the index stores it."""
    row = compact_candidate(candidate(cid, {}, experience=_histories(esco)[cid]), esco_space, Y)
    en = esco.tables.occupation_labels["en"]
    return {en[o]: w for o, w in zip(row.occupations, row.occupation_weights, strict=True)}


def test_1_a_former_trade_of_nine_years_reads_as_the_trade_below_a_current_holder(plumber_ad):
    former = plumber_ad["former"]
    assert former.agreement is not None and former.agreement.source == "work_history"
    assert len(former.matched_essential) == 21  # its plumbing shows (0.18 < 0.2 before: 0 shown)
    assert former.rank > plumber_ad["plumber"].rank and former.match < plumber_ad["plumber"].match
    for other in ("career-changer", "gamer", "warehouse", "former-short"):
        assert former.rank < plumber_ad[other].rank, other
        assert former.score > 1.5 * plumber_ad[other].score, other  # far above, not by a hair


def test_1_a_former_spell_keeps_a_decaying_never_vanishing_share(esco, esco_space):
    p = esco_space.params
    former = _weights(esco, esco_space, "former")
    assert former["warehouse worker"] == 1.0
    assert p.held_spell_weight < former["plumber"] < 0.6  # rusty: below a current plumber's 1
    short = _weights(esco, esco_space, "former-short")["plumber"]
    assert 0 < short < p.held_spell_weight / 2  # a year's job twenty years ago: little
    plumber = esco_occupation(esco, "plumber")
    warehouse = esco_occupation(esco, "warehouse worker")
    by_length = [
        spell_weights((WorkExperience(plumber, float(n), Y - 10), WorkExperience(warehouse, 10.0)), Y, p)[0]
        for n in (1, 3, 6, 9, 12)
    ]
    assert by_length == sorted(by_length) and by_length[-1] > by_length[0]  # longer: more
    by_age = [
        spell_weights((WorkExperience(plumber, 9.0, Y - k), WorkExperience(warehouse, float(k))), Y, p)[0]
        for k in (2, 5, 10, 20, 40)
    ]
    assert by_age == sorted(by_age, reverse=True) and by_age[-1] > 0  # older: less, never none


def test_2_a_promotion_inside_the_trade_is_no_career_change(plumber_ad, esco, esco_space):
    sup, plumber, changed = plumber_ad["supervisor"], plumber_ad["plumber"], plumber_ad["changed"]
    assert len(sup.matched_essential) == 21
    assert sup.match >= 0.8 * plumber.match, (sup.match, plumber.match)
    assert sup.rank < changed.rank and sup.score > changed.score + 0.1  # a change of trade still costs
    assert _weights(esco, esco_space, "supervisor")["plumber"] > 0.9
    # a change of trade after the same thirteen years keeps more than the floor, below the promotion
    assert 0.5 < _weights(esco, esco_space, "changed")["plumber"] < 0.8


def test_2_continuity_reads_the_trade_from_the_specific_skills(esco, esco_space):
    """Later work continues a trade by the share of its specific essential skills the later
    occupation lists; construction-generic skills count little (plumber -> carpenter)."""
    at = esco.occupation_index

    def cont(a: str, b: str) -> float:
        return esco_space.trade_continuity(at[esco_occupation(esco, a)], at[esco_occupation(esco, b)])

    lo, hi = esco_space.params.trade_continuity
    assert cont("plumber", "plumber") == 1.0
    assert cont("plumber", "plumbing supervisor") >= hi and cont("cook", "chef") >= hi
    assert cont("plumber", "carpenter") < 0.4 and cont("electrician", "electrical engineer") <= lo
    assert cont("plumber", "warehouse worker") == 0.0


def test_3_a_narrower_occupation_s_long_history_weighs_at_least_as_much_as_claims(hairdresser_ad):
    barber, grad = hairdresser_ad["barber"], hairdresser_ad["graduate-11"]
    assert len(barber.matched_essential) == 11 == len(grad.matched_essential)
    assert barber.agreement is not None and barber.agreement.relation == "narrower"
    assert barber.agreement.value > 0.95  # the occupation's own level, nearly (`occupation_narrower_share`)
    assert barber.rank < grad.rank and barber.match >= grad.match, (barber.match, grad.match)


def test_the_tester_s_readings_without_the_changes(esco, esco_space):
    """The failing inputs, kept: without the floor and the continuity (before session 33) the former
    plumber's spell weighs 0.18, below `held_spell_weight`, and the supervisor's plumbing 0.37 (nor
    the close trades of session 38: a plumbing supervisor's trade is close to the plumber's)."""
    from dataclasses import replace

    before = replace(
        esco_space, params=RankingParams(former_spell_share=0.0, trade_continuity=None, trade_closeness=None)
    )
    former = compact_candidate(candidate("f", {}, experience=_histories(esco)["former"]), before, Y)
    plumber = esco.occupation_index[esco_occupation(esco, "plumber")]
    w = dict(zip(former.occupations, former.occupation_weights, strict=True))
    assert w[plumber] == pytest.approx(0.5**0.5 * 0.25) and w[plumber] < before.params.held_spell_weight
    sup = compact_candidate(candidate("s", {}, experience=_histories(esco)["supervisor"]), before, Y)
    w = dict(zip(sup.occupations, sup.occupation_weights, strict=True))
    assert w[plumber] == pytest.approx(0.5**0.3 * 0.5**1.2)


def test_the_stage_one_bound_covers_the_new_readings(esco, engine):
    from services.matching.index.domain.scoring import EPS

    for label in ("plumber", "hairdresser"):
        one = stage_one(
            engine, engine.prepare(vacancy(occupation=esco_occupation(esco, label), vacancy_id="v"))
        )
        assert len(one.rows) >= 3
        assert np.all(one.exact <= one.ub + one.slack() + EPS)


def test_a_narrower_occupation_never_agrees_above_the_vacancy_s_own(esco, esco_space):
    """`query.history_agreement` on a text read 0.92 as hairdresser, 0.08 as barber: the barber's work
    reads at most the hairdresser's own (the vacancy's best agreement, which every row's band reads,
    stays the hairdresser's), and on a named ad 0.971 of it."""
    from services.matching.index.domain.query import history_agreement

    hair = esco.occupation_index[esco_occupation(esco, "hairdresser")]
    barber = esco.occupation_index[esco_occupation(esco, "barber")]
    target = np.zeros(esco.n_occupations)
    target[hair], target[barber] = 0.92, 0.08
    spread = history_agreement(target, esco_space, hair)
    assert spread[barber] <= spread[hair] + 1e-12 and spread.max() == pytest.approx(spread[hair])
    target[hair], target[barber] = 1.0, 0.0
    named = history_agreement(target, esco_space, hair)
    assert named[hair] == 1.0 and named[barber] == pytest.approx((3 + 4 * 0.95) / 7)
