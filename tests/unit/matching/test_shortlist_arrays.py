"""The shortlist's cheaper paths give what the straightforward computation gives, to the bit.

Explanations are built from arrays for all shown rows at once (`explain._entries`), and stage 1
walks only the columns of non-zero weight (`query._weights`). Here every explained field that
those paths build is recomputed one row at a time, in plain Python, from the documented meaning,
and compared for equality (no tolerance), on random candidates with claims, suggestions, work
history and inferred occupations, over the small test taxonomy and the real ESCO one.
"""

from __future__ import annotations

import random

import numpy as np
import pytest

from services.matching.index.domain.arrays import experience_block, gather_rows, occupation_block
from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.explain import query_evidence
from services.matching.index.domain.kernels import range_bounds
from services.matching.index.domain.model import SKILL_LEVELS, SkillEvidence, WorkExperience
from services.matching.index.domain.pool import NearRows, near_ranges
from services.matching.index.domain.spoken import declared_evidence
from services.matching.index.domain.vectors import REASONS, SUGGESTED_BIT

from .conftest import MUNICIPALITIES, TODAY, candidate, vacancy


def _people(taxonomy, n: int, seed: int):
    rng = random.Random(seed)
    skills, occupations = list(taxonomy.skill_uris), list(taxonomy.occupation_uris)
    out = []
    for i in range(n):
        out.append(
            candidate(
                f"p{i:04d}",
                {u: rng.choice(SKILL_LEVELS) for u in rng.sample(skills, rng.randint(0, 6))},
                suggested=tuple(rng.sample(skills, rng.randint(0, 2))),
                experience=tuple(
                    WorkExperience(rng.choice(occupations), rng.uniform(0, 8), rng.choice([None, 2019, 2023]))
                    for _ in range(rng.randint(0, 3))
                ),
                municipality=rng.choice(list(MUNICIPALITIES)),
                max_commute_km=500,
                consented_orgs=frozenset({"agency-a"}),
            )
        )
    return out


def _vacancies(taxonomy, n: int, seed: int):
    rng = random.Random(seed)
    skills, occupations = list(taxonomy.skill_uris), list(taxonomy.occupation_uris)
    for _ in range(n):
        yield vacancy(
            essential=tuple(rng.sample(skills, rng.randint(0, 4))),
            optional=tuple(rng.sample(skills, rng.randint(0, 3))),
            suggested=tuple(rng.sample(skills, rng.randint(0, 2))),
            occupation=rng.choice([None, None, *occupations]),
            municipality=rng.choice(list(MUNICIPALITIES)),
        )


def _evidence(meta: int) -> SkillEvidence:
    if meta == 0:
        return SkillEvidence("inferred")
    if (meta - 1) & SUGGESTED_BIT:
        return SkillEvidence("suggested")
    return SkillEvidence("claimed", SKILL_LEVELS[(meta - 1) & 3])


