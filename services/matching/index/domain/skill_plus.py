"""Whether the sentence a skill was recognised in offers it as a plus rather than a requirement
("Trukkikortti katsotaan eduksi", "Anniskelupassi on eduksi", "A forklift licence is a plus",
"Truckkort är meriterande"): the same plus and requirement words ``language_requirements`` reads
a language's "required" by (outside tester 16, P3: a suggested skill lost the ad's "eduksi", and
accepting it made it essential). A sentence naming both ("Edellytämme hygieniapassia, anniskelupassi
on eduksi.") is decided clause by clause (``parts``): the clause that names the skill says which."""

from __future__ import annotations

import re
from dataclasses import dataclass

from services.matching.index.domain.language_requirements import _IF, _NEEDED, _PLUS, _READY
from services.matching.index.domain.model import VacancySkill


def asked_as_essential(skill: VacancySkill) -> bool:
    """Whether the vacancy asks for `skill` as essential, as `GET /vacancies/<id>/skills` shows it:
    the employer's own skill by its `essential` flag; a suggestion (read in the ad's text, not yet
    confirmed) unless the ad offers it as a plus (`VacancySkill.plus`, decided on the clause naming
    it; None: `said_as_plus` on its sentence). The one split of essential and optional that the
    vacancy's skills, the explanation, the shortlist's counts and the meeting page show (outside
    tester 38, M1: a suggestion the ad requires, "voimassa olevaa lääkehoitolupaa", read
    `essential: true` in `/skills` and sat under the explanation's `matched_optional`)."""
    if not skill.suggested:
        return skill.essential
    return not (skill.plus if skill.plus is not None else said_as_plus(skill.source))


def said_as_plus(sentence: str | None) -> bool:
    """True when `sentence` (a suggestion's source, as written; None for one kept from before
    sources were) has a plus word and no requirement word: "Trukkikortti katsotaan eduksi." is a
    plus; "Edellytämme hygieniapassia, anniskelupassi on eduksi." names both, so the sentence alone
    cannot say (its skills are essential here; ``parts`` splits it into the clause that requires and
    the one that offers a plus, for the recogniser to tell which names the skill). A sentence whose
    every clause offers a plus once a requirement one may meet later counts as one ("Vi kräver körkort
    B eller beredskap att avlägga det", "Edellytämme B-ajokorttia tai valmiutta hankkia se") is a
    plus: its requirement word asks for the licence or the readiness, so not for the licence."""
    if not sentence or _PLUS.search(sentence) is None:
        return False
    if _NEEDED.search(sentence) is None:
        return True
    # "Vi kräver körkort B eller beredskap att avlägga det": the requirement word is in the clause
    # that one may meet later, so the sentence requires nothing (session 33's open item)
    clauses, offered = _offered(sentence)
    return all(o for c, o in zip(clauses, offered, strict=True) if c.strip())


@dataclass(frozen=True, slots=True)
class Parts:
    """A sentence that names both a requirement and a plus, split: ``required`` the text of its
    clauses that require (or name no plus), ``plus`` the text of the clauses that offer a plus, each
    clause as written, joined by ", " (one sentence for the recogniser)."""

    required: str
    plus: str


_SEPARATOR = re.compile(r"(\s*[,;:]\s*|\s+[-–—]\s+|\s+(?:ja|tai|sekä|och|eller|samt|and|or)\s+)", re.I)
_JOIN = re.compile(r"\s+(?:ja|tai|sekä|och|eller|samt|and|or)\s+", re.I)
_OR = re.compile(r"\s+(?:tai|eller|or)\s+", re.I)
_READY_START = re.compile(r"\s*(?:\w+\s+){0,3}?" + _READY + r"\b", re.I)


def parts(sentence: str | None) -> Parts | None:
    """The clauses of `sentence` that require and those that offer a plus, or None when the
    sentence names at most one of the two (``said_as_plus`` decides it whole).

    Clauses are cut at commas, semicolons, colons, spaced dashes and the list words "ja", "tai",
    "sekä", "och", "eller", "samt", "and", "or". A clause with a requirement word requires; one with
    a plus word and none of requirement offers a plus; one with neither (a list item:
    "Edellytämme hygieniapassia ja tulityökorttia, …") is of the clause it is listed with ("ja",
    "och", "and" …), else of a condition it opens ("jos …, se on eduksi"), else of the nearest
    clause before it, else after it. A clause the word "tai", "eller" or "or" joins to one that says
    one is ready to meet it later ("körkort B eller beredskap att avlägga det", "B-ajokortti tai
    valmius hankkia se"; `_READY`) offers a plus, as that one does (outside tester 32)."""
    if not sentence or _PLUS.search(sentence) is None or _NEEDED.search(sentence) is None:
        return None
    clauses, offered = _offered(sentence)
    required = ", ".join(c.strip() for c, o in zip(clauses, offered, strict=True) if not o and c.strip())
    plus = ", ".join(c.strip() for c, o in zip(clauses, offered, strict=True) if o and c.strip())
    if not plus or not required:
        return None
    return Parts(required, plus)


