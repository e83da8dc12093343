"""The clinical lexicon (kgmed.text.lexicon): its file, its names read by every tier on
real sentences, person adjectives, statements of absence, and a site's own lexicon."""

from __future__ import annotations

import json

import pytest

from kgmed.errors import InputError
from kgmed.text import ConceptRecognizer
from kgmed.text.lexicon import DEFAULT_LEXICON, read_lexicon
from kgmed.text.normalize import tokenize


@pytest.fixture(scope="module")
def rec(default_kg):
    return ConceptRecognizer(default_kg).build()


def found(rec, text):
    """{hpo_id: status} of the patient's findings (offsets checked)."""
    fs = rec.recognize(text)
    assert all(text[f.start:f.end] == f.text for f in fs)
    return {f.hpo_id: f.status for f in fs if f.subject == "patient"}


def test_every_name_of_the_shipped_lexicon_is_a_phenotype_of_the_default_kg(default_kg):
    entries = read_lexicon(DEFAULT_LEXICON)
    assert len(entries) > 500
    root = default_kg.index("HP:0000118")  # Phenotypic abnormality
    for e in entries:
        assert e.hpo_id in default_kg, e.source
        row = default_kg.index(default_kg.resolve(e.hpo_id))
        assert root in set(default_kg.ancestor_rows(row).tolist()), f"{e.source}: {e.hpo_id} is no phenotype"
    # as the dictionary normalises them; a contextual name may name two terms ("MR": mitral
    # regurgitation, intellectual disability), read as the one its line's findings point to
    keys = [" ".join(tokenize(e.name).norms) for e in entries if not e.contextual]
    assert len(set(keys)) == len(keys), "a name is listed twice, or for two terms (then read as neither)"
    contextual = [(e.name, e.hpo_id) for e in entries if e.contextual]
    assert len(set(contextual)) == len(contextual)
    assert not {n for n, _ in contextual} & {e.name for e in entries if not e.contextual}


@pytest.mark.parametrize("line, message", [
    ("HP:0001263 global delay", "expected 'hpo_id<TAB>name"),
    ("HP:1263\tglobal delay", "is not an HPO id"),
    ("OMIM:154700\tMarfan", "is not an HPO id"),
    ("HP:0001263\t  ", "is empty"),
])
def test_malformed_lines_name_the_file_and_line(tmp_path, line, message):
    path = tmp_path / "site.tsv"
    path.write_text("# a comment\n\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=message) as err:
        read_lexicon(path)
    assert f"{path}:3" in str(err.value)


def test_a_missing_lexicon_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="cannot read the lexicon"):
        read_lexicon(tmp_path / "absent.tsv")


@pytest.mark.parametrize("text, hpo", [
    ("Her development was globally delayed.", "HP:0001263"),        # a predicate
    ("He has global delay and late motor milestones.", "HP:0001270"),
    ("She lost previously acquired skills at 2 years.", "HP:0002376"),
    ("He has mild ID.", "HP:0001256"),                                # an acronym in capitals
    ("He had runs of VT on Holter monitoring.", "HP:0004756"),
    ("MRI showed callosal hypoplasia.", "HP:0002079"),
    ("She has drooping eyelids.", "HP:0000508"),
    ("Brisk tendon reflexes and upgoing plantars.", "HP:0003487"),
    ("Plantar responses are upgoing.", "HP:0003487"),
    ("Echocardiography showed coarctation.", "HP:0001680"),
    ("He has a raised eosinophil count.", "HP:0001880"),
    # a note's shorthand: a lower-case two-letter name, and in compounds of the order-free tier
    ("2 sz per week.", "HP:0001250"),
    ("Sz: tonic sz and focal sz.", "HP:0007359"),
    ("ECG: LBBB, 1st degree AVB.", "HP:0011705"),
    ("Echo: dilated LV.", "HP:4000141"),
    ("MRI: thin CC.", "HP:0033725"),
    ("O/E: downslanting PFs.", "HP:0000494"),
    ("TTE: RVH, RA dilated.", "HP:0030718"),
    ("c/o SOB on exertion.", "HP:0002875"),
    # shorthand of notes (seventeenth session)
    ("FBC: Hb 112, Plt ↓, Neut ↑, eos ↑.", "HP:0001873"),        # analytes abbreviated, no value
    ("FBC: Hb 112, Plt ↓, Neut ↑, eos ↑.", "HP:0011897"),
    ("FBC: Hb 112, Plt ↓, Neut ↑, eos ↑.", "HP:0001880"),
    ("Bloods: CRP ↑↑, tHcy ↑↑.", "HP:0011227"),                    # a run of arrows is one arrow
    ("Bloods: CRP ↑↑, tHcy ↑↑.", "HP:0002160"),
    ("Obs: HR ↓ 48 bpm.", "HP:0001662"),
    ("Coag: PT 19.8 s ↑, APTT 52 s ↑, FVIII 38% ↓.", "HP:0003645"),
    ("Coag: PT 19.8 s ↑, APTT 52 s ↑, FVIII 38% ↓.", "HP:0003125"),
    ("On arrival he was dehydrated and hypotensive.", "HP:0001944"),
    ("On arrival he was dehydrated and hypotensive.", "HP:0002615"),
    ("Renal biopsy showed FSGS.", "HP:0000097"),
    ("Muscle biopsy: centrally nucleated fibers, type 1 fibre predominance.", "HP:0003687"),
    ("Muscle biopsy: centrally nucleated fibers, type 1 fibre predominance.", "HP:0003803"),
    ("Ankle jerks ↓ bilaterally.", "HP:0009072"),
])
def test_clinical_names_are_read(rec, text, hpo):
    assert found(rec, text).get(hpo) == "present"


@pytest.mark.parametrize("text, hpo, present", [
    ("She was floppy at birth.", "HP:0001252", True),
    ("A floppy infant.", "HP:0001252", True),
    ("Laryngomalacia with a floppy epiglottis.", "HP:0001252", False),   # said of a thing
    ("He is diabetic.", "HP:0000819", True),
    ("Signs of diabetic nephropathy were absent.", "HP:0000819", False),
    ("She was hypothyroid at 6 years.", "HP:0000821", True),
    ("He has a floppy mitral valve.", "HP:0001252", False),              # mitral valve prolapse
    ("He is short, with a height of 152 cm.", "HP:0004322", True),
    ("She is short of breath on exertion.", "HP:0004322", False),        # Dyspnea
    ("A short course of steroids was given.", "HP:0004322", False),
])
def test_person_adjectives(rec, text, hpo, present):
    assert (found(rec, text).get(hpo) == "present") is present


@pytest.mark.parametrize("text, hpo, status", [
    ("Hearing was normal.", "HP:0000365", "excluded"),
    ("She has normal intelligence.", "HP:0001249", "excluded"),
    ("Brain MRI was unremarkable.", "HP:0012443", "excluded"),
    ("The EEG was normal.", "HP:0002353", "excluded"),
    ("Hearing was not normal.", "HP:0000365", "present"),          # the negation of an absence
    ("Hearing and vision were normal.", "HP:0000505", "excluded"),
    ("Her hearing has been normal.", "HP:0000365", "excluded"),
    ("Platelet count was normal; CK was elevated.", "HP:0011873", "excluded"),  # Abnormal platelet count
    ("Echo: intact interatrial septum, no PDA.", "HP:0001631", "excluded"),      # the "intact" form
    ("She had intact hearing.", "HP:0000365", "excluded"),
])
def test_statements_of_absence(rec, text, hpo, status):
    assert found(rec, text).get(hpo) == status


def test_the_absence_of_normal_statements_leaves_other_findings_alone(rec):
    fs = found(rec, "Muscle tone was normal, but reflexes were brisk and she has seizures.")
    assert fs["HP:0001252"] == fs["HP:0001276"] == "excluded"  # normal tone: neither hypo- nor hypertonia
    assert fs["HP:0001348"] == "present" and fs["HP:0001250"] == "present"


def test_a_site_lexicon_replaces_the_default(default_kg, tmp_path):
    site = tmp_path / "site.tsv"
    site.write_text("HP:0001250\tfunny turns\tour clinic's word for seizures\n"
                    "HP:9999999\tunknown term\tskipped: not in this KG\n", encoding="utf-8")
    own = ConceptRecognizer(default_kg, lexicons=[site]).build()
    assert found(own, "He has funny turns.") == {"HP:0001250": "present"}
    assert "HP:0001263" not in found(own, "He has global delay.")  # the default lexicon is not read
    assert found(own, "He has global developmental delay.") == {"HP:0001263": "present"}


def test_cli_reads_a_site_lexicon_and_names_a_bad_line(default_kg, tmp_path):
    from typer.testing import CliRunner

    from kgmed.cli.main import _register, app

    _register()
    runner = CliRunner()
    site = tmp_path / "site.tsv"
    site.write_text("HP:0001250\tfunny turns\n", encoding="utf-8")
    r = runner.invoke(app, ["recognize", "--json", "--lexicon", str(site), "Funny turns and global delay."])
    assert r.exit_code == 0, r.output
    assert {f["hpo_id"] for f in json.loads(r.output)} == {"HP:0001250", "HP:0001263"}  # site + default
    bad = tmp_path / "bad.tsv"
    bad.write_text("HP:0001250 funny turns\n", encoding="utf-8")
    r = runner.invoke(app, ["recognize", "--lexicon", str(bad), "x"])
    assert r.exit_code != 0 and "bad.tsv:1" in r.output


def test_nil_negates_in_notes(rec):
    assert found(rec, "Nil sz, no febrile convulsions.").get("HP:0001250") == "excluded"


@pytest.mark.parametrize("text, hpo", [
    ("X-rays showed shortened femora.", "HP:0003097"),            # "shortened" is "short"
    ("There was shortening of the fourth metacarpals.", "HP:0010044"),
    ("The distal femoral metaphyses were widened.", "HP:0006387"),  # "widened" is "wide"
    ("Her cheekbones are flattened.", "HP:0000272"),
])
def test_a_dimension_named_by_its_change(rec, text, hpo):
    assert found(rec, text).get(hpo) == "present"


def test_pah_is_read_only_beside_findings_of_its_system(rec):
    assert found(rec, "Echo: dilated RV, TR, severe PAH.").get("HP:0002092") == "present"
    assert "HP:0002092" not in found(rec, "PAH enzyme activity was 5% of normal; she has seizures.")


@pytest.mark.parametrize("text, hpo, status", [
    ("Romberg +ve.", "HP:0002403", "present"),                         # "+ve" is "positive"
    ("Seizures -ve.", "HP:0001250", "excluded"),                        # "-ve" is "negative"
    ("Hearing ↓ - TV very loud, struggles in groups.", "HP:0000365", "present"),  # a spaced dash parts items
    ("Seizures - negative.", "HP:0001250", "excluded"),                 # … but stands for a copula before a predicate
    ("He remained nonverbal but communicated with gestures.", "HP:0001344", "present"),
    ("Philtrum is elongated but well grooved.", "HP:0000343", "present"),
    ("His development was globally delayed across motor, language and social domains.", "HP:0001263", "present"),
    ("Ix: lactate nl, plasma amino acids nl.", "HP:0002151", "excluded"),  # "nl" is "normal"
    ("Audiology: hearing normal B/L.", "HP:0000365", "excluded"),
    ("There was no shortening or lengthening of the philtrum.", "HP:0000343", "excluded"),
    ("Thyroid peroxidase antibodies were negative.", "HP:0025379", "excluded"),  # an antibody named alone
    ("Endomysial antibodies were positive.", "HP:0033637", "present"),
])
def test_notes_forms_of_the_seventeenth_session(rec, text, hpo, status):
    assert found(rec, text).get(hpo) == status


@pytest.mark.parametrize("text, hpo, status", [
    ("Proximal leg weakness.", "HP:0008994", "present"),
    ("Power in the legs was reduced.", "HP:0007340", "present"),
    ("Sensation intact (LT, PP, vibration, JPS).", "HP:0003474", "excluded"),
    ("Abdo protuberant.", "HP:0001538", "present"),                   # "abdo" is notes' "abdomen"
    ("The eyebrows meet in the midline.", "HP:0000664", "present"),
    ("ECG: AF with a rapid ventricular rate, LVH.", "HP:0005110", "present"),  # contextual: beside LVH
])
def test_examination_shorthand_of_the_seventeenth_session(rec, text, hpo, status):
    assert found(rec, text).get(hpo) == status


def test_af_alone_or_of_other_things_is_not_read(rec):
    assert "HP:0005110" not in found(rec, "AF index was normal on the antenatal scan.")


@pytest.mark.parametrize("text, hpo, status", [
    ("Both testes were descended.", "HP:0000028", "excluded"),      # a lexicon's own word of absence
    ("Testes descended bilaterally.", "HP:0000028", "excluded"),     # … in any order, without a copula
    ("Undescended testes.", "HP:0000028", "present"),                # (not the word "descended")
    ("The aortic valve is trileaflet.", "HP:0001647", "excluded"),
    ("MSK: spine straight.", "HP:0002650", "excluded"),
    ("Abdo: liver not palp, spleen not palp.", "HP:0002240", "excluded"),  # "palp" is "palpable"
    ("MRI: basal ganglia calcs.", "HP:0002135", "present"),           # "calcs" are calcifications
    ("Menarche was delayed relative to her peers.", "HP:0012569", "present"),
    ("Delays across motor, cognitive, and social domains.", "HP:0001263", "present"),
])
def test_absences_and_shorthand_of_the_fourth_round(rec, text, hpo, status):
    assert found(rec, text).get(hpo) == status


def test_a_word_of_absence_in_another_form_reads_nothing(rec):
    # "descend" is a stem-mate of the absence word "descended": read order-free it would
    # be the statement's name without its word, so it is not read at all
    assert "HP:0000028" not in found(rec, "The testes descend normally; the testes failed to descend.")


@pytest.mark.parametrize("text, hpo, status", [
    ("Her speech has become slurred.", "HP:0001350", "present"),     # a perfect copula: "has become"
    ("Tendon reflexes were pathologically brisk.", "HP:0001348", "present"),
    ("She has a feeble cry.", "HP:0001612", "present"),
    ("CBC showed an elevated WBC of 24.6.", "HP:0001974", "present"),
    ("Ophthalmology: lenses clear, no nystagmus.", "HP:0000518", "excluded"),  # a statement of absence
    ("The lenses were clear.", "HP:0000518", "excluded"),
    ("Normocephalic, atraumatic.", "HP:0000252", "excluded"),          # one word that names its subject
    ("Eyes: orthophoric.", "HP:0000486", "excluded"),
    # a term with a name of absence: its values stay values ("normal at birth but fell")
    ("His head circumference was normal at birth but fell to -3.1 SD by age 2.", "HP:0000252", "present"),
    ("The leukocyte count was not elevated.", "HP:0001974", "excluded"),
    # a list after a plural copula holds an item that names nothing ("c-ANCA")
    ("Her antinuclear antibodies and c-ANCA were negative.", "HP:0003493", "excluded"),
    ("Antinuclear antibodies, c-ANCA and p-ANCA were negative.", "HP:0003493", "excluded"),
    ("He had hypotonia and his MRI was normal.", "HP:0001252", "present"),   # no list: a new subject
    ("He had hypotonia and MRI was normal.", "HP:0001252", "present"),       # a singular copula
    ("Hypotonia and MRI findings were normal.", "HP:0001252", "present"),    # a plural item agrees alone
    # a term's own word of absence: "patent" is normal for choanae, not for a ductus
    ("Echo showed a closed ductus arteriosus and a closed foramen ovale.", "HP:0001643", "excluded"),
    ("Echo showed a closed ductus arteriosus and a closed foramen ovale.", "HP:0001655", "excluded"),
    ("The ductus arteriosus was patent.", "HP:0001643", "present"),
    ("The ductus arteriosus had closed.", "HP:0001643", "excluded"),   # a perfect tense as the predicate
    ("The liver has enlarged.", "HP:0002240", "present"),
    ("Choanae are patent.", "HP:0000453", "excluded"),
])
def test_notes_of_the_eighteenth_session(rec, text, hpo, status):
    assert found(rec, text).get(hpo) == status


@pytest.mark.parametrize("text, hpo, status", [
    ("There was no clinical or radiographic evidence of craniosynostosis.", "HP:0001363", "excluded"),
    ("He shows no signs of anxiety.", "HP:0000739", "excluded"),        # the finding starts in the trigger
    ("No known allergies.", "HP:0012393", "excluded"),
    ("She was not born with a cleft palate.", "HP:0000175", "excluded"),
    ("Formal assessment did not support a diagnosis of autism.", "HP:0000717", "excluded"),
    ("He does not currently meet criteria for end-stage kidney disease.", "HP:0003774", "excluded"),
    ("He did not progress to end-stage renal disease.", "HP:0003774", "excluded"),
    ("Cerebral palsy had been considered and excluded.", "HP:0100021", "excluded"),
    ("She has never been thought to have cerebral palsy.", "HP:0100021", "excluded"),
    ("Skin examination did not reveal even a few café-au-lait spots.", "HP:0000957", "excluded"),
    ("Chest: normal shape, -ve shield chest.", "HP:0000914", "excluded"),   # a note's "-ve" before it
    ("Shield chest -ve pectus carinatum.", "HP:0000914", "excluded"),        # … or after the one before
    ("He had seizures and was excluded from the trial.", "HP:0001250", "present"),
    ("He did not respond to treatment for seizures.", "HP:0001250", "present"),  # a negated verb
    # ... and not into the next clause (found by review)
    ("She sits without support and has hypotonia.", "HP:0001252", "present"),
    ("Denies any symptoms and has developed a rash.", "HP:0000988", "present"),
    ("Treatment was not given, as the seizures were self-limiting.", "HP:0001250", "present"),
    ("He does not have isolated short stature, as he also has microcephaly.", "HP:0004322", "present"),
    ("Born by caesarean section for failure to progress, with fetal distress.", "HP:0025116", "present"),
    ("No known allergies, has asthma.", "HP:0002099", "present"),
    ("Allergies: NKDA.", "HP:0012393", "excluded"),                 # no known drug allergies
    ("He has seizures and CT and MRI were negative.", "HP:0001250", "present"),  # no list: a verb before
    ("She has arthritis, ANA and RF were negative.", "HP:0001369", "present"),
    ("Autoimmune screen: antinuclear antibodies and c-ANCA were negative.", "HP:0003493", "excluded"),
    ("CNS: hypotonia, -ve seizures.", "HP:0001250", "excluded"),            # "-ve" after a comma
    ("Term vaginal delivery; C-section was not required.", "HP:0011410", "excluded"),
    ("Bubble study neg for PFO.", "HP:0001655", "excluded"),
    ("Afebrile episodes - not c/w simple febrile sz.", "HP:0011171", "excluded"),
    ("At 3 years of age she was evaluated for fever.", "HP:0001945", "present"),  # why she came
    ("Evaluate for scoliosis at next visit.", "HP:0002650", "uncertain"),       # a plan
    ("Feeding was slow, but weight gain was adequate.", "HP:0001508", "excluded"),
    ("He showed failure to gain weight despite supplements.", "HP:0001508", "present"),
])
def test_negation_reaches_over_verbs_of_judgement(rec, text, hpo, status):
    assert found(rec, text).get(hpo) == status


