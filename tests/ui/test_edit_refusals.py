"""The window's edits refuse HAS_ACTIVE_LOANS inline, as the desk shows a refusal: the
dialog stays open with the reason (naming the loans) and nothing is written."""

from __future__ import annotations

import pytest

from readingroom import borrowers, catalogue
from readingroom.queries import forms
from readingroom.store.db import close_database
from readingroom.store.models import AuditEntry, Borrower, Copy, Loan, Work
from tests.ui.pages_support import actor, demo_database, saved, session_for
from ui import i18n
from ui.dialogs.borrower_dialog import BorrowerDialog
from ui.dialogs.work_dialog import WorkDialog
from ui.widgets.message_bar import MessageBar
from ui.widgets.service import attempt


@pytest.fixture
def korean(qapp):
    language = i18n.install_translator(qapp, "ko")
    yield language
    i18n.remove_translators(qapp)


@pytest.fixture
def demo_db(tmp_path):
    yield demo_database(tmp_path)
    close_database()


def a_current_loan() -> Loan:
    return (
        Loan.select()
        .join(Borrower)
        .where(Loan.returned_at.is_null() & (Borrower.role == "writer"))
        .order_by(Loan.id)
        .first()
    )


def entries() -> int:
    return AuditEntry.select().count()


def test_making_a_borrower_with_a_loan_a_civilian_is_refused_in_the_dialog(qtbot, demo_db):
    loan = a_current_loan()
    member = loan.borrower
    dialog = BorrowerDialog(
        session_for(demo_db, actor("supervisor")), forms.borrower_form(member.member_no)
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.role.setCurrentIndex(dialog.role.findData("civilian"))
    before = entries()
    assert not saved(dialog)
    assert dialog.isVisible() and dialog.message.kind == "error"
    text = dialog.message.text()
    assert "rules forbid" in text and f"{loan.copy.barcode} lent to {member.member_no}" in text
    assert borrowers.get_borrower(member.member_no).role == "writer"
    assert entries() == before


def test_making_a_work_with_a_copy_out_staff_only_is_refused_in_the_dialog(qtbot, demo_db):
    loan = a_current_loan()
    work = Work.get_by_id(Copy.get_by_id(loan.copy_id).work_id)
    dialog = WorkDialog(session_for(demo_db, actor("supervisor")), forms.work_form(work.id))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.access.setCurrentIndex(dialog.access.findData("staff-only"))
    before = entries()
    assert not saved(dialog)
    assert dialog.message.kind == "error" and loan.copy.barcode in dialog.message.text()
    assert catalogue.get_work(work.id).access == work.access
    assert entries() == before


def test_the_policy_page_s_refusal_is_shown_inline(qtbot, demo_db):
    """The policy page saves through the same ``attempt``: the refusal is a message."""
    from readingroom import policy

    bar = MessageBar()
    qtbot.addWidget(bar)
    ok, error = attempt(bar, policy.set_rule, actor("supervisor"), "writer", "lendable", "never")
    assert not ok and error.decision.codes == ["HAS_ACTIVE_LOANS"]
    assert bar.kind == "error" and "rules forbid" in bar.text()
    assert policy.rule_for("writer", "lendable").rule == "loan"


def test_the_refusal_reads_in_korean(qtbot, demo_db, korean):
    loan = a_current_loan()
    dialog = BorrowerDialog(
        session_for(demo_db, actor("supervisor")), forms.borrower_form(loan.borrower.member_no)
    )
    qtbot.addWidget(dialog)
    dialog.role.setCurrentIndex(dialog.role.findData("civilian"))
    assert not saved(dialog)
    text = dialog.message.text()
    assert "규정이 금지하는 대출" in text
    assert f"{loan.copy.barcode} ({loan.borrower.member_no})" in text
