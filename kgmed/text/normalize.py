"""Tokenisation and word normalisation shared by the dictionary and the text being read.

Concept recognition compares words, not characters: "Seizures", "seizure" and "SEIZURES"
must all meet the HPO label *Seizure* (HP:0001250); "anaemia" must meet *Anemia*
(HP:0001903) and "vertebrae" must meet *vertebra*. :func:`normalize_word` maps a word to a
canonical key by

1. lower-casing and stripping accents (``café`` → ``cafe``);
2. singularising, with the Latin and Greek plurals of medical English (``nevi`` →
   ``nevus``, ``vertebrae`` → ``vertebra``, ``stenoses`` → ``stenosis``,
   ``phalanges`` → ``phalanx``, ``abnormalities`` → ``abnormality``);
3. folding British spellings onto American ones (``oedema`` → ``edema``,
   ``haemorrhage`` → ``hemorrhage``, ``tumour`` → ``tumor``, ``generalised`` →
   ``generalized``, ``fibre`` → ``fiber``).

Tokenisation keeps offsets into the text, marks words joined by a hyphen, and drops a
possessive "'s" ("Hirschsprung's disease" has the words of "Hirschsprung disease").

The same function is applied to dictionary terms and to the text, so a rule only has to be
*consistent*, not linguistically perfect: if it maps a word to an odd key, it maps that word
to the same odd key on both sides. What matters is that two different words rarely share a
key.

:func:`stem_word` goes one step further for the looser, order-free tier of the matcher: it
folds derivational variants onto one stem (``hypoplastic``/``hypoplasia``,
``mandibular``/``mandible``, ``abnormality``/``abnormal``/``anomaly``) and a few anatomical
adjectives onto their noun (``renal`` → ``kidney``, ``cutaneous`` → ``skin``).

Example::

    >>> [normalize_word(w) for w in ["Seizures", "anaemia", "vertebrae", "Generalised"]]
    ['seizure', 'anemia', 'vertebra', 'generalized']
    >>> tokenize("Café-au-lait macules; no seizures.").norms
    ['cafe', 'au', 'lait', 'macule', 'no', 'seizure']
"""

from __future__ import annotations

import re
import unicodedata
from itertools import accumulate
from typing import NamedTuple

__all__ = [
    "Token",
    "Tokens",
    "tokenize",
    "normalize_word",
    "normalize_phrase",
    "is_plural",
    "stem_word",
    "is_adverb",
    "ADVERB_ENDINGS",
    "STOPWORDS",
    "STEM_SYNONYM_WORDS",
    "HYPHENS",
]

#: Characters treated as a hyphen inside a word ("X-linked", "café‐au‐lait").
HYPHENS = "-\u2010\u2011\u2012\u2013\u00ad"


#: Function words ignored by the order-free matching tier ("hyperplasia *of the* mandible").
STOPWORDS: frozenset[str] = frozenset(
    "a an the of in on at to for by from with within into onto its their his her".split()
)

# Irregular plurals of medical English; keys and values are lower case.
_IRREGULAR: dict[str, str] = {
    "feet": "foot", "teeth": "tooth", "children": "child", "women": "woman", "men": "man",
    "mice": "mouse", "calves": "calf", "halves": "half", "knives": "knife", "lives": "life",
    "leaves": "leaf", "ova": "ovum", "criteria": "criterion", "phenomena": "phenomenon",
    "ganglia": "ganglion", "diverticula": "diverticulum", "septa": "septum", "bacteria": "bacterium",
    "cortices": "cortex", "apices": "apex", "vertices": "vertex", "indices": "index",
    "appendices": "appendix", "matrices": "matrix", "cervices": "cervix", "helices": "helix",
    "irides": "iris", "phalanges": "phalanx", "larynges": "larynx", "pharynges": "pharynx", "meninges": "meninx",
    "testes": "testis", "axes": "axis", "metastases": "metastasis", "diagnoses": "diagnosis",
    "prognoses": "prognosis", "analyses": "analysis", "crises": "crisis", "stigmata": "stigma",
    "sarcomata": "sarcoma", "carcinomata": "carcinoma", "neurofibromata": "neurofibroma",
    "fibromata": "fibroma", "adenomata": "adenoma", "hamartomata": "hamartoma",
    "lipomata": "lipoma", "angiomata": "angioma", "condylomata": "condyloma",
    "lentigines": "lentigo", "diastemata": "diastema", "foramina": "foramen", "lumina": "lumen", "corpora": "corpus",
    "femora": "femur",
    "viscera": "viscus", "labia": "labium", "crura": "crus", "ilia": "ilium", "cilia": "cilium",
    "telangiectases": "telangiectasis", "epiphyses": "epiphysis", "diaphyses": "diaphysis",
    "metaphyses": "metaphysis", "apophyses": "apophysis", "hypophyses": "hypophysis",
    "symphyses": "symphysis", "synchondroses": "synchondrosis", "ecchymoses": "ecchymosis",
    "bases": "base", "cases": "case", "phases": "phase", "diseases": "disease",
    "purposes": "purpose", "responses": "response", "courses": "course", "causes": "cause",
    "nurses": "nurse", "verses": "verse", "pulses": "pulse", "doses": "dose", "noses": "nose",
    "loci": "locus", "foci": "focus", "digiti": "digiti", "pili": "pili", "genera": "genus",
    "data": "datum", "fungi": "fungus", "acrochorda": "acrochordon", "chondromata": "chondroma",
    "exostoses": "exostosis", "vertebrae": "vertebra", "pudenda": "pudendum", "alae": "ala",
    "thoraces": "thorax", "pneumothoraces": "pneumothorax", "hemothoraces": "hemothorax",
    "chylothoraces": "chylothorax",
}

