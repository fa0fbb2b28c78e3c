"""HTTP endpoints of the profile service."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, NoReturn, ParamSpec, TypeVar

from flask import current_app
from flask.views import MethodView
from flask_babel import gettext
from flask_smorest import Blueprint
from werkzeug.exceptions import HTTPException

from services.kernel.calendar import local_day
from services.profile.domain import (
    MAX_JOBS_AT_ONCE,
    WORKING_LIFE_YEARS,
    InvalidProfileError,
    NotPermittedError,
    Profile,
    ProfileAbsentError,
    ProfileNotFoundError,
    ProfileVersionConflictError,
    ProfileVersionRequiredError,
    ProfileWithdrawnError,
    implausible_spells,
    jobs_at_once,
)
from services.profile.handlers import ConsentChange, ProfileHandlers
from services.profile.refusals import record_refusal, request_subjects
from services.profile.schemas import (
    MAX_LOOKUP_IDS,
    PERSONAL_ID_RULE,
    PROFILE_ID_PATTERN,
    PROFILE_ID_RULE,
    AuditListSchema,
    AuditQuerySchema,
    ContactListSchema,
    ContactLookupSchema,
    ProfileInSchema,
    ProfileOutSchema,
)
from shared.auth import AUDIT_READERS, Principal, Role, current_principal, require_role
from shared.entitlement import PROFILE_OWNER_KINDS
from shared.http import IF_MATCH_PARAMETER, abort, if_match_any, if_match_version
from shared.i18n import N_
from shared.pii import identifier_holds_personal_data
from shared.ratelimit import json_list_cost, rate_limited
from shared.schemas import Shown, input_notices
from shared.sign_in import read_by_other_origins

blp = Blueprint(
    "profiles",
    __name__,
    url_prefix="/api/v1",
    description="Coaches push, update and withdraw jobseekers' profiles.",
)


def handlers() -> ProfileHandlers:
    return current_app.extensions["kohtaanto.profile.handlers"]


PROFILE_ID_PARAMETER = {
    "in": "path",
    "name": "profile_id",
    "required": True,
    "description": "The organisation's own id for the jobseeker (ids are per organisation, compared "
    "without letter case). "
    "Never a personal identity code, e-mail address or phone number: such ids are refused.",
    "schema": {"type": "string", "pattern": PROFILE_ID_PATTERN, "example": "asiakas-1001"},
}
_PROFILE_ID = re.compile(PROFILE_ID_PATTERN)


def profile_id_reason(profile_id: str) -> str | None:
    """Why the path's profile id is refused, or None: 1-64 letters, digits and ``._:-``, and nothing
    that looks like personal data (an identity code would end up in URLs, access logs and the audit
    log)."""
    if not _PROFILE_ID.match(profile_id):
        return PROFILE_ID_RULE
    if identifier_holds_personal_data(profile_id):
        return PERSONAL_ID_RULE
    return None


def checked_id(profile_id: str) -> str:
    """The path's profile id, or 422 naming ``path.profile_id`` (``profile_id_reason``)."""
    reason = profile_id_reason(profile_id)
    if reason is not None:
        abort(422, message=N_("Invalid profile id."), errors={"path": {"profile_id": [reason]}})
    return profile_id


_P = ParamSpec("_P")
_R = TypeVar("_R")


