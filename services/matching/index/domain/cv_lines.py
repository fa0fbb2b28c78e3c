"""The occupations a CV or a coach's note names as the person's own work (issue 12, session 38,
helper `cv38`; outside tester 38, M1/M2).

In an ad the occupation named is the job hired for, and recognition sets it aside (its skills come
from the title). In a CV ("Kokki lounasravintolassa 2010-2022.", "Kock på lunchrestaurang
2010-2022.", "Cook at a lunch restaurant 2010-2022.", "Valmistunut lähihoitajaksi 2026.") it is
the person's experience: `named_work` returns each such occupation once, with the years the line
gives, so the coach can add it as a work-history row (the index infers the occupation's essential
skills from that row, evidence kind "inferred"). A line about studying for an occupation or wishing
for one ("Opiskelen leipuri-kondiittoriksi", "Haluan palata varhaiskasvatukseen", "Vill bli
busschaufför") names no experience and gives none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from services.matching.index.domain.cv_periods import LEAVE, NO_PERIOD, Period, added, period_of, span_bounds
from services.matching.index.domain.recognition_text import affirmed, words

NOT_HELD = re.compile(
    r"\b(?:"
    # Finnish: studying, graduating later, wishing, aiming
    # (verb forms only: "Opiskelijaruokalan kokki", "Tavoitteellinen myyjä", the name Toivonen are work)
    r"opiskel(?:en|ee|emme|evat|emassa|ija|ijana)|valmistun|valmistuu|valmistumassa|haluai?s\w*|haluan|"
    r"haluaa|toivo(?:n|isin|isi|vat|mme)|toiveeni|tavoittel\w*|tavoitteena|tavoitteeni|"
    r"suunnittele\w+\s+(?:alan|uraa)|kiinnost\w*|"
    # Swedish
    r"studera\w*|studier|vill|önska\w*|målet|siktar|tar\s+examen|ska\s+bli|kommer\s+att\s+bli|"
    # English
    r"studying|will\s+graduate|want\w*|wish\w*|would\s+like|hop(?:e|es|ing)\s+to|aim\w*|"
    r"interested"
    r")\b",
    re.I,
)
"""Words saying the person is not (yet) in the occupation the line names: studies, wishes, aims."""

_LED_IN_THE_PAST = re.compile(r"\b(?:johdin|johdimme|johti|johtanut|led|ledde|rekryterade)\b", re.I)


def speaks_of_leading(sentence: str) -> bool:
    """Whether a CV line says the person led, supervised or recruited people
    (`recognition.SUPERVISION_CUE`, and its past tenses a CV writes: "johdin siivoojia", "led a
    team", "ledde ett team"): the workers it names are those led, not the job held."""
    from services.matching.index.domain.recognition import SUPERVISION_CUE  # (it imports this module)

    return SUPERVISION_CUE.search(sentence) is not None or _LED_IN_THE_PAST.search(sentence) is not None


@dataclass(frozen=True)
class NamedWork:
    """An occupation the text names as the person's own (`uri`: ESCO occupation URI), in the
    sentence `source` (as written), with the sentence's `period` (`cv_periods.period_of`:
    "2010-2022": 12 years, ended 2022; "2018–nyt": the years to today, ongoing; none when it gives
    none: "Olen lähihoitaja.", "Valmistunut lähihoitajaksi 2026.")."""

    uri: str
    source: str
    period: Period = NO_PERIOD
    alternatives: tuple[str, ...] = ()
    """Occupations (URIs) the same title names as truly as `uri` ("Kuljettaja 2015-2020.": a goods,
    bus, courier or taxi driver): one job with a choice for the coach, never rows of their own."""

    @property
    def years(self) -> float | None:
        return self.period.years

    @property
    def ended_year(self) -> int | None:
        return self.period.ended_year


Mention = tuple[str, ...]
"""One job a CV line names: the URI of the occupation its title names most specifically, then
those it names as truly (the row's `alternatives`)."""


def named_work(
    parts: Sequence[str],
    occupations_in: Callable[[str], Sequence[str | Sequence[str]]],
    today: date,
    limit: int = 10,
    months: Mapping[str, int] | None = None,
) -> list[NamedWork]:
    """The occupations the sentences `parts` of a CV or coach's note (`cv_sentences`: a CV line
    whole) name as the person's own, in the text's order, each URI once (at most `limit`).
    `occupations_in(sentence)` gives the jobs a sentence names, each a `Mention` (a URI alone is a
    job of its own; e.g. `CvTitles.read`): one row per job, its occupation's URI first and the
    others it names as truly as the row's `alternatives` (outside tester 39, P1:
    "Linja-autonkuljettaja 2019–" is one bus driver's job, not four drivers' jobs at once). A
    sentence saying the person studies for, wishes or aims at an occupation (`NOT_HELD`) names none,
    nor what it says the person lacks or seeks (`recognition_text.affirmed`: "Ei kokemusta
    hitsaajana.", "Looking for work as a welder."; the lead's before-stop read, session 38).

    Each title takes the spans after it up to the next title (`per_title`: "Kokki 2010–2012,
    tarjoilija 2012–2015." two jobs of their own spans; "Lagerarbetare 2013–2016 och igen 2018–"
    one job of both, whatever words join them; tester 39b, Q4/Q5), read on `today` (the caller's
    clock) with the month names `months` (`cv_periods.period_of`). An occupation several lines
    name is one job whose spans add up, ended at the latest end or ongoing if any line's is
    (`cv_periods.added`; its `source` the lines joined by a line break; tester 39b, Q2)."""
    found: dict[str, NamedWork] = {}
    readings: list[list[tuple[list[Mention], Period]] | None] = []
    for sentence in parts:
        held = affirmed(sentence)  # "Ei kokemusta hitsaajana.", "Söker jobb som svetsare.": none held
        if NOT_HELD.search(sentence) or not re.search(r"\w", held):
            readings.append(None)
        else:
            readings.append(per_title(sentence, held, occupations_in, today, months))
    lent = lent_periods(parts, readings, today, months)
    for i, sentence in enumerate(parts):
        reading = readings[i] or []
        if i in lent:  # the period of a line of its own above or below (tester 39c, R3)
            k, period_line = lent[i]
            reading = [(jobs, period_line) for jobs, _ in reading]
            sentence = f"{sentence}\n{parts[k]}" if k > i else f"{parts[k]}\n{sentence}"
        for jobs, period in reading:
            offered: set[str] = set()  # a job's alternatives in these words: no rows of their own
            for uri, *others in dict.fromkeys(jobs):
                if uri in offered:
                    continue
                if uri in found:  # one job named again: its spans add up (tester 39b, Q2)
                    w = found[uri]
                    source = w.source if sentence in w.source.split("\n") else f"{w.source}\n{sentence}"
                    found[uri] = NamedWork(uri, source, added(w.period, period), w.alternatives)
                    offered.update(w.alternatives)
                elif len(found) < limit:
                    alternatives = tuple(u for u in dict.fromkeys(others) if u != uri and u not in found)
                    found[uri] = NamedWork(uri, sentence, period, alternatives)
                    offered.update(alternatives)
    # an occupation a line names as its own job is a row, never also another row's alternative
    # (the coach would accept it beside itself: two rows of one job)
    return [
        NamedWork(w.uri, w.source, w.period, tuple(u for u in w.alternatives if u not in found))
        if any(u in found for u in w.alternatives)
        else w
        for w in found.values()
    ]


_NOT_WORK_LINE = re.compile(
    r"(?<![^\W\d_])(?:"
    r"koulutu\w*|opinno\w*|opiskel\w*|tutkin\w*|\w*opisto\w*|\w*koulu\w*|lukio\w*|kurssi\w*|"
    r"työtö\w*|työttöm\w*|kotona|harrast\w*|"
    r"utbildning\w*|studie\w*|studera\w*|examen|\w*skola\w*|gymnasi\w*|kurs\w*|arbetslös\w*|hemma|"
    r"education|studies|studied|degree|school\w*|college|universit\w*|course\w*|"
    r"unemploy\w*|jobless|at\s+home|hobb\w*"
    r")(?![^\W\d_])",
    re.I,
)
"""Words of a line that is no job's period of its own: studies, a gap, home, hobbies ("2010–2013
Tampereen ammattiopisto", "Työttömänä 2023 lähtien", "KOULUTUS")."""
_PERIOD_LINE_WORDS = 6
"""Words besides its period a line of its own may have to lend it to a title ("2015–2022 Koiviston Auto")."""
_TITLE_LINE_WORDS = 8
"""Words a title's line may have to borrow a period ("Lähihoitaja, Kotihoito Oy"; not a note's prose)."""
_LINES_BETWEEN = 1
"""Lines (naming no job and no period: an employer, a place) between a title and its period's line."""


def lent_periods(
    parts: Sequence[str],
    readings: Sequence[Sequence[tuple[list[Mention], Period]] | None],
    today: date,
    months: Mapping[str, int] | None = None,
) -> dict[int, tuple[int, Period]]:
    """Title line index → (index of the line of its own that gives its period, that period), for
    titles on a line with no period of its own (outside tester 39c, R3: PDF exports of CVs lay them
    out so). `readings[i]`: `per_title`'s jobs of `parts[i]` ([] when it names none, None when it
    names no work held). A line of a period and at most `_PERIOD_LINE_WORDS` other words naming no
    job, no studies nor gap (`_NOT_WORK_LINE`) gives its period to the nearest title line above
    without one ("Bussinkuljettaja\n2015–2022 Koiviston Auto", "Lähihoitaja, Kotihoito Oy\n03/2018
    – nyt"), else to the one below ("2015–2022\nBus driver, Helsinki City Transport": the layout of
    Europass and of Finnish CV templates that put the dates first; only a line that opens with its
    period: "Vastuualueena 2012 alkaen myös tilaukset" is a note on the job above), with at most `_LINES_BETWEEN`
    line naming neither between (an employer's or a place's line). So a CV whose entries all put
    their dates above (or all below) their title reads each entry's own dates: a title already
    given a period takes no other."""

    def words_besides_period(i: int) -> int:
        rest, at = "", 0
        for a, b in span_bounds(parts[i], today, months):
            rest, at = rest + " " + parts[i][at:a], b
        return len(words(rest + " " + parts[i][at:]))

    def is_title_line(i: int) -> bool:
        reading = readings[i]
        return bool(reading) and all(p == NO_PERIOD for _, p in reading or ())

    def passable(i: int) -> bool:
        return (
            readings[i] == []
            and not span_bounds(parts[i], today, months)
            and not _NOT_WORK_LINE.search(parts[i])
        )

    lent: dict[int, tuple[int, Period]] = {}
    for k, line in enumerate(parts):
        if readings[k] != [] or not span_bounds(line, today, months):
            continue
        if _NOT_WORK_LINE.search(line) or words_besides_period(k) > _PERIOD_LINE_WORDS:
            continue
        if LEAVE.search(line):
            continue
        opens = not re.search(r"[^\W\d_]", line[: span_bounds(line, today, months)[0][0]])  # ("01/03/2015 –")
        for step in (-1, 1) if opens else (-1,):  # above first, then below (a line opening with it)
            i, between = k + step, 0
            while 0 <= i < len(parts) and between <= _LINES_BETWEEN and passable(i):
                i, between = i + step, between + 1
            if (
                0 <= i < len(parts)
                and between <= _LINES_BETWEEN
                and i not in lent
                and is_title_line(i)
                and len(words(parts[i])) <= _TITLE_LINE_WORDS
            ):
                lent[i] = (k, period_of(line, today, months))
                break
    return lent


_ABBREVIATED = re.compile(
    r"(?<![^\W\d_])(?:v|vv|n|ca|noin|esim|mm|ks|t\.ex|bl\.a|ung|e\.g|i\.e|approx|appr|abt|"
    r"pres|nyk|fortf|curr?|t\.\s*d|d\.\s*d)\.$",
    re.I,
)
"""Words a CV abbreviates with a full stop that ends no sentence ("v. 2008–2011", "n. 3 vuotta",
"esim. Kokki", "ca. 2015"), an open end's included ("2019–pres. Bus driver", "2019–nyk. Kokki";
tester 39c, R2)."""
_CV_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-ZÅÄÖ])")
_BULLET = re.compile(r"^[\s•·▪◦●■*>-]*")