# Words ending in -s (or -i/-ae/-ies) that are singular.
_KEEP_S: frozenset[str] = frozenset(
    "pancreas atlas bias gas alias canvas series species caries scabies rabies herpes "
    "diabetes rickets measles mumps news lens iris pubis pelvis penis glottis epiglottis "
    "cutis testis ascites pes genus corpus status situs plexus fetus thorax ptosis mitosis "
    "cortisol always perhaps has was is does this thus yes its his hers ours yours whereas "
    "tetanus anus uterus villus bronchus nevus hallux pollex mellitus sinus virus "
    "nucleus focus locus calculus embolus thrombus alveolus sulcus gyrus fungus stimulus "
    "hypothalamus thalamus hippocampus humerus radius femur hiatus meatus tragus "
    "nystagmus strabismus pectus gibbus ductus fundus hydrops bronchiectasis dysgenesis "
    "abdominis capitis colli oris oculi faciei".split()
)

# British → American spelling folds applied to the (singular) word.
_UK_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("isations", "izations"), ("isation", "ization"), ("ising", "izing"), ("ised", "ized"),
    ("ises", "izes"), ("ise", "ize"), ("yse", "yze"), ("ysed", "yzed"), ("ysing", "yzing"),
)
_UK_INFIX = re.compile(r"(?<=[a-z])ae|^ae(?=[a-z])|oe(?=[a-z])|sulph")


#: English words with an "oe" that is no British spelling ("does" is not "des")
_NOT_UK = frozenset({"does", "goes", "shoe", "poem", "poet"})


def _uk_to_us(w: str) -> str:
    if ("ae" in w or "oe" in w or "sulph" in w) and w not in _NOT_UK:
        w = _UK_INFIX.sub(lambda m: "sulf" if m.group(0) == "sulph" else "e", w)
    if len(w) >= 6 and w.endswith("our"):
        w = w[:-3] + "or"
    elif len(w) >= 5 and w.endswith("re") and w[-3] not in "aeiouyr":
        w = w[:-2] + "er"
    if len(w) >= 6 and ("is" in w[-8:] or "ys" in w[-6:]):
        for uk, us in _UK_SUFFIXES:
            if w.endswith(uk) and len(w) - len(uk) >= 3:
                w = w[: -len(uk)] + us
                break
    if w == "grey":
        return "gray"
    return w


def _singular(w: str) -> str:
    irr = _IRREGULAR.get(w)
    if irr is not None:
        return irr
    n = len(w)
    if n <= 3 or w in _KEEP_S:
        return w
    last = w[-1]
    if last == "s":
        if w.endswith(("ss", "us", "is", "ous")):
            return w
        if w[:-2] in _KEEP_S:  # lenses, sinuses, irises
            return w[:-2]
        if w.endswith("ies") and n > 4:
            return w[:-3] + "y"
        if w.endswith("oses") and n >= 7:
            return w[:-2] + "is"
        if w.endswith(("sses", "xes", "ches", "shes")) and not w.endswith("aches"):
            return w[:-2]
        return w[:-1]
    if last == "i" and n >= 4 and not w.endswith("ii"):
        return w[:-1] + "us"
    if w.endswith("ii") and n >= 5:
        return w[:-1] + "us"
    if w.endswith("ae") and n >= 5:
        return w[:-1]
    if w.endswith("ata") and n >= 7 and w.endswith(("omata",)):
        return w[:-2]
    return w


_GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "κ": "kappa",
          "λ": "lambda", "μ": "mu", "ω": "omega", "θ": "theta", "τ": "tau"}
_LIGATURES = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l"})


def _fold(word: str) -> str:
    if not word.isascii():
        word = word.lower()
        if word in _GREEK:
            return _GREEK[word]
        word = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
        word = word.translate(_LIGATURES)
    return word.lower()


def is_plural(word: str) -> bool:
    """Whether ``word`` is written as a plural (its singular differs from it).

    >>> is_plural("lipomas"), is_plural("nevi"), is_plural("lipoma"), is_plural("pancreas")
    (True, True, False, False)
    """
    w = _fold(word)
    return _singular(w) != w


#: Symbols of clinical shorthand read as the word they stand for ("↑CK", "liquor ↓"); a run
#: of arrows is one word ("CRP ↑↑" is a raised CRP).
_SYMBOLS = {"↑": "increased", "↓": "decreased", "↑↑": "increased", "↓↓": "decreased", "↑↑↑": "increased",
            "↓↓↓": "decreased"}
#: the laboratory's abbreviation of antibody, as written ("TPO Ab -ve"; not the blood group "AB")
_ANTIBODY = frozenset({"Ab", "Abs"})
#: the words after which "little" names the fifth digit (:func:`tokenize` keys it "5th")
_LITTLE_DIGITS = frozenset({"finger", "toe", "fingernail", "toenail"})


def normalize_word(word: str) -> str:
    """The canonical key of one word: lower case, no accents, singular, American spelling.

    >>> normalize_word("Haemorrhages"), normalize_word("nevi"), normalize_word("Phalanges")
    ('hemorrhage', 'nevus', 'phalanx')
    """
    if word in _SYMBOLS:
        return _SYMBOLS[word]
    return _uk_to_us(_singular(_fold(word)))


class Token(NamedTuple):
    """One word of the input: character offsets, the surface form and its key.

    ``joined`` is True for a piece of a hyphenated compound that is not its last piece
    ("X" in "X-linked"): the matcher also tries the compound written as one word.
    """

    start: int
    end: int
    surface: str
    norm: str
    joined: bool = False


_SPLIT_RE = re.compile(r"([^\W_]+)")
#: arrows of clinical shorthand are words too: "↑CK" = "increased CK", "Na ↓" (see _SYMBOLS)
_SPLIT_ARROWS_RE = re.compile(r"([^\W_]+|↑{1,3}|↓{1,3})")
_SIGNED_RE = re.compile(r"[+\-−](?:ve|VE)\b")
_SIGNS = {"+": "positive", "-": "negative", "−": "negative"}
_POSSESSIVE_RE = re.compile(r"(?<=[^\W_])(['\u2019])[sS](?![^\W_])")
_HYPHEN_SET = frozenset(HYPHENS)


class Tokens:
    """The words of a text as parallel lists (fast to build and to scan).

    Attributes:
        text: the text.
        starts, ends: character offsets of each word.
        words: each word as written.
        norms: each word's key (:func:`normalize_word`).
        seps: ``seps[i]`` is the text between word ``i-1`` and word ``i`` (``seps[0]``
            before the first word, ``seps[n]`` after the last), with the ``s`` of a
            possessive ``'s`` blanked (it is not a word).
        joined: ``joined[i]`` is True when a single hyphen joins word ``i`` to word ``i+1``.
        oov: indices of the words that were not in the ``vocab`` table given to
            :func:`tokenize` (normalised on the fly).

    Indexing gives :class:`Token` views: ``tokens[0].norm``.
    """

    __slots__ = ("text", "starts", "ends", "words", "norms", "seps", "joined", "oov", "_keyed")

    def __init__(self, text, starts, ends, words, norms, seps, joined, oov=()):
        self.text = text
        self.starts = starts
        self.ends = ends
        self.words = words
        self.norms = norms
        self.seps = seps
        self.joined = joined
        self.oov = oov
        self._keyed = None

    def keyed(self) -> tuple[str, list[int]]:
        """The keys joined as ``" k1 k2 … "`` and the offset where each key starts in it:
        the string the Aho-Corasick automata scan."""
        if self._keyed is None:
            norms = self.norms
            self._keyed = (" " + " ".join(norms) + " ", list(accumulate([len(w) + 1 for w in norms], initial=1)))
        return self._keyed

    def __len__(self) -> int:
        return len(self.words)

    def __getitem__(self, i: int) -> Token:
        return Token(self.starts[i], self.ends[i], self.words[i], self.norms[i], self.joined[i])

    def __iter__(self):
        return (self[i] for i in range(len(self.words)))

    def __repr__(self) -> str:
        return f"Tokens({len(self.words)} words)"


