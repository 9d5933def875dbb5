"""A printed letter's content (recall letters, overdue reminders), apart from the PDF writer.

Kept out of :mod:`readingroom.pdf` so composing letters never loads fpdf2: only writing them
does, which keeps every command-line start quick.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


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
