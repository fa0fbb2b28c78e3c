"""The compiled loops of the ranking: stage-1 bounds over posting lists restricted to row ranges,
and the entries of a few CSR rows (`row_positions`, which every later stage reads rows through).

Stage 1 (see `ranking`) adds up, for every candidate within commuting distance of a vacancy, the
weighted postings of the vacancy's columns of the inverted index. scipy's sparse products can
only do that for every candidate at once (slicing the columns copies them, and each product
scatters into a million-entry vector), which at a million profiles costs 10-20 ms a query on
this project's 2-core machine, most of the shortlist's latency budget. The loop below walks
only the postings inside the given row ranges (a galloping search per column and range from
where the previous range ended, then a sequential run) and accumulates into arrays the size of those ranges, in 1-4 ms.

With `threads=2` the ranges are split in a few parts of about equal size (`STAGE1_CHUNKS`), taken
in turn by a helper thread and the calling thread (the compiled loop releases the GIL; the parts
write to disjoint parts of the result): 1.6x faster at a million profiles on two cores. When the
helper is busy with another request's walk, or not yet running, the caller walks the parts itself.

It is compiled with numba when numba is importable (a regular dependency of the project).
Without numba, or with ``KOHTAANTO_NUMBA=0``, `range_bounds` computes the same numbers with
scipy (slower, same results up to float32 rounding); the unit tests check the two against each
other.
"""

from __future__ import annotations

import itertools
import os
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import scipy.sparse as sp

try:  # pragma: no cover - exercised by whichever environment runs the tests
    import numba
except ImportError:  # pragma: no cover
    numba = None  # type: ignore[assignment]


class _LazyJit:
    """A loop compiled by numba (``njit(cache=True, nogil=True)`` plus `options`) on its first
    call, then kept: calling the instance returns the compiled function. `before`, if given, is
    run once just before compiling (to compile a function the loop calls as a global first).
    Only called when `jit_enabled` is true."""

    def __init__(self, loop, before=None, **options):  # type: ignore[no-untyped-def]
        self._loop = loop
        self._before = before
        self._options = options
        self._compiled = None

    def __call__(self):  # type: ignore[no-untyped-def]
        if self._compiled is None:
            assert numba is not None
            if self._before is not None:
                self._before()
            self._compiled = numba.njit(cache=True, nogil=True, **self._options)(self._loop)
        return self._compiled


