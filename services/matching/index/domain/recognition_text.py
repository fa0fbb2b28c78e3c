"""Reading job-ad and CV text before skills are matched: sentences, phrases, stock phrases,
boilerplate, and Finnish compounds. Pure functions over strings (standard library only).

- `sentences` splits at sentence ends, line breaks and bullets, never at `;` or `:` (a fragment
  such as "both spoken and written" must not be scored on its own).
- `phrases` splits one sentence into its list items ("A, B ja C") for scoring *together with*
  the whole sentence (see `SkillRecognizer`), so an item can surface without winning alone.
- `strip_stock` removes the phrases every ad repeats ("knowledge of", "kokemusta",
  "erfarenhet av", "is a plus", "katsotaan eduksi"…) which otherwise match skills of their own
  ("manage business knowledge", "use experience map").
- `is_boilerplate` recognises sentences about the employer, equal opportunity, benefits and the
  application process, which describe no skill of the job.
- `CompoundSplitter` splits Finnish compounds into parts it knows from ESCO's Finnish labels
  ("trukinkuljettaja" → "trukin kuljettaja"), which character n-grams and lemmas then match.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from html.parser import HTMLParser
from typing import NamedTuple

# (re-exported: a language name's Finnish forms live in the kernel, which the vacancy service reads too)
from services.kernel.language_names import finnish_name_forms as finnish_name_forms

# the negation cues live in the kernel: the vacancy service reads language waivers by them too
from services.kernel.negation import (
    _ABLE_PREDICATE,
    _CLAUSE,
    _CONTRAST,
    _JOIN,
    _NEGATION_AFTER,
    _NEGATION_BEFORE,
    _NEGATION_WORD,
    _NOT_HELD,
    _RATHER,
    _REQUIRED,
    LITOTES,
    NOT_ABLE,
    _without_not_required,
    negated_spans,
)

# (re-exported: the splitter and the limit live in the kernel, which the vacancy service reads too)
from services.kernel.sentences import MAX_READ_CHARS as MAX_READ_CHARS
from services.kernel.sentences import MAX_SENTENCES as MAX_SENTENCES
from services.kernel.sentences import cut_to
from services.kernel.sentences import reading_units as reading_units
from services.kernel.sentences import sentences as sentences

_LIST_SPLIT = re.compile(
    r"\s*[,;:/]\s+|\s*\(\s*|\s*\)\s*|\s+(?:and|or|ja|sekä|tai|och|samt|eller|as well as)\s+", re.I
)
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
"""A word: letters, with inner hyphens and apostrophes (straight or typographic: "nurse’s" is one
word, as "nurse's" is). Every word pattern of recognition is this one."""

# Stock phrases of requirement sentences, per language (regular expressions over whole words;
# order matters: longer first). Source: the phrasings of Finnish, Swedish and English job ads
# (written for this project; see benchmarks/recognition_sets/README.md).
_VALUE_OBJECTS = {
    "en": r"sustainab\w*|environment\w*|green\w*|climate|carbon|emissions?|recycl\w*|renewable|equal\w*|"
    r"divers\w*|inclusi\w*|well-?being|work-life|responsib\w*|ethic\w*|communit\w*|society|"
    r"public transport|cycling|biodivers\w*|circular",
    "fi": r"kestäv|ympäristö|vihre|ilmasto|hiilineutr|päästö|kierrät|uusiutuv|tasa-arvo|yhdenvertai|monimuotoi|"
    r"hyvinvoin|vastuulli|eettis|yhteiskun|joukkoliiken|julkisen liiken|pyöräil|kiertotalo|luonnon",
    "sv": r"hållbar|miljö|grön|klimat|koldioxid|utsläpp|återvinn|förnybar|jämställd|mångfald|inkluder|"
    r"välmående|välbefinnande|ansvar|etisk|samhälle|kollektivtrafik|cykl|cirkulär|natur",
}
"""What an employer's values and policies are about: sustainability, the environment, equality,
well-being, society (the objects of "We promote …", "Edistämme …", "Vi främjar …" in `BOILERPLATE`)."""
_WORK_TRAITS = {
    "fi": (
        r"(?:(?:liikkuva|vaihteleva|haastava|palkitseva)(?:a|ä|t)?|(?:fyysi|kiirei|mielenkiintoi|kausiluontei)"
        r"(?:nen|stä|sta|set)|raska(?:s|sta|ita))"
    ),
    "sv": r"(?:rörlig|omväxlande|varierande|fysisk|krävande|stimulerande|intressant|utmanande)(?:t|a)?",
    "en": r"(?:mobile|varied|physical|physically\s+demanding|demanding|challenging|interesting|rewarding|busy)",
}
"""Adjectives of what a job is like ("Työ on liikkuvaa", "Arbetet är rörligt", "The work is mobile
and varied"): no skill when said of the work (`STOCK_PHRASES`; "itsenäistä", "independent" is one)."""

_FI_JOB = r"(?:työn|tehtävän|työtehtävän|toimen|viran)"
_FI_DEMANDS = r"(?:edellyttää|edellyttävät|vaatii|vaativat|edellytetään|vaaditaan)"
_FI_FRAMES = (
    # "Tehtävän (menestyksekäs / onnistunut) hoitaminen edellyttää", "Työn hoito vaatii",
    # "Tehtävässä menestyminen edellyttää", "Menestyminen tehtävässä edellyttää" (with the verb
    # only: "hallinnollisten tehtävien hoitaminen" is a task)
    rf"{_FI_JOB}\s+(?:[^\W\d_]+\s+)?(?:hoitamin\w*|hoito|suorittamin\w*|menestymi\w*|onnistumi\w*)"
    rf"\s+{_FI_DEMANDS}",
    rf"(?:tehtävässä|työssä|tehtävään|työhön|toimessa|virassa)\s+(?:menestymi\w*|onnistumi\w*)\s+{_FI_DEMANDS}",
    rf"(?:menestymi\w*|onnistumi\w*)\s+(?:tehtävässä|työssä|toimessa|virassa)\s+{_FI_DEMANDS}",
    # "Tehtävään valitulta (henkilöltä) edellytetään", "Valittavalta odotamme", "Hakijalta toivotaan"
    r"(?:(?:tehtävään|toimeen|virkaan|työhön)\s+)?(?:valitulta|valittavalta|valitun|valittavan|hakijalta|"
    r"hakijoilta)(?:\s+(?:henkilöltä|hakijalta|henkilön))?\s+(?:edellytetään|edellytämme|vaaditaan|vaadimme|"
    r"odotetaan|odotamme|toivotaan|toivomme|tulee olla|on oltava|pitää olla|arvostetaan)",
    # "Valinnassa (otetaan huomioon / huomioidaan / painotetaan / katsotaan eduksi)", "Valintaa
    # tehtäessä painotetaan", "Kelpoisuusvaatimuksena on"
    r"(?:valinnassa|valintaa tehtäessä|valinnoissa|rekrytoinnissa)\s+(?:otetaan huomioon|huomioidaan|"
    r"painotetaan|arvostetaan|katsotaan eduksi|luetaan eduksi|kiinnitetään huomiota)",
    r"(?:kelpoisuus|pätevyys)vaatimu(?:ksena|kset|ksina)(?:\s+(?:on|ovat))?",
    r"tehtävä\s+(?:edellyttää|vaatii)",
    r"(?:tehtävässä|työssä)\s+(?:tarvitset|tarvitaan|vaaditaan|edellytetään)",
)
"""The frames that open a Finnish requirement sentence (`STOCK_PHRASES`): the job named as "the
task" or "the work", its doing ("hoitaminen"), success ("menestyminen"), the one chosen for it
("tehtävään valitulta") and the selection ("valinnassa otetaan huomioon"); they name no skill."""

OBTAIN_LATER: dict[str, tuple[str, str]] = {
    "fi": (
        r"tai|taikka",
        r"(?:(?:olet|olla|oltava|olet\s+myös)\s+)?(?:valmiu(?:s|tta|den)|halukkuu(?:s|tta|den)|halu(?:a|ja)?|"
        r"valmis|valmiina|halukas|halukkaana|kiinnostu(?:s|sta|nut))\s+(?:[^\W\d_]+\s+)?"
        r"(?:suorittaa|suorittamaan|hankkia|hankkimaan|käydä|käymään|saada|saamaan|kouluttautua|"
        r"kouluttautumaan|opiskella|opiskelemaan)(?:\s+(?:se|sen|ne|niitä|kyseinen|kyseisen|kortti\w*|"
        r"lupa|luvan|koulutu\w*))?",
    ),
    "en": (
        r"or",
        r"(?:(?:are|be)\s+)?(?:willing(?:ness)?|ready|prepared|readiness|able)\s+to\s+"
        r"(?:obtain|get|acquire|complete|take|earn|gain)(?:\s+(?:it|one|them|the\s+\w+))?",
    ),
}
"""An alternative of obtaining what the clause before names, per language: (the word of the
alternative, the obtaining): "ADR-ajolupa tai valmius suorittaa se", "an ADR certificate or
willingness to obtain it" (outside tester 32: read whole, ADR
was an essential requirement and "valmius suorittaa" gave *meet commitments* and *perform search
and rescue missions*). What it is said of is a plus (`language_requirements._PLUS`, sv33); the alternative
itself names no skill (`STOCK_PHRASES`; Finnish and English: the Swedish one is sv33's, in its list)."""

WORD_SENSES: dict[str, tuple[str, ...]] = {
    "fi": (
        # a card or exam completed ("Hygieniapassi suoritettu", "olen suorittanut
        # työturvallisuuskortin"): the card is the skill, "suorittaa" is no "perform …" of any trade
        r"suoritettu\w*|suorittanut|suorittaneet|suorittaneena|suoritin\s+(?=\w+(?:passi|kortti|kortin|"
        r"passin|tutkinno|tutkinto|koke))",
        # "valmistua" (to graduate, be finished: "valmistun keväällä", "valmistunut lähihoitajaksi")
        # shares its stem with "valmistaa" (to prepare, make): no *prepare bakery products*
        r"valmistu(?![sk])\w*",  # (not "valmistus", "valmistuksen": making)
        # a hobby's time ("Leivon vapaa-ajalla"): the activity is read, not *present leisure activities*
        r"vapaa-aja(?:lla|llani|llaan|nani|ni)|vapaa-aikana(?:ni|an)?|harrastuksena(?:ni|an)?",
    ),
    "sv": (
        # a card or exam completed ("Hygienpass avlagt": no *alkylation*)
        r"avlag(?:t|d|da|dt)|avklara(?:t|d|de)",
        r"på\s+(?:min|sin|hans|hennes|vår|er)?\s*fritid(?:en)?|som\s+hobby",
    ),
    "en": (r"in\s+(?:my|his|her|their|our)\s+(?:spare|free|leisure)\s+time|as\s+a\s+hobby",),
}
"""Words whose sense in a CV or ad is no skill, though their letters or lemma match skills' labels
(outside tester 38, M3): a card or exam completed, Finnish "valmistua" (graduate) read as
"valmistaa" (prepare), a hobby's free time read as *leisure activities*. Stock phrases of their
language (`STOCK_PHRASES`): the rest of the sentence is read."""


STOCK_PHRASES: dict[str, tuple[str, ...]] = {
    "en": (
        rf"(?:{OBTAIN_LATER['en'][0]})\s+(?:{OBTAIN_LATER['en'][1]})",  # an alternative of obtaining it (tester 32)
        r"we are looking for",
        r"(?:is|are) looking for",
        r"wanted",
        r"we're looking for",
        r"we(?:'re| are) (?:now )?(?:hiring|recruiting|seeking)",  # "We are hiring a kokki …" (tester 15, P12)
        r"you will be",
        r"you will",
        # the requirement frames of English ads, as Finnish "edellytämme", "vaadimme" ("We require a
        # Finnish D licence …": "We require" gave *provide necessary documents* 0.41; tester 31, F9)
        r"we (?:also )?(?:require|expect|need|ask for|demand)",
        r"(?:is|are) (?:needed|expected|necessary)",
        r"you have",
        r"you are",
        r"the (?:ideal|successful) candidate(?: will| should)?(?: have| be)?",
        r"(?:is|are|would be) (?:a )?(?:big |huge )?(?:plus|bonus|advantage|an advantage|desirable|preferred|required|mandatory|essential)",
        r"nice to have",
        r"must have",
        r"must be",
        r"a plus",
        r"(?:strongly )?preferred",
        r"required",
        r"(?:\d+\+? )?years? of",
        r"\d+\+?",
        r"(?:proven|demonstrated|hands-on|practical|prior|previous|professional|relevant|solid|strong|good|excellent|extensive|deep|working|basic|advanced|thorough|sound|broad|some)\b",
        r"(?:experience|knowledge|understanding|grasp|command|familiarity|proficiency|expertise|background|skills?|competence|abilities|ability|capability)(?: (?:of|in|with|on|at|to))?",
        r"familiar with",
        r"has|have|had",  # a note's "No driving licence, has a hygiene passport" (not hair, history)
        r"but",
        r"proficient (?:in|with)",
        r"experienced (?:in|with)",
        r"able to",
        r"capable of",
        r"responsible for",
        r"requirements?",
        r"qualifications?",
        r"responsibilities",
        r"duties",
        r"I have(?: been)?",
        r"I've",
        r"I am",
        r"I'm",
        r"I can",
        r"worked as an?",
        r"(?:as\s+|since\s+|because\s+)?the\s+(?:work|job)\s+is",
        rf"{_WORK_TRAITS['en']}(?=\s*(?:[,.;!?]|$|\s(?:and|but)\b))",
        *WORD_SENSES["en"],
    ),
    "fi": (
        rf"(?:{OBTAIN_LATER['fi'][0]})\s+(?:{OBTAIN_LATER['fi'][1]})",  # an alternative of obtaining it (tester 32)
        *WORD_SENSES["fi"],
        # the frames that open a public-sector requirement sentence (Kuntarekry's "Tehtävän
        # hoitaminen edellyttää …", "Tehtävän menestyksekäs hoitaminen edellyttää …", "Tehtävään
        # valitulta edellytetään …", "Valinnassa otetaan huomioon …"): the job named as "the
        # task", its "doing" and "success" are no skill, only what follows the frame is (outside
        # tester 31, F6: "Tehtävän hoitaminen" gave *hoitaa teknisiä tehtäviä huolellisesti* 0.55
        # and 25 strays over 0.35, *huolehtia letkuista*, *hoitaa puita* among them)
        *_FI_FRAMES,
        r"edellytämme(?:kin)?",
        r"edellytetään",
        r"vaaditaan",
        r"vaadimme",
        r"(?:työ )?(?:edellyttää|vaatii|edellyttävät|vaativat)",
        r"tarvitset",
        r"tarpeen",
        r"tarvitaan",
        r"edellytys",
        r"on edellytys",
        r"toivomme(?:kin)?",
        r"arvostamme",
        r"odotamme",
        r"haemme",
        r"etsimme",
        r"haetaan",
        r"(?:pätevyys)?vaatimu(?:kset|ksemme|ksia)",
        r"edellytykset",
        r"(?:työ)?tehtävät",
        r"plussaa",
        r"hakee",
        r"rekrytoimme",
        r"(?:sinulla|hakijalla) (?:on|tulee olla)",
        r"(?:katsotaan|luetaan) eduksi",
        r"eduksi (?:katsotaan|luetaan|katsomme|luemme)",  # a heading: "Eduksi katsotaan:" (tester 14)
        r"(?:katsomme|luemme) eduksi",
        r"(?:on|ovat) eduksi",
        r"eduksi",
        r"eduksesi",
        r"(?:on|ovat) (?:välttämätön|välttämätöntä|välttämättömiä|tärkeää|tärkeitä|tarpeen)",
        r"välttämätön(?:tä)?",
        r"(?:meillä|työssä(?:si)?|tehtävässä(?:si)?|täällä) pääset(?: myös)?",
        r"pääset(?: myös)?",
        r"tehtäviisi kuuluu",
        r"tehtäviin(?:si)? kuuluvat?",
        r"työhön kuuluu",
        r"työ sisältää",
        r"työtehtäviin kuuluu",
        r"kuuluu",
        r"kuuluvat",
        r"sisältää",
        r"kokemus(?:ta)?",
        r"kokemuksen",
        r"osaamis(?:ta|en)",
        r"osaaminen",
        r"tuntemus(?:ta)?",
        r"taito(?:a|ja)?",
        r"taidot",
        r"valmiu(?:det|ksia)",
        r"kyky(?:ä)?",
        r"kyvyn",
        r"hyv(?:ä|ät|iä|ää|än|ällä)",
        r"vahv(?:a|at|aa|oja)",
        r"erinomai(?:nen|set|sta)",
        r"sujuv(?:a|aa|an)",
        r"kattava(?:a)?",
        r"monipuoli(?:nen|sta|set)",
        r"aiempaa",
        r"aiempi",
        r"vähintään",
        r"vuoden",
        r"vuotta",
        r"vahvuu(?:ksia|ksina|tena|det|ksiin)(?: (?:ovat|on|kuuluvat))?",  # a coach's "Asiakkaan vahvuuksia ovat …"
        r"voimassa olev(?:a|aa|at|ia|an)",
        # a coach's note reporting what the client says ("kertoo osaavansa hitsata puikolla" gave *tell a
        # story* 0.41; fi-dev18): the verb of saying, third person, names no skill, what is said does
        r"(?:kertoo|kertoi|kertonut|sanoo|sanoi|mainitsee|mainitsi|toteaa|totesi|ilmoittaa|ilmoitti)"
        r"(?:\s+(?:osaavansa|olevansa|tehneensä|toimineensa|työskennelleensä|omaavansa|hallitsevansa))?",
        r"olen",
        r"minulla on",
        r"osaan",
        r"(?:asiakas|hän(?:ellä)?) on",  # "Hänellä on …" (the ending is "-ellä")
        r"asiakkaalla on",
        r"työskennellyt",
        r"työskentel(?:in|en)",  # a CV's first person ("Työskentelin perhepäivähoitajana …"): verbs
        r"toimin",  # of doing, as "työskennellyt", "toiminut", "tehnyt" (the kind "verbs of doing
        r"tein",  # read as skills"; fi-dev3 +0.011, session 15)
        r"toiminut",
        r"tehnyt",
        r"hoitanut",
        r"viisi|kolme|kaksi|neljä|kuusi|kymmenen",
        r"löytyy|löytyvät|löytyi",  # "Ei ajokorttia, mutta hygieniapassi löytyy" (not lost and found)
        r"mutta|muttei",
        # what the work is like, said of it ("koska työ on liikkuvaa": *create moving images* 0.47;
        # outside tester 16, P8): the adjective in the predicate, at a clause's end or before "ja"
        # (not "liikkuvaa kalustoa", mobile equipment)
        r"(?:koska\s+)?työ(?:\s+on|\s+ovat)",
        rf"{_WORK_TRAITS['fi']}(?=\s*(?:[,.;!?]|$|\s(?:ja|sekä|mutta)\b))",
    ),
    "sv": (
        r"vi söker",
        r"söker",
        r"sökes",
        r"krav(?:en)?",
        r"kvalifikationer",
        r"arbetsuppgifter",
        r"vi rekryterar",
        r"vi förutsätter",
        r"förutsätter",
        r"vi önskar",
        r"vi värdesätter",
        r"(?:är|anses som) (?:ett )?(?:krav|meriterande|en merit|ett plus)",
        r"krävs",
        r"meriterande",
        r"ett plus",
        r"till arbetsuppgifterna hör",
        r"arbetet omfattar",
        r"i arbetet ingår",
        # frames that open a list of tasks ("Till dina uppgifter hör att …", "I uppgifterna ingår
        # också …", "Arbetet består av …", "Du ansvarar för …", a CV's "ansvarade för"); a genitive
        # title before "uppgifter" stays ("I städarens uppgifter ingår …" names the cleaner's work)
        r"(?:(?:till|i)\s+(?:dina\s+|era\s+)?)?(?:arbets)?uppgifter(?:na)?\s+(?:hör|ingår)(?:\s+(?:också|även))?"
        r"(?:\s+att)?",
        r"(?:i\s+)?(?:arbetet|jobbet|tjänsten)\s+(?:består\s+av|innebär|omfattar|ingår)(?:\s+(?:också|även))?"
        r"(?:\s+att)?",
        r"(?:dina\s+)?(?:arbets)?uppgifter(?:na)?\s+är(?:\s+att)?",
        r"(?:(?:har|hade)\s+)?(?:ansvarar|ansvarade|ansvarat|ansvar(?:et)?)\s+för",
        r"du har",
        r"du är",
        r"du kan",
        r"erfarenhet(?:er)?(?: av| inom| från)?",
        r"kunskap(?:er)? (?:i|om|inom)",
        # Finland-Swedish frames of the same ("kunnande inom lönehantering", calqued on "osaaminen";
        # "vana av truckkörning", "van vid att svetsa", "insikt i bokföring", "förtrogen med Excel")
        r"(?:kunnande|kompetens|insikt(?:er)?) (?:i|om|inom)",
        r"(?:god |lång )?vana (?:av|vid|att)",
        r"van vid(?: att)?",
        r"(?:förtrogen|bekant) med",
        r"kännedom om",
        r"förmåga att",
        r"färdigheter i",
        r"god(?:a)?",
        r"mycket goda",
        r"gedigen",
        r"stark(?:a)?",
        r"flytande",
        r"giltig(?:t|a)?",
        r"minst",
        r"års",
        r"du behärskar",
        r"behärskar",
        r"jag har",
        r"jag är",
        r"jag kan",
        r"arbetat som",
        r"arbetat",
        r"(?:har )?jobbat(?: som)?",  # colloquial "worked as" (outside tester 14, P15)
        r"jobbar som",
        r"arbetar som",
        r"har|hade",  # a note's "Har inte körkort, har hygienpass" (the clause after a negation)
        r"men",  # "…, men svenska krävs": the contrast names nothing (not history, hair)
        # a coach's note's subject, the client ("Kunden har jobbat på ett lager", "Klienten vill jobba
        # med städning"): not the customers a job serves ("kund" is glossed *customer*), as the
        # Finnish "asiakkaalla on" (session 33, sv33)
        r"(?:kunden|klienten)(?=\s+(?:har|hade|är|var|kan|kunde|vill|ville|behöver|gör|gjorde|jobbar|"
        r"jobbade|arbetar|arbetade|saknar|talar|läser|skriver|önskar|söker|sköter|skötte|klarar|"
        r"behärskar|trivs)\b)",
        # a requirement one may meet later ("körkort B eller beredskap att avlägga det"): the plus it
        # makes is read from the sentence as written (`skill_plus`); its words name no skill
        # (*assist with emergencies*, outside tester 32)
        r"(?:eller\s+)?(?:beredskap|beredd|villig|vilja)\s+att\s+(?:avlägga|ta|skaffa|genomgå|gå)\w*"
        r"(?:\s+(?:det|den|dem|ett|en))?",
        r"(?:eftersom\s+)?arbetet\s+är",
        rf"{_WORK_TRAITS['sv']}(?=\s*(?:[,.;!?]|$|\s(?:och|samt|men)\b))",
        *WORD_SENSES["sv"],
    ),
}
_STOCK = {lang: re.compile(r"\b(?:" + "|".join(p) + r")\b", re.I) for lang, p in STOCK_PHRASES.items()}

# Sentences that describe the employer, equal opportunity, what the employer offers or the
# application process. One of these alone makes a sentence boilerplate (unless it also names a
# requirement or task, see REQUIREMENT_CUES).
_AGREEMENT_NAME = r"(?:kv|ov|avain\s?|hyvinvointialan\s)?tes"
"""A Finnish collective agreement by its abbreviation: "TES", the municipal "KVTES", "OVTES", the
"AVAIN TES" (outside tester 30, T30-7: "Palkkaus KVTES:n mukaan." gave *determine salaries* 0.35)."""

APPLYING: tuple[str, ...] = (
    # Finnish: sending or completing the application and what goes with it ("Lähetä hakemus ja CV 15.1.
    # mennessä", "Liitä hakemukseen todistuskopiot", "Ilmoitathan hakemuksessa palkkatoiveesi"); not a
    # client's application a worker handles ("Käsittelet asiakkaiden hakemukset", "toimeentulotuen
    # hakemuksessa": a genitive before it)
    r"\b(?:lähetä|lähetäthän|toimita|toimitathan|jätä|jätäthän|täytä|liitä|liitäthän)\s+(?:\w+\s+){0,2}?"
    r"(?:hakemu\w*|cv\w*|ansioluettelo\w*|työhakemu\w*)",
    r"(?<!n )\bhakemukse(?:en|ssa)(?:si|nne)?\b",
    r"\b(?:cv|cv:?si|ansioluettelo\w*|hakemus)\s+(?:\S+\s+){0,3}?mennessä\b",
    r"\bilmoitathan\b",
    # Swedish ("Skicka in din ansökan och ditt CV", "Bifoga betyg till ansökan", "Ange löneanspråk i ansökan")
    r"\bskicka (?:in )?(?:din|er|ditt|ert) (?:ansökan|ansökningshandlingar|cv|meritförteckning)\b",
    r"\b(?:ditt|ert) (?:cv|meritförteckning)\b",
    r"\bbifoga\b",
    # (not a client's: "behöver stöd med ansökan", "hjälper klienter med ansökan om stöd"; sv-dev13)
    r"\b(?:i|till)\s+(?:din\s+|er\s+)?ansökan\b(?!\s+om\b)",
    # English ("Please include your CV", "Submit your application via our website", "Salary expectations
    # must be given in the application")
    r"\b(?:include|attach|enclose|submit|upload|send)\s+(?:\w+\s+){0,2}?(?:your|a|the)\s+(?:cv|resume|"
    r"résumé|application|cover(?:ing)?\s+letter|salary\s+(?:expectations?|request))",
    r"\b(?:(?:must|should|shall|need\s+to|are\s+to|is\s+to)\s+be\s+(?:given|stated|mentioned|included|"
    r"attached|enclosed|indicated)\s+)?(?:in\s+(?:your|the)|with\s+your)\s+application\b",
)
"""How to apply, said as an instruction to the applicant: no skill, and a requirement word inside it
("must be given in the application") states no requirement of the job (outside tester 36b's leftovers;
session 37: "Lähetä hakemus ja CV 15.1. mennessä" gave *write to a deadline* 0.41, *send summons*)."""
_APPLYING = re.compile("|".join(APPLYING), re.I)

BOILERPLATE: tuple[str, ...] = (
    *APPLYING,
    # what the work is like, and nothing else ("Työ on liikkuvaa.", "Arbetet är rörligt och omväxlande.")
    *(
        rf"^\W*(?:{subject})\s+(?:{verb})\s+(?:(?:{adverb})\s+)?{trait}(?:\s*(?:,|{conj})\s*(?:(?:{adverb})\s+)?{trait})*\W*$"
        for subject, verb, adverb, conj, trait in (
            (
                "työ|työmme|työtehtävät",
                "on|ovat",
                "hyvin|erittäin|fyysisesti|henkisesti|välillä|ajoittain|osittain",
                "ja|sekä",
                _WORK_TRAITS["fi"],
            ),
            ("arbetet|jobbet", "är", "mycket|fysiskt|ibland|delvis", "och|samt", _WORK_TRAITS["sv"]),
            (r"the\s+(?:work|job)", "is", "very|physically|sometimes|partly", "and", _WORK_TRAITS["en"]),
        )
    ),
    # English
    r"\bwe offer\b",
    r"\bwe provide you\b",
    r"\byou(?:'ll| will) (?:get|enjoy|receive)\b",
    r"\bour benefits\b",
    r"\bequal opportunit",
    r"\bregardless of\b",
    r"\bwe (?:welcome|encourage) (?:all |applications|applicants|you to apply)",
    r"\bwe (?:value|embrace|celebrate) diversity\b",
    r"\b(?:application|applications) (?:deadline|close|closes)\b",
    r"\bdeadline for applications\b",
    r"\bapply (?:now|by|through|via|online|today|before)\b",
    r"\bapplications? (?:are|will be|must|should)\b",
    r"\bsend (?:your|us) (?:application|cv|resume)",
    r"\bfor (?:more|further) information\b",
    r"\bcontact (?:us|our recruit|the recruit)",
    r"\bwe are an? (?:leading|growing|global|international|family|fast)",
    r"\bfounded in\b",
    r"\bheadquartered in\b",
    r"\binterviews will\b",
    r"\bvisa sponsorship\b",
    r"\bcompetitive (?:salary|pay|compensation)\b",
    r"\bfree (?:parking|lunch|meals)\b",
    r"\bstaff (?:meals?|discounts?|canteen)\b",
    r"\bwe(?:'re| are) hiring\b(?!\s+(?:an?|\d+|two|three|several|new)\s)",  # "We are hiring a kokki"
    # reads the title (tester 15, P12)
    # the employer's promise to train the hire ("perehdytämme"; tester 15, P11)
    r"\bwe(?:'ll| will)? (?:train|teach|coach|onboard|mentor) (?:you|all|new)\b",
    r"\bwe (?:provide|offer|give) (?:you )?(?:\w+ )?(?:training|onboarding|induction|orientation)\b",
    r"\b(?:\w+ )?(?:training|onboarding|induction|orientation) (?:is |will be )?(?:provided|given|offered|included)\b",
    # with what it is about between ("Training on our routes is provided.": *train routes*, *provide
    # technical training*; outside tester 26, T26-8)
    r"\b(?:training|onboarding|induction|orientation)\b(?: [\w-]+){1,5}? (?:is|are|will be) "
    r"(?:provided|given|offered|included|arranged)\b",
    r"\byou(?:'ll| will) be (?:trained|onboarded|mentored)\b",
    r"\bour (?:core )?values\b",
    r"\bread more\b",
    r"\bour website\b",
    r"\bwelcome to apply\b",
    # the application and selection process, the start (an outside tester: "prepare for job
    # interview" became a welder vacancy's suggestion)
    r"\b(?:job )?interviews? (?:are|is|will|may|take|takes|can)\b",
    r"\binvited (?:to|for) (?:an? |the )?(?:job )?interviews?\b",
    r"\bwe (?:will )?interview\b",
    r"\bon a rolling basis\b",
    r"\b(?:selection|recruitment|hiring|application) process\b",
    r"\bsend us\b",
    r"\bcover letter\b",
    r"\bstart(?:ing)? date\b",
    r"\b(?:the )?(?:position|job|role|employment|work) (?:starts|begins|will start)\b",
    # the workplace and its atmosphere (an outside tester: "Meillä on hyvä ilmapiiri" gave
    # "monitor organisation climate" as a vacancy's skill)
    r"\b(?:we have|our|with an?) (?:\w+ )?(?:great|good|friendly|relaxed|positive|inspiring|supportive|"
    r"nice|pleasant|warm|open|welcoming) (?:\w+ )?(?:atmosphere|work(?:ing)? environment|team|"
    r"team spirit|colleagues|work community|workplace)\b",
    r"\bgreat place to work\b",
    # the work community and the employer's commitments (outside tester 16, P2: "Työyhteisömme on
    # monikulttuurinen ja kannustava." gave *demonstrate intercultural competence*, "Olemme
    # sitoutuneet vastuullisuuteen" *participate actively in civic life*)
    r"\bour (?:team|work community|workplace|company|organisation|organization) is\b",
    r"\bwe are committed to\b",
    # Finnish
    r"\btarjoamme\b",
    r"\bsaat meiltä\b",
    r"\bpalk(?:ka|kaus) määräytyy\b",
    # the employer's terms by a collective agreement ("Noudatamme kaupan alan työehtosopimusta",
    # "Työsuhteessa sovelletaan rakennusalan TES:iä", "TES:n mukainen palkka"), not a skill that
    # names the agreements ("Tunnet työlainsäädännön ja työehtosopimukset", "hän tuntee
    # työehtosopimusten palkkamääräykset": both read nothing before session 22, when every clause
    # naming "työehtosopimus" was dropped)
    r"\b(?:noudate\w*|noudatamme|sovelle\w*|sovellamme)\b[^.;]{0,80}?\b(?:työehtosopimu\w*|"
    rf"{_AGREEMENT_NAME}\b)",
    r"^\W*(?:palk(?:ka|kaus)\w*|työsuhte\w*|työaja\w*|työaika\w*)\b[^.;]{0,80}?\b(?:työehtosopimu\w*|"
    rf"{_AGREEMENT_NAME}\b)",
    rf"\b(?:työehtosopimu\w*|{_AGREEMENT_NAME}:?\w*)\s+(?:mukai\w*|mukaan)\s+(?:palk\w*|työsuhte\w*|ehd\w*|"
    r"edu\w*|työaja\w*)",
    r"\bhae (?:viimeistään|tehtävää|paikkaa|heti|meille|nyt|pian|rohkeasti)\b",
    # how to apply by a date (outside tester 12, N6: "Hae 31.12.2026 mennessä." gave "produce text by
    # a deadline"); "Hae tavarat varastosta" (fetch) is a task
    r"\bhae (?:\S+ ){0,4}?mennessä\b",
    r"\bviimeinen hakupäivä\b",
    r"\bhaethan\b",
    r"\bhakemukse(?:si|nne)\b",
    # the applications to the employer ("Hakemukset käsitellään luottamuksellisesti", "Toimita
    # hakemukset 15.3. mennessä"), not those a worker handles for clients (the Finnish side of
    # reads29's "ansökningar om stöd": "Käsittelet asiakkaiden hakemukset", a genitive's or a
    # task verb's "you" before it)
    r"(?<!den )(?<!ten )(?<!jen )(?<!käsittelet )(?<!ratkaiset )(?<!tarkistat )(?<!valmistelet )"
    r"\bhakemukset\b",
    r"\bhakuaika\b",
    r"\bhaku päättyy\b",
    r"\blisätietoja (?:tehtävästä|antaa|saat)\b",
    r"\bota yhteyttä\b",
    r"\byhdenvertai\w*",
    r"\btasa-arvo\w*",
    r"\bmonimuotoisuu\w*",
    r"\bkannustamme\b.*\bhakemaan\b",
    r"\bsoveltuvuusarvi\w*",
    r"\brikostaust\w*",
    # the probation in any case ("noudatetaan kuuden kuukauden koeaikaa", "koeajan pituus"; outside
    # tester 31, F6: the partitive escaped, *tehdä useita tehtäviä yhtä aikaa* 0.40)
    r"\bkoeaika\w*|\bkoeaja\w*",
    # the terms of the employment, not a skill: its start, length, hours and filling ("Työsuhde
    # alkaa 1.2.", "Tehtävä täytetään toistaiseksi", "Työaika on 38,25 h viikossa": *measure working
    # time in goods production* 0.46)
    r"^\W*(?:työsuhde|työsuhteen|tehtävä|toimi|virka|työ)\s+(?:alkaa|alkavat|täytetään|on\s+(?:toistaiseksi|"
    r"määräaikai\w*|vakituinen|kokoaikai\w*|osa-aikai\w*|sijaisuus)|kestää)\b",
    r"\btoistaiseksi voimassa olev\w* (?:työsuhte\w*|virkasuhte\w*)",
    r"^\W*(?:säännöllinen\s+)?(?:viikoittainen\s+)?työaika\s+(?:on\s+)?(?:noin\s+)?\d",
    # … also as days and clock times ("Työaika ma-pe klo 7-15", "Working hours Mon–Fri 7–15",
    # "Arbetstid mån–fre kl. 7–15": *measure working time in goods production* 0.51, *calculate rates
    # per hours* 0.45; outside tester 34, F6); not a shift word, which names *work in shifts*
    r"^\W*(?:säännöllinen\s+)?(?:työaika|työajat)\s*:?\s*(?:on\s+)?(?:(?:ma|maanantai\w*)\s*[-–]|arki\w*\s+(?:klo\b|\d)|"
    r"klo\b|kello\b)",
    # a schedule alone, as after a "Työaika:" / "Arbetstid:" heading: days and clock times
    r"^\W*(?:ma|mån|mon)\w*\s*[-–]\s*(?:pe|to|la|su|fre|tor|lör|sön|fri|thu|sat|sun)\w*\.?\s*(?:klo\b|kl\b|\d|$)",
    r"^\W*(?:arkisin|arkipäivisin|vardagar|weekdays)\s+(?:klo\b|kl\b|(?:from\s+)?\d)",
    r"^\W*(?:regular\s+)?(?:working|work|office)\s+hours?\s*:?\s*(?:are\s+)?(?:\d|mon\w*\s*[-–]|monday\w*\s+(?:to|[-–])|"
    r"weekdays\s+(?:from\s+)?\d|from\s+\d)",
    r"^\W*(?:ordinarie\s+)?arbetstid(?:en|er|erna)?\s*:?\s*(?:är\s+)?(?:\d|mån\w*\s*[-–]|vardagar\s+(?:kl\b|\d)|"
    r"kl\b)",
    # … and any other statement of when the work is done, times of day and kinds of day included
    # ("Työaika on aamuisin klo 6-10": *follow work schedule* 0.44; "Työ on päivätyötä", "Arbetstiden
    # är på morgonen", "Working hours are in the mornings"; outside tester 35, F6); a clause naming
    # shifts is read (*work in shifts*, `recognition._SHIFT_STATED`), as is one tracking or planning
    # the hours ("Työaikojen seuranta")
    # ("Työaika painottuu viikonloppuihin", "Work is mainly at weekends", "Arbetet är främst förlagt
    # till kvällar": *follow work schedule* 0.37, *work in outdoor conditions* 0.42; outside tester
    # 35b, G7: how much of it falls when is a term too)
    r"^\W*(?:säännöllinen\s+)?(?:viikoittainen\s+)?(?:työaika|työajat|työaikamuoto)\b(?![^.;]*vuoro)"
    r"\s*(?::|on\b|ovat\b|\d|klo\b|kello\b|painottu\w*|ajoittu\w*|sijoittu\w*|vaihtel\w*|sisältää\b|"
    r"(?:pää|enimmäkse|useimmite|yleensä|usein)\w*\b)",
    r"^(?![^.;]*vuoro)\W*(?:työ|työt|työskentely|työvuorot)\s+(?:on|ovat|tehdään|ajoittuu|ajoittuvat|painottuu|painottuvat|"
    r"sijoittuu|sijoittuvat)\s+(?:\w+\s+){0,2}?(?:päivätyö\w*|aamu\w*|ilta\w*|ilto\w*|öisin|öihin|yö\w*|"
    r"päivisin|päiväaikaan|päiviin|arkisin|arkipäivisin|arkipäiviin|viikonlop\w*)\b(?![^.;]*vuoro)",
    r"^\W*(?:aamuisin|iltaisin|öisin|päivisin|viikonloppuisin)\s+(?:klo\b|kello\b|\d)",
    r"^\W*(?:ordinarie\s+)?arbetstid(?:en|er|erna)?\b(?![^.;]*skift)\s*(?::|är\b|\d|kl\b)",
    r"^(?![^.;]*skift)\W*arbetet\s+(?:är|sker|utförs)\s+(?:\w+\s+){0,3}?(?:dagtid|kvällstid|nattetid|helgtid|morgnar|kvällar|"
    r"nätter|helger\w*|vardagar|(?:på|under)\s+(?:morgon|kväll|natt|helg|dag|vardag)\w*)\b(?![^.;]*skift)",
    r"^\W*(?:regular\s+|the\s+)?(?:working|work|office)\s+hours?\b(?![^.;]*shift)\s*(?::|are\b|is\b|\d|from\b|"
    r"mon\w*\b|week\w*\b)",
    r"^(?![^.;]*shift)\W*(?:the\s+)?(?:job|work|position)\s+(?:is\s+(?:done\s+|carried\s+out\s+|performed\s+)?|takes\s+place\s+|"
    r"falls\s+)(?:\w+\s+){0,2}?(?:daytime|in\s+the\s+(?:mornings?|evenings?|daytime)|(?:at|on|in|during)\s+"
    r"(?:the\s+)?(?:weekends?|nights?|weekdays|evenings?|mornings?)|evenings?|weekends?|nights?|on\s+weekdays)\b"
    r"(?![^.;]*shift)",
    r"^\W*(?:tehtävän\s+)?(?:tehtäväkohtainen\s+)?(?:palkka|palkkaus)\s+(?:on|määräytyy|maksetaan)\b",
    # the interviews of the selection ("haastattelut", "kutsumme haastatteluun"), not the task of
    # interviewing ("Haastattelet asiakkaita", "teet haastatteluja")
    r"\b(?:työ)?haastattelu(?:t|ssa|un|ihin|issa|kutsu\w*|vaihe\w*)?\b|\bhaastattelemme\b|\btyöhaastattel\w*",
    r"\byrityksemme on\b",
    r"\bkonserni(?:in|mme)\b",
    r"\bliikevaihto\w*",
    r"\btyöllistämme\b",
    r"\bhuumausainetesti\w*",
    r"\bolemme (?:kasvava|suomalainen|perheyritys|johtava|kansainvälinen)\b",
    r"\btyöyhteisö(?:mme|ssämme|ämme)\b",
    r"\b(?:olemme sitoutuneet|sitoudumme)\b",
    r"\bon (?:kasvava |suomalainen |kansainvälinen )?perheyritys\b",
    r"\barvo(?:mme|jamme|ihimme)\b",  # "Arvojamme ovat asiakaslähtöisyys, vastuullisuus …"
    r"\briippumatta\b",  # "… sukupuolesta, iästä … riippumatta" (equal opportunity)
    r"\bhenkilökunta(?:ruokailu|alennu|etu)\w*",
    r"\btyösuhde-?e[dt]u\w*",
    r"\b(?:lounas|liikunta|kulttuuri|virike|työmatka)e[dt]u\w*",
    r"\bpysäköin\w*",
    r"\bperehdyt(?:ämme|yksen)\b",
    r"\blue lisää\b",
    r"\bmeillä on (?:\w+ ){0,2}(?:työ)?(?:ilmapiiri\w*|henki|yhteisö\w*|porukka\w*|"
    r"tiimi\w*|työkaveri\w*|kollega\w*|fiilis\w*)",
    r"\b(?:hyvä|mukava|rento|innostava|kannustava|loistava|lämmin|avoin|hyvähenkinen|positiivinen|"
    r"leppoisa|iloinen|osaava)\w* (?:työ)?(?:ilmapiiri\w*|henki|hengen|yhteisö\w*|porukka\w*|"
    r"työkaveri\w*|kollega\w*)",
    r"\b(?:mukava|rento|hyvähenkinen|iloinen|loistava|innostava)\w* (?:tiimi|työpaikka)\w*",
    r"\bsovitaan tarkemmin\b",
    r"\btyö alkaa\b",
    r"\b(?:aloitus|työn aloitus|aloittaminen) (?:sopimuksen mukaan|heti|mahdollisimman pian)\b",
    r"\bsopimuksen mukaan\b",
    # the employer's own web pages ("Lue lisää kotisivuiltamme", "katso www-sivut"), not a task
    # done on web pages ("kykyä kirjoittaa myyviä tekstejä verkkosivuille", "päivität verkkosivuja":
    # dropped before session 22)
    r"\b(?:koti|verkko|netti|www-)sivu(?:illa|ilta|ille|ja|t)?mme\b",
    r"\b(?:lue|katso|löydät|tutustu\w*|lisätietoja|lisää tietoa)\b[^.;]{0,60}?\b(?:koti|verkko|netti|www-)sivu\w*",
    r"\b(?:koti|verkko|netti|www-)sivu\w*\s+(?:osoitteessa|www\.|https?:)",
    # Swedish
    r"\bvi erbjuder\b",
    r"\bdu får\b",
    r"\blön enligt\b",
    r"\bansök\b",
    # applications to the employer, not those a worker makes for clients ("ansökningar om stöd",
    # a social worker's task: the sentence gave nothing, sv-dev10)
    r"\bansökningar\w*\b(?!\s+om\s+(?!tjänst|jobb|arbet|plats|befattning|anställning|vikariat)\w)",
    r"\bskicka (?:din|er) ansökan\b",
    r"\bmer information (?:ger|om tjänsten|fås)\b",
    # who answers questions and where the application goes ("Närmare uppgifter ger avdelningsskötaren",
    # "Ansökan skickas via Kommunrekry senast 20.1."; both gave skills in sv-dev15/16, session 36), not a
    # client's application a worker helps with ("hjälper klienter med ansökan om stöd")
    r"\b(?:närmare|mer|mera|ytterligare)\s+(?:uppgifter|upplysningar|information|info)\s+(?:\w+\s+){0,3}?"
    r"(?:ger|ges|lämnar|lämnas|fås|får\s+du|om\s+(?:tjänsten|jobbet|arbetet|befattningen|uppdraget))\b",
    r"\b(?:din\s+|er\s+)?ansökan\s+(?!om\b)(?:\w+\s+)?(?:skickas|sänds|lämnas|inlämnas|görs|ska|bör|"
    r"riktas|tas\s+emot|behandlas)\b",
    r"\bfrågor(?:na)?\s+(?:om|kring|gällande)\s+(?:tjänsten|jobbet|arbetet|befattningen|uppdraget|rekryteringen)\b",
    # "Kontakta oss", "tveka inte att kontakta Anna Berg"; not a task's "att kontakta anhöriga" (below)
    r"\bkontakta\b",
    r"\bvi är ett (?:växande|ledande|familjeföretag|internationellt)",
    r"\bvåra (?:kärn)?värderingar\b",
    r"\bjämställdhet\w*",
    r"\b(?<!biologisk )(?<!biologiska )mångfald\w*",  # (a gardener's "biologisk mångfald" is work)
    # equal opportunity ("oavsett kön och ålder"), not the work's conditions ("arbeta utomhus oavsett
    # väder": working outdoors, session 35)
    r"\boavsett (?:kön|ålder|bakgrund|etni\w*|ursprung|religion|tro|funktions\w*|sexuell\w*|hudfärg|"
    r"nationalitet|modersmål|övertygelse|livsåskådning|vem|vilken|vilket)\b",
    # equal opportunity (outside tester 12, N10: "Vi välkomnar sökande oberoende av kön, ålder och
    # bakgrund" gave "older adults' needs", "geriatrics")
    r"\boberoende av (?:kön|ålder|bakgrund|etni\w*|ursprung|funktions\w*|religion|sexuell\w*)",
    r"\bvi välkomnar (?:alla|sökande|ansökningar|dig|er)\b",
    r"\bvi värdesätter (?:mångfald|olikheter)\b",
    r"\blikabehandling\w*",
    r"\blika möjligheter\b",
    # the employer's promise to train the hire, as "perehdytämme" (outside tester 15, P11: "Hygienpass
    # krävs inte, vi utbildar dig." gave *instruct others*, *provide technical training*)
    r"\bvi (?:utbildar|lär upp|lär vi upp|skolar in|introducerar|handleder|tränar) (?:dig|er|alla|nya)\b",
    r"\bvi (?:ger|erbjuder) (?:dig |er )?(?:en )?(?:\w+ )?(?:introduktion|utbildning|upplärning|inskolning)\w*",
    r"\b(?:arbets)?(?:introduktion|upplärning|inskolning|utbildning|introduktionsutbildning)\w* "
    r"(?:ges|ordnas|erbjuds|ingår|får du)\b",
    r"\bdu (?:kommer att )?(?:få|introduceras|skolas in|lärs upp|utbildas)\b",
    # how to apply by a date ("Sök senast 20.12.", "Sista ansökningsdag är 20.12.")
    r"\bsök (?:\S+ ){0,3}?senast\b",
    r"\bsista ansökningsdag\w*",
    r"\bansökningstid\w*",
    r"\bprövotid\b",
    r"\bprovanställning\w*",
    # the interviews of the selection ("Intervjuerna hålls vecka 12", "kallas till intervju"), not the
    # task of interviewing ("Du genomför intervjuer med klienter", an HR worker's "håller
    # anställningsintervjuer"; as the Finnish "haastattelu")
    r"\bintervjuerna\b|\bintervju(?:n|er)?\s+(?:hålls|sker|börjar|inleds|genomförs|ordnas|kan|kommer|pågår)\b",
    r"\b(?:kallas|kallar|bjuds in|bjuder in)\s+(?:\w+\s+){0,3}?till\s+(?:en\s+)?(?:anställnings|arbets)?intervju\w*",
    r"\bvi intervjuar\b|\bintervju\w*\s+(?:\w+\s+)?löpande\b|\blöpande intervju\w*",
    r"\bhos oss (?:är|finns|har|råder)\b",
    r"\bvår arbetsgemenskap\b",
    r"\bvi har (?:förbundit|åtagit) oss\b",
    r"\b(?:god|bra|trevlig|härlig|positiv|familjär|öppen|glad|go)\w* (?:stämning|arbetsmiljö|arbetsplats|"
    r"kollegor|arbetskamrater|gemenskap|sammanhållning)\b",
    # the start of the job ("Tillträde enligt överenskommelse", "Tillträde 1.3."), not a guard's access
    # control ("kontrollerar du tillträde till området")
    r"\btillträde(?=\s*(?:[:.,!]|$|\d|(?:enligt|senast|snarast|omgående|genast|så\s+snart|efter|från|den|i|"
    r"till\s+(?:tjänsten|befattningen|arbetet|jobbet))\b))",
    # a term of the employment by agreement ("Tillträde enligt överenskommelse", "Arbetet inleds enligt
    # överenskommelse", "Lön: enligt överenskommelse", "1.3. eller enligt överenskommelse"), not a task
    # done by agreement ("mottagning, jourer enligt överenskommelse och uppföljning av …": sv-dev15's
    # doctor came back empty, session 36)
    r"(?:^\W*|[,;:(]\s*|\b(?:eller|alternativt|alt\.|tillträde\w*|tillträds|start\w*|börja\w*|inleds|påbörjas|"
    r"lön\w*|avlöning\w*|arbetstid\w*|timantal\w*|anställning\w*|tjänsten|befattningen|arbetet|jobbet|"
    r"semester\w*|tillsätts|tidpunkt)\s+(?:\w+\s+)?)enligt överenskommelse\b",
    r"\bpersonal(?:rabatt|måltid)\w*",
    r"\bfriskvård\w*",
    r"\bparkering\w*",
    r"\bläs mer\b",
    r"\bhemsida\w*",
    # what the employer values, its size, its working hours and whom the job suits (outside tester 19,
    # P2: "We value openness, continuous learning and a good work-life balance." gave *maintain
    # psychological well-being* 0.64, "Meillä on noin 300 työntekijää" *evaluate employees*, "Työ sopii
    # myös eläkeläiselle tai opiskelijalle" *assess students* 0.52, "Kiva tiimi ja joustavat työajat"
    # *manage a team*); a sentence with a requirement cue is still read (`REQUIREMENT_CUES`)
    r"\bwe value (?:openness|honesty|transparency|trust|continuous|lifelong|learning|work-life|a (?:good|healthy) "
    r"work-life|balance|collaboration|teamwork|flexibility|well-?being|respect|curiosity|equality|inclusion)",
    r"\b(?:a )?(?:good |healthy )?work-life balance\b",
    r"\bflexible (?:working )?(?:hours|schedules?|working time)\b",
    r"\b(?:we have|we employ|employs|employing|with) (?:about |around |over |more than |nearly |some |almost )?"
    r"\d[\d,.]* (?:employees|people|staff|professionals|experts)\b",
    r"\b(?:suits|is suitable for|suitable for|ideal for|perfect for|a good fit for|also fits) (?:\w+ )?"
    r"(?:students|pensioners|retirees|retired|young people|career changers|everyone|anyone)\b",
    r"^\W*(?:an? )?(?:great|nice|friendly|fun|awesome|supportive|lovely) (?:team|colleagues|atmosphere)\b",
    r"\barvostamme (?:avoimuu|rehellisyy|luottamu|työhyvinvoin|hyvinvoin|tasapaino|monimuotoisuu|"
    r"yhteisöllisyy|jatkuva\w* oppimis|oppimis|joustavuu|tasa-arvo)\w*",
    r"\btyön ja (?:vapaa-ajan|perhe-elämän|yksityiselämän) (?:yhteensovitta|tasapaino)\w*",
    r"\bjoustava(?:t)? (?:työaja(?:t)|työaika|työvuoro(?:t)?)\b",
    r"\b(?:meillä on|meillä työskentelee|työllistämme|yrityksessämme on|yrityksessämme työskentelee|"
    r"työskentelee) (?:noin |yli |lähes |n\. |jo |reilu |reilut |peräti )?\d[\d\s.]* "
    r"(?:työntekijää|ammattilaista|henkeä|henkilöä|osaajaa|hengen)\b",
    r"\bsopii (?:myös |hyvin |erinomaisesti |esimerkiksi |mainiosti )?(?:eläkeläi|opiskelij|koululai|nuorille|"
    r"nuorelle|alanvaihtaj|kaikille|sivutoim|perheelli)\w*",
    r"\b(?:kiva|mukava|hauska|huippu|loistava)\w* (?:tiimi|työporukka|työkaveri)\w*",
    r"\bvi värdesätter (?:öppenhet|ärlighet|tillit|balans|lärande|samarbete|flexibilitet|välmående|respekt)",
    r"\bbalans(?:en)? mellan (?:arbete|jobb) och (?:fritid|privatliv)\b",
    r"\bflexibla arbetstider\b|\bflexibel arbetstid\b",
    r"\b(?:vi har|vi är|sysselsätter|har vi) (?:cirka |ca |drygt |över |omkring |nästan |runt )?\d[\d\s.]* "
    r"(?:anställda|medarbetare|personer)\b",
    r"\bpassar (?:även |också |bra |utmärkt )?(?:för )?(?:pensionär|studerande|student|skolung|unga|alla)\w*",
    r"\b(?:trevlig|härlig|rolig|go|grym)\w* (?:team|arbetslag|gäng)\b",
    # what the employer itself promotes, supports or cares for: its values and policies, not the
    # job's requirements (outside tester 23, S3: "We promote the use of sustainable transport." gave
    # *promote the use of sustainable transport* 0.75 as a warehouse worker's suggestion); a sentence
    # with a requirement cue is still read ("Arvostamme kokemusta …", "We value experience in …")
    rf"\bwe (?:actively |strongly |proudly |also |always )?(?:promote|encourage|foster|favou?r|prioriti[sz]e|"
    rf"champion|care (?:about|for)|invest in|believe in|strive (?:for|to)|are proud|take responsibility|"
    rf"support|value|are committed|work (?:towards|for)|aim (?:for|to)|want to|recycle|offset)\b"
    rf"(?=.*\b(?:{_VALUE_OBJECTS['en']}))",
    r"\b(?:sustainability|responsibility|the environment|equality|diversity|well-?being) (?:is|are) "
    r"(?:at the (?:heart|core)|important|a priority|part of)\b",
    rf"\b(?:edistämme|tuemme|kannustamme|suosimme|arvostamme|panostamme|huolehdimme|vaalimme|"
    rf"haluamme|pyrimme|sitoudumme|kierrätämme|kompensoimme|toimimme)\b"
    rf"(?=.*(?:{_VALUE_OBJECTS['fi']}))",
    rf"\bvi (?:aktivt |också |alltid )?(?:främjar|uppmuntrar|stödjer|stöder|värnar om|satsar på|"
    rf"prioriterar|tar ansvar för|strävar efter|vill|arbetar för|verkar för|värdesätter|återvinner)\b"
    rf"(?=.*(?:{_VALUE_OBJECTS['sv']}))",
)
# An invitation to join the employer ("Join our team", "Tule mukaan tiimiimme", "Välkommen till
# oss"): boilerplate alone, but not when the sentence names the occupation the invitation is to
# (`is_boilerplate`'s `names_job`: "We are looking for a practical nurse to join our home care
# team." was dropped whole, the nurse with it; issue 12).
INVITATIONS: tuple[str, ...] = (
    r"\bjoin (?:us|our team)\b",
    r"\bjoin (?:an?|our) (?:\w+ ){0,2}(?:team|community|company|crew)\b",
    r"\bcome (?:and )?work (?:with|for|at) us\b",
    r"\btule (?:meille|mukaan|töihin|tiimiimme|joukkoomme|taloon)\b",
    r"\bliity (?:joukkoomme|tiimiimme|meihin|porukkaamme)\b",
    # (not welcoming as the task: "toivotat vieraat tervetulleiksi", *greet guests*, was dropped
    # before session 22)
    r"^(?![\s\S]*\btoivot\w*\b)[\s\S]*?\btervetullei\w*",
    r"\btervetuloa\b",
    r"\bkom (?:och )?(?:jobba|arbeta) (?:hos|med|för) oss\b",
    r"\bvälkom(?:men|na)\b",
)
# A line of a letter's greeting or closing, or of thanks ("Hyvää päivää", "Ystävällisin terveisin",
# "Med vänliga hälsningar", "Best regards, Maija", "Kiitos hakemuksestasi"): no skill ("Hyvää
# päivää" gave *carry out end of day accounts* 0.45, "Best regards" *reflexion* 0.39; issue 12).
_GREETING = (
    r"hei|heippa|moi|moikka|hyvä(?:ä)? (?:päivää|huomenta|iltaa|hakija|vastaanottaja)|arvoisa \w+|"
    r"(?:ystävällisin|parhain|lämpimin|sydämellisin) terveisin|terveisin|kiitos|kiitoksia|"
    r"kiitos (?:hakemuksestasi|hakemuksesta|mielenkiinnostasi|kiinnostuksestasi|yhteydenotostasi|ajastasi)|"
    r"hej|hejsan|hallå|god (?:dag|morgon|kväll)|(?:med )?(?:vänliga|bästa|varma) hälsningar|hälsningar|mvh|"
    r"tack(?: så mycket)?|tack för (?:din|er) (?:ansökan|intresse)|"
    r"hello|hi|hey|good (?:morning|afternoon|evening|day)|dear \w+|"
    r"(?:best|kind|warm|with kind) regards|regards|best wishes|(?:yours )?(?:sincerely|faithfully)|"
    r"thank you|thanks|thank you for (?:your|the) (?:application|interest|time)"
)
# Where the work is done, as a work arrangement ("Tampere or remote", "Helsinki tai etätyö",
# "Etätyömahdollisuus", "Remote work possible"): no skill ("Tampere or remote" gave *use remote
# control equipment* 0.51; outside tester 18, P8).
_REMOTE = (
    r"(?:remote(?:ly)?|remote[- ]first|etä|etänä|etätyö\w*|etätyöskentely\w*|(?:på )?distans|distansarbete|"
    r"hybrid|hybridi|hybridityö\w*|hybridimalli\w*)"
)
_WHERE_HEADING = (
    r"(?:\W*(?:(?:work )?location|place of work|based in|employer|company|sijainti|työpaikka|paikkakunta|"
    r"työskentelypaikka|työpiste|työnantaja|yritys|arbetsort|ort|placering|arbetsgivare|företag)\s*:\s*)?"
)
"""An inline heading of where the work is or whose it is ("Location:", "Sijainti:", "Arbetsort:",
"Työnantaja:") before a work arrangement or an employer's name."""
_WORK_MODE: tuple[str, ...] = (
    rf"^{_WHERE_HEADING}\W*(?:[^\W\d_][\w-]*\s*(?:,|/|or|tai|eller|\+|&)\s*){{0,3}}{_REMOTE}"
    r"(?:\s+(?:work|working|job|possible|option|available|ok|työ|mahdollinen|mahdollisuus|mahdollista|"
    r"möjligt|möjlig|arbete|arbetsplats))*(?:\s*\([^()]{0,40}\))?\W*$",
    r"\b(?:remote|hybrid) work(?:ing)? (?:is )?(?:possible|available|an option|allowed)\b",
    r"\bwork (?:remotely|from home) (?:is )?(?:possible|available|allowed)\b",
    r"\betätyö(?:mahdollisuu\w*|tä voi tehdä|tä on mahdollista)\b|\bmahdollisuus (?:osittaiseen )?etätyö\w*",
    r"\bmöjlighet (?:till|att arbeta på) distans\w*|\bdistansarbete (?:är )?möjligt\b",
)
# A line that is an employer's name: a company form among at most eight capitalised words
# ("Kotihoito Oy Lähimmäinen", "Attendo Oy", "Svets Ab, Vasa"; outside tester 18, P8: read as
# words, "Kotihoito Oy Lähimmäinen" gave *provide domestic care* 0.50).
_EMPLOYER_NAME = (
    rf"^{_WHERE_HEADING}\W*(?-i:(?:[A-ZÅÄÖ0-9][\w&.'’-]*[\s,]+){{0,5}}"
    r"(?:Oy|Oyj|Ab|Abp|Ky|Tmi|Ltd|Inc|GmbH|LLC|ry|rf|r\.y\.)"
    r"(?![\w:])\.?(?:(?:[\s,]+|\s*[–—|/-]\s*)[A-ZÅÄÖ][\w&.'’-]*){0,3})\W*$"
)
LETTER_AND_WORK_MODE: tuple[str, ...] = (
    rf"^\W*(?:{_GREETING})(?:[\s,]+(?-i:[A-ZÅÄÖ])[\w.'’-]*){{0,3}}\W*$",  # (and a name: "Terveisin Maija")
    # thanks for applying or for the interest ("Kiitos mielenkiinnostasi tehtävää kohtaan!", "Thank
    # you for your interest in this position.", "Tack för ditt intresse!")
    r"^\W*(?:kiitos|kiitämme|thank you|thanks|tack)\b[^.!?]{0,40}?\b(?:hakemu\w*|mielenkiin\w*|"
    r"kiinnostu\w*|applica\w*|applying|interest|ansökan|intresse\w*)\b[^.!?]{0,40}[.!?]*\s*$",
    *_WORK_MODE,
    _EMPLOYER_NAME,
)
"""Lines of a letter's greeting or closing, of a work arrangement and of an employer's name:
boilerplate (`BOILERPLATE`)."""
REQUIREMENT_CUES: tuple[str, ...] = (
    r"\bexperience\b",
    r"\bknowledge\b",
    r"\bskills?\b",
    r"\brequire",
    r"\bmust\b",
    r"\bability\b",
    r"\bedellyt",
    r"\bvaati",
    r"\bvaadi",
    r"\bvälttämät",
    r"\btarvit",
    r"\btarpeen\b",
    r"\beduksi\b",
    r"\btoivomme\b",
    r"\bkokemus",
    r"\bosaa",
    r"\btaito",
    r"\btehtävi(?:isi|in)\b",
    r"\btyöhön kuuluu\b",
    r"\bförutsätt",
    r"\berfarenhet",
    r"\bkunskap",
    r"\bkrävs\b",
    r"\barbetsuppgift",
    # the frames that say what the job is, as the Finnish "työhön kuuluu" (session 35:
    # "Jämställdhetsarbete hör till dina uppgifter" is an HR worker's task, not an equal-opportunity line)
    r"\b(?:arbets)?uppgifter(?:na)?\s+(?:hör|ingår)\b",
    r"\b(?:hör|ingår)\s+(?:till|i)\s+(?:dina|era)\s+(?:arbets)?uppgifter\b",
    r"\bi\s+(?:arbetet|jobbet)\s+ingår\b",
    r"\b(?:arbetet|jobbet)\s+(?:består\s+av|omfattar)\b",
)
_BOILERPLATE = re.compile("|".join(BOILERPLATE + INVITATIONS + LETTER_AND_WORK_MODE), re.I)
_WORK_MODE_CLAUSE = re.compile("|".join(_WORK_MODE), re.I)
_OTHER_BOILERPLATE = re.compile("|".join(BOILERPLATE + INVITATIONS), re.I)
"""A clause that is a work arrangement ("distansarbete möjligt", "etätyö mahdollista") and nothing
else of boilerplate: it bounds no other clause of its sentence (`requirement_clauses`)."""
_BOILERPLATE_BESIDES_INVITATIONS = re.compile("|".join(BOILERPLATE + LETTER_AND_WORK_MODE), re.I)
_INVITATION = re.compile("|".join(INVITATIONS), re.I)

# Swedish work verbs an ad's "du får …" (you get to …) opens a task with: "Du får arbeta med barn med
# särskilda behov", "Du kommer att få ta blodprov", "Du får ansvar för kassan" say the job, not a
# benefit ("Du får en trygg arbetsplats"); "Vi erbjuder dig möjlighet att arbeta med …" says the work
# too, and so does "att kontakta" a client or an authority. Such a frame is no boilerplate cue
# (`boilerplate_cue`); the sentence's other cues still count (session 35: such sentences came back empty).
_SV_TASK_VERBS = (
    r"arbeta|jobba|ta|sköta|ansvara|hjälpa|leda|planera|utveckla|delta|träffa|göra|hantera|använda|"
    r"bemöta|möta|stötta|stöda|stödja|undervisa|vårda|laga|bygga|köra|serva|servera|betjäna|handleda|"
    r"bedöma|behandla|montera|reparera|installera|underhålla|sälja|städa|tillverka|programmera|svetsa|"
    r"assistera|koordinera|samordna|dokumentera|följa|granska|analysera|sammanställa|guida|instruera|"
    r"kontrollera|övervaka|sortera|packa|plocka|lasta|baka|tillreda|ordna|organisera"
)
_SV_TASK_FRAME = re.compile(
    r"\bdu (?:kommer att |kommer |ska |skall )?(?:få|får)\s+(?:(?:även|också|bland annat|bl\.\s?a\.|"
    r"själv|självständigt|till exempel|t\.\s?ex\.|dessutom|mycket|gärna|bland annat att)\s+)*"
    rf"(?=(?:{_SV_TASK_VERBS})\b|(?:stort |ett stort |helhets)?ansvar(?:et)? för\b)"
    r"|\b(?:vi erbjuder (?:dig |er )?|hos oss (?:finns|har du|ges|får du) )(?:en |ett )?(?:\w+ )?"
    r"(?:möjlighet(?:en)?|chans(?:en)?) att "
    r"(?=(?:arbeta|jobba) (?:med|som|inom)\b)"
    # a task of contacting ("I arbetet ingår att kontakta anhöriga", "kunna kontakta leverantörer"),
    # not the employer's "tveka inte att kontakta oss / Anna Berg / avdelningschefen"
    r"|\b(?<!inte )(?:att|kunna|behöver|måste)\s+kontakta(?=\s+(?!\w*chef)(?!(?:oss|mig|gärna|vår|våra)\b)"
    r"(?!rekryter|personal|ansvarig)(?-i:[a-zåäö]))",
    re.I,
)


def boilerplate_cue(sentence: str) -> re.Match[str] | None:
    """The first boilerplate cue (`BOILERPLATE`, `INVITATIONS`, `LETTER_AND_WORK_MODE`) of `sentence`
    outside a Swedish task frame (`_SV_TASK_FRAME`: "Du får arbeta med …", "Du får ansvar för …"),
    or None."""
    return _BOILERPLATE.search(_SV_TASK_FRAME.sub(" ", sentence))


_REQUIREMENT = re.compile("|".join(REQUIREMENT_CUES), re.I)

# Headings of an ad's sections about the employer, its benefits or how to apply. A line that is
# such a heading ("Tarjoamme:", "We offer:", "About us:") and the lines under it up to the next
# heading are boilerplate, unless a line states a requirement; a line that starts with one
# ("About us: Hervanta Tech is a SaaS scale-up …") is boilerplate itself. An outside tester: the
# benefits written as the usual bullet list under "Tarjoamme:" gave "varmistaa hintojen
# kilpailukyky" and "kulttuuriprojektit" as a property-maintenance vacancy's skills.
BOILERPLATE_HEADINGS: tuple[str, ...] = (
    # English
    r"about (?:us|the company|the employer|our company)",  # (not "About the role:", "About you:")
    r"who we are",
    r"our (?:company|story|values|offer|benefits|culture)",
    r"(?:what )?we offer(?: you)?",
    r"(?:employee )?benefits",
    r"perks(?: and benefits)?",
    r"why (?:join us|us|work (?:with|for|at) us)",
    r"how to apply",
    r"(?:the )?application(?: process)?",
    r"contact(?: us| information| details| person)?",
    r"more information",
    # Finnish
    r"meistä",
    r"yrityksestä",
    r"yritys",
    r"keitä olemme",
    r"tarjoamme(?: sinulle)?",
    r"meillä saat",
    r"mitä tarjoamme",
    r"(?:työsuhde-?)?edut",
    r"hakeminen",
    r"haku(?:ohjeet)?",
    r"näin haet",
    r"lisätiedot(?:ja)?",
    r"yhteystiedot",
    # Swedish
    r"om oss",
    r"om (?:företaget|arbetsgivaren)",
    r"vi erbjuder(?: dig)?",
    r"(?:vi |det här )?erbjuder vi",
    r"förmåner",
    r"ansökan",
    r"så (?:här )?söker du",
    r"kontakt(?:uppgifter|person)?",
    r"mer information",
)
_BOILERPLATE_HEADING = re.compile(r"^\W*(?:" + "|".join(BOILERPLATE_HEADINGS) + r")\s*:", re.I)


_CLAUSE_SPLIT = re.compile(r"\s*[,;]\s*|\s+(?:ja|joten|mutta|sekä|and|so|but|och|men|så)\s+(?=\S)", re.I)


_SEMICOLON = re.compile(r"\s*;\s*")


_OPENING_CONJUNCTION = re.compile(r"^(?:ja|joten|mutta|sekä|and|so|but|och|men|så)\s+", re.I)


def requirement_clauses(
    sentence: str,
    names_skill: Callable[[str], bool] | None = None,
    names_job: Callable[[str], bool] | None = None,
) -> str:
    """What of a `sentence` about the employer, the start or the application (`BOILERPLATE`)
    may state a requirement: its clauses (split at commas and "ja", "joten", "and", "och" …) that
    are no boilerplate themselves, joined by ", ", when the sentence has a requirement cue
    (`REQUIREMENT_CUES`) or `names_skill` (the explicit rules) finds a skill in them; "" when
    nothing is left. Outside tester 14 (P1): "Työ alkaa heti ja edellyttää trukkikorttia.",
    "Aloitus sopimuksen mukaan, B-ajokortti välttämätön." were skipped whole, the licence with
    them; "Työ ei edellytä kokemusta, perehdytämme sinut tehtäviin." gave *train employees* from
    the employer's promise to train the hire (P9). An invitation that names the job (`names_job`,
    `is_boilerplate`) is read without the invitation's own words ("to join our home care team" →
    "to home care"); a clause that is only a work arrangement (`_WORK_MODE`: "distansarbete möjligt")
    is left out and the rest read as the sentence when no other cue is in it."""
    if _invites_to_job(sentence, names_job):
        # "We are looking for a practical nurse to join our home care team.": read without the
        # invitation's words ("join our … team" gave *manage a team*, *join metals*)
        return _INVITATION.sub(_invitation_rest, sentence)
    parts = _SEMICOLON.split(sentence)
    first_cue = next((i for i, part in enumerate(parts) if boilerplate_cue(part)), 0)
    if first_cue > 0:
        # "Sommarvikarie för provtagning, venprov och EKG; du som studerar är välkommen.": a semicolon
        # ends a sentence, and what comes before the boilerplate is read as its own (sv-dev15's
        # midwife and bioanalyst came back empty, session 36); what follows goes on as the cue's
        read = [p.strip(" .!?") for p in parts[:first_cue] if not is_boilerplate(p, names_job)]
        read.append(requirement_clauses("; ".join(parts[first_cue:]), names_skill, names_job).strip(" .!?"))
        return "; ".join(p for p in read if re.search(r"\w", p)) + "." if any(read) else ""
    clauses = [_OPENING_CONJUNCTION.sub("", c.strip(" .!?")) for c in _CLAUSE_SPLIT.split(sentence)]
    arrangement = [bool(_WORK_MODE_CLAUSE.search(c)) and not _OTHER_BOILERPLATE.search(c) for c in clauses]
    if any(arrangement) and not all(arrangement):
        # "Vi söker en backend-utvecklare med Python och PostgreSQL, distansarbete möjligt.": a work
        # arrangement is a clause of its own, no cue for the others (it came back empty; sv-dev13,
        # session 37); the rest is read as if it were the sentence
        rest = ", ".join(
            c for c, own in zip(clauses, arrangement, strict=True) if not own and re.search(r"\w", c)
        )
        if not boilerplate_cue(rest):
            return rest + "."
    kept = [c for c in clauses if re.search(r"\w", c) and not boilerplate_cue(c)]
    if len(clauses) < 2 or not kept:
        return sentence if not is_boilerplate(sentence, names_job) else ""
    rest = ", ".join(kept) + "."
    if _REQUIREMENT.search(rest) or (names_skill is not None and names_skill(rest)):
        return rest
    if names_job is not None and names_job(rest):
        # "Vi söker en närvårdare till hemvården: morgonbesök och medicinering, arbetstid enligt
        # överenskommelse.": a sentence about the job it names, with a term or a benefit beside it, is
        # read without that clause, as an invitation naming the job is (it came back empty; session 36)
        return rest
    return ""


def requirement_sentences(
    parts: Sequence[str], names_skill: Callable[[str], bool] | None = None
) -> list[str]:
    """The sentences of `parts` (from `sentences`, in order) that may state what a job requires:
    boilerplate sentences (`is_boilerplate`) and the lines of a section about the employer,
    benefits or applying (`BOILERPLATE_HEADINGS`, up to the next heading: a line ending in ":")
    are left out, except a line in such a section that states a requirement; of a sentence with a
    boilerplate clause, its other clauses that state a requirement or name a skill by the explicit
    rules (`requirement_clauses`)."""
    return [read for read, _ in requirement_sentences_as_written(parts, names_skill)]


def requirement_sentences_as_written(
    parts: Sequence[str],
    names_skill: Callable[[str], bool] | None = None,
    names_job: Callable[[str], bool] | None = None,
) -> list[tuple[str, str]]:
    """As `requirement_sentences`, each as (what is read, the sentence as written): a sentence
    whose boilerplate clause was left out is read shortened, but a skill's `source` quotes it as
    the text writes it (outside tester 14; README: "the sentence … as written"). `names_job`: as
    `is_boilerplate`'s."""
    out: list[tuple[str, str]] = []
    skipping = False
    for sentence in parts:
        opens = _BOILERPLATE_HEADING.match(sentence)
        if opens is not None:
            # a heading alone opens the section; "About us: …" on one line is boilerplate itself
            skipping = not sentence[opens.end() :].strip()
            continue
        if sentence.rstrip().endswith(":"):
            skipping = False
        if skipping and not _REQUIREMENT.search(sentence):
            continue
        if _PAY_OFFERED.match(sentence) and not _REQUIREMENT.search(sentence):
            continue  # "OFFER: Kilpailukykyinen palkka & hyvät työvuorot." (outside tester 18, P8)
        if only_admin_checks(sentence):
            continue  # "Edellytetään todistusta terveydentilasta sekä rikostaustaotetta." (tester 30, T30-7)
        if not boilerplate_cue(sentence):
            out.append((sentence, sentence))
        elif read := requirement_clauses(sentence, names_skill, names_job):
            out.append((read, sentence))
    return out


def phrases(sentence: str, *, min_chars: int = 2) -> list[str]:
    """The list items of one sentence ("A, B ja C" → [A, B, C]); [] when it has no list. Two
    Finnish verbs in the same person that open the sentence share the object of the second
    ("Asennat ja huollat sähkölaitteita" → ["Asennat sähkölaitteita", "huollat sähkölaitteita"]):
    a bare verb read alone gave the bare skill "suunnitella" (plan) for "Suunnittelet ja toteutat
    pedagogista toimintaa" (an outside tester)."""
    parts = [p.strip(" .!?") for p in _LIST_SPLIT.split(sentence) if p]
    parts = [p for p in parts if len(p) >= min_chars]
    if len(parts) < 2:
        return []
    m = _SHARED_OBJECT.match(sentence)
    if m and _FINNISH_PERSON.search(m.group("first")) and _FINNISH_PERSON.search(m.group("second")):
        shared = parts[1].split()[1:]
        if shared and len(parts[0].split()) == 1:
            parts[0] = f"{parts[0]} {' '.join(shared)}"
    # Swedish: "Du planerar och genomför den pedagogiska verksamheten" gave the bare "plan" too
    m = _SHARED_OBJECT_SV.match(sentence)
    if m and len(parts[0].split()) == 2:
        shared = parts[1].split()[1:]
        if shared:
            parts[0] = f"{parts[0]} {' '.join(shared)}"
    return parts


_SHARED_OBJECT = re.compile(
    r"^\s*(?P<first>[^\W\d_]+)\s+(?:ja|sekä|tai)\s+(?P<second>[^\W\d_]+)\s+[^\W\d_]", re.I
)
_SHARED_OBJECT_SV = re.compile(
    r"^\s*(?:du|vi|jag|hon|han|hen|man)\s+[^\W\d_]+r\s+(?:och|samt|eller)\s+[^\W\d_]+r\s+[^\W\d_]", re.I
)
"""Two Swedish present-tense verbs (ending in -r) after the subject pronoun: they share the object."""
_FINNISH_PERSON = re.compile(r"(?:[aeiouyäö]t|mme|vat|vät)$", re.I)
"""Finnish personal endings of a verb (2nd person singular "asennat", 1st plural "asennamme", 3rd
plural "asentavat")."""


_SWEDISH_VERBS: tuple[tuple[str, ...], ...] = (
    ("ta", "tar", "tog", "tagit", "tagen", "taget", "tagna"),
    ("ge", "ger", "gav", "gett", "givit", "given", "givet", "givna"),
    ("göra", "gör", "gjorde", "gjort", "gjord"),
    ("gå", "går", "gick", "gått"),
    ("dra", "drar", "drog", "dragit"),
    ("lägga", "lägger", "lade", "la", "lagt", "lagd"),
    ("sätta", "sätter", "satte", "satt"),
    ("hålla", "håller", "höll", "hållit", "hållet"),
    ("få", "får", "fick", "fått"),
    ("se", "ser", "såg", "sett"),
    ("skära", "skär", "skar", "skurit", "skuren"),
    ("bära", "bär", "bar", "burit", "buren"),
    ("stå", "står", "stod", "stått"),
    ("köra", "kör", "körde", "kört"),
    ("sköta", "sköter", "skötte", "skött"),
    ("välja", "väljer", "valde", "valt"),
    ("sälja", "säljer", "sålde", "sålt"),
    ("bjuda", "bjuder", "bjöd", "bjudit"),
    ("skriva", "skriver", "skrev", "skrivit"),
    ("bygga", "bygger", "byggde", "byggt"),
)
"""Swedish verbs whose past forms do not start as their infinitive or present does ("sköta" → "skötte",
"ta" → "tog"), each as infinitive, present, then past, supine and participles."""
_SWEDISH_PAST: dict[str, frozenset[str]] = {
    form: frozenset(forms[2:]) for forms in _SWEDISH_VERBS for form in forms[:2]
}


def swedish_word_matches(token: str, word: str) -> bool:
    """Whether `token` (a lower-case word of Swedish text) is `word` (a word of a Swedish glossary
    phrase, written as an ad says it: "tar emot beställ", "delar ut post", "ge råd", "sköta djur") or
    its verb in the past tense, as a CV says what one did ("tog emot beställningar", "delade ut post",
    "gav råd", "har skött djur"): a word starting with `word` (as before: "beställ" in
    "beställningar"); a past form of a verb of `_SWEDISH_VERBS` ("tar" → tog, tagit); a weak verb's
    present in "-ar" or "-er" by its stem ("delar" → delade, delat; "fyller" → fyllde, fyllt); an
    infinitive in "-a" with a past ending after its stem ("klippa" → klippte, klippt). Only the past
    is added: a present for an infinitive ("sköter djuren" for "sköta djur") stays unread as before
    (its gloss crowded a tractor out of "Du kör traktor och sköter djuren")."""
    if token.startswith(word):
        return True
    past = _SWEDISH_PAST.get(word)
    if past is not None:
        return token in past
    if len(word) >= 5 and word.endswith("ar"):
        return token.startswith(word[:-1])
    if len(word) >= 6 and word.endswith("er"):
        return token.startswith(word[:-2])
    if len(word) >= 5 and word.endswith("a"):
        return token in {word[:-1] + ending for ending in ("de", "te", "d", "t")}
    return False


def swedish_word_initials(word: str) -> frozenset[str]:
    """The first characters a token can start with when `swedish_word_matches(token, word)` holds
    (`word` not empty): its own and its past forms' (the irregular "ta" → "tog", "tagit"). As
    ``{word[0]}`` is among them, also what a token starting with `word` begins with."""
    return frozenset({word[:1], *(form[:1] for form in _SWEDISH_PAST.get(word, ()))})


def strip_stock(text: str, lang: str | None = None) -> str:
    """`text` without the stock phrases of `lang` (of every language when None); the text itself
    when nothing else would remain."""
    out = " ".join(_without_stock(text, lang).split()).strip(" ,.;:-")
    return out if WORD.search(out) else text


def _without_stock(text: str, lang: str | None) -> str:
    """`text` with the stock phrases of `lang` (of every language when None) blanked out."""
    for code in [lang] if lang in _STOCK else list(_STOCK):
        text = _STOCK[code].sub(" ", text)
    return text


_HEADING_PLUS = re.compile(
    r"\b(?:plus\w*|eduksi|etuna|hyödyksi|toivottav\w*|merit\w*|fördel\w*|advantage\w*|asset|bonus|"
    r"preferred|desirable|nice\s+to\s+have)\b",
    re.I,
)
_LIST_BULLET = " \t-*•·▪◦●■"


def says_not_needed(heading: str) -> bool:
    """True when `heading` (the words before a list's colon: "Emme edellytä:", "Ei vaadita:", "Not
    required:", "Krävs inte:", a coach's "Puuttuu:") says what follows is not needed or lacking:
    a span of `negated_spans` reaches the colon and no plus word is in it ("Ei välttämätön mutta
    eduksi:" lists pluses; "Kokemusta ei vaadita, mutta edellytämme:" lists requirements)."""
    head = heading.strip(_LIST_BULLET).rstrip(" :")
    if not head or _HEADING_PLUS.search(head):
        return False
    return any(e >= len(head) for _, e in negated_spans(head))


STRUCTURE_HEADINGS: tuple[str, ...] = (
    # Finnish
    r"(?:aiempi |aikaisempi |viimeisin )?(?:työkokemus|työhistoria|työpaikat|työsuhteet|työura)",
    r"(?:lisä|täydennys)?koulutu(?:s|kset)(?:tausta)?|opinnot|tutkinnot?|kurssit",
    r"osaaminen|osaamiset|erityisosaaminen|ammattitaito|taidot|vahvuudet|pätevyydet|sertifikaatit|todistukset",
    # the eligibility an ad lists the qualifications of ("Kelpoisuus: sosionomi (AMK) tai lähihoitaja":
    # read as words, *social justice* and nothing of the practical nurse; outside tester 19, P7)
    r"kelpoisuus(?:vaatimukset|vaatimus|ehdot)?|pätevyys(?:vaatimukset|vaatimus)?",
    r"kielitaito|kielet|henkilötiedot|perustiedot|harrastukset|luottamustehtävät|suosittelijat|referenssit",
    r"muuta|muut tiedot|tausta|taustatiedot|tilanne|nykytilanne|yhteenveto|huomiot|tapaaminen",
    # Swedish
    r"(?:tidigare )?(?:arbetserfarenhet|arbetslivserfarenhet|yrkeserfarenhet|arbetshistorik|anställningar)",
    r"utbildning(?:ar)?|studier|examen|kurser|kompetens(?:er)?|kunskaper|färdigheter|styrkor|certifikat",
    r"behörighet(?:skrav)?|behörighetsvillkor",
    r"språk(?:kunskaper)?|personuppgifter|intressen|fritidsintressen|referenser|meriter|övrigt|bakgrund",
    r"(?:nuvarande )?situation|sammanfattning|anteckningar|mötet",
    # English
    r"(?:previous |professional |relevant )?(?:work experience|experience|work history|employment(?: history)?)",
    r"education(?: and training)?|training|studies|courses|certificates|certifications|languages",
    r"(?:key )?skills|competences|strengths|personal (?:details|information)|interests|hobbies|references",
    r"eligibility|required qualifications?",
    r"other|background|(?:current )?situation|summary|notes|profile",
    # an ad's list of the technologies used: "Tech stack:" gave *stack goods* and *id Tech* beside the
    # products it lists (outside tester 19, P2)
    r"(?:our |the )?tech(?:nology|nical)? stack|technologies|teknologiat|teknologiapino|teknikstack|teknologier",
)
"""Headings of a CV's or a coach's note's sections ("Työhistoria:", "Koulutus", "Arbetslivserfarenhet:",
"Work history:"): they say which section follows, never a skill. Read, "Työhistoria:" gave
*history* 0.73, "Koulutus:" *provide technical training* 0.62, "Education:" *health education* 0.71
(outside tester 17, P7). A line that is one of them alone (with or without its colon) is not read; one
opening a line ("Koulutus: lähihoitaja") is taken off it (`without_inline_heading`)."""
_STRUCTURE_HEADING = re.compile(r"(?:" + "|".join(STRUCTURE_HEADINGS) + r")", re.I)

WISH_HEADINGS: tuple[str, ...] = (
    # Finnish
    r"(?:työnhaun |ammatillinen |oma )?tavoit(?:e|teet)|(?:työ|ammatti)?toive(?:et)?|toiveammatti",
    r"(?:jatko)?suunnitelma(?:t)?|jatkotoimet|sovitut (?:asiat|toimenpiteet)|(?:hakee|etsii)(?: töitä)?",
    # Swedish
    r"(?:yrkes|jobb)?önskemål|(?:mitt |klientens |kundens )?mål|(?:fortsatt |vidare )?plan(?:er)?|söker",
    # English
    r"(?:job |career )?goals?|wish(?:es)?|(?:job )?preferences|plans?|next steps|looking for|seeking",
)
"""Headings of a note's section on what the jobseeker wishes or plans ("Tavoite:", "Toiveet:",
"Önskemål:", "Goals:"): what they list is sought, not held (outside tester 17, P8); `without_not_needed_lists`
drops the lists under them as it drops a list of what is not needed."""
_WISH_HEADING = re.compile(r"(?:" + "|".join(WISH_HEADINGS) + r")", re.I)


AD_HEADINGS: tuple[str, ...] = (
    r"(?:sinun |your )?(?:tehtäväsi|tehtävät|tehtävänkuva|työtehtävät|vaatimukset|edellytämme|odotamme",
    r"toivomme|tarjoamme|meiltä saat|hakeminen|arbetsuppgifter|dina arbetsuppgifter|krav|vi förutsätter",
    r"vi erbjuder|tasks|responsibilities|requirements|we offer|how to apply)",
)
"""A job ad's section headings alone on their line ("TEHTÄVÄSI", "VAATIMUKSET", "Edellytämme:"):
read, they gave *meet commitments* 0.49 and *meet picking standards* 0.47 (outside tester 18, P8)."""
_AD_HEADING = re.compile("|".join(AD_HEADINGS), re.I)


def is_structure_heading(sentence: str) -> bool:
    """True when `sentence` is only a section heading of a CV or a note (`STRUCTURE_HEADINGS`) or of
    a job ad (`AD_HEADINGS`), with or without its colon, bullets and surrounding spaces
    ("Työhistoria:", "TYÖKOKEMUS", "- Education:", "TEHTÄVÄSI", "EDELLYTÄMME:")."""
    head = " ".join(sentence.strip(_LIST_BULLET + ".").rstrip(" :").split())
    return bool(head) and (
        _STRUCTURE_HEADING.fullmatch(head) is not None or _AD_HEADING.fullmatch(head) is not None
    )


def says_wished(heading: str) -> bool:
    """True when `heading` (the words before a list's colon) opens what a jobseeker wishes or plans
    (`WISH_HEADINGS`: "Tavoite", "Toiveet", "Önskemål", "Goals")."""
    head = heading.strip(_LIST_BULLET).rstrip(" :")
    return bool(head) and _WISH_HEADING.fullmatch(" ".join(head.split())) is not None


def without_not_needed_lists(text: str) -> str:
    """`text` without the lists it says are not needed: the items after a heading that
    `says_not_needed`, on its line ("Emme edellytä: ajokorttia, kokemusta.") or on the lines below
    it up to the next heading or blank line ("Emme edellytä:\n- ajokorttia\n- kokemusta"); the
    heading goes too. `language_requirements` reads such lists the same way (outside tester 15,
    P1; session 16: the skills of the list were still suggested, the driving licence at 1.0)."""
    if ":" not in text:
        return text
    out: list[str] = []
    skipping = False
    for line in text.split("\n"):
        item = line.strip(_LIST_BULLET)
        if not item:
            skipping = False
            out.append(line)
            continue
        if item.rstrip().endswith(":"):
            skipping = says_not_needed(item) or says_wished(item)
            if not skipping:
                out.append(line)
            continue
        if skipping:
            continue
        # "Emme edellytä: ajokorttia, kokemusta.", "Tavoite: lähihoitajan työ.": the heading's list goes
        # up to its sentence's end; a later sentence of the line stays (outside tester 30, T30-6:
        # "Tavoite: siivousala tai keittiö. Kortit: hygienia, työturva, EA1." lost the cards)
        while True:
            head, colon, rest = item.partition(":")
            if not (colon and rest.strip() and len(head.split()) <= 4):
                break
            if not (says_not_needed(head) or says_wished(head)):
                break
            end = _NEXT_SENTENCE.search(rest)
            item = rest[end.end() :] if end is not None else ""
            line = item
        if item.strip():
            out.append(_without_inline_wishes(line))
    return "\n".join(out)


_NEXT_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])")
"""Where a line's next sentence starts: after a stop, at a capital."""
_INLINE_LIST = re.compile(
    r"(?<=[.!?])\s+(?P<head>[^\W\d_][^.!?:\n]{0,60}?):\s*(?P<items>[^\n]*?)(?:(?<=[.!?])(?=\s+[A-ZÅÄÖ])|$)"
)


