"""`journal pack`: the supervision round trip. Command names are a contract (README,
"Supervision replies").

The supervisor's commands (`open`, `reply`) need no journal of their own: only their age key
file and the sealed pack. The writer's (`key`, `receive`) open the journal. The work is in
`journal.export.opened` (the supervisor's side) and `journal.session.supervision` (receiving).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from journal.cli.base import (
    Fail,
    JournalGroup,
    ask_secret,
    echo_lines,
    entries_word,
    interactive,
    open_session,
    passphrase_option,
)
from journal.present.terminal import visible

if TYPE_CHECKING:
    from journal.export.opened import OpenedPack

_FILE = click.Path(dir_okay=False, path_type=Path)


@click.group(name="pack", cls=JournalGroup)
def pack_group() -> None:
    """Supervision packs' way back: the supervisor opens a sealed pack and replies; the writer
    receives the reply into the journal."""


@pack_group.command(name="key")
@passphrase_option
@click.pass_context
def pack_key(ctx: click.Context) -> None:
    """Print this journal's public key for replies (age1…); every sealed pack carries it."""
    with open_session(ctx) as session:
        click.echo(session.pack_key())


@pack_group.command(name="list")
@passphrase_option
@click.pass_context
def pack_list(ctx: click.Context) -> None:
    """Sealed packs sent, oldest first: answered (and when) or waiting for a reply."""
    with open_session(ctx) as session:
        sent = [s for s in session.export_history() if s.pack_id]
    if not sent:
        click.echo("No sealed packs sent yet: `journal export --to NAME` seals one.", err=True)
        return
    echo_lines([f"{s.when[:16].replace('T', ' ')}  {s.pack_id}  {entries_word(len(s.entries))}  "
                f"{s.file}  " + (f"answered {s.answered[:10]} (entry {s.answer[:8]})"
                                 if s.answered else "waiting for a reply") for s in sent])


def _pack_options(command: Any) -> Any:
    for option in reversed([
        click.argument("pack", type=_FILE),
        click.option("--identity", "-i", type=_FILE, metavar="KEY",
                     help="Your age identity file (what `age-keygen -o KEY` wrote)."),
        click.option("--pack-passphrase-file", type=click.Path(dir_okay=False),
                     help="For a pack sealed with a passphrase: read it from the first line of "
                          "FILE (without --identity, a terminal asks for it)."),
    ]):
        command = option(command)
    return command


def _opened(pack: Path, identity: Path | None, pack_passphrase_file: str | None) -> OpenedPack:
    from journal.export.opened import open_pack, read_identities

    if identity is not None:
        return open_pack(pack, identities=read_identities(identity))
    if not pack_passphrase_file and not interactive():
        raise Fail("give your age key file with --identity KEY (or, for a pack sealed with a "
                   "passphrase, --pack-passphrase-file FILE)")
    passphrase = ask_secret("Passphrase of the pack", file=pack_passphrase_file,
                            what="pack passphrase")
    return open_pack(pack, passphrase=passphrase)


@pack_group.command(name="open")
@_pack_options
def pack_open(pack: Path, identity: Path | None, pack_passphrase_file: str | None) -> None:
    """Read a sealed supervision pack: in a reader on a terminal, as plain text when piped.
    No journal needed."""
    opened = _opened(pack, identity, pack_passphrase_file)
    text = visible(opened.text())
    if sys.stdout.isatty() and sys.stdin.isatty():
        from journal.screens.pack_reader import read_pack

        read_pack(pack.name, text, markdown=opened.fmt == "md")
    else:
        click.echo(text, nl=not text.endswith("\n"))


@pack_group.command(name="reply")
@_pack_options
@click.option("--template", "show_template", is_flag=True,
              help="Print the pack's reply template (Markdown) and stop.")
@click.option("--notes", type=_FILE, help="The filled-in template.")
@click.option("--output", "-o", type=_FILE, metavar="REPLY",
              help="Where to write the sealed reply (never over a file that exists).")
def pack_reply(pack: Path, identity: Path | None, pack_passphrase_file: str | None,
               show_template: bool, notes: Path | None, output: Path | None) -> None:
    """Reply to a sealed pack: --template prints the template to fill in; --notes FILE
    --output REPLY seals the filled-in notes to the writer (a standard age file). Without
    --notes, on a terminal, the template opens in $EDITOR. No journal needed."""
    from journal.export.opened import seal_reply
    from journal.export.write import check_target, write_private

    if not show_template:
        if output is None:
            raise Fail("give --output REPLY, the file to write the sealed reply to (or "
                       "--template to print the template)")
        check_target(output)
        if notes is None and not (interactive() and sys.stdout.isatty()):
            raise Fail("give the filled-in template with --notes FILE (print it with "
                       "--template); on a terminal, without --notes, it opens in $EDITOR")
    if not show_template and notes is None:
        from journal.session import external_editor

        external_editor.editor_command()  # none set: say so before asking for anything
    opened = _opened(pack, identity, pack_passphrase_file)
    template = opened.template()
    if show_template:
        click.echo(visible(template), nl=False)
        return
    assert output is not None
    text = _read_notes(notes) if notes is not None else _written(template)
    write_private(output, seal_reply(text, template))
    click.echo("Sealed to the writer; only their journal opens it. Send them:", err=True)
    click.echo(str(output))


def _read_notes(notes: Path) -> str:
    try:
        return notes.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise Fail(f"there is no notes file {notes}") from None
    except (OSError, UnicodeDecodeError):
        raise Fail(f"cannot read {notes} as UTF-8 text; save it as UTF-8 and try again") from None


def _written(template: str) -> str:
    """The template filled in with the supervisor's $EDITOR, in a private temporary file that
    is wiped and removed afterwards (`journal.session.external_editor`)."""
    from journal.session import external_editor

    click.echo(external_editor.notice(), err=True)
    text = external_editor.edit(template)
    if text.strip() == template.strip():
        raise Fail("the template was left as it was; no reply was made")
    return text


@pack_group.command(name="receive")
@click.argument("reply", type=_FILE)
@passphrase_option
@click.pass_context
def pack_receive(ctx: click.Context, reply: Path) -> None:
    """Take a supervisor's sealed reply into the journal: a supervision entry, their notes on
    the entries discussed, the agreed actions; the pack is marked answered."""
    try:
        data = reply.read_bytes()
    except FileNotFoundError:
        raise Fail(f"there is no reply file {reply}") from None
    except OSError as exc:
        raise Fail(f"cannot read {reply}: {exc.strerror}") from None
    with open_session(ctx) as session:
        got = session.receive_reply(data)
    when = got.shared.when[:10]
    if got.again or got.entry is None:
        click.echo(f"This reply to the pack of {when} ({got.shared.file}) was received on "
                   f"{got.shared.answered[:10]} already; nothing changed.", err=True)
        return
    actions = len(got.entry.actions)
    click.echo(f"Received the reply to the pack of {when} ({got.shared.file}): notes on "
               f"{entries_word(len(got.noted))}, {actions} agreed "
               f"action{'' if actions == 1 else 's'}. The supervision entry:", err=True)
    click.echo(got.entry.id)


COMMANDS = [pack_group]
