"""Vectorised string lookups (Arrow hash kernels): pandas' ``isin``/``map`` on Arrow strings
fall back to Python loops, which cost seconds on the 300k annotation rows."""

from __future__ import annotations

import numpy as np

__all__ = ["positions"]


def _arrow(values):
    import pyarrow as pa

    if isinstance(values, (pa.Array, pa.ChunkedArray)):
        return values
    arr = getattr(values, "array", values)
    if hasattr(arr, "__arrow_array__"):
        return pa.array(arr)
    return pa.array(np.asarray(values, dtype=object), type=pa.string())


def positions(values, keys) -> np.ndarray:
    """For each of ``values``, its position in ``keys`` (-1 where absent), as int64.

    ``keys`` should be unique; with duplicates the first position wins.
    """
    import pyarrow.compute as pc

    v = _arrow(values)
    k = _arrow(keys)
    if len(v) == 0:
        return np.zeros(0, dtype=np.int64)
    out = pc.index_in(v, value_set=k)
    return np.asarray(out.fill_null(-1).to_numpy(zero_copy_only=False), dtype=np.int64)
