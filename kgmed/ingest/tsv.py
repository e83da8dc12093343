"""Plain TSV tables described by a manifest's schema mapping (DO reports, MAxO, …).

The ``options`` of a ``reader: tsv`` file say how columns become KG records:

.. code-block:: yaml

    options:
      quoted: true                     # values are in double quotes
      nodes: {id: id, label: label, type: disease}            # one node per row
      is_a: {column: subClassOf, by: label}                   # parent by id or by label
      edges:
        subject: {column: disease_id, type: disease, label: disease_label}
        object:  {column: maxo_id, type: medical_action, label: maxo_name, create: true}
        type: {column: relation, map: {treats: treated_by}, default: medical_action}
        references: source_id          # a column
        evidence: evidence
        qualifier: [relation, hpo_id]  # several columns, joined by a space
        # or a literal: qualifier: {value: DO xref}

``create: false`` on an endpoint links only to nodes another source defines (an
unknown id is then counted as skipped by the builder, not invented).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from kgmed.errors import SourceError
from kgmed.ingest.fragment import Fragment, edge_frame, node_frame
from kgmed.ingest.tables import Table, read_table
from kgmed.kg.curie import normalize_curie
from kgmed.kg.schema import EDGE_TYPES, NODE_TYPES

__all__ = ["read_tsv", "normalize_ids"]

_CURIE_SHAPE = r"[A-Za-z][A-Za-z0-9_.\-]*[:_]\S+"
_EDGE_ATTRS = ("frequency_raw", "onset", "sex", "modifier", "evidence", "aspect", "references", "qualifier")
_DATE_RE = re.compile(r"(\d{4}-\d{2}-\d{2})")


def normalize_ids(values: pd.Series) -> pd.Series:
    """:func:`~kgmed.kg.curie.normalize_curie` over a column (once per distinct value)."""
    codes, uniques = pd.factorize(values)
    canon = np.array([normalize_curie(u) for u in uniques], dtype=object)
    return pd.Series(canon[codes] if len(codes) else [], index=values.index, dtype=str)


def _column(table: Table, spec, what: str) -> pd.Series:
    df = table.frame
    if isinstance(spec, dict) and "value" in spec:
        return pd.Series(str(spec["value"]), index=df.index, dtype=str)
    cols = spec if isinstance(spec, list) else [spec]
    for c in cols:
        if c not in df.columns:
            raise SourceError(
                f"{table.path.name}: the manifest maps {what} to column {c!r}, but the header has {list(df.columns)}"
            )
    out = df[cols[0]]
    for c in cols[1:]:
        out = (out + " " + df[c]).str.strip()
    return out


def _endpoint(table: Table, spec: dict, role: str):
    if not isinstance(spec, dict) or "column" not in spec or "type" not in spec:
        raise SourceError(f"{table.path.name}: edges.{role} needs 'column' and 'type'")
    if spec["type"] not in NODE_TYPES:
        raise SourceError(f"{table.path.name}: edges.{role}.type {spec['type']!r} is not one of {', '.join(NODE_TYPES)}")
    _column(table, spec["column"], f"edges.{role}.column")  # exists?
    pattern = _CURIE_SHAPE
    if spec.get("split"):
        sep = re.escape(spec["split"])
        pattern = rf"{_CURIE_SHAPE}(?:\s*{sep}\s*{_CURIE_SHAPE})*"
    table.require_match(spec["column"], pattern, what="an identifier such as DOID:1234 or MAXO:0000088"
                        + (f" (several separated by {spec['split']!r})" if spec.get("split") else ""))
    ids = normalize_ids(table.frame[spec["column"]])
    labels = table.frame[spec["label"]] if spec.get("label") else pd.Series("", index=ids.index)
    return ids, labels, spec["type"], bool(spec.get("create", True))


def read_tsv(path: str | Path, *, source: str, quoted: bool = False, nodes: dict | None = None,
             is_a: dict | None = None, edges: dict | None = None, release: str | None = None) -> Fragment:
    """Read a TSV file according to a manifest's schema mapping (see the module doc)."""
    if not (nodes or edges):
        raise SourceError(f"{Path(path).name}: a tsv reader needs 'nodes' or 'edges' in its options")
    table = read_table(path, quoted=quoted)
    if release is None:
        for line in table.metadata:
            m = _DATE_RE.search(line)
            if "version" in line and m:
                release = m.group(1)
    node_frames, edge_frames = [], []
    skipped: Counter = Counter()
    df = table.frame

    if nodes:
        if nodes.get("type") not in NODE_TYPES:
            raise SourceError(f"{table.path.name}: nodes.type must be one of {', '.join(NODE_TYPES)}")
        _column(table, nodes["id"], "nodes.id")
        table.require_match(nodes["id"], _CURIE_SHAPE, what="an identifier such as DOID:1234")
        ids = normalize_ids(df[nodes["id"]])
        label = _column(table, nodes["label"], "nodes.label") if nodes.get("label") else ""
        definition = _column(table, nodes["definition"], "nodes.definition") if nodes.get("definition") else ""
        nf = node_frame(pd.DataFrame({"id": ids, "label": label, "definition": definition}))
        nf["type"] = nodes["type"]
        nf = nf.drop_duplicates("id")
        node_frames.append(nf)
        if is_a:
            parent = _column(table, is_a["column"], "is_a.column")
            if is_a.get("by", "id") == "label":
                by_label = nf.drop_duplicates("label", keep=False).set_index("label")["id"]
                ambiguous = set(nf["label"][nf["label"].duplicated()])
                pid = parent.map(by_label)
                missing = pid.isna() & (parent != "") & ~parent.isin(ambiguous)
                skipped.update({
                    "is_a parent label names several terms": int(parent.isin(ambiguous).sum()),
                    "is_a parent label not found in the file": int(missing.sum()),
                })
                skipped = +skipped  # drop zero counts
                ok = pid.notna()
                edge_frames.append(edge_frame(pd.DataFrame({"subject": ids[ok], "object": pid[ok], "type": "is_a"})))
            else:
                ok = parent != ""
                edge_frames.append(edge_frame(pd.DataFrame(
                    {"subject": ids[ok], "object": normalize_ids(parent[ok]), "type": "is_a"})))

    if edges:
        for role in ("subject", "object"):
            spec = edges.get(role) or {}
            if isinstance(spec, dict) and spec.get("split") and spec.get("column") in df.columns:
                col = spec["column"]
                df = df.assign(**{col: df[col].str.split(spec["split"])}).explode(col)
                df[col] = df[col].str.strip()
                # Keep each exploded row pointing at its original line for error messages.
                table = Table(df.reset_index(drop=True), table.path, table.first_line, table.metadata)
                df = table.frame
        s_ids, s_lab, s_type, s_create = _endpoint(table, edges.get("subject"), "subject")
        o_ids, o_lab, o_type, o_create = _endpoint(table, edges.get("object"), "object")
        etype = edges.get("type")
        if isinstance(etype, dict):
            raw = _column(table, etype["column"], "edges.type")
            mapping = etype.get("map", {})
            types = raw.map(mapping).fillna(etype.get("default", "")).astype(str)
            if (types == "").any():
                i = int(np.flatnonzero((types == "").to_numpy())[0])
                raise table.fail(i, f"column {etype['column']!r} has {raw.iloc[i]!r}, which the manifest maps to no edge type")
        else:
            types = pd.Series(etype, index=df.index, dtype=str)
        bad = sorted(set(types) - set(EDGE_TYPES))
        if bad:
            raise SourceError(f"{table.path.name}: edge type(s) {bad} are not in the schema ({', '.join(EDGE_TYPES)})")
        cols = {"subject": s_ids, "object": o_ids, "type": types}
        for attr in _EDGE_ATTRS:
            if attr in edges:
                cols[attr] = _column(table, edges[attr], f"edges.{attr}")
        if "frequency" in edges:
            cols["frequency"] = pd.to_numeric(_column(table, edges["frequency"], "edges.frequency"), errors="coerce")
        e = edge_frame(pd.DataFrame(cols))
        if "references" in cols:
            e["references"] = e["references"].str.replace(r"(?i)^pmid:\s*", "PMID:", regex=True)
        edge_frames.append(e)
        for ids, lab, typ, create in ((s_ids, s_lab, s_type, s_create), (o_ids, o_lab, o_type, o_create)):
            if create:
                nf = node_frame(pd.DataFrame({"id": ids, "label": lab}).drop_duplicates("id"), primary=False)
                nf["type"] = typ
                nf["primary"] = False
                node_frames.append(nf)

    return Fragment(
        source=source,
        release=release,
        nodes=pd.concat(node_frames, ignore_index=True) if node_frames else node_frame(),
        edges=pd.concat(edge_frames, ignore_index=True) if edge_frames else edge_frame(),
        skipped=skipped,
    )
