"""Outside tester 26 (an employer), F9 and F10: work sites, remote work and salary as Finnish job ads state
them, and reopening a closed vacancy, over HTTP (Flask test client, real database, no broker)."""

import json

import pytest
from sqlalchemy import select

from services.vacancy.repository import outbox, vacancies
from tests.helpers import WELDER, auth

EMPLOYER = auth("employer", "konepaja-oy")
OTHER_EMPLOYER = auth("employer", "other-oy")


def valid(**overrides):
    body = {
        "title": "Toimistosiivooja",
        "occupation_uri": WELDER,
        "description": "Toimistojen ylläpitosiivousta Vaasassa ja Mustasaaressa.",
        "municipality": "Vaasa",
        "working_time": "part_time",
        "openings": 2,
        "start_date": "2027-01-10",
        "application_deadline": "2026-12-20",
    }
    body.update(overrides)
    return body


def published(app):
    """(event_type, payload) of every event in the outbox, oldest first."""
    with app.extensions["kohtaanto.engine"].connect() as conn:
        out = conn.execute(select(outbox.c.event_type, outbox.c.value).order_by(outbox.c.id)).all()
    return [(t, json.loads(v)["payload"]) for t, v in out]


def stored(app):
    with app.extensions["kohtaanto.engine"].connect() as conn:
        return conn.execute(select(vacancies)).all()


def test_a_vacancy_for_two_municipalities_with_pay_by_the_hour_and_the_agreement_is_stored_and_published(
    vacancy_app,
):
    client = vacancy_app.test_client()
    salary = {"min": 13.2, "max": 14.5, "period": "hour", "collective_agreement": True}
    r = client.post(
        "/api/v1/vacancies",
        json=valid(other_municipalities=["Mustasaari"], work_mode="hybrid", salary=salary),
        headers=EMPLOYER,
    )
    assert r.status_code == 201, r.json
    assert (r.json["municipality"], r.json["other_municipalities"]) == ("905", ["499"])
    assert r.json["region"] == "pohjanmaa" and r.json["work_mode"] == "hybrid"
    assert r.json["salary"] == {**salary, "currency": "EUR"}
    [(event_type, payload)] = published(vacancy_app)
    assert event_type == "vacancy.posted"
    assert (payload["other_municipalities"], payload["work_mode"]) == (["499"], "hybrid")
    assert payload["salary"] == {**salary, "currency": "EUR"}
    again = client.get(r.headers["Location"], headers=EMPLOYER)
    assert again.json["salary"] == r.json["salary"] and again.json["other_municipalities"] == ["499"]


def test_a_vacancy_without_the_new_fields_is_on_site_at_one_site_without_salary(vacancy_app):
    r = vacancy_app.test_client().post("/api/v1/vacancies", json=valid(), headers=EMPLOYER)
    assert r.status_code == 201, r.json
    assert (r.json["work_mode"], r.json["other_municipalities"], r.json["salary"]) == ("on_site", [], None)


def test_a_salary_only_according_to_the_collective_agreement_is_enough(vacancy_app):
    r = vacancy_app.test_client().post(
        "/api/v1/vacancies",
        json=valid(work_mode="remote", salary={"collective_agreement": True}),
        headers=EMPLOYER,
    )
    assert r.status_code == 201, r.json
    assert r.json["salary"] == {
        "min": None,
        "max": None,
        "currency": "EUR",
        "period": None,
        "collective_agreement": True,
    }


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        ({"salary": {"min": 3200, "max": 2800, "period": "month"}}, {"salary": {"min"}}),
        ({"salary": {"min": 2800, "period": "month", "currency": "USD"}}, {"salary": {"currency"}}),
        ({"salary": {"min": 14, "period": "week"}}, {"salary": {"period"}}),
        ({"salary": {"min": 14}}, {"salary": {"period"}}),
        ({"salary": {"min": 2800, "period": "hour"}}, {"salary": {"min"}}),
        ({"salary": {"min": -5, "period": "hour"}}, {"salary": {"min"}}),
        ({"salary": {"min": 1e-300, "period": "hour"}}, {"salary": {"min"}}),  # T27-14 (e)
        ({"salary": {"min": 12, "max": 12.123456789, "period": "hour"}}, {"salary": {"max"}}),
        ({"salary": {"min": "14", "period": "hour"}}, {"salary": {"min"}}),
        ({"salary": {}}, {"salary": {"_schema"}}),
        ({"salary": {"min": 14, "period": "hour", "bonus": 2}}, {"salary": {"bonus"}}),
        ({"work_mode": "from_home"}, {"work_mode": None}),
        ({"other_municipalities": ["Mustasaari", "Atlantis"]}, {"other_municipalities": {"1"}}),
        ({"other_municipalities": ["Mustasaari", "499"]}, {"other_municipalities": None}),
        ({"other_municipalities": ["Vaasa"]}, {"other_municipalities": None}),
        ({"other_municipalities": "Mustasaari"}, {"other_municipalities": None}),
        (
            {
                "other_municipalities": ["Vasa"],
                "salary": {"min": 20, "max": 10, "period": "hour"},
                "openings": 0,
            },
            {"other_municipalities": None, "salary": {"min"}, "openings": None},
        ),
    ],
)
def test_a_bad_site_work_mode_or_salary_is_a_422_naming_the_field_and_nothing_is_stored(
    vacancy_app, overrides, errors
):
    r = vacancy_app.test_client().post("/api/v1/vacancies", json=valid(**overrides), headers=EMPLOYER)
    assert r.status_code == 422, r.json
    got = r.json["errors"]["json"]
    assert set(got) == set(errors), got
    for name, inner in errors.items():
        if inner is not None:
            assert set(got[name]) == inner, got[name]
    assert stored(vacancy_app) == [] and published(vacancy_app) == []


