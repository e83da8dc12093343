#!/usr/bin/env python
"""Build a KG from source manifests: the library's ingestion pipeline as a script.

Examples::

    python pipelines/ingest.py                                    # default HPO KG
    python pipelines/ingest.py hpo doid do-symptom symp mondo maxo --data-dir ../shared/data
    python pipelines/ingest.py hpo --download --release 2025-05-06 --out kg-2025-05-06

Prints the summary as JSON (the same as ``kgmed ingest --json``).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys


def main(argv: list[str] | None = None) -> int:
    from kgmed.ingest.pipeline import build_kg

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("sources", nargs="*", default=["hpo"], help="source names or manifest paths")
    p.add_argument("--data-dir", help="folder with local copies of the source files")
    p.add_argument("--file", action="append", default=[], metavar="NAME=PATH", help="explicit file for NAME")
    p.add_argument("--download", action="store_true", help="fetch official releases (checksum-verified)")
    p.add_argument("--release", help="release to download")
    p.add_argument("--out", help="save the KG here instead of the cache")
    p.add_argument("--force", action="store_true", help="rebuild even if cached")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    files = dict(f.split("=", 1) for f in args.file)
    result = build_kg(args.sources, data_dir=args.data_dir, files=files, download=args.download,
                      release=args.release, out=args.out, force=args.force, progress=not args.quiet)
    summary = result.summary()
    summary["timings"] = {k: round(v, 3) for k, v in result.timings.items()}
    json.dump(summary, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
