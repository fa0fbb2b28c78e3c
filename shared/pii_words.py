"""Words and phrases of the special categories of personal data (GDPR art. 9 and 10, and the grounds of
the Non-Discrimination Act 1325/2014 § 8) as coaches and recruiters write them in Finnish, Swedish and
English: the everyday wordings an outside tester got past the first, shorter word lists in
``shared.pii`` (tester 20, P1: "Käyttää pyörätuolia", "On kuuro", "Raitistunut alkoholisti", "Täyttää
ensi vuonna 60", "Lapset päiväkodissa", "Han väntar barn", "Hänellä on rikosrekisteri",
"Turvapaikanhakija, oleskelulupa vireillä").

Each category is a list of entries, written as data (``TERMS``):

* ``stem*``: (also one word of a phrase) a word that begins with ``stem`` (case-insensitive). Finnish
  inflects by endings and changes the stem's consonants (``pyörätuoli``, ``pyörätuolia``, ``pyörätuolissa``; ``raskaus``,
  ``raskauden``), so a stem is cut before the part that changes, Snowball-style, and a stem that
  changes is listed in each of its forms (``vanki*`` and ``vangi*``). Swedish and English stems
  likewise (``dömd*``, ``convict*``).
* ``word``: the word itself only (``vanki``, ``barn``): where a prefix would catch other words
  (``rikos`` would catch ``rikostutkija``, an investigator).
* Several words: a phrase, any whitespace between its words (``väntar barn``).
* ``=`` first: case-sensitive (``=PAM``, a union's name, not the word "pam").
* ``~`` first: **ambiguous**, the same word also names the field of someone's work (``lasten`` in
  ``kokemusta lasten kanssa``, ``vankilassa`` in ``työskennellyt vankilassa vartijana``); it counts
  only when no word of work (``WORK_CONTEXT``: ``kanssa``, ``parissa``, ``työ…``, ``with``,
  ``experience``, ``arbetat``…) is in the same sentence.

Detection is by wording: a wording not listed here still gets through, and a listed word in an unusual
sense is refused (the writer rephrases). Standard library only; pure (no I/O). Shapes:
``find_terms(text) -> list[tuple[kind, start, end]]`` over ``text`` as given (the caller reads it as
typed first, ``shared.pii.as_typed``).

A library lemmatiser was measured and not used here: simplemma (MIT, already a dependency of the
recogniser) takes about 400 MB of memory and seconds to load its Finnish, Swedish and English
dictionaries in a process, and the profile service, which screens handover notes, does not load it
otherwise; and a lemma misses compounds (``pyörätuolinkäyttäjä``), which a stem catches.
"""

from __future__ import annotations

import re
from functools import cache

HEALTH = "health_data"
AGE = "age"
FAMILY = "family_status"
RELIGION = "religion"
POLITICS = "political_opinion"
TRADE_UNION = "trade_union_membership"
SEXUAL_ORIENTATION = "sexual_orientation"
CRIMINAL = "criminal_record"
IMMIGRATION = "immigration_status"


def _entries(text: str) -> tuple[str, ...]:
    """The comma-separated entries of ``text``, each stripped of surrounding whitespace."""
    return tuple(e.strip() for e in text.split(",") if e.strip())


