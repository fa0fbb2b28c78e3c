"""Commute distances between Finnish municipalities from their centroids."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)


class MunicipalityTable:
    """Municipality codes indexed for vectorised distance lookups.

    `index(code)` is -1 for a code without coordinates; distances involving it are NaN.
    """

    def __init__(self, coordinates: Mapping[str, tuple[float, float]]) -> None:
        self.codes: tuple[str, ...] = tuple(sorted(coordinates))
        self._index = {code: i for i, code in enumerate(self.codes)}
        latlon = np.array([coordinates[c] for c in self.codes], dtype=np.float64).reshape(-1, 2)
        self._lat, self._lon = np.radians(latlon[:, 0]), np.radians(latlon[:, 1])

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


def haversine_km(lat1, lon1, lat2, lon2):  # type: ignore[no-untyped-def]
    """Great-circle distance in km between points given in radians (numpy broadcasting)."""
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
