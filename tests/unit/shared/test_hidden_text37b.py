"""Outside tester 37b, L1: hidden text still passed every screen in two ways — one variation selector after
each letter (VS17–VS256: a byte per letter; VS1–VS16: a nibble) and a run, or a spacing, of zero-width
joiners/non-joiners, zero-width spaces, word joiners, invisible operators or Hangul fillers (a bit per
character). Comments, names, titles, descriptions, look-up purposes, catalogue titles and a shortage list's
``source`` stored them, and ``recheck-comments`` did not find them.

The kind: a default-ignorable code point is ordinary text only where it changes what a reader sees
(``shared.text.hidden_text``); everywhere else it is a hidden channel, refused by every screen and reported
(and masked) by the operator's sweep. Ordinary Finnish, Swedish, Sámi, Arabic with an RLM, Persian with a
ZWNJ, Hindi/Tamil/Sinhala with ZWJ/ZWNJ, CJK with an ideographic variation selector and emoji sequences pass
and are kept as written."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from marshmallow import ValidationError

from services.matching.team.comments import HIDDEN_TEXT, kinds_in, masked
from shared import pii
from shared.schemas import short_text_refusals
from shared.text import hidden_text, plain_typography, without_hidden_text
from tests.unit.shared.test_unicode_reading37 import tags


def bytes_as_selectors(cover: str, payload: bytes) -> str:
    """Tester 37b's byte per letter: VS17+byte (U+E0100…U+E01EF) after each letter of ``cover``."""
    out, data = [], iter(payload)
    for char in cover:
        out.append(char)
        if char.isalpha():
            byte = next(data, None)
            if byte is not None:
                out.append(chr(0xE0100 + byte % 240))
    return "".join(out)


def nibbles_as_selectors(cover: str, payload: bytes) -> str:
    """Tester 37b's nibble per letter: VS1+nibble (U+FE00…U+FE0F) after each letter."""
    nibbles = iter([n for b in payload for n in (b >> 4, b & 15)])
    out = []
    for char in cover:
        out.append(char)
        if char.isalpha():
            n = next(nibbles, None)
            if n is not None:
                out.append(chr(0xFE00 + n))
    return "".join(out)


def bits_as_run(cover: str, payload: bytes, zero: str, one: str) -> str:
    """Tester 37b's run: ``cover`` then one of two invisible characters per bit of ``payload``."""
    return cover + "".join(one if b >> i & 1 else zero for b in payload for i in range(7, -1, -1))


def bits_in_gaps(cover: str, payload: bytes, mark: str) -> str:
    """A bit per gap between two letters: ``mark`` in the gap for a 1, nothing for a 0."""
    bits = iter([b >> i & 1 for b in payload for i in range(7, -1, -1)])
    out = []
    for at, char in enumerate(cover):
        out.append(char)
        if char.isalpha() and at + 1 < len(cover) and cover[at + 1].isalpha() and next(bits, 0):
            out.append(mark)
    return "".join(out)


COVER = "Hyvä puhelu, jatketaan ensi viikolla."
#: The tester's inputs (u1.py, u2.py, u3.py, c2.py), each with the field it was stored in.
TESTER_37B = [
    ("comment", bytes_as_selectors(COVER, b"raskaana 0401234567 hetu")),
    ("comment", nibbles_as_selectors(COVER, b"raskaana")),
    ("comment", bits_as_run("Hyvä puhelu.", b"raskaana", "\u200d", "\u200c")),
    ("comment", bits_as_run("Hyvä puhelu.", b"raskaana", "\u200b", "\u2060")),
    ("comment", bits_as_run("Hyvä puhelu.", b"raskaana", "\u2061", "\u2062")),
    ("comment", "Hyvä puhelu." + "\u3164" * 40),
    ("name", bytes_as_selectors("Aino Plakkaraatti", b"131052-308T")),
    ("title", bytes_as_selectors("Hitsaaja Tampere Hervanta", b"131052-308T")),
    ("description", bytes_as_selectors("Ohutlevytöitä Hervannassa, kaksivuorotyö.", b"131052-308T")),
    ("purpose", bytes_as_selectors("Haastattelu ensi viikolla", b"131052-308T")),
    ("purpose", bits_as_run("Haastattelu", b"hetu", "\u200d", "\u200c")),
    ("title_fi", bytes_as_selectors("Hitsauksen jatkokurssi", b"131052-308T")),
    ("source", bytes_as_selectors("Ammattibarometri", b"131052-308T")),
]

#: Ordinary text a reader writes, with the default-ignorables that change what is seen.
ORDINARY = [
    "Haastattelu sujui hyvin, jatketaan ensi viikolla.",
    "Bra samtal, vi fortsätter på måndag.",
    "Buorre ságastallan, joatkit boahtte vahkus. Áilu Čárdá, Anár.",
    "كانت المقابلة جيدة، سنتابع الأسبوع القادم.\u200f",  # Arabic with a right-to-left mark
    "محمد علي\u200f",
    "مصاحبه خوب بود، می\u200cخواهد ادامه دهد.",  # Persian: ZWNJ in می‌خواهد
    "زهرا حسین\u200cزاده",
    "زهرا\u200c احمدی",  # the tester's name with a ZWNJ after alef
    "अनुभव क्\u200dषेत्र में अच्छा है",  # Hindi: ZWJ after the virama
    "मैं कल आऊँगा, क्\u200cष",  # Hindi: ZWNJ after the virama
    "நல்ல வேலை, க்\u200cஷ",  # Tamil: ZWNJ after the pulli
    "ශ්\u200dරී ලංකා",  # Sinhala: ZWJ after the al-lakuna
    "葛\U000e0100城市の山田さん、辻\U000e0101 太郎",  # Japanese with ideographic variation selectors
    "Hyvä fiilis 👍🏽 ❤️ 👩\u200d🍳 ❤️\u200d🔥 👩🏽\u200d🍳 🏳️\u200d🌈 1️⃣ 🇫🇮",
    "Skotlanti \U0001f3f4" + tags("gbsct") + "\U000e007f ja Wales \U0001f3f4" + tags("gbwls") + "\U000e007f",
    "Kokki / Kock – Ravintola Hämärä",
    "ᠮᠣᠩᠭᠣᠯ\u180b",  # Mongolian with a free variation selector
]


