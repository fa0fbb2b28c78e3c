"""What a sentence says is not needed, lacking or only wished for: the negation cues of job-ad and
CV text and the spans they negate (`negated_spans`, `not_required_spans`), read alike by matching's
skill recognition (`recognition_text.affirmed`) and by the language requirements both services read
from an ad (`language_clauses`: the vacancy service's `requirements_unconfirmed` warning and
matching's suggested languages; outside tester 35, F2: the vacancy service dropped a whole sentence
that waived one language and required another).

Moved here unchanged from `services/matching/index/domain/recognition_text.py` (which re-exports
it), so that both services read a waiver by one rule. Pure (standard library only).
"""

from __future__ import annotations

import re

from services.kernel.sentences import within_reach

_FI_WORK = (
    r"[\w-]*(?:töitä|työtä|työpaikka\w*|töihin|työllisty\w*|harjoittelupaik\w*|työharjoittelu\w*|"
    r"työkokeilu\w*|sijaisuu\w*|keikkatöitä|keikkatyö\w*)\b"
)
_SV_WORK = r"[\w-]*(?:jobb|jobbet|arbete|arbetet|anställning|praktikplats|praktik|tjänst)\b"
_EN_WORK = r"(?:[\w-]*(?:job|jobs|work|employment|position|positions|placement|internship|traineeship))\b"
"""Work as what someone looks for, by language ("osa-aikatyötä", "deltidsjobb", "part-time work")."""

