"""Assemble reader :class:`~kgmed.ingest.fragment.Fragment` objects into a validated KG.

The builder is where sources meet:

* a node defined by several sources keeps the *primary* definition (an ontology term or an
  annotated disease beats a label seen only in a mapping table);
* edge endpoints are resolved: alt ids to their term, obsolete terms to their
  ``replaced_by`` term; edges to unknown or dead identifiers are dropped and counted per
  source and reason (reported in the ingest summary, never silently lost);
* every edge is checked against its schema signature (``has_phenotype`` must run from a
  disease to a phenotype …);
* ``is_a`` must be acyclic: a cycle is an error naming the terms and, where the reader
  can tell, the file and line of each.

The result is deterministic: nodes sorted by (type, id), edges by (type, src, dst), so the
same inputs always give the same tables.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict

import numpy as np
import pandas as pd

from kgmed._version import __version__
from kgmed.errors import KgmedError
from kgmed.ingest.fragment import Fragment, edge_frame, node_frame
from kgmed.kg.graph import KnowledgeGraph
from kgmed.kg.lookup import positions
from kgmed.kg.schema import EDGE_SIGNATURES, EDGE_TYPES, NODE_TYPES, SCHEMA_VERSION

__all__ = ["KGBuilder", "CycleError"]

logger = logging.getLogger(__name__)

#: Edges that describe a term itself; they are never re-pointed from an obsolete term.
_STRUCTURAL = {"is_a", "same_as"}


class CycleError(KgmedError):
    """The ``is_a`` hierarchy has a cycle (named, with file and line where known)."""


class KGBuilder:
    """Collects fragments and builds a :class:`KnowledgeGraph`.

    Example::

        builder = KGBuilder()
        builder.add(read_obo(hp_obo, source="hpo", node_type="phenotype"))
        builder.add(read_hpoa(hpoa))
        kg = builder.build()
    """

    def __init__(self) -> None:
        self.fragments: list[Fragment] = []
        self.source_info: dict[str, dict] = {}

    def add(self, fragment: Fragment, **info) -> "KGBuilder":
        """Add one reader's output; ``info`` (licence, files …) is stored with its source."""
        self.fragments.append(fragment)
        entry = self.source_info.setdefault(fragment.source, {"release": None, "skipped": Counter()})
        if fragment.release and not entry.get("release"):
            entry["release"] = fragment.release
        entry["skipped"].update(fragment.skipped)
        for k, v in info.items():
            if v is not None:
                entry[k] = v
        return self

    # ------------------------------------------------------------------ build
    def build(self) -> KnowledgeGraph:
        """Merge, resolve, validate and index everything added so far."""
        if not self.fragments:
            raise KgmedError("nothing to build: no source was added")
        nodes = self._merge_nodes()
        alt = self._alt_map(nodes)
        edges = self._resolve_edges(nodes, alt)
        self._check_acyclic(nodes, edges)
        synonyms = self._attach("synonyms", nodes, ["text", "scope", "kind"])
        xrefs = self._attach("xrefs", nodes, ["value"])
        alt_ids = alt.rename("node").rename_axis("value").reset_index()[["node", "value"]]
        alt_ids = alt_ids.sort_values(["node", "value"], kind="stable").reset_index(drop=True)
        alt_ids["node"] = alt_ids["node"].astype(np.int32)
        sources = {}
        for name, info in self.source_info.items():
            entry = dict(info)
            entry["skipped"] = dict(sorted(Counter(info["skipped"]).items()))
            sources[name] = entry
        kg = KnowledgeGraph(
            nodes=nodes.drop(columns=["primary"]).reset_index(drop=True),
            edges=edges,
            synonyms=synonyms,
            xrefs=xrefs,
            alt_ids=alt_ids,
            sources=sources,
            meta={"schema_version": SCHEMA_VERSION, "kgmed_version": __version__},
        )
        _categorise(kg)
        return kg

    def _skip(self, source: str, reason: str, n: int = 1) -> None:
        if n:
            self.source_info.setdefault(source, {"release": None, "skipped": Counter()})["skipped"][reason] += int(n)

    def _merge_nodes(self) -> pd.DataFrame:
        frames = []
        for order, frag in enumerate(self.fragments):
            df = node_frame(frag.nodes).copy()
            bad = ~df["type"].isin(NODE_TYPES)
            if bad.any():
                raise KgmedError(
                    f"source {frag.source!r} gave node {df['id'][bad].iloc[0]!r} the unknown type "
                    f"{df['type'][bad].iloc[0]!r}; valid types: {', '.join(NODE_TYPES)}"
                )
            empty = df["id"].str.strip() == ""
            self._skip(frag.source, "node without an id", int(empty.sum()))
            df = df[~empty]
            df["source"] = frag.source
            df["_order"] = order
            frames.append(df)
        allnodes = pd.concat(frames, ignore_index=True)
        # Primary definitions first, then in the order sources were added.
        allnodes = allnodes.sort_values(["primary", "_order"], ascending=[False, True], kind="stable")
        first = allnodes.drop_duplicates("id", keep="first").set_index("id")
        # Fill a missing label/definition from a later source that has one.
        for col in ("label", "definition", "replaced_by"):
            missing = first[col] == ""
            if missing.any():
                filled = allnodes[allnodes[col] != ""].drop_duplicates("id").set_index("id")[col]
                first.loc[missing, col] = filled.reindex(first.index[missing], fill_value="").to_numpy()
        conflicts = allnodes.merge(first[["type"]], left_on="id", right_index=True, suffixes=("", "_kept"))
        conflicts = conflicts[conflicts["type"] != conflicts["type_kept"]]
        for src, n in conflicts.groupby("source").size().items():
            self._skip(src, "node typed differently than its primary source (kept the primary type)", n)
        nodes = first.reset_index()
        nodes["_t"] = nodes["type"].map({t: i for i, t in enumerate(NODE_TYPES)})
        nodes = nodes.sort_values(["_t", "id"], kind="stable").drop(columns=["_t", "_order"])
        return nodes[["id", "type", "label", "definition", "obsolete", "replaced_by", "source", "primary"]].reset_index(drop=True)

    def _alt_map(self, nodes: pd.DataFrame) -> pd.Series:
        """alt id -> node row, for alt ids that are not themselves node ids."""
        frames = [f.alt_ids.assign(source=f.source) for f in self.fragments if len(f.alt_ids)]
        if not frames:
            return pd.Series(dtype=np.int64)
        alts = pd.concat(frames, ignore_index=True)
        row = positions(alts["id"], nodes["id"])
        ok = (row >= 0) & (positions(alts["value"], nodes["id"]) < 0)
        alts = alts[ok].assign(row=row[ok]).drop_duplicates("value")
        return pd.Series(alts["row"].to_numpy(np.int64), index=alts["value"].to_numpy())

    def _resolve_edges(self, nodes: pd.DataFrame, alt: pd.Series) -> pd.DataFrame:
        ids = nodes["id"]
        types = nodes["type"].to_numpy()
        obsolete = nodes["obsolete"].to_numpy(dtype=bool)
        replaced_rows = positions(nodes["replaced_by"], ids)
        alt_keys = pd.Series(alt.index, dtype=str)
        alt_rows = alt.to_numpy(np.int64)
        frames = []
        for frag in self.fragments:
            e = edge_frame(frag.edges)
            if not len(e):
                continue
            bad_type = ~e["type"].isin(EDGE_TYPES)
            if bad_type.any():
                raise KgmedError(
                    f"source {frag.source!r} made an edge of unknown type {e['type'][bad_type].iloc[0]!r}; "
                    f"valid types: {', '.join(EDGE_TYPES)}"
                )
            e = e.assign(source=frag.source)
            structural = e["type"].isin(_STRUCTURAL).to_numpy()
            keep = np.ones(len(e), dtype=bool)
            cols = {}
            for end in ("subject", "object"):
                r = positions(e[end], ids)
                missing = r < 0
                if missing.any() and len(alt_rows):
                    a = positions(e[end][missing], alt_keys)
                    hit = a >= 0
                    self._skip(frag.source, f"{end} given by an alt id (mapped to its term)", int(hit.sum()))
                    sub = r[missing]
                    sub[hit] = alt_rows[a[hit]]
                    r[missing] = sub
                unknown = r < 0
                for prefix, n in Counter(e[end][unknown].str.split(":").str[0]).items():
                    self._skip(frag.source, f"unknown {end} id ({prefix}:…)", n)
                keep &= ~unknown
                # Obsolete endpoints: follow replaced_by for annotations, else drop.
                dead = (r >= 0) & obsolete[np.maximum(r, 0)] & ~structural
                if dead.any():
                    repl = replaced_rows[r[dead]]
                    ok = repl >= 0
                    self._skip(frag.source, f"obsolete {end} term (mapped to replaced_by)", int(ok.sum()))
                    self._skip(frag.source, f"obsolete {end} term without replacement", int((~ok).sum()))
                    r[dead] = repl
                    keep &= r >= 0
                cols[end] = r
            src, dst = cols["subject"], cols["object"]
            # Schema signatures.
            etype = e["type"].to_numpy()
            sig_ok = np.ones(len(e), dtype=bool)
            for t, sig in EDGE_SIGNATURES.items():
                if sig is None:
                    continue
                m = (etype == t) & keep
                if m.any():
                    good = (types[src[m]] == sig[0]) & (types[dst[m]] == sig[1])
                    sig_ok[np.flatnonzero(m)[~good]] = False
            isa = (etype == "is_a") & keep
            if isa.any():
                sig_ok[np.flatnonzero(isa)[types[src[isa]] != types[dst[isa]]]] = False
            bad_sig = keep & ~sig_ok
            for t, n in Counter(etype[bad_sig]).items():
                self._skip(frag.source, f"{t} edge between nodes of the wrong types", n)
            keep &= sig_ok
            self_loop = keep & (src == dst) & (etype == "is_a")
            self._skip(frag.source, "is_a edge from a term to itself", int(self_loop.sum()))
            keep &= ~self_loop
            out = e[keep].drop(columns=["subject", "object"])
            out.insert(0, "dst", dst[keep].astype(np.int32))
            out.insert(0, "src", src[keep].astype(np.int32))
            frames.append(out)
        edges = pd.concat(frames, ignore_index=True) if frames else edge_frame().drop(columns=["subject", "object"])
        before = len(edges)
        edges = edges.drop_duplicates()
        if before - len(edges):
            logger.debug("dropped %d duplicate edges", before - len(edges))
        edges["_t"] = edges["type"].map({t: i for i, t in enumerate(EDGE_TYPES)})
        edges = edges.sort_values(["_t", "src", "dst"], kind="stable").drop(columns=["_t"])
        cols = ["src", "dst", "type", "source", "frequency", "frequency_raw", "onset", "sex",
                "modifier", "evidence", "aspect", "references", "qualifier"]
        return edges[cols].reset_index(drop=True)

    def _check_acyclic(self, nodes: pd.DataFrame, edges: pd.DataFrame) -> None:
        isa = edges[edges["type"] == "is_a"]
        src, dst = isa["src"].to_numpy(), isa["dst"].to_numpy()
        n = len(nodes)
        indeg = np.bincount(src, minlength=n)  # edges point child -> parent: count parents
        children = defaultdict(list)
        for s, d in zip(src.tolist(), dst.tolist()):
            children[d].append(s)
        queue = [int(i) for i in np.flatnonzero(indeg == 0)]
        seen = 0
        while queue:
            v = queue.pop()
            seen += 1
            for c in children.get(v, ()):
                indeg[c] -= 1
                if indeg[c] == 0:
                    queue.append(c)
        if seen == n:
            return
        cycle = _find_cycle(np.flatnonzero(indeg > 0), src, dst)
        ids = nodes["id"].to_numpy()
        where = []
        for r in cycle:
            loc = None
            for frag in self.fragments:
                if frag.locate is not None:
                    loc = frag.locate(ids[r])
                    if loc:
                        break
            where.append(f"{ids[r]}" + (f" ({loc})" if loc else ""))
        raise CycleError("is_a cycle: " + " -> ".join(where + [ids[cycle[0]]]))

    def _attach(self, table: str, nodes: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
        frames = [getattr(f, table) for f in self.fragments if len(getattr(f, table))]
        if not frames:
            return pd.DataFrame({"node": pd.Series(dtype=np.int32), **{c: pd.Series(dtype=str) for c in cols}})
        df = pd.concat(frames, ignore_index=True)
        row = positions(df["id"], nodes["id"])
        df = df[row >= 0].assign(node=row[row >= 0].astype(np.int32)).drop(columns=["id"])
        df = df.drop_duplicates().sort_values(["node", *cols], kind="stable").reset_index(drop=True)
        return df[["node", *cols]]


def _find_cycle(candidates: np.ndarray, src: np.ndarray, dst: np.ndarray) -> list[int]:
    """One cycle among the rows left over by Kahn's algorithm (child -> parent order)."""
    cand = set(candidates.tolist())
    parents = defaultdict(list)
    for s, d in zip(src.tolist(), dst.tolist()):
        if s in cand and d in cand:
            parents[s].append(d)
    start = min(cand)
    path, pos = [], {}
    v = start
    while v not in pos:
        pos[v] = len(path)
        path.append(v)
        v = parents[v][0]
    return path[pos[v]:]


def _categorise(kg: KnowledgeGraph) -> None:
    """Low-cardinality string columns as categoricals: smaller and faster to compare."""
    for col in ("type", "source"):
        kg.nodes[col] = kg.nodes[col].astype("category")
    for col in ("type", "source", "evidence", "aspect", "sex", "onset", "qualifier"):
        kg.edges[col] = kg.edges[col].astype("category")
    for col in ("scope", "kind"):
        kg.synonyms[col] = kg.synonyms[col].astype("category")
