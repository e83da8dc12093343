"""The text encoder's two backends (kgmed.models): sentence-transformers and the checked
ONNX Runtime export, on the packaged all-MiniLM-L6-v2."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from kgmed.models import TextEncoder
from kgmed.models.onnx import export_record, onnx_dir, supports_onnx

TEXTS = ["A 4-year-old boy with seizures since 6 months of age, global developmental delay and hypotonia.",
         "Seizure", "Gait ataxia", "Café-au-lait spots and axillary freckling", "x" * 3000]


@pytest.fixture(scope="module")
def torch_vectors():
    return TextEncoder(backend="torch").encode(TEXTS)


def test_onnx_export_gives_the_same_vectors(torch_vectors):
    enc = TextEncoder()
    got = enc.encode(TEXTS)
    assert enc._onnx is not None                      # exported, checked and used
    assert got.shape == (5, 384) and got.dtype == np.float32
    assert np.abs(got - torch_vectors).max() < 1e-4
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    record = export_record(enc.name)
    assert record["verified"] and record["max_abs_diff"] < 1e-4 and record["max_seq_length"] == 256
    assert enc.encode("Seizure").shape == (384,) and enc.encode([]).shape == (0, 384)


def test_a_later_process_loads_the_export_without_sentence_transformers(torch_vectors):
    TextEncoder().encode("Seizure")                   # make sure the export exists
    code = ("import sys, numpy as np; from kgmed.models import TextEncoder; "
            "v = TextEncoder().encode(['Seizure']); "
            "print(int('sentence_transformers' in sys.modules), int('torch' in sys.modules)); "
            "np.save(sys.argv[1], v)")
    out = os.path.join(os.environ["KGMED_HOME"], "v.npy")
    r = subprocess.run([sys.executable, "-c", code, out], capture_output=True, text=True, env=os.environ, check=True)
    assert r.stdout.split() == ["0", "0"]
    assert np.abs(np.load(out)[0] - torch_vectors[1]).max() < 1e-4


def test_a_corrupted_export_is_made_again(torch_vectors):
    enc = TextEncoder()
    enc.encode("Seizure")
    folder = onnx_dir(enc.name)
    (folder / "model.onnx").write_bytes(b"not an onnx model")
    again = TextEncoder()
    assert np.abs(again.encode(TEXTS) - torch_vectors).max() < 1e-4
    assert (folder / "model.onnx").stat().st_size > 1_000_000


def test_a_failed_check_keeps_sentence_transformers(torch_vectors):
    enc = TextEncoder()
    enc.encode("Seizure")
    path = onnx_dir(enc.name) / "export.json"
    good = path.read_text()
    try:
        path.write_text(json.dumps({**json.loads(good), "verified": False}))
        fallback = TextEncoder()
        assert np.abs(fallback.encode(TEXTS) - torch_vectors).max() < 1e-6
        assert fallback._onnx is None and fallback._st is not None   # not exported again
        with pytest.raises(RuntimeError, match="cannot run on ONNX Runtime"):
            TextEncoder(backend="onnx").encode("Seizure")
    finally:
        path.write_text(good)


def test_backend_choices():
    with pytest.raises(ValueError, match="backend"):
        TextEncoder(backend="tensorrt")
    with pytest.raises(RuntimeError, match="CPU only"):
        TextEncoder(backend="onnx", device="cuda").encode("Seizure")
    assert TextEncoder(backend="torch").encode("Seizure").shape == (384,)


def test_only_models_it_can_reproduce_are_exported(tmp_path):
    from kgmed.models import default_model_path

    assert supports_onnx(default_model_path()) == {"max_seq_length": 256}
    assert supports_onnx(tmp_path) is None            # no sentence-transformers folder
    (tmp_path / "modules.json").write_text(json.dumps([
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}]))
    (tmp_path / "1_Pooling").mkdir()
    (tmp_path / "1_Pooling" / "config.json").write_text(json.dumps({"pooling_mode_cls_token": True}))
    assert supports_onnx(tmp_path) is None            # CLS pooling: not reproduced


def test_an_unwritable_cache_keeps_sentence_transformers(tmp_path, monkeypatch, torch_vectors):
    import kgmed.models.onnx as onnx_mod

    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setattr(onnx_mod, "onnx_dir", lambda name: blocker / name)  # mkdir fails
    enc = TextEncoder()
    assert np.abs(enc.encode(TEXTS) - torch_vectors).max() < 1e-6
    assert enc._onnx is None
