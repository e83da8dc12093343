#!/usr/bin/env python
"""Benchmark the text encoder's backends: sentence-transformers (torch) against the checked
ONNX Runtime export (kgmed/models/onnx.py), and what that does to ``kgmed diagnose``.

Usage::

    python pipelines/bench_encoder.py [--repeats 5] [--texts 200]

Measured, each backend alternating run by run in fresh processes (so imports count, as
they do for a command-line call): the time to the first vector of one note (import,
load, encode), and a whole ``kgmed diagnose "…"`` call with the engine's default
encoder (``KGMED_ENCODER_BACKEND`` picks the backend for the run). In this process: the
median time to encode one note and ``--texts`` GSC+ sentences per backend, and the largest
difference between their vectors. The ONNX export is made first if it is missing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

NOTE = ("A 4-year-old boy with seizures since 6 months of age, global developmental delay, "
        "hypotonia and ataxia; no microcephaly; his brother had similar seizures.")
_FIRST = ("import time; t = time.perf_counter(); from kgmed.models import TextEncoder; "
          "TextEncoder(backend={b!r}).encode({note!r}); print(time.perf_counter() - t)")


def _run(cmd: list[str], backend: str) -> float:
    env = {**os.environ, "KGMED_ENCODER_BACKEND": backend, "HF_HUB_OFFLINE": "1"}
    t = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True).stdout
    wall = time.perf_counter() - t
    return float(out.strip().splitlines()[-1]) if cmd[1] == "-c" else wall


def _sentences(n: int) -> list[str]:
    here = Path(__file__).resolve().parents[1]
    for base in (here.parent / "shared" / "data", Path("/work/shared/data")):
        tsv = base / "gsc-plus" / "phenotagger" / "GSCplus_test_gold.tsv"
        if tsv.is_file():
            from kgmed.eval.recognition import read_gold

            text = " ".join(d.text for d in read_gold(tsv))
            return [s.strip() for s in text.split(". ") if s.strip()][:n]
    return [NOTE] * n


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--texts", type=int, default=200)
    args = p.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import numpy as np

    from kgmed.models import TextEncoder

    encoders = {"torch": TextEncoder(backend="torch"), "onnx": TextEncoder(backend="onnx")}
    texts = _sentences(args.texts)
    vecs, encode_ms, batch_s = {}, {}, {}
    for name, enc in encoders.items():
        enc.encode(NOTE)  # load (and export, the first time)
        ts = []
        for _ in range(50):
            t = time.perf_counter()
            enc.encode(NOTE)
            ts.append(time.perf_counter() - t)
        encode_ms[name] = 1000 * statistics.median(ts)
        t = time.perf_counter()
        vecs[name] = enc.encode(texts)
        batch_s[name] = time.perf_counter() - t
    diff = float(np.abs(vecs["torch"] - vecs["onnx"]).max())

    first: dict[str, list[float]] = {"torch": [], "onnx": []}
    cli: dict[str, list[float]] = {"torch": [], "onnx": []}
    kgmed = str(Path(sys.executable).with_name("kgmed"))
    for _ in range(args.repeats):
        for b in ("torch", "onnx"):
            first[b].append(_run([sys.executable, "-c", _FIRST.format(b=b, note=NOTE)], b))
            cli[b].append(_run([kgmed, "diagnose", NOTE, "-k", "5"], b))
    result = {
        "first_vector_seconds": {b: round(statistics.median(v), 2) for b, v in first.items()},
        "kgmed_diagnose_seconds": {b: round(statistics.median(v), 2) for b, v in cli.items()},
        "encode_one_note_ms": {b: round(v, 1) for b, v in encode_ms.items()},
        f"encode_{len(texts)}_sentences_seconds": {b: round(v, 2) for b, v in batch_s.items()},
        "max_abs_difference": diff, "repeats": args.repeats,
        "load_average_at_end": round(os.getloadavg()[0], 2),
    }
    print(json.dumps(result, indent=2))
    print("\n| measure | sentence-transformers | ONNX Runtime |\n|---|---|---|")
    for key, label in (("first_vector_seconds", "first vector of a note, fresh process (s)"),
                       ("kgmed_diagnose_seconds", "`kgmed diagnose` call (s)"),
                       ("encode_one_note_ms", "encode one note, warm (ms)"),
                       (f"encode_{len(texts)}_sentences_seconds", f"encode {len(texts)} sentences (s)")):
        print(f"| {label} | {result[key]['torch']} | {result[key]['onnx']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
