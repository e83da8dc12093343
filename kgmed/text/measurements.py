"""Findings stated as numbers: growth z-scores and centiles, gestational age at birth,
milestone ages, IQ, BMI, ejection fraction, spirometry, visual acuity, tendon reflex and
muscle power grades, urine dipstick results, Beighton scores, cardiothoracic ratios.

Case reports often give the measurement rather than the term: "her height was 102 cm
(−2.6 SD)", "born at 34 weeks of gestation", "he walked independently at 3 years", "a
full-scale IQ of 55". No dictionary name covers these, yet a curator records *Short
stature*, *Premature birth*, *Delayed ability to walk* and *Intellectual disability, mild*.
:func:`find_measurements` reads them with the thresholds that HPO's own definitions give,
so a value yields a term only where HPO says it does:

====================================  ===============================================================
measure                               term (HPO definition)
====================================  ===============================================================
height, stature, (body) length, Ht    ≤ −2 SD or < 3rd centile: *Short stature*; ≥ +2 SD or > 97th:
                                      *Tall stature*; 170–230 cm without a centile: *Short stature*
                                      excluded (short at no age, for neither sex)
head circumference, OFC, HC           ≤ −2 SD or < 3rd centile: *Microcephaly*; ≥ +2 SD or > 97th
                                      centile: *Macrocephaly*
weight, Wt                            ≤ −2 SD or < 3rd centile: *Decreased body weight*; ≥ +2 SD or
                                      > 97th: *Increased body weight*
birth weight, BW                      < 10th centile (≤ −1.28 SD): *Small for gestational age*;
                                      > 90th (≥ +1.28 SD): *Large for gestational age*
birth length                          < 3rd centile (≤ −2 SD): *Birth length less than 3rd percentile*
head circumference at birth, birth    ≤ −2 SD or < 3rd centile: *Primary microcephaly*; ≥ +2 SD or
OFC                                   > 97th: *Macrocephaly at birth* (a normal one excludes
                                      *Primary microcephaly*, as curators record it)
BMI                                   25–29.9 kg/m²: *Overweight*; ≥ 30 kg/m², ≥ +2 SD or > 97th
                                      centile: *Obesity*; below 17 kg/m² (obese at no age), or
                                      within ±1.28 SD / the 10th–90th centile: *Obesity* excluded
facial and genital dimensions         ≤ −2 SD or < 3rd centile, ≥ +2 SD or > 97th (HPO's
                                      definitions): stretched penile length *Micropenis*;
                                      palpebral fissure length *Short / Long palpebral fissure*;
                                      ear length *Short ear* / *Macrotia*; interpupillary distance
                                      *Hypotelorism* / *Hypertelorism*; inner canthal distance
                                      *Telecanthus*; philtrum length *Short / Long philtrum*; foot
                                      length *Short / Long foot*; the aortic root's z-score ≥ +2:
                                      *Aortic root aneurysm* (its dilatation)
gestational age at birth              < 37 completed weeks ("34 weeks", "34+2/40"): *Premature
                                      birth*; ≥ 42: *Postterm pregnancy*
walking / sitting / crawling age      later than 18 / 9 / 10 months (the upper ends of WHO's motor
                                      milestone windows and of HPO's definitions; or not yet at
                                      that age), up to 10 years: *Delayed ability to walk / sit /
                                      crawl*; by 14 / 7 / 10 months, not negated and with no
                                      later age for the same milestone in the text: the delay
                                      excluded ("walked independently at 13 months"); ages
                                      also in British twelfths ("walked 26/12")
first words                           later than 18 months (they usually come by 12–16 months):
                                      *Delayed speech and language development*
standing alone                        later than 17 months (the upper end of WHO's window):
                                      *Delayed ability to stand*
rolling over                          later than 7 months (infants roll by 4–6 months; HPO and
                                      WHO give no limit): *Delayed ability to roll over*
body temperature                      ≥ 38.0 °C (100.4 °F): *Fever*; < 35.0 °C (95 °F): *Hypothermia*
                                      (HPO gives no threshold: these are the clinical conventions);
                                      °F read by its unit or a value of 86–113
oxygen saturation (SpO2, SaO2)        < 90%: *Hypoxemia* (the clinical convention; HPO gives none)
liver / spleen below the costal       liver > 2 cm: *Hepatomegaly*; spleen ≥ 1 cm: *Splenomegaly*
margin                                (clinical conventions: a liver edge up to 2 cm below the
                                      margin and a spleen tip may be normal in children)
IQ                                    < 20, 20–34, 35–49, 50–69, 70–85: *Intellectual disability,
                                      profound / severe / moderate / mild / borderline*
left ventricular ejection fraction    < 30%, 30–39%, 40–49%: *Severely / Moderately / Mildly reduced
(LVEF, EF)                            left ventricular ejection fraction* (HPO's definitions)
FVC, FEV1 (% predicted)               < 80%: *Reduced forced vital capacity* / *Reduced forced
                                      expiratory volume in one second* (the conventional limit;
                                      HPO gives none)
visual acuity (Snellen 6/x, 20/x;     worse than 6/9 (20/30) in the worse eye given: *Reduced visual
decimal; logMAR)                      acuity* (no threshold in HPO; 6/9 is the lower end of normal);
                                      decimal below 0.6 or logMAR 0.3 and above likewise; all 6/6,
                                      decimal 1.0 or logMAR 0 and better excludes it
tendon reflexes, jerks, DTRs (0–4+)   0: *Areflexia*; 1+: *Hyporeflexia*; 3+, 4+: *Hyperreflexia* —
                                      of the Achilles or patellar reflex where the ankle or knee is
                                      named (the clinical grading scale; HPO gives none)
muscle power (MRC grade /5)           below 5/5 ("4/5", "4+/5", "5-/5") of power, strength or a
                                      muscle group: *Muscle weakness*
intellectual disability by its range  "in the mild / moderate / severe / profound / borderline range"
                                      in a sentence about intellectual ability: that grade;
                                      "above / below / outside / not in the … range": excluded
Beighton score (of 9)                 ≥ 5: *Joint hypermobility* (the usual cut-off for adults);
                                      ≤ 3: excluded
cardiothoracic ratio (CTR)            ≥ 0.6 (or 60%): *Cardiomegaly* at every age (newborns reach
                                      about 0.6); ≤ 0.5 excludes it (the adult limit); HPO gives none
bone mineral density (DXA)            Z-score ≤ −2.0: *Reduced bone mineral density* (the ISCD's
                                      "low for age"), ≥ +2.5: *Increased bone mineral density*;
                                      T-score ≤ −2.5: *Osteoporosis*, −2.5 < T ≤ −1.0: *Osteopenia*
                                      (the WHO's definitions)
ECG intervals (ms)                    QTc ≥ 470: *Prolonged QTc interval*; PR > 200: *First degree
                                      atrioventricular block* (the adult limits, above children's
                                      too; HPO gives none); QTc 340–439: a prolonged one excluded
semen analysis                        progressive motility < 30%: *Reduced progressive sperm
                                      motility*; total motility < 42%: *Reduced sperm motility*;
                                      sperm concentration < 16 million/mL: *Oligozoospermia* (the
                                      WHO's lower reference limits, 2021)
bone age at a chronological age       behind by max(1 year, 20% of the age) or more: *Delayed
                                      skeletal maturation*; ahead by as much: *Accelerated skeletal
                                      maturation* (about 2 SD of Greulich and Pyle's standards
                                      from early childhood on; HPO gives none)
Cobb angle                            ≥ 10°: *Scoliosis* (the angle that defines one), unless
                                      its clause measures a kyphosis or lordosis
urine dipstick, urinalysis            blood, protein, ketones, glucose, leucocytes, nitrites positive
                                      ("2+", "+++", "positive for"), in the sentence that names the
                                      test: *Hematuria*, *Proteinuria*, *Ketonuria*, *Glycosuria*,
                                      *Pyuria*, *Nitrituria*; negative ("negative for", "-ve",
                                      "nil", "no blood"): the term excluded
====================================  ===============================================================

HPO also defines finer classes (*Mild* and *Severe short stature*, *Mild microcephaly*,
preterm classes by week, obesity classes by BMI). They are not given: case curators use
the general terms (phenopacket-store: *Short stature* 1,211 times, *Mild short stature*
once; *Microcephaly* 1,084, *Mild microcephaly* once; *Premature birth* 170, the preterm
classes 8; *Obesity* 387, the classes never), and so do the disease annotations a case is
ranked against, where a more specific patient term than the annotation scores lower. The
classes of intellectual disability are given: curators use them (mild, moderate, severe
and profound 1,338 times, the general term 1,239).

A value at the boundary counts ("−2 SD" is read as short stature, as clinicians write it).
A value clearly within the norm is a statement of absence (``Measurement.normal``; the
recognizer reports it excluded): a growth value at the 10th–90th centile or within ±1.28
SD excludes *Abnormality of body height / skull size / body weight*, an LVEF of 50% or
more *Reduced left ventricular ejection fraction*, an FVC / FEV1 of 80% predicted or more
its reduction, an acuity of 6/6 (20/20) or better in every eye *Reduced visual acuity*, a
birth at term ("born at term", "a full-term baby", "born at 39 weeks") *Premature birth*, reflexes of 2+
*Abnormal reflex*, power 5/5 said of every muscle ("throughout", "in all four limbs")
*Muscle weakness*. A
value between the two (the 5th centile, −1.8 SD, 6/9) yields nothing.
A measure and its value must be in the same sentence, the value at most 60 characters after
the measure word; coordinated measures share a value ("height and weight below the 3rd
centile"). Negation, uncertainty and family history are left to the context rules, like
any other finding ("his father's height was −3 SD" is family history).

Example::

    >>> text = "Her height was 102 cm (-2.6 SD); she walked independently at 3 years."
    >>> [(m.hpo_id, text[m.start:m.end]) for m in find_measurements(text)]
    [('HP:0004322', 'height was 102 cm (-2.6 SD)'), ('HP:0031936', 'walked independently at 3 years')]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from kgmed.text.development import (ABILITY_CUES, DEVELOPMENT_CUES, DEVELOPMENT_TERMS, INTELLECTUAL_DISABILITY,
                                    find_abilities, find_development)
from kgmed.text.labs import LAB_CUES
from kgmed.text.normal import NORMAL_CUES

__all__ = ["Measurement", "find_measurements", "MEASUREMENT_TERMS", "find_onset_ages", "find_cues", "close_bracket"]


@dataclass(frozen=True)
class Measurement:
    """A finding read from a number: ``text[start:end]`` is the evidence, ``hpo_id`` the
    term HPO's definition gives for ``value`` (in ``unit``) of ``quantity``."""

    start: int
    end: int
    hpo_id: str
    quantity: str
    value: float
    unit: str
    normal: bool = False  # a clearly normal value: ``hpo_id`` is the abnormality it excludes


# ------------------------------------------------------------------ thresholds
SHORT_STATURE, TALL = "HP:0004322", "HP:0000098"
MICROCEPHALY, MACROCEPHALY = "HP:0000252", "HP:0000256"
LOW_WEIGHT, HIGH_WEIGHT = "HP:0004325", "HP:0004324"
SGA, LGA, SHORT_BIRTH_LENGTH = "HP:0001518", "HP:0001520", "HP:0003561"
PRIMARY_MICROCEPHALY, MACROCEPHALY_AT_BIRTH = "HP:0011451", "HP:0004488"
OVERWEIGHT, OBESITY = "HP:0025502", "HP:0001513"
PRETERM, POSTTERM = "HP:0001622", "HP:0031169"
FEVER, HYPOTHERMIA, HYPOXEMIA = "HP:0001945", "HP:0002045", "HP:0012418"
HEPATOMEGALY, SPLENOMEGALY = "HP:0002240", "HP:0001744"
AORTIC_ROOT_DILATATION = "HP:0002616"
REDUCED_BMD, INCREASED_BMD, OSTEOPOROSIS, OSTEOPENIA = "HP:0004349", "HP:0011001", "HP:0000939", "HP:0000938"
DELAYED_BONE_AGE, ADVANCED_BONE_AGE = "HP:0002750", "HP:0005616"
LOW_PROGRESSIVE_MOTILITY, LOW_MOTILITY, OLIGOZOOSPERMIA = "HP:0034011", "HP:0012207", "HP:0000798"
LONG_QTC, FIRST_DEGREE_AV_BLOCK = "HP:0005184", "HP:0011705"
#: weakness of a part of the limbs (muscle power by MRC grade, :data:`_POWER_REGIONS`)
PROXIMAL_WEAKNESS, DISTAL_WEAKNESS = "HP:0003701", "HP:0002460"
PROXIMAL_LL_WEAKNESS, DISTAL_LL_WEAKNESS = "HP:0008994", "HP:0009053"
PROXIMAL_UL_WEAKNESS, DISTAL_UL_WEAKNESS = "HP:0008997", "HP:0008959"
DELAYED_WALK, DELAYED_SIT, DELAYED_CRAWL, DELAYED_SPEECH = "HP:0031936", "HP:0025336", "HP:0033128", "HP:0000750"
DELAYED_STAND, DELAYED_ROLL = "HP:0025335", "HP:0032989"
MICROPENIS, SHORT_FISSURE, LONG_FISSURE = "HP:0000054", "HP:0012745", "HP:0000637"
SHORT_EAR, MACROTIA, HYPOTELORISM, HYPERTELORISM = "HP:0400005", "HP:0000400", "HP:0000601", "HP:0000316"
TELECANTHUS, SHORT_PHILTRUM, LONG_PHILTRUM = "HP:0000506", "HP:0000322", "HP:0000343"
SHORT_FOOT, LONG_FOOT, SCOLIOSIS = "HP:0001773", "HP:0001833", "HP:0002650"
#: what a urine dipstick tests for → the term for a positive result
_URINE_ANALYTES = {"blood": "HP:0000790", "protein": "HP:0000093", "ketone": "HP:0002919", "ketones": "HP:0002919",
                   "glucose": "HP:0003076", "leucocytes": "HP:0012085", "leukocytes": "HP:0012085",
                   "nitrites": "HP:0031812", "nitrite": "HP:0031812"}
