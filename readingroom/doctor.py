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
from readingroom.messages import Count, Phrases, Text, listed, said
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

OK = "ok"
#: the context of a check's name in the domain's catalogue (``integrity`` -> 무결성)
CHECK_CONTEXT = "doctor-check"
#: the contexts of what a guard protects and of an invariant's name
GUARD_CONTEXT, INVARIANT_CONTEXT = "doctor-guard", "doctor-invariant"
#: the context of a guard's kind (``trigger``, ``index``, ``table``)
GUARD_KIND_CONTEXT = "doctor-guard-kind"
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

    @property
    def line(self) -> Text:
        """The check as ``doctor`` prints it, its name a stored word of its own."""
        name = Text(self.name, {}, CHECK_CONTEXT)
        if self.ok:
            return said("  ok   {check}: {detail}", check=name, detail=self.detail)
        return said("  FAIL {check}: {detail}", check=name, detail=self.detail)


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
        return found.add(
            "file", False, said("There is no database file at {path}.", path=str(path))
        )
    if path.stat().st_size == 0:
        return found.add("file", False, said("{path} is empty.", path=str(path)))
    return found.add("file", True, said("{size} bytes", size=f"{path.stat().st_size:,}"))


def _add_unreadable(path: Path, key: str | None, exc: BaseException, found: _Findings) -> None:
    """Why the file could not be looked at (or stopped being readable half way)."""
    if isinstance(exc, WrongPassphrase):
        found.add(
            PASSPHRASE,
            False,
            said(
                "The passphrase does not open {path} (or its first page is damaged).",
                path=str(path),
            ),
        )
        return
    if isinstance(exc, DatabaseLocked) or is_locked_error(exc):
        found.add(
            BUSY, False, said("busy: another program is using {path}, try again.", path=str(path))
        )
        return
    text = str(exc)
    if sqlite_code(exc) == SQLITE_NOTADB and not found.checks[1:]:
        if not is_plaintext(path):
            found.add(
                "open",
                False,
                said(
                    "{path} is encrypted or is not a database at all (set "
                    "READINGROOM_KEY if it is encrypted).",
                    path=str(path),
                ),
            )
        else:
            found.add(
                "open",
                False,
                said("{path} is damaged: its first page cannot be read.", path=str(path)),
            )
        return
    if isinstance(exc, PeeweeDatabaseError | sqlite3.DatabaseError):
        found.add(
            "integrity",
            False,
            said("The file is damaged: a page cannot be read ({error}).", error=text),
        )
        return
    found.add("open", False, said("{path} cannot be read: {error}", path=str(path), error=text))


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
            said(
                "This is not a Reading Room database (no {tables} table).",
                tables=", ".join(missing),
            ),
        )
    return found.add("signature", True, said("a Reading Room database"))


def _check_integrity(db: SqliteDatabase, full: bool, found: _Findings) -> bool:
    pragma = "integrity_check" if full else "quick_check"
    rows = [r[0] for r in db.execute_sql(f"PRAGMA {pragma}(20)").fetchall()]
    if rows == [OK]:
        return found.add("integrity", True, said("{pragma}: ok", pragma=pragma))
    first = "; ".join(rows[:3])
    shown = (
        said("{first} (and {more} more)", first=first, more=len(rows) - 3)
        if len(rows) > 3
        else first
    )
    return found.add(
        "integrity",
        False,
        said("The file is damaged ({pragma}: {found}).", pragma=pragma, found=shown),
    )


def _check_schema(db: SqliteDatabase, found: _Findings) -> bool:
    found.version = version = schema_version(db)
    latest = latest_schema_version()
    if version < 1:
        return found.add("schema", False, said("The schema has no migrations recorded."))
    if version > latest:
        return found.add(
            "schema",
            False,
            said(
                "Schema version {version} is newer than this program knows "
                "({latest}): update Reading Room.",
                version=version,
                latest=latest,
            ),
        )
    if version == latest:
        return found.add("schema", True, said("schema version {version}", version=version))
    return found.add(
        "schema",
        True,
        said(
            "schema version {version} (will be brought up to {latest} when opened)",
            version=version,
            latest=latest,
        ),
    )


def _check_audit(db: SqliteDatabase, found: _Findings) -> bool:
    with db.bind_ctx([AuditEntry, AuditHead, SealKey]):
        # the chain, then the tables (from the replay checkpoint when there is one)
        result, differences, total = audit.verify_and_compare(db, checkpoint.find(db))
        sealed = seals.verify_seals()  # the seals and their keys: a pass of its own
    found.entries = result.count
    if result.ok:
        found.add(
            "audit",
            True,
            said("audit chain verifies: {entries}", entries=Count(result.count, "entry")),
        )
    else:
        found.add(
            "audit",
            False,
            said(
                "The audit chain is broken at entry {entry}: {problem}.",
                entry=str(result.bad_entry),
                problem=result.problem,
            ),
        )
    if not sealed.ok:
        return found.add(
            SEALS,
            False,
            said("The audit trail's seals do not verify: {problem}.", problem=sealed.problem),
        )
    if result.checkpoint_broken:  # a signed entry, as a seal is
        return found.add(SEALS, False, said("{problem}.", problem=capitalised(result.problem)))
    if not result.ok and sealed.last_sequence and (result.bad_entry or 0) <= sealed.last_sequence:
        return found.add(
            SEALS,
            False,
            said(
                "Entry {entry} was changed under the seal of entries 1-{last}.",
                entry=str(result.bad_entry),
                last=sealed.last_sequence,
            ),
        )
    if result.ok:
        _check_tables(found, differences, total)
    return (
        found.add(
            SEALS,
            True,
            _seals_verify(sealed),
        )
        and result.ok
        and not total
    )


