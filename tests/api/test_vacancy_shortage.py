"""The vacancy service flags shortage roles from the lists it consumes from kohtaanto.shortages.v1."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from services.vacancy.events import SHORTAGE_LISTS
from services.vacancy.repository import UnitOfWork, processed, shortage_lists
from shared.messaging.consumer import PoisonMessageError, Record
from shared.messaging.envelope import Envelope
from tests.helpers import COOK, WELDER, auth

EMPLOYER = auth("employer", "konepaja-oy")
TOPIC = "kohtaanto.shortages.v1"


def shortage_event(region, period, levels, source="barometer"):
    payload = {
        "region": region,
        "period": period,
        "source": source,
        "import_id": "i-1",
        "entries": [],
        "levels": levels,
        "imported_at": "2026-11-22T10:00:00+00:00",
    }
    return Record(
        TOPIC,
        0,
        0,
        f"{region}|{period}",
        Envelope("shortage_list.imported", f"{region}|{period}", payload, "matching-service"),
    )


def consume(app, record):
    engine = app.extensions["kohtaanto.engine"]
    SHORTAGE_LISTS.dispatcher(lambda: UnitOfWork(engine))(record)


def post(client, occupation, municipality="837"):
    body = {
        "title": "Paikka",
        "occupation_uri": occupation,
        "municipality": municipality,
        "working_time": "full_time",
    }
    r = client.post("/api/v1/vacancies", json=body, headers=EMPLOYER)
    assert r.status_code == 201, r.json
    return r.json


def test_a_vacancy_whose_occupation_is_in_shortage_in_its_region_is_flagged(vacancy_app):
    client = vacancy_app.test_client()
    welder = post(client, WELDER)
    assert welder["shortage"] is None
    consume(vacancy_app, shortage_event("national", "2026H2", {WELDER: "shortage", COOK: "balance"}))
    got = client.get(f"/api/v1/vacancies/{welder['id']}", headers=EMPLOYER).json
    assert got["shortage"] == {
        "level": "shortage",
        "period": "2026H2",
        "region": "national",
        "source": "barometer",
    }
    cook = post(client, COOK)
    assert cook["shortage"] is None, "balance is not a shortage"
    listed = client.get("/api/v1/vacancies", headers=EMPLOYER).json["items"]
    assert {v["id"]: v["shortage"] is not None for v in listed} == {welder["id"]: True, cook["id"]: False}


def test_the_latest_period_covering_the_region_applies_and_a_regional_list_beats_the_national_one(
    vacancy_app,
):
    client = vacancy_app.test_client()
    tampere, vaasa = post(client, WELDER, "837"), post(client, WELDER, "905")
    consume(vacancy_app, shortage_event("national", "2026H1", {WELDER: "severe_shortage"}))
    consume(vacancy_app, shortage_event("pirkanmaa", "2026H2", {WELDER: "balance"}))
    flag = {
        v["municipality"]: v["shortage"]
        for v in client.get("/api/v1/vacancies", headers=EMPLOYER).json["items"]
    }
    assert flag["837"] is None, "Pirkanmaa's own 2026H2 list supersedes the national 2026H1 one"
    assert flag["905"]["level"] == "severe_shortage" and flag["905"]["period"] == "2026H1"
    assert client.get(f"/api/v1/vacancies/{tampere['id']}", headers=EMPLOYER).json["shortage"] is None
    assert (
        client.get(f"/api/v1/vacancies/{vaasa['id']}", headers=EMPLOYER).json["shortage"]["region"]
        == "national"
    )


def test_redelivered_lists_change_nothing_and_a_tombstone_removes_a_list(vacancy_app):
    record = shortage_event("national", "2026H2", {WELDER: "shortage"})
    consume(vacancy_app, record)
    consume(vacancy_app, record)
    engine = vacancy_app.extensions["kohtaanto.engine"]
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(processed)).scalar_one() == 1
        assert conn.execute(select(func.count()).select_from(shortage_lists)).scalar_one() == 1
    consume(vacancy_app, Record(TOPIC, 0, 1, "national|2026H2", None))
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(shortage_lists)).scalar_one() == 0


def test_a_list_without_levels_is_a_poison_message(vacancy_app):
    bad = Record(
        TOPIC, 0, 0, "x", Envelope("shortage_list.imported", "x", {"region": "national"}, "matching")
    )
    with pytest.raises(PoisonMessageError):
        consume(vacancy_app, bad)


def test_a_monthly_barometer_list_is_understood_and_the_latest_starting_period_applies(vacancy_app):
    client = vacancy_app.test_client()
    welder = post(client, WELDER)
    consume(vacancy_app, shortage_event("national", "2026H2", {WELDER: "shortage"}))
    consume(vacancy_app, shortage_event("national", "2026-10", {WELDER: "severe_shortage"}))
    got = client.get(f"/api/v1/vacancies/{welder['id']}", headers=EMPLOYER).json
    assert (got["shortage"]["level"], got["shortage"]["period"]) == ("severe_shortage", "2026-10")


def test_a_month_inside_the_half_year_refines_it_in_the_vacancy_services_copy_too(vacancy_app):
    """Outside tester 15, P4: the one-line December list must not unflag the half-year's welders here either."""
    handlers = vacancy_app.extensions["kohtaanto.vacancy.handlers"]
    handlers.clock = lambda: datetime(2026, 12, 3, 10, tzinfo=UTC)
    client = vacancy_app.test_client()
    welder, cook = post(client, WELDER), post(client, COOK)
    consume(vacancy_app, shortage_event("pirkanmaa", "2026H2", {WELDER: "shortage"}))
    consume(vacancy_app, shortage_event("pirkanmaa", "2026-12", {COOK: "severe_shortage"}))
    flags = {v["id"]: v["shortage"] for v in client.get("/api/v1/vacancies", headers=EMPLOYER).json["items"]}
    assert flags[welder["id"]]["period"] == "2026H2" and flags[cook["id"]]["period"] == "2026-12"
    consume(vacancy_app, shortage_event("pirkanmaa", "2027H1", {COOK: "shortage"}))
    got = client.get(f"/api/v1/vacancies/{welder['id']}", headers=EMPLOYER).json
    assert got["shortage"]["period"] == "2026H2", (
        "2027H1 has not started: it decides nothing yet (tester 22, R1)"
    )
    handlers.clock = lambda: datetime(2027, 1, 1, 10, tzinfo=UTC)
    got = client.get(f"/api/v1/vacancies/{welder['id']}", headers=EMPLOYER).json
    assert got["shortage"] is None, (
        "from its first day the next half-year replaces 2026H2 and its months wholly"
    )
