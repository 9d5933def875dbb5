"""An active loan with its borrower is one shape (readingroom.loans_view.OnLoan) that the loans
table, the overdue reminders and the recall letters share; no row fills a dataclass by
position."""

from __future__ import annotations

import ast
from dataclasses import fields
from datetime import timedelta
from pathlib import Path

import pytest

from readingroom import circulation, inspection, reminders
from readingroom.browse import loans
from readingroom.loans_view import OnLoan
from tests.core.inspection_support import (  # noqa: F401 - fixture
    TODAY,
    calendar_fixture,
    small_collection,
)

# the same on a SQLite file and on a PostgreSQL server
pytestmark = pytest.mark.both_databases

ROOT = Path(__file__).resolve().parents[2]
#: what the code calls a row fetched from a cursor
ROW_NAMES = {"row", "values", "raw", "record", "fetched"}


def _is_row(node: ast.expr) -> bool:
    """``row``, ``values[:6]`` and the like: a fetched row, whole or sliced."""
    while isinstance(node, ast.Subscript):
        node = node.value
    return isinstance(node, ast.Name) and node.id in ROW_NAMES


def starred_constructions(source: str) -> list[str]:
    """``line: Name`` for each ``Name(*row)`` with a capitalised name (a class)."""
    calls = [
        node
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id[:1].isupper()
        and any(isinstance(arg, ast.Starred) and _is_row(arg.value) for arg in node.args)
    ]
    return [f"{call.lineno}: {call.func.id}" for call in sorted(calls, key=lambda c: c.lineno)]


def test_no_dataclass_is_filled_from_a_row_by_position():
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted((ROOT / "readingroom").rglob("*.py"))
        for line in starred_constructions(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_scan_sees_a_row_filled_by_position():
    code = "rows = [WorkRow(*values) for values in cursor]\nx = Row(*values[:6], when)\n"
    assert starred_constructions(code) == ["1: WorkRow", "2: Row"]


def test_the_three_views_of_an_overdue_loan_agree(calendar, librarian, supervisor, make_borrower):
    small_collection(supervisor)
    make_borrower("W1", name="리명희")
    loan = circulation.lend(librarian, "A001", "W1").loan
    calendar.day = loan.due + timedelta(days=9)  # nine days late: a reminder and a recall

    row = loans.loan_rows([loan.id])[loan.id]
    (reminder,) = reminders.due_reminders()
    (recall,) = inspection.loans_to_recall()

    views = (row, reminder, recall)
    assert all(isinstance(view, OnLoan) for view in views)
    shared = [field.name for field in fields(OnLoan)]
    assert {tuple(getattr(view, name) for name in shared) for view in views} == {
        (
            loan.id,
            "A001",
            "Work 1",
            1,
            1,
            "W1",
            "리명희",
            "",
            "writer",
            TODAY,
            loan.due,
            9,
        )
    }
    assert row.id == loan.id and recall.reason == inspection.OVERDUE and reminder.level >= 1
