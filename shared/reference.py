"""Reference data every service validates against: ESCO concept URIs and Finland's municipalities and
regions (``shared.geography``).

Only identifiers and labels: the matching service's richer taxonomy (relations, hierarchy, vectors)
belongs to its own domain. Files come from the reference directory (``data/`` by default); see
``data/README.md`` for their provenance.
"""

from __future__ import annotations

import csv
import gzip
import io
import itertools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal
from urllib.parse import parse_qs, unquote, urlsplit

from shared.config import reference_data_dir
from shared.geography import (
    FORMER_SV_FILE,
    FORMS_FILE,
    MERGED_BEFORE_2005_FILE,
    MERGED_FILE,
    MERGED_SV_FILE,
    MUNICIPALITIES_FILE,
    REGIONS_FILE,
    RENAMED_FILE,
    SAMI_FILE,
    Geography,
    Municipality,
)
from shared.i18n import register_place_names
from shared.languages import UI_LANGUAGES
from shared.office_areas import SPANNING_FILE, OfficeAreas

__all__ = [
    "EscoCatalogue",
    "Geography",
    "Municipality",
    "UnknownConceptError",
    "esco_catalogue",
    "geography",
    "municipalities",
    "read_csv",
]

ESCO_BASE = "http://data.europa.eu/esco/"
_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_CONCEPT = re.compile(
    rf"^(?:https?://)?data\.europa\.eu/esco/(?P<kind>[a-z]+)/(?P<id>{_UUID})/*$", re.IGNORECASE
)
_BARE_UUID = re.compile(rf"^{_UUID}$")
_VERSION_IN_NAME = re.compile(r"^esco-v(\d+(?:\.\d+)*)-classification-", re.IGNORECASE)
Kind = Literal["skill", "occupation"]


