"""``kgmed bundle``: write everything the engine needs into one folder."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from kgmed.cli.main import app, console


@app.command()
def bundle(
    out: Path = typer.Argument(..., help="The folder to write (replaced atomically if it exists)."),
    kg: Optional[Path] = typer.Option(None, "--kg", help="A saved KG folder (default: the default HPO KG)."),
    facts: bool = typer.Option(True, "--facts/--no-facts", help="Include the fact index (built if missing)."),
) -> None:
    """Write a model bundle (KG, annotation index, fact index) for offline use elsewhere.

    Load it with `kgmed diagnose … --kg OUT` or `kgmed.load(OUT)`.
    """
    from kgmed.bundle import save_bundle
    from kgmed.engine import Engine

    engine = Engine.load(kg, grounding=facts, warm=False)
    engine.get_retriever(progress=True)
    path = save_bundle(engine, out)
    size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    console().print(f"bundle written to {path} ({size / 2**20:.0f} MiB)", highlight=False)
