"""What the inspector signs (issue 12): full names wherever a person signs (``staff edit
--full-name``), the inspector's name kept with the signed stocktake, the copies a close marked
missing named, the inspection report's first page, and the comparison with the previous
signed stocktake."""

from __future__ import annotations

import csv
import json
from datetime import timedelta
from pathlib import Path

import pytest

from readingroom import catalogue, circulation, inspection, reports, staff, stocktake
from readingroom.errors import BadInput, NotPermitted
from readingroom.reports import inspection as inspection_report
from readingroom.reports.base import Options
from readingroom.seals import format_fingerprint, root_fingerprint
from readingroom.store.models import AuditEntry
from tests.core.cli_support import InProcess
from tests.core.inspection_support import (  # noqa: F401 - fixture
    calendar_fixture,
    pdf_text,
    small_collection,
)


@pytest.fixture
def cli(db, capsys, monkeypatch) -> InProcess:
    return InProcess(db, capsys, monkeypatch)


@pytest.fixture
def shelf(calendar, librarian, supervisor, make_borrower):
    shelf = small_collection(supervisor)
    make_borrower("W1", name="리명희")
    make_borrower("C1", role="cadre", name="오광철")
    return shelf


def last_details(action: str) -> dict:
    entry = (
        AuditEntry.select().where(AuditEntry.action == action).order_by(AuditEntry.id.desc()).get()
    )
    return json.loads(entry.details)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


# -- full names ---------------------------------------------------------------------------


def test_a_supervisor_gives_an_account_its_full_name_audited(shelf, supervisor, librarian):
    saved = staff.set_full_name(supervisor, "lib", "  Ri Chun-hee ")
    assert (saved.action, saved.user.full_name) == ("staff-edit", "Ri Chun-hee")
    assert staff.get_staff("lib").display_name == "Ri Chun-hee"
    assert last_details("staff-edit") == {
        "full_name": {"old": "Desk Librarian", "new": "Ri Chun-hee"}
    }
    with pytest.raises(NotPermitted):
        staff.set_full_name(librarian, "lib", "Someone Else")
    for bad in ("", "   ", "tab\there", "x" * 101):
        with pytest.raises(BadInput):
            staff.set_full_name(supervisor, "lib", bad)
    assert staff.get_staff("lib").full_name == "Ri Chun-hee"


def test_staff_edit_from_the_command_line(shelf, cli):
    done = cli("staff", "edit", "lib", "--full-name", "Ri Chun-hee")
    assert done.code == 0 and "lib is now Ri Chun-hee." in done.out, done
    again = cli("staff", "edit", "lib", "--full-name", "Ri Chun-hee", "--json")
    assert again.json()["changed"] is False
    assert cli("staff", "edit", "lib", "--full-name", "Nope", user="lib").code == 5
    assert cli("staff", "edit", "ghost", "--full-name", "Nobody").code != 0
    listed = cli("staff", "list", "--json").json()["staff"]
    assert {row["name"]: row["full_name"] for row in listed}["lib"] == "Ri Chun-hee"


def test_overrides_in_reports_carry_the_approvers_full_name(shelf, supervisor, tmp_path):
    circulation.lend(supervisor, "A001", "C1", override_reason="Approved for the seminar")
    loans = {
        r["barcode"]: r for r in read_csv(reports.write("loans", "csv", tmp_path / "l.csv").path)
    }
    assert (loans["A001"]["override_by"], loans["A001"]["override_by_name"]) == (
        "boss",
        "Chief Supervisor",
    )
    overrides = read_csv(reports.write("overrides", "csv", tmp_path / "o.csv").path)
    assert [(r["approved_by"], r["approved_by_name"]) for r in overrides] == [
        ("boss", "Chief Supervisor")
    ]
    for kind in ("loans", "overrides"):
        text = pdf_text(reports.write(kind, "pdf", tmp_path / f"{kind}.pdf").path)
        assert "Chief Supervisor" in text, kind


def test_without_a_full_name_the_user_name_signs(shelf, supervisor, tmp_path):
    staff.add_staff(supervisor, "deputy", "supervisor", "pass-word-2")
    deputy = staff.get_staff("deputy")
    circulation.lend(deputy, "A001", "C1", override_reason="Seminar")
    loans = read_csv(reports.write("loans", "csv", tmp_path / "l.csv").path)
    assert [r["override_by_name"] for r in loans if r["barcode"] == "A001"] == ["deputy"]


# -- the close: the inspector and the copies marked missing -------------------------------


def test_the_close_keeps_the_inspector_and_names_the_copies_marked_missing(
    shelf, librarian, supervisor
):
    stocktake.start(librarian)
    for barcode in ("A001", "A002", "A003", "A004", "P1", "P2", "P3"):
        stocktake.scan(librarian, barcode, "Safe A/1" if barcode[0] == "A" else "Safe B/3")
    closed = stocktake.close(supervisor, "Park Sang-ho", inspector=" Lee Min-jae ")
    st = closed.stocktake
    assert st.inspector == "Lee Min-jae"
    assert closed.marked_missing == ["A005", "A006"]
    details = last_details("stocktake-close")
    assert details["marked_missing"] == ["A005", "A006"] and details["inspector"] == "Lee Min-jae"
    assert last_details("stocktake-signed")["inspector"] == "Lee Min-jae"
    assert closed.as_dict()["inspector"] == "Lee Min-jae"


