"""The inspector's bundle proves who made it: the manifest is signed with a supervisor's seal
key certified back to the catalogue's root, the bundle carries the whole audit trail and a
verifier that needs only Python and ``cryptography``, and every way an insider alters it
fails ``check-bundle``, ``verify_bundle.py`` and ``inspection verify-chain --bundle``.

The export is a supervisor's audited act, built in a hidden folder and renamed into place
with its audit entry: a failure part way leaves no folder and no entry."""

from __future__ import annotations

import ast
import errno
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from readingroom import audit, bundle, seals, staff
from readingroom import verify_bundle as verifier
from readingroom.errors import EnvironmentProblem, NotPermitted
from readingroom.store.db import close_database, open_database
from readingroom.store.models import AuditEntry
from tests.core.bundle_support import (
    append_entry,
    bare_python,
    manifest_lines,
    new_key,
    remanifest,
    resign,
    run_verifier,
    signature_file,
    trail,
    write_trail,
)
from tests.core.cli_support import BOSS, PASSWORD, InProcess, audit_count
from tests.core.inspection_support import (  # noqa: F401 - fixtures
    Calendar,
    built_collection_fixture,
    calendar_fixture,
    collection_db_fixture,
    pdf_text,
)

KINDS = "inventory,loans,inspection"


@pytest.fixture(scope="module")
def signed_bundle(built_collection, tmp_path_factory) -> Path:
    """A bundle of three kinds, exported once for this module by the signed-in supervisor."""
    source, day = built_collection
    work = tmp_path_factory.mktemp("signed")
    db = work / "catalogue.db"
    shutil.copyfile(source, db)
    folder = work / "bundle"
    with pytest.MonkeyPatch.context() as patch:
        Calendar(patch, day)
        open_database(db)
        try:
            boss = staff.authenticate(BOSS, PASSWORD)
            bundle.export_bundle(boss, folder, bundle.parse_kinds(KINDS))
        finally:
            close_database()
    shutil.copyfile(db, work / "after-export.db")
    return folder


@pytest.fixture
def copy(signed_bundle, tmp_path) -> Path:
    folder = tmp_path / "bundle"
    shutil.copytree(signed_bundle, folder)
    return folder


@pytest.fixture
def catalogue(signed_bundle, tmp_path, monkeypatch, built_collection):
    """The catalogue as it was just after the export (the bundle's own catalogue)."""
    path = tmp_path / "catalogue.db"
    shutil.copyfile(signed_bundle.parent / "after-export.db", path)
    Calendar(monkeypatch, built_collection[1])
    open_database(path)
    yield path
    close_database()


@pytest.fixture
def cli(catalogue, capsys, monkeypatch) -> InProcess:
    return InProcess(catalogue, capsys, monkeypatch)


# -- a good bundle --------------------------------------------------------------------------


def test_a_signed_bundle_holds_the_trail_the_verifier_and_a_sign_off(copy, catalogue):
    listed = [name for name, _ in manifest_lines(copy)]
    assert listed == sorted(
        [
            "inventory.csv",
            "inventory.pdf",
            "loans.csv",
            "loans.pdf",
            "inspection.csv",
            "inspection.pdf",
            "union-inventory.csv",
            "union-inspection.csv",
            "bundle.json",
            "audit-trail.jsonl",
            "verify_bundle.py",
        ]
    )
    outside = sorted(p.name for p in copy.iterdir() if p.name not in listed)
    assert outside == ["MANIFEST.sha256", "MANIFEST.sha256.sig", "inspection-signoff.pdf"]
    assert (copy / "verify_bundle.py").read_bytes() == Path(verifier.__file__).read_bytes()
    signature = signature_file(copy)
    assert signature["signer"] == BOSS
    assert signature["root_fingerprint"] == seals.root_fingerprint()
    info = json.loads((copy / "bundle.json").read_text("utf-8"))
    assert info["root_fingerprint"] == seals.root_fingerprint()
    assert info["exported_by"] == BOSS and info["kinds"] == ["inventory", "loans", "inspection"]
    check = bundle.check_bundle(copy)
    assert check.ok, check.failures
    assert (check.signed, check.signer, check.root_fingerprint) == (
        True,
        BOSS,
        seals.root_fingerprint(),
    )


