"""Property-based runs of every service's OpenAPI document against the running app (issue 8), with
EVERY check schemathesis has on (``CHECKS``): each app is served over real HTTP (werkzeug's server on a
free port, in a thread) and schemathesis' engine runs all its phases on the document: the document's
examples, coverage (boundary values, missing/unexpected parameters, undocumented methods), fuzzing
(positive and negative data) and stateful sequences (links inferred from responses: create, then read,
change, delete). The caller of each operation is a signed-in user of a role the operation admits
(``first_caller``), sent as the documented ``bearerAuth`` security scheme, so ``ignored_auth`` removes or
spoils it and expects 401/403.

What "valid" means is the document's: fields whose valid values are reference data carry an OpenAPI
``format`` (``shared.schemas.REFERENCE_FORMATS``) and the test registers a strategy per format that
draws from the app's own reference data (ESCO skills/occupations, municipalities, regions, registered
organisations, ISO weeks), so positive data is data the API must accept. Rules between fields that JSON
Schema cannot state (a region that must be the municipality's, a planned end not before the start, …)
are written in the fields' descriptions; ``BODY_RULES`` applies them to positive cases only
(``filter_case``), as schemathesis itself keeps positive data inside the schema's keywords. Remaining
non-2xx answers to valid data are the ones HTTP semantics give and the documents list: 404 for an id
nobody created, 409 for a state conflict (schemathesis' default ``positive_data_acceptance`` statuses,
unchanged) — except for the two file uploads (``UPLOADS``), where a file of valid shape whose rows the
description refuses is a 422, and the conditional update (``CONDITIONAL``), where a valid ``If-Match``
naming a stale version is a 412 and a change sent without one a 428 (RFC 6585 §3: the documents say
both); configured for those operations only.

Not on: ``max_response_time`` (a timing assertion; speed is measured by ``make bench``, never asserted
in tests). ``object_level_authorization`` is on but needs two identities configured (the consent matrix,
tests/api/test_consent_matrix.py, proves object-level access for every role and organisation).

Bounded: ``MAX_EXAMPLES`` per operation and phase, deterministic generation (the same requests on every
run), no shrinking, no example database, stateful runs of at most ``MAX_STEPS`` steps."""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

import pytest
import schemathesis
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status, events, from_schema
from werkzeug.serving import WSGIRequestHandler, make_server

from services.kernel.calendar import today as finnish_today
from services.profile.app import create_app as create_profile_app
from services.profile.config import Settings as ProfileSettings
from services.vacancy.app import create_app as create_vacancy_app
from services.vacancy.config import Settings as VacancySettings
from shared.schemas import REFERENCE_FORMATS
from shared.text import hidden_text, stacked_marks
from tests.api.matching_world import welding_shortage_world
from tests.api.test_vacancy_api import valid as vacancy_body
from tests.bad_input import first_caller
from tests.helpers import PSEUDONYM_KEY, auth, common_settings, profile_body, sqlite_url

MAX_EXAMPLES = 6
MAX_STEPS = 6
#: Every check schemathesis 4 has, but the timing one (see the module doc).
CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
    "positive_data_acceptance",
    "missing_required_header",
    "unsupported_method",
    "allow_header_conformance",
    "use_after_free",
    "ensure_resource_availability",
    "ignored_auth",
    "object_level_authorization",
)
#: ISO 639 codes of one language each (the API normalises any case and ISO 639-3 forms).
LANGUAGE_CODES = ("fi", "sv", "en", "se", "smn", "sms", "fse", "ru", "et", "so", "ar", "uk", "de", "fa")


@pytest.fixture(scope="module")
def services(tmp_path_factory) -> dict[str, tuple[Any, tuple[str, ...], dict[str, str]]]:
    """service -> (app, organisations whose callers are tried, ids of seeded records by path parameter)."""
    return seeded_services(tmp_path_factory.mktemp("schemathesis"))


def seeded_services(folder: Any) -> dict[str, tuple[Any, tuple[str, ...], dict[str, str]]]:
    """The three apps on SQLite files in ``folder``, each with a seeded record (see ``services``)."""
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


def iso_weeks() -> list[str]:
    """Every ISO week from 2000-W01 to four weeks ahead (meetings are prepared at most that far)."""
    monday, last = date(2000, 1, 3), finnish_today() + timedelta(weeks=4)
    weeks = []
    while monday <= last:
        year, week, _ = monday.isocalendar()
        weeks.append(f"{year}-W{week:02d}")
        monday += timedelta(weeks=1)
    return weeks


