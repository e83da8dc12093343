"""The term dictionary's cache under $KGMED_HOME/text: reused, and pruned of unused copies."""

from __future__ import annotations

import os

from kgmed.text.dictionary import KEEP_CACHES, TermDictionary


def test_cache_is_reused_and_old_copies_are_pruned(default_kg, kgmed_home, monkeypatch):
    folder = kgmed_home / "text"
    folder.mkdir(parents=True, exist_ok=True)
    stale = []
    for i in range(KEEP_CACHES + 3):  # copies another kgmed version or option set left behind
        p = folder / f"dictionary-old-{i:03d}.json"
        p.write_text("{}")
        os.utime(p, (1_000_000 + i, 1_000_000 + i))
        stale.append(p)
    # a new option set, so this build writes its own cache rather than loading the session's
    first = TermDictionary(default_kg, extra_words=("pruningtestword",)).build()
    assert not first.cached_
    kept = sorted(folder.glob("dictionary-*.json"))
    assert len(kept) == KEEP_CACHES
    assert first._cache_path() in kept
    left = [p.exists() for p in stale]
    assert left == sorted(left) and not left[0] and left[-1]  # the least recently used went first

    again = TermDictionary(default_kg, extra_words=("pruningtestword",)).build()
    assert again.cached_
    assert again.keys_.keys() == first.keys_.keys()
    assert again.vocab_ == first.vocab_