def capitalised(problem: str) -> str:
    """A problem made to begin a sentence: its first word capitalised, keyed by the
    capitalised template (``{where} was altered`` -> ``The replay checkpoint of entry 5
    was altered``)."""
    if not isinstance(problem, Text):
        return problem[:1].upper() + problem[1:]
    first = problem.template.partition("}")[0][1:] if problem.template.startswith("{") else ""
    if first:
        params = dict(problem.params)
        params[first] = capitalised(str(params[first]))
        return Text(problem.template, params, problem.context)
    template = problem.template[:1].upper() + problem.template[1:]
    return Text(template, problem.params, problem.context)


def _seals_verify(sealed: seals.SealReport) -> Text:
    tail = Count(sealed.unsealed_tail, "entry")
    if sealed.root_fingerprint:
        return said(
            "{seals} verify; root key {fingerprint}; {entries} after the last seal",
            seals=Count(sealed.count, "seal"),
            fingerprint=sealed.root_fingerprint,
            entries=tail,
        )
    return said(
        "{seals} verify; root key none yet; {entries} after the last seal",
        seals=Count(sealed.count, "seal"),
        entries=tail,
    )


def _message(exc: BaseException) -> str:
    """An error's message, keyed when it was raised so."""
    return exc.message if isinstance(exc, ReadingRoomError) else str(exc)


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
            said(
                "Guards missing from the database: {guards}.",
                guards=listed(
                    [
                        said(
                            "{kind} {name} ({protects})",
                            kind=Text(g.kind, {}, GUARD_KIND_CONTEXT),
                            name=g.name,
                            protects=Text(g.protects, {}, GUARD_CONTEXT),
                        )
                        for g in missing
                    ]
                ),
            ),
        )
    return found.add(
        "guards", True, said("all {guards} in place", guards=Count(len(expected), "guard"))
    )


def _check_invariants(db: SqliteDatabase, found: _Findings) -> bool:
    broken = []
    checked = guards.invariants(applied_migrations(db))
    for invariant in checked:
        cursor = db.execute_sql(f"{invariant.query} LIMIT {SHOWN + 1}")
        columns = [column[0] for column in cursor.description]
        rows = [_offending(invariant, dict(zip(columns, row, strict=True))) for row in cursor]
        if rows:
            shown = Phrases(rows[:SHOWN], ", ")
            named = Text(invariant.name, {}, INVARIANT_CONTEXT)
            broken.append(
                said("{name} broken: {rows} ...", name=named, rows=shown)
                if len(rows) > SHOWN
                else said("{name} broken: {rows}", name=named, rows=shown)
            )
    if broken:
        return found.add("invariants", False, said("{broken}.", broken=listed(broken)))
    return found.add(
        "invariants",
        True,
        said("all {invariants} hold", invariants=Count(len(checked), "invariant")),
    )


def _offending(invariant: guards.Invariant, row: dict[str, Any]) -> Text:
    """An offending row in words (keyed: its template, its columns after the id as params)."""
    form = row.pop("form", None)
    params = {name: "?" if value is None else value for name, value in list(row.items())[1:]}
    return Text(invariant.template(form), params, guards.ROW_CONTEXT)


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
        return found.add(TABLES_CHECK, True, said("the tables agree with the audit trail"))
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
        path = str(self.database.path)
        if self.busy:
            return [
                said("{path}: busy: another program is using it, try again.", path=path),
                said(
                    "(Not damage: close the other program or wait for it, then run doctor again.)"
                ),
            ]
        if self.wrong_passphrase:
            return [
                said(
                    "{path}: the passphrase does not open it, nor any of its backups: check "
                    "READINGROOM_KEY (or the passphrase typed) and try again.",
                    path=path,
                )
            ]
        lines: list[str] = [
            said("{path}: healthy", path=path)
            if self.healthy
            else said("{path}: DAMAGED", path=path)
        ]
        lines += [c.line for c in self.database.checks]
        lines += [
            said("Passed over backup {name}: {problem}", name=c.path.name, problem=c.problem)
            if c.problem
            else said("Passed over backup {name}: damaged", name=c.path.name)
            for c in self.passed_over
        ]
        return [*lines, *self._recovery_lines()]

    def _recovery_lines(self) -> list[Text]:
        good = str(self.newest_good_backup or "")
        if good:
            lines = [said("Newest good backup: {path}", path=good)]
            if not self.healthy:
                lines.append(said("damaged: restore {path}", path=good))
                lines.append(said("To recover: readingroom restore {path}", path=good))
            return lines
        if isinstance(self.database.path, ServerUrl):
            return [said("Backups of a catalogue on a server: 'readingroom backup' (pg_dump).")]
        lines = [said("No good backup found ({count} in the backups folder).", count=self.backups)]
        if not self.healthy:
            lines.append(said("damaged: no good backup to restore"))
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
            found.add("integrity", True, said("kept by the PostgreSQL server"))
            _check_schema(db, found)  # type: ignore[arg-type]
            _check_audit(db, found)  # type: ignore[arg-type]
            _check_guards(db, found)  # type: ignore[arg-type]
            _check_invariants(db, found)  # type: ignore[arg-type]
    except (PeeweeDatabaseError, ReadingRoomError) as exc:
        found.add(
            "readable", False, said("The catalogue could not be read: {error}", error=_message(exc))
        )
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
