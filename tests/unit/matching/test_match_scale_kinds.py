"""The 0-100 match means the same for every kind of vacancy (outside tester 14, P10): a candidate
of the vacancy's occupation holding all its essential skills reads above 90 whether the
employer accepted four skills or named the occupation; one holding three of the occupation's
essential skills no longer reads 100 (half for the occupation, half for the skills held). Real ESCO data; one small pool per test module."""

from __future__ import annotations

import numpy as np
import pytest

from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.match_score import MatchScale
from services.matching.index.domain.model import WorkExperience
from services.matching.index.domain.params import RankingParams
from services.matching.index.domain.query import VACANCY_KINDS, full_coverage_cosine

from .conftest import MUNICIPALITIES, TODAY, candidate, vacancy


def _row(m, o: int) -> np.ndarray:
    return m.indices[m.indptr[o] : m.indptr[o + 1]]


@pytest.fixture(scope="module")
def world(esco):
    """The practical nurse (lähihoitaja, 32 essential skills in ESCO 1.2) and 300 people of other
    occupations holding up to 12 of their occupation's essential skills (so the index's IDF is
    that of a mixed pool), plus: 'twenty' claims 20 of the nurse's essential skills, the first
    four among them; 'three' claims three others of them and nothing else; 'history' has five
    years as a practical nurse (full coverage, as the engine counts work history)."""
    o = next(i for i, label in enumerate(esco.tables.occupation_labels["fi"]) if label == "lähihoitaja")
    essential = [esco.skill_uris[j] for j in _row(esco.essential, o)]
    engine = MatchingEngine(esco, MUNICIPALITIES, RankingParams(), clock=lambda: TODAY)
    rng = np.random.default_rng(7)
    for k, other in enumerate(rng.choice(esco.n_occupations, 300, replace=False)):
        own = _row(esco.essential, int(other))
        if int(other) != o and len(own):
            picked = rng.choice(own, min(len(own), 12), replace=False)
            engine.upsert_candidate(candidate(f"other{k}", {esco.skill_uris[j]: "advanced" for j in picked}))
    engine.upsert_candidate(candidate("twenty", {u: "advanced" for u in essential[:20]}))
    engine.upsert_candidate(candidate("three", {u: "advanced" for u in essential[4:7]}))
    engine.upsert_candidate(candidate("history", experience=(WorkExperience(esco.occupation_uris[o], 5.0),)))
    return engine, esco.occupation_uris[o], essential


def _matches(engine, v) -> dict[str, float]:
    entries = engine.shortlist(engine.prepare(v), k=20, viewer_org=None, today=TODAY)
    matches = [e.match for e in entries]
    assert all(0.0 <= m <= 100.0 for m in matches)  # bounds
    assert matches == sorted(matches, reverse=True)  # never reorders the ranking
    assert [e.score for e in entries] == sorted((e.score for e in entries), reverse=True)
    for e in entries:
        assert sum(e.points.values()) == pytest.approx(e.match, abs=0.1)  # the parts add up
    return {e.candidate_id: e.match for e in entries}


def test_four_accepted_skills_held_read_as_high_as_a_full_coverage_candidate_of_the_occupation(world):
    """The tester's case: the employer accepted 4 essential skills; the candidate holding all
    four (among 20 of the occupation's) read 74.5 while title-only and named-occupation vacancies
    read 94-100."""
    engine, occupation, essential = world
    accepted = _matches(engine, vacancy(essential=tuple(essential[:4])))
    named = _matches(engine, vacancy(occupation=occupation))
    assert accepted["twenty"] >= 90 and named["history"] >= 90
    assert abs(accepted["twenty"] - named["history"]) <= 5
    # holding none of the four accepted skills reads about "of the occupation, holding none" (50)
    # and below the same person on the named occupation's vacancy, where they hold 3 / 32 of the
    # asked skills (54.3). 53.1 since the accepted skills are read by the size principle
    # (`RankingParams.vacancy_listed_epsilon`: the vacancy is the healthcare assistant's at 0.37,
    # its occupation part larger); 28.3 before, when the vacancy's occupation was spread (0.21)
    assert accepted.get("three", 0.0) < named["three"]
    assert accepted.get("three", 0.0) <= 55


def test_three_of_an_occupations_essential_skills_no_longer_read_as_a_full_match(world):
    """Tester 14, P10: the demo's named-occupation vacancies showed 99.6 ("100" in CSV) for
    candidates holding 3 / 88 essential skills."""
    engine, occupation, _ = world
    named = _matches(engine, vacancy(occupation=occupation))
    # of the occupation (half) and holding 3 / 32 of its essential skills: about 55
    assert named["three"] < 70
    assert named["three"] < named["twenty"] < named["history"]


@pytest.mark.parametrize("kind", VACANCY_KINDS)
def test_the_scales_are_monotone_bounded_and_read_alike_at_the_ideal(kind):
    """Every kind's scale is non-decreasing within 0-100, a sliver of the ideal reads below 10,
    and the ideal itself reads 90-95 (the benchmark's candidates at their vacancy's ideal are of
    a fitting occupation 97-99 % of the time and hold about 89 % of its essential skills,
    whatever the kind), a text vacancy read surely as one occupation ("text-read", outside tester
    T5: 79-81 before it had a scale of its own) among them; for a text vacancy whose occupation its
    text tells less surely, 70-85 (its scale, fitted on every text vacancy, reads high there: on the
    report half about half the candidates at such a vacancy's ideal fit; docs/benchmarks.md)."""
    scales = [MatchScale(*s) for s in RankingParams().match_scales]
    scale = scales[VACANCY_KINDS.index(kind)]
    match = scale(np.linspace(0.0, 1.0, 201))
    assert np.all(np.diff(match) >= 0) and match[0] >= 0 and match[-1] <= 100
    assert scale(np.asarray([0.1]))[0] < 10
    tops = {k: float(s(np.asarray([1.0]))[0]) for k, s in zip(VACANCY_KINDS, scales, strict=True)}
    if kind == "text":
        assert 70 <= tops[kind] <= 85
    else:
        assert 90 <= tops[kind] <= 95
        assert max(tops[k] for k in VACANCY_KINDS if k != "text") - tops[kind] <= 3


def test_the_ideal_skill_part_is_the_cosine_a_full_coverage_profile_reaches(esco):
    """Four accepted skills of a 30-skill occupation: 4 / (2 sqrt 30); a named occupation (its
    essential and optional skills at weight 1) against a profile of its essential skills:
    sqrt(n_e / (n_e + n_o)); no occupation: the vacancy's own essential skills alone, cosine 1
    for an unweighted list."""
    ess = esco.essential
    o = max(range(esco.n_occupations), key=lambda i: len(_row(ess, i)) if len(_row(ess, i)) <= 30 else -1)
    e = _row(ess, o)
    assert full_coverage_cosine(np.ones(4), e[:4], e[:4], ess, o) == pytest.approx(4 / (2 * np.sqrt(len(e))))
    opt = _row(esco.optional, o)
    both = np.concatenate([e, opt])
    got = full_coverage_cosine(np.ones(len(both)), both, e, ess, o)
    assert got == pytest.approx(np.sqrt(len(e) / len(both)))
    assert full_coverage_cosine(np.ones(3), e[:3], e[:3], ess, -1) == pytest.approx(1.0)
    assert full_coverage_cosine(np.zeros(3), e[:3], e[:3], ess, o) == 0.0
