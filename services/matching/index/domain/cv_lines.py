"""The occupations a CV or a coach's note names as the person's own work (issue 12, session 38,
helper `cv38`; outside tester 38, M1/M2).

In an ad the occupation named is the job hired for, and recognition sets it aside (its skills come
from the title). In a CV ("Kokki lounasravintolassa 2010-2022.", "Kock på lunchrestaurang
2010-2022.", "Cook at a lunch restaurant 2010-2022.", "Valmistunut lähihoitajaksi 2026.") it is
the person's experience: `named_work` returns each such occupation once, with the years the line
gives, so the coach can add it as a work-history row (the index infers the occupation's essential
skills from that row, evidence kind "inferred"). A line about studying for an occupation or wishing
for one ("Opiskelen leipuri-kondiittoriksi", "Haluan palata varhaiskasvatukseen", "Vill bli
busschaufför") names no experience and gives none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

NOT_HELD = re.compile(
    r"\b(?:"
    # Finnish: studying, graduating later, wishing, aiming
    r"opiskel\w*|valmistun|valmistuu|valmistumassa|haluai?s\w*|haluan|haluaa|toivo\w*|tavoit\w*|"
    r"suunnittele\w+\s+(?:alan|uraa)|kiinnost\w*|"
    # Swedish
    r"studera\w*|studier|vill|önska\w*|målet|siktar|"
    # English
    r"studying|student|will\s+graduate|want\w*|wish\w*|would\s+like|hop(?:e|es|ing)\s+to|aim\w*|"
    r"interested"
    r")\b",
    re.I,
)
"""Words saying the person is not (yet) in the occupation the line names: studies, wishes, aims."""

_YEAR = r"(?:19[5-9]\d|20\d\d)"
_SPAN = re.compile(
    rf"(?<!\d)(?P<start>{_YEAR})\s*(?:[-–—]|\.\.|to|till|asti)\s*"
    rf"(?:(?P<end>{_YEAR})(?!\d)|(?P<open>nyt|nykyhetki|present|now|today|nu|pågående|\s*$|\s*[.,;)]))",
    re.I,
)
"""A span of years: "2010-2022", "2015–", "2015 - nyt", "2018–present", "2019–nu"."""


@dataclass(frozen=True)
class NamedWork:
    """An occupation the text names as the person's own (`uri`: ESCO occupation URI), in the
    sentence `source` (as written); `years` (whole years, at least 1) and `ended_year` when the
    sentence gives a span of years ("2010-2022": 12, 2022; "2018–nyt": the years to `this_year`,
    None), both None when it gives none ("Olen lähihoitaja.", "Valmistunut lähihoitajaksi 2026.")."""

    uri: str
    source: str
    years: int | None = None
    ended_year: int | None = None


def years_of(sentence: str, this_year: int) -> tuple[int | None, int | None]:
    """(years, ended_year) of the first span of years in `sentence` ("2010-2022" → (12, 2022);
    "2018–nyt" with `this_year` 2026 → (8, None)); (None, None) when it has none or the span runs
    backwards. Years are whole and at least 1 ("2021-2021" → 1)."""
    m = _SPAN.search(sentence)
    if m is None:
        return None, None
    start = int(m["start"])
    end = int(m["end"]) if m["end"] else None
    last = end if end is not None else this_year
    if last < start or start > this_year:
        return None, None
    return max(1, last - start), end


def named_work(
    parts: Sequence[str],
    occupations_in: Callable[[str], Sequence[str]],
    this_year: int,
    limit: int = 10,
) -> list[NamedWork]:
    """The occupations the sentences `parts` of a CV or coach's note name as the person's own, in
    the text's order, each URI once (its first sentence; at most `limit`). `occupations_in(sentence)`
    gives the ESCO occupation URIs a sentence names (the recogniser's, in the text's language). A
    sentence saying the person studies for, wishes or aims at an occupation (`NOT_HELD`) names none."""
    found: dict[str, NamedWork] = {}
    for sentence in parts:
        if len(found) >= limit:
            break
        if NOT_HELD.search(sentence):
            continue
        uris = occupations_in(sentence)
        if not uris:
            continue
        years, ended = years_of(sentence, this_year)
        for uri in uris:
            if uri not in found and len(found) < limit:
                found[uri] = NamedWork(uri, sentence, years, ended)
    return list(found.values())
