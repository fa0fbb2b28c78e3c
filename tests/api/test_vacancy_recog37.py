"""The vacancy's `requirements_unconfirmed` warning names any language the employer wrote, in the caller's
language, and an ESCO skill of that language clears it (session 37, brief item 5: "Venäjän kielen taito
edellytetään." warned of nothing, as the warning knew only Finnish, Swedish and English)."""

import pytest

from tests.api.vacancy_bodies import EMPLOYER, valid, warning

# recognition reads no storage: the PostgreSQL half is opt-in (KOHTAANTO_TEST_POSTGRES_ALL=1, tests/api/conftest.py)
pytestmark = pytest.mark.storage_independent

RUSSIAN = "http://data.europa.eu/esco/skill/6891bbce-20bf-4afc-bd5e-75bdf54c0165"
ESTONIAN = "http://data.europa.eu/esco/skill/1b7e6f56-bc73-4bcc-81ae-09252175d418"


@pytest.mark.parametrize(
    ("lang", "description", "named", "skill"),
    [
        ("fi", "Venäjän kielen taito edellytetään.", "venäjä", RUSSIAN),
        ("sv", "Du talar ryska med kunderna.", "ryska", RUSSIAN),
        ("en", "Estonian is a plus.", "Estonian", ESTONIAN),
    ],
)
def test_a_language_other_than_finnish_swedish_or_english_is_named_until_settled(
    vacancy_app, lang, description, named, skill
):
    client = vacancy_app.test_client()
    headers = {**EMPLOYER, "Accept-Language": lang}
    r = client.post("/api/v1/vacancies", json=valid(languages=[], description=description), headers=headers)
    assert r.status_code == 201, r.json
    message = warning(r, "requirements_unconfirmed")["message"]
    assert named in message, message
    body = valid(languages=[], description=description, rejected_skills=[skill])
    put = client.put(
        f"/api/v1/vacancies/{r.json['id']}", json=body, headers={**headers, "If-Match": r.headers["ETag"]}
    )
    assert put.status_code == 200, put.json
    assert warning(put, "requirements_unconfirmed") is None, put.json["warnings"]
