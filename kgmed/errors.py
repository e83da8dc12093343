"""Exception and warning classes shared across kgmed.

Every error says what was wrong, where (file and line, field, or identifier), and, where
one exists, the fix. Library code raises these rather than bare ``ValueError`` so callers
can catch kgmed problems as one family.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "KgmedError",
    "ParseError",
    "SourceError",
    "ChecksumError",
    "UnknownIdentifierError",
    "BundleError",
    "InputError",
    "KgmedWarning",
]


class KgmedError(Exception):
    """Base class of every error raised by kgmed."""


class ParseError(KgmedError, ValueError):
    """A data file could not be read: names the file, the line (1-based) and the problem.

    Example::

        ParseError: phenotype.hpoa, line 12: column 'hpo_id' has 'HP:12' (expected HP:nnnnnnn)
    """

    def __init__(self, path: str | Path | None, line: int | None, message: str):
        self.path = str(path) if path is not None else None
        self.line = line
        self.message = message
        where = Path(self.path).name if self.path else "<input>"
        if line is not None:
            where += f", line {line}"
        super().__init__(f"{where}: {message}")


class SourceError(KgmedError):
    """A source manifest is invalid or names files that cannot be found."""


class ChecksumError(SourceError):
    """A file's checksum differs from the one its manifest promises."""


class UnknownIdentifierError(KgmedError, KeyError):
    """An identifier is not in the knowledge graph (after alt-id and obsolete mapping)."""

    def __str__(self) -> str:  # KeyError quotes its argument; keep the message readable.
        return str(self.args[0]) if self.args else ""


class BundleError(KgmedError):
    """A saved artefact (KG, index, model bundle) is missing, corrupted or incompatible."""


class InputError(KgmedError, ValueError):
    """User input (text, HPO id list, phenopacket) cannot be used as given."""


class KgmedWarning(UserWarning):
    """Warnings issued by kgmed (skipped records, remapped identifiers, …)."""