def _range_bounds_loop(  # type: ignore[no-untyped-def]
    indptr,
    indices,
    data,
    columns,
    w_sim,
    w_cov,
    n_cov,
    w_max,
    w_sum,
    w_conf,
    w_sq,
    w_mass,
    w_cap,
    lo,
    hi,
    base,
    inv_norm,
    out,
    table,
    blocks,
    bound,
    vmax,
    fall,
):
    """out[base[k] + (g - lo[k])] = S(g) + C(g) + max(A(g), H(g)) for every row g in [lo[k],
    hi[k]), with P[g, c] the posting of column c: the similarity part S(g) is
    `similarity_bound_of` of the walked sum s = sum_t w_sim[t] * P[g, columns[t]] (bound = (scale,
    kappa, nu, outside), vmax the rows' largest coordinate, negative without work history; with an empty
    `bound`, inv_norm[g] * s: the cosine's bound, for callers that only ask which rows have any,
    positive exactly where S is); C(g) = sum_{t < n_cov} w_cov[t] * P[g, columns[t]]; A(g) =
    sum_t w_sum[t] * P[g, columns[t]] and H(g) = max_t w_max[t] * P[g, columns[t]] (two bounds of
    one part of which the score takes the larger: the occupation agreement, inferred or of a
    work-history spell). With the confirmed skills' agreement (bound[4] = occupation weight x
    `query.confirmed_agreement` > 0, bound[5] its power), F(g) = sum_{t < n_cov} w_conf[t] *
    min(P[g, columns[t]], w_cap[t]) (w_cap[t] > 0: a claim column, whose posting counts at most
    w_cap[t], the claim weight that holds the skill whole; 0: no cap) bounds the share of confirmed
    essential skills the row holds (or, with the skill overlap's agreement, of those it holds by a
    claim or full-weight work history), and the part
    is max(A(g), H(g), bound[4] x min(1, F(g))^bound[5]) plus the skill overlap's bound
    (`scoring.exact_scores` takes the largest of the three agreements and adds at most the
    overlap's, `scoring.band_order`); without `bound`, F(g) is added (positive exactly where evidence is).
    With bound[6] > 0, Q(g) = sum_t w_sq[t] * P[g, columns[t]] bounds the row's sum over the
    vacancy's own skills of idf^2 x strength, for the similarity part (`similarity_bound_of`'s sq).
    With the band's bound (bound[11:19], `query.BandBound`, bound[11] in (0, 1)): the similarity
    part and C(g) are multiplied by `band_bound_of` of r = (max(A, H, the confirmed skills' bound
    from F + bound[17]) + bound[16]) x bound[12] and M(g) = sum_t w_mass[t] * P[g, columns[t]] over
    the summed-agreement columns (w_sum[t] != 0; the walked unit-group mass), C(g)'s experience-match part min(C, bound[18]) kept whole (bound[18]
    >= 0; negative: C kept whole): `scoring.band_order` shrinks those parts of a row below the
    vacancy's unit group. With bound[19] >= 1 the overlap's part is added as `added_bound_of` gives
    (bound[19] the decay, bound[20] the band's full closeness), not whole. With bound[21] in (0, 1)
    (`scoring.closeness_kept`'s share, bound[22] its floor), A(g) is `kept_bound_of` A(g) before H(g)
    is maxed in: the exact score keeps that share of the inferred agreement below the unit group.
    With a non-empty `fall` (per row, `segment.Segment.geo_trade_fall`; bound[23] the outside part's
    whole weight), the similarity part is `similarity_bound_of` with the row's fall and that weight
    (`RankingParams.trade_claim_units`: only rows whose claims of their own trade fall are loosened).

    `indices` must be sorted within each column and the ranges sorted and disjoint. With a
    non-empty `table` (table[j, b] = first posting of column j in row block b), every range k
    must be a suffix of block blocks[k]: its postings are then found by walking back from the
    block's end, without searching."""
    total = out.shape[0]
    acc_sim = np.zeros(total, dtype=np.float32)
    acc_cov = np.zeros(total, dtype=np.float32)
    agreement = False
    for t in range(columns.shape[0]):
        if w_max[t] != 0 or w_sum[t] != 0:
            agreement = True
    # A(g) first, then H(g) maxed into the same sums: max(A, H) in one array
    acc_agr = np.zeros(total if agreement else 0, dtype=np.float32)
    confirmed = False
    for t in range(min(n_cov, columns.shape[0])):
        if w_conf[t] != 0:
            confirmed = True
    acc_conf = np.zeros(total if confirmed else 0, dtype=np.float32)
    squares = bound.shape[0] > 6 and bound[6] > 0
    acc_sq = np.zeros(total if squares else 0, dtype=np.float32)
    banded = bound.shape[0] > 18 and 0.0 < bound[11] < 1.0
    decayed = bound.shape[0] > 20 and bound[19] >= 1.0 and bound[12] > 0.0 and bound[20] > 0.0
    acc_mass = np.zeros(total if banded and agreement else 0, dtype=np.float32)
    # `scoring.closeness_kept` on the inferred agreement A (bound[21] its share, bound[22] its
    # floor; bound[12] makes A the closeness r, bound[13] the unit group's): applied to A's sum
    # before the spells are maxed in (`kept_bound_of`)
    kept = agreement and bound.shape[0] > 22 and 0.0 < bound[21] < 1.0 and bound[12] > 0.0
    n_ranges = lo.shape[0]
    for phase in range(0 if agreement else 1, 2):
        if phase == 1 and kept:
            for i in range(total):
                if acc_agr[i] > 0:
                    acc_agr[i] = _kept_of(acc_agr[i], bound[12], bound[21], bound[22], bound[13])
        for t in range(columns.shape[0]):
            j = columns[t]
            e = np.float32(0.0)
            g = np.float32(0.0)  # the posting's cap in the confirmed share (`w_cap`)
            if phase == 0:  # the summed agreement first, then every other part
                a = w_sum[t]  # walked into acc_agr
                if a == 0:
                    continue
                b = h = c = d = np.float32(0.0)
                if banded:
                    e = w_mass[t]  # the unit-group mass, with it (`query.BandBound`)
                acc_a = acc_agr
            else:
                a = w_sim[t]
                b = w_cov[t] if t < n_cov else np.float32(0.0)
                c = w_conf[t] if t < n_cov else np.float32(0.0)
                g = w_cap[t] if t < n_cov else np.float32(0.0)
                d = w_sq[t] if squares else np.float32(0.0)
                h = w_max[t]
                if a == 0 and b == 0 and h == 0 and c == 0 and d == 0:
                    continue
                acc_a = acc_sim
            if table.shape[0] > 0:
                for k in range(n_ranges):
                    first = table[j, blocks[k]]
                    p = table[j, blocks[k] + 1] - 1
                    target = lo[k]
                    shift = base[k] - target
                    if e != 0:  # the summed agreement and the unit-group mass
                        while p >= first and indices[p] >= target:
                            at = indices[p] + shift
                            acc_a[at] += data[p] * a
                            acc_mass[at] += data[p] * e
                            p -= 1
                    elif c != 0 or d != 0:  # confirmed skills' share, or the squares' sum
                        while p >= first and indices[p] >= target:
                            at = indices[p] + shift
                            acc_a[at] += data[p] * a
                            acc_cov[at] += data[p] * b
                            if c != 0:
                                x = data[p]
                                if g > 0 and x > g:  # a claim holds the skill whole from g on
                                    x = g
                                acc_conf[at] += x * c
                            if d != 0:
                                acc_sq[at] += data[p] * d
                            if h != 0:
                                x = data[p] * h
                                if x > acc_agr[at]:
                                    acc_agr[at] = x
                            p -= 1
                    elif h != 0:
                        while p >= first and indices[p] >= target:
                            at = indices[p] + shift
                            acc_a[at] += data[p] * a
                            acc_cov[at] += data[p] * b
                            x = data[p] * h
                            if x > acc_agr[at]:
                                acc_agr[at] = x
                            p -= 1
                    elif b != 0:
                        while p >= first and indices[p] >= target:
                            at = indices[p] + shift
                            acc_a[at] += data[p] * a
                            acc_cov[at] += data[p] * b
                            p -= 1
                    else:
                        while p >= first and indices[p] >= target:
                            acc_a[indices[p] + shift] += data[p] * a
                            p -= 1
                continue
            start = indptr[j]
            end = indptr[j + 1]
            for k in range(n_ranges):
                if start >= end:
                    break
                target = lo[k]
                # first posting with row >= lo[k]: gallop from `start` (where the previous range
                # ended, usually close), then bisect the last step
                left, step = start, 1
                while left + step < end and indices[left + step - 1] < target:
                    left += step
                    step <<= 1
                right = min(left + step, end)
                while left < right:
                    mid = (left + right) >> 1
                    if indices[mid] < target:
                        left = mid + 1
                    else:
                        right = mid
                p = left
                stop = hi[k]
                shift = base[k] - target
                while p < end and indices[p] < stop:
                    at = indices[p] + shift
                    acc_a[at] += data[p] * a
                    acc_cov[at] += data[p] * b
                    if c != 0:
                        x = data[p]
                        if g > 0 and x > g:
                            x = g
                        acc_conf[at] += x * c
                    if d != 0:
                        acc_sq[at] += data[p] * d
                    if e != 0:
                        acc_mass[at] += data[p] * e
                    x = data[p] * h
                    if x > 0 and x > acc_agr[at]:
                        acc_agr[at] = x
                    p += 1
                start = p
    if bound.shape[0] == 0:
        for k in range(n_ranges):
            shift = lo[k] - base[k]
            for i in range(base[k], base[k] + hi[k] - lo[k]):
                out[i] = acc_sim[i] * inv_norm[i + shift] + acc_cov[i]
                if agreement:
                    out[i] += acc_agr[i]
                if confirmed:
                    out[i] += acc_conf[i]
        return
    scale, kappa, nu, outside = bound[0], bound[1], bound[2], bound[3]
    held, power = bound[4], bound[5]
    overlap, ratio, overlap_power = bound[7], bound[8], bound[9]
    cap = bound[10] if bound.shape[0] > 10 else 0.0
    trade = fall.shape[0] > 0 and bound.shape[0] > 23
    whole = bound[23] if trade else 1.0
    for k in range(n_ranges):
        shift = lo[k] - base[k]
        for i in range(base[k], base[k] + hi[k] - lo[k]):
            occupation = acc_agr[i] if agreement else 0.0
            closeness = occupation  # the agreement before the overlap's part (`scoring.band_order`'s r)
            if banded and held > 0:  # declared languages add to the confirmed share (bound[17])
                share = (acc_conf[i] if confirmed else 0.0) + bound[17]
                if share > 0:
                    closeness = max(closeness, _confirmed_of(share, held, power, 0.0, ratio, 1.0))
            if confirmed and acc_conf[i] > 0:  # the overlap's part adds (`scoring.band_order`)
                occupation = max(occupation, _confirmed_of(acc_conf[i], held, power, 0.0, ratio, 1.0))
                added = _confirmed_of(acc_conf[i], 0.0, power, overlap, ratio, overlap_power)
                with_added = occupation + added
                if decayed:  # convex in the agreement: its largest at 0 or at the bound
                    with_added = _added_of(occupation, added, bound[12], bound[19], bound[20])
                # the overlap adds nothing from band_full on (`scoring.band_order`)
                occupation = min(with_added, max(occupation, cap)) if cap > 0 else with_added
            cov = np.float64(acc_cov[i])
            factor = 1.0
            if banded:
                mass = acc_mass[i] if agreement else 0.0
                factor = _band_of(
                    closeness, mass, bound[11], bound[12], bound[13], bound[14], bound[15], bound[16]
                )
                if bound[18] >= 0.0:  # the experience match's part of C is not shrunk
                    cov = factor * cov + (1.0 - factor) * min(cov, bound[18])
            rest = cov + occupation
            if acc_sim[i] > 0:
                g = i + shift
                sq = acc_sq[i] if squares else -1.0
                f = np.float64(fall[g]) if trade else -1.0
                sim = _bound_of(acc_sim[i], inv_norm[g], vmax[g], scale, kappa, nu, outside, sq, f, whole)
                out[i] = factor * sim + rest
            else:
                out[i] = rest


