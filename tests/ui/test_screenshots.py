"""The screenshots' Qt message handler: the offscreen platform's size-hint notice is dropped
while rendering, every other message still reaches the handler installed before."""

from __future__ import annotations

from PySide6.QtCore import qInfo, qWarning

from ui.screenshots import OFFSCREEN_NOTICE, quiet_offscreen_notice


def messages(qtlog) -> list[str]:
    return [record.message for record in qtlog.records]


def test_only_the_offscreen_notice_is_dropped_while_rendering(qtlog):
    with quiet_offscreen_notice():
        qWarning(OFFSCREEN_NOTICE)
        qInfo("a page was rendered")
        qInfo(OFFSCREEN_NOTICE + " (and more)")
    assert messages(qtlog) == ["a page was rendered", OFFSCREEN_NOTICE + " (and more)"]


def test_the_previous_handler_is_back_afterwards(qtlog):
    with quiet_offscreen_notice():
        pass
    qWarning(OFFSCREEN_NOTICE)  # ignored by the test settings, but recorded
    assert messages(qtlog) == [OFFSCREEN_NOTICE]


def test_a_window_is_saved_once_what_it_reads_has_come_back(qtbot, tmp_path):
    """A page reads off the GUI thread: the screenshot waits for the answer (a slow one
    here) instead of grabbing the page still empty."""
    import time

    from PySide6.QtWidgets import QLabel

    from ui.operations import QueryOp
    from ui.screenshots import save

    label = QLabel("")
    qtbot.addWidget(label)

    def slow_read() -> str:
        time.sleep(0.3)
        return "read"

    QueryOp(label, slow_read).success(label.setText).run()
    assert save(label, tmp_path / "label.png").exists()
    assert label.text() == "read"
