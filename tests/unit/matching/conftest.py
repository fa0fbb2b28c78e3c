"""Fixtures for the matching engine's unit tests: a small ESCO-like taxonomy built in code, a
handful of municipalities, a candidate factory, and (session-scoped) the real cached ESCO data."""

from __future__ import annotations

from datetime import date

import pytest

from services.matching.index.domain.model import Candidate, SkillClaim, Vacancy, VacancySkill, WorkExperience
from services.matching.index.domain.taxonomy import OccupationRow, SkillRow, Taxonomy

TODAY = date(2025, 3, 1)
MUNICIPALITIES = {
    "837": (61.4978, 23.7610),  # Tampere
    "536": (61.4786, 23.5089),  # Nokia
    "905": (63.0951, 21.6165),  # Vaasa
    "091": (60.1699, 24.9384),  # Helsinki
    "743": (62.7903, 22.8403),  # Seinäjoki
}

SKILLS = [
    SkillRow(
        "s:weld",
        "weld metal parts",
        "hitsata metalliosia",
        alt_labels_en=("welding", "join metal by welding"),
    ),
    SkillRow("s:mig", "perform metal inert gas welding", "suorittaa MIG-hitsausta"),
    SkillRow(
        "s:tig",
        "perform tungsten inert gas welding",
        "suorittaa TIG-hitsausta",
        alt_labels_en=("TIG welding",),
    ),
    SkillRow(
        "s:blue", "read blueprints", "lukea piirustuksia", alt_labels_en=("interpret technical drawings",)
    ),
    SkillRow("s:safety", "follow safety procedures", "noudattaa turvallisuusmenettelyjä"),
    SkillRow(
        "s:care", "assist patients with daily activities", "avustaa potilaita päivittäisissä toiminnoissa"
    ),
    SkillRow(
        "s:meds", "administer medication", "antaa lääkkeitä", description_fi="Lääkehoidon toteuttaminen."
    ),
    SkillRow("s:wound", "wound care", "haavanhoito"),
    SkillRow("s:cook", "prepare food", "valmistaa ruokaa"),
    SkillRow("s:hygiene", "food hygiene", "elintarvikehygienia"),
    SkillRow("s:sheet", "use spreadsheet software", "käyttää taulukkolaskentaohjelmistoa"),
    SkillRow("s:team", "work in teams", "työskennellä tiimissä"),
]
OCCUPATIONS = [
    OccupationRow("o:welder", "7212", "welder", "hitsaaja", alt_labels_en=("welding operative",)),
    OccupationRow("o:plater", "7214", "metal plater", "levyseppä"),
    OccupationRow("o:practical-nurse", "5321", "healthcare assistant", "lähihoitaja"),
    OccupationRow("o:cook", "5120", "cook", "kokki", alt_labels_fi=("ravintolakokki",)),
]
OCCUPATION_SKILLS = [
    ("o:welder", "s:weld", True),
    ("o:welder", "s:mig", True),
    ("o:welder", "s:blue", True),
    ("o:welder", "s:safety", True),
    ("o:welder", "s:tig", False),
    ("o:welder", "s:team", False),
    ("o:plater", "s:weld", True),
    ("o:plater", "s:blue", True),
    ("o:plater", "s:safety", False),
    ("o:practical-nurse", "s:care", True),
    ("o:practical-nurse", "s:meds", True),
    ("o:practical-nurse", "s:team", True),
    ("o:practical-nurse", "s:wound", False),
    ("o:cook", "s:cook", True),
    ("o:cook", "s:hygiene", True),
    ("o:cook", "s:team", False),
    ("o:removed-in-v1.1.1", "s:weld", True),  # like the 67 rows of the real data
]
SKILL_RELATIONS = [("s:safety", "s:weld"), ("s:meds", "s:wound")]
GROUPS = [("g:metal", "metal joining"), ("g:care", "caring"), ("g:food", "food")]
BROADER = [
    ("s:weld", "g:metal"),
    ("s:blue", "g:metal"),
    ("s:mig", "s:weld"),
    ("s:tig", "s:weld"),
    ("s:care", "g:care"),
    ("s:meds", "g:care"),
    ("s:wound", "g:care"),
    ("s:cook", "g:food"),
    ("s:hygiene", "g:food"),
]
ISCO = [
    ("7", "Craft and related trades workers"),
    ("72", "Metal, machinery and related trades workers"),
    ("7212", "Welders and flamecutters"),
    ("7214", "Structural-metal preparers and erectors"),
    ("5", "Service and sales workers"),
    ("53", "Personal care workers"),
    ("5321", "Health care assistants"),
    ("51", "Personal service workers"),
    ("5120", "Cooks"),
]


def build_small_taxonomy() -> Taxonomy:
    return Taxonomy.from_rows(SKILLS, OCCUPATIONS, OCCUPATION_SKILLS, SKILL_RELATIONS, GROUPS, BROADER, ISCO)


@pytest.fixture(scope="session")
def taxonomy() -> Taxonomy:
    return build_small_taxonomy()


@pytest.fixture(scope="session")
def esco():
    """The real ESCO taxonomy from the compiled cache (compiled on first use)."""
    from services.matching.index.reference import load_taxonomy

    return load_taxonomy()


@pytest.fixture(scope="session")
def esco_space(esco):
    """The real ESCO skill space with the default ranking parameters (its occupation model)."""
    from services.matching.index.domain.params import RankingParams
    from services.matching.index.domain.vectors import build_skill_space

    return build_skill_space(esco, RankingParams())


