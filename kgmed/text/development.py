"""Development told in words: "she walked late", "speech came late", "late to sit and
walk", "not yet sitting unsupported", "delayed in all areas of development", "he has no
words" — and its normal counterpart, "walked on time", "motor milestones on time",
"developmental milestones were attained at the expected ages".

Developmental histories give milestones by age ("walked at 3 years", read by
:mod:`kgmed.text.measurements` with HPO's thresholds) or, as often, by a word of timing.
HPO's names ("Delayed ability to walk", "Delayed speech and language development") say
neither "walked late" nor "speech came late", so the dictionary cannot read them.

What is read (each a :class:`~kgmed.text.measurements.Measurement` of quantity
"development", value 0, or "words" for absent speech, whose own words hold its negation
so that the context does not negate it again; a normal one is the delay it excludes):

======================================================  ===================================
"walked late", "sat unsupported late", "spoke late"      *Delayed ability to walk / sit*,
"speech came late", "first words late", "speech was      *Delayed speech and language
late to develop", "motor milestones particularly late"   development*, *Motor delay* …
"late to sit and walk", "slow to start talking"          *Delayed gross motor development*
                                                         (two motor milestones), or each
"slow to achieve her motor milestones"                   *Motor delay*
"did not walk until late"                                *Delayed ability to walk*
"not yet walking independently", "not yet crawling",    *Delayed ability to walk / crawl*,
"has not yet begun to babble", "has not yet said his     *Delayed speech and language
first words"                                             development*
                                                         (not when an age follows: that is
                                                         the measurement reader's)
"delayed in all areas of development", "delays across    *Global developmental delay*;
all developmental domains", "mildly delayed across       "mildly / moderately / severely"
domains", "delays across multiple domains", "delayed     its grades
early milestones across motor, speech and social
domains", "delays were evident across …"
"delayed attainment of motor, language and social        *Global developmental delay*
milestones", "behind in motor and cognitive skills"      (three domains, or one beyond
                                                         motor and speech)
"has no words", "no words at 4 years", "had not          *Absent speech*
acquired any spoken words", "never developed any
speech" (where the clause ends)
"only a few single words", "just 5 words"                *Delayed speech and language
                                                         development*
"fine motor skills are behind", "speech and language     the delay of that skill
lagged behind", "speech and language development was
slow"
"walked on time", "sat at the expected age", "motor      the same delays, excluded
milestones on time", "milestones were attained at the
expected ages"
"his teeth erupted late"; "primary teeth erupted at      *Delayed eruption of teeth*;
the usual age", "dental eruption was timely"             excluded
======================================================  ===================================

:func:`find_abilities` reads, with cue words of its own, what the patient can do or has not
done: "now speaks in short sentences", "speaks in short phrases", "uses about 20 single
words", "is verbal" (*Absent speech* excluded; not when a
negation precedes it in the clause), "still walks unaided", "remains ambulant" (*Loss of
ambulation* excluded), "no concerns about his development / learning / behaviour" (*Global
developmental delay* / *Intellectual disability* / *Atypical behavior* excluded), "first
words did not come until …", "speech remains limited to …" (*Delayed speech and language
development*).

A timing word is read only right after the milestone (its verb, noun, or noun and
copula), so "walked with a late-onset ataxia" or "speech therapy started late" say
nothing. Example::

    >>> [(m.hpo_id, m.normal) for m in find_development("He walked late; speech came on time.")]
    [('HP:0031936', False), ('HP:0000750', True)]
"""

from __future__ import annotations

import re

__all__ = ["find_development", "find_abilities", "DEVELOPMENT_CUES", "ABILITY_CUES", "DEVELOPMENT_TERMS"]

DELAYED_WALK, DELAYED_SIT, DELAYED_CRAWL, DELAYED_ROLL = "HP:0031936", "HP:0025336", "HP:0033128", "HP:0032989"
DELAYED_SPEECH, ABSENT_SPEECH = "HP:0000750", "HP:0001344"
MOTOR_DELAY, GROSS_MOTOR_DELAY, FINE_MOTOR_DELAY = "HP:0001270", "HP:0002194", "HP:0010862"
GLOBAL_DELAY, LOSS_OF_AMBULATION, INTELLECTUAL_DISABILITY = "HP:0001263", "HP:0002505", "HP:0001249"
ATYPICAL_BEHAVIOR = "HP:0000708"
DELAYED_TEETH = "HP:0000684"
_GLOBAL_GRADES = {"mildly": "HP:0011342", "moderately": "HP:0011343", "severely": "HP:0011344",
                  "profoundly": "HP:0012736"}