@pytest.mark.parametrize("text, hpo, status", [
    ("Low serum sodium.", "HP:0002902", "present"),           # a specimen between direction and analyte
    ("Raised plasma lactate.", "HP:0002151", "present"),
    ("Investigations showed persistently low serum magnesium.", "HP:0002917", "present"),
    ("Examination: length -2.3 SD.", "HP:0004322", "present"),    # a body length after a heading
    ("Endo: hypothyroid, on levothyroxine.", "HP:0000821", "present"),
    ("He was not normocephalic.", "HP:0000252", None),          # small or large: the words do not say
    ("Ears: length -2.5 SD.", "HP:0004322", None),              # not a heading of the whole body
    ("Bone marrow trephine: hypocellular marrow.", "HP:0005528", "present"),
])
def test_laboratory_and_examination_wordings_of_the_third_round(rec, text, hpo, status):
    assert found(rec, text).get(hpo) == status


def test_failure_to_gain_weight_is_no_weight_gain(rec):
    got = found(rec, "Failure to gain weight.")
    assert got.get("HP:0001508") == "present" and got.get("HP:0004324") != "present"


def test_a_specimen_word_alone_reads_nothing(rec):
    assert found(rec, "Serum was collected; plasma stored at -80 C.") == {}
    assert "HP:0004322" not in found(rec, "Femur length -2.3 SD.")  # not a body length


@pytest.mark.parametrize("text, hpo, status", [
    # negations that did not reach their finding
    ("None of his EEGs has shown hypsarrhythmia.", "HP:0002521", "excluded"),     # a possessive partitive
    ("His mother does not describe any repetitive or stereotyped movements.", "HP:0000733", "excluded"),
    ("He is not in heart failure clinically.", "HP:0001635", "excluded"),
    ("She was not in respiratory distress.", "HP:0002098", "excluded"),
    ("At no point did he have seizures.", "HP:0001250", "excluded"),
    ("Free from seizures for 2 years.", "HP:0001250", "excluded"),
    ("Seizures: none reported.", "HP:0001250", "excluded"),
    ("The scan failed to identify any hydrocephalus.", "HP:0000238", "excluded"),
    ("He was not in school because of seizures.", "HP:0001250", "present"),       # "not in" negates no verb
    ("He did not receive treatment for seizures.", "HP:0001250", "present"),
    # a list to its "or" longer than one scope, or with articles
    ("In particular, he did not have coarse facies, prognathism, widely spaced teeth, a low frontal "
     "hairline, synophrys, large earlobes, a high-arched palate, small teeth, tongue protrusion, a "
     "low-hanging columella, long lashes, a thin upper lip, a wide forehead, epicanthal folds, large "
     "ears, a short philtrum, a bulbous nose, macrostomia, a short columella, upslanting palpebral "
     "fissures, a prominent forehead or a tented upper lip.", "HP:0010804", "excluded"),
    ("There was no hypotonia, scoliosis, a high-arched palate or small teeth.", "HP:0000691", "excluded"),
    ("No epicanthic folds, a flat nasal bridge and hypertelorism.", "HP:0000316", "present"),  # not to "or"
    # a heading its own line denies is no finding
    ("Allergies: No known allergies.", "HP:0012393", "excluded"),
    ("Neck: supple, no webbing.", "HP:0000465", "excluded"),
    # predicates
    ("Both ears appear crumpled.", "HP:0009901", "present"),
    ("His sleep has always been disturbed.", "HP:0002360", "present"),
    ("Weight gain was slow.", "HP:0001508", "present"),
    # names of the fifteenth set's misses
    ("Plantars flexor bilat.", "HP:0003487", "excluded"),
    ("Plantar responses were flexor.", "HP:0003487", "excluded"),
    ("Romberg's test was positive.", "HP:0002403", "present"),
    ("Eyes: hypertelorism, mild ptosis, downslanting PF.", "HP:0000494", "present"),
    ("The arterial duct was closed.", "HP:0001643", "excluded"),
    ("The earlobes were free.", "HP:0009907", "excluded"),
    ("The earlobes were attached.", "HP:0009907", "present"),
    ("The aortic arch was uninterrupted and left-sided.", "HP:0011611", "excluded"),
    ("Vibration sense was impaired at the toes.", "HP:0002495", "present"),
    ("Prior echoes reviewed - none has shown a severely impaired EF.", "HP:0012666", "excluded"),
    ("A muscle biopsy shows numerous COX-negative fibres.", "HP:0003688", "present"),
    ("Brain MRI showed a thin corpus callosum, with no callosal thickening.", "HP:0007074", "excluded"),
    ("He is a very anxious young man.", "HP:0000739", "present"),
    ("She is not an anxious child.", "HP:0000739", "excluded"),
    # round 2 (the sixteenth set's misses)
    ("Her eyes are neither close-set nor widely spaced.", "HP:0000601", "excluded"),
    ("Face not elongated, midface not retruded, no retrognathia.", "HP:0011800", "excluded"),
    ("Mouth of normal width, corners not downturned.", "HP:0002714", "excluded"),
    ("Ears: low-set; no cupping of pinnae.", "HP:0000378", "excluded"),
    ("Normally positioned ears.", "HP:0000369", "excluded"),
    ("Renal function is monitored, but end-stage kidney disease has not been reached.", "HP:0003774",
     "excluded"),
    ("Criteria for mild ID not met on either assessment.", "HP:0001256", "excluded"),
    ("There was no micrognathia or glossoptosis, and a Pierre Robin sequence was therefore not present.",
     "HP:0000201", "excluded"),
    ("She is well, with no known heart problems.", "HP:0001627", "excluded"),   # "no known" negates
    # a new clause after ", and a": not under the negation before it
    ("The chest showed a pigeon chest, with no funnel chest, and a scoliosis was present.", "HP:0002650",
     "present"),
    ("No seizures, hypotonia or ataxia were noted.", "HP:0001251", "excluded"),
])
def test_notes_of_the_nineteenth_session(rec, text, hpo, status):
    assert found(rec, text).get(hpo) == status


@pytest.mark.parametrize("text, hpo", [
    ("No family member has seizures.", "HP:0001250"),
    ("No one in the family has hearing loss.", "HP:0000365"),
])
def test_a_negated_relative_excludes_the_familys_finding(rec, text, hpo):
    got = {(f.hpo_id, f.status, f.subject) for f in rec.recognize(text)}
    assert got == {(hpo, "excluded", "family")}


def test_no_relative_macrocephaly_is_the_patients(rec):
    # "relative" is the kind of macrocephaly here, not a relative of the patient
    assert found(rec, "He had no relative macrocephaly.").get("HP:0004482") == "excluded"


@pytest.mark.parametrize("text", ["Weight gain was poor.", "Her weight gain has been adequate.",
                                  "Weight gain was normal."])
def test_weight_gain_as_a_subject_is_no_increased_weight(rec, text):
    # HPO's synonym "Weight gain" (Increased body weight) is the subject of the statement
    got = found(rec, text)
    assert "HP:0001508" in got and "HP:0004324" not in got


def test_a_subject_with_a_noun_predicate_stays(rec):
    # "is a symptom" is no predicate of the subject's state: "sweating" keeps its own reading
    assert "HP:0000975" in found(rec, "Nighttime sweating is a symptom of many diseases.")


@pytest.mark.parametrize("text, hpo, status", [
    # found by review: "not in" and "no known" reach only a finding right after them
    ("She is not in school due to frequent seizures.", "HP:0001250", "present"),
    ("He is not in remission from his nephrotic syndrome.", "HP:0000100", "present"),
    ("Seizures occurred in 3 patients but not in those with ataxia.", "HP:0001251", "present"),
    ("She was not in pain, and scoliosis was evident.", "HP:0002650", "present"),
    ("He has no known genetic diagnosis to explain his seizures.", "HP:0001250", "present"),
    ("There is no known treatment for his ataxia.", "HP:0001251", "present"),
    ("He has no known history of seizures.", "HP:0001250", "excluded"),
    # a goal not reached says nothing of what it is about
    ("Control of seizures was not reached despite three drugs.", "HP:0001250", "present"),
    ("Target blood pressure for hypertension was not met.", "HP:0000822", "present"),
    ("Surgery for scoliosis was therefore not required.", "HP:0002650", "present"),
    ("Criteria for autism were not met.", "HP:0000717", "excluded"),
    # "other than" ends a denial; a figure's panel is no gene panel
    ("Issues raised by parents: none reported, other than his seizures.", "HP:0001250", "present"),
    ("Concerns: none noted other than mild hypotonia.", "HP:0001252", "present"),
    ("Axial T2 image showing cerebellar atrophy (panel C).", "HP:0001272", "present"),
    # a list whose items take articles goes on after ", and a"
    ("He did not have a cleft lip, a cleft palate, and a bifid uvula.", "HP:0000193", "excluded"),
    # milestones: a negation before them, or a later age of the same milestone
    ("He had not walked by 14 months.", "HP:0031936", None),
    ("No independent walking at 14 months.", "HP:0031936", None),
    ("He took his first steps at 14 months but did not walk independently until 3 years.", "HP:0031936",
     "present"),
    ("Delayed walking: walked at 15 months.", "HP:0031936", "present"),
    # words of other meanings
    ("We were anxious to exclude a brain tumour.", "HP:0000739", None),
    ("Amelia is a rare congenital limb defect.", "HP:0009827", "present"),
    ("The arterial duct was closed surgically at 2 weeks.", "HP:0001643", None),
    ("He had a large AF burden on Holter monitoring.", "HP:0000239", None),
])
def test_review_of_the_nineteenth_session(rec, text, hpo, status):
    assert found(rec, text).get(hpo) == status


@pytest.mark.parametrize("text", ["Epilepsy: well controlled on valproate, no seizures for 2 years.",
                                  "Seizures: 2 per week, no seizures since admission."])
def test_a_heading_stays_where_its_line_only_qualifies_it(rec, text):
    statuses = {f.status for f in rec.recognize(text) if f.hpo_id == "HP:0001250"}
    assert statuses == {"present", "excluded"}


def test_an_adjective_before_a_relative_is_the_relatives(rec):
    got = {(f.hpo_id, f.subject) for f in rec.recognize("His anxious mother brought him after a seizure.")}
    assert got == {("HP:0000739", "family"), ("HP:0001250", "patient")}


@pytest.mark.parametrize("text", ["The patient, with no known family history, presented with ataxia.",
                                  "No family history, presented with ataxia."])
def test_a_negated_relative_ends_at_its_comma(rec, text):
    # neither the negation nor the relative crosses the comma: the patient has ataxia
    got = {(f.hpo_id, f.status, f.subject) for f in rec.recognize(text)}
    assert got == {("HP:0001251", "present", "patient")}


@pytest.mark.parametrize("text, want", [
    ("No family member, to our knowledge, has seizures.", {("HP:0001250", "excluded", "family")}),
    ("Nobody in the family has ataxia.", {("HP:0001251", "excluded", "family")}),
    ("His father, aged 40, is deaf.", {("HP:0000365", "present", "family")}),
    ("His mother, who had syndactyly, was well.", {("HP:0001159", "present", "family")}),
])
def test_a_relative_goes_on_as_the_subject_negated_or_not(rec, text, want):
    assert {(f.hpo_id, f.status, f.subject) for f in rec.recognize(text)} == want


@pytest.mark.parametrize("text, hpo, status", [
    # a backward negation's verb with nothing before it takes its object
    ("She does not wheeze and has never been diagnosed with asthma.", "HP:0002099", "excluded"),
    ("Her parents had never observed wheals or urticaria.", "HP:0001025", "excluded"),
    ("He was not seen by neurology for his seizures.", "HP:0001250", "present"),
    ("Not seen in clinic since 2019; has asthma.", "HP:0002099", "present"),
    # a participle as an adjective before the finding of a negated verb
    ("Parents have not observed repeated seizures.", "HP:0001250", "excluded"),
    ("He did not show pronounced ataxia.", "HP:0001251", "excluded"),
    ("He does not have isolated short stature, as he also has microcephaly.", "HP:0004322", "present"),
    ("He did not respond to treatment for seizures.", "HP:0001250", "present"),
    # verbs of opinion: the negation reaches their clause
    ("I do not think there is any global developmental delay.", "HP:0001263", "excluded"),
    ("I did not feel he met criteria for ADHD.", "HP:0007018", "excluded"),
    ("His parents do not feel that he is anxious.", "HP:0000739", "excluded"),
    ("I would not describe him as having brachydactyly.", "HP:0001156", "excluded"),
    ("I do not think he has ataxia or seizures.", "HP:0001250", "excluded"),
    ("She did not think the seizures were frequent.", "HP:0001250", "present"),
    ("I do not think that his ataxia has improved.", "HP:0001251", "present"),
    ("We did not consider surgery for his scoliosis.", "HP:0002650", "present"),
    # a judgement withdrawn, and "excluded" after its finding
    ("Cerebral palsy was not suspected.", "HP:0100021", "excluded"),
    ("An earlier label of mild intellectual disability was not upheld.", "HP:0001256", "excluded"),
    ("Prior query of cerebral palsy not supported.", "HP:0100021", "excluded"),
    ("Borderline intellectual functioning excluded; no moderate ID.", "HP:0006889", "excluded"),
    ("He had seizures and was excluded from the trial.", "HP:0001250", "present"),
    # a negation whose scope would open on a comma reads nothing there
    ("Cardiac causes excluded, hypotonia noted.", "HP:0001252", "present"),
])
def test_notes_of_the_twentieth_session(rec, text, hpo, status):
    assert {f.status for f in rec.recognize(text) if f.hpo_id == hpo} == {status}


@pytest.mark.parametrize("text", ["His parents have never seen a generalised tonic-clonic convulsion.",
                                  "His mother has never seen myoclonic jerks."])
def test_a_relative_who_never_saw_the_finding_is_the_informant(rec, text):
    got = {(f.status, f.subject) for f in rec.recognize(text)}
    assert got == {("excluded", "patient")}


@pytest.mark.parametrize("text, hpo, status", [
    ("Echocardiography showed a structurally normal heart.", "HP:0001627", "excluded"),
    ("At 6 months she was noted to be floppy.", "HP:0001252", "present"),  # (a person, five words back)
    ("Floppy mitral valve on echo.", "HP:0001634", "present"),
    ("Echo: intact atrial septum.", "HP:0001631", "excluded"),
    ("The ears were normally rotated.", "HP:0000358", "excluded"),
    ("Sclerae white.", "HP:0000592", "excluded"),
    ("Teeth normally spaced.", "HP:0000687", "excluded"),
    # a hyphenated word of absence is read by its last part, as the text's words are split
    ("Philtrum of normal length with well-defined philtral pillars.", "HP:0000319", "excluded"),
    ("Philtral columns well formed.", "HP:0000319", "excluded"),
    ("Milestones age-appropriate.", "HP:0001263", "excluded"),
    ("He remained ambulant into his forties.", "HP:0002505", "excluded"),
    ("He remained ambulatory until 14 years.", "HP:0002505", "present"),  # (then lost it)
    ("Aortic valve tricuspid, no stenosis.", "HP:0001647", "excluded"),
    ("Muscle MRI demonstrated fatty infiltration of the muscles.", "HP:0012548", "present"),
    ("Her cognitive function was normal.", "HP:0001249", "excluded"),
    # a test's verdict after "normal" (the lexicon's "normal audiology" read order-free)
    ("No seizures. Hearing normal on audiology (thresholds 15 dB).", "HP:0000365", "excluded"),
    ("She was referred because she was unable to conceive.", "HP:0008222", "present"),
    ("Her eyebrows met in the midline.", "HP:0000664", "present"),
    ("Brows: no medial flaring.", "HP:0010747", "excluded"),
    ("The corneas were clear.", "HP:0007957", "excluded"),
    ("Clinically euthyroid.", "HP:0000821", "excluded"),
    ("Blood film: numerous spherocytes.", "HP:0004444", "present"),
    ("Muscle: complex I activity was reduced.", "HP:0011923", "present"),
    ("Full-field ERG was extinguished.", "HP:0000550", "present"),
    ("Eyes orthotropic.", "HP:0000486", "excluded"),
    ("The gyral pattern was normal.", "HP:0002536", "excluded"),
    ("He finds bright light uncomfortable.", "HP:0000613", "present"),
    ("A defect in the interatrial septum.", "HP:0001631", "present"),
    ("Normotensive throughout stay.", "HP:0000822", "excluded"),
    ("She is not hypermobile.", "HP:0001382", "excluded"),
    ("She has never been septic.", "HP:0100806", "excluded"),
    ("He was malnourished on admission.", "HP:0004395", "present"),
    ("Her cognitive abilities were in the normal range.", "HP:0001249", "excluded"),
    ("Early development was entirely normal.", "HP:0001263", "excluded"),
    ("Philtrum nml depth.", "HP:0002002", "excluded"),
    ("The palmar creases were of normal depth.", "HP:0006191", "excluded"),
    ("Recessed chin.", "HP:0000278", "present"),
    ("HPI: Ex-prem, born 31+4/40.", "HP:0001622", "present"),
    ("Saccades normal, no OMA.", "HP:0000657", "excluded"),
    ("Neuro: spastic diplegia, not CP.", "HP:0100021", "excluded"),
    ("He stood independently at 2 years 3 months.", "HP:0025335", "present"),
    ("Rigid tone in all four limbs.", "HP:0002063", "present"),
    ("IgA within the reference range.", "HP:0410240", "excluded"),
    ("Total IgE was markedly raised.", "HP:0003212", "present"),
    ("Echocardiography showed structurally normal heart valves.", "HP:0001654", "excluded"),
])
def test_lexicon_of_the_twentieth_session(rec, text, hpo, status):
    assert {f.status for f in rec.recognize(text) if f.hpo_id == hpo} == {status}


