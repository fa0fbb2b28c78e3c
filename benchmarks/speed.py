"""Speed benchmark: index build, memory per profile and in-process shortlist latency, side by side
with scikit-learn's brute-force cosine NearestNeighbors on the same candidate vectors.

    python -m benchmarks.speed                          # 100,000 and 1,000,000 profiles
    python -m benchmarks.speed --sizes 100000 --queries 200

Shortlist latency is measured for `MatchingEngine.shortlist(k=50)` (and, as the API answers, with
the exclusion counts within commuting reach: `MatchingEngine.rank(k=50)`; and with the whole-country
counts a request may ask for) with the hard filters of
generated vacancies (languages, working time, availability, commute) and, for half of the
queries, a consent filter; it includes building the explanation of every entry. The
NearestNeighbors comparison gets the same expanded, IDF-weighted, L2-normalised vectors and the
same vacancy vectors, and only ranks by cosine (no filters, no coverage, no explanations).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import normalize

from benchmarks.generate import (
    ORGS,
    REFERENCE_DAY,
    generate_candidates,
    generate_vacancies,
    load_municipalities,
)
from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.filters import Scope
from services.matching.index.domain.model import Candidate
from services.matching.index.domain.pool import near_ranges
from services.matching.index.domain.query import vacancy_query
from services.matching.index.domain.vectors import expanded
from services.matching.index.reference import load_taxonomy

K = 50


class TimedIterator(Iterator[Candidate]):
    """Wraps a generator and adds up the time spent producing its items."""

    def __init__(self, items: Iterable[Candidate]) -> None:
        self._it = iter(items)
        self.seconds = 0.0

    def __next__(self) -> Candidate:
        start = time.perf_counter()
        try:
            return next(self._it)
        finally:
            self.seconds += time.perf_counter() - start


def rss_bytes() -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def percentiles(values: Sequence[float]) -> dict[str, float]:
    ms = np.asarray(values) * 1000
    return {
        "p50_ms": float(np.percentile(ms, 50)),
        "p90_ms": float(np.percentile(ms, 90)),
        "p99_ms": float(np.percentile(ms, 99)),
        "max_ms": float(ms.max()),
        "mean_ms": float(ms.mean()),
    }


def candidate_vectors(engine: MatchingEngine) -> sp.csr_matrix:
    """The main segment's expanded, IDF-weighted, L2-normalised candidate vectors."""
    snap, space = engine._snapshot, engine._space  # benchmark-only peek at the index
    seg = snap.main
    blocks = [
        expanded(seg.claims, seg.experience, space, start, start + 100_000)
        for start in range(0, len(seg), 100_000)
    ]
    matrix = sp.vstack(blocks, format="csr")
    matrix = matrix @ sp.diags(snap.idf)
    return normalize(matrix.astype(np.float32).tocsr())


def query_vector(engine: MatchingEngine, vacancy) -> sp.csr_matrix:  # type: ignore[no-untyped-def]
    snap, space = engine._snapshot, engine._space
    q = vacancy_query(vacancy, space)
    weights = q.weight * snap.idf[q.skills]
    vec = sp.csr_matrix(
        (weights.astype(np.float32), (np.zeros(len(q.skills), int), q.skills)),
        shape=(1, space.n_skills),
    )
    return normalize(vec)


