"""A candidate's declared languages meet a vacancy's ESCO language skills (outside tester N4).

A vacancy can carry an ESCO *language skill* ("Finnish", "speak Finnish", "understand written
Swedish": the employer chose it, or recognition found it in "Edellytämme sujuvaa suomen kielen
taitoa" and the employer accepted it), while a jobseeker's profile states the same fact as a
language with a CEFR level (`languages: [{code: "fi", level: "native"}]`). Two representations
of one fact must meet: here each ESCO language skill is mapped to its ISO 639 code, and at
ranking time a candidate who declares that language holds the skill as if claimed
(`LANGUAGE_BIT` in the claim meta; `language_claims`).

The map comes from the taxonomy's English labels, read by ``langcodes`` (MIT; ``language_data``
holds the names): "understand written Swedish" → "Swedish" → ``sv``. A label naming no single
language ("Berber", a group; "Montenegrin", which ``langcodes`` reads as Serbian of Montenegro)
maps to nothing. A skill of a macrolanguage is met by its member languages too (the IANA
registry's ``Macrolanguage`` field: ``nb`` Norwegian Bokmål meets "Norwegian" ``no``; ``cmn``
meets "Chinese" ``zh``).

Levels: an ESCO language skill says no level, so every level meets it, with the credit of a
skill claim of the matching level (`CEFR_CLAIM_LEVEL`: A1-A2 basic, B1-B2 intermediate,
C1-C2 advanced, native expert; `RankingParams.level_weights`). A level the vacancy needs is a
hard requirement of its own (`Vacancy.languages`, the language filter); recognition suggests it
(`language_requirements`). The declared language never enters the candidate's vector norm (its
claims are added at query time only), so a native speaker never ranks below an otherwise equal
candidate who listed the ESCO skill at any level (that claim is in their norm). A language alone
is no evidence for a vacancy: it adds to candidates with other evidence only (a score above 0
without it), so a shortlist is not filled with every Finnish speaker within reach.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from langcodes import Language, LanguageTagError
from langcodes.registry_parser import parse_registry

from .model import LANGUAGE_LEVELS, SKILL_LEVELS, SkillEvidence
from .taxonomy import Taxonomy

LANGUAGE_BIT = 8
"""Claim meta bit (beside the level position and `vectors.SUGGESTED_BIT`): the claim is the
candidate's declared language, added at query time (`language_claims`)."""

CEFR_CLAIM_LEVEL: Mapping[str, str] = {
    "A1": "basic",
    "A2": "basic",
    "B1": "intermediate",
    "B2": "intermediate",
    "C1": "advanced",
    "C2": "advanced",
    "native": "expert",
}
"""The skill-claim level whose weight a declared language earns towards its ESCO language skills."""

_LANGUAGE_SKILL = re.compile(
    r"^(?:understand (?:written|spoken)|write|interact verbally in|speak) ([A-Z][\w ]+)$"
)
"""ESCO's forms of a language skill's English label; the bare name ("Finnish") is a skill too."""


def language_skills(taxonomy: Taxonomy) -> np.ndarray:
    """Positions of ESCO's language skills ("understand written Swedish", "write Latin", "Polish"…),
    shape (n,) int64: a label of `_LANGUAGE_SKILL`'s forms, or a bare name one of them uses."""
    labels = taxonomy.tables.skill_labels["en"]
    named = {m.group(1) for label in labels if (m := _LANGUAGE_SKILL.match(label))}
    out = [i for i, label in enumerate(labels) if _LANGUAGE_SKILL.match(label) or label in named]
    return np.asarray(out, dtype=np.int64)


def language_of(name: str) -> str | None:
    """The ISO 639 code (shortest form) of a language named in English ("Swedish" → "sv",
    "Ancient Greek" → "grc"), by ``langcodes``; None for a name of no single language."""
    try:
        found = Language.find(name, language="en")
    except (LookupError, LanguageTagError, ValueError):
        return None
    if found.territory or found.script or not found.language:
        return None  # "Montenegrin" → sr-ME: not a language of its own in the registry
    code = str(found.language)
    if _scopes().get(code) in ("collection", "special"):
        return None
    return code


