"""Findings from structured input: a list of HPO ids, or a GA4GH phenopacket.

Both give the same :class:`~kgmed.text.finding.Finding` objects as free text, so ranking
never cares where a finding came from. Identifiers are normalised (``HP_0001250``,
``hp:0001250`` and the OBO PURL all mean ``HP:0001250``) and mapped to the current term:
an alt id to its term, an obsolete term to its replacement (*Seizures*, HP:0001250, from
its old alt id HP:0002279).

Unknown identifiers are an error by default (:class:`~kgmed.errors.InputError` names
them and says what to do). With ``errors="skip"`` they are left out instead, listed in a
:class:`~kgmed.errors.KgmedWarning`, and appended to ``skipped`` when you pass a list.

Example::

    >>> findings_from_ids(["HP:0001250", "HP_0001252"], excluded=["HP:0000252"])   # doctest: +SKIP
    [Finding(hpo_id='HP:0001250', label='Seizure', ..., status='present', method='structured'),
     Finding(hpo_id='HP:0001252', label='Hypotonia', ...),
     Finding(hpo_id='HP:0000252', label='Microcephaly', ..., status='excluded')]
"""

from __future__ import annotations

import json
import logging
import warnings
from pathlib import Path
from typing import Any, Iterable, Iterator, Literal, Mapping

from kgmed.errors import InputError, KgmedWarning, UnknownIdentifierError
from kgmed.kg.curie import normalize_curie
from kgmed.text.finding import Finding

__all__ = ["findings_from_ids", "findings_from_phenopacket", "load_phenopacket", "phenotypic_features",
           "resolve_hpo_id"]

logger = logging.getLogger(__name__)

Errors = Literal["raise", "skip"]



def _default_kg(kg):
    if kg is not None:
        return kg
    from kgmed.kg import load_default

    return load_default()


def _check_errors(errors: str) -> None:
    if errors not in ("raise", "skip"):
        raise ValueError(f"errors must be 'raise' or 'skip', got {errors!r}")


def resolve_hpo_id(kg, value: Any) -> tuple[str, str]:
    """(current HPO id, label) for ``value``: normalised, alt and obsolete ids mapped to the
    current term.

    Raises:
        InputError: not an HPO id, unknown in the KG's release, obsolete without
            replacement, or not a phenotype term (the message says which).
    """
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"expected an HPO id such as 'HP:0001250', got {value!r}")
    curie = normalize_curie(value)
    if not curie.startswith("HP:"):
        raise InputError(f"{value!r} is not an HPO term id (expected 'HP:' followed by 7 digits, "
                         "e.g. 'HP:0001250')")
    try:
        current = kg.resolve(curie)
    except UnknownIdentifierError as exc:
        raise InputError(f"{value!r} is not a term of the knowledge graph's HPO release "
                         f"({exc}); check the id, or pass errors='skip' to leave it out") from None
    row = kg.index(current)
    node_type = str(kg.nodes["type"].iat[row])
    if node_type != "phenotype":
        raise InputError(f"{value!r} is a {node_type}, not a phenotype")
    return current, kg.nodes["label"].iat[row]


def _resolve_hpo(kg, value: Any, where: str) -> tuple[str, str]:
    """:func:`resolve_hpo_id` with the input position in the error message."""
    try:
        return resolve_hpo_id(kg, value)
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from None


def _resolve_or_skip(kg, value: Any, where: str, errors: str, skipped: list | None,
                     bucket: list) -> tuple[str, str] | None:
    """:func:`_resolve_hpo`; under ``errors="skip"`` an unresolvable value gives None, its
    reason goes to ``bucket`` and the value to ``skipped``."""
    try:
        return _resolve_hpo(kg, value, where)
    except InputError as exc:
        if errors == "raise":
            raise
        bucket.append(str(exc))
        if skipped is not None:
            skipped.append(value)
        return None


def _warn(bucket: list[str], what: str) -> None:
    if bucket:
        msg = f"{len(bucket)} {what} left out: " + "; ".join(bucket[:10]) + (" …" if len(bucket) > 10 else "")
        warnings.warn(msg, KgmedWarning, stacklevel=3)
        logger.warning("%s", msg)


def findings_from_ids(
    ids: Iterable[str],
    kg=None,
    *,
    excluded: Iterable[str] = (),
    status: Literal["present", "excluded", "uncertain"] = "present",
    errors: Errors = "raise",
    skipped: list | None = None,
) -> list[Finding]:
    """Findings for a list of HPO ids.

    Args:
        ids: HPO ids of the patient's findings, in any usual spelling (``"HP:0001250"``,
            ``"HP_0001250"``, an OBO PURL); alt ids and obsolete ids map to the current term.
        kg: the knowledge graph (default: the default HPO KG).
        excluded: HPO ids of findings ruled out (status ``"excluded"``).
        status: the status given to ``ids`` (default ``"present"``).
        errors: ``"raise"`` (default): an unknown or non-HPO id raises
            :class:`~kgmed.errors.InputError`; ``"skip"``: it is left out with a warning.
        skipped: a list that receives the ids left out under ``errors="skip"``.

    Returns:
        One :class:`Finding` per distinct (id, status), in input order, ``method=
        "structured"``, ``confidence=1.0``, no offsets.
    """
    _check_errors(errors)
    if isinstance(ids, str):
        ids = [ids]
    if isinstance(excluded, str):
        excluded = [excluded]
    kg = _default_kg(kg)
    out: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    bad: list[str] = []
    items = [(v, status) for v in ids] + [(v, "excluded") for v in excluded]
    for k, (value, st) in enumerate(items):
        resolved = _resolve_or_skip(kg, value, f"id #{k + 1}", errors, skipped, bad)
        if resolved is None:
            continue
        hpo, label = resolved
        if (hpo, st) in seen:
            continue
        seen.add((hpo, st))
        out.append(Finding(hpo_id=hpo, label=label, text=str(value), status=st, method="structured"))
    _warn(bad, "HPO id(s)")
    return out


