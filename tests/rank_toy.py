"""A tiny hand-drawn ontology and three diseases, for exact IC / Resnik / LR arithmetic.

::

    HP:0000001 All
     └── HP:0000118 Phenotypic abnormality
          ├── HP:0000100 Organ A                 D3 (0.9)
          │    ├── HP:0000110 A1
          │    │    └── HP:0000111 A1a           D1 (1.0)
          │    └── HP:0000120 A2                 D2 (no frequency)
          └── HP:0000200 Organ B
               └── HP:0000210 B1                 D1 (0.5), D2 (0.17), D3 NOT

Diseases: OMIM:1 (D1), OMIM:2 (D2), ORPHA:3 (D3).
"""

from __future__ import annotations

import math

TERMS = {
    "HP:0000001": ("All", None),
    "HP:0000118": ("Phenotypic abnormality", "HP:0000001"),
    "HP:0000100": ("Organ A", "HP:0000118"),
    "HP:0000110": ("A1", "HP:0000100"),
    "HP:0000111": ("A1a", "HP:0000110"),
    "HP:0000120": ("A2", "HP:0000100"),
    "HP:0000200": ("Organ B", "HP:0000118"),
    "HP:0000210": ("B1", "HP:0000200"),
}
DISEASES = {"OMIM:1": "Disease one", "OMIM:2": "Disease two", "ORPHA:3": "Disease three"}
ANNOTATIONS = [  # disease, term, frequency, raw, references
    ("OMIM:1", "HP:0000111", 1.0, "HP:0040280", "PMID:101;OMIM:1"),
    ("OMIM:1", "HP:0000210", 0.5, "1/2", "PMID:102"),
    ("OMIM:2", "HP:0000120", float("nan"), "", "OMIM:2"),
    ("OMIM:2", "HP:0000210", 0.17, "HP:0040283", "PMID:201"),
    ("ORPHA:3", "HP:0000100", 0.9, "HP:0040281", "ORPHA:3"),
]
NOTS = [("ORPHA:3", "HP:0000210")]

LOG3, LOG15 = math.log(3), math.log(1.5)


def build_toy_kg(same_as: tuple[tuple[str, str], ...] = ()):
    from kgmed.ingest.fragment import Fragment, edge_frame, node_frame
    from kgmed.kg.builder import KGBuilder

    nodes = [{"id": t, "type": "phenotype", "label": lab} for t, (lab, _) in TERMS.items()]
    nodes += [{"id": d, "type": "disease", "label": lab} for d, lab in DISEASES.items()]
    edges = [{"subject": t, "object": p, "type": "is_a"} for t, (_, p) in TERMS.items() if p]
    edges += [{"subject": d, "object": t, "type": "has_phenotype", "frequency": f, "frequency_raw": raw,
               "references": refs, "aspect": "P", "evidence": "PCS"} for d, t, f, raw, refs in ANNOTATIONS]
    edges += [{"subject": d, "object": t, "type": "not_has_phenotype", "aspect": "P", "references": d,
               "qualifier": "NOT"} for d, t in NOTS]
    edges += [{"subject": a, "object": b, "type": "same_as"} for a, b in same_as]
    kg = KGBuilder().add(Fragment(source="toy", release="1", nodes=node_frame(nodes), edges=edge_frame(edges))).build()
    kg.meta["key"] = "toy-kg-for-tests" + ("-merged" if same_as else "")
    return kg
