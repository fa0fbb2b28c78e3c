"""The profile service reads recruiters' outcomes: every referral is noted (for satisfaction ratings)
and a hired candidate's profile is marked hired."""

from __future__ import annotations

from datetime import date

from services.profile.handlers import ProfileHandlers
from shared.messaging.consumer import PoisonMessageError, Record

HIRED = "hired"


def handle_outcome(handlers: ProfileHandlers, record: Record) -> None:
    envelope = record.envelope
    if envelope is None or envelope.event_type != "outcome.recorded":
        return
    payload = envelope.payload
    needed = ("candidate_id", "status", "vacancy_id", "occurred_on", "recorded_by_org")
    if not all(isinstance(payload.get(k), str) for k in needed):
        raise PoisonMessageError(f"outcome.recorded needs {', '.join(needed)} as strings")
    try:
        date.fromisoformat(payload["occurred_on"])
    except ValueError:
        raise PoisonMessageError("outcome.recorded: occurred_on is not an ISO date") from None
    handlers.outcome_recorded(envelope.event_id, dict(payload))
