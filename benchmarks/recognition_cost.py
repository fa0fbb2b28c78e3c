"""CPU per rate-limit unit of `POST /api/v1/skills/recognise`: what one unit of
`KOHTAANTO_RATE_LIMIT_RECOGNITION` buys (outside tester 36, H4: one 18,200-character comma list cost
seconds of CPU and one unit).

    python -m benchmarks.recognition_cost [--repeat 3]

Runs the matching app in-process (Flask test client, SQLite in a temporary directory, no broker), posts
ordinary ads and adversarial shapes (one long sentence of words, of comma items, of words without
spaces; many short sentences and lines), and prints per text: characters, CPU seconds of the request
(`time.process_time`, the best of `--repeat`), the units charged (the drop of `X-RateLimit-Remaining`)
and CPU milliseconds per unit."""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
from pathlib import Path

from shared.config import RateLimitSettings

TEXTS: dict[str, str] = {
    "ad, 6 sentences": (
        "Haemme hitsaajaa konepajaamme Tampereelle. Hitsaat MIG/MAG-menetelmällä teräsrakenteita. "
        "Luet työpiirustuksia ja mittaat kappaleita. Edellytämme hitsaajan ammattitutkintoa. "
        "Työturvallisuuskortti on eduksi. Tarjoamme hyvän työyhteisön."
    ),
    "CV line": "Ajoin Ponsse Ergo -hakkuukonetta ja Buffalo-kuormatraktoria harvennuksilla ja avohakkuilla.",
    "comma list, 18,200 chars": "hitsaus, asennus, huolto, " * 700,
    "'hitsaus ' x 2400": "hitsaus " * 2400,
    "'welding and ' x 1650": "welding and " * 1650,
    "no spaces, 20,000 chars": "a" * 20_000,
    "'a ' x 10,000": "a " * 10_000,
    "2,000 list lines": "\n".join(f"- kohta {i}" for i in range(2000))[:20_000],
    "1,300 short sentences": ("Osaat hitsata. " * 1300)[:20_000],
    # outside tester 36b, J1: whitespace runs and the vacancy doors' repetitive sentences
    "'x' + 19,990 spaces": "x" + " " * 19_990,
    "language words, 20,000 chars": ("suomen ja ruotsin kielen taito " * 650)[:20_000],
    "ad limits, 20,000 chars": ("alle 30-vuotias nainen " * 870)[:20_000],
    "negations, 20,000 chars": ("ei vaadita kokemusta ja " * 840)[:20_000],
    "over the limit: 20,014 chars": "hitsaus" + " " * 20_000 + "asennus",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    from tests.api.databases import fresh
    from tests.api.matching_world import Clock, matching_app
    from tests.helpers import auth, sqlite_url

    limits = RateLimitSettings(recognition="1000000 per minute")
    with tempfile.TemporaryDirectory() as tmp:
        client = matching_app(
            fresh(sqlite_url(Path(tmp), "bench")), Clock(), rate_limits=limits
        ).test_client()
        client.post(
            "/api/v1/skills/recognise",
            json={"text": "Knowledge of SQL."},
            headers=auth("coach", "tampere-tyollisyys"),
        )
        print(f"{'text':28} {'chars':>6} {'CPU s':>6} {'units':>5} {'ms/unit':>7} status")
        for n, (name, text) in enumerate(TEXTS.items()):
            best, units, status = float("inf"), 0, 0
            for r in range(args.repeat):
                headers = auth("coach", "tampere-tyollisyys", f"bench-{n}-{r}")
                started = time.process_time()
                answer = client.post("/api/v1/skills/recognise", json={"text": text}, headers=headers)
                best = min(best, time.process_time() - started)
                status = answer.status_code
                units = int(answer.headers.get("X-RateLimit-Limit", 0)) - int(
                    answer.headers.get("X-RateLimit-Remaining", 0)
                )
            per_unit = 1000 * best / units if units else float("nan")
            print(f"{name:28} {len(text):6d} {best:6.2f} {units:5d} {per_unit:7.1f} {status}")


if __name__ == "__main__":
    main()