def _scopes() -> dict[str, str]:
    """Language subtag → its IANA registry scope ("macrolanguage", "collection", "special" ...)."""
    return _registry()[0]


def _members() -> dict[str, frozenset[str]]:
    """Macrolanguage code → the codes of its member languages (IANA registry)."""
    return _registry()[1]


@lru_cache(maxsize=1)
def _registry() -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """`_scopes` and `_members` from one parse of ``langcodes``' copy of the IANA language subtag
    registry (9,173 items, about 0.1 s of CPU: `warm_up` makes it at engine start, not in the
    first request whose vacancy names a language)."""
    scopes: dict[str, str] = {}
    members: dict[str, set[str]] = {}
    for item in parse_registry():
        if item.get("Type") != "language":
            continue
        if "Scope" in item:
            scopes[item["Subtag"].lower()] = item["Scope"]
        if "Macrolanguage" in item:
            members.setdefault(item["Macrolanguage"].lower(), set()).add(item["Subtag"].lower())
    return scopes, {k: frozenset(v) for k, v in members.items()}


def warm_up(taxonomy: Taxonomy) -> None:
    """Make what the first vacancy with a language skill would otherwise make inside its request
    (`language_skill_map` of `taxonomy` and the registry's macrolanguages): about 30 ms of CPU,
    once per process, which a shortlist at 1,000,000 profiles (about 7 ms) would carry in its tail."""
    language_skill_map(taxonomy)
    _registry()


def meeting_codes(code: str) -> frozenset[str]:
    """The declared language codes that meet an ESCO skill of language `code`: the code and, for a
    macrolanguage, its members (``no`` → ``no``, ``nb``, ``nn``)."""
    return frozenset({code}) | _members().get(code, frozenset())


@dataclass(frozen=True, eq=False)
class LanguageSkillMap:
    """ESCO language skills and their languages.

    positions : (n,) int64 skill positions, ascending
    codes : (n,) the ISO 639 code of each
    code_of : skill position → code
    """

    positions: np.ndarray
    codes: tuple[str, ...]
    code_of: Mapping[int, str]

    def uri_codes(self, taxonomy: Taxonomy) -> dict[str, str]:
        """Skill URI → language code."""
        return {taxonomy.skill_uris[j]: c for j, c in self.code_of.items()}


@lru_cache(maxsize=8)
def language_skill_map(taxonomy: Taxonomy) -> LanguageSkillMap:
    """The language of every ESCO language skill of `taxonomy` (`language_skills`) that names one
    language (`language_of`); computed once per taxonomy."""
    labels = taxonomy.tables.skill_labels["en"]
    names = {}
    for j in language_skills(taxonomy).tolist():
        m = _LANGUAGE_SKILL.match(labels[j])
        names[j] = m.group(1) if m else labels[j]
    code_of = {j: c for j, name in names.items() if (c := language_of(name)) is not None}
    positions = np.asarray(sorted(code_of), dtype=np.int64)
    return LanguageSkillMap(positions, tuple(code_of[j] for j in positions.tolist()), code_of)


@dataclass(frozen=True, eq=False)
class QueryLanguages:
    """A vacancy query's positions (own or related) that are ESCO language skills, by language.

    codes : the languages, each once
    positions : per language, (m,) int64 indices into the query's `skills`
    meets : per language, the declared codes that meet it (`meeting_codes`)
    """

    codes: tuple[str, ...]
    positions: tuple[np.ndarray, ...]
    meets: tuple[frozenset[str], ...]

    def __bool__(self) -> bool:
        return bool(self.codes)


NO_LANGUAGES = QueryLanguages((), (), ())


