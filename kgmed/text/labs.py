"""Laboratory values judged against the reference range the text gives (or, for a few
analytes, against limits abnormal at every age).

Case reports and clinical notes state results as numbers: "creatine kinase 2,500 U/L
(normal < 200)", "ammonia 180 µmol/L (reference 11–32)", "ALT 10 times the upper limit of
normal". A curator records *Elevated circulating creatine kinase concentration*,
*Hyperammonemia*, *Elevated circulating alanine aminotransferase concentration*.
:func:`find_lab_values` reads such a statement where the text itself says what is
normal; no table of reference ranges (which depend on age, sex, method and laboratory) is
guessed — only, for twenty-nine analytes, limits far outside every reference range (last item):

* a reference range or limit in brackets right after the value: ``(normal < 200)``,
  ``(reference range 11–32 µmol/L)``, ``(N: 0.5–2.2)``, ``[ref. > 4.0]``, or a bare range
  ``(0.5–2.2)`` where the value carries a unit; or after a comma with its label
  ("creatinine 250 µmol/L, normal 45–90");
* a multiple of the upper limit of normal: "10 times the upper limit of normal",
  "5× ULN", "20-fold the normal";
* the laboratory's own flag right after a value: a word in brackets ("LDH 980 U/L
  (elevated)", "IgA < 0.07 g/L (low)", "WCC 2.8 (low)") or, after a value with a unit, a
  letter in brackets or a word after a dash ("Hb 98 g/L (L)", "Hb 8.7 g/dL - low") or after
  a comma where it ends the statement ("B cells 38 cells/µL, markedly low."), or an arrow
  ("WCC 1.2 ↓", "IgE 2,300 kU/L (↑)", "(^)"); an analyte as reports abbreviate it is named
  as HPO's terms name it (:data:`ANALYTE_NAMES`: "WCC", "lymphs", "ANC", "eos", "K",
  "CD19+ B cells");
* for a few analytes that case reports often give without a range, a value beyond a limit
  that is abnormal at every age after the first days of life, in any laboratory
  (:data:`LIMITS`): "glucose 1.9 mmol/L", "ammonia 140 µmol/L", "CK 48,000 U/L", "Hb 8.9
  g/dL", "platelets 60 × 10^9/L". The limits are deliberately far from the reference
  ranges (a value between the two reads nothing), in the units named, and only for the
  analyte written right before the value.

A value above the range is *high*, below it *low*; a value within it, or on the side a
one-sided limit does not bound, gives nothing (it is not read as an excluded finding).
Which term a high or low analyte is, the recognizer decides with the dictionary: "high" +
the analyte's words must be an HPO name ("increased lactate" → *Increased circulating
lactate concentration*, "low sodium" → *Hyponatremia*), so only analytes HPO has a term
for are read. This module finds the statements and names the analytes it abbreviates or
limits; it knows no HPO term.

Example::

    >>> text = "Creatine kinase was 2,500 U/L (normal < 200)."
    >>> [(text[v.start:v.analyte_end], v.direction, v.value) for v in find_lab_values(text)]
    [('Creatine kinase', 'high', 2500.0)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["LabValue", "find_lab_values", "find_normal_counts", "LAB_CUES", "LIMITS", "NORMAL_BANDS", "ANALYTE_NAMES"]

#: cue substrings of the lower-cased text, one of which every statement contains
LAB_CUES = ("normal", "ref", "uln", "upper limit", "(n", "[n", "(nr", "(rr", "/l", "/dl", "/ml", "mmol", "mol/",
            "(high)", "(raised)", "(elevated)", "(increased)", "(low)", "(reduced)", "(decreased)", "(h)", "(l)",
            "↑", "↓", "a1c", "- low", "- high", "- raised", "– low", "– high", "mm/h", "mm/1",
            "plt", "wcc", "wbc", " anc", "(anc", "(^)", "/ul", "/µl", "/μl", "/mm3", "low)", "reduced)", "raised)",
            "elevated)", "increased)", "decreased)", "high)", "for age)", "mcv", "corpuscular volume",
            "mean cell volume", "peak gh", "peak growth hormone")
#: cues inside an analyte's name, before its value (the other cues are units, after it)
_ANALYTE_CUES = frozenset({"a1c", "plt", "wcc", "wbc", "anc", "mcv", "corpuscular volume", "mean cell volume",
                           "peak gh", "peak growth hormone"})


@dataclass(frozen=True)
class LabValue:
    """A laboratory value outside its stated range: ``text[start:end]`` is the evidence,
    from the words before the value that may name the analyte (``text[start:analyte_end]``;
    the recognizer finds the analyte among their last words) to the range; ``direction``
    is ``"high"`` or ``"low"`` (``"normal"`` for a count of :func:`find_normal_counts`)."""

    start: int
    end: int
    analyte_end: int
    direction: str
    value: float
    low: float | None
    high: float | None
    analyte: str | None = None  # the analyte's usual name, where a LIMITS entry read it


_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_UNIT = (r"(?:[%‰]|(?:[×x]\s?10(?:\^?\d+|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)|[a-zA-Zµμ]{1,8})(?:\s?/\s?(?:\d{0,3}\s?)?[a-zA-Zµμ]{1,6}(?:\^?\d)?)?"
         r"(?:\s?/\s?[a-zA-Z]{1,3})?"
         r"|/\s?[a-zA-Zµμ]{1,6}(?:\^?\d)?)")  # (a count per volume with its noun left out: "45 /µL")
_LABEL = (r"(?:normal|reference|ref\.?|N|NR|RR|ULN)(?:\s+(?:range|values?|interval|limits?))?"
          r"(?:\s+(?:for\s+age|for\s+(?:his|her)\s+age))?\s*[:=,]?\s*")
_LT = r"<=|<|≤|up\s+to|below|less\s+than|under"
_GT = r">=|>|≥|above|greater\s+than|more\s+than|over"
_RANGE = (rf"(?:(?P<lt>{_LT})\s*(?P<hi1>{_NUM})|(?P<gt>{_GT})\s*(?P<lo1>{_NUM})"
          rf"|(?P<lo>{_NUM})\s*(?:-|–|—|to)\s*(?P<hi>{_NUM})"
          # an upper limit named as one: "(ULN 170)", "(upper limit of normal 40)"
          rf"|(?:ULN|upper\s+(?:limit|level)(?:\s+of\s+(?:the\s+)?normal(?:\s+range)?)?)\s*[:=]?\s*(?P<hi2>{_NUM}))")
_VALUE_RANGE_RE = re.compile(
    rf"(?<![\w.,])(?P<v>{_NUM})(?:\s?(?P<unit>{_UNIT}))?\s*"
    # "(normal < 200)", "(0.5–2.2)", or after a comma with a label: ", normal 45–90"
    rf"(?:(?P<open>[(\[])\s*(?P<label>{_LABEL})?|[,;]\s*(?P<label2>{_LABEL})){_RANGE}"
    rf"(?:\s?{_UNIT})?(?:\s+for\s+(?:(?:his|her|their)\s+)?age)?(?(open)\s*[)\]])",  # ("(ref 88–110 for age)")
)
_TIMES_RE = re.compile(
    rf"(?<![\w.,])(?P<v>{_NUM})\s*(?:[×x]|times|-?\s?fold)\s+(?:(?:above|over|higher\s+than)\s+)?(?:the\s+)?"
    r"(?:ULN|upper\s+(?:limit|level)\s+of\s+(?:the\s+)?normal(?:\s+range)?|upper\s+normal\s+limit|normal)\b",
    re.IGNORECASE,
)
#: a value flagged high or low: a word in brackets or after a dash ("980 U/L (elevated)",
#: "WCC 2.8 (low)", "3,860 kIU/L (markedly raised for age)", "0.47 mmol/L (raised, despite
#: allopurinol)", "Hb 8.7 g/dL - low"), the laboratory's letter in brackets after a value
#: with a unit ("98 g/L (L)"), or an arrow ("WCC 1.2 ↓", "IgE 2,300 kU/L (↑)")
_DEGREE = r"(?:(?:markedly|mildly|moderately|severely|slightly|very|significantly|profoundly)\s+)?"
_FLAGGED_RE = re.compile(
    rf"(?:[<>≤≥]\s?)?(?<![\w.,])(?P<v>{_NUM})(?:\s?(?P<unit>{_UNIT}))?\s*"
    rf"(?:\({_DEGREE}"
    r"(?:(?P<high>high|raised|elevated|increased)|(?P<low>low|reduced|decreased))(?:\)|,|\s+for\s+age\b)"
    r"|\((?:(?P<hl>(?-i:H))|(?P<ll>(?-i:L)))(?:\)|[;,]\s)"  # ("(H)", "(L; ref 10–22)", "(H, baseline 30)")
    rf"|[-–]\s{_DEGREE}(?:(?P<hd>high|raised|elevated|increased)|(?P<ld>low|reduced|decreased))\b"
    # after a comma only where the flag ends the statement: "CD19+ B cells 38 cells/uL, markedly low."
    rf"|,\s{_DEGREE}(?:(?P<hc>high|raised|elevated|increased)|(?P<lc>low|reduced|decreased))(?=\s*(?:[.;)\n]|$))"
    # the range named in words: "96 IU/L, well above the reference range", "(below the normal range)"
    r"|(?:,\s|\(\s?)(?:(?:well|far|markedly|just|slightly|clearly)\s+)?(?:(?P<ha>above)|(?P<la>below))\s+the\s+"
    r"(?:reference|normal|laboratory(?:'s)?\s+reference)\s+(?:range|interval|limits?)\b"
    r"|\(?\s*(?:(?P<up>↑)|(?P<down>↓))\s*\)?|\(\s*(?P<caret>\^)\s*\))",
    re.IGNORECASE,
)
#: Limits beyond which a value is abnormal whatever the age (after the first days of life),
#: sex and laboratory, for analytes case reports often give without a range: analyte as
#: written (lower case) → (the name HPO's terms use, {unit: factor to the first unit},
#: low limit, high limit). Far outside the reference ranges on purpose: Hb < 9 g/dL
#: (the lowest normal, at the nadir of infancy, is about 9.5), platelets < 100 or > 600 ×
#: 10^9/L (150–450; infants reach ~550), a stimulated peak of growth hormone < 5 ng/mL
#: (µg/L; the cut-offs of deficiency are 5–10), glucose < 2.6 mmol/L (the neonatal
#: threshold for hypoglycaemia) or > 11.1 mmol/L (200 mg/dL, the random value that
#: diagnoses diabetes; fasting normal < 6.1), HbA1c > 6.4% or 46 mmol/mol (the diagnostic
#: threshold of diabetes; normal < 5.7%), ammonia > 110
#: µmol/L (neonatal upper limits reach ~100), triglycerides > 5.6 mmol/L (500 mg/dL, the
#: threshold of severe hypertriglyceridaemia; fasting normal < 1.7), LDL cholesterol > 4.9
#: mmol/L (190 mg/dL, the threshold of familial hypercholesterolaemia; normal < 3.4), total
#: cholesterol > 7.8 mmol/L (300 mg/dL; < 5.2), HDL cholesterol < 0.7 mmol/L (27 mg/dL;
#: > 1.0), ferritin > 1,000 µg/L (upper limits 150–400, newborns ~600), CK > 1,000 U/L (about five times the upper
#: limit; newborns reach ~1,000), lactate > 3 mmol/L (2.2), ALT > 70 U/L (40–60 at every
#: age), AST > 150 U/L (infants' AST reaches ~100), fasting glucose > 6.1 mmol/L (110
#: mg/dL, the WHO's limit of impaired fasting glucose; normal < 5.6), ESR > 50 mm/h (the
#: upper limits, which rise with age, stay below ~40), CRP > 20 mg/L (5–10), sodium < 130 / > 150 mmol/L
#: (135–145), potassium < 3.0 / > 6.0 mmol/L (3.5–5.0, newborns up to ~6), creatinine >
#: 150 µmol/L (adults ~110), bicarbonate < 15 mmol/L (22–29; newborns from ~17), total
#: calcium < 1.8 / > 3.0 mmol/L (2.1–2.6; newborns 1.9–2.8), ionised calcium < 0.9 / > 1.6
#: mmol/L (1.1–1.35; newborns from ~1.0), albumin < 25 g/L (35–50;
#: newborns from ~28), urate > 600 µmol/L (10 mg/dL; men < 420, children < 330), TSH > 20
#: mIU/L (0.4–4.5; the newborn's surge reaches ~20 in the first days), lymphocytes < 0.8 × 10^9/L
#: (adults 1.0–4.8, infants from ~2), eosinophils > 1.5 × 10^9/L (the threshold of
#: hypereosinophilia; normal < 0.5), MCV < 70 fL (infants' lower limit ~70, adults 80).
_MMOL = {"mmol/l": 1.0, "mmol": 1.0}
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
#: words right before an analyte that make it another specimen or fraction than the limits'
_NOT_SERUM_RE = re.compile(r"(?:\burin\w*|\bioni[sz]ed|\bfree|\bCSF|\bstool|\bfaecal|\bfecal|\bsweat)\s+(?:\w+\s+)?$",
                           re.IGNORECASE)
#: specimens whose analytes are not named as the blood's ("urine sodium", "CSF protein")
_OTHER_SPECIMENS = frozenset({"urine", "urinary", "u", "csf", "stool", "faecal", "fecal", "sweat"})
#: cells per nanolitre (10^9/L); a blood count is written without its unit too ("plts 31", key "")
_PER_NL = {"x10^9/l": 1.0, "×10^9/l": 1.0, "x109/l": 1.0, "×109/l": 1.0, "x10^3/µl": 1.0, "×10^3/µl": 1.0,
           "x10^3/ul": 1.0, "×10^3/ul": 1.0, "/µl": 0.001, "/mm3": 0.001, "/ul": 0.001, "k/µl": 1.0, "k/ul": 1.0}
LIMITS: dict[str, tuple[str, dict[str, float], float | None, float | None]] = {
    **dict.fromkeys(("hb", "hgb", "hemoglobin", "haemoglobin"),
                    ("hemoglobin", {"g/dl": 1.0, "g/l": 0.1, "g/100ml": 1.0}, 9.0, None)),
    **dict.fromkeys(("platelets", "platelet", "platelet count", "plt", "plts"),
                    ("platelet count", {**_PER_NL, "": 1.0}, 100.0, 600.0)),
    **dict.fromkeys(("wcc", "wbc", "white cell count", "white blood cell count"),
                    ("white blood cell count", {**_PER_NL, "": 1.0}, 2.5, None)),
    **dict.fromkeys(("anc", "absolute neutrophil count", "neutrophils", "neuts"),
                    ("neutrophil count", {**_PER_NL, "": 1.0}, 1.0, None)),
    **dict.fromkeys(("lymphocytes", "lymphocyte count", "total lymphocyte count", "alc"),
                    ("lymphocyte count", _PER_NL, 0.8, None)),
    **dict.fromkeys(("eosinophils", "eosinophil count", "absolute eosinophil count", "aec"),
                    ("eosinophil count", _PER_NL, None, 1.5)),
    **dict.fromkeys(("mcv", "mean corpuscular volume", "mean cell volume"), ("mean corpuscular volume", {"fl": 1.0},
                                                                            70.0, None)),
    **dict.fromkeys(("glucose", "blood glucose", "plasma glucose", "serum glucose", "blood sugar", "bg", "bgl", "bsl",
                     "random glucose", "random plasma glucose", "random blood glucose"),
                    ("blood glucose", {**_MMOL, "mg/dl": 1 / 18.0}, 2.6, 11.1)),
    **dict.fromkeys(("fasting glucose", "fasting plasma glucose", "fasting blood glucose", "fasting serum glucose",
                     "fpg", "fasting blood sugar"),
                    ("blood glucose", {**_MMOL, "mg/dl": 1 / 18.0}, 2.6, 6.1)),
    **dict.fromkeys(("esr", "erythrocyte sedimentation rate", "sed rate"),
                    ("erythrocyte sedimentation rate", {"mm/h": 1.0, "mm/hr": 1.0, "mm/hour": 1.0, "mm/1h": 1.0,
                                                        "mm/1st hour": 1.0}, None, 50.0)),
    **dict.fromkeys(("hba1c", "hb a1c", "a1c", "glycated hemoglobin", "glycated haemoglobin"),
                    # (IFCC mmol/mol to %: exact at the limit, 46.4 mmol/mol = 6.4%)
                    ("HbA1c", {"%": 1.0, "mmol/mol": 6.4 / 46.4}, None, 6.4)),
    **dict.fromkeys(("ammonia", "nh3", "plasma ammonia", "blood ammonia"),
                    ("ammonia", {"µmol/l": 1.0, "umol/l": 1.0, "μmol/l": 1.0, "µg/dl": 0.587, "ug/dl": 0.587}, None, 110.0)),
    **dict.fromkeys(("ck", "cpk", "creatine kinase", "creatine phosphokinase", "serum ck"),
                    ("creatine kinase", {"u/l": 1.0, "iu/l": 1.0}, None, 1000.0)),
    **dict.fromkeys(("lactate", "lactic acid", "plasma lactate", "blood lactate", "serum lactate"),
                    ("lactate", {**_MMOL, "mg/dl": 1 / 9.0}, None, 3.0)),
    **dict.fromkeys(("alt", "sgpt", "alanine aminotransferase"), ("ALT", {"u/l": 1.0, "iu/l": 1.0}, None, 70.0)),
    **dict.fromkeys(("ast", "sgot", "aspartate aminotransferase"), ("AST", {"u/l": 1.0, "iu/l": 1.0}, None, 150.0)),
    **dict.fromkeys(("crp", "c-reactive protein"), ("CRP", {"mg/l": 1.0, "mg/dl": 10.0}, None, 20.0)),
    **dict.fromkeys(("sodium", "na", "serum sodium", "plasma sodium"),
                    ("sodium", {**_MMOL, "meq/l": 1.0}, 130.0, 150.0)),
    **dict.fromkeys(("potassium", "serum potassium", "plasma potassium", "k", "k+"),
                    ("potassium", {**_MMOL, "meq/l": 1.0}, 3.0, 6.0)),
    **dict.fromkeys(("bicarbonate", "serum bicarbonate", "plasma bicarbonate", "hco3", "hco3-", "bicarb"),
                    ("bicarbonate", {"mmol/l": 1.0, "meq/l": 1.0}, 15.0, None)),  # (not a dose: "10 mmol")
    **dict.fromkeys(("calcium", "serum calcium", "corrected calcium", "adjusted calcium", "total calcium"),
                    ("calcium", {"mmol/l": 1.0, "mg/dl": 0.2495}, 1.8, 3.0)),
    **dict.fromkeys(("ionised calcium", "ionized calcium"), ("calcium", {"mmol/l": 1.0}, 0.9, 1.6)),
    **dict.fromkeys(("albumin", "serum albumin", "plasma albumin"),
                    ("albumin", {"g/l": 1.0, "g/dl": 10.0}, 25.0, None)),
    **dict.fromkeys(("uric acid", "serum uric acid", "urate", "serum urate", "plasma urate"),
                    ("serum urate", {"µmol/l": 1.0, "umol/l": 1.0, "μmol/l": 1.0, "mg/dl": 59.48, "mmol/l": 1000.0},
                     None, 600.0)),
    **dict.fromkeys(("tsh", "thyroid-stimulating hormone", "thyroid stimulating hormone"),
                    ("TSH", {"mu/l": 1.0, "µu/ml": 1.0, "uu/ml": 1.0},  # (mIU/L, µIU/mL: "iu/" is read "u/")
                     None, 20.0)),
    **dict.fromkeys(("creatinine", "serum creatinine", "plasma creatinine"),
                    ("creatinine", {"µmol/l": 1.0, "umol/l": 1.0, "μmol/l": 1.0, "mg/dl": 88.4}, None, 150.0)),
    **dict.fromkeys(("triglycerides", "triglyceride", "tg", "tgs", "fasting triglycerides", "serum triglycerides"),
                    ("triglycerides", {**_MMOL, "mg/dl": 1 / 88.5}, None, 5.6)),
    **dict.fromkeys(("ldl", "ldl cholesterol", "ldl-c", "ldl-cholesterol"),
                    ("LDL cholesterol", {**_MMOL, "mg/dl": 1 / 38.7}, None, 4.9)),
    **dict.fromkeys(("hdl", "hdl cholesterol", "hdl-c", "hdl-cholesterol"),
                    ("HDL cholesterol", {**_MMOL, "mg/dl": 1 / 38.7}, 0.7, None)),
    **dict.fromkeys(("cholesterol", "total cholesterol", "serum cholesterol"),
                    ("total cholesterol", {**_MMOL, "mg/dl": 1 / 38.7}, None, 7.8)),
    **dict.fromkeys(("peak gh", "peak growth hormone", "stimulated peak gh", "peak stimulated gh"),
                    ("growth hormone", {"ng/ml": 1.0, "µg/l": 1.0, "ug/l": 1.0, "μg/l": 1.0}, 5.0, None)),
    **dict.fromkeys(("ferritin", "serum ferritin"), ("ferritin", {"µg/l": 1.0, "ug/l": 1.0, "μg/l": 1.0,
                                                                  "ng/ml": 1.0}, None, 1000.0)),
}
#: an analyte of LIMITS, the words that may link it to its value, and the value with its unit
_LIMITED_RE = re.compile(
    r"(?<![\w-])(?=[" + "".join(sorted({a[0] for a in LIMITS})) + r"])"  # a cheap first test
    r"(?P<a>" + "|".join(re.escape(a) for a in sorted(LIMITS, key=len, reverse=True)) + r")"
    r"(?:\s*(?:[:=]|\b(?:was|were|is|are|of|at|level|levels|concentration|concentrations|value|values"
    # (a course or a moment: "sodium rose to 161", "glucose on arrival was 1.6")
    r"|measured|rose|fell|dropped|peaked|reached|to|up|has|had|been|on\s+(?:arrival|admission|presentation)"
    r"|initially)\b))*"
    rf"\s*(?P<v>{_NUM})(?:\s?(?P<unit>{_UNIT}))?(?![\w/])",
    re.IGNORECASE,
)
#: Analytes as laboratory reports and notes abbreviate them → the name HPO's terms use
#: ("WCC 1.2 ↓" is a low white blood cell count); with every analyte of :data:`LIMITS`.
ANALYTE_NAMES: dict[str, str] = {
    **{a: entry[0] for a, entry in LIMITS.items()},
    **dict.fromkeys(("wcc", "wbc", "wbc count", "white cell count", "white count", "leucocytes", "leukocytes"),
                    "white blood cell count"),
    **dict.fromkeys(("lymphs", "lymph", "lymphocytes", "alc"), "lymphocyte count"),
    **dict.fromkeys(("neuts", "neut", "neutrophils", "anc"), "neutrophil count"),
    **dict.fromkeys(("eos", "eosinophils", "aec"), "eosinophil count"),
    **dict.fromkeys(("monos", "monocytes"), "monocyte count"),
    **dict.fromkeys(("na+",), "sodium"),
    **dict.fromkeys(("ft4", "free t4"), "free T4"),
    **dict.fromkeys(("gh", "peak gh", "peak growth hormone"), "growth hormone"),
    **dict.fromkeys(("retics", "reticulocytes"), "reticulocyte count"),
    **dict.fromkeys(("bili", "tbili", "total bilirubin"), "bilirubin"),
    **dict.fromkeys(("alp", "alk phos"), "alkaline phosphatase"),
    **dict.fromkeys(("creat", "s. creat", "s creat", "cr", "s. cr", "serum cr"), "creatinine"),
    **dict.fromkeys(("s. urate", "s urate", "urate", "uric acid", "s. uric acid"), "serum urate"),
    **dict.fromkeys(("hct", "haematocrit", "hematocrit"), "hematocrit"),
    **dict.fromkeys(("mpv",), "mean platelet volume"),
    # parts of the face as examination notes abbreviate them, for the statements of
    # kgmed.text.normal ("PF length normal")
    **dict.fromkeys(("pf", "pfs"), "palpebral fissure"),
    # ratios to creatinine in a spot urine, named by the analyte they measure
    **dict.fromkeys(("upcr", "urine pcr", "upc ratio", "urine protein:creatinine ratio",
                     "urine protein/creatinine ratio", "urine protein creatinine ratio",
                     "urine protein to creatinine ratio", "urine protein-to-creatinine ratio", "protein:creatinine ratio",
                     "protein/creatinine ratio", "protein creatinine ratio", "protein to creatinine ratio",
                     "protein-to-creatinine ratio"),
                    "urine protein"),
    **dict.fromkeys(("uacr", "urine acr", "urine albumin:creatinine ratio", "urine albumin/creatinine ratio",
                     "urine albumin creatinine ratio", "urine albumin to creatinine ratio", "albumin:creatinine ratio",
                     "urine albumin-to-creatinine ratio", "albumin-to-creatinine ratio",
                     "albumin/creatinine ratio", "albumin creatinine ratio", "albumin to creatinine ratio"),
                    "urine albumin"),
    # lymphocyte subsets as flow cytometry reports name them ("CD19+ B cells 38 cells/µL (low)")
    **dict.fromkeys(("b cells", "cd19+ b cells", "cd19 b cells", "cd19+", "cd20+ b cells", "cd19+ b"), "B cell count"),
    **dict.fromkeys(("t cells", "cd3+ t cells", "cd3 t cells", "cd3+", "cd3+ t"), "T cell count"),
    **dict.fromkeys(("nk cells", "cd16/56+ nk cells", "cd16+cd56+ nk cells", "cd56+ nk cells", "cd16/cd56+ nk cells",
                     "cd3-cd56+ nk cells"), "NK cell count"),
}
#: a blood count right before a value, which notes write without its unit ("Plt 72 (L)",
#: "WBC 2.6 (L)", "neuts 0.4 - low", "Hb 9.6 (L)")
_COUNT_BEFORE = re.compile(r"(?<![\w-])(?:plts?|platelets|wcc|wbc|neuts?|anc|lymphs?|alc|eos|monos|retics|hb|hgb)\s*[:=]?\s*$",
                           re.IGNORECASE)
#: names of lymphocyte subsets, read only where they are the analyte's whole name and the
#: value a count
_SUBSET_COUNTS = frozenset({"B cell count", "T cell count", "NK cell count"})
#: words between an analyte and its value ("CK *was elevated at* 2,500", "ammonia *level of* 180",
#: "IgA *(<*0.07 g/L; reference 0.5–2.4)")
_LINK_RE = re.compile(
    r"(?:\s*(?:[:=]|\((?=\s*[<>≤≥]?\s*$)|[<>≤≥]"  # (a value opening a bracket: "IgA (<0.07 g/L; reference …)")
    r"|\b(?:was|were|is|are|of|at|to|level|levels|concentration|concentrations|activity|activities"
    r"|value|values|measured|reached|up|elevated|increased|raised|high|decreased|reduced|low|markedly"
    r"|mildly|severely|significantly)\b))*\s*$",
    re.IGNORECASE,
)
#: where the words naming an analyte stop, going back from the value
_ANALYTE_STOP = re.compile(r"[.;!?,()\[\]]|:(?![^\W\d_])|\b(?:and|with|but|while|whereas|the|a|an|his|her|their)\b"
                           r"|(?<![\w-])\d+(?:[.,]\d+)?(?![\w-])", re.IGNORECASE)
_ANALYTE_WINDOW = 60


def _num(s: str) -> float:
    return float(s.replace(",", ""))


def find_lab_values(text: str, cues: list[int] | None = None,
                    normal_counts: list[LabValue] | None = None) -> list[LabValue]:
    """The laboratory values of ``text`` outside the range it states (module docs), in order.

    ``cues`` are the positions of :data:`LAB_CUES` in ``text`` (from
    :func:`kgmed.text.measurements.find_cues`, key ``"lab"``); each statement is looked
    for only around them, so time stays linear in the text. ``normal_counts``: a list that
    receives the blood counts within their :data:`NORMAL_BANDS` in the same pass
    (:func:`find_normal_counts`).
    """
    from kgmed.text.measurements import _around, find_cues

    if cues is None:
        cues = find_cues(text).get("lab", [])
    if not cues:
        return []
    out: list[LabValue] = []
    judged: set[int] = set()  # values with a stated range or flag: LIMITS do not judge them
    for m in _around(_VALUE_RANGE_RE, text, cues, 80, 40):
        value = _num(m.group("v"))
        if m.group("label") is None and m.group("label2") is None and not m.group("unit"):
            continue  # "(0.5–2.2)" is a reference range only after a value with a unit
        lo = _num(m.group("lo") or m.group("lo1")) if (m.group("lo") or m.group("lo1")) else None
        high = m.group("hi") or m.group("hi1") or m.group("hi2")
        hi = _num(high) if high else None
        if lo is not None and hi is not None and lo >= hi:
            continue  # not a range
        judged.add(m.start("v"))
        if hi is not None and value > hi:
            direction = "high"
        elif lo is not None and value < lo:
            direction = "low"
        else:
            continue
        v = _value(text, m.start(), m.end(), direction, value, lo, hi)
        if v is not None:
            out.append(v)
    for m in _around(_FLAGGED_RE, text, cues, 60, 40):
        if not m.group("unit") and (m.group("hl") or m.group("ll") or m.group("hd") or m.group("ld")
                                    or m.group("hc") or m.group("lc") or m.group("ha") or m.group("la")) \
                and not _COUNT_BEFORE.search(text, max(0, m.start() - 24), m.start()):
            continue  # "grade 2 (L)", "stage 2 - low", "aged 4, low": a letter, a dash or a comma flags
            # only a value with a unit, or a count notes give without one ("Plt 72 (L)")
        judged.add(m.start("v"))
        high = m.group("high") or m.group("hl") or m.group("hd") or m.group("hc") or m.group("ha") or m.group("up") \
            or m.group("caret")
        v = _value(text, m.start(), m.end(), "high" if high else "low", _num(m.group("v")), None, None)
        if v is not None:
            out.append(v)
    # most cues are units, at a value's end; "a1c", "plt" … are in the analyte, before its value
    ahead = [p for p in cues if text[p - 2:p + 1].lower() in _ANALYTE_CUES]
    for positions, after in ((cues, 10), (ahead, 30)):
        for m in _around(_LIMITED_RE, text, positions, 60, after):
            if m.start("v") in judged:
                continue
            v = _limited(text, m)
            if v is not None:
                judged.add(m.start("v"))
                out.append(v)
            elif normal_counts is not None:
                v = _banded(text, m)
                if v is not None:
                    judged.add(m.start("v"))
                    normal_counts.append(v)
    for m in _around(_TIMES_RE, text, cues, 40, 40):
        times = _num(m.group("v"))
        if times > 1:
            v = _value(text, m.start(), m.end(), "high", times, None, None)
            if v is not None:
                out.append(v)
    out.sort(key=lambda v: (v.start, v.end))
    return out


def _named(text: str, v: LabValue) -> LabValue:
    """``v`` with the usual name of its analyte where its last words are one of
    :data:`ANALYTE_NAMES` ("Hb 8.9 g/dL (low)": "hemoglobin", "WCC 1.2 ↓": "white blood
    cell count"), its evidence starting there."""
    words = list(re.finditer(r"\S+", text[v.start:v.analyte_end]))
    for k in range(min(len(words), 3), 0, -1):
        a = v.start + words[-k].start()
        name = ANALYTE_NAMES.get(" ".join(text[a:v.analyte_end].lower().split()))
        if name in _SUBSET_COUNTS and (k < len(words) or "%" in text[v.analyte_end:v.end]):
            continue  # "naive CD4+ T cells 12% (low)" is another subset, and a share is no count
        if name is not None and ((name == "creatinine" and text[a - 1:a] in (":", "/")) or (
                k < len(words) and words[-k - 1].group().lower() in _OTHER_SPECIMENS)):
            return v  # a ratio's denominator ("protein:Cr"), or another specimen's ("Urine Na 10 (20–40)")
        if name is not None:
            return LabValue(a, v.end, v.analyte_end, v.direction, v.value, v.low, v.high, analyte=name)
    return v


#: a bracket that holds a number (a range, a day, another value), a judgement of its own
#: ("(normal for a neonate)", "(NR)"), or is not closed nearby
_NUMBER_IN_BRACKET = re.compile(
    r"[(\[](?![^)\]\n]{0,80}[)\]])|[(\[][^)\]\n]{0,80}?(?:\d|(?i:\b(?:normal|nl|nr|wnl|within"
    r"|expected|ref\w*|range|high|low|raised|elevated|reduced|decreased)\b))")


def _measured(text: str, m: re.Match) -> tuple[str, float] | None:
    """The analyte's name and the value of ``m`` (:data:`_LIMITED_RE`) in the unit of its
    :data:`LIMITS`, or None (another unit or specimen, a bracket or an interval after it)."""
    after = text[m.end():m.end() + 12].lstrip()
    bracket = after[:1] in ("(", "[") and _NUMBER_IN_BRACKET.match(text, text.find(after[0], m.end()))
    if after[:1] in ("-", "–", "—") or after[:2].lower() == "to" or bracket:
        # "1.9 mmol/L (day 3)", "8.9–10.2 g/dL": not judged alone; a bracket of words is
        # a comment ("plt 78 x10^9/L (analyser, no clumps on film)")
        return None
    name, units, _, _ = LIMITS[" ".join(m.group("a").lower().split())]
    if _NOT_SERUM_RE.search(text, max(0, m.start("a") - 16), m.start("a")):
        return None  # the limits are serum's: "urine sodium 10 mmol/L", "ionised calcium 1.15 mmol/L"
    unit = (m.group("unit") or "").lower().replace(" ", "").replace("μ", "µ").replace("iu/", "u/")
    factor = units.get(unit.translate(_SUPERSCRIPTS))  # "× 10⁹/L" is "x109/l"
    if factor is None:
        return None
    return name, _num(m.group("v")) * factor


def _limited(text: str, m: re.Match) -> LabValue | None:
    """The value of ``m`` (:data:`_LIMITED_RE`) beyond its analyte's :data:`LIMITS`, or None
    (another unit, a value within the limits, a bracket or an interval after it)."""
    measured = _measured(text, m)
    if measured is None:
        return None
    name, value = measured
    _, _, low, high = LIMITS[" ".join(m.group("a").lower().split())]
    if low is not None and value < low:
        direction = "low"
    elif high is not None and value > high:
        direction = "high"
    else:
        return None
    return LabValue(m.start("a"), m.end(), m.end("a"), direction, _num(m.group("v")), None, None, analyte=name)


#: blood counts, and the band within which a value is normal at every age after the first
#: weeks of life and in every laboratory's range (platelets 150–400 × 10^9/L; neutrophils
#: 2.0–7.0, below the newborn's and above the lower limits of benign ethnic neutropenia;
#: white cells 5.0–10.0): a count there, unflagged, excludes both of its ends, as "platelet
#: count normal" does
NORMAL_BANDS: dict[str, tuple[float, float]] = {"platelet count": (150.0, 400.0), "neutrophil count": (2.0, 7.0),
                                                "white blood cell count": (5.0, 10.0)}


def find_normal_counts(text: str, cues: list[int] | None = None) -> list[LabValue]:
    """The blood counts of ``text`` within their :data:`NORMAL_BANDS` and with no range or
    flag of their own ("platelets 241 × 10^9/L", "WCC 6.4", "ANC 3.1"), as values of
    direction "normal", in order; ``cues`` as for :func:`find_lab_values`."""
    out: list[LabValue] = []
    find_lab_values(text, cues, out)
    return sorted(out, key=lambda v: (v.start, v.end))


def _banded(text: str, m: re.Match) -> LabValue | None:
    """The count of ``m`` (:data:`_LIMITED_RE`) where it lies within its :data:`NORMAL_BANDS`
    with no flag after it, as a value of direction "normal"; else None."""
    if _FLAG_AFTER_RE.match(text, m.end()):
        return None  # ("plt 420 (H)")
    measured = _measured(text, m)
    if measured is None or measured[0] not in NORMAL_BANDS:
        return None
    low, high = NORMAL_BANDS[measured[0]]
    if not low <= measured[1] <= high:
        return None
    return LabValue(m.start("a"), m.end(), m.end("a"), "normal", _num(m.group("v")), None, None, analyte=measured[0])


#: a laboratory's flag right after a value ("(H)", "(low)", " ↑", " - low")
_FLAG_AFTER_RE = re.compile(r"\s*(?:[(\[]\s*(?:H|L|HH|LL|high|low|raised|reduced|abnormal)\s*[)\]]|[↑↓]"
                            r"|[-–,]\s*(?:high|low|raised|reduced)\b)", re.IGNORECASE)


def _value(text, start, end, direction, value, lo, hi) -> LabValue | None:
    """The statement ending at ``end`` whose value starts at ``start``, with the words
    before the value that may name its analyte; None where no such words are there."""
    lo_win = max(0, start - _ANALYTE_WINDOW)
    before = text[lo_win:start]
    link = _LINK_RE.search(before)
    a_end = lo_win + (link.start() if link else len(before))
    stops = list(_ANALYTE_STOP.finditer(text, lo_win, a_end))
    a_start = stops[-1].end() if stops else lo_win
    if not stops and lo_win > 0:
        while a_start < a_end and text[a_start - 1].isalnum():
            a_start += 1  # the window began inside a word
    while a_start < a_end and not text[a_start].isalnum():
        a_start += 1
    if a_start >= a_end:
        return None
    return _named(text, LabValue(a_start, end, a_end, direction, value, lo, hi))
