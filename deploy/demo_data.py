"""Realistic, generated demo data: employers in Pirkanmaa and Ostrobothnia posting vacancies in
labour-shortage occupations, and a few thousand jobseeker profiles, all built from ESCO.

Every person here is invented (names drawn from common Finnish and Finland-Swedish names at random).
Deterministic for a given seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

ESCO = "http://data.europa.eu/esco/occupation/"
OCCUPATIONS = {  # label: (ESCO id, sector)
    "healthcare assistant": ("d38c2107-98f2-47b7-8bb4-f69750d51082", "care"),
    "nurse responsible for general care": ("8d3e8aaa-791b-4c75-a465-f3f827028f50", "care"),
    "social worker": ("4b05bef2-ded4-4b09-ab94-f4c6a555a775", "care"),
    "early years teacher": ("55d60ead-0343-4008-b9e4-fb4b5a179c83", "education"),
    "welder": ("7aedaa07-3884-4c5b-88f9-80997b2aa54b", "metal"),
    "sheet metal worker": ("572c9810-e1ee-4f7a-a71f-820f17c0c25b", "metal"),
    "computer numerical control machine operator": ("5c082067-ea18-4ccb-8c43-e70b18ad8120", "metal"),
    "cook": ("90f75f67-495d-49fa-ab57-2f320e251d7e", "food"),
    "kitchen assistant": ("e1cf6897-158d-4b48-a39e-2a3a8cac216c", "food"),
    "building cleaner": ("303a1e34-cb16-4054-b323-81e5eec17397", "services"),
    "bus driver": ("00cee175-1376-43fb-9f02-ba3d7a910a58", "transport"),
    "electrician": ("4910419f-b4af-4f59-b544-9dbebc8a74f0", "construction"),
    "plumber": ("ed3cf43d-c2c1-4c46-82fc-1375e27e0290", "construction"),
    "carpenter": ("2a22ff9e-de3b-408d-b312-5034896cc4f4", "construction"),
    "warehouse worker": ("bea705fe-06ac-4147-b8e0-6e8ac1208d8f", "logistics"),
    "shop assistant": ("0b15375e-dfdd-4047-9efb-096e0aaee7d2", "retail"),
    "software developer": ("f2b15a0e-e65a-438a-affb-29b9d50b77d1", "ict"),
}

PIRKANMAA = ["837", "536", "980", "211", "418", "604", "908", "020", "790", "562", "108"]
POHJANMAA = ["905", "499", "598", "599", "893", "545", "287", "399", "946", "475"]


@dataclass(frozen=True)
class Employer:
    org: str
    name: str
    region_municipalities: tuple[str, ...]
    occupations: tuple[str, ...]
    language: str  # the working language asked of applicants


EMPLOYERS = (
    Employer(
        "pirkanmaan-hyvinvointialue",
        "Pirkanmaan hyvinvointialue",
        ("837", "418", "908", "790"),
        ("healthcare assistant", "nurse responsible for general care", "social worker"),
        "fi",
    ),
    Employer(
        "tampereen-varhaiskasvatus",
        "Tampereen kaupungin varhaiskasvatus",
        ("837", "211", "980"),
        ("early years teacher", "cook"),
        "fi",
    ),
    Employer(
        "hervannan-konepaja-oy",
        "Hervannan Konepaja Oy",
        ("837", "418"),
        ("welder", "sheet metal worker", "computer numerical control machine operator"),
        "fi",
    ),
    Employer(
        "nokian-metallityo-oy", "Nokian Metallityö Oy", ("536", "980"), ("welder", "sheet metal worker"), "fi"
    ),
    Employer(
        "pyynikin-ravintolat-oy",
        "Pyynikin Ravintolat Oy",
        ("837", "604"),
        ("cook", "kitchen assistant"),
        "fi",
    ),
    Employer(
        "pirkan-kiinteistopalvelu-oy",
        "Pirkan Kiinteistöpalvelu Oy",
        ("837", "536", "604"),
        ("building cleaner", "electrician", "plumber"),
        "fi",
    ),
    Employer("tampereen-seutuliikenne-oy", "Tampereen Seutuliikenne Oy", ("837",), ("bus driver",), "fi"),
    Employer(
        "pohjanmaan-hyvinvointialue",
        "Pohjanmaan hyvinvointialue / Österbottens välfärdsområde",
        ("905", "598", "545"),
        ("healthcare assistant", "nurse responsible for general care"),
        "sv",
    ),
    Employer(
        "vaasan-konepaja-ab",
        "Vasa Verkstad Ab",
        ("905", "499"),
        ("welder", "computer numerical control machine operator", "electrician"),
        "fi",
    ),
    Employer(
        "jakobstad-metall-ab", "Jakobstads Metall Ab", ("598", "599"), ("welder", "sheet metal worker"), "sv"
    ),
    Employer("vasa-restaurang-ab", "Vasa Restaurang Ab", ("905",), ("cook", "kitchen assistant"), "sv"),
    Employer(
        "korsholms-daghem", "Korsholms småbarnspedagogik", ("499", "905"), ("early years teacher",), "sv"
    ),
)

COACH_ORGS = {"pirkanmaa": "tampere-tyollisyys", "pohjanmaa": "vaasa-tyollisyys"}
AGENCIES = ("pirkan-rekry-oy", "pohjanmaan-henkilostopalvelu-oy", "nordic-staffing-ab")

FIRST_FI = [
    "Aino",
    "Eero",
    "Helmi",
    "Juho",
    "Kaisa",
    "Lauri",
    "Maria",
    "Mikko",
    "Niina",
    "Olli",
    "Pekka",
    "Riikka",
    "Sanna",
    "Tuomas",
    "Venla",
    "Ville",
    "Elina",
    "Jari",
    "Satu",
    "Antti",
    "Leila",
    "Ahmed",
    "Olga",
    "Hamid",
    "Fatima",
    "Nguyen",
    "Dmitri",
    "Amina",
]
LAST_FI = [
    "Virtanen",
    "Korhonen",
    "Mäkinen",
    "Nieminen",
    "Mäkelä",
    "Hämäläinen",
    "Laine",
    "Heikkinen",
    "Koskinen",
    "Järvinen",
    "Lehtonen",
    "Saarinen",
    "Salminen",
    "Heinonen",
    "Niemi",
    "Ali",
    "Ivanova",
    "Hassan",
    "Tran",
]
FIRST_SV = ["Anna", "Erik", "Johanna", "Mikael", "Sofia", "Jonas", "Linnea", "Henrik", "Emma", "Oskar"]
LAST_SV = ["Back", "Björk", "Holmberg", "Lindqvist", "Nyström", "Sundqvist", "Westerlund", "Granholm"]

DESCRIPTIONS_FI = {
    "care": "Haemme osaavaa ja empaattista työntekijää hoitotyöhön. Työ on vuorotyötä. "
    "Tehtäviin kuuluu asiakkaiden perushoito, lääkehoito ja kirjaaminen.",
    "education": "Haemme varhaiskasvatuksen ammattilaista päiväkotiimme. Suunnittelet ja toteutat "
    "pedagogista toimintaa lapsiryhmässä yhdessä tiimin kanssa.",
    "metal": "Konepajamme hakee ammattilaista. Työ sisältää MIG/MAG-hitsausta, levytöitä, "
    "piirustusten lukemista ja laadunvarmistusta. Työturvallisuus on meille tärkeää.",
    "food": "Ravintolamme hakee keittiön ammattilaista. Valmistat ruokia, huolehdit hygieniasta "
    "ja elintarviketurvallisuudesta sekä keittiön siisteydestä.",
    "services": "Haemme kiinteistöpalveluihin työntekijää: puhtaanapito, kunnossapito ja asiakaspalvelu.",
    "transport": "Haemme linja-autonkuljettajia kaupunkiliikenteeseen. D-ajokortti ja ammattipätevyys vaaditaan.",
    "construction": "Haemme asentajaa rakennus- ja huoltokohteisiin. Asennus, huolto ja vianetsintä.",
}


def _skills(taxonomy: Any, occupation_uri: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return taxonomy.occupation_skills(occupation_uri)


def vacancies(taxonomy: Any, today: date, seed: int = 2026) -> list[tuple[str, dict[str, Any]]]:
    """(employer org, vacancy body) pairs: 2–4 open positions per employer."""
    rng = random.Random(seed)
    out: list[tuple[str, dict[str, Any]]] = []
    for employer in EMPLOYERS:
        for _ in range(rng.randint(2, 4)):
            label = rng.choice(employer.occupations)
            occ_id, sector = OCCUPATIONS[label]
            uri = ESCO + occ_id
            essential, optional = _skills(taxonomy, uri)
            chosen = rng.sample(list(essential), min(len(essential), rng.randint(6, 10)))
            extra = rng.sample(list(optional), min(len(optional), rng.randint(0, 3)))
            deadline = today + timedelta(days=rng.randint(10, 35))
            language_level = rng.choice(["B1", "B2"]) if label != "software developer" else "B1"
            body = {
                "title": taxonomy.occupation_label(uri, "fi").capitalize(),
                "occupation_uri": uri,
                "description": DESCRIPTIONS_FI.get(sector, "Tervetuloa joukkoomme!"),
                "municipality": rng.choice(employer.region_municipalities),
                "working_time": rng.choice(["full_time", "full_time", "part_time"]),
                "openings": rng.randint(1, 5),
                "skills": [{"uri": u, "essential": True} for u in chosen]
                + [{"uri": u, "essential": False} for u in extra],
                "languages": [{"code": employer.language, "level": language_level}],
                "start_date": (deadline + timedelta(days=rng.randint(7, 30))).isoformat(),
                "application_deadline": deadline.isoformat(),
            }
            out.append((employer.org, body))
    return out


def profiles(
    taxonomy: Any, today: date, count: int = 3000, seed: int = 2026
) -> list[tuple[str, str, dict[str, Any]]]:
    """(coach org, profile id, profile body) triples."""
    rng = random.Random(seed + 1)
    labels = list(OCCUPATIONS)
    weights = [8 if OCCUPATIONS[label][1] in {"care", "metal", "food"} else 3 for label in labels]
    out = []
    for i in range(count):
        region = "pirkanmaa" if rng.random() < 0.6 else "pohjanmaa"
        municipality = rng.choice(PIRKANMAA if region == "pirkanmaa" else POHJANMAA)
        swedish = region == "pohjanmaa" and rng.random() < 0.45
        immigrant = not swedish and rng.random() < 0.18
        label = rng.choices(labels, weights)[0]
        uri = ESCO + OCCUPATIONS[label][0]
        history = _work_history(rng, label, labels, today)
        skills = _claimed_skills(taxonomy, rng, uri, history)
        levels = ["basic", "intermediate", "intermediate", "advanced", "expert"]
        if swedish:
            name = f"{rng.choice(FIRST_SV)} {rng.choice(LAST_SV)}"
            languages = [
                {"code": "sv", "level": "native"},
                {"code": "fi", "level": rng.choice(["B1", "B2", "C1"])},
            ]
        elif immigrant:
            name = f"{rng.choice(FIRST_FI[-7:])} {rng.choice(LAST_FI[-4:])}"
            languages = [
                {"code": rng.choice(["ar", "ru", "so", "vi", "uk"]), "level": "native"},
                {"code": "fi", "level": rng.choice(["A2", "B1", "B1", "B2"])},
                {"code": "en", "level": rng.choice(["B1", "B2", "C1"])},
            ]
        else:
            name = f"{rng.choice(FIRST_FI[:20])} {rng.choice(LAST_FI[:15])}"
            languages = [
                {"code": "fi", "level": "native"},
                {"code": "en", "level": rng.choice(["A2", "B1", "B2"])},
            ]
            if region == "pohjanmaa":
                languages.append({"code": "sv", "level": rng.choice(["A2", "B1"])})
        groups = []
        if rng.random() < 0.3:
            groups.append("long_term_unemployed")
        if rng.random() < 0.15:
            groups.append("young_person")
        if immigrant:
            groups.append("immigrant")
        if rng.random() < 0.15:
            groups.append("recently_laid_off")
        if rng.random() < 0.12:
            groups.append("over_50")
        consent = sorted(set(rng.sample(AGENCIES, rng.choice([0, 1, 1, 2, 2, 3]))))
        body = {
            "personal": {
                "name": name,
                "email": f"{name.lower().replace(' ', '.')}.{i}@example.fi",
                "phone": f"+358 40 {rng.randint(1000000, 9999999)}",
            },
            "skills": [{"uri": u, "level": rng.choice(levels)} for u in skills],
            "work_history": history,
            "education_level": rng.choice(
                ["basic", "vocational", "vocational", "upper_secondary", "bachelor"]
            ),
            "languages": languages,
            "municipality": municipality,
            "max_commute_km": rng.choice([10, 20, 30, 40, 60, 80]),
            "available_from": (today + timedelta(days=rng.randint(-60, 90))).isoformat(),
            "working_time": rng.choice(["full_time", "part_time", "any", "any"]),
            "target_groups": groups,
            "consented_orgs": consent,
        }
        out.append((COACH_ORGS[region], f"demo-{i:05d}", body))
    return out


def _work_history(rng: random.Random, label: str, labels: list[str], today: date) -> list[dict[str, Any]]:
    """One to three past occupations, the most recent first, like a real CV: the occupation the
    person is looking for (current or ended a while ago), earlier jobs half the time in the same
    sector, half anywhere. A tenth are new entrants with no work history at all."""
    if rng.random() < 0.1:
        return []
    sector = OCCUPATIONS[label][1]
    n = rng.choices((1, 2, 3), (55, 30, 15))[0]
    ended = rng.choice([None, None, today.year - 1, today.year - 2, today.year - 4])
    history = [
        {
            "occupation_uri": ESCO + OCCUPATIONS[label][0],
            "years": round(rng.uniform(0.5, 12), 1),
            "ended_year": ended,
        }
    ]
    year = (ended or today.year) - 1
    for _ in range(n - 1):
        same = [x for x in labels if OCCUPATIONS[x][1] == sector and x != label]
        other = rng.choice(same) if same and rng.random() < 0.5 else rng.choice(labels)
        years = round(rng.uniform(0.3, 6), 1)
        history.append({"occupation_uri": ESCO + OCCUPATIONS[other][0], "years": years, "ended_year": year})
        year -= int(years) + rng.randint(0, 3)  # some gaps between jobs
    return history


def _claimed_skills(taxonomy: Any, rng: random.Random, uri: str, history: list[dict[str, Any]]) -> list[str]:
    """A handful of claimed skills (none for some people, whose skills the engine then infers
    from their work history): mostly essential skills of the occupation sought, a few optional
    ones and one or two from earlier jobs."""
    essential, optional = _skills(taxonomy, uri)
    n = rng.choices((0, 2, 3, 4, 5, 6, 8, 10), (8, 10, 15, 18, 18, 14, 10, 7))[0]
    if not history:
        n = max(n, 3)
    skills = rng.sample(list(essential), min(len(essential), max(0, n - 1)))
    skills += rng.sample(list(optional), min(len(optional), rng.randint(0, 1) if n else 0))
    for job in history[1:]:
        if n and rng.random() < 0.5:
            skills += rng.sample(list(_skills(taxonomy, job["occupation_uri"])[0]), 1)
    return list(dict.fromkeys(skills))
