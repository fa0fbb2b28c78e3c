"""The events the profile service publishes and consumes, declared once (docs/events.md is checked
against this module by tests/unit/test_event_catalogue.py).

Publishes ``candidate.upserted`` (and a tombstone on withdrawal) on the candidates topic: the
pseudonymous, minimised view of a profile that matching ranks; and ``path.updated`` (and tombstones) on
the paths topic: who must act on the jobseeker's service path, from when. Consumes ``outcome.recorded``
from the outcomes topic (a ``hired`` outcome marks the profile hired; other statuses change nothing
here) and ``access.refused`` there (matching refused a request naming the candidate: an audit entry) and ``training.suggested`` (and tombstones) from the training topic (the coach's course
suggestions).

The API's size bounds (``MAX_*``) are part of the contract: with every list at its bound, one
``candidate.upserted`` still fits the event budget (``shared.messaging.topics.MAX_EVENT_BYTES``;
tests/unit/profile/test_events.py builds that event and measures it).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import marshmallow as ma
from marshmallow import fields

from services.kernel.texts import N_
from services.profile import domain
from services.profile.paths import consumer as training
from shared.languages import CODE_FORM
from shared.messaging.consumer import PoisonMessageError, Record
from shared.messaging.events import ConsumerSpec, Handles, Published, load_with, versions
from shared.messaging.topics import CANDIDATE_ID_PATTERN, CANDIDATES, OUTCOMES, PATHS, RATINGS, TRAINING

if TYPE_CHECKING:
    from services.profile.handlers import ProfileHandlers

PRODUCER = "profile-service"

# Bounds on one profile (the API enforces them; see the module docstring).
MAX_SKILLS = 300
MAX_SUGGESTED_SKILLS = 300
MAX_WORK_HISTORY = 200
MAX_LANGUAGES = 40
MAX_CONSENTED_ORGS = 100


class _Skill(ma.Schema):
    uri = fields.String(required=True)
    level = fields.String(required=True)


class _Experience(ma.Schema):
    occupation_uri = fields.String(required=True)
    years = fields.Float(required=True)
    ended_year = fields.Integer(required=True, allow_none=True)


class _Language(ma.Schema):
    code = fields.String(required=True, metadata={"description": CODE_FORM})
    level = fields.String(required=True, metadata={"description": "CEFR A1…C2 or native"})


class CandidatePayload(ma.Schema):
    """Payload of ``candidate.upserted``, schema_version 1 (``Profile.for_matching``)."""

    candidate_id = fields.String(required=True)
    version = fields.Integer(required=True)
    status = fields.String(required=True, validate=ma.validate.OneOf(["active", "hired"]))
    skills = fields.List(fields.Nested(_Skill), required=True)
    suggested_skills = fields.List(fields.String(), required=True)
    work_history = fields.List(fields.Nested(_Experience), required=True)
    languages = fields.List(fields.Nested(_Language), required=True)
    municipality = fields.String(required=True)
    max_commute_km = fields.Float(required=True)
    available_from = fields.Date(required=True)
    working_time = fields.String(required=True)
    consented_orgs = fields.List(fields.String(), required=True)


CANDIDATE_UPSERTED = Published(
    domain.CANDIDATE_UPSERTED,
    CANDIDATES,
    1,
    CandidatePayload,
    "a coach created or updated a profile, or the profile was marked hired (a push identical to the stored "
    "profile publishes nothing)",
)


class _WatchPoint(ma.Schema):
    reason = fields.String(
        required=True,
        validate=ma.validate.OneOf(["step_overdue", "handover_unacknowledged", "no_active_step"]),
    )
    from_ = fields.Date(required=True, data_key="from")
    org = fields.String(required=True)
    ref = fields.String(required=True)


class PathPayload(ma.Schema):
    """Payload of ``path.updated``, schema_version 1 (``paths.domain.watch_payload``)."""

    candidate_id = fields.String(required=True)
    path_id = fields.String(required=True)
    version = fields.Integer(required=True)
    status = fields.String(required=True, validate=ma.validate.OneOf(["open", "closed"]))
    region = fields.String(required=True)
    coach_org = fields.String(required=True)
    watch = fields.List(fields.Nested(_WatchPoint), required=True)
    updated_at = fields.DateTime(required=True, allow_none=True)


PATH_UPDATED = Published("path.updated", PATHS, 1, PathPayload, "the jobseeker's service path changed")


class RatingPayload(ma.Schema):
    """Payload of ``rating.recorded``, schema_version 1 (``Rating.event_payload``): figures only."""

    rating_id = fields.String(required=True)
    region = fields.String(required=True)
    rated_org = fields.String(required=True)
    subject_kind = fields.String(required=True)
    rater = fields.String(required=True)
    score = fields.Integer(required=True, validate=ma.validate.Range(1, 5))
    week = fields.String(required=True)
    recorded_on = fields.Date(required=True)


RATING_RECORDED = Published(
    "rating.recorded",
    RATINGS,
    1,
    RatingPayload,
    "a jobseeker or an employer rated a service (figures only)",
)
PUBLISHES: tuple[Published, ...] = (CANDIDATE_UPSERTED, PATH_UPDATED, RATING_RECORDED)


# -- consumed ------------------------------------------------------------------------------------


def _iso_date(text: str) -> None:
    try:
        date.fromisoformat(text)
    except ValueError:
        raise ma.ValidationError(N_("Not an ISO date.")) from None


#: ``outcome.recorded``'s statuses (docs/events.md): any other is poison, never "handled".
OUTCOME_STATUSES = ("proposed", "contacted", "interviewed", "hired", "not_hired")


class OutcomeReading(ma.Schema):
    """What the profile service reads of ``outcome.recorded`` (other fields are ignored). A value outside
    the event's vocabulary (a status ``zombie``), a ``candidate_id`` that is no pseudonym
    and text longer than the producer ever sends make the record poison (dead letter; outside tester 39b,
    Q13: a ``zombie`` outcome was logged as handled)."""

    class Meta:
        unknown = ma.EXCLUDE

    candidate_id = fields.String(required=True, validate=ma.validate.Regexp(CANDIDATE_ID_PATTERN))
    status = fields.String(required=True, validate=ma.validate.OneOf(OUTCOME_STATUSES))
    vacancy_id = fields.String(required=True, validate=ma.validate.Length(1, 64))
    occurred_on = fields.String(required=True, validate=lambda day: _iso_date(day))
    recorded_by_org = fields.String(required=True, validate=ma.validate.Length(1, 100))
    # added within version 1: events without it never mark a profile hired (shared.entitlement); a role
    # that never records outcomes is read, refused as not entitled and audited (not dead-lettered)
    recorded_by_role = fields.String(allow_none=True, validate=ma.validate.Length(1, 50))
    # the staff user who recorded it (audited)
    recorded_by = fields.String(allow_none=True, validate=ma.validate.Length(1, 200))
    employer_org = fields.String(allow_none=True, validate=ma.validate.Length(1, 100))
    vacancy_title = fields.String(allow_none=True, validate=ma.validate.Length(max=1000))
    region = fields.String(allow_none=True, validate=ma.validate.Length(1, 100))


def outcome_recorded(handlers: ProfileHandlers, record: Record, outcome: dict[str, Any]) -> None:
    """Every referral is noted (for satisfaction ratings); a ``hired`` outcome marks the candidate's
    profile hired (idempotent by event id)."""
    assert record.envelope is not None
    if record.key is not None and record.key != outcome["candidate_id"]:
        raise PoisonMessageError("outcome.recorded: candidate_id is not the record's key")
    handlers.outcome_recorded(record.envelope.event_id, outcome)


class RefusalReading(ma.Schema):
    """What the profile service reads of ``access.refused`` (other fields are ignored). The candidate
    id must be a pseudonym and the record's key (``_key_is_candidate``); free-text fields are bounded,
    so a payload can never carry a long text into the audit log."""

    class Meta:
        unknown = ma.EXCLUDE

    candidate_id = fields.String(required=True, validate=ma.validate.Regexp(CANDIDATE_ID_PATTERN))
    actor = fields.String(required=True, validate=ma.validate.Length(1, 200))
    actor_org = fields.String(required=True, validate=ma.validate.Length(1, 100))
    actor_role = fields.String(required=True, validate=ma.validate.Length(1, 50))
    route = fields.String(required=True, validate=ma.validate.Length(1, 200))
    status = fields.Integer(required=True, validate=ma.validate.OneOf([403, 404, 422]))
    reason = fields.String(required=True, validate=ma.validate.Length(1, 50))
    vacancy_id = fields.String(allow_none=True, load_default=None, validate=ma.validate.Length(max=64))
    refused_at = fields.AwareDateTime(required=True)


def access_refused(handlers: ProfileHandlers, record: Record, refusal: dict[str, Any]) -> None:
    """Matching refused a request naming the candidate: an audit entry (``ProfileHandlers.access_refused``;
    idempotent by event id). A payload for another key than the record's is poison."""
    assert record.envelope is not None
    if record.key is not None and record.key != refusal["candidate_id"]:
        raise PoisonMessageError("access.refused: candidate_id is not the record's key")
    handlers.access_refused(record.envelope.event_id, refusal)


