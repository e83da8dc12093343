"""Decision support and grounded diagnosis: questions, genes, MAxO actions, retrieved facts."""

from __future__ import annotations

import json

import numpy as np
import pytest

from diagnose_helpers import engine_for
from kgmed.engine import Engine
from kgmed.retrieval import check_fact
from kgmed.retrieval.facts import Fact
from kgmed.support import information_gain, information_if_present, next_findings

MARFAN_IDS = ["HP:0001166", "HP:0001083", "HP:0002616"]  # arachnodactyly, ectopia lentis, aortic root aneurysm


# ------------------------------------------------------------ information gain
def test_information_gain_arithmetic():
    prior = np.array([0.5, 0.5])
    q = np.array([[1.0, 0.5, 0.9], [0.0, 0.5, 0.1]])  # perfect, useless, good finding
    gain, p_yes = information_gain(prior, q)
    np.testing.assert_allclose(p_yes, [0.5, 0.5, 0.5])
    # H(0.5) = 1 bit; the good one leaves H(0.9) = 0.469 bits either way.
    np.testing.assert_allclose(gain, [1.0, 0.0, 1 - 0.4689955935892812], atol=1e-9)


def test_information_gain_is_never_negative_and_zero_for_a_certain_case():
    rng = np.random.default_rng(0)
    prior = rng.dirichlet(np.ones(8))
    gain, _ = information_gain(prior, rng.random((8, 50)))
    assert (gain >= 0).all()
    gain, _ = information_gain(np.array([1.0, 0.0, 0.0]), rng.random((3, 5)))
    np.testing.assert_allclose(gain, 0.0, atol=1e-12)


def test_information_if_present_arithmetic():
    prior = np.array([0.5, 0.5])
    q = np.array([[1.0, 0.5, 0.9, 0.0], [0.0, 0.5, 0.1, 0.0]])  # perfect, useless, good, impossible
    bits = information_if_present(prior, q)
    # A yes to the good finding gives posterior (0.9, 0.1): KL to (0.5, 0.5) = 1 - H(0.9).
    np.testing.assert_allclose(bits, [1.0, 0.0, 1 - 0.4689955935892812, 0.0], atol=1e-9)
    # A rare finding only one candidate shows is worth more if found than a common one.
    rare_vs_common = information_if_present(np.array([0.25, 0.75]), np.array([[0.1, 0.9], [0.001, 0.5]]))
    assert rare_vs_common[0] > rare_vs_common[1]


# ------------------------------------------------------------ next findings
def test_questions_on_a_real_case(default_kg):
    engine = engine_for(default_kg)
    dx = engine.diagnose(MARFAN_IDS, top_k=10, excluded=["HP:0002650"])  # no scoliosis
    qs = dx.support.next_findings
    top20 = {c.disease_id for c in engine.diagnose(MARFAN_IDS, top_k=20, excluded=["HP:0002650"]).candidates}
    assert 1 <= len(qs) <= 5
    gains = [q.information_gain for q in qs]
    assert gains == sorted(gains, reverse=True) and gains[0] > 0
    settled = set(MARFAN_IDS) | {"HP:0002650"}
    for f in MARFAN_IDS:
        settled |= set(default_kg.ancestors(f))
    settled |= set(default_kg.descendants("HP:0002650"))
    for q in qs:
        assert q.hpo_id not in settled
        assert q.question == f"Does the patient have {q.label} ({q.hpo_id})?"
        assert 0 < q.p_present < 1
        assert set(q.if_present) <= top20 and set(q.if_absent) <= top20
    # deterministic
    again = engine.diagnose(MARFAN_IDS, top_k=10, excluded=["HP:0002650"]).support.next_findings
    assert [q.hpo_id for q in again] == [q.hpo_id for q in qs]


def test_questions_ordered_by_information_if_present(default_kg):
    engine = engine_for(default_kg)
    ranking, probs = _ranking(engine, MARFAN_IDS)
    by_gain = next_findings(engine, ranking, probs, k=None, min_gain=0.0)
    by_yes = next_findings(engine, ranking, probs, k=None, min_gain=0.0, order="if_present")
    assert len(by_gain) > 20 and {q.hpo_id for q in by_gain} == {q.hpo_id for q in by_yes}
    bits = [q.information_if_present for q in by_yes]
    assert bits == sorted(bits, reverse=True) and bits[0] > 0
    assert [q.hpo_id for q in by_yes[:10]] != [q.hpo_id for q in by_gain[:10]]
    # A plan of 10: the 10 with the most expected information from a yes, by information if present.
    plan = next_findings(engine, ranking, probs, k=10, min_gain=0.0, order="plan")
    worth = sorted((q.p_present * q.information_if_present for q in by_yes), reverse=True)
    np.testing.assert_allclose(sorted((q.p_present * q.information_if_present for q in plan), reverse=True),
                               worth[:10], rtol=1e-6)
    assert [q.information_if_present for q in plan] == sorted((q.information_if_present for q in plan), reverse=True)
    with pytest.raises(ValueError, match="order must be one of"):
        next_findings(engine, ranking, probs, order="random")


