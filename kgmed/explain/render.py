"""Renderers for an :class:`~kgmed.explain.Explanation`: text tree, JSON, DOT, HTML.

* ``text``: a tree for the terminal, one branch per finding with its path and numbers;
* ``json``: :meth:`Explanation.to_dict` as JSON;
* ``dot``: Graphviz source (render with ``dot -Tsvg``; no binary is needed to produce it):
  the patient's findings, the HPO terms on each path, the disease, and the edges labelled
  with their KG relation;
* ``html``: a standalone page (no scripts, no external resources) with the same content.
"""

from __future__ import annotations

import html as _html
import json

__all__ = ["render", "FORMATS", "to_text", "to_dot", "to_html"]

FORMATS = ("text", "json", "dot", "html")

_MATCH_WORDS = {
    "exact": "exact match",
    "more_specific": "disease annotated with a more specific term",
    "less_specific": "disease annotated with a more general term",
    "related": "related through a common ancestor",
    "none": "not explained by this disease",
    "contradicted": "disease annotated NOT to show it",
    "absent": "excluded in the patient, shown by the disease",
}

_EDGE_WORDS = {"is_a": "is a", "has_subclass": "has subclass", "annotated_in": "annotated in",
               "not_annotated_in": "NOT annotated in"}


def render(explanation, fmt: str = "text") -> str:
    """Render ``explanation`` in one of :data:`FORMATS`.

    Raises:
        ValueError: unknown format (the message lists the valid ones).
    """
    if fmt == "text":
        return to_text(explanation)
    if fmt == "json":
        return json.dumps(explanation.to_dict(), indent=2)
    if fmt == "dot":
        return to_dot(explanation)
    if fmt == "html":
        return to_html(explanation)
    raise ValueError(f"unknown format {fmt!r}; valid formats: {', '.join(FORMATS)}")


def _freq(ev) -> str:
    if ev.frequency_raw:
        return ev.frequency_raw + (f" ({ev.frequency:.0%})" if ev.frequency is not None else "")
    return "frequency not given"


def _refs(refs, n: int = 4) -> str:
    pm = [r for r in refs if r.startswith("PMID:")]
    other = [r for r in refs if not r.startswith("PMID:")]
    shown = (pm + other)[:n]
    more = len(refs) - len(shown)
    return ", ".join(shown) + (f" (+{more})" if more > 0 else "")


def _summary(ex) -> str:
    parts = [f"log LR {ex.log_likelihood_ratio:+.2f}"]
    if ex.onset_log_ratio:
        parts.append(f"onset {ex.onset_log_ratio:+.2f}")
    parts.append(f"similarity {ex.similarity:.2f} x {ex.similarity_weight:g}")
    prob = "" if ex.probability != ex.probability else f"  p={ex.probability:.3f}"
    return f"{ex.name} ({ex.disease_id})  rank {ex.rank}  score {ex.score:.2f}{prob}  [{', '.join(parts)}]"


def to_text(ex) -> str:
    """A tree: one branch per finding, its path from the patient's term to the disease."""
    lines = [_summary(ex)]
    items = list(ex.findings)
    tail = bool(ex.missing)
    for i, fp in enumerate(items):
        last = i == len(items) - 1 and not tail
        ev = fp.evidence
        b, pad = ("└── ", "    ") if last else ("├── ", "│   ")
        sign = "no " if ev.status == "excluded" else ""
        lines.append(f"{b}{sign}{ev.label} ({ev.hpo_id})  {ev.contribution:+.2f}  {_MATCH_WORDS.get(ev.match, ev.match)}")
        for j, st in enumerate(fp.path):
            end = j == len(fp.path) - 1
            b2 = "└── " if end else "├── "
            ic = f"  IC {st.ic:.2f}" if st.ic is not None else ""
            rel = f"  —{_EDGE_WORDS.get(st.edge, st.edge)}→" if st.edge else ""
            lines.append(f"{pad}{b2}{st.label} ({st.id}){ic}{rel}")
        if ev.disease_term is not None:
            detail = _freq(ev) if ev.match != "contradicted" else "NOT annotation"
            refs = _refs(ev.references)
            lines.append(f"{pad}    annotation: {detail}" + (f"; {refs}" if refs else "")
                         + (f"; evidence {fp.evidence_code}" if fp.evidence_code else "")
                         + (f"  [{', '.join(ev.facts[:3])}]" if ev.facts else ""))
    if tail:
        lines.append("└── not reported in the patient (frequent in the disease):")
        for j, f in enumerate(ex.missing):
            b2 = "└── " if j == len(ex.missing) - 1 else "├── "
            fr = f" — {f.frequency_raw}" if f.frequency_raw else ""
            lines.append(f"    {b2}{f.label} ({f.hpo_id}){fr}")
    if ex.facts:
        lines.append("Supporting facts (retrieved from the knowledge graph):")
        for f in ex.facts:
            lines.append(f"  [{f['id']}] {f['text']}")
    return "\n".join(lines)


