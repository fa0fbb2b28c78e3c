"""Text as people paste it, read as they meant it: HTML character references are their characters,
typographic dashes are a hyphen-minus, invisible characters are nothing, no-break spaces are spaces.

Word and Outlook autocorrect "Mänttä-Vilppula" to "Mänttä–Vilppula" (an en dash), and text copied
from a web page carries zero-width spaces, soft hyphens and no-break spaces (an outside tester's
municipality names). Pure standard library: ``shared.geography`` reads names through it and
``shared.pii`` reads identity codes' century signs with the same dashes.
"""

from __future__ import annotations

import html
import re

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
    return text.translate(_PLAIN)
