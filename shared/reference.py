"""Reference data every service validates against: ESCO concept URIs and Finnish municipalities.

Only identifiers and labels: the matching service's richer taxonomy (relations, hierarchy, vectors)
belongs to its own domain.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from shared.config import reference_data_dir


def read_csv(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a UTF-8 CSV file, gzip-compressed when the name ends in ``.gz``."""
    raw = gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb")  # noqa: SIM115
    with raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as text:
        yield from csv.DictReader(text)


@dataclass(frozen=True, slots=True)
class Municipality:
    code: str
    name_fi: str
    name_sv: str
    region: str
    region_fi: str
    region_sv: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class EscoCatalogue:
    """ESCO v1.1.1 skill and occupation URIs with their English and Finnish labels."""

    skills: dict[str, tuple[str, str]]
    occupations: dict[str, tuple[str, str]]

    def has_skill(self, uri: str) -> bool:
        return uri in self.skills

    def has_occupation(self, uri: str) -> bool:
        return uri in self.occupations

    def skill_label(self, uri: str, lang: str = "en") -> str:
        en, fi = self.skills.get(uri, (uri, uri))
        return fi if lang == "fi" and fi else en

    def occupation_label(self, uri: str, lang: str = "en") -> str:
        en, fi = self.occupations.get(uri, (uri, uri))
        return fi if lang == "fi" and fi else en


@lru_cache(maxsize=4)
def esco_catalogue(directory: Path | None = None) -> EscoCatalogue:
    base = (directory or reference_data_dir()) / "esco"
    skills = {
        r["conceptUri"]: (r["preferredLabel_en"], r["preferredLabel_fi"])
        for r in read_csv(base / "skills_en_fi.csv.gz")
    }
    occupations = {
        r["conceptUri"]: (r["preferredLabel_en"], r["preferredLabel_fi"])
        for r in read_csv(base / "occupations_en_fi.csv.gz")
    }
    return EscoCatalogue(skills=skills, occupations=occupations)


@lru_cache(maxsize=4)
def municipalities(directory: Path | None = None) -> dict[str, Municipality]:
    base = (directory or reference_data_dir()) / "geo"
    return {
        r["code"]: Municipality(
            code=r["code"],
            name_fi=r["name_fi"],
            name_sv=r["name_sv"],
            region=r["region"],
            region_fi=r["region_fi"],
            region_sv=r["region_sv"],
            lat=float(r["lat"]),
            lon=float(r["lon"]),
        )
        for r in read_csv(base / "fi_municipalities.csv")
    }
