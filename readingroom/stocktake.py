"""The stocktake: open (freeze the expected copies), scan volume by volume, close and sign.

Every scan is its own short write transaction with its audit entry, so a crash or a killed
process loses no scan that was reported, and the open stocktake simply carries on where it
stopped. Closing reconciles each expected copy to exactly one outcome (``present``,
``on-loan``, ``missing``, ``misplaced``) and lists scanned barcodes nobody expected
(``unexpected``); copies not found are marked missing (audited), and the supervisor's
sign-off records the names, the date and the audit chain's head. The database refuses any
change to a signed stocktake (see ``migrations/0002_inspection.py``).

The same outcome query serves the open stocktake (a live preview for the page and the
provisional report) and the closing, which stores its rows for ever.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from peewee import IntegrityError

from readingroom import audit, clock, codes, custody, seals, settings
from readingroom.bulk import lifted
from readingroom.catalogue import check_barcode, clean_text
from readingroom.errors import BadInput, NotFound, Refused
from readingroom.inspection import ChainCheck, check_since_last_signed
from readingroom.messages import Phrases, Text, phrase, said
from readingroom.staff import require_desk, require_supervisor
from readingroom.store.db import database, on_server, write_transaction
from readingroom.store.inspection_models import (
    MISPLACED,
    MISSING,
    ON_LOAN,
    OUTCOMES,
    PRESENT,
    PRESENT_ON_LOAN,
    STOCKTAKE_OPEN,
    STOCKTAKE_SIGNED,
    UNEXPECTED,
    StocktakeExpected,
    StocktakeScan,
)
from readingroom.store.inspection_models import (
    Stocktake as Stocktake,  # the row the window shows, offered with the service
)
from readingroom.store.models import Copy, Hold, Loan, StaffUser, Work
from readingroom.store.rows import named
from readingroom.vocabulary import CopyStatus, HoldStatus, ScanFlag, sql_list, sql_word
from readingroom.waiting_list import set_aside_if_waiting

# flags a scan can carry
SCAN_FLAGS = tuple(ScanFlag)
UNKNOWN, REPEAT, WRONG_LOCATION, RECORDED_ON_LOAN, NOT_EXPECTED = SCAN_FLAGS
#: copies that have left the collection are not expected at a stocktake
NOT_COUNTED = (CopyStatus.WITHDRAWN,)
#: copy statuses that a closing stocktake leaves alone when the copy is not found
ALREADY_GONE = (CopyStatus.MISSING, CopyStatus.LOST, CopyStatus.WITHDRAWN)
INSERT_BATCH = 1000
#: the longest inspector's name (it is printed on the report's signature line)
MAX_NAME_LENGTH = 100
#: what a librarian does about a copy found while the records say it is on loan
TAKE_BACK = phrase("take the return at the desk, or record why it is here")


# -- finding the stocktake ----------------------------------------------------------------


def open_stocktake() -> Stocktake | None:
    return Stocktake.get_or_none(Stocktake.status == STOCKTAKE_OPEN)


def newest_stocktake() -> Stocktake | None:
    newest: Stocktake | None = Stocktake.select().order_by(Stocktake.id.desc()).first()
    return newest


def get_stocktake(stocktake_id: int | None = None) -> Stocktake:
    """Stocktake ``stocktake_id``, or the newest one (NotFound when there is none)."""
    if stocktake_id is None:
        stocktake = newest_stocktake()
        if stocktake is None:
            raise NotFound(
                said(
                    "There has been no stocktake yet; open one with 'readingroom inspection start'."
                )
            )
        return stocktake
    stocktake = Stocktake.get_or_none(Stocktake.id == stocktake_id)
    if stocktake is None:
        raise NotFound(said("No stocktake number {id}.", id=stocktake_id))
    return stocktake


def require_open() -> Stocktake:
    """The open stocktake, or BadInput saying why nothing may be recorded."""
    stocktake = open_stocktake()
    if stocktake is not None:
        return stocktake
    newest = newest_stocktake()
    if newest is not None and newest.is_signed:
        raise BadInput(
            said(
                "Stocktake {id} is signed and read-only; open a new one with "
                "'readingroom inspection start'.",
                id=newest.id,
            )
        )
    raise BadInput(said("No stocktake is open; open one with 'readingroom inspection start'."))


# -- opening ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Opened:
    stocktake: Stocktake
    chain: ChainCheck | None  # the audit trail since the last signed stocktake


def start(actor: StaffUser) -> Opened:
    """Open a stocktake and freeze the list of copies expected (BadInput if one is open)."""
    require_desk(actor)
    with write_transaction():
        current = open_stocktake()
        if current is not None:
            raise BadInput(
                said(
                    "Stocktake {id} is already open (since {since}); close it first.",
                    id=current.id,
                    since=f"{current.opened_at:%Y-%m-%d %H:%M}",
                )
            )
        _refuse_while_room_is_in_use()
        chain = check_since_last_signed()
        try:
            stocktake = Stocktake.create(opened_at=clock.now(), opened_by=actor.username)
        except IntegrityError:
            raise BadInput(said("Another stocktake was opened at the same moment.")) from None
        placeholders = ", ".join("?" for _ in NOT_COUNTED)
        cursor = database.execute_sql(
            "INSERT INTO stocktake_expected (stocktake_id, copy_id, barcode, location, status) "
            f"SELECT ?, id, barcode, location, status FROM copy WHERE status NOT IN "
            f"({placeholders})",
            (stocktake.id, *NOT_COUNTED),
        )
        expected = cursor.rowcount
        Stocktake.update(expected_count=expected).where(Stocktake.id == stocktake.id).execute()
        details: dict[str, Any] = {"expected": expected}
        if chain is not None:
            details["chain_since_last_signed"] = chain.as_dict()
        audit.record(actor, "stocktake-open", "stocktake", stocktake.id, details)
    return Opened(Stocktake.get_by_id(stocktake.id), chain)


def _refuse_while_room_is_in_use() -> None:
    """A stocktake counts the safe: refused (``ITEMS_IN_ROOM``) while a copy is at a table."""
    from readingroom import room_views as room
    from readingroom.decision import Decision

    out = room.in_room()
    if out:
        raise Refused(Decision(False, None, (room.items_in_room_reason(out),)))


# -- scanning -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ScanResult:
    """One recorded scan, its flags and the progress after it."""

    stocktake_id: int
    barcode: str
    location: str
    flags: tuple[str, ...]
    title: str = ""
    volume: int | None = None
    expected_location: str = ""
    found: int = 0
    expected: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "barcode": self.barcode,
            "location": self.location,
            "flags": list(self.flags),
            "title": self.title,
            "volume": self.volume,
            "expected_location": self.expected_location,
        }


def normalise_location(text: str | None) -> str:
    return " ".join((text or "").split())


def same_location(a: str, b: str) -> bool:
    """Locations compare as SQLite's ``lower(trim())`` does (ASCII case, outer spaces)."""
    return _ascii_lower(a.strip(" ")) == _ascii_lower(b.strip(" "))