def _without_inline_wishes(line: str) -> str:
    """`line` without a sentence inside it that lists what the jobseeker wishes or what is not needed
    ("Hygienpass finns. Önskemål: dagtid, gärna lunchrestaurang." keeps "Hygienpass finns."): a
    heading of `says_wished` or `says_not_needed` opening a later sentence of the line, with its
    list up to the sentence's end (outside tester 27, T27-7: alone on its line the wish was
    dropped, after another sentence it gave *welcome restaurant guests*, *think holistically* …)."""
    if ":" not in line:
        return line

    def drop(m: re.Match[str]) -> str:
        head = m.group("head")
        wished = len(head.split()) <= 4 and (says_wished(head) or says_not_needed(head))
        return "" if wished and m.group("items").strip() else m.group()

    return _INLINE_LIST.sub(drop, line)


_OWN_PREDICATE = re.compile(
    r"\b(?:on|ovat|oli|olivat|löytyy|löytyvät|omaa|omaat|osaa|osaat|hallitsee|hallitset|has|have|had|is|"
    r"are|was|were|har|hade|är|var|finns|kan|"
    # a language spoken or a skill mastered, said by its own verb ("vill byta till vården, talar svenska och
    # finska": the wish ended at the comma only when a copula followed; sv-dev16, session 36)
    r"puhuu|puhun|speaks|speak|talar|pratar|behärskar|"
    # … or what the person does or did ("vill prova på lagerarbete, jobbade tidigare som städare")
    r"jobbar|arbetar|studerar|[a-zåäö]{3,}ade)\b",
    re.I,
)
_RELATIVE = re.compile(
    r"\s*(?:joka|jota|jonka|jolla|jossa|mikä|mitä|jotka|which|that|who|som|vilket|vilken)\b", re.I
)


