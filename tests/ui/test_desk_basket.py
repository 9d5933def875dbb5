"""The desk's basket (issue 11), typed into the real desk as a keyboard-wedge scanner does:
every copy scanned after a member card joins the basket with its own decision; Enter lends
every allowed one; refused ones stay, marked, until removed or overridden; another member
card or Esc with copies not lent asks first; an ON_LOAN refusal offers a hold."""

from __future__ import annotations

from PySide6.QtCore import Qt

from readingroom.store.models import Borrower, Copy, Hold, Loan
from tests.ui.shell_support import borrower, desk_of, lendable_copy, wait_for_desk

#: the issue's own codes in the demo catalogue: a writer's card and two lendable copies
MEMBER, FIRST, SECOND = "W-1004", "RR00005", "RR00009"


def scan(qtbot, page, code: str) -> None:
    """What a keyboard-wedge scanner does: type the code, then Enter."""
    qtbot.keyClicks(page.scan_edit, code)
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Return)
    wait_for_desk(qtbot, page)


def press_enter(qtbot, page) -> None:
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Return)
    wait_for_desk(qtbot, page)


def lent_to(barcode: str) -> str | None:
    loan = (
        Loan.select()
        .join(Copy)
        .where((Copy.barcode == barcode) & Loan.returned_at.is_null())
        .first()
    )
    return loan.borrower.member_no if loan is not None else None


def holdable_on_loan(writer: Borrower) -> Loan:
    """A loan of a lendable work the writer neither has nor waits for (a hold is offered)."""
    waiting = {h.work_id for h in Hold.select().where(Hold.borrower == writer.id)}
    theirs = {
        loan.copy.work_id
        for loan in Loan.select().where((Loan.borrower == writer.id) & Loan.returned_at.is_null())
    }
    return next(
        loan
        for loan in Loan.select().where(Loan.returned_at.is_null()).order_by(Loan.id)
        if loan.copy.work_id not in waiting | theirs and loan.copy.work.access == "lendable"
    )


def test_two_copies_scanned_after_a_member_card_are_both_lent_by_one_enter(qtbot, window):
    """Today only RR00009 is lent: RR00005 ("May be lent") leaves the safe unrecorded."""
    assert Borrower.get(Borrower.member_no == MEMBER).role == "writer"
    page = desk_of(window)
    scan(qtbot, page, MEMBER)
    scan(qtbot, page, FIRST)
    assert page.banner.headline.text().startswith("May be lent")
    scan(qtbot, page, SECOND)
    assert page.banner.headline.text().startswith("May be lent")
    assert lent_to(FIRST) is None and lent_to(SECOND) is None  # nothing before Enter
    press_enter(qtbot, page)
    assert lent_to(FIRST) == MEMBER
    assert lent_to(SECOND) == MEMBER


def test_a_refused_copy_stays_in_the_basket_marked_until_removed(qtbot, window):
    page = desk_of(window)
    writer = borrower("writer")
    first = lendable_copy()
    second = lendable_copy(exclude=(first.barcode,))
    on_loan = holdable_on_loan(writer).copy.barcode
    scan(qtbot, page, writer.member_no)
    scan(qtbot, page, first.barcode)
    scan(qtbot, page, on_loan)  # refused: ON_LOAN
    assert page.banner.tone == "refused" and "ON_LOAN" in page.banner.body.text()
    scan(qtbot, page, second.barcode)
    model = page.basket_model
    assert [model.record(r).barcode for r in range(model.rowCount())] == [
        first.barcode,
        on_loan,
        second.barcode,
    ]
    assert model.data(model.index(1, 6)) == "Refused: Already on loan"
    assert model.data(model.index(1, 0), Qt.ItemDataRole.ForegroundRole) is not None
    assert page.basket_heading.text() == "Basket: 3 copies"
    assert page.action_button.text() == "Lend all 2 (Enter)"
    press_enter(qtbot, page)
    assert lent_to(first.barcode) == writer.member_no
    assert lent_to(second.barcode) == writer.member_no
    assert page.banner.headline.text() == f"Lent to {writer.name}: 2 copies"
    assert "1 refused copy stays in the basket." in page.banner.body.text()
    assert [i.barcode for i in page.basket] == [on_loan] and page.pending.barcode == on_loan
    assert page.basket_heading.text() == "Basket: 1 copy"
    assert page.hold_button.isVisible()  # an ON_LOAN refusal offers a hold
    assert not page.action_button.isEnabled()
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Delete)  # the empty scan field: Delete removes
    assert page.basket == [] and not page.remove_button.isVisible()
    assert f"Removed {on_loan}" in page.history.item(0).text()


