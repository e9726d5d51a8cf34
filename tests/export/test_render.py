"""The pack's formats: one outline, drawn as Markdown, HTML and PDF (read back with pypdf)."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from journal.export import render
from journal.export.pack import Pack, PackEntry
from journal.export.pdf import to_pdf, unicode_font


def sample_pack(body: str = "Walked with P1. We talked about hope.") -> Pack:
    entry = PackEntry("e1", "2026-03-02T10:00:00+00:00", "session", "Walk with P1",
                      [("Hope", "lived")], [("peers", "Shared hope", "yes")], body,
                      "How do I hold P1's hope?", True, [("Ring P1", False), ("Book room", True)],
                      None)
    return Pack(date(2026, 3, 2), date(2026, 3, 2), "SRN Values Framework",
                {"normative": ["02 Mar: How do I hold P1's hope?"], "formative": [],
                 "restorative": []}, ["Ring P1"], [], [], [], "No change shown: too few.",
                [entry], False, 3, 1)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_every_format_has_the_same_content_in_the_same_order():
    pack = sample_pack()
    md = render.to_markdown(pack)
    html = render.to_html(pack)
    text = pdf_text(render.render(pack, "pdf"))
    order = ["Agenda", "Open actions", "Trends", "Entries", "Walk with P1",
             "Bring to supervision", "Values: Hope (lived)", "Did I", "Walked with P1"]
    for shown in (md, html, text):
        places = [shown.index(piece) for piece in order]
        assert places == sorted(places), shown
    assert "- [ ] Ring P1" in md and "- [x] Book room" in md
    assert "- Peers: Shared hope — **Yes**" in md
    assert html.count("<article>") == html.count("</article>") == 1
    assert html.count("<ul") == html.count("</ul>")
    assert "page 1 of 2" in text and "page 2 of 2" in text  # the entry starts a page


def test_pdf_draws_any_script_with_a_unicode_font_and_says_what_it_cannot_without():
    body = "Zoë said “thank you” — 谢谢 — and left at 5…"
    blocks = render.outline(sample_pack(body))
    if unicode_font() is not None:
        drawn = to_pdf(blocks)
        # DejaVu has no Chinese: counted and shown as "?", never silently dropped.
        assert drawn.missing == 2 and "Zoë said “thank you” — ?? —" in pdf_text(drawn.data)
    plain = to_pdf(blocks, font=None)
    assert plain.missing == 2  # the two Chinese characters; the punctuation has stand-ins
    assert 'Zoë said "thank you" - ?? - and left at 5...' in pdf_text(plain.data)


def test_a_long_pack_breaks_across_pages():
    long_body = "\n\n".join(["A paragraph about a hard week with a lot in it. " * 12] * 40)
    data = render.render(sample_pack(long_body), "pdf")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) > 3
    assert f"page 2 of {len(reader.pages)}" in reader.pages[1].extract_text()


def test_pdf_takes_odd_text_without_drawing_nothing_or_logging_it(caplog):
    body = "tab\there\r\nnul\x00 end, zero\u200bwidth, " + "x" * 3000
    for font in (True, None):
        result = to_pdf(render.outline(sample_pack(body)), font=font)
        text = pdf_text(result.data)
        assert "here" in text and "nul end" in text and "\x00" not in text
        assert text.count("x") >= 3000  # a word wider than the page is cut, not lost
    assert not [r for r in caplog.records if "glyph" in r.getMessage()]


TEMPLATE_BODY = """## What?
We walked to the shop.

## So what?
I noticed I talked too much.

## Now what?
Listen more."""


def two_entries(body: str = TEMPLATE_BODY) -> Pack:
    pack = sample_pack(body)
    first = pack.entries[0]
    second = PackEntry("e2", "2026-03-03T10:00:00+00:00", "daily", "Second day", [], [],
                       "Quiet day.", "", False, [], None)
    return Pack(pack.start, pack.end, pack.framework, pack.agenda, pack.open_actions,
                pack.challenging_values, pack.rising, pack.falling, pack.trends_note,
                [first, second], False, 3, 1)


def test_an_entrys_own_headings_nest_below_its_title_in_every_format():
    """An entry written from Driscoll's template has "## What?" headings: in the pack they sit
    one level below the entry's title (###), never above it (issue 16, 11)."""
    pack = two_entries()
    md = render.to_markdown(pack)
    assert "### 2026-03-02 · session · Walk with P1" in md
    assert "#### What?" in md and "#### So what?" in md and "\n## What?" not in md
    html = render.to_html(pack)
    assert "<h4>What?</h4>" in html and "<pre>## What?" not in html
    assert html.index("<h3>2026-03-02") < html.index("<h4>What?</h4>")
    text = pdf_text(render.render(pack, "pdf"))
    assert "## What?" not in text and "What?" in text and "So what?" in text


def test_pdf_check_answers_read_as_words_and_each_entry_starts_a_page():
    pack = two_entries()
    data = render.render(pack, "pdf")
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    text = "\n".join(pages)
    assert "Peers: Shared hope — Yes" in text and ".: yes" not in text
    assert len(pages) == 3, "the summary, then one page per entry"
    assert "Walk with P1" in pages[1] and "Second day" in pages[2]
    html = render.to_html(pack)
    assert "break-before: page" in html  # printed HTML: each <article> on a new page
