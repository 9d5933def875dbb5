"""The Catalogue page driven through its widgets: search, filter, sort, detail, add, edit."""

from __future__ import annotations

import json

import pytest
from peewee import OperationalError
from PySide6.QtCore import QEvent, QObject, Qt, QThreadPool
from PySide6.QtTest import QTest

from readingroom import catalogue, settings
from readingroom.browse import works
from readingroom.browse.works import WorkFilter
from readingroom.store.db import close_database
from readingroom.store.models import AuditEntry, Copy, Work
from tests.ui.pages_support import (
    actor,
    copies,
    demo_database,
    saved,
    session_for,
    settled,
    show_page,
    table_texts,
    wait_loaded,
    work_id,
)
from ui.models import lazy_table
from ui.models.catalogue_model import WorksModel, copies_model
from ui.pages.catalogue import CataloguePage


@pytest.fixture
def demo_db(tmp_path):
    yield demo_database(tmp_path)
    close_database()


@pytest.fixture
def page(qtbot, demo_db):
    return show_page(qtbot, CataloguePage(session_for(demo_db, actor("librarian"))))


def search(qtbot, page: CataloguePage, text: str) -> list[str]:
    page.search.clear()
    if text.isascii():
        qtbot.keyClicks(page.search, text)
    else:  # QTest types ASCII only
        page.search.setText(text)
    qtbot.waitUntil(lambda: not page.search.pending and not page.model.loading, timeout=3000)
    settle(qtbot, page)
    return table_texts(page.model, 0)


def settle(qtbot, page: CataloguePage) -> None:
    """Wait for the table and then the detail pane (read after the table has painted)."""
    qtbot.waitUntil(lambda: not page.model.loading and not page.detail_pending, timeout=3000)


def test_lists_every_work_sorted_by_title(page):
    titles = table_texts(page.model, 0)
    assert len(titles) == Work.select().count()
    assert titles == sorted(titles, key=str.lower)
    assert page.count_label.text() == f"{len(titles)} works"


def test_search_as_you_type_over_author_and_translator(qtbot, page):
    assert search(qtbot, page, "hemingway") == ["For Whom the Bell Tolls"]
    translator = Work.get(Work.title == "Points and Lines").translator
    assert search(qtbot, page, translator) == ["Points and Lines"]
    assert search(qtbot, page, "no such book anywhere") == []
    assert page.count_label.text() == "0 works"


def test_filters_narrow_the_list(qtbot, page):
    page.access_filter.set_value("staff-only")
    wait_loaded(qtbot, page.model)
    staff_only = {w.title for w in Work.select().where(Work.access == "staff-only")}
    assert set(table_texts(page.model, 0)) == staff_only
    page.access_filter.set_value(None)
    page.status_filter.set_value("on-loan")
    wait_loaded(qtbot, page.model)
    assert "Proof of the Man" in table_texts(page.model, 0)
    assert "Gone with the Wind" not in table_texts(page.model, 0)  # none of it lent
    page.status_filter.set_value(None)
    page.language_filter.set_value("ja")
    wait_loaded(qtbot, page.model)
    assert set(table_texts(page.model, 0)) == {
        w.title for w in Work.select().where(Work.original_language == "ja")
    }


def test_sort_by_clicking_headers(qtbot, page):
    header = page.table.horizontalHeader()
    year = next(i for i, c in enumerate(page.model.columns) if c.sort == "year")
    header.setSortIndicator(year, Qt.SortOrder.DescendingOrder)
    wait_loaded(qtbot, page.model)
    years = [int(y) for y in table_texts(page.model, year) if y]
    assert years == sorted(years, reverse=True)
    shelf = next(i for i, c in enumerate(page.model.columns) if c.sort is None)
    header.setSortIndicator(shelf, Qt.SortOrder.AscendingOrder)
    assert "cannot be sorted" in page.message.text()
    assert header.sortIndicatorSection() == year


def test_detail_pane_shows_copies_status_and_histories(qtbot, page):
    search(qtbot, page, "Proof of the Man")
    page.table.select_row(0)
    settled()  # the detail is read in the calls thread
    assert page.detail.title.text() == "Proof of the Man"
    shown = table_texts(page.detail.copies, 0)
    assert shown == [line.barcode for line in copies("Proof of the Man")]
    lent = next(line for line in copies("Proof of the Man") if line.member_no)
    row = shown.index(lent.barcode)
    assert lent.member_no in page.detail.copies.index(row, 5).data()
    volumes = page.detail.fields.value("Volumes")
    on_shelf = sum(
        line.status == "available" and line.volume == 1 for line in copies("Proof of the Man")
    )
    of = sum(line.volume == 1 for line in copies("Proof of the Man"))
    assert volumes.startswith("3 — on the shelf: ") and f"vol. 1: {on_shelf} of {of}" in volumes
    page.detail.copies_table.select_row(row)
    settled()  # the detail is read in the calls thread
    assert page.detail.loans.rowCount() == 1
    assert lent.member_no in page.detail.loans.index(0, 3).data()


