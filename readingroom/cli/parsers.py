"""The argparse types every command module's ``register(sub, common)`` receives."""

from __future__ import annotations

import argparse
from typing import TypeAlias

from readingroom import language
from readingroom.cli import localise

#: what ``ArgumentParser.add_subparsers()`` returns (argparse names the class privately)
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def cli_words() -> language.Words:
    """The command line's words: Korean when ``readingroom --lang`` or
    ``LC_ALL``/``LC_MESSAGES``/``LANG`` asks for it by its full tag (``ko_KP.UTF-8`` 조선어,
    ``ko_KR.UTF-8`` 한국어), else English (:func:`readingroom.cli.localise.words`). Reason codes,
    JSON keys and JSON values never change."""
    return localise.words()


def language_option(parser: argparse.ArgumentParser, what: str) -> None:
    """``--lang ko_KP|ko|en``: the language ``what`` prints in, for this run (default: the
    branch's printing language, ``settings print-language``)."""
    parser.add_argument(
        "--lang",
        choices=language.LANGUAGES,
        metavar="ko_KP|ko|en",
        help=f"the language {what} print in: ko_KP (조선어), ko (한국어) or en "
        "(default: the branch's printing language, settings print-language)",
    )
