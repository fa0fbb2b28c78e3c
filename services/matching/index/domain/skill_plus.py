"""Whether the sentence a skill was recognised in offers it as a plus rather than a requirement
("Trukkikortti katsotaan eduksi", "Anniskelupassi on eduksi", "A forklift licence is a plus",
"Truckkort är meriterande"): the same plus and requirement words ``language_requirements`` reads
a language's "required" by (outside tester 16, P3: a suggested skill lost the ad's "eduksi", and
accepting it made it essential). A sentence naming both ("Edellytämme hygieniapassia, anniskelupassi
on eduksi.") is decided clause by clause (``parts``): the clause that names the skill says which."""

from __future__ import annotations

import re
from dataclasses import dataclass

from services.matching.index.domain.language_requirements import _IF, _NEEDED, _PLUS


def said_as_plus(sentence: str | None) -> bool:
    """True when `sentence` (a suggestion's source, as written; None for one kept from before
    sources were) has a plus word and no requirement word: "Trukkikortti katsotaan eduksi." is a
    plus; "Edellytämme hygieniapassia, anniskelupassi on eduksi." names both, so the sentence alone
    cannot say (its skills are essential here; ``parts`` splits it into the clause that requires and
    the one that offers a plus, for the recogniser to tell which names the skill)."""
    if not sentence:
        return False
    return _PLUS.search(sentence) is not None and _NEEDED.search(sentence) is None


@dataclass(frozen=True, slots=True)
class Parts:
    """A sentence that names both a requirement and a plus, split: ``required`` the text of its
    clauses that require (or name no plus), ``plus`` the text of the clauses that offer a plus, each
    clause as written, joined by ", " (one sentence for the recogniser)."""

    required: str
    plus: str


_SEPARATOR = re.compile(r"(\s*[,;:]\s*|\s+[-–—]\s+|\s+(?:ja|tai|sekä|och|eller|samt|and|or)\s+)", re.I)
_JOIN = re.compile(r"\s+(?:ja|tai|sekä|och|eller|samt|and|or)\s+", re.I)


def parts(sentence: str | None) -> Parts | None:
    """The clauses of `sentence` that require and those that offer a plus, or None when the
    sentence names at most one of the two (``said_as_plus`` decides it whole).

    Clauses are cut at commas, semicolons, colons, spaced dashes and the list words "ja", "tai",
    "sekä", "och", "eller", "samt", "and", "or". A clause with a requirement word requires; one with
    a plus word and none of requirement offers a plus; one with neither (a list item:
    "Edellytämme hygieniapassia ja tulityökorttia, …") is of the clause it is listed with ("ja",
    "och", "and" …), else of a condition it opens ("jos …, se on eduksi"), else of the nearest
    clause before it, else after it."""
    if not sentence or _PLUS.search(sentence) is None or _NEEDED.search(sentence) is None:
        return None
    pieces = _SEPARATOR.split(sentence)
    clauses, joins = pieces[0::2], pieces[1::2]  # joins[k] lies between clauses k and k+1
    cue: list[str | None] = [
        "required" if _NEEDED.search(c) else "plus" if _PLUS.search(c) else None for c in clauses
    ]
    listed = [bool(_JOIN.fullmatch(j)) for j in joins]
    changed = True
    while changed:  # a list goes with the clause it is listed with, through every "ja"
        changed = False
        for k, c in enumerate(cue):
            if c is not None:
                continue
            before = cue[k - 1] if k and listed[k - 1] else None
            after = cue[k + 1] if k + 1 < len(cue) and listed[k] else None
            if before or after:
                cue[k], changed = before or after, True
    for k, c in enumerate(cue):  # a condition goes with the clause after it
        if c is None and _IF.match(clauses[k]) and k + 1 < len(cue):
            cue[k] = next((x for x in cue[k + 1 :] if x), None)
    for k, c in enumerate(cue):
        if c is None:
            cue[k] = next((x for x in reversed(cue[:k]) if x), None) or next(
                (x for x in cue[k + 1 :] if x), None
            )
    required = ", ".join(c.strip() for c, x in zip(clauses, cue, strict=True) if x != "plus" and c.strip())
    plus = ", ".join(c.strip() for c, x in zip(clauses, cue, strict=True) if x == "plus" and c.strip())
    if not plus or not required:
        return None
    return Parts(required, plus)