ID_PROFOUND, ID_SEVERE, ID_MODERATE = "HP:0002187", "HP:0010864", "HP:0002342"
ID_MILD, ID_BORDERLINE = "HP:0001256", "HP:0006889"
JOINT_HYPERMOBILITY = "HP:0001382"
CARDIOMEGALY = "HP:0001640"
EF_MILD, EF_MODERATE, EF_SEVERE = "HP:0012663", "HP:0012665", "HP:0012666"
REDUCED_ACUITY = "HP:0007663"
LOW_FVC, LOW_FEV1 = "HP:0032341", "HP:0032342"
AREFLEXIA, HYPOREFLEXIA, HYPERREFLEXIA, ABNORMAL_REFLEX = "HP:0001284", "HP:0001265", "HP:0001347", "HP:0031826"
MUSCLE_WEAKNESS = "HP:0001324"
#: grade (0, 1, 3 for 3+ and 4+) → term, for a reflex of no site or of the ankle or the knee
_REFLEX_TERMS = {
    None: {0: AREFLEXIA, 1: HYPOREFLEXIA, 3: HYPERREFLEXIA},
    "ankle": {0: "HP:0003438", 1: "HP:0009072", 3: "HP:0033206"},  # Absent / Decreased / Hyperactive Achilles reflex
    "knee": {0: "HP:0006844", 1: "HP:0011808", 3: "HP:0007083"},  # … patellar reflex
}
_REFLEX_SITES = {"ankle": "ankle", "achilles": "ankle", "knee": "knee", "patellar": "knee"}


@dataclass(frozen=True)
class _Growth:
    """How a growth measure's z-score or centile maps to terms; ``normal`` is the
    abnormality a clearly normal value excludes (10th–90th centile, within ±1.28 SD): a
    grouping term, which the recognizer reads as both ends (:data:`GROWTH_ENDS`), or one
    end itself."""

    low: str | None
    high: str | None
    low_sd: float = -2.0
    high_sd: float = 2.0
    low_centile: float = 3.0
    high_centile: float = 97.0
    normal: str | None = None

    def excludes(self, sd: float | None, centile: float | None, below: bool, above: bool) -> str | None:
        """``normal`` where the value is clearly within the norm, else None."""
        if self.normal is None or below or above:
            return None
        if sd is not None:
            return self.normal if -_NORMAL_SD <= sd <= _NORMAL_SD else None
        return self.normal if _NORMAL_CENTILES[0] <= centile <= _NORMAL_CENTILES[1] else None

    def term(self, sd: float | None, centile: float | None, below: bool, above: bool) -> str | None:
        if sd is not None:
            if sd <= self.low_sd:
                return self.low
            return self.high if sd >= self.high_sd else None
        assert centile is not None
        if centile < self.low_centile or (below and centile <= self.low_centile):
            return self.low
        if centile > self.high_centile or (above and centile >= self.high_centile):
            return self.high
        return None


#: a growth value read as normal: within these centiles or z-scores (narrower than HPO's
#: ±2 SD on purpose: a value near its limits is left unread, as borderline)
_NORMAL_CENTILES = (10.0, 90.0)
_NORMAL_SD = 1.28
ABNORMAL_HEIGHT, ABNORMAL_SKULL_SIZE, ABNORMAL_WEIGHT = "HP:0000002", "HP:0000240", "HP:0004323"
REDUCED_EF = "HP:0012664"

_GROWTH = {
    "height": _Growth(SHORT_STATURE, TALL, normal=ABNORMAL_HEIGHT),
    "head circumference": _Growth(MICROCEPHALY, MACROCEPHALY, normal=ABNORMAL_SKULL_SIZE),
    "weight": _Growth(LOW_WEIGHT, HIGH_WEIGHT, normal=ABNORMAL_WEIGHT),
    # a normal birth weight: curators record *Small for gestational age* excluded
    "birth weight": _Growth(SGA, LGA, low_sd=-1.28, high_sd=1.28, low_centile=10, high_centile=90, normal=SGA),
    "birth length": _Growth(SHORT_BIRTH_LENGTH, None),
    # the head at birth: curators record *Primary microcephaly* (excluded where it was normal)
    "birth head circumference": _Growth(PRIMARY_MICROCEPHALY, MACROCEPHALY_AT_BIRTH, normal=PRIMARY_MICROCEPHALY),
    "BMI": _Growth(None, OBESITY, normal=OBESITY),
    # dimensions that HPO's terms define by ±2 SD (their definitions), measured on charts
    "penile length": _Growth(MICROPENIS, None),
    "palpebral fissure length": _Growth(SHORT_FISSURE, LONG_FISSURE),
    "ear length": _Growth(SHORT_EAR, MACROTIA),
    "interpupillary distance": _Growth(HYPOTELORISM, HYPERTELORISM),
    "inner canthal distance": _Growth(None, TELECANTHUS),
    "philtrum length": _Growth(SHORT_PHILTRUM, LONG_PHILTRUM),
    "foot length": _Growth(SHORT_FOOT, LONG_FOOT),
    # the aortic root's diameter as a z-score for body size: dilated from +2 (the clinical
    # convention; HPO's *Aortic root aneurysm* is its dilatation)
    "aortic root": _Growth(None, AORTIC_ROOT_DILATATION, normal=AORTIC_ROOT_DILATATION),
}
#: each abnormality a clearly normal growth value excludes, and the two ends it groups
#: (*Abnormality of body height*: *Short stature*, *Tall stature*)
GROWTH_ENDS = {g.normal: (g.low, g.high) for g in _GROWTH.values() if g.normal not in (None, g.low, g.high)}

#: ages above this are not read as a milestone (more likely a loss or an adult's activity)
_MILESTONE_MAX_MONTHS = 120
#: milestone -> latest normal age in months, and the term for a later one
_MILESTONES = {"walk": (18, DELAYED_WALK), "sit": (9, DELAYED_SIT), "crawl": (10, DELAYED_CRAWL),
               "speech": (18, DELAYED_SPEECH), "stand": (17, DELAYED_STAND), "roll": (7, DELAYED_ROLL)}
#: milestone -> the latest age in months that is clearly on time (a statement of absence of
#: the delay): WHO's windows' middle to upper part, short of the ages some clinicians call late
_ON_TIME = {"walk": 14, "sit": 7, "crawl": 10}  # (first words on time say nothing of later language)
_ON_TIME_PREPOSITIONS = frozenset({"at", "by", "around", "at around", "at about", "before"})
#: a negation before or after an on-time milestone: it was not achieved then
_DENIED_BEFORE = re.compile(r"\b(?:not|never|no|neither|nor|lack|absence|without|unable|yet)\b|n['’]t\b",
                            re.IGNORECASE)
_DENIED_AFTER = re.compile(r"\s*(?:(?:was|were|had|has|is)\s+)?(?:not|never)\b", re.IGNORECASE)


def _denied_before(text: str, start: int) -> bool:
    """Whether a negation stands before ``start`` in its clause (30 characters at most):
    "he had not walked by 14 months", "no independent walking at 14 months"."""
    lo = max(0, start - 30)
    lo = max([lo] + [text.rfind(c, lo, start) + 1 for c in ".;:,\n"])
    return _DENIED_BEFORE.search(text, lo, start) is not None

#: every HPO id this module can produce (the recognizer resolves them in its KG once)
MEASUREMENT_TERMS = frozenset(
    {g.low for g in _GROWTH.values()} | {g.high for g in _GROWTH.values()}
    | {OVERWEIGHT, PRETERM, POSTTERM, FEVER, HYPOTHERMIA, HYPOXEMIA, HEPATOMEGALY, SPLENOMEGALY,
       ID_PROFOUND, ID_SEVERE, ID_MODERATE, ID_MILD, ID_BORDERLINE, EF_MILD, EF_MODERATE, EF_SEVERE,
       LOW_FVC, LOW_FEV1, ABNORMAL_HEIGHT, ABNORMAL_SKULL_SIZE, ABNORMAL_WEIGHT, REDUCED_EF, REDUCED_ACUITY,
       ABNORMAL_REFLEX, MUSCLE_WEAKNESS, PROXIMAL_WEAKNESS, DISTAL_WEAKNESS, PROXIMAL_LL_WEAKNESS,
       DISTAL_LL_WEAKNESS, PROXIMAL_UL_WEAKNESS, DISTAL_UL_WEAKNESS, JOINT_HYPERMOBILITY, REDUCED_BMD,
       INCREASED_BMD, OSTEOPOROSIS, OSTEOPENIA, DELAYED_BONE_AGE, ADVANCED_BONE_AGE, LOW_PROGRESSIVE_MOTILITY,
       LOW_MOTILITY, OLIGOZOOSPERMIA, LONG_QTC, FIRST_DEGREE_AV_BLOCK, CARDIOMEGALY, SCOLIOSIS,
       *_URINE_ANALYTES.values()}
    | {t for _, t in _MILESTONES.values()} | DEVELOPMENT_TERMS
    | {t for terms in _REFLEX_TERMS.values() for t in terms.values()}
) - {None}


def _bmi_term(v: float) -> str | None:
    if v >= 30:
        return OBESITY
    return OVERWEIGHT if v >= 25 else None


def _gestation_term(weeks: int) -> str | None:
    if weeks < 37:
        return PRETERM
    return POSTTERM if weeks >= 42 else None


def _ef_term(v: float) -> str | None:
    """HPO's classes of reduced left ventricular ejection fraction (normal: 50% or more)."""
    if v < 30:
        return EF_SEVERE
    if v < 40:
        return EF_MODERATE
    return EF_MILD if v < 50 else None


def _iq_term(v: float) -> str | None:
    if v < 20:
        return ID_PROFOUND
    if v < 35:
        return ID_SEVERE
    if v < 50:
        return ID_MODERATE
    if v < 70:
        return ID_MILD
    return ID_BORDERLINE if v <= 85 else None


# ------------------------------------------------------------------ patterns
_MINUS = "-−–‒"
_NUM = r"\d+(?:\.\d+)?"
_SIGNED = rf"[{_MINUS}+]\s?{_NUM}"
_SD_WORD = r"(?:SDS?|S\.D\.|SD\s*score|standard\s+deviations?)"
_CENTILE = r"(?:centiles?|percentiles?|%ile|pc)"
_BELOW = r"<|≤|(?:well\s+|just\s+)?(?:below|under|less\s+than|lower\s+than)"
_ABOVE = r">|≥|(?:well\s+|just\s+)?(?:above|over|greater\s+than|higher\s+than|more\s+than)"

