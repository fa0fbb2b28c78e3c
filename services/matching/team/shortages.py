"""Labour-shortage occupations per region and period: the operator's table and its validation. The
rule that says whether a vacancy is a shortage role (``ShortageBook``) and the periods and levels it
reads are the shared kernel's (``services.kernel.shortages``), which the vacancy service applies too.

Pure Python (no Flask, SQL or Kafka): ``read_shortage_table`` checks a whole table and either returns
every list in it or raises ``ShortageCsvError`` with the reasons per line, so a bad file imports
nothing. A row that is well formed but cannot be used — an ISCO-08 unit group that has no ESCO
occupation (3221 nursing associate professionals), a note below the table ("Lähde: …") — is skipped
with a warning naming its line, and the rest imports (outside tester 26, F4/F7). Two shapes are read (docs/meeting.md, data/barometer/README.md): the project's own columns
(``occupation, region, period, level``) and the Labour Force Barometer's export (occupation with its
ISCO-08 code, region name or code in Finnish or Swedish, month or half-year, the five-step rating as
text or 1–5), with column names in Finnish, Swedish or English.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from services.kernel.shortages import (
    MAX_YEAR,
    MIN_YEAR,
    NATIONAL,
    SHORTAGE_LEVELS,
    Level,
    Period,
    ShortageBook,
)
from services.kernel.texts import N_
from services.matching.team.cells import error_reasons
from shared.geography import fold
from shared.tables import Table, TableError, excel_date, read_table

COLUMNS = ("occupation", "region", "period", "level")
ESCO_OCCUPATION = "http://data.europa.eu/esco/occupation/"
ISCO = re.compile(r"^\d{1,4}$")


class OccupationCatalogue(Protocol):
    """What parsing needs of the ESCO taxonomy."""

    def has_occupation(self, uri: str) -> bool: ...

    def occupations_in_isco(self, code: str) -> Sequence[str]: ...

    def isco_label(self, code: str) -> str | None:
        """ISCO-08's English label of a group (1–4 digits, data/isco), None for no such group."""
        ...


RegionResolver = Callable[[str], str]
"""Region text (id, Finnish or Swedish name, maakunta code) → region id; ``ValueError`` if unknown."""

AreaReader = Callable[[str], "tuple[str, str] | None"]
"""An office area's name ("Pirkanmaan TE-toimisto") → (region id, line warning), None when the text
names no such area; ``ValueError`` saying why for one that is no region's (``shared.office_areas``)."""


class ShortageCsvError(ValueError):
    """A shortage file breaks the format; ``errors`` maps a line number (1 = header) to reasons."""

    def __init__(self, errors: Mapping[int, list[str]]) -> None:
        self.errors = dict(sorted(errors.items()))
        super().__init__("; ".join(f"line {n}: {', '.join(r)}" for n, r in self.errors.items()))


# -- the name beside an ISCO code ------------------------------------------------------------------
_NAME_PARTS = re.compile(r"\s*(?:,|;|/|&|\+|\bja\b|\btai\b|\boch\b|\beller\b|\band\b|\bor\b)\s*")


def _name_forms(name: str) -> set[str]:
    """Folded keys a group's name may be written as: the whole name and each part of a list
    ("Hitsaajat ja kaasuleikkaajat" → "hitsaajat", "kaasuleikkaajat"), each also with its words in
    the singular as ESCO writes occupations: Finnish "-t" ("lähihoitajat" → "lähihoitaja"), Swedish
    "-or" ("undersköterskor" → "undersköterska"), English "-s" ("welders" → "welder")."""
    whole = fold(name).strip(" .:-–")
    forms: set[str] = set()
    for part in {whole, *_NAME_PARTS.split(whole)}:
        part = part.strip(" .:-–()")
        if len(part) < 3:
            continue
        forms.add(part)
        words = part.split()
        singular = [
            w[:-2] + "a"
            if w.endswith("or") and len(w) > 4
            else w[:-1]
            if w.endswith(("t", "s")) and len(w) > 3
            else w
            for w in words
        ]
        forms.add(" ".join(singular))
    return forms


class IscoTables(Protocol):
    """The columns of the compiled taxonomy ``GroupNames.of`` reads (``TaxonomyTables``)."""

    @property
    def isco_codes(self) -> Sequence[str]: ...

    @property
    def isco_labels(self) -> Sequence[str]: ...

    @property
    def occupation_isco(self) -> Sequence[str]: ...

    @property
    def occupation_labels(self) -> Mapping[str, Sequence[str]]: ...


