"""Genes to test and medical actions for the top candidates, each with its KG source.

* **Genes**: every gene associated with a top candidate (``associated_gene`` edges), ranked
  by the total probability of the candidates that point to it, with those candidates and
  their modes of inheritance — what a clinician would put on a targeted panel.
* **Medical actions**: MAxO treatments, preventions and other actions annotated to a
  candidate or to a disease ``same_as`` it (MAxO annotates MONDO ids), with their PMIDs;
  and the diagnostic procedures through which a suggested finding is observed
  (``observable_through``). Present only when MAxO is ingested.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np

__all__ = ["GeneSuggestion", "MedicalAction", "genes_to_test", "medical_actions", "diagnostic_procedures"]

_ACTION_EDGES = ("treated_by", "prevented_by", "medical_action")


@dataclass(frozen=True)
class GeneSuggestion:
    """A gene to test: its id and symbol, the summed probability of the candidates that
    point to it, and those candidates (``{"disease_id", "name", "probability",
    "inheritance"}``)."""

    id: str
    symbol: str
    probability: float
    diseases: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["probability"] = round(self.probability, 6)
        return d


@dataclass(frozen=True)
class MedicalAction:
    """A MAxO action for a disease: what it does (``relation``: treats, prevents …), for
    which phenotype if stated, the KG edge it came from (``fact``: ``E<row>``) and its
    references."""

    disease_id: str
    action_id: str
    action: str
    relation: str
    phenotype: str = ""
    references: list[str] = field(default_factory=list)
    evidence: str = ""
    fact: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def genes_to_test(engine, candidates) -> list[GeneSuggestion]:
    """Genes of the given :class:`~kgmed.diagnosis.Candidate` list, by summed probability."""
    genes: dict[str, dict] = {}
    for c in candidates:
        inh = [i["label"] for i in c.inheritance]
        for g in c.genes:
            entry = genes.setdefault(g.id, {"symbol": g.symbol, "p": 0.0, "diseases": []})
            entry["p"] += c.probability
            entry["diseases"].append({"disease_id": c.disease_id, "name": c.name,
                                      "probability": round(c.probability, 6), "inheritance": inh})
    ranked = sorted(genes.items(), key=lambda kv: (-kv[1]["p"], kv[1]["symbol"], kv[0]))
    return [GeneSuggestion(gid, e["symbol"], e["p"], e["diseases"]) for gid, e in ranked]


def _edges_by_type(engine, types: tuple[str, ...]):
    cache = engine.__dict__.setdefault("_support_edges", {})
    if types not in cache:
        e = engine.kg.edges_of(list(types))
        cache[types] = (e.index.to_numpy(), e["src"].to_numpy(), e["dst"].to_numpy(),
                        e["type"].astype(str).to_numpy(), e["qualifier"].astype(str).to_numpy(),
                        e["references"].astype(str).to_numpy(), e["evidence"].astype(str).to_numpy())
    return cache[types]


def medical_actions(engine, disease_id: str) -> list[MedicalAction]:
    """MAxO actions annotated to ``disease_id`` or any disease equivalent to it."""
    kg = engine.kg
    rows, src, dst, typ, qual, refs, evid = _edges_by_type(engine, _ACTION_EDGES)
    if len(rows) == 0:
        return []
    members = np.flatnonzero(kg.clusters == kg.clusters[kg.index(disease_id)])
    hit = np.flatnonzero(np.isin(src, members))
    ids, labels = kg.nodes["id"].to_numpy(), kg.nodes["label"].to_numpy()
    out = []
    for i in hit.tolist():
        relation, _, rest = qual[i].partition(" ")
        pheno = rest.strip()
        if pheno:
            pheno = f"{kg.label(pheno) or pheno} ({pheno})"
        out.append(MedicalAction(
            disease_id=str(ids[src[i]]), action_id=str(ids[dst[i]]), action=str(labels[dst[i]]),
            relation=relation or typ[i], phenotype=pheno,
            references=[r for r in refs[i].split(";") if r], evidence=evid[i], fact=f"E{rows[i]}",
        ))
    out.sort(key=lambda a: (a.relation != "treats", a.action.lower(), a.phenotype, a.fact))
    return out


def diagnostic_procedures(engine, hpo_id: str, *, limit: int = 3) -> list[dict]:
    """MAxO diagnostic procedures through which ``hpo_id`` is observed (postnatal first)."""
    rows, src, dst, _, qual, _, _ = _edges_by_type(engine, ("observable_through",))
    if len(rows) == 0:
        return []
    r = engine.kg.index(hpo_id)
    hit = np.flatnonzero(src == r)
    ids, labels = engine.kg.nodes["id"].to_numpy(), engine.kg.nodes["label"].to_numpy()
    items = sorted(hit.tolist(), key=lambda i: ("prenatal" in qual[i], str(labels[dst[i]])))
    return [{"id": str(ids[dst[i]]), "label": str(labels[dst[i]]), "prenatal": "prenatal" in qual[i],
             "fact": f"E{rows[i]}"} for i in items[:limit]]