def tokenize(text: str, normalize=None, vocab: dict | None = None) -> Tokens:
    """Split ``text`` into words with offsets and keys (a :class:`Tokens`).

    Args:
        text: the text.
        normalize: word → key (default :func:`normalize_word`); it receives the word in
            lower case.
        vocab: optional table lower-case word → key consulted first (the ontology's words);
            words not in it are normalised once per call and not remembered afterwards.
    """
    normalize = normalize or normalize_word
    split = _SPLIT_ARROWS_RE.split if ("↑" in text or "↓" in text) else _SPLIT_RE.split
    if "'" in text or "\u2019" in text:
        # a possessive 's is not a word ("Hirschsprung's disease" has the words of
        # "Hirschsprung disease"): blank it for splitting; lengths, so offsets, are kept
        parts = split(_POSSESSIVE_RE.sub(r"\1 ", text))
    else:
        parts = split(text)
    if ("ositive" in text or "OSITIVE" in text) and _CD_POSITIVE_RE.search(text):
        parts = _drop_marker_positive(parts)
    words = parts[1::2]
    seps = parts[0::2]
    pos = list(accumulate(map(len, parts)))
    starts = pos[0::2][:-1] if words else []
    ends = pos[1::2]
    lwords = list(map(str.lower, words))
    oov: list[int] = []
    if vocab is not None:
        norms = list(map(vocab.get, lwords))
        if None in norms:
            local: dict[str, str] = {}  # this call only: the text's own words are not kept
            oov = [i for i, k in enumerate(norms) if k is None]
            for i in oov:
                w = lwords[i]
                k = local.get(w)
                if k is None:
                    k = local[w] = normalize(w)
                norms[i] = k
    else:
        norms = [normalize(w) for w in lwords]
    if _SIGNED_RE.search(text):
        # notes' "+ve" / "-ve" are "positive" / "negative" ("Romberg +ve", "pull test -ve")
        for i, w in enumerate(lwords):
            if w == "ve" and seps[i][-1:] in _SIGNS:
                norms[i] = _SIGNS[seps[i][-1]]
    if "ittle" in text:
        # "the little finger" is the fifth (HPO: "Clinodactyly of the little finger" = "… of
        # the 5th finger"), not a small one
        for i in range(len(lwords) - 1):
            if lwords[i] == "little" and norms[i + 1] in _LITTLE_DIGITS and seps[i + 1] in (" ", "-"):
                norms[i] = "5th"
    if "Ab" in text:
        for i, w in enumerate(words):
            if w in _ANTIBODY:
                norms[i] = "antibody"
    n = len(words)
    joined = list(map(_HYPHEN_SET.__contains__, seps[1:n]))
    joined.append(False)
    return Tokens(text, starts, ends, words, norms, seps, joined, oov)


def _drop_marker_positive(parts: list[str]) -> list[str]:
    """``parts`` (separator, word, separator, … as split) without the word "positive"
    after a cluster-of-differentiation marker, which becomes part of the separator: HPO and
    notes write "CD4-positive T cells", "CD4+ T cells" and "naive CD4 T cells" for one thing
    ("+" is no word), so all three read "CD4 T cells"."""
    out = parts[:1]
    k = 1
    while k < len(parts):
        word = parts[k]
        if word.lower() == "positive" and len(out) >= 2 and _CD_MARKER_RE.fullmatch(out[-2]) \
                and out[-1] in ("-", " ", "\u2010", "\u2011"):
            out[-1] += word + parts[k + 1]  # the word and the separator after it join the one before
        else:
            out += parts[k:k + 2]
        k += 2
    return out


_CD_MARKER_RE = re.compile(r"CD\d{1,3}[a-zA-Z]{0,3}")
_CD_POSITIVE_RE = re.compile(r"CD\d{1,3}[a-zA-Z]{0,3}[-\u2010\u2011 ]positive", re.IGNORECASE)


def normalize_phrase(text: str) -> str:
    """The space-joined keys of the words of ``text`` ("Abnormalities of the eye" →
    ``"abnormality of the eye"``)."""
    return " ".join(tokenize(text).norms)