def _clause_of_its_own(text: str, at: int) -> re.Match[str] | None:
    """The first comma or semicolon after `at` in `text` that opens a clause with a predicate of
    its own (`_OWN_PREDICATE`, `REQUIRED`: "Ei ajokorttia, hygieniapassi on.", "No licence,
    but has a hygiene passport"), where a negation before it ends; None when there is none. A list
    ("ei ajokorttia, trukkikorttia tai hygieniapassia") and a relative clause ("ei trukkikorttia,
    joka on työssä välttämätön") stay in the negation; a clause rating what it names as good
    (`_GOOD_AT`: "…, hyvät digitaidot") opens one of its own."""
    for comma in _CLAUSE.finditer(text, at):
        nxt = _CLAUSE.search(text, comma.end())
        stop = nxt.start() if nxt is not None else len(text)
        if _RELATIVE.match(text, comma.end()):
            continue
        if _OWN_PREDICATE.search(text, comma.end(), stop) or _REQUIRED.search(text, comma.end(), stop):
            return comma
        if _GOOD_AT.match(text, comma.end()):
            return comma  # "As. kiinnostunut asiakaspalvelusta, hyvät digitaidot": a quality held
    return None


_GOOD_AT = re.compile(
    r"(?:hyvä|hyvät|hyvää|hyviä|vahva|vahvat|vahvaa|erinomai\w*|sujuva|sujuvat|sujuvaa|"
    r"god|goda|gott|bra|stark|starka|utmärkt\w*|good|strong|excellent|fluent)\s+\w",
    re.I,
)
"""A clause that opens by rating what it names as good ("hyvät digitaidot", "goda datakunskaper",
"good IT skills"): a quality the person has, where an interest or a negation before it ends
(`_clause_of_its_own`; fi-dev25 came back empty, session 38)."""


