"""`journal remote`, `sync`, `join`, `conflicts` and `resolve`: the command line of sync.

`journal sync` exits 0 when everything is in step, 3 when entries have two versions waiting for
the writer to choose, and 1 when the remote failed or holds damaged files (what could be done
was still done and recorded).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from journal.cli.base import (
    EXIT_CONFLICTS,
    EXIT_WRONG_KEY,
    Fail,
    JournalGroup,
    ask_secret,
    dump_json,
    echo_lines,
    interactive,
    json_option,
    open_session,
    passphrase_file,
    passphrase_option,
    read_first_line,
    session_here,
)
from journal.cli.progress import progress
from journal.errors import WrongSecret
from journal.present.entry_text import short_id
from journal.present.revisions import clock_ahead, clock_time, saved_at

if TYPE_CHECKING:
    from journal.sync.engine import SyncReport
    from journal.sync.remote import RemoteAddress
    from journal.sync.settings import RemoteSettings


def _size(n: int) -> str:
    return f"{n} bytes" if n < 1024 else f"{n / 1024:.1f} KB" if n < 1024 ** 2 \
        else f"{n / 1024 ** 2:.1f} MB"


def _sent_segments(position: int) -> int:
    """Segments of this device's current chain on the remote (a position counts epochs too)."""
    from journal.sync.segment import split

    return split(position)[1]


def _ask_password(address: RemoteAddress) -> str:
    """A WebDAV password: from JOURNAL_WEBDAV_PASSWORD_FILE (then not stored), or asked."""
    from journal.sync import settings as remote_settings

    if address.kind != "webdav" or remote_settings.password_from_env() is not None:
        return ""
    if not interactive():
        raise Fail(f"no WebDAV password: run this in a terminal, or set "
                   f"{remote_settings.PASSWORD_ENV}=FILE (the password on its first line)")
    who = f" for {address.user}" if address.user else ""
    return ask_secret(f"WebDAV password{who}", file=None, what="WebDAV password")


def _remote_settings(address: str) -> RemoteSettings:
    """ADDRESS checked and parsed, with its password (asked now, before anything is opened)."""
    from journal.sync.remote import parse_address
    from journal.sync.settings import RemoteSettings

    parsed = parse_address(address)
    return RemoteSettings(parsed, _ask_password(parsed))


@click.group(name="remote", cls=JournalGroup)
def remote_group() -> None:
    """Where this journal syncs: a folder or a WebDAV server."""


@remote_group.command(name="set")
@click.argument("address")
@passphrase_option
@click.pass_context
def remote_set(ctx: click.Context, address: str) -> None:
    """Sync with ADDRESS: a folder (Syncthing, Nextcloud or Dropbox folder, USB stick) or
    webdav+https://user@host/path. The password is asked and kept inside the journal."""
    from journal.sync.remote import parse_address

    parse_address(address)  # a mistyped address fails before the passphrase is asked
    with open_session(ctx) as session:
        chosen = _remote_settings(address)
        holds_it = session.set_remote(chosen)
    click.echo(f"Remote set to {chosen.address}.")
    click.echo("It already holds this journal: `journal sync` brings both up to date." if holds_it
               else "Run `journal sync` to send this journal there (encrypted).")


@remote_group.command(name="show")
@json_option
@passphrase_option
@click.pass_context
def remote_show(ctx: click.Context, as_json: bool) -> None:
    """The remote this device syncs with, and when it last did."""
    from journal.sync import settings as remote_settings

    with open_session(ctx) as session:
        chosen = session.remote()
        state = session.sync_state()
        device = session.device_id
    if as_json:
        dump_json({"address": str(chosen.address) if chosen else None,
                   "kind": chosen.address.kind if chosen else None,
                   "device": device, "last_sync": state.last_sync or None,
                   "segments_sent": _sent_segments(state.own_seq),
                   "devices_seen": len(state.cursors)})
        return
    if chosen is None:
        click.echo("No remote set. Use `journal remote set ADDRESS` (a folder or "
                   "webdav+https://user@host/path).")
        return
    lines = [f"address     {chosen.address}", f"this device {short_id(device)}"]
    if chosen.address.kind == "webdav":
        lines.append("password    " + ("from $" + remote_settings.PASSWORD_ENV
                                      if remote_settings.password_from_env() is not None
                                      else "kept inside the journal"))
    lines.append(f"last sync   {state.last_sync or 'never'}")
    lines.append(f"sent        {_sent_segments(state.own_seq)} segment(s); other devices seen: "
                 f"{len(state.cursors)}")
    echo_lines(lines)


