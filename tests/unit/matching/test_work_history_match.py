"""A candidate's own work history in the match (outside tester 7, H2 and H14), on the real ESCO data.

What a recruiter relies on, as orders and relations (not the calibrated numbers, which are refitted
when the score changes): several recent years in an occupation make a person of it, whatever else
they can do; recency and duration weigh, but a spell that ended last year is not a fraction of one.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.model import WorkExperience
from services.matching.index.domain.params import RankingParams
from tests.helpers import FORKLIFT, WELDER
from tests.helpers import MAG_WELDING as MAG
from tests.helpers import MIG_WELDING as MIG

from .conftest import MUNICIPALITIES, candidate, vacancy

TODAY = date(2026, 12, 1)
E = "http://data.europa.eu/esco/"
WAREHOUSE = E + "occupation/bea705fe-06ac-4147-b8e0-6e8ac1208d8f"


def _essential(esco, occupation: str) -> list[str]:
    o = esco.occupation_index[occupation]
    return [
        esco.skill_uris[j]
        for j in esco.essential.indices[esco.essential.indptr[o] : esco.essential.indptr[o + 1]]
    ]


def _people(esco):
    def person(cid, skills=None, history=(), level="intermediate"):
        return candidate(
            cid,
            dict.fromkeys(skills or (), level),
            experience=tuple(WorkExperience(o, years, ended) for o, years, ended in history),
            available_from=TODAY,
        )

    welder_skills = [u for u in _essential(esco, WELDER) if u not in (MIG, MAG)]
    warehouse_skills = [u for u in _essential(esco, WAREHOUSE) if u != FORKLIFT]
    return [
        # the tester's four
        person("perfect-welder", (MAG, MIG, FORKLIFT), [(WELDER, 8.0, None)], "advanced"),
        person("wh-3skills", (MAG, MIG, FORKLIFT), [(WAREHOUSE, 5.0, None)]),
        person("wh-forklift", (FORKLIFT,), [(WAREHOUSE, 5.0, None)], "advanced"),
        person("welder-3y-ended", (), [(WELDER, 3.0, TODAY.year - 1)]),
        person("welder-8y", (), [(WELDER, 8.0, None)]),
        # the demo's kinds of people
        *(
            person(f"welder-{i}", (MIG, MAG, *welder_skills[i : i + 4]), [(WELDER, 6.0, None)])
            for i in range(4)
        ),
        *(person(f"wh-claims-{i}", (FORKLIFT, *warehouse_skills[i : i + 4])) for i in range(4)),
        *(person(f"welder-claims-{i}", (MIG, MAG, *welder_skills[i : i + 4])) for i in range(4)),
        person("forklift-only", (FORKLIFT,), level="advanced"),
        person("welded-long-ago", (), [(WELDER, 3.0, TODAY.year - 15)]),
    ]


@pytest.fixture(scope="module")
def engine(esco):
    e = MatchingEngine(esco, MUNICIPALITIES, RankingParams(), clock=lambda: TODAY)
    e.bulk_load(_people(esco))
    return e


def _read(engine, v):
    entries = engine.shortlist(replace(v, title="Työntekijä"), k=100, viewer_org=None, today=TODAY)
    return {e.candidate_id: e for e in entries}, [e.candidate_id for e in entries]


def test_years_as_a_welder_that_ended_last_year_read_as_a_welder(engine):
    """H2: 3 years as a welder until last year, no skills listed, read 34 on a welder vacancy (8 years
    until this year: 94); the posterior alone spread one spell over ESCO's 3,000 occupations."""
    got, order = _read(engine, vacancy(occupation=WELDER))
    ended, current = got["welder-3y-ended"], got["welder-8y"]
    assert ended.match > 50  # more likely than not of the vacancy's occupation
    # a spell that ended last year is not a fraction of a welder
    assert ended.components["occupation_match"] > current.components["occupation_match"] / 2
    # at least as a welder who claims welding skills without recorded work
    assert ended.match >= max(got[f"welder-claims-{i}"].match for i in range(4))
    # above everyone who is not a welder by work or claims
    assert order.index("welder-3y-ended") < order.index("wh-3skills")
    # recency still weighs: the same spell fifteen years ago counts less
    assert got["welded-long-ago"].score < ended.score


