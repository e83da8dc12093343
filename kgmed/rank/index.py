"""The arrays the ranker needs, derived once per KG and cached (safetensors + JSON).

:class:`AnnotationIndex` turns the KG's phenotype hierarchy and disease annotations into
flat arrays indexed by *term column* (one per live HPO term) and *disease column* (one per
disease node that has at least one ``has_phenotype`` annotation):

* the ancestor closure of every term (CSR, each term included in its own list);
* the direct annotations (disease, term, frequency; NaN where the source gives none),
  one row per (disease, term) pair — several HPOA lines for one pair keep the highest
  frequency;
* the *propagated* annotations (true-path rule: a disease annotated with a term is also
  annotated with every ancestor), stored per term (CSC-like) with the highest known
  frequency below the term and whether an annotation without frequency lies below it,
  so that the default frequency for unknown values stays a model parameter;
* the ``NOT`` annotations, disease onset terms, inheritance, genes.

Building takes about a second on the default HPO graph; the result is saved under
``$KGMED_HOME/rank/<kg key>-v<version>/`` as ``index.safetensors`` (arrays) plus
``index.json`` (identifiers, labels, versions). Nothing in it is pickled.

Example::

    >>> from kgmed.kg import load_default
    >>> from kgmed.rank import AnnotationIndex
    >>> idx = AnnotationIndex.from_kg(load_default())      # doctest: +SKIP
    >>> idx.n_diseases, idx.n_terms                         # doctest: +SKIP
    (12686, 19034)
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

from kgmed._version import __version__
from kgmed.errors import BundleError
from kgmed.kg.schema import ONSET_ROOT, PHENOTYPIC_ABNORMALITY

__all__ = ["AnnotationIndex", "INDEX_VERSION", "index_cache_dir"]

logger = logging.getLogger(__name__)

#: Bumped whenever the stored arrays change meaning; part of the cache folder name.
INDEX_VERSION = 1

_ARRAYS = (
    "term_rows", "anc_ptr", "anc_idx", "depth",
    "disease_rows", "ann_disease", "ann_term", "ann_freq",
    "prop_ptr", "prop_disease", "prop_freq", "prop_unknown",
    "not_disease", "not_term",
    "inh_disease", "inh_term", "gene_ptr", "gene_rows", "disease_cluster",
)


def index_cache_dir() -> Path:
    """``$KGMED_HOME/rank``: cached annotation indices, one folder per KG key."""
    from kgmed.config import home

    return home() / "rank"


@dataclass
class AnnotationIndex:
    """Flat arrays over terms and diseases for vectorised ranking (see module docstring).

    Attributes:
        term_ids: HPO ids of the term columns (live phenotype nodes, KG row order).
        term_rows: KG row of each term column, ``(T,)`` int32.
        anc_ptr, anc_idx: CSR ancestor closure: the ancestors of term column ``t``
            (itself included) are ``anc_idx[anc_ptr[t]:anc_ptr[t+1]]``.
        depth: longest ``is_a`` path from the root to each term, ``(T,)`` int32.
        disease_ids, disease_names: CURIE and label of each disease column.
        disease_rows: KG row of each disease column, ``(D,)`` int32.
        ann_disease, ann_term, ann_freq: direct annotations, ``(A,)``; ``ann_freq`` is NaN
            where the source gives no frequency.
        prop_ptr, prop_disease, prop_freq, prop_unknown: propagated annotations per term
            column: the diseases annotated with term ``t`` or a descendant are
            ``prop_disease[prop_ptr[t]:prop_ptr[t+1]]``, with the highest known frequency
            among those annotations (``-1`` when none is known) and whether one of them
            has no frequency.
        not_disease, not_term: ``NOT`` annotations (the disease is known not to show it).
        inh_disease, inh_term: mode-of-inheritance annotations.
        gene_ptr, gene_rows: CSR of associated gene KG rows per disease column.
        disease_cluster: equivalence class of each disease column under ``same_as``
            (renumbered 0..C-1; every disease is its own class when the KG has no mappings).
        kg_key: the KG's content key (``kg.meta["key"]``) the index was built from.
    """

    term_ids: list[str]
    term_rows: np.ndarray
    anc_ptr: np.ndarray
    anc_idx: np.ndarray
    depth: np.ndarray
    disease_ids: list[str]
    disease_names: list[str]
    disease_rows: np.ndarray
    ann_disease: np.ndarray
    ann_term: np.ndarray
    ann_freq: np.ndarray
    prop_ptr: np.ndarray
    prop_disease: np.ndarray
    prop_freq: np.ndarray
    prop_unknown: np.ndarray
    not_disease: np.ndarray
    not_term: np.ndarray
    inh_disease: np.ndarray
    inh_term: np.ndarray
    gene_ptr: np.ndarray
    gene_rows: np.ndarray
    disease_cluster: np.ndarray
    kg_key: str = ""
    meta: dict = field(default_factory=dict)

    # ------------------------------------------------------------------ sizes
    @property
    def n_terms(self) -> int:
        return len(self.term_ids)

    @property
    def n_diseases(self) -> int:
        return len(self.disease_ids)

    def __repr__(self) -> str:
        return (
            f"AnnotationIndex({self.n_diseases} diseases, {self.n_terms} terms, "
            f"{len(self.ann_term)} annotations, kg={self.kg_key or '?'})"
        )

    # ---------------------------------------------------------------- lookups
    @cached_property
    def term_col(self) -> dict[str, int]:
        """HPO id → term column."""
        return {t: i for i, t in enumerate(self.term_ids)}

    @cached_property
    def disease_col(self) -> dict[str, int]:
        """Disease CURIE → disease column."""
        return {d: i for i, d in enumerate(self.disease_ids)}

    @cached_property
    def col_of_row(self) -> np.ndarray:
        """KG row → term column (``-1`` for rows that are not live phenotype terms)."""
        n = int(self.term_rows.max()) + 1 if len(self.term_rows) else 0
        out = np.full(n, -1, dtype=np.int64)
        out[self.term_rows] = np.arange(len(self.term_rows))
        return out

    def ancestors(self, col: int) -> np.ndarray:
        """Term columns of the ancestors of ``col`` (itself included)."""
        return self.anc_idx[self.anc_ptr[col]: self.anc_ptr[col + 1]]

    @cached_property
    def n_annotated(self) -> np.ndarray:
        """Number of diseases annotated with each term or a descendant, ``(T,)``."""
        return np.diff(self.prop_ptr).astype(np.int64)

    @cached_property
    def phenotype_mask(self) -> np.ndarray:
        """Term columns under *Phenotypic abnormality* (HP:0000118), ``(T,)`` bool."""
        return self._under(PHENOTYPIC_ABNORMALITY)

    @cached_property
    def onset_mask(self) -> np.ndarray:
        """Term columns under *Onset* (HP:0003674), ``(T,)`` bool."""
        return self._under(ONSET_ROOT)

    def _under(self, curie: str) -> np.ndarray:
        root = self.term_col.get(curie)
        out = np.zeros(self.n_terms, dtype=bool)
        if root is None:
            return out
        owner = np.repeat(np.arange(self.n_terms), np.diff(self.anc_ptr))
        out[owner[self.anc_idx == root]] = True
        return out

    @cached_property
    def has_equivalents(self) -> bool:
        """Whether some diseases share an equivalence class (MONDO/DO mappings ingested)."""
        return len(np.unique(self.disease_cluster)) < self.n_diseases

    @cached_property
    def annotation_ptr(self) -> np.ndarray:
        """CSR pointer of the direct annotations by disease (they are sorted by disease)."""
        return np.searchsorted(self.ann_disease, np.arange(self.n_diseases + 1)).astype(np.int64)

    # --------------------------------------------------------------- building
    @classmethod
    def from_kg(cls, kg, *, cache: bool = True) -> "AnnotationIndex":
        """The index of ``kg``: loaded from the cache when one matches ``kg.meta["key"]``,
        else built (and cached when ``cache`` and the KG has a key)."""
        key = str(kg.meta.get("key") or "")
        folder = index_cache_dir() / f"{key}-v{INDEX_VERSION}" if key else None
        if cache and folder is not None and (folder / "index.json").is_file():
            try:
                idx = cls.load(folder)
                if idx.kg_key == key:
                    return idx
            except BundleError as exc:  # a damaged cache is rebuilt, not fatal
                logger.warning("rebuilding the annotation index: %s", exc)
        idx = cls.build(kg)
        if cache and folder is not None:
            try:
                idx.save(folder)
            except OSError as exc:  # a read-only home costs a rebuild next time
                logger.warning("could not cache the annotation index in %s: %s", folder, exc)
        return idx

    @classmethod
    def build(cls, kg) -> "AnnotationIndex":
        """Build the index from a :class:`~kgmed.kg.KnowledgeGraph` (no cache)."""
        nodes = kg.nodes
        n_nodes = len(nodes)
        types = nodes["type"].to_numpy()
        live = ~nodes["obsolete"].to_numpy(dtype=bool)
        term_rows = np.flatnonzero((types == "phenotype") & live).astype(np.int32)
        T = len(term_rows)
        col_of_row = np.full(n_nodes, -1, dtype=np.int64)
        col_of_row[term_rows] = np.arange(T)

        # ---- hierarchy: parents per term column, then the ancestor closure in topological order
        isa = kg.edges_of("is_a")
        c = col_of_row[isa["src"].to_numpy()]
        p = col_of_row[isa["dst"].to_numpy()]
        ok = (c >= 0) & (p >= 0)
        c, p = c[ok], p[ok]
        anc_ptr, anc_idx, depth = _ancestor_closure(T, c, p)

        # ---- diseases with at least one phenotype annotation
        hp = kg.edges_of("has_phenotype")
        src = hp["src"].to_numpy(np.int64)
        dcol_t = col_of_row[hp["dst"].to_numpy(np.int64)]
        keep = dcol_t >= 0
        src, dcol_t = src[keep], dcol_t[keep]
        freq = hp["frequency"].to_numpy(np.float32)[keep]
        disease_rows = np.unique(src).astype(np.int32)
        disease_rows = disease_rows[types[disease_rows] == "disease"]
        D = len(disease_rows)
        dcol_of_row = np.full(n_nodes, -1, dtype=np.int64)
        dcol_of_row[disease_rows] = np.arange(D)
        dcol = dcol_of_row[src]
        ok = dcol >= 0
        dcol, dcol_t, freq = dcol[ok], dcol_t[ok], freq[ok]

        # one row per (disease, term): highest known frequency, NaN when none is known
        key = dcol * T + dcol_t
        order = np.lexsort((np.nan_to_num(freq, nan=-1.0), key))
        key, freq = key[order], freq[order]
        last = np.r_[key[1:] != key[:-1], True]
        fk = np.where(np.isnan(freq), -1.0, freq)
        best = np.maximum.reduceat(fk, np.r_[0, np.flatnonzero(last[:-1]) + 1]) if len(fk) else fk
        ukey = key[last]
        ann_disease = (ukey // T).astype(np.int32)
        ann_term = (ukey % T).astype(np.int32)
        ann_freq = np.where(best < 0, np.nan, best).astype(np.float32)

        # ---- propagation to ancestors: (disease, ancestor) with max known freq / any unknown
        prop_ptr, prop_disease, prop_freq, prop_unknown = _propagate(
            ann_disease, ann_term, np.nan_to_num(ann_freq, nan=-1.0), np.isnan(ann_freq), anc_ptr, anc_idx, T
        )

        # ---- NOT annotations, inheritance, genes
        nh = kg.edges_of("not_has_phenotype")
        nd = dcol_of_row[nh["src"].to_numpy(np.int64)]
        nt = col_of_row[nh["dst"].to_numpy(np.int64)]
        ok = (nd >= 0) & (nt >= 0)
        not_pairs = np.unique(nd[ok] * T + nt[ok])
        inh = kg.edges_of("has_inheritance")
        idc = dcol_of_row[inh["src"].to_numpy(np.int64)]
        itc = col_of_row[inh["dst"].to_numpy(np.int64)]
        ok = (idc >= 0) & (itc >= 0)
        inh_pairs = np.unique(idc[ok] * T + itc[ok])
        ge = kg.edges_of("associated_gene")
        gd = dcol_of_row[ge["src"].to_numpy(np.int64)]
        gr = ge["dst"].to_numpy(np.int64)
        ok = gd >= 0
        gd, gr = gd[ok], gr[ok]
        order = np.lexsort((gr, gd))
        gd, gr = gd[order], gr[order]
        gene_ptr = np.searchsorted(gd, np.arange(D + 1)).astype(np.int64)

        if len(kg.edges_of("same_as")):
            _, cluster = np.unique(kg.clusters[disease_rows], return_inverse=True)
        else:
            cluster = np.arange(D)
        ids = nodes["id"].to_numpy()
        labels = nodes["label"].to_numpy()
        return cls(
            term_ids=ids[term_rows].tolist(),
            term_rows=term_rows,
            anc_ptr=anc_ptr,
            anc_idx=anc_idx,
            depth=depth,
            disease_ids=ids[disease_rows].tolist(),
            disease_names=[str(x) for x in labels[disease_rows]],
            disease_rows=disease_rows,
            ann_disease=ann_disease,
            ann_term=ann_term,
            ann_freq=ann_freq,
            prop_ptr=prop_ptr,
            prop_disease=prop_disease,
            prop_freq=prop_freq,
            prop_unknown=prop_unknown,
            not_disease=(not_pairs // T).astype(np.int32),
            not_term=(not_pairs % T).astype(np.int32),
            inh_disease=(inh_pairs // T).astype(np.int32),
            inh_term=(inh_pairs % T).astype(np.int32),
            gene_ptr=gene_ptr,
            gene_rows=gr.astype(np.int32),
            disease_cluster=np.asarray(cluster, dtype=np.int32),
            kg_key=str(kg.meta.get("key") or ""),
            meta={"sources": {k: v.get("release") for k, v in kg.sources.items()}},
        )

    # ------------------------------------------------------------- save/load
    def save(self, folder: str | Path) -> Path:
        """Write ``index.safetensors`` + ``index.json`` to ``folder`` (atomically)."""
        from safetensors.numpy import save_file

        from kgmed.kg.storage import atomic_directory

        folder = Path(folder)
        with atomic_directory(folder) as tmp:
            arrays = {name: np.ascontiguousarray(getattr(self, name)) for name in _ARRAYS}
            arrays["prop_unknown"] = arrays["prop_unknown"].astype(np.uint8)
            save_file(arrays, str(tmp / "index.safetensors"))
            digest = hashlib.sha256((tmp / "index.safetensors").read_bytes()).hexdigest()
            manifest = {
                "format": "kgmed-rank-index",
                "version": INDEX_VERSION,
                "kgmed_version": __version__,
                "kg_key": self.kg_key,
                "sha256": digest,
                "meta": self.meta,
                "term_ids": self.term_ids,
                "disease_ids": self.disease_ids,
                "disease_names": self.disease_names,
            }
            (tmp / "index.json").write_text(json.dumps(manifest))
        return folder

    @classmethod
    def load(cls, folder: str | Path) -> "AnnotationIndex":
        """Read an index written by :meth:`save`.

        Raises:
            BundleError: missing files, a different index version, or a checksum mismatch.
        """
        from safetensors.numpy import load_file

        folder = Path(folder)
        try:
            manifest = json.loads((folder / "index.json").read_text())
        except (OSError, json.JSONDecodeError) as exc:
            raise BundleError(f"{folder}: unreadable annotation index manifest ({exc})") from None
        if manifest.get("format") != "kgmed-rank-index" or manifest.get("version") != INDEX_VERSION:
            raise BundleError(
                f"{folder}: annotation index version {manifest.get('version')!r}, expected {INDEX_VERSION}"
            )
        path = folder / "index.safetensors"
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise BundleError(f"{path}: {exc}") from None
        if hashlib.sha256(raw).hexdigest() != manifest.get("sha256"):
            raise BundleError(f"{path}: checksum mismatch (file corrupted or modified)")
        arrays = load_file(str(path))
        missing = [a for a in _ARRAYS if a not in arrays]
        if missing:
            raise BundleError(f"{path}: arrays missing: {', '.join(missing)}")
        arrays["prop_unknown"] = arrays["prop_unknown"].astype(bool)
        return cls(
            term_ids=manifest["term_ids"],
            disease_ids=manifest["disease_ids"],
            disease_names=manifest["disease_names"],
            kg_key=manifest.get("kg_key", ""),
            meta=manifest.get("meta", {}),
            **{a: arrays[a] for a in _ARRAYS},
        )


# ---------------------------------------------------------------------- helpers
def _ancestor_closure(T: int, child: np.ndarray, parent: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Ancestor sets (self included) for a DAG given as child→parent pairs.

    Terms are visited in topological order (roots first), and each term's set is the union
    of its parents' sets plus itself; the union is done with sorted-unique on small arrays.

    Returns:
        ``(anc_ptr, anc_idx, depth)``; ``depth`` is the longest path from a root.
    """
    order_c = np.argsort(child, kind="stable")
    child_s, parent_s = child[order_c], parent[order_c]
    p_ptr = np.searchsorted(child_s, np.arange(T + 1))
    # Kahn's algorithm on parent -> child edges
    n_par = np.diff(p_ptr)
    order_p = np.argsort(parent_s, kind="stable")
    ch_by_par = child_s[order_p]
    c_ptr = np.searchsorted(parent_s[order_p], np.arange(T + 1))
    remaining = n_par.copy()
    frontier = np.flatnonzero(remaining == 0)
    topo = []
    while len(frontier):
        topo.append(frontier)
        kids = np.concatenate([ch_by_par[c_ptr[f]: c_ptr[f + 1]] for f in frontier.tolist()]) if len(frontier) else np.zeros(0, int)
        np.subtract.at(remaining, kids, 1)
        frontier = np.unique(kids[remaining[kids] == 0])
    topo = np.concatenate(topo) if topo else np.zeros(0, dtype=np.int64)
    if len(topo) != T:
        raise BundleError("the is_a hierarchy has a cycle; the annotation index cannot be built")
    sets: list[np.ndarray] = [None] * T  # type: ignore[list-item]
    depth = np.zeros(T, dtype=np.int32)
    for t in topo.tolist():
        ps = parent_s[p_ptr[t]: p_ptr[t + 1]]
        if len(ps) == 0:
            sets[t] = np.array([t], dtype=np.int32)
        elif len(ps) == 1:
            p0 = int(ps[0])
            sets[t] = np.append(sets[p0], np.int32(t))
            depth[t] = depth[p0] + 1
        else:
            sets[t] = np.unique(np.concatenate([sets[int(x)] for x in ps] + [np.array([t], dtype=np.int32)]))
            depth[t] = depth[ps].max() + 1
    lens = np.fromiter((len(s) for s in sets), dtype=np.int64, count=T)
    anc_ptr = np.r_[0, np.cumsum(lens)].astype(np.int64)
    anc_idx = np.concatenate(sets).astype(np.int32) if T else np.zeros(0, dtype=np.int32)
    # sort each list (so membership tests can use searchsorted)
    owner = np.repeat(np.arange(T), lens)
    o = np.lexsort((anc_idx, owner))
    return anc_ptr, anc_idx[o], depth


