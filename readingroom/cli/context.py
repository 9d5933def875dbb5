"""What every command gets: the database, the signed-in staff user and a way to answer."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from readingroom import language
from readingroom.catalogue_file import Cancelled, close_catalogue, key_for, open_catalogue
from readingroom.cli import localise
from readingroom.errors import BadInput, NotPermitted, ReadingRoomError
from readingroom.messages import Text, said
from readingroom.paths import ServerUrl
from readingroom.staff import Actor, authenticate
from readingroom.wording import clip, display_width, pad

#: a table cell wider than this many terminal columns is cut (ending in "…")
MAX_CELL = 50
USER_ENV, PASSWORD_ENV = "READINGROOM_USER", "READINGROOM_PASSWORD"


def chain_head_count() -> int | None:
    """The audit chain's head at sign-in (None when the database is not open)."""
    from readingroom.audit import chain_head

    try:
        return chain_head()[0]
    except Exception:  # noqa: BLE001 - no open catalogue: nothing to seal after
        return None


def read_password(prompt: str | None = None, *, confirm: bool = False) -> str:
    """From the terminal (hidden), or the first line(s) of stdin when it is not a terminal.
    ``prompt``: a keyed prompt (``said("Password for {name}: ", …)``), else ``Password: ``."""
    if sys.stdin is None:
        raise NotPermitted(said("No password given (no terminal and no standard input)."))
    if sys.stdin.isatty():
        password = getpass.getpass(localise.sentence(prompt or said("Password: ")))
        if confirm and getpass.getpass(localise.sentence(said("Again: "))) != password:
            raise BadInput(said("The passwords do not match; nothing was changed."))
        return password
    first = sys.stdin.readline().rstrip("\r\n")
    second = sys.stdin.readline() if confirm else ""
    if second and second.rstrip("\r\n") != first:
        raise BadInput(said("The passwords do not match; nothing was changed."))
    return first


def remark(text: str) -> None:
    """A remark beside a command's output, on standard error, in the command line's
    language."""
    print(localise.sentence(text), file=sys.stderr)


def lift_on_start(actor: Actor) -> None:
    """At a desk member's command: record the restrictions whose end day has come (see
    :func:`readingroom.restrictions.lift_due`); said on standard error, never an error."""
    from readingroom import restrictions
    from readingroom.staff import DESK_ROLES

    if actor.role not in DESK_ROLES:
        return
    try:
        lifted = restrictions.lift_due(actor).lifted
    except ReadingRoomError as error:
        remark(said("Restrictions due to lift were not recorded: {message}", message=error.message))
        return
    except Exception as error:  # noqa: BLE001 - the command itself goes on; the next one retries
        remark(said("Restrictions due to lift were not recorded: {message}", message=str(error)))
        return
    for gone in lifted:
        remark(
            said(
                "Restriction {restriction} ({target}) lifted by schedule: it ended on {ended}.",
                restriction=gone.id,
                target=gone.target,
                ended=gone.ends.isoformat() if gone.ends else said("its end day"),
            )
        )


@dataclass
class Context:
    db_path: Path | ServerUrl
    json: bool = False
    user: str | None = None
    _actor: Actor | None = field(default=None, repr=False)
    _typed_key: str | None = field(default=None, repr=False)
    _head_at_sign_in: int | None = field(default=None, repr=False)

    # -- database and identity ------------------------------------------------------------
    def key(self) -> str | None:
        """The passphrase: ``$READINGROOM_KEY``, or typed at the terminal for an encrypted
        file (asked once)."""
        at_terminal = bool(sys.stdin and sys.stdin.isatty())
        try:  # asked once: a wrong one is said by the command that opens the file
            self._typed_key = key_for(
                self.db_path, self._typed_key, self._ask if at_terminal else None, verify=False
            )
        except Cancelled:
            self._typed_key = None
        return self._typed_key

    def file_only(self, command: str) -> Path:
        """The catalogue's file, for a command that works on a SQLite file only (a
        catalogue on a server is refused, saying why)."""
        if isinstance(self.db_path, ServerUrl):
            raise BadInput(
                said(
                    "'{command}' works on a SQLite catalogue file; {url} is on a PostgreSQL "
                    "server, whose backups and checks are the server's (pg_dump, pg_restore) "
                    "and not done by Reading Room yet.",
                    command=command,
                    url=str(self.db_path),
                )
            )
        return self.db_path

    def _ask(self, _again: bool) -> str | None:
        prompt = said("Passphrase for {path}: ", path=str(self.db_path))
        return getpass.getpass(localise.sentence(prompt)) or None

    def open(self, *, create: bool = False) -> None:
        open_catalogue(self.db_path, key=self.key(), create=create)

    def identity(self) -> tuple[str, str]:
        """The staff user name and password from ``--user``/prompt or the environment."""
        username = self.user or os.environ.get(USER_ENV)
        if not username:
            raise NotPermitted(
                said(
                    "Not signed in: set READINGROOM_USER and READINGROOM_PASSWORD, or pass "
                    "--user NAME."
                )
            )
        password = os.environ.get(PASSWORD_ENV) if not self.user else None
        if password is None:
            password = read_password(said("Password for {name}: ", name=username))
        return username, password

    @property
    def actor(self) -> Actor:
        """The signed-in staff user (signs in on first use)."""
        if self._actor is None:
            self._actor = authenticate(*self.identity())
            self._head_at_sign_in = chain_head_count()
            lift_on_start(self._actor)  # restrictions whose end day has come: recorded
        return self._actor

    def after_command(self) -> None:
        """After a command: a supervisor's command that wrote to the trail also stores the
        seal key made at their sign-in and certifies waiting first keys (readingroom/seals.py);
        read-only commands wrote nothing, so nothing happens."""
        if self._actor is None:
            return
        from readingroom import seals

        try:
            seals.after_command(self._actor, self._head_at_sign_in)
        except ReadingRoomError as error:
            remark(
                said("Done, but the seal keys were not updated: {message}", message=error.message)
            )

    def open_signed_in(self) -> Actor:
        """Open the database and sign in: what every read-only command starts with."""
        self.open()
        return self.actor

    def close(self) -> None:
        close_catalogue()

    # -- output ---------------------------------------------------------------------------
    def emit(self, data: dict[str, Any], text: str | list[str] = "") -> None:
        """One JSON object with ``--json``, else the plain text (never a terminal code)."""
        if self.json:
            print(json_text(data))
            return
        lines = text if isinstance(text, list) else [text]
        say = localise.words()  # a line in Korean when the command line speaks it
        for line in lines:
            shown = line if isinstance(line, TableLine) else localise.sentence(line, say)
            print(terminal_text(shown))


