"""Text as people paste it, read as they meant it: HTML character references are their characters,
typographic dashes are a hyphen-minus, invisible characters are nothing, no-break spaces are spaces.

Every Unicode default-ignorable code point is nothing and every decimal digit of any script is its ASCII
digit when text is read (``plain_typography``): a reader sees "raskaana" in "r\ufe0fa\ufe0fskaana" and 040
in "\u07c040", so every screen must read them so (outside tester 37, K1). Unicode's own property
(``Default_Ignorable_Code_Point``, DerivedCoreProperties.txt, and general category ``Nd``) comes from the
``regex`` library's Unicode data (Apache-2.0 AND CNRI-Python), not a hand list; the standard library's
``unicodedata`` has no such property and an older Unicode version.

Word and Outlook autocorrect "Mänttä-Vilppula" to "Mänttä–Vilppula" (an en dash), and text copied
from a web page carries zero-width spaces, soft hyphens and no-break spaces (an outside tester's
municipality names). Pure standard library: ``shared.geography`` reads names through it and
``shared.pii`` reads identity codes' century signs with the same dashes.
"""

from __future__ import annotations

import html
import itertools
import re
import unicodedata

import regex

#: Dashes read as "-": hyphen, non-breaking hyphen, figure dash, en dash, em dash, minus sign.
TYPOGRAPHIC_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212"
#: Characters that show nothing and are dropped: soft hyphen, zero-width space, non-joiner and joiner,
#: left-to-right and right-to-left marks, word joiner, byte-order mark (zero-width no-break space).
INVISIBLE = "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"
#: Spaces read as " ": no-break space, figure space, narrow no-break space.
NO_BREAK_SPACES = "\u00a0\u2007\u202f"

_PLAIN = str.maketrans(
    {
        **dict.fromkeys(TYPOGRAPHIC_DASHES, "-"),
        **dict.fromkeys(INVISIBLE),
        **dict.fromkeys(NO_BREAK_SPACES, " "),
    }
)


#: An HTML character reference written in full, with its semicolon ("&auml;", "&#228;", "&nbsp;");
#: "R&D" is none. Matching's recognition reads free text with the same rule.
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def plain_typography(text: str) -> str:
    """``text`` with HTML character references as their characters (standard library
    ``html.unescape``: "Pieks&auml;m&auml;ki" → "Pieksämäki", "&nbsp;" a space; outside tester 18,
    P3/P4: a field copied from a web editor), typographic dashes as "-", invisible characters
    removed and no-break spaces as spaces: ``"Mänttä–Vilppula"`` → ``"Mänttä-Vilppula"``,
    ``"Helsinki\\u200b"`` → ``"Helsinki"``."""
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group()), text)
    if not text.isascii():
        text = _IGNORABLE_OR_DIGIT.sub(_as_read, text)
    return text.translate(_PLAIN)


#: A default-ignorable code point (Unicode's ``Default_Ignorable_Code_Point``: variation selectors
#: U+FE00–FE0F and U+E0100–E01EF, invisible operators U+2061–2064, U+180E, the tag characters
#: U+E0000–E007F, Hangul fillers, zero-width and direction marks, and the code points Unicode reserves as
#: such) or a decimal digit (category ``Nd``) other than ASCII's, from the ``regex`` library's Unicode data.
_IGNORABLE_OR_DIGIT = regex.compile(r"(?![0-9])[\p{Default_Ignorable_Code_Point}\p{Nd}]")
#: ``Numeric_Value`` 0…9 (for digits newer than the standard library's ``unicodedata``).
_DIGIT_VALUES = [regex.compile(rf"\p{{Numeric_Value={d}}}") for d in range(10)]


def digit_value(char: str) -> int | None:
    """The value 0–9 of ``char`` (one character) when it is a decimal digit of any script (category ``Nd``:
    NKo ``߀`` 0, Arabic-Indic ``٣`` 3, Devanagari ``७`` 7, fullwidth ``４`` 4), else None."""
    value = unicodedata.decimal(char, None)
    if value is None and regex.match(r"\p{Nd}", char):
        value = next((d for d, pattern in enumerate(_DIGIT_VALUES) if pattern.match(char)), None)
    return value


