"""Shortlist latency of two versions of the ranking domain, side by side in one process.

    NUMBA_CACHE_DIR=$(mktemp -d) python -m benchmarks.ab_speed --base /tmp/base-checkout   # 1,000,000
    NUMBA_CACHE_DIR=$(mktemp -d) python -m benchmarks.ab_speed --base /tmp/base-checkout --profiles 100000

(A fresh numba cache: the base checkout's own cache names its modules by their original names.)

On a shared machine the load changes from minute to minute, so two benchmark runs an hour apart
compare the machine as much as the code. Here both engines index the same generated candidates
(`benchmarks.generate`, the same as `benchmarks.speed`) in the same process, and every query runs
on both, one right after the other (which goes first alternates), so both see the same load.

The base version's domain package is loaded from the other checkout under another name: its
``services/matching/index/domain`` (or, before the index/team split, ``services/matching/domain``)
only uses relative imports, numpy, scipy, scikit-learn and numba. Both engines get this checkout's
taxonomy tables, municipalities and candidate objects (read by attribute, so any version takes
them). Reported, for `MatchingEngine.shortlist(k=50)` and for `rank(k=50, count_exclusions=True)`
(the shortlist as the API answers it, with each version's default exclusion counts), per version
(half the queries with a consent filter, as `benchmarks.speed`): p50/p90/p99 latency, mean CPU time
per query (all threads of the process), the paired ratio, index bytes per profile, and whether both
return the same shortlists (every field of every entry: ids, order, scores, skills, evidence ...); with `--same-counts N`, whether the exclusion counts of
the first N queries agree, in every scope both versions have (commuting reach and whole country; a
base from before the scopes counted over the whole country only).
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import importlib.util
import os
import pickle
import sys
import time
from itertools import tee
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from benchmarks.generate import (
    ORGS,
    REFERENCE_DAY,
    generate_candidates,
    generate_vacancies,
    load_municipalities,
)
from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.reference import load_taxonomy

K = 50


def load_domain(tree: Path, name: str) -> ModuleType:
    """The ranking domain package of the checkout at `tree`, imported as top-level `name`."""
    for sub in ("services/matching/index/domain", "services/matching/domain"):
        root = tree / sub
        if (root / "engine.py").exists():
            break
    else:
        raise SystemExit(f"no ranking domain under {tree}")
    spec = importlib.util.spec_from_file_location(
        name, root / "__init__.py", submodule_search_locations=[str(root)]
    )
    assert spec is not None and spec.loader is not None
    package = importlib.util.module_from_spec(spec)
    sys.modules[name] = package
    spec.loader.exec_module(package)
    return package


def _plain(value: Any) -> Any:
    """`value` with every tuple (named ones too) a plain tuple, recursively: the two versions'
    entries compare by their values, whether a part is a named tuple or a dataclass (which
    `dataclasses.astuple` makes a plain tuple) in one of them."""
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def percentiles(ms: np.ndarray) -> dict[str, float]:
    return {f"p{q}_ms": float(np.percentile(ms, q)) for q in (50, 90, 99)} | {"mean_ms": float(ms.mean())}


def index_both(
    engines: dict[str, Any], image: Path | None, taxonomy: Any, municipalities: Any, profiles: int, seed: int
) -> None:
    """Both `engines` ("base", "this") index the same profiles: restored from `image` (a pickle a
    benchmark of this project wrote) when it exists, else `profiles` generated from `seed`, then
    saved to `image` when one is named."""
    if image is not None and image.exists():  # the same index, saved by an earlier run
        with image.open("rb") as f:
            saved = pickle.load(f)  # a file a benchmark of this project wrote
        for engine in engines.values():
            engine.restore(saved)
        return
    one, two = tee(generate_candidates(taxonomy, profiles, seed, municipalities=municipalities))
    engines["base"].bulk_load(one)
    engines["this"].bulk_load(two)
    if image is not None:
        with image.open("wb") as f:
            pickle.dump(engines["this"].image(), f, protocol=5)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True, help="checkout of the version to compare with")
    parser.add_argument("--profiles", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--image",
        type=Path,
        help="pickle of the generated index: written after indexing when missing, else loaded into both "
        "engines instead of indexing (the segment layout must be the same in both versions)",
    )
    parser.add_argument(
        "--repeated",
        action="store_true",
        help="the service's case of a vacancy ranked again: each version's own prepared vacancy "
        "(`MatchingEngine.prepare`, as the service keeps it per vacancy version), ranked once before "
        "timing (its stage-1 weights are then cached), timed without the cached answer (cleared "
        "before every call, as after any index change). Default: a plain Vacancy per call (cold)",
    )
    parser.add_argument(
        "--first",
        action="store_true",
        help="the service's first request after the vacancy's event: each version prepares the vacancy "
        "untimed right before the call (as `state.apply_vacancy` does when the event arrives), a version "
        "with `MatchingEngine.warm` also makes its weights then; the call itself is timed",
    )
    parser.add_argument(
        "--same-counts", type=int, default=0, help="check the whole-country counts on this many queries"
    )
    parser.add_argument(
        "--viewer-regions",
        default="",
        help="`|`-separated region ids: this version's filtered queries come from an employment-services "
        "organisation serving them (`filters.ViewerScope`: its consenting candidates OR the regions' "
        "residents, `shared.entitlement.viewer`), the base's from the same organisation by consent only; "
        "those shortlists then differ by design (more candidates visible), the unfiltered half must not",
    )
    args = parser.parse_args(argv)

    base_domain = load_domain(args.base, "base_ranking_domain")
    base_engine_module = importlib.import_module("base_ranking_domain.engine")
    base_taxonomy_module = importlib.import_module("base_ranking_domain.taxonomy")
    taxonomy = load_taxonomy()
    municipalities = load_municipalities()
    engines = {
        "base": base_engine_module.MatchingEngine(
            base_taxonomy_module.Taxonomy(taxonomy.tables), municipalities, clock=lambda: REFERENCE_DAY
        ),
        "this": MatchingEngine(taxonomy, municipalities, clock=lambda: REFERENCE_DAY),
    }
    print(
        f"# A/B shortlist latency {time.strftime('%Y-%m-%d')}: {os.cpu_count()} CPUs, "
        f"load average {' / '.join(f'{x:.1f}' for x in os.getloadavg())}; base {args.base} "
        f"({Path(base_domain.__file__ or '').parent}), {args.profiles:,} profiles",
        flush=True,
    )
    start = time.perf_counter()
    index_both(engines, args.image, taxonomy, municipalities, args.profiles, args.seed)
    print(f"indexed both in {time.perf_counter() - start:.0f} s", flush=True)
    vacancies = list(
        generate_vacancies(taxonomy, args.queries + 10, args.seed + 1, municipalities=municipalities)
    )
    orgs = [None, *ORGS]
    for i, v in enumerate(vacancies[:10]):  # warm-up: every path the timed calls take, so that
        for engine in engines.values():  # numba compiles its kernels now (lazily, at first use)
            engine.shortlist(v, k=K, viewer_org=orgs[i % 2], today=REFERENCE_DAY)
            prepared = engine.prepare(v)
            if hasattr(engine, "warm"):
                engine.warm(prepared)
            engine.rank(prepared, k=K, viewer_org=orgs[i % 2], today=REFERENCE_DAY, count_exclusions=True)
    # The compilers' garbage (llvmlite's IR: tens of thousands of objects in reference cycles) is
    # collected now, not by a full collection inside a timed call (35-55 ms of CPU at load 12, in
    # one of the first timed calls until session 22); then the index and the warm-up are frozen
    # out of the collector's generations, as a service's start-up state would be.
    gc.collect()
    gc.freeze()
    # rows scored exactly per call, per version (stage 4's work: `scoring.top_k` calls its module's
    # `exact_scores` once per segment and round)
    rows_scored = {name: 0 for name in engines}
    for name, module in (
        ("base", "base_ranking_domain.scoring"),
        ("this", "services.matching.index.domain.scoring"),
    ):
        scoring_module = importlib.import_module(module)
        plain = scoring_module.exact_scores

        def counted(seg: Any, rows: Any, *rest: Any, _plain: Any = plain, _name: str = name) -> Any:
            rows_scored[_name] += len(rows)
            return _plain(seg, rows, *rest)

        scoring_module.exact_scores = counted
    out: dict[str, Any] = {"profiles": args.profiles, "queries": len(vacancies) - 10}
    queries = [
        (v, None if i % 2 == 0 else orgs[1 + (i // 2) % len(ORGS)]) for i, v in enumerate(vacancies[10:])
    ]

    prepared: dict[str, dict[int, Any]] = {name: {} for name in engines}
    if args.repeated:
        for name, engine in engines.items():
            for i, (v, org) in enumerate(queries):
                prepared[name][i] = engine.prepare(v)
                engine.shortlist(prepared[name][i], k=K, viewer_org=org, today=REFERENCE_DAY)
                engine.rank(
                    prepared[name][i], k=K, viewer_org=org, today=REFERENCE_DAY, count_exclusions=True
                )
    print(
        "vacancies: "
        + (
            "prepared once, ranked again (repeated)"
            if args.repeated
            else "prepared (and warmed where the version can) untimed, the first request timed (first)"
            if args.first
            else "a plain Vacancy per call (cold)"
        )
    )

    homes: frozenset[str] = frozenset()
    if args.viewer_regions:
        from services.matching.index.domain.filters import ViewerScope
        from shared.reference import geography

        wanted = set(args.viewer_regions.split("|"))
        homes = frozenset(c for c, r in geography().home_regions().items() if r in wanted)
        print(
            f"this version's filtered queries: consent OR residents of {sorted(wanted)} ({len(homes)} codes)"
        )

    def viewer(engine: Any, org: str | None) -> Any:
        if org is None or not homes or engine is not engines["this"]:
            return org
        return ViewerScope(org, homes)

    def shortlist(engine: Any, v: Any, org: str | None) -> Any:
        return engine.shortlist(v, k=K, viewer_org=viewer(engine, org), today=REFERENCE_DAY)

    def as_the_api(engine: Any, v: Any, org: str | None) -> Any:  # with each version's default counts
        return engine.rank(v, k=K, viewer_org=viewer(engine, org), today=REFERENCE_DAY, count_exclusions=True)

    for label, call in (("shortlist", shortlist), ("with exclusion counts", as_the_api)):
        times: dict[str, list[float]] = {name: [] for name in engines}
        cpu: dict[str, list[float]] = {name: [] for name in engines}
        scored: dict[str, list[int]] = {name: [] for name in engines}
        applied: dict[str, list[float]] = {name: [] for name in engines}  # prepare + warm CPU (--first)
        same = same_unfiltered = 0
        for i, (v, org) in enumerate(queries):
            got = {}
            for name in list(engines)[:: 1 if i % 2 == 0 else -1]:
                if args.repeated:
                    engines[name]._results.clear()  # no cached answer: as after any index change
                    v = prepared[name][i]
                elif args.first:  # what the vacancy's event did, not in the request's time
                    c0 = time.process_time()
                    v = engines[name].prepare(queries[i][0])
                    if hasattr(engines[name], "warm"):
                        engines[name].warm(v)
                    applied[name].append(time.process_time() - c0)
                before = rows_scored[name]
                c0, start = time.process_time(), time.perf_counter()
                result = call(engines[name], v, org)
                times[name].append(time.perf_counter() - start)
                cpu[name].append(time.process_time() - c0)
                scored[name].append(rows_scored[name] - before)
                entries = result if isinstance(result, list) else result.entries
                # every field (NaN == NaN)
                got[name] = [repr(_plain(dataclasses.astuple(e))) for e in entries]
            same += got["base"] == got["this"]
            same_unfiltered += org is None and got["base"] == got["this"]
        part: dict[str, Any] = {"identical_shortlists": same, "identical_unfiltered": same_unfiltered}
        print(f"\n{label} (k={K}):")
        for name, engine in engines.items():
            ms = np.asarray(times[name]) * 1000
            cpu_ms = np.asarray(cpu[name]) * 1000
            part[name] = percentiles(ms) | {
                "cpu_ms_mean": float(cpu_ms.mean()),
                "cpu_ms_p99": float(np.percentile(cpu_ms, 99)),
                "rows_scored_mean": float(np.mean(scored[name])),
                "rows_scored_p95": float(np.percentile(scored[name], 95)),
                "prepare_warm_cpu_ms_mean": float(np.mean(applied[name]) * 1000) if applied[name] else 0.0,
                "index_bytes_per_profile": engine.memory_bytes() / args.profiles,
            }
            stats = part[name]
            print(
                f"{name:5} p50 {stats['p50_ms']:.1f} ms  p90 {stats['p90_ms']:.1f} ms  "
                f"p99 {stats['p99_ms']:.1f} ms  mean {stats['mean_ms']:.1f} ms  CPU {stats['cpu_ms_mean']:.1f} ms "
                f"(p99 {stats['cpu_ms_p99']:.1f}) rows scored {stats['rows_scored_mean']:.0f} "
                f"(p95 {stats['rows_scored_p95']:.0f}) "
                + (f"prepare+warm CPU {stats['prepare_warm_cpu_ms_mean']:.1f} ms " if applied[name] else "")
                + f"per query  index {stats['index_bytes_per_profile']:.0f} B/profile"
            )
        ratio = np.asarray(times["this"]) / np.asarray(times["base"])
        part["paired_ratio_median"] = float(np.median(ratio))
        part["cpu_ratio"] = float(np.sum(cpu["this"]) / np.sum(cpu["base"]))
        print(
            f"this / base per query: median {np.median(ratio):.3f} (p10 {np.percentile(ratio, 10):.3f}, "
            f"p90 {np.percentile(ratio, 90):.3f}); CPU this / base {part['cpu_ratio']:.3f}; identical "
            f"shortlists {same} of {out['queries']} ({same_unfiltered} of the unfiltered half); load average "
            f"{os.getloadavg()[0]:.1f}",
            flush=True,
        )
        out[label] = part
    if args.same_counts:  # the exclusion counts must not have changed, in every scope both versions have
        this_scope = importlib.import_module("services.matching.index.domain.filters").Scope
        base_scope = getattr(importlib.import_module("base_ranking_domain.filters"), "Scope", None)

        def counts(engine: Any, v: Any, org: str | None, scope: Any) -> Any:
            kw = {} if scope is None else {"exclusion_scope": scope}
            e = engine.rank(v, k=K, viewer_org=org, today=REFERENCE_DAY, **kw).exclusions
            return e.considered, e.excluded, dict(e.by_reason)

        # a base without scopes counted over the whole country only
        scopes = [s.value for s in this_scope] if base_scope is not None else [this_scope.COUNTRY.value]
        for value in scopes:
            agree = sum(
                counts(engines["base"], v, org, base_scope(value) if base_scope is not None else None)
                == counts(engines["this"], v, org, this_scope(value))
                for v, org in queries[: args.same_counts]
            )
            out[f"same_counts_{value}"] = agree
            print(f"exclusion counts ({value}) equal to the base's: {agree} of {args.same_counts}")
    return out


if __name__ == "__main__":
    main()
