"""A jobseeker's service path through the employment ecosystem, its steps and handovers, and the
"nobody falls off" rule. Pure Python: no Flask, SQL, Kafka or marshmallow.

A path belongs to one jobseeker (by pseudonymous candidate id) and to the coach's organisation; its
steps are services (coaching, training, a work trial, a subsidised job, recruitment by a provider…),
each with the organisation and person responsible, a start and a planned end. A **handover** ends a
step at one organisation and starts the next at another: the sending organisation stays responsible
(its step stays open) until the receiving organisation acknowledges; then the sending step ends and
the receiving step starts with the person who took it over.

**Nobody falls off.** ``watch_points`` lists, for an open path, the moments from which someone must
act if nothing changes: a step past its planned end, a handover not acknowledged within the
configured number of working days, or a path with no open step at all. ``attention(day)`` keeps
those whose moment has come. Every change of the path recomputes them, so a published copy of the
watch points (no special-category data in it) lets another service tell, for any later day, who
needs attention, without knowing the rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol

from services.kernel.calendar import local_day
from services.kernel.texts import N_


class PathError(Exception):
    """Base of the service-path errors."""


class PathNotFoundError(PathError):
    pass


class PathConflictError(PathError):
    """The change does not fit the path's current state (e.g. a second open path, an ended step)."""


class InvalidPathError(PathError):
    """A rule across fields is broken; ``errors`` maps field names to reasons."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("; ".join(f"{k}: {', '.join(v)}" for k, v in errors.items()))
        self.errors = errors


class PathGroup(StrEnum):
    """The employment ecosystem's service paths (target groups). Special-category when it reveals
    health (partial work ability); never leaves the profile service."""

    LONG_TERM_UNEMPLOYED = "long_term_unemployed"  # and people with partial work ability
    YOUNG_PEOPLE = "young_people"
    IMMIGRANTS = "immigrants"
    RECENTLY_LAID_OFF = "recently_laid_off"
    HIGHLY_EDUCATED_OVER_50 = "highly_educated_over_50"


class StepKind(StrEnum):
    COACHING = "coaching"
    TRAINING = "training"
    APPRENTICESHIP = "apprenticeship"
    LANGUAGE_TRAINING = "language_training"
    WORK_TRIAL = "work_trial"
    SUBSIDISED_JOB = "subsidised_job"
    REHABILITATION = "rehabilitation"
    RECRUITMENT_BY_PROVIDER = "recruitment_by_provider"


#: A step kind as people read it (translated where it is shown: the rating form, ``to_rate``).
STEP_KIND_LABELS = {
    StepKind.COACHING: N_("Coaching"),
    StepKind.TRAINING: N_("Training"),
    StepKind.APPRENTICESHIP: N_("Apprenticeship training"),
    StepKind.LANGUAGE_TRAINING: N_("Language training"),
    StepKind.WORK_TRIAL: N_("Work trial"),
    StepKind.SUBSIDISED_JOB: N_("Subsidised job"),
    StepKind.REHABILITATION: N_("Rehabilitation"),
    StepKind.RECRUITMENT_BY_PROVIDER: N_("Recruitment by a service provider"),
}


class StepState(StrEnum):
    PENDING = "pending"  # proposed by a handover, waiting for the receiver's acknowledgement
    OPEN = "open"  # active from its start day (upcoming before it)
    ENDED = "ended"
    CANCELLED = "cancelled"  # a declined handover's step, or a step the coach called off


#: The states' values as catalogue words: a refusal naming a state ("step s-1 is ended") shows it translated
STATE_WORDS = (N_("pending"), N_("open"), N_("ended"), N_("cancelled"), N_("acknowledged"), N_("declined"))


class EndReason(StrEnum):
    COMPLETED = "completed"
    INTERRUPTED = "interrupted"
    EMPLOYED = "employed"
    HANDED_OVER = "handed_over"


class HandoverState(StrEnum):
    PENDING = "pending"
    ACKNOWLEDGED = "acknowledged"
    DECLINED = "declined"


class CloseReason(StrEnum):
    EMPLOYED = "employed"
    EDUCATION = "education"  # went on to a degree
    MOVED = "moved"
    OTHER = "other"


class Reason(StrEnum):
    """Why a path needs attention."""

    NO_ACTIVE_STEP = "no_active_step"
    STEP_OVERDUE = "step_overdue"
    HANDOVER_UNACKNOWLEDGED = "handover_unacknowledged"


#: What a handover may share with the receiving organisation, with the jobseeker's consent.
#: ``work_ability`` and ``target_group`` are special-category data: they need a stated purpose too.
SHAREABLE = (
    "name",
    "contact",
    "skills",
    "languages",
    "work_history",
    "education",
    "work_ability",
    "target_group",
)
SPECIAL_CATEGORY = frozenset({"work_ability", "target_group"})


class WorkingDays(Protocol):
    """A working-day calendar (weekends and public holidays off)."""

    def add(self, day: date, working_days: int) -> date:
        """The working day ``working_days`` working days after ``day``."""
        ...

    def between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end``."""
        ...