def _q(s: str) -> str:
    return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(ex) -> str:
    """Graphviz DOT source of the explanation paths."""
    out = ["digraph explanation {", "  rankdir=LR;", '  node [shape=box, fontname="Helvetica", fontsize=10];',
           f"  label={_q(_summary(ex))}; labelloc=t;"]
    disease = ex.disease_id
    out.append(f"  {_q(disease)} [label={_q(ex.name + chr(10) + disease)}, style=filled, fillcolor=\"#cfe2f3\"];")
    nodes, edges = {}, []
    for i, fp in enumerate(ex.findings):
        ev = fp.evidence
        pid = f"patient:{i}"
        color = "#d9ead3" if ev.contribution > 0 else "#f4cccc" if ev.contribution < 0 else "#eeeeee"
        lab = ("no " if ev.status == "excluded" else "") + f"{ev.label}\\n{ev.hpo_id}\\n{ev.contribution:+.2f}"
        out.append(f"  {_q(pid)} [label=\"{lab}\", shape=ellipse, style=filled, fillcolor=\"{color}\"];")
        if not fp.path:
            continue
        edges.append((pid, fp.path[0].id, "patient"))
        for a, b in zip(fp.path, fp.path[1:]):
            nodes[a.id] = a
            if a.edge == "is_a":
                edges.append((a.id, b.id, "is_a"))
            elif a.edge == "has_subclass":
                edges.append((b.id, a.id, "is_a"))
            elif a.edge in ("annotated_in", "not_annotated_in"):
                ann = "NOT" if a.edge == "not_annotated_in" else ev.frequency_raw or "has_phenotype"
                edges.append((disease, a.id, ann))
    for nid, st in nodes.items():
        ic = f"\\nIC {st.ic:.2f}" if st.ic is not None else ""
        out.append(f"  {_q(nid)} [label=\"{_esc(st.label)}\\n{nid}{ic}\"];")
    seen = set()
    for a, b, lab in edges:
        if (a, b, lab) in seen:
            continue
        seen.add((a, b, lab))
        style = ", style=dashed" if lab == "patient" else ""
        out.append(f"  {_q(a)} -> {_q(b)} [label={_q(lab)}{style}];")
    out.append("}")
    return "\n".join(out) + "\n"


def _esc(s: str) -> str:
    return str(s).replace("\\", "\\\\").replace('"', '\\"')


def to_html(ex) -> str:
    """A standalone HTML page (inline CSS only)."""
    e = _html.escape
    rows = []
    for fp in ex.findings:
        ev = fp.evidence
        path = " → ".join(
            f"<span class='t'>{e(st.label)} <small>{e(st.id)}"
            + (f", IC {st.ic:.2f}" if st.ic is not None else "") + "</small></span>"
            + (f" <em>{e(_EDGE_WORDS.get(st.edge, st.edge))}</em>" if st.edge else "")
            for st in fp.path
        )
        refs = ", ".join(
            f"<a href='https://pubmed.ncbi.nlm.nih.gov/{e(r[5:])}/'>{e(r)}</a>" if r.startswith("PMID:") else e(r)
            for r in ev.references
        )
        cls = "pos" if ev.contribution > 0 else "neg" if ev.contribution < 0 else ""
        rows.append(
            f"<tr class='{cls}'><td>{'no ' if ev.status == 'excluded' else ''}{e(ev.label)}<br><small>{e(ev.hpo_id)}</small></td>"
            f"<td>{e(_MATCH_WORDS.get(ev.match, ev.match))}</td><td class='num'>{ev.contribution:+.2f}</td>"
            f"<td>{path or '—'}</td><td>{e(_freq(ev)) if ev.disease_term else ''}</td><td>{refs}"
            + (f"<br><small>{', '.join(e(x) for x in ev.facts[:3])}</small>" if ev.facts else "") + "</td></tr>"
        )
    facts = "".join(
        f"<li id='{e(f['id'])}'><code>{e(f['id'])}</code> {e(f['text'])}</li>" for f in getattr(ex, "facts", [])
    )
    missing = "".join(
        f"<li>{e(f.label)} <small>{e(f.hpo_id)}{(' — ' + e(f.frequency_raw)) if f.frequency_raw else ''}</small></li>"
        for f in ex.missing
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>kgmed explanation: {e(ex.name)} ({e(ex.disease_id)})</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2em; color: #222; }}
table {{ border-collapse: collapse; width: 100%; }}
td, th {{ border-bottom: 1px solid #ddd; padding: .4em .6em; vertical-align: top; text-align: left; }}
tr.pos td:first-child {{ border-left: 4px solid #6aa84f; }}
tr.neg td:first-child {{ border-left: 4px solid #cc0000; }}
.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
.t {{ white-space: nowrap; }} small {{ color: #666; }} em {{ color: #888; font-size: .85em; }}
</style></head><body>
<h1>{e(ex.name)} <small>{e(ex.disease_id)}</small></h1>
<p>{e(_summary(ex))}</p>
<table><thead><tr><th>finding</th><th>match</th><th>log LR</th><th>path in the knowledge graph</th>
<th>annotation frequency</th><th>references</th></tr></thead><tbody>
{''.join(rows)}
</tbody></table>
{'<h2>Frequent features not reported in the patient</h2><ul>' + missing + '</ul>' if missing else ''}
{'<h2>Supporting facts</h2><ul>' + facts + '</ul>' if facts else ''}
<p><small>Generated by kgmed. Scores are natural-log likelihood ratios; paths and references are
edges of the knowledge graph as ingested.</small></p>
</body></html>
"""
