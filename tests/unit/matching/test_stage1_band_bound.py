"""Stage 1's bound of the band order (session 31, issue 11 speed): `scoring.band_order` shrinks the
similarity, related-skill and coverage parts of a candidate below the vacancy's unit group to
`band_similarity` of them and adds the skill overlap's part decayed by the closeness; stage 1
(`kernels.band_bound_of`, `kernels.added_bound_of`, `query.BandBound`) now bounds both instead of
counting the parts whole and the overlap whole. The bound must stay an upper bound (properties
over random closeness, mass and parameters; the engine's exact scores on the speed benchmark's
generated profiles) and change no shortlist, while fewer rows are scored exactly."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from benchmarks.generate import (
    REFERENCE_DAY,
    generate_candidates,
    generate_vacancies,
    load_municipalities,
)
from services.matching.index.domain import kernels
from services.matching.index.domain import query as query_module
from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.params import RankingParams, unit_level
from services.matching.index.domain.query import VacancyQuery
from services.matching.index.domain.scoring import EPS, band_order

from .stage_one import count_exact_scores, first_requests

PROFILES, VACANCIES, K = 20000, 40, 10


def _query(best: float) -> VacancyQuery:
    q = VacancyQuery.__new__(VacancyQuery)
    object.__setattr__(q, "best_agreement", best)
    return q


def _random_params(rng: np.random.Generator) -> RankingParams:
    return replace(
        RankingParams(),
        band_similarity=float(rng.choice([0.05, float(rng.uniform(0.01, 0.99))])),
        band_unit_mass=float(rng.choice([0.0, 0.1, float(rng.uniform(0.01, 1.0))])),
        band_full=float(rng.choice([4 / 7, float(rng.uniform(0.2, 1.0))])),
        band_share_decay=float(rng.choice([5.0, 1.0, float(rng.uniform(1.0, 9.0))])),
        occupation_level_weights=tuple(
            float(w) for w in rng.choice([4.0, 1.75, 0.25, 1.0, 0.0, 2.5], size=4)
        ),
    )


@pytest.mark.parametrize("compiled", [False, True])
def test_the_band_bound_reaches_the_band_of_every_row_it_bounds(compiled, monkeypatch):
    """For random parameters, a row's walked closeness A (occupation-weighted, float32) and unit-group
    mass M: `band_bound_of` is at least the band `scoring.band_order` gives any row of agreement
    a <= A (plus what pruned spells add) and mass m <= M, and never below `band_similarity`."""
    if compiled and kernels.numba is None:
        pytest.skip("numba is not installed")
    bound_of = kernels.numba.njit(kernels.band_bound_of) if compiled else kernels.band_bound_of
    rng = np.random.default_rng(31)
    shrunk = 0
    for _ in range(300):
        p = _random_params(rng)
        best = float(rng.choice([1.0, float(rng.uniform(0.05, 1.0))]))
        q = _query(best)
        unit = unit_level(p)
        full = max(p.band_full, unit + 1e-9)
        spell = float(rng.choice([0.0, float(rng.uniform(0.0, 0.01))]))
        n = 64
        a = rng.uniform(0.0, best, n) * rng.choice([0.0, 0.1, 0.5, 1.0], n)  # exact agreements
        m = np.minimum(rng.uniform(0.0, 1.0, n) * rng.choice([0.0, 0.05, 1.0], n), 1.0)
        _, band = band_order(a, np.zeros(n), q, p, m)
        ow = p.occupation_weight
        # the walked sums: float32, at or a little below the exact (rounding), less the pruned spell
        walked_a = np.float32(np.maximum(a * ow - rng.uniform(0, 1, n) * spell, 0.0) * (1 - 1e-7))
        walked_m = np.float32(m * (1 - 1e-7))
        for i in range(n):
            got = bound_of(
                walked_a[i],
                walked_m[i],
                p.band_similarity,
                1 / (ow * best),
                unit,
                full,
                p.band_unit_mass,
                spell,
            )
            assert p.band_similarity - 1e-12 <= got <= 1.0 + 1e-12
            assert got >= band[i] - 1e-12, (a[i], m[i], p)
            shrunk += got < 1.0
    assert shrunk > 1000  # the bound shrinks where the band does


@pytest.mark.parametrize("compiled", [False, True])
def test_the_overlap_added_to_the_agreement_stays_below_its_bound(compiled):
    """`scoring.band_order` adds O x max(0, 1 - r / band_full)^decay to the agreement a (r = a /
    best): for decay >= 1, `added_bound_of` from a bound A of a and a bound of O is at least that
    for every a <= A, and for a candidate the hierarchy joins it is well below A + O."""
    if compiled and kernels.numba is None:
        pytest.skip("numba is not installed")
    bound_of = kernels.numba.njit(kernels.added_bound_of) if compiled else kernels.added_bound_of
    rng = np.random.default_rng(32)
    tighter = 0
    for _ in range(300):
        p = _random_params(rng)
        best = float(rng.choice([1.0, float(rng.uniform(0.05, 1.0))]))
        ow = p.occupation_weight
        top_a = float(rng.uniform(0.0, 1.2 * best))  # A, in agreement units
        overlap = float(rng.uniform(0.0, 0.2))  # O's bound, in agreement units
        a = np.concatenate([[0.0, top_a], rng.uniform(0.0, top_a, 62)])
        o = rng.uniform(0.0, overlap, 64)
        added, _ = band_order(a, o, _query(best), p)
        exact = ow * (a + added)
        got = bound_of(np.float32(top_a * ow), ow * overlap, 1 / (ow * best), p.band_share_decay, p.band_full)
        assert got >= exact.max() - 1e-7 * max(1.0, got)
        tighter += got < ow * (top_a + overlap) - 1e-9
    assert tighter > 100


def _run(esco, municipalities, people, vacancies, scored):  # type: ignore[no-untyped-def]
    """`first_requests` on a fresh engine: the answers, and per vacancy (pruned and not) every near
    row's stage-1 bound, its pruned columns' bound and its exact score."""
    engine = MatchingEngine(esco, municipalities, clock=lambda: REFERENCE_DAY)
    engine.bulk_load(people)
    answers, pools = first_requests(engine, vacancies, scored, k=K, today=REFERENCE_DAY, prunes=(True, False))
    return answers, [(one.ub, one.history(), one.exact) for one, _ in pools]


def test_stage_one_with_the_band_bound_keeps_every_shortlist_and_scores_fewer_rows(esco, monkeypatch):
    municipalities = load_municipalities()
    people = list(generate_candidates(esco, PROFILES, 42, municipalities=municipalities))
    vacancies = list(generate_vacancies(esco, VACANCIES, 43, municipalities=municipalities))
    scored = count_exact_scores(monkeypatch)
    now, now_bounds = _run(esco, municipalities, people, vacancies, scored)
    monkeypatch.setattr(query_module, "_band_bound", lambda *args: None)  # as before session 31
    before, before_bounds = _run(esco, municipalities, people, vacancies, scored)
    rows_now, rows_before = sum(a[3] for a in now), sum(a[3] for a in before)

    assert [a[:3] for a in now] == [
        a[:3] for a in before
    ]  # every field of every entry, and the exclusion counts
    assert sum(entries != "[]" for entries, *_ in now) > VACANCIES // 2  # shortlists found
    tighter = 0
    for (ub, slack, score), (old_ub, _, old_score) in zip(now_bounds, before_bounds, strict=True):
        assert np.array_equal(score, old_score)
        assert np.all(score <= ub + slack + EPS)  # still a bound of every row's exact score
        assert np.all(ub <= old_ub + 1e-6)  # never looser
        assert np.array_equal(ub > 0, old_ub > 0)  # the same rows with evidence
        tighter += int((ub < old_ub - 1e-6).sum())
    assert tighter > 0
    assert rows_now < rows_before  # fewer rows scored exactly, the same answers
