"""IC, Resnik, likelihood ratios and explanations on a tiny hand-drawn ontology (exact values).

The ontology and annotations are drawn in ``tests/rank_toy.py``.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from rank_toy import LOG3, LOG15, build_toy_kg

from kgmed.rank import (
    AnnotationIndex, Calibrator, LikelihoodRatioModel, LRParams, OnsetModel, OnsetParams, Query, Ranker,
    RankerConfig, ResnikSimilarity, expected_calibration_error, information_content, reliability,
)

A1, A1a, A2, OA, B1, OB = "HP:0000110", "HP:0000111", "HP:0000120", "HP:0000100", "HP:0000210", "HP:0000200"


@pytest.fixture(scope="module")
def toy():
    kg = build_toy_kg()
    return kg, AnnotationIndex.build(kg)


def col(idx, *ids):
    return [idx.term_col[i] for i in ids]


def test_index_shapes_and_propagation(toy):
    _, idx = toy
    assert idx.disease_ids == ["OMIM:1", "OMIM:2", "ORPHA:3"]
    assert idx.n_terms == 8 and len(idx.ann_term) == 5
    # diseases annotated at or below each term (true-path rule)
    n = {t: int(idx.n_annotated[idx.term_col[t]]) for t in (A1a, A1, A2, OA, B1, OB, "HP:0000118", "HP:0000001")}
    assert n == {A1a: 1, A1: 1, A2: 1, OA: 3, B1: 2, OB: 2, "HP:0000118": 3, "HP:0000001": 3}
    # ancestor closure includes self, sorted
    assert [idx.term_ids[a] for a in idx.ancestors(idx.term_col[A1a])] == sorted(
        ["HP:0000001", "HP:0000118", OA, A1, A1a])
    assert idx.depth[idx.term_col[A1a]] == 4 and idx.depth[idx.term_col[OA]] == 2
    assert (idx.not_disease.tolist(), [idx.term_ids[t] for t in idx.not_term]) == ([2], [B1])


def test_information_content(toy):
    _, idx = toy
    ic = information_content(idx)
    expect = {A1a: LOG3, A1: LOG3, A2: LOG3, OA: 0.0, B1: LOG15, OB: LOG15, "HP:0000118": 0.0}
    for t, v in expect.items():
        assert ic[idx.term_col[t]] == pytest.approx(v)


def test_resnik_one_sided_reverse_symmetric(toy):
    _, idx = toy
    sim = ResnikSimilarity(idx)
    q = col(idx, A1, B1)
    np.testing.assert_allclose(sim.one_sided(q), [(LOG3 + LOG15) / 2, LOG15 / 2, 0.0], atol=1e-6)
    np.testing.assert_allclose(sim.reverse(q), [(LOG3 + LOG15) / 2, LOG15 / 2, 0.0], atol=1e-6)
    np.testing.assert_allclose(sim.symmetric(q), [(LOG3 + LOG15) / 2, LOG15 / 2, 0.0], atol=1e-6)
    # a query only in organ A: D2's A2 meets A1 at Organ A (IC 0); reverse for D1 sees A1a ~ A1
    np.testing.assert_allclose(sim.reverse(col(idx, A1)), [LOG3 / 2, 0.0, 0.0], atol=1e-6)
    assert sim.one_sided([]).tolist() == [0.0, 0.0, 0.0]


def _brute_resnik(idx, ic, q, d):
    """max over the disease's annotations of IC(MICA), by explicit set intersection."""
    anns = idx.ann_term[idx.ann_disease == d]
    anc_q = set(idx.ancestors(q).tolist())
    return max(max(ic[x] for x in set(idx.ancestors(a).tolist()) & anc_q) for a in anns)


def test_kernel_matches_brute_force(toy):
    _, idx = toy
    sim = ResnikSimilarity(idx)
    ic = information_content(idx)
    for t in range(idx.n_terms):
        got = sim.best_matches([t])[0]
        want = [_brute_resnik(idx, ic, t, d) for d in range(idx.n_diseases)]
        np.testing.assert_allclose(got, want, atol=1e-6)


