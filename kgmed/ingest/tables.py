"""Fast, strict reading of tab-separated tables with ``#`` metadata headers (pyarrow.csv).

Used by the HPO annotation, SSSOM and manifest-described TSV readers. Every problem is a
:class:`~kgmed.errors.ParseError` naming the file and the 1-based line: a row with the
wrong number of columns, a missing required column, a value of the wrong shape.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd

from kgmed.errors import ParseError
from kgmed.ingest.io import check_complete, read_bytes

__all__ = ["Table", "read_table", "metadata_lines"]


class Table:
    """A parsed table plus what is needed to point at its lines in errors.

    Attributes:
        frame: the rows, every column as ``str`` (empty string for empty cells).
        path: the file it came from.
        first_line: the 1-based file line of ``frame.iloc[0]``.
        metadata: the leading ``#`` lines, without the ``#``.
    """

    def __init__(self, frame: pd.DataFrame, path: Path, first_line: int, metadata: list[str]):
        self.frame = frame
        self.path = path
        self.first_line = first_line
        self.metadata = metadata

    def line_of(self, row: int) -> int:
        """The 1-based file line of row ``row`` of :attr:`frame`."""
        return self.first_line + int(row)

    def fail(self, row: int, message: str) -> ParseError:
        """A :class:`ParseError` at row ``row``."""
        return ParseError(self.path, self.line_of(row), message)

    def require_match(self, column: str, pattern: str, *, allow_empty: bool = False, what: str = "") -> None:
        """Raise at the first row whose ``column`` does not fully match ``pattern``."""
        values = self.frame[column]
        ok = values.str.fullmatch(pattern)
        if allow_empty:
            ok = ok | (values == "")
        bad = np.flatnonzero(~ok.to_numpy(dtype=bool, na_value=False))
        if len(bad):
            i = int(bad[0])
            raise self.fail(
                i,
                f"column {column!r} has {values.iloc[i]!r}, expected {what or pattern}"
                + (f" ({len(bad)} such rows)" if len(bad) > 1 else ""),
            )


def metadata_lines(data: bytes) -> list[str]:
    """The leading ``#`` lines of ``data`` with the ``#`` and surrounding space removed."""
    lines = []
    for raw in io.BytesIO(data):
        if not raw.startswith(b"#"):
            break
        lines.append(raw[1:].decode("utf-8", "replace").strip())
    return lines


def read_table(
    path: str | Path,
    *,
    required: Sequence[str] = (),
    header: Sequence[str] | None = None,
    quoted: bool = False,
) -> Table:
    """Read a tab-separated file whose first non-``#`` line is the header.

    Args:
        path: the file (gzip is detected).
        required: columns that must be present in the header.
        header: column names for a file *without* a header line.
        quoted: honour double quotes around values (DO reports quote every value).
    """
    import pyarrow as pa
    import pyarrow.csv as pacsv

    path = Path(path)
    data = read_bytes(path)
    check_complete(data, path)
    metadata = metadata_lines(data)
    n_meta = len(metadata)
    invalid: list = []

    def on_invalid(row) -> str:
        invalid.append(row)
        return "skip"

    first_line = n_meta + (1 if header is None else 0) + 1
    if header is None and required:
        names = _header_names(data, n_meta, quoted)
        missing = [c for c in required if c not in names]
        if missing:
            raise ParseError(path, n_meta + 1, f"missing column(s) {missing}; the header has {names}")
    try:
        table = pacsv.read_csv(
            io.BytesIO(data),
            read_options=pacsv.ReadOptions(
                skip_rows=n_meta, column_names=list(header) if header else None, use_threads=True
            ),
            parse_options=pacsv.ParseOptions(
                delimiter="\t", quote_char='"' if quoted else False, invalid_row_handler=on_invalid,
                newlines_in_values=False,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=None, strings_can_be_null=False, quoted_strings_can_be_null=False,
                auto_dict_encode=False,
            ),
        )
    except pa.ArrowInvalid as exc:
        raise ParseError(path, None, f"cannot read as a tab-separated table: {exc}") from None
    if invalid:
        row = invalid[0]
        line = _find_line(data, row.text) if row.number is None else n_meta + int(row.number)
        raise ParseError(
            path, line,
            f"expected {row.expected_columns} tab-separated columns, found {row.actual_columns}"
            + (f" ({len(invalid)} such rows)" if len(invalid) > 1 else ""),
        )
    names = table.column_names
    # Everything as str: ids like 0001 must not become ints.
    table = table.cast(pa.schema([pa.field(n, pa.string()) for n in names]), safe=False) if any(
        not pa.types.is_string(t) for t in table.schema.types
    ) else table
    frame = table.to_pandas()
    for col in frame.columns:
        frame[col] = frame[col].fillna("").astype(str)
    return Table(frame, path, first_line, metadata)


def _header_names(data: bytes, n_meta: int, quoted: bool) -> list[str]:
    stream = io.BytesIO(data)
    for _ in range(n_meta):
        stream.readline()
    names = stream.readline().decode("utf-8", "replace").rstrip("\r\n").split("\t")
    return [n.strip('"') for n in names] if quoted else names


def _find_line(data: bytes, text: str | None) -> int | None:
    if not text:
        return None
    needle = text.encode("utf-8", "replace")
    pos = data.find(needle)
    return data.count(b"\n", 0, pos) + 1 if pos >= 0 else None

