"""Erasure: when a jobseeker withdraws, the matching service forgets them everywhere it holds them.

The profile service publishes a tombstone (a ``null`` value under the candidate id) on the
candidates topic. The index drops the candidate at once (``index.feed``); the matching worker's
erasure consumer (``team.events.ERASURE_CONSUMER``) then deletes the candidate's outcomes (status,
comment and follow-up: the free text people typed) and removes every row naming the candidate from every stored
meeting, past weeks included, so no view, download or re-prepared meeting shows them again.
Idempotent: erasing twice changes nothing more.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from shared.messaging.consumer import Record
from shared.messaging.topics import TRAINING

log = logging.getLogger(__name__)


def without_candidate(content: Any, candidate_id: str) -> tuple[Any, int]:
    """``content`` (JSON-like meeting content) without any list item that is a mapping whose
    ``candidate_id`` is ``candidate_id``; returns the new content and how many items were removed."""
    removed = 0

    def walk(node: Any) -> Any:
        nonlocal removed
        if isinstance(node, dict):
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            kept = []
            for item in node:
                if isinstance(item, dict) and item.get("candidate_id") == candidate_id:
                    removed += 1
                    continue
                kept.append(walk(item))
            return kept
        return node

    return walk(content), removed


def erase_candidate(uow_factory: Callable[[], Any], candidate_id: str) -> dict[str, int]:
    """Delete the candidate's outcomes, remove them from every stored meeting and drop their skill
    gaps and service-path watch points, in one transaction; course suggestions already published
    for them are withdrawn with a tombstone on the training topic. Returns ``{"outcomes": n,
    "meeting_rows": m}``."""
    with uow_factory() as uow:
        outcomes = uow.outcomes.delete_for_candidate(candidate_id)
        rows = 0
        for stored in uow.meetings.naming(candidate_id):
            content, removed = without_candidate(stored.content, candidate_id)
            if removed:
                uow.meetings.replace_content(stored.region, stored.week, content)
                rows += removed
        uow.paths.erase(candidate_id)
        uow.training.erase(candidate_id)
        if uow.training.published_digest(candidate_id) is not None:
            uow.publish_tombstone(TRAINING, candidate_id)
            uow.training.mark_published(candidate_id, None)
        uow.commit()
    if outcomes or rows:
        log.info("candidate erased", extra={"outcomes": outcomes, "meeting_rows": rows})
    return {"outcomes": outcomes, "meeting_rows": rows}


def candidate_withdrawn(uow_factory: Callable[[], Any], record: Record) -> None:
    """A tombstone on the candidates topic (a withdrawal) erases the candidate."""
    if record.key:
        erase_candidate(uow_factory, record.key)
