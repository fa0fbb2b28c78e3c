"""Explicit mappings from licences, cards, qualifications and tool names to ESCO skills.

ESCO names skills, not the Finnish cards and licences that ads ask for ("C-ajokortti",
"hygieniapassi", "trukkikortti", "tulityökortti") nor many short tool names ("Excel"). These
are read from `data/recognition/skill_rules.csv` (each row with its source) by the reference
loader; a rule with no skills marks a phrase that names no skill at all (a degree level such as
"AMK" or "ammattitutkinto"), which is removed before matching so that it cannot match something
else ("AMK-tutkinto" → "driving test").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

CARD_SUFFIXES: tuple[str, ...] = (
    "{}passi",
    "{}kortti",
    "{}lupa",
    "{}-kortti",
    "{}pass",
    "{}kort",
    "{} passport",
    "{} card",
    "{} licence",
)
"""The card words a card list's short item is tried with, in order (`SkillRules.read_card_list`):
"hygienia" → "hygieniapassi", "trukki" → "trukkikortti", "B" → "B-kortti", "hygien" →
"hygienpass", "forklift" → "forklift card"."""
TOOL_NAMES: tuple[str, ...] = ("{}-ohjelma", "Microsoft {}", "{}-programmet")
"""How a program list's short item is tried: "Word" → "Microsoft Word", "Office" → "Office-ohjelma"."""
_CARD_WORD = (
    r"(?:\w*kort(?:it|ti\w*)?|\w*passit|\w*passi|luvat|lupa|lupakortit|pätevyydet|sertifikaa\w*|"
    r"certifikat\w*|\w*behörighet(?:er)?|intyg|pass|cards?|certificates?|licen[cs]es?|permits?|passports?|"
    r"ajoneuvo\w*|koneet|konekortit|fordon|maskiner|vehicles|machines)"
)
_TOOL_WORD = (
    r"(?:\w*ohjelm\w*|työkalu\w*|program(?:s|men|vara)?|verktyg|tools?|software|it[- ]taidot|it[- ]skills)"
)
_AND = r"(?:\s*(?:ja|och|and|&|/)\s*"
_CARD_HEADING = re.compile(rf"^\W*(?:[^\W\d_]+\s+){{0,2}}?{_CARD_WORD}{_AND}{_CARD_WORD})?\s*:\s*", re.I)
"""A card list's heading: "Kortit:", "Passit ja luvat:", "Voimassa olevat kortit:", "Kort:",
"Certificates:"; a list of vehicles or machines driven ("Ajoneuvot:", "Koneet:") names their cards'
skills too."""
_TOOL_HEADING = re.compile(rf"^\W*(?:[^\W\d_]+\s+){{0,2}}?{_TOOL_WORD}{_AND}{_TOOL_WORD})?\s*:\s*", re.I)
"""A program list's heading: "Ohjelmat:", "Ohjelmistot:", "Tools:", "Program:"."""
_OFFICE_NAME = r"(?:Word|Teams|Excel|PowerPoint|Outlook|OneNote|SharePoint|Visio|Office)"
_OFFICE_ITEM = rf"(?:(?:MS|Microsoft)\s+)?\b{_OFFICE_NAME}\b(?:-[a-zäö]*|[a-zäö]{{0,6}}\b)?"
_OFFICE_LIST = re.compile(
    rf"{_OFFICE_ITEM}(?:\s*(?:,|/|&|\+|\s(?:and|or|ja|tai|sekä|och|eller|samt))\s*{_OFFICE_ITEM})+"
)
"""Two or more of Microsoft's office programs in one list, as written (capitals; case endings and
elided compounds: "Word, Excel and PowerPoint", "Word-, Excel- ja PowerPoint-osaaminen",
"Wordin ja Excelin")."""
_OFFICE_PLAIN_WORD = re.compile(
    r"(?:(?<=\s)|(?<=\()|^)(?:(?:MS|Microsoft)\s+)?\b(Word|Teams)\b(?:-(?![a-zäö]))?"
)
"""The two program names that are everyday English words ("word", "teams"), which the rules read as
the programs only with "Microsoft" or a case ending; beside another office program they are the
program too."""


