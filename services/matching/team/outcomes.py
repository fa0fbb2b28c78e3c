"""What happened to a proposed candidate: recruiters' outcomes, their rules and their event.

Pure Python. An outcome is appended, never edited. Whose outcome counts for whom
(docs/architecture.md, "Outcomes"):

* the vacancy's **employer** and the city's **employment services** speak for the vacancy: their
  outcomes hold for every organisation;
* a **partner agency**'s outcome is about its own process with the candidate: it holds for that
  agency only, so two agencies may each propose the same jobseeker (who consented to both) and
  neither closes the candidate for the other;
* a **hire** holds for everyone (the person took the job); an agency reports one only for a
  candidate it proposed for that vacancy (`agency_may_report_hire`).

A candidate whose status, as it holds for a viewer, is ``hired`` or ``not_hired`` is not proposed
to that viewer again for that vacancy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from services.kernel.calendar import local_day
from services.kernel.texts import N_

OUTCOME_RECORDED = "outcome.recorded"


class Status(StrEnum):
    PROPOSED = "proposed"
    CONTACTED = "contacted"
    INTERVIEWED = "interviewed"
    HIRED = "hired"
    NOT_HIRED = "not_hired"

    @property
    def is_final(self) -> bool:
        return self in (Status.HIRED, Status.NOT_HIRED)


class Reason(StrEnum):
    """Why a proposed candidate was not hired (the feedback coaches act on)."""

    SKILLS = "skills"
    LANGUAGE = "language"
    AVAILABILITY = "availability"
    CANDIDATE_DECLINED = "candidate_declined"
    EMPLOYER_CANCELLED = "employer_cancelled"
    OTHER = "other"


class InvalidOutcomeError(ValueError):
    """A rule across fields is broken; ``errors`` maps field names to reasons."""

    def __init__(self, errors: dict[str, Any]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


#: How far ahead a follow-up may be due, in days (three years: the typo guard of every date field).
DUE_DAYS_AHEAD = 3 * 365


@dataclass(frozen=True, slots=True)
class FollowUp:
    """Something someone promised to do about a candidate, e.g. "arrange a welding course".

    ``owner`` names who owns it: a person (``valmentaja@tampere``) or an organisation id.
    """

    action: str
    owner: str
    due: date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"action": self.action, "owner": self.owner, "due": self.due.isoformat() if self.due else None}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any] | None) -> FollowUp | None:
        if not d:
            return None
        return cls(str(d["action"]), str(d["owner"]), date.fromisoformat(d["due"]) if d.get("due") else None)


@dataclass(frozen=True, slots=True)
class Outcome:
    outcome_id: str
    vacancy_id: str
    candidate_id: str
    status: Status
    reason: Reason | None
    comment: str
    follow_up: FollowUp | None
    occurred_on: date  # when it happened (an interview last Tuesday); the week it counts in
    recorded_by: str
    recorded_by_org: str
    recorded_at: datetime
    region: str = ""
    vacancy_title: str = ""

    @classmethod
    def record(
        cls,
        *,
        outcome_id: str,
        vacancy_id: str,
        candidate_id: str,
        status: Status,
        reason: Reason | None,
        comment: str,
        follow_up: FollowUp | None,
        occurred_on: date | None,
        recorded_by: str,
        recorded_by_org: str,
        now: datetime,
        region: str = "",
        vacancy_title: str = "",
    ) -> Outcome:
        errors: dict[str, Any] = {}
        if status is Status.NOT_HIRED and reason is None:
            errors["reason"] = [N_("A reason is required when a candidate was not hired.")]
        if status is not Status.NOT_HIRED and reason is not None:
            errors["reason"] = [N_("A reason is given only when a candidate was not hired.")]
        day = occurred_on or local_day(now)
        if day > local_day(now):
            errors["occurred_on"] = [N_("An outcome cannot happen in the future.")]
        elif (local_day(now) - day).days > 92:
            errors["occurred_on"] = [N_("Record outcomes within three months of what happened.")]
        if (
            follow_up is not None
            and follow_up.due is not None
            and (follow_up.due - local_day(now)).days > DUE_DAYS_AHEAD
        ):
            # a vacancy's start date's typo guard (outside tester 10, L4: no date field without one)
            errors["follow_up"] = {"due": [N_("The follow-up is due more than three years ahead.")]}
        if errors:
            raise InvalidOutcomeError(errors)
        return cls(
            outcome_id,
            vacancy_id,
            candidate_id,
            status,
            reason,
            comment,
            follow_up,
            day,
            recorded_by,
            recorded_by_org,
            now,
            region,
            vacancy_title,
        )

    def event_payload(self) -> dict[str, Any]:
        """The ``outcome.recorded`` payload: no comment and no follow-up (they stay in matching)."""
        return {
            "outcome_id": self.outcome_id,
            "vacancy_id": self.vacancy_id,
            "candidate_id": self.candidate_id,
            "status": self.status.value,
            "reason": self.reason.value if self.reason else None,
            "occurred_on": self.occurred_on.isoformat(),
            "recorded_by_org": self.recorded_by_org,
            "recorded_at": self.recorded_at.isoformat(),
            "vacancy_title": self.vacancy_title,
            "region": self.region,
        }


def latest_per_candidate(outcomes: Iterable[Outcome]) -> dict[tuple[str, str], Outcome]:
    """(vacancy id, candidate id) → the outcome that holds now (latest by day, then by recording)."""
    latest: dict[tuple[str, str], Outcome] = {}
    for o in sorted(outcomes, key=lambda o: (o.occurred_on, o.recorded_at)):
        latest[(o.vacancy_id, o.candidate_id)] = o
    return latest


#: Whether an organisation's outcomes speak for the vacancy (its employer, employment services).
SpeaksFor = Callable[[str], bool]


def holding_for(outcomes: Iterable[Outcome], viewer_org: str | None, speaks_for: SpeaksFor) -> list[Outcome]:
    """The outcomes that hold for a viewer (the module docstring's rule): those of organisations that
    speak for the vacancy, every hire, and the viewer's own (``viewer_org`` None: the team's view, as
    the weekly meeting is prepared: no agency's own outcomes but its hires)."""
    return [
        o
        for o in outcomes
        if o.status is Status.HIRED or o.recorded_by_org == viewer_org or speaks_for(o.recorded_by_org)
    ]


def settled_candidates(
    outcomes: Iterable[Outcome], viewer_org: str | None, speaks_for: SpeaksFor
) -> set[str]:
    """Candidates whose status for the vacancy, as it holds for the viewer (`holding_for`), is
    final (hired or not hired): not proposed to that viewer again."""
    held = latest_per_candidate(holding_for(outcomes, viewer_org, speaks_for))
    return {cid for (_, cid), o in held.items() if o.status.is_final}


#: The statuses after which an agency may report that its candidate was hired.
PROPOSING = frozenset({Status.PROPOSED, Status.CONTACTED, Status.INTERVIEWED})


def agency_may_report_hire(pair_outcomes: Iterable[Outcome], org: str) -> bool:
    """Whether a partner agency may record ``hired`` for a (vacancy, candidate) pair: only when it
    proposed, contacted or interviewed the candidate for that vacancy before (its own earlier outcome
    on the pair). A hire takes the jobseeker off every organisation's shortlists, so an agency may
    not report one for a vacancy it never worked on (an outside tester removed shared jobseekers from
    competitors' shortlists that way)."""
    return any(o.recorded_by_org == org and o.status in PROPOSING for o in pair_outcomes)


def allowed_after_close(status: Status, occurred_on: date, closed_on: date) -> bool:
    """Whether an outcome may still be recorded for a vacancy the employer closed on `closed_on`
    (outside tester 16, P4: a recruiter proposed a candidate for a filled vacancy and got 201).

    A final outcome (``hired``, ``not_hired``) always may: closing a vacancy as filled is when the
    team learns who got it, and the others are owed a "not hired" with its reason (the feedback
    coaches act on). A step of the pipeline (``proposed``, ``contacted``, ``interviewed``) may only
    when it happened before the day the vacancy closed: a step recorded late is a true record, a new
    proposal, contact or interview for a closed vacancy is not (the same day is refused: the close
    is the employer's word that the search is over)."""
    return status.is_final or occurred_on < closed_on
