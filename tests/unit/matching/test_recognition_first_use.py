"""What recognition builds on first use, and how few tokens its model reads (issue 12's latency): the
faster forms find exactly what the slower ones found."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from services.matching.index.domain import language_requirements
from services.matching.index.domain.recognition import FinnishLanguageNames
from services.matching.index.domain.recognition_text import words
from services.matching.index.text_models import padded_groups


def _cost(spans, lengths, call_cost):
    return sum(call_cost + (b - a) * lengths[b - 1] for a, b in spans)


def _all_splits(n):
    for cuts in itertools.product((False, True), repeat=max(n - 1, 0)):
        bounds = [0, *(i + 1 for i, cut in enumerate(cuts) if cut), n]
        yield list(itertools.pairwise(bounds))


def test_a_sentence_and_its_list_items_are_read_in_the_calls_that_read_fewest_tokens():
    """A sentence of 28 tokens with list items of 11 and 15 read 84 tokens in one padded call (tech
    set, "Open for continuous change … Azure PaaS microservices . NET PowerShell and MS SQL …");
    three calls read 54, two 58."""
    assert padded_groups([11, 15, 28], 2) == [(0, 1), (1, 2), (2, 3)]
    assert padded_groups([11, 15, 28], 5) == [(0, 2), (2, 3)]
    assert padded_groups([27, 28], 2) == [(0, 2)]  # (one token of padding costs less than a call)
    assert padded_groups([], 2) == []
    assert padded_groups([9], 2) == [(0, 1)]


@pytest.mark.parametrize("call_cost", [0, 2, 5])
def test_the_split_into_calls_is_the_cheapest_of_all_splits(call_cost):
    rows = [
        [3],
        [4, 4],
        [5, 9, 30],
        [6, 7, 8, 28, 28],
        [7, 7, 11, 12, 20, 27, 28],
        [9, 10, 11, 14, 15, 16, 17, 25],
    ]
    for lengths in rows:
        spans = padded_groups(lengths, call_cost)
        assert spans[0][0] == 0 and spans[-1][1] == len(lengths)
        assert all(a < b == c for (a, b), (c, _) in itertools.pairwise(spans))
        best = min(_cost(s, lengths, call_cost) for s in _all_splits(len(lengths)))
        assert _cost(spans, lengths, call_cost) == best, lengths


def test_the_label_word_pairs_are_those_of_the_table_of_every_labels_pairs(esco_recognizer):
    """`_label_bigrams` reads only the labels holding a word; the table of every label's word
    pairs it replaces (0.5-0.7 CPU-s in the first sentence joining two words) gave the same pairs
    in the same order, for every word tried."""
    table: dict[str, list[tuple[int, str]]] = {}
    labels = esco_recognizer._label_lines()[2]
    for j, label in enumerate(labels):
        for first, second in itertools.pairwise(words(label)):
            table.setdefault(first, []).append((j, second))
    tried = [*sorted(table)[::5], "design", "use", "and", "data", "manage", "safety", "nonexistentword"]
    for word in tried:
        assert esco_recognizer._label_bigrams(word) == table.get(word, []), word
        assert esco_recognizer._label_bigrams(word) == table.get(word, []), word  # (cached)


def test_the_language_names_are_built_once_and_at_load(esco, esco_recognizer):
    """The recogniser and `language_requirements` share one `FinnishLanguageNames` of the taxonomy
    (each built its own: about 0.3 CPU-s more), and the load builds them: a first sentence naming
    a language builds nothing (it cost 0.2-0.5 CPU-s)."""
    # the suite's other taxonomies may have pushed the real one out of the caches (4 taxonomies each);
    # a service has one taxonomy, and its load primes them as this does
    language_requirements.prepare(esco)
    shared = FinnishLanguageNames.of(esco)
    assert language_requirements._names(esco).finnish is shared
    assert esco_recognizer.language_names_ == shared
    names = language_requirements._names
    before = names.cache_info().misses
    found = esco_recognizer.recognise("Fluent in written and spoken English, Finnish is a plus.", top_k=5)
    assert "English" in {s.label("en") for s in found}
    assert names.cache_info().misses == before
    assert names(esco).finnish is shared
    rebuilt = FinnishLanguageNames.build(esco)
    assert rebuilt is not esco_recognizer.language_names_
    assert [n[0] for n in rebuilt.names] == [n[0] for n in esco_recognizer.language_names_.names]


class _CountingEncoder:
    """The recogniser's encoder, counting the texts of each call."""

    def __init__(self, encoder):
        self.inner, self.calls = encoder, []
        self.model_id = encoder.model_id

    def encode(self, texts, query=True):
        self.calls.append(list(texts))
        return self.inner.encode(texts, query=query)

    def token_counts(self, texts):
        return self.inner.token_counts(texts)


def test_a_first_text_naming_an_occupation_does_not_embed_its_label(esco, esco_recognizer):
    """The occupations' label vectors come from the per-machine cache (`load_recognizer`): each is
    the model's call on the label alone, as `_central_order` made on first use (about 10 CPU-ms
    per occupation the first text naming it paid, fi tuning set, 2026-12-03), so the central
    skills a title suggests are the same with and without them."""
    vectors = esco_recognizer.occupation_vectors_
    assert vectors is not None and vectors.shape == (len(esco.occupation_uris), 384)
    labels = esco.tables.occupation_labels["en"]
    welder = esco.tables.occupation_labels["fi"].index("hitsaaja")
    tried = [welder, *range(0, len(labels), 300)]
    for o in tried:
        alone = np.asarray(esco_recognizer.encoder.encode([labels[o]], query=True), dtype=np.float32)[0]
        np.testing.assert_array_equal(vectors[o], alone)  # bit for bit

    occupations = [esco.occupation_uris[o] for o in tried]
    saved, central = esco_recognizer.encoder, dict(esco_recognizer.central_)
    counting = _CountingEncoder(saved)
    try:
        esco_recognizer.encoder = counting
        esco_recognizer.central_ = {}
        with_vectors = [esco_recognizer.central_skills([u]) for u in occupations]
        assert counting.calls == []  # no model call for a label
        esco_recognizer.central_, esco_recognizer.occupation_vectors_ = {}, None
        esco_recognizer.forget_queries()  # (an earlier test may have read one of these labels as text)
        without = [esco_recognizer.central_skills([u]) for u in occupations]
        assert len(counting.calls) == len(tried)  # one call per occupation, as before the cache
    finally:
        esco_recognizer.encoder, esco_recognizer.central_ = saved, central
        esco_recognizer.occupation_vectors_ = vectors
        esco_recognizer.forget_queries()
    assert with_vectors == without
    assert with_vectors[0]  # the welder's essential skills
    with pytest.raises(ValueError):
        esco_recognizer.set_occupation_vectors(vectors[:-1])


def test_the_load_builds_what_the_first_sentences_built(esco_recognizer):
    """`load_recognizer` builds the label lines, titles, supervision texts and occupation links
    that the first sentences needing them built (tech set, 2026-12-03: 20-40 CPU-ms more in
    each of its first sentences than in a second pass), so a later build changes nothing."""
    r = esco_recognizer
    built = (r.label_prefixes_, r.english_titles_, r.finnish_titles_, r.title_ends_)
    built += (r.supervision_texts_, r.supervision_skills_, r.supervised_workers_, r.links_)
    assert all(x is not None for x in built)
    r.build_first_use()
    assert r.label_prefixes_ is built[0] and r.links_ is built[-1]
