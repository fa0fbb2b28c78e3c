"""Stage 1's bounds after session 32's order below the unit group (session 33, issue 11 speed).

`scoring.closeness_kept` (session 32) keeps `band_closeness_share` of a candidate's
inferred-occupation agreement below the unit group, but stage 1 still counted the walked agreement
whole; and the skill overlap's agreement became linear in the share held (0.3 x share), which made
the walked share's slack count: a claim counted claim weight / `experience_essential_weight` (up to
3.3) essential skills where the exact share counts one. Both bounds stayed valid but loose, and many
more rows were scored exactly (rows scored per shortlist at 1,000,000 profiles, p95 314 -> 1208).
Stage 1 now applies `closeness_kept`'s factor to its bound of the inferred agreement
(`kernels.kept_bound_of`, `query.BandBound.kept`) before the work-history spells are maxed in, and
counts a claim in the walked share at most at the weight that holds the skill whole
(`query.share_cap`, the eighth column weight). The bounds must stay upper bounds (properties over
random agreements and parameters; every near row's exact score on the speed benchmark's generated
profiles), change no shortlist (the same answers as session 32's stage 1, and the pruned path's
top k equal to scoring every eligible candidate exactly, scores and order), and score fewer rows."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from benchmarks.generate import (
    ORGS,
    REFERENCE_DAY,
    generate_candidates,
    generate_vacancies,
    load_municipalities,
)
from services.matching.index.domain import kernels
from services.matching.index.domain import query as query_module
from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.params import RankingParams, closeness_floor, unit_level
from services.matching.index.domain.pool import candidate_pools
from services.matching.index.domain.scoring import EPS, closeness_kept, exact_scores, inferred_agreement
from services.matching.index.domain.segment import encode_id

from .conftest import MUNICIPALITIES, TODAY, candidate, vacancy
from .stage_one import count_exact_scores, first_requests, stage_one

PROFILES, VACANCIES, K = 20000, 40, 10


def _random_params(rng: np.random.Generator) -> RankingParams:
    return replace(
        RankingParams(),
        band_closeness_share=float(rng.choice([0.1, float(rng.uniform(0.001, 0.999))])),
        occupation_level_weights=tuple(
            float(w) for w in rng.choice([4.0, 1.75, 0.25, 1.0, 0.0, 2.5], size=4)
        ),
    )


@pytest.mark.parametrize("compiled", [False, True])
def test_the_kept_bound_reaches_the_kept_agreement_of_every_row_it_bounds(compiled):
    """For random parameters and a row's walked inferred agreement A (occupation-weighted, float32,
    at or a little below the exact sum): `kept_bound_of` is at least `closeness_kept`'s share of
    every exact agreement a <= A (or A itself, where lower), never above A, and well below A for
    rows below the unit group."""
    if compiled and kernels.numba is None:
        pytest.skip("numba is not installed")
    bound_of = kernels.numba.njit(kernels.kept_bound_of) if compiled else kernels.kept_bound_of
    rng = np.random.default_rng(33)
    tighter = 0
    for _ in range(300):
        p = _random_params(rng)
        best = float(rng.choice([1.0, float(rng.uniform(0.05, 1.0))]))
        ow = p.occupation_weight
        unit, floor = unit_level(p), closeness_floor(p)
        n = 64
        top = rng.uniform(0.0, 1.1 * best, n) * rng.choice([0.0, 0.1, 0.3, 1.0], n)  # A's exact sums
        for i in range(n):
            walked = np.float32(top[i] * ow * (1 - 1e-7))
            got = bound_of(walked, 1 / (ow * best), p.band_closeness_share, floor, unit)
            a = np.concatenate([[top[i]], rng.uniform(0.0, top[i], 15)])  # every a <= A
            kept = ow * closeness_kept(np.clip(a / best, 0.0, 1.0), p) * a
            # the kept agreement, or the walked one where that is lower (the bound before the
            # fold: its float32 rounding is within `scoring.EPS`)
            assert got >= min(float(walked), kept.max()) - 1e-12, (top[i], best, p)
            assert got <= walked + 1e-12
            tighter += got < 0.5 * walked
    assert tighter > 1000


def _unfolded(plain):  # type: ignore[no-untyped-def]
    """`query._band_bound` without the fold (kept 1): stage 1 as before session 33."""

    def band_bound(*args):  # type: ignore[no-untyped-def]
        band = plain(*args)
        return None if band is None else replace(band, kept=1.0)

    return band_bound


def _as_session_32(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Stage 1 as before session 33: no fold of `closeness_kept`, no claim capped in the share."""
    monkeypatch.setattr(query_module, "_band_bound", _unfolded(query_module._band_bound))
    monkeypatch.setattr(query_module, "share_cap", lambda query, p: 0.0)


