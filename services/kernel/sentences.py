"""How a job ad's text splits into sentences, and how many of them skill recognition reads: the
vacancy service warns the employer from the same count that the matching service reads by.

Pure (standard library only), so every domain core may import it.
"""

from __future__ import annotations

import re

#: Sentences of one text that skill recognition reads: bounds the work of one text to ~1.5
#: CPU-seconds (20–30 CPU-ms a sentence), and so the recognise API's cost per request and a
#: vacancy's enrichment. Which ones when a text has more: matching's `sentences_to_read` (the
#: requirement sections first).
MAX_SENTENCES = 50

SENTENCE_END = re.compile(
    r"(?<=[.!?])\s+(?=[\"'(\[]?[A-ZÅÄÖ0-9•*-])|\n+|\s*[•·▪◦●■]\s*|\s+[–—]\s+|^\s*[-*]\s+", re.M
)


def sentences(text: str) -> list[str]:
    """Sentences, bullet points and lines of `text`, stripped, empty ones dropped. Never splits at
    `;`, `:` or inside a sentence."""
    parts = SENTENCE_END.split(text)
    return [s.strip(" \t-*") for s in parts if s and s.strip(" \t-*.")]
