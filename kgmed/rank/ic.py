"""Information content of HPO terms over the disease annotations.

.. math::

    \\mathrm{IC}(t) = -\\log \\frac{n(t)}{N}

where :math:`n(t)` is the number of diseases annotated with ``t`` or one of its
descendants (the true-path rule) and :math:`N` the number of annotated diseases
(Resnik 1995; Köhler et al. 2009, *AJHG* 85:457, the Phenomizer). A term no disease is
annotated with (nor below) gets the largest possible value, :math:`\\log N`.

Example::

    >>> ic = information_content(index)                          # doctest: +SKIP
    >>> round(float(ic[index.term_col["HP:0001166"]]), 2)          # Arachnodactyly
    4.28
"""

from __future__ import annotations

import numpy as np

__all__ = ["information_content"]


def information_content(index) -> np.ndarray:
    """IC of every term column of ``index`` (natural log), ``(T,)`` float64."""
    n = index.n_annotated.astype(np.float64)
    N = max(index.n_diseases, 1)
    return -np.log(np.maximum(n, 1.0) / N)
