"""The Audit log page: newest first, filters, the entry in full, and verifying the chain."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from readingroom import audit, borrowers, clock, seals, staff
from readingroom.store.db import close_database, database, open_database
from readingroom.store.models import AuditEntry
from tests.core.test_seals import rewrite_trail, with_details
from tests.ui.pages_support import (
    actor,
    demo_on,
    session_for,
    settled,
    show_page,
    table_texts,
    wait_loaded,
)
from tests.ui.shell_support import password_of
from ui import i18n
from ui.models.audit_model import AuditModel, details_summary
from ui.pages.audit_log import AuditPage


@pytest.fixture
def demo_db(tmp_path, db_backend, request, monkeypatch):
    yield from demo_on(request, monkeypatch, tmp_path)


@pytest.fixture
def page(qtbot, demo_db):
    return show_page(qtbot, AuditPage(session_for(demo_db, actor("inspector"))))


def verify(qtbot, page: AuditPage) -> str:
    page.verify_button.click()
    qtbot.waitUntil(lambda: not page.verifying, timeout=5000)
    return page.result.text()


def test_entries_newest_first_with_the_selected_one_in_full(page):
    ids = [int(text) for text in table_texts(page.model, 0)]
    assert ids == sorted(ids, reverse=True)
    assert len(ids) == AuditEntry.select().count()
    newest = AuditEntry.get_by_id(ids[0])
    # the time to the second, as people read it (the stored one has microseconds)
    shown_at = str(newest.at).replace("T", " ")[:19]
    assert page.entry.toPlainText().startswith(f"Entry {newest.id} at {shown_at} by ")
    assert newest.hash in page.entry.toPlainText()


def test_the_filters_offer_an_action_new_since_the_last_refresh(page):
    """The drop-downs' choices are read in the calls thread and filled when they arrive."""
    assert page.action_filter.findData("borrower-edit") < 0
    borrowers.edit_borrower(actor("librarian"), "W-1001", organisation="Prose Section")
    page.refresh()
    settled()
    assert page.action_filter.findData("borrower-edit") > 0
    assert page.staff_filter.findData("librarian") > 0


@pytest.mark.both_databases
def test_filters_by_action_staff_text_and_dates(qtbot, page):
    borrowers.edit_borrower(actor("librarian"), "W-1001", organisation="Prose Section")
    page.refresh()
    wait_loaded(qtbot, page.model)
    page.action_filter.set_value("lend")
    wait_loaded(qtbot, page.model)
    assert set(table_texts(page.model, 3)) == {"lend"}
    page.action_filter.set_value(None)
    page.staff_filter.set_value("librarian")
    wait_loaded(qtbot, page.model)
    assert table_texts(page.model, 3) == ["borrower-edit"]
    assert "organisation:" in page.model.index(0, 5).data()
    page.staff_filter.set_value(None)
    page.search.setText("Prose Section")
    page.search.flush()
    wait_loaded(qtbot, page.model)
    # the edit, and the import whose after-images hold a borrower of that section
    assert set(table_texts(page.model, 3)) == {"borrower-edit", "import-borrowers"}
    page.search.setText("")
    page.search.flush()
    page.set_dates(clock.today() + timedelta(days=1), None)
    wait_loaded(qtbot, page.model)
    assert page.model.rowCount() == 0 and page.count_label.text() == "0 entries"
    page.set_dates(clock.today(), clock.today() - timedelta(days=1))
    wait_loaded(qtbot, page.model)
    assert page.message.kind == "error" and "after the last date" in page.message.text()


@pytest.mark.both_databases
def test_verify_an_intact_chain(qtbot, page):
    text = verify(qtbot, page)
    count, last_hash = audit.chain_head()
    report = seals.verify_seals()
    assert text.startswith(
        f"The audit trail is intact: {count:,} entries, latest hash "
        f"{last_hash}; the tables agree with it; {report.count} seals "
        "verify"
    )
    assert seals.format_fingerprint(report.root_fingerprint) in text
    assert page.result.kind == "success"


def test_a_table_edited_behind_the_trail_is_reported(qtbot, page):
    """The window's check is the command line's: a copy's status changed with SQL."""
    database.execute_sql(
        "UPDATE copy SET status = 'missing' WHERE id = "
        "(SELECT min(id) FROM copy WHERE status = 'available')"
    )
    text = verify(qtbot, page)
    assert page.result.kind == "error"
    assert text.startswith("The tables do not agree with the audit trail (1 differences)")
    assert "status is 'missing' but the trail says 'available'" in text