def cv_sentences(text: str) -> list[str]:
    """The sentences of a CV or coach's note as its work history is read (tester 39b, Q1/Q6): a
    line break ends a CV line, and within a line only a full stop, "!" or "?" before a capital
    letter ends a sentence, not after an abbreviation (`_ABBREVIATED`: "v.", "vv.", "n.", "ca.");
    a dash, spaced or not, never does ("Kokki 2015 – nyt.", "Cook March 2015 – August 2019."), nor
    a full stop before a number ("v. 2008–2011"). A line's opening bullet or dash is dropped;
    empty lines are. Unlike `kernel.sentences` (an ad's split, which the items keep)."""
    out: list[str] = []
    for line in text.splitlines():
        line = " ".join(_BULLET.sub("", line).split())
        start = 0
        for m in _CV_SENTENCE_END.finditer(line):
            if not _ABBREVIATED.search(line[start : m.start()]):
                out.append(line[start : m.start()])
                start = m.end()
        out.append(line[start:])
    return [s for s in out if re.search(r"\w", s)]


_LEADING = re.compile(r"^[\s,;:/&+.()\[\]–—-]*(?:(?:ja|och|and|sekä|samt)\s+)?", re.I)


def per_title(
    sentence: str,
    held: str,
    occupations_in: Callable[[str], Sequence[str | Sequence[str]]],
    today: date,
    months: Mapping[str, int] | None = None,
) -> list[tuple[list[Mention], Period]]:
    """The jobs (`Mention`s) `sentence` names with the period of each: one rule, each title takes
    the spans after it up to the next title (the spans before the first title when the line opens
    with its period: "2015–2018 kokki, 2018–2020 tarjoilija"). A line of one span or none is read
    whole; so is one whose affirmed part `held` differs from it (a negation: positions differ).
    `occupations_in` is read once per piece between spans, so at most once per span and once more."""
    bounds = span_bounds(sentence, today, months) if held == sentence else []
    if len(bounds) < 2:
        jobs = _jobs(occupations_in(held))
        return [(jobs, period_of(sentence, today, months))] if jobs else []
    opening = sentence[: bounds[0][0]]
    first = not re.search(r"[^\W\d_]", opening) or not _jobs(occupations_in(_LEADING.sub("", opening)))
    cuts = [a for a, _ in bounds[1:]] if first else [b for _, b in bounds]  # period first, or title first
    edges = [0, *cuts, len(sentence)]
    pieces = [sentence[a:b] for a, b in pairwise(edges) if a < b]
    read = [
        (piece, _jobs(occupations_in(_LEADING.sub("", piece))) if re.search(r"[^\W\d_]", piece) else [])
        for piece in pieces
    ]
    groups: list[tuple[str, list[Mention]]] = []
    for piece, jobs in read:
        if first:  # a period then its title: a piece naming no title goes with the next one
            if groups and not groups[-1][1]:
                groups[-1] = (groups[-1][0] + piece, jobs)
            else:
                groups.append((piece, jobs))
        elif jobs or not groups:  # a title then its spans: a piece naming none goes with the one before
            groups.append((piece, jobs))
        else:
            groups[-1] = (groups[-1][0] + piece, groups[-1][1])
    return [(jobs, period_of(text, today, months)) for text, jobs in groups if jobs]