def test_a_closed_vacancy_is_reopened_through_the_outbox_and_can_then_be_changed(vacancy_app):
    client = vacancy_app.test_client()
    vid = client.post("/api/v1/vacancies", json=valid(), headers=EMPLOYER).json["id"]
    client.post(f"/api/v1/vacancies/{vid}/close", json={"reason": "filled"}, headers=EMPLOYER)
    refused = client.put(
        f"/api/v1/vacancies/{vid}", json=valid(openings=1), headers={**EMPLOYER, "If-Match": "*"}
    )
    assert refused.status_code == 409 and "reopen" in refused.json["message"]

    r = client.post(f"/api/v1/vacancies/{vid}/reopen", headers={**EMPLOYER, "If-Match": '"2"'})
    assert r.status_code == 200, r.json
    assert (r.json["status"], r.json["close_reason"], r.json["version"]) == ("open", None, 3)
    assert r.json["reopened_at"] is not None and r.headers["ETag"] == '"3"'
    types = [t for t, _ in published(vacancy_app)]
    assert types == ["vacancy.posted", "vacancy.closed", "vacancy.reopened"]
    assert published(vacancy_app)[-1][1]["status"] == "open"

    # read and PUT back as read, changed: the reopened vacancy takes changes again
    body = client.get(f"/api/v1/vacancies/{vid}", headers=EMPLOYER).json
    changed = client.put(f"/api/v1/vacancies/{vid}", json={**body, "openings": 1}, headers=EMPLOYER)
    assert changed.status_code == 200, changed.json
    assert changed.json["version"] == 4


def test_reopening_an_open_vacancy_is_a_409_and_publishes_nothing(vacancy_app):
    client = vacancy_app.test_client()
    vid = client.post("/api/v1/vacancies", json=valid(), headers=EMPLOYER).json["id"]
    r = client.post(f"/api/v1/vacancies/{vid}/reopen", headers=EMPLOYER)
    assert r.status_code == 409 and "only a closed vacancy" in r.json["message"]
    assert [t for t, _ in published(vacancy_app)] == ["vacancy.posted"]


def test_a_reopen_of_a_stale_version_another_employers_or_an_unknown_vacancy_is_refused(vacancy_app):
    client = vacancy_app.test_client()
    vid = client.post("/api/v1/vacancies", json=valid(), headers=EMPLOYER).json["id"]
    client.post(f"/api/v1/vacancies/{vid}/close", json={"reason": "cancelled"}, headers=EMPLOYER)
    assert (
        client.post(f"/api/v1/vacancies/{vid}/reopen", headers={**EMPLOYER, "If-Match": '"1"'}).status_code
        == 412
    )
    assert client.post(f"/api/v1/vacancies/{vid}/reopen", headers=OTHER_EMPLOYER).status_code == 404
    assert client.post("/api/v1/vacancies/no-such/reopen", headers=EMPLOYER).status_code == 404
    assert (
        client.post(f"/api/v1/vacancies/{vid}/reopen", headers=auth("recruiter", "agency-a")).status_code
        == 403
    )
    assert len(published(vacancy_app)) == 2


def test_a_reopen_body_may_give_a_new_deadline_and_takes_nothing_else(vacancy_app):
    client = vacancy_app.test_client()
    vid = client.post("/api/v1/vacancies", json=valid(), headers=EMPLOYER).json["id"]
    client.post(f"/api/v1/vacancies/{vid}/close", json={"reason": "filled"}, headers=EMPLOYER)
    bad = client.post(f"/api/v1/vacancies/{vid}/reopen", json={"status": "open"}, headers=EMPLOYER)
    assert bad.status_code == 422 and "status" in bad.json["errors"]["json"]
    before = client.post(
        f"/api/v1/vacancies/{vid}/reopen", json={"application_deadline": "2027-02-01"}, headers=EMPLOYER
    )
    assert before.status_code == 422 and "start_date" in before.json["errors"]["json"]
    assert len(published(vacancy_app)) == 2
    r = client.post(
        f"/api/v1/vacancies/{vid}/reopen", json={"application_deadline": "3.1.2027"}, headers=EMPLOYER
    )
    assert r.status_code == 200, r.json
    assert r.json["application_deadline"] == "2027-01-03"
