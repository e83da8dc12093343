"""Explanations of a ranked disease: per-finding evidence, KG paths and renderers.

* :class:`Explainer` builds the evidence of a candidate from the ranker's per-finding
  likelihood ratios and the KG (which annotation, which path, which PMIDs);
* :func:`render` turns an :class:`Explanation` into a text tree, JSON, Graphviz DOT or a
  standalone HTML page.

Example::

    >>> import kgmed
    >>> ex = kgmed.load().explain("arachnodactyly, ectopia lentis", "OMIM:154700")  # doctest: +SKIP
    >>> print(kgmed.explain.render(ex, "text"))                                     # doctest: +SKIP
"""

from kgmed.explain.paths import Explainer, Explanation, FindingPath, PathStep
from kgmed.explain.render import FORMATS, render

__all__ = ["Explainer", "Explanation", "FindingPath", "PathStep", "render", "FORMATS"]
