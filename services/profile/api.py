"""HTTP endpoints of the profile service."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, NoReturn

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from services.profile.domain import (
    EducationLevel,
    Experience,
    InvalidProfileError,
    Language,
    NotPermittedError,
    PersonalData,
    Profile,
    ProfileDetails,
    ProfileNotFoundError,
    ProfileWithdrawnError,
    SkillEntry,
    TargetGroup,
)
from services.profile.handlers import ProfileHandlers
from services.profile.schemas import (
    AuditQuerySchema,
    ContactListSchema,
    ContactLookupSchema,
    ProfileInSchema,
    ProfileOutSchema,
)
from shared.auth import Role, current_principal, require_role
from shared.http import abort
from shared.schemas import input_notices

blp = Blueprint(
    "profiles",
    __name__,
    url_prefix="/api/v1",
    description="Coaches push, update and withdraw jobseekers' profiles.",
)


def handlers() -> ProfileHandlers:
    return current_app.extensions["kohtaanto.profile.handlers"]


def to_details(data: dict[str, Any]) -> ProfileDetails:
    return ProfileDetails(
        personal=PersonalData(**data["personal"]),
        skills=tuple(SkillEntry(s["uri"], s["level"]) for s in data["skills"]),
        suggested_skills=tuple(dict.fromkeys(data["suggested_skills"])),
        work_history=tuple(Experience(**e) for e in data["work_history"]),
        education_level=EducationLevel(data["education_level"]),
        languages=tuple(Language(x["code"], x["level"]) for x in data["languages"]),
        municipality=data["municipality"],
        max_commute_km=data["max_commute_km"],
        available_from=data["available_from"],
        working_time=data["working_time"],
        target_groups=tuple(TargetGroup(t) for t in dict.fromkeys(data["target_groups"])),
        consented_orgs=frozenset(data["consented_orgs"]),
    )


def to_dict(p: Profile) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": p.id,
        "candidate_id": p.candidate_id,
        "coach_org": p.coach_org,
        "status": p.status.value,
        "version": p.version,
        "created_at": p.created_at,
        "updated_at": p.updated_at,
    }
    if p.details is not None:
        body.update(p.details.to_dict())
    return body


def translate(exc: Exception, *, hide_existence: bool = False) -> NoReturn:
    if isinstance(exc, ProfileNotFoundError) or (hide_existence and isinstance(exc, NotPermittedError)):
        abort(404, message="No such profile.")
    if isinstance(exc, NotPermittedError):
        abort(403, message="Only coaches of the organisation that owns a profile may change it.")
    if isinstance(exc, ProfileWithdrawnError):
        abort(409, message="The profile has been withdrawn.")
    if isinstance(exc, InvalidProfileError):
        abort(422, message="The profile breaks a rule.", errors={"json": exc.errors})
    raise exc


@blp.route("/profiles/<profile_id>")
class ProfileById(MethodView):
    @require_role(Role.COACH)
    @blp.arguments(ProfileInSchema)
    @blp.response(200, ProfileOutSchema)
    @blp.alt_response(201, schema=ProfileOutSchema, description="Created")
    def put(self, data: dict[str, Any], profile_id: str) -> Any:
        """Create or replace (upsert) a jobseeker's profile; publishes the pseudonymous candidate."""
        if not 1 <= len(profile_id) <= 64:
            abort(422, message="Invalid profile id.", errors={"path": {"profile_id": ["1–64 characters."]}})
        try:
            profile, created = handlers().upsert(current_principal(), profile_id, to_details(data))
        except Exception as exc:
            translate(exc)
        return {**to_dict(profile), "notices": input_notices()}, (201 if created else 200)

    @require_role(Role.COACH)
    @blp.response(200, ProfileOutSchema)
    def get(self, profile_id: str) -> Any:
        """Read a profile, personal data included (coaches of the owning organisation; audited)."""
        try:
            return to_dict(handlers().read(current_principal(), profile_id))
        except Exception as exc:
            translate(exc, hide_existence=True)

    @require_role(Role.COACH)
    @blp.response(204)
    def delete(self, profile_id: str) -> None:
        """Withdraw a profile: personal data erased, a tombstone removes the candidate from matching."""
        try:
            handlers().withdraw(current_principal(), profile_id)
        except Exception as exc:
            translate(exc, hide_existence=True)


@blp.route("/contacts/lookup")
class ContactLookup(MethodView):
    @require_role(Role.RECRUITER, Role.TEAM_MEMBER, Role.COACH)
    @blp.arguments(ContactLookupSchema)
    @blp.response(200, ContactListSchema)
    def post(self, data: dict[str, Any]) -> dict[str, Any]:
        """Names and contact details of the given candidates who consented to the caller's
        organisation (others are left out). Every lookup is audit-logged."""
        cards = handlers().contacts(
            current_principal(), list(dict.fromkeys(data["candidate_ids"])), data["purpose"]
        )
        return {"items": [asdict(c) for c in cards]}


@blp.route("/audit")
class Audit(MethodView):
    @require_role(Role.OPERATOR)
    @blp.arguments(AuditQuerySchema, location="query")
    def get(self, args: dict[str, Any]) -> Any:
        """The audit log of personal-data access (operators only)."""
        with handlers().uow_factory() as uow:
            entries = uow.audit.entries(profile_id=args["profile_id"], limit=args["limit"])
        for entry in entries:
            entry["at"] = entry["at"].isoformat()
        return {"items": entries}
