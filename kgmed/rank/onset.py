"""Age of onset as evidence: the patient's onset class against each disease's onset terms.

HPO describes onset with terms under *Onset* (HP:0003674): *Congenital onset*,
*Infantile onset*, *Adult onset* … Each is placed on an ordinal scale of ten periods
(embryonal, fetal, congenital, neonatal, infantile, childhood, juvenile, young adult, middle
age, late), general terms spanning several (*Pediatric onset* = neonatal … juvenile). For a
patient onset ``o`` and the onset annotations ``S_d`` of disease ``d``:

.. math::

    \\mathrm{LR}_{onset}(d) = \\begin{cases}
        1 & S_d = \\emptyset \\text{ or } o \\text{ unknown} \\\\
        \\rho_{match} & \\operatorname{dist}(o, S_d) = 0 \\\\
        \\rho_{near} & \\operatorname{dist}(o, S_d) = 1 \\text{ (adjacent periods)} \\\\
        \\rho_{mismatch} & \\text{otherwise}
    \\end{cases}

where ``dist`` is the gap between the period ranges. Onset boundaries are fuzzy in case
reports (a "congenital" feature noticed in infancy), hence the *near* level.

Patient onset comes from a phenopacket (``diseases[].onset``, else the earliest
``phenotypicFeatures[].onset``) as an HPO onset term, an ISO 8601 age (``P3Y6M``) or a
gestational age; :func:`onset_term` maps all of them to an HPO onset term.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import numpy as np

__all__ = ["ONSET_PERIODS", "onset_term", "age_to_onset", "OnsetModel", "OnsetParams"]

#: HPO onset term → (first period, last period) on the 0..9 scale described above.
ONSET_PERIODS: dict[str, tuple[int, int]] = {
    "HP:0003674": (0, 9),  # Onset
    "HP:0030674": (0, 1),  # Antenatal onset
    "HP:0011460": (0, 0),  # Embryonal onset
    "HP:0011461": (1, 1),  # Fetal onset
    "HP:0034199": (1, 1),  # Late first trimester onset
    "HP:0034198": (1, 1),  # Second trimester onset
    "HP:0034197": (1, 1),  # Third trimester onset
    "HP:0003577": (2, 2),  # Congenital onset
    "HP:0003623": (3, 3),  # Neonatal onset
    "HP:0410280": (3, 6),  # Pediatric onset
    "HP:0003593": (4, 4),  # Infantile onset
    "HP:0011463": (5, 5),  # Childhood onset
    "HP:0003621": (6, 6),  # Juvenile onset
    "HP:0003581": (7, 9),  # Adult onset
    "HP:0011462": (7, 7),  # Young adult onset
    "HP:0025708": (7, 7),  # Early young adult onset
    "HP:0025709": (7, 7),  # Intermediate young adult onset
    "HP:0025710": (7, 7),  # Late young adult onset
    "HP:0003596": (8, 8),  # Middle age onset
    "HP:0003584": (9, 9),  # Late onset
    "HP:4000040": (7, 8),  # Puerpural onset
    "HP:6000314": (8, 8),  # Perimenopausal onset
    "HP:6000315": (8, 9),  # Postmenopausal onset
}

_ISO = re.compile(r"^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T.*)?$")


def age_to_onset(iso8601: str) -> str | None:
    """The HPO onset term for an ISO 8601 age at onset (``"P3Y"`` → Childhood onset).

    Bounds follow the HPO definitions: neonatal < 28 days, infantile < 1 year, childhood
    < 5 years, juvenile < 16 years, young adult < 40, middle age < 60, late ≥ 60. An age of
    zero is congenital. Returns ``None`` for a string that is not an ISO 8601 duration.
    """
    m = _ISO.match(str(iso8601).strip().upper())
    if not m or not any(m.groups()):
        return None
    y, mo, w, d = (float(g) if g else 0.0 for g in m.groups())
    days = y * 365.25 + mo * 30.44 + w * 7 + d
    if days <= 0:
        return "HP:0003577"
    if days < 28:
        return "HP:0003623"
    if days < 365.25:
        return "HP:0003593"
    years = days / 365.25
    if years < 5:
        return "HP:0011463"
    if years < 16:
        return "HP:0003621"
    if years < 40:
        return "HP:0011462"
    if years < 60:
        return "HP:0003596"
    return "HP:0003584"


def onset_term(value) -> str | None:
    """An HPO onset term from a phenopacket ``TimeElement`` (dict), an HPO id or an ISO age.

    Understands ``{"ontologyClass": {"id": "HP:…"}}``, ``{"age": {"iso8601duration": …}}``,
    ``{"ageRange": {"start": {"iso8601duration": …}}}`` and ``{"gestationalAge": …}``
    (fetal onset from the 8th week, embryonal before, antenatal without weeks). Anything
    else gives ``None``.
    """
    if value is None:
        return None
    if isinstance(value, str):
        v = value.strip()
        if v.upper().startswith("HP:"):
            return v.upper() if v.upper() in ONSET_PERIODS else None
        return age_to_onset(v)
    if not isinstance(value, dict):
        return None
    oc = value.get("ontologyClass")
    if isinstance(oc, dict) and str(oc.get("id", "")).upper() in ONSET_PERIODS:
        return str(oc["id"]).upper()
    age = value.get("age")
    if isinstance(age, dict) and age.get("iso8601duration"):
        return age_to_onset(age["iso8601duration"])
    rng = value.get("ageRange")
    if isinstance(rng, dict):
        start = rng.get("start", {})
        if isinstance(start, dict) and isinstance(start.get("age"), dict):
            return age_to_onset(start["age"].get("iso8601duration", ""))
        if isinstance(start, dict) and start.get("iso8601duration"):
            return age_to_onset(start["iso8601duration"])
    gestational = value.get("gestationalAge")
    if gestational is not None:
        # Fetal onset is after the 8th week of gestation, embryonal before; without weeks,
        # only "before birth" is known.
        weeks = gestational.get("weeks") if isinstance(gestational, dict) else None
        if isinstance(weeks, (int, float)) and not isinstance(weeks, bool):
            return "HP:0011461" if weeks >= 8 else "HP:0011460"
        return "HP:0030674"
    return None


@dataclass(frozen=True)
class OnsetParams:
    """Likelihood ratios of the onset evidence (see module docstring).

    The defaults are set a priori: a disease annotated with one onset period shows it in
    about 80% of patients, against about 20% for a random disease (×4); a clear mismatch
    is possible (fuzzy onsets, variable expressivity) but rare (×0.2)."""

    match: float = 4.0
    near: float = 1.0
    mismatch: float = 0.2


class OnsetModel:
    """Onset likelihood ratio of every disease of an :class:`AnnotationIndex`."""

    def __init__(self, index, params: OnsetParams | None = None):
        self.index = index
        self.params = params or OnsetParams()

    @cached_property
    def _disease_ranges(self) -> tuple[np.ndarray, np.ndarray]:
        """Per disease: bitmask of periods its onset annotations cover (0 = none)."""
        idx = self.index
        mask = np.zeros(idx.n_diseases, dtype=np.int64)
        term_bits = np.zeros(idx.n_terms, dtype=np.int64)
        for t, (lo, hi) in ONSET_PERIODS.items():
            col = idx.term_col.get(t)
            if col is not None and t != "HP:0003674":
                term_bits[col] = sum(1 << k for k in range(lo, hi + 1))
        bits = term_bits[idx.ann_term]
        np.bitwise_or.at(mask, idx.ann_disease, bits)
        return mask, term_bits

    def disease_periods(self, disease_col: int) -> list[int]:
        """The onset periods (0..9) annotated for one disease."""
        m = int(self._disease_ranges[0][disease_col])
        return [k for k in range(10) if m >> k & 1]

    def llr(self, onset: str | None) -> np.ndarray:
        """``(D,)`` natural-log onset ratio for a patient onset term (zeros when unknown)."""
        idx, p = self.index, self.params
        out = np.zeros(idx.n_diseases)
        if not onset or onset not in ONSET_PERIODS or onset == "HP:0003674":
            return out
        lo, hi = ONSET_PERIODS[onset]
        mask, _ = self._disease_ranges
        exact = sum(1 << k for k in range(lo, hi + 1))
        near = sum(1 << k for k in range(max(lo - 1, 0), min(hi + 1, 9) + 1))
        has = mask != 0
        out[has] = np.log(p.mismatch)
        out[has & ((mask & near) != 0)] = np.log(p.near)
        out[has & ((mask & exact) != 0)] = np.log(p.match)
        return out
