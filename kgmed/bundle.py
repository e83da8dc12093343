"""A model bundle: everything an :class:`~kgmed.Engine` needs, in one folder.

Build once (possibly on a bigger machine), copy the folder, diagnose offline anywhere::

    kgmed bundle ./kgmed-hpo-2025-01-16                 # from the default KG
    kgmed diagnose "…" --kg ./kgmed-hpo-2025-01-16

Layout::

    manifest.json   format, kgmed version, KG key and releases, ranking configuration,
                    calibration, text encoder, components present
    kg/             the knowledge graph (Arrow tables + manifest)
    rank/           the annotation index (safetensors + JSON)
    retrieval/      the fact index (Arrow facts, FAISS index, safetensors label vectors)

Nothing in a bundle is pickled: loading one never executes code from it. Each part checks
that it belongs to the bundle's KG (by its content key) and fails with a
:class:`~kgmed.errors.BundleError` naming the part otherwise.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from kgmed._version import __version__
from kgmed.errors import BundleError

__all__ = ["save_bundle", "load_bundle", "is_bundle"]

_FORMAT = "kgmed-bundle"


def is_bundle(path: str | Path) -> bool:
    """True when ``path`` is a folder written by :func:`save_bundle`."""
    try:
        return json.loads((Path(path) / "manifest.json").read_text()).get("format") == _FORMAT
    except (OSError, ValueError):
        return False


def save_bundle(engine, path: str | Path) -> Path:
    """Write ``engine``'s KG, annotation index and (when it has one) fact index to ``path``,
    atomically."""
    from dataclasses import asdict

    from kgmed.kg.storage import atomic_directory

    path = Path(path)
    retriever = engine.get_retriever()
    with atomic_directory(path) as tmp:
        engine.kg.save(tmp / "kg")
        engine.index.save(tmp / "rank")
        if retriever is not None:
            retriever.save(tmp / "retrieval")
        manifest = {
            "format": _FORMAT,
            "kgmed_version": __version__,
            "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "kg_key": engine.kg.meta.get("key"),
            "sources": {k: v.get("release") for k, v in engine.kg.sources.items()},
            "ranker": engine.ranker.config.to_dict(),
            "calibration": asdict(engine.calibrator),
            "components": ["kg", "rank"] + (["retrieval"] if retriever is not None else []),
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return path


def load_bundle(path: str | Path, **engine_kwargs):
    """An :class:`~kgmed.Engine` from a bundle folder (``engine_kwargs`` go to the engine:
    ``grounding``, ``support`` …; the bundle's ranking configuration and calibration are
    used unless given)."""
    from kgmed.engine import Engine
    from kgmed.kg import KnowledgeGraph
    from kgmed.rank import AnnotationIndex, Calibrator, RankerConfig

    path = Path(path)
    try:
        manifest = json.loads((path / "manifest.json").read_text())
    except (OSError, ValueError) as exc:
        raise BundleError(f"{path}: not a kgmed bundle ({exc})") from None
    if manifest.get("format") != _FORMAT:
        raise BundleError(f"{path}: not a kgmed bundle (format={manifest.get('format')!r})")
    kg = KnowledgeGraph.load(path / "kg")
    if kg.meta.get("key") != manifest.get("kg_key"):
        raise BundleError(f"{path}/kg: KG key {kg.meta.get('key')} is not the bundle's {manifest.get('kg_key')}")
    index = AnnotationIndex.load(path / "rank")
    if index.kg_key != manifest.get("kg_key"):
        raise BundleError(f"{path}/rank: built for KG {index.kg_key}, not the bundle's {manifest.get('kg_key')}")
    retriever = None
    if "retrieval" in manifest.get("components", []) and engine_kwargs.get("grounding", "auto") is not False:
        from kgmed.retrieval import FactRetriever

        retriever = FactRetriever.load(path / "retrieval", kg)
    engine_kwargs.setdefault("config", RankerConfig.from_dict(manifest["ranker"]))
    if "temperature" not in engine_kwargs:
        engine_kwargs["calibrator"] = Calibrator(**manifest["calibration"])
    return Engine(kg, index=index, retriever=retriever, **engine_kwargs)
