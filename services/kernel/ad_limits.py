"""Limits a job ad sets on who may apply that Finnish law forbids without an acceptable reason: age,
sex, pregnancy and family plans (Equality Act 609/1986 §§ 8 and 14, Non-Discrimination Act 1325/2014
§ 8; outside tester 35, F7: "Svetsare, ej för gravida", "Haemme alle 30-vuotiasta miestä
hitsaajaksi.", "Sökes svetsare, högst 35 år." were published without a word), and the other grounds of
§ 8 an ad can state as a limit on the applicant: origin ("syntyperäinen suomalainen", "infödd
finländare"; a language requirement, "native-level Finnish", is none), nationality (some public posts may
lawfully require Finnish citizenship: the vacancy service's warning says so), religion or belief ("ei
huivia tai muita uskonnollisia symboleja"), health or disability as a blanket limit ("täysin terve"), and
sexual orientation (outside tester 36, H6, the lead's decision). The Act's other grounds (language,
opinion, political or trade-union activity) are not read.

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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from services.kernel.sentences import sentences, within_reach


class Ground(StrEnum):
    """A ground the law names that an ad limits applicants by: the Equality Act's (sex, pregnancy, family
    plans) and those of the Non-Discrimination Act 1325/2014 § 8 an ad can state as a limit on the
    applicant (age, origin, nationality, religion or belief, health or disability, sexual orientation;
    outside tester 36, H6, the lead's decision)."""

    AGE = "age"
    SEX = "sex"
    PREGNANCY = "pregnancy"
    FAMILY = "family_plans"
    ORIGIN = "origin"
    NATIONALITY = "nationality"
    RELIGION = "religion"
    HEALTH = "health"
    ORIENTATION = "sexual_orientation"


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
    rf"|\bno\s+older\s+than\s+{_N}\b"
    # an age range or an upper age without a unit (outside tester 35b, G3): "aged 20-30", "aged under 35",
    # "bör vara under 30", "be under 30", "a driver under 40."
    rf"|\baged?\s+(?:\d{{1,2}}\s*[-–]\s*|(?:under|below|up\s+to)\s+){_N}\b"
    rf"|\b(?:vara|är|be|is|are|olla|oltava)\s+(?:högst|under|below|max\.?|alle|enintään|korkeintaan)\s+{_N}\b(?!\s*(?:kg|t\b|ton|%|€|eur|h\b|tim))"
    rf"|\b(?:under|below)\s+{_N}(?=\s*(?:[.!;)]|$))",
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
    r"|\blooking\s+for\s+(?:a\s+)?(?:\w+\s+)?(?:man|woman)\b"
    # a sex preferred (outside tester 36, H6: "en ung och energisk bagare, gärna man")
    r"|\bgärna\s+(?:en\s+)?(?:man|kvinna|män|kvinnor)\b|\b(?:man|kvinna)\s+(?:föredras|önskas)\b"
    r"|\bmieluiten\s+(?:mies|nainen|miestä|naista|miespuoli\w*|naispuoli\w*)\b"
    r"|\b(?:mies|nainen)\s+(?:eduksi|etusijalla)\b|\b(?:man|woman|men|women)\s+preferred\b"
    # a girl or a boy sought (outside tester 36b, J7: "Haemme reipasta tyttöä kassalle")
    r"|\b(?:haemme|etsimme|haetaan|etsitään|tarvitaan|tarvitsemme)\s+(?:\w+\s+){0,2}?(?:tyttö\w*|poika\w*|poikia)\b"
    r"|\bsöker\s+(?:en\s+)?(?:\w+\s+){0,2}?(?:flick\w*|tjej\w*|kille|killar|pojk\w*)\b"
    r"|\b(?:looking\s+for|seeking|hiring|need|want)\s+(?:an?\s+)?(?:\w+\s+){0,2}?(?:girls?|boys?|lads?|gals?)\b",
    re.I,
)
"""A limit by sex: Finnish "miestä", "naispuolista", Swedish "manlig", "endast män", English "male",
"men only"."""

_PREFERRED = (
    r"(?:etusijalla|etusijaisia|etusijaiset|eduksi|suositaan|suosimme|toivotaan|toivomme|mieluummin"
    r"|ensisijaisesti|ensisijaisia|priorisoidaan|priorisoimme|painotetaan|föredras|föredrar|föredrar\s+vi"
    r"|prioriteras|prioriterar|prioriterar\s+vi|önskas|önskvärda?|i\s+första\s+hand|har\s+företräde|företräde"
    r"|ges\s+företräde|preferred|preferably|prefer|favou?red|prioriti[sz]ed?|given\s+(?:priority|preference)"
    r"|get\s+priority|have\s+priority|first\s+priority|priority|etusija|etusijan)"
)
_SEX_GROUP = (
    r"(?:mies|miehet|miestä|miehiä|miehille|nainen|naiset|naista|naisia|naisille|tytöt|tyttöjä|pojat|poikia"
    r"|man|män|männen|kvinna|kvinnor|kvinnorna|tjejer|killar|men|women|ladies|gentlemen|girls|boys)"
)
_AGE_GROUP = (
    r"(?:nuoret|nuoria|nuorille|nuoremmat|nuorempia|unga|ungdomar|yngre|young\s+(?:people|applicants|candidates"
    r"|workers|persons)|younger\s+(?:people|applicants|candidates|workers)|youngsters)"
)


