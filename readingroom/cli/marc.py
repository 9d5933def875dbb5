"""Library data commands: ``import marc``, ``export marc`` and ``generate``.

``import marc`` joins the ``import`` group made by :mod:`readingroom.cli.catalogue` (and
``export marc`` an ``export`` group, made here unless another module made it first), so
this module is listed after ``catalogue`` in ``COMMAND_MODULES``.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from readingroom import generate, marc, staff
from readingroom.cli.context import Context
from readingroom.errors import BadInput, EnvironmentProblem
from readingroom.files import place_new
from readingroom.store.db import database, open_database

#: what the catalogue is built as, beside the target, until it is whole
BUILDING = ".{name}.{pid}.building"
SIDE_FILES = ("", "-wal", "-shm", "-journal")


def group(sub, name: str, help_text: str, dest: str):
    """The subcommands of the top-level group ``name``, creating the group if needed."""
    parser = sub.choices.get(name)
    if parser is None:
        parser = sub.add_parser(name, help=help_text)
        return parser.add_subparsers(dest=dest, metavar="KIND", required=True)
    for action in parser._actions:  # argparse keeps a group's subcommands as an action
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise RuntimeError(f"the command {name!r} has no subcommands to join")


def register(sub, common) -> None:
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
    result = marc.import_marc(ctx.actor, args.file, copies=args.copies, skip_bad=args.skip_bad)
    lines = [
        f"Imported {result.works_added} works and "
        f"{result.copies_added + result.copies_generated} copies "
        f"({result.copies_generated} generated) from {result.records} records of "
        f"{result.file}."
    ]
    if result.skipped:
        lines.append(f"Skipped {len(result.skipped)} bad record(s):")
        lines.extend(f"  {problem}" for problem in result.skipped)
    ctx.emit(result.as_dict(), lines)
    return 0


def cmd_export_marc(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    result = marc.export_marc(ctx.actor, args.out)
    ctx.emit(
        result.as_dict(),
        f"Wrote {result.works} works and {result.copies} copies to "
        f"{result.file} ({result.format}).",
    )
    return 0


def cmd_generate(ctx: Context, args: argparse.Namespace) -> int:
    """Build the library in a hidden file beside the target and rename it at the end: a
    crash (even a kill) leaves no half-built catalogue under the target's name."""
    if ctx.db_path.exists():
        raise BadInput(f"{ctx.db_path} already exists; generate fills a new database only.")
    spec = generate.LibrarySpec(args.works, args.copies, args.borrowers, args.loans, seed=args.seed)
    spec.check()
    username, password = ctx.identity()
    started = time.perf_counter()
    _remove_abandoned_builds(ctx.db_path)
    building = ctx.db_path.with_name(BUILDING.format(name=ctx.db_path.name, pid=os.getpid()))
    try:
        open_database(building, create=True)
        supervisor = staff.create_first_supervisor(username, password)
        result = generate.generate_library(supervisor, spec)
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        ctx.close()
        _put_in_place(building, ctx.db_path)
    except BaseException:
        ctx.close()
        _remove(building)
        raise
    data = {
        "db": str(ctx.db_path),
        "supervisor": username,
        **result.as_dict(),
        "seconds": round(time.perf_counter() - started, 1),
    }
    ctx.emit(
        data,
        f"Created {ctx.db_path}: {result.works} works, {result.copies} copies, "
        f"{result.borrowers} borrowers, {result.loans} loans "
        f"({result.active_loans} out now), seed {result.seed}, in "
        f"{data['seconds']} s; {username} is its first supervisor.",
    )
    return 0


def _put_in_place(building: Path, target: Path) -> None:
    """Give the finished file the target's name in one step, never over another file."""
    for suffix in SIDE_FILES[1:]:  # a clean close leaves none; an empty one is harmless
        side = building.with_name(building.name + suffix)
        if side.exists() and side.stat().st_size == 0:
            side.unlink()
    try:
        place_new(building, target)
    except FileExistsError:
        raise BadInput(
            f"{target} appeared while the library was built; it was left as it is."
        ) from None


def _remove(building: Path) -> None:
    for suffix in SIDE_FILES:
        try:
            building.with_name(building.name + suffix).unlink(missing_ok=True)
        except OSError as error:
            raise EnvironmentProblem(f"Cannot remove {building}: {error}.") from error


def _remove_abandoned_builds(target: Path) -> None:
    """The hidden files of a build whose process was killed (POSIX: its pid is gone)."""
    if os.name != "posix":
        return
    for path in target.parent.glob(BUILDING.format(name=target.name, pid="*")):
        pid = path.name[len(target.name) + 2 :].split(".")[0]
        if pid.isdigit() and not _running(int(pid)):
            _remove(path)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