def _check_entry(engine: MatchingEngine, prepared, entry) -> None:
    """Every field the array path builds, recomputed for this one entry's row in plain Python."""
    tax, space = engine.taxonomy, engine._space
    snap = engine._snapshot
    qw = engine._weights(snap, prepared, prune=False)
    q = qw.query
    seg, row = engine._locate(snap, entry.candidate_id)
    one = np.asarray([row])  # one row: no batching across rows
    raw, source = query_evidence(seg, one, qw)
    spoken = declared_evidence(
        seg.columns["languages"], one, np.asarray([entry.score > 0]), q, space, raw, source
    )
    spells = [
        (int(o), float(w))
        for o, w in zip(
            seg.experience.indices[seg.experience.indptr[row] : seg.experience.indptr[row + 1]],
            seg.experience.data[seg.experience.indptr[row] : seg.experience.indptr[row + 1]],
            strict=True,
        )
    ]
    essential_of_history = {  # of the spells weighing enough to show them (outside tester 30, T30-3)
        int(s)
        for o, w in spells
        if w >= space.params.held_spell_weight
        for s in tax.essential.indices[tax.essential.indptr[o] : tax.essential.indptr[o + 1]]
    }
    uri = [tax.skill_uris[int(s)] for s in q.skills]
    n_own = q.n_own
    held = [
        u
        for u in range(len(q.skills))
        if raw[0, u] > 0 and (source[0, u] > 0 or int(q.skills[u]) in essential_of_history)
    ]
    # shown essential: the score's essential positions, then the suggestions the ad asks for as
    # essential (outside tester 38, M1); then the other own ones
    shown_e = list(range(len(q.essential))) + [int(u) for u in q.asked_essential]
    shown_o = [u for u in range(len(q.essential), n_own) if u not in shown_e]
    assert entry.matched_essential == tuple(uri[u] for u in shown_e if u in held)
    assert entry.matched_optional == tuple(uri[u] for u in shown_o if u in held)
    assert entry.missing_essential == tuple(uri[u] for u in shown_e if u not in held)
    if q.occupation < 0:
        assert entry.missing_optional == tuple(uri[u] for u in shown_o if u not in held)
    else:
        assert entry.missing_optional == ()
    assert entry.evidence == {uri[u]: spoken.at.get((0, u), _evidence(int(source[0, u]))) for u in held}
    shown = shown_e + [u for u in range(len(q.skills)) if u not in shown_e]
    assert list(entry.evidence) == [uri[u] for u in shown if u in held]  # in shown order
    # the best related skill of each own skill not held: highest credit x strength, first on ties
    related = []
    for u in range(n_own):
        if u in held:
            continue
        best, at = 0.0, -1
        for v in range(len(q.skills)):
            effect = min(raw[0, v], 1.0) * float(q.own_credit[u, v])
            if effect > best:
                best, at = effect, v
        if at >= 0:
            related.append((uri[u], uri[at], float(np.round(best, 4)), REASONS[int(q.own_reason[u, at])]))
    assert [(r.vacancy_skill, r.candidate_skill, r.credit, r.reason) for r in entry.related] == related
    occupations = space.taxonomy.occupation_uris
    assert entry.occupations == tuple(
        (occupations[int(o)], float(np.round(p / 255.0, 3)))
        for o, p in zip(seg.inferred[row], seg.inferred_p[row], strict=True)
        if 0 <= o < len(occupations)
    )
    if q.agreement is None:
        assert entry.agreement is None
    elif entry.agreement.source == "work_history":
        scale = space.params.history_agreement_scale
        values = [min(1.0, scale * w) * float(q.history_agreement[o]) for o, w in spells]
        o, w = spells[values.index(max(values))]
        assert entry.agreement[2:4] == (occupations[o], round(min(1.0, w), 3))
    else:
        assert entry.agreement[2:] == (None, None, None)
    assert entry.candidate_id == seg.ids[row].decode("utf-8")


@pytest.mark.parametrize("which", ["small", "esco"])
def test_explanations_equal_the_straightforward_computation(request, which):
    taxonomy = request.getfixturevalue("taxonomy" if which == "small" else "esco")
    engine = MatchingEngine(taxonomy, MUNICIPALITIES, clock=lambda: TODAY)
    people = _people(taxonomy, 250, seed=31)
    engine.bulk_load(people[:200])
    engine.upsert_candidates(people[200:])  # some rows in the delta segment
    checked = 0
    from_history = related = 0
    for v in _vacancies(taxonomy, 12, seed=32):
        prepared = engine.prepare(v)
        shown = engine.shortlist(prepared, k=15, viewer_org=None, today=TODAY)
        explained = engine.explain_many(prepared, [p.candidate_id for p in people[::7]], today=TODAY)
        for entry in [*shown, *explained.values()]:
            _check_entry(engine, prepared, entry)
            checked += 1
            from_history += entry.agreement is not None and entry.agreement.source == "work_history"
            related += bool(entry.related)
    assert checked > 100 and from_history > 0  # the random data reached every path
    assert related > 0 or which == "small"


def test_stage_one_leaves_out_only_columns_that_add_nothing(esco):
    """Query skills of weight 0 in both parts (related only to optional skills) are not walked;
    walking them too gives the very same bounds."""
    engine = MatchingEngine(esco, MUNICIPALITIES, clock=lambda: TODAY)
    engine.bulk_load(_people(esco, 400, seed=41))
    engine.merge()
    snap = engine._snapshot
    seg = snap.main
    left_out = 0
    for v in _vacancies(esco, 15, seed=42):
        prepared = engine.prepare(v)
        for prune in (True, False):
            qw = engine._weights(snap, prepared, prune=prune)
            assert np.all((qw.column_weights != 0).any(axis=1))
            walked = set(qw.columns.tolist())
            skipped = [u for u, s in enumerate(qw.query.skills.tolist()) if s not in walked]
            for u in skipped:  # only columns that add exactly 0
                assert qw.sim[u] == 0 and qw.cov[u] == 0
            left_out += len(skipped)
            near = NearRows.of(*near_ranges(seg, prepared.distances, True))
            bounds = range_bounds(
                seg.postings,
                seg.geo_inv_norm,
                qw.columns,
                qw.column_weights,
                qw.n_cov_columns,
                near.lo,
                near.hi,
            )
            every = np.concatenate([qw.columns, qw.query.skills[skipped].astype(np.int64)])
            zero = np.zeros((len(skipped), qw.column_weights.shape[1]), dtype=np.float32)
            with_all = range_bounds(
                seg.postings,
                seg.geo_inv_norm,
                every,
                np.concatenate([qw.column_weights, zero]),
                qw.n_cov_columns,
                near.lo,
                near.hi,
            )
            assert np.array_equal(bounds, with_all)
    assert left_out > 0


