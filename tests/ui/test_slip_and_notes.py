"""The desk's slip and borrower notes in the window, typed into the real widgets: a note
written in the borrower dialog shows at the desk when the card is scanned; a lend or a
return at the desk offers its slip as the setting says (ask, always, never) and the print
preview shows it; a supervisor changes the setting on the Reports page."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox

from readingroom import borrower_notes, settings
from readingroom.queries.forms import borrower_form
from readingroom.store.db import close_database
from readingroom.store.models import AuditEntry, Loan
from tests.ui.pages_support import actor, demo_database, session_for, settled, show_page
from tests.ui.shell_support import borrower, desk_of, lendable_copy, wait_for_desk
from ui import slip_printing
from ui.dialogs.borrower_dialog import BorrowerDialog
from ui.dialogs.slip_dialog import SlipDialog
from ui.pages.reports import ReportsPage


def scan(qtbot, page, code: str) -> None:
    """What a keyboard-wedge scanner does: type the code, then Enter."""
    qtbot.keyClicks(page.scan_edit, code)
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Return)
    wait_for_desk(qtbot, page)


def set_slips(mode: str) -> None:
    settings.set_slip_mode(actor("supervisor"), mode)


@pytest.fixture
def outcomes() -> list[str]:
    return []


def lend_one(qtbot, page, outcomes: list[str], monkeypatch) -> tuple[str, str]:
    """Scan a writer and a lendable copy, press Enter; the slip's outcome is recorded."""
    original = slip_printing.offer_slip

    def offer(parent, results, done=None):
        return original(parent, results, outcomes.append)

    monkeypatch.setattr("ui.pages.desk.offer_slip", offer)
    writer, copy = borrower("writer"), lendable_copy()
    scan(qtbot, page, writer.member_no)
    scan(qtbot, page, copy.barcode)
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Return)
    wait_for_desk(qtbot, page)
    return writer.member_no, copy.barcode


# -- borrower notes ----------------------------------------------------------------------


def test_a_note_written_in_the_borrower_dialog_shows_at_the_desk_scan(qtbot, window):
    page = desk_of(window)
    writer = borrower("writer")
    dialog = BorrowerDialog(page.session, borrower_form(writer.member_no), parent=page)
    qtbot.addWidget(dialog)
    dialog.show()
    settled()
    notes = dialog.notes
    assert notes is not None and notes.notes == []
    assert not notes.add_button.isEnabled()
    qtbot.keyClicks(notes.edit, "asked to return vol. 2 by phone on 12-01")
    qtbot.keyClick(notes.edit, Qt.Key.Key_Return)  # adds the note; does not save the dialog
    settled()
    assert dialog.isVisible() and dialog.result() == 0
    assert [n.text for n in notes.notes] == ["asked to return vol. 2 by phone on 12-01"]
    assert notes.edit.text() == ""
    assert notes.notes[0].author_username == "librarian"
    assert notes.notes[0].author in notes.list.item(0).text()
    assert AuditEntry.select().order_by(AuditEntry.id.desc()).first().action == "borrower-note"
    dialog.reject()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # the desk's Esc is the window's shortcut

    desk_notes = page.borrower_panel.notes
    assert desk_notes.isHidden()
    scan(qtbot, page, writer.member_no)
    settled()
    assert desk_notes.isVisible()
    assert "asked to return vol. 2 by phone on 12-01" in desk_notes.text.text()
    assert desk_notes.heading.text() == "Notes on this member (1)"
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Escape)  # the next person: no notes shown
    settled()
    assert desk_notes.isHidden()


