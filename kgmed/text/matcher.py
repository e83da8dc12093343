"""Dictionary matching: Aho-Corasick over normalised words, plus order-free and
coordination tiers.

:class:`DictionaryMatcher` finds every span of a tokenised text that names an HPO concept of
a :class:`~kgmed.text.dictionary.TermDictionary`, in three tiers:

``exact``
    the normalised words equal a name ("Seizures" → *Seizure*, HP:0001250). One pass of a
    pyahocorasick automaton over the space-joined keys of the words finds every such span,
    nested and overlapping ones included, in time linear in the text. A second pass with
    hyphenated words joined catches "pre-auricular pits" → *Preauricular pit* (HP:0004467).
``bag``
    the same *multiset of word stems* as a name, ignoring order and function words:
    "hyperplasia of the gums" / "gum hyperplasia", "abnormalities of the eye" →
    *Abnormality of the eye* (HP:0000478), "hypoplasia of the left kidney" → *Renal
    hypoplasia* (degree and side words may be skipped). Stems fold derivational variants
    ("hypoplastic"/"hypoplasia") and a few anatomical adjectives ("renal" → kidney); see
    :func:`~kgmed.text.normalize.stem_word`. A window is a run of dictionary words inside
    one clause; each word adds a random 62-bit code to a running sum, so each window costs
    one dictionary probe (the candidate windows of FastHPOCR, Groza et al. 2024, made
    order-free). When several names share the stems, the one sharing most words with the
    text wins ("malformations of the kidney" → *Kidney malformation*).
``coord``
    coordinated words share the rest of a name: "palmar and plantar pits" also yields
    *Palmar pits* (HP:0010610) over "palmar and plantar pits"; "short broad thumbs" yields
    *Short thumb*; "hypoplasia of the radius and ulna" yields *Ulnar hypoplasia*; "cleft lip
    and palate" yields *Cleft palate* (a second head takes the first one's modifiers when
    the two terms are closely related, see :meth:`DictionaryMatcher._related`).

Two checks refine the exact tier. *Number*: where a count term ("Multiple lipomas") shares
a name with another term ("Lipoma") because HPO lists the bare plural "Lipomas" for it, a
plural in the text reads the count term and a singular the other
(:func:`_agree_number`). *Attributive gerunds*: a one-word "-ing" synonym followed by a word
with which HPO names use it for an unrelated term is not read ("collecting system" is not
*Collectionism*).

The order-free tier also reads adjectives of one-word findings: "-ic" forms whose stem is
that of a one-word name ("microcephalic" → *Microcephaly*) and a short list of irregular
ones ("deaf" → *Hearing impairment*, "obese" → *Obesity*). Before matching,
:meth:`DictionaryMatcher.correct_typos` maps an unknown word of 8+ letters to the one name
word a single edit away ("hypotonai" → hypotonia), when exactly one is.

Matches never cross a clause mark or bracket (``. ; : ! ? ( ) [ ]``) or a comma (except the
comma lists the coordination tier reads), and never start inside a hyphenated word.
"""

from __future__ import annotations

import logging
import operator
import random
import re
from bisect import bisect_right
from collections import Counter
from itertools import accumulate
from typing import NamedTuple, Sequence

from kgmed.text.dictionary import COUNT, SINGULAR, DictEntry, TermDictionary, is_acronym
from kgmed.text.normalize import (ADVERB_ENDINGS, HYPHENS, STEM_SYNONYM_WORDS, STOPWORDS, Tokens, is_adverb, is_plural,
                                  stem_word)

__all__ = ["DictionaryMatcher", "Candidate", "TIER_CONFIDENCE", "MODIFIERS", "CONJUNCTIONS", "NEGATIVE_WORDS", "COPULAS",
           "is_content_word"]

logger = logging.getLogger(__name__)

#: Confidence of a match by tier, before the penalty of the name's rank (see RANKS).
TIER_CONFIDENCE: dict[str, float] = {"exact": 1.0, "bag": 0.85, "coord": 0.8, "abbreviation": 0.9}
_RANK_PENALTY = (0.0, 0.0, 0.05, 0.1, 0.2, 0.2)

#: Words that join coordinated phrases ("cleft lip and palate").
CONJUNCTIONS = frozenset({"and", "or", "nor"})
#: words that start another clause ("he remained nonverbal but communicated with gestures")
_CLAUSE_WORDS = frozenset({"but", "yet", "although", "though", "whereas", "while", "because", "since", "until",
                           "unless", "so", "then", "when", "if"})
#: Degree and side words the order-free tier may skip when the name lacks them, and words
#: of manner or time that stand between a subject and its predicate ("the skin was notably
#: soft", "lower lip also everted", "ductus still patent").
MODIFIERS = frozenset(
    "left right bilateral bilaterally unilateral unilaterally mild mildly moderate moderately severe "
    "severely marked markedly slight slightly significant significantly profound profoundly "
    "progressive partial partially complete completely both very extremely persistently inappropriately "
    "transiently intermittently consistently diffusely symmetrically asymmetrically predominantly "
    "predominately mainly mostly primarily chiefly globally generally uniformly".split()) | frozenset(
    "also still notably noticeably clearly visibly obviously increasingly strongly likewise similarly again "
    "considerably substantially somewhat strikingly conspicuously habitually constantly formal formally recent "
    "recently gradually".split())
#: The degree words among them, which may also start an order-free name that has them.
_DEGREES = MODIFIERS - frozenset(
    "left right bilateral bilaterally unilateral unilaterally both diffusely symmetrically asymmetrically "
    "predominantly predominately mainly mostly primarily chiefly generally uniformly "
    "also still notably noticeably clearly visibly obviously increasingly likewise similarly again "
    "considerably substantially somewhat strikingly conspicuously habitually constantly formal formally recent "
    "recently gradually".split())
#: Words of a statement of normality, which a predicate of its own does not step over.
_NORMALITY = frozenset({"normal", "normally", "unremarkable", "intact", "nl", "norm"})
#: Relative pronouns read through before a copula ("myelination that was delayed").
_RELATIVES = frozenset({"that", "which"})
#: Adjectives of shape, size and position whose comma between two of them is no break
#: ("a high, arched palate" is *High, narrow palate*'s "high arched palate").
_COORDINATE_ADJECTIVES = frozenset(
    "high low long short narrow broad wide small large big thin thick deep shallow flat prominent protruding "
    "arched rounded round bulbous full sparse coarse upslanting downslanting tall square pointed beaked "
    "hooked everted".split())
#: endings of nouns (as written: the matcher's words are normalised, "dysmorphia" to
#: "dysmorphic"), which an adjective of :data:`_COORDINATE_ADJECTIVES` after a comma does not
#: share its noun with
_NOUN_ENDINGS = ("ia", "ism", "osis", "itis", "oma", "ness", "ment", "tion", "sion")
#: negators of a predicate's adjective, which is then no attribute of the noun after its comma
_PREDICATE_OPENERS = frozenset({"not", "nor"})
#: words that start an extent after a predicate ("tone decreased all 4 limbs")
_QUANTIFIERS = frozenset({"all", "both", "each", "every"})
#: Sides, which start an order-free name only as a word of their own.
_SIDES = frozenset({"left", "right"})
_MAX_BAG_WORDS = 7
_TYPO_MIN = 8  # shortest word corrected for one typo
#: Adjectives whose finding is not "-ic" → "-ia/-y/-osis" ("deaf" → Deafness, "tall" → Tall stature).
_IRREGULAR_ADJECTIVES = {"deaf": "deafness", "blind": "blindness", "obese": "obesity", "spastic": "spasticity",
                         "mute": "mutism", "hypotonic": "hypotonia", "hypertonic": "hypertonia",
                         "jaundiced": "jaundice", "cyanotic": "cyanosis", "febrile": "fever",
                         "tall": "tall stature", "clumsy": "clumsiness", "apathetic": "apathy",
                         "disinhibited": "disinhibition", "anemic": "anemia"}
#: Adjectives that name a finding only when said of a person ("he is diabetic", "a floppy
#: infant", "she was hypothyroid"), not of a thing ("diabetic nephropathy", "a floppy
#: epiglottis", "a myopic eye"), and the name they stand for; read like the "-ive"
#: adjectives of one-word names ("hypertensive").
_PERSON_ADJECTIVES = {
    "diabetic": "diabetes", "autistic": "autism", "hypothyroid": "hypothyroidism",
    "hypoparathyroid": "hypoparathyroidism", "hirsute": "hirsutism", "asthmatic": "asthma",
    "parkinsonian": "parkinsonism", "demented": "dementia", "tetraparetic": "tetraparesis",
    "quadriparetic": "tetraparesis", "paraparetic": "paraparesis", "hemiparetic": "hemiparesis",
    "fatigued": "fatigue", "myopic": "myopia", "hypermetropic": "hypermetropia",
    "cryptorchid": "cryptorchidism", "constipated": "constipation", "hyperteloric": "hypertelorism",
    "floppy": "hypotonia", "areflexic": "areflexia", "hyperreflexic": "hyperreflexia",
    "hyporeflexic": "hyporeflexia", "underweight": "decreased body weight", "short": "short stature",
    "hypermobile": "joint hypermobility", "malnourished": "malnutrition", "septic": "sepsis",
    "overactive": "hyperactivity", "premature": "premature birth", "breathless": "dyspnea",
    "restless": "restlessness", "edematous": "edema",
}
_MAX_BAG_WINDOW = 11
#: words that open a negated predicate whose subject came earlier (:meth:`DictionaryMatcher._elliptical_predicates`)
_ELLIPSIS_OPENERS = frozenset({"not", "nor", "neither", "or", "than", "no", "without", "but", "and"})
#: openers of a second predicate, not a negated one: "the philtrum is short but well grooved";
#: their predicate is a participle ("and palate" is a head of its own)
_SECOND_PREDICATE_OPENERS = frozenset({"and", "but"})
#: negators that a predicate's reading holds, and the recognizer then reads as its negation
#: ("fingers not long", "neither short nor long")
PREDICATE_NEGATORS = frozenset({"not", "nor", "neither"})
#: negators of one item of a list of predicates ("highly arched, not bushy, and …")
_ITEM_NEGATORS = frozenset({"not", "no", "without"})
_ELLIPSIS_SKIPPED = frozenset("a an the are is was were they it he she".split())
#: words after which an elliptical predicate's item has ended
_ELLIPSIS_ENDS = frozenset("and or nor but with bilaterally on in".split())
#: how far back its subject may be
_ELLIPSIS_REACH = 16
#: and a second predicate's, whose subject is the nearest ("the philtrum is elongated but well grooved")
_SECOND_PREDICATE_REACH = 12
#: words that make a reading a statement of its term's absence
_STATED_ABSENT = frozenset("not no neither nor without normal normally intact unremarkable".split())
_NONE: frozenset = frozenset()
#: the most words of a heading's list read with the heading ("Ears: large, low-set, …")
_HEADING_LIST_WORDS = 40
#: Words that name a finding only of a person: "a tall boy", "he is tall", "she is
#: nonverbal", "she was anemic", not "tall T waves", "nonverbal IQ", "anemic spots" (of
#: the skin); and the nouns of people they may stand before.
_OF_PEOPLE = frozenset({"tall", "nonverbal", "anemic"})
_LENGTH_UNITS = frozenset("cm m mm ft foot feet inch inches centimeter centimetre meter metre".split())
_PEOPLE = frozenset("boy girl man woman men women child children infant adult patient individual person "
                    "people sibling brother sister father mother son daughter adolescent teenager male female "
                    "proband twin".split())
