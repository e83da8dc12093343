"""Findings from free text and structured input (HPO concept recognition).

Free text goes through :func:`recognize` (a lazily built default :class:`ConceptRecognizer`
for the default KG) or a :class:`ConceptRecognizer` you build; lists of HPO ids and GA4GH
phenopackets go through :func:`findings_from_ids` and :func:`findings_from_phenopacket`.
All three give :class:`Finding` objects.

Example::

    >>> from kgmed.text import recognize
    >>> [(f.hpo_id, f.status, f.subject) for f in recognize(
    ...     "Seizures since infancy; no microcephaly; her mother has cataracts.")]  # doctest: +SKIP
    [('HP:0001250', 'present', 'patient'), ('HP:0000252', 'excluded', 'patient'),
     ('HP:0000518', 'present', 'family')]

Heavy dependencies (pyahocorasick at build time; torch, sentence-transformers and faiss
for the optional dense fallback, the learned linker and the note tagger; transformers for
the tagger) are imported only when used.
"""

from kgmed._lazy import lazy_getattr
from kgmed.text.finding import STATUSES, SUBJECTS, Finding

__all__ = [
    "Finding",
    "STATUSES",
    "SUBJECTS",
    "recognize",
    "ConceptRecognizer",
    "default_recognizer",
    "findings_from_ids",
    "findings_from_phenopacket",
    "DenseLinker",
    "LearnedLinker",
    "NoteTagger",
]

_LAZY = {
    "recognize": ("kgmed.text.recognizer", "recognize"),
    "ConceptRecognizer": ("kgmed.text.recognizer", "ConceptRecognizer"),
    "default_recognizer": ("kgmed.text.recognizer", "default_recognizer"),
    "findings_from_ids": ("kgmed.text.structured", "findings_from_ids"),
    "findings_from_phenopacket": ("kgmed.text.structured", "findings_from_phenopacket"),
    "DenseLinker": ("kgmed.text.dense", "DenseLinker"),
    "LearnedLinker": ("kgmed.text.linker", "LearnedLinker"),
    "NoteTagger": ("kgmed.text.tagger", "NoteTagger"),
}


__getattr__ = lazy_getattr("kgmed.text", _LAZY, globals())


def __dir__():
    return sorted(set(globals()) | set(__all__))
