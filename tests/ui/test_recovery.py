"""Opening a catalogue in the window: the passphrase, the start-up check, the way back."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from readingroom import backup, doctor, first_run, staff
from readingroom.errors import DatabaseLocked
from readingroom.store.db import close_database, database_key, is_plaintext
from readingroom.store.models import Copy
from tests.ui.shell_support import password_of
from ui import app as app_module
from ui import recovery, welcome


@pytest.fixture
def encrypted(tmp_path: Path) -> Path:
    path = tmp_path / "secret.db"
    first_run.create_catalogue(path, "chief", "secret-words", key="sesame")
    close_database()
    return path


def damage(path: Path) -> None:
    """Scribble over everything after the first page, as a failing disk might."""
    data = bytearray(path.read_bytes())
    for i in range(4096, len(data), 7):
        data[i] = 0x55
    path.write_bytes(bytes(data))


def test_an_encrypted_catalogue_asks_its_passphrase_until_it_opens(encrypted, monkeypatch):
    monkeypatch.delenv("READINGROOM_KEY", raising=False)
    asked: list[str] = []
    answers = iter(["wrong", "sesame"])
    monkeypatch.setattr(
        recovery,
        "ask_passphrase",
        lambda parent, path, problem="": asked.append(problem) or next(answers),
    )
    assert recovery.open_for_window(encrypted)
    assert asked == ["", "That passphrase does not open the catalogue."]
    assert database_key() == "sesame" and staff.get_staff("chief").role == "supervisor"
    close_database()


def test_cancelling_the_passphrase_opens_nothing(encrypted, monkeypatch):
    monkeypatch.delenv("READINGROOM_KEY", raising=False)
    monkeypatch.setattr(recovery, "ask_passphrase", lambda *a, **k: None)
    assert not recovery.open_for_window(encrypted)


def test_the_environment_key_is_used_without_asking(encrypted, monkeypatch):
    monkeypatch.setenv("READINGROOM_KEY", "sesame")
    monkeypatch.setattr(recovery, "ask_passphrase", pytest.fail)
    assert recovery.open_for_window(encrypted)
    close_database()


def test_a_damaged_catalogue_offers_its_newest_good_backup(qtbot, demo_catalogue):
    made = backup.make_backup(staff.authenticate("supervisor", password_of("supervisor")))
    copies = Copy.select().count()
    close_database()
    damage(demo_catalogue)
    check = doctor.quick_check(demo_catalogue)
    assert not check.ok
    dialog = recovery.DamagedDialog(
        demo_catalogue, check.problem, backup.newest_good_backup(demo_catalogue), None
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert made.name in " ".join(label.text() for label in dialog.findChildren(recovery.QLabel))
    qtbot.keyClicks(dialog.user_edit, "librarian")
    qtbot.keyClicks(dialog.password_edit, password_of("librarian"))
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.restore_button.isEnabled(), timeout=10_000)
    assert "supervisor" in dialog.message.text()  # a librarian may not restore
    dialog.user_edit.clear()
    qtbot.keyClicks(dialog.user_edit, "supervisor")
    qtbot.keyClicks(dialog.password_edit, password_of("supervisor"))
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10_000)
    assert doctor.quick_check(demo_catalogue).ok
    assert recovery.open_for_window(demo_catalogue)
    assert Copy.select().count() == copies


def test_without_a_good_backup_the_dialog_says_so(qtbot, tmp_path):
    path = tmp_path / "lost.db"
    first_run.create_catalogue(path, "chief", "secret-words")
    close_database()
    damage(path)
    dialog = recovery.DamagedDialog(path, "damaged", backup.newest_good_backup(path), None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.restore_button.isVisible()
    text = " ".join(label.text() for label in dialog.findChildren(recovery.QLabel))
    assert "No good backup" in text and "readingroom doctor" in text


def test_the_welcome_can_make_an_encrypted_catalogue(qtbot, tmp_path):
    path = tmp_path / "locked.db"
    dialog = welcome.WelcomeDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.user_edit, "chief")
    qtbot.keyClicks(dialog.password_edit, "secret-words")
    qtbot.keyClicks(dialog.repeat_edit, "secret-words")
    dialog.encrypt_box.setChecked(True)
    assert dialog.passphrase_edit.isVisible()
    qtbot.keyClicks(dialog.passphrase_edit, "sesame")
    qtbot.keyClicks(dialog.passphrase_repeat, "other")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.new_message.text() == "The two passphrases differ." and not path.exists()
    qtbot.keyClicks(dialog.passphrase_repeat, "sesame")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10_000)
    assert dialog.key == "sesame" and not is_plaintext(path)
    assert doctor.quick_check(path, "sesame").ok and not doctor.quick_check(path).ok


def _garble_middle_page(path: Path) -> None:
    """Overwrite a whole page in the middle of the file: one of the copy table's."""
    connection = sqlite3.connect(path)
    pages = sorted(
        p for (p,) in connection.execute("SELECT pageno FROM dbstat WHERE name = 'copy'")
    )
    connection.close()
    with open(path, "r+b") as handle:
        handle.seek((pages[len(pages) // 2] - 1) * 4096)
        handle.write(b"\x55" * 4096)


def test_a_garbled_middle_page_at_start_shows_the_recovery_dialog_not_a_crash(
    qtbot, demo_catalogue, monkeypatch
):
    good = backup.make_backup(staff.authenticate("supervisor", password_of("supervisor")))
    close_database()
    checkpoint = sqlite3.connect(demo_catalogue)
    checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    checkpoint.close()
    _garble_middle_page(demo_catalogue)
    shown: list[recovery.DamagedDialog] = []

    def exec_(dialog) -> int:
        qtbot.addWidget(dialog)
        shown.append(dialog)
        return recovery.QDialog.DialogCode.Rejected

    monkeypatch.setattr(recovery.DamagedDialog, "exec", exec_)
    monkeypatch.setattr(app_module, "ask_sign_in", pytest.fail)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    assert app_module.run(demo_catalogue) == 1  # the start-up check, as the app runs it
    (dialog,) = shown
    assert dialog.good_backup == good
    texts = " ".join(label.text() for label in dialog.findChildren(recovery.QLabel))
    assert good.name in texts and "damaged" in texts


def test_a_catalogue_another_program_holds_is_busy_at_start(demo_catalogue, monkeypatch):
    monkeypatch.setenv("READINGROOM_BUSY_TIMEOUT_MS", "100")
    close_database()
    other = sqlite3.connect(demo_catalogue)
    other.execute("PRAGMA locking_mode=EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    other.execute("INSERT INTO setting (key, value) VALUES ('other', 'program')")
    said: list[Exception] = []
    monkeypatch.setattr(
        recovery.errors, "ask_environment_problem", lambda parent, problem: said.append(problem)
    )
    monkeypatch.setattr(recovery, "ask_recovery", pytest.fail)
    try:
        assert not recovery.open_for_window(demo_catalogue)
    finally:
        other.rollback()
        other.close()
    (problem,) = said
    assert isinstance(problem, DatabaseLocked) and "busy" in problem.message
