"""Evaluate, calibrate and tune the diagnosis ranker on development phenopackets.

Sub-commands (all read ``../shared/data/phenopackets/dev.tar.gz`` unless ``--path``):

``eval``       both routes (structured, text) with the shipped configuration; writes
               ``OUT/structured`` and ``OUT/text`` (metrics.json, ranks.tsv, details.json)
               and ``OUT/summary.md``.
``calibrate``  fits the probability calibration (temperature and unlisted share) with
               5-fold cross-validation grouped by publication, reports the out-of-fold
               reliability table and ECE, then fits on all cases; writes
               ``OUT/calibration.json`` (copy the final values into
               ``kgmed/rank/defaults.py``).
``tune``       the hyperparameter search behind ``kgmed/rank/defaults.py``: a grid over the
               likelihood-ratio parameters and the similarity weight, scored without
               excluded findings (their curation artefact must not be learnt), selected
               by 5-fold cross-validation grouped by PMID on the mean of the covered and
               independent MRR; writes ``OUT/tune.json`` with the per-fold choices and the
               out-of-fold metrics. Takes about 15 minutes on 2 cores.

Example::

    python pipelines/evaluate_diagnosis.py eval --out out/diagnosis
    python pipelines/evaluate_diagnosis.py calibrate --out out/diagnosis
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

logger = logging.getLogger("evaluate_diagnosis")

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "shared" / "data" / "phenopackets" / "dev.tar.gz"


def _cases(engine, path, limit=None):
    """(name, query, truth column, covered, independent, pmid group) per phenopacket."""
    from kgmed.errors import InputError, UnknownIdentifierError
    from kgmed.eval.diagnosis import _Refs, case_diagnosis, case_pmids, iter_phenopackets
    from kgmed.kg.curie import normalize_curie

    refs = _Refs(engine.kg)
    out = []
    for name, data in iter_phenopackets(path, limit=limit):
        if isinstance(data, Exception):
            continue
        raw = case_diagnosis(data) or ""
        try:
            col = engine.index.disease_col.get(engine.kg.resolve(normalize_curie(raw)), -1) if raw else -1
        except (UnknownIdentifierError, InputError, ValueError):
            col = -1
        pmids = case_pmids(data, name)
        indep = col >= 0 and not (set(pmids) & refs.pmids(int(engine.index.disease_rows[col])))
        try:
            q, _ = engine.query(engine._from_phenopacket(data))
        except InputError:
            continue
        out.append({"name": name, "query": q, "truth": col, "covered": col >= 0, "independent": bool(indep),
                    "group": pmids[0] if pmids else name})
    return out


def _rank(score: np.ndarray, tie: np.ndarray, col: int) -> int:
    if col < 0:
        return 0
    return int(np.count_nonzero((score > score[col]) | ((score == score[col]) & (tie >= tie[col]))))


def _metrics(r, mask=None):
    from kgmed.eval.diagnosis import topk_metrics

    r = np.asarray(r)
    return topk_metrics(r if mask is None else r[mask])


# ------------------------------------------------------------------------- eval
def cmd_eval(args) -> None:
    from kgmed.engine import Engine
    from kgmed.eval.diagnosis import evaluate_diagnosis
    from kgmed.rank.defaults import DEFAULT_CONFIG

    engine = Engine.load()
    out = Path(args.out)
    lines = ["| route | excluded | subset | n | top-1 | top-3 | top-10 | MRR |", "|---|---|---|---|---|---|---|---|"]
    runs = [(route, engine) for route in args.routes]
    if args.naive_excluded:
        # the hard penalty of EVALUATION.md, for comparison: 1 - f with missing frequencies as 1, no floor
        naive = replace(DEFAULT_CONFIG, lr=DEFAULT_CONFIG.lr.replace(
            excluded_weight=1.0, excluded_default_frequency=1.0, excluded_floor=0.0))
        runs.append(("structured-naive-excluded", Engine(engine.kg, config=naive)))
    for route, eng in runs:
        t = time.perf_counter()
        res = evaluate_diagnosis(args.path, engine=eng, route=route.split("-")[0], limit=args.limit)
        res.save(out / route)
        logger.info("%s route: %.0fs", route, time.perf_counter() - t)
        rows = (("with", res.metrics), ("without", res.details["without_excluded"]),
                ("Resnik baseline", res.metrics["baseline_resnik"]))
        if route.endswith("naive-excluded"):
            rows = (("naive penalty", res.metrics),)
        for label, m in rows:
            for s in ("all", "covered", "independent"):
                x = m[s]
                lines.append(f"| {route} | {label} | {s} | {x['n']} | {100 * x['top1']:.1f} | {100 * x['top3']:.1f} | "
                             f"{100 * x['top10']:.1f} | {x['mrr']:.3f} |")
    (out / "summary.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


# -------------------------------------------------------------------- calibrate
def cmd_calibrate(args) -> None:
    from sklearn.model_selection import GroupKFold

    from kgmed.engine import Engine
    from kgmed.rank.calibration import Calibrator, expected_calibration_error, reliability

    engine = Engine.load(warm=False)
    cases = _cases(engine, args.path, args.limit)
    scores = np.zeros((len(cases), engine.index.n_diseases), dtype=np.float32)
    for i, c in enumerate(cases):
        scores[i] = engine.ranker.rank(c["query"]).score
    truth = np.array([c["truth"] for c in cases])
    groups = np.array([c["group"] for c in cases])
    k = np.array([len(c["query"].observed) for c in cases])
    cov = np.array([c["covered"] for c in cases])
    ind = np.array([c["independent"] for c in cases])
    top = scores.argmax(axis=1)
    correct = top == truth
    conf = np.zeros(len(cases))
    folds = []
    for tr, te in GroupKFold(n_splits=5).split(scores, groups=groups):
        cal = Calibrator(1.0).fit(scores[tr], truth[tr], k[tr], unlisted=True)
        folds.append({"temperature": cal.temperature, "unlisted_score": cal.unlisted_score,
                      "unlisted_per_finding": cal.unlisted_per_finding})
        p = cal.probabilities(scores[te], k[te])
        conf[te] = p[np.arange(len(te)), top[te]]
    final = Calibrator(1.0).fit(scores, truth, k, unlisted=True)
    report = {"n_cases": len(cases), "folds": folds,
              "final": {"temperature": final.temperature, "unlisted_score": final.unlisted_score,
                        "unlisted_per_finding": final.unlisted_per_finding},
              "out_of_fold": {}}
    for name, m in (("all", np.ones(len(cases), bool)), ("covered", cov), ("independent", ind)):
        report["out_of_fold"][name] = {
            "n": int(m.sum()), "ece": round(expected_calibration_error(conf[m], correct[m]), 4),
            "mean_confidence": round(float(conf[m].mean()), 4), "accuracy": round(float(correct[m].mean()), 4),
            "reliability": reliability(conf[m], correct[m]),
        }
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "calibration.json").write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps({k: v for k, v in report.items() if k != "out_of_fold"}, indent=2))
    for name, r in report["out_of_fold"].items():
        print(f"{name}: n={r['n']} ECE={r['ece']:.3f} confidence={r['mean_confidence']:.3f} accuracy={r['accuracy']:.3f}")


# ------------------------------------------------------------------------- tune
#: The grid searched (after coarser exploratory runs had located the region).
GRID = {
    "default_frequency": [0.7, 0.85, 1.0],
    "subclass_weight": [0.05, 0.15, 0.3, 0.5],
    "partial_weight": [0.05, 0.15, 0.3],
    "false_positive": [0.1, 0.3, 0.5, 0.8],
}
SIMILARITY_WEIGHTS = [2.0, 2.5, 3.5, 5.0, 7.0]


def cmd_tune(args) -> None:
    from sklearn.model_selection import GroupKFold

    from kgmed.engine import Engine
    from kgmed.rank import LikelihoodRatioModel

    engine = Engine.load(warm=False)
    base = engine.ranker.config
    cases = _cases(engine, args.path, args.limit)
    truth = np.array([c["truth"] for c in cases])
    cov = np.array([c["covered"] for c in cases])
    ind = np.array([c["independent"] for c in cases])
    groups = np.array([c["group"] for c in cases])
    covered_idx = np.flatnonzero(cov)
    sim = {i: engine.ranker.similarity.symmetric(cases[i]["query"].observed).astype(np.float32) for i in covered_idx}
    onset = {i: engine.ranker.onset_model.llr(cases[i]["query"].onset).astype(np.float32) for i in covered_idx}
    keys, ranks = [], []
    grid = [dict(zip(GRID, v)) for v in itertools.product(*GRID.values())]
    for k, g in enumerate(grid):
        t = time.perf_counter()
        params = base.lr.replace(**g, excluded_weight=0.0)
        model = LikelihoodRatioModel(engine.index, params)
        llr = {i: model.score(cases[i]["query"].observed).astype(np.float32) for i in covered_idx}
        for w in SIMILARITY_WEIGHTS:
            r = np.zeros(len(cases), dtype=np.int64)
            for i in covered_idx:
                r[i] = _rank(llr[i] + onset[i] + np.float32(w) * sim[i], sim[i], truth[i])
            keys.append({"lr": g, "similarity_weight": w})
            ranks.append(r)
        logger.info("config %d/%d in %.0fs", k + 1, len(grid), time.perf_counter() - t)
    R = np.array(ranks)
    RR = np.where(R > 0, 1.0 / np.maximum(R, 1), 0.0)

    def objective(mask):
        return 0.5 * RR[:, mask & cov].mean(axis=1) + 0.5 * RR[:, mask & ind].mean(axis=1)

    oof = np.zeros(len(cases), dtype=np.int64)
    picks = []
    for tr, te in GroupKFold(n_splits=5).split(R.T, groups=groups):
        m = np.zeros(len(cases), bool)
        m[tr] = True
        j = int(np.argmax(objective(m)))
        picks.append(keys[j])
        oof[te] = R[j][te]
    best = int(np.argmax(objective(np.ones(len(cases), bool))))
    report = {
        "n_cases": len(cases), "n_configs": len(keys), "grid": GRID, "similarity_weights": SIMILARITY_WEIGHTS,
        "onset": base.onset.__dict__, "fold_picks": picks, "chosen": keys[best],
        "cv": {"all": _metrics(oof), "covered": _metrics(oof, cov), "independent": _metrics(oof, ind)},
        "in_sample_chosen": {"covered": _metrics(R[best], cov), "independent": _metrics(R[best], ind)},
    }
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "tune.json").write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps({k: report[k] for k in ("chosen", "fold_picks", "cv")}, indent=2))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name in ("eval", "calibrate", "tune"):
        p = sub.add_parser(name)
        p.add_argument("--path", type=Path, default=DEFAULT_PATH, help="folder or .tar.gz of phenopackets")
        p.add_argument("--out", type=Path, default=Path("out/diagnosis"))
        p.add_argument("--limit", type=int, default=None)
        if name == "eval":
            p.add_argument("--routes", nargs="+", default=["structured", "text"], choices=["structured", "text"])
            p.add_argument("--naive-excluded", action="store_true",
                           help="also run the structured route with a hard penalty for excluded findings")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    {"eval": cmd_eval, "calibrate": cmd_calibrate, "tune": cmd_tune}[args.cmd](args)


if __name__ == "__main__":
    main()
