"""Borrower notes: written, listed and resolved through the service, each audited with the
note's after-image, so the trail verifies and the notes' history survives."""

from __future__ import annotations

import json

import pytest

from readingroom import audit, borrower_notes
from readingroom.errors import BadInput, NotFound, NotPermitted
from readingroom.store.models import AuditEntry


@pytest.fixture
def member(db, make_borrower):
    return make_borrower("W-1001", name="김수영")


def test_a_note_is_written_with_author_and_time_and_audited(member, librarian):
    added = borrower_notes.add_note(librarian, "w-1001", "  asked to return vol. 2\nby phone ")
    note = added.note
    assert (note.member_no, note.text) == ("W-1001", "asked to return vol. 2 by phone")
    assert (note.author, note.author_username) == ("Desk Librarian", "lib")
    assert note.is_open and note.written_at is not None
    entry = AuditEntry.get_by_id(added.audit_seq)
    assert (entry.action, entry.entity, entry.entity_id) == (
        "borrower-note",
        "borrower_note",
        str(note.id),
    )
    details = json.loads(entry.details)
    assert "borrower_note" in details["after"]  # the note's after-image is in its entry
    assert details["member_no"] == "W-1001"
    verification = audit.verify()
    assert verification.ok, verification


def test_open_notes_newest_first_and_resolved_ones_kept(member, librarian, supervisor):
    first = borrower_notes.add_note(librarian, "W-1001", "first").note
    second = borrower_notes.add_note(supervisor, "W-1001", "second").note
    assert [n.id for n in borrower_notes.notes_of("W-1001")] == [second.id, first.id]
    resolved = borrower_notes.resolve_note(supervisor, first.id)
    assert resolved.note.resolved_by == "Chief Supervisor" and not resolved.note.is_open
    assert AuditEntry.get_by_id(resolved.audit_seq).action == "borrower-note-resolved"
    assert [n.id for n in borrower_notes.notes_of("W-1001")] == [second.id]
    every = borrower_notes.notes_of("W-1001", resolved=True)
    assert [n.id for n in every] == [second.id, first.id]
    assert every[1].author == "Desk Librarian"
    with pytest.raises(BadInput, match="resolved already"):
        borrower_notes.resolve_note(librarian, first.id)
    assert audit.verify().ok


def test_what_is_refused(member, librarian, inspector):
    for text in ("", "   \n ", "x" * (borrower_notes.NOTE_MAX + 1), "bell\x07"):
        with pytest.raises(BadInput):
            borrower_notes.add_note(librarian, "W-1001", text)
    with pytest.raises(NotPermitted):
        borrower_notes.add_note(inspector, "W-1001", "an inspector writes nothing")
    with pytest.raises(NotPermitted):
        borrower_notes.add_note(None, "W-1001", "nobody signed in")
    with pytest.raises(NotFound):
        borrower_notes.add_note(librarian, "W-9999", "no such member")
    with pytest.raises(NotFound):
        borrower_notes.resolve_note(librarian, 4242)
    assert borrower_notes.notes_of("W-1001") == []


def test_a_note_changed_behind_the_programs_back_is_not_in_the_trail(member, librarian, db):
    """The triggers of migration 0016 put an edit with sqlite3 into audit_pending: the next
    write records it as an outside change, as for every tracked table."""
    added = borrower_notes.add_note(librarian, "W-1001", "asked to return vol. 2")
    database = AuditEntry._meta.database
    database.execute_sql("UPDATE borrower_note SET text = 'nothing' WHERE id = ?", (added.note.id,))
    pending = database.execute_sql("SELECT tbl, row_id FROM audit_pending").fetchall()
    assert pending == [("borrower_note", added.note.id)]
    database.execute_sql("DELETE FROM audit_pending")


def test_the_notes_are_replayed_against_the_trail(member, librarian):
    """The images migration 0016's triggers write are those the replay renders: the notes
    agree with the trail, and a note edited with sqlite3 is named."""
    from readingroom import replay

    added = borrower_notes.add_note(librarian, "W-1001", "asked to return vol. 2")
    borrower_notes.resolve_note(librarian, added.note.id)
    borrower_notes.add_note(librarian, "W-1001", "second")
    database = AuditEntry._meta.database
    assert replay.compare(database) == ([], 0)
    database.execute_sql("UPDATE borrower_note SET text = 'nothing' WHERE id = ?", (added.note.id,))
    database.execute_sql("DELETE FROM audit_pending")
    lines, count = replay.compare(database)
    assert count == 1 and "text" in lines[0] and "borrower note" in lines[0], lines