def _jobs(read: Sequence[str | Sequence[str]]) -> list[Mention]:
    return [j for j in ((j,) if isinstance(j, str) else tuple(j) for j in read) if j]


MAX_CAREER_YEARS = 60
"""Years a profile's work history may add up to (the profile service's `MAX_CAREER_YEARS`)."""


def profile_rows(found: Sequence[NamedWork], max_total: float = MAX_CAREER_YEARS) -> list[NamedWork]:
    """Those of `found` (in order) that a profile's `work_history` takes as they are: the period
    complete (years, and an end year or ongoing: `Period.complete`) and their years adding up to at
    most `max_total`, a later one left out when it would go over."""
    rows: list[NamedWork] = []
    total = 0.0
    for work in found:
        if work.period.complete and total + (work.years or 0) <= max_total:
            rows.append(work)
            total += work.years or 0
    return rows


_OPENERS = frozenset({"as", "som"})
"""Words after which a one-word English or Swedish title is the job held ("worked as a welder",
"arbetade som svetsare"), as at a line's opening ("Welder, engineering workshop, 2005-2019.")."""
_ARTICLES = frozenset({"a", "an", "en", "ett"})
_FI_ENDINGS = ("na", "nä", "ksi", "a", "ä", "n")
"""Finnish case endings of a title in a CV line: essive ("kassamyyjänä"), translative, partitive, genitive."""
_LOCAL_CASES = ("ssa", "ssä", "sta", "stä", "lta", "ltä", "lla", "llä")
"""Finnish local case endings: a word in them is where the person worked, not a title's word."""
_FI_GENERIC_HEADS = ("työntekijä",)
"""Finnish heads that say "a worker of" their modifier ("kassatyöntekijä": the till's worker)."""
_SV_HEAD = 5
"""The shortest head (letters) a Swedish compound title is read by ("butiks|säljare")."""
CV_LANGUAGES = ("fi", "sv", "en")
"""The languages a CV line's title is read in (`CvTitles.read`)."""

