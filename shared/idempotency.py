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
  the request or its answer names (``forget``);
* nothing stored is derived from a person's identifiers by a function anyone can compute (privacy37):
  the request's fingerprint is an HMAC-SHA-256 under the service's own key (``record_key``), not a
  plain hash a holder of a case number or pseudonym could recompute from a guessable request, and the
  jobseekers a request concerns (the ``profile_id`` of its path, every ``candidate_id`` its body or its
  answer names) are kept only as keyed tags (``subject_tag``), by which a withdrawal finds and deletes
  its rows (``forget``) even when the answer names neither (a rating link, a rating's comment);
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
import hmac
import json
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

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
    """The stored answers: one row per (organisation, key), the request's `fingerprint` (``keyed``:
    HMAC-SHA-256 under the service's record key, 64 hex), the answer's `status`, `headers` (JSON object
    of `KEPT_HEADERS`) and `body` (JSON text), the jobseekers it concerns (`subjects`: `subject_tag`s,
    each between spaces, or NULL) and when it was stored (`created_at`, UTC; purged after `KEY_TTL`)."""
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
        Column("subjects", Text, nullable=True),
    )
    Index("ix_idempotency_keys_created_at", table.c.created_at)
    return table


#: What ``record_key`` derives the key of fingerprints and subject tags from a service's secret with.
_RECORD_KEY_LABEL = b"kohtaanto idempotency records\x1f"


def record_key(secret: bytes | str) -> bytes:
    """The key (32 bytes) of a service's idempotency fingerprints and subject tags: HMAC-SHA-256 of a fixed
    label under ``secret`` (the profile service's pseudonym key, matching's record key, the vacancy
    service's token-signing secret), so the secret itself is used for nothing else here. Raises
    ``ValueError`` when ``secret`` is empty."""
    raw = secret.encode() if isinstance(secret, str) else secret
    if not raw:
        raise ValueError("an idempotency record key needs a non-empty secret")
    return hmac.new(raw, _RECORD_KEY_LABEL, hashlib.sha256).digest()


def keyed(key: bytes | None, digest: bytes) -> str:
    """A request's stored fingerprint (64 hex): HMAC-SHA-256 under ``key`` (``record_key``) of its plain
    SHA-256 ``digest`` (32 bytes), so a migration turns a stored plain fingerprint into the keyed one.
    ``key`` None (a service without a secret: none of its requests names a jobseeker): the digest's hex."""
    if key is None:
        return digest.hex()
    return hmac.new(key, digest, hashlib.sha256).hexdigest()


def subject_tag(key: bytes | None, kind: str, *parts: str) -> str:
    """The keyed tag (16 hex) a row keeps for a jobseeker it concerns: ``kind`` ``"candidate"`` with the
    pseudonym, ``"profile"`` with the organisation and the case number (compared without letter case, as
    profile ids are). Unrelated to the identifiers without ``key``; ``key`` None: no tag is kept ("")."""
    if key is None:
        return ""
    text = "\x1f".join((kind, *(p.lower() if kind == "profile" else p for p in parts)))
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()[:16]


class IdempotencyStore:
    """The answers of one service's database (`table`, made by `idempotency_keys_table`); `now`: the
    clock (UTC); `key`: the service's ``record_key`` (None: fingerprints are plain SHA-256 and no
    subject is tagged, for a service none of whose requests names a jobseeker)."""

    def __init__(
        self,
        engine: Engine,
        table: Table,
        now: Callable[[], datetime] | None = None,
        key: bytes | None = None,
    ) -> None:
        self.engine = engine
        self.table = table
        self.now = now or (lambda: datetime.now(UTC))
        self.key = key

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

    def store(
        self, conn: Connection, org: str, key: str, response: Response, subjects: Iterable[str] = ()
    ) -> None:
        """Store `response` (its status, `KEPT_HEADERS` and JSON body) as the answer to (`org`, `key`),
        with the `subjects` (``subject_tag``s) of the jobseekers it concerns."""
        headers = {h: response.headers[h] for h in KEPT_HEADERS if h in response.headers}
        tags = sorted({t for t in subjects if t})
        conn.execute(
            update(self.table)
            .where(self.table.c.org == org, self.table.c.key == key)
            .values(
                status=response.status_code,
                headers=json.dumps(headers),
                body=response.get_data(as_text=True),
                subjects=" " + " ".join(tags) + " " if tags else None,
            )
        )