PARAMS = LRParams(default_frequency=0.5, min_frequency=0.01, background_pseudocount=0.0, subclass_weight=0.5,
                  partial_weight=0.25, false_positive=0.1, not_ratio=0.05, excluded_weight=0.5,
                  excluded_default_frequency=0.5, excluded_floor=0.0)


def test_background_frequency(toy):
    _, idx = toy
    m = LikelihoodRatioModel(idx, PARAMS)
    b = {t: m.background[idx.term_col[t]] for t in (A1, A2, OA, B1)}
    assert b == pytest.approx({A1: 1 / 3, A2: 0.5 / 3, OA: (1 + 0.5 + 0.9) / 3, B1: (0.5 + 0.17) / 3}, rel=1e-6)


def test_likelihood_ratios_exact_subclass_partial_not(toy):
    _, idx = toy
    m = LikelihoodRatioModel(idx, PARAMS)
    bA1, bOA, bB1 = 1 / 3, 2.4 / 3, 0.67 / 3
    cs = m.score_case(col(idx, A1, B1))
    # A1: D1 annotated below (A1a, f=1) -> f/b; D2 only a relative (A2) under Organ A -> γ f/b;
    # D3 annotated with the ancestor Organ A -> σ f/b
    np.testing.assert_allclose(np.exp(cs.observed_llr[0]), [1 / bA1, 0.25 * 0.5 / bOA, 0.5 * 0.9 / bOA], rtol=1e-5)
    # B1: exact for D1 and D2; D3 is annotated NOT B1
    np.testing.assert_allclose(np.exp(cs.observed_llr[1]), [0.5 / bB1, 0.17 / bB1, 0.05], rtol=1e-5)
    np.testing.assert_allclose(cs.total, cs.observed_llr.sum(axis=0), rtol=1e-6)
    # a finding no disease explains gets the false-positive ratio everywhere below the partial match
    cs = m.score_case(col(idx, OB))
    np.testing.assert_allclose(np.exp(cs.observed_llr[0]), [0.5 / bB1, 0.17 / bB1, 0.1], rtol=1e-5)


def test_excluded_findings_only_lower_scores(toy):
    _, idx = toy
    m = LikelihoodRatioModel(idx, PARAMS)
    cs = m.score_case(col(idx, A1), excluded=col(idx, B1))
    # 1 - κ f: D1 f=0.5, D2 f=0.17, D3 not annotated (its NOT annotation is no reason to reward it)
    np.testing.assert_allclose(np.exp(cs.excluded_llr[0]), [0.75, 1 - 0.5 * 0.17, 1.0], rtol=1e-6)
    assert (cs.excluded_llr <= 0).all()
    base = m.score(col(idx, A1))
    assert (m.score(col(idx, A1), excluded=col(idx, B1)) <= base + 1e-12).all()
    # unknown frequency counts as excluded_default_frequency (A2 for D2)
    cs = m.score_case(col(idx, B1), excluded=col(idx, A2))
    np.testing.assert_allclose(np.exp(cs.excluded_llr[0]), [1.0, 0.75, 1.0], rtol=1e-6)
    # an excluded ancestor of an observed term is contradicted by the observation: ignored
    assert len(m.score_case(col(idx, A1a), excluded=col(idx, OA)).excluded) == 0
    # the floor bounds the combined penalty
    floored = LikelihoodRatioModel(idx, PARAMS.replace(excluded_weight=1.0, excluded_floor=0.5))
    cs = floored.score_case(col(idx, A2), excluded=col(idx, A1a, B1))
    assert cs.excluded_total.min() == pytest.approx(math.log(0.5))


def test_redundant_ancestors_counted_once(toy):
    _, idx = toy
    m = LikelihoodRatioModel(idx, PARAMS)
    cs = m.score_case(col(idx, A1a, A1, OA))
    assert [idx.term_ids[t] for t in cs.observed] == [A1a]
    assert sorted(idx.term_ids[t] for t in cs.redundant) == sorted([A1, OA])