def _group_preferred(group: str) -> re.Pattern[str]:
    """A group (`group`, a regex source of its nouns, singular and plural) with a word of preference or priority
    right after it (at most a verb of being between: "Kvinnor föredras", "Naiset etusijalla", "Men are
    preferred") or before it ("Etusijalla naiset", "Vi föredrar kvinnor", "priority to women", "etusija
    naisille"; outside tester 40, T40-3)."""
    return re.compile(
        rf"(?<![\w-])(?:{group})\s+(?:(?:ovat|on|är|are|is|will\s+be|be)\s+)?{_PREFERRED}(?![\w-])"
        rf"|(?<![\w-]){_PREFERRED}\s+(?:(?:on|är|ges|gives?n?|to|for|för|till|åt)\s+){{0,2}}(?:{group})(?![\w-])",
        re.I,
    )


_SEX_PREFERRED = _group_preferred(_SEX_GROUP)
"""A sex preferred or given priority as a plain noun (outside tester 40, T40-3: "Kvinnor föredras", "Män
föredras", "Kvinnor prioriteras", "Naiset etusijalla", "Miehet etusijalla"); "Women preferred" warned already."""
_AGE_PREFERRED = _group_preferred(_AGE_GROUP)
"""An age group preferred ("Nuoret etusijalla", "Unga sökande prioriteras", "Young applicants preferred")."""

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
    r"\b(?:inga|utan|no)\s+(?:\w+\s+)?(?:småbarnsföräld\w*|barnfamilj\w*|parents?\s+of\s+(?:small|young)\s+children)"
    r"|\b(?:ei|ettei|eikä)\s+(?:\w+\s+){0,2}?(?:ole\s+)?(?:pieniä\s+)?lapsia\b|\bpikkulapsiperhe\w*"
    r"|\bperheenlisäy\w*|\bperhesuunnitelm\w*|\blapsia\s+(?:ei\s+)?suunnitel\w*|\blastenhankin\w*"
    r"|\bfamiljeplaner\w*|\bplanerar\s+(?:att\s+)?(?:skaffa\s+)?barn\b|\b(?:inga|utan)\s+småbarn\b"
    r"|\bfamily\s+plan\w*|\bplan(?:s|ning)?\s+to\s+have\s+(?:children|kids|a\s+baby)\b"
    r"|\bno\s+(?:small\s+|young\s+)?children\b|\bei\s+pieniä\s+lapsia\b",
    re.I,
)
"""Family plans or small children asked of the applicant ("ei perheenlisäystä suunnitteilla",
"inga familjeplaner", "no plans to have children")."""

_FAMILY_OBSTACLE = re.compile(
    r"\b(?:vanhemmuu|perhe|lastenhoi|pienten\s+lasten\s+vanhem)\w*\s+(?:\w+\s+)?(?:liittyv\w*\s+)?est(?:e|ei|ee)\w*"
    r"|\bpienten\s+lasten\s+vanhemmuu\w*"
    r"|\b(?:hinder|begränsning\w*)\s+(?:\w+\s+)?(?:på\s+grund\s+av|pga\.?)\s+(?:\w+\s+)?(?:barn|familj)\w*"
    r"|\b(?:childcare|family)\s+(?:obligations|commitments|responsibilities|constraints)\b",
    re.I,
)
"""Parenthood as an obstacle asked of the applicant (outside tester 36, H6: "hakijalla ei saa olla pienten
lasten vanhemmuuteen liittyviä esteitä"): family (the Equality Act's family obligations)."""

_YOUTHFUL = re.compile(
    r"\bnuorek(?:as|asta|kaan|kaita|kaana|kaat)\b"
    r"(?!\s+(?:ja\s+\w+\s+)?(?:tiimi\w*|työyhtei\w*|henk\w*|ilmapiir\w*|porukk\w*|yhtei\w*|yritys\w*|"
    r"työpaik\w*|ympäristö\w*|brändi\w*|tyyli\w*|muotoilu\w*|ilme\w*))"
    r"|\bungdomlig\w*(?!\s+(?:team|arbetsplats|miljö|stämning|företag))"
    r"|\bung(?:a)?\s+och\s+(?:energisk|pigg|driven|dynamisk)\w*"
    r"|\byouthful\b(?!\s+(?:team|company|atmosphere|brand|environment))"
    r"|\bdigital\s+natives?\b|\b(?:20|30)-?somethings?\b|\b(?:20|30)-?jotain\w*"
    # a decade of life (outside tester 36b, J7: "Ideal for someone in their twenties")
    r"|\bin\s+(?:their|his|her|your)\s+(?:early\s+|mid[- ]|late\s+)?(?:twenties|thirties|20s|30s|20's|30's)\b"
    r"|\bi\s+(?:\d0|tjugo|trettio)[-\s]?årsåldern\b|\bparikymppi\w*",
    re.I,
)
"""Youth said of the one sought without a number (outside tester 36, H6): "nuorekasta … miesvartijaa",
"ung och energisk", "digital native", "20-something"; not a youthful team or workplace ("nuorekas
työyhteisö")."""

