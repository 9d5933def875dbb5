"""The replay checkpoint: a check replays only what came after a signed state, and still
catches every edit of the tables, of the trail and of the checkpoint itself."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from readingroom import audit, checkpoint, replay
from readingroom.errors import BadInput, NotPermitted
from readingroom.store.db import database
from readingroom.store.models import AuditEntry, Copy
from tests.core.cli_support import InProcess, dump, outside_connection
from tests.core.test_replay import assert_caught, signed_demo, tamper

# the same on a SQLite file and on a PostgreSQL server
pytestmark = pytest.mark.both_databases


@pytest.fixture
def demo_db(db, supervisor) -> Path:
    return signed_demo(db, supervisor)


@pytest.fixture
def cli(demo_db, capsys, monkeypatch) -> InProcess:
    return InProcess(demo_db, capsys, monkeypatch)


@pytest.fixture
def kept(cli) -> dict:
    """A checkpoint made at the command line, then a return after it (``returned``: the
    loan's id)."""
    made = cli("audit", "checkpoint", "--json")
    assert made.code == 0, made
    return made.json() | {"returned": return_one(cli)}


def return_one(cli: InProcess) -> int:
    """One more desk action: a copy on loan comes back; its loan's id."""
    barcode = Copy.get(Copy.status == "on-loan").barcode
    run = cli("return", barcode, "--json")
    assert run.code == 0, run
    return database.execute_sql(
        "SELECT max(l.id) FROM loan l JOIN copy c ON c.id = l.copy_id WHERE c.barcode = ?",
        (barcode,),
    ).fetchone()[0]


def parts(db: Path) -> list[tuple[int, int, str, str]]:
    with outside_connection(db) as connection:
        return list(connection.execute("SELECT part, entry, tbl, body FROM replay_checkpoint"))


def test_a_checkpoint_is_kept_signed_and_used(kept, cli, demo_db):
    assert kept["sequence"] == kept["entry"] - 1 and kept["rows"] > 0 and kept["parts"] >= 1
    entry = AuditEntry.get_by_id(kept["entry"])
    assert entry.action == "replay-checkpoint" and entry.staff == "boss"
    details = json.loads(entry.details)
    assert details["digest"] == checkpoint.digest_of((t, b) for _, _, t, b in parts(demo_db))
    run = cli("audit", "verify", "--json")
    assert run.code == 0, run
    assert run.json()["checkpoint"] == {"entry": kept["entry"], "sequence": kept["sequence"]}
    text = cli("audit", "verify")
    assert f"Replayed from the signed checkpoint of entry {kept['entry']}" in text.out
    assert cli("doctor").code == 0


def test_the_checkpoint_is_the_fold_of_the_trail_up_to_it(kept, demo_db):
    found = checkpoint.find(database)
    assert found is not None and found.sequence == kept["sequence"]
    state = found.state()
    audit.fold_entries(database, state, found.sequence, AuditEntry.select().count())
    assert state == replay.trail_state(database)  # the same as folding every entry


@pytest.mark.parametrize("parallel", [False, True])
@pytest.mark.parametrize("row", ["kept", "after"])
def test_table_edits_are_caught_from_a_checkpoint(kept, cli, demo_db, monkeypatch, parallel, row):
    """A row whose last image is in the checkpoint, and one written after it."""
    if parallel:
        monkeypatch.setattr(audit, "PARALLEL_FROM", 1)
    target = "loan 1" if row == "kept" else f"loan {kept['returned']}"
    assert kept["returned"] != 1
    tamper(demo_db, f"UPDATE loan SET due = '2099-01-01' WHERE id = {target.split()[1]}")
    assert_caught(cli, target, "due")


def test_a_librarian_cannot_make_a_checkpoint(cli, librarian, demo_db):
    before = dump(demo_db)
    run = cli("audit", "checkpoint", user="lib")
    assert run.code == 5 and "supervisor" in run.err
    assert dump(demo_db) == before
    with pytest.raises(NotPermitted):
        checkpoint.make(librarian)


def test_no_checkpoint_is_made_over_tables_that_differ(cli, demo_db):
    assert cli("audit", "seal").code == 0  # the supervisor's key stored at a first command
    tamper(demo_db, "UPDATE copy SET location = 'Elsewhere' WHERE id = 1", drop_images=True)
    before = dump(demo_db)
    run = cli("audit", "checkpoint")
    assert run.code == 4 and "differ" in run.err
    assert dump(demo_db) == before and parts(demo_db) == []


def test_an_emptied_checkpoint_only_costs_time(kept, cli, demo_db):
    tamper(demo_db, "DELETE FROM replay_checkpoint")
    run = cli("audit", "verify", "--json")
    assert run.code == 0 and run.json()["checkpoint"] is None


def _rewrite_part(db: Path, edit) -> None:
    """Change the checkpoint's first part with ``edit(images) -> images``."""
    part, entry, table, body = parts(db)[0]
    images = edit(checkpoint.images_of(body))
    text = "\n".join(f"{key}\t{image or ''}" for key, image in images.items())
    tamper(db, f"UPDATE replay_checkpoint SET body = '{text}' WHERE part = {part}")


def _forge_details(db: Path, entry: int, **changes) -> None:
    with outside_connection(db) as connection:
        text = connection.execute("SELECT details FROM audit_entry WHERE id = ?", (entry,))
        details = json.loads(text.fetchone()[0]) | changes
    tamper(
        db,
        "UPDATE audit_entry SET details = '"
        + audit.canonical_details(details).replace("'", "''")
        + f"' WHERE id = {entry}",
    )


def test_a_checkpoint_edited_to_launder_a_table_edit_is_caught(kept, cli, demo_db):
    """The insider edits a copy and the checkpoint's image of it the same way: the parts
    no longer have the signed digest. Recomputing the digest into the entry breaks the
    chain; recomputing the chain after it leaves a signature that does not verify."""
    copy_id, image = next(iter(replay.trail_state(database)["copy"].items()))
    changed = json.dumps(
        [*json.loads(image)[:3], "Elsewhere", *json.loads(image)[4:]],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    tamper(demo_db, f"UPDATE copy SET location = 'Elsewhere' WHERE id = {copy_id}")
    _rewrite_part(
        demo_db, lambda images: images | ({copy_id: changed} if copy_id in images else {})
    )
    run = cli("audit", "verify")
    assert run.code == 4 and "replay checkpoint" in run.err and "altered" in run.err
    doctor = cli("doctor")
    assert doctor.code == 4 and "replay checkpoint" in doctor.out

    digest = checkpoint.digest_of((t, b) for _, _, t, b in parts(demo_db))
    _forge_details(demo_db, kept["entry"], digest=digest)
    run = cli("audit", "verify")
    assert run.code == 4 and f"entry {kept['entry']}" in run.err  # the chain breaks there

    with outside_connection(demo_db) as connection:  # every later hash and the head recomputed
        rows = list(connection.execute("SELECT * FROM audit_entry ORDER BY id"))
    prev = rows[kept["entry"] - 2][8]
    statements = []
    for row in rows[kept["entry"] - 1 :]:
        digest_ = audit.entry_hash(row[0], *row[1:7], prev)
        statements.append(
            f"UPDATE audit_entry SET prev_hash = '{prev}', hash = '{digest_}' WHERE id = {row[0]}"
        )
        prev = digest_
    statements.append(f"UPDATE audit_head SET last_hash = '{prev}'")
    tamper(demo_db, *statements)
    run = cli("audit", "verify")
    assert run.code == 4 and "signature" in run.err and "replay checkpoint" in run.err


def test_a_checkpoint_signed_with_an_uncertified_key_is_refused(kept, cli, demo_db):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    rogue = Ed25519PrivateKey.generate()
    found = checkpoint.find(database)
    assert found is not None
    d = found.details
    message = checkpoint.signed_message(d["sequence"], d["hash"], d["rows"], d["digest"])
    _forge_details(
        demo_db,
        kept["entry"],
        public_key=rogue.public_key().public_bytes_raw().hex(),
        signature=rogue.sign(message).hex(),
    )
    # recompute the chain from the forged entry on, as the insider would
    with outside_connection(demo_db) as connection:
        rows = list(connection.execute("SELECT * FROM audit_entry ORDER BY id"))
    prev, statements = rows[kept["entry"] - 2][8], []
    for row in rows[kept["entry"] - 1 :]:
        digest = audit.entry_hash(row[0], *row[1:7], prev)
        statements.append(
            f"UPDATE audit_entry SET prev_hash = '{prev}', hash = '{digest}' WHERE id = {row[0]}"
        )
        prev = digest
    tamper(demo_db, *statements, f"UPDATE audit_head SET last_hash = '{prev}'")
    run = cli("audit", "verify")
    assert run.code == 4 and "not certified back to the root" in run.err


def test_parts_from_another_checkpoint_are_refused(kept, cli, demo_db):
    tamper(demo_db, "UPDATE replay_checkpoint SET entry = entry - 1 WHERE part = 0")
    run = cli("audit", "verify")
    assert run.code == 4 and "replay checkpoint" in run.err


def test_a_second_checkpoint_folds_from_the_first(kept, cli, demo_db, monkeypatch):
    folded: list[tuple[int, int]] = []
    real = audit.fold_entries
    monkeypatch.setattr(
        audit,
        "fold_entries",
        lambda db, state, after, upto: folded.append((after, upto)) or real(db, state, after, upto),
    )
    second = cli("audit", "checkpoint", "--json")
    assert second.code == 0, second
    assert folded == [(kept["sequence"], second.json()["sequence"])]
    assert {entry for _, entry, _, _ in parts(demo_db)} == {second.json()["entry"]}
    return_one(cli)
    run = cli("audit", "verify", "--json")
    assert run.code == 0 and run.json()["checkpoint"]["entry"] == second.json()["entry"]


def test_the_digest_is_as_documented(kept, demo_db):
    """An inspector's script can recompute it from the table alone."""
    digest = hashlib.sha256()
    for part, _, table, body in sorted(parts(demo_db)):
        data = body.encode()
        digest.update(f"{part}\n{table}\n{len(data)}\n".encode() + data)
    found = checkpoint.find(database)
    assert found is not None and found.details["digest"] == digest.hexdigest()


def test_a_lend_after_the_checkpoint_replays_clean_in_two_processes(kept, monkeypatch):
    monkeypatch.setattr(audit, "PARALLEL_FROM", 1)
    verified, differences, total = audit.verify_and_compare(database, checkpoint.find(database))
    assert verified.ok and (differences, total) == ([], 0)


def test_a_part_that_is_not_one_is_refused(kept, cli, demo_db):
    tamper(demo_db, "UPDATE replay_checkpoint SET body = body || '\t' WHERE part = 0")
    run = cli("audit", "verify")
    assert run.code == 4 and "altered" in run.err


def test_images_not_in_the_programs_format_make_no_checkpoint():
    for state in ({"copy": {"1": "[1,\n2]"}}, {"copy": {"x": "[1]"}}, {"loan": {"2": 7}}):
        with pytest.raises(BadInput, match="not in the program's format"):
            checkpoint.parts_of(state)
    parts_ = checkpoint.parts_of({"copy": {"10": "[1]", "9": None, "2": '["a\\tb"]'}})
    assert parts_ == [("copy", '2\t["a\\tb"]\n9\t\n10\t[1]')]
    assert checkpoint.images_of(parts_[0][1]) == {"2": '["a\\tb"]', "9": None, "10": "[1]"}
