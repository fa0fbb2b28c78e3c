"""Whether the sentence a skill was recognised in offers it as a plus rather than a requirement
("Trukkikortti katsotaan eduksi", "Anniskelupassi on eduksi", "A forklift licence is a plus",
"Truckkort är meriterande"): the same plus and requirement words ``language_requirements`` reads
a language's "required" by (outside tester 16, P3: a suggested skill lost the ad's "eduksi", and
accepting it made it essential)."""

from __future__ import annotations

from services.matching.index.domain.language_requirements import _NEEDED, _PLUS


def said_as_plus(sentence: str | None) -> bool:
    """True when `sentence` (a suggestion's source, as written; None for one kept from before
    sources were) has a plus word and no requirement word: "Trukkikortti katsotaan eduksi." is a
    plus; "Edellytämme hygieniapassia, anniskelupassi on eduksi." names both, and its skills stay
    essential, as before (the sentence cannot tell which clause a skill came from)."""
    if not sentence:
        return False
    return _PLUS.search(sentence) is not None and _NEEDED.search(sentence) is None
