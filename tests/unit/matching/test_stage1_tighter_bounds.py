"""Stage 1's tighter bounds of session 24 (issue 11, speed): the confirmed skills' agreement
bounded by A x min(1, share)^power (`kernels.confirmed_bound_of`) instead of the linear A x share /
level_weights[0], and the similarity's ||x_V||^2 by the row's walked sum of idf^2 x strength where
below kappa x a (`kernels.similarity_bound_of`'s sq). On the speed benchmark's own generated
profiles and vacancies (`benchmarks.generate`, the real ESCO taxonomy, small scale) every
shortlist and every exclusion count is the same, every field of every entry, as with the bounds
before (main's), no bound falls below an exact score, and fewer rows are scored exactly."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from benchmarks.generate import (
    REFERENCE_DAY,
    generate_candidates,
    generate_vacancies,
    load_municipalities,
)
from services.matching.index.domain import query as query_module
from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.query import confirmed_factor
from services.matching.index.domain.scoring import EPS

from .stage_one import count_exact_scores, first_requests

PROFILES, VACANCIES, K = 20000, 40, 10


def _linear_as_before(plain):  # type: ignore[no-untyped-def]
    """`query._linear` as before session 24: the confirmed share folded into the coverage weights
    at confirmed_factor per unit of coverage share (linear), no confirmed-share weights."""

    def linear(query, sim, cov, occ_raw, total, space, at, occ_of, value):  # type: ignore[no-untyped-def]
        lin, lin_occ, share, share_occ = plain(query, sim, cov, occ_raw, total, space, at, occ_of, value)
        per_share = confirmed_factor(query, space.params) * space.params.level_weights[0]
        return lin + per_share * share, lin_occ + per_share * share_occ, 0 * share, 0 * share_occ

    return linear


def _weights_as_before(plain):  # type: ignore[no-untyped-def]
    """`query._weights` with the similarity's bound as before session 24 (kappa x a only; nor the
    band's shrink of session 31, which came later)."""

    def weights(*args, **kwargs):  # type: ignore[no-untyped-def]
        qw = plain(*args, **kwargs)
        return replace(qw, bound=replace(qw.bound, squares=0.0, band=None))

    return weights


def _run(esco, municipalities, people, vacancies, scored: list[int]):  # type: ignore[no-untyped-def]
    """`first_requests` on a fresh engine: the answers and, per vacancy, the stage-1 bounds."""
    engine = MatchingEngine(esco, municipalities, clock=lambda: REFERENCE_DAY)
    engine.bulk_load(people)
    answers, pools = first_requests(engine, vacancies, scored, k=K, today=REFERENCE_DAY)
    bounds = [(one.ub, one.exact, one.slack(), prepared.query.confirmed_agreement) for one, prepared in pools]
    return answers, bounds


def test_the_tighter_stage_one_bounds_keep_every_shortlist_and_score_fewer_rows(esco, monkeypatch):
    municipalities = load_municipalities()
    people = list(generate_candidates(esco, PROFILES, 42, municipalities=municipalities))
    vacancies = list(generate_vacancies(esco, VACANCIES, 43, municipalities=municipalities))
    scored = count_exact_scores(monkeypatch)
    now, now_bounds = _run(esco, municipalities, people, vacancies, scored)
    monkeypatch.setattr(query_module, "_linear", _linear_as_before(query_module._linear))
    monkeypatch.setattr(query_module, "_weights", _weights_as_before(query_module._weights))
    before, before_bounds = _run(esco, municipalities, people, vacancies, scored)

    assert [a[:3] for a in now] == [a[:3] for a in before]  # every field of every entry, and the counts
    assert sum(entries != "[]" for entries, *_ in now) > VACANCIES // 2  # shortlists found
    confirmed = [i for i, b in enumerate(now_bounds) if b[3] > 0]
    assert len(confirmed) >= 5  # the benchmark's vacancies use the confirmed skills' agreement
    tighter = 0
    for (ub, score, slack, _), (old_ub, old_score, _, _) in zip(now_bounds, before_bounds, strict=True):
        assert np.array_equal(score, old_score)
        assert np.all(score <= ub + slack + EPS)  # still a bound of every row's exact score
        assert np.all(ub <= old_ub + 1e-6)  # never looser where it was walked the same
        tighter += int((ub < old_ub - 1e-6).sum())
    assert tighter > 0
    rows_now, rows_before = sum(a[3] for a in now), sum(a[3] for a in before)
    assert rows_now < rows_before  # fewer rows scored exactly, the same answers