@remote_group.command(name="check")
@json_option
@passphrase_option
@click.pass_context
def remote_check(ctx: click.Context, as_json: bool) -> None:
    """The remote's health, read-only: damaged or missing files, and what the next sync of
    this device would repair (exit 1 when anything is wrong)."""
    with open_session(ctx) as session:
        health = session.check_remote()
    if health is None:
        raise Fail("no remote set: run `journal remote set ADDRESS` first (a folder or "
                   "webdav+https://user@host/path)")
    if as_json:
        dump_json({"healthy": health.healthy, "devices": health.devices,
                   "revisions": health.revisions, "problems": health.problems,
                   "would_repair": health.would_repair})
    else:
        lines = [f"{health.devices} device(s) on the remote; a device joining now would receive "
                 f"{health.revisions} revision(s)."]
        lines += [f"damaged: {p}" for p in health.problems]
        lines += [f"would repair: {r}" for r in health.would_repair]
        if health.healthy:
            lines.append("The remote is healthy. Nothing was written.")
        else:
            lines.append("Nothing was written; `journal sync` on the device that holds the data "
                         "repairs what it can.")
        echo_lines(lines)
    if not health.healthy:
        raise click.exceptions.Exit(1)


@remote_group.command(name="unset")
@passphrase_option
@click.pass_context
def remote_unset(ctx: click.Context) -> None:
    """Stop syncing. Nothing on the remote or here is deleted."""
    with open_session(ctx) as session:
        was_set = session.unset_remote()
    click.echo("Remote unset. Nothing was deleted, here or on the remote." if was_set
               else "No remote was set.")


def report_lines(report: SyncReport) -> tuple[list[str], list[str]]:
    """(stdout lines, stderr lines) for a sync report."""
    out = [f"Sent {report.sent} change(s) ({_size(report.sent_bytes)}), received "
           f"{report.received}, conflicts {report.conflicts}."]
    if report.keys_sent:
        out.append("Your new passphrase or recovery key is on the remote for your other devices.")
    if report.keys_adopted:
        out.append("Another device changed the passphrase or recovery key; this device now uses "
                   "the new one.")
    out += [f"Repaired: {line}." for line in report.repaired]
    if report.republish_pending:
        out.append("This device publishes its changes anew on its next sync.")
    if report.conflicts:
        out.append(f"{report.conflicts} entr{'y has' if report.conflicts == 1 else 'ies have'} "
                   "two versions: see `journal conflicts`.")
    err = [f"note: {w}" for w in report.waiting]
    err += [f"warning: {p}" for p in report.problems]
    return out, err


@click.command(name="sync")
@json_option
@passphrase_option
@click.pass_context
def sync_command(ctx: click.Context, as_json: bool) -> None:
    """Send this device's changes and bring in the others' (exit 3 when conflicts wait)."""
    with open_session(ctx) as session, progress("Syncing", "segments") as told:
        report = session.sync_now(told)
    if report is None:
        raise Fail("no remote set: run `journal remote set ADDRESS` first (a folder or "
                   "webdav+https://user@host/path)")
    if as_json:
        dump_json({"sent": report.sent, "sent_bytes": report.sent_bytes,
                   "received": report.received, "conflicts": report.conflicts,
                   "problems": report.problems, "waiting": report.waiting,
                   "repaired": report.repaired, "error": report.error})
    else:
        out, err = report_lines(report)
        echo_lines(out)
        for line in err:
            click.echo(line, err=True)
    if report.error:
        raise Fail(f"{report.error} (what was sent and received so far is kept)")
    if report.problems:
        raise click.exceptions.Exit(1)
    if report.conflicts:
        raise click.exceptions.Exit(EXIT_CONFLICTS)


