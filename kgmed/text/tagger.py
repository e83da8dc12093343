"""A note tagger: finding phrases of clinical notes found by a fine-tuned token classifier.

The dictionary reads what HPO and the clinical lexicon name; a note also describes findings
in its own words ("saw people and animals that were not present", "slurred, poorly
articulated speech", "both testes were palpable in the scrotum"). The tagger learns such
phrases from notes whose findings are marked (the ``pipelines/data/clinical-notes-*`` sets:
each feature of a real case written the way clinicians write, and the exact words that
express it):

1. a **token classifier** (all-MiniLM-L6-v2 with a linear head, BIO tags × present /
   excluded) marks the words of the note that express a finding, and whether the finding
   is present or stated absent ("fetal movements normal");
2. a **linker** (all-MiniLM-L6-v2 fine-tuned, like :mod:`kgmed.text.linker`, on the marked
   phrases paired with their term's label plus HPO's own synonym pairs) embeds each tagged
   phrase and takes the nearest of HPO's names and of the training phrases (*exemplars*,
   each with its term) when the cosine similarity reaches ``threshold``.

The recognizer (``ConceptRecognizer(kg, tagger=NoteTagger().build())``) links only tagged
phrases that no dictionary reading touches and that have at least ``min_words`` words; a
phrase's status is *excluded* when the tagger or the context rules say so, else the rules'
(present or uncertain), and its subject (patient or family) is the rules'.

Training is deterministic for given notes and options (fixed seeds and step counts) and
takes about an hour on a 2-core CPU (:func:`train_tagger`; ``kgmed tagger train``). The
model folder holds only safetensors weights and JSON (``ner/``, ``linker/``,
``index.safetensors``, ``index.json``, ``training.json``); the index keeps CURIEs, so a
later KG release maps them again (obsolete ones to their replacement). The text being
read is never written anywhere.
"""

from __future__ import annotations

import json
import logging
import os
import random
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from kgmed.errors import BundleError, InputError

__all__ = ["MarkedNote", "NoteTagger", "phrase_span", "read_marked_notes", "train_tagger", "default_tagger_dir",
           "require_tagger",
           "DEFAULT_TAGGER_THRESHOLD", "DEFAULT_MIN_WORDS", "TAGGER_DEFAULTS"]

logger = logging.getLogger(__name__)

#: Cosine similarity a tagged phrase needs to be linked (chosen on the development note
#: sets, docs/recognition.md).
DEFAULT_TAGGER_THRESHOLD = 0.6
#: Fewest words of a linked phrase (:class:`NoteTagger`).
DEFAULT_MIN_WORDS = 2

#: Training options (recorded in ``training.json``).
TAGGER_DEFAULTS: dict = {
    "ner_epochs": 2.0,  # passes over the notes' windows
    "ner_batch_size": 16,
    "ner_lr": 8e-5,
    "window": 256,  # word pieces per window of a note; windows overlap by ``stride``
    "stride": 64,
    "link_steps": 800,  # batches of ``link_batch_size`` (phrase, label) pairs
    "link_batch_size": 64,
    "link_lr": 5e-5,
    "max_seq_length": 32,
    "seed": 0,
}
_FORMAT = 1
_TAGS = ("O", "B-present", "I-present", "B-excluded", "I-excluded")


def default_tagger_dir() -> Path:
    """Where :func:`train_tagger` saves the tagger and :class:`NoteTagger` loads it by
    default: ``$KGMED_HOME/text/tagger``."""
    from kgmed.config import home

    return home() / "text" / "tagger"


def require_tagger(model: str | os.PathLike | None = None) -> Path:
    """The folder of a trained tagger (default :func:`default_tagger_dir`); a folder without
    one raises :class:`~kgmed.errors.BundleError` that says how to train it. Cheap, so a
    command can check before it loads anything else."""
    path = Path(model) if model is not None else default_tagger_dir()
    if not (path / "training.json").is_file():
        raise BundleError(
            f"no note tagger in {path}: train one first with `kgmed tagger train "
            f"pipelines/data/clinical-notes-*-cases.jsonl` (about an hour on 2 CPU cores)")
    return path


# ---------------------------------------------------------------------- data
@dataclass(frozen=True)
class MarkedNote:
    """A note with the character spans of its findings: ``spans`` holds ``(start, end,
    hpo_id, status)``; ``group`` is the publication (PMID) of its case, to keep the cases of
    one publication on one side of a split; ``source`` is ``file:line``."""

    text: str
    spans: tuple[tuple[int, int, str, str], ...]
    group: str
    source: str