# What a sentence says someone does NOT have, or only wishes for: a coach's "ei ajokorttia",
# "hygieniapassi puuttuu", "no forklift licence", "inget körkort", "kiinnostunut siivousalasta".
# A cue before the words negates them up to the end of the sentence, or up to a contrast ("mutta",
# "but", "men"); a cue after them ("X puuttuu", "X expired") negates its comma-separated clause.
NEGATION_BEFORE: tuple[str, ...] = (
    # Finnish
    r"\bei(?:kä)?\b",
    r"\bilman voimassa\w*",
    r"\bpuuttuu\b(?=\s+\w)",
    r"\b(?:on )?kiinnostunut\b",
    r"\bhaluaa (?:oppia|kouluttautua|opiskella)\b",
    r"\bsuunnittelee\b",
    # a training or a job someone is only considering (a coach's "harkitsee linja-autonkuljettajan
    # koulutusta" suggested driving a bus; session 13, fi-dev)
    r"\b(?:harkitsee|harkitsisi|pohtii|miettii)\b",
    # a wish or a goal, not a skill (outside tester 6, G7: "Haluaisi töihin vanhustenhoitoon" suggested
    # treating elderly people's illnesses); the third person only: an ad's "toivomme", "haluamme",
    # "toivoisimme sinulta" state requirements
    r"\b(?:haluaisi|toivoisi|tahtoisi)\b",
    # (also moving, switching or trying: "Haluaa siirtyä kuljettajaksi"; not going on, "Haluaa jatkaa
    # kuljettajana", which says the person drives now: outside tester 34, F8, and fi-dev18's "vill
    # fortsätta arbeta med små barn" after "har jobbat som barnskötare")
    r"\bhaluaa (?:töihin|työskennellä|työllistyä|alalle|päästä|siirtyä|vaihtaa|kokeilla)\b",
    r"\bhaaveilee\b",
    r"\b(?:toiveena|tavoitteena)\b",
    # a wish of the jobseeker's, said by the verb (outside tester 27, T27-7; not an ad's "toivomme")
    r"\b(?:toivoo|toivoisi|toivovat)\b",
    # an intention or a plan, not a holding (outside tester 15, P5: "Asiakkaan kanssa sovittiin, että hän
    # hakee lähihoitajakoulutukseen." gave the practical nurse's qualification at the rule's full score):
    # applying to a training or a school ("hakee / aikoo hakea / hakeutuu … koulutukseen", not an ad's
    # "Yritys hakee koulutettua hitsaajaa"), intending, aiming, and a coach's recommendation
    r"\b(?:hake(?:e|a|vat|nut|neet|massa)|haki|hakeutu\w*)\s+(?:\w+\s+){0,3}?\w*(?:koulutukseen|koulutuksiin|"
    r"kouluun|opiskelemaan|opintoihin|oppilaitokseen|opiskelupaikka\w*|kurssille|oppisopimu\w*|tutkintoon)\b",
    r"\b(?:aikoo|aikovat|aikomuksena|suunnitelma(?:na|ssa|issa)|tavoittelee|tähtää)\b",
    r"\b(?:suositeltiin|ehdotettiin|ohjattiin)\b",  # (the past: an ad's "Alan koulutusta suositellaan" asks)
    # English
    r"\bno\b",
    r"\bnot\b",
    r"\bnever\b",
    r"\blacks?\b",
    r"\bdoes(?:n't| not) have\b",
    r"\binterested in\b",
    r"\bwould like to\b",
    r"\bwants to (?:learn|train|study|work|become|move|switch|try|get)\b",
    r"\b(?:wishes|hopes|aspires) to\b",
    r"\bdreams of\b",
    r"(?<!\bwe )(?<!\bi )\b(?:prefers|would prefer)\b",  # (not an ad's "we prefer")
    r"\b(?:is )?considering\b",
    # (not an ad's "We plan to", "The role aims to", "you plan and carry out")
    r"(?<!\bwe )(?<!\byou )\b(?:plans|planning|intends|intending|is going) to\b",
    r"\bI (?:plan|intend|am planning|am going) to\b",
    r"\bappl(?:y|ies|ying|ied)\s+(?:for|to)\s+(?:\w+\s+){0,3}?(?:training|courses?|studies|school|programme|"
    r"program|education|degree|apprenticeship|college|university)\b",
    r"\b(?:was|were|has been|have been) (?:recommended|advised|referred)\b",
    # Swedish
    r"\binte\b",
    r"\binget\b",
    r"\bingen\b",
    r"\bsaknar\b",
    r"\bintresserad av\b",
    r"\bvill (?:lära sig|utbilda sig|studera)\b",
    r"(?<!\bvi )\b(?:vill gärna|skulle vilja|önskar)\b",  # not an ad's "vi vill gärna att du"
    r"(?<!\bsom )\bvill (?:jobba|arbeta|byta|prova|komma)\b",  # (not an ad's "Vi söker dig som vill arbeta …")
    r"\bdrömmer om\b",
    r"(?<!\bvi )\b(?:föredrar|skulle föredra)\b",  # (not an ad's "vi föredrar")
    r"\b(?:funderar på|överväger)\b",
    r"\bsök(?:er|a|te|t|ande)\s+(?:in\s+)?(?:till|på)\s+(?:\w+\s+){0,2}?\w*(?:utbildning\w*|studier\w*|"
    r"skola\w*|skolan|kurs\w*|programmet|linje\w*|läroavtal\w*)\b",
    # (not an ad's "Du planerar och genomför", "Tjänsten avser ett vikariat", "Du tänker kreativt")
    r"(?<!\bvi )(?<!\bdu )\b(?:planerar|ämnar|avser) att\b",
    r"\btänker (?:söka|studera|utbilda|börja|läsa)\b",
    r"\bhar (?:för )?avsikt\b",
    r"\bska (?:söka|börja|studera|utbilda)\b",
    r"\b(?:rekommenderades|föreslogs|hänvisades)\b",
    # a skill the person is weak at or struggles with (outside tester 16, P7: "tig-hitsaus ei suju" gave
    # TIG welding at the rule's full score); the words before such a cue go too (`NOT_ABLE`). Not after
    # a relative pronoun: an ad's "asiakkaita, joilla on vaikeuksia liikkua", "people who have
    # difficulties with", "personer som har svårt att" name whom the worker helps
    r"(?<!\bjoilla )(?<!\bjolla )(?<!\bjoilla )\bon\s+(?:\w+\s+)?vaikeuksia\b",
    r"(?<!\bwho )\bstruggl(?:es|ed)\s+(?:with|to)\b",
    r"(?<!\bwho )\b(?:has|had)\s+(?:great\s+|some\s+)?(?:difficult(?:y|ies)|trouble|problems)\s+(?:with|in)\b",
    r"\b(?:is)\s+weak\s+(?:in|at)\b",
    r"(?<!\bsom )\bhar\s+(?:\w+\s+)?svårt\b",
    r"\bär\s+svag\s+(?:i|på)\b",
)