_RECENT_GRADUATION = re.compile(
    r"\bvalmistu\w*\s+(?:\w+\s+)?(?:enintään|korkeintaan|alle|max\.?|viimeisen|viimeisten)\s+"
    r"(?:\d{1,2}|yksi|yhden|kaksi|kahden|kolme|kolmen|neljä|neljän|viisi|viiden)\s+vuo\w*"
    r"|\b(?:utexaminerad|examinerad|tagit\s+examen)\s+(?:\w+\s+)?(?:för\s+)?(?:högst|max\.?|inom|under)\s+"
    r"(?:de\s+senaste\s+)?(?:\d{1,2}|ett|två|tre|fyra|fem)\s+år\w*"
    r"|\bgraduated\s+(?:\w+\s+)?(?:no\s+more\s+than|at\s+most|within\s+the\s+(?:last|past)|less\s+than)\s+"
    r"(?:\d{1,2}|one|two|three|four|five)\s+years?\b",
    re.I,
)
"""A limit on the time since graduation (outside tester 36, H6: "Valmistunut enintään kolme vuotta sitten"),
an age limit in effect: always the applicant's (so "sitten", "ago" do not make it the company's)."""


def _not_wanted(groups: str) -> str:
    """A regex source (str) that reads `groups` (an alternation of a group's names, plural as a limit names
    them) excluded from applying, in Finnish, Swedish and English (outside tester 36b, J7): "ei romaneja",
    "emme palkkaa homoja", "Inga muslimer", "Vi anställer inte homosexuella", "Romer behöver inte söka",
    "X ei tarvitse hakea", "no gays", "Candidates with a history of mental illness need not apply"."""
    return (
        rf"\b(?:ei|eikä|emme|inga|ej|inte|no|not)\s+(?:\w+\s+){{0,2}}?(?:{groups})"
        rf"|\b(?:{groups})[^.;:]{{0,60}}?\b(?:need\s+not|needn't|should\s+not|shouldn't|do\s+not)\s+apply\b"
        rf"|\b(?:{groups})\s+(?:\w+\s+)?(?:behöver|bör|ska|får|kan)\s+(?:inte|ej)\s+(?:söka|ansöka)\b"
        rf"|\b(?:{groups})\s+(?:\w+\s+)?(?:ei|eivät)\s+(?:tarvitse|kannata|kelpaa)\b"
    )


_ORIGIN_GROUPS = (
    r"romane\w*|romanit|mustalai\w*|maahanmuuttaj\w*|tummaihoi\w*|mustaihoi\w*|neekere\w*|"
    r"romer|romerna|zigenare\w*|invandrare\w*|mörkhyade|svarta\s+(?:personer|människor|sökande)|"
    r"roma|gypsies|immigrants|blacks|black\s+(?:people|applicants|candidates)|people\s+of\s+colou?r"
)
_RELIGION_GROUPS = (
    r"muslim(?:e\w*|it)\b|muslimer(?:na)?|muslims|juutalai\w*|judar|jews|kristit(?:yt|tyj\w*)\b|kristna|christians|"
    r"ateiste\w*|ateister|atheists|hindu\w*|sikh\w*|jehovan\s+todistaj\w*|jehovas\s+vittnen"
)
_HEALTH_GROUPS = (
    r"sairai(?:ta|den)\b|pitkäaikaissairai\w*|mielenterveysongelmai\w*|vammaisi\w*|allergikoi\w*|"
    r"psykiskt\s+sjuka|sjuka|handikappade|funktionshindrade|allergiker|"
    r"(?:people\s+with\s+|(?:a\s+)?history\s+of\s+)?(?:mental|chronic)\s+illness\w*|mentally\s+ill|"
    r"disabled\s+people|sick\s+people"
)
_ORIENTATION_GROUPS = (
    r"homo(?:j|t|ja|ista|seksuaale\w*|seksuaali\w*)\b|lesbo\w*|biseksuaal\w*|transsukupuoli\w*|"
    r"seksuaalivähemmist\w*|hbtq\w*|lhbt\w*|lgbt\w*|homosexuell\w*|bögar|bisexuella|transpersoner|"
    r"gays|lesbians|homosexuals|bisexuals|trans\s+people"
)