def test_exact_coverage_from_the_cut_down_occupation_rows_equals_the_whole_rows(esco):
    """Exact scoring reads the work history's skills at the coverage positions from the query's
    cut-down occupation rows (`ExactWeights.cov_experience`): the very sums that the skill
    space's whole occupation rows give, to the bit, for every candidate."""
    engine = MatchingEngine(esco, MUNICIPALITIES, clock=lambda: TODAY)
    engine.bulk_load(_people(esco, 300, seed=51))
    snap = engine._snapshot
    seg = snap.main
    rows = np.arange(len(seg))
    at, occ, weight = gather_rows(seg.experience, rows)
    compared = 0
    for v in _vacancies(esco, 15, seed=52):
        qw = engine._weights(snap, engine.prepare(v), prune=True)
        xw = qw.exact
        width = len(xw.cov_positions)
        whole = experience_block(at, occ, weight, len(rows), engine._space.experience, xw.cov_skill_col)
        cut = occupation_block(at, occ, weight, len(rows), xw.cov_experience, width)
        assert whole.shape == cut.shape == (len(rows), width)
        assert np.array_equal(whole, cut)
        compared += int((cut > 0).sum())
    assert compared > 0


def test_a_vacancys_occupations_from_one_dense_row_equal_the_batch_inference(esco):
    """`vacancy_target` infers a vacancy's occupations from one dense row without scipy
    (`OccupationModel.predict_top_one`): the same occupations and probabilities, to the bit, as
    `predict_top` gives that row in a batch of several read as vacancies (scipy's sparse product
    and the k-pass selection; no `absence` evidence, which people's rows count), for skills of
    several weights, title occupations, and no evidence at all."""
    import scipy.sparse as sp

    model = MatchingEngine(esco, MUNICIPALITIES, clock=lambda: TODAY)._space.occupations
    prof = model._profiles()
    rng = np.random.default_rng(61)
    other = np.zeros((2, prof.n_skills + prof.n_occupations))
    other[0, rng.choice(prof.n_skills, 30, replace=False)] = 1.0
    other[1, prof.n_skills + rng.choice(prof.n_occupations, 2, replace=False)] = 0.7
    found = 0
    for i in range(400):
        x = np.zeros(prof.n_skills + prof.n_occupations)
        n = int(rng.integers(0, 40)) if i else 0  # the first row has no evidence
        x[rng.choice(prof.n_skills, n, replace=False)] = rng.choice([1.0, 0.5, 0.3, 0.25], n)
        if rng.random() < 0.4:
            x[prof.n_skills + rng.choice(prof.n_occupations, int(rng.integers(1, 3)))] = rng.random()
        k = int(rng.integers(1, 14))
        occ, prob = model.predict_top(sp.csr_matrix(np.vstack([x, other])), k, people=False)
        one_occ, one_prob = model.predict_top_one(x, k)
        assert one_occ.shape == one_prob.shape == (1, k)
        assert one_occ.dtype == occ.dtype and one_prob.dtype == prob.dtype
        assert np.array_equal(one_occ[0], occ[0])
        assert one_prob[0].tobytes() == prob[0].tobytes()
        found += int((occ[0] >= 0).sum())
    assert found > 1000


