"""The ranking configuration and calibration shipped with kgmed.

The observed-finding parameters and the similarity weight were chosen on the development
phenopackets (``../shared/data/phenopackets/dev.tar.gz``) by a grid search scored with
5-fold cross-validation grouped by publication (PMID), maximising the mean of the MRR on
covered and on independent cases (``pipelines/evaluate_diagnosis.py tune``; the folds
chose this configuration or its grid neighbours). The excluded-finding parameters and the
onset ratios were *not* tuned on these cases, whose curation rewards ignoring excluded
findings and over-represents diseases with onset annotations (``EVALUATION.md``): they are
set a priori (:class:`~kgmed.rank.likelihood.LRParams`, :class:`~kgmed.rank.onset.OnsetParams`).
The procedure and its numbers are in ``docs/diagnosis.md``.
"""

from __future__ import annotations

from kgmed.rank.likelihood import LRParams
from kgmed.rank.onset import OnsetParams
from kgmed.rank.ranker import RankerConfig

__all__ = ["DEFAULT_CONFIG", "DEFAULT_CALIBRATION"]

DEFAULT_CONFIG = RankerConfig(
    lr=LRParams(
        default_frequency=1.0,
        min_frequency=0.05,
        background_pseudocount=1.0,
        subclass_weight=0.15,
        partial_weight=0.05,
        false_positive=0.8,
        not_ratio=0.05,
        excluded_weight=0.5,
        excluded_default_frequency=0.5,
        excluded_floor=0.2,
        drop_redundant=True,
    ),
    onset=OnsetParams(match=4.0, near=1.0, mismatch=0.2),
    similarity_weight=3.5,
    merge_equivalents=True,
)

#: :class:`~kgmed.rank.Calibrator` parameters: softmax temperature and the "unlisted
#: disease" pseudo-candidate's score (``unlisted_score + unlisted_per_finding * k``), fitted
#: by maximum likelihood on the development cases (``pipelines/evaluate_diagnosis.py
#: calibrate``; out-of-fold ECE in ``docs/diagnosis.md``).
DEFAULT_CALIBRATION = {"temperature": 2.876, "unlisted_score": 24.82, "unlisted_per_finding": 1.102}
