"""The Policy page: the matrix, a cell changed with a preview before saving, fixed cells,
and a librarian who may look but not change."""

from __future__ import annotations

import pytest

from readingroom import clock, policy
from readingroom.decision import decide_lend
from readingroom.policy_preview import NO_COPY_ID, preview
from readingroom.store.db import close_database
from readingroom.store.models import AuditEntry, Borrower, Copy, Work
from tests.ui.pages_support import actor, demo_database, session_for, settled, show_page
from ui.models.policy_model import PolicyMatrixModel, outcomes_model
from ui.pages.policy import PolicyPage


@pytest.fixture
def demo_db(tmp_path):
    yield demo_database(tmp_path)
    close_database()


def open_page(qtbot, demo_db, who: str) -> PolicyPage:
    return show_page(qtbot, PolicyPage(session_for(demo_db, actor(who))))


def cadres_refused_only_for_approval() -> int:
    """Cadres whose only reason not to borrow a lendable work is the approval rule."""
    copy = Copy(id=NO_COPY_ID, status="available", work=Work(access="lendable"))
    return sum(
        decide_lend(copy, cadre, clock.today()).codes == ["APPROVAL_REQUIRED"]
        for cadre in Borrower.select().where(Borrower.role == "cadre")
    )


def last_audit() -> AuditEntry:
    return AuditEntry.select().order_by(AuditEntry.id.desc()).first()


def test_the_matrix_shows_every_rule(qtbot, demo_db):
    page = open_page(qtbot, demo_db, "supervisor")
    text = page.matrix.index_of("writer", "lendable").data()
    assert text == "Loan: 21 days, 3 items, 1 renewal"
    assert page.matrix.index_of("cadre", "lendable").data().startswith("Loan with approval")
    assert page.matrix.index_of("civilian", "lendable").data() == "Never"


def test_change_a_cell_see_the_preview_then_save(qtbot, demo_db):
    page = open_page(qtbot, demo_db, "supervisor")
    expected = cadres_refused_only_for_approval()
    assert expected >= 1
    page.select_cell("cadre", "lendable")
    audited = last_audit().id
    page.rule_combo.setCurrentIndex(page.rule_combo.findData("loan"))
    assert not page.save_button.isEnabled()  # nothing to save until the preview is read
    settled()  # the preview is read in the calls thread
    cadres = "1 cadre" if expected == 1 else f"{expected} cadres"
    assert (
        f"{cadres} would now be allowed lendable works without a supervisor's approval."
    ) in page.preview_label.text()
    assert page.outcomes.rowCount() >= expected
    assert policy.rule_for("cadre", "lendable").rule == "approval"  # nothing saved yet
    assert last_audit().id == audited
    assert page.save_button.isEnabled()
    page.save_button.click()
    settled()
    assert policy.rule_for("cadre", "lendable").rule == "loan"
    entry = last_audit()
    assert (entry.action, entry.entity_id, entry.staff) == (
        "policy-set",
        "cadre/lendable",
        "supervisor",
    )
    assert page.matrix.index_of("cadre", "lendable").data().startswith("Loan:")
    assert "Saved" in page.message.text()
    assert "nothing would change" in page.preview_label.text()


def test_shorter_loans_are_previewed(qtbot, demo_db):
    page = open_page(qtbot, demo_db, "supervisor")
    page.select_cell("writer", "lendable")
    page.days.setValue(14)
    settled()
    assert "New loans would be due after 14 days instead of 21." in page.preview_label.text()
    page.revert_button.click()
    assert page.days.value() == 21


def test_reading_room_only_would_refuse_writers(qtbot, demo_db):
    page = open_page(qtbot, demo_db, "supervisor")
    page.select_cell("writer", "lendable")
    page.rule_combo.setCurrentIndex(page.rule_combo.findData("reading-room"))
    settled()
    assert "would now be refused lendable works." in page.preview_label.text()
    assert not page.days.isEnabled()


def test_fixed_cells_are_locked_and_explained(qtbot, demo_db):
    page = open_page(qtbot, demo_db, "supervisor")
    page.select_cell("civilian", "lendable")
    assert not page.rule_combo.isEnabled() and not page.save_button.isEnabled()
    assert "civilian is never lent anything" in page.fixed_note.text()
    page.select_cell("writer", "staff-only")
    assert "staff-only works are never lent" in page.fixed_note.text()


def test_a_librarian_sees_the_policy_but_cannot_change_it(qtbot, demo_db):
    page = open_page(qtbot, demo_db, "librarian")
    page.select_cell("cadre", "lendable")
    assert not page.rule_combo.isEnabled() and not page.save_button.isEnabled()
    assert "only a supervisor" in page.permission_note.text()
    page.rule_combo.setCurrentIndex(page.rule_combo.findData("loan"))
    page.save()
    settled()  # the service layer refuses too, and says so inline
    assert page.message.kind == "error" and "supervisor" in page.message.text()
    assert policy.rule_for("cadre", "lendable").rule == "approval"


def test_models_pass_the_model_tester(qtmodeltester, demo_db):
    matrix = PolicyMatrixModel()
    matrix.set_rules(policy.matrix())
    qtmodeltester.check(matrix)
    outcomes = outcomes_model()
    outcomes.set_rows(
        preview("cadre", "lendable", "loan", days=21, max_items=3, renewals=1).changed
    )
    assert outcomes.rowCount()
    qtmodeltester.check(outcomes)


def test_a_condition_row_is_changed_and_a_librarian_may_not(qtbot, demo_db):
    from readingroom.restriction_rules import condition_allows

    page = open_page(qtbot, demo_db, "supervisor")
    page.condition_grade.setCurrentIndex(page.condition_grade.findData("ragged"))
    assert page.condition_allows.currentData() == "reading-room"  # the default
    assert not page.condition_save_button.isEnabled()
    page.condition_allows.setCurrentIndex(page.condition_allows.findData("none"))
    assert page.condition_save_button.isEnabled()
    page.condition_save_button.click()
    settled()
    assert condition_allows("ragged") == "none"
    assert last_audit().action == "policy-condition"
    assert not page.condition_save_button.isEnabled()
    librarian = open_page(qtbot, demo_db, "librarian")
    assert not librarian.condition_allows.isEnabled()
    assert not librarian.condition_save_button.isEnabled()
