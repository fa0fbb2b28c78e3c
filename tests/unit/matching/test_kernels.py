"""The stage-1 kernel and the geographic row ranges it walks."""

from types import SimpleNamespace

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from services.matching.index.domain import kernels, segment
from services.matching.index.domain.explain import best_related
from services.matching.index.domain.filters import Commute, Reach
from services.matching.index.domain.pool import near_ranges
from services.matching.index.domain.segment import block_offsets, geo_order

jit = pytest.mark.skipif(kernels.numba is None, reason="numba is not installed")


def _case(seed: int):
    """Random postings and ranges; odd seeds: many long posting lists and many ranges."""
    rng = np.random.default_rng(seed)
    n, c, n_ranges = (500, 40, 5) if seed % 2 == 0 else (20_000, 60, 80)
    postings = sp.random(n, c, density=0.08, format="csc", dtype=np.float32, random_state=rng)
    postings.sort_indices()
    inv_norm = rng.uniform(0.1, 2.0, n).astype(np.float32)
    columns = rng.choice(c, size=15, replace=False)
    weights = rng.uniform(0.0, 1.0, (15, 2)).astype(np.float32)
    cuts = np.sort(rng.choice(np.arange(1, n), size=2 * n_ranges, replace=False))
    lo, hi = cuts[0::2], cuts[1::2]  # disjoint ranges
    return postings, inv_norm, columns, weights, lo, hi


@pytest.mark.parametrize("seed", range(5))
def test_range_bounds_are_the_weighted_sums_over_the_rows_in_the_ranges(seed, monkeypatch):
    postings, inv_norm, columns, weights, lo, hi = _case(seed)
    n_cov = 6
    dense = postings.toarray()[:, columns].astype(np.float64)
    expected = inv_norm * (dense @ weights[:, 0]) + dense[:, :n_cov] @ weights[:n_cov, 1]
    rows = np.concatenate([np.arange(a, b) for a, b in zip(lo, hi, strict=True)])
    monkeypatch.setenv("KOHTAANTO_NUMBA", "0")
    got = kernels.range_bounds(postings, inv_norm, columns, weights, n_cov, lo, hi)
    np.testing.assert_allclose(got, expected[rows], rtol=1e-5, atol=1e-6)


