"""The ``kgmed`` command: a Typer app whose sub-commands live in one module per area.

Each area module (``kgmed.cli.ingest`` …) registers its commands on :data:`app` and keeps
heavy imports (torch, faiss, pandas) inside the command functions, so ``kgmed --help``
starts in a fraction of a second.
"""

from __future__ import annotations

import logging
import sys

import typer

from kgmed._version import __version__

__all__ = ["app", "evaluate_app", "main", "console", "err_console", "fail"]

app = typer.Typer(
    name="kgmed",
    help="Knowledge-graph-grounded differential diagnosis (HPO, Disease Ontology, MONDO, MAxO).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


#: ``kgmed evaluate recognition|diagnosis …``: evaluation runners register here.
evaluate_app = typer.Typer(help="Evaluate recognition or diagnosis on gold-standard data.", no_args_is_help=True)
app.add_typer(evaluate_app, name="evaluate")


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, soft_wrap=False)


def console():
    """Rich console on stdout (tables, trees)."""
    return _console()


def err_console():
    """Rich console on stderr (progress, warnings, errors)."""
    return _console(stderr=True)


def fail(message: str, code: int = 2) -> "typer.Exit":
    """Print ``message`` as an error on stderr and return the Exit to raise."""
    err_console().print(f"[bold red]error:[/] {message}", highlight=False, markup=True)
    return typer.Exit(code)


def load_kg(path):
    """The saved KG at ``path`` (a ``--kg`` option), or the default HPO KG when None."""
    from kgmed.kg import KnowledgeGraph, load_default

    return KnowledgeGraph.load(path) if path is not None else load_default()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kgmed {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    verbose: int = typer.Option(0, "--verbose", "-v", count=True, help="More log output (-v info, -vv debug)."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def _register() -> None:
    """Import every area module in :mod:`kgmed.cli`; each adds its commands to ``app``."""
    import importlib
    import pkgutil

    import kgmed.cli

    for mod in pkgutil.iter_modules(kgmed.cli.__path__):
        if mod.name not in ("main", "__main__"):
            importlib.import_module(f"kgmed.cli.{mod.name}")


def main() -> None:
    """Entry point of the ``kgmed`` script: known errors become one clear line, exit code 2."""
    from kgmed.errors import KgmedError

    _register()
    try:
        app()
    except KgmedError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(2)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(2)
