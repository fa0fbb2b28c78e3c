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
#: More variation selectors in a row than one: a character takes at most one, so a run of them is a
#: code, not a glyph ("emoji smuggling" writes bytes as variation selectors after one emoji).
_SELECTOR_RUN = regex.compile(r"\p{Variation_Selector}{2,}")


def hidden_text(text: str) -> str | None:
    """What in ``text`` (any length) carries text a reader cannot see, else None: ``"tag characters"`` for a
    Unicode tag character outside an emoji subdivision flag (``_FLAG_TAG_SEQUENCE``; outside tester 37, K1:
    " raskaana, hetu 131052-308T" written in tags after "Hyvä puhelu." was stored and shown), or
    ``"variation selectors"`` for two or more variation selectors in a row. Other default-ignorables
    (a zero-width joiner in an emoji sequence or a non-joiner in Persian, one variation selector after an
    emoji) are part of ordinary text and are not hidden text."""
    if text.isascii():
        return None
    if _TAG.search(_FLAG_TAG_SEQUENCE.sub("", text)):
        return "tag characters"
    if _SELECTOR_RUN.search(text):
        return "variation selectors"
    return None


def without_hidden_text(text: str) -> str:
    """``text`` (any length) without what ``hidden_text`` finds: tag characters outside emoji subdivision
    flags and runs of two or more variation selectors removed, the flags and everything else as they were."""
    if text.isascii():
        return text
    flags = [m.span() for m in _FLAG_TAG_SEQUENCE.finditer(text)]
    out, at = [], 0
    for start, end in [*flags, (len(text), len(text))]:
        out += [_TAG.sub("", text[at:start]), text[start:end]]
        at = end
    return _SELECTOR_RUN.sub("", "".join(out))


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
