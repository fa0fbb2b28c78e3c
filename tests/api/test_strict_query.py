"""The JSON APIs and downloads accept only the query parameters they declare (issue 8): an unknown one
(a typo such as ``?limt=5``) or a value outside the declared ones (``?lang=de``) is a 422 in the JSON
error shape naming the parameter, never silently ignored; pages tolerate what browsers and links add.
A body over the size limit is a 413 whether or not it carries a Content-Length."""

from __future__ import annotations

import io
import json

import pytest

from services.vacancy.app import create_app as create_vacancy_app
from services.vacancy.config import Settings as VacancySettings
from tests.api.matching_world import welding_shortage_world
from tests.api.test_matching_meeting import W48, logged_in
from tests.helpers import auth, common_settings, sqlite_url

# HTTP edges: the PostgreSQL half is opt-in (KOHTAANTO_TEST_POSTGRES_ALL=1, tests/api/conftest.py)
pytestmark = pytest.mark.storage_independent

EMPLOYER = auth("employer", "konepaja-oy")


@pytest.fixture(scope="module")
def vacancy(tmp_path_factory):
    folder = tmp_path_factory.mktemp("strict-vacancy")
    return create_vacancy_app(
        VacancySettings(common=common_settings("vacancy", sqlite_url(folder, "vacancy"))), testing=True
    )


@pytest.fixture(scope="module")
def matching(tmp_path_factory):
    return welding_shortage_world(sqlite_url(tmp_path_factory.mktemp("strict-matching"), "matching"))


def refused(response, parameter: str) -> list[str]:
    assert response.status_code == 422, (response.status_code, response.get_data(as_text=True))
    body = response.json
    assert set(body) == {"code", "status", "message", "errors"} and body["code"] == 422
    return body["errors"]["query"][parameter]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [("?limt=5", "limt"), ("?limit=5&_=1733040000", "_"), ("?lang=de", "lang"), ("?lang=SV", "lang")],
)
def test_an_api_refuses_a_query_parameter_it_does_not_declare_or_a_value_it_does_not_take(
    vacancy, query, parameter
):
    reasons = refused(vacancy.test_client().get(f"/api/v1/vacancies{query}", headers=EMPLOYER), parameter)
    if parameter == "lang":  # (``?lang=SV`` picks Swedish messages, as pages do, but is not a value)
        assert len(reasons) == 1 and reasons[0].endswith(": fi, sv, en."), reasons
    else:
        assert reasons == ["Unknown field."]


def test_a_parameter_given_twice_is_refused_not_read_once_and_ignored_once(vacancy):
    """Outside tester 4: ``?action=contact.read&action=x`` used the first value without a word."""
    client = vacancy.test_client()
    assert refused(client.get("/api/v1/vacancies?limit=5&limit=500", headers=EMPLOYER), "limit") == [
        "Give this parameter once."
    ]
    assert refused(client.get("/api/v1/vacancies?lang=fi&lang=sv", headers=EMPLOYER), "lang") == [
        "Anna tämä parametri vain kerran."  # (the first lang picks the messages' language)
    ]


def test_declared_parameters_and_every_supported_language_are_accepted(vacancy):
    client = vacancy.test_client()
    for lang in ("fi", "sv", "en"):
        r = client.get(f"/api/v1/vacancies?limit=5&offset=0&lang={lang}", headers=EMPLOYER)
        assert r.status_code == 200, (lang, r.json)


def test_an_unknown_parameter_is_refused_on_a_write_before_anything_is_stored(vacancy):
    client = vacancy.test_client()
    before = client.get("/api/v1/vacancies", headers=EMPLOYER).json["items"]
    r = client.post("/api/v1/vacancies?dry_run=1", json={"title": "x"}, headers=EMPLOYER)
    assert refused(r, "dry_run") == ["Unknown field."]
    assert client.get("/api/v1/vacancies", headers=EMPLOYER).json["items"] == before


@pytest.mark.parametrize(
    ("download", "query", "parameter"),
    [
        ("content.json", "?lang=de", "lang"),
        ("content.csv", "?lang=de", "lang"),
        ("content.xlsx", "?lang=xx", "lang"),
        ("content.json", "?langg=sv", "langg"),
        ("content.csv", "?dialect=excel", "dialect"),
    ],
)
def test_meeting_downloads_refuse_what_they_do_not_declare(matching, download, query, parameter):
    r = logged_in(matching).get(f"{W48}/{download}{query}")
    assert refused(r, parameter)


