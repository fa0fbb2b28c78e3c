"""Re-checking the free text stored in matching for personal data: outcome comments, follow-up
actions and the copies of both in stored meetings.

Since outside tester 16's P6, a comment or follow-up with an identity code, a birth date, contact
details, an address or health data is refused when it is written (``shared.pii.refuse_sensitive_data``).
What was stored before that check is not re-checked by it, so an operator runs this once (and after
any widening of the check): ``python -m services.matching.team.cli recheck-comments`` lists what it
finds (where and which kinds, never the text itself: the list goes to a terminal or a log), and with
``--mask`` replaces each finding by its placeholder (``[syntymäaika]``, ``[terveystieto]``,
``[puhelin]`` …; ``shared.pii.MATCHING_PLACEHOLDERS``) in one transaction. Names are not detected
(``shared.pii`` says why): the list is what a reviewer reads first, not a guarantee.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from shared.pii import MATCHING_PLACEHOLDERS, find_sensitive_data
from shared.text import hidden_text, without_hidden_text

log = logging.getLogger(__name__)

#: Keys of a stored meeting's content whose string values are text people typed (``meeting.OutcomeRow.comment``,
#: ``meeting.FollowUpRow.action``)
TYPED_KEYS = ("comment", "action")
#: The kind ``kinds_in`` gives a text carrying text nobody sees (``shared.text.hidden_text``: any default-ignorable
#: code point where it changes nothing a reader sees; refused when written since outside tester 37, K1, and 37b, L1).
HIDDEN_TEXT = "hidden_text"


@dataclass(frozen=True, slots=True)
class Found:
    """One stored text with personal data: ``where`` ("outcome <id>" or "meeting <region> <week>"),
    ``field`` ("comment", "follow_up.action", or the path in a meeting's content, e.g.
    "outcomes/3/comment"), ``kinds`` found (``shared.pii`` kinds, sorted), and the vacancy, the
    recording organisation and the day when known (for the reviewer to find the record)."""

    where: str
    field: str
    kinds: tuple[str, ...]
    vacancy_id: str = ""
    org: str = ""
    day: str = ""

    def line(self) -> str:
        """One line for the operator: where, field, kinds; never the text."""
        extra = " ".join(
            f"{k}={v}" for k, v in (("vacancy", self.vacancy_id), ("org", self.org), ("on", self.day)) if v
        )
        return f"{self.where}\t{self.field}\t{','.join(self.kinds)}" + (f"\t{extra}" if extra else "")


def kinds_in(text: str | None) -> tuple[str, ...]:
    """The kinds of personal data ``find_sensitive_data`` finds in ``text``, and ``HIDDEN_TEXT`` when it
    carries hidden text (whatever that says: it is removed, not read), sorted; () for none."""
    if not text:
        return ()
    kinds = {f.kind for f in find_sensitive_data(text)} | ({HIDDEN_TEXT} if hidden_text(text) else set())
    return tuple(sorted(kinds))


def masked(text: str) -> str:
    """``text`` without its hidden text (``shared.text.without_hidden_text``) and with each
    ``find_sensitive_data`` finding replaced by its placeholder."""
    text = without_hidden_text(text)
    out, at = [], 0
    for f in find_sensitive_data(text):
        out += [text[at : f.start], MATCHING_PLACEHOLDERS.get(f.kind, "[?]")]
        at = f.end
    return "".join([*out, text[at:]])


def typed_texts(content: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(path, text) of every string under a ``TYPED_KEYS`` key anywhere in a meeting's JSON content."""
    if isinstance(content, dict):
        for key, value in content.items():
            here = f"{path}/{key}" if path else str(key)
            if key in TYPED_KEYS and isinstance(value, str):
                yield here, value
            else:
                yield from typed_texts(value, here)
    elif isinstance(content, list):
        for i, value in enumerate(content):
            yield from typed_texts(value, f"{path}/{i}" if path else str(i))


def masked_content(content: Any) -> Any:
    """A meeting's content with every typed text ``masked``."""
    if isinstance(content, dict):
        return {
            k: masked(v) if k in TYPED_KEYS and isinstance(v, str) else masked_content(v)
            for k, v in content.items()
        }
    if isinstance(content, list):
        return [masked_content(v) for v in content]
    return content


def recheck(uow_factory: Callable[[], Any], *, mask: bool = False, by: str = "operator@cli") -> list[Found]:
    """Every stored outcome comment, follow-up action and meeting text holding personal data, as
    ``Found`` (outcomes first, by recording time; then meetings by region and week). With ``mask``,
    each is rewritten with its findings masked, all in one transaction, and one log line says how
    many and ``by`` whom (no text)."""
    found: list[Found] = []
    with uow_factory() as uow:
        for o in uow.outcomes.all():
            where = f"outcome {o.outcome_id}"
            known = {"vacancy_id": o.vacancy_id, "org": o.recorded_by_org, "day": o.occurred_on.isoformat()}
            comment_kinds = kinds_in(o.comment)
            action_kinds = kinds_in(o.follow_up.action) if o.follow_up else ()
            if comment_kinds:
                found.append(Found(where, "comment", comment_kinds, **known))
            if action_kinds:
                found.append(Found(where, "follow_up.action", action_kinds, **known))
            if mask and (comment_kinds or action_kinds):
                follow_up = o.follow_up.to_dict() if o.follow_up else None
                if follow_up is not None:
                    follow_up["action"] = masked(follow_up["action"])
                uow.outcomes.rewrite_texts(o.outcome_id, masked(o.comment), follow_up)
        for stored in uow.meetings.all():
            hits = [(path, kinds) for path, text in typed_texts(stored.content) if (kinds := kinds_in(text))]
            found += [Found(f"meeting {stored.region} {stored.week}", path, kinds) for path, kinds in hits]
            if mask and hits:
                uow.meetings.replace_content(stored.region, stored.week, masked_content(stored.content))
        if mask:
            uow.commit()
    if mask and found:
        log.info("stored comments masked", extra={"texts": len(found), "by": by})
    return found