def with_office_names(sentence: str) -> str:
    """`sentence` with "Word" and "Teams" written "Microsoft Word", "Microsoft Teams" where they
    stand in a list beside another of Microsoft's office programs (`_OFFICE_LIST`): "Good command of
    Word, Excel and PowerPoint." (the bare "Word" gave *theology* 0.45 and *politics* 0.44 by its
    other sense, issue 12, session 26), "Hyvä Word-, Excel- ja PowerPoint-osaaminen". A list of
    "Word" and "Teams" alone, and either one alone, is left as written ("teams and words")."""
    if "Word" not in sentence and "Teams" not in sentence:
        return sentence

    def one(m: re.Match[str]) -> str:
        found = m.group()
        if not re.search(r"Excel|PowerPoint|Outlook|OneNote|SharePoint|Visio|Office", found):
            return found
        return _OFFICE_PLAIN_WORD.sub(lambda w: f"Microsoft {w.group(1)}", found)

    return _OFFICE_LIST.sub(one, sentence)


_CLASS = r"(?:AM|A[12]?|B(?:E|96)?|C1?E?|D1?E?|T)"
"""A driving licence category as written (capitals: "a licence" is no class A): Directive
2006/126/EC's AM, A1, A2, A, B, BE, C1, C1E, C, CE, D1, D1E, D, DE, Finland's B96 and tractor T."""
_CLASSES = rf"{_CLASS}(?:\s*(?:/|,|&|\+|\s(?:ja|sekä|tai|och|samt|eller|and|or))\s*{_CLASS})*"
_CLASS_IN = re.compile(rf"(?<![\w-]){_CLASS}(?![\w+#])")
_LICENCE_WORD = (
    r"(?:[Aa]jokort\w*|[Aa]jo-?oikeu\w*|[Kk]örkort\w*|[Kk]örrätt\w*|"
    r"(?:[Dd]riving[- ]|[Dd]river'?s[- ]|[Dd]river[- ])?[Ll]icen[cs]es?|[Dd]riving permits?)"
)
_CLASS_KIND = (
    r"(?:[Ll]uok(?:ka|an|kaa|kien|at)|[Cc]lass(?:es)?|[Cc]ategor(?:y|ies)|[Kk]lass(?:en|er|erna)?|"
    r"[Kk]ategori(?:n|er)?|[Bb]ehörighet(?:en|er)?|[Tt]ype)"
)
_LICENCE_CLASS_AFTER = re.compile(
    rf"\b(?P<word>{_LICENCE_WORD})\s*,?\s*\(?\s*(?:(?:of|in|av|i|för|for)\s+)?(?:{_CLASS_KIND}\s*:?\s*)?"
    rf"\(?\s*(?P<classes>{_CLASSES})(?![\w+#])(?:\s*\))?(?:\s+(?:vehicles?|fordon|ajoneuvo\w*))?"
)
"""A licence's class written after its word: "ajokortti D", "ajokorttia (D)", "Ajokortti D ja …",
"körkort av klass D", "körkort i klass C/CE", "körkort B och T", "a licence of category D",
"driving licence (C/CE)", "ajokortti, luokka D", "a licence for class C vehicles"."""
_LICENCE_CLASS_BEFORE = re.compile(
    rf"(?:\b(?:of\s+)?{_CLASS_KIND}\s+)?(?<![\w-])(?P<classes>{_CLASSES})(?:\s*[- ]\s*{_CLASS_KIND})?"
    rf"(?:\s*[- ]\s*|\s+(?:class|category)\s+)(?P<word>{_LICENCE_WORD})"
)
"""A licence's class before its word with the word for class between or before them: "D-class
driving licence", "class D driving licence", "category D licence", "C1E-luokan ajokortti",
"D category licence", "klass D-körkort"."""
_CLASS_PAIR = re.compile(
    rf"(?<![\w-])(?P<classes>{_CLASS}(?:\s*(?:/|,|\s(?:ja|sekä|tai|och|samt|eller|and|or))\s*{_CLASS})+)(?![\w+#-])"
)
"""Two or more licence classes side by side with no licence word, one of them a class no other word
is written as ("har C och CE", "C/CE", "D ja DE"): `_PAIRED_ONLY`."""
_PAIRED_ONLY = frozenset({"BE", "C1", "C1E", "CE", "D1", "D1E", "DE"})
_CAR = frozenset({"B", "BE", "B96"})
"""Car classes: the car row reads the licence word alone ("körkort B" is *drive vehicles* as
"körkort" is), so a car class after its word is left as written (its text was tuned so)."""
_SWEDISH_CLASS_CARD = re.compile(rf"(?<![\w-])(?P<cls>{_CLASS})-kort(?:et)?\b")
"""The Swedish short form "CE-kort", "D-kortet" (a licence, as "C-kortti" is in Finnish)."""


