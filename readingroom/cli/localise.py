"""The command line in its user's language: help, argparse's own texts, messages and tables.

The language is chosen by ``readingroom --lang ko_KP|ko|en COMMAND`` (before the command: a
command's own ``--lang`` chooses what *it prints*, a PDF, a letter) or else by
``LC_ALL``/``LC_MESSAGES``/``LANG`` read by the full tag (``ko_KP.UTF-8`` 조선어,
``ko_KR.UTF-8`` 한국어); English otherwise, byte for byte what the code writes.

Nothing is translated at the call sites: the texts pass through the edges of the command
line, looked up in the domain's catalogue (:mod:`readingroom.language`) by their English:

- help: :class:`HelpFormatter` looks up every help, description and epilog and argparse's
  own headings (context ``cli``), and wraps Korean by display width; :class:`Parser` says
  argparse's errors ("the following arguments are required: ...") from their templates;
- messages: :func:`sentence` renders a line a command prints (``Lent B1 to W-1; due ...``) or
  an error's message from the catalogue's template that makes it, the params kept (a copy's
  status, a role in the language's words); a rule's sentence (a reason, a note) met as plain
  text from its template in context ``reason``;
- tables: :func:`header` and :func:`cell` name the columns (context ``column``) and the stored
  words of the value columns (status, condition, access, role...), as the PDFs do.

A text the catalogue lacks stays English. Reason codes, JSON keys and JSON values never
change: JSON is never passed through here.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from readingroom import language, wording
from readingroom.errors import ReadingRoomError
from readingroom.messages import Text
from readingroom.wording import display_width

#: the context of the command line's texts in the catalogue (help, argparse's, messages)
CONTEXT = "cli"
#: the context of the tables' column headers
COLUMNS = "column"
#: a column (by its English header) whose cells are stored words, and their contexts
VALUE_COLUMNS: dict[str, tuple[str, ...]] = {
    "status": ("status",),
    "condition": ("condition",),
    "access": ("access",),
    "role": ("role", "staff-role"),
    "state": ("state",),
    "kind": ("move",),
    "action": ("audit-action",),
    "reason": ("readiness", "status"),
    "move": ("place",),
}
#: how a value column joins the stored words of one cell (a copy's move: ``shelf -> desk``)
JOINED = " -> "
#: a message's param (by its name) that is a stored word, and its contexts
VALUE_PARAMS = language.STORED_PARAMS
#: how a param names one of several stored words (``librarian or supervisor``)
ALTERNATIVES = " or "
#: a param that is itself a sentence (argparse's "argument --x: {problem}", a note)
SENTENCE_PARAMS = ("problem", "message", "note")
#: counted nouns (``{n} copy``: ``{n}부``)
COUNTS = "count"
#: the rules' sentences (a refusal's reason, a note), met in a message as plain text
REASONS = "reason"

_chosen: str | None = None


def choose(code: str | None) -> None:
    """The language of this run (``--lang`` before the command), or None: the environment's."""
    global _chosen
    _chosen = None if code is None else language.check(code)


def words() -> language.Words:
    """The command line's words: ``--lang``'s language, else the environment's, else
    English."""
    return language.words(_chosen or language.from_environment() or language.ENGLISH)


class ChooseLanguage(argparse.Action):
    """``readingroom --lang ko_KP``: chosen the moment it is read, so the help and the
    errors of the command after it are already in that language."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        choose(str(values))
        setattr(namespace, self.dest, values)


# -- messages -------------------------------------------------------------------------------


def sentence(text: str, say: language.Words | None = None) -> str:
    """``text``, a line the command line prints, in the language: the catalogue's text for it,
    or for the template that makes it (``Returned {barcode}; it is now {status}.``) with its
    params put back; ``text`` itself when the catalogue has neither (or in English)."""
    say = say or words()
    if not say.korean or not text:
        return text
    if isinstance(text, Text):
        return say.text(text)
    if "\n" in text:
        return "\n".join(sentence(line, say) for line in text.split("\n"))
    exact = say.lookup(text, CONTEXT)
    if exact != text:
        return exact
    for context in (CONTEXT, REASONS):
        found = say.match(text, context)
        if found is not None:
            template, params = found
            filled = {name: _param(say, name, value) for name, value in params.items()}
            return say(template, context=context, **filled)
    return say.lookup(text, REASONS)


def error(problem: ReadingRoomError, say: language.Words | None = None) -> str:
    """An error's message in the language, each of its lines by its key."""
    say = say or words()
    return "\n".join(sentence(line, say) for line in problem.lines)