_PRONOUNS = frozenset("he she i we you".split())  # not "they": "they are locally aggressive"
#: Frequent verbs that end a noun phrase ("cleft lip and palate *was* repaired").
_VERBS = frozenset("is are was were be been being has have had may might can could will would should "
                   "shows showed showing presented presents developed develops occurred occur occurs "
                   "appeared appear appears remained remains".split())
#: Endings of adjectives read as the one-word finding of their stem ("ataxic" → Ataxia,
#: "infertile" → Infertility). Not "-ive", which describes things as often ("inactive allele",
#: "hyperactive reflexes"): those are read only of a person (``person_adjective_``).
_ADJ_FORMS = ("ic", "ile")
#: Nouns of a measured value that the order-free tier may pass over like a degree word:
#: "creatine kinase levels were elevated", "serum ammonia concentration was high".
_VALUE_NOUNS = frozenset({"level", "concentration", "value", "titer", "titre"})
#: specimens a laboratory finding may name between its direction and its analyte ("low
#: serum magnesium" is *Hypomagnesemia*, whose names say "low magnesium")
_LAB_SPECIMENS = frozenset({"serum", "plasma"})
_OPTIONAL = MODIFIERS | _VALUE_NOUNS | _LAB_SPECIMENS
#: "absence" is "absent" only before these: "Absence seizure" is a kind of seizure.
_ABSENCE_OF = re.compile(r"\babsence (of|or|and)\b")
#: Words of direction that a list of analytes shares ("elevated CK and lactate").
_DIRECTIONS = frozenset(w for w in STEM_SYNONYM_WORDS if stem_word(w) in ("increased", "decreased"))
_OOV_MEMO = 200_000  # most unknown words remembered (order-free code, typo correction)
_NO_MEMO = object()
_ADJ_SUFFIXES = ("al", "ar", "ic", "ous", "ary", "ive", "ile", "ed", "oid")
#: What an adverb may modify for the order-free tier to read it as its adjective:
#: "mentally retarded", "emotionally labile", not "negatively affect", "unusually severe".
_ADVERB_HEADS = (*_ADJ_SUFFIXES, "able")
#: Copulas the order-free tier reads through once, from a subject to its predicate
#: ("deep tendon reflexes were absent" = "absent deep tendon reflexes"), and the words
#: that may follow one before the predicate ("was also noted to be enlarged").
COPULAS = frozenset(
    "is are was were appear appeared appears seem seemed seems became becomes remain remained remains".split())
_COPULA_LIKE = COPULAS | {"not"}


def is_content_word(norm: str) -> bool:
    """Whether a word (its key) goes on with the noun phrase before it: a word of letters,
    no stop word or conjunction ("no speech | therapy", "MR | angiogram")."""
    return norm.isalpha() and norm not in STOPWORDS and norm not in CONJUNCTIONS
#: prepositions that STOPWORDS lacks, after which a predicate has ended ("tone was reduced
#: since birth", "… throughout", "speech not delayed per early records", "not delayed as such")
_PREPOSITIONS = frozenset("since after before during until till throughout despite across within beyond relative "
                          "per as than via upon following except versus vs without".split())
#: auxiliaries of a perfect copula ("has been", "had been")
_PERFECT = frozenset({"has", "have", "had"})
#: one-word names that mean "eager" before "to": "anxious to return to school"
_EAGER_WORDS = frozenset({"anxious"})
#: "fall" and "falls", which are also verbs of sleep and of measures ("to fall asleep",
#: "scores fall within the mild range"): :func:`_falls_as_a_verb`
_FALL_WORDS = frozenset({"fall", "falls"})
_FALL_VERB_NEXT = frozenset({"asleep", "short", "behind"})
_FALL_PLACES = frozenset({"in", "into", "within", "below", "above", "outside", "between"})
_FALL_RANGE_WORDS = frozenset({"range", "ranges", "category", "centile", "centiles", "percentile", "percentiles",
                               "band", "limits"})
#: words after "fall off" that name what one falls from ("falls off his bike"; not "did not fall off
#: later", a measure's)
_FALL_OFF_THINGS = frozenset("the a an his her their my its bikes bike bed beds chair chairs stairs horse".split())
#: what a measure falls below or above ("scores fall below average")
_FALL_LEVEL_WORDS = frozenset({"average", "mean", "normal", "expected"})


def _falls_as_a_verb(norms: Sequence[str], b: int) -> bool:
    """Whether "fall(s)" before ``norms[b]`` is a verb of sleep or of a measure: before
    "asleep" (or "back asleep"), "short" or "behind", "in", "within" … a range or a centile,
    or "below" / "above" the average ("scores fall within the mild range"; "falls in the playground",
    "falls within normal daily activities", "falls outside the home, on average …" stay
    falls)."""
    nxt = norms[b]
    if nxt in _FALL_VERB_NEXT or nxt == "back" and "asleep" in norms[b + 1:b + 2]:  # ("fall back asleep")
        return True
    if nxt not in _FALL_PLACES:
        return False
    ahead = norms[b + 1:b + 7]  # ("fall below the mild intellectual disability range")
    return not _FALL_RANGE_WORDS.isdisjoint(ahead) or (nxt in ("below", "above")
                                                         and not _FALL_LEVEL_WORDS.isdisjoint(ahead[:2]))


#: person adjectives that a note's item may say of the part or the thing before it ("philtrum
#: long, not short", "the lesion, not aggressive, …"): not read as a negated item alone
_PART_OR_THING_ADJECTIVES = frozenset({"short", "aggressive"})
#: one-word names that are also given names: not read, written with a capital, in a text
#: that names a person so (:func:`_names_a_person`)
_GIVEN_NAMES = frozenset({"amelia"})
#: words the order-free scan passes over: the stop words, and "any" ("he has not lost any
#: skills" is "lost skills" denied)
_BAG_STOPWORDS = STOPWORDS | {"any"}
#: the auxiliary of a negated verb, passed over before its "not"
_DO = frozenset({"do", "does", "did"})
_COPULA_FILLERS = frozenset(
    "also noted found observed seen considered shown to be been become not neither pathologically always "
    "reported described as detected identified held kept likewise".split())
#: Predicates that read as a finding only with the name's own word ("reflexes were absent"
#: is *Absent tendon reflexes*), since their stem-mates mean something else (*Absence seizure*).
_LITERAL_PREDICATES = frozenset("absent negative normal lacking missing unremarkable none".split())
#: Negative words that open a name as HPO writes it: "no speech" is *Absent speech*,
#: "unable to walk" and "never walked" *Inability to walk*. Where HPO has no such name
#: ("no seizures") nothing is read, and the context rules negate the finding as before.
NEGATIVE_WORDS = {"no": "absent", "unable": "inability", "cannot": "inability", "never": "inability"}
_HYPHEN_MARKS = frozenset(HYPHENS)
#: Second words of hyphenated compounds that are no longer the first word's finding:
#: "tumor-like", "blind-ending", "fatigue-resistant", "vitamin K-dependent", "spike-wave",
#: "long-standing" ("sweaty palms long-standing" is no *Long palm*).
_COMPOUND_TAILS = frozenset("like shaped ending ended looking resistant prone dependent wave standing lasting".split())
#: Nouns after which a finding's name names a measure of it, not the finding: "a high pain
#: threshold" (not *Pain*), "seizure threshold", "exercise tolerance".
_MEASURE_HEADS = frozenset({"threshold", "tolerance"})
#: Words that may follow "changes" / "poorly" where the word ends what it qualifies
#: ("skin changes were noted", "she gained weight poorly and …").
_AFTER_CHANGE = CONJUNCTIONS | _VERBS
_AFTER_POORLY = CONJUNCTIONS | STOPWORDS
#: words that give a list's conjunct a qualifier of its own, ending a shared direction word's
#: reach (:meth:`DictionaryMatcher._rest_of_list`)
_OWN_QUALIFIERS = frozenset("normal no not absent preserved intact good brisk".split())


def _case_ok(e: DictEntry, words: Sequence[str]) -> bool:
    """Whether ``words`` (as written) hold the capitalised words of the name of ``e``."""
    return all(e.surface[k] in words or e.surface[k] + "s" in words for k in e.upper)


def _case_checked(options, words: Sequence[str]):
    """The order-free options whose capitalised words (acronyms: "CK", "TSH") the text
    writes so: "CK was elevated" is *Elevated circulating creatine kinase concentration*,
    "ck" is no acronym."""
    if not options or not any(o[0].upper for o in options):
        return options
    return tuple(o for o in options if not o[0].upper or _case_ok(o[0], words))


#: Specimens other than blood: an order-free match of a laboratory name ("increased
#: glycine", read as *Hyperglycinemia*) is not made when the text goes on "in the urine".
_OTHER_SPECIMENS = frozenset({"urine", "csf", "cerebrospinal", "feces", "stool", "saliva", "sweat", "tissue"})


def _in_specimen(norms: Sequence[str], j: int, hard) -> bool:
    """Whether the words after ``j`` are "in (the) <specimen other than blood>"."""
    k = j + 1
    if k + 1 >= len(norms) or norms[k] != "in" or hard[k]:
        return False
    k += 1 + (norms[k + 1] == "the")
    return k < len(norms) and not hard[k] and norms[k] in _OTHER_SPECIMENS


def _positions(seq: list[str], items) -> list[int]:
    """Indices of the occurrences of ``items`` in ``seq``, in ascending order (found by
    ``list.index``, so the common case — none or few — costs no Python loop over ``seq``;
    many items, as in a long text, in one pass). The order is the text's, never a set's:
    a caller may depend on the word before ("EEG change" reads "change" as "abnormal" only
    once "EEG" has its code), and a set's order changes with the process's hash seed."""
    wanted = items if isinstance(items, (set, frozenset)) else frozenset(items)
    if len(wanted) > 16:
        return [x for x, w in enumerate(seq) if w in wanted]
    out = []
    for item in wanted:
        x = -1
        try:
            while True:
                x = seq.index(item, x + 1)
                out.append(x)
        except ValueError:
            pass
    out.sort()
    return out


def _ly_adverb(w: str) -> bool:
    """An adverb in "-ly" ("constantly"; not "family")."""
    return len(w) > 5 and w[-2:] == "ly" and w != "family"


def _adjective_form(w: str) -> bool:
    """An adjective read as the one-word finding of its stem; "-phile" ends nouns
    ("neutrophiles")."""
    return len(w) >= 6 and w.endswith(_ADJ_FORMS) and not w.endswith("phile")


def _of_a_thing(norms: Sequence[str], hard: Sequence[bool], i: int) -> bool:
    """Whether a finding word said only of people (:data:`_OF_PEOPLE`) describes the next
    word instead, a thing: "tall T waves", "nonverbal IQ" (not "a tall boy", "he is tall"),
    or ends a measure: "150 cm tall"."""
    return norms[i] in _OF_PEOPLE and (_before_a_thing(norms, hard, i)
                                       or (i > 0 and not hard[i] and norms[i - 1] in _LENGTH_UNITS))


def _before_a_thing(norms: Sequence[str], hard: Sequence[bool], i: int) -> bool:
    """Whether word ``i`` stands before a noun that is no person ("unconscious imitation")."""
    if i + 1 >= len(norms) or hard[i + 1]:
        return False
    nxt = norms[i + 1]
    return nxt.isalpha() and nxt not in _PEOPLE and nxt not in STOPWORDS and nxt not in CONJUNCTIONS \
        and nxt not in _VERBS and nxt not in _CLAUSE_WORDS


