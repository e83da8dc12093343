"""The diagnosis engine: KG, concept recognition, ranker, calibration, explanations,
fact retrieval and decision support, loaded once.

:class:`Engine` loads everything once and then diagnoses many inputs quickly::

    >>> import kgmed
    >>> engine = kgmed.load(grounding=True)                              # doctest: +SKIP
    >>> dx = engine.diagnose("Tall boy with arachnodactyly, ectopia lentis and "
    ...                      "aortic root dilatation; no scoliosis.")   # doctest: +SKIP
    >>> [c.disease_id for c in dx.candidates[:5]]                        # doctest: +SKIP
    ['OMIM:609008', 'OMIM:616914', 'ORPHA:284979', 'ORPHA:558', 'OMIM:154700']
    >>> dx.candidates[0].facts[0]["id"], dx.support.next_findings[0].hpo_id  # doctest: +SKIP
    ('E92097', 'HP:0001187')

Inputs (:meth:`Engine.findings`):

* a note (``str``): HPO concept recognition with negation, family history and uncertainty
  (:mod:`kgmed.text`); only the patient's present and excluded findings count;
* a list of HPO ids (``["HP:0001166", …]``; ``excluded=`` for ruled-out findings); alt and
  obsolete ids map to the current term (reported in :attr:`Diagnosis.notes`), unknown ids
  are left out and reported;
* a GA4GH phenopacket: a ``dict``, a path to a ``.json`` file, or its JSON text
  (``phenotypicFeatures`` with ``excluded``; onset from ``diseases[].onset`` or the
  earliest feature onset);
* a list of :class:`~kgmed.text.Finding` objects.

Patient input is never logged or written anywhere.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from kgmed.diagnosis import Candidate, Diagnosis, Gene
from kgmed.errors import InputError, UnknownIdentifierError

__all__ = ["Engine", "load", "CaseInput"]

logger = logging.getLogger(__name__)


@dataclass
class CaseInput:
    """Findings of one case, ready to rank.

    Attributes:
        findings: every finding read (any status, any subject).
        onset: the patient's onset (HPO onset term) or ``None``.
        notes: remapped or ignored input, in words.
        text: the clinical note when the input was one (used to retrieve supporting facts;
            kept in memory only, never logged or cached).
    """

    findings: list
    onset: str | None = None
    notes: list = None  # type: ignore[assignment]
    text: str | None = field(default=None, repr=False)  # the note, in memory only

    def __post_init__(self) -> None:
        if self.notes is None:
            self.notes = []


class Engine:
    """Knowledge graph, recognizer, ranker and calibrator, loaded once.

    Args:
        kg: a :class:`~kgmed.kg.KnowledgeGraph` (default: the default HPO KG).
        config: a :class:`~kgmed.rank.RankerConfig` (default: the tuned one).
        temperature: softmax temperature of the probabilities (default: the temperature
            and "unlisted disease" share fitted on the development cases; a value gives a
            plain softmax over the KG's diseases at that temperature).
        recognizer: a built :class:`~kgmed.text.ConceptRecognizer` for notes (default:
            built from ``kg`` on first use of a note).
        grounding: attach to each candidate the KG facts retrieved for the patient
            (:mod:`kgmed.retrieval`): ``True`` builds the fact index on first use (a few
            minutes once per KG on a CPU, then cached in ``$KGMED_HOME/retrieval``),
            ``"auto"`` uses it only if already built, ``False`` never.
        support: compute decision support (questions, genes, medical actions).
        n_facts: facts per candidate.
        index, retriever, calibrator: prebuilt components (a bundle's, see
            :mod:`kgmed.bundle`); by default the annotation index and fact index cached for
            ``kg`` are used and the shipped calibration.

    Use :meth:`load` (or :func:`kgmed.load`) to build one with the index cached on disk,
    or to load a bundle folder (:func:`kgmed.bundle.save_bundle`).
    """

    def __init__(self, kg=None, *, config=None, temperature: float | None = None, recognizer=None,
                 grounding: bool | str = "auto", support: bool = True, n_facts: int = 5,
                 index=None, retriever=None, calibrator=None):
        from kgmed.rank import AnnotationIndex, Calibrator, Ranker
        from kgmed.rank.defaults import DEFAULT_CALIBRATION

        if kg is None:
            from kgmed.kg import load_default

            kg = load_default()
        self.kg = kg
        self.index = index if index is not None else AnnotationIndex.from_kg(kg)
        self.ranker = Ranker(self.index, config)
        if calibrator is not None:
            self.calibrator = calibrator
        elif temperature is None:
            self.calibrator = Calibrator(**DEFAULT_CALIBRATION)
        else:
            self.calibrator = Calibrator(temperature, None)
        self._recognizer = recognizer
        if grounding not in (True, False, "auto"):
            raise ValueError(f"grounding must be True, False or 'auto', got {grounding!r}")
        self.grounding = grounding
        self.support = support
        self.n_facts = n_facts
        self._retriever = retriever
        self._retriever_checked = retriever is not None

    @classmethod
    def load(cls, kg=None, *, config=None, temperature: float | None = None, warm: bool = True,
             recognizer=None, grounding: bool | str = "auto", support: bool = True, progress: bool = False) -> "Engine":
        """Load the KG (a KG, a saved KG folder, a bundle folder, or ``None`` for the
        default), its annotation index (cached in ``$KGMED_HOME/rank``) and the ranker.

        Args:
            kg: a :class:`~kgmed.kg.KnowledgeGraph`, a path to a saved KG or a bundle, or
                ``None``.
            config: ranking configuration (default: tuned).
            temperature: calibration temperature (default: the fitted temperature and
                unlisted share; a value gives a plain softmax at that temperature).
            warm: build the ranker's arrays, the explanation tables and the concept
                recognizer now, so the first diagnosis is fast (``False``: on first use).
            recognizer: a built concept recognizer to reuse.
            grounding, support: see :class:`Engine`.
            progress: show a progress bar while building the fact index.
        """
        t0 = time.perf_counter()
        if isinstance(kg, (str, Path)):
            from kgmed.bundle import is_bundle, load_bundle

            if is_bundle(kg):
                kwargs = {"config": config} if config is not None else {}
                if temperature is not None:
                    kwargs["temperature"] = temperature
                engine = load_bundle(kg, recognizer=recognizer, grounding=grounding, support=support, **kwargs)
                if warm:
                    engine.warm_up(progress=progress)
                return engine
            from kgmed.kg import KnowledgeGraph

            kg = KnowledgeGraph.load(kg)
        engine = cls(kg, config=config, temperature=temperature, recognizer=recognizer, grounding=grounding,
                     support=support)
        if warm:
            engine.warm_up(progress=progress)
        logger.info("engine loaded in %.2fs (%s)", time.perf_counter() - t0, engine.index)
        return engine

    def __repr__(self) -> str:
        return f"Engine({self.index!r})"

    def warm_up(self, *, recognizer: bool = True, progress: bool = False) -> "Engine":
        """Build every lazily computed table now (ranker arrays, explanation lookups, the
        fact index when grounding and, with ``recognizer``, the concept recognizer), so the
        first diagnosis is fast."""
        self.ranker.warm_up()
        _ = self.explainer._annotation_edges, self.explainer._labels, self._node_text
        retriever = self.get_retriever(progress=progress)
        if retriever is not None and recognizer:
            retriever.warm_up()  # notes are encoded to retrieve facts: load the encoder now
        if recognizer:
            _ = self.recognizer
        return self

    def get_retriever(self, *, progress: bool = False):
        """The fact retriever of this engine's KG, or ``None`` (see ``grounding``)."""
        if self.grounding is False:
            return None
        if self._retriever is None and not (self._retriever_checked and self.grounding == "auto"):
            from kgmed.retrieval import load_retriever

            self._retriever_checked = True
            self._retriever = load_retriever(self.kg, build=self.grounding is True, progress=progress)
        return self._retriever

    def supporting_facts(self, disease_ids: Sequence[str], case: CaseInput, k: int | None = None) -> list[list[dict]]:
        """For each disease, the facts that best support it for ``case``, retrieved with
        the patient's present findings and the note (empty lists without a fact index)."""
        retriever = self.get_retriever()
        if retriever is None:
            return [[] for _ in disease_ids]
        present = [f.hpo_id for f in case.findings
                   if f.status == "present" and f.subject == "patient" and f.hpo_id in self.kg]
        note = retriever.encode_query(case.text) if case.text and case.text.strip() else None
        return [[f.to_dict() for f in retriever.supporting_facts(d, finding_ids=present, note=note, k=k or self.n_facts)]
                for d in disease_ids]

    # ------------------------------------------------------------- components
    @property
    def recognizer(self):
        """The concept recognizer for notes (built on first use)."""
        if self._recognizer is None:
            from kgmed.text.recognizer import ConceptRecognizer

            self._recognizer = ConceptRecognizer(self.kg).build()
        return self._recognizer

    @recognizer.setter
    def recognizer(self, recognizer) -> None:
        """Read notes with another built recognizer (one with a site's lexicon, say); it
        must have been built on this engine's KG."""
        if getattr(recognizer, "kg_", None) is not self.kg:
            raise ValueError("the recognizer was not built on this engine's knowledge graph: "
                             "build it with ConceptRecognizer(engine.kg, ...).build()")
        self._recognizer = recognizer

    @cached_property
    def _node_text(self):
        return (self.kg.nodes["id"].astype(str).to_numpy(dtype=object),
                self.kg.nodes["label"].astype(str).to_numpy(dtype=object))

    @cached_property
    def explainer(self):
        from kgmed.explain.paths import Explainer

        return Explainer(self.kg, self.ranker)

    @property
    def meta(self) -> dict:
        """KG releases and ranking configuration (stored in every :class:`Diagnosis`)."""
        return {
            "kg": {"key": self.index.kg_key, "sources": self.index.meta.get("sources", {})},
            "n_diseases": self.index.n_diseases,
            "config": self.ranker.config.to_dict(),
            "calibration": {"temperature": self.calibrator.temperature,
                            "unlisted_score": self.calibrator.unlisted_score,
                            "unlisted_per_finding": self.calibrator.unlisted_per_finding},
        }

    # --------------------------------------------------------------- findings
    def findings(self, x, *, excluded: Iterable[str] = ()) -> CaseInput:
        """Read findings from any supported input (see the module docstring).

        Raises:
            InputError: empty text, a malformed phenopacket, an unsupported type, or no
                usable identifier in a list.
        """
        from kgmed.text.finding import Finding

        notes: list[str] = []
        if isinstance(x, (str, Path)) and _is_collection(x):
            raise InputError(f"{str(x)!r} is a folder or an archive, i.e. many cases: use Engine.diagnose_many, "
                             "`kgmed diagnose PATH` (batch) or `kgmed evaluate diagnosis PATH`")
        if isinstance(x, Path) or (isinstance(x, str) and _looks_like_phenopacket(x)):
            return self._from_phenopacket(x)
        if isinstance(x, dict):
            return self._from_phenopacket(x)
        if isinstance(x, str):
            if not x.strip():
                raise InputError("the text is empty: give a clinical note, a list of HPO ids or a phenopacket")
            found = self.recognizer.recognize(x)
            if excluded:
                found = found + self._ids_to_findings([], excluded, notes)
            return CaseInput(found, _onset_from_findings(found), notes, text=x)
        if isinstance(x, (list, tuple)):
            if len(x) == 0 and not excluded:
                raise InputError("the list of findings is empty: give HPO ids such as ['HP:0001250']")
            if all(isinstance(f, Finding) for f in x):
                found = list(x) + (self._ids_to_findings([], excluded, notes) if excluded else [])
                return CaseInput(found, _onset_from_findings(found), notes)
            if all(isinstance(f, str) for f in x):
                return CaseInput(self._ids_to_findings(list(x), excluded, notes), None, notes)
            bad = next(type(f).__name__ for f in x if not isinstance(f, (str, Finding)))
            raise InputError(f"a list of findings must hold HPO ids (str) or Finding objects, got a {bad}")
        raise InputError(
            f"cannot diagnose a {type(x).__name__}: give a note (str), a list of HPO ids, "
            "a phenopacket (dict, path or JSON text) or a list of Finding objects"
        )

    def _ids_to_findings(self, ids: list[str], excluded: Iterable[str], notes: list[str]) -> list:
        from kgmed.kg.curie import normalize_curie
        from kgmed.text.structured import findings_from_ids

        excluded = [excluded] if isinstance(excluded, str) else list(excluded)
        good, good_ex = [], []
        for values, out in ((ids, good), (excluded, good_ex)):
            for v in values:
                why = self._why_unusable(v)
                if why:
                    notes.append(f"{v!r} was left out: {why}")
                else:
                    out.append(v)
        found = findings_from_ids(good, self.kg, excluded=good_ex)
        for f in found:
            given = _normalize(f.text, normalize_curie)
            if given and given != f.hpo_id:
                notes.append(f"{f.text} was mapped to its current term {f.hpo_id} ({f.label})")
        return found

    def _why_unusable(self, value) -> str:
        """Why ``value`` cannot be used as an HPO phenotype id ("" when it can)."""
        from kgmed.text.structured import resolve_hpo_id

        try:
            resolve_hpo_id(self.kg, value)
        except InputError as exc:
            return str(exc)
        return ""

    def _from_phenopacket(self, x) -> CaseInput:
        from kgmed.kg.curie import normalize_curie
        from kgmed.text.structured import findings_from_phenopacket, load_phenopacket, phenotypic_features

        data = load_phenopacket(x)
        notes, kept = [], []
        for _, feat, value in phenotypic_features(data):
            why = self._why_unusable(value)
            if why:
                notes.append(f"phenotypic feature {value!r} was left out: {why}")
                continue
            kept.append(feat)
            given = _normalize(value, normalize_curie)
            current = self.kg.resolve(given)
            if given != current:
                notes.append(f"{value} was mapped to its current term {current} ({self.kg.label(current)})")
        found = findings_from_phenopacket({**data, "phenotypicFeatures": kept}, self.kg)
        return CaseInput(found, phenopacket_onset(data, found), notes)

    # ------------------------------------------------------------------ query
    def query(self, case: CaseInput):
        """The :class:`~kgmed.rank.Query` of a case, plus notes on findings not used."""
        from kgmed.rank import Query

        idx = self.index
        obs, exc, notes = [], [], []
        own = {f.hpo_id for f in case.findings if f.subject == "patient"}
        for f in case.findings:
            if f.subject != "patient":
                if f.hpo_id not in own:  # a relative's finding the patient also has is no news
                    notes.append(f"{f.label} ({f.hpo_id}) is family history, not the patient's: not used")
                continue
            if f.status == "uncertain":
                notes.append(f"{f.label} ({f.hpo_id}) is uncertain: not used")
                continue
            col = idx.term_col.get(f.hpo_id)
            if col is None:
                notes.append(f"{f.hpo_id} is not a current HPO phenotype term: not used")
                continue
            (obs if f.status == "present" else exc).append(col)
        return Query(observed=obs, excluded=exc, onset=case.onset), notes

    # --------------------------------------------------------------- diagnose
    def diagnose(self, x, top_k: int = 10, *, use_excluded: bool = True, excluded: Iterable[str] = (),
                 n_missing: int = 5) -> Diagnosis:
        """Rank every disease for one input and return the ``top_k`` best with evidence.

        Args:
            x: a note, a list of HPO ids, a phenopacket (dict, path, JSON text) or a list of
                :class:`~kgmed.text.Finding`.
            top_k: number of candidates (capped at the number of diseases).
            use_excluded: use excluded findings (evidence against diseases that show them).
            excluded: HPO ids of findings ruled out, added to those of ``x``.
            n_missing: per candidate, how many unreported frequent features to list.

        Raises:
            InputError: unusable input, or no present finding of the patient (the message
                says what was read and why nothing can be ranked).
        """
        if not isinstance(top_k, int) or isinstance(top_k, bool) or top_k < 1:
            raise InputError(f"top_k must be a positive integer, got {top_k!r}")
        case = self.findings(x, excluded=excluded)
        return self._diagnose_case(case, top_k=top_k, use_excluded=use_excluded, n_missing=n_missing)

    def _diagnose_case(self, case: CaseInput, *, top_k: int, use_excluded: bool, n_missing: int = 5) -> Diagnosis:
        query, qnotes = self.query(case)
        notes = list(case.notes) + qnotes
        if len(query.observed) == 0:
            raise InputError(_nothing_to_rank(case, notes))
        ranking = self.ranker.rank(query, use_excluded=use_excluded)
        top = ranking.top(top_k)
        k = len(ranking.case.observed)
        probs = self.calibrator.probabilities(ranking.score, k)
        if ranking.cluster is not None:  # merged: a class carries its members' probability
            import numpy as np

            cprob = np.bincount(ranking.cluster, weights=probs)
            probs = cprob[ranking.cluster]
        candidates = [self._candidate(ranking, int(d), i + 1, float(probs[d]), n_missing) for i, d in enumerate(top)]
        for c, facts in zip(candidates, self.supporting_facts([c.disease_id for c in candidates], case)):
            c.facts = facts
        if self.grounding == "auto" and self._retriever is None:
            notes.append("no fact index for this KG yet: candidates carry no retrieved facts "
                         "(build it once with `kgmed index`, or load the engine with grounding=True)")
        for n in self._redundant_notes(ranking):
            notes.append(n)
        support = None
        if self.support:
            from kgmed.support import decision_support

            support = decision_support(self, ranking, probs, candidates)
        return Diagnosis(
            findings=list(case.findings), candidates=candidates, notes=notes, onset=case.onset,
            use_excluded=use_excluded, n_diseases=self.index.n_diseases,
            unlisted_probability=float(self.calibrator.unlisted(ranking.score, k)), support=support, meta=self.meta,
        )

    def _redundant_notes(self, ranking) -> list[str]:
        idx = self.index
        return [
            f"{idx.term_ids[c]} ({self.kg.label(idx.term_ids[c])}) is an ancestor of another finding: counted once"
            for c in ranking.case.redundant.tolist()
        ]

    def _candidate(self, ranking, d: int, rank: int, probability: float, n_missing: int) -> Candidate:
        idx = self.index
        ev = self.explainer.evidence(ranking, d, n_missing=n_missing)
        ids, labels = self._node_text
        genes = [Gene(str(ids[g]), str(labels[g])) for g in idx.gene_rows[idx.gene_ptr[d]: idx.gene_ptr[d + 1]].tolist()]
        inh = [{"id": idx.term_ids[t], "label": str(labels[idx.term_rows[t]])}
               for t in idx.inh_term[idx.inh_disease == d].tolist()]
        equivalents = []
        if ranking.cluster is not None:
            members = (ranking.cluster == ranking.cluster[d]).nonzero()[0]
            equivalents = [idx.disease_ids[m] for m in members.tolist() if m != d]
        return Candidate(
            rank=rank, disease_id=idx.disease_ids[d], name=idx.disease_names[d],
            score=float(ranking.score[d]), probability=probability,
            log_likelihood_ratio=float(ranking.llr[d]), onset_log_ratio=float(ranking.onset_llr[d]),
            similarity=float(ranking.similarity[d]),
            matched=ev["matched"], unexplained=ev["unexplained"], missing=ev["missing"],
            contradicting=ev["contradicting"], genes=genes, inheritance=inh, equivalents=equivalents,
        )

    def diagnose_many(self, inputs: Iterable[Any], top_k: int = 10, *, use_excluded: bool = True,
                      on_error: str = "raise", progress: Callable[[int], None] | None = None
                      ) -> Iterator[Diagnosis | Exception]:
        """:meth:`diagnose` for many inputs, lazily.

        Args:
            on_error: ``"raise"`` stops at the first bad input; ``"return"`` yields the
                :class:`~kgmed.errors.InputError` in its place and goes on.
            progress: called with 1 after each input (e.g. a progress bar's ``advance``).
        """
        if on_error not in ("raise", "return"):
            raise ValueError(f"on_error must be 'raise' or 'return', got {on_error!r}")
        for x in inputs:
            try:
                yield self.diagnose(x, top_k=top_k, use_excluded=use_excluded)
            except InputError as exc:
                if on_error == "raise":
                    raise
                yield exc
            finally:
                if progress is not None:
                    progress(1)

    # ---------------------------------------------------------------- explain
    def explain(self, x, disease: str, *, use_excluded: bool = True, excluded: Iterable[str] = (),
                n_missing: int = 5):
        """The :class:`~kgmed.explain.Explanation` of one disease for one input.

        Args:
            x: the case (as for :meth:`diagnose`).
            disease: the disease CURIE (``"OMIM:154700"``; ``MIM:``/``Orphanet:`` spellings
                are accepted).

        Raises:
            InputError: the disease is not ranked by this engine (unknown, or without
                phenotype annotations), or the input is unusable.
        """
        d = self.disease_column(disease)
        case = self.findings(x, excluded=excluded)
        query, qnotes = self.query(case)
        if len(query.observed) == 0:
            raise InputError(_nothing_to_rank(case, list(case.notes) + qnotes))
        ranking = self.ranker.rank(query, use_excluded=use_excluded)
        probs = self.calibrator.probabilities(ranking.score, len(ranking.case.observed))
        ex = self.explainer.explain(ranking, d, probability=float(probs[d]), rank=ranking.rank_of(d),
                                    onset=case.onset, n_missing=n_missing)
        ex.facts = self.supporting_facts([ex.disease_id], case)[0]
        return ex

    def disease_column(self, disease: str) -> int:
        """The index column of a disease CURIE.

        Raises:
            InputError: unknown, or known but without phenotype annotations.
        """
        from kgmed.kg.curie import normalize_curie

        if not isinstance(disease, str) or not disease.strip():
            raise InputError(f"a disease id such as 'OMIM:154700' is needed, got {disease!r}")
        try:
            curie = self.kg.resolve(normalize_curie(disease))
        except UnknownIdentifierError as exc:
            raise InputError(f"disease {disease!r} is not in the knowledge graph ({exc})") from None
        d = self.index.disease_col.get(curie)
        if d is None:
            node = self.kg.get(curie)
            what = f"a {node.type}" if node is not None and node.type != "disease" else "a disease without phenotype annotations"
            raise InputError(f"{disease!r} is {what} in this knowledge graph: it cannot be ranked or explained")
        return d


# ------------------------------------------------------------------- helpers
def load(kg=None, **kwargs) -> Engine:
    """An :class:`Engine` ready to diagnose (see :meth:`Engine.load`)."""
    return Engine.load(kg, **kwargs)


def _looks_like_phenopacket(x: str) -> bool:
    s = x.lstrip()
    if s.startswith("{"):
        return True
    if len(x) < 4096 and "\n" not in x and x.strip().lower().endswith(".json"):
        return True
    return False


def _is_collection(x) -> bool:
    s = str(x)
    if isinstance(x, str) and (not s.strip() or len(s) > 4096 or "\n" in s):
        return False
    try:
        p = Path(s)
        return p.is_dir() or (p.is_file() and s.lower().endswith((".tar", ".tar.gz", ".tgz")))
    except (OSError, ValueError):
        return False


def _normalize(value: str, normalize_curie) -> str:
    try:
        return normalize_curie(str(value)) if value else ""
    except Exception:  # noqa: BLE001
        return ""


def _onset_from_findings(findings: Sequence) -> str | None:
    """The earliest onset among the patient's present findings (``None`` if none has one)."""
    from kgmed.rank.onset import ONSET_PERIODS

    best = None
    for f in findings:
        o = getattr(f, "onset", None)
        if f.status != "present" or f.subject != "patient" or o not in ONSET_PERIODS or o == "HP:0003674":
            continue
        if best is None or ONSET_PERIODS[o][0] < ONSET_PERIODS[best][0]:
            best = o
    return best


def phenopacket_onset(data: dict, findings: Sequence = ()) -> str | None:
    """The patient's onset from a phenopacket: ``diseases[].onset`` when given, else the
    earliest onset of a present phenotypic feature (as an HPO onset term)."""
    from kgmed.rank.onset import onset_term

    for d in data.get("diseases", []) or []:
        if isinstance(d, dict) and not d.get("excluded"):
            o = onset_term(d.get("onset"))
            if o and o != "HP:0003674":
                return o
    return _onset_from_findings(findings)


#: English function words; a text of some length with none of them is not English
_ENGLISH_WORDS = frozenset("the and of with a an in is was were are has had have he she his her no not "
                           "to at for on by from this that which who also".split())


def _looks_english(text: str) -> bool:
    """A rough check, only to explain an empty reading: mostly Latin letters, and some
    English function words in a text of five words or more."""
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isascii() for c in letters) < 0.7 * len(letters):
        return False
    words = re.findall(r"[a-z]+", text.lower())
    return len(words) < 5 or any(w in _ENGLISH_WORDS for w in words)


def _nothing_to_rank(case: CaseInput, notes: list[str]) -> str:
    n = len(case.findings)
    if n == 0:
        msg = "no phenotype finding was recognised in the input"
        hint = "; describe the patient's clinical features (e.g. 'seizures, microcephaly') or give HPO ids"
        if case.text and not _looks_english(case.text):
            hint += ("; the text does not look like English: kgmed reads English clinical text "
                     "(HPO's names and synonyms are English), so translate it or give HPO ids")
    else:
        kinds = {}
        for f in case.findings:
            k = "family history" if f.subject != "patient" else f.status
            kinds[k] = kinds.get(k, 0) + 1
        msg = "no present finding of the patient to rank diseases with (read: " + ", ".join(
            f"{v} {k}" for k, v in sorted(kinds.items())) + ")"
        hint = "; excluded, uncertain and family-history findings alone cannot rank diseases"
    if notes:
        hint += ". " + "; ".join(notes[:5])
    return msg + hint