_ORIGIN = re.compile(
    r"(?i:"
    # Finnish: "syntyperäinen suomalainen", "syntyperältään suomalainen", "suomalaista syntyperää",
    # "kantasuomalainen", "suomalaistaustainen", "ei maahanmuuttajia"; not "syntyperäisen tasoinen suomen
    # kielen taito" (a language level: `language_clauses`)
    r"\bsyntyperä\w*\s+(?!suomen\b|ruotsin\b|englannin\b)\w+(?:lai|läi)(?:nen|sta|set|sia|siä|sen|stä)\b"
    r"|\b\w+(?:lai|läi)(?:nen|sta|stä|sen)\s+syntyperä\w*|\bkanta(?:suomalai|väestö)\w*"
    r"|\b\w+(?:lais|läis)taustai\w*|\betni\w*\s+(?:tausta\w*|suomalai\w*|alkuperä\w*)"
    r"|\b(?:ei|emme)\s+(?:\w+\s+){0,2}?(?:maahanmuuttaj\w*|ulkomaalaistaustai\w*)"
    r"|\b(?:vaalea|valkoi|tummaihoi)\w*\s+(?:hakija\w*|mies\w*|nai\w*|henkilö\w*)"
    # Swedish: "infödd finländare", "etnisk svensk", "finsk härkomst", "inga invandrare"
    r"|\binfödd\w*\s+(?:finländare|finne|finnar|svensk|svenskar|\w+ländare)\b"
    r"|\betnisk\w*\s+(?:svensk|finländ\w*|finne|finnar|bakgrund|ursprung)\b"
    r"|\b\w+(?:sk|nsk)\s+(?:härkomst|ursprung|etnicitet)\b|\b(?:inga|ej|inte)\s+(?:\w+\s+)?invandrare\b"
    # English: "native Finn", "native-born", "ethnic Finn", "of Finnish origin"; not "native Finnish speaker",
    # "native-level Finnish" (a language)
    r"|\bnative[- ]born\b|\bnative\s+(?:finns?|swedes?)\b"
    r"|\bnative\s+(?:finnish|swedish)\s+(?:person|people|origin|background|applicants?|candidates?|citizens?)\b"
    r"|\bethnic(?:ally)?\s+(?:finns?|finnish|swedes?|swedish|[a-z]+\b(?=\s+(?:applicants?|candidates?|only)))"
    r"|\bno\s+(?:immigrants|foreigners)\b"
    r"|\b(?:white|caucasian)\s+(?:applicants?|candidates?|only|men|women|males?|females?)\b"
    # skin colour said of the one sought (outside tester 36b, J7: "Haemme valkoihoista myyjää")
    r"|\b(?:valko|tumma|musta|vaalea)ihoi\w*|\b(?:ljus|mörk|vit|svart)hyad\w*|\bcaucasian\b"
    r"|\b(?:white|black|dark|fair|light)[- ]skinned\b|\bihonväri\w*|\bhudfärg\w*|\bskin\s+colou?r\b"
    rf"|{_not_wanted(_ORIGIN_GROUPS)})"
    # (a people's adjective is capitalised in English: "of Finnish origin", not "of unknown origin")
    r"|\b(?:of\s+)?[A-Z][a-z]+\s+(?i:origin|descent|ethnicity|heritage)\b",
)
"""Origin or ethnicity set as a limit (outside tester 36, H6: "Edellytämme, että hakija on syntyperäinen
suomalainen")."""

_NATIONALITY = re.compile(
    r"\b(?:suomen|ruotsin|eu|eu:n|eta|eta:n|pohjoismai\w*|eu-maan|eta-maan)[\s-]*kansalai\w*"
    r"|\bkansalaisuu\w*\s+(?:vaaditaan|edellytetään|on\s+edellytys)|\b(?:ei|emme)\s+(?:\w+\s+){0,2}?ulkomaalai\w*"
    r"|\b(?:finsk|svensk|finländsk|eu|ees|nordisk)\w*[\s-]*medborga\w*|\bmedborgarskap\s+(?:krävs|förutsätts)"
    r"|\b(?:finnish|swedish|eu|eea|nordic)\s+(?:citizenship|citizens?|nationality|nationals?)\b"
    r"|\bcitizens?\s+of\s+(?:finland|sweden|the\s+eu|the\s+eea|an?\s+eu)\b|\bcitizenship\s+(?:is\s+)?required\b",
    re.I,
)
"""Nationality or citizenship set as a limit: "Suomen kansalaisuus", "EU-kansalainen", "finskt
medborgarskap", "EU citizens only" (some public posts lawfully require Finnish citizenship: the warning
says so)."""

_RELIGION = re.compile(
    r"\buskonnolli\w*\s+(?:symbol\w*|vaat\w*|asu\w*|päähi\w*|merk\w*|tunnu\w*|päähine\w*)"
    r"|\b(?:ei|eikä|ettei)\s+(?:\w+\s+){0,4}?(?:huivi\w*|hijab\w*|huntu\w*|turbaani\w*|kipa\w*)"
    r"|\b(?:kirkkoon|seurakuntaan|kirkon\s+jäsen)\w*\s+(?:kuulu\w*)?|\bkuulu\w*\s+(?:\w+\s+)?(?:kirkkoon|seurakuntaan)"
    r"|\breligiös\w*\s+(?:symbol\w*|klädsel|huvudbonad\w*|plagg|attribut\w*)"
    r"|\b(?:ingen|inga|ej|inte|utan)\s+(?:\w+\s+){0,3}?(?:slöj\w*|hijab\w*|huvudduk\w*|turban\w*|kippa\w*)"
    r"|\bmedlem\s+(?:i|av)\s+(?:\w+\s+)?kyrka\w*"
    r"|\breligious\s+(?:symbols?|clothing|dress|head\s*(?:scarf|scarves|cover\w*)|garments?|attire)"
    r"|\bno\s+(?:\w+\s+){0,2}?(?:head\s*scarf|headscarves|hijabs?|turbans?|niqabs?)\b"
    r"|\bmember\s+of\s+(?:a|the)\s+(?:\w+\s+)?church\b"
    r"|\b(?:christians?|muslims?|lutherans?|atheists?)\s+only\b|\bmust\s+be\s+(?:an?\s+)?(?:christian|muslim|lutheran)\b"
    # a faith or a church's membership required (outside tester 36b, J7: "Hakijan tulee olla kristitty",
    # "… evankelis-luterilaisen kirkon jäsen")
    r"|\b(?:olla|oltava|olet|vara|är|be|is)\s+(?:\w+\s+)?(?:kristitty|muslimi|luterilai\w*|ortodoksi|katolilai\w*|"
    r"uskova\w*|kristen|muslim|troende|lutheran|christian|believer|practising\s+\w+)\b"
    r"|\b(?:olla|oltava|olet|on)\s+(?:[\w-]+\s+){0,2}?(?:kirkon|seurakunnan)\s+jäsen\w*"
    r"|\b(?:vara|är)\s+medlem\s+i\s+(?:\w+\s+)?(?:kyrkan|församling\w*)"
    rf"|{_not_wanted(_RELIGION_GROUPS)}",
    re.I,
)
"""Religion or belief set as a limit (outside tester 36, H6: "Työasuun ei voi yhdistää huivia tai muita
uskonnollisia symboleja"); not a subject taught ("Opetat uskontoa ja elämänkatsomustietoa")."""

