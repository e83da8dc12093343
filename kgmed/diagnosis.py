"""The result of a diagnosis: the findings read from the input and the ranked candidates.

:class:`Diagnosis` and :class:`Candidate` are plain dataclasses (no numpy inside), so they
serialise with :meth:`~Diagnosis.to_dict` / :meth:`~Diagnosis.to_json` and print as a
readable report. :attr:`Candidate.facts` holds the KG facts retrieved for each candidate
(:mod:`kgmed.retrieval`) and :attr:`Diagnosis.support` the decision support
(:mod:`kgmed.support`: findings to check next, genes to test, medical actions).

Example::

    >>> import kgmed
    >>> dx = kgmed.diagnose(["HP:0001166", "HP:0001083", "HP:0002616"])   # doctest: +SKIP
    >>> dx.candidates[0].disease_id, dx.candidates[0].name                 # doctest: +SKIP
    ('OMIM:154700', 'Marfan syndrome')
    >>> print(dx)                                                          # doctest: +SKIP
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from typing import Any, Optional

__all__ = ["Diagnosis", "Candidate", "Evidence", "Feature", "Gene"]


@dataclass
class Evidence:
    """How one patient finding bears on one candidate disease.

    Attributes:
        hpo_id, label: the patient's finding.
        status: ``"present"`` or ``"excluded"``.
        match: how the disease relates to it: ``"exact"`` (annotated with this term),
            ``"more_specific"`` (annotated with a descendant: the patient's term is less
            specific), ``"less_specific"`` (annotated with an ancestor: the patient's term is
            more specific), ``"related"`` (annotated with a relative under a common ancestor),
            ``"none"`` (the disease does not explain it), ``"contradicted"`` (the disease is
            annotated NOT to show it), ``"absent"`` (an excluded finding the disease shows).
        disease_term, disease_term_label: the disease's annotation that explains the match.
        common_ancestor: the term through which a ``"related"`` match goes.
        frequency: the annotation's frequency in [0, 1] (``None`` when not given).
        frequency_raw: as written in the annotation (``"HP:0040281"``, ``"3/7"``).
        references: the annotation's references (``PMID:…``, ``OMIM:…``).
        facts: ids of the facts (KG edges, ``E<row>``) the match rests on; the same ids
            as in :attr:`Candidate.facts` and :mod:`kgmed.retrieval`.
        contribution: the finding's natural-log likelihood ratio for this disease.
    """

    hpo_id: str
    label: str
    status: str
    match: str
    contribution: float
    disease_term: Optional[str] = None
    disease_term_label: Optional[str] = None
    common_ancestor: Optional[str] = None
    frequency: Optional[float] = None
    frequency_raw: str = ""
    references: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        """The likelihood ratio, ``exp(contribution)``."""
        return math.exp(self.contribution)


@dataclass
class Feature:
    """A disease feature the patient is not reported to have (what the disease predicts)."""

    hpo_id: str
    label: str
    frequency: Optional[float] = None
    frequency_raw: str = ""


@dataclass
class Gene:
    """A gene associated with a disease."""

    id: str
    symbol: str


@dataclass
class Candidate:
    """One ranked disease.

    Attributes:
        rank: 1-based position in the list.
        disease_id: CURIE (``OMIM:154700``, ``ORPHA:558``, ``DECIPHER:1``).
        name: the disease's label.
        score: the fused ranking score (natural-log scale; comparable across calls of the
            same engine).
        probability: calibrated post-test probability among the KG's diseases.
        log_likelihood_ratio: the findings' summed log likelihood ratio.
        onset_log_ratio: the onset's log likelihood ratio (0 when not used).
        similarity: symmetric Resnik similarity between the case and the disease.
        matched: observed findings the disease explains (with how and from which annotation).
        unexplained: observed findings the disease does not explain.
        missing: frequent features of the disease the patient is not reported to have.
        contradicting: findings against the disease: excluded findings it shows, observed
            findings it is annotated NOT to show.
        genes: associated genes.
        inheritance: modes of inheritance (HPO ids and labels).
        equivalents: identifiers of the same disease in other sources (when mappings are
            ingested).
        facts: the KG facts that best support the candidate for this patient, retrieved
            with the findings and the note (:mod:`kgmed.retrieval.grounding`): dicts with
            ``id``, ``kind``, ``text``, ``references``, ``source``, ``score``. Empty when
            the engine has no fact index (``grounding=False``).
    """

    rank: int
    disease_id: str
    name: str
    score: float
    probability: float
    log_likelihood_ratio: float = 0.0
    onset_log_ratio: float = 0.0
    similarity: float = 0.0
    matched: list[Evidence] = field(default_factory=list)
    unexplained: list[Evidence] = field(default_factory=list)
    missing: list[Feature] = field(default_factory=list)
    contradicting: list[Evidence] = field(default_factory=list)
    genes: list[Gene] = field(default_factory=list)
    inheritance: list[dict] = field(default_factory=list)
    equivalents: list[str] = field(default_factory=list)
    facts: list[Any] = field(default_factory=list)

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        return _jsonable(asdict(self))

    def to_json(self, **kwargs) -> str:
        return json.dumps(self.to_dict(), **{"indent": 2, **kwargs})

    def __str__(self) -> str:
        return "\n".join(self._lines())

    def _lines(self, width: int = 3) -> list[str]:
        genes = ", ".join(g.symbol for g in self.genes[:6]) + (" …" if len(self.genes) > 6 else "")
        inh = ", ".join(i.get("label", i.get("id", "")) for i in self.inheritance)
        head = f"{self.rank:>{width}}. {self.name} ({self.disease_id})  p={self.probability:.3f}  score={self.score:.2f}"
        lines = [head]
        if genes or inh:
            lines.append(" " * (width + 2) + "; ".join(x for x in (f"genes: {genes}" if genes else "",
                                                                  f"inheritance: {inh}" if inh else "") if x))
        if self.matched:
            lines.append(" " * (width + 2) + "matches: " + ", ".join(
                f"{e.label}" + (f" (~{e.disease_term_label})" if e.match != "exact" and e.disease_term_label else "")
                for e in self.matched))
        if self.contradicting:
            lines.append(" " * (width + 2) + "against: " + ", ".join(
                ("no " if e.status == "excluded" else "") + e.label for e in self.contradicting))
        if self.missing:
            lines.append(" " * (width + 2) + "not reported: " + ", ".join(f.label for f in self.missing))
        for f in self.facts[:3]:
            lines.append(" " * (width + 2) + f"[{f['id']}] {f['text']}")
        return lines


@dataclass
class Diagnosis:
    """A ranked differential diagnosis.

    Attributes:
        findings: every finding read from the input (present, excluded, uncertain, family).
        candidates: the ranked diseases, best first.
        notes: what was remapped or left out, and why (obsolete ids, unknown ids,
            uncertain or family-history findings that do not count).
        onset: the patient's onset as an HPO onset term, when the input gives one.
        use_excluded: whether excluded findings were used.
        n_diseases: how many diseases were ranked.
        unlisted_probability: calibrated probability that the diagnosis is none of the
            ranked diseases (a disease without phenotype annotations in this KG).
        support: decision support (:class:`kgmed.support.Support`: questions to ask next,
            genes to test, MAxO actions), ``None`` when not computed.
        meta: the engine's KG release and ranking configuration.
    """

    findings: list = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    onset: Optional[str] = None
    use_excluded: bool = True
    n_diseases: int = 0
    unlisted_probability: float = 0.0
    support: Any = None
    meta: dict = field(default_factory=dict)

    @property
    def top(self) -> Optional[Candidate]:
        """The best candidate (``None`` when there is none)."""
        return self.candidates[0] if self.candidates else None

    def to_dict(self) -> dict:
        """A JSON-ready dict (findings as dicts, candidates as dicts)."""
        return _jsonable({
            "findings": [f.to_dict() if hasattr(f, "to_dict") else f for f in self.findings],
            "candidates": [c.to_dict() for c in self.candidates],
            "notes": list(self.notes),
            "onset": self.onset,
            "use_excluded": self.use_excluded,
            "n_diseases": self.n_diseases,
            "unlisted_probability": self.unlisted_probability,
            "support": self.support.to_dict() if self.support is not None else None,
            "meta": self.meta,
        })

    def to_json(self, **kwargs) -> str:
        """JSON text (``indent=2`` unless given)."""
        return json.dumps(self.to_dict(), **{"indent": 2, **kwargs})

    def __str__(self) -> str:
        present = [f for f in self.findings if getattr(f, "status", "") == "present" and getattr(f, "subject", "patient") == "patient"]
        excluded = [f for f in self.findings if getattr(f, "status", "") == "excluded" and getattr(f, "subject", "patient") == "patient"]
        lines = [f"Differential diagnosis ({len(self.candidates)} of {self.n_diseases} diseases)"]
        lines.append("Findings: " + (", ".join(f"{f.label} ({f.hpo_id})" for f in present) or "none"))
        if excluded:
            lines.append("Excluded: " + ", ".join(f"{f.label} ({f.hpo_id})" for f in excluded)
                         + ("" if self.use_excluded else "  [not used]"))
        if self.onset:
            lines.append(f"Onset: {self.onset}")
        for n in self.notes:
            lines.append(f"Note: {n}")
        if self.unlisted_probability:
            lines.append(f"Probability that the diagnosis is none of these diseases: {self.unlisted_probability:.2f}")
        lines.append("")
        width = len(str(len(self.candidates)))
        for c in self.candidates:
            lines.extend(c._lines(width))
        if self.support is not None:
            support = self.support.lines()
            if support:
                lines.append("")
                lines.extend(support)
        return "\n".join(lines)

    def __repr__(self) -> str:
        top = f", top={self.top.disease_id}" if self.top else ""
        return f"Diagnosis({len(self.findings)} findings, {len(self.candidates)} candidates{top})"


def _jsonable(obj):
    """Replace non-finite floats (JSON has none) by ``None``, recursively."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_jsonable(v) for v in obj]
    return obj