def test_an_overdue_copy_is_marked_in_words_and_colour(qtbot, page):
    search(qtbot, page, "Proof of the Man")
    page.table.select_row(0)
    settled()  # the detail is read in the calls thread
    texts = table_texts(page.detail.copies, 5)
    overdue = [row for row, text in enumerate(texts) if "overdue" in text]
    assert overdue, texts
    index = page.detail.copies.index(overdue[0], 5)
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None


def test_add_a_work_after_a_validation_error(qtbot, page):
    page.new_button.click()
    dialog = page.dialog
    dialog.inputs["title"].setText("The Bridge on the Drina")
    dialog.inputs["year"].setText("19x1")
    assert not saved(dialog)
    assert dialog.message.text() == "A work needs an author."
    assert dialog.isVisible() and dialog.focusWidget() is dialog.inputs["author"]
    dialog.inputs["author"].setText("Ivo Andrić")
    assert not saved(dialog)
    assert "Bad year '19x1'" in dialog.message.text()
    assert dialog.focusWidget() is dialog.inputs["year"]
    assert not Work.select().where(Work.title == "The Bridge on the Drina").exists()
    dialog.inputs["year"].setText("1961")
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    settle(qtbot, page)
    work = Work.get(Work.title == "The Bridge on the Drina")
    assert (work.author, work.year) == ("Ivo Andrić", 1961)
    assert page.detail.title.text() == "The Bridge on the Drina"
    assert AuditEntry.select().order_by(AuditEntry.id.desc()).first().action == "work-add"


def test_add_a_copy_after_a_duplicate_barcode(qtbot, page):
    search(qtbot, page, "Decameron")
    page.table.select_row(0)
    settled()  # the detail is read in the calls thread
    taken = copies("Decameron")[0].barcode
    page.detail.add_copy_button.click()
    settled()  # the dialog opens once the work's form is read
    dialog = page.dialog
    qtbot.keyClicks(dialog.barcode, f" {taken.lower()}")  # the same code once normalised
    assert not saved(dialog)
    assert dialog.message.text() == (
        f"The barcode {taken.lower()!r} ({taken} once normalised) is already used by another "
        "copy; nothing was added."
    )
    dialog.barcode.clear()
    qtbot.keyClicks(dialog.barcode, "new-0001 ")  # stored in the one form, as imports do
    dialog.location.setCurrentText("Safe D/2")
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    settled()
    copy = catalogue.get_copy("NEW-0001")
    assert (copy.work.title, copy.location, copy.status) == ("Decameron", "Safe D/2", "available")
    assert "NEW-0001" in table_texts(page.detail.copies, 0)
    assert page.detail.selected_copy().barcode == "NEW-0001"


def test_edit_a_work_from_enter_on_the_table(qtbot, page):
    search(qtbot, page, "Decameron")
    page.table.select_row(0)
    settled()  # the detail is read in the calls thread
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    settled()
    dialog = page.dialog
    assert dialog.inputs["title"].text() == "Decameron"
    dialog.inputs["publisher"].setText("Foreign Languages House")
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    assert Work.get_by_id(work_id("Decameron")).publisher == "Foreign Languages House"
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).first()
    assert entry.action == "work-edit" and "publisher" in entry.details
    assert "title" not in entry.details.split('"new"')[1]  # only what changed


def test_mark_a_copy_missing_and_back(qtbot, page):
    search(qtbot, page, "Decameron")
    page.table.select_row(0)
    settled()  # the detail is read in the calls thread
    barcode = copies("Decameron")[0].barcode
    page.detail.copies_table.select_row(0)
    settled()  # the detail is read in the calls thread
    page.detail.mark_actions["missing"].trigger()
    settled()
    assert Copy.get(Copy.barcode == barcode).status == "missing"
    assert "Missing" in page.detail.copies.index(0, 2).data()
    assert "missing" in page.message.text()
    page.detail.mark_actions["available"].trigger()
    settled()
    assert Copy.get(Copy.barcode == barcode).status == "available"


def test_a_lent_copy_cannot_be_marked_lost_and_says_why(qtbot, page):
    search(qtbot, page, "Proof of the Man")
    page.table.select_row(0)
    settled()  # the detail is read in the calls thread
    row = next(i for i, line in enumerate(copies("Proof of the Man")) if line.status == "on-loan")
    page.detail.copies_table.select_row(row)
    settled()  # the detail is read in the calls thread
    page.detail.mark_actions["lost"].trigger()
    settled()
    assert page.message.kind == "error" and "on-loan" in page.message.text()


