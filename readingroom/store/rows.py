"""Raw query rows by column name, so a dataclass is filled by name and never by position."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any


def named(cursor: sqlite3.Cursor) -> Iterator[dict[str, Any]]:
    """Each row of ``cursor`` as ``{column name: value}`` (name the columns with ``AS``)."""
    names = [column[0] for column in cursor.description]
    for values in cursor:
        yield dict(zip(names, values, strict=True))
