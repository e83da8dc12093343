"""``kgmed index`` and ``kgmed facts``: build and query the FAISS index of KG facts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from kgmed.cli.main import app, console, err_console, fail, load_kg


@app.command()
def index(
    kg: Optional[Path] = typer.Option(None, "--kg", help="A saved KG folder (default: the default HPO KG)."),
    index_type: str = typer.Option("auto", "--type", help="auto, flat (exact), hnsw or ivf."),
    embedding: str = typer.Option("auto", "--embedding", help="auto, full (encode each fact) or compositional."),
    rebuild: bool = typer.Option(False, "--rebuild", help="Rebuild even if a cached index exists."),
    as_json: bool = typer.Option(False, "--json", help="Print the index summary as JSON."),
) -> None:
    """Verbalise the KG's facts and build their FAISS index (cached per KG in $KGMED_HOME)."""
    import shutil
    import time

    from kgmed.retrieval import load_retriever, retriever_cache_path

    if index_type not in ("auto", "flat", "hnsw", "ivf") or embedding not in ("auto", "full", "compositional"):
        raise fail("--type must be auto, flat, hnsw or ivf and --embedding auto, full or compositional")
    graph = load_kg(kg)
    path = retriever_cache_path(graph, embedding=embedding, index_type=index_type)
    if rebuild and path.exists():
        shutil.rmtree(path)
    t = time.perf_counter()
    retriever = load_retriever(graph, embedding=embedding, index_type=index_type, progress=True)
    info = {**retriever.info, "path": str(path), "seconds": round(time.perf_counter() - t, 2)}
    if as_json:
        typer.echo(json.dumps(info, indent=2))
    else:
        console().print(f"fact index: {info['facts']:,} facts, {info['index']} index, {info['embedding']} embeddings, "
                        f"{info['seconds']:.1f}s → {info['path']}", highlight=False)


@app.command()
def facts(
    query: str = typer.Argument(..., help="What to look for, in words."),
    disease: Optional[str] = typer.Option(None, "--disease", "-d", help="Only facts about this disease (and its equivalents)."),
    k: int = typer.Option(10, "--top-k", "-k", min=1, help="Number of facts."),
    kg: Optional[Path] = typer.Option(None, "--kg", help="A saved KG folder (default: the default HPO KG)."),
    as_json: bool = typer.Option(False, "--json", help="Print the facts as JSON."),
) -> None:
    """Search the KG's facts (sourced statements with their ids and PMIDs)."""
    from kgmed.errors import InputError, UnknownIdentifierError
    from kgmed.retrieval import load_retriever

    graph = load_kg(kg)
    retriever = load_retriever(graph, build=False)
    if retriever is None:
        raise fail("no fact index for this KG yet: build it once with `kgmed index`")
    try:
        hits = retriever.search(query, k=k, disease=disease)
    except (InputError, UnknownIdentifierError) as exc:
        raise fail(str(exc))
    if as_json:
        typer.echo(json.dumps([f.to_dict() for f in hits], indent=2))
        return
    con = console()
    for f in hits:
        con.print(f"[dim]{f.id}  {f.score:.3f}[/]  {f.text}  [dim]({f.source})[/]", highlight=False)
    if not hits:
        err_console().print("no facts found")
