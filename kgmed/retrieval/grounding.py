"""Grounding a candidate disease: the facts that best support a patient's findings.

Retrieve, then re-rank with the graph:

1. **Dense retrieval** (FAISS, exact within the disease's contiguous fact range): each
   finding's HPO label vector — and the note's vector, when a note is given — queries the
   disease's facts; ``dense(q, f)`` is the inner product of normalised vectors.
2. **KG re-ranking**: a fact about phenotype ``t`` gets a bonus for each finding ``p``
   related to it in the HPO hierarchy,

   .. math::

      b(p, t) = \\begin{cases} 1 & t = p \\\\ 0.8^{k} & t \\text{ is a descendant of } p
      \\text{ at distance } k \\\\ 0.5 \\cdot 0.8^{k} & t \\text{ is an ancestor of } p
      \\text{ at distance } k \\end{cases}

   so "Abnormality of the lens" in a note finds the disease's "Ectopia lentis" annotation
   even where the label vectors are far apart.

A fact's score is :math:`\\max_q \\text{dense}(q, f) + \\max_p b(p, t_f)`; ties break by
fact id. Nothing is invented: every returned fact is a row of the index, built from a KG
edge (see :func:`kgmed.retrieval.facts.check_fact`).
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

__all__ = ["supporting_facts", "upward_distances"]

_DOWN = 0.8  # bonus decay per is_a step, annotation more specific than the finding
_UP = 0.5  # extra factor when the annotation is more general than the finding
_MAX_DEPTH = 12


def upward_distances(kg, row: int, *, max_depth: int = _MAX_DEPTH) -> dict[int, int]:
    """``{ancestor row: is_a distance}`` for node ``row`` (itself at distance 0)."""
    p_ptr, parents, _, _ = kg._is_a
    dist = {int(row): 0}
    frontier = [int(row)]
    for depth in range(1, max_depth + 1):
        nxt = []
        for r in frontier:
            for a in parents[p_ptr[r]: p_ptr[r + 1]].tolist():
                if a not in dist:
                    dist[a] = depth
                    nxt.append(a)
        if not nxt:
            break
        frontier = nxt
    return dist


def _bonus(kg, finding_rows: list[int], tails: np.ndarray) -> np.ndarray:
    """``max_p b(p, t)`` for each tail row (0 where no finding is related)."""
    out = np.zeros(len(tails), dtype=np.float32)
    if not finding_rows:
        return out
    ups_f = [upward_distances(kg, f) for f in finding_rows]
    cache: dict[int, dict[int, int]] = {}
    for i, t in enumerate(tails.tolist()):
        best = 0.0
        for f, up_f in zip(finding_rows, ups_f):
            if t == f:
                best = 1.0
                break
            if t in up_f:  # the annotation is an ancestor of (more general than) the finding
                best = max(best, _UP * _DOWN ** up_f[t])
                continue
            up_t = cache.get(t)
            if up_t is None:
                up_t = cache[t] = upward_distances(kg, t)
            if f in up_t:  # the annotation is more specific than the finding
                best = max(best, _DOWN ** up_t[f])
        out[i] = best
    return out


def supporting_facts(retriever, disease: str | int, *, finding_ids: Sequence[str] = (),
                     note: "str | np.ndarray | None" = None, k: int = 10):
    """The ``k`` facts about ``disease`` that best support the findings (module doc).

    Args:
        retriever: a built or loaded :class:`~kgmed.retrieval.FactRetriever`.
        disease: CURIE or KG row of the candidate (its same-as equivalents included).
        finding_ids: HPO ids of the patient's present findings.
        note: the clinical note (encoded in memory only, never logged or cached), or its
            vector from :meth:`FactRetriever.encode_query` when several candidates are
            grounded for one note.
    """
    kg = retriever._kg
    finding_rows = [kg.index(f) for f in finding_ids]
    queries = []
    if finding_rows:
        queries.append(retriever.label_vectors(kg, np.asarray(finding_rows)))
    if isinstance(note, str):
        if note.strip():
            queries.append(retriever._encoder().encode([note]))
    elif note is not None:
        queries.append(np.atleast_2d(np.asarray(note, dtype=np.float32)))
    if not queries:
        return []
    cluster = retriever.cluster_of(disease)
    start, end = retriever.facts.cluster_range(cluster)
    if end <= start:
        return []
    scores, rows = retriever.search_vectors(np.vstack(queries), k=min(end - start, 512), cluster=cluster)
    dense: dict[int, float] = {}
    for s_row, r_row in zip(scores, rows):
        for s, r in zip(s_row.tolist(), r_row.tolist()):
            if r >= 0 and s > dense.get(r, -np.inf):
                dense[r] = s
    cand = np.fromiter(dense, dtype=np.int64, count=len(dense))
    tails = retriever.facts.table["tail"].to_numpy()[cand]
    total = np.fromiter(dense.values(), dtype=np.float32, count=len(dense)) + _bonus(kg, finding_rows, tails)
    order = np.lexsort((cand, -total))[:k]
    return retriever.fact_rows(cand[order].tolist(), total[order].tolist())
