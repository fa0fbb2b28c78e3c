"""The glossary's one-word stems found inside a word with fewer look-ups, the same stems as before
(issue 12, latency; session 38, helper `cpu38`). `_GlossIndex.matches` stops lengthening a part of
a word once no infix stem starts with it (`_GlossIndex.infix_starts`); a recruiter relies on the
same glosses ("svets" in "mig-svetsning", the longer stem of a compound winning) whichever way the
stems were looked up.
"""

from __future__ import annotations

import pytest

from services.matching.index.domain.recognition import (
    _HEAD_MODIFIER,
    SWEDISH_HEAD_ENDINGS,
    _gloss_index,
    _GlossIndex,
)
from services.matching.index.domain.recognition_text import words

TEXTS = [
    "Svetsare med MIG-svetsning och truckkort sökes till verkstaden i Vasa.",
    "Du sköter säkerhetskopiering, trädgårdsskötsel och fasadmålning; kranbil och mobilkranen.",
    "Underhållsstädning, däckbyten och lönräkning i Jakobstad, vi söker en sjukskötare.",
    "Haemme hitsaajaa konepajaan Tampereelle, MIG/MAG-hitsaus ja asiakaspalvelukokemus.",
    "Hiusmuotoilu, kassatyö, varastonhallinta ja trukinkuljettajan kortti.",
]


def _matches_by_length(index: _GlossIndex, word: str) -> list[int]:
    """`_GlossIndex.matches` as it was before: every part of `word` of every infix stem's length
    looked up."""
    spans: list[tuple[int, int, int]] = []
    n = len(word)
    for length in index.prefix_lengths:
        if length > n:
            break
        spans.extend((0, length, k) for k in index.prefixes.get(word[:length], ()))
    for length in index.infix_lengths:
        if length > n:
            break
        for a in range(n - length + 1):
            spans.extend((a, a + length, k) for k in index.infixes.get(word[a : a + length], ()))
    for length in index.head_lengths:
        for a in range(_HEAD_MODIFIER, n - length + 1):
            if word[a + length :] in index.endings:
                spans.extend((a, a + length, k) for k in index.heads.get(word[a : a + length], ()))
    if index.verb_forms:
        for a in (0, *range(_HEAD_MODIFIER, n - 3)):
            spans.extend((a, n, k) for k in index.verb_forms.get(word[a:], ()))
    if len(spans) < 2:
        return [k for _, _, k in spans]
    return sorted(
        {k for a, b, k in spans if not any(a2 <= a and b <= b2 and b2 - a2 > b - a for a2, b2, _ in spans)}
    )


@pytest.mark.parametrize("lang", ["sv", "fi"])
def test_every_word_matches_the_stems_it_matched_when_every_length_was_looked_up(esco_recognizer, lang):
    """Over the words of this file's texts, the glossary's own stems and ESCO's labels in that
    language (compounds holding several stems among them)."""
    pairs = esco_recognizer.tools.glossary[lang]
    index = _gloss_index(tuple(pairs), SWEDISH_HEAD_ENDINGS if lang == "sv" else frozenset())
    vocabulary = {w for t in TEXTS for w in words(t)}
    vocabulary |= {w for stem, _ in pairs for w in words(stem.lstrip("^"))}
    vocabulary |= {w for label in esco_recognizer.labels_.get(lang) or [] if label for w in words(label)}
    assert len(vocabulary) > 100
    found = 0
    for word in sorted(vocabulary):
        expected = _matches_by_length(index, word)
        assert index.matches(word) == expected, word
        found += bool(expected)
    assert found > 10


def test_a_compound_still_glosses_its_longer_stem_not_the_shorter_inside_it():
    pairs = (("svets", "welding"), ("svetsning", "welding work"), ("träd", "trees"), ("trädgård", "garden"))
    index = _gloss_index(pairs, SWEDISH_HEAD_ENDINGS)
    assert [pairs[k][1] for k in index.matches("mig-svetsningen")] == ["welding work"]
    assert [pairs[k][1] for k in index.matches("svetsare")] == ["welding"]
    assert [pairs[k][1] for k in index.matches("trädgårdsskötsel")] == ["garden"]
    assert index.matches("betalar") == []
