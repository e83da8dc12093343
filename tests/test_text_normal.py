"""Statements that something was found normal (kgmed.text.normal) and their readings as
excluded abnormalities through the recognizer."""

from __future__ import annotations

import pytest

from kgmed.text import ConceptRecognizer
from kgmed.text.normal import find_normal_subjects


def subjects(text):
    return [text[s.start:s.end] for s in find_normal_subjects(text) if s.kind == "normal"]


@pytest.mark.parametrize("text, expected", [
    ("IgG normal; CK normal.", ["IgG", "CK"]),
    ("Serum IgG, IgA and IgM were normal for age.", ["Serum IgG", "IgA", "IgM"]),
    ("Hearing normal on audiogram.", ["Hearing"]),
    ("whereas myelination was normal", ["myelination"]),
    ("ALT was within normal limits", ["ALT"]),
    ("Skeletal survey NAD.", ["Skeletal survey"]),
    # a singular copula takes one subject: the rest is another clause
    ("She has seizures and hearing was normal.", ["hearing"]),
    ("She has seizures, hearing was normal.", ["hearing"]),
    ("FBC: Hb normal, WCC normal.", ["Hb", "WCC"]),
    # a report of the statement ("was reported as", "was felt to be")
    ("Sleep was reported as normal.", ["Sleep"]),
    ("Fetal movements were reported to be normal.", ["Fetal movements"]),
    ("Her hearing was felt to be normal.", ["hearing"]),
    # attributive "normal" and a denial are no statement of normality
    ("The patients had normal hearing.", []),
    ("It was normal hearing that she lacked.", []),
    ("Her hearing was not normal.", []),
    ("Abnormal.", []),
    # said of another noun, or not plainly normal
    ("The volume of the red blood cells is normal.", []),
    ("The relationship between talus and calcaneus is normal.", []),
    ("Tone in the limbs was normal.", []),
    ("The MCV is normal or low.", []),
    ("Angle of the pituitary fossa normal: 125-143 degrees.", []),
])
def test_subjects_of_statements_of_normality(text, expected):
    assert subjects(text) == expected


@pytest.fixture(scope="module")
def rec(default_kg):
    return ConceptRecognizer(default_kg).build()


