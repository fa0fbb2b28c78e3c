"""Index snapshots: the matching index and the topic offsets it reflects, on local disk.

A restart then loads the newest valid snapshot and reads only the tail of the topics written since,
instead of re-reading the compacted topics from offset 0 (minutes at a million profiles).

One snapshot is one ``index-<UTC time>-<pid>.npz`` file (numpy's zip of ``.npy`` arrays, read with
``allow_pickle=False``: loading a file never runs code), written to a temporary name in the same
directory, flushed to disk and renamed into place, so a reader sees a whole snapshot or none. It holds:

* every array of the index's main segment, stored *generically* from ``Segment``'s fields and the
  filters' columns (numpy arrays, scipy sparse matrices, the columns' own dataclasses of arrays), so
  a column or field added to the segment is snapshotted without a change here;
* the vacancies matching holds (their ranking view and what people read; the prepared query is
  rebuilt at load);
* the next offset to read of every partition of the index's topics, taken between two polls, after
  the poll's candidates were indexed: the snapshot reflects exactly the records before them;
* a fingerprint of what the arrays depend on (`fingerprint`). A snapshot whose fingerprint differs
  from the running code's (code version, ESCO version, ranking parameters, municipalities, event
  schema versions, year of the recency weights), which cannot be read whole, or which is older than
  the maximum age is ignored with a log line; the index is then rebuilt from offset 0.

Erasure: a snapshot is taken after folding withdrawals into the main segment (the rows are gone, not
masked) and stores no list of withdrawn ids; after a new snapshot is written every older one is
deleted, so a withdrawn profile stays on disk at most one snapshot interval (plus the time to write
one). A withdrawal written after a snapshot is a tombstone after its offsets: applied when the
restarted index catches up, before it is ready. The maximum age keeps a snapshot from outliving the
candidates topic's tombstone retention (``delete.retention.ms``, 7 days): past it, compaction could
have removed a tombstone the snapshot has not seen.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import json
import logging
import os
import time
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from services.matching.index.domain.engine import IndexImage, MatchingEngine
from services.matching.index.domain.segment import Segment, with_shared_structure
from services.matching.index.events import INDEX_FEED, VacancyRecord

log = logging.getLogger(__name__)

SNAPSHOT_FORMAT = 1
"""Bump when the file layout changes in a way the code fingerprint would not notice."""

CODE_FILES = (
    "domain/segment.py",
    "domain/columns.py",
    "domain/filters.py",
    "domain/vectors.py",
    "domain/occupations.py",
    "domain/params.py",
    "domain/model.py",
    "domain/geo.py",
    "domain/taxonomy.py",
    "events.py",
    "snapshot.py",
)
"""The modules (under ``services/matching/index/``) whose code decides what the stored arrays mean:
a change to any of them makes older snapshots incompatible (a cold rebuild once after the deploy)."""

PREFIX, SUFFIX = "index-", ".npz"
_TMP = ".tmp-"
_META = "__meta__"
_RESTORABLE = ("services.matching.index.",)  # dataclasses a snapshot may name


class SnapshotError(Exception):
    """A snapshot file that cannot be used: unreadable, incomplete or incompatible."""


@dataclasses.dataclass(frozen=True)
class Snapshot:
    """A loaded snapshot: the index image, the vacancies and the offsets it reflects."""

    path: Path
    created_at: datetime
    image: IndexImage
    vacancies: list[VacancyRecord]
    offsets: dict[tuple[str, int], int]  # (topic, partition) -> next offset to read

    def age_seconds(self, now: datetime) -> float:
        return (now - self.created_at).total_seconds()


def fingerprint(engine: MatchingEngine, year: int) -> dict[str, Any]:
    """What a snapshot's arrays depend on, as JSON-able values; two processes with equal
    fingerprints index every candidate to the same arrays. `year` is the year of the recency
    weights of work experience (a snapshot of last year is rebuilt: its weights are stale)."""
    here = Path(__file__).parent
    code = hashlib.sha256(str(SNAPSHOT_FORMAT).encode())
    for name in CODE_FILES:
        code.update(name.encode() + (here / name).read_bytes())
    tax = engine.taxonomy
    esco = hashlib.sha256()
    for uris in (tax.skill_uris, tax.occupation_uris, tax.tables.group_uris):
        esco.update("\n".join(uris).encode() + b"\x00")
    esco.update(tax.tables.occ_skill_occ.tobytes() + tax.tables.occ_skill_skill.tobytes())
    esco.update(tax.tables.occ_skill_essential.tobytes())
    esco.update(tax.tables.skill_rel_from.tobytes() + tax.tables.skill_rel_to.tobytes())
    esco.update(tax.tables.broader_child.tobytes() + tax.tables.broader_parent.tobytes())
    layout = engine._layout
    return {
        "format": SNAPSHOT_FORMAT,
        "code": code.hexdigest()[:20],
        "esco": esco.hexdigest()[:20],
        "params": repr(engine.params),
        "index_params": repr(engine.index_params),
        "municipalities": hashlib.sha256("\n".join(layout.municipalities.codes).encode()).hexdigest()[:20],
        "dense_languages": list(layout.dense_languages),
        "segment_fields": [f.name for f in dataclasses.fields(Segment)],
        "events": sorted(f"{h.topic.name}:{h.event_type}:{sorted(h.versions)}" for h in INDEX_FEED.handles),
        "year": year,
    }


class SnapshotStore:
    """Snapshots of one index in `directory` (created if missing; one directory per replica)."""

    def __init__(self, directory: Path, *, max_age_s: float) -> None:
        self.directory = directory
        self.max_age_s = max_age_s

    def paths(self) -> list[Path]:
        """Snapshot files, newest first (the name sorts by creation time)."""
        if not self.directory.is_dir():
            return []
        return sorted(self.directory.glob(f"{PREFIX}*{SUFFIX}"), reverse=True)

    # -- writing -----------------------------------------------------------------------------------
    def write(
        self,
        image: IndexImage,
        vacancies: list[VacancyRecord],
        offsets: Mapping[tuple[str, int], int],
        fingerprint: Mapping[str, Any],
        *,
        now: datetime | None = None,
    ) -> Path:
        """Write a snapshot atomically (mode 0600; a missing directory is created 0700), then delete every
        older one; returns its path. Raises OSError when the disk refuses (the previous snapshot then
        stays)."""
        now = now or datetime.now(UTC)
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        arrays: dict[str, np.ndarray] = {}
        meta = {
            "fingerprint": dict(fingerprint),
            "created_at": now.isoformat(),
            "offsets": [[t, p, int(o)] for (t, p), o in sorted(offsets.items())],
            "orgs": list(image.orgs),
            "segment": _flatten(
                {f.name: getattr(image.main, f.name) for f in dataclasses.fields(Segment)}, "s", arrays
            ),
            "idf": _flatten(image.idf, "idf", arrays),
            "vacancies": [
                _flatten(dataclasses.replace(v, query=None), f"v{i}", arrays) for i, v in enumerate(vacancies)
            ],
        }
        arrays[_META] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
        name = f"{PREFIX}{now.strftime('%Y%m%dT%H%M%S%fZ')}-{os.getpid()}{SUFFIX}"
        final, tmp = self.directory / name, self.directory / f"{_TMP}{name}"
        try:
            # the owner's only, as the databases (outside tester 34, F12: snapshots were 0644)
            with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as f:
                os.fchmod(f.fileno(), 0o600)  # also a leftover file of a crash, opened again
                np.savez(f, allow_pickle=False, **arrays)  # type: ignore[arg-type]
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, final)
        finally:
            tmp.unlink(missing_ok=True)
        _fsync_dir(self.directory)
        self._delete_older_than(final)
        return final

    def _delete_older_than(self, newest: Path) -> None:
        """Erasure: older snapshots may hold withdrawn candidates; temporary files left by a crash
        (older than an hour: not another process's write in progress) too."""
        for path in self.paths():
            if path.name < newest.name:
                path.unlink(missing_ok=True)
                log.info("older index snapshot deleted", extra={"snapshot": path.name})
        for path in self.directory.glob(f"{_TMP}*"):
            try:
                if time.time() - path.stat().st_mtime > 3600:
                    path.unlink(missing_ok=True)
            except OSError:
                pass

    # -- reading -----------------------------------------------------------------------------------
    def load(self, path: Path, expected: Mapping[str, Any], *, now: datetime | None = None) -> Snapshot:
        """The snapshot in `path`; raises `SnapshotError` (with the reason) when it is unreadable,
        incomplete, incompatible with `expected` (a `fingerprint`) or older than the maximum age."""
        now = now or datetime.now(UTC)
        try:
            with np.load(path, allow_pickle=False) as data:
                arrays = {name: data[name] for name in data.files}
            meta = json.loads(arrays.pop(_META).tobytes())
            if meta.get("fingerprint") != dict(expected):
                differs = sorted(
                    k
                    for k in set(expected) | set(meta.get("fingerprint") or {})
                    if (meta.get("fingerprint") or {}).get(k) != expected.get(k)
                )
                raise SnapshotError(f"incompatible: {', '.join(differs)} differ")
            created = datetime.fromisoformat(meta["created_at"])
            age = (now - created).total_seconds()
            if age > self.max_age_s:
                raise SnapshotError(f"too old: {age:.0f} s > {self.max_age_s:.0f} s")
            if age < -300:
                raise SnapshotError(f"created in the future ({created.isoformat()})")
            fields = _unflatten(meta["segment"], arrays)
            main = Segment(**fields)
            _check(main)
            main = with_shared_structure(main)  # one copy of the claims' structure, as built
            idf = _unflatten(meta["idf"], arrays)
            if idf.shape != (main.claims.shape[1],):
                raise SnapshotError("idf does not fit the segment")
            vacancies = [_unflatten(v, arrays) for v in meta["vacancies"]]
            if not all(isinstance(v, VacancyRecord) for v in vacancies):
                raise SnapshotError("vacancies malformed")
            offsets = {(str(t), int(p)): int(o) for t, p, o in meta["offsets"]}
            image = IndexImage(main, idf, [str(o) for o in meta["orgs"]])
        except SnapshotError:
            raise
        except Exception as exc:  # a truncated zip, a CRC error, a missing array, bad JSON, ...
            raise SnapshotError(f"unreadable: {type(exc).__name__}: {exc}") from None
        return Snapshot(path, created, image, vacancies, offsets)

    def newest(
        self,
        expected: Mapping[str, Any],
        *,
        accept: Callable[[Snapshot], None] | None = None,
        now: datetime | None = None,
    ) -> tuple[Snapshot | None, int]:
        """The newest snapshot that loads, fits `expected` and passes `accept` (which raises
        `SnapshotError` to refuse one), and how many newer ones were rejected; each rejected one is
        logged (warning, with the reason) and left on disk until a newer snapshot replaces it."""
        rejected = 0
        for path in self.paths():
            try:
                snapshot = self.load(path, expected, now=now)
                if accept is not None:
                    accept(snapshot)
                return snapshot, rejected
            except SnapshotError as exc:
                rejected += 1
                log.warning("index snapshot ignored", extra={"snapshot": path.name, "reason": str(exc)})
        return None, rejected


def _check(seg: Segment) -> None:
    """Every per-row array of the segment has one entry per row (catches a mangled file that
    still parses)."""
    n = len(seg.ids)
    per_row = [seg.versions, seg.inv_norm, seg.geo_row, seg.geo_inv_norm, seg.geo_key]
    if (
        any(len(a) != n for a in per_row)
        or any(m.shape[0] != n for m in (seg.claims, seg.claim_meta, seg.experience, seg.postings))
        or (seg.experience_tenure is not None and seg.experience_tenure.shape != seg.experience.shape)
    ):
        raise SnapshotError("segment arrays disagree on the number of rows")
    if n > 1 and not bool(np.all(seg.ids[1:] > seg.ids[:-1])):
        raise SnapshotError("segment ids not sorted")


# -- a generic, pickle-free encoding of arrays, sparse matrices and dataclasses ---------------------
def _flatten(value: Any, key: str, arrays: dict[str, np.ndarray]) -> Any:
    """`value` as a JSON-able spec; its arrays go into `arrays` under names starting with `key`."""
    if isinstance(value, np.ndarray):
        if value.dtype.hasobject:
            raise TypeError(f"{key}: object arrays cannot be snapshotted")
        arrays[key] = value
        return {"a": key}
    if sp.issparse(value):
        fmt = value.format
        for part in ("data", "indices", "indptr"):
            arrays[f"{key}.{part}"] = getattr(value, part)
        return {"sparse": fmt, "shape": list(value.shape), "k": key}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        return {
            "dc": f"{cls.__module__}:{cls.__qualname__}",
            "f": {
                f.name: _flatten(getattr(value, f.name), f"{key}.{f.name}", arrays)
                for f in dataclasses.fields(value)
            },
        }
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, (frozenset, set)):
        return {"frozenset": [_flatten(v, f"{key}.{i}", arrays) for i, v in enumerate(sorted(value))]}
    if isinstance(value, (tuple, list)):
        kind = "tuple" if isinstance(value, tuple) else "list"
        return {kind: [_flatten(v, f"{key}.{i}", arrays) for i, v in enumerate(value)]}
    if isinstance(value, Mapping):
        if not all(isinstance(k, str) for k in value):
            raise TypeError(f"{key}: only str-keyed mappings can be snapshotted")
        return {"map": {k: _flatten(v, f"{key}.{k}", arrays) for k, v in value.items()}}
    if isinstance(value, np.generic):
        return {"v": value.item()}
    if value is None or isinstance(value, (bool, int, float, str)):
        return {"v": value}
    raise TypeError(f"{key}: cannot snapshot a {type(value).__name__}")


