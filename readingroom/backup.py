"""Backups and restore: SQLite's online backup API, a rotation of the last N, a checked restore.

A backup is never a file copy of a live database: pages are copied by the backup API from
an open connection (the copy of an encrypted catalogue is encrypted with the same
passphrase), written to ``NAME.partial``, checked with ``quick_check`` and only then
renamed into place, so a full disk or a crash never leaves a half backup or touches an
earlier one. Backups are made before every migration (``readingroom.store.db``), once a day
when the window closes (:func:`daily_backup_on_close`) and on demand (:func:`make_backup`).
Rotation keeps the newest :data:`KEEP` in the backups folder, but never deletes a backup
younger than :data:`PROTECTED_DAYS` days nor a ``-replaced`` one (what a restore set
aside): running ``backup`` again and again cannot push the history out of the folder.
Backups and their folder are private (0600 / 0700).

:func:`restore` replaces the catalogue with a backup of *the same catalogue*, as a
supervisor *of the catalogue being replaced*:

- the supervisor signs in to the catalogue being replaced; when that file cannot be read
  (missing or damaged, never merely a wrong passphrase), to its newest readable backup in
  its own backups folder; when none of those can be read either, only an explicit
  ``unverified_reason`` lets a supervisor of the supplied backup restore it, and the restored
  trail says so (``restore-unverified``, with the reason);
- the backup must carry the same catalogue id (:mod:`readingroom.identity`), and an
  encrypted catalogue is never replaced by a plain file;
- the restored file, with its ``restore`` audit entry already in it, is prepared as a
  temporary file beside the database and synced; only then is the replaced catalogue kept
  as ``-replaced`` and the prepared file put in place in one step (one SQLite transaction
  into an open, intact catalogue, so a window that has it open sees the restored one; an
  atomic rename over an unreadable file). A crash at any moment leaves the old database or
  the restored one with its restore entry.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from peewee import DatabaseError as PeeweeDatabaseError
from peewee import SqliteDatabase

from readingroom import audit, identity, staff
from readingroom.backup_names import BACKUP_NAME, backups_folder, list_backups
from readingroom.doctor import FileCheck, check_file, quick_check, search_backups
from readingroom.errors import (
    SQLITE_FULL,
    SQLITE_IOERR,
    AuditBroken,
    BadInput,
    DatabaseDamaged,
    DatabaseLocked,
    DatabaseUnavailable,
    NotFound,
    NotPermitted,
    ReadingRoomError,
    WrongPassphrase,
    os_problem,
)
from readingroom.files import private_copy, private_create, private_mkdir, sync_path
from readingroom.messages import Text, said
from readingroom.paths import data_dir
from readingroom.store import db as db_hooks
from readingroom.store.db import (
    close_database,
    current_path,
    database,
    database_key,
    effective_key,
    file_database,
    is_plaintext,
    migrate_database,
    nearly_full,
    on_server,
    open_database,
    sqlite_code,
    translate_error,
    write_transaction,
)
from readingroom.store.models import AuditHead, StaffUser
from readingroom.store.server import NoPgDump, ServerUrl, dump_database

__all__ = [
    "KEEP",
    "RestoreResult",
    "backup_before_migration",
    "backup_database",
    "backups_folder",
    "copy_database",
    "daily_backup_on_close",
    "list_backups",
    "make_backup",
    "newest_good_backup",
    "on_server",
    "prune",
    "quick_check",
    "restore",
]

KEEP = 14
#: a database file and the journals SQLite keeps beside it
_JOURNALS = ("", "-journal", "-wal", "-shm")
#: rotation never deletes a backup younger than this many days
PROTECTED_DAYS = 30
MANUAL, DAILY, MIGRATION, REPLACED = "manual", "daily", "migration", "replaced"
_NAME = BACKUP_NAME


def _reason_and_day(backup: Path) -> tuple[str, date]:
    match = _NAME.match(backup.name)
    if match is None:  # list_backups gives only the names it matched
        raise ValueError(f"{backup.name} is not a backup's name")
    return match["reason"], datetime.strptime(match["day"], "%Y%m%d").date()


def _new_backup_path(db_path: Path, reason: str) -> Path:
    folder = backups_folder(db_path)
    try:
        private_mkdir(folder, tighten=True)
    except OSError as exc:
        raise _write_error(exc, folder) from exc
    now = datetime.now()
    return folder / f"{db_path.stem}-{now:%Y%m%d-%H%M%S}-{now.microsecond:06d}-{reason}.db"


def prune(db_path: str | Path, keep: int = KEEP, *, today: date | None = None) -> list[Path]:
    """Delete the backups beyond the newest ``keep`` that are at least
    :data:`PROTECTED_DAYS` days old and not ``-replaced``; returns the deleted files."""
    today = today or date.today()
    deleted = []
    for backup in list_backups(db_path)[max(keep, 1) :]:
        reason, day = _reason_and_day(backup)
        if reason == REPLACED or (today - day).days < PROTECTED_DAYS:
            continue
        backup.unlink(missing_ok=True)
        deleted.append(backup)
    return deleted


# -- making a backup ----------------------------------------------------------------------


def copy_database(source: SqliteDatabase, target: Path, *, check: bool = True) -> Path:
    """Copy the connected ``source`` into the new file ``target`` with the online backup API.

    The copy is made as ``target.partial``, checked (unless ``check`` is false: a damaged
    database being set aside is kept as it is), synced and renamed: ``target`` either
    appears whole or not at all.
    """
    partial = target.with_name(target.name + ".partial")
    for suffix in _JOURNALS:  # a stale journal would be rolled back into the new file
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    try:
        private_create(partial)  # 0600 whatever the umask; SQLite's journal follows it
    except OSError as exc:
        raise _write_error(exc, target) from exc
    dest = file_database(partial, database_key(source))
    try:
        source.connection().backup(dest.connection())
        dest.execute_sql("PRAGMA journal_mode=DELETE")
        rows = (
            [r[0] for r in dest.execute_sql("PRAGMA quick_check(5)").fetchall()]
            if check
            else ["ok"]
        )
        dest.close()
        if rows != ["ok"]:
            raise DatabaseDamaged(
                said(
                    "The database is damaged ({problems}), so no backup was made and the "
                    "earlier backups are kept. Run 'readingroom doctor' to find a good one.",
                    problems="; ".join(rows),
                )
            )
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
    sync_path(path)


def _disk_full(exc: BaseException, target: Path) -> bool:
    code = sqlite_code(exc)
    if (isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)) or (
        code == SQLITE_FULL
    ):
        return True
    return code == SQLITE_IOERR and nearly_full(target)


def _write_error(exc: BaseException, target: Path) -> ReadingRoomError:
    if _disk_full(exc, target):
        return DatabaseUnavailable(
            said(
                "The disk is full: the backup {target} was not written. The database and the "
                "earlier backups are untouched; free some space and try again.",
                target=str(target),
            )
        )
    if isinstance(exc, OSError) or sqlite_code(exc) == SQLITE_IOERR:
        return DatabaseUnavailable(
            said(
                "Cannot write the backup {target}: {why}. The database and the earlier "
                "backups are untouched; check the disk and try again.",
                target=str(target),
                why=os_problem(exc),
            )
        )
    return translate_error(exc, target)


def backup_database(
    out: str | Path | None = None, *, reason: str = MANUAL, keep: int = KEEP
) -> Path:
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
        raise BadInput(
            said(
                "{path} already exists; a backup never overwrites a file. Choose a new name.",
                path=str(out),
            )
        )
    if not out.parent.is_dir():
        raise BadInput(said("The folder {folder} does not exist.", folder=str(out.parent)))
    if out.resolve() == db_path.resolve():
        raise BadInput(said("The backup cannot be the database itself."))
    return out


def make_backup(actor: Any, out: str | Path | None = None, *, keep: int = KEEP) -> Path:
    """The on-demand backup (``backup --out FILE``), by desk staff, recorded in the audit trail
    (a copy of the whole collection leaving the program is worth a name)."""
    staff.require_desk(actor)
    made = _dump_server(out) if on_server() else backup_database(out, keep=keep)
    with write_transaction():
        audit.record(actor, "backup", "database", made.name, {"file": str(made)})
    return made


#: where a server's backups go unless ``--out`` says (the user's data folder)
SERVER_BACKUPS = "server-backups"


def _dump_server(out: str | Path | None) -> Path:
    """A catalogue on a server is backed up by PostgreSQL's own ``pg_dump -Fc`` (restored
    with ``pg_restore``), into ``out`` or a new file in the data folder."""
    url = str(db_hooks.database.obj.database)
    if out is None:
        folder = data_dir() / SERVER_BACKUPS
        private_mkdir(folder)
        now = datetime.now()
        target = folder / f"{ServerUrl(url).name}-{now:%Y%m%d-%H%M%S}.dump"
    else:
        target = Path(out)
        if target.exists():
            raise BadInput(
                said("{path} already exists; a backup never overwrites a file.", path=str(target))
            )
    try:
        return dump_database(url, target)
    except NoPgDump as missing:
        raise DatabaseUnavailable(str(missing)) from None
    except RuntimeError as failed:
        raise DatabaseUnavailable(
            said("pg_dump could not back up the catalogue: {why}", why=str(failed))
        ) from None


def backup_before_migration(db: SqliteDatabase, db_path: str | Path, keep: int = KEEP) -> Path:
    """The copy taken before migrations change an existing file (registered with the store
    below, which calls it from ``open_database``)."""
    db_path = Path(db_path)
    made = copy_database(db, _new_backup_path(db_path, MIGRATION))
    prune(db_path, keep)
    return made


def daily_backup_on_close(
    db_path: str | Path | ServerUrl,
    key: str | None = None,
    *,
    keep: int = KEEP,
    today: date | None = None,
) -> Path | None:
    """Once a day, when the window closes: a backup unless today's daily one exists. None
    for a catalogue on a server: its backups are the server's (``pg_dump``, see
    :func:`make_backup`), there is no file to copy."""
    if isinstance(db_path, ServerUrl):
        return None
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
    """The newest backup in the folder that passes the full check (None if there is none);
    damaged ones are passed over."""
    return search_backups(db_path, key).good


# -- restore ------------------------------------------------------------------------------

CATALOGUE, OWN_BACKUP, NOTHING = "catalogue", "backup", "nothing"
RESTORE, RESTORE_UNVERIFIED = "restore", "restore-unverified"
#: pages copied per step into an open catalogue (all in one transaction; see _swap_into_open)
COPY_STEP_PAGES = 256


def _crash_point(name: str) -> None:
    """Named moments of a restore; the crash tests replace this to kill the process there."""


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did: from which file, where the replaced database was kept."""

    restored_from: Path
    set_aside: Path | None
    replaced_head: tuple[int, str] | None
    restored_entries: int
    signed_in_against: str = CATALOGUE
    verified: bool = True

    def as_dict(self) -> dict[str, Any]:
        return {
            "restored_from": str(self.restored_from),
            "set_aside": str(self.set_aside) if self.set_aside else None,
            "replaced_head": list(self.replaced_head) if self.replaced_head else None,
            "restored_entries": self.restored_entries,
            "signed_in_against": self.signed_in_against,
            "verified": self.verified,
        }


