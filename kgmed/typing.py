"""Type aliases shared across kgmed (one place, as in PyG's ``typing.py``)."""

from __future__ import annotations

from typing import Literal, Tuple

#: A compact URI, prefix and local id: ``"HP:0001250"``, ``"OMIM:154700"``, ``"ORPHA:558"``.
Curie = str

#: The kind of a KG node (see :data:`kgmed.kg.schema.NODE_TYPES`).
NodeType = str

#: The kind of a KG edge (see :data:`kgmed.kg.schema.EDGE_TYPES`).
EdgeType = str

#: A typed relation as PyG names it: ``(source node type, edge type, target node type)``.
EdgeTriple = Tuple[NodeType, EdgeType, NodeType]

#: Whether a finding was observed, ruled out, or only suspected.
FindingStatus = Literal["present", "excluded", "uncertain"]

__all__ = ["Curie", "NodeType", "EdgeType", "EdgeTriple", "FindingStatus"]
