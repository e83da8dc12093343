"""The term dictionary: every way the KG names an HPO concept, normalised for matching.

:class:`TermDictionary` collects, for each phenotype term of the chosen HPO branches, its
label and all its synonyms (every scope, layperson terms, plural and UK spellings,
abbreviations), and the labels of obsolete terms that have a replacement. Each name is
tokenised and normalised with :mod:`kgmed.text.normalize`; a hyphenated name is also stored
with the hyphenated part written as one word ("pre-auricular pit" → "preauricular pit").

Every name has a *rank* that orders competing readings of the same words (lower is
better)::

    0  the term label                          "Seizure"
    1  an EXACT synonym (plural, UK spelling,  "Seizures", "Epileptic seizure"
       abbreviation)
    2  an EXACT layperson synonym              "Fits"
    3  a RELATED synonym
    4  a BROAD or NARROW synonym, an obsolete synonym, a name of a clinical lexicon
       (:mod:`kgmed.text.lexicon`: "global delay", "callosal hypoplasia")
    5  the label of an obsolete term, mapped to its replacement
    6  a contextual name of a clinical lexicon ("ID"), read only where other findings of
       its line share its term's organ system

Grouping names are also read by their parts: "Aplasia/Hypoplasia of the thumb" is found as
"hypoplasia of the thumb" too (rank 4), unless a more specific term has that name.

Names written in capitals ("ASD", "INR") are *case-sensitive* in their upper-case words: the
text must write them in capitals too, so "asd" or the English word "as" never match.
One-word names shorter than three letters are left out (but for a clinical lexicon's
two-letter names: "VT", "sz").

The built dictionary is cached as JSON under ``$KGMED_HOME/text/`` keyed by the KG's build
key, the options and the source of the normalisation code, so a second process loads it in
a fraction of a second. Only ontology text goes into it.

Example::

    >>> d = TermDictionary(kg).build()                 # doctest: +SKIP
    >>> [kg.nodes.id.iat[e.row] for e in d.lookup("gum hyperplasia")]   # doctest: +SKIP
    ['HP:0000212']
"""

from __future__ import annotations

import hashlib
import inspect
import json
import logging
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from kgmed.errors import KgmedError, UnknownIdentifierError
from kgmed.text import normalize as _normalize_module
from kgmed.text.lexicon import DEFAULT_LEXICON, lexicon_digest, read_lexicon
from kgmed.text.normalize import STOPWORDS, is_plural, normalize_word, tokenize

__all__ = ["TermDictionary", "DEFAULT_BRANCHES", "RANKS", "DictEntry", "SINGULAR", "PLURAL", "COUNT"]

logger = logging.getLogger(__name__)

#: HPO branches recognised by default: Phenotypic abnormality and Mode of inheritance.
DEFAULT_BRANCHES: tuple[str, ...] = ("HP:0000118", "HP:0000005")

#: Rank of a name by its synonym scope and kind (lower wins); see the module docstring.
RANKS: dict[str, int] = {
    "label": 0, "EXACT": 1, "layperson": 2, "RELATED": 3, "BROAD": 4, "NARROW": 4,
    "obsolete_synonym": 4, "clinical": 4, "obsolete_label": 5, "contextual": 6,
}

# Synonym kinds that are not names of the phenotype (HPO's allelic-requirement codes).
_SKIP_KINDS = frozenset({"allelic_requirement"})
#: HPO abbreviations that clinical notes mostly use for something else, so reading them
#: would invent a finding: "LFTs were deranged" (liver function tests, not *Filum terminale
#: lipoma*), "BPD" in a preterm infant (bronchopulmonary dysplasia, not *Borderline
#: personality disorder*), "RAD" in a child (reactive airway disease, not *Right axis
#: deviation*)
_CLASHING_ABBREVIATIONS = frozenset({"LFT", "BPD", "RAD"})
#: HPO names, lower-cased, that clinical notes mostly use for something else: "eye drops"
#: are a medicine (HPO lists "Eye drop" as a layperson name of *Ptosis*); "a learning
#: disability" is an intellectual disability in British usage, as clinic letters write it
#: (HPO lists it under *Specific learning disability*, the American sense; the lexicon gives
#: it to *Intellectual disability*, and "specific learning disability" keeps its own term);
#: "weight gain" is mostly an infant's normal growth ("feeding and weight gain have been
#: satisfactory"; HPO lists it under *Increased body weight*, which the lexicon names
#: "excessive weight gain"); "oncology" is a service (HPO lists it under *Neoplasm*);
#: "slowness" and "dullness" are a movement's ("slowness on finger tapping", read by
#: *Bradykinesia*'s "slowness of movement") and a percussion note's ("dullness at the right
#: base"), not *Lethargy*, as HPO lists them; "weakness" is mostly a muscle's ("weakness of
#: the shoulder girdle muscles"; the lexicon gives it to *Muscle weakness*), not *Asthenia*;
#: "misaligned eyes" are a strabismus (the lexicon's), not *Vertical orbital dystopia*; "failed
#: liver development" (*Hepatic agenesis*) is read order-free in "developed liver failure"
_CLASHING_NAMES = frozenset({"eye drop", "learning disability", "weight gain", "oncology", "slowness", "dullness",
                             "weakness", "misaligned eyes", "failed liver development"})

