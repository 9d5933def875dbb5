"""Borrower notes: what staff must see at every scan of a member's card.

A note ("asked to return vol. 2 by phone on 12-01") belongs to one borrower, has an author
and a time, and stays open until someone at the desk resolves it; it is never deleted, so a
resolved note stays in the borrower's history. Adding and resolving are each one audited
write (``borrower-note``, ``borrower-note-resolved``) whose entry carries the note's
after-image (migration 0016's triggers), so ``audit verify`` stays clean and, once the
replay tracks ``borrower_note``, a note edited behind the program's back is named.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime

from readingroom import audit, clock
from readingroom.borrowers import get_borrower
from readingroom.catalogue import clean_text
from readingroom.errors import BadInput, NotFound
from readingroom.messages import Text, said
from readingroom.staff import Actor, require_desk
from readingroom.store.db import write_transaction
from readingroom.store.models import Borrower, StaffUser
from readingroom.store.note_models import BorrowerNote

#: the longest note: a line or two the desk shows in full
NOTE_MAX = 500


@dataclass(frozen=True)
class Note:
    """A borrower note as the front doors show it (``author`` is the staff's display name,
    ``author_username`` their user name)."""

    id: int
    member_no: str
    text: str
    author: str
    author_username: str
    written_at: datetime
    resolved_at: datetime | None = None
    resolved_by: str | None = None

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


@dataclass(frozen=True)
class NoteAdded:
    """What adding a note did: the note as written and the sequence of its audit entry."""

    note: Note
    audit_seq: int


@dataclass(frozen=True)
class NoteResolved:
    """What resolving a note did: the note as it is now and the sequence of its entry."""

    note: Note
    audit_seq: int


def check_note_text(text: object) -> str:
    """The note as stored (spaces at either end trimmed, line breaks kept as spaces), or
    BadInput saying why not: empty, longer than :data:`NOTE_MAX`, or with control characters."""
    cleaned = clean_text(text, "note")
    cleaned = " ".join(cleaned.replace("\r", "\n").split())
    if not cleaned:
        raise BadInput(
            said("The note is empty: write what the desk should know about this member.")
        )
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in cleaned):
        raise BadInput(
            said("The note has a control character or an invisible mark: write plain text.")
        )
    if len(cleaned) > NOTE_MAX:
        raise BadInput(note_too_long(len(cleaned)))
    return cleaned


def note_too_long(length: int) -> Text:
    """The refusal of a note of ``length`` characters, longer than :data:`NOTE_MAX`."""
    return said(
        "The note is {length} characters long: at most {limit}.", length=length, limit=NOTE_MAX
    )


def _note(row: BorrowerNote, member_no: str, names: dict[str, str]) -> Note:
    return Note(
        id=row.id,
        member_no=member_no,
        text=row.text,
        author=names.get(row.author, row.author),
        author_username=row.author,
        written_at=row.written_at,
        resolved_at=row.resolved_at,
        resolved_by=(names.get(row.resolved_by, row.resolved_by) if row.resolved_by else None),
    )


def _names(usernames: set[str]) -> dict[str, str]:
    query = StaffUser.select(StaffUser.username, StaffUser.full_name)
    return {s.username: s.display_name for s in query.where(StaffUser.username.in_(usernames))}


def add_note(actor: Actor | None, member_no: str, text: str) -> NoteAdded:
    """Write a note on ``member_no``'s card (librarians and supervisors), audited."""
    actor = require_desk(actor)
    cleaned = check_note_text(text)
    with write_transaction():
        borrower = get_borrower(member_no)
        row = BorrowerNote.create(
            borrower=borrower, text=cleaned, author=actor.username, written_at=clock.now()
        )
        entry = audit.record(
            actor,
            "borrower-note",
            "borrower_note",
            row.id,
            {"member_no": borrower.member_no, "text": cleaned},
        )
    return NoteAdded(_note(row, borrower.member_no, {actor.username: actor.display_name}), entry.id)


def resolve_note(actor: Actor | None, note_id: int) -> NoteResolved:
    """Mark a note as no longer applying (it stays in the history), audited; BadInput when
    it is resolved already, NotFound when there is no such note."""
    actor = require_desk(actor)
    with write_transaction():
        row = BorrowerNote.get_or_none(BorrowerNote.id == note_id)
        if row is None:
            raise NotFound(said("No borrower note {note}.", note=note_id))
        if row.resolved_at is not None:
            raise BadInput(
                said(
                    "Note {note} was resolved already ({day}).",
                    note=note_id,
                    day=f"{row.resolved_at:%Y-%m-%d}",
                )
            )
        member_no = Borrower.get_by_id(row.borrower_id).member_no
        row.resolved_at, row.resolved_by = clock.now(), actor.username
        BorrowerNote.update(resolved_at=row.resolved_at, resolved_by=row.resolved_by).where(
            BorrowerNote.id == row.id
        ).execute()
        entry = audit.record(
            actor,
            "borrower-note-resolved",
            "borrower_note",
            row.id,
            {"member_no": member_no, "text": row.text},
        )
        names = _names({row.author, actor.username})
    return NoteResolved(_note(row, member_no, names), entry.id)


def notes_of(member_no: str, *, resolved: bool = False) -> list[Note]:
    """The borrower's open notes, newest first (with ``resolved``, every note they have)."""
    borrower = get_borrower(member_no)
    query = BorrowerNote.select().where(BorrowerNote.borrower == borrower.id)
    if not resolved:
        query = query.where(BorrowerNote.resolved_at.is_null())
    rows = list(query.order_by(BorrowerNote.written_at.desc(), BorrowerNote.id.desc()))
    usernames = {r.author for r in rows} | {r.resolved_by for r in rows if r.resolved_by}
    names = _names(usernames)
    return [_note(row, borrower.member_no, names) for row in rows]


def find_note(note_id: int) -> Note:
    """One note by its number (NotFound when there is none)."""
    row = BorrowerNote.get_or_none(BorrowerNote.id == note_id)
    if row is None:
        raise NotFound(said("No borrower note {note}.", note=note_id))
    member_no = Borrower.get_by_id(row.borrower_id).member_no
    names = _names({row.author} | ({row.resolved_by} if row.resolved_by else set()))
    return _note(row, member_no, names)