#: milestone -> the delay HPO names for it
_TERMS = {"walk": DELAYED_WALK, "sit": DELAYED_SIT, "crawl": DELAYED_CRAWL, "roll": DELAYED_ROLL,
          "speech": DELAYED_SPEECH, "motor": MOTOR_DELAY, "gross": GROSS_MOTOR_DELAY,
          "fine": FINE_MOTOR_DELAY, "global": GLOBAL_DELAY, "teeth": DELAYED_TEETH}
_MOTOR = ("walk", "sit", "crawl", "roll")
#: kinds of which "slow" means late: sets of milestones and skills ("motor skills were slow")
_PACED = {"motor", "gross", "fine", "global"}

#: every HPO id this module can produce
DEVELOPMENT_TERMS = (frozenset(_TERMS.values()) | frozenset(_GLOBAL_GRADES.values())
                     | {ABSENT_SPEECH, LOSS_OF_AMBULATION, INTELLECTUAL_DISABILITY, ATYPICAL_BEHAVIOR})

#: cue substrings of the lower-cased text, one of which every statement contains
#: (a leading space: the word's start, so that "related" or "slowly" cost nothing)
DEVELOPMENT_CUES = (" late", "delayed", "delays", " delay ", " slow", "on time", "not yet", "expected age",
                    "appropriate age",
                    "normal age", "usual age", "all areas", "domains", "no words", " behind", " lagg", " words",
                    " single word", " any speech", "ed normally", "on track", "babbl", "cooing", "timely",
                    "normal time", "usual time", "expected time", "appropriate time", "not begun", "not yet begun",
                    "not started", "not yet started", "not yet said", "word combination", "word phrase",
                    "appropriate for age", "appropriate for his age", "appropriate for her age",
                    "appropriate for their age", "age-appropriate", "age appropriate")

_POSS = r"(?:(?:his|her|their)\s+)?"
#: how a milestone was reached, between the verb and the timing ("walked independently late")
_MANNER = (r"(?:\s+(?:independently|unsupported|unaided|alone|without\s+(?:support|aid|help)"
           r"|on\s+(?:his|her|their)\s+own))?")
#: degree words before a timing word ("particularly late", "a little slow")
_DEGREE = (r"(?:(?:very|v\.?|quite|rather|somewhat|particularly|especially|a\s+(?:little|bit)|slightly|significantly"
           r"|markedly|also|similarly|likewise|equally|both|all|much|too|well|far|considerably|substantially)\s+)*")
_LATE = _DEGREE + r"(?:late|delayed|slow)"
#: a skill or a set of milestones behind the expected: "fine motor skills are behind those of
#: his peers", "speech and language lagged" (of a noun only: "walked behind her mother")
_BEHIND = _DEGREE + r"(?:behind|lagg(?:ed|ing)(?:\s+behind)?)"
_ON_TIME = (r"(?:on\s+time|at\s+(?:the\s+)?(?:expected|appropriate|normal|usual|right|typical)\s+(?:ages?|times?)"
            r"|at\s+an?\s+(?:appropriate|expected|age[\s-]appropriate|typical|normal)\s+age"
            r"|at\s+(?:age[\s-]appropriate|appropriate)\s+(?:ages|times)|age[\s-]appropriately|on\s+track"
            # "developed normally": only after a verb of development ("speech was normally fluent" is no timing)
            r"|(?<=developed\s)(?:normally|typically)|(?<=progressed\s)normally"
            # "milestones were reached normally" (after a verb of reaching only: "walked normally" is a gait)
            r"|(?<=reached\s)normally|(?<=achieved\s)normally|(?<=attained\s)normally|(?<=met\s)normally"
            # the teeth's eruption: "dental eruption was timely"
            r"|(?<=eruption\swas\s)timely)")

#: past tenses of reaching a milestone
_VERB = (r"(?:(?P<v_walk>walked|took\s+" + _POSS + r"first\s+(?:independent\s+)?steps)"
         r"|(?P<v_sit>sat)|(?P<v_crawl>crawled)|(?P<v_roll>rolled(?:\s+over)?)"
         r"|(?P<v_speech>spoke|talked|said\s+" + _POSS + r"first\s+words?))")