# ----------------------------------------------------------------- derivational stems
# Suffix rewrites that bring adjective and noun forms of one concept onto one stem. Applied
# to normalised words, first match wins; the same on both sides.
_STEM_RULES: tuple[tuple[str, str], ...] = (
    ("ically", "ic"), ("ical", "ic"),
    ("plastic", "plas"), ("plasia", "plas"), ("plasty", "plas"),
    ("trophic", "troph"), ("trophy", "troph"),
    ("pathic", "path"), ("pathy", "path"),
    ("plegic", "pleg"), ("plegia", "pleg"),
    ("cephalic", "cephal"), ("cephaly", "cephal"), ("cephalus", "cephal"),
    ("kinetic", "kines"), ("kinesia", "kines"), ("kinesis", "kines"),
    ("tonic", "ton"), ("tonia", "ton"), ("tonus", "ton"),
    ("emic", "em"), ("emia", "em"),
    ("otic", "os"), ("osis", "os"),
    ("xic", "x"), ("xia", "x"),
    ("yseal", "ys"), ("ysis", "ys"),
    ("ality", "al"), ("ility", "il"), ("abled", "abil"), ("able", "abil"), ("ivity", "iv"),
    ("icle", "icul"), ("ular", "ul"), ("ule", "ul"), ("ulum", "ul"), ("ulus", "ul"), ("le", "l"),
    ("ellar", "ell"), ("ellum", "ell"), ("ar", ""),
    ("ment", ""), ("ed", ""), ("ing", ""), ("ation", ""), ("ic", ""), ("ia", ""), ("y", ""),
    ("al", ""), ("atous", ""), ("ous", ""), ("a", ""), ("e", ""), ("um", ""), ("us", ""),
)