def _ranking(engine, hpo_ids):
    from kgmed.rank import Query

    ranking = engine.ranker.rank(Query(observed=np.asarray([engine.index.term_col[h] for h in hpo_ids], np.int64)))
    return ranking, engine.calibrator.probabilities(ranking.score, len(ranking.case.observed))


def test_answering_the_top_question_moves_the_posterior(default_kg):
    engine = engine_for(default_kg)
    dx = engine.diagnose(MARFAN_IDS, top_k=10)
    q = dx.support.next_findings[0]
    yes = engine.diagnose(MARFAN_IDS + [q.hpo_id], top_k=10)
    favoured = q.if_present[0]
    before = next((c.probability for c in dx.candidates if c.disease_id == favoured), 0.0)
    after = next((c.probability for c in yes.candidates if c.disease_id == favoured), 0.0)
    assert after > before


def test_genes_to_test(default_kg):
    dx = engine_for(default_kg).diagnose(MARFAN_IDS, top_k=10)
    genes = dx.support.genes
    assert genes and "FBN1" in [g.symbol for g in genes]
    probs = [g.probability for g in genes]
    assert probs == sorted(probs, reverse=True)
    fbn1 = next(g for g in genes if g.symbol == "FBN1")
    expected = sum(c.probability for c in dx.candidates if any(x.symbol == "FBN1" for x in c.genes))
    assert fbn1.probability == pytest.approx(expected)
    assert all(d["disease_id"] in {c.disease_id for c in dx.candidates} for d in fbn1.diseases)


# ------------------------------------------------------------------- MAxO
@pytest.fixture(scope="module")
def maxo_engine(shared_data):
    from kgmed.ingest.pipeline import build_kg

    kg = build_kg(["hpo", "mondo", "maxo"], data_dir=shared_data).kg
    return Engine(kg, grounding=False).warm_up(recognizer=False)


def test_maxo_actions_with_pmids_for_a_real_disease(maxo_engine):
    dx = maxo_engine.diagnose(MARFAN_IDS + ["HP:0001519", "HP:0000768"], top_k=10)
    marfan = next(c for c in dx.candidates if c.disease_id == "OMIM:154700" or "OMIM:154700" in c.equivalents)
    actions = dx.support.actions[marfan.disease_id]
    assert len(actions) >= 10
    assert any(a.references and all(r.startswith("PMID:") for r in a.references) for a in actions)
    kg = maxo_engine.kg
    for a in actions:
        row = int(a.fact[1:])
        e = kg.edges.iloc[row]
        assert kg.nodes["id"].iat[int(e["dst"])] == a.action_id
        assert str(e["type"]) in ("treated_by", "prevented_by", "medical_action")
        assert kg.nodes["id"].iat[int(e["src"])] in kg.equivalents(marfan.disease_id, include_self=True)
        assert set(a.references) <= set(str(e["references"]).split(";"))
    text = str(dx)
    assert "Medical actions for" in text and "PMID:" in text


def test_suggested_findings_list_diagnostic_procedures(maxo_engine):
    dx = maxo_engine.diagnose(MARFAN_IDS, top_k=10)
    with_proc = [q for q in dx.support.next_findings if q.observable_through]
    assert with_proc, "MAxO diagnostic annotations cover most HPO terms"
    for p in with_proc[0].observable_through:
        assert p["id"].startswith("MAXO:") and p["label"]


# ------------------------------------------------------- grounded diagnosis
@pytest.fixture(scope="module")
def grounded(default_kg):
    """An engine with a fact index over a small real slice of the KG (fast to build)."""
    kg = default_kg
    ids = ["OMIM:154700", "OMIM:100800", "OMIM:609008"]
    for d in list(ids):
        e = kg.edges[kg.edges["src"] == kg.index(d)]
        ids += kg.nodes["id"].iloc[e["dst"]].tolist()
    sub = kg.subgraph(ids, with_ancestors=True)
    sub.meta["key"] = "support-test-slice"
    return Engine(sub, grounding=True).warm_up(recognizer=False)