def _run(esco, municipalities, people, vacancies, scored):  # type: ignore[no-untyped-def]
    engine = MatchingEngine(esco, municipalities, clock=lambda: REFERENCE_DAY)
    engine.bulk_load(people)
    answers, pools = first_requests(engine, vacancies, scored, k=K, today=REFERENCE_DAY, prunes=(True, False))
    below = 0
    for one, prepared in pools:  # rows whose kept factor is below 1: the fold's case
        q = prepared.query
        if one.qw.bound.band is not None and q.best_agreement > 0:
            r = inferred_agreement(engine._snapshot.main, one.rows, q) / q.best_agreement
            below += int(((r > 0) & (closeness_kept(np.clip(r, 0.0, 1.0), engine.params) < 1.0)).sum())
    return answers, [(one.ub, one.history(), one.exact) for one, _ in pools], below


def test_the_tighter_stage_one_keeps_every_shortlist_and_scores_fewer_rows(esco, monkeypatch):
    municipalities = load_municipalities()
    people = list(generate_candidates(esco, PROFILES, 42, municipalities=municipalities))
    vacancies = list(generate_vacancies(esco, VACANCIES, 43, municipalities=municipalities))
    scored = count_exact_scores(monkeypatch)
    now, now_bounds, below = _run(esco, municipalities, people, vacancies, scored)
    _as_session_32(monkeypatch)
    before, before_bounds, _ = _run(esco, municipalities, people, vacancies, scored)
    rows_now, rows_before = sum(a[3] for a in now), sum(a[3] for a in before)

    assert below > 1000  # many near rows read below the vacancy's unit group
    # every field of every entry, and the exclusion counts
    assert [a[:3] for a in now] == [a[:3] for a in before]
    assert sum(entries != "[]" for entries, *_ in now) > VACANCIES // 2  # shortlists found
    tighter = 0
    for (ub, slack, score), (old_ub, _, old_score) in zip(now_bounds, before_bounds, strict=True):
        assert np.array_equal(score, old_score)
        assert np.all(score <= ub + slack + EPS)  # still a bound of every row's exact score
        assert np.all(ub <= old_ub + 1e-6)  # never looser
        assert np.array_equal(ub > 0, old_ub > 0)  # the same rows with evidence
        tighter += int((ub < old_ub - 1e-6).sum())
    assert tighter > 1000
    assert rows_now < rows_before  # fewer rows scored exactly, the same answers


def test_the_pruned_top_k_equals_scoring_every_eligible_candidate_below_the_unit_group(esco):
    """On a pool where most candidates' inferred occupations sit below the vacancy's unit group (the
    generated profiles: other trades, a few claims of the vacancy's), the shortlist from the pruned
    stage-1 path (pruned occupation columns, the folded bound, exact scores best bound first) is
    the top k of scoring every eligible candidate exactly: the same candidates, scores and order
    (score desc, coverage desc, id asc), including candidates ranked by the kept share."""
    municipalities = load_municipalities()
    people = list(generate_candidates(esco, 3000, 7, municipalities=municipalities))
    vacancies = list(generate_vacancies(esco, 24, 8, municipalities=municipalities))
    engine = MatchingEngine(esco, municipalities, clock=lambda: REFERENCE_DAY)
    engine.bulk_load(people)
    seg = engine._snapshot.main
    ids = [c.candidate_id for c in people]
    rows = np.asarray([seg.find(encode_id(c)) for c in ids], dtype=np.int64)
    orgs = [None, *ORGS]
    kept_in_top = compared = 0
    for i, v in enumerate(vacancies):
        org = orgs[i % len(orgs)]
        prepared = engine.prepare(v)
        got = engine.shortlist(prepared, k=K, viewer_org=org, today=REFERENCE_DAY)
        one = stage_one(engine, prepared, prune=True)
        if one.qw.bound.band is None or one.qw.bound.band.kept >= 1.0:
            continue  # no skill overlap's order on this vacancy: not the case here
        every = engine.explain_many(prepared, ids, today=REFERENCE_DAY, viewer_org=org)
        unpruned = engine._weights(engine._snapshot, prepared, prune=False)
        ex = exact_scores(seg, rows, unpruned, engine.params)
        passing = [
            (-float(ex.score[j]), -float(ex.coverage[j]), c)
            for j, c in enumerate(ids)
            if not every[c].filters and ex.score[j] > 0
        ]
        exhaustive = sorted(passing)[:K]
        assert [(e.candidate_id, e.score) for e in got] == [(c, -s) for s, _, c in exhaustive]
        q = prepared.query
        r = inferred_agreement(seg, rows, q) / q.best_agreement
        below = {c for j, c in enumerate(ids) if 0 < r[j] < unit_level(engine.params)}
        kept_in_top += sum(e.candidate_id in below for e in got)
        compared += 1
    assert compared >= 10
    assert kept_in_top > 0  # shortlisted candidates below the unit group, where the fold bounds


