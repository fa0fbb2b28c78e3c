"""Per-caller rate limits (Flask-Limiter, MIT; counters in the ``limits`` library's fixed windows).

Who is a caller: the token's organisation and subject when the request carries a valid token, else
the client address (behind a reverse proxy, configure the proxy's ``X-Forwarded-For`` handling).

What is limited (``RateLimitSettings``, from the environment):

* every write (``POST``, ``PUT``, ``PATCH``, ``DELETE``) on every endpoint: ``write`` per caller and
  endpoint;
* a view marked ``@rate_limited("contact_lookup", cost=…)``: the contact look-up, where one request
  for *n* candidate ids costs *n*, so asking for many ids at once is no way around the limit;
* a view marked ``@rate_limited("login")``: the login page (tokens tried by a browser).
* a view marked ``@rate_limited("batch_read")``: a read that ranks every open vacancy of a region
  (20 MB and seconds of CPU at k = 50: an outside tester looped it);
* a view marked ``@rate_limited("recognition", cost=…)``: skill recognition, where a request costs
  the work of the text it reads (one unit per started 200 characters of each sentence read; outside
  tester 36, H4: counted in sentences, one comma list with no full stop cost seconds and one unit), so
  one caller's long texts cannot keep the recogniser (one at a time per process) busy for everyone
  (an outside tester queued a coach's one-line note behind 10 s of texts).

A caller over a limit gets ``429`` in the JSON error shape with ``Retry-After`` (seconds) and the
``X-RateLimit-*`` headers. The counters live, by default, in the service's own database
(``SqlStorage``: an atomic upsert per hit), so every gunicorn worker and every replica of a service
shares them; ``KOHTAANTO_RATE_LIMIT_STORAGE`` may name any storage of the ``limits`` library instead
(``redis://…``, ``memcached://…``; ``memory://`` only for a single process).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from typing import Any

from flask import Flask, request
from flask_limiter import Limiter
from limits.storage import Storage
from sqlalchemy import (
    Column,
    Engine,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    case,
    delete,
    inspect,
    select,
    text,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from shared.auth import verified_principal
from shared.config import RateLimitSettings

LIMIT_MARK = "_kohtaanto_rate_limit"
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

rate_limit_metadata = MetaData()
rate_limits = Table(
    "rate_limits",
    rate_limit_metadata,
    Column("key", String(512), primary_key=True),
    Column("count", Integer, nullable=False),
    Column("expires_at", Float, nullable=False),  # seconds since the epoch
)


class SqlStorage(Storage):
    """A ``limits`` storage in an SQL database (SQLite or PostgreSQL): fixed-window counters, one row
    per key, incremented by one atomic ``INSERT … ON CONFLICT DO UPDATE … RETURNING``; shared by all
    processes that use the database. Expired rows are swept every ``sweep_every`` increments."""

    STORAGE_SCHEME = ["kohtaanto+sql"]  # noqa: RUF012 - the limits library reads it as declared

    def __init__(
        self, uri: str | None = None, wrap_exceptions: bool = False, engine: Engine | None = None, **_: Any
    ) -> None:
        if engine is None:
            raise ValueError("SqlStorage needs the engine (storage_options={'engine': …})")
        super().__init__(uri, wrap_exceptions=wrap_exceptions)
        self.engine = engine
        try:
            rate_limit_metadata.create_all(engine)
        except SQLAlchemyError:  # another worker created it at the same moment
            if not inspect(engine).has_table(rate_limits.name):
                raise
        self._insert = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert
        self._hits = itertools.count()
        self.sweep_every = 1000

    @property
    def base_exceptions(self) -> type[Exception] | tuple[type[Exception], ...]:
        return SQLAlchemyError

    def incr(self, key: str, expiry: int | float, amount: int = 1) -> int:
        now = time.time()
        t = rate_limits
        fresh = t.c.expires_at <= now
        stmt = (
            self._insert(t)
            .values(key=key, count=amount, expires_at=now + expiry)
            .on_conflict_do_update(
                index_elements=[t.c.key],
                set_={
                    "count": case((fresh, amount), else_=t.c.count + amount),
                    "expires_at": case((fresh, now + expiry), else_=t.c.expires_at),
                },
            )
            .returning(t.c.count)
        )
        with self.engine.begin() as conn:
            count = int(conn.execute(stmt).scalar_one())
            if next(self._hits) % self.sweep_every == 0:
                conn.execute(delete(t).where(t.c.expires_at <= now))
        return count

    def get(self, key: str) -> int:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(rate_limits.c.count).where(
                    rate_limits.c.key == key, rate_limits.c.expires_at > time.time()
                )
            ).first()
        return int(row[0]) if row else 0

    def get_expiry(self, key: str) -> float:
        with self.engine.connect() as conn:
            row = conn.execute(select(rate_limits.c.expires_at).where(rate_limits.c.key == key)).first()
        return float(row[0]) if row and row[0] > time.time() else time.time()

    def check(self) -> bool:
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return True
        except SQLAlchemyError:
            return False

    def reset(self) -> int | None:
        with self.engine.begin() as conn:
            return conn.execute(delete(rate_limits)).rowcount

    def clear(self, key: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(rate_limits).where(rate_limits.c.key == key))


def rate_limited(kind: str, cost: Callable[[], int] | None = None) -> Callable[[Any], Any]:
    """Mark a view (or a ``MethodView`` method) with a kind of limit from ``RateLimitSettings``;
    ``cost`` (called per request, ≥ 1) says how many hits the request counts for."""

    def mark(view: Any) -> Any:
        setattr(view, LIMIT_MARK, (kind, cost))
        return view

    return mark


def json_list_cost(field: str, cap: int | None = None) -> Callable[[], int]:
    """A cost: how many distinct items the JSON body's ``field`` lists (at least 1, at most ``cap``,
    the most a valid request may list: an over-long request is a 422, never a 429 no retry can pass)."""

    def cost() -> int:
        body = request.get_json(silent=True)
        items = body.get(field) if isinstance(body, dict) else None
        if not isinstance(items, list):
            return 1
        count = max(1, len({json_key(i) for i in items}))
        return min(count, cap) if cap else count

    return cost


def json_key(item: Any) -> str:
    return item if isinstance(item, str) else repr(item)


def caller_key() -> str:
    """The rate-limit key of this request's caller (see the module docstring)."""
    principal = verified_principal()
    if principal is not None:
        return f"caller:{principal.org}/{principal.subject}"
    return f"address:{request.remote_addr or 'unknown'}"


