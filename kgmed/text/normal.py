"""Statements that something was found normal: "IgG normal", "hearing and vision are
normal", "myelination was normal", "ALT was within normal limits", "hair NAD", "cranial
nerves intact", "speech was age-appropriate", "ejection fraction was preserved".

Clinical notes state an examination or a test that found nothing this way, and a curator
records the abnormality as *excluded*. :func:`find_normal_subjects` finds the subjects of
such statements; the recognizer reads each as the abnormality HPO names for it ("IgG" →
*Abnormal circulating IgG concentration*, "hair" → *Abnormal hair morphology*), with the
status *excluded*, or reads nothing where HPO has no such name.

A laboratory's flag of normal after a value ("LH 4.2 IU/L (N)", "IgE 38 IU/mL (normal)")
states the same of its analyte; "nml" and "nl" are notes' "normal"; "normally formed /
shaped / developed" is said of a part's morphology.

A dimension, a position or a spacing found normal is read as such ("the ventricles were
normal in size", "the forehead was of normal width", "the ears were normally set", "the
eyes were normally spaced"): the recognizer excludes the terms HPO names for the subject
too small and too large, too narrow and too broad, set low or high, too wide or too close
apart; a part said to be present ("the radii were present") excludes its
absence.

A statement after a comma, "and" or "but" with no subject of its own goes on its clause's:
"the ears were cup-shaped but normally set", "the ears were normally sized, normally set
and normally rotated", "Ears: cupped; normally set" (:func:`_shared_subject`), except "…;
otherwise normal", which is said of the rest.

The opposite predicate, "abnormal", is read the same way and gives the abnormality
*present* ("an EEG performed last year was abnormal", "MRI brain (2y) abnormal"): the
dictionary's order-free tier reads "the EEG was abnormal" already, but not across the
asides passed over here.

A list of analytes with one predicate of direction is read too, item by item: "lactate
and pyruvate were both elevated", "IgG, IgA, IgM and IgE not raised" (the subjects of the
*kind* "high", "low", "not high" or "not low"); a single subject with such a predicate is
left to the dictionary's order-free tier, which reads "CK was not elevated" already.

Only the predicate form is read ("X was normal"), not the attributive one ("normal X"),
which abstracts use for comparison groups ("children with normal hearing"); the clinical
lexicon's statements of absence cover the attributive forms clinicians use of a patient
("normal intelligence"). A subject is the words before the predicate back to a
punctuation mark, a determiner or a clause word; it is a list of several subjects ("IgG,
IgA and IgM were normal") only with a plural copula or none ("IgG, IgA normal"), so "she
has seizures and hearing was normal" excludes nothing but a hearing abnormality.

Example::

    >>> text = "Ix: Hb normal; IgG, IgA and IgM were normal for age; lactate and pyruvate were raised."
    >>> [(text[s.start:s.end], text[s.start:s.statement_end], s.kind) for s in find_normal_subjects(text)]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('Hb', 'Hb normal', 'normal'), ('IgG', 'IgG', 'normal'), ('IgA', 'IgA', 'normal'), ('IgM', 'IgM', 'normal'),
     ('lactate', 'lactate', 'high'), ('pyruvate', 'pyruvate', 'high')]
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from typing import NamedTuple

__all__ = ["find_normal_subjects", "NormalSubject", "NORMAL_CUES"]

#: cue substrings of the lower-cased text, one of which every statement contains
#: (a leading space: the word's start, so that "only", "below" or "flow" cost nothing)
NORMAL_CUES = ("normal", "unremarkable", "wnl", "nad", " nl", " nml", "(nml", "(n)",
               "intact", "preserved", "appropriate", " elevated", " raised", " increased", " high", " reduced", " decreased", " low",
               " present", "reference range", "ref range", "ref. range", "healthy range", "of average ", "(nl", "(wnl",
               "horizontal", "normoactive", "well positioned",
               "well placed", "unproblematic", "uneventful", "problem-free", "trouble-free", "without difficult",
               "without problem", "without any difficult", "without any problem", "patent")


class NormalSubject(NamedTuple):
    """One subject of a statement (module docs): ``text[start:end]`` the subject and
    ``text[start:statement_end]`` what the statement says of it — the whole statement for
    a single subject ("hearing was normal"), the subject alone for an item of a list.
    ``valued``: whether the predicate may be said of a measured value ("normal", "within
    normal limits"; not "intact", "preserved", "age-appropriate"). ``kind``: "normal";
    "normal size" (width, height, length, thickness, depth, calibre — "caliber" read so —,
    volume, density, velocity, fullness, girth; "dimensions" and "diameter" read as size) for a
    dimension found normal ("the ventricles were normal in size", "a forehead of normal
    width"); "normal position" ("the ears were normally set", "Ears nl set"); "normal
    spacing" ("the eyes were normally spaced"); "normal slant" ("the palpebral fissures
    were horizontal"); "normal rotation" ("ears normally rotated"); "normal arch" ("palate
    normally arched"); "normal for age" ("speech and language are age-appropriate": a
    development where there is one, else as "normal"); "intact" ("the palate is intact":
    the lexicon's own statement of it where there is one, *Cleft palate*, else as
    "normal"); "patent" ("the anus was normally sited and patent": the lexicon's own
    statement, *Anal atresia*, and nothing where there is none — "the duct was patent" is
    a finding); "abnormal" for the subject found abnormal (read present); "present" for a
    part found there ("the corpus callosum is present"); or for
    a list with a predicate of direction "high", "low", "not high" or "not low". ``said_at``: where the statement starts when its
    subject was named before it (:func:`_shared_subject`), else None."""

    start: int
    end: int
    statement_end: int
    valued: bool
    kind: str = "normal"
    said_at: int | None = None

#: the dimensions a statement finds normal (:data:`_PREDICATE_RE`'s "dim")
_DIMENSIONS = frozenset("size width breadth height length thickness depth calibre caliber volume density velocity "
                        "girth fullness amplitude dimension dimensions diameter".split())
_PREDICATE_RE = re.compile(
    r"(?P<cop>\s+(?:(?:is|was|are|were|has\s+been|have\s+been|had\s+been)\s+(?:reported|described|said|felt"
    r"|judged|considered|noted)\s+(?:as|to\s+be)"  # a report of it: "sleep was reported as normal"
    r"|is|was|are|were|remains|remained|appears|appeared|looked|looks|seemed|seems|lay|lies"
    r"|(?:has|have|had)\s+(?:been|remained)))?"
    r"(?:\s+(?:entirely|completely|totally|all|also|otherwise|again|still|essentially|globally|overall|grossly"
    r"|clinically|reportedly|broadly|largely|perfectly|always|markedly|repeatedly|consistently|persistently"
    r"|mildly|diffusely|nevertheless|nonetheless|likewise)){0,2}\s*[:=]?\s*"
    r"(?<![\w-])(?P<norm>(?:of\s+)?(?:normal|(?<=of\s)average|(?-i:nml|nl))\s+(?:in\s+)?(?:(?:vertical|horizontal)\s+)?"
    r"(?P<dim>" + "|".join(sorted(_DIMENSIONS, key=lambda w: (-len(w), w))) + ")"
    r"|(?:normally|well|(?-i:nl|nml))\s+(?P<placed>set|placed|positioned|sited|located)"
    r"|(?:normally|(?-i:nl|nml))\s+(?P<spaced>spaced)|normally\s+(?P<sized>sized)"
    r"|normally\s+(?P<rotated>rotated|oriented|angled)|normally\s+(?P<arched>arched)"
    r"|(?P<level>horizontal|horizontally\s+(?:oriented|aligned|placed))"
    r"|normally\s+(?:formed|shaped|developed|structured|configured)"
    r"|normal|(?P<abnormal>abnormal)|unremarkable|(?:with)?in\s+(?:the\s+)?(?:normal|reference|ref\.?|healthy)"
    r"\s+(?:limits|range)"
    r"|(?-i:WNL|NAD|nl|nml)"
    r"|normoactive|(?P<intact>intact)|(?P<patent>patent)|preserved|unproblematic|uneventful|problem-free|trouble-free"
    r"|without\s+(?:any\s+)?(?:difficulty|difficulties|problems?)"
    r"|(?P<for_age>(?<!bone\s)age[\s-]appropriate"
    r"|appropriate\s+for\s+(?:(?:his|her|their)\s+)?age))"
    r"(?:\s+for\s+(?:(?:his|her|their)\s+)?age)?(?![\w-])"
    # the test a sense was found normal by: "hearing intact to whispered voice"
    r"(?:\s+to\s+(?:(?:a|the)\s+)?(?:whisper(?:ed)?(?:\s+voice)?|(?:spoken\s+|normal\s+)?voice|finger\s+rubs?"
    r"|conversational\s+(?:voice|speech)|confrontation|light\s+touch|pin\s*prick)\b)?",
    re.IGNORECASE,
)
_VALUED = re.compile(r"normal(?!ly)|unremarkable|(?:with)?in\b|WNL|NAD|nl|nml", re.IGNORECASE)
#: a value its laboratory flags as normal ("LH 4.2 IU/L (N)", "IgE 38 IU/mL (normal)", "CK 112
#: U/L (within normal limits)") or a comma calls so where the clause ends there ("oestradiol
#: 96 pmol/L, also normal.", "creatine kinase 142 U/L, within the normal range"; not "CK
#: 800 U/L, normal range < 200", "Hb 85 g/L, normal MCV")
_NORMAL_VALUE_RE = re.compile(
    r"(?<![\w.,])\d+(?:[.,]\d+)?(?:\s?[^\s(),;]{1,12})?\s*"
    r"(?:\((?:(?-i:N)|normal|nml|nl|wnl|within\s+(?:the\s+)?(?:normal|reference)\s+(?:limits|range))\)"
    r"|,\s+(?:also\s+)?(?:within\s+(?:the\s+)?(?:normal|reference|healthy)\s+(?:limits|range)|normal|(?-i:nl|nml|WNL))"
    r"(?=\s*(?:[.;,)\n]|$|for\s+age\b)))",
    re.IGNORECASE,
)
_DIGIT_RE = re.compile(r"\d")
#: words between an analyte and its value ("creatine kinase was 142 U/L, within …")
_VALUE_LINK_RE = re.compile(r"\s+(?:was|were|is|are|of|at)\s+$", re.IGNORECASE)
#: what ends a note's item after "present" without a copula
_ITEM_END = r"\s*(?:[.;,+\n]|$|bilat(?:erally)?\b|on\s+(?:\w+\s+)?(?:US|USS|MRI|CT|XR|X-ray|radiographs?|imaging|echo)\b)"
#: a part found present: after a copula ("the radii were present"), or as a note's item
#: that ends there ("Septum pellucidum present.", "thumbs present + opposable", "optic nerves
#: present bilat")
_PRESENCE_RE = re.compile(
    r"(?:(?P<cop>\s+(?:is|was|are|were|has\s+been|have\s+been|had\s+been))(?:\s+(?:all|both|also|still))?"
    r"\s+present(?![\w-])"
    r"|(?<=[A-Za-z])\s+present(?=" + _ITEM_END + "))",
    re.IGNORECASE,
)
#: an item whose "present" is denied or said of one side only: no statement of presence
_ONE_SIDED_OR_DENIED = re.compile(r"\b(?:no|not|without|neither|nor|none|left|right|L|R|one|either)\b", re.IGNORECASE)
#: "present" ending a note's item (tested at a cue before the search)
_ITEM_PRESENT_RE = re.compile("present" + _ITEM_END, re.IGNORECASE)
#: last three letters of the cues of direction, and what must come before them
_DIRECTION_ENDINGS = frozenset({"ted", "sed", "ced", "igh", "low"})
_DIRECTION_COPULAS = (" are ", " were ", " been ", " remained ", " not ")
_PRESENCE_COPULAS = (" is ", " was ", " are ", " were ", " been ")
#: a predicate of direction said of a list ("… were both elevated", "… not raised")
_DIRECTED_RE = re.compile(
    r"(?:(?P<cop>\s+(?:are|were|have\s+been|had\s+been|remained))"
    r"(?:\s+(?:both|all|also|each|again|still|markedly|mildly|moderately|significantly|persistently))*"
    r"\s+(?P<neg>not\s+)?|\s+(?P<neg2>not\s+))"
    r"(?:(?P<high>elevated|raised|increased|high)|(?P<low>reduced|decreased|low))(?![\w-])",
    re.IGNORECASE,
)
#: a distance of the face found normal, which notes write before its noun ("normal
#: interpupillary distance"): both of its ends excluded, as the predicate form does; the
#: attributive form of other subjects is not read (module docs)
_NORMAL_DISTANCE_RE = re.compile(
    r"\bnormal\s+(?P<s>(?:inter-?pupillary|inter-?canthal|inner\s+canthal)\s+distance"
    r"|(?:(?-i:PF)|palpebral\s+fissure)\s+length)\b",
    re.IGNORECASE)
#: a part that a note calls normally formed before its noun ("a normally formed corpus
#: callosum", "two normally formed eyes"): its morphology excluded, as the predicate form
#: does; not a part that is "small but normally formed" (its size is the finding); and one
#: called abnormally formed ("abnormally formed kidneys"), its morphology present
_NORMALLY_FORMED_RE = re.compile(
    r"(?<!\bbut\s)(?<!\bthough\s)\b(?P<ab>ab)?normally\s+(?:formed|shaped|structured)\s+"
    r"(?P<s>[a-z][a-z-]*(?:\s+(?!(?:and|or|with|without|of|but|in|on|at|along|rather|that|which|to|for|was|were|is"
    r"|are|bilaterally)\b)[a-z][a-z-]*){0,2})",
    re.IGNORECASE)
#: eyes that a note calls normally spaced before its noun ("normally spaced eyes without
#: ptosis"), or whose spacing it calls normal ("eye spacing normal"): both ends of their
#: spacing excluded, as "the eyes were normally spaced" does
_NORMALLY_SPACED_RE = re.compile(r"\bnormally\s+spaced\s+(?P<s>eyes)\b|\b(?P<s2>eye)\s+spacing\s+(?:is\s+|was\s+)?"
                                 r"(?:normal|(?-i:nl|nml))\b", re.IGNORECASE)
#: a size at birth found normal: "appropriate for gestational age" (neither small nor large
#: for it; not of the placenta, nor where its sentence names a size at birth)
_GESTATION_RE = re.compile(r"\bappropriate\s+for\s+(?P<ga>gestational\s+age)\b", re.IGNORECASE)
#: a size at birth stated in the same sentence, which the statement would contradict ("weight
#: appropriate for gestational age but length small for gestational age")
_BIRTH_SIZE_RE = re.compile(r"\b(?:SGA|LGA|IUGR|FGR|(?:small|large)\s+for\s+(?:gestational\s+age|dates))\b", re.IGNORECASE)
#: words that may follow the predicate ("hearing normal on audiogram"); any other word
#: after "normal" makes it attributive ("was normal hearing")
_FOLLOWERS = frozenset(
    "on at for in and but with without except apart throughout bilaterally so too as by after before during while "
    "whereas although though since when then again also overall today now initially subsequently previously "
    "thereafter later b/l bilat ou and/or per".split()
)
#: words that end a subject going back from the predicate
_STOP_WORDS = frozenset(
    "the a an his her their its this that these those both which who whom whose whereas while although though but "
    "with without no not nor never showed shows revealed reveals demonstrated was were is are had has have been be "
    "if when whether than then also otherwise however since because after before during there here where "
    "of on in at for by from to as she he they it we normal unremarkable nad wnl nl nml intact preserved "
    "- – — -> →".split()  # (a dash between a test and its result: "repeat audiology – hearing normal")
)
#: a subject after these is the complement of another noun ("the volume of the red cells",
#: "the spacing between the teeth", "hearing in both ears", "tone in the limbs"): the
#: statement is not about it
_OF = frozenset({"of", "between", "in", "on"})
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "this", "these", "those", "both"})
#: copulas that a list of subjects may take (past tenses serve both numbers)
_PLURAL_COPULAS = frozenset({"are", "were", "have been", "remained", "appeared", "looked", "seemed"})
#: (a ratio to creatinine is one word: "urine protein:creatinine ratio", "albumin/creatinine ratio")
_WORD_RE = re.compile(r"[^\s,;:.!?()\[\]/&]+(?:[:/]creatinine\b)?", re.IGNORECASE)
#: a subject that names one side
_SIDE_RE = re.compile(r"(?:left|right|L|R)\b", re.IGNORECASE)
_MAX_WORDS = 10
#: what ends the clause before a statement with no subject of its own ("the ears were
#: normally sized, | normally set", "low-set but | normally rotated", "… and | of normal length")
_ELLIPTICAL_RE = re.compile(r"(?:[,;]|\b(?:and|but))\s*$", re.IGNORECASE)
#: first words of the copulas that a list of subjects may take ("are", "were", "have been")
_PLURAL_COPULA_WORDS = frozenset({"are", "were", "have"})
_COPULA_RE = re.compile(r"\s(?:is|are|was|were|(?:has|have|had)\s+been)\s(?!being\b)", re.IGNORECASE)
#: a note's line that starts with its subject ("- Ears: cupped; normally set")
_HEADING_RE = re.compile(r"\s*(?:[-*\u2022]\s*)?(?P<subject>[A-Za-z][A-Za-z -]{0,30}?)\s*:")


#: words between a subject and its predicate that belong to neither: a time ("her hearing
#: test last month was normal", "ABR at 4 months was normal", "audiology testing this year
#: normal", "EEG 03/24: abnormal"), an aside between commas ("her intellect, however, is
#: normal") or brackets ("EEG (awake + sleep) normal"), a pronoun of emphasis ("the fingers
#: themselves are of normal length"), or how the test was done ("an EEG
#: performed in adolescence was abnormal", "the EEG recorded at diagnosis was abnormal")
_INTERPOSED_RE = re.compile(
    r"(?:\s*,\s*(?:however|though|too|also|in\s+contrast|by\s+contrast|similarly)\s*,?|\s+(?:themselves|itself)"
    r"|\s*\([^(),\n]{1,40}\)|\s+\d{1,2}/\d{2,4}"
    r"|\s+(?:performed|recorded|done|obtained|arranged|undertaken|carried\s+out|repeated)"
    r"(?:\s+(?:by|under|for|at|in|during|on|over|between)\s+(?:(?:the|a|an|his|her|their)\s+)?[\w-]+"
    r"(?:\s+[\w-]+){0,2})?"
    r"|\s+(?:(?:at|in|during|from|by)\s+(?:(?:the\s+)?age\s+(?:of\s+)?)?(?:\d+(?:\.\d+)?\s*(?:years?|yrs?|y|months?|mo"
    r"|weeks?|days?)(?:\s+of\s+age)?|infancy|childhood|adolescence|adulthood"
    r"|(?:this|that|the\s+last|the\s+previous)\s+(?:admission|visit|review))"
    r"|(?:last|this|that)\s+(?:week|month|year|summer|winter|spring|autumn|visit)"
    r"|(?:(?:\d+|a|two|three|a\s+few)\s+)?(?:years?|months?|weeks?)\s+ago"
    r"|(?:at|on)\s+(?:diagnosis|presentation|admission|onset|follow-up|discharge)))+\s*$",
    re.IGNORECASE,
)


#: a subject's "at birth", which the subject keeps (:func:`_subjects`)
_AT_BIRTH_RE = re.compile(r"\s+at\s+birth\s*$", re.IGNORECASE)


def find_normal_subjects(text: str, cues: list[int] | None = None) -> list[NormalSubject]:
    """The subjects of the statements of normality and of the lists with a predicate of
    direction in ``text`` (module docs), in order (see :class:`NormalSubject`).
    ``cues`` are the positions of :data:`NORMAL_CUES` (from
    :func:`kgmed.text.measurements.find_cues`, key ``"normal"``)."""
    from kgmed.text.measurements import _around, find_cues

    if cues is None:
        cues = find_cues(text).get("normal", [])
    # a cue of direction ("… were elevated") or of presence ("… was present") counts only
    # after a copula or "not": abstracts use these words everywhere else
    directed, present, stated = [], [], []
    for p in cues:
        end = text[p - 2:p + 1].lower()
        if end in _DIRECTION_ENDINGS:
            if any(c in text[max(0, p - 45):p].lower() for c in _DIRECTION_COPULAS):
                directed.append(p)
        elif end == "ent" and text[p - 6:p + 1].lower() == "present":
            if any(c in text[max(0, p - 30):p].lower() for c in _PRESENCE_COPULAS) \
                    or _ITEM_PRESENT_RE.match(text, p - 6) is not None:
                present.append(p)
        else:
            stated.append(p)
    out: list[NormalSubject] = []
    anchors: list[tuple[int, int]] = []  # the subjects of statements so far, in order
    for m in _around(_PRESENCE_RE, text, present, 30, 24):
        if _attributive(text, m.end()):
            continue  # "present day"; "were present in 3 patients" reads on ("in" follows)
        cop = " ".join((m.group("cop") or "").lower().split())
        subjects = _subjects(text, m.start(), not cop or cop in _PLURAL_COPULAS)
        if not cop and subjects and _ONE_SIDED_OR_DENIED.search(
                text, max([0] + [text.rfind(c, 0, subjects[0][0]) + 1 for c in ".;:,\n"]), subjects[0][1]):
            continue  # "no septum pellucidum present", "right kidney present" (the left absent)
        out += _statement(subjects, m.end(), False, "present")
        anchors += subjects  # (in text order: the presence statements come first)
    for m in _around(_DIRECTED_RE, text, directed, 40, 12):
        negated = bool(m.group("neg") or m.group("neg2"))
        subjects = _subjects(text, m.start(), True)
        if len(subjects) > 1:
            kind = ("not " if negated else "") + ("high" if m.group("high") else "low")
            out.extend(NormalSubject(a, b, b, True, kind) for a, b in subjects)
    # "(N)", "(normal)", "(within normal limits)", ", within the normal range": a value's flag
    flagged = [p for p in stated if ")" in text[p:p + 9]
               or ("," in text[max(0, p - 30):p] and _DIGIT_RE.search(text, max(0, p - 45), p) is not None)]
    for m in _around(_NORMAL_VALUE_RE, text, flagged, 60, 12):
        link = _VALUE_LINK_RE.search(text, max(0, m.start() - 16), m.start())
        subjects = _subjects(text, link.start() if link else m.start(), False)
        if subjects:
            out.append(NormalSubject(*subjects[0], m.end(), True, "normal"))
    for m in _around(_NORMAL_DISTANCE_RE, text, stated, 8, 40):
        out.append(NormalSubject(m.start("s"), m.end("s"), m.end(), True, "normal", m.start()))
    for m in _around(_NORMALLY_SPACED_RE, text, stated, 30, 30):
        g = "s" if m.group("s") else "s2"  # ("eye spacing normal": the eyes' spacing)
        out.append(NormalSubject(m.start(g), m.end(g), m.end(), False, "normal spacing", m.start()))
    for m in _around(_NORMALLY_FORMED_RE, text, stated, 10, 60):
        out.append(NormalSubject(m.start("s"), m.end("s"), m.end(), False, "abnormal" if m.group("ab") else "normal",
                                 m.start()))
    for m in _around(_GESTATION_RE, text, stated, 20, 40):
        lo = max([0] + [text.rfind(c, 0, m.start()) + 1 for c in ".\n"])
        hi = min([len(text)] + [k for k in (text.find(c, m.end()) for c in ".\n") if k >= 0])
        if _BIRTH_SIZE_RE.search(text, lo, hi) is None and "placent" not in text[lo:m.start()].lower():
            out.append(NormalSubject(m.start("ga"), m.end("ga"), m.end(), False, "normal size"))
    for m in _around(_PREDICATE_RE, text, stated, 40, 30):
        if _attributive(text, m.end()):
            continue  # "was normal hearing": attributive; "normal or low", "normal: 125–143°"
        cop = " ".join((m.group("cop") or "").lower().split())
        subjects = _subjects(text, m.start(), not cop or cop in _PLURAL_COPULAS)
        valued = (_VALUED.match(m.group("norm")) is not None or bool(m.group("abnormal"))) and not m.group("dim")
        dim = (m.group("dim") or "").lower().replace("caliber", "calibre").replace("breadth", "width")
        if dim.startswith(("dimension", "diameter")):
            dim = "size"  # "an aortic root of normal dimensions"
        kind = ("normal " + dim if dim else "normal size" if m.group("sized") else "normal position"
                if m.group("placed") else "normal spacing" if m.group("spaced") else "normal slant"
                if m.group("level") else "normal rotation" if m.group("rotated") else "normal arch"
                if m.group("arched") else "normal for age" if m.group("for_age") else "intact" if m.group("intact")
                else "patent" if m.group("patent")
                else "abnormal" if m.group("abnormal") else "normal")
        said_at = None
        gap = _ELLIPTICAL_RE.search(text, max(0, m.start() - 6), m.start())
        if gap is not None and (not cop or gap.group().strip().isalpha()) \
                and "otherwise" not in m.group().lower():
            # "the ears were normally sized, | normally set": the clause's subject (not a
            # list's copula: "lactate and pyruvate, were all normal"; not the rest of
            # something: "thin corpus callosum; otherwise normal")
            shared = _shared_subject(text, m.start(), anchors)
            if shared:
                subjects, said_at = shared, m.start() + len(m.group("cop") or "")
        if kind == "normal slant" and any(_SIDE_RE.match(text, a) for a, _ in subjects):
            continue  # one side's fissure: "the right palpebral fissure was horizontal and the left downslanting"
        out += _statement(subjects, m.end(), valued, kind, said_at)
        if said_at is None:
            for subject in subjects:
                insort(anchors, subject)
    out.sort(key=lambda s: (*s[:5], -1 if s.said_at is None else s.said_at))
    return out


def _attributive(text: str, end: int) -> bool:
    """Whether the predicate ending at ``end`` goes on into a noun phrase or a label (a
    word after it that is none of :data:`_FOLLOWERS`, or a colon before a value: "normal:
    125–143°"; not one before words, which say how: "development was normal: she sat,
    walked and talked at the expected ages")."""
    nxt = re.match(r"[^\S\n]*([A-Za-z]+(?:/[A-Za-z]+)?|:(?!\s*[a-z]))", text[end:end + 30])  # (a note's next
    # line is no noun phrase of its own: "lumbar lordosis normal\nResp: …")
    return nxt is not None and nxt.group(1).lower() not in _FOLLOWERS


def _statement(subjects: list[tuple[int, int]], end: int, valued: bool, kind: str,
               said_at: int | None = None) -> list[NormalSubject]:
    """One statement's subjects: a single one with the whole statement (up to ``end``),
    the items of a list each alone."""
    if len(subjects) == 1:
        return [NormalSubject(*subjects[0], end, valued, kind, said_at)]
    return [NormalSubject(a, b, b, valued, kind) for a, b in subjects]


def _shared_subject(text: str, start: int, anchors: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The subjects of the clause a statement starting at ``start`` after a comma, "and"
    or "but" goes on (:data:`_ELLIPTICAL_RE`): the nearer of the subject of the last
    statement in its sentence (``anchors``, the subjects found so far, sorted: "ears
    normally set, | normally rotated") and the subjects before the sentence's last copula
    ("the ears were cup-shaped but | normally set", "hearing and vision have been checked
    and | are normal"), or, in neither, the heading its line starts with ("Ears: cupped; |
    normally set"). Empty where the sentence has none of these."""
    lo = max(0, start - 200)
    lo = max(lo, max(text.rfind(c, lo, start) for c in ".!?\n") + 1)
    best: list[tuple[int, int]] = []
    k = bisect_left(anchors, (start, -1))  # the anchors starting before the statement
    if k and anchors[k - 1][0] >= lo and anchors[k - 1][1] <= start:
        best = [anchors[k - 1]]
    copulas = list(_COPULA_RE.finditer(text, lo, start))
    if copulas and (not best or copulas[-1].start() > best[0][1]):
        cop = copulas[-1]
        subjects = _subjects(text, cop.start(), cop.group().split()[0].lower() in _PLURAL_COPULA_WORDS)
        if subjects and text.count("(", subjects[-1][1], start) == text.count(")", subjects[-1][1], start):
            best = subjects
    if not best:
        heading = _HEADING_RE.match(text, lo, start)
        if heading is not None:
            best = [heading.span("subject")]
    return best


def _subjects(text: str, end: int, coordinated: bool) -> list[tuple[int, int]]:
    """The subjects ending at ``end``: the last word run back to a stop, or, where
    ``coordinated``, each item of a list of them; a time or an aside between the subject
    and its predicate is passed over (:data:`_INTERPOSED_RE`), and "at birth" stays with
    the (last) subject ("head circumference at birth")."""
    lo = max(0, end - 120)
    lo = max(lo, max(text.rfind(c, lo, end) for c in ".;!?\n") + 1)
    aside = _INTERPOSED_RE.search(text, max(lo, end - 60), end)
    if aside is not None:
        end = aside.start()
    colon = text.rfind(":", lo, end)
    while colon >= 0 and text[colon + 1:colon + 11].lower() == "creatinine":
        colon = text.rfind(":", lo, colon)  # (a ratio's colon: "protein:creatinine ratio")
    lo = max(lo, colon + 1, max(text.rfind(c, lo, end) for c in "()[]") + 1)
    # "head circumference at birth was normal": the measure at birth is the subject
    at_birth = _AT_BIRTH_RE.search(text, lo, end)
    full_end = end
    if at_birth is not None:
        end = at_birth.start()
    words = list(_WORD_RE.finditer(text, lo, end))
    run: list[re.Match] = []
    for n in range(len(words) - 1, -1, -1):
        word = words[n].group().lower()
        if run and (word in _OF or word in _DETERMINERS and n > 0 and words[n - 1].group().lower() in _OF):
            return []  # "the volume of the red cells is normal" is said of the volume
        if word in _STOP_WORDS or len(run) >= _MAX_WORDS:
            break
        if word in _DIMENSIONS and n > 0 and words[n - 1].group().lower() in ("normal", "nl", "nml"):
            break  # the end of a statement before: "… of normal thickness, palate of normal height"
        w = words[n]
        between = text[w.end():run[-1].start()] if run else text[w.end():end]
        if run and not coordinated and not between.isspace() and between:
            break  # a comma or "and" before a singular subject ends it
        run.append(w)
    if not run:
        return []
    run.reverse()
    # items: words joined by spaces (or hyphens) only; "and", "or", "," and "/" separate them
    items: list[list[re.Match]] = [[]]
    for n, w in enumerate(run):
        if w.group().lower() in ("and", "or"):
            items.append([])
            continue
        if n and not text[run[n - 1].end():w.start()].isspace():
            items.append([])
        items[-1].append(w)
    items = [i for i in items if i]
    if not items:
        return []
    if not coordinated:
        items = items[-1:]
    spans = [(i[0].start(), i[-1].end()) for i in items]
    if at_birth is not None:
        spans[-1] = (spans[-1][0], full_end)
    return spans