def id_named_with_body(view: Callable[_P, _R]) -> Callable[_P, _R]:
    """For a view taking a body and a ``profile_id``: when the body is refused (422) and the id is
    bad too, the 422 names both (``errors.path.profile_id`` beside ``errors.json``), so the caller
    fixes both at once (outside tester 14, P18). Goes between ``require_role`` and
    ``blp.arguments``; the view still checks the id itself (``checked_id``)."""

    @functools.wraps(view)
    def checked(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        reason = profile_id_reason(str(kwargs.get("profile_id", "")))
        try:
            return view(*args, **kwargs)
        except HTTPException as exc:
            data = getattr(exc, "data", None)
            messages = data.get("messages") if isinstance(data, dict) else None
            if reason is not None and exc.code == 422 and isinstance(messages, dict):
                messages.setdefault("path", {})["profile_id"] = [reason]
            raise

    return checked


def audit_denied(action: str) -> Callable[[Principal], None]:
    """``require_role``'s ``on_denied``: the refused attempt is audited as ``action``, naming the
    jobseekers the request asks about (``refusals.request_subjects``: outside tester 20, P3)."""

    def record(principal: Principal) -> None:
        uow_factory = current_app.extensions["kohtaanto.profile.uow"]
        with uow_factory() as uow:
            record_refusal(uow, principal, action, request_subjects(uow, principal))
            uow.commit()

    return record


def translate(exc: Exception) -> NoReturn:
    if isinstance(exc, ProfileNotFoundError | NotPermittedError):
        abort(404, message=gettext("No such profile."))
    if isinstance(exc, ProfileWithdrawnError):
        abort(409, message=gettext("The profile has been withdrawn."))
    if isinstance(exc, ProfileAbsentError):
        # 412 as RFC 9110 has it (without If-Match this PUT would create), but saying what is the
        # matter: reading it again would only 404 (outside tester 28, T28-10)
        abort(
            412,
            message=gettext(
                "No such profile: If-Match names a version of a profile that was never pushed or has "
                "been withdrawn. Check the id; to create the profile, send the PUT without If-Match."
            ),
        )
    if isinstance(exc, ProfileVersionConflictError):
        abort(
            412,
            message=gettext(
                "The profile is no longer at the version you read (If-Match): read it again and "
                "make your change on the current version."
            ),
        )
    if isinstance(exc, ProfileVersionRequiredError):
        reason = gettext(
            'The profile exists: send If-Match with the version you read (the ETag, e.g. "3"), or * to '
            "replace any version."
        )
        abort(428, message=reason, errors={"header": {"If-Match": [reason]}})
    if isinstance(exc, InvalidProfileError):
        abort(422, message=gettext("The profile breaks a rule."), errors={"json": exc.errors})
    raise exc


def version_read(if_match: int | None, in_body: int | None) -> int | None:
    """The version the caller read: ``If-Match``'s, else the body's ``version`` (a body read with
    ``GET`` and sent back carries it: outside tester 23, S6); None when neither names one. Both, and
    different: ``ProfileVersionConflictError`` (they cannot both be the stored version)."""
    if if_match is not None and in_body is not None and if_match != in_body:
        raise ProfileVersionConflictError(
            N_("If-Match names version %(header)s and the body version %(body)s")
            % {"header": if_match, "body": in_body}
        )
    return if_match if if_match is not None else in_body


#: The upsert's ``If-Match``: optional to create, required to replace (428 without it).
PROFILE_IF_MATCH_PARAMETER = {
    **IF_MATCH_PARAMETER,
    "description": 'The version you read (the ETag, e.g. `"3"`): required to replace an existing profile '
    "(412 when it is no longer at that version, 428 without the header); `*` replaces whatever version "
    "is stored and never creates (on an id with no profile, never pushed or withdrawn, `*` or a version is a 412 "
    "saying there is no such profile); without it the profile is created, if it does not exist. A body identical "
    "to the stored profile (a retry: lists in any order, a municipality by name or code, dates as d.m.yyyy "
    "or ISO) needs none and changes nothing. The body's `version` (as GET shows it) stands for it when the "
    "header is left out.",
}


JOBS_AT_ONCE = N_(
    "Jobs %(jobs)s of the work history overlap: more than %(most)s at once. They are stored as sent "
    "(two part-time jobs are real); matching counts the years they share at a fraction. Check their "
    "years and end years."
)


IMPLAUSIBLE_SPELL = N_(
    "Jobs %(jobs)s of the work history are longer than %(most)s years or started before %(first)s: no "
    "working life holds them. They are stored as sent; check their years and end years."
)


def warnings_of(profile: Profile) -> list[dict[str, str]]:
    """Warnings for the coach about a profile as written (not refusals), with the field
    ``work_history``: ``jobs_at_once`` when more than `MAX_JOBS_AT_ONCE` spells overlap
    (`jobs_at_once`; outside tester 31, F10), ``implausible_spell`` when a spell is longer than a
    working life or starts before one could (`implausible_spells`, `WORKING_LIFE_YEARS`; outside
    tester 32), years read in the write's year. [] for a withdrawn profile. Each entry: ``code``,
    ``field`` (the field path), ``message`` (in the request's language)."""
    if profile.details is None:
        return []
    year = local_day(profile.updated_at).year
    out = []
    found = jobs_at_once(profile.details.work_history, year)
    if found:
        jobs = ", ".join(str(i + 1) for i in found)  # as a coach counts them
        message = gettext(JOBS_AT_ONCE, jobs=jobs, most=MAX_JOBS_AT_ONCE)
        out.append({"code": "jobs_at_once", "field": "work_history", "message": message})
    odd = implausible_spells(profile.details.work_history, year)
    if odd:
        jobs = ", ".join(str(i + 1) for i in odd)
        message = gettext(
            IMPLAUSIBLE_SPELL, jobs=jobs, most=WORKING_LIFE_YEARS, first=year - WORKING_LIFE_YEARS
        )
        out.append({"code": "implausible_spell", "field": "work_history", "message": message})
    return out


CONSENT_MADE_OWN = N_(
    "%(orgs)s had consent by the jobseeker's choice (a service voucher's provider) and is listed in "
    "consented_orgs: it is now the jobseeker's own consent and stays when the voucher is withdrawn. If the "
    "jobseeker did not consent on their own, remove it from consented_orgs: it stays consented by the "
    "choice while the voucher lasts."
)
CONSENT_LEFT_TO_CHOICE = N_(
    "%(orgs)s is no longer the jobseeker's own consent: it stays consented by the jobseeker's choice (a "
    "service voucher's provider) while the voucher lasts, and is withdrawn with the voucher."
)


def consent_shown(profile: Profile, by_choice: frozenset[str]) -> dict[str, Any]:
    """A profile answer's consent fields: ``consented_orgs`` the jobseeker's own consent, ``consent_by_choice``
    the organisations consented by a choice alone (outside tester 40, T40-2: both were one list, so a body
    read and sent back turned the choice into the jobseeker's own consent). {} for a withdrawn profile."""
    if profile.details is None:
        return {}
    return {
        "consented_orgs": profile.details.consented_orgs - by_choice,
        "consent_by_choice": by_choice,
    }


def consent_warnings(change: ConsentChange) -> list[dict[str, str]]:
    """Warnings of a ``PUT`` that changed whose consent an organisation consented by a choice holds (field
    ``consented_orgs``): ``consent_made_own`` and ``consent_left_to_choice`` (``ConsentChange``)."""
    out = []
    if change.made_own:
        orgs = ", ".join(sorted(change.made_own))
        out.append(
            {
                "code": "consent_made_own",
                "field": "consented_orgs",
                "message": gettext(CONSENT_MADE_OWN, orgs=orgs),
            }
        )
    if change.left_to_choice:
        orgs = ", ".join(sorted(change.left_to_choice))
        message = gettext(CONSENT_LEFT_TO_CHOICE, orgs=orgs)
        out.append({"code": "consent_left_to_choice", "field": "consented_orgs", "message": message})
    return out


@blp.route("/profiles/<profile_id>", parameters=[PROFILE_ID_PARAMETER])
class ProfileById(MethodView):
    @require_role(Role.COACH, on_denied=audit_denied("profile.write"), kinds=PROFILE_OWNER_KINDS)
    @id_named_with_body
    @blp.arguments(ProfileInSchema)
    @blp.response(200, ProfileOutSchema)
    @blp.alt_response(201, schema=ProfileOutSchema, description="Created")
    @blp.doc(
        parameters=[PROFILE_IF_MATCH_PARAMETER],
        responses={
            "400": {"$ref": "#/components/responses/DEFAULT_ERROR"},
            "412": {"$ref": "#/components/responses/DEFAULT_ERROR"},
            "428": {"$ref": "#/components/responses/DEFAULT_ERROR"},
        },
    )
    def put(self, data: dict[str, Any], profile_id: str) -> Any:
        """Create or replace (upsert) a jobseeker's profile of the caller's organisation; publishes the
        pseudonymous candidate. Ids are per organisation, so the same id in another organisation is
        another jobseeker, never revealed. Within an organisation ids are compared without letter case:
        "T5-CASE" is the profile created as "t5-case". Replacing an existing profile requires
        ``If-Match: "<version>"`` (the ETag you read) so that another coach's change made meanwhile is
        not overwritten unseen (412 instead; 428 without the header, outside tester 14, P16);
        ``If-Match: *`` replaces whatever version is stored, and only a profile that exists (412
        instead of creating one; ``If-None-Match`` is not read). If-Match on an id with no profile
        (never pushed, withdrawn, another organisation's) is a 412 saying there is no such profile,
        not to read it again (outside tester 28, T28-10). Creating needs no ``If-Match``. A body
        read with ``GET`` may be sent back as it is or edited: its read-only fields (``id``,
        ``candidate_id``, ``coach_org``, ``version``, ``created_at``, ``updated_at``) are ignored when
        they are as stored, ``version`` stands for ``If-Match``, and another value of one of them is a
        422 naming the field (outside tester 23, S6)."""
        expected = if_match_version(gettext('If-Match must be a profile version, e.g. "3".'))
        read_only = dict(data["read_only"])
        try:
            expected = version_read(expected, read_only.pop("version", None))
            profile, created, change = handlers().upsert(
                current_principal(),
                checked_id(profile_id),
                data["details"],
                data["status"],
                expected,
                must_exist=if_match_any(),
                read_only=read_only,
                choice_sent=data["choice_sent"],
            )
        except Exception as exc:
            translate(exc)
        extra = {
            **consent_shown(profile, change.by_choice),
            "notices": input_notices(),
            "warnings": warnings_of(profile) + consent_warnings(change),
        }
        return Shown(profile, extra), (201 if created else 200), {"ETag": f'"{profile.version}"'}

    @require_role(Role.COACH, on_denied=audit_denied("profile.read"), kinds=PROFILE_OWNER_KINDS)
    @blp.response(200, ProfileOutSchema)
    def get(self, profile_id: str) -> Any:
        """Read a profile, personal data included (coaches of the owning organisation; audited); its
        version is the ETag (for ``If-Match`` on a later ``PUT``)."""
        try:
            profile, by_choice = handlers().read(current_principal(), checked_id(profile_id))
        except Exception as exc:
            translate(exc)
        return Shown(profile, consent_shown(profile, by_choice)), 200, {"ETag": f'"{profile.version}"'}

    @require_role(Role.COACH, on_denied=audit_denied("profile.withdraw"), kinds=PROFILE_OWNER_KINDS)
    @blp.response(204)
    @blp.doc(
        parameters=[IF_MATCH_PARAMETER],
        responses={
            "400": {"$ref": "#/components/responses/DEFAULT_ERROR"},
            "412": {"$ref": "#/components/responses/DEFAULT_ERROR"},
        },
    )
    def delete(self, profile_id: str) -> None:
        """Withdraw a profile: personal data erased, a tombstone removes the candidate from matching.
        Erasure cannot be undone: send ``If-Match: "<version>"`` (the ETag you read) so that a profile
        changed since you read it is not erased (412 instead). Erasing a profile already withdrawn
        answers 204 again (idempotent: a retry learns that the erasure holds)."""
        expected = if_match_version(gettext('If-Match must be a profile version, e.g. "3".'))
        try:
            handlers().withdraw(current_principal(), checked_id(profile_id), expected)
        except Exception as exc:
            translate(exc)


@blp.route("/contacts/lookup")
class ContactLookup(MethodView):
    @read_by_other_origins  # the meeting page (matching's origin) asks for names; changes nothing
    @rate_limited("contact_lookup", cost=json_list_cost("candidate_ids", cap=MAX_LOOKUP_IDS))
    @require_role(Role.RECRUITER, Role.TEAM_MEMBER, Role.COACH, on_denied=audit_denied("contact.read"))
    @blp.arguments(ContactLookupSchema)
    @blp.response(200, ContactListSchema)
    def post(self, data: dict[str, Any]) -> dict[str, Any]:
        """Names and contact details of the given candidates who consented to the caller's
        organisation, or whose coach the caller is (others are left out). Every lookup is
        audit-logged."""
        cards = handlers().contacts(
            current_principal(), list(dict.fromkeys(data["candidate_ids"])), data["purpose"]
        )
        return {"items": cards}


@blp.route("/audit")
class Audit(MethodView):
    @require_role(*AUDIT_READERS, on_denied=audit_denied("audit.read"))
    @blp.arguments(AuditQuerySchema, location="query")
    @blp.response(200, AuditListSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """The audit log of personal-data access, newest first. A data-protection officer sees its own
        organisation's entries: what its people did and what anyone did with its jobseekers' data. The
        system auditor sees every organisation's. Pages: `limit` entries, then `before=<next>` for the
        older ones; filters by profile, candidate, actor, action and time. Every read is itself an
        entry (`audit.read`, with the profile or candidate it asked about)."""
        caller = current_principal()
        entries = handlers().read_audit(
            caller,
            profile_id=args["profile_id"],
            candidate_id=args["candidate_id"],
            every_identity=args["identities"] == "all",
            actor=args["actor"],
            action=args["action"],
            since=args["since"],
            until=args["until"],
            before=args["before"],
            limit=args["limit"] + 1,
        )
        more = len(entries) > args["limit"]
        entries = entries[: args["limit"]]
        return {"items": entries, "next": entries[-1]["id"] if more else None}