def run_size(n: int, args: argparse.Namespace, taxonomy, municipalities) -> dict:  # type: ignore[no-untyped-def]
    print(f"\n## {n:,} profiles", flush=True)
    out: dict = {"profiles": n}
    gc.collect()
    rss0 = rss_bytes()
    engine = MatchingEngine(taxonomy, municipalities, clock=lambda: REFERENCE_DAY)
    source = TimedIterator(generate_candidates(taxonomy, n, args.seed, municipalities=municipalities))
    start = time.perf_counter()
    engine.bulk_load(source)
    total = time.perf_counter() - start
    gc.collect()
    out["generate_s"] = source.seconds
    out["index_build_s"] = total - source.seconds
    out["index_bytes_per_profile"] = engine.memory_bytes() / n
    out["rss_bytes_per_profile"] = (rss_bytes() - rss0) / n
    seg = engine._snapshot.main
    out["claims_per_profile"] = seg.claims.nnz / n
    out["occupations_per_profile"] = seg.experience.nnz / n
    gc.collect()
    gc.freeze()  # as the service's gunicorn worker does once started (deploy/gunicorn.conf.py)
    print(
        f"generate {out['generate_s']:.1f} s, index build {out['index_build_s']:.1f} s, "
        f"index {out['index_bytes_per_profile']:.0f} B/profile "
        f"(process RSS growth {out['rss_bytes_per_profile']:.0f} B/profile), "
        f"{out['claims_per_profile']:.1f} claims and {out['occupations_per_profile']:.2f} "
        "occupations per profile",
        flush=True,
    )
    vacancies = list(
        generate_vacancies(taxonomy, args.queries + 10, args.seed + 1, municipalities=municipalities)
    )
    orgs = [None, *ORGS]
    specs = [engine._filter_spec(v, REFERENCE_DAY, None) for v in vacancies[10:]]
    near = [
        near_ranges(seg, s.distances, s.include_unknown_distance) for s in specs
    ]  # benchmark-only peek: how many candidates stage 1 walks (those within commuting distance)
    out["near_share"] = float(np.mean([(hi - lo).sum() / n for lo, hi, _ in near]))
    out["near_share_max"] = float(np.max([(hi - lo).sum() / n for lo, hi, _ in near]))
    for i, v in enumerate(vacancies[:10]):  # warm-up
        engine.shortlist(v, k=K, viewer_org=orgs[i % 2], today=REFERENCE_DAY)
    latencies, lengths = [], []
    for i, v in enumerate(vacancies[10:]):
        org = None if i % 2 == 0 else orgs[1 + (i // 2) % len(ORGS)]
        start = time.perf_counter()
        entries = engine.shortlist(v, k=K, viewer_org=org, today=REFERENCE_DAY)
        latencies.append(time.perf_counter() - start)
        lengths.append(len(entries))
    out["shortlist"] = percentiles(latencies)
    out["shortlist"]["mean_length"] = float(np.mean(lengths))
    s = out["shortlist"]
    print(
        f"shortlist k={K}: p50 {s['p50_ms']:.1f} ms, p90 {s['p90_ms']:.1f} ms, "
        f"p99 {s['p99_ms']:.1f} ms, max {s['max_ms']:.1f} ms "
        f"({len(latencies)} queries, mean length {s['mean_length']:.1f}; stage 1 walked "
        f"{100 * out['near_share']:.1f}% of the profiles on average, at most "
        f"{100 * out['near_share_max']:.1f}%: those within commuting distance)",
        flush=True,
    )

    # the API's shortlist also counts what each hard filter removed: by default within commuting
    # reach (from the pool stage 1 walked), on request over the whole country (another walk)
    for key, scope, words in (
        ("shortlist_with_counts", Scope.REACH, "with exclusion counts (as the API answers)"),
        ("shortlist_with_country_counts", Scope.COUNTRY, "with whole-country counts (exclusions=country)"),
    ):
        counted = []
        for i, v in enumerate(vacancies[10:]):
            org = None if i % 2 == 0 else orgs[1 + (i // 2) % len(ORGS)]
            start = time.perf_counter()
            engine.rank(v, k=K, viewer_org=org, today=REFERENCE_DAY, exclusion_scope=scope)
            counted.append(time.perf_counter() - start)
        out[key] = percentiles(counted)
        c = out[key]
        print(
            f"shortlist k={K} {words}: p50 {c['p50_ms']:.1f} ms, "
            f"p90 {c['p90_ms']:.1f} ms, p99 {c['p99_ms']:.1f} ms, max {c['max_ms']:.1f} ms",
            flush=True,
        )

    # writes: updates land in the delta segment; a merge folds it into the main one
    updates = list(generate_candidates(taxonomy, args.updates, args.seed + 2, municipalities=municipalities))
    write = []
    for c in updates:
        start = time.perf_counter()
        engine.upsert_candidate(Candidate(**{**_fields(c), "version": 2}))
        write.append(time.perf_counter() - start)
    out["upsert"] = percentiles(write)
    start = time.perf_counter()
    engine.merge()
    out["merge_s"] = time.perf_counter() - start
    print(
        f"upsert p50 {out['upsert']['p50_ms']:.2f} ms, p99 {out['upsert']['p99_ms']:.2f} ms; "
        f"merge of the delta into the main segment {out['merge_s']:.1f} s",
        flush=True,
    )

    if args.nn_queries:
        matrix = candidate_vectors(engine)
        start = time.perf_counter()
        nn = NearestNeighbors(n_neighbors=K, metric="cosine", algorithm="brute").fit(matrix)
        out["nn_fit_s"] = time.perf_counter() - start
        nn_lat, ours = [], []
        for v in vacancies[10 : 10 + args.nn_queries]:
            q = query_vector(engine, v)
            start = time.perf_counter()
            nn.kneighbors(q, n_neighbors=K)
            nn_lat.append(time.perf_counter() - start)
            start = time.perf_counter()
            engine.shortlist(v, k=K, viewer_org=None, today=REFERENCE_DAY)
            ours.append(time.perf_counter() - start)
        out["nearest_neighbors"] = percentiles(nn_lat)
        out["engine_same_queries"] = percentiles(ours)
        ratio = out["nearest_neighbors"]["p50_ms"] / out["engine_same_queries"]["p50_ms"]
        out["nn_over_engine_p50"] = ratio
        print(
            f"NearestNeighbors(cosine, brute) k={K}: p50 {out['nearest_neighbors']['p50_ms']:.1f} ms, "
            f"p99 {out['nearest_neighbors']['p99_ms']:.1f} ms vs engine on the same "
            f"{len(nn_lat)} vacancies p50 {out['engine_same_queries']['p50_ms']:.1f} ms, "
            f"p99 {out['engine_same_queries']['p99_ms']:.1f} ms: engine {ratio:.0f}x faster at p50",
            flush=True,
        )
        del nn, matrix
    del engine
    gc.collect()
    return out


def _fields(c: Candidate) -> dict:
    return {name: getattr(c, name) for name in c.__dataclass_fields__}


def main(argv: Sequence[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--nn-queries", type=int, default=30)
    parser.add_argument("--updates", type=int, default=300)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args(argv)
    taxonomy = load_taxonomy()
    municipalities = load_municipalities()
    load = os.getloadavg()
    print(
        f"# speed benchmark {date.today()}: {os.cpu_count()} CPUs, {platform.python_version()}, "
        f"load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}, "
        f"{len(municipalities)} municipalities",
        flush=True,
    )
    results: dict[str, Any] = {
        "date": str(date.today()),
        "cpus": os.cpu_count(),
        "load_before": load,
        "runs": [],
    }
    for n in args.sizes:
        results["runs"].append(run_size(n, args, taxonomy, municipalities))
    results["load_after"] = os.getloadavg()
    print(f"\nload average after: {results['load_after'][0]:.1f}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=2)
    return results


if __name__ == "__main__":
    main()
