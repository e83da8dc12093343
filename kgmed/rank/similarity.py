"""Resnik similarity, best-match average, vectorised over all diseases.

Resnik (1995) scores two terms by the information content of their most informative
common ancestor (MICA). Between a patient's terms :math:`Q` and a disease's annotations
:math:`A_d` the best-match average (BMA) is

.. math::

    \\operatorname{sim}(Q \\to d) = \\frac{1}{|Q|} \\sum_{q \\in Q} \\max_{a \\in A_d}
    \\mathrm{IC}(\\mathrm{MICA}(q, a)), \\qquad
    \\operatorname{sim}(d \\to Q) = \\frac{1}{|A_d|} \\sum_{a \\in A_d} \\max_{q \\in Q}
    \\mathrm{IC}(\\mathrm{MICA}(a, q))

and the symmetric score is their mean (Köhler et al. 2009, *AJHG* 85:457; Phenomizer).
:math:`\\max_a \\mathrm{IC}(\\mathrm{MICA}(q, a))` equals the largest IC among the
ancestors of ``q`` that ``d`` is annotated with (propagated), so the one-sided score is one
call to :func:`~kgmed.rank.kernels.ancestor_max`; the reverse direction computes, for
every annotated term, its best match to the case with one ``reduceat`` over the ancestor
closure, then averages per disease. Only terms under *Phenotypic abnormality* count in
the reverse direction (onset and inheritance annotations are not findings to match).
"""

from __future__ import annotations

from functools import cached_property

import numpy as np

from kgmed.rank.ic import information_content
from kgmed.rank.kernels import AncestorMax

__all__ = ["ResnikSimilarity"]


class ResnikSimilarity:
    """Resnik BMA between a case and every disease of an :class:`AnnotationIndex`.

    Args:
        index: the annotation index.

    Example::

        >>> sim = ResnikSimilarity(index)                               # doctest: +SKIP
        >>> q = [index.term_col["HP:0001166"], index.term_col["HP:0001083"]]
        >>> s = sim.one_sided(q)                                         # (D,) scores
    """

    def __init__(self, index):
        self.index = index

    @cached_property
    def ic(self) -> np.ndarray:
        """IC per term column (see :func:`~kgmed.rank.ic.information_content`)."""
        return information_content(self.index)

    @cached_property
    def _entry_ic(self) -> np.ndarray:
        idx = self.index
        term_of_entry = np.repeat(np.arange(idx.n_terms), np.diff(idx.prop_ptr))
        return self.ic[term_of_entry].astype(np.float32)

    @cached_property
    def _reverse_matrix(self):
        """``(D, T)`` CSR: each disease's direct phenotype annotations, weight ``1/|A_d|``."""
        from scipy.sparse import csr_matrix

        idx = self.index
        keep = idx.phenotype_mask[idx.ann_term]
        d, t = idx.ann_disease[keep], idx.ann_term[keep]
        n = np.bincount(d, minlength=idx.n_diseases)
        w = (1.0 / np.maximum(n[d], 1)).astype(np.float32)
        return csr_matrix((w, (d, t)), shape=(idx.n_diseases, idx.n_terms), dtype=np.float32)

    @cached_property
    def _descendants(self) -> tuple[np.ndarray, np.ndarray]:
        """CSR of descendants (self included) per term column: the ancestor lists transposed."""
        idx = self.index
        owner = np.repeat(np.arange(idx.n_terms), np.diff(idx.anc_ptr))
        o = np.argsort(idx.anc_idx, kind="stable")
        ptr = np.searchsorted(idx.anc_idx[o], np.arange(idx.n_terms + 1))
        return ptr, owner[o].astype(np.int32)

    @cached_property
    def _kernel(self) -> AncestorMax:
        v = self._entry_ic
        return AncestorMax(self.index, v, v, 0.0)

    def best_matches(self, query) -> np.ndarray:
        """``max_a IC(MICA(q, a))`` for each query term and disease, ``(k, D)`` float32."""
        return self._kernel(np.asarray(query, dtype=np.int64))

    def one_sided(self, query) -> np.ndarray:
        """:math:`\\operatorname{sim}(Q \\to d)` for every disease, ``(D,)`` float64."""
        query = np.asarray(query, dtype=np.int64)
        if len(query) == 0:
            return np.zeros(self.index.n_diseases)
        return self.best_matches(query).mean(axis=0, dtype=np.float64)

    def term_best_match(self, query) -> np.ndarray:
        """For every term column ``a``: :math:`\\max_{q} \\mathrm{IC}(\\mathrm{MICA}(a, q))`, ``(T,)``.

        The common ancestors of ``a`` and the case are the ancestors of ``a`` in the case's
        ancestor union ``U``: visiting ``U`` by increasing IC, each term writes its IC over
        all its descendants, so every term ends with the largest.
        """
        idx = self.index
        out = np.zeros(idx.n_terms, dtype=np.float64)
        query = np.asarray(query, dtype=np.int64)
        if len(query) == 0:
            return out
        u = np.unique(np.concatenate([idx.ancestors(int(q)) for q in query]))
        u = u[np.argsort(self.ic[u], kind="stable")]
        ptr, desc = self._descendants
        # by increasing IC: each term's descendants take its IC, later (larger) ones win
        for t in u.tolist():
            out[desc[ptr[t]: ptr[t + 1]]] = self.ic[t]
        return out

    def reverse(self, query) -> np.ndarray:
        """:math:`\\operatorname{sim}(d \\to Q)` for every disease, ``(D,)`` float64."""
        m = self.term_best_match(query).astype(np.float32)
        return np.asarray(self._reverse_matrix @ m, dtype=np.float64).ravel()

    def symmetric(self, query) -> np.ndarray:
        """The mean of :meth:`one_sided` and :meth:`reverse`, ``(D,)`` float64."""
        return 0.5 * (self.one_sided(query) + self.reverse(query))
