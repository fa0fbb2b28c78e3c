"""What happened to a proposed candidate: recruiters' outcomes, their rules and their event.

Pure Python. An outcome is appended, never edited: a candidate's current status for a vacancy is the
latest outcome recorded for the pair. A candidate whose current status is ``hired`` or ``not_hired``
is not proposed again for that vacancy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

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

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("; ".join(f"{k}: {', '.join(v)}" for k, v in errors.items()))
        self.errors = errors


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
        errors: dict[str, list[str]] = {}
        if status is Status.NOT_HIRED and reason is None:
            errors["reason"] = [N_("A reason is required when a candidate was not hired.")]
        if status is not Status.NOT_HIRED and reason is not None:
            errors["reason"] = [N_("A reason is given only when a candidate was not hired.")]
        day = occurred_on or now.date()
        if day > now.date():
            errors["occurred_on"] = [N_("An outcome cannot happen in the future.")]
        elif (now.date() - day).days > 92:
            errors["occurred_on"] = [N_("Record outcomes within three months of what happened.")]
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


def settled_candidates(outcomes: Iterable[Outcome]) -> set[str]:
    """Candidates whose current status for the vacancy is final (hired or not hired)."""
    return {cid for (_, cid), o in latest_per_candidate(outcomes).items() if o.status.is_final}