def test_resolving_a_note_and_a_member_without_notes(qtbot, window):
    page = desk_of(window)
    writer, other = borrower("writer"), borrower("writer", clean=False)
    borrower_notes.add_note(actor("librarian"), writer.member_no, "card is worn: issue a new one")
    dialog = BorrowerDialog(page.session, borrower_form(writer.member_no), parent=page)
    qtbot.addWidget(dialog)
    dialog.show()
    settled()
    notes = dialog.notes
    assert notes is not None
    notes.list.setCurrentRow(0)
    qtbot.mouseClick(notes.resolve_button, Qt.MouseButton.LeftButton)
    settled()
    assert borrower_notes.notes_of(writer.member_no) == []
    assert notes.list.item(0).text() == "No notes."
    dialog.reject()
    scan(qtbot, page, writer.member_no)
    settled()
    assert page.borrower_panel.notes.isHidden()
    if other.member_no != writer.member_no:
        scan(qtbot, page, other.member_no)
        settled()
        assert page.borrower_panel.notes.isHidden()


def test_the_inspector_reads_notes_but_writes_none(qtbot, tmp_path):
    db = demo_database(tmp_path)
    try:
        member = borrower("writer")
        borrower_notes.add_note(actor("librarian"), member.member_no, "phoned about vol. 2")
        from ui.widgets.borrower_notes import NotesPanel

        panel = NotesPanel(session_for(db, actor("inspector")), member.member_no)
        qtbot.addWidget(panel)
        settled()
        assert [n.text for n in panel.notes] == ["phoned about vol. 2"]
        assert not panel.edit.isEnabled() and not panel.add_button.isEnabled()
    finally:
        close_database()


# -- the slip --------------------------------------------------------------------------------


def test_ask_then_print_opens_the_slips_print_preview(qtbot, window, outcomes, monkeypatch):
    page = desk_of(window)
    assert settings.slip_mode() == "ask"
    member_no, barcode = lend_one(qtbot, page, outcomes, monkeypatch)
    settled()
    box = slip_printing._asking[id(window)]
    assert member_no in box.text() and box.isVisible()
    assert page.scan_edit.hasFocus()  # the question does not take the scanner's focus
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    settled()
    assert outcomes == [slip_printing.PREVIEWED]
    dialog = next(d for d in window.findChildren(SlipDialog) if d.isVisible())
    assert dialog.preview.page_count == 1
    assert member_no in dialog.preview.title.text()
    text = " ".join(PdfReader(dialog.path).pages[0].extract_text().split())
    loan = Loan.select().order_by(Loan.id.desc()).first()
    entry = AuditEntry.select().where(AuditEntry.action == "lend").order_by(AuditEntry.id.desc())
    assert barcode in text and f"due {loan.due.isoformat()}" in text
    assert f"#{entry.first().id}" in text
    path = dialog.path
    dialog.close()
    assert not path.exists()  # the scratch file goes with the dialog


def test_ask_then_no_and_the_next_question_replaces_the_last(qtbot, window, outcomes, monkeypatch):
    page = desk_of(window)
    lend_one(qtbot, page, outcomes, monkeypatch)
    settled()
    box = slip_printing._asking[id(window)]
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    settled()
    assert outcomes == [slip_printing.DECLINED]
    assert not [d for d in window.findChildren(SlipDialog) if d.isVisible()]


def test_always_prints_on_the_default_printer(qtbot, window, outcomes, monkeypatch, tmp_path):
    set_slips("always")
    printed = tmp_path / "printed.pdf"

    def pdf_printer() -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return printer

    monkeypatch.setattr(slip_printing, "default_printer", pdf_printer)
    page = desk_of(window)
    lend_one(qtbot, page, outcomes, monkeypatch)
    settled()
    assert outcomes == [slip_printing.PRINTED]
    assert printed.stat().st_size > 0 and len(PdfReader(printed).pages) == 1


def test_always_without_a_printer_previews(qtbot, window, outcomes, monkeypatch):
    set_slips("always")
    monkeypatch.setattr(slip_printing, "default_printer", lambda: None)
    page = desk_of(window)
    lend_one(qtbot, page, outcomes, monkeypatch)
    settled()
    assert outcomes == [slip_printing.PREVIEWED]
    dialog = next(d for d in window.findChildren(SlipDialog) if d.isVisible())
    saved_to = dialog.path.parent / "kept.pdf"
    monkeypatch.setattr(
        "ui.widgets.folder_ask.ask_save_file", lambda *_args, **_kwargs: Path(saved_to)
    )
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved_to.is_file() and dialog.message.kind == "success"
    dialog.close()
    saved_to.unlink()


