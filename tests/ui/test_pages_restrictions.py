"""The Restrictions page: the demo's restriction and its copy at conservation listed; a
supervisor adds and lifts a restriction typing into the real dialogs; desk staff release a
copy from conservation; a librarian may not place or lift one."""

from __future__ import annotations

import pytest
from pytestqt.qt_compat import qt_api

from readingroom import circulation, restrictions
from readingroom.store.db import close_database
from tests.ui.pages_support import (
    actor,
    demo_database,
    saved,
    session_for,
    settled,
    show_page,
    table_texts,
)
from ui.pages.restrictions import (
    LiftDialog,
    ReleaseDialog,
    RestrictDialog,
    RestrictionsPage,
    conservation_model,
    restrictions_model,
)


@pytest.fixture
def demo_db(tmp_path):
    yield demo_database(tmp_path)
    close_database()


def open_page(qtbot, demo_db, username: str) -> RestrictionsPage:
    page = RestrictionsPage(session_for(demo_db, actor(username)))
    return show_page(qtbot, page)  # type: ignore[return-value]


def test_the_models_pass_the_model_tester(qtmodeltester, demo_db):
    model = restrictions_model()
    model.set_rows(restrictions.list_restrictions())
    qtmodeltester.check(model)
    other = conservation_model()
    qtmodeltester.check(other)


def test_the_demo_restriction_and_the_copy_at_conservation_are_listed(qtbot, demo_db):
    page = open_page(qtbot, demo_db, "librarian")
    assert table_texts(page.restrictions, 1) == ["The Crab Cannery Ship"]
    assert table_texts(page.restrictions, 2) == ["every copy"]
    assert table_texts(page.conservation, 0) == ["RR00046"]
    # a librarian sees them but may not place or lift a restriction
    assert not page.add_button.isEnabled() and not page.lift_button.isEnabled()
    assert page.release_button.isEnabled()


def test_a_supervisor_adds_and_lifts_a_restriction(qtbot, demo_db):
    page = open_page(qtbot, demo_db, "supervisor")
    assert page.add_button.isEnabled()
    page.add_restriction()
    dialog = page.dialog
    assert isinstance(dialog, RestrictDialog)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.target, "RR00001")
    qtbot.keyClicks(dialog.reason, "Spine split")
    assert not saved(dialog)  # no authority: refused inline, the dialog stays
    assert "authority" in dialog.message.text().lower()
    qtbot.keyClicks(dialog.authority, "Conservator's report")
    qtbot.keyClicks(dialog.ends, "not a day")
    assert not saved(dialog)
    dialog.ends.clear()
    assert saved(dialog)
    settled()
    assert "copy RR00001" in table_texts(page.restrictions, 2)
    assert circulation.check("RR00001", "W-1001").codes == ["RESTRICTED"]
    row = table_texts(page.restrictions, 2).index("copy RR00001")
    page.restrictions_table.select_row(row)
    page.lift_selected()
    lift = page.dialog
    assert isinstance(lift, LiftDialog)
    qtbot.addWidget(lift)
    qtbot.keyClicks(lift.reason, "Mended")
    assert saved(lift)
    settled()
    assert "copy RR00001" not in table_texts(page.restrictions, 2)
    assert circulation.check("RR00001", "W-1001").allowed


def test_a_copy_is_released_from_conservation(qtbot, demo_db):
    page = open_page(qtbot, demo_db, "librarian")
    assert circulation.check("RR00046", "W-1001").codes == ["NOT_AVAILABLE"]
    page.release_selected()
    dialog = page.dialog
    assert isinstance(dialog, ReleaseDialog)
    qtbot.addWidget(dialog)
    dialog.condition.setCurrentIndex(dialog.condition.findData("worn"))
    qtbot.keyClicks(dialog.note, "Spine reglued")
    qtbot.keyClick(dialog.note, qt_api.QtCore.Qt.Key.Key_Tab)
    assert saved(dialog)
    settled()
    assert table_texts(page.conservation, 0) == []
    assert "CONDITION_RESTRICTED" not in circulation.check("RR00046", "W-1001").codes


def test_the_work_dialog_marks_a_work_issued_as_a_set(qtbot, demo_db):
    from PySide6.QtCore import Qt

    from readingroom.queries import forms
    from readingroom.restriction_rules import is_set_issue
    from readingroom.store.models import Work
    from ui.dialogs.work_dialog import WorkDialog

    work = Work.get(Work.title == "Divine Comedy")
    assert not is_set_issue(work.id)
    dialog = WorkDialog(session_for(demo_db, actor("librarian")), forms.work_form(work.id))
    qtbot.addWidget(dialog)
    assert not dialog.set_issue.isChecked()
    qtbot.mouseClick(dialog.set_issue, Qt.MouseButton.LeftButton)
    assert dialog.changes() == {"set_issue": True}
    assert saved(dialog)
    assert is_set_issue(work.id)
    assert circulation.check("RR00016", "W-1004").codes == ["SET_TOGETHER"]


def test_the_readiness_page_names_the_works_withheld(qtbot, demo_db):
    from ui.pages.readiness import ReadinessPage

    page = show_page(qtbot, ReadinessPage(session_for(demo_db, actor("librarian"))))
    settled()
    assert page.restricted_label.isVisible()
    assert page.restricted_label.text() == (
        "Withheld by a restriction: The Crab Cannery Ship (every copy)."
    )
