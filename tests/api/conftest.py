import pytest

from services.profile.app import create_app as create_profile_app
from services.profile.config import Settings as ProfileSettings
from services.vacancy.app import create_app as create_vacancy_app
from services.vacancy.config import Settings as VacancySettings
from tests.api.databases import fresh, migrated
from tests.helpers import PSEUDONYM_KEY, common_settings, sqlite_url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request, tmp_path):
    """Every API test runs against the embedded default (SQLite) and against PostgreSQL. An empty
    database of its own; the fixtures' apps start on a migrated copy (tests/api/databases.py)."""
    if request.param == "sqlite":
        return fresh(sqlite_url(tmp_path, "service"))
    return fresh(request.getfixturevalue("postgres_url"))


@pytest.fixture
def vacancy_app(database_url):
    common = common_settings("vacancy", migrated(database_url, "vacancy"))
    return create_vacancy_app(VacancySettings(common=common), testing=True)


@pytest.fixture
def profile_database_url(request, database_url, tmp_path):
    """The profile service's own database, apart from the vacancy service's: each service owns its
    database (and its migrations refuse one another service has migrated)."""
    if database_url.startswith("sqlite"):
        return fresh(sqlite_url(tmp_path, "profile"))
    import uuid

    import psycopg

    postgres = request.getfixturevalue("postgres")
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres.dsn("postgres"), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return fresh(postgres.url(name))


@pytest.fixture
def profile_app(profile_database_url):
    common = common_settings("profile", migrated(profile_database_url, "profile"))
    settings = ProfileSettings(common=common, pseudonym_key=PSEUDONYM_KEY)
    return create_profile_app(settings, testing=True)