TERMS: dict[str, tuple[str, ...]] = {
    HEALTH: _entries(
        """
        pyörätuol*, rullatuol*, sähköpyörätuol*, rollaattor*, kävelykep*, kävelytelin*, kyynärsauv*,
        proteesi*, kuulolait*, kuulokoje*, sisäkorvaistut*, opaskoir*, avustajakoir*, kuuro, kuuron, kuuroa,
        kuurona, kuurot, kuuroja, kuurous*, kuurout*, huonokuuloi*, kuulovam*, kuulovik*, kuulo-ongelm*,
        näkövam*, heikkonäköi*, sokea, sokean, sokeana, sokeat, sokeita, sokeu*, liikuntaestei*,
        liikuntavam*, cp-vam*, vamma, vamman, vammaa, vammoja, vammansa, halvaantu*, halvaus*, aivoinfarkt*,
        aivoverenvuo*, sydänkohtau*, infarkt*, lukihäiriö*, dysleksi*, tourette*, oppimisvaike*,
        mielenterveys*, ahdistu*, paniikkihäiriö*, psykoos*, terapiassa, terapiaan, flunssa*, kuumee*,
        korona*, alkoholist*, raitistu*, juoppo*, juopo*, ryyppä*, humalassa, krapula*, alkoholinkäyt*,
        alkoholin käyttö*, juo liikaa, päihteid*, päihteit*, päihdekuntou*, päihderiippu*, huumeid*,
        huumeit*, huumeongelm*, huumeriippu*, narkomaan*, narkkar*, addikt*, riippuvuu*, katkaisuhoi*,
        korvaushoi*, retkahta*, AA-ryhmä*, AA-kerho*, rullstol*, rullator*, hörapparat*, hörselskad*,
        hörselned*, döv, döva, dövhet*, synskad*, synned*, är blind, protes, protesen, proteser, ledarhund*,
        rörelsehind*, dyslexi*, nykter alkoholist, missbruk*, drogmissbruk*, alkoholberoende*,
        drogberoende*, beroendeproblem*, avgiftning*, narkoman*, knark*, psykos*, ångest*, panikångest*,
        väntar barn, väntar tillökning, förkyld*, influensa*, utmattningssyndrom*, wheelchair*, walking
        aid*, crutches, hearing aid*, cochlear*, prosthe*, guide dog*, deaf, deafness, is blind, legally
        blind, hard of hearing, hearing impair*, visually impair*, partially sighted, alcoholic*, addict,
        addicts, addicted, addiction*, rehab, sober, sobriety, drug use*, drug abuse, drug problem*,
        anxiety, panic attack*, psychosis, psychotic, bipolar, ptsd, dyslexi*, in therapy, the flu, covid*,
        is expecting a child, is expecting twins, due to give birth,
        epilepsy, epileptic, diabetic, sleep apnoea, sleep apnea, uniapnea*, dialyysi*, dialysis, dialys,
        walking stick*, uses a cane, kävelee kepin kanssa, was operated, had surgery, opererad*, sömnapné*
        """
    ),
    AGE: _entries(
        """
        eläkeläinen, eläkeläisenä, ~eläkeläis*, eläkkeellä, eläkkeelle, ~ikääntyn*, ~ikääntymi*, ~iäkä*,
        ~iäkkä*, keski-ikäi*, eläkeikäi*, hänen ikänsä, ikänsä puolesta, ikänsä vuoksi, iän vuoksi, ikä,
        iältään, vuotispäiv*, syntymäpäiv*, pensionär, pensionären, ~pensionärer*, pensionerad*, går i
        pension, pensionsålder*, medelålders, födelsedag*, ålder, åldern, retired, retiree*, pensioner*,
        retiring, middle-aged, ~elderly, his age, her age, their age, birthday*,
        in his fifties, in her fifties, in his forties, in her forties, in his sixties, in her sixties, in
        his thirties, in her thirties, kuusissakymmenissä, viisissäkymmenissä, neljissäkymmenissä
        """
    ),
    FAMILY: _entries(
        """
        lapsensa, lapsiaan, lapsillaan, lapsilleen, lapsistaan, lapseni, lapsiani, lapsenlap*, ~lapsi,
        ~lapset, ~lapsen, ~lapsia, ~lasten, ~lapsille, ~lapsilla, ~lapsista, ~vauva, ~vauvan, ~vauvaa,
        ~vauvansa, vaimo*, aviomie*, aviopuoliso*, puoliso*, avopuoliso*, avomie*, avovaimo*, tyttöystäv*,
        poikaystäv*, kihlattu*, kihloissa, äitinsä, äitiään, isänsä, isäänsä, omaishoi*, kotiäiti*,
        kotiisä*, kotivanhem*, perheellinen, perheensä, perheestään, perheelleen, perhesy*, perhetilan*,
        lapsia kotona, lapset kotona, sambo*, särbo*, flickvän*, pojkvän*, ~barn, ~barnen, hennes barn, hans
        barn, ~småbarn, småbarnsförälder*, småbarnsmamma*, småbarnspappa*, familjeskäl*, familjesituation*, hemmamamma*, hemmapappa*, hustru*, hans fru, sin
        fru, hennes man, sin man, har barn, barnen hemma, wife, husband*, spouse*, girlfriend*, boyfriend*,
        fiancé*, fiance*, her children, his children, their children, her kids, his kids, their kids, ~kids,
        ~children, ~child, newborn*, stay-at-home, family reasons, family situation, childcare arrangement*,
        kids at home, children at home, lasten kanssa kotona, kotona lasten kanssa,
        single mum*, single mom*, single dad*, ensamstående mamma*, ensamstående pappa*, yh-äiti*, yh-isä*
        """
    ),
    RELIGION: _entries(
        """
        moskei*, rukoil*, rukous*, rukouk*, lestadiolai*, vanhoillislestadiolai*, helluntailai*, ortodoksi*,
        katolilai*, katolinen, katolisen, luterilai*, vapaakirko*, vapaakirkk*, sapatt*, turbaani*, sikhi*,
        uskoo jumala*, käy kirkossa, moské*, bönetid*, katolik*, ortodox*, laestadian*, pingstvän*,
        frikyrk*, sabbat*, slöja*, går i kyrkan, mosque*, prays, praying, prayer time*, prayers, catholic*,
        orthodox, lutheran*, pentecostal*, sabbath*, headscarf*, turban*, sikh*, goes to church
        """
    ),
    POLITICS: _entries(
        """
        puolue, puolueen, puolueessa, puolueeseen, puolueaktiiv*, puoluetoimi*, poliittis*, ~politiik*,
        poliitik*, kokoomu*, perussuomalai*, persu, persut, demari*, sosialidemokraat*, vasemmistoli*,
        vasemmistolai*, oikeistolai*, kommunist*, =RKP, =SDP, keskustapuolue*, kristillisdemokraat*,
        vaaliehdok*, kunnanvaltuu*, kaupunginvaltuu*, kansanedustaj*, aktivist*, mielenosoitu*, äänestää*,
        äänesti*, politisk*, partimedlem*, partiet, partiaktiv*, socialdemokrat*, sannfinländ*,
        samlingspart*, vänsterpart*, =SFP, centerpart*, kristdemokrat*, fullmäktigeledam*, political*,
        politics, politician*, party member*, socialist*, left-wing, right-wing, votes for, voted for,
        activist*,
        green party, finns party, left alliance, centre party, center party, national coalition, social
        democrat*, vihreiden jäsen*, vihreissä, keskustan jäsen*, de gröna, vänsterförbundet
        """
    ),
    TRADE_UNION: _entries(
        """
        ammattiliit*, ammattiyhdisty*, ay-liik*, liiton jäsen*, liittoon, kuuluu liittoon, lakkoili*,
        osallistui lakkoon, fackförbund*, facket, fackansl*, medlem i facket, union rep*, unionised,
        unionized, labour union*, labor union*, joined the union, union activist*,
        fackligt förtroendevald*, förtroendeman*, förtroendevald i facket
        """
    ),
    SEXUAL_ORIENTATION: _entries(
        """
        seksuaalis* suuntautu*, seksuaalisuu*, seksielämä*, seksuaalivähemmistö*, sateenkaariperhe*,
        transnai*, transmie*, trans, queer, hlbt*, hlbti*, lgbt*, sukupuolenkorjau*, sukupuolenvaihdo*,
        sukupuoli-identitee*, sexliv*, transperson*, könsbyte*, könskorriger*, regnbågsfamilj*, hbtq*, sex
        life, transsexual*, gender reassignment, same-sex partner*, sexuality,
        lesbisk*, bisexuell*
        """
    ),
    CRIMINAL: _entries(
        """
        rikosrekister*, rikostaust*, rikostuomi*, rikoshistori*, ~rikollis*, ~rikokse*, ~rikoksi*, ~rikosta,
        ~rikos, tuomitt*, tuomio, tuomion, tuomiota, tuomioita, tuomioon, tuomita, vankilatuomi*, vankeu*,
        ~vanki, ~vankina, ~vangin, ~vankeja, ~vangit, ~vankien, ~vankila*, vapautui vankilasta, vapautunut
        vankilasta, istunut vankilassa, ehdonalai*, yhdyskuntapalvelu*, valvontarangaistu*, sakkotuomi*, sai
        sakot, sakot, rattijuopu*, rattijuopo*, ~pahoinpitel*, ~varkau*, varasti, ~näpistel*, näpisti,
        ~petokse*, ~petos, kavalsi, kavallu*, syytteeseen, syytteen, syytetty*, syyttee*, ~rikosseuraamu*,
        straffregist*, brottsregist*, belastningsregist*, brottsl*, brott, brottet, dömd*, ~fängelse*,
        ~fånge, ~fången, ~fångar, villkorlig dom, villkorligt frigiven, skyddstillsyn*, samhällstjänst*,
        åtal*, kriminell*, rattfylleri*, ~misshandel*, ~stöld*, ~bedrägeri*, böter, criminal record*,
        criminal background, criminal history, conviction*, convicted, convict, ex-con*, ex-offender*,
        ~offender*, ~prison*, ~jail*, inmate*, incarcerat*, parole*, served time, served a sentence,
        sentenced, arrested, dui, drunk driving, ~theft, ~assault*, police record*
        """
    ),
    IMMIGRATION: _entries(
        """
        ~turvapaik*, oleskelulu*, oleskeluoikeu*, ~pakolai*, kiintiöpakolai*, paperiton, paperittom*,
        ~maahanmuuttaj*, maahanmuuttovira*, =Migri*, karkoitu*, karkotu*, karkotet*, käännyty*, käännytet*,
        ~vastaanottokesku*, tilapäinen suojelu, tilapäistä suojelu*, tilapäisen suojelu*, ~asylsök*, asyl,
        ~asylum*, uppehållstillstånd*, uppehållsrätt*, ~flykting*, kvotflykting*, papperslös*, utvis*,
        migrationsverket, ~förläggning*, tillfälligt skydd, residence permit*, ~refugee*, undocumented,
        deport*, immigration status, temporary protection, ~reception cent*, ~immigrant*
        """
    ),
}
"""The entries of each category (the module docstring says how each is read)."""