def phrase_span(text: str, mention: dict) -> tuple[int, int] | None:
    """Character span of a marked mention's ``phrase`` (its ``occurrence``-th, default the
    first) in ``text``; None when the phrase is not there that often."""
    p = -1
    for _ in range(int(mention.get("occurrence", 1))):
        p = text.find(mention["phrase"], p + 1)
        if p < 0:
            return None
    return p, p + len(mention["phrase"])


def read_marked_notes(paths: Iterable[str | os.PathLike]) -> list[MarkedNote]:
    """Notes from JSON-lines files of marked cases (``pipelines/data/README.md``): each line
    ``{"case", "text", "mentions": [{"hpo", "status", "phrase", "occurrence"?}]}`` (a mention
    with ``"skipped": true`` and no phrase is passed over).

    Raises :class:`~kgmed.errors.InputError` naming the file and line of a line that is not
    such an object, or of a phrase that is not in its text."""
    notes: list[MarkedNote] = []
    for path in paths:
        path = Path(path)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise InputError(f"cannot read marked notes {path}: {exc}") from exc
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{path}:{n}"
            try:
                case = json.loads(line)
                text, mentions = case["text"], case["mentions"]
                if not isinstance(text, str) or not isinstance(mentions, list):
                    raise TypeError("'text' must be a string and 'mentions' a list")
                spans = []
                for k, m in enumerate(mentions):
                    if m.get("skipped"):
                        continue  # a feature the writer could not put in words of its own
                    if m.get("status") not in ("present", "excluded"):
                        raise ValueError(f"mention {k}: status must be 'present' or 'excluded', "
                                         f"got {m.get('status')!r}")
                    sp = phrase_span(text, m)
                    if sp is None:
                        raise ValueError(f"mention {k}: phrase {m['phrase']!r} is not in the text")
                    spans.append((sp[0], sp[1], str(m["hpo"]), m["status"]))
            except (ValueError, TypeError, KeyError, AttributeError) as exc:
                raise InputError(f"{where}: not a marked note ({type(exc).__name__}: {exc})") from exc
            pmid = re.search(r"PMID_(\d+)", str(case.get("case", "")))
            notes.append(MarkedNote(text, tuple(spans), pmid.group(1) if pmid else str(case.get("case", where)), where))
    return notes


# ------------------------------------------------------------------ training
def _windows(tokenizer, text: str, window: int, stride: int):
    return tokenizer(text, return_offsets_mapping=True, truncation=True, max_length=window, stride=stride,
                     return_overflowing_tokens=True, padding="max_length")


def _tagged_windows(tokenizer, note: MarkedNote, window: int, stride: int) -> list[tuple[list, list, list]]:
    """``(input_ids, attention_mask, tags)`` of each window of a note (tag -100: not scored)."""
    enc = _windows(tokenizer, note.text, window, stride)
    spans = sorted(note.spans)
    out = []
    for w in range(len(enc["input_ids"])):
        tags, prev = [], None
        for (a, b), m in zip(enc["offset_mapping"][w], enc["attention_mask"][w]):
            if not m or a == b:
                tags.append(-100)
                prev = None
                continue
            hit = next((s for s in spans if s[0] <= a < s[1]), None)
            if hit is None:
                tags.append(0)
                prev = None
                continue
            base = 1 if hit[3] == "present" else 3
            tags.append(base + (hit == prev))
            prev = hit
        out.append((enc["input_ids"][w], enc["attention_mask"][w], tags))
    return out


def _progress(total: int, description: str, show: bool):
    if not show:
        return None
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    p = Progress(TextColumn(description), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                 TimeRemainingColumn(), transient=True)
    p.start()
    p.add_task(description, total=total)
    return p


