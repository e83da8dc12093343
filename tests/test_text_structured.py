"""Findings from HPO id lists and GA4GH phenopackets."""

from __future__ import annotations

import json
import tarfile
import warnings

import pytest

from kgmed.errors import InputError, KgmedWarning
from kgmed.text import Finding, findings_from_ids, findings_from_phenopacket
from kgmed.rank.onset import age_to_onset


def test_ids_any_spelling_and_alt_ids(default_kg):
    fs = findings_from_ids(["HP:0001250", "HP_0001252", "http://purl.obolibrary.org/obo/HP_0000252",
                            "hp:0002279"], default_kg)  # HP:0002279 is an alt id of Seizure
    assert [f.hpo_id for f in fs] == ["HP:0001250", "HP:0001252", "HP:0000252"]
    f = fs[0]
    assert isinstance(f, Finding)
    assert (f.label, f.status, f.subject, f.method, f.confidence, f.start, f.end) == (
        "Seizure", "present", "patient", "structured", 1.0, None, None)


def test_ids_excluded_and_status(default_kg):
    fs = findings_from_ids(["HP:0001250"], default_kg, excluded=["HP:0000252"])
    assert [(f.hpo_id, f.status) for f in fs] == [("HP:0001250", "present"), ("HP:0000252", "excluded")]
    fs = findings_from_ids("HP:0001251", default_kg, status="uncertain")
    assert fs[0].status == "uncertain"


def test_obsolete_id_maps_to_replacement(default_kg):
    nodes = default_kg.nodes
    row = nodes.index[(nodes["obsolete"]) & (nodes["replaced_by"] != "") & nodes["id"].str.startswith("HP:")][0]
    old, new = nodes["id"].iat[row], nodes["replaced_by"].iat[row]
    assert findings_from_ids([old], default_kg)[0].hpo_id == default_kg.resolve(new)


@pytest.mark.parametrize("bad, match", [("HP:9999999", "HP:9999999"), ("OMIM:154700", "not an HPO term"),
                                        ("seizure", "not an HPO term"), ("", "expected an HPO id"),
                                        (42, "expected an HPO id")])
def test_unknown_ids_raise(default_kg, bad, match):
    with pytest.raises(InputError, match=match):
        findings_from_ids(["HP:0001250", bad], default_kg)


def test_unknown_ids_skip(default_kg):
    skipped: list = []
    with pytest.warns(KgmedWarning, match="1 HPO id"):
        fs = findings_from_ids(["HP:0001250", "HP:9999999"], default_kg, errors="skip", skipped=skipped)
    assert [f.hpo_id for f in fs] == ["HP:0001250"]
    assert skipped == ["HP:9999999"]
    with pytest.raises(ValueError, match="errors"):
        findings_from_ids(["HP:0001250"], default_kg, errors="ignore")


PACKET = {
    "id": "example",
    "phenotypicFeatures": [
        {"type": {"id": "HP:0001250", "label": "Seizure"},
         "onset": {"ontologyClass": {"id": "HP:0003593", "label": "Infantile onset"}}},
        {"type": {"id": "HP:0000252", "label": "Microcephaly"}, "excluded": True},
        {"type": {"id": "HP:0001252", "label": "Hypotonia"}, "onset": {"age": {"iso8601duration": "P3Y"}}},
        {"type": {"id": "HP:0000518", "label": "Cataract"}, "onset": {"gestationalAge": {"weeks": 30}}},
    ],
}


def test_phenopacket_dict(default_kg):
    fs = findings_from_phenopacket(PACKET, default_kg)
    assert [(f.hpo_id, f.status, f.onset, f.method) for f in fs] == [
        ("HP:0001250", "present", "HP:0003593", "phenopacket"),
        ("HP:0000252", "excluded", None, "phenopacket"),
        ("HP:0001252", "present", "HP:0011463", "phenopacket"),  # 3 years: childhood onset
        ("HP:0000518", "present", "HP:0011461", "phenopacket"),  # gestational week 30: fetal
    ]
    assert fs[0].text == "Seizure"


def test_phenopacket_path_and_json_text(default_kg, tmp_path):
    p = tmp_path / "case.json"
    p.write_text(json.dumps(PACKET))
    assert findings_from_phenopacket(p, default_kg) == findings_from_phenopacket(str(p), default_kg)
    assert findings_from_phenopacket(json.dumps(PACKET), default_kg) == findings_from_phenopacket(PACKET, default_kg)


def test_phenopacket_v1_negated_and_empty(default_kg):
    fs = findings_from_phenopacket({"phenotypicFeatures": [{"type": {"id": "HP:0001250"}, "negated": True}]},
                                   default_kg)
    assert fs[0].status == "excluded"
    assert findings_from_phenopacket({"id": "no features"}, default_kg) == []


@pytest.mark.parametrize("bad, match", [
    ("not/a/file.json", "neither a file nor JSON"),
    ("{not json", "not valid JSON"),
    ("[1, 2]", "neither a file"),
    (42, "must be a dict"),
    ({"phenotypicFeatures": {"type": "HP:0001250"}}, "must be a list"),
    ({"phenotypicFeatures": ["HP:0001250"]}, "must be an object"),
    ({"phenotypicFeatures": [{"type": {"id": "HP:9999999"}}]}, r"phenotypicFeatures\[0\]"),
])
def test_phenopacket_errors(default_kg, bad, match):
    with pytest.raises(InputError, match=match):
        findings_from_phenopacket(bad, default_kg)


def test_phenopacket_skip(default_kg):
    packet = {"phenotypicFeatures": [{"type": {"id": "HP:9999999"}}, {"type": {"id": "HP:0001250"}}]}
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        fs = findings_from_phenopacket(packet, default_kg, errors="skip")
    assert [f.hpo_id for f in fs] == ["HP:0001250"]
    assert any(issubclass(x.category, KgmedWarning) for x in w)


@pytest.mark.parametrize("age, term", [("P10D", "HP:0003623"), ("P4M", "HP:0003593"), ("P3Y", "HP:0011463"),
                                       ("P12Y6M", "HP:0003621"), ("P25Y", "HP:0011462"), ("P45Y", "HP:0003596"),
                                       ("P70Y", "HP:0003584"), ("P", None), ("3 years", None)])
def test_onset_from_age(age, term):
    assert age_to_onset(age) == term


def test_real_phenopackets(default_kg, shared_data):
    """Cases from phenopacket-store read without error; excluded flags kept."""
    path = shared_data / "phenopackets" / "dev.tar.gz"
    if not path.is_file():
        pytest.skip("phenopacket-store dev.tar.gz not available")
    n_files = n_excluded = 0
    with tarfile.open(path) as tar:
        for member in tar:
            if not member.name.endswith(".json"):
                continue
            data = json.load(tar.extractfile(member))
            fs = findings_from_phenopacket(data, default_kg, errors="skip")
            assert len(fs) <= len(data.get("phenotypicFeatures", []))
            n_excluded += sum(f.status == "excluded" for f in fs)
            n_files += 1
            if n_files == 40:
                break
    assert n_files == 40 and n_excluded > 0