_VALUE_RE = re.compile(
    rf"(?P<sd>{_SIGNED}|{_NUM})\s*{_SD_WORD}(?:\s+(?P<dir>below|under|above|over|beneath)\b)?"
    rf"|z[\s-]?score\s*(?:of|was|is|:|=)?\s*(?P<z>{_SIGNED}|{_NUM})"  # (a z-score's sign may be left out)
    rf"|(?:{_SD_WORD}|\bz)\s*(?:of|was|is|:|=)?\s*(?P<z2>{_SIGNED})"
    rf"|(?:(?P<cmp>{_BELOW}|{_ABOVE})\s*(?:the\s+)?)?(?:(?P<c1>{_NUM})\s*(?:st|nd|rd|th)?\s*{_CENTILE}"
    rf"|(?<!from\s)(?P<c3>{_NUM})(?:st|nd|rd|th)(?:\)|\s+c\b)"  # notes' bare ordinal: "Ht 121 cm (50th)", "Wt 40th c"
    r"|\b(?-i:P)(?P<c2>\d{1,2}(?:\.\d)?)\b)",
    re.IGNORECASE,
)
#: a negated comparison just before a growth value: "height was not below -2 SD", "OFC
#: never fell under the 2nd centile" (the comparison may also open the value itself)
_NEGATED_COMPARISON_RE = re.compile(
    rf"(?:\bnot|\bnever|n[’']t)\s+(?:(?:been|fallen|fell|dropped|gone|dipped|risen|rose)\s+)?"
    rf"(?P<cmp>{_BELOW}|{_ABOVE})?\s*(?:the\s+)?$",
    re.IGNORECASE,
)
_MEASURE_RE = re.compile(
    r"\b(?:(?P<bw>birth\s*weight|weight\s+at\s+birth|birth\s*wt|(?-i:BW))|(?P<bl>birth\s+length|length\s+at\s+birth)"
    r"|(?P<bhc>(?:head\s+circumference|occipito-?\s?frontal(?:\s+head)?\s+circumference|(?-i:OFC|HC|FOC))\s+at\s+birth"
    r"|birth\s+(?:head\s+circumference|(?-i:OFC|HC)))"
    r"|(?P<hc>head\s+circumference|head\s+size|occipito-?\s?frontal(?:\s+head)?\s+circumference"
    r"|fronto-?occipital\s+circumference|cranial\s+circumference|(?-i:OFC|HC|FOC))"
    r"|(?P<pl>(?:stretched\s+)?(?:penile|penis)\s+length|(?-i:SPL))"
    r"|(?P<pf>(?:palpebral\s+)?fissure\s+lengths?|(?-i:PFL))|(?P<ear>(?:ear|pinna|auricular)\s+lengths?)"
    r"|(?P<ipd>inter-?pupillary\s+distance|(?-i:IPD))|(?P<icd>inner\s+canthal\s+distance|inter-?canthal\s+distance)"
    r"|(?P<ph>philtr(?:um|al)\s+length)|(?P<ft>foot\s+length)|(?P<ar>aortic\s+root|(?-i:Ao)\s+root)"
    r"|(?P<h>height|stature|length|(?-i:Ht|ht))|(?P<w>weight|(?-i:Wt|wt))|(?P<bmi>BMI|body\s+mass\s+index))\b",
    re.IGNORECASE,
)
_QUANTITY = {"bw": "birth weight", "bl": "birth length", "bhc": "birth head circumference", "hc": "head circumference",
             "h": "height",
             "w": "weight", "bmi": "BMI", "pl": "penile length", "pf": "palpebral fissure length",
             "ear": "ear length", "ipd": "interpupillary distance", "icd": "inner canthal distance",
             "ph": "philtrum length", "ft": "foot length", "ar": "aortic root"}
#: words before "length" that make it a body length ("her length", not "femur length")
_LENGTH_OK = {"", "her", "his", "their", "the", "body", "supine", "recumbent", "crown-heel", "and", "or", "current"}
#: headings under which "length" is the body's ("Examination: length -2.3 SD"; not "Ears: length …")
_LENGTH_HEADINGS = {"examination:", "exam:", "o/e:", "growth:", "anthropometry:", "measurements:", "auxology:"}
#: words after a measure at birth that go on to a later value
_LATER_RE = re.compile(r"\b(?:subsequent(?:ly)?|later|since|now|currently|then|fell|fall(?:ing|en)?|fall-off|dropped"
                       r"|declin\w*|decelerat\w*)\b", re.IGNORECASE)
_COORD_RE = re.compile(r"\s*(?:,|/|&|\band\b|\bor\b|,\s*and\b)\s*", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)(?!\d)")

_BMI_RE = re.compile(
    rf"\b(?:BMI|body\s+mass\s+index)(?:\s*\(BMI\))?\s*(?:was|of|is|:|=|at|reached)?\s*"
    rf"(?:approximately\s+|about\s+|around\s+|~\s*)?(?P<v>\d{{2}}(?:\.\d+)?)"
    rf"(?!\s*(?:st|nd|rd|th|%|{_SD_WORD}|{_CENTILE}))"
    r"(?:\s*(?:kg\s*/\s*m(?:2|²|\^2)|kg\s+per\s+square\s+met(?:er|re)))?",
    re.IGNORECASE,
)
#: a BMI below which no one is obese at any age (the 97th centile of BMI for age is above
#: 17.5 kg/m² at every age on the WHO and CDC charts); a lower one excludes *Obesity*
_NEVER_OBESE_BMI = 17.0
#: a height in centimetres that is above −2 SD for either sex at every age on the WHO, CDC
#: and UK90 charts, and in the tallest adult populations (Dutch men: mean 183 cm, SD 7)
_NEVER_SHORT_CM = 170.0
_STATURE_RE = re.compile(
    r"\b(?:(?:height|stature|(?-i:Ht|ht))\s*(?:was|of|is|:|=|measured)?\s*(?P<v>1\d\d(?:\.\d)?)\s*cm\b(?!\s*/)"
    r"|(?P<v2>1\d\d(?:\.\d)?)\s*cm\s+tall\b)",
    re.IGNORECASE,
)
_TEMPERATURE_RE = re.compile(
    r"\b(?:(?:body|core|rectal|axillary|oral|tympanic)\s+)?(?:temperature|temp\.?)\s*"
    r"(?:was|of|is|:|=|reached|rose\s+to|peaked\s+at|fell\s+to|dropped\s+to)?\s*"
    r"(?:up\s+to\s+|as\s+high\s+as\s+|as\s+low\s+as\s+)?(?P<v>\d{2,3}(?:[.,]\d+)?)\s*"
    r"(?P<u>[°º]\s*[CF]\b|degrees?\s+(?:C(?:elsius)?|F(?:ahrenheit)?|centigrade)\b|[CF]\b)?"
    r"(?!\s*(?:%|mm|min|s\b|sec|h\b|hours?|days?|years?|months?|weeks?))",
    re.IGNORECASE,
)
#: a vital sign's "T" (capital, as charts write it) with a decimal value: "T 39.4", "Tmax 38.6 C"
_VITAL_T_RE = re.compile(
    r"(?<![\w/])(?-i:T|Tmax|T\s?max)\s*[:=]?\s*(?P<v>(?:3[4-9]|4[0-2])[.,]\d)\s*"
    r"(?P<u>[°º]\s*C\b|C\b)?(?![\w.])",
    re.IGNORECASE,
)
_SATURATION_RE = re.compile(
    r"\b(?:(?:oxygen|O2|O₂)\s+sat(?:uration)?s?|Sp\s?O2|SpO₂|Sa\s?O2|SaO₂|sats)\s*(?:\(SpO2\)\s*)?"
    r"(?:was|were|of|is|:|=|fell\s+to|dropped\s+to)?\s*(?:as\s+low\s+as\s+)?(?P<v>\d{2,3})\s*%",
    re.IGNORECASE,
)
_ORGAN_EDGE_RE = re.compile(
    r"\b(?P<organ>liver|spleen|splenic\s+tip|spleen\s+tip|liver\s+edge)"
    r"(?:\s+(?:was\s+|is\s+)?(?:palpable|palpated|felt|palpably\s+enlarged)(?:\s+at)?|(?=\s+\d))"
    r"\s+(?P<v>\d+(?:\.\d+)?)\s*(?:cm|centimet(?:er|re)s?)\s+(?:below\s+(?:the\s+)?(?:right\s+|left\s+|[RL]\s+)?"
    r"(?:costal\s+margin|rib\s+cage|costal\s+arch)|(?-i:BCM|BRCM|BLCM)\b|below\s+(?:the\s+)?(?-i:[LR]CM)\b)",
    re.IGNORECASE,
)
_IQ_RE = re.compile(
    r"\b(?:full[\s-]scale\s+|total\s+|verbal\s+|performance\s+)?(?:IQ|FSIQ|intelligence\s+quotient)"
    r"(?:\s*\((?:FSIQ|IQ)\))?(?:\s+scores?)?\s*(?:was|were|of|:|=|at|measured\s+at|is)?\s*"
    r"(?:approximately\s+|about\s+|around\s+|~\s*)?(?P<v>\d{2,3})(?:\s*(?:[-–]|to)\s*(?P<v2>\d{2,3}))?\b",
    re.IGNORECASE,
)


_EF_RE = re.compile(
    r"(?<![\w-])(?<!RV )(?<!right ventricular )(?:LVEF|(?-i:EF)|(?:left\s+ventricular\s+)?ejection\s+fraction)"
    r"(?:\s*\((?:LV)?EF\))?\s*(?:was|of|is|:|=|at|measured\s+at|estimated\s+at|(?:had\s+)?(?:fallen|fell|dropped"
    r"|reduced|decreased)\s+to)?\s*(?:approximately\s+|about\s+|around\s+|~\s*)?"
    r"(?P<v>\d{1,2})(?:\s*%?\s*(?:[-–]|to)\s*(?P<v2>\d{1,2}))?\s*%",
    re.IGNORECASE,
)
_SPIROMETRY_RE = re.compile(
    r"\b(?:(?P<fvc>FVC|forced\s+vital\s+capacity)|(?P<fev>FEV1|FEV₁|forced\s+expiratory\s+volume\s+in\s+(?:one|1)"
    r"\s+s(?:econd)?))(?:\s*\((?:FVC|FEV1|FEV₁)\))?\s*(?:was|of|is|:|=|at|reduced\s+to)?\s*(?:approximately\s+|about\s+)?"
    # (a volume first, its share in brackets: "FVC 1.18 L (39% predicted)")
    r"(?:\d{1,2}(?:\.\d{1,2})?\s*(?:L|litres?|liters?)\s*[(,]\s*)?"
    r"(?P<v>\d{1,3})\s*%\s*(?:of\s+)?(?:the\s+)?(?:predicted|pred\b)",
    re.IGNORECASE,
)


_SNELLEN = r"(?<![\d/.])(?:6|20)\s?/\s?\d{1,3}(?:\.\d)?(?![\d/])"
#: words between an acuity and its values: a copula, the eye, when ("today", "at 11 years") or
#: how it was taken, in brackets ("VA (cc):", "(Lea symbols, uncorrected):")
_ACUITY_LINK = (r"(?:(?:\s+(?:was|were|is|of|reduced|decreased|to|only|measured|at|in|both|each|eyes?|the|right|left"
                r"|[RL]E?|O[DSU]|bilaterally|today|now|currently|at\s+\d{1,2}\s*(?:years?|months?|y|mo))\b"
                r"|\s*\([^()\n]{1,60}\)|\s*[:=↓,])*)\s*")
#: an eye after or before an acuity's value ("20/40 OD", "OS 20/60", "in the right eye")
_EYE = r"(?:(?:in\s+(?:the\s+)?)?(?:right|left|[RL]E?|O[DSU])\b(?:\s+eye)?)"
_ACUITY_WORDS = r"\b(?:(?:best[\s-]corrected\s+)?(?:visual\s+acuity|vision|acuity)|(?-i:B?CVA|VA))\b"
_ACUITY_RE = re.compile(
    _ACUITY_WORDS + _ACUITY_LINK + r"(?P<values>" + _SNELLEN
    + r"(?:(?:\s+" + _EYE + r")?(?:\s*(?:,|and|&|/)\s*)(?:" + _EYE + r"\s+)?" + _SNELLEN + r")*)"
    r"|(?P<before>" + _SNELLEN + r")\s+(?:vision|visual\s+acuity)\b",
    re.IGNORECASE,
)
#: a decimal acuity ("best-corrected visual acuity was 0.4 in the right eye and 0.3 in the
#: left") or a logMAR one ("1.00 logMAR in each eye")
_DECIMAL = r"(?<![\d.])(?:0\.\d{1,2}|1\.0{1,2})(?![\d.])"
_DECIMAL_ACUITY_RE = re.compile(
    _ACUITY_WORDS + _ACUITY_LINK + r"(?P<values>" + _DECIMAL + r"(?P<logmar>\s*logMAR)?"
    + r"(?:(?:\s+" + _EYE + r")?(?:\s*(?:,|and|&)\s*)(?:" + _EYE + r"\s+)?" + _DECIMAL + r"(?:\s*logMAR)?)*)"
    r"(?!\s*(?:mm|cm|D\b|dioptres?|diopters?|%|mg|ml|s\b))",
    re.IGNORECASE,
)
#: tendon reflexes graded on the 0–4+ scale ("reflexes 3+ throughout", "ankle jerks 0",
#: "DTRs were 1+ and symmetric", "3+ knee jerks"): the grade right after the reflexes (a
#: copula or colon between) or right before them, with the reflex's site where named
_SITE = r"(?:(?P<SITE>ankle|achilles|knee|patellar|biceps|triceps|brachioradialis|supinator)\s+)?"
_REFLEX_RE = re.compile(
    r"(?<![\w-])(?:(?P<g1>[0-4])\s?\+?\s+(?:(?:deep\s+)?tendon\s+)?" + _SITE.replace("SITE", "site1")
    + r"(?:reflexes|jerks|DTRs)"
    r"|(?:(?:deep\s+)?tendon\s+)?" + _SITE.replace("SITE", "site2") + r"(?:reflexes|jerks|DTRs|reflex|jerk)"
    r"(?:\s+(?:are|were|is|was|of))?\s*:?\s*(?P<g2>[0-4])(?:\s?(?P<plus>\+)"
    r"|(?![\w/]|\.\d|\s?/|\s?-\s?\d|\s?(?:to|and|or)\s+\d)))",
    re.IGNORECASE,
)
#: what a power grade is said of: power, a muscle group or a movement (notes' shorthand:
#: "shoulder abd 3/5", "ankle DF 4-/5")
_POWER_SUBJECT = (r"(?:power|strength|MRC|flexors?|extensors?|flexion|extension|abductors?|adductors?"
                  r"|abduction|adduction|dorsiflexors?|dorsiflexion|plantar\s?flexion|plantarflexors?|grip|deltoids?"
                  r"|biceps|triceps|quadriceps|hamstrings|iliopsoas|(?-i:abd|flex|ext|DF|PF))")
