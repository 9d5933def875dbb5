"""The loans, overdue and circulation PDFs carry printed full names on their signature lines
(issue 12), as the inspection report does: whoever prepares the report (exports it, or the
bundle) has their full name under the line of their role."""

from __future__ import annotations

import pytest

from readingroom import demo, reports
from readingroom.reports.base import Options, signature_lines
from tests.core.inspection_support import pdf_text


@pytest.fixture
def collection(supervisor):
    demo.load_demo(supervisor)


def test_each_line_names_its_signer_when_they_prepare_it():
    assert signature_lines(Options(), "Librarian", "Supervisor") == ("Librarian", "Supervisor")
    prepared = Options(prepared_by=("librarian", "Kim Yong-ae"))
    assert signature_lines(prepared, "Librarian", "Supervisor") == (
        "Librarian\nKim Yong-ae",
        "Supervisor",
    )
    boss = Options(prepared_by=("supervisor", "Ri Chol"))
    assert signature_lines(boss, "Librarian") == ("Librarian", "Supervisor\nRi Chol")


@pytest.mark.parametrize("kind", ["loans", "overdue", "circulation"])
def test_the_pdfs_print_the_full_name_of_who_prepared_them(collection, librarian, tmp_path, kind):
    written = reports.export(librarian, kind, "pdf", tmp_path / f"{kind}.pdf")
    text = pdf_text(written.path)
    assert "Librarian Desk Librarian" in text
    if kind == "loans":
        assert "Supervisor" in text


def test_a_supervisor_exporting_signs_under_their_own_name(collection, supervisor, tmp_path):
    written = reports.export(supervisor, "overdue", "pdf", tmp_path / "overdue.pdf")
    assert "Supervisor Chief Supervisor" in pdf_text(written.path)
