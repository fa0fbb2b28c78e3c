"""Nobody within reach: `near_rows` of no range is empty (it raised "need at least one array to
concatenate" when a vacancy was warmed with no candidate in reach; 176 team API tests errored, 22:50 UTC)."""

from types import SimpleNamespace

import numpy as np

from services.matching.index.domain.pool import NearRows, near_rows, positive_rows


def test_no_range_in_reach_gives_no_rows():
    seg = SimpleNamespace(geo_row=np.arange(5, dtype=np.int32))
    empty = np.empty(0, dtype=np.int64)
    near = NearRows(lo=empty, hi=empty, block=empty, base=empty, size=0)
    assert near_rows(seg, near).shape == (0,)
    assert positive_rows(seg, near, np.empty(0, dtype=np.float32)).shape == (0,)
