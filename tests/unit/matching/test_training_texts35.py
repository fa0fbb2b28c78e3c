"""A catalogue's course ids and titles pass the API's own rules of short text fields (outside tester 35, F8): a
personal identity code, a phone number, a right-to-left override or a zero-width space in an id or a title is a
reason on its line, and nothing is returned."""

from __future__ import annotations

from dataclasses import replace

import pytest

from services.matching.team.training import CatalogueError, parse_catalogue
from shared.schemas import short_text_refusals
from tests.unit.matching.test_training import HEADER, PLACES, row

CHECKED = replace(PLACES, text_refusals=short_text_refusals)


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("course_id", "131052-308T", "identifier"),
        ("course_id", "HITS\u202e1", "bidirectional"),
        ("course_id", "HITS\u200b1", "invisible"),
        ("course_id", "HITS-1\u2066", "bidirectional"),
        ("title_fi", "Soita 040 123 4567", "identifier"),
        ("title_fi", "MAG\u202ehitsaus", "bidirectional"),
        ("title_sv", "Svetsning, ring +358 40 123 4567", "identifier"),
        ("title_sv", "Info: matti.meikalainen@example.fi", "identifier"),
    ],
)
def test_an_identifier_or_a_hidden_character_in_a_course_id_or_title_is_a_reason_on_its_line(
    field, value, words
):
    with pytest.raises(CatalogueError) as err:
        parse_catalogue(HEADER, [(2, row()), (3, row(**{"course_id": "HITS-2", field: value}))], CHECKED)
    [reason] = err.value.errors[3]
    assert reason.startswith(f"{field}: ") and words in reason, reason
    assert sorted(err.value.errors) == [3]


def test_a_title_may_keep_a_zero_width_joiner_an_id_may_not():
    # a joiner where it shows (an emoji ZWJ sequence); a zero-width space between Latin letters is hidden text
    # (outside tester 37b, L1: a bit per gap), refused like any screened text
    [course] = parse_catalogue(
        HEADER, [(2, row(title_fi="Kokkikoulutus \U0001f469\u200d\U0001f373"))], CHECKED
    )
    assert course.title_fi == "Kokkikoulutus \U0001f469\u200d\U0001f373"
    with pytest.raises(CatalogueError):
        parse_catalogue(HEADER, [(2, row(course_id="TURVA\u200b1"))], CHECKED)


@pytest.mark.parametrize(
    "values",
    [
        {"course_id": "HITS-2027-01", "title_fi": "MAG-hitsaus 2027", "title_sv": "MAG-svetsning 2027"},
        {"course_id": "30-op", "title_fi": "Ammattitutkinto, 180 osp", "title_sv": ""},
        {"course_id": "ÅLAND_2027.1:ä", "title_fi": "Ahvenanmaan kurssi", "title_sv": ""},
        {
            "course_id": "KURSSI/2027/3",
            "title_fi": "Sähköturvallisuus SFS 6002",
            "title_sv": "Elsäkerhet SFS 6002",
        },
        {"course_id": "A1-B2", "title_fi": "Suomen kieli A1–B2, 10.1.–20.5.2027", "title_sv": ""},
        {"course_id": "ع-1", "title_fi": "Arabiankielinen työturvallisuus (العربية)", "title_sv": ""},
    ],
)
def test_ordinary_ids_and_titles_pass(values):
    [course] = parse_catalogue(HEADER, [(2, row(**values))], CHECKED)
    assert course.course_id == values["course_id"]


@pytest.mark.parametrize(
    "course_id",
    [
        # outside tester 35b, G8: each looks like "c1" or "ć1" and is another id
        "c\u00a01",  # a no-break space
        "c\u28001",  # a braille blank
        "c\u31641",  # Hangul fillers
        "c\u115f1",
        "c\u11601",
        "c\uffa01",  # the halfwidth one
        "c\u03011",  # a combining accent: "ć1" spelled apart
        "1\u0301",  # one that composes with nothing
        "c\uff11",  # a fullwidth digit
        "c 1",  # a space (ids are a strict set: letters, digits and - _ . : /)
        "c\u20001",  # an en quad
        "HITS#1",
    ],
)
def test_a_course_id_outside_the_strict_set_is_a_reason_on_its_line(course_id):
    with pytest.raises(CatalogueError) as err:
        parse_catalogue(HEADER, [(2, row()), (3, row(course_id=course_id))], CHECKED)
    [reason] = err.value.errors[3]
    assert reason.startswith("course_id: ") and "composed form" in reason, reason
    assert sorted(err.value.errors) == [3]


def test_the_composed_spelling_of_an_accented_id_passes():
    [course] = parse_catalogue(HEADER, [(2, row(course_id="\u01071"))], CHECKED)  # "ć1" as one letter
    assert course.course_id == "ć1"


@pytest.mark.parametrize("column", ["title_fi", "title_sv"])
def test_an_oversize_title_is_named_by_its_column_as_the_file_names_it(column):
    # outside tester 39, P8: a 96,000-character title_fi was refused as "title: at most 300 characters."
    with pytest.raises(CatalogueError) as err:
        parse_catalogue(
            HEADER, [(2, row()), (3, row(**{"course_id": "HITS-2", column: "Hitsaus " * 40}))], CHECKED
        )
    assert err.value.errors[3] == [f"{column}: at most 300 characters."]
