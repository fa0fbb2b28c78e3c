"""Trade variants of a general skill: ESCO labels that are another skill's label plus the trade or
setting it is done in ("work independently" → "work independently as an artist", "… on exhibitions",
"… in forestry services"; "manage time" → "manage time in landscaping").

A generic requirement ("kykyä itsenäiseen työskentelyyn") matches each variant almost as well as the
general skill, so the variants took the places of the general one's neighbours and were suggested at
0.51 beside it (outside tester 30, T30-7). A variant is meant only when the text names its trade:
`demote_unnamed_variants` lowers a variant in each sentence that names none of its qualifier's words
while the general skill scores there too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

VARIANT_WEIGHT = 0.5
"""A variant's score in a sentence naming none of its trade words, as a share of the lower of its own
and the general skill's score there."""

_JOINS = frozenset(
    [
        "as",
        "on",
        "in",
        "for",
        "with",
        "at",
        "of",
        "to",
        "within",
        "under",
        "during",
        "from",
        "by",
        "into",
        "using",
        "via",
        "through",
        "according",
    ]
)
"""Words that start a variant's qualifier after the general label ("… as an artist", "… in forestry")."""
_STEM = 5
"""Letters of a qualifier word the text must contain ("metsä" in "metsätaloudessa", "artis" in "artists")."""
_WORD = re.compile(r"[^\W\d_]{4,}")


@dataclass(frozen=True, slots=True)
class LabelVariants:
    """Pairs of (general skill, trade variant) positions and the variant's qualifier stems."""

    general: np.ndarray
    """(n_pairs,) int64: the general skill's position."""
    variant: np.ndarray
    """(n_pairs,) int64: the variant's position."""
    stems: tuple[tuple[str, ...], ...]
    """Per pair, lower-cased stems of the words the variant's labels add (English, Finnish, Swedish)."""

    def __len__(self) -> int:
        return len(self.variant)


_NO_TRADE = frozenset(["kanssa", "från", "inom", "eller", "tai", "ja", "och"])
"""Joining words of four letters or more that name no trade ("work *with* an artistic team",
"työskennellä taiteellisen tiimin *kanssa*")."""


def _added_stems(general: str, variant: str) -> set[str]:
    """Stems of `variant`'s words that `general` lacks: a word sharing its first four letters with
    one of `general`'s is the same word inflected ("teams"/"team", "tiimeissä"/"tiimin"). Not the
    first word when both labels start with a different one: ESCO writes a competence verb first, and
    a translation may choose another verb for the variant than for the general skill ("toimia
    itsenäisesti myyjänä" beside "työskennellä itsenäisesti"), which names no trade (outside tester
    34, F7: "kykyä toimia itsenäisesti" kept *work independently in sales* first)."""
    have = {w[:4] for w in _WORD.findall(general.lower())}
    words = _WORD.findall(variant.lower())
    first = words[0] if words and variant.split()[:1] != general.split()[:1] else None
    return {
        w[:_STEM]
        for i, w in enumerate(words)
        if w[:4] not in have and w not in _NO_TRADE and w not in _JOINS and not (i == 0 and w == first)
    }


_ARTICLES = frozenset(["a", "an", "the"])
_INSERTED_WORDS = 3
"""At most this many words inserted inside a general label make a variant ("work in a *construction*
team", "work in *textile manufacturing* teams", "manage *sales* teams")."""


def _bare(word: str) -> str:
    """A label word without a plural "s" ("teams" → "team"), to compare labels written in either number."""
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def _content_words(label: str) -> list[str]:
    """A label's words without articles, plural "s" and which joining word ("work with an artistic
    team" is "work in teams" with "artistic" inserted)."""
    return ["in" if w in _JOINS else _bare(w) for w in label.lower().split() if w not in _ARTICLES]


_GROUPS = frozenset(["team", "crew", "staff", "personnel", "workforce", "group"])
"""The group a general skill works in, with or leads ("work in teams", "manage a team"): the trade
inserted before it names a trade's group ("work in a *construction* team"). Other insertions ("assist
*disabled* passengers", "provide *user* documentation") name a kind of the object, which Swedish text
names in words ESCO's labels here lack (session 32: as variants they cost sv, sv-dev3/4/8 sentences)."""


