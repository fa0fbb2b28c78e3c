"""Dump what the recogniser returns for every sentence of some sets, to diff two versions of the code.

    python -m benchmarks.recognition_dump --sets tech,house,fi,sv --half tune --out var/before.tsv
    diff var/before.tsv var/after.tsv        # empty: the change kept every result

One line per sentence and call: set, sentence number, call (``shown``: `top_k` 5 with the service's
cut-off, as a user sees it; ``deep``: `top_k` 50 with `min_score` 0, as MRR reads it), then each
skill as ``uri=score@source`` with the score's full ``repr`` (a float's every bit), best first.
Each sentence is read with the recogniser's caches of recent texts emptied, as `benchmarks.recognition`
times it. Only run it on sets whose sentences may be read one by one (tuning and study sets, never
a check or held-out set: see `benchmarks.recognition`).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from benchmarks.recognition import VALIDATION_FILES, default_validation_dir, load_sets


def dump_lines(recognizer: object, name: str, texts: Sequence[str]) -> list[str]:
    """Lines (str, tab-separated, no newline) for the sentences `texts` of the set `name`."""
    lines = []
    for i, text in enumerate(texts):
        for call, kwargs in (("shown", {"top_k": 5}), ("deep", {"top_k": 50, "min_score": 0.0})):
            recognizer.forget_queries()  # type: ignore[attr-defined]
            found = recognizer.recognise(text, **kwargs)  # type: ignore[attr-defined]
            skills = " ".join(f"{r.uri}={r.score!r}@{r.source!r}" for r in found)
            lines.append(f"{name}\t{i}\t{call}\t{skills}")
    return lines


def main(argv: Sequence[str] | None = None) -> None:
    from services.matching.index.reference import load_recognizer, load_taxonomy

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sets", required=True)
    parser.add_argument("--half", choices=("report", "tune", "all"), default="tune")
    parser.add_argument("--validation-dir", type=Path, default=None)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    taxonomy = load_taxonomy()
    recognizer = load_recognizer(taxonomy)
    sets = load_sets(taxonomy, args.sets.split(","), args.validation_dir or default_validation_dir())
    lines = []
    for name, sentences in sets.items():
        texts = [
            s.text
            for s in sentences
            if args.half == "all" or s.half in (args.half, "dev") or name in VALIDATION_FILES
        ]
        lines += dump_lines(recognizer, name, texts)
        print(f"{name}: {len(texts)} sentences", flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
