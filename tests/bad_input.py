"""The bad-input table (issue 8, item 7): every operation of a service's OpenAPI document, called
with every kind of input that used to crash a layer below the API, by every role. Each answer must
be below 500 and, when an error, in the JSON error shape ``{code, status, message, errors}``.

Used by the API tier (Flask test client, real databases) for every service.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import random
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from shared.auth import Role
from tests.helpers import auth

HUGE = str(2**64)
NESTED_ARRAYS = "[" * 100_000 + "]" * 100_000
NESTED_OBJECTS = '{"a":' * 60 + "1" + "}" * 60


@dataclass(frozen=True)
class Attempt:
    """One request of the table: what kind of bad input, and the request itself."""

    kind: str
    method: str
    path: str
    query: dict[str, str]
    body: str | bytes | None
    content_type: str = "application/json"


def operations(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method in ("get", "post", "put", "delete", "patch"):
                yield method.upper(), path, op


def fill(path: str, value: str, known: dict[str, str] | None = None) -> str:
    """``path`` with every ``{parameter}`` replaced by ``known[parameter]``, else by ``value``."""
    known = known or {}
    return re.sub(r"\{([^}]+)\}", lambda m: known.get(m.group(1), value), path)


def query_params(op: dict[str, Any], spec_item_params: list[dict[str, Any]] | None = None) -> list[dict]:
    return [p for p in op.get("parameters", []) if p.get("in") == "query"]


def string_leaves(value: Any, path: tuple = ()) -> Iterator[tuple]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from string_leaves(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from string_leaves(v, (*path, i))
    elif isinstance(value, str):
        yield path


def replaced(value: Any, path: tuple, new: Any) -> Any:
    if not path:
        return new
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[path[0]] = replaced(value[path[0]], path[1:], new)  # type: ignore[index]
    return copy


def raw_json(value: Any) -> str:
    """JSON text in which the marker ``"\\u0000SURROGATE"`` becomes the escape of a lone surrogate."""
    return json.dumps(value).replace('"\\u0000SURROGATE"', '"\\ud800"')


def attempts(
    spec: dict[str, Any],
    valid_bodies: dict[tuple[str, str], dict[str, Any]],
    path_values: dict[str, str] | None = None,
) -> Iterator[Attempt]:
    """Every kind of bad input for every operation; ``valid_bodies`` maps (method, path template) to
    a valid JSON body, whose every text field is then spoiled in turn. ``path_values`` names path
    parameters' values that exist (so that bad input meets the code behind the look-up); others
    are ``x-1``."""
    for method, template, op in operations(spec):
        path = fill(template, "x-1", path_values)
        has_body = "requestBody" in op
        yield Attempt("NUL in the path", method, fill(template, "a%00b"), {}, None)
        yield Attempt("newline in the path", method, fill(template, "a%0Ab"), {}, None)
        yield Attempt("identity code in the path", method, fill(template, "131052-308T"), {}, None)
        yield Attempt("over-long path parameter", method, fill(template, "p" * 3000), {}, None)
        for p in query_params(op):
            name, schema = p["name"], p.get("schema", {})
            for kind, value in (
                ("integer beyond 64 bits", HUGE),
                ("negative integer beyond 64 bits", "-" + HUGE),
                ("exponent number", "1e400"),
                ("NUL", "a\x00b"),
                ("newline", "/a\r\nSet-Cookie: x=1"),
                ("ISO week 9999-W52", "9999-W52"),
                ("far date", "9999-12-31"),
                ("text", "x" * 5000),
            ):
                if schema.get("type") in ("integer", "number") or kind in ("NUL", "newline", "text"):
                    yield Attempt(f"{kind} in query {name}", method, path, {name: value}, None)
        if method in ("POST", "PUT", "PATCH") or has_body:
            yield Attempt("deeply nested arrays", method, path, {}, NESTED_ARRAYS)
            yield Attempt("deeply nested objects", method, path, {}, NESTED_OBJECTS)
            yield Attempt("lone surrogate", method, path, {}, '{"x": "\\ud800"}')
            yield Attempt("lone surrogate in a key", method, path, {}, '{"\\udfff": 1}')
            yield Attempt("NUL in a string", method, path, {}, '{"x": "a\\u0000b"}')
            yield Attempt("integer of 5000 digits", method, path, {}, '{"x": ' + "9" * 5000 + "}")
            yield Attempt("NaN", method, path, {}, '{"x": NaN}')
            yield Attempt("invalid UTF-8", method, path, {}, b'{"x": "\xff\xfe"}')
            yield Attempt("not an object", method, path, {}, "[1, 2, 3]")
            yield Attempt(
                "form instead of JSON", method, path, {}, "a=1", "application/x-www-form-urlencoded"
            )
            body = valid_bodies.get((method, template))
            if body is not None:
                for leaf in string_leaves(body):
                    where = ".".join(map(str, leaf))
                    for kind, value in (
                        ("lone surrogate", "\u0000SURROGATE"),
                        ("NUL", "a\u0000b"),
                        ("over-long text", "x" * 100_000),
                        ("far date", "9999-12-31"),
                    ):
                        yield Attempt(
                            f"{kind} in {where}", method, path, {}, raw_json(replaced(body, leaf, value))
                        )
                for kind, value in (("2**64", 2**64), ("-2**64", -(2**64)), ("1e308", 1e308)):
                    for leaf in number_leaves(body):
                        where = ".".join(map(str, leaf))
                        yield Attempt(
                            f"{kind} in {where}", method, path, {}, json.dumps(replaced(body, leaf, value))
                        )


def number_leaves(value: Any, path: tuple = ()) -> Iterator[tuple]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from number_leaves(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from number_leaves(v, (*path, i))
    elif isinstance(value, int | float) and not isinstance(value, bool):
        yield path


ERROR_KEYS = {"code", "status", "message", "errors"}


def upload_attempts(path: str) -> Iterator[Attempt]:
    """Bad files for an upload endpoint that takes CSV or .xlsx (shortage lists, the training
    catalogue): broken encodings, control characters, huge cells and rows, files that only claim
    to be spreadsheets, empty and multipart bodies without a file."""
    csv_type, xlsx_type = "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    header = b"occupation,region,period,level\n"
    for kind, body in (
        ("invalid UTF-8", header + b"\xff\xfe\xfd,pirkanmaa,2026H2,shortage\n"),
        ("UTF-8-encoded lone surrogate", header + b"\xed\xa0\x80,pirkanmaa,2026H2,shortage\n"),
        ("NUL in a cell", header + b"72\x0012,pirkanmaa,2026H2,shortage\n"),
        ("UTF-16 with BOM", "occupation;region\n7212;pirkanmaa\n".encode("utf-16")),
        ("cell of 1 MB", header + b"7212," + b"x" * 1_000_000 + b",2026H2,shortage\n"),
        ("5000 columns", b",".join([b"c"] * 5000) + b"\n" + b",".join([b"1"] * 5000) + b"\n"),
        ("20000 rows", header + b"7212,pirkanmaa,2026H2,shortage\n" * 20_000),
        ("unbalanced quotes", header + b'"7212,"pirkanmaa""",2026H2\n"'),
        ("formula cells", header + b"=cmd|' /C calc'!A0,@SUM(1),+1,-1\n"),
        ("integer beyond 64 bits", header + HUGE.encode() + b",pirkanmaa,2026H2,shortage\n"),
        ("period 9999H2", header + b"7212,pirkanmaa,9999H2,shortage\n"),
        ("only a header", header),
        ("empty", b""),
        ("binary noise", bytes(range(256)) * 40),
    ):
        yield Attempt(f"CSV: {kind}", "POST", path, {}, body, csv_type)
    yield Attempt(
        "xlsx: CSV bytes", "POST", path, {}, header + b"7212,pirkanmaa,2026H2,shortage\n", xlsx_type
    )
    yield Attempt(
        "xlsx: a zip that is no workbook", "POST", path, {}, b"PK\x05\x06" + b"\x00" * 18, xlsx_type
    )
    yield Attempt("xlsx: truncated zip", "POST", path, {}, b"PK\x03\x04" + b"\x00" * 100, xlsx_type)
    yield Attempt("xlsx: empty", "POST", path, {}, b"", xlsx_type)
    boundary = "kohtaanto-boundary"
    multipart = f"multipart/form-data; boundary={boundary}"
    no_file = f'--{boundary}\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n--{boundary}--\r\n'
    yield Attempt("multipart without a file", "POST", path, {}, no_file.encode(), multipart)
    yield Attempt("multipart without a boundary", "POST", path, {}, b"--x\r\n", "multipart/form-data")
    broken = f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n\xff'
    yield Attempt("multipart cut off", "POST", path, {}, broken.encode("latin-1"), multipart)


