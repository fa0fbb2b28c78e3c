"""What an upload that replaces stored sets does to them, and when it must be confirmed.

An uploaded training catalogue replaces each provider's courses, and an uploaded shortage file each
(region, period) list it holds: a row left out of the file is removed. A file holding one course of a
school's 45 removed the other 44 without a word (outside tester 34, F13), so ``changes`` tells, per
stored set, the ids the upload adds, changes and removes, and ``needs_confirming`` says when it would
remove most of a set: then the import is refused until the caller confirms the removal.

Pure (standard library only): the rule, not where the sets are stored or how the answer is shown.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

#: A replacement needs confirming when it removes more than this share of a stored set's rows ...
REMOVAL_SHARE = 0.5
#: ... and at least this many of them (a set of 3 rows losing 2 is an ordinary correction).
REMOVAL_MINIMUM = 10


def removal_needs_confirming(
    stored: int, removed: int, *, share: float = REMOVAL_SHARE, minimum: int = REMOVAL_MINIMUM
) -> bool:
    """Whether removing ``removed`` of ``stored`` rows (counts, ``0 <= removed <= stored``) is more
    than ``share`` of them and at least ``minimum``: the upload is then refused unless confirmed."""
    return removed >= minimum and removed > share * stored


@dataclass(frozen=True, slots=True)
class Replacement:
    """What replacing one stored set with the uploaded one does.

    ``scope``: the set (a provider id; a shortage list's ``region|period`` key). ``stored``: how many
    rows it held (0: new). ``added``, ``changed``, ``removed``: row ids (sorted) new in the file, in
    both with different content, stored but not in the file. Rows in both and alike are unchanged."""

    scope: str
    stored: int
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    @property
    def needs_confirming(self) -> bool:
        """``removal_needs_confirming`` of this set's counts."""
        return removal_needs_confirming(self.stored, len(self.removed))


def changes(scope: str, stored: Mapping[str, Hashable], uploaded: Mapping[str, Hashable]) -> Replacement:
    """The ``Replacement`` of ``stored`` (row id → comparable content) by ``uploaded`` (the same)."""
    return Replacement(
        scope,
        len(stored),
        added=tuple(sorted(k for k in uploaded if k not in stored)),
        changed=tuple(sorted(k for k in uploaded if k in stored and uploaded[k] != stored[k])),
        removed=tuple(sorted(k for k in stored if k not in uploaded)),
    )


class RemovalNotConfirmedError(Exception):
    """The upload would remove most of one or more stored sets (``unconfirmed``: those sets'
    ``Replacement``) and the caller did not confirm the removal: nothing was stored."""

    def __init__(self, unconfirmed: Iterable[Replacement]) -> None:
        self.unconfirmed = tuple(unconfirmed)
        super().__init__(
            ", ".join(f"{r.scope}: {len(r.removed)} of {r.stored} removed" for r in self.unconfirmed)
        )


def refuse_unconfirmed(replacements: Iterable[Replacement], confirmed: bool) -> None:
    """Raise ``RemovalNotConfirmedError`` naming every set that needs confirming, unless ``confirmed``."""
    unconfirmed = [r for r in replacements if r.needs_confirming]
    if unconfirmed and not confirmed:
        raise RemovalNotConfirmedError(unconfirmed)
