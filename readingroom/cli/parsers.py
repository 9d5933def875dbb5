"""The argparse types every command module's ``register(sub, common)`` receives."""

from __future__ import annotations

import argparse
from typing import TypeAlias

#: what ``ArgumentParser.add_subparsers()`` returns (argparse names the class privately)
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def language_option(parser: argparse.ArgumentParser, what: str) -> None:
    """``--lang ko_KP|ko|en``: the language ``what`` prints in, for this run (default: the
    branch's printing language, ``settings print-language``)."""
    from readingroom.language import LANGUAGES

    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        metavar="ko_KP|ko|en",
        help=f"the language {what} print in: ko_KP (조선어), ko (한국어) or en "
        "(default: the branch's printing language, settings print-language)",
    )
