"""The inspector's reports: every kind as CSV (parsed back) and as PDF (text extracted),
the inspection report's sign-off and chain head, the charts' figures, and streaming."""

from __future__ import annotations

import csv
import tracemalloc
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from readingroom import audit, circulation, clock, reports, staff, stocktake
from readingroom.errors import NotFound
from readingroom.reports import Options, charts
from readingroom.reports.overrides import approvals_sentence
from readingroom.store.db import database, write_transaction
from readingroom.store.inspection_models import Stocktake
from tests.core.cli_support import BOSS, InProcess, dump
from tests.core.inspection_support import (  # noqa: F401 - fixtures
    FULL,
    SET_TITLE,
    TODAY,
    built_collection_fixture,
    calendar_fixture,
    collection_db_fixture,
    page_count,
    pdf_text,
    small_collection,
)

INSPECTION_COLUMNS = [
    "barcode",
    "title",
    "volume",
    "outcome",
    "borrower",
    "due",
    "location",
    "condition",
]
BRANCH = "Writers' Union, Regional Branch"


@pytest.fixture
def collection(collection_db) -> Stocktake:
    return Stocktake.get_by_id(1)


@pytest.fixture
def today(collection_db) -> date:
    return clock.today()


@pytest.fixture
def cli(collection_db, capsys, monkeypatch) -> InProcess:
    return InProcess(collection_db, capsys, monkeypatch)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def by_barcode(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {row["barcode"]: row for row in rows}


def fonts_are_embedded(path: Path) -> bool:
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            if "/FontFile2" not in descendant["/FontDescriptor"].get_object():
                return False
    return True


# -- what each kind must say --------------------------------------------------------------


def check_inventory(rows, today, st):
    copies = by_barcode(rows)
    assert len(rows) == 9 and list(copies) == sorted(copies)
    assert copies["A005"]["status"] == "missing"  # not found at the stocktake
    assert copies["P1"]["borrower"] == "W1"
    assert copies["P1"]["due"] == (TODAY + timedelta(days=21)).isoformat()
    assert copies["A002"]["condition"] == "ragged" and copies["P2"]["title"] == SET_TITLE


def check_loans(rows, today, st):
    loans = by_barcode(rows)
    assert set(loans) == {"P1", "A001", "A003"}
    assert loans["P1"]["days_overdue"] == "9" and loans["A003"]["days_overdue"] == "0"
    assert loans["A001"]["override_by"] == "boss" and loans["A001"]["role"] == "cadre"
    assert loans["P1"]["borrower"] == "리명희"


def check_overdue(rows, today, st):
    assert [(r["barcode"], r["days_overdue"]) for r in rows] == [("A001", "9"), ("P1", "9")]
    assert rows[1]["reminder_level"] == "0"


def check_inspection(rows, today, st):
    assert list(rows[0])[: len(INSPECTION_COLUMNS)] == INSPECTION_COLUMNS
    assert {r["barcode"]: r["outcome"] for r in rows} == {
        "A001": "on-loan",
        "A002": "present",
        "A003": "on-loan",
        "A004": "present",
        "A005": "missing",
        "A006": "misplaced",
        "P1": "on-loan",
        "P2": "present",
        "P3": "present",
        "ZZZ": "unexpected",
    }
    outcomes = by_barcode(rows)
    assert outcomes["P1"]["borrower"] == "W1" and outcomes["P1"]["due"]
    assert outcomes["A006"]["location"] == "Safe A/1"
    assert outcomes["A006"]["found_location"] == "Safe Q"
    assert {
        (
            r["signed_by"],
            r["supervisor"],
            r["signed_on"],
            r["audit_verified"],
            r["audit_count"],
            r["audit_hash"],
        )
        for r in rows
    } == {("Lee Min-jae", "boss", today.isoformat(), "ok", str(st.audit_count), st.audit_hash)}


def check_overrides(rows, today, st):
    assert len(rows) == 1
    row = rows[0]
    assert (row["barcode"], row["member_no"], row["borrower"], row["role"]) == (
        "A001",
        "C1",
        "오광철",
        "cadre",
    )
    assert (row["approved_by"], row["codes"], row["reason"]) == (
        "boss",
        "APPROVAL_REQUIRED",
        "Approved for the seminar",
    )
    assert row["at"] == TODAY.isoformat()  # the day of the loan, not of the audit entry
    assert row["recorded_at"]


def check_condition(rows, today, st):
    assert rows[0]["barcode"] == "A002" and rows[0]["condition"] == "ragged"
    assert (rows[0]["note"], rows[0]["recorded_by"]) == ("spine split", "lib")
    assert {r["condition"] for r in rows[1:]} == {"good"}


def check_circulation(rows, today, st):
    assert rows[0]["title"] == SET_TITLE
    assert (rows[0]["loans"], rows[0]["waiting"], rows[0]["requests"]) == ("1", "1", "2")
    assert {r["title"] for r in rows} == {SET_TITLE, *(f"Work {n}" for n in range(1, 7))}
    assert [r["loans"] for r in rows[4:]] == ["0", "0", "0"]  # every work, the quiet ones last


def check_exceptions(rows, today, st):
    got = {(r["kind"], r["barcode"]): r for r in rows}
    override = got["override", "A001"]
    assert (override["member"], override["approver"], override["codes"], override["reason"]) == (
        "C1",
        "Chief Supervisor (boss)",
        "APPROVAL_REQUIRED",
        "Approved for the seminar",
    )
    assert got["copy-out", "A005"]["reason"] == "not found at stocktake 1"


def check_custody(rows, today, st):
    assert (rows[0]["from"], rows[0]["to"], rows[0]["kind"]) == ("shelf", "desk", "lend")
    assert all(r["entry"].isdigit() and r["staff"] for r in rows)


CHECKS = {
    "custody": check_custody,
    "inventory": check_inventory,
    "loans": check_loans,
    "overdue": check_overdue,
    "inspection": check_inspection,
    "overrides": check_overrides,
    "condition": check_condition,
    "circulation": check_circulation,
    "exceptions": check_exceptions,
}
PDF_SAYS = {
    "custody": ["Custody ledger", "shelf", " moves of "],
    "inventory": ["Inventory of the collection", SET_TITLE, "Librarian", "Signature"],
    "loans": ["Active loans", "리명희", "Active loans: 3; overdue: 2."],
    "overdue": ["Overdue loans", "오광철", "Overdue loans: 2, held by 2 borrowers"],
    "inspection": [
        "Inspection report — stocktake 1",
        "misplaced",
        "unexpected",
        "Signed off on",
        "Lee Min-jae",
        "Chief Supervisor (boss)",
        "Audit trail at signing: intact",
        "Inspector",
        "Supervisor",
        "Outcomes: present 4, on-loan 3, missing 1, misplaced 1, unexpected 1, present-on-loan 0.",
    ],
    "overrides": [
        "Approved exceptions (overrides)",
        "APPROVAL_REQUIRED",
        "Approved for the seminar",
        "1 exception was approved, by Chief Supervisor (boss).",
    ],
    "condition": ["Condition of the collection", "spine split", "ragged 1"],
    "circulation": ["Circulation and demand", SET_TITLE, "Most requested: " + SET_TITLE],
    "exceptions": ["Register of exceptions", "APPROVAL_REQUIRED", "not found at stocktake 1"],
}
assert set(CHECKS) == set(PDF_SAYS) == set(reports.KINDS)


@pytest.mark.parametrize("kind", reports.KINDS)
def test_each_kind_as_csv(collection, today, kind, tmp_path):
    written = reports.write(kind, "csv", tmp_path / f"{kind}.csv")
    rows = read_csv(written.path)
    assert written.rows == len(rows) > 0
    assert list(rows[0]) == reports.build(kind).csv_header
    CHECKS[kind](rows, today, collection)


@pytest.mark.parametrize("kind", reports.KINDS)
def test_each_kind_as_pdf(collection, kind, tmp_path):
    written = reports.write(kind, "pdf", tmp_path / f"{kind}.pdf")
    text = pdf_text(written.path)
    pages = page_count(written.path)
    assert BRANCH in text and f"Page {pages} of {pages}" in text
    assert reports.build(kind).period in text
    for expected in PDF_SAYS[kind]:
        assert expected in text, expected
    if kind == "inspection":
        assert collection.audit_hash in text and text.count("Signature") == 2
    assert fonts_are_embedded(written.path)


def test_periods(today):
    day = today.isoformat()
    assert reports.build("loans").period == f"As of {day}"
    assert reports.build("circulation").period == f"{today - timedelta(days=364)} to {day}"
    options = Options(today=today, start=date(2026, 11, 1), end=today)
    assert reports.build("circulation", options).period == f"2026-11-01 to {day}"
    assert reports.build("overrides").period == "All records"
    assert reports.build("inspection").period == f"Stocktake 1 · opened {day} · signed {day}"


# -- the overrides report ----------------------------------------------------------------


def test_an_approved_back_dated_loan_is_listed_on_its_own_day(collection, today, tmp_path):
    lent_on = today - timedelta(days=5)
    circulation.lend(
        staff.get_staff(BOSS),
        "A004",
        "C1",
        on=lent_on,
        override_reason="Seminar loan",
        backdate_reason="entered late",
    )
    rows = read_csv(reports.write("overrides", "csv", tmp_path / "all.csv").path)
    assert [(r["barcode"], r["at"]) for r in rows] == [
        ("A001", TODAY.isoformat()),
        ("A004", lent_on.isoformat()),
    ]
    that_day = Options(today=today, start=lent_on, end=lent_on)
    rows = read_csv(reports.write("overrides", "csv", tmp_path / "day.csv", that_day).path)
    assert [r["barcode"] for r in rows] == ["A004"]
    text = pdf_text(reports.write("overrides", "pdf", tmp_path / "all.pdf").path)
    assert lent_on.isoformat() in text
    assert "2 exceptions were approved, all by Chief Supervisor (boss)." in text


def test_the_overrides_summary_is_a_plain_sentence():
    assert approvals_sentence(Counter()) == "No exceptions were approved."
    assert approvals_sentence(Counter(boss=1)) == "1 exception was approved, by boss."
    assert approvals_sentence(Counter(boss=3)) == "3 exceptions were approved, all by boss."
    assert approvals_sentence(Counter(boss=2, lee=3), {"lee": "Lee Min-jae (lee)"}) == (
        "5 exceptions were approved by 2 supervisors: 3 by Lee Min-jae (lee), 2 by boss."
    )


# -- the inspection report ----------------------------------------------------------------


def test_the_inspection_report_needs_a_stocktake(calendar, db, capsys, monkeypatch, tmp_path):
    cli = InProcess(db, capsys, monkeypatch)
    with pytest.raises(NotFound):
        reports.build("inspection")
    done = cli("report", "inspection", "--format", "csv", "--out", str(tmp_path / "i.csv"))
    assert done.code == 1 and "no stocktake" in done.err
    assert not (tmp_path / "i.csv").exists()


def test_an_open_stocktake_reports_provisional_outcomes(calendar, librarian, supervisor, tmp_path):
    small_collection(supervisor)
    stocktake.start(librarian)
    stocktake.scan(librarian, "A001", "Safe A/1")
    rows = read_csv(reports.write("inspection", "csv", tmp_path / "i.csv").path)
    assert {r["stocktake_status"] for r in rows} == {"open"}
    assert by_barcode(rows)["A001"]["outcome"] == "present"
    assert by_barcode(rows)["A002"]["outcome"] == "missing"
    text = pdf_text(reports.write("inspection", "pdf", tmp_path / "i.pdf").path)
    assert "NOT SIGNED" in text and "provisional" in text


def test_the_report_of_an_older_stocktake(collection, tmp_path):
    stocktake.start(staff.get_staff("lib"))
    stocktake.close(staff.get_staff(BOSS), "Second Inspector")
    newest = read_csv(reports.write("inspection", "csv", tmp_path / "new.csv").path)
    older = read_csv(
        reports.write("inspection", "csv", tmp_path / "old.csv", Options(stocktake_id=1)).path
    )
    assert {r["signed_by"] for r in newest} == {"Second Inspector"}
    assert {r["signed_by"] for r in older} == {"Lee Min-jae"}


# -- the command line ---------------------------------------------------------------------


def test_report_from_the_command_line(collection, cli, tmp_path):
    done = cli("report", "loans", "--format", "csv", "--out", str(tmp_path / "l.csv"), "--json")
    assert done.code == 0, done
    assert done.json() == {
        "kind": "loans",
        "format": "csv",
        "out": str(tmp_path / "l.csv"),
        "rows": 3,
    }
    as_inspector = cli("report", "overdue", "--out", str(tmp_path / "o.pdf"), user="insp")
    assert as_inspector.code == 0 and "Overdue loans" in pdf_text(tmp_path / "o.pdf")
    assert cli("report", "nonsense", "--out", str(tmp_path / "x.csv")).code == 2
    assert cli("report", "loans", "--format", "doc", "--out", str(tmp_path / "x")).code == 2
    assert cli("report", "loans", "--out", str(tmp_path / "no" / "such" / "x.csv")).code == 1
    assert (
        cli(
            "report",
            "circulation",
            "--out",
            str(tmp_path / "c.csv"),
            "--from",
            "2026-12-31",
            "--to",
            "2026-01-01",
        ).code
        == 1
    )


def test_reports_change_nothing_but_the_trail(collection_db, cli, tmp_path):
    """A report reads the collection; it only adds its own audit entry (who wrote what)."""

    def records() -> dict:
        return {
            name: rows
            for name, rows in dump(collection_db).items()
            if not name.startswith("audit_")
        }

    before, entries = records(), len(dump(collection_db)["audit_entry"])
    for kind in reports.KINDS:
        assert (
            cli(
                "report",
                kind,
                "--format",
                "csv",
                "--out",
                str(tmp_path / f"{kind}.csv"),
                user="insp",
            ).code
            == 0
        )
    assert records() == before
    assert len(dump(collection_db)["audit_entry"]) == entries + len(reports.KINDS)


# -- charts and the circulation period ----------------------------------------------------


def test_chart_figures(today):
    months = charts.loans_per_month(date(2026, 9, 1), today)
    assert months == [("2026-09", 0), ("2026-10", 0), ("2026-11", 3), ("2026-12", 1)]
    assert charts.copies_by_condition() == {"good": 8, "worn": 0, "ragged": 1, "damaged": 0}
    top = charts.most_requested(date(2026, 1, 1), today, limit=2)
    assert [(w.title, w.loans, w.waiting) for w in top][0] == (SET_TITLE, 1, 1)
    assert len(top) == 2


def test_circulation_counts_only_loans_in_the_period(today, tmp_path):
    options = Options(today=today, start=today, end=today)
    rows = read_csv(reports.write("circulation", "csv", tmp_path / "c.csv", options).path)
    counts = {r["title"]: (r["loans"], r["waiting"]) for r in rows if r["requests"] != "0"}
    assert counts == {SET_TITLE: ("0", "1"), "Work 3": ("1", "0")}
    assert len(rows) == 7  # every work is listed, those not asked for with zeros


# -- a large inventory streams ------------------------------------------------------------

LARGE = 1_000_000 if FULL else 30_000


def _add_copies(count: int) -> None:
    with write_transaction():
        database.execute_sql(
            "INSERT INTO work (title, author, created_at) VALUES ('Bulk', 'Many', '2026-01-01')"
        )
        work_id = database.execute_sql("SELECT last_insert_rowid()").fetchone()[0]
        database.execute_sql(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            "INSERT INTO copy (barcode, work_id, location, created_at) "
            "SELECT printf('BULK%07d', i), ?, 'Store', '2026-01-01' FROM n",
            (count, work_id),
        )
        audit.record("test", "bulk-add", "copy", "", {"copies": count})


def test_a_large_inventory_csv_streams_in_flat_memory(db, tmp_path):
    _add_copies(LARGE)
    report = reports.build("inventory")
    tracemalloc.start()
    try:
        written = reports.base.write_csv(report, tmp_path / "inventory.csv")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert written.rows == LARGE
    assert peak < 2_000_000, f"peak {peak:,} bytes: the rows were not streamed"
    with (tmp_path / "inventory.csv").open(encoding="utf-8") as stream:
        assert sum(1 for _ in stream) == LARGE + 1