def _ascii_lower(text: str) -> str:
    return "".join(c.lower() if "A" <= c <= "Z" else c for c in text)


def scan(actor: StaffUser, barcode: str, location: str | None = None) -> ScanResult:
    """Record one scan (its own transaction, audited) with the flags it raises."""
    require_desk(actor)
    # the scanner's prefix and suffix taken off (the catalogue's settings); then the copy's
    # stored barcode when the scan names one in another form (k0020 for K0020), else the
    # scan in the one form codes are compared in
    text = clean_text(barcode, "barcode")
    stored = codes.scanned_barcode(text)
    barcode = check_barcode(stored or codes.scanned_code(text))
    location = normalise_location(clean_text(location, "location"))
    with write_transaction():
        stocktake = require_open()
        result = _record_scan(actor, stocktake, barcode, location)
    return result


def scan_many(
    actor: StaffUser, barcodes: Iterable[str], location: str | None = None
) -> Iterator[ScanResult]:
    """Scan each barcode in turn, each saved before the next is read (a generator)."""
    for barcode in barcodes:
        yield scan(actor, barcode, location)


def _record_scan(actor: StaffUser, stocktake: Stocktake, barcode: str, location: str) -> ScanResult:
    copy = Copy.select(Copy, Work).join(Work).where(Copy.barcode == barcode).first()
    expected = StocktakeExpected.get_or_none(
        (StocktakeExpected.stocktake == stocktake.id) & (StocktakeExpected.barcode == barcode)
    )
    repeat = (
        StocktakeScan.select()
        .where((StocktakeScan.stocktake == stocktake.id) & (StocktakeScan.barcode == barcode))
        .exists()
    )
    flags = _flags(copy, expected, repeat, location)
    StocktakeScan.create(
        stocktake=stocktake.id,
        barcode=barcode,
        copy=copy.id if copy else None,
        location=location,
        flags=",".join(flags),
        scanned_at=clock.now(),
        staff=actor.username,
    )
    found = stocktake.found_count
    if expected is not None and not repeat:
        found += 1
        Stocktake.update(found_count=Stocktake.found_count + 1).where(
            Stocktake.id == stocktake.id
        ).execute()
    audit.record(
        actor,
        "stocktake-scan",
        "stocktake",
        stocktake.id,
        {"barcode": barcode, "location": location, "flags": list(flags)},
    )
    return ScanResult(
        stocktake.id,
        barcode,
        location,
        flags,
        copy.work.title if copy else "",
        copy.volume if copy else None,
        expected.location if expected else (copy.location if copy else ""),
        found,
        stocktake.expected_count,
    )


