"""Reads for the window's tables: ids in SQL order, then rows by id.

A table of any size is shown as the ordered list of its ids (filtered and sorted by
SQLite, so the scroll bar reflects the true row count) and the rows on screen, fetched in
blocks by id as the view asks for them (the Anki browser's approach). Each module here
serves one table: ``works``, ``borrowers``, ``loans``, ``audit_log`` and ``waiting``.
Nothing here writes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from readingroom.errors import BadInput
from readingroom.messages import said
from readingroom.store.db import database

#: ids fetched per ``rows`` call at most (well under SQLite's bound-variable limit)
MAX_BLOCK = 2000


@dataclass(frozen=True)
class Sort:
    """One SQL sort expression; ``reverse`` flips it (e.g. days overdue sorts by due date)."""

    expression: str
    reverse: bool = False
    nulls_last: bool = False


@dataclass
class Where:
    """A growing ``WHERE`` clause with its parameters, built in order."""

    conditions: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, condition: str, *params: Any) -> None:
        self.conditions.append(condition)
        self.params.extend(params)

    @property
    def sql(self) -> str:
        return " WHERE " + " AND ".join(self.conditions) if self.conditions else ""


def like_pattern(text: str) -> str:
    """``%text%`` for ``LIKE ... ESCAPE '\\'``, with the wildcards in ``text`` escaped
    (composed, NFC, as every text is stored)."""
    text = unicodedata.normalize("NFC", text)
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def order_clause(sorts: Mapping[str, Sort], key: str, descending: bool, tiebreak: str) -> str:
    """``ORDER BY`` for the sort named ``key`` (a stable order: ``tiebreak`` last)."""
    sort = sorts.get(key)
    if sort is None:
        raise BadInput(
            said(
                "Unknown sort {sort}: use one of {choices}.",
                sort=repr(key),
                choices=", ".join(sorts),
            )
        )
    down = descending != sort.reverse
    direction = "DESC" if down else "ASC"
    nulls = " NULLS LAST" if sort.nulls_last else ""
    return f" ORDER BY {sort.expression} {direction}{nulls}, {tiebreak} {'DESC' if down else 'ASC'}"


def ordered_ids(sql: str, params: Sequence[Any]) -> list[int]:
    """The first column of ``sql`` as a list of ints."""
    return [row[0] for row in database.execute_sql(sql, list(params)).fetchall()]


def blocks(ids: Iterable[int], size: int = MAX_BLOCK) -> Iterable[list[int]]:
    block: list[int] = []
    for item in ids:
        block.append(int(item))
        if len(block) == size:
            yield block
            block = []
    if block:
        yield block


def placeholders(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))