@dataclass(frozen=True)
class Reference:
    """What a backup is checked against: the catalogue being replaced or, when that cannot
    be read, its newest readable backup; or nothing at all (``kind`` NOTHING)."""

    kind: str
    path: Path | None
    catalogue_id: str | None
    encrypted: bool
    head: tuple[int, str] | None = None
    intact: bool = False
    why_not_catalogue: str = ""

    def describe(self) -> str:
        if self.kind == CATALOGUE:
            return said("catalogue")
        if self.kind == OWN_BACKUP and self.path is not None:
            return said("backup {name}", name=self.path.name)
        return said("the backup restored (unverified)")


class _Unreadable(Exception):
    """The catalogue being replaced cannot be read (damaged or missing): ``why``, a keyed
    phrase ("it cannot be read (…)")."""

    def __init__(self, why: Text):
        super().__init__(why)
        self.why = why


def check_restorable(source: str | Path, key: str | None = None) -> FileCheck:
    """The full check of a file offered for restore; refuses it in plain words if it fails."""
    source = Path(source)
    if not source.is_file():
        raise NotFound(said("No backup file at {path}.", path=str(source)))
    result = check_file(source, key)
    if result.wrong_passphrase:
        raise WrongPassphrase(
            said(
                "The passphrase does not open {path}: check READINGROOM_KEY. Nothing was changed.",
                path=str(source),
            )
        )
    if not result.ok:
        raise DatabaseDamaged(
            said(
                "{path} cannot be restored: {problem} Nothing was changed.",
                path=str(source),
                problem=result.problem,
            )
        )
    return result


