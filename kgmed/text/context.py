"""Context of a finding: negation, uncertainty, family history and onset.

A concept found in text is not yet a finding of the patient. In "3-year-old boy with
seizures since infancy; no microcephaly; his mother has cataracts" only *Seizure*
(HP:0001250) is present in the patient, with *Infantile onset* (HP:0003593); *Microcephaly*
(HP:0000252) is **excluded** and *Cataract* (HP:0000518) belongs to the **family**.

:class:`ContextAnnotator` reads this from trigger phrases and their scope, in the spirit of
NegEx / ConText (Chapman et al. 2001; Harkema et al. 2009), on the same tokens the
dictionary matcher uses:

* **Clauses.** Scopes never cross a clause mark (``. ; : ! ?``, a line break), a
  terminating word ("but", "however", "although", "which", "except" …) or a new predicate
  ("was", "has", "showed" …).
* **Forward triggers** ("no", "not", "without", "denies", "absence of", "negative for",
  "free of", "ruled out", "no evidence of"; "possible", "suspected", "suggestive of";
  "mother", "family history of" …) apply to the findings that follow in their clause. A
  comma or "and"/"or" continues the scope only into a list of findings ("no microcephaly,
  seizures or hypotonia"); anything else after a comma ends it ("no fever, seizures since
  birth" is read as a list too — lists are the common case in clinical text).
* **Backward triggers** ("… was absent", "… were ruled out", "… was not observed", "… is
  suspected", "… cannot be excluded", "… in his mother") apply to the finding just before
  them and the findings listed with it.
* **Pseudo-triggers** block a trigger inside a longer phrase: "not only", "no change",
  "cannot walk" (inability is a finding, not a negation), "not ruled out" (uncertain, not
  excluded). A trigger word inside the matched name itself ("absent" in "absent
  patellae", "absence" in "absence seizures") never applies to that name.
* **Informants** are not subjects: "his mother reports that he has seizures" stays with the
  patient.

Precedence: excluded over uncertain over present. Onset phrases in the same comma-separated
segment ("since infancy", "congenital", "neonatal", "in childhood" …) set
:attr:`~kgmed.text.finding.Finding.onset` to the HPO onset term.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate
from typing import NamedTuple, Sequence

from kgmed.text.measurements import find_onset_ages
from kgmed.text.normalize import HYPHENS, STOPWORDS, Tokens, is_plural, normalize_word

_HYPHEN_SET = frozenset(HYPHENS)
#: A table's value after a finding (see ContextAnnotator._table_values): a minus sign
#: ("Ataxia: -", "scoliosis (−)") or an unknown ("Epilepsy: N/A", "Autism: not assessed").
_VALUE_STARTS = frozenset(":(-\u2212\u2013")
_MINUS_VALUE = re.compile(r"[ \t]*(?::[ \t]*)?(?:\([ \t]*[-\u2212\u2013][ \t]*\)|[-\u2212\u2013](?=[ \t]*(?:[,;.\n]|$)))")
_UNKNOWN_VALUE = re.compile(
    r"[ \t]*[:(][ \t]*(?:n/?a|nr|nd|unk|unknown|not (?:assessed|tested|evaluated|examined|available|done|known))"
    r"[ \t]*\)?[ \t]*(?:[,;.\n]|$)", re.IGNORECASE)

__all__ = ["ContextAnnotator", "ContextRules", "Context", "Breaks", "clause_breaks"]

_SENTENCE_ABBREVIATIONS = frozenset(
    "e g i vs dr mr mrs ms prof fig figs al approx no st ca cf resp incl viz jr sr inc ltd pp vol ed eds".split()
)


class Context(NamedTuple):
    """Status, subject and onset of one span."""

    status: str = "present"
    subject: str = "patient"
    onset: str | None = None


#: Words before a negation that make it an aside ("a small jaw, though not retrognathic, and …").
_CONTRASTIVE = frozenset({"though", "although", "albeit", "but", "yet"})
#: Words that start a new clause's subject inside a list ("…, and she sleeps poorly").
_NEW_SUBJECTS = frozenset({"he", "she", "they", "we", "it", "his", "her", "their", "its"})
#: words of degree between a negated copula and its finding ("not overly sleepy")
_DEGREE_ADVERBS = frozenset("very too overly unduly markedly particularly especially severely".split())
#: words that link a phrase to what went before, never inside an item of a list
_LINKERS = frozenset("due resulting leading caused associated secondary because including such especially "
                     "particularly eg ie which that whether".split())
#: verbs that end a list of findings ("no previous history, presented with seizures")
_LIST_VERBS = frozenset("is are was were be been has have had presented presents showed shows developed develops "
                        "began begins started starts remained remains".split())
#: Last words of negation triggers that negate a verb ("did not", "doesn't", "failed to"):
#: their scope reaches a finding only through a verb of having or showing (the fillers).
_VERB_NEGATORS = frozenset({"not", "t", "to"})
#: verbs of opinion whose clause a negation reaches: "I do not think there is any delay",
#: "did not feel he met criteria for ADHD", "would not describe him as having brachydactyly",
#: "would not currently regard him as having a learning disability"
_OPINION_VERBS = frozenset("think feel felt believe consider describe recall remember anticipate expect regard".split())
#: verbs of judgement a negation reaches over, after "not" / "n't" only ("did not support a
#: diagnosis of", "was not born with", "did not progress to", "did not reveal even a few",
#: "was not considered autistic", "not felt to represent an epileptic encephalopathy", "not
#: thought to be consistent with", "the anatomy did not fit tetralogy of Fallot"; not after
#: "failure to": "failure to progress, with fetal distress"), and those of opinion
_JUDGEMENT_VERBS = frozenset(
    "born support supports supported progress progressed reach reached even considered deemed judged "
    "represent represents reflect reflects constitute constitutes consistent compatible "
    "fit fits fitted amount amounts amounted".split()) | _OPINION_VERBS
#: verbs of seeming and of noticing whose complement "to be" / "to have" a negation reaches
#: over, with the person noticed between ("does not appear to be in pain", "have not noticed
#: him to be in pain", "did not seem to have seizures")
_SEEMING_VERBS = frozenset("appear appears appeared seem seems seemed noticed observed seen found".split())
_PERSON_OBJECTS = frozenset("him her them".split())
#: verbs by which a diagnosis is raised, and the last words of verdicts that reject one
_RAISED = frozenset("considered queried suspected raised entertained proposed".split())
_EXCLUSION_VERDICTS = frozenset({"out", "excluded", "supported", "upheld"})
#: judgements that take a plan after "for" ("not considered for surgery")
_CONSIDERED = frozenset({"considered", "deemed", "judged"})
#: words that open an opinion's clause ("did not consider this to be typical atopic dermatitis")
_CLAUSE_OPENERS = frozenset("that there he she they him her as this it".split())
#: words after an article that say the finding is not the first of its kind ("did not have a
#: second seizure"): they keep a negated verb's scope from reaching it
_NOT_THE_FIRST = frozenset("second third fourth fifth further another repeat new recurrent subsequent".split())
#: nouns of a person that an opinion's finding may describe ("does not feel he is an anxious boy")
_PERSON_NOUNS = frozenset("boy girl child man woman baby infant toddler person individual teenager adult".split())
#: first words of the triggers of a screen or test for a finding ("screening for", "tested for")
_SCREENS = frozenset("screen screening screened test testing tested check checked".split())
#: verdicts that end a screen's clause as normal ("screening for X was normal"), and their copulas
_NEGATIVE_RESULTS = frozenset({"normal", "negative", "unremarkable", "clear"})
_RESULT_COPULAS = frozenset({"was", "were", "is", "are", "been", "back"})  # ("came back normal")
#: titles before a patient's name
_TITLES = frozenset("mr mrs ms miss master".split())
_FINITE_VERBS = frozenset("is was are were has had have does did".split())
#: words after which the finding of an opinion's clause has ended (any other word: it
#: modifies a noun, "seizure medication")
_AFTER_AN_OPINIONS_FINDING = _FINITE_VERBS | frozenset(
    "and or nor but in at on with since for as now currently anymore any again before after during throughout "
    "today to from of by about over under when while requiring needing warranting".split()) | _PERSON_NOUNS
#: last words of backward negations that may take their finding as an object instead
#: ("has never been diagnosed with asthma", "her parents had never observed urticaria")
_SEEN_VERBS = frozenset("diagnosed observed seen noted detected found identified documented".split())
#: adverbs of time a negation does not walk over: "he did not initially have seizures" (later he did)
_TEMPORAL_ADVERBS = frozenset("initially originally early".split())
#: adjectives of a tendency, whose finding a negation reaches: "not prone to recurrent
#: infections", "is not susceptible to fractures"
_SUSCEPTIBLE = frozenset("prone susceptible predisposed liable".split())
#: last words of backward negations that are a verdict on a diagnosis, and what may follow them
_VERDICTS = frozenset({"suspected", "supported", "upheld"})
_VERDICT_ENDS = frozenset("by on at after radiologically biochemically genetically histologically".split())
#: who may have seen or found a finding that the patient has all the same
_OBSERVERS = frozenset("i we doctor doctors neurologist neurologists clinician clinicians physician physicians "
                       "resident residents team staff nurse nurses paediatrician pediatrician consultant "
                       "radiologist examiner geneticist".split())
_DEFINITE = frozenset("the his her their its this these those such".split())
_CAUSE_WORDS = frozenset("cause causes reason explanation etiology aetiology source trigger origin basis".split())
_NOT_AN_OBJECT = frozenset("by in at on since for until again before after during from as".split())
#: negations that reach only a finding right after them ("no known" over fillers too: "no
#: known history of seizures"): "not in heart failure", "no known heart problems", but not
#: "not in school due to seizures", "no known treatment for his ataxia"
_NARROW_NEGATIONS = frozenset({("not", "in"), ("no", "known"), ("rather", "than")})
#: the words, in order and each optional, that a narrow negation passes over to its finding
_NARROWLY_PASSED = {"than": (("being",), ("a", "an", "the"), ("isolated", "simple", "mere")),
                    "in": (("a", "an", "the"),)}
#: last words of backward negations that say a goal was not reached: they negate the
#: finding only where it is their subject, not a complement after "of" / "for" ("control of
#: seizures was not reached", "surgery for scoliosis was not required"), but "criteria for
#: autism were not met" and "progression to end-stage kidney disease was not reached"
_GOAL_WORDS = frozenset({"met", "reached", "required", "needed", "fulfilled"})
_CRITERIA = frozenset({"criteria", "criterion", "diagnosis"})
#: endings of an adjective that shares a negated verb's finding with its name ("did not show
#: repetitive or stereotyped movements")
_ADJECTIVE_ENDINGS = ("ive", "ic", "ac", "al", "ous", "ary", "ile", "ant", "ent")
#: adjectives without such an ending that a negated verb's finding may carry ("has not had
#: brief staring spells")
_PLAIN_ADJECTIVES = frozenset({"brief", "daily", "nightly", "true", "overt", "definite", "clear", "new"})


def _phrases(text: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(normalize_word(w) for w in p.split()) for p in text.split("|") if p.strip())


#: relatives named by one noun, which an adjective finding right before describes ("his diabetic mother")
_RELATIVE_NOUNS = frozenset("mother father sister brother sibling sib son daughter aunt uncle cousin grandmother "
                            "grandfather grandparent parent twin niece nephew husband wife mom dad".split())
#: Copulas that agree with a list ("A and B were negative"), and words that open a new subject
_PLURAL_COPULAS = frozenset({"were", "are"})
_DETERMINERS = frozenset("his her their its this that these those a an the my our your".split())
#: words between a verb of seeing or finding and its object ("never found any cause")
_BEFORE_AN_OBJECT = _DETERMINERS | {"any", "such", "with"}


#: a relative as a negated subject: "no family member has seizures" (both a negation and
#: the family's: the phrases are in both groups of :class:`ContextRules`, normalised, so
#: "no siblings" too; not "no relatives", which is also "no relative macrocephaly")
_NO_RELATIVE = ("no family member|no other family member|no sibling|no one in the family|nobody in the family|"
                "no one else in the family|nobody else in the family|no known family history|"
                "no known family history of")


#: "nothing to suggest an epileptic encephalopathy", "nothing in the history or examination to
#: suggest cerebral palsy": a negation over what the words would suggest
_NOTHING_TO_SUGGEST = "|".join(
    f"nothing{where} {verb}" for where in ("", " clinically", " on examination", " on history or examination", " else",
                                            *(f" in {who} history{exam}" for who in ("the", "his", "her", "their")
                                              for exam in ("", " or examination", " or on examination")))
    for verb in ("to suggest", "to indicate", "to support", "suggestive of", "suggesting"))


#: words after "excluding" / "ruling out" that name others ("excluding those with febrile seizures")
_OTHERS = frozenset({"other", "those", "patients", "cases"})
#: words between a list's "or" / "nor" and its next finding that announce it, after "other"
#: or "any" ("or other features of", "or any signs of"; not "or systemic cause of")
_ITEM_ANNOUNCERS = frozenset("other any features feature signs sign symptoms evidence of".split())
#: verbs by which a relative dates the patient's finding: an informant's ("his mother dates his
#: problems back to a fall"), read by ContextAnnotator._is_informant
_DATING_VERBS = frozenset({"date", "dates", "dated"})
#: words after a parent that open the parent's own finding ("born to a mother with diabetes")
_OWN_FINDING_OPENERS = frozenset({"with", "who", "whose", "having", "affected", "carrying"})
#: a test's negative result, which notes write after a list of tests without a copula
_RESULT_NEGATIVES = frozenset({"negative", "neg"})
#: words between "to suggest" and the finding it would suggest ("nothing to suggest an encephalopathy")
_ARTICLES_OF_A_SUGGESTION = frozenset({"a", "an", "any"})
#: words after "to suggest" that open a clause or name a finding already known ("that his …")
_NOT_A_SUGGESTED_FINDING = frozenset("that his her their the its this these whether".split())
#: words after a negated finding that name what it would suggest ("no rash to suggest vasculitis")
_SUGGEST_CUES = (("to", "suggest"), ("to", "indicate"), ("to", "support"), ("suggestive", "of"), ("suggesting",),
                 ("indicative", "of"))


#: "at no time did he have seizures", "at no point was she …" (the inverted verb and its subject)
_AT_NO_TIME = "|".join(
    f"at no {when}{inverted}" for when in ("time", "point", "stage")
    for inverted in ("", *(f" {verb} {who}" for verb in ("did", "has", "had", "was", "were")
                           for who in ("he", "she", "they", "the patient", "the child"))))


@dataclass
class ContextRules:
    """Trigger phrases (``|``-separated, normalised like the text). Change them to adapt
    the annotator to another style of writing."""

    negation_pre: str = (
        "no|not|without|denies|denied|deny|denying|absence of|negative for|free of|lack of|lacks|"
        "lacked|lacking|never|neither|nor|none|nil|ruled out|excluded|no evidence of|"
        "no sign of|no signs of|no history of|no symptoms of|no finding of|no findings of|"
        "didn t|doesn t|don t|isn t|wasn t|weren t|aren t|hasn t|haven t|hadn t|won t|"
        "did not|does not|do not|has not|have not|had not|"
        "is negative for|was negative for|were negative for|are negative for|"
        "failure to|fails to|failed to|fail to|"
        "not found to have|not noted to have|not shown to have|not seen to have|"
        "could not feel|could not find|could not detect|could not identify|could not palpate|could not elicit|"
        "could not demonstrate|could not see|not that of|not those of|not consistent with|not in keeping with|"
        "not suggestive of|not indicative of|not typical of|no features of|no feature of|no suggestion of|"
        "no pattern of|no clinical or laboratory evidence of|no clinical or radiological evidence of|"
        "no clinical or biochemical evidence of|no known allergy|no known drug allergy|nkda|nka|not c w|neg for|"
        "free from|clear of|not in|no known|not met|rather than|ruling out|excluding|not considered to have|" + _AT_NO_TIME + "|"
        "none reported|none noted|none seen|none observed|none documented|none known|none ever|"
        "not considered consistent with|not felt to be consistent with|not thought consistent with|"
        "arguing against|argues against|argued against|could not confirm|was unable to confirm|"
        "were unable to confirm|could not substantiate|"
        + _NOTHING_TO_SUGGEST + "|"
        + _NO_RELATIVE
    )
    negation_post: str = (
        "absent|was absent|were absent|is absent|are absent|not seen|not observed|not present|not evident|"
        "not apparent|not visible|not found|not demonstrated|not reported|not confirmed|not detectable|"
        "not detected|not found|not noted|not identified|was negative|were negative|is negative|"
        "not documented|not recorded|not described|not appreciated|not elicited|not noticed|"
        "never seen|never observed|never noted|never reported|never documented|never detected|"
        "never found|never present|not a feature|not a finding|not diagnosed|never diagnosed|"
        + "|".join(f"{aux}{neg} been a {what}" for aux in ("", "has ", "have ", "had ") for neg in ("not", "never")
                   for what in ("feature", "problem")) + "|"
        + "|".join(f"{aux}{neg} been {verb}" for aux in ("", "has ", "have ", "had ") for neg in ("not", "never")
                   for verb in ("observed", "seen", "noted", "reported", "documented", "detected", "found",
                                "diagnosed", "present", "identified", "reached")) + "|"
        "not reached|not met|was not met|were not met|not fulfilled|was denied|were denied|is denied|are denied|"
        "not having occurred|did not occur|does not occur|do not occur|has not occurred|have not occurred|"
        "had not occurred|never occurred|"
        "ruled out|was ruled out|were ruled out|excluded|was excluded|were excluded|"
        "considered and excluded|considered and ruled out|not required|not needed|"
        "not suspected|was not suspected|were not suspected|is not suspected|not upheld|was not upheld|"
        "never suspected|was never suspected|were never suspected|"
        "could not be elicited|cannot be elicited|could not be demonstrated|could not be detected|"
        "could not be found|could not be identified|could not be seen|could not be palpated|could not be felt|"
        "not supported|was not supported|undetectable|"
        "free|negative|neg"
    )
    uncertain_pre: str = (
        "possible|possibly|probable|probably|suspected|suspect|suspicion of|suspicious for|"
        "suggestive of|suggesting|questionable|question of|may have|might have|could have|"
        "may be|might be|could be|likely|unlikely|concern for|concerning for|rule out|r o|"
        "presumed|presumably|query|at risk for|at risk of|risk of|risk for|predisposition to|"
        "cannot exclude|can not exclude|not exclude|to exclude|exclude|differential diagnosis|differential|whether|"
        "monitor for|monitoring for|screen for|screening for|evaluate for|evaluation for|assess for|"
        "assessment for|check for|test for|testing for|workup for|work up for|surveillance for|if|"
        "screened for|tested for|monitored for|checked for|assessed for|genes associated with|panel for"
    )
    uncertain_post: str = (
        "suspected|is suspected|was suspected|is possible|was possible|is questionable|"
        "cannot be excluded|can not be excluded|could not be excluded|not excluded|"
        "cannot be ruled out|could not be ruled out|not ruled out|not be ruled out|"
        "is likely|is unlikely|was unlikely|is probable|unlikely|is expected|are expected|expected|anticipated|"
        "if present|if any|gene panel"
    )
    pseudo: str = (
        "not only|no change|no significant change|no increase|no decrease|not necessarily|"
        "not certain whether|no doubt|without difficulty|no further|gram negative|not all|"
        "not always|can t|cannot|can not|couldn t|could not|unable to|not able to|"
        "not until|did not walk until|no more than|not more than|not less than|"
        "no improvement|no worsening|no reduction|no relief|no response|no progression|"
        "no longer|no more|resolution of|resolved|has resolved|have resolved|"
        "not seen again|not observed again|never seen again|never observed again|never recurred|"
        "did not occur until|had not occurred until|did not occur again|has not occurred again|"
        "if not|whether or not|not clear|not known|without contrast|without gadolinium|"
        "with differential|differential count|white cell differential|wbc differential|blood differential"
    )
    family: str = (
        "mother|father|sister|brother|sibling|sib|aunt|uncle|cousin|grandmother|grandfather|"
        "grandparent|parent|family history|family history of|familial history|family member|"
        "relative|niece|nephew|son|daughter|mom|dad|husband|wife|offspring|maternal|paternal|"
        "half sister|half brother|twin|kindred|fh|family hx|"
        "granddaughter|grandson|proband s mother|proband s father|" + _NO_RELATIVE
    )
    informant: str = (
        "report|reported|reports|say|says|said|state|states|stated|note|notes|noted|notice|"
        "noticed|describe|describes|described|brought|bring|concern|concerned|worry|worried|"
        "tell|told|feel|felt|think|thinks|thought|observe|observed|complain|complained|is concerned|"
        "deny|denies|denied|recall|recalls|recalled|remember|remembers|remembered|recount|recounts|recounted|"
        "witness|witnessed|witnesses|confirms"
    )
    terminators: str = (
        "but|however|although|though|except|apart from|aside from|whereas|while|yet|which|despite|in spite of|"
        "who|whom|whose|nevertheless|nonetheless|besides|because|instead|rather than|other than|"
        "unless|than|then|after|later|now|currently|presently|still|positive|given|following|until"
    )
    predicates: str = (
        "is|was|are|were|has|have|had|shows|showed|show|presents|presented|present|"
        "develops|developed|exhibits|exhibited|displays|displayed|demonstrates|demonstrated|"
        "reveals|revealed|complains|complained|suffers|suffered|experienced|experiences|"
        "remains|remained|became|becomes|underwent|received|started|began|can|will|would|should"
    )
    # Words allowed between a forward trigger and its scope ("no evidence *of any* …").
    fillers: str = (
        "have|has|had|show|shows|showed|exhibit|exhibited|develop|developed|present|presented|"
        "with|demonstrate|demonstrated|display|displayed|experience|experienced|report|reported|"
        "suffer|suffered|from|any|evidence|sign|symptom|history|been|be|is|was|were|are|a|an|the|"
        "of|clinical|obvious|significant|definite|definitive|apparent|overt|further|other|also|"
        "associated|known|documented|personal|notable|evident|seem|seems|appear|appears|to|"
        "got|get|for|patient|child|individual|case|subject|them|these|those|affected|member|"
        "reveal|reveals|revealed|manifest|manifests|manifested|include|includes|included|"
        "complain|complains|complained|accompanied|by|detect|detected|find|found|observe|observed|"
        "see|seen|note|noted|carry|carries|carried|complicated|meet|meets|met|fulfil|fulfill|fulfils|"
        "fulfills|fulfilled|criteria|criterion|diagnostic|diagnosis|diagnosed|given|made|features|feature|signs|"
        "symptoms|"
        "indicate|indicates|indicated|suggest|suggests|suggested|describe|describes|described|pattern|being|"
        "laboratory|radiological|radiographic|biochemical|histological|him|her|having|thought|believed|"
        "serological|serologic|scintigraphic|electrophysiological|neurophysiological|histopathological|"
        "witnessed|troubled|bothered|captured|recorded|"
        "currently|identify|identified|notice|noticed|elicit|elicited|shown"
    )
    # Words allowed between a finding and a backward trigger ("seizures *were also* absent").
    back_fillers: str = (
        "was|were|is|are|been|has|have|had|be|being|also|both|all|completely|entirely|totally|"
        "clinically|radiologically|always|consistently|then|later|subsequently|currently|now|"
        "clearly|definitely|reliably|safely|confidently|largely|mostly|however|"
        "thought|considered|felt|deemed|to|therefore|thus|hence|specifically|formally|"
        "screen|screening|testing|serology|assessment|evaluation|test|tests|pcr|culture|cultures|swab|"
        "titre|titres|titer|titers"
    )
    onsets: dict = field(default_factory=lambda: {
        "HP:0030674": "prenatal|prenatally|antenatal|antenatally|in utero|intrauterine",
        "HP:0003577": "congenital|congenitally|since birth|at birth|from birth|present at birth",
        "HP:0003623": "neonatal|neonatally|newborn period|in the newborn|first weeks of life|"
                      "first week of life|first days of life|in the neonatal period",
        "HP:0003593": "since infancy|in infancy|infantile|infantile onset|during infancy|"
                      "first year of life|from infancy|early infancy|late infancy",
        "HP:0011463": "in childhood|since childhood|during childhood|childhood onset|in early childhood|"
                      "in late childhood|since early childhood|from early childhood",
        "HP:0003621": "juvenile|juvenile onset|in adolescence|during adolescence|since adolescence|"
                      "adolescent onset",
        "HP:0003581": "adult onset|in adulthood|during adulthood|since adulthood",
        "HP:0003584": "late onset|in late adulthood|in old age",
    })


class _Trigger(NamedTuple):
    start: int
    end: int
    kind: str  # neg_pre, neg_post, unc_pre, unc_post, pseudo, family, informant, term, pred, onset:HP..
    value: str = ""


class Breaks(NamedTuple):
    """Per token ``i``, what separates it from token ``i-1``: a clause mark (``clause``), a
    comma, a clause mark or bracket (``barrier``, which dictionary matches never cross),
    a colon."""

    clause: list
    comma: list
    barrier: list
    colon: list


def _sep_flags(g: str) -> tuple[bool, bool, bool, bool, bool]:
    """(clause, comma, barrier, colon, has_period) for one separator."""
    clause = "\n" in g or "\r" in g
    c = g.strip()
    comma = colon = barrier = period = False
    if g == ":":
        return _NO_BREAK  # inside a word: a ratio ("lactate:pyruvate"), a time, "C3:0"
    if c:
        comma = "," in c
        if any(ch in c for ch in ";!?:"):
            clause = True
            colon = ":" in c
        elif any(a in c for a in _ARROWS):
            clause = True  # a note's arrow draws a conclusion: "no pointing → autistic features"
        period = "." in c
        barrier = any(ch in c for ch in "()[]{}")
        if c in _DASHES and g[0].isspace() and g[-1].isspace():
            comma = True  # a spaced dash sets items apart like a comma ("Hearing ↓ - TV very loud")
    return clause, comma, barrier or clause, colon, period


_NO_BREAK = (False, False, False, False, False)
_ARROWS = ("→", "->", "=>", "⇒", "⟶")
_DASHES = frozenset("-–—")
#: words a spaced dash joins to what comes before it, as its predicate ("Seizures - negative",
#: "Hb 8.7 g/dL - low"): no break there
_DASH_PREDICATES = frozenset("negative positive absent present normal nil none low high raised elevated "
                             "reduced decreased increased delayed mild moderate severe".split())
# Flags of the most common separators, computed once (punctuation only, no text).
_COMMON_SEPS = {
    g: (_sep_flags(g) if any(_sep_flags(g)) else _NO_BREAK)
    for g in [" ", ", ", ". ", "; ", ": ", " (", ") ", "), ", ").", "/", " - ", ",", "-", ".", " [", "] ", "\n",
              ".\n", "\n\n", " \"", "\" ", "'", "' ", " '", "% ", "%) ", " = ", ")", "(", " / ", ":"]
}


def clause_breaks(tokens: Tokens) -> Breaks:
    """What separates each word from the previous one (see :class:`Breaks`).

    A period followed by a space is a sentence end unless it closes a common abbreviation
    ("e.g.", "Dr.", "vs.", "et al.") or an initial; a line break ends a clause.
    """
    seps, words = tokens.seps, tokens.words
    n = len(words)
    clause = [False] * n
    comma = [False] * n
    barrier = [False] * n
    colon = [False] * n
    common = _COMMON_SEPS
    for i in [k for k in range(1, n) if seps[k] != " "]:
        g = seps[i]
        f = common.get(g) or _sep_flags(g)
        if f is _NO_BREAK:
            continue
        cl, comma[i], barrier[i], colon[i], period = f
        if comma[i] and g.strip() in _DASHES and words[i].lower() in _DASH_PREDICATES:
            comma[i] = False  # "Seizures - negative": the dash stands for a copula
        if period and not cl:
            prev = words[i - 1]
            if not (prev.lower() in _SENTENCE_ABBREVIATIONS or (len(prev) == 1 and prev.isupper())) \
                    and (g[-1].isspace() or len(g.strip()) > 1):
                cl = True
                barrier[i] = True
        clause[i] = cl
    return Breaks(clause, comma, barrier, colon)


class ContextAnnotator:
    """Assign status, subject and onset to matched spans (token intervals).

    Args:
        rules: the trigger phrases (:class:`ContextRules`).
        max_scope: the most tokens a forward trigger's scope runs past its trigger or
            the last item of its list, and a quarter of the most it runs in all (a list
            of 20 findings after "he did not have" is one scope); bounds the work per
            trigger, so long inputs stay linear.
        ages: read ages as onsets too ("seizures began at 3 months of age" → *Infantile
            onset*; :func:`kgmed.text.measurements.find_onset_ages`), besides the onset
            phrases of the rules ("in infancy"), where the age opens with "since" / "from"
            or its clause says something began ("began", "developed", "onset", "noted" …):
            an age of examination or presentation is no onset.
    """

    def __init__(self, rules: ContextRules | None = None, *, max_scope: int = 24, ages: bool = True):
        self.rules = rules or ContextRules()
        self.max_scope = max_scope
        self.ages = ages
        r = self.rules
        table: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        groups = [("neg_pre", r.negation_pre), ("neg_post", r.negation_post), ("unc_pre", r.uncertain_pre),
                  ("unc_post", r.uncertain_post), ("pseudo", r.pseudo), ("family", r.family),
                  ("term", r.terminators), ("pred", r.predicates)]
        for hpo, phrases in r.onsets.items():
            groups.append((f"onset:{hpo}", phrases))
        for kind, text in groups:
            for p in _phrases(text):
                table.setdefault(p[0], []).append((p, kind))
        import ahocorasick

        auto = ahocorasick.Automaton()
        phrases: dict[tuple[str, ...], list[str]] = {}
        for first_word_phrases in table.values():
            for p, kind in first_word_phrases:
                kinds = phrases.setdefault(p, [])
                if kind not in kinds:
                    kinds.append(kind)
        for p, kinds in phrases.items():
            key = " ".join(p)
            auto.add_word(f" {key} ", (tuple(kinds), len(p), len(key) + 2))
        auto.make_automaton()
        self._automaton = auto
        self._fillers = frozenset(w for p in _phrases(r.fillers) for w in p)
        self._back_fillers = frozenset(w for p in _phrases(r.back_fillers) for w in p)
        # one-word informant verbs only: "is" of "is concerned" is no informant ("his
        # brother is affected with ataxia" is the brother's ataxia)
        self._informant = frozenset(p[0] for p in _phrases(r.informant) if len(p) == 1)
        self._conj = frozenset({"and", "or", "nor", "plus", "also"})

    def trigger_words(self) -> set[str]:
        """Every word of every trigger phrase, lower case (for the dictionary's word table)."""
        r = self.rules
        texts = [r.negation_pre, r.negation_post, r.uncertain_pre, r.uncertain_post, r.pseudo, r.family,
                 r.informant, r.terminators, r.predicates, r.fillers, r.back_fillers, *r.onsets.values()]
        return {w.lower() for t in texts for p in t.split("|") for w in p.split()}

    # ------------------------------------------------------------------ triggers
    #: words that make an age in their clause an onset ("began at 3 months"), unlike the
    #: age of an examination or a presentation ("examined at 12 years", "presented at 45")
    _ONSET_WORDS = frozenset(
        "onset began begin begins beginning begun started start starts starting developed develop develops "
        "developing appeared appear appears emerged emerge first noticed noted manifested manifest "
        "occurred occur arose diagnosed initial earliest since".split())

    def _age_triggers(self, tokens: Tokens, clause: Sequence[bool], cues=None) -> list["_Trigger"]:
        """Onset triggers for ages in the text ("seizures began at 3 months of age"), kept
        where the age opens with "since" / "from" or its clause says something began."""
        starts, ends, norms = tokens.starts, tokens.ends, tokens.norms
        if self._ONSET_WORDS.isdisjoint(norms) and "from" not in norms:
            return []  # no age here can be an onset: skip the search
        ages = find_onset_ages(tokens.text, cues)
        if not ages:
            return []
        # the clauses that say something began, found once (not once per age: a long
        # clause of many ages would cost its length for each)
        cid = list(accumulate(clause))  # cid[i]: the clause of word i
        onset_clauses = {cid[x] for x, w in enumerate(norms) if w in self._ONSET_WORDS}
        out = []
        for a, b, hpo in ages:
            i, j = bisect_left(starts, a), bisect_right(ends, b)
            if i >= j:
                continue
            if norms[i] in ("since", "from") or cid[i] in onset_clauses or cid[j - 1] in onset_clauses:
                out.append(_Trigger(i, j, f"onset:{hpo}"))
        return out

    def _triggers(self, tokens: Tokens, clause: Sequence[bool]) -> list[_Trigger]:
        """Longest trigger phrases, left to right (one Aho-Corasick pass); a phrase listed
        in two groups ("ruled out": forward and backward negation) yields one trigger per
        group. Phrases never cross a clause mark."""
        s, offs = tokens.keyed()
        hits = []
        for end_char, (kinds, L, klen) in self._automaton.iter(s):
            first = bisect_right(offs, end_char - klen + 2) - 1
            hits.append((first, -L, kinds))
        if not hits:
            return []
        hits.sort(key=lambda h: (h[0], h[1]))
        out: list[_Trigger] = []
        pos = 0
        for first, negL, kinds in hits:
            if first < pos:
                continue
            L = -negL
            if L > 1 and any(clause[first + 1:first + L]):
                continue
            for kind in kinds:
                out.append(_Trigger(first, first + L, kind))
            pos = first + L
        return out

    # ------------------------------------------------------------------ annotate
    def annotate(self, tokens: Tokens, spans: Sequence[tuple[int, int]], breaks: Breaks,
                 open_triggers: frozenset[int] | set[int] = frozenset(),
                 cues: dict[str, list[int]] | None = None) -> list[Context]:
        """The :class:`Context` of each token span ``[start, end)`` in ``spans``.

        ``breaks`` tells what separates consecutive tokens (:func:`clause_breaks`). A
        trigger inside a span is part of the finding's name and is ignored, except one
        starting at a token in ``open_triggers``: the "no" of "no speech" (*Absent speech*)
        still negates what follows it ("no speech, seizures or hypotonia"), though not its
        own span. ``cues``: the text's :func:`~kgmed.text.measurements.find_cues`, when
        the caller has them already.
        """
        clause, comma = breaks.clause, breaks.comma
        if not spans:
            return []
        norms = tokens.norms
        span_starts = {a for a, _ in spans}
        triggers = []
        for t in self._triggers(tokens, clause):
            if t.kind != "pseudo":
                triggers.append(t)
            elif norms[t.start] in ("no", "not", "without") and any(a in span_starts for a in range(t.start + 1, t.end)):
                # the phrase that blocks the negation is the finding's own start: "no reduction
                # in T-cell numbers" is an excluded *T lymphocytopenia* ("no reduction in
                # seizure frequency" keeps its seizures)
                triggers.append(_Trigger(t.start, t.start + 1, "neg_pre"))
        if self.ages:
            triggers += self._age_triggers(tokens, clause, cues)
        if not any(t.kind not in ("term", "pred") for t in triggers):
            status = self._table_values(tokens, spans, self._queries(tokens.seps, spans, ["present"] * len(spans)))
            return [Context(st) for st in status]
        order = sorted(range(len(spans)), key=lambda k: spans[k])
        sorted_starts = [spans[k][0] for k in order]
        starts: dict[int, int] = {}  # token -> end of the longest span starting there
        ends: dict[int, list[int]] = {}
        for k, (a, b) in enumerate(spans):
            if b > starts.get(a, -1):
                starts[a] = b
            ends.setdefault(b, []).append(k)
        terms = {t.start for t in triggers if t.kind == "term"}
        preds = {t.start for t in triggers if t.kind == "pred"}

        status = ["present"] * len(spans)
        subject = ["patient"] * len(spans)
        onset: list[str | None] = [None] * len(spans)
        pronoun_done: set = set()  # sentences already given to a relative by their pronoun

        def spans_from(lo: int, hi: int):
            """Indices of spans starting in [lo, hi)."""
            i = bisect_left(sorted_starts, lo)
            while i < len(order) and sorted_starts[i] < hi:
                yield order[i]
                i += 1

        def inside(t: _Trigger) -> bool:
            for k in spans_from(max(0, t.start - 16), t.start + 1):
                a, b = spans[k]
                if a <= t.start and t.end <= b:
                    return True
            return False

        # where each forward negation that is read starts: another one's list ends there (below)
        negations = {t.start for t in triggers
                     if t.kind == "neg_pre" and not (inside(t) and t.start not in open_triggers)}
        # tokens a negation covers or opens on: a relative there is negated ("no known
        # family history, presented with ataxia": its scope does not cross the comma either)
        negated_at = {i for t in triggers if t.kind == "neg_pre" for i in range(t.start, t.end + 1)}
        for t in triggers:
            kind = t.kind
            if kind in ("term", "pred") or (inside(t) and t.start not in open_triggers):
                continue
            if kind.startswith("onset:"):
                lo, hi = self._segment(t, clause, comma)
                targets = [k for k in spans_from(lo, hi) if spans[k][1] <= hi]
                if not targets and hi < len(norms) and comma[hi] and not clause[hi] \
                        and (lo == 0 or clause[lo]):
                    # a leading phrase: "At 45 years of age, he presented with gait ataxia"
                    end = hi + 1
                    while end < len(norms) and not clause[end]:
                        end += 1
                    targets = [k for k in spans_from(hi, end) if spans[k][1] <= end]
                for k in targets:
                    if onset[k] is None:
                        onset[k] = kind[6:]
                continue
            if kind == "family":
                for k in self._adjective_of_relative(t, norms, ends, tokens.seps):
                    subject[k] = "family"
            if kind == "family" and (self._is_informant(norms, t.end, clause)
                                     or self._informant_or_object(norms, t.start, clause, comma)
                                     or self._with_patient(norms, t.start, clause)
                                     or self._writers_child(norms, t, clause)
                                     # a note's "Parents: not clumsy, …": what the parents report
                                     or (t.end - t.start == 1 and tokens.words[t.start].lower() == "parents"
                                         and t.end < len(norms) and breaks.colon[t.end])):
                continue
            if kind == "neg_pre" and norms[t.end - 1] == "have" and t.end < len(norms) and norms[t.end].endswith("ed"):
                continue  # "not considered to have caused his seizures": a relation, not a finding
            if kind == "neg_pre" and norms[t.start] in ("excluding", "ruling") \
                    and not self._verdict_after_comma(t, norms, clause, comma):
                continue  # "normal excluding a small hernia", "after ruling out other causes of his seizures"
            if kind == "unc_pre" and norms[t.end - 1] == "for" and norms[t.start] in _SCREENS \
                    and self._result_negative(t.end, norms, clause):
                kind = "neg_pre"  # a screen for it came back normal: "newborn screening for hypothyroidism was normal"
            if kind in ("neg_pre", "unc_pre", "family"):
                spared = None  # (a clause's subject a verb of opinion leaves alone, below)
                # an open trigger's scope runs on from its own span ("no speech, seizures …")
                begin = t.start if t.start in open_triggers else t.end
                if kind == "family" and begin < len(norms) and norms[begin] in ("who", "whose") \
                        and not clause[begin]:
                    begin += 1  # a relative clause of the relative: "her mother, who has diabetes, …"
                # "Without treatment, …", "In the absence of treatment, …" open the sentence
                opening = kind == "neg_pre" and norms[t.start] in ("without", "absence") and (
                    t.start == 0 or clause[t.start] or (t.start >= 2 and norms[t.start - 2:t.start] == ["in", "the"]
                                                        and (t.start == 2 or clause[t.start - 2])))
                # "a small jaw, though not retrognathic, and low-set ears": an aside ends at its comma
                aside = kind == "neg_pre" and t.start > 0 and (norms[t.start - 1] in _CONTRASTIVE or (
                    # a relative's negated predicate: "a low nasal bridge which is not broad, upturned nostrils"
                    t.start > 1 and norms[t.start] == "not" and norms[t.start - 1] in ("is", "was", "are", "were")
                    and norms[t.start - 2] in ("which", "that")))
                # "palpebral fissures without epicanthus, micrognathia, a high-arched palate and …":
                # "without" right after a finding qualifies it, and "neither … nor" is a closed
                # pair ("neither upturned nostrils nor a bulbous tip, a thin upper lip"): the item
                # ends at a comma unless a list runs to its "or" ("hypotonia without seizures,
                # ataxia or neuropathy")
                qualifier = kind == "neg_pre" and (
                    (norms[t.start] == "without" and t.start in ends and not clause[t.start] and not comma[t.start])
                    or norms[t.start] == "neither"
                    or (norms[t.start] == "nor" and self._after_neither(t.start, norms, clause)))
                # "broad nasal bridge, high palate, no ptosis, and fifth-finger clinodactyly": a
                # bare "no" that is an item of a list of the writer's findings (the item before it
                # a finding present) denies its own item only, unless a list runs from it to its
                # "or" ("…, no fever, cough or rash")
                item = kind == "neg_pre" and t.end - t.start == 1 and norms[t.start] in ("no", "nil") \
                    and not clause[t.start] and any(status[k] == "present" for k in (
                        ends.get(t.start, ()) if comma[t.start] else ends.get(t.start - 1, ())
                        if t.start > 0 and (norms[t.start - 1] == "and" or (
                            norms[t.start - 1] == "with" and not clause[t.start - 1] and not comma[t.start - 1]
                            and self._comma_and_follows(t.end, norms, clause, comma)))
                        else ()))  # (or "with no" before ", and": "low muscle tone with no hypertonia, and
                # hypermobile joints"; not "hypotonia with no seizures, ataxia and dysarthria")
                end = self._forward_scope(begin, norms, clause, comma, starts, terms, preds, breaks.colon, opening,
                                          aside,
                                          bare=kind == "neg_pre" and norms[t.start:t.end] in (["no"], ["nil"], ["not"]),
                                          qualifier=qualifier, item=item,
                                          handover=negations if kind == "neg_pre" else (),
                                          negation=begin == t.end and (
                                              kind == "neg_pre" or (kind == "family" and t.start in negated_at)),
                                          # a trigger that opens a bracket ends with it: "(not
                                          # down-slanting), with widely spaced eyes"
                                          closes=tokens.seps if "(" in tokens.seps[t.start] else ())
                if kind == "neg_pre" and norms[t.end - 1] in _VERB_NEGATORS:
                    # a negated verb: "did not respond to treatment for seizures", "failed to
                    # control the seizures" negate the verb, not the finding after it
                    j = begin
                    judged = norms[t.end - 1] != "to"
                    limit = end
                    opinion = False  # a verb of opinion opens a clause: "do not think that he has"
                    while j < limit and (norms[j] in self._fillers or norms[j] in _DEGREE_ADVERBS
                                         or norms[j] in _SUSCEPTIBLE
                                         or (norms[j].endswith("ly") and len(norms[j]) > 4
                                             and norms[j] not in _TEMPORAL_ADVERBS)
                                         or (judged and (norms[j] in _JUDGEMENT_VERBS
                                                         or self._seeming(j, limit, norms, clause, starts)))
                                         or (opinion and norms[j] in _CLAUSE_OPENERS)) and j not in starts:
                        if norms[j] == "further":
                            break  # "has not shown any further dilatation": the finding was there before
                        if norms[j] == "for" and j > begin and norms[j - 1] in _CONSIDERED:
                            break  # "was not considered for seizure surgery": a plan, not a finding
                        if judged and norms[j] in _OPINION_VERBS and all(w.endswith("ly") for w in norms[begin:j]):
                            opinion = True  # its clause may hold a predicate ("there is", "he is")
                            limit = min(len(norms), begin + self.max_scope)
                        j += self._seeming(j, limit, norms, clause, starts) if judged else 0
                        j += 1  # "is not excessively sleepy": the degree is no verb
                        if j < limit and clause[j]:
                            break
                    if opinion and j < limit and j in starts and not clause[j]:
                        b = starts[j]  # the clause's finding; a subject of its verb is spared:
                        # "do not think the ataxia is progressive" denies the predicate only
                        verb = next((x for x in range(j, min(len(norms), b + 1)) if norms[x] in _FINITE_VERBS), None)
                        if verb is not None and not self._names_a_cause(verb + 1, norms, clause):
                            spared = (j, verb)  # (not "do not think cerebral palsy is the explanation")
                        if b < len(norms) and not clause[b] and not comma[b] and b not in starts \
                                and norms[b].isalpha() and norms[b] not in STOPWORDS \
                                and norms[b] not in _AFTER_AN_OPINIONS_FINDING and not norms[b].endswith("ly"):
                            end = j  # a modifier of a noun: "do not consider scoliosis surgery necessary"
                        else:
                            end = max(end, self._forward_scope(j, norms, clause, comma, starts, terms, preds,
                                                               breaks.colon, handover=negations))
                    elif j < end and j not in starts and norms[j].isalpha() and not (
                            j + 2 < end and norms[j + 1] in ("or", "and") and j + 2 in starts
                            and norms[j].endswith(_ADJECTIVE_ENDINGS) and not comma[j + 1]) and not (
                            self._articled_modifiers(j, end, begin, norms, clause, comma, starts)) and not (
                            judged and self._verb_alternative(j, end, norms, comma, starts)) and not (
                            j + 1 < end and j + 1 in starts and not comma[j + 1]
                            and (norms[j].endswith(_ADJECTIVE_ENDINGS) or norms[j] in _PLAIN_ADJECTIVES
                                 or (j > begin and norms[j].endswith("ed")))
                            and norms[j] != "isolated"):
                        end = j  # (an adjective shares the finding's noun: "does not describe
                        # any repetitive or stereotyped movements"; one stands before it, or a
                        # participle after the verb: "did not develop sustained hypertension";
                        # not "isolated", which the negation may be about: "does not have
                        # isolated short stature")
                if kind == "neg_pre" and norms[t.start] in ("no", "without", "nothing", "denied", "denies", "deny"):
                    end = self._what_it_would_suggest(end, norms, clause, comma, starts, terms, preds, breaks.colon)
                if kind == "neg_pre" and (tuple(norms[t.start:t.end]) in _NARROW_NEGATIONS or norms[t.start] == "nothing"):
                    j = begin
                    while j < end and j not in starts and (
                            (norms[t.end - 1] == "known" and norms[j] in self._fillers)
                            or (norms[t.start] == "nothing" and norms[j] in _ARTICLES_OF_A_SUGGESTION)):
                        j += 1  # ("no known history of seizures"; "not in" takes its finding at once;
                        # "nothing to suggest an encephalopathy", not "… that his seizures are provoked")
                    for passed in _NARROWLY_PASSED.get(norms[t.end - 1], ()):
                        if j < end and norms[j] in passed and j not in starts:
                            j += 1  # "rather than being a global developmental delay", "a true cleft rather
                            # than a chin dimple", "not in the obese range", "rather than an isolated
                            # abdominal situs inversus", "… a simple chin dimple"
                    if norms[t.start] == "nothing" and j < end and self._names_what_is_suggested(j, norms, clause):
                        # what follows, a list of them too ("nothing to suggest raised ICP or papilloedema"),
                        # not "nothing to suggest that his seizures are provoked"
                        end = self._forward_scope(j, norms, clause, comma, starts, terms, preds, breaks.colon)
                    else:  # one finding, right there ("nothing to suggest A or B": a list of them)
                        end = starts[j] if j < end and j in starts else j
                hit = False
                overlapped = [k for k in spans_from(t.start + 1, t.end) if spans[k][1] >= t.end] \
                    if kind == "neg_pre" and t.end - t.start > 1 else []  # "no signs of anxiety"
                if overlapped and t.end < len(norms) and comma[t.end]:
                    end = t.end  # the trigger held its finding: "No known allergies, has asthma"
                for k in overlapped + list(spans_from(t.end, end)):
                    if spared is not None and spared[0] <= spans[k][0] and spans[k][1] <= spared[1]:
                        continue
                    if kind == "neg_pre" and spans[k][0] in open_triggers:
                        continue  # "no reflexes, no speech": both absent, not a double negative
                    self._apply(kind, k, status, subject)
                    hit = True
                if kind == "family":
                    for k in self._family_backward(t, norms, clause, ends):
                        subject[k] = "family"
                    # the relative goes on as the subject: "her brother is deaf and has
                    # epilepsy", "his sister, who is 5, has no seizures", "her mother has no
                    # seizures but has migraine"; a negated one negated too: "no family member,
                    # to our knowledge, has seizures"; not a history: "with no known family
                    # history, presented with ataxia"
                    # (not a parent named in the patient's descent: "infant of a mother with diabetes,
                    # presented with hypoglycaemia")
                    descent = self._descends(norms, t.start, clause)
                    # (not where a pronoun of someone else became the subject: "her parents are
                    # clear that she continues to progress and has never lost skills")
                    own = self._RELATIVE_PRONOUN.get(norms[t.end - 1])
                    switched = any(norms[x] in ("he", "she") and norms[x] != own
                                   for x in range(t.end, min(end, len(norms))))
                    while end < len(norms) and not clause[end] and norms[t.end - 1] != "history" and not descent \
                            and not switched:
                        if norms[end] in ("and", "but") and end + 1 < len(norms) and not clause[end + 1] \
                                and norms[end + 1] in self._SAME_SUBJECT_VERBS:
                            verb = end + 1
                        elif comma[end] and norms[end] in self._SAME_SUBJECT_VERBS and t.start not in negated_at:
                            verb = end  # (not after a negated one: "No siblings, presented with …")
                        elif comma[end]:  # an apposition first: "his father, aged 40, is deaf"
                            k = end + 1
                            while k < min(len(norms), end + 5) and not comma[k] and not clause[k] and k not in starts:
                                k += 1
                            if k < len(norms) and comma[k] and not clause[k] and norms[k] in self._SAME_SUBJECT_VERBS \
                                    and not any(x in starts for x in range(end, k)):
                                verb = k
                            else:
                                break
                        else:
                            break
                        nxt = self._forward_scope(verb, norms, clause, comma, starts, terms, preds, breaks.colon)
                        for k in spans_from(verb, nxt):
                            subject[k] = "family"
                            if t.start in negated_at:
                                status[k] = "excluded"
                        if nxt <= verb:
                            break
                        end = nxt
                    self._pronoun_follows(t, norms, clause, tokens.seps, spans_from, subject, pronoun_done)
                elif not hit and t.start > 0 and breaks.colon[t.start] \
                        and (t.end >= len(norms) or clause[t.end] or comma[t.end]):
                    # "Seizures: none." / "Fever: no"
                    for k in self._backward_scope(t.start, spans, norms, clause, comma, ends, spans_from,
                                                  colon=True, seps=tokens.seps, words=tokens.words):
                        self._apply(kind, k, status, subject)
            elif kind in ("neg_post", "unc_post"):
                if kind == "unc_post" and norms[t.end - 1] == "suspected" and self._confirmed_after(t.end, norms, clause):
                    continue  # "valves were suspected on antenatal ultrasound and confirmed postnatally"
                if kind == "neg_post" and norms[t.end - 1] in ("feature", "problem") and t.end < len(norms) \
                        and not clause[t.end] and norms[t.end] in ("since", "recently", "lately", "for", "anymore"):
                    continue  # "seizures have not been a feature since infancy": they were before
                if kind == "neg_post" and (norms[t.end - 1] in _VERDICTS or norms[t.start:t.end] == ["excluded"]) \
                        and not (t.end >= len(norms) or clause[t.end] or comma[t.end] or norms[t.end] in _VERDICT_ENDS
                                 or "(" in tokens.seps[t.end]):
                    continue  # a verdict ends its clause: not "not suspected until age 4", "not
                    # supported with a cast", "hypotonia excluded him from the trial"
                if t.end < len(norms) and breaks.colon[t.end] and (
                        t.start <= 3 or any(clause[t.start - 3:t.start + 1])):
                    # a heading (the trigger within the clause's first four words):
                    # "Negative: fever, rash." / "ROS negative: fever" / "Absent: seizures"
                    end = self._forward_scope(t.end, norms, clause, comma, starts, terms, preds, breaks.colon)
                    for k in spans_from(t.end, end):
                        self._apply(kind, k, status, subject)
                    continue
                if comma[t.start] and norms[t.start] == "if":
                    # an aside: "hypotonia, if present, is mild" (the finding before it), "little,
                    # if any, visual impairment" (the one after it)
                    targets = list(ends.get(t.start, ())) or list(spans_from(
                        t.end, self._forward_scope(t.end, norms, clause, comma, starts, terms, preds, breaks.colon)))
                    for k in targets:
                        self._apply(kind, k, status, subject)
                    continue
                # after a colon only where the trigger is all the clause holds: "Seizures: absent"
                colon = t.start > 0 and breaks.colon[t.start] and (t.end >= len(norms) or clause[t.end]
                                                                   or comma[t.end])
                goal = norms[t.end - 1] in _GOAL_WORDS
                before = self._backward_scope(t.start, spans, norms, clause, comma, ends, spans_from,
                                              colon=colon, seps=tokens.seps, words=tokens.words)
                if not before and kind == "neg_post":
                    raised = self._raised_before(t, norms, clause, comma, ends)
                    if raised is not None:  # "cerebral palsy was considered in childhood and ruled out"
                        before = self._backward_scope(raised, spans, norms, clause, comma, ends, spans_from,
                                                      seps=tokens.seps, words=tokens.words)
                if not before and kind == "neg_post" and norms[t.end - 1] in _SEEN_VERBS \
                        and t.end < len(norms) and not clause[t.end] and norms[t.end] not in _NOT_AN_OBJECT \
                        and not self._observed_by_a_clinician(norms, clause, t):
                    # nothing before the verb: its object is the finding ("she has never been
                    # diagnosed with asthma", "parents have never seen a convulsion"; not "he
                    # was not seen by neurology for his seizures")
                    before = list(spans_from(t.end, self._forward_scope(
                        t.end, norms, clause, comma, starts, terms, preds, breaks.colon, negation=True)))
                for k in before:
                    a = spans[k][0]
                    if goal and a > 0 and norms[a - 1] in ("of", "for") \
                            and (a < 2 or norms[a - 2] not in _CRITERIA):
                        continue  # the goal's complement: "control of seizures was not reached"
                    self._apply(kind, k, status, subject)
        status = self._table_values(tokens, spans, self._queries(tokens.seps, spans, status))
        status = self._signed_before(tokens, clause, spans, status)
        status = self._until(norms, clause, spans, status)
        return [Context(s, j, o) for s, j, o in zip(status, subject, onset)]

    @staticmethod
    def _until(norms, clause, spans, status: list) -> list:
        """A finding absent *until* a time began then: "she had no seizures until age 5",
        "he remained seizure-free until 10" (present; the onset rules read the age)."""
        n = len(norms)
        for k, (_, e) in enumerate(spans):
            if status[k] != "excluded":
                continue
            j = e + 1 if e < n and norms[e] == "free" and not clause[e] else e
            if j < n and norms[j] == "until" and not clause[j]:
                status[k] = "present"
        return status

    @staticmethod
    def _table_values(tokens: Tokens, spans, status: list) -> list:
        """A present finding with a table's value after it: a minus sign excludes it
        ("Ataxia: -", "scoliosis (-)"; not "tumor-like", "seizures - onset at 2 years"),
        an unknown value makes it uncertain ("Epilepsy: N/A", "Autism: not assessed")."""
        text, ends = tokens.text, tokens.ends
        for k, (a, b) in enumerate(spans):
            if status[k] != "present":
                continue
            rest = text[ends[b - 1]:ends[b - 1] + 40]
            if rest.lstrip(" \t")[:1] not in _VALUE_STARTS:
                continue  # (most findings: a word or a full stop follows)
            if _MINUS_VALUE.match(rest):
                status[k] = "excluded"
            elif _UNKNOWN_VALUE.match(rest):
                status[k] = "uncertain"
        return status

    @staticmethod
    def _signed_before(tokens: Tokens, clause, spans, status: list) -> list:
        """A note's "-ve" right before a finding excludes it ("-ve keratosis pilaris",
        "Chest: -ve shield chest", "hypotonia, -ve seizures"), unless it ends the finding
        right before it ("tall stature -ve short neck" is read by that finding's own sign).
        :func:`~kgmed.text.normalize.tokenize` has read the "ve" of "-ve" as "negative"."""
        words, norms, seps = tokens.words, tokens.norms, tokens.seps
        ended = {b for _, b in spans}
        for k, (a, b) in enumerate(spans):
            if a >= 1 and status[k] == "present" and norms[a - 1] == "negative" and words[a - 1] in ("ve", "VE") \
                    and not clause[a] and not seps[a].strip() \
                    and ((a - 1) not in ended or seps[a - 1].strip(" -\u2212")):  # ("hypotonia, -ve seizures")
                status[k] = "excluded"
        return status

    @staticmethod
    def _queries(seps, spans, status: list) -> list:
        """A present finding written as a query is uncertain: "?seizures", "ataxia?"."""
        for k, (a, b) in enumerate(spans):
            if status[k] == "present" and (seps[a].endswith("?") or seps[b].startswith("?")):
                status[k] = "uncertain"
        return status

    @staticmethod
    def _apply(kind: str, k: int, status: list, subject: list) -> None:
        if kind.startswith("neg"):
            status[k] = "excluded"
        elif kind.startswith("unc"):
            if status[k] != "excluded":
                status[k] = "uncertain"
        elif kind == "family":
            subject[k] = "family"

    #: verbs that, right after "and", continue the sentence's subject ("… and has epilepsy")
    _SAME_SUBJECT_VERBS = frozenset("has had is was have shows showed developed presented suffers suffered".split())

    #: words between "and" and the relative ("the proband and her older brother")
    _BEFORE_RELATIVE = frozenset("his her their the its both affected older younger elder twin".split())

    #: words that name the patient as the subject of a sentence
    _PATIENT_WORDS = frozenset("proband patient he she boy girl child infant index propositus proposita".split())

    #: prepositions after which a relative is the informant ("noted by his parents", "per her
    #: sister") or the object ("aggression toward family members"), not the subject
    _NOT_SUBJECT_BEFORE = frozenset("by per toward towards against".split())

    def _word_before_relative(self, norms, start: int, clause) -> int:
        """The word before a relative at ``start`` and its words (``_BEFORE_RELATIVE``: "his
        affected cousin"), in the same clause; -1 where there is none."""
        i = start - 1
        while i >= 0 and norms[i] in self._BEFORE_RELATIVE and not clause[i + 1]:
            i -= 1
        return i

    @staticmethod
    def _result_negative(start: int, norms, clause) -> bool:
        """Whether the clause from ``start`` ends in a normal or negative result, as a copula
        and its verdict: "(screening for hypothyroidism) had been normal", "… was negative"."""
        j = start
        while j < len(norms) and not clause[j]:
            j += 1
        k = j - 1
        while k > start and norms[k] in ("entirely", "completely", "again", "also"):
            k -= 1  # ("was entirely normal")
        return k - 1 > start and norms[k] in _NEGATIVE_RESULTS and norms[k - 1] in _RESULT_COPULAS

    def _informant_or_object(self, norms, start: int, clause, comma=()) -> bool:
        """"noted by his parents", "reported by the mother", "per her sister", "according
        to his father", "aggressive outbursts toward family members": the relative is the
        informant or the object, not the subject of the findings around it."""
        if self._parentage(norms, start, clause, comma):
            return True
        i = self._word_before_relative(norms, start, clause)
        if i < 0 or clause[i + 1]:
            return False
        return norms[i] in self._NOT_SUBJECT_BEFORE or (
            i >= 1 and norms[i - 1:i + 1] == ["according", "to"] and not clause[i]) or (
            # "history from his mother: …", "careful history with both parents: …"
            i >= 1 and norms[i] in ("from", "with") and norms[i - 1] in self._TAKEN_FROM and not clause[i])

    #: what is taken from an informant ("a history from his mother", "discussion with her parents")
    _TAKEN_FROM = frozenset("history hx discussion discussions interview conversation information".split())

    #: words that name a child's descent: "born to first-cousin parents", "the first child of
    #: healthy parents", "the son of a consanguineous union"
    _DESCENT = frozenset({("born", "to"), ("child", "of"), ("son", "of"), ("daughter", "of"), ("offspring", "of"),
                          ("product", "of"), ("baby", "of"), ("infant", "of")})

    def _parentage(self, norms, start: int, clause, comma=()) -> bool:
        """"A man, born to first-cousin parents, presented with infertility", "the first
        child of healthy parents, who was delivered by caesarean section", "kidney stones on
        his father's side": the relatives name the patient's descent or a side of the
        family, not the subject of what follows. Not a parent named with a finding of
        their own ("born to a mother with diabetes", "a mother who had seizures"), nor a
        relative of a side ("grandmother on her mother's side had breast cancer")."""
        if norms[start + 1:start + 3] == ["s", "side"] or norms[start + 1:start + 2] == ["side"]:
            # the side of a family history: "a family history of kidney stones on his father's side"
            return "history" in norms[max(0, start - 10):start] and not any(clause[max(0, start - 10) + 1:start + 1])
        if start + 1 < len(norms) and not clause[start + 1] and norms[start + 1] in _OWN_FINDING_OPENERS \
                and not (comma and comma[start + 1]):  # (", who was delivered …" is the child's)
            return False
        return self._descends(norms, start, clause)

    def _descends(self, norms, start: int, clause) -> bool:
        """Whether the relative at ``start`` is named in the patient's descent: "born (at
        term) to …", "the child / son / infant of …"."""
        for i in range(start - 1, max(0, start - 6), -1):
            if clause[i + 1]:
                break
            if i > 0 and ((norms[i - 1], norms[i]) in self._DESCENT
                          or (norms[i] == "to" and "born" in norms[max(0, i - 4):i - 1])):  # "born at term to"
                return True
        return False

    def _with_patient(self, norms, start: int, clause) -> bool:
        """"the proband and her mother both had …": the relative shares the finding with
        the patient, whose finding it stays."""
        i = self._word_before_relative(norms, start, clause)  # "the patient and his affected cousin"
        if i < 1 or norms[i] not in ("and", "&") or clause[i + 1] or clause[i]:
            return False
        j = i - 1
        if norms[j] == "case" and j > 0 and not clause[j]:
            j -= 1  # "the index case and his father"
        # (a patient named with a title: "Mrs Lang and her husband have been unable to conceive")
        return norms[j] in self._PATIENT_WORDS or (j > 0 and norms[j - 1] in _TITLES and not clause[j])

    #: relatives by the pronoun that refers to them
    _RELATIVE_PRONOUN = {
        **dict.fromkeys("sister mother aunt daughter niece grandmother granddaughter mom wife".split(), "she"),
        **dict.fromkeys("brother father uncle son nephew grandfather grandson dad husband".split(), "he"),
    }

    def _pronoun_follows(self, t, norms, clause, seps, spans_from, subject, done: set) -> None:
        """"His sister has intellectual disability. She also had febrile seizures.": the
        next sentences that open with the relative's pronoun, where the possessive before the
        relative says the patient is of the other sex, are the relative's too. ``done``: the
        sentences already walked (several relatives in one sentence walk them once)."""
        pronoun = self._RELATIVE_PRONOUN.get(norms[t.end - 1])
        if pronoun is None:
            return
        i = t.start - 1
        while i >= max(0, t.start - 3) and not clause[i + 1] and norms[i] not in ("his", "her"):
            i -= 1  # "his older sister", "her maternal uncle"
        if i < 0 or clause[i + 1] or norms[i] not in ("his", "her") or (norms[i] == "his") == (pronoun == "he"):
            return  # the patient's sex unknown, or the relative's: "he" may be either
        n = len(norms)

        def sentence_end(j: int) -> int:  # the next sentence's first token, within 120 tokens
            lim = min(n, j + 120)
            while j < lim and not (clause[j] and "." in seps[j]):
                j += 1
            return j if j < lim or lim == n else -1

        j = sentence_end(t.end)
        while 0 <= j < n and norms[j] == pronoun and j not in done:
            done.add(j)
            nxt = sentence_end(j + 1)
            for k in spans_from(j, nxt if nxt >= 0 else n):
                subject[k] = "family"
            j = nxt

    @staticmethod
    def _writers_child(norms, t, clause) -> bool:
        """"My son has seizures": a parent writing about their child writes about the
        patient ("my mother has diabetes" stays the family's)."""
        return (t.end - t.start == 1 and norms[t.start] in ("son", "daughter") and t.start > 0
                and norms[t.start - 1] in ("my", "our") and not clause[t.start])

    @staticmethod
    def _observed_by_a_clinician(norms, clause, t) -> bool:
        """Whether a negated verb of seeing or finding is a clinician's of a finding it
        presupposes, or its object a cause: "I have never seen his seizures myself", "the
        neurologist has never seen such severe dystonia", "they never found a cause for his
        delay" (the finding stays; "we never found hypoglycaemia" excludes it)."""
        j = t.end
        while j < min(len(norms), t.end + 3) and norms[j] in _BEFORE_AN_OBJECT:
            j += 1
        if j < len(norms) and norms[j] in _CAUSE_WORDS:
            return True
        if norms[t.end] not in _DEFINITE:
            return False  # a clinician's "we never found hypoglycaemia" is a finding's absence
        i = t.start  # (but "I have never seen his seizures" presupposes them)
        while i > max(0, t.start - 6) and not clause[i]:
            i -= 1
            if norms[i] in _OBSERVERS:
                return True
        return False

    def _is_informant(self, norms, end: int, clause) -> bool:
        """"his mother reports that …": the relative is the informant, not the subject."""
        for j in range(end, min(len(norms), end + 3)):
            if clause[j]:
                break
            if norms[j] in _DATING_VERBS:
                # "his mother dates his problems back to a fall"; not "his father's hearing loss
                # dates from 40", "father dates his own tremor to his teens"
                return (j == end or (j == end + 1 and norms[end].endswith("ly"))) and "own" not in norms[j + 1:j + 3]
            if norms[j] in self._informant or (
                    norms[j] in ("seen", "see", "saw") and (norms[j - 1] in ("never", "not", "t") or (
                        j + 1 < len(norms) and norms[j + 1] in ("no", "nothing", "none")))) or (
                    norms[j] in ("clear", "sure", "certain") and j + 1 < len(norms) and norms[j + 1] == "that"):
                return True  # ("his parents have never seen a convulsion", "have seen no drop attacks"; not "his
                # mother saw a neurologist", "her brother was seen in clinic for seizures";
                # "his mother is clear that he has not lost skills")
        return False

    @staticmethod
    def _articled_modifiers(j, end, begin, norms, clause, comma, starts) -> bool:
        """"did not see a broad-based ataxic gait": after an article, up to three words
        that lead to a finding with no break modify its noun, and a negated verb's scope
        reaches over them (not "did not have a second seizure", nor over a preposition or
        a verb: "did not see a doctor for seizures")."""
        if j <= begin or norms[j - 1] not in ("a", "an", "any"):
            return False
        for k in range(j, min(end, j + 4)):
            if k in starts:
                return k > j
            if clause[k] or comma[k] or not norms[k].isalpha() or norms[k] in STOPWORDS \
                    or norms[k] in _NOT_THE_FIRST:
                return False
        return False

    def _forward_scope(self, start, norms, clause, comma, starts, terms, preds, colon=(), opening=False,
                       aside=False, bare=False, handover=(), negation=False, closes=(), qualifier=False,
                       item=False) -> int:
        """End (exclusive token index) of a forward trigger's scope. A colon right after the
        trigger does not end it ("Denies: headache, vomiting"; "Family history: deafness").
        ``opening``: the trigger opens the sentence with a phrase of condition ("Without
        treatment, seizures recur"), which a comma ends before any finding; elsewhere a
        list may start with a word that is no finding ("no consanguinity, seizures or
        ataxia"). ``aside``: the trigger follows a contrastive word ("though not
        retrognathic, and low-set ears"), and its scope ends at the first comma;
        ``qualifier``: "without" right after a finding, or a "neither … nor" pair, whose
        scope ends at a comma unless a list runs to its "or". A list
        does not go on past a new subject ("without autistic features, and she sleeps
        poorly"). A list that runs to its "or" / "nor" goes on over items that are no
        finding ("no CoA, ASD, VSD or pericarditis", "no central nuclei, angulated fibres
        or myofibre disarray"). ``bare``: the trigger takes no article ("no", "nil", "not"), so an
        item after a comma that starts with one is no longer under it ("no epicanthic
        folds, a flat nasal bridge"); after a list whose first item takes no article,
        ", and a / an / the" opens an item of its own ("with no funnel chest, and a
        scoliosis was present"). A list extends the scope item by item (``max_scope``).
        ``negation``: a negation's scope does not start across a comma ("with no known
        family history, presented with ataxia"; a relative's may: "his father, aged 40, …").
        ``closes``: the text's separators, where the trigger opens a bracket: its scope
        ends where the bracket closes. ``handover``: where triggers of the same kind start;
        a list that reaches one ends there, and that trigger reads the rest ("no A, no B, no
        C, …": each trigger walks its own items only, so time stays linear)."""
        n = len(norms)
        j = start
        skip = start if start < n and colon and colon[start] else -1
        while j < n and (not clause[j] or j == skip) and j not in starts \
                and not (j in terms and (comma[j] or norms[j] == "other")) \
                and not ((j > start or negation) and comma[j]) and (
                norms[j] in self._fillers or (  # "no clinical or radiographic evidence of"
                    j > start and norms[j] == "or" and j + 1 < n and not clause[j + 1] and not comma[j + 1]
                    and norms[j + 1] in self._fillers and j + 1 not in starts)):
            j += 1
        articled = start < j <= n and norms[j - 1] in ("a", "an")  # the first item takes an article
        # a partitive's subject starts after "of the": "none of the | siblings had seizures"
        # ("none of his | EEGs has shown": a possessive too)
        first = start
        if start < n and norms[start] == "of":
            first = start + 1
            while first < n and norms[first] in _DETERMINERS and not clause[first]:
                first += 1
            first = max(first, j)
        limit = min(n, start + self.max_scope)
        cap = start + 4 * self.max_scope  # (a list extends the scope item by item, this far)
        seen = False
        if negation and j == start < n and comma[j]:
            return j  # ("cardiac causes excluded, hypotonia noted")
        while j < limit:
            if clause[j] and j >= start and j != skip:
                return j
            if j > start and j in handover:
                return j  # (another trigger of the kind reads on from there: "absence of X with no Y, a Z")
            if closes and j > start and ")" in closes[j]:
                return j  # (the bracket the trigger opened closes before word ``j``)
            if aside and comma[j] and j > start:
                return j
            if item and comma[j] and j > start and not self._list_to_or(j, limit, norms, clause, comma, terms, preds):
                return j  # (a list item's own negation: "…, no ptosis, and clinodactyly")
            if qualifier and comma[j] and j > start and not self._list_to_or(j, limit, norms, clause, comma, terms,
                                                                              preds) \
                    and self._articled_item_follows(j, norms, clause, comma):
                return j  # (the item "without" qualifies ends here: "… without epicanthus, micrognathia, a high
                # palate"; "fever without rash, neck stiffness, and photophobia" is one list)
            if j in starts:
                if opening and comma[j] and not seen and j > start:
                    return j  # "without treatment, seizures recur": the trigger's object came first
                seen = True
                j = max(j + 1, starts[j])
                continue
            if j in terms:
                return j
            if j in preds and (seen or j > first + 1):
                return j  # a predicate after more than a one-word subject: another clause
            if comma[j] and self._list_to_or(j, limit, norms, clause, comma, terms, preds):
                j += 1  # an item of a list that runs to its "or", finding or not
                limit = min(n, max(limit, j + self.max_scope), cap)
                continue
            if comma[j] and bare and not articled and norms[j] in ("a", "an"):
                return j  # "no epicanthic folds, a flat nasal bridge": a new item of its own
                # ("a forehead that was not sloping, a broad nasal root")
            if comma[j] and norms[j] == "and" and j + 1 < n and norms[j + 1] in ("a", "an", "the") and not articled:
                return j  # a new item of its own: "with no funnel chest, and a scoliosis was present" (not
                # "did not have a cleft lip, a cleft palate, and a bifid uvula": its items take articles)
            if comma[j] or norms[j] in self._conj:
                if not seen and norms[j] not in ("or", "nor"):
                    return j  # ("no A or B": alternatives share the trigger even if A is no finding)
                # continue only into a list of findings: one starts within 3 tokens
                k = j
                ok = False
                steps = 0
                announced = norms[j] in ("or", "nor") and j + 1 < n and norms[j + 1] in ("other", "any")
                while steps < 4:
                    if k >= n or (k > j and clause[k]) or k in handover:
                        break  # (another trigger of the kind goes on from there)
                    if k in starts:
                        # (not a statement of its own: "not hypotonic, and tendon reflexes were reduced")
                        ok = not any(norms[x] in _FINITE_VERBS for x in range(k + 1, starts[k]))
                        break
                    if k in terms or k in preds or norms[k] in _NEW_SUBJECTS or norms[k] in self._PATIENT_WORDS:
                        break  # (a new subject: "mother anxious, child with seizures")
                    # (words that announce the next item take no step: "no spasticity or other
                    # features of cerebral palsy")
                    steps += not announced or norms[k] not in _ITEM_ANNOUNCERS or k - j > 6
                    k += 1
                if not ok:
                    return j
                j = k
                limit = min(n, max(limit, j + self.max_scope), cap)  # a long list goes on
                continue
            j += 1
        return j

    @staticmethod
    def _raised_before(t, norms, clause, comma, ends) -> int | None:
        """Where a diagnosis that a verdict of exclusion rejects was raised: the verb of
        "cerebral palsy was considered in childhood and ruled out", "… was queried in
        infancy but was not supported", when the verdict follows "and" / "but" (and a
        copula) and the verb stands within six words before it, in the same clause, with
        no finding between; else None."""
        if norms[t.end - 1] not in _EXCLUSION_VERDICTS:
            return None
        j = t.start
        if j > 0 and norms[j - 1] in ("was", "were") and not clause[j] and not comma[j]:
            j -= 1
        if j < 2 or norms[j - 1] not in ("and", "but") or clause[j] or clause[j - 1]:
            return None
        for x in range(j - 2, max(-1, j - 8), -1):
            if clause[x + 1] or x + 1 in ends:
                return None
            if norms[x] in _RAISED:
                return x
        return None

    @staticmethod
    def _verb_alternative(j, end, norms, comma, starts) -> bool:
        """Whether the negated verb at ``j`` has a finding as its alternative right after "or"
        / "nor": "does not bite or harm himself" (the negation denies both)."""
        return j + 2 < end and norms[j + 1] in ("or", "nor") and not comma[j + 1] and j + 2 in starts

    @staticmethod
    def _articled_item_follows(j, norms, clause, comma) -> bool:
        """Whether a later item of the clause from token ``j`` opens with "a" / "an" after a
        comma or "and" (a list of the writer's findings, not of what was absent)."""
        for k in range(j, min(len(norms), j + 40)):
            if k > j and clause[k]:
                return False
            if norms[k] in ("a", "an") and (comma[k] or (k > 0 and norms[k - 1] == "and")):
                return True
        return False

    @staticmethod
    def _after_neither(start, norms, clause) -> bool:
        """Whether "nor" at ``start`` closes a "neither … nor" pair of its clause."""
        for i in range(start - 1, max(-1, start - 16), -1):
            if norms[i] == "neither":
                return True
            if clause[i]:
                return False
        return False

    @staticmethod
    def _verdict_after_comma(t, norms, clause, comma) -> bool:
        """Whether "excluding" / "ruling out" gives a result's verdict: after a comma that
        follows the result ("thyroid function was normal, excluding congenital
        hypothyroidism"), of a finding right after it, not of another one's causes. Elsewhere
        "excluding" means "except" ("examination normal excluding a small hernia", "Excluding
        hepatomegaly, …") and "ruling out" a purpose ("admitted for ruling out sepsis")."""
        i = t.start
        if i > 1 and norms[i - 1] in ("thus", "thereby", "therefore", "so", "effectively") and not clause[i - 1]:
            i -= 1  # "normal, thus excluding X"
        if i == 0 or clause[i] or not comma[i]:
            return False
        return _CAUSE_WORDS.isdisjoint(norms[t.end:t.end + 3]) and _OTHERS.isdisjoint(norms[t.end:t.end + 3])

    @staticmethod
    def _confirmed_after(end, norms, clause) -> bool:
        """Whether a suspicion is confirmed later in its clause: "… were suspected on antenatal
        ultrasound and confirmed on postnatal cystourethrogram"."""
        for j in range(end, min(len(norms), end + 16)):
            if clause[j]:
                return False
            if norms[j] in ("confirmed", "proven", "proved") and norms[j - 1] in ("and", "later", "subsequently", "then"):
                # a confirmation, not a refutation: "proven to be benign myoclonus", "proved not to be"
                return j + 1 >= len(norms) or clause[j + 1] or norms[j + 1] not in (
                    "to", "not", "negative", "normal", "absent", "unlikely", "otherwise")
        return False

    @staticmethod
    def _names_what_is_suggested(k, norms, clause) -> bool:
        """Whether the words from token ``k``, after "to suggest" and its article, name what
        would be suggested: not a clause ("that his seizures are provoked") or a cause ("a
        syndromic cause for her cleft palate")."""
        return k < len(norms) and not clause[k] and norms[k] not in _NOT_A_SUGGESTED_FINDING \
            and _CAUSE_WORDS.isdisjoint(norms[k:k + 3])

    @staticmethod
    def _names_a_cause(j, norms, clause) -> bool:
        """Whether the words from token ``j`` call the subject before them the cause or the
        diagnosis ("… is the explanation here", "is the likely cause"): an opinion then
        denies the subject itself."""
        while j < len(norms) and not clause[j] and norms[j] in ("the", "a", "an", "likely", "correct", "right",
                                                                 "underlying", "main", "sole", "whole", "only"):
            j += 1
        return j < len(norms) and not clause[j] and (norms[j] in _CAUSE_WORDS or norms[j] in ("diagnosis", "answer"))

    @staticmethod
    def _comma_and_follows(j, norms, clause, comma) -> bool:
        """Whether the first comma of the clause after token ``j`` is ", and"."""
        while j < len(norms) and not clause[j] and not comma[j]:
            j += 1
        return j < len(norms) and comma[j] and not clause[j] and norms[j] == "and"

    @staticmethod
    def _seeming(j, limit, norms, clause, starts) -> int:
        """How many words after the verb of seeming or noticing at ``j`` a negation passes
        over to its complement: "appear | to be", "noticed | him to be"; 0 where there is none."""
        if norms[j] not in _SEEMING_VERBS:
            return 0
        k = j + 1 + (j + 1 < limit and norms[j + 1] in _PERSON_OBJECTS)
        if k + 1 < limit and norms[k] == "to" and norms[k + 1] in ("be", "have") \
                and not any(clause[x] or x in starts for x in range(j + 1, k + 2)):
            k += 2 + (k + 2 < limit and norms[k + 1] == "be" and norms[k + 2] == "in")  # "to be in pain"
            return k - 1 - j
        return 0

    def _what_it_would_suggest(self, end, norms, clause, comma, starts, terms, preds, colon) -> int:
        """The end of a negation's scope, taken on over what its findings would suggest:
        "no rash or joint symptoms to suggest vasculitis", "without features suggestive of
        a neuropathy", "denied headaches or deficits suggestive of stroke-like episodes"
        (the vasculitis, the neuropathy and the episodes are denied too)."""
        n = len(norms)
        for j in range(end, min(n, end + 4)):
            if clause[j] or j in starts:
                break
            for cue in _SUGGEST_CUES:
                if norms[j:j + len(cue)] == list(cue) and not any(clause[j + 1:j + len(cue)]):
                    after = j + len(cue)
                    while after < n and norms[after] in _ARTICLES_OF_A_SUGGESTION and not clause[after]:
                        after += 1
                    if not self._names_what_is_suggested(after, norms, clause):
                        return end
                    return max(end, self._forward_scope(after, norms, clause, comma, starts, terms, preds, colon,
                                                        negation=True))
        return end

    @staticmethod
    def _list_to_or(j, limit, norms, clause, comma, terms, preds) -> bool:
        """Whether the comma before token ``j`` separates items of a list that runs, within
        the scope, to an "or" / "nor" and one more item: no clause break, verb, predicate
        or new subject on the way, and items of at most four words with no function word
        but an article that opens them ("no hypotonia, a high palate or small teeth")."""
        width = 0
        for k in range(j, limit):
            w = norms[k]
            if (clause[k] and k > j) or k in terms or k in preds or w in _NEW_SUBJECTS or w in _LIST_VERBS \
                    or (w in STOPWORDS and not (comma[k] and w in ("a", "an")) and not (w == "of" and width > 0)) \
                    or w in _LINKERS:
                return False  # items are bare noun phrases: "…, due to a pituitary abnormality" is none
            if w in ("or", "nor"):
                # (an "or" right after the comma closes the list too: "weakness, areflexia, or fasciculations")
                return (width > 0 or (k == j and comma[k])) and k + 1 < limit and not clause[k + 1]
            width = 1 if comma[k] else width + 1
            if width > 4:
                return False
        return False

    @staticmethod
    def _bracketed_acronym(k, seps, words) -> bool:
        """Token ``k`` is an acronym alone in brackets ("antinuclear antibody (ANA) test was
        negative"), which a backward trigger reaches over."""
        return bool(seps) and k + 1 < len(seps) and "(" in seps[k] and ")" in seps[k + 1] \
            and words[k].isupper() and len(words[k]) <= 6

    def _backward_scope(self, trig_start, spans, norms, clause, comma, ends, spans_from, colon: bool = False,
                        seps=(), words=()) -> list[int]:
        """Spans governed by a backward trigger at token ``trig_start``: the finding just
        before it (over filler words) and the findings listed with it. After a plural
        copula a list may hold items that name no finding: "her antinuclear antibodies and
        c-ANCA were negative" negates the antibodies too (see :meth:`_unread_item`)."""
        j = trig_start
        if (clause[j] and not colon) or comma[j]:
            return []
        steps = 0
        while j not in ends and j > 0 and steps < 4 and not clause[j - 1] and not comma[j - 1] and (
                norms[j - 1] in self._back_fillers or self._bracketed_acronym(j - 1, seps, words)):
            j -= 1
            steps += 1
        # ("were negative"; notes' results without a copula: "RF and dsDNA negative")
        plural = bool(words) and (not _PLURAL_COPULAS.isdisjoint(norms[j:trig_start + 1]) or (
            j == trig_start >= 3 and norms[trig_start] in _RESULT_NEGATIVES and norms[j - 2] in self._conj
            and not comma[j - 1] and not comma[j] and words[j - 3].isupper()))
        # (one unread test joined by "and" to a test's acronym: not "WCC 2, cult neg", not
        # "cervical lymphadenopathy and EBV neg")
        out: list[int] = []
        seen = set()
        unread_from = -1  # len(out) when the list first passed over an item that names nothing
        for _ in range(12):
            ks = ends.get(j)
            if not ks:
                i = self._unread_item(j, norms, words, clause, comma, ends) if plural else None
                if i is None:
                    break
                if unread_from < 0:
                    unread_from = len(out)
                j = i
                continue
            a = min(spans[k][0] for k in ks)
            for k in ks:
                if k not in seen:
                    seen.add(k)
                    out.append(k)
            for k in spans_from(a, j):
                if spans[k][1] <= j and k not in seen:
                    seen.add(k)
                    out.append(k)
            if clause[a] or a == 0:
                break
            if norms[a - 1] in self._conj:
                i = a - 1
                if clause[i] or i == 0:
                    break
            elif comma[a] or "(" in seps[a]:
                i = a  # a list, or "Microcephaly (HP:0000252) was absent"
            else:
                break
            j = i
        if unread_from >= 0 and out[unread_from:]:
            # such a list is the clause's subject: "He has seizures and CT and MRI were
            # negative" is no list of "seizures", "CT" and "MRI"
            i = min(spans[k][0] for k in out[unread_from:])
            while i > 0 and norms[i - 1] in _DETERMINERS and not clause[i] and not comma[i]:
                i -= 1
            if not (i == 0 or clause[i] or comma[i] or ":" in seps[i]):
                del out[unread_from:]
        return out

    def _unread_item(self, j, norms, words, clause, comma, ends) -> int | None:
        """Where the list item before an item that names no finding ends, or None.

        The item is the one to three content words before word ``j`` ("c-ANCA", "IgM"), not
        plural (a plural copula then agrees with the whole list, not with it alone: "…
        and c-ANCA were negative"), inside no finding, and preceded by a conjunction or a
        comma: "he had hypotonia and his MRI was normal" has a determiner, a singular
        copula, and is no list."""
        if j == 0 or is_plural(words[j - 1]):
            return None
        for x in range(j - 1, max(j - 4, 0), -1):  # the item's first word, going back
            w = norms[x]
            if not w.isalnum() or w in STOPWORDS or w in _DETERMINERS or w in self._conj \
                    or (x + 1 < j and x + 1 in ends):
                return None
            if comma[x]:
                return x
            if clause[x]:
                return None
            if norms[x - 1] in self._conj and not clause[x - 1]:
                return x - 1
        return None

    #: words between a finding and "in <relative>" ("deafness was reported in the mother");
    #: not "also", which says the patient has it too
    _NOTED_IN = frozenset("was were is are present noted seen observed found reported described documented "
                          "detected identified".split())

    @staticmethod
    def _adjective_of_relative(t, norms, ends, seps) -> list[int]:
        """A finding read from an adjective right before a relative's noun: "his diabetic
        mother", "her anxious mother brought him" (whether or not the relative is the
        informant)."""
        if t.start in ends and seps[t.start] == " " and t.end - t.start == 1 and norms[t.start] in _RELATIVE_NOUNS:
            return list(ends[t.start])
        return []

    def _family_backward(self, t, norms, clause, ends) -> list[int]:
        """"<finding> in (his|her|the) mother", "<finding> was reported in the mother": the
        finding before the relative."""
        i = t.start - 1
        while i >= 0 and norms[i] in ("his", "her", "the", "their", "a", "an", "both", "its", "affected") \
                and not clause[i + 1]:
            i -= 1
        if i < 1 or norms[i] not in ("in", "of") or clause[i + 1] or clause[i]:
            return []
        j = i
        while j not in ends and j > 1 and i - j < 3 and norms[j - 1] in self._NOTED_IN and not clause[j]:
            j -= 1
        return list(ends.get(j, ()))

    @staticmethod
    def _segment(t, clause, comma) -> tuple[int, int]:
        """The comma-and-clause segment around a trigger, as a token range."""
        n = len(clause)
        lo = t.start
        while lo > 0 and not clause[lo] and not comma[lo]:
            lo -= 1
        hi = t.end
        while hi < n and not clause[hi] and not comma[hi]:
            hi += 1
        return lo, hi
