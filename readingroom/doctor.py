"""Checking a database file: integrity, schema version and audit chain, in plain words.

:func:`check_file` looks at any file (the catalogue, a backup, a file offered for restore)
through its own connection, never through the open catalogue, and changes nothing in it.
:func:`quick_check` is the fast variant the window runs at start; :func:`diagnose` is the
``doctor`` command: the full check plus the newest backup that passes it.

Three verdicts: healthy; busy (another program holds the file locked: not damage, try
again); damaged (then ``damaged: restore FILE`` names the newest good backup). The full check
also looks for the database's own guards by name (:data:`readingroom.guards.EXPECTED_GUARDS`)
and for rows that break an invariant (:data:`readingroom.guards.INVARIANTS`). A backup that
cannot be read is passed over, and reported, never an error of its own.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peewee import DatabaseError as PeeweeDatabaseError
from peewee import SqliteDatabase

from readingroom import audit, checkpoint, guards, replay, seals
from readingroom.backup_names import list_backups
from readingroom.errors import SQLITE_NOTADB, DatabaseLocked, ReadingRoomError, WrongPassphrase
from readingroom.store.db import (
    SIGNATURE_TABLES,
    applied_migrations,
    effective_key,
    file_database,
    is_locked_error,
    is_plaintext,
    latest_schema_version,
    schema_version,
    sqlite_code,
    translate_error,
)
from readingroom.store.models import AuditEntry, AuditHead, SealKey
from readingroom.store.server import ServerUrl, server_database
from readingroom.wording import count

OK = "ok"
SEALS = "seals"
#: the names of the checks that say why a file could not be looked at
BUSY, PASSPHRASE = "busy", "passphrase"
#: offending rows shown per invariant
SHOWN = 5


@dataclass(frozen=True)
class Check:
    """One finding: what was checked, whether it passed, and what was seen."""

    name: str
    ok: bool
    detail: str

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "ok": self.ok, "detail": self.detail}


@dataclass(frozen=True)
class FileCheck:
    """Everything found about one file (or a catalogue on a server); ``ok`` when every
    check passed."""

    path: Path | ServerUrl
    checks: tuple[Check, ...]
    schema_version: int = 0
    audit_entries: int = 0
    encrypted: bool = False

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(c.ok for c in self.checks)

    @property
    def busy(self) -> bool:
        """Another program holds the file locked: nothing is known about its health."""
        return any(c.name == BUSY and not c.ok for c in self.checks)

    @property
    def wrong_passphrase(self) -> bool:
        """The passphrase given does not open the (encrypted) file."""
        return any(c.name == PASSPHRASE and not c.ok for c in self.checks)

    @property
    def problem(self) -> str:
        """The first failed check in plain words ("" when healthy)."""
        return next((c.detail for c in self.checks if not c.ok), "")

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "ok": self.ok,
            "busy": self.busy,
            "problem": self.problem,
            "schema_version": self.schema_version,
            "audit_entries": self.audit_entries,
            "encrypted": self.encrypted,
            "checks": [c.as_dict() for c in self.checks],
        }


#: the check of the tables against the trail (``doctor`` exits 4 when it fails)
TABLES_CHECK = "tables"


@dataclass
class _Findings:
    checks: list[Check] = field(default_factory=list)
    version: int = 0
    entries: int = 0

    def add(self, name: str, ok: bool, detail: str) -> bool:
        self.checks.append(Check(name, ok, detail))
        return ok


def check_file(path: str | Path, key: str | None = None, *, full: bool = True) -> FileCheck:
    """Open ``path`` read-only and check it: a Reading Room database, intact
    (``integrity_check``, or ``quick_check`` when not ``full``), a schema this program
    knows, and (when ``full``) an audit chain that verifies, the guards in place and no row
    breaking an invariant. Never raises for what it finds in the file."""
    path = Path(path)
    found = _Findings()
    if not _check_present(path, found):
        return FileCheck(path, tuple(found.checks))
    key = effective_key(path, key)
    encrypted = bool(key) or not is_plaintext(path)
    try:
        _check_contents(path, key, full, found)
    except (PeeweeDatabaseError, sqlite3.DatabaseError, OSError, ReadingRoomError) as exc:
        _add_unreadable(path, key, exc, found)
    return FileCheck(path, tuple(found.checks), found.version, found.entries, encrypted)


def quick_check(path: str | Path, key: str | None = None) -> FileCheck:
    """The start-up check: readable, a Reading Room database, ``PRAGMA quick_check`` passes."""
    return check_file(path, key, full=False)


def _check_present(path: Path, found: _Findings) -> bool:
    if not path.is_file():
        return found.add("file", False, f"There is no database file at {path}.")
    if path.stat().st_size == 0:
        return found.add("file", False, f"{path} is empty.")
    return found.add("file", True, f"{path.stat().st_size:,} bytes")


def _add_unreadable(path: Path, key: str | None, exc: BaseException, found: _Findings) -> None:
    """Why the file could not be looked at (or stopped being readable half way)."""
    if isinstance(exc, WrongPassphrase):
        found.add(
            PASSPHRASE,
            False,
            f"The passphrase does not open {path} (or its first page is damaged).",
        )
        return
    if isinstance(exc, DatabaseLocked) or is_locked_error(exc):
        found.add(BUSY, False, f"busy: another program is using {path}, try again.")
        return
    text = str(exc)
    if sqlite_code(exc) == SQLITE_NOTADB and not found.checks[1:]:
        if not is_plaintext(path):
            found.add(
                "open",
                False,
                f"{path} is encrypted or is not a database at all (set "
                "READINGROOM_KEY if it is encrypted).",
            )
        else:
            found.add("open", False, f"{path} is damaged: its first page cannot be read.")
        return
    if isinstance(exc, PeeweeDatabaseError | sqlite3.DatabaseError):
        found.add("integrity", False, f"The file is damaged: a page cannot be read ({text}).")
        return
    found.add("open", False, f"{path} cannot be read: {text}")


def _check_contents(path: Path, key: str | None, full: bool, found: _Findings) -> None:
    db = file_database(path, key, readonly=True)
    try:
        try:
            db.connect()
            db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
        except (PeeweeDatabaseError, sqlite3.DatabaseError) as exc:
            translated = translate_error(exc, path, encrypted=bool(key))
            if isinstance(translated, WrongPassphrase):
                raise translated from exc
            raise
        if not _check_signature(db, found):
            return
        if not _check_integrity(db, full, found):
            return
        _check_schema(db, found)
        if full:
            _check_audit(db, found)
            _check_guards(db, found)
            _check_invariants(db, found)
    finally:
        db.close()


def _check_signature(db: SqliteDatabase, found: _Findings) -> bool:
    missing = [t for t in SIGNATURE_TABLES if t not in set(db.get_tables())]
    if missing:
        return found.add(
            "signature",
            False,
            "This is not a Reading Room database (no " + ", ".join(missing) + " table).",
        )
    return found.add("signature", True, "a Reading Room database")


def _check_integrity(db: SqliteDatabase, full: bool, found: _Findings) -> bool:
    pragma = "integrity_check" if full else "quick_check"
    rows = [r[0] for r in db.execute_sql(f"PRAGMA {pragma}(20)").fetchall()]
    if rows == [OK]:
        return found.add("integrity", True, f"{pragma}: ok")
    shown = "; ".join(rows[:3]) + (f" (and {len(rows) - 3} more)" if len(rows) > 3 else "")
    return found.add("integrity", False, f"The file is damaged ({pragma}: {shown}).")


def _check_schema(db: SqliteDatabase, found: _Findings) -> bool:
    found.version = version = schema_version(db)
    latest = latest_schema_version()
    if version < 1:
        return found.add("schema", False, "The schema has no migrations recorded.")
    if version > latest:
        return found.add(
            "schema",
            False,
            f"Schema version {version} is newer than this program knows "
            f"({latest}): update Reading Room.",
        )
    note = "" if version == latest else f" (will be brought up to {latest} when opened)"
    return found.add("schema", True, f"schema version {version}{note}")


def _check_audit(db: SqliteDatabase, found: _Findings) -> bool:
    with db.bind_ctx([AuditEntry, AuditHead, SealKey]):
        # the chain, then the tables (from the replay checkpoint when there is one)
        result, differences, total = audit.verify_and_compare(db, checkpoint.find(db))
        sealed = seals.verify_seals()  # the seals and their keys: a pass of its own
    found.entries = result.count
    if result.ok:
        found.add("audit", True, f"audit chain verifies: {count(result.count, 'entry')}")
    else:
        found.add(
            "audit",
            False,
            f"The audit chain is broken at entry {result.bad_entry}: {result.problem}.",
        )
    if not sealed.ok:
        return found.add(SEALS, False, f"The audit trail's seals do not verify: {sealed.problem}.")
    if result.checkpoint_broken:  # a signed entry, as a seal is
        return found.add(SEALS, False, f"{result.problem[:1].upper()}{result.problem[1:]}.")
    if not result.ok and sealed.last_sequence and (result.bad_entry or 0) <= sealed.last_sequence:
        return found.add(
            SEALS,
            False,
            f"Entry {result.bad_entry} was changed under the seal "
            f"of entries 1-{sealed.last_sequence}.",
        )
    if result.ok:
        _check_tables(found, differences, total)
    return (
        found.add(
            SEALS,
            True,
            f"{count(sealed.count, 'seal')} verify; root key "
            f"{sealed.root_fingerprint or 'none yet'}; "
            f"{count(sealed.unsealed_tail, 'entry')} after the last seal",
        )
        and result.ok
        and not total
    )


def _check_guards(db: SqliteDatabase, found: _Findings) -> bool:
    present = {
        (kind, name)
        for kind, name in db.execute_sql(
            "SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'index', 'table')"
        ).fetchall()
    }
    expected = guards.expected_guards(applied_migrations(db))
    missing = [g for g in expected if (g.kind, g.name) not in present]
    if missing:
        return found.add(
            "guards",
            False,
            "Guards missing from the database: "
            + "; ".join(f"{g.kind} {g.name} ({g.protects})" for g in missing)
            + ".",
        )
    return found.add("guards", True, f"all {len(expected)} guards in place")


def _check_invariants(db: SqliteDatabase, found: _Findings) -> bool:
    broken = []
    checked = guards.invariants(applied_migrations(db))
    for name, query in checked:
        rows = db.execute_sql(f"{query} LIMIT {SHOWN + 1}").fetchall()
        if rows:
            shown = ", ".join(str(r[1]) for r in rows[:SHOWN])
            broken.append(f"{name} broken: {shown}{' ...' if len(rows) > SHOWN else ''}")
    if broken:
        return found.add("invariants", False, "; ".join(broken) + ".")
    return found.add("invariants", True, f"all {len(checked)} invariants hold")


@dataclass(frozen=True)
class BackupSearch:
    """The newest backup that passes the full check, and the newer ones passed over."""

    good: Path | None
    passed_over: tuple[FileCheck, ...]
    total: int


def search_backups(db_path: str | Path, key: str | None = None) -> BackupSearch:
    """Check the catalogue's backups newest first until one passes; those that do not are
    passed over (damaged, foreign, or unreadable with this passphrase), never an error."""
    found = list_backups(db_path)
    passed_over: list[FileCheck] = []
    for candidate in found:
        result = check_file(candidate, key)
        if result.ok:
            return BackupSearch(candidate, tuple(passed_over), len(found))
        passed_over.append(result)
    return BackupSearch(None, tuple(passed_over), len(found))


def _check_tables(found: _Findings, differences: list[str], total: int) -> bool:
    """The tables against the trail (:mod:`readingroom.replay`)."""
    if not total:
        return found.add(TABLES_CHECK, True, "the tables agree with the audit trail")
    return found.add(TABLES_CHECK, False, replay.describe(differences, total, shown=5))


@dataclass(frozen=True)
class Diagnosis:
    """The ``doctor`` answer: the catalogue's checks and the newest backup that passes them."""

    database: FileCheck
    newest_good_backup: Path | None
    backups: int
    passed_over: tuple[FileCheck, ...] = ()

    @property
    def healthy(self) -> bool:
        return self.database.ok

    @property
    def busy(self) -> bool:
        return self.database.busy

    @property
    def wrong_passphrase(self) -> bool:
        """The passphrase opens neither the file nor any of its backups (were a backup to
        open with it, the file's first page would be damaged instead)."""
        return self.database.wrong_passphrase and self.newest_good_backup is None

    @property
    def state(self) -> str:
        """ "healthy", "busy" (locked by another program), "wrong passphrase" or "damaged"."""
        if self.healthy or self.busy:
            return "healthy" if self.healthy else "busy"
        return "wrong passphrase" if self.wrong_passphrase else "damaged"

    @property
    def seals_broken(self) -> bool:
        """A seal or key fails (``doctor`` exits 4, as ``audit verify`` does)."""
        return any(c.name == SEALS and not c.ok for c in self.database.checks)

    def as_dict(self) -> dict[str, Any]:
        return {
            "healthy": self.healthy,
            "state": self.state,
            "busy": self.busy,
            "database": self.database.as_dict(),
            "newest_good_backup": str(self.newest_good_backup) if self.newest_good_backup else None,
            "backups": self.backups,
            "passed_over": [{"path": str(c.path), "problem": c.problem} for c in self.passed_over],
        }

    def lines(self) -> list[str]:
        if self.busy:
            return [
                f"{self.database.path}: busy: another program is using it, try again.",
                "(Not damage: close the other program or wait for it, then run doctor again.)",
            ]
        if self.wrong_passphrase:
            return [
                f"{self.database.path}: the passphrase does not open it, nor any of its "
                "backups: check READINGROOM_KEY (or the passphrase typed) and try again."
            ]
        lines = [f"{self.database.path}: {'healthy' if self.healthy else 'DAMAGED'}"]
        lines += [
            f"  {'ok  ' if c.ok else 'FAIL'} {c.name}: {c.detail}" for c in self.database.checks
        ]
        lines += [
            f"Passed over backup {c.path.name}: {c.problem or 'damaged'}" for c in self.passed_over
        ]
        if self.newest_good_backup:
            lines.append(f"Newest good backup: {self.newest_good_backup}")
            if not self.healthy:
                lines.append(f"damaged: restore {self.newest_good_backup}")
                lines.append(f"To recover: readingroom restore {self.newest_good_backup}")
        elif isinstance(self.database.path, ServerUrl):
            lines.append("Backups of a catalogue on a server: 'readingroom backup' (pg_dump).")
        else:
            lines.append(f"No good backup found ({self.backups} in the backups folder).")
            if not self.healthy:
                lines.append("damaged: no good backup to restore")
        return lines


