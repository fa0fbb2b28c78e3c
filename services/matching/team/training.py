"""Training and apprenticeships for the skills candidates lack: the catalogue operators import from
vocational schools and partner firms, and the rule that picks courses. Pure Python.

A **catalogue** file has one course per line (CSV in any common dialect, or an ``.xlsx`` sheet):

| column | content |
|---|---|
| ``course_id`` | the provider's own id of the course (unique per provider) |
| ``provider`` | organisation id of the school or firm (lower-case slug) |
| ``title_fi``, ``title_sv`` | the title in Finnish and in Swedish (at least one of the two) |
| ``skills`` | ESCO skill URIs taught, separated by ``|``, ``;``, ``,`` or whitespace |
| ``length_weeks`` | length in weeks (``4``, ``12,5``, ``12.5``; ``cells.decimal_number``) |
| ``municipality`` | where it is held (code, Finnish or Swedish name, or the former name of a merged or renamed municipality, read as today's with a warning); empty when online only |
| ``online`` | yes/no (kyllä/ei, ja/nej, true/false, 1/0, x, and Excel's booleans of a CSV saved by Finnish or Swedish Excel, TOSI/EPÄTOSI, SANT/FALSKT: ``cells.yes_no``) |
| ``apprenticeship`` | yes/no: an apprenticeship (oppisopimus) at a workplace |
| ``start_dates`` | next start dates (ISO ``2027-01-11``, Finnish ``11.1.2027``, an Excel date cell or its serial number ``46398``), separated like skills, each at most ten years ahead (``Places.day_refusal``); ``continuous`` (jatkuva haku) for a rolling start |
| ``url`` (optional) | the provider's page of the course: an ``https://`` address (``_url_reasons``) |

A cell holding an Excel error value (``#N/A``, ``#PUUTTUU!``, ``#SAKNAS!``, ``#DIV/0!``: ``cells.
excel_error``) is a reason on its line naming the column, never read as a value. The whole file is checked
before anything is stored: any bad line gives every reason per line
number, and nothing is imported. Title rows above the header and notes below the table ("Lähde: …")
are skipped, the notes with a warning naming their line (``read_catalogue``). An import replaces the
courses of each provider in the file.

**Course choice** (``suggest``): for the essential skills a candidate lacks, courses that teach the
most of them first; among as good, the nearest (online = 0 km) and then the soonest start. Chosen
greedily until the skills are covered or nothing more is taught: each further course must teach
something the earlier ones do not. A course held further than the candidate commutes (at least
``MIN_REACH_KM``) is left out unless it is online; so is one held across the sea from the
candidate's home (Åland and the mainland: no road, ``Places.road_networks``), and one with no start
date to come.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal
from urllib.parse import urlsplit

from services.kernel.texts import N_
from services.matching.team.cells import NO_WORDS, YES_WORDS, decimal_number, error_reasons, yes_no

MIN_REACH_KM = 40.0
COLUMNS = ("course_id", "provider", "title_fi", "title_sv", "skills", "length_weeks", "municipality",
           "online", "apprenticeship", "start_dates")  # fmt: skip
OPTIONAL = ("url",)
YES, NO = YES_WORDS, NO_WORDS  # cells.yes_no
CONTINUOUS = {"continuous", "jatkuva", "jatkuva haku", "fortlöpande", "löpande", "rolling"}
_SPLIT = re.compile(r"[|;,\s]+")
#: An ESCO skill URI in any harmless spelling (scheme, case, trailing "/"), or a bare UUID.
_ESCO_SKILL_SHAPE = re.compile(
    r"^(?:(?:https?://)?data\.europa\.eu/esco/skill/)?[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}/?$", re.I
)
_ORG = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$")
#: a time of day after a date, as Finnish and Swedish Excel write a date-and-time cell into a CSV
#: ("5.12.2026 8:00", "5.12.2026 8.00.00"): part of the date, dropped (outside tester 37, K4)
_TIME_OF_DAY = r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?"
_DATE_SPLIT = re.compile(r"[|;,]+|\s{1,}(?=\d)(?!" + _TIME_OF_DAY + r"(?:[\s|;,]|$))")
_FI_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+" + _TIME_OF_DAY + r")?$")
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")
_ISO_DATE_TIME = re.compile(r"(?<=^\d{4}-\d{2}-\d{2})(?:T\d{2}|\s+\d{1,2}):\d{2}(?::\d{2}(?:\.\d+)?)?$")


#: The years a catalogue's start date may fall in (outside them: a typo, a 422 naming the line).
FIRST_START_YEAR, LAST_START_YEAR = 2000, 2100


class CatalogueError(ValueError):
    """The file has errors; ``errors`` maps a line number (1 = header) to reasons. Nothing was imported."""

    def __init__(self, errors: dict[int, list[str]]) -> None:
        super().__init__("; ".join(f"line {n}: {', '.join(r)}" for n, r in sorted(errors.items())))
        self.errors = errors


@dataclass(frozen=True, slots=True)
class Course:
    provider: str
    course_id: str
    title_fi: str
    title_sv: str
    skills: frozenset[str]
    length_weeks: float
    municipality: str | None  # None: online only
    online: bool
    apprenticeship: bool
    start_dates: tuple[date, ...]  # ascending
    continuous: bool = False  # rolling start (jatkuva haku)
    url: str = ""

    @property
    def key(self) -> str:
        return f"{self.provider}:{self.course_id}"

    def next_start(self, today: date) -> date | None:
        """The first start on or after ``today`` (``today`` for a rolling start); None when none."""
        if self.continuous:
            return today
        return next((d for d in self.start_dates if d >= today), None)

    def title(self, lang: str = "fi") -> str:
        """The title in ``lang``, else in Finnish, else in Swedish (the languages catalogues give)."""
        return self.titles().get(lang) or self.title_fi or self.title_sv

    def titles(self) -> dict[str, str]:
        """Language → title, for the languages the catalogue gave a title in."""
        return {lang: t for lang, t in (("fi", self.title_fi), ("sv", self.title_sv)) if t}

    def to_dict(self) -> dict[str, Any]:
        """The course as stored (JSON-ready: skills sorted, dates ISO). The one conversion for
        storage; the API's ``CourseSchema`` dumps the course itself."""
        return {
            "provider": self.provider,
            "course_id": self.course_id,
            "title_fi": self.title_fi,
            "title_sv": self.title_sv,
            "skills": sorted(self.skills),
            "length_weeks": self.length_weeks,
            "municipality": self.municipality,
            "online": self.online,
            "apprenticeship": self.apprenticeship,
            "start_dates": [d.isoformat() for d in self.start_dates],
            "continuous": self.continuous,
            "url": self.url,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Course:
        """The course ``to_dict`` gave; raises ``KeyError``/``ValueError`` on another shape."""
        return cls(
            d["provider"],
            d["course_id"],
            d["title_fi"],
            d["title_sv"],
            frozenset(d["skills"]),
            d["length_weeks"],
            d["municipality"],
            d["online"],
            d["apprenticeship"],
            tuple(date.fromisoformat(x) for x in d["start_dates"]),
            d["continuous"],
            d["url"],
        )


@dataclass(frozen=True, slots=True)
class Places:
    """What the catalogue is checked against: ESCO skills, municipalities with coordinates."""

    known_skill: Callable[[str], str | None]  # normalised URI, or None if unknown
    #: (code, notice) for a code or a Finnish, Swedish or former name (the notice: a former name was
    #: read as today's municipality, else None); raises ``ValueError`` saying why not, with close names
    municipality: Callable[[str], tuple[str, str | None]]
    coordinates: Mapping[str, tuple[float, float]]  # code → (lat, lon) in degrees
    provider_kind: Callable[[str], str | None]  # the registry's kind of an organisation, None if unknown
    esco_version: str = "v1.1.1"  # the ESCO version ``known_skill`` knows (named when a URI is unknown)
    #: the day of Excel's serial number of a date written as text ("46082"), else None
    #: (``shared.tables.excel_date``, openpyxl's conversion); the default reads none
    excel_date: Callable[[str], date | None] = lambda _text: None
    #: code → its road network where not the mainland's (Åland's: ``ahvenanmaa``); a course across
    #: the sea from a candidate's home is out of reach unless online (outside tester 26, T26-12)
    road_networks: Mapping[str, str] = field(default_factory=dict)
    #: why a course's id (``True``: an identifier) or title may not be stored: the API's own rules of short text
    #: fields (an identity code, a phone number, a control or bidirectional character: ``shared.schemas.
    #: short_text_refusals``; outside tester 35, F8); [] when it may. The default refuses nothing (tools, tests)
    text_refusals: Callable[[str, bool | Literal["url"]], list[str]] = lambda _text, _identifier: []
    #: why a start date is no plausible day, by the API's rule of every date it takes (at most ten years ahead:
    #: ``shared.schemas.implausible_day``; outside tester 35: ``2099-01-01`` passed), else None. The default
    #: refuses none; ``FIRST_START_YEAR``–``LAST_START_YEAR`` hold always
    day_refusal: Callable[[date], str | None] = lambda _day: None


#: The registry kinds that provide training: schools, partner organisations (coaching and training
#: companies) and the cities' employment services; an employer is not a course provider.
PROVIDER_KINDS = frozenset({"education", "partner", "employment_services"})


#: A course's text field and why it was refused (``Places.text_refusals``), one catalogue message per field.
_TEXT_REASON = {
    "course_id": N_("course_id: %(why)s"),
    "title_fi": N_("title_fi: %(why)s"),
    "title_sv": N_("title_sv: %(why)s"),
    "url": N_("url (the course's page): %(why)s"),  # "url: " alone is too short a pattern to translate
}


def _url_reasons(url: str, places: Places) -> list[str]:
    """Why a course's ``url`` may not be stored (catalogue messages, [] when it may, and when it is empty): an
    ``https://`` address of at most 500 characters with a host name, no spaces and no user name or password
    before it (``https://tredu.fi@example.com`` leads elsewhere than it reads), and the API's rules of an
    identifier's text (``Places.text_refusals``: no control, bidirectional or invisible character, no personal
    identifier; outside tester 35: an address holding a right-to-left override was stored)."""
    if not url:
        return []
    try:
        parts = urlsplit(url)
        shaped = parts.scheme == "https" and bool(parts.hostname) and url.lower().startswith("https://")
    except ValueError:  # an unbalanced "[" of an IPv6 host
        parts, shaped = None, False
    reasons = (
        [] if shaped and len(url) <= 500 and not re.search(r"\s", url) else [N_("url: an https:// address.")]
    )
    if parts is not None and shaped and (parts.username is not None or parts.password is not None):
        reasons.append(N_("url: an address without a user name or password ('…@' before the host)."))
    return reasons + [_TEXT_REASON["url"] % {"why": why} for why in places.text_refusals(url, "url")]


def is_header(cells: Sequence[str]) -> bool:
    """Whether a row names the catalogue's columns (the header, below any title rows)."""
    return set(COLUMNS) <= {c.strip().lower() for c in cells}


@dataclass(frozen=True, slots=True)
class CatalogueFile:
    """The courses of a catalogue and ``warnings``: line → what was read otherwise than written (a
    former municipality name read as today's) or skipped (a note below the table)."""

    courses: list[Course]
    warnings: dict[int, list[str]] = field(default_factory=dict)


def parse_catalogue(
    header: Sequence[str], rows: Iterable[tuple[int, Sequence[str]]], places: Places
) -> list[Course]:
    """The courses of ``read_catalogue`` (its warnings left out: for tools and tests)."""
    return read_catalogue(header, rows, places).courses


def read_catalogue(
    header: Sequence[str],
    rows: Iterable[tuple[int, Sequence[str]]],
    places: Places,
    notes: Mapping[int, list[str]] | None = None,
) -> CatalogueFile:
    """Courses from a table (``header`` lower-case, ``rows`` as (line number, cells)); raises
    ``CatalogueError`` naming every bad line. ``notes``: line → warning of the rows the table reader
    set aside (``shared.tables.Table.note_warnings``), passed on with the municipality notices."""
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise CatalogueError(
            {
                1: [
                    N_("Missing column(s): %(missing)s. Expected: %(expected)s.")
                    % {"missing": ", ".join(missing), "expected": ", ".join(COLUMNS)}
                ]
            }
        )
    at = {name: header.index(name) for name in (*COLUMNS, *OPTIONAL) if name in header}
    errors: dict[int, list[str]] = {}
    warnings: dict[int, list[str]] = {line: list(w) for line, w in (notes or {}).items()}
    courses: list[Course] = []
    seen: dict[str, int] = {}
    for line, cells in rows:

        def cell(name: str, cells: Sequence[str] = cells) -> str:
            i = at.get(name)
            return cells[i].strip() if i is not None and i < len(cells) else ""

        reasons: list[str] = []
        # a cell holding Excel's error value (#N/A, #PUUTTUU!) is its column's one reason (outside tester 37, K4)
        errored = error_reasons({name: cell(name) for name in at})
        course_id, provider = cell("course_id"), cell("provider").lower()
        if not 1 <= len(course_id) <= 100:
            reasons.append(N_("course_id: 1–100 characters."))
        if not _ORG.match(provider):
            reasons.append(N_("provider: an organisation id (lower-case letters, digits, '-')."))
        elif places.provider_kind(provider) not in PROVIDER_KINDS:
            # an outside tester: a typo ("pirkan-ammattiopist") made a second provider nobody can be
            # handed over to, and an employer passed as a school
            reasons.append(
                N_("provider: %(value)s is not a training provider in the organisation registry.")
                % {"value": repr(provider)}
            )
        title_fi, title_sv = cell("title_fi"), cell("title_sv")
        if not (title_fi or title_sv):
            reasons.append(N_("title_fi or title_sv: a title is required."))
        for column, title in (("title_fi", title_fi), ("title_sv", title_sv)):
            if len(title) > 300:  # the column as the file names it (outside tester 39, P8)
                reasons.append(N_("%(column)s: at most 300 characters.") % {"column": column})
        for name, value, identifier in (
            ("course_id", course_id, True),
            ("title_fi", title_fi, False),
            ("title_sv", title_sv, False),
        ):
            reasons += [
                _TEXT_REASON[name] % {"why": why}
                for why in (places.text_refusals(value, identifier) if value else [])
            ]
        skills: set[str] = set()
        for raw in filter(None, _SPLIT.split(cell("skills"))):
            uri = places.known_skill(raw)
            if uri is None and _ESCO_SKILL_SHAPE.search(raw):
                # well formed but unknown: say so, as the vacancy API does (outside tester 22, R4)
                reasons.append(
                    N_(
                        "skills: %(value)s is not in ESCO %(version)s, the version this service uses; "
                        "choose the closest %(version)s skill."
                    )
                    % {"value": repr(raw), "version": places.esco_version}
                )
            elif uri is None:
                reasons.append(N_("skills: %(value)s is not an ESCO skill URI.") % {"value": repr(raw)})
            else:
                skills.add(uri)
        if not skills and not any(r.startswith("skills") for r in reasons):
            reasons.append(N_("skills: at least one ESCO skill taught."))
        length = _number(cell("length_weeks"))
        if length is None or not 0 < length <= 520:
            reasons.append(N_("length_weeks: a number of weeks, more than 0 and at most 520."))
        online, apprenticeship = _flag(cell("online")), _flag(cell("apprenticeship"))
        if online is None:
            reasons.append(N_("online: yes or no."))
        if apprenticeship is None:
            reasons.append(N_("apprenticeship: yes or no."))
        place = cell("municipality")
        code: str | None = None
        if place:
            try:
                code, notice = places.municipality(place)
            except ValueError as exc:
                # the resolver's own reason: a former name's successor, "did you mean …?" (outside
                # tester 26, F8: every refusal read "is not a Finnish municipality", with no hint)
                reasons.append(N_("municipality: %(why)s") % {"why": exc})
            else:
                if notice:
                    warnings.setdefault(line, []).append(N_("municipality: %(why)s") % {"why": notice})
        if not place and online is False:
            reasons.append(N_("municipality: required unless the course is online."))
        starts, continuous, bad = _dates(cell("start_dates"), places.excel_date)
        reasons += [
            N_(
                "start_dates: %(value)s is a number, not a date: write 2027-01-11 or 11.1.2027, or format "
                "the cell as a date (Excel's numbers of the days of 2000–2100 are 36526–73415)."
            )
            % {"value": repr(b)}
            if _NUMBER.match(b)
            else N_("start_dates: %(value)s is not a date (2027-01-11 or 11.1.2027).") % {"value": repr(b)}
            for b in bad
        ]
        # a year no course starts in is a typo (outside tester 20, P6: every date users send is plausible)
        reasons += [
            N_("start_dates: %(value)s is not a plausible start (years %(first)s–%(last)s).")
            % {"value": d.isoformat(), "first": FIRST_START_YEAR, "last": LAST_START_YEAR}
            for d in starts
            if not FIRST_START_YEAR <= d.year <= LAST_START_YEAR
        ]
        reasons += [
            N_("start_dates: %(value)s: %(why)s") % {"value": d.isoformat(), "why": why}
            for d in starts
            if FIRST_START_YEAR <= d.year <= LAST_START_YEAR and (why := places.day_refusal(d))
        ]
        if not starts and not continuous and not bad:
            reasons.append(N_("start_dates: at least one date, or 'continuous'."))
        url = cell("url")
        reasons += _url_reasons(url, places)
        key = f"{provider}:{course_id}"
        if key in seen:
            reasons.append(
                N_("course_id: %(id)s of %(provider)s is also on line %(line)s.")
                % {"id": repr(course_id), "provider": provider, "line": seen[key]}
            )
        seen.setdefault(key, line)
        if errored:
            reasons = [r for r in reasons if _column_of(r) not in errored] + list(errored.values())
        if reasons:
            errors[line] = reasons
            continue
        courses.append(
            Course(
                provider,
                course_id,
                title_fi,
                title_sv,
                frozenset(skills),
                float(length or 0),
                code,
                bool(online),
                bool(apprenticeship),
                tuple(sorted(set(starts))),
                continuous,
                url,
            )
        )
    if errors:
        raise CatalogueError(errors)
    if not courses:
        raise CatalogueError({1: [N_("No courses in the file.")]})
    return CatalogueFile(courses, dict(sorted(warnings.items())))


def _number(text: str) -> float | None:
    """A number of a cell, with a decimal comma or point and digit groups (``cells.decimal_number``)."""
    return decimal_number(text)


def _flag(text: str) -> bool | None:
    """Yes or no of a cell (``cells.yes_no``), None when neither."""
    return yes_no(text)


def _column_of(reason: str) -> str:
    """The column a line's reason names first ("online: yes or no." → "online")."""
    return re.split(r"[\s:(]", reason, maxsplit=1)[0]


def _dates(text: str, excel_date: Callable[[str], date | None]) -> tuple[list[date], bool, list[str]]:
    starts: list[date] = []
    bad: list[str] = []
    continuous = False
    for raw in (p.strip() for p in _DATE_SPLIT.split(text)):
        if not raw:
            continue
        if raw.casefold() in CONTINUOUS:
            continuous = True
            continue
        m = _FI_DATE.match(raw)
        # a date cell with a time of day ("2027-01-11T08:00:00") and Excel's serial number of a date
        # cell formatted as a number, or a CSV saved from one (outside tester 26, F6: "46398")
        serial = excel_date(raw)
        try:
            starts.append(
                serial
                if serial is not None
                else date(int(m[3]), int(m[2]), int(m[1]))
                if m
                else date.fromisoformat(_ISO_DATE_TIME.sub("", raw))
            )
        except ValueError:
            bad.append(raw)
    return starts, continuous, bad


# -- course choice -------------------------------------------------------------------------------------
#: What a suggestion shows of its course (``training.suggested`` events, the API), in this order
SUGGESTED_COURSE_FIELDS = (
    "provider", "course_id", "title_fi", "title_sv", "municipality", "online", "apprenticeship", "length_weeks",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Suggestion:
    course: Course
    covers: frozenset[str]  # the missing skills it teaches that earlier suggestions do not
    distance_km: float | None  # None: online, or the place is unknown
    starts_on: date | None

    @property
    def shown_km(self) -> float | None:
        """The distance as shown (0.1 km), None online."""
        return None if self.distance_km is None else round(self.distance_km, 1)

    def to_dict(self) -> dict[str, Any]:
        """The suggested course as the ``training.suggested`` event carries it: the course's public
        fields (``SUGGESTED_COURSE_FIELDS``, from ``Course.to_dict``), the next start, the missing
        skills it covers and the distance. The API's ``SuggestedCourseSchema`` dumps the same."""
        course = self.course.to_dict()
        return {
            **{name: course[name] for name in SUGGESTED_COURSE_FIELDS},
            "starts_on": self.starts_on.isoformat() if self.starts_on else None,
            "covers": sorted(self.covers),
            "distance_km": self.shown_km,
            "url": course["url"],
        }


@dataclass(frozen=True, slots=True)
class Plan:
    """The courses for one set of missing skills, and what no course teaches."""

    missing: frozenset[str]
    suggestions: list[Suggestion] = field(default_factory=list)
    uncovered: frozenset[str] = frozenset()


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lat, lon) points in degrees (mean Earth radius
    6371.0 km)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def suggest(
    missing: Iterable[str],
    courses: Iterable[Course],
    *,
    today: date,
    home: str | None,
    reach_km: float,
    coordinates: Mapping[str, tuple[float, float]],
    limit: int = 3,
    road_networks: Mapping[str, str] | None = None,
) -> Plan:
    """Courses covering most of ``missing``, nearest and soonest first (the rule in the module
    docstring). ``home`` is the candidate's municipality code (None: distance unknown, every course
    in reach), ``reach_km`` how far they commute. ``road_networks`` (code → network where not the
    mainland's: ``Places.road_networks``): a course held across the sea from ``home`` (Åland and
    the mainland) is out of reach whatever the distance, unless it is online."""
    networks = road_networks or {}
    wanted = frozenset(missing)
    reach = max(reach_km, MIN_REACH_KM)
    origin = coordinates.get(home) if home else None
    options: list[tuple[Course, float | None, date]] = []
    for c in courses:
        start = c.next_start(today)
        if start is None or not (c.skills & wanted):
            continue
        km = None
        if c.municipality is not None and origin is not None and c.municipality in coordinates:
            km = distance_km(origin, coordinates[c.municipality])
        if not c.online and km is not None and km > reach:
            continue
        if (
            not c.online
            and km is not None
            and networks.get(c.municipality or "", "") != networks.get(home or "", "")
        ):
            continue  # no road between home and the course: the sea (T26-12)
        options.append((c, None if c.online else km, start))
    chosen: list[Suggestion] = []
    left = set(wanted)
    while left and len(chosen) < limit:
        best = min(
            options,
            key=lambda o: (
                -len(o[0].skills & left),
                o[1] if o[1] is not None else 0.0,
                o[2],
                o[0].title(),
                o[0].key,
            ),
            default=None,
        )
        if best is None or not best[0].skills & left:
            break
        covers = frozenset(best[0].skills & left)
        chosen.append(Suggestion(best[0], covers, best[1], best[2]))
        left -= covers
        options.remove(best)
    return Plan(wanted, chosen, frozenset(left))


def teaching(
    skill: str, courses: Iterable[Course], today: date, region_codes: set[str], limit: int = 3
) -> list[Course]:
    """Courses teaching ``skill`` held in one of ``region_codes`` or online, soonest start first."""
    found = [
        c
        for c in courses
        if skill in c.skills
        and c.next_start(today) is not None
        and (c.online or (c.municipality is not None and c.municipality in region_codes))
    ]
    return sorted(found, key=lambda c: (c.next_start(today) or date.max, c.title(), c.key))[:limit]
