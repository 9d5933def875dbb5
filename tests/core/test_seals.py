"""Seals: supervisors' keys and signatures over the audit chain's head, tried the way an
insider with the file, the source and sqlite3 would attack them.

Each attack rewrites the trail so that the hash chain is consistent with itself again (every
later hash and the head recomputed with the public ``readingroom.audit.entry_hash``) and
expects ``audit verify`` and ``doctor`` to exit 4 all the same.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from readingroom import audit, backup, bundle, circulation, seals, staff, stocktake
from readingroom.errors import NotPermitted
from readingroom.store.db import close_database, open_database, write_transaction
from readingroom.store.models import AuditEntry, SealKey, StaffUser
from tests.core.cli_support import InProcess, dump, outside_connection, tamper

# the same on a SQLite file and on a PostgreSQL server
pytestmark = pytest.mark.both_databases

PASSWORD = "pass-word-1"  # the fixtures' password (tests/conftest.py)
ROW = "id, at, staff, action, entity, entity_id, details"


# -- the insider's tools --------------------------------------------------------------------


def rewrite_trail(db: Path, change: Callable[[list[list]], list[list]]) -> None:
    """Change the trail's rows with sqlite3 (edit, delete or add entries), then number them
    1, 2, 3 ... again and recompute every hash and the head with ``audit.entry_hash``: the
    forgery anyone can make who has the file and the documented format."""
    conn = outside_connection(db)
    with conn:
        rows = change([list(r) for r in conn.execute(f"SELECT {ROW} FROM audit_entry ORDER BY id")])
        conn.execute("DELETE FROM audit_entry")
        prev = audit.GENESIS
        for number, row in enumerate(rows, 1):
            row[0] = number
            digest = audit.entry_hash(*row, prev)
            conn.execute(
                f"INSERT INTO audit_entry ({ROW}, prev_hash, hash) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*row, prev, digest),
            )
            prev = digest
        conn.execute(
            "UPDATE audit_head SET count = ?, last_hash = ? WHERE id = 1", (len(rows), prev)
        )
    conn.close()


def details_of(row: list) -> dict:
    return json.loads(row[6])


def with_details(row: list, **changes: object) -> list:
    return [*row[:6], audit.canonical_details({**details_of(row), **changes})]


def forged_seal(rows: list[list], key: Ed25519PrivateKey, signer: str = "boss") -> list:
    """A seal entry over the last of ``rows``, signed with ``key``."""
    sequence = len(rows)
    conn_hash = _hash_of(rows, sequence)
    at = datetime.now().isoformat(timespec="microseconds")
    signature = key.sign(seals.seal_message(sequence, conn_hash, at)).hex()
    return [
        0,
        at,
        signer,
        "seal",
        "audit",
        str(sequence),
        audit.canonical_details(
            {
                "sequence": sequence,
                "hash": conn_hash,
                "sealed_at": at,
                "signer": signer,
                "public_key": seals.public_hex(key),
                "signature": signature,
            }
        ),
    ]


def _hash_of(rows: list[list], sequence: int) -> str:
    prev = audit.GENESIS
    for number, row in enumerate(rows[:sequence], 1):
        prev = audit.entry_hash(number, *row[1:7], prev)
    return prev


def forged_key(
    username: str, key: Ed25519PrivateKey, certifier: Ed25519PrivateKey, *, root: bool
) -> list:
    public = seals.public_hex(key)
    certificate = certifier.sign(seals.certificate_message(username, public)).hex()
    return [
        0,
        datetime.now().isoformat(timespec="microseconds"),
        username,
        "seal-key",
        "staff",
        username,
        audit.canonical_details(
            {
                "public_key": public,
                "certifier_key": seals.public_hex(certifier),
                "certified_by": username,
                "certificate": certificate,
                "root": root,
            }
        ),
    ]


# -- fixtures -------------------------------------------------------------------------------


@pytest.fixture
def cli(db, capsys, monkeypatch) -> InProcess:
    return InProcess(db, capsys, monkeypatch)


@pytest.fixture
def boss(db) -> StaffUser:
    """The first supervisor, signed in (their root key unlocked)."""
    return staff.authenticate("boss", PASSWORD)


@pytest.fixture
def sealed(db, boss, librarian, inspector, make_copy, make_borrower):
    """A second supervisor, some loans, a window sign-in (sealed), then more loans."""
    staff.add_staff(boss, "deputy", "supervisor", PASSWORD)
    make_copy("B1")
    make_copy("B2")
    make_borrower("W1")
    circulation.lend(librarian, "B1", "W1")
    staff.record_sign_in(staff.authenticate("deputy", PASSWORD))
    circulation.lend(librarian, "B2", "W1")
    return db


def expect_exit_4(cli: InProcess, *why: str) -> None:
    close_database()
    verified = cli("audit", "verify", user="insp")
    assert verified.code == 4, verified
    for text in why:
        assert text in verified.err, verified
    doctor = cli("doctor", user="insp")
    assert doctor.code == 4, doctor
    assert "FAIL seals" in doctor.out, doctor


def seal_entries() -> list[AuditEntry]:
    return list(AuditEntry.select().where(AuditEntry.action == "seal").order_by(AuditEntry.id))


# -- keys -----------------------------------------------------------------------------------


def test_the_first_supervisors_key_is_the_root_and_is_in_the_trail(db):
    row = SealKey.get(SealKey.username == "boss")
    entry = AuditEntry.get(AuditEntry.action == "seal-key")
    details = json.loads(entry.details)
    assert details["root"] is True and details["public_key"] == row.public_key
    assert details["certifier_key"] == row.public_key and details["certified_by"] == "boss"
    assert seals.signature_valid(
        row.public_key,
        details["certificate"],
        b"readingroom-key-v1\nboss\n" + row.public_key.encode(),
    )
    assert seals.root_fingerprint() == hashlib.sha256(bytes.fromhex(row.public_key)).hexdigest()
    stored = json.loads(row.encrypted_private)
    assert stored["kdf"] == "argon2id" and len(bytes.fromhex(stored["ciphertext"])) == 32 + 16
    assert set(stored) == {
        "kdf",
        "salt",
        "time_cost",
        "memory_cost",
        "parallelism",
        "nonce",
        "ciphertext",
    }


def test_sign_in_unlocks_the_key_and_nothing_else_does(db, boss):
    row = SealKey.get(SealKey.username == "boss")
    assert seals.public_key_hex(boss) == row.public_key
    assert seals.signing_key(boss).public_key().public_bytes_raw().hex() == row.public_key
    with pytest.raises(NotPermitted):
        seals.signing_key(staff.get_staff("boss"))  # the same account, not signed in
    assert seals.decrypt_private(row.encrypted_private, "wrong-password") is None
    with pytest.raises(NotPermitted):
        staff.authenticate("boss", "wrong-password")


def test_a_new_supervisor_is_certified_by_the_one_who_adds_them(db, boss):
    staff.add_staff(boss, "deputy", "supervisor", PASSWORD)
    entry = (
        AuditEntry.select()
        .where(AuditEntry.action == "seal-key")
        .order_by(AuditEntry.id.desc())
        .get()
    )
    details = json.loads(entry.details)
    assert entry.entity_id == "deputy" and details["certified_by"] == "boss"
    assert details["root"] is False and details["certifier_key"] == seals.public_key_hex(boss)
    deputy = staff.authenticate("deputy", PASSWORD)
    assert seals.seal_head(deputy).entry.action == "seal"
    assert seals.verify_seals().ok


def test_librarians_and_inspectors_get_no_key_and_cannot_seal(db, librarian, inspector, cli):
    assert SealKey.select().count() == 1  # the root only
    assert cli("audit", "seal", user="lib").code == 5
    assert cli("audit", "seal", user="insp").code == 5
    assert not seal_entries()
    with pytest.raises(NotPermitted):
        seals.seal_head(staff.authenticate("lib", PASSWORD))


def test_the_windows_sign_in_seals_the_head(db, boss):
    staff.record_sign_in(boss)
    newest = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    sign_in = AuditEntry.get_by_id(newest.id - 1)
    assert newest.action == "seal" and sign_in.action == "sign-in"
    details = json.loads(newest.details)
    assert (details["sequence"], details["hash"]) == (sign_in.id, sign_in.hash)
    report = seals.verify_seals()
    assert report.ok and report.count == 1 and report.unsealed_tail == 0
    assert (report.last_sequence, report.last_signer) == (sign_in.id, "boss")


def test_a_stocktake_close_seals_and_records_the_root_fingerprint(db, boss, make_copy):
    make_copy("B1")
    stocktake.start(boss)
    stocktake.scan(boss, "B1")
    closed = stocktake.close(boss, "Lee Min-jae")
    assert closed.stocktake.root_fingerprint == seals.root_fingerprint()
    assert closed.as_dict()["audit"]["root_fingerprint"] == seals.root_fingerprint()
    newest = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert newest.action == "seal"
    # the stocktake records the head before the entry of its own signing, which the seal covers
    assert json.loads(newest.details)["sequence"] == closed.stocktake.audit_count + 1


def test_the_command_line_seals_at_audit_seal_and_its_reads_write_nothing(db, cli, boss):
    before = dump(db)
    assert cli("audit", "verify").code == 0
    assert cli("audit", "list").code == 0
    assert dump(db) == before
    assert cli("inspection", "schedule", "2030-01-15").code == 0
    assert AuditEntry.select().order_by(AuditEntry.id.desc()).get().action != "seal"
    done = cli("audit", "seal", "--json")
    assert done.code == 0 and done.json()["signer"] == "boss"
    assert done.json()["root_fingerprint"] == seals.root_fingerprint()
    newest = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert newest.action == "seal" and newest.staff == "boss"
    assert json.loads(newest.details)["sequence"] == newest.id - 1 == done.json()["sequence"]


# -- catalogues made before seals, keys waiting, passwords -----------------------------------


def keyless_supervisor(username: str) -> None:
    """A supervisor as a catalogue made before seals has them: no key at all."""
    with write_transaction():
        StaffUser.create(
            username=username,
            role="supervisor",
            password_hash=staff.hash_password(PASSWORD),
            created_at=datetime.now(),
        )
        audit.record("system", "staff-add", "staff", username, {"role": "supervisor"})


@pytest.fixture
def old_catalogue(db_path):
    """A catalogue with two supervisors and no keys (as the demo made before seals)."""
    open_database(db_path, create=True)
    keyless_supervisor("first")
    keyless_supervisor("second")
    yield db_path
    close_database()


def test_an_old_catalogue_gets_its_root_at_the_first_sign_in_that_writes(
    old_catalogue, capsys, monkeypatch
):
    cli = InProcess(old_catalogue, capsys, monkeypatch)
    before = dump(old_catalogue)
    assert cli("audit", "verify", user="first").code == 0  # read-only: no key written
    assert dump(old_catalogue) == before
    staff.record_sign_in(staff.authenticate("first", PASSWORD))
    assert SealKey.get(SealKey.username == "first").certificate
    assert seals.root_fingerprint() is not None and len(seal_entries()) == 1
    # the second waits for certification and cannot seal until then
    second = staff.authenticate("second", PASSWORD)
    staff.record_sign_in(second)
    waiting = SealKey.get(SealKey.username == "second")
    assert waiting.certificate is None and len(seal_entries()) == 1
    refused = cli("audit", "seal", user="second")
    assert refused.code == 5 and "not certified" in refused.err
    # the first's next write certifies it
    assert cli("audit", "seal", user="first").code == 0
    assert SealKey.get(SealKey.username == "second").certified_by == "first"
    assert cli("audit", "seal", user="second").code == 0
    assert seals.verify_seals().ok and seals.verify_seals().keys == 2


def test_a_keyless_supervisor_adding_another_becomes_the_root_first(old_catalogue):
    first = staff.authenticate("first", PASSWORD)
    staff.add_staff(first, "third", "supervisor", PASSWORD)
    keys = {k.username: k for k in SealKey.select()}
    assert keys["first"].certified_by == "first" and keys["third"].certified_by == "first"
    assert seals.verify_seals().ok


def test_a_replaced_password_hash_gets_no_new_key_and_no_certificate(db, boss, cli):
    """The insider sets a supervisor's password hash to one they know and signs in as them:
    the real key does not open, so the sign-in is refused (see also
    tests/core/test_insider_attacks.py), no key is made for the impostor, nothing can be
    sealed."""
    staff.add_staff(boss, "deputy", "supervisor", PASSWORD)
    real = SealKey.get(SealKey.username == "deputy")
    tamper(
        db,
        "UPDATE staff_user SET password_hash = ? WHERE username = 'deputy'",
        (staff.hash_password("insiders-password"),),
    )
    with pytest.raises(NotPermitted, match="seal key"):
        staff.authenticate("deputy", "insiders-password")
    staff.record_sign_in(staff.authenticate("boss", PASSWORD))  # would certify a waiting key
    rows = list(SealKey.select().where(SealKey.username == "deputy"))
    assert [r.public_key for r in rows] == [real.public_key] and not rows[0].retired
    refused = cli("audit", "seal", user="deputy", password="insiders-password")
    assert refused.code == 5 and "does not open" in refused.err
    assert seals.verify_seals().ok


def test_verify_lists_every_key_and_who_certified_it(db, boss, cli):
    staff.add_staff(boss, "deputy", "supervisor", PASSWORD)
    data = cli("audit", "verify", "--json").json()
    keys = data["seals"]["key_list"]
    assert [(k["username"], k["root"], k["certified_by"]) for k in keys] == [
        ("boss", True, "boss"),
        ("deputy", False, "boss"),
    ]
    text = cli("audit", "verify").out
    # entry 1 is the baseline of the after-images (migration 0009)
    assert "Seal keys: boss (root, entry 3); deputy (certified by boss" in text


def test_an_own_password_change_keeps_the_key(db, boss):
    public = seals.public_key_hex(boss)
    staff.set_password(boss, "boss", "a-new-password", PASSWORD)
    again = staff.authenticate("boss", "a-new-password")
    assert seals.public_key_hex(again) == public
    assert SealKey.select().where(SealKey.username == "boss").count() == 1


def test_a_reset_by_another_supervisor_makes_a_new_certified_key(db, boss):
    staff.add_staff(boss, "deputy", "supervisor", PASSWORD)
    deputy = staff.authenticate("deputy", PASSWORD)
    old_public = seals.public_key_hex(deputy)
    old_private = seals.signing_key(deputy)
    seals.seal_head(deputy)  # made with the old key: stays valid
    staff.set_password(boss, "deputy", "reset-password")
    rows = list(SealKey.select().where(SealKey.username == "deputy").order_by(SealKey.id))
    assert [r.retired for r in rows] == [True, False]
    assert rows[1].certified_by == "boss" and rows[1].public_key != old_public
    fresh = staff.authenticate("deputy", "reset-password")
    seals.seal_head(fresh)
    assert seals.verify_seals().ok and seals.verify_seals().count == 2
    # a seal with the retired key after its replacement does not verify
    with write_transaction():
        sequence, entry_hash = audit.chain_head()
        at = datetime.now().isoformat(timespec="microseconds")
        audit.record(
            fresh,
            "seal",
            "audit",
            str(sequence),
            {
                "sequence": sequence,
                "hash": entry_hash,
                "sealed_at": at,
                "signer": "deputy",
                "public_key": old_public,
                "signature": old_private.sign(seals.seal_message(sequence, entry_hash, at)).hex(),
            },
        )
    report = seals.verify_seals()
    assert not report.ok and "retired" in report.problem


# -- audit verify --json --------------------------------------------------------------------


def test_verify_json_gives_the_seals_the_root_and_the_unsealed_tail(sealed, cli):
    done = cli("audit", "verify", "--json", user="insp")
    assert done.code == 0, done
    data = done.json()
    count, last_hash = audit.chain_head()
    last_seal = seal_entries()[-1]
    assert data["entries"] == count and data["head"] == {"sequence": count, "hash": last_hash}
    assert data["seals"]["count"] == 1 and data["seals"]["signer"] == "deputy"
    assert data["seals"]["last_sequence"] == last_seal.id - 1
    assert data["unsealed_tail"] == count - last_seal.id > 0
    root = SealKey.get(SealKey.username == "boss").public_key
    assert data["root_fingerprint"] == hashlib.sha256(bytes.fromhex(root)).hexdigest()
    text = cli("audit", "verify", user="insp")
    grouped = " ".join(data["root_fingerprint"][i : i + 4] for i in range(0, 64, 4))
    assert f"Root key fingerprint: {grouped}" in text.out
    assert f"{data['unsealed_tail']} entries after it are not yet sealed" in text.out


def test_the_unsealed_tail_counts_entries_after_the_last_seal(sealed, librarian):
    tail = seals.verify_seals().unsealed_tail
    circulation.return_copy(librarian, "B1")
    assert seals.verify_seals().unsealed_tail == tail + 1


# -- the insider's attacks ------------------------------------------------------------------


def test_a_rewritten_entry_before_the_last_seal_exits_4(sealed, cli):
    def forge(rows):
        lend = next(r for r in rows if r[3] == "lend")
        lend[6] = audit.canonical_details({**details_of(lend), "member_no": "C9"})
        return rows

    rewrite_trail(sealed, forge)
    open_database(sealed)
    assert audit.verify().ok  # the chain is consistent with itself again
    expect_exit_4(cli, "no longer has the hash that was sealed")


@pytest.mark.sqlite_only  # drops a trigger in SQLite's form
def test_an_edited_seal_exits_4(sealed, cli):
    for field, value in (("sealed_at", "2020-01-01T00:00:00.000000"), ("signer", "boss")):
        close_database()
        shutil.copy(sealed, sealed.with_name("forged.db"))
        rewrite_trail(
            sealed,
            lambda rows, f=field, v=value: [
                with_details(r, **{f: v}) if r[3] == "seal" else r for r in rows
            ],
        )
        expect_exit_4(cli, "seal")
        close_database()
        shutil.copy(sealed.with_name("forged.db"), sealed)


def test_a_deleted_key_entry_exits_4(sealed, cli):
    rewrite_trail(
        sealed, lambda rows: [r for r in rows if not (r[3] == "seal-key" and r[5] == "deputy")]
    )
    expect_exit_4(cli, "deputy")


def test_a_deleted_root_key_entry_exits_4(sealed, cli):
    rewrite_trail(
        sealed, lambda rows: [r for r in rows if not (r[3] == "seal-key" and r[5] == "boss")]
    )
    expect_exit_4(cli, "not a self-signed root")


def test_a_second_root_key_and_its_seal_exit_4(sealed, cli):
    mine = Ed25519PrivateKey.generate()

    def forge(rows):
        rows.append(forged_key("boss", mine, mine, root=True))
        rows.append(forged_seal(rows, mine))
        return rows

    rewrite_trail(sealed, forge)
    expect_exit_4(cli, "second root")


def test_a_seal_by_an_uncertified_key_exits_4(sealed, cli):
    mine = Ed25519PrivateKey.generate()
    rewrite_trail(sealed, lambda rows: [*rows, forged_seal(rows, mine, "deputy")])
    expect_exit_4(cli, "not certified back to the root")


def test_a_key_certified_by_an_unknown_key_exits_4(sealed, cli):
    mine, other = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()

    def forge(rows):
        rows.append(forged_key("deputy", mine, other, root=False))
        rows.append(forged_seal(rows, mine, "deputy"))
        return rows

    rewrite_trail(sealed, forge)
    expect_exit_4(cli, "not certified back to the root")


def test_a_broken_certificate_exits_4(sealed, cli):
    rewrite_trail(
        sealed,
        lambda rows: [
            with_details(r, certificate="00" * 64) if r[3] == "seal-key" and r[5] == "deputy" else r
            for r in rows
        ],
    )
    expect_exit_4(cli, "certificate")


# -- against the inspector's bundle ---------------------------------------------------------


def test_bundle_json_carries_the_root_fingerprint(sealed, boss, tmp_path):
    bundle.export_bundle(boss, tmp_path / "b", ["loans"])
    info = json.loads((tmp_path / "b" / bundle.INFO).read_text("utf-8"))
    assert info["root_fingerprint"] == seals.root_fingerprint()


def _signed_bundle(db: Path, boss: StaffUser, folder: Path) -> Path:
    stocktake.start(boss)
    stocktake.close(boss, "Lee Min-jae")
    bundle.export_bundle(boss, folder, ["loans", "inspection"])
    return folder


@pytest.mark.sqlite_only  # copies the SQLite file
def test_verify_chain_catches_a_rollback_to_an_older_copy(sealed, boss, librarian, cli, tmp_path):
    older = backup.make_backup(boss, tmp_path / "older.db")
    circulation.return_copy(librarian, "B1")
    folder = _signed_bundle(sealed, boss, tmp_path / "bundle")
    assert cli("inspection", "verify-chain", "--bundle", str(folder), user="insp").code == 0
    close_database()
    for suffix in ("-wal", "-shm"):
        sealed.with_name(sealed.name + suffix).unlink(missing_ok=True)
    shutil.copy(older, sealed)
    done = cli("inspection", "verify-chain", "--bundle", str(folder), user="insp")
    assert done.code == 4, done
    assert "rolled back to an older copy" in done.err
    assert cli("audit", "verify", user="insp").code == 0  # only the bundle shows it


def test_verify_chain_catches_another_root(sealed, boss, cli, tmp_path, capsys, monkeypatch):
    folder = _signed_bundle(sealed, boss, tmp_path / "bundle")
    close_database()
    other = tmp_path / "other.db"
    open_database(other, create=True)
    staff.create_first_supervisor("boss", PASSWORD)
    staff.add_staff(staff.get_staff("boss"), "insp", "inspector", PASSWORD)
    close_database()
    done = InProcess(other, capsys, monkeypatch)(
        "inspection", "verify-chain", "--bundle", str(folder), user="insp"
    )
    assert done.code == 4, done
    assert "root key fingerprint" in done.err and "differs from the bundle's" in done.err


@pytest.mark.sqlite_only  # copies the SQLite file
def test_verify_chain_catches_a_replaced_root_even_with_a_consistent_trail(
    sealed, boss, cli, tmp_path
):
    """The insider throws every key and seal away and makes their own root: the trail alone
    verifies again, but not against the fingerprint the inspector holds."""
    folder = _signed_bundle(sealed, boss, tmp_path / "bundle")
    mine = Ed25519PrivateKey.generate()

    def forge(rows):
        rows = [r for r in rows if r[3] not in ("seal", "seal-key")]
        return [*rows, forged_key("boss", mine, mine, root=True)]

    close_database()
    rewrite_trail(sealed, forge)
    assert cli("audit", "verify", user="insp").code == 4  # the key table still names theirs
    tamper(sealed, "DROP TRIGGER seal_key_never_deleted")
    tamper(sealed, "DELETE FROM seal_key")
    assert cli("audit", "verify", user="insp").code == 0  # the limit: the trail alone passes
    done = cli("inspection", "verify-chain", "--bundle", str(folder), user="insp")
    assert done.code == 4 and "differs from the bundle's" in done.err


# -- the documented formats, checked by an inspector's own script ----------------------------


def inspectors_script(db: Path) -> tuple[int, int, str]:
    """What docs/RELIABILITY.md lets an inspector write with sqlite3, hashlib, json and
    cryptography alone: recompute the chain, check the keys back to the root and every seal.
    Returns (entries, seals, root fingerprint); raises AssertionError on any failure."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    def valid(public: str, signature: str, message: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(bytes.fromhex(public)).verify(
                bytes.fromhex(signature), message
            )
        except Exception:  # noqa: BLE001 - any failure is "does not verify"
            return False
        return True

    conn = outside_connection(db)
    rows = conn.execute(f"SELECT {ROW}, prev_hash, hash FROM audit_entry ORDER BY id").fetchall()
    head = conn.execute("SELECT count, last_hash FROM audit_head WHERE id = 1").fetchone()
    conn.close()
    prev, hashes, keys, root, sealed = "0" * 64, {}, {}, None, 0
    for number, row in enumerate(rows, 1):
        assert row[0] == number and row[7] == prev
        prev = hashlib.sha256(
            json.dumps(list(row[:7]) + [prev], separators=(",", ":"), ensure_ascii=False).encode(
                "utf-8"
            )
        ).hexdigest()
        assert prev == row[8]
        hashes[number] = prev
        d = json.loads(row[6])
        if row[3] == "seal-key":
            message = b"readingroom-key-v1\n" + row[5].encode() + b"\n" + d["public_key"].encode()
            if root is None:
                assert d["root"] is True and d["certifier_key"] == d["public_key"]
                root = hashlib.sha256(bytes.fromhex(d["public_key"])).hexdigest()
            else:
                assert d["root"] is False and d["certifier_key"] in keys
            assert valid(d["certifier_key"], d["certificate"], message)
            keys[d["public_key"]] = row[5]
        elif row[3] == "seal":
            n = d["sequence"]
            assert keys.get(d["public_key"]) == d["signer"] and 0 < n < number
            assert hashes[n] == d["hash"]
            assert valid(
                d["public_key"],
                d["signature"],
                b"readingroom-seal-v1\n" + f"{n}\n{d['hash']}\n{d['sealed_at']}".encode(),
            )
            sealed += 1
    assert head == (len(rows), prev)
    return len(rows), sealed, root


def test_an_inspectors_own_script_checks_the_trail_from_the_documented_formats(sealed, boss):
    seals.seal_head(boss)
    entries, count, root = inspectors_script(sealed)
    report = seals.verify_seals()
    assert (entries, count, root) == (audit.chain_head()[0], report.count, report.root_fingerprint)
    rewrite_trail(
        sealed,
        lambda rows: [with_details(r, member_no="C9") if r[3] == "lend" else r for r in rows],
    )
    with pytest.raises(AssertionError):
        inspectors_script(sealed)
