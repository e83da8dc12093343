"""Decision support: what to check next, which genes to test, which medical actions apply.

:func:`decision_support` assembles a :class:`Support` for a diagnosis: questions ranked by
expected information gain (:mod:`kgmed.support.questions`), genes of the top
candidates with inheritance, and MAxO treatments and diagnostic procedures with their
PMIDs when MAxO is ingested (:mod:`kgmed.support.actions`). Everything cites the KG.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from kgmed.support.actions import (
    GeneSuggestion, MedicalAction, diagnostic_procedures, genes_to_test, medical_actions,
)
from kgmed.support.questions import Question, information_gain, information_if_present, next_findings

__all__ = [
    "Support", "Question", "GeneSuggestion", "MedicalAction", "decision_support", "next_findings",
    "information_gain", "information_if_present", "genes_to_test", "medical_actions", "diagnostic_procedures",
]


@dataclass
class Support:
    """Decision support for one diagnosis.

    Attributes:
        next_findings: questions, best first.
        genes: genes to test, by the summed probability of the candidates behind them.
        actions: MAxO actions per candidate disease id (only candidates that have some).
    """

    next_findings: list[Question] = field(default_factory=list)
    genes: list[GeneSuggestion] = field(default_factory=list)
    actions: dict[str, list[MedicalAction]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "next_findings": [q.to_dict() for q in self.next_findings],
            "genes": [g.to_dict() for g in self.genes],
            "actions": {d: [a.to_dict() for a in acts] for d, acts in self.actions.items()},
        }

    def lines(self, *, n_genes: int = 8) -> list[str]:
        """A plain-text rendering (for :class:`~kgmed.Diagnosis`'s ``__str__``)."""
        out = []
        if self.next_findings:
            out.append("What to check next (expected information gain):")
            for q in self.next_findings:
                how = f" — observable through {', '.join(p['label'] for p in q.observable_through)}" if q.observable_through else ""
                out.append(f"  ? {q.question} [{q.information_gain:.2f} bits ({q.information_if_present:.2f} if found), "
                           f"P(yes)={q.p_present:.2f}]{how}")
        if self.genes:
            out.append("Genes to test: " + ", ".join(
                f"{g.symbol} ({g.probability:.0%})" for g in self.genes[:n_genes]))
        for disease, acts in self.actions.items():
            out.append(f"Medical actions for {disease} (MAxO):")
            for a in acts[:6]:
                refs = f" [{', '.join(a.references)}]" if a.references else ""
                target = f" {a.phenotype}" if a.phenotype else ""
                out.append(f"  - {a.action} ({a.action_id}) {a.relation}{target}{refs}")
        return out


def decision_support(engine, ranking, probabilities, candidates, *, questions: int = 5, top_n: int = 20) -> Support:
    """Build the :class:`Support` of a diagnosis (see the module doc)."""
    qs = next_findings(engine, ranking, probabilities, top_n=top_n, k=questions)
    qs = [replace(q, observable_through=diagnostic_procedures(engine, q.hpo_id)) for q in qs]
    actions = {}
    for c in candidates:
        acts = medical_actions(engine, c.disease_id)
        if acts:
            actions[c.disease_id] = acts
    return Support(next_findings=qs, genes=genes_to_test(engine, candidates), actions=actions)
