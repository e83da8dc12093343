"""Evaluate differential diagnosis on GA4GH phenopackets (published case reports).

:func:`evaluate_diagnosis` reads every phenopacket of a folder or a ``.tar.gz`` (without
extracting it), ranks all diseases for each case and reports, for three subsets
(``EVALUATION.md``):

* **all** — every case; a diagnosis absent from the KG counts as a miss;
* **covered** — the diagnosis has phenotype annotations in the KG;
* **independent** — covered, and none of the case's publications (``PMID:`` in
  ``metaData.externalReferences``, else the PMID in the file name) is among the references
  of the true disease's annotations.

Ranks are pessimistic: every disease whose (score, tie-break) is at least the true
disease's counts. Metrics: ``n``, ``top1``, ``top3``, ``top10``, ``mrr`` (fractions). A
one-sided Resnik best-match-average baseline is ranked in the same run; the same
ranking without excluded findings comes for free (the excluded findings only add a
separate term) and is reported in ``details.json``, with the calibration of the
probabilities (reliability table, ECE).

Two routes: ``structured`` reads the phenotypic features as they are; ``text`` renders
each phenopacket as a short narrative (:func:`render_narrative`: present findings, "no …"
for excluded ones, the onset) and diagnoses the text with the concept recognizer.
"""

from __future__ import annotations

import json
import logging
import re
import tarfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import numpy as np

from kgmed.errors import InputError

__all__ = [
    "evaluate_diagnosis",
    "DiagnosisEvaluation",
    "iter_phenopackets",
    "case_diagnosis",
    "case_pmids",
    "render_narrative",
    "topk_metrics",
    "SUBSETS",
]

logger = logging.getLogger(__name__)

SUBSETS = ("all", "covered", "independent")

_PMID_IN_NAME = re.compile(r"PMID[_:](\d+)", re.IGNORECASE)


# --------------------------------------------------------------------- reading
def iter_phenopackets(path: str | Path, *, limit: int | None = None) -> Iterator[tuple[str, dict | Exception]]:
    """``(name, phenopacket dict)`` for every ``.json`` in a folder (recursively, sorted) or
    a ``.tar``/``.tar.gz`` archive (in archive order), read in memory. A file that is not
    valid JSON gives ``(name, InputError)`` instead of stopping the run.

    Raises:
        InputError: ``path`` is neither a folder nor a tar archive.
    """
    path = Path(path)
    n = 0

    def parse(name: str, raw: bytes):
        try:
            data = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            return InputError(f"{name}: not valid JSON ({exc})")
        if not isinstance(data, dict):
            return InputError(f"{name}: expected a JSON object, got {type(data).__name__}")
        return data

    if path.is_dir():
        for p in sorted(path.rglob("*.json")):
            if limit is not None and n >= limit:
                return
            n += 1
            yield str(p.relative_to(path)), parse(p.name, p.read_bytes())
        return
    if path.is_file() and tarfile.is_tarfile(path):
        with tarfile.open(path, "r:*") as tf:
            for m in tf:
                if not (m.isfile() and m.name.endswith(".json")):
                    continue
                if limit is not None and n >= limit:
                    return
                n += 1
                fh = tf.extractfile(m)
                yield m.name, parse(Path(m.name).name, fh.read() if fh else b"")
        return
    if path.is_file() and path.suffix == ".json":
        yield path.name, parse(path.name, path.read_bytes())
        return
    raise InputError(f"{path}: expected a folder of phenopacket .json files or a .tar.gz of them")


def case_diagnosis(data: dict) -> str | None:
    """The case's diagnosis id: ``interpretations[].diagnosis.disease.id``, else
    ``diseases[].term.id`` (the first non-excluded one)."""
    for it in data.get("interpretations", []) or []:
        d = ((it or {}).get("diagnosis") or {}).get("disease") or {}
        if isinstance(d, dict) and d.get("id"):
            return str(d["id"])
    for d in data.get("diseases", []) or []:
        if isinstance(d, dict) and not d.get("excluded") and isinstance(d.get("term"), dict) and d["term"].get("id"):
            return str(d["term"]["id"])
    return None


def case_pmids(data: dict, name: str = "") -> list[str]:
    """The case's publications: the ``PMID:`` ids in ``metaData.externalReferences``; when
    there is none, the PMID in the file name (``PMID_12203992_…json``)."""
    refs = ((data.get("metaData") or {}).get("externalReferences") or [])
    out = []
    for r in refs:
        rid = str((r or {}).get("id", "")).strip()
        if rid.upper().startswith("PMID:"):
            out.append("PMID:" + rid.split(":", 1)[1].strip())
    if not out:
        m = _PMID_IN_NAME.search(Path(name).name)
        if m:
            out.append(f"PMID:{m.group(1)}")
    return out


