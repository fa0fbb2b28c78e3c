"""Area names of the state's employment administration read as regions: a TE office's area
(TE-toimisto, to 2024), an ELY centre's (ELY-keskus) and a post-2025 employment area
(työllisyysalue), in Finnish, Swedish (TE-byrå, NTM-central, sysselsättningsområde) or English.

The Labour Force Barometer is rated per such area, and its export names the area as the office is
named: the region's genitive and the office word ("Pirkanmaan TE-toimisto", "Birkalands TE-byrå",
"NTM-centralen i Österbotten"). ``OfficeAreas.read`` tells what such a name means for a region-level
list (outside tester 28, T28-4):

* named after one region, and not an area known to span several: that region, with a warning;
* an area that spans several regions (``data/geo/office_areas_spanning.csv``, each row with its public
  source): ``UnknownPlaceError`` naming the regions, and what to do;
* an employment area: ``UnknownPlaceError`` naming the kind (a group of municipalities, not a region;
  the project has no table of their municipalities), and the region its name points to, if any;
* anything else: None (not an office area's name; the caller's own error stands).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from shared.geography import Geography, UnknownPlaceError, fold
from shared.i18n import N_

SPANNING_FILE = "office_areas_spanning.csv"

#: The Finnish genitive of the last part of each region's name ("Etelä-Karjala" → "Etelä-Karjalan");
#: a test holds that every region of ``data/geo/regions_2025.csv`` has one.
_GENITIVE_FI = {
    "uusimaa": "uudenmaan",
    "suomi": "suomen",
    "satakunta": "satakunnan",
    "hame": "hameen",
    "pirkanmaa": "pirkanmaan",
    "kymenlaakso": "kymenlaakson",
    "karjala": "karjalan",
    "savo": "savon",
    "pohjanmaa": "pohjanmaan",
    "kainuu": "kainuun",
    "lappi": "lapin",
    "ahvenanmaa": "ahvenanmaan",
}

OFFICE = "office"  # a TE office's or an ELY centre's area
EMPLOYMENT_AREA = "employment_area"  # a työllisyysalue (since 1.1.2025)

# (folded pattern, kind): the area's words in group "area"
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), kind)
    for p, kind in (
        (r"(?P<area>.+?) (?:te-toimisto|te-toimiston alue|ely-keskus|ely-keskuksen alue|ely)", OFFICE),
        (r"(?P<area>.+?) (?:tyollisyysalue|tyollisyysalueen alue)", EMPLOYMENT_AREA),
        (r"(?P<area>.+?) (?:te-byra|te-byran|ntm-central|ntm-centralen|ntm-centralens omrade)", OFFICE),
        (r"(?:te-byran|ntm-centralen) i (?P<area>.+)", OFFICE),
        (r"(?P<area>.+?) (?:sysselsattningsomrade|sysselsattningsomradet)", EMPLOYMENT_AREA),
        (r"sysselsattningsomradet i (?P<area>.+)", EMPLOYMENT_AREA),
        (r"(?P<area>.+?) (?:te office|ely centre|ely center)", OFFICE),
        (r"(?:te office|ely centre|ely center) (?:of|for) (?P<area>.+)", OFFICE),
        (r"(?P<area>.+?) employment area", EMPLOYMENT_AREA),
    )
)

READ_AS_REGION = N_(
    "region: %(value)s names a TE office's or ELY centre's area, not a region: read as the region "
    "%(region)s, which it is named after."
)
SPANS_REGIONS = N_(
    "region: %(value)s names a TE office's or ELY centre's area that spans several regions "
    "(%(regions)s): its rating is not any one region's. Give each region its own line (export the "
    "barometer by region), or copy the line once per region if the rating holds for each."
)
EMPLOYMENT_AREA_NOT_REGION = N_(
    "region: %(value)s names an employment area (työllisyysalue): a group of municipalities, not a "
    "region, and the data here has no table of which municipalities each holds. Give the region "
    "(maakunta) instead, e.g. %(region)s, which its name points to."
)
EMPLOYMENT_AREA_UNNAMED = N_(
    "region: %(value)s names an employment area (työllisyysalue): a group of municipalities, not a "
    "region, and the data here has no table of which municipalities each holds. Give the region "
    "(maakunta) instead."
)


@dataclass(frozen=True, slots=True)
class ReadAsRegion:
    """An office area's name read as a region: the region id and the warning to show (English msgid
    with its values filled in; ``translate_text`` gives it in the request's language)."""

    region: str
    warning: str