_CACHE_FORMAT = 2


#: ``DictEntry.number``: the concept has no name with these words written in the plural;
#: it has one; it is a *count* concept ("Multiple lipomas") with one.
SINGULAR, PLURAL, COUNT = 0, 1, 2


@dataclass(frozen=True)
class DictEntry:
    """One normalised name: the concept row it names, its rank, the positions of the
    words that must be written in capitals (case-sensitive acronyms) with their spelling,
    and its grammatical number (``SINGULAR``, ``PLURAL`` or ``COUNT``, see
    :func:`_build_keys`)."""

    row: int
    rank: int
    upper: tuple[int, ...] = ()
    surface: tuple[str, ...] = ()
    number: int = SINGULAR


def _rank_of(scope: str, kind: str) -> int:
    if kind == "obsolete_synonym":
        return RANKS["obsolete_synonym"]
    if scope == "EXACT":
        return RANKS["layperson"] if kind == "layperson" else RANKS["EXACT"]
    return RANKS.get(scope, 4)


def is_acronym(word: str) -> bool:
    """``ASD``, ``HbA1c``, ``HIAA``: two or more capitals, at most 6 characters."""
    return 2 <= len(word) <= 6 and sum(c.isupper() for c in word) >= 2


def _source_hash() -> str:
    src = inspect.getsource(_normalize_module) + inspect.getsource(sys.modules[__name__])
    return hashlib.sha256(src.encode()).hexdigest()[:12]


#: how many term dictionary caches ``$KGMED_HOME/text`` keeps: each kgmed version, KG and
#: set of options writes its own (about 4 MB), so the least recently used are removed
KEEP_CACHES = 8


def _touch(path: Path) -> None:
    try:
        os.utime(path)
    except OSError:  # a read-only cache is still a cache
        pass


