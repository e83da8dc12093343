"""Clinical lexicons: names clinicians write for HPO terms that HPO does not list.

HPO's labels and synonyms are the names of a terminology; case reports and letters say
"development was globally delayed", "floppy", "drooping eyelids", "callosal hypoplasia",
"mild ID". A *lexicon* adds such names to the term dictionary
(:class:`~kgmed.text.dictionary.TermDictionary`), where they are normalised like every
other name (case, plurals, UK spellings, hyphens) and read by every matching tier (exact,
order-free, predicate, coordination). They rank below every HPO name (rank 4, as a BROAD
synonym), so a name HPO gives another term wins.

kgmed ships one lexicon, ``kgmed/text/lexicon.tsv`` (:data:`DEFAULT_LEXICON`); a site can
add its own (``ConceptRecognizer(lexicons=[DEFAULT_LEXICON, "my-terms.tsv"])``) or read
HPO's names only (``lexicons=()``).

Format: UTF-8 text, one name per line, tab-separated ``hpo_id``, ``name`` and an optional
note (why the name means the term); blank lines and lines starting with ``#`` are skipped.
A name is written as text would write it, in the singular or the plural. Capitals mark an
acronym that must be written in capitals ("LVH", "VT"). A name that starts with "normal"
states that the term is *absent* ("normal hearing" under *Hearing impairment*): the
recognizer reports it as an excluded finding, whichever tier reads it ("hearing was
normal"), and "hearing was not normal" as a present one; each such name is also read
with "unremarkable" or "intact" for "normal" ("the EEG was unremarkable", "an intact
interatrial septum"). A name whose note starts with ``absence:`` states the absence by its
own first word, which only the normal state of its subject has ("descended testes" under
*Cryptorchidism*, "trileaflet aortic valve" under *Bicuspid aortic valve*): read so too,
in any word order and without a copula ("testes descended"), and "the testes had not
descended" as present; a one-word statement of absence must name its subject itself
("normocephalic" under *Microcephaly*, "orthophoric" under *Strabismus*: a word such as
"descended" alone would be read of anything). A one-word name whose note
starts with ``context:`` is *contextual*: it has other meanings too ("ID": intellectual
disability, but also an identifier or infectious diseases; "PS"), so the recognizer reads
it only where other findings of its line lie in the term's organ system ("Dev: GDD, speech
delay, ID") and not before a noun it would modify ("ID patients"); a contextual name may
be given for two terms ("MR": mitral regurgitation, or the old name of intellectual
disability) and is read as the one its line points to. Ids that the knowledge graph does not
have, or that lie outside the recognised branches, are skipped (a smaller KG may lack
them); malformed lines raise :class:`~kgmed.errors.InputError` naming the file and line.

Example::

    >>> entries = read_lexicon(DEFAULT_LEXICON)
    >>> ("HP:0001263", "global delay") in {(e.hpo_id, e.name) for e in entries}
    True
"""

from __future__ import annotations

import hashlib
import importlib.resources
import re
from pathlib import Path
from typing import Iterable, NamedTuple

from kgmed.errors import InputError

__all__ = ["DEFAULT_LEXICON", "LexiconEntry", "read_lexicon", "lexicon_digest"]

#: The lexicon shipped with kgmed.
DEFAULT_LEXICON = Path(str(importlib.resources.files("kgmed.text") / "lexicon.tsv"))

_CURIE = re.compile(r"^HP:\d{7}$")


class LexiconEntry(NamedTuple):
    """One name of a lexicon: the term's id, the name, where it was read, whether it is
    read only in context (its note starts with ``context:``) and whether its first word
    states the term's absence (its note starts with ``absence:``)."""

    hpo_id: str
    name: str
    source: str  # "file:line"
    contextual: bool = False
    absence: bool = False

    @property
    def absent(self) -> bool:
        """Whether the name states the term's absence ("normal hearing", "descended testes")."""
        return self.absence or self.name.lower().startswith(("normal ", "unremarkable "))

    @property
    def absence_word(self) -> str | None:
        """The word that states the absence, for a name marked ``absence:`` ("descended";
        of a hyphenated first word its last part, as the text's words are split there:
        "well-formed" → "formed")."""
        return self.name.split()[0].split("-")[-1].lower() if self.absence else None

    def forms(self) -> list[str]:
        """The names this entry gives: the name, and for a statement of absence also its
        "unremarkable" and "intact" forms ("an intact interatrial septum")."""
        if self.name.lower().startswith("normal "):
            return [self.name, "unremarkable " + self.name[7:], "intact " + self.name[7:]]
        return [self.name]


def read_lexicon(path: str | Path) -> list[LexiconEntry]:
    """The entries of the lexicon file ``path``.

    Raises:
        InputError: the file cannot be read, or a line has no id and name, an id that is
            not an HPO CURIE ("HP:0001263"), or an empty name.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the lexicon ({exc})") from None
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2:
            raise InputError(f"{path}:{n}: expected 'hpo_id<TAB>name[<TAB>note]', got {line[:80]!r}")
        hpo_id, name = cols[0].strip(), cols[1].strip()
        if not _CURIE.match(hpo_id):
            raise InputError(f"{path}:{n}: {hpo_id!r} is not an HPO id like 'HP:0001263'")
        if not name:
            raise InputError(f"{path}:{n}: the name of {hpo_id} is empty")
        note = cols[2].strip().lower() if len(cols) > 2 else ""
        contextual = note.startswith("context:")
        if contextual and len(name.split()) != 1:
            raise InputError(f"{path}:{n}: only a one-word name can be contextual, got {name!r}")
        absence = note.startswith("absence:")
        out.append(LexiconEntry(hpo_id, name, f"{path.name}:{n}", contextual, absence))
    return out


def lexicon_digest(entries: Iterable[LexiconEntry]) -> str:
    """A digest of lexicon entries' ids and names (for the term dictionary's cache key:
    computed from the entries read for the build, so no file is read twice)."""
    h = hashlib.sha256()
    for e in entries:
        h.update(f"{e.hpo_id}\t{e.name}\t{int(e.contextual)}\t{int(e.absence)}\n".encode())
    return h.hexdigest()[:12]
