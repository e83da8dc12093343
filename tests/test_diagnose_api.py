"""The public API: kgmed.diagnose / kgmed.load / Engine / Diagnosis, and bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from diagnose_helpers import MARFAN_CASE, dev_cases, engine_for

from kgmed.diagnosis import Candidate, Diagnosis
from kgmed.errors import InputError

MARFAN_IDS = ["HP:0001166", "HP:0001083", "HP:0002616", "HP:0000268", "HP:0001634"]


@pytest.fixture(scope="module")
def engine(default_kg):
    return engine_for(default_kg)


def test_import_is_light_and_lazy():
    code = (
        "import sys, time; t = time.perf_counter(); import kgmed; dt = time.perf_counter() - t; "
        "heavy = [m for m in ('torch', 'numpy', 'pandas', 'scipy', 'sentence_transformers') if m in sys.modules]; "
        "print(dt, heavy); assert callable(kgmed.diagnose) and kgmed.__version__"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split(" ", 1)
    assert float(out[0]) < 1.0
    assert out[1].strip() == "[]"
    code = "import kgmed, sys; kgmed.Engine; kgmed.Diagnosis; print('torch' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


def test_diagnose_hpo_ids(engine):
    dx = engine.diagnose(MARFAN_IDS, top_k=5)
    assert isinstance(dx, Diagnosis) and len(dx.candidates) == 5
    assert [c.rank for c in dx.candidates] == [1, 2, 3, 4, 5]
    scores = [c.score for c in dx.candidates]
    assert scores == sorted(scores, reverse=True)
    top = dx.candidates[0]
    assert isinstance(top, Candidate) and top.disease_id.split(":")[0] in ("OMIM", "ORPHA", "DECIPHER")
    assert 0 < top.probability <= 1 and sum(c.probability for c in dx.candidates) + dx.unlisted_probability <= 1 + 1e-9
    assert any("FBN1" in [g.symbol for g in c.genes] for c in dx.candidates)
    for c in dx.candidates:
        assert c.matched, c.disease_id
        for e in c.matched:
            assert e.status == "present" and e.match in ("exact", "more_specific", "less_specific", "related")
            assert e.contribution > 0 and e.disease_term
    assert [f.hpo_id for f in dx.findings] == MARFAN_IDS
    assert dx.n_diseases == engine.index.n_diseases


def test_top_k_is_capped_and_validated(engine):
    assert len(engine.diagnose(MARFAN_IDS, top_k=50000).candidates) == engine.index.n_diseases
    for bad in (0, -1, 2.5, True):
        with pytest.raises(InputError, match="top_k"):
            engine.diagnose(MARFAN_IDS, top_k=bad)


def test_serialisation_and_str(engine):
    dx = engine.diagnose(MARFAN_IDS, top_k=3, excluded=["HP:0002650"])
    d = json.loads(dx.to_json())
    assert set(d) >= {"findings", "candidates", "notes", "onset", "support", "meta", "unlisted_probability"}
    c = d["candidates"][0]
    assert set(c) >= {"disease_id", "name", "score", "probability", "matched", "missing", "contradicting", "genes",
                      "inheritance", "facts"}
    assert d["findings"][-1]["status"] == "excluded"
    text = str(dx)
    assert "Differential diagnosis" in text and dx.candidates[0].name in text and "Excluded: Scoliosis" in text
    assert json.loads(dx.candidates[0].to_json())["rank"] == 1


def test_note_route_uses_only_the_patients_present_findings(engine):
    dx = engine.diagnose("Arachnodactyly, ectopia lentis and aortic root aneurysm. No scoliosis. "
                         "His mother has myopia.", top_k=5)
    status = {(f.hpo_id, f.status, f.subject) for f in dx.findings}
    assert ("HP:0001166", "present", "patient") in status
    assert ("HP:0002650", "excluded", "patient") in status
    assert any("family history" in n for n in dx.notes)
    for c in dx.candidates:
        assert "HP:0000545" not in {e.hpo_id for e in c.matched}


def test_a_finding_shared_with_a_relative_is_no_family_note(engine):
    dx = engine.diagnose("Seizures and ataxia. His older brother had similar seizures. His mother has myopia.", top_k=3)
    assert ("HP:0001250", "present", "patient") in {(f.hpo_id, f.status, f.subject) for f in dx.findings}
    assert not any("HP:0001250" in n for n in dx.notes)      # the patient's own finding is used
    assert any("HP:0000545" in n and "family history" in n for n in dx.notes)


def test_phenopacket_dict_path_and_json_text(engine, shared_data, tmp_path):
    (name, pp), = dev_cases(shared_data, names=[MARFAN_CASE])
    p = tmp_path / "case.json"
    p.write_text(json.dumps(pp))
    a = engine.diagnose(pp, top_k=3)
    b = engine.diagnose(p, top_k=3)
    c = engine.diagnose(str(p), top_k=3)
    d = engine.diagnose(json.dumps(pp), top_k=3)
    ids = [x.disease_id for x in a.candidates]
    assert ids == [x.disease_id for x in b.candidates] == [x.disease_id for x in c.candidates] \
        == [x.disease_id for x in d.candidates]
    assert any(f.status == "excluded" for f in a.findings)
    assert a.onset is None or a.onset.startswith("HP:")


def test_use_excluded_switch(engine):
    with_ex = engine.diagnose(MARFAN_IDS, top_k=20, excluded=["HP:0002650", "HP:0000545"])
    without = engine.diagnose(MARFAN_IDS, top_k=20, excluded=["HP:0002650", "HP:0000545"], use_excluded=False)
    plain = engine.diagnose(MARFAN_IDS, top_k=20)
    assert [c.score for c in without.candidates] == pytest.approx([c.score for c in plain.candidates])
    assert not without.use_excluded and "[not used]" in str(without)
    assert any(c.contradicting for c in with_ex.candidates)


def test_obsolete_and_alt_ids_are_mapped_and_reported(engine, default_kg):
    nodes = default_kg.nodes
    row = nodes.index[nodes["obsolete"] & (nodes["replaced_by"] != "") & nodes["id"].str.startswith("HP:")][0]
    old = nodes["id"].iat[row]
    dx = engine.diagnose(MARFAN_IDS + [old], top_k=3)
    new = default_kg.resolve(old)
    assert new in {f.hpo_id for f in dx.findings}
    assert any(old in n and new in n for n in dx.notes)


def test_unknown_ids_are_reported_not_fatal(engine):
    dx = engine.diagnose(MARFAN_IDS + ["HP:9999999", "OMIM:154700"], top_k=3)
    assert any("HP:9999999" in n for n in dx.notes) and any("OMIM:154700" in n for n in dx.notes)
    with pytest.raises(InputError, match="HP:9999999"):
        engine.diagnose(["HP:9999999"])


@pytest.mark.parametrize("bad, match", [
    ("", "empty"),
    ("   \n ", "empty"),
    ("The weather was lovely on Tuesday.", "no phenotype finding was recognised"),
    ("Der Patient hat Krampfanfälle und eine Entwicklungsverzögerung.", "does not look like English"),
    ("患者有癫痫发作和发育迟缓", "does not look like English"),
    ("No seizures, no microcephaly.", "no present finding"),
    ([], "empty"),
    ([1, 2], "HPO ids"),
    (42, "cannot diagnose a int"),
    ({"phenotypicFeatures": "HP:0001250"}, "must be a list"),
    ({"phenotypicFeatures": [17]}, "must be an object"),
    ('{"phenotypicFeatures": [', "not valid JSON"),
    ({"id": "x"}, "no phenotype finding"),
])
def test_bad_input_gives_clear_errors(engine, bad, match):
    with pytest.raises(InputError, match=match):
        engine.diagnose(bad)


def test_missing_phenopacket_file_and_folders(engine, tmp_path):
    with pytest.raises(InputError, match="neither a file nor JSON"):
        engine.diagnose(tmp_path / "nope.json")
    with pytest.raises(InputError, match="many cases"):
        engine.diagnose(tmp_path)
    with pytest.raises(InputError, match="many cases"):
        engine.diagnose(str(tmp_path))


def test_explain_unknown_disease(engine):
    with pytest.raises(InputError, match="not in the knowledge graph"):
        engine.explain(MARFAN_IDS, "OMIM:999999999")
    with pytest.raises(InputError, match="phenotype"):
        engine.explain(MARFAN_IDS, "HP:0001250")


def test_module_level_diagnose_reuses_one_engine(monkeypatch, default_kg):
    import kgmed

    monkeypatch.setattr(kgmed, "_default_engine", engine_for(default_kg))
    dx = kgmed.diagnose(MARFAN_IDS, top_k=2)
    assert len(dx.candidates) == 2 and kgmed._engine() is engine_for(default_kg)


def test_diagnose_many_reports_errors_in_place(engine):
    out = list(engine.diagnose_many([MARFAN_IDS, "", ["HP:0001250"]], top_k=2, on_error="return"))
    assert isinstance(out[0], Diagnosis) and isinstance(out[1], InputError) and isinstance(out[2], Diagnosis)
