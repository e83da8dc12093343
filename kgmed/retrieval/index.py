"""A FAISS index over the KG's facts, searchable globally or within one disease.

Index type, chosen by size unless configured (``index_type``):

* ``flat``: exact inner product (:class:`faiss.IndexFlatIP`), for up to ``exact_max``
  facts (100k by default);
* ``hnsw``: :class:`faiss.IndexHNSWFlat` graph search for larger sets (the default HPO KG
  has ~300k facts); its flat storage still serves exact per-disease search;
* ``ivf``: :class:`faiss.IndexIVFFlat` (``nlist ≈ 4·√n``, ``nprobe`` lists per query).

With ``faiss-gpu`` installed and a CUDA device, flat and IVF indices are moved to the GPU
(``use_gpu="auto"``).

Per-disease search (``cluster=``) is always exact: facts are stored ordered by disease
cluster (see :mod:`kgmed.retrieval.facts`), so it is a FAISS search restricted with an
:class:`faiss.IDSelectorRange` over that disease's contiguous id range.

Fact embeddings (``embedding``):

* ``full``: each fact's sentence is encoded by the text encoder;
* ``compositional``: a fact's vector is composed from the encoder's embeddings of the
  labels it joins, ``normalize(e(tail) + 0.5·e(head))`` (tail: the phenotype, gene or
  action; head: the disease). The default HPO KG has ~300k facts but only ~37k distinct
  labels: composing costs about 1/8 of the encoder time of ``full`` on a CPU, and a finding
  query ``e(label)`` then scores a disease's facts by how close their phenotype is to the
  finding.
* ``auto``: ``full`` up to 20k facts or on a GPU, else ``compositional``.
"""

from __future__ import annotations

import json
import logging
import math
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from kgmed._version import __version__
from kgmed.errors import BundleError, InputError
from kgmed.kg.graph import KnowledgeGraph
from kgmed.retrieval.facts import Fact, FactTable, verbalize

__all__ = ["FactRetriever"]

logger = logging.getLogger(__name__)

_HEAD_WEIGHT = 0.5
_FORMAT = "kgmed-fact-index"


def _faiss():
    try:
        import faiss
    except ImportError as exc:
        raise ImportError("fact retrieval needs FAISS: pip install faiss-cpu (or faiss-gpu-cu12)") from exc
    return faiss


def _gpu_available(faiss) -> bool:
    if not hasattr(faiss, "StandardGpuResources"):
        return False
    try:
        return faiss.get_num_gpus() > 0
    except Exception:  # pragma: no cover - a broken CUDA install
        return False


@dataclass
class _Built:
    facts: FactTable
    index: object
    kind: str
    embedding: str


