"""Autoantibody results as notes write them: "ANA -ve", "anti-Ro and anti-La negative",
"TRAb +ve", "aCL IgG -ve", "Anti-dsDNA 420 IU/mL (positive)", "c-ANCA not detected",
"positive for anti-Ro (SS-A)".

HPO names a positive autoantibody "Anti-X antibody positivity"; a note names the antibody,
often by an acronym, and gives its result. :func:`find_antibody_results` finds each
antibody whose result a result word states, going back from the word over a list of
antibodies ("ANA, anti-Ro, anti-La and aCL IgG were all negative", "ANA/dsDNA -ve") or
forward from "positive for" / "negative for". An antibody named with no result ("anti-Ro
testing was sent", "ANA pending") is not read here. :class:`AntibodyTable` knows the
antibodies: every term whose label is "Anti… antibody (positivity)" by the words of its
label (an isotype apart: "Anticardiolipin IgG antibody positivity"), and the acronyms and
short names of :data:`ALIASES`.

Example::

    >>> table = AntibodyTable([(0, "Antinuclear antibody positivity"), (1, "Anti-Ro/SS-A antibody positivity")])
    >>> [(r.row, r.positive) for r in find_antibody_results("Autoab: ANA -ve, anti-SSA/Ro +ve.", table)]
    [(0, False), (1, True)]
"""

from __future__ import annotations

import re
from typing import Iterable, NamedTuple

__all__ = ["AntibodyTable", "AntibodyResult", "find_antibody_results", "ALIASES"]

