"""The skill similarity (`scoring.similarity`): the cosine of the best trimmed vector, monotone in
the vacancy's own skills (outside tester 16, P1). Pure arrays, no index."""

import numpy as np
import pytest

from services.matching.index.domain import kernels
from services.matching.index.domain.scoring import _similarity_numpy, similarity


def _brute(z: np.ndarray, hat: np.ndarray, b2: float) -> float:
    """max over lambda of the cosine of min(z, lambda q^) against b^2, on the ratios and a fine
    grid between them (the best y is of that form)."""
    ratios = z[hat > 0] / hat[hat > 0]
    grid = np.unique(
        np.concatenate([ratios, np.geomspace(1e-4, 1e4, 4000), ratios * 1.0001, ratios * 0.9999])
    )
    best = 0.0
    for lam in grid:
        y = np.minimum(z, lam * hat)
        den = np.sqrt(y @ y + b2)
        if den > 0:
            best = max(best, float(hat @ y / den))
    return best


def _random_case(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, float]:
    m = int(rng.integers(1, 9))
    hat = rng.uniform(0.2, 1.0, m)
    hat /= np.linalg.norm(hat)
    z = np.where(rng.random(m) < 0.7, rng.uniform(0.05, 3.0, m), 0.0)
    b2 = float(rng.choice([0.0, rng.uniform(0, 4)]))
    return z, hat, b2


def test_the_similarity_is_the_best_trimmed_cosine():
    rng = np.random.default_rng(1)
    for _ in range(200):
        z, hat, b2 = _random_case(rng)
        got = similarity(z[None, :], hat, np.array([b2]))[0]
        assert got == pytest.approx(_brute(z, hat, b2), abs=2e-6)


def test_more_of_a_wanted_skill_never_lowers_it_and_more_outside_never_raises_it():
    rng = np.random.default_rng(2)
    for _ in range(300):
        z, hat, b2 = _random_case(rng)
        j = int(rng.integers(len(z)))
        more = z.copy()
        more[j] += float(rng.uniform(0.01, 2.0))
        rows = np.vstack([z, more, z])
        got = similarity(rows, hat, np.array([b2, b2, b2 + float(rng.uniform(0.01, 2.0))]))
        assert got[1] >= got[0] - 1e-12
        assert got[2] <= got[0] + 1e-12


def test_it_is_at_least_the_cosine_and_the_cosine_where_proportional():
    rng = np.random.default_rng(3)
    for _ in range(200):
        z, hat, b2 = _random_case(rng)
        got = similarity(z[None, :], hat, np.array([b2]))[0]
        cosine = hat @ z / np.sqrt(z @ z + b2) if z @ z + b2 > 0 else 0.0
        assert cosine - 1e-12 <= got <= 1.0
    hat = np.array([0.6, 0.8])
    # proportional to the vacancy's: the cosine, 1 without anything outside
    assert similarity(np.array([[1.2, 1.6]]), hat, np.array([0.0]))[0] == pytest.approx(1.0)
    assert similarity(np.array([[1.2, 1.6]]), hat, np.array([4.0]))[0] == pytest.approx(2.0 / np.sqrt(8.0))
    # few of the vacancy's skills still read low: one skill of two, nothing else, reads its q^
    assert similarity(np.array([[5.0, 0.0]]), hat, np.array([0.0]))[0] == pytest.approx(0.6)
    # nothing held: 0
    assert similarity(np.zeros((1, 2)), hat, np.array([1.0]))[0] == 0.0


def test_a_claim_on_top_of_a_history_does_not_lower_it():
    """The tester's shape: a history gives 0.3 at essential skills and 0.1 at optional ones of a
    vacancy weighting both alike; a claim adds 1.0 on one of them (1.3 there). The cosine falls
    (0.87 -> 0.80 here), the similarity does not."""
    hat = np.full(6, 1 / np.sqrt(6))
    history = np.array([0.3, 0.3, 0.3, 0.1, 0.1, 0.0])
    claimed = history + np.array([1.0, 0, 0, 0, 0, 0])
    both = claimed + np.array([0, 0, 0, 0, 0, 1.0])
    rows = np.vstack([history, claimed, both])
    got = similarity(rows, hat, np.full(3, 0.05))
    cosine = rows @ hat / np.sqrt((rows * rows).sum(axis=1) + 0.05)
    assert cosine[1] < cosine[0]  # the fault of the cosine
    assert got[0] <= got[1] <= got[2]
    assert got[2] > got[0]


@pytest.mark.skipif(kernels.numba is None, reason="numba is not installed")
def test_the_compiled_similarity_agrees_with_the_numpy_version(monkeypatch):
    rng = np.random.default_rng(4)
    cases = [_random_case(rng) for _ in range(200)]
    width = max(len(z) for z, _, _ in cases)
    for z, hat, b2 in cases:
        rows = np.vstack([z, np.zeros_like(z), z * 0.5])
        compiled = kernels.compiled_similarity(rows, hat, np.array([b2, 1.0, b2]))
        assert compiled is not None
        np.testing.assert_allclose(
            compiled, _similarity_numpy(rows, hat, np.array([b2, 1.0, b2])), atol=1e-12
        )
    assert width > 1
    monkeypatch.setenv("KOHTAANTO_NUMBA", "0")
    assert kernels.compiled_similarity(np.ones((1, 1)), np.ones(1), np.zeros(1)) is None