@pytest.mark.parametrize("text, expected", [
    ("Ix: IgG normal; T cell numbers normal.",
     [("HP:0410242", "IgG normal"), ("HP:0011839", "T cell numbers normal")]),
    ("Serum IgG, IgA and IgM were normal for age.",
     [("HP:0410242", "IgG"), ("HP:0410240", "IgA"), ("HP:0410243", "IgM")]),
    ("Hair normal. Nails normal.", [("HP:0001595", "Hair normal"), ("HP:0002164", "Nails normal")]),
    ("Brain MRI showed no cerebellar atrophy, whereas myelination was normal.",
     [("HP:0001272", "cerebellar atrophy"), ("HP:0002188", "myelination was normal")]),
    # a lexicon's statement of absence is preferred: "normal hearing" is Hearing impairment excluded
    ("Hearing normal on testing.", [("HP:0000365", "Hearing normal")]),
    ("His height and head circumference are within the normal range.",
     [("HP:0000098", "height"), ("HP:0004322", "height"), ("HP:0000252", "head circumference"),
      ("HP:0000256", "head circumference")]),
    ("FBC: Hb normal, WCC normal.", [("HP:0011902", "Hb normal"), ("HP:0001882", "WCC normal"),
                                     ("HP:0001974", "WCC normal"), ("HP:0011893", "WCC normal")]),
    ("Cranial nerves intact.", [("HP:0001291", "Cranial nerves intact")]),
    # "age-appropriate" of a skill is its development: Delayed speech and language development
    ("Speech was age appropriate.", [("HP:0000750", "Speech was age appropriate")]),
    ("Speech was normal.", [("HP:0002167", "Speech was normal")]),
    ("Ejection fraction was preserved.", [("HP:0012664", "Ejection fraction was preserved")]),
    # no "abnormal X": a normal value excludes both directions HPO names
    ("Ammonia normal; ALT was within normal limits.",
     [("HP:0001987", "Ammonia normal"), ("HP:0031964", "ALT was within normal limits")]),
    ("Triglycerides normal.", [("HP:0002155", "Triglycerides normal"), ("HP:0012153", "Triglycerides normal")]),
    # the whole subject, never a shorter one ("movements")
    ("Fetal movements were normal.", [("HP:0001558", "Fetal movements were normal"),
                                      ("HP:0010519", "Fetal movements were normal")]),
    # a list with one predicate of direction, read item by item
    ("Immunoglobulins: IgG, IgA and IgE were not raised.",
     [("HP:0003237", "IgG"), ("HP:0003261", "IgA"), ("HP:0003212", "IgE were not raised")]),
    ("Serum IgA and IgM concentrations were within normal limits.",
     [("HP:0410240", "IgA"), ("HP:0410243", "IgM concentrations")]),
    ("IgG & IgA nl for age.", [("HP:0410242", "IgG"), ("HP:0410240", "IgA")]),
    # a value its laboratory flags normal; "nml"; "normally formed" (the morphology)
    ("IgE 38 IU/mL (normal); LH 4.2 IU/L (N).",
     [("HP:0410241", "IgE 38 IU/mL (normal)"), ("HP:0011969", "LH 4.2 IU/L (N)")]),
    ("His nails were normally formed.", [("HP:0002164", "nails were normally formed")]),
    ("Reflexes were normoactive.", [("HP:0031826", "Reflexes were normoactive")]),
    # the lexicon's statements of absence
    ("Vitals: afebrile. Nipples everted. Ductus closed. Normal LV wall thickness.",
     [("HP:0001945", "afebrile"), ("HP:0003186", "Nipples everted"), ("HP:0001643", "Ductus closed"),
      ("HP:0001712", "Normal LV wall thickness")]),
    ("Hearing screening was passed. Sleeps well. Fed well. Eyes aligned. Mouth closed at rest. No reflux.",
     [("HP:0000365", "Hearing screening was passed"), ("HP:0002360", "Sleeps well"), ("HP:0011968", "Fed well"),
      ("HP:0000486", "Eyes aligned"), ("HP:0000194", "Mouth closed"), ("HP:0002020", "reflux")]),
    # "nl set", "globally normal", "of normal dimensions", a centile as "%ile"
    ("Ears nl set. Development globally normal. Aortic root of normal dimensions. Ht 50th %ile.",
     [("HP:0000369", "Ears nl set"), ("HP:0001263", "Development globally normal"),
      ("HP:0002616", "Aortic root of normal dimensions"), ("HP:0000098", "Ht 50th %ile"),
      ("HP:0004322", "Ht 50th %ile")]),
    # "formal" and "recent" are passed over; the eyes straight; development on track
    ("Formal audiology normal. The eyes are straight. Development on track.",
     [("HP:0000365", "Formal audiology normal"), ("HP:0000486", "eyes are straight"),
      ("HP:0001263", "Development on track")]),
])
def test_statements_of_normality_exclude_the_abnormality(rec, text, expected):
    found = rec.recognize(text)
    assert [(f.hpo_id, f.text) for f in found] == expected
    assert all(f.status == "excluded" for f in found)


@pytest.mark.parametrize("text, expected", [
    # a dimension found normal excludes both ends HPO names; a position, its displacements
    ("A cranial MRI showed that the ventricles were normal in size.",
     {("HP:0002119", "ventricles were normal in size")}),
    ("The forehead was of normal width.",
     {("HP:0000337", "forehead was of normal width"), ("HP:0000341", "forehead was of normal width")}),
    ("Skin of normal thickness.", {("HP:0000963", "Skin of normal thickness"),
                                   ("HP:0001072", "Skin of normal thickness")}),
    ("The ears were normally set.", {("HP:0000369", "ears were normally set")}),
    ("Philtrum nml length.", {("HP:0000322", "Philtrum nml length"), ("HP:0000343", "Philtrum nml length")}),
    # a part found present excludes its absence (not its hypoplasia); a finding "present" is present
    ("The corpus callosum is present and normally formed.",
     {("HP:0001274", "corpus callosum is present"), ("HP:0001273", "normally formed")}),
    ("Radii were present bilaterally on radiographs.", {("HP:0003974", "Radii were present")}),
])
def test_normal_dimensions_positions_and_parts(rec, text, expected):
    found = rec.recognize(text)
    assert {(f.hpo_id, f.text) for f in found} == expected
    assert all(f.status == "excluded" for f in found)


