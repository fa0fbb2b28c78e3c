"""The recogniser's hashed character n-grams (`domain.char_hashing`) are scikit-learn's, bit for bit:
the lexical index was built with scikit-learn's `HashingVectorizer`, and a sentence must meet it at
the same columns with the same weights (issue 12: the start-up no longer imports scikit-learn)."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2

from services.matching.index.domain.char_hashing import CharHasher, char_wb_ngrams, normalize_rows_l2
from services.matching.index.domain.recognition import _tfidf

SETS = Path(__file__).resolve().parents[3] / "benchmarks" / "recognition_sets"

ODD_TEXTS = [
    "Knowledge of SQL.",
    "",
    "   ",
    "a",
    "ab  cd\t\tef\n\ngh",
    "C# ja .NET, C++ — Node.js; T-SQL:ää",
    "PLC-ohjelmointi, B-ajokortti ja hygieniapassi",
    "Trukkikortti ÄÖÅ äöå ß İstanbul",
    "Vi söker en svetsare till Vasa; erfarenhet av MIG/MAG-svetsning.",
    "日本語 テキスト 🙂 emoji",
    "x" * 300,
]


def _sklearn(ngram_range: tuple[int, int], n_features: int) -> HashingVectorizer:
    return HashingVectorizer(
        analyzer="char_wb",
        ngram_range=ngram_range,
        n_features=n_features,
        alternate_sign=False,
        norm=None,
        dtype=np.float32,
    )


def _same(a, b) -> None:
    a, b = a.tocsr(), b.tocsr()
    a.sort_indices()
    b.sort_indices()
    assert a.shape == b.shape
    assert a.dtype == b.dtype == np.float32
    np.testing.assert_array_equal(a.indptr, b.indptr)
    np.testing.assert_array_equal(a.indices, b.indices)
    np.testing.assert_array_equal(a.data, b.data)  # exactly equal, not close


def _own_sentences() -> list[str]:
    texts = []
    for path in sorted(SETS.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            texts += [row["text"] for row in csv.DictReader(f)]
    return texts


@pytest.mark.parametrize(("ngram_range", "n_features"), [((3, 5), 2**20), ((1, 3), 1000), ((2, 4), 7)])
def test_the_counts_are_scikit_learns(ngram_range, n_features):
    texts = ODD_TEXTS + _own_sentences()
    _same(
        CharHasher(ngram_range, n_features).transform(texts),
        _sklearn(ngram_range, n_features).transform(texts),
    )


def test_the_counts_of_every_esco_label_are_scikit_learns(esco):
    """Every English and Finnish preferred label, as the index's documents read them."""
    texts = [x or "" for lang in ("en", "fi") for x in esco.tables.skill_labels[lang]]
    _same(CharHasher((3, 5), 2**20).transform(texts), _sklearn((3, 5), 2**20).transform(texts))


def test_the_ngrams_are_cut_within_words_and_a_short_word_counts_once():
    assert char_wb_ngrams("SQL", (3, 5)) == [" sq", "sql", "ql ", " sql", "sql ", " sql "]
    assert char_wb_ngrams("a", (3, 5)) == [" a "]
    assert char_wb_ngrams("ab", (3, 5)) == [" ab", "ab ", " ab "]
    assert char_wb_ngrams("  ", (3, 5)) == []


def test_no_texts_is_an_error():
    with pytest.raises(ValueError):
        CharHasher((3, 5), 2**20).transform([])


def test_the_l2_rows_are_scikit_learns_bit_for_bit():
    """The tf-idf rows of the sentences the benchmark reads, with a real idf's spread of weights."""
    texts = ODD_TEXTS + _own_sentences()
    counts = CharHasher((3, 5), 2**20).transform(texts)
    rng = np.random.default_rng(12)
    idf = rng.uniform(0.5, 11.0, 2**20).astype(np.float32)
    ours, theirs = _tfidf(counts, idf), _tfidf(counts, idf)
    normalize_rows_l2(ours)
    inplace_csr_row_normalize_l2(theirs)
    _same(ours, theirs)
    norms = np.sqrt(np.asarray(ours.multiply(ours).sum(axis=1)).ravel())
    assert np.allclose(norms[np.diff(ours.indptr) > 0], 1.0, atol=1e-6)
