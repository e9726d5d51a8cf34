"""`journal list`, `show`, `history`, `search` and `verify`: reading entries.

`--json` documents are a contract (README, "JSON output"): fields may be added, never renamed.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable
from typing import Any

import click

from journal.cli.base import (
    Fail,
    dump_json,
    echo_lines,
    echo_markdown,
    json_option,
    open_session,
    passphrase_option,
    warn_damage,
)
from journal.cli.progress import progress
from journal.domain.dates import parse_day
from journal.domain.filter import EntryFilter
from journal.domain.model import LEDGER_GONE, Entry, Kind
from journal.domain.schema import entry_json
from journal.present.entry_text import entry_page, entry_table, history_lines, short_id


@click.command(name="list")
@click.option("--since", help="From this day (YYYY-MM-DD, DD/MM/YYYY, 4w …).")
@click.option("--until", help="Up to and including this day.")
@click.option("--value", "-v", "values", multiple=True, metavar="ID[:MARK]",
              help="Entries marked with this value (ID:lived or ID:challenging for that mark).")
@click.option("--behaviour", "-b", "behaviours", multiple=True, metavar="ID[:ANSWER]",
              help="Entries that answered this behaviour (optionally with this answer).")
@click.option("--kind", "-k", "kinds", multiple=True, type=click.Choice([k.value for k in Kind]))
@click.option("--flagged", is_flag=True, help="Only entries to bring to supervision.")
@click.option("--deleted", "include_deleted", is_flag=True, help="Include deleted entries.")
@click.option("--limit", "-n", type=click.IntRange(min=0), help="At most N entries.")
@json_option
@passphrase_option
@click.pass_context
def list_(ctx: click.Context, since: str | None, until: str | None, values: tuple[str, ...],
          behaviours: tuple[str, ...], kinds: tuple[str, ...], flagged: bool,
          include_deleted: bool, limit: int | None, as_json: bool) -> None:
    """List entries, newest first."""
    chosen_by = EntryFilter(
        since=parse_day(since) if since else None,
        until=parse_day(until) if until else None,
        values=[v.lower() for v in values],
        behaviours=[b.lower() for b in behaviours],
        kinds=list(kinds),
        flagged=flagged,
        include_deleted=include_deleted,
        limit=limit,
    )
    with open_session(ctx) as session:
        if as_json and limit is None:
            # the whole journal may be asked for: written as read, never held (100,000 entries)
            chosen_by.check(session.catalogue)
            assert session.store is not None
            streamed = session.store.stream_select(chosen_by)
            _dump_streamed(streamed.count, streamed.matched, streamed.total, streamed.entries)
            warn_damage(session)
            return
        if as_json:
            chosen = session.select(chosen_by)
            warn_damage(session)
            _dump_streamed(len(chosen.entries), chosen.matched, chosen.total, chosen.entries)
            return
        listed = session.select_summaries(chosen_by)
        warn_damage(session)
    echo_lines(entry_table(listed.summaries))
    click.echo(f"{len(listed.summaries)} of {listed.matched} matching · {listed.total} in the "
               "journal", err=True)


def _dump_streamed(count: int, matched: int, total: int, entries: Iterable[Entry]) -> None:
    """`list --json`'s document, written one entry at a time as `dump_json` would write it
    whole: 100,000 entries never sit in memory together, as objects or as text."""
    head = json.dumps({"count": count, "matched": matched, "total": total}, indent=2)
    click.echo(head[:-2] + ',\n  "entries": [', nl=False)
    first = True
    for entry in entries:
        text = json.dumps(entry_json(entry), ensure_ascii=False, indent=2)
        click.echo(("\n" if first else ",\n") + textwrap.indent(text, "    "), nl=False)
        first = False
    click.echo("]\n}" if first else "\n  ]\n}")


@click.command()
@click.argument("entry_id")
@json_option
@passphrase_option
@click.pass_context
def show(ctx: click.Context, entry_id: str, as_json: bool) -> None:
    """Show one entry (a unique prefix of its id is enough)."""
    with open_session(ctx) as session:
        entry = session.get(entry_id)
        warn_damage(session, entry.id)
    if as_json:
        dump_json(entry_json(entry))
        return
    echo_markdown("\n".join(entry_page(entry, session.catalogue)))


@click.command()
@click.argument("entry_id")
@json_option
@passphrase_option
@click.pass_context
def history(ctx: click.Context, entry_id: str, as_json: bool) -> None:
    """Every saved version of an entry, oldest first."""
    with open_session(ctx) as session:
        revisions = session.history(entry_id)
    if as_json:
        dump_json({
            "id": revisions[0].entry_id if revisions else entry_id,
            "revisions": [
                {
                    "revision": r.id,
                    "parents": list(r.parents),
                    "device": r.device_id,
                    "clock": r.clock,
                    "deleted": r.deleted,
                    "damaged": r.entry is None,
                    "entry": entry_json(r.entry) if r.entry else None,
                }
                for r in revisions
            ],
        })
        return
    click.echo("\n".join(history_lines(revisions)))


@click.command()
@click.argument("text", nargs=-1, required=True)
@json_option
@passphrase_option
@click.pass_context
def search(ctx: click.Context, text: tuple[str, ...], as_json: bool) -> None:
    """Find entries containing every word of TEXT (any case, any accents)."""
    query = " ".join(text)
    with open_session(ctx) as session:
        hits = session.search(query)
        warn_damage(session)
    if as_json:
        results: list[dict[str, Any]] = [
            {"id": h.entry.id, "date": h.entry.when.isoformat(), "kind": str(h.entry.kind),
             "title": h.entry.title, "snippet": h.snippet}
            for h in hits
        ]
        dump_json({"query": query, "count": len(hits), "results": results})
        return
    lines = []
    for hit in hits:
        e = hit.entry
        lines.append(f"{short_id(e.id)}  {e.when:%Y-%m-%d}  {e.title}")
        lines.append(f"    {hit.snippet}")
    echo_lines(lines)
    click.echo(f"{len(hits)} entr{'y' if len(hits) == 1 else 'ies'} found", err=True)


@click.command()
@passphrase_option
@click.pass_context
def verify(ctx: click.Context) -> None:
    """Open every saved revision; list damaged ones (exit 1 if any)."""
    with open_session(ctx) as session, progress("Verifying", "revisions") as told:
        assert session.store is not None
        checked, damaged = session.store.verify(told)
    for d in damaged:
        where = (f"entry {short_id(d.entry_id)} revision {short_id(d.revision_id)}: "
                 if d.entry_id else "")
        click.echo(f"damaged: {where}{d.reason}")
    if damaged:
        if all(LEDGER_GONE in d.reason for d in damaged):  # every row opens; the record is gone
            raise Fail(f"all {checked} revisions open, but the journal's record of them is "
                       "missing or damaged, so a removed row could not be noticed; to be sure "
                       "of the whole, restore a backup or `journal join` your sync remote in a "
                       "new JOURNAL_HOME")
        gone = any(not d.entry_id or d.reason.startswith("missing:") for d in damaged)
        found = (f"{len(damaged)} problem(s) in the journal's {checked} revisions" if gone
                 else f"{len(damaged)} of {checked} revisions are damaged")
        raise Fail(f"{found}; the others are intact. Restore the journal file from a backup or "
                   "sync to recover them.")
    click.echo("The 1 revision opens and is intact." if checked == 1 else
               f"All {checked} revisions open and are intact.")


COMMANDS = [list_, show, history, search, verify]
