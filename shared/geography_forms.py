"""Build ``data/geo/municipality_forms_fi.csv``: the inflected forms of the municipalities' Finnish
names as simplemma's Finnish dictionary records them (simplemma, PyPI, MIT; its dictionaries come from
Wiktionary), so that ``shared.geography`` reads "Helsingin kaupunki", "Turun", "Lahden kaupunki",
"Kauniaisten kaupunki" and the abbreviation "Hki" without loading the dictionary at run time (it is
3.5 million forms and about 400 MB in memory; the services read the 800 forms of this file).

Run ``python -m shared.geography_forms --write`` after replacing the geo files or upgrading simplemma.
A form is kept only when it names exactly one municipality and is no current, Swedish, Sámi or
abolished name of any (those are read as themselves first).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path

from shared.geography import FORMS_FILE, Geography, fold


def municipality_forms(geography: Geography) -> list[tuple[str, str]]:
    """(form, code) rows, sorted by code then form: every dictionary form whose lemma is a current
    municipality's Finnish name and that ends in -n (the genitive of a title, "Helsingin kaupunki";
    also the illative and plural forms ending so) or has at most 3 letters (an abbreviation, "Hki"),
    minus names and forms that more than one municipality claims. Other cases ("Tervoa", the
    partitive of Tervo) are left out: a typo of another name ("Tervola") must not land on them."""
    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    by_name = {m.name_fi: m.code for m in geography.municipalities.values()}
    dictionary = DefaultDictionaryFactory().get_dictionary("fi")
    claims: dict[str, set[str]] = defaultdict(set)
    spelling: dict[tuple[str, str], str] = {}
    for form in dictionary:
        code = by_name.get(dictionary[form])
        if code is None or not (form.endswith("n") or len(form) <= 3):
            continue
        key = fold(form)
        claims[key].add(code)
        spelling.setdefault((key, code), form)
    taken = geography.name_keys()
    rows = [
        (spelling[(key, next(iter(codes)))], next(iter(codes)))
        for key, codes in claims.items()
        if len(codes) == 1 and key not in taken
    ]
    return sorted(rows, key=lambda row: (row[1], fold(row[0])))


def main(argv: list[str] | None = None) -> int:
    """``--write`` rewrites the file in ``data/geo``; without it, print the rows' count and exit 1
    when the file differs."""
    from shared.reference import geography, read_csv, reference_data_dir
    from shared.tables import csv_writer

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite the file")
    args = parser.parse_args(argv)
    path: Path = reference_data_dir() / "geo" / FORMS_FILE
    rows = municipality_forms(geography())
    if args.write:
        with path.open("w", encoding="utf-8", newline="") as fh:
            out = csv_writer(fh, lineterminator="\n")
            out.writerow(["form", "code"])
            out.writerows(rows)
        print(f"{len(rows)} forms from simplemma {version('simplemma')} written to {path}")
        return 0
    stored = [(r["form"], r["code"]) for r in read_csv(path)] if path.exists() else []
    state = "matches" if stored == rows else "differs"
    print(f"{len(rows)} forms from simplemma {version('simplemma')}; {path} {state}")
    return 0 if stored == rows else 1


if __name__ == "__main__":
    sys.exit(main())
