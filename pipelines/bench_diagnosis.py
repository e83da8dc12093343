"""Benchmark diagnosis speed: import, load, first diagnosis, per-case latency, batch rate.

Measures, on this machine:

* ``import kgmed`` in a fresh interpreter (must not pull torch/numpy/pandas);
* ``kgmed.load()`` (KG + cached annotation index + ranker tables + concept recognizer) and
  the first diagnosis after it (a note, which exercises the recognizer);
* ranking all diseases for one case: median / p90 latency of ``Ranker.rank`` over real
  phenopackets (queries built beforehand);
* batch rate: ``Ranker.rank_many`` over the same cases (cases/s; one thread, and two
  threads), and end to end
  ``Engine.diagnose`` on phenopacket dicts (findings → ranking → top-10 with evidence).

Example::

    python pipelines/bench_diagnosis.py --cases 1000 --out out/bench_diagnosis.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "shared" / "data" / "phenopackets" / "dev.tar.gz"


def bench_import(repeat: int = 5) -> dict:
    code = ("import sys, time; t = time.perf_counter(); import kgmed; print(time.perf_counter() - t, "
            "int(any(m in sys.modules for m in ('torch', 'numpy', 'pandas'))))")
    times, heavy = [], 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
        times.append(time.perf_counter() - t0)
        heavy |= int(out[1])
    return {"python_c_import_kgmed_s_median": round(statistics.median(times), 3), "imports_heavy_modules": bool(heavy)}


def bench_load_and_first() -> dict:
    code = (
        "import time; t0 = time.perf_counter(); import kgmed; e = kgmed.load(); t1 = time.perf_counter(); "
        "e.diagnose('Tall boy with arachnodactyly, ectopia lentis and aortic root dilatation; no scoliosis.'); "
        "t2 = time.perf_counter(); e.diagnose(['HP:0001166', 'HP:0001083']); t3 = time.perf_counter(); "
        "print(t1 - t0, t2 - t1, t3 - t2)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    load, first, second = map(float, out)
    return {"load_s": round(load, 3), "first_diagnosis_after_load_s": round(first, 3),
            "second_diagnosis_s": round(second, 3)}


def bench_ranking(path: Path, n_cases: int) -> dict:
    import numpy as np

    import kgmed
    from kgmed.errors import InputError
    from kgmed.eval.diagnosis import iter_phenopackets

    engine = kgmed.load()
    packets, queries = [], []
    for _, data in iter_phenopackets(path):
        if isinstance(data, Exception):
            continue
        try:
            q, _ = engine.query(engine._from_phenopacket(data))
        except InputError:
            continue
        if len(q.observed):
            packets.append(data)
            queries.append(q)
        if len(queries) >= n_cases:
            break
    ranker = engine.ranker
    for q in queries[:20]:
        ranker.rank(q)
    lat = []
    for q in queries:
        t = time.perf_counter()
        ranker.rank(q)
        lat.append(time.perf_counter() - t)
    t = time.perf_counter()
    for _ in ranker.rank_many(queries):
        pass
    batch = len(queries) / (time.perf_counter() - t)
    t = time.perf_counter()
    for _ in ranker.rank_many(queries, n_jobs=2):
        pass
    batch2 = len(queries) / (time.perf_counter() - t)
    m = min(len(packets), 300)
    t = time.perf_counter()
    for p in packets[:m]:
        engine.diagnose(p, top_k=10)
    e2e = m / (time.perf_counter() - t)
    lat_ms = np.array(lat) * 1000
    return {
        "n_cases": len(queries),
        "n_diseases": engine.index.n_diseases,
        "mean_observed_findings": round(float(np.mean([len(q.observed) for q in queries])), 2),
        "rank_latency_ms_median": round(float(np.median(lat_ms)), 2),
        "rank_latency_ms_p90": round(float(np.percentile(lat_ms, 90)), 2),
        "batch_cases_per_s": round(batch, 1),
        "batch_cases_per_s_2_threads": round(batch2, 1),
        "end_to_end_diagnose_phenopacket_cases_per_s": round(e2e, 1),
    }


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--path", type=Path, default=DEFAULT_PATH, help="folder or .tar.gz of phenopackets")
    ap.add_argument("--cases", type=int, default=1000, help="number of cases to rank")
    ap.add_argument("--out", type=Path, default=None, help="write the results as JSON here")
    args = ap.parse_args(argv)
    res = {
        "date": time.strftime("%Y-%m-%d"),
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        **bench_import(),
        **bench_load_and_first(),
        **bench_ranking(args.path, args.cases),
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
    }
    text = json.dumps(res, indent=2)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n")


if __name__ == "__main__":
    main()
