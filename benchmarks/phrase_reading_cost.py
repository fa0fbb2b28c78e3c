"""CPU of the phrase readings a vacancy's text gets at its doors, per text shape and length (outside
tester 36b, J1: "suomen ja ruotsin kielen taito " repeated to 20,000 characters took 57.8 s to POST):
the vacancy service's language, licence and card requirements (`named_requirements`), the ad limits
(`ad_limits.limits`), the negation scopes (`negated_spans`) and the identity-code screen
(`find_personal_data`), each on one repetitive sentence of 5,000, 10,000 and 20,000 characters.

    python -m benchmarks.phrase_reading_cost [--repeat 3]

Prints per shape and length the CPU seconds of each reading (`time.process_time`, the best of
`--repeat`); a linear reading doubles with the text, a quadratic one quadruples. Then, with `--posts`,
the CPU seconds, status and warning codes of one whole `POST /api/v1/vacancies` (the vacancy app
in-process, SQLite in a temporary directory) per shape at 20,000 characters and one over the limit."""

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
    parser.add_argument("--posts", action="store_true", help="also time whole vacancy POSTs")
    args = parser.parse_args()
    print(f"{'shape':20s} {'chars':>6s} " + " ".join(f"{name:>12s}" for name in READINGS))
    for shape, unit in SHAPES.items():
        for chars in LENGTHS:
            text = (unit * (chars // len(unit) + 1))[:chars]
            cpu = [_cpu(reading, text, args.repeat) for reading in READINGS.values()]
            print(f"{shape:20s} {chars:6d} " + " ".join(f"{c:12.3f}" for c in cpu), flush=True)
    if args.posts:
        _vacancy_posts()


def _vacancy_posts() -> None:
    import logging
    import tempfile
    from pathlib import Path

    from services.vacancy.app import create_app
    from services.vacancy.config import Settings
    from tests.api.databases import fresh, migrated
    from tests.api.vacancy_bodies import valid
    from tests.helpers import auth, common_settings, sqlite_url

    logging.disable(logging.WARNING)
    employer = auth("employer", "konepaja-oy")
    texts = {shape: (unit * (20_000 // len(unit) + 1))[:20_000] for shape, unit in SHAPES.items()}
    texts["over the limit"] = "hitsaus" + " " * 20_000 + "asennus"
    with tempfile.TemporaryDirectory() as tmp:
        url = migrated(fresh(sqlite_url(Path(tmp), "bench")), "vacancy")
        client = create_app(Settings(common=common_settings("vacancy", url)), testing=True).test_client()
        client.post("/api/v1/vacancies", json=valid(), headers=employer)
        for shape, text in texts.items():
            started = time.process_time()
            answer = client.post("/api/v1/vacancies", json=valid(description=text), headers=employer)
            cpu = time.process_time() - started
            codes = [w["code"] for w in (answer.get_json() or {}).get("warnings", [])]
            print(f"POST {shape:20s} {len(text):6d} {cpu:6.2f} {answer.status_code} {codes}", flush=True)


if __name__ == "__main__":
    main()