def _without_not_able(clause: str) -> str:
    """`clause` without what a `NOT_ABLE` cue says the person cannot do or is weak at, and the words
    after the cue up to a contrast ("tig-hitsaus ei suju kovin hyvin" → ""): the words before it back to
    a contrast, the clause's start, or a conjunction after an affirmative predicate ("Osaa hitsata ja
    tig-hitsaus ei suju" → "Osaa hitsata"). A cue that opens its span ("Ei osaa ruotsia") is left to
    `NEGATION_BEFORE`; a litotes ("ei haittaa") is no cue."""
    pos = 0
    while (cue := NOT_ABLE.search(clause, pos)) is not None:
        if any(m.start() <= cue.start() < m.end() for m in LITOTES.finditer(clause)):
            pos = cue.end()
            continue
        # ("Hitsaus sujuu, mutta ruotsia ei osaa": the contrast goes too; left, "mutta" matched skills)
        contrasts = [m.start() for m in _CONTRAST.finditer(clause, 0, cue.start()) if m.end() <= cue.start()]
        start = contrasts[-1] if contrasts else 0
        joins = [
            j.start()
            for j in _JOIN.finditer(clause, start, cue.start())
            if _ABLE_PREDICATE.search(clause, start, j.start())
        ]
        if joins:
            start = joins[-1]
        # the cue's negation word on ("ei suju", "inte" of "klarar hon inte") stays: `NEGATION_BEFORE` drops
        # it and what follows it, up to a contrast or "utan" ("Du talar inte svenska utan finska"); a weak
        # word at the clause's end ("Excel heikko.") goes with the words before it
        word = _NEGATION_WORD.search(clause, cue.start(), cue.end())
        end = word.start() if word is not None else cue.end()
        clause = clause[:start] + " " + clause[end:]
        pos = start + 1 + (cue.end() - end)
    return clause


_INTEREST = re.compile(r"\b(?:intress\w*|kiinnost\w*|interest\w*)", re.I)
"""An interest said of what a sentence names ("Har intresse för städning", "on kiinnostusta
siivoukseen"): no holding of it (`affirmed`)."""

NO_EXPERIENCE_YET = re.compile(
    r"(?:\b(?:ei|eikä)\s+(?:ole\s+)?(?:vielä\s+)?(?:\w+\s+)?(?:työ)?kokemusta(?:\s+(?:vielä|alalta|siitä))?"
    r"|\b(?:ingen|saknar|utan)\s+(?:\w+\s+)?(?:arbets)?erfarenhet(?:\s+(?:än|ännu|av\s+det))?"
    r"|\b(?:no|without|lacks?|has\s+no|have\s+no)\s+(?:\w+\s+)?(?:work\s+)?experience(?:\s+(?:yet|so\s+far))?"
    r")\W*$",
    re.I,
)
"""A sentence that ends by saying the person has no experience (yet) of what it named before: "Siivous
ja kiinteistönhoito kiinnostaa, ei kokemusta vielä", "Städning, ingen erfarenhet än", "Cleaning, no
experience yet" (outside tester 19, P5): what it names back to a contrast ("Hitsaa, mutta trukista ei
kokemusta") is not held (`affirmed`)."""


_LIST_COMMA = re.compile(r",")
"""A comma that ends one clause of a sentence and begins the next (`affirmed`)."""
_WORD = re.compile(r"\w")


def affirmed(sentence: str) -> str:
    """`sentence` without what it says someone lacks or only wishes for ("Suomen kieli sujuvaa, ei
    ajokorttia." → "Suomen kieli sujuvaa,"); "" when nothing affirmative is left. A coach's note
    stating a missing licence must not suggest the licence (an outside tester: "ei ajokorttia eikä
    trukkikorttia" suggested driving and forklift at the explicit rules' full score); what an ad says
    is not needed ("Ajokorttia ei vaadita, mutta hygieniapassi on oltava." → "mutta hygieniapassi on
    oltava.", `NOT_REQUIRED`) is dropped up to the comma or contrast that bounds it; a closing "no
    experience yet" (`NO_EXPERIENCE_YET`) drops the words before it back to a contrast, unless they
    say by a verb of their own that the person knows or has something ("kan HTML, …, saknar
    erfarenhet": only the lack goes) or the lack names its object in a clause of its own ("…,
    lämpöpumput tuttuja, IV-mittauksista ei kokemusta.": only that clause goes)."""
    if (none := NO_EXPERIENCE_YET.search(sentence)) is not None:
        contrasts = [m.start() for m in _CONTRAST.finditer(sentence, 0, none.start())]
        start = contrasts[-1] if contrasts else 0
        held = sentence[start : none.start()]
        commas = [m.start() for m in _LIST_COMMA.finditer(sentence, start, none.start())]
        if commas and _WORD.search(sentence, commas[-1], none.start()):
            # "…, lämpöpumppujen asennukset tuttuja, IV-mittauksista ei kokemusta.": the lack names
            # what it is of in its own clause, so only that clause goes (fi-dev25 came back empty,
            # session 38); a bare "…, ei kokemusta vielä" still reaches back to a contrast
            sentence = sentence[: commas[-1]]
        elif (_OWN_PREDICATE.search(held) or _ABLE_PREDICATE.search(held)) and not _INTEREST.search(held):
            # "Har gått kodskola, kan HTML, CSS och JavaScript, saknar erfarenhet.": what the person
            # is said to know or have by a verb of its own is held; the lack is of (work) experience
            # (sv-dev14 and sv-dev17 came back empty, session 37)
            sentence = sentence[: none.start()]
        else:
            sentence = sentence[:start]
    kept = []
    for clause in _CLAUSE.split(sentence):
        clause = _without_not_able(_without_not_required(clause))
        if _NEGATION_AFTER.search(clause) and not _NEGATION_BEFORE.search(clause):
            continue
        kept.append(clause)
    text = " ".join(kept)
    out, pos = [], 0
    while pos < len(text):
        cue = _NOT_HELD.search(text, pos)
        if cue is None:
            out.append(text[pos:])
            break
        if any(m.start() <= cue.start() < m.end() for m in LITOTES.finditer(text)):
            out.append(text[pos : cue.end()])  # "Svenska skadar inte": a plus, no negation
            pos = cue.end()
            continue
        out.append(text[pos : cue.start()])
        contrast = _CONTRAST.search(text, cue.end())
        if cue.group().lower() == "inte" and (rather := _RATHER.search(text, cue.end())) is not None:
            # "Du talar inte svenska utan finska": "utan" after "inte" is "but", not "without"
            contrast = rather if contrast is None or rather.start() < contrast.start() else contrast
        own = _clause_of_its_own(text, cue.end())
        if own is not None and (contrast is None or own.start() < contrast.start()):
            contrast = own  # "Ei ajokorttia, hygieniapassi on.": the negation ends at the comma
        if contrast is None:
            break
        pos = contrast.end()
    return " ".join(" ".join(out).split()).strip(" ,;:-")


