"""The period a CV line gives for a job: years worked and the year it ended (issue 12, helper
`cvyears39`), in the shapes Finnish, Swedish and English CVs write it.

A span of years or months ("2015–2019", "2015-19", "1998–2003", "3/2015–8/2019", "1.3.2015–31.8.2019",
"maaliskuu 2015 – elokuu 2019", "kevät 2021 –", "vuodesta 2010 vuoteen 2015", "2010:stä 2015:een",
"från 2010 till 2015"), open to today ("2015–", "2015 –", "2019–nyt/nykyään", "2018–present",
"2019–nu", "sedan 2019", "since 2019", "vuodesta 2019", "2019 lähtien"), several spans of one job
("2019–2020, 2022–": added up), an end alone ("vuoteen 2015 asti", "until 2015", "fram till 2015":
the years are unknown) or a duration ("1,5 vuotta", "kolme vuotta", "två år", "two years": the end is
unknown). Today comes from the caller's clock (`today`), never from this module.

Why a rule of our own: the period grammar (a range, an open end, "asti" reading by the case of
the word before it) is what no small library reads in fi/sv/en; month names come from CLDR through
Babel at the edge (`months`, see `handlers.month_words`); dateparser would read single dates only,
and is heavy for a CV line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

MAX_YEARS = 60
"""Years of one job beyond which a period is no working life but a slip (as the profile's limit)."""


@dataclass(frozen=True)
class Period:
    """What a line says of a job's time: `years` worked (> 0, whole for a span of years, to a
    tenth from months or a duration) or None when unknown; `ended_year` (never after today's
    year) or None; `ongoing` when the job runs to today (then `ended_year` is None). A period is
    `complete` for a profile's work-history row when both are known: years, and an end or today.
    `spans`: the months its spans cover, as sorted disjoint [from, to) month numbers (year × 12 +
    month − 1; a span of years from January to January), () when it gives its years by no span
    (a duration): what `added` unites (not compared: two periods of equal years are equal)."""

    years: float | None = None
    ended_year: int | None = None
    ongoing: bool = False
    spans: tuple[tuple[int, int], ...] = field(default=(), compare=False)

    @property
    def complete(self) -> bool:
        return self.years is not None and (self.ongoing or self.ended_year is not None)


NO_PERIOD = Period()


def added(a: Period, b: Period) -> Period:
    """One job's periods from two lines ("Kokki 2005–2008" … "Kokki 2015–nyt"): the years added
    (those known; None when neither gives them), ended at the later end, ongoing when either is
    (tester 39b, Q2); when both give spans, the years of their union, as on one line (a line
    repeated, or "Kokki 2015–2019" beside "Kokki 2017–nyt", counts its months once; review39).
    Over `MAX_YEARS` years: the years are unknown (ask)."""
    spans: tuple[tuple[int, int], ...] = ()
    if a.spans and b.spans:
        spans = _union([*a.spans, *b.spans])
        years: float | None = sum(to - at for at, to in spans) / 12
    else:
        years = None if a.years is None and b.years is None else (a.years or 0) + (b.years or 0)
    if years is not None:
        years = round(years, 1) if years != int(years) else int(years)
        if years > MAX_YEARS:
            years = None
    ongoing = a.ongoing or b.ongoing
    ends = [e for e in (a.ended_year, b.ended_year) if e is not None]
    return Period(
        years, None if ongoing or not ends else max(ends), ongoing, spans if years is not None else ()
    )


def _union(intervals: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """[from, to) intervals merged where they overlap or touch, sorted."""
    merged: list[tuple[int, int]] = []
    for at, to in sorted(intervals):
        if merged and at <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], to))
        else:
            merged.append((at, to))
    return tuple(merged)