def reference_formats(app: Any) -> dict[str, Any]:
    """format name -> hypothesis strategy drawing valid values from ``app``'s reference data."""
    with app.app_context():
        reference = app.extensions["kohtaanto.reference"]
        registry = app.extensions["kohtaanto.organisations"]
        catalogue, geography = reference.catalogue, reference.geography
        regions = sorted(geography.regions)
        values = {
            "esco-skill-uri": sorted(catalogue.skills),
            "esco-occupation-uri": sorted(catalogue.occupations),
            "municipality": sorted(geography.municipalities),
            "region": regions,
            "region-or-national": [*regions, "national"],
            "language-code": list(LANGUAGE_CODES),
            "organisation": sorted(org.id for org in registry),
            "iso-week": iso_weeks(),
        }
    assert set(values) == set(REFERENCE_FORMATS.values())
    return {name: st.sampled_from(found) for name, found in values.items()}


# -- the document's rules that JSON Schema cannot state, applied to positive data ----------------------
# Each is stated in words in the field's description (and enforced with a 422). Positive data that
# breaks one is not valid by the document, so it is dropped (``filter_case``), as schemathesis drops
# data its own schema keywords forbid; negative data is left as generated.


def _unique(items: Any, key: str) -> bool:
    values = [item.get(key) for item in items or [] if isinstance(item, dict)]
    return len(values) == len(set(values))


def _sites_differ(body: dict[str, Any], geography: Any) -> bool:
    """VacancyIn's work sites: none twice and not `municipality` again, in any spelling (the field's description)."""

    def code(text: Any) -> str | None:
        try:
            return geography.municipality(text).code if isinstance(text, str) else None
        except ValueError:  # UnknownPlaceError: the field's own error
            return None

    sites = body.get("other_municipalities")
    codes = [c for c in (code(x) for x in sites) if c] if isinstance(sites, list) else []
    return len(codes) == len(set(codes)) and code(body.get("municipality")) not in codes


def _vacancy(body: dict[str, Any], geography: Any) -> bool:
    """VacancyIn: an occupation, skills or a description; the region (if given) is the municipality's;
    no skill both required and rejected; each skill and language once; the work sites each once and not the
    municipality again; the application deadline not
    passed nor more than three years ahead, the start date within a year back and three years ahead and not before the deadline."""
    from services.vacancy.domain import START_DAYS_AHEAD, START_DAYS_BEHIND

    skills = {s.get("uri") for s in body.get("skills") or []}
    region, municipality = body.get("region"), geography.municipalities.get(body.get("municipality"))
    today = finnish_today()
    deadline, start = body.get("application_deadline"), body.get("start_date")
    return (
        bool(body.get("occupation_uri") or skills or (body.get("description") or "").strip())
        and (region is None or municipality is None or region == municipality.region)
        and not skills & set(body.get("rejected_skills") or [])
        and _unique(body.get("skills"), "uri")
        and _unique(body.get("languages"), "code")
        and _sites_differ(body, geography)
        and (
            not isinstance(deadline, str)
            or today.isoformat() <= deadline <= (today + timedelta(days=START_DAYS_AHEAD)).isoformat()
        )
        and (
            not isinstance(start, str)
            or (today - timedelta(days=START_DAYS_BEHIND)).isoformat()
            <= start
            <= (today + timedelta(days=START_DAYS_AHEAD)).isoformat()
        )
        and not (isinstance(start, str) and isinstance(deadline, str) and start < deadline)
    )


def _profile(body: dict[str, Any], geography: Any) -> bool:
    """ProfileIn: each skill and language once; no suggested skill among the chosen ones; the work
    history's years add up to at most a working life, no job ended in a future year; available at most
    three years ahead and at most the field's `years_back` (ten) years back (outside tester 20, P6)."""
    from services.profile.domain import AVAILABLE_DAYS_AHEAD
    from services.profile.schemas import MAX_CAREER_YEARS, ProfileInSchema

    today = finnish_today()
    years_back = ProfileInSchema().fields["available_from"].years_back
    leap_day = (today.month, today.day) == (2, 29)  # the field's own rule: 29 February → 28 February
    oldest = today.replace(year=today.year - years_back, day=28 if leap_day else today.day).isoformat()

    skills = {s.get("uri") for s in body.get("skills") or []}
    jobs = [j for j in body.get("work_history") or [] if isinstance(j, dict)]
    years = sum(j.get("years") for j in jobs if isinstance(j.get("years"), int | float))
    return (
        _unique(body.get("skills"), "uri")
        and _unique(body.get("languages"), "code")
        and not skills & set(body.get("suggested_skills") or [])
        and years <= MAX_CAREER_YEARS
        and all(
            not isinstance(j.get("ended_year"), int) or j["ended_year"] <= finnish_today().year for j in jobs
        )
        and (
            not isinstance(body.get("available_from"), str)
            or oldest
            <= body["available_from"]
            <= (finnish_today() + timedelta(days=AVAILABLE_DAYS_AHEAD)).isoformat()
        )
    )


