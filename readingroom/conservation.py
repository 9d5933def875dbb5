"""Conservation: a worn copy out of circulation until it is mended.

A copy returned at a worse grade than it went out with may be sent to conservation: at the
return itself (``return --conservation``, :func:`readingroom.circulation.return_copy`) or
just after (the window's offer, :func:`send`). A copy at conservation is out of circulation
(its status ``damaged``, the one that takes a copy off the shelf for its state, and the
decision says "at conservation", :func:`readingroom.decision.withheld_reasons`) until
:func:`release` records the grade it came back in and what was done; then it goes back on
the shelf (or is set aside for the next in line). Each step is one audited write whose
entry carries the conservation row's after-image (migration 0019).

Each send and release is also a move in the custody ledger (desk to conservation,
conservation back to the shelf), written with its audit entry (:mod:`readingroom.custody`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from readingroom import audit, clock, custody
from readingroom.catalogue import check_choice, clean_text, get_copy
from readingroom.errors import BadInput
from readingroom.messages import said
from readingroom.staff import Actor, require_desk
from readingroom.store.db import database, write_transaction
from readingroom.store.models import ConditionEntry, Copy, Hold, Loan, StaffUser
from readingroom.store.restriction_models import Conservation
from readingroom.vocabulary import CONDITIONS, CopyStatus, HoldStatus, shelf_status
from readingroom.waiting_list import set_aside_if_waiting

#: the longest note of a conservation step
NOTE_MAX = 500


def worse(grade: str, than: str) -> bool:
    """Whether condition ``grade`` is worse than ``than`` (grades best first)."""
    grades = [str(c) for c in CONDITIONS]
    return grades.index(grade) > grades.index(than)


@dataclass(frozen=True)
class AtConservation:
    """A copy's stay at conservation (``released_at`` None: still there)."""

    id: int
    barcode: str
    title: str
    volume: int
    sent_condition: str
    sent_at: datetime
    sent_by: str
    note: str = ""
    released_at: datetime | None = None
    released_by: str | None = None
    released_condition: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "barcode": self.barcode,
            "title": self.title,
            "volume": self.volume,
            "sent_condition": self.sent_condition,
            "sent_at": self.sent_at.isoformat(sep=" "),
            "sent_by": self.sent_by,
            "note": self.note,
            "released_at": self.released_at.isoformat(sep=" ") if self.released_at else None,
            "released_by": self.released_by,
            "released_condition": self.released_condition,
        }


@dataclass(frozen=True)
class Sent:
    conservation: AtConservation
    audit_seq: int


@dataclass(frozen=True)
class Released:
    conservation: AtConservation
    copy_status: CopyStatus
    audit_seq: int


def _note(note: object) -> str:
    text = " ".join(clean_text(note or "", "note").split())
    if len(text) > NOTE_MAX:
        raise BadInput(
            said(
                "The note is {length} characters long: at most {limit}.",
                length=len(text),
                limit=NOTE_MAX,
            )
        )
    return text


_VIEW_SQL = """
    SELECT k.id, c.barcode, w.title, c.volume, k.sent_condition, k.sent_at, k.sent_by, k.note,
           k.released_at, k.released_by, k.released_condition
    FROM conservation k JOIN copy c ON c.id = k.copy_id JOIN work w ON w.id = c.work_id"""


def _view(row: tuple[Any, ...]) -> AtConservation:
    def moment(value: Any) -> datetime | None:
        return datetime.fromisoformat(str(value)) if value else None

    sent_at = moment(row[5])
    assert sent_at is not None, row
    return AtConservation(
        row[0], row[1], row[2], row[3], row[4], sent_at, row[6], row[7],
        moment(row[8]), row[9], row[10],
    )  # fmt: skip


def _get(conservation_id: int) -> AtConservation:
    return _view(database.execute_sql(_VIEW_SQL + " WHERE k.id = ?", (conservation_id,)).fetchone())


def open_stay(copy_id: int) -> Conservation | None:
    stay: Conservation | None = Conservation.get_or_none(
        (Conservation.copy == copy_id) & Conservation.released_at.is_null()
    )
    return stay