def _as_read(m: regex.Match[str]) -> str:
    """A match of ``_IGNORABLE_OR_DIGIT`` as a reader takes it: a digit as its ASCII digit, an ignorable as
    nothing."""
    value = digit_value(m.group())
    return "" if value is None else str(value)


def is_default_ignorable(char: str) -> bool:
    """Whether ``char`` (one character) is a Unicode ``Default_Ignorable_Code_Point`` (``regex``'s data)."""
    return bool(_DEFAULT_IGNORABLE.match(char))


_DEFAULT_IGNORABLE = regex.compile(r"\p{Default_Ignorable_Code_Point}")


#: A Unicode tag character (U+E0000–E007F): each one is an invisible copy of an ASCII character
#: (U+E0041 is an invisible "A"), so a run of them is a whole text nobody sees but any program reads.
_TAG = re.compile("[\U000e0000-\U000e007f]")
#: An emoji tag sequence for a subdivision flag (Unicode UTS #51, ED-14a; "England" is U+1F3F4, the tags
#: "gbeng" and U+E007F CANCEL TAG): the one use of tag characters in text, kept where it is whole.
_FLAG_TAG_SEQUENCE = re.compile("\U0001f3f4[\U000e0030-\U000e0039\U000e0061-\U000e007a]{3,6}\U000e007f")
#: Where a default-ignorable code point may stand because it changes what a reader sees (outside tester
#: 37b, L1: one variation selector after each Latin letter carried a byte per letter, and a run of zero-width
#: characters a bit per character, past every screen). All from Unicode's data through the ``regex`` library:
#: emoji (``Emoji``, ``Extended_Pictographic``, ``Emoji_Modifier``; UTS #51), ideographs (``Ideographic``, the
#: Ideographic Variation Database's bases), joining scripts (``Joining_Type`` Dual/Right/Left/Join_Causing:
#: Arabic, Syriac, N'Ko, Mongolian, …; ArabicShaping.txt), Brahmic scripts (any ``Indic_Syllabic_Category``
#: but Other: Devanagari, Tamil, Sinhala, …), right-to-left text (``Bidi_Class`` R or AL).
_EMOJI = regex.compile(r"\p{Emoji}")
_PICTOGRAPH = regex.compile(r"\p{Extended_Pictographic}")
_EMOJI_MODIFIER = regex.compile(r"\p{Emoji_Modifier}")
_IDEOGRAPH = regex.compile(r"\p{Ideographic}")
#: The other bases of StandardizedVariants.txt's selectors VS1–VS14: mathematical symbols, Myanmar, Phags-pa.
_STANDARDIZED_BASE = regex.compile(r"[\p{Sm}\p{Script=Myanmar}\p{Script=Phags_Pa}]")
_JOINING = regex.compile(r"\p{Joining_Type=D}|\p{Joining_Type=R}|\p{Joining_Type=L}|\p{Joining_Type=C}")
_INDIC = regex.compile(r"\P{Indic_Syllabic_Category=Other}")
_MONGOLIAN = regex.compile(r"\p{Script=Mongolian}")
_RIGHT_TO_LEFT = regex.compile(
    r"(?!\p{Default_Ignorable_Code_Point})[\p{Bidi_Class=R}\p{Bidi_Class=AL}]"
)  # not RLM
_BIDI_CONTROL = regex.compile(r"\p{Bidi_Control}")
_VARIATION_SELECTOR = regex.compile(r"\p{Variation_Selector}")
_ZWJ, _ZWNJ, _VS15, _VS16 = "\u200d", "\u200c", "\ufe0e", "\ufe0f"
#: Mongolian free variation selectors FVS1–FVS4 and the vowel separator.
_MONGOLIAN_FORMAT = "\u180b\u180c\u180d\u180e\u180f"


def _base(text: str, at: int, step: int) -> str:
    """The character next to ``text[at]`` in direction ``step`` (-1 before, +1 after), past combining marks
    (Mn, Me: an Arabic vowel sign, a Devanagari vowel sign), "" at either end."""
    at += step
    while (
        0 <= at < len(text)
        and unicodedata.category(text[at]) in _MARKS
        and not is_default_ignorable(text[at])
    ):
        at += step
    return text[at] if 0 <= at < len(text) else ""