@dataclass(frozen=True)
class GroupNames:
    """Which ISCO-08 groups a name written beside a code names, from ISCO-08's group labels and ESCO's
    occupations' preferred labels (outside tester 19, P8: "5322 Lähihoitajat" was imported as 5322,
    home-based personal care workers, while lähihoitajat are 5321). ESCO's alternative labels are not
    read: ESCO lists "lähihoitaja" among the alternative labels of 5322's home care aide.
    ``groups``: folded name → the codes it names; ``labels``: code → how a message names the group
    (ISCO label, then ESCO preferred labels). Build with ``GroupNames.build``."""

    groups: Mapping[str, frozenset[str]]
    labels: Mapping[str, tuple[str, ...]]

    @classmethod
    def build(
        cls, isco_labels: Iterable[tuple[str, str]], occupations: Iterable[tuple[str, Iterable[str]]]
    ) -> GroupNames:
        """``isco_labels``: (code of 1–4 digits, English label, as in data/isco); ``occupations``:
        (an ESCO occupation's 4-digit ISCO code, its preferred labels in any language)."""
        groups: dict[str, set[str]] = {}
        labels: dict[str, list[str]] = {}
        for code, label in isco_labels:
            if label:
                groups.setdefault(fold(label), set()).add(code)
                labels.setdefault(code, []).insert(0, label)
        for code, preferred in occupations:
            for label in preferred:
                if label:
                    groups.setdefault(fold(label), set()).add(code)
                    labels.setdefault(code, []).append(label)
        return cls(
            {k: frozenset(v) for k, v in groups.items()},
            {k: tuple(dict.fromkeys(v)) for k, v in labels.items()},
        )

    @classmethod
    def of(cls, tables: IscoTables) -> GroupNames:
        """From the taxonomy: ISCO-08's English group labels (data/isco) and each ESCO occupation's
        Finnish and English preferred labels (data/esco). About 0.3 s; build once per process."""
        fi = tables.occupation_labels.get("fi") or ("",) * len(tables.occupation_isco)
        return cls.build(
            zip(tables.isco_codes, tables.isco_labels, strict=True),
            zip(tables.occupation_isco, zip(fi, tables.occupation_labels["en"], strict=True), strict=True),
        )

    def other_groups(self, code: str, name: str) -> list[str] | None:
        """The codes ``name`` names instead of ``code``, or None when it names ``code``'s group (or a
        group above or below it), or no group known here (a name this data lacks is not refused)."""
        forms = _name_forms(name)

        def related(other: str) -> bool:
            return other.startswith(code) or code.startswith(other)

        named = {c for f in forms for c in self.groups.get(f, ())}
        if not named or any(related(c) for c in named):
            return None
        return sorted(named)

    def described(self, code: str, name: str = "", most: int = 3) -> str:
        """``code`` with up to ``most`` of its names, those that ``name`` matches first, for a message:
        "5321 (Health care assistants; lähihoitaja; …)"."""
        forms = _name_forms(name) if name else set()
        names = sorted(self.labels.get(code, ()), key=lambda label: fold(label) not in forms)
        return f"{code} ({'; '.join(names[:most])})" if names else code


# -- periods -----------------------------------------------------------------------------------------
_SEASONS = {
    # the barometer is assessed twice a year: spring edition → first half, autumn edition → second
    **dict.fromkeys(("kevat", "var", "spring"), 1),
    **dict.fromkeys(("syksy", "host", "autumn", "fall"), 2),
}
_HALF = re.compile(r"^(\d{4})\s*[-/ ]?\s*h\s*([12])$|^h\s*([12])\s*[-/ ]?\s*(\d{4})$")
_ROMAN = re.compile(r"^(\d{4})\s*[-/ ]\s*(i{1,2})$|^(i{1,2})\s*[-/ ]\s*(\d{4})$")
#: A word and a year, either way round, with a space, slash, hyphen or full stop between:
#: "syksy 2026", "syksy/2026", "joulukuu 2026", "dec. 2026", "december-2026", "2026 december"
_WORD_YEAR = re.compile(r"^([a-z]+)\.?\s*[-/. ]\s*(\d{4})$|^(\d{4})\s*[-/. ]\s*([a-z]+)\.?$")
#: The languages whose month names a period may be written with (the services' languages).
MONTH_LANGUAGES = ("fi", "sv", "en")
_MONTHS: dict[str, int] = {}


def month_names() -> dict[str, int]:
    """Month name → month number (1–12), folded (``fold``): the wide names of CLDR through Babel
    (BSD-3-Clause; already a dependency through flask-babel) in Finnish, Swedish and English, in
    both contexts ("joulukuu", "joulukuuta", "december", "December"), their abbreviations in Swedish
    and English ("dec", "Dec"; a full stop is read past) and in Finnish with the "k" of "kuu"
    ("jouluk"). Finnish abbreviations without it are left out: "kesä" (summer), "syys" and "joulu"
    (Christmas) are words of their own. Computed once; no month name is typed here."""
    if not _MONTHS:
        from babel.dates import get_month_names

        for language in MONTH_LANGUAGES:
            for width in ("wide", "abbreviated"):
                for context in ("format", "stand-alone"):
                    for number, name in get_month_names(width, context, language).items():
                        key = fold(name).rstrip(".")
                        if width == "abbreviated" and language == "fi":
                            key += "k"
                        _MONTHS.setdefault(key, number)
    return _MONTHS


_MONTH = re.compile(r"^(\d{4})\s*(?:m|-|/)\s*(\d{1,2})$|^(\d{1,2})\s*[/.-]\s*(\d{4})$")
_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ]0?0:00(?::00)?)?$")
# Finnish Excel saves a date cell as d.m.yyyy in CSV (1.12.2026, 01.12.2026 0:00)
_FI_DAY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+0?0[:.]00(?:[:.]00)?)?$")