_HEALTH = re.compile(
    r"\b(?:täysin|täydellisen|sataprosenttisen)\s+terve\w*"
    r"|\b(?:ei|ettei)\s+(?:\w+\s+){0,3}?(?:sairauksi\w*|pitkäaikaissairau\w*|kroonis\w*\s+sairau\w*|vamm(?:a|oja|aa)\b|"
    r"diagnoos\w*|mielenterveysongelm\w*)"
    r"|\bei\s+(?:\w+\s+)?(?:sovellu|sovi)\s+(?:\w+\s+)?(?:vammaisi\w*|pyörätuoli\w*|sairai\w*|diabeetik\w*|"
    r"astmaatik\w*|epileptik\w*|mielenterveyskuntoutuji\w*)"
    r"|\bhelt\s+frisk\w*|\b(?:inga|utan)\s+(?:\w+\s+){0,2}?(?:sjukdom\w*|funktionsnedsättning\w*|handikapp\w*|diagnos\w*)"
    r"|\b(?:ej|inte)\s+för\s+(?:\w+\s+)?(?:funktionshindrade|rullstolsburna|diabetiker|personer\s+med\s+funktionsned\w*)"
    r"|\b(?:perfect|full|completely\s+good|100\s*%)\s+health\b"
    r"|\bno\s+(?:\w+\s+)?(?:disabilit\w*|disabled|health\s+(?:problems|issues|conditions)|chronic\s+(?:illness\w*|"
    r"conditions?|diseases?)|medical\s+conditions?|diagnos[ie]s)\b"
    r"|\bnot\s+(?:suitable\s+)?for\s+(?:the\s+)?(?:disabled|wheelchair\s+users|diabetics|people\s+with\s+disabilit\w*)"
    # free of illness asked of the applicant (outside tester 36b, J7: "Du ska vara fri från allergier och sjukdomar")
    r"|\bfri\s+från\s+(?:\w+\s+){0,3}?(?:sjukdom\w*|allergi\w*|funktionsned\w*|diagnos\w*)"
    r"|\bfree\s+(?:from|of)\s+(?:\w+\s+){0,3}?(?:illness\w*|diseases?|allerg\w*|disabilit\w*|health\s+problems)"
    r"|\bvapaa\s+(?:\w+\s+){0,2}?(?:sairauksi\w*|allergioi\w*)"
    # good health required, without "täysin" (outside tester 40, T40-3: "Hakijalta edellytetään hyvää
    # terveyttä", "Sökande ska vara frisk"): health as such, not a fitness the work needs ("hyvä fyysinen kunto")
    # nor a health check or an occupational-health benefit ("terveystodistus", "työterveyshuolto", "friskvård")
    r"|\b(?:edellytetään|vaaditaan|edellyttää|edellytämme|vaadimme|toivomme)\s+(?:\w+\s+){0,3}?"
    r"(?:hyvä\w*|moitteeto\w*)\s+terve(?:ys|yttä|ydentila\w*)\b"
    r"|\b(?:hyvä|hyvää|moitteeton)\s+terve(?:ys|yttä|ydentila)\s+(?:\w+\s+){0,2}?(?:edellytetään|vaaditaan|edellytys"
    r"|välttämätön|vaatimus)"
    r"|\bterve(?:yde|ydenti)\w*\s+(?:tulee|pitää|on)\s+(?:olla|oltava)\s+(?:hyvä|moitteeton)"
    r"|\b(?:edellytetään|vaaditaan|tulee\s+olla|pitää\s+olla|on\s+oltava|oltava)\s+terve\b"
    r"|\b(?:ska|skall|måste|bör|behöver)\s+vara\s+(?:\w+\s+)?frisk\w*\b|\bfrisk\s+och\s+(?:kry|arbetsför)\b"
    r"|\bgod\s+hälsa\s+(?:krävs|är\s+ett\s+krav|förutsätts|är\s+ett\s+måste)|\bkrav\s+på\s+(?:god\s+)?hälsa\b"
    r"|\b(?:ha|vid|har)\s+god\s+hälsa\b"
    r"|\b(?:good|excellent|sound)\s+(?:general\s+)?health\s+(?:is\s+)?(?:required|essential|a\s+must|necessary)"
    r"|\b(?:requires?|required|require\s+applicants\s+to\s+be\s+in)\s+(?:\w+\s+)?good\s+health\b"
    r"|\b(?:must|should|need\s+to|have\s+to)\s+be\s+(?:in\s+(?:good|excellent)\s+health|healthy)\b"
    r"|\bhealthy\s+(?:applicants?|candidates?|persons?|people)\b"
    rf"|{_not_wanted(_HEALTH_GROUPS)}",
    re.I,
)
"""A blanket limit by health or disability (not what the work needs, which an ad may say: "hyvä fyysinen
kunto", "able to lift 20 kg"): "täysin terve", "ei pitkäaikaissairauksia", "helt frisk", "no
disabilities"."""

