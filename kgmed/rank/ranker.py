"""The ranker: likelihood ratios, onset and semantic similarity fused into one score.

For a case (observed and excluded HPO terms, optional onset) and every disease ``d``:

.. math::

    \\mathrm{score}(d) = \\log \\mathrm{LR}(d) + \\log \\mathrm{LR}_{onset}(d)
        + w \\cdot \\operatorname{sim}_{sym}(Q, d)

* :math:`\\log \\mathrm{LR}` — :class:`~kgmed.rank.likelihood.LikelihoodRatioModel`
  (observed findings, excluded findings, NOT annotations);
* :math:`\\log \\mathrm{LR}_{onset}` — :class:`~kgmed.rank.onset.OnsetModel`;
* :math:`\\operatorname{sim}_{sym}` — symmetric Resnik best-match average
  (:class:`~kgmed.rank.similarity.ResnikSimilarity`): how well the case and the disease's
  annotation profile cover *each other*, which the per-finding likelihood ratio does not
  see (a disease whose many hallmark features are all absent from the case).

``w`` and the model parameters were chosen by cross-validation grouped by publication on
the development phenopackets (``docs/diagnosis.md``). Excluded findings enter only
through :math:`\\log \\mathrm{LR}` and only with ratios ``<= 1``: adding one never raises any
disease's score. Ties are broken by the symmetric similarity, then by identifier, so the
order is deterministic; evaluation counts ranks pessimistically (every disease scoring at
least as high).

When the KG holds ``same_as`` mappings (MONDO ingested), equivalent OMIM/ORPHA entries can
be merged into one candidate (``merge_equivalents``).
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Iterable, Iterator, Sequence

import numpy as np

from kgmed.rank.likelihood import CaseScores, LikelihoodRatioModel, LRParams
from kgmed.rank.onset import OnsetModel, OnsetParams
from kgmed.rank.similarity import ResnikSimilarity

__all__ = ["Query", "Ranking", "Ranker", "RankerConfig"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RankerConfig:
    """Everything that defines the ranking function (see the module docstring).

    Attributes:
        lr: likelihood-ratio parameters.
        onset: onset likelihood ratios.
        similarity_weight: ``w``, weight of the symmetric Resnik similarity.
        merge_equivalents: merge diseases that ``same_as`` mappings declare equivalent.
    """

    lr: LRParams = field(default_factory=LRParams)
    onset: OnsetParams = field(default_factory=OnsetParams)
    similarity_weight: float = 3.5
    merge_equivalents: bool = True

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "RankerConfig":
        return cls(
            lr=LRParams(**d.get("lr", {})),
            onset=OnsetParams(**d.get("onset", {})),
            similarity_weight=float(d.get("similarity_weight", cls.similarity_weight)),
            merge_equivalents=bool(d.get("merge_equivalents", True)),
        )


@dataclass
class Query:
    """A case as term columns of an :class:`~kgmed.rank.AnnotationIndex`.

    Attributes:
        observed: term columns of findings present in the patient.
        excluded: term columns of findings ruled out.
        onset: HPO onset term of the patient's disease (``None`` when unknown).
    """

    observed: np.ndarray
    excluded: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    onset: str | None = None

    def __post_init__(self) -> None:
        self.observed = np.unique(np.asarray(self.observed, dtype=np.int64))
        self.excluded = np.unique(np.asarray(self.excluded, dtype=np.int64))

    @classmethod
    def from_ids(cls, index, observed: Iterable[str], excluded: Iterable[str] = (), onset: str | None = None) -> "Query":
        """A query from HPO ids that are term columns of ``index`` (others raise KeyError)."""
        return cls(
            observed=np.array([index.term_col[t] for t in observed], dtype=np.int64),
            excluded=np.array([index.term_col[t] for t in excluded], dtype=np.int64),
            onset=onset,
        )


@dataclass
class Ranking:
    """All diseases scored for one case.

    Attributes:
        score: fused score per disease column, ``(D,)`` float64 (higher is better).
        llr: log likelihood ratio of the findings, ``(D,)``.
        onset_llr: log likelihood ratio of the onset, ``(D,)``.
        similarity: symmetric Resnik similarity, ``(D,)`` (also the tie-breaker).
        case: the per-finding log ratios (:class:`~kgmed.rank.likelihood.CaseScores`).
        cluster: equivalence class per disease column, or ``None`` when not merging.
        cache: per-case intermediate results that explanations reuse.
    """

    score: np.ndarray
    llr: np.ndarray
    onset_llr: np.ndarray
    similarity: np.ndarray
    case: CaseScores
    cluster: np.ndarray | None = None
    cache: dict = field(default_factory=dict, repr=False)

    def top(self, k: int) -> np.ndarray:
        """The ``k`` best disease columns, best first (``k`` capped at the number of
        diseases; with merging, one per equivalence class)."""
        n = len(self.score)
        k = max(0, min(int(k), n))
        if k == 0:
            return np.zeros(0, dtype=np.int64)
        want = k if self.cluster is None else min(n, 4 * k + 16)
        cand = np.argpartition(-self.score, want - 1)[:want] if want < n else np.arange(n)
        # make sure everything tied with the last candidate is included before sorting
        cut = self.score[cand].min()
        cand = np.flatnonzero(self.score >= cut)
        order = cand[np.lexsort((cand, -self.similarity[cand], -self.score[cand]))]
        if self.cluster is None:
            return order[:k]
        _, first = np.unique(self.cluster[order], return_index=True)
        order = order[np.sort(first)]
        if len(order) < k and want < n:  # rare: many equivalents at the top
            full = np.lexsort((np.arange(n), -self.similarity, -self.score))
            _, first = np.unique(self.cluster[full], return_index=True)
            order = full[np.sort(first)]
        return order[:k]

    def rank_of(self, col: int) -> int:
        """Pessimistic 1-based rank of disease column ``col``: the number of diseases (or
        equivalence classes) whose (score, similarity) is at least its own; 0 for ``col < 0``."""
        if col is None or col < 0:
            return 0
        s, t = self.score, self.similarity
        if self.cluster is None:
            return int(np.count_nonzero((s > s[col]) | ((s == s[col]) & (t >= t[col]))))
        # merged: each class is represented by its best member
        order = np.lexsort((-t, -s))
        _, first = np.unique(self.cluster[order], return_index=True)
        rep = order[first]
        best = rep[self.cluster[rep] == self.cluster[col]][0]
        rs, rt = s[rep], t[rep]
        return int(np.count_nonzero((rs > s[best]) | ((rs == s[best]) & (rt >= t[best]))))


class Ranker:
    """Scores every disease of an :class:`~kgmed.rank.AnnotationIndex` for a case.

    Args:
        index: the annotation index.
        config: :class:`RankerConfig` (the tuned defaults when ``None``).

    Example::

        >>> ranker = Ranker(index)                                           # doctest: +SKIP
        >>> q = Query.from_ids(index, ["HP:0001166", "HP:0001083", "HP:0002616"], excluded=["HP:0002650"])
        >>> r = ranker.rank(q)                      # all diseases scored, (D,) arrays
        >>> [index.disease_ids[c] for c in r.top(3)], r.rank_of(index.disease_col["OMIM:154700"])
    """

    def __init__(self, index, config: RankerConfig | None = None):
        from kgmed.rank.defaults import DEFAULT_CONFIG

        self.index = index
        self.config = config or DEFAULT_CONFIG

    @cached_property
    def lr_model(self) -> LikelihoodRatioModel:
        return LikelihoodRatioModel(self.index, self.config.lr)

    @cached_property
    def _lr_without_excluded(self) -> LikelihoodRatioModel:
        m = LikelihoodRatioModel(self.index, self.config.lr.replace(excluded_weight=0.0))
        # share the expensive precomputation: only the excluded part differs
        for name in ("entry_frequency", "background", "_term_of_entry", "direct_frequency", "_values", "_kernel",
                     "_not_by_term"):
            m.__dict__[name] = getattr(self.lr_model, name)
        return m

    @cached_property
    def similarity(self) -> ResnikSimilarity:
        return ResnikSimilarity(self.index)

    @cached_property
    def onset_model(self) -> OnsetModel:
        return OnsetModel(self.index, self.config.onset)

    def warm_up(self) -> "Ranker":
        """Compute every cached array now (a first query is then as fast as the next)."""
        q = Query(observed=np.zeros(0, dtype=np.int64))
        self.rank(q)
        _ = self.lr_model.excluded_entry_llr, self.similarity._reverse_matrix, self.similarity._descendants, self.onset_model._disease_ranges
        _ = self.lr_model._kernel, self.similarity._kernel
        return self

    @property
    def merging(self) -> bool:
        return bool(self.config.merge_equivalents and self.index.has_equivalents)

    def rank(self, query: Query, *, use_excluded: bool = True) -> Ranking:
        """Score every disease for ``query`` (see the module docstring)."""
        model = self.lr_model if use_excluded else self._lr_without_excluded
        case = model.score_case(query.observed, query.excluded if use_excluded else ())
        llr = case.total
        onset = self.onset_model.llr(query.onset)
        if len(case.observed):
            sim = self.similarity.symmetric(case.observed)
        else:
            sim = np.zeros(self.index.n_diseases)
        score = llr + onset + self.config.similarity_weight * sim
        return Ranking(
            score=score, llr=llr, onset_llr=onset, similarity=sim, case=case,
            cluster=self.index.disease_cluster if self.merging else None,
        )

    def rank_many(self, queries: Sequence[Query], *, use_excluded: bool = True, n_jobs: int = 1,
                  chunksize: int = 16) -> Iterator[Ranking]:
        """:meth:`rank` for each query, in order, lazily.

        Args:
            n_jobs: worker threads (``-1``: one per CPU). The ranking is numpy work that
                mostly runs outside the GIL, so threads share the cached arrays and scale
                with free cores; 1 runs in the calling thread.
            chunksize: queries handed to a thread at a time.
        """
        import os

        if n_jobs is None or n_jobs < 0:
            n_jobs = os.cpu_count() or 1
        if n_jobs <= 1:
            for q in queries:
                yield self.rank(q, use_excluded=use_excluded)
            return
        from concurrent.futures import ThreadPoolExecutor

        self.warm_up()  # build the shared arrays once, before the threads start
        with ThreadPoolExecutor(max_workers=n_jobs) as pool:
            yield from pool.map(lambda q: self.rank(q, use_excluded=use_excluded), queries, chunksize=chunksize)

    def resnik_baseline(self, query: Query) -> np.ndarray:
        """One-sided Resnik best-match average of the observed terms, ``(D,)`` (the
        baseline of ``EVALUATION.md``; ties broken by nothing)."""
        return self.similarity.one_sided(query.observed)