_Y4 = re.compile(r"(?<![\d,])(19[5-9]\d|20\d\d)(?::(?P<case>[a-zåäö]{1,4}))?(?!\d)", re.I)
"""A year of working life (1950–2099; 1899 is none), with a Finnish case ending ("2015:stä")."""
_BEFORE_MONTH = re.compile(r"(?:\b\d{1,2}[./]\s*)?\b(\d{1,2})\s*[./]\s*$")
"""A month written before its year: "3/2015", "03/2015", "3.2015", "1.3.2015", "01/03/2015" (Europass's
day/month/year; session 40)."""
_BEFORE_WORD = re.compile(r"\b([^\W\d_]+)\.?\s+$")
_DASH = r"(?:->|=>|-|–|—|‒|−|\.\.|→|⟶|⇒)"
"""Between a span's two ends: any dash, "..", or an arrow ("2019 → 2022", "2019->2022"; tester 39b, Q3)."""
_YEAR_MONTH = re.compile(r"([/-])(0[1-9]|1[0-2])(?![\d/.-]\d)")
"""A month written after its year: "2019/08", "2019-08" (tester 39b, Q9)."""
_YEAR_MONTH_SPAN = re.compile(
    r"\b(?:19|20)\d\d-(?:0[1-9]|1[0-2])\s*(?:[-–—→]|->)\s*(?:19|20)\d\d-(?:0[1-9]|1[0-2])\b"
)
"""A span of year-first months with a hyphen: "2010-11–2012-10" (so "2010-12" alone stays a span of years)."""
_OPEN = (
    r"(?:nyt|nykyään|nykyisin|nykyhetki\w*|tähän\s+päivään|toistaiseksi|jatkuu|edelleen|yhä|nyk|"
    r"nu|idag|i\s+dag|pågående|tills\s+vidare|fortfarande|fortf|"
    r"present|pres|now|today|current(?:ly)?|curr?|ongoing|(?:to\s+)?date|t\.\s*d)\b"
)
"""An open end: today written out, abbreviated with or without its full stop ("pres.", "nyk",
"fortf.", "cur.", "t.d.") or as "still" ("edelleen", "yhä", "fortfarande"; tester 39c, R2)."""
_SEP = re.compile(
    rf"^\s*(?:{_DASH}|\b(?:to|till|until|through|vuoteen)\b)\s*",
    re.I,
)
"""Between a span's two ends: "2015–2019", "2015 - 2019", "2015 to 2019", "2015 till 2019"."""
_BETWEEN = re.compile(r"\b(?:between|mellan)\s*$", re.I)
_SINCE_BEFORE = re.compile(
    r"\b(?:sedan|since|from|från|fr\.\s*o\.\s*m\.?|vuodesta|alkaen|starting)\s*$", re.I
)
_SINCE_AFTER = re.compile(r"^\s*(?:lähtien|alkaen|onwards|and\s+on|framåt)\b", re.I)
_UNTIL_BEFORE = re.compile(
    r"\b(?:until|till|up\s+to|through|fram\s+till|till\s+och\s+med|t\.\s*o\.\s*m\.?|vuoteen)\s*$", re.I
)
_AMBIGUOUS_AFTER = re.compile(r"^\s*(?:asti|saakka)\b", re.I)
"""A bare year before "asti"/"saakka": since or until by the case the writer left out."""
_ELATIVE = ("sta", "stä")
_ILLATIVE = ("een", "ään", "hin", "iin", "en", "än")

SEASONS = {
    # the month a season stands for in a span ("kevät 2021 –": from April 2021)
    "kevät": 4, "kevään": 4, "keväällä": 4, "keväästä": 4, "kevääseen": 4, "kevätlukukausi": 1,
    "kesä": 7, "kesän": 7, "kesällä": 7, "kesästä": 7, "kesään": 7,
    "syksy": 10, "syksyn": 10, "syksyllä": 10, "syksystä": 10, "syksyyn": 10, "syyslukukausi": 8,
    "talvi": 1, "talven": 1, "talvella": 1, "talvesta": 1, "talveen": 1,
    "vår": 4, "våren": 4, "sommar": 7, "sommaren": 7, "höst": 10, "hösten": 10, "vinter": 1, "vintern": 1,
    "spring": 4, "summer": 7, "autumn": 10, "fall": 10, "winter": 1,
}  # fmt: skip
"""Seasons in fi/sv/en (CLDR has no season names): the month each stands for."""