@pytest.mark.parametrize("text", ["Hypotonia was present.", "Sparse, curly hair has been present since infancy."])
def test_a_finding_said_to_be_present_is_no_statement_of_normality(rec, text):
    assert all(f.status == "present" for f in rec.recognize(text))


def test_a_list_raised_together_is_present(rec):
    found = rec.recognize("Lactate and pyruvate were both elevated from the newborn period.")
    assert [(f.hpo_id, f.status) for f in found] == [("HP:0002151", "present"), ("HP:0003542", "present")]


@pytest.mark.parametrize("text", [
    "Hand X-ray: bone age appropriate.",   # the bone age, not the bone
    "The karyotype was normal.",        # no HPO term for it
    "Movements of the cells were normal.",  # said of another noun
    "Seizures were normal.",            # no "abnormal seizures"
    "The protein was intact in the cells.",  # "intact" is said of no measured value
])
def test_subjects_hpo_has_no_abnormality_for_give_nothing(rec, text):
    assert [f for f in rec.recognize(text) if f.status == "excluded"] == []


def test_a_relatives_normal_finding_is_the_relatives(rec):
    (f,) = rec.recognize("Her mother's hearing was normal.")
    assert (f.hpo_id, f.status, f.subject) == ("HP:0000365", "excluded", "family")


@pytest.mark.parametrize("text, expected", [
    # a statement after a comma, "and" or "but" shares its clause's subject
    ("The ears were normally sized, normally set and normally rotated.",
     {("HP:0000400", "ears were normally sized"), ("HP:0008551", "ears were normally sized"),
      ("HP:0000369", "normally set"), ("HP:0000358", "normally rotated")}),
    ("Her ears are of normal size and are normally positioned.",
     {("HP:0000400", "ears are of normal size"), ("HP:0008551", "ears are of normal size"),
      ("HP:0000369", "normally positioned")}),
    ("Both thumbs were present and of normal length.",
     {("HP:0009777", "thumbs were present"), ("HP:0009778", "of normal length"),
      ("HP:0032524", "of normal length")}),
    ("Palate intact and normally arched.", {("HP:0000175", "Palate intact"), ("HP:0000218", "normally arched")}),
])
def test_a_statement_shares_its_clauses_subject(rec, text, expected):
    found = rec.recognize(text)
    assert {(f.hpo_id, f.text) for f in found} == expected
    assert all(f.status == "excluded" for f in found)


@pytest.mark.parametrize("text, absent", [
    ("The ears were cup-shaped but normally set.", "HP:0000369"),
    ("Ears: cupped, lacking antihelical fold; normally set.", "HP:0000369"),
    ("Hearing was assessed last year and was normal bilaterally.", "HP:0000365"),
])
def test_a_shared_subject_across_other_predicates(rec, text, absent):
    assert absent in {f.hpo_id for f in rec.recognize(text) if f.status == "excluded"}


def test_no_shared_subject_for_the_rest_or_a_list(rec):
    found = rec.recognize("MRI brain: thin corpus callosum; otherwise normal.")  # the rest, not the brain
    assert [(f.hpo_id, f.status) for f in found] == [("HP:0033725", "present")]
    found = rec.recognize("Tests, including lactate and pyruvate, were all normal.")  # a list's own copula
    assert ("HP:0003542", "excluded") in {(f.hpo_id, f.status) for f in found}


