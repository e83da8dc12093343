"""A fast CPU path for the text encoder: the same model run by ONNX Runtime.

Loading sentence-transformers takes about 7 s of imports (torch, transformers,
scikit-learn) before the first note can be encoded, most of a `kgmed diagnose` call. The
encoder's network exported once to ONNX and run by ``onnxruntime`` with the
``tokenizers`` tokenizer loads in a quarter of a second and gives the same vectors (max
absolute difference about 1e-7 on MiniLM).

The export runs the first time an encoder is used on CPU (it needs torch, transformers
and the ``onnx`` package, which kgmed depends on), is checked against sentence-transformers
on fixed probe texts, and is kept under ``$KGMED_HOME/models/<model name>/`` with a JSON
record of the check. Only models this module can reproduce exactly are exported: a
sentence-transformers folder of a BERT-like transformer, mean pooling and (optionally)
normalisation; anything else stays on sentence-transformers. No text is stored: the
probes are fixed ontology phrases.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Sequence

import numpy as np

__all__ = ["OnnxEncoder", "onnx_dir", "export_onnx", "export_record", "load_export", "supports_onnx"]

logger = logging.getLogger(__name__)

#: texts the export is checked on (ontology phrases, no patient text)
PROBES = ("Seizure", "Gait ataxia", "Global developmental delay with hypotonia and absent speech",
          "Elevated circulating creatine kinase concentration", "café-au-lait spots")
#: largest absolute difference from sentence-transformers an export may have
TOLERANCE = 1e-4
_FORMAT = 1


def onnx_dir(model_name: str) -> Path:
    """Where the ONNX export of the model named ``model_name`` is kept."""
    from kgmed.config import home

    return home() / "models" / model_name


def supports_onnx(model_path: Path) -> dict | None:
    """The settings to reproduce a sentence-transformers folder with ONNX Runtime, or None
    where it is not a transformer + mean pooling (+ normalize) model with a tokenizer.json
    and case kept as the tokenizer gives it."""
    try:
        modules = json.loads((model_path / "modules.json").read_text())
        kinds = [m["type"].rsplit(".", 1)[-1] for m in modules]
        if kinds not in (["Transformer", "Pooling", "Normalize"], ["Transformer", "Pooling"]):
            return None
        pool_dir = next(m["path"] for m in modules if m["type"].endswith("Pooling"))
        pooling = json.loads((model_path / pool_dir / "config.json").read_text())
        if not pooling.get("pooling_mode_mean_tokens") or any(
                pooling.get(k) for k in ("pooling_mode_cls_token", "pooling_mode_max_tokens",
                                         "pooling_mode_mean_sqrt_len_tokens")):
            return None
        st_config = json.loads((model_path / "sentence_bert_config.json").read_text())
        if st_config.get("do_lower_case") or not (model_path / "tokenizer.json").is_file():
            return None
        return {"max_seq_length": int(st_config.get("max_seq_length") or 512)}
    except (OSError, ValueError, KeyError, StopIteration):
        return None


class OnnxEncoder:
    """Run an exported encoder: tokenize, run the network, mean-pool, L2-normalise (as
    :class:`~kgmed.models.TextEncoder` always does).

    Args:
        folder: an export folder (:func:`export_onnx`).
        model_path: the sentence-transformers folder (its ``tokenizer.json``).
        max_seq_length: truncate inputs to this many tokens.
    """

    def __init__(self, folder: Path, model_path: Path, *, max_seq_length: int):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(model_path / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_seq_length)
        self.tokenizer.enable_padding()
        options = ort.SessionOptions()
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(folder / "model.onnx"), options, providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.dim = int(self.session.get_outputs()[0].shape[-1])

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """``(len(texts), dim)`` float32 vectors; texts are batched by length."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for lo in range(0, len(order), batch_size):
            idx = order[lo: lo + batch_size]
            enc = self.tokenizer.encode_batch([texts[i] for i in idx])
            mask = np.asarray([e.attention_mask for e in enc], dtype=np.int64)
            feeds = {"input_ids": np.asarray([e.ids for e in enc], dtype=np.int64), "attention_mask": mask,
                     "token_type_ids": np.asarray([e.type_ids for e in enc], dtype=np.int64)}
            hidden = self.session.run(None, {k: v for k, v in feeds.items() if k in self.inputs})[0]
            vec = (hidden * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1)
            vec /= np.maximum(np.linalg.norm(vec, axis=1, keepdims=True), 1e-12)
            out[idx] = vec
        return out