@pytest.mark.parametrize("indptr_dtype", [np.int32, np.int64])
def test_the_compiled_row_positions_equal_the_numpy_ones(indptr_dtype, monkeypatch):
    """`arrays.row_positions` (the compiled loop where numba is on) gives the numbers and dtypes of
    its numpy form (`KOHTAANTO_NUMBA=0`), for rows in any order, repeated, empty, int32 or int64,
    and raises IndexError past the last row or before the first (numpy's form fails there too)."""
    from services.matching.index.domain import kernels
    from services.matching.index.domain.arrays import row_positions

    if not kernels.jit_enabled():
        pytest.skip("numba is off")
    rng = np.random.default_rng(11)
    lengths = rng.integers(0, 6, size=300)
    lengths[rng.random(300) < 0.3] = 0
    indptr = np.concatenate([[0], np.cumsum(lengths)]).astype(indptr_dtype)
    cases = [
        np.sort(rng.choice(300, 40, replace=False)),
        rng.integers(0, 300, size=80),  # any order, repeats
        np.zeros(0, dtype=np.int64),
        np.arange(300, dtype=np.int32),
        np.flatnonzero(lengths == 0),
    ]
    compiled = [row_positions(indptr, rows) for rows in cases]
    monkeypatch.setenv("KOHTAANTO_NUMBA", "0")
    for rows, (at, idx) in zip(cases, compiled, strict=True):
        want_at, want_idx = row_positions(indptr, rows)
        assert at.dtype == want_at.dtype == np.int64 and idx.dtype == want_idx.dtype == np.int64
        assert np.array_equal(at, want_at) and np.array_equal(idx, want_idx)
    monkeypatch.setenv("KOHTAANTO_NUMBA", "1")
    with pytest.raises(IndexError):
        row_positions(indptr, np.array([300]))
    with pytest.raises(IndexError):
        row_positions(indptr, np.array([-1]))


def _ideal_by_sets(agreement, own, own_weight, n_essential, space, by_history=None) -> float:
    """`query.ideal_score` as session 15 wrote it: the profile a Python set, membership np.isin (and
    session 21's tie-break parts when `query.IDEAL_TIE_BREAKS`)."""
    from services.matching.index.domain.query import IDEAL_TIE_BREAKS

    p, tax = space.params, space.taxonomy
    prof = space.occupations._profiles()
    n_occ = prof.n_occupations
    occ = agreement[:n_occ].copy()
    if p.inferred_unit_groups > 0 and len(agreement) > n_occ:
        ok = prof.unit >= 0
        occ[ok] += agreement[n_occ + prof.unit[ok]]
    best = float(occ.max()) if len(occ) else 0.0
    o = int(np.argmax(occ)) if len(occ) and best > 0 else -1
    worked = 0.0
    if IDEAL_TIE_BREAKS and p.experience_match_weight > 0 and o >= 0:
        worked = p.experience_match_weight * (float(by_history[o]) if by_history is not None else 1.0)
    if not len(own):
        return min(1.0, p.occupation_weight * best + worked)
    ess, opt = tax.essential, tax.optional
    if n_essential:
        held = own[:n_essential]
    elif o >= 0:
        listed = np.concatenate(
            [ess.indices[ess.indptr[o] : ess.indptr[o + 1]], opt.indices[opt.indptr[o] : opt.indptr[o + 1]]]
        )
        held = own[np.isin(own, listed)]
    else:
        held = own
    w = np.asarray(own_weight, dtype=np.float64)
    norm = float(np.sqrt(w @ w))
    profile = set(np.asarray(held).tolist())
    if o >= 0:
        profile.update(ess.indices[ess.indptr[o] : ess.indptr[o + 1]].tolist())
    if norm == 0 or not profile:
        cosine = 0.0
    else:
        cosine = min(1.0, float(w[np.isin(own, list(profile))].sum()) / (norm * np.sqrt(len(profile))))
    coverage = p.coverage_weight if IDEAL_TIE_BREAKS and n_essential else 0.0
    return min(1.0, p.occupation_weight * best + p.similarity_weight * cosine + coverage + worked)


@pytest.mark.parametrize("which", ["small", "esco"])
def test_the_ideal_score_from_masks_equals_the_one_from_sets(request, which):
    """The match score's ideal (`query.ideal_score`, made in every cold shortlist) reads the
    full-coverage profile from boolean masks over the skills: the very float the set-and-isin form
    gives, for vacancies with essential skills, with only optional or suggested ones (a text's,
    whose occupation's listed skills count), with an occupation, and with none."""
    from services.matching.index.domain.query import ideal_score

    taxonomy = request.getfixturevalue("taxonomy" if which == "small" else "esco")
    engine = MatchingEngine(taxonomy, MUNICIPALITIES, clock=lambda: TODAY)
    space = engine._space
    rng = random.Random(71)
    skills, occupations = list(taxonomy.skill_uris), list(taxonomy.occupation_uris)
    kinds = set()
    for i in range(80):
        v = vacancy(
            essential=tuple(rng.sample(skills, rng.choice([0, 0, 1, 4]))),
            optional=tuple(rng.sample(skills, rng.randint(0, 3))),
            suggested=tuple(rng.sample(skills, rng.randint(0, 5))),
            occupation=rng.choice(occupations) if i % 3 == 0 else None,
            municipality="091",
        )
        q = engine.prepare(v).query
        own = q.skills[: q.n_own]
        own_w = q.weight[: q.n_own]
        n_e = len(q.essential)
        got = ideal_score(q.agreement, own, own_w, n_e, space, q.history_agreement)
        assert got == q.ideal
        assert got == _ideal_by_sets(q.agreement, own, own_w, n_e, space, q.history_agreement)
        kinds.add((n_e > 0, q.n_own > 0, q.occupation >= 0))
    assert {(True, True, True), (True, True, False), (False, True, False)} <= kinds  # every path