def restore(
    db_path: str | Path,
    source: str | Path,
    username: str,
    password: str,
    *,
    key: str | None = None,
    keep: int = KEEP,
    unverified_reason: str | None = None,
) -> RestoreResult:
    """Replace the catalogue at ``db_path`` with its backup ``source``, as a supervisor.

    ``unverified_reason`` is for the one case where neither the catalogue nor any of its
    backups can be read (see the module's docstring); it is refused otherwise. Leaves the
    restored catalogue open.
    """
    db_path, source = Path(db_path), Path(source)
    if source.exists() and db_path.exists() and source.resolve() == db_path.resolve():
        raise BadInput(said("That file is the database itself; choose a backup."))
    if unverified_reason is not None and not unverified_reason.strip():
        raise BadInput(said("An unverified restore needs a reason (--reason TEXT)."))
    checked = check_restorable(source, key)
    source_key = effective_key(source, key)
    reference = _reference(db_path, username, password, key)
    close_database()
    if reference.kind == NOTHING:
        _allow_unverified(db_path, source, unverified_reason, reference)
        _sign_in_to_file(source, source_key, username, password, said("the backup restored"))
    elif unverified_reason is not None:
        raise BadInput(
            said(
                "Restore this backup without --unverified: {reference} can be read, so the "
                "backup is checked against it. Nothing was changed.",
                reference=reference.describe(),
            )
        )
    _check_same_catalogue(reference, source, source_key)
    _check_encryption(reference, db_path, source, key)
    aside = _new_backup_path(db_path, REPLACED) if db_path.exists() else None
    prepared = _prepare(
        db_path,
        source,
        source_key,
        _restore_entry(username, source, aside, reference, unverified_reason),
    )
    _crash_point("prepared")
    _set_aside(db_path, aside, reference, key)
    _crash_point("set-aside")
    _swap(prepared, db_path, reference, source_key)
    _crash_point("swapped")
    open_database(db_path, key=key)
    prune(db_path, keep)
    return RestoreResult(
        source,
        aside,
        reference.head,
        checked.audit_entries,
        reference.describe(),
        reference.kind != NOTHING,
    )


