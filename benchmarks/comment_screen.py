"""Share of labelled outcome comments the special-category screen refuses and passes, per category and
language (tests/unit/shared/data/comment_screen.tsv; ``shared.pii.find_sensitive_data``).

    .venv/bin/python -m benchmarks.comment_screen            # a table; exit 0
    .venv/bin/python -m benchmarks.comment_screen --fresh    # the second set (session 20)
    .venv/bin/python -m benchmarks.comment_screen --fresh21  # the third set (session 21)
    .venv/bin/python -m benchmarks.comment_screen --fresh22  # the fourth set (session 22): untuned
    .venv/bin/python -m benchmarks.comment_screen --fresh23  # the fifth set (session 23): tuned on
    .venv/bin/python -m benchmarks.comment_screen --fresh26  # the sixth set (session 26): written first
    .venv/bin/python -m benchmarks.comment_screen --fresh27  # the seventh set (session 27): tuned on
    .venv/bin/python -m benchmarks.comment_screen --fresh28  # the eighth set (session 28): tuned on
    .venv/bin/python -m benchmarks.comment_screen --fresh35  # the ninth set (session 35): tuned on

A refused line counts as caught when the screen names its expected kind; a "pass" line counts as
passed when the screen finds nothing. The set was written by the helper who tuned the screen on it: its
shares are a tuning figure, not a held-out measure. ``--fresh`` reads comment_screen_fresh.tsv, written
after the tuning and measured once as it was (30 of 40 refused; docs/benchmarks.md); its misses were
then added to the lists, so it too is a tuning figure now. ``--fresh21`` (session 21) was written before
that session's changes, measured on main (13 of 85 refused, 50 of 62 passed) and once after tuning on other
sets (71/85, 59/62); its misses were then added as well: a new untuned measure needs a new set.
``--fresh22`` (session 22) is that set: 92 wordings to refuse and 65 to pass (33 work-context traps), written
before that session's changes and kept untouched (no rule was tuned on it; docs/benchmarks.md has its figures).
``--fresh23`` (session 23): 35 sexual-orientation and political-activity wordings to refuse and 26 to pass (19
work-context traps), written before that session's changes, measured on main, then tuned on: a tuning figure.
``--fresh26`` (session 26): 38 wordings to refuse (origin, religious dress, age and birth-year forms, health and
therapy, obfuscated e-mail, English addresses) and 27 ordinary comments, written before that session's
changes and measured on main; the changes were made for outside tester 26's own inputs, not these lines.
``--fresh27`` (session 27): 34 wordings to refuse (medication, elliptic pregnancy, drug use, citizenship and
work-permit applications, shelters and child protection; outside tester 27's T27-8 notes among them) and 17
job-related traps to pass, written before that session's changes, measured on main, then tuned on.
``--fresh28`` (session 28): 51 wordings to refuse (marriage and divorce in fi/sv/en, a hospital stay, a doctor's
visit, an allergy; outside tester 28's T28-7 notes among them) and 26 job-related traps and ordinary notes to
pass, written before that session's changes, measured on main, then tuned on.
``--fresh35`` (session 35): 64 wordings to refuse (social-welfare clienthood: child protection, disability and
substance-abuse services, income support, a mother-and-baby home; burnout, a rehabilitation plan, pregnancy and
family plans; outside tester 35's F3 notes among them) and 37 ordinary comments and job-related traps to pass,
written before that session's changes, measured on main, then tuned on.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from shared.pii import find_sensitive_data

DATA = Path(__file__).resolve().parent.parent / "tests" / "unit" / "shared" / "data" / "comment_screen.tsv"
FRESH = DATA.with_name("comment_screen_fresh.tsv")
FRESH21 = DATA.with_name("comment_screen_fresh21.tsv")
FRESH22 = DATA.with_name("comment_screen_fresh22.tsv")
FRESH23 = DATA.with_name("comment_screen_fresh23.tsv")
FRESH26 = DATA.with_name("comment_screen_fresh26.tsv")
FRESH27 = DATA.with_name("comment_screen_fresh27.tsv")
FRESH28 = DATA.with_name("comment_screen_fresh28.tsv")
FRESH35 = DATA.with_name("comment_screen_fresh35.tsv")


def load(path: Path = DATA) -> list[tuple[str, str, str]]:
    """(expected kind or "pass", language, text) of every line of the labelled set, comments skipped."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            expected, language, text = line.split("\t")
            rows.append((expected, language, text))
    return rows


def judge(expected: str, text: str) -> bool:
    """Whether the screen does what the label asks: names ``expected``, or finds nothing for "pass"."""
    kinds = {f.kind for f in find_sensitive_data(text)}
    return not kinds if expected == "pass" else expected in kinds


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    sets = {
        "--fresh35": FRESH35,
        "--fresh28": FRESH28,
        "--fresh27": FRESH27,
        "--fresh26": FRESH26,
        "--fresh23": FRESH23,
        "--fresh22": FRESH22,
        "--fresh21": FRESH21,
        "--fresh": FRESH,
    }
    path = next((p for flag, p in sets.items() if flag in args), DATA)
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for expected, language, text in load(path):
        good = judge(expected, text)
        cell = counts[(expected, language)]
        cell[0] += good
        cell[1] += 1
        if not good:
            print(f"# not as labelled: {expected}\t{language}\t{text}")
    print("category\tlanguage\tas labelled\tof\tshare")
    for (expected, language), (good, total) in sorted(counts.items()):
        print(f"{expected}\t{language}\t{good}\t{total}\t{good / total:.0%}")
    good = sum(c[0] for c in counts.values())
    total = sum(c[1] for c in counts.values())
    print(f"all\tall\t{good}\t{total}\t{good / total:.0%}")


if __name__ == "__main__":
    main()
