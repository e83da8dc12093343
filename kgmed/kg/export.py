"""Views of a :class:`~kgmed.kg.KnowledgeGraph` for other tools: networkx, rdflib, PyG.

These are built on demand from the canonical tables and are never the source of truth.
The RDF view round-trips: :func:`from_rdflib` rebuilds the same tables from the graph that
:func:`to_rdflib` made (also after a trip through Turtle), because every edge is reified
as a ``kgmed:Edge`` resource carrying its attributes and provenance, next to the plain
``subject predicate object`` triple that SPARQL users expect.
"""

from __future__ import annotations

import math
from typing import Iterable

import numpy as np
import pandas as pd

from kgmed.kg.graph import KnowledgeGraph
from kgmed.kg.schema import EDGE_COLUMNS, EDGE_TYPES, NODE_TYPES

__all__ = ["to_networkx", "to_rdflib", "from_rdflib", "to_hetero_data", "KGMED_NS", "expand_curie", "contract_iri"]

#: Namespace of kgmed's own RDF vocabulary (node/edge types, edge attributes).
KGMED_NS = "https://w3id.org/kgmed/vocab#"

_PREFIX_IRIS = {
    "HP": "http://purl.obolibrary.org/obo/HP_",
    "MONDO": "http://purl.obolibrary.org/obo/MONDO_",
    "DOID": "http://purl.obolibrary.org/obo/DOID_",
    "SYMP": "http://purl.obolibrary.org/obo/SYMP_",
    "MAXO": "http://purl.obolibrary.org/obo/MAXO_",
    "UBERON": "http://purl.obolibrary.org/obo/UBERON_",
    "OMIM": "https://omim.org/entry/",
    "ORPHA": "http://www.orpha.net/ORDO/Orphanet_",
    "NCBIGene": "https://identifiers.org/ncbigene:",
    "PMID": "https://pubmed.ncbi.nlm.nih.gov/",
}
_GENERIC = "https://w3id.org/kgmed/id/"
_EDGE_ATTRS = [c for c in EDGE_COLUMNS if c not in ("src", "dst", "type", "source")]


def expand_curie(curie: str) -> str:
    """The IRI of a CURIE (OBO PURLs for OBO ontologies; a kgmed IRI for other prefixes)."""
    prefix, _, local = curie.partition(":")
    base = _PREFIX_IRIS.get(prefix)
    return base + local if base else _GENERIC + curie


def contract_iri(iri: str) -> str:
    """Inverse of :func:`expand_curie`."""
    if iri.startswith(_GENERIC):
        return iri[len(_GENERIC):]
    for prefix, base in _PREFIX_IRIS.items():
        if iri.startswith(base):
            return f"{prefix}:{iri[len(base):]}"
    from kgmed.kg.curie import normalize_curie

    return normalize_curie(iri)


def _select(kg: KnowledgeGraph, node_types: Iterable[str] | None, edge_types: Iterable[str] | None):
    nmask = np.ones(len(kg.nodes), dtype=bool)
    if node_types is not None:
        nmask = kg.nodes["type"].isin(list(node_types)).to_numpy()
    e = kg.edges
    if edge_types is not None:
        e = kg.edges_of(list(edge_types))
    e = e[nmask[e["src"].to_numpy()] & nmask[e["dst"].to_numpy()]]
    return nmask, e


def to_networkx(kg: KnowledgeGraph, *, node_types: Iterable[str] | None = None,
                edge_types: Iterable[str] | None = None):
    """A ``networkx.MultiDiGraph`` keyed by CURIE.

    Node attributes: ``type``, ``label``. Edge attributes: ``type``, ``source`` and every
    non-empty attribute (``frequency``, ``references`` …); parallel edges (the same
    disease–phenotype pair annotated from two publications) stay separate.
    """
    import networkx as nx

    nmask, e = _select(kg, node_types, edge_types)
    g = nx.MultiDiGraph()
    ids = kg.nodes["id"].to_numpy()
    nodes = kg.nodes[nmask]
    g.add_nodes_from(
        (i, {"type": str(t), "label": lab}) for i, t, lab in zip(nodes["id"], nodes["type"], nodes["label"])
    )
    cols = {c: e[c].astype(object).to_numpy() if c != "frequency" else e[c].to_numpy() for c in _EDGE_ATTRS}
    src, dst, typ, source = ids[e["src"].to_numpy()], ids[e["dst"].to_numpy()], e["type"].astype(str).to_numpy(), e["source"].astype(str).to_numpy()
    for k in range(len(e)):
        attrs = {"type": typ[k], "source": source[k]}
        for c in _EDGE_ATTRS:
            v = cols[c][k]
            if c == "frequency":
                if not math.isnan(v):
                    attrs[c] = float(v)
            elif v:
                attrs[c] = v
        g.add_edge(src[k], dst[k], **attrs)
    return g


