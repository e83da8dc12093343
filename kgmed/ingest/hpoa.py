"""Readers for the HPO annotation files: ``phenotype.hpoa`` and ``genes_to_phenotype.txt``.

``phenotype.hpoa`` (HPOA format, 2021+) has one disease–phenotype annotation per line:
``database_id, disease_name, qualifier, hpo_id, reference, evidence, onset, frequency, sex,
modifier, aspect, biocuration``. The frequency comes in three forms, all parsed to a
fraction of patients (:func:`parse_frequency`): an HPO frequency term (``HP:0040281`` →
0.895, the midpoint of 80–99 %), a count ``n/m``, or a percentage ``x%``. The qualifier
``NOT`` makes a :code:`not_has_phenotype` edge; aspect ``I`` (inheritance) a
:code:`has_inheritance` edge; every other aspect a :code:`has_phenotype` edge with the
aspect kept as an attribute.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from kgmed.ingest.fragment import Fragment, edge_frame, node_frame
from kgmed.ingest.tables import read_table
from kgmed.kg.schema import HPO_FREQUENCY_TERMS

__all__ = ["read_hpoa", "read_genes_to_phenotype", "parse_frequency"]

HPOA_COLUMNS = (
    "database_id", "disease_name", "qualifier", "hpo_id", "reference", "evidence",
    "onset", "frequency", "sex", "modifier", "aspect", "biocuration",
)
_DISEASE_ID = r"(?:OMIM|ORPHA|DECIPHER|MONDO):[0-9]+"
_HPO = r"HP:\d{7}"
_FREQ_RE = re.compile(r"^\s*(?:(HP:\d{7})|(\d+)\s*/\s*(\d+)|(\d+(?:\.\d+)?)\s*%)\s*$")
_VERSION_RE = re.compile(r"(\d{4}-\d{2}-\d{2})")


def parse_frequency(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Parse HPOA frequency strings into fractions.

    Returns:
        ``(fractions, ok)``: float32 fractions (NaN for an empty cell) and a boolean mask,
        False where the value is not one of the three valid forms (unknown HPO frequency
        term, ``n/m`` with ``m = 0`` or ``n > m``, a percentage above 100).

    >>> f, ok = parse_frequency(pd.Series(["HP:0040281", "3/4", "40%", ""]))
    >>> [round(float(x), 3) for x in f[:3]], bool(np.isnan(f[3])), bool(ok.all())
    ([0.895, 0.75, 0.4], True, True)
    """
    codes, uniques = pd.factorize(values.astype(str))
    u_val = np.full(len(uniques), np.nan, dtype=np.float32)
    u_ok = np.zeros(len(uniques), dtype=bool)
    for i, text in enumerate(uniques):  # a few thousand distinct values at most
        u_val[i], u_ok[i] = _parse_one_frequency(text)
    return u_val[codes], u_ok[codes]


def _parse_one_frequency(text: str) -> tuple[float, bool]:
    if not text.strip():
        return np.nan, True
    m = _FREQ_RE.match(text)
    if not m:
        return np.nan, False
    term, num, den, pct = m.groups()
    if term:
        hit = HPO_FREQUENCY_TERMS.get(term)
        return (hit[1], True) if hit else (np.nan, False)
    if num is not None:
        n, d = float(num), float(den)
        return (n / d, True) if 0 < d and n <= d else (np.nan, False)
    p = float(pct)
    return (p / 100.0, True) if p <= 100 else (np.nan, False)


