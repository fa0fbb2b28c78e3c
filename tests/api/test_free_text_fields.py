"""Every text a caller writes into the three services either has a constrained shape or passes a
privacy screen (outside tester 24, T1: a step's ``person`` took a phone number and a diagnosis, shown
to the receiving organisation; T3: a jobseeker's name took an identity code). The inventory below
reads every input field of the three apps' routes (body, query and form arguments, nested ones too),
so a new free-text field that reaches another organisation or the meeting page unscreened fails here
until it gets a shape or a screen, or is listed in ``EXEMPT`` with the reason it reaches nobody."""

from __future__ import annotations

from typing import Any

import pytest
from marshmallow import Schema, ValidationError, fields, validate
from sqlalchemy import func, select

from services.profile.app import create_app as create_profile_app
from services.profile.config import Settings as ProfileSettings
from services.vacancy.app import create_app as create_vacancy_app
from services.vacancy.config import Settings as VacancySettings
from services.vacancy.repository import outbox as vacancy_outbox
from services.vacancy.repository import vacancies
from shared import pii
from shared.schemas import EscoUri, LanguageCode, MunicipalityCode, RegionId
from tests.api.matching_world import Clock, matching_app
from tests.helpers import (
    PSEUDONYM_KEY,
    TESTER34_IDENTITY_SPELLINGS,
    WELDER,
    auth,
    common_settings,
    sqlite_url,
)

# validation refused before storage: the PostgreSQL half is opt-in (KOHTAANTO_TEST_POSTGRES_ALL=1, tests/api/conftest.py)
pytestmark = pytest.mark.storage_independent

#: Validators that screen a text for personal data (``shared.pii``).
SCREENS = {
    pii.refuse_identifiers,
    pii.refuse_identity_codes,
    pii.refuse_personal_data,
    pii.refuse_personal_data_in_own_words,
    pii.refuse_sensitive_data,
    pii.staff_name_shape,
}
#: Field types whose values are reference data (codes, URIs, registered ids) or a checked format.
SHAPED_TYPES = (fields.Email, fields.URL, fields.UUID, EscoUri, LanguageCode, MunicipalityCode, RegionId)

#: Inputs that are neither shaped nor screened, and why nobody else reads them as written.
EXEMPT = {
    ("matching", "POST /api/v1/skills/recognise", "text"): "never stored or shown",
    ("profile", "GET /api/v1/audit", "actor"): "a filter of the caller's own audit log; not stored",
    ("profile", "GET /api/v1/audit", "action"): "a filter of the caller's own audit log; not stored",
    ("profile", "POST /api/v1/paths/<path_id>/handovers", "from_step"): "a step's id, looked up",
    ("profile", "PUT /api/v1/profiles/<profile_id>", "id"): "read-only: equal to the stored one, else 422",
    ("profile", "PUT /api/v1/profiles/<profile_id>", "candidate_id"): "read-only: as stored, else 422",
    ("profile", "PUT /api/v1/profiles/<profile_id>", "coach_org"): "read-only: as stored, else 422",
    ("profile", "POST /api/v1/profiles/<profile_id>/vouchers", "pilot_id"): "a pilot's id, looked up",
    ("vacancy", "PUT /api/v1/vacancies/<vacancy_id>", "id"): "read-only: equal to the stored one, else 422",
    ("vacancy", "PUT /api/v1/vacancies/<vacancy_id>", "employer_org"): "read-only: as stored, else 422",
    **{
        (service, route, f"subject.{ref}"): "a rated vacancy's or step's id, looked up"
        for service, route in (
            ("profile", "POST /api/v1/ratings"),
            ("profile", "POST /api/v1/profiles/<profile_id>/ratings"),
            ("profile", "POST /api/v1/profiles/<profile_id>/rating-links"),
        )
        for ref in ("step_id", "vacancy_id")
    },
}


@pytest.fixture(scope="module")
def apps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("free-text")
    vacancy = VacancySettings(common=common_settings("vacancy", sqlite_url(tmp, "vacancy")))
    profile = ProfileSettings(
        common=common_settings("profile", sqlite_url(tmp, "profile")), pseudonym_key=PSEUDONYM_KEY
    )
    return {
        "vacancy": create_vacancy_app(vacancy, testing=True),
        "profile": create_profile_app(profile, testing=True),
        "matching": matching_app(sqlite_url(tmp, "matching"), Clock()),
    }


def text_fields(schema: Schema, prefix: str = "") -> list[tuple[str, fields.String]]:
    """The string fields a caller may send in ``schema`` (dump-only ones left out), nested ones and
    lists' items by their dotted name."""
    found: list[tuple[str, fields.String]] = []
    for name, field in schema.fields.items():
        if field.dump_only:
            continue
        while isinstance(field, fields.List):
            field = field.inner
        if isinstance(field, fields.Nested):
            found += text_fields(field.schema, f"{prefix}{name}.")
        elif isinstance(field, fields.String):
            found.append((f"{prefix}{name}", field))
    return found