def _offered(sentence: str) -> tuple[list[str], list[bool]]:
    """`sentence`'s clauses as ``parts`` cuts them, and whether each offers a plus (the cue rules of
    ``parts``)."""
    pieces = _SEPARATOR.split(sentence)
    clauses, joins = pieces[0::2], pieces[1::2]  # joins[k] lies between clauses k and k+1
    cue: list[str | None] = [
        "required" if _NEEDED.search(c) else "plus" if _PLUS.search(c) else None for c in clauses
    ]
    listed = [bool(_JOIN.fullmatch(j)) for j in joins]
    for k in range(1, len(clauses)):  # "körkort B eller beredskap att avlägga det": both a plus
        if _OR.fullmatch(joins[k - 1]) and _READY_START.match(clauses[k]):
            cue[k] = cue[k - 1] = "ready"  # (a plus that lends its cue to no other clause)
    changed = True
    while changed:  # a list goes with the clause it is listed with, through every "ja"
        changed = False
        for k, c in enumerate(cue):
            if c is not None:
                continue
            before = cue[k - 1] if k and listed[k - 1] and cue[k - 1] != "ready" else None
            after = cue[k + 1] if k + 1 < len(cue) and listed[k] and cue[k + 1] != "ready" else None
            if before or after:
                cue[k], changed = before or after, True
    for k, c in enumerate(cue):  # a condition goes with the clause after it
        if c is None and _IF.match(clauses[k]) and k + 1 < len(cue):
            cue[k] = next((x for x in cue[k + 1 :] if x and x != "ready"), None)
    for k, c in enumerate(cue):
        if c is None:
            cue[k] = next((x for x in reversed(cue[:k]) if x and x != "ready"), None) or next(
                (x for x in cue[k + 1 :] if x and x != "ready"), None
            )
    return clauses, [x in ("plus", "ready") for x in cue]


_BULLET = " \t-*•·▪◦●■–—"
_SECTION_WORDS = 6
"""A paragraph after a blank line that starts with no bullet and has at least this many words starts
a section of its own (a plus heading's list ends there); a shorter one is an item of an HTML list,
which `readable` writes as paragraphs without bullets."""


def _opens_plus(heading: str) -> bool:
    """Whether `heading` (a line ending in a colon) opens a list of pluses: a plus word in it and no
    requirement word after the last plus word ("Eduksi katsotaan:", "Nice to have:", "Som merit
    räknas:", "Ei välttämätön, mutta eduksi:"; not "Vaatimukset:" or "Edellytämme:")."""
    pluses = [m.end() for m in _PLUS.finditer(heading)]
    if not pluses:
        return False
    return not any(m.start() >= pluses[-1] for m in _NEEDED.finditer(heading))


def plus_listed(text: str) -> frozenset[str]:
    """The sentences of `text` (as `sentences` writes them, spacing collapsed) that are items of a list
    under a plus heading alone on its line ("Eduksi katsotaan:", "Lisäksi arvostamme:", "Plussaa:",
    "Valttia on:", "Som merit räknas:", "Meriterande:", "Nice to have:", "Bonus points for:") and
    say no requirement of their own (`_NEEDED`). The heading's scope lasts until the next heading (any
    line ending in a colon: "Edellytämme:", "Vi förutsätter:", "Requirements:", "Tarjoamme:") or a
    blank-line section start (a paragraph with no bullet of `_SECTION_WORDS` words or more, or after
    two blank lines once an item was read: the end of an HTML list).

    Outside tester 19, P1: "Eduksi katsotaan:\\n- trukkikortti\\n- B-ajokortti" was suggested as
    essential in fi, sv and en, since each item's own line has no plus word; the same items in one
    sentence ("Eduksi katsotaan: trukkikortti ja B-ajokortti.") were a plus. `text` as `readable`
    gives it (markup dropped)."""
    from services.kernel.sentences import sentences  # (the kernel's splitter, as recognition's)

    out: set[str] = set()
    scope = False
    blanks = 0
    items = 0  # lines read under the heading
    for raw in text.split("\n"):
        line = raw.strip(_BULLET)
        if not line:
            blanks += 1
            continue
        bulleted = raw.strip()[:1] in set(_BULLET.strip())
        # (`readable` ends an HTML list with two blank lines and parts its items with one)
        new_section = (
            bool(blanks) and not bulleted and (len(line.split()) >= _SECTION_WORDS or (blanks > 1 and items))
        )
        blanks = 0
        if line.rstrip().endswith(":"):
            scope, items = _opens_plus(line), 0
            continue
        if new_section:
            scope = False
        items += 1
        if scope:
            out.update(" ".join(s.split()) for s in sentences(line) if _NEEDED.search(s) is None)
    return frozenset(out)


def is_listed(source: str | None, listed: frozenset[str]) -> bool:
    """Whether `source` (a suggestion's sentence, `RecognisedSkill.source`; cut with "…" when long)
    is one of `listed` (`plus_listed`)."""
    if not source or not listed:
        return False
    said = " ".join(source.split())
    if said in listed:
        return True
    if said.endswith("…"):
        return any(s.startswith(said[:-1].rstrip()) for s in listed)
    return False
