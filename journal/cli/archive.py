"""`journal archive`: every entry for the writer, unscrubbed, as JSON, Markdown or HTML.

Thin: the work is in `journal.session.archive`. Sealed as `journal export` seals (age, to saved
supervisors' keys with --to, or with a passphrase), or plain after the same warning export
gives: that the file is NOT encrypted.
"""

from __future__ import annotations

from pathlib import Path

import click

from journal.cli.base import Fail, ask_secret, entries_word, open_session, passphrase_option
from journal.cli.progress import progress
from journal.domain.passphrase import check_new


@click.command(name="archive")
@click.option("--format", "fmt", type=click.Choice(["json", "md", "html"]), default="json",
              show_default=True,
              help="json: one document (README); md: a folder, one file per entry with YAML "
                   "front matter; html: one self-contained file.")
@click.option("--output", "-o", type=click.Path(path_type=Path), required=True,
              help="The file (or, for md, the folder) to write; never one that exists.")
@click.option("--history", is_flag=True,
              help="Every saved version of every entry too (and deleted entries).")
@click.option("--to", "to", multiple=True, metavar="NAME",
              help="Seal with age to this saved supervisor (repeatable): your own key saved "
                   "as a supervisor, say `me`, to open it yourself.")
@click.option("--passphrase", "use_passphrase", is_flag=True,
              help="Seal with age and a passphrase you type (instead of --to).")
@click.option("--pack-passphrase-file", type=click.Path(dir_okay=False),
              help="Seal with age and the passphrase on the first line of FILE (for scripts).")
@passphrase_option
@click.pass_context
def archive(ctx: click.Context, fmt: str, output: Path, history: bool, to: tuple[str, ...],
            use_passphrase: bool, pack_passphrase_file: str | None) -> None:
    """Write every entry as you wrote it (names not replaced), with its marks, checks,
    check-ins, actions, people and tags: for you, to keep or take elsewhere.

    Sealed with age (--to NAME, or --passphrase) it opens with the standard `age` tool; plain,
    you are told first that it is NOT encrypted. `journal import archive FILE` reads a JSON
    archive back."""
    from journal.session import archive as archiving

    if to and (use_passphrase or pack_passphrase_file):
        raise Fail("age seals a file either to people's keys (--to) or with a passphrase "
                   "(--passphrase), not both: archive twice if you need both")
    sealing = archiving.ArchiveSealing(list(to))
    target = archiving.target_path(output, fmt, bool(to) or use_passphrase
                                   or bool(pack_passphrase_file))
    archiving.check_target(target)
    with open_session(ctx) as session:
        if use_passphrase or pack_passphrase_file:
            sealing.passphrase = ask_secret("Passphrase for the archive",
                                            file=pack_passphrase_file, what="pack passphrase",
                                            confirm=True)
            check_new(sealing.passphrase, "pack passphrase")  # before saying it is writing
        if to:
            how = "sealed with age to " + ", ".join(to)
        elif sealing.passphrase is not None:
            how = "sealed with age and a passphrase"
        else:
            how = ("NOT encrypted, readable by anyone who gets the "
                   + ("folder" if fmt == "md" else "file"))
        store = session.store
        assert store is not None

        def announce(path: Path) -> None:
            click.echo(f"Writing {path}: {how}; every entry as written, names not replaced.",
                       err=True)

        with progress("Archiving", "entries") as report:
            written = archiving.write(store, session.framework, session.catalogue, fmt, output,
                                      history=history, sealing=sealing, progress=report,
                                      announce=announce)
    if written.damaged:
        click.echo(f"warning: {written.damaged} damaged revision(s) could not be opened and "
                   "are not in the archive; run `journal verify`", err=True)
    click.echo(f"Archived {entries_word(written.entries)} to {written.path}.", err=True)
    click.echo(str(written.path))


COMMANDS = [archive]
