"""Explicit mappings from licences, cards, qualifications and tool names to ESCO skills.

ESCO names skills, not the Finnish cards and licences that ads ask for ("C-ajokortti",
"hygieniapassi", "trukkikortti", "tulityökortti") nor many short tool names ("Excel"). These
are read from `data/recognition/skill_rules.csv` (each row with its source) by the reference
loader; a rule with no skills marks a phrase that names no skill at all (a degree level such as
"AMK" or "ammattitutkinto"), which is removed before matching so that it cannot match something
else ("AMK-tutkinto" → "driving test").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SkillRule:
    """`pattern`: a case-insensitive regular expression over a sentence; `skills`: the ESCO skill
    URIs a match names (empty: the phrase names no skill); `source`: where the mapping comes from."""

    pattern: str
    skills: tuple[str, ...]
    source: str = ""


class SkillRules:
    """A set of `SkillRule`s, compiled once."""

    def __init__(self, rules: Iterable[SkillRule] = ()) -> None:
        self.rules = tuple(rules)
        self._compiled = [(re.compile(r.pattern, re.I | re.U), r.skills) for r in self.rules]

    def __len__(self) -> int:
        return len(self.rules)

    def apply(self, sentence: str) -> tuple[list[str], str]:
        """(skill URIs named by the rules matching `sentence`, in rule order without repeats;
        the sentence with every matched phrase removed)."""
        found: dict[str, None] = {}
        rest = sentence
        for rx, skills in self._compiled:
            if rx.search(rest):
                for uri in skills:
                    found.setdefault(uri, None)
                rest = rx.sub(" ", rest)
        return list(found), " ".join(rest.split())

    def unknown_skills(self, known: Iterable[str]) -> set[str]:
        """URIs the rules name that are not in `known` (to check the rules against the taxonomy)."""
        k = set(known)
        return {uri for r in self.rules for uri in r.skills if uri not in k}
