"""Raw query rows by column name, and typed reads of peewee query results.

A dataclass is filled from a row by name, never by position. peewee's stubs type
``.tuples()`` and ``.dicts()`` as the query itself, so iterating them seems to give model
rows, and ``.scalar()`` as Any; these helpers say what the rows really are, in one place, so
that callers need neither a cast nor an ignore.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any, cast

from peewee import BaseQuery, SelectBase


def named(cursor: sqlite3.Cursor) -> Iterator[dict[str, Any]]:
    """Each row of ``cursor`` as ``{column name: value}`` (name the columns with ``AS``)."""
    names = [column[0] for column in cursor.description]
    for values in cursor:
        yield dict(zip(names, values, strict=True))


def tuples(query: BaseQuery) -> Iterator[tuple[Any, ...]]:
    """Run ``query`` and yield each row as a plain tuple, in the order of its columns."""
    return iter(cast("Iterable[tuple[Any, ...]]", query.tuples()))


def dicts(query: BaseQuery) -> Iterator[dict[str, Any]]:
    """Run ``query`` and yield each row as a dict keyed by column name."""
    return iter(cast("Iterable[dict[str, Any]]", query.dicts()))


def scalar_int(query: SelectBase) -> int:
    """The one integer ``query`` selects (a ``COUNT(...)``, say); 0 for SQL's NULL."""
    value = query.scalar()
    return int(value) if value is not None else 0
