"""Set-aside copies past their pickup date in the window: the Readiness page lists them
(and desk staff expire them there), a desk sign-in expires them and says where each copy
goes, the Waiting lists page shows each copy's pickup date, and the trail stays clean."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from readingroom import audit, clock, doctor, holds, settings
from readingroom.store.db import close_database
from readingroom.store.models import Hold
from tests.ui.pages_support import actor, demo_database, session_for, settled, show_page
from ui.main_window import MainWindow
from ui.pages.desk import DeskPage
from ui.pages.holds import HoldsPage
from ui.pages.policy import PolicyPage
from ui.pages.readiness import ReadinessPage

LATER = 8  # days after the demo set its copy aside: one past the default seven


@pytest.fixture
def demo_db(tmp_path):
    yield demo_database(tmp_path)
    close_database()


@pytest.fixture
def later(monkeypatch):
    day = clock.today() + timedelta(days=LATER)
    monkeypatch.setattr(clock, "today", lambda: day)
    return day


def ready_hold() -> Hold:
    return Hold.get(Hold.status == "ready")


def test_the_readiness_page_lists_them_and_expires_them(qtbot, demo_db, later):
    hold = ready_hold()
    barcode, member_no = hold.copy.barcode, hold.borrower.member_no
    page = show_page(qtbot, ReadinessPage(session_for(demo_db, actor("librarian"))))
    assert page.pickup_row.isVisible()
    text = page.pickup_label.text()
    assert text.startswith("1 set-aside copy is past its pickup date: ")
    assert barcode in text and f"for {member_no}, collect by" in text
    assert page.expire_button.isEnabled()
    qtbot.mouseClick(page.expire_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "expired" in page.message.text())
    settled()
    assert Hold.get_by_id(hold.id).status == "expired"
    assert f"{barcode} back to the shelf" in page.message.text()
    assert not page.pickup_row.isVisible()
    chain, differences, _ = audit.verify_and_compare()
    assert chain.ok and differences == []
    assert doctor.check_file(demo_db).ok


def test_an_inspector_sees_them_and_expires_nothing(qtbot, demo_db, later):
    page = show_page(qtbot, ReadinessPage(session_for(demo_db, actor("inspector"))))
    assert page.pickup_row.isVisible() and not page.expire_button.isEnabled()


def test_none_past_their_date_shows_nothing(qtbot, demo_db):
    page = show_page(qtbot, ReadinessPage(session_for(demo_db, actor("librarian"))))
    assert not page.pickup_row.isVisible()


def test_a_desk_sign_in_expires_them_and_says_where_each_copy_goes(
    qtbot, demo_db, later, app_settings
):
    hold = ready_hold()
    barcode = hold.copy.barcode
    window = MainWindow(session_for(demo_db, actor("librarian")), app_settings, page_classes=[])
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: Hold.get_by_id(hold.id).status == "expired")
    settled()
    assert window.statusBar().currentMessage() == (
        f"1 set-aside hold expired, not collected in time: {barcode} back to the shelf."
    )
    assert audit.verify_and_compare()[1] == []


def test_an_inspector_sign_in_changes_nothing(qtbot, demo_db, later, app_settings):
    hold = ready_hold()
    window = MainWindow(session_for(demo_db, actor("inspector")), app_settings, page_classes=[])
    qtbot.addWidget(window)
    settled()
    assert Hold.get_by_id(hold.id).status == "ready"


def test_the_waiting_lists_show_when_each_copy_is_to_be_collected(qtbot, demo_db):
    page = show_page(qtbot, HoldsPage(session_for(demo_db, actor("librarian"))))
    hold = ready_hold()
    column = next(
        i
        for i in range(page.set_aside.columnCount())
        if page.set_aside.headerData(i, Qt.Orientation.Horizontal) == "Collect by"
    )
    due = hold.ready_on + timedelta(days=7)
    assert page.set_aside.index(0, column).data() == due.isoformat()


def test_a_supervisor_types_the_pickup_days_on_the_policy_page(qtbot, demo_db):
    page = show_page(qtbot, PolicyPage(session_for(demo_db, actor("supervisor"))))
    assert page.pickup_days.value() == 7 and not page.pickup_save_button.isEnabled()
    page.pickup_days.setFocus()
    page.pickup_days.selectAll()
    qtbot.keyClicks(page.pickup_days, "3")
    assert page.pickup_save_button.isEnabled()
    qtbot.mouseClick(page.pickup_save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "now waits 3 days" in page.message.text())
    assert settings.pickup_days() == 3 and not page.pickup_save_button.isEnabled()


def test_a_librarian_sees_the_pickup_days_and_changes_nothing(qtbot, demo_db):
    page = show_page(qtbot, PolicyPage(session_for(demo_db, actor("librarian"))))
    assert page.pickup_days.value() == 7
    assert not page.pickup_days.isEnabled() and not page.pickup_save_button.isEnabled()


def test_the_desk_lists_them_until_they_expire(qtbot, demo_db, later):
    hold = ready_hold()
    barcode, member_no = hold.copy.barcode, hold.borrower.member_no
    page = show_page(qtbot, DeskPage(session_for(demo_db, actor("librarian"))))
    page.refresh()
    settled()
    assert page.pickup_note.isVisible()
    assert page.pickup_note.text() == (
        f"1 set-aside copy is past its pickup date: {barcode} for {member_no} "
        f"(collect by {(hold.ready_on + timedelta(days=7)).isoformat()})."
    )
    holds.expire_set_aside(actor("librarian"))
    page.refresh()
    settled()
    assert not page.pickup_note.isVisible()
