#!/usr/bin/env python
"""Evaluate recognition and diagnosis on clinical descriptions written the way clinicians write.

Usage::

    python pipelines/evaluate_paraphrase.py [--half odd|even|all] [--out runs/paraphrase]
        [--cases pipelines/data/paraphrased-cases.jsonl]
        [--phenopackets ../shared/data/phenopackets/dev.tar.gz] [--no-rank] [--peer fasthpocr]
        [--tagger [DIR]]

The cases (``pipelines/data/README.md``) are real phenopacket-store cases described in
free text with each feature's words marked: 150 as case reports, clinic notes and letters
(the default file), 50 as terse EHR notes (``ehr-style-cases.jsonl``) and twice 100 in
four styles (``clinical-notes-cases.jsonl``, ``clinical-notes-2-cases.jsonl``, whose
cases name their ``style``: the classes are also given per style). For every marked feature the recognizer's
reading of those words is classed as *exact* (the feature's HPO term, with the right status
— present / excluded — and in the patient), *related* (an ancestor or descendant of it, right
status), *wrong status* (the term or a related one, wrong status or subject), *other* (an
unrelated term) or *missed*; readings outside every marked phrase are counted as
*unmarked* (false findings, or true ones the case did not list, such as "normal hearing").
Then the true disease's rank among all diseases (pessimistic ties, excluded findings used)
from the phenopacket's own features, from the template narrative of the diagnosis
benchmark (``kgmed evaluate diagnosis --route text``) and from the description, for the
covered cases. ``--half odd`` (the default) is the held-out half; ``even`` is the half the
clinical lexicon was built from. ``--peer fasthpocr`` classes FastHPOCR's readings of the
same descriptions too (it has no negation: its readings of excluded features count as
*wrong status*, so compare *found*, the features read whatever the status). ``--tagger``
reads (and ranks) with the note tagger as well (:mod:`kgmed.text.tagger`). Writes
``metrics.json`` and prints tables.
"""

from __future__ import annotations

import argparse
import json
import sys
import tarfile
import time
from pathlib import Path

from kgmed.text.tagger import phrase_span  # the span of a marked phrase (light: numpy only)

HERE = Path(__file__).resolve().parent
DEFAULT_CASES = HERE / "data" / "paraphrased-cases.jsonl"
DEFAULT_PHENOPACKETS = HERE.parents[1] / "shared" / "data" / "phenopackets" / "dev.tar.gz"
CLASSES = ("exact", "related", "wrong status", "other", "missed")
FOUND = ("exact", "related", "wrong status")  # the feature's term or a related one, any status