@pytest.mark.parametrize("text, want", [
    ("The palpebral fissures were horizontal, not upslanting or downslanting.",
     {("HP:0000582", "excluded"), ("HP:0000494", "excluded")}),
    ("Her philtrum is well grooved and is neither short nor long.",
     {("HP:0000319", "excluded"), ("HP:0000322", "excluded"), ("HP:0000343", "excluded")}),
    ("Ears: normally placed, not low-set, not posteriorly rotated, not anteverted.",
     {("HP:0000369", "excluded"), ("HP:0000358", "excluded"), ("HP:0040080", "excluded")}),
    ("Nasal bridge not wide, not narrow, not depressed. Nose not broad.",
     {("HP:0000431", "excluded"), ("HP:0000446", "excluded"), ("HP:0005280", "excluded"), ("HP:0000445", "excluded")}),
    ("The nasal bridge was prominent rather than depressed.", {("HP:0000426", "present"), ("HP:0005280", "excluded")}),
    ("Her fingers are not unduly long or slender.", {("HP:0100807", "excluded"), ("HP:0001238", "excluded")}),
    ("The palpebral fissures are not upslanted, nor are they downslanted.",
     {("HP:0000582", "excluded"), ("HP:0000494", "excluded")}),
    # "rather than" negates only the item right after it
    ("Thick eyebrows that are straight rather than arched, down-slanting palpebral fissures and low-set ears.",
     {("HP:0000574", "present"), ("HP:0002553", "excluded"), ("HP:0000494", "present"), ("HP:0000369", "present")}),
    # a negated predicate's list ends at an item with an article, and a bracket's at its close
    ("A narrow forehead that was not sloping, a broad nasal root and low-set ears.",
     {("HP:0000341", "present"), ("HP:0000340", "excluded"), ("HP:0000431", "present"), ("HP:0000369", "present")}),
    ("Palpebral fissures slant upwards (not down-slanting), with widely spaced eyes.",
     {("HP:0000582", "present"), ("HP:0000494", "excluded"), ("HP:0000316", "present")}),
    ("He did not have a cleft lip, a cleft palate, and a bifid uvula.",
     {("HP:0410030", "excluded"), ("HP:0000175", "excluded"), ("HP:0000193", "excluded")}),
    # "no" / "without" before a noun that names a finding only with its subject
    ("Mitral leaflets thin without prolapse.", {("HP:0001634", "excluded")}),
    ("Flat retinas with no detachment.", {("HP:0000541", "excluded")}),
    ("Heart: no murmur.", {("HP:0030148", "excluded")}),
    ("He has seizures, no fever.", {("HP:0001250", "present"), ("HP:0001945", "excluded")}),
    # a predicate with stop words inside ("meet in the midline"), negated or in a list
    ("The eyebrows were of normal breadth, without medial flaring, and did not meet in the midline.",
     {("HP:0000664", "excluded")}),
    ("Eyebrows of normal thickness, not meeting in the midline.", {("HP:0000664", "excluded")}),
    ("His eyebrows were bushy, highly arched and met in the midline.",
     {("HP:0000664", "present"), ("HP:0002553", "present"), ("HP:0000574", "present")}),
    ("His ears are low-set and protrude from the side of the head.",
     {("HP:0000369", "present"), ("HP:0000411", "present")}),
    ("The tongue is small and bifid at the tip.", {("HP:0000171", "present"), ("HP:0010297", "present")}),
    # a negated item of the list is its own: the next one is not denied with it
    ("The eyebrows were highly arched, not bushy, and thin.", {("HP:0002553", "present"), ("HP:0000574", "excluded")}),
])
def test_an_elliptical_predicate_takes_its_subject(rec, text, want):
    found = rec.recognize(text)
    got = {(h, f.status) for h, _ in want for f in found if f.hpo_id == h}
    assert got == want


@pytest.mark.parametrize("text, hpo, status", [
    ("First single words at 3 years.", "HP:0000750", "present"),
    ("First words ~2.5y, now short phrases.", "HP:0000750", "present"),
    ("Her first words came at around 30 months.", "HP:0000750", "present"),
    ("Global delay - sat 14mo, walked indep 3y.", "HP:0025336", "present"),
    ("Global delay - sat 14mo, walked indep 3y.", "HP:0031936", "present"),
    ("Walked independently 3y3m.", "HP:0031936", "present"),
    ("Walked ~13 mo.", "HP:0031936", "excluded"),
])
def test_milestones_as_notes_write_them(rec, text, hpo, status):
    assert {f.status for f in rec.recognize(text) if f.hpo_id == hpo} == {status}


@pytest.mark.parametrize("text", ["The patient walked 10 m with a frame.", "She walked 2 miles.", "He sat 5 exams."])
def test_a_distance_or_a_count_is_no_milestone_age(rec, text):
    assert rec.recognize(text) == []


@pytest.mark.parametrize("text, want", [
    ("Urinalysis was positive for blood (2+) and protein (1+).", {("HP:0000790", "present"), ("HP:0000093", "present")}),
    ("Urine dipstick: ketones 3+", {("HP:0002919", "present")}),
    ("Urinalysis was negative for ketones.", {("HP:0002919", "excluded")}),
    ("Urinalysis: specific gravity 1.010, negative for protein, no blood, no casts.",
     {("HP:0000093", "excluded"), ("HP:0000790", "excluded")}),
    ("No blood transfusion was needed; urine culture grew E. coli.", set()),
    ("Blood glucose 5.2 mmol/L. Urine output was good.", set()),
])
def test_urine_dipstick_results(rec, text, want):
    got = {(f.hpo_id, f.status) for f in rec.recognize(text)
           if f.hpo_id in ("HP:0000790", "HP:0000093", "HP:0002919", "HP:0003076")}
    assert got == want


@pytest.mark.parametrize("text, hpo", [("Serum sodium rose to 161 mmol/L.", "HP:0003228"),
                                       ("Blood glucose on arrival was 1.6 mmol/L.", "HP:0001943"),
                                       ("CK peaked at 48,000 U/L.", "HP:0003236")])
def test_a_limited_value_after_a_course_or_a_moment(rec, text, hpo):
    assert {f.status for f in rec.recognize(text) if f.hpo_id == hpo} == {"present"}


@pytest.mark.parametrize("text, want", [
    ("Psychometric testing placed her in the mild range of intellectual disability.", {("HP:0001256", "present")}),
    ("Moderate ID on formal testing (FSIQ 44) - above severe range, clearly below mild range.",
     {("HP:0002342", "present"), ("HP:0010864", "excluded"), ("HP:0001256", "excluded")}),
    ("FSIQ 62: not in the moderate or severe range.",
     {("HP:0001256", "present"), ("HP:0002342", "excluded"), ("HP:0010864", "excluded")}),
    ("Hearing loss in the moderate range.", set()),  # no word of intellectual ability in its sentence
    # a grade denied alone, a range's limits, "bands", the sentence back across a semicolon
    ("Mild ID on psychometry (FSIQ 62) - not moderate / not severe range.",
     {("HP:0001256", "present"), ("HP:0002342", "excluded"), ("HP:0010864", "excluded")}),
    ("IQ 44, in the moderate range of intellectual disability, below the mild (50–69) band.",
     {("HP:0002342", "present"), ("HP:0001256", "excluded")}),
    ("Assessment indicated severe intellectual disability; his abilities were well below the mild range.",
     {("HP:0010864", "present"), ("HP:0001256", "excluded")}),
    ("Mild ID. Seizures are not severe.", {("HP:0001256", "present")}),
])
def test_a_grade_of_intellectual_disability_by_its_range(rec, text, want):
    grades = {"HP:0002187", "HP:0010864", "HP:0002342", "HP:0001256", "HP:0006889"}
    assert {(f.hpo_id, f.status) for f in rec.recognize(text) if f.hpo_id in grades} == want


@pytest.mark.parametrize("text, status", [
    ("Formal testing showed a full-scale IQ of 96, within the average range.", "excluded"),
    ("A psychology screen placed her cognition in the average range.", "excluded"),
    ("Mild ID; hearing in the normal range.", "present"),  # the range is hearing's
])
def test_an_ability_in_the_average_range(rec, text, status):
    assert {f.status for f in rec.recognize(text) if f.hpo_id in ("HP:0001249", "HP:0001256")} == {status}


@pytest.mark.parametrize("text, status", [("Beighton score was 1/9.", "excluded"), ("Beighton 7/9.", "present"),
                                          ("Beighton score of 4/9.", None)])
def test_a_beighton_score(rec, text, status):
    got = {f.status for f in rec.recognize(text) if f.hpo_id == "HP:0001382"}
    assert got == ({status} if status else set())


@pytest.mark.parametrize("text, want", [
    # an opinion's clause: a noun's modifier, and the subject of a predicate, stay
    ("We do not consider scoliosis surgery necessary at this stage.", {("HP:0002650", "present")}),
    ("I did not think that ADHD medication would help.", {("HP:0007018", "present")}),
    ("We do not think the ataxia is progressive.", {("HP:0001251", "present"), ("HP:0002073", "excluded")}),
    ("She does not feel tired during the day.", {("HP:0012378", "excluded")}),
    # a clinician's seeing or finding of a finding it presupposes, or of its cause
    ("The neurologist has never seen such severe dystonia in a child.", {("HP:0001332", "present")}),
    ("I have never seen his seizures myself, but the video is convincing.", {("HP:0001250", "present")}),
    ("The doctors never found a cause for his developmental delay.", {("HP:0001263", "present")}),
    ("We never found hypoglycaemia despite repeated testing.", {("HP:0001943", "excluded")}),
    # a verdict ends its clause; "excluded" with an object is a verb
    ("Autism was not suspected until age 4.", {("HP:0000717", "present")}),
    ("The fracture was not supported with a cast.", {("HP:0020110", "present")}),
    ("Hypotonia excluded him from the trial.", {("HP:0001252", "present")}),
    ("He did not initially have seizures.", {("HP:0001250", "present")}),
    ("She did not subsequently develop seizures.", {("HP:0001250", "excluded")}),
    ("No siblings, presented with developmental delay.", {("HP:0001263", "present")}),
    # an elliptical predicate's subject: not a predicate, not inside another order-free
    # reading, not the same term again
    ("Ears posteriorly rotated, not low set.", {("HP:0000358", "present"), ("HP:0000369", "excluded")}),
    ("The hypotonia is central rather than peripheral.", {("HP:0001252", "present")}),
    ("The thumb was small without a nail.", {("HP:0009778", "present")}),
    ("The aortic valve is tricuspid, without stenosis.", {("HP:0001647", "excluded"), ("HP:0001650", "excluded")}),
    ("He has a short neck, no webbing.", {("HP:0000470", "present"), ("HP:0000465", "excluded")}),
    ("She has hypotonia (not severe) and seizures.", {("HP:0001252", "present"), ("HP:0006829", "excluded")}),
    # urine: a word that goes on; a grade after a negated list
    ("Urine was clear, no blood transfusion was needed.", set()),
    ("On urinalysis there was no glycosuria, protein 1+.", {("HP:0003076", "excluded"), ("HP:0000093", "present")}),
    # a range of something else than intellectual ability
    ("Motor impairment in the mild range.", set()),
    ("Autism symptoms in the moderate range; IQ 105.", {("HP:0000717", "present")}),
    ("Learning difficulties, within the mild range.", {("HP:0001256", "present")}),
    # a person adjective five words on only after "to be"
    ("He said that the wait was short.", set()),
    ("He described the wound as septic.", set()),
])
def test_review_of_the_twentieth_session(rec, text, want):
    ids = {h for h, _ in want} | {"HP:0004322", "HP:0100806", "HP:0001256", "HP:0002342", "HP:0000790",
                                  "HP:0010864", "HP:0001877"}
    got = {(f.hpo_id, f.status) for f in rec.recognize(text) if f.hpo_id in ids}
    assert got == want


@pytest.mark.parametrize("text, want", [
    # words of manner or time between a subject and its predicate
    ("The skin was notably soft.", {("HP:0000977", "present")}),
    ("Facial expression was notably reduced.", {("HP:0004673", "present")}),
    ("Echo: ductus still patent, small L->R shunt.", {("HP:0001643", "present")}),
    ("Upper lip thin; lower lip also everted.", {("HP:0000232", "present")}),
    ("Still, the skin is normal.", set()),
    # a side starts a name as a word of its own, not in a hyphenated compound
    ("Right atrium dilated.", {("HP:0030718", "present")}),
    ("The left atrium was enlarged.", {("HP:0031295", "present")}),
    ("There was left-to-right shunting across the duct.", set()),
    # … also with a degree word before the predicate, and a cardiac chamber is no brain ventricle
    ("The right atrium was mildly dilated.", {("HP:0030718", "present")}),
    ("The right ventricle was mildly dilated.", {("HP:0005133", "present")}),
    ("The right ventricle was enlarged.", {("HP:0005133", "present")}),
    # the comma between two adjectives of shape or size is no break
    ("He has a high, arched palate.", {("HP:0000218", "present")}),
    ("Long, narrow skull.", {("HP:0000268", "present")}),
    # the twenty-fourth session's entries
    ("She struggled to see in dim light and at night.", {("HP:0000662", "present")}),
    ("He has no difficulty seeing in dim light.", {("HP:0000662", "excluded")}),
    ("CT showed intracranial bleeding.", {("HP:0002170", "present")}),
    ("Reflexes: AJs absent.", {("HP:0003438", "present")}),
    ("Mouth habitually held open.", {("HP:0000194", "present")}),          # a manner word
    ("Urine organic acids: increased excretion of dicarboxylic acids.", {("HP:0003215", "present")}),
    ("The lateral ventricles were mildly dilated.", {("HP:0006956", "present"), ("HP:0002119", "present")}),
    # a relative clause's copula
    ("Bloods show an IgA that is reduced at 0.2 g/L.", {("HP:0002720", "present")}),
    ("MRI showed myelination that was delayed for age.", {("HP:0012448", "present")}),
    # a dimension, a spacing or a size at birth found normal
    ("The cerebellum was of normal volume.", {("HP:0001272", "excluded"), ("HP:0001321", "excluded")}),
    ("Eyebrows of normal density.", {("HP:0045075", "excluded"), ("HP:0000574", "excluded")}),
    ("Full range of gaze; saccades of normal velocity.", {("HP:0000514", "excluded")}),
    ("The upper lip was of normal fullness.", {("HP:0000219", "excluded"), ("HP:0000215", "excluded")}),
    ("Eyes normally spaced.", {("HP:0000316", "excluded"), ("HP:0000601", "excluded")}),
    ("He was born appropriate for gestational age.", {("HP:0001518", "excluded"), ("HP:0001520", "excluded")}),
    # laboratory flags with a degree or a comment, abbreviated analytes
    ("Total serum IgE 3,860 kIU/L (markedly raised for age).", {("HP:0003212", "present")}),
    ("Serum urate 0.47 mmol/L (raised, despite allopurinol).", {("HP:0002149", "present")}),
    ("Ix: creat 2.1 mg/dL (H).", {("HP:0003259", "present")}),
    ("Presented w/ ↑ creat and ↑ urate.", {("HP:0003259", "present"), ("HP:0002149", "present")}),
    ("Uric acid 9.1 mg/dL (high grade fever).", set()),
    # a urine dipstick's grade before its analyte
    ("Urine dipstick 2+ protein.", {("HP:0000093", "present")}),
    ("Urinalysis: 3+ blood, no glucose.", {("HP:0000790", "present"), ("HP:0003076", "excluded")}),
    ("Urine: 12+ protein.", set()),
    # parts found present or formed, and the clinical lexicon
    ("The thumbs were present and biphalangeal.", {("HP:0009777", "excluded")}),
    ("UL: both arms fully formed, no phocomelia.", {("HP:0009812", "excluded")}),
    ("The lenses are in the normal position.", {("HP:0001083", "excluded")}),
    ("Corticomedullary differentiation was preserved.", {("HP:0005565", "excluded")}),
    ("Poor corticomedullary differentiation.", {("HP:0005565", "present")}),
    ("Perimembranous septum intact.", {("HP:0011682", "excluded")}),
    ("A urinary concentrating defect.", {("HP:0004727", "present")}),
    ("O/E: erythrodermic. An episode of laryngeal spasm.", {("HP:0001019", "present"), ("HP:0025425", "present")}),
    ("Pupils small bilat. CD4:CD8 ratio inverted.", {("HP:0000616", "present"), ("HP:0033222", "present")}),
    ("Ao root aneurysmal; 7 of 24 glomeruli sclerosed.", {("HP:0002616", "present"), ("HP:0000096", "present")}),
])
def test_notes_of_the_twenty_first_session(rec, text, want):
    ids = {h for h, _ in want} | {"HP:0000977", "HP:0001643", "HP:0030718", "HP:0031295", "HP:0001518", "HP:0003212",
                                  "HP:0002149", "HP:0000093", "HP:0009777", "HP:0012382", "HP:0006501"}
    got = {(f.hpo_id, f.status) for f in rec.recognize(text) if f.hpo_id in ids}
    assert got == want