def _classes_with_word(classes: str, word: str) -> str:
    names = _CLASS_IN.findall(classes)
    joined = word.strip()
    if joined[:1].isupper():
        joined = joined[0].lower() + joined[1:]
    return " ja ".join(f"{name}-{joined}" for name in names)


def with_licence_classes(sentence: str) -> str:
    """`sentence` with each driving-licence class written as a class before its licence word, the
    form the licence rules read ("D-ajokortti", "CE-körkort", "D-licence"), one per class: a class
    written after the word ("Ajokortti D", "ajokorttia (D)", "körkort av klass D", "körkort B och T":
    they gave *drive vehicles* only, the class's vehicle lost; outside tester 31, F7), with the word
    for class ("D-class driving licence": the class was not read and "valid … class" gave *validate
    raw materials*; "category D licence": "licence" was left and gave a licensing officer's skills),
    two or more classes written without the word ("har C och CE"), and the Swedish "CE-kort". The word for the class and
    brackets are dropped with it. A sentence naming no licence is returned as it is."""
    if not re.search(r"[A-D]|\bT\b", sentence):
        return sentence
    out = _LICENCE_CLASS_BEFORE.sub(
        lambda m: _classes_with_word(m.group("classes"), m.group("word")), sentence
    )
    out = _LICENCE_CLASS_AFTER.sub(
        lambda m: (
            m.group()
            if set(_CLASS_IN.findall(m.group("classes"))) <= _CAR
            else _classes_with_word(m.group("classes"), m.group("word"))
        ),
        out,
    )

    def pair(m: re.Match[str]) -> str:
        names = _CLASS_IN.findall(m.group("classes"))
        if not _PAIRED_ONLY.intersection(names):
            return m.group()
        return " ja ".join(f"{name}-körkort" for name in names)

    out = _SWEDISH_CLASS_CARD.sub(lambda m: f"{m.group('cls')}-körkort", out)
    return _CLASS_PAIR.sub(pair, out)


_CPC_SHORT = re.compile(r"(?<![\w-])AP(?![\w+#])")
"""The driver's professional competence as Finnish ads shorten it, "AP" (ammattipätevyys), in capitals."""
_CPC_BESIDE = re.compile(
    r"(?<![\w-])AP-?(?:kortt?i\w*|koulutu\w*|pätevyy\w*|todistu\w*|jatkokoulutu\w*)|"
    r"(?<![\w-])[BCD]1?E?-?(?:ajo)?kort\w*|\bajokort\w*|\bkörkort\w*|\bammattipätevyy\w*|\bYKV\b|\bADR\b|"
    r"\bdigi(?:piirturi)?kort\w*|\bkuljettaja(?:kort)?\w*|\b(?:kuorma|linja|paketti)-?auto\w*|\brekka\w*|"
    r"\bbussi\w*|\bajoneuvoyhdistelm\w*",
    re.I,
)
"""What says a sentence's "AP" is the driver's: a licence, another driver's card or a vehicle driven,
or the card's own word joined to it ("AP-kortti", "AP-koulutus")."""


def with_driver_short_forms(sentence: str) -> str:
    """`sentence` with the driver's professional competence written out where an ad shortens it to
    "AP" beside a licence, a driver's card or vehicle ("Vaatimuksena CE-kortti ja AP.", "AP-kortti
    ja digikortti löytyy": outside tester 32, the short form was not read). A lone "AP" (a company's
    abbreviation, "ap." for morning) is left as written."""
    if "AP" not in sentence or _CPC_BESIDE.search(sentence) is None:
        return sentence
    return _CPC_SHORT.sub("ammattipätevyys", sentence)


_CARD_ITEM_SPLIT = re.compile(r"(\s*(?:,|;|/|\+|\s(?:ja|sekä|tai|och|samt|eller|and|or|&))\s*)", re.I)


@dataclass(frozen=True, slots=True)
class SkillRule:
    """`pattern`: a case-insensitive regular expression over a sentence; `skills`: the ESCO skill
    URIs a match names (empty: the phrase names no skill); `source`: where the mapping comes from."""

    pattern: str
    skills: tuple[str, ...]
    source: str = ""