# -- who may restore, against what --------------------------------------------------------


def _reference(db_path: Path, username: str, password: str, key: str | None) -> Reference:
    """Sign in to the catalogue being replaced, or (unreadable) to its newest readable
    backup; the reference the supplied backup is then checked against."""
    wrong_passphrase: WrongPassphrase | None = None
    why: str
    if not db_path.exists():
        why = said("there is no file at {path}", path=str(db_path))
    else:
        try:
            return _sign_in_to_catalogue(db_path, username, password, key)
        except WrongPassphrase as refused:
            wrong_passphrase = refused
            why = said("the passphrase does not open it")
        except _Unreadable as unreadable:
            why = unreadable.why
    found = _newest_readable_backup(db_path, key)
    if found is None:
        if wrong_passphrase is not None:
            raise WrongPassphrase(
                said(
                    "The passphrase does not open {path} (nor any of its backups): check "
                    "READINGROOM_KEY (or the passphrase typed). Nothing was changed.",
                    path=str(db_path),
                )
            ) from wrong_passphrase
        return Reference(NOTHING, None, None, False, why_not_catalogue=why)
    found_key = effective_key(found, key)
    _sign_in_to_file(
        found, found_key, username, password, said("its backup {name}", name=found.name)
    )
    return Reference(
        OWN_BACKUP,
        found,
        _catalogue_id_of_file(found, found_key),
        not is_plaintext(found),
        why_not_catalogue=why,
    )


def _sign_in_to_catalogue(
    db_path: Path, username: str, password: str, key: str | None
) -> Reference:
    """The catalogue as reference, once its supervisor has signed in to it (a wrong
    password is counted there). Raises :class:`_Unreadable` when it cannot be read."""
    try:
        open_database(db_path, key=key, migrate=False)
        user = staff.authenticate(username, password)
        head = audit.chain_head()
        catalogue_id = identity.catalogue_id_of(database)
        intact = _open_database_intact()
    except (WrongPassphrase, DatabaseLocked, NotPermitted):
        close_database()
        raise
    except (DatabaseDamaged, PeeweeDatabaseError, sqlite3.DatabaseError) as exc:
        close_database()
        raise _Unreadable(
            said("it cannot be read ({problem})", problem=getattr(exc, "message", None) or str(exc))
        ) from exc
    encrypted = bool(database_key())
    close_database()
    staff.require_supervisor(user)
    return Reference(CATALOGUE, db_path, catalogue_id, encrypted, head, intact)


def _open_database_intact() -> bool:
    try:
        row: tuple[object, ...] | None = database.execute_sql("PRAGMA quick_check(1)").fetchone()
        return row is not None and row[0] == "ok"
    except (PeeweeDatabaseError, sqlite3.DatabaseError):
        return False