@pytest.mark.parametrize("text, want", [
    # "fall" as a verb of sleep or of a measure
    ("She takes up to two hours to fall asleep.", set()),
    ("Her scores did not fall in the mild range.", set()),
    ("He falls in the playground most weeks.", {("HP:0002527", "present")}),
    ("He had falls within the last year.", {("HP:0002527", "present")}),
    # a predicate ends before a preposition
    ("First words at 12 months, speech not delayed per early records.", {("HP:0000750", "excluded")}),
    ("Motor milestones were not delayed as such.", {("HP:0001270", "excluded")}),
    # a screening test's subject; a value called normal after a comma or in brackets
    ("Hearing screen normal.", {("HP:0000365", "excluded")}),
    ("Investigations: CK 112 U/L (within normal limits).", {("HP:0040081", "excluded")}),
    ("His creatine kinase was 142 U/L, within the normal range.", {("HP:0040081", "excluded")}),
    # a tendency negated; a relative who dates or mentions is the informant
    ("She is not prone to recurrent infections.", {("HP:0002719", "excluded")}),
    # a negated person adjective as an item of a note, not "short" of the part before it
    ("Behaviour: no tantrums, not hyperactive, not aggressive.", {("HP:0000752", "excluded"),
                                                                   ("HP:0000718", "excluded")}),
    ("Philtrum long (defo not short).", {("HP:0000343", "present")}),
    ("He is very overactive at home. Overactive bladder.", {("HP:0000752", "present"), ("HP:0000012", "present")}),
    # the cardiothoracic ratio
    ("CXR: cardiothoracic ratio 0.61; lung fields clear.", {("HP:0001640", "present")}),
    ("The CTR was 0.45.", {("HP:0001640", "excluded")}),
    # shorthand of notes and the clinical lexicon
    ("Teeth abnl. Feeding probs as a baby.", {("HP:0006482", "present"), ("HP:0011968", "present")}),
    ("MRI: dilated lat ventricles.", {("HP:0006956", "present")}),
    ("Fundi: no retinal haem, no vitreous haem, retina flat - no RD.",
     {("HP:0000573", "excluded"), ("HP:0007902", "excluded"), ("HP:0000541", "excluded")}),
    ("MRI brain: no PMG, no cortical dysplasia.", {("HP:0002126", "excluded")}),
    ("Behaviour: OC traits. She makes good eye contact.", {("HP:0008770", "present"), ("HP:0000817", "excluded")}),
    # a statement of absence as the object of a negated verb of having
    ("She does not make good eye contact.", {("HP:0000817", "present")}),
    ("He doesn't have normal hearing.", {("HP:0000365", "present")}),
    ("No seizures, normal hearing.", {("HP:0000365", "excluded")}),
])
def test_notes_of_the_twenty_first_session_round_two(rec, text, want):
    ids = {h for h, _ in want} | {"HP:0002527", "HP:0001256", "HP:0004322", "HP:0000343", "HP:0000752", "HP:0001640",
                                  "HP:0000718", "HP:0000012"}
    got = {(f.hpo_id, f.status) for f in rec.recognize(text) if f.hpo_id in ids}
    assert got == want


@pytest.mark.parametrize("text, want", [
    # guards from the review of the twenty-first session
    ("Weight was appropriate for gestational age but length was small for gestational age.",
     {("HP:0001518", "present")}),
    ("She was born large for gestational age; length appropriate for gestational age.", {("HP:0001520", "present")}),
    ("Placenta appropriate for gestational age.", set()),
    ("He falls in the normal course of play more than his siblings.", {("HP:0002527", "present")}),
    ("Falls outside the home, on average twice a week.", {("HP:0002527", "present")}),
    ("CK 800 U/L, normal range <200.", {("HP:0003236", "present")}),
    ("Hb 85 g/L, normal MCV.", {("HP:0001903", "present")}),
    ("Sweat test normal. Skin test normal.", set()),
    ("He is not susceptible to fractures despite low bone density.",
     {("HP:0020110", "excluded"), ("HP:0004349", "present")}),
    ("Histology: not aggressive, low grade.", set()),
    ("The lesion, not aggressive, was excised.", set()),
    ("CTR 0.58 in this neonate.", set()),
    ("CTR 0.52, no cardiomegaly.", {("HP:0001640", "excluded")}),
    ("Radial pulses not palpable.", set()),
    ("At present thumbs adducted and fisted.", {("HP:0001181", "present")}),
    ("FH: older SIB with ASD.", set()),
    ("The granulation tissue rises above the skin, creating a raised surface.", set()),
])
def test_review_of_the_twenty_first_session(rec, text, want):
    got = {(f.hpo_id, f.status) for f in rec.recognize(text)}
    assert want <= got
    # nothing else of the terms concerned (no contradiction), and nothing at all where nothing is wanted
    concerned = {h for h, _ in want} | {"HP:0001518", "HP:0001520", "HP:0040081", "HP:0001640"}
    assert {(h, st) for h, st in got if h in concerned or not want} <= want


@pytest.mark.parametrize("text", ["The mother attributes her own deafness to noise.",
                                  "His aunt, believed to be a carrier, has mild weakness."])
def test_a_relative_who_attributes_or_is_believed_keeps_her_findings(rec, text):
    assert {f.subject for f in rec.recognize(text)} == {"family"}


@pytest.mark.parametrize("text, general, specific", [
    ("There was spasticity in both legs.", "HP:0001257", "HP:0002061"),
    ("Tone was reduced in all four limbs.", "HP:0001252", "HP:0012389"),
    ("Upper limb reflexes were exaggerated.", "HP:0001347", "HP:0007350"),
    ("Undescended testes on both sides.", "HP:0000028", "HP:0008689"),
    ("Generalised dystonic posturing.", "HP:0001332", "HP:0007325"),
    ("Cataract present at birth.", "HP:0000518", "HP:0000519"),
    ("No weakness in the arms.", "HP:0001324", "HP:0003484"),
])
def test_a_qualifier_of_place_side_or_time_reads_the_narrower_term_too(rec, text, general, specific):
    got = {f.hpo_id: f.status for f in rec.recognize(text)}
    assert got.get(specific) == got.get(general) and got.get(specific) is not None


@pytest.mark.parametrize("text", ["Testes descended bilaterally.", "Normocephalic at birth.", "Seizures since birth.",
                                  "Pain in his left side."])
def test_no_narrower_term_where_none_is_named_or_absence_is_stated(rec, text):
    bilateral_or_congenital = {"HP:0008689", "HP:0011451", "HP:0004488"}
    assert not {f.hpo_id for f in rec.recognize(text) if f.status == "present"} & bilateral_or_congenital


@pytest.mark.parametrize("text", [
    # guards from the review of round 3: a denied or one-sided "present", another's qualifier
    "No septum pellucidum present.", "No corpus callosum present.", "Left kidney absent; right kidney present.",
    "Right kidney present on USS, left absent.", "Muscle weakness in the legs of his older brother.",
    "Hypothyroidism since birth of her son in 2015.", "Focal, not generalised, seizures.",
])
def test_review_of_round_three(rec, text):
    got = {(f.hpo_id, f.status) for f in rec.recognize(text)}
    narrower_or_denied = {("HP:0001331", "excluded"), ("HP:0001274", "excluded"), ("HP:0000104", "excluded"),
                          ("HP:0007340", "present"), ("HP:0000851", "present"), ("HP:0002197", "excluded"),
                          ("HP:0001250", "excluded")}
    assert not got & narrower_or_denied


@pytest.mark.parametrize("text, want", [
    # round 4: an acronym in brackets after words that cannot spell it is no definition
    ("BW 4.6kg (LGA).", {("HP:0001520", "present")}),
    ("Angelman syndrome (AS) was diagnosed.", set()),
    # a match ends before a spaced "+" or notes' "bilat"
    ("Eyes widely spaced + prominent.", {("HP:0000316", "present")}),
    ("GU: testes descended bilat.", {("HP:0000028", "excluded")}),
    ("Hx: red skin + blistering since birth.", {("HP:0008066", "present")}),
    # notes' shorthand and acronyms
    ("Feeding diffs. Prom forehead. Poor head ctrl.", {("HP:0011968", "present"), ("HP:0011220", "present"),
                                                        ("HP:0002421", "present")}),
    ("Skin: no CALs. No astig.", {("HP:0000957", "excluded"), ("HP:0000483", "excluded")}),
    ("Murmur loudest at the LSE.", {("HP:0030148", "present")}),
])
def test_notes_of_the_twenty_first_session_round_four(rec, text, want):
    got = {(f.hpo_id, f.status) for f in rec.recognize(text)}
    assert want <= got and not {h for h, _ in got} & {"HP:0000369", "HP:0001650"} - {h for h, _ in want}


@pytest.mark.parametrize("text, want", [
    # twenty-second session, round 1: negations over what a finding would suggest, verbs of
    # noticing or recording, a verdict after an adverb, a screen found negative
    ("EEG normal, with nothing to suggest an epileptic encephalopathy.", {("HP:0200134", "excluded")}),
    ("There is nothing in the history or examination to suggest cerebral palsy.", {("HP:0100021", "excluded")}),
    ("No rash or joint sx to suggest vasculitis.", {("HP:0000988", "excluded"), ("HP:0002633", "excluded")}),
    ("No rash to suggest vasculitis, but she has arthritis.", {("HP:0002633", "excluded"), ("HP:0001369", "present")}),
    ("His mother has not noticed any compulsive behaviours.", {("HP:0000722", "excluded")}),
    ("Video-EEG telemetry has not shown any generalised-onset seizures.", {("HP:0002197", "excluded")}),
    ("Photic stimulation did not elicit a photoparoxysmal response.", {("HP:0010852", "excluded")}),
    ("Tetralogy of Fallot was specifically excluded.", {("HP:0001636", "excluded")}),
    ("Mood good; depression screen -ve.", {("HP:0000716", "excluded")}),
    # "normal" right before a finding named without its abnormality
    ("Normal overbite and no crowding of the teeth.", {("HP:0011094", "excluded"), ("HP:0000678", "excluded")}),
    ("Normal pressure hydrocephalus.", {("HP:0002343", "present")}),
    # a birth at term in weeks
    ("Born at 39+2 weeks gestation (term).", {("HP:0001622", "excluded")}),
    ("Delivered at 36 weeks.", {("HP:0001622", "present")}),
    # flow cytometry's subsets with a flag, a flag after a comma that ends the statement, "(^)"
    ("CD19+ B cells 38 cells/uL, markedly low.", {("HP:0010976", "present")}),
    ("CD3+ T cells 420 cells/uL (low for age).", {("HP:0005403", "present")}),
    ("NK cells 45 cells/uL, reduced.", {("HP:0040218", "present")}),
    ("Naive CD4+ T cells 12% (low).", {("HP:0410378", "present")}),
    ("Neuts 19.8 (^).", {("HP:0011897", "present")}),
    ("Hb 98 g/L, low platelets and high WCC.", {("HP:0001873", "present")}),
    # notes' shorthand, "repeated" as "recurrent", and the clinical lexicon
    ("Global devt delay from infancy.", {("HP:0001263", "present")}),
    ("Devt normal.", {("HP:0001263", "excluded")}),
    ("Repeated fungal infections.", {("HP:0002841", "present")}),
    ("Parkinsonian picture with cogwheeling at both wrists.", {("HP:0001300", "present"), ("HP:0002396", "present")}),
    ("Restricted eye movements; she has never acquired any words.", {("HP:0000597", "present"),
                                                                        ("HP:0001344", "present")}),
    ("Fifth fingers straight. Palate normally arched, uvula single.", {("HP:0004209", "excluded"),
                                                                          ("HP:0000218", "excluded"),
                                                                          ("HP:0000193", "excluded")}),
])
def test_notes_of_the_twenty_second_session(rec, text, want):
    ids = {h for h, _ in want} | {"HP:0001903"}  # (no anaemia from "Hb 98 g/L, low platelets")
    got = {(f.hpo_id, f.status) for f in rec.recognize(text) if f.hpo_id in ids}
    assert got == want


@pytest.mark.parametrize("text, finding", [
    # a relative that names the patient's descent or a side of the family is no subject
    ("A man, born to first-cousin parents, presented with infertility.", "HP:0000789"),
    ("He was born at term to non-consanguineous parents and had been erythrodermic since birth.", "HP:0001019"),
    ("A 9-month-old boy, the first child of healthy parents, who was delivered by C-section.", "HP:0011410"),
    ("His mother dates his problems back to a fall in the playground.", "HP:0002527"),
])
def test_descent_and_informants_leave_the_finding_to_the_patient(rec, text, finding):
    assert [(f.hpo_id, f.subject) for f in rec.recognize(text) if f.hpo_id == finding] == [(finding, "patient")]


def test_a_relative_born_to_parents_keeps_her_own_findings(rec):
    got = [(f.hpo_id, f.subject) for f in rec.recognize("Her mother, born to consanguineous parents, has cataracts.")]
    assert got == [("HP:0000518", "family")]


@pytest.mark.parametrize("text, want", [
    # round 2: lab values flagged "(nl)", a count's letter flag without a unit, "Cr", a value
    # that opens a bracket, a volume before its share of predicted
    ("Hb 145 g/L (nl), WCC 6.3 x10^9/L (nl).", {("HP:0011902", "excluded"), ("HP:0011893", "excluded")}),
    ("Plt 72 (L), WBC 2.6 (L). Cr 1.5 mg/dL (H).", {("HP:0001873", "present"), ("HP:0001882", "present"),
                                                    ("HP:0003259", "present")}),
    ("Grade 2 (L).", set()),
    ("IgA (<0.07 g/L; reference 0.5-2.4).", {("HP:0002720", "present")}),
    ("FVC 1.18 L (39% predicted).", {("HP:0032341", "present")}),
    # parts normally sized, palpebral fissures horizontal
    ("Ears normally sized.", {("HP:0000400", "excluded"), ("HP:0008551", "excluded")}),
    ("The palpebral fissures were horizontal.", {("HP:0000582", "excluded"), ("HP:0000494", "excluded")}),
    ("Eyebrows horizontal.", {("HP:0011228", "present")}),
    # a person adjective as a note's whole item
    ("Tone: profoundly floppy.", {("HP:0001252", "present")}),
    ("Floppy, reduced axial tone.", {("HP:0001252", "present"), ("HP:0008936", "present")}),
    ("The mitral valve was floppy.", set()),
    # the clinical lexicon
    ("He has never broken a bone; his hearing is poor.", {("HP:0020110", "excluded"), ("HP:0000365", "present")}),
    ("Bifacial weakness. Hirsute. Eyebrows meet across the midline.", {("HP:0030319", "present"),
                                                                        ("HP:0001007", "present"),
                                                                        ("HP:0000664", "present")}),
    ("Eyebrows separate. Mitral valve competent. Nipples normally everted.", {("HP:0000664", "excluded"),
                                                                               ("HP:0001653", "excluded"),
                                                                               ("HP:0003186", "excluded")}),
    ("She had no spoken words. EEG: abnormal background. No lytic lesions.", {("HP:0001344", "present"),
                                                                               ("HP:0002353", "present"),
                                                                               ("HP:0002797", "excluded")}),
])
def test_notes_of_the_twenty_second_session_round_two(rec, text, want):
    ids = {h for h, _ in want} | {"HP:0001903", "HP:0001252", "HP:0000582", "HP:0011228"}
    got = {(f.hpo_id, f.status) for f in rec.recognize(text) if f.hpo_id in ids}
    assert got == want


@pytest.mark.parametrize("text, want", [
    # round 3: an opinion in the passive, "ruling out", superscript units, ", nl for age",
    # power "x4", person adjectives "premature" and "breathless", "incr", and the lexicon
    ("She was not considered to have hypopituitarism.", {("HP:0040075", "excluded")}),
    ("Normal sperm count, ruling out azoospermia.", {("HP:0000027", "excluded")}),
    ("WBC 24.6 ×10⁹/L (H).", {("HP:0001974", "present")}),
    ("IgG 5.8 g/L, nl for age.", {("HP:0410242", "excluded")}),
    ("Power 5/5 x4 limbs.", {("HP:0001324", "excluded")}),
    ("She was not premature. A premature infant.", {("HP:0001622", "excluded"), ("HP:0001622", "present")}),
    ("She had premature adrenarche.", {("HP:0012412", "present")}),
    ("Incr tone. He is breathless.", {("HP:0001276", "present"), ("HP:0002094", "present")}),
    ("No portal HTN; c/w pulmonary arterial HTN.", {("HP:0001409", "excluded"), ("HP:0002092", "present")}),
    ("No Babinski sign. Eye movements were full in all directions.", {("HP:0003487", "excluded"),
                                                                      ("HP:0000597", "excluded")}),
    ("She makes very little eye contact.", {("HP:0000817", "present")}),
    ("No curving of the fifth fingers, no incurving of the toes, no single transverse crease.",
     {("HP:0004209", "excluded"), ("HP:0001863", "excluded"), ("HP:0000954", "excluded")}),
    # "fall-off" is no fall; falling off a bike is
    ("Head growth followed its centile with no fall-off.", set()),
    ("He falls off his bike.", {("HP:0002527", "present")}),
])
def test_notes_of_the_twenty_second_session_round_three(rec, text, want):
    ids = {h for h, _ in want} | {"HP:0002527", "HP:0000568", "HP:0001622"}
    got = {(f.hpo_id, f.status) for f in rec.recognize(text) if f.hpo_id in ids}
    assert got == want


