"""Outside tester 40, T40-5: a list field's documented bound (``maxItems``) was checked only after each item
had been read, so 10,000 unknown `other_municipalities` each got the near-miss search ("did you mean")
and cost 76 s of CPU before a 422 that did not even name the length. Every list input now checks its
bound first (``shared.schemas.BoundedList``): an over-long list of *unknown* items is a 422 naming the
length alone, one kind of endpoint per service, and nothing is stored. (Answers are asserted, never
times.)"""

import pytest

from services.profile.events import MAX_LANGUAGES, MAX_SKILLS, MAX_WORK_HISTORY
from services.vacancy.domain import MAX_OTHER_MUNICIPALITIES
from services.vacancy.events import MAX_SKILLS as MAX_VACANCY_SKILLS
from tests.api.databases import fresh
from tests.api.matching_world import Clock, matching_app
from tests.helpers import WELDER, auth, profile_body, sqlite_url

EMPLOYER = auth("employer", "hervannan-konepaja-oy")
COACH = auth("coach", "tampere-tyollisyys")
UNKNOWN_SKILL = "http://data.europa.eu/esco/skill/00000000-0000-4000-8000-{:012d}"
UNKNOWN_OCCUPATION = "http://data.europa.eu/esco/occupation/00000000-0000-4000-8000-{:012d}"


def unknown_names(n):
    """``n`` different words no municipality is called, each a near miss to search for."""
    return [f"Tuntemattomala{i:05d}" for i in range(n)]


def length_reason(most):
    return [f"Longer than maximum length {most}."]


VACANCY = {
    "title": "Toimistosiivooja",
    "occupation_uri": WELDER,
    "description": "Toimistojen ylläpitosiivousta.",
    "municipality": "Vaasa",
    "working_time": "part_time",
    "start_date": "2027-01-10",
    "application_deadline": "2026-12-20",
}


@pytest.mark.parametrize(
    ("field", "items"),
    [
        # the tester's list: 2,000 unknown names (10,000 took 76 s, four of 4,000 at once two minutes each)
        ("other_municipalities", unknown_names(2_000)),
        ("other_municipalities", unknown_names(MAX_OTHER_MUNICIPALITIES + 1)),
        ("skills", [{"uri": UNKNOWN_SKILL.format(i)} for i in range(MAX_VACANCY_SKILLS + 1)]),
    ],
)
def test_a_vacancys_over_long_list_of_unknown_items_is_a_422_naming_its_length(vacancy_app, field, items):
    client = vacancy_app.test_client()
    r = client.post("/api/v1/vacancies", json={**VACANCY, field: items}, headers=EMPLOYER)
    assert r.status_code == 422, r.json
    most = MAX_OTHER_MUNICIPALITIES if field == "other_municipalities" else MAX_VACANCY_SKILLS
    assert r.json["errors"]["json"][field] == length_reason(most), r.json["errors"]["json"]
    assert client.get("/api/v1/vacancies", headers=EMPLOYER).json["items"] == []


@pytest.mark.parametrize(
    ("field", "items", "most"),
    [
        ("skills", [{"uri": UNKNOWN_SKILL.format(i)} for i in range(MAX_SKILLS + 1)], MAX_SKILLS),
        ("suggested_skills", [UNKNOWN_SKILL.format(i) for i in range(MAX_SKILLS + 1)], MAX_SKILLS),
        (
            "languages",
            [{"code": f"q{i:02d}", "level": "B1"} for i in range(MAX_LANGUAGES + 1)],
            MAX_LANGUAGES,
        ),
        (
            "work_history",
            [
                {"occupation_uri": UNKNOWN_OCCUPATION.format(i), "years": 1}
                for i in range(MAX_WORK_HISTORY + 1)
            ],
            MAX_WORK_HISTORY,
        ),
    ],
)
def test_a_profiles_over_long_list_of_unknown_items_is_a_422_naming_its_length(
    profile_app, field, items, most
):
    client = profile_app.test_client()
    r = client.put("/api/v1/profiles/t40-lists", json=profile_body(**{field: items}), headers=COACH)
    assert r.status_code == 422, r.json
    reasons = r.json["errors"]["json"][field]
    # suggested skills are at most as many as skills: their own bound may be lower
    assert reasons == length_reason(most) or reasons[0].startswith("Longer than maximum length"), reasons
    assert client.get("/api/v1/profiles/t40-lists", headers=COACH).status_code == 404


def test_an_outcomes_over_long_list_of_unknown_missing_skills_is_a_422_naming_its_length(tmp_path):
    app = matching_app(fresh(sqlite_url(tmp_path, "matching")), Clock())
    body = {
        "candidate_id": "c-" + "0" * 23 + "1",
        "status": "not_hired",
        "missing_skills": [UNKNOWN_SKILL.format(i) for i in range(500)],
    }
    r = app.test_client().post(
        "/api/v1/vacancies/00000000-0000-4000-8000-000000000001/outcomes",
        json=body,
        headers=auth("recruiter", "agency-a"),
    )
    assert r.status_code == 422, r.json
    assert r.json["errors"]["json"]["missing_skills"] == ["Length must be between 1 and 50."], r.json