_POWER_SUBJECT_RE = re.compile(_POWER_SUBJECT, re.IGNORECASE)
#: muscle power on the MRC scale ("power 4/5 proximally", "hip flexors 4/5", "MRC grade 3/5",
#: "Power 5/5 throughout"): a muscle group or "power" / "strength", then the grade in its clause
_POWER_RE = re.compile(
    r"(?<![\w-])(?P<subj>" + _POWER_SUBJECT + r")\b[^.;:\n\d]{0,40}?"
    r"(?:(?<![\d/.])(?P<g>[0-5])(?P<mod>[+-])?\s?/\s?5(?![\d/])"
    # a grade without "/5" after its muscle group: "ankle dorsiflexion is grade 3", "MRC grade 4-"
    r"|\bgrade\s+(?P<g2>[0-5])(?P<mod2>[+-])?(?![\d/+-]|\.\d|\s?/))",
    re.IGNORECASE,
)
#: muscles and movements by the part of the limbs HPO's weakness terms name: the words right
#: before a grade's muscle group ("hip flexors 3/5", "ankle dorsiflexion 4/5"), or the group
#: itself ("deltoids 4/5"), or "proximally" / "distally" right after the grade
_POWER_REGIONS = (
    (re.compile(r"\b(?:hips?|thighs?|knees?|quadriceps|hamstrings?|iliopsoas|gluteal|glutei)\b", re.I), PROXIMAL_LL_WEAKNESS),
    (re.compile(r"\b(?:ankles?|feet|foot|toes?|dorsiflex\w*|plantar\s?flex\w*|tibialis|calf|calves|(?-i:DF|PF))\b",
                re.I),
     DISTAL_LL_WEAKNESS),
    (re.compile(r"\b(?:shoulders?|deltoids?|biceps|triceps|elbows?)\b", re.I), PROXIMAL_UL_WEAKNESS),
    (re.compile(r"\b(?:wrists?|fingers?|grip|hand|hands|thumbs?|intrinsics?|interossei)\b", re.I), DISTAL_UL_WEAKNESS),
)
#: the words that may stand between a muscle group and a grade without "/5" ("hip flexion
#: and extension are grade 2"; not "knee flexion contracture, grade 2 pressure ulcer")
_POWER_GRADE_GAP = frozenset("and or are is was were mrc both bilaterally bilateral left right l r power strength "
                             "of at only also".split())
_POWER_SIDE_RE = re.compile(r"\s*(?P<where>proximally|distally)\b", re.IGNORECASE)
#: where full power is said of the proximal or the distal muscles only: "Proximal strength
#: 5/5", "power 5/5 at shoulders and hips", "power 5/5 distally"
_PROXIMAL_BEFORE_RE = re.compile(r"\b(?P<where>proximal|distal)\s+$", re.IGNORECASE)
_GIRDLES_RE = re.compile(r"\s*at\s+(?:the\s+)?(?:shoulders\s+and\s+hips|hips\s+and\s+shoulders)\b", re.IGNORECASE)
_POWER_BEFORE = 24  # characters before a grade's group where its muscle is named
#: what makes full power a statement about every muscle ("5/5 throughout", "5/5 in all four limbs")
_EVERYWHERE_RE = re.compile(
    r"\s*(?:throughout|globally|symmetrically|bilaterally|(?:in\s+)?all\s+(?:(?:four|4)\s+)?(?:limbs|extremities|muscle\s+groups)"
    r"|proximally\s+and\s+distally|at\s+(?:the\s+)?shoulders\s+and\s+hips\s+and\s+distally"
    r"|[x×]\s?4(?:\s+limbs)?(?![\w-]))",
    re.IGNORECASE,
)


#: an exception after a statement of every muscle
_EXCEPT_RE = re.compile(r"\s*,?\s*(?:except|apart\s+from|other\s+than|save|excepting"
                        r"|but\s+(?:\S+\s+){0,2}?(?:weak|reduced|power|grip|strength|\d[+-]?/5))\b", re.IGNORECASE)
#: a delivery that was planned, not one that happened
_PLANNED_RE = re.compile(r"\b(?:was|is|were)\s+(?:planned|booked|scheduled|intended)\b"
                         r"|\b(?:planned|booked|scheduled|intended)(?:\s+\w+){0,2}?\s+(?:for|at)\b", re.IGNORECASE)
_TERM_BIRTH_RE = re.compile(
    r"\b(?:born|delivered|birth|(?:vaginal\s+)?delivery)\s+(?:at\s+)?(?:(?:full|normal)[\s-])?term\b"
    r"|(?<![\w-])(?:(?:full|normal)[\s-])?term\s+(?:birth|delivery|baby|infant|neonate|newborn|pregnancy|gestation)\b",
    re.IGNORECASE,
)


def _weeks(group: str) -> str:
    """Completed weeks of gestation ("34 weeks", "34+2 weeks", "34 weeks and 2 days", and
    the British notes' "34/40" and "34+2/40", weeks out of forty)."""
    return (rf"(?P<{group}>\d{{2}})(?:\s*\+\s*\d|\s*(?:weeks?|wks?)\s*(?:and|\+)\s*\d\s*days?)?"
            r"(?:\s*(?:weeks?|wks?|w)\b|\s?/\s?40\b(?!/)(?:\s*(?:weeks?|wks?)\b)?)")


_BIRTH = r"(?:born|delivered|birth|(?:vaginal\s+)?delivery|caesarean|cesarean|C-section)"  # (the whole of
# "vaginal delivery at 39 weeks", which the lexicon reads too: the spans must not cross)
_GESTATION_RE = re.compile(
    rf"\b{_BIRTH}\b[^.;\n]{{0,40}}?\b(?:at|after|in)\s+(?:(?:a\s+)?(?:gestational\s+age|GA)\s+(?:of\s+)?)?"
    rf"(?:{_weeks('wk')}|(?:gestational\s+)?week\s+(?P<wk2>\d{{2}}))(?:['’]?\s*(?:of\s+)?(?:gestation|GA|pregnancy))?"
    rf"|\b(?:at|after)\s+{_weeks('wk3')}['’]?\s*(?:of\s+)?(?:gestation|GA|pregnancy)?,?\s+"
    rf"(?:(?:he|she|the\s+\w+|they)\s+(?:was|were)\s+)?{_BIRTH}\b"
    rf"|\b(?:gestational\s+age|GA)\s+at\s+birth\s*(?:was|of|:)?\s*{_weeks('wk4')}"
    # a note's "ex-31/40" (born at 31 weeks): "Ex-31/40 prem", "ex-34+2/40"
    r"|\bex[\s-]?(?P<wk5>\d{2})(?:\s*\+\s*\d)?\s?/\s?40\b(?!/)",
    re.IGNORECASE,
)
_WORD_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
             "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18,
             "twenty": 20, "twenty-four": 24, "thirty": 30}
_AGE_NUM = r"\d+(?:\.\d+)?\s?½?|½|" + "|".join(sorted(_WORD_NUM, key=len, reverse=True))


def _age_pattern(units: str, sub_units: str) -> str:
    """An age as written ("the age of about 2 years and 6 months", "3 months of age",
    "age 3"): groups ``age``, ``n``, ``u`` (one of ``units``) and ``n2`` (``sub_units``)."""
    return (r"(?:the\s+)?(?P<age>age\s+(?:of\s+)?)?(?:about\s+|around\s+|approximately\s+|nearly\s+|almost\s+|~\s*)?"
            rf"(?P<n>{_AGE_NUM})(?:\s*(?:-|\s)?(?P<u>{units})(?:\b|(?=\d))"  # ("3y3m")
            rf"(?:\s*(?:and\s+)?(?P<n2>\d+)\s*(?:{sub_units})\b)?)?(?:\s+of\s+age|\s+old)?")


#: British notes write ages in months as a fraction of a year and in weeks as one of 52:
#: "walked at 26/12" (26 months), "seizures from 6/52" (6 weeks); never a date ("18/12/2019")
_SLASH_MONTHS, _SLASH_WEEKS = r"/12(?![/\d])", r"/52(?![/\d])"
_AGE = _age_pattern(rf"years?|yrs?|y|months?|mos?|mo|m|{_SLASH_MONTHS}", r"months?|mos?|m")
_NOT = r"(?:did\s+not|didn[’']t|could\s+not|couldn[’']t|was\s+not\s+able\s+to|(?:was|were)\s+unable\s+to)\s+"
_STILL_NOT = r"(?:(?:was|is|were)\s+)?(?:still\s+)?not\s+(?:yet\s+)?"
_NEGATED = re.compile(r"\b(?:not|unable|didn[’']t|couldn[’']t)\b", re.IGNORECASE)
_START = r"(?:started|began|learned|learnt)\s+"
_MILESTONE_RE = re.compile(
    # acquisition only: "walked at 3 years", "did not walk until 3 years", "first words at 2
    # years"; never loss ("lost / stopped walking", "unable to walk at 20 years")
    r"\b(?:(?P<walk>walked|" + _START + r"(?:to\s+walk|walking)|first\s+(?:independent\s+)?steps"
    r"|" + _NOT + r"(?:walk|take\s+(?:(?:his|her|their)\s+)?(?:first\s+)?(?:independent\s+)?steps)"
    r"|" + _STILL_NOT + r"walking"
    r"|(?:independent|unsupported|unaided|free)\s+walking(?:\s+(?:was\s+)?(?:achieved|acquired|attained))?"
    r"|(?:achieved|acquired|attained)\s+(?:independent\s+)?walking)"
    r"|(?P<sit>sat|" + _START + r"(?:to\s+sit|sitting)|" + _NOT + r"sit|" + _STILL_NOT + r"sitting"
    r"|(?:independent|unsupported|unaided)\s+sitting(?:\s+(?:was\s+)?(?:achieved|acquired|attained))?)"
    r"|(?P<crawl>crawled|" + _START + r"(?:to\s+crawl|crawling)|" + _NOT + r"crawl|" + _STILL_NOT + r"crawling)"
    r"|(?P<roll>rolled(?:\s+over)?|" + _START + r"(?:to\s+roll|rolling)(?:\s+over)?|" + _NOT + r"roll(?:\s+over)?"
    r"|" + _STILL_NOT + r"rolling(?:\s+over)?)"
    # standing alone (not "pulled to stand", an earlier milestone)
    r"|(?P<stand>stood(?=\s+(?:independently|indep|unaided|unsupported|alone|without))|" + _NOT + r"stand"
    r"(?=\s+(?:independently|unaided|unsupported|alone|without)))"
    r"|(?P<speech>(?:(?:spoke|said|uttered)\s+(?:his|her|their)\s+)?first\s+"
    r"(?:single\s+|meaningful\s+|spoken\s+|real\s+)?words?"
    r"|" + _START + r"(?:to\s+(?:speak|talk)|speaking|talking)|" + _NOT + r"(?:speak|talk)"
    r"|" + _STILL_NOT + r"(?:speaking|talking)))"
    r"(?P<support>\s+(?:independently|indep|unaided|unsupported|alone|without\s+(?:support|aid|assistance)"
    r"|with\s+(?:support|aid|assistance|help)|with\s+a\s+walker|on\s+(?:his|her|their)\s+own))?"
    r"\s+(?:was\s+achieved\s+|were\s+achieved\s+|occurred\s+|came\s+|appeared\s+|emerged\s+)?"
    # (a note's "~" stands for "at about", and an age with its unit may follow at once:
    # "first words ~2.5y", "sat 14mo", "walked indep 3y")
    r"(?:(?P<prep>at|by|around|only\s+at|at\s+around|at\s+about|until|after|only\s+after|not\s+until|before)\s+"
    r"(?:(?<=until\s)(?:he|she|they)\s+(?:was|were)\s+)?"  # "did not walk until he was 3 years old"
    r"|(?=~|\d+(?:\.\d+)?\s?(?:years?|yrs?|y|months?|mos?|mo)(?:\b|\d)|\d+" + _SLASH_MONTHS + r"))"
    + _AGE,  # (not "m": "walked 10 m")
    re.IGNORECASE,
)