_PART = re.compile(r",|\||\s[-–—]\s|[–—]|(?<![^\W\d_])\d[\d./–—-]*(?![^\W\d_])")
"""Where a CV line's part begins that a title may open like the line: after a comma, a pipe or a
dash ("K-Market Hervanta, kassamyyjä 2010–2014", "Lidl – kassamyyjä"), or after a period's
digits ("Sep 2012 – May 2014 Cook, Amica"; tester 39c, R5/R6). Not after a colon or in brackets
("Suosittelija: työnjohtaja …", "(conscript driver)")."""


def _openings(sentence: str, n: int) -> frozenset[int]:
    """The positions among the `n` tokens of `sentence` (`words`) that open it or one of its parts
    (`_PART`); {0} when its parts do not split into those tokens."""
    opens, at = [], 0
    for part in _PART.split(sentence):
        if count := len(words(part)):
            opens.append(at)
            at += count
    return frozenset(opens) if at == n else frozenset({0})


_WHOLE, _HEAD = 0, 1
"""How specifically a title names its occupation: a label or glossary title matched whole
("linja-autonkuljettaja", "truck driver", "kassamyyjänä" is no label), or a compound read by its
head ("kassamyyjä" → myyjä, "butikssäljare" → säljare)."""


@dataclass(frozen=True)
class _Named:
    """A title found at tokens `start`..`end` (exclusive) naming the occupations `positions`
    (best first), read `how` (`_WHOLE` or `_HEAD`)."""

    start: int
    end: int
    how: int
    positions: tuple[int, ...]


