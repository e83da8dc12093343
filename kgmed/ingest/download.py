"""Download official source releases with checksum verification and caching.

Files land in ``$KGMED_HOME/downloads/<source>/<version>/<file>``. A cached file whose
checksum matches is reused without touching the network. A download goes to a temporary
file that is renamed into place only after its checksum is verified, so an interrupted
download never looks complete.
"""

from __future__ import annotations

import logging
import os
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable

from kgmed.config import download_dir
from kgmed.errors import ChecksumError, SourceError
from kgmed.ingest.io import sha256_file

__all__ = ["fetch"]

logger = logging.getLogger(__name__)

#: Called with (bytes done, total bytes or None) while downloading.
ProgressFn = Callable[[int, "int | None"], None]


def fetch(
    url: str,
    *,
    source: str,
    version: str,
    name: str,
    sha256: str | None = None,
    cache_dir: Path | None = None,
    timeout: float = 60.0,
    progress: ProgressFn | None = None,
) -> Path:
    """Return a verified local copy of ``url``, downloading it only when needed.

    Args:
        url: the official download address.
        source, version, name: where the copy is cached (``<cache>/<source>/<version>/<name>``).
        sha256: the expected SHA-256 of the content; ``None`` accepts any content (the
            computed checksum is logged and recorded in the KG's provenance).
        cache_dir: defaults to ``$KGMED_HOME/downloads``.

    Raises:
        ChecksumError: the content differs from ``sha256`` (the bad file is not kept).
        SourceError: the server could not be reached or answered with an error.
    """
    target = (cache_dir or download_dir()) / source / version / name
    if target.is_file():
        if sha256 is None or sha256_file(target) == sha256:
            logger.info("using cached download %s", target)
            return target
        logger.warning("cached %s has a different checksum; downloading again", target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            try:
                req = urllib.request.Request(url, headers={"User-Agent": "kgmed"})
                with urllib.request.urlopen(req, timeout=timeout) as resp:
                    total = resp.headers.get("Content-Length")
                    total_n = int(total) if total and total.isdigit() else None
                    done = 0
                    for block in iter(lambda: resp.read(1 << 20), b""):
                        out.write(block)
                        done += len(block)
                        if progress:
                            progress(done, total_n)
                if total_n is not None and done != total_n:
                    raise SourceError(f"{url}: download ended after {done} of {total_n} bytes")
            except urllib.error.HTTPError as exc:
                raise SourceError(f"{url}: server answered {exc.code} {exc.reason}") from None
            except (urllib.error.URLError, TimeoutError, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                raise SourceError(
                    f"{url}: cannot download ({reason}); without network, give the file with "
                    "--file NAME=PATH or --data-dir"
                ) from None
        digest = sha256_file(tmp)
        if sha256 is not None and digest != sha256:
            raise ChecksumError(
                f"{url}: checksum mismatch: expected sha256 {sha256}, got {digest}; the file was "
                "not kept (a different release under the same address, or a corrupted download)"
            )
        os.replace(tmp, target)
        logger.info("downloaded %s (sha256 %s)", url, digest)
        return target
    finally:
        if tmp.exists():
            tmp.unlink()