def read_cases(path: Path, half: str) -> list[dict]:
    """The cases of ``path`` at even / odd positions (counting from 0), or all."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if half == "all":
        return rows
    return rows[0 if half == "even" else 1::2]


def classify(findings, span: tuple[int, int], hpo: str, status: str, ancestors) -> str:
    """The class (:data:`CLASSES`) of the readings over ``span`` for the feature ``hpo``."""
    s, e = span
    best = "missed"
    for f in findings:
        if not (f.start < e and f.end > s):
            continue
        if f.hpo_id == hpo:
            kind = "exact"
        elif f.hpo_id in ancestors(hpo) or hpo in ancestors(f.hpo_id):
            kind = "related"
        else:
            kind = "other"
        if kind != "other" and (f.status != status or f.subject != "patient"):
            kind = "wrong status"
        if CLASSES.index(kind) < CLASSES.index(best):
            best = kind
    return best


def main(argv: list[str] | None = None) -> int:
    from rich.progress import track

    from kgmed.engine import Engine
    from kgmed.eval.diagnosis import case_diagnosis, render_narrative, topk_metrics
    from kgmed.kg.curie import normalize_curie

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--cases", type=Path, default=DEFAULT_CASES)
    p.add_argument("--phenopackets", type=Path, default=DEFAULT_PHENOPACKETS)
    p.add_argument("--half", choices=("odd", "even", "all"), default="odd",
                   help="odd: the held-out half (default); even: the half the lexicon was built from")
    p.add_argument("--out", type=Path, default=Path("runs/paraphrase"))
    p.add_argument("--no-rank", action="store_true", help="recognition only")
    p.add_argument("--peer", choices=("fasthpocr",), help="also class this recognizer's readings")
    p.add_argument("--tagger", nargs="?", const="", default=None, metavar="DIR",
                   help="read with the note tagger too (its folder; default $KGMED_HOME/text/tagger)")
    args = p.parse_args(argv)
    t0 = time.perf_counter()
    cases = read_cases(args.cases, args.half)
    engine = Engine.load()
    if args.tagger is not None:
        from kgmed.text.recognizer import ConceptRecognizer
        from kgmed.text.tagger import NoteTagger

        tagger = NoteTagger(args.tagger or None, kg=engine.kg).build()
        engine.recognizer = ConceptRecognizer(engine.kg, tagger=tagger).build()
    kg, rec = engine.kg, engine.recognizer
    memo: dict[str, set] = {}

    def ancestors(h: str) -> set:
        if h not in memo:
            memo[h] = set(kg.ancestors(h, include_self=True)) if h in kg else {h}
        return memo[h]

    readers = {"kgmed": rec.recognize}
    if args.peer:
        from kgmed.eval.peers import FastHPOCR

        readers[args.peer] = FastHPOCR()
    counts = {name: dict.fromkeys(CLASSES, 0) for name in readers}
    by_style: dict[str, dict[str, int]] = {}  # kgmed's classes per writing style, where cases name one
    unmarked = dict.fromkeys(readers, 0)
    tar = None if args.no_rank else tarfile.open(args.phenopackets)
    ranks: dict[str, list[int]] = {"structured": [], "template narrative": [], "description": []}
    for case in track(cases, description="cases", transient=True):
        text = case["text"]
        spans = []
        for m in case["mentions"]:
            span = None if m.get("skipped") else phrase_span(text, m)
            if span is not None:
                hpo = kg.resolve(m["hpo"]) if m["hpo"] in kg else m["hpo"]
                spans.append((span, hpo, m["status"]))
        for name, read in readers.items():
            findings = read(text)
            for span, hpo, status in spans:
                cls = classify(findings, span, hpo, status, ancestors)
                counts[name][cls] += 1
                if name == "kgmed" and case.get("style"):
                    by_style.setdefault(case["style"], dict.fromkeys(CLASSES, 0))[cls] += 1
            unmarked[name] += sum(1 for f in findings if not any(f.start < e and f.end > s for (s, e), _, _ in spans))
        if tar is None:
            continue
        data = json.load(tar.extractfile(case["case"]))
        try:
            col = engine.index.disease_col.get(kg.resolve(normalize_curie(case_diagnosis(data) or "")), -1)
        except Exception:  # noqa: BLE001 - a diagnosis the KG lacks is not covered
            col = -1
        if col < 0:
            continue
        for route, found in (("structured", engine._from_phenopacket(data)),
                             ("template narrative", engine.findings(render_narrative(data, kg))),
                             ("description", engine.findings(text))):
            query, _ = engine.query(found)
            ranks[route].append(engine.ranker.rank(query, use_excluded=True).rank_of(col)
                                if len(query.observed) else 0)
    n = sum(counts["kgmed"].values())
    recognition = {name: {**{k: round(v / max(n, 1), 4) for k, v in c.items()},
                          "found": round(sum(c[k] for k in FOUND) / max(n, 1), 4),
                          "unmarked_readings": unmarked[name], "counts": c} for name, c in counts.items()}
    result = {
        "half": args.half, "cases": len(cases), "mentions": n, "recognition": recognition,
        "by_style": {style: {**{k: round(v / max(sum(c.values()), 1), 4) for k, v in c.items()},
                             "features": sum(c.values())} for style, c in sorted(by_style.items())},
        "peer": readers[args.peer].describe() if args.peer else None,
        "diagnosis": {route: topk_metrics(r) for route, r in ranks.items()} if tar is not None else None,
        "seconds": round(time.perf_counter() - t0, 1),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "metrics.json").write_text(json.dumps(result, indent=2) + "\n")
    print(f"{len(cases)} cases ({args.half} half), {n} marked features")
    print("| reader | " + " | ".join(CLASSES) + " | found (any status) | readings outside the marked words |")
    print("|---|" + "---|" * (len(CLASSES) + 2))
    for name, r in recognition.items():
        print(f"| {name} | " + " | ".join(f"{r[k]:.1%}" for k in CLASSES) + f" | {r['found']:.1%} | {r['unmarked_readings']} |")
    if by_style:
        print("\n| style (kgmed) | features | exact | found (any status) | missed |\n|---|---|---|---|---|")
        for style, r in result["by_style"].items():
            found = sum(r[k] for k in FOUND)
            print(f"| {style} | {r['features']} | {r['exact']:.1%} | {found:.1%} | {r['missed']:.1%} |")
    if tar is not None:
        print(f"\ncovered cases: {len(ranks['structured'])}\n| input | top-1 | top-3 | top-10 | MRR |\n|---|---|---|---|---|")
        for route, m in result["diagnosis"].items():
            print(f"| {route} | {m['top1']:.1%} | {m['top3']:.1%} | {m['top10']:.1%} | {m['mrr']:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