#: milestones named by a noun
_NOUN = (r"(?:(?P<n_walk>(?:independent\s+)?walking|first\s+(?:independent\s+)?steps)"
         r"|(?P<n_sit>(?:independent\s+|unsupported\s+)?sitting)|(?P<n_crawl>crawling)|(?P<n_roll>rolling(?:\s+over)?)"
         r"|(?P<n_speech>(?:speech\s+and\s+language|speech\s*/\s*lang(?:uage)?|speech|language|talking"
         r"|first\s+words?)"
         r"(?:\s+(?:acquisition|development|milestones))?)"
         r"|(?P<n_gross>gross\s+motor(?:\s+(?:milestones|skills|development))?)"
         r"|(?P<n_fine>fine\s+motor(?:\s+(?:milestones|skills|development))?)"
         r"|(?P<n_motor>(?:early\s+)?motor\s+(?:milestones|skills|development))"
         # the teeth, whose eruption is a milestone too ("primary teeth erupted at the usual age")
         r"|(?P<n_teeth>(?:(?:her|his|their|all|the)\s+)*(?:(?:primary|deciduous|permanent|first)\s+)?(?:teeth|tooth)"
         r"(?=\s+(?:(?:had|have|has)\s+)?erupted\b)|(?:dental|tooth|teeth)\s+eruption)"
         r"|(?P<n_global>(?:(?:early|developmental|all|her|his|their)\s+)*milestones"
         # (bare only where no word stands before it: not "tumour development was delayed")
         r"|(?:(?:her|his|their|early|psychomotor|overall)\s+|(?<!\w\s)(?<!\w))development))")
#: verbs before "no words" ("he has no words"); elsewhere it must open a clause
_HAVE = ("has", "had", "have", "with", "uses", "used", "says", "and")
_COPULA = (r"(?:\s+(?:was|were|came|(?:has|have|had)\s+(?:always\s+|also\s+|otherwise\s+|all\s+)?been|is|are|remained"
           r"|remains|remain"
           r"|developed|emerged|appeared|progressed|(?:(?:had|have|has)\s+)?erupted"
           r"|(?:has|have|had)(?:\s+(?:always|also))?(?=\s+lagg)))?")
#: an aside between a milestone and what is said of it ("her speech, however, was slow to
#: develop", "his motor milestones in particular were late")
_ASIDE = (r"(?:\s*,\s*(?:however|though|by\s+contrast|in\s+contrast|in\s+particular|too|also|likewise)\s*,"
          r"|\s+in\s+particular)?")
#: a developmental domain, as a list of them names it
_DOMAIN = r"(?:(?:gross\s+|fine\s+)?motor|language|speech|cognitive|social|communication|adaptive|personal[\s-]social)"
#: two or more domains in a list ("motor, cognitive, and social")
_DOMAIN_LIST = _DOMAIN + r"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)" + _DOMAIN + r")+"
#: base forms after "late to" / "did not"
_BASE = r"(?:(?P<{0}walk>walk)|(?P<{0}sit>sit)|(?P<{0}crawl>crawl)|(?P<{0}roll>roll\s+over)|(?P<{0}speech>talk|speak))"

#: sentences as a speaker makes them ("short sentences", "three- to four-word sentences",
#: "full, fluent sentences")
_SENTENCES = (r"(?:(?:short|full|simple|complete|whole|brief|fluent|clear|intelligible|long|longer|multi-?word"
              r"|(?:two|three|four|five|\d)(?:-?\s*(?:-|to|or)\s*(?:two|three|four|five|\d))?-?\s*word),?\s+"
              r"(?:and\s+)?)*sentences")
#: phrases and counts of words as a speaker uses them ("short two- to three-word phrases", "20 single words")
_PHRASES = (r"(?:(?:short|simple|brief|(?:two|three|four|\d)(?:-?\s*(?:-|to|or)\s*(?:two|three|four|five|\d))?"
            r"-?\s*word),?\s+(?:and\s+)?)*phrases")
_COUNT = (r"(?:[2-9]|[1-9]\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|a\s+few"
          r"|several)")