def _mark_of_request(app: Flask) -> tuple[str, Callable[[], int] | None] | None:
    view = app.view_functions.get(request.endpoint or "")
    if view is None:
        return None
    view_class = getattr(view, "view_class", None)
    target = getattr(view_class, request.method.lower(), None) if view_class else view
    mark = getattr(target, LIMIT_MARK, None)
    if mark is not None:
        return mark
    return ("write", None) if request.method in WRITE_METHODS else None


def install_rate_limits(app: Flask, engine: Engine, settings: RateLimitSettings) -> Limiter | None:
    """Attach Flask-Limiter to ``app`` with the limits above; None when limits are switched off."""
    if not settings.enabled:
        return None
    specs = {
        "write": settings.write,
        "contact_lookup": settings.contact_lookup,
        "login": settings.login,
        "recognition": settings.recognition,
        "batch_read": settings.batch_read,
    }

    def kind() -> str | None:
        mark = _mark_of_request(app)
        return mark[0] if mark else None

    def limit_value() -> str:
        return specs.get(kind() or "write", settings.write)

    def cost() -> int:
        mark = _mark_of_request(app)
        return max(1, mark[1]()) if mark and mark[1] else 1

    limiter = Limiter(
        caller_key,
        app=app,
        storage_uri=settings.storage_uri or "kohtaanto+sql://",
        storage_options={"engine": engine} if not settings.storage_uri else {},  # type: ignore[dict-item]
        strategy="fixed-window",
        default_limits=[limit_value],
        default_limits_per_method=True,
        default_limits_exempt_when=lambda: kind() is None,
        default_limits_cost=cost,
        # a refused contact look-up (422: too many ids, a bad purpose) shows no one, a refused
        # recognition reads nothing: they are not charged, so a client's mistake does not lock it out
        # of the meeting page's names (or of recognition) for the window
        default_limits_deduct_when=lambda response: (
            kind() not in ("contact_lookup", "recognition", "batch_read") or response.status_code < 400
        ),
        headers_enabled=True,
        # the counters live in the service's database: while it is down the request fails on it anyway
        # (503, shared.http); the limiter must not turn that into a 500 in its after-request hook
        # (outside tester 6, G8: "error while handling an error")
        swallow_errors=True,
        retry_after="delta-seconds",
        key_prefix="kohtaanto",
    )
    app.extensions["kohtaanto.limiter"] = limiter

    def _retry_after_only_when_limited(response: Any) -> Any:
        # Flask-Limiter's headers go on every limited response; "Retry-After" means "wait" (RFC
        # 9110) and belongs only to a 429 (found by an outside tester on ordinary 422s) and to a 503
        # that says when to retry (the database away, matching's index loading: outside tester 18,
        # P17 — this hook had taken those away too)
        if response.status_code not in (429, 503):
            response.headers.pop("Retry-After", None)
        return response

    # after-request functions run in reverse order of registration: first in the list = last run,
    # after the limiter has added its headers
    app.after_request_funcs.setdefault(None, []).insert(0, _retry_after_only_when_limited)
    return limiter