class OfficeAreas:
    """Office-area names → regions over ``Geography``'s 19 regions and the areas known to span
    several (``from_rows`` of ``office_areas_spanning.csv``: area_fi, area_sv, regions joined by "|",
    source)."""

    def __init__(self, geography: Geography, spanning: Mapping[str, tuple[str, ...]]) -> None:
        self.geography = geography
        self._spanning = dict(spanning)  # folded area name (each spelling) → region ids
        self._single: dict[str, str] = {}  # folded area name (each spelling) → region id
        for region in geography.regions.values():
            for key in _spellings_of(region.name_fi, region.name_sv):
                self._single.setdefault(key, region.id)

    @classmethod
    def from_rows(cls, geography: Geography, rows: Iterable[Mapping[str, str]]) -> OfficeAreas:
        """Raises ``ValueError`` for a row naming a region ``geography`` does not have."""
        spanning: dict[str, tuple[str, ...]] = {}
        for row in rows:
            regions = tuple(r.strip() for r in row["regions"].split("|") if r.strip())
            unknown = [r for r in regions if r not in geography.regions]
            if unknown or len(regions) < 2:
                raise ValueError(f"{SPANNING_FILE}: bad regions {row['regions']!r}")
            for key in _spellings_of(row["area_fi"], row["area_sv"]):
                spanning[key] = regions
        return cls(geography, spanning)

    def read(self, text: str) -> ReadAsRegion | None:
        """``text`` read as an office area (see the module doc): ``ReadAsRegion``, or None when it
        names no such area. Raises ``UnknownPlaceError`` for an area spanning regions and for an
        employment area."""
        key = fold(str(text))
        for pattern, kind in _PATTERNS:
            match = pattern.fullmatch(key)
            if match is None:
                continue
            area = match["area"].strip()
            if kind == EMPLOYMENT_AREA:
                raise UnknownPlaceError(self._employment_area(text, area))
            if area in self._spanning:
                names = " + ".join(self._name(r) for r in self._spanning[area])
                raise UnknownPlaceError(SPANS_REGIONS % {"value": repr(text), "regions": names})
            region = self._single.get(area)
            if region is not None:
                return ReadAsRegion(
                    region, READ_AS_REGION % {"value": repr(text), "region": self._name(region)}
                )
        return None

    def _employment_area(self, text: str, area: str) -> str:
        region = self._single.get(area) or self._spanning.get(area, ("",))[0]
        if not region:
            towns = self.geography._named_within(area)  # "tampereen seudun" → Tampere
            regions = {
                self.geography.region_of(code) for code in towns if code in self.geography.municipalities
            }
            region = regions.pop() if len(regions) == 1 else ""
        if region:
            return EMPLOYMENT_AREA_NOT_REGION % {"value": repr(text), "region": self._name(region)}
        return EMPLOYMENT_AREA_UNNAMED % {"value": repr(text)}

    def _name(self, region: str) -> str:
        return self.geography.regions[region].name_fi


def _spellings_of(name_fi: str, name_sv: str) -> set[str]:
    """The folded ways an office's name writes a region: the Finnish name and its genitive, the
    Swedish name and its genitive (-s, none after s/x/z)."""
    fi, sv = fold(name_fi), fold(name_sv)
    head, _, last = fi.rpartition("-")
    genitive = _GENITIVE_FI.get(last)
    found = {fi, sv, sv if sv.endswith(("s", "x", "z")) else sv + "s"}
    if genitive:
        found.add(f"{head}-{genitive}" if head else genitive)
    return found