_COACH_SUBJECT = re.compile(
    r"^\W*(?:asiakas|asiakkaalla|asiakkaan|asiakkaalle|klienten|kunden|(?:the\s+)?client|(?:the\s+)?jobseeker)\s+"
    r"(?=(?:on|oli|ei|ole|haluaa|haluaisi|toivoo|toivoisi|hakee|etsii|tarvitsee|osaa|puhuu|kertoo|kertoi|"
    r"harkitsee|suunnittelee|pohtii|miettii|aikoo|opiskelee|työskentelee|työskenteli|toimii|toimi|"
    r"valmistui|tavoite\w*|toive\w*|aikoo|tavoittelee|har|är|vill|kan|talar|söker|jobbar|arbetar|planerar|"
    r"tänker|ska|önskar|behöver|saknar|studerar|funderar|överväger|is|has|was|wants|plans|would|speaks|"
    r"worked|works|intends|lacks|"
    # what the person did or does (outside tester 16, P7: "Asiakas suoritti trukkikortin" gave
    # *perform customer management* 0.44); the past tense of a note, not an ad's "Asiakas saa…"
    r"suoritti|suorittaa|suorittanut|sai|kävi|käy|teki|opiskeli|aloitti|aloittaa|osallistui|osallistuu|"
    r"hallitsee|pystyy|kykenee|omaa|asuu|puhui|ymmärtää|valmistuu|hakenut|työskennellyt|toiminut|"
    r"tarvitsisi|mainitsi|totesi|halusi|löysi|pääsi|suoriutui|kykeni|pystyi|"
    r"tog|hade|klarade|klarar|gick|läste|studerade|arbetade|jobbade|avslutade|fick|"
    r"completed|took|got|obtained|passed|finished|attended|studied|can|needs|holds|had|did|"
    # any other verb of the present ("Asiakas tuntee / pysyy / tekee / sietää …", "Kunden gör /
    # håller / lyssnar …": the client kept its customer sense and gave *communicate with customers*,
    # *customer service* before session 22); not an ad's "Asiakas saa…", "Kunden får…"
    r"(?!saa\b|får\b)[a-zäöå]{2,}(?:aa|ää|ee|oo|öö|ii|uu|yy|ar|er|ör|år)|"
    # the past tense of a note and its passive participle ("Asiakas ilmoittautui kurssille", "lähetti
    # hakemuksen", "Kunden ringde", "The client called", "CV päivitetty": *assist customers*;
    # tester 31's "Asiakas" leftover, session 33): an ad does not report what a customer did
    r"[a-zäöå]{2,}i|[a-zäöå]{2,}(?:de|te|ed)|[a-zäöå]{3,}(?:ttu|tty))\b)"
    # a note's header naming the person ("Asiakas: 45 v, kokki", "Kunden, 40 år, städare", "Client: 40")
    r"|^\W*(?:asiakas|klienten|kunden|(?:the\s+)?client|(?:the\s+)?jobseeker)\s*[:,]\s*",
    re.I,
)


_COLON_CASE = re.compile(r"(?<![\w#+.])([^\W_][\w#+.]*?[\w#+]):[a-zäöå]{1,5}\b", re.I)


def without_colon_cases(text: str) -> str:
    """`text` with the Finnish and Swedish case endings written after a colon taken off abbreviations
    and product names ("SAP:sta" → "SAP", "SQL:ää" → "SQL", "C#:lla" → "C#", "ISO:n" → "ISO"), so that
    the rules and the product names read them as the name (outside tester 15, P11: "Kokemus SAP:sta
    ja Excelistä." gave *lean manufacturing* 0.40). A colon followed by a space or a digit is kept."""
    return _COLON_CASE.sub(r"\1", text)


# A coach's note speaks of the jobseeker in other cases too (outside tester 15, P5): the genitive
# before what the person has or is ("Asiakkaan vahvuuksia ovat…", "Asiakkaan äidinkieli on arabia",
# "Kundens modersmål är arabiska", "The client's strengths"), and the meeting's record ("Asiakkaan
# kanssa sovittiin, että…", "Asiakkaalle suositeltiin…", "Med klienten diskuterades…", "Keskustelimme
# asiakkaan kanssa…"): passive past verbs of a meeting, which ads do not use.
_PERSON_ATTRIBUTE = (
    r"(?:cv\b|ansioluettelo\w*|vahvuu\w*|heikkou\w*|äidinkiel\w*|kielitai\w*|osaami\w*|tavoit\w*|toive\w*|työkokemu\w*|"
    r"työhistori\w*|koulutu\w*|tutkin\w*|terveyd\w*|motivaatio\w*|kiinnostu\w*|ammat\w*|"
    r"elämäntilan\w*|perhe\w*|haastee\w*|taustaa?|kotikunta\w*|asuinpaik\w*|"
    r"styrk\w*|svagh\w*|modersmål\w*|mål\w*|önskemål\w*|erfarenhe\w*|utbildning\w*|bakgrund\w*|"
    r"strengths?|weakness\w*|mother tongue|native language|goals?|wish\w*|background|work history)"
)
_MEETING_VERB = (
    r"(?:sovittiin|keskusteltiin|käytiin(?:\s+läpi)?|tavattiin|laadittiin|tehtiin|kartoitettiin|todettiin|"
    r"suositeltiin|ehdotettiin|ohjattiin|kerrottiin|annettiin|varattiin|sovimme|keskustelimme|kävimme|"
    r"diskuterades|kom vi överens|kom överens|gick vi igenom|gicks igenom|rekommenderades|föreslogs|"
    r"we discussed|we agreed|was discussed|was agreed|were discussed)"
)
_CLIENT_WORD = (
    r"(?:asiak(?:as|kaan|kaalla|kaalle|kaalta|kaana|kaaksi|asta|kaat|kaiden|kaita|kaille|kailla)|"
    r"kunden(?:s)?|klienten(?:s)?|(?:the\s+)?client(?:'s|s)?)"
)
_CLIENT_ATTRIBUTE = re.compile(
    rf"^\W*(?:asiakkaan|kundens|klientens|the client's)\s+(?={_PERSON_ATTRIBUTE}\b)", re.I
)
# A note's possessor before what the person has or lacks, with the verb left out as notes do
# ("Asiakkaalla trukkari ja hygis voimassa", "Asiakkaalta puuttuu ajokortti"; outside tester 18, P16:
# "assess customers" 0.35 and "coach clients"): an ad does not open a sentence with "a client has".
_CLIENT_POSSESSOR = re.compile(r"^\W*(?:asiakkaalla|asiakkaalta|klienten\s+har|kunden\s+har)\s+", re.I)
_MEETING = re.compile(rf"\b{_MEETING_VERB}\b", re.I)
_CLIENT_WITH = re.compile(
    rf"(?:\b{_CLIENT_WORD}\s+kanssa|\b(?:med|with)\s+{_CLIENT_WORD})\b|\b{_CLIENT_WORD}\b", re.I
)
_MEETING_RECORD = re.compile(
    rf"\b(?!suositel|ehdote|ohjatt|rekommender|föreslog){_MEETING_VERB}\b(?:\s*,?\s*(?:että|att|that)\b)?",
    re.I,
)
"""A meeting verb with its "että / att / that", removed; a recommendation ("suositeltiin") stays, as
the cue of an intention (`NEGATION_BEFORE`)."""


def without_coach_subject(sentence: str) -> str:
    """`sentence` without a coach's note's words for the jobseeker ("Asiakas", "Asiakkaalla",
    "Klienten": employment services call them so): the word names the person, not customer service.
    Dropped are an opening client word before a verb of being, having or wanting (outside tester 14,
    P6: "Asiakas on kiinnostunut kokin töistä …" gave *assist customers* 0.51), an opening possessor
    with the verb left out ("Asiakkaalla trukkari voimassa", "Asiakkaalta puuttuu"; outside tester 18,
    P16), an opening genitive
    before what the person has or is ("Asiakkaan vahvuuksia…", "Asiakkaan äidinkieli on arabia",
    "Kundens styrkor…"), and, in a record of the meeting (a passive past verb of meeting: "sovittiin",
    "suositeltiin", "diskuterades", "we agreed"), every client word with that verb ("Asiakkaan kanssa
    sovittiin, että hän…" → "hän…"; outside tester 15, P5). An ad's "Asiakkaan kohtaaminen …",
    "Asiakkaan kanssa toimiminen" or "Palvelet asiakkaita" is kept."""
    out = _COACH_SUBJECT.sub("", sentence, count=1)
    out = _CLIENT_POSSESSOR.sub("", out, count=1)
    out = _CLIENT_ATTRIBUTE.sub("", out, count=1)
    if _MEETING.search(out):
        out = _MEETING_RECORD.sub(" ", _CLIENT_WITH.sub(" ", out))
        out = " ".join(out.split()).lstrip(" ,;:-")
    return out


#: Longest run of non-space characters read (a word: Finnish compounds reach ~40 letters).
MAX_WORD_CHARS = 60

REQUIREMENT_HEADINGS: tuple[str, ...] = (
    # Finnish
    r"(?:sinulta )?(?:edellytämme|odotamme|toivomme|vaadimme)(?: sinulta)?",
    r"(?:pätevyys|kelpoisuus)?vaatimukset",
    r"kelpoisuusehdot",
    r"edellytykset",
    r"osaamis(?:vaatimukse)?t?",
    r"(?:sinun )?osaamisesi",
    r"(?:työ)?tehtävät(?: ja vastuut)?",
    r"tehtäviisi kuuluu",
    r"tehtävään kuuluu",
    r"työhön kuuluu",
    r"(?:keitä|ketä|kenet|millaista (?:osaajaa|henkilöä)) (?:haemme|etsimme)",
    r"haemme",
    r"etsimme",
    # Swedish
    r"vi (?:förutsätter|förväntar oss|önskar|söker|kräver)",
    r"krav",
    r"kvalifikationer",
    r"behörighet(?:skrav)?",
    r"(?:dina )?arbetsuppgifter",
    r"din profil",
    # English
    r"(?:job |key )?requirements",
    r"(?:required |desired |preferred )?qualifications",
    r"(?:what we (?:expect|require|need|look for)|we expect|we require)(?: from you)?",
    r"(?:who|what) (?:we are|we're) looking for",
    r"(?:about )?you(?:r profile)?",
    r"(?:your )?(?:responsibilities|duties|tasks)",
    r"(?:must|nice) to have",
    r"skills(?: and experience)?",
)
"""Headings of an ad's sections on what the job requires or involves ("Edellytämme:", "Vi
förutsätter:", "Requirements:"): a text too long to read whole is read from these first."""
_REQUIREMENT_HEADING = re.compile(r"^\W*(?:" + "|".join(REQUIREMENT_HEADINGS) + r")\s*:", re.I)
_LANGUAGE_CUE = re.compile(
    r"\b(?:[ABC][12](?:\.\d)?\b|\w*kiel(?:i|en|tä|ellä|taito\w*)\b|\w*språk|languages?\b|"
    r"(?:suome|ruotsi|englanni)a\b|(?:finska|svenska|engelska)\b|(?:finnish|swedish|english)\b)",
    re.I,
)
"""A sentence naming a language or a CEFR level (a language requirement: "Englannin kieli vähintään B1")."""


class Reading(NamedTuple):
    """Which sentences of a text recognition reads: `read` (in the text's order; the last one of the
    budget may be a sentence's beginning) of its `total`; `chars_unread`: characters of the text's
    sentences not read (unread sentences and the rest of one read in part)."""

    read: list[str]
    total: int
    chars_unread: int = 0

    @property
    def unread(self) -> int:
        """How many sentences of the text are not read (0 when it was read whole)."""
        return self.total - len(self.read)


def sentences_to_read(
    parts: Sequence[str],
    limit: int = MAX_SENTENCES,
    names_skill: Callable[[str], bool] | None = None,
    max_chars: int = MAX_READ_CHARS,
) -> Reading:
    """The at most `limit` of `parts` (a text's `sentences`) that recognition reads, in their order,
    at most `max_chars` characters in all, and how many `parts` there were. All of them when there are
    no more than `limit` of at most `max_chars` characters; else, until `limit` or `max_chars` is
    reached (the sentence that crosses `max_chars` read in part: `cut_to`; outside tester 36, H4: one
    18,200-character "sentence" cost seconds), first
    the lines that are headings (they open and close the sections `requirement_sentences` reads),
    the sentences under a requirement heading (`REQUIREMENT_HEADINGS`: "Edellytämme:",
    "Requirements:") and those with a requirement cue (`REQUIREMENT_CUES`: "edellytämme", "eduksi",
    "krävs"), a language or CEFR level ("Englannin kieli vähintään B1") or a skill the explicit rules
    name (`names_skill`: "hygieniapassi"); then the others;
    sentences about the employer, benefits or applying (`is_boilerplate`, or under such a heading)
    last; each group in the text's order. Outside tester 16 (P2): the first 50 sentences only were
    read, so a kokki ad's "Edellytämme voimassa olevaa hygieniapassia." after 60 sentences of
    company presentation was dropped, and nothing said so (`Reading.unread` is for that warning)."""
    written = sum(map(len, parts))
    if len(parts) <= limit and written <= max_chars:
        return Reading(list(parts), len(parts))
    parts = [cut_to(part, max_chars) for part in parts]  # (what is never read is not ranked either)
    ranks = sentence_ranks(parts, names_skill)
    chosen: dict[int, str] = {}
    room = max_chars
    for i in sorted(range(len(parts)), key=lambda i: (ranks[i], i)):
        if len(chosen) == limit or room <= 0:
            break
        if part := cut_to(parts[i], room):
            chosen[i] = part
            room -= len(part)
    return Reading([chosen[i] for i in sorted(chosen)], len(parts), written - sum(map(len, chosen.values())))


def sentence_ranks(parts: Sequence[str], names_skill: Callable[[str], bool] | None = None) -> list[int]:
    """For each of `parts` (a text's `sentences`), how much it says of what the job requires: 0 for a
    heading, a sentence under a requirement heading or with a requirement cue, a language or a skill
    the rules name; 2 for a sentence about the employer, benefits or applying; 1 for the others (an
    intro, duties). `sentences_to_read` reads the lower first; the suggestions a vacancy keeps when
    there are more than it shows are chosen the same way (outside tester 19, P6)."""
    ranks: list[int] = []
    section = 1  # 0 under a requirement heading, 2 under a boilerplate one, else 1
    for sentence in parts:
        if (heading := _REQUIREMENT_HEADING.match(sentence)) is not None:
            section = 1 if sentence[heading.end() :].strip() else 0  # "Edellytämme: …" on one line
            ranks.append(0)
            continue
        if (heading := _BOILERPLATE_HEADING.match(sentence)) is not None:
            section = 1 if sentence[heading.end() :].strip() else 2  # "Meistä: …" is boilerplate itself
            ranks.append(2 if section == 1 else 0)
            continue
        if sentence.rstrip().endswith(":"):
            section = 1
            ranks.append(0)
            continue
        if (
            _REQUIREMENT.search(sentence)
            or _LANGUAGE_CUE.search(sentence)
            or (names_skill is not None and names_skill(sentence))
        ):
            ranks.append(0)
        elif section == 2 or is_boilerplate(sentence):
            ranks.append(2)
        else:
            ranks.append(section)
    return ranks


def sentence_count(text: str) -> int:
    """How many sentences recognition finds in `text` (markup dropped: `readable`; a list of what
    is not needed taken out: `without_not_needed_lists`); more than `MAX_SENTENCES` means that
    part of it is not read (`sentences_to_read`)."""
    return len(sentences(without_not_needed_lists(readable(text))))


_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e]")
_SPACES = str.maketrans(dict.fromkeys("\u00a0\u2007\u202f", " "))
"""No-break spaces ("&nbsp;" decoded, a figure space, a narrow no-break space) read as a space."""
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_LONG_RUN = re.compile(rf"\S{{{MAX_WORD_CHARS + 1},}}")


_HTML_TAG_NAMES = (
    "a abbr address article aside audio b bdi bdo blockquote body br button canvas caption center cite code col "
    "colgroup data dd del details dfn dialog div dl dt em embed fieldset figcaption figure font footer form h1 h2 "
    "h3 h4 h5 h6 head header hr html i iframe img input ins kbd label legend li link main mark meta nav noscript "
    "object ol optgroup option output p picture pre q s samp script section select small source span strike "
    "strong style sub summary sup svg table tbody td template textarea tfoot th thead time title tr track tt u ul "
    "var video wbr"
)
_HTML_TAGS = frozenset(_HTML_TAG_NAMES.split())
"""HTML element names: only these are markup ("<ORGANIZATION>", an anonymised name, is text)."""
_MARKUP = re.compile(
    r"<(?:/?(?:"
    + "|".join(sorted(_HTML_TAGS, key=len, reverse=True))
    + r")\b[^<>]*|!--.*?--|!doctype[^<>]*)>",
    re.I | re.S,
)
"""An HTML tag, end tag, comment or doctype (not "<" in "< 5 kg" or "a<b", nor "<LOCATION>")."""
_BLOCK_TAGS = frozenset(
    [
        "p",
        "br",
        "div",
        "li",
        "ul",
        "ol",
        "tr",
        "td",
        "th",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "header",
        "footer",
        "dt",
        "dd",
        "table",
        "hr",
    ]
)
_CODE_TAGS = frozenset({"script", "style", "template", "noscript", "iframe", "object", "svg"})


class _TextOf(HTMLParser):
    """The words of an HTML fragment (standard library `html.parser`): tags dropped, a block
    element's edge read as a line break, the content of script, style and similar elements
    dropped (it is code, not words of the ad), entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.code_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _HTML_TAGS:  # "<LOCATION>": no markup, kept as written
            self.handle_data(self.get_starttag_text() or "")
        elif tag in _CODE_TAGS:
            self.code_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _HTML_TAGS:
            self.handle_data(self.get_starttag_text() or "")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag not in _HTML_TAGS:
            self.handle_data(f"</{tag}>")
        elif tag in _CODE_TAGS:
            self.code_depth = max(0, self.code_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.code_depth:
            self.parts.append(data)


_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
"""An HTML character reference written in full, with its semicolon ("&auml;", "&#228;", "&#xE4;",
"&nbsp;"): "R&D" and "AT&T" are no reference and stay as written."""


def without_entities(text: str) -> str:
    """`text` (str) with its HTML character references (`_ENTITY`) read as their characters by the
    standard library's `html.unescape` ("tyydytt&auml;v&auml;" → "tyydyttävä", "&nbsp;" → a space,
    "&amp;" → "&"); a reference that names no character stays as written. Outside tester 18 (P3,
    P4): text pasted from a web editor without tags kept "Haemme&nbsp;trukinkuljettajaa", and the
    level rule read no level in "Ruotsin kielen tyydytt&auml;v&auml; taito"."""
    if "&" not in text:
        return text
    return _ENTITY.sub(lambda m: html.unescape(m.group()), text)


def without_markup(text: str) -> str:
    """`text` (str) with HTML/XML markup removed, for reading only (the text itself is stored
    and shown as written, escaped): tags and comments dropped, paragraphs, list items and line
    breaks read as line breaks, the content of `<script>`, `<style>` and similar elements dropped,
    entities ("&amp;") decoded. Text without a tag has only its entities decoded
    (`without_entities`; a "<" alone, as in "< 25 kg", is no markup). Outside tester 14 (P14): "<script>alert(1)</script>" gave "analyse
    a script" 0.59 with no warning; ads pasted from web pages carry "<p>", "<li>", "<br>"."""
    if "<" not in text or not _MARKUP.search(text):
        return without_entities(text)
    parser = _TextOf()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


_CLOCK_TIME = re.compile(
    r"\b(?:klo|kello|klockan|kl|at)\.?\s*\d{1,2}(?:[.:]\d{2})?(?:\s*(?:[-–—]|to)\s*\d{1,2}(?:[.:]\d{2})?)?"
    r"(?:\s*(?:am|pm|a\.m\.|p\.m\.))?(?!\w)"
    r"|\b\d{1,2}[.:]\d{2}\s*(?:[-–—]|to)\s*\d{1,2}[.:]\d{2}\b",
    re.I,
)
"""A clock time or a span of hours ("klo 7", "kello 7–15", "kl. 8.00", "klockan 14", "at 7 am", "7.00–15.00")."""


def without_clock_times(sentence: str) -> str:
    """`sentence` without its clock times (`_CLOCK_TIME`): "klo 7" read as words gave "inspect
    clocks" and "repair clocks" 0.47 (outside tester 14, P14); a time names no skill."""
    return _CLOCK_TIME.sub(" ", sentence)


