"""What every command gets: the database, the signed-in staff user and a way to answer."""

from __future__ import annotations

import getpass
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from readingroom.db import close_database, is_plaintext, open_database
from readingroom.errors import BadInput, NotPermitted, ReadingRoomError
from readingroom.models import StaffUser

USER_ENV, PASSWORD_ENV, KEY_ENV = "READINGROOM_USER", "READINGROOM_PASSWORD", "READINGROOM_KEY"


def chain_head_count() -> int | None:
    """The audit chain's head at sign-in (None when the database is not open)."""
    from readingroom.audit import chain_head

    try:
        return chain_head()[0]
    except Exception:  # noqa: BLE001 - no open catalogue: nothing to seal after
        return None


def read_password(prompt: str = "Password: ", *, confirm: bool = False) -> str:
    """From the terminal (hidden), or the first line(s) of stdin when it is not a terminal."""
    if sys.stdin is None:
        raise NotPermitted("No password given (no terminal and no standard input).")
    if sys.stdin.isatty():
        password = getpass.getpass(prompt)
        if confirm and getpass.getpass("Again: ") != password:
            raise BadInput("The passwords do not match; nothing was changed.")
        return password
    first = sys.stdin.readline().rstrip("\r\n")
    second = sys.stdin.readline() if confirm else ""
    if second and second.rstrip("\r\n") != first:
        raise BadInput("The passwords do not match; nothing was changed.")
    return first


@dataclass
class Context:
    db_path: Path
    json: bool = False
    user: str | None = None
    _actor: StaffUser | None = field(default=None, repr=False)
    _typed_key: str | None = field(default=None, repr=False)
    _head_at_sign_in: int | None = field(default=None, repr=False)

    # -- database and identity ------------------------------------------------------------
    def key(self) -> str | None:
        """The passphrase: ``$READINGROOM_KEY``, or typed at the terminal for an encrypted
        file (asked once)."""
        key = os.environ.get(KEY_ENV) or self._typed_key
        if key or not (sys.stdin and sys.stdin.isatty()):
            return key or None
        if self.db_path.is_file() and self.db_path.stat().st_size and \
                not is_plaintext(self.db_path):
            self._typed_key = getpass.getpass(f"Passphrase for {self.db_path}: ") or None
        return self._typed_key

    def open(self, *, create: bool = False):
        return open_database(self.db_path, key=self.key(), create=create)

    def identity(self) -> tuple[str, str]:
        """The staff user name and password from ``--user``/prompt or the environment."""
        username = self.user or os.environ.get(USER_ENV)
        if not username:
            raise NotPermitted(f"Not signed in: set {USER_ENV} and {PASSWORD_ENV}, or pass "
                               "--user NAME.")
        password = os.environ.get(PASSWORD_ENV) if not self.user else None
        if password is None:
            password = read_password(f"Password for {username}: ")
        return username, password

    @property
    def actor(self) -> StaffUser:
        """The signed-in staff user (signs in on first use)."""
        if self._actor is None:
            from readingroom.staff import authenticate

            self._actor = authenticate(*self.identity())
            self._head_at_sign_in = chain_head_count()
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
            print(f"Done, but the seal keys were not updated: {error.message}",
                  file=sys.stderr)

    def open_signed_in(self) -> StaffUser:
        """Open the database and sign in: what every read-only command starts with."""
        self.open()
        return self.actor

    def close(self) -> None:
        close_database()

    # -- output ---------------------------------------------------------------------------
    def emit(self, data: dict[str, Any], text: str | list[str] = "") -> None:
        """One JSON object with ``--json``, else the plain text."""
        if self.json:
            print(json.dumps(data, ensure_ascii=False, default=str))
            return
        lines = text if isinstance(text, list) else [text]
        for line in lines:
            print(line)


def table(rows: list[list[str]], header: list[str]) -> list[str]:
    """Rows as aligned text columns."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    widths = [min(w, 50) for w in widths]

    def fmt(row: list[str]) -> str:
        cells = [str(c) if len(str(c)) <= w else str(c)[:w - 1] + "…"
                 for c, w in zip(row, widths, strict=True)]
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    return [fmt(header), fmt(["-" * w for w in widths]), *(fmt(r) for r in rows)]
