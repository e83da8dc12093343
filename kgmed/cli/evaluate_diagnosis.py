"""``kgmed evaluate diagnosis``: rank every disease for each phenopacket and measure.

Example::

    kgmed evaluate diagnosis ../shared/data/phenopackets/dev.tar.gz --out out/dx
    kgmed evaluate diagnosis cases/ --out out/dx-text --route text
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from kgmed.cli.main import console, err_console, evaluate_app, fail


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


@evaluate_app.command("diagnosis")
def evaluate_diagnosis_cmd(
    path: Path = typer.Argument(..., help="A folder of GA4GH phenopacket .json files, or a .tar.gz of them."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder for metrics.json, ranks.tsv and details.json."),
    route: str = typer.Option("structured", "--route", help="structured (features as they are) or text (narrative → recognizer)."),
    no_excluded: bool = typer.Option(False, "--no-excluded", help="Main metrics without excluded findings."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Read at most this many phenopackets."),
    kg: Optional[Path] = typer.Option(None, "--kg", help="A saved KG folder (default: the default HPO KG)."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Progress bar on stderr."),
) -> None:
    """Evaluate diagnosis on phenopackets: top-1/3/10 and MRR on all, covered and
    independent cases, with a one-sided Resnik baseline from the same run."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    from rich.table import Table

    from kgmed.engine import Engine
    from kgmed.eval.diagnosis import SUBSETS, evaluate_diagnosis

    if route not in ("structured", "text"):
        raise fail(f"--route must be 'structured' or 'text', got {route!r}")
    if not path.exists():
        raise fail(f"{path} does not exist")
    engine = Engine.load(kg)
    with Progress(TextColumn("evaluating"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=err_console(), disable=not progress, transient=True) as bar:
        task = bar.add_task("cases", total=limit)
        result = evaluate_diagnosis(path, engine=engine, route=route, use_excluded=not no_excluded, limit=limit,
                                    progress=lambda k: bar.advance(task, k))
    result.save(out)
    m, d = result.metrics, result.details
    t = Table(title=f"Diagnosis on {d['n_cases']} cases ({route} route) — {out}", title_justify="left")
    for c in ("method", "subset", "n", "top-1 %", "top-3 %", "top-10 %", "MRR"):
        t.add_column(c, justify="left" if c in ("method", "subset") else "right")
    rows = [("kgmed" + (" (no excluded)" if no_excluded else ""), m),
            ("kgmed " + ("with" if no_excluded else "without") + " excluded",
             d["with_excluded"] if no_excluded else d["without_excluded"]),
            ("Resnik baseline", m["baseline_resnik"])]
    for name, mm in rows:
        for s in SUBSETS:
            x = mm[s]
            t.add_row(name if s == "all" else "", s, str(x["n"]), _pct(x["top1"]), _pct(x["top3"]), _pct(x["top10"]),
                      f"{x['mrr']:.3f}")
    con = console()
    con.print(t)
    cal = d.get("calibration", {})
    if "covered" in cal:
        con.print(f"calibration (T={cal['temperature']:.2f}): ECE all {cal['all']['ece']:.3f}, covered "
                  f"{cal['covered']['ece']:.3f}; {d['timings']['cases_per_s']} cases/s", highlight=False)
    if d.get("errors"):
        con.print("[yellow]cases not ranked:[/] " + ", ".join(f"{v} × {k}" for k, v in d["errors"].items()), highlight=False)