@jit
@pytest.mark.parametrize("seed", range(5))
def test_the_compiled_kernel_agrees_with_the_scipy_version(seed, monkeypatch):
    postings, inv_norm, columns, weights, lo, hi = _case(seed)
    compiled = kernels.range_bounds(postings, inv_norm, columns, weights, 6, lo, hi)
    monkeypatch.setenv("KOHTAANTO_NUMBA", "0")
    reference = kernels.range_bounds(postings, inv_norm, columns, weights, 6, lo, hi)
    np.testing.assert_allclose(compiled, reference, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("numba_on", [True, False])
def test_the_agreement_part_is_the_larger_of_the_summed_and_the_maxed_columns(seed, numba_on, monkeypatch):
    """Weights (m, 4): the occupation agreement a row can earn is the larger of its inferred
    occupations' sum (the fourth weight) and its best work-history spell (the third, maxed),
    not their sum; compiled and scipy alike, with and without the similarity bound."""
    if numba_on and kernels.numba is None:
        pytest.skip("numba is not installed")
    if not numba_on:
        monkeypatch.setenv("KOHTAANTO_NUMBA", "0")
    postings, inv_norm, columns, weights, lo, hi = _case(seed)
    rng = np.random.default_rng(100 + seed)
    four = np.zeros((len(columns), 4), np.float32)
    four[:, :2] = weights
    four[5:10, 2] = rng.uniform(0.0, 1.0, 5)  # spells: maxed
    four[10:, 3] = rng.uniform(0.0, 1.0, len(columns) - 10)  # inferred: summed
    four[10:, :2] = 0.0
    n_cov = 6
    dense = postings.toarray()[:, columns].astype(np.float64)
    agreement = np.maximum(dense @ four[:, 3], (dense * four[:, 2]).max(axis=1))
    expected = inv_norm * (dense @ four[:, 0]) + dense[:, :n_cov] @ four[:n_cov, 1] + agreement
    rows = np.concatenate([np.arange(a, b) for a, b in zip(lo, hi, strict=True)])
    got = kernels.range_bounds(postings, inv_norm, columns, four, n_cov, lo, hi)
    np.testing.assert_allclose(got, expected[rows], rtol=1e-5, atol=1e-6)
    assert np.any(agreement < dense @ four[:, 3] + (dense * four[:, 2]).max(axis=1) - 1e-3)  # max, not sum
    vmax = rng.uniform(-2.0, 2.0, len(inv_norm)).astype(np.float32)
    bound = (0.3, 2.0, 0.1)
    got = kernels.range_bounds(postings, inv_norm, columns, four, n_cov, lo, hi, bound=bound, vector_max=vmax)
    sim = np.asarray(
        [
            kernels.similarity_bound_of(np.float32(s), i, m, *bound)
            for s, i, m in zip((dense @ four[:, 0]).astype(np.float32), inv_norm, vmax, strict=True)
        ]
    )
    expected = sim + dense[:, :n_cov] @ four[:n_cov, 1] + agreement
    np.testing.assert_allclose(got, expected[rows], rtol=1e-4, atol=1e-5)


@jit
def test_the_kernel_handles_no_ranges_empty_columns_and_ranges_past_the_postings():
    postings = sp.csc_matrix((np.array([1.0, 2.0], np.float32), ([0, 3], [1, 1])), shape=(6, 3))
    inv_norm = np.ones(6, np.float32)
    weights = np.ones((3, 2), np.float32)
    none = kernels.range_bounds(
        postings, inv_norm, np.arange(3), weights, 3, np.zeros(0, int), np.zeros(0, int)
    )
    assert none.shape == (0,)
    got = kernels.range_bounds(
        postings, inv_norm, np.arange(3), weights, 3, np.array([0, 4]), np.array([2, 6])
    )
    np.testing.assert_allclose(got, [2.0, 0.0, 0.0, 0.0])  # row 0: 1 similarity + 1 coverage


class _Segment:
    def __init__(self, municipality, commute):
        self.municipality = np.asarray(municipality, np.int16)
        self.max_commute_km = np.asarray(commute, np.float32)
        self.geo_row, self.geo_key = geo_order(self.municipality, self.max_commute_km)


@pytest.mark.parametrize("include_unknown", [True, False])
@pytest.mark.parametrize("seed", range(4))
def test_near_ranges_hold_exactly_the_candidates_within_commuting_distance(seed, include_unknown):
    rng = np.random.default_rng(seed)
    n, n_munis = 400, 7
    seg = _Segment(rng.integers(-1, n_munis, n), rng.choice([0.0, 10.0, 25.0, 60.0, 200.0], n))
    distances = np.append(rng.uniform(0, 120, n_munis), np.nan).astype(np.float32)
    if seed == 3:
        distances[:] = np.nan  # the vacancy's own municipality has no coordinates
    lo, hi, _ = near_ranges(seg, distances, include_unknown)  # type: ignore[arg-type]
    assert np.all(lo < hi) and np.all(hi[:-1] <= lo[1:])  # sorted, disjoint
    positions = np.concatenate([np.arange(a, b) for a, b in zip(lo, hi, strict=True)] or [np.zeros(0, int)])
    columns = {"municipality": seg.municipality, "max_commute_km": seg.max_commute_km}
    near = np.flatnonzero(Commute().passes(columns, Reach(distances, include_unknown), np.arange(n)))
    assert sorted(seg.geo_row[positions].tolist()) == near.tolist()


@jit
def test_two_threads_give_the_same_bounds_as_one(monkeypatch):
    rng = np.random.default_rng(7)
    n, c = 100_000, 30
    postings = sp.random(n, c, density=0.01, format="csc", dtype=np.float32, random_state=rng)
    postings.sort_indices()
    inv_norm = rng.uniform(0.1, 2.0, n).astype(np.float32)
    columns, weights = np.arange(c), rng.uniform(0.0, 1.0, (c, 2)).astype(np.float32)
    cuts = np.sort(rng.choice(np.arange(1, n), size=40, replace=False))
    lo, hi = cuts[0::2], cuts[1::2]
    assert (hi - lo).sum() >= kernels.PARALLEL_MIN_ROWS
    one = kernels.range_bounds(postings, inv_norm, columns, weights, 9, lo, hi, threads=1)
    two = kernels.range_bounds(postings, inv_norm, columns, weights, 9, lo, hi, threads=2)
    np.testing.assert_array_equal(one, two)
    monkeypatch.setenv("KOHTAANTO_NUMBA", "0")
    np.testing.assert_allclose(
        one, kernels.range_bounds(postings, inv_norm, columns, weights, 9, lo, hi), rtol=1e-5
    )


@jit
@pytest.mark.parametrize("seed", range(3))
def test_the_block_table_finds_the_same_postings_as_the_search(seed, monkeypatch):
    rng = np.random.default_rng(seed)
    n, c, n_munis = 3000, 25, 9
    seg = _Segment(rng.integers(-1, n_munis, n), rng.choice([10.0, 25.0, 60.0, 200.0], n))
    postings = sp.random(n, c, density=0.05, format="csc", dtype=np.float32, random_state=rng)
    postings.sort_indices()  # rows are geographic positions here
    inv_norm = rng.uniform(0.1, 2.0, n).astype(np.float32)
    columns, weights = rng.choice(c, 12, replace=False), rng.uniform(0, 1, (12, 2)).astype(np.float32)
    distances = np.append(rng.uniform(0, 150, n_munis), np.nan).astype(np.float32)
    lo, hi, blocks = near_ranges(seg, distances, True)  # type: ignore[arg-type]
    monkeypatch.setattr(segment, "BLOCK_TABLE_MIN_ROWS", 0)
    table = block_offsets(postings, seg.geo_key)
    assert table.shape == (c, n_munis + 2)
    searched = kernels.range_bounds(postings, inv_norm, columns, weights, 5, lo, hi)
    walked = kernels.range_bounds(postings, inv_norm, columns, weights, 5, lo, hi, table=table, blocks=blocks)
    np.testing.assert_array_equal(searched, walked)


@jit
@pytest.mark.parametrize("seed", range(4))
def test_the_compiled_similarity_bound_agrees_with_the_scipy_version(seed, monkeypatch):
    """With a similarity bound (`query.SimilarityBound`): claim columns (below n_skills) and
    the walked sum combined per row by `similarity_bound_of`, the same in the compiled loop and
    in scipy."""
    postings, inv_norm, columns, weights, lo, hi = _case(seed)
    rng = np.random.default_rng(100 + seed)
    top = rng.uniform(0.05, 1.5, len(inv_norm))  # negative: no work history (`vectors.vector_max`)
    hist = np.where(rng.random(len(inv_norm)) < 0.5, -top, top).astype(np.float32)
    bound = (0.3, float(rng.uniform(1, 20)), float(rng.uniform(0, 2)))
    compiled = kernels.range_bounds(
        postings, inv_norm, columns, weights, 6, lo, hi, bound=bound, vector_max=hist
    )
    monkeypatch.setenv("KOHTAANTO_NUMBA", "0")
    reference = kernels.range_bounds(
        postings, inv_norm, columns, weights, 6, lo, hi, bound=bound, vector_max=hist
    )
    np.testing.assert_allclose(compiled, reference, rtol=1e-5, atol=1e-6)
    # positive exactly where the plain (cosine) bound is: which rows have evidence does not change
    plain = kernels.range_bounds(postings, inv_norm, columns, weights, 6, lo, hi)
    assert np.array_equal(reference > 0, plain > 0)
    assert np.all(reference <= 0.3 + weights[:6, 1].sum() * postings.max() + 1e-6)


@pytest.mark.parametrize("outside", [1.0, 0.1, 0.03])
def test_the_similarity_bound_reaches_the_similarity_of_random_rows(outside):
    """`similarity_bound_of` from a row's walked sum, norm and largest coordinate is never below
    its exact similarity (`scoring.similarity`), on random rows of claims (at most
    the largest claim weight) and work history, with skills outside the vacancy's too, whatever
    weight those outside skills have (`RankingParams.outside_skill_weight`)."""
    from services.matching.index.domain.scoring import similarity

    rng = np.random.default_rng(3)
    below = 0
    for trial in range(300):
        m, n_out = int(rng.integers(1, 12)), int(rng.integers(0, 6))  # (not `outside`: the weight)
        # an occupation's skills weigh alike; chosen optional and suggested ones less
        q = rng.choice([1.0, 0.5, 0.3], m) if trial % 2 else np.ones(m)
        idf = rng.uniform(1.0, 6.0, m)
        qi = q * idf
        hat = qi / np.linalg.norm(qi)
        sim_w = hat * idf  # the stage-1 similarity weight per unit of strength, / scale
        claims = np.where(rng.random(m) < 0.4, rng.choice([0.6, 0.8, 1.0], m), 0.0)
        history = np.where(rng.random(m) < 0.5, rng.choice([0.1, 0.3, 0.6], m) * rng.uniform(0.2, 1.0), 0.0)
        hist_out = rng.choice([0.0, 0.1, 0.3], n_out) * rng.uniform(0.2, 1.0)
        claim_out = np.where(rng.random(n_out) < 0.3, 1.0, 0.0)
        out_idf = rng.uniform(1.0, 6.0, n_out)
        x = claims + history
        z = x * idf
        full_sq = float(z @ z + ((hist_out + claim_out) * out_idf) @ ((hist_out + claim_out) * out_idf))
        b2 = max(full_sq - float(z @ z), 0.0)
        exact = similarity(z[None, :], hat, np.array([b2 * outside]))[0]
        if full_sq <= 0:
            continue
        kappa = float(np.linalg.norm(qi) / q.min())
        # the largest raw coordinate, negative without work history (`vectors.vector_max`)
        top = float(max(x.max(initial=0.0), (hist_out + claim_out).max(initial=0.0)))
        worked = history.any() or hist_out.any()
        scale = 0.3
        got = kernels.similarity_bound_of(
            np.float32(scale * x @ sim_w),
            np.float32(1 / np.sqrt(full_sq)),
            np.float32(top if worked else -top),
            scale,
            kappa,
            0.0,
            outside,
        )
        assert got >= scale * exact - 1e-6
        below += got < scale * 0.999
    assert below > 30  # a bound, not the similarity's maximum everywhere


@settings(max_examples=400, deadline=None, derandomize=True)
@given(
    claims=st.lists(st.sampled_from([0.0, 0.0, 0.6, 0.8, 1.0]), min_size=1, max_size=10),
    history=st.lists(st.sampled_from([0.0, 0.0, 0.1, 0.3, 0.6, 1.0]), min_size=10, max_size=10),
    trade=st.lists(st.booleans(), min_size=16, max_size=16),
    outside_claims=st.lists(st.sampled_from([0.0, 0.6, 0.8, 1.0]), min_size=0, max_size=6),
    outside_history=st.lists(st.sampled_from([0.0, 0.1, 0.3, 0.6]), min_size=6, max_size=6),
    idf=st.lists(st.floats(1.0, 8.0), min_size=16, max_size=16),
    phi=st.sampled_from([0.05, 0.1, 0.3, 0.5, 0.8]),
    whole=st.sampled_from([1.0, 0.1]),
)
def test_with_claims_of_the_own_trade_the_bound_still_reaches_the_similarity(
    claims, history, trade, outside_claims, outside_history, idf, phi, whole
):
    """Property (`RankingParams.trade_claim_units` = phi): with a row's stored fall (over every claim
    of its own trade, inside the vacancy's skills V or not, float32 rounded up, as
    `vectors.trade_claim_falls` stores it), `similarity_bound_of` is never below the exact similarity
    whose outside part falls by the trade claims outside V only (`scoring._trade_claims_fall`); and a
    row without such claims keeps the bound it has with the rule off."""
    from services.matching.index.domain.scoring import similarity
    from services.matching.index.domain.vectors import rounded_up

    m, n_out = len(claims), len(outside_claims)
    worked = any(history[:m]) or any(outside_history[:n_out])  # trade claims need work history
    c, h = np.array(claims), np.array(history[:m])
    c_out, h_out = np.array(outside_claims), np.array(outside_history[:n_out])
    idf_v, idf_out = np.array(idf[:m]), np.array(idf[10 : 10 + n_out])
    of_trade = np.array(trade[:m]) & worked
    out_trade = np.array(trade[10 : 10 + n_out], dtype=bool) & worked
    x = c + h
    hat = idf_v / np.linalg.norm(idf_v)  # an occupation vacancy: its skills weigh alike
    z = x * idf_v
    x_out = c_out + h_out
    full_sq = float(z @ z + (x_out * idf_out) @ (x_out * idf_out))
    if full_sq <= 0:
        return

    def fall(cc, hh, ii):
        return ii**2 * cc * ((1 - phi * phi) * cc + 2 * (1 - phi) * hh)

    stored = float(
        rounded_up(
            np.array([fall(c, h, idf_v)[of_trade].sum() + fall(c_out, h_out, idf_out)[out_trade].sum()])
        )[0]
    )
    b2 = max(full_sq - float(z @ z) - float(fall(c_out, h_out, idf_out)[out_trade].sum()), 0.0)
    exact = similarity(z[None, :], hat, np.array([b2 * whole]))[0]
    top = float(max(x.max(initial=0.0), x_out.max(initial=0.0)))
    scale, kappa = 0.3, float(np.linalg.norm(idf_v))
    args = (
        np.float32(scale * x @ (hat * idf_v)),
        np.float32(1 / np.sqrt(full_sq)),
        np.float32(top if worked else -top),
    )
    got = kernels.similarity_bound_of(*args, scale, kappa, 0.0, whole * phi * phi, -1.0, stored, whole)
    assert got >= scale * exact - 1e-6
    if stored == 0.0:  # no claim of the own trade: the bound with the rule off
        off = kernels.similarity_bound_of(*args, scale, kappa, 0.0, whole)
        assert got == pytest.approx(off, abs=1e-12)


def _related_case(seed: int):
    """Random strengths (quantised, so that ties occur), held positions and related groups."""
    rng = np.random.default_rng(seed)
    m, n_u, n_own = 30, 40, 12
    strength = rng.choice([0.0, 0.1, 0.3, 0.5, 1.0], size=(m, n_u))
    has = rng.random((m, n_u)) < 0.3
    owners = np.sort(rng.choice(n_own, size=8, replace=False))
    rel_owner, rel_starts, rel_v, rel_c = [], [], [], []
    for owner in owners:
        rel_owner.append(owner)
        rel_starts.append(len(rel_v))
        size = int(rng.integers(1, 6))
        rel_v += sorted(rng.choice(np.arange(n_own, n_u), size=size, replace=False).tolist())
        rel_c += rng.choice([0.25, 0.5, 0.5, 0.8], size=size).tolist()
    q = SimpleNamespace(
        n_own=n_own,
        rel_v=np.asarray(rel_v, dtype=np.int64),
        rel_c=np.asarray(rel_c, dtype=np.float32),
        rel_starts=np.asarray(rel_starts, dtype=np.int64),
        rel_owner=np.asarray(rel_owner, dtype=np.int64),
    )
    return strength, has, q


@jit
@pytest.mark.parametrize("seed", range(6))
def test_the_compiled_best_related_skill_is_the_numpy_one(seed, monkeypatch):
    """Explanations' related skills (issue 11's cut of explain) are the same with numba on and off,
    ties (the first related position wins) included."""
    strength, has, q = _related_case(seed)
    on_v, on_c = best_related(strength, has, q)
    monkeypatch.setenv("KOHTAANTO_NUMBA", "0")
    off_v, off_c = best_related(strength, has, q)
    np.testing.assert_array_equal(on_v, off_v)
    np.testing.assert_array_equal(on_c, off_c)
    assert (on_v >= 0).sum() > 20  # the case exercises the search


@pytest.mark.parametrize("numba_on", ["1", "0"])
def test_the_best_related_skill_is_the_strongest_of_the_unheld_own_skill_first_on_ties(numba_on, monkeypatch):
    monkeypatch.setenv("KOHTAANTO_NUMBA", numba_on)
    # own skills 0 and 1; related positions 2, 3 (of own skill 0) and 4 (of own skill 1)
    q = SimpleNamespace(
        n_own=2,
        rel_v=np.asarray([2, 3, 4]),
        rel_c=np.asarray([0.5, 0.5, 0.8], dtype=np.float32),
        rel_starts=np.asarray([0, 2]),
        rel_owner=np.asarray([0, 1]),
    )
    strength = np.asarray(
        [
            [0.0, 0.0, 1.0, 1.0, 1.0],  # a tie: the first related position, 2
            [0.0, 0.0, 0.3, 1.0, 0.0],  # 3 is stronger; nothing related to own skill 1
            [0.0, 1.0, 1.0, 1.0, 1.0],  # holds own skill 1: no related credit for it
        ]
    )
    has = strength >= 1.0
    has[:, 2:] = False
    best_v, best_c = best_related(strength, has, q)
    assert best_v.tolist() == [[2, 4], [3, -1], [2, -1]]
    np.testing.assert_allclose(best_c, [[0.5, 0.8], [0.5, 0.0], [0.5, 0.0]])


def _evidence_case(seed: int):
    """A random segment's claims, meta bytes and work history, a random occupation-skill weight
    matrix and essential matrix, and a query holding some of the skills (issue 11's explain cut)."""
    rng = np.random.default_rng(seed)
    n, n_skills, n_occ = 300, 80, 25
    claims = sp.random(n, n_skills, density=0.06, format="csr", dtype=np.float32, random_state=rng)
    claims.sort_indices()
    meta = claims.copy()
    meta.data = rng.integers(1, 9, len(claims.data)).astype(np.uint8)
    history = sp.random(n, n_occ, density=0.08, format="csr", dtype=np.float32, random_state=rng)
    experience = sp.random(n_occ, n_skills, density=0.3, format="csr", dtype=np.float32, random_state=rng)
    essential = experience.copy()
    essential.data[:] = 1.0
    essential.data[rng.random(len(essential.data)) < 0.5] = 0.0  # stored zeros: held only by > 0
    skills = rng.choice(n_skills, size=30, replace=False)
    position = np.full(n_skills, -1, dtype=np.int64)
    position[skills] = np.arange(len(skills))
    seg = SimpleNamespace(claims=claims, claim_meta=meta, experience=history)
    qw = SimpleNamespace(
        query=SimpleNamespace(position=position, skills=skills), exact=SimpleNamespace(experience=experience)
    )
    # spells below the held weight (a quarter) hold no skill in the display (T30-3)
    space = SimpleNamespace(
        taxonomy=SimpleNamespace(essential=essential), params=SimpleNamespace(held_spell_weight=0.25)
    )
    rows = rng.integers(0, n, 120)  # repeats and rows without history or claims included
    return seg, rows, qw, space


@jit
@pytest.mark.parametrize("seed", range(6))
def test_the_compiled_query_evidence_is_the_numpy_one_to_the_bit(seed, monkeypatch):
    """Explanations' evidence at the query positions (claims, work history, essential to a past
    occupation) read in one compiled pass equals the numpy form exactly, sums in the same order."""
    from services.matching.index.domain.explain import _read_evidence

    seg, rows, qw, space = _evidence_case(seed)
    on = _read_evidence(seg, rows, qw, space)
    assert on[3] is None  # the compiled pass ran
    monkeypatch.setenv("KOHTAANTO_NUMBA", "0")
    off = _read_evidence(seg, rows, qw, space)
    assert off[3] is not None
    for a, b in zip(on[:3], off[:3], strict=True):
        assert a.dtype == b.dtype and a.shape == b.shape
        np.testing.assert_array_equal(a, b)
    raw, source, held = on[:3]
    assert (source > 0).sum() > 50 and ((raw > 0) & (source == 0)).sum() > 50 and held.sum() > 50


def test_explain_reads_claims_and_work_history_at_the_query_positions(monkeypatch):
    """The numbers themselves, numba on or off: a claim, work history summed into it, a skill
    essential to a past occupation, a skill outside the query left out."""
    from services.matching.index.domain.explain import _read_evidence

    claims = sp.csr_matrix(np.asarray([[0.5, 0.0, 0.0, 0.7], [0.0, 0.0, 0.0, 0.0]], dtype=np.float32))
    meta = claims.copy()
    meta.data = np.asarray([3, 4], dtype=np.uint8)
    history = sp.csr_matrix(np.asarray([[0.5, 0.0], [0.25, 1.0]], dtype=np.float32))
    experience = sp.csr_matrix(np.asarray([[0.6, 0.3, 0.0, 0.0], [0.0, 0.6, 0.0, 0.0]], dtype=np.float32))
    essential = sp.csr_matrix(np.asarray([[1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0]], dtype=np.float32))
    position = np.asarray([0, 1, 2, -1])  # skill 3 is not in the query
    seg = SimpleNamespace(claims=claims, claim_meta=meta, experience=history)
    qw = SimpleNamespace(
        query=SimpleNamespace(position=position, skills=np.arange(3)),
        exact=SimpleNamespace(experience=experience),
    )
    space = SimpleNamespace(
        taxonomy=SimpleNamespace(essential=essential), params=SimpleNamespace(held_spell_weight=0.25)
    )
    light = SimpleNamespace(taxonomy=space.taxonomy, params=SimpleNamespace(held_spell_weight=0.3))
    for numba_on in ("1", "0"):
        monkeypatch.setenv("KOHTAANTO_NUMBA", numba_on)
        raw, source, held, _ = _read_evidence(seg, np.asarray([0, 1]), qw, space)
        w = np.float64(np.float32(0.5)) * np.float64(np.float32(0.6))
        assert raw[0].tolist() == [
            np.float64(np.float32(0.5)) + w,
            np.float64(np.float32(0.5)) * np.float64(np.float32(0.3)),
            0.0,
        ]
        assert source.tolist() == [[3, 0, 0], [0, 0, 0]]
        assert held.tolist() == [[True, False, False], [True, True, False]]
        # a spell weighing less than `held_spell_weight` shows no skill as held (outside tester 30, T30-3)
        held = _read_evidence(seg, np.asarray([0, 1]), qw, light)[2]
        assert held.tolist() == [[True, False, False], [False, True, False]]


def test_the_shared_parts_cover_every_range_once_in_order():
    base = np.array([0, 10, 11, 40, 41, 90, 100])  # rows before each of 7 ranges; 120 rows in all
    parts = kernels.shared_chunks(base, 120, 4)
    assert parts[0][0] == 0 and parts[-1][1] == len(base)
    assert all(a < b for a, b in parts)
    assert all(parts[i][1] == parts[i + 1][0] for i in range(len(parts) - 1))
    assert kernels.shared_chunks(np.array([0]), 50, 4) == [(0, 1)]  # one range is never split
    assert kernels.shared_chunks(np.array([0, 49]), 50, 4) == [(0, 1), (1, 2)]  # where the rows are


class _NeverStarts:
    """An executor whose helper never gets to run (a busy host): its work stays pending."""

    def submit(self, fn, *args):  # type: ignore[no-untyped-def]
        from concurrent.futures import Future

        return Future()


@jit
@pytest.mark.parametrize("helper", ["real", "never starts"])
def test_the_caller_walks_the_parts_the_helper_has_not_taken(helper, monkeypatch):
    rng = np.random.default_rng(11)
    n, c = 100_000, 20
    postings = sp.random(n, c, density=0.01, format="csc", dtype=np.float32, random_state=rng)
    postings.sort_indices()
    inv_norm = rng.uniform(0.1, 2.0, n).astype(np.float32)
    columns, weights = np.arange(c), rng.uniform(0.0, 1.0, (c, 2)).astype(np.float32)
    cuts = np.sort(rng.choice(np.arange(1, n), size=60, replace=False))
    lo, hi = cuts[0::2], cuts[1::2]
    one = kernels.range_bounds(postings, inv_norm, columns, weights, 7, lo, hi, threads=1)
    if helper != "real":
        monkeypatch.setattr(kernels, "_helper_pool", _NeverStarts)
    for parts in (2, 3, 16):
        monkeypatch.setattr(kernels, "STAGE1_CHUNKS", parts)
        two = kernels.range_bounds(postings, inv_norm, columns, weights, 7, lo, hi, threads=2)
        np.testing.assert_array_equal(one, two)
    assert kernels._helper_free.acquire(False)  # released again
    kernels._helper_free.release()


def _best_rows_by_sort(ub: np.ndarray, x: int) -> tuple[np.ndarray, float]:
    """`arrays.best_rows` as it was, with the strided sample sorted: the reference."""
    step = max(1, len(ub) // 16384)
    sample = np.sort(ub[::step])[::-1]
    rank = x // step + 16
    while True:
        threshold = float(sample[rank]) if rank < len(sample) else 0.0
        rows = np.flatnonzero(ub > threshold) if threshold > 0 else np.flatnonzero(ub > 0)
        if len(rows) >= x or threshold <= 0:
            break
        rank *= 2
    if len(rows) > x:
        rows = rows[np.argpartition(ub[rows], len(rows) - x)[len(rows) - x :]]
        return rows, float(ub[rows].min())
    return rows, threshold


@pytest.mark.parametrize("seed", range(40))
def test_best_rows_finds_the_rows_and_bound_of_the_sorted_sample(seed):
    from services.matching.index.domain.arrays import best_rows

    rng = np.random.default_rng(seed)
    n, x = int(rng.integers(1, 200_000)), int(rng.integers(1, 5000))
    ub = np.where(rng.random(n) < rng.random(), 0.0, rng.random(n)).astype(np.float32)
    if seed % 3 == 0:
        ub = np.round(ub, 2)  # many ties
    if seed % 5 == 0:
        ub[rng.random(n) < 0.9] = 0.0  # most rows without evidence, as near rows are
    if seed % 7 == 0:
        ub[rng.random(n) < 0.3] = -1.0  # (never a bound, but the threshold still follows the sort)
    rows, bound = best_rows(ub, x)
    want_rows, want_bound = _best_rows_by_sort(ub, x)
    np.testing.assert_array_equal(rows, want_rows)
    assert bound == want_bound