def test_the_trail_file_is_the_whole_audit_trail_with_its_keys_and_seals(copy, catalogue):
    entries = trail(copy)
    info = json.loads((copy / "bundle.json").read_text("utf-8"))
    stored = list(
        AuditEntry.select().where(AuditEntry.id <= len(entries)).order_by(AuditEntry.id).tuples()
    )
    assert [tuple(e[f] for f in verifier.TRAIL_FIELDS) for e in entries] == stored
    assert (entries[-1]["id"], entries[-1]["hash"]) == (
        info["audit"]["count"],
        info["audit"]["last_hash"],
    )
    actions = {e["action"] for e in entries}
    assert {"seal-key", "seal"} <= actions
    assert bundle.check_bundle(copy).seals >= 1


def test_the_verifier_runs_alone_and_prints_the_root_fingerprint(copy, catalogue):
    alone = bare_python("-c", "import readingroom", cwd=copy)
    assert alone.returncode != 0  # the inspector's Python has no Reading Room
    done = run_verifier(copy)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "RESULT: every check holds." in done.stdout
    assert verifier.format_fingerprint(seals.root_fingerprint()) in done.stdout
    source = ast.parse((copy / "verify_bundle.py").read_text("utf-8"))
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(source)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in (
            node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")]
        )
    }
    assert "readingroom" not in imported and imported <= {
        "__future__",
        "hashlib",
        "json",
        "os",
        "re",
        "sys",
        "collections",
        "dataclasses",
        "pathlib",
        "typing",
        "cryptography",
    }


def test_the_verifier_computes_the_chain_hash_exactly_as_the_catalogue(catalogue):
    for entry in AuditEntry.select().order_by(AuditEntry.id):
        fields = (
            entry.id,
            entry.at,
            entry.staff,
            entry.action,
            entry.entity,
            entry.entity_id,
            entry.details,
            entry.prev_hash,
        )
        assert verifier.entry_hash(*fields) == audit.entry_hash(*fields) == entry.hash
    odd = (7, "2026-01-01T00:00:00", "김", "x\u2028y", "e", '"', '{"k":"값"}', "0" * 64)
    assert verifier.entry_hash(*odd) == audit.entry_hash(*odd)


def test_the_sign_off_sheet_carries_the_manifest_hash_and_the_fingerprints(copy, catalogue):
    text = pdf_text(copy / "inspection-signoff.pdf")
    compact = text.replace(" ", "")
    assert verifier.sha256_file(copy / "MANIFEST.sha256") in compact
    assert seals.root_fingerprint() in compact
    info = json.loads((copy / "bundle.json").read_text("utf-8"))
    assert info["audit"]["last_hash"] in compact
    assert "Chief Supervisor" in text and "inspector" in text


def test_check_bundle_and_verify_chain_pass_a_good_bundle(copy, cli):
    done = cli("check-bundle", str(copy), user=None, password=None)
    assert done.code == 0, done
    assert verifier.format_fingerprint(seals.root_fingerprint()) in done.out
    assert cli("inspection", "verify-chain", "--bundle", str(copy)).code == 0


# -- the insider's alterations ---------------------------------------------------------------


def _edit_csv_and_its_manifest_line(folder: Path) -> str:
    path = folder / "loans.csv"
    path.write_text(path.read_text("utf-8").replace("W2", "W9"), "utf-8")
    remanifest(folder)
    return "signature does not verify"


def _add_a_file(folder: Path) -> str:
    (folder / "notes.txt").write_text("the missing copy was found later", "utf-8")
    return "notes.txt: not in the manifest"


def _add_a_file_and_list_it(folder: Path) -> str:
    (folder / "extra.csv").write_text("barcode\nA001\n", "utf-8")
    lines = (folder / "MANIFEST.sha256").read_text("utf-8")
    (folder / "MANIFEST.sha256").write_text(
        lines + f"{verifier.sha256_file(folder / 'extra.csv')}  extra.csv\n", "utf-8"
    )
    return "signature does not verify"


def _delete_a_kinds_files(folder: Path) -> str:
    for name in ("loans.csv", "loans.pdf"):
        (folder / name).unlink()
    remanifest(folder, drop=("loans.csv", "loans.pdf"))
    return "the loans report is listed in bundle.json"


def _edit_a_trail_line(folder: Path) -> str:
    entries = trail(folder)
    entries[4]["details"] = entries[4]["details"].replace("}", ',"note":"x"}', 1)
    write_trail(folder, entries)
    return "entry 5 was changed"


