"""Synthetic, seeded candidates and vacancies generated from ESCO itself.

Reusable outside the benchmarks (e.g. the HTTP load test): `generate_candidates(taxonomy, n,
seed)` yields n `Candidate`s, `generate_vacancies(taxonomy, n, seed)` n `Vacancy`s. The same
seed always gives the same records.

A candidate is built around a "true" occupation: essential and optional skills of that
occupation kept with some probability (omissions), some replaced by a related skill
(substitutions), plus random skills from anywhere (noise); a work history that usually, not
always, includes the occupation and sometimes another one (mostly a neighbouring occupation of
the same ISCO-08 group, sometimes a career change from anywhere); languages, municipality,
commute, availability, working time and consent drawn from simple distributions.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from services.matching.index.domain.model import (
    SKILL_LEVELS,
    Candidate,
    SkillClaim,
    Vacancy,
    VacancySkill,
    WorkExperience,
)
from services.matching.index.domain.params import RankingParams
from services.matching.index.domain.taxonomy import Taxonomy
from services.matching.index.domain.vectors import related_credit

REPO_ROOT = Path(__file__).resolve().parents[1]
MUNICIPALITIES_CSV = REPO_ROOT / "data" / "geo" / "municipalities_2025.csv"

FALLBACK_MUNICIPALITIES: dict[str, tuple[float, float]] = {
    "837": (61.4978, 23.7610),  # Tampere
    "536": (61.4786, 23.5089),  # Nokia
    "905": (63.0951, 21.6165),  # Vaasa
    "091": (60.1699, 24.9384),  # Helsinki
    "743": (62.7903, 22.8403),  # Seinäjoki
    "853": (60.4518, 22.2666),  # Turku
    "564": (65.0121, 25.4651),  # Oulu
    "179": (62.2426, 25.7473),  # Jyväskylä
    "297": (62.8924, 27.6770),  # Kuopio
}
ORGS = ("staffing-a", "staffing-b", "staffing-c", "recruit-d", "city-tampere")
OTHER_LANGUAGES = ("ru", "et", "ar", "so", "fa", "uk", "de")
REFERENCE_DAY = date(2025, 1, 1)
LEVEL_TABLE = (0,) * 20 + (1,) * 45 + (2,) * 25 + (3,) * 10  # basic 20% … expert 10%


def load_municipalities(path: Path = MUNICIPALITIES_CSV) -> dict[str, tuple[float, float]]:
    """Municipality centroids from data/geo (when present), else a built-in handful."""
    if not path.exists():
        return dict(FALLBACK_MUNICIPALITIES)
    with path.open(encoding="utf-8", newline="") as f:
        return {r["code"]: (float(r["lat"]), float(r["lon"])) for r in csv.DictReader(f)}


@dataclass(frozen=True, slots=True)
class GeneratedCandidate:
    candidate: Candidate
    occupation_uri: str  # the occupation the profile was built around (ground truth)


@dataclass(frozen=True, slots=True)
class GeneratedVacancy:
    vacancy: Vacancy
    occupation_uri: str  # ground truth, also when the vacancy itself names no occupation


@dataclass(frozen=True)
class GeneratorSettings:
    keep_essential: float = 0.5
    keep_optional: float = 0.2
    substitute: float = 0.15  # share of kept skills replaced by a related skill
    noise_mean: float = 2.0  # random unrelated skills per profile (Poisson mean)
    max_skills: int = 25
    experience_in_occupation: float = 0.6  # has worked in the occupation the profile is built on
    other_experience: float = 0.3  # has (also) worked in another occupation…
    other_experience_near: float = 0.6  # …which is a neighbour (same ISCO-08 unit, else minor group)
    suggested_share: float = 0.1
    realistic_filters: bool = True  # False: everyone passes every hard filter (quality runs)


class _Pools:
    """Per-taxonomy lookups shared by the generators (built once per call)."""

    def __init__(self, taxonomy: Taxonomy, occupations: Sequence[str] | None) -> None:
        self.tax = taxonomy
        self.occupations = list(occupations) if occupations else list(taxonomy.occupation_uris)
        self.skills_of = {o: taxonomy.occupation_skills(o) for o in self.occupations}
        credit, _ = related_credit(taxonomy, RankingParams())
        self.related = credit
        used = np.unique(np.r_[taxonomy.essential.indices, taxonomy.optional.indices])
        self.noise = [taxonomy.skill_uris[j] for j in used]
        self.by_isco: dict[str, list[str]] = {}
        for o in taxonomy.occupation_uris:
            code = taxonomy.occupation_isco(o) or ""
            for digits in (3, 4):
                self.by_isco.setdefault(code[:digits], []).append(o)

    def neighbour(self, occupation: str, rng: random.Random) -> str:
        """Another occupation of the same ISCO-08 unit group, else of the same minor group."""
        code = self.tax.occupation_isco(occupation) or ""
        for digits in (4, 3):
            near = [o for o in self.by_isco.get(code[:digits], ()) if o != occupation]
            if near:
                return rng.choice(near)
        return rng.choice(self.tax.occupation_uris)

    def related_of(self, uri: str, rng: random.Random) -> str | None:
        j = self.tax.skill_index[uri]
        lo, hi = self.related.indptr[j], self.related.indptr[j + 1]
        if lo == hi:
            return None
        return self.tax.skill_uris[self.related.indices[rng.randrange(lo, hi)]]


def generate_profiles(
    taxonomy: Taxonomy,
    n: int,
    seed: int,
    *,
    occupations: Sequence[str] | None = None,
    municipalities: Mapping[str, tuple[float, float]] | None = None,
    settings: GeneratorSettings | None = None,
    id_prefix: str = "c",
) -> Iterator[GeneratedCandidate]:
    """n candidates with their ground-truth occupation, reproducible from `seed`."""
    s = settings or GeneratorSettings()
    rng = random.Random(seed)
    pools = _Pools(taxonomy, occupations)
    muni = sorted(municipalities or load_municipalities())
    width = len(str(max(n - 1, 1)))
    rnd = rng.random
    claim_cache: dict[tuple[str, int, bool], SkillClaim] = {}
    for i in range(n):
        occ = rng.choice(pools.occupations)
        essential, optional = pools.skills_of[occ]
        picks = [u for u in essential if rnd() < s.keep_essential]
        picks += [u for u in optional if rnd() < s.keep_optional]
        noise = min(_poisson(rng, s.noise_mean), len(pools.noise))
        picks += rng.sample(pools.noise, noise)
        claims: dict[str, SkillClaim] = {}
        for uri in picks[: s.max_skills]:
            if rnd() < s.substitute:
                uri = pools.related_of(uri, rng) or uri
            key = (uri, LEVEL_TABLE[int(rnd() * len(LEVEL_TABLE))], rnd() < s.suggested_share)
            claim = claim_cache.get(key)
            if claim is None:
                claim = claim_cache[key] = SkillClaim(uri, SKILL_LEVELS[key[1]], key[2])
            claims.setdefault(uri, claim)
        experience = []
        if rng.random() < s.experience_in_occupation:
            experience.append(_work(occ, rng))
        if rng.random() < s.other_experience:
            if rng.random() < s.other_experience_near:
                other = pools.neighbour(occ, rng)
            else:  # a career change
                other = rng.choice(taxonomy.occupation_uris)
            experience.append(_work(other, rng))
        yield GeneratedCandidate(
            Candidate(
                candidate_id=f"{id_prefix}{i:0{width}d}",
                version=1,
                skills=tuple(claims.values()),
                experience=tuple(experience),
                **_profile_facts(rng, muni, s.realistic_filters),
            ),
            occ,
        )


def generate_candidates(taxonomy: Taxonomy, n: int, seed: int, **kwargs: object) -> Iterator[Candidate]:
    """n generated `Candidate`s (see `generate_profiles` for the keyword arguments)."""
    for g in generate_profiles(taxonomy, n, seed, **kwargs):  # type: ignore[arg-type]
        yield g.candidate


def generate_vacancy_records(
    taxonomy: Taxonomy,
    n: int,
    seed: int,
    *,
    occupations: Sequence[str] | None = None,
    municipalities: Mapping[str, tuple[float, float]] | None = None,
    without_occupation: float = 0.25,
    realistic_filters: bool = True,
) -> Iterator[GeneratedVacancy]:
    """n vacancies of known occupations: 3–6 chosen essential and 0–3 optional skills of the
    occupation; a share (`without_occupation`) names no occupation and lists 6–10 essential
    skills instead, like an employer who does not classify the job."""
    rng = random.Random(seed)
    pools = _Pools(taxonomy, occupations)
    muni = sorted(municipalities or load_municipalities())
    for i in range(n):
        occ = rng.choice(pools.occupations)
        essential, optional = pools.skills_of[occ]
        named = rng.random() >= without_occupation
        n_ess = rng.randint(3, 6) if named else rng.randint(6, 10)
        skills = [VacancySkill(u, True) for u in rng.sample(essential, min(n_ess, len(essential)))]
        skills += [
            VacancySkill(u, False) for u in rng.sample(optional, min(rng.randint(0, 3), len(optional)))
        ]
        lang = rng.choice(("fi", "en"))
        languages: dict[str, str] = {}
        if realistic_filters and rng.random() < 0.6:
            languages["fi"] = rng.choice(("B1", "B2", "C1"))
        yield GeneratedVacancy(
            Vacancy(
                vacancy_id=f"v{i:06d}",
                version=1,
                employer_org="employer-x",
                title=taxonomy.occupation_label(occ, lang),
                occupation_uri=occ if named else None,
                skills=tuple(skills),
                languages=languages,
                municipality=rng.choice(muni),
                working_time=rng.choice(("full_time", "part_time", "any")) if realistic_filters else "any",
                start_date=REFERENCE_DAY + timedelta(days=rng.randint(0, 60)),
            ),
            occ,
        )


def generate_vacancies(taxonomy: Taxonomy, n: int, seed: int, **kwargs: object) -> Iterator[Vacancy]:
    for g in generate_vacancy_records(taxonomy, n, seed, **kwargs):  # type: ignore[arg-type]
        yield g.vacancy


def _work(occupation: str, rng: random.Random) -> WorkExperience:
    ended = None if rng.random() < 0.4 else REFERENCE_DAY.year - rng.randint(0, 10)
    return WorkExperience(occupation, round(rng.uniform(0.3, 12.0), 1), ended)


def _profile_facts(rng: random.Random, muni: Sequence[str], realistic: bool) -> dict[str, Any]:
    if not realistic:
        return {
            "languages": {"fi": "native"},
            "municipality": muni[0],
            "max_commute_km": 10_000.0,
            "available_from": REFERENCE_DAY,
            "working_time": "any",
            "consented_orgs": frozenset(ORGS),
        }
    languages = {"fi": "native" if rng.random() < 0.85 else rng.choice(("A2", "B1", "B2", "C1"))}
    if rng.random() < 0.3:
        languages["sv"] = rng.choice(("A1", "A2", "B1", "B2", "native"))
    if rng.random() < 0.7:
        languages["en"] = rng.choice(("A2", "B1", "B2", "C1", "C2"))
    if rng.random() < 0.08:
        languages[rng.choice(OTHER_LANGUAGES)] = "native"
    return {
        "languages": languages,
        "municipality": rng.choice(muni),
        "max_commute_km": float(rng.choice((10, 25, 40, 60, 100, 200))),
        "available_from": REFERENCE_DAY + timedelta(days=rng.randint(-90, 120)),
        "working_time": rng.choices(("full_time", "part_time", "any"), weights=(50, 15, 35))[0],
        "consented_orgs": frozenset(o for o in ORGS if rng.random() < 0.35),
        "hired": rng.random() < 0.02,
    }


def _poisson(rng: random.Random, mean: float) -> int:
    # Knuth's method; fine for small means
    limit, k, p = np.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1