@dataclass(frozen=True, slots=True)
class Step:
    id: str
    kind: StepKind
    org: str  # the organisation responsible
    person: str | None  # the person responsible (user id); None until a handover is acknowledged
    starts_on: date
    planned_end: date
    state: StepState = StepState.OPEN
    ended_on: date | None = None
    end_reason: EndReason | None = None
    workplace_org: str | None = None  # the employer where a work trial or subsidised job happens
    course_id: str | None = None
    voucher_id: str | None = None

    @property
    def is_open(self) -> bool:
        return self.state in (StepState.OPEN, StepState.PENDING)

    def has_begun(self, day: date) -> bool:
        """Whether the service was received by ``day``: an open step from its start day on, or an
        ended one. Only such a step is rated (a pending, upcoming or cancelled one is not)."""
        return self.state is StepState.ENDED or (self.state is StepState.OPEN and day >= self.starts_on)

    def status_on(self, day: date) -> str:
        """``pending``, ``upcoming``, ``active``, ``overdue``, ``ended`` or ``cancelled`` on ``day``."""
        if self.state is not StepState.OPEN:
            return self.state.value
        if day < self.starts_on:
            return "upcoming"
        return "overdue" if day > self.planned_end else "active"


@dataclass(frozen=True, slots=True)
class Handover:
    id: str
    from_step: str
    to_step: str
    from_org: str
    to_org: str
    sent_at: datetime
    sent_by: str
    acknowledge_by: date  # the last working day for the receiver to acknowledge
    consent: bool  # the jobseeker consented to the receiver seeing what ``shared`` names
    shared: frozenset[str] = frozenset()
    purpose: str = ""  # why special-category data is shared (required when it is)
    note: str = ""
    state: HandoverState = HandoverState.PENDING
    answered_at: datetime | None = None
    answered_by: str | None = None
    decline_reason: str = ""


@dataclass(frozen=True, slots=True)
class Watch:
    """From ``from_day`` on (if nothing changes), ``org`` (``person``, when known) must act."""

    reason: Reason
    from_day: date
    org: str
    person: str | None
    ref: str  # the step or handover concerned, or the path


#: How far from today a step may lie (days): recorded up to two years back, planned up to three ahead.
STEP_DAYS_BEHIND, STEP_DAYS_AHEAD = 2 * 365, 3 * 365


@dataclass(frozen=True, slots=True)
class NewStep:
    """A step as a coach or a handover describes it, before it has an id."""

    kind: StepKind
    org: str
    starts_on: date
    planned_end: date
    person: str | None = None
    workplace_org: str | None = None
    course_id: str | None = None
    voucher_id: str | None = None

    def check(self, today: date, field_name: str = "step") -> None:
        """Raise ``InvalidPathError`` for an end before the start, a step longer than three years,
        or one starting more than `STEP_DAYS_BEHIND` days before `today` or ending more than
        `STEP_DAYS_AHEAD` after it (a mistyped "0026" for "2026": an outside tester's step of year 1
        put 526,999 late working days on the coach's worklist)."""
        if self.planned_end < self.starts_on:
            raise InvalidPathError({field_name: [N_("The planned end is before the start.")]})
        if (self.planned_end - self.starts_on).days > 3 * 366:
            raise InvalidPathError({field_name: [N_("A step lasts at most three years: split it.")]})
        if (today - self.starts_on).days > STEP_DAYS_BEHIND:
            raise InvalidPathError({field_name: [N_("The step starts more than two years in the past.")]})
        if (self.planned_end - today).days > STEP_DAYS_AHEAD:
            raise InvalidPathError({field_name: [N_("The step ends more than three years ahead.")]})