def _flags(
    copy: Copy | None, expected: StocktakeExpected | None, repeat: bool, location: str
) -> tuple[str, ...]:
    flags = []
    if copy is None:
        flags.append(UNKNOWN)
    elif expected is None:
        flags.append(NOT_EXPECTED)
    if repeat:
        flags.append(REPEAT)
    shelf = expected.location if expected is not None else (copy.location if copy else "")
    if copy is not None and location and not same_location(location, shelf):
        flags.append(WRONG_LOCATION)
    if (
        copy is not None
        and Loan.select().where((Loan.copy == copy.id) & Loan.returned_at.is_null()).exists()
    ):
        flags.append(RECORDED_ON_LOAN)
    return tuple(flags)


def recent_scans(stocktake: Stocktake, limit: int = 100) -> list[StocktakeScan]:
    """The newest scans first (for the stocktake page's list)."""
    return list(
        StocktakeScan.select()
        .where(StocktakeScan.stocktake == stocktake.id)
        .order_by(StocktakeScan.id.desc())
        .limit(limit)
    )


@dataclass(frozen=True)
class Scanner:
    """Who scanned for a stocktake: the account, how many scans, and the times of the first
    and last of them, to the second (``2026-12-07 11:13:59``)."""

    staff: str
    scans: int
    first: str
    last: str


def scanners(stocktake: Stocktake) -> list[Scanner]:
    """Each staff member who scanned for ``stocktake``, in the order they first scanned."""
    rows = database.execute_sql(
        "SELECT staff, count(*), min(scanned_at), max(scanned_at) FROM stocktake_scan "
        "WHERE stocktake_id = ? GROUP BY staff ORDER BY min(id)",
        (stocktake.id,),
    )
    return [
        Scanner(staff, n, _to_the_second(first), _to_the_second(last))
        for staff, n, first, last in rows
    ]


def _to_the_second(stored: object) -> str:
    """A stored time as people read it: ``2026-12-07 11:13:59`` (no ``T``, no microseconds)."""
    return str(stored).replace("T", " ")[:19]


def last_known(copy_ids: list[int], stocktake_id: int) -> dict[int, str]:
    """What the records say happened last to each of ``copy_ids`` (copies a stocktake did
    not find): its last loan and return with the reminders sent on it, and the last earlier
    stocktake that found it. Read in blocks, a few queries for any number of copies."""
    known: dict[int, list[Phrases | str]] = {copy_id: [] for copy_id in copy_ids}
    for start in range(0, len(copy_ids), INSERT_BATCH):
        block = copy_ids[start : start + INSERT_BATCH]
        marks = ", ".join("?" for _ in block)
        for copy_id, member, lent_on, returned_on, reminders, recalls in database.execute_sql(
            "SELECT l.copy_id, b.member_no, l.lent_on, l.returned_on, "
            "(SELECT count(*) FROM reminder r WHERE r.loan_id = l.id), "
            "(SELECT count(*) FROM recall_letter r WHERE r.loan_id = l.id) FROM loan l "
            "JOIN borrower b ON b.id = l.borrower_id WHERE l.id IN (SELECT max(id) FROM loan "
            f"WHERE copy_id IN ({marks}) GROUP BY copy_id)",
            block,
        ):
            known[copy_id].append(_last_loan(member, lent_on, returned_on, reminders, recalls))
        for copy_id, seen_in in database.execute_sql(
            "SELECT copy_id, max(stocktake_id) FROM stocktake_scan "
            f"WHERE copy_id IN ({marks}) AND stocktake_id < ? GROUP BY copy_id",
            (*block, stocktake_id),
        ):
            known[copy_id].append(phrase("last found at stocktake {n}", n=seen_in))
    return {copy_id: Phrases(parts or NOTHING_KNOWN) for copy_id, parts in known.items()}


#: what is known of a copy never lent and never found before
NOTHING_KNOWN = (
    Phrases((phrase("never lent"), phrase("not found at an earlier stocktake")), ", "),
)


def _last_loan(
    member: str, lent_on: object, returned_on: object, reminders: int, recalls: int
) -> Phrases:
    """``last lent to W-1 on 2026-01-05, returned 2026-02-01, 2 reminders sent``, each part
    with its key."""
    parts: list[str] = [
        phrase("last lent to {member} on {day}", member=member, day=str(lent_on)),
        phrase("returned {day}", day=str(returned_on)) if returned_on else phrase("not returned"),
    ]
    if reminders:
        parts.append(_sent(reminders, "reminder"))
    if recalls:
        parts.append(_sent(recalls, "recall letter"))
    return Phrases(parts, ", ")


#: what was sent on a loan, as one and as many (the catalogue's phrases)
SENT = {
    "reminder": ("1 reminder sent", "{n} reminders sent"),
    "recall letter": ("1 recall letter sent", "{n} recall letters sent"),
}


def _sent(n: int, what: str) -> Text:
    """``1 reminder sent``, ``3 recall letters sent``, with its key."""
    one, many = SENT[what]
    return phrase(one) if n == 1 else phrase(many, n=n)