def test_inspector_reads_but_cannot_change(qtbot, demo_db):
    page = show_page(qtbot, CataloguePage(session_for(demo_db, actor("inspector"))))
    page.table.select_row(0)
    settled()  # the detail is read in the calls thread
    page.detail.copies_table.select_row(0)
    settled()  # the detail is read in the calls thread
    assert not page.new_button.isEnabled() and not page.edit_button.isEnabled()
    assert not page.detail.mark_button.isEnabled()
    assert "Read-only" in page.read_only_note.text()
    page.mark_copy("missing")  # the service layer refuses, shown inline
    settled()
    assert page.message.kind == "error" and "inspector" in page.message.text()


def test_ctrl_f_focuses_the_search_field(qtbot, page):
    page.table.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()


def test_models_pass_the_model_tester(qtbot, qtmodeltester, demo_db, page):
    model = WorksModel(threaded=False)
    model.reload()
    qtmodeltester.check(model)
    listing = copies_model()
    listing.set_rows(copies("Proof of the Man"))
    qtmodeltester.check(listing)
    qtmodeltester.check(page.detail.loans)
    qtmodeltester.check(page.detail.conditions)


def test_edit_a_copy_with_enter_on_the_copies(qtbot, page):
    search(qtbot, page, "Decameron")
    page.table.select_row(0)
    settled()  # the detail is read in the calls thread
    line = copies("Decameron")[0]
    page.detail.copies_table.select_row(0)
    settled()  # the detail is read in the calls thread
    page.detail.copies_table.setFocus()
    qtbot.keyClick(page.detail.copies_table, Qt.Key.Key_Return)
    settled()
    dialog = page.dialog
    assert dialog.barcode.text() == line.barcode and dialog.barcode.isReadOnly()
    dialog.location.setCurrentText("Safe E/1")
    dialog.condition.setCurrentIndex(dialog.condition.findData("ragged"))
    dialog.status.setCurrentIndex(dialog.status.findData("missing"))
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    settled()
    copy = catalogue.get_copy(line.barcode)
    assert (copy.location, copy.condition, copy.status) == ("Safe E/1", "ragged", "missing")
    assert page.detail.copies.index(0, 2).data() == "Missing"
    assert page.detail.copies.index(0, 2).data(Qt.ItemDataRole.DecorationRole) is not None


def test_a_sets_volumes_named_by_its_contents_are_shown_beside_their_copies(qtbot, page, tmp_path):
    """A library's record whose 505 names the volumes (issue 15): the copies table gives
    each copy's volume with its name, and the volume's name as its tip."""
    from readingroom import marc
    from tests.core.test_marc_contents import set_record
    from tests.core.test_marc_real import write_records

    marc.import_marc(page.session.actor, write_records(tmp_path / "set.mrc", set_record()))
    found = search(qtbot, page, "Proof of the man")
    page.table.select_row(found.index("Proof of the man"))  # the demo's own set besides
    settled()
    assert table_texts(page.detail.copies, 0) == ["SET-0002"]
    assert table_texts(page.detail.copies, 1) == ["2 · Kuroi kaban"]
    tip = page.detail.copies.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "Kuroi kaban"


