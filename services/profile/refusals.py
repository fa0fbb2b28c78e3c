"""Every refused attempt at a jobseeker's data is in the audit log, naming the jobseeker asked about.

Outside tester 20, P3: an employer's refused contact look-up was audited with no candidate, so the
data-protection officer's ``GET /api/v1/audit?profile_id=`` did not show it. Whatever refuses an
attempt (the role, consent, the organisation, an unknown id), the entry names the subject the request
names, as far as this service can resolve it:

- ``candidate_ids`` (a list) or ``candidate_id`` in the JSON body, and a ``candidate_id`` path value:
  each pseudonym (``c-`` + 24 hex; anything else is never written) is one entry; ``AuditLog.record``
  adds its profile id and the profile's organisation (``subject_org``), so the owner's officer finds it;
- a ``profile_id`` path value: the caller's own organisation's profile of that id (ids are per
  organisation), with its candidate id when it exists; an id that is not a valid profile id (an
  identity code …) is never written;
- ``path_id``, ``handover_id``, ``voucher_id`` path values: the jobseeker of that service path,
  handover or voucher, if it exists; an unknown one is recorded too, naming nobody and no subject
  organisation, so that the entry the caller's organisation reads is the same for an unknown and an
  existing id (outside tester 28, T28-6: only existing ids left an entry, with the pseudonym).

Who reads which part: ``AuditLog.entries`` shows a refused entry's candidate id (and profile id) only
to the jobseeker's own organisation and the system auditor, never to the refused caller's
organisation, whether the caller typed the pseudonym or the service resolved it from an id.

Two parts: ``request_subjects`` (used by the role refusals' ``on_denied`` hook, ``api.audit_denied``,
which names the action) and ``install`` (an ``after_request`` safety net: a 403 or 404 of the JSON API
that wrote no audit entry of its own, e.g. a service path or handover of another organisation, is
recorded as ``request.refused`` with the route in ``purpose``; a 404 naming no jobseeker, such as an
unknown pilot, is not personal data and is not recorded; an unknown path, handover or voucher id is)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, Response, g, request

from services.profile.paths.repository import JourneyUnitOfWork
from services.profile.repository import AUDITED, REFUSED_ACTION
from shared.auth import Principal
from shared.messaging.topics import CANDIDATE_ID_PATTERN
from shared.pii import identifier_holds_personal_data

_CANDIDATE = re.compile(CANDIDATE_ID_PATTERN)
_PROFILE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
#: At most this many candidate ids of one body are recorded (the look-up's own cap, MAX_LOOKUP_IDS).
MAX_SUBJECTS = 100
#: The refusals the safety net records.
REFUSED = frozenset({403, 404})


@dataclass(frozen=True, slots=True)
class Subjects:
    """Whom a request asks about: ``profile_id`` in the caller's organisation's namespace (None: none
    named), and the pseudonymous ``candidate_ids`` named or resolved, each once, in order."""

    profile_id: str | None = None
    candidate_ids: tuple[str, ...] = field(default_factory=tuple)
    #: A path, handover or voucher id was named (found or not): recorded even when it names nobody.
    names_record: bool = False

    def __bool__(self) -> bool:
        return self.profile_id is not None or bool(self.candidate_ids) or self.names_record


def _body_candidates() -> list[str]:
    """The pseudonyms in the JSON body's ``candidate_ids``/``candidate_id`` (malformed bodies: none)."""
    if not request.is_json:
        return []
    try:
        body = request.get_json(silent=True)
    except Exception:  # a body the input guard refuses is not read here either
        return []
    if not isinstance(body, dict):
        return []
    listed = body.get("candidate_ids")
    found = [c for c in listed[:MAX_SUBJECTS] if isinstance(c, str)] if isinstance(listed, list) else []
    if isinstance(body.get("candidate_id"), str):
        found.append(body["candidate_id"])
    return [c for c in found if _CANDIDATE.match(c)]


def request_subjects(uow: JourneyUnitOfWork, caller: Principal) -> Subjects:
    """The jobseekers this request names (module docstring), read in ``uow``; never raises on odd
    input (an unknown or malformed id names nobody)."""
    args: dict[str, Any] = request.view_args or {}
    candidates: list[str] = []
    raw = args.get("candidate_id")
    if isinstance(raw, str) and _CANDIDATE.match(raw):
        candidates.append(raw)
    candidates += _body_candidates()
    profile_id = args.get("profile_id")
    if not (
        isinstance(profile_id, str)
        and _PROFILE_ID.match(profile_id)
        and not identifier_holds_personal_data(profile_id)
    ):
        profile_id = None
    if profile_id is not None:
        own = uow.profiles.get(caller.org, profile_id)
        if own is not None:
            profile_id = own.id  # the stored spelling
            candidates.append(own.candidate_id)
    names_record = False
    for key, owner in (
        ("path_id", lambda v: uow.paths.get(v)),
        ("handover_id", lambda v: uow.paths.handover_path(v)),
        ("voucher_id", lambda v: uow.vouchers.get(v)),
    ):
        value = args.get(key)
        if isinstance(value, str) and 0 < len(value) <= 64:
            names_record = True
            found = owner(value)
            if found is not None:
                candidates.append(found.candidate_id)
    return Subjects(profile_id, tuple(dict.fromkeys(candidates)), names_record)


def record_refusal(
    uow: JourneyUnitOfWork, caller: Principal, action: str, subjects: Subjects, purpose: str | None = None
) -> None:
    """One ``granted=no`` entry per candidate asked about (or one naming the profile id, or nobody);
    the caller commits."""
    if not subjects.candidate_ids:
        uow.audit.record(
            actor=caller.subject,
            role=caller.role,
            org=caller.org,
            action=action,
            granted=False,
            profile_id=subjects.profile_id,
            # a profile id without a profile is in the caller's own namespace: no other owner; an
            # unknown path/handover/voucher id has no owner either, and its entry must read as an
            # existing one's does to the caller's organisation (subject blanked there: T28-6)
            subject_org=None if subjects.names_record and subjects.profile_id is None else caller.org,
            purpose=purpose,
        )
    for candidate_id in subjects.candidate_ids:
        # AuditLog.record adds the profile id and its organisation from the candidate id
        uow.audit.record(
            actor=caller.subject,
            role=caller.role,
            org=caller.org,
            action=action,
            granted=False,
            candidate_id=candidate_id,
            purpose=purpose,
        )


def install(app: Flask, uow_factory: Callable[[], JourneyUnitOfWork]) -> None:
    """The safety net (module docstring) on ``app``'s JSON API (``/api/``)."""

    @app.before_request
    def count_from_zero() -> None:
        AUDITED.set(0)

    @app.after_request
    def audit_unaudited_refusal(response: Response) -> Response:
        caller: Principal | None = g.get("principal")
        if (
            response.status_code in REFUSED
            and caller is not None
            and request.path.startswith("/api/")
            and request.url_rule is not None
            and AUDITED.get() == 0
        ):
            with uow_factory() as uow:
                subjects = request_subjects(uow, caller)
                if subjects or response.status_code == 403:
                    purpose = f"{response.status_code} {request.method} {request.url_rule.rule}"
                    record_refusal(uow, caller, REFUSED_ACTION, subjects, purpose)
                    uow.commit()
        return response

    @app.teardown_request
    def forget_count(_: BaseException | None) -> None:
        AUDITED.set(0)