def _newest_readable_backup(db_path: Path, key: str | None) -> Path | None:
    """The newest of the catalogue's own backups that can be read. Refuses a backups folder
    that holds backups of different catalogues (one planted among them, say)."""
    readable = [b for b in list_backups(db_path) if quick_check(b, key).ok]
    if not readable:
        return None
    ids = {b: _catalogue_id_of_file(b, effective_key(b, key)) for b in readable}
    newest = readable[0]
    odd = [b.name for b in readable if ids[b] != ids[newest]]
    if odd:
        raise BadInput(
            said(
                "{path} cannot be read, and its backups folder holds backups of different "
                "catalogues ({odd} differ from {newest}); move the ones that are not this "
                "catalogue's away and try again. Nothing was changed.",
                path=str(db_path),
                odd=", ".join(odd),
                newest=newest.name,
            )
        )
    return newest


def _catalogue_id_of_file(path: Path, key: str | None) -> str | None:
    db = file_database(path, key, readonly=True)
    try:
        return identity.catalogue_id_of(db)
    except (PeeweeDatabaseError, sqlite3.DatabaseError):
        return None
    finally:
        db.close()


def _sign_in_to_file(path: Path, key: str | None, username: str, password: str, what: str) -> None:
    """Check a supervisor's name and password against the accounts in ``path`` (read
    only: a failure cannot be counted there)."""
    db = file_database(path, key, readonly=True)
    try:
        with db.bind_ctx([StaffUser]):
            user = StaffUser.get_or_none(StaffUser.username == username)
    finally:
        db.close()
    matches = staff.password_matches(user.password_hash if user else staff.dummy_hash(), password)
    if user is None or not user.active or not matches:
        raise NotPermitted(
            said(
                "Wrong name or password (the catalogue cannot be read, so the accounts of "
                "{whose} were used).",
                whose=what,
            )
        )
    staff.require_supervisor(user)


def _allow_unverified(
    db_path: Path, source: Path, reason: str | None, reference: Reference
) -> None:
    if reason is None:
        raise BadInput(
            said(
                "{path} cannot be used ({why}) and no backup in {folder} can be read, so "
                "{backup} cannot be checked against the catalogue it would replace. If it is "
                "this catalogue's backup, a supervisor of that backup may restore it with "
                "--unverified --reason TEXT; the restored audit trail then records the "
                "restore as unverified, with the reason. Nothing was changed.",
                path=str(db_path),
                why=reference.why_not_catalogue,
                folder=str(backups_folder(db_path)),
                backup=source.name,
            )
        )


def _check_same_catalogue(reference: Reference, source: Path, key: str | None) -> None:
    if reference.kind == NOTHING or reference.catalogue_id is None:
        return
    backup_id = _catalogue_id_of_file(source, key)
    if backup_id != reference.catalogue_id:
        raise BadInput(
            said(
                "{backup} is a backup of another catalogue (id {other}), not of this one "
                "(id {this}); nothing was changed.",
                backup=source.name,
                other=str(backup_id),
                this=str(reference.catalogue_id),
            )
        )


def _check_encryption(reference: Reference, db_path: Path, source: Path, key: str | None) -> None:
    """An encrypted catalogue is never replaced by a plain file (nor the other way)."""
    backup_encrypted = not is_plaintext(source)
    looks_encrypted = db_path.exists() and db_path.stat().st_size > 0 and not is_plaintext(db_path)
    if reference.kind == CATALOGUE:
        encrypted = reference.encrypted
    elif reference.kind == OWN_BACKUP:
        encrypted = reference.encrypted or looks_encrypted
    else:
        encrypted = looks_encrypted or bool(key)
    if encrypted and not backup_encrypted:
        raise BadInput(
            said(
                "The catalogue is encrypted (or its file cannot be told from an encrypted "
                "one) and {backup} is not: restoring it would leave the collection readable "
                "to anyone with the file. Nothing was changed. If the file is damaged rather "
                "than encrypted, move it out of the way first.",
                backup=source.name,
            )
        )
    if backup_encrypted and not encrypted and reference.kind != NOTHING:
        raise BadInput(
            said(
                "{backup} is encrypted and the catalogue is not; nothing was changed.",
                backup=source.name,
            )
        )


# -- the restore as one step --------------------------------------------------------------


