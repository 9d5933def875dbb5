"""The catalogue table: works filtered, searched and sorted in SQL, and one work in detail."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from peewee import JOIN

from readingroom import codes
from readingroom.approvals import approval_said
from readingroom.browse import (
    Sort,
    Where,
    blocks,
    like_pattern,
    order_clause,
    ordered_ids,
    placeholders,
)
from readingroom.catalogue import fts_query, get_work, search_text
from readingroom.contents import volume_names
from readingroom.store.db import database, on_server, read_transaction
from readingroom.store.models import Borrower, ConditionEntry, Copy, Hold, Loan, StaffUser, Work
from readingroom.store.rows import named
from readingroom.vocabulary import (
    HOLD_ACTIVE,
    OUT_OF_CIRCULATION,
    CopyStatus,
    HoldStatus,
    sql_list,
    sql_word,
)

_ACTIVE_HOLDS = (
    "(SELECT COUNT(*) FROM hold h WHERE h.work_id = w.id "
    f"AND h.status IN ({sql_list(HOLD_ACTIVE)}))"
)

WORK_SORTS = {
    "title": Sort("w.title COLLATE NOCASE"),
    "author": Sort("w.author COLLATE NOCASE"),
    "translator": Sort("w.translator COLLATE NOCASE"),
    "language": Sort("w.original_language"),
    "year": Sort("w.year", nulls_last=True),
    "access": Sort("w.access"),
}
#: the copy and hold counts are shown but not sortable: on a catalogue of 250,000 works and
#: a million copies, ordering by a per-work count takes seconds, not milliseconds


@dataclass(frozen=True)
class WorkFilter:
    """What the catalogue page asks for: search text and the three filters."""

    text: str = ""
    access: str | None = None
    #: works with at least one copy in this status
    status: str | None = None
    language: str | None = None
    include_staff_only: bool = True


@dataclass(frozen=True)
class WorkRow:
    """One line of the catalogue table."""

    id: int
    title: str
    author: str
    original_title: str
    language: str
    translator: str
    year: int | None
    access: str
    volumes: int
    copies: int
    available: int
    on_loan: int
    held: int
    out_of_circulation: int
    waiting: int
    #: copies with a reader at a reading-room table: counted in ``copies``, neither
    #: ``available`` nor ``held`` (their status stays the shelf's while they are out)
    in_room: int = 0


#: the work of a copy whose barcode the search text is (:func:`_barcode`)
_BY_BARCODE = "SELECT c.work_id FROM copy c WHERE c.barcode = ?"


def _barcode(text: str) -> str:
    """The stored barcode the search text names (a scanner or a hand may give ``rr00009``
    or ``*RR00009*`` for RR00009: :func:`readingroom.codes.scanned_barcode`), else the text."""
    return codes.scanned_barcode(text) or text


def _where(filters: WorkFilter) -> Where:
    where = Where()
    text = filters.text.strip()
    query = fts_query(text)
    if query is not None:
        where.add(
            f"w.id IN (SELECT rowid FROM work_fts WHERE work_fts MATCH ? UNION {_BY_BARCODE})",
            query,
            _barcode(text),
        )
    elif text:
        where.add(
            "(w.title LIKE ? ESCAPE '\\' OR w.original_title LIKE ? ESCAPE '\\' "
            "OR w.author LIKE ? ESCAPE '\\' OR w.translator LIKE ? ESCAPE '\\' "
            f"OR w.id IN ({_BY_BARCODE}))",
            *[like_pattern(text)] * 4,
            _barcode(text),
        )
    if filters.access:
        where.add("w.access = ?", filters.access)
    if filters.language:
        where.add("w.original_language = ?", filters.language)
    if filters.status:
        where.add("w.id IN (SELECT c.work_id FROM copy c WHERE c.status = ?)", filters.status)
    if not filters.include_staff_only:
        where.add("w.access <> 'staff-only'")
    return where


def work_ids(
    filters: WorkFilter | None = None, sort: str = "title", descending: bool = False
) -> list[int]:
    """Ids of every matching work, in the table's order."""
    where = _where(filters or WorkFilter())
    sql = "SELECT w.id FROM work w" + where.sql + order_clause(WORK_SORTS, sort, descending, "w.id")
    return ordered_ids(sql, where.params)


def work_count(filters: WorkFilter | None = None) -> int:
    where = _where(filters or WorkFilter())
    sql = "SELECT COUNT(*) FROM work w" + where.sql
    count: int = database.execute_sql(sql, where.params).fetchone()[0]
    return count