@dataclass(frozen=True, slots=True)
class ServicePath:
    id: str
    candidate_id: str
    coach_org: str
    coach: str  # the jobseeker's own coach (user id), responsible for the whole path
    group: PathGroup
    partial_work_ability: bool
    opened_on: date
    steps: tuple[Step, ...] = ()
    handovers: tuple[Handover, ...] = ()
    closed_on: date | None = None
    close_reason: CloseReason | None = None
    version: int = 1
    region: str = ""  # of the jobseeker's home municipality (for the weekly meeting)
    updated_at: datetime | None = field(default=None, compare=False)

    # -- reading -----------------------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    def step(self, step_id: str) -> Step:
        for s in self.steps:
            if s.id == step_id:
                return s
        raise PathNotFoundError(f"step {step_id}")

    def handover(self, handover_id: str) -> Handover:
        for h in self.handovers:
            if h.id == handover_id:
                return h
        raise PathNotFoundError(f"handover {handover_id}")

    def orgs(self) -> set[str]:
        """Every organisation that has or had a step on this path."""
        return {s.org for s in self.steps} | {h.to_org for h in self.handovers}

    # -- changing (each returns a new path, version + 1) ------------------------------------------
    def add_step(self, step_id: str, new: NewStep, now: datetime) -> ServicePath:
        self._must_be_open()
        new.check(local_day(now))
        step = Step(
            step_id,
            new.kind,
            new.org,
            new.person,
            new.starts_on,
            new.planned_end,
            workplace_org=new.workplace_org,
            course_id=new.course_id,
            voucher_id=new.voucher_id,
        )
        return self._changed(now, steps=(*self.steps, step))

    def end_step(self, step_id: str, on: date, reason: EndReason, now: datetime) -> ServicePath:
        self._must_be_open()
        step = self.step(step_id)
        if step.state is not StepState.OPEN:
            raise PathConflictError(
                N_("step %(id)s is %(state)s") % {"id": step_id, "state": step.state.value}
            )
        if on < step.starts_on:
            raise InvalidPathError({"ended_on": [N_("A step cannot end before it starts.")]})
        if on > local_day(now):
            raise InvalidPathError(
                {"ended_on": [N_("A step ends today at the latest: record its end when it happens.")]}
            )
        if any(h.from_step == step_id and h.state is HandoverState.PENDING for h in self.handovers):
            raise PathConflictError(
                N_("step %(id)s is being handed over: wait for the answer") % {"id": step_id}
            )
        ended = replace(step, state=StepState.ENDED, ended_on=on, end_reason=reason)
        return self._changed(now, steps=self._with(ended))

    def send_handover(
        self,
        handover_id: str,
        step_id: str,
        from_step: str,
        to: NewStep,
        *,
        consent: bool,
        shared: Iterable[str],
        purpose: str,
        note: str,
        sent_by: str,
        now: datetime,
        calendar: WorkingDays,
        acknowledge_within: int,
        by_owner: bool,
    ) -> ServicePath:
        """Propose the next step at another organisation; the current step stays open (and its
        organisation responsible) until the receiver acknowledges.

        ``by_owner`` (no default: every caller says who sends): sent by a coach of the organisation
        that owns the path (records the jobseeker's consent to share anything). Any other sender is a step's organisation: it may pass on only what
        handovers gave it (``received_by``), whatever consent it declares. Raises ``InvalidPathError``
        with field reasons."""
        self._must_be_open()
        source = self.step(from_step)
        errors: dict[str, list[str]] = {}
        chosen = frozenset(shared)
        held = None if by_owner else self.received_by(source.org)
        if source.state is not StepState.OPEN:
            errors["from_step"] = [
                N_("The step is %(state)s: only an open step is handed over.") % {"state": source.state.value}
            ]
        elif any(h.from_step == from_step and h.state is HandoverState.PENDING for h in self.handovers):
            errors["from_step"] = [N_("The step already has a handover waiting for an answer.")]
        if to.org == source.org:
            errors["to.org"] = [N_("A handover goes to another organisation; add a step instead.")]
        if chosen - set(SHAREABLE):
            errors["shared"] = [N_("Only %(items)s may be shared.") % {"items": ", ".join(SHAREABLE)}]
        if chosen and not consent:
            errors["consent"] = [N_("Sharing anything about the jobseeker needs the jobseeker's consent.")]
        if held is not None and chosen - held:
            errors["shared"] = [
                N_(
                    "A step's organisation may pass on only what it was given by a handover "
                    "(%(items)s); the jobseeker's coach can share more."
                )
                % {"items": ", ".join(sorted(held)) or "-"}
            ]
        if chosen & SPECIAL_CATEGORY and not purpose.strip():
            errors["purpose"] = [
                N_(
                    "Work ability and target group are special-category data: state why the receiver needs them."
                )
            ]
        if errors:
            raise InvalidPathError(errors)
        to.check(local_day(now), "to")
        step = Step(
            step_id,
            to.kind,
            to.org,
            to.person,
            to.starts_on,
            to.planned_end,
            state=StepState.PENDING,
            workplace_org=to.workplace_org,
            course_id=to.course_id,
            voucher_id=to.voucher_id,
        )
        handover = Handover(
            handover_id,
            from_step,
            step_id,
            source.org,
            to.org,
            now,
            sent_by,
            calendar.add(local_day(now), acknowledge_within),
            consent,
            chosen,
            purpose.strip(),
            note.strip(),
        )
        return self._changed(now, steps=(*self.steps, step), handovers=(*self.handovers, handover))

    def received_by(self, org: str) -> frozenset[str]:
        """What ``org`` was given about the jobseeker by this path's handovers (the ``SHAREABLE`` names):
        those sent to it with consent and not declined."""
        given: set[str] = set()
        for h in self.handovers:
            if h.to_org == org and h.consent and h.state is not HandoverState.DECLINED:
                given |= h.shared
        return frozenset(given)

    def acknowledge(self, handover_id: str, person: str, now: datetime) -> ServicePath:
        """The receiver takes over: its step opens with ``person`` responsible; the sending step ends."""
        handover = self._pending(handover_id)
        today = local_day(now)
        steps = []
        for s in self.steps:
            if s.id == handover.to_step:
                s = replace(s, state=StepState.OPEN, person=person)
            elif s.id == handover.from_step and s.state is StepState.OPEN:
                ended = max(s.starts_on, min(today, self.step(handover.to_step).starts_on))
                s = replace(s, state=StepState.ENDED, ended_on=ended, end_reason=EndReason.HANDED_OVER)
            steps.append(s)
        answered = replace(handover, state=HandoverState.ACKNOWLEDGED, answered_at=now, answered_by=person)
        return self._changed(now, steps=tuple(steps), handovers=self._with_handover(answered))

    def decline(self, handover_id: str, by: str, reason: str, now: datetime) -> ServicePath:
        """The receiver cannot take the jobseeker: the proposed step is cancelled, the sending step
        goes on and the sending organisation plans again."""
        handover = self._pending(handover_id)
        cancelled = replace(self.step(handover.to_step), state=StepState.CANCELLED)
        answered = replace(
            handover, state=HandoverState.DECLINED, answered_at=now, answered_by=by, decline_reason=reason
        )
        return self._changed(now, steps=self._with(cancelled), handovers=self._with_handover(answered))

    def close(self, on: date, reason: CloseReason, now: datetime, *, clamp: bool = False) -> ServicePath:
        """Close the path on ``on``: pending handovers are withdrawn and their steps cancelled; an open
        step that has begun by ``on`` ends on ``on`` (employed, else interrupted), one that begins
        later is cancelled (the jobseeker never received it).

        ``on`` is today at the latest, not before the path was opened, not before a step that has
        begun started nor before an ended step ended (outside tester 8, J12: a path closed six years
        before it was opened, its future step "ended" after the close); else ``InvalidPathError`` on
        ``closed_on``. With ``clamp`` (a hire reported by matching, which must not be refused) ``on``
        moves to the nearest day the rules allow instead."""
        self._must_be_open()
        today = local_day(now)
        earliest = self.closable_from(today)
        if clamp:
            on = min(max(on, earliest), max(today, earliest))
        else:
            errors = []
            if on > today:
                errors.append(N_("A path closes today at the latest: record its close when it happens."))
            if on < self.opened_on:
                errors.append(
                    N_("A path cannot close before it was opened (%(day)s).")
                    % {"day": self.opened_on.isoformat()}
                )
            elif on < earliest:
                errors.append(
                    N_(
                        "A path cannot close before its steps have started or ended (%(day)s at the earliest)."
                    )
                    % {"day": earliest.isoformat()}
                )
            if errors:
                raise InvalidPathError({"closed_on": errors})
        end_reason = EndReason.EMPLOYED if reason is CloseReason.EMPLOYED else EndReason.INTERRUPTED
        steps = tuple(
            replace(s, state=StepState.ENDED, ended_on=on, end_reason=end_reason)
            if s.state is StepState.OPEN and s.starts_on <= on
            else replace(s, state=StepState.CANCELLED)
            if s.is_open
            else s
            for s in self.steps
        )
        handovers = tuple(
            replace(h, state=HandoverState.DECLINED, answered_at=now, decline_reason="path closed")
            if h.state is HandoverState.PENDING
            else h
            for h in self.handovers
        )
        return self._changed(now, steps=steps, handovers=handovers, closed_on=on, close_reason=reason)

    def closable_from(self, today: date) -> date:
        """The earliest day the path may close on: its opening, the start of every step that has
        begun by ``today`` and the end of every ended step."""
        days = [self.opened_on]
        for s in self.steps:
            if s.state is StepState.ENDED and s.ended_on is not None:
                days.append(s.ended_on)
            elif s.state is StepState.OPEN and s.starts_on <= today:
                days.append(s.starts_on)
        return max(days)

    # -- nobody falls off --------------------------------------------------------------------------
    def watch_points(self) -> list[Watch]:
        """When, if nothing changes, someone must act; empty for a closed path. Sorted by day."""
        if not self.is_open:
            return []
        points = [
            Watch(Reason.STEP_OVERDUE, s.planned_end + timedelta(days=1), s.org, s.person, s.id)
            for s in self.steps
            if s.state is StepState.OPEN
        ]
        points += [
            Watch(Reason.HANDOVER_UNACKNOWLEDGED, h.acknowledge_by + timedelta(days=1), h.to_org, None, h.id)
            for h in self.handovers
            if h.state is HandoverState.PENDING
        ]
        if not any(s.is_open for s in self.steps):
            ended = [s.ended_on for s in self.steps if s.ended_on is not None]
            since = max(ended) if ended else self.opened_on
            points.append(Watch(Reason.NO_ACTIVE_STEP, since, self.coach_org, self.coach, self.id))
        return sorted(points, key=lambda w: (w.from_day, w.reason.value, w.ref))

    def attention(self, day: date) -> list[Watch]:
        """The watch points due on ``day``: this path needs someone to act."""
        return attention(self.watch_points(), day)

    # -- helpers -----------------------------------------------------------------------------------
    def _must_be_open(self) -> None:
        if not self.is_open:
            raise PathConflictError(N_("path %(id)s is closed") % {"id": self.id})

    def _pending(self, handover_id: str) -> Handover:
        handover = self.handover(handover_id)
        if handover.state is not HandoverState.PENDING:
            raise PathConflictError(
                N_("handover %(id)s was already %(state)s")
                % {"id": handover_id, "state": handover.state.value}
            )
        return handover

    def _with(self, step: Step) -> tuple[Step, ...]:
        return tuple(step if s.id == step.id else s for s in self.steps)

    def _with_handover(self, handover: Handover) -> tuple[Handover, ...]:
        return tuple(handover if h.id == handover.id else h for h in self.handovers)

    def _changed(self, now: datetime, **changes: Any) -> ServicePath:
        return replace(self, version=self.version + 1, updated_at=now, **changes)


