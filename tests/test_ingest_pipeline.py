"""The ingestion pipeline: all shared sources into one KG, caching, downloads, the CLI."""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import subprocess
import sys
import threading

import pytest

from kgmed.errors import ChecksumError, SourceError
from kgmed.ingest.download import fetch
from kgmed.ingest.pipeline import build_kg
from kgmed.ingest.sources import available_sources, get_source

ALL_SOURCES = ["hpo", "doid", "do-symptom", "symp", "mondo", "maxo"]


@pytest.fixture(scope="module")
def full_kg(shared_data):
    return build_kg(ALL_SOURCES, data_dir=shared_data).kg


def test_bundled_manifests_are_valid():
    sources = available_sources()
    assert set(ALL_SOURCES) <= set(sources)
    for m in sources.values():
        assert m.licence and m.version
        for f in m.files:
            assert f.url and f.url.startswith("https://"), (m.name, f.name)
            assert f.sha256 or f.package_sha256, (m.name, f.name)


def test_all_shared_sources_in_one_kg(full_kg):
    s = full_kg.summary()
    assert set(s["sources"]) == set(ALL_SOURCES)
    assert s["sources"]["mondo"] == "2026-08-04" and s["sources"]["symp"] == "2024-05-17"
    for t in ("phenotype", "disease", "gene", "symptom", "medical_action"):
        assert s["nodes"][t] > 0
    for t in ("has_symptom", "treated_by", "observable_through", "same_as"):
        assert s["edges"][t] > 0
    # Records pointing at terms no source defines are counted, not invented.
    assert s["skipped"]["maxo"]["unknown subject id (HP:…)"] > 0


def test_marfan_equivalents(full_kg):
    eq = full_kg.equivalents("OMIM:154700")
    assert "MONDO:0007947" in eq and "DOID:14323" in eq
    # Original ids are kept as nodes with their own labels and sources.
    assert full_kg.node("DOID:14323").label == "Marfan syndrome"
    assert full_kg.node("OMIM:154700").source == "hpo"


def test_maxo_actions_cite_pmids(full_kg):
    e = full_kg.edges_of("treated_by")
    assert e["references"].str.startswith("PMID:").mean() > 0.5
    types = full_kg.nodes["type"].astype(str).to_numpy()
    assert (types[e["dst"]] == "medical_action").all()


def test_second_run_is_cached_and_new_release_rebuilds(tmp_path):
    first = build_kg(["hpo"])
    again = build_kg(["hpo"])
    assert again.cached and again.key == first.key
    # A "new release": a changed annotation file gives a new key and a new build.
    hpoa = next(f for f in get_source("hpo").files if f.name == "phenotype.hpoa").package_path()
    lines = hpoa.read_text().splitlines(keepends=True)
    newer = tmp_path / "phenotype.hpoa"
    newer.write_text("".join(lines[:-1000]))
    rebuilt = build_kg(["hpo"], files={"phenotype.hpoa": newer})
    assert not rebuilt.cached and rebuilt.key != first.key
    assert rebuilt.kg.summary()["disease_phenotype"]["edges"] < first.kg.summary()["disease_phenotype"]["edges"]
    assert rebuilt.files["hpo"]["phenotype.hpoa"]["origin"] == "given"


def test_missing_local_file_names_the_fix(tmp_path):
    with pytest.raises(SourceError, match=r"mondo: file mondo_exactmatch_omim.sssom.tsv not found .*--download"):
        build_kg(["mondo"], data_dir=tmp_path)
    with pytest.raises(SourceError, match="unknown source 'nope'"):
        build_kg(["nope"])
    with pytest.raises(SourceError, match="belong to no selected source"):
        build_kg(["hpo"], files={"other.obo": tmp_path})


def test_hpo_ontology_alone():
    """`hpo-ontology` builds the terms of the packaged release without any annotation."""
    s = build_kg(["hpo-ontology"]).kg.summary()
    assert s["sources"] == {"hpo-ontology": "2025-01-16"}
    assert s["nodes"]["phenotype"] >= 18_000 and "disease" not in s["nodes"]
    assert s["disease_phenotype"]["edges"] == 0