@dataclass(frozen=True)
class FirstScreen:
    """The table's first rows, read without listing every match (the rest follows).

    ``complete``: ``ids`` is every match in the table's order. Otherwise ``ids`` are the
    first ``limit`` matches: in the table's order with ``count`` the true number of
    matches (a sort or a filter), or, for a search, in the search index's order with
    ``count`` None (counting every match of ``T`` costs more than the search itself)."""

    ids: list[int]
    count: int | None
    complete: bool
    #: the table lines of the first ids, when asked for (``with_rows``)
    rows: dict[int, WorkRow] = field(default_factory=dict)
    #: the copy whose barcode the search text is, as ``(work id, barcode)``: its work is
    #: among ``ids`` (first, unless every match is listed in the table's order)
    copy: tuple[int, str] | None = None


def first_screen(
    filters: WorkFilter | None = None,
    sort: str = "title",
    descending: bool = False,
    limit: int = 128,
    *,
    with_rows: bool = False,
) -> FirstScreen:
    """The first ``limit`` works to show: by ``LIMIT`` in the table's order (and the count
    by ``COUNT``), or for a search straight from the FTS index in its own order.

    ``with_rows``: their table lines come too (``rows``), so a table shown from another
    thread's answer has nothing left to read before it paints."""
    filters = filters or WorkFilter()
    screen = _with_copy(_first_ids(filters, sort, descending, limit), filters)
    if with_rows:
        return replace(screen, rows=work_rows(screen.ids[:limit]))
    return screen


def _first_ids(filters: WorkFilter, sort: str, descending: bool, limit: int) -> FirstScreen:
    query = fts_query(filters.text.strip())
    if query is None:
        where = _where(filters)
        order = order_clause(WORK_SORTS, sort, descending, "w.id")
        ids = ordered_ids(
            f"SELECT w.id FROM work w{where.sql}{order} LIMIT ?", [*where.params, limit]
        )
        if len(ids) < limit:
            return FirstScreen(ids, len(ids), True)
        return FirstScreen(ids, work_count(filters), False)
    others = _where(replace(filters, text=""))
    match = _search_match(filters.text.strip(), query)
    where = Where([*match.conditions, *others.conditions], [*match.params, *others.params])
    ids = ordered_ids(
        f"SELECT w.id FROM work_fts JOIN work w ON w.id = work_fts.rowid{where.sql} LIMIT ?",
        [*where.params, limit],
    )
    if len(ids) < limit:  # every match: a short list, sorted at once
        ids = work_ids(filters, sort, descending)
        return FirstScreen(ids, len(ids), True)
    return FirstScreen(ids, None, False)


def _search_match(text: str, query: str) -> Where:
    """``work_fts MATCH query``. On a server, the one-letter words of a search with longer
    ones are left out of the index's condition and tested on the works the others find
    (the same works: every word still has to match). PostgreSQL's GIN index lists every
    word starting with the letter before it can AND them (``Isabel L``: 7-10 ms, against
    3-4 ms); SQLite's FTS5 has no such cost."""
    where = Where(["work_fts MATCH ?"], [query])
    if not on_server():
        return where
    parts = search_text(text).split()
    longer = [part for part in parts if len(part) > 1]
    indexed = fts_query(" ".join(longer)) if longer and len(longer) < len(parts) else None
    if indexed is None:
        return where
    return Where(
        ["work_fts MATCH ?", "ts_match_vq(work_fts.doc, rr_search_query(?))"], [indexed, query]
    )


def _with_copy(screen: FirstScreen, filters: WorkFilter) -> FirstScreen:
    """``screen`` naming the copy whose barcode the search text is, if one is (and its work
    passes the other filters), with that work among the first ids."""
    found = _copy_named(filters)
    if found is None:
        return screen
    work_id, barcode = found
    if not (screen.complete and work_id in screen.ids):  # first, where it would not show
        screen = replace(screen, ids=[work_id, *(i for i in screen.ids if i != work_id)])
    return replace(screen, copy=(work_id, barcode))


def _copy_named(filters: WorkFilter) -> tuple[int, str] | None:
    """The work and barcode of the copy the search text names (:func:`_barcode`), if its
    work passes the other filters. Every form the text may name is looked up in the one
    statement that tests the filters (a keystroke on a server pays a round trip for each)."""
    text = filters.text.strip()
    if not text:
        return None
    forms = codes.scanned_code_forms(text)
    others = _where(replace(filters, text=""))
    passes = " AND ".join(f"({condition})" for condition in others.conditions) or "1 = 1"
    found = {
        barcode: (work_id, bool(passed))
        for barcode, work_id, passed in database.execute_sql(
            f"SELECT c.barcode, c.work_id, CASE WHEN {passes} THEN 1 ELSE 0 END FROM copy c "
            f"JOIN work w ON w.id = c.work_id WHERE c.barcode IN ({placeholders(forms)})",
            [*others.params, *forms],
        )
    }
    barcode = next((form for form in forms if form in found), None)
    if barcode is None or not found[barcode][1]:
        return None
    return found[barcode][0], barcode


