"""The ``readingroom`` command: the desktop app with no command, the domain's services with one.

Exit codes (a contract): 0 done; 1 bad input or not found; 2 usage error; 3 refused by the
lending rules; 4 audit trail broken; 5 not signed in or not permitted.
Every command module registers its subcommands in :data:`COMMAND_MODULES`; none of them
imports PySide6, so the command line works with no display.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from readingroom.catalogue_file import environment_problem
from readingroom.cli import localise
from readingroom.cli.context import Context, PlainStream, json_text, whole_number
from readingroom.cli.parsers import cli_words
from readingroom.errors import ReadingRoomError, Refused
from readingroom.files import set_private_umask
from readingroom.language import LANGUAGES
from readingroom.messages import said
from readingroom.paths import database_target, default_db_target

#: modules under readingroom.cli, each with ``register(subparsers, common)``
COMMAND_MODULES = (
    "admin",
    "catalogue",
    "marc",
    "circulation",
    "restrictions",
    "maintenance",
    "inspection",
    "reports",
    "room",
    "central",
    "app",
)

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2
#: a command whose reader went away (``readingroom search a | head -1``): 128 + SIGPIPE,
#: what the shell reports for any program stopped by a closed pipe
EXIT_PIPE_CLOSED = 141


def common_options() -> argparse.ArgumentParser:
    """Options every command accepts after its name (``--json``, ``--user``)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS,
        help="print one JSON object instead of text",
    )
    common.add_argument(
        "--user",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help="sign in as NAME (the password is prompted for)",
    )
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return common


def build_parser() -> argparse.ArgumentParser:
    parser = localise.Parser(
        prog="readingroom",
        description="Reading Room: catalogue and lending desk for a restricted collection. "
        "With no command, opens the desktop app.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="the database file (default: $READINGROOM_DB or the user's data folder)",
    )
    parser.add_argument("--user", metavar="NAME", help="sign in as NAME (password prompted)")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--lang",
        dest="interface_language",
        action=localise.ChooseLanguage,
        choices=LANGUAGES,
        metavar="ko_KP|ko|en",
        help="the command line's language: ko_KP (조선어), ko (한국어) or en (default: from "
        "LANG; a command's own --lang chooses what it prints)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = common_options()
    for name in COMMAND_MODULES:
        importlib.import_module(f"readingroom.cli.{name}").register(sub, common)
    _bound_whole_numbers(parser)
    return parser


def _bound_whole_numbers(parser: argparse.ArgumentParser) -> None:
    """Give every integer option of every command one type, :func:`whole_number`: a huge or
    negative ``--limit``, ``--stocktake`` or ``--copies`` is a plain message, not a trace."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for subparser in set(action.choices.values()):
                _bound_whole_numbers(subparser)
        elif action.type is int:
            name = action.option_strings[-1] if action.option_strings else action.dest
            action.type = whole_number(name)


@contextmanager
def _plain_output() -> Iterator[None]:
    """While a command runs, everything it prints passes through
    :func:`~readingroom.cli.context.terminal_text`: no title, user name or message can send
    the terminal an escape sequence."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = PlainStream(out), PlainStream(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def _pipe_closed() -> int:
    """The reader of our output has gone: stop quietly. Python's documented recipe: point
    standard output at the null device, so the final flush at exit raises nothing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor behind stdout (a test's capture)
        pass
    return EXIT_PIPE_CLOSED


def main(argv: list[str] | None = None) -> int:
    set_private_umask()  # whatever the program writes: 0600 files, 0700 folders
    with _plain_output():
        try:
            code = _main(argv)
            sys.stdout.flush()
            return code
        except BrokenPipeError:
            return _pipe_closed()


def _main(argv: list[str] | None) -> int:
    localise.choose(None)  # the environment's language until --lang says otherwise
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except ReadingRoomError as error:  # an option's value out of range (whole_number)
        print(localise.error(error), file=sys.stderr)
        return error.exit_code
    if not getattr(args, "func", None):
        if args.command:
            parser.parse_args([args.command, "--help"])
        from readingroom.cli.app import run_gui

        return run_gui(args)
    ctx = Context(
        db_path=database_target(args.db) if args.db else default_db_target(),
        json=bool(args.json),
        user=args.user,
    )
    try:
        code = args.func(ctx, args) or EXIT_OK
        ctx.after_command()  # a supervisor's writing command stores their seal key (seals.py)
        return code
    except Refused as refusal:
        if ctx.json:
            print(json_text(refusal.decision.as_dict()))
        say = cli_words()  # the reasons in Korean when LANG asks for it; the codes stay
        print(
            say("Refused:")
            + " "
            + "; ".join(f"{r.code}: {say.reason(r)}" for r in refusal.decision.reasons),
            file=sys.stderr,
        )
        return refusal.exit_code
    except ReadingRoomError as error:
        print(localise.error(error), file=sys.stderr)
        return error.exit_code
    except BrokenPipeError:
        raise
    except UnicodeEncodeError:
        print(
            localise.sentence(
                said(
                    "An argument holds bytes that are not valid text (UTF-8); nothing was changed."
                )
            ),
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    except Exception as exc:
        problem = environment_problem(exc, ctx.db_path)
        if problem is None:
            raise
        # a damaged, locked or full database met outside a write: say so, never a traceback
        print(localise.error(problem), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print(
            localise.sentence(said("Interrupted; nothing was changed by the unfinished step.")),
            file=sys.stderr,
        )
        return 130
    finally:
        ctx.close()
