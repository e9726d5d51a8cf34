"""A supervision pack as Markdown, self-contained HTML (prints well) or JSON.

Only the scrubbed pack is rendered; nothing here sees the journal itself.
"""

from __future__ import annotations

import html
import json
from dataclasses import asdict

from journal.export.pack import FUNCTIONS, Pack
from journal.framework import AREA_NAMES

FORMATS = ("md", "html", "json")


def _count(pack: Pack) -> str:
    return f"{len(pack.entries)} {'entry' if len(pack.entries) == 1 else 'entries'}"


def _agenda_lines(pack: Pack) -> list[tuple[str, list[str]]]:
    return [(FUNCTIONS[key], items or ["(nothing flagged)"]) for key, items in pack.agenda.items()]


def to_markdown(pack: Pack) -> str:
    out = [f"# Supervision pack: {pack.start:%d %B %Y} to {pack.end:%d %B %Y}", "",
           f"{_count(pack)}, {pack.framework}. Names and other identifying "
           f"details are replaced ({pack.replaced} replaced, {pack.kept} kept by the writer).",
           "", "## Agenda", ""]
    for title, items in _agenda_lines(pack):
        out += [f"### {title}", "", *[f"- {item}" for item in items], ""]
    out += ["## Open actions", "", *([f"- [ ] {a}" for a in pack.open_actions] or ["(none)"]),
            "", "## Trends", ""]
    out += ["Most challenging values:", "",
            *([f"- {v}" for v in pack.challenging_values] or ["- (none)"]), ""]
    out += ["Behaviours rising:", "", *([f"- {b}" for b in pack.rising] or ["- (none)"]), ""]
    out += ["Behaviours falling:", "", *([f"- {b}" for b in pack.falling] or ["- (none)"]), ""]
    if pack.trends_note:
        out += [f"*{pack.trends_note}*", ""]
    out += ["## Entries", ""]
    for e in pack.entries:
        out += [f"### {e.when[:10]} · {e.kind} · {e.title or '(untitled)'}", ""]
        if e.flagged:
            out += [f"**Bring to supervision**{': ' + e.question if e.question else ''}", ""]
        if e.marks:
            out += ["Values: " + ", ".join(f"{name} ({mark})" for name, mark in e.marks), ""]
        if e.checks:
            out += ["Did I…?", ""]
            out += [f"- {AREA_NAMES.get(area, 'Other')}: {text} **{answer}**"
                    for area, text, answer in e.checks]
            out += [""]
        out += [e.body.strip(), ""]
        if e.actions:
            out += [f"- [{'x' if done else ' '}] {text}" for text, done in e.actions] + [""]
        if e.checkin is not None:
            out += [f"Wellbeing: mood {e.checkin['mood'] or '—'}/5, energy "
                    f"{e.checkin['energy'] or '—'}/5"
                    + (f"; needs: {e.checkin['need']}" if e.checkin['need'] else ""), ""]
    return "\n".join(out).rstrip() + "\n"


def to_json(pack: Pack) -> str:
    """Stable field names (README): the pack's dataclass fields, dates as ISO text."""
    data = asdict(pack)
    data["start"], data["end"] = pack.start.isoformat(), pack.end.isoformat()
    data["entries"] = [{
        **{k: v for k, v in asdict(e).items() if k not in ("marks", "checks", "actions")},
        "marks": [{"value": n, "mark": m} for n, m in e.marks],
        "checks": [{"area": a, "behaviour": t, "answer": x} for a, t, x in e.checks],
        "actions": [{"text": t, "done": d} for t, d in e.actions],
    } for e in pack.entries]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


STYLE = """
body { font: 11pt/1.5 Georgia, serif; max-width: 42em; margin: 2em auto; color: #111; }
h1 { font-size: 1.5em; } h2 { border-bottom: 1px solid #999; margin-top: 2em; }
h3 { margin-bottom: .3em; } .meta { color: #444; } .flag { font-weight: bold; }
article { page-break-inside: avoid; border-top: 1px solid #ddd; padding-top: .5em; }
pre { white-space: pre-wrap; font: inherit; }
@media print { body { margin: 0; } h2 { page-break-after: avoid; } }
"""


def to_html(pack: Pack) -> str:
    """One file, no scripts and nothing fetched: it opens the same anywhere and prints well."""
    e_ = html.escape
    parts = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
             f"<title>Supervision pack {pack.start} to {pack.end}</title>",
             f"<style>{STYLE}</style></head><body>",
             f"<h1>Supervision pack: {pack.start:%d %B %Y} to {pack.end:%d %B %Y}</h1>",
             f'<p class="meta">{_count(pack)}, {e_(pack.framework)}. Identifying '
             f"details replaced ({pack.replaced} replaced, {pack.kept} kept by the writer).</p>",
             "<h2>Agenda</h2>"]
    for title, items in _agenda_lines(pack):
        parts += [f"<h3>{e_(title)}</h3><ul>", *[f"<li>{e_(i)}</li>" for i in items], "</ul>"]
    parts += ["<h2>Open actions</h2><ul>",
              *([f"<li>{e_(a)}</li>" for a in pack.open_actions] or ["<li>(none)</li>"]),
              "</ul><h2>Trends</h2>"]
    for title, items in (("Most challenging values", pack.challenging_values),
                         ("Behaviours rising", pack.rising),
                         ("Behaviours falling", pack.falling)):
        parts += [f"<h3>{title}</h3><ul>",
                  *([f"<li>{e_(i)}</li>" for i in items] or ["<li>(none)</li>"]), "</ul>"]
    if pack.trends_note:
        parts.append(f'<p class="meta">{e_(pack.trends_note)}</p>')
    parts.append("<h2>Entries</h2>")
    for e in pack.entries:
        parts += ["<article>",
                  f"<h3>{e_(e.when[:10])} · {e_(e.kind)} · {e_(e.title or '(untitled)')}</h3>"]
        if e.flagged:
            parts.append('<p class="flag">Bring to supervision'
                         + (f": {e_(e.question)}" if e.question else "") + "</p>")
        if e.marks:
            parts.append("<p>Values: " + ", ".join(f"{e_(n)} ({m})" for n, m in e.marks)
                         + "</p>")
        if e.checks:
            parts += ["<p>Did I…?</p><ul>",
                      *[f"<li>{AREA_NAMES.get(a, 'Other')}: {e_(t)} <b>{x}</b></li>"
                        for a, t, x in e.checks], "</ul>"]
        parts.append(f"<pre>{e_(e.body.strip())}</pre>")
        if e.actions:
            parts += ["<ul>", *[f"<li>{'☑' if d else '☐'} {e_(t)}</li>" for t, d in e.actions],
                      "</ul>"]
        if e.checkin is not None:
            parts.append(f"<p>Wellbeing: mood {e.checkin['mood'] or '—'}/5, energy "
                         f"{e.checkin['energy'] or '—'}/5"
                         + (f"; needs: {e_(e.checkin['need'])}" if e.checkin["need"] else "")
                         + "</p>")
        parts.append("</article>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def render(pack: Pack, fmt: str) -> str:
    return {"md": to_markdown, "html": to_html, "json": to_json}[fmt](pack)
