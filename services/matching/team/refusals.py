"""Refused requests that name a candidate reach the profile service's audit log (outside tester 21, Q4).

The audit log lives in the profile service; matching holds pseudonyms only and talks to it over Kafka.
So a refusal here is an ``access.refused`` event (``team.events``: candidate id, actor, organisation,
role, route, status, reason, time) on the outcomes topic, written to matching's transactional outbox
(the worker's relay publishes it) and recorded by the profile service's outcomes consumer as a
``granted: no`` entry, found by ``GET /api/v1/audit?profile_id=`` and ``?actor=``.

What counts as a refusal: an answer of the JSON API (``/api/``) that is a 403 (the role), a 404 (the
vacancy, or a candidate unknown or not visible to the caller: the same answer) or one a view marked
with ``shared.refusals.mark_refused`` (the outcome's 422 "Unknown candidate"), for a request that
names pseudonymous candidate ids (``shared.refusals.named_candidates``: only ``c-`` + 24 hex is ever
written; a 401 names no caller and is not recorded). The doors that name one: a candidate's
explanation and course plan (path), recording an outcome (body), the operators' index versions
(body); the safety net covers any door added later that names a candidate the same way.

Flooding: each refused candidate id costs one hit of the caller's ``refused`` rate limit
(``KOHTAANTO_RATE_LIMIT_REFUSED``, counted with the service's other limits in the ``limits`` library's
storage of ``shared.ratelimit``). A caller over it gets 429 on every request naming a candidate
before anything is read or written, so one caller puts at most that many entries in the log per
window, however many random ids it probes. With rate limits switched off there is no such bound.

A failed outbox write (the database away) does not change the answer: the refusal stands, the caller
learns nothing more from a 5xx, and the index answers refusals without the database; the event is
logged at ERROR instead (pseudonymous, as the event), for the operator to replay.

Granted requests go the same way (outside tester 36, H8: the owner's ``?profile_id=`` did not list an
agency's explanation read or its outcome): a 2xx answer of the JSON API to a request naming candidates
(``named_candidates``) becomes one ``access.granted`` event per candidate (the door as ``action``:
``events.GRANTED_ACTIONS``), recorded by the profile service as a ``granted: yes`` entry. Recording an
outcome publishes its own, in the outcome's transaction (``TeamHandlers.record_outcome``, which marks the
request ``mark_access_audited``), so an outcome is never stored unaudited nor audited twice. A granted
read whose event cannot be written is answered 503 instead (nothing was written; the caller may retry):
an access is never given unaudited. Only a view's own methods are granted accesses (``shared.methods``:
outside tester 37, K2, an ``OPTIONS`` on an explanation by an employer without the door was recorded as
granted): ``OPTIONS`` and ``HEAD`` are answered before sign-in and return no data.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from flask import Flask, Response, current_app, g, jsonify, request
from flask_babel import gettext
from limits import RateLimitItem, parse_many

from services.kernel.texts import N_
from services.matching.team import events
from services.matching.team.repository import UnitOfWork
from shared.auth import Principal, verified_principal
from shared.http import abort
from shared.methods import VIEW_METHODS
from shared.pii import identifier_holds_personal_data
from shared.ratelimit import caller_key
from shared.refusals import named_candidates, refusal_of

log = logging.getLogger(__name__)

_VACANCY_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
TOO_MANY = N_(
    "Too many refused requests naming candidates from this caller (at most %(limit)s); try again in "
    "%(minutes)s min (Retry-After)."
)


_ACCESS_AUDITED = "kohtaanto_access_audited"
NOT_AUDITED = N_("The access could not be recorded in the audit log; try again in a moment.")


def mark_access_audited() -> None:
    """The view published this request's ``access.granted`` events itself (with its own write)."""
    setattr(g, _ACCESS_AUDITED, True)


def access_payloads(
    caller: Principal, route: str, status: int, vacancy_id: Any, at: datetime, candidate_ids: list[str]
) -> list[dict[str, Any]]:
    """One ``access.granted`` payload per candidate in ``candidate_ids`` (pseudonyms only), for a request
    ``route`` (method and rule) answered ``status`` at ``at``."""
    who = (caller.subject, caller.org, caller.role.value)
    return [
        events.access_payload(candidate_id, who, route, status, _vacancy(vacancy_id), at)
        for candidate_id in candidate_ids
    ]


def _vacancy(vacancy_id: Any) -> str | None:
    """The path's vacancy id as written into an event: an id's shape only, else None."""
    return (
        vacancy_id
        if isinstance(vacancy_id, str)
        and 0 < len(vacancy_id) <= 64
        and set(vacancy_id) <= _VACANCY_ID_CHARS
        and not identifier_holds_personal_data(vacancy_id)
        else None
    )