@pytest.mark.parametrize(("field", "text"), TESTER_37B)
def test_tester_37bs_hidden_payloads_are_refused_by_every_screen(field, text):
    assert hidden_text(text) is not None, field
    for screen in (pii.refuse_identifiers, pii.refuse_sensitive_data, pii.refuse_personal_data):
        with pytest.raises(ValidationError, match="hidden text"):
            screen(text)
    with pytest.raises(ValidationError, match="hidden text"):
        pii.refuse_identity_codes(text)
    assert any("hidden text" in r for r in short_text_refusals(text))
    # the operator's sweep names it, and masking leaves exactly what a reader sees
    assert HIDDEN_TEXT in kinds_in(text)
    assert masked(text) == without_hidden_text(text) == plain_typography(text)


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_passes_every_screen_and_is_kept(text):
    assert hidden_text(text) is None, [hex(ord(c)) for c in text]
    pii.refuse_identifiers(text)
    pii.refuse_sensitive_data(text)
    pii.refuse_identity_codes(text)
    assert without_hidden_text(text) == text
    assert kinds_in(text) == ()


@pytest.mark.parametrize(
    "text",
    [
        "työ\u00adpaikka" * 2,  # a soft hyphen in a gap is a bit per gap
        "Hyvä\u200bpuhelu",
        "A\ufe0fino",  # an emoji selector after a letter
        "Aino\U000e0100",  # an ideographic selector after a Latin letter
        "Aino\u200d\u200d",  # a joiner run
        "\u200cAino",
        "Hyvä puhelu\u200e",  # a direction mark in text with no right-to-left character
        "محمد\u200f\u200f",  # a run of marks
        "👩\u200d\u200d🍳",
        "❤\ufe0f\ufe0f",
        "Aino\u180b",  # a Mongolian selector after a Latin letter
        "Aino \u034fVirtanen",  # a combining grapheme joiner
    ],
)
def test_an_ignorable_where_it_changes_nothing_seen_is_hidden_text(text):
    assert hidden_text(text) is not None
    kept = without_hidden_text(text)
    assert hidden_text(kept) is None and plain_typography(kept) == plain_typography(text)


_COVERS = [*ORDINARY[:3], "Hitsaaja Tampere Hervanta", "Aino Plakkaraatti"]
_INVISIBLE = [
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\u2061",
    "\u2062",
    "\u2063",
    "\u3164",
    "\uffa0",
    "\u00ad",
]


#: Covers with no ideograph: after an ideograph one selector is its ordinary variant (an IVS), so text of
#: ideographs may carry one per ideograph (the Ideographic Variation Database, which lists the registered
#: pairs, is in no library here).
_LETTER_COVERS = [t for t in _COVERS + ORDINARY if not any("\u4e00" <= c <= "\u9fff" for c in t)]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(_LETTER_COVERS), st.binary(min_size=1, max_size=12))
def test_a_byte_or_nibble_per_letter_in_selectors_is_never_stored_as_typed(cover, payload):
    for hiding in (bytes_as_selectors(cover, payload), nibbles_as_selectors(cover, payload)):
        if hiding == cover:
            continue  # no letter to carry it
        assert hidden_text(hiding) is not None
        with pytest.raises(ValidationError, match="hidden text"):
            pii.refuse_sensitive_data(hiding)
        assert without_hidden_text(hiding) == cover


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(_COVERS),
    st.binary(min_size=1, max_size=8).filter(any),
    st.sampled_from(_INVISIBLE),
    st.sampled_from(_INVISIBLE),
)
def test_a_bit_per_gap_or_per_character_is_never_stored_as_typed(cover, payload, zero, one):
    for hiding in (bits_in_gaps(cover, payload, one), bits_as_run(cover, payload, zero, one)):
        assert hidden_text(hiding) is not None, [hex(ord(c)) for c in hiding]
        with pytest.raises(ValidationError, match="hidden text"):
            pii.refuse_identifiers(hiding)
        assert without_hidden_text(hiding) == cover


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(ORDINARY),
    st.lists(
        st.sampled_from([*_INVISIBLE, "\ufe0f", "\U000e0100", "\u200e", "\u200f"]), min_size=2, max_size=40
    ),
    st.data(),
)
def test_a_run_of_invisible_characters_anywhere_in_ordinary_text_is_refused(cover, run, data):
    at = data.draw(st.integers(0, len(cover)))
    hiding = cover[:at] + "".join(run) + cover[at:]
    assert hidden_text(hiding) is not None
    with pytest.raises(ValidationError, match="hidden text"):
        pii.refuse_sensitive_data(hiding)
    kept = without_hidden_text(hiding)  # what the sweep's --mask keeps shows, and reads as the cover
    assert hidden_text(kept) is None and plain_typography(kept) == plain_typography(cover)