def to_rdflib(kg: KnowledgeGraph, *, node_types: Iterable[str] | None = None,
              edge_types: Iterable[str] | None = None):
    """An ``rdflib.Graph`` of the KG (or of some node/edge types).

    Nodes: ``rdf:type kgmed:<NodeType>``, ``rdfs:label``, ``IAO:0000115`` (definition),
    ``owl:deprecated``, ``IAO:0100001`` (replaced by), ``oboInOwl:hasDbXref``,
    ``oboInOwl:hasAlternativeId``, and ``kgmed:synonym`` resources (text, scope, kind).
    Edges: the direct triple ``subject kgmed:<edge_type> object`` plus a reified
    ``kgmed:Edge`` with the attributes, so :func:`from_rdflib` restores everything.
    """
    import rdflib
    from rdflib import BNode, Literal, URIRef
    from rdflib.namespace import OWL, RDF, RDFS, XSD

    K = rdflib.Namespace(KGMED_NS)
    OBO = rdflib.Namespace("http://purl.obolibrary.org/obo/")
    OIO = rdflib.Namespace("http://www.geneontology.org/formats/oboInOwl#")
    g = rdflib.Graph()
    g.bind("kgmed", K)
    g.bind("obo", OBO)
    g.bind("oboInOwl", OIO)
    nmask, e = _select(kg, node_types, edge_types)
    iris = [URIRef(expand_curie(i)) for i in kg.nodes["id"]]
    onto = URIRef(KGMED_NS + "graph")
    g.add((onto, RDF.type, OWL.Ontology))
    for name, info in kg.sources.items():
        s = BNode()
        g.add((onto, K.source, s))
        g.add((s, K.name, Literal(name)))
        if info.get("release"):
            g.add((s, K.release, Literal(str(info["release"]))))
    n = kg.nodes
    for row in np.flatnonzero(nmask):
        iri = iris[row]
        g.add((iri, RDF.type, K[_camel(str(n["type"].iat[row]))]))
        g.add((iri, K.source, Literal(str(n["source"].iat[row]))))
        if n["label"].iat[row]:
            g.add((iri, RDFS.label, Literal(n["label"].iat[row])))
        if n["definition"].iat[row]:
            g.add((iri, OBO.IAO_0000115, Literal(n["definition"].iat[row])))
        if bool(n["obsolete"].iat[row]):
            g.add((iri, OWL.deprecated, Literal(True)))
        if n["replaced_by"].iat[row]:
            g.add((iri, OBO.IAO_0100001, URIRef(expand_curie(n["replaced_by"].iat[row]))))
    for table, pred in (("xrefs", OIO.hasDbXref), ("alt_ids", OIO.hasAlternativeId)):
        t = getattr(kg, table)
        t = t[nmask[t["node"].to_numpy()]]
        for node, value in zip(t["node"].tolist(), t["value"].tolist()):
            g.add((iris[node], pred, Literal(value)))
    s = kg.synonyms[nmask[kg.synonyms["node"].to_numpy()]]
    for node, text, scope, kind in zip(s["node"].tolist(), s["text"].tolist(), s["scope"].astype(str), s["kind"].astype(str)):
        b = BNode()
        g.add((iris[node], K.synonym, b))
        g.add((b, K.text, Literal(text)))
        g.add((b, K.scope, Literal(scope)))
        if kind:
            g.add((b, K.kind, Literal(kind)))
    src, dst = e["src"].to_numpy(), e["dst"].to_numpy()
    typ, source = e["type"].astype(str).to_numpy(), e["source"].astype(str).to_numpy()
    attrs = {c: (e[c].to_numpy() if c == "frequency" else e[c].astype(str).to_numpy()) for c in _EDGE_ATTRS}
    for k in range(len(e)):
        subj, obj = iris[src[k]], iris[dst[k]]
        g.add((subj, K[typ[k]], obj))
        r = BNode()
        g.add((r, RDF.type, K.Edge))
        g.add((r, K.subject, subj))
        g.add((r, K.object, obj))
        g.add((r, K.edgeType, Literal(typ[k])))
        g.add((r, K.source, Literal(source[k])))
        for c in _EDGE_ATTRS:
            v = attrs[c][k]
            if c == "frequency":
                if not math.isnan(v):
                    g.add((r, K.frequency, Literal(float(v), datatype=XSD.double)))
            elif v:
                g.add((r, K[c], Literal(v)))
    return g


