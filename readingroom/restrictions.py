"""Restrictions: a work or a copy withheld, with a reason, an authority and dates.

``restrict`` (a supervisor's act) withholds a work, every copy and volume of it, or one copy,
from its first day (today unless given) up to its end day, if it has one. While it holds,
every lend of a copy it covers, at the desk, on the command line, back-dated, and every
renewal of one, is refused with ``RESTRICTED``, which no override opens (the decision reads
it, :func:`readingroom.decision.withheld_reasons`); the refused attempts are kept in the
trail (:mod:`readingroom.refusals`) and listed in the register of exceptions. A loan
already out when the restriction is placed runs to its due date.

On its end day a restriction lifts by itself: the decision stops reading it that day, and
the first start of the window or command of a desk member on or after that day records it
(:func:`lift_due`: ``restriction-lifted`` with ``lifted by schedule``). ``unrestrict`` lifts
one earlier, a supervisor's act with a reason. A restriction is never deleted: each change
is one audited write whose entry carries the row's after-image (migration 0019).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from readingroom import audit, clock
from readingroom.catalogue import clean_text, get_copy
from readingroom.errors import BadInput, NotFound
from readingroom.messages import Text, said
from readingroom.staff import Actor, require_desk, require_supervisor
from readingroom.store.db import database, write_transaction
from readingroom.store.models import Copy, Work
from readingroom.store.restriction_models import Restriction

#: the longest reason or authority
TEXT_MAX = 500
#: the reason a restriction lifted on its end day records
LIFTED_BY_SCHEDULE = "lifted by schedule"


@dataclass(frozen=True)
class RestrictionView:
    """A restriction as the front doors show it (``barcode`` None: the whole work)."""

    id: int
    work_id: int
    title: str
    barcode: str | None
    volume: int | None
    reason: str
    authority: str
    starts: date
    ends: date | None
    placed_by: str
    placed_at: datetime
    lifted_at: datetime | None = None
    lifted_by: str | None = None
    lift_reason: str | None = None

    def state(self, today: date) -> str:
        """``lifted``, ``ended`` (its end day has come, not yet recorded), ``scheduled``
        (its first day is ahead) or ``in force``."""
        if self.lifted_at is not None:
            return "lifted"
        if self.ends is not None and self.ends <= today:
            return "ended"
        if self.starts > today:
            return "scheduled"
        return "in force"

    @property
    def target(self) -> Text:
        """What it withholds, in words: ``work 12`` or ``copy RR00044``."""
        if self.barcode:
            return said("copy {barcode}", barcode=self.barcode)
        return said("work {work}", work=self.work_id)

    def as_dict(self, today: date | None = None) -> dict[str, Any]:
        return {
            "id": self.id,
            "work_id": self.work_id,
            "title": self.title,
            "barcode": self.barcode,
            "volume": self.volume,
            "reason": self.reason,
            "authority": self.authority,
            "starts": self.starts.isoformat(),
            "ends": self.ends.isoformat() if self.ends else None,
            "placed_by": self.placed_by,
            "placed_at": self.placed_at.isoformat(sep=" "),
            "lifted_at": self.lifted_at.isoformat(sep=" ") if self.lifted_at else None,
            "lifted_by": self.lifted_by,
            "lift_reason": self.lift_reason,
            "state": self.state(today or clock.today()),
        }


@dataclass(frozen=True)
class RestrictionSaved:
    """What placing or lifting did: the restriction as it is now, and its audit entry."""

    restriction: RestrictionView
    audit_seq: int


def check_text(value: object, what: str) -> str:
    """A reason or an authority as stored: one line, trimmed, not empty, plain text."""
    cleaned = " ".join(clean_text(value, what).split())
    if not cleaned:
        raise BadInput(said("A restriction needs {what}.", what=what))
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in cleaned):
        raise BadInput(said("The {what} has a control character or an invisible mark.", what=what))
    if len(cleaned) > TEXT_MAX:
        raise BadInput(
            said(
                "The {what} is {length} characters long: at most {limit}.",
                what=what,
                length=len(cleaned),
                limit=TEXT_MAX,
            )
        )
    return cleaned


def _target(key: object) -> tuple[Work, Copy | None]:
    """A work by its id (every copy of it) or one copy by its barcode."""
    text = clean_text(key, "work id or barcode").strip()
    copy = Copy.get_or_none(Copy.barcode == text) if text else None
    if copy is None and text:
        try:
            copy = get_copy(text)
        except NotFound:
            copy = None
    work = Work.get_or_none(Work.id == int(text)) if text.isdigit() and len(text) < 19 else None
    if work is not None and copy is not None:
        raise BadInput(
            said(
                "{work} is both a work's id and a copy's barcode; use the barcode of a copy "
                "that is not a number, or restrict the work by its id.",
                work=repr(text),
            )
        )
    if copy is not None:
        return Work.get_by_id(copy.work_id), copy
    if work is not None:
        return work, None
    raise NotFound(said("No work with id {work} and no copy with that barcode.", work=repr(text)))


_VIEW_SQL = """
    SELECT r.id, r.work_id, w.title, c.barcode, c.volume, r.reason, r.authority, r.starts,
           r.ends, r.placed_by, r.placed_at, r.lifted_at, r.lifted_by, r.lift_reason
    FROM restriction r JOIN work w ON w.id = r.work_id LEFT JOIN copy c ON c.id = r.copy_id"""


def _view(row: tuple[Any, ...]) -> RestrictionView:
    def day(value: Any) -> date | None:
        return date.fromisoformat(str(value)[:10]) if value else None

    def moment(value: Any) -> datetime | None:
        return datetime.fromisoformat(str(value)) if value else None

    starts = day(row[7])
    placed_at = moment(row[10])
    assert starts is not None and placed_at is not None, row
    return RestrictionView(
        id=row[0],
        work_id=row[1],
        title=row[2],
        barcode=row[3],
        volume=row[4],
        reason=row[5],
        authority=row[6],
        starts=starts,
        ends=day(row[8]),
        placed_by=row[9],
        placed_at=placed_at,
        lifted_at=moment(row[11]),
        lifted_by=row[12],
        lift_reason=row[13],
    )


def get_restriction(restriction_id: int) -> RestrictionView:
    row = database.execute_sql(_VIEW_SQL + " WHERE r.id = ?", (restriction_id,)).fetchone()
    if row is None:
        raise NotFound(said("No restriction {restriction}.", restriction=restriction_id))
    return _view(row)


def restrict(
    actor: Actor | None,
    target: str,
    *,
    reason: str,
    authority: str,
    starts: date | None = None,
    ends: date | None = None,
) -> RestrictionSaved:
    """Withhold a work (by its id: every copy and volume) or a copy (by its barcode) from
    ``starts`` (today) until ``ends`` (None: until lifted), a supervisor's act, audited."""
    actor = require_supervisor(actor)
    reason_text = check_text(reason, "a reason")
    authority_text = check_text(authority, "an authority")
    today = clock.today()
    first = starts or today
    if ends is not None and ends <= first:
        raise BadInput(
            said(
                "The end day {ends} must be after the first day {first}.",
                ends=ends.isoformat(),
                first=first.isoformat(),
            )
        )
    if ends is not None and ends <= today:
        raise BadInput(
            said("The end day {ends} has come already: nothing to withhold.", ends=ends.isoformat())
        )
    with write_transaction():
        work, copy = _target(target)
        row = Restriction.create(
            work=work.id,
            copy=copy.id if copy is not None else None,
            reason=reason_text,
            authority=authority_text,
            starts=first,
            ends=ends,
            placed_by=actor.username,
            placed_at=clock.now(),
        )
        entry = audit.record(
            actor,
            "restrict",
            "restriction",
            row.id,
            {
                "restriction": row.id,
                "work_id": work.id,
                "title": work.title,
                "barcode": copy.barcode if copy is not None else None,
                "reason": reason_text,
                "authority": authority_text,
                "starts": first.isoformat(),
                "ends": ends.isoformat() if ends else None,
            },
        )
        view = get_restriction(row.id)
    return RestrictionSaved(view, entry.id)