def _first_of_two_adjectives(norms: Sequence[str], hard: Sequence[bool], i: int, seps: Sequence[str] | None) -> bool:
    """Whether word ``i`` is the first of two adjectives of shape or size, a comma between
    them, before a noun that is no person: "she has short, broad thumbs" (not "she is short,
    thin and pale", nor "short, broad-chested")."""
    return seps is not None and norms[i] in _COORDINATE_ADJECTIVES and i + 2 < len(norms) \
        and seps[i + 1].strip() == "," and norms[i + 1] in _COORDINATE_ADJECTIVES \
        and "-" not in seps[i + 2] and _before_a_thing(norms, hard, i + 1)


def _names_a_person(text: str, name: str) -> bool:
    """Whether ``text`` uses ``name`` (a given name that is also a finding, "Amelia") as a
    person's: "Re: Amelia", "Amelia's", "Amelia, aged 4 months", "Dear Amelia", or the name
    with "she" / "her" within its sentence after it."""
    n = re.escape(name)
    return re.search(rf"\b(?:Re|Name|Patient|Dear|Miss|Ms|Mrs):?\s+{n}\b|\b{n}['’]s\b|\b{n},\s+(?:aged?|who)\b"
                     rf"|\b{n}\b[^.\n]{{0,60}}\b(?:she|her)\b", text) is not None


#: degree words that may open a note's item before its person adjective ("Very floppy.")
_ITEM_DEGREES = frozenset("very profoundly markedly severely mildly quite extremely rather".split())
#: headings a note's item says of the patient ("Tone: floppy", "General: septic", "O/E: floppy")
_PATIENT_HEADINGS = frozenset("tone general appearance impression exam examination oe ge habitus neuro neurology cns "
                              "assessment patient child infant baby gait adm admission presentation resp gen ex obs imp "
                              "hx behaviour behavior behav feeding nutrition weight mood".split())


#: words after "from" / "since" that name a person's early life ("floppy from birth", "since early infancy")
_EARLY_LIFE = frozenset({"birth", "infancy", "early", "babyhood", "the", "a", "neonatal", "childhood"})


def _of_a_person(norms: Sequence[str], hard: Sequence[bool], i: int, seps: Sequence[str] | None = None) -> bool:
    """Whether word ``i`` describes a person: before a noun of people ("a hyperactive
    child"), after one in its clause ("she is hyperactive"; not "the tumor was
    aggressive", "hyperactive reflexes"), since early life ("floppy from early infancy",
    "Isla was noted to be floppy from birth"), or as an item on its own, negated or not
    ("…, not hyperactive, …", "Tone: profoundly floppy."; not :data:`_PART_OR_THING_ADJECTIVES`)."""
    if i + 1 < len(norms) and not hard[i + 1]:
        if norms[i + 1] in _PEOPLE:
            return True
        if norms[i + 1] in ("from", "since") and i + 2 < len(norms) and not hard[i + 2] \
                and norms[i + 2] in _EARLY_LIFE:
            return True
        if norms[i + 1] in ("of", "to"):
            return False  # "he is short of breath", "she is anxious to return to school"
    if i >= 1 and norms[i - 1] == "not" and (i == 1 or hard[i - 1]) and (i + 1 == len(norms) or hard[i + 1]) \
            and (norms[i] not in _PART_OR_THING_ADJECTIVES
                 or i == 1 or (seps is not None and ("." in seps[i - 1] or "\n" in seps[i - 1]))):
        return True  # an item of a note on its own: "Behaviour: no tantrums, not hyperactive"; a
        # sentence of its own too where the word may be said of a thing: "… routines. Not aggressive."
    if (i + 1 == len(norms) or hard[i + 1]) and norms[i] not in _PART_OR_THING_ADJECTIVES:
        j = i - 1 if i >= 1 and norms[i - 1] in _ITEM_DEGREES and not hard[i] else i
        if j == 0 or (hard[j] and (seps is None or ":" not in seps[j] or norms[j - 1] in _PATIENT_HEADINGS
                                   or norms[j - 2:j] == ["o", "e"])):
            return True  # the whole item, said of the patient: "Floppy.", "Tone: profoundly floppy."
            # (not under another heading: "Wound: septic", "Sibling 1: floppy")
    reach = 6 if i >= 2 and norms[i - 2] == "to" and norms[i - 1] == "be" else 4  # ("he was noted to be floppy")
    for k in range(i, max(i - reach, 0), -1):
        if hard[k]:
            break
        if norms[k - 1] in _PEOPLE or norms[k - 1] in _PRONOUNS or norms[k - 1] == "him" or (
                norms[k - 1] == "her" and k < i and norms[k] == "as"):
            return not _before_a_thing(norms, hard, i) and not _first_of_two_adjectives(norms, hard, i, seps)
            # (an object too: "they describe him / her as overactive"; not "her tumour was aggressive")
    return False


def _conjunct_end(norms: Sequence[str], breaks, commas, after: int, nxt: int, width: int,
                  inner_stops: bool = False) -> int | None:
    """End of a conjunct of ``width`` words at ``nxt``, after the conjunction or comma at
    ``after``, that ends its phrase: None where it crosses a break, holds a conjunction,
    a stop word (with ``inner_stops``, only as its first or last word: "… and met in the
    midline") or a non-word, or where the phrase goes on ("… and ulnar deviation")."""
    n = len(norms)
    e = nxt + width
    if e > n or any(breaks[x] or commas[x] for x in range(nxt, e) if x > after):
        return None
    if any(w in CONJUNCTIONS or not w.isalpha() for w in norms[nxt:e]) or norms[nxt] in STOPWORDS \
            or norms[e - 1] in STOPWORDS or (not inner_stops and any(w in STOPWORDS for w in norms[nxt:e])):
        return None
    if e < n and not breaks[e] and not commas[e] and norms[e].isalpha() and norms[e] not in STOPWORDS \
            and norms[e] not in CONJUNCTIONS and norms[e] not in _VERBS:
        return None
    return e


def _next_conjunct(norms: Sequence[str], breaks, after: int) -> int:
    """Where the conjunct after the conjunction or comma at ``after`` begins ("and/or" read
    as one conjunction)."""
    nxt = after + 1 if norms[after] in CONJUNCTIONS else after
    if nxt < len(norms) - 1 and norms[nxt] in CONJUNCTIONS and not breaks[nxt]:
        nxt += 1  # "and/or"
    return nxt


def _ends_phrase(norms: Sequence[str], hard: Sequence[bool] | None, x: int, closers: frozenset) -> bool:
    """Whether word ``x`` ends its phrase: the last word, before a break (``hard``, when
    known) or a non-word, or before one of ``closers``."""
    k = x + 1
    return k == len(norms) or (hard is not None and hard[k]) or not norms[k].isalpha() or norms[k] in closers