SEEKING_WORK: tuple[str, ...] = (
    # Finnish: the third person and the first singular only, and work as the object ("hakee töitä",
    # "etsii osa-aikatyötä", "toivoo pääsevänsä töihin"): an ad's "Yritys hakee hitsaajaa", "Haemme",
    # "Etsimme" name whom it hires
    rf"\b(?:hakee|hakisi|haen|etsii|etsisi|etsin|toivoo|toivon|haluaa|haluan|tavoittelee|on\s+hakenut|"
    rf"on\s+etsinyt)\s+(?:[\w-]+\s+){{0,2}}?{_FI_WORK}",
    r"\btoivoo\s+(?:[\w-]+\s+){0,2}?(?:pääsevänsä|työllistyvänsä|löytävänsä|saavansa)\b",
    r"\b(?:on\s+)?työnhaussa\b|\btyönhaku\s+(?:kohdistuu|suuntautuu)\b",
    # English (not an ad's "We are looking for a cook", "You are looking for")
    rf"(?<!\bwe are )(?<!\bwe're )(?<!\byou are )(?<!\byou're )\b(?:looking|searching|seeking|"
    rf"looks|searches|seeks|hoping|hopes)\s+(?:for\s+)?(?:[\w-]+\s+){{0,2}}?{_EN_WORK}",
    rf"\b(?:appl(?:ies|ying|ied))\s+(?:for\s+|to\s+)(?:[\w-]+\s+){{0,2}}?{_EN_WORK}",
    rf"\bwants\s+(?:[\w-]+\s+){{0,2}}?{_EN_WORK}",
    # Swedish (not an ad's "Vi söker en kock", "Vi söker dig som …", "Företaget
    # söker personal till arbete inom …": work right after the verb, at most one word between)
    rf"(?<!\bvi )(?<!\bni )\b(?:söker|sökte|letar(?:\s+efter)?|önskar)\s+(?:[\w-]+\s+)?{_SV_WORK}",
    r"\bsöker\s+sig\s+(?:till|mot)\b",
    r"\bvill\s+(?:ha\s+)?(?:\w+\s+)?(?:jobb|arbete|anställning)\b",
)
"""Looking for work: what a note says the jobseeker seeks is a wish, not a skill held (outside tester
17, P8: "Söker deltidsjobb inom hemvården" gave *provide domestic care* 0.44; the README: a note's
wishes and plans are not suggested). Read by `affirmed` as a cue before the words, like
`NEGATION_BEFORE`, but not by `negated_spans`: a language named there is where, not what is lacking
("hakee Suomessa terveydenhoitajan töitä; suomen kieli B1" keeps Finnish)."""

_STILL = (
    r"(?:vielä|enää|ollenkaan|lainkaan|yhtään|kyllä|sitä|niitä|hänellä|asiakkaalla|voimassa|suoritettuna)"
)
_CLAUSE_END = r"(?=\s*(?:[.!?,;:)]|\b(?:mutta|vaan|ja|eikä|sekä|men|och|samt|utan)\b|$))"
"""Words that may stand around a clause-final "ei ole" ("ajokorttia ei ole vielä"), and the end of
such a clause: a stop, a comma, a contrast or a conjunction (`NOT_ABLE`)."""

