"""How a job ad's text splits into sentences, and how many of them skill recognition reads: the
vacancy service warns the employer from the same count that the matching service reads by.

Pure (standard library only), so every domain core may import it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: Sentences of one text that skill recognition reads: bounds the work of one text to ~1.5
#: CPU-seconds (20–30 CPU-ms a sentence), and so the recognise API's cost per request and a
#: vacancy's enrichment. Which ones when a text has more: matching's `sentences_to_read` (the
#: requirement sections first).
MAX_SENTENCES = 50

#: Characters of one text that skill recognition reads, whatever its sentences' lengths: the work
#: follows the characters (about 0.05–0.1 CPU-ms each), so `MAX_SENTENCES` alone did not bound it
#: (outside tester 36, H4: one 18,200-character comma list with no full stop, one "sentence", cost
#: 1.8 CPU-s). Which ones when a text has more: matching's `sentences_to_read` reads the sentences
#: in its order until the budget is spent and the one that crosses it in part (`cut_to`).
MAX_READ_CHARS = 8_000

#: One unit of recognition work, as the rate limit counts it (`reading_units`): a started
#: `CHARS_PER_UNIT` characters of a sentence read (an ordinary sentence is one unit).
CHARS_PER_UNIT = 200

SENTENCE_END = re.compile(
    r"(?<=[.!?])\s+(?=[\"'(\[]?[A-ZÅÄÖ0-9•*-])|\n+|\s*[•·▪◦●■]\s*|\s+[–—]\s+|^\s*[-*]\s+", re.M
)


#: A run of two or more whitespace characters. `SENTENCE_END`'s `\s*` / `\s+` alternatives are tried
#: at every position of a run, so a long run cost its length squared (outside tester 36b, J1: "x" and
#: 19,990 spaces took 20 CPU-s); read as one space, or one line end when it holds one, they are linear.
WHITESPACE_RUN = re.compile(r"\s{2,}")


def _one_whitespace(run: re.Match[str]) -> str:
    return "\n" if "\n" in run.group() else " "


def sentences(text: str) -> list[str]:
    """Sentences, bullet points and lines of `text`, stripped, empty ones dropped. Never splits at
    `;`, `:` or inside a sentence. A run of whitespace inside a sentence reads as one space, and a run
    holding a line end as one line end (blank lines split as a line end does). Linear in
    ``len(text)``."""
    parts = SENTENCE_END.split(WHITESPACE_RUN.sub(_one_whitespace, text))
    return [s.strip(" \t-*") for s in parts if s and s.strip(" \t-*.")]


def reading_units(parts: Iterable[str]) -> int:
    """The units of work of reading `parts` (the sentences recognition reads): per sentence, one unit
    per started `CHARS_PER_UNIT` characters; 0 for none. A unit costs at most a few tens of CPU-ms
    whatever the sentence's shape (benchmarks/recognition_cost.py)."""
    return sum(-(-len(p) // CHARS_PER_UNIT) for p in parts)


def cut_to(sentence: str, room: int) -> str:
    """`sentence`'s first at most `room` characters (`room` ≥ 0), ended before a space or comma when
    one lies in their second half, else cut inside the word; `sentence` itself when it fits."""
    if len(sentence) <= room:
        return sentence
    head = sentence[:room]
    boundary = max(head.rfind(" "), head.rfind(","))
    return (head[:boundary] if boundary > room // 2 else head).rstrip(" ,")


#: Characters of one sentence that the phrase readings of a whole ad read (the vacancy service's
#: language, licence and card requirements, the ad limits, the negation scopes): an ordinary
#: sentence is far shorter, and their work grows faster than the sentence (outside tester 36b, J1:
#: "suomen ja ruotsin kielen taito " × 600 with no full stop, one sentence, cost 50 CPU-s at a
#: vacancy's POST, eight times the CPU for twice the text). Past it a sentence is not read.
MAX_SENTENCE_CHARS = 1_000


def within_reach(sentence: str) -> str:
    """`sentence`'s first at most `MAX_SENTENCE_CHARS` characters (`cut_to`): what a phrase reading
    reads of it, so that its work is bounded per sentence and linear in the text."""
    return cut_to(sentence, MAX_SENTENCE_CHARS)