def test_onset_model(toy):
    from kgmed.rank.onset import age_to_onset, onset_term

    _, idx = toy
    assert OnsetModel(idx, OnsetParams()).llr("HP:0003593").tolist() == [0.0, 0.0, 0.0]  # no onset annotations
    assert age_to_onset("P0D") == "HP:0003577" and age_to_onset("P10D") == "HP:0003623"
    assert age_to_onset("P3M") == "HP:0003593" and age_to_onset("P3Y") == "HP:0011463"
    assert age_to_onset("P12Y") == "HP:0003621" and age_to_onset("P30Y") == "HP:0011462"
    assert age_to_onset("P70Y") == "HP:0003584" and age_to_onset("nonsense") is None
    assert onset_term({"ontologyClass": {"id": "HP:0003577"}}) == "HP:0003577"
    assert onset_term({"age": {"iso8601duration": "P2Y"}}) == "HP:0011463"
    assert onset_term({"gestationalAge": {"weeks": 20}}) == "HP:0011461"
    assert onset_term({"gestationalAge": {"weeks": 6}}) == "HP:0011460"
    assert onset_term({"gestationalAge": {}}) == "HP:0030674"
    assert onset_term({"ontologyClass": {"id": "HP:0001250"}}) is None


def test_ranker_fuses_and_breaks_ties(toy):
    _, idx = toy
    cfg = RankerConfig(lr=PARAMS, onset=OnsetParams(), similarity_weight=2.0)
    r = Ranker(idx, cfg)
    q = Query(observed=col(idx, A1, B1))
    ranking = r.rank(q)
    lr = LikelihoodRatioModel(idx, PARAMS).score(col(idx, A1, B1))
    sim = ResnikSimilarity(idx).symmetric(col(idx, A1, B1))
    np.testing.assert_allclose(ranking.score, lr + 2.0 * sim, rtol=1e-6)
    assert [idx.disease_ids[d] for d in ranking.top(3)] == ["OMIM:1", "OMIM:2", "ORPHA:3"]
    assert ranking.top(10).tolist() == ranking.top(3).tolist()  # capped at the number of diseases
    assert [ranking.rank_of(d) for d in range(3)] == [1, 2, 3]
    assert ranking.rank_of(-1) == 0
    # pessimistic ties: equal scores and equal tie-breaks share the worse rank
    ranking.score[:] = 1.0
    ranking.similarity[:] = 0.0
    assert [ranking.rank_of(d) for d in range(3)] == [3, 3, 3]
    ranking.similarity[:] = [0.0, 1.0, 0.0]
    assert ranking.rank_of(1) == 1 and ranking.top(1).tolist() == [1]


def test_explainer_follows_the_model(toy):
    from kgmed.explain.paths import Explainer

    kg, idx = toy
    r = Ranker(idx, RankerConfig(lr=PARAMS, similarity_weight=0.0))
    ex = Explainer(kg, r)
    c = idx.term_col
    assert ex.observed_match(c[A1], 0) == ("more_specific", c[A1a], c[A1])
    assert ex.observed_match(c[A1], 1) == ("related", c[A2], c[OA])
    assert ex.observed_match(c[A1], 2) == ("less_specific", c[OA], c[OA])
    assert ex.observed_match(c[B1], 0) == ("exact", c[B1], c[B1])
    assert ex.observed_match(c[B1], 2)[0] == "contradicted"
    ranking = r.rank(Query(observed=col(idx, A1, B1), excluded=col(idx, A2)))
    e = ex.explain(ranking, 1)
    kinds = {f.evidence.hpo_id: (f.evidence.match, [s.id for s in f.path]) for f in e.findings}
    assert kinds[A1] == ("related", [A1, OA, A2, "OMIM:2"])
    assert kinds[B1] == ("exact", [B1, "OMIM:2"])
    assert kinds[A2] == ("absent", [A2, "OMIM:2"])
    b1 = next(f for f in e.findings if f.evidence.hpo_id == B1).evidence
    assert (b1.frequency, b1.frequency_raw, b1.references) == (pytest.approx(0.17), "HP:0040283", ["PMID:201"])
    # contributions are the model's
    np.testing.assert_allclose(sum(f.evidence.contribution for f in e.findings), ranking.llr[1], rtol=1e-5)