# --------------------------------------------------------------------- narrative
_ONSET_PHRASE = {
    "antenatal": "Prenatal onset", "congenital": "Onset at birth", "neonatal": "Onset in the neonatal period",
    "infantile": "Onset in infancy", "childhood": "Onset in childhood", "juvenile": "Onset in adolescence",
    "adult": "Onset in adulthood", "late": "Onset in old age",
}


def _onset_phrase(onset: str | None) -> str | None:
    from kgmed.rank.onset import ONSET_PERIODS

    if onset not in ONSET_PERIODS or onset == "HP:0003674":
        return None
    lo = ONSET_PERIODS[onset][0]
    key = ["antenatal", "antenatal", "congenital", "neonatal", "infantile", "childhood", "juvenile", "adult",
           "adult", "late"][lo]
    return _ONSET_PHRASE[key]


def _lower_first(label: str) -> str:
    return label[:1].lower() + label[1:] if label[:2] != label[:2].upper() else label


def render_narrative(data: dict, kg=None) -> str:
    """A short clinical narrative of a phenopacket: who, the onset, the present findings,
    and "no …" for each excluded one. Labels come from the KG (current HPO labels), else
    from the phenopacket.

    Example::

        >>> render_narrative({"subject": {"sex": "MALE", "timeAtLastEncounter": {"age":
        ...     {"iso8601duration": "P8Y"}}}, "phenotypicFeatures": [{"type": {"id": "HP:0001166",
        ...     "label": "Arachnodactyly"}}, {"type": {"id": "HP:0002650", "label": "Scoliosis"},
        ...     "excluded": True}]})
        'An 8-year-old boy. He has arachnodactyly. There is no scoliosis.'
    """
    from kgmed.engine import phenopacket_onset

    present, excluded = [], []
    for f in data.get("phenotypicFeatures", []) or []:
        if not isinstance(f, dict):
            continue
        t = f.get("type") or {}
        hpo = str(t.get("id", "")) if isinstance(t, dict) else ""
        label = str(t.get("label", "")) if isinstance(t, dict) else ""
        if kg is not None and hpo:
            try:
                label = kg.label(kg.resolve(hpo)) or label
            except Exception:  # noqa: BLE001 - unknown ids keep the phenopacket's label
                pass
        if not label:
            continue
        (excluded if f.get("excluded", f.get("negated", False)) else present).append(_lower_first(label))
    subject = data.get("subject") or {}
    sex = str(subject.get("sex", "")).upper()
    years = _age_years(subject.get("timeAtLastEncounter"))
    noun = {"MALE": ("boy", "man", "He"), "FEMALE": ("girl", "woman", "She")}.get(sex, ("child", "person", "The patient"))
    if years is None:
        who = {"MALE": "A male patient", "FEMALE": "A female patient"}.get(sex, "A patient")
    elif years < 1:
        who = {"MALE": "An infant boy", "FEMALE": "An infant girl"}.get(sex, "An infant")
    else:
        n = int(years)
        article = "An" if (str(n).startswith("8") or n in (11, 18)) else "A"
        who = f"{article} {n}-year-old {noun[0] if years < 18 else noun[1]}"
    pronoun = noun[2]
    parts = [who + "."]
    onset = _onset_phrase(phenopacket_onset(data))
    rest = list(present)
    if onset and rest:
        parts.append(f"{onset} with {rest.pop(0)}.")
    if rest:
        parts.append(f"{pronoun} has " + _join(rest) + ".")
    elif not present:
        parts.append("No abnormality is reported.")
    if excluded:
        parts.append("There is " + _join([f"no {x}" for x in excluded]) + ".")
    return " ".join(parts)


