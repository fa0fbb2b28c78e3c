import os

import pytest

from services.profile.app import create_app as create_profile_app
from services.profile.config import Settings as ProfileSettings
from services.vacancy.app import create_app as create_vacancy_app
from services.vacancy.config import Settings as VacancySettings
from tests.api.databases import fresh, migrated
from tests.helpers import PSEUDONYM_KEY, common_settings, sqlite_url

POSTGRES_ALL_ENV = "KOHTAANTO_TEST_POSTGRES_ALL"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The PostgreSQL half of a module or test marked ``storage_independent`` (recognition, ranking from
    the in-memory index, validation refused before storage, parsing uploads, HTTP edges) is left out
    unless ``KOHTAANTO_TEST_POSTGRES_ALL=1`` (``make test-postgres-all``); its SQLite half always runs.
    Every module that stores (repositories, unit of work, outbox, dead letters, idempotency, erasure,
    audit, migrations, constraints, concurrency) keeps both halves: docs/benchmarks.md ("The test
    suite's time") has the coverage of the storage modules by the PostgreSQL half before and after."""
    if os.environ.get(POSTGRES_ALL_ENV) == "1":
        return
    kept, left_out = [], []
    for item in items:
        opt_in = item.get_closest_marker("postgres") and item.get_closest_marker("storage_independent")
        (left_out if opt_in else kept).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request, tmp_path):
    """Every API test runs against the embedded default (SQLite) and, unless its module or test is marked
    ``storage_independent`` (see :func:`pytest_collection_modifyitems`), against PostgreSQL. An empty
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
    return fresh(request.getfixturevalue("new_postgres_database")())


@pytest.fixture
def profile_app(profile_database_url):
    common = common_settings("profile", migrated(profile_database_url, "profile"))
    settings = ProfileSettings(common=common, pseudonym_key=PSEUDONYM_KEY)
    return create_profile_app(settings, testing=True)