# -- progress -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    stocktake_id: int
    status: str
    expected: int
    found: int
    scans: int
    flagged: dict[str, int] = field(default_factory=dict)

    @property
    def left(self) -> int:
        return self.expected - self.found

    def as_dict(self) -> dict[str, Any]:
        return {
            "stocktake": self.stocktake_id,
            "status": self.status,
            "expected": self.expected,
            "found": self.found,
            "left": self.left,
            "scans": self.scans,
            "flagged": dict(self.flagged),
        }


def progress(stocktake: Stocktake | None = None) -> Progress:
    """Found / expected and how many scans raised each flag (newest stocktake by default)."""
    stocktake = Stocktake.get_by_id(stocktake.id) if stocktake else get_stocktake()
    flagged: Counter[str] = Counter(dict.fromkeys(SCAN_FLAGS, 0))
    scans = 0
    rows = database.execute_sql(
        "SELECT flags, COUNT(*) FROM stocktake_scan WHERE stocktake_id = ? GROUP BY flags",
        (stocktake.id,),
    )
    for flags, count in rows:
        scans += count
        for flag in filter(None, flags.split(",")):
            flagged[flag] += count
    return Progress(
        stocktake.id,
        stocktake.status,
        stocktake.expected_count,
        stocktake.found_count,
        scans,
        dict(flagged),
    )


# -- outcomes -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """One line of the reconciliation: an expected copy or an unexpected barcode."""

    barcode: str
    title: str
    volume: int | None
    outcome: str
    borrower: str | None
    due: date | None
    location: str
    found_location: str
    condition: str
    scans: int
    note: str = ""
    copy_id: int | None = None
    #: the copy's status when the line was reconciled (None: an unknown barcode, or a line
    #: stored before migration 0026 kept it)
    copy_status: str | None = None

    @property
    def remark(self) -> str:
        """The note as keyed phrases made from the line's own columns (the same English the
        close's SQL stored in :attr:`note`), so a front door says it in its language; a
        line stored before its copy's status was kept gives its stored note as it is."""
        stored_before = self.copy_status is None and (
            self.copy_id is not None or self.outcome != UNEXPECTED
        )
        if stored_before:
            return self.note
        parts = self._first_remarks()
        if self.scans > 1:
            parts.append(phrase("scanned {n} times", n=self.scans))
        return Phrases(parts)

    def _first_remarks(self) -> list[str]:
        """What :data:`_EXPECTED_NOTE` and :data:`_UNEXPECTED_NOTE` say of this line."""
        if self.outcome == UNEXPECTED:
            if self.copy_status is None:
                return [phrase("unknown barcode")]
            return [phrase("not on the expected list (status {status})", status=self.copy_status)]
        if self.scans == 0:
            return []
        if self.outcome == PRESENT_ON_LOAN:
            member = self.borrower or "None"
            return [
                phrase(
                    "records say on loan to {member}: {take_back}",
                    member=member,
                    take_back=TAKE_BACK,
                )
            ]
        if self.copy_status in ALREADY_GONE:
            return [phrase("recorded as {status}", status=self.copy_status), phrase("found")]
        return []

    def as_dict(self) -> dict[str, Any]:
        return {
            "barcode": self.barcode,
            "title": self.title,
            "volume": self.volume,
            "outcome": self.outcome,
            "borrower": self.borrower,
            "due": self.due.isoformat() if self.due else None,
            "location": self.location,
            "found_location": self.found_location,
            "condition": self.condition,
            "scans": self.scans,
            "note": self.note,
            "copy_status": self.copy_status,
        }


# The reconciliation, as one query over the frozen list, the scans and today's loans. The
# newest scan of a copy decides where it was found; a copy not scanned is on loan if an
# active loan accounts for it and missing otherwise. Each half writes its own notes from the
# facts it joined (not from the outcome named a layer above), so SQLite runs it as one
# compound select with no further layer to copy a million lines through.
_FOUND_GONE = f"c.status IN ({sql_list(ALREADY_GONE)})"
_ON_LOAN_NOTE = f"'records say on loan to ' || COALESCE(b.member_no, 'None') || ': {TAKE_BACK}'"
_EXPECTED_NOTE = f"""CASE WHEN t.last_id IS NULL THEN NULL
         WHEN l.id IS NOT NULL THEN {_ON_LOAN_NOTE}
         WHEN {_FOUND_GONE} THEN 'recorded as ' || c.status || '; found' END"""
_DUE = "CASE WHEN l.due <> '' THEN substr(l.due, 1, 10) END"
_UNEXPECTED_NOTE = """CASE WHEN c.id IS NULL THEN 'unknown barcode'
         ELSE 'not on the expected list (status ' || COALESCE(c.status, 'None') || ')' END"""


def _noted(first: str) -> str:
    """A line's note: ``first`` (a note or NULL), then "scanned n times" when n > 1."""
    return (
        f"CASE WHEN t.scans > 1 THEN COALESCE(({first}) || '; ', '') "
        f"|| 'scanned ' || t.scans || ' times' ELSE COALESCE(({first}), '') END"
    )