# -- text that is shown back must not act -------------------------------------------------

#: ESC sequences (CSI, OSC/DCS/APC/PM/SOS strings, and two-character escapes)
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[ -/]*[0-~]?"
)
#: C0 controls but newline and tab, DEL, C1 controls, bidirectional overrides and isolates
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: in a table cell, where a newline or a tab would break the columns
_CELL_BREAKS = re.compile("[\n\t]")


def terminal_text(text: str) -> str:
    """``text`` with every terminal escape sequence and control character taken out (newline
    and tab kept): a title or a user name holding ``ESC [ 2 J`` prints as plain text."""
    if text.isprintable():
        return text
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def json_text(data: object) -> str:
    """``data`` as one line of JSON, controls escaped (JSON escapes C0 itself; C1 controls
    and bidirectional overrides are escaped here), so the data survive and never act."""
    text = json.dumps(data, ensure_ascii=False, default=str)
    return _CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class PlainStream:
    """A text stream that passes everything through :func:`terminal_text`: installed as
    ``sys.stdout`` and ``sys.stderr`` while a command runs, so no code path prints a
    terminal code."""

    def __init__(self, stream: IO[str]):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(terminal_text(text))
        return len(text)

    def writelines(self, lines: list[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


# -- whole numbers given on the command line ----------------------------------------------

#: the largest whole number any option takes (a count, a limit, an id, a number of days)
MAX_NUMBER = 1_000_000_000


def whole_number(option: str = "the number") -> Callable[[str], int]:
    """The argparse type of every integer option: a whole number from 0 to
    :data:`MAX_NUMBER`. Not a number at all is a usage error (exit 2); a number out of range
    (negative, or one no count could reach) is bad input (exit 1), with a plain message."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            problem = said("not a whole number: {value}", value=repr(text[:40]))
            # argparse keeps only the text: given in the language, by its key
            raise argparse.ArgumentTypeError(localise.words().text(problem)) from None
        if not 0 <= value <= MAX_NUMBER:
            raise BadInput(
                said(
                    "Bad {option} {value}: give a whole number from 0 to 1,000,000,000; "
                    "nothing was changed.",
                    option=option,
                    value=terminal_text(text[:40]),
                )
            )
        return value

    parse.__name__ = "whole number"  # what argparse calls the type in its messages
    return parse


class TableLine(str):
    """A line of a :func:`table`: printed as it is (its words are already in the language)."""


def table(rows: list[list[str]], header: list[str], *, right: tuple[int, ...] = ()) -> list[str]:
    """Rows as aligned text columns (a newline or a tab in a cell shown as a space), measured
    in terminal columns: a Hangul syllable takes two, so Korean and Latin text line up.
    ``right``: the columns (by index) whose cells are aligned to the right (counts).
    The headers, and the stored words of the value columns (status, condition, role...), are
    in the command line's language (:mod:`readingroom.cli.localise`)."""
    say = localise.words()
    rows = [localise.cells([_cell(c, say) for c in row], header, say) for row in rows]
    header = [localise.header(name, say) for name in header]
    rows = [[_CELL_BREAKS.sub(" ", terminal_text(c)) for c in row] for row in rows]
    widths = [max(display_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    widths = [min(w, MAX_CELL) for w in widths]

    def fmt(row: list[str]) -> str:
        return "  ".join(
            pad(clip(c, w), w, right=i in right)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()

    return [TableLine(fmt(r)) for r in [header, ["-" * w for w in widths], *rows]]


def _cell(value: object, say: language.Words) -> str:
    """A table's cell as text: a keyed message in the language, anything else as it is."""
    return say.text(value) if isinstance(value, Text) else str(value)
