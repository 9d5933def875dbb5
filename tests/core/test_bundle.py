"""The inspector's export bundle: its manifest catches a changed file (``sha256sum -c`` and
our own check), and the audit trail is checked against the chain head signed last time.
(Its signature, trail and verifier: test_bundle_signed.py.)"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from readingroom import (
    audit,
    bundle,
    circulation,
    inspection,
    reports,
    staff,
    stocktake,
    union_bundle,
)
from readingroom.errors import BadInput
from readingroom.store.db import close_database, open_database
from readingroom.store.models import AuditEntry
from tests.core.cli_support import BOSS, PASSWORD, InProcess, tamper
from tests.core.inspection_support import (  # noqa: F401 - fixtures
    Calendar,
    built_collection_fixture,
    calendar_fixture,
    collection_db_fixture,
)

SHA256SUM = shutil.which("sha256sum")
TWO_KINDS = "loans,inspection"


@pytest.fixture
def cli(collection_db, capsys, monkeypatch) -> InProcess:
    return InProcess(collection_db, capsys, monkeypatch)


@pytest.fixture(scope="module")
def exported(built_collection, tmp_path_factory) -> tuple[Path, dict]:
    """The default bundle of the collection, exported once for this module."""
    source, day = built_collection
    folder = tmp_path_factory.mktemp("bundle") / "bundle"
    with pytest.MonkeyPatch.context() as patch:
        Calendar(patch, day)
        open_database(source)
        try:
            result = bundle.export_bundle(staff.authenticate(BOSS, PASSWORD), folder)
        finally:
            close_database()
    return folder, result.as_dict()


@pytest.fixture
def bundle_copy(exported, collection_db, tmp_path) -> Path:
    """This test's own copy of the exported bundle (the database is the same collection)."""
    folder = tmp_path / "bundle"
    shutil.copytree(exported[0], folder)
    return folder


def sha256sum_check(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [SHA256SUM, "-c", bundle.MANIFEST], cwd=folder, capture_output=True, text=True, check=False
    )


def manifest_names(folder: Path) -> list[str]:
    return [
        line.split("  ", 1)[1]
        for line in (folder / bundle.MANIFEST).read_text("utf-8").splitlines()
    ]


def test_the_default_bundle_holds_every_report_in_both_formats(exported):
    folder, result = exported
    expected = sorted(
        [f"{kind}.{fmt}" for kind in reports.KINDS for fmt in ("csv", "pdf")]
        + [bundle.INFO, bundle.TRAIL, bundle.VERIFIER]
        # the union catalogue's CSVs, borrowers as the branch's pseudonyms
        + [union_bundle.file_name(kind) for kind in union_bundle.COLUMNS]
    )
    assert manifest_names(folder) == expected
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [*expected, bundle.MANIFEST, bundle.SIGNATURE, bundle.SIGNOFF]
    )
    assert result["skipped"] == {} and result["audit"]["ok"] is True
    assert bundle.check_bundle(folder).ok
    if SHA256SUM:
        assert sha256sum_check(folder).returncode == 0


@pytest.mark.parametrize("change", ["append", "edit", "delete"])
def test_a_changed_file_fails_the_manifest_check(bundle_copy, cli, change):
    folder = bundle_copy
    target = folder / "inspection.csv"
    if change == "append":
        with target.open("a", encoding="utf-8") as stream:
            stream.write("A005,Work 5,1,present,,,Safe A/1,good\n")
    elif change == "edit":
        target.write_text(target.read_text("utf-8").replace("missing", "present "), "utf-8")
    else:
        target.unlink()
    result = bundle.check_bundle(folder)
    assert not result.ok
    assert [(f.name, f.status) for f in result.failed] == [
        ("inspection.csv", "MISSING" if change == "delete" else "FAILED")
    ]
    assert all(f.status == "OK" for f in result.files if f.name != "inspection.csv")
    if SHA256SUM:
        checked = sha256sum_check(folder)
        assert checked.returncode != 0 and "inspection.csv: FAILED" in checked.stdout
    done = cli("check-bundle", str(folder))
    assert done.code == 4 and "inspection.csv" in done.err


def test_check_bundle_needs_no_database_and_reports_a_good_bundle(bundle_copy, cli, tmp_path):
    copy = bundle_copy
    done = cli("check-bundle", str(copy), "--json", user=None, password=None)
    assert done.code == 0, done
    data = done.json()
    assert (data["ok"], data["extra"], data["problems"]) == (True, [], [])
    assert set(data["files"].values()) == {"OK"}
    # each kind twice, three more, and the union catalogue's CSVs
    assert len(data["files"]) == 2 * len(reports.KINDS) + 3 + len(union_bundle.COLUMNS)
    (copy / "notes.txt").write_text("added by hand", "utf-8")
    added = cli("check-bundle", str(copy), "--json", user=None, password=None)
    assert added.code == 4 and added.json()["extra"] == ["notes.txt"]
    assert "notes.txt: not in the manifest" in added.err
    (copy / bundle.MANIFEST).write_text("not a checksum line\n", "utf-8")
    assert cli("check-bundle", str(copy)).code == 4
    assert cli("check-bundle", str(tmp_path)).code == 1  # no manifest at all


