"""CURIE normalisation: every spelling of an identifier maps to one canonical form."""

import pytest

from kgmed.errors import InputError
from kgmed.kg.curie import normalize_curie


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("HP:0001250", "HP:0001250"),
        ("hp_0001250", "HP:0001250"),
        ("http://purl.obolibrary.org/obo/HP_0001250", "HP:0001250"),
        ("MIM:154700", "OMIM:154700"),
        ("omim:154700", "OMIM:154700"),
        ("MIM:PS154700", "OMIMPS:154700"),
        ("https://omim.org/entry/154700", "OMIM:154700"),
        ("Orphanet:558", "ORPHA:558"),
        ("ORDO:558", "ORPHA:558"),
        ("http://www.orpha.net/ORDO/Orphanet_558", "ORPHA:558"),
        ("MONDO_0007947", "MONDO:0007947"),
        ("http://purl.obolibrary.org/obo/DOID_14323", "DOID:14323"),
        ("pmid: 31675180", "PMID:31675180"),
        ("https://pubmed.ncbi.nlm.nih.gov/31675180/", "PMID:31675180"),
        ("NCBIGene:2200", "NCBIGene:2200"),
        ("UMLS_CUI:C0025517", "UMLS:C0025517"),
        ("  HP:0001250  ", "HP:0001250"),
    ],
)
def test_normalize(raw, expected):
    assert normalize_curie(raw) == expected


def test_strict_rejects_non_identifiers():
    with pytest.raises(InputError, match="not an identifier"):
        normalize_curie("seizures", strict=True)
    assert normalize_curie("seizures") == "seizures"


def test_non_string_is_an_input_error():
    with pytest.raises(InputError, match="must be a string"):
        normalize_curie(1250)  # type: ignore[arg-type]