def _outcomes(lead: tuple[str, str]) -> str:
    """The reconciliation's lines with their notes, column for column as
    ``stocktake_outcome`` stores them (:data:`_LINE`), each half led by its column of
    ``lead``: what the preview shows and what the close stores are this one query."""
    return f"""
WITH tally AS (
    SELECT barcode, COUNT(*) AS scans, MAX(id) AS last_id FROM stocktake_scan
    WHERE stocktake_id = ?1 GROUP BY barcode)
SELECT {lead[0]}, e.barcode AS barcode, w.title AS title, c.volume AS volume,
    CASE WHEN t.last_id IS NULL AND l.id IS NOT NULL THEN {sql_word(ON_LOAN)}
         WHEN t.last_id IS NULL THEN {sql_word(MISSING)}
         WHEN l.id IS NOT NULL THEN {sql_word(PRESENT_ON_LOAN)}
         WHEN s.location <> '' AND s.location <> e.location
              AND lower(trim(s.location)) <> lower(trim(e.location))
              THEN {sql_word(MISPLACED)}
         ELSE {sql_word(PRESENT)} END AS outcome,
    b.member_no AS borrower, {_DUE} AS due, e.location AS location,
    COALESCE(s.location, '') AS found_location, c.condition AS condition,
    COALESCE(t.scans, 0) AS scans, {_noted(_EXPECTED_NOTE)} AS note, e.copy_id AS copy_id,
    c.status AS copy_status
FROM stocktake_expected e
JOIN copy c ON c.id = e.copy_id JOIN work w ON w.id = c.work_id
LEFT JOIN tally t ON t.barcode = e.barcode
LEFT JOIN stocktake_scan s ON s.id = t.last_id
LEFT JOIN loan l ON l.copy_id = e.copy_id AND l.returned_at IS NULL
LEFT JOIN borrower b ON b.id = l.borrower_id
WHERE e.stocktake_id = ?1
UNION ALL
SELECT {lead[1]}, t.barcode, COALESCE(w.title, ''), c.volume, {sql_word(UNEXPECTED)},
    b.member_no, {_DUE}, COALESCE(c.location, ''), s.location, COALESCE(c.condition, ''),
    t.scans, {_noted(_UNEXPECTED_NOTE)}, c.id, c.status
FROM tally t JOIN stocktake_scan s ON s.id = t.last_id
LEFT JOIN copy c ON c.barcode = t.barcode LEFT JOIN work w ON w.id = c.work_id
LEFT JOIN loan l ON l.copy_id = c.id AND l.returned_at IS NULL
LEFT JOIN borrower b ON b.id = l.borrower_id
WHERE NOT EXISTS (SELECT 1 FROM stocktake_expected x
                  WHERE x.stocktake_id = ?1 AND x.barcode = t.barcode)
"""


#: the columns an :class:`Outcome` is made of, in the order of its fields
_LINE = (
    "barcode, title, volume, outcome, borrower, due, location, found_location, condition, "
    "scans, note, copy_id, copy_status"
)
#: the preview: expected copies first, then the barcodes nobody expected, each by barcode
_LIVE_OUTCOMES = (
    f"SELECT {_LINE} FROM ({_outcomes(('0 AS unexpected', '1'))}) ORDER BY unexpected, barcode"
)


def _lines(cursor: Any) -> Iterator[Outcome]:
    """Each row of ``cursor`` (the columns of :data:`_LINE`) as an :class:`Outcome`."""
    for line in named(cursor):
        yield Outcome(**{**line, "due": _date(line["due"])})


def _live_outcomes(stocktake_id: int) -> Iterator[Outcome]:
    return _lines(database.execute_sql(_LIVE_OUTCOMES, (stocktake_id,)))


_STORED_OUTCOMES = (
    f"SELECT {_LINE} FROM stocktake_outcome WHERE stocktake_id = ? "
    f"ORDER BY outcome = {sql_word(UNEXPECTED)}, barcode"
)


def _stored_outcomes(stocktake_id: int) -> Iterator[Outcome]:
    return _lines(database.execute_sql(_STORED_OUTCOMES, (stocktake_id,)))


def outcomes(stocktake: Stocktake) -> Iterator[Outcome]:
    """The outcome of every expected copy, then every unexpected barcode, by barcode.

    A signed stocktake gives what was recorded at its signing; an open one a live preview.
    """
    if stocktake.status == STOCKTAKE_SIGNED:
        return _stored_outcomes(stocktake.id)
    return _live_outcomes(stocktake.id)


def outcome_counts(stocktake: Stocktake) -> dict[str, int]:
    counts: dict[str, int] = dict.fromkeys(OUTCOMES, 0)
    for outcome in outcomes(stocktake):
        counts[outcome.outcome] += 1
    return counts


