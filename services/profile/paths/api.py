"""HTTP endpoints of service paths, handovers and the coach's worklist."""

from __future__ import annotations

from datetime import date
from typing import Any, NoReturn

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from services.kernel.calendar import local_day
from services.kernel.texts import N_
from services.profile.api import PROFILE_ID_PARAMETER, checked_id, id_named_with_body
from services.profile.paths.domain import (
    WHOLE_STEP,
    CloseReason,
    EndReason,
    Handover,
    InvalidPathError,
    NewStep,
    PathConflictError,
    PathGroup,
    PathNotFoundError,
    PathSight,
    Step,
    StepKind,
    StepShown,
    Watch,
    sight,
)
from services.profile.paths.handlers import HandoverView, Jobseeker, PathHandlers, WorkItem
from services.profile.paths.schemas import (
    AcknowledgeSchema,
    CloseSchema,
    DeclineSchema,
    EndStepSchema,
    HandoverInSchema,
    HandoverListSchema,
    HandoverOutSchema,
    HandoverQuerySchema,
    PathInSchema,
    PathOutSchema,
    StepInSchema,
    TrainingOutSchema,
    WorklistQuerySchema,
    WorklistSchema,
)
from shared.auth import Role, current_principal, require_role
from shared.entitlement import PROFILE_OWNER_KINDS
from shared.http import abort
from shared.idempotency import idempotent

blp = Blueprint(
    "paths",
    __name__,
    url_prefix="/api/v1",
    description="Service paths through the employment ecosystem, handovers between organisations, "
    "and the coach's list of jobseekers who must not fall off.",
)
STEP_ROLES = (Role.COACH, Role.RECRUITER, Role.TEAM_MEMBER)


def paths() -> PathHandlers:
    return current_app.extensions["kohtaanto.profile.paths"]


def translate(exc: Exception) -> NoReturn:
    if isinstance(exc, PathNotFoundError):
        abort(404, message=N_("No such path, step or handover (or not yours to see)."))
    if isinstance(exc, PathConflictError):
        abort(409, message=str(exc))
    if isinstance(exc, InvalidPathError):
        abort(422, message=N_("The change breaks a rule of the path."), errors={"json": exc.errors})
    raise exc


def new_step(data: dict[str, Any]) -> NewStep:
    return NewStep(
        StepKind(data["kind"]),
        data["org"],
        data["starts_on"],
        data["planned_end"],
        data["person"],
        data["workplace_org"],
        data["course_id"],
    )


def step_dict(s: Step, today: date, shown: StepShown = WHOLE_STEP) -> dict[str, Any]:
    """The step as its reader may see it (``shown``, ``domain.step_shown``): what is not shown is
    null, the id and organisation always are (outside tester 28, T28-5)."""
    details = shown.details
    return {
        "id": s.id,
        "kind": s.kind.value if shown.kind else None,
        "org": s.org,
        "person": s.person if details else None,
        "starts_on": s.starts_on if details else None,
        "planned_end": s.planned_end if details else None,
        "state": s.state.value if details else None,
        "status_today": s.status_on(today) if details else None,
        "ended_on": s.ended_on if details else None,
        "end_reason": s.end_reason.value if s.end_reason and details else None,
        "workplace_org": s.workplace_org if details else None,
        "course_id": s.course_id if details else None,
        "voucher_id": s.voucher_id if shown.kind and details else None,
    }


def watch_dict(w: Watch) -> dict[str, Any]:
    return {"reason": w.reason.value, "since": w.from_day, "org": w.org, "person": w.person, "ref": w.ref}


def handover_summary(h: Handover) -> dict[str, Any]:
    return {
        "id": h.id,
        "from_step": h.from_step,
        "to_step": h.to_step,
        "from_org": h.from_org,
        "to_org": h.to_org,
        "sent_at": h.sent_at,
        "sent_by": h.sent_by,
        "acknowledge_by": h.acknowledge_by,
        "state": h.state.value,
        "consent": h.consent,
        "shared": sorted(h.shared),
        "answered_at": h.answered_at,
        "answered_by": h.answered_by,
        "decline_reason": h.decline_reason,
    }