def _edit_a_trail_line_and_rehash(folder: Path) -> str:
    entries = trail(folder)
    entries[4]["details"] = entries[4]["details"].replace("}", ',"note":"x"}', 1)
    write_trail(folder, entries, rehash_from=5)
    remanifest(folder)
    return "no longer has the hash that was sealed"


def _another_keys_signature(folder: Path) -> str:
    key, public = new_key()
    resign(folder, key, public, BOSS)
    return "not certified"


def _a_key_certified_by_itself(folder: Path) -> str:
    key, public = new_key()
    entries = trail(folder)
    certificate = key.sign(verifier.key_message("lib", public)).hex()
    append_entry(
        entries,
        "seal-key",
        "staff",
        "lib",
        {
            "public_key": public,
            "certifier_key": public,
            "certified_by": "lib",
            "certificate": certificate,
            "root": False,
        },
    )
    write_trail(folder, entries, rehash_from=len(entries))
    remanifest(folder)
    resign(folder, key, public, "lib")
    return "certified by a key that is not certified before it"


def _no_signature_file(folder: Path) -> str:
    (folder / "MANIFEST.sha256.sig").unlink()
    return "MANIFEST.sha256.sig is missing"


def _another_sign_off_sheet(folder: Path) -> str:
    from readingroom.pdf import write_signoff_sheet

    write_signoff_sheet(
        folder / "inspection-signoff.pdf",
        branch="Another branch",
        exported_at="2026-11-02 12:00",
        fields=[("SHA-256 of the manifest", "0" * 64)],
        signer="Someone",
    )
    return "inspection-signoff.pdf was changed"


def _a_truncated_trail(folder: Path) -> str:
    entries = trail(folder)
    write_trail(folder, entries[:-3])
    remanifest(folder)
    return "signature does not verify"


ATTACKS = {
    f.__name__.lstrip("_"): f
    for f in (
        _edit_csv_and_its_manifest_line,
        _add_a_file,
        _add_a_file_and_list_it,
        _delete_a_kinds_files,
        _edit_a_trail_line,
        _edit_a_trail_line_and_rehash,
        _another_keys_signature,
        _a_key_certified_by_itself,
        _no_signature_file,
        _another_sign_off_sheet,
        _a_truncated_trail,
    )
}


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_each_alteration_fails_every_check(copy, cli, attack):
    expected = ATTACKS[attack](copy)
    check = bundle.check_bundle(copy)
    assert not check.ok and check.altered
    assert any(expected in failure for failure in check.failures), check.failures
    done = cli("check-bundle", str(copy), user=None, password=None)
    assert done.code == 4 and expected in done.err, done
    verified = run_verifier(copy)
    assert verified.returncode == 4, verified.stdout + verified.stderr
    assert expected in verified.stdout and "does NOT verify" in verified.stdout
    chained = cli("inspection", "verify-chain", "--bundle", str(copy))
    assert chained.code == 4 and "The bundle in" in chained.err
    assert "altered" in chained.err and "catalogue's audit trail" not in chained.err


def test_a_rewritten_catalogue_is_blamed_not_the_bundle(copy, cli, catalogue):
    from tests.core.test_bundle import rewrite_history

    close_database()
    rewrite_history(catalogue, 3)
    open_database(catalogue)
    done = cli("inspection", "verify-chain", "--bundle", str(copy))
    assert done.code == 4 and done.err.startswith("The catalogue"), done
    assert "was altered after it was exported" not in done.err


def test_verifier_exit_codes_for_usage_and_a_folder_that_is_no_bundle(copy, tmp_path):
    assert bare_python(str(copy / "verify_bundle.py"), "a", "b", cwd=tmp_path).returncode == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    done = bare_python(str(copy / "verify_bundle.py"), str(empty), cwd=tmp_path)
    assert done.returncode == 1 and "not an export bundle" in done.stderr
    assert bare_python(str(copy / "verify_bundle.py"), str(copy), cwd=tmp_path).returncode == 0


# -- who may export, and the audit entry -----------------------------------------------------