_FI_MONTH_OR_SEASON = r"[a-zäö]+kuu(?:ssa|n|sta|lla|hun)?\b|syksyllä|keväällä|kesällä|talvella"
_EN_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?"
_EN_MONTH_OR_SEASON = (
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"spring|summer|autumn|fall|winter"
)
_SV_MONTH_OR_SEASON = (
    r"januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|"
    r"våren|vår|sommaren|sommar|hösten|höst|vintern|vinter"
)
_START_TERMS = re.compile(
    r"(?:"
    # Finnish: "Aloitat työt heti", "Aloitat työt klo 4", "aloitat työt aamuneljältä", "Pääset aloittamaan
    # maaliskuussa", "Aloitus on klo 6", "Työn aloitus 1.3."
    r"\b(?:aloitat|aloitatte|aloittaisit|pääset\s+aloittamaan|voit\s+aloittaa|voisit\s+aloittaa)"
    r"(?:\s+(?:työt|työn|työsi|työskentelyn|työskentelysi|työpäiväsi|päiväsi|meillä|kanssamme|tehtävässä|"
    r"tehtävässäsi))*(?:\s+(?:jo|heti|yleensä|aina|arkisin|viimeistään|vasta|noin))*\s+"
    r"(?:heti\w*|pian|mahdollisimman\s+pian|sopimuksen\s+mukaan|(?:klo|kello)\.?\s*\d[\d.:]*|\d[\d.:]*|"
    rf"aamu\w*|ilta\w*|yö\w*|keskiyö\w*|(?:maanantai|tiistai|keskiviikko|torstai|perjantai|lauantai|sunnuntai)\w*|"
    rf"ensi\s+\w+|{_FI_MONTH_OR_SEASON})"
    r"|\b(?:työn\s+)?(?:aloitus|aloituspäivä|aloitusaika)\s*(?::|on)?\s*(?:heti\w*|(?:klo|kello)\.?\s*\d[\d.:]*|"
    rf"\d[\d.:]*|aamu\w*|ilta\w*|{_FI_MONTH_OR_SEASON})"
    # … and when a shift starts or ends: "Vuorosi alkaa klo 5.30 ja päättyy klo 14", "Työvuoro alkaa klo 14",
    # "your shift ends at 2 pm", "Skiftet slutar klockan 14" (outside tester 36b, J5)
    r"|\b(?:(?:työ)?vuoro(?:si|t)?|työ(?:päivä)?(?:si)?|päiväsi|työt|työsi|ilta|aamu)\s+(?:alkaa|alkavat|päättyy|"
    r"päättyvät|loppuu|loppuvat)(?=\s+(?:(?:klo|kello)\.?\s*\d|\d|aamu|ilta))"
    r"|\b(?:ja\s+)?(?:päättyy|päättyvät|loppuu|loppuvat)(?=\s+(?:klo|kello)\.?\s*\d)"
    r"|\b(?:and\s+)?(?:(?:your|the)\s+(?:shift|day|working\s+day)\s+)?(?:ends?|finish(?:es)?)(?=\s+at\s+\d)"
    r"|\b(?:(?:arbets)?(?:passet|skiftet|dagen)\s+)?(?:och\s+)?(?:börjar|slutar)(?=\s+(?:klockan|kl)\.?\s*\d)"
    # … and a condition to meet before the start: "before the start", "ennen työn aloitusta", "före tillträdet"
    r"|\b(?:before|prior\s+to)\s+(?:the\s+|your\s+)?(?:start(?:ing)?|beginning)(?:\s+(?:date|of\s+(?:the\s+)?"
    r"(?:employment|work|job)))?\b|\bennen\s+(?:työn\s+|työsuhteen\s+)?(?:aloitus\w*|aloittami\w*|alkua)"
    r"|\b(?:före|innan)\s+(?:tillträdet|anställningen\s+börjar|starten)\b"
    # English: "You start at 4 am", "You will start immediately", "The job starts on 1 March", "Start date: …"
    r"|\b(?:you(?:['’]ll|\s+will|\s+would|\s+can|\s+could|\s+should)?|the\s+(?:job|work|position|role)|work|"
    r"your\s+(?:shift|day|working\s+day|work\s*day))\s+(?:start|begin)s?"
    r"(?:\s+(?:work(?:ing)?|your\s+(?:shift|day|work|job)|the\s+(?:job|work|position|role)|with\s+us|"
    r"(?:each|every|the)\s+(?:day|morning|shift|working\s+day)))?"
    r"(?:\s+(?:as\s+early\s+as|no\s+later\s+than|usually|normally|always|already))?\s+"
    r"(?:at\s+(?:\d[\d.:]*(?:\s*(?:am|pm|a\.m\.|p\.m\.|o['’]clock|hrs?)\b)?|dawn|noon|midnight)|"
    rf"on\s+(?:\d|the\s+\d|{_EN_DAY})|in\s+(?:the\s+)?(?:{_EN_MONTH_OR_SEASON}|morning|evening|\d)|"
    r"immediately|right\s+away|straight\s+away|at\s+once|asap|as\s+soon\s+as\s+possible|early|tomorrow|"
    rf"next\s+\w+|from\s+\d|by\s+agreement|(?:every|each)\s+(?:morning|evening|night|{_EN_DAY}))\b"
    r"|\bstart(?:ing)?\s+date\b(?:\s*(?::|is))?"
    # Swedish: "Du börjar klockan 4", "Du kan börja genast", "Arbetet börjar kl. 6"
    r"|\b(?:du|arbetet|jobbet|arbetsdagen|dagen)\s+(?:kan\s+|ska\s+|kommer\s+att\s+)?(?:börja|börjar|startar|"
    r"starta|inleds)(?:\s+(?:arbeta|jobba|jobbet|arbetet|i\s+tjänsten|hos\s+oss))?"
    r"(?:\s+(?:redan|vanligen|oftast|alltid))?\s+"
    r"(?:(?:klockan|kl)\.?\s*\d[\d.:]*|\d[\d.:]*|genast|omgående|direkt|snarast(?:\s+möjligt)?|"
    r"så\s+snart\s+som\s+möjligt|enligt\s+överenskommelse|tidigt|nästa\s+\w+|den\s+\d[\d.:]*|"
    rf"på\s+(?:morgon|morgnar|kväll|natt|måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)\w*|"
    rf"i\s+(?:{_SV_MONTH_OR_SEASON}))\b"
    # … and the time of day after it ("klo 4 aamulla", "at 4 in the morning", "klockan 4 på morgonen")
    r")(?:\s+(?:(?:aamu|ilta|yö)\w*|in\s+the\s+(?:morning|evening|afternoon)|"
    r"på\s+(?:morgon|natt|kväll|eftermiddag)\w*)\b)?",
    re.I,
)
"""When the work starts, as a term of the employment: a start time, a start date, "heti" (at once) or a
kind of day after "you start" in Finnish, Swedish and English ("Aloitat työt heti", "Aloitat työt klo 4",
"You start at 4 am", "Du börjar klockan 4"). Not a start with an object of work ("Aloitat päivän
tarkistamalla koneet"): a time word must follow the verb."""


def without_start_terms(sentence: str) -> str:
    """`sentence` without its statements of when the work starts (`_START_TERMS`): the start names
    no skill ("Aloitat työt heti." gave *valmistella henkilökohtainen työtila* 0.38 and *newborn care*
    0.35, "You start at 4 am." *build a fire* 0.36; outside tester 36, H2 a); what else the sentence
    says is read ("Leipurina aloitat työt aamuneljältä ja leivot sämpylöitä" → "Leipurina ja leivot
    sämpylöitä")."""
    return _START_TERMS.sub(" ", sentence)


_EQUIVALENT_TRAINING = re.compile(
    # Finnish: "tai vastaava koulutus", "tai muuta soveltuvaa koulutusta", "alan koulutus",
    # "tehtävään soveltuva koulutus", "alan tutkinto tai opinnot"
    r"(?:\b(?:tai|ja|sekä)\s+)?(?:\b(?:muu\w*|jokin)\s+)?"
    r"(?:\b(?:tehtävään|alalle|työhön)\s+)?(?<![\w-])(?:vastaava\w*|soveltuva\w*|sopiva\w*|riittävä\w*|alan)"
    r"(?:\s+(?:ammatillinen|ammatillista|ammatillisen))?\s+(?:koulutu\w*|tutkin\w*|opin\w*)"
    # Swedish: "eller motsvarande utbildning", "annan lämplig utbildning", "utbildning inom branschen"
    r"|(?:\b(?:eller|och)\s+)?(?:\bannan\s+)?\b(?:motsvarande|lämplig|relevant|adekvat)\s+"
    r"(?:yrkes)?(?:utbildning\w*|examen)"
    r"|\butbildning\s+inom\s+(?:branschen|området)"
    # English: "or equivalent training", "or other relevant education", "training in the field"
    r"|(?:\b(?:or|and)\s+)?(?:\ban?\s+)?(?:\bother\s+)?\b(?:equivalent|relevant|suitable|appropriate|similar|"
    r"comparable)\s+(?:vocational\s+)?(?:training|education|qualifications?|studies)\b"
    r"|\b(?:training|education)\s+in\s+the\s+(?:field|sector|industry)\b",
    re.I,
)
"""A qualification named only as an alternative or a field's own: "tai vastaava koulutus", "alan
koulutus", "eller motsvarande utbildning", "or equivalent training". It names no skill, as a general
qualification names none; the trade named beside it is read."""


def without_equivalent_training(sentence: str) -> str:
    """`sentence` without the qualifications it names only as an alternative or as the field's own
    (`_EQUIVALENT_TRAINING`). Read as words, "Lähihoitajan tutkinto tai vastaava koulutus." gave
    eleven skills of delivering training (*tarjota teknistä koulutusta* 0.42, *aikuiskoulutus*), "Alan
    koulutus on eduksi." twelve, "or equivalent training" *provide technical training* 0.49 (outside
    tester 36b, J2). The named degree beside one is still read ("Lähihoitajan tutkinto")."""
    return _EQUIVALENT_TRAINING.sub(" ", sentence)


_NAME_WORD = r"[A-ZÅÄÖ][\w'’.-]*"
_SCHOOL_NAME = re.compile(
    r"\b(?:(?i:state|national|catholic|technical|pontifical)\s+)?(?:University|College|Polytechnic|Institute|"
    rf"Academy|School)\s+of\s+(?:the\s+)?{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}"
    rf"|{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}\s+(?:University|College|Polytechnic)\b"
    rf"|{_NAME_WORD}\s+(?i:yliopisto|ammattikorkeakoulu|korkeakoulu|universitet|akademi|högskola)(?!\w*(?i:tutkin|exam))\w*"
    rf"|\b(?i:yrkeshögskolan|högskolan)\s+{_NAME_WORD}"
)
"""The name of a university, college or school ("University of Santo Tomas", "Tampere University",
"Tampereen ammattikorkeakoulu", "Åbo Akademi", "Yrkeshögskolan Novia"): capitalised words around the
school word (case-sensitive: "teach at the university" is a task)."""


def without_school_names(sentence: str) -> str:
    """`sentence` without the names of the universities and schools it names (`_SCHOOL_NAME`): where a
    degree was taken names no skill, the degree beside it is read (`_TITLED_QUALIFICATION`). Read as
    words, a foreign nurse's "BSc in Nursing, University of Santo Tomas 2014" gave *university
    procedures* 0.50 and *teach university class* 0.44 above the nurse's skills (outside tester 36, H2 c)."""
    return _SCHOOL_NAME.sub(" ", sentence)


_CAPITALISED = re.compile(r"(?<![\w-])([A-ZÅÄÖ][^\W\d_]*(?:-[^\W\d_]+)*)(?![\w-])")


_PREMISES = (
    r"(?:offices?|premises|schools?|stores?|shops?|sites?|buildings?|hotels?|restaurants?|"
    r"toimisto\w*|toimitil\w*|koulu\w*|kauppo\w*|myymäl\w*|kohte\w*|kiinteistö\w*|hotelle?\w*|"
    r"ravintol\w*|kontor\w*|skol(?:a|or|orna)|butik\w*|hotell\w*|restaurang\w*|fastighet\w*)"
)
_LOCATION_PHRASE = re.compile(
    rf"(?<![\w-])(?:(?:in\s+the\s+)?(?:city|town)[\s-]+cent(?:re|er)s?|downtown|(?:ydin)?keskusta(?:n|an|ssa|sta|lla|lta|alue\w*)?"
    rf"|(?:i\s+)?(?:centrum|stadskärnan)(?:\s+av)?)(?:\s+{_PREMISES})?(?![\w-])",
    re.I,
)
"""Where in town the work is, with the premises it names right after ("Vaasa city centre
offices", "Vaasan keskustan toimistot", "kontor i centrum"): no skill (`without_location_phrases`)."""


def without_location_phrases(sentence: str) -> str:
    """`sentence` without the phrases saying where in town the work is and the premises noun right
    after one ("Cleaner, Vaasa city centre offices" → "Cleaner, Vaasa "; "Siivooja, Vaasan
    keskustan toimistot", "Städare till kontor i centrum av Vasa"): read as words, the place gave
    *centre lenses* 0.54 and *person centred care* 0.50, "keskustan" *moderate a discussion*, and
    the premises *office equipment* (outside tester 16, P8). "Call centre", "day care centre" and
    "person-centred" are kept: they say what the work is."""
    out = _LOCATION_PHRASE.sub(" ", sentence)
    return re.sub(r"\s+([,.;:!?])", r"\1", out) if out != sentence else sentence


_WORKPLACE_NOUNS = {
    "en": r"warehouses?|offices?|schools?|restaurants?|hotels?|shops?|stores?|factory|factories|plants?|sites?|"
    r"depots?|premises|buildings?|facility|facilities|hospitals?|units?|branch(?:es)?|terminals?|customers?|"
    r"clients?|propert(?:y|ies)|locations?|workplaces?|headquarters|kindergartens?|daycare centres?|kitchens?|"
    r"(?:shopping |logistics |distribution )?cent(?:re|er)s?",
    "fi": r"varasto|toimisto|konttori|koulu|päiväko[td]i|ravintola|hotelli|myymälä|tehta|tehdas|halli|terminaali|"
    r"keskukse|keskus|keskusta|sairaala|asiakka|asiakas|yksikkö|yksikö|toimipiste|työmaa|kiinteistö|"
    r"rakennukse|rakennus|liikkee|kauppa|kaupa|keittiö",
    "sv": r"lager|kontor|skol|daghem|restaurang|hotell|butik|affär|fabrik|anläggning|hall|terminal|centr|sjukhus|"
    r"enhet|kund|objekt|fastighet|lokal|arbetsplats|bygge|byggarbetsplats|klient|kök",
}
_FI_PLACE_CASE = r"[^\W\d_]+(?:seen|aan|ään|een|iin|ssa|ssä|lla|llä|lle)"
"""Finnish case endings of the words that describe a workplace before it ("puhtaaseen varastoon",
"uudessa toimistossa"): an adjective agreeing with the place, not a task ("runko- ja muottitöihin
kerrostalotyömaalle": the formwork stays)."""
_WORKPLACE = (
    re.compile(
        r"\b(?:to|for|at|in|into)\s+(?:our|the|a|an|their|its|your|one of our)\s+"
        r"(?:(?!(?:of|with|to|and|or)\b)[^\W\d_][\w-]*(?<!ing)\s+(?:(?:and|or)\s+)?){0,4}?(?:"
        + _WORKPLACE_NOUNS["en"]
        + r")\b",
        re.I,
    ),
    re.compile(
        r"\b(?:till|på|i|vid|inom|hos)\s+(?:(?:vår|vårt|våra|er|ert|era|den|det|de|en|ett)\s+)*"
        r"(?:[^\W\d_]+(?:a|e|t|ska|iga|ade|ande)\s+){0,2}\w*(?:" + _WORKPLACE_NOUNS["sv"] + r")"
        r"(?:en|et|er|ar|or|na|erna|arna|orna|n|t|s)?\b",
        re.I,
    ),
    re.compile(
        r"(?:\b(?:meidän\s+)?(?:"
        + _FI_PLACE_CASE
        + r")\s+(?:(?:ja|sekä|tai)\s+)?){0,3}\b\w*(?:"
        + _WORKPLACE_NOUNS["fi"]
        + r")"
        r"[a-zåäö]{0,7}\b",
        re.I,
    ),
)


def without_workplace(sentence: str) -> str:
    """`sentence` (a hiring line without its job title) without the place the hire is for and the
    words that describe it ("Etsimme puhtaaseen varastoon" → "Etsimme "; "Vi söker en till vårt
    kontor i Vasa", "We are looking for a for our clean warehouse"): a hiring line says where the
    work is, which is no requirement; read, "puhtaaseen varastoon" (to a clean warehouse) gave *clean
    warehouse* as a cleaner's suggestion (outside tester 23, S3). What the work is for stays
    ("Kotihoitoon haetaan": home care is the work, not a place)."""
    out = sentence
    for rx in _WORKPLACE:
        out = rx.sub(" ", out)
    return " ".join(out.split()) if out != sentence else sentence


_PLACE_HEADS = {
    "en": r"warehouses?|offices?|schools?|restaurants?|hotels?|shops?|stores?|factory|factories|plants?|sites?|"
    r"depots?|premises|buildings?|facility|facilities|hospitals?|units?|branch(?:es)?|terminals?|propert(?:y|ies)|"
    r"workplaces?|kindergartens?|day ?care(?: centres?)?|kitchens?|cent(?:re|er)s?|farms?|clinics?|wards?|salons?|"
    r"homes?|pharmac(?:y|ies)|workshops?|garages?|ports?|yards?|firms?|compan(?:y|ies)|agenc(?:y|ies)|"
    r"departments?|municipality|city",
    "sv": r"lager|kontor|skol|daghem|dagis|restaurang|hotell|butik|affär|fabrik|anläggning|terminal|centr|sjukhus|"
    r"enhet|objekt|fastighet|lokal|arbetsplats|bygge|kök|gård|hemmet|boende|avdelning|klinik|mottagning|apotek|"
    r"station|central|verkstad|firma|företag|handel|salong|hamn|varv|byrå|renseri|förädlare|odling|växthus|"
    r"kommun|stad|industri|rederi|bolag",
    "fi": r"varasto|toimisto|konttori|koulu|päiväko[td]i|ravintola|hotelli|myymälä|tehta|tehdas|halli|terminaali|"
    r"keskukse|keskus|sairaala|yksikkö|yksikö|toimipiste|työmaa|kiinteistö|rakennukse|rakennus|liikkee|kauppa|"
    r"kaupa|keittiö|tila|tilo|ko[dt]i|talo|osasto|klinika|klinikka|apteeki|apteekki|asema|korjaamo|verstaa|"
    r"verstas|satama|telaka|telakka|salonki|salongi|yritykse|yritys|virasto|kunna|kunta",
}
_NOT_IN_PLACE = r"(?!(?:till|på|vid|i|inom|hos|för|åt|av|och|med|at|in|for|to|of|and|with)\b)"
_PLACE_MODIFIERS = rf"(?:{_NOT_IN_PLACE}[^\W\d_][\w-]*\s+){{0,2}}?"
_SV_PLACE_NP = rf"(?:(?:vår|vårt|våra|er|ert|era|den|det|de|en|ett)\s+)*{_PLACE_MODIFIERS}[\w-]*(?:{_PLACE_HEADS['sv']})\w*"
_EN_PLACE_NP = rf"(?:(?:our|the|a|an|their|its|your|one\s+of\s+our)\s+)?{_PLACE_MODIFIERS}(?:[\w-]+-)?(?:{_PLACE_HEADS['en']})"
_FI_PLACE_NP = (
    r"(?:[^\W\d_]+(?:seen|aan|ään|een|iin|ssa|ssä|lla|llä|lle)\s+){0,2}[\w-]*(?:"
    + _PLACE_HEADS["fi"]
    + r")[a-zåäö]{0,2}(?:ssa|ssä|lla|llä|an|än|een|iin|hin|seen|lle|in)"
)
_PLACE_ADVERBIAL = {
    "sv": re.compile(
        rf"\b(?:till|på|vid|i|inom|hos)\s+{_SV_PLACE_NP}(?:\s+(?:och|eller|samt|av)\s+{_SV_PLACE_NP})*", re.I
    ),
    "en": re.compile(
        rf"\b(?:at|in|for|to|within|into)\s+{_EN_PLACE_NP}\b(?:\s+(?:and|or|of)\s+{_EN_PLACE_NP}\b)*", re.I
    ),
    "fi": re.compile(rf"\b{_FI_PLACE_NP}\b(?:\s+(?:ja|tai|sekä)\s+{_FI_PLACE_NP}\b)*", re.I),
}
"""An adverbial of place naming a workplace, per language: a preposition and a noun phrase whose head is
a workplace noun ("på en mjölkgård", "till daghemmet", "at the hospital"), in Finnish a workplace noun
in a case of place, with the words agreeing with it ("synnytysosastolle", "uudessa sairaalassa")."""


def place_adverbials(sentence: str, lang: str) -> list[tuple[int, int]]:
    """Spans (start, end: character offsets into `sentence`, in order) of the adverbials of place
    that name a workplace (`_PLACE_ADVERBIAL`) in `sentence` of `lang` ("fi", "sv", "en"; another
    language: none). "Har jobbat på en mjölkgård med mjölkning" → the span of "på en mjölkgård";
    "Siivoan sairaalassa potilashuoneita" → "sairaalassa". Where the work is done, not what it is:
    a skill only the place looks like (*operate dairy farms*, *kindergarten school procedures*) is
    no skill the sentence names (`SkillRecognizer.place_evidence_weight`). A field of work is
    no place ("inom hemvården", "kotihoidossa": the work itself)."""
    rx = _PLACE_ADVERBIAL.get(lang)
    return [m.span() for m in rx.finditer(sentence)] if rx is not None else []


def without_places(sentence: str, places: frozenset[str]) -> str:
    """`sentence` without the words in `places` (lower-cased place names) that it writes with a
    capital and not as its first word ("Line cook, Helsinki", "Kotihoidon lähihoitaja,
    Tampere", "på ett varv i Åbo", "Työpaikka sijaitsee Tampereella"). A capital is required, so
    a common word that is also a place's name ("aura", "salo", "pello") is still read as a
    word; the first word is kept, since a capital there says nothing."""
    if not places:
        return sentence
    named = WORD.findall(sentence)
    if named and all(w[0].isupper() and w.lower() in places for w in named):
        # a line naming only where ("HITSAAJA – Kangasala" splits at the dash; "Tampere, Pirkkala"):
        # the first word too (read, "Kangasala" gave *fabric types*; outside tester 17, P10)
        return ""
    first = re.search(r"[^\W\d_]", sentence)
    start = first.start() if first else 0

    def drop(m: re.Match[str]) -> str:
        return " " if m.start() > start and m.group(1).lower() in places else m.group()

    out = _CAPITALISED.sub(drop, sentence)
    return re.sub(r"\s+([,.;:!?])", r"\1", out) if out != sentence else sentence


def readable(text: str) -> str:
    """`text` as recognition reads it: markup removed and entities decoded (`without_markup`),
    no-break spaces read as spaces, soft hyphens and zero-width characters of text pasted from
    Word, web pages or PDF removed ("hygienia\u00adpassi" is "hygieniapassi", so the card rules
    apply), composed to NFC with the combining marks that remain dropped, and every run of
    non-space characters cut to `MAX_WORD_CHARS`. Compound splitting, lemmas and the model's
    tokenizer cost more than linearly in a word's length: one 2.8 KB "word" took 19 s and a 20 KB
    one or a letter with 15,000 accents over a minute (an outside tester)."""
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", without_markup(text)).translate(_SPACES))
    text = _COMBINING.sub("", text)
    return _LONG_RUN.sub(lambda m: m.group()[:MAX_WORD_CHARS], text)


LANGUAGE_LEVEL_WORDS: dict[str, tuple[str, ...]] = {
    "fi": (
        r"\w*kiel(?:i|en|tä|iä|ten|ellä|eltä|elle|eesi|ensä|esi|eni|ellesi|iksi)?",
        r"(?:kieli|perus)?taito(?:a|ja|si|ni)?",
        r"(?:kieli|perus)?taido(?:t|ista|issa|illa|n)",
        r"perus\w*",
        r"alke(?:et|ista|issa)|alkeis\w*",
        r"natiivi\w*",
        r"syntyperäi\w*",
        # (and the partitive: "suomen kielen suullista ja kirjallista taitoa" gave *literature* 0.59;
        # outside tester 30, T30-7)
        r"suulli(?:se\w*|nen|sta|sia|s?ti)",
        r"kirjalli(?:se\w*|nen|sta|sia|s?ti)",
        r"riittä\w*",
        r"tyydyttäv\w*",
        # the level words after the language ("puhuu suomea hyvin", "äidinkielenäsi tai erinomaisesti":
        # *deliver outstanding service* 0.40; outside tester 17, P5)
        r"hyvin|hyvä|hyvää|hyvät|hyviä|erinomai\w*|heikosti|heikko\w*|huonosti|auttav\w*|välttäv\w*|"
        r"kohtalai\w*|kohtuulli\w*|vahv(?:a|aa|an|at|oja|asti)|vähän|hieman|äidinkiele\w*",
        r"tason|taso(?:lla|lle|a)?|[ABC][12](?:-taso\w*)?",
        r"puhu(?:a|t|n|u|mme|tte|vat|ttu\w*|ttava\w*)",  # "Hän puhuu suomea hyvin" (tester 17, P5)
        r"ymmärr\w*|ymmärtä\w*",
        r"hallit\w*|hallitse\w*|sujuv\w*",  # "Hallitset suomen kielen sujuvasti" (not "manage data")
        r"(?:(?:ei|eikä)\s+(?:ole\s+)?)?(?:haitaksi|pahitteeksi)|(?:ei\s+)?haittaa",  # a plus said by a litotes
        r"(?:pitää|tulee|täytyy|pitäisi)\s+osata|osata",  # "englantia pitää osata"
        r"käyt(?:etään|ät|ämme)|päivittäin|työssä(?:si)?",  # "Englantia käytetään päivittäin"
        r"(?:opiskelee|opiskelemassa|opettelee|opettelemassa)(?:\s+aktiivisesti)?|aktiivisesti",  # (P7)
        r"(?:ovat\s+|ovat\s+myös\s+|myös\s+)?tervetullei\w*|tervetullut",  # "…puhujat ovat tervetulleita" (a plus)
        r"pärj\w*",  # "englannilla pärjää" (gets by in English; outside tester 16, P8: *cope with challenging demands*)
        r"tai\s+vastaava\w*",  # "B1, YKI-todistus tai vastaava" (the certificate: a rule that names nothing)
    ),
    "sv": (
        r"\w*språk\w*",
        r"modersmål\w*",
        r"grundläggande",
        r"muntlig\w*",
        r"skriftlig\w*",
        r"i tal och skrift|i tal|i skrift",
        r"kunskap(?:er)?",
        r"färdighet(?:er)?",
        r"nivå\w*|[ABC][12]",
        r"räcker|tillräcklig\w*",
        r"talar|tala|skriver|skriva|förstår|förstå",
        r"behärsk\w*|flytande",
        # the level words after the language ("talar finska nöjaktigt": *reflexion* 0.38; tester 17, P4)
        r"nöjaktig\w*|utmärkt\w*|bra|väl|hygglig\w*|hyfsa\w*|hjälplig\w*|(?:bara\s+)?lite|svag\w*|dålig\w*|"
        r"stark|starka|starkt",
        r"(?:det\s+)?skadar(?:\s+(?:inte|ej))?(?:\s+om)?|(?:inte|ej)\s+skada",  # a plus said by a litotes
        r"(?:vi\s+)?(?:även\s+|också\s+)?välkom\w*",  # "Även engelsktalande är välkomna" (a plus)
        r"(?:lär\s+sig|studerar|pluggar)(?:\s+aktivt)?|aktivt",  # learning the language (tester 16, P7)
        r"klara[rs]?\s+(?:sig|dig|mig|oss)(?:\s+(?:bra|väl))?(?:\s+på)?",  # "klarar sig på engelska" (gets by)
        r"eller\s+motsvarande",  # "B1 eller motsvarande"
    ),
    "en": (
        r"languages?",
        r"native|mother tongue|first language",
        r"basic|elementary|fluen\w*|proficien\w*",
        r"(?:very\s+|quite\s+)?well|good|excellent\w*|satisfactor\w*|poor\w*|fair|strong|conversational|"
        r"working\s+knowledge",  # the level words (outside tester 17, P4)
        r"spoken|written|oral|verbal",
        r"level|[ABC][12]",
        r"sufficient|enough|suffices",
        r"speak\w*|writ\w*|read\w*|understand\w*",
        r"command of|mastery of",
        r"(?:would|will|wo|does|do|could|can|ca)(?:n['’]?t|\s+not)\s+hurt",  # "Swedish wouldn't hurt": a plus
        r"would\s+be\s+(?:nice|great|good|helpful|useful)|helpful|useful",  # "Swedish would be nice"
        # "We also welcome English speakers!": a welcome, a plus at most (outside tester 16, P8: *greet
        # guests* 0.37)
        r"(?:we\s+)?(?:also\s+)?welcom\w*(?:\s+to\s+apply)?",
        # learning the language named ("Finnish at A2 level, learning actively": *listen actively* 0.67;
        # outside tester 16, P7)
        r"(?:is\s+|currently\s+)?(?:learning|studying)(?:\s+it)?(?:\s+(?:actively|hard|daily))?|actively",
        r"get\s+by|gets\s+by|cope|copes",  # "you can get by in English"
        r"or\s+equivalent",  # "B1 or equivalent"
    ),
}
"""Words that say how well someone knows a language ("perustaito riittää", "äidinkielesi on", "i tal
och skrift", "native level"): a sentence that names a language (by a rule or by its Finnish name)
says nothing more with them, and read as skills they gave "apply basic programming skills" for
"Suomen kielen perustaito riittää." (outside tester 13, P5). Compounds of "taito" other than
"kielitaito" and "perustaito" stay ("viestintätaidot": communication). `without_language_words`."""
_LANGUAGE_LEVEL = {
    lang: re.compile(r"(?<!\w)(?:" + "|".join(p) + r")(?!\w)", re.I)
    for lang, p in LANGUAGE_LEVEL_WORDS.items()
}