#: acronyms and short names of antibodies → the words of the label HPO gives them (without
#: "antibody positivity"); an acronym is read only as written here, in capitals or not
ALIASES: dict[str, str] = {
    **dict.fromkeys(("ANA", "antinuclear"), "Antinuclear"),
    **dict.fromkeys(("ANCA",), "Antineutrophil"),
    **dict.fromkeys(("c-ANCA", "cANCA", "C-ANCA", "cytoplasmic ANCA"), "Cytoplasmic antineutrophil"),
    **dict.fromkeys(("p-ANCA", "pANCA", "P-ANCA", "perinuclear ANCA"), "Perinuclear antineutrophil"),
    **dict.fromkeys(("MPO-ANCA", "MPO", "anti-MPO"), "Anti-myeloperoxidase"),
    **dict.fromkeys(("anti-PR3", "PR3", "PR3-ANCA"), "Anti-proteinase 3"),
    **dict.fromkeys(("dsDNA", "ds-DNA", "anti-dsDNA", "anti-ds-DNA", "anti-DNA"), "Anti-dsDNA"),
    **dict.fromkeys(("aCL", "ACL", "anticardiolipin", "anti-cardiolipin", "cardiolipin"), "Anticardiolipin"),
    **dict.fromkeys(("β2GP1", "β2GPI", "β2-GPI", "β2-GP1", "B2GP1", "B2GPI", "beta-2-GPI", "beta2GPI",
                     "beta-2-glycoprotein I", "beta-2 glycoprotein I", "β2-glycoprotein I", "beta2-glycoprotein I",
                     "anti-β2GPI", "anti-β2GP1", "anti-B2GPI", "anti-β2-glycoprotein I"),
                    "Anti-beta 2 glycoprotein I"),
    **dict.fromkeys(("tTG", "TTG", "anti-tTG", "tissue transglutaminase", "tTG-IgA", "TTG-IgA", "anti-tTG-IgA"),
                    "Anti-tissue transglutaminase"),
    **dict.fromkeys(("EMA", "anti-EMA", "endomysial", "anti-endomysial"), "Anti-endomysial"),
    **dict.fromkeys(("TRAb", "TRAB", "TSHR", "TSH receptor", "TSI", "anti-TSHR"),
                    "Anti-thyroid-stimulating hormone receptor"),
    **dict.fromkeys(("TPO", "anti-TPO", "thyroid peroxidase", "TPOAb", "TPO-Ab"), "Anti-thyroid peroxidase"),
    **dict.fromkeys(("TgAb", "Tg-Ab", "anti-Tg", "anti-thyroglobulin", "thyroglobulin"), "Anti-thyroglobulin"),
    **dict.fromkeys(("anti-Ro", "Ro", "SSA", "SS-A", "anti-SSA", "anti-SS-A", "Ro/SSA", "SSA/Ro"), "Anti-Ro/SS-A"),
    **dict.fromkeys(("anti-La", "La", "SSB", "SS-B", "anti-SSB", "anti-SS-B", "La/SSB", "SSB/La"), "Anti-La/SS-B"),
    **dict.fromkeys(("anti-Sm", "Sm"), "Anti-Sm"),
    **dict.fromkeys(("RNP", "U1-RNP", "U1RNP", "anti-RNP", "anti-U1-RNP"), "Anti-U1 ribonucleoprotein"),
    **dict.fromkeys(("Scl-70", "Scl70", "anti-Scl-70", "anti-Scl70"), "Anti-topoisomerase I"),
    **dict.fromkeys(("GAD", "anti-GAD"), "Anti-glutamic acid decarboxylase"),  # (GAD65: HPO's "Anti-GAD65 antibody")
    **dict.fromkeys(("AChR", "ACh receptor", "acetylcholine receptor", "anti-AChR"),
                    "Anti-neuromuscular Junction acetylcholine receptor"),
    **dict.fromkeys(("MuSK", "anti-MuSK"), "Anti-muscle-specific tyrosine kinase"),
    **dict.fromkeys(("AQP4", "anti-AQP4", "aquaporin-4", "aquaporin 4"), "Anti-aquaporin 4"),
    **dict.fromkeys(("MOG", "anti-MOG"), "Anti-myelin oligodendrocyte glycoprotein"),
    **dict.fromkeys(("NMDA receptor", "NMDAR", "anti-NMDAR", "anti-NMDA receptor"), "Anti-NMDA receptor"),
    **dict.fromkeys(("ASMA", "anti-smooth muscle", "smooth muscle"), "Anti-smooth muscle"),
    **dict.fromkeys(("AMA", "antimitochondrial", "anti-mitochondrial"), "Antimitochondrial"),
    **dict.fromkeys(("LKM", "LKM-1", "LKM1", "anti-LKM", "anti-LKM1", "anti-LKM-1"),
                    "Liver kidney microsome type 1"),
    **dict.fromkeys(("CCP", "anti-CCP"), "Anti-cyclic citrullinated peptide"),
    **dict.fromkeys(("ACPA",), "Anti-citrullinated protein"),
    **dict.fromkeys(("21-OH", "21-hydroxylase", "anti-21-OH", "anti-21-hydroxylase"), "Anti-21-hydroxylase"),
    **dict.fromkeys(("GBM", "anti-GBM"), "Anti-glomerular basement membrane"),
    **dict.fromkeys(("PLA2R", "anti-PLA2R"), "Anti-phospholipase A2 receptor"),
    **dict.fromkeys(("IA-2", "IA2", "anti-IA2", "anti-IA-2"), "Anti-islet antigen-2"),
    **dict.fromkeys(("ZnT8", "anti-ZnT8"), "Anti-Zinc transporter 8"),
    **dict.fromkeys(("IAA", "insulin autoantibodies"), "Anti-insulin"),
    **dict.fromkeys(("MAG", "anti-MAG"), "Anti-myelin-associated glycoprotein"),
    **dict.fromkeys(("parietal cell", "gastric parietal cell", "APCA", "anti-parietal cell"), "Antiparietal cell"),
    **dict.fromkeys(("aPL", "antiphospholipid"), "Antiphospholipid"),
    **dict.fromkeys(("LA", "lupus anticoagulant"), "Lupus anticoagulant"),
}
#: a result word: positive ("+ve", "raised") or negative ("-ve", "not detected")
_RESULT_RE = re.compile(
    r"(?<![A-Za-z])(?:(?P<pos>[+]ve|positive|pos|raised|elevated|high|detected)"
    r"|(?P<neg>-ve|negative|neg|not\s+detected|undetectable|not\s+detectable))(?![A-Za-z])",
    re.IGNORECASE)
