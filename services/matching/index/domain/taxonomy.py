"""ESCO occupations and skills as an immutable, indexed, in-memory taxonomy.

No file I/O here: `services.matching.index.reference` parses the ESCO files into `TaxonomyTables`
(plain lists and integer arrays, cheap to pickle) and this module indexes them. Tests build
small taxonomies in code with `Taxonomy.from_rows`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

LANGS = ("en", "fi", "sv")


@dataclass(frozen=True, slots=True)
class SkillRow:
    uri: str
    label_en: str
    label_fi: str = ""
    label_sv: str = ""
    alt_labels_en: tuple[str, ...] = ()
    description_en: str = ""
    description_fi: str = ""
    description_sv: str = ""
    skill_type: str = ""  # "skill/competence" | "knowledge"
    reuse_level: str = ""  # "transversal" | "cross-sector" | "sector-specific" | "occupation-specific"


@dataclass(frozen=True, slots=True)
class OccupationRow:
    uri: str
    isco: str  # ISCO-08 unit group, 4 digits
    label_en: str
    label_fi: str = ""
    label_sv: str = ""
    alt_labels_en: tuple[str, ...] = ()
    alt_labels_fi: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TaxonomyTables:
    """Columns of the compiled taxonomy: what the reference loader caches.

    Index arrays are int32 positions into `skill_uris`, `occupation_uris` or `group_uris`.
    `broader_*` pairs say that skill `child` sits directly under concept `parent`, where a
    parent is either a skill group (`group_uris`) or, for narrower skills, another skill; both
    are stored as positions in `concept_uris = skill_uris + group_uris`.
    `occupation_broader_*` pairs say that occupation `child` sits directly under occupation
    `parent` in ESCO's occupation pillar (`broaderRelationsOccPillar.csv`: a narrower occupation,
    a specialisation of the same job, "building electrician" under "electrician").
    """

    skill_uris: list[str]
    skill_labels: dict[str, list[str]]  # lang -> label ("" when not available)
    skill_alt_labels_en: list[tuple[str, ...]]
    skill_descriptions: dict[str, list[str]]
    skill_types: list[str]
    skill_reuse_levels: list[str]
    occupation_uris: list[str]
    occupation_labels: dict[str, list[str]]
    occupation_alt_labels: dict[str, list[tuple[str, ...]]]
    occupation_isco: list[str]
    occ_skill_occ: np.ndarray
    occ_skill_skill: np.ndarray
    occ_skill_essential: np.ndarray  # bool
    skill_rel_from: np.ndarray
    skill_rel_to: np.ndarray
    group_uris: list[str]
    group_labels: list[str]
    broader_child: np.ndarray  # skill or group position in concept_uris
    broader_parent: np.ndarray  # skill or group position in concept_uris
    isco_codes: list[str] = field(default_factory=list)
    isco_labels: list[str] = field(default_factory=list)
    skipped_relation_rows: int = 0  # rows that name an occupation or skill this ESCO lacks
    occupation_broader_child: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    occupation_broader_parent: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))


def _index(uris: Sequence[str]) -> dict[str, int]:
    return {uri: i for i, uri in enumerate(uris)}


def _pairs(rows: Iterable[tuple[str, str]], left: Mapping[str, int], right: Mapping[str, int]):
    a, b, skipped = [], [], 0
    for x, y in rows:
        if x in left and y in right:
            a.append(left[x])
            b.append(right[y])
        else:
            skipped += 1
    return np.asarray(a, dtype=np.int32), np.asarray(b, dtype=np.int32), skipped


class Taxonomy:
    """Occupations, skills and their relations, indexed for the matching engine.

    Labels fall back to English when a language has no label (all Swedish labels today, five
    Finnish skill labels).
    """

    def __init__(self, tables: TaxonomyTables) -> None:
        self.tables = tables
        self.skill_uris: Sequence[str] = tuple(tables.skill_uris)
        self.skill_index: Mapping[str, int] = _index(self.skill_uris)
        self.occupation_uris: Sequence[str] = tuple(tables.occupation_uris)
        self.occupation_index: Mapping[str, int] = _index(self.occupation_uris)
        self.group_uris: Sequence[str] = tuple(tables.group_uris)
        n_s, n_o = len(self.skill_uris), len(self.occupation_uris)
        self.n_skills, self.n_occupations, self.n_groups = n_s, n_o, len(self.group_uris)

        ess = tables.occ_skill_essential.astype(bool)
        self.essential = _bool_csr(tables.occ_skill_occ[ess], tables.occ_skill_skill[ess], n_o, n_s)
        self.optional = _bool_csr(tables.occ_skill_occ[~ess], tables.occ_skill_skill[~ess], n_o, n_s)
        self.optional = (self.optional - self.optional.multiply(self.essential)).tocsr()
        self.optional.eliminate_zeros()

        a, b = tables.skill_rel_from, tables.skill_rel_to
        loop = a == b
        # skill-skill relations, made symmetric: either direction earns partial credit
        self.skill_relations = _bool_csr(
            np.concatenate([a[~loop], b[~loop]]), np.concatenate([b[~loop], a[~loop]]), n_s, n_s
        )

        child, parent = tables.broader_child, tables.broader_parent
        is_skill_child = child < n_s
        c, p = child[is_skill_child], parent[is_skill_child]
        # every skill's direct broader concepts (skill groups and broader skills)
        self.skill_broader = _bool_csr(c, p, n_s, n_s + self.n_groups)
        narrower = p < n_s
        # skill -> broader skill (hierarchy within the skills pillar)
        self.skill_parent = _bool_csr(c[narrower], p[narrower], n_s, n_s)

        self._isco = list(tables.occupation_isco)
        self._ancestry = _ancestry(
            tables.occupation_broader_child, tables.occupation_broader_parent, len(self._isco)
        )
        self.occupation_lineage = _lineage(self._ancestry, self._isco)
        by_prefix: dict[str, list[str]] = {}
        for uri, code in zip(self.occupation_uris, self._isco, strict=True):
            for n in range(1, len(code) + 1):
                by_prefix.setdefault(code[:n], []).append(uri)
        self._by_isco = {k: tuple(v) for k, v in by_prefix.items()}
        self._isco_labels = dict(zip(tables.isco_codes, tables.isco_labels, strict=True))
        self.skipped_relation_rows = tables.skipped_relation_rows

    # -- construction -------------------------------------------------------------------------
    @classmethod
    def from_rows(
        cls,
        skills: Iterable[SkillRow],
        occupations: Iterable[OccupationRow],
        occupation_skills: Iterable[tuple[str, str, bool]] = (),
        skill_relations: Iterable[tuple[str, str]] = (),
        groups: Iterable[tuple[str, str]] = (),
        broader: Iterable[tuple[str, str]] = (),
        isco_groups: Iterable[tuple[str, str]] = (),
        occupation_broader: Iterable[tuple[str, str]] = (),
    ) -> Taxonomy:
        """Build from rows. `occupation_skills`: (occupation, skill, essential); `groups`:
        (uri, label) of skill groups; `broader`: (narrower skill or group, broader skill or
        group); `isco_groups`: (code, label); `occupation_broader`: (narrower occupation, broader
        occupation) of ESCO's occupation pillar (rows whose broader concept is an ISCO group are the
        caller's to leave out). Rows naming unknown concepts are skipped and counted in
        `skipped_relation_rows` (the broader occupations' are not counted)."""
        skills, occupations, groups = list(skills), list(occupations), list(groups)
        skill_ix = _index([s.uri for s in skills])
        occ_ix = _index([o.uri for o in occupations])
        concept_ix = _index([s.uri for s in skills] + [g[0] for g in groups])
        os_rows = list(occupation_skills)
        essential_of = {(o, s): e for o, s, e in os_rows}
        occ, skl, skipped = _pairs(((o, s) for o, s, _ in os_rows), occ_ix, skill_ix)
        ess = np.asarray(
            [essential_of[(o, s)] for o, s, _ in os_rows if o in occ_ix and s in skill_ix],
            dtype=bool,
        )
        rf, rt, skipped_rel = _pairs(skill_relations, skill_ix, skill_ix)
        bc, bp, _ = _pairs(broader, concept_ix, concept_ix)
        oc, op, _ = _pairs(occupation_broader, occ_ix, occ_ix)
        isco = list(isco_groups)
        return cls(
            TaxonomyTables(
                skill_uris=[s.uri for s in skills],
                skill_labels={
                    "en": [s.label_en for s in skills],
                    "fi": [s.label_fi for s in skills],
                    "sv": [s.label_sv for s in skills],
                },
                skill_alt_labels_en=[tuple(s.alt_labels_en) for s in skills],
                skill_descriptions={
                    "en": [s.description_en for s in skills],
                    "fi": [s.description_fi for s in skills],
                    "sv": [s.description_sv for s in skills],
                },
                skill_types=[s.skill_type for s in skills],
                skill_reuse_levels=[s.reuse_level for s in skills],
                occupation_uris=[o.uri for o in occupations],
                occupation_labels={
                    "en": [o.label_en for o in occupations],
                    "fi": [o.label_fi for o in occupations],
                    "sv": [o.label_sv for o in occupations],
                },
                occupation_alt_labels={
                    "en": [tuple(o.alt_labels_en) for o in occupations],
                    "fi": [tuple(o.alt_labels_fi) for o in occupations],
                    "sv": [() for _ in occupations],
                },
                occupation_isco=[o.isco for o in occupations],
                occ_skill_occ=occ,
                occ_skill_skill=skl,
                occ_skill_essential=ess,
                skill_rel_from=rf,
                skill_rel_to=rt,
                group_uris=[g[0] for g in groups],
                group_labels=[g[1] for g in groups],
                broader_child=bc,
                broader_parent=bp,
                isco_codes=[c for c, _ in isco],
                isco_labels=[label for _, label in isco],
                skipped_relation_rows=skipped + skipped_rel,
                occupation_broader_child=oc,
                occupation_broader_parent=op,
            )
        )

    # -- lookups ------------------------------------------------------------------------------
    def has_skill(self, uri: str) -> bool:
        return uri in self.skill_index

    def has_occupation(self, uri: str) -> bool:
        return uri in self.occupation_index

    def skill_label(self, uri: str, lang: str = "en") -> str:
        return self._label(self.tables.skill_labels, self.skill_index[uri], lang)

    def occupation_label(self, uri: str, lang: str = "en") -> str:
        return self._label(self.tables.occupation_labels, self.occupation_index[uri], lang)

    def skill_labels_at(self, lang: str = "en") -> list[str]:
        """All skill labels in index order (with the English fallback applied)."""
        labels, en = self.tables.skill_labels[_lang(lang)], self.tables.skill_labels["en"]
        return [x or e for x, e in zip(labels, en, strict=True)]

    def occupation_isco(self, uri: str) -> str | None:
        code = self._isco[self.occupation_index[uri]]
        return code or None

    def occupation_relation(self, uri: str, other: str) -> str | None:
        """How ESCO's occupation pillar places occupation `uri` against `other`: "narrower" (`uri`
        is a specialisation of `other`, at any depth: "building electrician" of "electrician"),
        "broader" (the converse), None otherwise, also for two narrower occupations of one broader
        (siblings) and for the same occupation. Only pairs within one ISCO-08 unit group count
        (`occupation_lineage`). Raises KeyError for an unknown URI."""
        i, j = self.occupation_index[uri], self.occupation_index[other]
        if i == j or not self.occupation_lineage[i, j]:
            return None
        return "narrower" if self._ancestry[i, j] else "broader"

    def occupation_narrower(self, position: int) -> np.ndarray:
        """(k,) int32 positions of the occupations ESCO places narrower than the occupation at
        `position` (specialisations, at any depth) within its ISCO-08 unit group: the
        "narrower" half of `occupation_lineage`'s row."""
        rel = _row(self.occupation_lineage, position)
        if not len(rel):
            return rel.astype(np.int32)
        return rel[np.asarray(self._ancestry[rel, position].todense()).ravel() > 0].astype(np.int32)

    def isco_label(self, code: str) -> str | None:
        return self._isco_labels.get(code)

    def occupations_in_isco(self, code: str) -> Sequence[str]:
        return self._by_isco.get(code, ())

    def occupation_skills(self, uri: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(essential, optional) skill URIs of an occupation."""
        i = self.occupation_index[uri]
        return (
            tuple(self.skill_uris[j] for j in _row(self.essential, i)),
            tuple(self.skill_uris[j] for j in _row(self.optional, i)),
        )

    def skill_group_labels(self, uri: str) -> list[str]:
        """Labels of the skill's direct broader concepts (skill groups or broader skills)."""
        n_s = self.n_skills
        out = []
        for p in _row(self.skill_broader, self.skill_index[uri]):
            out.append(self.skill_label(self.skill_uris[p]) if p < n_s else self._group_label(p))
        return out

    def find_occupations(self, query: str, lang: str = "en") -> list[str]:
        """Occupation URIs whose preferred or alternative label contains `query`
        (case-insensitive). Exact matches of the preferred label come first, then exact
        alternative labels, then prefix matches, then the rest; ties in index order."""
        q = query.strip().casefold()
        if not q:
            return []
        lang = _lang(lang)
        prefs = self.tables.occupation_labels[lang]
        alts = self.tables.occupation_alt_labels[lang]
        ranked: list[tuple[int, int]] = []
        for i, (pref, alt) in enumerate(zip(prefs, alts, strict=True)):
            best = 9
            for is_alt, label in [(0, pref)] + [(1, a) for a in alt]:
                label = label.casefold()
                if label == q:
                    best = min(best, is_alt)
                elif label.startswith(q):
                    best = min(best, 2 + is_alt)
                elif q in label:
                    best = min(best, 4)
            if best < 9:
                ranked.append((best, i))
        return [self.occupation_uris[i] for _, i in sorted(ranked)]

    # -- helpers ------------------------------------------------------------------------------
    def _group_label(self, concept: int) -> str:
        return self.tables.group_labels[concept - self.n_skills]

    @staticmethod
    def _label(columns: Mapping[str, Sequence[str]], i: int, lang: str) -> str:
        return columns[_lang(lang)][i] or columns["en"][i]


def _lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r}; expected one of {LANGS}")
    return lang


def _ancestry(child: np.ndarray, parent: np.ndarray, n: int) -> sp.csr_matrix:
    """(n, n) CSR float32 of 1s: row i marks every occupation ESCO places occupation i under,
    transitively (`child`/`parent`: (k,) int32 positions of its direct broader-occupation pairs)."""
    up = _bool_csr(child, parent, n, n) if len(child) else sp.csr_matrix((n, n), dtype=np.float32)
    reach, step = up.copy(), up
    for _ in range(n):  # ESCO's chains are at most 3 deep: a few products
        step = (step @ up).tocsr()
        step.data[:] = 1.0
        grown = ((reach + step) > 0).astype(np.float32).tocsr()
        if grown.nnz == reach.nnz:
            break
        reach = grown
    return reach


def _lineage(reach: sp.csr_matrix, isco: Sequence[str]) -> sp.csr_matrix:
    """(n_occupations, n_occupations) symmetric CSR float32 of 1s: the pairs of distinct
    occupations one of which ESCO places (transitively, `reach` from `_ancestry`) under the other,
    within one ISCO-08 unit group (every such pair of ESCO v1.1.1 is; a pair across unit groups
    would not be "the same job"). Siblings, two narrower occupations of one broader, are not joined."""
    n = len(isco)
    both = (reach + reach.T).tocoo()
    keep = np.asarray(
        [
            a != b and isco[a] and isco[a] == isco[b]
            for a, b in zip(both.row.tolist(), both.col.tolist(), strict=True)
        ],
        dtype=bool,
    )
    return _bool_csr(both.row[keep], both.col[keep], n, n)


def _bool_csr(rows: np.ndarray, cols: np.ndarray, n_rows: int, n_cols: int) -> sp.csr_matrix:
    m = sp.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(n_rows, n_cols))
    m.sum_duplicates()
    m.data[:] = 1.0
    return m


def _row(m: sp.csr_matrix, i: int) -> np.ndarray:
    return m.indices[m.indptr[i] : m.indptr[i + 1]]