def refusal_payloads(
    caller: Principal, route: str, status: int, reason: str, vacancy_id: Any, at: datetime
) -> list[dict[str, Any]]:
    """One ``access.refused`` payload per candidate this request names (``named_candidates``)."""
    vacancy = _vacancy(vacancy_id)
    reason = reason if reason in events.REFUSAL_REASONS else "not_found"
    return [
        {
            "candidate_id": candidate_id,
            "actor": caller.subject,
            "actor_org": caller.org,
            "actor_role": caller.role.value,
            "route": route,
            "status": status,
            "reason": reason,
            "vacancy_id": vacancy,
            "refused_at": at.isoformat(),
        }
        for candidate_id in named_candidates()
    ]


class RefusalBudget:
    """The caller's ``refused`` limit (``RateLimitSettings.refused``) in the app's limiter storage;
    no bound when rate limits are off (no limiter)."""

    def __init__(self, spec: str) -> None:
        self.spec = spec.strip()
        self.items: list[RateLimitItem] = list(parse_many(spec)) if spec.strip() else []

    def _strategy(self) -> Any | None:
        limiter = current_app.extensions.get("kohtaanto.limiter")
        return limiter.limiter if limiter is not None and self.items else None

    def retry_after(self) -> int | None:
        """Seconds until the caller may name candidates again, None while within the limit."""
        strategy = self._strategy()
        if strategy is None:
            return None
        key = caller_key()
        waits = [
            strategy.get_window_stats(item, "refused", key).reset_time - time.time()
            for item in self.items
            if not strategy.test(item, "refused", key)
        ]
        return max(1, int(max(waits)) + 1) if waits else None

    def charge(self, count: int) -> None:
        strategy = self._strategy()
        if strategy is None or count < 1:
            return
        key = caller_key()
        for item in self.items:
            strategy.hit(item, "refused", key, cost=count)


def install(
    app: Flask, uow_factory: Callable[[], UnitOfWork], clock: Callable[[], datetime], budget_spec: str
) -> None:
    """The hooks (module docstring) on ``app``'s JSON API."""
    budget = RefusalBudget(budget_spec)

    def publish(event: Any, payloads: list[dict[str, Any]]) -> None:
        """One outbox row per candidate named, keyed by the candidate, in one transaction."""
        with uow_factory() as uow:
            for payload in payloads:
                uow.publish(event, payload["candidate_id"], payload)
            uow.commit()

    @app.before_request
    def refuse_an_over_budget_caller() -> None:
        if not request.path.startswith("/api/") or verified_principal() is None:
            return
        try:
            if not named_candidates():
                return
            wait = budget.retry_after()
        except Exception:  # the limiter's storage away: the request goes on (as Flask-Limiter's own)
            log.warning("refusal budget unavailable", exc_info=True)
            return
        if wait is not None:
            abort(
                429,
                message=gettext(TOO_MANY, limit=budget.spec, minutes=max(1, -(-wait // 60))),
                headers={"Retry-After": str(wait)},
            )

    @app.after_request
    def publish_a_granted_access(response: Response) -> Response:
        caller = verified_principal()
        if (
            caller is None
            or not 200 <= response.status_code < 300
            or request.method not in VIEW_METHODS  # OPTIONS, HEAD: no data returned (shared.methods)
            or not request.path.startswith("/api/")
            or request.url_rule is None
            or g.get(_ACCESS_AUDITED)
        ):
            return response
        named = named_candidates()
        if not named:
            return response
        payloads = access_payloads(
            caller,
            f"{request.method} {request.url_rule.rule}",
            response.status_code,
            (request.view_args or {}).get("vacancy_id"),
            clock(),
            named,
        )
        try:
            publish(events.ACCESS_GRANTED, payloads)
        except Exception:
            # an access is never given unaudited (module docstring): nothing was written, a retry is safe
            log.error(
                "access not audited: the outbox write failed; answered 503",
                exc_info=True,
                extra={"event_type": events.ACCESS_GRANTED.event_type, "payloads": payloads},
            )
            refused = jsonify(code=503, status="Service Unavailable", message=gettext(NOT_AUDITED), errors={})
            refused.status_code = 503
            refused.headers["Retry-After"] = "5"
            return refused
        return response

    @app.after_request
    def publish_a_refusal(response: Response) -> Response:
        caller = verified_principal()
        if caller is None or not request.path.startswith("/api/") or request.url_rule is None:
            return response
        reason = refusal_of(response.status_code)
        if reason is None:
            return response
        route = f"{request.method} {request.url_rule.rule}"
        payloads: list[dict[str, Any]] = []
        try:
            payloads = refusal_payloads(
                caller,
                route,
                response.status_code,
                reason,
                (request.view_args or {}).get("vacancy_id"),
                clock(),
            )
            if not payloads:
                return response
            budget.charge(len(payloads))
            publish(events.ACCESS_REFUSED, payloads)
        except Exception:
            # the refusal stands (module docstring); the event is kept in the log for a replay
            log.error(
                "refusal not audited: the outbox write failed",
                exc_info=True,
                extra={"event_type": events.ACCESS_REFUSED.event_type, "payloads": payloads},
            )
        return response
