"""The dense fallback on a small subset of HPO (a few hundred names, so CPU CI stays fast)."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("faiss")
pytest.importorskip("sentence_transformers")

from kgmed.text import ConceptRecognizer, DenseLinker  # noqa: E402

GAIT = "HP:0001288"  # Gait disturbance


@pytest.fixture(scope="module")
def subset_rows(default_kg):
    kg = default_kg
    rows = set(kg.descendant_rows(kg.index(GAIT)).tolist())
    for extra in ("HP:0001250", "HP:0001252", "HP:0000518", "HP:0002315", "HP:0000252"):
        rows.add(kg.index(extra))
    return sorted(rows)


@pytest.fixture(scope="module")
def linker(default_kg, subset_rows):
    return DenseLinker(default_kg, rows=subset_rows, threshold=0.7, cache=True).build()


def test_search_paraphrase(linker, default_kg):
    hits = linker.search(["can't walk steadily", "unsteady when walking"], k=3)
    assert len(hits) == 2 and len(hits[0]) == 3
    gait = set(default_kg.descendants(GAIT, include_self=True))
    assert hits[0][0][0] in gait and hits[1][0][0] in gait
    scores = [h[3] for h in hits[0]]
    assert scores == sorted(scores, reverse=True) and 0 < scores[0] <= 1.0001
    assert linker.search([], k=3) == []
    assert len(linker.search(["gait"], k=10_000)[0]) == linker.index_.ntotal  # k capped


def test_recognizer_uses_dense_for_uncovered_phrases(default_kg, linker):
    rec = ConceptRecognizer(default_kg, dense=linker).build()
    fs = rec.recognize("The boy can't walk steadily. No seizures.")
    dense = [f for f in fs if f.method == "dense"]
    assert dense, fs
    f = dense[0]
    assert f.hpo_id in set(default_kg.descendants(GAIT, include_self=True))
    assert f.status == "present"  # "can't" is an inability, not a negation
    assert "walk" in f.text and 0.7 <= f.confidence <= 1.0
    assert ("HP:0001250", "excluded", "dictionary") in {(x.hpo_id, x.status, x.method) for x in fs}
    # phrases covered by dictionary matches are never re-linked
    assert not [f for f in rec.recognize("Seizures and hypotonia.") if f.method == "dense"]


def test_threshold_and_bounds(default_kg, linker):
    strict = DenseLinker(default_kg, rows=list(linker.name_rows_[:5]), threshold=1.01, cache=False,
                         model=linker.model_, max_phrases=3).build()
    from kgmed.text.context import clause_breaks
    from kgmed.text.normalize import tokenize

    toks = tokenize("walking is unsteady and clumsy")
    assert strict.link(toks, clause_breaks(toks), []) == []  # nothing reaches a threshold above 1
    toks = tokenize(" ".join(["unsteady walking gait clumsy"] * 50))
    assert len(strict.phrases(toks, clause_breaks(toks).barrier, [False] * len(toks))) == 3


def test_cache_roundtrip(default_kg, linker, subset_rows, monkeypatch):
    again = DenseLinker(default_kg, rows=subset_rows, model=linker.model_)
    monkeypatch.setattr(again, "_encode", lambda texts: (_ for _ in ()).throw(AssertionError("re-encoded")),
                        raising=False)
    monkeypatch.setattr(DenseLinker, "_encode", lambda self, texts: (_ for _ in ()).throw(AssertionError("x")))
    again.build()  # loads the cached embeddings: no encoding
    assert again.index_.ntotal == linker.index_.ntotal
    path = again._cache_dir(again.names_)
    assert (path / "embeddings.safetensors").is_file() and (path / "names.json").is_file()
    (path / "embeddings.safetensors").write_bytes(b"corrupted")
    assert again._load_cache(path, len(again.names_)) is None  # unusable cache: re-embed, never crash


def test_not_built(default_kg):
    with pytest.raises(RuntimeError, match="build"):
        DenseLinker(default_kg).search(["x"])


def test_embeddings_are_unit_vectors(linker):
    v = linker.index_.reconstruct(0)
    assert np.isclose(np.linalg.norm(v), 1.0, atol=1e-2)