def read_csv(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a UTF-8 CSV file, gzip-compressed when the name ends in ``.gz``."""
    raw = gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb")  # noqa: SIM115
    with raw, io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as text:
        yield from csv.DictReader(text)


class UnknownConceptError(ValueError):
    """Not a URI of an ESCO concept of the expected kind in the ESCO version the service uses;
    the message says which and why."""


def canonical_esco_uri(text: str) -> tuple[str, str] | None:
    """``(kind, canonical URI)`` of any harmless spelling of an ESCO concept URI, else None.

    Accepted: ``https://``, no scheme, upper-case host or UUID, trailing slashes, surrounding
    whitespace or angle brackets, and the ESCO portal's page address (``…?uri=<percent-encoded URI>``).
    The canonical form is ``http://data.europa.eu/esco/<kind>/<lower-case UUID>``, as ESCO publishes it.
    """
    raw = str(text).strip().strip("<>").strip()
    m = _CONCEPT.match(raw)
    if m is None and "uri=" in raw:
        inner = parse_qs(urlsplit(raw).query).get("uri", [""])[0]
        m = _CONCEPT.match(unquote(inner).strip())
    if m is None:
        return None
    kind = m["kind"].lower()
    return kind, f"{ESCO_BASE}{kind}/{m['id'].lower()}"


#: A concept's preferred labels: language (``shared.languages.UI_LANGUAGES``) → label, for the
#: languages the ESCO files have a ``preferredLabel_<lang>`` in (today en and fi; sv is a data change)
Labels = dict[str, str]


def labelled(uris: Sequence[str], labels: Mapping[str, Sequence[str]]) -> dict[str, Labels]:
    """URI → its ``Labels`` from label columns (language → one label per URI, in ``uris`` order);
    languages outside ``UI_LANGUAGES`` and empty labels are left out."""
    langs = [lang for lang in UI_LANGUAGES if lang in labels]
    return {uri: {lang: label for lang in langs if (label := labels[lang][i])} for i, uri in enumerate(uris)}


@dataclass(frozen=True, slots=True)
class EscoCatalogue:
    """ESCO skill and occupation URIs with their labels in each language the data has, of one ESCO
    version. A label asked for in a language the data lacks is the English one (ESCO's own fallback)."""

    skills: dict[str, Labels]
    occupations: dict[str, Labels]
    version: str = "v1.1.1"

    def has_skill(self, uri: str) -> bool:
        return uri in self.skills

    def has_occupation(self, uri: str) -> bool:
        return uri in self.occupations

    def resolve(self, text: str, kind: Kind) -> str:
        """The canonical URI of a concept of ``kind`` written in any harmless variant (see
        ``canonical_esco_uri``; a bare UUID is read as a concept of ``kind``).

        Raises ``UnknownConceptError`` saying whether the text is no ESCO URI at all, a concept of the
        other kind, or a concept this catalogue's ESCO version does not have."""
        raw = str(text).strip()
        found = canonical_esco_uri(raw)
        if found is None and _BARE_UUID.match(raw):
            found = (kind, f"{ESCO_BASE}{kind}/{raw.lower()}")
        if found is None:
            raise UnknownConceptError(
                f"Not an ESCO {kind} URI: expected {ESCO_BASE}{kind}/<UUID> (ESCO {self.version})."
            )
        got, uri = found
        known = self.skills if kind == "skill" else self.occupations
        if got == kind and uri in known:
            return uri
        other: Kind = "occupation" if kind == "skill" else "skill"
        if got == other and uri in (self.skills if other == "skill" else self.occupations):
            raise UnknownConceptError(f"This is an ESCO {other} URI; an ESCO {kind} URI is expected here.")
        if got != kind:
            raise UnknownConceptError(f"Not an ESCO {kind} URI: expected {ESCO_BASE}{kind}/<UUID>.")
        raise UnknownConceptError(
            f"Unknown ESCO {kind} URI: not in ESCO {self.version}, the version this service uses. "
            f"Concepts added in later ESCO versions are not known yet; choose the closest {self.version} "
            "concept (see docs/reference-data.md on ESCO upgrades)."
        )

    def skill_label(self, uri: str, lang: str = "en") -> str:
        """The skill's label in ``lang``, else in English; the URI itself when unknown."""
        return _label(self.skills.get(uri), lang, uri)

    def occupation_label(self, uri: str, lang: str = "en") -> str:
        """The occupation's label in ``lang``, else in English; the URI itself when unknown."""
        return _label(self.occupations.get(uri), lang, uri)


def _label(labels: Labels | None, lang: str, uri: str) -> str:
    return (labels.get(lang) or labels.get("en") or uri) if labels else uri


def esco_version(esco_dir: Path) -> str:
    """The ESCO version of the reference files, from the official package's name
    (``esco-v1.1.1-classification-en-csv.zip`` → ``"v1.1.1"``); ``"unknown"`` when there is none."""
    versions = {
        m[1] for p in esco_dir.glob("esco-v*-classification-*") if (m := _VERSION_IN_NAME.match(p.name))
    }
    if not versions:
        return "unknown"
    return "v" + max(versions, key=lambda v: tuple(int(x) for x in v.split(".")))


@lru_cache(maxsize=4)
def esco_catalogue(directory: Path | None = None) -> EscoCatalogue:
    """The ESCO catalogue of ``directory/esco`` (default: the repository's ``data/``):
    ``skills_en_fi.csv.gz`` and ``occupations_en_fi.csv.gz`` with their ``preferredLabel_<lang>``
    columns for the UI languages the files have, and the version from the directory's package name.
    Read once per process per directory (cached; about 14,000 skills and 3,000 occupations for ESCO
    v1.1.1). Raises ``FileNotFoundError`` when a file is missing and ``KeyError`` when a file lacks
    the ``conceptUri`` column."""
    base = (directory or reference_data_dir()) / "esco"

    def read(name: str) -> dict[str, Labels]:
        rows = list(read_csv(base / name))
        columns = {
            lang: f"preferredLabel_{lang}"
            for lang in UI_LANGUAGES
            if rows and f"preferredLabel_{lang}" in rows[0]
        }
        return labelled(
            [r["conceptUri"] for r in rows], {lang: [r[c] for r in rows] for lang, c in columns.items()}
        )

    return EscoCatalogue(
        skills=read("skills_en_fi.csv.gz"),
        occupations=read("occupations_en_fi.csv.gz"),
        version=esco_version(base),
    )


@lru_cache(maxsize=4)
def geography(directory: Path | None = None) -> Geography:
    """Finland's 308 municipalities (2025), 19 regions and the codes abolished since 2005 and before (the
    mergers since the 1920s and the municipalities of the area ceded in 1944), with the
    Sámi names of the four municipalities of the Sámi homeland, the Finnish names' inflected forms,
    the Swedish names of merged municipalities and the former names of renamed ones (``data/geo``; the
    files after the first three, and the abolished codes before 2005, are optional)."""
    base = (directory or reference_data_dir()) / "geo"
    optional = [
        read_csv(base / name) if (base / name).exists() else iter(())
        for name in (SAMI_FILE, FORMS_FILE, MERGED_SV_FILE, RENAMED_FILE)
    ]
    # the Swedish names of abolished municipalities: LIPAS's (since 2005), then those typed by hand (before
    # 2005, the ceded area, Sahalax; data/geo/README.md); the first name given for a code is its own
    optional[2] = itertools.chain(
        optional[2], read_csv(base / FORMER_SV_FILE) if (base / FORMER_SV_FILE).exists() else ()
    )
    found = Geography.from_rows(
        read_csv(base / MUNICIPALITIES_FILE),
        read_csv(base / REGIONS_FILE),
        itertools.chain(
            read_csv(base / MERGED_FILE),
            read_csv(base / MERGED_BEFORE_2005_FILE) if (base / MERGED_BEFORE_2005_FILE).exists() else (),
        ),
        *optional,
    )
    # the errors that name places give them in the request's language (translate_text)
    former = {
        a.name: {"fi": a.name, "sv": found.old_names_sv.get(a.code, a.name)} for a in found.abolished.values()
    }
    register_place_names(
        {
            **former,
            **{
                name: {"fi": r.name_fi, "sv": r.name_sv}
                for r in found.regions.values()
                for name in (r.name_fi, r.name_sv)
            },
        },
        {m.code: {"fi": m.name_fi, "sv": m.name_sv} for m in found.municipalities.values()},
    )
    return found


@lru_cache(maxsize=4)
def office_areas(directory: Path | None = None) -> OfficeAreas:
    """TE office, ELY centre and employment area names read as regions over ``geography``, with the
    areas known to span regions (``data/geo/office_areas_spanning.csv``; optional: without it, none)."""
    path = (directory or reference_data_dir()) / "geo" / SPANNING_FILE
    return OfficeAreas.from_rows(geography(directory), read_csv(path) if path.exists() else iter(()))


def municipalities(directory: Path | None = None) -> dict[str, Municipality]:
    """Current municipality code → ``Municipality`` (all 308 of 2025)."""
    return geography(directory).municipalities
