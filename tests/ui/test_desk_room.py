"""The desk's Reading room mode, typed into the real widgets: a member card, then copies
for the room (each to the reader's seat with Enter), a refusal kept in the trail, and a
copy scanned back from its table with a condition grade."""

from __future__ import annotations

from PySide6.QtCore import Qt

from readingroom import catalogue, room, trail
from tests.ui.shell_support import borrower, desk_of, lendable_copy, wait_for_desk
from ui.pages.desk import ROOM


def scan(qtbot, page, code: str) -> None:
    qtbot.keyClicks(page.scan_edit, code)
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Return)
    wait_for_desk(qtbot, page)


def press_enter(qtbot, page) -> None:
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Return)
    wait_for_desk(qtbot, page)


def test_the_reading_room_mode_seats_a_reader_and_takes_the_copies_back(qtbot, window):
    page = desk_of(window)
    qtbot.mouseClick(page.mode_buttons[ROOM], Qt.MouseButton.LeftButton)
    assert page.mode == ROOM
    writer = borrower("writer")
    first = lendable_copy()
    reference = "RR00063"  # a reading-room work: never lent, read at a table
    scan(qtbot, page, writer.member_no)
    scan(qtbot, page, first.barcode)
    scan(qtbot, page, reference)
    assert page.banner.tone == "allowed"
    assert [page.basket_model.index(r, 6).data() for r in range(2)] == [
        "May be read in the room",
        "May be read in the room",
    ]
    press_enter(qtbot, page)
    seated = {i.barcode: (i.member_no, i.seat) for i in room.in_room()}
    assert seated == {first.barcode: (writer.member_no, 1), reference: (writer.member_no, 1)}
    assert "reading room" in page.history.item(0).text()
    # a civilian is refused, and the attempt is kept
    civilian = borrower("civilian")
    scan(qtbot, page, civilian.member_no)
    scan(qtbot, page, "RR00064")
    assert page.banner.tone == "refused" and "ROLE_NOT_PERMITTED" in page.banner.body.text()
    qtbot.waitUntil(lambda: bool(trail.recent_entries(1, action="lend-refused")), timeout=5000)
    assert '"via":"desk-room"' in trail.recent_entries(1, action="lend-refused")[0].details
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Delete)  # out of the basket
    # the copy comes back from its table, worn
    scan(qtbot, page, first.barcode)
    assert "Back from the reading room" in page.banner.headline.text()
    assert page.condition_box.isVisible()
    page.select_condition("worn")
    press_enter(qtbot, page)
    assert [i.barcode for i in room.in_room()] == [reference]
    assert catalogue.get_copy(first.barcode).condition == "worn"


def test_a_set_goes_to_the_table_whole_from_the_basket(qtbot, window):
    """Decameron is issued as a set: volume 1 alone is refused SET_TOGETHER in Reading room
    mode; once volume 2 joins the basket both are decided again across it, and Enter seats
    the reader with the whole set."""
    page = desk_of(window)
    qtbot.mouseClick(page.mode_buttons[ROOM], Qt.MouseButton.LeftButton)
    writer = borrower("writer")
    scan(qtbot, page, writer.member_no)
    scan(qtbot, page, "RR00022")
    first = page.desk.item("RR00022")
    assert first is not None and first.decision is not None
    assert first.decision.codes == ["SET_TOGETHER"]
    scan(qtbot, page, "RR00023")
    qtbot.waitUntil(lambda: not page.desk.item("RR00022").refused, timeout=5000)
    wait_for_desk(qtbot, page)
    assert not page.desk.item("RR00023").refused
    press_enter(qtbot, page)
    seated = {i.barcode: i.member_no for i in room.in_room()}
    assert seated == {"RR00022": writer.member_no, "RR00023": writer.member_no}