def _like(needle: str) -> str:
    return "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def forget(
    conn: Connection,
    table: Table,
    *ids: str,
    key: bytes | None = None,
    candidate_id: str | None = None,
    profile: tuple[str, str] | None = None,
) -> int:
    """Delete the stored answers about a withdrawn jobseeker: those whose body or kept headers
    (``Location``) name any of `ids` (the candidate id, the profile id: as written, JSON-escaped or
    percent-encoded), and those tagged (``subject_tag`` under `key`, the service's ``record_key``) with
    `candidate_id` or `profile` (organisation, profile id), so an erasure leaves no copy of an outcome's
    comment, a path's notes or a rating, and no row of a request about the person. Returns how many."""
    removed = 0
    needles: set[str] = set()
    for needle in filter(None, ids):
        needles |= {needle, json.dumps(needle)[1:-1], quote(needle, safe="")}
    for needle in sorted(needles):
        pattern = _like(needle)
        where = table.c.body.like(pattern, escape="\\") | table.c.headers.like(pattern, escape="\\")
        removed += conn.execute(delete(table).where(where)).rowcount or 0
    tags = []
    if candidate_id:
        tags.append(subject_tag(key, "candidate", candidate_id))
    if profile is not None:
        tags.append(subject_tag(key, "profile", *profile))
    for tag in filter(None, tags):
        removed += conn.execute(delete(table).where(table.c.subjects.like(f"% {tag} %"))).rowcount or 0
    return removed


def _named(value: Any, found: set[str]) -> None:
    """Every string held under a ``candidate_id`` key (or in a ``candidate_ids`` list) at any depth."""
    if isinstance(value, dict):
        for name, item in value.items():
            if name == "candidate_id" and isinstance(item, str):
                found.add(item)
            elif name == "candidate_ids" and isinstance(item, list):
                found.update(i for i in item if isinstance(i, str))
            else:
                _named(item, found)
    elif isinstance(value, list):
        for item in value:
            _named(item, found)


def request_subjects(key: bytes | None, org: str, answer: Response) -> list[str]:
    """The ``subject_tag``s of the jobseekers this request concerns: the ``profile_id`` of its path (a door
    of the caller's organisation's profiles) and every candidate id its JSON body or its JSON answer names.
    Empty without ``key``."""
    if key is None:
        return []
    tags = []
    profile_id = (request.view_args or {}).get("profile_id")
    if isinstance(profile_id, str):
        tags.append(subject_tag(key, "profile", org, profile_id))
    named: set[str] = set()
    _named(request.get_json(silent=True) if request.is_json else None, named)
    _named(answer.get_json(silent=True) if answer.is_json else None, named)
    tags += [subject_tag(key, "candidate", c) for c in sorted(named)]
    return tags


def install(app: Any, store: IdempotencyStore) -> None:
    """Make `store` the one `idempotent` views of `app` use."""
    app.extensions[EXTENSION] = store


def fingerprint(key: bytes | None = None) -> str:
    """This request as a retry repeats it — method, path and query string, and its body (JSON parsed and
    written back with sorted keys; an upload's form fields and its files' names and contents, as a
    retry's multipart boundary differs; else the raw bytes) — as stored: ``keyed`` under ``key`` (the
    service's ``record_key``; 64 hex) of its SHA-256."""
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
        return keyed(key, digest.digest())
    body = request.get_json(silent=True) if request.is_json else None
    if body is not None:
        digest.update(json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode())
    else:
        digest.update(request.get_data(cache=True))
    return keyed(key, digest.digest())


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
        org, wanted = current_principal().org, fingerprint(store.key)
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
                store.store(conn, org, key, response, request_subjects(store.key, org, response))
        return response

    # Not under the manual doc's "parameters": flask-smorest merges a manual list over the generated
    # one, which dropped the query arguments of the uploads' `blp.arguments` (dry_run,
    # confirm_removal). The spec plugin (`shared.http`) moves this key into the parameters.
    apidoc = copy.deepcopy(getattr(run, "_apidoc", {}))
    apidoc.setdefault("manual_doc", {})[DOC_KEY] = KEY_PARAMETER
    run._apidoc = apidoc  # type: ignore[attr-defined]
    return run