def _shows(text: str, at: int, right_to_left: bool) -> bool:
    """Whether the default-ignorable ``text[at]`` changes what a reader sees where it stands (module rule,
    ``hidden_text``): one joiner in a joining script, a Brahmic script or an emoji ZWJ sequence, one
    variation selector after a character that has such variants, a bidi mark in right-to-left text."""
    char = text[at]
    before = text[at - 1] if at else ""
    after = text[at + 1] if at + 1 < len(text) else ""
    if _BIDI_CONTROL.match(char):  # a mark or an isolate may open or close the text, but not in a run
        return right_to_left and not (before and is_default_ignorable(before))
    if not before or (is_default_ignorable(before) and not (before == _VS16 and char == _ZWJ)):
        return False  # at the start, or in a run (one exception: VS16 then ZWJ inside an emoji sequence)
    if after and is_default_ignorable(after) and not (char == _VS16 and after == _ZWJ):
        return False  # in a run
    if char in (_ZWJ, _ZWNJ):
        if char == _ZWJ and after and _PICTOGRAPH.match(after):
            emoji = text[at - 2] if before == _VS16 and at >= 2 else before
            if (
                _PICTOGRAPH.match(emoji)
                or _EMOJI_MODIFIER.match(emoji)
                or (_EMOJI.match(emoji) and before == _VS16)
            ):
                return True
        if _INDIC.match(before):  # after a virama or a consonant: क्‍ष, ശ്‍, ශ්‍රී
            return True
        return any(c and _JOINING.match(c) for c in (_base(text, at, -1), _base(text, at, 1)))
    if char in (_VS15, _VS16):
        return bool(_EMOJI.match(before))
    if "\U000e0100" <= char <= "\U000e01ef":
        return bool(_IDEOGRAPH.match(before))
    if char in _MONGOLIAN_FORMAT:
        return bool(_MONGOLIAN.match(before))
    if _VARIATION_SELECTOR.match(char):  # VS1–VS14
        return bool(_IDEOGRAPH.match(before) or _STANDARDIZED_BASE.match(before))
    return False


def _hidden_at(text: str) -> list[int]:
    """The positions in ``text`` of default-ignorable code points that change nothing a reader sees
    (``hidden_text``), tag characters outside an emoji subdivision flag included."""
    flags = [range(*m.span()) for m in _FLAG_TAG_SEQUENCE.finditer(text)]
    right_to_left = bool(_RIGHT_TO_LEFT.search(text))
    hidden = []
    for m in _DEFAULT_IGNORABLE.finditer(text):
        at = m.start()
        if _TAG.match(text[at]):
            if not any(at in flag for flag in flags):
                hidden.append(at)
        elif not _shows(text, at, right_to_left):
            hidden.append(at)
    return hidden


def hidden_text(text: str) -> str | None:
    """What in ``text`` (any length) carries text a reader cannot see, else None: ``"tag characters"`` for a
    Unicode tag character outside an emoji subdivision flag (``_FLAG_TAG_SEQUENCE``; outside tester 37, K1:
    " raskaana, hetu 131052-308T" written in tags after "Hyvä puhelu." was stored and shown),
    ``"variation selectors"`` for a variation selector where it selects nothing (outside tester 37b, L1: one
    VS17–VS256 after each letter is a byte per letter), ``"invisible characters"`` for any other
    default-ignorable code point where it changes nothing a reader sees (a run of zero-width joiners, spaces,
    invisible operators or Hangul fillers is a bit per character; so is a zero-width space in each gap).

    A default-ignorable code point shows, and is ordinary text, only (``_shows``): a ZWJ or ZWNJ singly next to
    a letter of a joining script (Arabic, Persian ``می‌خواهد``, Syriac, N'Ko, Mongolian) or of a Brahmic one
    (Hindi ``क्‍ष``, Tamil, Sinhala), or a ZWJ between emoji (👩‍🍳, ❤️‍🔥); VS15/VS16 singly after an emoji
    (❤️, 1️⃣; VS16 then ZWJ inside a sequence); an ideographic variation selector (or VS1–VS14) singly after
    an ideograph (VS1–VS14 also after a mathematical symbol, a Myanmar or Phags-pa letter); a Mongolian free
    variation selector or vowel separator after a Mongolian letter; a bidi mark or isolate in text that has
    right-to-left characters (Arabic with an RLM); tag characters inside an emoji subdivision flag. Anything
    else (a soft hyphen, a zero-width space, a word joiner, a byte-order mark inside text) is hidden text."""
    if text.isascii():
        return None
    hidden = [text[at] for at in _hidden_at(text)]
    if not hidden:
        return None
    if any(_TAG.match(char) for char in hidden):
        return "tag characters"  # the most telling kind first: whole invisible text
    if any(_VARIATION_SELECTOR.match(char) for char in hidden):
        return "variation selectors"
    return "invisible characters"


