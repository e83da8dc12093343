"""Small file helpers shared by the readers: transparent gzip, truncation checks, hashing."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path
from typing import BinaryIO

from kgmed.errors import ParseError

__all__ = ["open_binary", "read_bytes", "sha256_file", "check_complete"]

_GZIP_MAGIC = b"\x1f\x8b"


def _is_gzip(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(2) == _GZIP_MAGIC


def open_binary(path: str | Path) -> BinaryIO:
    """Open ``path`` for binary reading, decompressing gzip (by magic number, not name)."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file")
    if _is_gzip(path):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def read_bytes(path: str | Path) -> bytes:
    """The whole (decompressed) content of ``path``; a corrupt gzip is a :class:`ParseError`."""
    try:
        with open_binary(path) as fh:
            return fh.read()
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        raise ParseError(path, None, f"cannot decompress: {exc} (file truncated or corrupted?)") from exc


def sha256_file(path: str | Path, *, decompressed: bool = True) -> str:
    """SHA-256 of a file's content, of the *decompressed* content for gzip files.

    Manifests record checksums of the upstream (uncompressed) files, so a gzipped local
    copy of the same release verifies against the same value.
    """
    h = hashlib.sha256()
    opener = open_binary if decompressed else (lambda p: open(p, "rb"))
    with opener(path) as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def check_complete(data: bytes, path: str | Path) -> None:
    """Raise :class:`ParseError` when ``data`` is empty or does not end with a newline.

    Text releases end with a newline; a file that stops mid-line was cut short (an
    interrupted download, a full disk), and reading it would silently lose records.
    """
    if not data or data.isspace():
        raise ParseError(path, None, "file is empty")
    if not data.endswith(b"\n"):
        line = data.count(b"\n") + 1
        raise ParseError(path, line, "file ends in the middle of a line: truncated download or copy?")
