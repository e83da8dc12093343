"""The one vectorised kernel every symbolic score is built from: a max over ancestors.

For a patient term ``q`` and every disease ``d`` at once, the scores in :mod:`kgmed.rank`
all have the shape

.. math::

    s(q, d) = \\max\\Big( v_{\\text{self}}(q, d),\\;
              \\max_{a \\in \\operatorname{anc}(q) \\setminus \\{q\\}} v_{\\text{anc}}(a, d) \\Big)

where :math:`v(t, d)` is defined on the *propagated* annotations (``d`` annotated with
``t`` or one of its descendants) and is ``fill`` elsewhere. Resnik's best match is
:math:`v = \\mathrm{IC}(t)`; the likelihood ratio uses frequencies over background.

One case touches ~45 distinct ancestor terms (dev phenopackets: 8.7 observed terms, ~9
ancestors each). The few hundred general terms that most diseases are annotated under
(*Abnormality of the nervous system* …) are kept as dense ``(D,)`` rows; the rest are
scattered from the sparse annotation lists. The rows of a case's ancestors form a small
``(|U|, D)`` block reduced with ``max`` per query term: about 1 M float operations for all
12.7k diseases, no Python loop over diseases.
"""

from __future__ import annotations

import numpy as np

__all__ = ["AncestorMax", "gather_ranges", "term_column"]

#: Terms with more propagated annotations than this are cached as dense rows.
DENSE_THRESHOLD = 1000


def gather_ranges(ptr: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions of the CSR entries of ``cols`` and, for each, its index in ``cols``.

    Shapes:
        ``ptr``: ``(n + 1,)``, ``cols``: ``(k,)`` → ``(nnz,)``, ``(nnz,)``.
    """
    cols = np.asarray(cols, dtype=np.int64)
    starts = ptr[cols]
    lens = ptr[cols + 1] - starts
    total = int(lens.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    owner = np.repeat(np.arange(len(cols)), lens)
    pos = np.arange(total, dtype=np.int64)
    pos += np.repeat(starts - (np.cumsum(lens) - lens), lens)
    return pos, owner


def term_column(index, values: np.ndarray, col: int, fill: float, out: np.ndarray | None = None) -> np.ndarray:
    """Dense ``(D,)`` vector of one term's propagated ``values`` (``fill`` elsewhere)."""
    if out is None:
        out = np.full(index.n_diseases, fill, dtype=np.float32)
    else:
        out.fill(fill)
    s, e = index.prop_ptr[col], index.prop_ptr[col + 1]
    out[index.prop_disease[s:e]] = values[s:e]
    return out


class AncestorMax:
    """``s(q, d)`` (module docstring) for a fixed pair of value arrays.

    Args:
        index: an :class:`~kgmed.rank.AnnotationIndex`.
        self_values: value per propagated annotation entry when the entry's term *is* the
            query term, ``(nnz,)`` aligned with ``index.prop_disease``.
        anc_values: value per entry when the entry's term is a strict ancestor of the
            query term, ``(nnz,)``.
        fill: value where a disease has no annotation at or below the term.
        dense_threshold: terms with more annotated diseases than this are *general*.

    How it stays cheap: the general terms (the ~200 with more than ``dense_threshold``
    annotated diseases, *Abnormality of the eye* …) are closed upwards — a term's ancestors
    have at least as many annotated diseases — so for each of them the maximum of
    ``anc_values`` over itself and all its ancestors is precomputed as one dense ``(D,)``
    row. A query then needs those rows for its lowest general ancestors (usually one or
    two), plus a sparse scatter of the few specific ancestors in between: a few dense row
    operations per finding instead of one per ancestor.
    """

    def __init__(self, index, self_values: np.ndarray, anc_values: np.ndarray, fill: float,
                 dense_threshold: int = DENSE_THRESHOLD):
        self.index = index
        self.self_values = np.asarray(self_values, dtype=np.float32)
        self.anc_values = np.asarray(anc_values, dtype=np.float32)
        self.fill = float(fill)
        nnz = np.diff(index.prop_ptr)
        # a term whose values never exceed ``fill`` cannot change a maximum
        best = np.full(index.n_terms, -np.inf)
        np.maximum.at(best, np.repeat(np.arange(index.n_terms), nnz), self.anc_values)
        self._useful = best > self.fill
        heavy = np.flatnonzero(nnz > dense_threshold)
        self._heavy_row = np.full(index.n_terms, -1, dtype=np.int64)
        self._heavy_row[heavy] = np.arange(len(heavy))
        own = np.full((len(heavy), index.n_diseases), self.fill, dtype=np.float32)
        pos, owner = gather_ranges(index.prop_ptr, heavy)
        own[owner, index.prop_disease[pos]] = self.anc_values[pos]
        # cumulative max over each general term and its ancestors (all general as well)
        self._closed = np.empty_like(own)
        for j, h in enumerate(heavy.tolist()):
            rows = self._heavy_row[index.ancestors(h)]
            if (rows < 0).any():  # cannot happen: ancestors are at least as general
                raise ValueError("general terms are not closed upwards")
            self._closed[j] = own[rows].max(axis=0)

    def _plan(self, q: int) -> tuple[np.ndarray, np.ndarray]:
        """For term ``q``: its specific (non-general) strict ancestors, and the rows of
        ``_closed`` for its lowest general strict ancestors. Memoised per term."""
        plan = self._plans.get(q)
        if plan is None:
            idx = self.index
            anc = idx.ancestors(q)
            strict = anc[anc != q]
            hr = self._heavy_row[strict]
            light, gen = strict[(hr < 0) & self._useful[strict]], strict[hr >= 0]
            if len(gen) > 1:
                above = np.concatenate([a[a != g] for g in gen.tolist() for a in (idx.ancestors(g),)])
                gen = gen[~np.isin(gen, above)]
            plan = (light.astype(np.int64), self._heavy_row[gen])
            self._plans[q] = plan
        return plan

    @property
    def _plans(self) -> dict:
        plans = self.__dict__.get("_plan_cache")
        if plans is None:
            plans = self.__dict__["_plan_cache"] = {}
        return plans

    def __call__(self, query) -> np.ndarray:
        """``(k, D)`` float32 for the query term columns ``(k,)``."""
        idx = self.index
        query = np.asarray(query, dtype=np.int64)
        k, D = len(query), idx.n_diseases
        out = np.full((k, D), self.fill, dtype=np.float32)
        if k == 0:
            return out
        ptr, dis = idx.prop_ptr, idx.prop_disease
        specific, owners = [], []
        for i, q in enumerate(query.tolist()):
            light, rows = self._plan(q)
            if len(rows) == 1:
                np.maximum(out[i], self._closed[rows[0]], out=out[i])
            elif len(rows):
                np.maximum(out[i], self._closed[rows].max(axis=0), out=out[i])
            if len(light):
                specific.append(light)
                owners.append(np.full(len(light), i))
        if specific:
            # specific ancestors of one finding can share diseases: reduce with maximum.at
            pos, o = gather_ranges(ptr, np.concatenate(specific))
            if len(pos):
                np.maximum.at(out, (np.concatenate(owners)[o], dis[pos]), self.anc_values[pos])
        # the finding's own term: (finding, disease) pairs are unique, a plain fancy max
        pos, owner = gather_ranges(ptr, query)
        cur = out[owner, dis[pos]]
        out[owner, dis[pos]] = np.maximum(cur, self.self_values[pos])
        return out
