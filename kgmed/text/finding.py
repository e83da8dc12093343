"""The :class:`Finding`: one phenotype observation, from text or from structured input.

Every route into diagnosis (free text, a list of HPO ids, a GA4GH phenopacket) produces
the same objects, so ranking and explanation never care where a finding came from.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal, Optional

__all__ = ["Finding", "STATUSES", "SUBJECTS"]

STATUSES = ("present", "excluded", "uncertain")
SUBJECTS = ("patient", "family")


@dataclass(frozen=True)
class Finding:
    """One phenotype finding.

    Attributes:
        hpo_id: canonical HPO CURIE (``"HP:0001250"``).
        label: the HPO term label (``"Seizure"``).
        start, end: character offsets of the mention in the input text (``None`` for
            structured input); ``text[start:end] == self.text``.
        text: the matched text as written.
        status: ``"present"``, ``"excluded"`` (negated / ruled out) or ``"uncertain"``.
        subject: ``"patient"`` or ``"family"`` (family history is not the patient's).
        method: how it was found: ``"dictionary"``, ``"dense"``, ``"identifier"`` (an HPO
            id written in the text), ``"measurement"`` (a value such as "height −3 SD"),
            ``"structured"`` (a list of ids), ``"phenopacket"``, ``"tagger"`` (a phrase the
            note tagger linked; its confidence is the linker's cosine similarity).
        confidence: in [0, 1]; 1.0 for exact dictionary and structured matches.
        onset: an HPO onset term when the input gives one (phenopackets), else ``None``.
    """

    hpo_id: str
    label: str
    start: Optional[int] = None
    end: Optional[int] = None
    text: str = ""
    status: Literal["present", "excluded", "uncertain"] = "present"
    subject: Literal["patient", "family"] = "patient"
    method: str = "dictionary"
    confidence: float = 1.0
    onset: Optional[str] = None

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"Finding.status must be one of {STATUSES}, got {self.status!r}")
        if self.subject not in SUBJECTS:
            raise ValueError(f"Finding.subject must be one of {SUBJECTS}, got {self.subject!r}")

    @property
    def is_patient_present(self) -> bool:
        """True for a finding that counts as observed in the patient."""
        return self.status == "present" and self.subject == "patient"

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        return asdict(self)


def trusted_finding(hpo_id: str, label: str, start: Optional[int], end: Optional[int], text: str,
                    status: str, subject: str, method: str, confidence: float,
                    onset: Optional[str]) -> Finding:
    """A :class:`Finding` from values its maker has already checked, at less than half the
    cost of ``Finding(...)`` (which validates ``status`` and ``subject`` and sets each field
    through the frozen dataclass's guard). For the recognizer's inner loop, which makes a
    Finding for every match of every text; everything else calls :class:`Finding`."""
    f = object.__new__(Finding)
    object.__setattr__(f, "__dict__", {
        "hpo_id": hpo_id, "label": label, "start": start, "end": end, "text": text, "status": status,
        "subject": subject, "method": method, "confidence": confidence, "onset": onset})
    return f
