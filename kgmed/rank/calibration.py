"""Post-test probabilities from ranking scores, and how to measure their calibration.

:class:`Calibrator` turns the fused scores of all diseases into probabilities with a
temperature-scaled softmax (Guo et al. 2017, *On calibration of modern neural
networks*) that keeps a share for "a disease the KG cannot rank" (a diagnosis without
phenotype annotations in this release — about a fifth of published cases). That share is
a pseudo-candidate whose score grows with the number of findings, like a disease that
explains each finding moderately well:

.. math::

    s_u = \\beta_0 + \\beta_1 k, \\qquad
    p(d \\mid \\text{case}) = \\frac{e^{s_d / T}}{\\sum_{d'} e^{s_{d'} / T} + e^{s_u / T}},
    \\qquad p(\\text{unlisted}) = \\frac{e^{s_u / T}}{\\sum_{d'} e^{s_{d'} / T} + e^{s_u / T}}

with ``k`` the number of observed findings used. A case whose best candidate scores far
above ``s_u`` gets a confident answer; one where nothing fits well leaves most of the
probability to "unlisted". ``T``, ``β0`` and ``β1`` are fitted by minimising the negative
log-likelihood of the true diagnosis (or of "unlisted" when it is not rankable) on
development cases (:meth:`Calibrator.fit`). Without ``β`` it is a plain softmax over the
KG's diseases. :func:`reliability` and :func:`expected_calibration_error` measure the
result (confidence of the top candidate against how often it is right, in equal-width
bins).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np

__all__ = ["Calibrator", "reliability", "expected_calibration_error", "softmax"]


def softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    """Numerically stable softmax of ``scores / temperature`` over the last axis."""
    z = np.asarray(scores, dtype=np.float64) / float(temperature)
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


@dataclass
class Calibrator:
    """Temperature-scaled softmax with an optional "unlisted disease" pseudo-candidate.

    Args:
        temperature: ``T`` (> 0); larger spreads the probability over more candidates.
        unlisted_score: ``β0``; ``None`` for a plain softmax over the KG's diseases.
        unlisted_per_finding: ``β1``, added to the pseudo-candidate's score per finding.
    """

    temperature: float = 1.0
    unlisted_score: Optional[float] = None
    unlisted_per_finding: float = 0.0

    def __post_init__(self) -> None:
        if not (self.temperature > 0):
            raise ValueError(f"temperature must be > 0, got {self.temperature!r}")

    def _parts(self, scores, n_findings):
        s = np.asarray(scores, dtype=np.float64)
        mx = s.max(axis=-1, keepdims=True)
        e = np.exp((s - mx) / self.temperature)
        total = e.sum(axis=-1, keepdims=True)
        if self.unlisted_score is None:
            u = np.zeros_like(total)
        else:
            k = np.asarray(n_findings, dtype=np.float64).reshape(-1, 1) if np.ndim(s) == 2 else float(n_findings)
            su = self.unlisted_score + self.unlisted_per_finding * k
            u = np.exp(np.minimum((su - mx) / self.temperature, 700.0))
        return e, total, u

    def probabilities(self, scores: np.ndarray, n_findings: int | np.ndarray = 0) -> np.ndarray:
        """Probability of each disease (same shape as ``scores``); they sum to
        ``1 - unlisted(scores, n_findings)``."""
        e, total, u = self._parts(scores, n_findings)
        return e / (total + u)

    def unlisted(self, scores: np.ndarray, n_findings: int | np.ndarray = 0):
        """Probability that the diagnosis is none of the ranked diseases (0 without ``β``)."""
        _, total, u = self._parts(scores, n_findings)
        out = (u / (total + u))[..., 0]
        return float(out) if np.ndim(out) == 0 else out

    def fit(self, scores: Sequence[np.ndarray], truth: Sequence[int], n_findings: Sequence[int] | None = None, *,
            unlisted: bool = True) -> "Calibrator":
        """Fit ``T`` (and ``β0``, ``β1`` when ``unlisted``) by maximum likelihood; returns ``self``.

        Args:
            scores: per case, the scores of all diseases (a 2-D array or a list of 1-D).
            truth: per case, the column of the true disease; ``< 0`` when it is not among
                the ranked diseases (such cases are used only when ``unlisted``).
            n_findings: per case, the number of observed findings (needed for ``β1``).
            unlisted: fit the unlisted pseudo-candidate; otherwise cases with ``truth < 0``
                are skipped and the result is a plain softmax.
        """
        from scipy.optimize import minimize

        S = np.asarray([np.asarray(s, dtype=np.float32) for s in scores])
        truth = np.asarray(truth, dtype=np.int64)
        k = np.zeros(len(S)) if n_findings is None else np.asarray(n_findings, dtype=np.float64)
        if not unlisted:
            keep = truth >= 0
            S, truth, k = S[keep], truth[keep], k[keep]
        if len(S) == 0:
            raise ValueError("Calibrator.fit needs at least one case")
        mx = S.max(axis=1).astype(np.float64)
        G = S - S.max(axis=1, keepdims=True)
        listed = truth >= 0
        tg = np.where(listed, G[np.arange(len(G)), np.maximum(truth, 0)], 0.0).astype(np.float64)
        lo, hi = np.log(0.05), np.log(50.0)

        def nll(theta) -> float:
            T = float(np.exp(np.clip(theta[0], lo, hi)))
            lse = np.log(np.exp(G / np.float32(T)).sum(axis=1, dtype=np.float64))
            if not unlisted:
                return float(np.mean(lse - tg / T))
            u = (theta[1] + theta[2] * k - mx) / T
            return float(np.mean(np.logaddexp(lse, u) - np.where(listed, tg / T, u)))

        x0 = [np.log(max(self.temperature, 0.1))]
        if unlisted:
            x0 += [float(np.median(mx)) if self.unlisted_score is None else self.unlisted_score, self.unlisted_per_finding]
        res = minimize(nll, np.array(x0), method="Nelder-Mead",
                       options={"xatol": 1e-4, "fatol": 1e-7, "maxiter": 4000})
        self.temperature = float(np.exp(np.clip(res.x[0], lo, hi)))
        if unlisted:
            self.unlisted_score, self.unlisted_per_finding = float(res.x[1]), float(res.x[2])
        else:
            self.unlisted_score, self.unlisted_per_finding = None, 0.0
        self.nll_ = float(res.fun)
        return self


def reliability(confidence: np.ndarray, correct: np.ndarray, n_bins: int = 10) -> list[dict]:
    """Reliability table: per equal-width confidence bin, the number of cases, the mean
    confidence and the accuracy.

    Args:
        confidence: predicted probability of the top candidate, ``(n,)``.
        correct: whether the top candidate is the true disease, ``(n,)`` bool.
        n_bins: number of bins over [0, 1].
    """
    confidence = np.asarray(confidence, dtype=np.float64)
    correct = np.asarray(correct, dtype=bool)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    which = np.clip(np.digitize(confidence, edges[1:-1], right=True), 0, n_bins - 1)
    out = []
    for b in range(n_bins):
        m = which == b
        out.append({
            "bin": f"{edges[b]:.1f}-{edges[b + 1]:.1f}",
            "n": int(m.sum()),
            "confidence": round(float(confidence[m].mean()), 4) if m.any() else None,
            "accuracy": round(float(correct[m].mean()), 4) if m.any() else None,
        })
    return out


def expected_calibration_error(confidence: np.ndarray, correct: np.ndarray, n_bins: int = 10) -> float:
    """ECE: the case-weighted mean gap between confidence and accuracy over the bins of
    :func:`reliability` (Naeini et al. 2015)."""
    confidence = np.asarray(confidence, dtype=np.float64)
    correct = np.asarray(correct, dtype=bool)
    n = len(confidence)
    if n == 0:
        return float("nan")
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    which = np.clip(np.digitize(confidence, edges[1:-1], right=True), 0, n_bins - 1)
    gap = 0.0
    for b in range(n_bins):
        m = which == b
        if m.any():
            gap += m.sum() * abs(confidence[m].mean() - correct[m].mean())
    return float(gap / n)
