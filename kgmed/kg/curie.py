"""CURIE normalisation: one spelling for every identifier kgmed stores or accepts.

Ontology files, mapping tables and users write the same identifier many ways
(``HP_0001250``, ``hp:0001250``, ``http://purl.obolibrary.org/obo/HP_0001250``;
``MIM:154700``, ``Orphanet:558``, ``ORDO:558``). :func:`normalize_curie` maps them all to the
canonical prefix and casing used in the KG:

>>> normalize_curie("http://purl.obolibrary.org/obo/HP_0001250")
'HP:0001250'
>>> normalize_curie("Orphanet:558")
'ORPHA:558'
>>> normalize_curie("MIM:PS154700")
'OMIMPS:154700'
"""

from __future__ import annotations

import re

from kgmed.errors import InputError
from kgmed.typing import Curie

__all__ = ["normalize_curie", "is_curie", "prefix_of", "CANONICAL_PREFIXES", "HPO_ID_RE"]

#: Canonical prefix for each lower-cased alias.
_PREFIX_ALIASES: dict[str, str] = {
    "hp": "HP",
    "hpo": "HP",
    "omim": "OMIM",
    "mim": "OMIM",
    "omimps": "OMIMPS",
    "orpha": "ORPHA",
    "orphanet": "ORPHA",
    "ordo": "ORPHA",
    "decipher": "DECIPHER",
    "mondo": "MONDO",
    "doid": "DOID",
    "symp": "SYMP",
    "maxo": "MAXO",
    "ncbigene": "NCBIGene",
    "entrez": "NCBIGene",
    "hgnc": "HGNC",
    "pmid": "PMID",
    "pubmed": "PMID",
    "icd10cm": "ICD10CM",
    "icd10": "ICD10CM",
    "umls": "UMLS",
    "umls_cui": "UMLS",
    "mesh": "MESH",
    "snomedct_us": "SNOMEDCT",
    "snomedct": "SNOMEDCT",
    "ncit": "NCIT",
    "nci": "NCIT",
    "gard": "GARD",
    "uberon": "UBERON",
    "chebi": "CHEBI",
    "go": "GO",
    "ro": "RO",
    "iao": "IAO",
    "eco": "ECO",
}

#: Prefixes kgmed knows (canonical spelling).
CANONICAL_PREFIXES: frozenset[str] = frozenset(_PREFIX_ALIASES.values())

#: Prefixes whose local part is a zero-padded 7-digit number in OBO ontologies.
_PADDED = {"HP": 7, "MONDO": 7, "SYMP": 7, "MAXO": 7, "UBERON": 7, "CHEBI": 0, "GO": 7}

_IRI_PATTERNS: tuple[tuple[re.Pattern[str], str | None], ...] = (
    (re.compile(r"^https?://purl\.obolibrary\.org/obo/([A-Za-z]+)_(\S+)$"), None),
    (re.compile(r"^https?://www\.orpha\.net/ORDO/Orphanet_(\S+)$"), "ORPHA"),
    (re.compile(r"^https?://omim\.org/entry/(\S+)$"), "OMIM"),
    (re.compile(r"^https?://identifiers\.org/([A-Za-z.]+)[:/](\S+)$"), None),
    (re.compile(r"^https?://(?:www\.ncbi\.nlm\.nih\.gov/pubmed|pubmed\.ncbi\.nlm\.nih\.gov)/(\d+)/?$"), "PMID"),
)

_CURIE_RE = re.compile(r"^\s*([A-Za-z][A-Za-z0-9_.\-]*)\s*[:_]\s*(\S+?)\s*$")

#: A well-formed HPO id in canonical form.
HPO_ID_RE = re.compile(r"^HP:\d{7}$")


def _canonical(prefix: str, local: str) -> Curie:
    low = prefix.lower()
    canon = _PREFIX_ALIASES.get(low)
    if canon is None:
        return f"{prefix}:{local}"
    if canon == "OMIM" and local.upper().startswith("PS"):
        return f"OMIMPS:{local[2:]}"
    if canon in ("OMIM", "OMIMPS", "ORPHA", "DECIPHER", "NCBIGene", "PMID") and not local.isdigit():
        # Tolerate stray spaces or a trailing punctuation mark, nothing else.
        stripped = local.strip().rstrip(".;,")
        if stripped.isdigit():
            local = stripped
    width = _PADDED.get(canon)
    if width and local.isdigit() and len(local) < width:
        local = local.zfill(width)
    return f"{canon}:{local}"


def normalize_curie(value: str, *, strict: bool = False) -> Curie:
    """Return the canonical CURIE for ``value``.

    Accepts CURIEs with any known prefix alias and either ``:`` or ``_`` as separator,
    and the usual IRIs (OBO PURLs, Orphanet, OMIM, identifiers.org, PubMed).

    Args:
        value: the identifier as written.
        strict: raise :class:`~kgmed.errors.InputError` when ``value`` is not a CURIE
            or IRI at all; otherwise return it stripped.

    Returns:
        The identifier with the canonical prefix (``HP``, ``OMIM``, ``ORPHA``, ``MONDO``,
        ``DOID``, ``NCBIGene``, ``PMID`` …) and a 7-digit local part for OBO ontologies.
    """
    if not isinstance(value, str):
        raise InputError(f"identifier must be a string, got {type(value).__name__}: {value!r}")
    text = value.strip()
    for pattern, prefix in _IRI_PATTERNS:
        m = pattern.match(text)
        if m:
            if prefix is None:
                return _canonical(m.group(1), m.group(2))
            return _canonical(prefix, m.group(1))
    m = _CURIE_RE.match(text)
    if m:
        return _canonical(m.group(1), m.group(2))
    if strict:
        raise InputError(
            f"{value!r} is not an identifier: expected a CURIE such as 'HP:0001250', "
            "'OMIM:154700' or 'ORPHA:558'"
        )
    return text


def is_curie(value: str) -> bool:
    """True when ``value`` looks like ``PREFIX:local`` (after stripping)."""
    return bool(_CURIE_RE.match(value.strip())) and ":" in value


def prefix_of(curie: Curie) -> str:
    """The prefix of a canonical CURIE (``"OMIM"`` for ``"OMIM:154700"``)."""
    return curie.split(":", 1)[0]
