"""What to check next: the findings whose presence or absence would best separate the top
candidates, by expected information gain.

For the top ``N`` candidates with posterior probabilities :math:`p_d` (renormalised over
the candidates) and a finding ``t`` not yet reported, the model of the ranker gives

.. math::

    P(t \\mid d) = \\begin{cases} f_d(t) & d \\text{ is annotated with } t
        \\text{ or a descendant} \\\\ \\epsilon\\, b(t) & \\text{otherwise} \\end{cases}

with :math:`f_d(t)` the propagated annotated frequency, :math:`b(t)` its background over
all diseases and :math:`\\epsilon` the ranker's chance-finding ratio (the same quantities
as :class:`~kgmed.rank.LikelihoodRatioModel`). Asking about ``t`` is worth

.. math::

    \\mathrm{IG}(t) = H(p) - P(t)\\, H(p \\mid t) - (1 - P(t))\\, H(p \\mid \\neg t),
    \\qquad P(t) = \\sum_d p_d P(t \\mid d)

bits: the expected drop in uncertainty about which candidate is right. Candidate findings
are the phenotypes annotated to the top candidates that the case does not already settle
(a reported finding, an ancestor of one, an excluded finding or a descendant of one).

Each question also carries the information a *positive* answer alone would bring,
:math:`\\mathrm{KL}(p \\mid t \\,\\|\\, p)` bits: how far finding ``t`` would move the
differential if the examination finds it. ``order="if_present"`` ranks by it — the
distinguishing features to look for, when "not found" says little (a record or an
examination that does not mention a finding has not shown it absent). ``order="plan"``
makes that list short enough to work through: the ``k`` findings with the highest
:math:`P(t) \\cdot \\mathrm{KL}` (the expected information of a positive answer), asked in
order of information if present — the plan that maximises the expected information of the
first positive finding when each answer is unlikely to be yes. The default,
``order="gain"``, values both answers.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np

__all__ = ["Question", "next_findings", "question_gains", "information_gain", "information_if_present"]

ORDERS = ("gain", "if_present", "plan")


@dataclass(frozen=True)
class Question:
    """A finding worth checking, phrased as a question.

    Attributes:
        hpo_id, label: the finding.
        question: e.g. ``"Does the patient have Ectopia lentis (HP:0001083)?"``.
        information_gain: expected bits gained about the top candidates.
        information_if_present: bits a positive answer alone would bring (module doc).
        p_present: the probability the answer is yes, under the current posterior.
        if_present, if_absent: the candidate disease ids that the answer favours most
            (largest posterior gain), best first.
        observable_through: diagnostic procedures through which it is observed (MAxO,
            when ingested): ``{"id", "label"}`` dicts.
    """

    hpo_id: str
    label: str
    question: str
    information_gain: float
    p_present: float
    information_if_present: float = 0.0
    if_present: list[str] = field(default_factory=list)
    if_absent: list[str] = field(default_factory=list)
    observable_through: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["information_gain"] = round(self.information_gain, 4)
        d["information_if_present"] = round(self.information_if_present, 4)
        d["p_present"] = round(self.p_present, 4)
        return d


def _entropy(p: np.ndarray, axis: int = 0) -> np.ndarray:
    """Shannon entropy in bits (0·log 0 = 0)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, -p * np.log2(p), 0.0)
    return terms.sum(axis=axis)


