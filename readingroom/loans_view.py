"""An active loan with its borrower: the one shape the loans table, the overdue reminders
and the recall letters share.

Each reads the same columns (:data:`COLUMNS` over :data:`FROM`), named as the fields of
:class:`OnLoan`, and adds only what it alone needs: the table its renewals and approval,
a reminder its level, a recall letter its reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

#: the columns of an active loan with its borrower, named as :class:`OnLoan`'s fields
COLUMNS = (
    "l.id AS loan_id, c.barcode AS barcode, w.title AS title, c.volume AS volume, "
    "w.volumes AS volumes, b.member_no AS member_no, b.name AS borrower_name, "
    "b.organisation AS organisation, b.role AS role, l.lent_on AS lent_on, l.due AS due"
)
#: the tables they come from, as ``l`` (loan), ``c`` (copy), ``w`` (work), ``b`` (borrower)
FROM = (
    " FROM loan l JOIN copy c ON c.id = l.copy_id JOIN work w ON w.id = c.work_id"
    " JOIN borrower b ON b.id = l.borrower_id"
)


@dataclass(frozen=True, kw_only=True)
class OnLoan:
    """A copy on loan, the borrower who has it, and how late it is."""

    loan_id: int
    barcode: str
    title: str
    volume: int
    volumes: int
    member_no: str
    borrower_name: str
    organisation: str
    role: str
    lent_on: date
    due: date
    days_overdue: int

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0


_READ = tuple(field.name for field in fields(OnLoan) if field.name != "days_overdue")


def _day(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def on_loan_fields(row: Mapping[str, Any], today: date) -> dict[str, Any]:
    """:class:`OnLoan`'s fields from a row read with :data:`COLUMNS`: the dates parsed and
    the days overdue counted to ``today`` (0 when not late)."""
    values = {name: row[name] for name in _READ}
    values.update(lent_on=_day(row["lent_on"]), due=_day(row["due"]))
    values["days_overdue"] = max(0, (today - values["due"]).days)
    return values