WORK_CONTEXT = _entries(
    """
    työ, töi, työsken, kanssa, parissa, hoit, hoiv, opet, ohja, kokemu, avust, asiakk, ryhmä, vartij,
    valvoj, kerho, leiri, vapaaehtoi, harjoittel, sijaisu, arbet, jobb, erfaren, vård, undervis, lärar,
    handled, volontär, praktik, work, job, experience, with, teach, care, caring, guard, officer, nurs,
    volunteer, tutor, nann, babysit, instruct, staff, employ, counsel, support, ehkäi, estä, torjun,
    prevent, förebygg, utred, tutki, investig, opin, opisk, studi, study, degree, security
    """
)
"""Word beginnings that make an ambiguous entry the field of someone's work ("kokemusta lasten kanssa")."""

_WORK = re.compile(rf"(?<!\w)(?:{'|'.join(WORK_CONTEXT)})", re.I)
_SENTENCE_END = re.compile(r"[.;!?\n]")

# Phrases the entries cannot say: a birthday to come ("Täyttää ensi vuonna 60", "fyller 60 i maj",
# "turns 60"), "Hän on yli 60"; a union's name with a word of membership ("PAMin jäsen", "kuuluu JHL:ään").
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        AGE,
        re.compile(
            r"(?<!\w)(?:täyttää|täytti|täyttänyt|täyttämässä|täyttäisi|fyller|fyllde|fyllt|turns?|turned|turning"
            r"|will\s+be)\s+(?:[^\W\d]+\s+){0,3}?(?:1[5-9]|[2-9]\d)(?!\d)(?![.,]\d)"
            r"(?!\s*(?:%|€|e\b|euro\w*|kpl|st\b|km|kg|h\b|tunti\w*|timm\w*|hours?|min\w*|henk\w*|hlö\w*|pers\w*"
            r"|people|vuotta\s+kokemusta|år\s+erfarenhet|years\s+of))"
            r"|(?<!\w)(?:hän|ehdokas|hakija|asiakas|työnhakija|han|hon|hen|sökanden|he|she|(?:the\s+)?candidate)"
            r"\s+(?:on|är|is)\s+(?:jo\s+|redan\s+|already\s+)?(?:yli|alle|lähes|melkein|noin|över|under|nästan"
            r"|cirka|over|under|almost|nearly|about)\s+(?:1[5-9]|[2-9]\d)(?!\d)(?!\s*(?:%|€|km|kg|h\b))",
            re.I,
        ),
    ),
    (
        TRADE_UNION,
        re.compile(
            r"(?:(?<!\w)(?:PAM|JHL|SAK|Akava|STTK|Tehy|SuPer|Metalliliit\w*|Rakennusliit\w*|Sähköliit\w*"
            r"|Teollisuusliit\w*|Unionen|IF\s+Metall|Kommunal)(?::?[a-zåäö]{1,4})?(?!\w)[^.;!?\n]{0,40}(?<!\w)(?i:jäsen\w*|member\w*"
            r"|medlem\w*|aktiivi\w*|aktiv)"
            r"|(?<!\w)(?i:jäsen\w*|member\w*|medlem\w*|kuuluu|kuului|belongs\s+to|tillhör)(?!\w)[^.;!?\n]{0,40}"
            r"(?<!\w)(?:PAM|JHL|SAK|Akava|STTK|Tehy|SuPer|Metalliliit\w*|Rakennusliit\w*|Sähköliit\w*"
            r"|Teollisuusliit\w*|Unionen|IF\s+Metall|Kommunal))(?!\w)"
        ),
    ),
)