def _prune_caches(folder: Path, keep: int = KEEP_CACHES) -> list[Path]:
    """Remove all but the ``keep`` most recently used term dictionary caches of ``folder``
    (another kgmed version's are never read again); returns the removed paths."""
    def used(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:
            return 0.0

    caches = sorted(folder.glob("dictionary-*.json"), key=used, reverse=True)
    removed = []
    for p in caches[keep:]:
        try:
            p.unlink()
            removed.append(p)
        except OSError:
            pass
    if removed:
        logger.info("removed %d unused term dictionary caches from %s", len(removed), folder)
    return removed


class TermDictionary:
    """Normalised names of HPO concepts, built from a :class:`~kgmed.kg.KnowledgeGraph`.

    Args:
        kg: the knowledge graph.
        branches: HPO terms whose descendants are recognised (the roots themselves are
            not: "inheritance" alone names no finding). Default: Phenotypic abnormality
            (HP:0000118) and Mode of inheritance (HP:0000005).
        scopes: synonym scopes to include (default all four).
        layperson: include layperson synonyms ("Fits" for Seizure).
        obsolete: include labels of obsolete terms, mapped to their replacement.
        extra_words: words to add to the word table (e.g. context trigger words), so
            that the text's words rarely need normalising from scratch.
        lexicons: clinical lexicon files whose names are added (:mod:`kgmed.text.lexicon`;
            default kgmed's own, ``()`` for HPO's names only).
        cache: read and write the JSON cache under ``$KGMED_HOME/text``.

    After :meth:`build`: ``keys_`` maps a normalised name (words joined by one space) to
    its :class:`DictEntry` list, best rank first; ``vocab_`` maps lower-case words of the
    ontology (labels, synonyms, definitions, their inflections) to their keys; ``rows_`` is
    the array of concept rows covered; ``absent_rows_`` the rows that a lexicon names by a
    statement of their absence ("normal hearing", :mod:`kgmed.text.lexicon`), and
    ``absence_words_`` maps such a row to the keys of the words other than "normal" that
    state its absence (Cryptorchidism: "descended"; a word is the term's own: "patent" states
    that choanae are normal, and that a ductus arteriosus is not).
    """

    def __init__(
        self,
        kg,
        *,
        branches: Sequence[str] = DEFAULT_BRANCHES,
        scopes: Iterable[str] = ("EXACT", "RELATED", "BROAD", "NARROW"),
        layperson: bool = True,
        obsolete: bool = True,
        extra_words: Iterable[str] = (),
        lexicons: Sequence[str | Path] = (DEFAULT_LEXICON,),
        cache: bool = True,
    ):
        self.kg = kg
        self.branches = tuple(branches)
        self.scopes = tuple(scopes)
        self.layperson = layperson
        self.obsolete = obsolete
        self.extra_words = tuple(extra_words)
        self.lexicons = tuple(lexicons)
        self.cache = cache

    # ------------------------------------------------------------------ build
    def build(self) -> "TermDictionary":
        """Collect and normalise every name (or load them from the cache); returns ``self``."""
        t0 = time.perf_counter()
        kg = self.kg
        nodes = kg.nodes
        allowed = np.zeros(len(nodes), dtype=bool)
        for b in self.branches:
            try:
                root = kg.index(kg.resolve(b))
            except UnknownIdentifierError as exc:
                raise KgmedError(f"branch {b!r} is not a term of this knowledge graph ({exc}); build the KG "
                                 "with HPO (kgmed ingest hpo) or pass branches= with terms it has") from None
            allowed[kg.descendant_rows(root, include_self=False)] = True
        obsolete = nodes["obsolete"].to_numpy(dtype=bool)
        allowed &= ~obsolete
        self.rows_ = np.flatnonzero(allowed)
        lexicon = self._lexicon_rows(allowed)
        self.absent_rows_ = frozenset(row for e, row in lexicon if e.absent)
        by_row: dict[int, set[str]] = {}
        for e, row in lexicon:
            if e.absence:
                by_row.setdefault(row, set()).add(normalize_word(e.absence_word))
        self.absence_words_ = {row: frozenset(words) for row, words in by_row.items()}

        path = self._cache_path()
        if path is not None and path.is_file():
            try:
                self._load(path)
                _touch(path)  # (recently used: kept by _prune_caches)
                self.build_seconds_ = time.perf_counter() - t0
                self.cached_ = True
                logger.info("term dictionary loaded from %s in %.2fs", path, self.build_seconds_)
                return self
            except (OSError, ValueError, KeyError, TypeError) as exc:
                logger.warning("term dictionary cache %s is unreadable (%s); rebuilding it", path, exc)

        names = self._names(allowed, obsolete)
        names += _derived_names(names)
        names += [(name, row, RANKS["contextual" if e.contextual else "clinical"], "lexicon")
                  for e, row in lexicon for name in e.forms()]
        self.keys_, self.vocab_ = _build_keys(names, nodes["definition"].tolist(), self.extra_words)
        self.cached_ = False
        if path is not None:
            self._save(path)
        self.build_seconds_ = time.perf_counter() - t0
        logger.info("term dictionary: %d names, %d keys, %d concepts in %.2fs",
                    len(names), len(self.keys_), len(self.rows_), self.build_seconds_)
        return self

    def _names(self, allowed: np.ndarray, obsolete: np.ndarray) -> list[tuple[str, int, int]]:
        kg = self.kg
        nodes = kg.nodes
        names: list[tuple[str, int, int]] = []  # (text, row, rank)
        labels = nodes["label"].tolist()
        for r in self.rows_.tolist():
            names.append((labels[r], r, RANKS["label"]))
        syn = kg.synonyms
        scopes = set(self.scopes)
        for node, text, scope, kind in zip(syn["node"].tolist(), syn["text"].tolist(),
                                           syn["scope"].tolist(), syn["kind"].tolist()):
            if not allowed[node] or kind in _SKIP_KINDS or scope not in scopes:
                continue
            if kind == "layperson" and not self.layperson:
                continue
            low = text.lower()
            if text in _CLASHING_ABBREVIATIONS or low in _CLASHING_NAMES:
                continue
            if " " not in low and low.endswith("al") and labels[node].lower().startswith(low + " "):
                continue  # an adjective without its noun: "Mitochondrial" (inheritance) is
                # mostly the organelle's ("mitochondrial disease", "mitochondrial DNA")
            names.append((text, node, _rank_of(scope, kind)))
        if self.obsolete:
            ids = nodes["id"].tolist()
            index = dict(zip(ids, range(len(ids))))
            repl = nodes["replaced_by"].tolist()
            for r in np.flatnonzero(obsolete).tolist():
                target = index.get(repl[r]) if repl[r] else None
                if target is not None and allowed[target]:
                    label = labels[r]
                    if label.lower().startswith("obsolete "):
                        label = label[9:]
                    names.append((label, target, RANKS["obsolete_label"]))
        return names

    def _lexicon_rows(self, allowed: np.ndarray) -> list[tuple]:
        """``(entry, row)`` for the names of :attr:`lexicons` whose term this KG has in the
        recognised branches; records the entries' digest for :meth:`_cache_path`."""
        kg = self.kg
        out, skipped = [], 0
        entries = [e for path in self.lexicons for e in read_lexicon(path)]
        self._lexicon_digest = lexicon_digest(entries)  # for the cache key
        for e in entries:
            try:
                row = kg.index(kg.resolve(e.hpo_id))
            except UnknownIdentifierError:
                row = -1
            if row < 0 or not allowed[row]:
                skipped += 1
                continue
            out.append((e, row))
        if skipped:
            logger.debug("%d lexicon names skipped: their term is not recognised in this KG", skipped)
        return out

    # ------------------------------------------------------------------ cache
    def _cache_path(self) -> Path | None:
        if not self.cache:
            return None
        key = (self.kg.meta or {}).get("key") if hasattr(self.kg, "meta") else None
        if not key:
            return None
        from kgmed.config import home

        opts = json.dumps([self.branches, sorted(self.scopes), self.layperson, self.obsolete,
                           sorted(set(self.extra_words)), _CACHE_FORMAT, _source_hash(),
                           self._lexicon_digest])
        h = hashlib.sha256(opts.encode()).hexdigest()[:12]
        return home() / "text" / f"dictionary-{key}-{h}.json"

    def _save(self, path: Path) -> None:
        data = {
            "format": _CACHE_FORMAT,
            "kg_key": self.kg.meta.get("key"),
            "keys": {k: [[e.row, e.rank, list(e.upper), list(e.surface), e.number] for e in v]
                     for k, v in self.keys_.items()},
            "vocab": self.vocab_,
        }
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".tmp{os.getpid()}")
            tmp.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
            os.replace(tmp, path)
        except OSError as exc:  # a read-only cache folder must not stop recognition
            logger.warning("could not write the term dictionary cache %s: %s", path, exc)
            return
        _prune_caches(path.parent)

    def _load(self, path: Path) -> None:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != _CACHE_FORMAT:
            raise ValueError(f"cache format {data.get('format')!r}, expected {_CACHE_FORMAT}")
        self.keys_ = {k: [DictEntry(r, rk, tuple(u), tuple(s), nb) for r, rk, u, s, nb in v]
                      for k, v in data["keys"].items()}
        self.vocab_ = data["vocab"]

    # ---------------------------------------------------------------- lookups
    def lookup(self, phrase: str) -> list[DictEntry]:
        """Entries whose normalised name equals that of ``phrase`` (case checks ignored)."""
        self._check_built()
        return list(self.keys_.get(" ".join(tokenize(phrase).norms), ()))

    def __len__(self) -> int:
        self._check_built()
        return len(self.keys_)

    def _check_built(self) -> None:
        if not hasattr(self, "keys_"):
            raise RuntimeError("TermDictionary is not built yet: call .build() first")