def parse_period(text: str) -> Period:
    """``2026H2``, ``H2/2026``, ``2026/II``, ``syksy 2026``, ``höst/2026`` (half-years);
    ``2026-03``, ``2026M03``, ``03/2026``, a month's name in Finnish, Swedish or English with the
    year (``maaliskuu 2026``, ``maaliskuuta 2026``, ``maalisk. 2026``, ``mars 2026``, ``March 2026``,
    ``Mar 2026``, ``2026 March``: ``month_names``, CLDR's through Babel; outside tester 26, T26-11),
    and a date on the 1st: ``2026-03-01`` or Finnish Excel's
    ``1.3.2026`` (months; outside tester 15, P14: the .xlsx date cell was read, the same sheet saved as
    CSV was refused), or Excel's serial number of such a date (``46082`` = 1.3.2026: a date cell
    formatted as a number, or a CSV saved from one; outside tester 26, F6), any case. A date on
    another day is refused saying so.
    Raises ``ValueError`` saying what a period looks like."""
    raw = " ".join(str(text).split())
    key = fold(raw)
    try:
        if m := _HALF.match(key):
            return Period(int(m[1] or m[4]), int(m[2] or m[3]))
        if m := _ROMAN.match(key):
            return Period(int(m[1] or m[4]), len(m[2] or m[3]))
        if m := _WORD_YEAR.match(key):
            word, year = m[1] or m[4], int(m[2] or m[3])
            if word in _SEASONS:
                return Period(year, _SEASONS[word])
            if (month := month_names().get(word)) is not None:
                return Period(year, month=month)
        if m := _MONTH.match(key):
            return Period(int(m[1] or m[4]), month=int(m[2] or m[3]))
        day = _DAY.match(key) or _FI_DAY.match(key)
        if day is not None:
            iso = day.re is _DAY
            year, month, dom = (int(day[1 if iso else 3]), int(day[2]), int(day[3 if iso else 1]))
            try:
                date(year, month, dom)
            except ValueError:
                raise ValueError(
                    N_("%(value)s is not a date; a period is a half-year like 2026H2 or a month like 2026-03")
                    % {"value": raw}
                ) from None
            if dom == 1:
                return Period(year, month=month)
            raise ValueError(
                N_(
                    "a date stands for its month only on the 1st (1.%(month)s.%(year)s or %(year)s-%(mm)s-01 "
                    "is %(year)s-%(mm)s); a period is a half-year like 2026H2 or a month like 2026-03"
                )
                % {"month": month, "mm": f"{month:02d}", "year": year}
            )
        serial = excel_date(raw)
        if serial is not None:  # a date cell saved as its number (outside tester 26, F6)
            if serial.day == 1:
                return Period(serial.year, month=serial.month)
            raise ValueError(
                N_(
                    "%(value)s is Excel's serial number of the date %(day)s; a date stands for its month "
                    "only on the 1st; a period is a half-year like 2026H2 or a month like 2026-03"
                )
                % {"value": raw, "day": f"{serial.day}.{serial.month}.{serial.year}"}
            )
    except ValueError:
        raise  # the kernel's reason; the caller names the text ("Bad period '2026H3': …")
    raise ValueError(
        N_(
            "a period is a half-year like 2026H2 (also H2/2026, 2026/II, syksy 2026, höst 2026) or a "
            "month like 2026-03 (also 2026M03, 03/2026, 1.3.2026, maaliskuu 2026, mars 2026, "
            "March 2026, Mar 2026); years %(first)s–%(last)s"
        )
        % {"first": MIN_YEAR, "last": MAX_YEAR}
    )


