"""Commands that need Qt: the desktop app (``gui``, or no command) and ``screenshots``.

PySide6 is imported only inside these handlers, so every other command runs with no display.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from readingroom.cli.context import Context
from readingroom.cli.parsers import Subparsers
from readingroom.errors import BadInput
from readingroom.messages import said
from readingroom.paths import ServerUrl, database_target, default_db_target


def register(sub: Subparsers, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("gui", parents=[common], help="open the desktop app (the default)")
    p.set_defaults(func=cmd_gui)
    p = sub.add_parser(
        "screenshots",
        parents=[common],
        help="render every page of the demo catalogue to PNG files in DIR",
    )
    p.add_argument("dir")
    p.add_argument("--size", default="1280x800", help="window size, e.g. 1920x1080")
    p.add_argument(
        "--lang",
        default=None,
        help=(
            "interface language: ko_KP (조선어), ko (한국어) or en "
            "(default: the app's setting, else the system's)"
        ),
    )
    p.add_argument(
        "--printouts",
        action="store_true",
        help="only what the branch prints: the inspection report and a reminder letter "
        "(print-*.png), in --lang (default: the demo's printing language)",
    )
    p.set_defaults(func=cmd_screenshots)


def run_gui(args: argparse.Namespace) -> int:
    from ui.app import run

    target = database_target(args.db) if args.db else default_db_target()
    chosen = target if isinstance(target, ServerUrl) or args.db else None
    return run(db_path=chosen, user=args.user)


def cmd_gui(ctx: Context, args: argparse.Namespace) -> int:
    return run_gui(args)


def cmd_screenshots(ctx: Context, args: argparse.Namespace) -> int:
    from ui.i18n import available_languages
    from ui.screenshots import render_all

    if args.lang is not None and args.lang not in available_languages():
        raise BadInput(
            said(
                "No {code} translation; languages: {choices}.",
                code=repr(args.lang),
                choices=", ".join(available_languages()),
            )
        )
    if args.printouts:
        from ui.screenshots import render_printouts

        files = render_printouts(Path(args.dir), args.lang)
        ctx.emit({"files": [str(f) for f in files]}, [str(f) for f in files])
        return 0
    width, _, height = args.size.partition("x")
    files = render_all(Path(args.dir), size=(int(width), int(height)), language=args.lang)
    ctx.emit({"files": [str(f) for f in files]}, [str(f) for f in files])
    return 0
