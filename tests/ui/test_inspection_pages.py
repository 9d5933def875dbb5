"""The inspection pages driven through their main uses on the demo collection (offscreen)."""

from __future__ import annotations

import csv
import threading
from datetime import timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox

from readingroom import clock, inspection, reminders, staff, stocktake
from readingroom.browse.waiting import works_with_waiting_lists
from readingroom.demo import DAYS_TO_INSPECTION
from readingroom.reports import charts
from readingroom.store.inspection_models import OUTCOMES, Reminder
from readingroom.store.models import Copy, Loan
from tests.ui.inspection_support import (  # noqa: F401 - fixtures
    boss_fixture,
    cell,
    chosen_folder_fixture,
    column_texts,
    confirm_yes_fixture,
    open_page_fixture,
    session_as_fixture,
    wait_for_job,
)
from tests.ui.pages_support import settled
from ui import errors, i18n, operations
from ui.pages import stocktake as stocktake_page
from ui.pages.circulation import CirculationPage
from ui.pages.readiness import ReadinessPage
from ui.pages.reminders import RemindersPage
from ui.pages.reports import ReportsPage
from ui.pages.stocktake import StocktakePage
from ui.widgets import folder_ask, pdf_preview
from ui.widgets.dates import to_qdate


def active_loans() -> list[Loan]:
    return list(Loan.select().where(Loan.returned_at.is_null()).order_by(Loan.due))


def schedule_after_some_loans(boss) -> tuple[Loan, Loan]:
    """Schedule the inspection so that one demo loan is overdue and one falls due after it.

    Returns (an overdue loan, a loan due on or after the inspection day).
    """
    today = clock.today()
    loans = active_loans()
    overdue = next(loan for loan in loans if loan.due < today)
    later = loans[-1]
    assert later.due > today, "the demo should have a loan not yet due"
    inspection.schedule(boss, later.due)
    return overdue, later


# -- readiness ----------------------------------------------------------------------------


@pytest.mark.both_databases
def test_readiness_lists_overdue_and_due_after_the_inspection(open_page, boss):
    overdue, later = schedule_after_some_loans(boss)
    page = open_page(ReadinessPage, "librarian")
    days_left = (later.due - clock.today()).days
    assert page.countdown.number.text() == str(days_left)
    assert later.due.isoformat() in page.countdown.headline.text()

    rows = {cell(page.model, row, "Barcode"): row for row in range(page.model.rowCount())}
    late_row = rows[overdue.copy.barcode]
    assert cell(page.model, late_row, "Reason") == "Overdue"
    assert cell(page.model, late_row, "Days overdue") == str((clock.today() - overdue.due).days)
    assert overdue.borrower.member_no in cell(page.model, late_row, "Borrower")
    after_row = rows[later.copy.barcode]
    assert cell(page.model, after_row, "Reason") == "Due after the inspection"
    assert cell(page.model, after_row, "Due") == later.due.isoformat()
    assert "due after the inspection" in page.summary.text()


def test_readiness_filter_shows_one_reason(open_page, boss):
    schedule_after_some_loans(boss)
    page = open_page(ReadinessPage)
    page.reason_filter.set_value(inspection.OVERDUE)
    reasons = set(column_texts(page.model, 0))
    assert reasons == {"Overdue"}
    assert page.model.rowCount() == page.readiness.counts()[inspection.OVERDUE]


@pytest.mark.both_databases
def test_supervisor_schedules_and_the_countdown_follows(qtbot, open_page):
    page = open_page(ReadinessPage, "supervisor")
    assert page.countdown.number.text() == str(DAYS_TO_INSPECTION)  # the demo's inspection
    day = clock.today() + timedelta(days=40)
    page.schedule_box.date_edit.setDate(
        page.schedule_box.date_edit.date().addDays((day - page.schedule_box.chosen()[0]).days)
    )
    page.schedule_box.freeze_days.setValue(10)
    page.schedule_box.save_button.click()
    qtbot.waitUntil(lambda: page.message.kind == "success")  # saved in the calls thread
    settled()  # and the page read again
    assert inspection.current_schedule().inspection_date == day
    assert inspection.current_schedule().freeze_days == 10
    assert page.countdown.number.text() == "40"
    assert page.message.kind == "success"