NOT_ABLE = re.compile(
    r"\b(?:ei|eivät)\s+(?:(?:vielä|kovin|oikein|juurikaan|yhtään|lainkaan|hyvin)\s+)?"
    r"(?:suju|onnistu|luonnistu|osaa|osata|hallitse|hallita|taida|pysty|kykene|tunne|ymmärrä|puhu)\b"
    # a weak skill, said at the clause's end: "Excel heikko.", "Ruotsi sujuu huonosti" (not an ad's
    # "Ohjaat huonosti näkeviä asiakkaita")
    r"|\b(?:on\s+)?(?:heikko|heikkoa|heikosti|huono|huonoa|huonosti|vaikeaa|hankalaa)(?=\s*[.!?]?\s*$)"
    r"|\b(?:går|fungerar|klarar|behärskar|talar|förstår)\s+(?:\w+\s+)?(?:inte|ej)\b"
    r"|\b(?:är\s+)?svag(?:t)?(?=\s*[.!?]?\s*$)"
    r"|\b(?:is|are)\s+(?:difficult|hard|a\s+struggle|weak)\s+for\s+(?:him|her|them|the\s+client)\b"
    # what is not held, said after it, at the clause's end (outside tester 30, T30-5: "Hygieniapassi on,
    # ajokorttia ei ole.", "ajokorttia ei oo", "Ajokorttia ei ole vielä.", "Körkort har jag inte",
    # "Truckkort finns inte" suggested the licence at 1.0): the object first, then the negated verb of
    # having; not mid-clause ("Työ ei ole vuorotyötä" negates what follows, `NEGATION_BEFORE`)
    rf"|\b(?:ei|eikä|eivät)\s+(?:{_STILL}\s+)*(?:ole|oo|ollut?|oltu|löydy|löytyny?t|omaa|omista)\b"
    rf"(?:\s+{_STILL})*{_CLAUSE_END}"
    rf"|\b(?:har|hade|finns|fanns)\s+(?:(?:jag|hon|han|hen|de|vi|klienten|kunden|personen)\s+)?"
    rf"(?:(?:ännu|än|ju|heller)\s+)?(?:inte|ej|icke)(?:\s+(?:ännu|än|heller))?{_CLAUSE_END}",
    re.I,
)
"""A cue that the words BEFORE it name what the person cannot do, is weak at or does not hold
("ajokorttia ei ole", "körkort har jag inte"): "tig-hitsaus ei suju",
"Ruotsia ei osaa", "Excel heikko", "Svetsning klarar hon inte", "Welding is difficult for her"
(outside tester 16, P7). `affirmed` drops those words back to a contrast, a clause's start or the
conjunction after an affirmative predicate ("Osaa hitsata puikolla ja tig-hitsaus ei suju" keeps
"Osaa hitsata puikolla")."""
_NEGATION_WORD = re.compile(r"\b(?:ei|eivät|inte|ej)\b", re.I)
_ABLE_PREDICATE = re.compile(
    r"\b(?:osaa|osaat|hallitsee|sujuu|onnistuu|on|ovat|omaa|kan|har|behärskar|klarar|can|has|is|knows)\b",
    re.I,
)
NEGATION_AFTER: tuple[str, ...] = (
    r"\bpuuttuu\b",
    r"\bpuuttuvat\b",
    r"\bvanhentu\w*",
    r"\bei (?:ole )?voimassa\b",
    r"\bexpired\b",
    r"\bmissing\b",
    r"\bsaknas\b",
    r"\b(?:har )?gått ut\b",
    # a licence or card lost, revoked, suspended or lapsed (outside tester 26, T26-9: "Körkortet
    # indraget i fjol.", "Driving licence suspended until March.", "Ajokortti menetetty, saa takaisin
    # 2027.", "Ajokortti hyllyllä.", "Tulityökortti umpeutunut, uusittava." gave the skills at 1.0).
    # English and "hyllyllä" only next to a licence word: an ad's "install suspended ceilings", "tuotteet
    # hyllyllä" are no negation.
    r"\bumpeutu\w*",
    r"\bmenete(?:tty|tyt|ttiin)\b|\bmenett(?:i|änyt|äneet)\b",
    r"\bperu(?:ttu|tettu|ttiin|uttu)\b",
    r"\bajokiel\w*",
    r"\b\w*(?:kortti|kortin|korttinsa|lupa|luvan|lupansa|passi|oikeus)\s+(?:on\s+|ovat\s+)?(?:ollut\s+|olleet\s+)?hyllyllä\b",
    r"\b(?:licen[cs]es?|permits?|cards?|certificates?|passports?|tickets?)\s+(?:\w+\s+){0,2}?"
    r"(?:suspended|revoked|withdrawn|lapsed|cancell?ed|taken\s+away|confiscated)\b",
    r"\b(?:lost|losing|loses)\s+(?:\w+\s+){0,2}?licen[cs]e\b",
    r"\b(?:disqualified|banned)\s+from\s+driving\b|\bdriving\s+ban\b",
    r"\bindrag(?:en|et|na|its|s)?\b",
    r"\båterkalla(?:d|t|de|des|ts)\b",
    r"\bkörförbud\w*",
    r"\b(?:förlorat|förlorade|mist|miste)\s+(?:\w+\s+)?\w*(?:körkort|kort|behörighet)\w*\b",
    # an interest said after what interests the person (outside tester 19, P5: "Siivous ja
    # kiinteistönhoito kiinnostaa, ei kokemusta vielä" gave *perform cleaning duties* 0.48)
    r"\bkiinnosta(?:a|vat|isi|isivat|nut|neet)\b",
    r"\b(?:intresserar|lockar)\b",
    r"\binterests? (?:him|her|them|the client|me)\b",
)
# A requirement the ad says is NOT needed (outside tester 12, N9: "Ajokorttia ei vaadita." and
# "Körkort krävs inte." suggested driving at the rules' full score): the words before the cue name
# what is not needed, so its whole clause is dropped, up to a contrast ("…, mutta hygieniapassi
# vaaditaan") on either side.
NOT_REQUIRED: tuple[str, ...] = (
    # Finnish: "Ajokorttia ei vaadita / tarvita / edellytetä", "Työ ei edellytä X:ää eikä Y:tä",
    # "Sinun ei tarvitse osata ruotsia", "X ei ole välttämätön / pakollinen / edellytys", "Emme vaadi X"
    # (outside tester 15, P1: also "X ei välttämätön", without "ole", and "Et tarvitse X")
    r"\b(?:ei|eivät|emme|et|ette)\s+(?:\w+\s+){0,2}?(?:vaadita|tarvita|edellytetä|vaadi|edellytä|tarvitse|"
    r"(?:ole\s+(?:\w+\s+)?)?(?:välttämät\w*|pakolli\w*|vaatimu\w*|edellytys\w*|edellytyks\w*|tarpee\w*|"
    r"tarvetta|pakko))\b",
    # Swedish: "Körkort krävs inte / behövs inte / är inget krav / är inte nödvändigt", "Vi kräver
    # inte X", "Du behöver inte ha X"
    r"\b(?:krävs|behövs|kräver|behöver)\s+(?:\w+\s+)?(?:inte|ej)\b",
    r"\b(?:inget|inte(?:\s+ett)?|ej)\s+krav\b",
    r"\b(?:inte|ej)\s+(?:\w+\s+)?(?:nödvändig\w*|obligatorisk\w*|ett\s+måste)\b",
    # "Inga kunskaper i finska krävs", "Ingen erfarenhet behövs" (outside tester 15, P1)
    r"\b(?:inga|ingen|inget)\s+(?:\w+\s+){0,4}?(?:krävs|behövs)\b",
    # English: "A driving licence is not required", "You don't need a licence", "No need for X"
    r"\bnot\s+(?:\w+\s+)?(?:required|needed|necessary|mandatory|essential|a\s+(?:requirement|must))\b",
    r"\b(?:is|are|was|were)n['’]t\s+(?:\w+\s+)?(?:required|needed|necessary|mandatory|essential|"
    r"a\s+(?:requirement|must))\b",  # "Finnish isn't required"
    r"\b(?:do|does|will)(?:n't|\s+not)\s+(?:\w+\s+)?(?:require|need)\b",
    r"\bno\s+need\b",
    r"\bno\s+(?:\w+\s+){0,3}?(?:required|needed|necessary)\b",  # "No Finnish needed" (tester 15, P1)
    # without a language: "Voit työskennellä ilman suomen kielen taitoa", "without Finnish language
    # skills", "utan kunskaper i finska" (tester 15, P1; `language_requirements` reads the bare name too)
    r"\bilman\s+(?:\w+\s+){0,2}?(?:\w*kiel(?:i|en|tä|iä|itaito\w*|itaido\w*)|\w*kielistä)\b",
    r"\bwithout\s+(?:any\s+)?(?:\w+\s+){0,2}?(?:language|languages)\b",
    r"\butan\s+(?:\w+\s+)?(?:\w*språk\w*|kunskaper\s+i|att\s+(?:kunna|tala))\b",
)
_NOT_REQUIRED = re.compile("|".join(NOT_REQUIRED), re.I)
LITOTES = re.compile(
    r"\b(?:ei|eikä)\s+(?:ole\s+)?(?:\w+\s+)?(?:haitaksi|pahitteeksi|haittaa)\b|"
    r"\b(?:does|do|would|will|could|can|wo|ca)(?:n['’]t|\s+not)\s+hurt\b|\bskadar\s+(?:inte|ej)\b|"
    r"\b(?:inte|ej)\s+skada\b|"
    # "Inte rädd för att ta i", "du drar dig inte för fysiskt arbete": willing, not a negation (session 35)
    r"\b(?:inte|ej|aldrig)\s+(?:\w+\s+)?rädd\s+(?:för|att)\b|\bdrar\s+(?:dig|sig)\s+(?:inte|ej|aldrig)\s+för\b",
    re.I,
)
"""A plus said by negating a harm: "Ruotsin kielen taito ei ole pahitteeksi", "Ei haittaa, jos
puhut ruotsia", "Swedish wouldn't hurt", "Svenska skadar inte", "Det skadar inte om du kan
svenska"; willing to do it: "Inte rädd för fysiskt arbete": its negation word negates nothing
(`affirmed`; `language_requirements` reads a plus)."""
_PREDICATE_JOIN = re.compile(r"\b(?:ja|sekä|och|samt|and)\s*$", re.I)
# What an ad says IS needed, as the predicate of a clause of its own: "Hygieniapassi vaaditaan ja
# ajokorttia ei vaadita" (an outside tester: the whole sentence was dropped, the hygiene passport
# with it); a contrast word ("…, mutta ajokorttia ei vaadita") bounds the span already.
REQUIRED: tuple[str, ...] = (
    # Finnish
    r"\b(?:vaaditaan|vaadimme|edellytetään|edellytämme|tarvitaan|tarvitsemme|odotetaan|odotamme)\b",
    r"\b(?:on|ovat)\s+(?:\w+\s+)?(?:välttämät\w*|pakolli\w*|edellytys|eduksi|plussaa|oltava)\b",
    r"\b(?:pitää|tulee|täytyy)\s+olla\b",
    # Swedish
    r"\b(?:krävs|behövs|förutsätts|förutsätter|kräver|behöver)\b(?!\s+(?:\w+\s+)?(?:inte|ej)\b)",
    r"\bär\s+(?:ett\s+)?(?:krav|ett\s+måste|meriterande|en\s+merit)\b",
    # English
    r"\b(?:is|are)\s+(?:\w+\s+)?(?:required|needed|necessary|mandatory|essential|a\s+plus|an\s+advantage)\b",
    r"\bwe\s+(?:require|need|expect)\b",
)
_REQUIRED = re.compile("|".join(REQUIRED), re.I)
_JOIN = re.compile(r"\b(?:ja|sekä|och|samt|and)\b", re.I)
_NEGATION_BEFORE = re.compile("|".join(NEGATION_BEFORE), re.I)
_NOT_HELD = re.compile("|".join(NEGATION_BEFORE + SEEKING_WORK), re.I)
_NEGATION_AFTER = re.compile("|".join(NEGATION_AFTER), re.I)
_CONTRAST = re.compile(r"[;]|\b(?:mutta|vaan|kuitenkin|but|however|men|däremot)\b", re.I)
_CLAUSE = re.compile(r"(?<=,)\s+|(?<=;)\s+")