def path_dict(seen: PathSight, today: date) -> dict[str, Any]:
    """The path as the caller's organisation may see it (``PathSight``: whole for its own coaches)."""
    p = seen.path
    return {
        "id": p.id,
        "profile_id": seen.profile_id,
        "candidate_id": p.candidate_id,
        "coach_org": p.coach_org,
        "coach": seen.coach,
        "group": seen.group.value if seen.group else None,
        "partial_work_ability": seen.partial_work_ability,
        "opened_on": p.opened_on,
        "closed_on": p.closed_on,
        "close_reason": p.close_reason.value if p.close_reason else None,
        "version": p.version,
        "whole": seen.whole,
        "steps": [step_dict(s, today, seen.shown.get(s.id, WHOLE_STEP)) for s in seen.steps],
        "handovers": [handover_summary(h) for h in seen.handovers],
        "attention": [watch_dict(w) for w in seen.attention(today)],
        "watch": [watch_dict(w) for w in seen.watch],
    }


def jobseeker_dict(j: Jobseeker) -> dict[str, Any]:
    return {
        "candidate_id": j.candidate_id,
        "profile_id": j.profile_id,
        "name": j.name,
        "email": j.email,
        "phone": j.phone,
        "shared": j.extra,
    }


def handover_dict(v: HandoverView, today: date) -> dict[str, Any]:
    h = v.handover
    sees = v.jobseeker.name is not None or v.jobseeker.extra is not None or v.jobseeker.profile_id is not None
    return {
        **handover_summary(h),
        "path_id": v.path.id,
        "from_step_detail": step_dict(v.path.step(h.from_step), today, v.from_shown),
        "step": step_dict(v.path.step(h.to_step), today, v.to_shown),
        "purpose": h.purpose if sees else "",
        "note": h.note if sees else "",
        "overdue": h.state.value == "pending" and today > h.acknowledge_by,
        "jobseeker": jobseeker_dict(v.jobseeker),
    }


def item_dict(i: WorkItem) -> dict[str, Any]:
    return {
        "path_id": i.path.id,
        "jobseeker": jobseeker_dict(i.jobseeker),
        "reason": i.watch.reason.value,
        "since": i.watch.from_day,
        "org": i.watch.org,
        "person": i.watch.person,
        "ref": i.watch.ref,
        "late_working_days": i.late_working_days,
    }


def today() -> date:
    return local_day(paths().clock())


@blp.route("/profiles/<profile_id>/path", parameters=[PROFILE_ID_PARAMETER])
class PathOfProfile(MethodView):
    @require_role(Role.COACH, kinds=PROFILE_OWNER_KINDS)
    @idempotent
    @id_named_with_body
    @blp.arguments(PathInSchema)
    @blp.response(201, PathOutSchema)
    def post(self, data: dict[str, Any], profile_id: str) -> Any:
        """Open a service path for a jobseeker of the caller's organisation (coaches; 409 when one is
        open). Publishes ``path.updated`` (who must act from when; no target group or work ability)."""
        first = new_step(data["first_step"]) if data["first_step"] else None
        try:
            path = paths().open(
                current_principal(),
                checked_id(profile_id),
                PathGroup(data["group"]),
                data["partial_work_ability"],
                data["coach"],
                first,
            )
        except Exception as exc:
            translate(exc)
        return path_dict(sight(path, path.coach_org, owner=True, profile_id=profile_id), today())

    @require_role(Role.COACH, kinds=PROFILE_OWNER_KINDS)
    @blp.response(200, PathOutSchema)
    def get(self, profile_id: str) -> Any:
        """The jobseeker's open path (else the latest closed), whole: the own organisation's coaches
        only (audited). ``attention`` lists who must act today."""
        try:
            path, _ = paths().read(current_principal(), checked_id(profile_id))
        except Exception as exc:
            translate(exc)
        return path_dict(sight(path, path.coach_org, owner=True, profile_id=profile_id), today())