def _inserted_general(words: list[str], bare: Mapping[tuple[str, ...], int], j: int) -> int | None:
    """The position of the general skill whose label is `words` with one run of up to
    `_INSERTED_WORDS` words taken out right before its last word, a group of workers (`_GROUPS`:
    "work in a construction team" → "work in teams"), or None."""
    n = len(words)
    if n < 3 or words[-1] not in _GROUPS:
        return None
    for a in range(max(1, n - 1 - _INSERTED_WORDS), n - 1):
        g = bare.get(tuple(words[:a] + words[n - 1 :]))
        if g is not None and g != j:
            return g
    return None


def label_variants(labels: Mapping[str, Sequence[str | None]]) -> LabelVariants:
    """The trade variants among the skills' preferred labels: a skill whose English label is another
    skill's English label followed by a joining word (`_JOINS`: "as", "in", "for", "on"…) and a
    qualifier, or the general label with up to `_INSERTED_WORDS` words inserted before its group of
    workers (`_GROUPS`: "work in teams" → "work in a construction team", "work in textile
    manufacturing teams"; articles, a plural "s" and which joining word aside; outside tester 31, F8). `labels`: language ("en", "fi", "sv") → preferred label
    per skill position (None where there is none); "en" is required (KeyError otherwise). The stems
    are the qualifier's words of four letters or more in each language's label that the general
    skill's label lacks, cut to `_STEM` letters. Built from ESCO v1.1.1's labels at start-up (157
    pairs by a qualifier after the label, 49 by words before its group; about 30 ms of CPU)."""
    english = labels["en"]
    position = {label.lower(): j for j, label in enumerate(english) if label}
    bare: dict[tuple[str, ...], int] = {}
    for j, label in enumerate(english):
        if label and len(key := tuple(_content_words(label))) >= 2:
            bare.setdefault(key, j)
    general: list[int] = []
    variant: list[int] = []
    stems: list[tuple[str, ...]] = []

    def add(g: int, j: int) -> None:
        added: set[str] = set()
        for names in labels.values():
            if names[g] and names[j]:
                added |= _added_stems(names[g] or "", names[j] or "")
        if added:
            general.append(g)
            variant.append(j)
            stems.append(tuple(sorted(added)))

    for j, label in enumerate(english):
        words = (label or "").lower().split()
        for k in range(1, len(words)):
            g = position.get(" ".join(words[:k]))
            if g is not None and g != j and words[k] in _JOINS:
                add(g, j)
                break
        else:
            if (g := _inserted_general(_content_words(label or ""), bare, j)) is not None:
                add(g, j)
    return LabelVariants(
        np.asarray(general, dtype=np.int64), np.asarray(variant, dtype=np.int64), tuple(stems)
    )


def demote_unnamed_variants(
    scores: np.ndarray, sentences: Sequence[str], variants: LabelVariants, weight: float = VARIANT_WEIGHT
) -> np.ndarray:
    """`scores` ((n_sentences, n_skills) float32, row i read from `sentences[i]`) with each trade
    variant lowered to `weight` times the lower of its own and its general skill's score in every
    sentence where both score above 0 and the sentence contains none of the variant's stems
    (case-insensitive, inside words: compounds count). A copy when anything changes, else `scores`."""
    if not len(variants) or not len(scores):
        return scores
    out = scores
    own = scores[:, variants.variant]
    gen = scores[:, variants.general]
    rows, pairs = np.nonzero((own > 0) & (gen > 0))
    lowered: dict[int, str] = {}  # (each sentence lower-cased once)
    for i, p in zip(rows.tolist(), pairs.tolist(), strict=True):
        text = lowered.get(i)
        if text is None:
            text = lowered[i] = sentences[i].lower()
        if any(stem in text for stem in variants.stems[p]):
            continue
        if out is scores:
            out = scores.copy()
        out[i, variants.variant[p]] = np.float32(weight) * min(own[i, p], gen[i, p])
    return out
