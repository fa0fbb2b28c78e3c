"""Use cases of service paths and handovers: who may do what, in one transaction with the outbox.

Who may do what (the API translates the errors):

* the coaches of the jobseeker's own organisation (``coach_org``) open, change, hand over and close
  the path, and read it whole (target group and work ability included; audited);
* the people (coach, recruiter, team member) of an organisation responsible for an open step record
  its end and may hand it over to the next organisation;
* the people of a handover's receiving organisation read what it carries (only what the jobseeker
  consented to share; audited), and acknowledge or decline it.

Everything else is ``PathNotFoundError`` (a 404: no existence signal to other organisations).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime

from services.kernel.calendar import local_day
from services.kernel.texts import N_
from services.profile.domain import Profile
from services.profile.paths.access import Clock, new_id, now, own_profile, region
from services.profile.paths.domain import (
    WHOLE_STEP,
    CloseReason,
    EndReason,
    Handover,
    HandoverState,
    InvalidPathError,
    NewStep,
    PathConflictError,
    PathGroup,
    PathNotFoundError,
    PathSight,
    ServicePath,
    StepShown,
    Watch,
    WorkingDays,
    open_path,
    sight,
    step_shown,
)
from services.profile.paths.repository import JourneyUnitOfWork
from shared.auth import Principal, Role
from shared.db import retry_on_conflict

STEP_ROLES = (Role.COACH, Role.RECRUITER, Role.TEAM_MEMBER)


@dataclass(frozen=True, slots=True)
class Jobseeker:
    """What the caller may see of the jobseeker: all ``None`` when nothing was shared."""

    candidate_id: str
    profile_id: str | None = None  # the owning organisation's own id: only for its coaches
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    extra: dict[str, object] | None = None  # skills, languages, ... as shared by a handover


@dataclass(frozen=True, slots=True)
class HandoverView:
    path: ServicePath
    handover: Handover
    jobseeker: Jobseeker
    #: What the reader sees of the sending and of the receiving step (``domain.step_shown``).
    from_shown: StepShown = WHOLE_STEP
    to_shown: StepShown = WHOLE_STEP


@dataclass(frozen=True, slots=True)
class WorkItem:
    path: ServicePath
    watch: Watch
    jobseeker: Jobseeker
    late_working_days: int  # working days the action is late (0 on its first day)


@dataclass(frozen=True, slots=True)
class Worklist:
    day: date
    attention: list[WorkItem]  # the caller's jobseekers (own coach, or the whole organisation)
    incoming: list[HandoverView]  # handovers to the caller's organisation waiting for an answer
    my_steps: list[WorkItem]  # steps the caller is responsible for that are past their planned end


class PathHandlers:
    def __init__(
        self,
        uow_factory: Callable[[], JourneyUnitOfWork],
        calendar: WorkingDays,
        *,
        acknowledge_within: int,
        region_of: Callable[[str], str],
        clock: Clock = now,
        new_id: Callable[[], str] = new_id,
    ) -> None:
        self.uow_factory = uow_factory
        self.calendar = calendar
        self.acknowledge_within = acknowledge_within
        self.region_of = region_of
        self.clock = clock
        self.new_id = new_id

    # -- the owning coaches --------------------------------------------------------------------------
    @retry_on_conflict()  # (at most one open path per jobseeker: a unique index; the retry's answer is the 409)
    def open(
        self,
        caller: Principal,
        profile_id: str,
        group: PathGroup,
        partial_work_ability: bool,
        coach: str | None,
        first_step: NewStep | None,
    ) -> ServicePath:
        now = self.clock()
        with self.uow_factory() as uow:
            profile = own_profile(uow, caller, profile_id)
            if any(p.is_open for p in uow.paths.for_candidate(profile.candidate_id)):
                raise PathConflictError(N_("the jobseeker already has an open path: close it first"))
            path = open_path(
                self.new_id(),
                profile.candidate_id,
                profile.coach_org,
                coach or caller.subject,
                group,
                partial_work_ability,
                region(self.region_of, profile),
                now,
            )
            if first_step is not None:
                _own_step(path, first_step, "first_step")
                path = path.add_step(self.new_id(), first_step, now)
            uow.paths.add(path)
            uow.publish_path(path)
            self._audit(uow, caller, "path.write", profile, path)
            uow.commit()
        return path

    def read(self, caller: Principal, profile_id: str) -> tuple[ServicePath, Profile]:
        """The jobseeker's open path (else the latest closed one), read whole by its own coaches."""
        with self.uow_factory() as uow:
            profile = own_profile(uow, caller, profile_id)
            paths = uow.paths.for_candidate(profile.candidate_id)
            if not paths:
                raise PathNotFoundError(profile_id)
            self._audit(uow, caller, "path.read", profile, paths[0])
            uow.commit()
        return paths[0], profile

    def add_step(self, caller: Principal, path_id: str, new: NewStep) -> PathSight:
        """A step at the path's own organisation (``InvalidPathError`` on ``org`` otherwise: another
        organisation takes a step over by acknowledging a handover)."""

        def add(p: ServicePath, now: datetime) -> ServicePath:
            _own_step(p, new)
            return p.add_step(self.new_id(), new, now)

        return self._change(caller, path_id, add)[1]

    def close(self, caller: Principal, path_id: str, on: date, reason: CloseReason) -> PathSight:
        """Close the path (``ServicePath.close``). Closed as ``employed`` by the jobseeker's own coach,
        it is the hire as a recruiter's ``hired`` outcome is (outside tester 8, J12 aside): in the
        same transaction the profile is marked hired (matching stops shortlisting them), a voucher in
        progress counts as hired when ``on`` falls within its period, and a voucher still waiting
        for the jobseeker's choice of provider is withdrawn (``hired_related``). Closing for another
        reason leaves the profile and its vouchers as they are."""

        def hired(
            uow: JourneyUnitOfWork, profile: Profile | None, closed: ServicePath, now: datetime
        ) -> None:
            if reason is not CloseReason.EMPLOYED or profile is None or closed.closed_on is None:
                return
            marked = profile.mark_hired(now)
            if marked is not profile:
                uow.profiles.save(marked)
                uow.publish_candidate(marked)
                self._audit(uow, caller, "profile.hired", profile, closed)
            uow.hired_related(profile.candidate_id, now, closed.closed_on)

        return self._change(caller, path_id, lambda p, now: p.close(on, reason, now), then=hired)[1]

    def training(
        self, caller: Principal, profile_id: str
    ) -> tuple[str, dict[str, object] | None, datetime | None]:
        """The course suggestions matching sent for the jobseeker (skill gaps on shortage vacancies
        and employers' feedback, with courses): own coaches only, audited."""
        with self.uow_factory() as uow:
            profile = own_profile(uow, caller, profile_id)
            found = uow.training.get(profile.candidate_id)
            uow.audit.record(
                actor=caller.subject,
                role=caller.role,
                org=caller.org,
                action="training.read",
                granted=True,
                profile_id=profile.id,
                subject_org=profile.coach_org,
                candidate_id=profile.candidate_id,
                purpose="training suggestions",
            )
            uow.commit()
        return (profile.candidate_id, *found) if found else (profile.candidate_id, None, None)

    # -- the organisations on the path ---------------------------------------------------------------
    def end_step(
        self, caller: Principal, path_id: str, step_id: str, on: date, reason: EndReason
    ) -> PathSight:
        """End a step (the path's coaches, or the step's organisation). The answer is what the caller's
        organisation may see of the path (``PathSight``), audited as a read."""
        return self._change(
            caller, path_id, lambda p, now: p.end_step(step_id, on, reason, now), step_org_of=step_id
        )[1]

    def send_handover(
        self,
        caller: Principal,
        path_id: str,
        from_step: str,
        to: NewStep,
        *,
        consent: bool,
        shared: Iterable[str],
        purpose: str,
        note: str,
    ) -> tuple[ServicePath, Handover]:
        handover_id = self.new_id()
        path, _ = self._change(
            caller,
            path_id,
            lambda p, now: p.send_handover(
                handover_id,
                self.new_id(),
                from_step,
                to,
                consent=consent,
                shared=shared,
                purpose=purpose,
                note=note,
                sent_by=caller.subject,
                now=now,
                calendar=self.calendar,
                acknowledge_within=self.acknowledge_within,
                by_owner=caller.role is Role.COACH and caller.org == p.coach_org,
            ),
            step_org_of=from_step,
            answer=False,  # the answer is the handover as the caller sees it (``handover``, audited)
        )
        return path, path.handover(handover_id)

    # -- the receiving organisation -------------------------------------------------------------------
    def handover(self, caller: Principal, handover_id: str) -> HandoverView:
        """What the handover carries, as the caller may see it (receiver or sender; audited)."""
        with self.uow_factory() as uow:
            path = uow.paths.handover_path(handover_id)
            if path is None:
                raise PathNotFoundError(handover_id)
            handover = path.handover(handover_id)
            if caller.role not in STEP_ROLES or caller.org not in (
                handover.to_org,
                handover.from_org,
                path.coach_org,
            ):
                raise PathNotFoundError(handover_id)
            profile = self._profile(uow, path.candidate_id)
            view = self._view(caller, path, handover, profile)
            self._audit(uow, caller, "handover.read", profile, path, purpose=f"handover {handover_id}")
            uow.commit()
        return view

    def acknowledge(self, caller: Principal, handover_id: str, person: str | None) -> HandoverView:
        return self._answer(
            caller, handover_id, lambda p, now: p.acknowledge(handover_id, person or caller.subject, now)
        )

    def decline(self, caller: Principal, handover_id: str, reason: str) -> HandoverView:
        return self._answer(
            caller, handover_id, lambda p, now: p.decline(handover_id, caller.subject, reason, now)
        )

    def handovers(self, caller: Principal, *, incoming: bool, state: str | None) -> list[HandoverView]:
        """Handovers to (``incoming``) or from the caller's organisation, oldest first (audited)."""
        views = []
        with self.uow_factory() as uow:
            for handover_id in uow.paths.handovers_of(caller.org, incoming=incoming, state=state):
                path = uow.paths.handover_path(handover_id)
                if path is None:
                    continue
                handover = path.handover(handover_id)
                profile = self._profile(uow, path.candidate_id)
                views.append(self._view(caller, path, handover, profile))
                self._audit(uow, caller, "handover.read", profile, path, purpose=f"handover {handover_id}")
            uow.commit()
        return views

    # -- nobody falls off ----------------------------------------------------------------------------
    def worklist(self, caller: Principal, *, organisation: bool = False) -> Worklist:
        """The caller's list: their jobseekers needing attention today (a coach with ``organisation``
        sees every jobseeker of the organisation), handovers waiting for the caller's organisation,
        and the caller's own steps past their planned end. Names are shown where the caller may see
        them; every jobseeker shown is audited."""
        day = local_day(self.clock())
        with self.uow_factory() as uow:
            attention: list[WorkItem] = []
            if caller.role is Role.COACH:
                paths = uow.paths.open_paths(
                    coach_org=caller.org, coach=None if organisation else caller.subject
                )
                for path in paths:
                    due = path.attention(day)
                    if due:
                        profile = self._profile(uow, path.candidate_id)
                        who = self._owned(profile)
                        attention += [WorkItem(path, w, who, self._late(w, day)) for w in due]
                        self._audit(uow, caller, "worklist.read", profile, path)
            incoming = []
            for handover_id in uow.paths.handovers_of(caller.org, incoming=True, state="pending"):
                routed = uow.paths.handover_path(handover_id)
                if routed is None:
                    continue
                handover = routed.handover(handover_id)
                profile = self._profile(uow, routed.candidate_id)
                incoming.append(self._view(caller, routed, handover, profile))
                self._audit(uow, caller, "worklist.read", profile, routed, purpose=f"handover {handover_id}")
            my_steps = []
            for path in uow.paths.with_step_person(caller.org, caller.subject):
                for w in path.attention(day):
                    if w.person == caller.subject and w.org == caller.org and path.coach != caller.subject:
                        my_steps.append(WorkItem(path, w, Jobseeker(path.candidate_id), self._late(w, day)))
            uow.commit()
        attention.sort(key=lambda i: (i.watch.from_day, i.watch.reason.value, i.path.id))
        return Worklist(day, attention, incoming, my_steps)

    # -- helpers --------------------------------------------------------------------------------------
    def _change(
        self,
        caller: Principal,
        path_id: str,
        change: Callable[[ServicePath, datetime], ServicePath],
        step_org_of: str | None = None,
        then: Callable[[JourneyUnitOfWork, Profile | None, ServicePath, datetime], None] | None = None,
        *,
        answer: bool = True,
    ) -> tuple[ServicePath, PathSight]:
        """Apply ``change`` to the path and publish it; ``then`` runs in the same transaction after it.
        Returns the changed path and what the caller's organisation may see of it (``sight``): with
        ``answer`` that sight is the caller's answer, audited as a ``path.read`` besides the write."""
        now = self.clock()
        with self.uow_factory() as uow:
            path = uow.paths.get(path_id)
            if path is None or not self._may_change(caller, path, step_org_of):
                raise PathNotFoundError(path_id)
            profile = self._profile(uow, path.candidate_id)
            changed = replace(change(path, now), region=region(self.region_of, profile) or path.region)
            uow.paths.save(changed)
            uow.publish_path(changed)
            self._audit(uow, caller, "path.write", profile, changed)
            if then is not None:
                then(uow, profile, changed, now)
            owner = caller.role is Role.COACH and caller.org == changed.coach_org
            seen = sight(
                changed, caller.org, owner=owner, profile_id=profile.id if profile and owner else None
            )
            if answer:
                self._audit(uow, caller, "path.read", profile, changed, purpose=_read_purpose(seen))
            uow.commit()
        return changed, seen

    def _answer(
        self, caller: Principal, handover_id: str, change: Callable[[ServicePath, datetime], ServicePath]
    ) -> HandoverView:
        now = self.clock()
        with self.uow_factory() as uow:
            path = uow.paths.handover_path(handover_id)
            if (
                path is None
                or caller.role not in STEP_ROLES
                or path.handover(handover_id).to_org != caller.org
            ):
                raise PathNotFoundError(handover_id)
            changed = change(path, now)
            uow.paths.save(changed)
            uow.publish_path(changed)
            profile = self._profile(uow, path.candidate_id)
            handover = changed.handover(handover_id)
            self._audit(uow, caller, f"handover.{handover.state.value}", profile, changed)
            view = self._view(caller, changed, handover, profile)
            # the answer shows what the handover carries, as its reads do: audited as one
            self._audit(uow, caller, "handover.read", profile, changed, purpose=f"handover {handover_id}")
            uow.commit()
        return view

    @staticmethod
    def _may_change(caller: Principal, path: ServicePath, step_id: str | None) -> bool:
        if caller.role is Role.COACH and caller.org == path.coach_org:
            return True
        if step_id is None or caller.role not in STEP_ROLES:
            return False
        step = next((s for s in path.steps if s.id == step_id), None)
        return step is not None and step.org == caller.org

    def _view(
        self, caller: Principal, path: ServicePath, h: Handover, profile: Profile | None
    ) -> HandoverView:
        """Handover ``h`` as the caller reads it: the jobseeker (``_shared``) and both steps
        (``step_shown``: a receiver given nothing reads the sending step as "a step at <org>")."""
        owner = caller.role is Role.COACH and caller.org == path.coach_org
        return HandoverView(
            path,
            h,
            self._shared(caller, path, h, profile),
            step_shown(path, path.step(h.from_step), caller.org, owner=owner),
            step_shown(path, path.step(h.to_step), caller.org, owner=owner),
        )

    def _shared(
        self, caller: Principal, path: ServicePath, h: Handover, profile: Profile | None
    ) -> Jobseeker:
        """What the caller sees of the jobseeker through handover ``h``: the owning organisation's
        coaches see their own jobseeker; the receiver only what the jobseeker consented to share;
        the sending step's organisation only what it was itself given (nothing after a withdrawal,
        nothing after the path is closed)."""
        if caller.role is Role.COACH and caller.org == path.coach_org:
            return self._owned(profile) if profile else Jobseeker(path.candidate_id)
        if profile is None or profile.details is None or not h.consent or not h.shared or not path.is_open:
            return Jobseeker(path.candidate_id)
        if h.state is HandoverState.DECLINED:
            return Jobseeker(path.candidate_id)
        d = profile.details
        shared = h.shared if caller.org == h.to_org else h.shared & path.received_by(caller.org)
        if not shared:
            return Jobseeker(path.candidate_id)
        extra: dict[str, object] = {}
        if "skills" in shared:
            extra["skills"] = [{"uri": s.uri, "level": s.level} for s in d.skills]
        if "languages" in shared:
            extra["languages"] = [{"code": x.code, "level": x.level} for x in d.languages]
        if "work_history" in shared:
            extra["work_history"] = [
                {"occupation_uri": e.occupation_uri, "years": e.years, "ended_year": e.ended_year}
                for e in d.work_history
            ]
        if "education" in shared:
            extra["education_level"] = d.education_level.value
        if "target_group" in shared:
            extra["path_group"] = path.group.value
        if "work_ability" in shared:
            extra["partial_work_ability"] = path.partial_work_ability
        contact = "contact" in shared
        return Jobseeker(
            path.candidate_id,
            name=d.personal.name if "name" in shared else None,
            email=d.personal.email if contact else None,
            phone=d.personal.phone if contact else None,
            extra=extra or None,
        )

    @staticmethod
    def _owned(profile: Profile | None) -> Jobseeker:
        if profile is None:
            return Jobseeker("")
        personal = profile.details.personal if profile.details else None
        return Jobseeker(
            profile.candidate_id,
            profile.id,
            personal.name if personal else None,
            personal.email if personal else None,
            personal.phone if personal else None,
        )

    def _late(self, w: Watch, day: date) -> int:
        return self.calendar.between(w.from_day, day)

    @staticmethod
    def _profile(uow: JourneyUnitOfWork, candidate_id: str) -> Profile | None:
        found = uow.profiles.by_candidate([candidate_id])
        return found[0] if found else None

    @staticmethod
    def _audit(
        uow: JourneyUnitOfWork,
        caller: Principal,
        action: str,
        profile: Profile | None,
        path: ServicePath,
        purpose: str | None = None,
    ) -> None:
        uow.audit.record(
            actor=caller.subject,
            role=caller.role,
            org=caller.org,
            action=action,
            granted=True,
            # Stored for the profile's own organisation whoever acted; AuditLog.entries hides it
            # from the others.
            profile_id=profile.id if profile else None,
            subject_org=profile.coach_org if profile else None,
            candidate_id=path.candidate_id,
            purpose=purpose or f"service path {path.id}",
        )


def _read_purpose(seen: PathSight) -> str:
    """The audit purpose of a change's answer: what of the path the caller was shown."""
    if seen.whole:
        return f"service path {seen.path.id} (answer to a change, whole)"
    shown = [
        name
        for name, value in (("target group", seen.group), ("work ability", seen.partial_work_ability))
        if value is not None
    ]
    extra = f", with {' and '.join(shown)} as shared" if shown else ""
    return f"service path {seen.path.id} (answer to a change: own steps and handovers{extra})"


def _own_step(path: ServicePath, new: NewStep, field_name: str | None = None) -> None:
    """Raise ``InvalidPathError`` when a coach puts a step on another organisation than the path's:
    that organisation would become the one who must act without having agreed (outside tester 8,
    J14). The handover (``POST /paths/{path_id}/handovers``) asks for its acknowledgement instead."""
    if new.org == path.coach_org:
        return
    reason = [
        N_(
            "A step at another organisation is added by a handover (POST /api/v1/paths/%(path)s/handovers): "
            "it becomes that organisation's once it acknowledges."
        )
        % {"path": path.id}
    ]
    raise InvalidPathError({f"{field_name}.org" if field_name else "org": reason})
