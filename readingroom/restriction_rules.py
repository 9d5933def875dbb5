"""What withholds a copy besides the lending policy, as the decision reads it: a restriction
in force on the copy or its work, the copy being at conservation, what its condition grade
allows (the condition rows of the policy) and a set it went out with that came back short.

This is the read side, below :mod:`readingroom.decision`; placing and lifting restrictions
is :mod:`readingroom.restrictions`, sending and releasing copies :mod:`readingroom.conservation`
and changing a condition row :mod:`readingroom.condition_policy`.

A restriction holds from its first day (``starts``) up to the day before its end day
(``ends``): on its end day it has lifted (by itself; the first start or command of that day
records it, see :func:`readingroom.restrictions.lift_due`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from readingroom.store.db import database
from readingroom.vocabulary import CONDITIONS

#: what a condition grade may allow, most first
ALLOWANCES = ("loan", "reading-room", "none")
#: the default of each grade (the worn *Proof of the Man* set is read in the room)
DEFAULT_ALLOWS = {"good": "loan", "worn": "loan", "ragged": "reading-room", "damaged": "none"}


@dataclass(frozen=True)
class InForce:
    """A restriction in force on a copy (on the copy itself or on its work)."""

    id: int
    authority: str
    ends: date | None


@dataclass(frozen=True)
class Withheld:
    """All that withholds one copy on one day, read in one query."""

    restriction: InForce | None
    in_conservation: bool
    condition_allows: str
    #: the set the copy went out with came back without a volume: that copy's barcode and
    #: the member who has it
    incomplete: tuple[str, str] | None = None
    #: the copy's work is issued as a set (every volume goes out together)
    set_issue: bool = False


#: the three in one statement: the desk reads them at every lend
_WITHHELD_SQL = """
    SELECT
      (SELECT json_array(r.id, r.authority, r.ends) FROM restriction r
        WHERE r.work_id = ?1 AND (r.copy_id IS NULL OR r.copy_id = ?2)
          AND r.lifted_at IS NULL AND r.starts <= ?3 AND (r.ends IS NULL OR r.ends > ?3)
        ORDER BY r.id LIMIT 1),
      EXISTS (SELECT 1 FROM conservation c WHERE c.copy_id = ?2 AND c.released_at IS NULL),
      (SELECT allows FROM condition_rule WHERE grade = ?4),
      (SELECT json_array(mc.barcode, b.member_no) FROM incomplete_set i
        JOIN loan ml ON ml.id = i.loan_id
        JOIN loan l ON l.borrower_id = ml.borrower_id AND l.lent_on = ml.lent_on
        JOIN copy c ON c.id = l.copy_id AND c.work_id = i.work_id
        JOIN copy mc ON mc.id = i.copy_id JOIN borrower b ON b.id = i.borrower_id
        WHERE i.resolved_at IS NULL AND l.copy_id = ?2 AND i.copy_id <> ?2 LIMIT 1),
      (SELECT set_issue FROM work WHERE id = ?1)"""


def withheld(work_id: int, copy_id: int, condition: str, day: date) -> Withheld:
    """What withholds the copy ``copy_id`` of ``work_id`` in ``condition`` on ``day``."""
    restriction_json, conserving, allows, incomplete_json, set_issue = database.execute_sql(
        _WITHHELD_SQL, (work_id, copy_id, day.isoformat(), condition)
    ).fetchone()
    restriction = None
    if restriction_json is not None:
        rid, authority, ends = json.loads(restriction_json)
        restriction = InForce(int(rid), str(authority), date.fromisoformat(ends) if ends else None)
    incomplete = None
    if incomplete_json is not None:
        barcode, member_no = json.loads(incomplete_json)
        incomplete = (str(barcode), str(member_no))
    return Withheld(
        restriction,
        bool(conserving),
        allows or default_allows(condition),
        incomplete,
        bool(set_issue),
    )


def is_set_issue(work_id: int) -> bool:
    """Whether work ``work_id`` is issued as a set (every volume goes out together)."""
    row = database.execute_sql("SELECT set_issue FROM work WHERE id = ?", (work_id,)).fetchone()
    return bool(row and row[0])


def default_allows(grade: str) -> str:
    return DEFAULT_ALLOWS.get(grade, "loan")


def condition_allows(grade: str) -> str:
    """What ``grade`` allows: its policy row, or its default."""
    row = database.execute_sql(
        "SELECT allows FROM condition_rule WHERE grade = ?", (grade,)
    ).fetchone()
    return str(row[0]) if row else default_allows(grade)


@dataclass(frozen=True)
class ConditionRow:
    """One condition row of the policy."""

    grade: str
    allows: str

    @property
    def is_default(self) -> bool:
        return self.allows == default_allows(self.grade)

    def as_dict(self) -> dict[str, object]:
        return {"grade": self.grade, "allows": self.allows}


def condition_rows() -> list[ConditionRow]:
    """Every grade, best first, with what it allows."""
    stored = dict(database.execute_sql("SELECT grade, allows FROM condition_rule").fetchall())
    return [ConditionRow(grade, stored.get(grade) or default_allows(grade)) for grade in CONDITIONS]


def restricted_work_ids(work_ids: list[int], day: date) -> set[int]:
    """Those of ``work_ids`` withheld as a whole (a restriction on the work) on ``day``."""
    if not work_ids:
        return set()
    marks = ", ".join("?" for _ in work_ids)
    rows = database.execute_sql(
        f"SELECT DISTINCT work_id FROM restriction WHERE work_id IN ({marks}) "
        "AND copy_id IS NULL AND lifted_at IS NULL AND starts <= ? "
        "AND (ends IS NULL OR ends > ?)",
        (*work_ids, day.isoformat(), day.isoformat()),
    ).fetchall()
    return {int(row[0]) for row in rows}


def withheld_copy_ids(day: date) -> set[int]:
    """Every copy withheld on ``day`` by a restriction (on it or on its work) or at
    conservation (for the readiness and the writers' screen)."""
    rows = database.execute_sql(
        "SELECT c.id FROM copy c JOIN restriction r ON r.work_id = c.work_id "
        "AND (r.copy_id IS NULL OR r.copy_id = c.id) WHERE r.lifted_at IS NULL "
        "AND r.starts <= ?1 AND (r.ends IS NULL OR r.ends > ?1) "
        "UNION SELECT copy_id FROM conservation WHERE released_at IS NULL",
        (day.isoformat(),),
    ).fetchall()
    return {int(row[0]) for row in rows}