#: Words folded onto one concept word in the order-free tier: the many ways of saying
#: "abnormal", and anatomical adjectives whose noun HPO labels use.
_STEM_SYNONYMS: dict[str, str] = {
    **dict.fromkeys(
        ["abnormality", "abnormal", "anomaly", "anomalous", "malformation", "malformed",
         "defect", "defective", "abnormally", "aberration", "aberrant", "irregularity",
         "manifestation", "involvement", "sign", "symptom", "impediment", "disturbance", "problem", "disease",
         "deranged", "disturbed"],
        "ABN",
    ),
    **dict.fromkeys(["cutaneous", "dermal", "skin"], "skin"),
    **dict.fromkeys(["renal", "kidney", "nephric"], "kidney"),
    **dict.fromkeys(["hepatic", "liver"], "liver"),
    **dict.fromkeys(["cardiac", "heart"], "heart"),
    **dict.fromkeys(["pulmonary", "lung"], "lung"),
    **dict.fromkeys(["ocular", "ophthalmic", "ophthalmologic", "ophthalmological", "eye"], "eye"),
    **dict.fromkeys(["otic", "aural", "ear"], "ear"),
    **dict.fromkeys(["nasal", "nose"], "nose"),
    **dict.fromkeys(["dental", "tooth"], "tooth"),
    **dict.fromkeys(["gastric", "stomach"], "stomach"),
    **dict.fromkeys(["intestinal", "intestine", "bowel"], "intestine"),
    **dict.fromkeys(["cerebral", "brain"], "brain"),
    **dict.fromkeys(["skeletal", "skeleton"], "skeleton"),
    **dict.fromkeys(["cranial", "skull"], "skull"),
    **dict.fromkeys(["facial", "face"], "face"),
    **dict.fromkeys(["ungual", "nail"], "nail"),
    **dict.fromkeys(["labial", "lip"], "lip"),
    **dict.fromkeys(["lingual", "tongue"], "tongue"),
    **dict.fromkeys(["genital", "genitalia"], "genital"),
    **dict.fromkeys(["splenic", "spleen"], "spleen"),
    **dict.fromkeys(["pancreatic", "pancreas"], "pancreas"),
    **dict.fromkeys(["osseous", "bone"], "bone"),
    **dict.fromkeys(["articular", "joint"], "joint"),
    **dict.fromkeys(["mammary", "breast"], "breast"),
    **dict.fromkeys(["thoracic", "thorax", "chest"], "thorax"),
    **dict.fromkeys(["abdominal", "abdomen"], "abdomen"),
    **dict.fromkeys(["pelvic", "pelvis"], "pelvis"),
    **dict.fromkeys(["costal", "rib"], "rib"),
    **dict.fromkeys(["neurological", "neurologic", "neural", "nervous"], "nervous"),
    **dict.fromkeys(["muscular", "muscle"], "muscle"),
    **dict.fromkeys(["vascular", "vessel"], "vessel"),
    **dict.fromkeys(["oral", "mouth"], "mouth"),
    **dict.fromkeys(["auditory", "hearing"], "hearing"),
    **dict.fromkeys(["visual", "vision"], "vision"),
    **dict.fromkeys(["mandibular", "mandible", "jaw"], "mandible"),
    **dict.fromkeys(["maxillary", "maxilla"], "maxilla"),
    **dict.fromkeys(["clavicular", "clavicle"], "clavicle"),
    **dict.fromkeys(["vertebral", "vertebra"], "vertebra"),
    **dict.fromkeys(["palmar", "palm"], "palm"),
    **dict.fromkeys(["plantar", "sole"], "sole"),
    **dict.fromkeys(["digital", "digit"], "digit"),
    **dict.fromkeys(["retinal", "retina"], "retina"),
    **dict.fromkeys(["corneal", "cornea"], "cornea"),
    **dict.fromkeys(["cerebellar", "cerebellum"], "cerebellum"),
    **dict.fromkeys(["spinal", "spine"], "spine"),
    **dict.fromkeys(["enlarged", "enlargement", "large", "big"], "large"),
    **dict.fromkeys(["small", "little"], "small"),
    # a dimension and the change that brought it: "shortened femora" are short femora (HPO
    # uses both: "Shortened phalanges", "Widened metaphyses", "Thickened ribs")
    **dict.fromkeys(["short", "shortened", "shortening"], "short"),
    **dict.fromkeys(["wide", "widened", "widening"], "wide"),
    **dict.fromkeys(["thick", "thickened", "thickening"], "thick"),
    **dict.fromkeys(["flat", "flattened", "flattening"], "flat"),
    **dict.fromkeys(["narrow", "narrowed", "narrowing"], "narrow"),
    **dict.fromkeys(["long", "elongated", "elongation", "lengthened", "lengthening"], "long"),  # "the philtrum is elongated"
    **dict.fromkeys(["morphology", "shape", "structure", "configuration"], "morphology"),
    **dict.fromkeys(["multiple", "numerous", "many", "several"], "multiple"),
    **dict.fromkeys(["tumor", "neoplasm", "neoplasia"], "neoplasm"),
    **dict.fromkeys(["impairment", "impaired", "deficit"], "impairment"),
    **dict.fromkeys(["delay", "delayed", "retardation", "retarded"], "delay"),
    **dict.fromkeys(["loss", "lost", "lose", "loses", "losing"], "loss"),  # "he lost ambulation"
    **dict.fromkeys(["failure", "fail", "failed", "fails", "failing"], "failure"),  # "he failed to thrive"
    **dict.fromkeys(["feeding", "fed"], "feeding"),  # "fed through a nasogastric tube"
    **dict.fromkeys(["glucose", "sugar"], "glucose"),  # "low blood glucose" = "Low blood sugar"
    **dict.fromkeys(["swelling", "swollen", "swell", "swells", "swelled"], "swelling"),  # "swollen joints"
    **dict.fromkeys(["eye", "eyeball"], "eye"),  # "Abnormally small eyeball": "small eyes"
    **dict.fromkeys(["atrophy", "atrophic", "wasting"], "atrophy"),  # "wasting of the hand muscles"
    **dict.fromkeys(["overgrowth", "overgrown"], "overgrowth"),  # "her gums were overgrown"
    **dict.fromkeys(["difficulty", "difficult", "trouble"], "difficulty"),  # "trouble swallowing"
    **dict.fromkeys(["recurrent", "repeated", "recurring"], "recurrent"),  # "repeated ear infections"
    **dict.fromkeys(["frequent", "frequently"], "frequent"),  # "he falls frequently"
    **dict.fromkeys(["paralysis", "palsy"], "paralysis"),  # "vocal cord palsy"
    **dict.fromkeys(["dermatologic", "dermatological"], "skin"),
    **dict.fromkeys(["hematologic", "hematological", "blood"], "blood"),
    **dict.fromkeys(["palpebral", "eyelid"], "eyelid"),
    "arched": "arched",  # a shape, not the foot's arch: "palate not high-arched" is no "high arch" (Pes cavus)
    **dict.fromkeys(["uterine", "uterus"], "uterus"),
    **dict.fromkeys(["ovarian", "ovary"], "ovary"),
    **dict.fromkeys(["testicular", "testis", "testicle"], "testis"),
    **dict.fromkeys(["vesical", "bladder"], "bladder"),
    **dict.fromkeys(["urethral", "urethra"], "urethra"),
    **dict.fromkeys(["ureteral", "ureteric", "ureter"], "ureter"),
    **dict.fromkeys(["gingival", "gum", "gingiva"], "gingiva"),
    **dict.fromkeys(["laryngeal", "larynx"], "larynx"),
    **dict.fromkeys(["tracheal", "trachea"], "trachea"),
    **dict.fromkeys(["bronchial", "bronchus"], "bronchus"),
    **dict.fromkeys(["esophageal", "esophagus"], "esophagus"),
    **dict.fromkeys(["rectal", "rectum"], "rectum"),
    **dict.fromkeys(["anal", "anus"], "anus"),
    **dict.fromkeys(["colonic", "colon"], "colon"),
    **dict.fromkeys(["duodenal", "duodenum"], "duodenum"),
    **dict.fromkeys(["umbilical", "umbilicus"], "umbilicus"),
    **dict.fromkeys(["femoral", "femur"], "femur"),
    **dict.fromkeys(["tibial", "tibia"], "tibia"),
    **dict.fromkeys(["fibular", "fibula"], "fibula"),
    **dict.fromkeys(["humeral", "humerus"], "humerus"),
    **dict.fromkeys(["radial", "radius"], "radius"),
    **dict.fromkeys(["ulnar", "ulna"], "ulna"),
    **dict.fromkeys(["phalangeal", "phalanx"], "phalanx"),
    **dict.fromkeys(["sacral", "sacrum"], "sacrum"),
    **dict.fromkeys(["sternal", "sternum"], "sternum"),
    **dict.fromkeys(["scapular", "scapula"], "scapula"),
    **dict.fromkeys(["iliac", "ilium"], "ilium"),
    **dict.fromkeys(["occipital", "occiput"], "occiput"),
    **dict.fromkeys(["cortical", "cortex"], "cortex"),
    **dict.fromkeys(["aortic", "aorta"], "aorta"),
    **dict.fromkeys(["arterial", "artery"], "artery"),
    **dict.fromkeys(["venous", "vein"], "vein"),
    **dict.fromkeys(["pleural", "pleura"], "pleura"),
    **dict.fromkeys(["valvular", "valvar", "valve"], "valve"),
    **dict.fromkeys(["helical", "helix"], "helix"),
    **dict.fromkeys(["pharyngeal", "pharynx"], "pharynx"),
    **dict.fromkeys(["meningeal", "meninges", "meninx"], "meninges"),
    **dict.fromkeys(["pontine", "pons"], "pons"),
    **dict.fromkeys(["vermian", "vermis"], "vermis"),
    **dict.fromkeys(["tendinous", "tendon"], "tendon"),
    **dict.fromkeys(["cartilaginous", "cartilage"], "cartilage"),
    **dict.fromkeys(["tonsillar", "tonsil"], "tonsil"),
    **dict.fromkeys(["axillary", "axilla"], "axilla"),
    **dict.fromkeys(["medullary", "medulla"], "medulla"),
    **dict.fromkeys(["zygomatic", "zygoma"], "zygoma"),
    **dict.fromkeys(["pubic", "pubis"], "pubis"),
    **dict.fromkeys(["coccygeal", "coccyx"], "coccyx"),
    **dict.fromkeys(["biliary", "bile"], "bile"),
    **dict.fromkeys(["penile", "penis"], "penis"),
    **dict.fromkeys(["clitoral", "clitoris"], "clitoris"),
    **dict.fromkeys(["pericardial", "pericardium"], "pericardium"),
    **dict.fromkeys(["lenticular", "lens"], "lens"),
    **dict.fromkeys(["pupillary", "pupil"], "pupil"),
    **dict.fromkeys(["iridal", "iris"], "iris"),
    **dict.fromkeys(["scleral", "sclera"], "sclera"),
    **dict.fromkeys(["choroidal", "choroid"], "choroid"),
    **dict.fromkeys(["macular", "macula"], "macula"),
    **dict.fromkeys(["cochlear", "cochlea"], "cochlea"),
    **dict.fromkeys(["palatal", "palate"], "palate"),
    **dict.fromkeys(["uvular", "uvula"], "uvula"),
    **dict.fromkeys(["nuchal", "neck"], "neck"),
    **dict.fromkeys(["epidermal", "epidermis"], "epidermis"),
    **dict.fromkeys(["hallucal", "hallux"], "hallux"),
    **dict.fromkeys(["patellar", "patella"], "patella"),
    **dict.fromkeys(["carpal", "carpus", "wrist"], "wrist"),
    **dict.fromkeys(["tarsal", "tarsus"], "tarsus"),
    **dict.fromkeys(["increased", "elevated", "high", "raised", "increase", "elevation"], "increased"),
    **dict.fromkeys(["decreased", "reduced", "low", "diminished", "decrease", "reduction", "suppressed",
                     "undetectable"], "decreased"),  # "IgA was undetectable", "B cells undetectable"
    # "absence" only in "absence of" (the matcher): "Absence seizure" is a kind of seizure
    **dict.fromkeys(["absent", "missing", "lack", "aplasia", "agenesis"], "absent"),
}