def _train_token_classifier(notes: Sequence[MarkedNote], opts: dict, show: bool):
    import torch
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    from kgmed.text.dense import default_model_path
    from kgmed.text.linker import _loss_summary, _schedule

    tokenizer = AutoTokenizer.from_pretrained(default_model_path())
    data = [w for n in notes for w in _tagged_windows(tokenizer, n, opts["window"], opts["stride"])]
    model = AutoModelForTokenClassification.from_pretrained(
        default_model_path(), num_labels=len(_TAGS), id2label=dict(enumerate(_TAGS)),
        label2id={t: i for i, t in enumerate(_TAGS)})
    optim = torch.optim.AdamW(model.parameters(), lr=opts["ner_lr"], weight_decay=0.01)
    bs = opts["ner_batch_size"]
    steps = max(1, int(opts["ner_epochs"] * len(data) / bs))
    sched = _schedule(optim, steps, steps // 10)
    rng = random.Random(opts["seed"])
    order: list[int] = []
    losses = []
    bar = _progress(steps, "training the note tagger", show)
    model.train()
    try:
        for step in range(steps):
            if len(order) < bs:
                order += rng.sample(range(len(data)), len(data))
            batch = [data[order.pop()] for _ in range(min(bs, len(data)))]
            out = model(input_ids=torch.tensor([b[0] for b in batch]),
                        attention_mask=torch.tensor([b[1] for b in batch]),
                        labels=torch.tensor([b[2] for b in batch]))
            optim.zero_grad()
            out.loss.backward()
            optim.step()
            sched.step()
            losses.append(float(out.loss.detach()))
            if bar is not None:
                bar.advance(bar.task_ids[0])
            if (step + 1) % 50 == 0:
                logger.info("note tagger: step %d/%d, loss %.3f", step + 1, steps, np.mean(losses[-50:]))
    finally:
        if bar is not None:
            bar.stop()
    model.eval()
    return tokenizer, model, {"windows": len(data), "steps": steps, **_loss_summary(losses)}


def _train_phrase_linker(pairs: list[tuple[str, str, int]], opts: dict, show: bool):
    import torch
    from sentence_transformers import SentenceTransformer

    from kgmed.text.dense import default_model_path
    from kgmed.text.linker import _batches, _loss_summary, _schedule, _step

    model = SentenceTransformer(default_model_path(), device="cpu")
    model.max_seq_length = opts["max_seq_length"]
    optim = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=opts["link_lr"])
    steps = opts["link_steps"]
    sched = _schedule(optim, steps, steps // 10)
    losses = []
    bar = _progress(steps, "training the phrase linker", show)
    model.train()
    try:
        for batch in _batches(pairs, opts["link_batch_size"], steps, opts["seed"]):
            losses.append(_step(model, optim, sched, batch, 20.0))
            if bar is not None:
                bar.advance(bar.task_ids[0])
            if len(losses) % 100 == 0:
                logger.info("phrase linker: step %d/%d, loss %.3f", len(losses), steps, np.mean(losses[-100:]))
    finally:
        if bar is not None:
            bar.stop()
    model.eval()
    return model, {"pairs": len(pairs), "steps": len(losses), **_loss_summary(losses)}


def train_tagger(notes: Sequence[str | os.PathLike], kg=None, *, out_dir: str | os.PathLike | None = None,
                 exclude_groups: Iterable[str] = (), rows: Sequence[int] | None = None, force: bool = False,
                 threads: int | None = None, progress: bool | None = None, **options) -> Path:
    """Train the token classifier and the phrase linker on marked notes; returns the folder.

    Args:
        notes: JSON-lines files of marked notes (:func:`read_marked_notes`).
        kg: the knowledge graph whose names the linker indexes (default KG when None).
        out_dir: where to save (default :func:`default_tagger_dir`). A folder that already
            holds a tagger trained on the same files with the same options is reused.
        exclude_groups: publications (PMIDs) whose cases are left out, so that notes of
            those publications can evaluate the tagger.
        rows: index and pair only these terms' names (tests; default: every phenotype).
        force: train even when the folder holds a matching tagger.
        threads: torch threads (default: the cores other processes leave free).
        progress: show progress bars (default: when logging at INFO or on a terminal).
        **options: overrides of :data:`TAGGER_DEFAULTS`.
    """
    opts = {**TAGGER_DEFAULTS, **options}
    unknown = set(opts) - set(TAGGER_DEFAULTS)
    if unknown:
        raise TypeError(f"unknown tagger option(s): {sorted(unknown)}; known: {sorted(TAGGER_DEFAULTS)}")
    paths = [Path(p) for p in notes]
    if not paths:
        raise ValueError("no marked-note files given to train the tagger on")
    from kgmed.ingest.io import sha256_file

    excluded_set = set(map(str, exclude_groups))
    excluded = sorted(excluded_set)
    sources = {p.name: sha256_file(p, decompressed=False) for p in paths if p.is_file()}
    key = {"options": opts, "sources": sources, "exclude_groups": excluded, "format": _FORMAT,
           "rows": sorted(map(int, rows)) if rows is not None else None}
    path = Path(out_dir) if out_dir is not None else default_tagger_dir()
    info_file = path / "training.json"
    if not force and info_file.is_file():
        try:
            old = json.loads(info_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            old = {}
        if all(old.get(k) == v for k, v in key.items()):
            logger.info("note tagger loaded from %s", path)
            return path
    marked = [n for n in read_marked_notes(paths) if n.group not in excluded_set]
    if not marked:
        raise ValueError("no marked notes left to train the tagger on")
    if kg is None:
        from kgmed.kg import load_default

        kg = load_default()
    if progress is None:
        import sys

        progress = logger.isEnabledFor(logging.INFO) or sys.stderr.isatty()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch

    from kgmed.text.linker import torch_threads, training_pairs

    t0 = time.perf_counter()
    labels = kg.nodes["label"].tolist()
    pairs, exemplars = [], []
    for n in marked:
        for a, b, hpo, _status in n.spans:
            if hpo not in kg:
                continue
            row = kg.index(kg.resolve(hpo))
            pairs.append((n.text[a:b], labels[row], row))
            exemplars.append((n.text[a:b], kg.nodes["id"].iat[row]))
    pairs += training_pairs(kg, rows=rows, seed=opts["seed"])
    random.Random(opts["seed"]).shuffle(pairs)
    torch.manual_seed(opts["seed"])
    with torch_threads(threads):
        tokenizer, classifier, ner_info = _train_token_classifier(marked, opts, progress)
        linker, link_info = _train_phrase_linker(pairs, opts, progress)
        names = _name_rows(kg, rows)
        texts = [t for _, t in names] + [t for t, _ in exemplars]
        emb = linker.encode(texts, batch_size=256, normalize_embeddings=True, convert_to_numpy=True,
                            show_progress_bar=bool(progress))
    tmp = path.with_name(f"{path.name}.tmp{os.getpid()}")
    tmp.mkdir(parents=True, exist_ok=True)
    classifier.save_pretrained(str(tmp / "ner"), safe_serialization=True)
    tokenizer.save_pretrained(str(tmp / "ner"))
    linker.save(str(tmp / "linker"), safe_serialization=True)
    from safetensors.numpy import save_file

    save_file({"embeddings": np.asarray(emb, dtype=np.float16)}, str(tmp / "index.safetensors"))
    ids = kg.nodes["id"].tolist()
    index = {"ids": [ids[r] for r, _ in names] + [h for _, h in exemplars],
             "texts": texts, "names": len(names), "exemplars": len(exemplars)}
    (tmp / "index.json").write_text(json.dumps(index), encoding="utf-8")
    info = {**key, "kg_key": (getattr(kg, "meta", None) or {}).get("key"), "notes": len(marked),
            "ner": ner_info, "linker": link_info, "seconds": round(time.perf_counter() - t0, 1),
            "base_model": "all-MiniLM-L6-v2", "torch_version": torch.__version__}
    (tmp / "training.json").write_text(json.dumps(info, indent=2), encoding="utf-8")
    if path.exists():
        import shutil

        shutil.rmtree(path)
    os.replace(tmp, path)
    logger.info("note tagger trained in %.0fs on %d notes, saved to %s", info["seconds"], len(marked), path)
    return path


def _name_rows(kg, rows: Sequence[int] | None = None) -> list[tuple[int, str]]:
    """``(row, name)`` of every label and synonym the dense fallback indexes (of ``rows``
    only, when given)."""
    from kgmed.text.dense import DenseLinker

    found, names = DenseLinker(kg, rows=rows)._names(kg)
    return list(zip(found, names))


# ----------------------------------------------------------------- inference
class NoteTagger:
    """The trained tagger: tags finding phrases of a text and links them to HPO terms.

    Args:
        model: the folder :func:`train_tagger` wrote (default :func:`default_tagger_dir`).
        kg: the knowledge graph (default KG when None).
        threshold: cosine similarity a phrase needs to be linked.
        min_words: fewest words of a phrase that is linked. A single word the dictionary
            does not read is seldom a finding in its own words: on the development sets
            most tagged single words were a fragment of a longer phrase or linked to
            another term.
    """

    def __init__(self, model: str | os.PathLike | None = None, *, kg=None,
                 threshold: float = DEFAULT_TAGGER_THRESHOLD, min_words: int = DEFAULT_MIN_WORDS):
        self.model = model
        self.kg = kg
        self.threshold = threshold
        self.min_words = min_words

    def build(self) -> "NoteTagger":
        """Load the two models and the index; returns ``self``."""
        path = require_tagger(self.model)
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import faiss
        from safetensors.numpy import load_file
        from sentence_transformers import SentenceTransformer
        from transformers import AutoModelForTokenClassification, AutoTokenizer

        if self.kg is None:
            from kgmed.kg import load_default

            self.kg = load_default()
        kg = self.kg
        try:
            index = json.loads((path / "index.json").read_text(encoding="utf-8"))
            emb = load_file(str(path / "index.safetensors"))["embeddings"].astype(np.float32)
            if emb.shape[0] != len(index["ids"]):
                raise ValueError(f"{emb.shape[0]} vectors for {len(index['ids'])} ids")
            self.tokenizer_ = AutoTokenizer.from_pretrained(str(path / "ner"))
            self.classifier_ = AutoModelForTokenClassification.from_pretrained(str(path / "ner")).eval()
            self.linker_ = SentenceTransformer(str(path / "linker"), device="cpu")
            self.info_ = json.loads((path / "training.json").read_text(encoding="utf-8"))
        except Exception as exc:  # a missing, truncated or foreign file: safetensors, JSON or the models
            raise BundleError(f"the note tagger in {path} is unusable ({exc}); train it again with --force") from exc
        keep, rows = [], []
        for i, h in enumerate(index["ids"]):
            if h in kg:
                keep.append(i)
                rows.append(kg.index(kg.resolve(h)))
        self.rows_ = np.asarray(rows, dtype=np.int64)
        self.texts_ = [index["texts"][i] for i in keep]
        self.index_ = faiss.IndexFlatIP(emb.shape[1])
        self.index_.add(np.ascontiguousarray(emb[keep]))
        self.path_ = path
        return self

    def describe(self) -> dict:
        """Configuration for result files."""
        return {"tagger": str(getattr(self, "path_", self.model)), "threshold": self.threshold,
                "min_words": self.min_words, "index": len(getattr(self, "texts_", ()))}

    def _check_built(self) -> None:
        if not hasattr(self, "index_"):
            raise RuntimeError("NoteTagger is not built yet: call .build() first")

    def tag(self, text: str) -> list[tuple[int, int, str]]:
        """Character spans the token classifier marks as findings: ``(start, end, status)``,
        ``status`` "present" or "excluded". Overlapping windows are averaged."""
        self._check_built()
        if not text.strip():
            return []
        import torch

        info = self.info_["options"]
        enc = _windows(self.tokenizer_, text, info["window"], info["stride"])
        with torch.no_grad():
            probs = self.classifier_(input_ids=torch.tensor(enc["input_ids"]),
                                     attention_mask=torch.tensor(enc["attention_mask"])).logits.softmax(-1).numpy()
        acc: dict[tuple[int, int], list] = {}
        for w, offsets in enumerate(enc["offset_mapping"]):
            for t, (a, b) in enumerate(offsets):
                if a != b:
                    acc.setdefault((a, b), []).append(probs[w, t])
        out: list[list] = []
        cur = None
        for a, b in sorted(acc):
            k = int(np.mean(acc[(a, b)], axis=0).argmax())
            if k == 0:
                cur = None
                continue
            status = "present" if k in (1, 2) else "excluded"
            if k in (1, 3) or cur is None or cur[2] != status:
                cur = [a, b, status]
                out.append(cur)
            else:
                cur[1] = b
        return [tuple(s) for s in out]

    def link_phrases(self, phrases: Sequence[str]) -> list[tuple[int, float, str]]:
        """The nearest name or exemplar of each phrase: ``(KG row, cosine, its text)``."""
        self._check_built()
        if not phrases:
            return []
        q = self.linker_.encode(list(phrases), normalize_embeddings=True, convert_to_numpy=True)
        scores, idx = self.index_.search(np.asarray(q, dtype=np.float32), 1)
        return [(int(self.rows_[i]), float(s), self.texts_[i]) for s, i in zip(scores[:, 0], idx[:, 0])]

    def link(self, tokens, spans) -> list[tuple[tuple[int, int], int, float, str]]:
        """Tagged phrases of ``tokens.text`` that none of ``spans`` (token spans already
        read) touches, linked when similar enough: ``((first token, end token), KG row,
        cosine, status)``."""
        text = tokens.text
        covered = np.zeros(len(tokens) + 1, dtype=bool)
        for s in spans:
            covered[s.start:s.end] = True
        starts, ends = np.asarray(tokens.starts), np.asarray(tokens.ends)
        found = []
        for a, b, status in self.tag(text):
            first = int(np.searchsorted(ends, a, side="right"))
            end = int(np.searchsorted(starts, b, side="left"))
            if end - first < max(1, self.min_words) or covered[first:end].any():
                continue
            found.append(((first, end), status))
        if not found:
            return []
        linked = self.link_phrases([text[starts[f]:ends[e - 1]] for (f, e), _ in found])
        return [(fe, row, score, status) for (fe, status), (row, score, _) in zip(found, linked)
                if score >= self.threshold]