MANY_LABELS = 20
"""Other occupations a one-word title heads labels of, beyond which, as no occupation's preferred label,
it names none ("supervisor": 280 English labels end with it, and it is only an oil refinery
control room operator's alternative label; "teacher": a politics lecturer's; session 40, R4)."""
NARROW_LABELS = 3
"""Other occupations a one-word title heads labels of, beyond which, as the alternative label of
one occupation alone whose preferred label it ends ("driver": the hearse driver's; "tutkija":
museotutkija's), it names none: a head word many occupations share, not that narrow one."""


def narrow_heads(
    exact: Mapping[str, set[int]],
    preferred: Mapping[str, set[int]],
    pref_keys: Sequence[str],
    compounds: bool = False,
) -> frozenset[str]:
    """The one-word labels (of `exact`: label key → occupation positions) that no occupation has as
    its preferred label (`preferred`) and that head many other occupations' labels, so that a CV
    line naming it alone ("Driver 2015–2020.", "Supervisor", "Tutkija") names no narrow occupation (outside
    tester 39c, R4: "Driver" read as ESCO's hearse driver): those heading labels of at least
    `MANY_LABELS` other occupations, and of at least `NARROW_LABELS` when only one occupation has
    it, one whose preferred label (`pref_keys[o]`) ends with it ("hearse driver"). A label heads another that
    ends with it as a word, or in Finnish (`compounds`) as a compound's head too ("kuljettaja" in
    "linja-autonkuljettaja"). A one-word preferred label names its broad occupation as before
    ("myyjä", "cook", "welder")."""
    candidates = {k for k in exact if " " not in k and k not in preferred}
    heads: dict[str, set[int]] = {}  # a candidate → the occupations of the labels it heads
    for key, positions in exact.items():
        last = key.rsplit(" ", 1)[-1]
        ends = {last} if " " in key else set()
        if compounds:
            ends.update(last[j:] for j in range(1, len(last) - 3))
        for end in ends & candidates:
            heads.setdefault(end, set()).update(positions)
    narrow = set()
    for key in candidates:
        positions = exact[key]
        if (n := len(heads.get(key, set()) - positions)) < NARROW_LABELS:
            continue
        if n >= MANY_LABELS or (len(positions) == 1 and pref_keys[next(iter(positions))].endswith(key)):
            narrow.add(key)
    return frozenset(narrow)


