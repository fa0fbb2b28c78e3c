"""Finland's municipalities and regions (maakunta) as people write them, resolved to the codes stored.

Source: ``data/geo`` (Statistics Finland classifications 2025 and National Land Survey points, CC BY 4.0;
provenance in ``data/geo/README.md``). Pure Python: the services' schemas and the matching service's
imports call it; nothing here knows Flask or marshmallow.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from shared.text import plain_typography

MUNICIPALITIES_FILE = "municipalities_2025.csv"
REGIONS_FILE = "regions_2025.csv"
MERGED_FILE = "merged_municipalities.csv"
SAMI_FILE = "municipality_names_sami.csv"
FORMS_FILE = "municipality_forms_fi.csv"
MERGED_SV_FILE = "merged_municipalities_sv.csv"
#: Swedish names of abolished municipalities that ``MERGED_SV_FILE``'s source lacks (before 2005, the ceded area,
#: Sahalax), typed by hand with their provenance: data/geo/README.md; columns old_code, name_sv, kind
FORMER_SV_FILE = "former_municipality_names_sv.csv"
#: Municipalities abolished before 2005 (mergers since the 1920s, and those of the area ceded in 1944), with the
#: same columns as ``MERGED_FILE`` (an empty ``merged_into_code`` for a ceded one): data/geo/README.md
MERGED_BEFORE_2005_FILE = "merged_municipalities_before_2005.csv"
#: The year of the area Finland ceded in the Moscow Armistice (19.9.1944): ``merged_into_code`` empty
CEDED_YEAR = 1944
#: How close (difflib ratio) a former name must be to be suggested: closer than a current name (0.8), as
#: the 286 former names are many short ones ("Atlantis" is 0.8 to Kalanti, 1993)
FORMER_CUTOFF = 0.85
RENAMED_FILE = "renamed_municipalities.csv"
CLASSIFICATION_YEAR = 2025
#: Regions (ids) with no fixed road link to the rest of Finland: Åland (Ahvenanmaa, maakunta 21) is
#: reached from the mainland only by ferry (Turku/Naantali–Mariehamn, about five hours) or by air,
#: so no distance between it and the mainland is a commute (data/geo/README.md, "Distances").
NO_ROAD_LINK = frozenset({"ahvenanmaa"})


class UnknownPlaceError(ValueError):
    """Text that names no municipality or region (or names more than one); the message says which
    values are accepted and, where it helps, what the text could have meant."""


@dataclass(frozen=True, slots=True)
class Region:
    """A region (maakunta). ``id`` is the stored identifier: the Finnish name in lower-case ASCII."""

    id: str  # e.g. "pirkanmaa", "etela-pohjanmaa"
    code: str  # Statistics Finland maakunta code, 2 digits, e.g. "06"
    name_fi: str
    name_sv: str


@dataclass(frozen=True, slots=True)
class Municipality:
    code: str  # Statistics Finland municipality code, 3 digits with leading zeros, e.g. "020"
    name_fi: str
    name_sv: str
    region: str  # region id, e.g. "pirkanmaa"
    region_fi: str
    region_sv: str
    lat: float  # WGS84 degrees, the administrative centre
    lon: float
    region_code: str = ""  # maakunta code, e.g. "06"
    language: str = ""  # Finnish | Swedish | bilingual
    majority_language: str = ""  # Finnish | Swedish


@dataclass(frozen=True, slots=True)
class Abolished:
    """An abolished municipality code (a merger since the 1920s, ``MERGED_FILE`` and ``MERGED_BEFORE_2005_FILE``),
    and the 2025 code(s) now holding its land; none for a municipality of the area ceded in 1944 (Viipuri)."""

    code: str
    name: str
    #: one, except a municipality split between several (Längelmäki); () for one in the ceded area
    successors: tuple[str, ...]
    year: int  # the merger took effect on 1 January of this year


@dataclass(frozen=True, slots=True)
class Renamed:
    """A former name of a current municipality renamed without a change of code (445 Länsi-Turunmaa /
    Väståboland, Parainen / Pargas since 1.1.2012)."""

    name: str  # the former name as written, Finnish or Swedish
    code: str  # the current code, which the municipality had under this name too
    year: int  # the new name took effect on 1 January of this year


@dataclass(frozen=True, slots=True)
class Resolved:
    """What an input municipality became: the current code, and a notice when it was not that code."""

    code: str
    notice: str | None = None


# Sámi letters that Unicode does not decompose into a base letter and a diacritic ("Soađegilli")
_SAMI_LETTERS = str.maketrans({"đ": "d", "ŋ": "n", "ŧ": "t", "ʒ": "z", "ǥ": "g", "ǩ": "k"})


def fold(text: str) -> str:
    """Case-, space-, diacritic- and typography-insensitive key: ``" Närpiö "`` → ``"narpio"``,
    ``"Mänttä–Vilppula"`` (an en dash) → ``"mantta-vilppula"``, ``"Soađegilli"`` → ``"soadegilli"``,
    a pasted zero-width space dropped (``shared.text.plain_typography``)."""
    text = " ".join(plain_typography(text).split()).casefold().translate(_SAMI_LETTERS)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


_STATISTICS_CODE = re.compile(r"ku?\s*(\d{1,4})")
_WORDS = re.compile(
    r"[^\W\d_]+(?:[-:][^\W\d_]+)*"
)  # letter words, hyphenated ones whole ("mantta-vilppula", "s:t")
_TITLE = re.compile(r"^(.+?) (kaupunki|kunta|stad|kommun)$")
#: A rural municipality written with its town's name: "pieksamaki mlk", "borga landskommun", "jyvaskyla lk"
_RURAL = re.compile(r"(.+?) (?:mlk\.?|maalaiskunta|lk\.?|landskommun)")


def _spellings(key: str) -> list[str]:
    """Folded ``key``'s readings as a name, most literal first: spaces around hyphens dropped; a title
    word (kaupunki, kunta, stad, kommun) dropped, with the genitive -n/-en ("tampereen" → "tampere",
    "iin" → "ii") or, before stad/kommun, the Swedish genitive -s ("jakobstads" → "jakobstad") undone. Only readings that are a name count (``Geography.municipality``)."""
    key = re.sub(r"\s*-\s*", "-", key)
    found = [key]
    title = _TITLE.match(key)
    if title:
        name = title.group(1)
        found.append(name)
        if name.endswith("n"):
            found.append(name[:-1])
            if name.endswith("en"):
                found.append(name[:-2])
        if name.endswith("s") and title.group(2) in ("stad", "kommun"):
            found.append(name[:-1])  # the Swedish genitive: "Jakobstads stad", "Korsholms kommun"
    return found


# Areas of several municipalities that people name as one place. Source: the capital region
# (pääkaupunkiseutu / huvudstadsregionen) is Helsinki, Espoo, Vantaa and Kauniainen, as Statistics
# Finland's Helsinki region statistics and HSY (the four cities' joint authority, hsy.fi) define it.
_CAPITAL_REGION = ("091", "049", "092", "235")
AREAS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(
        (
            "paakaupunkiseutu",
            "pk-seutu",
            "paakaupunkiseudulla",
            "huvudstadsregionen",
            "huvudstadsregion",
            "huvudstadsomradet",
            "capital region",
            "helsinki capital region",
            "helsinki metropolitan area",
            "metropolitan area",
        ),
        _CAPITAL_REGION,
    ),
}

# Finnish locative case endings, folded (ä → a): inessive -ssa, elative -sta, adessive -lla, ablative
# -lta, allative -lle. A place name takes the inner (-ssa) or outer (-lla) cases by usage; both are read.
_LOCATIVE = ("ssa", "sta", "lla", "lta", "lle")


def _locative_stems(key: str) -> list[str]:
    """The stems of a folded word in a locative case, to be read as a name (``vaasassa`` → ``vaasa``)
    or as the stem of a recorded genitive in -n (``tampereella`` → ``tamperee``, ``tampereen``;
    ``helsingista`` → ``helsingi``, ``helsingin``: gradation as Wiktionary records the genitive)."""
    stems = [key[: -len(end)] for end in _LOCATIVE if key.endswith(end) and len(key) > len(end) + 1]
    if key.endswith(("lla", "lta", "lle")) and key[:-3] + "la" in _CONTRACTING:
        stems.append(key[:-3] + "la")  # "Kangasalla" (Kangasala)
    return stems


# Names in -la whose outer cases people contract ("Kangasalla", "Kangasalta", "Kangasalle" for
# Kangasala): only these, since the rule read for any name in -la takes a typo for a name
# ("Jyvaskylla" is no form of Jyväskylä, which takes the inner cases, and stays a near miss with a
# suggestion; outside tester 10's input).
_CONTRACTING = frozenset({"kangasala"})


# Compound names whose first part is an adjective inflect in both parts (outside tester 27, T27-12):
# "Uusikaupunki" → "Uudessakaupungissa", "Uuteenkaupunkiin"; "Isokyrö" → "Isossakyrössä", "Isoonkyröön".
# Per adjective (folded): its nominative, its genitive, and the stems its locative and illative forms begin
# with (Finnish grammar: uusi : uuden : uudessa : uuteen; iso : ison : isossa : isoon; pieni : pienen :
# pienessä : pieneen; vanha : vanhan : vanhassa : vanhaan). Names read: Uusikaupunki, Uusikaarlepyy, Isokyrö
# (and any future Pieni-/Vanha- name).
_ADJECTIVES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("uusi", "uuden", ("uudessa", "uudesta", "uudella", "uudelta", "uudelle", "uuteen")),
    ("iso", "ison", ("isossa", "isosta", "isolla", "isolta", "isolle", "isoon")),
    ("pieni", "pienen", ("pienessa", "pienesta", "pienella", "pienelta", "pienelle", "pieneen")),
    ("vanha", "vanhan", ("vanhassa", "vanhasta", "vanhalla", "vanhalta", "vanhalle", "vanhaan")),
)


def _adjective_first_parts(key: str) -> list[str]:
    """``key`` (folded) with an inflected adjective first part given as the genitive and as the nominative
    ("uudessakaupungissa" → "uudenkaupungissa", "uusikaupungissa"), so that the rest is read as one word;
    nothing when ``key`` begins with none."""
    for nominative, genitive, cases in _ADJECTIVES:
        for case in cases:
            if key.startswith(case) and len(key) > len(case) + 2:
                rest = key[len(case) :]
                return [genitive + rest, nominative + rest]
    return []


def _illative_stems(key: str) -> list[str]:
    """The names a folded word in the illative may be (Finnish: the last vowel lengthened and -n,
    "helsinkiin" → "helsinki", "kristiinankaupunkiin"; after a long vowel -hVn, "uusikaarlepyyhyn"); names
    whose illative changes more ("Tampereeseen") are read from the recorded forms."""
    found = []
    if len(key) > 4 and key.endswith("n") and key[-2] == key[-3] and key[-2] in "aeiouy":
        found.append(key[:-2])  # "helsinkiin" → "helsinki"
    if len(key) > 5 and key[-3] == "h" and key.endswith("n") and key[-2] == key[-4] == key[-5]:
        found.append(key[:-3])  # "uusikaarlepyyhyn" → "uusikaarlepyy"
    return found


def _common_prefix(a: str, b: str) -> int:
    """How many first letters ``a`` and ``b`` share."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    """How many last letters ``a`` and ``b`` share."""
    return _common_prefix(a[::-1], b[::-1])


def region_id(name_fi: str) -> str:
    """The stored region id: the Finnish name in lower-case ASCII (``Päijät-Häme`` → ``paijat-hame``)."""
    return fold(name_fi).replace(" ", "-")


class Geography:
    """Every municipality of 2025, the 19 regions, and the codes abolished since 2005 and before (from the 1920s;
    those of the area ceded in 1944 with no successor).

    Build it with ``Geography.from_rows`` (``shared.reference.geography`` reads ``data/geo``).
    """

    def __init__(
        self,
        municipalities: Iterable[Municipality],
        regions: Iterable[Region],
        abolished: Iterable[Abolished] = (),
        *,
        other_names: Iterable[tuple[str, str]] = (),
        forms: Iterable[tuple[str, str]] = (),
        old_names_sv: Iterable[tuple[str, str]] = (),
        renamed: Iterable[Renamed] = (),
    ) -> None:
        """``renamed``: former names of current municipalities (a name change without a new code),
        read like the abolished names: mapped to today's code with a notice. ``other_names``: (name, code) pairs read like the Finnish and Swedish names (the Sámi
        names); ``forms``: (inflected form, code) pairs read only when the text is no name
        ("Helsingin", "Hki"); ``old_names_sv``: (abolished code, Swedish name) pairs read like the
        abolished Finnish names ("Ekenäs" → 710 Raseborg). A pair naming an unknown code is ignored."""
        self.municipalities: dict[str, Municipality] = {m.code: m for m in municipalities}
        self.regions: dict[str, Region] = {r.id: r for r in regions}
        self.abolished: dict[str, Abolished] = {a.code: a for a in abolished}
        self._names: dict[str, str] = {}
        self._spelled: dict[str, str] = {}  # folded name → the name as written, for suggestions
        for m in self.municipalities.values():
            for name in (m.name_fi, m.name_sv, m.name_fi.removesuffix(" kunta")):
                self._names.setdefault(fold(name), m.code)
                self._spelled.setdefault(fold(name), name)
        for name, code in other_names:
            if code in self.municipalities:
                self._names.setdefault(fold(name), code)
                self._spelled.setdefault(fold(name), name)
        self._forms: dict[str, str] = {}
        for form, code in forms:
            if code in self.municipalities:
                self._forms.setdefault(fold(form), code)
        for form, code in self._derived_genitives():
            if form not in self._names:
                self._forms.setdefault(form, code)
        self._old_names: dict[str, Abolished] = {}
        for a in self.abolished.values():
            self._old_names.setdefault(fold(a.name), a)
            # Statistics Finland abbreviates "maalaiskunta" (rural municipality); people write it out
            if a.name.endswith(" mlk"):
                self._old_names.setdefault(fold(a.name.removesuffix("mlk") + "maalaiskunta"), a)
                self._old_names.setdefault(fold(a.name + "."), a)  # "Pieksämäen mlk."
        self.old_names_sv: dict[str, str] = {}  # abolished code → its Swedish name, when it had one
        for code, name in old_names_sv:
            if code in self.abolished:
                self.old_names_sv.setdefault(code, name)
            if code in self.abolished and fold(name) not in self._names:
                self._old_names.setdefault(fold(name), self.abolished[code])
        #: the former municipalities by their own names (Finnish, and Swedish where the data give one), the
        #: name as written, and every name a suggestion may weigh (``suggestions`` offers only the readable ones)
        self._former_spelled = {
            key: a
            for key, a in self._old_names.items()
            if key in (fold(a.name), fold(self.old_names_sv.get(a.code, a.name)))
        }
        self._former_written = {
            key: a.name if key == fold(a.name) else self.old_names_sv[a.code]
            for key, a in self._former_spelled.items()
        }
        self._candidates = [*self._spelled, *(k for k in self._former_spelled if k not in self._spelled)]
        self._renamed: dict[str, Renamed] = {}
        for item in renamed:
            if item.code in self.municipalities and fold(item.name) not in self._names:
                self._renamed.setdefault(fold(item.name), item)
        self._region_keys: dict[str, str] = {}
        for r in self.regions.values():
            for key in (r.id, r.name_fi, r.name_sv, r.code, r.code.lstrip("0"), f"mk{r.code}"):
                self._region_keys[fold(key)] = r.id

    def _derived_genitives(self) -> list[tuple[str, str]]:
        """(folded genitive, code) for the municipalities none of whose recorded forms ends in -n (the
        dictionary has none for Kristiinankaupunki, Koski Tl, Pedersören kunta; outside tester 27,
        T27-12), so that their locatives are read as the others' are: a title's genitive is its first
        word ("Pedersören kunta" → "pedersören"); otherwise the name's first word takes the ending of the
        recorded name that shares the longest ending with it, the changing part included (consonant
        gradation as that name has it: "kristiinankaupunki" like "helsinki" → "kristiinankaupungin",
        "koski" like "valkeakoski" → "kosken")."""
        genitives: dict[str, str] = {}  # folded name → its genitive: the shortest recorded form in -n
        names_by_code = {code: fold(m.name_fi) for code, m in self.municipalities.items()}
        for form, code in self._forms.items():
            name = names_by_code[code]
            if (
                form.endswith("n")
                and " " not in name
                and (name not in genitives or len(form) < len(genitives[name]))
            ):
                genitives[name] = form
        derived = []
        for code, name in names_by_code.items():
            if name in genitives:
                continue
            title = _TITLE.match(name)
            if title and title.group(1).endswith("n"):
                derived.append((title.group(1), code))
                continue
            word = name.split(" ")[0]
            best: tuple[int, str] | None = None
            for other, genitive in genitives.items():
                same = _common_prefix(other, genitive)  # the part of the name the genitive keeps
                shared = _common_suffix(other, word)
                if other != word and len(other) - same <= shared and (best is None or shared > best[0]):
                    best = (shared, word[: len(word) - (len(other) - same)] + genitive[same:])
            if best is not None:
                derived.append((best[1], code))
        return derived

    @classmethod
    def from_rows(
        cls,
        municipalities: Iterable[Mapping[str, str]],
        regions: Iterable[Mapping[str, str]],
        merged: Iterable[Mapping[str, str]] = (),
        sami: Iterable[Mapping[str, str]] = (),
        forms: Iterable[Mapping[str, str]] = (),
        merged_sv: Iterable[Mapping[str, str]] = (),
        renamed: Iterable[Mapping[str, str]] = (),
    ) -> Geography:
        """From the rows of ``data/geo``'s CSV files (columns as in its README): municipalities,
        regions, merged municipalities, Sámi names (code, name), Finnish name forms (form, code) and
        the Swedish names of merged municipalities (old_code, name_sv) and the former names of renamed
        ones (code, old_name_fi, old_name_sv, year)."""
        by_code = {
            r["code"]: Region(region_id(r["name_fi"]), r["code"], r["name_fi"], r["name_sv"]) for r in regions
        }
        towns = [
            Municipality(
                code=r["code"],
                name_fi=r["name_fi"],
                name_sv=r["name_sv"],
                region=by_code[r["region_code"]].id,
                region_fi=r["region_fi"],
                region_sv=r["region_sv"],
                lat=float(r["lat"]),
                lon=float(r["lon"]),
                region_code=r["region_code"],
                language=r.get("language", ""),
                majority_language=r.get("majority_language", ""),
            )
            for r in municipalities
        ]
        old: dict[str, Abolished] = {}
        for r in merged:
            code = r["old_code"]
            prior = old.get(code)
            into = (r["merged_into_code"],) if r["merged_into_code"] else ()  # empty: the ceded area
            successors = (*prior.successors, *into) if prior else into
            old[code] = Abolished(code, r["old_name"], successors, int(r["year"]))
        return cls(
            towns,
            by_code.values(),
            old.values(),
            other_names=[(r["name"], r["code"]) for r in sami],
            forms=[(r["form"], r["code"]) for r in forms],
            old_names_sv=[(r["old_code"], r["name_sv"]) for r in merged_sv],
            renamed=[
                Renamed(name, r["code"], int(r["year"]))
                for r in renamed
                for name in dict.fromkeys((r["old_name_fi"], r["old_name_sv"]))
                if name
            ],
        )

    def name_keys(self) -> set[str]:
        """The folded keys read as a name before any form: current Finnish, Swedish and Sámi names
        and abolished names (``shared.geography_forms`` leaves these out of the forms)."""
        return set(self._names) | set(self._old_names) | set(self._renamed)

    # -- municipalities ---------------------------------------------------------------------------
    def municipality(self, text: str) -> Resolved:
        """The current code for a code, an unpadded code, a Finnish or Swedish name, or an abolished
        code, Finnish or Swedish name ("Jyväskylän mlk" or "Jyväskylän maalaiskunta", "Ekenäs", "Hiittinen";
        mapped to its successor, with a notice; a rural municipality also as "Borgå landskommun": ``_rural``), a former name of a renamed one ("Länsi-Turunmaa", "Väståboland":
        445 Parainen, with a notice), or a name in a Finnish locative case ("Tampereella",
        "Vaasassa", "Helsingistä": ``_locative_stems``). Raises ``UnknownPlaceError``, saying so for a
        postal code ("33100"), that a municipality of the area ceded in 1944 ("Viipuri") has no successor, and
        naming the municipalities of a text that names several ("Helsinki-Vantaa", "Pääkaupunkiseutu")."""
        raw = " ".join(plain_typography(str(text)).split())
        if not raw:
            raise UnknownPlaceError("Give a municipality code (e.g. '837' for Tampere) or name.")
        if raw.isdigit() and len(raw) == 5:  # Finnish postal codes have five digits
            raise UnknownPlaceError(
                f"{raw!r} is a postal code, not a municipality: give the municipality's name or its "
                "Statistics Finland code (e.g. 'Tampere' or '837')."
            )
        if raw.isdigit():
            code = (raw.lstrip("0") or "0").zfill(3)  # Excel writes 020 as 20
            if code in self.municipalities:
                return Resolved(code)
            if code in self.abolished:
                return self._successor(self.abolished[code], f"code {code}")
            raise UnknownPlaceError(
                f"Unknown municipality code {raw!r}: not a Statistics Finland code of {CLASSIFICATION_YEAR} "
                "(3 digits, e.g. '837' Tampere, '020' Akaa) nor one abolished by a merger."
            )
        key = fold(raw)
        if key in self._names:
            return Resolved(self._names[key])
        if key in self._old_names:
            return self._successor(self._old_names[key], repr(raw))
        if key in self._renamed:  # outside tester 26, F8: "Länsi-Turunmaa", "Väståboland"
            return self._renamed_to(self._renamed[key], repr(raw))
        rural = self._rural(
            key
        )  # "Pieksämäki mlk", "Borgå landskommun", "Jyväskylä lk" (outside tester 37, K5)
        if rural is not None:
            return self._successor(rural, repr(raw))
        # Outside tester 10, L8: as people write it on forms. Tried only when the text is no name:
        # Statistics Finland's own code form "KU091"/"K091", spaces around a hyphen ("Mänttä - Vilppula"),
        # and the municipality's own title "Tampereen kaupunki", "Iin kunta", "Vasa stad", "Pedersöre
        # kommun" (the name, or its genitive in -n/-en, before the word; tested against every name).
        statistics_code = _STATISTICS_CODE.fullmatch(key)
        if statistics_code:
            return self.municipality(statistics_code.group(1))
        spellings = _spellings(key)
        for spelling in spellings:
            if spelling in self._names:
                return Resolved(self._names[spelling])
        # an inflected form of exactly one name, as Wiktionary records it (data/geo/municipality_forms_fi.csv):
        # the gradated genitive of a title ("Helsingin kaupunki", "Turun", "Lahden", "Kauniaisten") and "Hki"
        for spelling in spellings:
            if spelling in self._forms:
                return Resolved(self._forms[spelling])
        # a name in a locative case (outside tester 15, P13): "Tampereella", "Vaasassa", "Helsingistä";
        # in the illative ("Kristiinankaupunkiin"); a compound's adjective inflected too (outside tester 27,
        # T27-12: "Uudessakaupungissa", "Isossakyrössä", "Uudessakaarlepyyssä")
        for word in (key, *_adjective_first_parts(key)):
            for stem in _locative_stems(word):
                found = self._names.get(stem) or self._forms.get(stem + "n")
                if found is None and stem in self._old_names:
                    return self._successor(self._old_names[stem], repr(raw))
                if found is not None:
                    return Resolved(found)
            for name in (word, *_illative_stems(word)):
                found = self._names.get(name) or self._forms.get(name)
                if found is not None and name != key:
                    return Resolved(found)
        # the first word(s) of exactly one municipality's name: "Koski" for "Koski Tl" ("S:t" is three)
        begun = {code for name, code in self._names.items() if name.startswith(key + " ")}
        if len(begun) == 1:
            return Resolved(begun.pop())
        # as ads and addresses write it (outside tester 16, P12): "33720 Tampere", "Tampere, Hervanta",
        # "Kangasala (Suinula)", "Sastamala / Vammala"
        written = self._as_written(raw)
        if written is not None:
            return written
        # two municipalities named in one text ("Jakobstad (Pedersöre)", "Tampere (Nokia)"): which
        # one is meant is the writer's to say, but neither is unknown (outside tester 18, P15)
        several = self.several(key) or (
            self.named_within(key, limit=5) if len(self._named_within(key)) >= 2 else ""
        )
        if several:
            raise UnknownPlaceError(
                f"{raw!r} names several municipalities: give one of {several} (the one where the work "
                "is done or the person lives)."
            )
        region = self._region_keys.get(key)
        if region is not None:
            raise UnknownPlaceError(
                f"{raw!r} is a region, not a municipality: give the municipality of "
                f"{self.regions[region].name_fi} where the work is done or the person lives (its name or "
                "Statistics Finland code)."
            )
        close = self.named_within(key) or self.suggestions(spellings)
        if close:
            raise UnknownPlaceError(
                f"Unknown municipality {raw!r}: did you mean {close}? Give the Statistics Finland code "
                "(e.g. '837') or the Finnish or Swedish name (e.g. 'Vaasa' or 'Vasa')."
            )
        raise UnknownPlaceError(
            f"Unknown municipality {raw!r}: give the Statistics Finland code (e.g. '837') or the Finnish "
            "or Swedish name (e.g. 'Vaasa' or 'Vasa'). A district or village (e.g. Hervanta) is not a "
            "municipality: give the municipality it is in."
        )

    def _rural(self, key: str) -> Abolished | None:
        """The abolished rural municipality (maalaiskunta, landskommun) that the folded ``key`` names by its
        town's name in any reading ``municipality`` knows, Finnish or Swedish, current or former, and one of
        the words ``mlk``, ``maalaiskunta``, ``lk``, ``landskommun`` ("Pieksämäki mlk", "Borgå landskommun",
        "Karis landskommun", "Jyväskylä lk"), else None. Statistics Finland lists each as "<the town's Finnish
        genitive> mlk" (``Pieksämäen mlk``), read directly; this reads the other ways people write it: the
        rural municipality whose land is today in the same municipality as the town's and whose name starts
        like the town's Finnish name (the genitive's stem: "Karjaa" → "Karjaan mlk", not "Tammisaaren mlk",
        though both are in 710 Raasepori today)."""
        m = _RURAL.fullmatch(key)
        if m is None:
            return None
        base = m.group(1)
        try:
            town = self.municipality(base)
        except UnknownPlaceError:
            return None
        former = self._old_names.get(base)
        town_fi = fold(former.name if former is not None else self.municipalities[town.code].name_fi)
        rural = [
            a for a in self.abolished.values() if a.name.endswith(" mlk") and a.successors == (town.code,)
        ]
        same = [a for a in rural if _common_prefix(fold(a.name), town_fi) >= max(3, len(town_fi) - 3)]
        return same[0] if len(same) == 1 else None

    def _as_written(self, raw: str) -> Resolved | None:
        """The municipality of ``raw`` written as ads and addresses write it, else None: after a
        postal code ("33720 Tampere", "Tampere 33720"), before a district or village set off by a comma or in
        parentheses ("Tampere, Hervanta", "Kangasala (Suinula)"; the district must name no other
        municipality: "Tampere (Nokia)" is None), after one ("Hervanta, Tampere", "Suinula (Kangasala)";
        the district must be no municipality's name, form or former name and close to none: "Koski, Tampere"
        and "Tamprere, Nokia" are None), or twice, by two of its names joined by a slash
        ("Sastamala / Vammala": the current and the former name; "Vaasa / Vasa") or a spaced dash
        ("Maarianhamina – Mariehamn") or an unspaced one ("Vaasa–Vasa"). What is stored is
        the municipality's code alone; the postal code and the district are not kept."""
        postal = re.fullmatch(r"(\d{5})\s*,?\s*(\D.*)", raw)
        postal = postal or re.fullmatch(r"()(\D.*?)\s*,?\s*\d{5}", raw)  # "Tampere 33720"
        if postal is not None:
            return self._resolved_or_none(postal.group(2))
        district = re.fullmatch(r"([^,()/]+?)\s*(?:,\s*([^,()]+)|\(([^()]+)\))", raw)
        if district is not None:
            first, rest = district.group(1), district.group(2) or district.group(3) or ""
            head = self._resolved_or_none(first)
            if head is not None:
                return head if rest.strip() and self._names_in(rest) <= {head.code} else None
            # the district first (outside tester 16, P12 rest): "Hervanta, Tampere", "Suinula (Kangasala)";
            # the first part must be no municipality, name none and be close to none ("Tamprere, Nokia")
            tail = self._resolved_or_none(rest) if rest.strip() else None
            key = fold(first)
            if (
                tail is None
                or self._names_in(first)
                or key in self._old_names
                or self.suggestions(_spellings(key))
            ):
                return None
            return tail
        # a slash, or a dash with spaces around it ("Maarianhamina – Mariehamn", outside tester 22, R5);
        # a hyphen inside a name ("Mänttä-Vilppula") is no separator
        for separator in (r"\s*/\s*|\s+[-‐‑‒–—]\s+", r"[-‐‑‒–—]"):
            # then a dash without spaces ("Vaasa–Vasa", "Pietarsaari-Jakobstad": outside tester 23, S6),
            # only when both halves name the same municipality (a name with a hyphen resolved before this)
            parts = [p for p in re.split(separator, raw) if p.strip()]
            if len(parts) == 2:
                both = [self._resolved_or_none(p.strip()) for p in parts]
                if both[0] is not None and both[1] is not None and both[0].code == both[1].code:
                    return Resolved(both[0].code)
        return None

    def _names_in(self, text: str) -> set[str]:
        """The codes of the municipalities a word or two adjacent words of ``text`` name (a name or a
        recorded form)."""
        words = _WORDS.findall(fold(text))
        return {
            code
            for i, word in enumerate(words)
            for phrase in (word, " ".join(words[i : i + 2]))
            if (code := self._names.get(phrase) or self._forms.get(phrase)) is not None
        }

    def _resolved_or_none(self, text: str) -> Resolved | None:
        try:
            return self.municipality(text)
        except UnknownPlaceError:
            return None

    def several(self, key: str) -> str:
        """The municipalities a folded ``key`` names together, as ``suggestions`` writes them; "" when
        it names no group: an area of several municipalities (``AREAS``: "Pääkaupunkiseutu",
        "huvudstadsregionen") or two or more names joined by a hyphen, slash, "ja", "och" or "and"
        ("Helsinki-Vantaa", the airport's name; "Espoo/Vantaa"), each of them a name or form."""
        if key in AREAS:
            codes = [c for c in AREAS[key] if c in self.municipalities]
            return ", ".join(f"'{self.municipalities[c].name_fi}' ({c})" for c in codes)
        parts = [p.strip() for p in re.split(r"\s*[-/&+]\s*|\s+(?:ja|och|and|tai|eller|or)\s+|,\s*", key)]
        if len(parts) < 2:
            return ""
        found = [self._names.get(p) or self._forms.get(p) for p in parts]
        codes = [c for c in found if c is not None]
        if len(codes) < len(found) or len(set(codes)) < 2:
            return ""
        return ", ".join(f"'{self.municipalities[c].name_fi}' ({c})" for c in dict.fromkeys(codes))

    def named_within(self, key: str, limit: int = 3) -> str:
        """The municipalities whose name (or a recorded form, ``municipality_forms_fi.csv``) is a word
        or two adjacent words of the folded ``key``, as ``suggestions`` writes them; "" when none. For a
        place written as people write addresses and ads: "33720 Tampere", "Tampere, Hervanta",
        "Kangasala (Lamminrahka)", "Espoo/etätyö" (outside tester 13, P7). Only suggested, never taken:
        which of the words is the municipality is the writer's to say ("Vantaa/Helsinki"); a text that
        opens with the municipality and names no other one is taken (``_as_written``)."""
        found = self._named_within(key)
        return ", ".join(f"'{name}' ({code})" for code, name in list(found.items())[:limit])

    def _named_within(self, key: str) -> dict[str, str]:
        """``named_within``'s municipalities: code → the name as written, in the text's order."""
        words = _WORDS.findall(key)
        found: dict[str, str] = {}
        for i, word in enumerate(words):
            for phrase in (word, " ".join(words[i : i + 2])):
                code = self._names.get(phrase) or self._forms.get(phrase)
                if code is not None:
                    found.setdefault(code, self._spelled.get(phrase, self.municipalities[code].name_fi))
        return found

    def suggestions(self, keys: Iterable[str], limit: int = 3) -> str:
        """The names closest to any of the folded ``keys`` (difflib ratio ≥ 0.8, at most ``limit``,
        one per municipality; ``FORMER_CUTOFF`` for a former name), written ``'Helsinki' (091)`` and joined with
        ", "; "" when none is close. Former municipalities are candidates too, by their Finnish or Swedish
        name, written as that name with their own code (``'Hiittinen' (094)``, ``'Hitis' (094)``, which is read
        as today's with a notice). When a former name is the closest, no current name less close is offered: a
        typo of a former name is never pointed to another place (outside tester 37, K5: "Hiittinen", merged
        into Kemiönsaari, got "did you mean 'Huittinen'", 150 km away; tester 37b, L2: "Hitis" got 'Itis').
        A name that is itself refused — a municipality of the area ceded in 1944 or one split between several
        (Längelmäki) — is never offered, and when it is the closest, nothing less close is either: "Salmis"
        gets no hint rather than 'Salmi', refused, or another place (tester 37b, L3)."""
        former = self._former_spelled
        found: dict[str, tuple[float, str]] = {}
        for key in keys:
            for name in difflib.get_close_matches(key, self._candidates, n=limit, cutoff=0.8):
                code = self._names[name] if name in self._spelled else former[name].code
                score = difflib.SequenceMatcher(None, key, name).ratio()
                if name not in self._spelled and score < FORMER_CUTOFF:
                    continue
                if code not in found or score > found[code][0]:
                    found[code] = (score, name)
        best = sorted(found.items(), key=lambda item: (-item[1][0], item[0]))[:limit]
        closest_former = max((score for code, (score, _) in best if code in self.abolished), default=None)
        if closest_former is not None:
            best = [(code, (score, name)) for code, (score, name) in best if score >= closest_former]
        # a refused former name (no successor, or several) is never offered
        best = [
            item
            for item in best
            if item[0] not in self.abolished or len(self.abolished[item[0]].successors) == 1
        ]
        return ", ".join(
            f"'{self._spelled[name] if name in self._spelled else self._former_written[name]}' ({code})"
            for code, (_, name) in best
        )

    def reading(self, text: str) -> tuple[str, str, int | None]:
        """How ``text`` is read as a municipality, for a message that names what two inputs have in common:
        ``(code, how, year)``. ``how``: ``"name"`` (the Finnish name, or a spelling of it), ``"code"``
        (a Statistics Finland code, "980", "KU980"), ``"swedish"`` (the Swedish name, "Birkala" for 604
        Pirkkala), ``"sami"`` (a Sámi name, "Ohcejohka"), ``"merged"`` (a municipality abolished in a merger
        on 1 January of ``year``, "Kuru" → 980 Ylöjärvi in 2009), ``"renamed"`` (a former name, changed on 1
        January of ``year``) or ``"form"`` (an inflected form or a title, "Tampereella", "Tampereen
        kaupunki"); ``year`` is None but for a merger or a renaming. Raises ``UnknownPlaceError`` as
        ``municipality`` does."""
        found = self.municipality(text)
        raw = " ".join(plain_typography(str(text)).split())
        key = fold(raw)
        town = self.municipalities[found.code]
        statistics_code = _STATISTICS_CODE.fullmatch(key)
        code = statistics_code.group(1) if statistics_code else raw
        if code.isdigit():
            abolished = self.abolished.get((code.lstrip("0") or "0").zfill(3))
            return (found.code, "merged", abolished.year) if abolished else (found.code, "code", None)
        if key in (fold(town.name_fi), fold(town.name_fi.removesuffix(" kunta"))):
            return found.code, "name", None
        if key == fold(town.name_sv):
            return found.code, "swedish", None
        if key in self._names:
            return found.code, "sami", None  # the other names are the Sámi names (``other_names``)
        if key in self._old_names:
            return found.code, "merged", self._old_names[key].year
        if key in self._renamed:
            return found.code, "renamed", self._renamed[key].year
        return found.code, "form", None

    def _renamed_to(self, old: Renamed, given: str) -> Resolved:
        town = self.municipalities[old.code]
        return Resolved(
            old.code,
            f"Municipality {given} was renamed on 1.1.{old.year}: today it is {old.code} {town.name_fi} "
            f"({town.name_sv}): using that.",
        )

    def _successor(self, old: Abolished, given: str) -> Resolved:
        if not old.successors:
            # the area ceded in 1944: no municipality of today holds it, so no other place is suggested
            raise UnknownPlaceError(
                f"Municipality {given} ({old.name}) was in the area Finland ceded in {CEDED_YEAR}: no Finnish "
                "municipality holds it today. Give the current municipality where the work is done or the person lives."
            )
        names = [f"{c} {self.municipalities[c].name_fi}" for c in old.successors if c in self.municipalities]
        if len(old.successors) != 1:
            raise UnknownPlaceError(
                f"Municipality {old.code} {old.name} was split in {old.year} between "
                f"{' and '.join(names)}: give the current municipality."
            )
        new = old.successors[0]
        return Resolved(
            new,
            # the data name the municipality holding the land today (through later mergers too),
            # so say that rather than "merged into" (944 Vöyri became 945 in 2007, 946 in 2011)
            f"Municipality {given} ({old.name}) was abolished in a merger on 1.1.{old.year}; its area "
            f"is today in {names[0] if names else new}: using that.",
            # (shared.api_messages holds it as two msgids: "code 099" and a name as given)
        )

    # -- regions ----------------------------------------------------------------------------------
    def region(self, text: str) -> Region:
        """The region for an id, a Finnish or Swedish name or a maakunta code, in any case.
        Raises ``UnknownPlaceError`` naming the known region ids."""
        found = self._region_keys.get(fold(str(text)))
        if found is None:
            raise UnknownPlaceError(
                f"Unknown region {text!r}. Known regions: {', '.join(sorted(self.regions))} "
                "(Finnish or Swedish names and maakunta codes are accepted too)."
            )
        return self.regions[found]

    def region_of(self, code: str) -> str:
        """The region id of a current municipality code; raises ``KeyError`` for any other code."""
        return self.municipalities[code].region

    def home_regions(self) -> dict[str, str]:
        """Municipality code → region id for every code a record may carry: the current codes, and
        each abolished code whose successors all lie in one region (a code split between regions
        has no region). Who sees a jobseeker by where they live reads it
        (``shared.entitlement.viewer``)."""
        found = {m.code: m.region for m in self.municipalities.values()}
        for a in self.abolished.values():
            regions = {found[s] for s in a.successors if s in found}
            if len(regions) == 1 and len(a.successors) == sum(s in found for s in a.successors):
                found.setdefault(a.code, regions.pop())
        return found

    def road_networks(self) -> dict[str, str]:
        """Municipality code → the road network it lies on, for every code a record may carry
        (``home_regions``) that is not on the mainland's: the region id of each region in
        ``NO_ROAD_LINK`` (Åland's 16 municipalities → ``ahvenanmaa``). A distance between codes on
        different networks crosses the sea (outside tester 26, T26-12: Mariehamn–Vaasa 448 km was
        shown as a commute). Ferries inside an archipelago (Kökar, Föglö; Houtskär in Parainen) are
        not in the data, which places a municipality at its administrative centre only."""
        return {code: region for code, region in self.home_regions().items() if region in NO_ROAD_LINK}

    def coordinates(self, *, with_abolished: bool = False) -> dict[str, tuple[float, float]]:
        """Municipality code → (lat, lon) in WGS84 degrees. ``with_abolished`` adds every abolished
        code with a single successor at its successor's point (for records written before a merger)."""
        points = {m.code: (m.lat, m.lon) for m in self.municipalities.values()}
        if with_abolished:
            for a in self.abolished.values():
                if len(a.successors) == 1 and a.successors[0] in points:
                    points.setdefault(a.code, points[a.successors[0]])
        return points
