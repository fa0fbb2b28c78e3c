"""What the language tests look for: the Finnish UI text of the catalogues that Swedish and
English pages must not show."""

from __future__ import annotations

import re

from babel.messages.pofile import read_po

from shared.i18n import CATALOGUES

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def strings(lang: str) -> dict[str, str]:
    """msgid → msgstr (singular) of a catalogue."""
    with (CATALOGUES / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        catalogue = read_po(fh, locale=lang)
    return {
        (m.id[0] if isinstance(m.id, tuple) else m.id): (
            m.string[0] if isinstance(m.string, tuple) else m.string
        )
        for m in catalogue
        if m.id
    }


def finnish_only() -> set[str]:
    """The pieces of Finnish UI text (between placeholders, 5+ characters) that the Swedish and
    English catalogues do not also use."""
    fi, sv, en = strings("fi"), strings("sv"), strings("en")
    other = " ".join([*sv.values(), *en.values()])
    pieces = {p.strip(" .,:;()–—/") for text in fi.values() for p in PLACEHOLDER.split(text)}
    return {p for p in pieces if len(p) >= 5 and p not in other}


def visible_text(page: str) -> str:
    page = re.sub(r"<script.*?</script>", " ", page, flags=re.S)
    return re.sub(r"<[^>]+>", " ", page)
