"""The window's keys, pressed as a librarian presses them: the writers' catalogue on
Ctrl+Shift+W (Ctrl+W closes windows elsewhere), every page through the switcher (Ctrl+K),
and no window with two controls on the same Alt key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from ui import i18n, registry, welcome
from ui.main_window import STAFF, WRITERS, MainWindow
from ui.page_switcher import PageSwitcher, matches
from ui.pages.base import Page
from ui.pages.desk import DeskPage
from ui.session import Session
from ui.signin import SignInDialog

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def press(qtbot, window: MainWindow, key: Qt.Key, modifiers=CTRL) -> None:
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifiers)


def type_korean(widget: QWidget, text: str) -> None:
    """Korean typed as an input method enters it: each syllable committed to the field
    (QTest types ASCII only)."""
    for syllable in text:
        event = QInputMethodEvent()
        event.setCommitString(syllable)
        QApplication.sendEvent(widget, event)


def open_switcher(qtbot, window: MainWindow) -> PageSwitcher:
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # the keys go there
    press(qtbot, window, Qt.Key.Key_K)
    switcher = window.switcher
    assert switcher is not None
    qtbot.waitUntil(switcher.isVisible)
    qtbot.waitUntil(switcher.filter_edit.hasFocus)
    return switcher


class OwnPage(Page):
    page_id = "own"
    icon_name = "catalogue"

    def __init__(self, session: Session, parent=None):
        super().__init__(session, parent)
        self.field = QLineEdit(self)

    @classmethod
    def title(cls) -> str:
        return "Own notes"

    def focus_primary(self) -> None:
        self.field.setFocus()


class SupervisorsOnly(OwnPage):
    page_id = "supervisors-only"
    roles = ("supervisor",)

    @classmethod
    def title(cls) -> str:
        return "Supervisors' notes"


# -- the writers' catalogue ----------------------------------------------------------------


def test_ctrl_w_no_longer_opens_the_writers_catalogue_ctrl_shift_w_does(qtbot, make_window):
    window = make_window("librarian", pages=[DeskPage, OwnPage])
    press(qtbot, window, Qt.Key.Key_W)
    assert window.mode == STAFF and window.isVisible()
    press(qtbot, window, Qt.Key.Key_W, CTRL_SHIFT)
    assert window.mode == WRITERS
    assert "Ctrl+Shift+W" in window.writers_action.toolTip()
    assert window.writers_action.shortcut().toString() == "Ctrl+Shift+W"


# -- the page switcher ---------------------------------------------------------------------


def test_ctrl_k_reaches_every_page_by_typing_part_of_its_name(qtbot, make_window):
    window = make_window("supervisor")  # the twelve pages of the registry
    ids = window.page_ids()
    assert len(ids) == len(registry.PAGES) > 9  # more than Ctrl+1..Ctrl+9 reach
    switcher = open_switcher(qtbot, window)
    assert switcher.shown_pages() == ids
    qtbot.keyClicks(switcher.filter_edit, "repo")
    assert switcher.shown_pages() == ["reports"]
    qtbot.keyClick(switcher.filter_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not switcher.isVisible())
    assert window.current_page().page_id == "reports"
    for last in ids[9:]:  # the pages past Ctrl+9, each by its shown name
        title = window.nav.item(ids.index(last)).text()
        switcher = open_switcher(qtbot, window)
        qtbot.keyClicks(switcher.filter_edit, title.upper())
        assert switcher.shown_pages() == [last]
        qtbot.keyClick(switcher.filter_edit, Qt.Key.Key_Enter)
        assert window.current_page().page_id == last


def test_the_switcher_moves_with_the_arrows_and_opens_on_a_click(qtbot, make_window):
    window = make_window("supervisor")
    switcher = open_switcher(qtbot, window)
    qtbot.keyClicks(switcher.filter_edit, "o")  # several pages have an o
    kept = switcher.shown_pages()
    assert len(kept) > 2
    qtbot.keyClick(switcher.filter_edit, Qt.Key.Key_Down)
    qtbot.keyClick(switcher.filter_edit, Qt.Key.Key_Return)
    assert window.current_page().page_id == kept[1]
    switcher = open_switcher(qtbot, window)
    row = window.page_ids().index("loans")
    item = switcher.list.item(row)
    qtbot.mouseClick(
        switcher.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=switcher.list.visualItemRect(item).center(),
    )
    assert not switcher.isVisible()
    assert window.current_page().page_id == "loans"


def test_esc_closes_the_switcher_and_changes_nothing(qtbot, make_window):
    window = make_window("librarian", pages=[DeskPage, OwnPage])
    switcher = open_switcher(qtbot, window)
    qtbot.keyClicks(switcher.filter_edit, "own")
    qtbot.keyClick(switcher.filter_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not switcher.isVisible())
    assert window.current_page().page_id == "desk"


def test_a_filter_matching_nothing_says_so_and_enter_does_nothing(qtbot, make_window):
    window = make_window("librarian", pages=[DeskPage, OwnPage])
    switcher = open_switcher(qtbot, window)
    qtbot.keyClicks(switcher.filter_edit, "zzz")
    assert switcher.shown_pages() == [] and switcher.empty.isVisible()
    qtbot.keyClick(switcher.filter_edit, Qt.Key.Key_Return)
    assert switcher.isVisible() and window.current_page().page_id == "desk"


def test_the_switcher_offers_only_the_pages_the_role_may_open(qtbot, make_window):
    pages = [DeskPage, OwnPage, SupervisorsOnly]
    librarian = make_window("librarian", pages=pages)
    switcher = open_switcher(qtbot, librarian)
    assert switcher.shown_pages() == ["desk", "own"]
    qtbot.keyClicks(switcher.filter_edit, "supervisors")
    assert switcher.shown_pages() == []
    switcher.close()
    supervisor = make_window("supervisor", pages=pages)
    switcher = open_switcher(qtbot, supervisor)
    qtbot.keyClicks(switcher.filter_edit, "supervisors")
    assert switcher.shown_pages() == ["supervisors-only"]


def test_the_switcher_filters_by_the_names_shown_in_korean(qtbot, qapp, make_window):
    i18n.install_translator(qapp, "ko")
    try:
        window = make_window("supervisor")
        switcher = open_switcher(qtbot, window)
        reports = window.nav.item(window.page_ids().index("reports")).text()
        assert re.search(r"[\uac00-\ud7a3]", reports), reports  # shown in Korean
        type_korean(switcher.filter_edit, reports[:2])
        assert "reports" in switcher.shown_pages()
        switcher.filter_edit.clear()
        qtbot.keyClicks(switcher.filter_edit, "Reports")  # the English name is not shown
        assert switcher.shown_pages() == []
        switcher.filter_edit.clear()
        type_korean(switcher.filter_edit, reports)
        qtbot.keyClick(switcher.filter_edit, Qt.Key.Key_Return)
        assert window.current_page().page_id == "reports"
    finally:
        i18n.remove_translators(qapp)


def test_the_switcher_is_not_offered_to_the_writers_or_on_a_locked_window(qtbot, make_window):
    window = make_window("librarian", pages=[DeskPage, OwnPage])
    press(qtbot, window, Qt.Key.Key_W, CTRL_SHIFT)
    press(qtbot, window, Qt.Key.Key_K)
    assert window.switcher is None


@pytest.mark.parametrize(
    ("title", "typed", "kept"),
    [
        ("Waiting lists", "wait", True),
        ("Waiting lists", "LISTS wait", True),
        ("Audit log", "audit  ", True),
        ("Réserves", "reserves", True),
        ("Audit log", "loans", False),
    ],
)
def test_matching_ignores_case_order_of_words_and_accents(title, typed, kept):
    assert matches(title, typed) is kept


# -- mnemonics: one control per Alt key in each window -----------------------------------------

AMPERSAND = re.compile(r"&(.)")


def mnemonic(text: str) -> str | None:
    """The Alt key ``text`` binds (``&&`` is a literal ampersand), in one case, or None."""
    for match in AMPERSAND.finditer(text.replace("&&", "")):
        if not match.group(1).isspace():
            return match.group(1).casefold()
    return None


def own_mnemonics(widget: QWidget) -> list[tuple[str, str]]:
    """(key, text) bound by ``widget`` itself: buttons, labels with a buddy, group boxes,
    tabs; a window's menu bar titles."""
    texts: list[str] = []
    if isinstance(widget, QAbstractButton):
        texts.append(widget.text())
    elif isinstance(widget, QLabel) and widget.buddy() is not None:
        texts.append(widget.text())
    elif isinstance(widget, QGroupBox):
        texts.append(widget.title())
    elif isinstance(widget, QTabWidget):
        texts += [widget.tabText(i) for i in range(widget.count())]
    return [(key, text) for text in texts if (key := mnemonic(text))]


