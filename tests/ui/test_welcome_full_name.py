"""The welcome's first supervisor, typed into the real form: the full name is kept (letters
and reports sign with it); one too long is refused inline and leaves no file."""

from __future__ import annotations

from PySide6.QtCore import Qt

from readingroom import staff
from readingroom.catalogue_file import close_catalogue
from ui import operations, welcome


def type_new_catalogue(qtbot, dialog, full_name: str) -> None:
    if dialog.stack.currentWidget() is not dialog.new_page:
        qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    for edit, text in (
        (dialog.user_edit, "chief"),
        (dialog.full_name_edit, full_name),
        (dialog.password_edit, "secret-words"),
        (dialog.repeat_edit, "secret-words"),
    ):
        edit.clear()
        qtbot.keyClicks(edit, text)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)


def test_a_too_long_full_name_is_refused_then_a_good_one_is_kept(qtbot, tmp_path):
    folder = tmp_path / "lib"
    path = folder / "new.db"
    dialog = welcome.WelcomeDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    type_new_catalogue(qtbot, dialog, "x" * 101)
    qtbot.waitUntil(
        lambda: (
            dialog.stack.currentWidget() is dialog.new_page
            and "at most 100" in dialog.new_message.text()
        ),
        timeout=10_000,
    )
    assert not folder.exists() or list(folder.iterdir()) == []
    type_new_catalogue(qtbot, dialog, "  Ri Su-yon ")
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10_000)
    assert operations.settle()
    assert dialog.user.full_name == "Ri Su-yon"
    assert staff.get_staff("chief").display_name == "Ri Su-yon"
    close_catalogue()