# ------------------------------------------------------------------ reading
def find_cues(text: str) -> dict[str, list[int]]:
    """Where the cue words of each kind of statement are in ``text`` (the position of
    each cue's last character, sorted), found in one Aho-Corasick pass. Give the result to
    :func:`find_measurements` and :func:`find_onset_ages` to read a text with one pass."""
    cues: dict[str, list[int]] = {}
    # ASCII lower case keeps every offset (str.lower may not: "İ" becomes two characters)
    for end, kinds in _cue_automaton().iter(" " + text.translate(_ASCII_LOWER)):  # " ": a word start
        for kind in kinds:
            cues.setdefault(kind, []).append(end - 1)  # the cue's last character in ``text``
    return {k: sorted(set(v)) for k, v in cues.items()}


def find_measurements(text: str, cues: dict[str, list[int]] | None = None) -> list[Measurement]:
    """The findings ``text`` states as numbers, in order of position (see the module docs).

    Each kind of statement is looked for only in a window around its cue words
    (:func:`find_cues`, computed here unless given), so text without them (most of an
    abstract) costs microseconds.
    """
    if cues is None:
        cues = find_cues(text)
    out = []
    for kind, positions in cues.items():
        if kind in _READERS:
            out += _READERS[kind](text, positions)
    out.sort(key=lambda m: (m.start, m.end, m.hpo_id))
    return out


_AUTOMATON = None
#: ASCII lower case, and white space as a space (a cue " late" starts a word at a line's start too)
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ\n\t\r", "abcdefghijklmnopqrstuvwxyz   ")


def _cue_automaton():
    """An Aho-Corasick automaton of the cue words: lower-cased cue -> its kinds."""
    global _AUTOMATON
    if _AUTOMATON is None:
        import ahocorasick

        kinds: dict[str, tuple[str, ...]] = {}
        for kind, words in _CUES.items():
            for w in words:
                kinds[w] = kinds.get(w, ()) + (kind,)
        a = ahocorasick.Automaton()
        for w, ks in kinds.items():
            a.add_word(w, ks)
        a.make_automaton()
        _AUTOMATON = a
    return _AUTOMATON


def _around(pattern: re.Pattern, text: str, cues: list[int], before: int, after: int):
    """Matches of ``pattern`` that contain a cue (its last character, at a position in the
    sorted ``cues``), searched in the windows ``before`` / ``after`` characters around the
    cues. Overlapping windows are merged first, so no character is searched twice and
    time stays linear in the text however many cues it has."""
    n = len(text)
    regions: list[list[int]] = []
    for p in cues:
        lo, hi = max(0, p - before), min(n, p + after)
        if regions and lo <= regions[-1][1]:
            regions[-1][1] = max(regions[-1][1], hi)
        else:
            regions.append([lo, hi])
    for lo, hi in regions:
        for m in pattern.finditer(text, lo, hi):
            if m.start() == lo and lo > 0:
                continue  # may be cut off by the window ("2.5" of "102.5")
            k = bisect_left(cues, m.start())
            if k < len(cues) and cues[k] < m.end():
                yield m


def _number(s: str) -> float:
    s = s.replace(" ", "")
    sign = -1.0 if s[:1] in _MINUS else 1.0
    return sign * float(s.lstrip(_MINUS + "+"))


def _sentence_gap(text: str, a: int, b: int) -> bool:
    """True when a sentence or clause ends between ``a`` and ``b``."""
    return _SENTENCE_END.search(text, a, b) is not None


def close_bracket(text: str, start: int, end: int) -> int:
    """``end``, or just after a ")" that closes a "(" opened in ``text[start:end]``."""
    if text.count("(", start, end) > text.count(")", start, end) and text[end:end + 1] == ")":
        return end + 1
    return end


