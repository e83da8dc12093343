"""Word normalisation and tokenisation (no KG needed)."""

from __future__ import annotations

import pytest

from kgmed.text.normalize import normalize_phrase, normalize_word, stem_word, tokenize


@pytest.mark.parametrize(
    "word, key",
    [
        ("Seizures", "seizure"),
        ("abnormalities", "abnormality"),
        ("vertebrae", "vertebra"),
        ("nevi", "nevus"),
        ("Phalanges", "phalanx"),
        ("irides", "iris"),
        ("pneumothoraces", "pneumothorax"),
        ("stenoses", "stenosis"),
        ("kidneys", "kidney"),
        ("lipomas", "lipoma"),
        ("processes", "process"),
        ("headaches", "headache"),
        ("lenses", "lens"),
        ("pancreas", "pancreas"),
        ("ptosis", "ptosis"),
        ("anaemia", "anemia"),
        ("Haemorrhages", "hemorrhage"),
        ("oedema", "edema"),
        ("does", "does"),  # an "oe" that is no British spelling
        ("tumours", "tumor"),
        ("Generalised", "generalized"),
        ("fibres", "fiber"),
        ("diarrhoea", "diarrhea"),
        ("Café", "cafe"),
    ],
)
def test_normalize_word(word, key):
    assert normalize_word(word) == key


def test_singular_and_plural_meet():
    for a, b in [("toe", "toes"), ("nose", "noses"), ("sinus", "sinuses"), ("branch", "branches"),
                 ("acrochordon", "acrochorda"), ("diverticulum", "diverticula"), ("calf", "calves")]:
        assert normalize_word(a) == normalize_word(b), (a, b)


def test_tokenize_offsets_and_hyphens():
    text = "Café-au-lait macules; no seizures (HP:0001250)."
    toks = tokenize(text)
    assert toks.norms == ["cafe", "au", "lait", "macule", "no", "seizure", "hp", "0001250"]
    for t in toks:
        assert text[t.start:t.end] == t.surface
    assert toks.joined[:3] == [True, True, False]
    assert toks.seps[4] == "; "


def test_tokenize_unicode_and_empty():
    assert len(tokenize("")) == 0
    assert len(tokenize("   \n\t ")) == 0
    toks = tokenize("Ärztin: naïve Ödem — 癫痫发作 🙂 İstanbul")
    for t in toks:
        assert toks.text[t.start:t.end] == t.surface
    assert "odem" in toks.norms


def test_normalize_phrase_order_kept():
    assert normalize_phrase("Abnormalities of the Eye") == "abnormality of the eye"


@pytest.mark.parametrize(
    "a, b",
    [("hypoplastic", "hypoplasia"), ("dysplastic", "dysplasia"), ("atrophic", "atrophy"),
     ("microcephalic", "microcephaly"), ("renal", "kidney"), ("cutaneous", "skin"),
     ("abnormalities", "anomaly"), ("mandibular", "mandible"), ("patellar", "patella"),
     ("edematous", "edema"), ("mentally", "mental"), ("cognitively", "cognitive"),
     ("hypermobile", "hypermobility"), ("labile", "lability"), ("disabled", "disability"),
     ("ventricle", "ventricular"), ("impaired", "impairment"), ("valvular", "valve"),
     ("unsteadiness", "unsteady"), ("hoarseness", "hoarse"), ("lost", "loss"), ("wasting", "atrophy"),
     ("increase", "increased"), ("reduction", "decreased"), ("iridal", "iris"), ("trouble", "difficult"),
     ("asymmetrical", "asymmetry"), ("anatomical", "anatomic")],
)
def test_stems_meet(a, b):
    assert stem_word(normalize_word(a)) == stem_word(normalize_word(b))


def test_stems_keep_different_words_apart():
    assert stem_word("cataract") != stem_word("catalase")
    assert stem_word("hypotonia") != stem_word("hypertonia")
    assert stem_word("thickness") != stem_word("thick")  # a measure, not the quality


def test_adverbs_are_read_as_their_adjective():
    from kgmed.text.normalize import is_adverb

    assert [is_adverb(w) for w in ("mentally", "cognitively", "continuously")] == [True] * 3
    # a bare "-ly" also ends nouns; "abnormally" is already one of the words for "abnormal"
    assert [is_adverb(w) for w in ("assembly", "butterfly", "family", "abnormally")] == [False] * 4


def test_is_plural():
    from kgmed.text.normalize import is_plural

    assert [is_plural(w) for w in ("lipomas", "nevi", "Naevi", "teeth", "vertebrae", "exostoses")] == [True] * 6
    assert [is_plural(w) for w in ("lipoma", "nevus", "pancreas", "lens", "ptosis", "")] == [False] * 6


def test_arrows_of_clinical_shorthand_are_words():
    toks = tokenize("Bloods: ↑CK, Na ↓.")
    assert toks.words == ["Bloods", "↑", "CK", "Na", "↓"]
    assert toks.norms[1] == "increased" and toks.norms[4] == "decreased"
    assert [toks.text[a:b] for a, b in zip(toks.starts, toks.ends)] == toks.words  # offsets kept