def repeated_barcodes(stocktake: Stocktake) -> list[str]:
    rows = database.execute_sql(
        "SELECT barcode FROM stocktake_scan WHERE stocktake_id = ? GROUP BY barcode "
        "HAVING COUNT(*) > 1 ORDER BY barcode",
        (stocktake.id,),
    )
    return [barcode for (barcode,) in rows]


# -- closing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Closed:
    """What a close did: the signed stocktake, its outcomes counted and by barcode, the copies
    it marked missing and found again, the barcodes scanned twice, and the chain check."""

    stocktake: Stocktake
    counts: dict[str, int]
    by_outcome: dict[str, list[str]]
    marked_missing: list[str]
    found_again: list[str]
    repeated: list[str]
    verification: audit.Verification

    def as_dict(self) -> dict[str, Any]:
        st = self.stocktake
        assert st.signed_on is not None and st.closed_at is not None  # closing signs it
        return {
            "stocktake": st.id,
            "status": st.status,
            "counts": self.counts,
            "missing": self.by_outcome[MISSING],
            "misplaced": self.by_outcome[MISPLACED],
            "on_loan": self.by_outcome[ON_LOAN],
            "unexpected": self.by_outcome[UNEXPECTED],
            "present_on_loan": self.by_outcome[PRESENT_ON_LOAN],
            "repeated": self.repeated,
            "marked_missing": self.marked_missing,
            "found_again": self.found_again,
            "signed_by": st.signed_by,
            "inspector": st.inspector,
            "supervisor": st.closed_by,
            "signed_on": st.signed_on.isoformat(),
            "closed_at": st.closed_at.isoformat(),
            "audit": {
                "ok": bool(st.audit_ok),
                "count": st.audit_count,
                "last_hash": st.audit_hash,
                "problem": st.audit_problem,
                "root_fingerprint": st.root_fingerprint,
            },
        }


def close(actor: StaffUser, signed_by: str, inspector: str | None = None) -> Closed:
    """Reconcile the open stocktake, mark what was not found missing, and sign it off;
    ``inspector``: the external inspector's name, kept with the signed stocktake (with the
    inspection day then scheduled) and printed on the report's signature line."""
    require_supervisor(actor)
    signed_by = clean_text(signed_by, "signer's name").strip()
    if not signed_by:
        raise BadInput(said("Closing a stocktake needs the name of who signs it (--signed-by)."))
    inspector = _inspector_name(inspector)
    with write_transaction(), _larger_cache():
        stocktake = require_open()
        chain = audit.start_verify()  # the committed trail, checked meanwhile elsewhere
        try:
            closed = _close_open(actor, stocktake, signed_by, chain, inspector)
        finally:
            if chain is not None:
                chain.discard()
    seals.seal_if_possible(actor)  # the close, sealed by the supervisor who signed it
    return closed


#: SQLite's page cache while a close writes its million outcome rows, their index and
#: their images (KiB; the connection's default is 2 MiB, which the close outgrows)
CLOSE_CACHE_KIB = 256 * 1024


@contextmanager
def _larger_cache() -> Iterator[None]:
    """The connection's page cache raised for the close, and put back after it (SQLite's:
    a server keeps its own)."""
    if on_server():
        yield
        return
    before = database.execute_sql("PRAGMA cache_size").fetchone()[0]
    database.execute_sql(f"PRAGMA cache_size = -{CLOSE_CACHE_KIB}")
    try:
        yield
    finally:
        database.execute_sql(f"PRAGMA cache_size = {int(before)}")


def _inspector_name(name: str | None) -> str | None:
    """The inspector's name as kept: one line, trimmed; None when not given (BadInput when
    given empty, or too long for a signature line)."""
    if name is None:
        return None
    name = clean_text(name, "inspector's name").strip()
    if not name:
        raise BadInput(said("The inspector's name is empty; give it or leave --inspector out."))
    if len(name) > MAX_NAME_LENGTH:
        raise BadInput(
            said(
                "The inspector's name has {length} characters; at most {most} fit on the "
                "report's signature line.",
                length=len(name),
                most=MAX_NAME_LENGTH,
            )
        )
    return name


