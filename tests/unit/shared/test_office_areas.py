"""TE office, ELY centre and employment area names read as regions (outside tester 28, T28-4)."""

from __future__ import annotations

import pytest

from shared.geography import UnknownPlaceError
from shared.office_areas import _GENITIVE_FI, OfficeAreas
from shared.reference import geography, office_areas


def test_every_region_has_a_finnish_genitive_and_each_area_in_the_file_spans_known_regions():
    regions = geography().regions.values()
    assert all(r.name_fi.casefold().rpartition("-")[2].replace("ä", "a") in _GENITIVE_FI for r in regions)
    assert office_areas().read("Ahvenanmaan ELY-keskus") is not None  # every region's genitive is read


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Pirkanmaan TE-toimisto", "pirkanmaa"),
        ("pirkanmaan ely-keskuksen alue", "pirkanmaa"),
        ("Birkalands TE-byrå", "pirkanmaa"),
        ("TE-byrån i Nyland", "uusimaa"),
        ("Etelä-Pohjanmaan ELY-keskus", "etela-pohjanmaa"),
        ("Södra Österbottens NTM-central", "etela-pohjanmaa"),
        ("Pohjois-Pohjanmaan TE-toimisto", "pohjois-pohjanmaa"),
        ("Kainuun ELY", "kainuu"),
        ("Pirkanmaa TE Office", "pirkanmaa"),
    ],
)
def test_an_area_named_after_one_region_reads_as_it(text, region):
    found = office_areas().read(text)
    assert found is not None and found.region == region and repr(text) in found.warning


@pytest.mark.parametrize(
    "text",
    [
        "Kaakkois-Suomen TE-toimisto",
        "Hämeen ELY-keskus",
        "NTM-centralen i Österbotten",
        "Tavastlands TE-byrå",
    ],
)
def test_an_area_spanning_regions_is_refused_naming_them(text):
    with pytest.raises(UnknownPlaceError, match="spans several regions"):
        office_areas().read(text)


@pytest.mark.parametrize("text", ["Pirkanmaa", "Tampere", "Foo TE-toimisto", "Keski-Suomen elinvoimakeskus"])
def test_other_text_is_no_office_area(text):
    assert office_areas().read(text) is None


def test_without_the_spanning_file_no_area_is_taken_as_spanning():
    assert OfficeAreas.from_rows(geography(), []).read("Pohjanmaan TE-toimisto").region == "pohjanmaa"


def test_a_spanning_row_naming_an_unknown_region_is_refused():
    with pytest.raises(ValueError, match="bad regions"):
        OfficeAreas.from_rows(
            geography(), [{"area_fi": "X", "area_sv": "X", "regions": "pirkanmaa|atlantis"}]
        )
