"""``kgmed diagnose``, ``kgmed explain`` and ``kgmed evaluate diagnosis`` end to end."""

from __future__ import annotations

import csv
import io
import json
import tarfile

import pytest
from typer.testing import CliRunner

from diagnose_helpers import dev_cases, engine_for


@pytest.fixture(scope="module")
def cli(default_kg):
    """The Typer app, with the engine loader pointed at the session's engine."""
    import kgmed.cli.diagnose as dmod
    import kgmed.engine as emod
    from kgmed.cli.main import _register, app

    _register()
    engine = engine_for(default_kg)
    mp = pytest.MonkeyPatch()
    mp.setattr(dmod, "_engine", lambda kg, **kw: engine)
    mp.setattr(emod.Engine, "load", classmethod(lambda cls, kg=None, **kw: engine))
    yield CliRunner(), app
    mp.undo()


def test_diagnose_text_table(cli):
    runner, app = cli
    r = runner.invoke(app, ["diagnose", "Arachnodactyly, ectopia lentis and aortic root aneurysm; no scoliosis", "-k", "3"])
    assert r.exit_code == 0, r.output
    assert "Arachnodactyly (HP:0001166)" in r.output and "Scoliosis (HP:0002650)" in r.output
    assert "Differential diagnosis" in r.output


def test_diagnose_a_note_longer_than_a_file_name(cli):
    # one argument is first checked as a path; a note of more than 255 bytes made that
    # check fail with "File name too long"
    runner, app = cli
    note = ("Arachnodactyly, ectopia lentis and aortic root aneurysm. " * 6).strip()
    assert len(note.encode()) > 300
    r = runner.invoke(app, ["diagnose", note, "-k", "1"])
    assert r.exit_code == 0, r.output
    assert "Arachnodactyly (HP:0001166)" in r.output
    # a term the note names six times is listed once; "explains" counts the findings
    # ranked on (an ancestor of another finding is counted once, within it)
    assert r.output.count("Arachnodactyly (HP:0001166)") == 1
    assert "3/3" in r.output


def test_diagnose_shows_the_onset_by_name(cli):
    runner, app = cli
    r = runner.invoke(app, ["diagnose", "Seizures since 6 months of age and ataxia.", "-k", "1"])
    assert r.exit_code == 0, r.output
    assert "onset: Infantile onset (HP:0003593)" in " ".join(r.output.split())