def _join(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return "; ".join(items[:-1]) + "; and " + items[-1]


def _age_years(t) -> float | None:
    if not isinstance(t, dict):
        return None
    age = t.get("age")
    if isinstance(age, dict):
        m = re.match(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?", str(age.get("iso8601duration", "")))
        if m and any(m.groups()):
            y, mo, w, d = (int(g) if g else 0 for g in m.groups())
            return y + mo / 12 + w / 52 + d / 365.25
    return None


# ----------------------------------------------------------------------- metrics
def topk_metrics(ranks) -> dict:
    """``{"n", "top1", "top3", "top10", "mrr"}`` (fractions) of 1-based ranks (0 = not ranked)."""
    r = np.asarray(ranks, dtype=np.int64)
    n = len(r)
    if n == 0:
        return {"n": 0, "top1": 0.0, "top3": 0.0, "top10": 0.0, "mrr": 0.0}
    hit = lambda k: float(np.mean((r > 0) & (r <= k)))  # noqa: E731
    return {
        "n": int(n),
        "top1": round(hit(1), 4),
        "top3": round(hit(3), 4),
        "top10": round(hit(10), 4),
        "mrr": round(float(np.mean(np.where(r > 0, 1.0 / np.maximum(r, 1), 0.0))), 4),
    }


def _subset_metrics(ranks, covered, independent) -> dict:
    ranks = np.asarray(ranks)
    return {
        "all": topk_metrics(ranks),
        "covered": topk_metrics(ranks[covered]),
        "independent": topk_metrics(ranks[independent]),
    }


# ---------------------------------------------------------------------- runner
@dataclass
class CaseResult:
    """One evaluated case."""

    case: str
    disease_id: str
    rank: int
    rank_without_excluded: int
    rank_baseline: int
    covered: bool
    independent: bool
    top1_probability: float = float("nan")
    top1_correct: bool = False
    error: str = ""


@dataclass
class DiagnosisEvaluation:
    """The result of :func:`evaluate_diagnosis`.

    Attributes:
        metrics: the content of ``metrics.json`` (model and Resnik baseline per subset).
        cases: one :class:`CaseResult` per phenopacket read.
        details: configuration, timings, counts, metrics without excluded findings,
            calibration (reliability table and ECE), errors.
    """

    metrics: dict
    cases: list[CaseResult] = field(default_factory=list)
    details: dict = field(default_factory=dict)

    def save(self, out: str | Path) -> Path:
        """Write ``metrics.json``, ``ranks.tsv`` and ``details.json`` to ``out``."""
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        (out / "metrics.json").write_text(json.dumps(self.metrics, indent=2) + "\n")
        with open(out / "ranks.tsv", "w", encoding="utf-8") as fh:
            fh.write("case\tdisease_id\trank\n")
            for c in self.cases:
                fh.write(f"{_tsv(c.case)}\t{_tsv(c.disease_id)}\t{c.rank}\n")
        (out / "details.json").write_text(json.dumps(self.details, indent=2) + "\n")
        return out


def _tsv(s: str) -> str:
    return str(s).replace("\t", " ").replace("\n", " ")


class _Refs:
    """PMIDs among the references of each disease's annotations (computed on demand)."""

    def __init__(self, kg):
        e = kg.edges_of(["has_phenotype", "not_has_phenotype", "has_inheritance"])
        self._src = e["src"].to_numpy(np.int64)
        o = np.argsort(self._src, kind="stable")
        self._src = self._src[o]
        self._refs = e["references"].astype(str).to_numpy(dtype=object)[o]
        self._cache: dict[int, set] = {}

    def pmids(self, row: int) -> set:
        if row not in self._cache:
            lo, hi = np.searchsorted(self._src, row, "left"), np.searchsorted(self._src, row, "right")
            out = set()
            for r in self._refs[lo:hi].tolist():
                out.update(x.strip() for x in r.split(";") if x.strip().startswith("PMID:"))
            self._cache[row] = out
        return self._cache[row]


def evaluate_diagnosis(
    path: str | Path,
    *,
    engine=None,
    route: str = "structured",
    use_excluded: bool = True,
    limit: int | None = None,
    progress: Callable[[int], None] | None = None,
    total: Callable[[int], None] | None = None,
) -> DiagnosisEvaluation:
    """Rank every disease for every phenopacket under ``path`` and measure.

    Args:
        path: a folder of phenopacket ``.json`` files or a ``.tar.gz`` of them.
        engine: a :class:`kgmed.Engine` (default: the default engine).
        route: ``"structured"`` (features as they are) or ``"text"`` (narrative → recognizer).
        use_excluded: use excluded findings in the main metrics (``details.json`` always
            has both).
        limit: read at most this many phenopackets.
        progress: called with 1 after each case.

    Returns:
        a :class:`DiagnosisEvaluation` (``.save(dir)`` writes the files).
    """
    from kgmed.engine import Engine
    from kgmed.kg.curie import normalize_curie
    from kgmed.errors import UnknownIdentifierError

    if route not in ("structured", "text"):
        raise InputError(f"route must be 'structured' or 'text', got {route!r}")
    t0 = time.perf_counter()
    engine = engine or Engine.load()
    kg, idx, ranker = engine.kg, engine.index, engine.ranker
    refs = _Refs(kg)
    if route == "text":
        _ = engine.recognizer
    results: list[CaseResult] = []
    conf = []
    errors: dict[str, int] = {}
    t_rank = 0.0
    n_findings = []
    for name, data in iter_phenopackets(path, limit=limit):
        case_id = Path(name).stem
        if isinstance(data, Exception):
            results.append(CaseResult(case_id, "", 0, 0, 0, False, False, error=str(data)))
            errors["unreadable phenopacket"] = errors.get("unreadable phenopacket", 0) + 1
            if progress:
                progress(1)
            continue
        case_id = str(data.get("id") or case_id)
        truth_raw = case_diagnosis(data) or ""
        col = -1
        try:
            truth = kg.resolve(normalize_curie(truth_raw)) if truth_raw else ""
            col = idx.disease_col.get(truth, -1)
        except (UnknownIdentifierError, InputError, ValueError):
            truth = truth_raw
        covered = col >= 0
        independent = covered and not (set(case_pmids(data, name)) & refs.pmids(int(idx.disease_rows[col])))
        res = CaseResult(case_id, truth_raw, 0, 0, 0, covered, bool(independent))
        try:
            if route == "structured":
                case = engine._from_phenopacket(data)
            else:
                text = render_narrative(data, kg)
                case = engine.findings(text)
            query, _ = engine.query(case)
            n_findings.append(len(query.observed))
            if len(query.observed) == 0:
                raise InputError("no present finding")
            t1 = time.perf_counter()
            ranking = ranker.rank(query, use_excluded=True)
            res.rank_baseline = _plain_rank(ranker.resnik_baseline(query), col)
            t_rank += time.perf_counter() - t1
            without = _without_excluded(ranking)
            main, other = (ranking, without) if use_excluded else (without, ranking)
            res.rank = main.rank_of(col)
            res.rank_without_excluded = without.rank_of(col)
            top = int(main.top(1)[0])
            probs = engine.calibrator.probabilities(main.score, len(main.case.observed))
            if main.cluster is not None:
                probs = np.bincount(main.cluster, weights=probs)[main.cluster]
            res.top1_probability = float(probs[top])
            res.top1_correct = bool(covered and (top == col or (main.cluster is not None and main.cluster[top] == main.cluster[col])))
            conf.append((res.top1_probability, res.top1_correct, covered, bool(independent)))
        except InputError as exc:
            res.error = str(exc).split(";")[0]
            errors[res.error] = errors.get(res.error, 0) + 1
        results.append(res)
        if progress:
            progress(1)
    elapsed = time.perf_counter() - t0
    ranks = np.array([r.rank for r in results], dtype=np.int64)
    ranks_wo = np.array([r.rank_without_excluded for r in results], dtype=np.int64)
    ranks_base = np.array([r.rank_baseline for r in results], dtype=np.int64)
    cov = np.array([r.covered for r in results], dtype=bool)
    ind = np.array([r.independent for r in results], dtype=bool)
    metrics = {**_subset_metrics(ranks, cov, ind), "baseline_resnik": _subset_metrics(ranks_base, cov, ind)}
    from kgmed.rank.calibration import expected_calibration_error, reliability

    calib = {}
    if conf:
        c = np.array(conf, dtype=object)
        p, ok, cv, iv = (np.array(c[:, i].tolist()) for i in range(4))
        for name_, m in (("all", np.ones(len(p), bool)), ("covered", cv.astype(bool)), ("independent", iv.astype(bool))):
            if m.any():
                calib[name_] = {
                    "ece": round(expected_calibration_error(p[m], ok[m]), 4),
                    "mean_confidence": round(float(np.mean(p[m])), 4),
                    "accuracy": round(float(np.mean(ok[m])), 4),
                    "reliability": reliability(p[m], ok[m]),
                }
    details = {
        "path": str(path),
        "route": route,
        "use_excluded": use_excluded,
        "n_cases": len(results),
        "n_covered": int(cov.sum()),
        "n_independent": int(ind.sum()),
        "mean_observed_findings": round(float(np.mean(n_findings)), 2) if n_findings else 0.0,
        "errors": errors,
        "with_excluded": _subset_metrics(ranks if use_excluded else ranks_wo, cov, ind),
        "without_excluded": _subset_metrics(ranks_wo if use_excluded else ranks, cov, ind),
        "calibration": {"temperature": engine.calibrator.temperature,
                        "unlisted_score": engine.calibrator.unlisted_score,
                        "unlisted_per_finding": engine.calibrator.unlisted_per_finding, **calib},
        "timings": {"total_s": round(elapsed, 2), "ranking_s": round(t_rank, 2),
                    "cases_per_s": round(len(results) / elapsed, 1) if elapsed else None},
        "engine": engine.meta,
    }
    from kgmed._version import __version__

    details["kgmed_version"] = __version__
    return DiagnosisEvaluation(metrics=metrics, cases=results, details=details)


def _plain_rank(scores: np.ndarray, col: int) -> int:
    """Pessimistic rank with no tie-break: diseases scoring at least as high."""
    if col < 0:
        return 0
    return int(np.count_nonzero(scores >= scores[col]))


def _without_excluded(ranking):
    """The same ranking minus the excluded findings' term (shares every other array)."""
    from dataclasses import replace

    ex = ranking.case.excluded_total
    if not ex.any():
        return ranking
    return replace(ranking, score=ranking.score - ex, llr=ranking.llr - ex, cache={})