_ORIENTATION = re.compile(
    r"\bheteroseksuaal\w*|\bhetero(?:t|ja|ita|mies|nainen)?\b|\bheterosexu\w*"
    r"|\b(?:ei|emme|inga|no)\s+(?:\w+\s+){0,2}?(?:homo\w*|lesbo\w*|gay\w*|lesbian\w*|seksuaalivähemmist\w*|"
    r"hbtq\w*|lhbt\w*|lgbt\w*)"
    r"|\bstraight\s+(?:men|women|applicants?|candidates?|only)\b"
    rf"|{_not_wanted(_ORIENTATION_GROUPS)}",
    re.I,
)
"""Sexual orientation set as a limit ("heteroseksuaalinen mies", "no gays"); an equality statement
("seksuaalisesta suuntautumisesta riippumatta") names none of these words."""

_EQUALITY = re.compile(
    r"\briippumatta\b|\boavsett\b|\bregardless\b|\birrespective\b|\bkannustamme\b|\buppmuntrar\b|"
    r"\bencourage\w*|\btervetullei\w*|\bvälkomna\b|\bwelcome\w*|\bsyrji\w*|\bdiscriminat\w*|\bdiskrimin\w*",
    re.I,
)
"""An equality statement ("Kannustamme hakemaan taustasta riippumatta", "We welcome applicants of every
origin"): the newer grounds (origin, nationality, religion, health, orientation) are not read in it."""

_ALL_AGES = re.compile(
    r"\b(?:kaiken\s*ikäi\w*|iästä\s+riippumatta|oavsett\s+ålder|alla\s+åldrar|all\s+ages|"
    r"regardless\s+of\s+age|of\s+any\s+age)\b",
    re.I,
)
"""An equality statement about age ("iästä riippumatta", "oavsett ålder", "all ages"): no limit."""

_YOUTH_MAX = 18
"""The highest upper age read as no limit: the Young Workers' Act (998/1993) sets limits up to 18."""


_TENS = {"kaksi": 20, "kolme": 30, "neljä": 40, "viisi": 50, "kuusi": 60}
_SPELLED_AGE = re.compile(
    r"\b(kaksi|kolme|neljä|viisi|kuusi)(?:kymppi\w*|kymmenvuotia\w*|kymmentävuotia\w*)",
    re.I,
)
"""A Finnish age spelled out ("alle kolmekymppistä", "kolmekymmentävuotias"): read as the number of years
("30-vuotiasta") before the limits are looked for (outside tester 35b, G3)."""
_SPELLED_NUMBER = re.compile(
    r"\b(?:(kaksi|kolme|neljä|viisi|kuusi)kymmentä|(twenty|thirty|forty|fifty|sixty)"
    r"|(tjugo|trettio|fyrtio|femtio|sextio))\b",
    re.I,
)
_WORD_TENS = {
    **{w: 20 + 10 * i for i, w in enumerate(("twenty", "thirty", "forty", "fifty", "sixty"))},
    **{w: 20 + 10 * i for i, w in enumerate(("tjugo", "trettio", "fyrtio", "femtio", "sextio"))},
}

_BIRTH_YEAR = re.compile(
    r"\b(?:syntyn\w*|synt\.|född\w*|born)\s+(?:(?:vuonna|år|in|after|before|efter|före|since|from)\s+)*"
    r"(?:19|20)\d\d\b|\b(?:19|20)\d\d\s+(?:tai\s+(?:myöhemmin|sen\s+jälkeen)\s+|jälkeen\s+)?syntyn\w*"
    r"|\b(?:19)?\d0-luvulla\s+syntyn\w*|\bfödd\w*\s+på\s+(?:19)?\d0-talet|\bborn\s+in\s+the\s+(?:19)?\d0'?s\b",
    re.I,
)
"""An age asked as a year or decade of birth ("Syntynyt 1995 tai myöhemmin", "Born after 1990", "född på
90-talet"): an age limit (outside tester 35b, G3)."""

_YOUNG_ROLE = re.compile(
    r"\b(?:haemme|etsimme|etsitään|haetaan)\s+(?:\w+\s+)?nuorta\b|^\s*nuori\s+[a-zäö]+\s*$|"
    r"\bnuor(?:i|ta)\s+(?:ja\s+\w+\s+)?(?:mie\w*|nai\w*|myyjä\w*|hakija\w*|työntekijä\w*|kuljettaja\w*|"
    r"asiakaspalvelija\w*|tarjoilija\w*|henkilö\w*|tekijä\w*)|"
    r"\bsöker\s+(?:en\s+)?ung\b|\b(?:seeking|looking\s+for|hiring|want|need)\s+(?:a\s+)?young\b|"
    r"^\s*young\s+[a-z]+(?:\s+[a-z]+)?\s*$",
    re.I,
)
""""Young" said of the one sought ("Haemme nuorta ja energistä naista", the title "Nuori myyjä", "Seeking a
young male driver", "Young sales assistant"): an age limit (outside tester 35b, G3); not "nuori yritys",
"young people" as clients."""