def test_a_table_edited_behind_the_trail_is_reported_in_the_norths_korean(qapp, qtbot, demo_db):
    """In 조선어 the check names the row and its values in Korean: the copy's status as the
    desk says it (소재불명, 비치중), never the stored English word in Python's quotes."""
    database.execute_sql(
        "UPDATE copy SET status = 'missing' WHERE id = "
        "(SELECT min(id) FROM copy WHERE status = 'available')"
    )
    i18n.install_translator(qapp, "ko_KP")
    try:
        page = show_page(qtbot, AuditPage(session_for(demo_db, actor("inspector"))))
        text = verify(qtbot, page)
    finally:
        i18n.remove_translators(qapp)
    assert page.result.kind == "error"
    assert "상태는 '소재불명'인데 감사기록에는 '비치중'입니다" in text
    assert "'missing'" not in text and "'available'" not in text


def test_a_forged_seal_is_reported(qtbot, page, demo_db):
    """A seal's time changed and every hash after it recomputed: the chain is whole again,
    the seal's signature is not."""
    boss = staff.authenticate("supervisor", password_of("supervisor"))  # unlocks the key
    seal = seals.seal_head(boss).entry
    close_database()

    def later_seal(rows: list[list]) -> list[list]:
        return [
            with_details(r, sealed_at="2020-01-01T00:00:00") if r[0] == seal.id else r for r in rows
        ]

    rewrite_trail(demo_db, later_seal)
    open_database(demo_db)
    text = verify(qtbot, page)
    assert page.result.kind == "error"
    assert text.startswith("The audit trail's seals do not verify")


@pytest.mark.both_databases
def test_a_tampered_entry_is_reported_and_selected(qtbot, page):
    victim = AuditEntry.select().where(AuditEntry.action == "lend").first()
    database.execute_sql(
        "UPDATE audit_entry SET details = ? WHERE id = ?",
        ['{"barcode": "nothing to see"}', victim.id],
    )
    text = verify(qtbot, page)
    assert page.result.kind == "error"
    assert text.startswith(
        f"The audit chain is broken at entry {victim.id}: entry "
        f"{victim.id} was changed after it was written."
    )
    assert page.table.current_id() == victim.id


def test_a_deleted_newest_entry_is_reported(qtbot, page):
    newest = AuditEntry.select().order_by(AuditEntry.id.desc()).first()
    database.execute_sql("DELETE FROM audit_entry WHERE id = ?", [newest.id])
    text = verify(qtbot, page)
    assert "removed or replaced" in text and page.result.kind == "error"


def test_details_in_short_words():
    assert (
        details_summary('{"old": {"status": "active"}, "new": {"status": "suspended"}}')
        == "status: active → suspended"
    )
    assert details_summary('{"role": "inspector"}') == "role: inspector"
    # the after-images are the replay's: the summary says what was done, not the rows
    assert (
        details_summary(
            '{"after": {"borrower": {"3": "[\\"W-1\\"]"}}, '
            '"old": {"role": "writer"}, "new": {"role": "cadre"}}'
        )
        == "role: writer → cadre"
    )
    assert details_summary("not json") == "not json"


def test_model_passes_the_model_tester(qtmodeltester, demo_db):
    model = AuditModel(threaded=False)
    model.reload()
    assert model.rowCount()
    qtmodeltester.check(model)


def test_a_supervisor_keeps_a_checkpoint_and_the_check_uses_it(qtbot, demo_db):
    boss = staff.authenticate("supervisor", password_of("supervisor"))  # unlocks the key
    seals.settle(boss)
    page = show_page(qtbot, AuditPage(session_for(demo_db, boss)))
    assert page.checkpoint_button.isVisible()
    before = AuditEntry.select().count()
    page.checkpoint_button.click()
    qtbot.waitUntil(lambda: not page.verifying, timeout=10000)
    assert page.result.kind == "success", page.result.text()
    assert page.result.text().startswith(f"Checkpoint kept: the state of entries 1-{before}")
    assert AuditEntry.select().order_by(AuditEntry.id.desc()).first().action == (
        "replay-checkpoint"
    )
    from readingroom import trail

    assert trail.check_trail().checkpoint == (before + 1, before)


