"""The peer recognizer wrapper (kgmed.eval.peers): FastHPOCR indexed from an OBO file and
scored by kgmed's own evaluation code."""

from __future__ import annotations

import pytest

pytest.importorskip("FastHPOCR")

from kgmed.errors import InputError  # noqa: E402
from kgmed.eval.peers import FastHPOCR, _prepare_clusters  # noqa: E402
from kgmed.eval.recognition import GoldAnnotation, GoldDocument, evaluate_recognition  # noqa: E402

MINI_HPO = """format-version: 1.2
synonymtypedef: layperson "layperson term"
ontology: hp

[Term]
id: HP:0000001
name: All

[Term]
id: HP:0000118
name: Phenotypic abnormality
is_a: HP:0000001 ! All

[Term]
id: HP:0000707
name: Abnormality of the nervous system
is_a: HP:0000118 ! Phenotypic abnormality

[Term]
id: HP:0001250
name: Seizure
synonym: "Seizures" EXACT []
synonym: "Epileptic seizure" EXACT []
is_a: HP:0000707 ! Abnormality of the nervous system

[Term]
id: HP:0001252
name: Hypotonia
synonym: "Low muscle tone" EXACT layperson []
is_a: HP:0000707 ! Abnormality of the nervous system
"""


@pytest.fixture(scope="module")
def mini_peer(tmp_path_factory):
    d = tmp_path_factory.mktemp("fasthpocr")
    obo = d / "hp.obo"
    obo.write_text(MINI_HPO)
    return FastHPOCR(obo, cache_dir=d / "cache")


def test_cluster_preparation_matches_fasthpocr(mini_peer):
    """The linear-time cluster serialisation gives FastHPOCR's own (quadratic) result."""
    from FastHPOCR.cr.CRIndexKB import CRIndexKB

    base = {"seizure": "C1", "seizures": "C1", "tone": "C2", "tones": "C2", "low": "C3", "lower": "C3"}
    ours, theirs = CRIndexKB(), CRIndexKB()
    for kb in (ours, theirs):
        kb.clusters = {}
        kb.invertedClusters = {"seizure": "C1", "hypotonia": "C9", "tone": "C2"}
    theirs.prepareClustersToSerialise(base)
    _prepare_clusters(ours, base)
    assert ours.clusters == theirs.clusters
    assert ours.clusters["C1"] == ["seizure", "seizures"] and ours.clusters["C9"] == ["hypotonia"]


def test_peer_recognizes_and_is_scored_like_kgmed(mini_peer, default_kg):
    text = "A girl with recurrent seizures and low muscle tone."
    found = mini_peer(text)
    by_id = {f.hpo_id: f for f in found}
    assert set(by_id) == {"HP:0001250", "HP:0001252"}
    seizure = by_id["HP:0001250"]
    assert (seizure.start, seizure.end) == (22, 30) and text[seizure.start:seizure.end] == "seizures"
    assert all(f.method == "fasthpocr" and f.status == "present" for f in found)
    assert mini_peer.index_seconds is not None and (mini_peer.index_dir / "hp.index").is_file()

    gold = [GoldDocument("d1", text, [GoldAnnotation(22, 30, "HP:0001250", "seizures")])]
    res = evaluate_recognition(gold, mini_peer, kg=default_kg, config={"peer": mini_peer.describe()})
    assert res.metrics["document"]["tp"] == 1 and res.metrics["document"]["predicted"] == 2
    assert res.metrics["mention"]["recall"] == 1.0
    assert res.config["peer"]["peer"] == "fasthpocr"


def test_peer_reuses_its_index(mini_peer):
    again = FastHPOCR(mini_peer.obo, cache_dir=mini_peer.index_dir.parent)
    assert again.index_seconds is None and again.index_dir == mini_peer.index_dir


def test_missing_obo_is_named(tmp_path):
    with pytest.raises(InputError, match="nope.obo"):
        FastHPOCR(tmp_path / "nope.obo", cache_dir=tmp_path)


def test_unreadable_obo_is_named(tmp_path):
    bad = tmp_path / "bad.obo"
    bad.write_text(MINI_HPO.replace("synonymtypedef: layperson \"layperson term\"\n", ""))
    with pytest.raises(InputError, match="bad.obo"):
        FastHPOCR(bad, cache_dir=tmp_path / "cache")