def without_language_words(text: str, lang: str) -> str:
    """`text` with the words of `LANGUAGE_LEVEL_WORDS` of `lang` blanked out (for a sentence that
    names a language: what is left is read for other skills); `text` itself for another `lang`."""
    rx = _LANGUAGE_LEVEL.get(lang)
    return rx.sub(" ", text) if rx is not None else text


CLINICAL_QUALIFIERS: tuple[str, ...] = (
    "psykolog",
    "neuropsykolog",
    "laborator",
    "ultraää",
    "röntgen",
    "magneet",
    "kuvantami",
    "terveys",
    "terveyden",
    "fysikaali",
    "potila",
    "näyte",
    "näytte",
    "veri",
    "virtsa",
    "seulonta",
    "neurolog",
    "silmä",
    "kuulo",
    "puhe",
    "hammas",
    "sydä",
    "rasitus",
    "työkyky",
    "soveltuvuus",
    "isotooppi",
    "gynekolog",
    "keuhko",
    "allergia",
    "lääkäri",
    "vastasyntyne",
    "raskau",
    "neuvola",
    "tt",
    "mri",
    "ekg",
)
"""Word starts of what is examined or how, in health care ("psykologinen tutkimus" an assessment,
"laboratoriotutkimus" a test, "magneettitutkimus" an MRI scan): Finnish "tutkimus" is both research
and examination, and ESCO's Finnish labels use it for both ("tehdä psykologista tutkimusta": conduct
psychological research; "tehdä terveydenhuollon tutkimuksia": undertake healthcare examination)."""
_TUTKIMUS = re.compile(r"(?<![\w-])([\w-]*?)tutkimu\w*", re.I)
_RESEARCH_CUE = re.compile(
    r"tieteelli|tutkija|tutkimus(?:hank|ryhm|työ|laito|rahoit|aineist|suunnitelm|artikkel|menetelm)|"
    r"väitös|julkai|markkinatutkimu|kehittämis|tki-|t&k|\br&d\b",
    re.I,
)


def examinations_only(text: str) -> bool:
    """True when every "tutkimus" of Finnish `text` is a clinical examination or test: written as a
    compound of a `CLINICAL_QUALIFIERS` word ("laboratoriotutkimuksia", "ultraäänitutkimuksia") or
    after one ("psykologisia tutkimuksia"), and nothing in `text` speaks of research
    (`_RESEARCH_CUE`: "tieteellinen", "tutkija", "tutkimushanke" …). Such a text asks for no
    research skill. ("kliininen tutkimus" is left alone: a clinical trial as often as an
    examination.)"""
    found = list(_TUTKIMUS.finditer(text))
    if not found or _RESEARCH_CUE.search(text):
        return False
    for m in found:
        qualifier = m.group(1).strip("-").lower()
        if not qualifier:
            before = re.findall(r"[^\W\d_]+", text[: m.start()])
            qualifier = before[-1].lower() if before else ""
        if not qualifier.startswith(CLINICAL_QUALIFIERS):
            return False
    return True


_ELIDED = re.compile(r"(?<![\w-])([^\W\d_]{2,})-(?=\s*(?:,|\b(?:ja|tai|sekä|eli)\b))", re.I)
_COORDINATORS = frozenset({"ja", "tai", "sekä", "eli"})
_NEXT_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*-?", re.I)


def expand_elided(
    text: str, split: Callable[[str], list[str]], head: Callable[[str], str | None] | None = None
) -> str:
    """Finnish `text` with each compound whose shared part is left out written in full, the part
    taken from the first complete compound after it ("vuorovaikutus- ja viestintätaidot" →
    "vuorovaikutustaidot ja viestintätaidot", "runko-, muotti- ja raudoitustöihin" → "runkotöihin,
    muottitöihin ja raudoitustöihin"): the shared part is everything after the complete word's
    first part (`split`: `CompoundSplitter.split` with `known_too`), in the complete word's case
    form ("tuki- ja liikuntaelinsairauksista" → "tukielinsairauksista"). A word that does not split
    leaves the text as it is. Read alone, the bare modifier matched what it means on its own
    ("vuorovaikutus-" → *design interaction model*).

    A complete word written with a hyphen shares what follows its last hyphen ("MIG/MAG- ja
    TIG-menetelmillä" → "MIG/MAG-menetelmillä ja TIG-menetelmillä"); a complete word `split` cannot
    split because its first part is unknown shares its known head, when `head` (`CompoundSplitter.head`)
    finds one ("teräs- ja alumiinirakenteita" → "teräsrakenteita ja alumiinirakenteita"): the
    elided modifier itself says the word is a compound. The list items are then cut from the text
    written in full (recog2, session 14: the item was "TIG-menetelmillä teräs-")."""
    out, last = [], 0
    for m in _ELIDED.finditer(text):
        complete = next(
            (
                w.group()
                for w in _NEXT_WORD.finditer(text, m.end())
                if not w.group().endswith("-") and w.group().lower() not in _COORDINATORS
            ),
            None,
        )
        if complete is None:
            continue
        hyphen = complete.rfind("-")
        if hyphen > 0:
            shared = complete[hyphen:]  # "TIG-menetelmillä": "-menetelmillä", hyphen kept
        else:
            parts = split(complete)
            if len(parts) < 2:
                known = head(complete) if head is not None else None
                if not known:
                    continue
                parts = [complete[: -len(known)], known]
            lower, first = complete.lower(), parts[0].lower()
            # after the first part as written (three or more parts), else the head as written
            whole_rest = len(parts) > 2 and lower.startswith(first + parts[1].lower())
            shared = complete[len(first) :] if whole_rest else parts[-1]
            shared = shared.lstrip("-")
        if len(shared.lstrip("-")) < 3:
            continue
        out.append(text[last : m.start()] + m.group(1) + shared)
        last = m.end()
    return "".join(out) + text[last:] if out else text


def says_more(text: str, lang: str | None = None) -> bool:
    """Whether `text` has a word of three or more letters besides stock phrases: what the explicit
    rules leave of "Körkort B krävs." ("B") or "Truckkort krävs." ("krävs") says nothing more, and
    matching it gave "algebra", "R" and "provide necessary documents" (an outside tester)."""
    text = _BRACKETED_ABBREVIATION.sub(" ", text)
    return any(
        len(w) >= 3 and w.lower() not in _SAY_NOTHING for w in WORD.findall(_without_stock(text, lang))
    )


_BRACKETED_ABBREVIATION = re.compile(r"\(\s*[A-ZÅÄÖ]{2,5}\s*\)")
"""An abbreviation in brackets after what the rules read ("ammattipätevyys (YKT)": read, it gave *express
yourself physically* 0.35; outside tester 30, T30-7): the name's short form, nothing more (`says_more`)."""


_INLINE_HEADING = re.compile(r"^\s*(?P<head>[^\W\d_]+(?:\s+[^\W\d_]+){0,2})\s*:\s+(?=\S)")


def without_inline_heading(sentence: str) -> str:
    """`sentence` without a heading of one to three words before a colon that says nothing in any
    language but that a list follows ("Requirements: CE licence, ADR-kortti." → "CE licence,
    ADR-kortti."; "Vaatimukset: …", "Krav: …"): read as the sentence's language only, a heading in
    another one was matched as a skill (outside tester 16, P8: *define part requirements* 0.54)."""
    m = _INLINE_HEADING.match(sentence)
    if m is None:
        return sentence
    if _WORK_HISTORY_HEAD.fullmatch(m.group("head").strip()):
        # "Työkokemus: siivooja (3 v), keittiöapulainen (1 v)": a CV's list of jobs held; the
        # years in brackets name nothing (read as words, they halved the jobs' skills: tester 16, P7)
        return _YEARS_IN_BRACKETS.sub(" ", sentence[m.end() :])
    if is_structure_heading(m.group("head")):  # "Koulutus: lähihoitaja": the section, no skill (P7)
        return sentence[m.end() :]
    if says_more(m.group("head")):
        return sentence
    return sentence[m.end() :]


_WORK_HISTORY_HEAD = re.compile(
    r"(?:aiempi\s+|aikaisempi\s+)?(?:työkokemus|työhistoria|työpaikat|työsuhteet)|"
    r"(?:tidigare\s+)?(?:arbetserfarenhet|arbetslivserfarenhet|arbetshistorik|anställningar)|"
    r"(?:previous\s+)?(?:work\s+experience|work\s+history|employment\s+history|employment)",
    re.I,
)
"""A CV's heading of the jobs held (`without_inline_heading`; `recognition._WORK_TITLE` reads the
titles listed after it)."""


def work_history_item(sentence: str, heading: str | None) -> tuple[str | None, str | None]:
    """How a CV's list of jobs held on lines of their own reads `sentence`: (the heading now
    over the lines that follow, or None; `sentence` written as an item of the heading's list,
    "Työkokemus: siivooja (3 v)", or None when it is none).

    `heading`: the heading `sentence` follows ("Työkokemus:"; None when it follows none). A
    sentence that is such a heading alone ("Työkokemus:", "Arbetserfarenhet:", "Work
    experience:") opens the list; a line of at most four words (the years in brackets aside)
    under it is an item ("- siivooja (3 v)"), read the way the list on one line is
    (`without_inline_heading`, `recognition._WORK_TITLE`); any other sentence, or another heading,
    ends it (outside tester 16, P7: "Työkokemus:\n- siivooja\n- keittiöapulainen" read the
    heading as *describe artistic experience* and no job held)."""
    text = sentence.strip()
    if text.endswith(":"):
        head = text.rstrip(":").strip(" -•*")
        return (text if _WORK_HISTORY_HEAD.fullmatch(head) else None), None
    if heading is not None and 0 < len(words(_YEARS_IN_BRACKETS.sub(" ", text))) <= 4:
        return heading, f"{heading} {text}"
    return None, None


_YEARS_IN_BRACKETS = re.compile(
    r"\(\s*(?:n\.?\s*|ca\.?\s*|noin\s+|about\s+|cirka\s+)?\d+(?:[.,]\d+)?(?:\s*[-–]\s*\d+)?\s*"
    r"(?:v|vuo\w*|kk|kuukau\w*|år|mån\w*|yrs?|years?|months?)?\.?\s*\)",
    re.I,
)


_SAY_NOTHING = frozenset(
    {
        *("että", "hän", "hänellä", "hänen", "hänelle", "oli", "olivat", "sekä", "myös", "kuin"),
        *(
            "and",
            "the",
            "are",
            "she",
            "they",
            "his",
            "her",
            "their",
            "has",
            "have",
            "had",
            "was",
            "were",
            "that",
        ),
        *("och", "samt", "att", "som", "han", "hon", "har", "hade", "till"),
        # that it exists, once the rules read the card ("Hygienpass finns.": *fine arts* 0.39;
        # outside tester 27, T27-7)
        *("finns", "fanns", "löytyy", "löytyvät", "exists"),
        # a card's validity, once the rules read the card ("Valid hygiene passport and B driving
        # licence required.": *validate raw materials* 0.53; "Vartijakortti voimassa.": the expiry
        # of medicines; outside tester 15, P10)
        *("valid", "current", "voimassa", "voimassaoleva", "voimassaolevaa", "voimassaolevat", "giltig"),
        *("giltigt", "giltiga"),
        # the licence's own words the rules leave beside its class or card ("You have a category D
        # licence": "licence" gave *licences regulation* 0.50, *issue licences*, a licensing
        # officer's skills; outside tester 31, F7)
        *("licence", "license", "licences", "licenses", "class", "category", "luokka", "luokan", "klass"),
        *("kategori", "card", "cards", "certificate", "certificates", "kortti", "kort", "intyg", "bevis"),
        *("need", "needs", "needed", "require", "requires", "required", "vehicles", "vehicle"),
        # and until when ("Driving licence valid until 2028.": *validate raw materials* 0.48; outside
        # tester 26, T26-10)
        *("until", "till", "tills", "asti", "saakka", "expires", "expiring", "umpeutuu"),
        # a card's completion and when, once the rules read the card ("Asiakas suoritti trukkikortin
        # syksyllä 2025.": *meet commitments* 0.37; outside tester 16, P7)
        *("suoritti", "suorittanut", "suorittaneet", "suorittaa", "sai", "saanut", "completed", "obtained"),
        *("passed", "got", "took", "tog", "tagit", "fick", "fått", "klarade"),
        *("syksyllä", "keväällä", "kesällä", "talvella", "vuonna", "viime", "hösten", "våren", "sommaren"),
        *("vintern", "autumn", "spring", "summer", "winter", "last", "year", "vuosi", "vuotta"),
        # the use of, or experience with, what the rules read ("siltanosturin käyttökokemus": *use
        # experience map* 0.54; outside tester 16, P8), and the applicant it is asked of
        *("käyttö", "käytön", "käyttöä", "käyttökokemus", "käyttökokemusta", "käyttökokemuksen"),
        *("käyttötaito", "käyttötaitoa", "kokemus", "kokemusta", "användning", "vana", "experience"),
        *("hakijalta", "hakijoilta", "hakijalla", "kykyä", "kyky"),
        # "in addition" between what the rules read ("C-kortti ja ammattipätevyys, lisäksi ADR-ajolupa":
        # *apply risk management in sports* 0.47; outside tester 30, T30-7)
        *("lisäksi", "dessutom", "additionally", "also"),
        # what a merit's sentence leaves once the rules read its card ("Det är meriterande om du har
        # kranförarkort.": *reflexion* 0.35; tester 30, T30-7)
        *("det", "den", "dig", "you", "jos", "sinulla"),
        # a conjunction of alternatives the rules leave between what they read ("C- tai CE-luokan
        # ajokortti": "tai" matched *tai chi* 0.30; outside tester 17, P10)
        *("tai", "tahi", "eikä", "joko", "eller", "antingen", "either", "nor"),
        # who can or must, once the rules read what ("You can get by in English.": "You can" gave
        # *express yourself physically* 0.34; "Sinulla tulee olla B-ajokortti.")
        *("you", "your", "can", "could", "will", "would", "may", "must", "should", "also"),
        *("sinulla", "sinun", "voit", "olet", "tulee", "pitää", "täytyy", "kan", "ska", "bör", "måste"),
    }
)
"""Pronouns, auxiliaries and conjunctions of three or more letters: what the intention and client
cues leave of "Asiakkaan kanssa sovittiin, että hän hakee …" ("hän") or of "Kunden har B-körkort"
("har") says nothing more (matched, "hän" gave "history", "har" "hair"; outside tester 15, P5); nor
does a card's "valid" / "voimassa" (P10)."""


FINNISH_LABEL_VERBS: dict[str, tuple[str, ...]] = {
    "ajaa": ("käyttää",),
    "lukea": ("tulkita",),
    "kirjata": ("dokumentoida", "tallentaa"),
    "tarkistaa": ("tarkastaa",),
    "seurata": ("valvoa", "tarkkailla"),
    "ohjata": ("opastaa", "neuvoa"),
    "vastata": ("huolehtia",),
    "hoitaa": ("huolehtia",),
    "laatia": ("valmistella",),
}
"""Everyday Finnish verbs of ads and CVs → the verbs ESCO's Finnish skill labels use for the same
task (written for the project from ESCO's labels: a machine is *driven* in an ad, "ajaa trukkia",
but *used* in ESCO, "käyttää haarukkatrukkia"; drawings are *read*, "lukea piirustuksia", plans
*interpreted*, "tulkita kaksiulotteisia suunnitelmia"; work is *recorded*, "kirjata", where ESCO
*documents*, "dokumentoida"). Added to a Finnish text's lemmas (the verb itself stays)."""

FINNISH_FUNCTION_LEMMAS = frozenset(
    {"olla", "sinä", "minä", "hän", "me", "te", "he", "se", "ne", "joka", "mikä", "tämä", "tuo"}
)
"""Lemmas of Finnish pronouns and the copula: added to a text's lemmas they match nothing it says
("sinulle" → sinä, "ovat" → olla, which ESCO's "olla yhteydessä" shares), and simplemma also
gives "sinä" for "työ" (dialectal "you"): they are not added (the words themselves still count)."""


FUNCTION_WORDS = frozenset(
    {
        # Finnish
        *("ja", "sekä", "tai", "eli", "myös", "on", "ovat", "ei", "se", "ne", "että", "kuin"),
        # English
        *("and", "or", "the", "a", "an", "is", "are", "of", "to", "in", "with"),
        # Swedish
        *("och", "samt", "eller", "är", "att", "som", "en", "ett", "i", "på", "av", "med", "om", "till"),
    }
)
"""Words that name nothing on their own: what is left of "Tulityökortti ja trukkikortti ovat
eduksi" once the rules have read the cards ("ja") must not be matched ("ja" → Java)."""


