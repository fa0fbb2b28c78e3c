"""Which jobseekers a refused request named, and why it was refused: the HTTP edge's part of auditing
refused attempts at a jobseeker's data (the services decide where the entry goes).

- ``mark_refused(reason)``: a view says, before it aborts, that its answer refuses access to the
  candidate(s) the request names, and why (a short code). Needed where the status alone does not
  tell a refusal from bad input: matching's 422 "Unknown candidate" on an outcome is a refusal (no
  consent, or nobody), its 422 for a bad status is not.
- ``refusal_of(status)``: the reason of this request's refusal, or None when the answer refuses
  nothing: a marked reason, else ``role`` for a 403 and ``not_found`` for a 404.
- ``named_candidates()``: the pseudonymous candidate ids the request names (``candidate_id`` in the
  path, ``candidate_id`` and ``candidate_ids`` in a JSON body), each once, in order, at most
  ``MAX_NAMED``; anything not of the pseudonym's shape (``c-`` + 24 hex: an identity code, a name) is
  never returned, so it never reaches an event or a log (a refused role's body is not validated).
"""

from __future__ import annotations

import re
from typing import Any

from flask import g, request

from shared.messaging.topics import CANDIDATE_ID_PATTERN

_CANDIDATE = re.compile(CANDIDATE_ID_PATTERN)
_MARK = "kohtaanto_refusal"
#: At most this many candidate ids of one request are named (the contact look-up's own cap).
MAX_NAMED = 100
REFUSED_STATUSES = {403: "role", 404: "not_found"}


def mark_refused(reason: str) -> None:
    """This request's answer refuses access to the candidates it names, for ``reason``."""
    setattr(g, _MARK, reason)


def refusal_of(status: int) -> str | None:
    """Why this request's answer (of HTTP ``status``) refused access (module docstring), or None."""
    marked: str | None = g.get(_MARK)
    if marked is not None and status >= 400:
        return marked
    return REFUSED_STATUSES.get(status)


def named_candidates() -> list[str]:
    """The pseudonymous candidate ids this request names (module docstring); never raises."""
    found: list[Any] = []
    path_value = (request.view_args or {}).get("candidate_id")
    if path_value is not None:
        found.append(path_value)
    body = request.get_json(silent=True) if request.is_json else None
    if isinstance(body, dict):
        listed = body.get("candidate_ids")
        if isinstance(listed, list):
            found += listed[:MAX_NAMED]
        found.append(body.get("candidate_id"))
    named = [c for c in found if isinstance(c, str) and _CANDIDATE.match(c)]
    return list(dict.fromkeys(named))[:MAX_NAMED]
