"""The KG schema: node and edge kinds, their columns, and the HPO vocabularies they use.

The knowledge graph is *typed*: every node has one :data:`NODE_TYPES` kind and every edge
one :data:`EDGE_TYPES` kind, with a fixed (source kind, target kind) signature where the
relation implies one. Readers map their formats onto this schema; nothing else in kgmed
invents node or edge kinds.

Columns of the canonical tables (see :class:`kgmed.kg.KnowledgeGraph`):

``nodes``
    ``id`` (canonical CURIE), ``type``, ``label``, ``definition``, ``obsolete`` (bool),
    ``replaced_by`` (CURIE or empty), ``source`` (the source that defined the node).
``synonyms``
    ``node`` (row in ``nodes``), ``text``, ``scope`` (EXACT/RELATED/BROAD/NARROW),
    ``kind`` (synonym type: ``layperson``, ``abbreviation``, ``plural_form``,
    ``uk_spelling``, ``obsolete_synonym`` …, or empty).
``xrefs`` / ``alt_ids``
    ``node``, ``value`` (CURIE).
``edges``
    ``src``, ``dst`` (rows in ``nodes``), ``type``, ``source`` (source name; its release is
    in the KG's ``sources``), ``frequency`` (float in [0, 1] or NaN), ``frequency_raw`` (as
    written: ``HP:0040281``, ``3/7``, ``40%``), ``onset`` (HPO onset term), ``sex``,
    ``modifier`` (``;``-joined HPO terms), ``evidence`` (IEA/PCS/TAS/…), ``aspect``
    (HPOA aspect P/I/C/M/H), ``references`` (``;``-joined CURIEs: PMIDs, OMIM, …),
    ``qualifier`` (free relation detail, e.g. a MAxO relation or mapping justification).
"""

from __future__ import annotations

from kgmed.typing import EdgeType, NodeType

__all__ = [
    "NODE_TYPES",
    "EDGE_TYPES",
    "EDGE_SIGNATURES",
    "SYNONYM_SCOPES",
    "NODE_COLUMNS",
    "EDGE_COLUMNS",
    "HPO_FREQUENCY_TERMS",
    "HPO_ROOT",
    "PHENOTYPIC_ABNORMALITY",
    "INHERITANCE_ROOT",
    "ONSET_ROOT",
    "FREQUENCY_ROOT",
    "DISEASE_PREFIXES",
    "SCHEMA_VERSION",
]

#: Bumped whenever the stored table layout changes; part of every cache key.
SCHEMA_VERSION = 1

NODE_TYPES: tuple[NodeType, ...] = (
    "phenotype",  # HPO terms (phenotypic abnormality, inheritance, onset, frequency, …)
    "disease",  # OMIM, ORPHA, DECIPHER, MONDO, DOID
    "gene",  # NCBIGene
    "symptom",  # SYMP
    "medical_action",  # MAXO
    "publication",  # reserved for future use; references stay edge attributes
)

EDGE_TYPES: tuple[EdgeType, ...] = (
    "is_a",  # child -> parent, within one node type
    "has_phenotype",  # disease -> phenotype (HPOA aspect P/C/M/H)
    "not_has_phenotype",  # disease -> phenotype, HPOA qualifier NOT
    "has_inheritance",  # disease -> phenotype (HPOA aspect I)
    "associated_gene",  # disease -> gene
    "has_symptom",  # disease -> symptom (DO)
    "treated_by",  # disease -> medical_action (MAxO "treats")
    "prevented_by",  # disease -> medical_action (MAxO "prevents")
    "medical_action",  # disease -> medical_action, any other MAxO relation (in qualifier)
    "observable_through",  # phenotype -> medical_action (MAxO diagnostic annotations)
    "same_as",  # equivalent concepts across sources (exact mappings, xrefs)
)

#: (source node type, target node type) each edge kind must connect; ``None`` = any.
EDGE_SIGNATURES: dict[EdgeType, tuple[NodeType, NodeType] | None] = {
    "is_a": None,
    "has_phenotype": ("disease", "phenotype"),
    "not_has_phenotype": ("disease", "phenotype"),
    "has_inheritance": ("disease", "phenotype"),
    "associated_gene": ("disease", "gene"),
    "has_symptom": ("disease", "symptom"),
    "treated_by": ("disease", "medical_action"),
    "prevented_by": ("disease", "medical_action"),
    "medical_action": ("disease", "medical_action"),
    "observable_through": ("phenotype", "medical_action"),
    "same_as": None,
}

SYNONYM_SCOPES: tuple[str, ...] = ("EXACT", "RELATED", "BROAD", "NARROW")

NODE_COLUMNS: tuple[str, ...] = (
    "id", "type", "label", "definition", "obsolete", "replaced_by", "source",
)

EDGE_COLUMNS: tuple[str, ...] = (
    "src", "dst", "type", "source", "frequency", "frequency_raw", "onset", "sex",
    "modifier", "evidence", "aspect", "references", "qualifier",
)

#: HPO frequency terms and the point estimate of the fraction of patients they stand for:
#: the midpoint of the range the term defines (as LIRICAL does). ``Excluded`` is 0.
HPO_FREQUENCY_TERMS: dict[str, tuple[str, float]] = {
    "HP:0040280": ("Obligate", 1.0),  # 100%
    "HP:0040281": ("Very frequent", 0.895),  # 80-99%
    "HP:0040282": ("Frequent", 0.545),  # 30-79%
    "HP:0040283": ("Occasional", 0.17),  # 5-29%
    "HP:0040284": ("Very rare", 0.025),  # 1-4%
    "HP:0040285": ("Excluded", 0.0),  # 0%
}

HPO_ROOT = "HP:0000001"
PHENOTYPIC_ABNORMALITY = "HP:0000118"
INHERITANCE_ROOT = "HP:0000005"
ONSET_ROOT = "HP:0003674"
FREQUENCY_ROOT = "HP:0040279"

#: Prefixes of disease identifiers that phenotype annotations use.
DISEASE_PREFIXES: tuple[str, ...] = ("OMIM", "ORPHA", "DECIPHER", "MONDO", "DOID", "OMIMPS")