def _participle_noun(w: str) -> str:
    """The noun of a participle in "-ated" / "-ified": "dislocated" → "dislocation",
    "calcified" → "calcification"."""
    return w[:-2] + "ion" if w.endswith("ated") else w[:-3] + "ication"


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one insertion, deletion, substitution or
    transposition of neighbours (optimal string alignment distance 1)."""
    if a == b:
        return False
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1:] == b[i + 1:]:
            return True  # substitution
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:]
    if la > lb:
        return a[i + 1:] == b[i:]
    return a[i:] == b[i + 1:]


def _agree_number(entries: tuple[DictEntry, ...], last_word: str) -> tuple[DictEntry, ...]:
    """Readings of a name that a count term ("Multiple lipomas") shares with another term
    ("Lipoma"): a plural in the text ("lipomas") keeps the terms with a plural name, the
    count term among them; a singular keeps the others."""
    if is_plural(last_word):
        kept = tuple(e for e in entries if e.number != SINGULAR)
    else:
        kept = tuple(e for e in entries if e.number != COUNT)
    return kept or entries


class Candidate(NamedTuple):
    """A matched span of tokens ``[start, end)`` and the dictionary entries it matched."""

    start: int
    end: int
    entries: tuple[DictEntry, ...]
    tier: str

    @property
    def confidence(self) -> float:
        rank = self.entries[0].rank  # entries are sorted best rank first
        return round(TIER_CONFIDENCE[self.tier] - _RANK_PENALTY[min(rank, 5)], 3)


class DictionaryMatcher:
    """Find dictionary names in tokenised text.

    Args:
        dictionary: a built :class:`~kgmed.text.dictionary.TermDictionary`.
        bag: enable the order-free tier.
        coordination: enable the coordination tier.
        predicative: let the order-free tier read through one copula, from a subject to
            its predicate ("muscle tone was decreased" = "decreased muscle tone").
        negative_forms: let the order-free tier read "no X" as *Absent X* and "unable to X"
            as *Inability to X* where HPO has that name ("no speech" → *Absent speech*);
            "no X" must end the noun phrase ("no speech therapy" is nothing).
        seed: seed of the random word codes of the order-free tier.

    After :meth:`build`: ``automaton_`` (pyahocorasick), ``bag_`` (code sum → names).
    """

    def __init__(self, dictionary: TermDictionary, *, bag: bool = True, coordination: bool = True,
                 predicative: bool = True, negative_forms: bool = True, seed: int = 0):
        self.dictionary = dictionary
        self.bag = bag
        self.coordination = coordination
        self.predicative = predicative
        self.negative_forms = negative_forms
        self.seed = seed

    def build(self) -> "DictionaryMatcher":
        """Compile the automaton and the order-free index; returns ``self``."""
        import ahocorasick

        d = self.dictionary
        d._check_built()
        auto = ahocorasick.Automaton()
        self.entries_: list[tuple[DictEntry, ...]] = []
        self.has_upper_: list[bool] = []
        self.has_count_: list[bool] = []
        for key, entries in d.keys_.items():
            idx = len(self.entries_)
            self.entries_.append(tuple(entries))
            self.has_upper_.append(any(e.upper for e in entries))
            self.has_count_.append(any(e.number == COUNT for e in entries))
            auto.add_word(f" {key} ", (idx, key.count(" ") + 1, len(key) + 2))
        auto.make_automaton()
        self.automaton_ = auto

        rng = random.Random(self.seed)
        self.stem_codes_: dict[str, int] = {}
        # Memo of stems for the ontology's words only; other words are stemmed on the fly.
        self.stem_of_: dict[str, str] = {w: stem_word(w) for w in set(d.vocab_.values())}
        shared = Counter(self.stem_of_.values())
        for w in [w for w in self.stem_of_ if w.endswith(("ated", "ified"))]:
            # a participle reads as its noun where the names have the noun: "dislocated" as
            # "dislocation", "calcified" as "calcification" (the stems differ); not where
            # its stem already joins it to another word ("dilated" and "dilatation")
            noun = _participle_noun(w)
            if noun in self.stem_of_ and shared[self.stem_of_[w]] == 1:
                self.stem_of_[w] = self.stem_of_[noun]
        bag: dict[int, dict[tuple[int, frozenset], DictEntry]] = {}
        pairs: set[int] = set()  # code sums of word pairs that occur together in some name
        plain_stems: set[str] = set()  # stems of names readable in any case
        acronym_stems: set[str] = set()  # stems of names with capitals ("Elevated CK")
        acronym_words: set[str] = set()  # their words in capitals ("ck")
        def variants():
            for key, entries in d.keys_.items():
                if "absence " in key:
                    key = _ABSENCE_OF.sub(r"absent \1", key)  # not "Absence seizure"
                yield key, entries, None
                if key.endswith(" change"):  # "EMG: neuropathic changes" whichever way it is coded
                    yield key[:-6] + "abnormal", entries, key

        for key, entries, written in variants():
            words = [w for w in key.split(" ") if w not in STOPWORDS]
            if key.endswith(" a"):
                words.append("a")  # the letter, not the article: "Reduced hemoglobin A"
            if len(words) < 2 or len(words) > _MAX_BAG_WORDS:
                continue
            code = 0
            wcodes = []
            plain = not all(e.upper for e in entries)
            capitals: set[str] = set()  # the words written in capitals
            if not plain:
                kw = key.split(" ")
                capitals = {kw[k] for e in entries for k in e.upper if k < len(kw)}
                acronym_words.update(capitals)
            for w in words:
                s = self.stem_of_.get(w) or stem_word(w)
                # only an acronym is read in capitals alone: "recordings" of "abnormal EEG
                # recordings" is read in any case ("EEG recordings were abnormal")
                (acronym_stems if w in capitals else plain_stems).add(s)
                c = self.stem_codes_.get(s)
                if c is None:
                    c = self.stem_codes_[s] = rng.getrandbits(62)
                code += c
                wcodes.append(c)
            for x in range(len(wcodes)):
                for y in range(x + 1, len(wcodes)):
                    pairs.add(wcodes[x] + wcodes[y])
            bucket = bag.setdefault(code, {})
            wset = frozenset(words if written is None else (w for w in written.split(" ") if w not in STOPWORDS))
            for e in entries:
                old = bucket.get((e.row, wset))
                if old is None or e.rank < old.rank:
                    bucket[(e.row, wset)] = e
        self.bag_ = {k: tuple(sorted(((e, w) for (_, w), e in v.items()), key=lambda x: (x[0].rank, x[0].row)))
                     for k, v in bag.items()}
        self.pairs_ = pairs
        # "-ic" adjectives of one-word names ("microcephalic" → Microcephaly): ontology words
        # whose stem is that of a one-word name of 6+ letters, and not a name themselves.
        single: dict[str, tuple[DictEntry, ...]] = {}
        for key, entries in d.keys_.items():
            if " " not in key and len(key) >= 6 and not any(e.upper for e in entries):
                single.setdefault(self.stem_of_.get(key) or stem_word(key), tuple(entries))
        self.adjective_: dict[str, tuple[DictEntry, ...]] = {}
        for w, st in self.stem_of_.items():
            if _adjective_form(w) and w not in d.keys_ and st != w and st in single:
                self.adjective_[w] = single[st]
        for w in self._foreign_adjectives():
            if len(w) < 7 or not w.endswith("ic"):  # short and "-ile" ones are more ambiguous
                del self.adjective_[w]
        self.single_ = single  # for the adjectives of words no name uses ("lethargic")
        # "-ive" adjectives of one-word names, read only of a person ("he is hyperactive"),
        # as "hyperactive reflexes", "the tumor was aggressive" describe things
        self.person_adjective_ = {}
        for w, st in self.stem_of_.items():
            if len(w) >= 8 and w.endswith("ive") and w not in d.keys_:
                # "hyperactive" shares its stem with Hyperactivity; "hypertensive" is
                # Hypertension by its noun in "-ion"
                if st not in single:
                    st = stem_word(w[:-3] + "ion")
                if st in single:
                    self.person_adjective_[w] = single[st]
        for adj, noun in _PERSON_ADJECTIVES.items():
            entries = d.keys_.get(noun)
            if entries and adj not in d.keys_ and not any(e.upper for e in entries):
                self.person_adjective_[adj] = tuple(entries)
        # one-word names of a quality, by the stem of their adjective: "drowsy", "numb",
        # "sleepy" (words no name uses) read as Drowsiness, Numbness
        self.quality_ = {st: e for k, e in d.keys_.items() if " " not in k and k.endswith("ness")
                         and len(k) >= 8 and not any(x.upper for x in e) for st in (stem_word(k),)}
        self.quality_prefixes_ = frozenset(st[:3] for st in self.quality_)  # a cheap first test
        for adj, noun in _IRREGULAR_ADJECTIVES.items():
            entries = d.keys_.get(noun)
            if entries and adj not in d.keys_ and not any(e.upper for e in entries):
                self.adjective_[adj] = tuple(entries)
        # One-typo index of the names' long words (SymSpell-style deletions): "hypotonai",
        # "ankylois" → the name word one edit away, when exactly one is.
        name_words = {w for k in d.keys_ for w in k.split(" ") if len(w) >= _TYPO_MIN and w.isalpha()}
        typo: dict[str, tuple[str, ...]] = {}
        for w in name_words:
            for v in {w, *(w[:x] + w[x + 1:] for x in range(len(w)))}:
                typo[v] = typo.get(v, ()) + (w,)
        self.typo_ = typo
        self.typo_memo_: dict[tuple[str, str], str | None] = {}  # word (key, as written) → correction
        self.name_words_ = name_words
        # a one-typo word keeps its first or its last four letters intact
        self.typo_ends_ = {w[:4] for w in name_words} | {"~" + w[-4:] for w in name_words}
        # code of each normalised word, for the order-free scan; words that only names with
        # capitals use ("ck", "ct", "ci") are read only where the text writes them so
        caps_only = acronym_stems - plain_stems
        self.caps_code_: dict[str, int] = {}
        self.caps_stems_ = frozenset(caps_only)
        self.word_code_: dict[str, int] = {}
        for w, s in self.stem_of_.items():
            c = self.stem_codes_.get(s)
            if c is None or w in STOPWORDS:
                continue
            if s not in caps_only:
                self.word_code_[w] = c
            elif w in acronym_words:
                self.caps_code_[w] = c
        # words no name uses that stand for one that does ("deranged" for "abnormal")
        for w in STEM_SYNONYM_WORDS - self.word_code_.keys():
            c = self.stem_codes_.get(stem_word(w))
            if c is not None:
                self.word_code_[w] = c
        self.oov_code_: dict[str, int] = {}  # memo: codes of words no name uses
        self.oov_seen_: set[str] = set()  # and all such words seen
        self.letter_a_ = self.stem_codes_.get("a")  # names ending in the letter A
        self.absent_code_ = self.stem_codes_.get("absent")
        self.adverbs_ = frozenset(w for w in self.word_code_ if is_adverb(w))
        # words the order-free scan looks at one by one: acronyms, adverbs, "absence", "change",
        # "lead", "poorly"
        self.abnormal_code_ = self.stem_codes_.get("ABN")
        self.poor_code_ = self.stem_codes_.get(self._stem("poor"))
        self.special_words_ = frozenset(self.caps_code_) | self.adverbs_ | {
            "absence", "change", "lead", "leading", "poorly"}
        # negative words read as the word HPO's names use ("no speech" = "absent speech")
        self.negative_code_: dict[str, int] = {}
        for w, target in NEGATIVE_WORDS.items():
            c = self.stem_codes_.get(self._stem(target))
            if c is not None:
                self.negative_code_[w] = c
        self.attributive_ = self._attributive()
        self.n_descendants_: dict[int, int] = {}  # memo of _related
        return self

    def _foreign_adjectives(self) -> list[str]:
        """Adjectives that HPO's names use only for terms outside their noun's: "clonic"
        names *Clonic seizure* and *Bilateral tonic-clonic seizure*, never a kind of
        *Clonus*; "ataxic" names *Ataxic gait*, a kind of *Ataxia*. Only the short ones
        and those in "-ile" are dropped for it ("clonic movements" is not *Clonus*): the
        long "-ic" ones read well alone although HPO's names use them so ("pruritic
        lesions", "psychotic episodes")."""
        kg = self.dictionary.kg
        users: dict[str, set[int]] = {}
        for key, entries in self.dictionary.keys_.items():
            if " " in key:
                for w in set(key.split(" ")) & self.adjective_.keys():
                    users.setdefault(w, set()).update(e.row for e in entries)
        out = []
        for w, rows in users.items():
            own = {e.row for e in self.adjective_[w]}
            if not any(own & set(kg.ancestor_rows(r, include_self=True).tolist()) for r in rows):
                out.append(w)
        return out

    def _attributive(self) -> dict[str, frozenset[str]]:
        """One-word "-ing" synonyms that HPO names also use attributively, for terms
        unrelated to the synonym's: "collecting" names *Collectionism*, but in *Duplicated
        collecting system* "collecting system" is anatomy. Word → the next words that make
        such a compound (the label of a term, "Vomiting", is always read)."""
        keys = self.dictionary.keys_
        follow: dict[str, dict[str, set[int]]] = {}
        for key, entries in keys.items():
            ws = key.split(" ")
            for a, b in zip(ws, ws[1:]):
                if a.endswith("ing") and b not in STOPWORDS and b not in CONJUNCTIONS and b.isalpha():
                    follow.setdefault(a, {}).setdefault(b, set()).update(e.row for e in entries)
        kg = self.dictionary.kg
        out: dict[str, frozenset[str]] = {}
        for w, nxt in follow.items():
            entries = keys.get(w)
            if not entries or entries[0].rank == 0 or any(e.upper for e in entries):
                continue
            own = {e.row for e in entries}
            comp = set()
            for b, rows in nxt.items():
                if f"{w} {b}" in keys:
                    continue
                related = any(own & set(kg.ancestor_rows(r, include_self=True).tolist()) for r in rows)
                if not related:
                    comp.add(b)
            if comp:
                out[w] = frozenset(comp)
        return out

    def correct_typos(self, tokens: Tokens) -> None:
        """Replace, in place, the key of each unknown word of 8+ letters by the one name
        word a single edit (insertion, deletion, substitution, transposition) away."""
        if not tokens.oov:
            return
        typo, names, norms, words = self.typo_, self.name_words_, tokens.norms, tokens.words
        ends, memo = self.typo_ends_, self.typo_memo_
        for i in tokens.oov:
            w = norms[i]
            if len(w) < _TYPO_MIN or w in names or not w.isalpha():
                continue
            lw = words[i].lower()
            if w[:4] not in ends and "~" + w[-4:] not in ends and "~" + lw[-4:] not in ends:
                continue
            key = (w, lw)
            fix = memo.get(key, _NO_MEMO)
            if fix is _NO_MEMO:
                fix = None
                for v0 in {w, lw}:  # the key, and the word as written ("hypotonai")
                    hits = set()
                    for v in (v0, *(v0[:x] + v0[x + 1:] for x in range(len(v0)))):
                        for h in typo.get(v, ()):
                            if _one_edit(v0, h):
                                hits.add(h)
                    if len(hits) == 1:
                        fix = hits.pop()
                        break
                if len(memo) < _OOV_MEMO:
                    memo[key] = fix
            if fix is not None:
                norms[i] = fix

    # ----------------------------------------------------------------- match
    def match(self, tokens: Tokens, barrier: Sequence[bool], comma: Sequence[bool]) -> list[Candidate]:
        """All candidate matches in ``tokens``.

        Args:
            tokens: the text's words (:func:`~kgmed.text.normalize.tokenize`).
            barrier: ``barrier[i]`` is True when a clause mark or bracket separates word
                ``i-1`` and word ``i``.
            comma: ``comma[i]`` is True when a comma separates them.
        """
        n = len(tokens)
        if n == 0:
            return []
        hard = list(map(operator.or_, barrier, comma))
        cum = list(accumulate(hard, initial=0))  # cum[i] = hard breaks before word i
        found: dict[tuple[int, int], Candidate] = {}
        norms = tokens.norms
        keyed, offs = tokens.keyed()
        self._exact(keyed, offs, None, None, tokens, cum, found, check_case=True)
        if any(comma):
            self._exact_coordinated(keyed, offs, tokens, barrier, comma, found)
        joined = tokens.joined
        if any(joined):
            self._exact_joined(tokens, hard, cum, found)
        codes = None
        if self.bag:
            codes = self._bag(tokens, hard, found)
            adj = self.adjective_
            for i, entries in enumerate(map(adj.get, norms)):
                if entries is not None and (i, i + 1) not in found and not _of_a_thing(norms, hard, i):
                    found[(i, i + 1)] = Candidate(i, i + 1, entries, "bag")
            if not self.person_adjective_.keys().isdisjoint(norms):
                for i in _positions(norms, self.person_adjective_.keys() & set(norms)):
                    if (i, i + 1) not in found and _of_a_person(norms, hard, i, tokens.seps):
                        found[(i, i + 1)] = Candidate(i, i + 1, self.person_adjective_[norms[i]], "bag")
            for i in tokens.oov:
                w = norms[i]
                if (i, i + 1) in found or not w.isalpha():
                    continue
                if w.endswith(_ADJ_FORMS) and _adjective_form(w):
                    entries = self.single_.get(stem_word(w))
                elif w.endswith(("ated", "ified")):
                    # "he is constipated" → Constipation (not "calcified lesions": a thing)
                    entries = self.single_.get(stem_word(_participle_noun(w)))
                    if entries is not None and _before_a_thing(norms, hard, i):
                        continue
                elif len(w) >= 4 and w[:3] in self.quality_prefixes_ and not w.endswith("ness"):
                    # "drowsy" → Drowsiness, "numb"; of a person, not "unconscious imitation"
                    entries = self.quality_.get(stem_word(w))
                    if entries is not None and _before_a_thing(norms, hard, i):
                        continue
                else:
                    continue
                if entries is not None:
                    found[(i, i + 1)] = Candidate(i, i + 1, entries, "bag")
        if not _OF_PEOPLE.isdisjoint(norms):
            for i in _positions(norms, _OF_PEOPLE.intersection(norms)):
                if (i, i + 1) in found and _of_a_thing(norms, hard, i):
                    del found[(i, i + 1)]  # "nonverbal IQ" is not Absent speech
        attributive = self.attributive_
        for a, b in [k for k in found if k[1] - k[0] == 1 and norms[k[0]] in attributive]:
            if b < n and norms[b] in attributive[norms[a]] and not hard[b] and found[(a, b)].tier == "exact":
                del found[(a, b)]  # "collecting system": a compound, not the finding
        if self.coordination and found:
            self._coordinate(tokens, barrier, comma, found)
        if codes is not None and self.predicative and not _ELLIPSIS_OPENERS.isdisjoint(norms):
            self._elliptical_predicates(tokens, hard, codes, found)
        out = []
        persons: dict[str, bool] = {}  # given names the text uses as a person's (see _GIVEN_NAMES)
        for c in found.values():
            a, b = c.start, c.end
            if a > 0 and joined[a - 1]:
                continue  # starts inside a hyphenated word: "auricular pit" in "pre-auricular pit"
            if b < n and joined[b - 1] and norms[b] in _COMPOUND_TAILS:
                continue  # ends before a compound's tail: "tumor-like", "blind-ending", "spike-wave"
            if b < n and norms[b] in _MEASURE_HEADS and not barrier[b] and not comma[b]:
                continue  # names a measure: "a high pain threshold", "lowers the seizure threshold"
            if b == a + 1 and b < n and norms[a] in _EAGER_WORDS and norms[b] == "to":
                continue  # eager, not anxious: "we were anxious to exclude a tumour"
            if b == a + 1 and b < n and norms[a] in _FALL_WORDS and (
                    _falls_as_a_verb(norms, b) or (norms[b] == "off" and (
                        joined[b - 1] or b + 1 >= n or norms[b + 1] not in _FALL_OFF_THINGS))):
                continue  # "to fall asleep", "did not fall within the mild range", "no fall-off in head growth"
            if b == a + 1 and norms[a] in _GIVEN_NAMES and tokens.words[a].istitle():
                name = tokens.words[a]
                if name not in persons:  # (once per text and name: a long text of names stays linear)
                    persons[name] = _names_a_person(tokens.text, name)
                if persons[name]:
                    continue  # a person: "Re: Amelia, aged 4 months" (not "Amelia is a rare limb defect")
            out.append(c)
        out.sort(key=lambda c: (c.start, -c.end))
        return out

    def _exact(self, s, offs, starts, ends, tokens, cum, found, check_case: bool) -> None:
        """One automaton pass over the keyed string ``s`` whose words start at ``offs``;
        ``starts``/``ends`` map word positions to token indices (None: the identity)."""
        words = tokens.words
        entries_ = self.entries_
        has_upper = self.has_upper_
        has_count = self.has_count_
        for end_char, (idx, ntok, klen) in self.automaton_.iter(s):
            first = bisect_right(offs, end_char - klen + 2) - 1
            last = first + ntok - 1
            if starts is None:
                a, b = first, last + 1
            else:
                a, b = starts[first], ends[last]
            if cum[b] != cum[a + 1]:
                continue  # crosses a break
            entries = entries_[idx]
            if not has_upper[idx]:
                pass
            elif check_case:  # acronyms as written, or their plural ("VSDs")
                entries = tuple(e for e in entries if not e.upper or all(
                    words[a + k] == e.surface[k] or words[a + k] == e.surface[k] + "s" for k in e.upper))
                if not entries:
                    continue
            else:
                entries = tuple(e for e in entries if not e.upper)
                if not entries:
                    continue
            if has_count[idx]:
                entries = _agree_number(entries, words[b - 1])
            key = (a, b)
            old = found.get(key)
            if old is None or entries[0].rank < old.entries[0].rank:
                found[key] = Candidate(a, b, entries, "exact")

    def _exact_coordinated(self, keyed, offs, tokens: Tokens, barrier, comma, found) -> None:
        """Names across the comma between two coordinated adjectives of shape or size ("a
        high, arched palate", "long, narrow skull"): a second automaton pass, only where
        such a comma is, that reads the comma as a space."""
        norms = tokens.norms
        soft = [c and not b and 0 < i and norms[i - 1] in _COORDINATE_ADJECTIVES and norms[i] in _COORDINATE_ADJECTIVES
                for i, (b, c) in enumerate(zip(barrier, comma))]
        if not any(soft):
            return
        cum = list(accumulate(((b or c) and not x for b, c, x in zip(barrier, comma, soft)), initial=0))
        crossing: dict[tuple[int, int], Candidate] = {}
        self._exact(keyed, offs, None, None, tokens, cum, crossing, check_case=True)
        for (a, b), candidate in crossing.items():
            if (a, b) not in found and any(soft[a + 1:b]):
                found[(a, b)] = candidate

    def _exact_joined(self, tokens: Tokens, hard, cum, found) -> None:
        """A second pass with hyphenated words written as one ("pre-auricular" →
        "preauricular"), only when such a joined word is an ontology word."""
        vocab = self.dictionary.vocab_
        words, joined, norms = tokens.words, tokens.joined, tokens.norms
        n = len(words)
        compounds: dict[int, tuple[int, str]] = {}  # first piece -> (end, key)
        i = 0
        for i in [k for k in range(n) if joined[k]]:
            if i in compounds or (i > 0 and joined[i - 1]):
                continue  # inside a compound already read
            k = i
            buf = words[i]
            while k < n - 1 and joined[k] and not hard[k + 1]:
                k += 1
                buf += words[k]
            w = vocab.get(buf.lower())
            if w is not None:
                compounds[i] = (k + 1, w)
        if not compounds:
            return
        jn, js, je = [], [], []
        i = 0
        while i < n:
            c = compounds.get(i)
            if c is not None:
                jn.append(c[1])
                js.append(i)
                je.append(c[0])
                i = c[0]
            else:
                jn.append(norms[i])
                js.append(i)
                je.append(i + 1)
                i += 1
        s = " " + " ".join(jn) + " "
        offs = list(accumulate([len(w) + 1 for w in jn], initial=1))
        self._exact(s, offs, js, je, tokens, cum, found, check_case=False)

    def _bag(self, tokens: Tokens, hard, found) -> list:
        """The order-free tier (the words of a name in any order within a window); returns
        each word's order-free code (None: none), which later readers reuse."""
        norms = tokens.norms
        n = len(norms)
        surface = tokens.words
        code_of = self._codes(norms, surface, tokens.oov, hard)
        negative = [False] * n
        if self.negative_forms and not self.negative_code_.keys().isdisjoint(norms):
            neg_code = self.negative_code_
            for x, w in enumerate(norms):
                if w in neg_code:
                    code_of[x] = neg_code[w]
                    negative[x] = True
        if n - code_of.count(None) < 2:
            return code_of
        stop = list(map(_BAG_STOPWORDS.__contains__, norms))
        if not _DO.isdisjoint(norms):
            for x in _positions(norms, _DO):
                if x + 1 < n and norms[x + 1] == "not":
                    stop[x] = True  # a negated verb: "the eyebrows do not meet in the midline"
                    # (the context reads the "not")
        if self.letter_a_ is not None:
            for x in _positions(surface, ("A",)):  # the letter, not the article: "vitamin A"
                if x > 0 and not hard[x] and not stop[x - 1]:
                    stop[x] = False
                    code_of[x] = self.letter_a_
        mod = list(map(_OPTIONAL.__contains__, norms))
        # a copula, or a note's "not" that stands for one ("fingers not slender", "spleen not palpable")
        cop = list(map(_COPULA_LIKE.__contains__, norms)) if self.predicative else [False] * n
        if self.predicative and not _PERFECT.isdisjoint(norms):
            # a perfect copula ("has been", "had become"; the participle is a filler, skipped
            # next) or a perfect tense as the predicate ("the ductus arteriosus had closed")
            for x in _positions(norms, _PERFECT & set(norms)):
                y = x + 2 if x + 2 < n and norms[x + 1] == "always" and not hard[x + 2] else x + 1
                nxt = norms[y] if y < n and not hard[y] else ""  # (y: past "always": "has always been")
                if nxt in ("been", "become") or (nxt.endswith("ed") and len(nxt) > 4):
                    cop[x] = True
        seps = tokens.seps
        # where a match may end before a word that it does not modify: a break, or a spaced
        # "+" that joins items ("eyes widely spaced + prominent")
        loose = [h or sep == " + " for h, sep in zip(hard, seps)] if " + " in tokens.text else hard
        negated: list[tuple[int, int]] = []  # negative-form matches, checked at the end
        bag = self.bag_
        pairs = self.pairs_
        found_get = found.get
        for i in range(n - 1):
            c = code_of[i]
            if c is None or norms[i] in CONJUNCTIONS:
                continue  # (a name with "and" does not start at the text's conjunction)
            # a degree word starts only names that have it: "severe intellectual disability"
            # is *Intellectual disability, severe*, but "severe scoliosis" stays "scoliosis"
            degree = mod[i] and norms[i] not in _LAB_SPECIMENS  # (a specimen starts names: "serum CK")
            if degree and norms[i] not in _DEGREES and (norms[i] not in _SIDES or tokens.seps[i + 1] in HYPHENS):
                # (a side starts a name only as a word of its own: "right atrium dilated" is
                # *Right atrial enlargement*, "left-to-right shunting" no *Right-to-left shunt*)
                continue
            total = core = c
            nouns = 0  # codes of the nouns of value passed over ("insulin levels were high")
            words = 1
            j = i + 1
            lim = i + _MAX_BAG_WINDOW
            if lim > n:
                lim = n
            copula = False
            pred: list[str] = []  # content words after the copula
            at_copula = None  # (total, core, words, nouns, position) after the copula, to step over a predicate
            opened = -1  # a heading's colon, once crossed, is no break
            while True:
                while j < lim and (not hard[j] or j == opened):
                    if stop[j]:
                        j += 1
                        continue
                    if not copula and norms[j] in _RELATIVES and j + 1 < lim and cop[j + 1] and not hard[j + 1]:
                        j += 1  # a relative clause's copula: "an IgA that is reduced"
                        continue
                    if (cop[j] or (norms[j] in _RELATIVES and j + 1 < lim and not hard[j + 1])) and not copula:
                        # (a relative clause's own verb is a predicate too: "fissures that slant downwards")
                        # a predicate: "muscle tone was decreased", "the liver was enlarged",
                        # "his speech has been delayed" ("been" is a filler, skipped next)
                        copula = True
                        j += 1
                        while j < lim and not hard[j] and norms[j] in _COPULA_FILLERS:
                            j += 1  # "was also noted to be", "were found to be"
                        at_copula = (total, core, words, nouns, j)
                        continue
                    if copula and norms[j] in CONJUNCTIONS:
                        if at_copula is None or j == at_copula[4] or norms[j] != "and" \
                                or any((h, x) in found for h in range(max(0, i - 4), i + 1)
                                       for x in range(at_copula[4] + 1, j + 1)) \
                                or not _NORMALITY.isdisjoint(norms[at_copula[4]:j]):
                            # (a statement of normality is the other readers' to read: "the
                            # philtrum was of normal length and well grooved")
                            break  # "the liver was enlarged | and the spleen …": one predicate only
                        # a first predicate that makes no name, with this subject or with one that
                        # starts up to four words before it, is stepped over: "the toenails were
                        # small and underdeveloped" is "the toenails were underdeveloped"
                        total, core, words, nouns, _ = at_copula
                        at_copula = None
                        pred.clear()
                        j += 1
                        continue
                    cj = code_of[j]
                    if cj is None or negative[j]:  # a negative word only opens a name: "no speech"
                        if cj is not None or not mod[j]:
                            break
                        cj = 0
                    total += cj
                    words += 1
                    if words > _MAX_BAG_WORDS:
                        break
                    if mod[j]:
                        if norms[j] in _VALUE_NOUNS:
                            nouns += cj
                        if norms[j] in _VALUE_NOUNS and found_get((i, j + 1)) is None:
                            # a name that has the noun: "decreased hemoglobin concentration"
                            options = _case_checked(bag.get(total), surface[i:j + 1])
                            if options and not self._dangling(norms, j, loose) and not _in_specimen(norms, j, hard):
                                found[(i, j + 1)] = Candidate(i, j + 1, self._pick(options, norms[i:j + 1]), "bag")
                        elif copula and cj and found_get((i, j + 1)) is None:
                            # a degree as the predicate: "the intellectual disability was moderate"
                            # (a word without a code adds nothing: "impaired distally" ends at "impaired")
                            options = _case_checked(bag.get(total), surface[i:j + 1])
                            if options:
                                found[(i, j + 1)] = Candidate(i, j + 1, self._pick(options, norms[i:j + 1]), "bag")
                        j += 1
                        continue
                    if c + cj not in pairs:
                        break  # no name holds both words: no longer window can match
                    core += cj
                    if copula:
                        pred.append(norms[j])
                    options = bag.get(total)
                    if options is None and nouns and core + nouns != total and not degree:
                        options = bag.get(core + nouns)  # "insulin levels were markedly high"
                    if options is None and core != total and (not degree or norms[i] in _SIDES):
                        options = bag.get(core)  # (a side starts its name: "right atrium mildly dilated")
                    if options is not None and found_get((i, j + 1)) is None and not self._dangling(norms, j, loose) \
                            and not _in_specimen(norms, j, hard):
                        options = _case_checked(options, surface[i:j + 1])
                        # negative words only as the name writes them, not a stem-mate: "seizures
                        # were absent" and "no seizures" are not *Absence seizure*
                        literal = pred if copula and not _LITERAL_PREDICATES.isdisjoint(pred) else []
                        if negative[i]:
                            literal = [*literal, NEGATIVE_WORDS[norms[i]]]
                        if literal:
                            options = tuple(o for o in options if all(w in o[1] for w in literal))
                        if options and norms[i] == "no" and negative[i] and j + 1 < n and not hard[j + 1] \
                                and (seps[j + 1] in HYPHENS or is_content_word(norms[j + 1])):
                            # "no speech therapy" is not *Absent speech*, "no eye-of-the-tiger sign" no *Anophthalmia*
                            options = None
                        if options:
                            found[(i, j + 1)] = Candidate(i, j + 1, self._pick(options, norms[i:j + 1]), "bag")
                            if negative[i]:
                                negated.append((i, j + 1))
                    j += 1
                else:
                    if j < lim and not copula and words <= 3 and self.predicative and (i == 0 or hard[i]) \
                            and seps[j].strip() == ":":
                        copula = True  # a heading and its finding: "Reflexes: brisk" = "reflexes are brisk"
                        opened = j  # (not a copy of the breaks per heading: linear in the text)
                        continue
                break
        if self.predicative and ":" in tokens.text:  # (a colon is never inside a word: it is in a separator)
            self._heading_items(tokens, hard, code_of, stop, found)
        for a, b in negated:
            # "no X" is *Absent X* only where X is no finding itself: "no sparse eyebrow"
            # negates *Sparse eyebrow*, it is not *Absent/sparse eyebrow*
            rest = a + 1
            while rest < b and (stop[rest] or mod[rest]):
                rest += 1
            if any((rest, e) in found for e in range(rest + 1, b + 1)):
                del found[(a, b)]
        return code_of

    def _heading_items(self, tokens: Tokens, hard, code_of, stop, found) -> None:
        """The items of a heading's list, each read with the heading: "Ears: large,
        low-set, protruding" is *Macrotia*, *Low-set ears* and *Protruding ear* (the first
        item the order-free scan reads with the heading already); a denied item ("not
        low-set", "no webbing") is read without its "not" / "no", which the context reads.
        A heading is at most three words at the start of a clause, before a colon; an item
        is one to three words between commas or "and" / "or", up to the clause's end, the
        next heading or :data:`_HEADING_LIST_WORDS` words."""
        norms, seps, n = tokens.norms, tokens.seps, len(tokens.norms)
        bag = self.bag_
        for j0 in range(1, n):
            if seps[j0].strip() != ":":
                continue
            h0 = j0 - 1
            while h0 > 0 and not hard[h0] and j0 - h0 < 3:
                h0 -= 1
            if not (h0 == 0 or hard[h0]) or any(code_of[x] is None and not stop[x] for x in range(h0, j0)):
                continue
            head = sum(code_of[x] for x in range(h0, j0) if not stop[x])
            if not head:
                continue
            a = k = j0
            while True:  # items: [a, k)
                comma = k < n and seps[k].strip() == ","
                # the clause's end (a comma is a hard break too), the next heading, or the window's end
                end = k >= n or (k > j0 and (hard[k] and not comma or seps[k].strip() == ":")) \
                    or k - j0 > _HEADING_LIST_WORDS
                sep = not end and k > a and (comma or norms[k] in ("and", "or"))
                if end or sep:
                    # an item may be denied ("Ears: not low-set, not anteverted"): the span starts
                    # after its "not", which the context reads as the negation it is
                    b = a + 1 if a < n and norms[a] in ("not", "no") and k > a + 1 else a  # (a list may end on "and")
                    words = [x for x in range(b, k) if not stop[x]]
                    if (a > j0 or b > a) and 1 <= len(words) <= 3 and all(code_of[x] is not None for x in words) \
                            and (b, k) not in found:
                        options = _case_checked(bag.get(head + sum(code_of[x] for x in words)), tokens.words[b:k])
                        if options:
                            found[(b, k)] = Candidate(b, k, self._pick(options, norms[b:k]), "bag")
                    if end:
                        break
                    a = k + 1 if norms[k] in ("and", "or") else k
                    k = a
                    continue
                k += 1

    @staticmethod
    def _pick(options, words) -> tuple[DictEntry, ...]:
        """Among the names with the same stems, the one sharing most words with the text,
        then the best rank."""
        ws = set(words)
        best = min(options, key=lambda x: (-len(x[1] & ws), x[0].rank, x[0].row))
        return (best[0],)

    @staticmethod
    def _dangling(norms, j: int, hard) -> bool:
        """An order-free match must not end on an adjective or adverb that modifies the
        next word ("hyperplasia of the mandibular | coronoid processes", "EEG with
        abnormally | slow frequencies")."""
        k = j + 1
        if k >= len(norms) or hard[k]:
            return False
        nxt = norms[k]
        if nxt in STOPWORDS or nxt in CONJUNCTIONS or nxt in _PREPOSITIONS or nxt in _CLAUSE_WORDS or not nxt.isalpha():
            return False  # (a preposition modifies nothing: "reduced since birth", "reduced throughout")
        if nxt[-2:] == "ly" and (nxt in MODIFIERS or is_adverb(nxt) or nxt.endswith("ally")):
            return False  # an adverb is modified by nothing before it: "impaired | bilaterally", "| axially"
        if nxt in _QUANTIFIERS:
            return False  # a note's extent: "tone decreased | all 4 limbs"
        if nxt in ("bilat", "ou"):
            return False  # notes' "bilateral(ly)", both eyes: "testes descended bilat", "lenses clear OU"
        return norms[j].endswith(_ADJ_SUFFIXES) or norms[j].endswith(ADVERB_ENDINGS)

    #: Most descendants a common ancestor may have for two terms to count as related.
    RELATED_MAX_DESCENDANTS = 500

    def _related(self, r1: int, r2: int) -> bool:
        """Whether two terms share a specific ancestor (one with at most
        :attr:`RELATED_MAX_DESCENDANTS` descendants): *Cleft lip* and *Cleft palate* share
        *Abnormal oral cavity morphology* (458 descendants); *Renal cyst* and *Glycosuria*
        only *Abnormality of the urinary system* (1,179)."""
        kg = self.dictionary.kg
        common = set(kg.ancestor_rows(r1, include_self=True).tolist()) & set(
            kg.ancestor_rows(r2, include_self=True).tolist())
        cache = self.n_descendants_
        for c in common:
            k = cache.get(c)
            if k is None:
                k = cache[c] = len(kg.descendant_rows(c, include_self=True))
            if k <= self.RELATED_MAX_DESCENDANTS:
                return True
        return False

    def _stem(self, norm: str) -> str:
        s = self.stem_of_.get(norm)
        return stem_word(norm) if s is None else s

    def _codes(self, norms: list[str], surface: Sequence[str] | None, oov: Sequence[int] | None,
               hard: Sequence[bool] | None = None) -> list:
        """The order-free code of each word in its context (None: none): words no name
        uses by their stem (:meth:`_oov_codes`; ``oov`` their positions, None: every word
        without a code; ``hard`` the breaks before each word), acronyms only where
        ``surface`` writes them in capitals, "absence" as "absent" only before of/or/and,
        "change" as "abnormal" only after what it affects, "lead" not before "to", "poorly"
        as "poor" where it ends what it qualifies, an adverb only before an adjective."""
        n = len(norms)
        code_of = list(map(self.word_code_.get, norms))
        if oov is None:
            oov = [x for x, c in enumerate(code_of) if c is None]
        adverbs = self._oov_codes(norms, oov, code_of) if oov else []
        special = self.special_words_
        if not special.isdisjoint(norms):
            caps = self.caps_code_
            for x in _positions(norms, special.intersection(norms)):
                w = norms[x]
                if w in caps:
                    if surface is not None and is_acronym(surface[x]):
                        code_of[x] = caps[w]
                elif w == "absence":
                    if x + 1 < n and norms[x + 1] in ("of", "or", "and"):
                        code_of[x] = self.absent_code_  # "absence (or hypoplasia) of the thumb"
                elif w == "change":
                    # "skin changes", "retinal pigmentary changes": a change named by what it
                    # affects is its abnormality; not "changes in muscle", "nares change with age",
                    # "other changes affecting the atria"
                    if x > 0 and code_of[x - 1] is not None and norms[x - 1].isalpha() \
                            and norms[x - 1] not in STOPWORDS and _ends_phrase(norms, hard, x, _AFTER_CHANGE):
                        code_of[x] = self.abnormal_code_
                elif w in ("lead", "leading"):
                    if x + 1 < n and norms[x + 1] == "to":
                        code_of[x] = None  # the verb: "leads to an increase" is no blood lead
                elif w == "poorly":
                    # after the verb it qualifies, the manner is the name's "poor": "she gained
                    # weight poorly" (not "weight gain"), "feeds poorly"; "poorly ossified" stays
                    if x > 0 and self.poor_code_ is not None and _ends_phrase(norms, hard, x, _AFTER_POORLY):
                        code_of[x] = self.poor_code_
                else:
                    adverbs.append(x)
        for x in adverbs:  # an adverb only before an adjective ("mentally retarded")
            if not (x + 1 < n and norms[x + 1].endswith(_ADVERB_HEADS)):
                code_of[x] = None
        return code_of

    def _oov_codes(self, norms: list[str], oov: Sequence[int], code_of: list) -> list[int]:
        """Codes of the words no name uses whose stem a name word has ("cognitively" as
        "cognitive", "hypermobile" as "hypermobility"), memoised; returns the positions of
        the adverbs among them. Set operations first: most such words have no code."""
        memo = self.oov_code_
        words = set(map(norms.__getitem__, oov))
        new = words - self.oov_seen_
        if new:
            caps_stems, codes = self.caps_stems_, self.stem_codes_
            for w in new:
                st = stem_word(w) if w.isalpha() else None
                c = codes.get(st) if st is not None and st not in caps_stems else None
                if c is None and st is not None and w.endswith(("ated", "ified")):
                    c = codes.get(stem_word(_participle_noun(w)))  # "constipated" as "constipation"
                if len(self.oov_seen_) < _OOV_MEMO:
                    self.oov_seen_.add(w)
                    if c is not None:
                        memo[w] = c
                elif c is not None:
                    for x in _positions(norms, (w,)):
                        code_of[x] = c
        adverbs = []
        for x in _positions(norms, [w for w in words if w in memo]):
            w = norms[x]
            code_of[x] = memo[w]
            if w[-2:] == "ly" and is_adverb(w):
                adverbs.append(x)
        return adverbs

    def _bag_lookup(self, words: list[str], surface: Sequence[str] | None = None,
                    literal: Sequence[str] = ()) -> tuple[DictEntry, ...]:
        """The best name with the order-free codes of ``words`` (stop words skipped), if
        any; acronym names only where ``surface`` writes them in capitals; with ``literal``,
        only names that have those words themselves."""
        code = 0
        count = 0
        for w, c in zip(words, self._codes(words, surface, None)):
            if w in STOPWORDS:
                continue
            if c is None:
                return ()
            code += c
            count += 1
        if count < 2:
            return ()
        options = self.bag_.get(code)
        if options:
            options = tuple(o for o in options if not o[0].upper) if surface is None \
                else _case_checked(options, surface)
        if options and literal:
            options = tuple(o for o in options if all(w in o[1] for w in literal))
        return self._pick(options, words) if options else ()

    def _coordinate_prefixes(self, tokens: Tokens, breaks, found, new) -> None:
        """"hepato- and splenomegaly", "hypo- and hyperpigmentation", "pre- and postnatal
        growth retardation": a prefix written with a hyphen before a conjunction takes the
        rest of the next word, and the words of the match after it, when that makes a name
        ("hepatomegaly", "prenatal growth retardation"); the span runs from the prefix to
        the end of the match."""
        keys = self.dictionary.keys_
        norms, seps = tokens.norms, tokens.seps
        for (j, e) in list(found):
            if j < 2:
                continue
            c = j - 1
            if norms[c] in CONJUNCTIONS and norms[c - 1] in CONJUNCTIONS and c >= 2:
                c -= 1  # "and/or"
            i = c - 1
            if norms[c] not in CONJUNCTIONS or seps[c].strip() not in _HYPHEN_MARKS or breaks[j] or breaks[c]:
                continue
            x, y = norms[i], norms[j]
            if not x.isalpha() or len(x) < 3:
                continue
            tail = "".join(" " + w for w in norms[j + 1:e])
            for k in range(2, len(y) - 3):  # the longest rest of "y" that "x" takes
                entries = keys.get(x + y[k:] + tail)
                if entries and x + y[k:] != y:
                    entries = tuple(en for en in entries if not en.upper)
                    if entries and (i, e) not in found:
                        new.setdefault((i, e), Candidate(i, e, entries, "coord"))
                    break

    def _elliptical_predicates(self, tokens: Tokens, hard, codes, found) -> None:
        """A negated predicate whose subject was named earlier in its sentence: "Ears:
        normally placed, not low-set", "philtrum smooth, not short, not long", "palpebral
        fissures horizontal, not upslanting or downslanting", "neither short nor long",
        "the nasal bridge was prominent rather than depressed". The predicate (one or two
        words, or two with stop words between them, "not meeting in the midline"; a whole
        item of its list, that nothing has read) is looked up order-free with
        the nearest words before it, in its sentence, that make a name with it; the span is
        the predicate's words and its negator (the recognizer reads a negator inside a
        predicate's span: :data:`PREDICATE_NEGATORS`); after "or" and
        "rather than" the predicate's own words, negated by the context rules. A second
        predicate after "and" or "but", a participle, is read so too, of the nearest subject
        only: "the philtrum is short but well grooved", "eyebrows high and arched", "the
        retinas were flat and attached"."""
        norms, surface, seps = tokens.norms, tokens.words, tokens.seps
        n = len(norms)
        # the first words of the readings (a longer one from an earlier subject may pass
        # over an item it did not read)
        covered = {a for a, _ in found}
        spans: list = []  # the readings in order, for a bisection (made at the first lookup)
        for i in _positions(norms, _ELLIPSIS_OPENERS.intersection(norms)):
            negator = None  # the "not" of a list's last item: "not upslanting or downslanting"
            if norms[i] == "or":
                negator = next((x for x in range(i - 1, max(-1, i - 4), -1) if norms[x] == "not"), None)
                if negator is None or hard[i] or (negator in covered and (negator, i) not in found):
                    continue  # (a reading that starts at the "not" reads the first item alone)
            if norms[i] == "than" and not (i > 0 and norms[i - 1] == "rather"):
                continue
            if norms[i] in _SECOND_PREDICATE_OPENERS and "ed." not in ".".join(norms[i + 1:i + 6]) + ".":
                continue  # (no participle near: the common "and" costs nothing more)
            p = i + 1
            while p < n and not hard[p] and (norms[p] in _ELLIPSIS_SKIPPED or (
                    _ly_adverb(norms[p]) and norms[p] != "normally")):
                p += 1  # "nor are they downslanted", "neither a sunken …", "not unduly long"
            for width in (4, 3, 2, 1):
                e = p + width
                if e > n or (e < n and not hard[e] and norms[e] not in _ELLIPSIS_ENDS):
                    continue  # the predicate goes on: not a whole item
                if norms[i] in _SECOND_PREDICATE_OPENERS and not norms[e - 1].endswith("ed"):
                    continue
                if any(codes[x] is None and norms[x] not in STOPWORDS for x in range(p, e)) \
                        or any(x in covered for x in range(i + 1, e)) or any(hard[x] for x in range(p + 1, e)):
                    continue  # a word no name has (nothing to look up), or one read already (an adverb
                    # passed over too: "not globally delayed" is *Global developmental delay*'s)
                # content words, stop words only inside ("not meeting in the midline"); of three or four
                # words, two content words or all but one ("not hanging below the alae")
                if not all(w.isalpha() and w not in CONJUNCTIONS for w in norms[p:e]) \
                        or norms[p] in STOPWORDS or norms[e - 1] in STOPWORDS or (
                        width > 2 and not 2 <= sum(w not in STOPWORDS for w in norms[p:e]) <= width - 1):
                    continue
                if not spans:
                    spans = sorted(found)
                entries = self._elliptical_subject(norms, surface, seps, hard, codes, found, spans, i, p, e,
                                                   nearest=norms[i] in _SECOND_PREDICATE_OPENERS)
                if entries:
                    # a negator of its own opens the span, which reads it ("neither short"
                    # inside a longer reading that the context rules pass over)
                    a = i if norms[i] in PREDICATE_NEGATORS else negator if negator is not None \
                        and negator in covered else p  # (its "not" in a reading: the span holds it too)
                    found[(a, e)] = Candidate(a, e, entries, "coord")
                    covered.add(a)
                    break

    def _elliptical_subject(self, norms, surface, seps, hard, codes, found, spans, i, p, e, nearest=False):
        """The name the predicate ``norms[p:e]`` makes with the nearest one to three words
        before its opener ``i``, back to the start of the sentence (at most
        :data:`_ELLIPSIS_REACH` words); ``()`` where none makes one. A subject is not a
        predicate itself (after a copula: "the thumb was small without a nail"), nor words
        in the middle of a predicate's reading ("the aortic valve is tricuspid, without
        stenosis" is the aortic valve's), and the name is not one those words read already,
        unless they state its absence ("ears posteriorly rotated, not low set" is no second
        *Posteriorly rotated ears*; "sclerae white, not blue" agree). ``nearest``: a second
        predicate ("the lower jaw was small and underdeveloped") is of the nearest subject
        that makes a name with it, even one read already (then nothing), never of one before
        it ("a flat midface")."""
        pred, written = norms[p:e], surface[p:e]
        if all(w in STOPWORDS for w in pred):
            return ()  # (the lookup passes over stop words: the predicate would add nothing)
        lo = max(0, i - (_SECOND_PREDICATE_REACH if nearest else _ELLIPSIS_REACH))
        absence = self.dictionary.absence_words_
        inside: dict[int, set] = {}  # word -> the rows of the readings it starts, or is inside of
        for x, y in spans[bisect_right(spans, (lo - _MAX_BAG_WINDOW, -1)):bisect_right(spans, (i, -1))]:
            if y > lo:  # (inside a predicate's reading, a predicate; the last word of a name is
                c = found[(x, y)]  # its noun: "short neck, no webbing")
                row = c.entries[0].row
                if not _STATED_ABSENT.isdisjoint(norms[x:y]) or not absence.get(row, _NONE).isdisjoint(
                        norms[x:y]):
                    row = -1  # a statement of the term's absence agrees with the negated predicate:
                    # "the aortic valve is trileaflet and not bicuspid", "sclerae white, not blue"
                predicate = c.tier != "exact" and not COPULAS.isdisjoint(norms[x:y])
                for z in range(max(x, lo), min(y, i)):
                    if z == x or predicate:
                        inside.setdefault(z, set()).add(row if z == x else -2 - c.entries[0].row)
        for end in range(i, lo, -1):
            if "." in seps[end] or "\n" in seps[end]:
                break  # (the sentence, or the note's line, starts at ``end``)
            for width in (3, 2, 1):
                start = end - width
                if start < lo or None in codes[start:end] or any(hard[x] for x in range(start + 1, end)):
                    continue  # (only words that names have: text of other words stays cheap)
                words = norms[start:end]
                if not all(w.isalpha() and w not in STOPWORDS for w in words) \
                        or (start > 0 and norms[start - 1] in COPULAS):
                    continue
                rows = inside.get(start, set())
                if any(r < -1 for r in rows):
                    continue  # the middle of another reading
                entries = self._bag_lookup(words + pred, surface[start:end] + written)
                if entries and entries[0].row not in rows:
                    return entries
                if entries and nearest:
                    return ()
        return ()

    def _coordinate_predicates(self, tokens: Tokens, breaks, commas, found, new) -> None:
        """"the nails were thin and brittle", "the palpebral fissures were short, narrow and
        upslanting": each further predicate of a subject is read with the subject's words
        (order-free), the new span running from the subject to the end of that predicate.
        A conjunct that makes no name is stepped over ("the hair was sparse, coarse and
        brittle" still gives *Brittle hair*); the longest that makes one is read, stop words
        inside it passed over ("eyebrows bushy and met in the midline"). The list ends at
        another clause ("but", a pronoun) and after a negated item ("not bushy, and …")."""
        norms, surface = tokens.norms, tokens.words
        n = len(norms)
        for (a, b) in list(found):
            if b >= n or found[(a, b)].tier != "bag":
                continue
            cop = next((x for x in range(a + 1, b - 1) if norms[x] in COPULAS), None)
            if cop is None:
                continue
            subject, written = norms[a:cop], surface[a:cop]
            pos = b
            while pos < n and not breaks[pos]:
                if norms[pos] in CONJUNCTIONS:
                    nxt = pos + 1  # "and", ", and"
                elif commas[pos]:
                    nxt = pos
                else:
                    break
                if nxt < n and (norms[nxt] in _CLAUSE_WORDS or norms[nxt] in _PRONOUNS
                                or norms[nxt] in ("they", "it")):
                    break  # another clause: "… sparse, but of normal texture", "… and they were"
                if norms[pos] not in ("or", "nor") and not _ITEM_NEGATORS.isdisjoint(norms[b:nxt]):
                    break  # a negated item before it would deny it too: "arched, not bushy, and met …"
                longest = None
                entries = ()
                for width in (4, 3, 2, 1):  # the longest conjunct that makes a name ("protrude | from the side")
                    e = _conjunct_end(norms, breaks, commas, pos, nxt, width, True)
                    if e is None:
                        continue
                    if longest is None:
                        longest = e
                    words = norms[nxt:e]
                    content = [w for w in words if w not in _OPTIONAL and w not in STOPWORDS]
                    literal = [w for w in content if w in _LITERAL_PREDICATES]
                    entries = self._bag_lookup(subject + content, written + [
                        w for w, m in zip(surface[nxt:e], words) if m not in _OPTIONAL], literal)
                    if entries:
                        break
                if longest is None:
                    break
                if entries and (a, e) not in found and not any(
                        found[(x, y)].entries[0].row == entries[0].row
                        for x in range(nxt, e) for y in range(x + 1, e + 1) if (x, y) in found):
                    new.setdefault((a, e), Candidate(a, e, entries, "coord"))
                pos = e if entries else longest

    def _coordinate(self, tokens: Tokens, breaks, commas, found) -> None:
        """Coordinated words share the rest of a name.

        * "A and B N…", "A, B or N…" lists and "short broad thumbs": for a match "B N…" look
          up "A N…" (replacing the match's first one or two words), exact then order-free;
          the new span runs from A to the end of the match.
        * "hypoplasia of the radius and ulna": for a match "… of the X" followed by "and Y"
          look up "… of the Y"; the new span runs from the match's start to Y. "cleft lip
          and palate": the match's last word replaced by Y, for a closely related term.
        * "hepato- and splenomegaly" (:meth:`_coordinate_prefixes`).
        """
        keys = self.dictionary.keys_
        norms = tokens.norms
        joined = tokens.joined
        n = len(norms)
        new: dict[tuple[int, int], Candidate] = {}

        surface = tokens.words

        def lookup(words, written=None, bag=True):
            """Names of ``words`` (order-free too where ``bag``); acronym names only where
            ``written`` (the words as the text writes them) has the acronym in capitals."""
            entries = tuple(e for e in keys.get(" ".join(words), ())
                            if not e.upper or (written is not None and _case_ok(e, written)))
            if not entries and bag and self.bag:
                entries = self._bag_lookup(words, written)
            return entries

        self._coordinate_prefixes(tokens, breaks, found, new)
        if self.predicative:
            self._coordinate_predicates(tokens, breaks, commas, found, new)
        for (a, b) in list(found):
            if b - a < 2:
                continue
            # ---- modifiers coordinated to the left
            pos = a
            # (whether the match's first one or two words hold an adverb in "-ly")
            adverbs = (_ly_adverb(norms[a]), _ly_adverb(norms[a]) or _ly_adverb(norms[a + 1]))
            for step in range(4):
                if pos < 1 or breaks[pos]:
                    break
                asyndetic = False
                if norms[pos - 1] in CONJUNCTIONS and not commas[pos]:
                    sep = pos - 1
                    if breaks[sep]:
                        break
                elif commas[pos]:
                    sep = pos
                elif step == 0 and b - a == 2 and not joined[pos - 1] and norms[pos - 1].isalpha() \
                        and norms[pos - 1] not in STOPWORDS and norms[pos - 1] not in NEGATIVE_WORDS \
                        and not (len(norms[pos - 1]) >= 8 and norms[pos - 1].endswith("ly")):
                    sep, asyndetic = pos, True  # "short broad thumbs" (not "abnormally pale skin", "no red eye")
                else:
                    break
                hit = None
                for width in ((1,) if asyndetic else (2, 1)):
                    s0 = sep - width
                    if s0 < 0 or any(breaks[x] or commas[x] for x in range(s0 + 1, sep)):
                        continue
                    words = norms[s0:sep]
                    if any(w in CONJUNCTIONS or w in STOPWORDS or not w.isalpha() for w in words):
                        continue
                    # the whole match with the adjective before its comma, where that is a name
                    # as it stands ("long, slender fingers": *Arachnodactyly*, not *Long
                    # fingers*; not "myoclonic and tonic-clonic seizures", two kinds); else the
                    # conjunct in place of the match's first words
                    if sep == pos and commas[pos] and s0 > 0 and norms[s0 - 1] in _PREDICATE_OPENERS:
                        continue  # a predicate ends there: "a nasal bridge which is not broad, upturned nostrils"
                    if sep == pos and commas[pos]:
                        entries = lookup(words + norms[a:b], surface[s0:sep] + surface[a:b], bag=False)
                        if entries:
                            hit = (s0, entries)
                            break
                    for m in range(1, min(3, b - a)):
                        if adverbs[m - 1]:
                            break  # an adverb is no modifier to replace ("hyperactive, constantly on the move")
                        if commas[pos] and norms[a + m - 1] in _COORDINATE_ADJECTIVES \
                                and surface[sep - 1].lower().endswith(_NOUN_ENDINGS):
                            break  # a noun is no such adjective's conjunct: "facial dysmorphia,
                            # prominent forehead" is a list, not "dysmorphia … forehead"
                        entries = lookup(words + norms[a + m:b], surface[s0:sep] + surface[a + m:b])
                        if entries:
                            hit = (s0, entries)
                            break
                    if hit:
                        break
                if hit is None:
                    if asyndetic:
                        break
                    s0 = sep - 1  # step over a one-word conjunct we cannot read
                    if s0 < 1 or norms[s0] in CONJUNCTIONS or norms[s0] in STOPWORDS or norms[s0].endswith("ed"):
                        break  # (not a participle: a list of statements, "alert, oriented, tone low")
                    pos = s0
                    continue
                s0, entries = hit
                if (s0, b) not in found:
                    new.setdefault((s0, b), Candidate(s0, b, entries, "coord"))
                pos = s0
            # ---- heads coordinated to the right: "... of the radius and ulna"
            if b < n and not breaks[b] and (norms[b] in CONJUNCTIONS or commas[b]):
                nxt = _next_conjunct(norms, breaks, b)
                for width in (2, 1):
                    e = _conjunct_end(norms, breaks, commas, b, nxt, width)
                    if e is None:
                        continue  # (or "Y" goes on: "… and ulnar deviation" is not "ulna")
                    words = norms[nxt:e]
                    hit = None
                    for m in range(1, min(3, b - a)):
                        if norms[b - m - 1] not in STOPWORDS:
                            continue  # only after "of the", "in the" …
                        hit = lookup(norms[a:b - m] + words)
                        if hit:
                            break
                    shared = False
                    if not hit and b - a >= 2 and norms[a] in _DIRECTIONS:
                        # a laboratory list: "elevated creatine kinase and lactate", "elevated
                        # ALT and AST" (the direction word shared, whatever the analytes)
                        hit = lookup([norms[a], *words], [surface[a], *surface[nxt:e]])
                        shared = bool(hit)
                    if not hit and width == 1 and norms[b - 2] not in STOPWORDS and (e >= n or norms[e] != "of") \
                            and words[0] not in keys:
                        # "cleft lip and palate": the modifiers shared by a second head; only
                        # an exact name of a closely related term ("Cleft palate"), and not
                        # where the head is a finding itself ("spastic paraplegia and ataxia")
                        hit = tuple(e for e in keys.get(" ".join(norms[a:b - 1] + words), ()) if not e.upper)
                        if hit and not self._related(found[(a, b)].entries[0].row, hit[0].row):
                            hit = None
                    if hit:
                        if (a, e) not in found:
                            new.setdefault((a, e), Candidate(a, e, hit, "coord"))
                        if shared:  # and on down the list: "decreased power, tone and reflexes"
                            self._rest_of_list(a, e, tokens, breaks, commas, lookup, found, new)
                        break
        found.update(new)

    @staticmethod
    def _rest_of_list(a: int, e: int, tokens: Tokens, breaks, commas, lookup, found, new) -> None:
        """The direction word at ``a`` shared by the further conjuncts of a list whose
        first conjunct ended at ``e``: "decreased power, tone and reflexes" is also
        *Hyporeflexia*. A conjunct with a direction or a word of its own before it ("elevated
        CK, normal lactate") ends the list."""
        norms, surface = tokens.norms, tokens.words
        n = len(norms)
        while e < n and not breaks[e] and (norms[e] in CONJUNCTIONS or commas[e]):
            nxt = _next_conjunct(norms, breaks, e)
            if nxt >= n or norms[nxt] in _DIRECTIONS or norms[nxt] in _OWN_QUALIFIERS:
                return
            for width in (2, 1):
                end = _conjunct_end(norms, breaks, commas, e, nxt, width)
                hit = lookup([norms[a], *norms[nxt:end]], [surface[a], *surface[nxt:end]]) if end else ()
                if hit:
                    break
            else:
                return
            if (a, end) not in found:
                new.setdefault((a, end), Candidate(a, end, hit, "coord"))
            e = end