def _step(step: Any) -> bool:
    """StepIn: the planned end not before the start."""
    return not isinstance(step, dict) or str(step.get("planned_end", "")) >= str(step.get("starts_on", ""))


def _rating_subject(body: dict[str, Any], geography: Any) -> bool:
    """Subject: a referral names its vacancy_id, a path step its step_id."""
    subject = body.get("subject") or {}
    needed = {"referral": "vacancy_id", "path_step": "step_id"}.get(subject.get("kind"))
    return needed is None or bool(subject.get(needed))


def _outcome(body: dict[str, Any], geography: Any) -> bool:
    """OutcomeIn: a reason exactly with not_hired; occurred_on not in the future, at most 92 days ago;
    a follow-up due at most three years ahead."""
    from services.matching.team.outcomes import DUE_DAYS_AHEAD

    today = finnish_today()
    occurred = body.get("occurred_on")
    due = (body.get("follow_up") or {}).get("due") if isinstance(body.get("follow_up"), dict) else None
    return (
        (body.get("reason") is not None) == (body.get("status") == "not_hired")
        and (occurred is None or (today - timedelta(days=92)).isoformat() <= occurred <= today.isoformat())
        and (not isinstance(due, str) or due <= (today + timedelta(days=DUE_DAYS_AHEAD)).isoformat())
    )


def _pilot(body: dict[str, Any], geography: Any) -> bool:
    """PilotIn: each provider once; ends_on not before starts_on, both at most three years ahead; the
    rule's maxima not below its minima."""
    from services.profile.paths.vouchers import PILOT_DAYS_AHEAD

    rule = body.get("rule") or {}
    latest = (finnish_today() + timedelta(days=PILOT_DAYS_AHEAD)).isoformat()

    def ordered(low: Any, high: Any) -> bool:
        return low is None or high is None or low <= high

    providers = body.get("providers") or []
    return (
        len(providers) == len(set(providers))
        and ordered(body.get("starts_on"), body.get("ends_on"))
        and all(not isinstance(body.get(f), str) or body[f] <= latest for f in ("starts_on", "ends_on"))
        and ordered(rule.get("min_age"), rule.get("max_age"))
        and ordered(rule.get("min_unemployed_months"), rule.get("max_unemployed_months"))
    )


BODY_RULES = {
    "PUT /api/v1/pilots/{pilot_id}": _pilot,
    "POST /api/v1/vacancies": _vacancy,
    "PUT /api/v1/vacancies/{vacancy_id}": _vacancy,
    "PUT /api/v1/profiles/{profile_id}": _profile,
    "POST /api/v1/paths/{path_id}/steps": lambda body, geography: _step(body),
    "POST /api/v1/profiles/{profile_id}/path": lambda body, geography: _step(body.get("first_step")),
    "POST /api/v1/profiles/{profile_id}/ratings": _rating_subject,
    "POST /api/v1/profiles/{profile_id}/rating-links": _rating_subject,
    "POST /api/v1/ratings": _rating_subject,
    "POST /api/v1/vacancies/{vacancy_id}/outcomes": _outcome,
}


#: File uploads: a file's rows (columns, ISCO codes, ESCO URIs, dates per row) are described in the
#: operation's description, which JSON Schema cannot check; a file with bad rows is refused whole,
#: 422 with reasons per row. Positive data for them may therefore be a 422 (configured per operation,
#: ``engine_config``); their documented examples are accepted files (the examples phase sends them).
UPLOADS = {"/api/v1/shortages": "POST", "/api/v1/training/catalogue": "POST"}
#: Conditional requests (a documented ``If-Match``): valid data with a stale version is a 412
#: (RFC 9110 §13.1.1), a state answer like 409, not a refusal of the data; a change without the header
#: a 428 (RFC 6585 §3; the header is optional in the document because an identical replay needs none).
#: The stateful phase sent such a PUT on some runs (its links carry the ids the app made: 2026-12-05).
CONDITIONAL = [
    ("/api/v1/vacancies/{vacancy_id}", "PUT"),
    ("/api/v1/profiles/{profile_id}", "PUT"),
    ("/api/v1/profiles/{profile_id}", "DELETE"),  # erasure honours If-Match too (outside tester 10, L13)
]
DEFAULT_ACCEPTANCE = ["2xx", "3xx", "401", "403", "404", "409", "429"]