@blp.route("/profiles/<profile_id>/training", parameters=[PROFILE_ID_PARAMETER])
class TrainingOfProfile(MethodView):
    @require_role(Role.COACH, kinds=PROFILE_OWNER_KINDS)
    @blp.response(200, TrainingOutSchema)
    def get(self, profile_id: str) -> Any:
        """Training and apprenticeships for the essential skills the jobseeker lacks: per open
        shortage vacancy the jobseeker nearly matches, and per employer who did not hire them for lack
        of skills, the courses that cover most of the gap, nearest and soonest first (computed by
        matching from its training catalogue, sent pseudonymously; own coaches only, audited).
        Empty ``gaps`` when there is nothing to suggest."""
        caller = current_principal()
        try:
            candidate_id, found, at = paths().training(caller, checked_id(profile_id))
        except Exception as exc:
            translate(exc)
        gaps = found.get("gaps", []) if found else []
        return {"profile_id": profile_id, "candidate_id": candidate_id, "updated_at": at, "gaps": gaps}


@blp.route("/paths/<path_id>/steps")
class Steps(MethodView):
    @require_role(Role.COACH, kinds=PROFILE_OWNER_KINDS)
    @idempotent
    @blp.arguments(StepInSchema)
    @blp.response(201, PathOutSchema)
    def post(self, data: dict[str, Any], path_id: str) -> Any:
        """Add a step at the path's own organisation (the path's own coaches). A step at another
        organisation is added by a handover instead (``POST /paths/{path_id}/handovers``): another
        ``org`` is a 422 on ``org``; it becomes that organisation's once it acknowledges."""
        try:
            seen = paths().add_step(current_principal(), path_id, new_step(data))
        except Exception as exc:
            translate(exc)
        return path_dict(seen, today())


@blp.route("/paths/<path_id>/steps/<step_id>/end")
class EndStep(MethodView):
    @require_role(*STEP_ROLES)
    @blp.arguments(EndStepSchema)
    @blp.response(200, PathOutSchema)
    def post(self, data: dict[str, Any], path_id: str, step_id: str) -> Any:
        """Record that a step ended (the path's coaches, or the step's own organisation). The answer is
        the path as the caller's organisation may see it: whole for the path's own coaches; for a
        step's organisation only its own steps, the handovers to or from it and the steps they link,
        its own watch points, and the target group and work ability only where a handover shared
        them with it with consent (else null; ``coach`` and ``profile_id`` null). Audited as a read."""
        try:
            seen = paths().end_step(
                current_principal(), path_id, step_id, data["ended_on"] or today(), EndReason(data["reason"])
            )
        except Exception as exc:
            translate(exc)
        return path_dict(seen, today())


@blp.route("/paths/<path_id>/close")
class ClosePath(MethodView):
    @require_role(Role.COACH, kinds=PROFILE_OWNER_KINDS)
    @blp.arguments(CloseSchema)
    @blp.response(200, PathOutSchema)
    def post(self, data: dict[str, Any], path_id: str) -> Any:
        """Close the path (employed, went on to a degree, moved…): open steps that have begun end on
        ``closed_on``, steps not yet begun are cancelled, pending handovers are withdrawn and nobody
        is chased any more. ``closed_on`` (default today) is today at the latest, not before the
        path was opened, nor before a begun step started or an ended step ended (422 on
        ``closed_on``). Closed as ``employed``, it is the jobseeker's hire on ``closed_on``, as a
        recruiter's ``hired`` outcome is: the profile is marked hired (no longer shortlisted), a
        voucher in progress counts as hired within its period, and a voucher still waiting for the
        choice of a provider is withdrawn. Other reasons leave the profile and vouchers as they are."""
        try:
            seen = paths().close(
                current_principal(), path_id, data["closed_on"] or today(), CloseReason(data["reason"])
            )
        except Exception as exc:
            translate(exc)
        return path_dict(seen, today())


