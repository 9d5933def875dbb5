"""A locked catalogue never freezes the window (issue 10): while another program holds the
write lock, the desk's lend waits in a pool thread and the event loop keeps turning."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer

from readingroom.errors import DatabaseLocked
from readingroom.store.models import Copy, Loan
from tests.ui.shell_support import borrower, desk_of, lendable_copy, wait_for_desk
from ui import errors

TICK_MS = 50
#: the longest the event loop may stand still while the lend waits for the lock
MAX_GAP_S = 0.2

#: another program: takes the write lock, says so, holds it, lets go and says when
HOLDER = """
import sqlite3, sys, time
from pathlib import Path
path, flag, hold = sys.argv[1], Path(sys.argv[2]), float(sys.argv[3])
con = sqlite3.connect(path, timeout=10, isolation_level=None)
con.execute("BEGIN IMMEDIATE")
flag.write_text("locked")
time.sleep(hold)
released = time.time()
con.execute("COMMIT")
con.close()
flag.write_text(repr(released))
"""


def scan(qtbot, page, code: str) -> None:
    qtbot.keyClicks(page.scan_edit, code)
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Return)
    wait_for_desk(qtbot, page)


def hold_the_lock(qtbot, db_path: Path, flag: Path, seconds: float) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path), str(flag), str(seconds)])
    qtbot.waitUntil(lambda: flag.exists() and flag.read_text() == "locked", timeout=10_000)
    return holder


class Ticks:
    """A timer firing every 50 ms: when it fired, to find the longest standstill."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(lambda: self.times.append(time.monotonic()))

    def start(self) -> None:
        self.times = [time.monotonic()]
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.times.append(time.monotonic())

    def longest_gap(self) -> float:
        return max(b - a for a, b in zip(self.times, self.times[1:], strict=False))


def loans_of(barcode: str) -> int:
    return Loan.select().join(Copy).where(Copy.barcode == barcode).count()


def lend_ready(qtbot, window):
    page = desk_of(window)
    writer, copy = borrower("writer"), lendable_copy()
    scan(qtbot, page, writer.member_no)
    scan(qtbot, page, copy.barcode)
    assert page.banner.tone == "allowed"
    return page, writer, copy


def test_a_lend_waits_for_another_programs_lock_and_the_window_keeps_painting(
    qtbot, window, tmp_path, monkeypatch
):
    monkeypatch.setenv("READINGROOM_BUSY_TIMEOUT_MS", "10000")
    page, writer, copy = lend_ready(qtbot, window)
    before = loans_of(copy.barcode)
    flag = tmp_path / "lock-flag"
    holder = hold_the_lock(qtbot, window.session.db_path, flag, 3.0)
    ticks = Ticks()
    ticks.start()
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Return)  # lend, into the lock
    assert page.busy and not page.action_button.isEnabled()  # no second lend meanwhile
    qtbot.mouseClick(page.action_button, Qt.MouseButton.LeftButton)  # a second click
    wait_for_desk(qtbot, page, timeout=20_000)
    finished = time.time()
    ticks.stop()
    assert holder.wait(10) == 0
    released = float(flag.read_text())

    assert ticks.times[-1] - ticks.times[0] >= 2.5  # the lend waited about the 3 s
    assert ticks.longest_gap() < MAX_GAP_S, ticks.longest_gap()
    assert finished >= released  # it went through once the lock was let go
    assert page.banner.headline.text().startswith(f"Lent to {writer.name}")
    assert loans_of(copy.barcode) == before + 1  # exactly once


def test_a_lend_that_gives_up_on_the_lock_says_so_and_lends_nothing(
    qtbot, window, tmp_path, monkeypatch
):
    monkeypatch.setenv("READINGROOM_BUSY_TIMEOUT_MS", "1000")
    shown: list[BaseException] = []
    monkeypatch.setattr(errors, "show_environment_problem", lambda _parent, e: shown.append(e))
    page, _writer, copy = lend_ready(qtbot, window)
    before = loans_of(copy.barcode)
    flag = tmp_path / "lock-flag"
    holder = hold_the_lock(qtbot, window.session.db_path, flag, 3.0)
    ticks = Ticks()
    ticks.start()
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Return)
    wait_for_desk(qtbot, page, timeout=20_000)
    ticks.stop()
    assert holder.wait(10) == 0

    assert ticks.longest_gap() < MAX_GAP_S, ticks.longest_gap()
    assert len(shown) == 1 and isinstance(shown[0], DatabaseLocked)
    assert loans_of(copy.barcode) == before
    assert page.pending is not None and page.action_button.isEnabled()  # Enter tries again


def test_the_next_person_does_not_see_a_lend_that_finishes_after_escape(
    qtbot, window, tmp_path, monkeypatch
):
    monkeypatch.setenv("READINGROOM_BUSY_TIMEOUT_MS", "10000")
    page, writer, copy = lend_ready(qtbot, window)
    flag = tmp_path / "lock-flag"
    holder = hold_the_lock(qtbot, window.session.db_path, flag, 1.0)
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Return)  # lend, into the lock
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Escape)  # the next person steps up
    wait_for_desk(qtbot, page, timeout=20_000)
    assert holder.wait(10) == 0
    assert page.member_no is None and page.borrower_panel.name.text() == "No borrower"
    assert writer.name not in page.banner.headline.text()
    assert copy.barcode in page.history.item(0).text()  # the desk's own record of it
    assert (
        Loan.select()
        .join(Copy)
        .where((Copy.barcode == copy.barcode) & Loan.returned_at.is_null())
        .exists()
    )
