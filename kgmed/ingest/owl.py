"""OWL / RDF ontologies through rdflib (the Symptom Ontology import ``symp_import.owl``).

Reads named ``owl:Class`` resources with the OBO-in-OWL annotation conventions:
``rdfs:label``, ``IAO:0000115`` (definition), ``oboInOwl:has{Exact,Related,Broad,Narrow}Synonym``,
``oboInOwl:hasDbXref``, ``oboInOwl:hasAlternativeId``, ``owl:deprecated``,
``IAO:0100001`` (term replaced by), and ``rdfs:subClassOf`` to a named class (``is_a``).
Anonymous superclasses (restrictions) are not part of the KG and are skipped.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from kgmed.errors import ParseError
from kgmed.ingest.fragment import Fragment, edge_frame, node_frame, pair_frame, synonym_frame
from kgmed.ingest.io import check_complete, read_bytes
from kgmed.kg.curie import normalize_curie

__all__ = ["read_owl"]

_OBO = "http://purl.obolibrary.org/obo/"
_OIO = "http://www.geneontology.org/formats/oboInOwl#"
_DATE_RE = re.compile(r"(\d{4}-\d{2}-\d{2})")
_FORMATS = {".owl": "xml", ".rdf": "xml", ".xml": "xml", ".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}


def read_owl(path: str | Path, *, source: str, node_type: str, id_prefixes: tuple[str, ...] | None = None,
             rdf_format: str | None = None) -> Fragment:
    """Read an OWL/RDF file into a :class:`Fragment` (see the module doc for the mapping)."""
    import rdflib
    from rdflib.namespace import OWL, RDF, RDFS

    path = Path(path)
    data = read_bytes(path)
    check_complete(data, path)
    suffix = path.suffix if path.suffix != ".gz" else Path(path.stem).suffix
    fmt = rdf_format or _FORMATS.get(suffix.lower(), "xml")
    g = rdflib.Graph()
    try:
        g.parse(data=data, format=fmt)
    except Exception as exc:  # SAX, turtle and JSON-LD parsers raise their own types
        line = None
        if hasattr(exc, "getLineNumber"):
            line = exc.getLineNumber()
        else:
            m = re.search(r"line (\d+)", str(exc))
            line = int(m.group(1)) if m else None
        raise ParseError(path, line, f"invalid {fmt} RDF: {exc}") from None

    iao_def = rdflib.URIRef(_OBO + "IAO_0000115")
    iao_repl = rdflib.URIRef(_OBO + "IAO_0100001")
    scopes = {
        rdflib.URIRef(_OIO + "hasExactSynonym"): "EXACT",
        rdflib.URIRef(_OIO + "hasRelatedSynonym"): "RELATED",
        rdflib.URIRef(_OIO + "hasBroadSynonym"): "BROAD",
        rdflib.URIRef(_OIO + "hasNarrowSynonym"): "NARROW",
    }
    xref_p = rdflib.URIRef(_OIO + "hasDbXref")
    alt_p = rdflib.URIRef(_OIO + "hasAlternativeId")

    release = None
    for onto in g.subjects(RDF.type, OWL.Ontology):
        for p in (OWL.versionIRI, OWL.versionInfo):
            v = g.value(onto, p)
            if v is not None:
                m = _DATE_RE.search(str(v))
                if m:
                    release = m.group(1)
                    break
        if release:
            break
    for onto in g.subjects(RDF.type, OWL.Ontology):
        comment = g.value(onto, RDFS.comment)
        m = _DATE_RE.search(str(comment or ""))
        if m:  # "Sourced from .../symp/releases/2024-05-17/symp.owl": the imported release
            release = m.group(1)

    nodes, syns, xrefs, alts, edges = [], [], [], [], []
    skipped: Counter = Counter()
    for cls in set(g.subjects(RDF.type, OWL.Class)):
        if not isinstance(cls, rdflib.URIRef):
            continue
        curie = normalize_curie(str(cls))
        if id_prefixes and curie.split(":", 1)[0] not in id_prefixes:
            skipped[f"class outside {'/'.join(id_prefixes)}"] += 1
            continue
        label = g.value(cls, RDFS.label)
        definition = g.value(cls, iao_def)
        deprecated = g.value(cls, OWL.deprecated)
        repl = g.value(cls, iao_repl)
        nodes.append(
            dict(
                id=curie,
                label=str(label or ""),
                definition=str(definition or ""),
                obsolete=str(deprecated).lower() == "true" if deprecated is not None else False,
                replaced_by=normalize_curie(str(repl)) if repl is not None else "",
            )
        )
        for pred, scope in scopes.items():
            for s in g.objects(cls, pred):
                syns.append((curie, str(s), scope, ""))
        for x in g.objects(cls, xref_p):
            xrefs.append((curie, normalize_curie(str(x))))
        for a in g.objects(cls, alt_p):
            alts.append((curie, normalize_curie(str(a))))
        for parent in g.objects(cls, RDFS.subClassOf):
            if isinstance(parent, rdflib.URIRef):
                edges.append({"subject": curie, "object": normalize_curie(str(parent)), "type": "is_a"})
            else:
                skipped["anonymous superclass (OWL restriction)"] += 1
    nodes.sort(key=lambda r: r["id"])
    nf = node_frame(nodes)
    nf["type"] = node_type
    return Fragment(
        source=source,
        release=release,
        nodes=nf,
        edges=edge_frame(sorted(edges, key=lambda r: (r["subject"], r["object"]))),
        synonyms=synonym_frame(sorted(syns)),
        xrefs=pair_frame(sorted(xrefs)),
        alt_ids=pair_frame(sorted(alts)),
        skipped=skipped,
    )
