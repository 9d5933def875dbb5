"""A printed letter's content (recall letters, overdue reminders), apart from the PDF writer,
and the rule that names a borrower's letter file.

Kept out of :mod:`readingroom.pdf` so composing letters never loads fpdf2: only writing them
does, which keeps every command-line start quick.

A letter's file name holds the member number itself when it is plain (capital letters,
digits, Hangul syllables, ``.``, ``-`` and ``_``, at most 60 characters); any other member
number is written in a safe form followed by ten hex digits of its SHA-256, so ``가-1`` and
``나-1``, ``A/1`` and ``A_1``, ``a1`` and ``A1`` (on a file system that ignores case) never
share a file. :func:`free_path` never hands out a name already taken in the folder.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from readingroom import clock
from readingroom.errors import BadInput
from readingroom.messages import said


@dataclass(frozen=True)
class Letter:
    """One printed letter (a recall letter or an overdue reminder), one page or more."""

    recipient: str
    address_lines: Sequence[str]
    date: str
    subject: str
    paragraphs: Sequence[str]
    signature: str
    branch: str


#: a member number used as it is in a file name
_PLAIN = re.compile("[0-9A-Z\uac00-\ud7a3][0-9A-Z\uac00-\ud7a3._-]{0,59}")
#: what a hashed name ends with (a plain member number never does)
_HASHED_END = re.compile("-[0-9a-f]{10}$")
#: characters no file name gets (anything but letters, digits, ``_``, ``.`` and ``-``)
_UNSAFE = re.compile(r"[^\w.-]+")
SAFE_LENGTH = 60


def check_letter_day(day: date) -> date:
    """``day`` if letters may be dated and recorded as sent on it: today or later, never an
    earlier day (reminders "sent" weeks ago, written the week before the inspection);
    BadInput otherwise, before anything is written."""
    if day < clock.today():
        raise BadInput(
            said(
                "Letters are dated and recorded on the day they are written: {day} "
                "is in the past. Nothing was written.",
                day=day,
            )
        )
    return day


def member_file_part(member_no: str) -> str:
    """The part of a letter's file name that names the member, unique per member number."""
    if _PLAIN.fullmatch(member_no) and not _HASHED_END.search(member_no):
        return member_no
    safe = _UNSAFE.sub("_", unicodedata.normalize("NFC", member_no)).strip("._-")
    digest = hashlib.sha256(member_no.encode("utf-8")).hexdigest()[:10]
    return f"{safe[:SAFE_LENGTH]}-{digest}" if safe else digest


def letter_path(folder: Path, prefix: str, member_no: str) -> Path:
    """``folder/PREFIX-MEMBER.pdf`` for the member's letter (see :func:`member_file_part`)."""
    return folder / f"{prefix}-{member_file_part(member_no)}.pdf"


def free_path(path: Path) -> Path:
    """``path``, or ``NAME-2.pdf``, ``NAME-3.pdf``... when it is taken: a letter never
    replaces another (a second run on one day, or a name equal but for case)."""
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate
