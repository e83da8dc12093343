"""Explanation paths: every step and every PMID shown exists in the KG; renderers."""

from __future__ import annotations

import json

import pytest

from diagnose_helpers import MARFAN_CASE, dev_cases, engine_for

from kgmed.explain import FORMATS, render


@pytest.fixture(scope="module")
def engine(default_kg):
    return engine_for(default_kg)


@pytest.fixture(scope="module")
def kg_edges(default_kg):
    """Sets of (child, parent) is_a pairs and (disease, term) → references, by CURIE."""
    ids = default_kg.nodes["id"].to_numpy()
    isa = default_kg.edges_of("is_a")
    is_a = set(zip(ids[isa["src"].to_numpy()], ids[isa["dst"].to_numpy()]))
    ann = {}
    for etype in ("has_phenotype", "not_has_phenotype"):
        e = default_kg.edges_of(etype)
        for s, d, r in zip(ids[e["src"].to_numpy()], ids[e["dst"].to_numpy()], e["references"].tolist()):
            ann.setdefault((etype, s, d), set()).update(x for x in str(r).split(";") if x)
    return is_a, ann


def _check_explanation(ex, kg_edges, ic):
    is_a, ann = kg_edges
    n_paths = 0
    for fp in ex.findings:
        ev = fp.evidence
        if ev.disease_term is None:
            assert fp.path == [] and ev.match in ("none",)
            continue
        path = fp.path
        assert path[-1].id == ex.disease_id and path[0].id == ev.hpo_id
        for a, b in zip(path[:-2], path[1:-1]):
            if a.edge == "is_a":
                assert (a.id, b.id) in is_a, (a.id, b.id)
            else:
                assert a.edge == "has_subclass" and (b.id, a.id) in is_a, (a.id, b.id)
        last = path[-2]
        assert last.id == ev.disease_term
        etype = "not_has_phenotype" if last.edge == "not_annotated_in" else "has_phenotype"
        assert last.edge in ("annotated_in", "not_annotated_in")
        refs = ann[(etype, ex.disease_id, ev.disease_term)]
        assert set(ev.references) <= refs and ev.references  # every PMID shown is on that edge
        for st in path[:-1]:
            assert st.ic == pytest.approx(ic(st.id))
        n_paths += 1
    return n_paths


def test_every_path_and_pmid_exists_in_the_kg(engine, shared_data, kg_edges):
    idx = engine.index
    ic = lambda t: float(engine.ranker.similarity.ic[idx.term_col[t]])  # noqa: E731
    checked = 0
    kinds = set()
    for _, pp in dev_cases(shared_data, every=400):
        try:
            dx = engine.diagnose(pp, top_k=3)
        except Exception:  # noqa: BLE001 - a case without present findings has nothing to explain
            continue
        for c in dx.candidates:
            ex = engine.explain(pp, c.disease_id)
            assert ex.rank == c.rank or ex.score == pytest.approx(c.score)
            checked += _check_explanation(ex, kg_edges, ic)
            kinds.update(f.evidence.match for f in ex.findings)
            # contributions add up to the log likelihood ratio
            total = sum(f.evidence.contribution for f in ex.findings)
            assert total == pytest.approx(ex.log_likelihood_ratio, abs=1e-3)
    assert checked > 100
    assert {"exact", "absent"} <= kinds and kinds & {"more_specific", "less_specific", "related"}


def test_marfan_explanation_renders(engine, shared_data, kg_edges):
    (name, pp), = dev_cases(shared_data, names=[MARFAN_CASE])
    ex = engine.explain(pp, "OMIM:154700")
    assert ex.disease_id == "OMIM:154700" and ex.name == "Marfan syndrome"
    assert any(f.evidence.match == "exact" and any(r.startswith("PMID:") for r in f.evidence.references)
               for f in ex.findings)
    assert ex.score == pytest.approx(ex.log_likelihood_ratio + ex.onset_log_ratio + ex.similarity_weight * ex.similarity,
                                     rel=1e-5)
    out = {fmt: render(ex, fmt) for fmt in FORMATS}
    assert out["text"].startswith("Marfan syndrome (OMIM:154700)") and "├── " in out["text"]
    assert "Ectopia lentis (HP:0001083)" in out["text"]
    assert json.loads(out["json"])["disease_id"] == "OMIM:154700"
    dot = out["dot"]
    assert dot.startswith("digraph explanation {") and dot.rstrip().endswith("}")
    assert '"OMIM:154700"' in dot and "->" in dot and dot.count("{") == dot.count("}")
    html = out["html"]
    assert html.startswith("<!DOCTYPE html>") and "Marfan syndrome" in html and "pubmed.ncbi.nlm.nih.gov" in html
    assert "<script" not in html
    with pytest.raises(ValueError, match="valid formats"):
        render(ex, "pdf")


def test_missing_features_are_real_unmentioned_annotations(engine, kg_edges):
    _, ann = kg_edges
    dx = engine.diagnose(["HP:0001166", "HP:0001083"], top_k=5)
    for c in dx.candidates:
        for f in c.missing:
            assert ("has_phenotype", c.disease_id, f.hpo_id) in ann
            assert f.hpo_id not in ("HP:0001166", "HP:0001083")
        assert len({f.hpo_id for f in c.missing}) == len(c.missing)
