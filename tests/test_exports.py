"""Exports are faithful views: networkx, rdflib (Turtle round trip), PyG HeteroData."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kgmed.kg.export import contract_iri, expand_curie, from_rdflib, to_hetero_data, to_networkx, to_rdflib


@pytest.fixture(scope="module")
def marfan_kg(default_kg):
    """Marfan syndrome, its annotated phenotypes with their ancestors, and its genes."""
    kg = default_kg
    row = kg.index("OMIM:154700")
    e = kg.edges[kg.edges["src"] == row]
    ids = ["OMIM:154700", *kg.nodes["id"].iloc[e["dst"]].tolist()]
    return kg.subgraph(ids, with_ancestors=True)


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    return df.astype({c: str for c in df.columns if str(df[c].dtype) == "category"}).reset_index(drop=True)


def test_turtle_round_trip(marfan_kg):
    import rdflib

    ttl = to_rdflib(marfan_kg).serialize(format="turtle")
    back = from_rdflib(rdflib.Graph().parse(data=ttl, format="turtle"))
    for name in ("nodes", "edges", "synonyms", "xrefs", "alt_ids"):
        pd.testing.assert_frame_equal(_plain(getattr(marfan_kg, name)), _plain(getattr(back, name)), check_dtype=False)
    assert back.sources["hpo"]["release"] == "2025-01-16"


def test_rdf_has_direct_triples(marfan_kg):
    import rdflib

    g = to_rdflib(marfan_kg)
    marfan = rdflib.URIRef(expand_curie("OMIM:154700"))
    pred = rdflib.URIRef("https://w3id.org/kgmed/vocab#has_phenotype")
    targets = {contract_iri(str(o)) for o in g.objects(marfan, pred)}
    assert "HP:0001166" in targets  # Arachnodactyly


def test_networkx(marfan_kg):
    g = to_networkx(marfan_kg)
    assert g.number_of_nodes() == len(marfan_kg.nodes)
    assert g.number_of_edges() == len(marfan_kg.edges)
    assert g.nodes["OMIM:154700"]["type"] == "disease"
    data = [d for _, _, d in g.edges("OMIM:154700", data=True) if d["type"] == "has_phenotype"]
    assert any("frequency" in d for d in data) and all(d["source"] == "hpo" for d in data)


def test_hetero_data(default_kg):
    data = to_hetero_data(default_kg)
    n_pheno = int((~default_kg.nodes["obsolete"].to_numpy(dtype=bool) & default_kg.type_mask("phenotype")).sum())
    assert data["phenotype"].num_nodes == n_pheno
    store = data["disease", "has_phenotype", "phenotype"]
    assert store.edge_index.shape[1] == len(default_kg.edges_of("has_phenotype"))
    # Local indices map back to the KG rows of the right nodes.
    d_local, p_local = store.edge_index[:, 0].tolist()
    d_row = int(data["disease"].kg_row[d_local])
    p_row = int(data["phenotype"].kg_row[p_local])
    e = default_kg.edges_of("has_phenotype")
    assert ((e["src"] == d_row) & (e["dst"] == p_row)).any()
    assert np.all((store.edge_weight.numpy() >= 0) & (store.edge_weight.numpy() <= 1))