def type_by_input_method(widget, text: str) -> None:
    """Text committed by an input method (a Korean keyboard's Hangul), as Qt delivers it."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_a_works_own_script_fields_typed_in_its_dialog_are_saved_audited_and_found(qtbot, page):
    search(qtbot, page, "Decameron")
    page.table.select_row(0)
    settled()
    page.edit_button.click()
    settled()
    dialog = page.dialog
    fields = {name: dialog.inputs[f"{name}_vernacular"] for name in ("title", "author")}
    fields["translator"] = dialog.inputs["translator_vernacular"]
    assert all(field.text() == "" for field in fields.values())
    type_by_input_method(fields["title"], "데카메론")
    type_by_input_method(fields["author"], "보카치오")
    fields["translator"].setFocus()
    qtbot.keyClicks(fields["translator"], "Kim Chol")
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    settled()
    work = Work.get_by_id(work_id("Decameron"))
    assert (work.title_vernacular, work.author_vernacular, work.translator_vernacular) == (
        "데카메론",
        "보카치오",
        "Kim Chol",
    )
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).first()
    details = json.loads(entry.details)
    assert entry.action == "work-edit"
    assert details["new"] == {
        "title_vernacular": "데카메론",
        "author_vernacular": "보카치오",
        "translator_vernacular": "Kim Chol",
    }
    assert [w.title for w in catalogue.search("데카메론")] == ["Decameron"]
    page.edit_button.click()
    settled()
    assert page.dialog.inputs["title_vernacular"].text() == "데카메론"  # shown when reopened


def test_a_copys_call_number_typed_in_its_dialog_is_saved_and_audited(qtbot, page):
    search(qtbot, page, "Decameron")
    page.table.select_row(0)
    settled()
    line = copies("Decameron")[0]
    page.detail.copies_table.select_row(0)
    settled()
    page.detail.edit_copy_button.click()
    settled()
    dialog = page.dialog
    assert dialog.call_number.text() == ""
    dialog.call_number.setFocus()
    qtbot.keyClicks(dialog.call_number, "PZ3 .B65 v.1")
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    settled()
    assert catalogue.get_copy(line.barcode).call_number == "PZ3 .B65 v.1"
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).first()
    assert (entry.action, entry.entity_id) == ("copy-edit", line.barcode)
    details = json.loads(entry.details)
    assert (details["old"]["call_number"], details["new"]["call_number"]) == ("", "PZ3 .B65 v.1")
    page.detail.edit_copy_button.click()
    settled()
    assert page.dialog.call_number.text() == "PZ3 .B65 v.1"  # shown again when reopened


def test_a_copys_call_numbers_are_listed_newest_first_from_the_trail(qtbot, page):
    search(qtbot, page, "Decameron")
    page.table.select_row(0)
    settled()
    page.detail.copies_table.select_row(0)
    settled()
    shown = page.detail.call_numbers
    assert [shown.item(n).text() for n in range(shown.count())] == ["No call number recorded yet."]
    for typed in ("PZ3 .B65 v.1", "PZ3 .B65 v.2"):
        page.detail.edit_copy_button.click()
        settled()
        dialog = page.dialog
        dialog.call_number.selectAll()
        qtbot.keyClicks(dialog.call_number, typed)
        with qtbot.waitSignal(dialog.saved):
            dialog.save()
        settled()
    lines = [shown.item(n).text() for n in range(shown.count())]
    assert len(lines) == 2, lines
    assert "PZ3 .B65 v.1 → PZ3 .B65 v.2" in lines[0] and "(copy-edit)" in lines[0]
    assert "— → PZ3 .B65 v.1" in lines[1] and "lib" in lines[1]
    tabs = page.detail.history_tabs
    assert tabs.tabText(tabs.indexOf(shown)) == "Call numbers"


def test_a_copy_put_back_for_a_waiting_reader_is_said_to_be_held(qtbot, page):
    """Marking a copy available when a reader waits for its volume sets it aside at once:
    the page says where the copy went (set aside), from the write's own result."""
    from readingroom.holds import place_hold

    boss = actor("supervisor")
    for barcode in ("RR00009", "RR00010"):
        catalogue.mark_copy(boss, barcode, "missing")
    assert place_hold(boss, "RR00009", "W-1003").set_aside is None  # nothing on the shelf
    title = Copy.get(Copy.barcode == "RR00009").work.title
    search(qtbot, page, title)
    page.table.select_row(0)
    settled()  # the detail is read in the calls thread
    row = next(i for i, line in enumerate(copies(title)) if line.barcode == "RR00009")
    page.detail.copies_table.select_row(row)
    settled()
    page.mark_copy("available")
    settled()
    assert catalogue.get_copy("RR00009").status == "held"
    assert page.message.kind == "success" and page.message.text() == "RR00009 is now set aside."


def test_a_scanned_barcode_finds_its_work_and_selects_the_copy(qtbot, page):
    """A copy's barcode typed into the search (a scanner types it and presses Enter, in
    whatever case) shows its work with that copy selected in the detail pane."""
    work = Copy.get(Copy.barcode == "RR00010").work
    search(qtbot, page, "rr00010")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    settle(qtbot, page)
    settled()  # the detail is read in the calls thread
    assert page.current_work_id() == work.id
    assert page.detail.selected_copy().barcode == "RR00010"
    search(qtbot, page, "Decameron")  # an ordinary search afterwards selects as before
    settled()
    assert page.detail.selected_copy() is None or page.detail.selected_copy().barcode != "RR00010"


def test_a_barcode_scanned_with_the_scanners_prefix_and_suffix_finds_its_copy(qtbot, page):
    """The scanner's prefix and suffix (Settings) are taken off in the search as at the desk."""
    boss = actor("supervisor")
    settings.set_scanner_affix(boss, settings.SCANNER_PREFIX, "*")
    settings.set_scanner_affix(boss, settings.SCANNER_SUFFIX, "#")
    work = Copy.get(Copy.barcode == "RR00010").work
    search(qtbot, page, "*rr00010#")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    settle(qtbot, page)
    settled()
    assert page.current_work_id() == work.id
    assert page.detail.selected_copy().barcode == "RR00010"


