"""Abbreviations defined in the text itself: "long form (SF)".

Clinical and biomedical writers define short forms on first use: "global developmental delay
(GDD)", "ventricular septal defects (VSDs)". When the long form is an HPO concept, later
uses of the short form name the same concept; when it is not ("Angelman syndrome (AS)"),
the short form must *not* be read with any dictionary meaning it may have elsewhere.

:func:`find_definitions` finds the pattern on tokens, in the manner of Schwartz & Hearst
(2003): the short form is one parenthesised word of 2–10 characters with a capital letter,
its first letter starts a word of the long form, and its letters occur in order in the long
form.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import NamedTuple, Sequence

from kgmed.text.normalize import Tokens

__all__ = ["Definition", "find_definitions", "matches_long_form"]


class Definition(NamedTuple):
    """A short form defined in the text, at token ``sf_index``, with its long form
    ``[lf_start, lf_end)``."""

    short: str
    sf_index: int
    lf_start: int
    lf_end: int


def _short_form_key(sf: str) -> str:
    """"VSDs" → "VSD": a trailing plural s after capitals is not part of the form."""
    if len(sf) > 2 and sf.endswith("s") and sf[:-1].isupper():
        return sf[:-1]
    return sf


def matches_long_form(short: str, words: Sequence[str]) -> bool:
    """Whether the letters of ``short`` occur in order in ``words``, the first letter of
    ``short`` starting the first word (Schwartz & Hearst's test, simplified)."""
    letters = [c.lower() for c in short if c.isalnum()]
    if not letters or not words or not words[0] or words[0][0].lower() != letters[0]:
        return False
    text = " ".join(w.lower() for w in words)
    pos = 0
    for c in letters:
        pos = text.find(c, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def find_definitions(tokens: Tokens, max_long_words: int = 8) -> list[Definition]:
    """Short forms defined as "long form (SF)"; the long form runs back at most
    ``max_long_words`` words, within the clause (the caller picks the exact start)."""
    out: list[Definition] = []
    text = tokens.text
    if "(" not in text:
        return out
    words, seps, starts = tokens.words, tokens.seps, tokens.starts
    n = len(words)
    opened = set()
    p = text.find("(")
    while p >= 0:
        opened.add(p + 1)  # a word right after "(" starts here
        p = text.find("(", p + 1)
    for i in [k for k in (bisect_left(starts, q) for q in opened) if 0 < k < n and starts[k] in opened]:
        sf = words[i]
        if not (2 <= len(sf) <= 10) or not sf[0].isalpha():
            continue
        if not any(c.isupper() for c in sf) or not seps[i + 1][:1] in (")", ";", ","):
            continue
        lf_start = max(0, i - max_long_words)
        for j in range(i - 1, lf_start, -1):
            if any(c in seps[j] for c in ".;:()[]"):
                lf_start = j
                break
        out.append(Definition(_short_form_key(sf), i, lf_start, i))
    return out