_OUT = sql_list(OUT_OF_CIRCULATION)
_COUNTED = {
    "available": f"c.status = {sql_word(CopyStatus.AVAILABLE)}",
    "on_loan": f"c.status = {sql_word(CopyStatus.ON_LOAN)}",
    "held": f"c.status = {sql_word(CopyStatus.HELD)}",
    "out_of_circulation": f"c.status IN ({_OUT})",
}
_ROWS_SQL = """
SELECT w.id AS id, w.title AS title, w.author AS author, w.original_title AS original_title,
       w.original_language AS language, w.translator AS translator, w.year AS year,
       w.access AS access, w.volumes AS volumes, COUNT(c.id) AS copies, {counts},
       {waiting} AS waiting
FROM work w LEFT JOIN copy c ON c.work_id = w.id
WHERE w.id IN ({{}}) GROUP BY w.id"""


def _rows_sql(count: str) -> str:
    counts = ",\n       ".join(
        f"{count.format(condition)} AS {name}" for name, condition in _COUNTED.items()
    )
    return _ROWS_SQL.format(counts=counts, waiting=_ACTIVE_HOLDS)


#: the copies of each work counted by status: by SQLite's sum of a comparison (0/1), and on
#: a server by the built-in ``COUNT`` (its ``sum(boolean)`` is a SQL function called for
#: each copy: 5 of a 7 ms screen of 50 works; on SQLite ``COUNT(CASE)`` is 6 % slower)
_ROWS_ON_FILE_SQL = _rows_sql("COALESCE(SUM({}), 0)")
_ROWS_ON_SERVER_SQL = _rows_sql("COUNT(CASE WHEN {} THEN 1 END)")


def work_rows(ids: Sequence[int]) -> dict[int, WorkRow]:
    """The table lines for ``ids`` (unknown ids are left out), a copy at a reading-room
    table counted as in the room, not on the shelf (:func:`_with_the_room`)."""
    rows: dict[int, WorkRow] = {}
    rows_sql = _ROWS_ON_SERVER_SQL if on_server() else _ROWS_ON_FILE_SQL
    for block in blocks(ids):
        cursor = database.execute_sql(rows_sql.format(placeholders(block)), block)
        for row in named(cursor):
            rows[row["id"]] = WorkRow(**row)
    return _with_the_room(rows)


#: the copies at the tables now and their status, by work (a dozen rows through the
#: ``room_issue_open`` index). Read apart from the rows query: measured on a million
#: copies, 0.04 ms more for a screen of works, where a join on the room issues cost 0.2 ms
_IN_ROOM_SQL = (
    "SELECT c.work_id, c.status FROM room_issue r JOIN copy c ON c.id = r.copy_id "
    "WHERE r.returned_at IS NULL"
)


def _with_the_room(rows: dict[int, WorkRow]) -> dict[int, WorkRow]:
    """``rows`` with each copy at a reading-room table moved out of ``available`` or
    ``held`` (its status stays the shelf's while a reader has it) into ``in_room``."""
    at_tables: dict[int, Counter[str]] = {}
    for work_id, status in database.execute_sql(_IN_ROOM_SQL):
        if work_id in rows:
            at_tables.setdefault(work_id, Counter())[status] += 1
    for work_id, statuses in at_tables.items():
        row = rows[work_id]
        rows[work_id] = replace(
            row,
            available=row.available - statuses[CopyStatus.AVAILABLE],
            held=row.held - statuses[CopyStatus.HELD],
            in_room=statuses.total(),
        )
    return rows


# -- one work in detail -------------------------------------------------------------------


@dataclass(frozen=True)
class CopyLine:
    """A copy of the work as the detail pane lists it."""

    barcode: str
    volume: int
    location: str
    status: str
    condition: str
    member_no: str | None = None
    borrower_name: str | None = None
    due: date | None = None
    held_for: str | None = None
    #: the call number, apart from the shelving location (a library's record gives both)
    call_number: str = ""
    #: the seat of the reader who has the copy at a table in the reading room (``member_no``
    #: and ``borrower_name`` are that reader's), or None
    seat: int | None = None
    #: the volume's name, as the work's contents (505) gives it, or ""
    volume_name: str = ""


@dataclass(frozen=True)
class WorkDetail:
    work: Work
    copies: list[CopyLine]
    waiting: int


@dataclass(frozen=True)
class ConditionLine:
    recorded_at: datetime
    grade: str
    staff: str
    note: str