def test_a_librarian_may_not_withdraw_a_copy(qtbot, page):
    """Withdrawing takes a copy out of the stocktake: a supervisor's act, refused inline."""
    search(qtbot, page, "Decameron")
    page.table.select_row(0)
    settled()  # the detail is read in the calls thread
    line = copies("Decameron")[0]
    page.detail.copies_table.select_row(0)
    settled()  # the detail is read in the calls thread
    page.mark_copy("withdrawn")
    settled()
    assert catalogue.get_copy(line.barcode).status == line.status
    assert "supervisor" in page.message.text()


def test_typing_quickly_runs_one_search(qtbot, page):
    loads = []
    page.model.loaded.connect(lambda: loads.append(page.model.rowCount()))
    qtbot.keyClicks(page.search, "hemingway")  # faster than the debounce
    qtbot.waitUntil(lambda: not page.search.pending and not page.model.loading)
    assert loads == [1]


def test_only_the_latest_search_is_shown(qtbot, page):
    page.model.set_filter(WorkFilter(text="hemingway"))
    page.model.set_filter(WorkFilter(text="dante"))
    wait_loaded(qtbot, page.model)
    assert table_texts(page.model, 0) == ["Divine Comedy"]


def test_a_page_closed_while_searching_is_no_trouble(qtbot, demo_db):
    page = CataloguePage(session_for(demo_db, actor("librarian")))  # e.g. on sign-out
    page.refresh()
    page.model.set_filter(WorkFilter(text="proof"))
    assert page.model.loading
    page.deleteLater()
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0)
    qtbot.wait(50)  # the answer arrives for a model that is gone: dropped, no error


# -- a large catalogue: the first screen before the whole list ------------------------------


def loads_of(page: CataloguePage) -> list[dict]:
    """What the page shows at each ``loaded``: its count, titles, the last row's id."""
    seen: list[dict] = []
    model = page.model

    def record() -> None:
        seen.append(
            {
                "rows": model.rowCount(),
                "complete": model.complete,
                "label": page.count_label.text(),
                "titles": table_texts(model, 0),
                "last_id": model.id_at(model.rowCount() - 1),
            }
        )

    model.loaded.connect(record)
    return seen


def test_a_sort_shows_its_first_screen_and_true_count_before_the_rest(qtbot, page):
    page.model.BLOCK = 5  # the demo's 23 works stand in for 250,000
    every = Work.select().count()
    loads = loads_of(page)
    title = next(i for i, c in enumerate(page.model.columns) if c.sort == "title")
    page.table.horizontalHeader().setSortIndicator(title, Qt.SortOrder.DescendingOrder)
    settle(qtbot, page)
    first, whole = loads
    titles = sorted((w.title for w in Work.select()), key=str.lower, reverse=True)
    assert not first["complete"] and first["last_id"] is None  # the rest not read yet
    assert first["rows"] == every and first["label"] == f"{every} works"  # the scroll bar
    assert first["titles"][:5] == titles[:5] and first["titles"][5:] == [None] * (every - 5)
    assert whole["complete"] and whole["last_id"] is not None
    assert table_texts(page.model, 0) == titles


def test_a_sort_keeps_the_selected_work_and_reads_its_detail_once(qtbot, page, monkeypatch):
    page.model.BLOCK = 5
    reads = []
    read = works.work_detail
    monkeypatch.setattr(works, "work_detail", lambda work: reads.append(work) or read(work))
    page.table.select_row(15)  # beyond the first screen in either order
    chosen = page.current_work_id()
    author = next(i for i, c in enumerate(page.model.columns) if c.sort == "author")
    page.table.horizontalHeader().setSortIndicator(author, Qt.SortOrder.DescendingOrder)
    settle(qtbot, page)
    assert page.current_work_id() == chosen
    assert page.detail.title.text().startswith(Work.get_by_id(chosen).title)
    assert reads == [chosen]  # the sort changed nothing in the work: not read again
    assert page.table.rowViewportPosition(page.table.current_row()) >= 0  # scrolled to it
    page.refresh()  # a change to the data: the detail is read again, once
    settle(qtbot, page)
    assert reads == [chosen, chosen] and page.current_work_id() == chosen


def test_a_search_shows_index_order_first_then_sorted_and_counted(qtbot, page):
    page.model.BLOCK = 4
    loads = loads_of(page)
    page.model.set_filter(WorkFilter(text="the"))
    settle(qtbot, page)
    first, whole = loads
    matches = [
        w.title for w in Work.select().where(Work.id.in_(works.work_ids(WorkFilter(text="the"))))
    ]
    assert first["rows"] == 4 and not first["complete"] and first["label"] == "4+ works, counting…"
    assert set(first["titles"]) <= set(matches)
    assert whole["complete"] and whole["label"] == f"{len(matches)} works"
    assert table_texts(page.model, 0) == sorted(matches, key=str.lower)
    assert page.detail.title.text().startswith(table_texts(page.model, 0)[0])