@pytest.mark.parametrize("text, hpo", [
    # a lexicon's order-free "visual acuity normal" without a copula says nothing, and hides
    # nothing: the list's item is read
    ("Baseline LFTs, creatinine and visual acuity normal.", "HP:0007663"),
    ("The mandible was well positioned.", "HP:0000278"),  # Retrognathia
    ("Eyebrows normally arched.", "HP:0002553"),  # Highly arched eyebrow
    # the test a sense was found normal by; an adverb; a time or an aside between the
    # subject and its predicate
    ("Hearing intact to whispered voice bilaterally.", "HP:0000365"),
    ("Hearing grossly normal.", "HP:0000365"),
    ("Her hearing test last month was normal.", "HP:0000365"),
    ("ABR at 4 months was normal bilaterally.", "HP:0000365"),
    ("Her intellect, however, is normal.", "HP:0001249"),
    # brackets, a date, or how the test was done, between the subject and its predicate
    ("Ix: EEG (awake + sleep) normal.", "HP:0002353"),
    ("An EEG performed last year was normal.", "HP:0002353"),
    ("Nerve conduction studies (outpatient): normal.", "HP:0030177"),
    # "unproblematic", "uneventful": of a subject HPO names an abnormality for
    ("Feeding in infancy was unproblematic.", "HP:0011968"),
    ("Feeding was uneventful in infancy.", "HP:0011968"),
    ("Swallowing without difficulty.", "HP:0002015"),
    ("Weight gain had been satisfactory throughout.", "HP:0001508"),  # Failure to thrive
    ("He always gained weight well.", "HP:0001508"),
    # a colon before words says how, not a label
    ("Her early development was entirely normal: she sat and walked at the expected ages.", "HP:0001263"),
    ("Cognition appears age-appropriate per parents.", "HP:0001249"),
])
def test_more_statements_of_normality(rec, text, hpo):
    assert hpo in {f.hpo_id for f in rec.recognize(text) if f.status == "excluded"}


@pytest.mark.parametrize("text", ["Upper lids at normal height.", "Upper lip vermilion normal height.",
                                  "The palatal arch height was normal."])
def test_a_height_of_a_part_is_no_stature(rec, text):
    assert not {"HP:0004322", "HP:0000098", "HP:0000002"} & {f.hpo_id for f in rec.recognize(text)}


def test_the_patients_normal_height(rec):
    assert {f.hpo_id for f in rec.recognize("She has normal height.") if f.status == "excluded"} == {
        "HP:0004322", "HP:0000098"}


def test_a_normal_measure_excludes_both_ends_unless_an_end_is_read_present(rec):
    found = {(f.hpo_id, f.status) for f in rec.recognize("Tone normal. Height 50th centile.")}
    assert found == {("HP:0001252", "excluded"), ("HP:0001276", "excluded"), ("HP:0004322", "excluded"),
                     ("HP:0000098", "excluded")}
    found = {(f.hpo_id, f.status) for f in rec.recognize(
        "His head circumference was normal at birth but fell to -3.1 SD by age 2.")}
    assert found == {("HP:0000252", "present"), ("HP:0000256", "excluded")}  # the measure changed


def test_a_denied_grouping_term_stays_as_named(rec):
    found = {(f.hpo_id, f.status) for f in rec.recognize("No abnormality of skull size.")}
    assert ("HP:0000240", "excluded") in found and ("HP:0000252", "excluded") not in found


@pytest.mark.parametrize("text", ["Pregnancy was uneventful.", "The neonatal period was uneventful."])
def test_an_uneventful_time_excludes_nothing(rec, text):
    assert rec.recognize(text) == []


def test_weight_gain_is_no_increased_body_weight(rec):
    # HPO's "Weight gain" (a name of *Increased body weight*) is mostly an infant's growth
    assert rec.recognize("She is feeding and gaining weight along her centile.") == []
    assert [(f.hpo_id, f.status) for f in rec.recognize("He has never gained weight well.")] == [
        ("HP:0001508", "present")]
    assert [f.hpo_id for f in rec.recognize("Excessive weight gain from the first year of life.")] == [
        "HP:0004324"]


def test_the_subject_of_a_statement_of_normality_is_not_read_present(rec):
    # HPO names *Lumbar hyperlordosis* "lumbar lordosis": the statement says there is none
    found = {(f.hpo_id, f.status) for f in rec.recognize("Lumbar lordosis normal.")}
    assert found == {("HP:0002938", "excluded"), ("HP:0034770", "excluded")}
    # a finding of its own inside the statement stays
    found = {(f.hpo_id, f.status) for f in rec.recognize("Broad philtrum of normal length.")}
    assert ("HP:0000289", "present") in found