def test_the_export_is_audited(catalogue, cli, tmp_path):
    folder = tmp_path / "again"
    done = cli("export-bundle", "--out", str(folder), "--kinds", "loans,overdue")
    assert done.code == 0, done
    entry = (
        AuditEntry.select()
        .where(AuditEntry.action == "export-bundle")
        .order_by(AuditEntry.id.desc())
        .first()
    )
    details = json.loads(entry.details)
    assert (entry.staff, entry.action, entry.entity) == (BOSS, "export-bundle", "bundle")
    assert details["kinds"] == ["loans", "overdue"]
    assert sorted(details["files"]) == [name for name, _ in manifest_lines(folder)]
    assert details["manifest_sha256"] == verifier.sha256_file(folder / "MANIFEST.sha256")
    assert details["manifest_sha256"] in done.out
    assert audit.verify().ok


@pytest.mark.parametrize("who", ["lib", "insp"])
def test_only_a_signed_in_supervisor_exports(catalogue, cli, tmp_path, who):
    before = audit_count(catalogue)
    folder = tmp_path / "theirs"
    done = cli("export-bundle", "--out", str(folder), user=who)
    assert done.code == 5 and "Only a supervisor" in done.err, done
    assert not folder.exists() and not list(tmp_path.glob(".theirs*"))
    after = AuditEntry.select().where(AuditEntry.id > before)
    assert not [e for e in after if e.action == "export-bundle"]


def test_a_supervisor_whose_key_is_not_unlocked_is_refused(catalogue, tmp_path):
    boss = staff.get_staff(BOSS)  # not signed in: the key stays locked
    with pytest.raises(NotPermitted):
        bundle.export_bundle(boss, tmp_path / "b")
    assert not (tmp_path / "b").exists()


# -- nothing half-written ---------------------------------------------------------------------


def _leftovers(parent: Path, name: str) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith((name, f".{name}")))