def similarity_bound_of(s, inv_norm, vmax, scale, kappa, nu, outside=1.0, sq=-1.0, fall=-1.0, whole=1.0):  # type: ignore[no-untyped-def]
    """scale x an upper bound, in [0, 1], of a row's skill similarity (`scoring.similarity`) from
    its walked similarity sum s (claims and work history, scaled by `scale`), its inverse norm
    and its largest raw coordinate |vmax| (negative: no work history; float64 arithmetic, with
    margins for the float32 sums): a / sqrt(a^2 + max(0, N^2 - v2)), a = s / scale, N = 1 /
    inv_norm, v2 = |vmax| x (kappa x a + nu [with work history]) >= ||x at the vacancy's own
    skills V||^2 (`query.SimilarityBound`: ||x_V||^2 <= max x x the sum over V of idf^2 x, which
    is at most kappa x a plus what pruned work-history columns add, nu). The similarity is at
    most a / sqrt(a^2 + outside x b^2), b^2 = N^2 - ||x_V||^2 the row's part outside V, `outside`
    the weight of that part (`RankingParams.outside_skill_weight`; 1 counts it whole). `sq` >= 0:
    the row's walked sum over V of idf^2 x itself (`range_bounds`' sixth weight), used where below
    kappa x a (kappa x a bounds it through the smallest query weight: four times too much for a
    row holding essential skills of an occupation vacancy, whose optional skills weigh a quarter);
    negative: not walked. `fall` >= 0: the most the row's outside part falls by its claims of its own
    work history's trade (`segment.Segment.trade_fall`, `RankingParams.trade_claim_units` = phi), with
    `outside` then `whole` x phi^2 and `whole` the outside part's weight: the outside part is at least
    both b^2 - fall and phi^2 b^2 (less 1e-6 N^2 for the rounding of the stored fall), so a row
    without such claims (fall 0) keeps the bound it has with the rule off; negative: `outside` alone."""
    if s <= 0.0 or scale <= 0.0:
        return 0.0
    if inv_norm <= 0.0:
        return scale
    margin = 1.0 + 1e-5
    a = np.float64(s) / scale * margin
    h = np.float64(vmax)
    walked = kappa * a
    if sq >= 0.0:
        walked = min(walked, np.float64(sq) * margin)
    v2 = abs(h) * (walked + (nu if h > 0.0 else 0.0))
    inv = np.float64(inv_norm)
    base = (1.0 - 3e-5) / (inv * inv) - v2 * margin
    t = base * outside
    if fall >= 0.0:
        t = max(t - 1e-6 * whole / (inv * inv), (base - np.float64(fall) * margin) * whole)
    if t <= 0.0:
        return scale
    return scale * min(1.0, a / np.sqrt(a * a + t))


_bound_of = similarity_bound_of


def band_bound_of(closeness, mass, similarity, inverse, unit, full, unit_mass, spell):  # type: ignore[no-untyped-def]
    """An upper bound, in [similarity, 1], of the band's factor on a row's similarity, related-skill
    and coverage parts (`scoring.band_order`: similarity + (1 - similarity) x max(clip((r - unit) /
    (full - unit), 0, 1), clip(m / unit_mass, 0, 1)), the second only with unit_mass > 0), from
    `closeness`, a float32 bound of the row's occupation-weighted agreement before the overlap's part
    (the walked columns'), to which `spell` (what pruned columns can add) is added before `inverse`
    (1 / (occupation weight x best agreement)) makes it r, and `mass`, a float32 bound of the row's
    inferred probability on the unit group (`scoring.unit_mass`); float64 arithmetic with margins
    for the float32 sums. Both ramps increase, so the bounds of r and m bound the factor."""
    margin = 1.0 + 1e-5
    r = (np.float64(closeness) * margin + spell) * inverse * margin + 1e-7
    ramp = min(max((r - unit) / (full - unit), 0.0), 1.0)
    if unit_mass > 0.0:
        ramp = max(ramp, min(max((np.float64(mass) * margin + 1e-6) / unit_mass, 0.0), 1.0))
    return similarity + (1.0 - similarity) * ramp


_band_of = band_bound_of


def added_bound_of(agreement, added, inverse, decay, full):  # type: ignore[no-untyped-def]
    """An upper bound of a row's agreement with the skill overlap's part added (`scoring.band_order`:
    a + O x max(0, 1 - r / full)^decay, r = a x `inverse`, for decay >= 1 convex in a up to r = full
    and a from there, so at most its value at a = 0 or at a's bound) from `agreement`, a float32
    bound of a (occupation-weighted), and `added`, a bound of O: max(O, A + O x max(0, 1 - A x
    inverse / full)^decay); float64, r rounded down (a larger factor) for the float32 sum."""
    a = np.float64(agreement)
    r = a * inverse * (1.0 - 1e-5)
    factor = max(0.0, 1.0 - r / full) ** decay
    return max(np.float64(added), a + np.float64(added) * factor)


_added_of = added_bound_of


def kept_bound_of(agreement, inverse, share, floor, unit):  # type: ignore[no-untyped-def]
    """An upper bound, in [0, A], of a row's inferred-occupation agreement after
    `scoring.closeness_kept` (occupation-weighted, as stage 1 walks it) from `agreement`, a float32
    bound A of the agreement before it: f(A) = c(r) x A with r = A x `inverse` (1 / (occupation
    weight x the vacancy's best agreement)) and c = `share` (`RankingParams.band_closeness_share`,
    in (0, 1)) up to `floor`, 1 from `unit` on, linear between (a step at `unit` when unit <= floor).
    c and r both rise with A, so f does (a product of non-negative non-decreasing functions), and f
    of a bound of the agreement bounds the kept agreement: a candidate whose inferred occupations sit
    below the vacancy's unit group is bounded by a tenth of its walked agreement, not all of it
    (session 32's `closeness_kept` left the bound whole: rows scored per shortlist at 1,000,000
    profiles, p95 314 -> 1208). float64 arithmetic, A and r rounded up for the float32 sum; A itself
    (never looser than without the fold) where that is lower. 0 for A <= 0."""
    a = np.float64(agreement)
    if a <= 0.0:
        return 0.0
    up = a * (1.0 + 1e-5)
    r = up * np.float64(inverse) * (1.0 + 1e-5) + 1e-7
    if unit <= floor:
        factor = 1.0 if r >= unit else np.float64(share)
    else:
        factor = share + (1.0 - share) * min(max((r - floor) / (unit - floor), 0.0), 1.0)
    return min(a, factor * up)


_kept_of = kept_bound_of


def confirmed_bound_of(share, held, power, overlap=0.0, ratio=1.0, overlap_power=1.0):  # type: ignore[no-untyped-def]
    """The most the confirmed skills' agreement adds to a row's score (`scoring.exact_scores`:
    occupation weight x `query.confirmed_agreement` x min(1, share held)^power), from `share`, a
    float32 sum bounding the share it holds (`query._linear`'s confirmed weights), `held` = the
    occupation weight x the vacancy's confirmed agreement and `power` >= 1; float64 arithmetic with
    a margin for the float32 sum. Before session 24 stage 1 bounded it by held x share (the power
    left out): for confirmed vacancies the loosest part of the bound (the rows scored in a
    second round of `scoring.top_k` fell by half, docs/benchmarks.md). With the skill overlap's
    agreement (`query.VacancyQuery.overlap_agreement`): `share` bounds the overlap's share (work
    history at full weight holds a skill), the confirmed share is at most `ratio` x it, and the
    bound is the larger of held x min(1, ratio x share)^power and `overlap` (occupation weight x
    the overlap agreement) x min(1, share)^overlap_power."""
    s = np.float64(share) * (1.0 + 1e-5)
    c = s * np.float64(ratio)
    confirmed = np.float64(held) if c >= 1.0 else np.float64(held) * c**power
    return max(confirmed, np.float64(overlap) * min(s, 1.0) ** overlap_power)


_confirmed_of = confirmed_bound_of


