"""Encryption at rest: without the passphrase the file is noise; with it all works as before."""

from __future__ import annotations

import getpass
import hashlib
import io
import sqlite3
import sys
from pathlib import Path

import pytest
from reliability_support import run_cli

from readingroom.cli import main
from readingroom.store.db import SQLITE_HEADER

KEY, USER, PASSWORD = "correct horse battery", "boss", "pass-word-1"
#: plain text from the demo collection that must never be readable in the file
PLAINTEXT = [
    "Points and Lines",
    "Seichō Matsumoto",
    "Proof of the Man",
    "W-1001",
    "Hemingway",
    "argon2id",
]


@pytest.fixture
def cli(monkeypatch, capsys, tmp_path):
    def run(*args: str, key: str | None = KEY, stdin: str | None = None, user: str = USER):
        return run_cli(
            monkeypatch,
            capsys,
            "--db",
            str(tmp_path / "safe.db"),
            *args,
            user=user,
            password=PASSWORD,
            key=key,
            stdin=stdin,
        )

    run.path = tmp_path / "safe.db"
    return run


def _noise(path: Path) -> None:
    """No SQLite header and none of the collection's words in the file (or its journal)."""
    for part in (path, path.with_name(path.name + "-wal")):
        if not part.exists():
            continue
        data = part.read_bytes()
        assert not data.startswith(SQLITE_HEADER), part
        for text in PLAINTEXT:
            assert text.encode("utf-8") not in data, (part, text)


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_an_encrypted_catalogue_is_noise_without_the_key_and_works_with_it(cli):
    assert cli("init", "--encrypt", "--demo").code == 0
    _noise(cli.path)
    found = cli("search", "Points and Lines", "--json")
    assert found.code == 0 and '"title": "Points and Lines"' in found.out
    assert cli("lend", "RR00001", "W-1001").code == 0
    assert cli("return", "RR00001").code == 0
    assert cli("audit", "verify").code == 0
    _noise(cli.path)


def test_the_passphrase_can_be_typed_instead_of_set_in_the_environment(cli):
    created = cli("init", "--encrypt", key=None, stdin="typed phrase\ntyped phrase\n")
    assert created.code == 0, created.text
    _noise(cli.path)
    assert cli("search", "x", key="typed phrase").code == 0


def test_a_wrong_or_missing_passphrase_is_a_clear_refusal_that_changes_nothing(cli):
    assert cli("init", "--encrypt", "--demo").code == 0
    folder = cli.path.parent
    before = _fingerprint(folder)
    wrong = cli("search", "Points", key="wrong horse")
    assert wrong.code == 1
    assert "passphrase does not open" in wrong.err and "READINGROOM_KEY" in wrong.err
    missing = cli("lend", "RR00001", "W-1001", key=None)
    assert missing.code == 1 and "encrypted" in missing.err and "READINGROOM_KEY" in missing.err
    assert cli("doctor", key="wrong horse").code == 1
    assert _fingerprint(folder) == before  # no new empty database, nothing rewritten
    assert cli("search", "Points").code == 0


def test_a_plain_catalogue_still_opens_when_a_key_happens_to_be_set(cli):
    assert cli("init", "--demo", key=None).code == 0
    assert cli.path.read_bytes().startswith(SQLITE_HEADER)
    assert cli("search", "Points", key="some key for another file").code == 0
    assert cli("lend", "RR00001", "W-1001", key="some key for another file").code == 0


def test_backups_of_an_encrypted_catalogue_stay_encrypted_and_restore(cli):
    assert cli("init", "--encrypt", "--demo").code == 0
    out = cli.path.with_name("copy.db")
    assert cli("backup", "--out", str(out)).code == 0
    assert cli("backup").code == 0
    backups = [out, *(cli.path.parent / "backups").iterdir()]
    for made in backups:
        _noise(made)
    assert cli("lend", "RR00001", "W-1001").code == 0
    refused = cli("restore", str(out), key="wrong horse")
    assert refused.code == 1
    assert cli("restore", str(out)).code == 0
    shown = cli("copy", "show", "RR00001", "--json")
    assert '"status": "available"' in shown.out
    _noise(cli.path)
    healthy = cli("doctor")
    assert healthy.code == 0 and "Newest good backup" in healthy.out


def test_at_a_terminal_the_passphrase_is_asked_for(cli, monkeypatch, capsys):
    assert cli("init", "--encrypt").code == 0
    asked = []

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(getpass, "getpass", lambda prompt: asked.append(prompt) or KEY)
    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setenv("READINGROOM_USER", USER)
    monkeypatch.setenv("READINGROOM_PASSWORD", PASSWORD)
    monkeypatch.delenv("READINGROOM_KEY", raising=False)
    assert main(["--db", str(cli.path), "search", "x"]) == 0
    assert asked == [f"Passphrase for {cli.path}: "]