def _entry_pattern(entry: str) -> str:
    """The regular expression of one entry (without its ``~``/``=`` marks)."""
    words = [re.escape(w.rstrip("*")) + (r"[\w-]*" if w.endswith("*") else r"(?!\w)") for w in entry.split()]
    return r"(?<!\w)" + r"\s+".join(words)


@cache
def _compiled() -> tuple[tuple[str, bool, re.Pattern[str]], ...]:
    """Per category and ambiguity, one pattern of its entries: (kind, ambiguous, pattern)."""
    out = []
    for kind, entries in TERMS.items():
        for ambiguous in (False, True):
            for sensitive in (False, True):
                chosen = [
                    e.lstrip("~=")
                    for e in entries
                    if e.startswith("~") == ambiguous and ("=" in e[:2]) == sensitive
                ]
                if chosen:
                    flags = 0 if sensitive else re.I
                    # longer entries first, so a phrase wins over its first word
                    alternatives = sorted(chosen, key=len, reverse=True)
                    joined = "|".join(_entry_pattern(e) for e in alternatives)
                    out.append((kind, ambiguous, re.compile(f"(?:{joined})", flags)))
    return tuple(out)


def _in_work_sentence(text: str, start: int, end: int) -> bool:
    """Whether the sentence around ``text[start:end]`` has a word of work (``WORK_CONTEXT``)."""
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    s = before[-1] if before else 0
    after = _SENTENCE_END.search(text, end)
    e = after.start() if after else len(text)
    sentence = text[s:start] + " " + text[end:e]
    return bool(_WORK.search(sentence))


def find_terms(text: str) -> list[tuple[str, int, int]]:
    """Each special-category wording in ``text``: (kind, start, end), in no particular order. ``kind`` is
    one of ``HEALTH``, ``AGE``, ``FAMILY``, ``RELIGION``, ``POLITICS``, ``TRADE_UNION``,
    ``SEXUAL_ORIENTATION``, ``CRIMINAL``, ``IMMIGRATION``. Health words that name the field of someone's
    work are not told apart here (the caller does, ``shared.pii._of_work``)."""
    found = []
    for kind, ambiguous, pattern in _compiled():
        for m in pattern.finditer(text):
            if ambiguous and _in_work_sentence(text, m.start(), m.end()):
                continue
            found.append((kind, m.start(), m.end()))
    for kind, pattern in _PATTERNS:
        found += [(kind, m.start(), m.end()) for m in pattern.finditer(text)]
    return found