#: statements that the patient speaks, which exclude *Absent speech* as curators record it:
#: sentences or phrases, a count of the words used ("uses about 20 single words": such a child
#: also has a speech delay, which the text states in its own words), "is verbal", "did
#: acquire speech"
_SPEAKS = (r"(?:(?:speaks?|spoke|speaking|talks?|talked|talking|communicates?|communicated|communicating"
           r"|converses?|conversed|conversing|(?:is|was)\s+conversant)\s+in\s+(?:" + _SENTENCES + "|" + _PHRASES + ")"
           r"|(?:he|she|they|currently|now|still|only)\s+(?:uses?|used|has|had|says?|said)\s+"
           r"(?:about\s+|around\s+|approximately\s+|~\s*)?" + _COUNT
           + r"\s+(?:single\s+|meaningful\s+|spoken\s+)?words"
           + r"|(?:is|was|are|were|remains|remained|became)\s+(?:now\s+|fully\s+)?verbal(?!\s+(?:IQ|memory"
           r"|comprehension|skills?|abilit|reasoning|fluency|apraxia|dyspraxia|index|scale|score))"
           r"|(?:did|does|do)\s+(?:acquire|have|develop)\s+(?:some\s+)?(?:expressive\s+|spoken\s+)?speech"
           r"|(?:acquired|developed)\s+(?:some\s+)?(?:expressive\s+|spoken\s+)speech"
           r"|expressive\s+speech\s+(?:is\s+|was\s+)?present)\b")

#: how one walks without help ("independently", "unaided", "without aids")
_UNAIDED = (r"(?:independently|unaided|unassisted|alone|without\s+(?:(?:walking\s+)?aids?|(?:an?\s+)?assistive\s+device"
            r"|assistance|support|help))")
#: statements that the patient still walks, which exclude *Loss of ambulation*: "still walks
#: unaided", "remained able to walk independently", "remains fully ambulant", "walks
#: independently without aids" (not a milestone: "walked independently at 13 months")
_STILL_WALKS = (r"(?:(?:still|remains?|remained|continues?\s+to\s+be|continued\s+to\s+be)\s+(?:fully\s+"
                r"|independently\s+)?ambulant"
                r"|(?:still|remains?|remained|continues?|continued)\s+(?:(?:able\s+)?to\s+)?walk(?:s|ing)?"
                r"(?:\s*,?\s*" + _UNAIDED + r")*"
                r"|walk(?:s|ing)\s+" + _UNAIDED + r"(?:\s*,\s*no\s+aids|\s+without\s+(?:(?:walking\s+)?aids?"
                r"|(?:an?\s+)?assistive\s+device)))\b")

#: what a concern is about, as the delay or disability it would be
_CONCERN_ABOUT = (r"(?:(?P<c_dev>(?:early\s+|neuro)?development(?:al)?|milestones)"
                  r"|(?P<c_id>cognit(?:ion|ive)(?:\s+abilit(?:y|ies))?|learning"
                  r"|intellect(?:ual)?(?:\s+abilit(?:y|ies))?|intelligence|ID|understanding)"
                  r"|(?P<c_beh>behaviou?r(?:al)?))")
#: a denied concern (a concern stated is the reason for a referral, no finding): "no
#: concerns about his development", "no cognitive concerns", "no ID concerns"
_NO_CONCERNS = (r"(?:no|never\s+(?:been\s+)?any|not\s+any|without\s+any)\s+"
                r"(?:(?:early|significant|major|particular)\s+)?"
                r"(?:" + _CONCERN_ABOUT + r"\s+concerns?\b|concerns?\s+(?:about|regarding|with|over|re|for)\s+"
                r"(?:(?:his|her|their|the\s+child[’']s)\s+)?" + _CONCERN_ABOUT.replace("?P<c_", "?P<a_") + r"\b)")