def inputs(apps: dict[str, Any]) -> dict[tuple[str, str, str], fields.String]:
    """Every route's input string fields: (service, ``METHOD /rule``, field) → field."""
    found = {}
    for service, app in apps.items():
        for rule in app.url_map.iter_rules():
            view = app.view_functions[rule.endpoint]
            view_class = getattr(view, "view_class", None)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                function = getattr(view_class, method.lower(), None) if view_class else view
                for argument in getattr(function, "_apidoc", {}).get("arguments", {}).get("parameters", []):
                    schema = argument["schema"]
                    schema = schema() if isinstance(schema, type) else schema
                    for name, field in text_fields(schema):
                        found[(service, f"{method} {rule.rule}", name)] = field
    return found


def shaped_or_screened(field: fields.String) -> bool:
    return isinstance(field, SHAPED_TYPES) or any(
        v in SCREENS or isinstance(v, validate.OneOf | validate.Regexp) for v in field.validators
    )


def test_every_free_text_input_is_shaped_or_screened(apps):
    found = inputs(apps)
    deep = ("profile", "POST /api/v1/profiles/<profile_id>/path", "first_step.person")
    assert deep in found  # nested fields are read too
    unscreened = sorted(key for key, field in found.items() if not shaped_or_screened(field))
    assert [key for key in unscreened if key not in EXEMPT] == [], "give these a shape or a screen"
    assert sorted(set(EXEMPT) - set(unscreened)) == [], "no longer exempt: remove from EXEMPT"


def test_the_fields_naming_staff_take_the_shape_and_the_comment_screen(apps):
    found = inputs(apps)
    for route, name in (
        ("POST /api/v1/profiles/<profile_id>/path", "coach"),
        ("POST /api/v1/profiles/<profile_id>/path", "first_step.person"),
        ("POST /api/v1/paths/<path_id>/steps", "person"),
        ("POST /api/v1/handovers/<handover_id>/acknowledge", "person"),
    ):
        validators = found[("profile", route, name)].validators
        assert pii.staff_name_shape in validators and pii.refuse_sensitive_data in validators, (route, name)


def test_an_identity_code_in_a_vacancy_description_is_refused_and_nothing_is_stored(vacancy_app):
    """The ad is read by partner agencies and the weekly meeting: it may name the employer's own contact
    person and number, never a jobseeker's identity code, in any language and spelling."""
    client = vacancy_app.test_client()
    employer = auth("employer", "konepaja-oy")
    body = {"title": "Hitsaaja", "occupation_uri": WELDER, "municipality": "837", "working_time": "full_time"}
    for description, lang, words in (
        ("Paikka on varattu: Aino Virtanen 131052-308T aloittaa.", "fi", "henkilötunnusta"),
        ("Tjänsten går till 150307A123V.", "sv", "personbeteckning"),
        ("Reserved for 010594Y9032 from January.", "en", "personal identity code"),
    ):
        r = client.post(
            "/api/v1/vacancies",
            json={**body, "description": description},
            headers={**employer, "Accept-Language": lang},
        )
        assert r.status_code == 422, r.json
        [reason] = r.json["errors"]["json"]["description"]
        assert words in reason, reason
    with vacancy_app.extensions["kohtaanto.engine"].connect() as conn:
        assert conn.execute(select(func.count()).select_from(vacancies)).scalar_one() == 0
        assert conn.execute(select(func.count()).select_from(vacancy_outbox)).scalar_one() == 0
    contact = "MIG/MAG-hitsausta. Lisätietoja: työnjohtaja Matti Mäkinen, 040 123 4567, matti@konepaja.fi."
    r = client.post("/api/v1/vacancies", json={**body, "description": contact}, headers=employer)
    assert r.status_code == 201 and r.json["description"] == contact, r.json


SPELLED_CODES = TESTER34_IDENTITY_SPELLINGS


def refused(field: fields.String, text: str) -> bool:
    """Whether one of ``field``'s validators refuses ``text``."""
    for validator in field.validators:
        try:
            validator(text)
        except ValidationError:
            return True
    return False


def test_every_text_input_refuses_an_identity_code_in_every_spelling(apps):
    """Each input of every route that is not reference data or exempt (a name, a title, a description, a
    comment, a note, a reason, an id) refuses the code however it is spelled, alone and in a sentence."""
    walked = 0
    for key, field in inputs(apps).items():
        if key in EXEMPT or isinstance(field, SHAPED_TYPES):
            continue
        walked += 1
        for code in SPELLED_CODES:
            for text in (code, f"Tiedoksi {code} ennen aloitusta"):
                assert refused(field, text), (key, text)
    assert walked > 40  # the inventory was read