def test_an_on_loan_refusal_places_a_hold_from_the_desk(qtbot, window):
    page = desk_of(window)
    writer = borrower("writer")
    loan = holdable_on_loan(writer)
    barcode = loan.copy.barcode
    scan(qtbot, page, writer.member_no)
    scan(qtbot, page, barcode)
    assert page.hold_button.isVisible() and "Alt+P" in page.hint.text()
    before = Hold.select().count()
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: Hold.select().count() == before + 1)
    wait_for_desk(qtbot, page)
    hold = Hold.select().order_by(Hold.id.desc()).get()
    assert hold.borrower_id == writer.id
    assert (hold.work_id, hold.volume) == (loan.copy.work_id, loan.copy.volume)
    assert page.banner.headline.text() == "Hold placed"
    assert f"Hold placed for {writer.member_no}" in page.history.item(0).text()
    assert page.basket == [] and not page.hold_button.isVisible()


def test_another_member_card_asks_lend_discard_or_stay(qtbot, window, monkeypatch):
    from ui.pages import desk as desk_module

    page = desk_of(window)
    writers = list(Borrower.select().where(Borrower.role == "writer").order_by(Borrower.id))
    first_writer = borrower("writer")
    other = next(b for b in writers if b.id != first_writer.id and b.status == "active")
    copy = lendable_copy()
    answers = ["stay", "lend"]
    asked = []
    monkeypatch.setattr(
        desk_module,
        "ask_unconfirmed",
        lambda parent, mode, count, ready: (
            asked.append((mode, count, ready)) or {"stay": "stay", "lend": "act"}[answers.pop(0)]
        ),
    )
    scan(qtbot, page, first_writer.member_no)
    scan(qtbot, page, copy.barcode)
    scan(qtbot, page, other.member_no)  # Stay: the first writer is still at the desk
    assert asked == [("lend", 1, 1)]
    assert page.member_no == first_writer.member_no and len(page.basket) == 1
    assert page.borrower_panel.name.text() == first_writer.name
    scan(qtbot, page, other.member_no)  # Lend: lent to the first, then the next writer
    assert lent_to(copy.barcode) == first_writer.member_no
    assert page.member_no == other.member_no and page.basket == []
    assert page.borrower_panel.name.text() == other.name


def test_the_question_is_a_message_box_with_three_buttons_in_plural_forms(qtbot, window):
    from ui.pages.desk import unconfirmed_box

    page = desk_of(window)
    box = unconfirmed_box(page, "lend", 3, 2)
    qtbot.addWidget(box)
    assert box.text() == "3 copies not lent"
    assert sorted(b.text() for b in box.buttons()) == ["&Discard", "&Lend", "&Stay"]
    assert box.defaultButton().text() == "&Stay" and box.escapeButton().text() == "&Stay"
    assert unconfirmed_box(page, "lend", 1, 1).text() == "1 copy not lent"
    assert unconfirmed_box(page, "return", 2, 2).text() == "2 copies not taken back"
    none_ready = unconfirmed_box(page, "lend", 1, 0)
    assert not next(b for b in none_ready.buttons() if b.text() == "&Lend").isEnabled()


def test_returns_take_back_the_whole_basket_each_with_its_grade(qtbot, window):
    from ui.pages.desk import RETURN

    page = desk_of(window)
    loans = list(Loan.select().where(Loan.returned_at.is_null()).order_by(Loan.id).limit(2))
    first, second = (loan.copy.barcode for loan in loans)
    qtbot.mouseClick(page.mode_buttons[RETURN], Qt.MouseButton.LeftButton)
    scan(qtbot, page, first)
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Down)  # the first: one grade worse
    first_grade = page.basket[0].condition
    scan(qtbot, page, second)
    assert page.pending.barcode == second and page.condition_box.isVisible()
    page.select_condition("damaged")  # the second: damaged
    assert [i.condition for i in page.basket] == [first_grade, "damaged"]
    assert page.basket_model.data(page.basket_model.index(1, 5)) == "Damaged"
    press_enter(qtbot, page)
    assert lent_to(first) is None and lent_to(second) is None
    returned = {loan.id: Loan.get_by_id(loan.id).return_condition for loan in loans}
    assert returned == {loans[0].id: first_grade, loans[1].id: "damaged"}
    assert page.basket == [] and page.banner.headline.text() == "Took back 2 copies"