def test_every_candidate_carries_verified_facts(grounded):
    note = "Tall teenager with arachnodactyly, ectopia lentis and aortic root dilatation."
    dx = grounded.diagnose(note, top_k=3)
    kg = grounded.kg
    assert all(c.facts for c in dx.candidates)
    for c in dx.candidates:
        members = kg.equivalents(c.disease_id, include_self=True)
        for f in c.facts:
            fact = Fact(**{k: (tuple(v) if k == "references" else v) for k, v in f.items() if k != "score"})
            assert check_fact(fact, kg), f
            assert fact.subject in members  # a fact about this candidate
        for ev in c.matched:  # what the explanation cites exists in the KG, with its PMIDs
            for fid in ev.facts:
                e = kg.edges.iloc[int(fid[1:])]
                assert kg.nodes["id"].iat[int(e["src"])] == c.disease_id
                assert kg.nodes["id"].iat[int(e["dst"])] == ev.disease_term
                assert {r for r in str(e["references"]).split(";") if r} <= set(ev.references)
    marfan = next(c for c in dx.candidates if c.disease_id == "OMIM:154700")
    assert {"HP:0001166", "HP:0001083"} <= {f["object"] for f in marfan.facts}
    json.loads(dx.to_json())  # facts and support serialise


def test_explanation_cites_retrieved_facts(grounded):
    ex = grounded.explain(["HP:0001166", "HP:0001083"], "OMIM:154700")
    assert ex.facts
    cited = {fid for fp in ex.findings for fid in fp.evidence.facts}
    assert cited and cited <= {f"E{i}" for i in range(len(grounded.kg.edges))}
    assert cited & {f["id"] for f in ex.facts}  # the matched annotations are among the retrieved facts
    from kgmed.explain import render

    assert "Supporting facts" in render(ex, "text")
    assert ex.facts[0]["id"] in render(ex, "html")


def test_auto_grounding_without_index_says_so(default_kg):
    engine = Engine(default_kg, grounding="auto", support=False)
    engine._retriever_checked = True  # as if the cache had been looked up and found empty
    dx = engine.diagnose(MARFAN_IDS, top_k=3)
    assert all(c.facts == [] for c in dx.candidates)
    assert any("kgmed index" in n for n in dx.notes)
    assert dx.support is None


# --------------------------------------------------------- evaluation, CLI
def test_next_finding_evaluation_runs_on_real_cases(default_kg, shared_data):
    from kgmed.eval.support import evaluate_next_findings

    res = evaluate_next_findings(shared_data / "phenopackets" / "dev.tar.gz", engine=engine_for(default_kg),
                                 limit=40, n_questions=20)
    assert res.n_cases > 10
    assert 0 < res.answered <= res.n_cases
    assert all(1 <= p <= 20 for p in res.question_positions)
    m = res.metrics
    assert set(m) == {"visible", "suggested", "random"} and all(v["n"] == res.n_cases for v in m.values())
    # one more finding never hides the truth from a case that had it ranked (no excluded findings here)
    assert m["suggested"]["top10"] >= m["visible"]["top10"] - 0.05


def test_cli_facts_without_index_says_how_to_build(tmp_path, default_kg):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "kgmed.cli", "facts", "long fingers", "--kg",
                           str(default_kg.save(tmp_path / "kg"))], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2 and "kgmed index" in proc.stderr


def test_cli_diagnose_json_has_support(default_kg):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "kgmed.cli", "diagnose", *MARFAN_IDS, "--no-facts", "--json", "-k", "3"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["support"]["next_findings"] and out["support"]["genes"]
    assert all(c["facts"] == [] for c in out["candidates"])


def test_bundle_round_trip(grounded, tmp_path):
    from kgmed.bundle import is_bundle, load_bundle, save_bundle
    from kgmed.errors import BundleError

    path = save_bundle(grounded, tmp_path / "bundle")
    assert is_bundle(path) and {p.name for p in path.iterdir()} >= {"kg", "rank", "retrieval", "manifest.json"}
    engine = Engine.load(path, warm=False)
    a = grounded.diagnose(MARFAN_IDS, top_k=3)
    b = engine.diagnose(MARFAN_IDS, top_k=3)
    assert [c.disease_id for c in a.candidates] == [c.disease_id for c in b.candidates]
    assert [c.score for c in a.candidates] == pytest.approx([c.score for c in b.candidates])
    assert [f["id"] for f in a.candidates[0].facts] == [f["id"] for f in b.candidates[0].facts]
    (path / "rank" / "index.json").write_text("{}")
    with pytest.raises(BundleError):
        load_bundle(path)
