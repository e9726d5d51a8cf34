"""The HTML pack in a real browser (issue 18): Debian's chromium, headless, prints it to PDF as
a supervisor would print it. Every entry is in the printed pages, each starts a page of its
own, and the page asks the network for nothing: chromium's network log (with networking cut
off anyway) shows no request made by the page. A page that does fetch something is caught by
the same check, so the check is known to work. .ci/run installs chromium."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
from pathlib import Path

from conftest import require_tool
from pypdf import PdfReader
from test_render import sample_pack

from journal.export import render
from journal.export.pack import Pack, ReplyTo

#: No name resolves and every proxied request goes nowhere: nothing can leave the machine.
OFFLINE = ["--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-extensions", "--no-first-run"]


def printed(page: Path, folder: Path) -> tuple[PdfReader, list[str]]:
    """`page` printed by chromium: the PDF, and the URLs of every request the page made."""
    chromium = require_tool("chromium", "chromium")
    pdf, net = folder / f"{page.stem}.pdf", folder / f"{page.stem}-net.json"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-pdf-header-footer", f"--user-data-dir={folder / 'profile'}", *OFFLINE,
                    f"--log-net-log={net}", f"--print-to-pdf={pdf}", page.as_uri()],
                   check=True, capture_output=True, timeout=60)
    events = json.loads(net.read_text())["events"]
    # Chromium's own background requests are not the page's: the page's are keyed to it.
    asked = [e["params"]["url"] for e in events if "url" in e.get("params", {})
             and "file://" in str(e["params"].get("network_isolation_key", ""))]
    return PdfReader(pdf), asked


def long_pack() -> Pack:
    """Four entries, the second long enough to run over two pages; a sealed pack's reply."""
    first = sample_pack().entries[0]
    entries = [dataclasses.replace(
        first, id=f"{n}" * 8, title=f"Entry number {n}",
        body="\n\n".join(["We sat and talked about hope and setbacks. " * 12]
                         * (14 if n == 2 else 2)) + f"\n\nEnd of entry {n}.")
        for n in range(1, 5)]
    way_back = ReplyTo("0123456789abcdef", "f" * 32,
                       "age1nqnmxkxnvpy0hfvy5hz67k8qjdp6tavhq80c5q4kv9umgd6nkansc5asg4")
    return dataclasses.replace(sample_pack(), entries=entries, reply=way_back)


def test_the_html_pack_prints_every_entry_on_pages_of_its_own_and_fetches_nothing(tmp_path):
    html = render.render(long_pack(), "html").decode()
    # Nothing external in the file: no URL, no script, no stylesheet, image or font to fetch.
    assert not re.search(r"https?:|//[a-z]|<script|<link|<img|<iframe|@import|url\(", html,
                         re.IGNORECASE)
    page = tmp_path / "pack.html"
    page.write_text(html)
    pdf, asked = printed(page, tmp_path)
    assert asked == []
    pages = [p.extract_text() for p in pdf.pages]
    starts = [n for n, text in enumerate(pages) if re.match(r"2026-03-02 · session · Entry", text)]
    assert [pages[n].split("\n", 1)[0].rsplit(" ", 1)[1] for n in starts] == ["1", "2", "3", "4"]
    assert starts[2] - starts[1] >= 2  # the long one ran over, and the next still starts a page
    everything = "\n".join(pages)
    for n in range(1, 5):
        assert f"End of entry {n}." in everything
    assert "Supervision reply" in everything and "Agreed actions" in everything


def test_the_check_sees_a_page_that_fetches(tmp_path):
    page = tmp_path / "fetches.html"
    page.write_text('<!doctype html><html><body><h1>A pack</h1><img src="http://example.org/'
                    'a.png"><link rel="stylesheet" href="https://fonts.example/x.css">'
                    "</body></html>")
    _, asked = printed(page, tmp_path)
    assert set(asked) == {"http://example.org/a.png", "https://fonts.example/x.css"}
