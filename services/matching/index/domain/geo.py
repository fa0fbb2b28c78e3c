"""Commute distances between Finnish municipalities from their centroids, and which pairs the sea
parts: municipalities on different road networks (Åland's and the mainland's) have no road between
them, so their distance is no commute (outside tester 26, T26-12)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)


class MunicipalityTable:
    """Municipality codes indexed for vectorised distance lookups.

    `index(code)` is -1 for a code without coordinates; distances involving it are NaN.
    """

    def __init__(
        self, coordinates: Mapping[str, tuple[float, float]], road_networks: Mapping[str, str] | None = None
    ) -> None:
        """`coordinates`: code → (lat, lon) in degrees. `road_networks`: code → the road network a
        municipality lies on when it is not the mainland's (``shared.geography.Geography.road_networks``:
        Åland's 16 municipalities → ``ahvenanmaa``); a code not in it is on the mainland's."""
        self.codes: tuple[str, ...] = tuple(sorted(coordinates))
        self._index = {code: i for i, code in enumerate(self.codes)}
        latlon = np.array([coordinates[c] for c in self.codes], dtype=np.float64).reshape(-1, 2)
        self._lat, self._lon = np.radians(latlon[:, 0]), np.radians(latlon[:, 1])
        networks = road_networks or {}
        ids = {name: i + 1 for i, name in enumerate(sorted(set(networks.values())))}  # 0: the mainland
        self._network = np.array([ids.get(networks.get(c, ""), 0) for c in self.codes], dtype=np.int16)
        self.islands = bool(ids)  # whether any pair of municipalities is parted by the sea

    def __len__(self) -> int:
        return len(self.codes)

    def index(self, code: str) -> int:
        return self._index.get(code, -1)

    def distances_from(self, code: str, road_factor: float = 1.0) -> np.ndarray:
        """Distance in km from `code` to every municipality, shape (len(self) + 1,): the last
        entry (position -1) is the NaN used for unknown codes. All NaN if `code` is unknown."""
        out = np.full(len(self.codes) + 1, np.nan)
        i = self.index(code)
        if i >= 0:
            out[:-1] = road_factor * haversine_km(self._lat[i], self._lon[i], self._lat, self._lon)
        return out

    def crossings_from(self, code: str) -> np.ndarray:
        """(len(self) + 1,) bool: True at each municipality on another road network than `code`'s
        (the sea between them: Åland and the mainland); False for an unknown `code` and at the last
        entry (unknown municipality)."""
        out = np.zeros(len(self.codes) + 1, dtype=bool)
        i = self.index(code)
        if i >= 0 and self.islands:
            out[:-1] = self._network != self._network[i]
        return out


def haversine_km(lat1, lon1, lat2, lon2):  # type: ignore[no-untyped-def]
    """Great-circle distance in km between points given in radians (numpy broadcasting)."""
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
