"""Backups and restore: SQLite's online backup API, a rotation of the last N, a checked restore.

A backup is never a file copy of a live database: pages are copied by the backup API from
an open connection (the copy of an encrypted catalogue is encrypted with the same
passphrase), written to ``NAME.partial``, checked with ``quick_check`` and only then
renamed into place, so a full disk or a crash never leaves a half backup or touches an
earlier one. Backups are made before every migration (``readingroom.db``), once a day
when the window closes (:func:`daily_backup_on_close`) and on demand (:func:`make_backup`);
the newest :data:`KEEP` in the backups folder are kept.

:func:`restore` checks the file first (integrity, schema version, audit chain), keeps the
current database aside as a backup, copies the file in, re-anchors the chain head to the
restored chain and records the restore in it.
"""

from __future__ import annotations

import errno
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from peewee import DatabaseError as PeeweeDatabaseError
from peewee import SqliteDatabase

from readingroom import audit, paths, staff
from readingroom.db import (
    close_database,
    current_path,
    database,
    database_key,
    effective_key,
    file_database,
    nearly_full,
    open_database,
    translate_error,
    write_transaction,
)
from readingroom.doctor import FileCheck, check_file, quick_check
from readingroom.errors import (
    AuditBroken,
    BadInput,
    DatabaseDamaged,
    DatabaseUnavailable,
    NotFound,
    NotPermitted,
    ReadingRoomError,
)
from readingroom.models import AuditHead, StaffUser

__all__ = ["KEEP", "RestoreResult", "backup_before_migration", "backup_database",
           "backups_folder", "copy_database", "daily_backup_on_close", "list_backups",
           "make_backup", "newest_good_backup", "prune", "quick_check", "restore"]

KEEP = 14
MANUAL, DAILY, MIGRATION, REPLACED = "manual", "daily", "migration", "replaced"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<day>\d{8})-(?P<time>\d{6})-(?P<micro>\d{6})"
                   r"-(?P<reason>[a-z]+)\.db$")


# -- where backups live -------------------------------------------------------------------

def backups_folder(db_path: str | Path) -> Path:
    return paths.backup_dir(Path(db_path))


def list_backups(db_path: str | Path) -> list[Path]:
    """The catalogue's backups in its backups folder, newest first."""
    folder, stem = backups_folder(db_path), Path(db_path).stem
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir()
             if (m := _NAME.match(p.name)) and m["stem"] == stem and p.is_file()]
    return sorted(found, key=lambda p: _NAME.match(p.name).group("day", "time", "micro"),
                  reverse=True)


def _reason_and_day(backup: Path) -> tuple[str, date]:
    match = _NAME.match(backup.name)
    return match["reason"], datetime.strptime(match["day"], "%Y%m%d").date()


