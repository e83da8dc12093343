"""SSSOM mapping tables (Mondo ``mondo_exactmatch_*.sssom.tsv``) as ``same_as`` edges.

Each row maps ``subject_id`` to ``object_id`` with a SKOS predicate. Exact matches become
``same_as`` edges (with the mapping justification as qualifier), so that equivalent
diseases from OMIM, Orphanet, DO and Mondo fall into one equivalence cluster while every
original id stays a node of its own. Other predicates, and mappings from terms Mondo has
made obsolete, are skipped and counted.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pandas as pd

from kgmed.ingest.fragment import Fragment, edge_frame, node_frame
from kgmed.ingest.tables import read_table
from kgmed.ingest.tsv import normalize_ids

__all__ = ["read_sssom"]

SSSOM_COLUMNS = ("subject_id", "predicate_id", "object_id")
_DATE_RE = re.compile(r"(\d{4}-\d{2}-\d{2})")
_CURIE_SHAPE = r"[A-Za-z][A-Za-z0-9_.\-]*:\S+"


def read_sssom(path: str | Path, *, source: str, node_type: str = "disease",
               predicates: tuple[str, ...] = ("skos:exactMatch",)) -> Fragment:
    """Read an SSSOM TSV (with its ``#`` YAML metadata header)."""
    import yaml

    table = read_table(path, required=SSSOM_COLUMNS)
    release = None
    if table.metadata:
        try:
            meta = yaml.safe_load("\n".join(table.metadata)) or {}
        except yaml.YAMLError:
            meta = {}
        version = str(meta.get("mapping_set_version", "") or meta.get("mapping_date", ""))
        m = _DATE_RE.search(version)
        release = m.group(1) if m else (version or None)
    table.require_match("subject_id", _CURIE_SHAPE, what="a CURIE such as MONDO:0007947")
    table.require_match("object_id", _CURIE_SHAPE, what="a CURIE such as OMIM:154700")
    df = table.frame
    skipped: Counter = Counter()
    keep = df["predicate_id"].isin(predicates)
    for pred, n in df["predicate_id"][~keep].value_counts().items():
        skipped[f"mapping predicate {pred} (not an exact match)"] += int(n)
    labels = df["subject_label"] if "subject_label" in df else pd.Series("", index=df.index)
    obsolete = labels.str.lower().str.startswith("obsolete")
    skipped["mapping from an obsolete term"] += int((keep & obsolete).sum())
    keep &= ~obsolete
    df = df[keep]
    subj = normalize_ids(df["subject_id"])
    obj = normalize_ids(df["object_id"])
    nodes = []
    for ids, lab_col in ((subj, "subject_label"), (obj, "object_label")):
        lab = df[lab_col] if lab_col in df else ""
        nf = node_frame(pd.DataFrame({"id": ids, "label": lab}).drop_duplicates("id"), primary=False)
        nf["type"] = node_type
        nf["primary"] = False
        nodes.append(nf)
    just = df["mapping_justification"] if "mapping_justification" in df else ""
    edges = edge_frame(pd.DataFrame({"subject": subj, "object": obj, "type": "same_as", "qualifier": just}))
    return Fragment(source=source, release=release, nodes=pd.concat(nodes, ignore_index=True),
                    edges=edges, skipped=skipped)
