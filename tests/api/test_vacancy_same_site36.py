"""Outside tester 36, H10: a vacancy's work sites that name one municipality twice — in two spellings, by its
Swedish or Sámi name, by a municipality merged into it, or the main municipality again — are refused with a 422
that names the entries as written, the municipality they are and why (before: "A municipality is listed more
than once.", naming neither). Over HTTP (Flask test client, real database, no broker)."""

import pytest
from sqlalchemy import select

from services.vacancy.repository import vacancies
from tests.helpers import WELDER, auth

EMPLOYER = auth("employer", "konepaja-oy")


def body(**overrides):
    return {
        "title": "Sairaanhoitaja, varahenkilöstö",
        "occupation_uri": WELDER,
        "description": "Sijaisuuksia kolmessa kunnassa.",
        "municipality": "Tampere",
        "working_time": "full_time",
        **overrides,
    }


def refusal(app, lang="en", **overrides):
    r = app.test_client().post(f"/api/v1/vacancies?lang={lang}", json=body(**overrides), headers=EMPLOYER)
    assert r.status_code == 422, r.json
    with app.extensions["kohtaanto.engine"].connect() as conn:
        assert conn.execute(select(vacancies)).all() == []
    return r.json["errors"]["json"]["other_municipalities"]


def test_the_testers_sites_name_both_entries_the_municipality_and_the_merger(vacancy_app):
    (reason,) = refusal(vacancy_app, other_municipalities=["Birkala", "Ylöjärvi", "Kuru"])
    assert reason.startswith("'Ylöjärvi', 'Kuru' are one municipality, 980 Ylöjärvi"), reason
    assert "'Kuru' was merged on 1.1.2009" in reason and "Birkala" not in reason


@pytest.mark.parametrize(
    ("main", "sites", "entries", "why"),
    [
        (
            "Tampere",
            ["Pirkkala", "Birkala"],
            "'Pirkkala', 'Birkala'",
            "'Birkala' is the Swedish name of 604 Pirkkala",
        ),
        ("Tampere", ["Nokia", "536"], "'Nokia', '536'", "'536' is the code of 536 Nokia"),
        ("Tampere", ["Raasepori", "Ekenäs"], "'Raasepori', 'Ekenäs'", "'Ekenäs' was merged on 1.1.2009"),
        ("Tampere", ["Parainen", "Väståboland"], "'Parainen', 'Väståboland'", "'Väståboland' was renamed"),
        ("Tampere", ["Utsjoki", "Ohcejohka"], "'Utsjoki', 'Ohcejohka'", "'Ohcejohka' is the Sámi name"),
        ("Tampere", ["Nokia", "Nokialla"], "'Nokia', 'Nokialla'", "'Nokialla' is read as 536 Nokia"),
    ],
)
def test_two_spellings_of_one_site_are_named_with_how_each_was_read(vacancy_app, main, sites, entries, why):
    (reason,) = refusal(vacancy_app, municipality=main, other_municipalities=sites)
    assert reason.startswith(f"{entries} are one municipality") and why in reason, reason


def test_the_same_name_twice_is_named_without_a_reading(vacancy_app):
    (reason,) = refusal(vacancy_app, other_municipalities=["Nokia", "nokia"])
    assert reason == "'Nokia', 'nokia' are one municipality, 536 Nokia: list it once.", reason


def test_the_main_municipality_again_in_another_spelling_is_named_as_the_main_one(vacancy_app):
    (reason,) = refusal(vacancy_app, municipality="Pirkkala", other_municipalities=["Birkala", "Nokia"])
    assert reason.startswith("'Birkala' is the main municipality (municipality), 604 Pirkkala"), reason
    assert "'Birkala' is the Swedish name of 604 Pirkkala" in reason


def test_the_reason_is_given_in_finnish_and_swedish_too(vacancy_app):
    fi = " ".join(refusal(vacancy_app, "fi", other_municipalities=["Ylöjärvi", "Kuru"]))
    sv = " ".join(refusal(vacancy_app, "sv", other_municipalities=["Ylöjärvi", "Kuru"]))
    assert "'Kuru'" in fi and "one municipality" not in fi and "2009" in fi, fi
    assert "'Kuru'" in sv and "one municipality" not in sv and "2009" in sv, sv


def test_distinct_sites_in_any_spelling_are_stored(vacancy_app):
    r = vacancy_app.test_client().post(
        "/api/v1/vacancies",
        json=body(other_municipalities=["Birkala", "Ylöjärvi", "Nokia"]),
        headers=EMPLOYER,
    )
    assert r.status_code == 201, r.json
    assert sorted(r.json["other_municipalities"]) == ["536", "604", "980"]