#: Nouns in "-ness" that name a measure, not the quality: "reduced thickness of the skin" is
#: not "thick skin".
_MEASURE_NOUNS = frozenset("thickness smoothness awareness consciousness effectiveness fitness "
                           "likeness business witness illness wellness readiness".split())

#: Adverbs read as their adjective ("mentally retarded" = "mental retardation"). Only these
#: endings: a bare "-ly" also ends nouns ("assembly", "butterfly").
ADVERB_ENDINGS = ("ally", "ively", "ously")


def is_adverb(norm: str) -> bool:
    """Whether :func:`stem_word` reads ``norm`` as its adjective ("mentally")."""
    return len(norm) >= 8 and norm.endswith(ADVERB_ENDINGS) and norm not in _STEM_SYNONYMS


#: Words of notes' shorthand read as the word they shorten, in the order-free tier ("focal
#: sz", "resp distress", "global dev delay", "recurrent infx", "prox weakness", "abdo
#: protuberant", "liver not palp", "basal ganglia calcs", "teeth abnl", "feeding probs",
#: "dilated lat ventricles", "↑ creat", "feeding diffs", "prom forehead", "poor head ctrl",
#: "chest infxns", "global devt delay", "choreiform mvmts", "incr tone"); normalised
#: (singular) forms.
_SHORTHAND: dict[str, str] = {
    "sz": "seizure", "resp": "respiratory", "dev": "developmental", "infx": "infection", "mvt": "movement",
    "bilat": "bilateral", "prox": "proximal", "periph": "peripheral", "abdo": "abdomen", "palp": "palpable",
    "calc": "calcification", "abnl": "abnormal", "prob": "problem", "lat": "lateral", "creat": "creatinine",
    "diff": "difficulty", "prom": "prominent", "ctrl": "control", "infxn": "infection",
    "devt": "development", "mvmt": "movement", "incr": "increased", "decr": "decreased",
    "pulm": "pulmonary", "lang": "language",
}

