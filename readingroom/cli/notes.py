"""Borrower notes on the command line: ``borrower note``, ``borrower notes`` and
``borrower resolve-note`` (registered under ``borrower`` by :mod:`readingroom.cli.circulation`).
"""

from __future__ import annotations

import argparse
from typing import Any

from readingroom import borrower_notes
from readingroom.borrower_notes import Note
from readingroom.borrowers import get_borrower
from readingroom.cli.context import Context
from readingroom.cli.parsers import Subparsers
from readingroom.messages import Count, Param, Text, said


def register_notes(borrower_sub: Subparsers, common: argparse.ArgumentParser) -> None:
    q = borrower_sub.add_parser(
        "note",
        parents=[common],
        help="write a note staff see at every scan of the member's card (audited)",
    )
    q.add_argument("member_no")
    q.add_argument("text", metavar="TEXT")
    q.set_defaults(func=cmd_note)

    q = borrower_sub.add_parser(
        "notes", parents=[common], help="a member's open notes, newest first"
    )
    q.add_argument("member_no")
    q.add_argument("--all", action="store_true", help="resolved notes too")
    q.set_defaults(func=cmd_notes)

    q = borrower_sub.add_parser(
        "resolve-note",
        parents=[common],
        help="mark note N as no longer applying (it stays in the history; audited)",
    )
    q.add_argument("note_id", type=int, metavar="N")
    q.set_defaults(func=cmd_resolve_note)


def note_record(note: Note) -> dict[str, Any]:
    return {
        "id": note.id,
        "member_no": note.member_no,
        "text": note.text,
        "author": note.author,
        "written_at": note.written_at.isoformat(timespec="minutes"),
        "resolved_at": (
            note.resolved_at.isoformat(timespec="minutes") if note.resolved_at else None
        ),
        "resolved_by": note.resolved_by,
    }


def note_line(note: Note) -> Text:
    params: dict[str, Param] = {
        "note": note.id,
        "at": f"{note.written_at:%Y-%m-%d %H:%M}",
        "author": note.author,
        "text": note.text,
    }
    if note.resolved_at is not None:
        return said(
            "  {note}. {at} {author}: {text}  (resolved {day} by {user})",
            day=f"{note.resolved_at:%Y-%m-%d}",
            user=str(note.resolved_by),
            **params,
        )
    return said("  {note}. {at} {author}: {text}", **params)


def cmd_note(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    added = borrower_notes.add_note(ctx.actor, args.member_no, args.text)
    record = note_record(added.note) | {"audit_seq": added.audit_seq}
    head = said("Note {note} on {member}:", note=added.note.id, member=added.note.member_no)
    ctx.emit(record, [head, note_line(added.note)])
    return 0


def cmd_notes(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open_signed_in()
    notes = borrower_notes.notes_of(args.member_no, resolved=args.all)
    member_no = notes[0].member_no if notes else get_borrower(args.member_no).member_no
    ctx.emit(
        {"member_no": member_no, "notes": [note_record(n) for n in notes]},
        [_notes_head(member_no, len(notes), every=args.all), *(note_line(n) for n in notes)],
    )
    return 0


def _notes_head(member_no: str, count: int, *, every: bool) -> Text:
    """``W-1001: 2 notes open:``, the line above a member's notes (each form a sentence)."""
    notes = Count(count, "note")
    if every:
        if count:
            return said("{member}: {notes}:", member=member_no, notes=notes)
        return said("{member}: {notes}.", member=member_no, notes=notes)
    if count:
        return said("{member}: {notes} open:", member=member_no, notes=notes)
    return said("{member}: {notes} open.", member=member_no, notes=notes)


def cmd_resolve_note(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open()
    resolved = borrower_notes.resolve_note(ctx.actor, args.note_id)
    ctx.emit(
        note_record(resolved.note) | {"audit_seq": resolved.audit_seq},
        [
            said(
                "Resolved note {note} on {member}:",
                note=resolved.note.id,
                member=resolved.note.member_no,
            ),
            note_line(resolved.note),
        ],
    )
    return 0
