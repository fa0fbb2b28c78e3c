"""Schema migrations on real SQLite and PostgreSQL: a new database gets exactly the code's schema, and
a database of the previous release (1bed9a9, tables from ``create_all``, no version table) with data
in it is upgraded on start-up without losing a row, and the services then read that data."""

from __future__ import annotations

import base64
import json
import threading
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, MetaData, func, insert, select, text

from deploy import migrate
from services.profile.app import create_app as create_profile_app
from services.profile.config import Settings as ProfileSettings
from services.vacancy.app import create_app as create_vacancy_app
from services.vacancy.config import Settings as VacancySettings
from shared.db import make_engine
from shared.migrations import MigrationError, current, differences, upgrade
from tests.api.matching_world import Clock, matching_app
from tests.helpers import PSEUDONYM_KEY, auth, common_settings, sqlite_url
from tests.integration.previous_release import METADATA as PREVIOUS

SERVICES = ("vacancy", "profile", "matching")
ROWS = json.loads((Path(__file__).parent / "data" / "release_1bed9a9_rows.json").read_text(encoding="utf-8"))
AUTOINCREMENT = {"outbox", "audit_log"}  # their ids come from the database's own sequence


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return sqlite_url(tmp_path, "service")
    return str(request.getfixturevalue("postgres_url"))


def _value(value: Any) -> Any:
    if isinstance(value, dict) and "base64" in value:
        return base64.b64decode(value["base64"])
    if isinstance(value, dict) and value.keys() == {"iso", "type"}:
        parse = date.fromisoformat if value["type"] == "date" else datetime.fromisoformat
        return parse(value["iso"])
    return value


def previous_release_database(url: str, service: str) -> Engine:
    """A database as release 1bed9a9 left it: its tables (``create_all``) and the rows its APIs
    stored (captured by running that release; tests/integration/data/release_1bed9a9_rows.json)."""
    engine = make_engine(url)
    metadata: MetaData = PREVIOUS[service]
    metadata.create_all(engine)
    with engine.begin() as conn:
        for table in metadata.sorted_tables:
            for row in ROWS[service][table.name]:
                values = {k: _value(v) for k, v in row.items()}
                if table.name in AUTOINCREMENT:
                    values.pop("id")
                conn.execute(insert(table).values(**values))
    return engine


def counts(engine: Engine, service: str) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            name: conn.execute(select(func.count()).select_from(text(name))).scalar_one()
            for name in ROWS[service]
        }


@pytest.mark.parametrize("service", SERVICES)
def test_a_new_database_gets_exactly_the_schema_the_code_declares(database_url: str, service: str) -> None:
    migrations = migrate.migrations_of(service)
    engine = make_engine(database_url)
    assert upgrade(engine, migrations) == migrations.heads()
    assert differences(engine, migrations.metadata) == []
    assert upgrade(engine, migrations) == migrations.heads(), "a second run changes nothing"


ISSUE_13_TABLES = {  # service paths, vouchers, training and ratings (issue 13)
    "profile": {
        "service_paths", "handover_routes", "voucher_pilots", "vouchers", "consent_grants",
        "training_suggestions", "referrals", "ratings", "rating_links",
    },
    "matching": {"path_watch", "training_courses", "skill_gaps", "training_published", "rating_figures"},
}  # fmt: skip


@pytest.mark.parametrize("service", sorted(ISSUE_13_TABLES))
def test_the_revisions_create_the_service_path_voucher_training_and_rating_tables(
    tmp_path: Path, service: str
) -> None:
    """Named, so that a table that stopped being imported (and so escaped the comparison above) shows."""
    from sqlalchemy import inspect

    migrations = migrate.migrations_of(service)
    engine = make_engine(sqlite_url(tmp_path, service))
    upgrade(engine, migrations)
    assert ISSUE_13_TABLES[service] <= set(inspect(engine).get_table_names())
    assert ISSUE_13_TABLES[service] <= set(migrations.metadata.tables)


@pytest.mark.parametrize("service", SERVICES)
def test_each_service_has_one_line_of_revisions(service: str) -> None:
    migrations = migrate.migrations_of(service)
    assert len(migrations.heads()) == 1, "two helpers added revisions on the same parent: rebase yours"
    assert migrations.script().get_base() == f"{service[0]}0001"


@pytest.mark.parametrize("service", SERVICES)
def test_the_first_revision_is_the_previous_releases_schema(database_url: str, service: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine, migrate.migrations_of(service), f"{service[0]}0001")
    assert differences(engine, PREVIOUS[service]) == []


@pytest.mark.parametrize("service", SERVICES)
def test_every_revision_downgrades_and_upgrades_again(database_url: str, service: str) -> None:
    from alembic import command

    migrations = migrate.migrations_of(service)
    engine = make_engine(database_url)
    upgrade(engine, migrations)
    with engine.connect() as conn:
        command.downgrade(migrations.config(conn), "base")
        conn.commit()
    assert current(engine) == ()
    upgrade(engine, migrations)
    assert differences(engine, migrations.metadata) == []