def _full_disk(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("where", ["trail", "manifest", "sign-off", "signature", "rename"])
def test_a_write_failure_leaves_no_folder_and_no_entry(catalogue, tmp_path, monkeypatch, where):
    boss = staff.authenticate(BOSS, PASSWORD)
    before = audit.chain_head()
    if where == "trail":
        monkeypatch.setattr(bundle, "write_trail", _full_disk)
    elif where == "manifest":
        monkeypatch.setattr(bundle, "write_manifest", _full_disk)
    elif where == "sign-off":
        from readingroom import pdf

        def no_room(*_args, **_kwargs):
            raise EnvironmentProblem("Cannot write inspection-signoff.pdf: No space left.")

        monkeypatch.setattr(pdf, "write_signoff_sheet", no_room)
    elif where == "signature":
        monkeypatch.setattr(
            bundle,
            "_write_json",
            lambda path, data: (
                _full_disk() if path.name == bundle.SIGNATURE else _real_write_json(path, data)
            ),
        )
    else:
        monkeypatch.setattr(
            os,
            "replace",
            lambda *a: _full_disk() if Path(a[0]).name.startswith(".out") else _real_replace(*a),
        )
    with pytest.raises(EnvironmentProblem):
        bundle.export_bundle(boss, tmp_path / "out", ["loans"])
    assert _leftovers(tmp_path, "out") == []
    assert audit.chain_head() == before


_real_write_json = bundle._write_json
_real_replace = os.replace


def test_a_failure_into_an_empty_folder_leaves_it_empty(catalogue, tmp_path, monkeypatch):
    boss = staff.authenticate(BOSS, PASSWORD)
    target = tmp_path / "out"
    target.mkdir()
    real = bundle.write_trail
    monkeypatch.setattr(bundle, "write_trail", _full_disk)
    with pytest.raises(EnvironmentProblem):
        bundle.export_bundle(boss, target, ["loans"])
    assert _leftovers(tmp_path, "out") == ["out"] and list(target.iterdir()) == []
    monkeypatch.setattr(bundle, "write_trail", real)
    assert bundle.export_bundle(boss, target, ["loans"]).folder == target.absolute()
    assert bundle.check_bundle(target).ok


def test_a_killed_exports_work_folder_is_cleared_by_the_next(catalogue, tmp_path):
    boss = staff.authenticate(BOSS, PASSWORD)
    stale = tmp_path / ".out.partial-999999999-abc"  # no process has that number
    stale.mkdir()
    (stale / "loans.csv").write_text("half", "utf-8")
    bundle.export_bundle(boss, tmp_path / "out", ["loans"])
    assert _leftovers(tmp_path, "out") == ["out"]


def test_the_cli_says_so_and_leaves_nothing_on_a_full_disk(catalogue, cli, tmp_path, monkeypatch):
    monkeypatch.setattr(bundle, "write_trail", _full_disk)
    before = audit_count(catalogue)
    done = cli("export-bundle", "--out", str(tmp_path / "out"), "--kinds", "loans")
    assert done.code == 1 and "No space left" in done.err, done
    assert _leftovers(tmp_path, "out") == []
    entries = AuditEntry.select().where(AuditEntry.id > before)
    assert not [e for e in entries if e.action == "export-bundle"]


def _mount_small_tmpfs(folder: Path, kib: int) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    folder.mkdir(exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={kib}k", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


def test_a_really_full_disk_leaves_no_half_folder(catalogue, tmp_path):
    boss = staff.authenticate(BOSS, PASSWORD)
    disk = tmp_path / "disk"
    if not _mount_small_tmpfs(disk, 64):  # room for a few reports, not a whole bundle
        pytest.skip(
            "cannot mount a small tmpfs here (needs root); the injected failures "
            "above stand in for it"
        )
    try:
        before = audit.chain_head()
        with pytest.raises(EnvironmentProblem):
            bundle.export_bundle(boss, disk / "bundle")
        assert list(disk.iterdir()) == []
        assert audit.chain_head() == before
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_an_unsigned_bundle_from_before_fails_the_check_but_is_still_compared(copy, cli):
    """A bundle as earlier versions made it: reports, bundle.json and the manifest only."""
    for name in (
        "audit-trail.jsonl",
        "verify_bundle.py",
        "MANIFEST.sha256.sig",
        "inspection-signoff.pdf",
    ):
        (copy / name).unlink()
    info = json.loads((copy / "bundle.json").read_text("utf-8"))
    for key in (
        "bundle_format",
        "signed",
        "exported_by",
        "files_by_kind",
        "audit_trail",
        "root_fingerprint",
    ):
        info.pop(key)
    (copy / "bundle.json").write_text(json.dumps(info), "utf-8")
    remanifest(copy, drop=("audit-trail.jsonl", "verify_bundle.py"))
    check = bundle.check_bundle(copy)
    assert not check.ok and not check.altered and not check.signed
    done = cli("check-bundle", str(copy), user=None, password=None)
    assert done.code == 4 and "not signed" in done.err
    chained = cli("inspection", "verify-chain", "--bundle", str(copy))
    assert chained.code == 0 and "the bundle is not signed" in chained.out, chained


@pytest.mark.parametrize("sealed_with", ["new key", "replaced key"])
def test_a_replaced_key_no_longer_seals_or_signs(copy, catalogue, sealed_with):
    """Keys as the catalogue treats them: a user's later key replaces the earlier one, so a
    seal made after that with the earlier key fails, while the new key's seal verifies."""
    boss = staff.authenticate(BOSS, PASSWORD)
    old_key, old_public = seals.signing_key(boss), seals.public_key_hex(boss)
    key, public = new_key()
    entries = trail(copy)
    append_entry(
        entries,
        "seal-key",
        "staff",
        BOSS,
        {
            "public_key": public,
            "certifier_key": old_public,
            "certified_by": BOSS,
            "certificate": old_key.sign(verifier.key_message(BOSS, public)).hex(),
            "root": False,
        },
        staff=BOSS,
    )
    signer, signer_public = (key, public) if sealed_with == "new key" else (old_key, old_public)
    head = entries[-1]
    sealed_at = "2026-12-01T10:00:01"
    append_entry(
        entries,
        "seal",
        "audit",
        str(head["id"]),
        {
            "sequence": head["id"],
            "hash": head["hash"],
            "sealed_at": sealed_at,
            "signer": BOSS,
            "public_key": signer_public,
            "signature": signer.sign(
                verifier.seal_message(head["id"], head["hash"], sealed_at)
            ).hex(),
        },
        staff=BOSS,
    )
    write_trail(copy, entries, rehash_from=len(entries) - 1)
    remanifest(copy)
    resign(copy, key, public, BOSS)
    check = bundle.check_bundle(copy)
    verified = run_verifier(copy)
    if sealed_with == "new key":
        assert check.ok, check.failures
        assert verified.returncode == 0, verified.stdout
    else:
        assert not check.ok and any("replaced before it" in f for f in check.failures)
        assert verified.returncode == 4 and "replaced before it" in verified.stdout