def _close_open(
    actor: StaffUser, stocktake: Stocktake, signed_by: str, chain: Any, inspector: str | None
) -> Closed:
    """The close inside its write: outcomes stored, copies marked, the chain verified."""
    counts, by_outcome, repeated = _store_outcomes(stocktake.id)
    audit.record(
        actor,
        "stocktake-outcomes",
        "stocktake",
        stocktake.id,
        {"counts": counts},
        audit.table_images("stocktake_outcome", "stocktake_id = ?", (stocktake.id,)),
    )
    marked = _mark_missing(actor, stocktake.id)
    found = _mark_found(actor, stocktake.id)
    audit.record(
        actor,
        "stocktake-close",
        "stocktake",
        stocktake.id,
        {
            "signed_by": signed_by,
            "inspector": inspector,
            "counts": counts,
            "marked_missing": marked,
            "found_again": found,
        },
    )
    verification = audit.finish_verify(chain)
    count, last_hash = audit.chain_head()
    now = clock.now()
    Stocktake.update(
        status=STOCKTAKE_SIGNED,
        closed_at=now,
        closed_by=actor.username,
        closed_by_name=actor.display_name,
        signed_by=signed_by,
        signed_on=now.date(),
        audit_ok=verification.ok,
        audit_problem=verification.problem,
        audit_count=count,
        audit_hash=last_hash,
        root_fingerprint=seals.root_fingerprint(),
        inspector=inspector,
        inspection_date=settings.inspection_date(),
    ).where(Stocktake.id == stocktake.id).execute()
    audit.record(
        actor,
        "stocktake-signed",
        "stocktake",
        stocktake.id,
        {
            "signed_by": signed_by,
            "inspector": inspector,
            "audit_count": count,
            "audit_hash": last_hash,
        },
    )
    return Closed(
        Stocktake.get_by_id(stocktake.id), counts, by_outcome, marked, found, repeated, verification
    )


#: the reconciliation stored in one statement: the preview's own lines
_STORE_OUTCOMES = f"INSERT INTO stocktake_outcome (stocktake_id, {_LINE}) {_outcomes(('?1', '?1'))}"
#: the guard refusing outcomes of a signed stocktake (migration 0002): on SQLite a trigger
#: runs once per row, and for the close's million lines it looked the stocktake up a
#: million times (about a second), so the close checks once instead, under its write lock
#: (``require_open`` in the same transaction), and stores its lines with the guard lifted
#: for that one statement: dropped and made again from its own stored text inside the
#: transaction (:func:`readingroom.bulk.lifted`), so no other connection ever sees it
#: missing and a failed close puts it back with the rest
OUTCOME_GUARD = "stocktake_outcome_only_when_open"


def _store_outcomes(
    stocktake_id: int,
) -> tuple[dict[str, int], dict[str, list[str]], list[str]]:
    """The outcomes stored (one statement), their counts, the barcodes of each outcome
    other than ``present`` and the barcodes scanned more than once, each by barcode: one
    read of the few stored lines that are not plainly present gives all three (the
    ``present`` ones are what the insert stored besides)."""
    with lifted(OUTCOME_GUARD):
        stored = database.execute_sql(_STORE_OUTCOMES, (stocktake_id,)).rowcount
    by_outcome: dict[str, list[str]] = {outcome: [] for outcome in OUTCOMES}
    repeated: list[str] = []
    for outcome, barcode, scans in database.execute_sql(
        "SELECT outcome, barcode, scans FROM stocktake_outcome WHERE stocktake_id = ? "
        f"AND (outcome <> '{PRESENT}' OR scans > 1) ORDER BY barcode",
        (stocktake_id,),
    ):
        if outcome != PRESENT:
            by_outcome[outcome].append(barcode)
        if scans > 1:
            repeated.append(barcode)
    counts = {outcome: len(barcodes) for outcome, barcodes in by_outcome.items()}
    counts[PRESENT] = stored - sum(counts.values())
    return counts, by_outcome, repeated


def _mark_missing(actor: StaffUser, stocktake_id: int) -> list[str]:
    """Each copy found neither on its shelf nor on loan becomes ``missing`` (audited)."""
    placeholders = ", ".join("?" for _ in ALREADY_GONE)
    rows = database.execute_sql(
        "SELECT c.id, c.barcode, c.status FROM stocktake_outcome o JOIN copy c ON c.id = o.copy_id "
        f"WHERE o.stocktake_id = ? AND o.outcome = {sql_word(MISSING)} "
        f"AND c.status NOT IN ({placeholders}) "
        "ORDER BY c.barcode",
        (stocktake_id, *ALREADY_GONE),
    ).fetchall()
    for held, run in itertools.groupby(rows, key=lambda row: row[2] == CopyStatus.HELD):
        if held:  # a set-aside copy: its hold waits again first, one copy at a time
            for copy_id, barcode, status in run:
                _unready_hold(actor, copy_id, barcode)
                Copy.update(status=CopyStatus.MISSING).where(Copy.id == copy_id).execute()
                custody.record_move(
                    actor, copy_id, custody.STOCKTAKE_MISSED, _place(status), custody.MISSING
                )
                audit.record(actor, "copy-missing", "copy", barcode, _missing(status, stocktake_id))
        else:
            _mark_run(actor, list(run), MISSING, "copy-missing", stocktake_id)
    return [barcode for _, barcode, _ in rows]


def _missing(status: str, stocktake_id: int) -> dict[str, Any]:
    return {"old": status, "new": MISSING, "stocktake": stocktake_id}


