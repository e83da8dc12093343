"""A persistent cache of embeddings of *ontology* texts (labels, synonyms, fact texts).

Embedding the ~40k labels and synonyms of HPO takes minutes on a CPU; they never change
for a given model, so they are computed once and stored under
``$KGMED_HOME/embeddings/<model name>/`` as safetensors (vectors) + JSON (texts).

Patient text must never go through this cache: only vocabulary from the KG does.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Sequence

import numpy as np

from kgmed.config import home

__all__ = ["encode_vocabulary"]

logger = logging.getLogger(__name__)


def _paths(model_name: str) -> tuple[Path, Path]:
    root = home() / "embeddings" / model_name
    return root / "vectors.safetensors", root / "texts.json"


def _load(model_name: str) -> tuple[list[str], np.ndarray | None]:
    from safetensors.numpy import load_file

    vec_path, txt_path = _paths(model_name)
    if not (vec_path.is_file() and txt_path.is_file()):
        return [], None
    try:
        texts = json.loads(txt_path.read_text())
        vectors = load_file(str(vec_path))["vectors"]
    except Exception as exc:  # a corrupted cache is rebuilt, never trusted
        logger.warning("ignoring unreadable embedding cache %s (%s)", vec_path.parent, exc)
        return [], None
    if len(texts) != len(vectors):
        logger.warning("ignoring inconsistent embedding cache %s", vec_path.parent)
        return [], None
    return texts, vectors


def _save(model_name: str, texts: list[str], vectors: np.ndarray) -> None:
    from safetensors.numpy import save_file

    vec_path, txt_path = _paths(model_name)
    vec_path.parent.mkdir(parents=True, exist_ok=True)
    for path, writer in ((vec_path, lambda p: save_file({"vectors": np.ascontiguousarray(vectors)}, p)),
                         (txt_path, lambda p: Path(p).write_text(json.dumps(texts)))):
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        os.close(fd)
        try:
            writer(tmp)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)


def encode_vocabulary(encoder, texts: Sequence[str], *, show_progress_bar: bool = False,
                      cache: bool = True) -> np.ndarray:
    """Embeddings of ontology ``texts`` (float32, L2-normalised), reusing cached ones.

    Args:
        encoder: a :class:`~kgmed.models.TextEncoder`.
        texts: KG vocabulary only (labels, synonyms, fact texts) — never patient text.
        cache: read and extend the on-disk cache of this encoder.
    """
    texts = list(texts)
    if not cache:
        return encoder.encode(texts, show_progress_bar=show_progress_bar)
    known, vectors = _load(encoder.name)
    pos = {t: i for i, t in enumerate(known)}
    missing = sorted({t for t in texts if t not in pos})
    if missing:
        logger.info("embedding %d new vocabulary texts with %s", len(missing), encoder.name)
        new = encoder.encode(missing, show_progress_bar=show_progress_bar)
        vectors = new if vectors is None else np.concatenate([vectors, new])
        for t in missing:
            pos[t] = len(pos)
        known = known + missing
        _save(encoder.name, known, vectors)
    idx = np.fromiter((pos[t] for t in texts), dtype=np.int64, count=len(texts))
    return vectors[idx] if len(idx) else np.zeros((0, encoder.dim), dtype=np.float32)
