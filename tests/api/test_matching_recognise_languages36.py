"""POST /api/v1/skills/recognise answers `languages` for every language a person can name, whether ESCO
has a language skill for it or not (outside tester 36, H3: "Languages: Tagalog native, English fluent,
Finnish B1." gave English and Finnish only; profiles accept "tl" / "fil", "so", "prs")."""

import pytest

from tests.api.matching_world import Clock, matching_app
from tests.helpers import auth

# recognition reads no storage: the PostgreSQL half is opt-in (KOHTAANTO_TEST_POSTGRES_ALL=1, tests/api/conftest.py)
pytestmark = pytest.mark.storage_independent

COACH = auth("coach", "tampere-tyollisyys")
URL = "/api/v1/skills/recognise"


@pytest.fixture
def client(database_url):
    return matching_app(database_url, Clock()).test_client()


def languages(client, text: str) -> dict[str, tuple[str | None, bool]]:
    r = client.post(URL + "?lang=en", json={"text": text}, headers=COACH)
    assert r.status_code == 200, r.get_json()
    return {x["code"]: (x["level"], x["required"]) for x in r.get_json()["languages"]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Languages: Tagalog native, English fluent, Finnish B1.",
            {"fil": ("native", True), "en": ("B2", True), "fi": ("B1", True)},
        ),
        ("Kielitaito: somali (äidinkieli), suomi (hyvä)", {"so": ("native", True), "fi": ("B2", True)}),
        ("Språk: dari modersmål, svenska god.", {"prs": ("native", True), "sv": ("B2", True)}),
        ("Estonian – basic", {"et": ("A2", True)}),
        ("Ruotsin kielen taito on hyödyllinen.", {"sv": (None, False)}),
    ],
)
def test_the_languages_of_a_line_are_answered_with_code_level_and_whether_required(client, text, expected):
    assert languages(client, text) == expected