def from_rdflib(graph) -> KnowledgeGraph:
    """Rebuild a :class:`KnowledgeGraph` from a graph made by :func:`to_rdflib`."""
    import rdflib
    from rdflib.namespace import OWL, RDF, RDFS

    K = rdflib.Namespace(KGMED_NS)
    OBO = rdflib.Namespace("http://purl.obolibrary.org/obo/")
    OIO = rdflib.Namespace("http://www.geneontology.org/formats/oboInOwl#")
    types = {K[_camel(t)]: t for t in NODE_TYPES}
    rows = []
    for iri, _, tnode in graph.triples((None, RDF.type, None)):
        if tnode in types:
            rows.append(
                {
                    "id": contract_iri(str(iri)),
                    "type": types[tnode],
                    "label": str(graph.value(iri, RDFS.label) or ""),
                    "definition": str(graph.value(iri, OBO.IAO_0000115) or ""),
                    "obsolete": bool(graph.value(iri, OWL.deprecated) is not None and graph.value(iri, OWL.deprecated).toPython()),
                    "replaced_by": contract_iri(str(graph.value(iri, OBO.IAO_0100001))) if graph.value(iri, OBO.IAO_0100001) else "",
                    "source": str(graph.value(iri, K.source) or ""),
                    "_iri": iri,
                }
            )
    rows.sort(key=lambda r: (NODE_TYPES.index(r["type"]), r["id"]))
    nodes = pd.DataFrame(rows, columns=["id", "type", "label", "definition", "obsolete", "replaced_by", "source", "_iri"])
    index = {r["_iri"]: i for i, r in enumerate(rows)}
    syn, xrefs, alts = [], [], []
    for iri, i in index.items():
        for b in graph.objects(iri, K.synonym):
            syn.append((i, str(graph.value(b, K.text)), str(graph.value(b, K.scope)), str(graph.value(b, K.kind) or "")))
        xrefs += [(i, str(v)) for v in graph.objects(iri, OIO.hasDbXref)]
        alts += [(i, str(v)) for v in graph.objects(iri, OIO.hasAlternativeId)]
    edges = []
    for r in graph.subjects(RDF.type, K.Edge):
        rec = {
            "src": index[graph.value(r, K.subject)],
            "dst": index[graph.value(r, K.object)],
            "type": str(graph.value(r, K.edgeType)),
            "source": str(graph.value(r, K.source)),
        }
        for c in _EDGE_ATTRS:
            v = graph.value(r, K[c])
            rec[c] = (float(v) if v is not None else float("nan")) if c == "frequency" else (str(v) if v is not None else "")
        edges.append(rec)
    edges_df = pd.DataFrame(edges, columns=list(EDGE_COLUMNS))
    if len(edges_df):
        edges_df["_t"] = edges_df["type"].map({t: i for i, t in enumerate(EDGE_TYPES)})
        edges_df = edges_df.sort_values(["_t", "src", "dst", "source", "references", "onset", "frequency_raw"], kind="stable").drop(columns="_t")
    edges_df = edges_df.reset_index(drop=True).astype({"src": np.int32, "dst": np.int32, "frequency": np.float32})
    sources = {}
    for b in graph.objects(rdflib.URIRef(KGMED_NS + "graph"), K.source):
        rel = graph.value(b, K.release)
        sources[str(graph.value(b, K.name))] = {"release": str(rel) if rel is not None else None}

    def table(data, cols):
        df = pd.DataFrame(sorted(data), columns=["node", *cols])
        df["node"] = df["node"].astype(np.int32)
        return df

    kg = KnowledgeGraph(
        nodes=nodes.drop(columns="_iri"),
        edges=edges_df,
        synonyms=table(syn, ["text", "scope", "kind"]),
        xrefs=table(xrefs, ["value"]),
        alt_ids=table(alts, ["value"]),
        sources=sources,
        meta={"from": "rdf"},
    )
    return kg


def to_hetero_data(kg: KnowledgeGraph, *, node_types: Iterable[str] | None = None,
                   edge_types: Iterable[str] | None = None, include_obsolete: bool = False):
    """A PyG ``HeteroData``: one node store per node type, one edge store per relation.

    Each node store has ``num_nodes`` and ``kg_row`` (the KG row of each local index, so
    results map back to CURIEs); each edge store ``(src_type, edge_type, dst_type)`` has
    ``edge_index`` (local indices) and ``edge_weight`` (the annotated frequency, 1.0 where
    none is given).
    """
    import torch
    from torch_geometric.data import HeteroData

    nmask, e = _select(kg, node_types, edge_types)
    if not include_obsolete:
        nmask &= ~kg.nodes["obsolete"].to_numpy(dtype=bool)
        e = e[nmask[e["src"].to_numpy()] & nmask[e["dst"].to_numpy()]]
    ntype = kg.nodes["type"].astype(str).to_numpy()
    local = np.full(len(kg.nodes), -1, dtype=np.int64)
    data = HeteroData()
    for t in NODE_TYPES:
        rows = np.flatnonzero(nmask & (ntype == t))
        if len(rows) == 0:
            continue
        local[rows] = np.arange(len(rows))
        data[t].num_nodes = len(rows)
        data[t].kg_row = torch.from_numpy(rows.astype(np.int64))
    src, dst = e["src"].to_numpy(), e["dst"].to_numpy()
    etype = e["type"].astype(str).to_numpy()
    freq = e["frequency"].to_numpy(dtype=np.float32)
    rel = pd.DataFrame({"s": ntype[src], "e": etype, "d": ntype[dst]})
    for (s, r, d), idx in rel.groupby(["s", "e", "d"], sort=True).indices.items():
        ei = np.stack([local[src[idx]], local[dst[idx]]])
        w = np.where(np.isnan(freq[idx]), 1.0, freq[idx]).astype(np.float32)
        data[s, r, d].edge_index = torch.from_numpy(ei)
        data[s, r, d].edge_weight = torch.from_numpy(w)
    data.validate(raise_on_error=True)
    return data


def _camel(node_type: str) -> str:
    return "".join(p.capitalize() for p in node_type.split("_"))