def mnemonic_sets(widget: QWidget) -> list[list[tuple[str, str]]]:
    """Every set of mnemonics that can be live together under ``widget``: the pages of a
    stack are alternatives (one shows at a time); widgets hidden for now (a row shown when
    a box is ticked) count, as they may show; other windows (dialogs, menus) are apart."""
    own = own_mnemonics(widget)
    children = [
        child
        for child in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if not child.isWindow() and not isinstance(child, QMenu)
    ]
    if isinstance(widget, QStackedWidget):
        return [own + found for child in children for found in mnemonic_sets(child)]
    combos = [own]
    for child in children:
        below = mnemonic_sets(child)
        combos = [done + more for done in combos for more in below]
        assert len(combos) < 500, "too many alternatives to check"
    return combos


def duplicates(window: QWidget) -> list[str]:
    """Each Alt key bound twice in one state of ``window``, with the texts binding it."""
    sets = mnemonic_sets(getattr(window, "staff_view", window))
    if isinstance(window, QMainWindow):  # the menu bar's titles are on Alt keys too
        bar = window.menuBar().actions()
        titles = [(key, a.text()) for a in bar if (key := mnemonic(a.text()))]
        sets = [titles + found for found in sets]
    problems: set[str] = set()
    for found in sets:
        seen: dict[str, str] = {}
        for key, text in found:
            if key in seen and seen[key] != text:
                problems.add(f"Alt+{key.upper()}: {seen[key]!r} and {text!r}")
            elif key in seen:
                problems.add(f"Alt+{key.upper()}: {text!r} twice")
            seen[key] = text
    return sorted(problems)


