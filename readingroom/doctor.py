"""Checking a database file: integrity, schema version and audit chain, in plain words.

:func:`check_file` looks at any file (the catalogue, a backup, a file offered for restore)
through its own connection, never through the open catalogue, and changes nothing in it.
:func:`quick_check` is the fast variant the window runs at start; :func:`diagnose` is the
``doctor`` command: the full check plus the newest backup that passes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peewee import DatabaseError as PeeweeDatabaseError

from readingroom import audit, seals
from readingroom.db import (
    SIGNATURE_TABLES,
    effective_key,
    file_database,
    is_plaintext,
    latest_schema_version,
    schema_version,
)
from readingroom.errors import ReadingRoomError
from readingroom.models import AuditEntry, AuditHead, SealKey

OK = "ok"
SEALS = "seals"


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
    """Everything found about one file; ``ok`` when every check passed."""

    path: Path
    checks: tuple[Check, ...]
    schema_version: int = 0
    audit_entries: int = 0
    encrypted: bool = False

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(c.ok for c in self.checks)

    @property
    def problem(self) -> str:
        """The first failed check in plain words ("" when healthy)."""
        return next((c.detail for c in self.checks if not c.ok), "")

    def as_dict(self) -> dict[str, Any]:
        return {"path": str(self.path), "ok": self.ok, "problem": self.problem,
                "schema_version": self.schema_version, "audit_entries": self.audit_entries,
                "encrypted": self.encrypted, "checks": [c.as_dict() for c in self.checks]}


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
    knows, and (when ``full``) an audit chain that verifies."""
    path = Path(path)
    found = _Findings()
    if not _check_present(path, found):
        return FileCheck(path, tuple(found.checks))
    key = effective_key(path, key)
    encrypted = bool(key) or not is_plaintext(path)
    try:
        _check_contents(path, key, full, found)
    except (PeeweeDatabaseError, OSError, ReadingRoomError) as exc:
        found.add("open", False, _unreadable(path, key, exc))
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


def _unreadable(path: Path, key: str | None, exc: BaseException) -> str:
    text = str(exc)
    if "not a database" in text:
        if key:
            return f"The passphrase does not open {path} (or it is not a Reading Room database)."
        if not is_plaintext(path):
            return (f"{path} is encrypted or is not a database at all (set READINGROOM_KEY "
                    "if it is encrypted).")
        return f"{path} is damaged: its first page cannot be read."
    return f"{path} cannot be read: {text}"


def _check_contents(path: Path, key: str | None, full: bool, found: _Findings) -> None:
    db = file_database(path, key, readonly=True)
    try:
        db.connect()
        if not _check_signature(db, found):
            return
        if not _check_integrity(db, full, found):
            return
        _check_schema(db, found)
        if full:
            _check_audit(db, found)
    finally:
        db.close()


def _check_signature(db, found: _Findings) -> bool:
    missing = [t for t in SIGNATURE_TABLES if t not in set(db.get_tables())]
    if missing:
        return found.add("signature", False,
                         "This is not a Reading Room database (no "
                         + ", ".join(missing) + " table).")
    return found.add("signature", True, "a Reading Room database")


def _check_integrity(db, full: bool, found: _Findings) -> bool:
    pragma = "integrity_check" if full else "quick_check"
    rows = [r[0] for r in db.execute_sql(f"PRAGMA {pragma}(20)").fetchall()]
    if rows == [OK]:
        return found.add("integrity", True, f"{pragma}: ok")
    shown = "; ".join(rows[:3]) + (f" (and {len(rows) - 3} more)" if len(rows) > 3 else "")
    return found.add("integrity", False, f"The file is damaged ({pragma}: {shown}).")


def _check_schema(db, found: _Findings) -> bool:
    found.version = version = schema_version(db)
    latest = latest_schema_version()
    if version < 1:
        return found.add("schema", False, "The schema has no migrations recorded.")
    if version > latest:
        return found.add("schema", False,
                         f"Schema version {version} is newer than this program knows "
                         f"({latest}): update Reading Room.")
    note = "" if version == latest else f" (will be brought up to {latest} when opened)"
    return found.add("schema", True, f"schema version {version}{note}")


def _check_audit(db, found: _Findings) -> bool:
    with db.bind_ctx([AuditEntry, AuditHead, SealKey]):
        result = audit.verify()
        sealed = seals.verify_seals()  # the seals and their keys: a pass of its own
    found.entries = result.count
    if result.ok:
        found.add("audit", True, f"audit chain verifies: {result.count} entries")
    else:
        found.add("audit", False, f"The audit chain is broken at entry {result.bad_entry}: "
                                  f"{result.problem}.")
    if not sealed.ok:
        return found.add(SEALS, False, f"The audit trail's seals do not verify: "
                                       f"{sealed.problem}.")
    if not result.ok and sealed.last_sequence and (result.bad_entry or 0) <= sealed.last_sequence:
        return found.add(SEALS, False, f"Entry {result.bad_entry} was changed under the seal "
                                       f"of entries 1-{sealed.last_sequence}.")
    return found.add(SEALS, True, f"{sealed.count} seals verify; root key "
                                  f"{sealed.root_fingerprint or 'none yet'}; "
                                  f"{sealed.unsealed_tail} entries after the last seal") \
        and result.ok


@dataclass(frozen=True)
class Diagnosis:
    """The ``doctor`` answer: the catalogue's checks and the newest backup that passes them."""

    database: FileCheck
    newest_good_backup: Path | None
    backups: int

    @property
    def healthy(self) -> bool:
        return self.database.ok

    @property
    def seals_broken(self) -> bool:
        """A seal or key fails (``doctor`` exits 4, as ``audit verify`` does)."""
        return any(c.name == SEALS and not c.ok for c in self.database.checks)

    def as_dict(self) -> dict[str, Any]:
        return {"healthy": self.healthy, "database": self.database.as_dict(),
                "newest_good_backup": str(self.newest_good_backup)
                if self.newest_good_backup else None,
                "backups": self.backups}

    def lines(self) -> list[str]:
        state = "healthy" if self.healthy else "DAMAGED"
        lines = [f"{self.database.path}: {state}"]
        lines += [f"  {'ok  ' if c.ok else 'FAIL'} {c.name}: {c.detail}"
                  for c in self.database.checks]
        if self.newest_good_backup:
            lines.append(f"Newest good backup: {self.newest_good_backup}")
            if not self.healthy:
                lines.append(f"To recover: readingroom restore {self.newest_good_backup}")
        else:
            lines.append(f"No good backup found ({self.backups} in the backups folder).")
        return lines


def diagnose(db_path: str | Path, key: str | None = None) -> Diagnosis:
    """The full check of the catalogue and the newest good backup in its backups folder."""
    from readingroom.backup import list_backups, newest_good_backup

    return Diagnosis(check_file(db_path, key), newest_good_backup(db_path, key),
                     len(list_backups(db_path)))
