"""A supervision pack as PDF, drawn with fpdf2 from the same outline as the other formats.

A PDF embeds its fonts. A Unicode TrueType font (DejaVu, Noto or Liberation, from the
system) draws most scripts; without one, fpdf2's built-in Helvetica covers only Latin-1.
Characters the font lacks are replaced by their closest plain form or "?" and counted, and
the writer is told (`PdfResult.missing`). The PDF is built in memory: no temporary files.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import TTFFont

from journal.export.outline import Block
from journal.present.entry_text import FLAG

#: Regular and bold faces of Unicode fonts found on common systems, best first.
FONT_CANDIDATES = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
     "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
     "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
     "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
    ("/Library/Fonts/Arial Unicode.ttf", "/Library/Fonts/Arial Unicode.ttf"),
    ("C:/Windows/Fonts/arial.ttf", "C:/Windows/Fonts/arialbd.ttf"),
)

#: Plain stand-ins for punctuation Helvetica lacks, used only without a Unicode font.
_PLAIN = str.maketrans({"…": "...", "—": "-", "–": "-", "‘": "'", "’": "'", "“": '"',
                        "”": '"', "☐": "[ ]", "☑": "[x]", "·": "-", "→": "->"})

#: (font size, bold, space before) for each block style; the rest is body text.
_LOOK = {"title": (17, True, 0), "section": (14, True, 5), "heading": (12, True, 3),
         "entry": (12, True, 5), "subheading": (11, True, 2.5), "flag": (10.5, True, 1)}


@dataclass(frozen=True)
class PdfResult:
    data: bytes
    missing: int  # characters the font could not draw (0 with a Unicode font)


def unicode_font() -> tuple[str, str] | None:
    """(regular, bold) paths of the first Unicode font on this system, or None."""
    for regular, bold in FONT_CANDIDATES:
        if Path(regular).is_file():
            return regular, bold if Path(bold).is_file() else regular
    return None


class _Drawable:
    """Text as the font can draw it: tabs become spaces, other control characters go, and a
    character the font lacks is simplified (é for a composed é, "..." for …) or becomes "?",
    and is counted. fpdf2 would otherwise draw nothing for it and log the character."""

    def __init__(self, has: Callable[[int], bool], plain: bool) -> None:
        self.has, self.plain, self.missing = has, plain, 0

    def __call__(self, text: str) -> str:
        text = text.replace("\t", "    ")
        if self.plain:
            text = text.translate(_PLAIN)
        out = []
        for char in text:
            code = ord(char)
            if self.has(code) or char == "\n":
                out.append(char)
            elif unicodedata.category(char) in ("Cc", "Cf"):
                continue  # control and format characters: nothing to draw
            else:
                simple = "".join(c for c in unicodedata.normalize("NFKD", char)
                                 if self.has(ord(c)))
                out.append(simple or "?")
                self.missing += 1
        return "".join(out)


class _Pages(FPDF):
    """A4 pages with "page N of M" at the foot: printed packs get shuffled."""

    family = "helvetica"

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family, "", 8)
        self.cell(0, 6, f"page {self.page_no()} of {{nb}}", align="C")


def to_pdf(blocks: list[Block], font: tuple[str, str] | bool | None = True) -> PdfResult:
    """Draw the outline on A4 pages with page numbers. `font`: True finds a Unicode font,
    None or False uses the built-in one, a (regular, bold) pair uses those files."""
    paths = unicode_font() if font is True else (font or None)
    pdf = _Pages(format="A4")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(20, 18, 20)
    pdf.set_title(blocks[0].text if blocks else "Supervision pack")
    pdf.set_creator("peer-journal")
    if paths:
        pdf.add_font("Body", "", paths[0])
        pdf.add_font("Body", "B", paths[1])
        added = pdf.fonts["body"]
        cmap = added.cmap if isinstance(added, TTFFont) else {}
        family, fix = "Body", _Drawable(lambda code: code in cmap and code >= 32, plain=False)
    else:
        family, fix = "helvetica", _Drawable(lambda code: 32 <= code < 127 or 160 <= code < 256,
                                             plain=True)
    pdf.family = family
    widths: dict[tuple[bool, float], dict[str, float]] = {}  # per font: word -> width
    pdf.add_page()
    top, bottom = pdf.t_margin, pdf.h - pdf.b_margin
    y = top
    for block in blocks:
        size, bold, before = _LOOK.get(block.style, (10.5, False, 1))
        pdf.set_font(family, "B" if bold else "", size)
        if block.style == "flag":
            text = FLAG + (f": {block.text}" if block.text else "")
        elif block.style in ("item", "check", "todo", "done"):
            mark = {"item": "•", "check": "•", "todo": "☐", "done": "☑"}[block.style] if paths \
                else {"item": "-", "check": "-", "todo": "[ ]", "done": "[x]"}[block.style]
            text = f"{mark} {block.text}" + (f" — {block.strong}" if block.strong else "")
        else:
            text = block.text + (f" {block.strong}" if block.strong else "")
        leading, ascent = size * 0.5, size * 0.3528  # line height and cap height, in mm
        if block.style == "entry" and y > top:  # each entry starts a page of its own
            pdf.add_page()
            y = top
        y += before if y > top else 0
        # Lines are placed with `text` (no cell machinery): six times faster than `cell`.
        for line in _wrap(pdf, fix(text), pdf.epw, widths.setdefault((bold, size), {})):
            if y + leading > bottom:
                pdf.add_page()
                y = top
            if line:
                pdf.text(pdf.l_margin, y + ascent, line)
            y += leading
    return PdfResult(bytes(pdf.output()), fix.missing)


def _wrap(pdf: FPDF, text: str, width: float, widths: dict[str, float]) -> list[str]:
    """Lines of `text` that fit `width`, breaking at spaces (inside a word only when the word
    alone is too wide). fpdf2's own `multi_cell` measures the whole line again for every
    character, which took 12 s for 200 entries of 600 words; measuring each distinct word once
    (in the current font, cached in `widths`) takes a fraction of a second."""

    def measure(word: str) -> float:
        known = widths.get(word)
        if known is None:
            known = widths[word] = pdf.get_string_width(word)
        return known

    space = measure(" ")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line: list[str] = []
        used = 0.0
        for word in paragraph.split(" "):
            size = measure(word)
            while size > width:  # a word wider than the page: cut it where it fills a line
                if line:
                    lines.append(" ".join(line))
                    line, used = [], 0.0
                cut = len(word)
                while cut > 1 and pdf.get_string_width(word[:cut]) > width:
                    cut = cut * 3 // 4
                lines.append(word[:cut])
                word = word[cut:]
                size = measure(word)
            if line and used + space + size > width:
                lines.append(" ".join(line))
                line, used = [], 0.0
            used += (space if line else 0.0) + size
            line.append(word)
        lines.append(" ".join(line))
    return lines