def _unflatten(spec: Any, arrays: Mapping[str, np.ndarray]) -> Any:
    (kind,) = set(spec) - {"f", "shape", "k"}
    if kind == "a":
        return arrays[spec["a"]]
    if kind == "sparse":
        k, shape = spec["k"], tuple(spec["shape"])
        parts = (arrays[f"{k}.data"], arrays[f"{k}.indices"], arrays[f"{k}.indptr"])
        matrix = {"csr": sp.csr_matrix, "csc": sp.csc_matrix}[spec["sparse"]]
        return matrix(parts, shape=shape)
    if kind == "dc":
        module, _, name = spec["dc"].partition(":")
        if not module.startswith(_RESTORABLE):
            raise SnapshotError(f"refusing to build {spec['dc']}")
        cls = importlib.import_module(module)
        for part in name.split("."):
            cls = getattr(cls, part)
        if not dataclasses.is_dataclass(cls):
            raise SnapshotError(f"{spec['dc']} is not a dataclass")
        return cls(**{k: _unflatten(v, arrays) for k, v in spec["f"].items()})
    if kind == "datetime":
        return datetime.fromisoformat(spec["datetime"])
    if kind == "date":
        return date.fromisoformat(spec["date"])
    if kind == "frozenset":
        return frozenset(_unflatten(v, arrays) for v in spec["frozenset"])
    if kind == "tuple":
        return tuple(_unflatten(v, arrays) for v in spec["tuple"])
    if kind == "list":
        return [_unflatten(v, arrays) for v in spec["list"]]
    if kind == "map":
        return {k: _unflatten(v, arrays) for k, v in spec["map"].items()}
    if kind == "v":
        return spec["v"]
    raise SnapshotError(f"unknown entry {kind!r}")


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
