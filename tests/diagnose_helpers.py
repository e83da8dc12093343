"""Shared helpers for the diagnosis tests: one engine per session, real dev phenopackets."""

from __future__ import annotations

import json
import tarfile
from functools import lru_cache
from pathlib import Path

_ENGINES: dict = {}

#: Real cases from ../shared/data/phenopackets/dev.tar.gz used by the tests.
MARFAN_CASE = "notebooks/FBN1/phenopackets/PMID_12203992_Patient_B1.json"


def engine_for(kg):
    """A warmed :class:`kgmed.Engine` on ``kg``, built once per session."""
    from kgmed.engine import Engine

    key = id(kg)
    if key not in _ENGINES:
        _ENGINES[key] = Engine(kg, grounding=False).warm_up(recognizer=False)
    return _ENGINES[key]


def dev_archive(shared_data: Path) -> Path:
    return shared_data / "phenopackets" / "dev.tar.gz"


@lru_cache(maxsize=None)
def _read(archive: str, names: tuple[str, ...], every: int, limit: int) -> tuple:
    out = []
    with tarfile.open(archive) as tf:
        k = 0
        for m in tf:
            if not (m.isfile() and m.name.endswith(".json")):
                continue
            take = m.name in names if names else (k % every == 0)
            k += 1
            if take:
                out.append((m.name, json.loads(tf.extractfile(m).read())))
                if len(out) >= limit:
                    break
    return tuple(out)


def dev_cases(shared_data: Path, *, names=(), every: int = 1, limit: int = 10**9) -> list[tuple[str, dict]]:
    """Phenopackets from the dev archive: the named members, or every ``every``-th one."""
    return list(_read(str(dev_archive(shared_data)), tuple(names), every, limit))
