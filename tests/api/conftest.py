import pytest

from services.profile.app import create_app as create_profile_app
from services.profile.config import Settings as ProfileSettings
from services.vacancy.app import create_app as create_vacancy_app
from services.vacancy.config import Settings as VacancySettings
from tests.helpers import PSEUDONYM_KEY, common_settings, sqlite_url


@pytest.fixture
def vacancy_app(tmp_path):
    return create_vacancy_app(VacancySettings(common_settings("vacancy", sqlite_url(tmp_path, "v"))), testing=True)


@pytest.fixture
def profile_app(tmp_path):
    settings = ProfileSettings(common_settings("profile", sqlite_url(tmp_path, "p")), PSEUDONYM_KEY)
    return create_profile_app(settings, testing=True)
