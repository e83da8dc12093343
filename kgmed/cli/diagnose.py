"""``kgmed diagnose`` and ``kgmed explain``: differential diagnosis from the command line.

Examples::

    kgmed diagnose "Tall boy with arachnodactyly, ectopia lentis and aortic root dilatation"
    kgmed diagnose HP:0001166 HP:0001083 --exclude HP:0002650 --json
    kgmed diagnose case.json                      # a GA4GH phenopacket
    kgmed diagnose cases/ --out results.jsonl     # batch: a folder or .tar.gz of phenopackets
    kgmed explain "arachnodactyly, ectopia lentis" --disease OMIM:154700 --format dot
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import List, Optional

import typer

from kgmed.cli.main import app, console, err_console, fail, load_kg

_HPO = re.compile(r"^(HP|hp)[:_]\d{7}$")


def _engine(kg: Optional[Path], *, facts: bool = True, support: bool = True):
    from kgmed.bundle import is_bundle
    from kgmed.engine import Engine
    from kgmed.retrieval import retriever_cache_path

    if kg is not None and is_bundle(kg):
        return Engine.load(kg, grounding=facts, support=support, progress=True)
    if facts:
        kg_obj = load_kg(kg)
        if not (retriever_cache_path(kg_obj) / "manifest.json").is_file():
            err_console().print("building the fact index for this knowledge graph (once; a few minutes on a CPU; "
                                "--no-facts skips it)…")
        return Engine.load(kg_obj, grounding=True, support=support, progress=True)
    return Engine.load(kg, grounding=False, support=support)


def _input(args: list[str]):
    """Decide what the positional arguments are: a phenopacket file, a batch source, HPO
    ids, or text (joined with spaces). No argument: read text from stdin."""
    if not args:
        if sys.stdin is None or sys.stdin.isatty():
            raise fail("give a clinical note, HPO ids, a phenopacket .json, or a folder/.tar.gz of phenopackets")
        return "text", sys.stdin.read()
    if len(args) == 1 and "\n" not in args[0]:
        p = Path(args[0])
        try:
            is_dir, is_file = p.is_dir(), p.is_file()
        except (OSError, ValueError):  # a note longer than a file name can be, or with a NUL
            is_dir = is_file = False
        if is_dir or (is_file and p.name.endswith((".tar.gz", ".tgz", ".tar"))):
            return "batch", p
        if is_file and p.suffix.lower() == ".json":
            return "phenopacket", p
    if all(_HPO.match(a.strip().rstrip(",")) for a in args):
        return "ids", [a.strip().rstrip(",") for a in args]
    return "text", " ".join(args)


def _table(dx):
    from rich.table import Table

    t = Table(title=f"Differential diagnosis — top {len(dx.candidates)} of {dx.n_diseases} diseases",
              title_justify="left", caption=(f"p(none of these) = {dx.unlisted_probability:.2f}"
                                             if dx.unlisted_probability else None), caption_justify="left")
    t.add_column("#", justify="right")
    t.add_column("disease", ratio=3)
    t.add_column("p", justify="right")
    t.add_column("score", justify="right")
    t.add_column("explains", justify="right")
    t.add_column("against", ratio=1)
    t.add_column("genes", ratio=1)
    for c in dx.candidates:
        t.add_row(
            str(c.rank), f"{c.name}\n[dim]{c.disease_id}[/]", f"{c.probability:.3f}", f"{c.score:.1f}",
            f"{len(c.matched)}/{len(c.matched) + len(c.unexplained)}",  # of the findings ranked on
            ", ".join(("no " if e.status == "excluded" else "") + e.label for e in c.contradicting[:3])
            + (" …" if len(c.contradicting) > 3 else ""),
            ", ".join(g.symbol for g in c.genes[:3]) + (" …" if len(c.genes) > 3 else ""),
        )
    return t


def _findings_line(dx, kg=None) -> str:
    # each term once, in the order the text first names it (a note may name it several times)
    pres = list(dict.fromkeys(f"{f.label} ({f.hpo_id})" for f in dx.findings
                              if f.status == "present" and f.subject == "patient"))
    exc = list(dict.fromkeys(f"{f.label} ({f.hpo_id})" for f in dx.findings
                             if f.status == "excluded" and f.subject == "patient"))
    out = "[bold]findings:[/] " + (", ".join(pres) or "none")
    if exc:
        out += "\n[bold]excluded:[/] " + ", ".join(exc) + ("" if dx.use_excluded else " [dim](not used)[/]")
    if dx.onset:
        label = kg.label(dx.onset) if kg is not None else ""
        out += "\n[bold]onset:[/] " + (f"{label} ({dx.onset})" if label else dx.onset)
    return out


@app.command()
def diagnose(
    inputs: Optional[List[str]] = typer.Argument(
        None, help="A clinical note (quoted or as words), HPO ids, a phenopacket .json, or a folder/.tar.gz of phenopackets (batch). Reads stdin when empty."
    ),
    exclude: List[str] = typer.Option([], "--exclude", "-x", help="HPO id of a finding ruled out (repeatable)."),
    top_k: int = typer.Option(10, "--top-k", "-k", min=1, help="Number of candidates."),
    as_json: bool = typer.Option(False, "--json", help="Print the diagnosis as JSON (batch: JSON lines)."),
    no_excluded: bool = typer.Option(False, "--no-excluded", help="Ignore excluded findings."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Batch: write JSON lines here instead of stdout."),
    kg: Optional[Path] = typer.Option(None, "--kg", help="A saved KG or bundle folder (default: the default HPO KG)."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Batch: progress bar on stderr."),
    facts: bool = typer.Option(True, "--facts/--no-facts", help="Attach the KG facts retrieved for each candidate (builds the fact index once)."),
    support: bool = typer.Option(True, "--support/--no-support", help="Decision support: what to check next, genes, medical actions."),
    lexicon: List[Path] = typer.Option([], "--lexicon", help="Also read notes with the names of this lexicon (lines 'HP:0001250<TAB>funny turns'; repeatable)."),
    dense: bool = typer.Option(False, "--dense/--no-dense", help="Also link a note's paraphrases by embedding similarity (slower; loads a model)."),
    learned: bool = typer.Option(False, "--learned/--no-learned", help="Like --dense, with the model fine-tuned on HPO names (trained on first use, minutes)."),
    threshold: Optional[float] = typer.Option(None, "--threshold", help="Similarity --dense / --learned need (default 0.85 / 0.9; with --dense the default ranks loosely worded notes best, docs/benchmarks.md)."),
    tagger: bool = typer.Option(False, "--tagger/--no-tagger", help="Also link the finding phrases the note tagger marks (train it first: kgmed tagger train)."),
) -> None:
    """Rank every disease for a patient: candidates, facts behind them, what to check next.

    The first run builds the fact index of the knowledge graph (once, a few minutes on a
    CPU); --no-facts skips retrieval.
    """
    from kgmed.errors import InputError

    kind, value = _input(list(inputs or []))
    own_reader = bool(lexicon or dense or learned or tagger or threshold is not None)
    if own_reader:
        from kgmed.cli.text import check_tagger, linker_option, recognizer_with_lexicons

        # A bad combination or a missing tagger fails before the engine loads.
        linker = linker_option(dense, learned, threshold)
        check_tagger(tagger)
    engine = _engine(kg, facts=facts, support=support)
    if own_reader:
        from kgmed.cli.text import tagger_option

        engine.recognizer = recognizer_with_lexicons(engine.kg, lexicon, dense=linker,
                                                     tagger=tagger_option(tagger, engine.kg))
    if kind == "batch":
        _batch(engine, value, top_k=top_k, use_excluded=not no_excluded, out=out, progress=progress)
        return
    try:
        dx = engine.diagnose(value, top_k=top_k, use_excluded=not no_excluded, excluded=exclude)
    except InputError as exc:
        raise fail(str(exc))
    if as_json:
        typer.echo(dx.to_json())
        return
    con = console()
    con.print(_findings_line(dx, engine.kg), highlight=False)
    for n in dx.notes:
        con.print(f"[yellow]note:[/] {n}", highlight=False)
    con.print(_table(dx))
    _print_facts(con, dx)
    _print_support(con, dx)


def _print_facts(con, dx, n_candidates: int = 3, n_facts: int = 3) -> None:
    shown = [c for c in dx.candidates[:n_candidates] if c.facts]
    if not shown:
        return
    con.print("[bold]supporting facts[/] (retrieved from the knowledge graph):")
    for c in shown:
        con.print(f"  {c.rank}. {c.name} [dim]{c.disease_id}[/]", highlight=False)
        for f in c.facts[:n_facts]:
            con.print(f"     [dim]{f['id']}[/] {f['text']}", highlight=False)


def _percent(p: float) -> str:
    """A probability as a whole percentage; "<1%" rather than a misleading "0%"."""
    return f"{p:.0%}" if p >= 0.005 or p == 0 else "<1%"


def _print_support(con, dx) -> None:
    s = dx.support
    if s is None:
        return
    if s.next_findings:
        con.print("[bold]what to check next[/] (expected information gain over the top candidates):")
        for q in s.next_findings:
            how = f" — observable through {', '.join(p['label'] for p in q.observable_through)}" if q.observable_through else ""
            con.print(f"  ? {q.question} [dim]{q.information_gain:.2f} bits ({q.information_if_present:.2f} if found), "
                      f"P(yes) {q.p_present:.2f}[/]{how}", highlight=False)
    if s.genes:
        con.print("[bold]genes to test:[/] " + ", ".join(
            f"{g.symbol} [dim]({_percent(g.probability)}: {', '.join(d['disease_id'] for d in g.diseases[:2])})[/]"
            for g in s.genes[:8]), highlight=False)
    for disease, acts in s.actions.items():
        con.print(f"[bold]medical actions[/] for {disease} (MAxO):", highlight=False)
        for a in acts[:6]:
            refs = f" [dim]{', '.join(a.references)}[/]" if a.references else ""
            target = f" {a.phenotype}" if a.phenotype else ""
            con.print(f"  - {a.action} [dim]{a.action_id}[/] {a.relation}{target}{refs}", highlight=False)


def _batch(engine, source: Path, *, top_k: int, use_excluded: bool, out: Optional[Path], progress: bool) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from kgmed.errors import InputError
    from kgmed.eval.diagnosis import iter_phenopackets

    items = list(iter_phenopackets(source))
    fh = open(out, "w", encoding="utf-8") if out else sys.stdout
    n_ok = n_bad = 0
    try:
        with Progress(TextColumn("diagnosing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      console=err_console(), disable=not progress, transient=True) as bar:
            task = bar.add_task("cases", total=len(items))
            for name, data in items:
                case = Path(name).stem
                if isinstance(data, Exception):
                    rec = {"case": case, "error": str(data)}
                    n_bad += 1
                else:
                    case = str(data.get("id") or case)
                    try:
                        dx = engine.diagnose(data, top_k=top_k, use_excluded=use_excluded)
                        rec = {"case": case, **dx.to_dict()}
                        n_ok += 1
                    except InputError as exc:
                        rec = {"case": case, "error": str(exc)}
                        n_bad += 1
                fh.write(json.dumps(rec) + "\n")
                bar.advance(task)
    finally:
        if out:
            fh.close()
    err_console().print(f"{n_ok} cases diagnosed, {n_bad} with errors" + (f"; written to {out}" if out else ""))


@app.command()
def explain(
    inputs: Optional[List[str]] = typer.Argument(None, help="The case: a note, HPO ids or a phenopacket .json (stdin when empty)."),
    disease: str = typer.Option(..., "--disease", "-d", help="The disease to explain, e.g. OMIM:154700."),
    fmt: str = typer.Option("text", "--format", "-f", help="text (a tree), json, dot (Graphviz) or html."),
    exclude: List[str] = typer.Option([], "--exclude", "-x", help="HPO id of a finding ruled out (repeatable)."),
    no_excluded: bool = typer.Option(False, "--no-excluded", help="Ignore excluded findings."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write to this file instead of stdout."),
    kg: Optional[Path] = typer.Option(None, "--kg", help="A saved KG folder (default: the default HPO KG)."),
    facts: bool = typer.Option(True, "--facts/--no-facts", help="Add the KG facts retrieved for the disease (builds the fact index once)."),
) -> None:
    """Show why a disease ranks where it does, finding by finding.

    Each finding's path in the KG, with IC, annotation frequency, PMIDs, the facts it
    rests on and its contribution to the score.
    """
    from kgmed.errors import InputError
    from kgmed.explain.render import FORMATS, render

    if fmt not in FORMATS:
        raise fail(f"--format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    kind, value = _input(list(inputs or []))
    if kind == "batch":
        raise fail("explain takes one case (a note, HPO ids or one phenopacket), not a folder or archive")
    engine = _engine(kg, facts=facts, support=False)
    try:
        ex = engine.explain(value, disease, use_excluded=not no_excluded, excluded=exclude)
    except InputError as exc:
        raise fail(str(exc))
    text = render(ex, fmt)
    if out:
        Path(out).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        err_console().print(f"written to {out}")
    else:
        typer.echo(text)