def _restore_entry(
    username: str,
    source: Path,
    aside: Path | None,
    reference: Reference,
    unverified_reason: str | None,
) -> dict[str, Any]:
    """The restore entry's action and details (the restored count is added when written)."""
    details: dict[str, Any] = {
        "from": source.name,
        "set_aside": aside.name if aside else None,
        "replaced_head": {"count": reference.head[0], "hash": reference.head[1]}
        if reference.head
        else "unreadable",
        "signed_in_against": reference.describe(),
        "verified": reference.kind != NOTHING,
    }
    if reference.why_not_catalogue:
        details["catalogue_unreadable"] = reference.why_not_catalogue
    if reference.kind == NOTHING:
        details["reason"] = unverified_reason
    action = RESTORE if reference.kind != NOTHING else RESTORE_UNVERIFIED
    return {"staff": username, "action": action, "details": details}


def _prepared_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".restoring")


def _prepare(db_path: Path, source: Path, key: str | None, entry: dict[str, Any]) -> Path:
    """The restored catalogue, whole, beside the database: a copy of ``source``, migrated,
    its chain head re-anchored and the restore recorded in it, synced. Touches nothing
    else; a crash leaves only this file, removed by the next restore."""
    prepared = _prepared_path(db_path)
    for suffix in _JOURNALS:
        Path(f"{prepared}{suffix}").unlink(missing_ok=True)
    src = file_database(source, key, readonly=True)
    try:
        copy_database(src, prepared)
    finally:
        src.close()
    try:
        open_database(prepared, key=key, migrate=False)
        migrate_database(database.obj)
        _anchor_and_record(entry)
        database.execute_sql("PRAGMA journal_mode=DELETE")  # one file, nothing in a journal
    except BaseException:
        close_database()
        for suffix in _JOURNALS:
            Path(f"{prepared}{suffix}").unlink(missing_ok=True)
        raise
    close_database()
    sync_path(prepared)
    return prepared


def _anchor_and_record(entry: dict[str, Any]) -> None:
    """Point the chain head at the end of the restored chain and append the restore."""
    with write_transaction():
        result = audit.verify()
        if not result.ok:
            raise AuditBroken(
                said(
                    "The restored audit chain is broken at entry {entry}: {problem}.",
                    entry=str(result.bad_entry),
                    problem=result.problem,
                )
            )
        AuditHead.update(count=result.count, last_hash=result.last_hash).where(
            AuditHead.id == 1
        ).execute()
        details = {
            **entry["details"],
            "restored_entries": result.count,
            "catalogue_id": identity.catalogue_id_of(database),
        }
        audit.record(entry["staff"], entry["action"], "database", details["from"], details)


def _set_aside(db_path: Path, aside: Path | None, reference: Reference, key: str | None) -> None:
    """Keep the catalogue being replaced as a ``-replaced`` backup (rotation never deletes
    it): through the backup API when it is intact, else its bytes (and journal) as they are."""
    if aside is None:
        return
    if reference.kind == CATALOGUE and reference.intact:
        live = file_database(db_path, effective_key(db_path, key))
        try:
            copy_database(live, aside, check=False)
        finally:
            live.close()
        return
    for suffix in ("", "-journal", "-wal"):
        part = Path(f"{db_path}{suffix}")
        if part.exists():
            private_copy(part, Path(f"{aside}{suffix}"))
    sync_path(aside.parent)


def _swap(prepared: Path, db_path: Path, reference: Reference, key: str | None) -> None:
    """Put the prepared file in place in one step."""
    if reference.kind == CATALOGUE and reference.intact:
        _swap_into_open(prepared, db_path, key)
        prepared.unlink(missing_ok=True)
        return
    for suffix in _JOURNALS[1:]:  # the old file's journal would be replayed into the new
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    _crash_point("renaming")
    os.replace(prepared, db_path)
    sync_path(db_path.parent)


def _swap_into_open(prepared: Path, db_path: Path, key: str | None) -> None:
    """Copy the prepared file into the intact catalogue with the online backup API: the
    destination is written in ONE transaction (committed when the last page is copied), so
    a crash leaves the old catalogue, and connections others hold (a window) stay valid and
    see the restored catalogue at their next read."""
    src = file_database(prepared, key, readonly=True)
    dest = file_database(db_path, effective_key(db_path, key))
    try:
        src.connection().backup(
            dest.connection(), pages=COPY_STEP_PAGES, progress=lambda *_: _crash_point("copying")
        )
    except (PeeweeDatabaseError, sqlite3.DatabaseError, OSError) as exc:
        raise _write_error(exc, db_path) from exc
    finally:
        src.close()
        dest.close()


# the store calls this before a migration changes an existing file (it imports nothing above)
db_hooks.before_migration(backup_before_migration)
