"""The HTTP edge every service shares: the flask-smorest Api with one error shape, health endpoints."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, NoReturn

from apispec import APISpec, BasePlugin
from flask import Blueprint, Flask, Response, current_app, jsonify, request, send_from_directory
from flask_babel import gettext
from flask_smorest import Api as SmorestApi
from flask_smorest import abort as _abort
from markupsafe import Markup
from marshmallow import fields as ma_fields
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException

from shared.db import ConcurrentChangeError
from shared.i18n import (
    current_language,
    init_i18n,
    map_reasons,
    read_by_programs,
    translate_errors,
    translate_text,
)
from shared.languages import UI_LANGUAGES
from shared.pii import mask

log = logging.getLogger(__name__)

Check = Callable[[], Mapping[str, Any]]
SWAGGER_UI_ASSETS = "/docs/assets"


def without_personal_data(reasons: Any) -> Any:
    """An error's message or field-level reasons (any depth) with every personal identity code,
    e-mail address, phone number and street address replaced by a placeholder naming its kind
    (``shared.pii.mask``): a reason that quotes the input ("Unknown municipality '…'") never
    echoes personal data pasted into the wrong field back into a client's or proxy's logs. The
    placeholder is in the answer's language (``[phone]`` in English)."""
    lang = current_language()
    return map_reasons(reasons, lambda text: mask(text, lang))


def abort(code: int, message: str, **kwargs: Any) -> NoReturn:
    """Stop the request with an HTTP error rendered as ``{code, status, message, errors}``.

    ``errors`` (field-level reasons) and ``headers`` may be passed as keywords.
    """
    _abort(code, message=message, **kwargs)
    raise AssertionError("unreachable: abort raises")


class Api(SmorestApi):
    """Every error is rendered once, as JSON ``{code, status, message, errors}``; the document is the
    ``precise_document``."""

    def _init_spec(self, **kwargs: Any) -> None:  # type: ignore[override]
        super()._init_spec(**kwargs)
        self.spec.__class__ = PreciseSpec

    def handle_http_exception(self, error: HTTPException) -> Any:  # type: ignore[override]
        payload, code, headers = super().handle_http_exception(error)
        # The exception's own headers too (e.g. ``Allow`` on 405), not only those passed to abort().
        for name, value in error.get_headers():
            if name.lower() != "content-type":
                headers.setdefault(name, value)
        if code == 413:
            # outside tester 11, M5: "exceeds the capacity limit" named neither the limit nor a way out;
            # outside tester 25, F1: "split a file" lost data, as an import replaces what it covers
            payload["message"] = gettext(
                "The request body is larger than %(limit)s, the most this service accepts: keep only the "
                "rows needed, or send it in parts that each hold whole units, as an import replaces what "
                "it covers (a region's shortage list for a period, a provider's whole catalogue).",
                limit=_size(request.max_content_length),
            )
        if code == 429 and "message" not in payload:  # a rate limit's own message (abort(message=)) stands
            payload["message"] = gettext(
                "Too many requests from this caller (limit: %(limit)s); "
                "try again after the seconds in Retry-After.",
                limit=error.description,
            )
        payload.setdefault("message", error.description or error.name)
        payload.setdefault("errors", {})
        errors, count = bounded_errors(payload["errors"])
        payload["message"] = without_personal_data(translate_text(str(payload["message"])))
        if count > MAX_LISTED_ERRORS:
            # outside tester 27, T27-11: 110,000 unknown keys were answered with 3 MB of reasons
            payload["message"] += " " + gettext(
                "The first %(listed)s of %(count)s field errors are listed.",
                listed=MAX_LISTED_ERRORS,
                count=count,
            )
        payload["errors"] = without_personal_data(translate_errors(errors))
        if code >= 500:
            log.error("server error", extra={"code": code, "error": repr(error)})
        return payload, code, headers


def _size(limit: int | None) -> str:
    """A body limit in bytes as people read it: ``2097152`` → ``"2 MiB"``, ``1536`` → ``"1.5 KiB"``."""
    if not limit:
        return "?"
    for unit, factor in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if limit >= factor:
            return f"{limit / factor:.4g} {unit}"
    return f"{limit} bytes"


