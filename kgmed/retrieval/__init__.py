"""Grounding: KG facts verbalised into sourced statements, indexed with FAISS.

:func:`load_retriever` returns a ready :class:`FactRetriever` for a KG, building the
index once and caching it under ``$KGMED_HOME/retrieval/``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from kgmed.retrieval.facts import Fact, FactTable, check_fact, verbalize
from kgmed.retrieval.index import FactRetriever

__all__ = ["Fact", "FactTable", "FactRetriever", "verbalize", "check_fact", "load_retriever", "retriever_cache_path"]

logger = logging.getLogger(__name__)


def retriever_cache_path(kg, *, encoder=None, embedding: str = "auto", index_type: str = "auto") -> Path:
    """Where the fact index of ``kg`` with these settings is cached."""
    from kgmed.config import home
    from kgmed.models import TextEncoder

    enc = encoder or TextEncoder()
    key = kg.meta.get("key") or "nokey"
    return home() / "retrieval" / f"{key}-{enc.name}-{embedding}-{index_type}"


def load_retriever(kg, *, encoder=None, embedding: str = "auto", index_type: str = "auto",
                   build: bool = True, progress: bool = False) -> FactRetriever | None:
    """The cached fact index of ``kg``; built (and cached) when missing and ``build`` is True.

    Returns ``None`` when there is no cached index and ``build`` is False.
    """
    from kgmed.errors import BundleError
    from kgmed.models import TextEncoder

    enc = encoder or TextEncoder()
    path = retriever_cache_path(kg, encoder=enc, embedding=embedding, index_type=index_type)
    if (path / "manifest.json").is_file():
        try:
            return FactRetriever.load(path, kg, encoder=enc)
        except BundleError as exc:
            logger.warning("rebuilding the fact index: %s", exc)
    if not build:
        return None
    retriever = FactRetriever(encoder=enc, embedding=embedding, index_type=index_type).build(kg, progress=progress)
    if kg.meta.get("key"):
        retriever.save(path)
    return retriever