_STATEMENT_RE = re.compile(
    r"\b(?:"
    # "walked late", "sat unsupported on time", "spoke late"
    + _VERB + _MANNER + r"\s+(?:(?P<vlate>" + _LATE + r")|(?P<vtime>" + _ON_TIME + r"))\b"
    # "speech came late", "first words late", "speech was late to develop", "motor milestones on time",
    # "milestones were attained at the expected ages"
    r"|" + _NOUN + _ASIDE + _COPULA + r"(?:\s+(?:all|reportedly|apparently|also|otherwise|entirely|still))*"
    + r"\s+(?:(?:(?:achieved|attained|reached|acquired)\s+)?(?P<nlate>" + _LATE
    + r"(?P<develop>\s+to\s+(?:develop|come|emerge|appear|start))?|" + _BEHIND
    # "language emerged slowly", "speech developed slowly" (after a verb of development only:
    # "walked slowly" is a gait, "difficulty with walking progressed slowly" a course)
    + r"|(?:(?<=emerged\s)|(?<=developed\s)|(?<=came\s))slowly)"
    r"|(?:(?:achieved|attained|reached|met|acquired)\s+)?(?P<ntime>" + _ON_TIME
    + r"|(?<=met\s)in\s+all\s+(?:developmental\s+)?(?:domains|areas)))\b"
    # "late to sit and walk", "slow to start talking"
    r"|(?:late|slow)\s+(?:in\s+)?(?:to\s+)?(?:start(?:ing)?\s+|begin(?:ning)?\s+)?(?:to\s+)?"
    r"(?P<to>(?:walk|sit|crawl|roll\s+over|talk|speak)(?:ing)?"
    r"(?:(?:\s*,\s*|\s+and\s+|\s+or\s+)(?:to\s+)?(?:walk|sit|crawl|roll\s+over|talk|speak)(?:ing)?)*)\b"
    # "slow to achieve her motor milestones"
    # "slow to reach all of his milestones", "late with all of her milestones", "delayed in all milestones"
    r"|(?P<achieve>(?:late|slow|delayed)\s+(?:(?:to|in)\s+(?:achieve|reach|attain|acquire|achieving|reaching"
    r"|attaining|acquiring)\s+|(?:with|in)\s+(?=all\b|" + _POSS + r"(?:early\s+)?(?:gross\s+)?motor\s+milestones))"
    r"(?:all\s+(?:of\s+)?)?" + _POSS
    + r"(?:early\s+)?(?P<ach>(?:gross\s+)?motor\s+|developmental\s+)?milestones)\b"
    # "did not walk independently until late"
    r"|(?:did\s+not|didn[’']t)\s+" + _BASE.format("u_") + _MANNER + r"\s+until\s+(?:much\s+)?late(?:r)?\b"
    # "not yet walking independently" (no age after it)
    r"|not\s+yet\s+(?:(?P<y_walk>walking)|(?P<y_sit>sitting)|(?P<y_crawl>crawling)|(?P<y_roll>rolling(?:\s+over)?)"
    r"|(?P<y_speech>talking|speaking|babbling|cooing))" + _MANNER + r"(?!\s+(?:at|by|until)\s)"
    # "he could not yet sit without support", "cannot yet walk"
    r"|(?:could|can)\s*not\s+yet\s+(?:(?P<c_walk>walk)|(?P<c_sit>sit)|(?P<c_crawl>crawl)|(?P<c_roll>roll(?:\s+over)?)"
    r"|(?P<c_speech>talk|speak|babble))" + _MANNER + r"(?!\s+(?:at|by|until)\s)"
    # "has not yet begun to babble", "had not begun to walk", "has not yet said his first words"
    r"|(?:has|had|have)\s+not\s+(?:yet\s+)?(?:(?:begun|started)\s+to\s+(?:(?P<b_walk>walk)|(?P<b_sit>sit)"
    r"|(?P<b_crawl>crawl))|(?P<b_speech>(?:begun|started)\s+to\s+(?:babble|talk|speak|coo)"
    r"|said\s+" + _POSS + r"first\s+words?))"
    + r"(?!\s+(?:at|by|until)\s)"
    # "delayed in all areas of development", "mildly delayed across domains"
    r"|(?P<globally>(?:(?P<grade>mildly|moderately|severely|profoundly|globally|significantly)\s+"
    r"|(?P<adj>mild|moderate|severe|profound|significant|global)\s+)?(?:delayed|behind|delays?)"
    # ("delays were evident across …", "delayed early milestones across …", "delay in reaching his
    # developmental milestones across …")
    r"(?:\s+(?:(?:were|was)\s+(?:evident|apparent|present|noted|seen)|(?:early\s+)?(?:developmental\s+)?milestones"
    r"|in\s+(?:reaching|achieving|attaining)\s+" + _POSS + r"(?:early\s+)?(?:developmental\s+)?milestones))?"
    r"\s+(?:in|across)\s+(?:all\s+(?:(?:the|her|his|their)\s+)?(?:developmental\s+)?(?:areas|domains|aspects|spheres)"
    r"|(?:(?:multiple|several|many)\s+)?(?:developmental\s+)?domains"
    # two or more domains named ("delays across motor, cognitive, and social domains"): HPO's
    # definition of a global delay
    r"|" + _POSS + r"(?P<doms4>" + _DOMAIN_LIST + r")\s+(?:developmental\s+)?(?:areas|domains|(?P<mdoms>milestones)))"
    r"(?:\s+of\s+" + _POSS + r"development)?)\b"
    # milestones of two or more domains on time: "motor and speech milestones were reached at the
    # expected ages", "achieved his motor and language milestones at the expected ages"
    r"|(?P<ontime>(?:(?:achieved|attained|reached|met)\s+)?" + _POSS + r"(?:early\s+)?(?P<tdoms>" + _DOMAIN_LIST
    + r")\s+(?P<tnoun>(?:developmental\s+)?(?:milestones|development|skills))" + _COPULA
    + r"(?:\s+(?:all|also|otherwise|entirely|been))*\s+(?:(?:achieved|attained|reached|met|acquired)\s+)?"
    r"(?:" + _ON_TIME + r"|appropriate\s+for\s+(?:(?:his|her|their)\s+)?age|age[\s-]appropriate))\b"
    # "delayed attainment of motor, language and social milestones", "behind in motor and
    # cognitive skills" (a global delay where the list names it: :func:`_global_list`)
    r"|(?P<listed>(?:delayed|late|slow)\s+(?:(?:attainment|acquisition|achievement)\s+of\s+)?" + _POSS
    + r"(?P<doms>" + _DOMAIN_LIST + r")\s+(?:developmental\s+)?milestones"
    r"|behind\s+in\s+" + _POSS + r"(?P<doms2>" + _DOMAIN_LIST + r")\s+(?:skills|development))\b"
    # "has no words", "no words at 4 years"
    r"|(?P<nowords>(?:^|(?<=[.;:\n(])|(?<=[.;:\n(]\s)" + "".join(rf"|(?<=\b{w}\s)" for w in _HAVE)
    + r")no\s+(?:(?:spoken|meaningful|single|real)\s+)?words)\b(?!\s+(?:to|for|of)\b)"
    # "had not acquired any spoken words", "has never produced a single word", "never
    # developed any speech" (where the clause ends: not "… any speech problems")
    r"|(?P<noword>(?:not|never)\s+(?:yet\s+)?(?:acquired|developed|produced|spoken|said|uttered|learned|learnt)"
    r"\s+(?:(?:any|a\s+single)\s+)?(?:(?:spoken|meaningful|single|real|intelligible)\s+)?(?:words?|speech))"
    r"(?=\s*(?:[.,;:)]|$)|\s+(?:and|at|by|until|or|despite)\b)"
    # "only a few single words", "just 5 words", "few words only": a speech delay
    r"|(?P<fewwords>(?:only|just)\s+(?:about\s+|around\s+)?(?:a\s+few|a\s+handful\s+of|\d{1,2}|one|two|three|four"
    r"|five|six|seven|eight|nine|ten)\s+(?:(?:single|spoken|meaningful|clear|real)\s+)?words|few\s+(?:single\s+)?words"
    r"\s+only)\b(?!\s+(?:of|in|to|for)\b)"
    # single words not yet combined: "without word combinations", "not yet combining words",
    # "no 2-word phrases yet", "only just starting to join two words together": a speech delay
    r"|(?P<nocombine>(?:without|no)\s+(?:any\s+)?(?:(?:two|2)[\s-])?word\s+(?:combinations|phrases|sentences)"
    r"|(?:(?:does|did|do|is|was|are|were|has|had|have)\s+)?(?:not\s+yet|not|never)\s+"
    r"(?:combining|joining|putting|combined|joined|put|combine|join)"
    r"\s+(?:(?:two|2|any)\s+)?words(?:\s+together)?"
    r"|(?:only\s+)?just\s+(?:starting|beginning)\s+to\s+(?:combine|join|put)\s+(?:(?:two|2)\s+)?words)\b"
    r")",
    re.IGNORECASE,
)

