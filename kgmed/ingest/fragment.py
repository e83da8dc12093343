"""What every reader returns: one source's nodes, synonyms, xrefs and edges as tables.

A :class:`Fragment` is the common currency between the readers in :mod:`kgmed.ingest` and
the :class:`~kgmed.kg.builder.KGBuilder`. Readers only parse and map columns onto the KG
schema; identifier resolution across sources, validation and indexing happen once, in
the builder.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable

import pandas as pd

from kgmed.kg.schema import EDGE_COLUMNS

__all__ = ["Fragment", "node_frame", "edge_frame", "pair_frame", "synonym_frame"]

_NODE_FRAGMENT_COLUMNS = ("id", "type", "label", "definition", "obsolete", "replaced_by", "primary")
_EDGE_ATTRS = tuple(c for c in EDGE_COLUMNS if c not in ("src", "dst", "type", "source"))


def node_frame(rows: Iterable[dict] | pd.DataFrame | None = None, **defaults) -> pd.DataFrame:
    """A node table with every fragment column present (missing ones filled).

    ``primary`` is True where the source *defines* the node (an ontology term, an annotated
    disease) and False where it only mentions it (a mapping target): the builder prefers
    primary definitions when sources disagree on a label.
    """
    df = pd.DataFrame(rows if rows is not None else [])
    for col, default in (
        ("label", ""), ("definition", ""), ("obsolete", False), ("replaced_by", ""),
        ("primary", True), ("type", ""),
    ):
        if col not in df.columns:
            df[col] = defaults.get(col, default)
    if "id" not in df.columns:
        df["id"] = pd.Series(dtype=str)
    df = df[list(_NODE_FRAGMENT_COLUMNS)]
    for col in ("id", "type", "label", "definition", "replaced_by"):
        df[col] = df[col].fillna("").astype(str)
    df["obsolete"] = df["obsolete"].fillna(False).astype(bool)
    df["primary"] = df["primary"].fillna(True).astype(bool)
    return df


def edge_frame(rows: Iterable[dict] | pd.DataFrame | None = None) -> pd.DataFrame:
    """An edge table: ``subject``, ``object``, ``type`` and every attribute column."""
    df = pd.DataFrame(rows if rows is not None else [])
    for col in ("subject", "object", "type"):
        if col not in df.columns:
            df[col] = pd.Series(dtype=str)
    for col in _EDGE_ATTRS:
        if col not in df.columns:
            df[col] = float("nan") if col == "frequency" else ""
    df = df[["subject", "object", "type", *_EDGE_ATTRS]]
    for col in ("subject", "object", "type", *(c for c in _EDGE_ATTRS if c != "frequency")):
        df[col] = df[col].fillna("").astype(str)
    df["frequency"] = df["frequency"].astype("float32")
    return df


def pair_frame(rows: Iterable[tuple[str, str]] | pd.DataFrame | None = None) -> pd.DataFrame:
    """A two-column ``id``/``value`` table (xrefs, alt ids)."""
    if isinstance(rows, pd.DataFrame):
        df = rows[["id", "value"]].copy()
    else:
        df = pd.DataFrame(list(rows or []), columns=["id", "value"])
    return df.astype({"id": str, "value": str})


def synonym_frame(rows: Iterable[tuple[str, str, str, str]] | None = None) -> pd.DataFrame:
    """A synonym table: ``id``, ``text``, ``scope`` (EXACT/RELATED/BROAD/NARROW), ``kind``."""
    df = pd.DataFrame(list(rows or []), columns=["id", "text", "scope", "kind"])
    return df.astype(str)


@dataclass
class Fragment:
    """One source's contribution to the KG, in schema terms.

    Attributes:
        source: the source name (manifest ``name``), used as edge provenance.
        release: the release/version string found in the files (or the manifest's).
        nodes: see :func:`node_frame`.
        edges: see :func:`edge_frame`; ``subject``/``object`` are CURIEs.
        synonyms, xrefs, alt_ids: see :func:`synonym_frame` and :func:`pair_frame`.
        skipped: records the reader dropped, by reason (reported in the ingest summary).
        locate: optional ``curie -> "file, line N"`` used to point at a term in errors
            found later (an is_a cycle, say).
    """

    source: str
    release: str | None = None
    nodes: pd.DataFrame = field(default_factory=node_frame)
    edges: pd.DataFrame = field(default_factory=edge_frame)
    synonyms: pd.DataFrame = field(default_factory=synonym_frame)
    xrefs: pd.DataFrame = field(default_factory=pair_frame)
    alt_ids: pd.DataFrame = field(default_factory=pair_frame)
    skipped: Counter = field(default_factory=Counter)
    locate: Callable[[str], str | None] | None = None

    def __repr__(self) -> str:
        return (
            f"Fragment(source={self.source!r}, release={self.release!r}, "
            f"nodes={len(self.nodes)}, edges={len(self.edges)}, synonyms={len(self.synonyms)})"
        )
