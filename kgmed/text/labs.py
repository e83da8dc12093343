"""Laboratory values judged against the reference range the text gives.

Case reports and clinical notes state results as numbers: "creatine kinase 2,500 U/L
(normal < 200)", "ammonia 180 µmol/L (reference 11–32)", "ALT 10 times the upper limit of
normal". A curator records *Elevated circulating creatine kinase concentration*,
*Hyperammonemia*, *Elevated circulating alanine aminotransferase concentration*.
:func:`find_lab_values` reads such a statement only where the text itself says what is
normal, so no table of reference ranges (which depend on age, sex, method and laboratory)
is needed and none is guessed:

* a reference range or limit in brackets right after the value: ``(normal < 200)``,
  ``(reference range 11–32 µmol/L)``, ``(N: 0.5–2.2)``, ``[ref. > 4.0]``, or a bare range
  ``(0.5–2.2)`` where the value carries a unit; or after a comma with its label
  ("creatinine 250 µmol/L, normal 45–90");
* a multiple of the upper limit of normal: "10 times the upper limit of normal",
  "5× ULN", "20-fold the normal".

A value above the range is *high*, below it *low*; a value within it, or on the side a
one-sided limit does not bound, gives nothing (it is not read as an excluded finding).
Which term a high or low analyte is, the recognizer decides with the dictionary: "high" +
the analyte's words must be an HPO name ("increased lactate" → *Increased circulating
lactate concentration*, "low sodium" → *Hyponatremia*), so only analytes HPO has a term
for are read. This module finds the statements; it knows no analyte.

Example::

    >>> text = "Creatine kinase was 2,500 U/L (normal < 200)."
    >>> [(text[v.start:v.analyte_end], v.direction, v.value) for v in find_lab_values(text)]
    [('Creatine kinase', 'high', 2500.0)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["LabValue", "find_lab_values", "LAB_CUES"]

#: cue substrings of the lower-cased text, one of which every statement contains
LAB_CUES = ("normal", "ref", "uln", "upper limit", "(n", "[n", "(nr", "(rr", "/l", "/dl", "/ml", "mmol", "mol/")


@dataclass(frozen=True)
class LabValue:
    """A laboratory value outside its stated range: ``text[start:end]`` is the evidence,
    from the words before the value that may name the analyte (``text[start:analyte_end]``;
    the recognizer finds the analyte among their last words) to the range; ``direction``
    is ``"high"`` or ``"low"``."""

    start: int
    end: int
    analyte_end: int
    direction: str
    value: float
    low: float | None
    high: float | None


_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_UNIT = (r"(?:[%‰]|(?:[×x]\s?10\^?\d+|[a-zA-Zµμ]{1,6})(?:\s?/\s?(?:\d{0,3}\s?)?[a-zA-Zµμ]{1,6}(?:\^?\d)?)?"
         r"(?:\s?/\s?[a-zA-Z]{1,3})?)")
_LABEL = (r"(?:normal|reference|ref\.?|N|NR|RR|ULN)(?:\s+(?:range|values?|interval|limits?))?"
          r"(?:\s+(?:for\s+age|for\s+(?:his|her)\s+age))?\s*[:=,]?\s*")
_LT = r"<=|<|≤|up\s+to|below|less\s+than|under"
_GT = r">=|>|≥|above|greater\s+than|more\s+than|over"
_RANGE = (rf"(?:(?P<lt>{_LT})\s*(?P<hi1>{_NUM})|(?P<gt>{_GT})\s*(?P<lo1>{_NUM})"
          rf"|(?P<lo>{_NUM})\s*(?:-|–|—|to)\s*(?P<hi>{_NUM}))")
_VALUE_RANGE_RE = re.compile(
    rf"(?<![\w.,])(?P<v>{_NUM})(?:\s?(?P<unit>{_UNIT}))?\s*"
    # "(normal < 200)", "(0.5–2.2)", or after a comma with a label: ", normal 45–90"
    rf"(?:(?P<open>[(\[])\s*(?P<label>{_LABEL})?|[,;]\s*(?P<label2>{_LABEL})){_RANGE}"
    rf"(?:\s?{_UNIT})?(?(open)\s*[)\]])",
)
_TIMES_RE = re.compile(
    rf"(?<![\w.,])(?P<v>{_NUM})\s*(?:[×x]|times|-?\s?fold)\s+(?:(?:above|over|higher\s+than)\s+)?(?:the\s+)?"
    r"(?:ULN|upper\s+(?:limit|level)\s+of\s+(?:the\s+)?normal(?:\s+range)?|upper\s+normal\s+limit|normal)\b",
    re.IGNORECASE,
)
#: words between an analyte and its value ("CK *was elevated at* 2,500", "ammonia *level of* 180")
_LINK_RE = re.compile(
    r"(?:\s*(?:[:=]|\b(?:was|were|is|are|of|at|to|level|levels|concentration|concentrations|activity|activities"
    r"|value|values|measured|reached|up|elevated|increased|raised|high|decreased|reduced|low|markedly"
    r"|mildly|severely|significantly)\b))*\s*$",
    re.IGNORECASE,
)
#: where the words naming an analyte stop, going back from the value
_ANALYTE_STOP = re.compile(r"[.;:!?,()\[\]]|\b(?:and|with|but|while|whereas|the|a|an|his|her|their)\b"
                           r"|(?<![\w-])\d+(?:[.,]\d+)?(?![\w-])", re.IGNORECASE)
_ANALYTE_WINDOW = 60


def _num(s: str) -> float:
    return float(s.replace(",", ""))


def find_lab_values(text: str, cues: list[int] | None = None) -> list[LabValue]:
    """The laboratory values of ``text`` outside the range it states (module docs), in order.

    ``cues`` are the positions of :data:`LAB_CUES` in ``text`` (from
    :func:`kgmed.text.measurements.find_cues`, key ``"lab"``); each statement is looked
    for only around them, so time stays linear in the text.
    """
    from kgmed.text.measurements import _around, find_cues

    if cues is None:
        cues = find_cues(text).get("lab", [])
    if not cues:
        return []
    out: list[LabValue] = []
    for m in _around(_VALUE_RANGE_RE, text, cues, 80, 40):
        value = _num(m.group("v"))
        if m.group("label") is None and m.group("label2") is None and not m.group("unit"):
            continue  # "(0.5–2.2)" is a reference range only after a value with a unit
        lo = _num(m.group("lo") or m.group("lo1")) if (m.group("lo") or m.group("lo1")) else None
        hi = _num(m.group("hi") or m.group("hi1")) if (m.group("hi") or m.group("hi1")) else None
        if lo is not None and hi is not None and lo >= hi:
            continue  # not a range
        if hi is not None and value > hi:
            direction = "high"
        elif lo is not None and value < lo:
            direction = "low"
        else:
            continue
        v = _value(text, m.start(), m.end(), direction, value, lo, hi)
        if v is not None:
            out.append(v)
    for m in _around(_TIMES_RE, text, cues, 40, 40):
        times = _num(m.group("v"))
        if times > 1:
            v = _value(text, m.start(), m.end(), "high", times, None, None)
            if v is not None:
                out.append(v)
    out.sort(key=lambda v: (v.start, v.end))
    return out


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
    return LabValue(a_start, end, a_end, direction, value, lo, hi)
