"""Language requirements read from a job ad as what they are: a language and, when the text says
it, a CEFR level (outside tester N4), for matching's readers.

The rule (clauses, waivers, pluses, levels and why "fluent" is B2) lives in the shared kernel,
`services.kernel.language_clauses`, whose docstring is its account, because the vacancy service reads
ads by the same rule (outside tester 35, F2). This module gives it matching's way of finding language
names: ESCO's language skills (`spoken.language_skill_map`), named in Finnish in any case form
(`recognition.FinnishLanguageNames`: "suomen kielen", "ruotsia", "englanniksi"), in Swedish and
English by their ``langcodes`` names ("svenska", "finskan", "Swedish") beside a word about language
("talar", "språk", "speak", "fluent", "skills" …); and every other language a person can name
(`language_names.named_languages`: Somali, Tagalog, Dari, Tigrinya …), whether ESCO has a skill for it
or not, by its ``langcodes`` names in the same three languages, each only beside a word about
language (outside tester 36, H3: profiles accept these codes, recognition dropped them).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

# the rule lives in the kernel (the vacancy service reads it too); re-exported for matching's readers
from services.kernel.language_clauses import _IF as _IF
from services.kernel.language_clauses import _NEEDED as _NEEDED
from services.kernel.language_clauses import _PLUS as _PLUS
from services.kernel.language_clauses import _READY as _READY
from services.kernel.language_clauses import LanguageRequirement as LanguageRequirement
from services.kernel.language_clauses import read_requirements, waived

from .language_names import (
    OtherLanguageNames,
    extra_language_names,
    language_name_entries,
    other_language_names,
)
from .recognition import FinnishLanguageNames
from .spoken import language_skill_map
from .taxonomy import Taxonomy


@dataclass(frozen=True, eq=False)
class _Names:
    finnish: FinnishLanguageNames
    code_of_uri: dict[str, str]
    other: OtherLanguageNames
    finnish_extra: FinnishLanguageNames
    """Finnish names of the languages without an ESCO skill, keyed by their codes"""
    other_extra: OtherLanguageNames
    """Swedish and English names of those languages (`language_names.extra_language_names`)"""


@lru_cache(maxsize=4)
def _names(taxonomy: Taxonomy) -> _Names:
    m = language_skill_map(taxonomy)
    esco = set(m.codes)
    extra = [(code, fi) for code, fi, _, _ in language_name_entries() if code not in esco]
    return _Names(
        FinnishLanguageNames.of(taxonomy),
        m.uri_codes(taxonomy),
        other_language_names(taxonomy),
        FinnishLanguageNames.of_names(extra, all_homonyms=True),
        extra_language_names(taxonomy),
    )


def prepare(taxonomy: Taxonomy) -> None:
    """Build what reading `taxonomy`'s language names needs (`_names`) now, at start-up, rather
    than in the first request that names a language (recognition's load calls it: in the
    recognition benchmark's first set that sentence cost 0.2–0.5 CPU-s more; issue 12)."""
    _names(taxonomy)


def language_requirements(text: str, taxonomy: Taxonomy, lang: str) -> list[LanguageRequirement]:
    """The languages `text` (in `lang`: "fi", "sv" or "en") names as requirements, read clause by
    clause by the kernel's rule (`services.kernel.language_clauses.read_requirements`: levels,
    pluses, waivers, choices). Reads Finnish names in Finnish text and Swedish or English names in
    every text (ads mix them: "Kielitaito: suomi, English B2")."""
    names = _names(taxonomy)
    return read_requirements(text, lambda sentence, cued: _named(sentence, names, lang, cued=cued))


def not_needed(sentence: str, taxonomy: Taxonomy, lang: str) -> frozenset[str]:
    """The codes of the languages `sentence` (one sentence, in `lang`) names only as not needed
    or lacking (the kernel's `waived`: "Finnish, Swedish or English not required", "You can work
    without Finnish"), for recognition to suggest no ESCO language skill of them (outside tester 15, P1)."""
    return waived(sentence, _named(sentence, _names(taxonomy), lang))


def _named(sentence: str, names: _Names, lang: str, *, cued: bool = False) -> list[tuple[str, int, int]]:
    """(code, start, end) of every language `sentence` names, in order; a Finnish name where it is
    first read as the language (`FinnishLanguageNames.hits`: not "Suomessa", the place, before
    "suomen kieli", fi-dev5-052); a Swedish name also without a word about language when `cued`
    (the sentence is under a requirement heading, `OtherLanguageNames.mentions`)."""
    out: list[tuple[str, int, int]] = []
    if lang == "fi":
        first_hit: dict[str, tuple[int, int]] = {}
        for uri, start, end in names.finnish.hits(sentence):
            first_hit.setdefault(uri, (start, end))
        for uri, span in first_hit.items():
            code = names.code_of_uri.get(uri)
            if code is not None:
                out.append((code, *span))
        extra_hit: dict[str, tuple[int, int]] = {}
        for code, start, end in names.finnish_extra.hits(sentence):
            extra_hit.setdefault(code, (start, end))
        out += [(code, *span) for code, span in extra_hit.items()]
    out += names.other.mentions(sentence, cued=cued)
    out += names.other_extra.mentions(sentence, cued=cued)
    first: dict[int, tuple[str, int, int]] = {}
    for mention in sorted(set(out), key=lambda x: (x[1], -x[2])):
        first.setdefault(mention[1], mention)
    return list(first.values())