@pytest.mark.parametrize("levels", [("expert",), ("basic",), ("expert", "advanced")])
@pytest.mark.parametrize(
    "params",
    [
        RankingParams(),
        # the confirmed skills' agreement beside the overlap's: the cap is the lowest level's weight
        replace(RankingParams(), confirmed_agreement_share=1.0, confirmed_agreement_min_skills=1),
    ],
)
def test_a_claim_counts_one_essential_skill_in_the_bound_of_the_overlap(
    taxonomy, levels, params, monkeypatch
):
    """A cook claiming one or two of a welder ad's four essential skills: the overlap's part of the
    exact score is 0.3 x the share held (each claim one skill, whatever its level); stage 1's bound
    of the occupation part (the other parts' weights set to 0) reaches it and, where only the
    overlap walks the share, exceeds it by no more than the decay's bound (before session 33 an
    expert claim counted 1 / 0.3 = 3.3 skills there). Beside the confirmed skills' agreement (a
    title-read occupation) a claim counts at most level_weights[0] / 0.3 = 2 skills, which the
    confirmed share needs."""
    confirmed = params.confirmed_agreement_min_skills == 1
    essential = ("s:weld", "s:mig", "s:blue", "s:safety")
    # the confirmed skills' agreement needs the occupation read from the title
    welder_ad = vacancy(essential, title="welder") if confirmed else vacancy(essential, occupation="o:welder")
    skills = dict(zip(("s:weld", "s:mig"), levels, strict=False))
    cook = candidate("cook", {**skills, "s:cook": "expert", "s:hygiene": "expert"})
    engine = MatchingEngine(taxonomy, MUNICIPALITIES, params, clock=lambda: TODAY)
    engine.bulk_load([cook])
    snap = engine._snapshot
    prepared = engine.prepare(welder_ad)
    assert (prepared.query.confirmed_agreement > 0) == confirmed

    def occupation_part() -> tuple[float, float]:
        qw = engine._weights(snap, prepared, prune=False)
        ex = exact_scores(snap.main, np.array([0]), qw, engine.params)
        weights = qw.column_weights.copy()
        weights[:, :2] = 0.0  # the occupation part alone
        (alone,) = candidate_pools(
            [(snap.main, snap.present)], replace(qw, column_weights=weights), prepared.distances, True, ()
        )
        return float(ex.parts[0, 0]), float(alone.ub[0])

    exact, bound = occupation_part()
    assert exact > 0  # the overlap's part (the cook is no welder)
    assert exact <= bound + EPS
    engine._weights_cache.clear()
    monkeypatch.setattr(query_module, "share_cap", lambda query, p: 0.0)  # as before session 33
    _, uncapped = occupation_part()
    assert bound <= uncapped + 1e-6
    if not confirmed:  # the overlap alone: each claim at one skill (the rest: the decay's bound)
        assert bound <= exact + 0.005
    if levels == ("expert",) or (levels != ("basic",) and not confirmed):
        assert uncapped > bound + 0.02  # an expert claim: 3.3 skills before, 1 (2 beside confirmed)
