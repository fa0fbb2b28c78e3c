"""A spell inside a longer later job in another trade (issue 11; the shape helper career35 left open
after outside tester 35, F1).

An early years teacher of 5.7 years (ended 2023) inside eight years as a healthcare assistant that
ended last year weighed 0: the later-ending job held every year they share (`vectors.overlap_shares`),
while the same eight years still going on (a change of job since session 35,
`vectors.calendar_shares`) left her 0.75. So "ended" read below "current", and a qualified teacher
holding every essential skill read as another occupation. The kind, over every length: the shorter
the earlier spell, the more later-job shapes put it inside the ended job and beside the current one.

The rule (`RankingParams.nested_spell_years`): a spell within a longer later job keeps the years they
share as work beside it, not a career change, from more than five years on (a trade held beside
another job: a cleaner's evening job beside teaching); a shorter one keeps them, as a change of job
(`calendar_shares`' reading), only when the outer job has ended, and beside a job still going on
shares the calendar as before (a claimed spell inside what the person does now). Stretches that more
than two spells cover keep `overlap_shares`' 1 / (k - 1).

Real ESCO and, for the match, the tester's setting of `test_career_change_f1.py`: the demo's 3,000
profiles read on 2026-12-05 and the Swedish text-only daycare-teacher ad read as early years teacher."""

from __future__ import annotations

from dataclasses import replace

import pytest

from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.model import WorkExperience
from services.matching.index.domain.params import RankingParams
from services.matching.index.domain.recognition import suggest_for_vacancy
from services.matching.index.domain.vectors import experience_weight, overlap_shares, spell_weights

from .conftest import MUNICIPALITIES, candidate, esco_occupation, profile_essential, vacancy
from .test_career_change_f1 import AD, DAY, _claims_only, demo_pool

Y = DAY.year


def _histories(esco) -> dict[str, tuple[WorkExperience, ...]]:
    """The nested shape and its neighbours, the teacher's spell first in each."""
    eyt = esco_occupation(esco, "early years teacher")
    hca = esco_occupation(esco, "healthcare assistant")
    teacher = WorkExperience(eyt, 5.7, 2023)
    return {
        "alone": (teacher,),
        "inside-ended": (teacher, WorkExperience(hca, 8.0, Y - 1)),  # 2017-2025 around 2017.3-2023
        "inside-going-on": (teacher, WorkExperience(hca, 8.0)),  # 2018-2026: a change of job
        "beside-current": (teacher, WorkExperience(hca, 10.0)),  # 2016-2026: still around her
    }


@pytest.fixture(scope="module")
def ad(esco, esco_recognizer, esco_titles):
    """{candidate id: shortlist entry} on the tester's ad, in the demo's pool."""
    engine = MatchingEngine(esco, MUNICIPALITIES, RankingParams(), clock=lambda: DAY, titles=esco_titles)
    people = demo_pool(esco)
    people += [
        candidate(cid, experience=h, languages={"sv": "native"}) for cid, h in _histories(esco).items()
    ]
    engine.bulk_load(people)
    title, text = AD
    posted = replace(vacancy(title=title, vacancy_id="korsholm"), described=True)
    read = suggest_for_vacancy(
        posted, text, esco_recognizer, title_occupations=engine.title_occupations(title)
    )
    prepared = engine.prepare(read.vacancy)
    entries = engine.shortlist(prepared, k=300, viewer_org=None, today=DAY)
    return {e.candidate_id: e for e in entries}


def test_a_teacher_inside_a_longer_ended_job_holds_her_trade_on_the_daycare_ad(ad, esco):
    """What the recruiter relies on: 5.7 years of teaching, 27 of 27 essential skills, is no
    "another occupation" because a longer job in another trade ran around it (0 / 100 before)."""
    few = _claims_only(ad)
    assert few, "the pool has claims-only profiles holding a few of the essential skills"
    for cid in ("inside-ended", "inside-going-on", "beside-current"):
        e = ad[cid]
        assert profile_essential(esco, "early years teacher") <= set(e.matched_essential), cid  # 27
        assert e.agreement is not None and e.agreement.source == "work_history", cid
        assert all(e.rank < other.rank for other in few), (cid, e.match, max(o.match for o in few))


def test_the_ended_job_around_her_never_reads_below_the_same_job_still_going_on(ad):
    ended, going = ad["inside-ended"], ad["inside-going-on"]
    assert ended.match >= going.match, (ended.match, going.match)
    assert ended.agreement.value >= going.agreement.value