def _similarity_loop(z, hat, outside_sq, out):  # type: ignore[no-untyped-def]
    """`scoring.similarity` row by row (see there): out[i] = max over lambda of the cosine of
    min(z[i], lambda hat) against outside_sq[i], over the row's held skills (z > 0, hat > 0)."""
    n, m = z.shape
    ratio = np.empty(m)
    col = np.empty(m, dtype=np.int64)
    for i in range(n):
        k = 0
        a = 0.0
        sq = 0.0
        held = 0.0
        for j in range(m):
            if hat[j] > 0.0 and z[i, j] > 0.0:
                ratio[k] = z[i, j] / hat[j]
                col[k] = j
                k += 1
                a += hat[j] * z[i, j]
                sq += z[i, j] * z[i, j]
                held += hat[j] * hat[j]
        if k == 0 or a <= 0.0:
            out[i] = 0.0
            continue
        total = sq + outside_sq[i]
        best = a / np.sqrt(total)
        top = 0.0
        for s in range(k):
            top = max(top, ratio[s])
        if top * a > total * (1.0 + 1e-12):
            order = np.argsort(ratio[:k], kind="mergesort")
            big_a = 0.0
            big_b = outside_sq[i]
            fixed = 0.0
            lo = 0.0
            for s in range(k + 1):
                q = max(held - fixed, 0.0)
                if s < k:
                    hi = ratio[order[s]]
                    lam = big_b / big_a if big_a > 0.0 else hi
                    lam = min(max(lam, lo), hi)
                else:
                    lam = max(big_b / big_a, lo) if big_a > 0.0 else lo
                den = np.sqrt(big_b + lam * lam * q)
                if den > 0.0:
                    best = max(best, (big_a + lam * q) / den)
                if s < k:
                    j = col[order[s]]
                    big_a += hat[j] * z[i, j]
                    big_b += z[i, j] * z[i, j]
                    fixed += hat[j] * hat[j]
                    lo = ratio[order[s]]
            best = min(best, 1.0)
        out[i] = best


_similarity_kernel = _LazyJit(_similarity_loop)


def compiled_similarity(z: np.ndarray, hat: np.ndarray, outside_sq: np.ndarray) -> np.ndarray | None:
    """`scoring.similarity` by the compiled loop ((n,) float64, the same numbers as the numpy
    version up to rounding), or None when the loop is off (`jit_enabled`)."""
    if not jit_enabled():
        return None
    out = np.empty(z.shape[0])
    _similarity_kernel()(
        np.ascontiguousarray(z, dtype=np.float64),
        np.ascontiguousarray(hat, dtype=np.float64),
        np.ascontiguousarray(outside_sq, dtype=np.float64),
        out,
    )
    return out


def _best_related_loop(strength, has, rel_v, rel_c, rel_starts, rel_owner, best_v, best_c):  # type: ignore[no-untyped-def]
    """For each row r and group g (the related positions rel_v[rel_starts[g]:rel_starts[g + 1]]
    of own skill rel_owner[g]) the row does not hold (`has` False): the largest
    strength[r, rel_v[j]] x rel_c[j] and its first position, written to best_c / best_v at
    [r, rel_owner[g]] when it is above 0 (one pass, instead of seven numpy passes)."""
    m = strength.shape[0]
    n_groups = rel_starts.shape[0]
    n_rel = rel_v.shape[0]
    for r in range(m):
        for g in range(n_groups):
            owner = rel_owner[g]
            if has[r, owner]:
                continue
            end = rel_starts[g + 1] if g + 1 < n_groups else n_rel
            top = -1.0
            first = -1
            for j in range(rel_starts[g], end):
                value = strength[r, rel_v[j]] * rel_c[j]
                if value > top:
                    top = value
                    first = j
            if top > 0:
                best_v[r, owner] = rel_v[first]
                best_c[r, owner] = top


_related_kernel = _LazyJit(_best_related_loop)


def compiled_best_related(
    strength: np.ndarray,
    has: np.ndarray,
    rel_v: np.ndarray,
    rel_c: np.ndarray,
    rel_starts: np.ndarray,
    rel_owner: np.ndarray,
    best_v: np.ndarray,
    best_c: np.ndarray,
) -> bool:
    """`explain.best_related` by the compiled loop, filling `best_v` ((m, n_own) int64, -1 where
    none) and `best_c` ((m, n_own) float64) in place with the same numbers as the numpy version.
    `strength` (m, n_u) float64, `has` (m, n_u) bool, `rel_v`, `rel_starts`, `rel_owner` int64,
    `rel_c` float32 or float64. False (nothing written) when the loop is off (`jit_enabled`)."""
    if not jit_enabled():
        return False
    _related_kernel()(
        np.ascontiguousarray(strength, dtype=np.float64),
        np.ascontiguousarray(has, dtype=np.bool_),
        np.ascontiguousarray(rel_v, dtype=np.int64),
        np.ascontiguousarray(rel_c),
        np.ascontiguousarray(rel_starts, dtype=np.int64),
        np.ascontiguousarray(rel_owner, dtype=np.int64),
        best_v,
        best_c,
    )
    return True


def _other_trades_loop(  # type: ignore[no-untyped-def]
    rows,
    e_ptr,
    e_idx,
    e_val,
    t_ptr,
    t_idx,
    t_val,
    c_ptr,
    c_idx,
    c_val,
    r_ptr,
    r_val,
    s_ptr,
    s_idx,
    s_val,
    g_ptr,
    g_idx,
    idf,
    inside,
    psi,
    power,
    phi,
    out,
):
    """`vectors.other_trades_fall` row by row (see there) for the segment rows `rows`, reading the
    rows' work history (e_*), tenure (t_*) and claims (c_*) from their CSR arrays, each occupation's
    reach into the vacancy's own skills (r_ptr, r_val: the occupation's entries' reach, summed), the
    occupations' skills (s_*) and, with a non-empty g_ptr, their unit groups' profiles (g_*, sorted
    indices per row) whose claims count times phi; `idf` every skill's, `inside` the vacancy's own
    skills V (sorted; idf^2 counts outside them only); out[i] the fall of rows[i] (0 for a row of
    one occupation or none of whose other spells counts less). A reached row's entries are added up
    per skill in the numpy version's order (spells, then claims), its skills in the order met."""
    trade = g_ptr.shape[0] > 0
    n_inside = inside.shape[0]
    x = np.zeros(0)
    d = np.zeros(0)
    seen = np.zeros(0, dtype=np.bool_)
    touched = np.zeros(0, dtype=np.int64)
    for i in range(rows.shape[0]):
        out[i] = 0.0
        r = rows[i]
        lo = e_ptr[r]
        k = e_ptr[r + 1] - lo
        if k < 2:
            continue
        # s: the first spell with the largest evidence (weight x reach into V)
        s = -1
        top = 0.0
        for a in range(k):
            o = e_idx[lo + a]
            reach = 0.0
            for b in range(r_ptr[o], r_ptr[o + 1]):
                reach += r_val[b]
            evidence = reach * np.float64(e_val[lo + a])
            if s < 0 or evidence > top:
                s = a
                top = evidence
        if top <= 0.0:
            continue
        t_s = 0.0
        o_s = e_idx[lo + s]
        for b in range(t_ptr[r], t_ptr[r + 1]):
            if t_idx[b] == o_s:
                t_s = np.float64(t_val[b])
                break
        if t_s <= 0.0:
            continue
        keep = np.ones(k)
        reached = False
        for a in range(k):
            if a == s:
                continue
            o = e_idx[lo + a]
            t_o = 0.0
            for b in range(t_ptr[r], t_ptr[r + 1]):
                if t_idx[b] == o:
                    t_o = np.float64(t_val[b])
                    break
            share = min(max((t_o / t_s) ** power, psi), 1.0)
            keep[a] = share
            reached = reached or share < 1.0
        if not reached:
            continue
        # the row's vector x and the other spells' discounted part d, skill by skill (scratch
        # vectors over all skills, zeroed again after each row): its spells, then its claims
        if x.shape[0] == 0:
            x = np.zeros(idf.shape[0])
            d = np.zeros(idf.shape[0])
            seen = np.zeros(idf.shape[0], dtype=np.bool_)
            touched = np.empty(idf.shape[0], dtype=np.int64)
        m = 0
        for a in range(k):
            o = e_idx[lo + a]
            w = np.float64(e_val[lo + a])
            for b in range(s_ptr[o], s_ptr[o + 1]):
                j = s_idx[b]
                given = w * np.float64(s_val[b])
                if not seen[j]:
                    seen[j] = True
                    touched[m] = j
                    m += 1
                x[j] += given
                d[j] += (1.0 - keep[a]) * given
        for b in range(c_ptr[r], c_ptr[r + 1]):
            j = c_idx[b]
            c = np.float64(c_val[b])
            if trade:
                for a in range(k):  # listed by a spell's unit group's profiles: times phi
                    o = e_idx[lo + a]
                    left = g_ptr[o]
                    right = g_ptr[o + 1]
                    while left < right:
                        mid = (left + right) // 2
                        if g_idx[mid] < j:
                            left = mid + 1
                        else:
                            right = mid
                    if left < g_ptr[o + 1] and g_idx[left] == j:
                        c = phi * c
                        break
            if not seen[j]:
                seen[j] = True
                touched[m] = j
                m += 1
            x[j] += c
        total = 0.0
        for t in range(m):
            j = touched[t]
            if d[j] != 0.0:
                left = 0
                right = n_inside
                while left < right:
                    mid = (left + right) // 2
                    if inside[mid] < j:
                        left = mid + 1
                    else:
                        right = mid
                if left >= n_inside or inside[left] != j:
                    total += idf[j] * idf[j] * d[j] * (2.0 * x[j] - d[j])
            x[j] = 0.0
            d[j] = 0.0
            seen[j] = False
        out[i] = max(total, 0.0)


