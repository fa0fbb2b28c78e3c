"""How the attributes that hard filters read are stored in a segment: one `Column` per attribute,
which encodes it from a `Candidate`, builds the segment's array from the encoded rows and carries
it over when segments merge. `filters` declares which columns each filter reads."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .geo import MunicipalityTable
from .model import Candidate, language_rank


class OrgRegistry:
    """Organisation codes -> small integers; append-only, shared by all segments."""

    def __init__(self) -> None:
        self._index: dict[str, int] = {}

    def index(self, org: str) -> int:
        """Position of `org`, registering it if new (writer side only)."""
        return self._index.setdefault(org, len(self._index))

    def find(self, org: str) -> int:
        """Position of `org`, or -1 when no candidate ever consented to it."""
        return self._index.get(org, -1)

    def names(self) -> list[str]:
        """The registered codes in position order (what an index snapshot stores)."""
        return list(self._index)


@dataclass(frozen=True, eq=False)
class Layout:
    """What encoding columns needs beyond the candidates: shared by every segment of an index."""

    municipalities: MunicipalityTable
    orgs: OrgRegistry
    dense_languages: Sequence[str]


@dataclass(frozen=True, eq=False)
class Part:
    """One segment's column in a merge: its value, the rows kept (ascending) and where each of the
    segment's rows lands in the merged segment (-1: dropped)."""

    value: Any
    rows: np.ndarray
    remap: np.ndarray


class Column(ABC):
    """One candidate attribute as a segment stores it."""

    name: str

    @abstractmethod
    def encode(self, candidate: Candidate) -> Any:
        """The attribute as a compact Python value; raises `InvalidRecordError` for values outside
        the documented vocabulary."""

    @abstractmethod
    def build(self, values: Sequence[Any], layout: Layout) -> Any:
        """The column of a new segment from the encoded values of its rows (in row order)."""

    def merge(self, parts: Sequence[Part], order: np.ndarray, n: int) -> Any:
        """The column of the merged segment: by default row arrays, concatenated and reordered."""
        return np.concatenate([p.value[p.rows] for p in parts])[order]

    def nbytes(self, value: Any) -> list[np.ndarray]:
        """The arrays holding `value` (memory accounting)."""
        return [value]


class RowColumn(Column):
    """One number per row in a numpy array of `dtype`."""

    def __init__(
        self,
        name: str,
        dtype: type,
        encode: Callable[[Candidate], Any],
        to_number: Callable[[Any, Layout], Any] | None = None,
    ) -> None:
        self.name, self.dtype, self._encode, self._to_number = name, dtype, encode, to_number

    def encode(self, candidate: Candidate) -> Any:
        return self._encode(candidate)

    def build(self, values: Sequence[Any], layout: Layout) -> np.ndarray:
        if self._to_number is not None:
            convert = self._to_number
            values = [convert(v, layout) for v in values]
        return np.fromiter(values, dtype=self.dtype, count=len(values))


@dataclass(frozen=True, eq=False)
class LanguageLevels:
    """Language ranks (0 none .. 7 native): dense columns for the common languages, (rows, ranks)
    pairs for the others."""

    dense_codes: tuple[str, ...]
    dense: np.ndarray  # (n, len(dense_codes)) uint8
    sparse: Mapping[str, tuple[np.ndarray, np.ndarray]]  # code -> (rows int32 ascending, ranks uint8)

    def ranks(self, code: str, rows: np.ndarray) -> np.ndarray:
        """Rank of `code` of each of `rows` (0 when not known)."""
        if code in self.dense_codes:
            return self.dense[rows, self.dense_codes.index(code)]
        have, ranks = self.sparse.get(code, _NO_LANGUAGE)
        if not len(have):
            return np.zeros(len(rows), dtype=np.uint8)
        at = np.minimum(np.searchsorted(have, rows), len(have) - 1)
        return np.where(have[at] == rows, ranks[at], 0).astype(np.uint8)


_NO_LANGUAGE = (np.zeros(0, np.int32), np.zeros(0, np.uint8))


