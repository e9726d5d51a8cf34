"""The supervisor's side of a sealed pack, with no journal of their own: open it with their age
key, read it, find its reply template, and seal filled-in notes back to the writer.

Used by `journal pack open` and `journal pack reply`. The pack's format is known from its first
bytes; its template is found where `render` put it (Markdown: the last four-backtick fence;
HTML: the `reply-template` block; JSON: `reply.template`). A PDF pack's template is printed on
its last page, for the supervisor to copy: reading text back out of a PDF is not reliable.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from journal.export import seal
from journal.export.render import TEMPLATE_FENCE, TEMPLATE_PRE
from journal.export.reply import ReplyError, way_back

_BLOCKS = {"p", "h1", "h2", "h3", "h4", "li", "pre", "article", "ul", "br", "title"}


def read_identities(path: Path) -> list[str]:
    """The secret keys in an age identity file (what `age-keygen -o KEY` wrote)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ReplyError(f"there is no key file {path}; give the file age-keygen wrote "
                         "with --identity") from None
    except (OSError, UnicodeDecodeError):
        raise ReplyError(f"cannot read the key file {path}; give the file age-keygen wrote "
                         "with --identity") from None
    keys = [line.strip() for line in text.splitlines()
            if line.strip().upper().startswith("AGE-SECRET-KEY-")]
    if not keys:
        raise ReplyError(f"{path} holds no age secret key (AGE-SECRET-KEY-1…); give the file "
                         "age-keygen wrote with --identity")
    return keys


@dataclass(frozen=True)
class OpenedPack:
    """A pack's plain content and its format (md, html, json or pdf)."""

    data: bytes
    fmt: str

    def text(self) -> str:
        """The pack as plain text: Markdown as written, HTML without its tags, JSON as is."""
        if self.fmt == "pdf":
            raise ReplyError("this pack is a PDF: open it for a PDF viewer with `age -d -i KEY "
                             "-o pack.pdf PACK`")
        text = self.data.decode("utf-8", "replace")
        return _html_text(text) if self.fmt == "html" else text

    def template(self) -> str:
        """The reply template the pack ends with."""
        text = self.data.decode("utf-8", "replace")
        found = ""
        if self.fmt == "pdf":
            raise ReplyError("this pack is a PDF: copy the reply template from its last page "
                             "('Reply') into a file, fill it in, and give it with --notes")
        if self.fmt == "md":
            start = text.rfind(f"\n{TEMPLATE_FENCE}markdown\n")
            if start >= 0:
                body = text[start + len(TEMPLATE_FENCE) + 10:]
                found = body[:body.find(f"\n{TEMPLATE_FENCE}")] + "\n"
        elif self.fmt == "html":
            start = text.rfind(TEMPLATE_PRE)
            if start >= 0:
                body = text[start + len(TEMPLATE_PRE):]
                found = html.unescape(body[:body.find("</pre>")])
        else:
            try:
                found = str((json.loads(text).get("reply") or {}).get("template") or "")
            except (ValueError, AttributeError):
                found = ""
        if not found.strip():
            raise ReplyError("this pack has no reply template: it was made before packs "
                             "carried one; ask the writer for a new pack")
        way_back(found)  # a template without its last line is no use: say so now
        return found


def sniff(data: bytes) -> str:
    head = data[:64].lstrip().lower()
    if head.startswith(b"%pdf"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith(b"{"):
        return "json"
    return "md"


def open_pack(path: Path, *, identities: list[str] | None = None,
              passphrase: str | None = None) -> OpenedPack:
    """Open a sealed pack with the supervisor's key (or the pack's passphrase)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReplyError(f"there is no pack {path}") from None
    except OSError as exc:
        raise ReplyError(f"cannot read {path}: {exc.strerror}") from None
    if not data.startswith(b"age-encryption.org/"):
        raise ReplyError(f"{path} is not a sealed pack (an age file); an unsealed pack is "
                         "plain Markdown, HTML or PDF: open it as it is")
    plain = seal.open_sealed(data, identities=identities, passphrase=passphrase)
    return OpenedPack(plain, sniff(plain))


def seal_reply(notes: str, template: str) -> bytes:
    """The filled-in notes, sealed to the writer as a standard age file. The notes must keep
    the template's last line (this pack's id and secret): it is how the writer's journal
    knows the reply answers a pack it sent."""
    expected = way_back(template)
    try:
        given = way_back(notes)
    except ReplyError:
        raise ReplyError("the notes lost the template's last line 'Pack … · secret …'; "
                         "put it back (see --template)") from None
    if (given.pack_id, given.secret) != (expected.pack_id, expected.secret):
        raise ReplyError(f"the notes answer another pack ({given.pack_id}), not this one "
                         f"({expected.pack_id}); start from this pack's --template")
    return seal.seal(notes.encode("utf-8"), recipients=[expected.recipient])


class _Text(HTMLParser):
    """An HTML pack's text, one block a line, without tags or styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self.skip += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")
            if tag == "li":
                self.parts.append("- ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self.skip -= 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def _html_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    lines = "".join(parser.parts).split("\n")
    out: list[str] = []
    for line in lines:
        if line.strip() or (out and out[-1]):
            out.append(line.rstrip())
    return "\n".join(out).strip() + "\n"