def infer_occupations(
    space, esco, claims: dict[int, float], spells: dict[int, float]
) -> list[tuple[str, float]]:
    """The occupation model's top 3 (English label, probability) for one person: ``claims`` maps a
    skill index to its claim weight, ``spells`` an occupation index to its spell's weight."""
    import numpy as np
    import scipy.sparse as sp

    x = np.zeros(esco.n_skills + esco.n_occupations)
    for j, w in claims.items():
        x[j] = w
    for o, w in spells.items():
        x[esco.n_skills + o] = w
    occ, prob = space.occupations.predict_top(sp.csr_matrix(x), 3)
    en = esco.tables.occupation_labels["en"]
    return [(en[o], float(p)) for o, p in zip(occ[0], prob[0], strict=True) if o >= 0]


@pytest.fixture(scope="session")
def esco_recognizer(esco):
    from services.matching.index.reference import load_recognizer

    return load_recognizer(esco)


def candidate(
    candidate_id: str,
    skills: dict[str, str] | None = None,
    *,
    version: int = 1,
    suggested: tuple[str, ...] = (),
    experience: tuple[WorkExperience, ...] = (),
    languages: dict[str, str] | None = None,
    municipality: str = "837",
    max_commute_km: float = 50.0,
    available_from: date = date(2025, 1, 1),
    working_time: str = "any",
    consented_orgs: frozenset[str] = frozenset({"agency-a"}),
    hired: bool = False,
) -> Candidate:
    claims = [SkillClaim(uri, level) for uri, level in (skills or {}).items()]
    claims += [SkillClaim(uri, "intermediate", suggested=True) for uri in suggested]
    return Candidate(
        candidate_id=candidate_id,
        version=version,
        skills=tuple(claims),
        experience=experience,
        languages=languages if languages is not None else {"fi": "native"},
        municipality=municipality,
        max_commute_km=max_commute_km,
        available_from=available_from,
        working_time=working_time,
        consented_orgs=consented_orgs,
        hired=hired,
    )


def vacancy(
    essential: tuple[str, ...] = (),
    optional: tuple[str, ...] = (),
    *,
    occupation: str | None = None,
    languages: dict[str, str] | None = None,
    municipality: str = "837",
    working_time: str = "any",
    start_date: date | None = None,
    suggested: tuple[str, ...] = (),
    title: str = "test vacancy",
    vacancy_id: str = "v1",
) -> Vacancy:
    """A vacancy for the tests; with `title` and nothing else, a text-only ad (no occupation, no skill)."""
    skills = [VacancySkill(u, True) for u in essential] + [VacancySkill(u, False) for u in optional]
    skills += [VacancySkill(u, False, suggested=True) for u in suggested]
    return Vacancy(
        vacancy_id=vacancy_id,
        version=1,
        employer_org="employer",
        title=title,
        occupation_uri=occupation,
        skills=tuple(skills),
        languages=languages or {},
        municipality=municipality,
        working_time=working_time,
        start_date=start_date,
    )


def esco_occupation(esco, label: str) -> str:
    """The URI of the real ESCO occupation with English preferred label `label`."""
    return esco.occupation_uris[esco.tables.occupation_labels["en"].index(label)]


def profile_essential(esco, label: str) -> set[str]:
    """The URIs of the essential skills of the real ESCO occupation with English label `label`: what
    an entry holds of them is in its `matched_essential`, beside the suggestions the ad asks for as
    essential (`VacancyQuery.asked_essential`, shown essential as `/skills` shows them)."""
    o = esco.tables.occupation_labels["en"].index(label)
    return {
        esco.skill_uris[j]
        for j in esco.essential.indices[esco.essential.indptr[o] : esco.essential.indptr[o + 1]]
    }


@pytest.fixture(scope="session")
def esco_titles(esco):
    """The service's title reader over real ESCO (exact labels and the glossary; no dense model)."""
    from services.matching.index.reference import load_title_reader

    return load_title_reader(esco, None)


@pytest.fixture(scope="session")
def make_esco_engine(esco, esco_titles):
    """A factory: `make_esco_engine(candidates, params=None)` is a `MatchingEngine` over real ESCO
    with the service's title reader, the clock at `TODAY`, default `RankingParams` unless given,
    holding `candidates` (any iterable of `Candidate`)."""
    from services.matching.index.domain.engine import MatchingEngine
    from services.matching.index.domain.params import RankingParams

    def make(candidates=(), params=None) -> MatchingEngine:
        engine = MatchingEngine(
            esco, MUNICIPALITIES, params or RankingParams(), clock=lambda: TODAY, titles=esco_titles
        )
        for c in candidates:
            engine.upsert_candidate(c)
        return engine

    return make


@pytest.fixture(scope="session")
def suggest_essential(esco_recognizer, make_esco_engine):
    """`suggest_essential(title, text)` → {English label: essential?} of the skills
    `GET /vacancies/<id>/skills` suggests for a vacancy of that title and description (over real
    ESCO, the service's recogniser and title reader; a plus is not essential)."""
    from services.matching.index.domain.recognition import suggest_for_vacancy
    from services.matching.index.domain.recognition_text import MAX_SENTENCES
    from services.matching.index.domain.skill_plus import said_as_plus

    engine = make_esco_engine()

    def run(title: str, text: str) -> dict[str, bool]:
        blank = Vacancy("v", 1, "employer", title, None, (), {}, "837", "any", None)
        out = suggest_for_vacancy(
            blank,
            text,
            esco_recognizer,
            max_sentences=MAX_SENTENCES,
            title_occupations=engine.title_occupations(title),
        )
        labels, index = esco_recognizer.labels_["en"], esco_recognizer.skill_index_
        return {
            labels[index[s.uri]]: not (s.plus if s.plus is not None else said_as_plus(s.source))
            for s in out.vacancy.skills
        }

    return run