_APLASIA_HYPOPLASIA = re.compile(r"aplasia\s*/\s*hypoplasia", re.IGNORECASE)
_COUNT_WORDS = ("multiple ", "numerous ")
#: "Preterm birth" is written about the child: "preterm infants", "premature babies".
_NEWBORN_NOUNS = ("infant", "baby", "neonate", "newborn")
#: Leading words of extent that texts leave out when HPO needs them only to tell two terms
#: apart ("skin lesions" for *Localized skin lesion*, "learning disabilities" for *Specific
#: learning disability*). Words of course ("recurrent", "chronic", "progressive",
#: "persistent") are not dropped: they are part of what the term means ("persistent
#: pupillary membrane", "chronic myelogenous leukemia").
_QUALIFIERS = frozenset("localized localised generalized generalised specific".split())
_MUSCLE_TONE = re.compile(r"\bmuscle tone\b", re.IGNORECASE)
#: sizes that are abnormal in themselves, after which a name's leading "Abnormally" may go
_ABNORMAL_SIZES = frozenset("small large big heavy low high high-pitched long short wide narrow thin thick".split())
#: "seizure(s)" in a name, also read as "convulsion(s)"
_SEIZURE = re.compile(r"\b[Ss]eizure(s?)\b")
#: names ending "<implied word> <head>" also read without the implied word, and the fewest
#: words the name must have ("Muscle weakness" itself is not "weakness")
_IMPLIED_WORD = {("muscle", "weakness"): 3, ("heart", "murmur"): 2, ("bone", "fracture"): 2}
#: a name and a remark in brackets after it that does not specify it: a condition
#: ("Febrile seizure (within the age range of …)") or its acronym ("… imaging (DWI)");
#: not "(feet)", "(left)", "(near)"
_TRAILING_REMARK = re.compile(r"^([^()]*[A-Za-z][^()]*?)\s+\((?:with(?:out|in) [^()]*|[A-Z][A-Z0-9-]+)\)$")
#: words that only EEG findings use: an "EEG with …" name with one of them is read without "EEG"
_EEG_WORDS = frozenset("spike spikes polyspike polyspikes wave waves epileptiform discharges slowing "
                       "slow burst photoparoxysmal".split())
