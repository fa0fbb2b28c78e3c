"""Erasure: when a jobseeker withdraws, the matching service forgets them everywhere it holds them.

The profile service publishes a tombstone (a ``null`` value under the candidate id) on the
candidates topic. The index drops the candidate at once (``index.feed``); the matching worker's
erasure consumer (``erasure_consumer``) then deletes the candidate's outcomes (status, comment and
follow-up: the free text people typed) and removes every row naming the candidate from every stored
meeting, past weeks included, so no view, download or re-prepared meeting shows them again.
Idempotent: erasing twice changes nothing more.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from shared.messaging.consumer import ConsumerLoop, DeadLetters, Record

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
    """Delete the candidate's outcomes and remove them from every stored meeting, in one transaction.
    Returns ``{"outcomes": n, "meeting_rows": m}``."""
    with uow_factory() as uow:
        outcomes = uow.outcomes.delete_for_candidate(candidate_id)
        rows = 0
        for stored in uow.meetings.naming(candidate_id):
            content, removed = without_candidate(stored.content, candidate_id)
            if removed:
                uow.meetings.replace_content(stored.region, stored.week, content)
                rows += removed
        uow.commit()
    if outcomes or rows:
        log.info("candidate erased", extra={"outcomes": outcomes, "meeting_rows": rows})
    return {"outcomes": outcomes, "meeting_rows": rows}


def handle_candidate_record(uow_factory: Callable[[], Any], record: Record) -> None:
    """A tombstone on the candidates topic erases the candidate; other records are not ours."""
    if record.envelope is None and record.key:
        erase_candidate(uow_factory, record.key)


def erasure_consumer(
    settings: Any, uow_factory: Callable[[], Any]
) -> Callable[[threading.Event, Any], Callable[[], None]]:
    """A worker consumer (``shared.worker.run_worker``) of the candidates topic, group
    ``matching-service.erasure``, that erases withdrawn candidates."""
    from shared.messaging.kafka import make_consumer

    def factory(stop: threading.Event, sender: Any) -> Callable[[], None]:
        def run() -> None:
            kafka = settings.common.kafka
            consumer = make_consumer(kafka, group_id="matching-service.erasure")
            consumer.subscribe([kafka.candidates_topic])
            loop = ConsumerLoop(
                consumer,
                lambda r: handle_candidate_record(uow_factory, r),
                DeadLetters(sender, kafka.dead_letter_topic, "matching.erasure"),
                name="matching.erasure",
            )
            loop.run(stop)

        return run

    return factory