#: statements of what the patient can do or has not done, each with its own cue words
#: (:data:`ABILITY_CUES`; kept apart from :data:`_STATEMENT_RE`, whose cues are commoner)
_ABILITY_RE = re.compile(
    r"\b(?:"
    # "now speaks in short sentences", "he is verbal", "did acquire speech": the patient speaks
    # (negated ones are left out: :data:`_DENIED_RE`)
    r"(?P<speaks>" + _SPEAKS + r")"
    # "still walks unaided", "remained able to walk independently", "remains ambulant": no
    # loss of ambulation
    r"|(?P<ambulant>" + _STILL_WALKS + r")"
    # "no concerns about his development", "no cognitive concerns", "there have never been
    # any concerns about her learning": no global delay, no intellectual disability
    r"|(?P<unconcerned>" + _NO_CONCERNS + r")"
    # "his first words did not come until he was three", "did not speak his first words until
    # about 3 years", "first words emerged only after the age of 3 years": a speech delay
    r"|(?P<latewords>(?:first\s+words?\s+(?:did\s+not|didn[’']t)\s+(?:come|appear|emerge|arrive)"
    r"|(?:did\s+not|didn[’']t)\s+(?:speak|say|utter)\s+" + _POSS + r"first\s+words?)\s+until"
    r"|first\s+words?\s+(?:came|appeared|emerged|arrived)\s+only\s+(?:after|at|by))\b"
    # "speech remains limited to short phrases", "expressive vocabulary was limited to a few
    # single words", "his speech is very limited": a speech delay
    r"|(?P<limited>(?:speech|language|expressive\s+language|vocabulary|expressive\s+vocabulary|communication)"
    r"\s+(?:is|was|remains|remained|has\s+remained|has\s+been)\s+(?:very\s+|extremely\s+|severely\s+|markedly\s+)?"
    r"limited(?:\s+to\s+(?:a\s+few|a\s+handful\s+of|\d{1,2}|two|three|four|five|ten|single|short)\b)?)(?!\s+by\b)"
    r")",
    re.IGNORECASE,
)
#: cue substrings of :data:`_ABILITY_RE`'s statements, one of which each contains
ABILITY_CUES = ("sentences", "phrases", " words", " verbal", "conversant", "acquire", "have speech", "have some speech",
                "develop speech", "expressive speech", "spoken speech", "ambulant", "still walk", "to walk",
                "independently", "unaided", "unassisted", "concern", "first word", "limited")