#: words that name where a laboratory value is measured, and the noun of a value
_SPECIMENS = frozenset("circulating serum plasma blood".split())
_LAB_NOUNS = frozenset("concentration concentrations level levels".split())
#: the counted word of a blood count ("platelet", "neutrophil", "RBC"): "count" may go
_BLOOD_CELL = re.compile(r"(?:cyte|phil|platelet|blast|rbc|wbc)s?$")
_UP, _DOWN = ("Elevated", "Increased", "Raised", "High"), ("Decreased", "Reduced", "Low")
_UP_LOWER = frozenset(w.lower() for w in _UP)
_LAB_DIRECTIONS = _UP_LOWER | {w.lower() for w in _DOWN}
_FLEXION_CONTRACTURE = re.compile(r"(?<=flexion )contracture", re.IGNORECASE)


def _derived_names(names: list[tuple]) -> list[tuple]:
    """Names the text uses for HPO terms that HPO does not list.

    * Grouping terms, ranked as BROAD synonyms (4): "Aplasia/Hypoplasia of the X" is also
      read as "Aplasia of the X" and "Hypoplasia of the X" (a more specific term with that
      name wins on rank).
    * A birth named by the child, rank 3: "Preterm birth" is also "preterm infant"
      ("baby", "neonate", "newborn").
    * A name of three or more words without its leading qualifier of extent
      (:data:`_QUALIFIERS`): "Localized skin lesion" is also "skin lesion" (not where the
      qualifier is the onset's: "Generalized onset seizure").
    * A laboratory name without its specimen and its noun of value: "Increased circulating
      lactate concentration" is also "increased lactate", "High blood ammonia levels"
      "high ammonia", "Elevated serum ALT" "elevated ALT" — as clinicians write them.
      Only names that open with a direction (:data:`_LAB_DIRECTIONS`) and name a blood
      specimen ("circulating", "serum", "plasma", or "blood" with "level" or
      "concentration"), so "Increased blood pressure" keeps its "blood"; other specimens
      (urine, CSF) are kept.

    * A weakness of a region without "muscle": "Proximal muscle weakness" is also
      "proximal weakness", "Upper limb muscle weakness" "upper limb weakness".
    * A tone without "muscle": "Increased muscle tone" is also "increased tone".
    * An EEG finding without "EEG": "EEG with focal spikes" is also "focal spikes" (only
      names with a word of EEG findings, :data:`_EEG_WORDS`: not "EEG with constitutional
      variants"), "Epileptiform EEG discharges" "epileptiform discharges".
    * A name without a remark in brackets at its end that is a condition or an acronym
      (:data:`_TRAILING_REMARK`): "Generalized tonic-clonic seizure (without
      specification of onset)" is also "generalized tonic-clonic seizure".
    * A murmur without "heart": "Systolic heart murmur" is also "systolic murmur", "Heart
      murmur" "murmur"; a fracture without "bone": "Bone fracture" is also "fracture".
    * A diabetes without "mellitus", as clinicians write it: "Type I diabetes mellitus" is
      also "type I diabetes", "Diabetes mellitus" "diabetes" (diabetes insipidus is
      always named in full).
    * A joint's flexion contracture named a flexion deformity: "Ankle flexion contracture"
      is also "ankle flexion deformity", "Flexion contracture of the hip" "flexion deformity
      of the hip" (HPO lists it so for a few joints only).
    * A seizure named a convulsion: "Seizure" is also "convulsion", "Focal seizure" "focal
      convulsion" (HPO lists "convulsion" for a few seizure types only, not for *Seizure*).
    * A name without its leading "Abnormally" where a size follows (:data:`_ABNORMAL_SIZES`):
      "Abnormally small eyeball" is also "small eyeball" (not "Abnormally close eyes":
      "close the eyes").
    * An organ system's abnormality without "system": "Abnormality of the endocrine
      system" is also "endocrine abnormality" ("endocrine abnormalities", "abnormalities
      of the immune system"; HPO lists "Skeletal anomalies" itself).

    * A count without "total": "Increased total monocyte count" is also "increased
      monocyte count", "Decreased circulating total IgM" "decreased circulating IgM"
      (clinicians write "total" only to tell it from a subset's count).

    * A cell subset's proportion unsaid: "Decreased proportion of naive CD4 T cells" is
      also "decreased naive CD4 T cells".

    * An antibody's positivity named by the antibody: "Anti-thyroid peroxidase antibody
      positivity" is also "anti-thyroid peroxidase antibody" and "thyroid peroxidase
      antibody" ("endomysial antibodies were detected"; "… were negative" excludes it);
      "Antiparietal cell antibody positivity" also "parietal cell antibody", "Anti-GAD65
      antibody" also "GAD65 antibody" ("GAD65 Ab -ve").

    The last fifteen come as ``(text, row, rank, "reduced")`` with rank 5 and are kept only
    where no term has that name and only one term gives it (see :func:`_build_keys`).
    """
    out = []
    for text, row, rank, *_ in names:
        if "/" in text and _APLASIA_HYPOPLASIA.search(text):
            for part in ("Aplasia", "Hypoplasia"):
                out.append((_APLASIA_HYPOPLASIA.sub(part, text), row, max(rank, RANKS["BROAD"])))
        low = text.lower()
        words = low.split()
        if len(words) >= 2 and words[-1] == "birth" and not any(
                w in STOPWORDS or w in ("since", "before", "after") for w in words[:-1]):
            for person in _NEWBORN_NOUNS:
                out.append((text[: len(text) - 5] + person, row, max(rank, RANKS["RELATED"])))
        if len(words) >= 3 and words[0] in _QUALIFIERS and words[1] != "onset" and rank <= RANKS["RELATED"]:
            # ("Generalized onset seizure": the qualifier is the onset's, "onset seizure" no name)
            out.append((text.split(None, 1)[1], row, RANKS["obsolete_label"], "reduced"))
        if len(words) >= _IMPLIED_WORD.get(tuple(words[-2:]), 99) and rank <= RANKS["RELATED"]:
            # the word a clinician leaves out: "proximal weakness" (a region's weakness is
            # its muscles'), "a systolic murmur" (the heart's), "fractures" (the bones')
            out.append((" ".join(text.split()[:-2] + text.split()[-1:]), row, RANKS["obsolete_label"], "reduced"))
        if "muscle tone" in low and rank <= RANKS["RELATED"]:
            # "tone was increased", "decreased tone": clinicians' tone is the muscles'
            out.append((_MUSCLE_TONE.sub("tone", text), row, RANKS["obsolete_label"], "reduced"))
        if len(words) >= 3 and rank <= RANKS["RELATED"]:
            # "EEG showed focal spikes", "epileptiform discharges": the EEG is the context
            t = text.split()
            if words[:2] == ["eeg", "with"] and not _EEG_WORDS.isdisjoint(re.split(r"[\s-]+", low)):
                out.append((" ".join(t[2:]), row, RANKS["obsolete_label"], "reduced"))
            elif "eeg" in words[1:-1] and words[words.index("eeg", 1) + 1] == "discharges":
                k = words.index("eeg", 1)
                out.append((" ".join(t[:k] + t[k + 1:]), row, RANKS["obsolete_label"], "reduced"))
        if text.endswith(")") and rank <= RANKS["RELATED"]:
            # "Generalized tonic-clonic seizure (without specification of onset)"
            m = _TRAILING_REMARK.match(text)
            if m is not None:
                out.append((m.group(1), row, RANKS["obsolete_label"], "reduced"))
        if "mellitus" in words and rank <= RANKS["RELATED"]:
            # "diabetes" alone is diabetes mellitus in clinical English ("type 1 diabetes")
            out.append((" ".join(w for w in text.split() if w.lower() != "mellitus"), row,
                        RANKS["obsolete_label"], "reduced"))
        if 4 <= len(words) <= 5 and words[:2] == ["abnormality", "of"] and words[-1] == "system" \
                and rank <= RANKS["RELATED"]:
            # "endocrine abnormalities", "immune abnormalities": the system is understood (the
            # adjective first, so that "abnormality of the urinary | bladder" is not read)
            system = text.split()[2:-1]
            if system[0].lower() == "the":
                system = system[1:]
            out.append((" ".join(system + ["abnormality"]), row, RANKS["obsolete_label"], "reduced"))
        if len(words) >= 3 and words[0] == "abnormally" and words[1] in _ABNORMAL_SIZES and rank <= RANKS["RELATED"]:
            # "Abnormally small eyeball" is "small eyes", "Abnormally heavy periods" "heavy
            # periods": the size says it is abnormal ("shaped", "close", "increased" do not)
            out.append((text.split(None, 1)[1], row, RANKS["obsolete_label"], "reduced"))
        if rank <= RANKS["RELATED"] and "flexion contracture" in low and len(words) > 2:
            # "fixed flexion deformity of the ankle": HPO names a joint's flexion contracture
            # its "flexion deformity" for some joints (knee, elbow, wrist), clinicians for all
            # (a joint's only: a bare "flexion deformity" would take the words of a reading
            # such as "elbows had fixed flexion deformities")
            out.append((_FLEXION_CONTRACTURE.sub("deformity", text), row, RANKS["obsolete_label"], "reduced"))
        if rank <= RANKS["RELATED"] and ("seizure" in words or "seizures" in words):
            # "she had convulsions": the clinician's older word for a seizure
            out.append((_SEIZURE.sub(lambda m: "convulsion" + m.group(1), text), row,
                        RANKS["obsolete_label"], "reduced"))
        if len(words) >= 5 and words[0] in ("increased", "decreased") and words[1:3] == ["proportion", "of"] \
                and rank <= RANKS["RELATED"]:
            # "reduced naive CD4+ T cells", "expanded CD21low B cells": a cell subset is
            # measured as its proportion, which notes leave unsaid
            t = text.split()
            out.append((" ".join(t[:1] + t[3:]), row, RANKS["obsolete_label"], "reduced"))
        if len(words) >= 2 and rank <= RANKS["RELATED"] and (
                (len(words) >= 3 and words[-1] == "positivity" and words[-2] in ("antibody", "autoantibody"))
                or (words[-1] == "antibody" and words[0].startswith("anti"))):
            # "endomysial antibodies were positive", "TPO antibodies were negative": notes name
            # the antibody, and its presence or absence is the predicate's ("Anti-GAD65
            # antibody" is a finding named so already)
            base = text.rsplit(None, 1)[0] if words[-1] == "positivity" else text
            if base != text:
                out.append((base, row, RANKS["obsolete_label"], "reduced"))
            if base[:5].lower() == "anti-":
                out.append((base[5:], row, RANKS["obsolete_label"], "reduced"))
            elif base[:4].lower() == "anti" and base[4:5].isalpha():  # "Antiparietal cell antibody"
                out.append((base[4:], row, RANKS["obsolete_label"], "reduced"))
        if "total" in words[1:-1] and rank <= RANKS["RELATED"]:
            # "raised monocyte count": "total" tells the whole count from a subset's
            out.append((" ".join(w for w in text.split() if w.lower() != "total"), row,
                        RANKS["obsolete_label"], "reduced"))
        if words and words[0] in _LAB_DIRECTIONS and rank <= RANKS["RELATED"]:
            lab = _without_specimen(text.split())
            forms = [text] if lab is None else [text, lab]
            if lab is not None:
                out.append((lab, row, RANKS["obsolete_label"], "reduced"))
            if any(len(w) > 1 and w.isupper() for w in text.split()[1:]):
                # the order-free tier, which reads "elevated" for "increased", skips
                # acronyms: give "Increased (serum) CK" and "High TSH" their other directions
                same = _UP if words[0] in _UP_LOWER else _DOWN
                for name in forms:
                    rest = name.split(None, 1)[1]
                    out += [(f"{d} {rest}", row, RANKS["obsolete_label"], "reduced")
                            for d in same if d.lower() != words[0]]
    return out