def open_path(
    path_id: str,
    candidate_id: str,
    coach_org: str,
    coach: str,
    group: PathGroup,
    partial_work_ability: bool,
    region: str,
    now: datetime,
) -> ServicePath:
    return ServicePath(
        path_id,
        candidate_id,
        coach_org,
        coach,
        group,
        partial_work_ability,
        local_day(now),
        region=region,
        updated_at=now,
    )


def attention(points: Iterable[Watch], day: date) -> list[Watch]:
    """The points whose day has come on ``day`` (the whole rule a copy of the watch points needs)."""
    return [w for w in points if w.from_day <= day]


def watch_payload(path: ServicePath) -> dict[str, Any]:
    """The ``path.updated`` payload: pseudonymous and minimal. No target group, work ability, step
    kind, person or free text; only who (which organisation) must act from when, for the weekly
    meeting's follow-ups."""
    return {
        "candidate_id": path.candidate_id,
        "path_id": path.id,
        "version": path.version,
        "status": "open" if path.is_open else "closed",
        "region": path.region,
        "coach_org": path.coach_org,
        "watch": [
            {"reason": w.reason.value, "from": w.from_day.isoformat(), "org": w.org, "ref": w.ref}
            for w in path.watch_points()
        ],
        "updated_at": path.updated_at.isoformat() if path.updated_at else None,
    }