def without_hidden_text(text: str) -> str:
    """``text`` (any length) without what ``hidden_text`` finds: every default-ignorable code point that changes
    nothing a reader sees removed (tag characters outside emoji subdivision flags, selectors after letters,
    zero-width runs), the flags, joiners and selectors that show and everything else as they were: what a reader
    sees is the same before and after, and ``hidden_text`` finds nothing in the result. Each default-ignorable
    is judged against what is kept before it and the next character that shows, so a Persian ZWNJ stays when
    a selector hidden before it goes."""
    if text.isascii():
        return text
    flags = {m.start(): m.end() for m in _FLAG_TAG_SEQUENCE.finditer(text)}
    right_to_left = bool(_RIGHT_TO_LEFT.search(text))
    out: list[str] = []
    at = 0
    while at < len(text):
        if at in flags:
            out.append(text[at : flags[at]])
            at = flags[at]
            continue
        char = text[at]
        if is_default_ignorable(char) and not _TAG.match(char):
            shows = at + 1
            while shows < len(text) and shows not in flags and is_default_ignorable(text[shows]):
                shows += 1
            kept = "".join(out[-8:])
            probe = kept + char + text[shows : shows + 1]
            if _shows(probe, len(kept), right_to_left):
                out.append(char)
        elif not _TAG.match(char):
            out.append(char)
        at += 1
    return "".join(out)


#: Most combining marks one character may carry in a row (Unicode Technical Standard #39, "Unicode Security
#: Mechanisms", 5.4 Optional Detection: "Forbid sequences of more than 4 nonspacing marks (gc=Mn or gc=Me)").
#: Written text needs far fewer: Vietnamese at most 2 ("ệ" decomposed: e, dot below, circumflex), Sámi and
#: Finnish 1, Thai and Devanagari 2–3; a "Zalgo" text stacks dozens (outside tester 36, H10: "Z" and 150 × U+0336).
MAX_STACKED_MARKS = 4


def stacked_marks(text: str) -> tuple[str, int] | None:
    """The first character of ``text`` that carries too many combining marks, as ``(character, marks)``, else
    None. Read decomposed (NFD, so "ệ" is "e" and two marks, and "é" with a second acute is "e" and two acutes):
    a run of more than ``MAX_STACKED_MARKS`` nonspacing or enclosing marks (Unicode categories Mn, Me) after
    one character, or the same mark twice in a row (both UTS #39, 5.4). ``character`` is the one the marks
    stand on ("" for marks at the start of ``text``); ``marks`` is how many follow it. A variation selector
    (Mn) counts as a mark: an emoji has one. Standard library ``unicodedata`` only."""
    decomposed = unicodedata.normalize("NFD", text)
    base, run, previous = "", 0, ""
    for at, char in enumerate(decomposed):
        if unicodedata.category(char) in _MARKS:
            run += 1
            if run > MAX_STACKED_MARKS or char == previous:
                rest = itertools.takewhile(lambda c: unicodedata.category(c) in _MARKS, decomposed[at:])
                return base, run - 1 + sum(1 for _ in rest)
            previous = char
        else:
            base, run, previous = char, 0, ""
    return None


_MARKS = ("Mn", "Me")