def _onset(kg, feature: Mapping, where: str) -> str | None:
    """The HPO onset term of a feature's ``onset`` TimeElement (see
    :func:`kgmed.rank.onset.onset_term`); an onset class given by an alt id is resolved."""
    from kgmed.rank.onset import onset_term

    onset = feature.get("onset") or feature.get("classOnset") or feature.get("ageOfOnset")
    if not isinstance(onset, Mapping):
        return None
    cls = onset.get("ontologyClass") if "ontologyClass" in onset else (onset if "id" in onset else None)
    if isinstance(cls, Mapping) and isinstance(cls.get("id"), str):
        try:
            return onset_term(_resolve_hpo(kg, cls["id"], f"{where}.onset")[0])
        except InputError:
            return None  # an onset in another ontology is not an HPO onset term
    return onset_term(dict(onset))


def load_phenopacket(phenopacket) -> Mapping:
    """A phenopacket as a dict, from a dict, a path to a ``.json`` file, or JSON text.

    Raises:
        InputError: not a file, not valid JSON, or not a JSON object (the message says which).
    """
    if isinstance(phenopacket, Mapping):
        return phenopacket
    if isinstance(phenopacket, (str, Path)):
        text = str(phenopacket)
        if isinstance(phenopacket, str) and text.lstrip().startswith("{"):
            source, raw = "<string>", text
        else:
            p = Path(phenopacket)
            if not p.is_file():
                raise InputError(f"phenopacket {text!r} is neither a file nor JSON text; give a path to a "
                                 "GA4GH phenopacket .json file, its JSON text, or a dict")
            source, raw = p.name, p.read_text(encoding="utf-8")
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(f"phenopacket {source}: not valid JSON ({exc.msg} at line {exc.lineno}, "
                             f"column {exc.colno})") from None
        if not isinstance(data, Mapping):
            raise InputError(f"phenopacket {source}: expected a JSON object, got {type(data).__name__}")
        return data
    raise InputError(f"phenopacket must be a dict, a path or JSON text, got {type(phenopacket).__name__}")


def phenotypic_features(data: Mapping) -> Iterator[tuple[int, Mapping, Any]]:
    """The phenotypic features of a loaded phenopacket, checked: ``(position, feature,
    the id written in its type)`` for each.

    Raises:
        InputError: the feature list is not a list, or a feature is not an object.
    """
    features = data.get("phenotypicFeatures", data.get("phenotypic_features", []))
    if features is None:
        features = []
    if not isinstance(features, list):
        raise InputError(f"phenopacket: 'phenotypicFeatures' must be a list, got {type(features).__name__}")
    for k, feat in enumerate(features):
        if not isinstance(feat, Mapping):
            raise InputError(f"phenopacket: phenotypicFeatures[{k}] must be an object, got {type(feat).__name__}")
        term = feat.get("type")
        yield k, feat, (term.get("id") if isinstance(term, Mapping) else term)


def findings_from_phenopacket(phenopacket, kg=None, *, errors: Errors = "raise", skipped: list | None = None
                              ) -> list[Finding]:
    """Findings from a GA4GH phenopacket (schema v2; v1's ``negated`` is read too).

    Args:
        phenopacket: a dict, a path to a ``.json`` file, or JSON text.
        kg: the knowledge graph (default: the default HPO KG).
        errors: ``"raise"`` (default) or ``"skip"`` for features whose ``type.id`` is not
            an HPO term of the KG (see :func:`findings_from_ids`).
        skipped: receives the ids left out under ``errors="skip"``.

    Each ``phenotypicFeatures[]`` entry gives one finding: ``type.id`` → ``hpo_id``;
    ``excluded: true`` (v1: ``negated``) → ``status="excluded"``; ``onset`` →
    :attr:`Finding.onset` when it is an HPO onset class, or derived from an ISO 8601 age
    or a gestational age (:func:`kgmed.rank.onset.onset_term`). ``method=
    "phenopacket"``, ``confidence=1.0``.

    Raises:
        InputError: not a phenopacket (with what was found instead), or an unknown id
            under ``errors="raise"``.
    """
    _check_errors(errors)
    data = load_phenopacket(phenopacket)
    kg = _default_kg(kg)
    out: list[Finding] = []
    bad: list[str] = []
    for k, feat, value in phenotypic_features(data):
        where = f"phenotypicFeatures[{k}]"
        term = feat.get("type")
        resolved = _resolve_or_skip(kg, value, f"phenopacket {where}.type.id", errors, skipped, bad)
        if resolved is None:
            continue
        hpo, label = resolved
        excluded = bool(feat.get("excluded", feat.get("negated", False)))
        out.append(Finding(
            hpo_id=hpo, label=label, text=(term.get("label", "") if isinstance(term, Mapping) else "") or "",
            status="excluded" if excluded else "present", method="phenopacket",
            onset=_onset(kg, feat, where),
        ))
    _warn(bad, "phenotypic feature(s)")
    return out