@pytest.mark.parametrize("text, want", [
    # round 4: "has not shown", "have not been a feature", a suspicion later confirmed, "rather
    # than a simple …", a denial over what its findings would suggest
    ("His chest imaging has not shown any interstitial emphysema.", {("HP:0032965", "excluded")}),
    ("Urinary tract infections have not been a feature.", {("HP:0000010", "excluded")}),
    ("Posterior urethral valves were suspected on antenatal ultrasound and confirmed on postnatal MCUG.",
     {("HP:0010957", "present")}),
    ("Posterior urethral valves were suspected on antenatal ultrasound.", {("HP:0010957", "uncertain")}),
    ("A vertical cleft of the chin, a true cleft rather than a chin dimple.", {("HP:0011323", "present"),
                                                                               ("HP:0010751", "excluded")}),
    ("He denied headaches or deficits suggestive of stroke-like episodes.", {("HP:0002315", "excluded"),
                                                                             ("HP:0002401", "excluded")}),
    # a letter flag before the range or a comment, "pulm", "rhabdo", breadth, "well formed"
    ("Free T4 3.8 pmol/L (L; ref 10-22), Cr 98 µmol/L (H, baseline 30).", {("HP:0033078", "present"),
                                                                             ("HP:0003259", "present")}),
    ("Rhabdo. No pulm valve stenosis.", {("HP:0003201", "present"), ("HP:0001642", "excluded")}),
    ("Forehead of normal breadth.", {("HP:0000337", "excluded"), ("HP:0000341", "excluded")}),
    ("Corpus callosum fully formed.", {("HP:0001274", "excluded")}),
    # "frequently", "strongly", "diastemata", and the lexicon
    ("He falls frequently. His eyebrows are strongly arched.", {("HP:0002359", "present"),
                                                                 ("HP:0002553", "present")}),
    ("No diastemata.", {("HP:0000699", "excluded")}),
    ("A well-rounded occiput. Normal ocular alignment. Head control good.", {("HP:0005469", "excluded"),
                                                                             ("HP:0000486", "excluded"),
                                                                             ("HP:0002421", "excluded")}),
    ("Tires quickly w/ exertion; a convulsive episode; feeling generally unwell; sparse brows.",
     {("HP:0003388", "present"), ("HP:0001250", "present"), ("HP:0033834", "present"), ("HP:0045075", "present")}),
])
def test_notes_of_the_twenty_second_session_round_four(rec, text, want):
    ids = {h for h, _ in want}
    got = {(f.hpo_id, f.status) for f in rec.recognize(text) if f.hpo_id in ids}
    assert got == want


@pytest.mark.parametrize("text, want", [
    # round 5: "excluding", "not enlarged", notes' "neg", a negative result after "A and B"
    ("Thyroid function tests were normal, excluding congenital hypothyroidism.", {("HP:0000851", "excluded")}),
    ("The perivascular spaces are not enlarged.", {("HP:0012520", "excluded")}),
    ("RF and dsDNA negative, no SLE.", {("HP:0002725", "excluded")}),
    ("CSF protein 1.9 g/L (H), WCC 2, cult neg.", {("HP:0002922", "present")}),
    # "Hb" without a unit, presence on an X-ray, "palsy" as "paralysis", "confused"
    ("Hb 9.6 (L). Patellae present on knee XR.", {("HP:0001903", "present"), ("HP:0006443", "excluded")}),
    ("L vocal cord palsy.", {("HP:0001605", "present")}),
    ("Cerebral palsy.", {("HP:0100021", "present")}),
    # the lexicon
    ("Recurrent OM. She began to hallucinate.", {("HP:0000403", "present"), ("HP:0000738", "present")}),
    ("MRI: normal white matter volume; open coronal sutures.", {("HP:0034295", "excluded"), ("HP:0004440", "excluded")}),
    ("Smooth pursuit, normal saccades.", set()),
])
def test_notes_of_the_twenty_second_session_round_five(rec, text, want):
    ids = {h for h, _ in want} | {"HP:0001152", "HP:0003493"}
    got = {(f.hpo_id, f.status) for f in rec.recognize(text) if f.hpo_id in ids}
    assert got == want


@pytest.mark.parametrize("text, want", [
    # round 6: development of one domain found normal is not global development
    ("Speech development was normal.", {("HP:0000750", "excluded")}),
    ("His early motor development was unremarkable.", {("HP:0001270", "excluded")}),
    ("Development was normal.", {("HP:0001263", "excluded")}),
    ("Speech/lang delayed.", {("HP:0000750", "present")}),
    # ambulation kept, feeding, reflux, the philtrum
    ("She remains fully ambulant without aids.", {("HP:0002505", "excluded")}),
    ("He was difficult to feed; a difficult feeder.", {("HP:0011968", "present")}),
    ("GORD. No GOR.", {("HP:0002020", "present"), ("HP:0002020", "excluded")}),
    ("The philtrum was normally grooved.", {("HP:0000319", "excluded")}),
    ("Effaced philtral columns.", {("HP:0000319", "present")}),
])
def test_notes_of_the_twenty_second_session_round_six(rec, text, want):
    ids = {h for h, _ in want} | {"HP:0001263"}
    got = {(f.hpo_id, f.status) for f in rec.recognize(text) if f.hpo_id in ids}
    assert got == want


@pytest.mark.parametrize("text, finding, status, subject", [
    # the review of the twenty-second session's rules: each read as before them
    ("There is nothing to suggest that his seizures are provoked.", "HP:0001250", "present", "patient"),
    ("Nothing to suggest a syndromic cause for her cleft palate.", "HP:0000175", "present", "patient"),
    ("The EEG did not capture any of her typical absence seizures.", "HP:0001250", "present", "patient"),
    ("Repeat echo has not shown any further dilatation of the aortic root.", "HP:0002616", "present", "patient"),
    ("Staff did not witness the fall, but he had a head laceration.", "HP:0002527", "present", "patient"),
    ("Examination was normal excluding a small umbilical hernia.", "HP:0001537", "present", "patient"),
    ("Excluding his hypospadias, the genital examination was normal.", "HP:0000047", "present", "patient"),
    ("After ruling out other causes of his seizures, Dravet syndrome was diagnosed.", "HP:0001250", "present",
     "patient"),
    ("He was born to a mother with myotonic dystrophy.", "HP:0002486", "present", "family"),
    ("She was born to a mother who had seizures during pregnancy.", "HP:0001250", "present", "family"),
    ("Grandmother on mother's side had breast cancer.", "HP:0003002", "present", "family"),
    ("His father's hearing loss dates from age 40.", "HP:0000365", "present", "family"),
    ("The patient's father dates his own tremor to his teens.", "HP:0001337", "present", "family"),
    ("Normal myopia correction with glasses.", "HP:0000545", "present", "patient"),
    ("She reports more than normal fatigue.", "HP:0012378", "present", "patient"),
    ("A proximal rather than a distal myopathy.", "HP:0003198", "present", "patient"),
    ("Seizures have not been a feature since infancy.", "HP:0001250", "present", "patient"),
    ("Seizures were suspected and later proven to be benign sleep myoclonus.", "HP:0001250", "uncertain", "patient"),
    ("It was not considered that the hypotonia was central.", "HP:0001252", "present", "patient"),
    ("The arachnoid cyst was not enlarged on follow-up MRI.", "HP:0100702", "present", "patient"),
    ("Splenomegaly, not enlarged further since the last scan.", "HP:0001744", "present", "patient"),
    ("Cervical lymphadenopathy and EBV neg.", "HP:0025289", "present", "patient"),
    ("Full eye movements except for abduction of the right eye.", "HP:0000597", None, None),
    ("Ears well formed, low set.", "HP:0000598", None, None),
    ("Wound: septic.", "HP:0100806", None, None),
    ("Sibling 1: floppy.", "HP:0001252", None, None),
    ("Mother was confused by the instructions.", "HP:0001289", None, None),
    ("Babinski: flexor.", "HP:0003487", None, None),
    ("ANA was sent.", "HP:0003493", None, None),
    ("Urine protein:Cr 300 mg/mmol (H). Urine Cr 12 mmol/L (H).", "HP:0003259", None, None),
    ("Caesarean section at 39 weeks was planned but she delivered at 33 weeks.", "HP:0001622", "present", "patient"),
    ("Power 5/5 x4 limbs except left ankle dorsiflexion 3/5.", "HP:0001324", "present", "patient"),
    ("The right palpebral fissure was horizontal and the left downslanting.", "HP:0000582", None, None),
    ("Repeated ear infections were denied.", "HP:0410018", "excluded", "patient"),
])
def test_review_of_the_twenty_second_session(rec, text, finding, status, subject):
    got = {(f.status, f.subject) for f in rec.recognize(text) if f.hpo_id == finding}
    assert got == ({(status, subject)} if status else set())


@pytest.mark.parametrize("text, want", [
    # round 7: a closed "neither … nor" pair and "without" after a finding end at a comma
    ("A broad nose with neither upturned nostrils nor a bulbous tip, a thin upper lip and a thick lower lip.",
     {("HP:0000463", "excluded"), ("HP:0000219", "present"), ("HP:0000179", "present")}),
    ("Downslanting palpebral fissures without epicanthus, micrognathia and a bifid uvula.",
     {("HP:0000286", "excluded"), ("HP:0000347", "present"), ("HP:0000193", "present")}),
    ("Hypotonia without seizures, ataxia or neuropathy.", {("HP:0001252", "present"), ("HP:0001250", "excluded"),
                                                          ("HP:0001251", "excluded")}),
    # a list to its "or" whose items hold "of", verdicts before a bracket, more negations
    ("There is no history of reflux, recurrent bouts of vomiting or chronic constipation.",
     {("HP:0012450", "excluded")}),
    ("B-ALL excluded; T-ALL also excluded (marrow, for neutropenia).", {("HP:0006727", "excluded")}),
    ("There is nothing in her history or examination to suggest cerebral palsy.", {("HP:0100021", "excluded")}),
    ("Sz: none ever. Alive at last follow-up, SUDEP not having occurred.", {("HP:0001250", "excluded"),
                                                                           ("HP:0033258", "excluded")}),
    ("Her course was not considered consistent with an epileptic encephalopathy.", {("HP:0200134", "excluded")}),
    # "BGL", the lexicon
    ("BGL 1.6 mmol/L (L).", {("HP:0001943", "present")}),
    ("No SEGA. Droopy upper lids. Great toes straight.", {("HP:0009718", "excluded"), ("HP:0000508", "present"),
                                                          ("HP:0001822", "excluded")}),
    ("Head circumference did not fall off later.", set()),
])
def test_notes_of_the_twenty_second_session_round_seven(rec, text, want):
    ids = {h for h, _ in want} | {"HP:0002527", "HP:0001945"}
    got = {(f.hpo_id, f.status) for f in rec.recognize(text) if f.hpo_id in ids and f.subject == "patient"}
    assert got == want


@pytest.mark.parametrize("text, finding, status, subject", [
    # the second review: each as the session's start read it, or right
    ("Hypotonia without weakness, areflexia, or fasciculations.", "HP:0002380", "excluded", "patient"),
    ("Fever without rash, neck stiffness, and photophobia.", "HP:0000613", "excluded", "patient"),
    ("Seizures did not occur until age 5.", "HP:0001250", "present", "patient"),
    ("Normal hearing but delayed speech.", "HP:0000365", "excluded", "patient"),
    ("Nothing to suggest raised ICP or papilloedema.", "HP:0001085", "excluded", "patient"),
    ("Resp: breathless.", "HP:0002094", "present", "patient"),
    ("The seizures were not felt to have been provoked.", "HP:0001250", "present", "patient"),
    ("It was not considered to have caused his seizures.", "HP:0001250", "present", "patient"),
    ("Father became aware of his own hearing loss in his twenties.", "HP:0000365", "present", "family"),
    ("ONH pallor on the right.", "HP:0000609", None, None),
    ("Echocardiogram was normal, thus excluding cardiomyopathy.", "HP:0001638", "excluded", "patient"),
    ("Born at 39 weeks by elective caesarean section.", "HP:0001622", "excluded", "patient"),
    ("He was admitted for ruling out sepsis.", "HP:0100806", "present", "patient"),  # (as before the session)
    ("LP was done for ruling out meningitis in the context of fever.", "HP:0001945", "present", "patient"),
    ("Hashimoto's encephalopathy in the mother.", "HP:0000872", None, None),
    ("Infant of a mother with poorly controlled diabetes, presented with hypoglycaemia.", "HP:0001943", "present",
     "patient"),
    ("Infant of a mother with poorly controlled diabetes, presented with hypoglycaemia.", "HP:0000819", "present",
     "family"),
    ("Power 5/5 throughout, but reflexes brisk.", "HP:0001324", "excluded", "patient"),
    ("Normal sleep EEG.", "HP:0002360", None, None),
])
def test_second_review_of_the_twenty_second_session(rec, text, finding, status, subject):
    got = {(f.status, f.subject) for f in rec.recognize(text) if f.hpo_id == finding}
    assert got == ({(status, subject)} if status else set())


@pytest.mark.parametrize("text, hpo, status", [
    ("Fixed flexion at the proximal interphalangeal joints of several fingers.", "HP:0012385", "present"),
    ("The fingers extend fully.", "HP:0012385", "excluded"),
    ("Knees extend fully.", "HP:0034671", "excluded"),
    ("The urethral meatus was at the tip of the glans.", "HP:0000047", "excluded"),
    ("Hypospadias with the meatus at the corona.", "HP:0000047", "present"),
    ("Growth restriction was detected on antenatal ultrasound.", "HP:0001511", "present"),
    ("Growth restriction had been noted on antenatal scans.", "HP:0001511", "present"),
    ("Prenatal ultrasounds showed normal fetal growth.", "HP:0001511", "excluded"),
    ("He hits out at carers when frustrated.", "HP:0000718", "present"),
    ("Her bowels are regular.", "HP:0002019", "excluded"),
    ("The longitudinal arches of the feet were preserved.", "HP:0001763", "excluded"),
    ("The pulmonary valve was unobstructed.", "HP:0001642", "excluded"),
    ("Speech clear and well articulated.", "HP:0001260", "excluded"),
    ("Brief staring spells with unresponsiveness.", "HP:0002121", "present"),
    ("She has not had brief staring spells.", "HP:0002121", "excluded"),  # an adjective of the negated verb's finding
    ("Feeding was a struggle from the outset.", "HP:0011968", "present"),
    ("She is much shorter than her peers.", "HP:0004322", "present"),
])
def test_lexicon_of_the_twenty_sixth_session(rec, text, hpo, status):
    assert {f.status for f in rec.recognize(text) if f.hpo_id == hpo} == {status}


@pytest.mark.parametrize("text, hpo, status", [
    ("Both testes were in the scrotum.", "HP:0000028", "excluded"),
    ("The right testis was not in the scrotum.", "HP:0000028", "present"),
    ("He slept well through the night.", "HP:0002360", "excluded"),
    ("Sleep was reported to be normal.", "HP:0002360", "excluded"),    # (a report of it: kgmed.text.normal)
    ("Sleep was undisturbed.", "HP:0002360", "excluded"),
    ("He feeds well from the bottle.", "HP:0011968", "excluded"),
    ("She breastfed well during the first weeks of life.", "HP:0011968", "excluded"),
    ("Neonatal feeding was unremarkable.", "HP:0011968", "excluded"),
    ("Philtrum well formed.", "HP:0000319", "excluded"),
    ("Her motor milestones were normal.", "HP:0001270", "excluded"),
    ("Renal ultrasound showed two separate, normally positioned kidneys.", "HP:0000085", "excluded"),
    ("Echo: well-developed left heart structures.", "HP:0004383", "excluded"),
    ("The left heart structures were of normal size.", "HP:0004383", "excluded"),
    ("The columella does not hang below the alae.", "HP:0009765", "excluded"),
    ("She walked with a normal gait.", "HP:0001288", "excluded"),
    ("VCUG: no reflux of contrast into the ureters.", "HP:0000076", "excluded"),
    ("She does not harm herself.", "HP:0100716", "excluded"),
    ("He does not bite or harm himself.", "HP:0100716", "excluded"),   # a negated verb's alternative
    ("Antenatal: AFI normal throughout.", "HP:0001561", "excluded"),
    ("Liquor volume normal on antenatal USS.", "HP:0001562", "excluded"),   # both ends of the fluid
    ("No growth restriction in pregnancy.", "HP:0001511", "excluded"),
    ("Fetal growth had been appropriate throughout.", "HP:0001511", "excluded"),
    ("Echo: normal pulmonary venous drainage into the left atrium.", "HP:0010772", "excluded"),
    ("Sunken sternum, no keel chest.", "HP:0000768", "excluded"),
    ("The skull was symmetrical.", "HP:0001357", "excluded"),
    ("Head shape symmetrical.", "HP:0001357", "excluded"),
    ("Behaviour appropriate, sleep OK.", "HP:0000708", "excluded"),
    # a predicate before "without" ends there ("reduced" modifies nothing after it)
    ("Muscle tone was reduced without any hypertonia.", "HP:0001252", "present"),
])
def test_lexicon_of_the_twenty_eighth_session(rec, text, hpo, status):
    assert {f.status for f in rec.recognize(text) if f.hpo_id == hpo} == {status}


def test_a_night_on_the_ward_says_nothing_of_sleep(rec):
    """"Slept well overnight" in a progress note is the night's course, which curators do
    not record as *Sleep abnormality* excluded."""
    assert not [f for f in rec.recognize("Subjective: slept well overnight, afebrile.") if f.hpo_id == "HP:0002360"]


