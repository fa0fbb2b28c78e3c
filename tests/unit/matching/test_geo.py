import math

from services.matching.index.domain.geo import MunicipalityTable

from .conftest import MUNICIPALITIES


def test_distances_are_great_circle_kilometres_times_the_road_factor():
    table = MunicipalityTable(MUNICIPALITIES)
    straight = table.distances_from("837")[table.index("091")]
    assert 155 < straight < 165  # Tampere-Helsinki centroids
    assert math.isclose(table.distances_from("837", 1.3)[table.index("091")], 1.3 * straight)
    assert table.distances_from("837")[table.index("837")] == 0


def test_unknown_municipalities_have_nan_distance():
    table = MunicipalityTable(MUNICIPALITIES)
    assert table.index("999") == -1
    assert math.isnan(table.distances_from("837")[-1])
    assert all(math.isnan(d) for d in table.distances_from("999"))


ALAND = {"478": (60.096, 19.943642), "318": (59.920152, 20.909454)}  # Mariehamn, Kökar
MAINLAND = {"905": (63.095068, 21.612066), "853": (60.448121, 22.266244)}  # Vaasa, Turku


def test_municipalities_on_different_road_networks_are_parted_by_the_sea():
    """Outside tester 26, T26-12: Åland and the mainland (no road between them)."""
    table = MunicipalityTable({**ALAND, **MAINLAND}, {"478": "ahvenanmaa", "318": "ahvenanmaa"})
    sea = table.crossings_from("478")
    assert [bool(sea[table.index(c)]) for c in ("478", "318", "905", "853")] == [False, False, True, True]
    assert not sea[-1] and not table.crossings_from("999").any()
    assert not MunicipalityTable({**ALAND, **MAINLAND}).crossings_from("478").any(), "no networks given"


def test_a_commute_across_the_sea_is_infinite_but_shown_as_the_estimate_to_the_nearest_site():
    from types import SimpleNamespace

    from services.matching.index.domain.query import road_distances

    def sites(*codes):  # what road_distances reads of a vacancy: its work sites
        return SimpleNamespace(municipalities=codes)

    table = MunicipalityTable({**ALAND, **MAINLAND}, {"478": "ahvenanmaa", "318": "ahvenanmaa"})
    commute, shown, sea = road_distances(sites("905"), table, 1.3)
    at = table.index("478")
    assert math.isinf(commute[at]) and 400 < shown[at] < 500 and sea[at]
    assert commute[table.index("853")] == shown[table.index("853")] and not sea[table.index("853")]
    commute, shown, sea = road_distances(sites("905", "318"), table, 1.3)
    assert 0 < commute[at] < 100 and sea is None, "Kökar's site, on Åland's network"
    assert road_distances(sites("853"), MunicipalityTable({**ALAND, **MAINLAND}), 1.3)[2] is None
