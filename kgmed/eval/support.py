"""Does asking the suggested question help? An evaluation of :mod:`kgmed.support`.

Protocol, on real phenopackets (covered cases with at least two present findings):

1. Each case's present findings are shuffled with a seeded generator and split in two:
   the *visible* half (``ceil(n/2)``) and the *hidden* half — what a clinician has not
   examined yet.
2. The case is ranked from the visible half (baseline).
3. **Suggested**: the questions of :func:`kgmed.support.next_findings` are asked in order
   (best first by ``order``, at most ``n_questions``; None: all of them) and answered from
   the hidden half, as if the patient were examined for each in turn: a question is
   answered when a hidden finding is the asked term or a more specific one, and the
   examination then records that finding (the most specific one, by information content,
   when several qualify). The first answered question's finding is added and the case
   ranked again. A question the record cannot answer is skipped (the case report does not
   say); a case where none of the questions is answered stays as it was.
4. **Random**: one hidden finding chosen at random (same seed) is added instead.

Excluded findings are left out of both the visible and the hidden half: in these
published cases curators list as absent the features of the very disease the paper is
about (``EVALUATION.md``), so answering "no" from them would measure that artefact, not
the questions.

Reported: top-1 / top-3 / top-10 / MRR (pessimistic ranks) of the three variants over the
same cases, how often a question was answered, and at which position.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

__all__ = ["SupportEvaluation", "evaluate_next_findings"]


@dataclass
class SupportEvaluation:
    """Metrics per variant (``visible``, ``suggested``, ``random``), counts, and per-case ranks."""

    metrics: dict = field(default_factory=dict)
    n_cases: int = 0
    answered: int = 0
    question_positions: list[int] = field(default_factory=list)
    cases: list[dict] = field(default_factory=list)
    config: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        pos = np.asarray(self.question_positions)
        return {
            "n_cases": self.n_cases, "answered": self.answered,
            "answered_question_position": {"median": float(np.median(pos)) if len(pos) else None,
                                           "mean": float(pos.mean()) if len(pos) else None,
                                           "p90": float(np.percentile(pos, 90)) if len(pos) else None},
            "metrics": self.metrics, "config": self.config,
        }


def _metrics(ranks: list[int]) -> dict:
    r = np.asarray(ranks, dtype=np.int64)
    if not len(r):
        return {"n": 0, "top1": 0.0, "top3": 0.0, "top10": 0.0, "mrr": 0.0}
    ok = r > 0
    return {
        "n": int(len(r)),
        "top1": float(np.mean(ok & (r <= 1))),
        "top3": float(np.mean(ok & (r <= 3))),
        "top10": float(np.mean(ok & (r <= 10))),
        "mrr": float(np.mean(np.where(ok, 1.0 / np.maximum(r, 1), 0.0))),
    }


def evaluate_next_findings(path: str | Path, *, engine=None, seed: int = 0, n_questions: int | None = 50,
                           top_n: int = 20, order: str = "gain", limit: int | None = None,
                           progress: Callable[[int], None] | None = None) -> SupportEvaluation:
    """Run the protocol of the module docstring on the phenopackets under ``path``."""
    from kgmed.engine import Engine
    from kgmed.errors import InputError, UnknownIdentifierError
    from kgmed.eval.diagnosis import case_diagnosis, iter_phenopackets
    from kgmed.kg.curie import normalize_curie
    from kgmed.rank import Query
    from kgmed.support import next_findings

    engine = engine or Engine.load(grounding=False)
    kg, idx, ranker = engine.kg, engine.index, engine.ranker
    rng = np.random.default_rng(seed)
    ranks: dict[str, list[int]] = {"visible": [], "suggested": [], "random": []}
    positions: list[int] = []
    cases: list[dict] = []
    ic = ranker.similarity.ic

    def rank(observed: list[int], col: int):
        ranking = ranker.rank(Query(observed=np.asarray(observed, np.int64)))
        return ranking.rank_of(col), ranking

    for name, data in iter_phenopackets(path, limit=limit):
        if progress:
            progress(1)
        if isinstance(data, Exception):
            continue
        try:
            truth = kg.resolve(normalize_curie(case_diagnosis(data) or ""))
            query, _ = engine.query(engine._from_phenopacket(data))
        except (UnknownIdentifierError, InputError, ValueError):
            continue
        col = idx.disease_col.get(truth, -1)
        present = [int(t) for t in query.observed]
        if col < 0 or len(present) < 2:
            continue
        present = [present[i] for i in rng.permutation(len(present))]
        n_vis = math.ceil(len(present) / 2)
        visible, hidden = present[:n_vis], present[n_vis:]
        r0, ranking = rank(visible, col)

        probs = engine.calibrator.probabilities(ranking.score, len(ranking.case.observed))
        questions = next_findings(engine, ranking, probs, top_n=top_n, k=n_questions, min_gain=0.0, order=order)
        added, position = None, None
        for i, q in enumerate(questions):
            t = idx.term_col[q.hpo_id]
            found = [h for h in hidden if t in idx.ancestors(h)]
            if found:  # the examination records the most specific of them
                added, position = max(found, key=lambda h: (float(ic[h]), -h)), i + 1
                break
        r_sugg = rank(visible + [added], col)[0] if added is not None else r0
        r_rand = rank(visible + [hidden[int(rng.integers(len(hidden)))]], col)[0]

        ranks["visible"].append(r0)
        ranks["suggested"].append(r_sugg)
        ranks["random"].append(r_rand)
        if position is not None:
            positions.append(position)
        cases.append({"case": name, "visible": r0, "suggested": r_sugg, "random": r_rand, "question": position})

    return SupportEvaluation(
        metrics={k: _metrics(v) for k, v in ranks.items()}, n_cases=len(cases), answered=len(positions),
        question_positions=positions, cases=cases,
        config={"seed": seed, "n_questions": n_questions, "top_n": top_n, "order": order, "limit": limit},
    )
