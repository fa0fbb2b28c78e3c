"""Outside tester 36b, J1: a long run of whitespace inside a sentence cost its length squared in the
sentence splitter (20 CPU-s for "x" and 19,990 spaces, charged one unit). A run now reads as one space,
or as one line end when it holds one; what is split, and where, is unchanged."""

from __future__ import annotations

import pytest

from services.kernel.sentences import reading_units, sentences


@pytest.mark.parametrize(
    "attack",
    [
        "x" + " " * 19_990,
        "Hitsaus" + " \t" * 10_000 + "on tärkeää.",
        " \n" * 10_000,
        "Hoitotyö." + " " * 10_000 + "Lääkehoito.",
    ],
)
def test_a_whitespace_run_reads_as_one_space_or_one_line_end(attack):
    read = sentences(attack)
    assert all("  " not in s and "\n" not in s for s in read)
    assert reading_units(read) <= 1 + len(read), "charged by what is read, not by the blanks"


def test_the_tester_s_run_of_spaces_is_one_short_sentence():
    assert sentences("x" + " " * 19_990) == ["x"]


def test_sentences_split_where_they_did():
    text = "Hei.  Toinen   lause.\n\n\n- kohta\n  * toinen\tkohta • kolmas  –  neljäs"
    assert sentences(text) == ["Hei.", "Toinen lause.", "kohta", "toinen\tkohta", "kolmas", "neljäs"]


def test_blank_lines_split_as_one_line_end():
    assert sentences("Ensimmäinen rivi\n \n\t\nToinen rivi") == ["Ensimmäinen rivi", "Toinen rivi"]