_RATHER = re.compile(r"\butan\b", re.I)
_INTE = re.compile(r"\b(?:inte|ej)\b", re.I)


def not_required_spans(clause: str) -> list[tuple[int, int]]:
    """(start, end) of each span of `clause` saying a requirement is not needed (`NOT_REQUIRED`),
    in `clause`'s offsets: from the contrast before the cue (or the clause's start, or a
    conjunction right before the cue) to the contrast after it (or the clause's end). Language
    requirements read it too (`language_requirements`: "Suomen kielen taitoa ei vaadita" is no
    requirement of Finnish; outside tester 15, P1)."""
    spans: list[tuple[int, int]] = []
    while (cue := _NOT_REQUIRED.search(clause)) is not None:
        before = [m.start() for m in _CONTRAST.finditer(clause, 0, cue.start()) if m.end() <= cue.start()]
        start = before[-1] if before else 0
        # "Klienten kan svetsa och behöver inte handledning": a conjunction right before the cue
        # joins a second predicate, and what precedes it is affirmed; "Ajokorttia ja trukkikorttia
        # ei vaadita" joins two things not needed
        if (joined := _PREDICATE_JOIN.search(clause, 0, cue.start())) is not None:
            start = max(start, joined.start())
        # "Hygieniapassi vaaditaan ja ajokorttia ei vaadita": a clause of its own saying what IS
        # needed, joined by a conjunction, stays; so does one after the cue ("Ajokorttia ei vaadita
        # ja hygieniapassi vaaditaan")
        required = [m.end() for m in _REQUIRED.finditer(clause, start, cue.start())]
        if required and (joins := [m.start() for m in _JOIN.finditer(clause, required[-1], cue.start())]):
            start = max(start, joins[-1])
        after = _CONTRAST.search(clause, cue.end())
        if _INTE.search(cue.group()) and (rather := _RATHER.search(clause, cue.end())) is not None:
            # "Vi kräver inte svenska utan finska": "utan" after "inte" is "but", not "without"
            after = rather if after is None or rather.start() < after.start() else after
        bound = after.start() if after is not None else len(clause)
        kept = next(
            (j for j in _JOIN.finditer(clause, cue.end(), bound) if _REQUIRED.search(clause, j.end(), bound)),
            None,
        )
        # from the clause's start, the contrast goes too: "Körkort behövs inte men är en merit" leaves
        # "är en merit" (a stock phrase), not "men", which matched "history" and "hair"
        end = (
            kept.start()
            if kept is not None
            else len(clause)
            if after is None
            else after.start()
            if before
            else after.end()
        )
        spans.append((start, end))
        clause = clause[:start] + " " * (end - start) + clause[end:]  # blanked: offsets stay
    return spans


