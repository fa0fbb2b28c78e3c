"""The events the matching service's team part publishes and consumes, declared once (docs/events.md is
checked against this module by tests/unit/test_event_catalogue.py). What the index part consumes is
declared in ``services/matching/index/events.py``.

Publishes ``outcome.recorded`` on the outcomes topic (recruiters' outcomes, without comment or
follow-up) and ``access.refused`` and ``access.granted`` there too (a refused or a granted request that named
a candidate, for the profile service's audit log: ``team.refusals``), ``shortage_list.imported`` (and withdrawal tombstones) on the shortages topic (one
labour-shortage list's state) and ``training.suggested`` (and tombstones) on the training topic (a
candidate's skill gaps and suggested courses). Consumes ``path.updated`` (and tombstones) from the
paths topic: the weekly meeting's follow-ups; and withdrawal tombstones from the candidates topic
(erasure of outcomes and stored meetings, ``team.erasure``).

Sizes: an outcome is small and fixed in shape; a shortage list is bounded by the reference data (the
import rejects a repeated occupation, so a list holds at most every ESCO occupation and ISCO-08 group
once) and by the source's 300 characters: tests/unit/matching/test_team_events.py builds the largest
list the catalogue allows and checks it fits the event budget.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import marshmallow as ma
from marshmallow import fields

from services.matching.team.consumer import NAME as PATHS_CONSUMER_NAME
from services.matching.team.consumer import (
    PATH_UPDATED,
    path_erased,
    path_updated,
    rating_recorded,
    read_path,
    read_rating,
)
from services.matching.team.erasure import candidate_withdrawn
from services.matching.team.outcomes import OUTCOME_RECORDED as OUTCOME_RECORDED_TYPE
from services.matching.team.outcomes import Reason, Status
from services.matching.team.shortages import Level
from shared.messaging.events import ConsumerSpec, Handles, Published, versions
from shared.messaging.topics import (
    CANDIDATE_ID_PATTERN,
    CANDIDATES,
    OUTCOMES,
    PATHS,
    RATINGS,
    SHORTAGES,
    TRAINING,
)

PRODUCER = "matching-service"
SHORTAGE_LIST_IMPORTED_TYPE = "shortage_list.imported"
MAX_SOURCE_CHARS = 300


class OutcomePayload(ma.Schema):
    """Payload of ``outcome.recorded``, schema_version 1 (``Outcome.event_payload``)."""

    outcome_id = fields.String(required=True)
    vacancy_id = fields.String(required=True)
    candidate_id = fields.String(required=True)
    status = fields.String(required=True, validate=ma.validate.OneOf([s.value for s in Status]))
    reason = fields.String(
        required=True, allow_none=True, validate=ma.validate.OneOf([r.value for r in Reason])
    )
    occurred_on = fields.Date(required=True)
    recorded_by_org = fields.String(required=True)
    recorded_at = fields.DateTime(required=True)
    # added within version 1 (older events lack them): what the profile service's ratings need
    employer_org = fields.String(allow_none=True)
    vacancy_title = fields.String()
    region = fields.String()
    recorded_by_role = fields.String(
        validate=ma.validate.OneOf(["recruiter", "employer", "coach"]),
        metadata={"description": "the recorder's role: the profile service re-checks a hired against it"},
    )
    recorded_by = fields.String(
        metadata={
            "description": "who recorded it (the staff user's id): the profile service's audit names them"
        }
    )


class _Entry(ma.Schema):
    occupation = fields.String(required=True)
    level = fields.String(required=True, validate=ma.validate.OneOf([x.value for x in Level]))


class ShortageListPayload(ma.Schema):
    """Payload of ``shortage_list.imported``, schema_version 1 (``ShortageList.to_payload`` plus the
    import's id and time)."""

    region = fields.String(required=True)
    period = fields.String(required=True)
    period_start = fields.Date(metadata={"description": "added within version 1: older events lack it"})
    period_end = fields.Date(metadata={"description": "added within version 1: older events lack it"})
    source = fields.String(required=True)
    entries = fields.List(fields.Nested(_Entry), required=True)
    levels = fields.Dict(
        keys=fields.String(),
        values=fields.String(validate=ma.validate.OneOf([x.value for x in Level])),
        required=True,
    )
    import_id = fields.String(required=True)
    imported_at = fields.DateTime(required=True)


OUTCOME_RECORDED = Published(
    OUTCOME_RECORDED_TYPE,
    OUTCOMES,
    1,
    OutcomePayload,
    "a recruiter, the employer or the own coach recorded what happened to a proposed candidate",
)
SHORTAGE_LIST_IMPORTED = Published(
    SHORTAGE_LIST_IMPORTED_TYPE,
    SHORTAGES,
    1,
    ShortageListPayload,
    "an operator imported a file containing this (region, period)",
)


class _Missing(ma.Schema):
    uri = fields.String(required=True)
    label = fields.String(required=True)


class _Course(ma.Schema):
    provider = fields.String(required=True)
    course_id = fields.String(required=True)
    title_fi = fields.String(required=True, allow_none=True)
    title_sv = fields.String(required=True, allow_none=True)
    municipality = fields.String(required=True, allow_none=True)
    online = fields.Boolean(required=True)
    apprenticeship = fields.Boolean(required=True)
    length_weeks = fields.Float(required=True, allow_none=True)
    starts_on = fields.Date(required=True, allow_none=True)
    covers = fields.List(fields.String(), required=True)
    distance_km = fields.Float(required=True, allow_none=True)
    url = fields.String(required=True, allow_none=True)


class _Gap(ma.Schema):
    vacancy_id = fields.String(required=True)
    vacancy_title = fields.String(required=True)
    source = fields.String(required=True, validate=ma.validate.OneOf(["employer_feedback", "near_match"]))
    recorded_on = fields.Date(required=True)
    missing = fields.List(fields.Nested(_Missing), required=True)
    courses = fields.List(fields.Nested(_Course), required=True)
    uncovered = fields.List(fields.String(), required=True)


class TrainingPayload(ma.Schema):
    """Payload of ``training.suggested``, schema_version 1 (``TrainingHandlers._payload``, stamped)."""

    candidate_id = fields.String(required=True)
    gaps = fields.List(fields.Nested(_Gap), required=True)
    updated_at = fields.DateTime(required=True)


TRAINING_SUGGESTED = Published(
    "training.suggested",
    TRAINING,
    1,
    TrainingPayload,
    "the candidate's skill gaps or the courses chosen for them changed",
)
#: Why matching refused a request naming a candidate (``access.refused``'s ``reason``).
REFUSAL_REASONS = (
    "role",  # the caller's role has no such door (403)
    "unknown_vacancy",  # the vacancy in the path is unknown (404)
    "candidate_not_visible",  # no such candidate, or not one the caller may see (404: the same answer)
    "unknown_candidate",  # an outcome for no candidate the caller may record outcomes for (422)
    "not_found",  # any other 404 of a door naming a candidate
)


class RefusalPayload(ma.Schema):
    """Payload of ``access.refused``, schema_version 1 (``team.refusals``): who was refused what about
    which pseudonymous candidate. No personal data about the jobseeker: the pseudonym only."""

    candidate_id = fields.String(required=True, validate=ma.validate.Regexp(CANDIDATE_ID_PATTERN))
    actor = fields.String(required=True, metadata={"description": "the caller (the token's subject)"})
    actor_org = fields.String(required=True)
    actor_role = fields.String(required=True)
    route = fields.String(
        required=True, metadata={"description": "method and route rule, e.g. `GET /api/v1/…/explanation`"}
    )
    status = fields.Integer(required=True, validate=ma.validate.OneOf([403, 404, 422]))
    reason = fields.String(required=True, validate=ma.validate.OneOf(REFUSAL_REASONS))
    vacancy_id = fields.String(allow_none=True)
    refused_at = fields.DateTime(required=True)


ACCESS_REFUSED = Published(
    "access.refused",
    OUTCOMES,
    1,
    RefusalPayload,
    "matching refused a request naming the candidate (explanation, course plan, outcome, index versions): "
    "the profile service's audit log records it",
)
#: The door of a granted request naming a candidate (``access.granted``'s ``action``), by method and route
#: rule; a door added later that names a candidate the same way is ``request.granted``.
GRANTED_ACTIONS = {
    "GET /api/v1/vacancies/<vacancy_id>/candidates/<candidate_id>/explanation": "explanation.read",
    "GET /api/v1/vacancies/<vacancy_id>/candidates/<candidate_id>/training": "course_plan.read",
    "POST /api/v1/vacancies/<vacancy_id>/outcomes": "outcome.write",
    "POST /api/v1/index/versions": "index_versions.read",
}
OTHER_GRANTED_ACTION = "request.granted"
#: The outcome door's route (``TeamHandlers.record_outcome`` publishes its ``access.granted`` itself, with
#: the outcome, in one transaction).
OUTCOME_ROUTE = "POST /api/v1/vacancies/<vacancy_id>/outcomes"


class AccessPayload(ma.Schema):
    """Payload of ``access.granted``, schema_version 1 (``team.refusals``, ``TeamHandlers.record_outcome``):
    who was given what about which pseudonymous candidate (outside tester 36, H8). No personal data about the
    jobseeker and nothing anyone typed (an outcome's comment and follow-up stay in matching): the pseudonym,
    the caller, the door."""

    candidate_id = fields.String(required=True, validate=ma.validate.Regexp(CANDIDATE_ID_PATTERN))
    actor = fields.String(required=True, metadata={"description": "the caller (the token's subject)"})
    actor_org = fields.String(required=True)
    actor_role = fields.String(required=True)
    action = fields.String(
        required=True,
        validate=ma.validate.OneOf([*GRANTED_ACTIONS.values(), OTHER_GRANTED_ACTION]),
        metadata={"description": "the door: `explanation.read`, `course_plan.read`, `outcome.write` …"},
    )
    route = fields.String(
        required=True, metadata={"description": "method and route rule, e.g. `GET /api/v1/…/explanation`"}
    )
    status = fields.Integer(required=True, validate=ma.validate.Range(200, 299))
    vacancy_id = fields.String(allow_none=True)
    accessed_at = fields.DateTime(required=True)


def granted_action(route: str) -> str:
    """The ``access.granted`` action of a door (``GRANTED_ACTIONS``; ``OTHER_GRANTED_ACTION`` for any other)."""
    return GRANTED_ACTIONS.get(route, OTHER_GRANTED_ACTION)


def access_payload(
    candidate_id: str,
    caller: tuple[str, str, str],
    route: str,
    status: int,
    vacancy_id: str | None,
    at: datetime,
) -> dict[str, Any]:
    """An ``access.granted`` payload: ``caller`` is (subject, organisation, role); ``route`` the method and
    route rule answered ``status`` (2xx) at ``at`` (aware); ``vacancy_id`` an id's shape or None."""
    actor, actor_org, actor_role = caller
    return {
        "candidate_id": candidate_id,
        "actor": actor,
        "actor_org": actor_org,
        "actor_role": actor_role,
        "action": granted_action(route),
        "route": route,
        "status": status,
        "vacancy_id": vacancy_id,
        "accessed_at": at.isoformat(),
    }


ACCESS_GRANTED = Published(
    "access.granted",
    OUTCOMES,
    1,
    AccessPayload,
    "matching gave a caller a candidate's explanation or course plan, recorded an outcome, or answered another "
    "request naming the candidate: the profile service's audit log records it",
)
PUBLISHES: tuple[Published, ...] = (
    OUTCOME_RECORDED,
    SHORTAGE_LIST_IMPORTED,
    TRAINING_SUGGESTED,
    ACCESS_REFUSED,
    ACCESS_GRANTED,
)

# -- consumed ------------------------------------------------------------------------------------
PATHS_CONSUMER: ConsumerSpec[Any] = ConsumerSpec(
    service="matching",
    name=PATHS_CONSUMER_NAME,
    group="matching-service.paths",
    handles=(Handles(PATHS, PATH_UPDATED, versions(1), read_path, path_updated),),
    tombstones={PATHS.name: path_erased},
)
RATINGS_CONSUMER: ConsumerSpec[Any] = ConsumerSpec(
    service="matching",
    name="matching.ratings",
    group="matching-service.ratings",
    handles=(Handles(RATINGS, "rating.recorded", versions(1), read_rating, rating_recorded),),
)
# Withdrawal erases what the team part stores about the candidate (outcomes with their free text,
# rows of stored meetings); the index forgets the candidate in its own feed (index.events).
ERASURE_CONSUMER: ConsumerSpec[Any] = ConsumerSpec(
    service="matching",
    name="matching.erasure",
    group="matching-service.erasure",
    handles=(),
    ignores=frozenset({(CANDIDATES.name, "candidate.upserted")}),
    tombstones={CANDIDATES.name: candidate_withdrawn},
)
CONSUMES: tuple[ConsumerSpec[Any], ...] = (PATHS_CONSUMER, RATINGS_CONSUMER, ERASURE_CONSUMER)
