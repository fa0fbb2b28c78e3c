"""Outside tester 37, K1: every screen reads text as a reader sees it. Every Unicode default-ignorable code
point (``Default_Ignorable_Code_Point``, from the ``regex`` library's Unicode data) is nothing and every decimal
digit of any script (category ``Nd``) is its ASCII digit before a screen looks (``shared.text.plain_typography``,
through ``shared.pii.as_typed`` and ``as_meant``); text a reader cannot see at all (tag characters, a run of
variation selectors) is refused by every screen (``shared.pii.refuse_hidden_text``). Ordinary text of Finnish,
Swedish, Sámi, Arabic and Persian (with its zero-width non-joiner) writers and emoji pass unchanged."""

from __future__ import annotations

import sys

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st
from marshmallow import ValidationError

from services.matching.team.comments import HIDDEN_TEXT, kinds_in, masked
from shared import pii
from shared.schemas import short_text_refusals
from shared.text import digit_value, hidden_text, is_default_ignorable, plain_typography, without_hidden_text

_ALL = "".join(map(chr, range(sys.maxunicode + 1)))
#: Every default-ignorable code point, from Unicode's data (not a hand list).
IGNORABLES = regex.findall(r"\p{Default_Ignorable_Code_Point}", _ALL)
#: The zero of every script's decimal digits (Unicode encodes each script's 0–9 in a row).
ZEROS = [c for c in regex.findall(r"\p{Nd}", _ALL) if digit_value(c) == 0 and c != "0"]


def tags(text: str) -> str:
    """``text`` (ASCII) written in Unicode tag characters: invisible, read by any program."""
    return "".join(chr(0xE0000 + ord(c)) for c in text)


def between(text: str, char: str) -> str:
    """``char`` after every character of ``text`` but the last."""
    return char.join(text)


#: Tester 37's comments (K1), each with the kind a reader sees in it.
K1_COMMENTS = [
    ("Hän on " + between("raskaana", "\ufe0f") + ".", "health_data"),  # variation selector 16
    ("Hän on rask\u2063aana.", "health_data"),  # invisible separator
    ("Puh. \u07c040 123 4567", "phone"),  # NKo digit zero
    ("Soita " + between("0401234567", "\ufe0f"), "phone"),
    ("Hetu " + between("131052-308T", "\ufe0f"), "personal_identity_code"),
    ("Hän on " + between("muslimi", "\u2064"), "religion"),  # invisible plus
    ("Hän on " + between("raskaana", "\u180e"), "health_data"),  # Mongolian vowel separator
    ("Puh. ٠٤٠ ١٢٣ ٤٥٦٧", "phone"),  # Arabic-Indic digits
    ("Puh. ۰۴۰ ۱۲۳ ۴۵۶۷", "phone"),  # extended Arabic-Indic (Persian) digits
    ("Hetu १३१०५२-३०८T", "personal_identity_code"),  # Devanagari digits
    ("Hän on rask\U000e0100aana.", "health_data"),  # a supplementary variation selector
]


def test_the_normaliser_has_unicodes_whole_property_and_every_scripts_digits():
    assert len(IGNORABLES) > 4000 and {"\ufe0f", "\u2063", "\u180e", "\U000e0041", "\U000e0100"} <= set(
        IGNORABLES
    )
    assert len(ZEROS) > 50
    assert plain_typography("".join(IGNORABLES)) == ""
    for zero in ZEROS:
        assert plain_typography("".join(chr(ord(zero) + d) for d in range(10))) == "0123456789", hex(
            ord(zero)
        )
    assert plain_typography("\u07c040 ٣ ４") == "040 3 4"
    assert is_default_ignorable("\u2064") and not is_default_ignorable("a")


@pytest.mark.parametrize(("text", "kind"), K1_COMMENTS)
def test_tester_37s_comments_are_read_as_seen_and_refused(text, kind):
    assert kind in {f.kind for f in pii.find_sensitive_data(text)}
    with pytest.raises(ValidationError, match=kind):
        pii.refuse_sensitive_data(text)
    assert kind in kinds_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hyvä puhelu." + tags(" raskaana, hetu 131052-308T"),
        "Hitsaaja" + tags(" soita 0401234567"),
        "Aino" + tags("131052-308T"),
        "Hyvä puhelu." + tags("x"),  # one invisible letter is hidden text too
        "Kokki 👩‍🍳" + "\ufe00\ufe01\ufe02\ufe03",  # bytes written as variation selectors
    ],
)
def test_hidden_text_is_refused_by_every_screen(text):
    assert hidden_text(text)
    for screen in (
        pii.refuse_identifiers,
        pii.refuse_identity_codes,
        pii.refuse_personal_data,
        pii.refuse_personal_data_in_own_words,
        pii.refuse_sensitive_data,
        pii.refuse_special_categories_in_group_name,
        pii.staff_name_shape,
    ):
        with pytest.raises(ValidationError):
            screen(text)
    assert short_text_refusals(text)  # a catalogue import's titles and ids
    assert HIDDEN_TEXT in kinds_in(text)  # the stored-comment sweep finds it ...
    assert not hidden_text(masked(text))  # ... and its mask removes it