#: Step kinds that tell more about the jobseeker than taking part, and the shared item (``SHAREABLE``)
#: that must have reached an organisation for it to read them: a rehabilitation step tells of work
#: ability; a provider's recruitment step is a service voucher's, whose pilot's eligibility rule is
#: the target group (outside tester 28, T28-5).
KIND_REVEALS: dict[StepKind, str] = {
    StepKind.REHABILITATION: "work_ability",
    StepKind.RECRUITMENT_BY_PROVIDER: "target_group",
}


@dataclass(frozen=True, slots=True)
class StepShown:
    """Which parts of a step an organisation reads (``step_shown``): ``kind`` (with its voucher id,
    which only a provider's voucher step has), ``details`` (person, dates, state, end, workplace,
    course). The step's id and organisation are always shown."""

    kind: bool
    details: bool

    @property
    def whole(self) -> bool:
        return self.kind and self.details


WHOLE_STEP = StepShown(True, True)


def step_shown(path: ServicePath, step: Step, org: str, *, owner: bool) -> StepShown:
    """What ``org`` reads of ``step`` on ``path`` (outside tester 28, T28-5: a receiver given nothing
    read the sending step's kind ``rehabilitation`` and its voucher id). Whole for the ``owner`` (the
    path's own coaches), for the step's own organisation and for the organisation that handed over
    to it (it wrote the step). Another organisation — a receiver reading the step it was handed over
    from — reads it only as "a step at <org>" unless the jobseeker shared something with it
    (``received_by``: consent, not declined, path open); then the details, and the kind unless the
    kind tells a special category it was not given (``KIND_REVEALS``)."""
    if owner or step.org == org or any(h.from_org == org and h.to_step == step.id for h in path.handovers):
        return WHOLE_STEP
    given = path.received_by(org) if path.is_open else frozenset()
    if not given:
        return StepShown(False, False)
    needs = KIND_REVEALS.get(step.kind)
    return StepShown(needs is None or needs in given, True)