def test_the_nested_teacher_keeps_at_least_a_former_trade_s_floor(esco, esco_space):
    """However long the job around it, a trade of more than five years keeps what later work in another
    trade never takes from it (`former_floor`, times its age since it ended), as the same spell
    followed by that work would."""
    p = esco_space.params
    eyt, hca = esco_occupation(esco, "early years teacher"), esco_occupation(esco, "healthcare assistant")
    floor = p.former_spell_share * 0.5 ** ((Y - 2023) / p.experience_identity_half_life_years)
    for outer in (6.0, 8.0, 10.0, 15.0, 25.0):
        for end in (Y - 2, Y - 1, None):
            w = spell_weights((WorkExperience(eyt, 5.7, 2023), WorkExperience(hca, outer, end)), Y, p)[0]
            assert w >= floor - 1e-12, (outer, end, w, floor)


EARLIER = (0.5, 1.0, 2.0, 3.0, 5.0, 5.2, 5.7, 9.0)
OUTER = (0.5, 1.0, 2.0, 3.5, 5.0, 6.0, 8.0, 10.0, 15.0)


@pytest.mark.parametrize("earlier", EARLIER)
def test_an_ended_later_job_never_weighs_an_earlier_spell_below_it_going_on(esco, esco_space, earlier):
    """The kind, over every shape of two spells: the same later job in another trade (one length),
    ended in some year or still going on, read in the same year: the earlier spell never weighs less
    with the job ended, whether the job began after it (a change of job), before it (around it) or
    after it ended."""
    p = esco_space.params
    eyt, hca = esco_occupation(esco, "early years teacher"), esco_occupation(esco, "healthcare assistant")
    for ended_first in range(Y - 8, Y):
        first = WorkExperience(eyt, earlier, ended_first)
        for outer in OUTER:
            going = spell_weights((first, WorkExperience(hca, outer)), Y, p)[0]
            for ended_outer in range(ended_first + 1, Y):
                ended = spell_weights((first, WorkExperience(hca, outer, ended_outer)), Y, p)[0]
                assert ended >= going - 1e-12, (ended_first, outer, ended_outer, ended, going)


def test_a_short_spell_beside_a_current_unrelated_job_shares_the_calendar_as_before(esco, esco_space):
    """The protection kept: a spell of five years or less inside a job the person still does (a claimed
    spell inside an unrelated one) is held by that job, as `overlap_shares` says."""
    p = esco_space.params
    eyt, hca = esco_occupation(esco, "early years teacher"), esco_occupation(esco, "healthcare assistant")
    for years in (0.5, 1.0, 3.0, 5.0):
        h = (WorkExperience(eyt, years, Y - 1), WorkExperience(hca, 10.0))
        before = overlap_shares(h, Y)[0] * experience_weight(years, Y - 1, Y, p, Y)
        assert spell_weights(h, Y, p)[0] == pytest.approx(before), years
        assert spell_weights(h, Y, p)[0] < p.held_spell_weight


def test_many_spells_at_once_inside_a_long_job_still_count_a_fraction(esco, esco_space):
    """The protection kept: three long spells at once inside a longer job (four at once) are not a
    career, whatever their length: each weighs as `overlap_shares` reads it, below `held_spell_weight`."""
    p = esco_space.params
    trades = [esco_occupation(esco, t) for t in ("early years teacher", "cook", "welder")]
    outer = WorkExperience(esco_occupation(esco, "healthcare assistant"), 15.0, Y - 1)
    h = (*(WorkExperience(t, 8.0, Y - 3) for t in trades), outer)
    off = replace(p, nested_spell_years=None)
    assert spell_weights(h, Y, p)[:3] == pytest.approx(spell_weights(h, Y, off)[:3])
    assert all(w < p.held_spell_weight for w in spell_weights(h, Y, p)[:3])


def test_the_tester_s_nested_reading_without_the_rule(esco, esco_space):
    """The failing input, kept: with `nested_spell_years` None (session 35's calendar before this rule)
    the teacher inside the ended job weighs 0 and inside the same job going on 0.75."""
    h = _histories(esco)
    off = replace(esco_space.params, nested_spell_years=None)
    ended, going = (spell_weights(h[k], Y, off)[0] for k in ("inside-ended", "inside-going-on"))
    assert ended == 0.0 and going == pytest.approx(0.7503, abs=1e-3)
    now = [spell_weights(h[k], Y, esco_space.params)[0] for k in ("inside-ended", "inside-going-on")]
    assert now[0] >= now[1] and now[1] == pytest.approx(going)