def test_an_empty_inspector_name_is_refused_before_anything_changes(shelf, librarian, supervisor):
    st = stocktake.start(librarian).stocktake
    with pytest.raises(BadInput):
        stocktake.close(supervisor, "Park Sang-ho", inspector="  ")
    assert stocktake.get_stocktake(st.id).status == "open"


def test_close_from_the_command_line_prints_the_copies_it_marked_missing(shelf, librarian, cli):
    stocktake.start(librarian)
    stocktake.scan(librarian, "A001", "Safe A/1")
    done = cli("inspection", "close", "--signed-by", "Park Sang-ho", "--inspector", "Lee Min-jae")
    assert done.code == 0, done
    assert "inspector: Lee Min-jae" in done.out
    assert "the supervisor Chief Supervisor (boss)" in done.out
    assert "marked missing (8):" in done.out
    assert "    A002  Work 2" in done.out
    assert f"    P2  {shelf_title()}, vol. 2" in done.out
    entry = last_details("stocktake-close")
    assert entry["marked_missing"] == ["A002", "A003", "A004", "A005", "A006", "P1", "P2", "P3"]


def shelf_title() -> str:
    from tests.core.inspection_support import SET_TITLE

    return SET_TITLE


# -- the comparison and the first page ----------------------------------------------------


@pytest.fixture
def two_years(shelf, calendar, librarian, supervisor, make_copy):
    """Stocktake 1 (A005 and A006 missing), then a year: A007 catalogued, A003 withdrawn;
    stocktake 2 finds A006 again, A005 is missing again."""
    stocktake.start(librarian)
    for barcode in ("A001", "A002", "A003", "A004", "P1", "P2", "P3"):
        stocktake.scan(librarian, barcode, "Safe A/1" if barcode[0] == "A" else "Safe B/3")
    stocktake.close(supervisor, "Park Sang-ho", inspector="Kim Inspector")
    calendar.shift(365)
    catalogue.add_copy(supervisor, catalogue.get_copy("A001").work_id, "A007", location="Safe A/1")
    catalogue.edit_copy(supervisor, "A003", status="withdrawn", confirmed_by=librarian)
    stocktake.start(librarian)
    for barcode in ("A001", "A002", "A004", "A006", "A007", "P1", "P2", "P3"):
        stocktake.scan(librarian, barcode, "Safe A/1" if barcode[0] == "A" else "Safe B/3")
    return stocktake.close(supervisor, "boss", inspector="Lee Min-jae").stocktake


def test_the_comparison_with_the_previous_signed_stocktake(two_years):
    compared = inspection_report.compare(two_years)
    assert compared.previous is not None and compared.previous.id == two_years.id - 1
    assert [c.barcode for c in compared.added] == ["A007"]
    assert [(c.barcode, c.detail) for c in compared.withdrawn] == [("A003", "now withdrawn")]
    assert [c.barcode for c in compared.missing_again] == ["A005"]
    assert [(c.barcode, c.detail) for c in compared.found_again] == [("A006", "now present")]
    assert compared.counts() == {"added": 1, "withdrawn": 1, "missing again": 1, "found again": 1}


def test_the_first_stocktake_has_nothing_to_compare_with(shelf, librarian):
    st = stocktake.start(librarian).stocktake
    compared = inspection_report.compare(st)
    assert compared.previous is None and compared.counts() == dict.fromkeys(
        ("added", "withdrawn", "missing again", "found again"), 0
    )


def test_the_csv_notes_say_what_changed_since_the_previous_stocktake(two_years, tmp_path):
    path = reports.write("inspection", "csv", tmp_path / "i.csv").path
    rows = {r["barcode"]: r for r in read_csv(path)}
    previous = two_years.id - 1
    assert f"missing again (missing at stocktake {previous})" in rows["A005"]["note"]
    assert f"found again (missing at stocktake {previous})" in rows["A006"]["note"]
    assert f"added since stocktake {previous}" in rows["A007"]["note"]
    assert "inspector" not in rows["A005"]  # the CSV's columns stay as they were


