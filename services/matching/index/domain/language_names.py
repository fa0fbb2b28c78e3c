"""Languages named in Swedish or English text ("talar svenska", "finskan", "Fluent English"), for
recognition and `language_requirements` alike (outside tester 14, P3/P4).

The names are those of the languages of ESCO's language skills (`spoken.language_skill_map`), in
Swedish and English as ``langcodes`` (MIT) gives them: a Swedish name in lower case with its
definite form and its "-språkig" compound ("svenska", "svenskan", "finskspråkig"), an English
name capitalised ("Finnish"), or in lower case beside a word about language ("Fluent english
required."). A name counts only in a sentence with a word about language
(`_SWEDISH_CUE`; an English name that is also a common word, "Polish", `_ENGLISH_CUE`), and an
English name only as a noun: "Finnish" followed by a
lower-case word that cannot follow a language's name ("Valid Finnish hygiene passport", "a
Finnish security guard card", "a Finnish company") is the adjective of the country, no language; so is a name before a
document or status the country gives (`names_a_document`: "a Finnish D licence", "Finnish or EU
driving licence", "finska D-körkort"; outside tester 17, P9).
The Finnish names of text in Finnish are `recognition.FinnishLanguageNames`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from langcodes import Language

from services.kernel.language_names import language_name_entries as language_name_entries
from services.kernel.language_names import named_languages as named_languages

from .spoken import _LANGUAGE_SKILL, language_skill_map
from .taxonomy import Taxonomy

_SWEDISH_CUE = re.compile(
    r"\b(?:språk\w*|\w+språkig\w*|tala\w*|talar|prata\w*|skriv\w*|skriftlig\w*|muntlig\w*|flytande|modersmål\w*|"
    r"kunskap\w*|behärsk\w*|kunna|kan|förstå\w*|läsa|god|goda|gott|utmärkt\w*|grundläggande|krav|krävs|kräv\w*|"
    r"behöv\w*|önska\w*|skadar|förutsätt\w*|"
    r"merit\w*|fördel\w*|plus|bonus|lite|lär|lära|studera\w*|plugga\w*|klara\w*|[ABC][12]|"
    # a requirement heading or a word about language in Finnish or English over a Swedish list
    # ("Vaatimukset: svenska och finska", "Requirements: svenska"; outside tester 18, P5)
    r"vaatimu\w*|vaadi\w*|vaadit\w*|edellyt\w*|kieli\w*|kielen|kielitai\w*|requirements?|required|"
    r"qualifications?|languages?)\b",
    re.I,
)
_LIST_WORD = re.compile(r"\b(?:och|eller|samt|ja|tai|sekä|and|or)\b|&", re.I)
_ENGLISH_CUE = re.compile(
    r"\b(?:languages?|speak\w*|spoken|writ\w*|read\w*|fluen\w*|native|proficien\w*|skills?|knowledge|"
    r"command|mother\s+tongue|excellent|good|basic|required|requires?|must|bilingual|plus|advantage\w*|"
    r"asset|preferred|[ABC][12])\b",
    re.I,
)
_ENGLISH_FOLLOWER = re.compile(
    r"\s+(?:(?!(?:family|families|assembly|supply|early|daily|weekly|monthly|yearly|friendly|elderly|"
    r"holy|rally|ally|jelly|bully|lily|reply|july)\b)[a-z]+ly|[a-z]+ed|(?:would|will|wo|does|do|is|are|could|should|ca|must|might)n['’]?t|and|or|nor|is|are|was|be|would|will|should|must|can|may|might|could|helps?|counts?|as|at|in|on|to|for|"
    r"with|from|of|by|via|per|into|than|like|but|if|so|then|while|when|where|which|who|that|this|it|you|we|"
    r"they|any|all|some|other|such|too|also|both|only|not|etc|e\.g|an?|the|well|very|quite|rather|language|languages|skills?|proficiency|"
    r"knowledge|speakers?|speaking|spoken|written|writing|native|fluency|level|plus|nice|welcome|"
    r"desirable|preferable|beneficial|advantage\w*|asset|bonus|mandatory|essential|necessary|optional|"
    r"working\s+language|työkiel\w*|kiel\w*|kielitai\w*|arbetsspråk\w*|"
    # a CV's level after the name, ending its clause ("English fluent, Finnish native", "English good"):
    # not "Finnish basic education", "a Finnish good practice"
    r"(?:fluent|good|excellent|basic|satisfactory|intermediate|advanced|conversational|beginner|"
    r"mother\s+tongue)(?=\s*(?:[,.;:)(/]|$|\b(?:and|or|in|both|spoken|written)\b)))\b"
)
"""What may follow a language's English name ("Finnish is a plus", "Finnish required", "Finnish
skills", "Finnish fluently"); another lower-case word makes the name an adjective. An -ly word
counts as an adverb, except nouns and adjectives in -ly ("Finnish family company", "Finnish
early childhood education", "Finnish elderly care": the lang2 helper's note, session 14). A mixed ad's
"English työkieli" / "English working language" names the working language (outside tester 15, P12)."""
_SWEDISH_FOLLOWER = re.compile(
    r"\s+(?:och|samt|eller|är|var|krävs|behövs|önskas|skadar|som|på|i|med|till|men|meriterande|meriterar|språket|"
    # a requirement's passive, a preposition or a comparison after the name: a verb or a preposition
    # never follows the country's adjective ("finska förutsätts", "finska för arbetet", "svenska bättre
    # än finska"; session 40)
    r"förutsätts|fordras|erfordras|uppskattas|värdesätts|efterfrågas|för|av|om|inom|vid|från|än|bättre|"
    r"sämre|bäst|sämst|"
    r"språk|muntligt|skriftligt|flytande|väl|bra|obligatoriskt|tal|skrift|nivå|minst|också|även|räcker|en|"
    r"ett|el|aktivt|dagligen|[abc][12]|nöjaktig\w*|utmärkt\w*|hygglig\w*|hyfsa\w*|hjälplig\w*|perfekt\w*|obehindrat|"
    r"gott|god|goda|lite|litet|något|grundläggande|dålig\w*|svag\w*|tillfredsställande|ganska|mycket|"
    r"någorlunda|skaplig\w*|helt|inte|bara|endast|enbart|riktigt|hyfsat|"
    # a CV's "svenska modersmål": the mother tongue after the name (not "svenska modersmålslärare")
    r"modersmål(?:et)?(?=\s*(?:[,.;:)(/]|$|\b(?:och|eller|samt)\b)))\b"
)
"""What may follow a Swedish language name used as the language ("svenska och finska", "finska
är en merit", "svenska krävs", "svenska språket", "svenska muntligt"), also a word of how well,
which Swedish writes after the name ("talar finska nöjaktigt", "skriver svenska utmärkt": outside
tester 17, P4). Swedish writes the
country's adjective in lower case too, so another lower-case word after the bare name makes it
the adjective ("svenska kunder", "finska företag"), as does a determiner before it ("det finska
hygienpasset", "den svenska skolan"); the definite "svenskan" and "-språkig" are always the
language (outside tester 14 via the lang2 helper's note)."""
_SWEDISH_LEVEL_AFTER = re.compile(
    r"\s+(?:svag\w*|dålig\w*|bra|god|goda|gott|flytande|nöjaktig\w*|utmärkt\w*|hjälplig\w*|hyfsa\w*|"
    r"perfekt\w*|obehindrat|[abc][12])\s*(?:[,.;:)(/]|$)"
)
"""A word of how well ending the clause right after a Swedish language name ("finska svag",
"svenska flytande", "engelska B1."): a CV's or a coach's level names the language without any
other word about language (session 40)."""
_SWEDISH_IN_LANGUAGE = re.compile(r"\bpå\s+$")
"""The preposition "på" right before a Swedish language name: "in" the language ("användarstöd på svenska, finska
och engelska", "betjänar kunder på finska"), never before the country's adjective alone: that has
its noun after it, which `_SWEDISH_FOLLOWER` reads ("på finska sidan"; session 40)."""
_DOCUMENT = re.compile(
    r"(?:licen[cs]\w*|permits?|passports?|degrees?|diplomas?|citizen\w*|nationalit\w*|residen\w*|"
    r"identity|id|ids|cards?|certificat\w*|qualificat\w*|registration|cross|rist(?:i|in|iltä|illä)|"
    r"\w*ajokort\w*|\w*kortt?i\w*|\w*lup[aiu]\w*|\w*luvan|\w*luvat|passi\w*|\w*tutkin\w*|kansalai\w*|"
    r"\w*todistu\w*|\w*körkort\w*|pass|passet|passen|\w*medborgar\w*|\w*tillstånd\w*|examen|"
    r"legitimation\w*|\w*intyg\w*|id-\w*|\w*-id)",
    re.I,
)
"""A document or status a country gives, in English, Finnish and Swedish (one word, compounds
included: "licence", "ajokorttia", "oleskelulupa", "D-körkort", "medborgarskap"): after a
language's name it makes the name the country's adjective ("a Finnish D licence", "Suomen
kansalaisuus", "finskt eller EU-körkort"; outside tester 17, P9)."""
_TALKS_LANGUAGE = re.compile(
    r"(?:\w*kiel\w*|\w*språk\w*|languages?|skills?|proficien\w*|knowledge|yki|speak\w*|spoken|"
    r"written|taito\w*|kunskap\w*|[ABC][12](?:-?(?:taso|nivå|level)\w*)?)",
    re.I,
)
"""A word after a language's name that makes it the language ("Finnish language certificate",
"Finnish B2 certificate", "suomen kielen todistus")."""
_COUNTRY_JOIN = re.compile(r"(?:and|or|and/or|ja|tai|sekä|och|eller|samt|/)", re.I)
_OTHER = re.compile(r"muun|muu|muiden|other|another|annan|annat", re.I)
_COUNTRY = re.compile(r"(?:EU|EEA|ETA|EES|EFTA)\b\S*|[A-ZÅÄÖ][a-zåäö]{2,}\S*")
_MODIFIER = re.compile(
    r"valid|driving|driver['’]?s|residence|work(?:ing)?|security|social|health|hygiene|class|category|"
    r"voimassa|oleva\w*|giltig\w*",
    re.I,
)
"""Lower-case words between a country's adjective and its document ("Finnish driving licence")."""
_TOKEN = re.compile(r"(?:[^\s,;:.!?()]|[:.](?=\w))+|[,;:.!?()]")


def names_a_document(after: str) -> bool:
    """Whether the words `after` a language's name make it a country's adjective: a document or
    status word (`_DOCUMENT`) within the next three words, before any word about language
    (`_TALKS_LANGUAGE`) or punctuation, also after "or"/"tai"/"eller" and another country ("a
    Finnish D licence", "Finnish or EU driving licence", "Suomen tai EU:n ajokortti", "Suomen
    kansalaisuus", "finska D-körkort"; not "Finnish language certificate", "Finnish B2", "suomi,
    hygieniapassi")."""
    tokens = _TOKEN.findall(after[:120])
    i = 0
    if tokens and _COUNTRY_JOIN.fullmatch(tokens[0]):
        j = 2 if len(tokens) > 2 and _OTHER.fullmatch(tokens[1]) else 1  # "tai muun EU-maan"
        if j < len(tokens) and _COUNTRY.fullmatch(tokens[j]):
            if _DOCUMENT.fullmatch(tokens[j].split("-")[-1]):
                return True  # "tai EU-ajokortti"
            i = j + 1  # "or EU driving licence", "tai EU:n ajokorttia"
    for token in tokens[i : i + 3]:
        if not re.match(r"\w", token) or _TALKS_LANGUAGE.fullmatch(token):
            return False
        if _DOCUMENT.fullmatch(token) or _DOCUMENT.fullmatch(token.split("-")[-1]):
            return True  # "licence", "EU-ajokorttia", "EA1-kortti"
        if not (token[0].isupper() or token[0].isdigit() or _MODIFIER.fullmatch(token)):
            return False  # "Finnish and a driving licence": the licence is another requirement
    return False


_PAIRED_ADJECTIVE = re.compile(r"\s+(?:and|or|&|/)\s+[A-Z][a-z]+(\s+[a-z])")
"""A second capitalised word joined to a name and followed by a lower-case word ("Meru and Kamba
customers"): with no `_ENGLISH_FOLLOWER` there, the pair are adjectives."""
_ENGLISH_HOMONYMS = frozenset({"Polish"})
"""English language names that are also common words ("Polish and clean the floors"): read as the
language only in a sentence with a word about language (`_ENGLISH_CUE`)."""


@dataclass(frozen=True, eq=False)
class OtherLanguageNames:
    """Swedish and English names of the languages of ESCO's language skills.

    swedish, english : ((ISO 639 code, compiled pattern), …)
    bare : code → URI of the skill whose English label is the bare name ("Finnish"); a code
        without one is absent
    """

    swedish: tuple[tuple[str, re.Pattern[str]], ...]
    english: tuple[tuple[str, re.Pattern[str]], ...]
    bare: dict[str, str]
    cue_only: frozenset[str] = frozenset()
    """codes whose English name counts only beside a word about language (`_ENGLISH_CUE`) and
    capitalised, as `_ENGLISH_HOMONYMS` do: the languages without an ESCO skill (`named_languages`),
    whose English names include place and people names ("Kamba", "Sena", "Meru")"""
    by_prefix: dict[str, tuple[int, ...]] | None = None
    """the first three letters of every name (lower case) → the positions in `swedish` (positive) and
    `english` (``-1 - i``) of the names starting so: when given, `mentions` looks only at the names a word
    of the sentence can start (about 300 languages' names would otherwise be searched one by one in
    every sentence)"""

    def mentions(self, sentence: str, *, cued: bool = False) -> list[tuple[str, int, int]]:
        """(code, start, end) of each Swedish or English language name in `sentence`, in order of
        the patterns (unsorted; overlapping spans possible). A Swedish name counts with a word
        about language or requirement in the sentence (`_SWEDISH_CUE`), with `cued` (the sentence
        is under a requirement heading: "Vaatimukset:" / "- svenska"), in a sentence that is
        nothing but a list of names ("3) Svenska och finska", outside tester 18, P5), or where a
        name's own neighbours make it the language ("på svenska", "finska svag":
        `_named_as_language`)."""
        out: list[tuple[str, int, int]] = []
        swedish, english = self.swedish, self.english
        if self.by_prefix is not None:
            at = {i for w in re.findall(r"\w+", sentence) for i in self.by_prefix.get(w[:3].lower(), ())}
            if not at:
                return out
            swedish = tuple(self.swedish[i] for i in sorted(i for i in at if i >= 0))
            english = tuple(self.english[-1 - i] for i in sorted((i for i in at if i < 0), reverse=True))
        lower = sentence.lower()
        if (
            cued
            or _SWEDISH_CUE.search(sentence)
            or self._names_only(sentence)
            or self._named_as_language(lower, swedish)
        ):
            for c, rx in swedish:
                for m in rx.finditer(lower):
                    after = lower[m.end() :]
                    if (
                        m.group().endswith("a")
                        and "språkig" not in m.group()
                        and (
                            (re.match(r"\s+[a-zåäö]", after) and not _SWEDISH_FOLLOWER.match(after))
                            or re.search(r"\b(?:det|den|de)\s+$", lower[: m.start()])
                            or names_a_document(sentence[m.end() :])
                        )
                    ):
                        continue  # "svenska kunder", "det finska hygienpasset": the country's adjective
                    if (
                        c in self.cue_only
                        and sentence[m.start()].isupper()
                        and not re.search(r"(?:skan?|språkig\w*)$", m.group())
                    ):
                        continue  # "Meru", "Dari": spelt as in English, which reads it (`english`)
                    out.append((c, m.start(), m.end()))
        cue = _ENGLISH_CUE.search(sentence) is not None
        for c, rx in english:
            for m in rx.finditer(sentence):
                homonym = m.group().capitalize() in _ENGLISH_HOMONYMS or c in self.cue_only
                if m.group()[0].islower() and (not cue or homonym):
                    continue  # a name typed in lower case counts beside a word about language ("good english
                    # skills", issue 12), never a common word's ("polish the floors")
                if cue or not homonym:
                    after = sentence[m.end() :]
                    if (
                        re.match(r"\s+[a-z]", after) and not _ENGLISH_FOLLOWER.match(after)
                    ) or names_a_document(after):
                        continue  # "Finnish hygiene passport", "a Finnish D licence": the country's adjective
                    if c in self.cue_only and (
                        (pair := _PAIRED_ADJECTIVE.match(after)) is not None
                        and not _ENGLISH_FOLLOWER.match(after, pair.start(1))
                    ):
                        continue  # "Meru and Kamba customers": both the peoples' adjectives
                    out.append((c, m.start(), m.end()))
        return out

    @staticmethod
    def _named_as_language(lower: str, swedish: tuple[tuple[str, re.Pattern[str]], ...]) -> bool:
        """Whether a Swedish name of `swedish` in `lower` (a sentence in lower case) is the language
        by the words right around it, with no other word about language in the sentence: "på"
        before it (`_SWEDISH_IN_LANGUAGE`: "användarstöd på svenska, finska och engelska") or a word
        of how well ending its clause after it (`_SWEDISH_LEVEL_AFTER`: "finska svag", "svenska
        flytande"); the other names of the sentence then count as with such a word (session 40)."""
        return any(
            _SWEDISH_IN_LANGUAGE.search(lower, 0, m.start()) or _SWEDISH_LEVEL_AFTER.match(lower, m.end())
            for _, rx in swedish
            for m in rx.finditer(lower)
        )

    def _names_only(self, sentence: str) -> bool:
        """Whether `sentence` is two or more Swedish names joined by list words and nothing else
        (list markers and punctuation aside): "3) Svenska och finska", "- svenska, finska och engelska"."""
        lower = sentence.lower()
        hits = [m for _, rx in self.swedish for m in rx.finditer(lower)]
        if len(hits) < 2:
            return False
        chars = list(lower)
        for m in hits:
            chars[m.start() : m.end()] = " " * (m.end() - m.start())
        rest = _LIST_WORD.sub(" ", "".join(chars))
        return re.fullmatch(r"[\s\W\d]*", rest) is not None

    def codes(self, sentence: str) -> list[str]:
        """The codes of the languages `sentence` names (`mentions`), each once, in text order."""
        return list(dict.fromkeys(c for c, _, _ in sorted(self.mentions(sentence), key=lambda m: m[1])))

    def blank(self, sentence: str) -> str:
        """`sentence` with every name `mentions` finds blanked out."""
        spans = sorted((s, e) for _, s, e in self.mentions(sentence))
        out, at = [], 0
        for s, e in spans:
            if s >= at:
                out += [sentence[at:s], " "]
                at = e
        return "".join(out) + sentence[at:]


@lru_cache(maxsize=4)
def other_language_names(taxonomy: Taxonomy) -> OtherLanguageNames:
    """`OtherLanguageNames` of `taxonomy`'s language skills; computed once per taxonomy."""
    m = language_skill_map(taxonomy)
    labels = taxonomy.tables.skill_labels["en"]
    bare = {c: taxonomy.skill_uris[j] for j, c in m.code_of.items() if not _LANGUAGE_SKILL.match(labels[j])}
    swedish, english = [], []
    for code in sorted(set(m.codes)):
        sv = str(Language.get(code).display_name("sv")).lower()
        en = str(Language.get(code).display_name("en"))
        if re.fullmatch(r"[a-zåäö]+", sv):  # "svenska" → "svenskan", "svenskspråkig"
            stem = sv[:-1] if sv.endswith("a") else sv
            swedish.append((code, re.compile(rf"\b(?:{sv}n?|{stem}språkig\w*)\b")))
        if re.fullmatch(r"[A-Z][a-z]+", en):  # (in lower case too: "Fluent english required.")
            english.append((code, re.compile(rf"\b(?:{en}|{en.lower()})\b")))
    return OtherLanguageNames(tuple(swedish), tuple(english), bare)


@lru_cache(maxsize=4)
def extra_language_names(taxonomy: Taxonomy) -> OtherLanguageNames:
    """`OtherLanguageNames` (Swedish and English) of the languages a person can name
    (`language_name_entries`) that `taxonomy` has no language skill for ("somaliska", "Tagalog",
    "dari"), every English one read as `OtherLanguageNames.cue_only`; no `bare` skills."""
    esco = set(language_skill_map(taxonomy).codes)
    swedish, english = [], []
    names_sv: list[tuple[str, str]] = []
    names_en: list[tuple[str, str]] = []
    for code, _, sv_name, en_name in language_name_entries():
        if code in esco:
            continue
        sv = sv_name.lower()
        if re.fullmatch(r"[a-zåäö]+", sv):
            stem = sv[:-1] if sv.endswith("a") else sv
            swedish.append((code, re.compile(rf"\b(?:{sv}n?|{stem}språkig\w*)\b")))
            names_sv.append((code, sv))
        if re.fullmatch(r"[A-Z][a-z]+", en_name):
            english.append((code, re.compile(rf"\b(?:{en_name}|{en_name.lower()})\b")))
            names_en.append((code, en_name))
    codes = frozenset(c for c, _ in english)
    by_prefix: dict[str, set[int]] = {}
    for i, (_, sv_name) in enumerate(names_sv):
        by_prefix.setdefault(sv_name[:3], set()).add(i)
    for i, (_, en_name) in enumerate(names_en):
        by_prefix.setdefault(en_name[:3].lower(), set()).add(-1 - i)
    return OtherLanguageNames(
        tuple(swedish),
        tuple(english),
        {},
        cue_only=codes,
        by_prefix={p: tuple(ix) for p, ix in by_prefix.items()},
    )