@pytest.mark.parametrize("text, hpo, status", [
    # a negation over a verb of judgement, and over a diagnosis raised and then rejected
    ("She was not considered autistic.", "HP:0000717", "excluded"),
    ("The spasms were not felt to represent an epileptic encephalopathy.", "HP:0200134", "excluded"),
    ("The picture was not thought to be consistent with cerebral palsy.", "HP:0100021", "excluded"),
    ("She was not considered for seizure surgery.", "HP:0001250", "present"),   # a plan, not a finding
    ("Cerebral palsy was considered in childhood and ruled out.", "HP:0100021", "excluded"),
    ("Cerebral palsy was considered in early childhood but was not supported by assessment.", "HP:0100021",
     "excluded"),
    ("Epilepsy was suspected but not confirmed.", "HP:0001250", "uncertain"),
    ("She did not meet diagnostic criteria for ADHD.", "HP:0007018", "excluded"),
    ("Good eye contact; ASD assessment -ve.", "HP:0000729", "excluded"),
    ("No projectile vomiting; pyloric stenosis was never suspected.", "HP:0002021", "excluded"),
    ("Esophageal atresia excluded at birth with easy nasogastric tube passage.", "HP:0002032", "excluded"),
    ("Knee jerks were brisk, but clonus could not be elicited at the ankles.", "HP:0002169", "excluded"),
    ("Echocardiography did not demonstrate any intracardiac tumour.", "HP:0002664", "excluded"),
    # opinions and memories of an informant
    ("Her mother does not recall her being floppy as a newborn.", "HP:0001319", "excluded"),
    ("His mother does not feel he is an anxious boy.", "HP:0000739", "excluded"),
    # an informant is not the subject
    ("Careful history with both parents: no drop attacks.", "HP:0010819", "excluded"),
    ("His parents have seen no myoclonic jerks.", "HP:0001336", "excluded"),
    # "no" is no coordinated adjective ("no red eye" is no *Anophthalmia*), a negated
    # predicate's adjective no attribute of the noun after its comma
    ("There was no lazy eye.", "HP:0000646", "excluded"),
    ("There was no red eye.", "HP:0000528", None),
    ("A low nasal bridge which is not broad, upturned nostrils.", "HP:0000463", "present"),
    ("Language normal, not globally delayed.", "HP:0001263", "excluded"),
    # a urine ratio to creatinine is the analyte's measure
    ("Her urine protein:creatinine ratio was normal at 11 mg/mmol.", "HP:0000093", "excluded"),
    ("The urine protein/creatinine ratio has remained within normal limits.", "HP:0000093", "excluded"),
    ("uPCR 12 mg/mmol (normal).", "HP:0000093", "excluded"),
])
def test_notes_of_the_twenty_ninth_session(rec, text, hpo, status):
    got = {f.status for f in rec.recognize(text) if f.hpo_id == hpo}
    assert got == ({status} if status else set())


@pytest.mark.parametrize("text, hpo, status", [
    # eyelids at their normal height; a normal distance of the face before its noun (both ends)
    ("Lids at normal height.", "HP:0000508", "excluded"),
    ("The upper eyelids were normally positioned.", "HP:0000508", "excluded"),
    ("Eyelid position was normal.", "HP:0000508", "excluded"),
    ("Normal interpupillary distance.", "HP:0000316", "excluded"),
    ("Normal interpupillary distance.", "HP:0000601", "excluded"),
    ("Eyes nl spaced.", "HP:0000316", "excluded"),
    # a height that is short at no age, a BMI that is obese at no age, a BMI centile
    ("Height 176 cm, weight 72 kg.", "HP:0004322", "excluded"),
    ("On examination he is 178 cm tall.", "HP:0004322", "excluded"),
    ("Height 163 cm.", "HP:0004322", None),   # short for a man, not for a woman
    ("BMI 16.0.", "HP:0001513", "excluded"),
    ("BMI 22.1 kg/m2.", "HP:0001513", None),   # an adult's normal, a child's obesity
    ("BMI 19.8 kg/m2 (55th percentile).", "HP:0001513", "excluded"),
])
def test_normal_measures_of_the_twenty_ninth_session(rec, text, hpo, status):
    got = {f.status for f in rec.recognize(text) if f.hpo_id == hpo}
    assert got == ({status} if status else set())


@pytest.mark.parametrize("text, hpo, status", [
    ("Floppy from early infancy, with difficulty feeding as a baby.", "HP:0001252", "present"),
    ("Isla was noted to be floppy from the first weeks of life.", "HP:0001252", "present"),
    ("Neuro: tone ↓ axially, no hypertonia.", "HP:0001252", "present"),
    ("Tone ↓ all 4 limbs; power 5/5 throughout.", "HP:0001252", "present"),
    # a statement at the end of a note's line, the next line no noun of it
    ("- waddling gait\n- lumbar lordosis normal\nResp: FVC 4.6 L", "HP:0002938", "excluded"),
    ("Her BMI is 27.6 kg/m², above the healthy range but not in the obese range.", "HP:0001513", "excluded"),
    ("A full transposition rather than an isolated abdominal situs inversus.", "HP:0003363", "excluded"),
    ("I could not confirm the upslanting palpebral fissures of the referral.", "HP:0000582", "excluded"),
    ("There are no clinical or serological features of systemic lupus erythematosus.", "HP:0002725", "excluded"),
    ("Her father has not witnessed any focal seizures.", "HP:0007359", "excluded"),
    ("He has not been troubled by repeated chest infections.", "HP:0002783", "excluded"),
    ("They did not consider her to have an immunodeficiency requiring replacement.", "HP:0002721", "excluded"),
    ("A normal background, arguing against an epileptic encephalopathy.", "HP:0200134", "excluded"),
    ("She had not developed asthma.", "HP:0002099", "excluded"),
])
def test_notes_of_the_twenty_ninth_session_round_two(rec, text, hpo, status):
    assert {f.status for f in rec.recognize(text) if f.hpo_id == hpo} == {status}


@pytest.mark.parametrize("text, hpo, status", [
    ("He eats well.", "HP:0011968", "excluded"),
    ("Feeding fine, no swallowing problems.", "HP:0011968", "excluded"),
    ("Feeding problems since early infancy.", "HP:0011968", "present"),   # the term's own words stay present
    ("Her bowels open daily.", "HP:0002019", "excluded"),
    ("Bowel movements were regular.", "HP:0002019", "excluded"),
    ("The echocardiogram showed a normally sized left heart.", "HP:0004383", "excluded"),
    ("The alae nasi were well formed.", "HP:0000430", "excluded"),
    ("Normal longitudinal arches of the feet on standing.", "HP:0001763", "excluded"),
    ("Audiogram normal.", "HP:0000365", "excluded"),
    ("The upper lip vermilion was of normal height.", "HP:0000219", "excluded"),
])
def test_lexicon_of_the_twenty_ninth_session(rec, text, hpo, status):
    assert {f.status for f in rec.recognize(text) if f.hpo_id == hpo} == {status}


@pytest.mark.parametrize("text, hpo, status", [
    ("Hips: full ROM.", "HP:0003273", "excluded"),
    ("Full range of motion at both hips.", "HP:0003273", "excluded"),
    ("His attention span was adequate.", "HP:0000736", "excluded"),
    ("No focal-onset events were documented.", "HP:0007359", "excluded"),
    # the aortic root's z-score (its sign may be left out)
    ("Echo: Ao root 3.3 cm (Z +0.8); no dissection flap.", "HP:0002616", "excluded"),
    ("Aortic root 35 mm (Z-score 0.9), not dilated.", "HP:0002616", "excluded"),
    ("The aortic root measured 45 mm (Z-score +4.2).", "HP:0002616", "present"),
])
def test_joints_attention_and_the_aortic_root_of_the_twenty_ninth_session(rec, text, hpo, status):
    assert {f.status for f in rec.recognize(text) if f.hpo_id == hpo} == {status}


@pytest.mark.parametrize("text, subject", [
    # a relative seen by a doctor is no informant; one who has seen none of a finding is
    ("Her brother was seen in clinic for seizures.", "family"),
    ("His parents have seen no myoclonic jerks.", "patient"),
])
def test_seen_of_a_relative(rec, text, subject):
    assert {f.subject for f in rec.recognize(text)} == {subject}


@pytest.mark.parametrize("text, hpo, status", [
    # a negation over a verb of opinion after an adverb, over "this", over an article's modifiers
    ("I would not currently regard him as having a learning disability.", "HP:0001249", "excluded"),
    ("The dermatology team did not consider this to be typical atopic dermatitis.", "HP:0001047", "excluded"),
    ("I did not see a broad-based ataxic gait.", "HP:0002066", "excluded"),
    ("He did not see a doctor for seizures.", "HP:0001250", "present"),
    # a test, a PCR or an acronym in brackets between a finding and its negative result
    ("His antinuclear antibody (ANA) test was negative.", "HP:0003493", "excluded"),
    ("BAL: PJP PCR -ve, AFB culture -ve", "HP:0020102", "excluded"),
    ("TSH receptor antibodies were undetectable.", "HP:0034189", "excluded"),
    # "Ab" for antibody, and an antibody named without its "anti"
    ("TPO Ab -ve.", "HP:0025379", "excluded"),
    ("GAD65 Ab -ve, parietal cell Ab -ve.", "HP:6000343", "excluded"),
    ("GAD65 Ab -ve, parietal cell Ab -ve.", "HP:5000011", "excluded"),
    ("Blood group AB.", "HP:0025379", None),
    # a count per volume with its noun left out
    ("CD3+ T cells 45 /µL ↓↓", "HP:0005403", "present"),
    ("CD3+ T 1.4 x10^9/L ↓", "HP:0005403", "present"),
    # a blood count's differential is no differential diagnosis
    ("CBC with differential notable for an absolute eosinophil count of 2,300/uL.", "HP:0001880", "present"),
    ("Differential includes epilepsy.", "HP:0001250", "uncertain"),
    # mood, wheeze, disc swelling, heart size and cerebral volume
    ("Denies low mood.", "HP:0000716", "excluded"),
    ("Her mood is good and she is not anxious.", "HP:0000716", "excluded"),
    ("Mood stable, no emotional lability.", "HP:0000712", "excluded"),
    ("Audible wheeze on admission.", "HP:0030828", "present"),
    ("No optic disc swelling.", "HP:0001085", "excluded"),
    ("Normal heart size.", "HP:0001640", "excluded"),
    ("Normal cerebral volume.", "HP:0002059", "excluded"),
    # a list of statements is no list of subjects for the last one's predicate
    ("Mental status: alert, oriented, tone low.", "HP:0032044", None),
])
def test_notes_of_the_thirtieth_session(rec, text, hpo, status):
    got = {f.status for f in rec.recognize(text) if f.hpo_id == hpo}
    assert got == ({status} if status else set())


@pytest.mark.parametrize("text, subject", [
    # a patient named with a title shares the finding with her relative
    ("Mrs Lang and her husband have been unable to conceive.", "patient"),
    ("Her husband has been unable to conceive.", "family"),
])
def test_titled_patient_with_a_relative(rec, text, subject):
    assert {f.subject for f in rec.recognize(text)} == {subject}


@pytest.mark.parametrize("text, hpo, status", [
    # the teeth's eruption as a milestone
    ("Teeth erupted on time.", "HP:0000684", "excluded"),
    ("Her teeth had erupted at the normal time.", "HP:0000684", "excluded"),
    ("Dental eruption was timely and no fused teeth were present.", "HP:0000684", "excluded"),
    ("His teeth erupted late.", "HP:0000684", "present"),
    # the septa on echocardiography, the philtrum's grooves, the columella
    ("Echo: IAS intact, IVS intact.", "HP:0001631", "excluded"),
    ("Echo: IAS intact, IVS intact.", "HP:0001629", "excluded"),
    ("No interatrial shunt.", "HP:0001631", "excluded"),
    ("The philtrum was well grooved.", "HP:0000319", "excluded"),
    ("The columella did not hang below the alae.", "HP:0009765", "excluded"),
    # the palpebral fissure's height is its opening (not its length); "vertical" before a dimension
    ("Palpebral fissures of normal height.", "HP:0045025", "excluded"),
    ("Palpebral fissures of normal height.", "HP:0012745", None),
    ("The palpebral fissures are horizontal and of normal vertical height.", "HP:0045025", "excluded"),
    ("The palpebral fissures are horizontal and of normal vertical height.", "HP:0000582", "excluded"),
    ("Palpebral fissures of normal length.", "HP:0012745", "excluded"),
])
def test_milestones_and_faces_of_the_thirtieth_session(rec, text, hpo, status):
    got = {f.status for f in rec.recognize(text) if f.hpo_id == hpo}
    assert got == ({status} if status else set())


@pytest.mark.parametrize("text, hpo, status", [
    # a second predicate, a participle, of the nearest subject
    ("Philtrum short but well grooved.", "HP:0000319", "excluded"),
    ("Philtrum short but well grooved.", "HP:0000322", "present"),
    ("Eyebrows high and arched.", "HP:0002553", "present"),
    ("The retinas were flat and attached.", "HP:0000541", "excluded"),
    ("The palate is intact but high-arched.", "HP:0000218", "present"),
    # not of a subject before the nearest, and "normally" is no adverb to pass over
    ("Flat midface; the lower jaw was small and underdeveloped.", "HP:0011800", "present"),
    ("Nasal bridge not widened, and normally elevated in profile.", "HP:0000426", None),
    ("The hands were small and he walked late.", "HP:0200055", "present"),
])
def test_second_predicates(rec, text, hpo, status):
    got = {f.status for f in rec.recognize(text) if f.hpo_id == hpo}
    assert got == ({status} if status else set())


@pytest.mark.parametrize("text, hpo, status", [
    # a body length opening a sentence; "Ht" and "Wt" found normal
    ("Weight 12.6 kg. Length 88 cm (50th percentile).", "HP:0004322", "excluded"),
    ("Ht within normal range for age.", "HP:0004322", "excluded"),
    ("Wt normal.", "HP:0004325", "excluded"),
    # restlessness and overactivity, said of an object pronoun too
    ("His teachers describe him as overactive.", "HP:0000752", "present"),
    ("Parents describe her as restless.", "HP:0000711", "present"),
    ("Her tumour was aggressive.", "HP:0000718", None),
    ("Restless and constantly on the move, unable to sit still even at mealtimes.", "HP:0000752", "present"),
    ("Parents describe him as extremely hyperactive, constantly on the move.", "HP:0002487", None),
    ("Teacher reports calm activity level.", "HP:0000752", "excluded"),
    # development on track, "otherwise" between it and what is said of it
    ("Development otherwise on track.", "HP:0001263", "excluded"),
    ("Her development has otherwise been entirely on track.", "HP:0001263", "excluded"),
    ("Development was late.", "HP:0001263", "present"),
])
def test_growth_behaviour_and_development_of_the_thirtieth_session(rec, text, hpo, status):
    got = {f.status for f in rec.recognize(text) if f.hpo_id == hpo}
    assert got == ({status} if status else set())


@pytest.mark.parametrize("text, hpo, status", [
    # a screen for a finding that came back normal
    ("Newborn screening for hypothyroidism had been normal.", "HP:0000821", "excluded"),
    ("Screening for coeliac disease was negative.", "HP:0002608", "excluded"),
    ("Screening for hypothyroidism showed a raised TSH.", "HP:0000821", "uncertain"),
    # a statement of its own after a negated item is no item of its list
    ("He was not hypotonic, and tendon reflexes were reduced throughout.", "HP:0001315", "present"),
    ("No hypotonia, ataxia or seizures.", "HP:0001250", "excluded"),
])
def test_screens_and_statements_after_a_negation(rec, text, hpo, status):
    assert {f.status for f in rec.recognize(text) if f.hpo_id == hpo} == {status}


@pytest.mark.parametrize("text, subject", [
    # a note's "Parents:" heads what the parents report of the patient
    ("Parents: not clumsy, doesn't drop or bump into things.", "patient"),
    ("Her parents have diabetes.", "family"),
])
def test_parents_heading(rec, text, subject):
    assert {f.subject for f in rec.recognize(text)} == {subject}


@pytest.mark.parametrize("text, hpo, status", [
    # a rate of episodes: the finding's "Frequent" term, which HPO places elsewhere
    ("Parents report he falls several times a week at school.", "HP:0002359", "present"),
    ("Falls 2-3x/wk, several injuries.", "HP:0002359", "present"),
    ("He falls occasionally.", "HP:0002359", None),
    # names that another term's words took
    ("He does not get recurrent cold sores.", "HP:0410028", "excluded"),
    ("Disproportionate dilatation of the occipital horns of the lateral ventricles.", "HP:0030048", "present"),
    ("Disproportionate dilatation of the occipital horns of the lateral ventricles.", "HP:0034975", None),
    ("Discs pink, no temporal pallor.", "HP:0012511", "excluded"),
    ("Discs pink, no temporal pallor.", "HP:0000980", None),
    ("She reported poor vision in dim light since childhood.", "HP:0000662", "present"),
    ("The tear ducts have always been patent.", "HP:0001643", None),
])
def test_rates_and_names_of_the_thirtieth_session(rec, text, hpo, status):
    got = {f.status for f in rec.recognize(text) if f.hpo_id == hpo}
    assert got == ({status} if status else set())


@pytest.mark.parametrize("text, hpo, status", [
    # delays across domains, with the milestones, a verdict or "reaching" between
    ("Background of delayed early milestones across motor, speech and social domains.", "HP:0001263", "present"),
    ("Admitted for evaluation of delays across multiple developmental domains.", "HP:0001263", "present"),
    ("He showed delay in reaching his developmental milestones across speech, language and cognitive domains.",
     "HP:0001263", "present"),
    ("Delays were evident across motor, language and social domains.", "HP:0001263", "present"),
    # two domains' milestones are two delays
    ("He had delays in his motor and language milestones.", "HP:0001263", None),
])
def test_delays_across_domains(rec, text, hpo, status):
    got = {f.status for f in rec.recognize(text) if f.hpo_id == hpo}
    assert got == ({status} if status else set())


@pytest.mark.parametrize("text, hpo, status", [
    ("She has not yet begun to babble.", "HP:0000750", "present"),
    ("He babbles but has not yet said his first words.", "HP:0000750", "present"),
    ("He had not begun to walk by 2 years.", "HP:0031936", None),   # an age after it: the measurement reader's
])
def test_milestones_not_begun(rec, text, hpo, status):
    got = {f.status for f in rec.recognize(text) if f.hpo_id == hpo}
    assert got == ({status} if status else set())


@pytest.mark.parametrize("text, hpo, status", [
    ("HEENT: Normal facial shape; ears not protruding.", "HP:0001999", "excluded"),
    ("Her face is of normal shape.", "HP:0001999", "excluded"),
    ("Atypical facial shape, noted as dysmorphic.", "HP:0001999", "present"),
    ("Dysmorphic facial configuration noted by genetics.", "HP:0001999", "present"),
])
def test_facial_shape(rec, text, hpo, status):
    assert {f.status for f in rec.recognize(text) if f.hpo_id == hpo} == {status}