SWEDISH_PLAIN_WORDS = frozenset(
    {
        # pronouns and possessives ("till vårt team", "Han har jobbat …")
        *("jag", "mig", "min", "mitt", "mina", "du", "dig", "din", "ditt", "dina", "han", "hon", "hen"),
        *("honom", "henne", "hans", "hennes", "vi", "oss", "vår", "vårt", "våra", "ni", "er", "ert"),
        *("era", "de", "dem", "deras", "den", "det", "denna", "detta", "dessa", "sin", "sitt", "sina"),
        # prepositions and particles ("för", "inom hemvården", "hos oss")
        *("för", "från", "inom", "hos", "vid", "mot", "efter", "under", "över", "utan", "genom", "åt"),
        *("per", "kring", "runt", "sedan", "även", "också", "gärna", "nu", "redan", "bara", "där", "här"),
        # numbers and quantities ("två städare", "i sex år")
        *("två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "flera", "några", "alla"),
        *("andra", "annan", "annat", "många", "olika", "års", "året", "åren", "månader", "veckor"),
        # auxiliaries and the verbs of being and having ("har", "ska", "blir")
        *("har", "hade", "haft", "ska", "skall", "vill", "blir", "bli", "var", "varit", "vara", "får"),
        # how experienced or new the worker is ("en erfaren svetsare", "nya kolleger")
        *("erfaren", "erfarna", "ny", "nya", "nytt"),
    }
)
"""Swedish words that say no task of their own, for `SkillRecognizer._says_task`: Swedish writes
the pronouns, possessives, prepositions and numbers that Finnish folds into the noun as words of
their own, so "Vi söker två städare till sjukhuset" (Finnish "Haemme kahta siivoojaa
sairaalaan") read as a sentence saying a task ("två", "sjukhuset") and weighed the cleaner's
essential skills as if it did (session 18)."""


GENERIC_VERBS = frozenset(
    {
        # Finnish
        *("osata", "osaat", "osaa", "osaan", "käyttää", "käytät", "käytän", "käyttämään", "hallita"),
        *("hallitset", "hallitsee", "hallitsen", "puhut", "puhuu", "puhun", "tunnet", "tuntee", "tunnen"),
        # Swedish
        *("kan", "kunna", "använda", "använder", "behärskar", "talar", "känner"),
        # English
        *("use", "using", "know", "speak", "speaks", "can"),
        # the noun of using, once the rules read what is used ("oman auton käyttöä": a car, i.e. a
        # driving licence; read alone, "käyttöä" gave *monitor machine operations* 0.50 and *manage
        # time* 0.43, outside tester 17, P10)
        *("käyttö", "käyttöä", "käytön", "käyttöön", "käytössä", "käyttäminen", "käyttämistä"),
        *("käyttömahdollisuus", "käyttömahdollisuutta", "käyttömahdollisuuden"),
        *("användning", "användningen", "användandet", "tillgång", "usage", "access"),
        # holding what a rule read, valid, and the country that issues it ("You hold a valid Finnish
        # hygiene passport" gave *express yourself physically* 0.30 after the passport's rule: outside
        # tester 19, P4)
        *("hold", "holds", "have", "has", "valid", "current", "finnish", "innehar", "giltig", "giltigt"),
        *("finsk", "finskt", "voimassa", "oleva", "olevaa", "olevan", "voimassaoleva", "voimassaolevaa"),
        *("voimassaolevan", "suomalainen", "suomalaisen", "suomalaista", "you", "sinulla", "du"),
    }
)
"""Verbs of knowing, using and speaking: once the rules have read their objects ("Puhut sujuvaa
ruotsia ja osaat käyttää Exceliä": Swedish, spreadsheets), what is left ("osaat käyttää") names no
skill; read on its own it gave *use hand tools* and *use shims* 0.40 (`has_content(after_rules=True)`)."""

WORK_VERBS = frozenset(
    {
        # English
        *(
            "build",
            "builds",
            "building",
            "design",
            "designs",
            "designing",
            "develop",
            "develops",
            "developing",
        ),
        *(
            "maintain",
            "maintains",
            "maintaining",
            "create",
            "creates",
            "creating",
            "implement",
            "implementing",
        ),
        *("write", "writes", "writing", "configure", "configuring", "automate", "automating", "integrate"),
        *("integrating", "deploy", "deploying", "run", "running", "set", "setting", "up", "work", "working"),
        *("will", "our", "your", "and", "with", "in", "on", "of", "for", "the", "a", "an"),
        # Finnish
        *("rakennat", "rakentaa", "rakentamaan", "rakentaminen", "rakentamista", "kehität", "kehittää"),
        *(
            "kehittämään",
            "kehittäminen",
            "kehittämistä",
            "ylläpidät",
            "ylläpitää",
            "ylläpitämään",
            "ylläpito",
        ),
        *("ylläpitoa", "suunnittelet", "suunnitella", "suunnittelemaan", "suunnittelu", "suunnittelua"),
        *("toteutat", "toteuttaa", "toteuttamaan", "toteutus", "toteutusta", "teet", "tehdä", "työskentelet"),
        *("konfiguroit", "automatisoit", "meidän", "meillä", "sinä"),
        # Swedish
        *("bygga", "bygger", "utveckla", "utvecklar", "underhålla", "underhåller", "designa", "designar"),
        *("skapa", "skapar", "implementera", "implementerar", "konfigurera", "arbeta", "arbetar", "jobba"),
        *("jobbar", "våra", "vår", "vårt", "med"),
    }
)
"""Verbs of making and keeping up (and the pronouns and prepositions around them) whose object an
explicit rule read: what is left of "Build CI/CD pipelines." ("Build") or "Design REST APIs."
("Design") names no skill; read alone it gave *build trust*, *build props*, *design process*
0.48-0.67 beside the rule's DevOps or API skill (outside tester 23, S3;
`has_content(after_rules=True)`)."""


def has_content(text: str, *, after_rules: bool = False) -> bool:
    """True when `text` has a word other than a conjunction, copula or article (`FUNCTION_WORDS`);
    with `after_rules` (what the rules left of a sentence), other than a `GENERIC_VERBS` or
    `WORK_VERBS` word too."""
    ignored = FUNCTION_WORDS | GENERIC_VERBS | WORK_VERBS if after_rules else FUNCTION_WORDS
    return any(w not in ignored for w in words(text))


_FI_FAMILY = (
    r"(?:lap?s|lapse|last|poja|poika|tyttär|tytär|tyttö|vauva|äiti|äidi|isä|vanhem|puoliso|mieh|mies|vaimo|"
    r"mummo|mummi|vaari|isoäiti|isoisä|isovanhem|sisar|velj|veli)"
)
OWN_FAMILY: tuple[str, ...] = (
    # Finnish: the person's own children or relatives cared for ("Hoidin omia lapsiani kotona kolme
    # vuotta", "Hoidin sairasta äitiäni", "Olin kotona lasteni kanssa"; not an ad's "lapsiamme", "våra
    # barn", "our children": the employer's), a family carer or a family leave
    # (the relative's word in its case only, no compound: "oman lapsiryhmäsi" is a daycare group)
    rf"\b(?:hoi[dt]\w*|huole\w*|kasvat\w*|kotona)\b(?:\s+\w+){{0,3}}?\s+(?:(?:omi\w*|oma\w*)\s+{_FI_FAMILY}"
    rf"[a-zåäö]{{0,7}}|{_FI_FAMILY}[a-zåäö]{{0,5}}ni)\b",
    # (as the person's own role only: an ad's "perhevapaan sijaisuus", "hoitovapaalla olevan työntekijän
    # sijaiseksi", "tuet omaishoitajia" are read; a leave alone, "Hoitovapaalla 2022-2025", names nothing anyway)
    r"\b(?:kotiäitinä|kotiisänä)\b",
    # Swedish ("Jag tog hand om mina egna barn hemma i tre år", "vårdade min sjuka mamma")
    r"\b(?:(?:tog|tagit|ta|tar)\s+hand\s+om|vårdade|vårdat|skötte|skött|tittade\s+efter|var\s+hemma\s+med)"
    r"\s+(?:\w+\s+){0,2}?(?:min|mitt|mina)\s+(?:egna?\s+)?(?:\w+\s+)?(?:barn|son|söner|dotter|"
    r"döttrar|bebis|mamma|mor|pappa|far|föräldrar|make|maka|man|fru|sambo|mormor|farmor|morfar|farfar|"
    r"syster|systrar|bror|bröder|familj)\b",
    r"\b(?:(?:var|varit|är)\s+(?:föräldra|mamma|pappa)ledig|hemmafru|hemmapappa|hemmamamma)\b",
    # English ("I looked after my own children at home", "Cared for my sick mother at home")
    r"\b(?:look(?:ed|ing)?\s+after|car(?:ed|ing|e)\s+for|t(?:ook|aking|ake)\s+care\s+of|rais(?:ed|ing)|"
    r"stay(?:ed|ing)?\s+(?:at\s+)?home\s+with|nurs(?:ed|ing))\s+(?:\w+\s+){0,2}?my\s+(?:own\s+)?"
    r"(?:\w+\s+)?(?:child|children|kids?|sons?|daughters?|baby|babies|mother|mum|mom|father|dad|parents?|"
    r"husband|wife|partner|spouse|grand\w+|family|brother|sister)\b",
    r"\b(?:stay-at-home\s+(?:mother|mum|mom|father|dad|parent)|(?:was|been)\s+on\s+(?:parental|maternity|"
    r"paternity)\s+leave)\b",
)
"""A person's own children or relatives cared for, or a family leave: a gap in working life explained,
and a family fact, not a trade (outside tester 38, M5: "Hoidin omia lapsiani kotona" gave *supervise
children*, "Cared for my sick mother at home" *provide care for the mother during labour*). As
"Hoitovapaalla 2022-2025", such a sentence names no skill (`about_own_family`)."""
_OWN_FAMILY = re.compile("|".join(OWN_FAMILY), re.I)


FAMILY_CARER = re.compile(
    r"\b(?:omaishoitaj\w*|närståendevårdar\w*|family\s+carers?)\b",
    re.I,
)
"""A family carer's role by its name ("omaishoitajana", "som närståendevårdare", "as a family carer"): in
Finland a municipality's care agreement (omaishoitolaki 937/2005) with a carer's allowance, and care work
that vocational qualifications recognise, so a sentence naming it is read for skills even when it names
the relative cared for (the recognition sets' notes label "toiminut omaishoitajana muistisairaalle
äidilleen" *tend to elderly people*; session 38, the lead after cv38)."""


def without_own_family(sentence: str) -> str:
    """`sentence` without its clause about caring for the person's own children or relatives
    (`about_own_family`): from the start of that clause (the sentence's start or the comma or
    semicolon before it) to the next clause with a predicate of its own (`_clause_of_its_own`:
    "Jag tog hand om mina barn hemma i tre år, innan dess lagade jag mat på en lunchrestaurang." keeps
    "innan dess lagade jag mat …"), else to the sentence's end (then "" when nothing else is
    said). A sentence not about own family comes back as it is. Before session 38 the whole sentence
    was dropped, a work clause beside the family one too (three recognition sets' notes came back
    empty)."""
    m = _OWN_FAMILY.search(sentence)
    if m is None or FAMILY_CARER.search(sentence) is not None:
        return sentence
    before = [c.end() for c in _CLAUSE.finditer(sentence, 0, m.start())]
    start = before[-1] if before else 0
    own = _clause_of_its_own(sentence, m.end())
    rest = sentence[own.end() :] if own is not None else ""
    kept = (sentence[:start] + rest).strip(" ,;")
    return kept if re.search(r"\w", kept) else ""


def about_own_family(sentence: str) -> bool:
    """Whether `sentence` tells of caring for the person's own children or relatives, or of a family
    leave (`OWN_FAMILY`), and not in a family carer's role (`FAMILY_CARER`): it names no skill, even
    as a text's only sentence."""
    return _OWN_FAMILY.search(sentence) is not None and FAMILY_CARER.search(sentence) is None


def is_boilerplate(sentence: str, names_job: Callable[[str], bool] | None = None) -> bool:
    """True for a sentence about the employer, equal opportunity, benefits or how to apply, that
    names no requirement or task; for one that requires only an administrative check of the
    applicant (`_ADMIN_CHECK`: "Rikostaustaote vaaditaan lasten kanssa työskentelyyn."); for a
    line of a letter's greeting or closing, a work arrangement or an employer's name
    (`LETTER_AND_WORK_MODE`). An invitation to join (`INVITATIONS`) that is the sentence's only
    boilerplate is no boilerplate when `names_job` (the recogniser's reading of occupations) finds
    the occupation it invites to ("We are looking for a practical nurse to join our home care
    team.", "Tule mukaan tiimiimme hitsaajaksi!"; issue 12)."""
    if only_admin_checks(sentence):
        return True
    if _PAY_CLAUSE.match(sentence) or (_PAY_OFFERED.match(sentence) and not _REQUIREMENT.search(sentence)):
        return True
    if not boilerplate_cue(sentence) or _REQUIREMENT.search(_APPLYING.sub(" ", sentence)):
        return False
    return not _invites_to_job(sentence, names_job)


_INVITATION_WORDS = frozenset(
    [
        "join",
        "us",
        "our",
        "an",
        "a",
        "team",
        "community",
        "company",
        "crew",
        "come",
        "and",
        "work",
        "with",
        "for",
        "at",
        "tule",
        "meille",
        "mukaan",
        "töihin",
        "tiimiimme",
        "joukkoomme",
        "taloon",
        "liity",
        "meihin",
        "porukkaamme",
        "tervetuloa",
        "tervetulleita",
        "tervetullut",
        "kom",
        "och",
        "jobba",
        "arbeta",
        "hos",
        "oss",
        "välkommen",
        "välkomna",
    ]
)


def _invitation_rest(m: re.Match[str]) -> str:
    """What an invitation's words (`INVITATIONS`) say of the job: "join our home care team" → "home care"."""
    return " ".join(w for w in m.group().split() if w.lower() not in _INVITATION_WORDS) or " "


def _invites_to_job(sentence: str, names_job: Callable[[str], bool] | None) -> bool:
    """Whether `sentence`'s only boilerplate is an invitation to join (`INVITATIONS`) and
    `names_job` finds an occupation in it (`is_boilerplate`)."""
    return (
        names_job is not None
        and _INVITATION.search(sentence) is not None
        and not _BOILERPLATE_BESIDES_INVITATIONS.search(sentence)
        and names_job(sentence)
    )


_ADMIN_CHECK = re.compile(
    r"\b(?:rikostaust\w*|rikosrekisteriot\w*|huumausainetesti\w*|huumetesti\w*|turvallisuusselvity\w*|"
    r"(?:utdrag\s+(?:ur|från)\s+)?belastningsregist\w*|drogtest\w*|säkerhetsprövning\w*|"
    r"criminal\s+(?:record|background)\w*|background\s+checks?|drug\s+test\w*|security\s+clearance|"
    # a health certificate as a condition of hiring (outside tester 30, T30-7: "todistusta
    # terveydentilastaan" gave *obtain healthcare user's medical status information* 0.36)
    r"todistu\w*\s+(?:\w+\s+)?terveydentila\w*|terveydentila\w*\s+(?:\w+\s+)?(?:todistu\w*|selvity\w*)|"
    r"terveystodistu\w*|lääkärintodistu\w*|hälsointyg\w*|läkarintyg\w*|"
    r"intyg\s+(?:om|över)\s+(?:\w+\s+)?hälsotillstånd\w*|(?:health|medical)\s+certificate\w*)",
    re.I,
)
"""An administrative check of the applicant (a criminal-record extract, a drug test, a security
clearance): what the ad requires it for ("lasten kanssa työskentelyyn") names no skill; matched, it
gave *work with soloists* 0.59 (outside tester 16, P8). A sentence of it alone is boilerplate
(`is_boilerplate`); one that also lists other things ("Rikostaustaote ja hygieniapassi") is read."""
_LIST_PARTS = re.compile(r",|\b(?:ja|sekä|och|samt|and|tai|eller|or)\b", re.I)
"""What separates the items of a list (`is_boilerplate`)."""


def only_admin_checks(sentence: str) -> bool:
    """True when each item of `sentence` (split at commas and conjunctions, `_LIST_PARTS`) names an
    administrative check of the applicant (`_ADMIN_CHECK`): "Edellytetään hyväksyttävää todistusta
    terveydentilasta sekä rikostaustaotetta." (outside tester 30, T30-7: it gave *obtain healthcare
    user's medical status information* 0.36); "Rikostaustaote ja hygieniapassi" names a card too."""
    parts = [p for p in _LIST_PARTS.split(sentence) if re.search(r"\w", p)]
    return bool(parts) and all(_ADMIN_CHECK.search(p) for p in parts)


_PAY_OFFERED = re.compile(
    r"^\W*(?:[^\W\d_]+\s*:\s*)?(?:kilpailukykyi\w*|hyv\w*|reilu\w*|competitive|good|attractive|"
    r"konkurrenskraftig\w*|bra|god)\s+(?:palk\w*|lön\w*|salary|pay)\b",
    re.I,
)
"""A line that offers pay ("OFFER: Kilpailukykyinen palkka & hyvät työvuorot.", "Competitive salary"):
a benefit, no skill (it gave *ensure price competitiveness* 0.39: outside tester 18, P8)."""
_PAY_CLAUSE = re.compile(
    rf"^\W*(?:palkka\w*|palkkaus\w*|lön\w*|salary|pay)\b[^.;:]{{0,60}}?\b(?:{_AGREEMENT_NAME}\w*|työehtosopimu\w*|"
    r"kollektivavtal\w*|collective\s+(?:labour\s+)?agreement)",
    re.I,
)
"""The pay by a collective agreement ("Palkka TES:n mukaan.", "Palkkaus Kiinteistöpalvelualan TES:n
mukaan", "Lön enligt kollektivavtal"): no skill; matched, it gave *calculate rates per hours* 0.41 and
*value properties* (outside tester 16, P8)."""


def words(text: str) -> list[str]:
    """Lower-cased words (`WORD`: letters, inner hyphens and apostrophes)."""
    return [w.lower() for w in WORD.findall(text)]


class CompoundSplitter:
    """Splits Finnish compounds at the longest known head word.

    `vocabulary`: lemmas that may stand as the head (last part) or the modifier (first part) of a
    compound, e.g. the words of ESCO's Finnish skill labels, lemmatised. A word splits as
    modifier + head when the head is in the vocabulary (at least `min_part` letters) and the
    modifier, or its lemma by `lemma` (genitive "trukin" → "trukki"), is in it too; splitting
    repeats on the modifier ("vuorovaikutustaidot" → "vuoro vaikutus taidot" is prevented because
    "vuorovaikutus" itself is known). A modifier in `nouns` (a noun's lemma that `lemma` reads as a
    verb's form: "tuli", fire, as "tulla", came) is kept as written, since a compound's modifier
    is never a finite verb ("tulityökortti" → "tuli työ kortti", not "tulla työ kortti").
    """

    def __init__(
        self,
        vocabulary: Iterable[str],
        lemma: Callable[[str], str] | None = None,
        min_part: int = 3,
        nouns: Iterable[str] = (),
    ):
        self.vocabulary = frozenset(v.lower() for v in vocabulary if len(v) >= min_part)
        self.lemma = lemma or (lambda w: w)
        self.min_part = min_part
        self.nouns = frozenset(nouns)

    def split(self, word: str, *, known_too: bool = False) -> list[str]:
        """The parts of `word` (itself alone when it cannot be split, or when it is known itself
        and `known_too` is false: "siivousala" is a word of ESCO's labels, its parts "siivous" and
        "ala" are too)."""
        w = word.lower().replace("-", "")
        if len(w) < 2 * self.min_part:
            return [word]
        if not known_too and (w in self.vocabulary or self.lemma(w) in self.vocabulary):
            return [word]
        for cut in range(self.min_part, len(w) - self.min_part + 1):
            head, modifier = w[cut:], w[:cut]
            if self.lemma(head) in self.vocabulary or head in self.vocabulary:
                left = (
                    modifier
                    if modifier in self.vocabulary or modifier in self.nouns
                    else self.lemma(modifier)
                )
                if left in self.vocabulary or left in self.nouns:
                    return [left, head]
                if len(modifier) >= 2 * self.min_part:
                    inner = self.split(modifier)
                    if len(inner) > 1:
                        return [*inner, head]
        return [word]

    def head(self, word: str) -> str | None:
        """The longest known head of `word` (as written, lower case; the head or its lemma in the
        vocabulary) after a first part of at least `min_part` letters, known or not; None when
        there is none. Only for a word known to be a compound (`expand_elided`: "teräs- ja
        alumiinirakenteita", where "alumiini" is no word of ESCO's labels)."""
        w = word.lower()
        if "-" in w or len(w) < 2 * self.min_part:
            return None
        for cut in range(self.min_part, len(w) - self.min_part + 1):
            rest = w[cut:]
            if rest in self.vocabulary or self.lemma(rest) in self.vocabulary:
                return rest
        return None

    def expand(self, tokens: Sequence[str]) -> list[str]:
        """`tokens` with every splittable compound replaced by its parts."""
        out: list[str] = []
        for t in tokens:
            out.extend(self.split(t))
        return out


# Consonant gradation (astevaihtelu): the strong and weak grades of a stem's last consonants
# (Iso suomen kielioppi §§ 41–43). A derived noun and its verb may stand in different grades
# ("mittaus" / "mitata", "opetus" / "opettaa", "asennus" / "asentaa").
_GRADES = (
    ("kk", "k"),
    ("pp", "p"),
    ("tt", "t"),
    ("nk", "ng"),
    ("mp", "mm"),
    ("lt", "ll"),
    ("rt", "rr"),
    ("nt", "nn"),
    ("ht", "hd"),
    ("t", "d"),
    ("p", "v"),
)
_LAST_CONSONANTS = re.compile(r"([bcdfghjklmnpqrstvwxz]+)([aeiouyäö]*)$")


def _graded(stem: str) -> set[str]:
    """`stem` and its forms with the last consonant cluster in the other grade."""
    out = {stem}
    m = _LAST_CONSONANTS.search(stem)
    if m is None:
        return out
    head, cluster, tail = stem[: m.start()], m.group(1), m.group(2)
    for strong, weak in _GRADES:
        if cluster.endswith(strong):
            out.add(head + cluster[: -len(strong)] + weak + tail)
        if cluster.endswith(weak):
            out.add(head + cluster[: -len(weak)] + strong + tail)
    return out


NOT_DERIVED = frozenset({"auto", "valo", "vety", "tutkinto", "tunnus", "järjestö"})
"""Nouns that look derived from a verb but do not mean its action ("auto" is a car, not a
helping, "valo" a light, "tutkinto" a degree, "tunnus" an identifier): no verb is added."""


def verb_candidates(noun: str) -> set[str]:
    """The infinitives a Finnish noun lemma may be derived from, by the productive deverbal
    suffixes (Iso suomen kielioppi §§ 191–226): action nouns in -us/-ys ("siivous" ← siivota,
    "asennus" ← asentaa, "mittaus" ← mitata), -o/-ö ("hoito" ← hoitaa, "täyttö" ← täyttää),
    -u/-y ("valu" ← valaa, "suunnittelu" ← suunnitella), -nti/-nta/-nto ("myynti" ← myydä,
    "valvonta" ← valvoa, "arviointi" ← arvioida). Candidates only (a set of strings, possibly
    empty): most are not words, and the caller keeps those that are known verbs. -o and -u nouns
    keep the verb's consonant grade ("kylpy" is not from "kylvää"); collective nouns in
    -isto/-istö ("välineistö"), past participles ("sovittu") and `NOT_DERIVED` give none. Agent
    nouns in -ja/-jä are left out: as job titles they are lexicalised ("laitoshuoltaja" cleans,
    it does not "huoltaa"; measured: no gain, docs/benchmarks.md). (-minen nouns are read from
    the lemma dictionary, see `FinnishLemmas`.)"""
    n = noun.lower()
    out: set[str] = set()
    if len(n) < 4 or n.endswith(("ttu", "tty")) or n in NOT_DERIVED:
        return out
    if n.endswith(("isto", "istö")) and len(n) >= 8:  # "aineisto", not "poisto" (← poistaa)
        return out

    def harmony(stem: str) -> str:  # the verb's vowel harmony follows its stem
        return "a" if re.search(r"[aou]", stem) else "ä"

    if n.endswith(("us", "ys")) and len(n) > 4:
        stem = n[:-2]
        a = harmony(stem)
        for s in _graded(stem):
            out |= {s + "t" + a, s + a + a, s + "e" + a, s + "it" + a}
    elif n.endswith(("nti", "nta", "ntä", "nto", "ntö")) and len(n) > 5:
        base = n[:-3]
        a = harmony(base)
        out |= {base + a, base + "d" + a, base + "t" + a}
    elif n.endswith(("o", "ö")):
        stem = n[:-1]
        a = harmony(stem)
        out |= {stem + a + a, stem + "e" + a}
    elif n.endswith(("u", "y")):
        stem = n[:-1]
        a = harmony(stem)
        out |= {stem + a + a, stem + "t" + a}
        if stem.endswith(("el", "il")):  # suunnittelu ← suunnitella (weak grade before -ella)
            out |= {g + stem[-2:] + "l" + a for g in _graded(stem[:-2])}
    out.discard(n)
    return out


# Finnish loanword gradation of a name's last consonant (englanti : englannin, kreikka : kreikan,
# tšekki : tšekin); the names of languages grade only these (Iso suomen kielioppi § 41).
# Job titles that name no occupation, only that someone is employed ("Työntekijä", "Employee",
# "Anställd"), and the words that qualify such a title ("Kesätyöntekijä", "Summer worker",
# "Extra personal"): read as text, "työntekijä" (employee) matched "evaluate employees" and "coach
# employees" (an outside tester). As the head of a compound or phrase ("Varastotyöntekijä",
# "Warehouse worker", "Lagermedarbetare") the rest still names the work.
GENERIC_TITLE_HEADS: tuple[str, ...] = (
    # Finnish (nominative and the plural/partitive forms of titles: "Työntekijöitä")
    *("työntekijä", "työntekijät", "työntekijöitä", "työntekijää", "tekijä", "tekijöitä", "tekijää"),
    *("henkilöstö", "henkilöstöä", "henkilökunta", "henkilökuntaa", "työläinen", "työläisiä"),
    *("harjoittelija", "harjoittelijoita", "harjoittelijaa", "sijainen", "sijaisia", "sijaista"),
    # English
    *("employee", "employees", "worker", "workers", "staff", "personnel", "member", "members"),
    *("trainee", "trainees", "intern", "interns", "temp", "temps", "substitute", "helper", "helpers"),
    # Swedish
    *("anställd", "anställda", "medarbetare", "arbetare", "sommarjobbare", "vikarie"),
    *("vikarier", "praktikant", "praktikanter", "extrapersonal"),
)
GENERIC_TITLE_QUALIFIERS: tuple[str, ...] = (
    # Finnish
    *("kesä", "kesätyö", "osa-aika", "osa-aikainen", "osa-aikaisia", "osa-aikaista", "kokoaika"),
    *("kokoaikainen", "tunti", "keikka", "extra", "vakituinen", "vakituisia", "vakituista"),
    *("määräaikainen", "määräaikaisia", "määräaikaista", "uusi", "uusia", "uutta", "useita"),
    *("haetaan", "haemme", "etsimme", "tuntityö", "keikkatyö", "yleis", "yleistyö", "kausi"),
    # English
    *("summer", "seasonal", "temporary", "permanent", "part-time", "full-time", "part", "time", "full"),
    *("general", "new", "team", "crew", "extra", "casual", "wanted", "hiring", "several", "a", "an"),
    # Swedish
    *("sommar", "säsongs", "tillfällig", "tillfälliga", "deltid", "heltid", "ny", "nya", "flera"),
    *("allmän", "extra", "timanställd", "timanställda", "sökes", "söker", "vi", "en", "ett"),
)
_GENERIC_HEADS = frozenset(GENERIC_TITLE_HEADS)
_GENERIC_QUALIFIERS = frozenset(GENERIC_TITLE_QUALIFIERS)
_GENERIC_HEAD_IN_COMPOUND = re.compile(
    r"^(.{3,}?)-?(työntekij\w*|tekij\w*|henkilöstö\w*|harjoittelij\w*|sijai\w+|medarbetare|arbetare|"
    r"personal|vikarie\w*|praktikant\w*)$"
)


def title_to_read(title: str) -> str:
    """What recognition reads of a vacancy's job title: the title without the words that only say
    someone is employed (`GENERIC_TITLE_HEADS`: "Työntekijä", "Worker", "Anställd") and those
    qualifying them (`GENERIC_TITLE_QUALIFIERS`: "Kesä-", "Summer", "Part-time"); a compound with such
    a head keeps its first part ("Varastotyöntekijä" → "Varasto", "Lagerarbetare" → "Lager"). ""
    when nothing that names work is left ("Työntekijä", "Kesätyöntekijöitä", "Summer worker")."""
    tokens = [t.strip(".,;:!?()[]\"'/–—") for t in title.split()]
    heads = [_GENERIC_HEAD_IN_COMPOUND.match(t.lower()) for t in tokens]
    if not any(t.lower() in _GENERIC_HEADS or m is not None for t, m in zip(tokens, heads, strict=True)):
        return title  # no generic head: "Team leader", "Part-time cook" are read as they are
    kept: list[str] = []
    for token, m in zip(tokens, heads, strict=True):
        word = token.lower()
        if not WORD.search(word) or word in _GENERIC_HEADS or word in _GENERIC_QUALIFIERS:
            continue
        if m is None:
            kept.append(token)
        elif m.group(1).rstrip("-") not in _GENERIC_QUALIFIERS:
            kept.append(m.group(1).rstrip("-"))
    return " ".join(kept)