def _texts(value: Any) -> Iterator[str]:
    """Every string in a JSON value, at any depth."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def follows_the_rules(case: Any, geography: Any) -> bool:
    """Whether a case's body keeps the rules its operation's descriptions state (``BODY_RULES``), and the
    short-text rule of every name and title that a pattern cannot state: no character under a stack of
    combining marks (``shared.text.stacked_marks``; outside tester 36, H10), and of every screened text: no hidden
    text (``shared.text.hidden_text``: a default-ignorable where it changes nothing a reader sees;
    outside tester 37, K1, and 37b, L1)."""
    if any(stacked_marks(text) or hidden_text(text) for text in _texts(case.body)):
        return False
    rule = BODY_RULES.get(case.operation.label)
    return rule is None or not isinstance(case.body, dict) or rule(case.body, geography)


def documented_rules(schema: Any, geography: Any) -> None:
    """Register, for ``schema`` only, the hooks that make positive data valid by the document's words.
    (The stateful phase does not call ``filter_case`` hooks: ``scenario_failures`` leaves out its
    positive cases that break the rules instead.)"""

    def positive(case: Any) -> bool:
        return case.meta is not None and case.meta.generation.mode == GenerationMode.POSITIVE

    @schema.hook("filter_case")
    def only_documented(context: Any, case: Any) -> bool:
        return not positive(case) or follows_the_rules(case, geography)


class _NoDelayHandler(WSGIRequestHandler):
    """werkzeug's handler with Nagle's algorithm off (``TCP_NODELAY``), as production servers set it
    (gunicorn does): werkzeug writes an answer's headers and body apart, and with Nagle on the body
    waited for the client's delayed ACK of the headers, up to 40 ms per request on Linux: two
    thousand requests per service took minutes of waiting, not of work."""

    disable_nagle_algorithm = True


@contextmanager
def served(app: Any) -> Iterator[str]:
    """``app`` on a free local port (werkzeug's single-threaded server in a thread); the base URL."""
    server = make_server("127.0.0.1", 0, app, request_handler=_NoDelayHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()


def engine_config(seed: int) -> SchemathesisConfig:
    return SchemathesisConfig.from_dict(
        {
            "seed": seed,
            # no state kept between runs (schemathesis' project cache): every run sends the same requests
            "cache": {"enabled": False},
            "generation": {
                "max-examples": MAX_EXAMPLES,
                "deterministic": True,
                "no-shrink": True,
                "database": "none",
                # the APIs refuse NUL in any text (400, "no database stores it"; the documents'
                # info says so): generated text leaves it out, as for lone surrogates
                "allow-x00": False,
                # the caller's token is set by the auth provider below (a valid one per operation);
                # generating or negating the security schemes' values too would have it overwrite a
                # negated Authorization header; ignored_auth tests missing and spoiled tokens
                "with-security-parameters": False,
            },
            "checks": {name: {"enabled": True} for name in CHECKS},
            "operations": [
                {
                    "include-path": path,
                    "include-method": method,
                    "checks": {
                        "positive_data_acceptance": {"expected-statuses": [*DEFAULT_ACCEPTANCE, *extra]}
                    },
                }
                for table, extra in ((list(UPLOADS.items()), ["422"]), (CONDITIONAL, ["412", "428"]))
                for path, method in table
            ],
            "phases": {"stateful": {"max-steps": MAX_STEPS}},
        }
    )


def run_schema(app: Any, orgs: tuple[str, ...], known: dict[str, str]) -> tuple[Counter, list[str]]:
    """All of schemathesis' phases and checks on ``app``'s document; returns (requests sent per phase,
    distinct failures: operation, check, request and answer)."""
    for name, strategy in reference_formats(app).items():
        schemathesis.openapi.format(name, strategy)
    client = app.test_client()
    sent: Counter = Counter()
    failures: list[str] = []
    with served(app) as base:
        schema = schemathesis.openapi.from_url(f"{base}/openapi.json", config=engine_config(seed=8))
        geography = app.extensions["kohtaanto.reference"].geography
        documented_rules(schema, geography)
        tokens = {}
        for result in schema.get_all_operations():
            operation = result.ok()
            path = re.sub(r"\{([^}]+)\}", lambda m: known.get(m.group(1), "x-1"), operation.path)
            org, role = first_caller(client, operation.method.upper(), path, None, orgs)
            tokens[operation.label] = auth(role, org)["Authorization"]

        @schema.auth(cache_by_key=lambda case, ctx: case.operation.label)
        class Caller:
            """The operation's caller, as the documented bearer scheme."""

            def get(self, case: Any, ctx: Any) -> str:
                return tokens[case.operation.label]

            def set(self, case: Any, data: str, ctx: Any) -> None:
                case.headers = {**(case.headers or {}), "Authorization": data}

        for event in from_schema(schema).execute():
            if isinstance(event, events.ScenarioFinished):
                sent[event.phase.value] += len(event.recorder.interactions)
                failures.extend(scenario_failures(event.recorder, geography))
            elif isinstance(event, events.NonFatalError | events.FatalError):
                failures.append(f"{event.__class__.__name__}: {getattr(event, 'label', '')}: {event!r}"[:800])
    return sent, sorted(set(failures))


def scenario_failures(recorder: Any, geography: Any) -> Iterator[str]:
    """One line per failed check of a scenario: phase label, check, request and the answer. A
    positive-data refusal of a case that breaks a documented body rule is no failure (the stateful
    phase sends such cases: it does not apply ``filter_case``; e.g. a pilot listing a provider twice)."""
    for case_id, checks in recorder.checks.items():
        for check in checks:
            if check.status != Status.FAILURE:
                continue
            case = recorder.cases[case_id].value if case_id in recorder.cases else None
            if (
                check.name == "positive_data_acceptance"
                and case is not None
                and not follows_the_rules(case, geography)
            ):
                continue
            seen = recorder.interactions.get(case_id)
            request = (
                "" if seen is None else f"{seen.request.method} {seen.request.uri} {seen.request.body!r:.300}"
            )
            answer = (
                ""
                if seen is None or seen.response is None
                else (f"{seen.response.status_code} {seen.response.content[:300]!r}")
            )
            failure = check.failure_info.failure if check.failure_info else None
            why = "" if failure is None else f"{failure.title}; {failure.message[:300]}"
            meta = recorder.cases[case_id].value.meta if case_id in recorder.cases else None
            how = "" if meta is None else f" [{meta.generation.mode.value}: {meta.phase.data}]"[:400]
            yield f"{recorder.label}: {check.name} ({why}){how}: {request} -> {answer}"


@pytest.mark.parametrize("service", ["vacancy", "profile", "matching"])
def test_every_documented_operation_answers_as_documented(services, service) -> None:
    app, orgs, known = services[service]
    sent, failures = run_schema(app, orgs, known)
    print(f"\nschemathesis, {service}: {sum(sent.values())} requests {dict(sent)}, {len(failures)} failures")
    assert sent["coverage"] and sent["fuzzing"] and sent["stateful"], sent
    assert failures == [], "\n".join(failures)


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


def test_the_documented_upload_examples_are_accepted_files(services) -> None:
    """The upload operations' CSV examples (what the examples phase sends) are files the API takes."""
    app = services["matching"][0]
    client = app.test_client()
    document = client.get("/openapi.json").json
    operator = auth("operator", "kohtaanto")
    for path in UPLOADS:
        example = document["paths"][path]["post"]["requestBody"]["content"]["text/csv"]["example"]
        r = client.post(path, data=example.encode(), headers={**operator, "Content-Type": "text/csv"})
        assert r.status_code == 201, (path, r.json)


def test_a_nullable_nested_object_is_documented_as_that_object_or_null(services) -> None:
    """apispec rendered ``follow_up`` as "FollowUp or any object": ``{}`` was schema-valid, and 422."""
    document = services["matching"][0].test_client().get("/openapi.json").json
    follow_up = document["components"]["schemas"]["OutcomeIn"]["properties"]["follow_up"]
    assert {"$ref": "#/components/schemas/FollowUp"} in follow_up["anyOf"]
    assert {"type": "object", "nullable": True, "enum": [None]} in follow_up["anyOf"]
