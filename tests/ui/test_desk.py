"""The Desk, driven through its real widgets as a barcode scanner and a librarian would."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from readingroom import circulation, clock, holds, inspection, staff
from readingroom.store.models import AuditEntry, Borrower, ConditionEntry, Copy, Loan
from tests.ui.shell_support import (
    active_loan,
    borrower,
    desk_of,
    lendable_copy,
    password_of,
    wait_for_desk,
)
from ui.pages import desk as desk_module
from ui.pages.desk import RENEW, RETURN, DeskPage, OverrideDialog


def scan(qtbot, page, code: str) -> None:
    """What a keyboard-wedge scanner does: type the code, then Enter."""
    qtbot.keyClicks(page.scan_edit, code)
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Return)
    wait_for_desk(qtbot, page)


def press_enter(qtbot, page) -> None:
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Return)
    wait_for_desk(qtbot, page)


def active_loan_of(barcode: str) -> Loan | None:
    return (
        Loan.select()
        .join(Copy)
        .where((Copy.barcode == barcode) & Loan.returned_at.is_null())
        .first()
    )


@pytest.mark.both_databases
def test_a_writer_borrows_a_lendable_copy_with_the_scanner(qtbot, window):
    page = desk_of(window)
    writer, copy = borrower("writer"), lendable_copy()
    scan(qtbot, page, writer.member_no)
    assert page.borrower_panel.name.text() == writer.name
    scan(qtbot, page, copy.barcode)
    assert page.banner.tone == "allowed"
    assert page.banner.headline.text().startswith("May be lent: due")
    assert active_loan_of(copy.barcode) is None  # nothing happens before Enter
    press_enter(qtbot, page)
    loan = active_loan_of(copy.barcode)
    assert loan is not None and loan.borrower_id == writer.id
    assert loan.staff.username == "librarian"
    assert page.banner.headline.text() == f"Lent to {writer.name}: due {loan.due.isoformat()}"
    assert copy.barcode in page.history.item(0).text()
    assert page.borrower_panel.loans.rowCount() == 1
    assert window.statusBar().currentMessage().startswith(f"Lent {copy.barcode}")
    assert page.scan_edit.text() == ""


@pytest.mark.both_databases
def test_a_civilian_is_refused_with_the_reason_and_no_override(qtbot, window):
    page = desk_of(window)
    civilian, copy = borrower("civilian", clean=False), lendable_copy()
    scan(qtbot, page, civilian.member_no)
    scan(qtbot, page, copy.barcode)
    assert page.banner.tone == "refused"
    assert page.banner.headline.text() == "Refused"
    body = page.banner.body.text()
    assert "A civilian may never borrow this." in body and "ROLE_NOT_PERMITTED" in body
    assert "no override" in body
    assert page.override_button.isHidden()
    assert not page.action_button.isEnabled()
    press_enter(qtbot, page)
    assert active_loan_of(copy.barcode) is None
    assert "cannot be overridden" in page.hint.text()


def fill_override(
    dialog: OverrideDialog, qtbot, *, user: str = "", password: str = "", reason: str = ""
) -> None:
    for edit in (dialog.user_edit, dialog.password_edit, dialog.reason_edit):
        edit.clear()
    if user:
        qtbot.keyClicks(dialog.user_edit, user)
        qtbot.keyClicks(dialog.password_edit, password)
    qtbot.keyClicks(dialog.reason_edit, reason)
    qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy)  # the sign-in is checked in a pool thread


@pytest.mark.both_databases
def test_a_cadre_is_refused_then_a_supervisor_approves_on_the_spot(qtbot, window, monkeypatch):
    page = desk_of(window)
    cadre, copy = borrower("cadre"), lendable_copy()
    scan(qtbot, page, cadre.member_no)
    scan(qtbot, page, copy.barcode)
    assert page.banner.tone == "refused"
    assert "APPROVAL_REQUIRED" in page.banner.body.text()
    assert page.override_button.isVisible() and not page.action_button.isEnabled()
    press_enter(qtbot, page)
    assert active_loan_of(copy.barcode) is None
    shown = []

    def supervisor_signs_in(parent, session, refusal):
        dialog = OverrideDialog(session, refusal, parent)
        qtbot.addWidget(dialog)
        dialog.show()
        shown.append(dialog.user_edit.isVisible())
        fill_override(
            dialog,
            qtbot,
            user="supervisor",
            password=password_of("supervisor"),
            reason="Union seminar on Japanese crime fiction",
        )
        return dialog.approver, dialog.reason

    monkeypatch.setattr(desk_module, "ask_override", supervisor_signs_in)
    qtbot.mouseClick(page.override_button, Qt.MouseButton.LeftButton)
    wait_for_desk(qtbot, page)
    loan = active_loan_of(copy.barcode)
    assert shown == [True]  # a librarian is signed in: the dialog asks for a supervisor
    assert loan.override_by.username == "supervisor"
    assert loan.override_reason == "Union seminar on Japanese crime fiction"
    assert loan.overridden_codes == "APPROVAL_REQUIRED"
    entry = (
        AuditEntry.select()
        .where(AuditEntry.action == "lend-override")
        .order_by(AuditEntry.id.desc())
        .first()
    )
    assert entry.staff == "supervisor" and copy.barcode in entry.details
    assert "Approved by" in page.banner.body.text()


def test_the_override_dialog_wants_a_supervisor_and_a_reason(qtbot, window, sign_in):
    page = desk_of(window)
    scan(qtbot, page, borrower("cadre").member_no)
    scan(qtbot, page, lendable_copy().barcode)
    dialog = OverrideDialog(window.session, page.pending.decision, page)
    qtbot.addWidget(dialog)
    dialog.show()
    fill_override(dialog, qtbot, user="supervisor", password=password_of("supervisor"))
    assert dialog.message.text() == "An override needs a reason." and dialog.approver is None
    fill_override(
        dialog, qtbot, user="librarian", password=password_of("librarian"), reason="because"
    )
    assert "it needs a supervisor" in dialog.message.text() and dialog.approver is None
    fill_override(dialog, qtbot, user="supervisor", password="wrong", reason="x")
    assert dialog.message.text() == staff.WRONG_NAME_OR_PASSWORD
    assert AuditEntry.select().where(AuditEntry.action == "sign-in-failed").exists()


def test_a_signed_in_supervisor_overrides_with_a_reason_only(qtbot, make_window, monkeypatch):
    from ui.pages.desk import DeskPage

    window = make_window("supervisor", pages=[DeskPage])
    page = desk_of(window)
    cadre, copy = borrower("cadre"), lendable_copy()
    scan(qtbot, page, cadre.member_no)
    scan(qtbot, page, copy.barcode)

    def reason_only(parent, session, refusal):
        dialog = OverrideDialog(session, refusal, parent)
        qtbot.addWidget(dialog)
        dialog.show()
        assert not dialog.user_edit.isVisible()
        fill_override(dialog, qtbot, reason="Approved for the seminar")
        return dialog.approver, dialog.reason

    monkeypatch.setattr(desk_module, "ask_override", reason_only)
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: active_loan_of(copy.barcode) is not None)  # an animated click
    wait_for_desk(qtbot, page)
    assert active_loan_of(copy.barcode).override_by.username == "supervisor"


@pytest.mark.both_databases
def test_a_return_records_the_condition_grade(qtbot, window):
    page = desk_of(window)
    loan = active_loan()
    barcode, before = loan.copy.barcode, loan.copy.condition
    qtbot.mouseClick(page.mode_buttons[RETURN], Qt.MouseButton.LeftButton)
    scan(qtbot, page, barcode)
    assert page.condition_box.isVisible()
    assert page.selected_condition() == before
    assert page.borrower_panel.name.text() == loan.borrower.name
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Down)  # one grade worse
    grades = ["good", "worn", "ragged", "damaged"]
    expected = grades[min(grades.index(before) + 1, 3)]
    assert page.selected_condition() == expected
    press_enter(qtbot, page)
    returned = Loan.get_by_id(loan.id)
    assert returned.returned_at is not None and returned.return_condition == expected
    entry = ConditionEntry.get(ConditionEntry.loan == loan.id)
    assert entry.grade == expected and entry.staff.username == "librarian"
    assert page.banner.headline.text() in (
        "Taken back",
        "Taken back: out of circulation",
    ) or page.banner.headline.text().startswith("Set aside for")
    assert not page.condition_box.isVisible()


def test_a_copy_not_on_loan_cannot_be_taken_back(qtbot, window):
    page = desk_of(window)
    page.set_mode(RETURN)
    scan(qtbot, page, lendable_copy().barcode)
    assert page.banner.headline.text() == "This copy is not on loan"
    assert page.pending is None


def test_renew_mode_extends_the_due_date(qtbot, window, sign_in):
    page = desk_of(window)
    writer, copy = borrower("writer"), lendable_copy()
    # lent days ago (renewing on the day of the lend is TOO_SOON), the inspection far off
    # (the demo's is near: a renewal may not run past it)
    boss = sign_in("supervisor")
    inspection.schedule(boss, clock.today() + timedelta(days=60))
    day = clock.today() - timedelta(days=5)
    circulation.lend(boss, copy.barcode, writer.member_no, on=day, backdate_reason="paper")
    page.set_mode(RENEW)
    scan(qtbot, page, copy.barcode)
    assert page.banner.tone == "allowed"
    press_enter(qtbot, page)
    loan = active_loan_of(copy.barcode)
    assert loan.renewals == 1
    assert page.banner.headline.text() == f"Renewed: now due {loan.due.isoformat()}"
    scan(qtbot, page, copy.barcode)  # the policy allows one renewal
    assert page.banner.tone == "refused" and "RENEWAL_LIMIT" in page.banner.body.text()


def test_unknown_codes_and_a_copy_before_a_member_are_explained(qtbot, window):
    page = desk_of(window)
    scan(qtbot, page, "NO-SUCH-CODE")
    assert page.message.isVisible()
    assert "neither a member number nor a copy barcode" in page.message.text()
    scan(qtbot, page, lendable_copy().barcode)
    assert not page.message.isVisible()
    assert page.banner.headline.text() == "Scan a member card first"
    press_enter(qtbot, page)
    assert "Nothing to do yet" in page.hint.text()


def test_escape_clears_the_desk_for_the_next_person(qtbot, window, monkeypatch):
    page = desk_of(window)
    scan(qtbot, page, borrower("writer").member_no)
    copy = lendable_copy()
    scan(qtbot, page, copy.barcode)
    asked = []  # a copy that may be lent is in the basket: Esc asks first (the basket's test)
    monkeypatch.setattr(
        desk_module, "ask_unconfirmed", lambda *args: asked.append(args[1:]) or "discard"
    )
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Escape)
    assert asked == [("lend", 1, 1)]
    assert page.member_no is None and page.pending is None
    assert active_loan_of(copy.barcode) is None
    assert page.borrower_panel.name.text() == "No borrower"


def test_overdue_loans_are_marked_in_words_and_tone(qtbot, window):
    page = desk_of(window)
    overdue = Loan.select().where(Loan.returned_at.is_null()).order_by(Loan.due).first()
    scan(qtbot, page, overdue.borrower.member_no)
    model = page.borrower_panel.loans
    rows = [r for r in range(model.rowCount()) if model.record(r)["overdue"]]
    assert rows, "the demo has an overdue loan"
    text = model.data(model.index(rows[0], 4))
    assert text.endswith("days overdue")
    assert model.data(model.index(rows[0], 0), Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(model.index(rows[0], 0), Qt.ItemDataRole.DecorationRole) is not None
    assert page.borrower_panel.flags.tone == "refused"


def test_the_inspector_checks_but_the_service_refuses_a_lend_inline(qtbot, make_window):
    from ui.pages.desk import DeskPage

    window = make_window("inspector", pages=[DeskPage])
    page = desk_of(window)
    assert not page.mode_buttons[RETURN].isEnabled()
    assert not page.mode_buttons[RENEW].isEnabled()
    writer, copy = borrower("writer"), lendable_copy()
    scan(qtbot, page, writer.member_no)
    scan(qtbot, page, copy.barcode)
    assert page.banner.tone == "allowed"  # the decision is shown...
    assert not page.action_button.isEnabled()  # ...but the button is off
    press_enter(qtbot, page)  # and Enter reaches the service, which refuses
    assert active_loan_of(copy.barcode) is None
    assert page.message.isVisible() and "inspector" in page.message.text()


def test_the_desk_models_pass_the_model_tester(qtbot, qtmodeltester, window):
    page = desk_of(window)
    loan = active_loan()
    scan(qtbot, page, loan.borrower.member_no)
    assert page.borrower_panel.loans.rowCount() > 0
    qtmodeltester.check(page.borrower_panel.loans)
    qtmodeltester.check(page.borrower_panel.holds)
    page.borrower_panel.loans.sort(3, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(page.borrower_panel.loans)


def test_a_damaged_return_takes_the_copy_out_of_circulation(qtbot, window):
    page = desk_of(window)
    loan = active_loan()
    page.set_mode(RETURN)
    scan(qtbot, page, loan.copy.barcode)
    page.select_condition("damaged")
    press_enter(qtbot, page)
    assert Copy.get_by_id(loan.copy_id).status == "damaged"
    assert page.banner.tone == "notice"


def only_copy_of_its_volume() -> Copy:
    """A lendable copy nobody waits for, the only one of its volume (a hold on it waits)."""
    passed: tuple[str, ...] = ()
    while True:
        copy = lendable_copy(exclude=passed)
        twins = Copy.select().where((Copy.work == copy.work_id) & (Copy.volume == copy.volume))
        if twins.count() == 1:
            return copy
        passed += (copy.barcode,)


def test_a_return_someone_waits_for_names_them_from_the_result(qtbot, make_window, sign_in):
    """The banner names whom the copy is set aside for: return_copy's result says so."""
    window = make_window("librarian", pages=[DeskPage])
    page = desk_of(window)
    librarian = sign_in("librarian")
    copy = only_copy_of_its_volume()
    first = borrower("writer")
    circulation.lend(librarian, copy.barcode, first.member_no)
    second = next(b for b in Borrower.select().where(Borrower.role == "writer") if b.id != first.id)
    assert holds.place_hold(librarian, copy.barcode, second.member_no).set_aside is None
    page.set_mode(RETURN)
    scan(qtbot, page, copy.barcode)
    press_enter(qtbot, page)
    assert Copy.get_by_id(copy.id).status == "held"
    assert page.banner.headline.text() == f"Set aside for {second.name} ({second.member_no})"
    assert page.banner.tone == "notice"


def test_a_copy_back_worse_is_offered_to_conservation(qtbot, window, monkeypatch):
    from readingroom import conservation
    from ui import conservation_offer

    asked: list[str] = []

    def answer_send(_parent, barcodes, answer):
        asked.append(barcodes)
        answer(True)

    monkeypatch.setattr(conservation_offer, "ask_send", answer_send)
    page = desk_of(window)
    loan = active_loan()
    barcode = loan.copy.barcode
    page.set_mode(RETURN)
    scan(qtbot, page, barcode)
    page.select_condition("ragged" if loan.copy.condition != "ragged" else "damaged")
    press_enter(qtbot, page)
    qtbot.waitUntil(
        lambda: barcode in [c.barcode for c in conservation.at_conservation()], timeout=5000
    )
    assert asked == [barcode]
    assert barcode in [c.barcode for c in conservation.at_conservation()]
    assert Copy.get_by_id(loan.copy_id).status == "damaged"
