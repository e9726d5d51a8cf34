"""`journal rekey` and `journal rekey --follow` through the real commands, and what `passwd` and
`recovery-key` say about what they do not protect (issue 14, point 2)."""

from __future__ import annotations

import json

from conftest import JournalCli

NEW = "lantern orchard velvet quietly"


def test_rekey_then_the_other_device_follows(cli: JournalCli, tmp_path):
    remote = tmp_path / "remote"
    assert cli("add", "before the new key", "--title", "before").code == 0
    assert cli("remote", "set", str(remote)).code == 0
    assert cli("sync").code == 0
    phone = JournalCli(tmp_path / "phone-home", cli.passphrase_file)
    assert phone("join", str(remote)).code == 0
    assert phone("add", "written on the phone", "--title", "phone").code == 0
    assert phone("sync").code == 0
    assert cli("sync").code == 0

    new_file = tmp_path / "new-passphrase"
    new_file.write_text(f"{NEW}\n{NEW}\n")
    result = cli("rekey", "--new-passphrase-file", str(new_file),
                 "--recovery-key-out", str(tmp_path / "recovery.txt"))
    assert result.code == 0, result.err
    assert "New data key: 2 revision(s) sealed anew" in result.out
    assert "journal rekey --follow" in result.out
    assert "Sent 2 change(s)" in result.out, "its own and the phone's, to the new vault"
    assert (tmp_path / "recovery.txt").stat().st_mode & 0o777 == 0o600

    old = cli("list")
    assert old.code == 4 or old.code != 0
    assert "wrong passphrase" in old.err
    new_env = cli.env(JOURNAL_PASSPHRASE_FILE=str(new_file))
    assert "before" in cli("list", env=new_env).out

    result = phone("sync")
    assert result.code == 1 and result.err.count("\n") == 1
    assert "journal rekey --follow" in result.err and "nothing was sent" in result.err

    wrong = tmp_path / "wrong"
    wrong.write_text("not the new one at all\n")
    result = phone("rekey", "--follow", "--new-passphrase-file", str(wrong))
    assert result.code != 0 and result.err.startswith("error: ") and result.err[-1] == "\n"
    result = phone("rekey", "--follow", "--new-passphrase-file", str(new_file))
    assert result.code == 0, result.err
    assert "follows the new key" in result.out
    phone_env = phone.env(JOURNAL_PASSPHRASE_FILE=str(new_file))
    titles = {e["title"] for e in json.loads(phone("list", "--json", env=phone_env).out)["entries"]}
    assert titles == {"before", "phone"}

    result = cli("rekey", "--follow", "--new-passphrase-file", str(new_file), env=new_env)
    assert result.code == 1 and "nothing to follow" in result.err


def test_passwd_and_recovery_key_say_what_they_do_not_protect(cli: JournalCli, tmp_path):
    new_file = tmp_path / "new-passphrase"
    new_file.write_text(f"{NEW}\n{NEW}\n")
    result = cli("passwd", "--new-passphrase-file", str(new_file))
    assert result.code == 0 and "journal rekey" in result.out and "data key is unchanged" in \
        result.out
    env = cli.env(JOURNAL_PASSPHRASE_FILE=str(new_file))
    result = cli("recovery-key", "--recovery-key-out", str(tmp_path / "key.txt"), env=env)
    assert result.code == 0 and "journal rekey" in result.out


def test_rekey_without_a_remote_and_bad_input(cli: JournalCli, tmp_path):
    weak = tmp_path / "weak"
    weak.write_text("aaaaaaaa\naaaaaaaa\n")
    result = cli("rekey", "--new-passphrase-file", str(weak),
                 "--recovery-key-out", str(tmp_path / "key.txt"))
    assert result.code != 0 and result.err.startswith("error: ")
    assert not (tmp_path / "key.txt").exists()
    result = cli("rekey", "--new-passphrase-file", str(tmp_path / "weak"))
    assert result.code != 0 and "terminal" in result.err, "the recovery key never goes to a pipe"
    new_file = tmp_path / "new-passphrase"
    new_file.write_text(f"{NEW}\n{NEW}\n")
    result = cli("rekey", "--new-passphrase-file", str(new_file),
                 "--recovery-key-out", str(tmp_path / "key.txt"))
    assert result.code == 0, result.err
    assert "On each of your other devices" not in result.out


def test_rekey_with_the_remote_out_of_reach_is_done_and_sent_later(cli: JournalCli, tmp_path):
    """The rekey is local and whole; a remote that cannot be reached is said in one warning,
    and the next `journal sync` publishes the new vault."""
    drive = tmp_path / "drive"
    drive.mkdir()
    assert cli("add", "before", "--title", "before").code == 0
    assert cli("remote", "set", str(drive / "journal")).code == 0
    assert cli("sync").code == 0
    drive.rename(tmp_path / "unplugged")
    new_file = tmp_path / "new-passphrase"
    new_file.write_text(f"{NEW}\n{NEW}\n")
    result = cli("rekey", "--new-passphrase-file", str(new_file),
                 "--recovery-key-out", str(tmp_path / "key.txt"))
    assert result.code == 0, result.err
    assert result.err.startswith("warning: the new copy could not be sent to the remote yet")
    assert "`journal sync` sends it" in result.err
    (tmp_path / "unplugged").rename(drive)
    env = cli.env(JOURNAL_PASSPHRASE_FILE=str(new_file))
    result = cli("sync", env=env)
    assert result.code == 0, result.err
    assert len([p for p in (drive / "journal").iterdir() if p.is_dir()]) == 2, "old and new vault"