#: "positive for" / "negative for" an antibody named after it
_FOR_RE = re.compile(r"\b(?:(?P<pos>positive)|(?P<neg>negative))\s+for\s+", re.IGNORECASE)
#: where a list of antibodies before a result stops (a sentence, a line, a heading's colon)
_STOPS = re.compile(r"[.;!?](?=\s|$)|[\n:]")
#: what separates antibodies of a list ("ANA, anti-Ro and anti-La"; "ANA/dsDNA")
_ITEM_SEPARATORS = re.compile(r",|\s+(?:and|or|&)\s+|\s*/\s*|\s+\+\s+")
#: words around an antibody's name that are not the name ("antibodies", "titre", "was", "all")
_FILLERS = frozenset(
    "antibody antibodies ab abs autoantibody autoantibodies titre titer titres titers level levels screen "
    "serology test testing result results was were is are been has have had found remains remained both all also "
    "each again repeatedly persistently strong strongly weak weakly serum the to against her his their its".split())
_NEGATORS = frozenset({"not", "never", "no"})
_ISOTYPES = ("igg", "igm", "iga", "ige")
#: a value with its unit and an opening bracket between a name and its result ("420 IU/mL (")
_VALUE_TAIL = re.compile(r"\s+(?:[<>≤≥]\s*)?\d[\d.,]*\s*(?:[^\s(),;]{1,10})?\s*\(?\s*$|\s*\(\s*$")
_MAX_BACK = 160
_MAX_ITEMS = 12


def _bare(word: str) -> tuple[str, ...]:
    """A name's last word as an item may end with it: itself, without "anti-", and each
    side of a slash ("anti-ro/ss-a": "ss-a", "ro")."""
    out = []
    for w in (word, *word.split("/")):
        out += [w, w[5:] if w.startswith("anti-") else w[4:] if w.startswith("anti") else w]
    return tuple(out)


