"""Property-based runs of every service's OpenAPI document against the in-process app (issue 8):
schemathesis generates requests from each operation's documented parameters and bodies, sends them
with a token of a caller the operation admits (real SQLite store, the test tier's publisher fake),
and checks every answer: never a server error, only documented status codes, the documented content
type and headers, a body that matches the documented schema; in negative mode (data the document
forbids) also that the API rejects it.

Bounded: ``MAX_EXAMPLES`` per operation and mode, derandomised (the same requests on every run), no
shrinking. Each operation runs with generated path parameters (mostly unknown ids: 404) and with the
ids of a seeded record (so that generated queries and bodies meet the code behind the look-up).
Reference-data rules (ESCO URIs, municipalities, registered organisations) make most generated
bodies 422; those checks hold for 422 answers too."""

from __future__ import annotations

import re
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis import checks as st_checks

from services.profile.app import create_app as create_profile_app
from services.profile.config import Settings as ProfileSettings
from services.vacancy.app import create_app as create_vacancy_app
from services.vacancy.config import Settings as VacancySettings
from tests.api.matching_world import welding_shortage_world
from tests.api.test_vacancy_api import valid as vacancy_body
from tests.bad_input import first_caller
from tests.helpers import PSEUDONYM_KEY, auth, common_settings, profile_body, sqlite_url

MAX_EXAMPLES = 8
POSITIVE_CHECKS = [
    st_checks.not_a_server_error,
    st_checks.status_code_conformance,
    st_checks.content_type_conformance,
    st_checks.response_headers_conformance,
    st_checks.response_schema_conformance,
]
#: Negative mode (data the document forbids) runs the same checks. Not ``negative_data_rejection``:
#: the APIs ignore query parameters they do not know (``?lang=`` is read on every request, and
#: clients may add cache-busters), and schemathesis counts the Authorization header this test adds
#: back as "required header missing" — both would be reported as accepted bad data.
NEGATIVE_CHECKS = POSITIVE_CHECKS


@pytest.fixture(scope="module")
def services(tmp_path_factory) -> dict[str, tuple[Any, tuple[str, ...], dict[str, str]]]:
    """service -> (app, organisations whose callers are tried, ids of seeded records by path parameter)."""
    folder = tmp_path_factory.mktemp("schemathesis")
    vacancy = create_vacancy_app(
        VacancySettings(common=common_settings("vacancy", sqlite_url(folder, "vacancy"))), testing=True
    )
    posted = vacancy.test_client().post(
        "/api/v1/vacancies", json=vacancy_body(), headers=auth("employer", "konepaja-oy")
    )
    assert posted.status_code == 201, posted.json
    profile = create_profile_app(
        ProfileSettings(
            common=common_settings("profile", sqlite_url(folder, "profile")), pseudonym_key=PSEUDONYM_KEY
        ),
        testing=True,
    )
    put = profile.test_client().put(
        "/api/v1/profiles/henkilo-1", json=profile_body(), headers=auth("coach", "tampere-tyollisyys")
    )
    assert put.status_code == 201, put.json
    matching = welding_shortage_world(sqlite_url(folder, "matching"))
    return {
        "vacancy": (vacancy, ("konepaja-oy",), {"vacancy_id": posted.json["id"]}),
        "profile": (
            profile,
            ("tampere-tyollisyys", "agency-a", "konepaja-oy", "kohtaanto"),
            {"profile_id": "henkilo-1"},
        ),
        "matching": (
            matching,
            ("agency-a", "tampere-tyollisyys", "konepaja-oy", "kohtaanto"),
            {
                "vacancy_id": "v-weld",
                "candidate_id": matching.candidate_ids[0],
                "region": "pirkanmaa",
                "week": "2026-W48",
                "period": "2026H2",
            },
        ),
    }


def run_operation(operation: Any, headers: dict[str, str], known: dict[str, str]) -> tuple[int, list[str]]:
    """Runs the bounded examples of one operation; returns (requests sent, distinct failures)."""
    sent, failures = 0, []
    names = set(re.findall(r"\{([^}]+)\}", operation.path))
    strategies = [
        (operation.as_strategy(GenerationMode.POSITIVE), POSITIVE_CHECKS),
        (operation.as_strategy(GenerationMode.NEGATIVE), NEGATIVE_CHECKS),
    ]
    if names and names <= set(known):
        seeded = {name: known[name] for name in names}
        strategies.append(
            (operation.as_strategy(GenerationMode.POSITIVE, path_parameters=seeded), POSITIVE_CHECKS)
        )

    def examples(strategy: Any, checks: list) -> None:
        @given(case=strategy)
        @settings(
            max_examples=MAX_EXAMPLES,
            derandomize=True,
            database=None,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def run(case: Any) -> None:
            nonlocal sent
            sent += 1
            try:
                case.call_and_validate(headers=headers, checks=checks)
            except Exception as exc:  # every failure is collected, then reported together
                failures.append(f"{operation.method.upper()} {operation.path}: {str(exc)[:600]}")

        try:
            run()
        except Exception as exc:  # schemathesis may raise its failure group once hypothesis is done
            failures.append(f"{operation.method.upper()} {operation.path}: {str(exc)[:600]}")

    for strategy, checks in strategies:
        examples(strategy, checks)
    return sent, sorted(set(failures))


@pytest.mark.parametrize("service", ["vacancy", "profile", "matching"])
def test_every_documented_operation_answers_as_documented(services, service) -> None:
    app, orgs, known = services[service]
    schema = schemathesis.openapi.from_wsgi("/openapi.json", app)
    client = app.test_client()
    sent, failures, operations = 0, [], 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        path = re.sub(r"\{([^}]+)\}", lambda m: known.get(m.group(1), "x-1"), operation.path)
        org, role = first_caller(client, operation.method.upper(), path, None, orgs)
        count, found = run_operation(operation, auth(role, org), known)
        sent += count
        failures += found
    print(f"\nschemathesis, {service}: {operations} operations, {sent} requests, {len(failures)} failures")
    assert operations >= 5 and sent >= operations * MAX_EXAMPLES
    assert failures == []


# -- what the runs found, kept as regression tests ---------------------------------------------------


def test_audit_entries_carry_their_time_zone(services) -> None:
    """The audit log's ``at`` is an RFC 3339 date-time with an offset, as documented (SQLite returned
    it without one)."""
    app = services["profile"][0]
    r = app.test_client().get("/api/v1/audit", headers=auth("system_auditor", "kohtaanto"))
    assert r.status_code == 200 and r.json["items"]
    for entry in r.json["items"]:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", entry["at"]), entry


@pytest.mark.parametrize(
    "content", [b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n", "\n \n".encode("utf-16"), b"\xef\xbb\xbf  \n\n"]
)
def test_an_upload_with_only_a_byte_order_mark_is_an_empty_file(services, content) -> None:
    """A file of nothing but a byte-order mark (and blanks) was a 500 in every upload."""
    import io

    client = services["matching"][0].test_client()
    operator = auth("operator", "kohtaanto")
    for path in ("/api/v1/shortages", "/api/v1/training/catalogue"):
        as_csv = client.post(path, data=content, headers={**operator, "Content-Type": "text/csv"})
        as_file = client.post(
            path,
            data={"file": (io.BytesIO(content), "lista.csv")},
            headers=operator,
            content_type="multipart/form-data",
        )
        for r in (as_csv, as_file):
            assert r.status_code == 422, (path, r.status_code)
            assert "empty" in str(r.json["errors"]), r.json
