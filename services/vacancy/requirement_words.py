"""Which requirements a job ad's own words name that the employer has not confirmed: the vacancy
service tells the employer, in the answer to the post or change, that they are suggestions only
(outside tester 23, T5: a text-only practical-nurse ad asked for Finnish and a driving licence;
recognition suggested both, they neither filtered nor counted in the score, and the answer said
nothing of it).

This is a light, conservative reading of the vacancy service's own (pure: standard library and the kernel's
sentence split; matching's recogniser is another service's, reached only through events):
the languages Finnish, Swedish and English, and driving licences and the common Finnish work cards
named in a clause that does not say they are not needed. Which languages a clause requires, waives or
counts only as a plus is the rule matching suggests them by, from the shared kernel
(`services.kernel.language_clauses`; outside tester 35, F2: a sentence that required one language and
waived another named neither, and a plus was named as a requirement). The matching service's recogniser reads
the text fully (levels, choices, pluses, ESCO skills) and lists what it suggests at
`GET /api/v1/vacancies/<id>/skills`; this only lets the vacancy service name the likeliest of those
at once, without waiting for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from services.kernel.language_clauses import read_requirements, said_without
from services.kernel.language_names import name_table
from services.kernel.negation import LITOTES, negated_spans
from services.kernel.sentences import sentences, within_reach

_KNOWING = r"\s*(?:kiel|taito|tuntemus|osaami)"

LANGUAGE_WORDS: dict[str, re.Pattern[str]] = {
    # Finnish names in the cases ads use ("suomea", "suomeksi", "suomen kielen taito": a genitive
    # only before "kieli", "taito", "tuntemus", "osaaminen", as "Suomen" is also the country's),
    # Swedish and English names ("finska", "Finnish"); a country's adjective before a licence,
    # passport, market or citizenship names no language (`NOT_A_LANGUAGE_AFTER`)
    "fi": re.compile(
        rf"\b(?:suomi\b|suomea\b|suomeksi\b|suomen(?={_KNOWING})|finnish\b|finska\b|finsk\b)", re.I
    ),
    "sv": re.compile(
        rf"\b(?:ruotsi\b|ruotsia\b|ruotsiksi\b|ruotsin(?={_KNOWING})|swedish\b|svenska\b|svensk\b)", re.I
    ),
    "en": re.compile(
        rf"\b(?:englanti\b|englantia\b|englanniksi\b|englannin(?={_KNOWING})|english\b|engelska\b)", re.I
    ),
}
"""A language's name in a sentence of a Finnish, Swedish or English ad."""

NOT_A_LANGUAGE_AFTER = re.compile(
    r"\s+(?:driving\s+|hygiene\s+|work\s+)?"
    r"(?:licen[cs]e|passport|citizenship|market|markets|company|companies|degree|"
    r"ajokortti|kansalaisuus|markkin\w*|hygieniapass\w*|körkort|medborgarskap|marknad\w*|"
    r"hygienpass|examen|tutkinto)",
    re.I,
)
"""What after a language's name makes it a country's adjective ("Finnish driving licence",
"Valid Finnish hygiene passport", "finskt körkort"), not a language."""

LICENCE_WORDS = re.compile(
    r"ajokort\w*|ajo-oikeu\w*|körkort\w*|driving\s+licen[cs]e|driver'?s\s+licen[cs]e|"
    r"\b[bcde]1?e?-(?:licen[cs]e|kortti|körkort)",
    re.I,
)
"""A driving licence of any class."""

CARD_NAMES: tuple[tuple[re.Pattern[str], str | None], ...] = tuple(
    (re.compile(pattern, re.I), name)
    for pattern, name in (
        (r"hygieniapass\w*", "hygieniapassi"),
        (r"hygienpass\w*", "hygienpass"),
        (r"hygiene\s+passport", None),
        (r"työturvallisuuskort\w*", "työturvallisuuskortti"),
        (r"arbetarskyddskort\w*", "arbetarskyddskort"),
        (r"occupational\s+safety\s+card", None),
        (r"tulityökort\w*", "tulityökortti"),
        (r"heta\s+arbeten", None),
        (r"hot\s+work\s+(?:card|licen[cs]e)", None),
        (r"anniskelupass\w*", "anniskelupassi"),
        (r"serveringspass\w*", "serveringspass"),
        (r"trukkikort\w*", "trukkikortti"),
        (r"truckkort\w*", "truckkort"),
        (r"forklift\s+licen[cs]e", None),
    )
)
"""The Finnish work cards and passes ads ask for (hygiene passport, occupational safety card, hot
work card, alcohol-serving pass, forklift card) in Finnish, Swedish and English, each with the
card's name in its base form (None: the words as written, which English and "heta arbeten" do not
inflect). An ad writes them in any case ("trukkikorttia", "hygienpasset"); the employer's warning
names the card, "trukkikortti" (outside tester 32, F14)."""

CARD_WORDS = re.compile("|".join(p.pattern for p, _ in CARD_NAMES), re.I)
"""Any of `CARD_NAMES`."""


def card_name(written: str) -> str:
    """The base form (str, lower case) of a card's name as an ad writes it (a match of
    `CARD_WORDS`: "Trukkikorttia" → "trukkikortti", "hygienpasset" → "hygienpass"); the words as
    written, in lower case and single-spaced, when they do not inflect ("hot work licence")."""
    for pattern, name in CARD_NAMES:
        if pattern.fullmatch(written):
            return name or " ".join(written.lower().split())
    return " ".join(written.lower().split())


