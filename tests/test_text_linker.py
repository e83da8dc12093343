"""The learned linker on a tiny subset of HPO: pairs, a few training steps, the safetensors
cache, linking through the recognizer (no full training or 40k-name embedding here)."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("faiss")
pytest.importorskip("sentence_transformers")

from kgmed.text import ConceptRecognizer, LearnedLinker  # noqa: E402
from kgmed.text import linker as linker_module  # noqa: E402
from kgmed.text.linker import train_linker_model, training_pairs  # noqa: E402

GAIT = "HP:0001288"  # Gait disturbance


@pytest.fixture(scope="module")
def subset_rows(default_kg):
    kg = default_kg
    rows = set(kg.descendant_rows(kg.index(GAIT)).tolist())
    for extra in ("HP:0001250", "HP:0001252", "HP:0000518", "HP:0002315", "HP:0000252", "HP:0001263"):
        rows.add(kg.index(extra))
    return sorted(rows)


@pytest.fixture(scope="module")
def model_dir(default_kg, subset_rows, tmp_path_factory):
    out = tmp_path_factory.mktemp("linker") / "model"
    return train_linker_model(default_kg, rows=subset_rows, out_dir=out, steps=3, batch_size=8, warmup=1, threads=1)


def test_training_pairs_come_from_hpo_names(default_kg, subset_rows):
    pairs = training_pairs(default_kg, rows=subset_rows)
    labels = default_kg.nodes["label"].tolist()
    assert pairs and all(label == labels[row] for _, label, row in pairs)
    assert all(name.lower() != label.lower() for name, label, _ in pairs)
    gdd = default_kg.index("HP:0001263")
    assert ("Developmental delay", "Global developmental delay", gdd) in pairs
    syn = default_kg.synonyms
    scopes = {}
    for t, r, sc in zip(syn["text"], syn["node"], syn["scope"]):
        scopes.setdefault((t, r), set()).add(sc)
    # BROAD and NARROW synonyms are not paraphrases of the term: not trained on
    assert all(scopes.get((n, r), {"EXACT"}) - {"BROAD", "NARROW"} for n, _, r in pairs)
    assert training_pairs(default_kg, rows=subset_rows) == pairs  # deterministic


def test_model_saved_as_safetensors_and_reused(default_kg, subset_rows, model_dir, monkeypatch):
    files = {p.name for p in model_dir.iterdir()}
    assert "model.safetensors" in files and "training.json" in files
    assert not any(f.endswith((".bin", ".pt", ".pkl", ".pickle")) for f in files)
    info = json.loads((model_dir / "training.json").read_text())
    assert info["steps"] == 3 and info["options"]["batch_size"] == 8 and info["pairs"] > 8
    monkeypatch.setattr(linker_module, "_step", lambda *a, **k: pytest.fail("retrained"))
    again = train_linker_model(default_kg, rows=subset_rows, out_dir=model_dir, steps=3, batch_size=8, warmup=1)
    assert again == model_dir
    with pytest.raises(TypeError, match="unknown training option"):
        train_linker_model(default_kg, rows=subset_rows, out_dir=model_dir, epochs=2)


def test_linker_links_paraphrases(default_kg, subset_rows, model_dir):
    linker = LearnedLinker(default_kg, model=str(model_dir), rows=subset_rows, threshold=0.6, cache=False).build()
    hits = linker.search(["can't walk steadily"], k=3)[0]
    gait = set(default_kg.descendants(GAIT, include_self=True))
    assert hits[0][0] in gait
    assert linker.describe()["learned"] is True
    rec = ConceptRecognizer(default_kg, dense=linker).build()
    fs = rec.recognize("The boy can't walk steadily. No seizures.")
    assert [f for f in fs if f.method == "dense" and f.hpo_id in gait]
    assert ("HP:0001250", "excluded") in {(f.hpo_id, f.status) for f in fs}