def test_the_sweep_removes_only_the_hidden_text():
    flag = "\U0001f3f4" + tags("gbsct") + "\U000e007f"
    assert without_hidden_text("Hyvä puhelu." + tags(" raskaana") + " " + flag) == "Hyvä puhelu. " + flag


#: Ordinary texts that must pass every screen and be kept exactly as typed.
ORDINARY = [
    "Haastattelu sujui hyvin, jatketaan ensi viikolla.",
    "Bra samtal, vi fortsätter på måndag.",
    "Buorre ságastallan, joatkit boahtte vahkus. Áilu Čárdá, Anár.",
    "كانت المقابلة جيدة، سنتابع الأسبوع القادم.",
    "مصاحبه خوب بود، می\u200cخواهد ادامه دهد.",  # Persian: a zero-width non-joiner in "می‌خواهد"
    "زهرا حسین\u200cزاده",
    "Hyvä fiilis 👍🏽 ❤️ 👩\u200d🍳 👨\u200d👩\u200d👧 🇫🇮 \U0001f3f4" + tags("gbsct") + "\U000e007f",
    "Kokki ✌︎ 葛\U000e0100",  # one variation selector after a character: a glyph's variant
    "Vuoro 7-15, aloitus 1.12.2026",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_of_every_writer_passes_every_screen(text):
    assert hidden_text(text) is None
    for screen in (
        pii.refuse_identifiers,
        pii.refuse_identity_codes,
        pii.refuse_personal_data,
        pii.refuse_sensitive_data,
    ):
        screen(text)
    assert kinds_in(text) == ()
    assert masked(text) == text


#: The ordinary texts without a flag of tag characters (a tag inserted inside one may still spell a flag).
_UNTAGGED = [t for t in ORDINARY if not any(0xE0000 <= ord(c) <= 0xE007F for c in t)]

_REFUSED = [
    ("Hän on raskaana.", "health_data"),
    ("Hän on muslimi.", "religion"),
    ("Soita 040 123 4567 illalla", "phone"),
    ("Hetu 131052-308T", "personal_identity_code"),
    ("Sähköposti aino.virtanen@example.fi", "email"),
]


@st.composite
def disguised(draw: st.DrawFn) -> tuple[str, str]:
    """A refused text with default-ignorables inserted at random places and each ASCII digit written, at
    random, in another script's digits."""
    text, kind = draw(st.sampled_from(_REFUSED))
    out = []
    for ch in text:
        if ch.isdigit() and draw(st.booleans()):
            ch = chr(ord(draw(st.sampled_from(ZEROS))) + int(ch))
        out.append(ch)
        if draw(st.integers(0, 3)) == 0:
            out.append(draw(st.sampled_from([c for c in IGNORABLES if not 0xE0000 <= ord(c) <= 0xE007F])))
    return "".join(out), kind


@settings(max_examples=300, deadline=None)
@given(disguised())
def test_a_refused_text_stays_refused_whatever_invisible_characters_and_digits_it_is_written_with(case):
    text, kind = case
    assert kind in {f.kind for f in pii.find_sensitive_data(text)}, [hex(ord(c)) for c in text]
    with pytest.raises(ValidationError):
        pii.refuse_sensitive_data(text)
    if kind in {"phone", "personal_identity_code", "email"}:
        with pytest.raises(ValidationError):
            pii.refuse_identifiers(text)


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(_UNTAGGED),
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1),
    st.data(),
)
def test_tag_characters_anywhere_in_ordinary_text_are_refused(text, payload, data):
    at = data.draw(st.integers(0, len(text)))
    hiding = text[:at] + tags(payload) + text[at:]
    assert hidden_text(hiding) == "tag characters"
    with pytest.raises(ValidationError, match="hidden text"):
        pii.refuse_sensitive_data(hiding)
    with pytest.raises(ValidationError, match="hidden text"):
        pii.refuse_identifiers(hiding)