#: a negation in the clause before a statement that the patient speaks or still walks ("does
#: not yet speak in sentences", "is unable to talk in full sentences", "no longer speaks in
#: sentences"): the statement says nothing then (not making sentences is no *Absent speech*)
_DENIED_RE = re.compile(r"(?:\b(?:not|never|cannot|unable|no\s+longer|nor|neither|without|yet\s+to|ceased|stopped"
                        r"|lost)|n[’']t)\b[^.;,:\n]*$", re.IGNORECASE)

#: a noun of development, of which "slow" is late ("speech and language development was slow")
_OF_DEVELOPMENT_RE = re.compile(r"\b(?:development|acquisition|milestones|speech\s+and\s+language)\b", re.IGNORECASE)

#: domains that are one for a global delay ("motor, speech and language" is two)
_ONE_DOMAIN = {"language": "speech", "communication": "speech"}


def _domain(words: str) -> str:
    """The domain a list names with ``words`` ("gross motor": "motor"; "language": "speech")."""
    last = words.lower().split()[-1]
    return _ONE_DOMAIN.get(last, last)


def _global_list(domains: str) -> bool:
    """Whether a list of delayed domains is a global delay: three or more, or one beyond
    motor and speech ("motor and cognitive"), speech, language and communication counting
    as one; "motor, speech and language milestones" are the two delays a curator records,
    each read by its own name."""
    named = {_domain(d) for d in re.findall(_DOMAIN, domains, re.IGNORECASE)}
    return len(named) >= 3 or bool(named - {"motor", "speech"})


def _kinds(m: re.Match) -> list[str]:
    """The milestones a statement (not a global one, not "no words") names."""
    if m.group("to"):
        words = re.findall(r"walk|sit|crawl|roll|talk|speak", m.group("to").lower())
        kinds = list(dict.fromkeys("speech" if w in ("talk", "speak") else w for w in words))
        motor = [k for k in kinds if k in _MOTOR]
        # two motor milestones late: gross motor development ("late to sit and walk")
        return (["gross"] if len(motor) > 1 else motor) + (["speech"] if "speech" in kinds else [])
    if m.group("achieve"):
        ach = (m.group("ach") or "").lower()
        return ["gross" if "gross" in ach else "motor" if "motor" in ach else "global"]
    groups = m.groupdict()
    return [k for k in _TERMS for prefix in ("v_", "n_", "u_", "y_", "c_", "b_") if groups.get(prefix + k)][:1]