def diagnose_server(url: ServerUrl) -> Diagnosis:
    """``doctor`` for a catalogue on a PostgreSQL server: a Reading Room database, its
    schema version, the audit chain and its seals, the tables against the trail, the
    guards and the invariants. The server keeps its own files whole and its own backups
    (``pg_dump``, PostgreSQL's checksums and ``amcheck``): no file or backup folder here."""
    found = _Findings()
    db = server_database(url)
    try:
        db.connect()
        if _check_signature(db, found):  # type: ignore[arg-type]
            found.add("integrity", True, "kept by the PostgreSQL server")
            _check_schema(db, found)  # type: ignore[arg-type]
            _check_audit(db, found)  # type: ignore[arg-type]
            _check_guards(db, found)  # type: ignore[arg-type]
            _check_invariants(db, found)  # type: ignore[arg-type]
    except (PeeweeDatabaseError, ReadingRoomError) as exc:
        found.add("readable", False, f"The catalogue could not be read: {exc}")
    finally:
        db.close()
    checked = FileCheck(url, tuple(found.checks), found.version, found.entries)
    return Diagnosis(checked, None, 0)


def diagnose(db_path: str | Path, key: str | None = None) -> Diagnosis:
    """The full check of the catalogue and the newest good backup in its backups folder.
    When the catalogue itself is busy the backups are not searched (nothing to recover)."""
    database = check_file(db_path, key)
    if database.busy:
        return Diagnosis(database, None, 0)
    search = search_backups(db_path, key)
    return Diagnosis(database, search.good, search.total, search.passed_over)
