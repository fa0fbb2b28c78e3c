"""How much of a text skill recognition reads, and what the rate limit charges for it (outside tester 36,
H4: one 18,200-character comma list with no full stop was one "sentence", one unit and seconds of CPU)."""

import math

import pytest

from services.kernel.sentences import CHARS_PER_UNIT, MAX_READ_CHARS, cut_to, reading_units, sentences
from services.matching.index.domain.recognition_text import sentences_to_read

TESTER_TEXTS = {
    "comma list": "hitsaus, asennus, huolto, " * 700,
    "one word again and again": "hitsaus " * 2400,
    "English words": "welding and " * 1800,
    "one run of letters": "a" * 20_000,
}


def test_a_unit_is_a_started_stretch_of_characters_of_each_sentence():
    assert reading_units([]) == 0
    assert reading_units(["Osaat hitsata."]) == 1, "an ordinary sentence is one unit, as before"
    assert reading_units(["x" * CHARS_PER_UNIT, "y" * (CHARS_PER_UNIT + 1)]) == 1 + 2
    long = TESTER_TEXTS["comma list"]
    assert reading_units([long]) == math.ceil(len(long) / CHARS_PER_UNIT)


@pytest.mark.parametrize("room", [0, 1, 7, 25, 33, 199])
def test_a_sentence_is_cut_within_its_room_at_a_word_where_it_can(room):
    sentence = "hitsaus, asennus ja huolto sekä levytyöt"
    cut = cut_to(sentence, room)
    assert len(cut) <= room and sentence.startswith(cut)
    if 20 <= room < len(sentence):
        assert sentence[len(cut) : len(cut) + 1] in (",", " "), "ended before a comma or a space"
    assert cut_to(sentence, len(sentence)) == sentence


@pytest.mark.parametrize("name", TESTER_TEXTS)
def test_one_long_sentence_is_read_in_part_within_the_budget(name):
    text = TESTER_TEXTS[name]
    parts = sentences(text)
    reading = sentences_to_read(parts)
    read = sum(map(len, reading.read))
    assert 0 < read <= MAX_READ_CHARS
    assert reading.chars_unread == sum(map(len, parts)) - read > 0
    assert reading_units(reading.read) <= MAX_READ_CHARS // CHARS_PER_UNIT + 1


def test_many_long_sentences_are_read_requirements_first_within_the_budget():
    """The budget goes to what the job requires first, as the sentence limit's does (tester 16, P2)."""
    company = [
        f"Yrityksemme on toiminut vuodesta {1900 + i} ja " + "kasvanut, " * 60 + "vahvasti."
        for i in range(30)
    ]
    text = "\n".join([*company, "Edellytämme voimassa olevaa hygieniapassia."])
    reading = sentences_to_read(sentences(text))
    assert sum(map(len, reading.read)) <= MAX_READ_CHARS and reading.chars_unread > 0
    assert "Edellytämme voimassa olevaa hygieniapassia." in reading.read


def test_an_ordinary_ad_is_read_whole():
    text = "Haemme hitsaajaa. Hitsaat MIG/MAG-menetelmällä. Edellytämme hitsaajan ammattitutkintoa."
    reading = sentences_to_read(sentences(text))
    assert reading.read == sentences(text) and reading.chars_unread == 0
