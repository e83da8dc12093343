"""Why a disease is ranked where it is: per-finding evidence and its path in the KG.

For a candidate disease ``d`` and each of the patient's findings, :class:`Explainer`
reconstructs which of ``d``'s annotations the likelihood-ratio model used and how the
patient's term reaches it in the HPO hierarchy:

* ``exact``: the patient term *is* the annotated term;
* ``more_specific``: ``d`` is annotated with a descendant ``x`` of the patient term ``q``
  (path ``q ← is_a … ← x ← d``);
* ``less_specific``: ``d`` is annotated with an ancestor ``a`` of ``q``
  (path ``q → is_a … → a ← d``);
* ``related``: ``d`` is annotated with ``x`` and ``x`` and ``q`` share the ancestor ``c``
  (path ``q → … → c ← … ← x ← d``);
* ``contradicted``: ``d`` is annotated NOT ``q`` (or NOT an ancestor of ``q``);
* ``absent``: an excluded finding ``e`` that ``d`` shows (``e ← … ← x ← d``).

Every step is an ``is_a`` edge of the KG and the last one a ``has_phenotype`` (or
``not_has_phenotype``) edge whose frequency and references (PMIDs) are reported as
stored; nothing is shown that the KG does not contain.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Optional

import numpy as np

from kgmed.diagnosis import Evidence, Feature, _jsonable

__all__ = ["Explainer", "Explanation", "FindingPath", "PathStep"]


@dataclass
class PathStep:
    """One term on an explanation path.

    Attributes:
        id, label: the HPO term (or the disease, for the last step).
        ic: information content of the term over the disease annotations (``None`` for
            the disease).
        edge: the KG edge from this step to the next: ``"is_a"`` (this term is a child
            of the next), ``"has_subclass"`` (the next is a child of this one),
            ``"annotated_in"`` (the next step is the disease, annotated with this term),
            ``"not_annotated_in"`` (the disease is annotated NOT this term); ``""`` last.
    """

    id: str
    label: str
    ic: Optional[float] = None
    edge: str = ""


@dataclass
class FindingPath:
    """One finding's evidence for a candidate and its path (patient term → disease)."""

    evidence: Evidence
    path: list[PathStep] = field(default_factory=list)
    evidence_code: str = ""
    onset: str = ""


@dataclass
class Explanation:
    """All of one candidate's evidence.

    Attributes:
        disease_id, name: the candidate.
        rank: its position (pessimistic) for the case.
        score: fused score; ``log_likelihood_ratio + onset_log_ratio +
            similarity_weight * similarity``.
        probability: calibrated post-test probability.
        findings: evidence and path per finding (observed first, then excluded).
        missing: frequent features of the disease the patient is not reported to have.
        facts: the retrieved facts that best support the candidate for this patient
            (``kgmed.retrieval``; dicts with ``id``, ``text``, ``references``), when the
            engine has a fact index. Each finding's evidence cites the facts of the
            annotation edges it rests on by the same ids (``Evidence.facts``).
    """

    disease_id: str
    name: str
    rank: int
    score: float
    probability: float
    log_likelihood_ratio: float
    onset_log_ratio: float
    similarity: float
    similarity_weight: float
    findings: list[FindingPath] = field(default_factory=list)
    missing: list[Feature] = field(default_factory=list)
    onset: Optional[str] = None
    facts: list = field(default_factory=list)

    def to_dict(self) -> dict:
        return _jsonable(asdict(self))

    def to_json(self, **kwargs) -> str:
        import json

        return json.dumps(self.to_dict(), **{"indent": 2, **kwargs})


