"""Each reader on real files and on broken ones: clear errors naming file and line."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kgmed.errors import ParseError, SourceError
from kgmed.ingest.hpoa import parse_frequency, read_genes_to_phenotype, read_hpoa
from kgmed.ingest.obo import read_obo
from kgmed.ingest.owl import read_owl
from kgmed.ingest.sources import get_source
from kgmed.ingest.sssom import read_sssom
from kgmed.ingest.tsv import read_tsv
from kgmed.kg.builder import CycleError, KGBuilder

HPO = get_source("hpo")


def hpo_file(name: str) -> Path:
    return next(f for f in HPO.files if f.name == name).package_path()


HPOA_HEADER = (
    "#description: test\n#version: 2025-01-16\n"
    "database_id\tdisease_name\tqualifier\thpo_id\treference\tevidence\tonset\tfrequency\tsex\tmodifier\taspect\tbiocuration\n"
)


def hpoa_line(freq="", qualifier="", aspect="P", hpo="HP:0001250", disease="OMIM:154700", onset="", ref="PMID:1"):
    return f"{disease}\tMarfan syndrome\t{qualifier}\t{hpo}\t{ref}\tPCS\t{onset}\t{freq}\t\t\t{aspect}\tHPO:x[2020-01-01]\n"


# ----------------------------------------------------------------------- OBO
def test_obo_real_hpo_terms():
    frag = read_obo(hpo_file("hp.obo"), source="hpo", node_type="phenotype")
    assert frag.release == "2025-01-16"
    assert len(frag.nodes) > 19_000
    seizure = frag.nodes.set_index("id").loc["HP:0001250"]
    assert seizure["label"] == "Seizure"
    kinds = set(frag.synonyms["kind"])
    assert {"layperson", "plural_form", "uk_spelling", "abbreviation"} <= kinds
    assert set(frag.synonyms["scope"]) <= {"EXACT", "RELATED", "BROAD", "NARROW"}
    assert frag.nodes["obsolete"].sum() > 100


def test_obo_real_do_slim(shared_data):
    frag = read_obo(shared_data / "doid" / "DO_CFDE_slim.obo", source="doid", node_type="disease")
    assert len(frag.nodes) == 44 and len(frag.edges) == 23
    assert frag.release == "2026-07-31"
    assert (frag.edges["type"] == "is_a").all()


def test_obo_syntax_error_names_line(tmp_path):
    src = hpo_file("hp.obo").read_text().splitlines(keepends=True)[:60]
    bad = tmp_path / "bad.obo"
    bad.write_text("".join(src) + "[Term]\nid: HP:9999999\nname: x\nis_a HP:0000001\n")
    with pytest.raises(ParseError, match=r"bad\.obo, line 6[0-9]: OBO syntax error"):
        read_obo(bad, source="hpo", node_type="phenotype")


def test_obo_truncated_file(tmp_path):
    data = hpo_file("hp.obo").read_bytes()[:200_000]
    bad = tmp_path / "truncated.obo"
    bad.write_bytes(data)
    with pytest.raises(ParseError, match=r"truncated\.obo, line \d+"):
        read_obo(bad, source="hpo", node_type="phenotype")


def test_obo_cut_at_line_end_is_caught_by_checksum(tmp_path, kgmed_home):
    """A file cut exactly at a line end parses; the manifest checksum catches it."""
    from kgmed.ingest.pipeline import build_kg

    data = hpo_file("hp.obo").read_bytes()
    cut = data[: data.index(b"\n[Term]", 5_000_000) + 1]
    bad = tmp_path / "hp.obo"
    bad.write_bytes(cut)
    copy = tmp_path / "data"
    copy.mkdir()
    manifest = tmp_path / "hpo-local.yaml"
    manifest.write_text(
        "name: hpo-local\nversion: '2025-01-16'\nfiles:\n"
        f"  - {{name: hp.obo, reader: obo, local: hp.obo, sha256: {HPO.files[0].package_sha256}, "
        "options: {node_type: phenotype}}\n"
    )
    with pytest.raises(SourceError, match="differs from the hpo-local manifest"):
        build_kg([manifest], data_dir=tmp_path)


def test_gzipped_and_empty_files(tmp_path, shared_data):
    gz = tmp_path / "slim.obo.gz"
    gz.write_bytes(gzip.compress((shared_data / "doid" / "DO_CFDE_slim.obo").read_bytes()))
    assert len(read_obo(gz, source="doid", node_type="disease").nodes) == 44
    broken = tmp_path / "broken.obo"
    broken.write_bytes(gzip.compress(b"format-version: 1.2\n" * 100)[:40])
    with pytest.raises(ParseError, match="cannot decompress"):
        read_obo(broken, source="doid", node_type="disease")
    empty = tmp_path / "empty.obo"
    empty.write_text("")
    with pytest.raises(ParseError, match="empty"):
        read_obo(empty, source="x", node_type="disease")


# ---------------------------------------------------------------------- HPOA
def test_hpoa_real_file():
    frag = read_hpoa(hpo_file("phenotype.hpoa"))
    assert frag.release == "2025-01-16"
    e = frag.edges
    assert set(e["type"]) == {"has_phenotype", "not_has_phenotype", "has_inheritance"}
    assert (e.loc[e["qualifier"] == "NOT", "type"] == "not_has_phenotype").all()
    assert (e.loc[(e["aspect"] == "I") & (e["qualifier"] == ""), "type"] == "has_inheritance").all()
    assert e["frequency"].notna().sum() > 150_000
    assert len(frag.nodes) >= 12_600
    assert set(frag.nodes["id"].str.split(":").str[0]) == {"OMIM", "ORPHA", "DECIPHER"}


def test_frequency_forms():
    f, ok = parse_frequency(pd.Series(["HP:0040280", "HP:0040281", "HP:0040285", "7/10", "0/3", "12.5%", "100%", ""]))
    assert ok.all()
    np.testing.assert_allclose(f[:7], [1.0, 0.895, 0.0, 0.7, 0.0, 0.125, 1.0], rtol=1e-6)
    assert np.isnan(f[7])
    f, ok = parse_frequency(pd.Series(["HP:0000001", "3/0", "5/4", "120%", "often"]))
    assert not ok.any()


@pytest.mark.parametrize(
    "line, message",
    [
        (hpoa_line(freq="5/4"), r"line 5: column 'frequency' has '5/4'"),
        (hpoa_line(freq="often"), r"line 5: column 'frequency' has 'often'"),
        (hpoa_line(hpo="HP:12"), r"line 5: column 'hpo_id' has 'HP:12'"),
        (hpoa_line(disease="154700"), r"line 5: column 'database_id' has '154700'"),
        (hpoa_line(aspect="X"), r"line 5: column 'aspect' has 'X'"),
        (hpoa_line(qualifier="MAYBE"), r"line 5: column 'qualifier' has 'MAYBE'"),
        ("OMIM:154700\tMarfan\t\tHP:0001250\tPMID:1\n", r"line 5: expected 12 tab-separated columns, found 5"),
    ],
)
def test_hpoa_malformed_lines(tmp_path, line, message):
    path = tmp_path / "phenotype.hpoa"
    path.write_text(HPOA_HEADER + hpoa_line(freq="1/2") + line + hpoa_line())
    with pytest.raises(ParseError, match=message):
        read_hpoa(path)


def test_hpoa_missing_column(tmp_path):
    path = tmp_path / "phenotype.hpoa"
    path.write_text(HPOA_HEADER.replace("\tfrequency", "") + "x\n")
    with pytest.raises(ParseError, match=r"line 3: missing column\(s\) \['frequency'\]"):
        read_hpoa(path)


def test_hpoa_unknown_and_obsolete_terms_are_counted(tmp_path, default_kg):
    """Well-formed ids the ontology lacks are skipped and reported; obsolete ones remapped."""
    path = tmp_path / "phenotype.hpoa"
    path.write_text(
        HPOA_HEADER
        + hpoa_line(hpo="HP:0001250")
        + hpoa_line(hpo="HP:9999999")  # unknown
        + hpoa_line(hpo="HP:0000057")  # obsolete, replaced by HP:0008665
        + hpoa_line(hpo="HP:0001416", aspect="I")  # alt id of HP:0000007
    )
    b = KGBuilder()
    b.add(read_obo(hpo_file("hp.obo"), source="hpo", node_type="phenotype"))
    b.add(read_hpoa(path))
    kg = b.build()
    skipped = kg.sources["hpo"]["skipped"]
    assert skipped["unknown object id (HP:…)"] == 1
    assert skipped["obsolete object term (mapped to replaced_by)"] == 1
    assert skipped["object given by an alt id (mapped to its term)"] == 1
    disease = kg.index("OMIM:154700")
    targets = set(kg.nodes["id"].iloc[kg.edges.loc[kg.edges["src"] == disease, "dst"]])
    assert targets == {"HP:0001250", "HP:0008665", "HP:0000007"}


def test_genes_to_phenotype_real():
    frag = read_genes_to_phenotype(hpo_file("genes_to_phenotype.txt"))
    assert len(frag.nodes) >= 4_000
    assert (frag.edges["type"] == "associated_gene").all()
    assert frag.nodes["id"].str.match(r"^NCBIGene:\d+$").all()


# ----------------------------------------------------------------- OWL / RDF
def test_owl_real_symp(shared_data):
    frag = read_owl(shared_data / "doid" / "symp_import.owl", source="symp", node_type="symptom", id_prefixes=("SYMP",))
    assert len(frag.nodes) == 894
    assert frag.release == "2024-05-17"
    assert frag.nodes["id"].str.startswith("SYMP:").all()
    assert (frag.nodes["label"] != "").mean() > 0.95
    assert len(frag.edges) > 800


def test_owl_broken_xml(tmp_path, shared_data):
    text = (shared_data / "doid" / "symp_import.owl").read_text()
    bad = tmp_path / "bad.owl"
    bad.write_text(text[:5000].rsplit("\n", 1)[0] + "\n<owl:Class rdf:about=\n")
    with pytest.raises(ParseError, match=r"bad\.owl(, line \d+)?: invalid xml RDF"):
        read_owl(bad, source="symp", node_type="symptom")


# --------------------------------------------------------------------- SSSOM
def test_sssom_real_mondo(shared_data):
    frag = read_sssom(shared_data / "mondo" / "mondo_exactmatch_omim.sssom.tsv.gz", source="mondo")
    assert frag.release == "2026-08-04"
    assert (frag.edges["type"] == "same_as").all()
    assert frag.skipped["mapping from an obsolete term"] > 0
    row = frag.edges[frag.edges["object"] == "OMIM:154700"]
    assert list(row["subject"]) == ["MONDO:0007947"]


def test_sssom_other_predicates_skipped(tmp_path):
    path = tmp_path / "m.sssom.tsv"
    path.write_text(
        "# mapping_set_version: http://x/releases/2026-01-01/m.sssom.tsv\n"
        "subject_id\tsubject_label\tpredicate_id\tobject_id\tobject_label\tmapping_justification\n"
        "MONDO:1\ta\tskos:exactMatch\tOMIM:1\ta\tsemapv:ManualMappingCuration\n"
        "MONDO:2\tb\tskos:broadMatch\tOMIM:2\tb\tsemapv:ManualMappingCuration\n"
    )
    frag = read_sssom(path, source="m")
    assert len(frag.edges) == 1 and frag.release == "2026-01-01"
    assert frag.skipped["mapping predicate skos:broadMatch (not an exact match)"] == 1


# ----------------------------------------------------------------------- TSV
def _tsv_options(source: str, file: str) -> dict:
    return next(f for f in get_source(source).files if f.name == file).options


def test_tsv_maxo_annotations(shared_data):
    frag = read_tsv(shared_data / "maxo" / "maxo-annotations.tsv", source="maxo", **_tsv_options("maxo", "maxo-annotations.tsv"))
    counts = frag.edges["type"].value_counts()
    assert counts["treated_by"] == 805 and counts["prevented_by"] == 149
    first = frag.edges.iloc[0]
    assert first["references"].startswith("PMID:") and first["qualifier"].startswith("treats HP:")


def test_tsv_do_hierarchy_by_label(shared_data):
    frag = read_tsv(shared_data / "doid" / "HumanDO.tsv", source="doid", **_tsv_options("doid", "HumanDO.tsv"))
    assert frag.nodes["id"].nunique() == 12_246
    isa = frag.edges[frag.edges["subject"] == "DOID:14323"]  # Marfan syndrome
    assert len(isa) >= 1
    # The DO root is not a row of the file: its children's parent is counted, not invented.
    assert frag.skipped["is_a parent label not found in the file"] == 8


def test_tsv_multi_valued_xrefs(shared_data):
    frag = read_tsv(shared_data / "doid" / "OMIMinDO.tsv", source="doid", **_tsv_options("doid", "OMIMinDO.tsv"))
    assert (frag.edges["type"] == "same_as").all()
    assert len(frag.edges) > 6_049  # comma-separated xrefs were split
    assert ((frag.edges["subject"] == "DOID:14323") & (frag.edges["object"] == "OMIM:154700")).any()


def test_tsv_bad_identifier_and_mapping(tmp_path):
    path = tmp_path / "ds.tsv"
    path.write_text("disease_id\tsymptom_id\nDOID:1\tSYMP:1\nDOID:2\tnot an id\n")
    opts = {"edges": {"subject": {"column": "disease_id", "type": "disease"},
                      "object": {"column": "symptom_id", "type": "symptom"}, "type": "has_symptom"}}
    with pytest.raises(ParseError, match=r"ds\.tsv, line 3: column 'symptom_id' has 'not an id'"):
        read_tsv(path, source="x", **opts)
    opts["edges"]["object"]["column"] = "symptom"
    with pytest.raises(SourceError, match="header has"):
        read_tsv(path, source="x", **opts)


# --------------------------------------------------------------- the builder
def test_isa_cycle_names_terms_and_lines(tmp_path):
    path = tmp_path / "cycle.obo"
    path.write_text(
        "format-version: 1.2\n\n"
        "[Term]\nid: HP:0000001\nname: All\n\n"
        "[Term]\nid: HP:0000002\nname: A\nis_a: HP:0000003\n\n"
        "[Term]\nid: HP:0000003\nname: B\nis_a: HP:0000004\n\n"
        "[Term]\nid: HP:0000004\nname: C\nis_a: HP:0000002\n"
    )
    b = KGBuilder().add(read_obo(path, source="t", node_type="phenotype"))
    with pytest.raises(CycleError, match=r"HP:0000002 \(cycle\.obo, line 8\) -> HP:0000003 \(cycle\.obo, line 13\)"):
        b.build()


def test_edges_of_wrong_types_are_counted(tmp_path):
    path = tmp_path / "ds.tsv"
    # HP terms are phenotypes, not diseases: a has_symptom edge from one is rejected.
    path.write_text("a\tb\nHP:0000001\tSYMP:0000001\n")
    hp = tmp_path / "t.obo"
    hp.write_text("format-version: 1.2\n\n[Term]\nid: HP:0000001\nname: All\n")
    b = KGBuilder()
    b.add(read_obo(hp, source="t", node_type="phenotype"))
    b.add(read_tsv(path, source="x", edges={"subject": {"column": "a", "type": "disease", "create": False},
                                              "object": {"column": "b", "type": "symptom"}, "type": "has_symptom"}))
    kg = b.build()
    assert kg.sources["x"]["skipped"] == {"has_symptom edge between nodes of the wrong types": 1}
    assert len(kg.edges) == 0