def test_a_welder_by_work_history_reads_like_welders_lacking_a_claimed_skill(engine):
    """H2 on the skills vacancy (MAG, MIG, forklift): the no-skills welder read 7 while welders
    missing the forklift read 95."""
    got, _ = _read(engine, vacancy((MAG, MIG, FORKLIFT)))
    assert got["welder-3y-ended"].match > 50
    assert got["welder-3y-ended"].match > got["forklift-only"].match
    assert got["perfect-welder"].match >= max(got[f"welder-{i}"].match for i in range(4))


def test_a_warehouse_worker_who_also_welds_is_still_a_warehouse_worker(engine):
    """H14: 5 years as a warehouse worker until this year read 20 on a warehouse vacancy, and 1.5
    with MIG and MAG welding claimed besides (inferred welder)."""
    got, order = _read(engine, vacancy(occupation=WAREHOUSE))
    both, one = got["wh-3skills"], got["wh-forklift"]
    assert both.match > 50 and one.match > 50
    # claiming other skills does not take away the occupation their work shows
    assert both.components["occupation_match"] == pytest.approx(one.components["occupation_match"])
    # not below warehouse workers who only claim its skills, without work history
    claims_only = [f"wh-claims-{i}" for i in range(4)]
    assert both.match >= min(got[c].match for c in claims_only)
    assert order.index("wh-3skills") < max(order.index(c) for c in claims_only)
    # a forklift licence alone (not in the warehouse worker's ESCO profile) is below the worker
    # of five years, or not listed: with the evidence of the skills it leaves out
    # (`RankingParams.occupation_absence`) its occupations reach none of the warehouse's groups
    assert "forklift-only" not in order or order.index("wh-forklift") < order.index("forklift-only")


def test_the_history_part_can_be_turned_off(esco):
    """history_agreement_scale 0: the score before (the posterior alone): every agreement is the
    inferred one. The warehouse workers of five years are warehouse workers by the posterior as
    well since a spell holds its own occupation's profile (issue 11 F5; before, their posterior
    missed the warehouse worker and their agreement read 0.17 / 0.21)."""
    e = MatchingEngine(esco, MUNICIPALITIES, RankingParams(history_agreement_scale=0.0), clock=lambda: TODAY)
    e.bulk_load(_people(esco))
    got, _ = _read(e, vacancy(occupation=WAREHOUSE))
    assert all(entry.agreement is not None and entry.agreement.source == "inferred" for entry in got.values())
    for cid in ("wh-3skills", "wh-forklift"):
        assert got[cid].occupations[0][0] == WAREHOUSE, got[cid].occupations
        assert got[cid].components["occupation_match"] == pytest.approx(
            0.6 * got[cid].agreement.value, abs=1e-3
        )


def test_an_entry_says_the_agreement_came_from_the_work_history_beside_a_low_posterior(engine):
    """What the recruiter reads is consistent: the welder of 3 years until last year shows welder at
    a low posterior probability beside a high match; the entry says the occupation part read the
    welder spell itself (the agreement the score used, from work history), not the posterior."""
    got, _ = _read(engine, vacancy(occupation=WELDER))
    ended = got["welder-3y-ended"]
    a = ended.agreement
    assert a is not None and a.source == "work_history" and a.occupation == WELDER
    assert 0 < a.spell_weight <= 1
    assert ended.components["occupation_match"] == pytest.approx(0.6 * a.value, abs=1e-3)
    posterior = dict(ended.occupations).get(WELDER, 0.0)
    assert a.value > posterior  # the number the match comes from is the larger one, and shown
    # a welder by claims only: the agreement is the inferred one, with no spell
    claims = got["welder-claims-0"].agreement
    assert claims is not None and claims.source == "inferred" and claims.occupation is None
    assert got["welder-claims-0"].components["occupation_match"] == pytest.approx(
        0.6 * claims.value, abs=1e-3
    )
