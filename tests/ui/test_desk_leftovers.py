"""What was left of issue 11 at the desk, typed into the real window: a scanner's prefix and
suffix taken off at the desk and in the stocktake's scan field (and set on the Lending
policy page); the loan limit decided across the basket; signing out, locking or closing
with copies not lent asks first; "1 day overdue" in Qt's plural forms; holds past their
pickup date expire when the date changes with the window open."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from readingroom import circulation, clock, settings, staff
from readingroom.store.models import Borrower, Copy, Hold, Loan
from tests.ui.inspection_support import (  # noqa: F401 - fixtures
    boss_fixture,
    confirm_yes_fixture,
    open_page_fixture,
    session_as_fixture,
)
from tests.ui.pages_support import settled
from tests.ui.shell_support import borrower, desk_of, lendable_copy, wait_for_desk
from tests.ui.test_desk_basket import lent_to, press_enter, scan
from ui.pages import desk as desk_module
from ui.pages.desk import DeskPage
from ui.pages.policy import PolicyPage
from ui.pages.stocktake import StocktakePage


def set_scanner(prefix: str, suffix: str) -> None:
    boss = staff.get_staff("supervisor")
    settings.set_scanner_affix(boss, settings.SCANNER_PREFIX, prefix)
    settings.set_scanner_affix(boss, settings.SCANNER_SUFFIX, suffix)


# -- the scanner's prefix and suffix ----------------------------------------------------------


def test_the_desk_takes_the_scanners_prefix_and_suffix_off(qtbot, window):
    set_scanner("*", "#")
    page = desk_of(window)
    writer = borrower("writer")
    copy = lendable_copy()
    scan(qtbot, page, f"*{writer.member_no.lower()}#")
    assert page.member_no == writer.member_no
    scan(qtbot, page, f"*{copy.barcode}#")
    assert [i.barcode for i in page.basket] == [copy.barcode]
    assert page.banner.headline.text().startswith("May be lent")
    press_enter(qtbot, page)
    assert lent_to(copy.barcode) == writer.member_no


def test_the_stocktake_scan_field_takes_them_off(qtbot, open_page, confirm_yes):
    set_scanner("]C1", "")
    page = open_page(StocktakePage, "supervisor")
    page.start_button.click()
    settled()
    copy = Copy.select().where(Copy.status == "available").order_by(Copy.barcode).first()
    page.scan_field.setFocus()
    qtbot.keyClicks(page.scan_field, f"]c1{copy.barcode.lower()}")
    qtbot.keyClick(page.scan_field, Qt.Key.Key_Return)
    settled()
    assert page.message.kind == "success"
    assert page.last_scan is not None and page.last_scan.barcode == copy.barcode
    assert "unknown" not in page.last_scan.flags


def test_a_supervisor_sets_them_on_the_lending_policy_page(qtbot, open_page):
    page = open_page(PolicyPage, "supervisor")
    box = page.scanner_box
    assert box.prefix_edit.text() == "" and not box.save_button.isEnabled()
    qtbot.keyClicks(box.prefix_edit, "*")
    qtbot.keyClicks(box.suffix_edit, "#")
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    settled()
    assert settings.scanner_affixes() == ("*", "#")
    assert not box.save_button.isEnabled()
    box.prefix_edit.clear()
    qtbot.keyClicks(box.prefix_edit, "a b")
    qtbot.keyClick(box.prefix_edit, Qt.Key.Key_Return)
    settled()
    assert box.message.isVisible() and "space" in box.message.text()
    assert settings.scanner_affixes() == ("*", "#")  # nothing changed


def test_a_librarian_sees_them_and_cannot_change_them(qtbot, open_page):
    set_scanner("*", "")
    page = open_page(PolicyPage, "librarian")
    box = page.scanner_box
    settled()
    assert box.prefix_edit.text() == "*" and box.prefix_edit.isReadOnly()
    assert not box.save_button.isEnabled() and box.note.isVisible()


# -- the loan limit across the basket ---------------------------------------------------------


def test_the_copy_past_the_loan_limit_is_refused_when_scanned(qtbot, window):
    """Limit 3, two loans held, two allowed copies scanned: the second is refused at once."""
    page = desk_of(window)
    writer = next(
        b
        for b in Borrower.select().where(
            (Borrower.role == "writer") & (Borrower.status == "active")
        )
        if Loan.select().where((Loan.borrower == b.id) & Loan.returned_at.is_null()).count() == 0
        and (b.expires is None or b.expires >= clock.today())
    )
    boss = staff.get_staff("supervisor")
    taken: list[str] = []
    for _ in range(2):
        copy = lendable_copy(exclude=tuple(taken))
        circulation.lend(boss, copy.barcode, writer.member_no)
        taken.append(copy.barcode)
    first = lendable_copy(exclude=tuple(taken))
    second = lendable_copy(exclude=(*taken, first.barcode))
    scan(qtbot, page, writer.member_no)
    scan(qtbot, page, first.barcode)
    scan(qtbot, page, second.barcode)
    model = page.basket_model
    assert model.data(model.index(0, 6)) == "May be lent"
    assert model.data(model.index(1, 6)) == "Refused: At the loan limit"
    assert "LOAN_LIMIT" in page.banner.body.text()
    assert page.action_button.text() == "Lend (Enter)"
    press_enter(qtbot, page)
    assert lent_to(first.barcode) == writer.member_no and lent_to(second.barcode) is None
    assert [i.barcode for i in page.basket] == [second.barcode]


# -- leaving the desk with copies not lent ----------------------------------------------------


def basket_of_one(qtbot, window) -> tuple[DeskPage, Copy]:
    page = desk_of(window)
    scan(qtbot, page, borrower("writer").member_no)
    copy = lendable_copy()
    scan(qtbot, page, copy.barcode)
    return page, copy


def answer(monkeypatch, choice: str) -> list[tuple]:
    asked: list[tuple] = []
    monkeypatch.setattr(
        desk_module,
        "ask_unconfirmed",
        lambda parent, mode, count, ready: asked.append((mode, count, ready)) or choice,
    )
    return asked


def test_signing_out_with_a_copy_not_lent_asks_first(qtbot, window, monkeypatch):
    page, copy = basket_of_one(qtbot, window)
    asked = answer(monkeypatch, "stay")
    window.sign_out_action.trigger()
    assert asked == [("lend", 1, 1)]
    assert window.session.actor is not None and window.mode == "staff"
    assert [i.barcode for i in page.basket] == [copy.barcode]
    answer(monkeypatch, "act")
    window.sign_out_action.trigger()
    qtbot.waitUntil(lambda: window.session.actor is None)
    assert lent_to(copy.barcode) is not None  # lent first, then signed out


def test_locking_with_a_copy_not_lent_asks_and_discard_clears_the_desk(qtbot, window, monkeypatch):
    page, copy = basket_of_one(qtbot, window)
    asked = answer(monkeypatch, "discard")
    window.lock_action.trigger()
    assert asked == [("lend", 1, 1)] and window.mode == "locked"
    assert page.basket == [] and page.member_no is None and lent_to(copy.barcode) is None
    assert f"Discarded {copy.barcode}" in page.history.item(0).text()


def test_the_idle_lock_asks_nothing_and_keeps_the_basket(qtbot, window, monkeypatch):
    page, copy = basket_of_one(qtbot, window)
    asked = answer(monkeypatch, "discard")
    window.idle.idle.emit()
    assert asked == [] and window.mode == "locked"
    assert [i.barcode for i in page.basket] == [copy.barcode]


def test_someone_else_unlocking_after_the_idle_lock_is_told_of_the_basket(
    qtbot, window, monkeypatch
):
    from tests.ui.shell_support import password_of

    basket_of_one(qtbot, window)
    window.idle.idle.emit()
    form = window.lock_panel.form
    qtbot.keyClicks(form.user_edit, "supervisor")
    qtbot.keyClicks(form.password_edit, password_of("supervisor"))
    qtbot.keyClick(form.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.mode == "staff")
    assert window.session.actor.username == "supervisor"
    assert desk_of(window).basket == []
    assert "1 copy in the last basket was not recorded" in window.statusBar().currentMessage()


def test_closing_the_window_with_a_copy_not_lent_asks_first(qtbot, window, monkeypatch):
    window.ask_before_closing = True
    page, copy = basket_of_one(qtbot, window)
    asked = answer(monkeypatch, "stay")
    assert not window.close()
    assert asked == [("lend", 1, 1)] and window.isVisible()
    answer(monkeypatch, "discard")
    assert window.close()
    assert lent_to(copy.barcode) is None


def test_an_empty_basket_signs_out_without_a_question(qtbot, window, monkeypatch):
    asked = answer(monkeypatch, "stay")
    window.sign_out_action.trigger()
    assert asked == [] and window.session.actor is None


# -- plural forms ----------------------------------------------------------------------------


def test_days_overdue_in_plural_forms(qtbot, window):
    assert desk_module.days_overdue(1) == "1 day overdue"
    assert desk_module.days_overdue(2) == "2 days overdue"
    assert desk_module.unconfirmed_text("lend", 1) == "1 copy not lent"
    assert not hasattr(desk_module, "english_one")  # one plural mechanism: Qt's


def test_a_copy_one_day_overdue_says_one_day(qtbot, window, sign_in):
    boss = sign_in("supervisor")
    writer = borrower("writer")
    copy = lendable_copy()
    day = clock.today() - timedelta(days=22)  # 21 days' loan: due yesterday
    circulation.lend(boss, copy.barcode, writer.member_no, on=day, backdate_reason="paper")
    page = desk_of(window)
    page.set_mode("return")
    scan(qtbot, page, copy.barcode)
    assert "1 day overdue." in page.banner.body.text()
    assert page.basket_model.data(page.basket_model.index(0, 6)) == "1 day overdue"


# -- the date changes with the window open ----------------------------------------------------


def test_holds_past_their_pickup_date_expire_when_the_date_changes(qtbot, window, monkeypatch):
    hold = Hold.get(Hold.status == "ready")
    later = clock.today() + timedelta(days=8)  # one past the default seven days
    monkeypatch.setattr(clock, "today", lambda: later)
    assert Hold.get_by_id(hold.id).status == "ready"
    window.day_timer.timeout.emit()  # the minute's look at the date
    qtbot.waitUntil(lambda: Hold.get_by_id(hold.id).status == "expired")
    settled()
    assert "expired" in window.statusBar().currentMessage()
    window.day_timer.timeout.emit()  # the same day again: nothing more
    wait_for_desk(qtbot, desk_of(window))