#: every word :func:`stem_word` folds onto another's stem (:data:`_STEM_SYNONYMS`, :data:`_SHORTHAND`)
STEM_SYNONYM_WORDS = frozenset(_STEM_SYNONYMS) | frozenset(_SHORTHAND)


def stem_word(norm: str) -> str:
    """A derivational stem of a *normalised* word, for order-free matching.

    >>> stem_word("hypoplastic") == stem_word("hypoplasia")
    True
    >>> stem_word("renal") == stem_word("kidney")
    True
    """
    syn = _STEM_SYNONYMS.get(norm)
    if syn is not None:
        return syn
    full = _SHORTHAND.get(norm)
    if full is not None:
        return stem_word(full)
    if len(norm) <= 4 or not norm.isalpha():
        return norm
    if is_adverb(norm):
        return stem_word(norm[:-2])  # "mentally" as "mental", "cognitively" as "cognitive"
    if norm.endswith("ical") and len(norm) >= 8:
        return stem_word(norm[:-2])  # "asymmetrical" as "asymmetric" (and so "asymmetry")
    if norm.endswith("ness") and len(norm) >= 8 and norm not in _MEASURE_NOUNS:
        # the quality as its adjective: "gait unsteadiness" = "unsteady gait", "stiffness"
        return stem_word(norm[:-5] + "y" if norm.endswith("iness") else norm[:-4])
    for suffix, repl in _STEM_RULES:
        if norm.endswith(suffix) and len(norm) - len(suffix) + len(repl) >= 4 and len(norm) > len(suffix):
            return norm[: len(norm) - len(suffix)] + repl
    return norm
