"""Tester 37b, L2 and L3 (geo37), through the API: a vacancy or profile naming a former municipality by its
Swedish name is stored as today's municipality with the merger notice; one of the area ceded in 1944 is a 422
saying so and suggesting no place (it was "a district or village", and "Salmis" got "did you mean 'Salmi'")."""

import pytest

from tests.api.vacancy_bodies import EMPLOYER, rows, valid
from tests.helpers import auth, profile_body

COACH = auth("coach", "inarin-tyollisyys")


@pytest.mark.parametrize(
    ("given", "code", "finnish"),
    [
        ("Replot", "499", "Raippaluoto"),
        ("Lappfjärd", "287", "Lapväärtti"),
        ("Hitis", "322", "Hiittinen"),  # was "did you mean 'Itis' (142)?", Iitti
        ("Sahalax", "211", "Sahalahti"),  # merged 1.1.2005
    ],
)
def test_a_swedish_name_of_a_merged_municipality_is_stored_as_todays_with_a_notice(
    vacancy_app, given, code, finnish
):
    r = vacancy_app.test_client().post("/api/v1/vacancies", json=valid(municipality=given), headers=EMPLOYER)
    assert r.status_code == 201 and r.json["municipality"] == code, r.json
    [notice] = r.json["notices"]
    assert notice["field"] == "municipality" and finnish in notice["message"], notice


@pytest.mark.parametrize("given", ["Viborg", "Kexholm", "Kronoborg", "Salmis"])
def test_a_swedish_name_of_a_ceded_municipality_is_a_422_saying_so_with_no_hint(
    vacancy_app, profile_app, given
):
    v = vacancy_app.test_client().post("/api/v1/vacancies", json=valid(municipality=given), headers=EMPLOYER)
    assert v.status_code == 422, v.json
    [reason] = v.json["errors"]["json"]["municipality"]
    assert "ceded in 1944" in reason and "did you mean" not in reason
    assert rows(vacancy_app)[0] == 0
    p = profile_app.test_client().put(
        "/api/v1/profiles/geo37-ceded", json=profile_body(municipality=given), headers=COACH
    )
    assert p.status_code == 422, p.json
    assert "ceded in 1944" in " ".join(p.json["errors"]["json"]["municipality"])
