"""A likelihood-ratio model of a patient's findings, in the spirit of LIRICAL.

For every disease :math:`d` the model multiplies one likelihood ratio per finding
(Robinson et al. 2020, *AJHG* 107:403, LIRICAL):

.. math::

    \\log \\mathrm{LR}(d) = \\sum_{q \\in \\text{observed}} \\log \\mathrm{LR}_{obs}(q, d)
        + \\sum_{e \\in \\text{excluded}} \\log \\mathrm{LR}_{exc}(e, d)

**Observed finding** ``q``. Let :math:`f_d(t)` be the frequency of ``t`` in ``d``
propagated up the hierarchy (the highest frequency among ``d``'s annotations at or below
``t``; an annotation without frequency counts as ``default_frequency``), and
:math:`b(t) = \\frac{\\sum_d f_d(t) + \\beta}{D + \\beta}` the background frequency of ``t``
over all ``D`` diseases. Then

.. math::

    \\mathrm{LR}_{obs}(q, d) = \\max\\Big(\\epsilon,\\;
        \\frac{f_d(q)}{b(q)},\\;
        \\max_{a \\in \\operatorname{anc}(q) \\setminus q}
        \\frac{\\max(\\sigma\\, f^{direct}_d(a),\\; \\gamma\\, f_d(a))}{b(a)}\\Big)

* ``f_d(q)/b(q)``: ``d`` is annotated with ``q`` or with a more specific term (the
  patient's term is *less* specific than the annotation);
* ``σ f^direct_d(a)/b(a)``: ``d`` is annotated with an ancestor ``a`` of ``q`` (the patient's
  term is *more* specific): :math:`P(q \\mid d) = f_d(a) P(q \\mid a)` and
  :math:`b(q) \\approx b(a) P(q \\mid a)`, so the ratio is that of ``a``, times ``σ ≤ 1``;
* ``γ f_d(a)/b(a)``: ``d`` is annotated with a *relative* of ``q`` under the common
  ancestor ``a`` (a partial match, discounted by ``γ``);
* ``ε``: the finding is unexplained by ``d`` (a chance finding).

If ``d`` has a ``NOT`` annotation on ``q`` or one of its ancestors, the ratio is
``not_ratio`` instead.

**Excluded finding** ``e`` (the patient was examined and does not have it):

.. math::

    \\mathrm{LR}_{exc}(e, d) = 1 - \\kappa\\, \\tilde f_d(e) \\;\\le\\; 1

with :math:`\\tilde f_d(e)` the propagated frequency (missing frequencies count as
``excluded_default_frequency``) and ``κ < 1`` the sensitivity of an exclusion (findings
are missed, not examined at the patient's age, or the annotated frequency is
over-estimated). The combined ratio of all excluded findings of a case is bounded below
by ``excluded_floor``: absences recorded in a case report come from a checklist and are
correlated, so a long list of them is not that many independent pieces of evidence.
An excluded finding therefore never raises any disease's score, and lowers it in
proportion to how often the disease shows the finding. A hard penalty (``κ = 1``, missing
frequencies as 1, no floor) is what the curation artefacts of published cases punish
(see ``EVALUATION.md``).

Unlike the observed-finding parameters, ``κ``, the missing-frequency default and the
floor are set a priori, not fitted to the development cases: those cases list as absent
the features of the very disease they describe, so any fit would learn to ignore
excluded findings.

**Redundant terms.** A term that is an ancestor of another observed term adds no
information (every patient with the child has the parent); with ``drop_redundant`` it
is ignored, so a finding is never counted twice.

Scores are natural-log likelihood ratios summed over findings: comparable across calls for
the same model and parameters.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from functools import cached_property

import numpy as np

from kgmed.rank.kernels import AncestorMax, gather_ranges

__all__ = ["LRParams", "LikelihoodRatioModel", "CaseScores"]


@dataclass(frozen=True)
class LRParams:
    """Parameters of :class:`LikelihoodRatioModel`. The defaults are the shipped ones
    (:data:`kgmed.rank.defaults.DEFAULT_CONFIG`): the observed-finding parameters chosen by
    cross-validation grouped by publication, the excluded-finding ones set a priori (see
    ``docs/diagnosis.md``).

    Attributes:
        default_frequency: frequency assumed for an annotation without one.
        min_frequency: floor on an annotated frequency (``0/5`` is still an annotation).
        background_pseudocount: β, prior diseases in the background frequency.
        subclass_weight: σ, for a patient term more specific than the annotation.
        partial_weight: γ, for a match through a common ancestor only.
        false_positive: ε, the ratio of a finding the disease does not explain.
        not_ratio: the ratio when the disease is annotated ``NOT`` the finding.
        excluded_weight: κ in ``1 - κ f``; 0 ignores excluded findings.
        excluded_default_frequency: frequency assumed for an annotation without one when
            scoring an excluded finding.
        excluded_floor: the lowest combined ratio all excluded findings together can give
            one disease. Absences recorded in a case report come from a checklist and are
            strongly correlated, not independent pieces of evidence; 0 means no floor.
        drop_redundant: ignore observed terms that are ancestors of other observed terms.
        max_ratio: cap on one finding's ratio (a single very rare shared term must not
            outweigh everything else).
    """

    default_frequency: float = 1.0
    min_frequency: float = 0.05
    background_pseudocount: float = 1.0
    subclass_weight: float = 0.15
    partial_weight: float = 0.05
    false_positive: float = 0.8
    not_ratio: float = 0.05
    excluded_weight: float = 0.5
    excluded_default_frequency: float = 0.5
    drop_redundant: bool = True
    excluded_floor: float = 0.2
    max_ratio: float = 1e6

    def __post_init__(self) -> None:
        for f in fields(self):
            v = getattr(self, f.name)
            if f.type in ("float", float) and not (isinstance(v, (int, float)) and v >= 0):
                raise ValueError(f"LRParams.{f.name} must be a number >= 0, got {v!r}")
        for name in ("default_frequency", "min_frequency", "excluded_weight", "excluded_default_frequency",
                     "excluded_floor"):
            if getattr(self, name) > 1:
                raise ValueError(f"LRParams.{name} must be in [0, 1], got {getattr(self, name)!r}")
        if self.false_positive <= 0 or self.not_ratio <= 0:
            raise ValueError("LRParams.false_positive and not_ratio must be > 0")

    def to_dict(self) -> dict:
        return asdict(self)

    def replace(self, **changes) -> "LRParams":
        return replace(self, **changes)


@dataclass
class CaseScores:
    """Per-finding log likelihood ratios of one case against every disease.

    Attributes:
        observed: term columns of the observed findings used, ``(k,)``.
        excluded: term columns of the excluded findings used, ``(m,)``.
        redundant: observed term columns dropped as ancestors of other observed terms.
        observed_llr: ``(k, D)`` natural-log ratio of each observed finding.
        excluded_entries: the non-zero log ratios of the excluded findings, sparse:
            ``(finding index, disease column, value)`` arrays (every value ``<= 0``).
        excluded_floor: the floor of the combined excluded ratio (0: none).
    """

    observed: np.ndarray
    excluded: np.ndarray
    redundant: np.ndarray
    observed_llr: np.ndarray
    excluded_entries: tuple = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32))
    excluded_floor: float = 0.0

    @property
    def n_diseases(self) -> int:
        return self.observed_llr.shape[1]

    @property
    def excluded_llr(self) -> np.ndarray:
        """``(m, D)`` natural-log ratio of each excluded finding (dense, built on demand)."""
        dense = self.__dict__.get("_excluded_dense")
        if dense is None:
            owner, dis, val = self.excluded_entries
            dense = np.zeros((len(self.excluded), self.n_diseases), dtype=np.float32)
            dense[owner, dis] = val
            self.__dict__["_excluded_dense"] = dense
        return dense

    @property
    def excluded_total(self) -> np.ndarray:
        """Combined log ratio of the excluded findings per disease (``>= log(excluded_floor)``,
        ``<= 0``), ``(D,)`` float64."""
        t = self.__dict__.get("_excluded_total")
        if t is None:
            _, dis, val = self.excluded_entries
            t = np.bincount(dis, weights=val, minlength=self.n_diseases).astype(np.float64)
            if self.excluded_floor > 0:
                np.maximum(t, np.log(self.excluded_floor), out=t)
            self.__dict__["_excluded_total"] = t
        return t

    @property
    def observed_total(self) -> np.ndarray:
        """Summed log ratio of the observed findings per disease, ``(D,)`` float64."""
        return self.observed_llr.sum(axis=0, dtype=np.float64)

    @property
    def total(self) -> np.ndarray:
        """Summed log likelihood ratio per disease, ``(D,)`` float64."""
        return self.observed_total + self.excluded_total


class LikelihoodRatioModel:
    """Likelihood ratios of findings for every disease of an :class:`AnnotationIndex`.

    Args:
        index: the annotation index.
        params: :class:`LRParams` (defaults when ``None``).

    Example::

        >>> model = LikelihoodRatioModel(index)                             # doctest: +SKIP
        >>> q = [index.term_col["HP:0001166"], index.term_col["HP:0001083"]]
        >>> llr = model.score(q, excluded=[index.term_col["HP:0001250"]])   # (D,)
    """

    def __init__(self, index, params: LRParams | None = None):
        self.index = index
        self.params = params or LRParams()

    # ------------------------------------------------------------ precompute
    @cached_property
    def entry_frequency(self) -> np.ndarray:
        """Propagated frequency :math:`f_d(t)` per propagated entry, float32."""
        p, idx = self.params, self.index
        f = np.where(idx.prop_unknown, np.maximum(idx.prop_freq, p.default_frequency), idx.prop_freq)
        return np.maximum(f, p.min_frequency).astype(np.float32)

    @cached_property
    def background(self) -> np.ndarray:
        """Background frequency :math:`b(t)` per term column, float64."""
        idx, p = self.index, self.params
        term_of_entry = np.repeat(np.arange(idx.n_terms), np.diff(idx.prop_ptr))
        sums = np.bincount(term_of_entry, weights=self.entry_frequency, minlength=idx.n_terms)
        return (sums + p.background_pseudocount) / (idx.n_diseases + p.background_pseudocount)

    @cached_property
    def _term_of_entry(self) -> np.ndarray:
        idx = self.index
        return np.repeat(np.arange(idx.n_terms, dtype=np.int64), np.diff(idx.prop_ptr))

    @cached_property
    def direct_frequency(self) -> np.ndarray:
        """Direct-annotation frequency per propagated entry (0 where the annotation is
        only implied by a descendant), float32."""
        idx, p = self.index, self.params
        D = idx.n_diseases
        key_prop = self._term_of_entry * D + idx.prop_disease
        key_dir = idx.ann_term.astype(np.int64) * D + idx.ann_disease
        f = np.where(np.isnan(idx.ann_freq), p.default_frequency, idx.ann_freq)
        f = np.maximum(f, p.min_frequency).astype(np.float32)
        pos = np.searchsorted(key_prop, key_dir)
        out = np.zeros(len(key_prop), dtype=np.float32)
        out[pos] = f
        return out

    @cached_property
    def _values(self) -> tuple[np.ndarray, np.ndarray]:
        p = self.params
        bg = self.background[self._term_of_entry]
        self_v = np.log(self.entry_frequency / bg)
        anc_v = np.log(
            np.maximum(p.subclass_weight * self.direct_frequency, p.partial_weight * self.entry_frequency) / bg
        )
        floor = np.log(p.false_positive)
        # the root and its direct children (Phenotypic abnormality, Mode of inheritance …)
        # are shared by every disease: they are no match
        anc_v[self.index.depth[self._term_of_entry] < 2] = floor
        cap = np.log(p.max_ratio)
        return (np.clip(self_v, floor, cap).astype(np.float32), np.clip(anc_v, floor, cap).astype(np.float32))

    @cached_property
    def _kernel(self) -> AncestorMax:
        self_v, anc_v = self._values
        return AncestorMax(self.index, self_v, anc_v, float(np.log(self.params.false_positive)))

    @cached_property
    def excluded_entry_llr(self) -> np.ndarray:
        """``log(1 - κ f̃)`` per propagated entry (``<= 0``), float32."""
        idx, p = self.index, self.params
        f = np.where(idx.prop_unknown, np.maximum(idx.prop_freq, p.excluded_default_frequency), idx.prop_freq)
        f = np.clip(f, 0.0, 1.0)
        return np.log1p(-np.minimum(p.excluded_weight * f, 1.0 - 1e-6)).astype(np.float32)

    @cached_property
    def _not_by_term(self) -> tuple[np.ndarray, np.ndarray]:
        idx = self.index
        order = np.argsort(idx.not_term, kind="stable")
        t, d = idx.not_term[order], idx.not_disease[order]
        return np.searchsorted(t, np.arange(idx.n_terms + 1)), d

    def mentioned_terms(self, observed) -> np.ndarray:
        """``(T,)`` bool: terms that are an ancestor or a descendant of an observed term."""
        idx = self.index
        obs = np.asarray(observed, dtype=np.int64)
        hit = np.zeros(idx.n_terms, dtype=bool)
        if len(obs) == 0:
            return hit
        hit[obs] = True
        below = np.logical_or.reduceat(hit[idx.anc_idx], idx.anc_ptr[:-1])
        above = np.zeros(idx.n_terms, dtype=bool)
        above[np.concatenate([idx.ancestors(int(q)) for q in obs])] = True
        return below | above

    # ------------------------------------------------------------------ score
    def prune_redundant(self, observed) -> tuple[np.ndarray, np.ndarray]:
        """Split observed term columns into (kept, redundant ancestors of other terms)."""
        obs = np.unique(np.asarray(observed, dtype=np.int64))
        if not self.params.drop_redundant or len(obs) < 2:
            return obs, np.zeros(0, dtype=np.int64)
        idx = self.index
        strict = [a[a != q] for q in obs.tolist() for a in (idx.ancestors(q),)]
        anc_of_others = np.unique(np.concatenate(strict)) if strict else np.zeros(0, dtype=np.int64)
        red = np.isin(obs, anc_of_others)
        return obs[~red], obs[red]

    def score_case(self, observed, excluded=()) -> CaseScores:
        """Per-finding log ratios of one case (see :class:`CaseScores`).

        Args:
            observed: term columns of observed findings.
            excluded: term columns of excluded findings (one that is also observed, or an
                ancestor of an observed term, is ignored: the observation wins).
        """
        kept, red = self.prune_redundant(observed)
        return self.finish_case(kept, red, self._kernel(kept), observed, excluded)

    def finish_case(self, kept, red, obs_llr, observed, excluded=()) -> CaseScores:
        """:meth:`score_case` after the kernel: ``obs_llr`` is the kernel's ``(k, D)`` output
        for the kept terms (modified in place: NOT annotations)."""
        idx, p = self.index, self.params
        # NOT annotations on the term or an ancestor contradict the finding
        nptr, nd = self._not_by_term
        if len(nd) and len(kept):
            anc = [idx.ancestors(q) for q in kept.tolist()]
            lens = np.fromiter((len(a) for a in anc), dtype=np.int64, count=len(anc))
            pos, own = gather_ranges(nptr, np.concatenate(anc))
            if len(pos):
                obs_llr[np.repeat(np.arange(len(kept)), lens)[own], nd[pos]] = np.log(p.not_ratio)
        # an excluded term that is an observed term or one of its ancestors contradicts the
        # observation ("no seizures" but "focal seizures"): the observation wins
        obs_all = np.asarray(observed, dtype=np.int64)
        covered = np.concatenate([idx.ancestors(int(q)) for q in obs_all]) if len(obs_all) else obs_all
        exc = np.setdiff1d(np.unique(np.asarray(excluded, dtype=np.int64)), covered)
        if p.excluded_weight > 0 and len(exc):
            pos, owner = gather_ranges(idx.prop_ptr, exc)
            entries = (owner, idx.prop_disease[pos].astype(np.int64), self.excluded_entry_llr[pos])
        else:
            entries = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32))
        return CaseScores(observed=kept, excluded=exc, redundant=red, observed_llr=obs_llr,
                          excluded_entries=entries, excluded_floor=p.excluded_floor)

    def score(self, observed, excluded=()) -> np.ndarray:
        """Summed log likelihood ratio per disease, ``(D,)`` float64."""
        return self.score_case(observed, excluded).total
