"""Privacy: no plaintext of an entry in any file under JOURNAL_HOME, WAL included."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import make_store, sample_entry

from journal.domain.model import Action, CheckIn

CANARY = "Zebracanary"


def files_containing(folder: Path, needle: str) -> list[Path]:
    forms = {needle.encode("utf-8"), needle.lower().encode("utf-8"),
             needle.encode("utf-16-le")}
    return [p for p in folder.rglob("*") if p.is_file()
            and any(f in p.read_bytes() for f in forms)]


def test_canary_through_every_command_never_reaches_disk(process_cli, tmp_path):
    """Each command a real process (`python -m journal`), as a user runs them."""
    cli = process_cli
    jrnl = tmp_path / "jrnl.json"
    jrnl.write_text(json.dumps({"entries": [
        {"title": f"{CANARY} imported", "body": f"{CANARY} body", "date": "2020-01-01",
         "time": "10:00", "tags": [f"@{CANARY}"]}]}))
    entry_id = cli("add", f"{CANARY} body text", "--title", f"{CANARY} title", "--question",
                   f"{CANARY} question", "--person", CANARY, "--tag", CANARY, "--need", CANARY,
                   "--action", f"{CANARY} action", "--kind", "session").out.strip()
    assert len(entry_id) == 32
    cli("add", "-", "--title", "stdin", input=f"{CANARY} from stdin")
    cli("edit", entry_id, f"{CANARY} edited", "--title", f"{CANARY} new title")
    cli("list")
    cli("list", "--json")
    cli("show", entry_id)
    cli("history", entry_id)
    cli("search", CANARY)
    cli("delete", entry_id)
    cli("restore", entry_id)
    cli("import", "jrnl", str(jrnl))
    cli("verify")
    result = cli("search", CANARY, "--json")
    assert json.loads(result.out)["count"] == 3  # the canary really went in
    assert files_containing(cli.home, CANARY) == []


def test_canary_never_in_wal_while_the_journal_is_open(home):
    store, _ = make_store(home)
    for n in range(50):
        store.add(sample_entry(n, title=f"{CANARY} {n}", body=f"{CANARY} " * 50,
                               checkin=CheckIn(3, 3, CANARY), actions=[Action(CANARY)]))
    store.put_local("draft", "d", {"body": CANARY})
    assert (home / "journal.db-wal").exists()
    assert files_containing(home, CANARY) == []
    store.close()


def test_crash_output_holds_no_entry_text(cli, tmp_path):
    """An unexpected failure prints its type, never its message (which might quote an entry)."""
    script = (
        "import sys\n"
        "from journal import cli\n"
        "from journal.storage import store\n"
        "def boom(self, entry):\n"
        f"    raise RuntimeError('{CANARY} leaked into an exception')\n"
        "store.JournalStore.add = boom\n"
        "sys.argv = ['journal', 'add', 'hello there']\n"
        "cli.main()\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, env=cli.env(),
                          text=True)
    assert proc.returncode == 70
    assert CANARY not in proc.stderr + proc.stdout
    assert "unexpected RuntimeError" in proc.stderr and "Traceback" not in proc.stderr


def test_canary_never_reaches_the_sync_remote_or_a_joined_device_on_disk(cli, tmp_path):
    """The remote sees only ciphertext; the WebDAV password stays sealed too."""
    remote = tmp_path / "remote"
    remote.mkdir()
    entry_id = cli("add", f"{CANARY} body", "--title", f"{CANARY} title", "--person", CANARY,
                   "--kind", "session").out.strip()
    cli("people", "add", f"{CANARY} Person", "--alias", CANARY)
    assert cli("remote", "set", str(remote)).code == 0
    assert cli("sync").code == 0
    cli("edit", entry_id, f"{CANARY} edited")
    assert cli("sync").code == 0
    phone = type(cli)(tmp_path / "phone", cli.passphrase_file)
    assert phone("join", str(remote)).code == 0
    assert json.loads(phone("search", CANARY, "--json").out)["count"] == 1  # it arrived
    assert files_containing(remote, CANARY) == []
    assert files_containing(phone.home, CANARY) == []
    assert files_containing(cli.home, str(remote)) == [], "where it syncs is sealed too"