def unrestrict(actor: Actor | None, restriction_id: int, reason: str) -> RestrictionSaved:
    """Lift a restriction before its end day, a supervisor's act with a reason, audited."""
    actor = require_supervisor(actor)
    why = check_text(reason, "a reason")
    with write_transaction():
        found = get_restriction(restriction_id)
        if found.lifted_at is not None:
            raise BadInput(
                said(
                    "Restriction {restriction} was lifted already ({day}).",
                    restriction=restriction_id,
                    day=f"{found.lifted_at:%Y-%m-%d}",
                )
            )
        _lift(found.id, actor.username, why)
        entry = audit.record(
            actor,
            "unrestrict",
            "restriction",
            found.id,
            {
                "restriction": found.id,
                "work_id": found.work_id,
                "barcode": found.barcode,
                "reason": why,
            },
        )
        view = get_restriction(found.id)
    return RestrictionSaved(view, entry.id)


def _lift(restriction_id: int, username: str, why: str) -> None:
    Restriction.update(lifted_at=clock.now(), lifted_by=username, lift_reason=why).where(
        Restriction.id == restriction_id
    ).execute()


_DUE_SQL = (
    "SELECT id FROM restriction WHERE lifted_at IS NULL AND ends IS NOT NULL AND ends <= ? "
    "ORDER BY id"
)