class SkillRules:
    """A set of `SkillRule`s, compiled once."""

    def __init__(self, rules: Iterable[SkillRule] = ()) -> None:
        self.rules = tuple(rules)
        self._compiled = [(re.compile(r.pattern, re.I | re.U), r.skills) for r in self.rules]

    def __len__(self) -> int:
        return len(self.rules)

    def apply(self, sentence: str) -> tuple[list[str], str]:
        """(skill URIs named by the rules matching `sentence`, in rule order without repeats;
        the sentence with every matched phrase removed). "Word" and "Teams" beside another office
        program are read as the programs (`with_office_names`), a licence class written after its
        word as one written before it (`with_licence_classes`), the driver's "AP" as its full name
        (`with_driver_short_forms`)."""
        found: dict[str, None] = {}
        rest = with_licence_classes(with_office_names(with_driver_short_forms(sentence)))
        for rx, skills in self._compiled:
            if rx.search(rest):
                for uri in skills:
                    found.setdefault(uri, None)
                rest = rx.sub(" ", rest)
        return list(found), " ".join(rest.split())

    def named_in_full(self, phrase: str) -> bool:
        """True when a rule that names skills matches all of `phrase` (a card's full name,
        "trukkikortti"), not only part of it."""
        return any(
            skills and (m := rx.search(phrase)) is not None and m.start() == 0 and m.end() >= len(phrase)
            for rx, skills in self._compiled
        )

    def read_card_list(
        self, sentence: str, *, under_heading: tuple[str, ...] = ()
    ) -> tuple[str, tuple[str, ...]]:
        """(`sentence` with each card or program of a list written in full; the templates of the
        list whose items follow: `sentence` is its heading alone, "Kortit:", or a bullet under one;
        () when none).

        Ads list cards by their short name under a heading that says what they are: "Kortit:
        hygienia, anniskelu, trukki." means the hygiene and alcohol passports and the forklift
        card (outside tester 15, P11: it gave *hygiene in a health care setting* and no forklift
        or alcohol skill, while "Anniskelupassi vaaditaan." gave its rule); "Ohjelmat: Word,
        PowerPoint" means Microsoft's programs. An item (one word, or a licence class: "B", "C1")
        that no rule reads as it is, is read as the first of `CARD_SUFFIXES` (under a card, vehicle
        or machine heading) or `TOOL_NAMES` (under a program heading) with which a rule reads it
        whole. A heading that names no skill itself ("Kortit", "Passit ja luvat", "Cards",
        "Ohjelmat"; not "Ajokortti") is dropped ("deal cards", "develop program ideas").
        `under_heading`: the templates of the heading alone on its line that `sentence` follows
        ("Kortit:" then "- hygienia"). A sentence that is no list of short items is returned as
        it is."""
        head = _CARD_HEADING.match(sentence)
        templates = CARD_SUFFIXES if head is not None else under_heading
        if head is None and (tool := _TOOL_HEADING.match(sentence)) is not None:
            head, templates = tool, TOOL_NAMES  # "Ohjelmat: Word, PowerPoint"
        if head is None and (not under_heading or sentence.rstrip().endswith(":")):
            return sentence, ()  # (another heading ends the list)
        heading = head.group() if head is not None else ""
        body = sentence[len(heading) :]
        if heading and self.apply(heading)[0]:
            heading = heading.rstrip(" :") + ": "  # "Ajokortti: B": the heading is a card itself
        elif heading:
            heading = ""
        if head is not None and not body.strip(" .;"):
            return heading, templates
        parts = _CARD_ITEM_SPLIT.split(body)
        if any(len(p.split()) > 2 for p in parts[::2]):
            # a sentence, not a list of short card names; a heading that names no skill itself
            # still names none ("Kortit: työturva, … sähköturvallisuus SFS 6002": no *deal cards*)
            return (heading + body if head is not None else sentence), ()
        out = []
        for k, part in enumerate(parts):
            item = part.strip(" .")
            if k % 2 or not item or " " in item or self.named_in_full(item):
                out.append(part)
                continue
            full = next((c for t in templates if self.named_in_full(c := t.format(item))), None)
            out.append(part.replace(item, full) if full is not None else part)
        return heading + "".join(out), templates if head is None else ()

    def unknown_skills(self, known: Iterable[str]) -> set[str]:
        """URIs the rules name that are not in `known` (to check the rules against the taxonomy)."""
        k = set(known)
        return {uri for r in self.rules for uri in r.skills if uri not in k}