def test_mnemonic_scan_finds_a_duplicate():
    box = QWidget()
    from PySide6.QtWidgets import QPushButton, QVBoxLayout

    layout = QVBoxLayout(box)
    layout.addWidget(QPushButton("&Create"))
    layout.addWidget(QPushButton("&Cancel"))
    layout.addWidget(QPushButton("Fish && &chips"))
    assert duplicates(box) == [
        "Alt+C: '&Cancel' and 'Fish && &chips'",
        "Alt+C: '&Create' and '&Cancel'",
    ]
    box.deleteLater()


@pytest.fixture(params=["en", "ko", "ko_KP"])
def language(request, qapp):
    """Each scan in English and in both Koreans (whose labels carry their own "(&X)")."""
    if request.param != "en":
        i18n.install_translator(qapp, request.param)
    yield request.param
    i18n.remove_translators(qapp)


def test_the_welcome_and_the_sign_in_bind_each_alt_key_once(qtbot, language):
    dialog = welcome.WelcomeDialog(Path("x.db"))
    qtbot.addWidget(dialog)
    assert duplicates(dialog) == []
    sign_in = SignInDialog(catalogue_name="x.db", demo=False)
    qtbot.addWidget(sign_in)
    assert duplicates(sign_in) == []


def test_no_page_of_the_window_binds_an_alt_key_twice(qtbot, make_window, language):
    window = make_window("supervisor")
    for page_id in window.page_ids():
        window.show_page(page_id)
    assert duplicates(window) == []  # the staff view, with the menu bar
    window.enter_writers_mode()  # the writers' screen and the lock panel: no menu bar
    window.ask_to_leave_writers()
    assert duplicates(window.writers) == []
    assert duplicates(window.lock_panel) == []


def test_the_forms_and_dialogs_bind_each_alt_key_once(qtbot, make_window, language):
    from readingroom.queries import forms
    from readingroom.store.models import Work
    from ui.dialogs.borrower_dialog import BorrowerDialog
    from ui.dialogs.copy_dialog import CopyDialog
    from ui.dialogs.work_dialog import WorkDialog
    from ui.errors import CrashDialog
    from ui.recovery import DamagedDialog
    from ui.signin import PasswordDialog

    window = make_window("supervisor")
    session = window.session
    work = forms.work_form(Work.select().first().id)
    dialogs = [
        BorrowerDialog(session, parent=window),
        WorkDialog(session, parent=window),
        CopyDialog(session, work, parent=window),
        PasswordDialog(session.actor, window),
        CrashDialog("details", window),
        DamagedDialog(Path("x.db"), "damaged", Path("x-backup.db"), None, window),
    ]
    for dialog in dialogs:
        assert duplicates(dialog) == [], type(dialog).__name__