def test_a_new_mode_with_copies_not_lent_asks_first(qtbot, window, monkeypatch):
    from ui.pages import desk as desk_module
    from ui.pages.desk import LEND, RETURN

    page = desk_of(window)
    monkeypatch.setattr(desk_module, "ask_unconfirmed", lambda *args: "stay")
    scan(qtbot, page, borrower("writer").member_no)
    copy = lendable_copy()
    scan(qtbot, page, copy.barcode)
    qtbot.mouseClick(page.mode_buttons[RETURN], Qt.MouseButton.LeftButton)
    assert page.mode == LEND and page.mode_buttons[LEND].isChecked()
    assert [i.barcode for i in page.basket] == [copy.barcode]
    monkeypatch.setattr(desk_module, "ask_unconfirmed", lambda *args: "discard")
    qtbot.mouseClick(page.mode_buttons[RETURN], Qt.MouseButton.LeftButton)
    assert page.mode == RETURN and page.basket == [] and lent_to(copy.barcode) is None
    assert f"Discarded {copy.barcode}" in page.history.item(0).text()


def test_a_refused_row_is_overridden_on_its_own(qtbot, make_window, monkeypatch):
    from ui.pages import desk as desk_module
    from ui.pages.desk import DeskPage

    window = make_window("supervisor", pages=[DeskPage])
    page = desk_of(window)
    cadre = borrower("cadre")
    first = lendable_copy()
    second = lendable_copy(exclude=(first.barcode,))
    scan(qtbot, page, cadre.member_no)
    scan(qtbot, page, first.barcode)
    scan(qtbot, page, second.barcode)
    assert all(i.refused for i in page.basket) and not page.action_button.isEnabled()
    page.basket_view.selectRow(0)  # the first row, chosen
    assert page.pending.barcode == first.barcode and page.override_button.isVisible()
    monkeypatch.setattr(desk_module, "ask_override", lambda *a: (window.session.actor, "Seminar"))
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: lent_to(first.barcode) is not None)
    wait_for_desk(qtbot, page)
    assert lent_to(second.barcode) is None
    assert [i.barcode for i in page.basket] == [second.barcode]


def test_escape_with_a_copy_not_lent_asks_in_a_real_message_box(qtbot, window):
    """The question as the librarian meets it: Esc opens the box, Discard puts it aside."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    page = desk_of(window)
    scan(qtbot, page, borrower("writer").member_no)
    copy = lendable_copy()
    scan(qtbot, page, copy.barcode)
    seen = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        next(b for b in box.buttons() if b.text() == "&Discard").click()

    QTimer.singleShot(20, answer)
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Escape)
    assert seen == ["1 copy not lent"]
    assert page.basket == [] and page.member_no is None
    assert lent_to(copy.barcode) is None
    assert f"Discarded {copy.barcode}" in page.history.item(0).text()


def test_renew_mode_renews_the_whole_basket(qtbot, window, sign_in):
    from datetime import timedelta

    from readingroom import circulation, clock, inspection
    from ui.pages.desk import RENEW

    boss = sign_in("supervisor")
    inspection.schedule(boss, clock.today() + timedelta(days=60))  # out of the way
    writer = borrower("writer")
    first = lendable_copy()
    second = lendable_copy(exclude=(first.barcode,))
    day = clock.today() - timedelta(days=5)  # renewing on the day of the lend is TOO_SOON
    for copy in (first, second):
        circulation.lend(boss, copy.barcode, writer.member_no, on=day, backdate_reason="paper")
    page = desk_of(window)
    page.set_mode(RENEW)
    scan(qtbot, page, first.barcode)
    scan(qtbot, page, second.barcode)
    assert page.action_button.text() == "Renew all 2 (Enter)"
    press_enter(qtbot, page)
    renewals = [
        Loan.select()
        .join(Copy)
        .where((Copy.barcode == c.barcode) & Loan.returned_at.is_null())
        .get()
        .renewals
        for c in (first, second)
    ]
    assert renewals == [1, 1] and page.basket == []
    assert page.banner.headline.text() == "Renewed 2 copies"


def test_a_set_goes_out_whole_from_the_basket(qtbot, window):
    """Decameron issued as a set: volume 1 alone is refused SET_TOGETHER; once volume 2
    joins the basket, both are decided again across it and Enter lends the set."""
    from readingroom.restriction_rules import is_set_issue
    from readingroom.store.models import Work

    work = Work.get(Work.title == "Decameron")
    assert is_set_issue(work.id)  # the demo's (its second set came back short: not this one)
    page = desk_of(window)
    scan(qtbot, page, "W-1004")
    scan(qtbot, page, "RR00022")
    first = page.desk.item("RR00022")
    assert first is not None and first.decision is not None
    assert first.decision.codes == ["SET_TOGETHER"]
    scan(qtbot, page, "RR00023")
    qtbot.waitUntil(lambda: not page.desk.item("RR00022").refused, timeout=5000)
    wait_for_desk(qtbot, page)
    assert not page.desk.item("RR00023").refused
    press_enter(qtbot, page)
    qtbot.waitUntil(lambda: lent_to("RR00023") == "W-1004", timeout=5000)
    assert [lent_to(b) for b in ("RR00022", "RR00023")] == ["W-1004"] * 2