@pytest.mark.parametrize("text, hpo", [("Groin clear of freckles.", "HP:0001480"),
                                       ("The genital skin was clear of warts.", "HP:0200043")])
def test_clear_of_denies(rec, text, hpo):
    assert [(f.hpo_id, f.status) for f in rec.recognize(text)] == [(hpo, "excluded")]


def test_a_list_in_brackets_is_not_passed_over(rec):
    """"Bloods (FBC, U&E, LFTs) normal" says the blood tests were normal, not the blood."""
    assert not [f for f in rec.recognize("Bloods (FBC, U&E, LFTs) normal.") if f.hpo_id == "HP:0001871"]


@pytest.mark.parametrize("text, hpo", [
    ("An EEG performed last year was reported as abnormal.", "HP:0002353"),
    ("The EEG recorded at diagnosis was abnormal.", "HP:0002353"),
    ("EEG 03/24: abnormal - see report.", "HP:0002353"),
    ("MRI brain (2y) abnormal.", "HP:0410263"),
    ("Interictal EEG recordings were repeatedly abnormal.", "HP:0025373"),
])
def test_a_subject_found_abnormal_is_present(rec, text, hpo):
    assert {f.status for f in rec.recognize(text) if f.hpo_id == hpo} == {"present"}


@pytest.mark.parametrize("text", ["The EEG was not abnormal.", "No abnormal oligosaccharide bands were seen."])
def test_a_denied_or_attributive_abnormal_is_no_present_statement(rec, text):
    assert "present" not in {f.status for f in rec.recognize(text) if f.hpo_id in ("HP:0002353", "HP:0010473")}


@pytest.mark.parametrize("text, hpo, status", [
    # "patent": the lexicon's statement of absence by that word, also as a clause's second predicate
    ("The anus was normally sited and patent.", "HP:0002023", "excluded"),
    ("Choanae were patent.", "HP:0000453", "excluded"),
    ("The ductus arteriosus was patent.", "HP:0001643", "present"),   # a finding: its absence is "closed"
    # a vessel of normal calibre is neither dilated nor hypoplastic
    ("The aortic arch was of normal calibre.", "HP:0012304", "excluded"),
])
def test_patent_and_normal_calibre(rec, text, hpo, status):
    assert {f.status for f in rec.recognize(text) if f.hpo_id == hpo} == {status}


@pytest.mark.parametrize("text, hpo", [
    ("OFC at birth normal.", "HP:0011451"),   # the head at birth: Primary microcephaly
    ("Her head circumference at birth was within the normal range.", "HP:0011451"),
    ("Hearing at birth was normal.", "HP:0000365"),   # no name has "at birth": the sense's
])
def test_a_subject_at_birth(rec, text, hpo):
    found = {f.hpo_id for f in rec.recognize(text) if f.status == "excluded"}
    assert hpo in found
    assert "HP:0000252" not in found   # not *Microcephaly*, which may come later


@pytest.mark.parametrize("text, ids", [
    ("The platelet count was normal.", {"HP:0011873", "HP:0001873", "HP:0001894"}),
    ("White cell count was normal.", {"HP:0011893", "HP:0001882", "HP:0001974"}),
    ("Neutrophil count normal.", {"HP:0011991", "HP:0001875", "HP:0011897"}),
])
def test_a_normal_blood_count_excludes_both_ends_and_keeps_its_group(rec, text, ids):
    assert {f.hpo_id for f in rec.recognize(text) if f.status == "excluded"} == ids


@pytest.mark.parametrize("text, expected", [
    # a subject that ends with its dimension is a statement of that dimension: both ends
    ("Palpebral fissure length was normal.", {"HP:0000637", "HP:0012745"}),
    ("PF length normal.", {"HP:0000637", "HP:0012745"}),
    ("Normal PF length.", {"HP:0000637", "HP:0012745"}),
    ("LV size normal.", {"HP:4000141"}),
])
def test_a_subjects_dimension_found_normal(rec, text, expected):
    found = {f.hpo_id for f in rec.recognize(text) if f.status == "excluded"}
    assert expected <= found
