"""Erasure: when a jobseeker withdraws, the matching service forgets them everywhere it holds them.

The profile service publishes a tombstone (a ``null`` value under the candidate id) on the
candidates topic. The index drops the candidate at once (``index.feed``); the matching worker's
erasure consumer (``team.events.ERASURE_CONSUMER``) then deletes the candidate's outcomes (status,
comment and follow-up: the free text people typed) and removes every row naming the candidate from every stored
meeting, past weeks included, so no view, download or re-prepared meeting shows them again.
Idempotent: erasing twice changes nothing more. Erasure is final: ``ErasedCandidates`` remembers
(by a keyed marker, nothing anyone could compute from the pseudonym) which candidates were withdrawn,
and the index never takes a record of theirs again.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError

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


def _count_down(counts: Any, keys: list[str]) -> Any:
    """``counts`` (``[{"key": k, "count": n}, ...]``) less one per item of ``keys``, dropping the
    entries that reach 0, in the same order."""
    if not isinstance(counts, list):
        return counts
    less: dict[str, int] = {}
    for key in keys:
        less[key] = less.get(key, 0) + 1
    kept = []
    for entry in counts:
        if isinstance(entry, dict) and entry.get("key") in less:
            n = int(entry.get("count", 0)) - less[entry["key"]]
            if n > 0:
                kept.append({**entry, "count": n})
        else:
            kept.append(entry)
    return kept


def without_path_rows(content: Any, candidate_id: str) -> Any:
    """``content`` (a stored meeting's JSON-like content) with the service-path follow-ups'
    figures recounted without ``candidate_id``: its rows (``paths.rows``) leave the counts by
    reason and by organisation, the jobseekers needing attention (``paths.needing_attention``,
    ``totals.path_attention``) and those followed (``paths.followed``) lose one (outside tester 27,
    T27-1: the rows went and the counts still held the withdrawn person). Call before
    ``without_candidate``. A person not among the stored rows (the meeting keeps the 50
    longest-waiting) stays in that week's counts: nothing stored says they were counted."""
    if not isinstance(content, dict) or not isinstance(content.get("paths"), dict):
        return content
    paths = content["paths"]
    mine = [
        r for r in paths.get("rows") or [] if isinstance(r, dict) and r.get("candidate_id") == candidate_id
    ]
    if not mine:
        return content
    paths = {
        **paths,
        "by_reason": _count_down(paths.get("by_reason"), [str(r.get("reason")) for r in mine]),
        "by_org": _count_down(paths.get("by_org"), [str(r.get("org")) for r in mine]),
        "needing_attention": max(0, int(paths.get("needing_attention") or 0) - 1),
        "followed": max(0, int(paths.get("followed") or 0) - 1),
    }
    content = {**content, "paths": paths}
    totals = content.get("totals")
    if isinstance(totals, dict) and isinstance(totals.get("path_attention"), int):
        content["totals"] = {**totals, "path_attention": max(0, totals["path_attention"] - 1)}
    return content


def erase_candidate(uow_factory: Callable[[], Any], candidate_id: str) -> dict[str, int]:
    """Delete the candidate's outcomes, remove them from every stored meeting, drop their skill
    gaps and service-path watch points and the outbox rows already published under their id, in
    one transaction; course suggestions already published
    for them are withdrawn with a tombstone on the training topic. Returns ``{"outcomes": n,
    "meeting_rows": m}``."""
    with uow_factory() as uow:
        outcomes = uow.outcomes.delete_for_candidate(candidate_id)
        rows = 0
        for stored in uow.meetings.naming(candidate_id):
            content, removed = without_candidate(
                without_path_rows(stored.content, candidate_id), candidate_id
            )
            if removed:
                uow.meetings.replace_content(stored.region, stored.week, content)
                rows += removed
        uow.paths.erase(candidate_id)
        uow.training.erase(candidate_id)
        uow.forget_published(candidate_id)  # outcome.recorded / training rows already sent
        if uow.training.published_digest(candidate_id) is not None:
            uow.publish_tombstone(TRAINING, candidate_id)
            uow.training.mark_published(candidate_id, None)
        uow.commit()
        uow.forget_erased()  # no copy left in SQLite's write-ahead log (outside tester 18, P12)
    if outcomes or rows:
        log.info("candidate erased", extra={"outcomes": outcomes, "meeting_rows": rows})
    return {"outcomes": outcomes, "meeting_rows": rows}


def candidate_withdrawn(uow_factory: Callable[[], Any], record: Record) -> None:
    """A tombstone on the candidates topic (a withdrawal) erases the candidate."""
    if record.key:
        erase_candidate(uow_factory, record.key)


#: What ``ErasedCandidates`` derives its marker key from ``Settings.record_key`` with.
MARKER_KEY_LABEL = b"kohtaanto erased candidates\x1f"


def marker_key(secret: bytes) -> bytes:
    """The key (32 bytes) of the erased candidates' markers: HMAC-SHA-256 of ``MARKER_KEY_LABEL`` under
    matching's record key (``KOHTAANTO_MATCHING_KEY``). Raises ``ValueError`` when ``secret`` is empty."""
    if not secret:
        raise ValueError("the erased candidates' markers need matching's record key")
    return hmac.new(secret, MARKER_KEY_LABEL, hashlib.sha256).digest()


def plain_digest(candidate_id: str) -> bytes:
    """The first 16 bytes of the SHA-256 of ``candidate_id``: what ``erased_candidates`` held before
    migration m0009 (an unkeyed hash: whoever held the pseudonym could find it there), now only the
    message the keyed marker is made of, so that m0009 turns a stored digest into its marker."""
    return hashlib.sha256(candidate_id.encode()).digest()[:16]


def marker(key: bytes, digest: bytes) -> bytes:
    """The marker (16 bytes) kept for an erased candidate: HMAC-SHA-256 under ``key`` (``marker_key``) of
    its ``plain_digest``, truncated. Without the key it is unrelated to the pseudonym, so the table tells
    a holder of an old pseudonym (an export, a meeting page, a Kafka segment) nothing."""
    return hmac.digest(key, digest, "sha256")[:16]


class ErasedCandidates:
    """The candidates withdrawn so far, each kept as a keyed marker (``marker``: 16 bytes of HMAC-SHA-256
    under a key derived from ``secret``, matching's ``KOHTAANTO_MATCHING_KEY``; 32 hex characters in the
    table ``erased_candidates``, about 50 bytes each in memory), with nothing else: not the pseudonymous
    id, not a hash anyone could compute from it, not when it was erased (privacy37: session 36 noted
    that the unkeyed digest and time let anyone holding an old pseudonym learn that, and when, the
    person withdrew).

    A withdrawn profile's candidate id never returns (a profile created again under its id is a new
    person with a new candidate id), so a record of an erased candidate read afterwards is stale by
    definition: a dead letter an operator re-published after the withdrawal (outside tester 6, G2:
    it sat after the tombstone on the compacted topic and brought the person back into shortlists,
    also on every later rebuild), or a late duplicate. The index feed asks this before it indexes a
    candidate (``MatchingState``). Loaded on first use, not at construction; thread-safe. Raises
    ``ValueError`` when ``secret`` is empty."""

    def __init__(self, engine: Engine, secret: bytes) -> None:
        self._engine = engine
        self._key = marker_key(secret)
        self._markers: set[bytes] | None = None
        self._lock = threading.Lock()

    def marker(self, candidate_id: str) -> bytes:
        """The marker ``candidate_id`` is kept as once erased."""
        return marker(self._key, plain_digest(candidate_id))

    def _loaded(self) -> set[bytes]:
        if self._markers is None:
            from services.matching.team.repository import erased_candidates

            with self._engine.connect() as conn:
                rows = conn.execute(select(erased_candidates.c.marker)).scalars()
                self._markers = {bytes.fromhex(d) for d in rows}
        return self._markers

    def __contains__(self, candidate_id: object) -> bool:
        if not isinstance(candidate_id, str):
            return False
        with self._lock:
            known = self._loaded()
            return bool(known) and self.marker(candidate_id) in known

    def add(self, candidate_id: str) -> None:
        """Remember that ``candidate_id`` was withdrawn (idempotent)."""
        from services.matching.team.repository import erased_candidates

        key = self.marker(candidate_id)
        with self._lock:
            known = self._loaded()
            if key in known:
                return
            try:
                with self._engine.begin() as conn:
                    conn.execute(insert(erased_candidates).values(marker=key.hex()))
            except IntegrityError:
                pass  # the other process (worker or web) wrote it first
            known.add(key)
