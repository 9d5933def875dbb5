"""The Reading room page, the desk's second person and the catalogue's custody timeline, in
the real widgets: the tables, who sits where, Close the room disabled with the reason while
anything is out, and enabled (and closing) once the room is empty."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from readingroom import catalogue, demo, room, trail
from readingroom.store.db import close_database
from tests.ui.pages_support import actor, demo_database, session_for, settled, show_page
from ui.dialogs.second_person import SecondPersonDialog
from ui.models import labels
from ui.pages.room import RoomPage


@pytest.fixture
def demo_db(tmp_path):
    yield demo_database(tmp_path)
    close_database()


def test_the_room_shows_its_readers_and_waits_to_close(qtbot, demo_db):
    demo.reading_room_morning(actor("supervisor"))
    page = show_page(qtbot, RoomPage(session_for(demo_db, actor("librarian"))))
    assert page.model.rowCount() == len(demo.ROOM_MORNING)
    assert [page.model.index(r, 0).data() for r in range(4)] == ["1", "1", "3", "5"]
    assert "W-1003" in page.model.index(2, 1).data()
    assert not page.close_button.isEnabled()
    assert "RR00065 (seat 3)" in page.close_reason.text()
    seat_one = page.seat_labels[0]
    assert seat_one.isEnabled() and "copies: 2" in seat_one.text()
    assert not page.seat_labels[1].isEnabled()  # seat 2 is free
    for barcode, _, _ in demo.ROOM_MORNING:
        room.return_from_room(actor("librarian"), barcode)
    page.refresh()
    settled()
    assert page.model.rowCount() == 0 and page.close_button.isEnabled()
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    settled()
    assert page.message.kind == "success"
    assert trail.recent_entries(1, action="room-close")


def test_the_demo_mornings_visits_are_listed_under_the_tables(qtbot, demo_db):
    page = show_page(qtbot, RoomPage(session_for(demo_db, actor("librarian"))))
    assert page.model.rowCount() == 0 and page.close_button.isEnabled()  # all back
    visits = page.visits_model
    assert visits.rowCount() == len(demo.ROOM_MORNING)
    rows = [[visits.index(r, c).data() for c in range(6)] for r in range(visits.rowCount())]
    assert {(row[0], row[2]) for row in rows} == {
        (str(seat), barcode) for barcode, _, seat in demo.ROOM_MORNING
    }
    moves = catalogue.copy_history("RR00063")  # the ledger says the same times
    went, back = moves[-3].at, moves[-1].at
    assert rows[0][2] == "RR00063" and "W-1001" in rows[0][1]
    assert rows[0][4] == f"{went:%H:%M}–{back:%H:%M}" and rows[0][5] == "returned"
    assert "4" in page.visits_heading.text()
    room.issue(actor("librarian"), "RR00002", "W-1002", seat=2)
    room.return_from_room(actor("librarian"), "RR00002", condition="worn")
    page.refresh()
    settled()
    last = [visits.index(visits.rowCount() - 1, c).data() for c in range(6)]
    assert last[2] == "RR00002" and last[5] == labels.condition("worn")


def test_the_inspector_sees_the_room_but_cannot_close_it(qtbot, demo_db):
    page = show_page(qtbot, RoomPage(session_for(demo_db, actor("inspector"))))
    assert page.model.rowCount() == 0 and not page.close_button.isEnabled()


def test_a_second_person_signs_in_on_the_spot(qtbot, demo_db):
    page = show_page(qtbot, RoomPage(session_for(demo_db, actor("librarian"))))
    dialog = SecondPersonDialog(page.session, "Marking RR00002 as lost.", page)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.user_edit, "librarian")  # the same person: refused
    qtbot.keyClicks(dialog.password_edit, "librarian")
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy)  # checked in the calls thread
    assert dialog.confirmer is None and "cannot confirm their own act" in dialog.message.text()
    dialog.user_edit.clear()
    qtbot.keyClicks(dialog.user_edit, "supervisor")
    qtbot.keyClicks(dialog.password_edit, "supervisor")
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.confirmer is not None and dialog.confirmer.username == "supervisor"


def test_marking_lost_in_the_catalogue_asks_the_second_person(qtbot, demo_db, monkeypatch):
    from tests.ui.pages_support import copies, work_id
    from ui.dialogs import second_person
    from ui.pages.catalogue import CataloguePage

    asked = []

    def ask(parent, session, what):
        asked.append(what)
        return actor("supervisor")

    monkeypatch.setattr(second_person, "ask_second_person", ask)
    page = show_page(qtbot, CataloguePage(session_for(demo_db, actor("librarian"))))
    line = copies("Decameron")[0]
    page.detail.show_work(work_id("Decameron"), copy=line.barcode)
    settled()
    assert page.detail.selected_copy().barcode == line.barcode
    page.mark_copy("lost")
    settled()
    assert asked and line.barcode in asked[0]
    assert catalogue.get_copy(line.barcode).status == "lost"
    moves = catalogue.copy_history(line.barcode)
    assert moves[-1].confirmed_by == "supervisor"


def test_the_catalogue_shows_a_copys_custody_timeline(qtbot, demo_db):
    from tests.ui.pages_support import work_id
    from ui.pages.catalogue import CataloguePage

    librarian = actor("librarian")
    room.issue(librarian, "RR00002", "W-1002", seat=4)
    room.return_from_room(librarian, "RR00002")
    page = show_page(qtbot, CataloguePage(session_for(demo_db, librarian)))
    page.detail.show_work(work_id("Points and Lines"), copy="RR00002")
    settled()
    lines = [page.detail.timeline.item(n).text() for n in range(page.detail.timeline.count())]
    assert "reading room → desk → shelf" in lines[0] and "W-1002, seat 4" in lines[0]
    assert "shelf → desk → reading room" in lines[1] and "read in the room" in lines[1]
    assert "room-issue" not in lines[1]  # the move's word, not the ledger's stored kind


@pytest.mark.parametrize(
    ("language", "issued", "back"),
    [("ko_KP", "열람실 리용", "열람실에서 돌아옴"), ("ko", "열람실 이용", "열람실에서 돌아옴")],
)
def test_the_custody_timeline_speaks_the_windows_language(
    qtbot, qapp, demo_db, language, issued, back
):
    from tests.ui.pages_support import work_id
    from ui import i18n
    from ui.pages.catalogue import CataloguePage

    librarian = actor("librarian")
    room.issue(librarian, "RR00002", "W-1002", seat=4)
    room.return_from_room(librarian, "RR00002")
    assert i18n.install_translator(qapp, language) == language
    try:
        page = show_page(qtbot, CataloguePage(session_for(demo_db, librarian)))
        page.detail.show_work(work_id("Points and Lines"), copy="RR00002")
        settled()
        timeline = page.detail.timeline
        lines = [timeline.item(n).text() for n in range(timeline.count())]
    finally:
        i18n.remove_translators(qapp)
    assert back in lines[0] and issued in lines[1] and "열람실" in lines[1]
    assert not any(kind in " ".join(lines) for kind in ("room-issue", "room-return", "lend"))


def test_a_supervisor_closes_the_room_anyway_with_a_second_person(qtbot, demo_db, monkeypatch):
    from ui.dialogs import second_person
    from ui.pages import room as room_page

    demo.reading_room_morning(actor("supervisor"))
    monkeypatch.setattr(room_page, "ask_close_reason", lambda parent, count: "power cut")
    monkeypatch.setattr(
        second_person, "ask_second_person", lambda parent, session, what: actor("librarian")
    )
    page = show_page(qtbot, RoomPage(session_for(demo_db, actor("supervisor"))))
    assert page.force_button.isVisible() and not page.close_button.isEnabled()
    qtbot.mouseClick(page.force_button, Qt.MouseButton.LeftButton)
    settled()
    assert room.in_room() == [] and page.message.kind == "success"
    assert catalogue.get_copy(demo.ROOM_MORNING[0][0]).status == "missing"
    entry = trail.recent_entries(1, action="room-close")[0]
    assert '"confirmed_by":"librarian"' in entry.details and '"forced":true' in entry.details


def test_a_librarian_is_not_offered_to_close_anyway(qtbot, demo_db):
    demo.reading_room_morning(actor("supervisor"))
    page = show_page(qtbot, RoomPage(session_for(demo_db, actor("librarian"))))
    assert not page.force_button.isVisible()