def query_languages(skills: np.ndarray, taxonomy: Taxonomy) -> QueryLanguages:
    """The language skills among a query's `skills` ((n_u,) skill positions), grouped by language."""
    code_of = language_skill_map(taxonomy).code_of
    by_code: dict[str, list[int]] = {}
    for u, j in enumerate(skills.tolist()):
        code = code_of.get(j)
        if code is not None:
            by_code.setdefault(code, []).append(u)
    if not by_code:
        return NO_LANGUAGES
    codes = tuple(sorted(by_code))
    return QueryLanguages(
        codes,
        tuple(np.asarray(by_code[c], dtype=np.int64) for c in codes),
        tuple(meeting_codes(c) for c in codes),
    )


def declared_ranks(levels: object, code_set: frozenset[str], rows: np.ndarray) -> np.ndarray:
    """(len(rows),) uint8 the best declared rank (0 none, 1 A1 .. 7 native) of any of `code_set`
    for each row; `levels` is the index's `columns.LanguageLevels`."""
    out = np.zeros(len(rows), dtype=np.uint8)
    for code in sorted(code_set):
        np.maximum(out, levels.ranks(code, rows), out=out)  # type: ignore[attr-defined]
    return out


def rank_tables(level_weights: tuple[float, ...]) -> tuple[np.ndarray, np.ndarray]:
    """(weight, meta) per declared rank 0..7: the claim weight a declared language of that rank
    earns (`CEFR_CLAIM_LEVEL` through `level_weights`, 0 for rank 0) and its claim meta byte
    (level position | `LANGUAGE_BIT`)."""
    weight = np.zeros(len(LANGUAGE_LEVELS) + 1)
    meta = np.zeros(len(LANGUAGE_LEVELS) + 1, dtype=np.uint8)
    for r, cefr in enumerate(LANGUAGE_LEVELS, start=1):
        i = SKILL_LEVELS.index(CEFR_CLAIM_LEVEL[cefr])
        weight[r], meta[r] = level_weights[i], i | LANGUAGE_BIT
    return weight, meta