def test_meeting_downloads_take_their_declared_parameters(matching):
    client = logged_in(matching)
    assert client.get(f"{W48}/content.json?lang=sv").status_code == 200
    assert client.get(f"{W48}/content.csv?lang=en&dialect=excel-fi").status_code == 200


def test_pages_tolerate_parameters_browsers_and_links_add(matching):
    page = logged_in(matching).get(f"{W48}?utm_source=mail&lang=de")
    assert page.status_code == 200 and page.mimetype == "text/html"


def test_the_documents_declare_lang_and_how_to_sign_in_on_every_operation(vacancy, matching):
    for app in (vacancy, matching):
        document = app.test_client().get("/openapi.json").json
        assert set(document["components"]["securitySchemes"]) == {"bearerAuth", "sessionCookie"}
        for path, item in document["paths"].items():
            for method, operation in item.items():
                if method == "parameters":
                    continue
                lang = [p for p in operation["parameters"] if p["in"] == "query" and p["name"] == "lang"]
                assert lang and lang[0]["schema"]["enum"] == ["fi", "sv", "en"], (method, path)
                assert operation["security"], (method, path)


@pytest.mark.parametrize("size", [3 * 1024 * 1024, 2 * 1024 * 1024 + 1])
def test_a_chunked_body_over_the_limit_is_413_not_400(vacancy, size):
    """A body sent with ``Transfer-Encoding: chunked`` (no Content-Length; .NET and Java streaming
    clients) over 2 MiB was cut at the limit and answered 400 "Invalid JSON body"."""
    body = json.dumps({"title": "x" * size}).encode()
    r = vacancy.test_client().post(
        "/api/v1/vacancies",
        input_stream=io.BytesIO(body),
        headers={**EMPLOYER, "Content-Type": "application/json", "Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert (
        r.status_code == 413
        and r.json["code"] == 413
        and set(r.json) == {"code", "status", "message", "errors"}
    )


def test_a_chunked_body_under_the_limit_is_read_whole(vacancy):
    body = json.dumps({"title": "x"}).encode()
    r = vacancy.test_client().post(
        "/api/v1/vacancies",
        input_stream=io.BytesIO(body),
        headers={**EMPLOYER, "Content-Type": "application/json", "Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert r.status_code == 422 and "municipality" in r.json["errors"]["json"], r.json


def test_a_body_over_the_limit_is_a_413_naming_the_limit_and_what_to_do_in_every_service(
    vacancy, matching, profile_app
):
    """Outside tester 11, M5: a 5 MB shortage CSV got "The data value transmitted exceeds the
    capacity limit." (fi "Lähetetty tieto ylittää kokorajan."), naming neither the limit nor a way out."""
    big = 2 * 1024 * 1024 + 1
    operator = auth("operator", "kohtaanto")
    client = matching.test_client()
    before = client.get("/api/v1/shortages", headers=operator).json
    csv = "occupation,region,period,level\n" + "7212,pirkanmaa,2026H2,shortage\n" * (big // 30 + 1)
    answers = {
        "en": client.post(
            "/api/v1/shortages?source=t11",
            data=csv,
            headers={**operator, "Content-Type": "text/csv", "Accept-Language": "en"},
        ),
        "fi": vacancy.test_client().post(
            "/api/v1/vacancies",
            data=json.dumps({"title": "x" * big}),
            headers={**EMPLOYER, "Content-Type": "application/json", "Accept-Language": "fi"},
        ),
        "sv": profile_app.test_client().put(
            "/api/v1/profiles/t11-big",
            data=json.dumps({"name": "x" * big}),
            headers={
                **auth("coach", "tampere-tyollisyys"),
                "Content-Type": "application/json",
                "Accept-Language": "sv",
            },
        ),
    }
    words = {"en": ("2 MiB", "in parts"), "fi": ("2 MiB", "osissa"), "sv": ("2 MiB", "i delar")}
    for lang, r in answers.items():
        assert r.status_code == 413 and set(r.json) == {"code", "status", "message", "errors"}, lang
        assert all(w in r.json["message"] for w in words[lang]), (lang, r.json["message"])
    assert client.get("/api/v1/shortages", headers=operator).json == before
    assert (
        profile_app.test_client()
        .get("/api/v1/profiles/t11-big", headers=auth("coach", "tampere-tyollisyys"))
        .status_code
        == 404
    )