class CvTitles:
    """The ESCO occupations a CV line names by any preferred or alternative label in its own
    language, inflected as CVs write it (issue 12, helper `cvfix38`; outside tester 38b, N1/N2),
    or by a title of the job-title glossary (`glossary`: "truck driver", "städare", "säljare",
    "kuorma-autonkuljettaja"; outside tester 39, P4):
    English and Swedish titles of two words or more anywhere ("Warehouse worker at a logistics
    centre", "Worked as a bus driver"), of one word at the line's opening or after "as (a)"/"som"
    ("Welder, engineering workshop"; a Swedish compound by its head of 5 letters or more,
    "Butikssäljare" → säljare); a Finnish word (at the line's opening or in the essive or
    translative: "Kassamyyjä …", "Työskentelin kassamyyjänä …", "Valmistuin kokiksi") that is a
    title, or a compound whose head (5 letters or more) is one ("kassamyyjä" → myyjä), or whose
    generic head "työntekijä" follows a modifier that opens a preferred label in the genitive
    ("kassatyöntekijä" → kassanhoitaja). It reads only lines already known to be a CV's
    (`named_work`), where a title word is the person's work, not an ad's everyday word.

    `labels[lang][o]`, `alt_labels[lang][o]`: occupation o's preferred and alternative labels;
    `uris[o]` its URI; `lemmatise(word, lang)` a Finnish lemmatiser (None: case endings only);
    `glossary`: (language "fi", "fi-title", "sv" or "en", everyday title, its Finnish ESCO titles
    joined by "|") rows, `reference.load_title_glossary`'s. A label shared by several occupations
    names the one whose preferred label it is, else all that share it (at most `max_shared`; more
    names none); a glossary title names its occupations in its order, and goes before an
    alternative label that is no occupation's preferred one ("siivooja", "kuljettaja")."""

    def __init__(
        self,
        labels: Mapping[str, Sequence[str | None]],
        alt_labels: Mapping[str, Sequence[Sequence[str]]],
        uris: Sequence[str],
        lemmatise: Callable[[str, str], str] | None = None,
        max_shared: int = 3,
        glossary: Sequence[tuple[str, str, str]] = (),
    ) -> None:
        self.uris = tuple(uris)
        self.lemmatise = lemmatise
        self.max_shared = max_shared
        self.titles: dict[str, dict[str, tuple[int, ...]]] = {}
        self.preferred_fi: list[tuple[str, int]] = []
        self.narrow: dict[str, frozenset[str]] = {}
        preferred_keys: dict[str, set[str]] = {}
        for lang, prefs in labels.items():
            alts = alt_labels.get(lang, [])
            exact: dict[str, set[int]] = {}
            preferred: dict[str, set[int]] = {}
            for o, pref in enumerate(prefs):
                for label in (pref, *(alts[o] if o < len(alts) else ())):
                    key = " ".join(words(label or ""))
                    if key:
                        exact.setdefault(key, set()).add(o)
                        if label is pref:
                            preferred.setdefault(key, set()).add(o)
                            if lang == "fi" and "," not in (pref or ""):
                                self.preferred_fi.append((key, o))
            pref_keys = [" ".join(words(p or "")) for p in prefs]
            self.narrow[lang] = narrow_heads(exact, preferred, pref_keys, compounds=lang == "fi")
            shared = {k: tuple(sorted(preferred.get(k) or v)) for k, v in exact.items()}
            self.titles[lang] = {k: v for k, v in shared.items() if len(v) <= max_shared}
            preferred_keys[lang] = set(preferred)
        finnish = dict(self.titles.get("fi", {}))  # (a glossary's names are labels, narrow ones too)
        for lang, keys in self.narrow.items():  # a bare head word names no narrow occupation (R4)
            self.titles[lang] = {k: v for k, v in self.titles[lang].items() if k not in keys}
        for lang, title, names in glossary:
            # "fi-title": a Finnish title; "cv-…": an everyday title read in CV lines only (session 40)
            lang = "fi" if lang == "fi-title" else lang.removeprefix("cv-")
            key = " ".join(words(title))
            positions = tuple(
                dict.fromkeys(o for n in names.split("|") for o in finnish.get(" ".join(words(n)), ()))
            )
            if key and positions and key not in preferred_keys.get(lang, ()):
                self.titles.setdefault(lang, {})[key] = positions
        # (in any language: a line is also read in the others; a glossary title that is one,
        # "kuljettaja", "driver", is read whole in its own language first)
        self.narrow_words = frozenset(w for keys in self.narrow.values() for w in keys)
        self.longest = max((len(k.split(" ")) for t in self.titles.values() for k in t), default=1)

    def read(
        self,
        sentence: str,
        langs: Sequence[str],
        occupations_in: Callable[[str, str], Sequence[str]] | None = None,
    ) -> tuple[Mention, ...]:
        """The jobs a CV line `sentence` names (`__call__`), read in the first of `langs` in which
        it names any: the line's language when the caller gives it, else the detected one and then
        the others of `CV_LANGUAGES` (a short line's language is a guess: "Truck driver 2015–2020."
        reads as Swedish; outside tester 39, P4). `occupations_in(text, lang)`: another reader's
        URIs (the recogniser's)."""
        for lang in dict.fromkeys(langs):
            read = None if occupations_in is None else (lambda t, lang=lang: occupations_in(t, lang))
            if jobs := self(sentence, lang, read):
                return jobs
        return ()

    def __call__(
        self, sentence: str, lang: str, occupations_in: Callable[[str], Sequence[str]] | None = None
    ) -> tuple[Mention, ...]:
        """The jobs (`Mention`s) a CV line `sentence` (language `lang`: "fi", "sv" or "en") names,
        in the line's order, each occupation once; () when none. One title is one job (outside
        tester 39, P1), named by its most specific reading: a label or glossary title matched
        whole ("linja-autonkuljettaja", "kuorma-autonkuljettaja") before the reading of its head
        ("kuljettaja" → four drivers), the longest first; a true tie (a title several occupations
        share) is one job with the others after the first. `occupations_in(text)` (another
        reader's URIs, e.g. the recogniser's, which reads compounds by their head and vocational
        qualifications) reads the words no label or glossary title took, each word a job of its
        own, and goes before this reader's reading of a compound's head."""
        titles = self.titles.get(lang, {})
        tokens = words(sentence)
        opens = _openings(sentence, len(tokens))
        found: list[_Named] = []
        i = 0
        while i < len(tokens):
            for n in range(min(self.longest, len(tokens) - i), 1, -1):
                if hit := self._phrase(tokens[i : i + n], lang, titles):
                    found.append(_Named(i, i + n, _WHOLE, hit))
                    i += n
                    break
            else:
                if lang == "fi":
                    if named := self._finnish(tokens[i], i in opens, titles):
                        found.append(_Named(i, i + 1, *named))
                elif self._held_at(tokens, i, opens):
                    if hit := titles.get(tokens[i], ()):
                        found.append(_Named(i, i + 1, _WHOLE, hit))
                    elif lang == "sv" and (hit := self._swedish_head(tokens[i], titles)):
                        found.append(_Named(i, i + 1, _HEAD, hit))
                i += 1
        jobs: list[tuple[int, Mention]] = []
        if occupations_in is not None:
            whole = {t for f in found if f.how == _WHOLE for t in range(f.start, f.end)}
            # (a bare head word names no narrow occupation in the other reader either: `narrow_heads`)
            rest = [(k, w) for k, w in enumerate(tokens) if k not in whole and w not in self.narrow_words]
            if rest and (others := tuple(occupations_in(" ".join(w for _, w in rest)))):
                left = dict.fromkeys(others)
                # a line of leading or recruiting names the people led as such, not as the job held
                # ("Rekrytoin linja-autonkuljettajia": an HR person's; outside tester 39, P7)
                led = speaks_of_leading(sentence)
                for k, w in rest:
                    mine = tuple(u for u in occupations_in(w) if u in left)
                    for u in mine:
                        left.pop(u, None)
                    if mine and not (led and not self._held_in(tokens, k, lang)):
                        jobs.append((k, mine))
                        found = [f for f in found if not (f.how == _HEAD and f.start == k)]
                if left and not led:  # (a title of two words: "johdon assistenttina"; after the rest)
                    jobs.append((len(tokens), tuple(left)))
        jobs += [(f.start, tuple(self.uris[o] for o in f.positions)) for f in found]
        seen: set[str] = set()
        out: list[Mention] = []
        for _, job in sorted(jobs, key=lambda j: j[0]):
            if job[0] in seen:  # (the same job read again, less specifically)
                continue
            out.append(tuple(u for u in dict.fromkeys(job) if u not in seen))
            seen.update(job)
        return tuple(out)

    def _phrase(
        self, tokens: Sequence[str], lang: str, titles: Mapping[str, tuple[int, ...]]
    ) -> tuple[int, ...]:
        """The occupations (positions) a label of several words `tokens` is: as written, or in
        Finnish with its last word in a case other than a local one ("kuljettajana", "kuljettajaksi")."""
        *before, last = tokens
        keys = [last]
        if lang == "fi" and not last.endswith(_LOCAL_CASES):  # ("lastenhoitaja päiväkodissa" is no
            # "lastenhoitaja, päiväkoti": a place the person worked in, not the label's specialism)
            keys += [last[: -len(e)] for e in _FI_ENDINGS if last.endswith(e)]
            if self.lemmatise is not None:
                keys.append(self.lemmatise(last, "fi"))
        for key in dict.fromkeys(keys):
            if hit := titles.get(" ".join([*before, key])):
                return hit
        return ()

    @staticmethod
    def _held_at(tokens: Sequence[str], i: int, opens: frozenset[int] = frozenset({0})) -> bool:
        """Whether a one-word title at `tokens[i]` is the job held: the line or a part of it opens
        with it (`opens`: `_openings`), or it follows "as"/"som" (with an article between or not)."""
        if i in opens:
            return True
        before = tokens[i - 1]
        if before in _ARTICLES and i >= 2:
            before = tokens[i - 2]
        return before in _OPENERS

    @classmethod
    def _held_in(cls, tokens: Sequence[str], i: int, lang: str) -> bool:
        """Whether the word `tokens[i]` of a line in `lang` stands where a title is the job held:
        at the line's opening, in Finnish in the essive or translative ("kuljettajana"), in English
        or Swedish after "as"/"som" (`_held_at`)."""
        if lang == "fi":
            return i == 0 or tokens[i].endswith(("na", "nä", "ksi"))
        return cls._held_at(tokens, i)

    @staticmethod
    def _swedish_head(w: str, titles: Mapping[str, tuple[int, ...]]) -> tuple[int, ...]:
        """The occupations (positions) a Swedish compound names by its longest head of `_SV_HEAD`
        letters or more that is a title ("butikssäljare" → säljare, "nattstädare" → städare)."""
        for start in range(2, len(w) - _SV_HEAD + 1):
            if hit := titles.get(w[start:]):
                return hit
        return ()

    def _finnish(
        self, w: str, opening: bool, titles: Mapping[str, tuple[int, ...]]
    ) -> tuple[int, tuple[int, ...]] | None:
        """How and which occupations (positions) a Finnish word names: read at the line's
        opening, or in the essive or translative ("kassamyyjänä", "kokiksi"); None when none."""
        role = w.endswith(("na", "nä", "ksi"))
        if not (opening or role) or len(w) < 4:
            return None
        stems = [w, *(w[: -len(e)] for e in (*_FI_ENDINGS, "t") if w.endswith(e))]  # ("-t": a plural)
        if self.lemmatise is not None:
            stems.insert(1, self.lemmatise(w, "fi"))
        stems = [s for s in dict.fromkeys(stems) if len(s) >= 4]
        for stem in stems:
            if hit := titles.get(stem):
                return _WHOLE, hit
        if "-" in w:  # a double title, one job of both trades ("Hitsaaja-levyseppä"; tester 15, P10)
            *parts, last = w.split("-")
            end = self._finnish(last, True, titles)
            both = [titles.get(p, ()) for p in parts] + [end[1] if end and end[0] == _WHOLE else ()]
            if all(both):
                return _WHOLE, tuple(dict.fromkeys(o for hit in both for o in hit))
        for stem in stems:
            for start in range(3, len(stem) - 4):
                head, modifier = stem[start:], stem[:start]
                if head in _FI_GENERIC_HEADS:
                    opened = sorted(
                        (len(k), o)
                        for k, o in self.preferred_fi
                        if " " not in k and k.startswith(modifier + "n")
                    )
                    if opened:
                        return _HEAD, (opened[0][1],)
                    continue
                if hit := titles.get(head):
                    return _HEAD, hit
        return None