def at_conservation() -> list[AtConservation]:
    """Every copy at conservation now, the longest there first."""
    rows = database.execute_sql(
        _VIEW_SQL + " WHERE k.released_at IS NULL ORDER BY k.sent_at, k.id"
    ).fetchall()
    return [_view(row) for row in rows]


def send_inside(
    actor: StaffUser,
    copy: Copy,
    *,
    loan: Loan | None = None,
    note: str = "",
    at: datetime | None = None,
) -> tuple[AtConservation, int]:
    """Send ``copy`` to conservation inside the caller's write (a return's, or :func:`send`'s):
    the row, the copy out of circulation and the audit entry."""
    if open_stay(copy.id) is not None:
        raise BadInput(said("{barcode} is at conservation already.", barcode=copy.barcode))
    if copy.status in (CopyStatus.ON_LOAN,):
        raise BadInput(said("{barcode} is on loan: take it back first.", barcode=copy.barcode))
    row = Conservation.create(
        copy=copy.id,
        sent_condition=copy.condition,
        loan=loan.id if loan is not None else None,
        sent_at=at or clock.now(),  # a back-dated return's own moment
        sent_by=actor.username,
        note=note,
    )
    _release_set_aside(copy)
    Copy.update(status=CopyStatus.DAMAGED).where(Copy.id == copy.id).execute()
    copy.status = CopyStatus.DAMAGED
    custody.record_move(actor, copy.id, custody.TO_CONSERVATION, custody.DESK, custody.CONSERVATION)
    entry = audit.record(
        actor,
        "conservation-send",
        "conservation",
        row.id,
        {"barcode": copy.barcode, "condition": copy.condition, "note": note},
    )
    return _get(row.id), entry.id


def _release_set_aside(copy: Copy) -> None:
    """A copy set aside for a hold that goes to conservation: the hold waits again."""
    Hold.update(status=HoldStatus.WAITING, copy=None, ready_on=None).where(
        (Hold.copy == copy.id) & (Hold.status == HoldStatus.READY)
    ).execute()


def send(actor: Actor | None, barcode: str, *, note: str = "") -> Sent:
    """Send a copy that is back at the desk (not on loan) to conservation, audited."""
    actor = require_desk(actor)
    text = _note(note)
    with write_transaction():
        copy = get_copy(barcode)
        last = Loan.select().where(Loan.copy == copy.id).order_by(Loan.id.desc()).first()
        stay, seq = send_inside(actor, copy, loan=last, note=text)
    return Sent(stay, seq)


def release(actor: Actor | None, barcode: str, *, condition: str, note: str = "") -> Released:
    """A copy back from conservation in ``condition`` (what was done in ``note``): back on
    the shelf (set aside for the next in line if one waits; still out if damaged), audited
    with a condition entry."""
    actor = require_desk(actor)
    check_choice(condition, CONDITIONS, "condition grade")
    text = _note(note)
    with write_transaction():
        copy = get_copy(barcode)
        stay = open_stay(copy.id)
        if stay is None:
            raise BadInput(said("{barcode} is not at conservation.", barcode=copy.barcode))
        at = clock.now()
        Conservation.update(
            released_at=at, released_by=actor.username, released_condition=condition,
            note=" / ".join(filter(None, [stay.note, text])),
        ).where(Conservation.id == stay.id).execute()  # fmt: skip
        ConditionEntry.create(copy=copy, grade=condition, recorded_at=at, staff=actor, note=text)
        status = shelf_status(condition)
        Copy.update(condition=condition, status=status).where(Copy.id == copy.id).execute()
        copy.status, copy.condition = status, condition
        back_to = custody.SHELF if status == CopyStatus.AVAILABLE else custody.DAMAGED
        custody.record_move(
            actor, copy.id, custody.FROM_CONSERVATION, custody.CONSERVATION, back_to
        )
        entry = audit.record(
            actor,
            "conservation-release",
            "conservation",
            stay.id,
            {"barcode": copy.barcode, "condition": condition, "note": text},
        )
        hold = (
            set_aside_if_waiting(actor, copy, clock.today())
            if status == CopyStatus.AVAILABLE
            else None
        )
        final = CopyStatus.HELD if hold is not None else status
        view = _get(stay.id)
    return Released(view, final, entry.id)
