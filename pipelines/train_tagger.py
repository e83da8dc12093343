#!/usr/bin/env python
"""Train the note tagger (:mod:`kgmed.text.tagger`) on the development note sets.

Usage::

    python pipelines/train_tagger.py [--held-out pipelines/data/clinical-notes-66-cases.jsonl ...]
                                     [--out DIR] [--force]

Trains on every ``pipelines/data/clinical-notes-*-cases.jsonl`` except the held-out files
(default: the sets held out in ``pipelines/data/README.md``: ``-27`` and the latest two), and
leaves out every case of a publication (PMID) that a held-out file uses, so the held-out sets
evaluate the tagger on publications it never saw. Saves to ``$KGMED_HOME/text/tagger`` (what
``kgmed recognize --tagger`` and ``kgmed diagnose --tagger`` load) unless ``--out`` is given.
About an hour on 2 CPU cores (64 minutes with one torch thread, docs/recognition.md).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
HELD_OUT = ("clinical-notes-27-cases.jsonl", "clinical-notes-66-cases.jsonl", "clinical-notes-67-cases.jsonl")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--held-out", type=Path, nargs="*", default=[DATA / n for n in HELD_OUT])
    p.add_argument("--out", type=Path, default=None)
    p.add_argument("--force", action="store_true")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    from kgmed.text.tagger import read_marked_notes, train_tagger

    held = {h.resolve() for h in args.held_out}
    files = sorted(f for f in DATA.glob("clinical-notes-*-cases.jsonl") if f.resolve() not in held)
    groups = {n.group for n in read_marked_notes(sorted(held))}
    print(f"training on {len(files)} files; leaving out {len(held)} held-out files and {len(groups)} publications",
          file=sys.stderr)
    path = train_tagger(files, out_dir=args.out, exclude_groups=groups, force=args.force)
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