class Explainer:
    """Builds :class:`~kgmed.diagnosis.Evidence` and :class:`Explanation` objects.

    Args:
        kg: the knowledge graph the ranker's index was built from.
        ranker: the :class:`~kgmed.rank.Ranker`.
    """

    def __init__(self, kg, ranker):
        self.kg = kg
        self.ranker = ranker
        self.index = ranker.index

    # ----------------------------------------------------------------- tables
    @cached_property
    def _parents(self) -> tuple[np.ndarray, np.ndarray]:
        """CSR of direct is_a parents per term column."""
        idx = self.index
        e = self.kg.edges_of("is_a")
        src, dst = e["src"].to_numpy(np.int64), e["dst"].to_numpy(np.int64)
        n = len(idx.col_of_row)
        ok = (src < n) & (dst < n)
        c, p = idx.col_of_row[src[ok]], idx.col_of_row[dst[ok]]
        ok = (c >= 0) & (p >= 0)
        c, p = c[ok], p[ok]
        o = np.argsort(c, kind="stable")
        return np.searchsorted(c[o], np.arange(idx.n_terms + 1)), p[o]

    @cached_property
    def _annotation_edges(self) -> dict:
        """has_phenotype / not_has_phenotype edges sorted by (disease row, term row), as
        plain arrays (fast lookups for a few candidates)."""
        e = self.kg.edges_of(["has_phenotype", "not_has_phenotype"])
        src = e["src"].to_numpy(np.int64)
        dst = e["dst"].to_numpy(np.int64)
        o = np.lexsort((dst, src))
        col = lambda name: e[name].astype(str).to_numpy(dtype=object)[o]  # noqa: E731
        return {
            "row": e.index.to_numpy(np.int64)[o], "src": src[o], "dst": dst[o],
            "negated": (e["type"].astype(str).to_numpy(dtype=object) == "not_has_phenotype")[o],
            "frequency": e["frequency"].to_numpy(np.float64)[o],
            "frequency_raw": col("frequency_raw"), "references": col("references"),
            "evidence": col("evidence"), "onset": col("onset"),
        }

    @cached_property
    def ic(self) -> np.ndarray:
        return self.ranker.similarity.ic

    @cached_property
    def _labels(self) -> np.ndarray:
        return self.kg.nodes["label"].astype(str).to_numpy(dtype=object)

    def _label(self, col: int) -> str:
        return str(self._labels[int(self.index.term_rows[col])])

    def annotation(self, disease_col: int, term_col: int, *, negated: bool = False) -> dict:
        """The KG's annotation edge(s) ``disease → term``: frequency, raw frequency, merged
        references, evidence code, onset. Empty dict when there is none."""
        t = self._annotation_edges
        drow = int(self.index.disease_rows[disease_col])
        trow = int(self.index.term_rows[term_col])
        lo = np.searchsorted(t["src"], drow, "left")
        hi = np.searchsorted(t["src"], drow, "right")
        sub = lo + np.flatnonzero((t["dst"][lo:hi] == trow) & (t["negated"][lo:hi] == negated))
        if not len(sub):
            return {}
        freq = t["frequency"][sub]
        best = int(sub[np.nanargmax(freq)]) if np.isfinite(freq).any() else int(sub[0])
        refs: list[str] = []
        for r in t["references"][sub].tolist():
            for x in str(r).split(";"):
                x = x.strip()
                if x and x not in refs:
                    refs.append(x)
        f = float(t["frequency"][best])
        return {
            "frequency": None if not math.isfinite(f) else f,
            "frequency_raw": str(t["frequency_raw"][best] or ""),
            "references": refs,
            # the KG edges behind it, as the ids of their facts (kgmed.retrieval.facts)
            "facts": [f"E{r}" for r in t["row"][sub].tolist()],
            "evidence": str(t["evidence"][best] or ""),
            "onset": str(t["onset"][best] or ""),
        }

    # ---------------------------------------------------------------- evidence
    def _direct(self, d: int) -> tuple[np.ndarray, np.ndarray]:
        """Direct annotation term columns of disease ``d`` and their effective frequencies."""
        idx, p = self.index, self.ranker.config.lr
        ptr = idx.annotation_ptr
        t = idx.ann_term[ptr[d]: ptr[d + 1]].astype(np.int64)
        f = idx.ann_freq[ptr[d]: ptr[d + 1]].astype(np.float64)
        f = np.maximum(np.where(np.isnan(f), p.default_frequency, f), p.min_frequency)
        return t, f

    def _is_anc(self, anc_col: int, cols: np.ndarray) -> np.ndarray:
        """For each of ``cols``: is ``anc_col`` among its ancestors (itself included)?"""
        from kgmed.rank.kernels import gather_ranges

        idx = self.index
        cols = np.asarray(cols, dtype=np.int64)
        pos, owner = gather_ranges(idx.anc_ptr, cols)
        return np.bincount(owner[idx.anc_idx[pos] == anc_col], minlength=len(cols)) > 0

    def _ancestor_table(self, terms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(ancestor column, owner)`` pairs for all ``terms`` (each term's ancestor closure)."""
        from kgmed.rank.kernels import gather_ranges

        pos, owner = gather_ranges(self.index.anc_ptr, np.asarray(terms, dtype=np.int64))
        return self.index.anc_idx[pos].astype(np.int64), owner

    def observed_match(self, q: int, d: int, _direct=None) -> tuple[str, Optional[int], Optional[int]]:
        """``(match, disease term column, common ancestor column)`` of patient term ``q``
        for disease ``d``, following the likelihood-ratio model's choice."""
        idx, p = self.index, self.ranker.config.lr
        bg = self.ranker.lr_model.background
        anc_q = idx.ancestors(q)
        nots = idx.not_term[idx.not_disease == d]
        hit = np.intersect1d(nots, anc_q)
        if len(hit):
            return "contradicted", int(hit[np.argmax(idx.depth[hit])]), None
        terms, freqs, anc_all, owner = _direct if _direct is not None else self._disease_terms(d)
        if not len(terms):
            return "none", None, None
        floor = math.log(p.false_positive)
        cap = math.log(p.max_ratio)
        ic = self.ic
        best = (floor + 1e-6, "none", None, None)

        def pick(k: np.ndarray) -> int:  # most frequent, then most specific
            return int(k[np.lexsort((-ic[terms[k]], -freqs[k]))][0])

        below = np.unique(owner[anc_all == q])  # annotations at or below q
        if len(below):
            k = pick(below)
            v = min(math.log(freqs[k] / bg[q]), cap)
            kind = "exact" if terms[k] == q else "more_specific"
            best = max(best, (v, kind, int(terms[k]), q), key=lambda x: x[0])
        strict = anc_q[(anc_q != q) & (idx.depth[anc_q] >= 2)]
        for a in strict.tolist():
            at = terms == a
            if at.any() and p.subclass_weight > 0:
                v = min(math.log(p.subclass_weight * freqs[at].max() / bg[a]), cap)
                if v > best[0]:
                    best = (v, "less_specific", a, a)
            if p.partial_weight > 0:
                under = np.unique(owner[anc_all == a])
                if len(under):
                    k = pick(under)
                    v = min(math.log(p.partial_weight * freqs[k] / bg[a]), cap)
                    if v > best[0] + 1e-9:
                        best = (v, "related", int(terms[k]), a)
        _, kind, term, common = best
        return kind, term, common

    def _disease_terms(self, d: int):
        terms, freqs = self._direct(d)
        anc_all, owner = self._ancestor_table(terms)
        return terms, freqs, anc_all, owner

    def evidence(self, ranking, d: int, *, n_missing: int = 5) -> dict:
        """Evidence lists for disease column ``d``: ``matched``, ``unexplained``,
        ``contradicting`` (:class:`~kgmed.diagnosis.Evidence`) and ``missing``
        (:class:`~kgmed.diagnosis.Feature`)."""
        case = ranking.case
        out = {"matched": [], "unexplained": [], "contradicting": [], "missing": []}
        direct = self._disease_terms(d)
        for i, q in enumerate(case.observed.tolist()):
            c = float(case.observed_llr[i, d])
            kind, term, common = self.observed_match(q, d, direct)
            ev = self._evidence(q, "present", kind, c, d, term, common)
            if kind == "contradicted":
                out["contradicting"].append(ev)
            elif kind == "none":
                out["unexplained"].append(ev)
            else:
                out["matched"].append(ev)
        raw = case.excluded_llr[:, d].astype(np.float64) if len(case.excluded) else np.zeros(0)
        if len(raw) and raw.sum() < 0:
            scale = float(case.excluded_total[d] / raw.sum())
            terms, freqs, anc_all, owner = direct
            for j, e in enumerate(case.excluded.tolist()):
                if raw[j] >= 0:
                    continue
                k = np.unique(owner[anc_all == e])
                term = int(terms[k[np.lexsort((-self.ic[terms[k]], -freqs[k]))][0]]) if len(k) else None
                out["contradicting"].append(self._evidence(e, "excluded", "absent", float(raw[j]) * scale, d, term, e))
        out["missing"] = self.missing(ranking, d, n=n_missing)
        out["matched"].sort(key=lambda e: -e.contribution)
        out["contradicting"].sort(key=lambda e: e.contribution)
        return out

    def _evidence(self, q, status, kind, contribution, d, term, common) -> Evidence:
        ann = self.annotation(d, term, negated=(kind == "contradicted")) if term is not None else {}
        return Evidence(
            hpo_id=self.index.term_ids[q],
            label=self._label(q),
            status=status,
            match=kind,
            contribution=float(contribution),
            disease_term=self.index.term_ids[term] if term is not None else None,
            disease_term_label=self._label(term) if term is not None else None,
            common_ancestor=self.index.term_ids[common] if (common is not None and kind == "related") else None,
            frequency=ann.get("frequency"),
            frequency_raw=ann.get("frequency_raw", ""),
            references=ann.get("references", []),
            facts=ann.get("facts", []),
        )

    def missing(self, ranking, d: int, n: int = 5, min_frequency: float = 0.5) -> list[Feature]:
        """Up to ``n`` frequent phenotype annotations of ``d`` that no observed finding
        mentions (neither ancestor nor descendant) and no excluded finding covers; most
        informative first, the most specific of related terms only."""
        idx = self.index
        model = self.ranker.lr_model
        ptr = idx.annotation_ptr
        terms = idx.ann_term[ptr[d]: ptr[d + 1]].astype(np.int64)
        raw = idx.ann_freq[ptr[d]: ptr[d + 1]]
        known = ~np.isnan(raw)
        freq = np.where(known, raw, np.nan)
        keep = idx.phenotype_mask[terms] & (~known | (np.nan_to_num(raw) >= min_frequency))
        mentioned = ranking.cache.get("mentioned")
        if mentioned is None:
            mentioned = model.mentioned_terms(ranking.case.observed)
            if len(ranking.case.excluded):
                mentioned = mentioned | model.mentioned_terms(ranking.case.excluded)
            ranking.cache["mentioned"] = mentioned
        keep &= ~mentioned[terms]
        cand = np.flatnonzero(keep)
        if not len(cand):
            return []
        # drop terms that are ancestors of another candidate (keep the specific one)
        cset = terms[cand]
        anc_of_other = set()
        for c in cset.tolist():
            anc_of_other.update(x for x in idx.ancestors(c).tolist() if x != c)
        cand = np.array([k for k in cand if terms[k] not in anc_of_other], dtype=np.int64)
        order = cand[np.lexsort((-self.ic[terms[cand]], -np.nan_to_num(freq[cand], nan=0.6)))]
        out = []
        for k in order[:n].tolist():
            ann = self.annotation(d, int(terms[k]))
            out.append(Feature(hpo_id=idx.term_ids[terms[k]], label=self._label(int(terms[k])),
                               frequency=ann.get("frequency"), frequency_raw=ann.get("frequency_raw", "")))
        return out

    # ------------------------------------------------------------------ paths
    def _up_path(self, start: int, goal: int) -> list[int]:
        """Shortest is_a chain from ``start`` up to its ancestor ``goal`` (both included)."""
        if start == goal:
            return [start]
        ptr, par = self._parents
        prev = {start: -1}
        dq = deque([start])
        while dq:
            x = dq.popleft()
            for y in par[ptr[x]: ptr[x + 1]].tolist():
                if y not in prev:
                    prev[y] = x
                    if y == goal:
                        path = [y]
                        while prev[path[-1]] != -1:
                            path.append(prev[path[-1]])
                        return path[::-1]
                    dq.append(y)
        raise ValueError(f"{self.index.term_ids[goal]} is not an ancestor of {self.index.term_ids[start]}")

    def _step(self, col: int, edge: str) -> PathStep:
        return PathStep(self.index.term_ids[col], self._label(col), float(self.ic[col]), edge)

    def path(self, ev: Evidence, d: int) -> list[PathStep]:
        """The KG path of one piece of evidence: patient term → … → disease term → disease."""
        idx = self.index
        if ev.disease_term is None:
            return []
        q = idx.term_col[ev.hpo_id]
        x = idx.term_col[ev.disease_term]
        disease = PathStep(idx.disease_ids[d], idx.disease_names[d], None, "")
        last = "not_annotated_in" if ev.match == "contradicted" else "annotated_in"
        if ev.match == "contradicted":
            # NOT on an ancestor x of q: q → is_a … → x, disease NOT x
            up = self._up_path(q, x)
            return [self._step(c, "is_a") for c in up[:-1]] + [self._step(x, last), disease]
        if ev.match in ("exact",):
            return [self._step(q, last), disease]
        if ev.match in ("more_specific", "absent"):
            down = self._up_path(x, q)[::-1]  # q, …, x
            return [self._step(c, "has_subclass") for c in down[:-1]] + [self._step(x, last), disease]
        if ev.match == "less_specific":
            up = self._up_path(q, x)
            return [self._step(c, "is_a") for c in up[:-1]] + [self._step(x, last), disease]
        if ev.match == "related":
            c = idx.term_col[ev.common_ancestor]
            up = self._up_path(q, c)
            down = self._up_path(x, c)[::-1]  # c, …, x
            steps = [self._step(t, "is_a") for t in up[:-1]]
            steps += [self._step(t, "has_subclass") for t in down[:-1]]
            return steps + [self._step(x, last), disease]
        return []

    def explain(self, ranking, d: int, *, probability: float = float("nan"), rank: int = 0,
                onset: str | None = None, n_missing: int = 5) -> Explanation:
        """The full :class:`Explanation` of disease column ``d`` for a ranked case."""
        idx = self.index
        ev = self.evidence(ranking, d, n_missing=n_missing)
        findings = []
        for e in ev["matched"] + ev["unexplained"] + ev["contradicting"]:
            ann = {}
            if e.disease_term is not None:
                ann = self.annotation(d, idx.term_col[e.disease_term], negated=(e.match == "contradicted"))
            findings.append(FindingPath(evidence=e, path=self.path(e, d), evidence_code=ann.get("evidence", ""),
                                        onset=ann.get("onset", "")))
        return Explanation(
            disease_id=idx.disease_ids[d],
            name=idx.disease_names[d],
            rank=int(rank),
            score=float(ranking.score[d]),
            probability=float(probability),
            log_likelihood_ratio=float(ranking.llr[d]),
            onset_log_ratio=float(ranking.onset_llr[d]),
            similarity=float(ranking.similarity[d]),
            similarity_weight=float(self.ranker.config.similarity_weight),
            findings=findings,
            missing=ev["missing"],
            onset=onset,
        )