def find_development(text: str, cues: list[int] | None = None) -> list:
    """The statements of development in words in ``text`` (module docs), as
    :class:`~kgmed.text.measurements.Measurement` objects in order of position.

    ``cues`` are the positions of :data:`DEVELOPMENT_CUES` (from
    :func:`kgmed.text.measurements.find_cues`, key ``"development"``); statements are
    looked for only around them, so time stays linear in the text."""
    from kgmed.text.measurements import Measurement, _around, find_cues

    if cues is None:
        cues = find_cues(text).get("development", [])
    out = []
    for m in _around(_STATEMENT_RE, text, cues, 90, 60):
        start = m.start()
        if m.group("fewwords") or m.group("nocombine"):
            out.append(Measurement(start, m.end(), DELAYED_SPEECH, "development", 0.0, ""))
            continue
        if m.group("nowords") or m.group("noword"):
            # (its own words hold the negation: a quantity of its own, not deniable again)
            out.append(Measurement(start, m.end(), ABSENT_SPEECH, "words", 0.0, ""))
            continue
        if m.group("ontime"):
            # every domain named on time, each read at its word, and so no global delay, read
            # at the rest ("… milestones were reached at the expected ages"): spans that do not
            # overlap, so that every reading stays
            named = []
            for d in re.finditer(_DOMAIN, m.group("tdoms"), re.IGNORECASE):
                kind = _domain(d.group())
                named.append(kind)
                if kind in ("motor", "speech"):
                    out.append(Measurement(m.start("tdoms") + d.start(), m.start("tdoms") + d.end(), _TERMS[kind],
                                           "development", 0.0, "", normal=True))
            if len(set(named)) > 1:  # (not "speech and language", one domain)
                out.append(Measurement(m.end("tnoun") + 1, m.end(), GLOBAL_DELAY, "development", 0.0, "", normal=True))
            continue
        if m.group("listed"):
            if _global_list(m.group("doms") or m.group("doms2")):
                out.append(Measurement(start, m.end(), GLOBAL_DELAY, "development", 0.0, ""))
            continue
        if m.group("globally"):
            if m.group("mdoms") and not _global_list(m.group("doms4")):
                continue  # the milestones of two domains are two delays, not a global one (as "listed")
            grade = (m.group("grade") or (m.group("adj") or "") + "ly").lower()
            out.append(Measurement(start, m.end(), _GLOBAL_GRADES.get(grade, GLOBAL_DELAY), "development", 0.0, ""))
            continue
        normal = bool(m.group("vtime") or m.group("ntime"))
        kinds = _kinds(m)
        if m.group("nlate") and m.group("nlate").lower().endswith("slow") and not m.group("develop") \
                and not set(kinds) <= _PACED and not _OF_DEVELOPMENT_RE.search(m.group()):
            continue  # "slow" of a skill is its pace ("walking was slow", "speech was slow")
        for k in kinds:
            out.append(Measurement(start, m.end(), _TERMS[k], "development", 0.0, "", normal=normal))
    return out


def find_abilities(text: str, cues: list[int] | None = None) -> list:
    """The statements of what the patient can do or has not done in ``text``
    (:data:`_ABILITY_RE`: speaking, walking still, a denied concern, late first words, a
    limited speech), as :class:`~kgmed.text.measurements.Measurement` objects in order of
    position, of quantity "development" like :func:`find_development`'s.

    ``cues`` are the positions of :data:`ABILITY_CUES` (key ``"ability"`` of
    :func:`kgmed.text.measurements.find_cues`)."""
    from kgmed.text.measurements import Measurement, _around, find_cues

    if cues is None:
        cues = find_cues(text).get("ability", [])
    out = []
    for m in _around(_ABILITY_RE, text, cues, 90, 60):
        start = m.start()
        if m.group("latewords") or m.group("limited"):
            out.append(Measurement(start, m.end(), DELAYED_SPEECH, "development", 0.0, ""))
        elif m.group("unconcerned"):
            term = GLOBAL_DELAY if m.group("c_dev") or m.group("a_dev") else ATYPICAL_BEHAVIOR \
                if m.group("c_beh") or m.group("a_beh") else INTELLECTUAL_DISABILITY
            out.append(Measurement(start, m.end(), term, "development", 0.0, "", normal=True))
        elif _DENIED_RE.search(text, max(0, start - 40), start) is None:  # speaks, still walks
            term = ABSENT_SPEECH if m.group("speaks") else LOSS_OF_AMBULATION
            out.append(Measurement(start, m.end(), term, "development", 0.0, "", normal=True))
    return out