@dataclass(frozen=True)
class CopyLoanLine:
    lent_on: date
    due: date
    returned_on: date | None
    member_no: str
    borrower_name: str
    return_condition: str | None
    override_reason: str | None


def work_detail(work_id: int) -> WorkDetail:
    """The work, its copies (with who has each and who it is set aside for)."""
    with read_transaction():
        work = get_work(work_id)
        loans = {
            loan.copy_id: loan
            for loan in Loan.select(Loan, Borrower)
            .join(Borrower)
            .join_from(Loan, Copy)
            .where((Copy.work == work_id) & Loan.returned_at.is_null())
        }
        ready = {
            hold.copy_id: hold.borrower.member_no
            for hold in Hold.select(Hold, Borrower)
            .join(Borrower)
            .where((Hold.work == work_id) & (Hold.status == HoldStatus.READY))
        }
        at_tables = {
            copy_id: (seat, member_no, name)
            for copy_id, seat, member_no, name in database.execute_sql(_AT_TABLES_SQL, (work_id,))
        }
        copies = []
        names = volume_names(work.contents) if work.volumes > 1 else {}
        for copy in Copy.select().where(Copy.work == work_id).order_by(Copy.volume, Copy.barcode):
            loan = loans.get(copy.id)
            if copy.id in at_tables:
                seat, member_no, name = at_tables[copy.id]
                line = _at_table(copy, seat, member_no, name, ready.get(copy.id))
                copies.append(replace(line, volume_name=names.get(copy.volume, "")))
                continue
            copies.append(
                CopyLine(
                    copy.barcode,
                    copy.volume,
                    copy.location,
                    copy.status,
                    copy.condition,
                    loan.borrower.member_no if loan else None,
                    loan.borrower.name if loan else None,
                    loan.due if loan else None,
                    ready.get(copy.id),
                    copy.call_number,
                    volume_name=names.get(copy.volume, ""),
                )
            )
        waiting = Hold.select().where((Hold.work == work_id) & Hold.status.in_(HOLD_ACTIVE)).count()
    return WorkDetail(work, copies, waiting)


#: the work's copies at a table in the reading room now: (copy id, seat, reader)
_AT_TABLES_SQL = (
    "SELECT r.copy_id, r.seat, b.member_no, b.name FROM room_issue r "
    "JOIN copy c ON c.id = r.copy_id JOIN borrower b ON b.id = r.borrower_id "
    "WHERE c.work_id = ? AND r.returned_at IS NULL"
)


def _at_table(copy: Copy, seat: int, member_no: str, name: str, held_for: str | None) -> CopyLine:
    """A copy with a reader at a table: its status is the shelf's, the reader and seat say
    where it is."""
    return CopyLine(
        copy.barcode,
        copy.volume,
        copy.location,
        copy.status,
        copy.condition,
        member_no,
        name,
        None,
        held_for,
        copy.call_number,
        seat,
    )


def condition_history(barcode: str) -> list[ConditionLine]:
    """Every condition grade recorded for the copy, newest first."""
    query = (
        ConditionEntry.select(ConditionEntry, StaffUser)
        .join(StaffUser, JOIN.LEFT_OUTER)
        .join_from(ConditionEntry, Copy)
        .where(Copy.barcode == barcode)
        .order_by(ConditionEntry.recorded_at.desc(), ConditionEntry.id.desc())
    )
    return [
        ConditionLine(
            entry.recorded_at,
            entry.grade,
            _recorded_by(entry),
            entry.note,
        )
        for entry in query
    ]


def _recorded_by(entry: ConditionEntry) -> str:
    """Who recorded a grade ("" when nobody is named)."""
    staff = entry.staff if entry.staff_id else None
    return staff.username if staff is not None else ""


def copy_loan_history(barcode: str) -> list[CopyLoanLine]:
    """Every loan of the copy, newest first."""
    query = (
        Loan.select(Loan, Borrower)
        .join(Borrower)
        .join_from(Loan, Copy)
        .where(Copy.barcode == barcode)
        .order_by(Loan.lent_at.desc(), Loan.id.desc())
    )
    return [
        CopyLoanLine(
            loan.lent_on,
            loan.due,
            loan.returned_on,
            loan.borrower.member_no,
            loan.borrower.name,
            loan.return_condition,
            approval_said(loan.override_reason, bool(loan.overridden_codes)),
        )
        for loan in query
    ]


def locations() -> list[str]:
    """Every shelf location in use, for the copy dialog's suggestions."""
    return [
        row[0]
        for row in database.execute_sql(
            "SELECT DISTINCT location FROM copy WHERE location <> '' ORDER BY location"
        )
    ]
