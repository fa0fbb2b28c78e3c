"""Language requirements read from a job ad's words, clause by clause: which languages a sentence
requires, waives or counts only as a plus, at which CEFR level, and which it offers as a choice.

One rule for both services (outside tester 35, F2): matching suggests the languages
(`services/matching/index/domain/language_requirements.py`, names from ESCO's language skills) and
the vacancy service names the ones the employer has not confirmed (`requirements_unconfirmed`,
`services/vacancy/requirement_words.py`, names of Finnish, Swedish and English); each finds the
names, this reads what the words around them say. Moved here from matching's module unchanged but
for that parameter (`read_requirements(text, named)`). Pure (standard library only).

What follows is matching's account of the rule:

Language requirements read from a job ad as what they are: a language and, when the text says
it, a CEFR level (outside tester N4).

"Edellytämme sujuvaa suomen kielen taitoa", "Du talar flytande svenska", "Fluent Finnish
required": recognition finds the ESCO language skill ("Finnish"), which the employer may accept as
a skill; the same sentence also says which language the job needs and how well, which is what the
vacancy's hard language requirements (`Vacancy.languages`) and a jobseeker's profile
(`Candidate.languages`) hold. `language_requirements` reads it so that the employer can accept it
there. The languages are those of ESCO's language skills (`spoken.language_skill_map`): named in
Finnish in any case form (`recognition.FinnishLanguageNames`: "suomen kielen", "ruotsia",
"englanniksi"), in Swedish and English by their ``langcodes`` names ("svenska", "finskan",
"Swedish") beside a word about language ("talar", "språk", "speak", "fluent", "skills" …).

Levels (`LEVEL_CUES`), the nearest cue in the same clause, else the sentence's one cue: a CEFR
code as written ("B2", "taso C1"); native: "äidinkieli", "natiivi", "modersmål", "native",
"mother tongue" (not "non-native"); C1: "erinomainen", "utmärkt", "excellent"; B2: "sujuva",
"flytande", "fluent", "hyvä", "god", "good" (and their adverbs after the name: "puhuu suomea
hyvin", "talar finska bra", "speaks Finnish well"); B1: "tyydyttävä", "nöjaktig", "satisfactory";
A2: "perus-", "perusteet", "auttava", "grundläggande", "basic"; A1: "vähän", "lite", "a little",
"heikosti", "svag", "poor" (outside tester 17, P4/P5). Two levels joined by "or" ("äidinkielenäsi
tai erinomaisesti", "B2 tai C1") give the lower: either suffices, and the level becomes a filter
(`_lower_of_choices`). Fluent is read as B2, the
CEFR's first level described by fluency ("can interact with a degree of fluency and
spontaneity"), not C1: the level becomes a hard filter once accepted, and reading more into
"fluent" than B2 would drop the candidates the employer most likely meant. "Hyvä", "tyydyttävä"
and "erinomainen" (Swedish "god", "nöjaktig", "utmärkt") are the three levels of the Finnish
state's language requirements (Valtioneuvoston asetus 481/2003, valtion henkilöstön
kielitaitovaatimukset: erinomainen ≈ taitotaso 5–6, C1; hyvä ≈ taitotaso 4, B2; tyydyttävä ≈
taitotaso 3, B1), which is how Finnish employers use the words (outside tester 15, P9); English
"good" is read as "hyvä", so that an ad in two languages gives one level. A negated level says
nothing ("Finnish need not be your mother tongue"). No cue: no level (the employer chooses one,
and confirms every suggestion before it filters).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from services.kernel.negation import LITOTES, negated_spans
from services.kernel.sentences import sentences, within_reach


@dataclass(frozen=True, slots=True)
class LanguageRequirement:
    """A language a text requires: `code` ISO 639 (shortest form), `level` one of
    `model.LANGUAGE_LEVELS` or None when the text says none; `sentence` the sentence saying it;
    `alternatives` the codes of the languages the text accepts instead of it ("Äidinkielesi on
    suomi tai ruotsi": one requirement, fi with ("sv",)), empty when it requires this one;
    `required` False when the text only counts the language as a plus ("Finnish is a plus",
    "finska är en merit", "suomen kielen taito on plussaa", under "Eduksi katsotaan:"), which is
    then no hard requirement."""

    code: str
    level: str | None
    sentence: str
    alternatives: tuple[str, ...] = ()
    required: bool = True


_WEAKER = (
    r"vähän|hieman|heikosti|huonosti|alkeellisesti|auttavasti|välttävästi|tyydyttäv\w*|kohtalai\w*|"
    r"sujuv\w*|erinomai\w*|perus\w*"
)
"""Level words "hyvin" ("very") only strengthens: "hyvin vähän" is A1, "hyvin sujuvasti" B2."""

LEVEL_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "native",
        re.compile(
            r"(?<!non-)(?<!non )(?<!ei-)\b(?:äidinkie\w*|natiivi\w*|syntyperäi\w*|modersmål\w*|native\w*|"
            r"mother\s+tongue|first\s+language)",
            re.I,
        ),
    ),
    ("C1", re.compile(r"\b(?:erinomai\w*|utmärkt\w*|excellent\w*)\b", re.I)),
    (
        "B2",
        re.compile(
            r"\b(?:sujuv\w*|flytande|fluen\w*|hyv(?:ä|ää|ät|iä|än|ällä)|god|goda|gott|good|bra|väl|"
            r"vahv(?:a|aa|an|at|oja|asti)|stark|starka|starkt|strong|"
            rf"hyvin(?!\s+(?:{_WEAKER}))|(?<!as\s)well(?!\s+as\b)(?!-))\b",
            re.I,
        ),
    ),
    (
        "B1",
        re.compile(
            r"\b(?:tyydyttäv\w*|nöjaktig\w*|satisfactor\w*|kohtalai\w*|hygglig\w*|hyfsa\w*|"
            r"tillfredsställande|fair|fairly\s+well|moderate\w*|kohtuulli\w*|working\s+knowledge|"
            r"conversational)\b",
            re.I,
        ),
    ),
    (
        "A1",
        re.compile(
            r"\b(?:lite|a\s+little|some|vähän|hieman|jonkin\s+verran|alkeet|alkeis\w*|alkeita|"
            r"heikko\w*|heikosti|heikkoa|huono\w*|huonosti|svag\w*|dålig\w*|poor\w*|weak\w*|limited)\b",
            re.I,
        ),
    ),
    (
        "A2",
        re.compile(
            r"\b(?:perus(?:taso\w*|taito\w*|tie\w*|kielitai\w*|teet|teita|teiden|teista|teissa|teissä|teilla|"
            r"teillä)|auttav\w*|välttäv\w*|grundläggande|hjälplig\w*|basic\w*|elementary|basics)\b",
            re.I,
        ),
    ),
)
"""Words that say a level, each read as the CEFR level given (the module's docstring says why)."""

_CEFR = re.compile(r"(?<![\w-])([ABC][12])(?!\w)(?!-(?!tas|nivå|niv|level))")
"""A CEFR code as written, also "B1-tasolla" / "B2-nivå" (not a licence class: "C1-ajokortti")."""


Mentions = Callable[[str, bool], list[tuple[str, int, int]]]
"""How a service finds the languages a sentence names: (sentence, cued) → (ISO 639 code, start,
end) of each name, in order, once per start; `cued` when the sentence is under a requirement heading
("Vaatimukset:", "Requirements:"), where a bare name is a language."""


_SHOUTED = re.compile(r"\b[^\W\d_]{3,}\b")
_LOWER_CEFR = re.compile(r"(?<![\w-])([abc][12])(?![\w-])")


def as_cased(text: str) -> str:
    """`text` (str) with every word of three or more letters written in capitals capitalised ("LANGUAGES:
    SOMALI (NATIVE)" → "Languages: Somali (Native)") and a CEFR code in lower case written in capitals
    ("finnish b1" → "finnish B1"), offsets kept (a word whose length would change stays as written): a CV or
    an ad in capitals or typed in lower case names its languages and levels as one written as usual
    (outside tester 36b, J6: both gave no language)."""

    def word(m: re.Match[str]) -> str:
        w = m.group()
        if not w.isupper():
            return w
        out = w[0] + w[1:].lower()
        return out if len(out) == len(w) else w

    return _LOWER_CEFR.sub(lambda m: m.group().upper(), _SHOUTED.sub(word, text))


_NOT_A_LEVEL = re.compile(
    r"\b(?:bra\s+att\s+kunna|hyvä\s+(?:osata|bonus|lisä)|good\s+to\s+know|good\s+bonus|ett\s+bra\s+plus)\b",
    re.I,
)
"""Level words that say a plus, not how well ("Finska är bra att kunna", "hyvä osata"; outside tester 36b, J6)."""
_NATIVE_HEADING = re.compile(
    r"^\W*(?:äidinkie\w*|modersmål\w*|mother\s+tongues?|native\s+languages?|first\s+languages?)\s*:\s*",
    re.I,
)
"""A mother-tongue heading at a sentence's start ("Äidinkieli: tigrinja.", "Modersmål: persiska.", "Mother
tongue: Somali"): the names after it up to the next heading or ";" are native (outside tester 36b, J6)."""
_NEXT_HEADING = re.compile(r";|\b[^\W\d_]+\s*:")


def _native_under_heading(
    sentence: str, mentions: Sequence[tuple[str, int, int]], levels: list[str | None]
) -> None:
    """Give the mentions after a mother-tongue heading (`_NATIVE_HEADING`) that have no level "native",
    in place."""
    heading = _NATIVE_HEADING.match(sentence)
    if heading is None:
        return
    stop = _NEXT_HEADING.search(sentence, heading.end())
    end = stop.start() if stop else len(sentence)
    for i, (_, start, _) in enumerate(mentions):
        if heading.end() <= start < end and levels[i] is None:
            levels[i] = "native"


def read_requirements(text: str, named: Mentions) -> list[LanguageRequirement]:
    """The languages `text` (a job ad's title or description, Finnish, Swedish or English) names as
    requirements, found in each sentence by `named` (the caller's names: matching's from ESCO, the
    vacancy service's for Finnish, Swedish and English), each once, in
    the order first named, with the level its words give (`_levels_of`; the highest where it is
    named twice), whether it is required or only a plus (`_optional_of`; required once any
    sentence requires it) and the languages it is offered as a choice with (`_alternatives_of`;
    a choice is one requirement, of its first language, with the others as `alternatives`; none
    once a sentence requires the language alone, and a choice one of whose languages is required
    alone is no requirement of its own). Never raises."""
    found: dict[str, LanguageRequirement] = {}
    for paragraph in re.split(r"\n\s*\n", dash_before_level(as_cased(text))):
        plus_heading = False  # under "Eduksi katsotaan:", "Meriterande:", "Nice to have:"
        not_heading = False  # under "Emme edellytä:", "Not required:", "Inget krav:"
        need_heading = False  # under "Vaatimukset:", "Vi förutsätter:", "Requirements:"
        for sentence in map(within_reach, sentences(paragraph)):  # (tester 36b, J1)
            heading = sentence.rstrip().endswith(":")
            mentions = named(sentence, need_heading)
            if heading and not mentions:
                plus_heading = bool(_PLUS.search(sentence))
                need_heading = not plus_heading and bool(_NEEDED.search(sentence))
                # the negation reaches the colon: not "Kokemusta ei vaadita, mutta edellytämme:"
                ends = [e for _, e in negated_spans(sentence)]
                not_heading = not plus_heading and any(e >= len(sentence.rstrip(" :")) for e in ends)
                continue
            if not_heading:
                need_heading = False
                continue
            linked = _linked(sentence, mentions)
            choices = _alternatives_of(sentence, mentions, linked)
            said, spans = _said(sentence, mentions, linked)
            masked = _blanked(sentence, spans)  # a level or a plus in words negated says nothing
            masked = _lower_of_choices(masked)  # "äidinkielenäsi tai erinomaisesti": C1 suffices
            plus = _optional_of(masked, mentions, linked)
            optional = [plus_heading or o or s == "plus" for o, s in zip(plus, said, strict=True)]
            # "bra att kunna" says a plus, not a level
            levels = _levels_of(_NOT_A_LEVEL.sub(lambda m: " " * len(m.group()), masked), mentions, linked)
            _one_level_of_a_choice(masked, mentions, levels)
            _native_under_heading(masked, mentions, levels)
            for i, (code, _, _) in enumerate(mentions):
                if said[i] == "not":
                    continue  # "Suomen kielen taitoa ei vaadita", "Finska krävs inte" (tester 15, P1)
                level = levels[i]
                if level is None and choices[i]:  # "svenska eller finska flytande": the choice's level
                    level = max((levels[k] for k, m in enumerate(mentions) if m[0] in choices[i]), key=_rank)
                old = found.get(code)
                if old is None:
                    found[code] = LanguageRequirement(code, level, sentence, choices[i], not optional[i])
                    continue
                # a choice stays a choice only while every sentence naming the language offers one
                others = (
                    tuple(dict.fromkeys(old.alternatives + choices[i]))
                    if old.alternatives and choices[i]
                    else ()
                )
                best = level if _rank(level) > _rank(old.level) else old.level
                found[code] = LanguageRequirement(
                    code, best, old.sentence, others, old.required or not optional[i]
                )
    out: list[LanguageRequirement] = []
    for r in found.values():
        if r.alternatives and any(
            (o := found.get(c)) is not None and o.required and not o.alternatives for c in r.alternatives
        ):
            continue  # "Englanti vaaditaan. … suomi tai englanti": English is required anyway
        if r.alternatives and any(c in r.alternatives for o in out if o.alternatives for c in [o.code]):
            continue  # the choice is already one requirement, of its first language
        out.append(r)
    return out


_DASH_LEVEL = re.compile(r"(?<=\w)\s+[–—]\s+(?=([^\n,;.!?/]*))")


def dash_before_level(text: str) -> str:
    """`text` with a spaced en or em dash written between a name and its level as a hyphen ("Estonian –
    basic", "somali — äidinkieli", "English – B2"), so that the sentence splitter (`sentences`, which
    splits at such a dash) keeps the level with the name it is of (outside tester 36, H3: "Estonian –
    basic" gave Estonian without a level). Only where the clause after the dash is nothing but a level
    (`_only_a_level`, or a CEFR code alone): a dash before other words still ends a sentence. A caller
    that splits the text into sentences itself first (matching's `suggested_languages`) calls it before."""

    def join(m: re.Match[str]) -> str:
        clause = m.group(1)
        alone = re.fullmatch(r"\s*\(?\s*[ABC][12]\s*\)?\s*", clause) is not None
        return " - " if alone or _only_a_level(clause) else m.group()

    return _DASH_LEVEL.sub(join, text)


_WITHOUT = re.compile(r"\b(?:ilman|without|utan)\s+(?:\w+\s+){0,3}?$", re.I)
""""ilman suomen kielen taitoa", "without Finnish", "utan kunskaper i finska": up to a name."""
_DOES_NOT_SPEAK = re.compile(
    r"\b(?:en|et|emme|ette|eivät)\s+(?:\w+\s+)?(?:puhu|osaa|hallitse|ymmärrä|tarvitse|tarvita|vaadi)\b", re.I
)
"""Finnish verbs of language negated in the persons `recognition_text.NEGATION_BEFORE` leaves to
skills ("Hakea voivat myös ne, jotka eivät puhu suomea", "Jos et osaa suomea")."""
_NOT_ENOUGH = re.compile(
    r"\b(?:is|are)\s+not\s+(?:\w+\s+)?(?:enough|sufficient)\b|\b(?:isn't|aren't)\s+(?:\w+\s+)?(?:enough|sufficient)\b"
    r"|\bnot\s+enough\b|\binsufficient\b|\bei\s+(?:\w+\s+)?riitä\w*|\bei\s+ole\s+riittävä\w*"
    r"|\bräcker\s+inte\b|\binte\s+(?:\w+\s+)?räcker\b|\b(?:är\s+)?inte\s+tillräck\w*",
    re.I,
)
"""A language said not to be enough after its name, in its clause ("English is not enough", "pelkkä englanti
ei riitä", "engelska räcker inte"; outside tester 35b, G6): not a requirement of that language (another
language is asked for), so not one to confirm as a filter."""
_CANNOT = re.compile(
    r"\b(?:cannot|can't|can\s+not|could\s+not|couldn't|won't\s+be\s+able|not\s+(?:be\s+)?possible|impossible"
    r"|(?:en|et|ei|emme|ette|eivät)\s+voi\w*|ei\s+(?:ole\s+)?mahdollis\w*|ei\s+onnistu\w*|mahdoton\w*"
    r"|kan\s+(?:\w+\s+)?inte|går\s+(?:\w+\s+)?inte|inte\s+(?:är\s+)?möjlig\w*|omöjlig\w*)\b",
    re.I,
)
"""An ability negated ("You cannot work here", "et voi toimia", "kan du inte"): with "without", "ilman",
"utan" before a language in the sentence, a double negative that requires it ("You cannot work here without
fluent Finnish", "Ilman sujuvaa suomea et voi toimia tehtävässä"; outside tester 35b, G6)."""
_IF = re.compile(r"\s*(?:jos|mikäli|om|if)\b", re.I)
"""A clause of condition, which the plus before it is about ("Eduksi, jos osaat ruotsia")."""
_INTE = re.compile(r"\b(?:inte|ej|icke)\b", re.I)
_BUT = re.compile(r"\b(?:mutta|muttei|vaan|but|men|though|although|however)\b", re.I)


def said_without(sentence: str, start: int) -> bool:
    """Whether "ilman", "without" or "utan" stands at most three words before offset `start` of
    `sentence`, in its clause ("You can apply without a driving licence", "ilman ajokorttia"; not
    the "but" of "inte svenska utan finska"): what starts at `start` is not needed. The vacancy
    service reads licences and cards by it, as `_said` reads languages."""
    cuts = [m.end() for m in _CLAUSE_START.finditer(sentence, 0, start)]
    lo = max([*cuts, 0])
    without = _WITHOUT.search(sentence, lo, start)
    if without and without.group().lower().startswith("utan") and _INTE.search(sentence, lo, without.start()):
        return False
    return without is not None


def _said(
    sentence: str, mentions: Sequence[tuple[str, int, int]], linked: Sequence[bool]
) -> tuple[list[str], list[tuple[int, int]]]:
    """For each mention, "not" when the sentence says the language is not needed or lacking (in a
    span of `recognition_text.negated_spans`: "Suomen kielen taitoa ei vaadita", "Finska krävs
    inte", "No Finnish needed", "Asiakas ei puhu suomea"; or after "ilman", "without", "utan"),
    "plus" when a contrast then counts it as a plus ("Ruotsin kielen taito ei ole välttämätön
    mutta eduksi", "Finnish is not required but is a plus"), else "yes"; a list of names shares
    the word of its first or last name ("Finnish, Swedish or English not required"). Also the
    spans, for the words in them to say no level and no plus (outside tester 15, P1)."""
    # "ei ole pahitteeksi", "skadar inte", "would not hurt": a plus, its negation word no negation
    litotes = [(m.start(), m.end()) for m in LITOTES.finditer(sentence)]
    spans = [(s, e) for s, e in negated_spans(sentence) if not any(a <= s < b for a, b in litotes)]
    for cue in _DOES_NOT_SPEAK.finditer(sentence):  # "jotka eivät puhu suomea": to the clause's end
        stop = [m.start() for m in _CLAUSE_END.finditer(sentence, cue.end())] + [len(sentence)]
        spans.append((cue.start(), min(stop)))
    out: list[str] = []
    for i, (_, start, end) in enumerate(mentions):
        inside = [(s, e) for s, e in spans if s <= start < e]
        cuts = [m.end() for m in _CLAUSE_START.finditer(sentence, 0, start)]
        lo = max(cuts + ([mentions[i - 1][2]] if i else []) + [0])
        without = _WITHOUT.search(sentence, lo, start)
        if (
            without
            and without.group().lower().startswith("utan")
            and _INTE.search(sentence, max([*cuts, 0]), without.start())
        ):
            without = None  # "inte svenska utan finska": "utan" is "but"
        clause_end = min([m.start() for m in _CLAUSE_END.finditer(sentence, end)] + [len(sentence)])
        if without and _CANNOT.search(sentence, max([*cuts, 0]), clause_end):
            out.append("yes")  # "You cannot work here without fluent Finnish": required (tester 35b, G6)
            continue
        limit = mentions[i + 1][1] if i + 1 < len(mentions) else len(sentence)
        enough_stop = min([m.start() for m in _CLAUSE_END.finditer(sentence, end)] + [limit])
        if _NOT_ENOUGH.search(sentence, end, enough_stop):
            out.append("not")  # "English is not enough": not a requirement of English (tester 35b, G6)
            continue
        if not inside and not without:
            out.append("yes")
            continue
        span_end = max([e for _, e in inside] + [end])
        plus = _PLUS.search(sentence, min(span_end, limit), limit)
        out.append("plus" if plus and _BUT.search(sentence, end, plus.start()) else "not")
    i = 0
    while i < len(mentions):
        j = i
        while j + 1 < len(mentions) and linked[j + 1]:
            j += 1
        shared = out[j] if out[j] != "yes" else out[i]
        if shared != "yes":
            for k in range(i, j + 1):
                out[k] = shared
        i = j + 1
    return out, spans


def _blanked(sentence: str, spans: Sequence[tuple[int, int]]) -> str:
    """`sentence` with the characters of `spans` replaced by spaces (offsets stay)."""
    chars = list(sentence)
    for s, e in spans:
        chars[s:e] = " " * (e - s)
    return "".join(chars)


def waived(sentence: str, mentions: Sequence[tuple[str, int, int]]) -> frozenset[str]:
    """The codes of the languages of `mentions` ((code, start, end) of each name in `sentence`, in
    order) that `sentence` names only as not needed or lacking (`_said`: "Finnish, Swedish or
    English not required", "You can work without Finnish")."""
    if not mentions:
        return frozenset()
    said, _ = _said(sentence, mentions, _linked(sentence, mentions))
    kept = {code for (code, _, _), s in zip(mentions, said, strict=True) if s != "not"}
    return frozenset(code for (code, _, _), s in zip(mentions, said, strict=True) if s == "not") - kept


_READY = (
    r"(?:beredskap\w*|beredd\w*|villig\w*|vilja|valmiu\w*|valmis|valmiina|halukk\w*|"
    r"willing\w*|readiness|ready\s+to|prepared\s+to)"
)
"""Words that say one is ready to meet a requirement later (Swedish, Finnish, English): after "eller",
"tai", "or" and up to three words ("eller att du är villig att ta det") the requirement before them is a
plus (`_PLUS`, `skill_plus.parts`)."""
_PLUS = re.compile(
    r"\b(?:plus\w*|eduksi|eduksesi|etuna|hyödyksi|toivottav\w*|arvost\w*|merit\w*|meriit\w*|fördel\w*|"
    r"valttia|valtti|valttina|hyötyä|"
    # usefulness said as such ("Ruotsin kielen taito on hyödyllinen.", "Some Finnish helps but is not
    # a must.", "svenska är till nytta"; outside tester 36, H3: both were read as required)
    r"hyödylli\w*|hyväksi|avuksi|helpotta\w*|(?<!-)etu|nytt(?:a|ig\w*)|användbar\w*|underlätta\w*|"
    r"till\s+hjälp|helps|handy|on\s+(?:\w+\s+)?apua|"
    r"önskvärd\w*|advantage\w*|asset|bonus|preferred|preferably|desirable|nice\s+to\s+have|"
    r"beneficial|optional|valinnai\w*|vapaaehtoi\w*|frivillig\w*|haitaksi|pahitteeksi|haittaa|hurt|helpful|"
    r"useful|would\s+be\s+(?:nice|great|good|helpful|useful)|welcom\w*|tervetull\w*|välkom\w*|"
    r"skadar|skada|"
    # a requirement one may meet later: "körkort B eller beredskap att avlägga det", "tai valmius
    # hankkia se", "or willingness to obtain one" (outside tester 32: the licence was essential)
    r"(?:eller|tai|or)\s+(?:\w+\s+){0,3}?" + _READY + r"|"
    # a welcome said as gladness to hire (outside tester 18, P9: "We are also happy to hire
    # English-speaking cooks!" was a required English)
    r"(?:happy|glad|pleased|delighted)\s+to\s+(?:hire|welcome|employ|recruit|have|consider|receive|accept)|"
    r"mielellämme|(?:anställer|tar\s+emot|välkomnar|rekryterar)\s+(?:\w+\s+)?gärna|gärna\s+emot)\b",
    re.I,
)
"""Words that say a language is a plus, not a requirement (English, Finnish, Swedish); a welcome is
a plus at most ("We also welcome English speakers!", outside tester 16, P8: it was required)."""
_NO_REQUIREMENT = re.compile(
    r"\b(?:inget\s+krav|inte\s+(?:ett\s+)?krav|ej\s+(?:ett\s+)?krav|not\s+(?:a\s+)?(?:requirement|must|required)|"
    r"ei\s+(?:ole\s+)?(?:vaatimus|pakollinen|välttämätön|edellytys)|bra\s+att\s+kunna|good\s+to\s+know|"
    r"nice\s+to\s+know|hyvä\s+osata|(?:is|are|would\s+be)\s+nice)\b",
    re.I,
)
"""No requirement said after a language that is named as good to know (outside tester 36b, J6: "Finska är
bra att kunna men inget krav" was read as required): a plus. Not read in a heading ("Not required:",
"Inget krav:" waive the list under them)."""
_WELCOME = re.compile(
    r"welcom\w*|tervetull\w*|välkom\w*|(?:happy|glad|pleased|delighted)\s+to\s+\w+|mielellämme|.*gärna.*",
    re.I,
)
_NON_NATIVE = re.compile(r"\bnon[- ]native\b|\bei[- ](?:natiivi|syntyperäi)\w*|\bicke[- ]infödd\w*", re.I)
_NEEDED = re.compile(
    r"\b(?:required|requires?|requirement\w*|must|mandatory|essential|necessary|needed|enough|"
    r"edellyt\w*|vaadi\w*|vaadit\w*|vaatimu\w*|välttämät\w*|riittä\w*|krav\w*|krävs|kräver|måste|"
    r"förutsätt\w*|räcker)\b",
    re.I,
)
"""Words that say a language is needed (a plus cue after them is about something else)."""
_WORD_JOIN = re.compile(r"^\s*(?:,\s*)?(?:ja|tai|sekä|och|eller|samt|and|or|&|/)\s*$", re.I)
_COMMA_JOIN = re.compile(r"^\s*,\s*$")
_CLAUSE_END = re.compile(r"[,;:/]|\s[-–—]\s")
_CLAUSE_START = re.compile(r"[,;/]|\s[-–—]\s")


def _linked(sentence: str, mentions: Sequence[tuple[str, int, int]]) -> list[bool]:
    """For each mention, whether it continues a list of names with the one before: joined by
    "ja", "tai", "och", "or" … or by a comma in a list that such a word ends ("suomi, ruotsi ja
    englanti"); not by a comma alone ("svenska, finska är en merit": two clauses)."""
    joins = [
        "word"
        if _WORD_JOIN.match(sentence[mentions[k - 1][2] : mentions[k][1]])
        else "comma"
        if _COMMA_JOIN.match(sentence[mentions[k - 1][2] : mentions[k][1]])
        else None
        for k in range(1, len(mentions))
    ]
    out = [False]
    for k, j in enumerate(joins):
        if j == "comma":
            rest = joins[k:]
            nxt = next((x for x in rest if x != "comma"), None)
            if nxt is None:  # "Puhuu suomea, englantia hyvin.": the verb's level after the last name
                run = next((n for n, x in enumerate(rest) if x != "comma"), len(rest))
                out.append(
                    _SPEAKS.search(sentence, 0, mentions[k][1]) is not None
                    and _only_a_level(sentence[mentions[k + run][2] :])
                )
            else:
                out.append(nxt == "word")
        else:
            out.append(j == "word")
    return out[: len(mentions)]


_SPEAKS = re.compile(
    r"\b(?:puhu\w*|osaa\w*|osaat|osaan|hallit\w*|kirjoit\w*|ymmär\w*|talar|talas|skriver|förstår|"
    r"behärsk\w*|kan|speaks?|speaking|writes?|understands?|knows?|master\w*)\b",
    re.I,
)
"""A verb of knowing or using a language: a level word after a comma list of its objects is how
well of them all ("Puhuu suomea, englantia hyvin"), not of a bare list ("Suomi, englanti B2")."""
_INTENSIFIER = re.compile(
    r"\b(?:erittäin|todella|tosi|hyvin|very|really|quite|mycket|riktigt|ganska)\b", re.I
)


def _only_a_level(after: str) -> bool:
    """Whether the clause `after` a list's last name holds nothing but a level word ("hyvin",
    "sujuvasti", "flytande", "fluently"), so that a comma alone joined the list: "Puhuu suomea,
    englantia hyvin." (not "svenska, finska är en merit", "suomi, englanti eduksi", nor a CEFR
    code, which is the level of the name it is written with: "suomi, englanti B2")."""
    clause = _CLAUSE_END.split(after, maxsplit=1)[0]
    clause = re.split(r"[.!?]", clause, maxsplit=1)[0]
    levels = [(m.start(), m.end()) for _, rx in LEVEL_CUES for m in rx.finditer(clause)]
    if not levels or _CEFR.search(clause):
        return False
    chars = list(clause)
    for s, e in levels:
        chars[s:e] = " " * (e - s)
    return not re.search(r"\w", _INTENSIFIER.sub(" ", "".join(chars)))


def _optional_of(
    sentence: str, mentions: Sequence[tuple[str, int, int]], linked: Sequence[bool]
) -> list[bool]:
    """For each mention, whether its clause only counts it as a plus: a plus cue (`_PLUS`) after
    the list it is in, up to the clause's end, with no word of need before it ("Finnish is a
    plus", "finska är en merit", "suomen kielen taito on plussaa"); or one before the list, after
    any word of need, in its clause or before a colon ("Eduksi katsotaan ruotsin kielen taito",
    "Meriterande: finska"); a clause of condition reaches over its comma ("Plussaa, jos osaat
    ruotsia", "Jos puhut ruotsia, se on eduksi")."""
    out = [False] * len(mentions)
    i = 0
    while i < len(mentions):
        j = i
        while j + 1 < len(mentions) and linked[j + 1]:
            j += 1
        start, end = mentions[i][1], mentions[j][2]
        stop = [m.start() for m in _CLAUSE_END.finditer(sentence, end)]
        cuts = [m.end() for m in _CLAUSE_START.finditer(sentence, 0, start)]
        if _IF.match(sentence, max([*cuts, 0]), start):
            # a condition: the plus is in the clause before or after it ("Plussaa, jos osaat
            # ruotsia", "Ei haittaa, jos puhut ruotsia", "Jos puhut ruotsia, se on eduksi")
            cuts, stop = cuts[:-1], stop[1:]
        hi = min(stop + ([mentions[j + 1][1]] if j + 1 < len(mentions) else []) + [len(sentence)])
        lo = max(cuts + ([mentions[i - 1][2]] if i else []) + [0])
        after, before = sentence[end:hi], sentence[lo:start]
        plus_after = _PLUS.search(after) or _NO_REQUIREMENT.search(after)
        plus_before = [m.end() for m in _PLUS.finditer(before)]
        optional = bool(
            (plus_after and not _NEEDED.search(after, 0, plus_after.start()))
            or (plus_before and not _NEEDED.search(before, plus_before[-1]))
        )
        if optional and _NON_NATIVE.search(sentence, lo, start):
            # "Non-native Finnish speakers are welcome": the welcome is to a level, Finnish is spoken
            optional = not (plus_after and _WELCOME.fullmatch(plus_after.group()))
        for k in range(i, j + 1):
            out[k] = optional
        i = j + 1
    return out


_CHOICE = re.compile(r"^\s*(?:,\s*)?(?:tai|eller|or|/)\s*$", re.I)
_LIST_JOIN = re.compile(r"^\s*(?:,|/|tai|eller|or)\s*$", re.I)


def _alternatives_of(
    sentence: str, mentions: Sequence[tuple[str, int, int]], linked: Sequence[bool]
) -> list[tuple[str, ...]]:
    """For each mention, the codes of the other languages it is offered as a choice with: a list
    of names (`_linked`) with at least one "tai", "eller", "or" or "/" between them ("suomi tai
    ruotsi", "svenska eller finska", "Finnish, Swedish or English"), up to an "and" ("suomi ja
    ruotsi tai englanti": Finnish, and Swedish or English); () for the others ("suomi ja
    ruotsi", "suomi, ruotsi ja englanti": each required), and for a name after a comma that ends
    no list ("Svenska eller finska, engelska är en merit": English is a clause of its own, outside
    tester 15, P8)."""
    out: list[tuple[str, ...]] = [() for _ in mentions]
    start = 0
    for i in range(1, len(mentions) + 1):
        if (
            i < len(mentions)
            and linked[i]
            and _LIST_JOIN.match(sentence[mentions[i - 1][2] : mentions[i][1]])
        ):
            continue  # "suomi ja ruotsi tai englanti": Finnish, and Swedish or English
        run = range(start, i)
        if len(run) > 1 and any(
            _CHOICE.match(sentence[mentions[k - 1][2] : mentions[k][1]]) for k in range(start + 1, i)
        ):
            codes = [mentions[k][0] for k in run]
            for k in run:
                out[k] = tuple(c for c in dict.fromkeys(codes) if c != mentions[k][0])
        start = i
    return out


_SEPARATOR = re.compile(r"[,;:/]|\s[-–—]\s")
_COORDINATED = re.compile(r"^\s*(?:,|ja|tai|sekä|och|eller|samt|and|or|&)?\s*$", re.I)
_PARENTHESIS = re.compile(r"^\s*\(([^)]*)\)")
_WORDS_AFTER = re.compile(r"^(?:\W*\w+){0,2}")


_JOIN_WORD = re.compile(r"\b(?:ja|sekä|tai|och|eller|samt|and|or)\b|&|/", re.I)


def _levels_of(
    sentence: str, mentions: Sequence[tuple[str, int, int]], linked: Sequence[bool] | None = None
) -> list[str | None]:
    """The level said of each mention: within its window (from the previous mention or separator
    to the next; between two names, split at the joining word, so that a level word belongs to
    the name it is written with: "venäjää ja ukrainaa äidinkielenään sekä englantia sujuvasti"
    gives Russian and Ukrainian native and English B2, outside tester 15, P9), a CEFR code
    ("englanti B2", "B1-tasolla"), else a cue in brackets right after the name ("suomi
    (äidinkieli)"), else one before it ("sujuvaa suomen kielen taitoa", "talar flytande
    svenska"), else one in the two words after it ("ruotsin kielen erinomaisesti"), else one later
    in its window when no other name follows in it ("Ruotsin kielen taito vähintään tyydyttävä";
    not "English and have basic Swedish"); else, in a list of names (`linked`: "svenska och
    finska", not "svenska, finska är en merit"), the level said before the list ("goda kunskaper i
    svenska och finska") or after it ("venäjää ja ukrainaa äidinkielenään", "svenska eller finska
    flytande"; not a bracket: "suomi ja englanti (B2)"); else None."""
    cuts = [0] + [m.end() for m in _SEPARATOR.finditer(sentence)] + [len(sentence)]
    out: list[str | None] = []
    after_list: list[bool] = []  # the level was written after the name (it may cover the list before)
    used = 0  # where the words the previous name's level was read from end
    for i, (_, start, end) in enumerate(mentions):
        lo = max([c for c in cuts if c <= start] + ([mentions[i - 1][2]] if i else []) + [used])
        hi = min([c for c in cuts if c >= end] + ([mentions[i + 1][1]] if i + 1 < len(mentions) else []))
        if (
            sentence[end:hi].strip() in (":", "-", "–", "—")
            and (i + 1 == len(mentions) or mentions[i + 1][1] > hi)
            and (colon := re.search(r"[,;/]|\s[-–—]\s|$", sentence[hi:]))
        ):
            # "Finnish: native or excellent", "ruotsi - tyydyttävä": the level after the name's colon
            hi = min([hi + colon.start()] + ([mentions[i + 1][1]] if i + 1 < len(mentions) else []))
        if i and lo == mentions[i - 1][2] and (joins := list(_JOIN_WORD.finditer(sentence, lo, start))):
            lo = joins[-1].end()  # "ukrainaa äidinkielenään sekä englantia": not English's
        if (
            i + 1 < len(mentions)
            and hi == mentions[i + 1][1]
            and (join := _JOIN_WORD.search(sentence, end, hi))
        ):
            hi = join.start()
        before, after = sentence[lo:start], sentence[end:hi]
        cefr = [m for m in _CEFR.finditer(sentence[lo:hi])]
        bracket = _PARENTHESIS.match(after)
        level: str | None
        used = end
        if cefr:
            at = lo + cefr[0].start()
            level, late = cefr[0].group(1), at >= end and not (bracket and at < end + bracket.end())
            used = max(end, lo + cefr[0].end())
        elif bracket and _cue(bracket.group(1)):
            level, late = _cue(bracket.group(1)), False
            used = end + bracket.end()
        elif (level := _cue(_adverbs_near(before, at_end=True), last=True)) is not None:
            late = False
        else:
            words = _WORDS_AFTER.match(after).group()  # type: ignore[union-attr]
            level, used = _cue(words), end + len(words)
            if level is None and (i + 1 == len(mentions) or hi < mentions[i + 1][1]):
                level, used = _cue(_adverbs_near(after, at_end=False)), hi
            late = level is not None
        if (
            level is None
            and (slash := re.match(r"\s*/\s*([^\W\d_]+(?:\s+[^\W\d_]+)?)", sentence[end:]))
            and (i + 1 == len(mentions) or mentions[i + 1][1] >= end + slash.end())
        ):
            level = _cue(slash.group(1))  # "suomi/äidinkieli, englanti/hyvä" (outside tester 36b, J6)
        if level is None:
            used = end
        # the next name's words start after these: "skriver finska dåligt men talar svenska
        # utmärkt" gives Swedish C1, not the "dåligt" after Finnish (outside tester 17, P4)
        joined = (
            linked[i]
            if linked is not None
            else bool(_COORDINATED.match(sentence[mentions[i - 1][2] : start]))
        )
        if level is None and i and joined and not after_list[-1]:
            level = out[-1]  # "goda kunskaper i svenska och finska"
        out.append(level)
        after_list.append(late)
    for i in range(len(mentions) - 2, -1, -1):
        joined = (
            linked[i + 1]
            if linked is not None
            else bool(_COORDINATED.match(sentence[mentions[i][2] : mentions[i + 1][1]]))
        )
        if out[i] is None and joined and after_list[i + 1]:
            out[i], after_list[i] = out[i + 1], True  # "venäjää ja ukrainaa äidinkielenään"
    return out


_OR_LEVEL = re.compile(
    r"(?:\s*(?:\w*tasoi\w*|\w*tasolla|\w*tasoa|level|nivå\w*))?"
    r"\s*,?\s*(?:tai|eller|or|/)\s*(?:vähintään|ainakin|at\s+least|minst|åtminstone)?\s*",
    re.I,
)
"""What joins two levels offered as alternatives ("native or excellent", "B2 tai C1")."""


def _lower_of_choices(sentence: str) -> str:
    """`sentence` with the higher of two level words joined by "or" ("tai", "eller", "/") blanked
    out (offsets stay): either suffices, so the lower is the requirement ("Puhut suomea
    äidinkielenäsi tai erinomaisesti", "Native or excellent Finnish", "B2 tai C1"; outside
    tester 17, P5)."""
    hits = sorted(
        [(m.start(), m.end(), level) for level, rx in LEVEL_CUES for m in rx.finditer(sentence)]
        + [(m.start(1), m.end(1), m.group(1)) for m in _CEFR.finditer(sentence)]
    )
    chars = list(sentence)
    for (s1, e1, l1), (s2, e2, l2) in pairwise(hits):
        if e1 <= s2 and _OR_LEVEL.fullmatch(sentence, e1, s2):
            s, e = (s1, e1) if _rank(l1) > _rank(l2) else (s2, e2)
            chars[s:e] = " " * (e - s)
    return "".join(chars)


_OR_WORD = re.compile(r"\b(?:tai|eller|or)\b", re.I)


def _one_level_of_a_choice(
    sentence: str, mentions: Sequence[tuple[str, int, int]], levels: list[str | None]
) -> None:
    """Give a language named twice in one clause with "or" between the lower of its two levels,
    in place ("Svenska som modersmål eller utmärkt svenska": C1 suffices)."""
    for i, (code, _, end) in enumerate(mentions):
        for j in range(i + 1, len(mentions)):
            other, start, _ = mentions[j]
            between = sentence[end:start]
            if other != code or not _OR_WORD.search(between) or re.search(r"[;:]", between):
                continue
            said = [x for x in (levels[i], levels[j]) if x is not None]
            if said:
                levels[i] = levels[j] = min(said, key=_rank)


_ADVERB = re.compile(r"\b(?:hyvin|well|bra|väl)\b", re.I)
"""Level words that are adverbs of any verb ("toimit hyvin tiimissä", "work well in a team",
"samarbetar bra"): a level only right beside the language's name."""


def _adverbs_near(text: str, *, at_end: bool) -> str:
    """`text` with the adverbs of `_ADVERB` blanked out (offsets stay) except within its last two
    words (`at_end`: the words before a name, "puhuu hyvin suomea") or none (`at_end` False: the
    words later after a name, read beyond its first two)."""
    starts = [m.start() for m in re.finditer(r"\w+", text)] if at_end else []
    keep = (starts[-2] if len(starts) > 1 else 0) if at_end else len(text)
    return _ADVERB.sub(lambda m: m.group() if m.start() >= keep else " " * len(m.group()), text)


def _cue(text: str, *, last: bool = False) -> str | None:
    """The level a cue word in `text` says (the last one with `last`, else the first), or None."""
    hits = [(m.start(), level) for level, rx in LEVEL_CUES for m in rx.finditer(text)]
    if not hits:
        return None
    return (max(hits) if last else min(hits))[1]


_ORDER: Sequence[str | None] = (None, "A1", "A2", "B1", "B2", "C1", "C2", "native")


def _rank(level: str | None) -> int:
    return _ORDER.index(level)
