"""Laboratory values against the range the text states (kgmed.text.labs), laboratory names
as clinicians write them (kgmed.text.dictionary), and both through the recognizer."""

from __future__ import annotations

import pytest

from kgmed.text import ConceptRecognizer
from kgmed.text.dictionary import _without_specimen
from kgmed.text.labs import find_lab_values


def values(text):
    """[(analyte words, direction, value)] of the statements in ``text``."""
    return [(text[v.start:v.analyte_end], v.direction, v.value) for v in find_lab_values(text)]


@pytest.mark.parametrize("text, expected", [
    ("Creatine kinase was 2,500 U/L (normal < 200).", [("Creatine kinase", "high", 2500.0)]),
    ("Her serum CK level was elevated at 12000 IU/L (normal range, 24-195 IU/L).", [("serum CK", "high", 12000.0)]),
    ("ammonia 180 µmol/L (reference 11–32)", [("ammonia", "high", 180.0)]),
    ("lactate 4.5 mmol/L (0.5-2.2)", [("lactate", "high", 4.5)]),            # a bare range after a unit
    ("Sodium 128 mmol/L (135-145)", [("Sodium", "low", 128.0)]),
    ("glucose 2.1 mmol/L (normal range 3.9–5.5 mmol/L)", [("glucose", "low", 2.1)]),
    ("ferritin 8 ng/mL [ref. > 15]", [("ferritin", "low", 8.0)]),
    ("AST 250 U/L and ALT 300 U/L (N: <40).", [("AST", "high", 250.0), ("ALT", "high", 300.0)]),  # the range: ALT's; AST by LIMITS
    ("AST 90 U/L and ALT 300 U/L (N: <40).", [("ALT", "high", 300.0)]),  # only the value the range follows
    ("ALT was 10 times the upper limit of normal.", [("ALT", "high", 10.0)]),
    ("CK 5× ULN", [("CK", "high", 5.0)]),
    ("Renal function is impaired (creatinine 250 umol/L, normal 45-90).", [("creatinine", "high", 250.0)]),
    ("creatinine 250 µmol/L; reference range 45–90 µmol/L", [("creatinine", "high", 250.0)]),
    # the laboratory's own flag after a value with a unit
    ("LDH 980 U/L (elevated), IgA <0.07 g/L (low).", [("LDH", "high", 980.0), ("IgA", "low", 0.07)]),
    ("WBC 16.8 x10^9/L (raised)", [("WBC", "high", 16.8)]),
    ("MPV 12.9 fL (↑)", [("MPV", "high", 12.9)]),
    # no range: the analyte's limits, abnormal at every age (labs.LIMITS)
    ("On admission glucose was 1.9 mmol/L and ammonia 140 µmol/L.", [("glucose", "low", 1.9), ("ammonia", "high", 140.0)]),
    ("Hb 8.9 g/dL; platelets 60 x10^9/L; CK 48,000 U/L", [("Hb", "low", 8.9), ("platelets", "low", 60.0),
                                                          ("CK", "high", 48000.0)]),
    ("a serum creatinine of 540 umol/L", [("serum creatinine", "high", 540.0)]),
    ("blood glucose 30 mg/dL", [("blood glucose", "low", 30.0)]),             # converted: 1.7 mmol/L
    ("CK 2,850 U/L (ULN 170)", [("CK", "high", 2850.0)]),                    # an upper limit named as one
    ("ALT 312 IU/L (upper limit of normal 40)", [("ALT", "high", 312.0)]),
    # a bracket of words after a value is a comment: the limits judge it
    ("FBC: plt 78 x10^9/L (analyser, no clumps on film)", [("plt", "low", 78.0)]),
])
def test_values_outside_the_stated_range(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize("text", [
    "CK was 150 U/L (normal < 200).",                 # within the range
    "CK 150 U/L (ULN 170)",
    "potassium 4.1 mmol/L (3.5–5.0)",
    "ferritin 800 ng/mL (ref > 15)",                  # a lower limit says nothing of high values
    "CK was 1 times the upper limit of normal.",
    "IQ 55 (50-60)",                                  # a bare range needs a unit on the value
    "mean age 5 years (range 2-10)",                  # a data range, not a reference range
    "odds ratio 2.1 (95% CI 1.2-3.4)",
    "ALT 300 (normal 400-100)",                       # not a range
    "sodium 128, 135 patients",                       # after a comma only with a label
    "grade 3 (L), stage 2 - low risk",                # a letter or a dash flags only a value with a unit
    "glucose 5.1 mmol/L, Hb 12.1 g/dL, CK 450 U/L",   # within the limits (CK: above the range, not 5×)
    "CK 1,500 U/L, normal 0-2000",                    # a stated range wins over the limits
    "Hb 8.9-10.2 g/dL",                               # an interval
    "glucose 1.9 mg/mL",                              # a unit the table does not convert
    "amylase 2,100 U/L",                              # an analyte without limits
    "glucose 1.9 mmol/L (day 3), ammonia 140 µmol/L (normal for a neonate)",  # a bracket that judges or dates
    "",
])
def test_values_within_or_without_a_range_give_nothing(text):
    assert values(text) == []


def test_text_full_of_cues_stays_linear():
    assert find_lab_values("normal (normal) mmol/L " * 50_000) == []
    many = find_lab_values("CK 900 U/L (normal < 200). " * 5_000)
    assert len(many) == 5_000


@pytest.mark.parametrize("name, expected", [
    ("Increased circulating lactate concentration", "Increased lactate"),
    ("High blood ammonia levels", "High ammonia"),
    ("Elevated serum ALT", "Elevated ALT"),
    ("Low platelet count", "Low platelet"),
    ("Decreased level of 1,5-anhydro-D-glucitol in serum", "Decreased level of 1,5-anhydro-D-glucitol"),
    ("Increased blood pressure", None),        # "blood" is a specimen only before a noun of value
    ("Elevated plasma cell count", None),      # a plasma cell is no specimen
    ("Low sperm count", None),                 # not a blood count
    ("Decreased tooth count", None),
])
def test_laboratory_names_without_their_specimen(name, expected):
    assert _without_specimen(name.split()) == expected


@pytest.fixture(scope="module")
def rec(default_kg):
    return ConceptRecognizer(default_kg).build()


@pytest.mark.parametrize("text, hpo_id", [
    ("elevated lactate", "HP:0002151"),        # Increased circulating lactate concentration
    ("increased ammonia", "HP:0001987"),       # Hyperammonemia ("High blood ammonia levels")
    ("low sodium", "HP:0002902"),              # Hyponatremia ("Low blood sodium levels")
    ("elevated CK", "HP:0003236"),             # "Increased serum CK", another direction, no specimen
    ("raised serum CK", "HP:0003236"),
    ("elevated ALT", "HP:0031964"),
    ("increased TSH", "HP:0002925"),           # "High TSH"
    ("low platelets", "HP:0001873"),           # Thrombocytopenia ("Low platelet count")
    ("Increased blood pressure", "HP:0032263"),
    ("deranged liver function tests", "HP:0002910"),  # "deranged" is one more word for "abnormal"
    ("deranged renal function", "HP:0012211"),
    ("MPV 12.9 fL (↑)", "HP:0011877"),          # Increased mean platelet volume, by its abbreviation
])
def test_laboratory_names_as_clinicians_write_them(rec, text, hpo_id):
    assert [(f.hpo_id, f.text) for f in rec.recognize(text)] == [(hpo_id, text)]


@pytest.mark.parametrize("text, hpo_id, mention", [
    # an acronym through a copula, written in capitals
    ("CK was elevated.", "HP:0003236", "CK was elevated"),
    ("TSH was high.", "HP:0002925", "TSH was high"),
    # the noun of value is passed over ("levels", "concentration")
    ("Serum creatine kinase levels were markedly elevated.", "HP:0003236",
     "Serum creatine kinase levels were markedly elevated"),
    ("Ammonia levels were high.", "HP:0001987", "Ammonia levels were high"),
    # ... or kept where the name has it
    ("Reduced hemoglobin concentration.", "HP:0020062", "Reduced hemoglobin concentration"),
    # a final "A" is the letter: "hemoglobin" alone is not Reduced hemoglobin A
    ("Hemoglobin was low.", "HP:0001903", "Hemoglobin was low"),  # Anemia
    ("Reduced hemoglobin A.", "HP:0011905", "Reduced hemoglobin A"),
    ("Low vitamin A.", "HP:0004905", "Low vitamin A"),
])
def test_laboratory_predicates(rec, text, hpo_id, mention):
    assert [(f.hpo_id, f.text) for f in rec.recognize(text)] == [(hpo_id, mention)]


@pytest.mark.parametrize("text, expected", [
    # a list of analytes shares its direction word, acronyms included
    ("Elevated creatine kinase and lactate.", {"HP:0003236", "HP:0002151"}),
    ("Elevated ALT and AST.", {"HP:0031964", "HP:0031956"}),
    ("ALT and AST elevated.", {"HP:0031964", "HP:0031956"}),
    ("High cholesterol and triglycerides.", {"HP:0003124", "HP:0002155"}),
])
def test_laboratory_lists(rec, text, expected):
    assert {f.hpo_id for f in rec.recognize(text)} == expected


def test_laboratory_predicates_need_the_acronym_and_the_specimen(rec):
    assert rec.recognize("the ck was elevated.") == []  # lower case: no acronym
    # urine's glycine is not Hyperglycinemia
    assert [f.hpo_id for f in rec.recognize("Increased glycine in the urine.")] == ["HP:0003108"]
    assert [f.hpo_id for f in rec.recognize("Increased glycine in plasma.")] == ["HP:0002154"]
    # an adverb ending an order-free match: not also EEG abnormality "EEG with abnormally"
    assert [f.hpo_id for f in rec.recognize("No EEG with abnormally slow frequencies.")] == ["HP:0011203"]


def test_no_laboratory_reading_from_other_words(rec):
    # a first version dropped "plasma" from "Elevated plasma cell count": "increased cell" matched
    assert rec.recognize("suggests that increased cell killing after radiation") == []


def test_recognizer_reads_laboratory_values_with_context(rec):
    text = ("Laboratory studies showed ammonia 180 µmol/L (reference 11–32), lactate 4.5 mmol/L (0.5-2.2) "
            "and potassium 4.1 mmol/L (3.5–5.0). Creatine kinase was 2,500 U/L (normal < 200). "
            "Hemoglobin 7.2 g/dL (normal 12–16 g/dL), platelets 45 x10^9/L (150-400). "
            "His father's CK was 900 U/L (normal <200). TSH 25 mIU/L (0.4-4.0).")
    found = rec.recognize(text)
    for f in found:
        assert text[f.start:f.end] == f.text
    got = {(f.hpo_id, f.status, f.subject, f.method) for f in found}
    assert got == {
        ("HP:0001987", "present", "patient", "measurement"),   # Hyperammonemia
        ("HP:0002151", "present", "patient", "measurement"),   # Increased circulating lactate concentration
        ("HP:0003236", "present", "patient", "measurement"),   # Elevated circulating creatine kinase
        ("HP:0001903", "present", "patient", "measurement"),   # Anemia ("Decreased hemoglobin")
        ("HP:0001873", "present", "patient", "measurement"),   # Thrombocytopenia
        ("HP:0003236", "present", "family", "measurement"),    # the father's
        ("HP:0002925", "present", "patient", "measurement"),   # Elevated circulating TSH
    }
    ck = next(f for f in found if f.hpo_id == "HP:0003236" and f.subject == "patient")
    assert ck.text == "Creatine kinase was 2,500 U/L (normal < 200)"   # the closing bracket included


def test_analytes_hpo_has_no_term_for_give_nothing(rec):
    assert rec.recognize("Zinc protoporphyrin 300 units (normal < 40).") == []


def test_laboratory_values_can_be_switched_off(default_kg):
    rec = ConceptRecognizer(default_kg, measurements=False).build()
    assert rec.recognize("Creatine kinase was 2,500 U/L (normal < 200).") == []


def test_a_colon_inside_a_word_is_no_clause_break(rec):
    # "2:1" once cut the sentence, so the negation missed the block and it read as present
    got = {(f.hpo_id, f.status) for f in rec.recognize("There is no 2:1 atrioventricular block.")}
    assert got == {("HP:0034305", "excluded"), ("HP:0001678", "excluded")}
    got = [(f.hpo_id, f.text) for f in rec.recognize("an elevated lactate:pyruvate ratio")]
    assert got == [("HP:0032653", "elevated lactate:pyruvate ratio")]


def test_abbreviations_that_notes_use_otherwise_are_no_finding(rec):
    # HPO lists "LFT" for Filum terminale lipoma, "BPD" for Borderline personality disorder
    # ("deranged LFTs" is the lexicon's name for raised transaminases, never the lipoma)
    assert [f.hpo_id for f in rec.recognize("The LFTs were deranged. An LFT was repeated.")] == ["HP:0002910"]
    assert [f.hpo_id for f in rec.recognize("The preterm infant had BPD.")] == ["HP:0001622"]  # Premature birth
    assert "HP:0012076" in {f.hpo_id for f in rec.recognize("She has borderline personality disorder.")}
    assert "HP:6000184" in {f.hpo_id for f in rec.recognize("a lipoma of the filum terminale")}


@pytest.mark.parametrize("text, expected", [
    ("On admission glucose was 1.9 mmol/L, ammonia 140 µmol/L and CK 48,000 U/L.",
     [("HP:0001943", "glucose was 1.9 mmol/L"), ("HP:0001987", "ammonia 140 µmol/L"),
      ("HP:0003236", "CK 48,000 U/L")]),
    ("Hb 8.9 g/dL and platelets 60 x10^9/L.", [("HP:0001903", "Hb 8.9 g/dL"), ("HP:0001873", "platelets 60 x10^9/L")]),
    ("LDH 980 U/L (elevated)", [("HP:0025435", "LDH 980 U/L (elevated)")]),
    ("Her glucose was 5.1 mmol/L and Hb 12.1 g/dL.", []),
    ("HCO3 13 mEq/L, calcium 1.62 mmol/L, albumin 19 g/L, uric acid 12.3 mg/dL, TSH 45 mIU/L.",
     [("HP:0032066", "HCO3 13 mEq/L"), ("HP:0002901", "calcium 1.62 mmol/L"), ("HP:0003073", "albumin 19 g/L"),
      ("HP:0002149", "uric acid 12.3 mg/dL"), ("HP:0002925", "TSH 45 mIU/L")]),
    ("calcium 12.4 mg/dL", [("HP:0003072", "calcium 12.4 mg/dL")]),
    ("The platelet count was 48 × 10⁹/L and WBC 2.3 K/uL.",   # superscript powers, K/µL
     [("HP:0001873", "platelet count was 48 × 10⁹/L"), ("HP:0001882", "WBC 2.3 K/uL")]),
    ("lymphocyte count was 0.5 x 10^9/L; MCV 68 fL", [("HP:0001888", "lymphocyte count was 0.5 x 10^9/L"),
                                                     ("HP:0025066", "MCV 68 fL")]),
    ("lymphocytes 2.5 x 10^9/L, MCV 82 fL", []),
    ("platelet count 48 x 10^3/uL; eosinophil count of 2.1 × 10^9/L",
     [("HP:0001873", "platelet count 48 x 10^3/uL"), ("HP:0001880", "eosinophil count of 2.1 × 10^9/L")]),
    ("MCV 121 fL (ref 88-110 for age); uric acid 1.0 mg/dL (ref 2.0-5.5)",   # a range "for age"
     [("HP:0005518", "MCV 121 fL (ref 88-110 for age)"), ("HP:0003537", "uric acid 1.0 mg/dL (ref 2.0-5.5)")]),
    # serum's limits: not a urine value, an ionised fraction or a dose
    ("Urine sodium 10 mEq/L, ionised calcium 1.15 mmol/L; started on sodium bicarbonate 10 mmol.", []),
    ("Ionised calcium 0.82 mmol/L with tetany.", [("HP:0002901", "Ionised calcium 0.82 mmol/L"),
                                                 ("HP:0001281", "tetany")]),
    ("TSH 6.1 mIU/L, calcium 2.31 mmol/L, albumin 31 g/L, bicarbonate 19 mmol/L, urate 450 µmol/L", []),
])
def test_laboratory_values_without_a_range(rec, text, expected):
    assert [(f.hpo_id, f.text) for f in rec.recognize(text)] == expected


def test_a_relatives_laboratory_value_is_the_relatives(rec):
    (f,) = rec.recognize("The mother's glucose was 1.9 mmol/L.")
    assert (f.hpo_id, f.subject) == ("HP:0001943", "family")


@pytest.mark.parametrize("text, expected", [
    # an arrow after any value, a bracketed arrow or the laboratory's letter after a value with a unit
    ("FBC: WCC 1.2 ↓, lymphs 0.6 ↓, ANC 0.1 ↓, eos 0 ↓.",
     [("HP:0001882", "WCC 1.2 ↓"), ("HP:0001888", "lymphs 0.6 ↓"), ("HP:0001875", "ANC 0.1 ↓"),
      ("HP:0031891", "eos 0 ↓")]),
    ("IgE 2,300 kU/L (↑), IgM 0.2 g/L ↓", [("HP:0003212", "IgE 2,300 kU/L (↑)"),
                                          ("HP:0002850", "IgM 0.2 g/L ↓")]),
    ("Hb 98 g/L (L)", [("HP:0001903", "Hb 98 g/L (L)")]),
    # a word flags a value with or without its unit (notes leave the usual units out)
    ("WCC 2.8 (low); Hb 8.7 g/dL - low", [("HP:0001882", "WCC 2.8 (low)"), ("HP:0001903", "Hb 8.7 g/dL - low")]),
    ("monos 0.05 ↓, fT4 8 pmol/L (↓)", [("HP:0012312", "monos 0.05 ↓"),
                                      ("HP:0033078", "fT4 8 pmol/L (↓)")]),
    ("K 2.6 mmol/L", [("HP:0002900", "K 2.6 mmol/L")]),                  # potassium by its symbol
    ("Random plasma glucose was 24.6 mmol/L.", [("HP:0003074", "Random plasma glucose was 24.6 mmol/L")]),
    ("BG 2.1 mmol/L", [("HP:0001943", "BG 2.1 mmol/L")]),
    ("HbA1c was 11.2%.", [("HP:0040217", "HbA1c was 11.2")]),
    ("Fasting glucose was 6.4 mmol/L.", [("HP:0003074", "Fasting glucose was 6.4 mmol/L")]),
    ("ALT was 96 U/L; ESR 65 mm/h.", [("HP:0031964", "ALT was 96 U/L"), ("HP:0003565", "ESR 65 mm/h")]),
    ("WBC 16.8 (H)", [("HP:0001974", "WBC 16.8 (H)")]),  # a blood count, which notes give without its unit
])
def test_flags_and_abbreviated_analytes_of_notes(rec, text, expected):
    assert [(f.hpo_id, f.text) for f in rec.recognize(text)] == expected


@pytest.mark.parametrize("text", [
    "Score 16.8 (H)",            # a letter flags only a value with a unit, or a blood count's
    "She had grade 2 (L) ptosis on the left.",
    "HbA1c was 5.4%.",
    "Fasting glucose was 5.4 mmol/L.",   # normal fasting: below 6.1 (random: below 11.1)
    "Random glucose was 6.4 mmol/L.",
    "ALT 52 U/L, ESR 30 mm/h.",          # above some adults' ranges, below the module's limits
])
def test_flags_that_say_nothing_of_a_lab_value(rec, text):
    assert [f.hpo_id for f in rec.recognize(text) if f.method == "measurement"] == []


def test_a_value_beyond_its_limit_is_not_undone_by_a_negation_before_it(rec):
    text = "There was complete absence of granulocytes on the film, platelets 22 x10^9/L."
    assert [(f.hpo_id, f.status) for f in rec.recognize(text)] == [("HP:0001873", "present")]


@pytest.mark.parametrize("text, expected", [
    ("Urine sodium 10 mmol/L (ref 20-40).", "HP:0012604"),           # Hyponatriuria, not Hyponatremia
    ("CSF lactate 3.6 mmol/L (elevated).", "HP:0002490"),            # Increased CSF lactate
    ("Urinary calcium 9.1 mmol/24h (ref 2.5-7.5).", "HP:0002150"),   # Hypercalciuria
    ("Sodium 126 mmol/L (ref 135-145).", "HP:0002902"),              # the blood's without a specimen
])
def test_another_specimens_analyte_is_not_named_as_the_bloods(rec, text, expected):
    assert [f.hpo_id for f in rec.recognize(text)] == [expected]


def test_hba1c_in_ifcc_units(rec):
    assert [f.hpo_id for f in rec.recognize("HbA1c of 74 mmol/mol.")] == ["HP:0040217"]
    assert rec.recognize("HbA1c 38 mmol/mol.") == []


@pytest.mark.parametrize("text, expected", [
    ("Peak GH 2.1 ug/L after arginine.", ["HP:0034323"]),     # Reduced circulating growth hormone concentration
    ("Peak growth hormone 12 ng/mL.", []),
    ("Platelet count of 712 x 10^9/L.", ["HP:0001894"]),       # Thrombocytosis
    ("Platelets 450 x 10^9/L.", []),
])
def test_limits_of_peak_growth_hormone_and_platelets(rec, text, expected):
    assert [f.hpo_id for f in rec.recognize(text)] == expected


@pytest.mark.parametrize("text, hpo", [
    ("Total bilirubin 52 micromol/L (raised).", "HP:0003573"),   # a unit of eight letters
    ("Serum erythropoietin 96 IU/L, well above the reference range.", "HP:0033644"),
    ("Serum IgA 0.1 g/L (below the normal range).", "HP:0002720"),
    ("Plasma ammonia up to 148 µmol/L.", "HP:0001987"),
    ("CK has been measured at 18,900 IU/L.", "HP:0003236"),
])
def test_lab_values_of_the_twenty_ninth_session(rec, text, hpo):
    assert [(f.hpo_id, f.status) for f in rec.recognize(text)] == [(hpo, "present")]


def test_a_range_named_in_words_needs_a_value_with_a_unit_or_an_analyte(rec):
    assert rec.recognize("There were 52 patients/year above the reference range.") == []