@pytest.mark.parametrize("text, hpo, status", [
    ("The anatomy did not fit tetralogy of Fallot.", "HP:0001636", "excluded"),
    ("His profile did not fit mild intellectual disability.", "HP:0001256", "excluded"),
    ("It was a true cleft rather than a simple chin dimple.", "HP:0010751", "excluded"),
    ("Video-EEG telemetry has not captured any generalised-onset seizures.", "HP:0002197", "excluded"),
    ("Whole-body jerks that are distinct from her seizures.", "HP:0001250", "present"),
    # "fall" of a measure, its range up to six words on
    ("His abilities fall below the mild intellectual disability range.", "HP:0002527", None),
])
def test_judgements_and_falls_of_the_thirtieth_session(rec, text, hpo, status):
    got = {f.status for f in rec.recognize(text) if f.hpo_id == hpo}
    assert got == ({status} if status else set())


@pytest.mark.parametrize("text, hpo, status", [
    ("Eyes: lenses clear OU.", "HP:0000518", "excluded"),
    ("Echo: AV trileaflet.", "HP:0001647", "excluded"),
    ("Plantars: toes downgoing bilaterally.", "HP:0003487", "excluded"),
    # a dimension with no end named: the lexicon's statement of that dimension of the part
    ("Vermilion of normal thickness.", "HP:0000233", "excluded"),
])
def test_eyes_valves_plantars_and_lips_of_the_thirtieth_session(rec, text, hpo, status):
    assert {f.status for f in rec.recognize(text) if f.hpo_id == hpo} == {status}


@pytest.mark.parametrize("text, hpo, status", [
    # a QTc normal at every age and for either sex
    ("The corrected QT interval measured 438 ms.", "HP:0005184", "excluded"),
    ("QTc 480 ms.", "HP:0005184", "present"),
    ("QTc 450 ms.", "HP:0005184", None),   # borderline for a man: not read
    ("Intestinal rotation was normal.", "HP:0002566", "excluded"),
    ("The uvula was undivided.", "HP:0000193", "excluded"),
    ("His energy levels are good.", "HP:0012378", "excluded"),
    ("Hippocampi normally rotated.", "HP:0034396", "excluded"),
])
def test_qtc_and_normal_parts_of_the_thirtieth_session(rec, text, hpo, status):
    got = {f.status for f in rec.recognize(text) if f.hpo_id == hpo}
    assert got == ({status} if status else set())


@pytest.mark.parametrize("text, hpo, status", [
    ("Her irides are pale blue.", "HP:0000635", "present"),
    ("She is oedematous.", "HP:0000969", "present"),
    ("Colonoscopy revealed an edematous and spotty bleeding mucosa.", "HP:0000969", None),   # of a thing
    ("No pulmonary regurgitation.", "HP:0010444", "excluded"),
    ("Sternum flat, not protruding.", "HP:0000768", "excluded"),
    ("She has forward-facing nostrils.", "HP:0000463", "present"),
    ("The elbows hyperextended.", "HP:0010485", "present"),
])
def test_eyes_skin_and_chest_of_the_thirtieth_session(rec, text, hpo, status):
    got = {f.status for f in rec.recognize(text) if f.hpo_id == hpo}
    assert got == ({status} if status else set())


@pytest.mark.parametrize("text, hpo, status", [
    # HPO's "Slowness" and "Dullness" (Lethargy) are a movement's and a percussion note's
    ("Slowness and progressive decrement on finger tapping.", "HP:0001254", None),
    ("Slowness and progressive decrement on finger tapping.", "HP:0002067", "present"),
    ("Shifting dullness +ve.", "HP:0001254", None),
    ("Shifting dullness +ve.", "HP:0001541", "present"),
    ("He struggled to fall back asleep.", "HP:0002527", None),
    ("There was a depression of the lower sternum.", "HP:0000716", None),
    ("There was a depression of the lower sternum.", "HP:0000767", "present"),
    ("No choanal narrowing.", "HP:0000452", "excluded"),
    ("Normal muscle bulk.", "HP:0003199", "excluded"),
    ("No apneic pauses.", "HP:0002104", "excluded"),
    ("Unequal pupils, right 5 mm and left 3 mm.", "HP:0009916", "present"),
    ("His cognitive abilities were impaired.", "HP:0100543", "present"),
])
def test_names_of_the_thirty_first_session(rec, text, hpo, status):
    got = {f.status for f in rec.recognize(text) if f.hpo_id == hpo}
    assert got == ({status} if status else set())


@pytest.mark.parametrize("text, hpo, status", [
    # single words not yet combined: a speech delay
    ("He uses about 20 single words without word combinations.", "HP:0000750", "present"),
    ("He does not yet put two words together.", "HP:0000750", "present"),
    ("No 2-word phrases yet.", "HP:0000750", "present"),
    ("She is now combining words into short sentences.", "HP:0000750", None),
    ("At 14 months he could not yet sit without support.", "HP:0025336", "present"),
    ("Her developmental milestones have all been met on time.", "HP:0001263", "excluded"),
    ("Her early developmental milestones were reached normally.", "HP:0001263", "excluded"),
    ("He walked normally.", "HP:0001263", None),
    # "of average" a dimension, "within ref range"
    ("Forehead of average width.", "HP:0000337", "excluded"),
    ("The average age was 12 years.", "HP:0000337", None),
    ("Serum selenium within ref range.", "HP:0031903", "excluded"),
])
def test_development_and_normal_statements_of_the_thirty_first_session(rec, text, hpo, status):
    got = {f.status for f in rec.recognize(text) if f.hpo_id == hpo}
    assert got == ({status} if status else set())


@pytest.mark.parametrize("text, hpo, status", [
    # a bare "no" that is an item of a list of findings denies its own item only
    ("Broad nasal bridge, high-arched palate, no ptosis, and fifth-finger clinodactyly.", "HP:0004209", "present"),
    ("Broad nasal bridge, high-arched palate, no ptosis, and fifth-finger clinodactyly.", "HP:0000508", "excluded"),
    ("Triangular face, philtrum short, no philtral ridges, bulbous nasal tip.", "HP:0000414", "present"),
    ("Downslanting palpebral fissures and no epicanthic folds, straight horizontal eyebrows.", "HP:0011228",
     "present"),
    # … unless the list runs to its "or", or the item before it is denied too
    ("She had hypotonia, no seizures, ataxia or neuropathy.", "HP:0001251", "excluded"),
    ("Spine: no scoliosis, no thoracic kyphosis, lumbar lordosis not exaggerated.", "HP:0003307", "excluded"),
])
def test_a_denied_item_of_a_list_of_findings(rec, text, hpo, status):
    assert {f.status for f in rec.recognize(text) if f.hpo_id == hpo} == {status}


@pytest.mark.parametrize("text, hpo, status", [
    ("Born by spontaneous vaginal delivery at term.", "HP:0011410", "excluded"),
    ("Born by spontaneous vaginal delivery at term.", "HP:0001622", "excluded"),  # both spans kept
    ("She was of normal intelligence.", "HP:0001249", "excluded"),
    ("He is of normal stature and build.", "HP:0004322", "excluded"),
    ("The palate was of normal height.", "HP:0004322", None),   # a part's height, not the patient's
    ("Her length was within the normal range.", "HP:0004322", "excluded"),
    ("The philtrum length was normal.", "HP:0004322", None),
    ("Her height lay within the normal range.", "HP:0004322", "excluded"),
    ("The columella is of normal length and does not hang below the alae.", "HP:0009765", "excluded"),
    ("Attention span appropriate for developmental level per teacher.", "HP:0000736", "excluded"),
    ("He tolerated frustration well.", "HP:0000744", "excluded"),
    ("He is easily frustrated.", "HP:0000744", "present"),
    ("Swallow safe on VFSS.", "HP:0002015", "excluded"),
    ("Echocardiography showed a left-sided heart.", "HP:0001651", "excluded"),
])
def test_birth_stature_and_behaviour_of_the_thirty_first_session(rec, text, hpo, status):
    got = {f.status for f in rec.recognize(text) if f.hpo_id == hpo}
    assert got == ({status} if status else set())


@pytest.mark.parametrize("text, hpo, status", [
    ("Power was full in the upper limbs.", "HP:0003484", "excluded"),
    ("Strength in the legs was full.", "HP:0007340", "excluded"),
    ("The left-sided cardiac structures were normally developed.", "HP:0004383", "excluded"),
    ("Midface well projected.", "HP:0011800", "excluded"),
    ("Feet: arches preserved.", "HP:0001763", "excluded"),
    ("Audiology: no sensorineural loss.", "HP:0000407", "excluded"),
    ("BW 3.4 kg, appropriate for GA.", "HP:0001518", "excluded"),
    ("Seizures controlled on levetiracetam; never had status.", "HP:0002133", "excluded"),
    ("We determined the mutation carrier status of six offspring.", "HP:0002133", None),
])
def test_power_heart_face_and_status_of_the_thirty_first_session(rec, text, hpo, status):
    got = {f.status for f in rec.recognize(text) if f.hpo_id == hpo}
    assert got == ({status} if status else set())


@pytest.mark.parametrize("text, hpo, status", [
    ("The urethral meatus was normally positioned.", "HP:0000047", "excluded"),
    ("A ventrally displaced urethral meatus.", "HP:0000047", "present"),
    ("Two normally sited kidneys.", "HP:0000086", "excluded"),
    ("L kidney ectopic.", "HP:0000086", "present"),
    ("Hips stable, Barlow and Ortolani negative.", "HP:0001385", "excluded"),
    ("His hips were found to be abnormally formed.", "HP:0001385", "present"),
    ("Two-vessel umbilical cord.", "HP:0001195", "present"),
    ("Her gait has deteriorated.", "HP:0001288", "present"),
    ("Speech still well behind.", "HP:0000750", "present"),
])
def test_genitals_kidneys_hips_and_gait_of_the_thirty_first_session(rec, text, hpo, status):
    assert {f.status for f in rec.recognize(text) if f.hpo_id == hpo} == {status}


@pytest.mark.parametrize("text, hpo, status", [
    # milestones of two or more domains on time: each domain, and no global delay
    ("Her motor, language and social milestones had been reached at the expected ages.", "HP:0001263", "excluded"),
    ("Her motor, language and social milestones had been reached at the expected ages.", "HP:0001270", "excluded"),
    ("He achieved his motor and language milestones at the expected ages.", "HP:0000750", "excluded"),
    ("Speech and language milestones were reached on time.", "HP:0001263", None),   # one domain
    ("Her language and social development were age-appropriate.", "HP:0025732", "excluded"),
    # "normocephalic": a head neither small nor large
    ("Normocephalic, OFC 54.5 cm.", "HP:0000252", "excluded"),
    ("Normocephalic, OFC 54.5 cm.", "HP:0000256", "excluded"),
])
def test_development_on_time_and_head_size_of_the_thirty_first_session(rec, text, hpo, status):
    got = {f.status for f in rec.recognize(text) if f.hpo_id == hpo}
    assert got == ({status} if status else set())


@pytest.mark.parametrize("text, hpo", [
    ("She lost some previously acquired skills.", "HP:0002376"),
    ("She has eyebrows that meet in the midline.", "HP:0000664"),
    ("Rhythmic, involuntary to-and-fro movements of both eyes.", "HP:0000639"),
    ("Involuntary oscillations of both eyes.", "HP:0000639"),
    ("Obvious wasting of the lower legs.", "HP:0008944"),
    ("Wasting of both calves.", "HP:0008944"),
])
def test_regression_eyes_and_calves_of_the_thirty_first_session(rec, text, hpo):
    assert {f.status for f in rec.recognize(text) if f.hpo_id == hpo} == {"present"}


@pytest.mark.parametrize("text, hpo, status", [
    # a relative clause's own verb is a predicate
    ("She has palpebral fissures that slant downwards.", "HP:0000494", "present"),
    ("Nostrils that were not anteverted.", "HP:0000463", "excluded"),
    # myoclonic jerks among seizures are a seizure type too
    ("No GTCS. No myoclonic jerks. No absences.", "HP:0032794", "excluded"),
    ("No GTCS. No myoclonic jerks. No absences.", "HP:0001336", "excluded"),
    ("She has myoclonic jerks of the hands on reaching.", "HP:0032794", None),
    ("She has myoclonic jerks of the hands on reaching.", "HP:0001336", "present"),
])
def test_relative_clauses_and_myoclonic_jerks(rec, text, hpo, status):
    got = {f.status for f in rec.recognize(text) if f.hpo_id == hpo}
    assert got == ({status} if status else set())


@pytest.mark.parametrize("text, hpo", [
    # terms HPO names apart from the clinical term their words mean: both are read
    ("Her speech was slurred.", "HP:0001350"),
    ("Her speech was slurred.", "HP:0001260"),
    ("Recurrent ear infections.", "HP:0410018"),
    ("Recurrent ear infections.", "HP:0000403"),
    ("Short fingers bilaterally.", "HP:0009381"),
    ("Short fingers bilaterally.", "HP:0001156"),
])
def test_clinical_terms_read_beside_hpos_own(rec, text, hpo):
    assert {f.status for f in rec.recognize(text) if f.hpo_id == hpo} == {"present"}


@pytest.mark.parametrize("text, hpo, status", [
    # a finding right after birth: HPO's "Neonatal …" term, beside the finding
    ("He had respiratory distress immediately after birth.", "HP:0002643", "present"),
    ("There was no respiratory distress after birth.", "HP:0002643", "excluded"),
    ("She had hypoglycemia shortly after birth.", "HP:0001998", "present"),
    ("She had no breathing difficulties after birth.", "HP:0002643", "excluded"),
])
def test_findings_right_after_birth(rec, text, hpo, status):
    assert {f.status for f in rec.recognize(text) if f.hpo_id == hpo} == {status}


@pytest.mark.parametrize("text, hpo", [
    ("MRI brain: white matter signal normal, no evidence of demyelination.", "HP:0007305"),
    ("Nerve conduction studies showed demyelination.", "HP:0011096"),
])
def test_demyelination_of_the_brain_or_of_nerves(rec, text, hpo):
    assert {f.hpo_id for f in rec.recognize(text) if "demyelination" in f.label.lower()} == {hpo}


@pytest.mark.parametrize("text, hpo, status", [
    ("A ring of increased autofluorescence surrounding the fovea.", "HP:0030629", "present"),
    ("Clot retraction was normal.", "HP:0031126", "excluded"),
    ("Cerebral WM volume preserved.", "HP:0034295", "excluded"),
    ("A straight nasal ridge.", "HP:0000444", "excluded"),
    ("Asc Ao nl caliber, no dissection flap.", "HP:0002647", "excluded"),
    ("Vibration sense preserved at the toes.", "HP:0006886", "excluded"),
    ("Electroretinography was normal.", "HP:0000512", "excluded"),
    ("Tortuous vertebral arteries.", "HP:0033981", "present"),
])
def test_eyes_brain_and_vessels_of_the_thirty_first_session(rec, text, hpo, status):
    assert {f.status for f in rec.recognize(text) if f.hpo_id == hpo} == {status}


@pytest.mark.parametrize("text, hpo, status", [
    ("The neck was of normal length without webbing.", "HP:0000470", "excluded"),
    ("The fingers themselves are of normal length.", "HP:0009381", "excluded"),
    ("Fingers of normal girth.", "HP:0001238", "excluded"),
    ("Fingers of normal girth.", "HP:0001500", "excluded"),
])
def test_dimensions_of_the_thirty_first_session(rec, text, hpo, status):
    assert {f.status for f in rec.recognize(text) if f.hpo_id == hpo} == {status}


@pytest.mark.parametrize("text, hpo, status", [
    ("Compulsive rituals.", "HP:0000722", "present"),
    ("Full range of movement at all joints.", "HP:0034392", "excluded"),
    ("Eye movements are full in range.", "HP:0034392", None),
    ("Symmetrical lateral ventricles.", "HP:0100960", "excluded"),
    ("The optic discs are pink.", "HP:0000543", "excluded"),
    ("A normal white cell count.", "HP:0011893", "excluded"),
    ("BMI 22.4 kg/m², within the healthy range.", "HP:0045081", "excluded"),
])
def test_joints_eyes_and_counts_of_the_thirty_first_session(rec, text, hpo, status):
    got = {f.status for f in rec.recognize(text) if f.hpo_id == hpo}
    assert got == ({status} if status else set())


@pytest.mark.parametrize("text, hpo, status", [
    # a birth weight clearly within the norm: not small for gestational age
    ("Birth weight 3.2 kg (50th centile).", "HP:0001518", "excluded"),
    ("Birth weight 2.1 kg (2nd centile).", "HP:0001518", "present"),
    ("Birth weight 3.6 kg (85th centile).", "HP:0001520", None),
])
def test_a_normal_birth_weight(rec, text, hpo, status):
    got = {f.status for f in rec.recognize(text) if f.hpo_id == hpo}
    assert got == ({status} if status else set())


@pytest.mark.parametrize("text, hpo, status", [
    # HPO names that clinical notes use for something else
    ("Weakness of the hip and shoulder girdle muscles.", "HP:0001324", "present"),
    ("Weakness of the hip and shoulder girdle muscles.", "HP:0025406", None),
    ("General weakness and lack of energy.", "HP:0025406", "present"),
    ("He developed liver failure.", "HP:0100839", None),
    ("He developed liver failure.", "HP:0001399", "present"),
    ("Eyes misaligned on cover test.", "HP:0000486", "present"),
    ("Eyes misaligned on cover test.", "HP:0030867", None),
    ("The ears lie flat to the head.", "HP:0001357", None),
    ("The ears lie flat to the head.", "HP:0000411", "excluded"),
    ("Face small for head size.", "HP:0000252", None),
    ("Both eyes lack a visible iris.", "HP:0000528", None),
    ("Both eyes lack a visible iris.", "HP:0000526", "present"),
    ("She walked with an unsteady, broad-based gait.", "HP:0002066", "present"),
])
def test_names_that_notes_use_otherwise(rec, text, hpo, status):
    got = {f.status for f in rec.recognize(text) if f.hpo_id == hpo}
    assert got == ({status} if status else set())