def _plain_catalogue(cli, name: str, user: str = "lib") -> Path:
    """A plain catalogue someone made elsewhere with 'init' (``user`` its supervisor)."""
    path = cli.path.with_name(name)
    assert run_cli_at(cli, path, "init", user=user, key=None).code == 0
    return path


def run_cli_at(cli, path: Path, *args: str, user: str = USER, key: str | None = KEY):
    return run_cli(
        cli.monkeypatch, cli.capsys, "--db", str(path), *args, user=user, password=PASSWORD, key=key
    )


@pytest.fixture
def encrypted(cli, monkeypatch, capsys):
    cli.monkeypatch, cli.capsys = monkeypatch, capsys
    assert cli("init", "--encrypt", "--demo").code == 0
    assert cli("backup").code == 0
    return cli


def test_a_wrong_passphrase_never_counts_as_an_unreadable_catalogue(encrypted):
    cli = encrypted
    mine = _plain_catalogue(cli, "mine.db", user="lib")
    assert (
        run_cli_at(
            cli, mine.with_name("mine-enc.db"), "init", "--encrypt", user="lib", key="my own key"
        ).code
        == 0
    )
    before = _fingerprint(cli.path.parent / "backups") | {
        "db": _fingerprint(cli.path.parent)[cli.path.name]
    }
    for supplied, key in (
        (mine, "wrong horse"),
        (mine, None),
        (mine.with_name("mine-enc.db"), "my own key"),
    ):
        refused = cli("restore", str(supplied), key=key, user="lib")
        assert refused.code == 1, (supplied, key, refused.text)
        assert "passphrase does not open" in refused.err or "encrypted" in refused.err
    after = _fingerprint(cli.path.parent / "backups") | {
        "db": _fingerprint(cli.path.parent)[cli.path.name]
    }
    assert after == before  # nothing changed, nothing set aside
    assert cli("search", "Points").code == 0


def test_an_encrypted_catalogue_is_never_replaced_by_a_plain_file(encrypted, tmp_path):
    cli = encrypted
    same_id = _plain_catalogue(cli, "forged.db", user="boss")
    catalogue_id = run_cli_at(cli, cli.path, "doctor", "--json").out  # opens fine
    assert '"healthy": true' in catalogue_id
    from readingroom.store.db import file_database

    real = file_database(cli.path, KEY, readonly=True)
    (value,) = real.execute_sql("SELECT value FROM setting WHERE key = 'catalogue_id'").fetchone()
    real.close()
    with sqlite3.connect(same_id) as connection:  # a plain file carrying this catalogue's id
        (trigger,) = connection.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'catalogue_id_fixed'"
        ).fetchone()
        connection.execute("DROP TRIGGER catalogue_id_fixed")
        connection.execute("UPDATE setting SET value = ? WHERE key = 'catalogue_id'", (value,))
        connection.execute(trigger)
    refused = cli("restore", str(same_id))
    assert refused.code == 1 and "encrypted" in refused.err and "is not" in refused.err
    assert not cli.path.read_bytes().startswith(SQLITE_HEADER)
    data = bytearray(cli.path.read_bytes())  # the encrypted file garbled too: still refused
    data[5000:9000] = b"\x55" * 4000
    cli.path.write_bytes(bytes(data))
    assert cli("restore", str(same_id)).code == 1
    assert not cli.path.read_bytes().startswith(SQLITE_HEADER)


def test_a_damaged_encrypted_catalogue_is_restored_against_its_own_backups(encrypted):
    cli = encrypted
    (own,) = (cli.path.parent / "backups").iterdir()
    data = bytearray(cli.path.read_bytes())
    data[100:4000] = b"\x55" * 3900  # the first page: SQLCipher cannot tell this from a
    cli.path.write_bytes(bytes(data))  # wrong passphrase, but the backups open with it
    assert cli("restore", str(own), key="wrong horse").code == 1
    assert cli("restore", str(own), user="W-1001").code == 5
    done = cli("restore", str(own))
    assert done.code == 0, done.text
    assert cli("audit", "verify").code == 0
    _noise(cli.path)


def test_doctor_says_a_wrong_passphrase_is_not_damage(encrypted):
    cli = encrypted
    wrong = cli("doctor", key="wrong horse")
    assert wrong.code == 1
    assert "passphrase does not open" in wrong.out and "DAMAGED" not in wrong.out
    assert '"state": "wrong passphrase"' in cli("doctor", "--json", key="wrong horse").out
