"""``Idempotency-Key`` on the POSTs that create something (outside tester 36, H7; the lead's decision).

A client that lost the answer to a POST (a timeout, a dropped connection) sends it again with the same
``Idempotency-Key`` header and gets the first answer back instead of a second vacancy or outcome:

* the first request with a key runs as usual, and its answer (status, JSON body, ``Location``,
  ``ETag``) is stored with the key in the same database transaction as the write and its outbox rows
  (``shared.db.one_transaction``): either both are kept or neither, so nothing is written or
  published twice, and a request that failed (an error, nothing written) stores nothing;
* a retry with the same key and the same request (method, path and query, and body: JSON compared
  after parsing, an upload by its fields and files' contents) gets the stored status and body with
  ``Idempotent-Replayed: true``, and runs nothing;
* the same key with another request is a 422 in the JSON error shape (a client bug: a key reused);
* keys are per organisation (the token's ``org``): two organisations never see each other's answers;
* a key is kept 24 hours (``KEY_TTL``): expired keys are purged by the service itself, in the
  transaction that stores each new key (``IdempotencyStore.claim``), and erased with the jobseeker
  whose id an answer names (``forget``);
* without the header a request runs exactly as before.

Two requests with the same key at the same moment: the second waits for the first's transaction (the
key's row is written first) and then replays its answer.

Why no library: the maintained ones (flask-idempotent and flask-idempotent2, Redis; flask-once, a dict;
idempot, memory or Redis) keep the answer apart from the write, so a crash between the two, or a
retry racing the first, writes twice; here the answer must commit with the write in the service's
own database.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Response, current_app, make_response, request
from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Engine,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from shared.auth import current_principal
from shared.db import one_transaction
from shared.http import abort
from shared.i18n import N_

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
KEY_TTL = timedelta(hours=24)
MAX_KEY_CHARS = 255
KEPT_HEADERS = ("Location", "ETag")
EXTENSION = "kohtaanto.idempotency"

KEY_PARAMETER: dict[str, Any] = {
    "in": "header",
    "name": HEADER,
    "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": MAX_KEY_CHARS, "pattern": "^[!-~]+$"},
    "description": (
        "Optional. A key of your choosing (a UUID) that makes a retry safe: the same key with the same "
        "request within 24 hours gets the first answer back, marked `Idempotent-Replayed: true`, and "
        "creates nothing again; the same key with another request is a 422. Keys are per organisation."
    ),
}

KEY_REUSED = N_(
    "This Idempotency-Key was used for another request in the last 24 hours: send a new key with a "
    "new request, or this request exactly as before to get its first answer again."
)
KEY_INVALID = N_("An Idempotency-Key is 1 to %(max)s visible ASCII characters.")
KEY_IN_PROGRESS = N_("A request with this Idempotency-Key is still running: try again in a moment.")


def idempotency_keys_table(metadata: MetaData) -> Table:
    """The stored answers: one row per (organisation, key), the request's `fingerprint` (SHA-256,
    hex), the answer's `status`, `headers` (JSON object of `KEPT_HEADERS`) and `body` (JSON text),
    and when it was stored (`created_at`, UTC; purged after `KEY_TTL`)."""
    table = Table(
        "idempotency_keys",
        metadata,
        Column("org", String(100), primary_key=True),
        Column("key", String(MAX_KEY_CHARS), primary_key=True),
        Column("fingerprint", String(64), nullable=False),
        Column("status", Integer, nullable=False),
        Column("headers", Text, nullable=False),
        Column("body", Text, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
    )
    Index("ix_idempotency_keys_created_at", table.c.created_at)
    return table


class IdempotencyStore:
    """The answers of one service's database (`table`, made by `idempotency_keys_table`); `now`: the
    clock (UTC)."""

    def __init__(self, engine: Engine, table: Table, now: Callable[[], datetime] | None = None) -> None:
        self.engine = engine
        self.table = table
        self.now = now or (lambda: datetime.now(UTC))

    def claim(self, conn: Connection, org: str, key: str, fingerprint: str) -> Mapping[str, Any] | None:
        """In `conn`'s transaction: purge the keys older than `KEY_TTL` (every organisation's), then
        take (`org`, `key`) for this request (None) or return the row another request stored (waiting
        for it to commit when it is still running)."""
        t, now = self.table, self.now()
        conn.execute(delete(t).where(t.c.created_at <= now - KEY_TTL))
        try:
            with conn.begin_nested():
                conn.execute(
                    insert(t).values(
                        org=org,
                        key=key,
                        fingerprint=fingerprint,
                        status=0,
                        headers="{}",
                        body="",
                        created_at=now,
                    )
                )
            return None
        except IntegrityError:
            row = conn.execute(select(t).where(t.c.org == org, t.c.key == key)).mappings().first()
            return dict(row) if row is not None else None

    def store(self, conn: Connection, org: str, key: str, response: Response) -> None:
        """Store `response` (its status, `KEPT_HEADERS` and JSON body) as the answer to (`org`, `key`)."""
        headers = {h: response.headers[h] for h in KEPT_HEADERS if h in response.headers}
        conn.execute(
            update(self.table)
            .where(self.table.c.org == org, self.table.c.key == key)
            .values(
                status=response.status_code,
                headers=json.dumps(headers),
                body=response.get_data(as_text=True),
            )
        )


def forget(conn: Connection, table: Table, *ids: str) -> int:
    """Delete the stored answers naming any of `ids` (a withdrawn jobseeker's candidate id, profile
    id): an erasure leaves no copy of an outcome's comment or a path's notes here. Returns how many."""
    removed = 0
    for needle in filter(None, ids):
        pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        removed += conn.execute(delete(table).where(table.c.body.like(pattern, escape="\\"))).rowcount
    return removed


def install(app: Any, store: IdempotencyStore) -> None:
    """Make `store` the one `idempotent` views of `app` use."""
    app.extensions[EXTENSION] = store


def fingerprint() -> str:
    """SHA-256 (hex) of this request as a retry repeats it: method, path and query string, and its
    body (JSON parsed and written back with sorted keys; an upload's form fields and its files' names
    and contents, as a retry's multipart boundary differs; else the raw bytes)."""
    digest = hashlib.sha256(f"{request.method} {request.full_path}\n".encode())
    if request.mimetype == "multipart/form-data":
        for name, value in sorted(request.form.items(multi=True)):
            digest.update(json.dumps(["form", name, value]).encode())
        for name, upload in sorted(request.files.items(multi=True), key=lambda item: item[0]):
            content = upload.stream.read()
            upload.stream.seek(0)
            digest.update(
                json.dumps(["file", name, upload.filename, hashlib.sha256(content).hexdigest()]).encode()
            )
        return digest.hexdigest()
    body = request.get_json(silent=True) if request.is_json else None
    if body is not None:
        digest.update(json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode())
    else:
        digest.update(request.get_data(cache=True))
    return digest.hexdigest()


def _checked_key(key: str) -> str:
    if not 1 <= len(key) <= MAX_KEY_CHARS or not all("!" <= c <= "~" for c in key):
        reason = KEY_INVALID % {"max": MAX_KEY_CHARS}
        abort(422, message=reason, errors={"headers": {HEADER: [reason]}})
    return key


def _replay(row: Mapping[str, Any], wanted: str) -> Response:
    if row["fingerprint"] != wanted:
        abort(422, message=KEY_REUSED, errors={"headers": {HEADER: [KEY_REUSED]}})
    if not row["status"]:  # (a running request's row is never seen committed; defensive)
        abort(409, message=KEY_IN_PROGRESS, errors={"headers": {HEADER: [KEY_IN_PROGRESS]}})
    response = current_app.response_class(row["body"], status=row["status"], mimetype="application/json")
    for name, value in json.loads(row["headers"]).items():
        response.headers[name] = value
    response.headers[REPLAYED_HEADER] = "true"
    return response


#: The operation's key under which `idempotent` leaves its header parameter for the spec plugin
#: (`shared.http`), which appends it to the operation's parameters.
DOC_KEY = "x-idempotency-key-parameter"


def idempotent(view: Callable[..., Any]) -> Callable[..., Any]:
    """Honour ``Idempotency-Key`` on a view that creates something (see the module docstring); put it
    under ``require_role`` and the rate limit and over ``blp.arguments``/``blp.response``, so a bad
    body is refused (and nothing stored) inside the transaction. Documents the header in OpenAPI."""

    @functools.wraps(view)
    def run(*args: Any, **kwargs: Any) -> Any:
        key = request.headers.get(HEADER)
        if key is None:
            return view(*args, **kwargs)
        key = _checked_key(key.strip())
        store: IdempotencyStore = current_app.extensions[EXTENSION]
        org, wanted = current_principal().org, fingerprint()
        with one_transaction(store.engine) as conn:
            row = store.claim(conn, org, key, wanted)
            if row is not None:
                return _replay(row, wanted)
            response = make_response(view(*args, **kwargs))
            if response.status_code >= 500 or not response.is_json:
                conn.execute(
                    delete(store.table).where(store.table.c.org == org, store.table.c.key == key)
                )  # (nothing to replay: the write, if any, stands as without a key)
            else:
                store.store(conn, org, key, response)
        return response

    # Not under the manual doc's "parameters": flask-smorest merges a manual list over the generated
    # one, which dropped the query arguments of the uploads' `blp.arguments` (dry_run,
    # confirm_removal). The spec plugin (`shared.http`) moves this key into the parameters.
    apidoc = copy.deepcopy(getattr(run, "_apidoc", {}))
    apidoc.setdefault("manual_doc", {})[DOC_KEY] = KEY_PARAMETER
    run._apidoc = apidoc  # type: ignore[attr-defined]
    return run
