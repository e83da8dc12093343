#!/usr/bin/env python
"""Benchmark: concept-recognition throughput (dictionary path, and the dense fallback
separately) on the GSC+ abstracts.

Usage::

    python pipelines/bench_recognition.py [--corpus PATH] [--copies 10] [--repeats 5]
                                          [--jobs 1 2] [--dense-docs 20] [--learned-docs 20]
                                          [--peer fasthpocr] [--clinical-cost] [--json]

The corpus (default ``../shared/data/gsc-plus/phenotagger/GSCplus_test_gold.tsv``, 206
abstracts) is repeated ``--copies`` times per run; each run reads every text with
:meth:`ConceptRecognizer.recognize_many` (negation, family and onset included). The result
is the **median over ``--repeats`` runs** of abstracts per second, by wall clock and by CPU
time of this process (the machine may be shared), for each ``--jobs`` setting, and for matching alone
(``context=False``, one process). Also timed:
building the recognizer (cold, and with the cached dictionary), a 1 MB text, and the dense
fallback on ``--dense-docs`` abstracts (0 to skip), and the learned linker on
``--learned-docs`` abstracts (default 0: skipped; its training time is read from the
model's ``training.json``). ``--peer fasthpocr`` times FastHPOCR (:mod:`kgmed.eval.peers`,
indexing the same HPO release) on the same texts in this process, alternating run by run
with kgmed's one-process path, and reports both medians and their ratio;
``--clinical-cost`` times the default path against the same path without its
clinical-text readers (measurements, predicates, negative forms, onset ages) in the same
way. Prints JSON and a
Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "gsc-plus" / "phenotagger" / "GSCplus_test_gold.tsv"


def _throughput(rec, texts, repeats: int, jobs: int) -> dict:
    rec.recognize_many(texts[: min(len(texts), 200)], n_jobs=jobs)  # warm-up (and fork once)
    wall, cpu = [], []
    for _ in range(repeats):
        t, c = time.perf_counter(), time.process_time()
        rec.recognize_many(texts, n_jobs=jobs)
        wall.append(len(texts) / (time.perf_counter() - t))
        cpu.append(len(texts) / max(time.process_time() - c, 1e-9))
    out = {"jobs": jobs, "docs_per_run": len(texts), "wall_docs_per_s_median": round(statistics.median(wall)),
           "wall_docs_per_s_runs": [round(x) for x in wall]}
    if jobs == 1:  # CPU time is only this process's when no workers run
        out["cpu_docs_per_s_median"] = round(statistics.median(cpu))
    return out


def _alternate(ours, theirs, texts, repeats: int) -> dict:
    """Texts per second of two readers of a whole list (``ours(texts)``, ``theirs(texts)``),
    timed alternately so that both see the same machine load: runs, medians, ratio."""
    ours(texts[:50])  # warm-up
    theirs(texts[:50])
    a, b = [], []
    for _ in range(repeats):
        for runs, read in ((a, ours), (b, theirs)):
            t = time.perf_counter()
            read(texts)
            runs.append(len(texts) / (time.perf_counter() - t))
    return {"docs_per_run": len(texts), "ours_runs": [round(x) for x in a], "theirs_runs": [round(x) for x in b],
            "ours_median": round(statistics.median(a)), "theirs_median": round(statistics.median(b)),
            "ratio": round(statistics.median(a) / statistics.median(b), 2)}


def _peer_comparison(rec, peer, texts, repeats: int) -> dict:
    """Abstracts per second of kgmed (one process) and of ``peer`` on the same texts,
    alternating (:func:`_alternate`)."""
    r = _alternate(rec.recognize_many, lambda ts: [peer(t) for t in ts], texts, repeats)
    return {"peer": peer.describe(), "docs_per_run": r["docs_per_run"],
            "kgmed_docs_per_s_median": r["ours_median"], "peer_docs_per_s_median": r["theirs_median"],
            "kgmed_runs": r["ours_runs"], "peer_runs": r["theirs_runs"], "ratio_kgmed_to_peer": r["ratio"],
            "peer_index_seconds": None if peer.index_seconds is None else round(peer.index_seconds, 1),
            "peer_load_seconds": round(peer.load_seconds, 1)}


def _linked_docs_per_second(kg, linker, docs: list[str]) -> float:
    """Abstracts per second of a recognizer with ``linker`` as its fallback (one warm-up read first)."""
    from kgmed.text import ConceptRecognizer

    rec = ConceptRecognizer(kg, dense=linker).build()
    rec.recognize(docs[0])
    t = time.perf_counter()
    rec.recognize_many(docs)
    return round(len(docs) / (time.perf_counter() - t), 2)


def main(argv: list[str] | None = None) -> int:
    from kgmed.eval.peers import PEERS

    p = argparse.ArgumentParser(description="concept-recognition throughput benchmark")
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    p.add_argument("--copies", type=int, default=10, help="times the corpus is repeated per run")
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    p.add_argument("--dense-docs", type=int, default=20, help="abstracts for the dense timing (0: skip)")
    p.add_argument("--learned-docs", type=int, default=0,
                   help="abstracts for the learned-linker timing (0: skip; trains the model on first use)")
    p.add_argument("--peer", choices=PEERS, action="append", default=[],
                   help="also time this peer recognizer on the same texts (kgmed/eval/peers.py)")
    p.add_argument("--clinical-cost", action="store_true",
                   help="also time the default path without its clinical-text readers (measurements, "
                        "predicates, negative forms, onset ages), alternating")
    p.add_argument("--json", action="store_true", help="print only the JSON result")
    args = p.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    from kgmed.eval.recognition import read_gold
    from kgmed.kg import load_default
    from kgmed.text import ConceptRecognizer

    docs = [d.text for d in read_gold(args.corpus)]
    texts = docs * args.copies
    kg = load_default()
    with tempfile.TemporaryDirectory() as tmp:  # a cold build: no dictionary cache
        old = os.environ.get("KGMED_HOME")
        os.environ["KGMED_HOME"] = tmp
        t = time.perf_counter()
        ConceptRecognizer(kg).build()
        cold = time.perf_counter() - t
        t = time.perf_counter()
        rec = ConceptRecognizer(kg).build()
        warm = time.perf_counter() - t
        if old is None:
            os.environ.pop("KGMED_HOME")
        else:
            os.environ["KGMED_HOME"] = old

    result = {
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
                   f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.2f} at start",
        "corpus": str(args.corpus), "abstracts": len(docs),
        "mean_abstract_chars": round(sum(map(len, docs)) / len(docs)),
        "build_seconds": {"cold": round(cold, 2), "cached_dictionary": round(warm, 2)},
        "dictionary_path": [_throughput(rec, texts, args.repeats, j) for j in args.jobs],
    }
    bare = ConceptRecognizer(kg, context=False).build()
    result["matching_only"] = _throughput(bare, texts, args.repeats, 1)
    mb = (" ".join(docs) * (1_000_000 // sum(map(len, docs)) + 1))[:1_000_000]
    t = time.perf_counter()
    n = len(rec.recognize(mb))
    result["one_megabyte_text"] = {"seconds": round(time.perf_counter() - t, 2), "findings": n}

    if args.dense_docs:
        from kgmed.text import DenseLinker

        t = time.perf_counter()
        linker = DenseLinker(kg).build()
        dense_build = time.perf_counter() - t
        sample = docs[: args.dense_docs]
        result["dense_fallback"] = {
            "docs": len(sample), "docs_per_s": _linked_docs_per_second(kg, linker, sample),
            "build_seconds": round(dense_build, 1), "names": len(linker.names_),
            "threshold": linker.threshold,
        }
    if args.learned_docs:
        from kgmed.text import LearnedLinker
        from kgmed.text.linker import train_linker_model

        t = time.perf_counter()
        model = train_linker_model(kg)  # trains once (minutes), then loads from the cache
        train_seconds = time.perf_counter() - t
        info = json.loads((model / "training.json").read_text())
        t = time.perf_counter()
        linker = LearnedLinker(kg, model=str(model)).build()
        learned_build = time.perf_counter() - t
        sample = docs[: args.learned_docs]
        result["learned_linker"] = {
            "docs": len(sample), "docs_per_s": _linked_docs_per_second(kg, linker, sample),
            "training_seconds_recorded": info["seconds"], "training_steps": info["steps"],
            "model_seconds_this_run": round(train_seconds, 1), "build_seconds": round(learned_build, 1),
            "names": len(linker.names_), "threshold": linker.threshold,
        }
    if args.clinical_cost:
        plain = ConceptRecognizer(kg, measurements=False, predicative=False, negative_forms=False,
                                  onset_ages=False).build()
        r = _alternate(rec.recognize_many, plain.recognize_many, texts, args.repeats)
        result["clinical_text_cost"] = {"docs_per_run": r["docs_per_run"],
                                      "with_docs_per_s_median": r["ours_median"],
                                      "without_docs_per_s_median": r["theirs_median"],
                                      "with_runs": r["ours_runs"], "without_runs": r["theirs_runs"],
                                      "ratio_with_to_without": r["ratio"]}
    if "fasthpocr" in args.peer:
        from kgmed.eval.peers import FastHPOCR

        result["peer_fasthpocr"] = _peer_comparison(rec, FastHPOCR(), texts, args.repeats)
    result["load_average_at_end"] = round(os.getloadavg()[0], 2)

    print(json.dumps(result, indent=2))
    if not args.json:
        print("\n| path | processes | abstracts/s (wall, median) | abstracts/s (CPU time) |")
        print("|---|---|---|---|")
        for r in result["dictionary_path"]:
            print(f"| dictionary + context | {r['jobs']} | {r['wall_docs_per_s_median']:,} | "
                  f"{r.get('cpu_docs_per_s_median', '—')} |")
        r = result["matching_only"]
        print(f"| dictionary matching only (context=False) | 1 | {r['wall_docs_per_s_median']:,} | "
              f"{r['cpu_docs_per_s_median']} |")
        if "dense_fallback" in result:
            d = result["dense_fallback"]
            print(f"| dictionary + context + dense fallback | 1 | {d['docs_per_s']} | — |")
        if "learned_linker" in result:
            d = result["learned_linker"]
            print(f"| dictionary + context + learned linker | 1 | {d['docs_per_s']} | — |")
        if "clinical_text_cost" in result:
            d = result["clinical_text_cost"]
            print(f"| dictionary + context, alternating: default | 1 | {d['with_docs_per_s_median']:,} | — |")
            print(f"| dictionary + context, alternating: without the clinical-text readers | 1 | "
                  f"{d['without_docs_per_s_median']:,} | — |")
        if "peer_fasthpocr" in result:
            d = result["peer_fasthpocr"]
            print(f"| kgmed dictionary + context, alternating with FastHPOCR | 1 | {d['kgmed_docs_per_s_median']:,} | — |")
            print(f"| FastHPOCR {d['peer']['version']} (same texts, same HPO release) | 1 | "
                  f"{d['peer_docs_per_s_median']:,} | — |")
            print(f"\nkgmed / FastHPOCR: {d['ratio_kgmed_to_peer']}× (medians of {args.repeats} alternating runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