def test_while_typing_the_rest_of_a_search_waits_for_a_pause(qtbot, page, monkeypatch):
    """Each keystroke shows its first screen; the whole list is read only once the typing
    pauses, so the next key's screen never waits behind a long sort of the last one's."""
    page.model.BLOCK = 2
    rests = []
    monkeypatch.setattr(works, "work_ids", lambda *a, **k: rests.append(a) or [])
    loads = loads_of(page)
    page.search.setFocus()
    for key in "th":
        QTest.keyClicks(page.search, key)
        qtbot.waitUntil(lambda: len(loads) >= 1 and page.model.rowCount() > 0, timeout=3000)
        loads.clear()
    qtbot.wait(lazy_table.REST_AFTER_TYPING_MS // 4)
    assert rests == []  # still typing: no full read yet
    qtbot.waitUntil(lambda: bool(rests), timeout=3000)  # the pause: the rest is read
    assert len(rests) == 1 and rests[0][0].text == "th"


def test_a_background_query_gone_stale_is_interrupted(qtbot, page, monkeypatch):
    monkeypatch.setattr(lazy_table, "ABORT_CHECK_STEPS", 1)
    model = page.model
    wanted = model._while_latest(model._generation, model.ids_query())
    assert wanted(None) == works.work_ids()
    stale = model._while_latest(model._generation, model.ids_query())
    model.reload()  # a newer request: the older query stops at SQLite's next check
    with pytest.raises(OperationalError, match="interrupt"):
        stale(None)
    wait_loaded(qtbot, model)


def test_a_search_reads_nothing_in_the_window_thread_before_it_paints(qtbot, page, monkeypatch):
    import threading

    readers = []
    read = works.work_rows
    monkeypatch.setattr(
        works, "work_rows", lambda ids: readers.append(threading.current_thread()) or read(ids)
    )
    with qtbot.waitSignal(page.model.loaded, timeout=3000):
        page.model.set_filter(WorkFilter(text="the"))
    assert readers and threading.main_thread() not in readers  # the pool thread read them
    page.table.viewport().repaint()
    assert table_texts(page.model, 0)[0] is not None
    assert threading.main_thread() not in readers
    settle(qtbot, page)


def test_a_repaint_works_each_shown_cell_out_once(qtbot, page):
    from dataclasses import replace

    model, asked = page.model, []
    model.columns[0] = replace(
        model.columns[0], text=lambda row, text=model.columns[0].text: asked.append(1) or text(row)
    )
    model.set_filter(WorkFilter(text="the"))
    settle(qtbot, page)
    page.table.viewport().repaint()
    shown = len(asked)
    assert shown > 0
    for _ in range(3):
        page.table.viewport().repaint()
    assert len(asked) == shown  # the display, accessible text and tone answers are kept
    model.invalidate_rows()  # the data changed: worked out again
    page.table.viewport().repaint()
    assert len(asked) > shown
    settle(qtbot, page)


def test_the_tone_of_a_shown_cell_follows_the_palette(qtbot, page):
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    from ui.models.columns import tone_text

    model = page.model
    first = model.id_at(0)
    for line in works.work_detail(first).copies:  # every copy out: the shelf count is marked
        catalogue.edit_copy(page.session.actor, line.barcode, status="missing")
    page.refresh()
    settle(qtbot, page)
    shelf = next(i for i, c in enumerate(model.columns) if c.tone is not None)
    tone, row = model.columns[shelf].tone, model.row_of(first)
    index = model.index(row, shelf)
    light = index.data(Qt.ItemDataRole.ForegroundRole).color()
    assert light == tone_text(tone(model.row_at(row)))
    app = QApplication.instance()
    before = app.palette()
    dark = QPalette(before)
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    try:
        app.setPalette(dark)
        qtbot.wait(10)
        assert index.data(Qt.ItemDataRole.ForegroundRole).color() == tone_text(
            tone(model.row_at(row))
        )
        assert index.data(Qt.ItemDataRole.ForegroundRole).color() != light
    finally:
        app.setPalette(before)


def test_the_kept_answers_are_the_columns_answers_in_every_role(qtbot, page):
    from PySide6.QtGui import QBrush, QIcon

    from ui.models.columns import cell_data

    model = page.model
    first = model.id_at(0)
    for line in works.work_detail(first).copies:  # a toned cell among them
        catalogue.edit_copy(page.session.actor, line.barcode, status="missing")
    page.refresh()
    settle(qtbot, page)
    page.table.viewport().repaint()  # the answers are kept as the rows are painted
    roles = [role for role in Qt.ItemDataRole if role < Qt.ItemDataRole.UserRole]

    def same(kept, fresh) -> bool:
        if isinstance(fresh, QBrush):
            return isinstance(kept, QBrush) and kept.color() == fresh.color()
        if isinstance(fresh, QIcon):
            return (
                isinstance(kept, QIcon) and kept.pixmap(16).toImage() == fresh.pixmap(16).toImage()
            )
        return kept == fresh

    toned = 0
    for row in range(model.rowCount()):
        for column, spec in enumerate(model.columns):
            work = model.row_at(row)
            for role in roles:
                fresh = cell_data(spec, work, role)
                assert same(model.index(row, column).data(role), fresh), (row, column, role)
                toned += isinstance(fresh, QIcon)
    assert toned  # the tone's icon was among them


def test_the_detail_is_read_off_the_gui_thread_and_only_the_last_chosen_shown(qtbot, page):
    """Choosing a work asks the calls thread; the pane changes when its answer arrives, and
    of works chosen quickly one after another only the last is shown."""
    titles = table_texts(page.model, 0)
    page.table.select_row(1)
    assert page.detail.title.text() == titles[0]  # not read yet
    assert page.detail_pending
    settled()
    assert page.detail.title.text().startswith(titles[1])
    page.table.select_row(2)
    page.table.select_row(0)
    settled()
    assert page.detail.title.text().startswith(titles[0])
    assert table_texts(page.detail.copies, 0) == [
        line.barcode for line in works.work_detail(page.current_work_id()).copies
    ]


def test_a_copys_history_is_read_off_the_gui_thread(qtbot, page):
    search(qtbot, page, "Proof of the Man")
    lent = next(line for line in copies("Proof of the Man") if line.member_no)
    row = table_texts(page.detail.copies, 0).index(lent.barcode)
    page.detail.copies_table.select_row(row)
    assert page.detail.loans.rowCount() == 0  # not read yet
    settled()
    assert page.detail.loans.rowCount() == 1
    assert page.detail.history_tabs.tabText(0) == f"Loan history {lent.barcode}"
    page.detail.copies_table.clearSelection()
    page.detail.copies_table.setCurrentIndex(page.detail.copies.index(-1, 0))
    settled()
    assert page.detail.loans.rowCount() == 0  # no copy chosen: an empty history
    assert page.detail.history_tabs.tabText(0) == "Loan history"


def test_the_language_filter_is_read_off_the_gui_thread(page):
    assert page.language_filter.findData("sw") < 0
    catalogue.add_work(
        actor("librarian"), title="Kinjeketile", author="Ebrahim Hussein", original_language="sw"
    )
    page.refresh()
    assert page.language_filter.findData("sw") < 0  # not read yet
    settled()
    assert page.language_filter.findData("sw") > 0


def test_typing_reads_on_one_connection_kept_from_key_to_key(qtbot, page, monkeypatch):
    import sqlite3
    import threading

    from readingroom.store.db import database
    from ui import operations

    seen: list[tuple[threading.Thread, object]] = []
    first_screen = works.first_screen

    def watched(*args, **kwargs):
        seen.append((threading.current_thread(), database.connection()))
        return first_screen(*args, **kwargs)

    monkeypatch.setattr(works, "first_screen", watched)
    for text in ("he", "hem", "dan"):  # each typed into the field, waited for as a user
        assert search(qtbot, page, text)
    threads = {thread for thread, _ in seen}
    connections = {id(connection) for _, connection in seen}
    assert len(seen) >= 3 and len(threads) == 1 and len(connections) == 1
    (reader,) = threads
    assert reader not in (threading.main_thread(), operations.lane().worker)  # its own
    kept = seen[0][1]
    assert kept is not database.connection()  # never the window's own
    operations.release()  # the window closes: the connection kept is closed
    with pytest.raises(sqlite3.ProgrammingError):
        kept.execute("SELECT 1")
    assert search(qtbot, page, "proof") == ["Proof of the Man"]  # opened again when needed


def test_a_page_that_goes_ends_its_reads_thread(qtbot, demo_db, monkeypatch):
    import threading

    readers: list[threading.Thread] = []
    first_screen = works.first_screen
    monkeypatch.setattr(
        works,
        "first_screen",
        lambda *a, **k: readers.append(threading.current_thread()) or first_screen(*a, **k),
    )
    page = CataloguePage(session_for(demo_db, actor("librarian")))  # e.g. on sign-out
    page.refresh()  # the first load, at once
    readers.clear()
    with qtbot.waitSignal(page.model.loaded, timeout=3000):
        page.model.set_filter(WorkFilter(text="dante"))
    (reader,) = set(readers)
    assert reader.is_alive() and reader is not threading.main_thread()
    page.deleteLater()
    qtbot.waitUntil(lambda: not reader.is_alive(), timeout=3000)


def test_the_filter_row_keeps_its_place_as_the_count_changes(qtbot, page):
    page.model.BLOCK = 4  # a search's first screen says "4+ works, counting…" first
    places: set[tuple[int, int]] = set()
    texts: set[str] = set()

    def record() -> None:
        label = page.count_label
        places.add((label.width(), page.search.width()))
        texts.add(label.text())
        assert label.fontMetrics().horizontalAdvance(label.text()) <= label.width()  # whole

    page.model.loaded.connect(record)
    for text in ("the", "dante", "zzzz", ""):  # counting, one work, none, every work
        search(qtbot, page, text)
        qtbot.wait(10)  # a layout asked for would have run by now
        record()
    assert {"4+ works, counting…", "1 work", "0 works"} <= texts
    assert len(places) == 1  # the count's width, so the search field's, never changed


def test_detail_shows_a_library_records_own_script_and_fields(qtbot, demo_db):
    """A record from a library (marc4j's Russian novel, with its 880s) shows its Cyrillic
    beside the romanisation, its librarian's fields, and Koha's call numbers apart."""
    from readingroom import marc
    from tests.core.test_marc_real import DATA

    marc.import_marc(actor("librarian"), DATA / "marc4j_cyrillic_capital_e.mrc")
    marc.import_marc(actor("librarian"), DATA / "koha_translations.mrc")
    page = show_page(qtbot, CataloguePage(session_for(demo_db, actor("librarian"))))
    assert search(qtbot, page, "Буйда") == ["Vor, shpion i ubiĭt︠s︡a"]
    page.table.select_row(0)
    settled()
    settle(qtbot, page)
    fields = page.detail.fields
    assert fields.value("Title in its own script") == "Вор, шпион и убийца"
    assert page.detail.byline.text() == "Buĭda, I︠U︡riĭ (Буйда, Юрий)"
    assert fields.value("Call number") == "PG3479.4.U485 V67 2013"
    assert fields.value("Record") == "SIRSI u6015439"
    assert "Psychological fiction" in fields.value("Subjects")
    shown = search(qtbot, page, "Ten to sen")
    page.table.select_row(shown.index("Points and lines"))
    settled()
    settle(qtbot, page)
    headers = [
        page.detail.copies.headerData(c, Qt.Orientation.Horizontal)
        for c in range(page.detail.copies.columnCount())
    ]
    shelf = headers.index("Location")
    assert table_texts(page.detail.copies, shelf) == ["Safe A/1", "Safe A/1"]  # no location
    assert [line.call_number for line in page.detail.copies.rows] == ["Safe A/1", "Safe A/1"]


class _Paints(QObject):
    """Counts the paint events of the widget it watches."""

    def __init__(self, widget) -> None:
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, _watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_each_search_paints_the_rows_once(qtbot, page):
    """Searching paints the new rows once. A list growing past one screen or shrinking
    below it used to bring a scroll bar and take it away, which resized the columns and
    painted the rows again; the view's delayed layout asked for another paint besides."""
    page.resize(1000, 420)  # the demo's 23 works take more than one screen
    search(qtbot, page, "the")  # the first reload lays the table out at this size
    qtbot.wait(60)
    paints = _Paints(page.table.viewport())
    for text in ("hemingway", "", "points", "", "a", "no such book", ""):
        paints.count = 0
        page.search.setText(text)
        qtbot.waitUntil(lambda: not page.search.pending and not page.model.loading, timeout=3000)
        settle(qtbot, page)
        qtbot.wait(60)  # a paint asked for late arrives meanwhile
        assert paints.count == 1, (text, paints.count)


def test_a_copy_at_a_reading_room_table_is_not_counted_on_the_shelf(qtbot, demo_db):
    from readingroom import room

    room.issue(actor("librarian"), "RR00002", "W-1002", seat=4)
    page = show_page(qtbot, CataloguePage(session_for(demo_db, actor("librarian"))))
    row = search(qtbot, page, "Points and Lines").index("Points and Lines")
    headers = [
        page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())
    ]
    cell = page.model.index(row, headers.index("On shelf"))
    lines = copies("Points and Lines")
    shelf = sum(line.status == "available" and line.seat is None for line in lines)
    assert any(line.seat == 4 for line in lines) and shelf < len(lines)
    assert cell.data() == f"{shelf} / {len(lines)}"
    assert "1 with a reader at a reading-room table" in cell.data(Qt.ItemDataRole.ToolTipRole)