def _key(name: str) -> str:
    """A name's key: lower case, "β" as "beta", letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", name.lower().replace("β", "beta"))


class AntibodyResult(NamedTuple):
    """One antibody and its result: ``text[start:end]`` names the antibody (the result word
    stays outside, for the context rules to see); ``row`` the term's row; ``positive`` the
    result."""

    start: int
    end: int
    row: int
    positive: bool


class AntibodyTable:
    """The antibodies of a set of terms, by the keys of their names (module docs).
    ``terms``: (row, label) pairs."""

    def __init__(self, terms: Iterable[tuple[int, str]]):
        terms_seen = [(row, label) for row, label in terms if isinstance(label, str)]
        by_key: dict[str, int] = {}
        label_re = re.compile(r"^(?P<n>.+?)[\s-]+(?:(?P<iso>Ig[GMAE]\d?)\s+)?(?:auto)?antibod(?:y|ies)"
                              r"(?:\s+positiv(?:ity|e))?$|^(?P<la>Lupus anticoagulant)$", re.IGNORECASE)
        names = list(ALIASES)  # every name's words (for :attr:`last_words`)
        for row, label in terms_seen:
            m = label_re.match(label)
            if m is None:
                continue
            name = m.group("n") or m.group("la")
            names.append(name)
            if not name.lower().startswith("anti") and name not in ALIASES.values():
                continue  # ("Platelet antibody positive", "Warm reactive autoantibody positivity")
            by_key.setdefault(_key(name) + (m.group("iso") or "").lower(), row)
        self.rows = by_key
        self.aliases = {}
        for alias, name in ALIASES.items():
            if _key(name) in by_key or any(_key(name) + iso in by_key for iso in _ISOTYPES):
                self.aliases[alias if alias[:1].isupper() and alias[1:2].isupper() else alias.lower()] = _key(name)
        # each label's own words, which an item may write without "anti" ("thyroid antibodies")
        self._plain = frozenset(k for k in by_key if not k.endswith(_ISOTYPES))
        # the last word of every name, with "anti-" and without (a cheap first test of a result's item)
        self.last_words = frozenset(w for n in names for w in _bare(n.split()[-1].lower()))

    def __len__(self) -> int:
        return len(self.rows)

    def row(self, name: str) -> int | None:
        """The term ``name`` (an item of a note, fillers removed) names, else None."""
        words = name.split()
        iso = ""
        if words and words[-1].lower() in _ISOTYPES:
            iso = words.pop().lower()
        elif words and "-" in words[-1] and words[-1].rsplit("-", 1)[1].lower() in _ISOTYPES:
            head, iso = words[-1].rsplit("-", 1)  # "tTG-IgA"
            words[-1], iso = head, iso.lower()
        if not words:
            return None
        name = " ".join(words)
        key = self.aliases.get(name) or self.aliases.get(name.lower())
        if key is None:
            k = _key(name)
            key = k if k in self._plain else "anti" + k if len(k) >= 4 and "anti" + k in self._plain else None
        if key is None:
            return None
        return self.rows.get(key + iso, self.rows.get(key))


def _items(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The (start, end) of each item of ``text[lo:hi]`` between separators, none within
    brackets ("anti-La (SS-B/La) antibodies")."""
    out, start = [], lo
    for m in _ITEM_SEPARATORS.finditer(text, lo, hi):
        opened = text.rfind("(", lo, m.start())
        if opened >= 0 and text.find(")", opened, m.start()) < 0 and 0 <= text.find(")", m.end(), hi):
            continue
        out.append((start, m.start()))
        start = m.end()
    out.append((start, hi))
    # an item after a bracket opened and not closed starts within it: "No lupus (ANA/dsDNA -ve)"
    return [(max(a, text.rfind("(", a, b) + 1) if text.rfind("(", a, b) > text.rfind(")", a, b) else a, b)
            for a, b in out]


def _clean(text: str, a: int, b: int) -> tuple[int, int, str, bool]:
    """An item's name without the fillers and brackets at its ends: (start, end, the name
    without its brackets, negated), negated where a "not" / "never" stood among the fillers
    after it ("ANA was not positive")."""
    words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\([^()]*\)|[^\s()]+", text[a:b])]
    negated = False

    def filler(w: str) -> bool:
        return w.startswith("(") or w.lower() in _FILLERS

    while words and (filler(words[-1][2]) or words[-1][2].lower() in _NEGATORS):
        negated |= words[-1][2].lower() in _NEGATORS
        words.pop()
    while words and filler(words[0][2]):
        words.pop(0)
    if not words:
        return a, a, "", negated
    name = " ".join(w for _, _, w in words if not w.startswith("("))
    return a + words[0][0], a + words[-1][1], name, negated


#: a word before a result that is no name: a filler, an isotype, a value, a bracket or a unit
_WORD_BEFORE_RE = re.compile(r"([^\s(),;:]+)[\s(),;:]*$")
_NUMBER_RE = re.compile(r"[<>≤≥]?\d[\d.,:]*")


def _may_end_a_name(text: str, end: int, last_words: frozenset) -> bool:
    """Whether the last word before ``end`` that is no filler, isotype or value may end an
    antibody's name (:attr:`AntibodyTable.last_words`)."""
    hi = end
    lo = max(0, end - 60)
    for _ in range(6):
        k = len(text[lo:hi].rstrip()) + lo
        if k > lo and text[k - 1] == ")" and text.rfind("(", lo, k) >= 0:
            hi = text.rfind("(", lo, k)  # a bracket after the name: "AChR antibodies (binding, blocking) negative"
            continue
        m = _WORD_BEFORE_RE.search(text, lo, hi)
        if m is None:
            return False
        w = m.group(1).lower()
        before = _WORD_BEFORE_RE.search(text, lo, m.start())
        if w in _FILLERS or w in _NEGATORS or w in _ISOTYPES or _NUMBER_RE.fullmatch(w) \
                or (before is not None and _NUMBER_RE.fullmatch(before.group(1))):
            hi = m.start()  # (a filler, a value, or the unit after a value: "420 IU/mL")
            continue
        if "-" in w and w.rsplit("-", 1)[1] in _ISOTYPES:
            w = w.rsplit("-", 1)[0]  # "ttg-iga"
        return any(x in last_words for x in _bare(w))
    return False


