"""Facts and the FAISS fact index, on a real slice of the HPO KG."""

from __future__ import annotations

import numpy as np
import pytest

from kgmed.errors import BundleError, InputError
from kgmed.retrieval import FactRetriever, check_fact, verbalize

MARFAN = "OMIM:154700"
ACHONDROPLASIA = "OMIM:100800"


@pytest.fixture(scope="module")
def small_kg(default_kg):
    """Two diseases with all their annotated phenotypes (and ancestors) and genes."""
    kg = default_kg
    ids = [MARFAN, ACHONDROPLASIA]
    for d in ids[:2]:
        e = kg.edges[kg.edges["src"] == kg.index(d)]
        ids += kg.nodes["id"].iloc[e["dst"]].tolist()
    sub = kg.subgraph(ids, with_ancestors=True)
    sub.meta["key"] = "test-small"
    return sub


@pytest.fixture(scope="module")
def retriever(small_kg):
    return FactRetriever(embedding="compositional", index_type="flat").build(small_kg)


def test_every_fact_is_backed_by_the_kg(small_kg):
    facts = verbalize(small_kg)
    assert len(facts) > 100
    kinds = set(facts.table["kind"])
    assert {"phenotype", "gene", "inheritance", "definition"} <= kinds
    for row in range(len(facts)):
        assert check_fact(facts.fact(row, small_kg), small_kg)


def test_fact_text_carries_sources(small_kg):
    facts = verbalize(small_kg)
    t = facts.table
    row = t.index[(t["kind"] == "phenotype") & t["text"].str.contains("Arachnodactyly")][0]
    f = facts.fact(row, small_kg)
    assert f.subject == MARFAN and f.object == "HP:0001166"
    assert f.references and all(r in f.text for r in f.references)
    assert f.source == "hpo 2025-01-16"


def test_tampered_fact_fails_the_check(small_kg):
    f = verbalize(small_kg).fact(0, small_kg)
    from dataclasses import replace

    assert not check_fact(replace(f, object="HP:0000001"), small_kg)
    assert not check_fact(replace(f, references=("PMID:1",)), small_kg)
    assert not check_fact(replace(f, id="E999999999"), small_kg)


def test_disease_facts_are_contiguous(small_kg):
    facts = verbalize(small_kg)
    start, end = facts.cluster_range(int(small_kg.clusters[small_kg.index(MARFAN)]))
    block = facts.table.iloc[start:end]
    assert len(block) > 10 and (block["disease"] == small_kg.index(MARFAN)).all()
    assert (facts.table["disease"] == small_kg.index(MARFAN)).sum() == len(block)


def test_filtered_search_stays_in_the_disease(retriever, small_kg):
    facts = retriever.search("long thin fingers", k=5, disease=MARFAN)
    assert facts and all(f.subject == MARFAN for f in facts)
    scores = [f.score for f in facts]
    assert scores == sorted(scores, reverse=True)


def test_supporting_facts_rank_the_findings_own_annotations_first(retriever):
    findings = ["HP:0001166", "HP:0001083"]  # Arachnodactyly, Ectopia lentis
    facts = retriever.supporting_facts(MARFAN, finding_ids=findings, k=10)
    objects = [f.object for f in facts]
    assert set(findings) <= set(objects[:4])


def test_global_search_and_k_capped(retriever, small_kg):
    n = len(retriever.facts)
    facts = retriever.search("short limbs and a large head", k=n + 50)
    assert len(facts) == n
    assert any(f.subject == ACHONDROPLASIA for f in facts[:10])


def test_empty_query_is_an_error(retriever):
    with pytest.raises(InputError, match="empty query"):
        retriever.search("   ")


def test_save_load_round_trip(retriever, small_kg, tmp_path):
    path = retriever.save(tmp_path / "idx")
    loaded = FactRetriever.load(path, small_kg)
    q = np.random.default_rng(0).normal(size=(3, 384)).astype(np.float32)
    a, b = retriever.search_vectors(q, k=7), loaded.search_vectors(q, k=7)
    np.testing.assert_array_equal(a[1], b[1])
    np.testing.assert_allclose(a[0], b[0], rtol=1e-5)
    other = small_kg.subgraph(small_kg.ids()[:50])
    other.meta["key"] = "another"
    with pytest.raises(BundleError, match="not this KG"):
        FactRetriever.load(path, other)
    (path / "index.faiss").write_bytes(b"garbage")
    with pytest.raises(BundleError, match="corrupted fact index"):
        FactRetriever.load(path, small_kg)


@pytest.mark.parametrize("index_type", ["hnsw", "ivf"])
def test_approximate_indices_agree_on_filtered_search(small_kg, retriever, index_type):
    other = FactRetriever(embedding="compositional", index_type=index_type).build(small_kg)
    q = retriever.label_vectors(small_kg, np.array([small_kg.index("HP:0001166")]))
    cluster = retriever.cluster_of(MARFAN)
    a = retriever.search_vectors(q, k=5, cluster=cluster)
    b = other.search_vectors(q, k=5, cluster=cluster)
    np.testing.assert_array_equal(a[1], b[1])


def test_full_embedding_mode(small_kg):
    facts = verbalize(small_kg, definitions=False)
    block = facts.table[facts.table["disease"] == small_kg.index(MARFAN)].head(40)
    from kgmed.retrieval.facts import FactTable

    sub = FactTable(block.assign(cluster=0).reset_index(drop=True), kg_key="x")
    r = FactRetriever(embedding="full", index_type="flat").build(small_kg, facts=sub)
    assert r.info == {"index": "flat", "embedding": "full", "facts": len(block)}
    hit = r.search("inheritance pattern", k=3)
    assert hit[0].kind == "inheritance"