def test_invalid_manifest(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nversion: 1\nfiles:\n  - {name: a.tsv, reader: excel}\n")
    with pytest.raises(SourceError, match="reader 'excel'; valid readers"):
        get_source(bad)
    bad.write_text("name: x\nversion: 1\nfiles: [\n")
    with pytest.raises(SourceError, match=r"bad\.yaml, line \d+: invalid YAML"):
        get_source(bad)


# ------------------------------------------------------------- downloads
@pytest.fixture()
def http_root(tmp_path):
    """A local HTTP server over a temporary folder (never the internet)."""
    root = tmp_path / "www"
    root.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_fetch_verifies_and_caches(http_root, tmp_path):
    root, base = http_root
    content = b"hello ontology\n" * 1000
    (root / "f.txt").write_bytes(content)
    digest = hashlib.sha256(content).hexdigest()
    cache = tmp_path / "cache"
    path = fetch(f"{base}/f.txt", source="s", version="1", name="f.txt", sha256=digest, cache_dir=cache)
    assert path.read_bytes() == content
    (root / "f.txt").unlink()  # a cached, verified copy needs no server
    assert fetch(f"{base}/f.txt", source="s", version="1", name="f.txt", sha256=digest, cache_dir=cache) == path
    (root / "g.txt").write_bytes(b"tampered\n")
    with pytest.raises(ChecksumError, match="checksum mismatch"):
        fetch(f"{base}/g.txt", source="s", version="1", name="g.txt", sha256=digest, cache_dir=cache)
    assert not (cache / "s" / "1" / "g.txt").exists()
    assert not list((cache / "s" / "1").glob("*.part"))
    with pytest.raises(SourceError, match="server answered 404"):
        fetch(f"{base}/missing.txt", source="s", version="1", name="missing.txt", cache_dir=cache)


def test_ingest_download_from_local_server(http_root, shared_data, tmp_path):
    root, base = http_root
    for name in ("DO_CFDE_slim.obo", "disease-symptom.tsv"):
        (root / name).write_bytes((shared_data / "doid" / name).read_bytes())
    slim_sha = hashlib.sha256((root / "DO_CFDE_slim.obo").read_bytes()).hexdigest()
    manifest = tmp_path / "do-local.yaml"
    manifest.write_text(
        "name: do-local\nversion: '2026-07-31'\nlicence: CC0 1.0\nfiles:\n"
        f"  - name: DO_CFDE_slim.obo\n    reader: obo\n    url: {base}/DO_CFDE_slim.obo\n    sha256: {slim_sha}\n"
        "    options: {node_type: disease}\n"
        f"  - name: disease-symptom.tsv\n    reader: tsv\n    url: {base}/disease-symptom.tsv\n"
        "    options:\n      edges:\n        subject: {column: disease_id, type: disease, label: disease_label}\n"
        "        object: {column: symptom_id, type: symptom, label: symptom_label}\n        type: has_symptom\n"
    )
    result = build_kg([manifest], download=True)
    assert result.files["do-local"]["DO_CFDE_slim.obo"]["origin"] == "download"
    assert result.kg.summary()["edges"]["has_symptom"] == 2222
    # Cached downloads are reused (server emptied) and the KG build is cached too.
    for p in root.iterdir():
        p.unlink()
    assert build_kg([manifest], download=True).cached


# ------------------------------------------------------------------ CLI
def _run(*args: str, **env) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([sys.executable, "-m", "kgmed.cli", *args], capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=300)


def test_cli_ingest_json():
    proc = _run("ingest", "--json")
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["sources"] == {"hpo": "2025-01-16"}
    assert summary["nodes"]["phenotype"] >= 18_000
    assert summary["disease_phenotype"]["with_frequency"] > 0


def test_cli_errors_are_one_line(tmp_path):
    proc = _run("ingest", "mondo", "--data-dir", str(tmp_path))
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: mondo: file") and "Traceback" not in proc.stderr


def test_import_and_help_do_not_load_torch():
    code = (
        "import sys, kgmed, kgmed.kg, kgmed.ingest.pipeline\n"
        "from kgmed.cli.main import _register; _register()\n"
        "heavy = [m for m in ('torch', 'faiss', 'sentence_transformers', 'transformers', 'torch_geometric') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""
    assert _run("--help").returncode == 0