def test_a_slip_the_system_refuses_to_save_says_why_in_the_norths_korean(
    qapp, qtbot, window, outcomes, monkeypatch
):
    """Saving the slip into a folder that is not there: the system's refusal in 조선어
    (never its English "No such file or directory"), and nothing saved."""
    from ui import i18n

    set_slips("always")
    monkeypatch.setattr(slip_printing, "default_printer", lambda: None)
    page = desk_of(window)
    lend_one(qtbot, page, outcomes, monkeypatch)
    settled()
    dialog = next(d for d in window.findChildren(SlipDialog) if d.isVisible())
    nowhere = dialog.path.parent / "no-such-folder" / "kept.pdf"
    monkeypatch.setattr("ui.widgets.folder_ask.ask_save_file", lambda *_a, **_k: nowhere)
    i18n.install_translator(qapp, "ko_KP")
    try:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        shown = dialog.message.text()
    finally:
        i18n.remove_translators(qapp)
    dialog.close()
    assert dialog.message.kind == "error" and not nowhere.exists()
    assert "그런 화일이나 등록부가 없습니다" in shown and "No such" not in shown, shown


def test_never_offers_nothing(qtbot, window, outcomes, monkeypatch):
    set_slips("never")
    page = desk_of(window)
    lend_one(qtbot, page, outcomes, monkeypatch)
    settled()
    assert outcomes == [slip_printing.NONE]
    assert slip_printing._asking.get(id(window)) is None


def test_a_supervisor_sets_slips_on_the_reports_page(qtbot, tmp_path):
    db = demo_database(tmp_path)
    try:
        page = show_page(qtbot, ReportsPage(session_for(db, actor("supervisor"))))
        settled()
        from ui.widgets.slip_setting import SlipSettingBox

        (slips,) = page.findChildren(SlipSettingBox)
        assert slips.combo.currentData() == "ask" and slips.combo.isEnabled()
        slips.combo.setFocus()
        qtbot.keyClick(slips.combo, Qt.Key.Key_Up)  # Ask -> Print always
        settled()
        assert settings.slip_mode() == "always"
        assert AuditEntry.select().order_by(AuditEntry.id.desc()).first().action == (
            "setting-change"
        )
    finally:
        close_database()


def test_a_librarian_sees_the_slip_setting_but_cannot_change_it(qtbot, tmp_path):
    db = demo_database(tmp_path)
    try:
        from ui.widgets.slip_setting import SlipSettingBox

        page = show_page(qtbot, ReportsPage(session_for(db, actor("librarian"))))
        settled()
        (slips,) = page.findChildren(SlipSettingBox)
        assert not slips.combo.isEnabled() and slips.note.isVisible()
    finally:
        close_database()


def test_the_slips_question_and_preview_close_when_the_window_locks(
    qtbot, window, outcomes, monkeypatch
):
    """They name the member: a locked window, or the writers' screen, shows neither."""
    page = desk_of(window)
    member_no, _ = lend_one(qtbot, page, outcomes, monkeypatch)
    settled()
    box = slip_printing._asking[id(window)]
    assert box.isVisible()
    window.lock()
    qtbot.waitUntil(lambda: slip_printing._asking.get(id(window)) is None)
    assert outcomes == [slip_printing.DECLINED]


def test_the_slips_preview_closes_when_the_window_locks(qtbot, window, outcomes, monkeypatch):
    set_slips("always")
    monkeypatch.setattr(slip_printing, "default_printer", lambda: None)
    page = desk_of(window)
    lend_one(qtbot, page, outcomes, monkeypatch)
    settled()
    (dialog,) = [d for d in window.findChildren(SlipDialog) if d.isVisible()]
    path = dialog.path
    window.lock()
    qtbot.waitUntil(lambda: not path.exists())
    assert not [d for d in window.findChildren(SlipDialog) if d.isVisible()]