def _without_specimen(words: list[str]) -> str | None:
    """A laboratory name without its blood specimen and its noun of value ("Increased
    circulating lactate concentration" → "Increased lactate", "High blood ammonia levels"
    → "High ammonia", "Low platelet count" → "Low platelet", "Elevated FSH level" →
    "Elevated FSH"); None where ``words`` is no
    such name or nothing would remain but the direction."""
    low = [w.lower() for w in words]
    count = low[-1] in ("count", "counts") and len(low) >= 3 and _BLOOD_CELL.search(low[-2]) is not None
    noun = low[-1] in _LAB_NOUNS
    # a specimen word, unless it names a cell ("plasma cell count"); "blood" only before a
    # noun of value ("blood ammonia levels"), not in "blood pressure" or "white blood cell"
    specimens = set() if count else _SPECIMENS if noun else _SPECIMENS - {"blood"}
    drop = [lw in specimens and (x + 1 == len(low) or not low[x + 1].startswith("cell"))
            for x, lw in enumerate(low)]
    if not any(drop) and not count and not noun:
        return None
    kept = [w for w, d in zip(words, drop) if not d]
    if noun or count:
        kept = kept[:-1]
    while kept and kept[-1].lower() in ("in", "the", "of"):  # "… level of X in serum"
        kept = kept[:-1]
    return " ".join(kept) if len(kept) >= 2 else None