def _param(say: language.Words, name: str, value: str) -> str:
    if name in SENTENCE_PARAMS:
        return sentence(value, say)
    contexts = VALUE_PARAMS.get(name, ())
    if contexts and ALTERNATIVES in value:
        alternatives = [_stored(say, contexts, word) for word in value.split(ALTERNATIVES)]
        return say(ALTERNATIVES, context=CONTEXT).join(alternatives)
    return _counted(say, value) or _stored(say, contexts, value)


def _counted(say: language.Words, value: str) -> str | None:
    """A count as the English says it (``3 copies``, ``1 row``) in the language (``3부``),
    when its noun is one the catalogue counts; else None."""
    number, _, counted = value.partition(" ")
    if not number.isdigit() or not counted:
        return None
    for noun in _counted_nouns():
        if wording.count(int(number), noun) == value:
            return say.count(int(number), noun)
    return None


@functools.cache
def _counted_nouns() -> tuple[str, ...]:
    return tuple(
        english.removeprefix("{n} ")
        for context, english in language.catalogue()
        if context == COUNTS and english.startswith("{n} ")
    )


def _stored(say: language.Words, contexts: tuple[str, ...], value: str) -> str:
    for context in contexts:
        word = say.lookup(value, context)
        if word != value:
            return word
    return value


# -- tables ---------------------------------------------------------------------------------


def header(name: str, say: language.Words) -> str:
    """A table's column header in the language (``Barcode`` and ``barcode`` alike)."""
    if not say.korean:
        return name
    word = say.lookup(name, COLUMNS)
    return word if word != name else say.lookup(name.lower(), COLUMNS)


def cells(row: list[str], headers: list[str], say: language.Words) -> list[str]:
    """A table's row with the stored words of its value columns in the language."""
    if not say.korean:
        return row
    return [
        JOINED.join(
            _stored(say, VALUE_COLUMNS.get(name.lower(), ()), part) for part in value.split(JOINED)
        )
        for name, value in zip(headers, row, strict=True)
    ]


# -- help and argparse's own texts -----------------------------------------------------------


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter with every text looked up in the catalogue (context ``cli``):
    help, descriptions, headings, "usage: "; Korean lines wrapped by display width (a Hangul
    syllable takes two columns)."""

    def __init__(self, prog: str, *args: Any, **kwargs: Any):
        super().__init__(prog, *args, **kwargs)
        self._say = words()

    def _text(self, text: str | None) -> str | None:
        if not text or text == argparse.SUPPRESS:
            return text
        return self._say.lookup(text, CONTEXT)

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        if prefix is None and self._say.korean:
            prefix = self._text("usage: ")
        super().add_usage(usage, actions, groups, prefix)

    def _format_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None) -> str:
        """argparse indents the usage's later lines by the prefix's length in characters:
        in Korean, by its width on the terminal (사용법 takes six columns, not three)."""
        text = super()._format_usage(usage, actions, groups, prefix)
        extra = display_width(prefix) - len(prefix) if prefix else 0
        if extra <= 0:
            return text
        first, *rest = text.split("\n")
        return "\n".join([first, *(" " * extra + line if line.strip() else line for line in rest)])

    def start_section(self, heading: str | None) -> None:
        super().start_section(self._text(heading))

    def add_text(self, text: str | None) -> None:
        super().add_text(self._text(text))

    def _get_help_string(self, action: argparse.Action) -> str | None:
        return self._text(action.help)

    def _split_lines(self, text: str, width: int) -> list[str]:
        if not self._say.korean:
            return super()._split_lines(text, width)
        return wrap(" ".join(text.split()), width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if not self._say.korean:
            return super()._fill_text(text, width, indent)
        return "\n".join(
            indent + line for line in wrap(" ".join(text.split()), width - len(indent))
        )


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` terminal columns, broken between words (a word
    wider than a line has a line of its own)."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if line and display_width(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


class Parser(argparse.ArgumentParser):
    """The command line's parser: help through :class:`HelpFormatter`, argparse's errors
    through the catalogue. Its subcommands' parsers are of this class too (argparse makes
    them of the parent's)."""

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        say = words()
        if not say.korean:
            super().error(message)
        self.print_usage(sys.stderr)
        problem = sentence(message, say)
        self.exit(
            2,
            say("{prog}: error: {problem}", context=CONTEXT, prog=self.prog, problem=problem)
            + "\n",
        )