def export_record(model_name: str) -> dict | None:
    """The record of the last export of ``model_name`` (None: none, or unreadable)."""
    try:
        record = json.loads((onnx_dir(model_name) / "export.json").read_text())
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) and record.get("format") == _FORMAT else None


def load_export(model_name: str, model_path: Path) -> OnnxEncoder | None:
    """The verified export of ``model_name``, or None (none yet, failed its check, or
    unreadable — a corrupted export is ignored and made again)."""
    folder = onnx_dir(model_name)
    record = export_record(model_name)
    if record is None or not record.get("verified"):
        return None
    try:
        return OnnxEncoder(folder, model_path, max_seq_length=record["max_seq_length"])
    except Exception as exc:  # noqa: BLE001 — a broken cache must not stop encoding
        logger.warning("ignoring unreadable ONNX export %s (%s); it will be made again", folder, exc)
        return None


def export_onnx(model_name: str, model_path: Path, st_model) -> OnnxEncoder | None:
    """Export the transformer of the loaded sentence-transformers model ``st_model`` to
    ONNX, check it against ``st_model`` on :data:`PROBES` and keep it when it agrees.
    Returns the ONNX encoder, or None when the model is not supported or a package is
    missing (the caller keeps using sentence-transformers)."""
    settings = supports_onnx(model_path)
    if settings is None:
        return None
    try:
        import onnx  # noqa: F401 — torch's exporter needs it
        import onnxruntime  # noqa: F401
        import torch
    except ImportError as exc:
        logger.info("no ONNX export of the text encoder (%s); using sentence-transformers", exc)
        return None
    settings["max_seq_length"] = int(getattr(st_model, "max_seq_length", None) or settings["max_seq_length"])
    folder = onnx_dir(model_name)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".model.", suffix=".onnx")
        os.close(fd)
    except OSError as exc:  # a read-only cache: keep sentence-transformers
        logger.warning("cannot write the ONNX export to %s (%s); using sentence-transformers", folder, exc)
        return None
    network = st_model[0].auto_model.to("cpu").eval()

    class _Hidden(torch.nn.Module):  # the network with keyword inputs, last hidden state out
        def __init__(self, net):
            super().__init__()
            self.net = net

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.net(input_ids=input_ids, attention_mask=attention_mask,
                            token_type_ids=token_type_ids).last_hidden_state

    try:
        import warnings

        dummy = torch.ones((2, 8), dtype=torch.long)
        axes = {0: "batch", 1: "tokens"}
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")
            torch.onnx.export(_Hidden(network), (dummy, dummy, torch.zeros_like(dummy)), tmp,
                              input_names=["input_ids", "attention_mask", "token_type_ids"],
                              output_names=["last_hidden_state"],
                              dynamic_axes={"input_ids": axes, "attention_mask": axes, "token_type_ids": axes,
                                            "last_hidden_state": axes},
                              opset_version=17, dynamo=False)
        os.replace(tmp, folder / "model.onnx")
        enc = OnnxEncoder(folder, model_path, **settings)
        want = st_model.encode(list(PROBES), convert_to_numpy=True, normalize_embeddings=True, show_progress_bar=False)
        diff = float(np.abs(enc.encode(list(PROBES)) - want).max())
    except Exception as exc:  # noqa: BLE001 — exporting is an optimisation, never a failure
        logger.warning("could not export the text encoder to ONNX (%s); using sentence-transformers", exc)
        Path(tmp).unlink(missing_ok=True)
        return None
    verified = diff <= TOLERANCE
    record = {"format": _FORMAT, "verified": verified, "max_abs_diff": diff, "tolerance": TOLERANCE,
              "probes": len(PROBES), "torch": torch.__version__, **settings}
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".export.", suffix=".json")
        with os.fdopen(fd, "w") as fh:
            fh.write(json.dumps(record, indent=2) + "\n")
        os.replace(tmp, folder / "export.json")
    except OSError as exc:
        logger.warning("cannot record the ONNX export in %s (%s)", folder, exc)
    if not verified:
        logger.warning("ONNX export of %s differs from sentence-transformers by %.2g; not used", model_name, diff)
        return None
    logger.info("exported the text encoder to ONNX in %s (max difference %.1g)", folder, diff)
    return enc