# -- bad input: refused at the edge, before any view, as 400 in the JSON error shape -------------------
MAX_JSON_DEPTH = 32
#: The most keys one JSON object of a request may have: no schema declares a tenth of them (outside
#: tester 27, T27-11: 110,000 unknown keys cost 11 s of CPU and a 3 MB answer per request).
MAX_JSON_KEYS = 256
#: The most items one JSON array of a request may have: the longest declared list (matching's
#: ``POST /api/v1/index/versions``, 10,000 candidate ids) fits; a test holds every service's declared
#: ``maxItems`` to it (the guard had refused that documented request).
MAX_JSON_ITEMS = 10_000
#: The most values (objects, arrays, keys, scalars) a whole JSON body may hold: the largest valid
#: profile (300 skills, 300 suggestions, 200 work-history entries) holds under a tenth of it.
MAX_JSON_VALUES = 50_000
#: The most field-level reasons one error answer lists (the rest are counted in its message).
MAX_LISTED_ERRORS = 50
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f]")


class BadInputError(ValueError):
    """Input no view should see: ``errors`` maps a location to ``{field path: [reason]}``."""

    def __init__(self, location: str, where: str | None, reason: str) -> None:
        super().__init__(reason)
        self.errors: dict[str, Any] = {location: {where: [reason]} if where else [reason]}


def _walk(value: Any, path: str, depth: int) -> Iterator[tuple[str, Any, int]]:
    """Every node of parsed JSON with its path and depth, without recursion."""
    stack = [(path, value, depth)]
    while stack:
        where, node, level = stack.pop()
        yield where, node, level
        if isinstance(node, dict):
            stack.extend((f"{where}.{k}" if where else str(k), v, level + 1) for k, v in node.items())
            stack.extend((where or "", k, level + 1) for k in node)
        elif isinstance(node, list):
            stack.extend((f"{where}.{i}" if where else str(i), v, level + 1) for i, v in enumerate(node))


def check_text(text: str, location: str, where: str | None, *, controls: bool) -> None:
    """Refuse lone UTF-16 surrogates and NUL (no database stores them), and with ``controls`` every
    C0 control character (a path or query value has no use for a newline). Raises ``BadInputError``
    (rendered as a 400 naming ``location`` and ``where``) for the first such character."""
    if _LONE_SURROGATE.search(text):
        raise BadInputError(location, where, "Text must be valid Unicode (a lone surrogate was sent).")
    if "\x00" in text or (controls and _CONTROL.search(text)):
        raise BadInputError(location, where, "Control characters are not allowed here.")


