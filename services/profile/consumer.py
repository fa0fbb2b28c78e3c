"""The profile service reads recruiters' outcomes: a hired candidate's profile is marked hired."""

from __future__ import annotations

from services.profile.handlers import ProfileHandlers
from shared.messaging.consumer import PoisonMessageError, Record

HIRED = "hired"


def handle_outcome(handlers: ProfileHandlers, record: Record) -> None:
    envelope = record.envelope
    if envelope is None or envelope.event_type != "outcome.recorded":
        return
    payload = envelope.payload
    candidate_id = payload.get("candidate_id")
    if not isinstance(candidate_id, str) or not isinstance(payload.get("status"), str):
        raise PoisonMessageError("outcome.recorded needs candidate_id and status strings")
    if payload["status"] == HIRED:
        role, org = payload.get("recorded_by_role"), payload.get("recorded_by_org")
        handlers.candidate_hired(
            envelope.event_id,
            candidate_id,
            role if isinstance(role, str) else None,
            org if isinstance(org, str) else None,
        )