class LanguageColumn(Column):
    name = "languages"

    def encode(self, candidate: Candidate) -> tuple[tuple[str, int], ...]:
        return tuple(sorted((c, language_rank(lvl)) for c, lvl in candidate.languages.items()))

    def build(self, values: Sequence[Any], layout: Layout) -> LanguageLevels:
        codes = tuple(layout.dense_languages)
        dense_pos = {code: i for i, code in enumerate(codes)}
        dense = np.zeros((len(values), len(codes)), dtype=np.uint8)
        rows: dict[str, list[int]] = {}
        ranks: dict[str, list[int]] = {}
        for i, languages in enumerate(values):
            for code, rank in languages:
                j = dense_pos.get(code)
                if j is not None:
                    dense[i, j] = rank
                else:
                    rows.setdefault(code, []).append(i)
                    ranks.setdefault(code, []).append(rank)
        sparse = {
            code: (np.asarray(rows[code], np.int32), np.asarray(ranks[code], np.uint8)) for code in rows
        }
        return LanguageLevels(codes, dense, sparse)

    def merge(self, parts: Sequence[Part], order: np.ndarray, n: int) -> LanguageLevels:
        dense = np.concatenate([p.value.dense[p.rows] for p in parts])[order]
        sparse: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for code in sorted({c for p in parts for c in p.value.sparse}):
            new_rows, new_ranks = [], []
            for p in parts:
                rows, ranks = p.value.sparse.get(code, _NO_LANGUAGE)
                new = p.remap[rows]
                new_rows.append(new[new >= 0])
                new_ranks.append(ranks[new >= 0])
            r, k = np.concatenate(new_rows), np.concatenate(new_ranks)
            o = np.argsort(r, kind="stable")
            sparse[code] = (r[o].astype(np.int32), k[o])
        return LanguageLevels(parts[0].value.dense_codes, dense, sparse)

    def nbytes(self, value: LanguageLevels) -> list[np.ndarray]:
        return [value.dense, *(a for pair in value.sparse.values() for a in pair)]


class ConsentColumn(Column):
    """Consent as bits: row r of organisation o is bit r of ``bits[o]`` (little-endian), shape
    (n_orgs, ceil(n / 8)) uint8; organisations numbered by the index's `OrgRegistry`."""

    name = "consent"

    def encode(self, candidate: Candidate) -> tuple[str, ...]:
        return tuple(sorted(candidate.consented_orgs))

    def build(self, values: Sequence[Any], layout: Layout) -> np.ndarray:
        pairs = [(layout.orgs.index(o), i) for i, orgs in enumerate(values) for o in orgs]
        return consent_bits(np.asarray(pairs, dtype=np.int64), len(values))

    def merge(self, parts: Sequence[Part], order: np.ndarray, n: int) -> np.ndarray:
        pairs = []
        for p in parts:
            for org in range(len(p.value)):
                rows_of_org = np.flatnonzero(
                    np.unpackbits(p.value[org], count=len(p.remap), bitorder="little")
                )
                new = p.remap[rows_of_org]
                pairs.append(np.stack([np.full(len(new), org), new], axis=1)[new >= 0])
        return consent_bits(np.concatenate(pairs) if pairs else np.zeros((0, 2), np.int64), n)


def consent_bits(pairs: np.ndarray, n: int) -> np.ndarray:
    """Consent bits (see `ConsentColumn`) of n rows from (organisation, row) pairs."""
    pairs = pairs.reshape(-1, 2)
    n_orgs = int(pairs[:, 0].max()) + 1 if len(pairs) else 0
    bits = np.zeros((n_orgs, (n + 7) // 8), dtype=np.uint8)
    for org in range(n_orgs):
        mask = np.zeros(n, dtype=bool)
        mask[pairs[pairs[:, 0] == org, 1]] = True
        bits[org] = np.packbits(mask, bitorder="little")
    return bits


def consents(bits: np.ndarray, org: int, rows: np.ndarray) -> np.ndarray:
    """Whether each of `rows` consented to the organisation at position `org`."""
    if org < 0 or org >= len(bits):
        return np.zeros(len(rows), dtype=bool)
    return ((bits[org][rows >> 3] >> (rows & 7).astype(np.uint8)) & 1).astype(bool)
