"""CV lines naming an ESCO occupation: the share that give the right work-history row (issue 12,
helper `cvfix38`; outside tester 38b, N1/N2).

    python -m benchmarks.cv_titles [--sample 120] [--before]

Builds, for a fixed sample of ESCO occupations (every n-th by position), CV lines of the shape
"<title> <place> <years>" from each one's preferred label and first alternative label (one without
a comma), in English ("<Title> at a workplace in Tampere 2014-2021.", "Worked as a <title> in
Tampere 2014-2021.") and Finnish ("<Title> Tampereella 2014-2021.", and for a one-word title ending
in a vowel "Työskentelin <title>na Tampereella 2014-2021."), and counts the lines whose
`work_history` rows (`MatchingHandlers.work_named`'s reading: `cv_lines.named_work` over the
recogniser's `occupations_in` with `cv_lines.CvTitles`) include that occupation, and (column
`period`, since cvyears39) the share whose row for it is one a profile takes as it is with the
line's period (7 years, ended 2021: `cv_lines.profile_rows`). `--before` reads with
`occupations_in` alone (the reading before `cvfix38`). No held-out data is read: the lines are
built from the taxonomy.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence


def cv_lines_of(
    labels: dict[str, Sequence[str | None]], alts: dict[str, Sequence[Sequence[str]]], o: int
) -> list[tuple[str, str, str]]:
    """(lang, kind, line) for occupation position `o`: preferred and first alternative label each."""
    out = []
    for lang in ("en", "fi"):
        pref = labels[lang][o] or ""
        alt = next(
            (a for a in (alts[lang][o] if o < len(alts[lang]) else ()) if a and a != pref and "," not in a),
            None,
        )
        for kind, title in (("preferred", pref), ("alternative", alt)):
            if not title or "," in title:
                continue
            cap = title[0].upper() + title[1:]
            if lang == "en":
                out.append((lang, kind, f"{cap} at a workplace in Tampere 2014-2021."))
                out.append((lang, kind, f"Worked as a {title} in Tampere 2014-2021."))
            else:
                out.append((lang, kind, f"{cap} Tampereella 2014-2021."))
                if " " not in title and title[-1] in "aeiouyäö":  # the essive of a one-word title
                    ending = "na" if any(v in title for v in "aou") else "nä"
                    out.append((lang, kind, f"Työskentelin {title}{ending} Tampereella 2014-2021."))
    return out


def main(argv: Sequence[str] | None = None) -> None:
    from datetime import date

    from services.matching.index.domain.cv_lines import named_work, profile_rows
    from services.matching.index.handlers import month_words
    from services.matching.index.reference import load_recognizer, load_taxonomy

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sample", type=int, default=120)
    parser.add_argument("--before", action="store_true")
    parser.add_argument("--misses", action="store_true", help="print each line without the right row")
    args = parser.parse_args(argv)
    taxonomy = load_taxonomy()
    recognizer = load_recognizer(taxonomy)
    t = taxonomy.tables
    titles = recognizer.cv_titles()
    today = date.today()
    n = len(t.occupation_uris)
    step = max(1, n // args.sample)
    counts: dict[tuple[str, str], list[int]] = {}  # [right occupation, right row, lines]
    for o in range(0, n, step)[: args.sample]:
        for lang, kind, line in cv_lines_of(t.occupation_labels, t.occupation_alt_labels, o):
            read: Callable[[str], Sequence[str]]
            if args.before:
                read = lambda s, lang=lang: recognizer.occupations_in(s, lang)  # noqa: E731
            else:
                read = lambda s, lang=lang: titles(s, lang, recognizer.occupations_in(s, lang))  # noqa: E731
            rows = named_work([line], read, today, months=month_words())
            c = counts.setdefault((lang, kind), [0, 0, 0])
            c[0] += any(r.uri == t.occupation_uris[o] for r in rows)
            c[1] += any(
                r.uri == t.occupation_uris[o] and (r.years, r.ended_year) == (7, 2021)
                for r in profile_rows(rows)
            )
            c[2] += 1
            if args.misses and not any(r.uri == t.occupation_uris[o] for r in rows):
                print("miss", lang, kind, line, [r.uri[-8:] for r in rows])
    print("lang\tlabel\toccupation\t\tperiod")
    for (lang, kind), (right, period, total) in sorted(counts.items()):
        print(f"{lang}\t{kind}\t{right}/{total}\t{right / total:.3f}\t{period / total:.3f}")
    right, period, total = (sum(c[i] for c in counts.values()) for i in range(3))
    print(f"all\t\t{right}/{total}\t{right / total:.3f}\t{period / total:.3f}")


if __name__ == "__main__":
    main()
