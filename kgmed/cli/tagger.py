"""``kgmed tagger train``: train the note tagger (:mod:`kgmed.text.tagger`) on marked notes.

Torch and transformers are imported inside the command, so ``kgmed --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from kgmed.cli.main import app, fail

tagger_app = typer.Typer(help="The note tagger: finding phrases of notes, learned from marked notes.",
                         no_args_is_help=True)
app.add_typer(tagger_app, name="tagger")


@tagger_app.command("train")
def train(
    notes: List[Path] = typer.Argument(..., help="JSON-lines files of marked notes (pipelines/data/clinical-notes-*-cases.jsonl)."),
    held_out: List[Path] = typer.Option([], "--held-out", help="Marked notes kept for evaluation: every publication they use is left out of training (repeatable)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Model folder (default: $KGMED_HOME/text/tagger, which --tagger loads)."),
    force: bool = typer.Option(False, "--force", help="Train even when the folder holds a tagger of the same notes and options."),
    kg: Optional[Path] = typer.Option(None, "--kg", help="A saved KG folder whose names the linker indexes (default: the default HPO KG)."),
) -> None:
    """Train the token classifier and the phrase linker (about an hour on 2 CPU cores).

    Then `kgmed recognize --tagger` and `kgmed diagnose --tagger` read notes with it.
    """
    from kgmed.cli.main import load_kg
    from kgmed.errors import InputError
    from kgmed.text.tagger import read_marked_notes, train_tagger

    missing = [str(p) for p in [*notes, *held_out] if not p.is_file()]
    if missing:
        raise fail(f"no such file: {', '.join(missing)}")
    held = {p.resolve() for p in held_out}
    files = [p for p in notes if p.resolve() not in held]
    try:
        groups = {n.group for n in read_marked_notes(held_out)}
        path = train_tagger(files, load_kg(kg), out_dir=out, exclude_groups=groups, force=force, progress=True)
    except (InputError, ValueError) as exc:
        raise fail(str(exc))
    typer.echo(str(path))