@pytest.mark.parametrize("text, hpo, status", [
    ("No tracheo-oesophageal fistula.", "HP:0002575", "excluded"),
    ("Never had gouty attacks.", "HP:0001997", "excluded"),
    ("ECG showed sawtooth flutter waves.", "HP:0004749", "present"),
    ("No scimitar vein. No ductal shunt.", "HP:0001643", "excluded"),
    ("No cotton-wool spots.", "HP:0031606", "excluded"),
])
def test_names_of_absences_of_the_thirty_first_session(rec, text, hpo, status):
    assert {f.status for f in rec.recognize(text) if f.hpo_id == hpo} == {status}


@pytest.mark.parametrize("text, hpo, status", [
    ("Birth hx: Ex-31/40 prem, NICU 6 weeks.", "HP:0001622", "present"),
    ("Premature fusion of the metopic suture.", "HP:0011330", "present"),
    ("The tongue is multilobulated.", "HP:0000180", "present"),
    ("Helical rims underdeveloped.", "HP:0008589", "present"),
    ("Marked startle to sudden noise.", "HP:0002267", "present"),
])
def test_births_and_names_of_the_thirty_first_session(rec, text, hpo, status):
    assert {f.status for f in rec.recognize(text) if f.hpo_id == hpo} == {status}


@pytest.mark.parametrize("text, hpo", [
    ("Swallow unsafe.", "HP:0002015"),
    ("Ankle jerks were also unobtainable.", "HP:0003438"),
    ("Tendon reflexes were unobtainable.", "HP:0001284"),
    ("The uvula is slender.", "HP:0010811"),
    ("Glabellar tap sign was positive.", "HP:0030904"),
    ("Urinary citrate low.", "HP:0012405"),
])
def test_signs_of_the_thirty_first_session(rec, text, hpo):
    assert {f.status for f in rec.recognize(text) if f.hpo_id == hpo} == {"present"}



@pytest.mark.parametrize("text, hpo, status", [
    ("Language emerged slowly, with first words at 3 years.", "HP:0000750", "present"),
    ("The difficulty with walking progressed slowly.", "HP:0031936", None),
    ("He walked slowly.", "HP:0031936", None),
    ("Eyes conjugate.", "HP:0000486", "excluded"),
    ("A full primary dentition.", "HP:0000668", "excluded"),
    ("Teachers report no concerns with concentration.", "HP:0000736", "excluded"),
    ("There is no soiling.", "HP:0040183", "excluded"),
    ("Protein excretion was increased.", "HP:0000093", "present"),
])
def test_slow_speech_and_names_of_a_later_round(rec, text, hpo, status):
    got = {f.status for f in rec.recognize(text) if f.hpo_id == hpo}
    assert got == ({status} if status else set())


@pytest.mark.parametrize("text, hpo, status", [
    # a negated verb of seeming or noticing reaches its complement
    ("They have not noticed him to be in pain.", "HP:0012531", "excluded"),
    ("He does not appear to be in any pain.", "HP:0012531", "excluded"),
    ("He did not seem to have seizures.", "HP:0001250", "excluded"),
    # "did not occur", not "did not occur until"
    ("Generalized tonic-clonic seizures did not occur.", "HP:0002069", "excluded"),
    ("Seizures did not occur until age 5.", "HP:0001250", "present"),
    # "with no" as an item of a list that goes on after ", and"
    ("Hypospadias, low muscle tone with no hypertonia, and hypermobile joints.", "HP:0001382", "present"),
    ("She had hypotonia with no seizures, ataxia and dysarthria.", "HP:0001251", "excluded"),
    # the numerator of a ratio to creatinine is an analyte, not a finding
    ("Urine protein-to-creatinine ratio 0.09 g/g on two occasions.", "HP:0000093", None),
    ("Urine protein:creatinine ratio 250 mg/mmol (raised).", "HP:0000093", "present"),
    ("A raised urinary calcium:creatinine ratio.", "HP:0002150", "present"),
])
def test_negated_seeming_occurrence_items_and_ratios_of_the_thirty_second_session(rec, text, hpo, status):
    got = {f.status for f in rec.recognize(text) if f.hpo_id == hpo}
    assert got == ({status} if status else set())


@pytest.mark.parametrize("text, hpo, status", [
    ("Echo: great arteries normally related; no DORV.", "HP:0001669", "excluded"),
    ("He has unambiguous male external genitalia.", "HP:0000062", "excluded"),
    ("No rocker-bottom deformity.", "HP:0001838", "excluded"),
    ("The chin is not set back.", "HP:0000278", "excluded"),
    ("The chest was of normal shape.", "HP:0000765", "excluded"),
    ("Eyes: eye spacing normal.", "HP:0000316", "excluded"),
    ("She has normally spaced eyes without ptosis.", "HP:0000316", "excluded"),
    ("ENT scope - both vocal cords mobile.", "HP:0001605", "excluded"),
    ("Full range of eye movements.", "HP:0000597", "excluded"),
    ("Cycloplegic refraction emmetropic.", "HP:0000539", "excluded"),
    ("Lean habitus.", "HP:0001513", "excluded"),
    ("His mouth is held closed at rest.", "HP:0000194", "excluded"),
    ("Twisting postures of his arms.", "HP:0001332", "present"),
    ("Bx: fatty infiltration of hepatocytes.", "HP:0001397", "present"),
    ("Persistent difficulty falling and staying asleep.", "HP:0100785", "present"),
    ("Black, tarry stools.", "HP:0002249", "present"),
    ("Hard stools every 4-5 days.", "HP:0002019", "present"),
    ("A porencephalic cavity.", "HP:0002132", "present"),
    ("Tortuous retinal arteries.", "HP:0000631", "present"),
    ("Palpable enlarged LNs at several sites.", "HP:0002716", "present"),
])
def test_names_of_the_thirty_second_session(rec, text, hpo, status):
    assert {f.status for f in rec.recognize(text) if f.hpo_id == hpo} == {status}


@pytest.mark.parametrize("text, hpo, status", [
    ("Eyes: PFs horizontal; PFs not narrow.", "HP:0045025", "excluded"),
    ("Long PFs -ve.", "HP:0000637", "excluded"),
    ("Vertical fissure height normal.", "HP:0045025", "excluded"),
    ("He has always thrived well.", "HP:0001508", "excluded"),
    ("He failed to thrive.", "HP:0001508", "present"),
    ("She is growing well.", "HP:0001507", "excluded"),
    # a part called normally formed before its noun; not one "small but normally formed"
    ("MRI brain showed a normally formed corpus callosum.", "HP:0001273", "excluded"),
    ("Spine radiographs showed normally formed vertebrae.", "HP:0003468", "excluded"),
    ("A small but normally formed cerebellum.", "HP:0001317", None),
])
def test_fissures_growth_and_normally_formed_parts_of_the_thirty_second_session(rec, text, hpo, status):
    got = {f.status for f in rec.recognize(text) if f.hpo_id == hpo}
    assert got == ({status} if status else set())


@pytest.mark.parametrize("text, hpo, status", [
    ("There is a single superior vena cava.", "HP:0033379", "excluded"),
    ("Single R SVC, no LSVC.", "HP:0005301", "excluded"),
    ("Normally draining pulmonary veins.", "HP:0010772", "excluded"),
    ("NCS: motor CVs slowed (peroneal 32 m/s), sensory CVs slowed.", "HP:0003448", "present"),
    ("Motor conduction velocities reduced (median 38 m/s).", "HP:0003431", "present"),
    ("Nerve conduction studies showed normal motor conduction velocities.", "HP:0003431", "excluded"),
])
def test_veins_and_conduction_of_the_thirty_second_session(rec, text, hpo, status):
    assert {f.status for f in rec.recognize(text) if f.hpo_id == hpo} == {status}


@pytest.mark.parametrize("text, hpo, status", [
    ("The aortic valve is likewise patent.", "HP:0010883", "excluded"),
    ("The mitral valve is patent.", "HP:0011560", "excluded"),
    ("Fundoscopy showed well-formed maculae with normal foveal reflexes.", "HP:0001104", "excluded"),
    ("The nostrils do not point upwards.", "HP:0000463", "excluded"),
    ("Hearing: OAEs passed bilat.", "HP:0000365", "excluded"),
    ("The aortic arch is continuous and left-sided.", "HP:0011611", "excluded"),
    ("Atonic drop attacks; never had SE; GTCS monthly.", "HP:0002133", "excluded"),
    ("Repeat audiology 10/12 – hearing normal bilat.", "HP:0000365", "excluded"),
    # a statement of absence denied right before it, not across a comma
    ("OCT shows absence of a normal foveal pit in each eye.", "HP:0007750", "present"),
    ("Absence of the right atrioventricular connection with no patent tricuspid valve, a large ventricular "
     "septal defect.", "HP:0011662", "present"),
    ("Absence of the right atrioventricular connection with no patent tricuspid valve, a large ventricular "
     "septal defect.", "HP:0001629", "present"),
    # an opinion that the subject is the cause denies the subject
    ("I do not think cerebral palsy is the explanation here.", "HP:0100021", "excluded"),
])
def test_patent_valves_denied_statements_and_opinions_of_the_thirty_second_session(rec, text, hpo, status):
    assert {f.status for f in rec.recognize(text) if f.hpo_id == hpo} == {status}


@pytest.mark.parametrize("text, hpo, status", [
    # blood counts within the band that is normal at every age exclude both ends
    ("CBC: WBC 8.9, Hgb 12.4 g/dL, platelets 312 K/uL.", "HP:0001873", "excluded"),
    ("CBC: WBC 8.9, Hgb 12.4 g/dL, platelets 312 K/uL.", "HP:0001974", "excluded"),
    ("WCC 6.8, ANC 4.1. Plt 45 x10^9/L.", "HP:0001875", "excluded"),
    ("WCC 6.8, ANC 4.1. Plt 45 x10^9/L.", "HP:0001873", "present"),
    ("Plt 420 (H).", "HP:0001894", "present"),
    ("Platelets 160 (150-400), neutrophils 1.6 x10^9/L.", "HP:0001875", None),
    # "fits" as British notes call seizures, not the verb or the adjective
    ("No fits / funny turns ever.", "HP:0001250", "excluded"),
    ("She has never had a fit, and there have never been concerns.", "HP:0001250", "excluded"),
    ("Recurrent fits since infancy.", "HP:0001250", "present"),
    ("She is otherwise fit and well.", "HP:0001250", None),
    ("The prosthesis fits well.", "HP:0001250", None),
    ("He had a fit of coughing.", "HP:0001250", None),
])
def test_normal_counts_and_fits_of_the_thirty_second_session(rec, text, hpo, status):
    got = {f.status for f in rec.recognize(text) if f.hpo_id == hpo}
    assert got == ({status} if status else set())


@pytest.mark.parametrize("text, hpo, status", [
    ("His MRI brain showed an abnormally formed corpus callosum.", "HP:0001273", "present"),
    ("No evidence of glaucomatous optic neuropathy.", "HP:0000501", "excluded"),
    ("He has been dry day and night.", "HP:0000805", "excluded"),
    ("He has always eaten well.", "HP:0011968", "excluded"),
    ("He has a full complement of fingers and toes.", "HP:0012165", "excluded"),
    ("The calf muscles were not hypertrophied.", "HP:0008981", "excluded"),
    ("No angular fibers and no type 1 predominance.", "HP:0003803", "excluded"),
    ("Proximal muscle strength was normal.", "HP:0003701", "excluded"),
    ("Mouth: lips closed at rest.", "HP:0000194", "excluded"),
    ("Truncal tone good.", "HP:0008936", "excluded"),
    ("Normal bowel rotation.", "HP:0002566", "excluded"),
    ("Testicular maldescent requiring orchidopexy.", "HP:0000028", "present"),
    ("Recurrent episodes of acute muscle breakdown.", "HP:0003201", "present"),
    ("Fecal elastase <15 µg/g → exocrine insufficiency.", "HP:0001738", "present"),
])
def test_names_of_a_later_round_of_the_thirty_second_session(rec, text, hpo, status):
    assert {f.status for f in rec.recognize(text) if f.hpo_id == hpo} == {status}


@pytest.mark.parametrize("text, hpo, status", [
    ("He did not walk on his own until about 3 years of age.", "HP:0031936", "present"),
    ("He walked on his own at 12 months.", "HP:0031936", "excluded"),
    ("He said his first words only after age 3.", "HP:0000750", "present"),
])
def test_milestones_on_ones_own_and_only_after_of_the_thirty_second_session(rec, text, hpo, status):
    assert {f.status for f in rec.recognize(text) if f.hpo_id == hpo} == {status}


@pytest.mark.parametrize("text, hpo, status", [
    # wrong readings of real clinical notes (half of ID-68), now read as meant
    ("She has no tears when she cries even though she has normal sweating.", "HP:0007550", "excluded"),
    ("Her parents report that she barely can feel pain.", "HP:0007328", "present"),
    ("He does not feel pain when he falls.", "HP:0007021", "present"),
    ("ECG showed ST depression.", "HP:0012250", "present"),
    ("She demonstrates a self-mutilating behavior by scratching her face.", "HP:0000742", "present"),
    ("She can walk although her gait is unstable.", "HP:0002317", "present"),
    ("Delay mainly in cognitive functions with poor attention and hyperactivity.", "HP:0000736", "present"),
    ("Varus deformity and poor visual contact.", "HP:0000817", "present"),
    ("The echocardiogram showed a small PDA and mild septal hypertrophy.", "HP:0005144", "present"),
    ("She has a nonexpressive face with subtle dysmorphism.", "HP:0000298", "present"),
    ("Brain MRI showed diffuse white matter T2 hyperintensity.", "HP:0030890", "present"),
])
def test_names_of_the_thirty_fifth_session(rec, text, hpo, status):
    assert {f.status for f in rec.recognize(text) if f.hpo_id == hpo} == {status}


@pytest.mark.parametrize("text, wrong", [
    ("She has no tears when she cries even though she has normal sweating.", "HP:0000975"),  # Hyperhidrosis
    ("Her parents report that she barely can feel pain.", "HP:0012531"),  # Pain
    ("She cannot feel pain.", "HP:0012531"),
    ("ECG showed ST depression.", "HP:0000716"),  # Depression (the mood)
    ("Skeletal survey showed depression of the medial tibial plateau.", "HP:0000716"),
    ("Depression of consciousness after the seizure.", "HP:0000716"),
])
def test_words_that_do_not_name_the_finding_they_contain(rec, text, wrong):
    assert wrong not in {f.hpo_id for f in rec.recognize(text)}


@pytest.mark.parametrize("text", ["He has depression.", "She has depression of mood.",
                                  "A history of depression of long standing."])
def test_the_mood_is_still_read(rec, text):
    assert found(rec, text).get("HP:0000716") == "present"


@pytest.mark.parametrize("text, hpo", [
    # misses of the other half of ID-68's real notes, now read
    ("Examination was remarkable for respiratory distress, subcostal and intercostal recession.", "HP:0030864"),
    ("A 2 months old boy with pinpoint pupils.", "HP:0000616"),
    ("Examination was significant for dysmorphic features and sluggish pupils.", "HP:0030211"),
    ("He has microcephaly, brachycephaly and upturned ear lobules.", "HP:0009909"),
    ("Ultrasound revealed ascites and a dilated cisterna magna.", "HP:0002280"),
    ("A 17 years old girl with neuroregression.", "HP:0002376"),
    ("He started to regress by losing his ability to speak.", "HP:0002371"),
    ("He was born via C-section due to meconium-stained liquor.", "HP:0012420"),
    ("EEG was remarkable for hypsarrhythmia and multifocal epileptic discharges.", "HP:0010841"),
    ("Brain MRI showed areas of hypomyelination and subcortical atrophy.", "HP:0012157"),
    ("Brain MRI showed slightly prominent ventricular system.", "HP:0002119"),
    ("Microcephaly and spasticity with poor visual fixation.", "HP:0025404"),
    ("A respiratory infection led to a cardiopulmonary arrest.", "HP:0001695"),
    ("Plasma amino acids revealed moderately elevated methionine.", "HP:0003235"),
    ("A girl who presented during the neonatal period with congenital stridor.", "HP:0004886"),
    ("Her first EEG was normal, and subsequent EEGs showed multifocal discharges.", "HP:0010841"),
    ("He was noted to have an abnormal roving eye movement in infancy.", "HP:0000496"),
])
def test_names_of_the_thirty_sixth_session(rec, text, hpo):
    assert found(rec, text).get(hpo) == "present"


@pytest.mark.parametrize("text, hpo", [
    ("The ventricles were not prominent.", "HP:0002119"),
    ("There was no intercostal recession.", "HP:0030864"),
])
def test_names_of_the_thirty_sixth_session_denied(rec, text, hpo):
    assert found(rec, text).get(hpo) == "excluded"


@pytest.mark.parametrize("text, hpo", [
    # an assisted vaginal delivery is instrumental: *Abnormal delivery*, not a Caesarean stated absent
    ("A 10 years old boy who was born at full term via assisted vaginal delivery.", "HP:0001787"),
    ("She was born by instrumental delivery.", "HP:0001787"),
    # a joint's flexion contracture is also its "flexion deformity", as clinicians write it
    ("Her features include fixed flexion deformity of the right knee and ankle.", "HP:0006466"),
    ("He has a flexion deformity of the ankle.", "HP:0006466"),
])
def test_names_of_the_thirty_seventh_session(rec, text, hpo):
    assert found(rec, text).get(hpo) == "present"


def test_an_assisted_delivery_is_no_caesarean_stated_absent(rec):
    got = found(rec, "He was born at full term via assisted vaginal delivery.")
    assert "HP:0011410" not in got  # (the nested "vaginal delivery" gives way)
    assert found(rec, "He was born by spontaneous vaginal delivery.").get("HP:0011410") == "excluded"


def test_a_bare_flexion_deformity_leaves_the_joint_to_its_reading(rec):
    """"flexion deformity" alone names no term: a reading of the joint keeps its words."""
    got = found(rec, "Both elbows had fixed flexion deformities.")
    assert got.get("HP:0006471") == "present" and "HP:0001371" not in got  # Elbow flexion contracture
