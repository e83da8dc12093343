#!/usr/bin/env python
"""Evaluate next-finding suggestions on real phenopackets (see kgmed/eval/support.py).

Usage::

    python pipelines/evaluate_support.py ../shared/data/phenopackets/dev.tar.gz --out runs/support [--limit N] [--seed 0]
        [--questions 50 (0: all)] [--top-n 20] [--order gain|if_present|plan]

Writes ``metrics.json`` (top-1/3/10 and MRR of the visible half alone, plus the suggested
question's answer, plus a random hidden finding) and prints a table.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    from rich.progress import Progress

    from kgmed.eval.support import evaluate_next_findings

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("path")
    p.add_argument("--out", default="runs/support")
    p.add_argument("--limit", type=int)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--questions", type=int, default=50, help="questions asked at most per case (0: all)")
    p.add_argument("--top-n", type=int, default=20, help="candidates the questions are computed over")
    p.add_argument("--order", choices=("gain", "if_present", "plan"), default="gain",
                   help="rank questions by expected information gain, by the information a yes brings, "
                        "or as a plan of --questions findings (kgmed/support/questions.py)")
    args = p.parse_args(argv)
    t = time.perf_counter()
    with Progress(transient=True) as bar:
        task = bar.add_task("cases", total=args.limit)
        res = evaluate_next_findings(args.path, seed=args.seed, n_questions=args.questions or None,
                                     top_n=args.top_n, order=args.order, limit=args.limit,
                                     progress=lambda n: bar.advance(task, n))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    result = {**res.to_dict(), "seconds": round(time.perf_counter() - t, 1)}
    (out / "metrics.json").write_text(json.dumps(result, indent=2) + "\n")
    pos = result["answered_question_position"]
    print(f"{res.n_cases} cases; a suggested question was answered from the hidden half in {res.answered} "
          f"({res.answered / max(res.n_cases, 1):.1%}), at median position {pos['median']} (90th percentile {pos['p90']})")
    print("| variant | top-1 | top-3 | top-10 | MRR |")
    print("|---|---|---|---|---|")
    for name in ("visible", "suggested", "random"):
        m = res.metrics[name]
        print(f"| {name} | {m['top1']:.1%} | {m['top3']:.1%} | {m['top10']:.1%} | {m['mrr']:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