def test_no_checkpoint_over_tables_that_differ_and_none_for_an_inspector(qtbot, page, demo_db):
    assert not page.checkpoint_button.isVisible()  # the inspector's page
    boss = staff.authenticate("supervisor", password_of("supervisor"))
    seals.settle(boss)
    boss_page = show_page(qtbot, AuditPage(session_for(demo_db, boss)))
    database.execute_sql("DROP TRIGGER copy_image_update")  # an insider, images off
    database.execute_sql("UPDATE copy SET location = 'Elsewhere' WHERE id = 1")
    before = AuditEntry.select().count()
    boss_page.checkpoint_button.click()
    qtbot.waitUntil(lambda: not boss_page.verifying, timeout=10000)
    assert boss_page.result.kind == "error"
    assert "differ from the trail" in boss_page.result.text()
    assert AuditEntry.select().count() == before


def test_every_entry_of_the_demo_trail_reads_in_the_norths_korean(qtbot, qapp, demo_db):
    """Under 조선어 every entry of the demo's trail (the reading room, conservation, an
    incomplete set, a work made a set, the seal keys) has its action, its record's kind
    and every detail key in Korean, and a stored word under its key (a condition) too."""
    try:
        i18n.install_translator(qapp, "ko_KP")
        page = show_page(qtbot, AuditPage(session_for(demo_db, actor("inspector"))))
        wait_loaded(qtbot, page.model)
        settled()
        rows = [
            [page.model.index(n, column).data() for column in (3, 4, 5)]
            for n in range(page.model.rowCount())
        ]
    finally:
        i18n.remove_translators(qapp)
    stored = re.compile(r"[a-z]+[-_][a-z]+|\b(?:loan|copy|room|conservation|restrict)\b")
    kinds = [(action, record.rpartition(" ")[0]) for action, record, _ in rows]  # ids as stored
    assert not [(a, k) for a, k in kinds if stored.search(a) or stored.search(k)]
    keys = {key for *_, details in rows for key in re.findall(r"(?:^|, |\{)([^:,{]+): ", details)}
    assert keys and not [key for key in keys if re.search("[A-Za-z]", key)], keys
    assert any("보존등급: 해짐" in details for *_, details in rows)


def test_labels_in_the_windows_language_and_the_stored_entries_unchanged(qtbot, qapp, demo_db):
    """Under 조선어 the actions, records and detail keys read in Korean (the stored word in
    the tooltip and the entry's pane); the entries and the chain are as they were."""
    from PySide6.QtCore import Qt

    from ui import i18n

    before = [(e.action, e.entity, e.details, e.hash) for e in AuditEntry.select()]
    try:
        i18n.install_translator(qapp, "ko_KP")
        page = show_page(qtbot, AuditPage(session_for(demo_db, actor("inspector"))))
        wait_loaded(qtbot, page.model)
        settled()
        rows = AuditEntry.select().order_by(AuditEntry.id.desc())
        shown = {
            entry.action: (
                page.model.index(n, 3).data(),
                page.model.index(n, 3).data(Qt.ItemDataRole.ToolTipRole),
                page.model.index(n, 4).data(),
            )
            for n, entry in enumerate(rows)
        }
        assert shown["lend"][:2] == ("대출", "lend")
        assert shown["lend"][2].startswith("대출 ")  # the record: loan N
        assert shown["hold-place"][0] == "예약" and shown["hold-place"][2].startswith("예약 ")
        assert shown["staff-add"][:2] == ("직원 등록", "staff-add")
        assert shown["baseline"][2].startswith("대출규정 항목 ")
        assert page.action_filter.findText("대출") > 0
        assert page.action_filter.itemData(page.action_filter.findText("대출")) == "lend"
        assert details_summary('{"barcode": "RR1", "member_no": "W-1"}') == (
            "바코드: RR1, 회원번호: W-1"
        )
    finally:
        i18n.remove_translators(qapp)
    assert [(e.action, e.entity, e.details, e.hash) for e in AuditEntry.select()] == before
    assert details_summary('{"barcode": "RR1"}') == "barcode: RR1"  # English: as stored
