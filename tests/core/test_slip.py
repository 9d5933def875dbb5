"""The desk's slip: built from the circulation services' results, one page per borrower,
each copy with its due date or its return, overrides marked, and each line's audit entry."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from readingroom import circulation, settings, slip, trail
from readingroom.errors import BadInput, EnvironmentProblem, NotFound, NotPermitted
from readingroom.store.models import AuditEntry


def text_of(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


@pytest.fixture
def desk(db, supervisor, librarian, make_copy, make_borrower):
    settings.set_branch(supervisor, "작가동맹 평양지부 도서실")
    make_copy("RR00001", "인간의 증명", volume=1, volumes=3)
    make_copy("RR00002", "인간의 증명", volume=2, volumes=3)
    make_copy("RR00003", "Wuthering Heights", author="Emily Brontë")
    make_borrower("W-1001", name="김수영")
    make_borrower("W-1002", name="Pak Kyong-ni")
    make_borrower("C-2001", "cadre", name="Cadre Ri")
    return librarian


def test_results_carry_the_sequence_of_their_audit_entry(desk, supervisor):
    lent = circulation.lend(desk, "RR00001", "W-1001")
    entry = AuditEntry.get_by_id(lent.audit_seq)
    assert (entry.action, entry.entity_id) == ("lend", str(lent.loan.id))
    renewed = circulation.renew(supervisor, "RR00001", override_reason="away")
    assert AuditEntry.get_by_id(renewed.audit_seq).action in ("renew", "renew-override")
    returned = circulation.return_copy(desk, "RR00001", condition="worn")
    entry = AuditEntry.get_by_id(returned.audit_seq)
    assert (entry.action, entry.entity_id) == ("return", str(lent.loan.id))


def test_a_loan_slip_names_branch_member_copies_due_dates_and_entries(desk, tmp_path):
    results = [
        circulation.lend(desk, "RR00001", "W-1001"),
        circulation.lend(desk, "RR00002", "W-1001"),
    ]
    path = tmp_path / "slip.pdf"
    slips = slip.write_slip(path, results)
    assert len(slips) == 1
    (made,) = slips
    assert made.title == "Loan slip"
    assert [line.audit_seq for line in made.lines] == [r.audit_seq for r in results]
    assert made.staff == "Desk Librarian"
    (page,) = text_of(path)
    for text in (
        "작가동맹 평양지부 도서실",
        "Loan slip",
        "김수영 (W-1001)",
        "RR00001",
        "인간의 증명",
        "vol. 2",
        f"due {results[0].loan.due.isoformat()}",
        f"#{results[0].audit_seq}",
        f"#{results[1].audit_seq}",
        "Served by",
        "2 copies",
    ):
        assert text in page, text
    assert "*" not in page


def test_an_override_is_marked_and_explained(desk, supervisor, tmp_path):
    lent = circulation.lend(supervisor, "RR00003", "C-2001", override_reason="minister's letter")
    path = tmp_path / "slip.pdf"
    (made,) = slip.write_slip(path, [lent])
    assert made.lines[0].marked and made.lines[0].overridden == ("APPROVAL_REQUIRED",)
    (page,) = text_of(path)
    page = " ".join(page.split())  # the footnote wraps
    assert "RR00003 *" in page
    assert "override of APPROVAL_REQUIRED" in page
    assert "approved by Chief Supervisor" in page
    assert "minister's letter" in page


def test_returns_of_two_borrowers_make_two_pages(desk, tmp_path):
    circulation.lend(desk, "RR00001", "W-1001")
    circulation.lend(desk, "RR00003", "W-1002")
    results = [
        circulation.return_copy(desk, "RR00001", condition="worn"),
        circulation.return_copy(desk, "RR00003"),
    ]
    path = tmp_path / "returns.pdf"
    slips = slip.write_slip(path, results)
    assert [s.member_no for s in slips] == ["W-1001", "W-1002"]
    assert all(s.title == "Return slip" for s in slips)
    first, second = (" ".join(page.split()) for page in text_of(path))
    assert "김수영" in first and "Pak Kyong-ni" not in first
    assert "worn" in first and f"#{results[0].audit_seq}" in first
    assert "Emily" not in second and "Wuthering Heights" in second
    assert f"returned {results[1].loan.returned_on.isoformat()}" in second


def test_the_entry_on_the_slip_is_the_one_audit_list_shows(desk, tmp_path):
    lent = circulation.lend(desk, "RR00001", "W-1001")
    listed = {e.id: e for e in trail.recent_entries(limit=20)}
    assert listed[lent.audit_seq].action == "lend"


def test_nothing_to_print_and_a_folder_that_is_not_there(desk, tmp_path):
    with pytest.raises(BadInput):
        slip.slips_for([])
    lent = circulation.lend(desk, "RR00001", "W-1001")
    with pytest.raises(EnvironmentProblem):
        slip.write_slip(tmp_path / "no-such-folder" / "slip.pdf", [lent])
    with pytest.raises(EnvironmentProblem):
        slip.check_target(tmp_path / "no-such-folder" / "slip.pdf")


def test_the_slip_setting(desk, supervisor):
    assert settings.slip_mode() == "ask"
    with pytest.raises(NotPermitted):
        settings.set_slip_mode(desk, "never")
    with pytest.raises(BadInput):
        settings.set_slip_mode(supervisor, "sometimes")
    changed = settings.set_slip_mode(supervisor, " Always ")
    assert (changed.old, changed.new) == ("ask", "always")
    assert settings.slip_mode() == "always"


def test_a_slip_printed_again_for_a_current_loan(desk, supervisor, tmp_path):
    lent = circulation.lend(supervisor, "RR00003", "C-2001", override_reason="minister's letter")
    (again,) = slip.reprint("RR00003")
    (first,) = slip.slips_for([lent])
    assert again.lines[0].audit_seq == lent.audit_seq == first.lines[0].audit_seq
    assert again.lines[0].overridden == first.lines[0].overridden == ("APPROVAL_REQUIRED",)
    assert again.lines[0].approved_by == "Chief Supervisor"
    assert (again.member_no, again.lines[0].due) == ("C-2001", lent.loan.due)
    slip.write_slips(tmp_path / "again.pdf", [again])
    assert "RR00003 *" in text_of(tmp_path / "again.pdf")[0]
    circulation.return_copy(desk, "RR00003")
    with pytest.raises(NotFound):
        slip.reprint("RR00003")
