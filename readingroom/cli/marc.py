"""Library data commands: ``import marc``, ``export marc`` and ``generate``.

``import marc`` joins the ``import`` group made by :mod:`readingroom.cli.catalogue` (and
``export marc`` an ``export`` group, made here unless another module made it first), so
this module is listed after ``catalogue`` in ``COMMAND_MODULES``.
"""

from __future__ import annotations

import argparse
import time

from readingroom import generate, marc
from readingroom.catalogue_file import create_catalogue
from readingroom.cli.context import Context
from readingroom.cli.parsers import Subparsers
from readingroom.errors import BadInput
from readingroom.messages import Count, Param, said


def group(sub: Subparsers, name: str, help_text: str, dest: str) -> Subparsers:
    """The subcommands of the top-level group ``name``, creating the group if needed."""
    parser = sub.choices.get(name)
    if parser is None:
        parser = sub.add_parser(name, help=help_text)
        return parser.add_subparsers(dest=dest, metavar="KIND", required=True)
    for action in parser._actions:  # argparse keeps a group's subcommands as an action
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise RuntimeError(f"the command {name!r} has no subcommands to join")


def register(sub: Subparsers, common: argparse.ArgumentParser) -> None:
    imports = group(sub, "import", "import a file (all or nothing)", "import_kind")
    p = imports.add_parser(
        "marc", parents=[common], help="works and copies from MARC 21 (ISO 2709 .mrc or MARCXML)"
    )
    p.add_argument("file", help="an ISO 2709 (.mrc) or MARCXML file")
    p.add_argument(
        "--copies",
        type=int,
        default=0,
        metavar="N",
        help="N generated copies of each volume of records without items",
    )
    p.add_argument(
        "--skip-bad",
        action="store_true",
        help="import the good records and report the malformed ones",
    )
    p.add_argument(
        "--update",
        action="store_true",
        help="update the works of records already in the catalogue (by 001/003, 035 or "
        "ISBN) and add their new copies, instead of leaving them as they are",
    )
    p.set_defaults(func=cmd_import_marc)

    exports = group(sub, "export", "export the catalogue", "export_kind")
    p = exports.add_parser(
        "marc", parents=[common], help="the catalogue as MARCXML (ISO 2709 if FILE ends in .mrc)"
    )
    p.add_argument(
        "--out",
        required=True,
        metavar="FILE",
        help="the file to write (replaced only once it is complete)",
    )
    p.set_defaults(func=cmd_export_marc)

    p = sub.add_parser(
        "generate",
        parents=[common],
        help="create a new database holding a synthetic library",
        description="Create a new database (--db) filled with a deterministic "
        "synthetic library for benchmarks and tests. The user "
        "signing in (--user or READINGROOM_USER) becomes its first "
        "supervisor, with that password.",
    )
    for name, what in (
        ("works", "works"),
        ("copies", "copies"),
        ("borrowers", "borrowers"),
        ("loans", "loans, past and current"),
    ):
        p.add_argument(f"--{name}", type=int, required=True, metavar="N", help=f"how many {what}")
    p.add_argument("--seed", type=int, default=1, help="the same seed builds the same library")
    p.set_defaults(func=cmd_generate)


def cmd_import_marc(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    result = marc.import_marc(
        ctx.actor, args.file, copies=args.copies, skip_bad=args.skip_bad, update=args.update
    )
    works: dict[str, Param] = {
        "new": result.works_added,
        "updated": result.works_updated,
        "already": result.works_already,
    }
    lines: list[str] = [
        said(
            "Imported {works} and {copies} ({generated} generated) from {records} of {file}.",
            works=Count(result.works_added, "work"),
            copies=Count(result.copies_added + result.copies_generated, "copy"),
            generated=result.copies_generated,
            records=Count(result.records, "record"),
            file=str(result.file),
        ),
        said(
            "New: {new}; updated: {updated}; already in the catalogue, left as they were: "
            "{already} (--update updates them).",
            **works,
        )
        if result.works_already
        else said(
            "New: {new}; updated: {updated}; already in the catalogue, left as they were: "
            "{already}.",
            **works,
        ),
    ]
    if result.copies_updated:
        lines.append(
            said(
                "{copies} already catalogued given the record's call number.",
                copies=Count(result.copies_updated, "copy"),
            )
        )
    if result.language_unknown:
        lines.append(
            said(
                "{translations} without 041 $h: the original language was left empty (008 "
                "gives the language of the translation).",
                translations=Count(result.language_unknown, "translation"),
            )
        )
    if result.skipped:
        lines.append(said("Skipped {records}:", records=Count(len(result.skipped), "bad record")))
        lines.extend(said("  {problem}", problem=problem) for problem in result.skipped)
    ctx.emit(result.as_dict(), lines)
    return 0


def cmd_export_marc(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    result = marc.export_marc(ctx.actor, args.out)
    ctx.emit(
        result.as_dict(),
        said(
            "Wrote {works} and {copies} to {file} ({format}).",
            works=Count(result.works, "work"),
            copies=Count(result.copies, "copy"),
            file=str(result.file),
            format=str(result.format),
        ),
    )
    return 0


def cmd_generate(ctx: Context, args: argparse.Namespace) -> int:
    """The library is built in a hidden file beside the target and renamed at the end
    (:func:`readingroom.catalogue_file.create_catalogue`): a crash (even a kill) leaves no
    half-built catalogue under the target's name."""
    if ctx.db_path.exists():
        raise BadInput(
            said(
                "{path} already exists; generate fills a new database only.",
                path=str(ctx.db_path),
            )
        )
    spec = generate.LibrarySpec(args.works, args.copies, args.borrowers, args.loans, seed=args.seed)
    spec.check()
    username, password = ctx.identity()
    started = time.perf_counter()
    built: list[generate.GenerationResult] = []
    create_catalogue(
        ctx.db_path,
        username,
        password,
        fill=lambda supervisor: built.append(generate.generate_library(supervisor, spec)),
        make_folder=False,
    )
    (result,) = built
    data = {
        "db": str(ctx.db_path),
        "supervisor": username,
        **result.as_dict(),
        "seconds": round(time.perf_counter() - started, 1),
    }
    ctx.emit(
        data,
        said(
            "Created {path}: {works}, {copies}, {borrowers}, {loans} ({active} out now), seed "
            "{seed}, in {seconds} s; {user} is its first supervisor.",
            path=str(ctx.db_path),
            works=Count(result.works, "work"),
            copies=Count(result.copies, "copy"),
            borrowers=Count(result.borrowers, "borrower"),
            loans=Count(result.loans, "loan"),
            active=result.active_loans,
            seed=result.seed,
            seconds=str(data["seconds"]),
            user=username,
        ),
    )
    return 0
