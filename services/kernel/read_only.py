"""Read-only fields sent back on a ``PUT``: what a ``GET`` shows besides what the client writes (ids,
the owner, the version, the timestamps) may come back in the body unchanged, so that a client can
``PUT`` what it read with one field edited (outside tester 23, S6: six such fields had to be removed
first). Unchanged, they are ignored; a value other than the stored one is a try to change what the
service sets, and is refused with a reason per field.

Pure (standard library only): the profile and vacancy domains apply it alike.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import UTC, datetime
from typing import Any

from services.kernel.texts import N_

#: The reason for a read-only field sent with another value than the stored one.
READ_ONLY_CHANGED = N_(
    "Read-only: the service sets it. Send it as you read it (GET) or leave it out; a different value "
    "is not stored."
)


def _same(sent: Any, stored: Any, folded: bool) -> bool:
    if isinstance(stored, datetime) and isinstance(sent, datetime):
        # one instant, whatever the offset it is written with (the API reads it in UTC)
        as_utc = [t if t.tzinfo is not None else t.replace(tzinfo=UTC) for t in (sent, stored)]
        return as_utc[0] == as_utc[1]
    if isinstance(stored, bool) or isinstance(sent, bool):
        return sent is stored
    if folded and isinstance(sent, str) and isinstance(stored, str):
        return sent.casefold() == stored.casefold()
    return bool(sent == stored)


def read_only_changes(
    sent: Mapping[str, Any],
    stored: Mapping[str, Any],
    *,
    folded: Collection[str] = (),
    reasons: Mapping[str, str] | None = None,
) -> dict[str, list[str]]:
    """Field → [reason] for each field of ``sent`` (read-only fields of a ``PUT`` body, as the API
    loaded them: text, integers, aware datetimes) whose value is not ``stored``'s (the aggregate's
    values by the same names; an enum by its value). Fields named in ``folded`` compare without letter
    case (ids the service compares so); datetimes as instants (``2026-12-01T09:00:00+02:00`` is
    ``07:00Z``). ``reasons`` gives a field its own reason instead of ``READ_ONLY_CHANGED``. Empty when
    everything sent is as stored."""
    out: dict[str, list[str]] = {}
    for name, value in sent.items():
        current = stored.get(name)
        current = getattr(current, "value", current)  # an enum as the API shows it
        if not _same(value, current, name in folded):
            out[name] = [(reasons or {}).get(name, READ_ONLY_CHANGED)]
    return out