@dataclass(frozen=True, slots=True)
class PathSight:
    """A path as one organisation may see it (outside tester 27, T27-10: a receiver that ended its own
    step was answered the owner's whole path).

    ``whole``: the owning organisation's coaches, who see everything. Any other organisation sees the
    steps it holds, the handovers to or from it and the steps they link (what its handover reads
    show: ``from_step_detail`` and ``step``), the watch points it must act on, and the target group
    and work ability only where a handover to it shared them with consent and the path is open
    (``ServicePath.received_by``, the rule of its handover reads); ``None`` otherwise. ``coach`` (the
    owner's user id) only to the owner: the receiver knows the handover's ``sent_by``. A step the
    organisation neither holds nor wrote is shown as ``shown`` says (``step_shown``; absent: whole)."""

    path: ServicePath
    whole: bool
    steps: tuple[Step, ...]
    handovers: tuple[Handover, ...]
    watch: tuple[Watch, ...]
    coach: str | None
    group: PathGroup | None
    partial_work_ability: bool | None
    profile_id: str | None = None  # the owning organisation's own id of the jobseeker: owner only
    #: What the organisation reads of each step in ``steps`` (``step_shown``), by step id.
    shown: dict[str, StepShown] = field(default_factory=dict)

    def attention(self, day: date) -> list[Watch]:
        return attention(self.watch, day)

    @property
    def special_category(self) -> bool:
        """Whether the sight carries the target group or work ability (audited as such)."""
        return self.group is not None or self.partial_work_ability is not None


def sight(path: ServicePath, org: str, *, owner: bool, profile_id: str | None = None) -> PathSight:
    """What ``org`` may see of ``path``: whole for the ``owner`` (the path's own coaches, with their
    ``profile_id``), else the part it takes part in (``PathSight``)."""
    watch = tuple(path.watch_points())
    if owner:
        return PathSight(
            path,
            True,
            path.steps,
            path.handovers,
            watch,
            path.coach,
            path.group,
            path.partial_work_ability,
            profile_id,
        )
    handovers = tuple(h for h in path.handovers if org in (h.to_org, h.from_org))
    linked = {h.from_step for h in handovers} | {h.to_step for h in handovers}
    steps = tuple(s for s in path.steps if s.org == org or s.id in linked)
    given = path.received_by(org) if path.is_open else frozenset()
    return PathSight(
        path,
        False,
        steps,
        handovers,
        tuple(w for w in watch if w.org == org),
        None,
        path.group if "target_group" in given else None,
        path.partial_work_ability if "work_ability" in given else None,
        shown={s.id: step_shown(path, s, org, owner=False) for s in steps},
    )
