"""kgmed: knowledge-graph-grounded differential diagnosis.

The public API is imported lazily so that ``import kgmed`` stays fast (no torch, no
numpy, no pandas until something needs them)::

    >>> import kgmed
    >>> dx = kgmed.diagnose("Arachnodactyly, ectopia lentis and aortic root dilatation.")  # doctest: +SKIP
    >>> print(dx)                                                                          # doctest: +SKIP
    >>> engine = kgmed.load()          # reuse one engine for many diagnoses             # doctest: +SKIP
    >>> engine.diagnose(["HP:0001166", "HP:0001083"], top_k=5)                             # doctest: +SKIP

* :func:`diagnose` — rank every disease for a note, a list of HPO ids or a phenopacket;
* :func:`load` / :class:`Engine` — load the KG, recognizer and ranker once;
* :class:`Diagnosis` — the result (findings, candidates with evidence, probabilities);
* :mod:`kgmed.explain` — explanation paths in the KG and their renderers.
"""

from __future__ import annotations

import threading

from kgmed._lazy import lazy_getattr
from kgmed._version import __version__

__all__ = ["__version__", "diagnose", "load", "Engine", "Diagnosis", "Candidate"]

_LAZY = {
    "Engine": ("kgmed.engine", "Engine"),
    "load": ("kgmed.engine", "load"),
    "Diagnosis": ("kgmed.diagnosis", "Diagnosis"),
    "Candidate": ("kgmed.diagnosis", "Candidate"),
}

_default_engine = None
_default_lock = threading.Lock()


def diagnose(x, top_k: int = 10, **kwargs):
    """Rank every disease of the default knowledge graph for ``x``.

    Args:
        x: a clinical note (``str``), a list of HPO ids, a GA4GH phenopacket (``dict``, a
            path to its ``.json`` file, or its JSON text), or a list of
            :class:`~kgmed.text.Finding`.
        top_k: number of candidates returned (default 10).
        **kwargs: passed to :meth:`kgmed.Engine.diagnose` (``use_excluded``, ``excluded``).

    Returns:
        a :class:`Diagnosis`.

    The default engine is loaded on the first call and reused by later calls; use
    :func:`load` for an engine of your own (another KG, another configuration).
    """
    return _engine().diagnose(x, top_k=top_k, **kwargs)


def _engine():
    global _default_engine
    with _default_lock:
        if _default_engine is None:
            from kgmed.engine import Engine

            _default_engine = Engine.load()
        return _default_engine


__getattr__ = lazy_getattr(
    "kgmed", _LAZY, globals(),
    submodules=("kg", "ingest", "text", "rank", "explain", "retrieval", "support", "models", "eval"),
)


def __dir__():
    return sorted(set(globals()) | set(__all__))
