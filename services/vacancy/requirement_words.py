"""Which requirements a job ad's own words name that the employer has not confirmed: the vacancy
service tells the employer, in the answer to the post or change, that they are suggestions only
(outside tester 23, T5: a text-only practical-nurse ad asked for Finnish and a driving licence;
recognition suggested both, they neither filtered nor counted in the score, and the answer said
nothing of it).

This is a light, conservative reading of the vacancy service's own (pure: standard library and the kernel's
sentence split; matching's recogniser is another service's, reached only through events):
the languages Finnish, Swedish and English, and driving licences and the common Finnish work cards
named in a sentence that does not say they are not needed. The matching service's recogniser reads
the text fully (levels, choices, pluses, ESCO skills) and lists what it suggests at
`GET /api/v1/vacancies/<id>/skills`; this only lets the vacancy service name the likeliest of those
at once, without waiting for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from services.kernel.sentences import sentences

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


NOT_NEEDED = re.compile(
    r"\bei\s+(?:vaadita|tarvita|edellytetä|ole\s+välttämätön|tarvitse)|\bei\s+vaadi|"
    r"\b(?:krävs|behövs)\s+inte\b|\binte\s+(?:nödvändig|ett\s+krav)|"
    r"\bnot\s+(?:required|needed|necessary|a\s+requirement)\b|\bno\s+\w+\s+(?:needed|required)\b|"
    r"\bwithout\s+\w+\b",
    re.I,
)
"""Words saying a requirement is not needed ("Suomen kielen taitoa ei vaadita", "Finska krävs
inte", "Finnish is not required"): the sentence's requirements are not named."""


@dataclass(frozen=True, slots=True)
class NamedRequirements:
    """What an ad's words name: `languages` (ISO 639-1 codes, in the order fi, sv, en), whether a
    driving licence (`licence`) and which work cards (`cards`, each
    named once in its base form, lower case: `card_name`) are named."""

    languages: tuple[str, ...] = ()
    licence: bool = False
    cards: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.languages or self.licence or self.cards)


def named_requirements(texts: Iterable[str]) -> NamedRequirements:
    """The languages (Finnish, Swedish, English), driving licence and work cards that the sentences
    of `texts` (a vacancy's title and description, any of Finnish, Swedish, English) name, leaving
    out sentences that say a requirement is not needed (`NOT_NEEDED`) and a country's adjective
    (`NOT_A_LANGUAGE_AFTER`). Never raises; empty texts name nothing."""
    languages: list[str] = []
    licence = False
    cards: list[str] = []
    for text in texts:
        for sentence in sentences(text or ""):
            if NOT_NEEDED.search(sentence):
                continue
            for code, pattern in LANGUAGE_WORDS.items():
                for m in pattern.finditer(sentence):
                    if NOT_A_LANGUAGE_AFTER.match(sentence, m.end()):
                        continue
                    if code not in languages:
                        languages.append(code)
                    break
            licence = licence or bool(LICENCE_WORDS.search(sentence))
            for m in CARD_WORDS.finditer(sentence):
                card = card_name(m.group(0))
                if card not in cards:
                    cards.append(card)
    order = {"fi": 0, "sv": 1, "en": 2}
    return NamedRequirements(tuple(sorted(languages, key=order.__getitem__)), licence, tuple(cards))