class _RepeatedKeys(dict[str, Any]):
    """A JSON object that gave a key more than once (``repeated``: the first such key)."""

    repeated: str


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, marked when a key repeats: Python's parser keeps the last value without a
    word, another reader of the same body (a case-management system's validator) may keep the first,
    and the two would disagree on e.g. ``consented_orgs`` (outside tester 9, K3)."""
    found = dict(pairs)
    if len(found) == len(pairs):
        return found
    marked = _RepeatedKeys(found)
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            marked.repeated = key
            break
        seen.add(key)
    return marked


def load_json_strictly(raw: bytes) -> Any:
    """Parse a request body as JSON, refusing what would crash or corrupt later layers: invalid UTF-8,
    nesting deeper than ``MAX_JSON_DEPTH``, integers of more than 4300 digits, NaN/Infinity,
    lone surrogates and NUL in any string or key, and a key given twice in one object (at any depth).
    Raises ``BadInputError``."""

    def constant(name: str) -> Any:
        raise BadInputError("json", None, f"{name} is not JSON.")

    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=constant, object_pairs_hook=_bounded_object)
    except UnicodeDecodeError:
        raise BadInputError("json", None, "The body is not UTF-8.") from None
    except RecursionError:
        raise BadInputError("json", None, f"JSON nested deeper than {MAX_JSON_DEPTH} levels.") from None
    except BadInputError:
        raise
    except ValueError:  # JSONDecodeError, or an integer beyond Python's digit limit
        raise BadInputError("json", None, "Invalid JSON body.") from None
    for count, (where, node, depth) in enumerate(_bounded_walk(data, "", 0)):
        if count >= MAX_JSON_VALUES:
            raise BadInputError("json", None, f"The JSON body holds more than {MAX_JSON_VALUES} values.")
        if depth > MAX_JSON_DEPTH:
            raise BadInputError("json", None, f"JSON nested deeper than {MAX_JSON_DEPTH} levels.")
        if isinstance(node, _RepeatedKeys):
            key = node.repeated
            raise BadInputError(
                "json", f"{where}.{key}" if where else key, f"The key {key!r} appears more than once."
            )
        if isinstance(node, str):
            check_text(node, "json", where or None, controls=False)
    return data


def _bounded_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``_object``, refusing an object of more than ``MAX_JSON_KEYS`` keys as soon as it is parsed."""
    if len(pairs) > MAX_JSON_KEYS:
        raise BadInputError("json", None, f"A JSON object holds more than {MAX_JSON_KEYS} keys.")
    return _object(pairs)


def _bounded_walk(value: Any, path: str, depth: int) -> Iterator[tuple[str, Any, int]]:
    """``_walk``, refusing an array of more than ``MAX_JSON_ITEMS`` items (naming where it is)."""
    for where, node, level in _walk(value, path, depth):
        if isinstance(node, list) and len(node) > MAX_JSON_ITEMS:
            raise BadInputError(
                "json", where or None, f"A JSON array holds more than {MAX_JSON_ITEMS} items."
            )
        yield where, node, level


def bounded_errors(errors: Any, limit: int = MAX_LISTED_ERRORS) -> tuple[Any, int]:
    """The field-level ``errors`` tree (``{location: {field: [reason]}}``, any depth) cut to its first
    ``limit`` reasons (in the tree's order; a branch left with no reason is dropped), and how many
    reasons there were in all. The answer to a body of thousands of wrong fields stays a few KiB."""
    total = 0

    def cut(node: Any) -> Any:
        nonlocal total
        if isinstance(node, dict):
            kept = {}
            for key, value in node.items():
                part = cut(value)
                if part not in (None, [], {}):
                    kept[key] = part
            return kept
        if isinstance(node, list | tuple):
            kept_items = []
            for value in node:
                if isinstance(value, dict | list | tuple):
                    part = cut(value)
                    if part not in ([], {}):
                        kept_items.append(part)
                else:
                    total += 1
                    if total <= limit:
                        kept_items.append(value)
            return kept_items
        total += 1
        return node if total <= limit else None

    return cut(errors), total


def guard_input() -> None:
    """``before_request``: path, query and form values and JSON bodies are checked once, here."""
    if request.method in ("POST", "PUT", "PATCH") and not _identity_encoding():
        # a gzip body would otherwise be answered "not UTF-8" (outside tester 9, K6); bodies are never
        # decompressed (no zip bombs)
        _abort(
            415,
            message=gettext(
                "Content encodings are not accepted: send the body uncompressed, without a "
                "Content-Encoding header (or with Content-Encoding: identity)."
            ),
        )
    if (
        request.method in ("POST", "PUT", "PATCH")
        and not request.is_json
        and _takes_json_body()
        and (request.content_length or request.get_data(cache=True))
    ):
        # A JSON body sent as text/plain, or by `curl -d` (form-urlencoded), would otherwise be read as
        # no body at all and answered 422 "missing data": say what is wrong instead.
        _abort(
            415,
            message=gettext("Send the body as JSON with the header Content-Type: application/json."),
        )
    for name, value in (request.view_args or {}).items():
        if isinstance(value, str):
            check_text(value, "path", name, controls=True)
    for name, value in request.args.items(multi=True):
        check_text(name, "query", None, controls=True)
        check_text(value, "query", name, controls=True)
    refuse_undeclared_query()
    if request.method in ("POST", "PUT", "PATCH") and request.content_length is None:
        refuse_oversize_stream()
    # Forms are the pages' (sign-in, rating); an API endpoint never reads one. A file an API endpoint
    # reads from the body, sent by `curl --data-binary` (form-urlencoded), is the endpoint's to refuse
    # with a 415 naming the types it reads, not a 400 about the file's line breaks.
    if request.mimetype == "application/x-www-form-urlencoded" and _api_handler() is None:
        for name, value in request.form.items(multi=True):
            check_text(name, "form", None, controls=True)
            check_text(value, "form", name, controls=name != "token")
    if request.is_json and request.content_length != 0:
        raw = request.get_data(cache=True)
        if raw.startswith(b"\xef\xbb\xbf"):
            # a UTF-8 byte-order mark (PowerShell's Out-File, Notepad): ignored, as RFC 8259 allows;
            # the views read the body werkzeug cached, so the cache loses the mark
            raw = raw[3:]
            request._cached_data = raw  # type: ignore[attr-defined]
        if raw.strip():
            load_json_strictly(raw)


def _identity_encoding() -> bool:
    """Whether the request's body has no content coding (no ``Content-Encoding``, or ``identity``)."""
    value = request.headers.get("Content-Encoding", "")
    return all(token.strip().lower() in ("", "identity") for token in value.split(","))


# -- query parameters: what an endpoint declares, and nothing else -------------------------------------
#: ``?lang=`` is read on every request (``shared.i18n.select_language``: the language of messages and
#: data labels), so every JSON endpoint accepts it, documented (``QueryPlugin``), with these values.
LANG_VALUES: tuple[str, ...] = UI_LANGUAGES


def query_parameters(**allowed: tuple[str, ...] | None) -> Callable[[Any], Any]:
    """Declare the query parameters of a plain Flask view that answers JSON or a file (a download,
    not a page): ``name=None`` (any value) or ``name=(value, ...)``. ``lang`` is always declared.
    ``guard_input`` then refuses any other parameter, and a value outside the listed ones, with 422.
    flask-smorest operations need no such declaration: their ``arguments(..., location="query")``
    schemas are read."""

    def mark(view: Any) -> Any:
        view._query_parameters = {"lang": LANG_VALUES, **allowed}
        return view

    return mark


def declared_query() -> dict[str, tuple[str, ...] | None] | None:
    """The query parameters the endpoint being called declares (name -> allowed values or None), or
    None for an endpoint that declares none (a page: it tolerates what a browser or a link adds)."""
    declared = _declared_query_fields()
    return None if declared is None else {name: values for name, (values, _) in declared.items()}


def _declared_query_fields() -> dict[str, tuple[tuple[str, ...] | None, bool]] | None:
    """name -> (allowed values or None, whether it may be given more than once: a list field)."""
    handler = _api_handler()
    if handler is not None:
        allowed: dict[str, tuple[tuple[str, ...] | None, bool]] = {"lang": (LANG_VALUES, False)}
        for parameter in handler._apidoc.get("arguments", {}).get("parameters", []):
            if parameter.get("in") != "query":
                continue
            schema = parameter["schema"]
            schema = schema() if isinstance(schema, type) else schema
            for name, field in getattr(schema, "fields", {}).items():
                allowed[field.data_key or name] = (None, isinstance(field, ma_fields.List))
        return allowed
    view = current_app.view_functions.get(request.endpoint or "")
    plain = getattr(view, "_query_parameters", None)
    return None if plain is None else {name: (values, False) for name, values in plain.items()}


def refuse_undeclared_query() -> None:
    """422 in the JSON error shape, with a reason per parameter, for a query parameter the endpoint
    does not declare (a typo such as ``?limt=5`` would otherwise be ignored without a word) or a value
    outside the declared ones (``?lang=de``). Pages declare nothing and tolerate extra parameters:
    browsers, link trackers and bookmarks add them, and a page shows what it did."""
    allowed = _declared_query_fields()
    if allowed is None:
        return
    errors: dict[str, list[str]] = {}
    for name, value in request.args.items(multi=True):
        if name not in allowed:
            errors[name] = ["Unknown field."]
        elif (values := allowed[name][0]) is not None and value not in values:
            errors[name] = [f"Must be one of: {', '.join(values)}."]
        elif not allowed[name][1] and len(request.args.getlist(name)) > 1:
            # one value would be read and the others ignored without a word (an outside tester)
            errors[name] = ["Give this parameter once."]
    if errors:
        _abort(422, errors={"query": errors})


def refuse_oversize_stream() -> None:
    """A body sent without ``Content-Length`` (``Transfer-Encoding: chunked``) over
    ``MAX_CONTENT_LENGTH``: 413 as for one with the header. werkzeug stops such a stream at the limit
    and would hand the views a truncated body (answered 400 "Invalid JSON body")."""
    limit = request.max_content_length
    if limit is None or "wsgi.input_terminated" not in request.environ:
        return
    if len(request.get_data(cache=True)) >= limit:
        request.stream.read(1)  # past the limit: werkzeug raises RequestEntityTooLarge
        _abort(413)


def _api_handler() -> Any:
    """The flask-smorest handler of the endpoint being called (it has ``_apidoc``), or None for a page."""
    view = current_app.view_functions.get(request.endpoint or "")
    handler = getattr(getattr(view, "view_class", None), request.method.lower(), view)
    return handler if hasattr(handler, "_apidoc") else None


def _takes_json_body() -> bool:
    """Whether the endpoint being called reads a JSON body (a flask-smorest ``arguments`` in ``json``)."""
    parameters = getattr(_api_handler(), "_apidoc", {}).get("arguments", {}).get("parameters", [])
    return any(p.get("in") == "json" for p in parameters)


#: How a caller proves who it is (``shared.auth.bearer_token``): a JWT in ``Authorization: Bearer``
#: or, for a browser signed in at ``/login``, the same token in the ``kohtaanto_token`` cookie.
SECURITY_SCHEMES: dict[str, Any] = {
    "bearerAuth": {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": "A JWT of the city's identity provider (or `python -m shared.auth mint` in the "
        "demo) with `sub`, `role`, `org`, `aud` and `exp` at most 12 h ahead; the organisation must "
        "be registered with a kind that fits the role (401/403 otherwise).",
    },
    "sessionCookie": {
        "type": "apiKey",
        "in": "cookie",
        "name": "kohtaanto_token",
        "description": "The same token, set by a service's `/login` page (HttpOnly, SameSite=Strict).",
    },
}
SIGNED_IN: list[dict[str, list[str]]] = [{"bearerAuth": []}, {"sessionCookie": []}]
#: The pattern of every free-text path and query value (``check_text``: no C0 control character, no DEL).
NO_CONTROL_CHARACTERS = "^[^\\x00-\\x1f\\x7f]*$"


class QueryPlugin(BasePlugin):
    """apispec plugin: every operation states how a caller signs in (``security``: bearer JWT or the
    session cookie, unless the view documents its own, e.g. ``@blp.doc(security=[])`` for a public
    one), and the ``lang`` query parameter every JSON endpoint reads (``refuse_undeclared_query``
    refuses any other undeclared parameter)."""

    @staticmethod
    def _free_text_rule(parameters: list[Any]) -> None:
        """guard_input's rule for path and query values (400 otherwise), on each free-text one."""
        for parameter in parameters:
            schema = parameter.get("schema", {}) if isinstance(parameter, dict) else {}
            if (
                parameter.get("in") in ("path", "query")
                and schema.get("type") == "string"
                and not {"pattern", "enum", "format"} & set(schema)
            ):
                schema["pattern"] = NO_CONTROL_CHARACTERS

    @staticmethod
    def _plumbing_errors(path: str, operation: dict[str, Any]) -> None:
        """The error statuses the shared plumbing answers for this operation, each in the error
        shape (an outside tester found only 200/422/default documented): 400 (unreadable input),
        401/403 when it is signed in, 404 when its path names a record, 413/415 when it takes a body."""
        error = {"$ref": "#/components/responses/DEFAULT_ERROR"}
        codes = ["400"]
        if operation.get("security"):
            codes += ["401", "403"]
        if "{" in path:
            codes.append("404")
        if "requestBody" in operation:
            codes += ["413", "415"]
        responses = operation.setdefault("responses", {})
        for code in codes:
            responses.setdefault(code, error)

    def path_helper(
        self, path: str | None = None, operations: Any = None, parameters: Any = None, **kwargs: Any
    ) -> None:
        self._free_text_rule(parameters or [])

    def operation_helper(
        self, path: str | None = None, operations: dict[str, Any] | None = None, **kwargs: Any
    ) -> None:
        for operation in (operations or {}).values():
            operation.setdefault("security", SIGNED_IN)
            self._plumbing_errors(path or "", operation)
            parameters = operation.setdefault("parameters", [])
            idempotency_key = operation.pop("x-idempotency-key-parameter", None)  # shared.idempotency
            if idempotency_key is not None:
                parameters.append(idempotency_key)
            self._free_text_rule(parameters)
            if not any(p.get("in") == "query" and p.get("name") == "lang" for p in parameters):
                parameters.append(
                    {
                        "in": "query",
                        "name": "lang",
                        "required": False,
                        "description": "Language of human-readable texts (error messages, labels): "
                        "fi, sv or en (default: Accept-Language, else English).",
                        "schema": {"type": "string", "enum": list(LANG_VALUES)},
                    }
                )


_RST_LITERAL = re.compile(r"``([^`]+)``")
_CODE_MARKS = re.compile(r"`{1,2}([^`]+)`{1,2}")


def precise_document(node: Any) -> Any:
    """The OpenAPI document saying exactly what the API accepts, where apispec's rendering says more:

    - a nullable nested object (``fields.Nested(..., allow_none=True)``) is rendered ``anyOf: [the
      schema, {type: object, nullable: true}]``, whose second branch admits ANY object: it becomes
      ``null`` only (``enum: [null]``);
    - a field whose valid values are reference data (``format`` one of
      ``shared.schemas.REFERENCE_FORMATS``) loses a ``pattern`` its format implies (e.g. the slug
      pattern of a registered organisation's id), so a generator draws from the format;
    - descriptions come from docstrings written in reStructuredText, where code is set in double
      back-ticks; the document is CommonMark, where code takes single ones (Swagger UI showed the
      double ones literally: outside tester 10, L6); an operation's ``summary`` is plain text
      there, so it keeps no code marks at all (outside tester 12, N11).

    Returns ``node`` (changed in place)."""
    from shared.schemas import REFERENCE_FORMATS

    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
            continue
        if not isinstance(item, dict):
            continue
        for branch in item.get("anyOf", []):
            if branch == {"type": "object", "nullable": True}:
                branch["enum"] = [None]
        if item.get("format") in REFERENCE_FORMATS.values():
            item.pop("pattern", None)
        if isinstance(item.get("description"), str):
            item["description"] = _RST_LITERAL.sub(r"`\1`", item["description"])
        if isinstance(item.get("summary"), str):  # plain text in Swagger UI: no code marks at all
            item["summary"] = _CODE_MARKS.sub(r"\1", item["summary"])
        stack.extend(item.values())
    return node


class PreciseSpec(APISpec):
    """``to_dict`` gives the ``precise_document``."""

    def to_dict(self) -> dict[str, Any]:
        return precise_document(super().to_dict())


#: What every operation of every service holds to, stated once in each document's ``info``.
API_CONTRACT = (
    "\n\nEvery operation: sign in with a bearer JWT (`bearerAuth`) or the session cookie "
    "(`sessionCookie`); 401 without one, 403 when the role or organisation may not. Query parameters "
    "are the documented ones only (`lang`: fi, sv or en on every operation): any other, or a value "
    "outside an enum, is a 422 naming it. Text may not contain NUL or lone UTF-16 surrogates, and path "
    "and query values no control characters (400); JSON nests at most 32 levels and an object gives each "
    "key once (400); a body is at most 2 MiB, with or without Content-Length (413), and is not "
    "compressed (a Content-Encoding other than identity: 415). A `format` of "
    + ", ".join(f"`{name}`" for name in ("esco-skill-uri", "esco-occupation-uri", "municipality",
                                          "region", "region-or-national", "language-code",
                                          "organisation", "iso-week"))
    + " means a member of that reference data (ESCO, Statistics Finland's municipalities and "
    "regions, ISO 639, the organisation registry, ISO 8601 weeks 2000-2099); others are refused (422). "
    "Errors are `{code, status, message, errors}` with field-level reasons."
)  # fmt: skip


def openapi_config(title: str, version: str = "1", description: str = "") -> dict[str, Any]:
    description += API_CONTRACT
    return {
        "API_TITLE": title,
        "API_VERSION": version,
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/",
        "OPENAPI_JSON_PATH": "openapi.json",
        "OPENAPI_SWAGGER_UI_PATH": "/docs",
        # Swagger UI's assets come from the swagger-ui-bundle package, served by the app itself:
        # /docs works on a network that cannot reach a CDN.
        "OPENAPI_SWAGGER_UI_URL": f"{SWAGGER_UI_ASSETS}/",
        "API_SPEC_OPTIONS": {
            "info": {"description": description},
            "components": {"securitySchemes": SECURITY_SCHEMES},
        },
    }


def swagger_ui_blueprint() -> Blueprint:
    """Swagger UI's JavaScript and CSS from the swagger-ui-bundle package (Apache-2.0), at
    ``/docs/assets/``."""
    from swagger_ui_bundle import swagger_ui_path

    bp = Blueprint("swagger_ui_assets", __name__)

    @bp.get(f"{SWAGGER_UI_ASSETS}/<path:filename>")
    def asset(filename: str) -> Any:
        return send_from_directory(swagger_ui_path, filename, max_age=86400)

    return bp


def _a_browser_page() -> bool:
    """Whether the request is a browser's for a page (not the JSON API, not a download)."""
    return not read_by_programs(request.path) and request.accept_mimetypes.accept_html


def _html_error(status: int, title: str, message: str) -> Response:
    """A minimal error page in the request's language, for plumbing that knows no service's templates."""
    page = Markup(
        '<!doctype html><html lang="{}"><head><meta charset="utf-8"><title>{}</title></head>'
        "<body><h1>{}</h1><p>{}</p></body></html>"
    ).format(current_language(), title, title, message)
    return Response(page, status, mimetype="text/html")


def unavailable_while(
    loading: Callable[[], bool], guarded: Callable[[str], bool], message: str, retry_after_s: int = 2
) -> Callable[[], Any]:
    """A ``before_request`` hook: while ``loading()`` is true, a request whose path ``guarded``
    accepts is answered 503 with ``Retry-After: retry_after_s`` and ``message`` (an English
    catalogue message, shown in the request's language): in the API's JSON error shape, or as a
    page to a browser. Matching's index while it loads its snapshot and catches up with the topics
    (outside tester 18, P17: right after a restart a shortlist answered 404 "No such vacancy")."""

    def hook() -> Any:
        if not loading() or not guarded(request.path):
            return None
        headers = {"Retry-After": str(retry_after_s)}
        text = translate_text(message)
        if _a_browser_page():
            page = _html_error(503, gettext("Not available just now"), text)
            page.headers.update(headers)
            return page
        return {"code": 503, "status": "Service Unavailable", "message": text, "errors": {}}, 503, headers

    return hook


def unreadable_body(exc: BaseException) -> bool:
    """Whether ``exc`` is the server's refusal to read a malformed body: gunicorn raises its parse
    errors (``gunicorn.http.errors``: ``InvalidChunkSize``, ``ChunkMissingTerminator``,
    ``NoMoreData``, …) from the request stream when a view reads it (an outside tester answered every POST of all three services with a
    500 and a logged traceback, without a token, by sending ``Transfer-Encoding: chunked`` with the
    chunk size ``ZZ``). The client's fault: 400, logged without a traceback."""
    return type(exc).__module__ == "gunicorn.http.errors"


def create_api(app: Flask, title: str, description: str = "") -> Api:
    """The service's API on ``app``: OpenAPI docs, the JSON error shape, the input guard, and the
    message catalogues (``shared.i18n``) that pages and human error texts are read from."""
    if "babel" not in app.extensions:
        init_i18n(app)
    for key, value in openapi_config(title, description=description).items():
        app.config.setdefault(key, value)
    app.register_blueprint(swagger_ui_blueprint())
    app.json.sort_keys = False  # type: ignore[attr-defined]
    api = Api(app, spec_kwargs={"extra_plugins": [QueryPlugin()]})

    app.before_request(guard_input)

    @app.errorhandler(BadInputError)
    def bad_input(exc: BadInputError) -> Any:
        if _a_browser_page():
            # a form on a page (the jobseeker's rating form): a page, not JSON (an outside tester)
            return _html_error(
                400, gettext("Invalid input."), without_personal_data(translate_text(str(exc)))
            )
        return {
            "code": 400,
            "status": "Bad Request",
            "message": without_personal_data(translate_text(str(exc))),
            "errors": without_personal_data(translate_errors(exc.errors)),
        }, 400

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> Any:
        if isinstance(exc, HTTPException):
            return api.handle_http_exception(exc)
        if unreadable_body(exc):
            log.warning("request body could not be read", extra={"error": type(exc).__name__})
            return {
                "code": 400,
                "status": "Bad Request",
                "message": gettext(
                    "The request body could not be read (malformed chunked transfer encoding)."
                ),
                "errors": {},
            }, 400
        if isinstance(exc, ConcurrentChangeError):  # lost every retry of a race (shared.db)
            log.warning("concurrent change: the request lost every retry", extra={"error": str(exc)})
            return (
                {
                    "code": 409,
                    "status": "Conflict",
                    "message": gettext(
                        "Another request changed the same record at the same moment: send yours again."
                    ),
                    "errors": {},
                },
                409,
                {"Retry-After": "1"},
            )
        if isinstance(exc, OperationalError | InterfaceError) or (
            isinstance(exc, DBAPIError) and exc.connection_invalidated
        ):
            # the database is down, restarting or failing over: the client may retry (outside tester 6,
            # G8: every call answered 500); the driver's text (host, port) goes to the log only
            log.error("database unavailable", extra={"error": type(exc.orig).__name__})
            return (
                {
                    "code": 503,
                    "status": "Service Unavailable",
                    "message": gettext("The database is not available just now: try again shortly."),
                    "errors": {},
                },
                503,
                {"Retry-After": "5"},
            )
        log.exception("unhandled error")
        return {
            "code": 500,
            "status": "Internal Server Error",
            "message": gettext("Unexpected error; it has been logged."),
            "errors": {},
        }, 500

    return api


def health_blueprint(checks: Mapping[str, Check], *, required: set[str]) -> Blueprint:
    """``/health/live`` (the process answers) and ``/health/ready`` (its dependencies answer).

    Each check returns a mapping with at least ``ok: bool``. Readiness is 503 when a *required*
    check fails; an optional dependency that is down makes the service ``degraded`` but still ready.
    """
    bp = Blueprint("health", __name__, url_prefix="/health")

    @bp.get("/live")
    def live() -> Any:
        return jsonify(status="ok")

    @bp.get("/ready")
    def ready() -> Any:
        results: dict[str, Any] = {}
        for name, check in checks.items():
            try:
                results[name] = dict(check())
            except Exception as exc:
                # the exception's class only: its text may name hosts, ports or users (outside tester 6,
                # G8: the readiness answer, open to anyone, gave the database's address); the log has it
                log.warning("readiness check failed", extra={"check": name, "error": repr(exc)})
                results[name] = {"ok": False, "error": type(exc).__name__}
        failed_required = [n for n in required if not results.get(n, {}).get("ok")]
        degraded = [n for n, r in results.items() if not r.get("ok") and n not in required]
        status = "unavailable" if failed_required else ("degraded" if degraded else "ok")
        return jsonify(status=status, checks=results), (503 if failed_required else 200)

    return bp


IF_MATCH_PATTERN = r'^(\*|(W/)?"?[0-9]{1,9}"?)$'
_IF_MATCH = re.compile(IF_MATCH_PATTERN)

#: OpenAPI description of the ``If-Match`` header of a ``PUT`` that replaces a versioned resource.
IF_MATCH_PARAMETER = {
    "in": "header",
    "name": "If-Match",
    "required": False,
    "description": 'The version you read (the ETag, e.g. `"3"`): the change is made only if the resource '
    "is still at it (412 otherwise); without it the change is made whatever the version (systems that "
    "do not send it).",
    "schema": {"type": "string", "pattern": IF_MATCH_PATTERN, "example": '"3"'},
}


def if_match_any() -> bool:
    """Whether the request sends ``If-Match: *``: true only when the resource has a current
    representation (RFC 9110 §13.1.1), so an upsert must answer 412 rather than create."""
    return (request.headers.get("If-Match") or "").strip() == "*"


def if_match_version(message: str) -> int | None:
    """The version named by the request's ``If-Match: "N"`` (optimistic concurrency; ``W/`` and the
    quotes optional), None without one or with ``*``; a 400 with ``message`` for anything else."""
    raw = request.headers.get("If-Match")
    if raw is None or raw.strip() == "*":
        return None
    if not _IF_MATCH.match(raw):
        abort(400, message=message)
    return int(raw.removeprefix("W/").strip('"'))