def due_to_lift(today: date | None = None) -> list[int]:
    """The restrictions whose end day has come but whose lift is not recorded yet."""
    day = (today or clock.today()).isoformat()
    return [int(row[0]) for row in database.execute_sql(_DUE_SQL, (day,)).fetchall()]


@dataclass(frozen=True)
class LiftedBySchedule:
    """The restrictions :func:`lift_due` recorded as lifted (none: nothing was due)."""

    lifted: tuple[RestrictionView, ...] = ()


def lift_due(actor: Actor | None, today: date | None = None) -> LiftedBySchedule:
    """Record every restriction whose end day has come as ``lifted by schedule`` (one
    ``restriction-lifted`` entry each, in the name of the desk member whose start or command
    found it). Nothing due writes nothing."""
    actor = require_desk(actor)
    if not due_to_lift(today):
        return LiftedBySchedule()
    lifted = []
    with write_transaction():
        for restriction_id in due_to_lift(today):  # read again inside the write
            found = get_restriction(restriction_id)
            _lift(found.id, actor.username, LIFTED_BY_SCHEDULE)
            audit.record(
                actor,
                "restriction-lifted",
                "restriction",
                found.id,
                {
                    "restriction": found.id,
                    "work_id": found.work_id,
                    "barcode": found.barcode,
                    "ends": found.ends.isoformat() if found.ends else None,
                    "reason": LIFTED_BY_SCHEDULE,
                },
            )
            lifted.append(get_restriction(found.id))
    return LiftedBySchedule(tuple(lifted))


def list_restrictions(
    *,
    expiring_within: int | None = None,
    lifted: bool = False,
    today: date | None = None,
) -> list[RestrictionView]:
    """The restrictions not lifted (in force, or scheduled to begin), by id; with
    ``expiring_within`` only those whose end day is within that many days; with ``lifted``
    every restriction ever placed."""
    day = today or clock.today()
    clauses, params = [], []
    if not lifted:
        clauses.append("r.lifted_at IS NULL AND (r.ends IS NULL OR r.ends > ?)")
        params.append(day.isoformat())
    if expiring_within is not None:
        clauses.append("r.ends IS NOT NULL AND r.ends <= ?")
        params.append((day + timedelta(days=expiring_within)).isoformat())
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    rows = database.execute_sql(_VIEW_SQL + where + " ORDER BY r.id", params).fetchall()
    return [_view(row) for row in rows]


def restrictions_of(work_id: int, today: date | None = None) -> list[RestrictionView]:
    """The restrictions of one work (on it or on a copy of it) not lifted, by id."""
    day = (today or clock.today()).isoformat()
    rows = database.execute_sql(
        _VIEW_SQL + " WHERE r.work_id = ? AND r.lifted_at IS NULL "
        "AND (r.ends IS NULL OR r.ends > ?) ORDER BY r.id",
        (work_id, day),
    ).fetchall()
    return [_view(row) for row in rows]
