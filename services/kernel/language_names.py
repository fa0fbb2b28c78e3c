"""The names of every language a person can name in a CV or an ad, in Finnish, Swedish and English,
and the Finnish case forms of a language's name: shared by matching's recognition and language
requirements and by the vacancy service's `requirements_unconfirmed` warning, which named only Finnish,
Swedish and English ("Venäjän kielen taito edellytetään" warned of nothing; session 37, brief item 5).

Moved here unchanged from `services/matching/index/domain/language_names.py` (`named_languages`,
`language_name_entries`) and `recognition_text.py` (`finnish_name_forms`), which re-export them.
Names from ``langcodes`` and ``language_data`` (MIT; CLDR's names); no service imported.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from langcodes import Language
from langcodes.registry_parser import parse_registry
from language_data.names import code_to_names

_VARIETY_CODES = {"fa-AF": "prs"}
"""Languages whose names ``language_data`` keeps under a variety of another: Dari, the ISO 639-3
``prs`` profiles store, is "Persian (Afghanistan)" there, named "dari" in Finnish and Swedish."""
_MIN_SPEAKERS = 1_000_000
"""A language without an ISO 639-1 code is named when at least this many speak it (``langcodes``'
population data): Dari, Cantonese, Cebuano, Bhojpuri …, not the thousands of small languages of
the registry whose English names are ordinary words ("Even", "Label", "Are")."""
_HOME_LANGUAGES = frozenset({"smn", "sms", "sma", "smj", "krl", "fit"})
"""Fewer speakers, named all the same: the Sámi languages, Karelian and Meänkieli of Finland and Sweden
("inarinsaame", "koltansaame", "karjala", "meänkieli"; Northern Sámi ``se`` has an ISO 639-1 code)."""


@lru_cache(maxsize=1)
def _scopes() -> dict[str, str]:
    """Language subtag (lower case) → its IANA registry scope ("macrolanguage", "collection", …)."""
    return {
        item["Subtag"].lower(): item["Scope"]
        for item in parse_registry()
        if item.get("Type") == "language" and "Scope" in item
    }


@lru_cache(maxsize=1)
def named_languages() -> dict[str, tuple[str, str, str]]:
    """Key "code|registry code" → (Finnish, Swedish, English) name of each language a person can name in
    a CV or an ad, whether ESCO has a skill for it or not (outside tester 36, H3: Tagalog, Somali, Dari
    and Tigrinya were dropped); the code is ISO 639 in the shortest form, as profiles store it ("fil"
    for Tagalog's "tl", "prs" for Dari). Every language of the IANA registry (not a collection, a
    special code or a deprecated one) with CLDR names in all three languages (``language_data``,
    through ``langcodes``) that has an ISO 639-1 code, at least `_MIN_SPEAKERS` speakers or is one of
    `_HOME_LANGUAGES`; a code with several registry codes ("tl", "fil") has several entries. About 320,
    computed once (about 0.2 CPU-s)."""
    codes = [
        item["Subtag"]
        for item in parse_registry()
        if item.get("Type") == "language" and "Deprecated" not in item
    ]
    out: dict[str, tuple[str, str, str]] = {}
    for code in [*codes, *_VARIETY_CODES]:
        if _scopes().get(code.lower()) in ("collection", "special", "private-use"):
            continue
        names = code_to_names(code)
        if not all(k in names for k in ("fi", "sv", "en")):
            continue
        found = Language.get(code)
        key = _VARIETY_CODES.get(code) or (str(found.language) if not found.territory else code)
        if (
            len(code) > 2
            and code not in _VARIETY_CODES
            and code not in _HOME_LANGUAGES
            and found.speaking_population() < _MIN_SPEAKERS
        ):
            continue
        out[f"{key}|{code}"] = (names["fi"], names["sv"], names["en"])
    return out


def language_name_entries() -> list[tuple[str, str, str, str]]:
    """(code, Finnish, Swedish, English name) of `named_languages`, one entry per registry code
    (Tagalog's "tl" and "fil" both give code "fil")."""
    return [(key.split("|")[0], *names) for key, names in named_languages().items()]


_LAST_CONSONANTS = re.compile(r"([bcdfghjklmnpqrstvwxz]+)([aeiouyäö]*)$")
_NAME_GRADES = (("nt", "nn"), ("kk", "k"), ("pp", "p"), ("tt", "t"))
_IRREGULAR_NAME_STEMS = {"suomi": ("suome", "suome")}  # an old e-stem word: suomea, suomen


def finnish_name_forms(name: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The inflected forms of a Finnish language name (a lower-case nominative such as "arabia",
    "venäjä", "englanti", "suomi", "kreikka"), as three sets of lower-case regular-expression
    fragments (to be matched as whole words, case-insensitively):

    - forms that say the language whatever surrounds them: the translative ("arabiaksi": in
      Arabic) and the genitive before "kieli" ("arabian kieli", "arabiankielinen": the fragment
      "arabian ?-?kiel");
    - the plain forms: nominative, partitive ("arabiaa"), genitive ("arabian"), essive
      ("arabiana");
    - the local cases: inessive, elative ("englannista suomeen"), illative, adessive, which
      with a capital are places ("Saksassa", "Arabiaan").

    Stems follow the language names' declension: vowel-final, the last consonant in the weak grade
    before a closed syllable (`_NAME_GRADES`), vowel harmony from the word. A loan name ending in a
    consonant takes the stem vowel -i- before its endings ("tagalog": "tagalogia", "tagalogin kielen",
    "tagalogiksi"; "vietnam": "vietnamia"; outside tester 36, H3). A name that is not one word of
    letters has no forms here."""
    if not name.isalpha():
        return frozenset(), frozenset(), frozenset()
    if name[-1] not in "aeiouyäö":
        a = "a" if re.search(r"[aou]", name) else "ä"
        stem = name + "i"
        return (
            frozenset({stem + "ksi", stem + "n ?-?kiel"}),
            frozenset({name, stem + a, stem + "n", stem + "n" + a}),
            frozenset({stem + "ss" + a, stem + "st" + a, stem + "ll" + a, stem + "in"}),
        )
    strong, weak = _IRREGULAR_NAME_STEMS.get(name, (name, name))
    if name not in _IRREGULAR_NAME_STEMS:
        m = _LAST_CONSONANTS.search(name)
        if m is not None and len(m.group(2)) == 1:
            cluster = m.group(1)
            for s, w in _NAME_GRADES:
                if cluster.endswith(s):
                    weak = name[: m.start()] + cluster[: -len(s)] + w + m.group(2)
                    break
    a = "a" if re.search(r"[aou]", name) else "ä"
    telling = frozenset({weak + "ksi", weak + "n ?-?kiel"})
    plain = frozenset({name, strong + a, weak + "n", strong + "n" + a})
    local = frozenset({weak + "ss" + a, weak + "st" + a, weak + "ll" + a, strong + strong[-1] + "n"})
    return telling, plain, local


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_KNOWING_AFTER = re.compile(
    r"(?:\s+(?:tai|ja|sekä)\s+[^\W\d_]+n)?[\s-]*(?:kiel|taito|tuntemus|osaami)", re.I
)  # (also a genitive elided before another: "somalin tai arabian kielen taito")
_ENGLISH_NOUN = re.compile(
    r"(?=\s*(?:[^\w\s]|$))|\s+(?:[a-z]+ly|and|or|nor|is|are|was|would|will|as|at|in|on|to|for|with|"
    r"language|languages|skills?|proficiency|knowledge|speakers?|speaking|spoken|written|native|"
    r"fluency|level|plus|required|preferred|desirable|essential|mandatory|a|an|would)\b"
)
"""What may follow an English language name used as the language ("Russian required", "Russian and
Arabic", "Russian (B2)"); another lower-case word makes it a verb or an adjective ("Polish the
floors", "a Russian company")."""
_LANGUAGE_WORD = re.compile(
    r"\b(?:\w*kiel\w*|\w*taito\w*|puhu\w*|kirjoit\w*|sujuv\w*|natiivi\w*|osaa\w*|hallit\w*|"
    r"språk\w*|\w+språkig\w*|tala\w*|prata\w*|modersmål\w*|flytande|behärsk\w*|"
    r"languages?|speak\w*|spoken|fluen\w*|native|mother\s+tongue|proficien\w*|[ABC][12]|"
    # a requirement or a plus ("tyska krävs", "Estonian is a plus", "saksa eduksi")
    r"vaadi\w*|vaadit\w*|edellyt\w*|tarvi\w*|tarvit\w*|eduksi|plus\w*|bonus\w*|meriit\w*|krav|krävs|kräv\w*|merit\w*|"
    r"fördel\w*|required|requirement|advantage\w*|asset|preferred|desirable)\b",
    re.I,
)
"""A word about language: a name other than Finnish, Swedish or English counts only in a sentence
with one ("Venäjän kielen taito", "talar ryska", "Fluent Russian"; not "Turkki", "Kiina", "Polish
the floors")."""


@dataclass(frozen=True, slots=True)
class NameTable:
    """Word → ISO 639 code of the languages' names (`named_languages`), for reading them word by word
    (a dictionary per word, not a regular expression of 1,500 forms per sentence: the vacancy doors
    read up to 20,000 characters, tester 36b, J1). `telling`: Finnish forms that name the language
    wherever they are ("venäjäksi"); `genitive`: Finnish genitives that name it before "kieli",
    "taito", "tuntemus", "osaaminen" ("venäjän kielen", "venäjänkielinen"); `plain`: Finnish plain
    forms ("venäjää", "venäjä", "Saksa") and Swedish names ("ryska", "ryskan"); `english`: English
    names as written ("Russian") and used as a noun (`_ENGLISH_NOUN`)."""

    telling: Mapping[str, str]
    genitive: Mapping[str, str]
    plain: Mapping[str, str]
    english: Mapping[str, str]

    def mentions(self, sentence: str, *, cued: bool = False) -> list[tuple[str, int, int]]:
        """(code, start, end) of each language `sentence` names, in order: a translative ("venäjäksi")
        always, the other forms when it has a word about language (`_LANGUAGE_WORD`) or is `cued`
        (under a requirement heading)."""
        about = cued or _LANGUAGE_WORD.search(sentence) is not None
        if not about and not any(w.endswith("ksi") for w in _WORD.findall(sentence.lower())):
            return []
        out: list[tuple[str, int, int]] = []
        for m in _WORD.finditer(sentence):
            word = m.group()
            lower = word.lower()
            code = self.telling.get(lower)
            if not about:
                if code is not None:
                    out.append((code, m.start(), m.end()))
                continue
            code = code or self.plain.get(lower)
            if code is None and word in self.english and _ENGLISH_NOUN.match(sentence, m.end()):
                code = self.english[word]
            if code is None and lower in self.genitive and _KNOWING_AFTER.match(sentence, m.end()):
                code = self.genitive[lower]  # "venäjän kielen taito"
            if code is None and (at := lower.find("kiel")) > 0:
                code = self.genitive.get(lower[:at].rstrip("-"))  # "venäjänkielinen", "venäjän-kielinen"
            if code is not None:
                out.append((code, m.start(), m.end()))
        return out


@lru_cache(maxsize=4)
def name_table(leave_out: frozenset[str] = frozenset()) -> NameTable:
    """The `NameTable` of `named_languages` but for the codes in `leave_out` (a reader's own names of
    them: the vacancy service's Finnish, Swedish and English); built once (about 0.2 CPU-s)."""
    telling: dict[str, str] = {}
    genitive: dict[str, str] = {}
    plain: dict[str, str] = {}
    english: dict[str, str] = {}
    for code, fi, sv, en in language_name_entries():
        if code in leave_out:
            continue
        said, common, _ = finnish_name_forms(fi)
        for form in said:
            if form.endswith("kiel"):
                genitive.setdefault(form.split("n ?")[0] + "n", code)
            else:
                telling.setdefault(form, code)
        for form in common - set(genitive):
            plain.setdefault(form, code)  # (a genitive only before a word of knowing: "Venäjän markkinat")
        sv = sv.lower()
        if re.fullmatch(r"[a-zåäö]+", sv):
            plain.setdefault(sv, code)
            plain.setdefault(sv + "n", code)
        if re.fullmatch(r"[A-Z][a-z]+", en):
            english.setdefault(en, code)
    return NameTable(telling, genitive, plain, english)