def _without_not_required(clause: str) -> str:
    """`clause` without each span saying a requirement is not needed (`not_required_spans`), each
    run of them replaced by one space."""
    spans = sorted(not_required_spans(clause))
    out: list[str] = []
    at = 0
    for start, end in spans:
        if end <= at:
            continue
        if start > at or not out:
            out += [clause[at:start], " "]
        at = max(at, end)
    return "".join(out) + clause[at:]


def negated_spans(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of each span of `sentence` (its offsets, ascending, possibly overlapping) that
    says something is not needed or lacking, as `affirmed` reads it but bounded by the comma
    clause: a span of `not_required_spans`; a clause with a cue after the words (`NEGATION_AFTER`,
    "suomen kielen taito puuttuu"); from a cue before the words (`NEGATION_BEFORE`: "ei", "not",
    "no", "inte") to the next contrast or the clause's end. For language requirements
    (`language_requirements`, outside tester 15, P1): "No experience needed, fluent Finnish
    required" still requires Finnish, where `affirmed`, for skills, drops the rest of the sentence.
    Reads the sentence's first `MAX_SENTENCE_CHARS` only (`within_reach`; no span starts past them:
    the work is bounded per sentence, outside tester 36b, J1)."""
    out: list[tuple[int, int]] = []
    sentence = within_reach(sentence)
    bounds = [0] + [m.end() for m in _CLAUSE.finditer(sentence)]
    ends = [m.start() for m in _CLAUSE.finditer(sentence)] + [len(sentence)]
    for at, stop in zip(bounds, ends, strict=True):
        clause = sentence[at:stop]
        spans = not_required_spans(clause)
        out += [(at + s, at + e) for s, e in spans]
        for s, e in spans:
            clause = clause[:s] + " " * (e - s) + clause[e:]
        if _NEGATION_AFTER.search(clause) and not _NEGATION_BEFORE.search(clause):
            out.append((at, stop))
            continue
        pos = 0
        while (cue := _NEGATION_BEFORE.search(clause, pos)) is not None:
            contrast = _CONTRAST.search(clause, cue.end())
            if cue.group().lower() == "inte" and (rather := _RATHER.search(clause, cue.end())) is not None:
                # "Vi kräver inte svenska utan finska": "utan" after "inte" is "but", not "without"
                contrast = rather if contrast is None or rather.start() < contrast.start() else contrast
            end = contrast.start() if contrast is not None else len(clause)
            out.append((at + cue.start(), at + end))
            pos = contrast.end() if contrast is not None else len(clause)
    return sorted(out)