def months_between(earlier: date, later: date) -> int:
    """Whole calendar months from ``earlier`` to ``later`` (negative when ``later`` is earlier)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


@dataclass(frozen=True, slots=True)
class PeriodRules:
    """How far ahead an imported period may start, and when a list counts as stale (both in months)."""

    max_months_ahead: int = 12
    stale_after_months: int = 12

    def check(self, period: Period, today: date) -> str | None:
        """Why ``period`` cannot be imported on ``today`` (a typo such as 2062H2), or None. One rule for
        every period form: the calendar months from today's month to the month the period starts
        (December 2026 → January 2028 is 13, so ``2028H1``, ``kevät 2028`` and ``2028-01`` are all
        refused with ``max_months_ahead`` 12, and ``2027-12`` is accepted). Before, the count was of
        whole months from today's day, so a half-year starting on the 1st got one month more (outside
        tester 22, R1: ``kevät 2028`` accepted, ``2028-02`` refused, in December 2026)."""
        ahead = (period.start.year - today.year) * 12 + period.start.month - today.month
        if ahead > self.max_months_ahead:
            return N_(
                "%(period)s starts %(ahead)s calendar months after this month (%(month)s); periods may start at "
                "most %(max)s months ahead. A typo?"
            ) % {
                "period": str(period),
                "ahead": ahead,
                "month": f"{today:%Y-%m}",
                "max": self.max_months_ahead,
            }
        return None

    def age(self, period: Period, today: date) -> dict[str, Any]:
        """``{period_start, period_end, age_days, stale}``: the age is counted from the period's start
        (0 before it starts); stale when it started ``stale_after_months`` or more months ago."""
        return {
            "period_start": period.start.isoformat(),
            "period_end": period.end.isoformat(),
            "age_days": max(0, (today - period.start).days),
            "stale": months_between(period.start, today) >= self.stale_after_months,
        }


# -- lists -------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ShortageEntry:
    occupation: str  # an ESCO occupation URI or an ISCO-08 code of 1–4 digits
    level: Level
    line: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class ShortageList:
    """One region's (or the whole country's) ratings for one period, as imported.

    ``levels`` resolves the entries to ESCO occupation URIs: an ISCO code covers every ESCO occupation
    in its group, and a more specific entry (a URI, then a longer code) wins over a broader one.
    """

    region: str
    period: Period
    entries: tuple[ShortageEntry, ...]
    levels: Mapping[str, Level] = field(default_factory=dict)
    source: str = ""

    @property
    def key(self) -> str:
        return f"{self.region}|{self.period}"

    def to_payload(self) -> dict[str, Any]:
        return {
            "region": self.region,
            "period": str(self.period),
            "period_start": self.period.start.isoformat(),
            "period_end": self.period.end.isoformat(),
            "source": self.source,
            "entries": [{"occupation": e.occupation, "level": e.level.value} for e in self.entries],
            "levels": {uri: level.value for uri, level in sorted(self.levels.items())},
        }

    @classmethod
    def from_payload(cls, p: Mapping[str, Any]) -> ShortageList:
        return cls(
            region=str(p["region"]),
            period=parse_period(str(p["period"])),
            entries=tuple(ShortageEntry(str(e["occupation"]), Level(e["level"])) for e in p["entries"]),
            levels={str(uri): Level(level) for uri, level in p["levels"].items()},
            source=str(p.get("source") or ""),
        )


def resolve(entries: Iterable[ShortageEntry], catalogue: OccupationCatalogue) -> dict[str, Level]:
    """ESCO occupation URI → level; the most specific entry wins (URI, then longer ISCO codes)."""

    def specificity(e: ShortageEntry) -> int:
        return 5 if e.occupation.startswith(ESCO_OCCUPATION) else len(e.occupation)

    levels: dict[str, Level] = {}
    for entry in sorted(entries, key=specificity):
        uris = (
            [entry.occupation] if specificity(entry) == 5 else catalogue.occupations_in_isco(entry.occupation)
        )
        levels.update(dict.fromkeys(uris, entry.level))
    return levels


# -- reading a table ---------------------------------------------------------------------------------
HEADER_NAMES: dict[str, tuple[str, ...]] = {
    # folded header names, most specific first (a code column beats a name column)
    "occupation": (
        "occupation",
        "isco",
        "isco-08",
        "isco08",
        "isco 08",
        "ammattikoodi",
        "ammatti",
        "ammattiryhma",
        "ammattiluokka",
        "yrkeskod",
        "yrke",
        "yrkesgrupp",
        "occupation code",
    ),
    "region": ("region", "maakuntakoodi", "maakunta", "alue", "landskapskod", "landskap", "omrade", "area"),
    "period": (
        "period",
        "ajankohta",
        "aika",
        "jakso",
        "kausi",
        "kuukausi",
        "puolivuotiskausi",
        "vuosipuolisko",
        "tidpunkt",
        "tid",
        "manad",
        "halvar",
        "month",
        "half-year",
        "time",
    ),
    "level": (
        "level",
        "arvio",
        "barometriarvio",
        "barometri",
        "tilanne",
        "tyovoiman saatavuus",
        "bedomning",
        "barometer",
        "lage",
        "rating",
        "assessment",
    ),
}
NATIONAL_NAMES = {
    NATIONAL,
    "koko maa",
    "koko suomi",
    "suomi",
    "sss",
    "sss koko maa",
    "hela landet",
    "finland",
    "whole country",
    "all of finland",
}
LEVEL_NAMES: dict[str, Level] = {
    **dict.fromkeys(
        (
            "paljon pulaa",
            "paljon pulaa hakijoista",
            "suuri pula",
            "stor brist",
            "stor brist pa sokande",
            "mycket brist",
            "severe shortage",
            "large shortage",
        ),
        Level.SEVERE_SHORTAGE,
    ),
    **dict.fromkeys(
        ("pulaa", "pula", "pulaa hakijoista", "brist", "brist pa sokande", "shortage"), Level.SHORTAGE
    ),
    **dict.fromkeys(("tasapaino", "tasapainossa", "balans", "i balans", "balance"), Level.BALANCE),
    **dict.fromkeys(
        (
            "ylitarjontaa",
            "ylitarjonta",
            "ylitarjontaa hakijoista",
            "overskott",
            "overskott pa sokande",
            "surplus",
        ),
        Level.SURPLUS,
    ),
    **dict.fromkeys(
        (
            "paljon ylitarjontaa",
            "paljon ylitarjontaa hakijoista",
            "suuri ylitarjonta",
            "stort overskott",
            "stort overskott pa sokande",
            "mycket overskott",
            "severe surplus",
            "large surplus",
        ),
        Level.SEVERE_SURPLUS,
    ),
    **{fold(x.value): x for x in Level},
    **{fold(x.value.replace("_", " ")): x for x in Level},
}
NUMERIC_LEVELS = {
    # the barometer's numeric scale: 5 = many fewer jobseekers than jobs (severe shortage)
    5: Level.SEVERE_SHORTAGE,
    4: Level.SHORTAGE,
    3: Level.BALANCE,
    2: Level.SURPLUS,
    1: Level.SEVERE_SURPLUS,
}
_CODE_AT_START = re.compile(r"^(\d{1,5})(?:\s*[-–:.]?\s+\D.*)?$")
_CODE_AT_END = re.compile(r"^\D.*?\(\s*(\d{1,5})\s*\)$")


def _found_columns(header: Sequence[str]) -> dict[str, int]:
    folded = [fold(h) for h in header]
    found: dict[str, int] = {}
    for role, names in HEADER_NAMES.items():
        for name in names:
            at = next((i for i, h in enumerate(folded) if h == name or h.startswith(name + " (")), None)
            if at is not None and at not in found.values():
                found[role] = at
                break
    return found


def is_header(cells: Sequence[str]) -> bool:
    """Whether a row names all of ``COLUMNS`` (the header, below any title rows of an export)."""
    return len(_found_columns(cells)) == len(COLUMNS)


def columns(table: Table) -> dict[str, int]:
    """Which column holds each of ``COLUMNS`` (by their names in English, Finnish or Swedish).
    Raises ``ShortageCsvError`` naming the missing columns and the columns that were found."""
    found = _found_columns(table.header)
    missing = [c for c in COLUMNS if c not in found]
    if missing:
        raise ShortageCsvError(
            {
                1: [
                    N_(
                        "Missing column(s): %(missing)s. Found: %(found)s (read as %(read_as)s). Accepted names: %(accepted)s."
                    )
                    % {
                        "missing": ", ".join(missing),
                        "found": ", ".join(repr(h) for h in table.found) or "-",
                        "read_as": table.described,
                        "accepted": "; ".join(f"{c}: {', '.join(HEADER_NAMES[c][:6])}" for c in missing),
                    }
                ]
            }
        )
    return found


NOT_SERVED = N_("region: %(region)s is not a region your organisation serves; nothing was imported.")


@dataclass(frozen=True, slots=True)
class ShortageFile:
    """What a shortage file gives: its lists, and ``warnings``, line → why that line was skipped
    (an ISCO-08 unit group without ESCO occupations, a note below the table) or read otherwise
    than written (a national code's second rating of one unit group)."""

    lists: list[ShortageList]
    warnings: dict[int, list[str]] = field(default_factory=dict)
    read_as: str = ""  # how the table was read (``Table.described``: dialect, or the workbook's sheet)


def read_shortage_file(
    data: bytes,
    catalogue: OccupationCatalogue,
    regions: RegionResolver | Collection[str],
    source: str = "",
    *,
    filename: str = "",
    today: date | None = None,
    rules: PeriodRules | None = None,
    serves: Callable[[str], bool] | None = None,
    names: GroupNames | None = None,
    areas: AreaReader | None = None,
) -> ShortageFile:
    """``read_shortage_table`` of an uploaded CSV (any common dialect) or ``.xlsx`` file; the header
    is the first row naming the four columns (title rows above it are skipped)."""
    try:
        table = read_table(data, filename, header=is_header)
    except TableError as exc:
        raise ShortageCsvError(exc.errors) from None
    return read_shortage_table(
        table, catalogue, regions, source, today=today, rules=rules, serves=serves, names=names, areas=areas
    )


def parse_shortage_file(
    data: bytes,
    catalogue: OccupationCatalogue,
    regions: RegionResolver | Collection[str],
    source: str = "",
    *,
    filename: str = "",
    today: date | None = None,
    rules: PeriodRules | None = None,
    serves: Callable[[str], bool] | None = None,
    names: GroupNames | None = None,
) -> list[ShortageList]:
    """The lists of ``read_shortage_file`` (its warnings left out: for tools and tests)."""
    return read_shortage_file(
        data,
        catalogue,
        regions,
        source,
        filename=filename,
        today=today,
        rules=rules,
        serves=serves,
        names=names,
    ).lists


def parse_shortage_csv(
    text: str,
    catalogue: OccupationCatalogue,
    regions: RegionResolver | Collection[str],
    source: str = "",
    *,
    today: date | None = None,
    rules: PeriodRules | None = None,
) -> list[ShortageList]:
    """``parse_shortage_file`` of CSV text."""
    return parse_shortage_file(text.encode("utf-8"), catalogue, regions, source, today=today, rules=rules)


def parse_shortage_table(
    table: Table,
    catalogue: OccupationCatalogue,
    regions: RegionResolver | Collection[str],
    source: str = "",
    *,
    today: date | None = None,
    rules: PeriodRules | None = None,
    serves: Callable[[str], bool] | None = None,
    names: GroupNames | None = None,
    areas: AreaReader | None = None,
) -> list[ShortageList]:
    """The lists of ``read_shortage_table``."""
    return read_shortage_table(
        table, catalogue, regions, source, today=today, rules=rules, serves=serves, names=names, areas=areas
    ).lists


def read_shortage_table(
    table: Table,
    catalogue: OccupationCatalogue,
    regions: RegionResolver | Collection[str],
    source: str = "",
    *,
    today: date | None = None,
    rules: PeriodRules | None = None,
    serves: Callable[[str], bool] | None = None,
    names: GroupNames | None = None,
    areas: AreaReader | None = None,
) -> ShortageFile:
    """Every list in the table, or ``ShortageCsvError`` listing each bad line (nothing is half-read).

    Columns (header row required, any order, extra columns ignored; names in English, Finnish or
    Swedish, see ``HEADER_NAMES``): ``occupation`` (ESCO occupation URI, ISCO-08 code of 1–4 digits
    or a Finnish national code of 5 digits (Statistics Finland's Ammattiluokitus 2010, read as its
    ISCO-08 unit group, the first four digits), optionally followed by the name,
    ``2221 Sairaanhoitajat``), ``region`` (region id, Finnish or Swedish
    name or maakunta code, or ``national``/``koko maa``/``hela landet``), ``period`` (half-year or
    month, see ``parse_period``; with ``today``, not more than ``rules.max_months_ahead`` ahead) and
    ``level`` (``Level`` values, Finnish/Swedish/English barometer wording, or 1–5 with 5 = severe
    shortage). One list per (region, period) in the file. ``serves(region)``: whether the uploader
    acts for a region; a line for another region is one of the bad lines, told with the others
    (outside tester 13, P6: it came only after the other lines were fixed). ``names``: a name
    written beside a code ("5322 Lähihoitajat") that names another ISCO-08 group and not the code's
    is one of the bad lines, naming both groups (``GroupNames``; outside tester 19, P8).

    Skipped with a warning (``ShortageFile.warnings``, line → reasons), the rest imported (outside
    tester 26, F4/F7): a line otherwise good whose ISCO-08 group has no ESCO occupation (nothing it
    rates could flag a vacancy), a note below the table (``Table.notes``), and a second rating of one
    unit group by two national codes (the first line's rating is kept). A file none of whose lines
    can be used is refused, naming them.
    """
    rules = rules or PeriodRules()
    resolve_region = _region_resolver(regions)
    index = columns(table)
    width = max(index.values()) + 1
    errors: dict[int, list[str]] = {}
    warnings: dict[int, list[str]] = dict(table.note_warnings())
    seen: dict[tuple[str, str, Period], int] = {}
    grouped: dict[tuple[str, Period], list[ShortageEntry]] = {}
    for line, row in table.rows:
        if len(row) < width:
            errors[line] = [
                N_("%(fields)s field(s) where the header has %(columns)s.")
                % {"fields": len(row), "columns": len(table.header)}
            ]
            continue
        value = {c: row[i].strip() for c, i in index.items()}
        # Excel's error value in a cell (#N/A, #PUUTTUU!, #DIV/0!) is the line's reason, never read as a
        # value (outside tester 37, K4)
        if errored := error_reasons(value):
            errors[line] = list(errored.values())
            continue
        reasons: list[str] = []
        skipped: list[str] = []
        occupation = _occupation(value["occupation"], catalogue, reasons, names, skipped)
        noted: list[str] = []  # read otherwise than written, imported: a line warning
        region = _region(value["region"], resolve_region, reasons, areas, noted)
        if region is not None and serves is not None and not serves(region):
            reasons.append(NOT_SERVED % {"region": region})
        period: Period | None = None
        try:
            period = parse_period(value["period"])
        except ValueError as exc:
            reasons.append(
                N_("Bad period %(value)s: %(why)s.") % {"value": repr(value["period"]), "why": exc}
            )
        if period is not None and today is not None and (why := rules.check(period, today)):
            reasons.append(N_("Bad period %(value)s: %(why)s") % {"value": repr(value["period"]), "why": why})
        level = _level(value["level"], reasons)
        if not reasons and skipped:
            warnings[line] = skipped
            continue
        if not reasons and occupation and region and period and level:
            first = seen.setdefault((occupation, region, period), line)
            earlier = next((e for e in grouped.get((region, period), []) if e.line == first), None)
            if first == line:
                grouped.setdefault((region, period), []).append(ShortageEntry(occupation, level, line))
                if noted:
                    warnings[line] = noted
            elif len(_code_of(value["occupation"])) == 5 and earlier is not None:
                # two national codes of one unit group ("32211", "32212"): the group is rated once
                if earlier.level != level:
                    warnings[line] = [
                        N_(
                            "occupation: %(value)s is read as ISCO-08 unit group %(code)s, which line "
                            "%(line)s rates already; that line's rating (%(level)s) is kept for it."
                        )
                        % {
                            "value": repr(value["occupation"]),
                            "code": occupation,
                            "line": first,
                            "level": earlier.level.value,
                        }
                    ]
            else:
                reasons.append(N_("Same occupation, region and period as line %(line)s.") % {"line": first})
        if reasons:
            errors[line] = reasons
    if not errors and not grouped:
        if warnings:
            errors = {
                1: [
                    N_("No line of the file can be imported; the lines below say why. Nothing was imported.")
                ],
                **warnings,
            }
        else:
            errors[1] = [
                N_("No data rows after the header (read as %(read_as)s).") % {"read_as": table.described}
            ]
    if errors:
        raise ShortageCsvError(errors)
    lists = [
        ShortageList(region, period, tuple(entries), resolve(entries, catalogue), source)
        for (region, period), entries in sorted(grouped.items(), key=lambda kv: (kv[0][0], kv[0][1]))
    ]
    return ShortageFile(lists, dict(sorted(warnings.items())), table.described)


def _code_of(raw: str) -> str:
    m = _CODE_AT_START.match(raw) or _CODE_AT_END.match(raw)
    return m[1] if m else ""


def _region_resolver(regions: RegionResolver | Collection[str]) -> RegionResolver:
    if callable(regions):
        return regions
    known = {r.lower() for r in regions}

    def by_id(text: str) -> str:
        if text.lower() in known:
            return text.lower()
        raise ValueError(
            N_("Unknown region %(value)s (a region id such as 'pirkanmaa', or 'national').")
            % {"value": repr(text)}
        )

    return by_id


def _region(
    raw: str,
    resolve_region: RegionResolver,
    reasons: list[str],
    areas: AreaReader | None = None,
    noted: list[str] | None = None,
) -> str | None:
    key = fold(raw)
    if key in NATIONAL_NAMES:
        return NATIONAL
    try:
        return resolve_region(raw)
    except ValueError as exc:
        error = str(exc)
    code, _, name = raw.partition(" ")  # "06 Pirkanmaa", "MK06 Pirkanmaa"
    for text in (code, name) if name else ():
        try:
            return resolve_region(text)
        except ValueError:
            continue
    if (
        areas is not None
    ):  # "Pirkanmaan TE-toimisto", "NTM-centralen i Österbotten" (outside tester 28, T28-4)
        try:
            found = areas(raw)
        except ValueError as exc:
            reasons.append(str(exc))
            return None
        if found is not None:
            if noted is not None:
                noted.append(found[1])
            return found[0]
    reasons.append(error)
    return None


def _level(raw: str, reasons: list[str]) -> Level | None:
    found = LEVEL_NAMES.get(fold(raw))
    if found is not None:
        return found
    try:
        number = float(raw.replace(",", "."))
    except ValueError:
        number = float("nan")
    if 1 <= number <= 5:
        return NUMERIC_LEVELS[int(number + 0.5)]  # a regional average such as 4,2 rounds to its step
    reasons.append(
        N_(
            "Bad level %(value)s: one of %(levels)s, the barometer's wording "
            "(e.g. 'paljon pulaa', 'stor brist') or 1–5 (5 = severe shortage)."
        )
        % {"value": repr(raw), "levels": ", ".join(x.value for x in Level)}
    )
    return None


NAME_NOT_CODE = N_(
    "occupation: %(value)s: the name is not that of ISCO-08 group %(code)s but of %(others)s. Correct the "
    "code or the name; nothing was imported."
)


def _occupation(
    raw: str,
    catalogue: OccupationCatalogue,
    reasons: list[str],
    names: GroupNames | None = None,
    skipped: list[str] | None = None,
) -> str | None:
    """The URI or ISCO-08 code a cell names, else None with the reason in ``reasons`` (a bad line),
    or in ``skipped`` (a line to skip with a warning: a real group without ESCO occupations)."""
    if raw.lower().startswith(("http://", "https://", "data.europa.eu")):
        uri = raw.strip().rstrip("/").lower().replace("https://", "http://", 1)
        uri = uri if uri.startswith("http://") else "http://" + uri
        if uri.startswith(ESCO_OCCUPATION) and catalogue.has_occupation(uri):
            return uri
        reasons.append(N_("Unknown ESCO occupation URI."))
        return None
    m = _CODE_AT_START.match(raw) or _CODE_AT_END.match(raw)
    if m:
        code = m[1]
        if len(code) == 5:
            # Statistics Finland's Ammattiluokitus 2010 extends ISCO-08 by a fifth digit: its unit group
            # is the first four (outside tester 26, F4: "32211 Sairaanhoitajat" failed the file)
            if catalogue.isco_label(code[:4]) is None:
                reasons.append(
                    N_(
                        "Occupation %(value)s: %(code)s is no Finnish national occupation code (Ammattiluokitus "
                        "2010): its first four digits %(group)s are no ISCO-08 unit group."
                    )
                    % {"value": repr(raw), "code": code, "group": code[:4]}
                )
                return None
            code = code[:4]
        if catalogue.occupations_in_isco(code):
            name = raw[m.end(1) :] if m.re is _CODE_AT_START else raw[: raw.rfind("(")]
            name = name.strip(" \t-–:.")
            if names is not None and name and (others := names.other_groups(code, name)):
                described = " / ".join(names.described(c, name) for c in others[:3])
                reasons.append(
                    NAME_NOT_CODE % {"value": repr(raw), "code": names.described(code), "others": described}
                )
                return None
            return code
        padded = code.zfill(len(code) + 1)
        label = catalogue.isco_label(code)
        if len(code) < 4 and catalogue.occupations_in_isco(padded):
            reasons.append(
                N_(
                    "No ESCO occupation in ISCO-08 group %(code)s. Did you mean %(padded)s? Excel drops a "
                    "leading zero (armed forces' codes start with 0)."
                )
                % {"code": code, "padded": padded}
            )
        elif label is not None and skipped is not None:
            # a real group ESCO has no occupation in: nothing it rates can flag a vacancy
            skipped.append(
                N_(
                    "occupation: %(value)s: ISCO-08 group %(code)s (%(label)s) has no ESCO occupation, so its "
                    "rating can flag no vacancy: line skipped, the rest of the file imported."
                )
                % {"value": repr(raw), "code": code, "label": label}
            )
        else:
            reasons.append(N_("No ESCO occupation in ISCO-08 group %(code)s.") % {"code": code})
        return None
    reasons.append(
        N_(
            "Occupation %(value)s is neither an ESCO occupation URI nor an ISCO-08 code of 1–4 digits "
            "(a name needs its code, e.g. '2221 Sairaanhoitajat')."
        )
        % {"value": repr(raw)}
    )
    return None


# -- what an import changed --------------------------------------------------------------------------
#: How the parts of an effect notice's ``%(changes)s`` are joined (``shared.i18n.JOINED_MESSAGES``).
CHANGES_JOINED = "; "
EFFECT = N_(
    "%(where)s: %(changes)s. Occupations in shortage there: %(before)s before this import, %(after)s now."
)
EFFECT_EMPTIED = N_(
    "%(where)s: %(changes)s. Occupations in shortage there: %(before)s before this import, %(after)s now. No "
    "vacancy there is a shortage role any more: its meeting will list none."
)


def effect_notices(
    before: ShortageBook[ShortageList], after: ShortageBook[ShortageList], imported: Sequence[ShortageList]
) -> list[str]:
    """What an import changed in effect, one notice per region whose deciding lists changed: how many
    ESCO occupations each imported list now decides, how many each earlier list still decides (or
    that it no longer decides any), and how many occupations are in shortage before and after; a
    warning when none are left (the region's meeting would list no vacancy). For a ``national`` list
    every region with its own lists is told, and "" is the regions without one. So an operator never
    empties a meeting unknowingly (outside tester 15, P4). Sources: the two books (``ShortageBook``)."""
    keys = {x.key for x in imported}
    views: list[str] = []
    for item in imported:
        for view in after.views(item):
            if view not in views:
                views.append(view)
    notices: list[str] = []
    for view in views:
        was, now = before.decisions(view), after.decisions(view)
        if {u: (x.key, x.levels[u]) for u, x in was.items()} == {
            u: (x.key, x.levels[u]) for u, x in now.items()
        } and not any(x.key in keys for x in now.values()):
            continue
        counted_before = _count_by_list(was)
        counted_after = _count_by_list(now)
        parts: list[str] = []
        for item in [*after.applicable(view), *before.applicable(view)]:
            key = item.key
            name = str(item.period) if item.region == view else f"{item.region} {item.period}"
            if any(p.startswith(f"{name} ") for p in parts):
                continue
            rated, old, new = len(item.levels), counted_before.get(key, 0), counted_after.get(key, 0)
            values = {"list": name, "new": new, "rated": rated, "old": old}
            if key in keys:
                parts.append(
                    N_("%(list)s now decides %(new)s of the %(rated)s ESCO occupations it rates") % values
                )
            elif new == old:
                parts.append(N_("%(list)s still decides %(new)s of the %(rated)s it rates") % values)
            elif new:
                parts.append(
                    N_("%(list)s now decides %(new)s of the %(rated)s it rates (before: %(old)s)") % values
                )
            elif item in after.applicable(view):
                parts.append(
                    N_("%(list)s no longer decides any: the lists inside its period rate all %(rated)s")
                    % values
                )
            else:
                parts.append(
                    N_("%(list)s no longer decides any: %(frame)s replaces it wholly")
                    % {"list": name, "frame": after.frame(view)}
                )
        in_shortage_before = sum(1 for u, x in was.items() if x.levels[u] in SHORTAGE_LEVELS)
        in_shortage_after = sum(1 for u, x in now.items() if x.levels[u] in SHORTAGE_LEVELS)
        # one catalogue message each way, its parts joined as ``shared.i18n`` translates a
        # ``%(changes)s`` value: each part on its own (outside tester 27, T27-4: this notice stayed English)
        values = {
            "where": view or N_("regions without their own list"),
            "changes": CHANGES_JOINED.join(parts),
            "before": in_shortage_before,
            "after": in_shortage_after,
        }
        emptied = bool(in_shortage_before and not in_shortage_after)
        notices.append((EFFECT_EMPTIED if emptied else EFFECT) % values)
    for item in imported:
        if after.is_pending(item):
            notices.append(_pending_notice(after, item))
        elif not after.applies(item):
            notices.append(
                N_(
                    "%(list)s: a later period that does not contain it is stored for this region, so this "
                    "list does not decide any shortage flag."
                )
                % {"list": f"{item.region} {item.period}"}
            )
    return notices


def _pending_notice(book: ShortageBook[ShortageList], item: ShortageList) -> str:
    """What a list for a period that has not started does: nothing until its first day; which lists
    decide until then (for a national list, those of the regions without their own)."""
    deciding = sorted(
        {
            str(x.period) if x.region == item.region else f"{x.region} {x.period}"
            for x in book.applicable(book.views(item)[-1])
        }
    )
    until = ", ".join(deciding) if deciding else N_("no list (no vacancy there is a shortage role)")
    return N_(
        "%(list)s: stored, but its period starts on %(start)s; it decides nothing until then (meetings for "
        "weeks from then on read it). Until then: %(until)s."
    ) % {"list": f"{item.region} {item.period}", "start": _finnish(item.period.start), "until": until}


def _finnish(day: date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


#: How many occupations a `dropped_warnings` line names before "and n more".
DROPPED_NAMED = 8
DROPPED = N_(
    "%(where)s: %(count)s occupation(s) are no longer shortage roles after this import (%(listed)s; rated "
    "before by %(sources)s): their open vacancies leave the region's meeting. If the file was meant to add to "
    "the earlier list, not replace it, import the earlier list's rows with it."
)
DROPPED_FROM = N_(
    "From %(day)s on: %(where)s: %(count)s occupation(s) are no longer shortage roles after this import "
    "(%(listed)s; rated before by %(sources)s): their open vacancies leave the region's meeting. If the file was "
    "meant to add to the earlier list, not replace it, import the earlier list's rows with it."
)
DROPPED_MORE_FROM = N_(
    "From %(day)s on: %(where)s: %(count)s occupation(s) are no longer shortage roles after this import "
    "(%(listed)s and %(more)s more; rated before by %(sources)s): their open vacancies leave the region's "
    "meeting. If the file was meant to add to the earlier list, not replace it, import the earlier list's rows "
    "with it."
)
DROPPED_MORE = N_(
    "%(where)s: %(count)s occupation(s) are no longer shortage roles after this import (%(listed)s and "
    "%(more)s more; rated before by %(sources)s): their open vacancies leave the region's meeting. If the file "
    "was meant to add to the earlier list, not replace it, import the earlier list's rows with it."
)


def dropped_warnings(
    before: ShortageBook[ShortageList],
    after: ShortageBook[ShortageList],
    imported: Sequence[ShortageList],
    label: Callable[[str], str],
    starting: date | None = None,
) -> list[str]:
    """One warning per region where the import took occupations out of shortage: the occupations
    (by ``label``, the first ``DROPPED_NAMED`` and how many more) whose open vacancies leave the
    region's meeting, and which lists rated them before. An import of a later period replaces the
    earlier ones wholly, so a partial regional table (six occupations) drops every shortage role
    the earlier, fuller list rated (outside tester 17, P17: a Pirkanmaa barometer of six rows took
    the nurse vacancies out of the meeting, and the counts in the notices did not say which).
    For a ``national`` list "" is the regions without their own list. ``starting``: the first day of the
    lists to come the books are for, named first ("From 1.3.2027 on: …")."""
    views: list[str] = []
    for item in imported:
        for view in after.views(item):
            if view not in views:
                views.append(view)
    warnings: list[str] = []
    for view in views:
        was, now = before.decisions(view), after.decisions(view)
        dropped = sorted(
            (
                u
                for u, x in was.items()
                if x.levels[u] in SHORTAGE_LEVELS and not (u in now and now[u].levels[u] in SHORTAGE_LEVELS)
            ),
            key=label,
        )
        if not dropped:
            continue
        names = [label(u) for u in dropped[:DROPPED_NAMED]]
        more = len(dropped) - len(names)
        listed = ", ".join(names)
        sources = sorted(
            {
                str(was[u].period) if was[u].region == view else f"{was[u].region} {was[u].period}"
                for u in dropped
            }
        )
        values = {
            "where": view or N_("regions without their own list"),
            "count": len(dropped),
            "listed": listed,
            "more": more,
            "sources": ", ".join(sources),
        }
        # one catalogue message each way, so the warning an operator must read is translated whole
        # (outside tester 27, T27-4)
        if starting is not None:
            values["day"] = _finnish(starting)
            warnings.append((DROPPED_MORE_FROM if more else DROPPED_FROM) % values)
        else:
            warnings.append((DROPPED_MORE if more else DROPPED) % values)
    return warnings


def _count_by_list(decided: Mapping[str, ShortageList]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in decided.values():
        counts[item.key] = counts.get(item.key, 0) + 1
    return counts