_other_trades_kernel = _LazyJit(_other_trades_loop)


def compiled_other_trades_fall(
    rows: np.ndarray,
    experience: sp.csr_matrix,
    tenure: sp.csr_matrix,
    claims: sp.csr_matrix,
    reach: tuple[np.ndarray, np.ndarray],
    skills_of: sp.csr_matrix,
    trade: sp.csr_matrix | None,
    idf: np.ndarray,
    inside: np.ndarray,
    psi: float,
    power: float,
    phi: float,
) -> np.ndarray | None:
    """`vectors.other_trades_fall` of the segment rows `rows` ((n,) int) by the compiled loop: (n,)
    float64 >= 0, the same numbers as the numpy version up to rounding, without gathering the rows'
    entries first (one pass over each row's spells, tenures and claims). experience, tenure,
    claims : the segment's (n_rows, n_occupations) work history, its `experience_tenure` and
    (n_rows, n_skills) claims, CSR; reach : (indptr (n_occupations + 1,), value) each occupation's
    entries at the vacancy's own skills as weight x idf x q^ there; skills_of : (n_occupations,
    n_skills) CSR `SkillSpace.experience`; trade : (n_occupations, n_skills) CSR `SkillSpace.trade`
    or None (phi then unused); idf : (n_skills,) float64 every skill's IDF; inside : the vacancy's
    own skills V (int, any order; the fall counts idf^2 outside them only); psi in (0, 1], power
    >= 0, phi in (0, 1]. None when the loop is off (`jit_enabled`)."""
    if not jit_enabled():
        return None
    if trade is not None and not trade.has_sorted_indices:
        trade = trade.sorted_indices()
    g_ptr, g_idx = (trade.indptr, trade.indices) if trade is not None else (_NO_INDEX, _NO_INDEX)
    out = np.empty(len(rows))
    _other_trades_kernel()(
        np.ascontiguousarray(rows, dtype=np.int64),
        experience.indptr,
        experience.indices,
        experience.data,
        tenure.indptr,
        tenure.indices,
        tenure.data,
        claims.indptr,
        claims.indices,
        claims.data,
        reach[0],
        np.ascontiguousarray(reach[1], dtype=np.float64),
        skills_of.indptr,
        skills_of.indices,
        skills_of.data,
        g_ptr,
        g_idx,
        np.ascontiguousarray(idf, dtype=np.float64),
        np.sort(np.asarray(inside, dtype=np.int64)),
        float(psi),
        float(power),
        float(phi),
        out,
    )
    return out


_NO_INDEX = np.zeros(0, dtype=np.int32)