def _mark_run(
    actor: StaffUser, run: list[tuple[int, str, str]], new: str, action: str, stocktake_id: int
) -> None:
    """Copies ``(id, barcode, old status)`` given status ``new`` in one statement per
    :data:`INSERT_BATCH`, each with its own ``action`` entry as before, written at once
    (:func:`readingroom.audit.record_each`)."""
    for start in range(0, len(run), INSERT_BATCH):
        batch = run[start : start + INSERT_BATCH]
        database.execute_sql(
            f"UPDATE copy SET status = ? WHERE id IN ({', '.join('?' for _ in batch)})",
            (new, *(copy_id for copy_id, _, _ in batch)),
        )
        details = {"new": new, "stocktake": stocktake_id}
        first = audit.chain_head()[0] + 1  # the batch's entries take the next sequences
        audit.record_each(
            actor,
            "copy",
            [
                (copy_id, action, "copy", barcode, {"old": status, **details})
                for copy_id, barcode, status in batch
            ],
        )
        _record_moves(actor, batch, new, stocktake_id, first)


def _place(status: str) -> str:
    """Where a copy of ``status`` is, for the custody ledger."""
    return {
        CopyStatus.AVAILABLE: custody.SHELF,
        CopyStatus.HELD: custody.HOLD_SHELF,
        CopyStatus.DAMAGED: custody.DAMAGED,
        CopyStatus.ON_LOAN: custody.READER,
    }.get(CopyStatus(status), str(status))


def _record_moves(
    actor: StaffUser, batch: list[tuple[int, str, str]], new: str, stocktake_id: int, first: int
) -> None:
    """The custody moves of a batch marked by the stocktake, each naming its copy's own
    entry (written just before, in order), their after-images carried by one entry."""
    kind, to = (
        (custody.STOCKTAKE_MISSED, custody.MISSING)
        if new == MISSING
        else (custody.STOCKTAKE_FOUND, custody.SHELF)
    )
    at = clock.now().isoformat(" ")
    staff = actor.username
    database.cursor().executemany(
        "INSERT INTO custody_move (copy_id, at, staff, kind, from_place, to_place, audit_seq, "
        "note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (copy_id, at, staff, kind, _place(status), to, first + n, f"stocktake {stocktake_id}")
            for n, (copy_id, _, status) in enumerate(batch)
        ],
    )
    audit.record(
        actor, "custody-moves", "stocktake", stocktake_id, {"moves": len(batch), "kind": kind}
    )


def _unready_hold(actor: StaffUser, copy_id: int, barcode: str) -> None:
    """A set-aside copy that cannot be found: its hold goes back to waiting for a copy."""
    hold = Hold.get_or_none((Hold.copy == copy_id) & (Hold.status == HoldStatus.READY))
    if hold is None:
        return
    Hold.update(status=HoldStatus.WAITING, copy=None, ready_on=None).where(
        Hold.id == hold.id
    ).execute()
    audit.record(
        actor,
        "hold-unready",
        "hold",
        hold.id,
        {"barcode": barcode, "reason": "copy missing at stocktake"},
    )


def _mark_found(actor: StaffUser, stocktake_id: int) -> list[str]:
    """A copy recorded missing or lost that was found goes back on the shelf (audited)."""
    gone = sql_list((CopyStatus.MISSING, CopyStatus.LOST))
    rows = database.execute_sql(  # CROSS JOIN: from the few copies recorded gone, not the lines
        "SELECT c.id, c.barcode, c.status, EXISTS (SELECT 1 FROM hold h WHERE h.work_id = "
        "c.work_id AND h.volume = c.volume AND h.status = ?) FROM copy c "
        "CROSS JOIN stocktake_outcome o ON o.stocktake_id = ? AND o.barcode = c.barcode "
        f"AND o.copy_id = c.id WHERE c.status IN ({gone}) "
        f"AND o.outcome IN ({sql_list((PRESENT, MISPLACED))}) "
        "ORDER BY c.barcode",
        (HoldStatus.WAITING.value, stocktake_id),
    ).fetchall()
    for waited_for, run in itertools.groupby(rows, key=lambda row: bool(row[3])):
        if waited_for:  # a waiting list takes it: one copy at a time, as a return does
            for copy_id, barcode, status, _ in run:
                Copy.update(status=CopyStatus.AVAILABLE).where(Copy.id == copy_id).execute()
                custody.record_move(
                    actor, copy_id, custody.STOCKTAKE_FOUND, _place(status), custody.SHELF
                )
                audit.record(actor, "copy-found", "copy", barcode, _found(status, stocktake_id))
                set_aside_if_waiting(actor, Copy.get_by_id(copy_id), clock.today())
        else:  # nobody waits for these (a stocktake places no hold): back on the shelf at once
            _mark_run(
                actor, [row[:3] for row in run], CopyStatus.AVAILABLE, "copy-found", stocktake_id
            )
    return [row[1] for row in rows]


def _found(status: str, stocktake_id: int) -> dict[str, Any]:
    return {"old": status, "new": CopyStatus.AVAILABLE, "stocktake": stocktake_id}


def _date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
