#!/usr/bin/env python
"""Benchmark fact retrieval on the default KG: build/load cost, query speed, and quality
on simulated patients.

Usage::

    python pipelines/bench_retrieval.py [--cases 1000] [--findings 5] [--seed 0]

Quality: for each simulated patient (a disease drawn at random among those with at least
``--findings`` phenotype annotations; the patient's findings are ``--findings`` of its
annotated phenotypes, and in the *imprecise* setting each finding is replaced by its
parent term with probability 0.3), the retriever's top-10 facts for the true disease
(:meth:`FactRetriever.supporting_facts`) must contain, for every finding, an annotation
fact it was drawn from. Reported: the fraction of patients for whom that holds, with
per-finding queries (what ``kgmed.diagnose`` uses) and with the patient described as one
sentence of text.

Speed: median wall time of one FAISS search over all facts (global, HNSW) and within one
disease (exact, range-filtered), of encoding one query text, and of a full
``supporting_facts`` call.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time

import numpy as np


def _median_ms(fn, n=300) -> float:
    fn()
    ts = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t)
    return round(statistics.median(ts) * 1000, 4)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="fact retrieval benchmark")
    p.add_argument("--cases", type=int, default=1000)
    p.add_argument("--findings", type=int, default=5)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)

    from kgmed.kg import load_default
    from kgmed.retrieval import load_retriever, retriever_cache_path

    kg = load_default()
    cached = (retriever_cache_path(kg) / "manifest.json").is_file()
    t = time.perf_counter()
    retriever = load_retriever(kg, progress=True)
    first = time.perf_counter() - t
    t = time.perf_counter()
    retriever = load_retriever(kg)
    load = time.perf_counter() - t

    facts = retriever.facts.table
    ann = kg.edges_of("has_phenotype")
    ann = ann[ann["aspect"] == "P"]
    by_disease = ann.groupby("src")["dst"].apply(lambda s: sorted(set(s.tolist())))
    eligible = by_disease[by_disease.map(len) >= args.findings]
    rng = np.random.default_rng(args.seed)
    diseases = rng.choice(eligible.index.to_numpy(), size=min(args.cases, len(eligible)), replace=False)
    ids = kg.nodes["id"].to_numpy()
    labels = kg.nodes["label"].to_numpy()
    # fact row of each (disease, phenotype) annotation
    ph = facts[facts["kind"] == "phenotype"]
    row_of_id = dict(zip(facts["id"].tolist(), range(len(facts))))
    fact_of = {}
    for row, d, o in zip(ph.index.to_numpy(), ph["disease"].to_numpy(), ph["object"].to_numpy()):
        fact_of.setdefault((int(d), int(o)), set()).add(int(row))

    results = {}
    for setting in ("exact", "imprecise"):
        ok_terms = ok_text = 0
        for d in diseases:
            terms = rng.choice(eligible[d], size=args.findings, replace=False)
            findings = []
            for term in terms:
                parents = kg.parents(ids[term])
                if setting == "imprecise" and parents and rng.random() < 0.3:
                    findings.append(kg.index(parents[0]))
                else:
                    findings.append(int(term))
            support = [fact_of[(int(d), int(t))] for t in terms]
            hits = retriever.supporting_facts(int(d), finding_ids=[ids[f] for f in findings], k=10)
            got = {row_of_id[h.id] for h in hits}
            ok_terms += all(s & got for s in support)
            note = "Patient with " + ", ".join(labels[f].lower() for f in findings) + "."
            hits = retriever.supporting_facts(int(d), note=note, k=10)
            got = {row_of_id[h.id] for h in hits}
            ok_text += all(s & got for s in support)
        results[setting] = {
            "cases": int(len(diseases)),
            "per_finding_queries": round(ok_terms / len(diseases), 4),
            "note_text_query": round(ok_text / len(diseases), 4),
        }

    q = retriever.label_vectors(kg, np.array([kg.index("HP:0001166")]))
    cluster = retriever.cluster_of("OMIM:154700")
    speed = {
        "facts": len(facts),
        "index": retriever.info,
        "search_all_facts_ms": _median_ms(lambda: retriever.search_vectors(q, k=10)),
        "search_one_disease_ms": _median_ms(lambda: retriever.search_vectors(q, k=10, cluster=cluster)),
        "encode_query_text_ms": _median_ms(lambda: retriever._encoder().encode("tall with long fingers and lens dislocation"), 50),
        "supporting_facts_5_findings_ms": _median_ms(lambda: retriever.supporting_facts(
            "OMIM:154700", finding_ids=["HP:0001166", "HP:0001083", "HP:0000098", "HP:0001659", "HP:0002616"], k=10)),
        "first_call_s": round(first, 2) if not cached else None,
        "load_s": round(load, 3),
    }
    out = {"quality": results, "speed": speed, "args": vars(args)}
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
