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
