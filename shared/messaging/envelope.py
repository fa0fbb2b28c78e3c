"""The versioned envelope every Kohtaanto event travels in (see docs/events.md)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson

from shared.logging import current_request_id

ENVELOPE_VERSION = 1

# A run of 19 or more digits may be an integer beyond 64 bits, which orjson would read as a float:
# digits mapped to "0" and every other byte to " ", then searched (C speed; a regex is 30x slower).
_DIGITS_ONLY = bytes(0x30 if 0x30 <= b <= 0x39 else 0x20 for b in range(256))
_LONG_DIGITS = b"0" * 19


def loads(raw: bytes) -> Any:
    """``json.loads(raw)``, the same value and the same errors, faster: orjson (MPL-2.0 AND
    (Apache-2.0 OR MIT), as its package metadata says; C/Rust) reads what it reads exactly like the
    standard library; whatever it refuses (NaN, 1e400, lone surrogates, UTF-16, a byte-order mark,
    broken JSON) and integers that may not fit 64 bits (any run of 19 or more digits) go to
    ``json.loads``. About 1.35x as fast as ``json.loads`` on a 4 KB candidate event (orjson alone
    2.3x; the digit guard costs the rest: docs/benchmarks.md, "Reading an envelope"). Raises
    ``json.JSONDecodeError`` or ``UnicodeDecodeError`` as ``json.loads`` does. The matching index
    decodes every candidate event with it when it rebuilds from the topics (issue 9)."""
    if _LONG_DIGITS not in raw.translate(_DIGITS_ONLY):
        try:
            return orjson.loads(raw)
        except orjson.JSONDecodeError:
            pass
    return json.loads(raw)


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
        """The envelope as a JSON-ready dict: ``envelope_version``, ``event_id``, ``event_type``,
        ``schema_version``, ``occurred_at`` (ISO 8601 with offset), ``producer``, ``key``, ``payload``
        (a copy), and ``correlation_id`` only when there is one (docs/events.md, "The envelope")."""
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
        """The Kafka record value: ``to_dict()`` as compact JSON in UTF-8 (non-ASCII kept as is, not
        escaped). Its length in bytes is what the event budget (``topics.MAX_EVENT_BYTES``) counts.
        Raises ``TypeError`` or ``ValueError`` when the payload holds what JSON cannot encode."""
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":")).encode()

    @classmethod
    def decode(cls, raw: bytes) -> Envelope:
        """The envelope a Kafka record value (UTF-8 JSON bytes) holds. Unknown envelope fields are
        ignored; ``payload`` is returned as decoded, unchecked (each consumer's reader checks it).
        Raises ``EnvelopeError`` (a poison message) when ``raw`` is not JSON, not an object, lacks one
        of the required fields, has a payload that is not an object, or an ``occurred_at`` or
        ``schema_version`` that does not parse."""
        try:
            data = loads(raw)
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
