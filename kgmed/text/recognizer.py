"""Recognise HPO findings in free text: the :class:`ConceptRecognizer` and :func:`recognize`.

The pipeline for one text:

1. **Tokens** with character offsets, each normalised (:mod:`kgmed.text.normalize`).
2. **Breaks** between tokens: clause marks, commas, brackets (:func:`~kgmed.text.context.clause_breaks`).
3. **Dictionary matches** in three tiers — exact (Aho-Corasick), order-free, coordination
   (:class:`~kgmed.text.matcher.DictionaryMatcher`) — plus short forms defined in the text
   ("global developmental delay (GDD)", :mod:`kgmed.text.abbreviations`), HPO
   identifiers written in the text ("HP:0001250") and findings stated as numbers ("height
   102 cm (−3.2 SD)", "walked at 3 years", :mod:`kgmed.text.measurements`; "CK 2,500 U/L
   (normal < 200)", :mod:`kgmed.text.labs`).
4. **Overlap resolution.** Longer spans win over spans they cross; a span nested in a
   longer one is kept when it names a more general concept ("sensorineural hearing loss"
   keeps "hearing loss" → *Hearing impairment*, HP:0000365), dropped when it names the same
   one or an unrelated one ("nevus" in "basal cell nevus syndrome").
   ``overlaps="longest"`` keeps only the outermost spans, ``"all"`` keeps every span.
   A measurement never removes a dictionary match: it is dropped where it crosses one.
5. Optionally a **dense fallback** (:class:`~kgmed.text.dense.DenseLinker`, or the
   :class:`~kgmed.text.linker.LearnedLinker` whose model is fine-tuned on HPO's names) links
   phrases no dictionary name covers ("can't walk steadily" → *Gait disturbance*, by its
   synonym "Difficulty in walking"), and optionally the **note tagger**
   (:class:`~kgmed.text.tagger.NoteTagger`), trained on marked notes, links the finding
   phrases a note writes in its own words ("saw people who were not there").
6. **Context**: status (present / excluded / uncertain), subject (patient / family) and
   onset (:class:`~kgmed.text.context.ContextAnnotator`).

Every route yields :class:`~kgmed.text.finding.Finding` objects with ``text[start:end] ==
finding.text``. Patient text is never logged and never cached: the recognizer keeps only
ontology-derived state.

Example::

    >>> from kgmed.text import recognize
    >>> for f in recognize("3-year-old boy with seizures since infancy, global developmental "
    ...                    "delay and hypotonia; no microcephaly; his mother has cataracts."):
    ...     print(f.hpo_id, f.label, f.status, f.subject, f.onset)      # doctest: +SKIP
    HP:0001250 Seizure present patient HP:0003593
    HP:0001263 Global developmental delay present patient None
    HP:0001252 Hypotonia present patient None
    HP:0000252 Microcephaly excluded patient None
    HP:0000518 Cataract present family None
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import re
import threading
import time
from bisect import bisect_left, bisect_right
from itertools import accumulate, islice
from typing import Iterable, Literal, NamedTuple, Sequence

from kgmed.errors import InputError, UnknownIdentifierError
from kgmed.text.abbreviations import _short_form_key, find_definitions, matches_long_form
from kgmed.text.antibodies import AntibodyTable, find_antibody_results
from kgmed.text.context import Breaks, ContextAnnotator, ContextRules, clause_breaks
from kgmed.text.dictionary import DEFAULT_BRANCHES, RANKS, TermDictionary
from kgmed.text.finding import Finding, trusted_finding as _finding
from kgmed.text.matcher import (CONJUNCTIONS, COPULAS, NEGATIVE_WORDS, PREDICATE_NEGATORS, Candidate, DictionaryMatcher,
                                is_content_word)
from kgmed.text.labs import ANALYTE_NAMES, find_lab_values
from kgmed.text.lexicon import DEFAULT_LEXICON
from kgmed.text.measurements import GROWTH_ENDS, MEASUREMENT_TERMS, close_bracket, find_cues, find_measurements
from kgmed.text.normal import find_normal_subjects
from kgmed.text.normalize import STEM_SYNONYM_WORDS, Tokens, normalize_word, stem_word, tokenize

__all__ = ["ConceptRecognizer", "recognize", "default_recognizer", "DEFAULT_MAX_CHARS"]

logger = logging.getLogger(__name__)

#: Longest text :meth:`ConceptRecognizer.recognize` accepts by default (characters). A
#: megabyte of text takes about a second; longer input raises :class:`InputError`.
DEFAULT_MAX_CHARS = 2_000_000

#: words before a laboratory value tried as its analyte ("serum creatine kinase")
_LAB_ANALYTE_WORDS = 5
#: names tried, in order, for the subject X of "X was normal" (:meth:`ConceptRecognizer._normal_statements`)
_NORMAL_TEMPLATES = ("normal {}", "abnormal {}", "abnormal {} morphology", "abnormal circulating {} concentration",
                     "abnormal {} count", "abnormal blood {} concentration")
#: names tried for an analyte of a list with a predicate of direction ("lactate and pyruvate
#: were raised"), by kind (:class:`kgmed.text.normal.NormalSubject`); a measured value found
#: normal with no "abnormal" name excludes both directions ("ALT was normal")
_DIRECTED_TEMPLATES = {"high": "increased {}", "not high": "increased {}", "low": "decreased {}",
                       "not low": "decreased {}"}
_BOTH_DIRECTIONS = ("increased {}", "decreased {}")
#: names a dimension or a position found normal, or a part found present, excludes — every
#: one HPO has ("the ventricles were normal in size": *Ventriculomegaly*; "a forehead of
#: normal width": *Narrow forehead* and *Broad forehead*; "the radii were present": *Absent
#: radius*; "the cerebellum was of normal volume": *Cerebellar atrophy*; "saccades of normal
#: velocity": *Slow saccadic eye movements*; "the palpebral fissures were horizontal":
#: *Upslanted* and *Downslanted palpebral fissure*)
_EVERY_END_TEMPLATES = {
    "normal size": ("small {}", "large {}", "enlarged {}", "dilated {}"),
    "normal width": ("narrow {}", "broad {}", "wide {}"),
    "normal length": ("short {}", "long {}"),
    "normal height": ("short {}", "tall {}", "high {}", "low {}"),
    "normal thickness": ("thin {}", "thick {}"),
    "normal depth": ("deep {}", "shallow {}"),
    "normal calibre": ("narrow {}", "dilated {}", "hypoplastic {}"),
    "normal volume": ("small {}", "large {}", "{} atrophy"),
    "normal density": ("sparse {}", "thick {}"),
    "normal velocity": ("slow {}",),
    "normal fullness": ("thin {}", "full {}"),
    "normal girth": ("slender {}", "thin {}", "broad {}", "thick {}"),
    "normal amplitude": ("hypometric {}", "hypermetric {}"),
    "normal position": ("low-set {}", "low {}", "high {}", "ectopic {}", "displaced {}", "retruded {}"),
    "normal spacing": ("widely spaced {}", "closely spaced {}"),
    "normal slant": ("upslanted {}", "downslanted {}"),
    "normal rotation": ("posteriorly rotated {}",),
    "normal arch": ("high {}", "highly arched {}"),
    "present": ("absent {}", "agenesis of {}"),  # (not "aplasia of": HPO groups it with hypoplasia)
}
_WORD_RE = re.compile(r"[^\W_]+")
#: words for a screening test after a sense found normal ("hearing screen normal", "vision
#: test normal"); not an examination, which may be normal "otherwise" ("neurological
#: examination otherwise unremarkable")
_TEST_NOUNS = frozenset({"screen", "screening", "test", "testing"})
#: the senses a screening test is named by ("a sweat test", "a skin test" test something else)
_TESTED_SENSES = frozenset({"hearing", "vision", "eyesight"})
#: dimensions a subject may end with ("palpebral fissure length was normal"), which are
#: statements of that dimension (:data:`_EVERY_END_TEMPLATES`)
_STATED_DIMENSIONS = frozenset({"length", "width", "height", "thickness", "depth", "size"})
#: what a statement of absence is measured against after "for" ("… appropriate for her age")
_FOR_A_LEVEL = frozenset({"age", "developmental", "level", "stage", "gestation"})
#: terms HPO names apart from the clinical term their words mean, read as that term too
#: (curators record the clinical term): "slurred speech" (*Slurred speech*, under
#: coordination) is dysarthria; "recurrent ear infections" are otitis media; "short fingers"
#: (*Short finger*) are a brachydactyly
_ALSO_READ = {"HP:0001350": "HP:0001260", "HP:0410018": "HP:0000403", "HP:0009381": "HP:0001156"}
#: a development normal *until* a time regressed then ("development was normal until 2 years
#: of age"): the statement of normality of *Global developmental delay* or *Neurodevelopmental
#: delay* read so is *Developmental regression*, not the delay it denied
_DELAYS_UNTIL_REGRESSION = ("HP:0001263", "HP:0012758")
_DEVELOPMENTAL_REGRESSION = "HP:0002376"
#: a condition of the pregnancy is the mother's ("gestational diabetes", "pregnancy-induced
#: hypertension"); HPO files it as maternal history, not as the child's phenotype
_PREGNANCY_PARTICIPLES = frozenset({"induced", "related", "associated"})


def _of_the_pregnancy(norms: Sequence[str], start: int) -> bool:
    """Whether the finding at ``start`` is named as the pregnancy's (so the mother's)."""
    w = norms[start - 1]
    return w == "gestational" or (w in _PREGNANCY_PARTICIPLES and start > 1 and norms[start - 2] == "pregnancy")


#: the demyelination HPO's bare word names, and the central one
#: (:meth:`ConceptRecognizer._central_demyelination`)
_PERIPHERAL_DEMYELINATION, _CNS_DEMYELINATION = "HP:0011096", "HP:0007305"
#: words of a sentence about the brain or the cord, and about nerves
_CENTRAL_WORDS = frozenset("mri brain cerebral white matter periventricular t2 flair signal cord spinal "
                           "leukodystrophy leukoencephalopathy myelination".split())
_PERIPHERAL_WORDS = frozenset("nerve nerves conduction ncs emg neuropathy sural biopsy peripheral".split())
#: how far, in characters, a sentence is looked at around the word
_SENTENCE_REACH = 300
#: myoclonus, the myoclonic seizure and the seizure (:meth:`ConceptRecognizer._seizure_jerks`)
_MYOCLONUS, _MYOCLONIC_SEIZURE, _SEIZURE = "HP:0001336", "HP:0032794", "HP:0001250"
_JERKS = frozenset({"jerk", "jerks"})
#: a person, the subject of "… was of normal intelligence" (not "the palate was of normal height")
_PERSONS = frozenset({"he", "she", "they", "i", "who", "patient", "child", "boy", "girl", "man", "woman", "proband"})
#: the possessives before a body's "length" (an infant's height; "the length" is a part's)
_POSSESSIVES = frozenset({"his", "her", "their"})
#: a body's measures as notes abbreviate them ("Ht within normal range for age")
_BODY_MEASURES = {"ht": "height", "wt": "weight"}


def _subject_name(words: str) -> str:
    """The name a subject of a statement of normality is read by: a body measure or an
    analyte as notes abbreviate it ("Ht", "WCC"), else its words."""
    key = " ".join(words.lower().split())
    return _BODY_MEASURES.get(key) or ANALYTE_NAMES.get(key, words)


#: words after an analyte that its name leaves out ("IgA and IgM concentrations were normal")
_MEASURE_WORDS = frozenset({"concentration", "level", "value", "titer", "titre"})
#: how far (words, within its line) a word naming two terms looks for findings of the same
#: organ system (:meth:`ConceptRecognizer._disambiguate`)
_NEIGHBOUR_WORDS = 20
_CONTEXTUAL = RANKS["contextual"]
#: headings of notes and the organ system they name, a neighbour for a word of two meanings
#: ("Echo: ASD" is the heart's, "Dev: ID" the nervous system's); keys as normalised
_HEADING_SYSTEMS = {
    **dict.fromkeys(("echo", "echocardiogram", "echocardiography", "cvs", "cardiac", "cardiology", "heart",
                     "cardiovascular", "ecg", "ekg"), "HP:0001626"),
    **dict.fromkeys(("dev", "development", "developmental", "neuro", "neurology", "neurological", "cognition",
                     "cognitive", "behaviour", "behavior", "behav", "psych", "psychology", "cns", "learning",
                     "education", "school", "speech", "language", "communication", "motor"), "HP:0000707"),
    **dict.fromkeys(("eye", "ophth", "ophthalmology", "fundus", "fundoscopy", "vision"), "HP:0000478"),
    **dict.fromkeys(("ear", "ent", "audiology", "hearing"), "HP:0000598"),
    **dict.fromkeys(("msk", "skeletal", "spine", "skeleton"), "HP:0033127"),
    **dict.fromkeys(("gu", "renal", "kidney", "urology", "genitalia"), "HP:0000119"),
    **dict.fromkeys(("fbc", "haem", "haematology", "hematology", "film"), "HP:0001871"),
    **dict.fromkeys(("immunology", "igs", "immunoglobulins"), "HP:0002715"),
    **dict.fromkeys(("resp", "respiratory", "chest", "lung"), "HP:0002086"),
    **dict.fromkeys(("gi", "gastro", "abdomen", "liver", "hepatology"), "HP:0025031"),
    **dict.fromkeys(("endo", "endocrine", "endocrinology"), "HP:0000818"),
    **dict.fromkeys(("skin", "derm", "dermatology"), "HP:0001574"),
    **dict.fromkeys(("metabolic", "biochemistry"), "HP:0001939"),
}
#: abnormalities of a measure with two ends, which an exclusion excludes both ends of, as
#: curators record it ("height normal": *Short stature* and *Tall stature* excluded; "tone
#: normal": *Hypotonia* and *Hypertonia*; a blood count keeps its grouping term too)
_EXCLUDED_AS_ENDS = {**GROWTH_ENDS,  # body height, skull size, body weight (the growth measures')
                     "HP:0003808": ("HP:0001252", "HP:0001276"),  # muscle tone: hypotonia, hypertonia
                     "HP:0001560": ("HP:0001562", "HP:0001561"),  # amniotic fluid: oligo-, polyhydramnios
                     # blood counts: "platelet count normal" is neither thrombocytopenia nor -cytosis,
                     # and curators record either, or the grouping term itself, which stays
                     **{group: (group, *ends) for group, ends in (
                         ("HP:0011873", ("HP:0001873", "HP:0001894")), ("HP:0011893", ("HP:0001882", "HP:0001974")),
                         ("HP:0011991", ("HP:0001875", "HP:0011897")), ("HP:0040088", ("HP:0001888", "HP:0100827")),
                         ("HP:0040089", ("HP:0040218", "HP:6000677")))}}
#: words of a line that point to an organ system like a neighbouring finding ("ID, attends
#: special school", "Mainstream school, no ID"; keys as normalised)
_CUE_SYSTEMS = dict.fromkeys(("school", "schooling", "education", "ehcp", "iq", "sheltered"), "HP:0000707")
#: nouns whose "ID" is an identifier ("patient ID", "sample ID")
_IDENTIFIED = frozenset("patient patients subject subjects case sample study record hospital nhs participant "
                        "family user photo".split())
#: leading words a subject of "X was normal" may be read without ("serum IgG", "early development")
_SPECIMEN_WORDS = frozenset({"serum", "plasma", "blood", "circulating", "total", "random", "fasting", "repeat",
                             "early", "overall", "initial", "recent", "formal", "routine", "previous", "latest",
                             "last"})  # (and a time or a scope: "early development", "a recent hearing test")
#: first words of a label that name an abnormality its finding's bare name leaves out ("normal
#: overbite": *Increased overbite*)
_ABNORMALITY_LEADS = frozenset({"increased", "decreased", "reduced", "abnormal", "abnormality", "elevated",
                                "enlarged", "dilation", "dilated", "dilatation", "prominent"})
#: words after a statement of absence that take part of it back ("full eye movements except …")
_EXCEPTIONS = frozenset({"except", "apart", "save", "excepting"})
#: nouns of a service, a plan or a test that a finding's name modifies ("movement disorders
#: clinic", "diabetes educator", "fall precautions", "inherited eye disease panel"): the name
#: says what the service is for, not what the patient has (not "cancer predisposition" or
#: "cancer genetics", which an abstract may say of the patient's own tumours)
_SERVICE_NOUNS = frozenset("clinic service team panel educator nurse specialist consultant precaution prevention "
                           "protocol programme program unit ward department".split())
#: words that name a finding alone but a shape or a level before "of" and one of
#: :data:`_SHAPE_AFTER_OF` ("depression of the tibial plateau", "depression of
#: consciousness" are not *Depression*, the mood)
_SHAPE_NOUNS = frozenset({"depression"})
#: the word after their "of" that makes them so ("depression of mood" stays the mood)
_SHAPE_AFTER_OF = frozenset({"the", "a", "an", "both", "consciousness", "level", "levels", "skull"})
#: words before "fit(s)" that make it a seizure ("no fits", "never had a fit", "Hx: seizures/fits"),
#: and words after it that make it a verb or an adjective ("fits well", "fit the description",
#: "fit with", "fit for", "a fit of coughing"); "otherwise fit and well" has neither
_FIT_BEFORE = frozenset("no any a hx had has have having recurrent frequent febrile nocturnal first further several "
                        "multiple occasional daily his her their nightly brief".split())
_FIT_NOT_AFTER = frozenset("the with for well in into a an his her their of and description to".split())
#: the denominator of a ratio whose numerator a finding's name would be ("urine protein-to-creatinine
#: ratio 0.09 g/g", "urine protein:creatinine", "protein/creatinine"): the name is an analyte's, and
#: the laboratory reader reads its value
_RATIO_DENOMINATORS = frozenset({"creatinine", "creat", "cr"})
_DIRECTION_WORDS = frozenset("raised elevated high increased increase excess excessive low reduced decreased "
                             "decrease".split())
#: the words of a lexicon's statements of absence ("normal hearing", "hearing was unremarkable")
_NORMAL_WORDS = frozenset({"normal", "unremarkable", "norm", "normally", "intact"})
#: words that deny a statement of absence ("hearing was not normal")
_NOT_NORMAL = frozenset({"not", "never", "no"})
#: verbs whose negation denies the statement of absence that is their object ("does not make
#: good eye contact", "did not have normal hearing")
_HAVING_VERBS = frozenset("have has had make makes made show shows showed display displays displayed achieve "
                          "achieved maintain maintains maintained".split())


def _statement_denied(norms: Sequence[str], start: int, seps: Sequence[str] | None = None) -> bool:
    """Whether the statement of absence at word ``start`` is the object of a negated verb of
    having: "does not make good eye contact", "has never had normal hearing", "doesn't
    have normal vision" (the tokens "n", "t" of "n't" included); or right after "never", whose
    verb the statement holds: "has never gained weight well"; or after "no", "without",
    "absence of": "with no patent tricuspid valve", "absence of a normal foveal pit"."""
    k = start - 1
    if k >= 0 and norms[k] == "never":
        return True
    if k >= 0 and norms[k] in ("a", "an", "any"):
        k -= 1
    if k >= 0 and (norms[k] in ("no", "without") or (k >= 1 and norms[k] == "of"
                                                     and norms[k - 1] in ("absence", "lack", "loss"))) \
            and (seps is None or all(not seps[x].strip() for x in range(k + 1, start + 1))):
        return True  # (a denied statement of absence: "no patent tricuspid valve")
    if k < 1 or norms[k] not in _HAVING_VERBS:
        return False
    return norms[k - 1] in ("not", "never", "t")


#: words after a finding that name where, on which side or since when it is, and the names
#: of the more specific terms they make with its label (:meth:`ConceptRecognizer._specialised`;
#: normalised words: "legs" is "leg")
_LIMBS = r"(?:the |both |all four |all 4 |his |her |their )?"
_CONGENITAL = ("congenital {}",)
_NEONATAL = ("neonatal {}",)
_QUALIFIERS_AFTER = (
    (re.compile(rf"(?:in|of|affecting|involving) {_LIMBS}(?:leg|lower limb|lower extremity)\b"), ("lower limb {}",)),
    (re.compile(rf"(?:in|of|affecting|involving) {_LIMBS}(?:arm|upper limb|upper extremity)\b"), ("upper limb {}",)),
    (re.compile(rf"(?:in|of|affecting|involving) {_LIMBS}(?:limb|extremity)\b"),
     ("appendicular {}", "limb {}")),
    (re.compile(r"(?:on both side|bilaterally|bilat)\b"), ("bilateral {}",)),
    (re.compile(r"(?:present |noted )?(?:at|from|since) birth\b"), _CONGENITAL),
    # "respiratory distress immediately after birth", "… within hours of birth": *Neonatal …*
    (re.compile(r"(?:(?:immediately|shortly|soon|just) )?after birth\b|within (?:(?:an|a few|the first) )?"
                r"(?:hours?|minutes?|days?|hour|day) (?:of|after) birth\b|in the (?:neonatal|newborn) period\b"),
     _NEONATAL),
)
#: a count of episodes after a finding: "pneumonia x3", "pneumonia three times", "on several
#: occasions" (not a frequency: "loose stools several times a day")
_COUNT_AFTER = r"(?:two|three|four|five|six|seven|eight|nine|ten|several|many|multiple|numerous|[2-9]|[1-9]\d)"
_MANY_AFTER_RE = re.compile(
    r"(?:x[2-9]|x[1-9]\d|" + _COUNT_AFTER
    + r" time(?! (?:a|per|each|every) (?:day|night|week|month|year|hour|minute))"
    r"|on (?:multiple|several|many|numerous|repeated|separate) occasion|repeatedly)\b")
#: a rate of episodes after a finding ("falls several times a week", "falls 2-3x/wk"): its
#: "Frequent …" term, where HPO names one (normalised words)
_RATE_AFTER_RE = re.compile(
    r"(?:" + _COUNT_AFTER
    + r"(?: (?:or|to) (?:two|three|four|five|six|seven|eight|nine|ten|[2-9]|[1-9]\d))? time (?:a|per|each|every)"
    r" (?:day|week|month)|(?:[1-9] )?[2-9]x (?:wk|week|day|mo|month))\b")
#: a count of episodes before a finding ("several pneumonias", "at least four prior pneumonias",
#: "four radiologically confirmed episodes of pneumonia", "3 x CXR-confirmed pneumonias", "2x
#: admissions with pneumonia"): its "Recurrent …" term, where HPO names one (normalised words)
_MANY_BEFORE_RE = re.compile(
    r"(?:^| )(?:(?:at least|more than|over) )?"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|several|multiple|numerous|many|[2-9]x?|[1-9]\d)(?: x)?"
    r"(?: (?:prior|previous|separate|further|documented|radiologically|cxr|confirmed|proven|culture|serious|severe"
    r"|significant)){0,3}"
    r"(?: (?:episode|bout|attack|admission|adm|hospitalization|hospitalisation|time) (?:of|with|for|w))?$")
#: words before a finding that do the same ("generalised dystonia", "upper limb reflexes were
#: exaggerated"), as normalised word tuples
_QUALIFIERS_BEFORE = (
    (("lower", "limb"), ("lower limb {}",)),
    (("upper", "limb"), ("upper limb {}",)),
    (("generalized",), ("generalized {}",)),
    (("generalised",), ("generalized {}",)),
    (("bilateral",), ("bilateral {}",)),
    (("bilat",), ("bilateral {}",)),
    (("globally",), ("generalized {}",)),
    (("generally",), ("generalized {}",)),
    (("recurrent",), ("recurrent {}",)),
    (("repeated",), ("recurrent {}",)),
    (("chronic",), ("chronic {}",)),
    (("persistent",), ("chronic {}",)),
    (("long", "standing"), ("chronic {}",)),
    (("severe",), ("severe {}", "{}, severe")),
    (("profound",), ("profound {}", "{}, profound")),
    (("moderate",), ("moderate {}", "{}, moderate")),
    (("mild",), ("mild {}", "{}, mild")),
    *(((often, bout, "of"), ("recurrent {}",)) for often in ("recurrent", "repeated", "frequent")
      for bout in ("bout", "episode", "attack")),
    (("left", "sided"), ("unilateral {}",)),
    (("right", "sided"), ("unilateral {}",)),
)
#: measurements read from words, not from a value, which a negation before them may deny
#: (any other measurement beyond its limit states its finding, as a positive dipstick does)
_WORDED_QUANTITIES = frozenset({"development", "intellectual disability range"})
#: the qualifiers before a finding by their last word, the one right before the finding
#: (in their order: the first that matches wins)
_QUALIFIERS_BEFORE_BY_LAST = {last: tuple(q for q in _QUALIFIERS_BEFORE if q[0][-1] == last)
                              for last in {q[0][-1] for q in _QUALIFIERS_BEFORE}}
#: how many spans on either side may hold a finding's narrower reading already
_NEIGHBOUR_SPANS = 8
#: every word of a qualifier, for a cheap first test of a text
_QUALIFIER_WORDS = frozenset({"leg", "limb", "extremity", "arm", "side", "bilaterally", "bilat", "birth", "period",
                              "generalized", "generalised", "bilateral", "globally", "generally", "recurrent",
                              "repeated", "chronic", "persistent", "standing", "severe", "profound", "moderate",
                              "mild", "sided", "frequent"})
#: every word that may count episodes (:data:`_MANY_BEFORE_RE`, :data:`_MANY_AFTER_RE`), for the same test
_COUNT_WORDS = frozenset({"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "multiple",
                          "numerous", "many", "time", "occasion", "repeatedly", "x", "2x", "3x", "4x", "5x", "x2", "x3",
                          "x4", "x5", "x6"})
#: words before "normal …" that make it a norm, not a statement about the patient
_NOT_OF_THE_PATIENT = frozenset({"for", "of", "to", "than", "from", "toward", "towards", "until", "at"})
#: dimensions a statement of normality may name of a part as well as of the patient
_DIMENSION_WORDS = frozenset({"height", "length", "size", "width"})
#: words before "normal height" after which it is the patient's ("she has normal height")
_BEFORE_A_STATEMENT = frozenset("has have had showed shows revealed reveals demonstrated demonstrates confirmed "
                                "indicated and overall otherwise".split())
_HPO_ID_RE = re.compile(r"\bHP[:_]\s?(\d{7})\b", re.IGNORECASE)
_TIER_ORDER = {"identifier": 0, "exact": 1, "abbreviation": 2, "coord": 3, "measurement": 4, "bag": 5, "dense": 6,
               "tagger": 7}
_METHOD = {"identifier": "identifier", "dense": "dense", "exact": "dictionary", "abbreviation": "dictionary",
           "coord": "dictionary", "bag": "dictionary", "measurement": "measurement", "tagger": "tagger"}


class _Span(NamedTuple):
    start: int  # token index
    end: int  # token index (exclusive)
    rows: tuple[int, ...]
    tier: str
    rank: int
    confidence: float


def _tagged_status(context: str, tagged: str | None) -> str:
    """The status of a phrase the note tagger linked: excluded when the tagger or the
    context rules say so, else the context's (present, or uncertain). The tagger learned
    statements of normality the rules do not read ("fetal movements normal"); on the
    development sets the rules' status alone read 4.5 points more features with the wrong
    status (docs/recognition.md)."""
    return "excluded" if tagged == "excluded" and context == "present" else context


def _ends_segment(seps: Sequence[str], k: int) -> bool:
    """Whether the separator before word ``k`` ends a segment of a note: a line, or a
    sentence that a heading follows ("… ID. Echo: ASD"); in terse notes a sentence alone
    is often one fragment ("Hx: ID. Speech delayed."), so other sentence ends are not."""
    sep = seps[k]
    if "\n" in sep:
        return True
    if ". " not in sep and "; " not in sep:
        return False
    for j in range(k + 1, min(k + 4, len(seps))):  # one to three words, then the heading's colon
        if seps[j].lstrip().startswith(":"):
            return True
        if seps[j].strip():
            return False
    return False


def _of_a_part(norms: Sequence[str], seps: Sequence[str], start: int, end: int) -> bool:
    """Whether a statement of a dimension over ``norms[start:end]`` ("normal height",
    "height … normal") follows a part's noun, whose dimension it is: "upper vermilion normal
    height", "the palatal arch height was normal" — not after a verb, "and" or an adverb
    ("she has normal height", "growth and height normal")."""
    if start == 0 or seps[start] != " ":
        return False
    first = norms[start]
    dimension = first in _DIMENSION_WORDS or (first == "normal" and end - start > 1
                                              and norms[start + 1] in _DIMENSION_WORDS)
    before = norms[start - 1]
    return dimension and is_content_word(before) and before not in _BEFORE_A_STATEMENT and not before.endswith("ly")


class ConceptRecognizer:
    """HPO concept recognition for free text, built once per knowledge graph.

    Args:
        kg: the :class:`~kgmed.kg.KnowledgeGraph` (default: :func:`kgmed.kg.load_default`).
        branches: HPO roots whose descendants are recognised (default Phenotypic
            abnormality and Mode of inheritance).
        layperson: also match layperson synonyms ("big head", "flat feet").
        lexicons: clinical lexicons whose names are read too ("development was globally
            delayed", "callosal hypoplasia", "hearing was normal" as an excluded finding;
            :mod:`kgmed.text.lexicon`): default kgmed's own, ``()`` for HPO's names only.
        bag: the order-free tier ("hyperplasia of the gums" = "gum hyperplasia").
        coordination: the coordination tier ("palmar and plantar pits").
        predicative: let the order-free tier read through one copula, from a subject to
            its predicate ("muscle tone was decreased" = "decreased muscle tone").
        negative_forms: read "no X" as *Absent X* and "unable to X" as *Inability to X*
            where HPO has that name and X alone is no finding ("no speech" → *Absent
            speech*; "no seizures" stays an excluded *Seizure*).
        abbreviations: read short forms defined in the text as an HPO concept ("global
            developmental delay (GDD) … GDD"). Off by default (GSC+ does not annotate them;
            doc-level results are unchanged). Dictionary acronyms that the text defines
            otherwise ("Angelman syndrome (AS)") are never read, whatever this says.
        identifiers: read HPO ids written in the text ("HP:0001250").
        measurements: read findings stated as numbers, with the thresholds of HPO's
            definitions: growth z-scores and centiles, gestational age at birth, milestone
            ages, IQ and BMI (:mod:`kgmed.text.measurements`); and laboratory values
            outside the reference range the text states (:mod:`kgmed.text.labs`).
        overlaps: ``"nested"`` (default: keep a span nested in a longer one when it names
            an ancestor of the longer one's concept, or the longer one is a coordination),
            ``"longest"`` (outermost spans only) or ``"all"`` (every span, crossing ones too).
        context: detect negation, uncertainty, family history and onset; with False every
            finding is present in the patient.
        onset_ages: also read ages as onsets ("seizures began at 3 months of age"; see
            :class:`~kgmed.text.context.ContextAnnotator`).
        dense: a :class:`~kgmed.text.dense.DenseLinker` (or
            :class:`~kgmed.text.linker.LearnedLinker`) for phrases no dictionary name
            covers, ``True`` for the default one (all-MiniLM-L6-v2; builds or loads the
            embedding cache), or ``False`` / ``None`` for none.
        tagger: a built or unbuilt :class:`~kgmed.text.tagger.NoteTagger` that links the
            finding phrases of notes no dictionary reading touches, ``True`` for the one
            trained in ``$KGMED_HOME/text/tagger``, or ``None`` for none.
        max_chars: longest accepted text; longer input raises :class:`InputError`.
        context_rules: trigger phrases (:class:`~kgmed.text.context.ContextRules`).

    Attributes (after :meth:`build`): ``kg_``, ``dictionary_``, ``matcher_``, ``context_``,
    ``dense_``, ``tagger_``, ``build_seconds_``.
    """

    def __init__(
        self,
        kg=None,
        *,
        branches: Sequence[str] = DEFAULT_BRANCHES,
        layperson: bool = True,
        lexicons: Sequence = (DEFAULT_LEXICON,),
        bag: bool = True,
        coordination: bool = True,
        predicative: bool = True,
        negative_forms: bool = True,
        abbreviations: bool = False,
        identifiers: bool = True,
        measurements: bool = True,
        overlaps: Literal["nested", "longest", "all"] = "nested",
        context: bool = True,
        onset_ages: bool = True,
        dense=None,
        tagger=None,
        max_chars: int = DEFAULT_MAX_CHARS,
        context_rules: ContextRules | None = None,
    ):
        self.kg = kg
        self.branches = tuple(branches)
        self.layperson = layperson
        self.lexicons = tuple(lexicons)
        self.bag = bag
        self.coordination = coordination
        self.predicative = predicative
        self.negative_forms = negative_forms
        self.abbreviations = abbreviations
        self.identifiers = identifiers
        self.measurements = measurements
        self.overlaps = overlaps
        self.context = context
        self.onset_ages = onset_ages
        self.dense = dense
        self.tagger = tagger
        self.max_chars = max_chars
        self.context_rules = context_rules

    # ------------------------------------------------------------------ build
    def build(self) -> "ConceptRecognizer":
        """Build the dictionary, the automaton and the context rules; returns ``self``."""
        if self.overlaps not in ("nested", "longest", "all"):
            raise ValueError(f"overlaps must be 'nested', 'longest' or 'all', got {self.overlaps!r}")
        t0 = time.perf_counter()
        kg = self.kg
        if kg is None:
            from kgmed.kg import load_default

            kg = load_default()
        self.kg_ = kg
        self.context_ = ContextAnnotator(self.context_rules, ages=self.onset_ages)
        self.dictionary_ = TermDictionary(kg, branches=self.branches, layperson=self.layperson,
                                          lexicons=self.lexicons,
                                          extra_words=sorted(self.context_.trigger_words())).build()
        self.matcher_ = DictionaryMatcher(self.dictionary_, bag=self.bag, coordination=self.coordination,
                                          predicative=self.predicative,
                                          negative_forms=self.negative_forms).build()
        self._ids = kg.nodes["id"].tolist()
        self._labels = kg.nodes["label"].tolist()
        # each term's own words of absence besides "normal" ("descended"), and their stems
        self._absence_words = self.dictionary_.absence_words_
        self._absence_stems = {r: frozenset(map(stem_word, ws)) for r, ws in self._absence_words.items()}
        self._anc_cache: dict[int, frozenset] = {}
        self._special_memo: dict[str, tuple | None] = {}  # qualified names (_specialised)
        # each term's "Recurrent …" term, by label, where it descends from it (not a synonym of
        # another: "recurrent diarrhea" names *Chronic diarrhea*)
        by_label = {label.lower(): r for r, label in enumerate(self._labels) if isinstance(label, str)}
        # and its "Frequent …" term, likewise ("Frequent falls" of *Falls*, which HPO places
        # elsewhere: a rate names the term by its label alone)
        self._recurrent_rows, self._frequent_rows = {}, {}
        for r, label in enumerate(self._labels):
            for prefix, rows in (("Recurrent ", self._recurrent_rows), ("Frequent ", self._frequent_rows)):
                if isinstance(label, str) and label.startswith(prefix):
                    rest = label[len(prefix):].lower()
                    for name in (rest, rest[:-1] if rest.endswith("s") else rest):  # ("… fractures": *Fracture*)
                        base = by_label.get(name)
                        if base is not None and (prefix == "Frequent " or base in self._ancestors(r)):
                            rows[base] = r
                            break
        try:  # the organ systems: children of Phenotypic abnormality (for _disambiguate)
            self._system_rows = {c: kg.index(c) for c in kg.children("HP:0000118")}
        except UnknownIdentifierError:
            self._system_rows = {}
        self._systems = frozenset(self._system_rows.values())
        self._measure_rows = self._measurement_rows(kg) if self.measurements else {}
        allowed = frozenset(self.dictionary_.rows_.tolist())
        # autoantibodies and their results ("ANA -ve", "TRAb +ve"): :mod:`kgmed.text.antibodies`
        self._antibodies = AntibodyTable((r, self._labels[r]) for r in sorted(allowed)) \
            if self.measurements else None

        def row_of(h: str) -> int | None:  # a term's row where the dictionary reads it, else None
            return kg.index(h) if h in kg and kg.index(h) in allowed else None

        # myoclonic jerks named among seizures are seizures (:meth:`_seizure_jerks`; the last
        # of the three, *Seizure*, is also what "fits" are, :meth:`_fits`), a bare
        # "demyelination" of the brain is central (:meth:`_central_demyelination`), and a few
        # of HPO's terms are read with the clinical term their words mean (:data:`_ALSO_READ`)
        self._jerk_rows = tuple(map(row_of, (_MYOCLONUS, _MYOCLONIC_SEIZURE, _SEIZURE)))
        self._demyelination_rows = tuple(map(row_of, (_PERIPHERAL_DEMYELINATION, _CNS_DEMYELINATION)))
        self._also_rows = {row_of(h): row_of(e) for h, e in _ALSO_READ.items()
                           if row_of(h) is not None and row_of(e) is not None}
        regression = row_of(_DEVELOPMENTAL_REGRESSION)
        self._regressed = {r: (regression,) for r in map(row_of, _DELAYS_UNTIL_REGRESSION)
                           if r is not None and regression is not None}
        self._ends = {kg.index(h): tuple(kg.index(e) for e in ends) for h, ends in _EXCLUDED_AS_ENDS.items()
                      if h in kg and all(e in kg and kg.index(e) in allowed for e in ends)}
        self._name_words = frozenset(self.dictionary_.vocab_.values())  # the keys of every name's words
        self.tagger_ = None
        if self.tagger:
            from kgmed.text.tagger import NoteTagger

            tagger = NoteTagger(kg=kg) if self.tagger is True else self.tagger
            if not hasattr(tagger, "index_"):
                tagger.build()
            self.tagger_ = tagger
        self.dense_ = None
        if self.dense:
            from kgmed.text.dense import DenseLinker

            linker = DenseLinker(kg) if self.dense is True else self.dense
            if not hasattr(linker, "index_"):
                linker.build()
            self.dense_ = linker
        self.build_seconds_ = time.perf_counter() - t0
        logger.info("concept recognizer built in %.2fs", self.build_seconds_)
        return self

    def _check_built(self) -> None:
        if not hasattr(self, "matcher_"):
            raise RuntimeError("ConceptRecognizer is not built yet: call .build() first")

    # ------------------------------------------------------------- recognize
    def recognize(self, text: str) -> list[Finding]:
        """The findings in ``text``, in order of position.

        Empty or whitespace-only text gives an empty list.

        Raises:
            InputError: ``text`` is not a string, or longer than ``max_chars``.
        """
        self._check_built()
        if not isinstance(text, str):
            raise InputError(f"text must be a string, got {type(text).__name__}; "
                             "for a list of HPO ids use kgmed.text.findings_from_ids")
        if len(text) > self.max_chars:
            raise InputError(
                f"text is {len(text):,} characters long, more than max_chars={self.max_chars:,}; "
                "split it into parts or build a ConceptRecognizer with a larger max_chars"
            )
        if not text or text.isspace():
            return []
        tokens = tokenize(text, vocab=self.dictionary_.vocab_)
        if not len(tokens):
            return []
        self.matcher_.correct_typos(tokens)
        breaks = clause_breaks(tokens)
        cands = self.matcher_.match(tokens, breaks.barrier, breaks.comma)
        spans, shared = [], []
        for c in cands:
            s = self._to_span(c)
            if s is not None:
                spans.append(s)
            elif c.end - c.start == 1:
                shared.append(c)  # one word that names two terms ("ASD")
        spans, shared = self._abbreviations(tokens, spans, shared)
        if self._jerk_rows[2] is not None and ("fit" in text or "Fit" in text):
            spans.extend(self._fits(tokens))
        if self.identifiers and ("HP" in text or "hp" in text or "Hp" in text):
            spans.extend(self._identifiers(text, tokens))
        # one pass over the cue words, for the measurements and the ages of the context
        cues = find_cues(text) if self._measure_rows or self.context else None
        normal: set[_Span] = set()  # spans stating that something is normal
        stated: set[_Span] = set()  # spans whose own words state a finding ("protein 1+", "Plt 22")
        if self._measure_rows:
            spans.extend(self._measurements(text, tokens, cues, normal, stated))
            if cues.get("lab"):
                counts: list[_Span] = []
                labs = self._lab_values(text, tokens, cues["lab"], counts)
                stated.update(labs)  # a value beyond its range states its finding: "absence of
                # granulocytes on the film, platelets 22 x10^9/L" is no absent thrombocytopenia
                spans.extend(labs)
                normal.update(counts)  # "platelets 241 × 10^9/L": neither end of the count
                spans.extend(counts)
            if cues.get("normal"):
                spans.extend(self._normal_statements(text, tokens, cues["normal"], normal))
            if self._antibodies and cues.get("antibody"):
                spans.extend(self._antibody_results(text, tokens, cues["antibody"], normal, stated))
        spans = self._resolve(self._without_idle_absences(spans, tokens.norms, tokens.seps), tokens.norms)
        spans = self._specialised(spans, tokens, breaks)
        if "yoclonic" in text:
            spans = self._seizure_jerks(spans, tokens, text)
        if "emyelination" in text:
            spans = self._central_demyelination(spans, tokens, text)
        if self._also_rows:
            also = self._also_rows
            spans = [s._replace(rows=(s.rows[0], also[s.rows[0]])) if len(s.rows) == 1 and s.rows[0] in also else s
                     for s in spans]
        if shared:
            spans = self._disambiguate(shared, spans, tokens)
        if self.dense_ is not None:
            spans = self._resolve(spans + self.dense_.link(tokens, breaks, spans), tokens.norms)
        tagged: dict[tuple[int, int], str] = {}  # the tagger's own status of its phrases
        if self.tagger_ is not None:
            extra = self.tagger_.link(tokens, spans)
            if extra:
                tagged = {fe: status for fe, _, _, status in extra}
                new = [_Span(f, e, (row,), "tagger", 7, max(0.0, round(score, 3))) for (f, e), row, score, _ in extra]
                spans = self._resolve(spans + new, tokens.norms)
        ctx = None
        if self.context:
            norms = tokens.norms
            opened = {s.start for s in spans if s.tier == "bag" and norms[s.start] in NEGATIVE_WORDS}
            ctx = self.context_.annotate(tokens, [(s.start, s.end) for s in spans], breaks, opened, cues)
        out: list[Finding] = []
        ids, labels = self._ids, self._labels
        starts, ends = tokens.starts, tokens.ends
        absent_rows = self.dictionary_.absent_rows_
        absence_words, absence_stems = self._absence_words, self._absence_stems
        headings: set[int] = set()  # ids of present findings that head a clause before its colon
        as_ends: set[int] = set()  # ids of findings excluded as an end of their measure
        said_normal: list[_Span] = []  # statements of normality read excluded
        n_words = len(tokens)
        for k, s in enumerate(spans):
            a, b = starts[s.start], ends[s.end - 1]
            if s.tier == "measurement":
                b = close_bracket(text, a, b)  # "(-2.6 SD)": the tokens end before ")"
            status, subject, onset = ctx[k] if ctx is not None else ("present", "patient", None)
            if s.start > 0 and _of_the_pregnancy(tokens.norms, s.start):
                subject = "family"  # the mother's: "gestational diabetes", "pregnancy-induced hypertension"
            if tagged and s.tier == "tagger":
                status = _tagged_status(status, tagged.get((s.start, s.end)))
            if s.end < n_words and tokens.norms[s.end] in _SERVICE_NOUNS and s.tier != "measurement" \
                    and tokens.seps[s.end] in (" ", "-"):
                continue  # a service's name: "movement disorders clinic", "fall precautions"
            if s.end - s.start == 1 and s.end < n_words and tokens.norms[s.start] in _SHAPE_NOUNS \
                    and tokens.norms[s.end] == "of" and tokens.seps[s.end] == " " and s.end + 1 < n_words \
                    and tokens.norms[s.end + 1] in _SHAPE_AFTER_OF:
                continue  # "depression of the medial tibial plateau", "of consciousness": not the mood
            if s.tier != "measurement" and _numerator_of_a_ratio(tokens, s.end) \
                    and _DIRECTION_WORDS.isdisjoint(tokens.norms[s.start:s.end]):
                continue  # "urine protein-to-creatinine ratio 0.09 g/g" (an analyte, not proteinuria;
                # but "a raised urinary calcium:creatinine ratio")
            if s.tier in ("bag", "coord") and ctx is not None \
                    and not PREDICATE_NEGATORS.isdisjoint(tokens.norms[s.start:s.end]):
                status = "excluded"  # a negated predicate: "CK was not elevated", "ears were neither low-set nor …"
            elif normal and s in normal and status != "uncertain":
                status = "excluded"  # "OFC 50th centile": its own value says it
                said_normal.append(s)
            elif stated and s in stated and status == "excluded":
                status = "present"  # "no glycosuria, protein 1+": its own grade or value says it
            elif status == "present" and s.tier != "measurement" and self._said_normal(s, tokens, breaks):
                status = "excluded"  # "normal overbite", "the perivascular spaces are not enlarged"
            if absent_rows and s.tier != "measurement" and s.rows[0] in absent_rows:  # (a value is no name)
                words = tokens.norms[s.start:s.end]
                own = absence_words.get(s.rows[0], frozenset())
                if self._words_state_absence(s.rows[0], words):
                    # a lexicon's statement of absence: "hearing was normal" (not: present)
                    if not self._states_absence(tokens.norms, s, own, tokens.seps):
                        continue  # "essential for normal vision", "normal height of the ridges"
                    if s.end < n_words and tokens.norms[s.end] in _EXCEPTIONS and not breaks.clause[s.end]:
                        continue  # "full eye movements except for abduction of the right eye"
                    if s.start > 0 and tokens.norms[s.start - 1] == "not":
                        continue  # "not normocephalic": small or large, the words do not say
                    if status != "uncertain":  # its own words say it, not a negation before it
                        status = "present" if not _NOT_NORMAL.isdisjoint(words) \
                            or _statement_denied(tokens.norms, s.start, tokens.seps) else "excluded"
                        if status == "excluded" and s.end < n_words and tokens.norms[s.end] == "until":
                            status = "present"  # normal until a time: "remained ambulant until 14 years"
                            if s.rows[0] in self._regressed:  # "development was normal until 2 years":
                                s = s._replace(rows=self._regressed[s.rows[0]])  # a regression, not a delay
                elif own and any(stem_word(w) in absence_stems[s.rows[0]] for w in words):
                    continue  # the word of absence in another form, read order-free: "failed to descend"
            method = _METHOD[s.tier]
            heading = status == "present" and s.end < n_words and breaks.colon[s.end] \
                and (s.start == 0 or breaks.clause[s.start])
            rows = s.rows
            if status == "excluded" and not self._ends.keys().isdisjoint(rows) and (
                    s in normal or (s.rows[0] in absent_rows and self._words_state_absence(
                        s.rows[0], tokens.norms[s.start:s.end]))):
                # a statement of normality ("height normal", "OFC 50th centile"); a denial of
                # the grouping term's own name ("no abnormality of skull size") stays as said
                rows = tuple(dict.fromkeys(e for r in rows for e in self._ends.get(r, (r,))))
            if status == "present" and said_normal and s.tier != "measurement" and self._said_normal_of(s, said_normal):
                continue  # the subject of a statement of normality: "lumbar lordosis normal" has none
            for r in rows:
                out.append(_finding(ids[r], labels[r], a, b, text[a:b], status, subject, method, s.confidence, onset))
                if rows is not s.rows:
                    as_ends.add(id(out[-1]))
                if heading:
                    headings.add(id(out[-1]))
        out.sort(key=lambda f: (f.start, -f.end, f.hpo_id))
        if as_ends:
            # an end excluded for its measure that the text reads present ("OFC normal at
            # birth, -3.1 SD by age 2"): the measure changed, the present reading stands
            present = {(f.hpo_id, f.subject) for f in out if f.status == "present"}
            out = [f for f in out if id(f) not in as_ends or (f.hpo_id, f.subject) not in present]
        if headings:
            out = _without_denied_headings(out, headings, text)
        return out

    __call__ = recognize

    def _said_normal_of(self, s: _Span, statements: list[_Span]) -> bool:
        """Whether span ``s`` names, inside the words of a statement of normality read
        before it, what that statement excludes or a grouping of it: "lumbar lordosis" (HPO's
        name of *Lumbar hyperlordosis*) in "lumbar lordosis normal" (not "broad philtrum" in
        "broad philtrum of normal length", a finding of its own)."""
        for t in statements[-3:]:  # (the statements around it; a nested span follows its container)
            if t.start <= s.start and s.end <= t.end and any(
                    r == e or r in self._ancestors(e) for e in t.rows for r in s.rows):
                return True
        return False

    def _said_normal(self, s: _Span, tokens: Tokens, breaks: Breaks) -> bool:
        """Whether the words around a finding named without its abnormality say it is normal:
        "normal overbite" (*Increased overbite*), "normal perivascular spaces"; "the
        perivascular spaces are not enlarged" (*Dilation of Virchow-Robin spaces*). Only
        where the term's label holds an abnormality word the matched words lack ("normal
        myopia correction", "more than normal fatigue" name the finding itself; "the cyst was
        not enlarged" is no statement of a dilatation)."""
        norms = tokens.norms
        if s.start > 0 and norms[s.start - 1] == "normal" and not breaks.clause[s.start] \
                and (s.start < 2 or norms[s.start - 2] not in ("than", "not")):
            lead = self._labels[s.rows[0]].lower().split()[0]
            return lead in _ABNORMALITY_LEADS and lead not in norms[s.start:s.end]
        if s.end + 1 < len(norms) and not breaks.clause[s.end] and not breaks.comma[s.end]:
            k = s.end + 1 if norms[s.end] in ("is", "are", "was", "were") else s.end
            if k + 1 < len(norms) and norms[k] == "not" and norms[k + 1] in ("enlarged", "dilated") \
                    and not breaks.clause[k] and not breaks.clause[k + 1] \
                    and (k + 2 >= len(norms) or norms[k + 2] not in ("further", "since", "compared")):
                return any(w.startswith(("dilat", "enlarg")) or w.endswith("megaly")
                           for w in self._labels[s.rows[0]].lower().split())
        return False

    def recognize_many(self, texts: Iterable[str], *, n_jobs: int = 1, chunksize: int = 16) -> list[list[Finding]]:
        """:meth:`recognize` for each text, in order.

        Args:
            texts: the texts.
            n_jobs: processes reading at once, this one included (``-1``: one per CPU).
                The others are forked from this process, so the built recognizer and the
                texts are shared, not rebuilt or pickled; where ``fork`` is unavailable,
                or with the dense fallback (torch and fork do not mix), texts are read in
                this process.
            chunksize: texts a process takes at a time (each takes the next chunk when
                it is done with one, so uneven texts keep every process busy).
        """
        texts = list(texts)
        if n_jobs is None or n_jobs < 0:
            n_jobs = os.cpu_count() or 1
        n_chunks = -(-len(texts) // max(chunksize, 1))
        if n_jobs <= 1 or n_chunks <= 1 or self.dense_ is not None or self.tagger_ is not None \
                or "fork" not in multiprocessing.get_all_start_methods():
            return [self.recognize(t) for t in texts]
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        global _SHARED
        self._check_built()
        ctx = multiprocessing.get_context("fork")
        out: list[list[Finding] | None] = [None] * len(texts)
        with _SHARED_LOCK:
            taken = ctx.Value("q", 0)
            _SHARED = _Shared(self, texts, max(chunksize, 1), taken)
            try:
                helpers = min(n_jobs, n_chunks) - 1
                with ProcessPoolExecutor(helpers, mp_context=ctx) as pool:
                    pending = [pool.submit(_read_chunks, k) for k in range(helpers)]
                    try:
                        for i, findings in _read_chunks(0, build=True):  # this process reads too
                            out[i] = findings
                        parts = [p.result() for p in pending]
                    except BaseException:
                        with taken.get_lock():
                            taken.value = n_chunks  # the helpers take no further chunk
                        raise
            except BrokenProcessPool as exc:
                raise RuntimeError("a process reading texts for recognize_many(n_jobs=...) died "
                                   "(out of memory?); read with n_jobs=1 or fewer texts at a time") from exc
            finally:
                _SHARED = None
        for part in parts:
            for i, rows in part:  # rebuild the helpers' Findings from compact tuples
                text = texts[i]
                out[i] = [_finding(h, lab, a, b, text[a:b], st, sub, m, c, on)
                          for h, lab, a, b, st, sub, m, c, on in rows]
        return out

    # --------------------------------------------------------------- helpers
    @staticmethod
    def _to_span(c: Candidate) -> _Span | None:
        entries = c.entries
        best = entries[0].rank
        if best == _CONTEXTUAL:
            return None  # a lexicon's contextual name ("ID"): read by its neighbours or not at all
        if len(entries) == 1:
            return _Span(c.start, c.end, (entries[0].row,), c.tier, best, c.confidence)
        rows = tuple(sorted({e.row for e in entries if e.rank == best}))
        if len(rows) > 1:
            # several concepts share this name at the same rank ("ASD"): not safe to read
            if c.end - c.start == 1:
                return None
            rows = rows[:1]
        return _Span(c.start, c.end, rows, c.tier, best, c.confidence)

    def _disambiguate(self, shared: list[Candidate], spans: list[_Span], tokens: Tokens) -> list[_Span]:
        """Read a word that names two terms at the same rank ("ASD": *Atrial septal defect*
        and *Autistic behavior*) as the one whose organ system the other findings of its
        line share, when exactly one does: "Echo: small ASD, VSD" is the heart's, "Dev:
        speech delay, ASD traits" the behaviour's; alone, or where both or neither fit, it
        is not read. A lexicon's contextual name ("ID", "MR") is read so too, as its term
        or its terms: "Dev: GDD, speech delay, ID", "Echo: mild MR, PS" — not before a noun
        it modifies ("MR angiogram", "ID patients") nor alone ("patient ID 4")."""
        seps = tokens.seps
        placed = sorted((s.start, s.end) for s in spans)
        placed_starts = [a for a, _ in placed]
        reach = list(accumulate((b for _, b in placed), max))  # the furthest end so far
        norms = tokens.norms
        pending = []  # (candidate, its rows, its line's window)
        for c in shared:
            k = bisect_left(placed_starts, c.end)  # placed spans starting before c ends
            if k and reach[k - 1] > c.start:
                continue  # a placed span covers it
            if c.entries[0].rank == _CONTEXTUAL and c.end < len(norms) and seps[c.end] == " " \
                    and is_content_word(norms[c.end]):
                continue  # a contextual name modifying a noun is another word: "MR angiogram", "ID patients"
            lo = c.start  # the neighbours: in its line and heading, at most _NEIGHBOUR_WORDS away
            while lo > 0 and not _ends_segment(seps, lo) and c.start - lo < _NEIGHBOUR_WORDS:
                lo -= 1
            hi = c.end
            while hi < len(seps) and not _ends_segment(seps, hi) and hi - c.end < _NEIGHBOUR_WORDS:
                hi += 1
            if c.entries[0].rank == _CONTEXTUAL and (c.start and norms[c.start - 1] in _IDENTIFIED
                                                      or c.end < len(norms) and norms[c.end][:1].isdigit()):
                continue  # an identifier: "patient ID 4", "ID: 1234"
            heading = self._heading_system(norms, seps, lo, c.start) | frozenset(
                self._system_rows[_CUE_SYSTEMS[w]] for w in norms[lo:hi]
                if w in _CUE_SYSTEMS and _CUE_SYSTEMS[w] in self._system_rows)
            pending.append((c, sorted({e.row for e in c.entries if e.rank == c.entries[0].rank}), lo, hi, heading))
        added: list[_Span] = []
        # until nothing more is read (three rounds at most): a word read lends its system to
        # the next ("Echo: ASD; mild MR; PS": PS has one term, the heart's, which tells ASD
        # and MR); windows are found by bisection, so long texts stay linear
        for _ in range(3):
            support = sorted(spans + added, key=lambda s: s.start)
            sup_starts = [s.start for s in support]
            singles = [(c.start, c.end, self._system_of(rows[0])) for c, rows, *_ in pending if len(rows) == 1]
            single_starts = [a for a, _, _ in singles]
            left = []
            for item in pending:
                c, rows, lo, hi, heading = item
                near = [self._system_of(r) for s in support[bisect_left(sup_starts, lo):bisect_left(sup_starts, hi)]
                        if s.end <= hi for r in s.rows]
                if heading:
                    near.append(heading)
                near += [system for a, b, system
                         in singles[bisect_left(single_starts, lo):bisect_left(single_starts, hi)]
                         if b <= hi and a != c.start]
                fits = [r for r in rows if any(self._system_of(r) & n for n in near)]
                if len(fits) == 1:
                    added.append(_Span(c.start, c.end, (fits[0],), c.tier, c.entries[0].rank, 0.8))
                else:
                    left.append(item)
            if len(left) == len(pending):
                break
            pending = left
        if not added:
            return spans
        return sorted(spans + added, key=lambda s: (s.start, -s.end))

    def _heading_system(self, norms: Sequence[str], seps: Sequence[str], lo: int, start: int) -> frozenset:
        """The organ system a heading names — one to three words opening the segment before
        a colon ("Echo:", "CVS:", "Dev:", "Eyes:"; :data:`_HEADING_SYSTEMS`) — or nothing."""
        for k in range(lo, min(lo + 3, start)):
            if seps[k + 1].lstrip().startswith(":"):
                system = _HEADING_SYSTEMS.get(norms[k])
                return frozenset({self._system_rows[system]}) if system in self._system_rows else frozenset()
        return frozenset()

    def _system_of(self, row: int) -> frozenset:
        """The organ systems (children of *Phenotypic abnormality*) a term is under."""
        return (self._ancestors(row) | {row}) & self._systems

    def _abbreviations(self, tokens: Tokens, spans: list[_Span],
                       shared: list[Candidate]) -> tuple[list[_Span], list[Candidate]]:
        """Drop dictionary acronyms the text defines otherwise ("Angelman syndrome (AS)"),
        from the spans and from the words left to :meth:`_disambiguate` ("an imprinting
        defect (ID)"); with ``abbreviations=True`` also read short forms defined as an HPO
        concept."""
        words = tokens.words
        defs = find_definitions(tokens)
        if not defs:
            return spans, shared
        by_end: dict[int, list[_Span]] = {}
        for s in spans:
            by_end.setdefault(s.end, []).append(s)
        meaning: dict[str, tuple[int, ...] | None] = {}
        for d in defs:
            best = None
            for s in by_end.get(d.lf_end, ()):
                if s.start >= d.lf_start and s.tier != "identifier":
                    if matches_long_form(d.short, words[s.start:d.lf_end]) and (best is None or s.start < best.start):
                        best = s
            if best is None:
                if not any(c.isdigit() for w in words[max(d.lf_start, d.lf_end - 2):d.lf_end] for c in w):
                    meaning.setdefault(d.short, None)  # not a concept: "Angelman syndrome (AS)"
                # (a value defines nothing: "BW 4.6 kg (LGA)")
            elif meaning.get(d.short) is None:
                meaning[d.short] = best.rows
        def_positions = {d.sf_index for d in defs}
        out = []
        for s in spans:
            if s.end - s.start == 1 and s.tier == "exact":
                key = _short_form_key(words[s.start])
                if key.isupper() and key in meaning:
                    rows = meaning[key]
                    if not (rows and set(rows) & set(s.rows)):
                        continue  # the text gives this acronym another meaning
                    if s.start in def_positions:
                        continue  # "(GDD)" right after its long form adds nothing
            out.append(s)
        if self.abbreviations:
            for i, w in enumerate(words):
                if w[:1].isupper():
                    rows = meaning.get(_short_form_key(w))
                    if rows and i not in def_positions:
                        out.append(_Span(i, i + 1, rows, "abbreviation", 1, 0.9))
        kept = []
        for c in shared:
            key = _short_form_key(words[c.start])
            if key.isupper() and key in meaning:
                rows = meaning[key]
                if not (rows and set(rows) & {e.row for e in c.entries}) or c.start in def_positions:
                    continue  # another meaning, or the short form of its own definition
            kept.append(c)
        return out, kept

    def _identifiers(self, text: str, tokens: Tokens) -> list[_Span]:
        out = []
        starts = {a: i for i, a in enumerate(tokens.starts)}
        ends = {b: i for i, b in enumerate(tokens.ends)}
        unknown = 0
        for m in _HPO_ID_RE.finditer(text):
            a, b = m.span()
            i, j = starts.get(a), ends.get(b)
            if i is None or j is None:
                continue
            try:
                row = self.kg_.index(self.kg_.resolve(f"HP:{m.group(1)}"))
            except UnknownIdentifierError:
                unknown += 1
                continue
            out.append(_Span(i, j + 1, (row,), "identifier", 0, 1.0))
        if unknown:
            logger.warning("%d HPO identifier(s) in the text are not in the knowledge graph and were "
                           "skipped; use kgmed.text.findings_from_ids to check ids strictly", unknown)
        return out

    @staticmethod
    def _measurement_rows(kg) -> dict[str, int]:
        """KG rows of the terms measurements can give (those the KG lacks are not read)."""
        rows = {}
        for hpo_id in MEASUREMENT_TERMS:
            try:
                rows[hpo_id] = kg.index(kg.resolve(hpo_id))
            except UnknownIdentifierError:
                continue
        return rows

    def _measurements(self, text: str, tokens: Tokens, cues, normal: set, stated: set) -> list[_Span]:
        """Findings stated as numbers (:mod:`kgmed.text.measurements`); the spans of clearly
        normal values ("OFC 50th centile", "LVEF 60%") are added to ``normal``: they
        exclude their abnormality; those of a value beyond its limit or a positive grade
        ("QTc 490 ms", "protein 1+") to ``stated``: no negation before them undoes it ("no
        glycosuria, protein 1+")."""
        out = []
        starts, ends = tokens.starts, tokens.ends
        for m in find_measurements(text, cues):
            row = self._measure_rows.get(m.hpo_id)
            i = bisect_left(starts, m.start)  # first word in the span
            j = bisect_right(ends, m.end)  # words ending inside it
            if row is not None and i < j:
                if out and out[-1].start == i and out[-1].end == j and not m.normal and out[-1] not in normal:
                    # two terms of one value ("hip flexors 3/5": *Muscle weakness* and
                    # *Proximal muscle weakness in lower limbs*): one span that names both
                    stated.discard(out[-1])
                    out[-1] = _Span(i, j, (*out[-1].rows, row), "measurement", 0, 0.95)
                    stated.add(out[-1])
                    continue
                out.append(_Span(i, j, (row,), "measurement", 0, 0.95))
                if m.normal:
                    normal.add(out[-1])
                elif m.quantity not in _WORDED_QUANTITIES:
                    stated.add(out[-1])  # a value beyond its limit: "without bradycardia, a QTc of 490 ms"
        return out

    def _lab_values(self, text: str, tokens: Tokens, cues: list[int], counts: list[_Span]) -> list[_Span]:
        """Laboratory values outside their stated range (:mod:`kgmed.text.labs`), each read
        as the term HPO names "increased" / "decreased" + the analyte: the longest run of
        the last words before the value (at most :data:`_LAB_ANALYTE_WORDS`) that makes a
        whole dictionary name with the direction, by the same matcher as any text."""
        out = []
        memo: dict[str, tuple | None] = {}  # (this text's values only: nothing outlives the call)
        starts, ends = tokens.starts, tokens.ends
        normal_counts: list = []
        values = find_lab_values(text, cues, normal_counts)
        if normal_counts:
            counts.extend(self._normal_counts(normal_counts, tokens))
        for v in values:
            i = bisect_left(starts, v.start)
            j = bisect_right(ends, v.analyte_end)  # analyte words: i .. j-1
            last = bisect_right(ends, v.end)
            direction = "increased " if v.direction == "high" else "decreased "
            for k in range(max(i, j - _LAB_ANALYTE_WORDS), j):
                # a value read by the labs' own limits names its analyte as HPO does ("Hb" →
                # "hemoglobin"); it spans the words before it all the same
                analyte = v.analyte if v.analyte is not None else text[starts[k]:ends[j - 1]]
                found = self._whole_name(direction + analyte, memo)
                if found is not None:
                    if found[0] is not None:
                        out.append(_Span(k, last, found[0].rows, "measurement", found[0].rank, 0.9))
                    break
        return out

    def _fits(self, tokens: Tokens) -> list[_Span]:
        """The word "fit" / "fits" where the words around it make it a seizure, as British notes call
        one ("no fits", "has never had a fit", "no seizures/fits"), read as *Seizure*; not the
        verb or the adjective ("fits well", "did not fit the description", "otherwise fit and
        well") nor "a fit of coughing" (:data:`_FIT_BEFORE`, :data:`_FIT_NOT_AFTER`)."""
        norms, seps = tokens.norms, tokens.seps
        out = []
        for k, w in enumerate(norms):
            if w != "fit" or k == 0 or "\n" in seps[k] or seps[k].strip() not in ("", "/"):
                continue
            if norms[k - 1] not in _FIT_BEFORE and seps[k].strip() != "/":
                continue
            if k + 1 < len(norms) and norms[k + 1] in _FIT_NOT_AFTER and not seps[k + 1].strip():
                continue
            out.append(_Span(k, k + 1, (self._jerk_rows[2],), "exact", 4, 0.8))  # (*Seizure*)
        return out

    def _normal_counts(self, values: list, tokens: Tokens) -> list[_Span]:
        """Blood counts within the band that is normal at every age
        (:func:`~kgmed.text.labs.find_normal_counts`), each read as "<count> normal" is: the
        count's grouping term, whose ends the caller excludes (*Thrombocytopenia*,
        *Thrombocytosis*)."""
        out = []
        memo: dict[str, tuple | None] = {}
        absent = self.dictionary_.absent_rows_
        starts, ends = tokens.starts, tokens.ends
        for v in values:
            i, last = bisect_left(starts, v.start), bisect_right(ends, v.end)
            found = self._normal_rows([(i, v.analyte)], "normal", True, memo, absent) if last > i else None
            if found is not None:
                out.append(_Span(i, last, found[1], "measurement", 0, 0.9))
        return out

    def _antibody_results(self, text: str, tokens: Tokens, cues: list[int], normal: set, stated: set) -> list[_Span]:
        """Autoantibodies with their results (:mod:`kgmed.text.antibodies`): each read as its
        "Anti-X antibody positivity" term, excluded where the result is negative ("ANA -ve")
        and present where positive ("TRAb +ve"), whatever negation stands before it."""
        out = []
        starts, ends = tokens.starts, tokens.ends
        for r in find_antibody_results(text, self._antibodies, cues):
            i, last = bisect_left(starts, r.start), bisect_right(ends, r.end)
            if last <= i:
                continue
            out.append(_Span(i, last, (r.row,), "measurement", 0, 0.9))
            (stated if r.positive else normal).add(out[-1])
        return out

    def _central_demyelination(self, spans: list[_Span], tokens: Tokens, text: str) -> list[_Span]:
        """``spans`` with the bare word "demyelination", which HPO lists as a name of
        *Peripheral demyelination*, read as *CNS demyelination* where its sentence speaks of
        the brain or the cord ("MRI: white matter signal normal, no evidence of
        demyelination"); a nerve's stays peripheral ("nerve conduction: demyelination")."""
        peripheral, central = self._demyelination_rows
        if peripheral is None or central is None:
            return spans
        norms = tokens.norms
        out = list(spans)
        for k, s in enumerate(spans):
            if s.rows == (peripheral,) and norms[s.start:s.end] == ["demyelination"]:
                a = tokens.starts[s.start]
                first, last = max(0, a - _SENTENCE_REACH), min(len(text), a + _SENTENCE_REACH)  # (bounded: linear time)
                lo = max(text.rfind(".", first, a), text.rfind("\n", first, a), first - 1) + 1
                hi = min((x for x in (text.find(".", a, last), text.find("\n", a, last)) if x >= 0), default=last)
                words = norms[bisect_left(tokens.starts, lo):bisect_left(tokens.starts, hi)]  # (the sentence's words)
                if not _CENTRAL_WORDS.isdisjoint(words) and _PERIPHERAL_WORDS.isdisjoint(words):
                    out[k] = s._replace(rows=(central,))
        return out

    def _seizure_jerks(self, spans: list[_Span], tokens: Tokens, text: str) -> list[_Span]:
        """``spans`` with "myoclonic jerks" read as *Myoclonic seizure* too where the line names
        a seizure (any status): a jerk among seizure types is one ("no GTCS, no myoclonic
        jerks, no absences"; the ILAE's myoclonic seizure is a sudden brief jerk). HPO names
        the words *Myoclonus*, which is read as well (curators record either), and alone
        where no seizure is named ("myoclonic jerks on reaching")."""
        myoclonus, seizure_row, seizure = self._jerk_rows
        if myoclonus is None or seizure_row is None or seizure is None:
            return spans
        norms, starts = tokens.norms, tokens.starts
        jerks = [k for k, s in enumerate(spans) if s.rows == (myoclonus,) and "myoclonic" in norms[s.start:s.end]
                 and not _JERKS.isdisjoint(norms[s.start:s.end])]
        if not jerks:
            return spans
        breaks = [m.start() for m in re.finditer("\n", text)]  # the lines, found once (linear time)
        seizure_lines = {bisect_right(breaks, starts[o.start]) for o in spans
                         if any(r == seizure or seizure in self._ancestors(r) for r in o.rows)}
        out = list(spans)
        for k in jerks:
            if bisect_right(breaks, starts[spans[k].start]) in seizure_lines:
                out[k] = spans[k]._replace(rows=(myoclonus, seizure_row))
        return out

    def _specialised(self, spans: list[_Span], tokens: Tokens, breaks) -> list[_Span]:
        """Each finding narrowed by the words of place, side or time around it to the more
        specific term HPO names so: "spasticity in both legs" is *Lower limb spasticity*,
        "tone was reduced in all four limbs" *Appendicular hypotonia*, "upper limb reflexes
        were exaggerated" *Upper limb hyperreflexia*, "undescended testes on both sides"
        *Bilateral cryptorchidism*, "generalised dystonic posturing" *Generalized dystonia*,
        "cataract present at birth" *Developmental cataract* (:data:`_QUALIFIERS_AFTER`,
        :data:`_QUALIFIERS_BEFORE`); a count of episodes, "several pneumonias", "pneumonia x3",
        *Recurrent pneumonia* (:data:`_MANY_BEFORE_RE`, :data:`_MANY_AFTER_RE`, the term whose
        label is "Recurrent" and the finding's); a rate of episodes, "falls several times a
        week", *Frequent falls* (:data:`_RATE_AFTER_RE`, the term labelled "Frequent" and the
        finding's). Only a term whose whole name is the qualifier and the finding's label,
        and which descends from it (a "Frequent" term need not), is read; it is read beside
        the finding (as nested names are: "bilateral ptosis" gives *Bilateral ptosis* and *Ptosis*),
        over the finding's words and the qualifier's (a time's words excepted, which the
        context reads as the onset)."""
        norms, barrier, comma = tokens.norms, breaks.barrier, breaks.comma
        n = len(norms)
        qualified, counted = not _QUALIFIER_WORDS.isdisjoint(norms), not _COUNT_WORDS.isdisjoint(norms)
        if not (qualified or counted):
            return spans
        memo = self._special_memo
        out = []
        absent = self.dictionary_.absent_rows_
        for idx, s in enumerate(spans):
            if len(s.rows) != 1 or s.tier in ("identifier", "measurement") or s.rows[0] in absent \
                    and self._words_state_absence(s.rows[0], norms[s.start:s.end]):
                out.append(s)  # (a value or a statement of absence keeps its own words: "upper limb
                # strength 5/5", "testes descended bilaterally")
                continue
            found = None
            k = s.end
            after = " ".join(norms[k:min(n, k + 5)]) if qualified else ""
            if k < n and not barrier[k] and after:
                for pattern, templates in _QUALIFIERS_AFTER:
                    m = pattern.match(after)
                    if m is not None:
                        width = len(m.group(0).split())
                        if not any(barrier[x] or comma[x] for x in range(k + 1, min(n, k + width))) \
                                and (k + width >= n or norms[k + width] != "of" or barrier[k + width]):
                            # (not another's: "in the legs of his brother", "since birth of her son")
                            # (a time stays outside the span, where the context reads it as the
                            # onset: "hypotonia since birth")
                            end = s.end if templates in (_CONGENITAL, _NEONATAL) else k + width
                            found = self._narrower(s.rows[0], templates, memo), s.start, end
                        break
            if qualified and (found is None or found[0] is None) and s.start > 0:
                for words, templates in _QUALIFIERS_BEFORE_BY_LAST.get(norms[s.start - 1], ()):
                    a = s.start - len(words)
                    if a >= 0 and tuple(norms[a:s.start]) == words \
                            and not any(barrier[x] or comma[x] for x in range(a + 1, s.start + 1)) \
                            and (a == 0 or norms[a - 1] not in _NOT_NORMAL):  # "focal, not generalised, seizures"
                        found = self._narrower(s.rows[0], templates, memo), a, s.end
                        break
            recurrent = self._recurrent_rows.get(s.rows[0]) if counted and (found is None or found[0] is None) \
                else None
            if recurrent is not None:  # a count of episodes: "several pneumonias", "pneumonia x3"
                a = s.start
                while a > max(0, s.start - 6) and not (barrier[a] or comma[a]):
                    a -= 1  # (words a … s.start - 1: the finding's clause before it, at most six words)
                m = _MANY_BEFORE_RE.search(" ".join(norms[a:s.start])) if a < s.start else None
                first, end = (s.start - len(m.group().split()), s.end) if m is not None else (s.start, s.end)
                if m is None and s.end < n and not barrier[s.end]:
                    m = _MANY_AFTER_RE.match(" ".join(norms[s.end:min(n, s.end + 4)]))
                    if m is not None and not any(barrier[x] or comma[x]
                                                 for x in range(s.end, s.end + len(m.group().split()))):
                        end = s.end + len(m.group().split())
                    else:
                        m = None
                if m is not None:
                    found = recurrent, first, end
            frequent = self._frequent_rows.get(s.rows[0]) if counted and (found is None or found[0] is None) \
                and s.end < n and not barrier[s.end] else None
            if frequent is not None:  # a rate of episodes: "falls several times a week"
                m = _RATE_AFTER_RE.match(" ".join(norms[s.end:min(n, s.end + 7)]))
                if m is not None and not any(barrier[x] or comma[x]
                                             for x in range(s.end, s.end + len(m.group().split()))):
                    found = frequent, s.start, s.end + len(m.group().split())
            out.append(s)
            if found is not None and found[0] is not None and not any(
                    o.start <= found[1] and found[2] <= o.end and o is not s
                    for o in spans[max(0, idx - _NEIGHBOUR_SPANS):idx + _NEIGHBOUR_SPANS]):
                # (not inside a longer name, which has the qualifier already: "distal lower
                # limb muscle weakness" needs no *Lower limb muscle weakness* besides; the
                # spans are in order, so only the neighbours can hold it)
                s = _Span(found[1], found[2], (found[0],), s.tier, s.rank, s.confidence)
                if not any(o.start == s.start and o.end == s.end and o.rows == s.rows for o in out[-4:]):
                    out.append(s)  # (two readings narrowed to one term: "increased tone in the limbs")
        return out

    def _without_idle_absences(self, spans: list[_Span], norms: Sequence[str], seps: Sequence[str]) -> list[_Span]:
        """``spans`` without a lexicon's statement of absence that says nothing of the patient
        (:meth:`_states_absence`: "visual acuity normal" read order-free in "LFTs, creatinine
        and visual acuity normal"), dropped before overlaps are resolved so that it hides no
        other reading of its words (the list's item "visual acuity")."""
        absent_rows, absence_words = self.dictionary_.absent_rows_, self._absence_words
        if absent_rows.isdisjoint([s.rows[0] for s in spans]):
            return spans
        return [s for s in spans if s.tier == "measurement" or s.rows[0] not in absent_rows
                or not self._words_state_absence(s.rows[0], norms[s.start:s.end])
                or self._states_absence(norms, s, absence_words.get(s.rows[0], frozenset()), seps)]

    def _words_state_absence(self, row: int, words: Sequence[str]) -> bool:
        """Whether ``words``, read as term ``row`` (one of the dictionary's
        ``absent_rows_``), are a lexicon's statement of its absence: a word of normality
        ("hearing was normal") or the term's own word of absence ("testes descended")."""
        return not _NORMAL_WORDS.isdisjoint(words) or not self._absence_words.get(row, frozenset()).isdisjoint(words)

    def _narrower(self, row: int, templates: tuple[str, ...], memo: dict) -> int | None:
        """The term that descends from ``row`` and whose whole name is one of ``templates``
        filled with ``row``'s label (lower case), or None. A "Neonatal …" term need not
        descend (HPO places *Neonatal respiratory distress* under respiratory insufficiency,
        not under *Respiratory distress*): its label is the finding's at that age."""
        label = self._labels[row].lower()
        for t in templates:
            for r in self._rows_of(t.format(label), memo):
                if row in self._ancestors(r) or (templates is _NEONATAL and self._labels[r].lower() == t.format(label)):
                    return r
        return None

    def _whole_name(self, phrase: str, memo: dict) -> tuple | None:
        """``(span,)`` where the whole of ``phrase`` reads as one dictionary name (``span``
        None where that name is outside the recognised branches), None where it does not;
        by the same matcher as any text, memoised in ``memo``."""
        if phrase not in memo:  # (as written: acronyms are read in capitals only)
            toks = tokenize(phrase, vocab=self.dictionary_.vocab_)
            breaks = clause_breaks(toks)
            whole = [c for c in self.matcher_.match(toks, breaks.barrier, breaks.comma)
                     if c.start == 0 and c.end == len(toks)]
            memo[phrase] = (self._to_span(whole[0]),) if whole else None
        return memo[phrase]

    def _normal_statements(self, text: str, tokens: Tokens, cues: list[int], normal: set) -> list[_Span]:
        """Subjects of statements of normality (:mod:`kgmed.text.normal`: "IgG normal",
        "hearing and vision are normal"), each read as the abnormality HPO names for it —
        a lexicon's statement of absence "normal X" first, then "abnormal X", then for an
        analyte "abnormal circulating X concentration" / "abnormal X count" / "abnormal
        blood X concentration" where the predicate may be said of a value ("normal", not
        "intact"), and where HPO has none of these both "increased X" and "decreased X" —
        over the whole subject (at most :data:`_LAB_ANALYTE_WORDS` words, a leading specimen
        word optional); a dimension, a position or a presence as every end HPO names
        (:data:`_EVERY_END_TEMPLATES`); a list of analytes with a predicate of direction as
        "increased X" / "decreased X" (:data:`_DIRECTED_TEMPLATES`). The spans of what is
        excluded are added to ``normal``."""
        out = []
        memo: dict[str, tuple | None] = {}
        starts, ends, norms = tokens.starts, tokens.ends, tokens.norms
        absent = self.dictionary_.absent_rows_
        for a, b, c, valued, kind, said_at in find_normal_subjects(text, cues):
            i, j, last = bisect_left(starts, a), bisect_right(ends, b), bisect_right(ends, c)
            if j > i + 1 and norms[j - 1] in _MEASURE_WORDS:
                j -= 1  # "IgM concentrations": the analyte
            if j - i > _LAB_ANALYTE_WORDS or j <= i:
                continue
            # the whole subject, or without a leading specimen word ("serum IgG"); never
            # fewer words ("fetal movements" are not "movements")
            tries = [i] + ([i + 1] if j - i > 1 and norms[i] in _SPECIMEN_WORDS else [])
            # and without a trailing word for the test: "hearing screen normal" is hearing's
            lasts = [j] + ([j - 1] if j - 2 in (i, tries[-1]) and norms[j - 1] in _TEST_NOUNS
                           and norms[j - 2] in _TESTED_SENSES else [])
            if j - i > 2 and norms[j - 2] == "at" and norms[j - 1] == "birth":
                lasts.append(j - 2)  # "hearing at birth was normal": hearing's, where no name has "at birth"
            names = []
            for e in lasts:
                for k in tries:
                    if k < e:
                        words = text[starts[k]:ends[e - 1]]
                        names.append((k, _subject_name(words)))
            if j == i + 1 and norms[i] == "length" and i > 0 and norms[i - 1] in _POSSESSIVES:
                names = [(i, "height")]  # a child's length is its height: "her length was within the normal range"
            found = self._normal_rows(names, kind, valued, memo, absent)
            if found is None and kind == "normal" and j - i > 1 and norms[j - 1] in _STATED_DIMENSIONS:
                # "the palpebral fissure length was normal" is "… of normal length": every end
                found = self._normal_rows([(i, _subject_name(text[starts[i]:ends[j - 2]]))], "normal " + norms[j - 1],
                                          False, memo, absent)
            if found is not None:  # (ranked as a lexicon's name: it is read through a template)
                first = found[0] if said_at is None else bisect_left(starts, said_at)
                span = _Span(first, max(last, j), found[1], "measurement", RANKS["clinical"], 0.9)
                out.append(span)
                if kind not in ("high", "low", "abnormal"):
                    normal.add(span)
        return out

    def _normal_rows(self, names: list[tuple[int, str]], kind: str, valued: bool, memo: dict,
                     absent) -> tuple[int, tuple[int, ...]] | None:
        """``(first word, terms)`` a statement of ``kind`` (:class:`kgmed.text.normal.NormalSubject`)
        names for its subject, read as each of ``names`` (``(first word, analyte or part)``,
        the whole subject first) by the templates in order — the first that makes a whole
        dictionary name in the recognised branches; None where none does. A dimension's ends
        give way to the lexicon's own statement of that dimension of the part where it names
        another term ("normal palpebral fissure height": *Narrow*, not *Short palpebral
        fissure*)."""
        vocab, known = self.dictionary_.vocab_, self._name_words
        names = [(k, name) for k, name in names
                 if all(w in vocab or normalize_word(w) in known or w in STEM_SYNONYM_WORDS
                        for w in _WORD_RE.findall(name.lower()))]
        if not names:
            return None  # a word no name has: no template can make a name ("the karyotype")
        if kind in _EVERY_END_TEMPLATES:
            dim = kind.split(None, 1)[1] if kind.startswith("normal ") else None  # ("normal height": "height")
            if kind == "present" and self._whole_name(names[0][1], memo) is not None:
                return None  # a finding said to be present ("curly hair has been present")
            for k, name in names:  # every term the dimension's two ends name
                found = (r for t in _EVERY_END_TEMPLATES[kind] for r in self._rows_of(t.format(name), memo))
                rows = tuple(dict.fromkeys(found))
                if rows:
                    if dim is not None:
                        # the lexicon's statement of this dimension of the part, of a term the ends
                        # do not name, knows what the dimension is there: "palpebral fissures of
                        # normal height" is no short fissure but a narrow one excluded
                        own = self._rows_of(f"normal {name} {dim}", memo)
                        if own and own[0] in absent and own[0] not in rows:
                            return k, own
                    return k, rows
            if dim is not None:
                for k, name in names:  # no end named: the lexicon's statement of the part's
                    for phrase in ("normal " + name, f"normal {name} {dim}"):
                        rows = self._rows_of(phrase, memo)  # absence ("the upper lip vermilion was of
                        if rows and rows[0] in absent:  # normal height": not thin; "vermilion of normal
                            return k, rows  # thickness": the lexicon's "normal vermilion thickness")
            return None
        if kind in ("intact", "patent"):
            # "the palate is intact", "the anus was patent": the lexicon's statement of that,
            # where it has one (no cleft, no atresia); "patent" says nothing else ("the duct was
            # patent" is a finding)
            for k, name in names:
                rows = self._rows_of(kind + " " + name, memo)
                if rows and rows[0] in absent and (
                        kind == "intact" or "patent" in self._absence_words.get(rows[0], ())):
                    return k, rows  # (a name of absence by that word: not "patent ductus", whose is "closed")
            if kind == "patent":
                return None
            kind = "normal"
        if kind == "normal for age":
            # "speech and language are age-appropriate": their development, where HPO names one
            found = self._normal_rows([(k, name + " development") for k, name in names], "normal", False, memo, absent)
            if found is not None:
                return found
            kind = "normal"
        if kind not in ("normal", "abnormal"):
            for k, name in names:
                rows = self._rows_of(_DIRECTED_TEMPLATES[kind].format(name), memo)
                if rows:
                    return k, rows
            return None
        templates = _NORMAL_TEMPLATES if valued else _NORMAL_TEMPLATES[:3]
        if kind == "abnormal":
            # "an EEG performed in adolescence was abnormal": the abnormality itself (read
            # present), by the same templates but the lexicon's "normal X"
            templates = templates[1:]
        for k, name in names:
            for template in templates:
                rows = self._rows_of(template.format(name), memo)
                if rows and (not template.startswith("normal") or rows[0] in absent):
                    return k, rows
        if valued and kind == "normal":
            # no "abnormal X": neither direction ("ALT was normal", "triglycerides normal")
            for k, name in names:
                rows = tuple(r for t in _BOTH_DIRECTIONS for r in self._rows_of(t.format(name), memo))
                if rows:
                    return k, rows
        return None

    def _rows_of(self, phrase: str, memo: dict) -> tuple[int, ...]:
        """The terms of the dictionary name that the whole of ``phrase`` is (:meth:`_whole_name`),
        ``()`` where it is none or an ambiguous one."""
        found = self._whole_name(phrase, memo)
        return found[0].rows if found is not None and found[0] is not None else ()

    @staticmethod
    def _states_absence(norms: Sequence[str], s: _Span, absence_words: frozenset = frozenset(),
                        seps: Sequence[str] | None = None) -> bool:
        """Whether a lexicon's statement of absence read over ``s`` says something of the
        patient: "normal hearing", "hearing was normal", "normal hearing and vision" — not
        a norm in general ("essential for normal vision", "a return to normal growth"), of
        something else ("normal development of the limbs") or read order-free without a
        copula ("the norm of height"), except a test's verdict ("hearing normal on
        audiology"). A lexicon's own word of absence (``absence_words``:
        "descended", "straight") needs no copula: "testes descended", "spine straight". With
        ``seps``, a dimension right after a part's noun is the part's (:func:`_of_a_part`)."""
        if s.start > 0 and norms[s.start - 1] in _NOT_OF_THE_PATIENT and not (
                norms[s.start - 1] == "of" and s.start > 2 and norms[s.start - 2] in COPULAS
                and norms[s.start - 3] in _PERSONS):
            return False  # (but "she was of normal intelligence", "he is of normal stature")
        if seps is not None and _of_a_part(norms, seps, s.start, s.end):
            return False  # a part's dimension: "upper vermilion normal height", "palatal arch height was normal"
        if s.end < len(norms) and norms[s.end] in ("of", "for", "surgically", "operatively", "percutaneously") and not (
                norms[s.end] == "for" and not _FOR_A_LEVEL.isdisjoint(norms[s.end + 1:s.end + 4])):
            return False  # (… or closed by treatment: "the arterial duct was closed surgically"; but "attention span
            # appropriate for developmental level", "good for his age" are the patient's)
        words = norms[s.start:s.end]
        return s.tier != "bag" or not COPULAS.isdisjoint(words) or "been" in words \
            or not absence_words.isdisjoint(words) or any(  # a test's verdict: "normal on audiology"
                w in _NORMAL_WORDS and nxt in ("on", "at", "by") for w, nxt in zip(words, words[1:]))

    def _ancestors(self, row: int) -> frozenset:
        anc = self._anc_cache.get(row)
        if anc is None:
            anc = self._anc_cache[row] = frozenset(self.kg_.ancestor_rows(row, include_self=False).tolist())
        return anc

    def _unrelated(self, outer: _Span, inner: _Span) -> bool:
        """Whether ``inner``'s terms are neither ``outer``'s nor ancestors of them."""
        return not set(outer.rows) & set(inner.rows) and not all(
            any(r in self._ancestors(orow) for orow in outer.rows) for r in inner.rows)

    def _shadowed(self, s: _Span, outer: dict, subject: dict) -> bool:
        """Whether the exact name ``s`` ends an order-free reading (``outer``: by end) with
        more words before it, or opens a predicate reading (``subject``: by start), of a
        term it names no ancestor of (see :meth:`_resolve`)."""
        return any(o.start < s.start and self._unrelated(o, s) for o in outer.get(s.end, ())) \
            or any(o.end > s.end and self._unrelated(o, s) for o in subject.get(s.start, ()))

    def _resolve(self, spans: list[_Span], norms: Sequence[str]) -> list[_Span]:
        """Overlap resolution (see the module docstring).

        Spans of the precise tiers (identifiers, exact names, defined short forms) are placed
        first, longest first; then the looser tiers (coordination, order-free, dense), which
        may contain placed spans but never cross them. Under ``"nested"`` a span inside a
        longer one is kept only when its concept is an ancestor of the longer one's
        ("hearing loss" in "sensorineural hearing loss") or the longer one is a
        coordination ("plantar pits" in "palmar and plantar pits"): a different concept
        inside a longer name is a lexical accident ("nevus" in "basal cell nevus syndrome").
        Of two nested spans of the same concept only the longer stays ("hypopigmentation" in
        "hypopigmentation of skin", "global delay" in "Dev: global delay"). Likewise an exact
        name that ends an order-free reading with more words before it
        (no conjunction among them) is dropped unless it names an ancestor: "pigmentary
        changes" (skin) in "retinal pigmentary changes", "lipomas" (*Multiple lipomas*) in
        "eyelid lipomas"; and one that is the subject of a predicate reading: "weight gain"
        (*Increased body weight*) in "weight gain was poor" (*Failure to thrive*).
        """
        if not spans:
            return spans
        by_key: dict[tuple[int, int], _Span] = {}
        for s in spans:
            k = (s.start, s.end)
            old = by_key.get(k)
            if old is None or (_TIER_ORDER[s.tier], s.rank) < (_TIER_ORDER[old.tier], old.rank):
                by_key[k] = s
        order = sorted(by_key.values(), key=lambda s: (_TIER_ORDER[s.tier] > 2, -(s.end - s.start),
                                                       _TIER_ORDER[s.tier], s.rank, s.start))
        policy = self.overlaps
        kept: list[_Span] = []
        owner: dict[int, list[int]] = {}  # token -> indices into kept covering it
        for s in order:
            ok = True
            covering = set()
            for x in range(s.start, s.end):
                covering.update(owner.get(x, ()))
            for k in covering:
                o = kept[k]
                inside = o.start <= s.start and s.end <= o.end
                contains = s.start <= o.start and o.end <= s.end
                if policy == "longest":
                    ok = False
                elif inside:
                    if set(o.rows) & set(s.rows) or o.tier == "identifier":
                        ok = False  # the same concept inside a longer mention of it
                    elif policy == "nested" and o.tier != "coord" and not all(
                            any(r in self._ancestors(orow) for orow in o.rows) for r in s.rows):
                        ok = False
                elif not contains and policy != "all":
                    ok = False  # crosses a placed span
                if not ok:
                    break
            if ok:
                idx = len(kept)
                kept.append(s)
                for x in range(s.start, s.end):
                    owner.setdefault(x, []).append(idx)
        if policy == "nested":
            outer: dict[int, list[_Span]] = {}  # order-free readings by their end
            subject: dict[int, list[_Span]] = {}  # predicate readings by their start
            for o in kept:
                if o.tier in ("bag", "measurement") and CONJUNCTIONS.isdisjoint(norms[o.start:o.end]):
                    if o.tier == "bag":
                        outer.setdefault(o.end, []).append(o)
                    rest = norms[o.start + 1:o.end]
                    if not _SUBJECT_ENDS.isdisjoint(rest) and _ARTICLES.isdisjoint(rest):  # (not "… is a symptom")
                        subject.setdefault(o.start, []).append(o)
            if outer or subject:
                kept = [s for s in kept if not (s.tier == "exact" and (s.end in outer or s.start in subject)
                                                and self._shadowed(s, outer, subject))]
        if policy != "all":
            kept = _outermost(kept)
        kept.sort(key=lambda s: (s.start, -s.end))
        return kept


# ------------------------------------------------------------------ module level
#: words after which an order-free reading is a predicate of what came before them
_SUBJECT_ENDS = COPULAS | {"been"}
_ARTICLES = frozenset({"a", "an", "the"})


def _numerator_of_a_ratio(tokens: Tokens, end: int) -> bool:
    """Whether the words from token ``end`` on make what came before it the numerator of a
    ratio to creatinine: "-to-creatinine", ":creatinine", "/creat", " to creatinine"."""
    norms, seps = tokens.norms, tokens.seps
    if end < len(norms) and norms[end] == "to" and seps[end] in (" ", "-"):
        end += 1
    return end < len(norms) and norms[end] in _RATIO_DENOMINATORS and seps[end].strip() in ("", "-", ":", "/") \
        and "\n" not in seps[end]


def _without_denied_headings(out: list[Finding], headings: set[int], text: str) -> list[Finding]:
    """``out`` (sorted by start) without the headings that their own line denies: in
    "Allergies: No known allergies" the heading names the section, and the line says there
    are none. A heading (its ``id`` in ``headings``) is dropped where a finding of the same
    term, the same subject and excluded follows its colon with nothing but words of denial
    between (``_DENIAL_RE``), before the clause ends (a full stop, semicolon, line break or
    the next colon); a value is no denial ("Delayed walking: walked at 14 months"). Linear
    in the text: the clause marks are found once, and each heading looks only at the
    findings of its own clause."""
    marks = [m.start() for m in _CLAUSE_MARK_RE.finditer(text)]
    return [h for i, h in enumerate(out) if not (id(h) in headings and _denied(h, out, i, marks, text))]


def _denied(h: Finding, out: list[Finding], i: int, marks: list[int], text: str) -> bool:
    """Whether the heading ``h`` = ``out[i]`` is denied by a finding of its clause (above)."""
    k = bisect_left(marks, h.end)  # the heading's own colon
    end = marks[k + 1] if k + 1 < len(marks) else len(text)
    for f in islice(out, i + 1, None):
        if f.start >= end:
            return False
        if f.hpo_id == h.hpo_id and f.status == "excluded" and f.subject == h.subject and f.start > h.end \
                and f.method != "measurement" and _DENIAL_RE.fullmatch(text, h.end, f.start):
            return True
    return False


_CLAUSE_MARK_RE = re.compile(r"[.;:\n]")
#: what may stand between a heading and the finding that denies it: its colon and words of
#: denial only ("Allergies: No known allergies"; not "Epilepsy: well controlled, no seizures")
_DENIAL_RE = re.compile(r"[\s:]*(?:(?:no|not|none|nil|known|denies|denied|any|drug|history|of|neg|negative|for)"
                        r"\b[\s,]*)*", re.IGNORECASE)


def _outermost(spans: list[_Span]) -> list[_Span]:
    """``spans`` without those inside a longer span of the same concept (rows), in
    O(n log n): per concept, sorted by start (longest first), a span ending no later than
    an earlier one is inside it."""
    by_rows: dict[tuple[int, ...], list[_Span]] = {}
    for s in spans:
        by_rows.setdefault(s.rows, []).append(s)
    out = []
    for group in by_rows.values():
        if len(group) == 1:
            out.append(group[0])
            continue
        group.sort(key=lambda s: (s.start, -s.end))
        reach = -1
        for s in group:
            if s.end > reach:
                out.append(s)
                reach = s.end
    return out


class _Shared(NamedTuple):
    """What :meth:`ConceptRecognizer.recognize_many`'s forked processes inherit: the
    recognizer, the texts, and the shared count of chunks taken."""

    recognizer: "ConceptRecognizer"
    texts: list[str]
    chunksize: int
    taken: object  # multiprocessing.Value: the next chunk's number


_SHARED: _Shared | None = None
_SHARED_LOCK = threading.Lock()


def _read_chunks(_: int, build: bool = False):
    """Read chunks of the shared texts until none is left: ``(index, findings)`` pairs,
    with findings as tuples (they pickle far faster than dataclasses; the text itself is
    not sent back) unless ``build``."""
    rec, texts, size, taken = _SHARED
    out = []
    while True:
        with taken.get_lock():
            k = taken.value
            taken.value = k + 1
        lo = k * size
        if lo >= len(texts):
            return out
        for i in range(lo, min(lo + size, len(texts))):
            found = rec.recognize(texts[i])
            out.append((i, found if build else
                        [(f.hpo_id, f.label, f.start, f.end, f.status, f.subject, f.method, f.confidence, f.onset)
                         for f in found]))


_DEFAULTS: dict[tuple, ConceptRecognizer] = {}
_LOCK = threading.Lock()


def default_recognizer(kg=None, **options) -> ConceptRecognizer:
    """A built :class:`ConceptRecognizer` for ``kg`` (default KG when None) and options,
    created on first use and reused (at most four are kept)."""
    key = (id(kg) if kg is not None else None, tuple(sorted(options.items(), key=lambda kv: kv[0])))
    with _LOCK:
        rec = _DEFAULTS.get(key)
        if rec is None:
            rec = ConceptRecognizer(kg, **options).build()
            if len(_DEFAULTS) >= 4:
                _DEFAULTS.pop(next(iter(_DEFAULTS)))
            _DEFAULTS[key] = rec
        return rec


def recognize(text: str, *, kg=None, dense: bool = False, **options) -> list[Finding]:
    """The HPO findings in ``text`` (see :class:`ConceptRecognizer` for the options).

    Args:
        text: free text, e.g. a clinical note or an abstract.
        kg: the knowledge graph (default: the default HPO KG).
        dense: also run the dense fallback (loads a sentence-transformers model).
        **options: other :class:`ConceptRecognizer` arguments (``overlaps``, ``context``,
            ``abbreviations`` …).

    Example::

        >>> [(f.hpo_id, f.status) for f in recognize("No seizures.")]   # doctest: +SKIP
        [('HP:0001250', 'excluded')]
    """
    return default_recognizer(kg, dense=dense, **options).recognize(text)