class AccessReading(ma.Schema):
    """What the profile service reads of ``access.granted`` (other fields are ignored): as ``RefusalReading``,
    the candidate id a pseudonym and the record's key, every text bounded; ``action`` is the door."""

    class Meta:
        unknown = ma.EXCLUDE

    candidate_id = fields.String(required=True, validate=ma.validate.Regexp(CANDIDATE_ID_PATTERN))
    actor = fields.String(required=True, validate=ma.validate.Length(1, 200))
    actor_org = fields.String(required=True, validate=ma.validate.Length(1, 100))
    actor_role = fields.String(required=True, validate=ma.validate.Length(1, 50))
    action = fields.String(required=True, validate=ma.validate.Length(1, 64))
    route = fields.String(required=True, validate=ma.validate.Length(1, 200))
    status = fields.Integer(required=True, validate=ma.validate.Range(200, 299))
    vacancy_id = fields.String(allow_none=True, load_default=None, validate=ma.validate.Length(max=64))
    accessed_at = fields.AwareDateTime(required=True)


def access_granted(handlers: ProfileHandlers, record: Record, access: dict[str, Any]) -> None:
    """Matching gave a caller the candidate's data or recorded an outcome: an audit entry
    (``ProfileHandlers.access_granted``; idempotent by event id). A payload for another key is poison."""
    assert record.envelope is not None
    if record.key is not None and record.key != access["candidate_id"]:
        raise PoisonMessageError("access.granted: candidate_id is not the record's key")
    handlers.access_granted(record.envelope.event_id, access)


OUTCOMES_CONSUMER: ConsumerSpec[ProfileHandlers] = ConsumerSpec(
    service="profile",
    name="profile.outcomes",
    group="profile-service.outcomes",
    handles=(
        Handles(
            OUTCOMES,
            "outcome.recorded",
            versions(1),
            load_with(OutcomeReading(), "outcome.recorded"),
            outcome_recorded,
        ),
        Handles(
            OUTCOMES,
            "access.refused",
            versions(1),
            load_with(RefusalReading(), "access.refused"),
            access_refused,
        ),
        Handles(
            OUTCOMES,
            "access.granted",
            versions(1),
            load_with(AccessReading(), "access.granted"),
            access_granted,
        ),
    ),
)
TRAINING_CONSUMER: ConsumerSpec[Any] = ConsumerSpec(
    service="profile",
    name=training.NAME,
    group="profile-service.training",
    handles=(
        Handles(
            TRAINING,
            training.TRAINING_SUGGESTED,
            versions(1),
            training.read_suggestions,
            training.training_suggested,
        ),
    ),
    tombstones={TRAINING.name: training.training_withdrawn},
)
CONSUMES: tuple[ConsumerSpec[Any], ...] = (OUTCOMES_CONSUMER, TRAINING_CONSUMER)