def _measures(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """The growth measure words in ``text[lo:hi]``: (start, end, quantity)."""
    out = []
    for m in _MEASURE_RE.finditer(text, lo, hi):
        kind = m.lastgroup
        if kind == "h" and m.group().lower() == "length":
            before = text[max(0, m.start() - 24):m.start()].split()
            if len(before) > 1 and before[-1] == "(":
                before.pop()  # a detail of the noun before the bracket: "macrotia (length 7.6 cm, >97th c)"
            word = before[-1].lower().strip("(") if before else ""
            if word in _LENGTH_HEADINGS or word[-1:] in (",", ";", ")", "."):
                # after a heading of the whole body ("Examination: length -2.3 SD"), as an
                # item of a list ("OFC 48 cm (−0.2 SD), length 86 cm (−0.3 SD)"), or opening a
                # sentence ("Weight 12.6 kg. Length 88 cm (50th percentile).")
                word = ""
            if word not in _LENGTH_OK:
                continue  # "femur length", "penile length": not a body length
        if kind == "w" and re.match(r"\s+(?:gain|loss|bearing)", text[m.end():m.end() + 10], re.IGNORECASE):
            continue
        out.append((m.start(), m.end(), _QUANTITY[kind]))
    return out


def _growth(text: str, cues: list[int]) -> list[Measurement]:
    values = list(_around(_VALUE_RE, text, cues, 45, 30))
    if not values:
        return []
    # the measure words up to 160 characters before each value, each window read once
    all_measures: list[tuple[int, int, str]] = []
    region: list[int] | None = None
    for v in values + [None]:
        lo, hi = (max(0, v.start() - 160), v.start()) if v is not None else (len(text) + 1, 0)
        if region is not None and lo <= region[1]:
            region[1] = max(region[1], hi)
            continue
        if region is not None:
            all_measures += _measures(text, region[0], region[1])
        region = [lo, hi]
    ends = [m[1] for m in all_measures]
    out = []
    for i, v in enumerate(values):
        k = bisect_right(ends, v.start())  # measures ending before the value
        lo = k
        while lo > 0 and all_measures[lo - 1][0] >= v.start() - 160:
            lo -= 1
        measures = all_measures[lo:k]
        if not measures:
            continue
        start, end, quantity = measures[-1]
        if v.start() - end > 60 or _sentence_gap(text, end, v.start()):
            continue
        if quantity.startswith("birth") and _LATER_RE.search(text, end, v.start()):
            continue  # a later value: "birth OFC was 34 cm (normal), with subsequent fall-off to -3.1 SD"
        sd = centile = None
        below = above = False
        if v.group("sd") is not None:
            raw = v.group("sd").strip()
            sd = _number(raw)
            direction = (v.group("dir") or "").lower()
            if raw[0] not in _MINUS + "+":
                if direction in ("below", "under", "beneath"):
                    sd = -sd
                elif direction not in ("above", "over"):
                    continue  # "3 SD" without a sign or a direction says nothing
        elif v.group("z") is not None or v.group("z2") is not None:
            sd = _number(v.group("z") or v.group("z2"))
        else:
            centile = float(v.group("c1") or v.group("c2") or v.group("c3"))
            cmp = (v.group("cmp") or "").lower()
            below = bool(cmp) and bool(re.match(_BELOW, cmp))
            above = bool(cmp) and not below
        if centile is not None and centile > 100:
            continue
        # the measure and those coordinated with it ("height and weight <3rd centile")
        chain = [measures[-1]]
        j = len(measures) - 1
        while j > 0 and _COORD_RE.fullmatch(text, measures[j - 1][1], measures[j][0]):
            chain.append(measures[j - 1])
            j -= 1
        # "not below -2 SD": a negated comparison on the side of the value excludes the term
        # (the opposite side, "not above -2 SD", says what the value says)
        denied = _NEGATED_COMPARISON_RE.search(text, end, v.start())
        if denied is not None:
            cmp = denied.group("cmp") or v.group("cmp") or ""
            if not cmp or (i and values[i - 1].start() >= end):
                continue  # "height was not -2 SD"; a second value's ("-2.5 SD, not below …")
            low = sd < 0 if sd is not None else centile < 50
            if bool(re.match(_BELOW, cmp, re.IGNORECASE)) != low:
                denied = None
        for n, (a, b, q) in enumerate(chain):
            term = _GROWTH[q].term(sd, centile, below, above)
            normal = denied is not None or term is None
            if term is None and denied is None:
                term = _GROWTH[q].excludes(sd, centile, below, above)
            if term is not None:
                # the nearest measure spans to its value; coordinated ones are their word
                out.append(Measurement(a, close_bracket(text, a, v.end()) if n == 0 else b, term, q,
                                       sd if sd is not None else centile, "SD" if sd is not None else "centile",
                                       normal))
    return out


def _bmi(text: str, cues: list[int]) -> list[Measurement]:
    out = []
    for m in _around(_BMI_RE, text, cues, 25, 60):
        v = float(m.group("v"))
        term = _bmi_term(v) if v < 80 else None
        if term is not None:
            out.append(Measurement(m.start(), m.end(), term, "BMI", v, "kg/m2"))
        elif 10 <= v < _NEVER_OBESE_BMI:
            out.append(Measurement(m.start(), m.end(), OBESITY, "BMI", v, "kg/m2", normal=True))
    return out


def _stature(text: str, cues: list[int]) -> list[Measurement]:
    """A height in centimetres that is short stature at no age and for neither sex
    (:data:`_NEVER_SHORT_CM`): *Short stature* excluded ("Height 176 cm", "he is 178 cm
    tall", "an adult height of 177 cm"). Lower heights need an age and a chart to judge."""
    out = []
    for m in _around(_STATURE_RE, text, cues, 40, 40):
        v = float(m.group("v") or m.group("v2"))
        if _NEVER_SHORT_CM <= v <= 230:
            out.append(Measurement(m.start(), m.end(), SHORT_STATURE, "height", v, "cm", normal=True))
    return out


def _gestation(text: str, cues: list[int]) -> list[Measurement]:
    out = []
    for m in _around(_GESTATION_RE, text, cues, 80, 60):
        weeks = int(next(g for g in (m.group("wk"), m.group("wk2"), m.group("wk3"), m.group("wk4"), m.group("wk5"))
                         if g))
        term = _gestation_term(weeks) if 20 <= weeks <= 45 else None
        if term is not None:
            out.append(Measurement(m.start(), m.end(), term, "gestational age at birth", weeks, "weeks"))
        elif 37 <= weeks <= 41 and not _PLANNED_RE.search(text, max(0, m.start() - 40), m.end() + 20):
            # a birth at term, in weeks ("born at 39+2 weeks"; not "caesarean planned at 39 weeks")
            out.append(Measurement(m.start(), m.end(), PRETERM, "gestational age at birth", weeks, "weeks",
                                   normal=True))
    return out


def _term_birth(text: str, cues: list[int]) -> list[Measurement]:
    """A birth at term ("born at term", "a full-term baby") excludes *Premature birth*."""
    return [Measurement(m.start(), m.end(), PRETERM, "gestational age at birth", 37.0, "weeks", normal=True)
            for m in _around(_TERM_BIRTH_RE, text, cues, 30, 25)]


def _age_number(raw: str) -> float:
    """The number of an age as written: "3", "2.5", "2½", "½", "two"."""
    raw = raw.strip().lower()
    if raw in _WORD_NUM:
        return float(_WORD_NUM[raw])
    digits = raw.rstrip("½").strip()
    return (float(digits) if digits else 0.0) + (0.5 if raw.endswith("½") else 0.0)


def _age_months(m: re.Match) -> float | None:
    n = _age_number(m.group("n"))
    unit = (m.group("u") or "").lower()
    if unit.startswith("m") or unit == "/12":
        return n
    if unit.startswith("y") or not unit:
        if not unit and n > 20:
            return None  # "walked at 24" without a unit: not an age we can read
        return 12 * n + (float(m.group("n2")) if m.group("n2") else 0.0)
    return None


_UNIT_DAYS = {"y": 365.25, "m": 30.44, "w": 7.0, "d": 1.0}
_ONSET_AGE_RE = re.compile(
    r"\b(?P<prep>at|since|from|after|by|before)\s+"
    + _age_pattern(rf"years?|yrs?|y|months?|mos?|mo|weeks?|wks?|days?|{_SLASH_MONTHS}|{_SLASH_WEEKS}", r"months?|mos?")
    + r"(?:['’]?\s+(?:of\s+)?(?P<gest>gestation|pregnancy))?"
    r"|\bin\s+(?:his|her|their|the)\s+(?:(?P<dec>twenties|thirties|forties|fifties|sixties|seventies|eighties)"
    r"|(?P<ord>third|fourth|fifth|sixth|seventh|eighth|ninth)\s+decade)\b",
    re.IGNORECASE,
)
_DECADE_YEARS = {"twenties": 25, "thirties": 35, "forties": 45, "fifties": 55, "sixties": 65, "seventies": 75,
                 "eighties": 85, "third": 25, "fourth": 35, "fifth": 45, "sixth": 55, "seventh": 65,
                 "eighth": 75, "ninth": 85}
_BIRTH_BEFORE = re.compile(rf"{_BIRTH}\W+(?:\w+\W+){{0,2}}$", re.IGNORECASE)


def find_onset_ages(text: str, cues: dict[str, list[int]] | None = None) -> list[tuple[int, int, str]]:
    """Ages at which something happened, as HPO onset terms: ``(start, end, onset)``.

    "at 3 months of age" → *Infantile onset*, "since the age of 4 years" → *Childhood
    onset*, "at 45 years" → *Middle age onset*, "in her thirties" → *Young adult onset*,
    "at 20 weeks of gestation" → *Antenatal onset* (bounds: :func:`kgmed.rank.onset.age_to_onset`).
    "before" and "by" give an upper bound, read just under it. A gestational age at birth
    ("born at 34 weeks") is no onset; a bare number needs "age" ("at age 3") or a unit.
    The context rules attach each age to the findings of its clause.
    """
    positions = (find_cues(text) if cues is None else cues).get("age")
    if not positions:
        return []
    from kgmed.rank.onset import age_to_onset  # lazily: kgmed.rank imports pandas
    out = []
    for m in _around(_ONSET_AGE_RE, text, positions, 60, 40):
        if m.group("dec") or m.group("ord"):
            years = _DECADE_YEARS[(m.group("dec") or m.group("ord")).lower()]
            out.append((m.start(), m.end(), age_to_onset(f"P{years}Y")))
            continue
        if m.group("gest"):
            if not _BIRTH_BEFORE.search(text, max(0, m.start() - 40), m.start()):
                out.append((m.start(), m.end(), "HP:0030674"))  # antenatal
            continue
        if _BIRTH_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            continue  # "born at 34 weeks": a gestational age, not an onset
        unit = (m.group("u") or "").lower()
        if not unit and not m.group("age"):
            continue  # "at 3 sites"
        if unit.startswith("/") and m.group("prep").lower() not in ("at", "from"):
            continue  # "since 18/12" may be a date in December
        n = _age_number(m.group("n"))
        key = {"/12": "m", "/52": "w"}.get(unit) or ("m" if unit.startswith("mo") else (unit[:1] or "y"))
        days = n * _UNIT_DAYS[key] + (float(m.group("n2")) * _UNIT_DAYS["m"] if m.group("n2") else 0.0)
        if days > 120 * 365.25:
            continue
        if m.group("prep").lower() in ("before", "by") and days > 0:
            days *= 0.999  # an upper bound: "before the age of 1 year" is infantile
        onset = age_to_onset(f"P{days:.2f}D")
        if onset is not None:
            out.append((m.start(), m.end(), onset))
    return out


def _milestones(text: str, cues: list[int]) -> list[Measurement]:
    out = []
    for m in _around(_MILESTONE_RE, text, cues, 40, 110):
        support = (m.group("support") or "").split()
        if support and support[0].lower() == "with":
            continue  # walking with support is another milestone ("without support" is this one)
        prep = (m.group("prep") or "at about").lower()
        if "unable" in m.group().lower() and prep not in ("until", "before"):
            continue  # "unable to walk at 8 years" may be a loss; "unable to walk until 3 years" is not
        kind = next(k for k in _MILESTONES if m.group(k))
        if kind == "roll" and (m.group("u") or "").lower() == "m":
            continue  # "the ball rolled at 10 m"
        months = _age_months(m)
        if months is None:
            continue
        latest, term = _MILESTONES[kind]
        # not yet achieved at the latest normal age is achieved later: "not walking at 18 months"
        later = months == latest and "until" not in prep and _NEGATED.search(m.group()) is not None
        if (latest < months or later) and months <= _MILESTONE_MAX_MONTHS:
            out.append(Measurement(m.start(), m.end(), term, f"age at {kind}", months, "months"))
        elif 0 < months <= _ON_TIME.get(kind, 0) and prep in _ON_TIME_PREPOSITIONS \
                and _NEGATED.search(m.group()) is None and not _denied_before(text, m.start()) \
                and _DENIED_AFTER.match(text, m.end()) is None:
            # achieved on time: "walked independently at 13 months", "sat unsupported at 6 months"
            # (not "he had not walked by 14 months", "sitting at 8 months was not achieved")
            out.append(Measurement(m.start(), m.end(), term, f"age at {kind}", months, "months", normal=True))
    # a later age of the same milestone wins: "first steps at 13 months, walked only at 3 years"
    late = {x.hpo_id for x in out if not x.normal}
    return [x for x in out if not (x.normal and x.hpo_id in late)]


_NOT_BODY = re.compile(r"\b(?:room|ambient|water|bath|skin|storage|incubation|melting|outdoor|air)\s+$", re.IGNORECASE)


def _temperature(text: str, cues: list[int]) -> list[Measurement]:
    """Body temperatures beyond the clinical thresholds (module table), in °C or °F."""
    out = []
    matches = list(_around(_TEMPERATURE_RE, text, cues, 20, 50))
    starts = [t.start() for t in matches]  # (in text order)

    def inside(m) -> bool:  # within a "temperature …" statement read already
        k = bisect_right(starts, m.start()) - 1
        return k >= 0 and m.start() < matches[k].end()

    matches += [m for m in _around(_VITAL_T_RE, text, cues, 6, 12) if not inside(m)]
    for m in matches:
        v = float(m.group("v").replace(",", "."))
        unit = (m.group("u") or "").lower()
        fahrenheit = "f" in unit.replace("degree", "") if unit else 86 <= v <= 113
        celsius = v if not fahrenheit else (v - 32) * 5 / 9
        if not 25 <= celsius <= 45 or _NOT_BODY.search(text, max(0, m.start() - 12), m.start()):
            continue  # no body temperature: "room temperature was 22 °C", "stored at 4 °C"
        term = FEVER if celsius >= 38.0 else HYPOTHERMIA if celsius < 35.0 else None
        if term is not None:
            out.append(Measurement(m.start(), m.end(), term, "body temperature", round(celsius, 1), "°C"))
    return out


def _saturation(text: str, cues: list[int]) -> list[Measurement]:
    """Oxygen saturations below 90% (module table)."""
    out = []
    for m in _around(_SATURATION_RE, text, cues, 25, 40):
        v = float(m.group("v"))
        if 50 <= v < 90:  # below 50% is no pulse oximetry reading a note would give
            out.append(Measurement(m.start(), m.end(), HYPOXEMIA, "oxygen saturation", v, "%"))
    return out


def _organ_edge(text: str, cues: list[int]) -> list[Measurement]:
    """A liver or spleen felt below the costal margin beyond the clinical thresholds (module table)."""
    out = []
    for m in _around(_ORGAN_EDGE_RE, text, cues, 60, 80):
        v = float(m.group("v"))
        spleen = "spleen" in m.group("organ").lower() or "splenic" in m.group("organ").lower()
        if spleen and 1 <= v <= 30:
            out.append(Measurement(m.start(), m.end(), SPLENOMEGALY, "spleen below the costal margin", v, "cm"))
        elif not spleen and 2 < v <= 30:
            out.append(Measurement(m.start(), m.end(), HEPATOMEGALY, "liver below the costal margin", v, "cm"))
    return out


def _iq(text: str, cues: list[int]) -> list[Measurement]:
    out = []
    for m in _around(_IQ_RE, text, cues, 50, 50):
        v = float(m.group("v2") or m.group("v"))  # a range reads as its upper end
        term = _iq_term(v) if 0 < v <= 200 else None
        if term is not None:
            out.append(Measurement(m.start(), m.end(), term, "IQ", v, "IQ points"))
    return out


#: a grade of intellectual disability named by its range ("in the mild range", "not in the
#: moderate or severe range", "clearly below the borderline range")
_ID_GRADES = {"profound": ID_PROFOUND, "severe": ID_SEVERE, "moderate": ID_MODERATE, "mild": ID_MILD,
              "borderline": ID_BORDERLINE}
_GRADE = r"(?:profound|severe|moderate|mild|borderline)"
#: a range's limits in brackets ("the mild (50–69) band")
_LIMITS = r"(?:\s*\([^()]{0,15}\))?"
_ID_RANGE_RE = re.compile(
    r"(?:(?P<out>above|below|outside|beyond|rather\s+than|not\s+(?:in|within)|neither\s+in"
    r"|did\s+not\s+fall\s+(?:in|within))"
    r"|\b(?:in|within|into))\s+(?:the\s+)?(?P<grades>" + _GRADE + r"(?:" + _LIMITS
    + r"\s*(?:,|/|\bor\b|\band\b|\bnor\b)\s*(?:the\s+)?" + _GRADE + r")*)" + _LIMITS + r"\s+(?:range|band)s?\b"
    # a grade denied on its own: "mild ID; not moderate, not severe", "not moderate / not severe range"
    r"|\bnot\s+(?P<denied>" + _GRADE + r"(?:\s*(?:,|/|\bor\b|\bnor\b)\s*(?:not\s+)?" + _GRADE + r")*)"
    r"(?=\s*(?:[,;./)]|$)|\s+(?:range|band)s?\b)",
    re.IGNORECASE,
)
#: an ability in the average range ("a full-scale IQ within the average range", "cognitive
#: abilities in the low-average range"): no intellectual disability, where the words right
#: before it name the ability (:data:`_ID_CONTEXT_RE`)
_AVERAGE_RANGE_RE = re.compile(r"\b(?:in|within)\s+(?:the\s+)?(?:(?:low|high)[\s-])?(?:average|normal)\s+range\b",
                               re.IGNORECASE)
#: words of its sentence that make a range one of intellectual ability
_ID_CONTEXT_RE = re.compile(r"intellect|\biq\b|fsiq|cognit|\b(?-i:ID)\b|learning\s+(?:disabilit|difficult)|psychometr",
                            re.IGNORECASE)


#: a range of something else: "in the mild range of hearing loss" (not "… of intellectual disability")
_OF_ANOTHER_RANGE = re.compile(r"\s+of\s+(?!(?:the\s+)?(?:intellectual|cognitive|learning|ID\b|impairment|disability"
                               r"|functioning|intelligence|ability|abilities))", re.IGNORECASE)


def _id_ranges(text: str, cues: list[int]) -> list[Measurement]:
    """Grades of intellectual disability a psychologist places the patient in or out of,
    in a sentence about intellectual ability: "in the mild range" (present), "not in the
    moderate or severe range", "clearly above the moderate range", "below the mild (50–69)
    band", "mild ID; not moderate, not severe" (each excluded); and an ability in the average
    range, right after its name, as no intellectual disability (:data:`_AVERAGE_RANGE_RE`)."""
    out = []
    for m in _around(_AVERAGE_RANGE_RE, text, cues, 40, 6):
        lo = max(0, m.start() - 60)
        lo = max(text.rfind(c, lo, m.start()) for c in ".;:\n") + 1 or lo
        if _ID_CONTEXT_RE.search(text, lo, m.start()):
            out.append(Measurement(m.start(), m.end(), INTELLECTUAL_DISABILITY, "intellectual disability range", 0.0,
                                   "", normal=True))
    for m in _around(_ID_RANGE_RE, text, cues, 90, 12):
        # (the sentence, within 200 characters each side; back across a semicolon: "severe
        # intellectual disability; his abilities were well below the mild range")
        lo = max(0, m.start() - 200)
        lo = max(text.rfind(c, lo, m.start()) for c in ".\n") + 1 or lo
        hi = min(len(text), m.end() + 200)
        hi = min((x for x in (text.find(c, m.end(), hi) for c in ".;\n") if x >= 0), default=hi)
        if not _ID_CONTEXT_RE.search(text, lo, hi) or _OF_ANOTHER_RANGE.match(text, m.end()):
            continue  # ("motor impairment in the mild range", "the mild range of hearing loss")
        normal = m.group("out") is not None or m.group("denied") is not None
        group = "grades" if m.group("grades") is not None else "denied"
        for g in re.finditer(_GRADE, m.group(group), re.IGNORECASE):
            a = m.start(group) + g.start()
            out.append(Measurement(a, m.end() if not normal else a + len(g.group()), _ID_GRADES[g.group().lower()],
                                   "intellectual disability range", 0.0, "", normal=normal))
    return out


#: a Beighton score of joint mobility, of 9
_BEIGHTON_RE = re.compile(r"\bBeighton(?:\s+score)?(?:\s+(?:of|was|is|was\s+only))?\s*[:=]?\s*(?P<n>\d)\s*/\s*9\b",
                          re.IGNORECASE)


def _beighton(text: str, cues: list[int]) -> list[Measurement]:
    """A Beighton score of 5/9 or more is *Joint hypermobility* (the usual cut-off for
    adults; children's is 6), one of 3/9 or less excludes it; 4/9 says nothing."""
    out = []
    for m in _around(_BEIGHTON_RE, text, cues, 10, 30):
        n = int(m.group("n"))
        if n >= 5 or n <= 3:
            out.append(Measurement(m.start(), m.end(), JOINT_HYPERMOBILITY, "Beighton score", n, "/9", normal=n <= 3))
    return out


#: a bone density's Z- or T-score, within its clause after the words that name it
_BMD_RE = re.compile(r"\b(?:BMD|bone\s+(?:mineral\s+)?density|DXA|DEXA)\b[^.;\n]{0,60}?\b(?P<kind>[ZT])[\s-]?scores?"
                     r"(?:\s+(?:of|was|is|were|at))?\s*[:=]?\s*(?P<v>[-−–+]\s?\d+(?:\.\d+)?)(?!\.?\d)",
                     re.IGNORECASE)
#: an ECG interval in milliseconds ("QTc of 490 ms", "PR interval 232 ms", "QTc: 505 msec")
_ECG_RE = re.compile(r"\b(?:(?P<qtc>QTc|corrected\s+QT)(?:\s+interval)?|(?P<pr>PR)\s+interval)"
                     r"(?:\s+(?:of|was|is|measured|prolonged\s+(?:at|to)|at))*\s*[:=]?\s*(?P<v>\d{2,3})\s*(?:ms|msec)\b",
                     re.IGNORECASE)


def _ecg_intervals(text: str, cues: list[int]) -> list[Measurement]:
    """ECG intervals beyond the limits of every age (module table): QTc ≥ 470 ms, PR > 200 ms;
    a QTc of 340–439 ms, normal at every age and for either sex, excludes a prolonged one."""
    out = []
    for m in _around(_ECG_RE, text, cues, 20, 60):
        v = float(m.group("v"))
        if m.group("qtc") and 470 <= v <= 800:
            out.append(Measurement(m.start(), m.end(), LONG_QTC, "QTc interval", v, "ms"))
        elif m.group("qtc") and 340 <= v < 440:
            out.append(Measurement(m.start(), m.end(), LONG_QTC, "QTc interval", v, "ms", normal=True))
        elif m.group("pr") and 200 < v <= 600:
            out.append(Measurement(m.start(), m.end(), FIRST_DEGREE_AV_BLOCK, "PR interval", v, "ms"))
    return out


def _bone_density(text: str, cues: list[int]) -> list[Measurement]:
    """A bone density beyond its limits (module table): a Z-score of −2.0 or less is *Reduced
    bone mineral density*, of +2.5 or more *Increased bone mineral density*; a T-score of
    −2.5 or less *Osteoporosis*, of −1.0 to −2.5 *Osteopenia*."""
    out = []
    for m in _around(_BMD_RE, text, cues, 25, 110):
        v = float(m.group("v")[1:].strip()) * (1 if m.group("v")[0] == "+" else -1)
        if m.group("kind").upper() == "Z":
            term = REDUCED_BMD if -10 <= v <= -2.0 else INCREASED_BMD if 2.5 <= v <= 10 else None
        else:
            term = OSTEOPOROSIS if -10 <= v <= -2.5 else OSTEOPENIA if v <= -1.0 else None
        if term is not None:
            out.append(Measurement(m.start(), m.end(), term, "bone mineral density", v, m.group("kind").upper()))
    return out


def _years(group: str) -> str:
    """An age in years and months ("7 years 7 months", "4y 0m", "2.5 years", "30 months")."""
    return (rf"(?:(?P<{group}y>\d{{1,2}}(?:\.\d)?)\s*(?:years?|yrs?|y)\b(?:\s*(?:and\s+)?(?P<{group}m>\d{{1,2}})\s*"
            rf"(?:months?|mos?|m)\b)?|(?P<{group}mo>\d{{1,3}})\s*(?:months?|mos?)\b)")


_APPROX = r"(?:(?:approx\.?|approximately|about|around|~|roughly)\s*)?"
#: a bone age and the chronological age it is read at, in either order, within a clause
_BONE_AGE_RE = re.compile(
    r"\bbone\s+age(?:\s*\([^()]{0,30}\))?\s*(?:was|of|:|=|is)?\s*(?:(?:was|of)\s+)?" + _APPROX + _years("b")
    + r"[^.;\n]{0,30}?\bchronological\s+age\s*(?:was|of|:|=|is)?\s*(?:of\s+)?" + _APPROX + _years("c")
    + r"|\bchronological\s+age\s*(?:was|of|:|=|is)?\s*(?:of\s+)?" + _APPROX + _years("d")
    + r"[^.;\n]{0,30}?\bbone\s+age(?:\s*\([^()]{0,30}\))?\s*(?:was|of|:|=|is)?\s*(?:(?:was|of)\s+)?" + _APPROX
    + _years("e"),
    re.IGNORECASE,
)


def _age_in_years(m: re.Match, group: str) -> float | None:
    if m.group(group + "mo") is not None:
        return int(m.group(group + "mo")) / 12
    if m.group(group + "y") is None:
        return None
    return float(m.group(group + "y")) + int(m.group(group + "m") or 0) / 12


def _bone_age(text: str, cues: list[int]) -> list[Measurement]:
    """A bone age behind or ahead of the chronological age (module table): "bone age
    (Greulich and Pyle) 9 years at a chronological age of 12 years" is *Delayed skeletal
    maturation*. A difference below a year, or below a fifth of the age, says nothing (one
    standard deviation of the standards is 0.5–1.2 years)."""
    out = []
    for m in _around(_BONE_AGE_RE, text, cues, 130, 130):
        bone, age = ((_age_in_years(m, "b"), _age_in_years(m, "c")) if m.group("by") or m.group("bmo")
                     else (_age_in_years(m, "e"), _age_in_years(m, "d")))
        if bone is None or age is None or not 0 < age <= 25:
            continue
        limit = max(1.0, 0.2 * age)
        term = DELAYED_BONE_AGE if age - bone >= limit else ADVANCED_BONE_AGE if bone - age >= limit else None
        if term is not None:
            out.append(Measurement(m.start(), m.end(), term, "bone age", round(bone, 2), "years"))
    return out


_SEMEN_LINK = r"\s*(?:was|were|of|:|=|at|accounted\s+for)?\s*(?:only\s+|just\s+)?"
#: a semen analysis's value: progressive or total motility in %, or the sperm concentration
_SEMEN_RE = re.compile(
    r"\b(?:progressive\s+motility|progressively\s+motile\s+(?:sperm(?:atozoa)?|cells))" + _SEMEN_LINK
    + r"(?P<p>\d{1,2}(?:\.\d)?)\s*%"
    r"|(?P<p2>\d{1,2}(?:\.\d)?)\s*%\s+(?:progressively\s+motile|progressive\s+motility)\b"
    r"|\btotal\s+(?:sperm\s+)?motility" + _SEMEN_LINK + r"(?P<t>\d{1,2}(?:\.\d)?)\s*%"
    r"|\bsperm\s+(?:concentration|count|density)" + _SEMEN_LINK
    + r"(?P<c>\d{1,3}(?:\.\d+)?)\s*(?:million|[x×]\s?10\^?6|M)\s*(?:/|per\s+)\s*m[lL]\b",
    re.IGNORECASE,
)


def _semen(text: str, cues: list[int]) -> list[Measurement]:
    """A semen analysis below the WHO's lower reference limits (module table)."""
    out = []
    for m in _around(_SEMEN_RE, text, cues, 60, 50):
        if m.group("p") or m.group("p2"):
            v, limit, term, what, unit = float(m.group("p") or m.group("p2")), 30.0, LOW_PROGRESSIVE_MOTILITY, \
                "progressive motility", "%"
        elif m.group("t"):
            v, limit, term, what, unit = float(m.group("t")), 42.0, LOW_MOTILITY, "total motility", "%"
        else:
            v, limit, term, what, unit = float(m.group("c")), 16.0, OLIGOZOOSPERMIA, "sperm concentration", "10^6/mL"
        if 0 < v < limit:
            out.append(Measurement(m.start(), m.end(), term, what, v, unit))
    return out


#: a Cobb angle: "Cobb angle 32 degrees", "a Cobb angle of 45°"
_COBB_RE = re.compile(r"\bCobb(?:['’]s)?\s+angle(?:\s+(?:of|was|is|measured|measuring|at))*\s*[:=]?\s*"
                      r"(?:approximately\s+|about\s+|~\s*)?(?P<v>\d{1,3}(?:\.\d)?)\s*(?:°|º|degrees?\b|deg\b)",
                      re.IGNORECASE)
#: a Cobb angle of another curve in its clause ("thoracic kyphosis, Cobb angle 60°")
_OTHER_CURVE_RE = re.compile(r"kyphos|kyphot|lordos|lordot|kyphoscolio", re.IGNORECASE)


def _cobb(text: str, cues: list[int]) -> list[Measurement]:
    """A Cobb angle of 10° or more is *Scoliosis* (the angle that defines a scoliosis),
    unless its clause measures a kyphosis or lordosis."""
    out = []
    for m in _around(_COBB_RE, text, cues, 10, 40):
        lo = max([max(0, m.start() - 60)] + [text.rfind(c, 0, m.start()) + 1 for c in ".;\n"])
        if float(m.group("v")) >= 10 and not _OTHER_CURVE_RE.search(text, lo, m.end()):
            out.append(Measurement(m.start(), m.end(), SCOLIOSIS, "Cobb angle", float(m.group("v")), "°"))
    return out


_CTR_RE = re.compile(r"\b(?:cardio-?thoracic\s+ratio|CTR)(?:\s+(?:of|was|is|was\s+measured\s+at))?\s*[:=]?\s*"
                     r"(?P<v>0?\.\d{1,2}|\d{2}(?:\.\d)?\s*%)", re.IGNORECASE)


def _cardiothoracic_ratio(text: str, cues: list[int]) -> list[Measurement]:
    """A cardiothoracic ratio of 0.6 (60%) or more is *Cardiomegaly* at every age; one of
    0.5 or less excludes it (the adult limit on a posteroanterior film; newborns' ratios
    reach about 0.6, so a value between the two says nothing)."""
    out = []
    for m in _around(_CTR_RE, text, cues, 25, 40):
        raw = m.group("v").replace(" ", "")
        v = float(raw[:-1]) / 100 if raw.endswith("%") else float(raw)
        if 0.6 <= v <= 0.9 or 0.2 <= v <= 0.5:
            out.append(Measurement(m.start(), m.end(), CARDIOMEGALY, "cardiothoracic ratio", v, "", normal=v <= 0.5))
    return out


def _ejection_fraction(text: str, cues: list[int]) -> list[Measurement]:
    """A left ventricular ejection fraction below 50%, in HPO's classes, and one of 50% or
    more as excluding *Reduced left ventricular ejection fraction* (module table); a range
    reads as its upper end, and one across 50% as nothing."""
    out = []
    for m in _around(_EF_RE, text, cues, 40, 50):
        v = float(m.group("v2") or m.group("v"))
        if not 5 <= v <= 90:
            continue
        term = _ef_term(v)
        if term is None and float(m.group("v")) < 50:
            continue  # "45–55%": neither reduced nor clearly normal
        out.append(Measurement(m.start(), m.end(), term or REDUCED_EF, "left ventricular ejection fraction", v, "%",
                               normal=term is None))
    return out


def _spirometry(text: str, cues: list[int]) -> list[Measurement]:
    """FVC or FEV1 below 80% of predicted, and 80% or more as excluding their reduction
    (module table)."""
    out = []
    for m in _around(_SPIROMETRY_RE, text, cues, 45, 60):
        v = float(m.group("v"))
        if 5 <= v <= 150:
            fvc = m.group("fvc") is not None
            out.append(Measurement(m.start(), m.end(), LOW_FVC if fvc else LOW_FEV1, "FVC" if fvc else "FEV1",
                                   v, "% predicted", normal=v >= 80))
    return out


def _acuity(text: str, cues: list[int]) -> list[Measurement]:
    """Snellen visual acuities ("VA 6/60 OU", "visual acuity was 20/200 OD and 20/400 OS",
    "20/20 vision"): the worst eye worse than 6/9 (20/30) is *Reduced visual acuity*; all
    6/6 (20/20) or better excludes it (module table)."""
    out = []
    for m in _around(_DECIMAL_ACUITY_RE, text, cues, 60, 60):
        values = [float(x) for x in re.findall(_DECIMAL, m.group("values"))]
        if m.group("logmar"):  # (logMAR: 0 is 6/6, 0.3 is 6/12)
            reduced, normal = max(values) >= 0.3, max(values) <= 0.0
        else:
            reduced, normal = min(values) < 0.6, min(values) >= 1.0
        if reduced or normal:
            out.append(Measurement(m.start(), m.end(), REDUCED_ACUITY, "visual acuity", min(values),
                                   "logMAR" if m.group("logmar") else "decimal", normal=normal))
    for m in _around(_ACUITY_RE, text, cues, 90, 60):
        fractions = re.findall(r"(6|20)\s?/\s?(\d{1,3}(?:\.\d)?)", m.group("values") or m.group("before"))
        ratios = [float(d) / float(n) for n, d in fractions if float(d) > 0]
        if not ratios:
            continue
        worst = max(ratios)
        if worst > 1.5:
            out.append(Measurement(m.start(), m.end(), REDUCED_ACUITY, "visual acuity", worst, "Snellen ratio"))
        elif worst <= 1.0:
            out.append(Measurement(m.start(), m.end(), REDUCED_ACUITY, "visual acuity", worst, "Snellen ratio",
                                   normal=True))
    return out


def _reflexes(text: str, cues: list[int]) -> list[Measurement]:
    """Tendon reflexes by grade (module table): 0 *Areflexia*, 1+ *Hyporeflexia*, 3+ and 4+
    *Hyperreflexia* (of the Achilles or the patellar reflex where the ankle or the knee is
    named); 2+, the normal grade, excludes *Abnormal reflex*. A bare digit after the
    reflexes counts only with its "+" or as 0 ("knee jerks 0"), so "reflexes 2 weeks
    later" says nothing."""
    out = []
    for m in _around(_REFLEX_RE, text, cues, 60, 40):
        grade = int(m.group("g1") or m.group("g2"))
        if m.group("g2") is not None and not m.group("plus") and grade != 0:
            continue
        if grade == 2:
            out.append(Measurement(m.start(), m.end(), ABNORMAL_REFLEX, "tendon reflex grade", 2, "grade", normal=True))
            continue
        site = _REFLEX_SITES.get((m.group("site1") or m.group("site2") or "").lower())
        out.append(Measurement(m.start(), m.end(), _REFLEX_TERMS[site][min(grade, 3)], "tendon reflex grade", grade,
                               "grade"))
    return out


def _power(text: str, cues: list[int]) -> list[Measurement]:
    """Muscle power by MRC grade (module table): below 5/5 ("4/5", "4+/5", "5-/5") is
    *Muscle weakness*, and where the muscle group or "proximally" / "distally" says where,
    the weakness of that part of the limbs beside it ("hip flexors 3/5": *Proximal muscle
    weakness in lower limbs*; :data:`_POWER_REGIONS`); 5/5 of power or strength said of
    every muscle ("Power 5/5 throughout", "strength 5/5 in all four limbs") excludes it,
    and of the groups of one part of the limbs ("biceps and triceps 5/5") that part's
    weakness — full power there says nothing of the other parts."""
    out = []
    for m in _around(_POWER_RE, text, cues, 60, 4):
        if m.group("g2") is not None and not _grade_gap_ok(text[m.end("subj"):m.start("g2")]):
            continue
        grade = int(m.group("g") or m.group("g2"))
        if grade < 5 or (m.group("mod") or m.group("mod2")) == "-":
            out.append(Measurement(m.start(), m.end(), MUSCLE_WEAKNESS, "MRC power grade", grade, "/5"))
            region = _power_region(text, m)
            if region is not None:
                out.append(Measurement(m.start(), m.end(), region, "MRC power grade", grade, "/5"))
        elif m.group("subj").lower() in ("power", "strength"):
            term = _full_power_where(text, m)
            if term is not None:
                out.append(Measurement(m.start(), m.end(), term, "MRC power grade", grade, "/5", normal=True))
        elif _EXCEPT_RE.match(text, m.end()) is None:
            # full power of the groups of one part of the limbs: that part's weakness excluded
            # ("biceps and triceps 5/5", "shoulder abduction and elbow flexion 5/5")
            region = _power_region(text, m)
            if region is not None:
                out.append(Measurement(m.start(), m.end(), region, "MRC power grade", grade, "/5", normal=True))
    return out


def _side_weakness(where: str) -> str:
    """The weakness term of "proximal(ly)" or "distal(ly)"."""
    return PROXIMAL_WEAKNESS if where.lower().startswith("proximal") else DISTAL_WEAKNESS


def _full_power_where(text: str, m: re.Match) -> str | None:
    """The weakness that full power (``m``, 5/5 of power or strength) excludes: every
    muscle's ("throughout", "in all four limbs", "proximally and distally"), or the
    proximal or distal muscles' where only they are named ("Proximal strength 5/5", "5/5
    at shoulders and hips", "5/5 distally"); None where it is said of one group or is
    followed by an exception ("5/5 x4 limbs except left ankle dorsiflexion 3/5")."""
    term, end = None, m.end()
    if (every := _EVERYWHERE_RE.match(text, end)) is not None:
        term, end = MUSCLE_WEAKNESS, every.end()
    elif (side := _POWER_SIDE_RE.match(text, end)) is not None:
        term, end = _side_weakness(side.group("where")), side.end()
    elif (girdles := _GIRDLES_RE.match(text, end)) is not None:
        term, end = PROXIMAL_WEAKNESS, girdles.end()
    elif (before := _PROXIMAL_BEFORE_RE.search(text, max(0, m.start() - 12), m.start())) is not None:
        term = _side_weakness(before.group("where"))
    return None if term is None or _EXCEPT_RE.match(text, end) else term


def _grade_gap_ok(gap: str) -> bool:
    """Whether a muscle group and a grade without "/5" are one statement: only links,
    sides and more muscle groups between them (:data:`_POWER_GRADE_GAP`)."""
    words = re.findall(r"[A-Za-z]+", gap)[:-1]  # (the last is "grade")
    return "," not in gap and all(
        w.lower() in _POWER_GRADE_GAP or _POWER_SUBJECT_RE.fullmatch(w) is not None
        or any(pattern.fullmatch(w) for pattern, _ in _POWER_REGIONS) for w in words)


def _power_region(text: str, m: re.Match) -> str | None:
    """The weakness term of the part of the limbs a reduced grade ``m`` is said of, or None
    (one part only: "hip and ankle 4/5" names none)."""
    side = _POWER_SIDE_RE.match(text, m.end())
    if side is not None:
        return _side_weakness(side.group("where"))
    a = max(0, m.start() - _POWER_BEFORE)
    before = re.split(r"[,;:.()\n]", text[a:m.start()])[-1]
    words = before + text[m.start():m.start("g") if m.group("g") else m.start("g2")]
    regions = {hpo for pattern, hpo in _POWER_REGIONS if pattern.search(words)}
    return regions.pop() if len(regions) == 1 else None


_URINE_ANALYTE = r"(?:" + "|".join(sorted(_URINE_ANALYTES, key=len, reverse=True)) + r")"
#: a test of the urine, where its results follow in the sentence
_URINE_TEST_RE = re.compile(r"\b(?:urinalysis|urine\s+dip(?:stick)?s?|urine|dipsticks?|UA)\b", re.IGNORECASE)
#: a result: "positive for blood (2+)", "showed ketones (2+)", "ketones 3+", "protein (1+)",
#: "negative for ketones", "repeatedly negative for blood", "protein negative", "no blood",
#: "2+ protein"
_URINE_RESULT_RE = re.compile(
    r"(?:(?P<pos>positive|\+ve)\s+for|(?P<neg>negative|-ve|neg)\s+for|(?P<no>\bno))\s+(?P<a>" + _URINE_ANALYTE
    + r")\b(?:\s*\(?(?:[1-4]\+|\+{1,4}|trace)\)?)?"
    r"|\b(?P<a2>" + _URINE_ANALYTE + r")\s*[:=]?\s*(?:(?P<pos2>\(?(?:[1-4]\+|\+{1,4})\)?|\+ve|positive)"
    r"|(?P<neg2>negative|-ve|neg|nil)\b)"
    r"|(?<![\w+])(?:[1-4]\+|\+{1,4})\s*(?P<a3>" + _URINE_ANALYTE + r")\b",
    re.IGNORECASE,
)


_NOT_AN_ITEM_END = re.compile(r"[ \t]+(?!(?:and|or|nor|on|in)\b)[A-Za-z]")


def _urinalysis(text: str, cues: list[int]) -> list[Measurement]:
    """Results of a urine dipstick or urinalysis in the sentence that names the test
    ("Urinalysis was positive for blood (2+) and protein (1+)", "Urine dip: protein 3+",
    "urinalysis was negative for ketones"): *Hematuria*, *Proteinuria*, *Ketonuria*,
    *Glycosuria*, *Pyuria*, *Nitrituria* present, or excluded for a negative result."""
    out = []
    done = -1
    for c in cues:
        if c < done:
            continue
        m = _URINE_TEST_RE.search(text, max(0, c - 20), c + 12)
        if m is None:
            continue
        end = min(len(text), m.end() + 160)
        stop = re.search(r"[.;\n]\s", text[m.end():end])
        end = m.end() + stop.start() if stop else end
        done = end
        for r in _URINE_RESULT_RE.finditer(text, m.end(), end):
            if r.group("no") and _NOT_AN_ITEM_END.match(text, r.end()):
                continue  # "no blood transfusion was needed": the word goes on
            analyte = (r.group("a") or r.group("a2") or r.group("a3")).lower()
            normal = bool(r.group("neg") or r.group("no") or r.group("neg2"))
            out.append(Measurement(r.start(), r.end(), _URINE_ANALYTES[analyte], "urinalysis",
                                   0.0 if normal else 1.0, "", normal=normal))
    return out


#: cue substrings of the lower-cased text, each contained in every statement of its kind
_CUES = {
    "growth": ("sd", "s.d.", "standard deviation", "centile", "z-score", "z score", "zscore", "z =", "z=", "z +", "z -",
               "z −", "(z",
               "<p", ">p", "%ile", "st)", "nd)", "rd)", "th)", "th c"),
    "milestone": ("walk", "sat ", " sit ", "sitting", "crawl", "first word", "spoke", "speak", "talk", "steps", "stood",
                  " rolled", " roll ", " rolling", " stand ",
                  "first single", "first meaningful", "first spoken", "first real"),
    "bmi": ("bmi", "body mass"),
    "stature": ("height", "stature", "ht ", "ht:", "cm tall"),
    "gestation": ("week", "wk", "/40"),
    "iq": (" iq", "(iq", "fsiq", "intelligence quotient"),
    "temperature": ("temp", "t 3", "t 4", "t:", "t=", "tmax", "t max"),
    "saturation": ("sat", "spo2", "sao2", "spo₂", "sao₂", "sp o2", "sa o2"),
    "organ_edge": ("costal", "rib cage", "cm bcm", "cm brcm", "cm blcm", "lcm", "rcm"),
    "ejection_fraction": ("ejection", "lvef", " ef ", " ef:", "(ef", " ef="),
    "spirometry": ("fvc", "fev", "vital capacity", "expiratory volume"),
    "acuity": ("6/", "20/", "acuity", "logmar"),
    "reflex": ("reflex", "jerk", "dtr"),
    "power": ("/5", "/ 5", "grade"),
    "urine": ("urin", "dipstick", " ua "),
    "id_range": (" range", " band", "not mild", "not moderate", "not severe", "not borderline", "not profound"),
    "beighton": ("beighton",),
    # a result word of kgmed.text.antibodies ("ANA -ve", "anti-Ro positive", "LA not detected")
    "antibody": ("positive", "negative", "+ve", "-ve", " pos", " neg", "detect", "raised", "elevated", " high"),
    "ctr": ("thoracic ratio", "ctr ", "ctr:", "ctr="),
    "cobb": ("cobb",),
    "bmd": ("bmd", "bone mineral density", "bone density", "dxa", "dexa"),
    "bone_age": ("bone age",),
    "semen": ("motil", "sperm"),
    "ecg": ("qtc", "corrected qt", "pr interval"),
    "term_birth": ("term",),
    "age": ("year", "yr", "month", " mo", "week", "wk", " day", "age ", "ties", "decade", "/12", "/52"),
    "development": DEVELOPMENT_CUES,
    "ability": ABILITY_CUES,
    "lab": LAB_CUES,  # read by kgmed.text.labs
    "normal": NORMAL_CUES,  # read by kgmed.text.normal
}
_READERS = {"growth": _growth, "milestone": _milestones, "bmi": _bmi, "gestation": _gestation, "iq": _iq,
            "stature": _stature, "temperature": _temperature, "saturation": _saturation, "organ_edge": _organ_edge,
            "ejection_fraction": _ejection_fraction, "spirometry": _spirometry, "acuity": _acuity,
            "term_birth": _term_birth, "development": find_development, "ability": find_abilities,
            "reflex": _reflexes, "power": _power, "urine": _urinalysis, "id_range": _id_ranges, "beighton": _beighton,
            "ctr": _cardiothoracic_ratio, "bmd": _bone_density, "ecg": _ecg_intervals,
            "bone_age": _bone_age, "semen": _semen, "cobb": _cobb}