def _scipy_range_bounds(  # type: ignore[no-untyped-def]
    postings,
    columns,
    w_sim,
    w_cov,
    n_cov,
    w_max,
    w_sum,
    w_conf,
    w_sq,
    w_mass,
    w_cap,
    lo,
    hi,
    inv_norm,
    bound,
    vmax,
    fall,
) -> np.ndarray:
    sub = postings[:, columns]
    capped = sub[:, :n_cov].tocsc(copy=True)  # the confirmed share's postings, each at most its cap
    for t in np.flatnonzero(w_cap[:n_cov] > 0).tolist():
        at = slice(capped.indptr[t], capped.indptr[t + 1])
        capped.data[at] = np.minimum(capped.data[at], w_cap[t])
    cov = sub[:, :n_cov] @ w_cov[:n_cov]
    if len(bound):
        walked = np.asarray(sub @ w_sim, dtype=np.float32)
        if len(bound) > 6 and bound[6] > 0:
            squares = np.asarray(sub @ w_sq, dtype=np.float32).tolist()
        else:
            squares = [-1.0] * len(walked)
        trade = len(fall) > 0 and len(bound) > 23
        falls = fall.astype(np.float64).tolist() if trade else [-1.0] * len(walked)
        whole = float(bound[23]) if trade else 1.0
        sim = np.fromiter(
            (
                similarity_bound_of(s, i, m, bound[0], bound[1], bound[2], bound[3], q, f, whole)
                for s, i, m, q, f in zip(
                    walked.tolist(), inv_norm.tolist(), vmax.tolist(), squares, falls, strict=True
                )
            ),
            dtype=np.float64,
            count=len(walked),
        )
    else:
        sim = sub @ w_sim
        sim *= inv_norm
    occupation = np.zeros(sub.shape[0])
    if (w_max != 0).any() or (w_sum != 0).any():
        summed = sub @ w_sum
        if len(bound) > 22 and 0.0 < bound[21] < 1.0 and bound[12] > 0.0:  # `kept_bound_of`
            summed = np.fromiter(
                (kept_bound_of(a, bound[12], bound[21], bound[22], bound[13]) for a in summed.tolist()),
                dtype=np.float64,
                count=len(summed),
            ).astype(np.float32)
        maxed = sub.multiply(w_max[None, :]).tocsr().max(axis=1).toarray().ravel()
        occupation = np.maximum(summed, maxed)
    closeness = occupation
    banded = len(bound) > 18 and 0.0 < bound[11] < 1.0
    share = np.asarray(capped @ w_conf[:n_cov], dtype=np.float32)
    if banded and bound[4] > 0:  # declared languages add to the confirmed share (bound[17])
        held = np.fromiter(
            (
                confirmed_bound_of(f, bound[4], bound[5], 0.0, bound[8], 1.0) if f > 0 else 0.0
                for f in (share.astype(np.float64) + bound[17]).tolist()
            ),
            dtype=np.float64,
            count=len(share),
        )
        closeness = np.maximum(closeness, held)
    if banded:
        mass = np.asarray(sub @ w_mass, dtype=np.float32) if (w_mass != 0).any() else np.zeros(len(sim))
        factor = np.fromiter(
            (
                band_bound_of(c, m, *bound[11:17].tolist())
                for c, m in zip(closeness.tolist(), mass.tolist(), strict=True)
            ),
            dtype=np.float64,
            count=len(sim),
        )
        sim = factor * sim
        if bound[18] >= 0:  # the experience match's part of C is not shrunk
            cov = factor * cov + (1.0 - factor) * np.minimum(cov, bound[18])
    full = sim + cov
    if (w_conf[:n_cov] != 0).any():
        if len(bound):
            held = np.fromiter(
                (
                    confirmed_bound_of(f, bound[4], bound[5], 0.0, bound[8], 1.0) if f > 0 else 0.0
                    for f in share.tolist()
                ),
                dtype=np.float64,
                count=len(share),
            )
            added = np.fromiter(  # the overlap's part adds (`scoring.band_order`)
                (
                    confirmed_bound_of(f, 0.0, bound[5], bound[7], bound[8], bound[9]) if f > 0 else 0.0
                    for f in share.tolist()
                ),
                dtype=np.float64,
                count=len(share),
            )
            occupation = np.maximum(occupation, held)
            with_added = occupation + added
            if len(bound) > 20 and bound[19] >= 1.0 and bound[12] > 0.0 and bound[20] > 0.0:
                with_added = np.fromiter(  # convex in the agreement (`added_bound_of`)
                    (
                        added_bound_of(a, o, bound[12], bound[19], bound[20]) if f > 0 else a
                        for a, o, f in zip(occupation.tolist(), added.tolist(), share.tolist(), strict=True)
                    ),
                    dtype=np.float64,
                    count=len(share),
                )
            if len(bound) > 10 and bound[10] > 0:  # the overlap adds nothing from band_full on
                occupation = np.minimum(with_added, np.maximum(occupation, bound[10]))
            else:
                occupation = with_added
        else:
            occupation = occupation + share
    full = full + occupation
    if not len(lo):
        return np.zeros(0, dtype=np.float32)
    return np.concatenate([full[a:b] for a, b in zip(lo.tolist(), hi.tolist(), strict=True)]).astype(
        np.float32
    )


def _query_evidence_loop(  # type: ignore[no-untyped-def]
    rows,
    position,
    n_u,
    c_indptr,
    c_indices,
    c_data,
    c_meta,
    h_indptr,
    h_indices,
    h_data,
    o_indptr,
    o_indices,
    o_data,
    e_indptr,
    e_indices,
    e_data,
    held_weight,
):
    """For each of `rows` i (segment rows) and query position u (`position`: skill -> position,
    -1 where none): claim[i, u] and meta[i, u] (the row's claim of the skill and its meta byte),
    worked[i, u] = sum over the row's work history (occupation o, weight w, in stored order) of
    w x experience[o, skill], and essential[i, u] = the same sum of 1 x essential[o, skill] over
    the spells of weight at least `held_weight` (each sum from 0.0, in the order
    `arrays.experience_block`'s bincount adds them)."""
    m = rows.shape[0]
    claim = np.zeros((m, n_u))
    meta = np.zeros((m, n_u), dtype=np.uint8)
    worked = np.zeros((m, n_u))
    essential = np.zeros((m, n_u))
    for i in range(m):
        r = rows[i]
        for j in range(c_indptr[r], c_indptr[r + 1]):
            u = position[c_indices[j]]
            if u >= 0:
                claim[i, u] = c_data[j]
                meta[i, u] = c_meta[j]
        for j in range(h_indptr[r], h_indptr[r + 1]):
            o = h_indices[j]
            w = np.float64(h_data[j])
            for t in range(o_indptr[o], o_indptr[o + 1]):
                u = position[o_indices[t]]
                if u >= 0:
                    worked[i, u] += w * np.float64(o_data[t])
            if w < held_weight:
                continue
            for t in range(e_indptr[o], e_indptr[o + 1]):
                u = position[e_indices[t]]
                if u >= 0:
                    essential[i, u] += np.float64(e_data[t])
    return claim, meta, worked, essential


_evidence_kernel = _LazyJit(_query_evidence_loop)