@click.command(name="join")
@click.argument("address")
@click.option("--recovery-key-file", type=click.Path(dir_okay=False),
              help="Join with the recovery key on the first line of FILE instead of the "
                   "passphrase.")
@passphrase_option
@click.pass_context
def join_command(ctx: click.Context, address: str, recovery_key_file: str | None) -> None:
    """Make this device's journal from a remote another device syncs with."""
    session = session_here()
    if session.exists:
        raise Fail(f"a journal already exists in {session.home}; to join, set JOURNAL_HOME to "
                   "an empty folder (nothing was changed)")
    chosen = _remote_settings(address)
    try:
        if recovery_key_file:
            session.join(chosen, recovery_key=read_first_line(recovery_key_file, "recovery key"))
        else:
            session.join(chosen, passphrase=ask_secret(
                "Passphrase (or recovery key)", file=passphrase_file(ctx), what="passphrase"))
    except WrongSecret:
        raise Fail("that passphrase (or recovery key) does not open the journal on the remote",
                   EXIT_WRONG_KEY) from None
    try:
        click.echo(f"Joined the journal on {chosen.address}; this device is "
                   f"{short_id(session.device_id)}.")
        with progress("Receiving", "segments") as told:
            report = session.sync_now(told)
        count = session.count()
    finally:
        session.lock()
    click.echo(f"Received {count} entr{'y' if count == 1 else 'ies'}.")
    if report is None:
        return
    for line in report_lines(report)[1]:
        click.echo(line, err=True)
    if report.error:
        raise Fail(f"{report.error}; run `journal sync` to fetch the rest")
    if report.problems:
        raise click.exceptions.Exit(1)


@click.command(name="conflicts")
@json_option
@passphrase_option
@click.pass_context
def conflicts_command(ctx: click.Context, as_json: bool) -> None:
    """Entries edited on two devices at once, with their versions."""
    with open_session(ctx) as session:
        found = session.conflicts()
    if as_json:
        dump_json([{"id": entry_id, "versions": [
            {"revision": v.revision_id, "saved": clock_time(v.updated).isoformat(),
             "clock_ahead": clock_ahead(v.updated), "title": v.title, "when": v.when.isoformat(),
             "words": len(v.body.split())}
            for v in versions]} for entry_id, versions in found])
        return
    if not found:
        click.echo("No conflicts: every entry has one version.")
        return
    lines = []
    for entry_id, versions in found:
        lines.append(f"{short_id(entry_id)}  {len(versions)} versions")
        for v in versions:
            first = next((line.strip() for line in v.body.splitlines() if line.strip()), "")
            saved = saved_at(v.updated)
            lines.append(f"    {short_id(v.revision_id)}  saved {saved}  "
                         f"{v.title or '(untitled)'}: {first[:60]}")
        lines.append(f"    keep one: journal resolve {short_id(entry_id)} --keep "
                     f"{short_id(versions[0].revision_id)}")
    echo_lines(lines)


@click.command(name="resolve")
@click.argument("entry_id")
@click.option("--keep", "keep", required=True, metavar="REV",
              help="The version to keep (its id from `journal conflicts`).")
@passphrase_option
@click.pass_context
def resolve_command(ctx: click.Context, entry_id: str, keep: str) -> None:
    """Merge an entry's versions by keeping one; the others stay in its history."""
    with open_session(ctx) as session:
        entry = session.resolve_conflict(entry_id, keep)
    click.echo(f"Kept version {short_id(keep)} of entry {short_id(entry.id)} "
               f"({entry.title or 'untitled'}); the other versions stay in "
               f"`journal history {short_id(entry.id)}`. Sync to send the choice.")


COMMANDS = [remote_group, sync_command, join_command, conflicts_command, resolve_command]