def test_without_a_stocktake_the_inspection_report_is_left_out(
    db, calendar, capsys, monkeypatch, tmp_path
):
    cli = InProcess(db, capsys, monkeypatch)
    folder = tmp_path / "bundle"
    done = cli("export-bundle", "--out", str(folder), "--kinds", TWO_KINDS)
    assert done.code == 0, done
    assert "Left out the inspection report" in done.out
    assert manifest_names(folder) == [
        "audit-trail.jsonl",
        "bundle.json",
        "loans.csv",
        "loans.pdf",
        "verify_bundle.py",
    ]
    info = json.loads((folder / bundle.INFO).read_text("utf-8"))
    assert "inspection" in info["skipped"] and info["signed_head"] is None
    assert info["audit"]["ok"] is True


def test_kinds_and_the_folder_are_checked(cli, tmp_path):
    assert bundle.parse_kinds(" loans, overdue,loans ") == ["loans", "overdue"]
    with pytest.raises(BadInput):
        bundle.parse_kinds("loans,gossip")
    assert cli("export-bundle", "--out", str(tmp_path / "b"), "--kinds", "gossip").code == 1
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "old.csv").write_text("x", "utf-8")
    assert cli("export-bundle", "--out", str(busy), "--kinds", "loans").code == 1
    assert sorted(p.name for p in busy.iterdir()) == ["old.csv"]


def test_bundle_json_records_the_audit_state_and_the_signed_head(bundle_copy):
    signed = inspection.last_signed_stocktake()
    info = json.loads((bundle_copy / bundle.INFO).read_text("utf-8"))
    assert info["signed_head"]["count"] == signed.audit_count
    assert info["signed_head"]["hash"] == signed.audit_hash
    count, _ = audit.chain_head()  # the export's own entry follows the head it recorded
    export = AuditEntry.get_by_id(count)
    assert export.action == "export-bundle" and info["audit"]["count"] == count - 1
    assert export.prev_hash == info["audit"]["last_hash"]
    assert bundle.recorded_head(bundle_copy)[:2] == (signed.audit_count, signed.audit_hash)
    (bundle_copy / bundle.INFO).unlink()  # without bundle.json, the inspection CSV says it
    assert bundle.recorded_head(bundle_copy)[:2] == (signed.audit_count, signed.audit_hash)


# -- the audit trail still extends the signed head ----------------------------------------


def test_later_work_extends_the_signed_head(bundle_copy, cli):
    circulation.return_copy(staff.get_staff("lib"), "A003")
    check = inspection.check_since_last_signed()
    assert check.ok and check.current_count > check.recorded_count
    assert cli("inspection", "verify-chain").code == 0
    assert cli("inspection", "verify-chain", "--bundle", str(bundle_copy)).code == 0
    opened = cli("inspection", "start", "--json")
    assert opened.code == 0 and opened.json()["chain"]["ok"] is True


def test_an_edited_audit_entry_breaks_the_chain_check(collection_db, cli):
    tamper(collection_db, "UPDATE audit_entry SET details = '{}' WHERE id = 5")
    check = inspection.check_since_last_signed()
    assert not check.ok and "entry 5" in check.problem
    done = cli("inspection", "verify-chain")
    assert done.code == 4 and "does not extend" in done.err


def rewrite_history(db: Path, entry_id: int) -> None:
    """Change one entry and recompute every hash after it, head included: a forgery that
    the chain alone cannot reveal (it is consistent with itself)."""
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(
            "UPDATE audit_entry SET details = '{\"forged\":true}' WHERE id = ?", (entry_id,)
        )
        prev = audit.GENESIS
        rows = conn.execute(
            "SELECT id, at, staff, action, entity, entity_id, details FROM audit_entry ORDER BY id"
        ).fetchall()
        for row in rows:
            digest = audit.entry_hash(*row, prev)
            conn.execute(
                "UPDATE audit_entry SET prev_hash = ?, hash = ? WHERE id = ?",
                (prev, digest, row[0]),
            )
            prev = digest
        conn.execute("UPDATE audit_head SET last_hash = ? WHERE id = 1", (prev,))
    conn.close()


def test_a_rewritten_history_is_caught_by_the_signed_head(collection_db, bundle_copy, cli):
    rewrite_history(collection_db, 3)
    assert audit.verify().ok  # consistent with itself...
    check, _ = bundle.check_chain_against_bundle(bundle_copy)
    assert not check.ok and "rewritten" in check.problem  # ...but not with what was signed
    assert cli("inspection", "verify-chain", "--bundle", str(bundle_copy)).code == 4
    assert cli("inspection", "verify-chain").code == 4


def test_verify_chain_needs_a_signed_stocktake(db, calendar, capsys, monkeypatch):
    cli = InProcess(db, capsys, monkeypatch)
    assert cli("inspection", "verify-chain").code == 1
    stocktake.start(staff.get_staff(BOSS))
    assert cli("inspection", "verify-chain").code == 1  # open, not signed


def test_a_union_bundle_from_the_command_line_and_what_it_refuses(cli, tmp_path):
    folder = tmp_path / "union"
    done = cli("export-bundle", "--union", "--out", str(folder), "--kinds", "loans,inventory")
    assert done.code == 0, done
    assert manifest_names(folder) == [
        "audit-trail.jsonl",
        "bundle.json",
        "inventory.csv",  # loans is not a kind the union catalogue reads: left out
        "verify_bundle.py",
    ]
    header = (folder / "inventory.csv").read_text("utf-8").splitlines()[0]
    assert header.split(",")[-2:] == ["borrower", "due"]
    checked = cli("check-bundle", str(folder), user=None, password=None)
    assert checked.code == 0 and "withheld" in checked.out and "union bundle" in checked.out
    none = cli("export-bundle", "--union", "--out", str(tmp_path / "none"), "--kinds", "loans")
    assert none.code == 1 and "union bundle carries" in none.err