def test_a_vacancy_database_of_the_previous_release_is_upgraded_and_served(database_url: str) -> None:
    engine = previous_release_database(database_url, "vacancy")
    before = counts(engine, "vacancy")
    app = create_vacancy_app(VacancySettings(common=common_settings("vacancy", database_url)), testing=True)
    migrations = migrate.migrations_of("vacancy")
    assert current(engine) == migrations.heads()
    assert differences(engine, migrations.metadata) == []
    assert counts(engine, "vacancy") == before
    client = app.test_client()
    employer = auth("employer", "konepaja-oy")
    listed = client.get("/api/v1/vacancies?employer_org=konepaja-oy", headers=employer)
    assert listed.status_code == 200, listed.json
    assert sorted(v["title"] for v in listed.json["items"]) == ["Hitsaaja (MIG/MAG)", "Kokki"]
    updated = next(v for v in ROWS["vacancy"]["vacancies"] if v["version"] == 2)
    got = client.get(f"/api/v1/vacancies/{updated['id']}", headers=employer)
    assert got.status_code == 200 and got.headers["ETag"] == '"2"' and got.json["openings"] == 3
    new = dict(next(v for v in ROWS["vacancy"]["vacancies"] if v["version"] == 1)["details"])
    body = {k: new[k] for k in ("title", "occupation_uri", "municipality", "working_time", "openings")}
    assert client.post("/api/v1/vacancies", json=body, headers=employer).status_code == 201
    assert counts(engine, "vacancy")["outbox"] == before["outbox"] + 1, "the old pending events are kept"


def test_a_profile_database_of_the_previous_release_is_upgraded_and_served(database_url: str) -> None:
    engine = previous_release_database(database_url, "profile")
    before = counts(engine, "profile")
    settings = ProfileSettings(common=common_settings("profile", database_url), pseudonym_key=PSEUDONYM_KEY)
    app = create_profile_app(settings, testing=True)
    assert differences(engine, migrate.migrations_of("profile").metadata) == []
    assert counts(engine, "profile") == before
    client = app.test_client()
    coach = auth("coach", "tampere-tyollisyys")
    got = client.get("/api/v1/profiles/p-1", headers=coach)
    assert got.status_code == 200, got.json
    assert got.json["personal"]["name"] == "Aino Virtanen"
    withdrawn = client.get("/api/v1/profiles/p-2", headers=coach).json
    assert withdrawn["status"] == "withdrawn" and "personal" not in withdrawn
    assert counts(engine, "profile")["audit_log"] == before["audit_log"] + 2, "reads are audit-logged still"


def test_a_matching_database_of_the_previous_release_is_upgraded_and_served(database_url: str) -> None:
    from services.matching.team.repository import UnitOfWork

    engine = previous_release_database(database_url, "matching")
    before = counts(engine, "matching")
    app = matching_app(database_url, Clock())
    assert differences(engine, migrate.migrations_of("matching").metadata) == []
    assert counts(engine, "matching") == before
    with UnitOfWork(app.extensions["kohtaanto.engine"]) as uow:
        (outcome,) = uow.outcomes.for_vacancy("v-weld")
        meeting = uow.meetings.get("pirkanmaa", "2026-W48")
        book = uow.shortages.listing()
    assert outcome.comment == "Hyvä haastattelu" and outcome.follow_up is not None
    assert meeting is not None and meeting.content
    assert [(b["region"], b["period"]) for b in book] == [("national", "2026H2"), ("pirkanmaa", "2026H2")]
    team = auth("team_member", "tampere-tyollisyys")
    shown = app.test_client().get("/api/v1/shortages", headers=team)
    assert shown.status_code == 200 and len(shown.json["items"]) == 2


def test_processes_starting_together_migrate_once_without_tripping_over_each_other(
    database_url: str,
) -> None:
    migrations = migrate.migrations_of("profile")
    results: list[tuple[str, ...]] = []
    errors: list[BaseException] = []

    def start() -> None:
        engine = make_engine(database_url)
        try:
            results.append(upgrade(engine, migrations))
        except BaseException as exc:
            errors.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == [] and results == [migrations.heads()] * 4


def test_a_database_migrated_by_a_newer_release_is_refused(database_url: str) -> None:
    migrations = migrate.migrations_of("vacancy")
    engine = make_engine(database_url)
    upgrade(engine, migrations)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(MigrationError, match="9999"):
        upgrade(engine, migrations)


def test_without_migrate_on_start_a_service_refuses_a_database_that_is_behind(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path, "vacancy")
    common = common_settings("vacancy", url).model_copy(update={"migrate_on_start": False})
    with pytest.raises(MigrationError, match=r"deploy\.migrate"):
        create_vacancy_app(VacancySettings(common=common), testing=True)
    upgrade(make_engine(url), migrate.migrations_of("vacancy"))
    assert create_vacancy_app(VacancySettings(common=common), testing=True)


