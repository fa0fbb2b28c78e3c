"""CPU of the phrase readings a vacancy's text gets at its doors, per text shape and length (outside
tester 36b, J1: "suomen ja ruotsin kielen taito " repeated to 20,000 characters took 57.8 s to POST):
the vacancy service's language, licence and card requirements (`named_requirements`), the ad limits
(`ad_limits.limits`), the negation scopes (`negated_spans`) and the identity-code screen
(`find_personal_data`), each on one repetitive sentence of 5,000, 10,000 and 20,000 characters.

    python -m benchmarks.phrase_reading_cost [--repeat 3]

Prints per shape and length the CPU seconds of each reading (`time.process_time`, the best of
`--repeat`); a linear reading doubles with the text, a quadratic one quadruples."""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from services.kernel.ad_limits import limits
from services.kernel.negation import negated_spans
from services.vacancy.requirement_words import named_requirements
from shared.pii import as_meant, find_personal_data

SHAPES: dict[str, str] = {
    "language clause": "suomen ja ruotsin kielen taito ",
    "ad limits": "alle 30-vuotias nainen ",
    "negations": "ei vaadita kokemusta ja ",
    "'ja' chain": "hitsaus ja ",
    "'och' chain": "svetsning och ",
    "'and' chain": "welding and ",
    "commas": "a, ",
    "language names": "suomi, ruotsi, englanti, svenska, finska, English, ",
    "numbers": "12 ",
    "licences and cards": "B-ajokortti ja hygieniapassi, ",
    "no spaces": "a",
}
LENGTHS = (5_000, 10_000, 20_000)
READINGS: dict[str, Callable[[str], object]] = {
    "requirements": lambda t: named_requirements([t]),
    "ad limits": lambda t: limits(t, as_meant=as_meant),
    "negation": negated_spans,
    "PII screen": find_personal_data,
}


def _cpu(reading: Callable[[str], object], text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        reading(text)
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'shape':20s} {'chars':>6s} " + " ".join(f"{name:>12s}" for name in READINGS))
    for shape, unit in SHAPES.items():
        for chars in LENGTHS:
            text = (unit * (chars // len(unit) + 1))[:chars]
            cpu = [_cpu(reading, text, args.repeat) for reading in READINGS.values()]
            print(f"{shape:20s} {chars:6d} " + " ".join(f"{c:12.3f}" for c in cpu), flush=True)


if __name__ == "__main__":
    main()
