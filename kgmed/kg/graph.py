"""The canonical knowledge graph: typed nodes and edges with provenance, in columnar tables.

:class:`KnowledgeGraph` is the one source of truth that every other part of kgmed reads.
It is a set of pandas tables (Arrow-backed, saved as Arrow IPC files) plus a few cached
indices; the networkx, rdflib and PyG views in :mod:`kgmed.kg.export` are built from it on
demand.

Example (the default HPO graph)::

    >>> import kgmed.kg
    >>> kg = kgmed.kg.load_default()                    # doctest: +SKIP
    >>> kg.node("HP:0001250").label                     # doctest: +SKIP
    'Seizure'
    >>> kg.resolve("HP:0001416")  # an alt id of Autosomal recessive inheritance  # doctest: +SKIP
    'HP:0000007'
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np
import pandas as pd

from kgmed.errors import UnknownIdentifierError
from kgmed.kg.curie import normalize_curie
from kgmed.kg.schema import EDGE_TYPES, NODE_TYPES
from kgmed.typing import Curie, EdgeType, NodeType

__all__ = ["KnowledgeGraph", "Node", "Synonym"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Synonym:
    """A synonym of a node: its text, OBO scope and synonym type (``layperson`` …)."""

    text: str
    scope: str = "EXACT"
    kind: str = ""


@dataclass(frozen=True)
class Node:
    """A read-only view of one KG node."""

    id: Curie
    type: NodeType
    label: str
    definition: str = ""
    synonyms: tuple[Synonym, ...] = ()
    xrefs: tuple[Curie, ...] = ()
    alt_ids: tuple[Curie, ...] = ()
    obsolete: bool = False
    replaced_by: Curie = ""
    source: str = ""


@dataclass
class KnowledgeGraph:
    """Typed nodes and edges with provenance, stored as tables.

    Attributes:
        nodes: one row per node: ``id``, ``type``, ``label``, ``definition``, ``obsolete``,
            ``replaced_by``, ``source``. The row number is the node's index everywhere.
        edges: one row per edge: ``src``/``dst`` (node rows, int32), ``type``, ``source``
            and the attributes listed in :mod:`kgmed.kg.schema`.
        synonyms: ``node``, ``text``, ``scope``, ``kind``.
        xrefs, alt_ids: ``node``, ``value``.
        sources: per source name: ``release`` and what else ingestion recorded (files and
            their checksums, licence, skipped records).
        meta: schema version, kgmed version, build key and time.
    """

    nodes: pd.DataFrame
    edges: pd.DataFrame
    synonyms: pd.DataFrame
    xrefs: pd.DataFrame
    alt_ids: pd.DataFrame
    sources: dict = field(default_factory=dict)
    meta: dict = field(default_factory=dict)

    # ------------------------------------------------------------------ lookups
    @cached_property
    def _index(self) -> dict[Curie, int]:
        return dict(zip(self.nodes["id"].tolist(), range(len(self.nodes))))

    @cached_property
    def _alt_index(self) -> dict[Curie, int]:
        return dict(zip(self.alt_ids["value"].tolist(), self.alt_ids["node"].tolist()))

    def __len__(self) -> int:
        return len(self.nodes)

    def __contains__(self, curie: object) -> bool:
        if not isinstance(curie, str):
            return False
        c = normalize_curie(curie)
        return c in self._index or c in self._alt_index

    def __repr__(self) -> str:
        releases = ", ".join(f"{k} {v.get('release') or '?'}" for k, v in self.sources.items())
        return f"KnowledgeGraph({len(self.nodes)} nodes, {len(self.edges)} edges; {releases})"

    def index(self, curie: Curie) -> int:
        """The row of ``curie`` (an id or an alt id) in :attr:`nodes`.

        Raises:
            UnknownIdentifierError: the identifier is in no ingested source.
        """
        c = normalize_curie(curie)
        row = self._index.get(c)
        if row is None:
            row = self._alt_index.get(c)
        if row is None:
            raise UnknownIdentifierError(f"{curie!r} is not in the knowledge graph ({self._sources_text()})")
        return row

    def resolve(self, curie: Curie) -> Curie:
        """The current primary id for ``curie``: alt ids map to their term, obsolete terms
        to their ``replaced_by`` term.

        Raises:
            UnknownIdentifierError: unknown, or obsolete with no replacement (the message
            says which).
        """
        seen = set()
        row = self.index(curie)
        while bool(self.nodes["obsolete"].iat[row]):
            repl = self.nodes["replaced_by"].iat[row]
            cur = self.nodes["id"].iat[row]
            if not repl or repl in seen:
                raise UnknownIdentifierError(
                    f"{curie!r} is obsolete ({cur}: {self.nodes['label'].iat[row]!r}) and has no replacement"
                )
            seen.add(repl)
            row = self.index(repl)
        return self.nodes["id"].iat[row]

    def get(self, curie: Curie) -> Node | None:
        """The :class:`Node` for ``curie`` or ``None`` when it is unknown."""
        try:
            return self.node(curie)
        except UnknownIdentifierError:
            return None

    def node(self, curie: Curie | int) -> Node:
        """A :class:`Node` view (label, synonyms, xrefs …) of an id, alt id or row."""
        row = curie if isinstance(curie, (int, np.integer)) else self.index(curie)
        r = self.nodes.iloc[int(row)]
        syn = self._rows_of("synonyms", int(row))
        return Node(
            id=r["id"],
            type=r["type"],
            label=r["label"],
            definition=r["definition"],
            synonyms=tuple(Synonym(t, s, k) for t, s, k in zip(syn["text"], syn["scope"], syn["kind"])),
            xrefs=tuple(self._rows_of("xrefs", int(row))["value"]),
            alt_ids=tuple(self._rows_of("alt_ids", int(row))["value"]),
            obsolete=bool(r["obsolete"]),
            replaced_by=r["replaced_by"],
            source=r["source"],
        )

    def _rows_of(self, table: str, row: int) -> pd.DataFrame:
        starts = self._table_offsets(table)
        return getattr(self, table).iloc[starts[row]: starts[row + 1]]

    def _table_offsets(self, table: str) -> np.ndarray:
        cache = self.__dict__.setdefault("_offsets", {})
        if table not in cache:
            col = getattr(self, table)["node"].to_numpy()
            if len(col) and np.any(np.diff(col) < 0):
                raise ValueError(f"table {table!r} is not sorted by node")
            cache[table] = np.searchsorted(col, np.arange(len(self.nodes) + 1))
        return cache[table]

    def label(self, curie: Curie) -> str:
        """The label of ``curie`` ("" when unknown)."""
        row = self._index.get(normalize_curie(curie))
        return "" if row is None else self.nodes["label"].iat[row]

    def ids(self, node_type: NodeType | None = None, *, include_obsolete: bool = False) -> list[Curie]:
        """All node ids, or those of one type, in row order."""
        mask = np.ones(len(self.nodes), dtype=bool) if node_type is None else self.type_mask(node_type)
        if not include_obsolete:
            mask &= ~self.nodes["obsolete"].to_numpy(dtype=bool)
        return self.nodes["id"][mask].tolist()

    def type_mask(self, node_type: NodeType) -> np.ndarray:
        """Boolean mask over node rows of one type."""
        if node_type not in NODE_TYPES:
            raise ValueError(f"unknown node type {node_type!r}; valid types: {', '.join(NODE_TYPES)}")
        return (self.nodes["type"] == node_type).to_numpy(dtype=bool)

    def edges_of(self, edge_type: EdgeType | Iterable[EdgeType]) -> pd.DataFrame:
        """The edges of one type (or several), with all their attributes."""
        types = [edge_type] if isinstance(edge_type, str) else list(edge_type)
        for t in types:
            if t not in EDGE_TYPES:
                raise ValueError(f"unknown edge type {t!r}; valid types: {', '.join(EDGE_TYPES)}")
        return self.edges[self.edges["type"].isin(types)]

    # ------------------------------------------------------------- hierarchy
    @cached_property
    def _is_a(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """CSR arrays (parents of each row, children of each row)."""
        e = self.edges_of("is_a")
        src, dst = e["src"].to_numpy(np.int64), e["dst"].to_numpy(np.int64)
        n = len(self.nodes)
        order = np.argsort(src, kind="stable")
        p_ptr = np.searchsorted(src[order], np.arange(n + 1))
        parents = dst[order]
        order_c = np.argsort(dst, kind="stable")
        c_ptr = np.searchsorted(dst[order_c], np.arange(n + 1))
        children = src[order_c]
        return p_ptr, parents, c_ptr, children

    def parents(self, curie: Curie) -> list[Curie]:
        """Direct ``is_a`` parents of ``curie``."""
        p_ptr, parents, _, _ = self._is_a
        row = self.index(curie)
        return self.nodes["id"].iloc[parents[p_ptr[row]: p_ptr[row + 1]]].tolist()

    def children(self, curie: Curie) -> list[Curie]:
        """Direct ``is_a`` children of ``curie``."""
        _, _, c_ptr, children = self._is_a
        row = self.index(curie)
        return self.nodes["id"].iloc[children[c_ptr[row]: c_ptr[row + 1]]].tolist()

    def ancestor_rows(self, row: int, *, include_self: bool = True) -> np.ndarray:
        """Rows of all ``is_a`` ancestors of node ``row``."""
        p_ptr, parents, _, _ = self._is_a
        return _closure(row, p_ptr, parents, include_self)

    def descendant_rows(self, row: int, *, include_self: bool = True) -> np.ndarray:
        """Rows of all ``is_a`` descendants of node ``row``."""
        _, _, c_ptr, children = self._is_a
        return _closure(row, c_ptr, children, include_self)

    def ancestors(self, curie: Curie, *, include_self: bool = False) -> list[Curie]:
        """All ``is_a`` ancestors of ``curie`` (ids)."""
        rows = self.ancestor_rows(self.index(curie), include_self=include_self)
        return self.nodes["id"].iloc[np.sort(rows)].tolist()

    def descendants(self, curie: Curie, *, include_self: bool = False) -> list[Curie]:
        """All ``is_a`` descendants of ``curie`` (ids)."""
        rows = self.descendant_rows(self.index(curie), include_self=include_self)
        return self.nodes["id"].iloc[np.sort(rows)].tolist()

    # ----------------------------------------------------------- equivalence
    @cached_property
    def clusters(self) -> np.ndarray:
        """Equivalence cluster of each node row under ``same_as`` (connected components).

        Equivalent diseases from different sources (OMIM ↔ MONDO ↔ DOID) share a cluster;
        every original id stays its own node.
        """
        from scipy.sparse import coo_matrix
        from scipy.sparse.csgraph import connected_components

        e = self.edges_of("same_as")
        n = len(self.nodes)
        m = coo_matrix(
            (np.ones(len(e), dtype=np.int8), (e["src"].to_numpy(), e["dst"].to_numpy())), shape=(n, n)
        )
        _, labels = connected_components(m, directed=False)
        return labels.astype(np.int32)

    def equivalents(self, curie: Curie, *, include_self: bool = False) -> list[Curie]:
        """Ids of every node equivalent to ``curie`` through ``same_as`` edges, sorted."""
        row = self.index(curie)
        members = np.flatnonzero(self.clusters == self.clusters[row])
        ids = sorted(self.nodes["id"].iloc[members].tolist())
        return ids if include_self else [i for i in ids if i != self.nodes["id"].iat[row]]

    def subgraph(self, ids: Iterable[Curie], *, with_ancestors: bool = False) -> "KnowledgeGraph":
        """The KG restricted to ``ids`` (and, optionally, all their ``is_a`` ancestors).

        Keeps the edges between kept nodes and the synonyms, xrefs and alt ids of kept
        nodes; rows are renumbered. Useful for small test graphs and for exports.
        """
        rows = {self.index(i) for i in ids}
        if with_ancestors:
            for r in list(rows):
                rows.update(self.ancestor_rows(r).tolist())
        keep = np.zeros(len(self.nodes), dtype=bool)
        keep[list(rows)] = True
        new_index = np.cumsum(keep) - 1
        e = self.edges[keep[self.edges["src"].to_numpy()] & keep[self.edges["dst"].to_numpy()]].copy()
        e["src"] = new_index[e["src"].to_numpy()].astype(np.int32)
        e["dst"] = new_index[e["dst"].to_numpy()].astype(np.int32)

        def side(table: pd.DataFrame) -> pd.DataFrame:
            t = table[keep[table["node"].to_numpy()]].copy()
            t["node"] = new_index[t["node"].to_numpy()].astype(np.int32)
            return t.reset_index(drop=True)

        return KnowledgeGraph(
            nodes=self.nodes[keep].reset_index(drop=True),
            edges=e.reset_index(drop=True),
            synonyms=side(self.synonyms),
            xrefs=side(self.xrefs),
            alt_ids=side(self.alt_ids),
            sources=dict(self.sources),
            meta={**self.meta, "subgraph_of": self.meta.get("key")},
        )

    # -------------------------------------------------------------- summary
    def summary(self) -> dict:
        """Counts per node and edge type, releases, and what ingestion skipped.

        The shape ``{"sources": {name: release}, "nodes": {type: count}, "edges": {type:
        count}, ...}`` is what ``kgmed ingest --json`` prints. Node counts exclude obsolete
        terms (counted separately under ``obsolete``).
        """
        live = ~self.nodes["obsolete"].to_numpy(dtype=bool)
        nodes = Counter(self.nodes["type"][live].tolist())
        edges = self.edges["type"].value_counts()
        annotations = self.edges_of(["has_phenotype", "not_has_phenotype"])
        return {
            "sources": {name: info.get("release") for name, info in self.sources.items()},
            "nodes": {t: int(nodes[t]) for t in NODE_TYPES if nodes.get(t)},
            "edges": {t: int(edges[t]) for t in EDGE_TYPES if t in edges.index and edges[t]},
            "obsolete": int((~live).sum()),
            "synonyms": int(len(self.synonyms)),
            "disease_phenotype": {
                "edges": int(len(annotations)),
                "with_frequency": int(annotations["frequency"].notna().sum()),
                "with_pmid": int(annotations["references"].str.contains("PMID:", regex=False).sum()),
                "not": int((annotations["type"] == "not_has_phenotype").sum()),
            },
            "skipped": {name: info.get("skipped", {}) for name, info in self.sources.items() if info.get("skipped")},
        }

    def _sources_text(self) -> str:
        return "sources: " + (", ".join(self.sources) or "none")

    # ------------------------------------------------------------ save / load
    def save(self, path: str | Path) -> Path:
        """Write the KG to a directory (Arrow IPC tables + ``manifest.json``), atomically."""
        from kgmed.kg.storage import save_kg

        return save_kg(self, path)

    @classmethod
    def load(cls, path: str | Path, *, verify: bool = True) -> "KnowledgeGraph":
        """Read a KG saved by :meth:`save`; ``verify`` checks each table's checksum."""
        from kgmed.kg.storage import load_kg

        return load_kg(path, verify=verify)

    # -------------------------------------------------------------- exports
    def to_networkx(self, **kwargs):
        """A ``networkx.MultiDiGraph`` view; see :func:`kgmed.kg.export.to_networkx`."""
        from kgmed.kg.export import to_networkx

        return to_networkx(self, **kwargs)

    def to_rdflib(self, **kwargs):
        """An ``rdflib.Graph``; see :func:`kgmed.kg.export.to_rdflib`."""
        from kgmed.kg.export import to_rdflib

        return to_rdflib(self, **kwargs)

    def to_hetero_data(self, **kwargs):
        """A PyG ``HeteroData``; see :func:`kgmed.kg.export.to_hetero_data`."""
        from kgmed.kg.export import to_hetero_data

        return to_hetero_data(self, **kwargs)

    def iter_nodes(self, node_type: NodeType | None = None) -> Iterator[Node]:
        """Iterate :class:`Node` views (slow path: use the tables for bulk work)."""
        rows = range(len(self.nodes)) if node_type is None else np.flatnonzero(self.type_mask(node_type))
        for row in rows:
            yield self.node(int(row))


def _closure(row: int, ptr: np.ndarray, nbr: np.ndarray, include_self: bool) -> np.ndarray:
    seen = {row}
    stack = [row]
    while stack:
        r = stack.pop()
        for n in nbr[ptr[r]: ptr[r + 1]].tolist():
            if n not in seen:
                seen.add(n)
                stack.append(n)
    if not include_self:
        seen.discard(row)
    return np.fromiter(seen, dtype=np.int64, count=len(seen))