def _build_keys(names, definitions, extra_words):
    """Normalise names into ``keys`` (key → entries) and the word table ``vocab``.

    ``names`` holds ``(text, row, rank)`` tuples, ``(text, row, rank, "reduced")`` for a
    qualifier-less name of :func:`_derived_names` (kept only where it is the one reading),
    or ``(text, row, rank, "lexicon")`` for a name of a clinical lexicon (whose two-letter
    names are kept: acronyms, "VT", that must be written in capitals, and a note's
    shorthand, "sz").

    Each entry records whether its term has a name with these words written in the plural,
    and whether the term is a *count* term ("Multiple lipomas", whose RELATED synonym is
    "Lipomas"): see :func:`kgmed.text.matcher._agree_number`."""
    vocab: dict[str, str] = {}

    def norm(w: str) -> str:  # w is lower case
        n = vocab.get(w)
        if n is None:
            n = vocab[w] = normalize_word(w)
        return n

    keys: dict[str, dict[int, DictEntry]] = {}
    plural: set[tuple[str, int]] = set()  # (key, row): the row has a plural name with this key
    real: set[tuple[str, int]] = set()  # (key, row) named by a name that is not "reduced"
    count_rows = set()  # terms named "Multiple X", "Numerous X"
    for text, row, rank, *flag in names:
        reduced = flag == ["reduced"]
        if not flag and rank <= RANKS["RELATED"] and text.lower().startswith(_COUNT_WORDS):
            count_rows.add(row)
        toks = tokenize(text, normalize=norm)
        n = len(toks)
        if not n:
            continue
        words = toks.words
        is_pl = is_plural(words[-1])
        upper = tuple(i for i, w in enumerate(words) if is_acronym(w))
        surface = tuple(words) if upper else ()
        base = tuple(toks.norms)
        variants = [(base, upper, surface)]
        if any(toks.joined):
            joined, buf = [], ""
            for w, j in zip(words, toks.joined):
                buf += w
                if not j:
                    joined.append(norm(buf.lower()))
                    buf = ""
            if not upper:
                variants.append((tuple(joined), (), ()))
        for key_toks, up, surf in variants:
            if len(key_toks) == 1 and (len(key_toks[0]) < 3 or key_toks[0].isdigit()) \
                    and not (flag == ["lexicon"] and len(key_toks[0]) == 2):
                continue
            key = " ".join(key_toks)
            if is_pl:
                plural.add((key, row))
            if not reduced:
                real.add((key, row))
            bucket = keys.setdefault(key, {})
            old = bucket.get(row)
            if old is None or rank < old.rank or (rank == old.rank and len(up) < len(old.upper)):
                bucket[row] = DictEntry(row, rank, up, surf)
    for key, bucket in keys.items():
        for row, e in list(bucket.items()):
            if (key, row) in plural:
                number = COUNT if row in count_rows else PLURAL
                bucket[row] = DictEntry(e.row, e.rank, e.upper, e.surface, number)
    for key in list(keys):
        bucket = keys[key]
        reduced = [r for r in bucket if (key, r) not in real]
        if reduced and len(bucket) > 1:
            # a name without its qualifier is a fallback: only where no term has that
            # name, and only when one term gives it
            for r in reduced:
                del bucket[r]
            if not bucket:
                del keys[key]
    name_words = set(vocab.values())
    # Inflections of the ontology's words ("hemorrhages", "haemorrhage"), so that the text's
    # words are found in the table instead of being normalised one by one.
    for w in name_words:
        for v in _inflections(w):
            if v not in vocab and normalize_word(v) == w:
                vocab[v] = w
    for d in definitions:
        if d:
            tokenize(d, normalize=norm)
    for w in extra_words:
        norm(w.lower())
    out = {k: sorted(v.values(), key=lambda e: (e.rank, e.row)) for k, v in keys.items()}
    return out, vocab


