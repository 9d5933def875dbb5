"""Keeping the data safe: ``backup``, ``restore``, ``doctor`` and ``migrate-to``."""

from __future__ import annotations

import argparse

from readingroom import backup, doctor, server_copy
from readingroom.cli.context import Context
from readingroom.cli.parsers import Subparsers
from readingroom.errors import AuditBroken, BadInput
from readingroom.messages import Count, said
from readingroom.paths import ServerUrl, database_target


def register(sub: Subparsers, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "backup",
        parents=[common],
        help="back up the database (online backup; into the backups folder unless --out is given)",
    )
    p.add_argument("--out", metavar="FILE", help="write the backup to this new file")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser(
        "restore",
        parents=[common],
        help="replace the database with a checked backup of the same catalogue "
        "(a supervisor of the catalogue being replaced)",
    )
    p.add_argument("file", help="the backup to restore")
    p.add_argument(
        "--unverified",
        action="store_true",
        help="only when neither the catalogue nor any of its backups can be "
        "read: restore on the backup's own accounts, recorded as unverified "
        "(needs --reason)",
    )
    p.add_argument("--reason", metavar="TEXT", help="why an unverified restore is needed")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser(
        "doctor",
        parents=[common],
        help="check integrity, schema version, audit chain, guards and "
        "invariants; name the newest good backup (exit 0 healthy, 1 "
        "damaged or busy)",
    )
    p.set_defaults(func=cmd_doctor)

    p = sub.add_parser(
        "migrate-to",
        parents=[common],
        help="copy this SQLite catalogue into an empty PostgreSQL database "
        "(postgresql://USER@HOST:PORT/NAME; the password from PGPASSWORD or ~/.pgpass), "
        "audit chain and seals intact, verified after the copy (supervisor)",
    )
    p.add_argument("target", metavar="URL", help="the empty database on the server")
    p.set_defaults(func=cmd_migrate_to)


def cmd_backup(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    made = backup.make_backup(ctx.actor, args.out)
    size = made.stat().st_size
    said_done = (
        said(
            "Backed up with pg_dump -Fc (restore it with pg_restore) to {path} ({size} bytes).",
            path=str(made),
            size=f"{size:,}",
        )
        if backup.on_server()
        else said("Backed up to {path} ({size} bytes).", path=str(made), size=f"{size:,}")
    )
    ctx.emit({"file": str(made), "bytes": size}, said_done)
    return 0


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:
    if args.reason is not None and not args.unverified:
        raise BadInput(said("--reason goes with --unverified; a verified restore needs none."))
    if args.unverified and not (args.reason or "").strip():
        raise BadInput(
            said("--unverified needs --reason TEXT (it is recorded in the audit trail).")
        )
    path = ctx.file_only("restore")
    username, password = ctx.identity()
    result = backup.restore(
        path,
        args.file,
        username,
        password,
        key=ctx.key(),
        unverified_reason=args.reason if args.unverified else None,
    )
    lines: list[str] = [
        said(
            "Restored {path} from {source} ({entries}).",
            path=str(ctx.db_path),
            source=str(result.restored_from),
            entries=Count(result.restored_entries, "audit entry"),
        )
    ]
    if not result.verified:
        lines.append(said("The restore is recorded as UNVERIFIED, with your reason."))
    if result.set_aside:
        lines.append(
            said("The database it replaced is kept as {path}.", path=str(result.set_aside))
        )
    ctx.emit(result.as_dict(), lines)
    return 0


def cmd_migrate_to(ctx: Context, args: argparse.Namespace) -> int:
    target = database_target(args.target)
    if not isinstance(target, ServerUrl):
        raise BadInput(said("{target} is not a postgresql:// address.", target=args.target))
    source = ctx.file_only("migrate-to")
    actor = ctx.open_signed_in()
    copied = server_copy.copy_to_server(actor, source, ctx.key(), target)
    ctx.emit(
        copied.as_dict(),
        said(
            "Copied {source} to {target}: {entries}, chain intact (latest hash {hash}), the "
            "tables agree with it. Open it with 'readingroom --db {again} ...'.",
            source=str(source),
            target=str(target),
            entries=Count(copied.entries, "audit entry"),
            hash=copied.last_hash,
            again=str(target),
        ),
    )
    return 0


def cmd_doctor(ctx: Context, args: argparse.Namespace) -> int:
    diagnosis = (
        doctor.diagnose_server(ctx.db_path)
        if isinstance(ctx.db_path, ServerUrl)
        else doctor.diagnose(ctx.db_path, ctx.key())
    )
    ctx.emit(diagnosis.as_dict(), diagnosis.lines())
    if diagnosis.seals_broken:
        return AuditBroken.exit_code
    if any(c.name == doctor.TABLES_CHECK and not c.ok for c in diagnosis.database.checks):
        return 4  # the tables do not agree with the audit trail
    return 0 if diagnosis.healthy else 1