def _normalize_references(refs: pd.Series) -> pd.Series:
    """``;``-joined references with spaces removed and PubMed ids as ``PMID:n``."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(refs.to_numpy(dtype=object), type=pa.string())
    needs = pc.match_substring_regex(arr, r"\s|(?i)pmid:\s*\d|(?:pubmed|Pmid|pmid):")
    if not pc.any(needs).as_py():
        return refs
    arr = pc.replace_substring_regex(arr, r"\s*;\s*", ";")
    arr = pc.replace_substring_regex(arr, r"(?i)pmid:\s*", "PMID:")
    arr = pc.utf8_trim_whitespace(arr)
    return pd.Series(arr.to_pylist(), index=refs.index, dtype=str)


def read_hpoa(path: str | Path, *, source: str = "hpo") -> Fragment:
    """Read ``phenotype.hpoa`` into disease nodes and disease→phenotype edges.

    Malformed lines (wrong column count, an id of the wrong shape, an unparseable
    frequency, an unknown aspect or qualifier) raise :class:`~kgmed.errors.ParseError`
    with the line. Well-formed HPO ids that the ontology lacks are resolved (or counted as
    skipped) by the builder.
    """
    table = read_table(path, required=HPOA_COLUMNS)
    df = table.frame
    release = None
    for line in table.metadata:
        if line.startswith(("version:", "date:")):
            m = _VERSION_RE.search(line)
            release = m.group(1) if m else line.split(":", 1)[1].strip()
    table.require_match("database_id", _DISEASE_ID, what="a disease id such as OMIM:154700 or ORPHA:558")
    table.require_match("hpo_id", _HPO, what="an HPO id such as HP:0001250")
    table.require_match("qualifier", "NOT", allow_empty=True, what="empty or NOT")
    table.require_match("aspect", "[PICMH]", what="one of P, I, C, M, H")
    table.require_match("onset", _HPO, allow_empty=True, what="an HPO onset term or empty")
    table.require_match("modifier", f"{_HPO}(?:;{_HPO})*", allow_empty=True, what="HPO modifier terms")
    table.require_match("sex", "(?i)male|female", allow_empty=True, what="MALE, FEMALE or empty")
    freq, ok = parse_frequency(df["frequency"])
    if not ok.all():
        i = int(np.flatnonzero(~ok)[0])
        raise table.fail(
            i,
            f"column 'frequency' has {df['frequency'].iloc[i]!r}, expected an HPO frequency term "
            "(HP:0040280-HP:0040285), n/m with 0 < m and n <= m, or a percentage x%",
        )

    diseases = df.drop_duplicates("database_id")[["database_id", "disease_name"]]
    nodes = node_frame(
        pd.DataFrame({"id": diseases["database_id"], "label": diseases["disease_name"]}), type="disease"
    )
    nodes["type"] = "disease"

    etype = np.where(
        df["qualifier"].to_numpy() == "NOT", "not_has_phenotype",
        np.where(df["aspect"].to_numpy() == "I", "has_inheritance", "has_phenotype"),
    )
    edges = edge_frame(
        pd.DataFrame(
            {
                "subject": df["database_id"],
                "object": df["hpo_id"],
                "type": etype,
                "frequency": freq,
                "frequency_raw": df["frequency"],
                "onset": df["onset"],
                "sex": df["sex"].str.lower(),
                "modifier": df["modifier"],
                "evidence": df["evidence"],
                "aspect": df["aspect"],
                "references": _normalize_references(df["reference"]),
                "qualifier": df["qualifier"],
            }
        )
    )
    return Fragment(source=source, release=release, nodes=nodes, edges=edges, skipped=Counter())


G2P_COLUMNS = ("ncbi_gene_id", "gene_symbol", "hpo_id", "hpo_name", "frequency", "disease_id")


def read_genes_to_phenotype(path: str | Path, *, source: str = "hpo") -> Fragment:
    """Read ``genes_to_phenotype.txt`` into gene nodes and disease→gene edges.

    Each distinct (disease, gene) pair becomes one ``associated_gene`` edge; the
    gene–phenotype rows themselves are derived from the disease annotations and are not
    duplicated in the KG.
    """
    table = read_table(path, required=G2P_COLUMNS)
    table.require_match("ncbi_gene_id", r"\d+", what="an NCBI Gene number")
    table.require_match("disease_id", _DISEASE_ID, what="a disease id such as OMIM:154700")
    df = table.frame
    genes = df.drop_duplicates("ncbi_gene_id")
    nodes = node_frame(
        pd.DataFrame({"id": "NCBIGene:" + genes["ncbi_gene_id"], "label": genes["gene_symbol"]}),
        type="gene",
    )
    nodes["type"] = "gene"
    pairs = df.drop_duplicates(["disease_id", "ncbi_gene_id"])
    edges = edge_frame(
        pd.DataFrame(
            {
                "subject": pairs["disease_id"],
                "object": "NCBIGene:" + pairs["ncbi_gene_id"],
                "type": "associated_gene",
            }
        )
    )
    return Fragment(source=source, nodes=nodes, edges=edges)