def test_index_cache_roundtrip(toy, tmp_path):
    _, idx = toy
    idx.save(tmp_path / "ix")
    back = AnnotationIndex.load(tmp_path / "ix")
    assert back.term_ids == idx.term_ids and back.disease_ids == idx.disease_ids
    for name in ("anc_idx", "prop_freq", "ann_freq", "prop_unknown", "disease_cluster"):
        np.testing.assert_array_equal(getattr(back, name), getattr(idx, name))
    # corruption is detected
    raw = (tmp_path / "ix" / "index.safetensors").read_bytes()
    (tmp_path / "ix" / "index.safetensors").write_bytes(raw[:-8] + b"\0" * 8)
    from kgmed.errors import BundleError

    with pytest.raises(BundleError, match="checksum"):
        AnnotationIndex.load(tmp_path / "ix")


def test_calibration_math():
    cal = Calibrator(temperature=2.0, unlisted_score=1.0, unlisted_per_finding=0.5)
    s = np.array([4.0, 2.0, 0.0])
    p = cal.probabilities(s, n_findings=2)
    e = np.exp(s / 2)
    u = np.exp((1.0 + 0.5 * 2) / 2)
    np.testing.assert_allclose(p, e / (e.sum() + u))
    assert cal.unlisted(s, 2) == pytest.approx(u / (e.sum() + u))
    np.testing.assert_allclose(Calibrator(1.0).probabilities(s).sum(), 1.0)
    # fitting recovers a temperature from synthetic cases drawn from a known softmax
    rng = np.random.default_rng(0)
    S = rng.normal(0, 3, size=(400, 20))
    P = np.exp(S / 1.7)
    P /= P.sum(1, keepdims=True)
    truth = np.array([rng.choice(20, p=p) for p in P])
    assert Calibrator(1.0).fit(S, truth, unlisted=False).temperature == pytest.approx(1.7, rel=0.2)
    conf, ok = np.array([0.05, 0.15, 0.95, 0.95]), np.array([False, False, True, False])
    table = reliability(conf, ok)
    assert table[0]["n"] == 1 and table[9]["n"] == 2 and table[9]["accuracy"] == 0.5
    assert expected_calibration_error(conf, ok) == pytest.approx((0.05 + 0.15 + 2 * 0.45) / 4)


def test_equivalent_diseases_are_merged_when_mapped():
    kg = build_toy_kg(same_as=(("OMIM:1", "ORPHA:3"),))
    idx = AnnotationIndex.build(kg)
    assert idx.has_equivalents and idx.disease_cluster[0] == idx.disease_cluster[2] != idx.disease_cluster[1]
    q = Query(observed=col(idx, A1, B1))
    merged = Ranker(idx, RankerConfig(lr=PARAMS, similarity_weight=2.0)).rank(q)
    plain = Ranker(idx, RankerConfig(lr=PARAMS, similarity_weight=2.0, merge_equivalents=False)).rank(q)
    assert plain.cluster is None and plain.top(3).tolist() == [0, 1, 2]
    assert merged.top(3).tolist() == [0, 1]  # ORPHA:3 is represented by its better equivalent OMIM:1
    assert [merged.rank_of(d) for d in range(3)] == [1, 2, 1]
    assert plain.rank_of(2) == 3
    assert not AnnotationIndex.build(build_toy_kg()).has_equivalents


def test_shipped_configuration_is_the_default_and_serialises():
    from kgmed.rank.defaults import DEFAULT_CALIBRATION, DEFAULT_CONFIG

    assert DEFAULT_CONFIG == RankerConfig()
    assert RankerConfig.from_dict(DEFAULT_CONFIG.to_dict()) == DEFAULT_CONFIG
    assert Calibrator(**DEFAULT_CALIBRATION).temperature > 0
    # excluded findings can only lower a score under the shipped parameters
    p = DEFAULT_CONFIG.lr
    assert 0 < p.excluded_weight <= 1 and 0 < p.excluded_floor <= 1
    with pytest.raises(ValueError, match="excluded_weight"):
        LRParams(excluded_weight=1.5)
    with pytest.raises(ValueError, match="false_positive"):
        LRParams(false_positive=0.0)