def information_gain(prior: np.ndarray, likelihood: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Expected information gain of each of ``T`` yes/no findings.

    Args:
        prior: ``(N,)`` probabilities of the candidates (summing to 1).
        likelihood: ``(N, T)`` probability that each finding is present given each candidate.

    Returns:
        ``(gain, p_yes)``: ``(T,)`` bits and ``(T,)`` probabilities of a yes.
    """
    prior = np.asarray(prior, dtype=np.float64)
    q = np.clip(np.asarray(likelihood, dtype=np.float64), 0.0, 1.0)
    joint_yes = prior[:, None] * q
    joint_no = prior[:, None] * (1.0 - q)
    p_yes = joint_yes.sum(0)
    p_no = joint_no.sum(0)
    with np.errstate(divide="ignore", invalid="ignore"):
        post_yes = np.where(p_yes > 0, joint_yes / p_yes, 0.0)
        post_no = np.where(p_no > 0, joint_no / p_no, 0.0)
    gain = _entropy(prior) - p_yes * _entropy(post_yes) - p_no * _entropy(post_no)
    return np.maximum(gain, 0.0), p_yes


def information_if_present(prior: np.ndarray, likelihood: np.ndarray) -> np.ndarray:
    """Bits a positive answer to each of ``T`` findings would bring: ``KL(posterior | yes ‖ prior)``.

    Args:
        prior: ``(N,)`` probabilities of the candidates (summing to 1).
        likelihood: ``(N, T)`` probability that each finding is present given each candidate.

    Returns:
        ``(T,)`` bits (0 where a yes is impossible under the model).
    """
    prior = np.asarray(prior, dtype=np.float64)
    joint = prior[:, None] * np.clip(np.asarray(likelihood, dtype=np.float64), 0.0, 1.0)
    p_yes = joint.sum(0)
    with np.errstate(divide="ignore", invalid="ignore"):
        post = np.where(p_yes > 0, joint / p_yes, 0.0)
        terms = np.where((post > 0) & (prior[:, None] > 0), post * np.log2(post / prior[:, None]), 0.0)
    return np.maximum(terms.sum(0), 0.0)


def _settled_terms(index, observed: np.ndarray, excluded: np.ndarray) -> np.ndarray:
    """Term columns the case already answers: reported terms and their ancestors (present),
    excluded terms and their descendants (absent)."""
    settled = np.zeros(index.n_terms, dtype=bool)
    for t in np.asarray(observed, dtype=np.int64).tolist():
        settled[index.ancestors(t)] = True
    excl = np.asarray(excluded, dtype=np.int64)
    if len(excl):
        owner = np.repeat(np.arange(index.n_terms), np.diff(index.anc_ptr))
        settled[owner[np.isin(index.anc_idx, excl)]] = True
    return settled


def _likelihoods(engine, cand: np.ndarray, terms: np.ndarray) -> np.ndarray:
    """``(N, T)``: P(term present | candidate) under the ranker's model (module doc)."""
    index, lr = engine.index, engine.ranker.lr_model
    pos = {int(d): i for i, d in enumerate(cand.tolist())}
    eps = lr.params.false_positive
    q = np.tile(eps * lr.background[terms], (len(cand), 1))
    freq = lr.entry_frequency
    for j, t in enumerate(terms.tolist()):
        lo, hi = index.prop_ptr[t], index.prop_ptr[t + 1]
        ds = index.prop_disease[lo:hi]
        hit = np.isin(ds, cand)
        for d, f in zip(ds[hit].tolist(), freq[lo:hi][hit].tolist()):
            q[pos[d], j] = f
    # NOT annotations: the disease is known not to show it.
    not_mask = np.isin(index.not_disease, cand) & np.isin(index.not_term, terms)
    tpos = {int(t): j for j, t in enumerate(terms.tolist())}
    for d, t in zip(index.not_disease[not_mask].tolist(), index.not_term[not_mask].tolist()):
        q[pos[d], tpos[t]] = eps * lr.background[t]
    return q


def _posterior(ranking, probabilities: np.ndarray, top_n: int) -> tuple[np.ndarray, np.ndarray]:
    """The top ``top_n`` candidate columns and their probabilities renormalised over them."""
    cand = ranking.top(top_n)
    prior = np.asarray(probabilities, dtype=np.float64)[cand]
    prior = prior / prior.sum() if prior.sum() > 0 else np.full(len(cand), 1.0 / max(len(cand), 1))
    return cand, prior


def question_gains(engine, ranking, probabilities: np.ndarray, terms, *, top_n: int = 20) -> tuple[np.ndarray, np.ndarray]:
    """Expected information gain (bits) and P(yes) of asking about each of ``terms`` (term
    columns), over the top ``top_n`` candidates of ``ranking``."""
    terms = np.asarray(terms, dtype=np.int64)
    cand, prior = _posterior(ranking, probabilities, top_n)
    if len(cand) < 2 or len(terms) == 0:
        return np.zeros(len(terms)), np.zeros(len(terms))
    return information_gain(prior, _likelihoods(engine, cand, terms))


def next_findings(engine, ranking, probabilities: np.ndarray, *, top_n: int = 20, k: int | None = 5,
                  min_gain: float = 1e-3, order: str = "gain") -> list[Question]:
    """The ``k`` findings with the highest expected information gain (module doc).

    Args:
        engine: the :class:`~kgmed.Engine` that made ``ranking``.
        ranking: a :class:`~kgmed.rank.Ranking` of the case.
        probabilities: calibrated probabilities of every disease column.
        top_n: how many top candidates the gain is computed over.
        k: how many questions to return (None: every candidate finding).
        min_gain: questions worth less than this many bits (by ``order``'s measure) are not asked.
        order: ``"gain"`` (expected information gain, both answers), ``"if_present"``
            (information a positive answer brings) or ``"plan"`` (the ``k`` findings with
            the most expected information from a yes, by information if present; module doc).
    """
    if order not in ORDERS:
        raise ValueError(f"order must be one of {', '.join(ORDERS)}, got {order!r}")
    index = engine.index
    cand, prior = _posterior(ranking, probabilities, top_n)
    if len(cand) < 2:
        return []
    settled = _settled_terms(index, ranking.case.observed, ranking.case.excluded)

    # Candidate terms: phenotypes directly annotated to the top candidates, not settled.
    ptr = index.annotation_ptr
    terms = np.unique(np.concatenate([index.ann_term[ptr[d]: ptr[d + 1]] for d in cand.tolist()]))
    terms = terms[index.phenotype_mask[terms] & ~settled[terms]]
    if len(terms) == 0:
        return []
    q = _likelihoods(engine, cand, terms)
    gain, p_yes = information_gain(prior, q)
    if_present = information_if_present(prior, q)
    value = gain if order == "gain" else if_present
    # Deterministic order: the value, then the more specific (deeper) term, then the id.
    ranked = np.lexsort((terms, -index.depth[terms], -np.round(value, 9)))
    if order == "plan" and k is not None:
        expected = p_yes * if_present
        chosen = np.lexsort((terms, -index.depth[terms], -np.round(expected, 12)))[:k]
        ranked = ranked[np.isin(ranked, chosen)]
    _, labels = engine._node_text
    out = []
    for j in ranked[:k].tolist():
        if value[j] < min_gain:
            break
        t = int(terms[j])
        post_yes = prior * q[:, j] / max(p_yes[j], 1e-12)
        post_no = prior * (1 - q[:, j]) / max(1 - p_yes[j], 1e-12)
        favour_yes = [index.disease_ids[cand[i]] for i in np.argsort(-(post_yes - prior), kind="stable")[:3]
                      if post_yes[i] > prior[i]]
        favour_no = [index.disease_ids[cand[i]] for i in np.argsort(-(post_no - prior), kind="stable")[:3]
                     if post_no[i] > prior[i]]
        hpo, label = index.term_ids[t], str(labels[index.term_rows[t]])
        out.append(Question(
            hpo_id=hpo, label=label, question=f"Does the patient have {label} ({hpo})?",
            information_gain=float(gain[j]), p_present=float(p_yes[j]),
            information_if_present=float(if_present[j]),
            if_present=favour_yes, if_absent=favour_no,
        ))
    return out
