"""kgmed: knowledge-graph-grounded differential diagnosis.

The public API is imported lazily so that ``import kgmed`` stays fast (no torch, no
pandas until something needs them).
"""

from kgmed._version import __version__

__all__ = ["__version__"]