def test_librarian_cannot_change_the_schedule(open_page):
    page = open_page(ReadinessPage, "librarian")
    assert not page.schedule_box.save_button.isEnabled()
    assert page.schedule_box.note.isVisible()


def test_recall_letters_written_in_a_worker(qtbot, open_page, boss, chosen_folder):
    overdue, later = schedule_after_some_loans(boss)
    page = open_page(ReadinessPage, "librarian")
    assert page.recall_button.isEnabled()
    qtbot.keyClick(page.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert page.job.running and not page.recall_button.isEnabled()
    wait_for_job(qtbot, page)
    letters = sorted(path.name for path in chosen_folder.glob("*.pdf"))
    borrowers = {overdue.borrower.member_no, later.borrower.member_no}
    assert {f"recall-{member}.pdf" for member in borrowers} <= set(letters)
    assert page.message.kind == "success"
    assert str(chosen_folder) in page.message.text()


def test_recall_into_an_unwritable_place_says_what_is_wrong(
    qtbot, open_page, boss, tmp_path, monkeypatch
):
    schedule_after_some_loans(boss)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setattr(
        folder_ask, "ask_folder", lambda _parent, _title, *_kind, **_new: blocker / "letters"
    )
    page = open_page(ReadinessPage, "librarian")
    page.recall_button.click()
    wait_for_job(qtbot, page)
    shown = [dialog for dialog in errors._open_dialogs if isinstance(dialog, QMessageBox)]
    assert shown and "Cannot create the folder" in shown[-1].text()
    assert page.recall_button.isEnabled() and page.last_recall is None


# -- stocktake ----------------------------------------------------------------------------


def available_copies(count: int) -> list[Copy]:
    return list(Copy.select().where(Copy.status == "available").order_by(Copy.barcode).limit(count))


def scan(qtbot, page: StocktakePage, barcode: str, location: str = "") -> None:
    """Type like a keyboard-wedge scanner: the characters, then Enter."""
    page.location.setEditText(location)
    page.scan_field.setFocus()
    qtbot.keyClicks(page.scan_field, barcode)
    qtbot.keyClick(page.scan_field, Qt.Key.Key_Return)
    settled()  # recorded in the calls thread


@pytest.mark.both_databases
def test_stocktake_scans_progress_and_close(qtbot, open_page, confirm_yes):
    page = open_page(StocktakePage, "supervisor")
    assert page.headline.text() == "No stocktake yet"
    page.start_button.click()
    settled()
    expected = Copy.select().where(Copy.status != "withdrawn").count()
    assert page.progress.expected == expected
    assert page.scan_field.hasFocus()

    present, misplaced = available_copies(2)
    lent = active_loans()[0].copy
    scan(qtbot, page, present.barcode)
    assert page.message.kind == "success"
    scan(qtbot, page, present.barcode)
    assert "scanned before" in page.message.text()
    scan(qtbot, page, "NOT-A-COPY-1")
    assert page.message.kind == "error" and "unknown barcode" in page.message.text()
    scan(qtbot, page, misplaced.barcode, "Reading table")
    assert "wrong location" in page.message.text()
    assert misplaced.location in page.message.text()
    scan(qtbot, page, lent.barcode)
    assert "records say on loan" in page.message.text()
    assert page.scan_field.text() == ""

    assert page.progress_panel.bar.value() == 3
    assert page.progress_panel.bar.maximum() == expected
    assert "3 of" in page.message.text()
    flags = page.progress_panel.counts.text()
    for words in (
        "unknown barcode: 1",
        "scanned before: 1",
        "wrong location: 1",
        "records say on loan: 1",
        f"{expected - 3} left to find",
        "5 scans",
    ):
        assert words in flags
    assert page.scans.rowCount() == 5
    assert column_texts(page.scans, 1)[0] == lent.barcode  # newest first

    page.signed_by.setText("Lee Min-jae")
    page.close_button.click()
    wait_for_job(qtbot, page)
    assert confirm_yes, "closing asks first"
    signed = stocktake.newest_stocktake()
    assert signed.is_signed and signed.signed_by == "Lee Min-jae"
    assert page.headline.text() == f"Stocktake {signed.id} is signed and read-only"
    assert not page.scan_row.isVisible() and page.start_button.isVisible()
    assert page.tabs.currentIndex() == 1
    shown = column_texts(page.outcomes, 0)
    counts = stocktake.outcome_counts(signed)
    assert counts["present"] == 1 and counts["misplaced"] == 1 and counts["unexpected"] == 1
    assert counts["present-on-loan"] == 1  # the lent copy scanned: a discrepancy of its own
    for outcome in OUTCOMES:
        label = {"on-loan": "On loan", "present-on-loan": "Found, but on loan"}.get(
            outcome, outcome.capitalize()
        )
        assert shown.count(label) == counts[outcome]
    barcodes = column_texts(page.outcomes, 1)
    assert cell(page.outcomes, barcodes.index(misplaced.barcode), "Outcome") == "Misplaced"
    assert cell(page.outcomes, barcodes.index("NOT-A-COPY-1"), "Outcome") == "Unexpected"
    assert "is signed" in page.message.text()


def test_a_lines_note_reads_in_the_windows_korean(qtbot, qapp, open_page, confirm_yes):
    """조선어: the outcomes' Note column says each line's note by its keys (a copy's status
    and the desk's advice in the window's words), the barcodes and member numbers as given."""
    i18n.install_translator(qapp, "ko_KP")
    try:
        page = open_page(StocktakePage, "supervisor")
        page.start_button.click()
        settled()
        lent = active_loans()[0]
        for barcode in ("NOT-A-COPY-1", lent.copy.barcode, lent.copy.barcode):
            scan(qtbot, page, barcode)
        page.signed_by.setText("Lee Min-jae")
        page.close_button.click()
        wait_for_job(qtbot, page)
        notes = dict(
            zip(column_texts(page.outcomes, 1), column_texts(page.outcomes, 8), strict=True)
        )
    finally:
        i18n.install_translator(qapp, "en")
    assert notes["NOT-A-COPY-1"] == "알수 없는 바코드"
    member = lent.borrower.member_no
    assert notes[lent.copy.barcode] == (
        f"기록상 {member}에게 대출중: 대출대에서 반납을 받거나, 여기 있는 까닭을 기록하십시오; "
        "2회 스캔"
    )


def test_a_librarian_cannot_close_a_stocktake(qtbot, open_page, boss, confirm_yes):
    stocktake.start(boss)
    page = open_page(StocktakePage, "librarian")
    page.signed_by.setText("Lee Min-jae")
    assert not page.close_button.isEnabled()
    assert page.close_note.text() == "Only a supervisor closes and signs."
    page.close_stocktake()  # even if the button were reached, the service refuses
    wait_for_job(qtbot, page)
    assert page.message.kind == "error"
    assert stocktake.open_stocktake() is not None


def test_an_open_stocktake_resumes_where_it_stopped(qtbot, open_page, boss):
    stocktake.start(boss)
    first, second = available_copies(2)
    stocktake.scan(boss, first.barcode)
    stocktake.scan(boss, second.barcode)
    page = open_page(StocktakePage, "librarian")
    st = stocktake.open_stocktake()
    assert page.headline.text() == f"Stocktake {st.id} is open"
    assert page.progress_panel.bar.value() == 2
    assert page.scans.rowCount() == 2
    assert page.scan_field.isEnabled() and not page.start_button.isVisible()
    third = available_copies(3)[2]
    scan(qtbot, page, third.barcode)
    assert stocktake.progress(st).found == 3


def test_ticking_a_missing_copy_records_it_found(qtbot, open_page, boss):
    stocktake.start(boss)
    page = open_page(StocktakePage, "librarian")
    page.tabs.setCurrentIndex(1)
    settled()  # the outcomes are reconciled in the pool
    page.outcome_filter.set_value("missing")
    target = page.outcomes.row_at(0)
    page.outcomes_table.select_row(0)
    assert page.tick_button.isEnabled()
    page.tick_button.click()
    settled()
    assert page.last_scan.barcode == target.barcode
    assert stocktake.progress().found == 1


def test_the_outcomes_are_reconciled_in_the_pool_not_the_calls_thread(open_page, boss, monkeypatch):
    """A large stocktake takes seconds to reconcile: the desk's calls thread stays free."""
    stocktake.start(boss)
    page = open_page(StocktakePage, "librarian")
    threads: list[str] = []
    reconcile = stocktake_page.read_outcomes

    def watched(current):
        threads.append(threading.current_thread().name)
        return reconcile(current)

    monkeypatch.setattr(stocktake_page, "read_outcomes", watched)
    page.tabs.setCurrentIndex(1)
    settled()
    assert threads and threading.main_thread().name not in threads
    assert operations.lane().worker.name not in threads
    assert page.outcomes.rowCount() == page.progress.expected  # all missing so far


@pytest.mark.parametrize("role", ["librarian", "supervisor"])
def test_stocktake_page_refuses_a_bad_barcode_inline(qtbot, open_page, boss, role):
    stocktake.start(boss)
    page = open_page(StocktakePage, role)
    page.record_scan("two words")
    settled()
    assert page.message.kind == "error"
    assert stocktake.progress().scans == 0


# -- reminders ----------------------------------------------------------------------------


def test_reminders_due_are_shown_sent_and_recorded(qtbot, open_page, chosen_folder, monkeypatch):
    due = reminders.due_reminders()
    assert due, "the demo has overdue loans"
    page = open_page(RemindersPage, "librarian")
    assert page.due.rowCount() == len(due)
    shown = {cell(page.due, row, "Barcode"): row for row in range(page.due.rowCount())}
    for reminder in due:
        row = shown[reminder.barcode]
        assert cell(page.due, row, "Days overdue") == str(reminder.days_overdue)
        assert cell(page.due, row, "Level").startswith(f"{reminder.level} · ")
    assert page.send_button.isEnabled()

    page.send_button.click()
    wait_for_job(qtbot, page)
    letters = sorted(chosen_folder.glob("*.pdf"))
    members = {reminder.member_no for reminder in due}
    assert {path.name for path in letters} >= {
        f"reminders-{clock.today().isoformat()}-{member}.pdf" for member in members
    }
    assert Reminder.select().count() == len(due)
    assert (
        page.message.kind == "success" and f"Recorded {len(due)} reminders" in page.message.text()
    )
    assert page.due.rowCount() == 0 and not page.send_button.isEnabled()

    page.overdue_table.select_row(0)
    settled()  # the loan's reminders are read in the calls thread
    loan = page.overdue.row_at(0)
    assert page.history.rowCount() == 1
    assert loan.barcode in page.history_caption.text()
    assert cell(page.history, 0, "Sent on") == clock.today().isoformat()

    again = chosen_folder.parent / "again"
    monkeypatch.setattr(folder_ask, "ask_folder", lambda _parent, _title, *_kind, **_new: again)
    page.send_reminders()  # a second send the same day, even forced, writes nothing
    wait_for_job(qtbot, page)
    assert list(again.glob("*")) == []
    assert Reminder.select().count() == len(due)
    assert page.message.kind == "info" and "no letters written" in page.message.text()


def test_reminders_for_a_later_day_escalate(open_page):
    page = open_page(RemindersPage, "librarian")
    later = clock.today() + timedelta(days=40)
    page.day_edit.setDate(to_qdate(later))
    settled()
    levels = {reminder.barcode: reminder.level for reminder in reminders.due_reminders(later)}
    assert 3 in levels.values()
    assert page.due.rowCount() == len(levels)
    finals = [
        row for row in range(page.due.rowCount()) if cell(page.due, row, "Level").startswith("3 · ")
    ]
    assert finals and "supervisor" in cell(page.due, finals[0], "Level")


def test_an_inspector_cannot_send_reminders(open_page):
    page = open_page(RemindersPage, "inspector")
    assert page.due.rowCount() > 0
    assert not page.send_button.isEnabled()


# -- circulation --------------------------------------------------------------------------


def bar_values(bar_set) -> list[float]:
    return [bar_set.at(index) for index in range(bar_set.count())]


def test_circulation_charts_show_the_collection(open_page):
    page = open_page(CirculationPage, "inspector")
    start, end = page.period()
    monthly = charts.loans_per_month(start, end)
    assert len(bar_values(page.loans_set)) == len(monthly) >= 12
    assert sum(bar_values(page.loans_set)) == sum(count for _, count in monthly) > 0

    top = charts.most_requested(start, end, 8)
    assert top, "the demo lends and waits for Proof of the Man"
    categories = page.demand_chart.chart().axes(Qt.Orientation.Vertical)[0].categories()
    assert categories[-1] == top[0].title  # the most requested on top
    assert sum(bar_values(page.demand_loans)) == sum(work.loans for work in top)
    assert sum(bar_values(page.demand_waiting)) == sum(work.waiting for work in top) > 0

    pieces = page.condition_series.slices()
    assert sum(piece.value() for piece in pieces) == Copy.select().count()
    assert all(piece.value() > 0 for piece in pieces)

    waiting = works_with_waiting_lists()
    assert page.waiting.rowCount() == len(waiting) > 0
    assert cell(page.waiting, 0, "Title") == waiting[0].title
    assert not page.grab().isNull()


def test_circulation_period_narrows_the_loans(open_page):
    page = open_page(CirculationPage)
    today = clock.today()
    page.start_edit.setDate(to_qdate(today.replace(day=1)))
    settled()  # the figures are read in the calls thread
    assert len(bar_values(page.loans_set)) == 1
    this_month = charts.loans_per_month(today.replace(day=1), today)[0][1]
    assert bar_values(page.loans_set) == [this_month]
    page.year_button.click()
    settled()
    assert len(bar_values(page.loans_set)) >= 12


# -- reports ------------------------------------------------------------------------------


@pytest.fixture(name="save_as")
def save_as_fixture(tmp_path, monkeypatch) -> list:
    """The "save as" dialog answers with ``tmp_path/exports/<suggested name>``."""
    folder = tmp_path / "exports"
    folder.mkdir()
    asked: list = []

    def answer(_parent, _title, suggested, _filter, _kind):
        asked.append(suggested)
        return folder / suggested

    monkeypatch.setattr(folder_ask, "ask_save_file", answer)
    return asked


def pdf_pages(path) -> int:
    return len(PdfReader(str(path)).pages)


@pytest.mark.both_databases
def test_report_exported_as_csv(qtbot, open_page, save_as, tmp_path):
    page = open_page(ReportsPage, "inspector")
    page.select_kind("overdue")
    page.csv_button.click()
    wait_for_job(qtbot, page)
    path = tmp_path / "exports" / save_as[0]
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    overdue = [loan for loan in active_loans() if loan.due < clock.today()]
    assert sorted(row["barcode"] for row in rows) == sorted(loan.copy.barcode for loan in overdue)
    assert page.last_written.rows == len(overdue)
    assert page.message.kind == "success" and str(path) in page.message.text()


@pytest.mark.both_databases
def test_report_exported_as_pdf_is_previewed(qtbot, open_page, save_as, tmp_path):
    page = open_page(ReportsPage, "librarian")
    page.select_kind("inventory")
    page.pdf_button.click()
    wait_for_job(qtbot, page)
    path = tmp_path / "exports" / save_as[0]
    assert path.suffix == ".pdf" and page.last_written.rows == Copy.select().count()
    assert page.preview.path == path
    assert page.preview.page_count == pdf_pages(path) >= 2
    assert page.preview.page_label.text() == f"Page 1 of {pdf_pages(path)}"
    assert page.preview.stack.currentWidget() is page.preview.view


def test_preview_shows_each_kinds_pages(qtbot, open_page, boss):
    stocktake.start(boss)
    stocktake.close(boss, "Lee Min-jae")
    page = open_page(ReportsPage, "inspector")
    for kind in ("circulation", "inspection"):
        page.select_kind(kind)
        page.preview_button.click()
        wait_for_job(qtbot, page)
        assert page.preview.page_count == pdf_pages(page.preview.path) >= 1
        assert page.preview.title.text().startswith(page.kinds.currentItem().text())


def test_the_stocktakes_to_report_on_are_read_off_the_gui_thread(open_page, boss):
    """Refreshing asks the calls thread; the choice changes when the answer arrives."""
    page = open_page(ReportsPage, "inspector")
    assert page.stocktake.currentText() == "No stocktake yet"
    stocktake.start(boss)
    stocktake.close(boss, "Lee Min-jae")
    page.refresh()
    page.refresh()  # the first answer is dropped, the second shown
    assert page.stocktake.currentText() == "No stocktake yet"  # not read yet
    assert operations.settle()
    signed = stocktake.newest_stocktake()
    assert page.stocktake.count() == 1 and page.stocktake.currentData() == signed.id
    assert page.stocktake.currentText().startswith(f"No. {signed.id} · signed ")


def test_inspection_report_without_a_stocktake_says_so(qtbot, open_page):
    page = open_page(ReportsPage, "inspector")
    page.select_kind("inspection")
    assert not page.stocktake.isEnabled()
    page.preview_button.click()
    wait_for_job(qtbot, page)
    assert page.message.kind == "error" and "no stocktake" in page.message.text()
    assert page.preview.page_count == 0


def test_print_sends_every_page_to_the_printer(qtbot, open_page, tmp_path, monkeypatch):
    page = open_page(ReportsPage, "librarian")
    page.select_kind("overdue")
    page.preview_button.click()
    wait_for_job(qtbot, page)
    printed = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    monkeypatch.setattr(pdf_preview, "ask_printer", lambda _parent: printer)
    assert page.preview.print_pdf() == page.preview.page_count
    assert pdf_pages(printed) == page.preview.page_count


def signed_in_supervisor(page: ReportsPage) -> ReportsPage:
    """The page's session as the demo supervisor signed in with the password (the seal key
    that signs a bundle is unlocked only then)."""
    actor = staff.authenticate("supervisor", "supervisor")
    staff.record_sign_in(actor)
    page.session.set_actor(actor)
    return page


def test_bundle_exported_checked_and_a_changed_file_caught(qtbot, open_page, chosen_folder):
    page = signed_in_supervisor(open_page(ReportsPage, "supervisor"))
    for kind, box in page.bundle_kinds.items():
        box.setChecked(kind in ("inventory", "loans", "inspection"))
    page.bundle_button.click()
    wait_for_job(qtbot, page)
    names = sorted(path.name for path in chosen_folder.iterdir())
    assert names == sorted(
        [
            "inventory.csv",
            "inventory.pdf",
            "loans.csv",
            "loans.pdf",
            "union-inventory.csv",
            "bundle.json",
            "audit-trail.jsonl",
            "verify_bundle.py",
            "MANIFEST.sha256",
            "MANIFEST.sha256.sig",
            "inspection-signoff.pdf",
        ]
    )
    assert "Left out: Inspection" in page.message.text()  # no stocktake yet
    assert page.bundle_files.rowCount() == 8
    assert set(column_texts(page.bundle_files, 1)) == {"matches the manifest"}
    assert page.bundle_summary.text() == "Manifest check: all 8 files match."

    with (chosen_folder / "loans.csv").open("a", encoding="utf-8") as stream:
        stream.write("RR99999,forged,1\n")
    page.check_button.click()
    wait_for_job(qtbot, page)
    assert page.message.kind == "error"
    assert "loans.csv (FAILED)" in page.bundle_summary.text()
    row = column_texts(page.bundle_files, 0).index("loans.csv")
    assert cell(page.bundle_files, row, "Manifest check") == "CHANGED since export"


@pytest.mark.both_databases
def test_a_bundle_for_the_union_catalogue_names_no_borrower(qtbot, open_page, chosen_folder):
    page = signed_in_supervisor(open_page(ReportsPage, "supervisor"))
    for kind, box in page.bundle_kinds.items():
        box.setChecked(kind in ("inventory", "loans"))
    page.union_box.setChecked(True)
    page.bundle_button.click()
    wait_for_job(qtbot, page)
    assert page.message.kind == "success", page.message.text()
    names = sorted(path.name for path in chosen_folder.iterdir())
    assert "inventory.csv" in names and "loans.csv" not in names
    assert not [name for name in names if name.endswith(".pdf") and "signoff" not in name]
    inventory = (chosen_folder / "inventory.csv").read_text("utf-8")
    member_numbers = {loan.borrower.member_no for loan in active_loans()}
    assert member_numbers and not [m for m in member_numbers if m in inventory]
    assert inventory.count(",m-") == len(active_loans())  # each borrower as a pseudonym


def test_only_a_signed_in_supervisor_exports_a_bundle(qtbot, open_page, chosen_folder):
    page = open_page(ReportsPage, "inspector")
    page.bundle_button.click()
    wait_for_job(qtbot, page)
    assert page.message.kind == "error" and "Only a supervisor" in page.message.text()
    assert not chosen_folder.exists()


def test_bundle_needs_at_least_one_kind(open_page):
    page = open_page(ReportsPage, "inspector")
    for box in page.bundle_kinds.values():
        box.setChecked(False)
    assert not page.bundle_button.isEnabled()


# -- item models --------------------------------------------------------------------------


def test_every_inspection_model_passes_the_model_tester(
    qtbot, qtmodeltester, open_page, boss, chosen_folder
):
    schedule_after_some_loans(boss)
    stocktake.start(boss)
    stocktake.scan(boss, available_copies(1)[0].barcode)
    stocktake.scan(boss, "NOT-A-COPY-2")
    reminders.send(boss, chosen_folder.parent / "letters")
    readiness = open_page(ReadinessPage)
    stock = open_page(StocktakePage)
    stock.tabs.setCurrentIndex(1)
    settled()
    letters = open_page(RemindersPage)
    letters.overdue_table.select_row(0)
    letters.day_edit.setDate(to_qdate(clock.today() + timedelta(days=30)))
    settled()
    circulation = open_page(CirculationPage)
    report = signed_in_supervisor(open_page(ReportsPage, "supervisor"))
    for kind, box in report.bundle_kinds.items():
        box.setChecked(kind == "overdue")
    report.bundle_button.click()
    wait_for_job(qtbot, report)
    models = [
        readiness.model,
        stock.scans,
        stock.outcomes,
        letters.due,
        letters.overdue,
        letters.history,
        circulation.waiting,
        report.bundle_files,
    ]
    for model in models:
        assert model.rowCount() > 0, model.headerData(0, Qt.Orientation.Horizontal)
        qtmodeltester.check(model, force_py=True)