def _results(text: str, cues: list[int] | None):
    """The matches of :data:`_RESULT_RE` in ``text``, in order, found at the result words'
    cues (the last character of each, from :func:`kgmed.text.measurements.find_cues`, key
    ``"antibody"``; found here where not given): much faster than a scan of the regex."""
    if cues is None:
        from kgmed.text.measurements import find_cues

        cues = find_cues(text).get("antibody", [])
    starts = set()
    for p in cues:
        while p > 0 and (text[p - 1].isalpha() or text[p - 1] in "+-"):
            p -= 1  # the word's start
        starts.add(p)
    for p in list(starts):
        if text[p:p + 6].lower() == "detect":
            starts.update((p - 2, p - 4))  # "undetectable", "not detected"
    for p in sorted(starts):
        m = _RESULT_RE.match(text, p) if p >= 0 else None
        if m is not None and (m.group("pos") or m.group("neg")):
            yield m


def find_antibody_results(text: str, table: AntibodyTable, cues: list[int] | None = None) -> list[AntibodyResult]:
    """The antibodies of ``text`` whose result a result word states (module docs), in the
    order of the text. ``cues``: the positions of the result words (from
    :func:`kgmed.text.measurements.find_cues`, key ``"antibody"``), where known."""
    if not len(table):
        return []
    out: dict[tuple[int, int], AntibodyResult] = {}
    results = list(_results(text, cues))
    for m in results:
        positive = m.group("pos") is not None
        if positive and re.match(r"\s+for\b", text[m.end():]):
            continue  # "positive for anti-Ro": forward (below)
        if not _may_end_a_name(text, m.start(), table.last_words):
            continue  # (most result words of a text are no antibody's: a cheap first test)
        lo = max(0, m.start() - _MAX_BACK)
        stop = None
        for s in _STOPS.finditer(text, lo, m.start()):
            stop = s.end()
        lo = stop if stop is not None else lo
        hi = m.start()
        tail = _VALUE_TAIL.search(text, lo, hi)
        if tail is not None:
            hi = tail.start()  # "Anti-dsDNA 420 IU/mL (positive)"
        items = _items(text, lo, hi)
        found = []
        for a, b in reversed(items[-_MAX_ITEMS:]):
            start, end, name, negated = _clean(text, a, b)
            row = table.row(name) if name else None
            if row is None:
                break
            if found and found[-1][2] == row:
                found[-1] = (start, found[-1][1], row, found[-1][3])  # one antibody's two names: "anti-SSA/Ro"
            else:
                found.append((start, end, row, positive != negated))
        for start, end, row, pos in found:
            out.setdefault((start, row), AntibodyResult(start, end, row, pos))
    last_end: dict[int, int] = {}  # where each antibody read forward ended ("anti-Ro/SSA": one antibody)
    for m in (_FOR_RE.match(text, r.start()) for r in results if r.group("pos") or r.group("neg")):
        if m is None:
            continue
        positive = m.group("pos") is not None
        hi = min(len(text), m.end() + _MAX_BACK)
        s = _STOPS.search(text, m.end(), hi)
        hi = s.start() if s is not None else hi
        for a, b in _items(text, m.end(), hi)[:_MAX_ITEMS]:
            start, end, name, _ = _clean(text, a, b)
            row = table.row(name) if name else None
            if row is None:
                break
            if (start, row) not in out and last_end.get(row, -10) < start - 2:
                out[(start, row)] = AntibodyResult(start, end, row, positive)
                last_end[row] = end
    return sorted(out.values())