_SEX_NOUN = re.compile(
    r"\b(?:olla|on|oltava|olisi)\s+(?:\w+\s+)?(?:mies|nainen)\b|\bvuotia(?:s|ita)\s+(?:mies|nainen|miehiä|naisia)\b"
    r"|\((?:mies|nainen|man|kvinna|male|female|woman|men|women)\)"
    r"|\b(?:vara|är)\s+(?:en\s+)?(?:man|kvinna)\b|\b(?:be|is)\s+(?:a\s+)?(?:man|woman)\b"
    r"|\b(?:men|women|males|females)\s+need\s+not\s+apply\b|\bno\s+(?:men|women|males|females)\b"
    r"|\b(?:nais|mies)(?!ten|tyyp|valtai|kuoro|klinik|tutki|asia|muoti|vaate|osast)"
    # not a case of "nainen" itself: "Palvelutalo naisille", "naisista" (outside tester 40, T40-3)
    r"(?!(?:ille|illa|illä|ista|iin|elle|ella|esta|eksi|iksi|ina|ine)\b)[a-zäö]{4,}",
    re.I,
)
"""Sex as a plain noun or in a title (outside tester 35b, G3): "Hakijan tulee olla mies", "Sökanden ska
vara man", "Women need not apply", "alle 35-vuotias nainen", "Myyjä (nainen)", "Kassör (kvinna)",
"Naissiivooja"; not "naistenklinikka", "miesten vaateosasto", "naisvaltainen ala"."""

_OTHERS = re.compile(
    r"\basiaka\w*|\basiakk\w*|\bpotila\w*|\boppila\w*|\bopiskelij\w*|\bkävijö\w*|\bperhei\w*|"
    r"\bneuvol\w*|\bäitiys\w*|\bsynnyt\w*|\bkund\w*|\bklient\w*|\bpatient\w*|\belev\w*|\bbesökar\w*|"
    r"\bmödravård\w*|\bförlossning\w*|\bclient\w*|\bcustomer\w*|\bstudents?\b|\bvisitors?\b|\bmothers\b|"
    r"\bmaternity\b|\b(?:care|caring)\s+for\b|\btar\s+hand\s+om\b|\bhoida\w*|\bohjaus\w*|\bohjaa\w*|"
    r"\byritys\w*|\byhtiö\w*|\bperustet\w*|\bföretag\w*|\bgrundad\w*|\bcompany\b|\bfounded\b|"
    r"\bestablished\b|\byoung\s+(?:people|adults)\b|\bnuor(?:ia|ten|ille|iso)\w*|\bungdom\w*|\bsitten\b|\bsedan\b|\bago\b|\btuott\w*|\bproduct\w*|\bprodukt\w*",
    re.I,
)
"""Words of a clause about others than the applicant (outside tester 35b, G4): clients, patients, pupils,
a maternity clinic's care, the company and its age, products ("raskaana olevien asiakkaiden ohjaus",
"gravida kvinnor på mödravården", "Asiakkaamme ovat alle 30-vuotiaita nuoria", "Yritys on perustettu alle
30 vuotta sitten"), the same rule as the comment screen's "not the person" rule."""
_APPLICANT = re.compile(
    r"\bhakij\w*|\bsökand\w*|\bapplicant\w*|\bcandidate\w*|\bsinun\s+(?:tulee|pitää|on)\s+olla\b|\bolet\b|"
    r"\bdu\s+(?:ska|bör|måste|är)\s+vara\b|\byou\s+(?:must|should|need\s+to|have\s+to)\s+be\b|\bsovellu\w*|\bsopii\b|\bpassar\b|\bsuitable\b|\bunsuitable\b|"
    r"\bej\s+för\b|\bei\s+(?:\w+\s+)?(?:oleville|olevalle)\b|\bnot\s+for\b|\bhaemme\b|\bsöker\b|\bseeking\b",
    re.I,
)
"""Words that put a limit on the applicant or the role ("hakijan", "sökanden", "you must be", "ei
sovellu", "ej för", "haemme"; not a bare "you", "du": "Du tar hand om gravida kvinnor" is the work): a clause with them is about the applicant even when it also names clients."""
_CLAUSE = re.compile(r"[^,;:]+")


def _about_others(sentence: str, start: int) -> bool:
    """Whether the clause of `sentence` around offset `start` is about clients, patients, the company or
    products (`_OTHERS`) and names no applicant (`_APPLICANT`)."""
    for m in _CLAUSE.finditer(sentence):
        if m.start() <= start < m.end():
            clause = m.group()
            return bool(_OTHERS.search(clause)) and not _APPLICANT.search(clause)
    return False


