"""Catalogue commands: imports, search, a copy's state, editing a work, marking a copy."""

from __future__ import annotations

import argparse
from typing import Any

from readingroom import catalogue, imports
from readingroom.cli.context import Context, table
from readingroom.cli.parsers import Subparsers
from readingroom.errors import BadInput
from readingroom.messages import Count, said
from readingroom.vocabulary import CopyStatus


def register(sub: Subparsers, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("import", help="import a CSV file (all or nothing)")
    import_sub = p.add_subparsers(dest="import_kind", metavar="KIND", required=True)
    q = import_sub.add_parser(
        "catalogue", parents=[common], help="copies and works: barcode,title,author,..."
    )
    q.add_argument("file")
    q.set_defaults(func=cmd_import, importer=imports.import_catalogue)
    q = import_sub.add_parser(
        "borrowers", parents=[common], help="borrowers: member_no,name,role,..."
    )
    q.add_argument("file")
    q.set_defaults(func=cmd_import, importer=imports.import_borrowers)

    p = sub.add_parser(
        "search", parents=[common], help="search title, original title, author and translator"
    )
    p.add_argument("text")
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("copy", help="copies")
    copy_sub = p.add_subparsers(dest="copy_command", metavar="ACTION", required=True)
    q = copy_sub.add_parser("show", parents=[common], help="a copy, its work, status, borrower")
    q.add_argument("barcode")
    q.set_defaults(func=cmd_copy_show)
    register_copy_mark(copy_sub, common)
    register_work_edit(sub, common)


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    result = args.importer(ctx.actor, args.file)
    text = (
        said(
            "Imported {copies} of {works} ({joined} joined).",
            copies=Count(result.copies_added, "copy"),
            works=Count(result.works_added, "new work"),
            joined=Count(result.works_joined, "existing work"),
        )
        if args.import_kind == "catalogue"
        else said("Imported {borrowers}.", borrowers=Count(result.borrowers_added, "borrower"))
    )
    ctx.emit(result.as_dict(), text)
    return 0


def cmd_search(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open_signed_in()
    works = catalogue.search(args.text, limit=args.limit)
    counts = catalogue.copy_counts([w.id for w in works])
    results: list[dict[str, Any]] = []
    for work in works:
        by_status = counts.get(work.id, {})
        results.append(
            {
                "work_id": work.id,
                "title": work.title,
                "author": work.author,
                "original_title": work.original_title,
                "translator": work.translator,
                "access": work.access,
                "volumes": work.volumes,
                "copies": sum(by_status.values()),
                "available": by_status.get(CopyStatus.AVAILABLE, 0),
                "title_vernacular": work.title_vernacular,
            }
        )
    ctx.emit(
        {"query": args.text, "results": results},
        table(
            [
                [
                    f"{r['title']} ({r['title_vernacular']})"
                    if r["title_vernacular"]
                    else r["title"],
                    r["author"],
                    r["translator"],
                    r["access"],
                    f"{r['available']}/{r['copies']}",
                ]
                for r in results
            ],
            ["title", "author", "translator", "access", "on shelf"],
        )
        if results
        else said("Nothing matches {query}.", query=repr(args.text)),
    )
    return 0


def cmd_copy_show(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open_signed_in()
    info = catalogue.copy_info(args.barcode)
    lines: list[str] = [
        said(
            "{barcode}: {title} (volume {volume} of {volumes}) by {author}",
            barcode=info["barcode"],
            title=info["title"],
            volume=info["volume"],
            volumes=info["volumes"],
            author=info["author"],
        ),
        said(
            "  status: {status}   location: {location}   condition: {condition}",
            status=info["status"],
            location=info["location"] or "-",
            condition=info["condition"],
        ),
    ]
    if info["call_number"]:
        lines.append(said("  call number: {call_number}", call_number=info["call_number"]))
    if info["borrower"]:
        lines.append(
            said(
                "  on loan to {member} ({name}), due {due}",
                member=info["borrower"],
                name=info["borrower_name"],
                due=info["due"],
            )
        )
    if info["held_for"]:
        lines.append(said("  set aside for {member}", member=info["held_for"]))
    ctx.emit(info, lines)
    return 0


# -- work edit / copy mark --------------------------------------------------------------------

#: ``work edit`` options: (flag, the work's field)
WORK_OPTIONS = (
    ("--title", "title"),
    ("--subtitle", "subtitle"),
    ("--author", "author"),
    ("--translator", "translator"),
    ("--original-title", "original_title"),
    ("--original-language", "original_language"),
    ("--publisher", "publisher"),
    ("--year", "year"),
    ("--isbn", "isbn"),
    ("--notes", "notes"),
    ("--access", "access"),
    ("--volumes", "volumes"),
)


def register_work_edit(sub: Subparsers, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("work", help="works")
    work_sub = p.add_subparsers(dest="work_command", metavar="ACTION", required=True)
    q = work_sub.add_parser(
        "edit", parents=[common], help="change a work's fields (by its id or a copy's barcode)"
    )
    q.add_argument("work", metavar="ID|BARCODE")
    for flag, field in WORK_OPTIONS:
        help_text = (
            (
                "lendable, reading-room or staff-only (supervisor; refused while a "
                "copy is out on a loan the new class forbids)"
            )
            if field == "access"
            else None
        )
        q.add_argument(flag, dest=field, help=help_text)
    together = q.add_mutually_exclusive_group()
    together.add_argument(
        "--set-issue",
        dest="set_issue",
        action="store_true",
        default=None,
        help="every volume goes out together (lend and return with --also)",
    )
    together.add_argument(
        "--no-set-issue", dest="set_issue", action="store_false", help="volumes go out one by one"
    )
    q.set_defaults(func=cmd_work_edit)


def register_copy_mark(copy_sub: Subparsers, common: argparse.ArgumentParser) -> None:
    q = copy_sub.add_parser(
        "mark", parents=[common], help="mark a copy available, missing, withdrawn, lost or damaged"
    )
    q.add_argument("barcode")
    q.add_argument("status", metavar="STATUS", help=", ".join(catalogue.SETTABLE_STATUSES))
    q.add_argument("--reason", default="", help="recorded in the audit entry")
    q.add_argument(
        "--confirmed-by",
        metavar="NAME",
        help="lost and withdrawn: the second staff member who confirms (password on stdin)",
    )
    q.set_defaults(func=cmd_copy_mark)


def cmd_work_edit(ctx: Context, args: argparse.Namespace) -> int:
    changes = {
        field: getattr(args, field) for _, field in WORK_OPTIONS if getattr(args, field) is not None
    }
    if args.set_issue is not None:
        changes["set_issue"] = args.set_issue
    if not changes:
        raise BadInput(
            said(
                "Nothing to change: give at least one of {options}.",
                options=", ".join(flag for flag, _ in WORK_OPTIONS),
            )
        )
    ctx.open()
    actor = ctx.actor
    work = catalogue.edit_work(actor, catalogue.find_work(args.work).id, **changes).work
    record = catalogue.work_record(work)
    ctx.emit(
        record,
        [
            said(
                "Changed work {work}: {title} by {author} ({access}).",
                work=work.id,
                title=work.title,
                author=work.author,
                access=work.access,
            ),
            *(
                said("  {field}: {value}", field=field, value=str(record[field]))
                for field in changes
            ),
        ],
    )
    return 0


def cmd_copy_mark(ctx: Context, args: argparse.Namespace) -> int:
    from readingroom.cli.room import confirmer

    ctx.open()
    second = confirmer(ctx, args.confirmed_by)
    marked = catalogue.mark_copy(ctx.actor, args.barcode, args.status, args.reason, second)
    held = marked.set_aside_for
    info = catalogue.copy_record(marked.copy, None, held.borrower if held else None)  # not lent
    ctx.emit(
        info, said("{barcode} is now {status}.", barcode=info["barcode"], status=info["status"])
    )
    return 0
