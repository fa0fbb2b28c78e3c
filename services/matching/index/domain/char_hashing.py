"""Hashed character n-gram counts of texts, as the recogniser's lexical index reads them.

The same matrices as scikit-learn's ``HashingVectorizer(analyzer="char_wb", alternate_sign=False,
norm=None, dtype=np.float32)`` (BSD-3-Clause), which the index was first built with, and the same
L2 row normalisation as its ``inplace_csr_row_normalize_l2``; without importing scikit-learn, whose
package import (``sklearn.base`` → ``scipy.stats``) was 1.5 of the recogniser's 4.8 CPU-s of
start-up (2026-12-03, recogspeed 19). The hash is MurmurHash3 (x86, 32 bits, seed 0) of each
n-gram's UTF-8 bytes, by ``mmh3`` (MIT), the function scikit-learn calls; the n-grams are cut as
its ``_char_wb_ngrams`` cuts them. ``tests/unit/matching/test_char_hashing.py`` checks both
against scikit-learn on ESCO's labels and the benchmark sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import scipy.sparse as sp

try:
    from mmh3 import hash as _murmur3
except ImportError:  # a virtualenv made before mmh3 was a dependency (`make setup` installs it)
    from sklearn.utils.murmurhash import murmurhash3_32 as _murmur3  # type: ignore[no-redef]

_WHITE_SPACES = re.compile(r"\s\s+")
_INT32_MIN = -(2**31)


def char_wb_ngrams(text: str, ngram_range: tuple[int, int]) -> list[str]:
    """The character n-grams of `text` lower-cased, `ngram_range` = (min n, max n), cut within
    words padded with one space on each side; a word shorter than an n counts once, whole
    (scikit-learn's ``char_wb`` analyzer)."""
    text = _WHITE_SPACES.sub(" ", text.lower())
    min_n, max_n = ngram_range
    grams: list[str] = []
    for w in text.split():
        w = " " + w + " "
        w_len = len(w)
        for n in range(min_n, max_n + 1):
            if w_len <= n:  # a short word only once, whole
                grams.append(w)
                break
            grams += [w[i : i + n] for i in range(w_len - n + 1)]
    return grams


class CharHasher:
    """Texts → (n_texts, n_features) CSR float32 counts of their hashed character n-grams
    (`char_wb_ngrams`), indices sorted within rows, no duplicates: each n-gram at
    ``abs(murmur3(utf-8)) % n_features``."""

    def __init__(self, ngram_range: tuple[int, int], n_features: int) -> None:
        if n_features < 1:
            raise ValueError("n_features must be positive")
        self.ngram_range = (int(ngram_range[0]), int(ngram_range[1]))
        self.n_features = int(n_features)
        self._int32_min_column = (2**31 - 1 - (self.n_features - 1)) % self.n_features

    def transform(self, texts: Iterable[str]) -> sp.csr_matrix:
        """(n_texts, n_features) CSR float32 of n-gram counts; ValueError for no texts."""
        grams = [char_wb_ngrams(text, self.ngram_range) for text in texts]
        if not grams:
            raise ValueError("no texts to hash")
        h = np.array([_murmur3(g) for row in grams for g in row], dtype=np.int64)
        columns = np.abs(h) % self.n_features
        columns[h == _INT32_MIN] = self._int32_min_column  # (abs of int32's minimum, as scikit-learn has it)
        rows = np.repeat(np.arange(len(grams), dtype=np.int64), [len(row) for row in grams])
        cells, counts = np.unique(rows * self.n_features + columns, return_counts=True)  # rows, then columns
        indptr = np.searchsorted(cells, np.arange(len(grams) + 1, dtype=np.int64) * self.n_features)
        return sp.csr_matrix(
            (counts.astype(np.float32), (cells % self.n_features).astype(np.int32), indptr.astype(np.int64)),
            shape=(len(grams), self.n_features),
            dtype=np.float32,
        )


def normalize_rows_l2(x: sp.csr_matrix) -> None:
    """Scale each row of float32 CSR `x` in place to unit L2 norm (rows of zeros stay), summing the
    float32 squares in float64 in stored order and dividing in float64 as scikit-learn's
    ``inplace_csr_row_normalize_l2`` does, so the result is bit for bit the same."""
    data, indptr = x.data, x.indptr
    for i in range(x.shape[0]):
        a, b = int(indptr[i]), int(indptr[i + 1])
        if a == b:
            continue
        row = data[a:b]
        total = float(np.cumsum((row * row).astype(np.float64))[-1])  # sequential, as the loop adds
        if total == 0.0:
            continue
        row[:] = (row.astype(np.float64) / np.sqrt(total)).astype(data.dtype)
