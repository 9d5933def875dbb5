"""Catalogue commands: imports, search and a copy's state."""

from __future__ import annotations

import argparse

from readingroom import catalogue, imports
from readingroom.cli.context import Context, table


def register(sub, common) -> None:
    p = sub.add_parser("import", help="import a CSV file (all or nothing)")
    import_sub = p.add_subparsers(dest="import_kind", metavar="KIND", required=True)
    q = import_sub.add_parser("catalogue", parents=[common],
                              help="copies and works: barcode,title,author,...")
    q.add_argument("file")
    q.set_defaults(func=cmd_import, importer=imports.import_catalogue)
    q = import_sub.add_parser("borrowers", parents=[common],
                              help="borrowers: member_no,name,role,...")
    q.add_argument("file")
    q.set_defaults(func=cmd_import, importer=imports.import_borrowers)

    p = sub.add_parser("search", parents=[common],
                       help="search title, original title, author and translator")
    p.add_argument("text")
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("copy", help="copies")
    copy_sub = p.add_subparsers(dest="copy_command", metavar="ACTION", required=True)
    q = copy_sub.add_parser("show", parents=[common], help="a copy, its work, status, borrower")
    q.add_argument("barcode")
    q.set_defaults(func=cmd_copy_show)


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    result = args.importer(ctx.actor, args.file)
    text = (f"Imported {result.copies_added} copies of {result.works_added} new works"
            f" ({result.works_joined} existing works joined)."
            if args.import_kind == "catalogue" else
            f"Imported {result.borrowers_added} borrowers.")
    ctx.emit(result.as_dict(), text)
    return 0


def cmd_search(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open_signed_in()
    works = catalogue.search(args.text, limit=args.limit)
    counts = catalogue.copy_counts([w.id for w in works])
    results = []
    for work in works:
        by_status = counts.get(work.id, {})
        results.append({"work_id": work.id, "title": work.title, "author": work.author,
                        "original_title": work.original_title,
                        "translator": work.translator, "access": work.access,
                        "volumes": work.volumes, "copies": sum(by_status.values()),
                        "available": by_status.get("available", 0)})
    ctx.emit({"query": args.text, "results": results},
             table([[r["title"], r["author"], r["translator"], r["access"],
                     f"{r['available']}/{r['copies']}"] for r in results],
                   ["title", "author", "translator", "access", "on shelf"])
             if results else f"Nothing matches {args.text!r}.")
    return 0


def cmd_copy_show(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open_signed_in()
    info = catalogue.copy_info(args.barcode)
    lines = [f"{info['barcode']}: {info['title']} (volume {info['volume']} of "
             f"{info['volumes']}) by {info['author']}",
             f"  status: {info['status']}   location: {info['location'] or '-'}   "
             f"condition: {info['condition']}"]
    if info["borrower"]:
        lines.append(f"  on loan to {info['borrower']} ({info['borrower_name']}), "
                     f"due {info['due']}")
    if info["held_for"]:
        lines.append(f"  set aside for {info['held_for']}")
    ctx.emit(info, lines)
    return 0