def test_the_first_page_answers_who_and_when(two_years, tmp_path):
    st = stocktake.get_stocktake(two_years.id)
    path = reports.write("inspection", "pdf", tmp_path / "i.pdf").path
    from pypdf import PdfReader

    pages = [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]
    first, second = pages[0], pages[1]
    assert "Writers' Union, Regional Branch" in first
    assert f"since stocktake {st.id - 1} signed on" in first
    assert f"Opened {st.opened_at:%Y-%m-%d %H:%M} by Desk Librarian (lib)" in first
    assert "Desk Librarian (lib) 8 scans, first" in first
    assert "by the supervisor Chief Supervisor (boss)" in first
    assert "Signed by Chief Supervisor (boss)" in first  # a user name given: its full name
    assert "Inspector Lee Min-jae" in first
    assert f"entry {st.audit_count}, SHA-256 {st.audit_hash}" in first
    fingerprint = root_fingerprint()
    assert fingerprint and format_fingerprint(fingerprint) in first
    assert "No export bundle recorded yet" in first
    assert "Barcode" not in first  # the table starts after the comparison, on page 2
    assert "Compared with stocktake" not in first
    assert "added 1, withdrawn 1, missing again 1, found again 1" in second
    assert "A003 — Work 3 — now withdrawn" in second
    assert second.index("Found again") < second.index("Barcode")
    text = pdf_text(path)
    assert "Inspector Lee Min-jae" in text.split("Signature")[0][-400:]  # its signature line


def test_an_open_stocktake_has_a_first_page_too(shelf, librarian, tmp_path):
    stocktake.start(librarian)
    report = reports.build("inspection", Options())
    sections = {section.heading: section for section in report.cover()}
    assert sections["Closed and signed"].lines == (
        "Not closed or signed yet: the outcomes are provisional.",
    )
    assert sections["Who scanned"].lines == ("Nobody has scanned yet.",)
    assert report.signatures == ("Inspector", "Supervisor")


# -- recall letters recorded like reminders -----------------------------------------------


@pytest.fixture
def overdue(shelf, calendar, librarian):
    """A001 lent to W1, and today nine days after it was due."""
    loan = circulation.lend(librarian, "A001", "W1").loan
    calendar.set(loan.due + timedelta(days=9))
    return loan


def test_recall_letters_are_recorded_with_level_and_date(overdue, librarian, calendar, tmp_path):
    first = inspection.write_recall_letters(librarian, tmp_path / "letters")
    assert [p.name for p in first.files] == ["recall-W1.pdf"]
    (sent,) = inspection.loan_recalls(overdue.id)
    assert (sent.level, sent.sent_on, sent.reason, sent.days_overdue, sent.staff) == (
        1,
        calendar.day,
        inspection.OVERDUE,
        9,
        "lib",
    )
    details = last_details("recall-send")
    assert (details["barcode"], details["level"], details["letter"]) == ("A001", 1, "recall-W1.pdf")
    again = inspection.write_recall_letters(librarian, tmp_path / "letters")
    assert [p.name for p in again.files] == ["recall-W1-2.pdf"]  # never replaces a letter
    assert len(inspection.loan_recalls(overdue.id)) == 1  # once a day
    calendar.shift(1)
    inspection.write_recall_letters(librarian, tmp_path / "letters")
    assert [r.level for r in inspection.loan_recalls(overdue.id)] == [1, 2]


def test_the_overdue_report_shows_the_recall_letters(overdue, librarian, calendar, tmp_path):
    inspection.write_recall_letters(librarian, tmp_path / "letters")
    (row,) = read_csv(reports.write("overdue", "csv", tmp_path / "o.csv").path)
    assert (row["reminder_level"], row["recall_level"], row["last_recall"]) == (
        "0",
        "1",
        calendar.day.isoformat(),
    )
    text = pdf_text(reports.write("overdue", "pdf", tmp_path / "o.pdf").path)
    assert "Last recall" in text and "recalled by letter: 1" in text


def test_a_letter_that_cannot_be_written_records_nothing(overdue, librarian, tmp_path, monkeypatch):
    from readingroom import pdf

    def fail(path, letters):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pdf, "write_letter", fail)
    with pytest.raises(OSError):
        inspection.write_recall_letters(librarian, tmp_path / "letters")
    assert inspection.loan_recalls(overdue.id) == []
    assert not list((tmp_path / "letters").iterdir())


def test_recall_and_history_from_the_command_line(overdue, cli, tmp_path):
    done = cli("inspection", "recall", "--out", str(tmp_path / "letters"))
    assert done.code == 0 and "each recorded on its loan" in done.out, done
    history = cli("reminders", "history", "A001")
    assert "recall letter 1 (overdue, 9 days overdue), by boss" in history.out, history
    assert cli("reminders", "history", "A001", "--json").json()["recalls"][0]["level"] == 1


def test_an_inspector_name_changed_behind_the_programs_back_shows(two_years, tmp_path):
    """The first page checks the names kept with the stocktake against its signed entry."""
    from readingroom.store.db import database

    trigger = database.execute_sql(
        "SELECT sql FROM sqlite_master WHERE name = 'stocktake_signed_is_final'"
    ).fetchone()[0]
    database.execute_sql("DROP TRIGGER stocktake_signed_is_final")
    database.execute_sql(
        "UPDATE stocktake SET inspector = 'Someone Friendly' WHERE id = ?", (two_years.id,)
    )
    database.execute_sql(trigger)
    report = reports.build("inspection", Options())
    fields = dict({s.heading: s for s in report.cover()}["Closed and signed"].fields)
    assert fields["Against the trail"] == (
        "DOES NOT MATCH: the trail says inspector 'Lee Min-jae', the stocktake 'Someone Friendly'"
    )