def test_diagnose_ids_json(cli):
    runner, app = cli
    r = runner.invoke(app, ["diagnose", "HP:0001166", "HP:0001083", "-x", "HP:0002650", "--json", "-k", "2"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.output)
    assert len(d["candidates"]) == 2 and d["findings"][-1]["status"] == "excluded"


def test_diagnose_bad_input_is_one_clear_line(cli):
    runner, app = cli
    r = runner.invoke(app, ["diagnose", "the weather was lovely"])
    assert r.exit_code == 2 and "no phenotype finding was recognised" in r.output
    assert "Traceback" not in r.output


def test_batch_over_a_tar(cli, shared_data, tmp_path):
    runner, app = cli
    cases = dev_cases(shared_data, every=500)
    tgz = tmp_path / "few.tar.gz"
    with tarfile.open(tgz, "w:gz") as tf:
        for name, pp in cases:
            raw = json.dumps(pp).encode()
            info = tarfile.TarInfo(name)
            info.size = len(raw)
            tf.addfile(info, io.BytesIO(raw))
        bad = b"{not json"
        info = tarfile.TarInfo("notebooks/x/phenopackets/broken.json")
        info.size = len(bad)
        tf.addfile(info, io.BytesIO(bad))
    out = tmp_path / "dx.jsonl"
    r = runner.invoke(app, ["diagnose", str(tgz), "--out", str(out), "--no-progress", "-k", "3"])
    assert r.exit_code == 0, r.output
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(lines) == len(cases) + 1
    assert sum("error" in x for x in lines) >= 1 and sum("candidates" in x for x in lines) >= len(cases) - 1


@pytest.mark.parametrize("fmt, start", [("text", "Marfan syndrome (OMIM:154700)"), ("dot", "digraph"),
                                        ("html", "<!DOCTYPE html>"), ("json", "{")])
def test_explain_formats(cli, fmt, start):
    runner, app = cli
    r = runner.invoke(app, ["explain", "arachnodactyly, ectopia lentis, aortic root aneurysm", "--disease",
                            "OMIM:154700", "--format", fmt])
    assert r.exit_code == 0, r.output
    assert r.output.lstrip().startswith(start)


def test_explain_unknown_format_and_disease(cli):
    runner, app = cli
    r = runner.invoke(app, ["explain", "ectopia lentis", "-d", "OMIM:154700", "-f", "pdf"])
    assert r.exit_code == 2 and "--format" in r.output
    r = runner.invoke(app, ["explain", "ectopia lentis", "-d", "OMIM:999999999"])
    assert r.exit_code == 2 and "not in the knowledge graph" in r.output


@pytest.mark.parametrize("route", ["structured", "text"])
def test_evaluate_diagnosis_writes_the_specified_files(cli, shared_data, tmp_path, route):
    runner, app = cli
    folder = tmp_path / "pp"
    for name, pp in dev_cases(shared_data, every=300):
        p = folder / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(json.dumps(pp))
    out = tmp_path / f"out-{route}"
    r = runner.invoke(app, ["evaluate", "diagnosis", str(folder), "--out", str(out), "--route", route, "--no-progress"])
    assert r.exit_code == 0, r.output
    m = json.loads((out / "metrics.json").read_text())
    assert set(m) == {"all", "covered", "independent", "baseline_resnik"}
    assert set(m["baseline_resnik"]) == {"all", "covered", "independent"}
    for sub in ("all", "covered", "independent"):
        for mm in (m[sub], m["baseline_resnik"][sub]):
            assert set(mm) == {"n", "top1", "top3", "top10", "mrr"}
            assert 0 <= mm["top1"] <= mm["top3"] <= mm["top10"] <= 1 and 0 <= mm["mrr"] <= 1
    assert m["all"]["n"] >= m["covered"]["n"] >= m["independent"]["n"] > 0
    rows = list(csv.DictReader((out / "ranks.tsv").open(), delimiter="\t"))
    assert list(rows[0]) == ["case", "disease_id", "rank"] and len(rows) == m["all"]["n"]
    assert all(int(x["rank"]) >= 0 for x in rows) and all(x["disease_id"].startswith("OMIM:") for x in rows)
    assert m["covered"]["top10"] > m["baseline_resnik"]["covered"]["top10"] - 0.05
    assert "baseline" in r.output.lower() and "independent" in r.output


def test_small_gene_probabilities_are_not_shown_as_zero():
    from kgmed.cli.diagnose import _percent

    assert (_percent(0.001), _percent(0.25), _percent(0.0)) == ("<1%", "25%", "0%")


def test_diagnose_reads_notes_with_a_site_lexicon(cli, tmp_path):
    import kgmed.cli.diagnose as dmod

    runner, app = cli
    engine = dmod._engine(None)
    before = engine.recognizer
    site = tmp_path / "site.tsv"
    site.write_text("HP:0001250\tfunny turns\tour clinic's word for seizures\n", encoding="utf-8")
    try:
        r = runner.invoke(app, ["diagnose", "funny turns and hypotonia", "--json", "--lexicon", str(site)])
        assert r.exit_code == 0, r.output
        assert "HP:0001250" in {f["hpo_id"] for f in json.loads(r.output)["findings"]}
    finally:
        engine.recognizer = before
    assert engine.recognizer.recognize("funny turns") == []  # the default lexicon has no such name
    bad = tmp_path / "bad.tsv"
    bad.write_text("HP:0001250 funny turns\n", encoding="utf-8")
    r = runner.invoke(app, ["diagnose", "ectopia lentis", "--lexicon", str(bad)])
    assert r.exit_code != 0 and "bad.tsv:1" in r.output
    with pytest.raises(ValueError, match="not built on this engine"):
        engine.recognizer = object()


def test_diagnose_linker_options_are_checked_before_anything_loads(cli):
    runner, app = cli
    r = runner.invoke(app, ["diagnose", "ectopia lentis", "--threshold", "0.9"])
    assert r.exit_code != 0 and "--dense or --learned" in r.output
    r = runner.invoke(app, ["diagnose", "ectopia lentis", "--dense", "--learned"])
    assert r.exit_code != 0 and "alternatives" in r.output