def test_the_migrate_command_checks_and_upgrades_a_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", sqlite_url(tmp_path, "m"))
    monkeypatch.setenv("KOHTAANTO_JWT_SECRET", "s" * 40)
    assert migrate.main(["vacancy", "check"]) == 1
    assert migrate.main(["vacancy", "upgrade"]) == 0
    assert migrate.main(["vacancy", "check"]) == 0
    assert migrate.main(["vacancy", "current"]) == 0
    assert capsys.readouterr().out.split()[-1] == migrate.migrations_of("vacancy").heads()[0]


def test_a_database_another_service_migrated_is_refused(tmp_path: Path) -> None:
    """Each service owns its database: pointing one at another's fails at start-up, loudly."""
    engine = make_engine(sqlite_url(tmp_path, "shared"))
    upgrade(engine, migrate.migrations_of("vacancy"))
    with pytest.raises(MigrationError, match=migrate.migrations_of("vacancy").heads()[0]):
        upgrade(engine, migrate.migrations_of("profile"))


def test_pilots_stored_with_a_region_name_get_its_id(database_url: str) -> None:
    """Outside tester 8, J7: pilots stored before the region was read kept it as typed, and the
    region's own operator (whose regions are ids) was locked out of them."""
    migrations = migrate.migrations_of("profile")
    engine = make_engine(database_url)
    upgrade(engine, migrations, "p0007")
    typed = {"a": "Österbotten", "b": "15", "c": "pirkanmaa", "d": "narnia", "e": None}
    with engine.begin() as conn:
        for pilot_id, region in typed.items():
            conn.execute(
                text(
                    "INSERT INTO voucher_pilots (id, body, updated_at, updated_by) "
                    "VALUES (:id, :body, :at, 'operator')"
                ),
                {
                    "id": pilot_id,
                    "body": json.dumps({"name": pilot_id, "region": region}),
                    "at": datetime(2026, 11, 1),
                },
            )
    upgrade(engine, migrations)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, body FROM voucher_pilots ORDER BY id")).fetchall()
    regions = {
        pilot_id: (json.loads(body) if isinstance(body, str) else body)["region"] for pilot_id, body in rows
    }
    assert regions == {"a": "pohjanmaa", "b": "pohjanmaa", "c": "pirkanmaa", "d": "narnia", "e": None}


def _voucher_row(voucher_id: str, candidate: str, **body: Any) -> dict[str, Any]:
    return {
        "id": voucher_id,
        "pilot_id": "yli50",
        "candidate_id": candidate,
        "coach_org": "tampere-tyollisyys",
        "provider": None,
        "body": json.dumps({"valid_until": "2099-01-01", "hired_on": None, "withdrawn_on": None, **body}),
    }


def test_vouchers_in_use_are_marked_and_a_race_made_pair_stops_the_upgrade(database_url: str) -> None:
    """Outside tester 28, T28-11: p0009 marks the vouchers in use (neither hired, withdrawn nor past
    their period), so the unique index lets a jobseeker's next voucher in after an old one; a jobseeker
    a race gave two vouchers in use stops the upgrade with what to do, as p0006 does for paths."""
    migrations = migrate.migrations_of("profile")
    engine = make_engine(database_url)
    upgrade(engine, migrations, "p0008")
    insert_voucher = text(
        "INSERT INTO vouchers (id, pilot_id, candidate_id, coach_org, provider, body) "
        "VALUES (:id, :pilot_id, :candidate_id, :coach_org, :provider, :body)"
    )
    rows = [
        _voucher_row("a-old", "c-a", valid_until="2020-01-31"),  # expired
        _voucher_row("a-withdrawn", "c-a", withdrawn_on="2026-10-01"),
        _voucher_row("a-hired", "c-a", hired_on="2026-10-01"),
        _voucher_row("a-now", "c-a"),
        _voucher_row("b-1", "c-b"),
        _voucher_row("b-2", "c-b"),  # the race's second voucher in use
    ]
    with engine.begin() as conn:
        for row in rows:
            conn.execute(insert_voucher, row)
    with pytest.raises(RuntimeError, match="1 jobseekers have more than one voucher in use"):
        upgrade(engine, migrations)
    assert current(engine) == ("p0008",)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM vouchers WHERE id = 'b-2'"))
    assert upgrade(engine, migrations) == migrations.heads()
    with engine.connect() as conn:
        marked = dict(conn.execute(text("SELECT id, in_use FROM vouchers ORDER BY id")).fetchall())
    assert marked == {
        "a-hired": "no",
        "a-now": "yes",
        "a-old": "no",
        "a-withdrawn": "no",
        "b-1": "yes",
    }