#: Kinds of bad input issue 8 (item 7) named: always tried, whatever the sample.
NAMED_KINDS = ("deeply nested", "lone surrogate", "beyond 64 bits", "ISO week", "newline")

#: Tables whose rows change on a refused request by design: the audit log (denied attempts are
#: audited) and the rate-limit counters.
UNWATCHED_TABLES = frozenset({"audit_log", "rate_limits"})
#: Outbox rows a refused request writes by design: matching's report of a refused request naming a
#: candidate, for the profile service's audit log (outside tester 21, Q4). Any other event is watched.
AUDIT_EVENTS = ('"event_type":"access.refused"',)


def sample(attempts: list[Attempt], per_operation: int | None, seed: str) -> list[Attempt]:
    """At most ``per_operation`` of one operation's ``attempts``: every attempt of a kind in
    ``NAMED_KINDS`` (up to half the budget), the rest a sample drawn with ``random.Random(seed)``
    (deterministic: the same attempts on every run), in their original order."""
    if per_operation is None or len(attempts) <= per_operation:
        return attempts
    named = [i for i, a in enumerate(attempts) if any(k in a.kind for k in NAMED_KINDS)]
    rng = random.Random(seed)
    keep = set(rng.sample(named, min(len(named), per_operation // 2)))
    others = [i for i in range(len(attempts)) if i not in keep]
    keep |= set(rng.sample(others, per_operation - len(keep)))
    return [a for i, a in enumerate(attempts) if i in keep]


def stored_state(app: Any) -> str:
    """A digest of every row of every table of the app's database except ``UNWATCHED_TABLES``
    (the outbox included: what would be published)."""
    from sqlalchemy import MetaData, select

    engine = app.extensions["kohtaanto.engine"]
    metadata = app.extensions.get("kohtaanto.bad_input.metadata")
    if metadata is None:
        metadata = MetaData()
        with warnings.catch_warnings():  # expression indexes are not reflected; only rows are read
            warnings.filterwarnings("ignore", message=".*expression-based index")
            metadata.reflect(engine)
        app.extensions["kohtaanto.bad_input.metadata"] = metadata
    digest = hashlib.sha256()
    with engine.connect() as conn:
        for name, table in sorted(metadata.tables.items()):
            if name in UNWATCHED_TABLES or name.startswith("alembic"):
                continue
            rows = sorted(
                text
                for text in (repr(tuple(row)) for row in conn.execute(select(table)))
                if not any(mark in text for mark in AUDIT_EVENTS)
            )
            digest.update(f"{name}:{len(rows)}:{rows}".encode())
    return digest.hexdigest()


def run_table(
    app: Any,
    valid_bodies: dict[tuple[str, str], dict[str, Any]],
    orgs: tuple[str, ...],
    *,
    path_values: dict[str, str] | None = None,
    extra: Iterable[Attempt] = (),
    per_operation: int | None = None,
    seed: str = "bad-input",
) -> dict:
    """Sends the attempts (and those of ``extra``), at most ``per_operation`` per operation
    (``sample``), each as ONE caller: the first role of ``orgs`` that the operation lets past
    authorisation (found with a valid request, ``valid_bodies``' body if any; the others would meet
    the same 403).
    Returns counts, the operations tried and the failures: an answer ≥ 500, an error not in the JSON
    shape ``{code, status, message, errors}``, or a refused request (≥ 400) after which the database
    (outbox included) is not as it was."""
    client = app.test_client()
    spec = client.get("/openapi.json").get_json()
    by_operation: dict[tuple[str, str], list[Attempt]] = {}
    for attempt in itertools.chain(attempts(spec, valid_bodies, path_values), extra):
        by_operation.setdefault((attempt.method, route_of(spec, attempt.path)), []).append(attempt)
    tried, failures, operations_tried = 0, [], set()

    def send(attempt: Attempt, org: str, role: Role) -> int:
        nonlocal tried
        before = stored_state(app)
        headers = {**auth(role, org), "Content-Type": attempt.content_type}
        response = client.open(
            attempt.path,
            method=attempt.method,
            query_string=attempt.query,
            data=attempt.body,
            headers=headers,
        )
        tried += 1
        status = response.status_code
        shape_ok = status < 400 or (
            response.is_json and set(response.get_json(silent=True) or {}) >= ERROR_KEYS
        )
        unchanged = status < 400 or stored_state(app) == before
        if status >= 500 or not shape_ok or not unchanged:
            failures.append((attempt.kind, attempt.method, attempt.path[:80], role.value, status, unchanged))
        return status

    for (method, template), chosen in by_operation.items():
        operations_tried.add((method, template))
        body = valid_bodies.get((method, template))
        probe = Attempt(
            "valid request (finds the caller)",
            method,
            fill(template, "x-1", path_values),
            {},
            None if body is None else json.dumps(body),
        )
        caller = first_caller(
            client,
            probe.method,
            probe.path,
            probe.body,
            orgs,
            send=lambda o, r, probe=probe: send(probe, o, r),
        )
        for attempt in sample(chosen, per_operation, f"{seed}:{method} {template}"):
            send(attempt, *caller)
    return {"tried": tried, "failures": failures, "operations": operations_tried}


def first_caller(
    client: Any,
    method: str,
    path: str,
    body: str | None,
    orgs: tuple[str, ...],
    send: Any = None,
) -> tuple[str, Role]:
    """The first (organisation, role) of ``orgs`` x ``Role`` whose request ``method path`` (JSON
    ``body``) is not answered 401/403: a caller the operation admits (else the operator's).
    ``send(org, role) -> status`` replaces the plain request (e.g. to count and check it)."""
    for org, role in itertools.product(orgs, Role):
        if send is not None:
            status = send(org, role)
        else:
            headers = {**auth(role, org), "Content-Type": "application/json"}
            status = client.open(path, method=method, data=body, headers=headers).status_code
        if status not in (401, 403):
            return org, role
    return "kohtaanto", Role.OPERATOR


def route_of(spec: dict[str, Any], path: str) -> str:
    """The documented path template that ``path`` is an instance of (or ``path`` itself)."""
    for template in spec["paths"]:
        if re.fullmatch(re.sub(r"\\\{[^}]+\\\}", "[^/]*", re.escape(template)), path):
            return template
    return path


def unsupported_method_answers(app: Any) -> list[tuple[str, str, int, str | None]]:
    """(method, path, status, Allow) for TRACE, PATCH and an invented method on every documented path
    whose operations do not include it."""
    client = app.test_client()
    spec = client.get("/openapi.json").get_json()
    out = []
    for template, item in spec["paths"].items():
        for method in ("TRACE", "PATCH", "BREW"):
            if method.lower() in item:
                continue
            r = client.open(fill(template, "x-1"), method=method, headers=auth(Role.OPERATOR, "kohtaanto"))
            out.append((method, template, r.status_code, r.headers.get("Allow")))
    return out
