"""Nothing of a coach's text outlives its recognition (session 39, `erase39`; README, "Operations:
erasure leaves no copy"). Coaches send CV text and notes to `POST /api/v1/skills/recognise`; a
sentence naming a person or a diagnosis must not stay in matching's memory, as a cache key or a
cache value, after the answer: the caches of recent texts are keyed by a keyed digest
(`text_digests`) and keep only what spells no text (embeddings, ESCO URIs, vocabulary verbs and
lemmas); the encoder keeps no text's token pieces.
"""

from __future__ import annotations

import secrets

import pytest

from services.matching.index.domain.text_digests import DigestMemo, text_digest
from tests.helpers import objects_holding as _holding


def _cv_sentence() -> tuple[str, str]:
    """A CV sentence naming a person, a diagnosis and a trade, with a surname made for this run
    (in no source, so the only copy is the test's and what the recogniser kept)."""
    surname = "Kärkkä" + secrets.token_hex(4) + "nen"
    return (
        f"Aino {surname} on työskennellyt hitsaajana Nokialla ja sairastaa paniikkihäiriötä; "
        f"{surname}n vahvuus on MIG-hitsaus.",
        surname,
    )


@pytest.mark.parametrize("lang", [None, "fi"])
def test_a_recognised_cv_sentence_is_kept_nowhere_in_the_recogniser(esco_recognizer, lang):
    sentence, surname = _cv_sentence()
    found = esco_recognizer.recognise(sentence, top_k=10, lang=lang)
    assert found  # (the welding is read: the sentence went through every cache)
    esco_recognizer.occupations_in(sentence, lang)
    held = _holding(esco_recognizer, surname)
    assert held == [], held[:3]


def test_the_encoder_keeps_no_pieces_of_a_text_it_counted_and_embedded(esco_recognizer):
    sentence, surname = _cv_sentence()
    encoder = esco_recognizer.encoder
    tokenizer = getattr(encoder, "_parts", None)
    if tokenizer is None or not hasattr(tokenizer[1], "content"):
        pytest.skip("the onnxruntime engine is not the recogniser's here")
    pieces = tuple(tokenizer[1].content("query: " + sentence))
    surname_pieces = tuple(tokenizer[1].content(surname))
    encoder.token_counts([sentence])
    encoder.encode([sentence], query=True)
    assert _holding(encoder, surname, pieces) == []
    assert _holding(encoder, surname, surname_pieces) == []  # (nor the pieces of its words)


def test_equal_texts_still_hit_a_cache_that_holds_no_text():
    calls = []

    def read(text: str, lang: str | None) -> tuple[str, ...]:
        calls.append(1)
        return ("http://data.europa.eu/esco/occupation/welder",)

    memo = DigestMemo(read, 2)
    text = "Aino Virtanen, hitsaaja, paniikkihäiriö."
    assert memo(text, "fi") == memo(text, "fi")
    assert len(calls) == 1 and len(memo) == 1
    assert _holding(memo, "Virtanen") == []
    memo(text, None)
    memo("toinen", "fi")
    assert len(memo) == 2  # (the least recently used went first)
    memo.cache_clear()
    assert len(memo) == 0


def test_a_texts_digest_is_keyed_and_tells_its_parts_apart():
    digest = text_digest("Aino Virtanen")
    assert digest == text_digest("Aino Virtanen") and len(digest) == 16
    assert b"Virtanen" not in digest
    import hashlib

    assert digest != hashlib.blake2b(b"Aino Virtanen", digest_size=16).digest()  # (unkeyed: guessable)
    assert (
        len({text_digest("ab", None), text_digest("a", "b"), text_digest("ab"), text_digest("ab", "")}) == 4
    )
    assert text_digest("\ud800") != text_digest("")  # (a lone surrogate is hashed, not refused)