@blp.route("/paths/<path_id>/handovers")
class SendHandover(MethodView):
    @require_role(*STEP_ROLES)
    @idempotent
    @blp.arguments(HandoverInSchema)
    @blp.response(201, HandoverOutSchema)
    def post(self, data: dict[str, Any], path_id: str) -> Any:
        """Hand the jobseeker over to another organisation's step (the path's coaches, or the current
        step's organisation). The sending step stays open until the receiver acknowledges; after the
        configured number of working days without an answer the handover appears on the receiver's
        and the coach's lists and in the weekly meeting's follow-ups. ``shared`` needs ``consent``."""
        caller = current_principal()
        try:
            _, handover = paths().send_handover(
                caller,
                path_id,
                data["from_step"],
                new_step(data["to"]),
                consent=data["consent"],
                shared=data["shared"],
                purpose=data["purpose"],
                note=data["note"],
            )
            view = paths().handover(caller, handover.id)
        except Exception as exc:
            translate(exc)
        return handover_dict(view, today())


@blp.route("/handovers")
class Handovers(MethodView):
    @require_role(*STEP_ROLES)
    @blp.arguments(HandoverQuerySchema, location="query")
    @blp.response(200, HandoverListSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """Handovers to (``incoming``) or from the caller's organisation; each shows only what the
        jobseeker consented to share with the receiver (audited)."""
        state = None if args["state"] == "any" else args["state"]
        views = paths().handovers(current_principal(), incoming=args["direction"] == "incoming", state=state)
        return {"items": [handover_dict(v, today()) for v in views]}


@blp.route("/handovers/<handover_id>")
class HandoverById(MethodView):
    @require_role(*STEP_ROLES)
    @blp.response(200, HandoverOutSchema)
    def get(self, handover_id: str) -> Any:
        """One handover as the caller may see it (the receiving or the sending organisation; audited)."""
        try:
            return handover_dict(paths().handover(current_principal(), handover_id), today())
        except Exception as exc:
            translate(exc)


@blp.route("/handovers/<handover_id>/acknowledge")
class Acknowledge(MethodView):
    @require_role(*STEP_ROLES)
    @blp.arguments(AcknowledgeSchema)
    @blp.response(200, HandoverOutSchema)
    def post(self, data: dict[str, Any], handover_id: str) -> Any:
        """The receiving organisation takes the jobseeker over: its step opens with ``person``
        responsible and the sending step ends (409 when already answered)."""
        try:
            return handover_dict(
                paths().acknowledge(current_principal(), handover_id, data["person"]), today()
            )
        except Exception as exc:
            translate(exc)


@blp.route("/handovers/<handover_id>/decline")
class Decline(MethodView):
    @require_role(*STEP_ROLES)
    @blp.arguments(DeclineSchema)
    @blp.response(200, HandoverOutSchema)
    def post(self, data: dict[str, Any], handover_id: str) -> Any:
        """The receiving organisation cannot take the jobseeker: the proposed step is cancelled and
        the sending organisation stays responsible. The ``reason`` is shown to the sending
        organisation: one with an identity code, e-mail, phone number or street address is a 422."""
        try:
            return handover_dict(paths().decline(current_principal(), handover_id, data["reason"]), today())
        except Exception as exc:
            translate(exc)


@blp.route("/worklist")
class Worklist(MethodView):
    @require_role(*STEP_ROLES)
    @blp.arguments(WorklistQuerySchema, location="query")
    @blp.response(200, WorklistSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """The caller's list so that nobody falls off: a coach's jobseekers with no open step, a step
        past its planned end or a handover not acknowledged in time (``scope=organisation``: every
        jobseeker of the organisation); handovers waiting for the caller's organisation; the caller's
        own steps past their end. Names where the caller may see them; audited."""
        caller = current_principal()
        work = paths().worklist(caller, organisation=args["scope"] == "organisation")
        return {
            "day": work.day,
            "attention": [item_dict(i) for i in work.attention],
            "incoming": [handover_dict(v, work.day) for v in work.incoming],
            "my_steps": [item_dict(i) for i in work.my_steps],
        }