def language_claims(
    levels: object, rows: np.ndarray, langs: QueryLanguages, level_weights: tuple[float, ...]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The claims that `rows` (segment rows) hold through their declared languages at the query's
    language positions: (position in `rows`, query position, weight float64, meta uint8, declared
    rank uint8), one per row, language position and declared language that meets it."""
    weight_of, meta_of = rank_tables(level_weights)
    at, u, w, meta, rank = [], [], [], [], []
    for positions, meets in zip(langs.positions, langs.meets, strict=True):
        ranks = declared_ranks(levels, meets, rows)
        held = np.flatnonzero(ranks > 0)
        if not len(held):
            continue
        at.append(np.repeat(held, len(positions)))
        u.append(np.tile(positions, len(held)))
        r = np.repeat(ranks[held], len(positions))
        w.append(weight_of[r])
        meta.append(meta_of[r])
        rank.append(r)
    if not at:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0), np.zeros(0, np.uint8), np.zeros(0, np.uint8)
    return (
        np.concatenate(at),
        np.concatenate(u),
        np.concatenate(w),
        np.concatenate(meta).astype(np.uint8),
        np.concatenate(rank).astype(np.uint8),
    )


def language_credit(
    levels: object,
    rows: np.ndarray,
    langs: QueryLanguages,
    level_weights: tuple[float, ...],
    n_u: int,
) -> tuple[np.ndarray, np.ndarray]:
    """(weight, meta): (len(rows), n_u) float64 and uint8, each row's declared-language claim at
    every query position (0 where none; the best declared language where several meet one)."""
    at, u, w, meta, _ = language_claims(levels, rows, langs, level_weights)
    weight = np.zeros((len(rows), n_u))
    out_meta = np.zeros((len(rows), n_u), dtype=np.uint8)
    order = np.argsort(w, kind="stable")  # the best last: it wins the assignment
    weight[at[order], u[order]] = w[order]
    out_meta[at[order], u[order]] = meta[order]
    return weight, out_meta


def with_declared(df: np.ndarray, levels: object, taxonomy: Taxonomy, n: int) -> np.ndarray:
    """Document frequencies (n_skills,) int64 with the candidates who declare a language counted
    at its ESCO language skills (`levels`: the segment's `columns.LanguageLevels`, `n` rows): the
    IDF of "Finnish" then says how common the fact is, not how few listed the ESCO skill (a
    candidate with both is counted twice, capped at `n`)."""
    m = language_skill_map(taxonomy)
    if not len(m.positions) or not n:
        return df
    out = df.copy()
    counted: dict[str, int] = {}
    for j, code in zip(m.positions.tolist(), m.codes, strict=True):
        if code not in counted:
            counted[code] = _declaring(levels, meeting_codes(code), n)
        out[j] = min(n, int(out[j]) + counted[code])
    return out


def _declaring(levels: object, codes: frozenset[str], n: int) -> int:
    """How many of the `n` rows declare any of `codes` at any level."""
    dense_codes: tuple[str, ...] = levels.dense_codes  # type: ignore[attr-defined]
    sparse: Mapping[str, tuple[np.ndarray, np.ndarray]] = levels.sparse  # type: ignore[attr-defined]
    held = np.zeros(n, dtype=bool)
    for code in codes:
        if code in dense_codes:
            held |= levels.dense[:, dense_codes.index(code)] > 0  # type: ignore[attr-defined]
        elif code in sparse:
            held[sparse[code][0]] = True
    return int(held.sum())


@dataclass(frozen=True, eq=False)
class DeclaredEvidence:
    """The (row, query position) pairs an explanation shows as held through a declared language."""

    at: Mapping[tuple[int, int], SkillEvidence]

    def evidence(
        self, rows: np.ndarray, cols: np.ndarray, shown: Sequence[SkillEvidence]
    ) -> list[SkillEvidence]:
        """`shown` (the evidence of each (rows[i], cols[i])) with those of declared languages replaced."""
        if not self.at:
            return list(shown)
        at = self.at
        return [at.get((r, c), e) for r, c, e in zip(rows.tolist(), cols.tolist(), shown, strict=True)]


def declared_evidence(
    levels: object,
    rows: np.ndarray,
    scored: np.ndarray,
    q: object,
    space: object,
    raw: np.ndarray,
    source: np.ndarray,
) -> DeclaredEvidence:
    """For an explanation: at the query's ESCO language skills (`q`: a `query.VacancyQuery`), each
    of `rows`' declared language where it is at least as strong as what the row holds otherwise,
    for the `scored` rows ((len(rows),) bool: a score above 0; a language alone is no evidence, as
    in `scoring.exact_scores`). `raw` and `source` ((len(rows), n_u): strength and claim meta at
    each query position, `explain.query_evidence`) are updated in place (the source byte of a
    claim of the level the language earns), and the evidence of each such (row, query position)
    returned: kind "language", the CEFR level and the code declared. `space`: the `SkillSpace`."""
    langs: QueryLanguages = q.languages  # type: ignore[attr-defined]
    out: dict[tuple[int, int], SkillEvidence] = {}
    if not langs or not scored.any():
        return DeclaredEvidence(out)
    weight_of, meta_of = rank_tables(space.params.level_weights)  # type: ignore[attr-defined]
    at = np.flatnonzero(scored)
    for positions, meets in zip(langs.positions, langs.meets, strict=True):
        codes = sorted(meets)
        ranks = np.stack([levels.ranks(c, rows[at]) for c in codes], axis=1)  # type: ignore[attr-defined]
        best = ranks.argmax(axis=1)
        rank = ranks[np.arange(len(at)), best]
        for i in np.flatnonzero(rank > 0).tolist():
            r, w = int(at[i]), float(weight_of[rank[i]])
            evidence = SkillEvidence("language", LANGUAGE_LEVELS[rank[i] - 1], codes[best[i]])
            for c in positions.tolist():
                if w >= raw[r, c]:
                    raw[r, c], source[r, c] = w, 1 + (int(meta_of[rank[i]]) & ~LANGUAGE_BIT)
                    out[(r, c)] = evidence
    return DeclaredEvidence(out)