LANGUAGE_SKILL_LABEL = re.compile(
    r"(?:understand (?:written|spoken) |write |interact verbally in |speak )?([A-Z][a-z]+)"
)
"""ESCO's English label of a language skill ("Finnish", "speak Swedish", "understand written
Russian"): what an employer accepts or turns down (`skills`, `rejected_skills`) to confirm or clear a
language the text names (outside tester 35, F2)."""


def language_of_skill(label: str) -> str | None:
    """The ISO 639 code ("fi", "ru") of the ESCO language skill whose English `label` this is
    (`LANGUAGE_SKILL_LABEL`, a name of `services.kernel.language_names`), else None."""
    m = LANGUAGE_SKILL_LABEL.fullmatch(label)
    return name_table().english.get(m.group(1)) if m else None


@dataclass(frozen=True, slots=True)
class NamedRequirements:
    """What an ad's words name: `languages` it requires and `optional_languages` it counts only as
    a plus ("finska är en merit", "Swedish is a plus"; ISO 639 codes as profiles store them, each in
    the order fi, sv, en, then the others as the text first names them; a language in one of them only), whether a driving licence (`licence`) and which work cards
    (`cards`, each named once in its base form, lower case: `card_name`) are named."""

    languages: tuple[str, ...] = ()
    licence: bool = False
    cards: tuple[str, ...] = ()
    optional_languages: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.languages or self.licence or self.cards or self.optional_languages)


def _language_names(sentence: str, cued: bool) -> list[tuple[str, int, int]]:
    """(code, start, end) of each language `sentence` names, in order: the names the kernel's clause
    rule reads (`language_clauses.Mentions`). Finnish, Swedish and English by `LANGUAGE_WORDS` (not a
    country's adjective: `NOT_A_LANGUAGE_AFTER`), with or without a word about language; every other
    language a person can name (`services.kernel.language_names.name_table`: "venäjän kielen taito",
    "talar ryska", "Fluent Russian") beside a word about language, or under a requirement heading
    (`cued`)."""
    found = [
        (code, m.start(), m.end())
        for code, pattern in LANGUAGE_WORDS.items()
        for m in pattern.finditer(sentence)
        if not NOT_A_LANGUAGE_AFTER.match(sentence, m.end())
    ]
    taken = {start for _, start, _ in found}
    found += [
        (code, start, end)
        for code, start, end in name_table(_OWN_NAMES).mentions(sentence, cued=cued)
        if start not in taken and not NOT_A_LANGUAGE_AFTER.match(sentence, end)
    ]
    return sorted(found, key=lambda x: x[1])


_OWN_NAMES = frozenset(LANGUAGE_WORDS)
"""The languages `LANGUAGE_WORDS` names (fi, sv, en), left out of the kernel's table of the others."""


def _waived(sentence: str, at: int) -> bool:
    """Whether the word at offset `at` of `sentence` is in a clause saying it is not needed or
    lacking (the kernel's `negated_spans`, as matching reads skills; a litotes, "ei haittaa", is no
    waiver), or after "ilman", "without", "utan" (`said_without`)."""
    if said_without(sentence, at):
        return True
    litotes = [(m.start(), m.end()) for m in LITOTES.finditer(sentence)]
    return any(s <= at < e and not any(a <= s < b for a, b in litotes) for s, e in negated_spans(sentence))


def named_requirements(texts: Iterable[str]) -> NamedRequirements:
    """The languages (Finnish, Swedish, English), driving licence and work cards that `texts` (a
    vacancy's title and description, any of Finnish, Swedish, English) name, read clause by clause:
    the languages by the rule matching suggests them by (`services.kernel.language_clauses`: a
    language waived in its clause is not named, "Fluent English required; Finnish is not required"
    names English; one counted only as a plus is optional), a licence or card unless its clause
    waives it (`_waived`); a country's adjective names no language (`NOT_A_LANGUAGE_AFTER`).
    Never raises; empty texts name nothing."""
    texts = [t for t in texts if t]
    order = {"fi": 0, "sv": 1, "en": 2}
    found: dict[str, bool] = {}  # code: required (once any text requires it)
    for text in texts:
        for r in read_requirements(text, _language_names):
            found[r.code] = found.get(r.code, False) or r.required
            for other in r.alternatives:  # "suomi tai ruotsi": each is named, the choice is the employer's
                found.setdefault(other, r.required)
    licence = False
    cards: list[str] = []
    for text in texts:
        for sentence in map(within_reach, sentences(text)):  # (tester 36b, J1)
            licence = licence or any(
                not _waived(sentence, m.start()) for m in LICENCE_WORDS.finditer(sentence)
            )
            for m in CARD_WORDS.finditer(sentence):
                card = card_name(m.group(0))
                if card not in cards and not _waived(sentence, m.start()):
                    cards.append(card)
    rank = {code: order.get(code, len(order) + i) for i, code in enumerate(found)}  # (others as written)
    required = tuple(sorted((c for c, r in found.items() if r), key=rank.__getitem__))
    optional = tuple(sorted((c for c, r in found.items() if not r), key=rank.__getitem__))
    return NamedRequirements(required, licence, tuple(cards), optional)
