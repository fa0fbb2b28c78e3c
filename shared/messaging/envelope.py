"""The versioned envelope every Kohtaanto event travels in (see docs/events.md)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from shared.logging import current_request_id

ENVELOPE_VERSION = 1


class EnvelopeError(ValueError):
    """A message is not a well-formed Kohtaanto envelope (a poison message)."""


@dataclass(frozen=True, slots=True)
class Envelope:
    """One event: what happened (type, payload), to which aggregate (key), when and who said so."""

    event_type: str
    key: str
    payload: Mapping[str, Any]
    producer: str
    schema_version: int = 1
    event_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    occurred_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    # The request (or event) that caused this one, for following it through the logs; taken from
    # the log context of the thread that creates the envelope (shared.logging). Optional.
    correlation_id: str | None = field(default_factory=current_request_id)

    def to_dict(self) -> dict[str, Any]:
        data = {
            "envelope_version": ENVELOPE_VERSION,
            "event_id": self.event_id,
            "event_type": self.event_type,
            "schema_version": self.schema_version,
            "occurred_at": self.occurred_at.isoformat(),
            "producer": self.producer,
            "key": self.key,
            "payload": dict(self.payload),
        }
        if self.correlation_id:
            data["correlation_id"] = self.correlation_id
        return data

    def encode(self) -> bytes:
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":")).encode()

    @classmethod
    def decode(cls, raw: bytes) -> Envelope:
        try:
            data = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise EnvelopeError(f"not JSON: {exc}") from None
        if not isinstance(data, dict):
            raise EnvelopeError("envelope is not a JSON object")
        missing = sorted(
            {"event_id", "event_type", "schema_version", "occurred_at", "producer", "key", "payload"}
            - data.keys()
        )
        if missing:
            raise EnvelopeError(f"envelope lacks {', '.join(missing)}")
        if not isinstance(data["payload"], dict):
            raise EnvelopeError("payload is not a JSON object")
        try:
            occurred_at = datetime.fromisoformat(data["occurred_at"])
            schema_version = int(data["schema_version"])
        except (TypeError, ValueError) as exc:
            raise EnvelopeError(f"bad envelope field: {exc}") from None
        return cls(
            event_type=str(data["event_type"]),
            key=str(data["key"]),
            payload=data["payload"],
            producer=str(data["producer"]),
            schema_version=schema_version,
            event_id=str(data["event_id"]),
            occurred_at=occurred_at,
            correlation_id=data["correlation_id"] if isinstance(data.get("correlation_id"), str) else None,
        )
