"""Autoantibody results (kgmed.text.antibodies): the table built from HPO's labels, the
results a note gives, lists, brackets, and antibodies named without a result."""

from __future__ import annotations

import pytest

from kgmed.text import ConceptRecognizer
from kgmed.text.antibodies import AntibodyTable, find_antibody_results


@pytest.fixture(scope="module")
def rec(default_kg):
    return ConceptRecognizer(default_kg).build()


@pytest.fixture(scope="module")
def table(default_kg):
    labels = default_kg.nodes["label"].tolist()
    return AntibodyTable(enumerate(labels)), default_kg.nodes["id"].tolist()


def read(table, text):
    t, ids = table
    return [(text[r.start:r.end], ids[r.row], r.positive) for r in find_antibody_results(text, t)]


def test_the_table_knows_hpos_antibodies_by_label_acronym_and_isotype(table):
    t, ids = table
    assert ids[t.row("anti-Sm")] == "HP:0033040"  # by its label's words
    assert ids[t.row("ANA")] == "HP:0003493"  # an acronym
    assert ids[t.row("aCL IgG")] == "HP:0020136"  # an acronym with an isotype
    assert ids[t.row("tTG-IgA")] == "HP:0033563"  # an isotype joined by a hyphen (no IgA term: the antibody's)
    assert ids[t.row("GAD65")] == "HP:5000011"  # HPO's own label, before the acronym of GAD
    assert ids[t.row("GAD")] == "HP:0025329"
    assert t.row("blood cultures") is None


@pytest.mark.parametrize("text, expected", [
    ("Autoab: ANA -ve, c-ANCA -ve.", [("ANA", "HP:0003493", False), ("c-ANCA", "HP:0032230", False)]),
    ("TPO Ab +ve, TRAb +ve.", [("TPO", "HP:0025379", True), ("TRAb", "HP:0034189", True)]),
    ("Anti-dsDNA 420 IU/mL (positive).", [("Anti-dsDNA", "HP:0020151", True)]),
    # a list with one result, and one antibody's two names
    ("ANA, anti-Ro and anti-La were all negative.",
     [("ANA", "HP:0003493", False), ("anti-Ro", "HP:0033555", False), ("anti-La", "HP:0032235", False)]),
    ("Anti-SSA/Ro negative.", [("Anti-SSA/Ro", "HP:0033555", False)]),
    ("No lupus (ANA/dsDNA -ve).", [("ANA", "HP:0003493", False), ("dsDNA", "HP:0020151", False)]),
    ("She was positive for anti-Ro (SS-A) and anti-La (SS-B) antibodies.",
     [("anti-Ro", "HP:0033555", True), ("anti-La", "HP:0032235", True)]),
    ("ANA was not positive.", [("ANA", "HP:0003493", False)]),
    # no result, or no antibody
    ("ANA, anti-Ro and anti-La pending.", []),
    ("Blood cultures negative.", []),
])
def test_results_are_read_for_each_antibody(table, text, expected):
    assert read(table, text) == expected


@pytest.mark.parametrize("text, hpo, status", [
    ("Autoab: MPO-ANCA -ve, anti-Ro -ve, aCL IgG -ve, β2GP1 IgG -ve; LA not detected.", "HP:0034156", "excluded"),
    ("Autoab: MPO-ANCA -ve, anti-Ro -ve, aCL IgG -ve, β2GP1 IgG -ve; LA not detected.", "HP:0025343", "excluded"),
    ("Her antinuclear antibodies and c-ANCA were negative.", "HP:0003493", "excluded"),
    ("Abs: 21-OH Ab -ve, TPO Ab -ve, GAD65 Ab -ve.", "HP:0034071", "excluded"),
    ("Anticardiolipin IgG 46 GPL (positive).", "HP:0020136", "present"),
    ("There was no evidence of infection, and TRAb was positive.", "HP:0034189", "present"),
])
def test_the_recognizer_reads_antibody_results(rec, text, hpo, status):
    assert {f.status for f in rec.recognize(text) if f.hpo_id == hpo} == {status}


def test_an_antibody_sent_or_pending_is_no_finding_of_this_reader(rec):
    assert not {f.hpo_id for f in rec.recognize("Anti-Ro and anti-La sent; ANA pending.")}