def _inflections(w: str) -> list[str]:
    """Likely plural and British forms of a normalised word."""
    out = [w + "s", w + "es"]
    if w.endswith("y"):
        out.append(w[:-1] + "ies")
    if w.endswith("us"):
        out.append(w[:-2] + "i")
    if w.endswith("is"):
        out.append(w[:-2] + "es")
    if w.endswith("a"):
        out.append(w + "e")
    if w.endswith("um"):
        out.append(w[:-2] + "a")
    if w.endswith(("ex", "ix")):
        out.append(w[:-2] + "ices")
    if w.endswith("or") and len(w) >= 5:
        out += [w[:-2] + "our", w[:-2] + "ours"]
    if w.endswith("er") and len(w) >= 5:
        out += [w[:-2] + "re", w[:-2] + "res"]
    if "iz" in w:
        out += [w.replace("iz", "is"), w.replace("iz", "is") + "s"]
    for us, uk in (("hem", "haem"), ("edem", "oedem"), ("esoph", "oesoph"), ("emia", "aemia"), ("nev", "naev"),
                   ("ped", "paed"), ("fet", "foet"), ("celi", "coeli"), ("rrhea", "rrhoea"), ("pnea", "pnoea"),
                   ("estr", "oestr"), ("gynec", "gynaec"), ("cecum", "caecum"), ("etio", "aetio"), ("leuk", "leuk"),
                   ("anem", "anaem"), ("ischem", "ischaem")):
        if us in w:
            v = w.replace(us, uk)
            out += [v, v + "s"]
    return out