class FactRetriever:
    """Build, save, load and search a FAISS index over a KG's verbalised facts.

    Args:
        encoder: a :class:`~kgmed.models.TextEncoder` (default: all-MiniLM-L6-v2).
        index_type: ``"auto"``, ``"flat"``, ``"hnsw"`` or ``"ivf"``.
        embedding: ``"auto"``, ``"full"`` or ``"compositional"`` (module doc).
        exact_max: the largest fact count for which ``auto`` picks ``flat``.
        hnsw_m, ef_search: HNSW graph degree and search breadth.
        nprobe: IVF lists visited per query.
        use_gpu: ``"auto"`` (when faiss-gpu and CUDA are present), True or False.

    Example::

        retriever = FactRetriever().build(kg, progress=True)
        facts = retriever.search("tall, long fingers, lens dislocation", k=5,
                                 disease="OMIM:154700")
    """

    def __init__(self, *, encoder=None, index_type: str = "auto", embedding: str = "auto",
                 exact_max: int = 100_000, hnsw_m: int = 32, ef_search: int = 128, nprobe: int = 16,
                 use_gpu: str | bool = "auto"):
        if index_type not in ("auto", "flat", "hnsw", "ivf"):
            raise ValueError(f"index_type must be auto, flat, hnsw or ivf, got {index_type!r}")
        if embedding not in ("auto", "full", "compositional"):
            raise ValueError(f"embedding must be auto, full or compositional, got {embedding!r}")
        self.encoder = encoder
        self.index_type = index_type
        self.embedding = embedding
        self.exact_max = exact_max
        self.hnsw_m = hnsw_m
        self.ef_search = ef_search
        self.nprobe = nprobe
        self.use_gpu = use_gpu

    # ---------------------------------------------------------------- build
    def _encoder(self):
        if self.encoder is None:
            from kgmed.models import TextEncoder

            self.encoder = TextEncoder()
        return self.encoder

    def label_vectors(self, kg: KnowledgeGraph, rows: np.ndarray, *, progress: bool = False) -> np.ndarray:
        """Encoder embeddings of the labels of KG node ``rows``.

        Served from the index's own table of label vectors (every phenotype and every node
        a fact joins) when possible, else from the vocabulary cache / the encoder.
        """
        rows = np.asarray(rows, dtype=np.int64)
        known = getattr(self, "_node_rows", None)
        if known is not None and len(rows):
            pos = np.searchsorted(known, rows)
            pos = np.minimum(pos, len(known) - 1)
            if np.all(known[pos] == rows):
                return self._node_vecs[pos]
        from kgmed.models.cache import encode_vocabulary

        labels = kg.nodes["label"].to_numpy(dtype=object)[rows]
        labels = np.where(labels == "", kg.nodes["id"].to_numpy(dtype=object)[rows], labels)
        return encode_vocabulary(self._encoder(), labels.tolist(), show_progress_bar=progress)

    def _embed(self, kg: KnowledgeGraph, facts: FactTable, mode: str, progress: bool) -> np.ndarray:
        t = facts.table
        if mode == "full":
            from kgmed.models.cache import encode_vocabulary

            texts = t["text"].str.replace(r"\s*\[[^\]]*\]$", "", regex=True).tolist()
            return encode_vocabulary(self._encoder(), texts, show_progress_bar=progress)
        rows = np.unique(np.concatenate([t["head"].to_numpy(), t["tail"].to_numpy()]))
        vec = self.label_vectors(kg, rows, progress=progress)
        pos = np.searchsorted(rows, t["head"].to_numpy()), np.searchsorted(rows, t["tail"].to_numpy())
        head, tail = vec[pos[0]], vec[pos[1]]
        same = (t["head"].to_numpy() == t["tail"].to_numpy())[:, None]
        out = np.where(same, tail, tail + _HEAD_WEIGHT * head).astype(np.float32)
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
        return out

    def _make_index(self, vectors: np.ndarray, kind: str):
        faiss = _faiss()
        n, d = vectors.shape
        if kind == "flat":
            index = faiss.IndexFlatIP(d)
        elif kind == "hnsw":
            index = faiss.IndexHNSWFlat(d, self.hnsw_m, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = 80
        else:
            nlist = max(1, min(int(4 * math.sqrt(n)), n // 39))  # FAISS wants >= 39 points per list
            quantizer = faiss.IndexFlatIP(d)
            index = faiss.IndexIVFFlat(quantizer, d, nlist, faiss.METRIC_INNER_PRODUCT)
            index.train(vectors[np.random.default_rng(0).permutation(n)[: max(nlist * 40, 10_000)]])
        index.add(vectors)
        return index

    def build(self, kg: KnowledgeGraph, *, facts: FactTable | None = None, progress: bool = False) -> "FactRetriever":
        """Verbalise ``kg`` (unless ``facts`` is given), embed the facts and index them."""
        t0 = time.perf_counter()
        facts = facts if facts is not None else verbalize(kg)
        if len(facts) == 0:
            raise InputError("the KG has no facts to index")
        n = len(facts)
        gpu = self.use_gpu is True or (self.use_gpu == "auto" and _gpu_available(_faiss()))
        mode = self.embedding
        if mode == "auto":
            mode = "full" if (n <= 20_000 or gpu) else "compositional"
        kind = self.index_type if self.index_type != "auto" else ("flat" if n <= self.exact_max else "hnsw")
        t = facts.table
        node_rows = np.unique(np.concatenate(
            [t["head"].to_numpy(), t["tail"].to_numpy(), np.flatnonzero(kg.type_mask("phenotype"))]))
        self._node_rows, self._node_vecs = None, None
        self._node_vecs = self.label_vectors(kg, node_rows, progress=progress)
        self._node_rows = node_rows
        vectors = self._embed(kg, facts, mode, progress)
        index = self._make_index(vectors, kind)
        self._built = _Built(facts, index, kind, mode)
        self._kg = kg
        self._prepare_search(gpu)
        logger.info("indexed %d facts (%s, %s embeddings) in %.1fs", n, kind, mode, time.perf_counter() - t0)
        return self

    def _prepare_search(self, gpu: bool) -> None:
        faiss = _faiss()
        b = self._built
        if b.kind == "hnsw":
            b.index.hnsw.efSearch = self.ef_search
            self._exact = faiss.downcast_index(b.index.storage)
        elif b.kind == "ivf":
            b.index.nprobe = self.nprobe
            self._exact = None
        else:
            self._exact = b.index
        self._search_index = b.index
        if gpu and b.kind in ("flat", "ivf") and _gpu_available(faiss):
            self._gpu_res = faiss.StandardGpuResources()
            self._search_index = faiss.index_cpu_to_gpu(self._gpu_res, 0, b.index)
            logger.info("fact index moved to the GPU")

    # --------------------------------------------------------------- search
    @property
    def facts(self) -> FactTable:
        self._check_built()
        return self._built.facts

    @property
    def info(self) -> dict:
        """Index kind, embedding mode and size."""
        self._check_built()
        return {"index": self._built.kind, "embedding": self._built.embedding, "facts": len(self._built.facts)}

    def _check_built(self) -> None:
        if getattr(self, "_built", None) is None:
            raise RuntimeError("the retriever has no index: call build(kg) or FactRetriever.load(path, kg) first")

    def cluster_of(self, disease: str | int) -> int:
        """The same-as cluster of a disease (CURIE or KG row)."""
        row = disease if isinstance(disease, (int, np.integer)) else self._kg.index(disease)
        return int(self._kg.clusters[int(row)])

    def search_vectors(self, queries: np.ndarray, *, k: int = 10, cluster: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Inner-product search: ``(scores, fact rows)``, each ``(n_queries, k)``; -1 pads.

        ``cluster`` restricts the search (exactly) to one disease cluster's facts.
        """
        self._check_built()
        faiss = _faiss()
        q = np.ascontiguousarray(np.atleast_2d(queries), dtype=np.float32)
        if cluster is None:
            k = min(k, len(self._built.facts))
            return self._search_index.search(q, k)
        start, end = self._built.facts.cluster_range(cluster)
        if end <= start:
            return np.full((len(q), 0), -np.inf, np.float32), np.full((len(q), 0), -1, np.int64)
        k = min(k, end - start)
        sel = faiss.IDSelectorRange(start, end, True)
        if self._exact is not None:
            return self._exact.search(q, k, params=faiss.SearchParameters(sel=sel))
        # IVF: visit every list, keep only the range (exact within the disease).
        ivf = self._built.index
        return ivf.search(q, k, params=faiss.SearchParametersIVF(sel=sel, nprobe=ivf.nlist))

    def search(self, query: str | np.ndarray, *, k: int = 10, disease: str | int | None = None) -> list[Fact]:
        """The ``k`` facts most similar to ``query`` (text or vector), best first,
        optionally only those about ``disease`` (and its same-as equivalents).

        The query text is encoded in memory only: it is never logged or cached.
        """
        if isinstance(query, str):
            if not query.strip():
                raise InputError("empty query: give a text or a vector")
            vec = self._encoder().encode(query)
        else:
            vec = np.asarray(query, dtype=np.float32)
        cluster = None if disease is None else self.cluster_of(disease)
        scores, rows = self.search_vectors(vec, k=k, cluster=cluster)
        return [self._built.facts.fact(r, self._kg, float(s)) for s, r in zip(scores[0], rows[0]) if r >= 0]

    def encode_query(self, text: str) -> np.ndarray:
        """The query vector of a text (in memory only: never logged or cached)."""
        return self._encoder().encode(text)

    def warm_up(self) -> "FactRetriever":
        """Load the text encoder now, so the first note-based query is fast."""
        self._encoder().encode("warm up")
        return self

    def supporting_facts(self, disease: str | int, *, finding_ids: Sequence[str] = (),
                         note: "str | np.ndarray | None" = None, k: int = 10) -> list[Fact]:
        """Facts about ``disease`` that best support a patient's findings (and note).

        Dense retrieval within the disease's facts, re-ranked with the KG's hierarchy:
        see :func:`kgmed.retrieval.grounding.supporting_facts`.
        """
        from kgmed.retrieval.grounding import supporting_facts

        return supporting_facts(self, disease, finding_ids=finding_ids, note=note, k=k)

    def fact_rows(self, rows: Sequence[int], scores: Sequence[float] | None = None) -> list[Fact]:
        """:class:`Fact` objects for fact ``rows`` (with their scores)."""
        scores = scores if scores is not None else [None] * len(rows)
        return [self._built.facts.fact(r, self._kg, s) for r, s in zip(rows, scores)]

    # ---------------------------------------------------------- save / load
    def save(self, path: str | Path) -> Path:
        """Write facts (Arrow), index (FAISS's own format) and a JSON manifest, atomically."""
        import pyarrow as pa
        import pyarrow.feather as feather

        from kgmed.kg.storage import atomic_directory

        self._check_built()
        faiss = _faiss()
        path = Path(path)
        b = self._built
        with atomic_directory(path) as tmp:
            feather.write_feather(pa.Table.from_pandas(b.facts.table, preserve_index=False), tmp / "facts.arrow",
                                  compression="uncompressed")
            faiss.write_index(b.index, str(tmp / "index.faiss"))
            from safetensors.numpy import save_file

            save_file({"rows": self._node_rows, "vectors": np.ascontiguousarray(self._node_vecs)},
                      str(tmp / "labels.safetensors"))
            manifest = {
                "format": _FORMAT, "kgmed_version": __version__, "kg_key": b.facts.kg_key,
                "index": b.kind, "embedding": b.embedding, "facts": len(b.facts),
                "encoder": self._encoder().name, "hnsw_m": self.hnsw_m, "ef_search": self.ef_search,
                "nprobe": self.nprobe,
            }
            (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
        return path

    @classmethod
    def load(cls, path: str | Path, kg: KnowledgeGraph, *, encoder=None, use_gpu: str | bool = "auto") -> "FactRetriever":
        """Load an index saved by :meth:`save` for ``kg`` (checked: same KG key, same encoder)."""
        import pyarrow.feather as feather

        faiss = _faiss()
        path = Path(path)
        try:
            manifest = json.loads((path / "manifest.json").read_text())
        except (OSError, json.JSONDecodeError) as exc:
            raise BundleError(f"{path}: not a saved fact index ({exc})") from None
        if manifest.get("format") != _FORMAT:
            raise BundleError(f"{path}: not a kgmed fact index")
        if manifest.get("kg_key") != kg.meta.get("key"):
            raise BundleError(f"{path}: built for KG {manifest.get('kg_key')}, not this KG ({kg.meta.get('key')}); rebuild it")
        self = cls(encoder=encoder, index_type=manifest["index"], embedding=manifest["embedding"],
                   hnsw_m=manifest.get("hnsw_m", 32), ef_search=manifest.get("ef_search", 128),
                   nprobe=manifest.get("nprobe", 16), use_gpu=use_gpu)
        if self._encoder().name != manifest.get("encoder"):
            raise BundleError(f"{path}: built with encoder {manifest.get('encoder')}, not {self._encoder().name}")
        try:
            from safetensors.numpy import load_file

            table = feather.read_table(path / "facts.arrow", memory_map=True).to_pandas()
            # Memory-map the index file (read-only) where FAISS supports it: loading is then
            # nearly free and pages come in as searches touch them.
            flag = getattr(faiss, "IO_FLAG_MMAP_IFC", 0) | getattr(faiss, "IO_FLAG_READ_ONLY", 0)
            index = faiss.read_index(str(path / "index.faiss"), flag)
            labels = load_file(str(path / "labels.safetensors"))
        except Exception as exc:
            raise BundleError(f"{path}: corrupted fact index ({exc}); rebuild it") from None
        if index.ntotal != len(table) or len(table) != manifest.get("facts"):
            raise BundleError(f"{path}: index holds {index.ntotal} vectors for {len(table)} facts; rebuild it")
        self._built = _Built(FactTable(table, kg_key=manifest["kg_key"]), index, manifest["index"], manifest["embedding"])
        self._node_rows, self._node_vecs = labels["rows"].astype(np.int64), labels["vectors"]
        self._kg = kg
        gpu = use_gpu is True or (use_gpu == "auto" and _gpu_available(faiss))
        self._prepare_search(gpu)
        return self

