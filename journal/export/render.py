"""A supervision pack as Markdown, self-contained HTML (prints well), PDF or JSON.

Only the scrubbed pack is rendered; nothing here sees the journal itself. The reading order is
worked out once (`journal.export.outline`) and each format only says how a kind of block
looks, so the formats cannot drift apart.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import asdict

from journal.export.outline import Block, outline
from journal.export.pack import Pack
from journal.export.reply import template
from journal.present.entry_text import FLAG

__all__ = ["FORMATS", "outline", "render", "to_html", "to_json", "to_markdown"]

FORMATS = ("md", "html", "pdf", "json")


# -- Markdown ---------------------------------------------------------------------------------

_LIST_STYLES = ("item", "check", "todo", "done")
#: Fences the reply template in Markdown (four backticks: a title may hold three).
TEMPLATE_FENCE = "````"
#: The HTML element holding the reply template, found again by `journal pack reply`.
TEMPLATE_PRE = '<pre class="reply-template">'


def _md(block: Block) -> str:
    strong = f" **{block.strong}**" if block.strong else ""
    return {
        "title": f"# {block.text}", "section": f"## {block.text}",
        "heading": f"### {block.text}", "entry": f"### {block.text}",
        "subheading": f"#### {block.text}", "check": f"- {block.text} — **{block.strong}**",
        "flag": f"**{FLAG}**" + (f": {block.text}" if block.text else ""),
        "item": f"- {block.text}{strong}", "todo": f"- [ ] {block.text}",
        "done": f"- [x] {block.text}", "note": f"*{block.text}*",
        "code": f"```sh\n{block.text}\n```",
        "template": f"{TEMPLATE_FENCE}markdown\n{block.text.rstrip()}\n{TEMPLATE_FENCE}",
    }.get(block.style, block.text + strong)


def to_markdown(pack: Pack) -> str:
    out: list[str] = []
    previous = ""
    for block in outline(pack):
        in_list = block.style in _LIST_STYLES and previous in _LIST_STYLES
        if out and not in_list:
            out.append("")
        out.append(_md(block))
        previous = block.style
    return "\n".join(out) + "\n"


# -- HTML -------------------------------------------------------------------------------------

STYLE = """
body { font: 11pt/1.5 Georgia, serif; max-width: 42em; margin: 2em auto; color: #111; }
h1 { font-size: 1.5em; } h2 { border-bottom: 1px solid #999; margin-top: 2em; }
h3 { margin-bottom: .3em; } .meta { color: #444; } .flag { font-weight: bold; }
article { page-break-inside: avoid; border-top: 1px solid #ddd; padding-top: .5em; }
pre { white-space: pre-wrap; font: inherit; }
pre.code, pre.reply-template { font: 10pt/1.4 monospace; background: #f4f4f4; padding: .5em; }
ul.actions { list-style: none; padding-left: 1em; }
h4 { margin: .8em 0 .2em; }
@media print { body { margin: 0; } h2, h3, h4 { page-break-after: avoid; }
  article { page-break-inside: auto; break-before: page; page-break-before: always; } }
"""


def _html(block: Block) -> str:
    text = html.escape(block.text)
    strong = f" <b>{html.escape(block.strong)}</b>" if block.strong else ""
    return {
        "title": f"<h1>{text}</h1>", "meta": f'<p class="meta">{text}</p>',
        "section": f"<h2>{text}</h2>", "heading": f"<h3>{text}</h3>",
        "entry": f"<article><h3>{text}</h3>", "subheading": f"<h4>{text}</h4>",
        "check": f"<li>{text} — <b>{html.escape(block.strong)}</b></li>",
        "flag": f'<p class="flag">{FLAG}' + (f": {text}" if text else "") + "</p>",
        "item": f"<li>{text}{strong}</li>", "todo": f"<li>☐ {text}</li>",
        "done": f"<li>☑ {text}</li>", "body": f"<pre>{text}</pre>",
        "note": f'<p class="meta">{text}</p>', "code": f'<pre class="code">{text}</pre>',
        "template": f"{TEMPLATE_PRE}{text}</pre>",
    }.get(block.style, f"<p>{text}{strong}</p>")


def to_html(pack: Pack) -> str:
    """One file, no scripts and nothing fetched: it opens the same anywhere and prints well."""
    parts = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
             f"<title>Supervision pack {pack.start} to {pack.end}</title>",
             f"<style>{STYLE}</style></head><body>"]
    in_list = in_article = False
    for block in outline(pack):
        listed = block.style in _LIST_STYLES
        if in_list and not listed:
            parts.append("</ul>")
        if block.style in ("entry", "section") and in_article:
            parts.append("</article>")
            in_article = False
        if listed and not in_list:
            parts.append('<ul class="actions">' if block.style != "item" else "<ul>")
        in_list = listed
        in_article = in_article or block.style == "entry"
        parts.append(_html(block))
    parts += ["</ul>"] * in_list + ["</article>"] * in_article + ["</body></html>"]
    return "\n".join(parts) + "\n"


# -- JSON -------------------------------------------------------------------------------------


def to_json(pack: Pack) -> str:
    """Stable field names (README): the pack's dataclass fields, dates as ISO text."""
    data = asdict(pack)
    data["start"], data["end"] = pack.start.isoformat(), pack.end.isoformat()
    del data["hard"]  # in challenging_values already; the ids are the template's
    if pack.reply is not None:
        data["reply"] = {**data["reply"], "template": template(pack)}
    data["entries"] = [{
        **{k: v for k, v in asdict(e).items() if k not in ("marks", "checks", "actions")},
        "marks": [{"value": n, "mark": m} for n, m in e.marks],
        "checks": [{"area": a, "behaviour": t, "answer": x} for a, t, x in e.checks],
        "actions": [{"text": t, "done": d} for t, d in e.actions],
    } for e in pack.entries]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# -- any format, as the bytes written ---------------------------------------------------------


def render(pack: Pack, fmt: str) -> bytes:
    """The file's content in `fmt` (one of FORMATS)."""
    if fmt == "pdf":
        from journal.export.pdf import to_pdf  # fpdf2 is loaded only for PDF

        return to_pdf(outline(pack)).data
    text: dict[str, Callable[[Pack], str]] = {"md": to_markdown, "html": to_html,
                                              "json": to_json}
    return text[fmt](pack).encode("utf-8")
