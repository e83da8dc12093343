"""Where kgmed keeps what it builds: ``$KGMED_HOME`` (default ``~/.cache/kgmed``).

Only artefacts derived from public sources live there (built KGs, downloaded releases,
indices, model bundles). Patient text and results are never written to it.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["home", "kg_cache_dir", "download_dir"]


def home() -> Path:
    """The kgmed cache root: ``$KGMED_HOME`` or ``~/.cache/kgmed``."""
    env = os.environ.get("KGMED_HOME")
    root = Path(env).expanduser() if env else Path.home() / ".cache" / "kgmed"
    return root


def kg_cache_dir() -> Path:
    """Built knowledge graphs, one folder per input checksum key."""
    return home() / "kg"


def download_dir() -> Path:
    """Downloaded official releases, verified by checksum."""
    return home() / "downloads"
