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
    ORGS,
    REFERENCE_DAY,
    generate_candidates,
    generate_vacancies,
    load_municipalities,
)
from services.matching.index.domain import query as query_module
from services.matching.index.domain import scoring
from services.matching.index.domain.arrays import positions_to_rows
from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.pool import candidate_pools
from services.matching.index.domain.query import confirmed_factor
from services.matching.index.domain.scoring import EPS, exact_scores

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
    """Every vacancy's first request (prepared and warmed, then ranked with the API's counts) and a
    plain shortlist; (entries as text, exclusion counts) per vacancy, and the stage-1 bounds."""
    engine = MatchingEngine(esco, municipalities, clock=lambda: REFERENCE_DAY)
    engine.bulk_load(people)
    orgs = [None, *ORGS]
    answers, bounds = [], []
    for i, v in enumerate(vacancies):
        org = orgs[i % len(orgs)]
        prepared = engine.prepare(v)
        engine.warm(prepared)
        before = sum(scored)
        ranked = engine.rank(prepared, k=K, viewer_org=org, today=REFERENCE_DAY, count_exclusions=True)
        plain = engine.shortlist(v, k=K, viewer_org=org, today=REFERENCE_DAY)
        answers.append((repr(ranked.entries), repr(plain), repr(ranked.exclusions), sum(scored) - before))
        snap = engine._snapshot
        qw = engine._weights(snap, prepared, prune=True)
        (pool,) = candidate_pools([(snap.main, snap.present)], qw, prepared.distances, True, ())
        rows = positions_to_rows(pool.near.lo, pool.near.base, snap.main.geo_row, np.arange(pool.near.size))
        order = np.argsort(rows)
        ex = exact_scores(snap.main, rows[order], qw, engine.params)
        slack = qw.pruned_slack(snap.main.experience, rows[order])
        bounds.append((pool.ub[order], ex.score, slack, prepared.query.confirmed_agreement))
    return answers, bounds


def test_the_tighter_stage_one_bounds_keep_every_shortlist_and_score_fewer_rows(esco, monkeypatch):
    municipalities = load_municipalities()
    people = list(generate_candidates(esco, PROFILES, 42, municipalities=municipalities))
    vacancies = list(generate_vacancies(esco, VACANCIES, 43, municipalities=municipalities))
    scored: list[int] = []
    plain_exact = scoring.exact_scores

    def counted(seg, rows, *rest):  # type: ignore[no-untyped-def]
        scored.append(len(rows))
        return plain_exact(seg, rows, *rest)

    monkeypatch.setattr(scoring, "exact_scores", counted)
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