def test_the_agreements_from_the_targets_non_zero_entries_equal_the_dense_sums(esco):
    """`query.occupation_agreement` and `query.history_agreement` sum the ISCO group masses over
    the target's non-zero entries only: the very floats the sums over every occupation give, for
    a named occupation (one entry), a few inferred ones, a spread-out target and none."""
    from services.matching.index.domain.query import history_agreement, occupation_agreement

    space = MatchingEngine(esco, MUNICIPALITIES, clock=lambda: TODAY)._space
    prof = space.occupations._profiles()
    n_occ = prof.n_occupations
    p = space.params
    lw = np.asarray(p.occupation_level_weights, dtype=np.float64)
    lw = lw / lw.sum()
    minor_of, submajor_of = prof.unit_parents()
    rng = np.random.default_rng(81)
    for i in range(60):
        target = np.zeros(n_occ)
        n = [0, 1, 3, 10, 400][i % 5]
        target[rng.choice(n_occ, n, replace=False)] = rng.dirichlet(np.ones(n)) if n else []
        dense = []
        for codes in (prof.unit, prof.minor, prof.submajor):
            ok = codes >= 0
            dense.append(np.bincount(codes[ok], target[ok], minlength=int(codes.max()) + 1))
        want = np.zeros(n_occ + prof.n_units)
        want[:n_occ] = lw[0] * target
        for w, m, codes in zip(lw[1:], dense, (np.arange(prof.n_units), minor_of, submajor_of), strict=True):
            want[n_occ:] += w * np.where(codes >= 0, m[np.maximum(codes, 0)], 0.0)
        assert p.inferred_unit_groups > 0
        assert occupation_agreement(target, space).tobytes() == want.tobytes()
        ok = prof.unit >= 0
        hist = target.copy()
        hist[ok] += float(lw[1:].sum()) * (dense[0][prof.unit[ok]] - target[ok])
        assert history_agreement(target, space).tobytes() == np.clip(hist, 0.0, 1.0).tobytes()


def test_the_order_of_the_rows_that_can_be_among_the_k_best_is_the_head_of_the_whole_order():
    """Each round of exact scoring orders only the rows whose score reaches the k-th largest
    (`scoring._order`): the very head (k rows, ties at the k-th score kept) of ordering every
    scored row by score desc, coverage desc, id asc, over batches of two segments, with tied
    scores and coverages, zero scores, and fewer positive rows than k."""
    from types import SimpleNamespace

    from services.matching.index.domain.scoring import Exact, _order

    rng = np.random.default_rng(121)
    segs = [SimpleNamespace(ids=np.array([f"c{s}{i:05d}".encode() for i in range(3000)])) for s in range(2)]
    for _trial in range(60):
        exact = []
        for _ in range(int(rng.integers(1, 5))):
            n = int(rng.integers(0, 400))
            rows = np.sort(rng.choice(3000, n, replace=False))
            score = np.round(rng.choice([0.0, 0.1, 0.2, 0.5], n) + np.round(rng.random(n), 1), 9)
            cov = np.round(rng.random(n), 1)
            exact.append(
                (segs[int(rng.integers(0, 2))], Exact(rows, score, cov, np.zeros((n, 5)), score, score > 1))
            )
        k = int(rng.choice([1, 10, 50, 2000]))
        score, _which, _position, order = _order(exact, k)
        ids = np.concatenate([seg.ids[ex.rows] for seg, ex in exact])
        coverage = np.concatenate([ex.coverage for _, ex in exact])
        whole = np.lexsort((ids, -coverage, -score))
        whole = whole[score[whole] > 0]
        assert len(order) >= min(k, len(whole))
        assert np.array_equal(order, whole[: len(order)])
        if len(whole) > k:
            assert score[order[-1]] == score[whole[k - 1]]  # ties at the k-th score kept, no more
            assert len(whole) == len(order) or score[whole[len(order)]] < score[whole[k - 1]]
