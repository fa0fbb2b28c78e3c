"""CV lines naming an ESCO occupation: the share that give the right work-history row, and the share
that give it as the line's one row (issue 12, helper `cvfix38`; outside tester 38b, N1/N2; outside
tester 39, P1/P4, helper `cvrows39`).

    python -m benchmarks.cv_titles [--sample 120] [--before] [--misses] [--detect]

Builds, for a fixed sample of ESCO occupations (every n-th by position), CV lines of the shape
"<title> <place> <years>" from each one's preferred label and first alternative label (one without
a comma), in English ("<Title> at a workplace in Tampere 2014-2021.", "Worked as a <title> in
Tampere 2014-2021.") and Finnish ("<Title> Tampereella 2014-2021.", and for a one-word title ending
in a vowel "Työskentelin <title>na Tampereella 2014-2021."), and counts the lines whose
`work_history` rows (`MatchingHandlers.work_named`'s reading: `cv_lines.named_work` over the
recogniser's `occupations_in` with `cv_lines.CvTitles`) name that occupation (as a row or a row's
`alternatives`: "named"), those whose one row is it ("one row": each line names one job; tester
39, P1), and (column `period`, since cvyears39) those whose row for it is one a profile takes as it
is with the line's period (7 years, ended 2021; 5, ended 2020: `cv_lines.profile_rows`). The label lines are
read in their language, as a caller that gives `lang`; then the everyday English and Swedish
titles of the job-title glossary (`data/recognition/job_titles.csv`: "truck driver", "cleaner",
"städare", "säljare", none an ESCO label in the line's language), each as "<Title> 2015-2020." and
"Worked as a <title> 2015-2020." / "Jobbat som <title> 2015-2020.", read in the language detected
line by line, as a caller that leaves `lang` out (tester 39, P4: "Truck driver 2015–2020." read as
Swedish); right is any of the occupations the glossary names for it by an ESCO Finnish label
(a title it names only by an everyday Finnish one, "lärare" → opettaja, is left out). `--before` reads with
`occupations_in` alone (the reading before `cvfix38`); `--detect` reads the label lines in their
detected language too, as a caller that leaves `lang` out. No held-out data is read: the lines are
built from the taxonomy and the glossary.
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


def glossary_lines(glossary: Sequence[tuple[str, str, str]]) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(lang, kind, line, its Finnish ESCO titles) for the English and Swedish titles of the glossary."""
    out = []
    for lang, title, finnish in glossary:
        if lang not in ("en", "sv"):
            continue
        names = tuple(finnish.split("|"))
        cap = title[0].upper() + title[1:]
        opener = "Worked as a" if lang == "en" else "Jobbat som"
        out.append((lang, "glossary", f"{cap} 2015-2020.", names))
        out.append((lang, "glossary", f"{opener} {title} 2015-2020.", names))
    return out


def main(argv: Sequence[str] | None = None) -> None:
    from datetime import date

    from services.matching.index.domain import cv_lines
    from services.matching.index.domain.cv_lines import CvTitles, named_work, profile_rows
    from services.matching.index.domain.recognition_text import words
    from services.matching.index.handlers import month_words
    from services.matching.index.reference import load_recognizer, load_taxonomy, load_title_glossary

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sample", type=int, default=120)
    parser.add_argument("--before", action="store_true")
    parser.add_argument("--misses", action="store_true", help="print each line without the right row")
    parser.add_argument(
        "--detect",
        action="store_true",
        help="read the label lines in their detected language too (no `lang`)",
    )
    args = parser.parse_args(argv)
    taxonomy = load_taxonomy()
    recognizer = load_recognizer(taxonomy)
    t = taxonomy.tables
    glossary = load_title_glossary()
    current = hasattr(CvTitles, "read")  # (this reading, or the one before `cvrows39`)
    extra: dict[str, object] = {"glossary": glossary} if current else {}
    titles = CvTitles(
        t.occupation_labels, t.occupation_alt_labels, t.occupation_uris, recognizer.tools.lemmatise, **extra
    )
    languages = getattr(cv_lines, "CV_LANGUAGES", ())
    today, months = date.today(), month_words()

    def reader(lang: str | None) -> Callable[[str], Sequence[str] | Sequence[Sequence[str]]]:
        def read(s: str) -> Sequence[str] | Sequence[Sequence[str]]:
            language = lang or recognizer.language(s)
            if args.before:
                return recognizer.occupations_in(s, language)
            if current:
                langs = (lang,) if lang else (language, *languages)
                return titles.read(s, langs, recognizer.occupations_in)  # type: ignore[attr-defined]
            return titles(s, language, recognizer.occupations_in(s, language))  # type: ignore[arg-type]

        return read

    finnish: dict[str, set[int]] = {}  # a Finnish ESCO title (preferred or alternative) → occupations
    for o, label in enumerate(t.occupation_labels["fi"]):
        for name in (
            label,
            *(t.occupation_alt_labels["fi"][o] if o < len(t.occupation_alt_labels["fi"]) else ()),
        ):
            if name:
                finnish.setdefault(" ".join(words(name)), set()).add(o)
    cases: list[tuple[str, str, str, set[str], str | None, tuple[float, int]]] = []
    n = len(t.occupation_uris)
    step = max(1, n // args.sample)
    for o in range(0, n, step)[: args.sample]:
        for lang, kind, line in cv_lines_of(t.occupation_labels, t.occupation_alt_labels, o):
            cases.append((lang, kind, line, {t.occupation_uris[o]}, None if args.detect else lang, (7, 2021)))
    unnamed = 0
    for lang, kind, line, names in glossary_lines(glossary):
        right = {t.occupation_uris[o] for x in names for o in finnish.get(" ".join(words(x)), ())}
        if right:
            cases.append((lang, kind, line, right, None, (5, 2020)))
        else:  # (the glossary names an everyday Finnish title for it, no ESCO one: "opettaja")
            unnamed += 1
    counts: dict[tuple[str, str], list[int]] = {}  # [named, one row, right period, lines]
    for lang, kind, line, right, given, period in cases:
        rows = named_work([line], reader(given), today, months=months)
        c = counts.setdefault((lang, kind), [0, 0, 0, 0])
        c[0] += any(u in right for r in rows for u in (r.uri, *getattr(r, "alternatives", ())))
        c[1] += len(rows) == 1 and rows[0].uri in right
        c[2] += any(r.uri in right and (r.years, r.ended_year) == period for r in profile_rows(rows))
        c[3] += 1
        if args.misses and not (len(rows) == 1 and rows[0].uri in right):
            print("miss", lang, kind, line, [r.uri[-8:] for r in rows])
    print(f"({unnamed} glossary lines left out: their titles name no ESCO occupation's Finnish label)")
    print("lang\tkind\tnamed (a row or its alternative)\tone row, the right one\tperiod")
    for (lang, kind), (hit, one, period, total) in sorted(counts.items()):
        print(
            f"{lang}\t{kind}\t{hit}/{total} = {hit / total:.3f}\t{one}/{total} = {one / total:.3f}"
            f"\t{period / total:.3f}"
        )
    hit, one, period, total = (sum(c[i] for c in counts.values()) for i in range(4))
    print(
        f"all\t\t{hit}/{total} = {hit / total:.3f}\t{one}/{total} = {one / total:.3f}\t{period / total:.3f}"
    )


if __name__ == "__main__":
    main()
