"""The welcome's new catalogue, typed into its real widgets: a refusal leaves no file
behind (no catalogue, no ``-wal``, no ``-shm``, no hidden build), and the next try under
the same name succeeds instead of saying "already exists"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from readingroom import staff
from readingroom.catalogue_file import close_catalogue, open_catalogue
from ui import operations, welcome


def _type_new_catalogue(qtbot, dialog, path: Path, username: str, password: str) -> None:
    if dialog.stack.currentWidget() is not dialog.new_page:
        qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    for edit, text in (
        (dialog.path_edit, str(path)),
        (dialog.user_edit, username),
        (dialog.full_name_edit, "Chief Librarian"),
        (dialog.password_edit, password),
        (dialog.repeat_edit, password),
    ):
        edit.clear()
        qtbot.keyClicks(edit, text)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)


def _refused(qtbot, dialog, words: str) -> None:
    qtbot.waitUntil(
        lambda: (
            dialog.stack.currentWidget() is dialog.new_page and words in dialog.new_message.text()
        ),
        timeout=10_000,
    )


def test_a_refused_new_catalogue_leaves_no_file_and_the_retry_succeeds(qtbot, tmp_path):
    folder = tmp_path / "lib"
    path = folder / "new.db"
    dialog = welcome.WelcomeDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()

    _type_new_catalogue(qtbot, dialog, path, "chief", "short")  # the password is refused
    _refused(qtbot, dialog, "at least")
    assert not folder.exists() or list(folder.iterdir()) == []

    _type_new_catalogue(qtbot, dialog, path, "two words", "secret-words")  # the user name
    _refused(qtbot, dialog, "one word")
    assert list(folder.iterdir()) == []

    _type_new_catalogue(qtbot, dialog, path, "chief", "secret-words")
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10_000)
    assert operations.settle()
    assert dialog.path == path and dialog.user.username == "chief"
    assert sorted(p.name for p in folder.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [
        "new.db"
    ]
    open_catalogue(path)
    assert staff.authenticate("chief", "secret-words").full_name == "Chief Librarian"
    close_catalogue()