def _new_backup_path(db_path: Path, reason: str) -> Path:
    folder = backups_folder(db_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _write_error(exc, folder) from exc
    now = datetime.now()
    return folder / f"{db_path.stem}-{now:%Y%m%d-%H%M%S}-{now.microsecond:06d}-{reason}.db"


def prune(db_path: str | Path, keep: int = KEEP) -> list[Path]:
    """Delete all but the newest ``keep`` backups; returns the deleted files."""
    old = list_backups(db_path)[max(keep, 1):]
    for backup in old:
        backup.unlink(missing_ok=True)
    return old


# -- making a backup ----------------------------------------------------------------------

def copy_database(source: SqliteDatabase, target: Path, *, check: bool = True) -> Path:
    """Copy the connected ``source`` into the new file ``target`` with the online backup API.

    The copy is made as ``target.partial``, checked (unless ``check`` is false: a damaged
    database being set aside is kept as it is), synced and renamed: ``target`` either
    appears whole or not at all.
    """
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    dest = file_database(partial, database_key(source))
    try:
        source.connection().backup(dest.connection())
        dest.execute_sql("PRAGMA journal_mode=DELETE")
        rows = [r[0] for r in dest.execute_sql("PRAGMA quick_check(5)").fetchall()] \
            if check else ["ok"]
        dest.close()
        if rows != ["ok"]:
            raise DatabaseDamaged(
                f"The database is damaged ({'; '.join(rows)}), so no backup was made and the "
                "earlier backups are kept. Run 'readingroom doctor' to find a good one.")
        _sync(partial)
        os.replace(partial, target)
        _sync(target.parent)
    except BaseException as exc:
        dest.close()
        partial.unlink(missing_ok=True)
        if isinstance(exc, ReadingRoomError | KeyboardInterrupt):
            raise
        if isinstance(exc, OSError | PeeweeDatabaseError | sqlite3.DatabaseError):
            raise _write_error(exc, target) from exc
        raise
    return target


def _sync(path: Path) -> None:
    """fsync a file or folder (folders only where the platform allows it)."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) if path.is_dir() else os.O_RDONLY
    try:
        handle = os.open(path, flags)
    except OSError:
        if path.is_dir():
            return
        raise
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _disk_full(exc: BaseException, target: Path) -> bool:
    text = str(exc).lower()
    if (isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)) or \
            ("disk" in text and "full" in text):
        return True
    return "disk i/o" in text and nearly_full(target)


def _write_error(exc: BaseException, target: Path) -> ReadingRoomError:
    if _disk_full(exc, target):
        return DatabaseUnavailable(
            f"The disk is full: the backup {target} was not written. The database and the "
            "earlier backups are untouched; free some space and try again.")
    if isinstance(exc, OSError) or "disk i/o" in str(exc).lower():
        return DatabaseUnavailable(
            f"Cannot write the backup {target}: {getattr(exc, 'strerror', None) or exc}. The "
            "database and the earlier backups are untouched; check the disk and try again.")
    return translate_error(exc, target)


def backup_database(out: str | Path | None = None, *, reason: str = MANUAL,
                    keep: int = KEEP) -> Path:
    """Back up the open catalogue to ``out`` (a new file), or into its backups folder (then
    only the newest ``keep`` there are kept)."""
    db_path = Path(current_path() or "")
    if out is not None:
        return copy_database(database.obj, _check_out(Path(out), db_path))
    made = copy_database(database.obj, _new_backup_path(db_path, reason))
    prune(db_path, keep)
    return made


def _check_out(out: Path, db_path: Path) -> Path:
    if out.exists():
        raise BadInput(f"{out} already exists; a backup never overwrites a file. Choose a new "
                       "name.")
    if not out.parent.is_dir():
        raise BadInput(f"The folder {out.parent} does not exist.")
    if out.resolve() == db_path.resolve():
        raise BadInput("The backup cannot be the database itself.")
    return out


def make_backup(actor: Any, out: str | Path | None = None, *, keep: int = KEEP) -> Path:
    """The on-demand backup (``backup --out FILE``), by desk staff, recorded in the audit trail
    (a copy of the whole collection leaving the program is worth a name)."""
    staff.require_desk(actor)
    made = backup_database(out, keep=keep)
    with write_transaction():
        audit.record(actor, "backup", "database", made.name, {"file": str(made)})
    return made


def backup_before_migration(db: SqliteDatabase, db_path: str | Path,
                            keep: int = KEEP) -> Path:
    """The copy taken before migrations change an existing file (called by ``open_database``)."""
    db_path = Path(db_path)
    made = copy_database(db, _new_backup_path(db_path, MIGRATION))
    prune(db_path, keep)
    return made


def daily_backup_on_close(db_path: str | Path, key: str | None = None, *,
                          keep: int = KEEP, today: date | None = None) -> Path | None:
    """Once a day, when the window closes: a backup unless today's daily one exists."""
    db_path = Path(db_path)
    today = today or date.today()
    if any(_reason_and_day(b) == (DAILY, today) for b in list_backups(db_path)):
        return None
    source = file_database(db_path, effective_key(db_path, key))
    try:
        made = copy_database(source, _new_backup_path(db_path, DAILY))
    finally:
        source.close()
    prune(db_path, keep)
    return made


def newest_good_backup(db_path: str | Path, key: str | None = None) -> Path | None:
    """The newest backup in the folder that passes the full check (None if there is none)."""
    return next((b for b in list_backups(db_path) if check_file(b, key).ok), None)


# -- restore ------------------------------------------------------------------------------

@dataclass(frozen=True)
class RestoreResult:
    """What a restore did: from which file, where the replaced database was kept."""

    restored_from: Path
    set_aside: Path | None
    replaced_head: tuple[int, str] | None
    restored_entries: int

    def as_dict(self) -> dict[str, Any]:
        return {"restored_from": str(self.restored_from),
                "set_aside": str(self.set_aside) if self.set_aside else None,
                "replaced_head": list(self.replaced_head) if self.replaced_head else None,
                "restored_entries": self.restored_entries}


def check_restorable(source: str | Path, key: str | None = None) -> FileCheck:
    """The full check of a file offered for restore; refuses it in plain words if it fails."""
    source = Path(source)
    if not source.is_file():
        raise NotFound(f"No backup file at {source}.")
    result = check_file(source, key)
    if not result.ok:
        raise DatabaseDamaged(f"{source} cannot be restored: {result.problem} Nothing was "
                              "changed.")
    return result


def restore(db_path: str | Path, source: str | Path, username: str, password: str, *,
            key: str | None = None, keep: int = KEEP) -> RestoreResult:
    """Replace the catalogue at ``db_path`` with the backup ``source``, as a supervisor.

    The supervisor signs in to the current database, or, when that cannot be read, to the
    backup being restored. Leaves the restored catalogue open.
    """
    db_path, source = Path(db_path), Path(source)
    if source.exists() and db_path.exists() and source.resolve() == db_path.resolve():
        raise BadInput("That file is the database itself; choose a backup.")
    checked = check_restorable(source, key)
    head = _sign_in_to_current(db_path, username, password, key)
    if head is None:
        close_database()
        _sign_in_to_backup(source, username, password, key)
    live = head is not None and _open_database_intact()
    if not live:
        close_database()
    aside = _replace(db_path, source, key, live=live)
    open_database(db_path, key=key)
    _anchor_and_record(username, source, aside, head)
    prune(db_path, keep)
    return RestoreResult(source, aside, head, checked.audit_entries)


def _sign_in_to_current(db_path: Path, username: str, password: str,
                        key: str | None) -> tuple[int, str] | None:
    """The current chain head once the supervisor has signed in; None if unreadable."""
    try:
        open_database(db_path, key=key, migrate=False)
        user = staff.authenticate(username, password)
        head = audit.chain_head()
    except (DatabaseDamaged, DatabaseUnavailable, PeeweeDatabaseError, sqlite3.DatabaseError):
        return None
    staff.require_supervisor(user)
    return head


def _open_database_intact() -> bool:
    try:
        return database.execute_sql("PRAGMA quick_check(1)").fetchone()[0] == "ok"
    except (PeeweeDatabaseError, sqlite3.DatabaseError):
        return False


def _sign_in_to_backup(source: Path, username: str, password: str, key: str | None) -> None:
    db = file_database(source, effective_key(source, key), readonly=True)
    try:
        with db.bind_ctx([StaffUser]):
            user = StaffUser.get_or_none(StaffUser.username == username)
    finally:
        db.close()
    if user is None or not user.active or not staff.password_matches(user.password_hash,
                                                                      password):
        raise NotPermitted("Wrong user name or password (the current database cannot be "
                           "read, so the backup's accounts were used).")
    staff.require_supervisor(user)


def _replace(db_path: Path, source: Path, key: str | None, *, live: bool) -> Path | None:
    """Keep the current database aside, then copy ``source`` in; returns the aside file.

    ``live``: the current database is open and intact, so the backup is copied into it
    through the open connection; otherwise its files are moved aside and a new file made.
    """
    source_key = effective_key(source, key)
    if live:
        if bool(source_key) != bool(database_key()):
            raise BadInput("The backup and the database differ in encryption (one is "
                           "encrypted, the other not); nothing was changed.")
        aside = copy_database(database.obj, _new_backup_path(db_path, REPLACED), check=False)
        _copy_into_open(source, source_key, db_path)
        return aside
    aside = _move_aside(db_path)
    src = file_database(source, source_key, readonly=True)
    try:
        copy_database(src, db_path)
    except BaseException:
        if aside is not None:
            _move_back(aside, db_path)
        raise
    finally:
        src.close()
    return aside


def _copy_into_open(source: Path, key: str | None, db_path: Path) -> None:
    """Online backup from ``source`` into the open catalogue: other connections stay valid
    and see the restored content at their next transaction."""
    src = file_database(source, key, readonly=True)
    try:
        src.connection().backup(database.connection())
    except (PeeweeDatabaseError, sqlite3.DatabaseError, OSError) as exc:
        raise _write_error(exc, db_path) from exc
    finally:
        src.close()
    close_database()


_SIDE_FILES = ("", "-wal", "-shm")


def _move_aside(db_path: Path) -> Path | None:
    """Rename an unreadable database (and its journal files) into the backups folder."""
    if not db_path.exists():
        return None
    aside = _new_backup_path(db_path, REPLACED)
    for suffix in _SIDE_FILES:
        part = db_path.with_name(db_path.name + suffix)
        if part.exists():
            os.replace(part, aside.with_name(aside.name + suffix))
    return aside


def _move_back(aside: Path, db_path: Path) -> None:
    for suffix in _SIDE_FILES:
        part = aside.with_name(aside.name + suffix)
        if part.exists():
            os.replace(part, db_path.with_name(db_path.name + suffix))


def _anchor_and_record(username: str, source: Path, aside: Path | None,
                       head: tuple[int, str] | None) -> None:
    """Point the chain head at the end of the restored chain and append the restore."""
    with write_transaction():
        result = audit.verify()
        if not result.ok:
            raise AuditBroken(f"The restored audit chain is broken at entry "
                              f"{result.bad_entry}: {result.problem}.")
        AuditHead.update(count=result.count, last_hash=result.last_hash).where(
            AuditHead.id == 1).execute()
        details: dict[str, Any] = {"from": source.name, "restored_entries": result.count,
                                   "set_aside": aside.name if aside else None}
        if head is not None:
            details["replaced_head"] = {"count": head[0], "hash": head[1]}
        else:
            details["replaced_head"] = "unreadable"
        audit.record(username, "restore", "database", source.name, details)