_NUMBER_WORDS = {
    "yksi": 1, "yhden": 1, "kaksi": 2, "kahden": 2, "kolme": 3, "kolmen": 3, "neljä": 4, "neljän": 4,
    "viisi": 5, "viiden": 5, "kuusi": 6, "kuuden": 6, "seitsemän": 7, "kahdeksan": 8, "yhdeksän": 9,
    "kymmenen": 10,
    "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9,
    "tio": 10,
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
"""Number words a CV writes a duration with, one to ten (larger ones are written in digits)."""
_DURATION = re.compile(
    r"(?<![\w.,])(?<![\w.,][-–—])(?<!^[-–—])(?<!\s[-–—])(?:(?P<half>puoli|half\s+an?|ett\s+halvt?|en\s+halv)|(?P<n>\d{1,2}(?:[.,]\d)?|"
    + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
    + r")(?:\s*(?P<plus_half>½|och\s+ett\s+halvt|and\s+a\s+half))?)\s*-?\s*"
    r"(?P<unit>vuotta|vuoden|vuosi|vuodet|v\.?|år|året|years?|yrs?|"
    r"kuukautta|kuukauden|kuukausi|kk|månader|månad|months?)(?![\w-])"
    r"(?!\s+(?:vanha|old|gammal|ikäinen))",
    re.I,
)
"""A duration: "1,5 vuotta", "kolme vuotta", "två år", "two years", "6 kk", "puoli vuotta" (not an age)."""


@dataclass(frozen=True)
class _Point:
    start: int  # where its month or season begins in the line
    end: int
    year: int
    month: int | None
    case: str  # its Finnish case ending, lower case ("" for none)
    word: str = ""  # its month's or season's word, lower case ("maaliskuusta")


_Span = tuple[_Point, "_Point | None", int, int]
"""(start, end or None: today, its first and last character in the line)."""


def span_bounds(sentence: str, today: date, months: Mapping[str, int] | None = None) -> list[tuple[int, int]]:
    """(first, last) character positions in `sentence` of each span or start it gives ("Kokki
    2010–2012, tarjoilija 2012–2015.": two), in its order: where one job's period ends and the
    next title may begin (`cv_lines.named_work`)."""
    return [(first, last) for _, _, first, last in _spans(sentence, today, months or {})]


def period_of(sentence: str, today: date, months: Mapping[str, int] | None = None) -> Period:
    """The `Period` of the job in `sentence` (a CV line, or the part of one that follows a title up
    to the next: `cv_lines.named_work`), read on the day `today` (the caller's clock): its spans
    added up as their union, whatever words join them ("2019–2020, 2022–", "2013–2016 och igen
    2018–": 1 + the years since 2022, ongoing; "2000–2010,
    2005–2015": 15) less a leave one names (`LEAVE`: "Kokki 2010–2020 (hoitovapaalla 2014–2016)",
    "(parental leave …)", "(föräldraledig …)", "(armeija …)": 8, not 10; tester 39c, R8; part-time
    counts whole), else a start ("sedan 2019": ongoing) or an end ("vuoteen 2015 asti": ended
    2015, years unknown), with a duration ("1,5 vuotta": 1.5) for the years a span does not give.
    `months`: lower-case month names and abbreviations (fi/sv/en) → 1–12; a Finnish name is read
    in any case ("maaliskuussa"); None or {}: months in digits only. A span that ends before it
    starts, starts after `today`, or runs over `MAX_YEARS` gives no years (`NO_PERIOD`); an end
    after this year means the job goes on (a fixed term running to 2027: ongoing)."""
    spans = _spans(sentence, today, months or {})
    if spans:
        return _grouped(spans, today, _leave(sentence, spans))
    points = _points(sentence, months or {})
    duration = _duration(sentence)
    for p in points:
        before, after = sentence[: p.start], sentence[p.end :]
        if _UNTIL_BEFORE.search(before) or (p.case.endswith(_ILLATIVE) and _AMBIGUOUS_AFTER.match(after)):
            if p.year > today.year:
                return Period(duration, None, ongoing=True)
            return Period(duration, p.year)
    return Period(duration) if duration is not None else NO_PERIOD


def _spans(sentence: str, today: date, months: Mapping[str, int]) -> list[_Span]:
    points = _points(sentence, months)
    spans: list[_Span] = []
    used: set[int] = set()
    for i, p in enumerate(points):
        if i in used:
            continue
        after = sentence[p.end :]
        sep = _SEP.match(after)
        since = (
            bool(_SINCE_BEFORE.search(sentence[: p.start]))
            or p.case.endswith(_ELATIVE)
            or p.word.endswith(_ELATIVE)
        )
        if (
            sep is None
            and since
            and i + 1 < len(points)
            and not sentence[p.end : points[i + 1].start].strip()
        ):
            sep = re.match(r"\s*", after)  # "2010:stä 2015:een", "maaliskuusta 2015 elokuuhun 2019"
        if sep is None and _BETWEEN.search(sentence[: p.start]):  # "between 2015 and 2019", "mellan … och …"
            sep = re.match(r"\s+(?:and|och|ja)\s+", after, re.I)
        if sep is not None:
            rest = p.end + sep.end()
            tail = sentence[rest:]
            dash = bool(re.match(rf"\s*{_DASH}", after))
            if i + 1 < len(points) and points[i + 1].start == rest:
                spans.append((p, points[i + 1], p.start, points[i + 1].end))
                used.add(i + 1)
                continue
            if (short := re.match(r"(\d\d)(?!\d|[/.]\d)", tail)) and (q := _two_digit(p, short[1], today)):
                spans.append((p, q, p.start, rest + 2))  # "2015-19", "1998–03"
                continue
            if word := re.match(_OPEN + r"\.?", tail, re.I):
                spans.append((p, None, p.start, rest + word.end()))  # "2019–nyt", "2019–pres. Cook"
                continue
            if dash and re.match(r"\s*(?:$|[.,;:)(\[])", tail):
                spans.append((p, None, p.start, rest))  # "2019–nyt", "2015 to present", "2015–", "2015 – (…)"
                continue
            if dash and sep.group() != sep.group().rstrip() and re.match(r"[^\W\d_]", tail):
                spans.append((p, None, p.start, rest))  # "2015 – Ravintola Aalto" (not "2010-luvulla")
                continue
        if since or _SINCE_AFTER.match(after):
            spans.append((p, None, p.start, p.end))
    return spans


def _points(sentence: str, months: Mapping[str, int]) -> list[_Point]:
    points = []
    for m in _Y4.finditer(sentence):
        start, month, said, end = m.start(), None, "", m.end()
        before = sentence[: m.start()]
        if (ym := _YEAR_MONTH.match(sentence, m.end())) and (
            ym[1] == "/" or ym[2][0] == "0" or _YEAR_MONTH_SPAN.search(sentence)
        ):  # "2019/08", "2019-08"; "2010-12" a span unless the line writes its months so
            month, end = int(ym[2]), ym.end()
        elif (digits := _BEFORE_MONTH.search(before)) and 1 <= int(digits[1]) <= 12:
            start, month = digits.start(), int(digits[1])
        elif word := _BEFORE_WORD.search(before):
            month = _month(word[1].lower(), months)
            if month is not None:
                start, said = word.start(), word[1].lower()
        points.append(_Point(start, end, int(m[1]), month, (m["case"] or "").lower(), said))
    return points


def _month(word: str, months: Mapping[str, int]) -> int | None:
    if (m := months.get(word)) is not None or (m := SEASONS.get(word)) is not None:
        return m
    if "kuu" in word[3:]:  # a Finnish month in any case: "maaliskuussa", "elokuuhun"
        return months.get(word[: word.index("kuu", 3) + 3])
    return None


def _two_digit(start: _Point, digits: str, today: date) -> _Point | None:
    """The end of "2015-19" or "1998-03": the year of the start's century, or of the next one when
    smaller; None when that is after this year ("2015-03": a month, not 2103)."""
    year = start.year // 100 * 100 + int(digits)
    if year < start.year:
        year += 100
    return _Point(0, 0, year, None, "") if year <= today.year else None


LEAVE = re.compile(
    r"(?<![^\W\d_])(?:(?:äitiys|isyys|vanhempain|hoito|perhe|opinto|virka|vuorottelu|sairaus)"
    r"(?:loma|vapaa)(?!\w*sijai)\w*|armeija\w*|varusmies\w*|siviilipalvelus\w*|asepalvelus\w*|"
    r"(?:föräldra|mamma|pappa|tjänst|studie)ledig\w*|värnplikt\w*|civiltjänst\w*|sjukskriv\w*|"
    r"(?:parental|maternity|paternity|sick|study)\s+leave|leave\s+of\s+absence|on\s+leave|"
    r"military\s+service|civil(?:ian)?\s+service)",
    re.I,
)
"""A leave or service named before a span inside a job's ("hoitovapaalla", "äitiysloma",
"parental leave", "föräldraledig", "armeija"; not a leave's cover: "äitiyslomasijaisena")."""


def _leave(sentence: str, spans: list[_Span]) -> list[bool]:
    """For each of `spans`, whether the words between the span before it and it name a leave
    (`LEAVE`); none when every span would be one (a line about the leave itself)."""
    ends = [0, *(last for _, _, _, last in spans)]
    leave = [bool(LEAVE.search(sentence[ends[i] : first])) for i, (_, _, first, _) in enumerate(spans)]
    return leave if not all(leave) else [False] * len(spans)


def _grouped(spans: list[_Span], today: date, leave: list[bool] | None = None) -> Period:
    """The spans of one job added up as their union, in months when any gives months ("2019–2020,
    2022–"; "2000–2010, 2005–2015": 15, not 20); `NO_PERIOD` when one has not begun or runs
    backwards. A span of years counts end − start ("2015–2019": 4); a span of months both ends
    ("1/2015–12/2019": 5.0). `leave[i]`: the i-th span is a leave, its time taken off the others'
    (its end neither ends nor opens the job).

    Each end is read at the precision the line writes it, as a coach reads it: a month from its
    first day (start) or through its last (end); a bare start year from its January; a bare end
    year after a month start through its December ("3/2015–2019": March 2015 – December 2019, 4.8;
    "2015–8/2019": January 2015 – August 2019, 4.7); a span of two bare years end − start, the CVs'
    and the profile's whole years ("2015–2019": 4), on a line of months too."""
    now = (today.year, today.month)
    ended, ongoing = 0, False
    by_month = any(  # (an end's month too: "2015–8/2019" is 4.7 years, not 4)
        start.month is not None or (end is not None and end.month is not None) for start, end, _, _ in spans
    )
    intervals: list[tuple[int, int]] = []  # [from, to) in months (by_month) or years
    last_month: int | None
    away: set[int] = set()  # months (by_month) or years on leave
    for k, (start, end, _, _) in enumerate(spans):
        if leave and leave[k]:
            if end is None or (end.year, end.month or 1) > now:
                until = (today.year, today.month)  # a leave still going on
            else:
                # (a bare end year after a month start through its December, as a job's span)
                until = (end.year, end.month if end.month is not None else 12 if start.month else 0)
            if by_month:
                a_, b_ = start.year * 12 + (start.month or 1) - 1, until[0] * 12 + until[1]
            else:
                a_, b_ = start.year, until[0]
            away.update(range(a_, b_))
            continue
        if (start.year, start.month or 1) > now:
            return NO_PERIOD  # a job not begun yet ("2027–", "12/2026–" in June 2026)
        if end is None or (end.year, end.month or 1) > now:
            ongoing = True  # open, or an end after today: a fixed term still running
            last, last_month, inclusive = today.year, today.month, 0
        else:
            last, last_month, inclusive = end.year, end.month, 1
            ended = max(ended, end.year)
        if last < start.year:
            return NO_PERIOD  # a span running backwards ("2019–2015")
        if by_month:
            a = start.year * 12 + (start.month or 1) - 1
            if last_month is not None:
                b = last * 12 + last_month - 1 + inclusive
            elif start.month is not None and inclusive:
                # a bare end year after a month: to its December, as a coach reads "3/2015–2019"
                # (4.8 years, not 3.8), but never past today; a span of two bare years counts
                # end − start beside months as alone ("2015–2019, 3/2020–5/2021": 4 + 1.3)
                b = min(last * 12 + 12, today.year * 12 + today.month)
            else:
                b = last * 12
            if b < a:
                return NO_PERIOD
            intervals.append((a, max(b, a + 1)))
        else:
            intervals.append((start.year, max(last, start.year + 1)))
    worked: set[int] = set()  # (overlapping spans count once)
    for a, b in intervals:
        worked.update(range(a, b))
    total = len(worked - away)
    years = total / 12 if by_month else float(total)
    if years > MAX_YEARS:
        return NO_PERIOD
    years = round(years, 1) if years != int(years) else int(years)
    months = _union([(a, b) if by_month else (a * 12, b * 12) for a, b in intervals])
    return Period(years or 0.1, None if ongoing else ended, ongoing, months)


def _duration(sentence: str) -> float | None:
    """Years of the first duration in `sentence` ("1,5 vuotta": 1.5, "6 kk": 0.5), to a tenth and at
    least 0.1 ("puoli kk"), None when none."""
    m = _DURATION.search(sentence)
    if m is None:
        return None
    n = _duration_years(m)
    joint = _AND_MONTHS.match(sentence, m.end())
    more = _DURATION.match(sentence, joint.end() if joint else m.end())
    if more is not None and not _in_months(m) and _in_months(more):
        n += _duration_years(more)  # "3 v 6 kk", "3 vuotta 6 kuukautta", "2 years and 3 months": 3.5
    if not 0 < n <= MAX_YEARS:
        return None
    # at least 0.1, as a span's: "puoli kk" (0.04 years) rounded to 0.0, no time worked (review39)
    return max(round(n, 1), 0.1) if n != int(n) else int(n)


_AND_MONTHS = re.compile(r"[\s,]*(?:(?:ja|och|and)\s+)?", re.I)


def _in_months(m: re.Match[str]) -> bool:
    return m["unit"].lower().startswith(("kuuka", "kk", "mån", "month"))


def _duration_years(m: re.Match[str]) -> float:
    if m["half"]:
        n = 0.5
    else:
        raw = m["n"].lower()
        n = float(raw.replace(",", ".")) if raw[0].isdigit() else float(_NUMBER_WORDS[raw])
        if m["plus_half"]:
            n += 0.5
    return n / 12 if _in_months(m) else n
