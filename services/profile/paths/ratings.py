"""Satisfaction ratings of a referral or a path step, by the jobseeker or the employer. Pure Python.

A **referral** is a candidate proposed to a vacancy (matching's outcomes tell the profile service);
the organisation rated is the one that proposed them (the partner recruiter's). A **path step** is
rated for the organisation responsible for it. The jobseeker rates through their own coach or with a
single-use link the coach gives them; an employer rates a referral to its own vacancy, or a step held
at its workplace (a work trial, a subsidised job, an apprenticeship). A score is 1–5; an optional
comment is kept in the profile service only, and never published.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from services.kernel.calendar import local_day
from services.kernel.texts import N_


class RatingError(Exception):
    pass


class InvalidRatingError(RatingError):
    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("; ".join(f"{k}: {', '.join(v)}" for k, v in errors.items()))
        self.errors = errors


class SubjectKind(StrEnum):
    REFERRAL = "referral"
    PATH_STEP = "path_step"


class RaterKind(StrEnum):
    JOBSEEKER = "jobseeker"
    EMPLOYER = "employer"


class Channel(StrEnum):
    COACH = "coach"  # the coach recorded what the jobseeker said
    LINK = "link"  # the jobseeker used a rating link
    EMPLOYER = "employer"  # an employer's own account


@dataclass(frozen=True, slots=True)
class Subject:
    kind: SubjectKind
    ref: str  # vacancy id (referral) or step id (path step)
    rated_org: str  # the organisation whose service is rated

    def key(self) -> str:
        return f"{self.kind.value}:{self.ref}"


@dataclass(frozen=True, slots=True)
class SubjectText:
    """What is rated, for people: ``name`` is a referral's vacancy title or a step's kind label (an
    English catalogue text, translated where shown); ``org`` the organisation rated (an id: shown by
    its registry name)."""

    name: str
    org: str


@dataclass(frozen=True, slots=True)
class Rating:
    id: str
    candidate_id: str
    subject: Subject
    rater: RaterKind
    channel: Channel
    rater_org: str | None  # the employer's organisation; None for a jobseeker
    score: int
    comment: str
    recorded_at: datetime
    region: str

    @classmethod
    def record(
        cls,
        rating_id: str,
        candidate_id: str,
        subject: Subject,
        rater: RaterKind,
        channel: Channel,
        rater_org: str | None,
        score: int,
        comment: str,
        now: datetime,
        region: str,
    ) -> Rating:
        errors: dict[str, list[str]] = {}
        if not 1 <= score <= 5:
            errors["score"] = [N_("A score from 1 (poor) to 5 (excellent).")]
        if len(comment) > 1000:
            errors["comment"] = [N_("At most 1000 characters.")]
        if errors:
            raise InvalidRatingError(errors)
        return cls(
            rating_id, candidate_id, subject, rater, channel, rater_org, score, comment.strip(), now, region
        )

    def event_payload(self) -> dict[str, Any]:
        """``rating.recorded``: figures only. No candidate id, no comment, no rater identity."""
        iso = local_day(self.recorded_at).isocalendar()
        return {
            "rating_id": self.id,
            "region": self.region,
            "rated_org": self.subject.rated_org,
            "subject_kind": self.subject.kind.value,
            "rater": self.rater.value,
            "score": self.score,
            "week": f"{iso.year}-W{iso.week:02d}",
            "recorded_on": local_day(self.recorded_at).isoformat(),
        }


@dataclass(frozen=True, slots=True)
class RatingLink:
    """A single-use link for the jobseeker to rate ``subject`` without an account."""

    token: str  # 256 random bits, URL-safe: the link itself is the permission
    candidate_id: str
    subject: Subject
    created_by: str
    expires_on: date
    used_at: datetime | None = None

    def usable_on(self, day: date) -> bool:
        return self.used_at is None and day <= self.expires_on
