"""Symbolic disease ranking over HPO annotations.

* :class:`AnnotationIndex` — the KG's hierarchy and disease annotations as flat arrays
  (built once per KG, cached as safetensors + JSON);
* :func:`information_content`, :class:`ResnikSimilarity` — IC over disease annotations
  and Resnik best-match average (one-sided and symmetric);
* :class:`LikelihoodRatioModel` — LIRICAL-style likelihood ratios for observed and
  excluded findings, NOT annotations, and terms more or less specific than annotations;
* :class:`OnsetModel` — onset as evidence;
* :class:`Ranker` — all of them fused into one score, vectorised over every disease;
* :class:`Calibrator` — post-test probabilities, with reliability and ECE.

Everything here works on numpy arrays; nothing loops over diseases in Python.
"""

from kgmed.rank.calibration import Calibrator, expected_calibration_error, reliability
from kgmed.rank.ic import information_content
from kgmed.rank.index import AnnotationIndex
from kgmed.rank.likelihood import CaseScores, LikelihoodRatioModel, LRParams
from kgmed.rank.onset import OnsetModel, OnsetParams
from kgmed.rank.ranker import Query, Ranker, RankerConfig, Ranking
from kgmed.rank.similarity import ResnikSimilarity

__all__ = [
    "AnnotationIndex",
    "information_content",
    "ResnikSimilarity",
    "LikelihoodRatioModel",
    "LRParams",
    "CaseScores",
    "OnsetModel",
    "OnsetParams",
    "Ranker",
    "RankerConfig",
    "Query",
    "Ranking",
    "Calibrator",
    "reliability",
    "expected_calibration_error",
]
