"""The union catalogue's commands: ``central init``, ``central import-bundle``,
``central report`` and ``central branches``, on the central database named by ``--db``.

They need no sign-in: a central database holds no staff accounts; who may run them is
who may write the file (or, on a server, the database role).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from readingroom.central import reports as central_reports
from readingroom.central import views
from readingroom.central.db import close_central, create_central, open_central
from readingroom.central.importing import import_bundle
from readingroom.cli.context import Context, table
from readingroom.cli.parsers import Subparsers
from readingroom.errors import BadInput
from readingroom.messages import Count, said

Handler = Callable[[Context, argparse.Namespace], int]


def register(sub: Subparsers, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "central",
        parents=[common],
        help="the union catalogue: a central database built from the branches' bundles",
    )
    commands = p.add_subparsers(dest="central_command", metavar="COMMAND", required=True)
    q = commands.add_parser("init", parents=[common], help="make a new central database at --db")
    q.set_defaults(func=_closing(cmd_init))
    q = commands.add_parser(
        "import-bundle",
        parents=[common],
        help="check a branch's signed bundle and load it (exit 4: refused, and listed)",
    )
    q.add_argument("dir", help="the bundle's folder, as export-bundle made it")
    q.set_defaults(func=_closing(cmd_import))
    q = commands.add_parser("report", parents=[common], help="a report across the branches")
    q.add_argument("kind", choices=central_reports.KINDS)
    q.add_argument("--format", required=True, choices=central_reports.FORMATS)
    q.add_argument("--output", metavar="FILE", help="the file (a CSV goes to stdout without)")
    q.add_argument("--force", action="store_true", help="replace an existing FILE")
    q.set_defaults(func=_closing(cmd_report))
    q = commands.add_parser(
        "branches", parents=[common], help="each branch's newest bundle and the refused ones"
    )
    q.set_defaults(func=_closing(cmd_branches))


def _closing(handler: Handler) -> Handler:
    def run(ctx: Context, args: argparse.Namespace) -> int:
        try:
            return handler(ctx, args)
        finally:
            close_central()

    return run


def cmd_init(ctx: Context, args: argparse.Namespace) -> int:
    applied = create_central(ctx.db_path)
    ctx.emit(
        {"db": str(ctx.db_path), "migrations": applied},
        said("Made the central database {path}.", path=str(ctx.db_path)),
    )
    return 0


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    open_central(ctx.db_path)
    done = import_bundle(args.dir)
    if done.already:
        text = said(
            "This bundle of {branch} was imported before (manifest {manifest}…): nothing was "
            "changed.",
            branch=done.branch,
            manifest=done.manifest_sha256[:16],
        )
    elif done.new_branch:
        text = said(
            "Imported {branch} (a new branch: its root fingerprint is recorded): {copies}, "
            "chain head at entry {entry}.",
            branch=done.branch,
            copies=Count(done.copies, "copy"),
            entry=done.chain_count,
        )
    else:
        text = said(
            "Imported {branch}: {copies}, chain head at entry {entry}.",
            branch=done.branch,
            copies=Count(done.copies, "copy"),
            entry=done.chain_count,
        )
    ctx.emit(done.as_dict(), text)
    return 0


def cmd_report(ctx: Context, args: argparse.Namespace) -> int:
    open_central(ctx.db_path, readonly=True)
    if args.output is None:
        if args.format == central_reports.PDF:
            raise BadInput(said("A PDF needs --output FILE."))
        central_reports.print_csv(args.kind)
        return 0
    written = central_reports.write(args.kind, args.format, args.output, force=args.force)
    ctx.emit(
        written.as_dict(),
        said("Wrote {path} ({rows}).", path=str(written.path), rows=Count(written.rows, "row")),
    )
    return 0


def cmd_branches(ctx: Context, args: argparse.Namespace) -> int:
    open_central(ctx.db_path, readonly=True)
    standing, refused = views.branches(), views.refused_bundles()
    lines = table(
        [
            [
                b.name,
                b.exported_at[:10],
                b.imported_at,
                str(b.chain_count),
                str(b.copies),
                str(b.missing),
                str(b.overrides),
            ]
            for b in standing
        ],
        ["branch", "exported", "imported", "head", "copies", "missing", "overrides"],
        right=(3, 4, 5, 6),
    )
    lines += [
        said(
            "Refused: {at} {branch}: {refusal}: {problem}",
            at=str(r.refused_at),
            branch=r.branch,
            refusal=r.kind,
            problem=r.problem,
        )
        for r in refused
    ]
    ctx.emit(
        {
            "branches": [b.as_dict() for b in standing],
            "refused": [r.as_dict() for r in refused],
        },
        lines,
    )
    return 0
