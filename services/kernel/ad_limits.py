"""Limits a job ad sets on who may apply that Finnish law forbids without an acceptable reason: age,
sex, pregnancy and family plans (Equality Act 609/1986 §§ 8 and 14, Non-Discrimination Act 1325/2014
§ 8; outside tester 35, F7: "Svetsare, ej för gravida", "Haemme alle 30-vuotiasta miestä
hitsaajaksi.", "Sökes svetsare, högst 35 år." were published without a word).

A light phrase reading, in Finnish, Swedish and English: the vacancy service answers with a warning
(`discriminatory_limit`), never a refusal, because phrases have lawful uses too (a youth summer-job
scheme for those under 30, a lawful minimum age of 18, an equality statement "sekä naisia että
miehiä") and whether a limit is lawful is a person's judgement. A minimum age is not read (an
age limit of the law, "vähintään 18-vuotias", is common and lawful), nor an upper age of 18 or less
(the Young Workers' Act's limits); an equality statement naming both sexes or all ages is no limit.

In the kernel because two services read it alike: the vacancy service's warning and matching's views of
a vacancy (`grounds`: the weekly meeting's mark, `team.meeting.VacancyRow.ad_limits`, and the shortlist's
vacancy, `index.events.VacancyRecord.ad_limits`). Pure (standard library and the
kernel's sentence split).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from services.kernel.sentences import sentences


class Ground(StrEnum):
    """A ground the law names that an ad limits applicants by."""

    AGE = "age"
    SEX = "sex"
    PREGNANCY = "pregnancy"
    FAMILY = "family_plans"


_N = r"(\d{1,2})"
_UPPER_AGE = re.compile(
    # Finnish: "alle 30-vuotias", "enintään 35-vuotiaat", "max. 35 v", "korkeintaan 40 vuotta", "ikä alle 30"
    rf"\b(?:alle|enintään|korkeintaan|maks(?:imissaan)?\.?|max\.?)\s+{_N}\s*(?:-\s*)?(?:v\b|vuot\w*|v\.)"
    rf"|\b(?:ikä(?:raja)?|iältään)\s+(?:alle|enintään|korkeintaan|max\.?)\s+{_N}\b"
    # Finnish and Swedish ranges: "20–30-vuotias", "20-30 v", "20–30 år", "mellan 20 och 30 år"
    rf"|\b\d{{1,2}}\s*[-–]\s*{_N}\s*(?:-\s*)?(?:v\b|vuot\w*|v\.|år\b|years?\b|yrs?\b|-year-olds?)"
    r"(?!\s+(?:of\s+)?(?:\w+\s+)?(?:experience|työkokemu\w*|kokemu\w*|erfarenhet\w*))"
    rf"|\bmellan\s+\d{{1,2}}\s+och\s+{_N}\s+år\b"
    # Swedish: "högst 35 år", "under 30 år", "max 35 år", "åldersgräns 35 år", "inte äldre än 40"
    rf"|\b(?:högst|under|max\.?|maximalt|åldersgräns)\s+{_N}\s*år\b"
    rf"|\binte\s+äldre\s+än\s+{_N}\b"
    # English: "under 30 years old", "aged 20-30" (above), "maximum age 35", "no older than 40",
    # "up to 35 years of age", "age limit 35"
    rf"|\b(?:under|below|up\s+to|at\s+most|max(?:imum)?\.?)\s+{_N}\s*(?:years?|yrs?)(?:\s+(?:old|of\s+age))?\b"
    rf"|\b(?:maximum\s+age|age\s+limit|age\s+max(?:imum)?)\s*(?:of|is|:)?\s*{_N}\b"
    rf"|\bno\s+older\s+than\s+{_N}\b",
    re.I,
)
"""An upper age limit on applicants; the number, in the first group that matched, is the limit."""

_YOUNG_PERSON = re.compile(
    r"\bnuor(?:i|ta|ia|et)\s+(?:mies\w*|miehi\w*|nai\w*)|\bung(?:a)?\s+(?:man|kvinna|män|kvinnor)\b|"
    r"\byoung\s+(?:man|woman|men|women|lad|girl)\b",
    re.I,
)
"""A young man or woman sought ("nuorta miestä", "ung kvinna", "young man"): age and sex at once."""

_SEX = re.compile(
    r"\b(?:mies|nais)puol\w*|\b(?:miestä|naista|miehiä|naisia)\b|\b(?:mies|nais)(?:hakija\w*|työntekijä\w*)"
    r"|\b(?:manlig|kvinnlig)\w*|\b(?:endast|bara|enbart|ej\s+för|inte\s+för)\s+(?:män|kvinnor)\b"
    r"|\bsöker\s+(?:en\s+)?(?:\w+\s+)?(?:man|kvinna)\b"
    r"|\b(?:male|female)s?\b(?!-(?:dominated))|\b(?:men|women)\s+only\b|\bonly\s+(?:men|women)\b"
    r"|\blooking\s+for\s+(?:a\s+)?(?:\w+\s+)?(?:man|woman)\b",
    re.I,
)
"""A limit by sex: Finnish "miestä", "naispuolista", Swedish "manlig", "endast män", English "male",
"men only"."""

_BOTH_SEXES = re.compile(
    r"\bmie(?:s|he|hi|stä)\w*.{0,30}\bnai(?:s|nen|si)\w*|\bnai(?:s|nen|si)\w*.{0,30}\bmie(?:s|he|hi|stä)\w*|"
    r"\bsukupuol\w*\s+(?:riippumatta|"
    r"katsomatta)|\b(?:män|man)\s+(?:och|eller)\s+kvinn\w*|\bkvinn\w*\s+(?:och|eller)\s+män\b|"
    r"\boavsett\s+kön\b|\b(?:men|male)\s+(?:and|or)\s+(?:women|female)|\b(?:women|female)\s+(?:and|or)\s+"
    r"(?:men|male)|\bregardless\s+of\s+(?:gender|sex)|\bof\s+all\s+genders\b|\ball\s+genders\b",
    re.I,
)
"""An equality statement naming both sexes ("Kannustamme sekä naisia että miehiä hakemaan", "Vi
välkomnar både män och kvinnor", "regardless of gender"): no limit."""

_PREGNANCY = re.compile(
    r"\braskaan(?:a|aolev\w*)\b|\braskaustest\w*|\bodottav\w*\s+äi\w*|\bgravid\w*|\bpregnan\w*"
    r"|\bexpecting\s+(?:a\s+)?(?:baby|child)\b",
    re.I,
)
"""Pregnancy ("ei raskaana oleville", "ej för gravida", "not suitable if pregnant"). Not "raskas"
(heavy: "raskaan kaluston", "työn fyysinen raskaus")."""

_FAMILY = re.compile(
    r"\bperheenlisäy\w*|\bperhesuunnitelm\w*|\blapsia\s+(?:ei\s+)?suunnitel\w*|\blastenhankin\w*"
    r"|\bfamiljeplaner\w*|\bplanerar\s+(?:att\s+)?(?:skaffa\s+)?barn\b|\b(?:inga|utan)\s+småbarn\b"
    r"|\bfamily\s+plan\w*|\bplan(?:s|ning)?\s+to\s+have\s+(?:children|kids|a\s+baby)\b"
    r"|\bno\s+(?:small\s+|young\s+)?children\b|\bei\s+pieniä\s+lapsia\b",
    re.I,
)
"""Family plans or small children asked of the applicant ("ei perheenlisäystä suunnitteilla",
"inga familjeplaner", "no plans to have children")."""

_ALL_AGES = re.compile(
    r"\b(?:kaiken\s*ikäi\w*|iästä\s+riippumatta|oavsett\s+ålder|alla\s+åldrar|all\s+ages|"
    r"regardless\s+of\s+age|of\s+any\s+age)\b",
    re.I,
)
"""An equality statement about age ("iästä riippumatta", "oavsett ålder", "all ages"): no limit."""

_YOUTH_MAX = 18
"""The highest upper age read as no limit: the Young Workers' Act (998/1993) sets limits up to 18."""


@dataclass(frozen=True, slots=True)
class Limit:
    """A limit an ad's text sets: the `ground`, and `words` (str) as written in the text."""

    ground: Ground
    words: str


def _upper_ages(sentence: str) -> Iterator[str]:
    for m in _UPPER_AGE.finditer(sentence):
        number = next(g for g in m.groups() if g is not None)
        if int(number) > _YOUTH_MAX:
            yield m.group(0).strip()


def limits(text: str) -> list[Limit]:
    """The limits on age (an upper age above 18, or "young"), sex, pregnancy and family plans that
    `text` (a vacancy's title or description, Finnish, Swedish or English) sets, each ground once
    (the first words that set it), in the order of `Ground`. Never raises; an empty text sets none.
    A phrase reading: it has false positives, so it is for a warning, not a refusal."""
    found: dict[Ground, str] = {}
    for sentence in sentences(text or ""):
        if not _ALL_AGES.search(sentence):
            for words in _upper_ages(sentence):
                found.setdefault(Ground.AGE, words)
        if young := _YOUNG_PERSON.search(sentence):
            found.setdefault(Ground.AGE, young.group(0))
            found.setdefault(Ground.SEX, young.group(0))
        if not _BOTH_SEXES.search(sentence) and (sex := _SEX.search(sentence)):
            found.setdefault(Ground.SEX, sex.group(0))
        if pregnant := _PREGNANCY.search(sentence):
            found.setdefault(Ground.PREGNANCY, pregnant.group(0))
        if family := _FAMILY.search(sentence):
            found.setdefault(Ground.FAMILY, family.group(0))
    return [Limit(g, found[g]) for g in Ground if g in found]


def grounds(*texts: str) -> tuple[str, ...]:
    """The grounds (`Ground` values, each once, in the order of `Ground`) that any of `texts` (a vacancy's title
    and description) limits applicants by (`limits`); () when none. What every view of a vacancy in matching
    shows of it: the weekly meeting's mark and the shortlist's vacancy (tester 35's leftover: a recruiter reading
    such a vacancy's shortlist was not told). About 0.6 ms for a description of 1,600 characters: matching reads
    it once per vacancy event (`index.events.VacancyRecord.ad_limits`), not per view."""
    found = {limit.ground for text in texts for limit in limits(text)}
    return tuple(g.value for g in Ground if g in found)
