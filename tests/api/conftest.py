import pytest

from services.profile.app import create_app as create_profile_app
from services.profile.config import Settings as ProfileSettings
from services.vacancy.app import create_app as create_vacancy_app
from services.vacancy.config import Settings as VacancySettings
from tests.helpers import PSEUDONYM_KEY, common_settings, sqlite_url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request, tmp_path):
    """Every API test runs against the embedded default (SQLite) and against PostgreSQL."""
    if request.param == "sqlite":
        return sqlite_url(tmp_path, "service")
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def vacancy_app(database_url):
    return create_vacancy_app(VacancySettings(common=common_settings("vacancy", database_url)), testing=True)


@pytest.fixture
def profile_database_url(request, database_url, tmp_path):
    """The profile service's own database, apart from the vacancy service's: each service owns its
    database (and its migrations refuse one another service has migrated)."""
    if database_url.startswith("sqlite"):
        return sqlite_url(tmp_path, "profile")
    import uuid

    import psycopg

    postgres = request.getfixturevalue("postgres")
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres.dsn("postgres"), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return postgres.url(name)


@pytest.fixture
def profile_app(profile_database_url):
    common = common_settings("profile", profile_database_url)
    settings = ProfileSettings(common=common, pseudonym_key=PSEUDONYM_KEY)
    return create_profile_app(settings, testing=True)