def compiled_query_evidence(
    rows: np.ndarray,
    position: np.ndarray,
    n_u: int,
    claims: sp.csr_matrix,
    claim_meta: sp.csr_matrix,
    history: sp.csr_matrix,
    experience: sp.csr_matrix,
    essential: sp.csr_matrix,
    held_weight: float = 0.0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """What `explain` reads of `rows` ((m,) int64 segment rows) at the query positions, in one
    pass: (claim (m, n_u) float64, the row's claim weight; meta (m, n_u) uint8, its meta byte
    (0 where no claim); worked (m, n_u) float64, the work history's weight, `experience_block` of
    `experience`; essential (m, n_u) float64, `experience_block` of `essential` with weight 1 for the spells of weight at least
    `held_weight`, 0 for the others),
    equal to the bit to the numpy forms (`explain.query_evidence`, `explain._essential_in_history`).
    `position`: (n_skills,) int64 query position of every skill, -1 if absent; `claims` /
    `claim_meta` (n, n_skills) CSR of one structure, `history` (n, n_occupations) CSR, `experience`
    and `essential` (n_occupations, n_skills) CSR. None when the loop is off (`jit_enabled`)."""
    if not jit_enabled():
        return None
    return _evidence_kernel()(  # type: ignore[no-any-return]
        np.ascontiguousarray(rows, dtype=np.int64),
        np.ascontiguousarray(position, dtype=np.int64),
        n_u,
        claims.indptr,
        claims.indices,
        claims.data,
        claim_meta.data,
        history.indptr,
        history.indices,
        history.data,
        experience.indptr,
        experience.indices,
        experience.data,
        essential.indptr,
        essential.indices,
        essential.data,
        np.float64(held_weight),
    )


def jit_enabled() -> bool:
    return numba is not None and os.environ.get("KOHTAANTO_NUMBA", "1") != "0"


def _compile_bound_of() -> None:
    """Compile `similarity_bound_of`, `confirmed_bound_of`, `band_bound_of`, `added_bound_of` and
    `kept_bound_of` (inlined) as the globals `_bound_of`, `_confirmed_of`, `_band_of`, `_added_of`
    and `_kept_of` that
    `_range_bounds_loop` calls; numba reads globals when it compiles the
    loop, so this goes first."""
    global _bound_of, _confirmed_of, _band_of, _added_of, _kept_of
    _bound_of = numba.njit(cache=True, nogil=True, inline="always")(similarity_bound_of)
    _confirmed_of = numba.njit(cache=True, nogil=True, inline="always")(confirmed_bound_of)
    _band_of = numba.njit(cache=True, nogil=True, inline="always")(band_bound_of)
    _added_of = numba.njit(cache=True, nogil=True, inline="always")(added_bound_of)
    _kept_of = numba.njit(cache=True, nogil=True, inline="always")(kept_bound_of)


_kernel = _LazyJit(_range_bounds_loop, before=_compile_bound_of)


_NO_TABLE = np.zeros((0, 0), dtype=np.int64)


def _row_positions_loop(indptr, rows):  # type: ignore[no-untyped-def]
    """(at, idx), both (total,) int64: for each rows[i] in order, i and indptr[rows[i]] ..
    indptr[rows[i] + 1] - 1 (one pass, instead of `arrays.row_positions`' five numpy calls)."""
    n = rows.shape[0]
    n_rows = indptr.shape[0] - 1
    total = 0
    for i in range(n):
        r = rows[i]
        if r < 0 or r >= n_rows:  # numpy's form fails on these too (IndexError, ValueError)
            raise IndexError  # a programming error, never shown to a person
        total += indptr[r + 1] - indptr[r]
    at = np.empty(total, dtype=np.int64)
    idx = np.empty(total, dtype=np.int64)
    p = 0
    for i in range(n):
        r = rows[i]
        for j in range(indptr[r], indptr[r + 1]):
            at[p] = i
            idx[p] = j
            p += 1
    return at, idx


_positions_kernel = _LazyJit(_row_positions_loop)


def compiled_row_positions(indptr: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """`arrays.row_positions` by the compiled loop: (position in `rows`, index into the data
    arrays), both (total,) int64, the same numbers as the numpy version. None when the loop is
    off (`jit_enabled`) or `indptr` is not int32/int64 (the caller then uses numpy). `rows` is
    read as int64; the compiled variants (int32 and int64 `indptr`) are made by `warm_up`."""
    if not jit_enabled() or indptr.dtype not in (np.int32, np.int64):
        return None
    return _positions_kernel()(  # type: ignore[no-any-return]
        np.ascontiguousarray(indptr), np.ascontiguousarray(rows, dtype=np.int64)
    )


PARALLEL_MIN_ROWS = 32_768
"""Below this many rows in the ranges a helper thread costs more than it saves."""

_helper: ThreadPoolExecutor | None = None
_helper_free = threading.Lock()
_helper_created = threading.Lock()


def _helper_pool() -> ThreadPoolExecutor:
    global _helper
    with _helper_created:
        if _helper is None:
            _helper = ThreadPoolExecutor(max_workers=1, thread_name_prefix="stage1")
        return _helper


def range_bounds(
    postings: sp.csc_matrix,
    inv_norm: np.ndarray,
    columns: np.ndarray,
    weights: np.ndarray,
    n_cov: int,
    lo: np.ndarray,
    hi: np.ndarray,
    *,
    table: np.ndarray | None = None,
    blocks: np.ndarray | None = None,
    threads: int = 1,
    bound: tuple[float, ...] | None = None,
    vector_max: np.ndarray | None = None,
    trade_fall: np.ndarray | None = None,
    whole: float = 1.0,
) -> np.ndarray:
    """Stage-1 bounds of the rows in the ranges [lo[k], hi[k]) (sorted, disjoint), concatenated.

    postings : (n, c) CSC float32 with sorted indices; inv_norm : (n,) float32 per row
    columns : (m,) int64 columns to walk; weights : (m, 2), (m, 4), (m, 5), (m, 6), (m, 7) or (m, 8)
    float32 [similarity, coverage, agreement maxed, agreement summed, confirmed share, idf^2 at the
    own skills, unit-group mass, confirmed share's cap] weight of each (two columns: no agreement
    part; four: no confirmed skills' part; five: kappa x a bounds the sum of squares; six: no band's
    mass walked, so no band's shrink where its mass ramp is on; seven: no posting capped); only the
    first `n_cov` columns have a coverage or confirmed-share weight, only columns with a
    summed-agreement weight a mass weight. The eighth, where positive, caps the column's posting
    value in the confirmed share's sum (a claim holds the skill whole from that weight on).
    Result[i] for row g: a bound of the row's weighted skill similarity from sum(similarity weight
    * value) over its claim and its work-history postings in `columns` (`similarity_bound_of`,
    with `bound` = (scale, kappa, nu[, outside[, confirmed, power[, squares]]]) of
    `query.SimilarityBound` and
    `vector_max` (n,) float32 per row, `segment.Segment.geo_vector_max`), plus sum(coverage weight *
    value), plus the larger of sum(summed agreement weight * value) and max(maxed agreement weight
    * value) (the occupation agreement: inferred occupations, or the best work-history spell),
    or when larger the confirmed skills' agreement's bound from sum(confirmed-share weight * value)
    (`confirmed_bound_of`); with the band's bound in `bound` (`query.BandBound`, bound[11:23]) the
    similarity and coverage parts times `band_bound_of` (`scoring.band_order`'s shrink), and the
    summed agreement `kept_bound_of` of itself (`scoring.closeness_kept`). Without `bound`: inv_norm[g] * sum(similarity weight * value) + the other parts (positive
    exactly where the bound is: for callers asking which rows have evidence).
    `trade_fall` (n,) float32 per row (`segment.Segment.geo_trade_fall`) with `whole` (the outside
    part's weight, `query.SimilarityBound.whole`): the similarity's bound of each row with its own
    fall (`similarity_bound_of`), only with `bound`; None: `bound`'s outside weight for every row.
    `table` and `blocks`: see `_range_bounds_loop` (faster for large pools;
    `segment.block_offsets`). `threads` 2 splits the work with a helper thread."""
    # (scale, kappa, nu, outside, confirmed, power, squares); outside 1 (the row's whole part
    # outside V), confirmed 0 (no confirmed skills' part), power 1 and squares 0 (kappa x a bounds
    # the sum of squares at V) when not given
    # (and overlap 0, ratio 1: no skill overlap's part; band cap 0: the overlap's bound adds whole)
    # (and band 1, inverse 0, unit 0, full 1, mass 0, spell 0, languages 0, rest -1, decay 0, share
    # full 1: no band's shrink of the similarity nor of the overlap's added part, `query.BandBound`)
    similarity_defaults = (1.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0, 0.0)  # bound[3:11]
    # (and kept share 1, floor 0: no `scoring.closeness_kept` on the inferred agreement, bound[21:23])
    band_defaults = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, -1.0, 0.0, 1.0, 1.0, 0.0)  # bound[11:23]
    defaults = (*similarity_defaults, *band_defaults)
    full = (*bound, *defaults[max(len(bound) - 3, 0) :])[:23] if bound is not None else ()
    if full and trade_fall is not None:
        full = (*full, float(whole))  # bound[23]: the outside part's whole weight
    bound_arr = np.asarray(full, dtype=np.float64)
    fall = (
        np.ascontiguousarray(trade_fall, dtype=np.float32)
        if trade_fall is not None and full
        else np.zeros(0, dtype=np.float32)
    )
    if bound is not None and vector_max is None:
        raise ValueError("a similarity bound needs each row's largest coordinate")
    hist = np.ascontiguousarray(vector_max if vector_max is not None else inv_norm, dtype=np.float32)
    lo = np.ascontiguousarray(lo, dtype=np.int64)
    hi = np.ascontiguousarray(hi, dtype=np.int64)
    w_sim = np.ascontiguousarray(weights[:, 0], dtype=np.float32)
    w_cov = np.ascontiguousarray(weights[:, 1], dtype=np.float32)
    if weights.shape[1] > 2:
        w_max = np.ascontiguousarray(weights[:, 2], dtype=np.float32)
        w_sum = np.ascontiguousarray(weights[:, 3], dtype=np.float32)
    else:
        w_max = w_sum = np.zeros(len(w_sim), dtype=np.float32)
    if weights.shape[1] > 4:
        w_conf = np.ascontiguousarray(weights[:, 4], dtype=np.float32)
    else:
        w_conf = np.zeros(len(w_sim), dtype=np.float32)
    if weights.shape[1] > 5:
        w_sq = np.ascontiguousarray(weights[:, 5], dtype=np.float32)
    else:
        w_sq = np.zeros(len(w_sim), dtype=np.float32)
        if len(bound_arr) > 6:
            bound_arr[6] = 0.0  # no squares' sums to use
    if weights.shape[1] > 6:
        w_mass = np.ascontiguousarray(weights[:, 6], dtype=np.float32)
    else:  # no unit-group mass walked: the mass ramp cannot be bounded, so no band's shrink
        w_mass = np.zeros(len(w_sim), dtype=np.float32)
        if len(bound_arr) > 15 and bound_arr[15] > 0:
            bound_arr[11] = 1.0
    if weights.shape[1] > 7:
        w_cap = np.ascontiguousarray(weights[:, 7], dtype=np.float32)
    else:  # no posting capped in the confirmed share
        w_cap = np.zeros(len(w_sim), dtype=np.float32)
    columns = np.ascontiguousarray(columns, dtype=np.int64)
    if not jit_enabled():
        return _scipy_range_bounds(
            postings,
            columns,
            w_sim,
            w_cov,
            n_cov,
            w_max,
            w_sum,
            w_conf,
            w_sq,
            w_mass,
            w_cap,
            lo,
            hi,
            inv_norm,
            bound_arr,
            hist,
            fall,
        )
    sizes = hi - lo
    base = np.zeros(len(lo), dtype=np.int64)
    np.cumsum(sizes[:-1], out=base[1:])
    total = int(sizes.sum())
    out = np.empty(total, dtype=np.float32)
    kernel = _kernel()
    if table is None or blocks is None or not len(table):
        table, blocks = _NO_TABLE, np.zeros(len(lo), dtype=np.int64)
    else:
        blocks = np.ascontiguousarray(blocks, dtype=np.int64)

    def walk(a: int, b: int) -> None:  # ranges a..b-1, into their part of `out`
        start = int(base[a]) if a < len(lo) else total
        end = int(base[b]) if b < len(lo) else total
        kernel(
            postings.indptr,
            postings.indices,
            postings.data,
            columns,
            w_sim,
            w_cov,
            n_cov,
            w_max,
            w_sum,
            w_conf,
            w_sq,
            w_mass,
            w_cap,
            lo[a:b],
            hi[a:b],
            base[a:b] - start,
            inv_norm,
            out[start:end],
            table,
            blocks[a:b],
            bound_arr,
            hist,
            fall,
        )

    chunks = shared_chunks(base, total, STAGE1_CHUNKS) if threads > 1 and total >= PARALLEL_MIN_ROWS else []
    if len(chunks) > 1 and _helper_free.acquire(False):
        try:
            taken = itertools.count()  # next() on it is atomic under the GIL: each chunk walked once

            def share() -> None:
                while (i := next(taken)) < len(chunks):
                    walk(*chunks[i])

            helper = _helper_pool().submit(share)
            share()
            if not helper.cancel():  # it started: wait for the chunk it is walking (if any)
                helper.result()
        finally:
            _helper_free.release()
    else:
        walk(0, len(lo))
    return out


STAGE1_CHUNKS = 2
"""Parts (of about equal rows, at range boundaries) that `range_bounds` with `threads` 2 splits the
walk into, taken in turn by the calling thread and the helper, whichever is free: on a busy host
the helper thread may not run for a scheduler slice (milliseconds), and the caller then walks the
part it has not taken instead of waiting for it (and does not wait at all when it never started).
More parts cost more CPU on this project's two-vCPU host (4: about 6-20 % more for the walk,
measured 2026-12-03 at load 14), so two: the helper's part is the second half."""


def shared_chunks(base: np.ndarray, total: int, parts: int) -> list[tuple[int, int]]:
    """(a, b) spans of range indices (ranges a .. b - 1) that cover all `len(base)` ranges in order,
    cut where the rows before a range (`base`, ascending, base[0] = 0) first reach each j/parts of
    `total`; empty spans left out (a single range is one span: ranges are never split)."""
    n = len(base)
    cuts = np.searchsorted(base, total * np.arange(1, parts) / parts).tolist()
    edges = [0, *(c for c in cuts if 0 < c < n), n]
    return [(a, b) for a, b in itertools.pairwise(edges) if a < b]


def warm_up() -> None:
    """Compile (or load from numba's on-disk cache) the kernels now rather than in the first
    query. Cheap after the first time in a process."""
    if jit_enabled():
        for dtype in (np.int32, np.int64):
            compiled_row_positions(np.array([0, 1], dtype=dtype), np.array([0]))
        p = sp.csc_matrix(np.ones((2, 2), dtype=np.float32))
        p.indptr = p.indptr.astype(np.int32)
        p.indices = p.indices.astype(np.int32)
        compiled_similarity(np.ones((1, 2)), np.ones(2), np.zeros(1))
        for rel_c in (np.ones(1, np.float32), np.ones(1)):
            compiled_best_related(
                np.ones((1, 1)),
                np.zeros((1, 1), bool),
                np.zeros(1, np.int64),
                rel_c,
                np.zeros(1, np.int64),
                np.zeros(1, np.int64),
                np.full((1, 1), -1),
                np.zeros((1, 1)),
            )
        two = sp.csr_matrix(np.ones((1, 2), dtype=np.float32))  # a row of two spells, int32 structure
        skills_of = sp.csr_matrix(np.eye(2, dtype=np.float32))
        for trade in (None, skills_of):
            compiled_other_trades_fall(
                np.zeros(1, np.int64),
                two,
                sp.csr_matrix((np.array([1.0, 0.1], np.float32), two.indices, two.indptr), shape=(1, 2)),
                two,
                (np.array([0, 1, 1], np.int64), np.ones(1)),
                skills_of,
                trade,
                np.ones(2),
                np.zeros(1, np.int64),
                0.1,
                2.0,
                0.3,
            )
        one = sp.csr_matrix(np.ones((1, 1), dtype=np.float32))  # int32 structure, as the segments'
        meta = sp.csr_matrix((np.ones(1, np.uint8), one.indices, one.indptr), shape=(1, 1))
        compiled_query_evidence(np.zeros(1, np.int64), np.zeros(1, np.int64), 1, one, meta, one, one, one)
        for bound in (None, (0.3, 1.0, 0.0)):
            range_bounds(
                p,
                np.ones(2, np.float32),
                np.arange(2),
                np.ones((2, 2), np.float32),
                1,
                np.array([0]),
                np.array([2]),
                bound=bound,
                vector_max=None if bound is None else np.ones(2, np.float32),
            )
        # and as `MatchingEngine.warm` walks a large segment: its kept (read-only) near ranges and
        # their blocks, with a block table (one block holding both rows: each column's postings)
        ranges = [np.array([0]), np.array([2]), np.array([0])]
        for part in ranges:
            part.flags.writeable = False
        # and its kept ranges without a block table (a small segment, e.g. a pool's first candidates)
        # and with one
        table = np.column_stack([p.indptr[:-1], p.indptr[1:]]).astype(np.int64)
        for table_of, blocks_of in ((None, None), (table, ranges[2])):
            range_bounds(
                p,
                np.ones(2, np.float32),
                np.arange(2),
                np.ones((2, 4), np.float32),
                1,
                ranges[0],
                ranges[1],
                bound=(0.3, 1.0, 0.0),
                table=table_of,
                blocks=blocks_of,
                vector_max=np.ones(2, np.float32),
            )