def _propagate(ann_d, ann_t, ann_f, ann_unknown, anc_ptr, anc_idx, T):
    """Expand each direct annotation to its term's ancestors and reduce per (term, disease).

    Returns ``(prop_ptr, prop_disease, prop_freq, prop_unknown)`` sorted by term then disease.
    """
    lens = (anc_ptr[ann_t + 1] - anc_ptr[ann_t]).astype(np.int64)
    total = int(lens.sum())
    if total == 0:
        z = np.zeros(0)
        return np.zeros(T + 1, dtype=np.int64), z.astype(np.int32), z.astype(np.float32), z.astype(bool)
    starts = np.repeat(anc_ptr[ann_t] - np.r_[0, np.cumsum(lens)[:-1]], lens)
    anc = anc_idx[np.arange(total) + starts].astype(np.int64)
    d = np.repeat(ann_d.astype(np.int64), lens)
    f = np.repeat(ann_f.astype(np.float32), lens)
    u = np.repeat(ann_unknown, lens)
    D = int(ann_d.max()) + 1
    key = anc * D + d
    order = np.argsort(key, kind="stable")
    key, f, u = key[order], f[order], u[order]
    start = np.r_[True, key[1:] != key[:-1]]
    idx = np.flatnonzero(start)
    fmax = np.maximum.reduceat(f, idx)
    umax = np.logical_or.reduceat(u, idx)
    ukey = key[idx]
    term = ukey // D
    prop_ptr = np.searchsorted(term, np.arange(T + 1)).astype(np.int64)
    return prop_ptr, (ukey % D).astype(np.int32), fmax.astype(np.float32), umax.astype(bool)