def _on_the_applicant(pattern: re.Pattern[str], sentence: str) -> str | None:
    """The words of the first match of `pattern` in `sentence` whose clause is not about others
    (`_about_others`; "You will care for pregnant women; you must not be pregnant" reads the second), or None."""
    for m in pattern.finditer(sentence):
        if not _about_others(sentence, m.start()):
            return m.group(0).strip()
    return None


def _numbers_as_digits(sentence: str) -> str:
    """`sentence` with ages and tens spelled out in words as digits (`_SPELLED_AGE`, `_SPELLED_NUMBER`)."""

    def age(m: re.Match[str]) -> str:
        return f"{_TENS[m.group(1).lower()]}-vuotiasta"

    def tens(m: re.Match[str]) -> str:
        if m.group(1):
            return str(_TENS[m.group(1).lower()])
        return str(_WORD_TENS[(m.group(2) or m.group(3)).lower()])

    return _SPELLED_NUMBER.sub(tens, _SPELLED_AGE.sub(age, sentence))


@dataclass(frozen=True, slots=True)
class Limit:
    """A limit an ad's text sets: the `ground`, and `words` (str) as written in the text."""

    ground: Ground
    words: str


def _upper_ages(sentence: str) -> Iterator[str]:
    for m in _UPPER_AGE.finditer(sentence):
        number = next(g for g in m.groups() if g is not None)
        if int(number) > _YOUTH_MAX and not _about_others(sentence, m.start()):
            yield m.group(0).strip()


def limits(text: str, *, as_meant: Callable[[str], str]) -> list[Limit]:
    """The limits on age (an upper age above 18, a year of birth, "young" or "youthful", the years since
    graduation), sex, pregnancy, family plans, origin, nationality, religion, health and sexual orientation
    (the last five not in an equality statement, `_EQUALITY`) that `text` (a vacancy's title or description, Finnish, Swedish or English) sets on the
    applicant, each ground once (the first words that set it, as `as_meant` reads them), in the order of
    `Ground`. `as_meant` (str → str) reads the text as the person meant it before the phrases are looked
    for: the services pass the comment screen's normaliser (`shared.pii.as_meant`: "aIle", "a l l e",
    a non-breaking hyphen, a zero-width space; outside tester 35b, G3), which the kernel may not import.
    A limit in a clause about clients, patients, the company or products and not the applicant is none
    (`_about_others`; tester 35b, G4). Never raises; an empty text sets none. A phrase reading: it has
    false positives, so it is for a warning, not a refusal."""
    found: dict[Ground, str] = {}
    for sentence in map(within_reach, sentences(as_meant(text or ""))):  # (tester 36b, J1)
        sentence = _numbers_as_digits(sentence)
        if not _ALL_AGES.search(sentence):
            for upper in _upper_ages(sentence):
                found.setdefault(Ground.AGE, upper)
            for pattern in (_BIRTH_YEAR, _YOUNG_ROLE, _AGE_PREFERRED):
                if words := _on_the_applicant(pattern, sentence):
                    found.setdefault(Ground.AGE, words)
        if young := _YOUNG_PERSON.search(sentence):
            found.setdefault(Ground.AGE, young.group(0))
            found.setdefault(Ground.SEX, young.group(0))
        if not _BOTH_SEXES.search(sentence):
            for pattern in (_SEX, _SEX_NOUN, _SEX_PREFERRED):
                if words := _on_the_applicant(pattern, sentence):
                    found.setdefault(Ground.SEX, words)
        if not _ALL_AGES.search(sentence):
            for pattern in (_YOUTHFUL,):
                if words := _on_the_applicant(pattern, sentence):
                    found.setdefault(Ground.AGE, words)
            if graduation := _RECENT_GRADUATION.search(sentence):
                found.setdefault(Ground.AGE, graduation.group(0).strip())
        if words := _on_the_applicant(_PREGNANCY, sentence):
            found.setdefault(Ground.PREGNANCY, words)
        for pattern in (_FAMILY, _FAMILY_OBSTACLE):
            if words := _on_the_applicant(pattern, sentence):
                found.setdefault(Ground.FAMILY, words)
        if not _EQUALITY.search(sentence):
            for ground, pattern in (
                (Ground.ORIGIN, _ORIGIN),
                (Ground.NATIONALITY, _NATIONALITY),
                (Ground.RELIGION, _RELIGION),
                (Ground.HEALTH, _HEALTH),
                (Ground.ORIENTATION, _ORIENTATION),
            ):
                if words := _on_the_applicant(pattern, sentence):
                    found.setdefault(ground, words)
    return [Limit(g, found[g]) for g in Ground if g in found]


def grounds(*texts: str, as_meant: Callable[[str], str]) -> tuple[str, ...]:
    """The grounds (`Ground` values, each once, in the order of `Ground`) that any of `texts` (a vacancy's title
    and description) limits applicants by (`limits`); () when none. What every view of a vacancy in matching
    shows of it: the weekly meeting's mark and the shortlist's vacancy (tester 35's leftover: a recruiter reading
    such a vacancy's shortlist was not told). About 0.6 ms for a description of 1,600 characters: matching reads
    it once per vacancy event (`index.events.VacancyRecord.ad_limits`), not per view. ``as_meant`` as for
    `limits`."""
    found = {limit.ground for text in texts for limit in limits(text, as_meant=as_meant)}
    return tuple(g.value for g in Ground if g in found)
