"""The command line in its user's language: help, argparse's own texts, messages and tables.

The language is chosen by ``readingroom --lang ko_KP|ko|en COMMAND`` (before the command: a
command's own ``--lang`` chooses what *it prints*, a PDF, a letter) or else by
``LC_ALL``/``LC_MESSAGES``/``LANG`` read by the full tag (``ko_KP.UTF-8`` 조선어,
``ko_KR.UTF-8`` 한국어); English otherwise, byte for byte what the code writes.

Every text is found by its key, never by parsing what was printed:

- help: :class:`HelpFormatter` looks up every help, description and epilog (context ``cli``)
  and wraps Korean by display width; argparse's own messages ("the following arguments are
  required: %s") come from :func:`argparse_text`, installed as argparse's ``_()`` as gettext
  would be, so they are made in the language;
- messages: a line a command prints or an error's message is a keyed message
  (:func:`readingroom.messages.said`), rendered by :meth:`readingroom.language.Words.text`
  from its template and params (a copy's status, a role, a count in the language's words);
- tables: :func:`header` and :func:`cells` name the columns (context ``column``) and the
  stored words of the value columns (status, condition, access, role...), as the PDFs do.

A text the catalogue lacks stays English. Reason codes, JSON keys and JSON values never
change: JSON is never passed through here.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from readingroom import language
from readingroom.errors import ReadingRoomError
from readingroom.messages import MESSAGES, Text
from readingroom.wording import display_width

#: the context of the command line's texts in the catalogue (help, argparse's, messages)
CONTEXT = MESSAGES
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
    "staff": ("audit-staff",),
    "reason": ("readiness", "status"),
    "move": ("place",),
    "rule": ("rule",),
    "allows": ("allows",),
}
#: how a value column joins the stored words of one cell (a copy's move: ``shelf -> desk``)
JOINED = " -> "
#: argparse's own messages, by the key argparse asks ``gettext`` for them (its msgid), and
#: their text in the catalogue: (template, each placeholder as argparse fills it)
ARGPARSE: dict[str, tuple[str, dict[str, str]]] = {
    "the following arguments are required: %s": (
        "the following arguments are required: {arguments}",
        {"arguments": "%s"},
    ),
    "unrecognized arguments: %s": ("unrecognized arguments: {arguments}", {"arguments": "%s"}),
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "invalid choice: {value} (choose from {choices})",
        {"value": "%(value)r", "choices": "%(choices)s"},
    ),
    "not allowed with argument %s": ("not allowed with argument {other}", {"other": "%s"}),
    "ignored explicit argument %r": ("ignored explicit argument {value}", {"value": "%r"}),
    "one of the arguments %s is required": (
        "one of the arguments {arguments} is required",
        {"arguments": "%s"},
    ),
    "invalid %(type)s value: %(value)r": (
        "invalid {type} value: {value}",
        {"type": "%(type)s", "value": "%(value)r"},
    ),
    "ambiguous option: %(option)s could match %(matches)s": (
        "ambiguous option: {option} could match {matches}",
        {"option": "%(option)s", "matches": "%(matches)s"},
    ),
    "argument %(argument_name)s: %(message)s": (
        "argument {argument}: {problem}",
        {"argument": "%(argument_name)s", "problem": "%(message)s"},
    ),
}


def argparse_text(msgid: str) -> str:
    """argparse's ``_()``: its message ``msgid`` in the command line's language, as gettext
    would give it (looked up by its key, the placeholders argparse's own); ``msgid`` itself
    in English or where the catalogue lacks it."""
    say = words()
    if not say.korean:
        return msgid
    template, placeholders = ARGPARSE.get(msgid, (msgid, {}))
    text = say.lookup(template, CONTEXT)
    if text == template:
        return msgid
    if placeholders:
        text = text.replace("%", "%%")
        for name, printf in placeholders.items():
            text = text.replace("{" + name + "}", printf)
    return text


argparse._ = argparse_text  # type: ignore[attr-defined]  # argparse's gettext, as installed

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
    """``text``, a line the command line prints, in the language: a keyed message
    (:class:`~readingroom.messages.Text`) by its key; any other line as the catalogue has it
    word for word (a fixed text, looked up, never parsed), else as it is."""
    say = say or words()
    if not say.korean or not text:
        return text
    if isinstance(text, Text):
        return say.text(text)
    return say.lookup(text, CONTEXT)


def error(problem: ReadingRoomError, say: language.Words | None = None) -> str:
    """An error's message in the language, each of its lines by its key."""
    say = say or words()
    return "\n".join(sentence(line, say) for line in problem.lines)


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
            say.stored(VALUE_COLUMNS.get(name.lower(), ()), part) for part in value.split(JOINED)
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
        # ``message`` is in the language already: argparse made it with argparse_text
        self.exit(
            2,
            say("{prog}: error: {problem}", context=CONTEXT, prog=self.prog, problem=message)
            + "\n",
        )
