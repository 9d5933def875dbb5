"""No page reads the domain on the window's GUI thread (issue 10): every call of a
``readingroom`` function that reads the catalogue, made from ``ui/pages/`` or
``ui/dialogs/``, sits inside the callable an operation runs in another thread (the same
scan as :mod:`tests.core.test_writes_off_the_gui_thread`), so a slow read never stops the
window painting.

A function reads the catalogue when its module imports the store (``readingroom.store``)
or peewee; found by introspection, so a new read is covered at once. :data:`INSTANT` names
the few such functions that touch no database at all, and why. :data:`NOT_YET`, the reads
still made on the GUI thread page by page, is empty: every page and dialog reads in an
operation, and a new read on the GUI thread fails here.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from functools import cache
from pathlib import Path

from tests.core.test_writes_off_the_gui_thread import UI, _qualified, calls_on_the_gui_thread

#: the pages' and dialogs' folders
SCANNED = (UI / "pages", UI / "dialogs")

#: functions of database-reading modules that read no database, and why
INSTANT = {
    "readingroom.policy.is_fixed": "compares a cell with the fixed rules: constants",
    "readingroom.seals.format_fingerprint": "groups a fingerprint's hex digits by four",
    "readingroom.refusals.matters": "reads a decision's codes: whether the trail keeps it",
    "readingroom.reports.prepared_by": "puts the signed-in actor's role and name in options",
}

#: reads still on the GUI thread (file -> the functions it calls there), to be moved
NOT_YET: dict[str, set[str]] = {}


@cache
def _reads_the_store(module_name: str) -> bool:
    module = importlib.import_module(module_name)
    tree = ast.parse(inspect.getsource(module))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        if any(n == "peewee" or n.startswith("readingroom.store") for n in names):
            return True
    return False


def is_a_read(qualified: str) -> bool:
    """Whether ``qualified`` names a function of a module that reads the catalogue."""
    module_name, _, attribute = qualified.rpartition(".")
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return False
    function = getattr(module, attribute, None)
    if not inspect.isfunction(function) or qualified in INSTANT:
        return False
    return _reads_the_store(function.__module__)


def domain_reads(tree: ast.Module, aliases: dict[str, str]) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        name = _qualified(node, aliases)
        if name and name.startswith("readingroom.") and is_a_read(name):
            found.add(name)
    return found


def reads_on_the_gui_thread(roots: tuple[Path, ...] = SCANNED) -> dict[str, set[str]]:
    """File (``pages/x.py``) -> the domain reads it makes on the GUI thread."""
    found: dict[str, set[str]] = {}
    for root in roots:
        for call in calls_on_the_gui_thread(root, domain_reads, {}):
            found.setdefault(f"{root.name}/{call.path}", set()).add(call.name)
    return found


def test_no_page_reads_the_domain_on_the_gui_thread():
    found = reads_on_the_gui_thread()
    new = {f: names - NOT_YET.get(f, set()) for f, names in found.items()}
    moved = {f: names - found.get(f, set()) for f, names in NOT_YET.items()}
    assert not any(new.values()), f"domain reads on the GUI thread: {new}"
    assert not any(moved.values()), f"moved off the GUI thread: take them off NOT_YET: {moved}"


def test_the_pages_this_issue_moved_read_nothing_on_the_gui_thread():
    found = reads_on_the_gui_thread()
    for page in ("pages/borrowers.py", "pages/loans.py", "pages/policy.py", "dialogs"):
        assert not {f: n for f, n in found.items() if f.startswith(page)}


def test_the_scan_finds_a_read_on_the_gui_thread(tmp_path):
    """A direct read, one through a module-level helper and one in a lambda not handed to
    an operation are found; the same reads inside operations, and an instant
    function, are not."""
    (tmp_path / "page.py").write_text(
        "from readingroom import policy\n"
        "from readingroom.queries import forms\n"
        "from ui.operations import QueryOp\n"
        "def read(member_no):\n"
        "    return forms.borrower_form(member_no)\n"
        "class Page:\n"
        "    def bad(self, member_no):\n"
        "        forms.borrower_form(member_no)\n"
        "        read(member_no)\n"
        "        later = lambda: policy.matrix()\n"
        "    def good(self, member_no):\n"
        "        QueryOp(self, lambda: forms.borrower_form(member_no)).run()\n"
        "        QueryOp(self, lambda: read(member_no)).run()\n"
        "        policy.is_fixed('writer', 'staff-only')\n",
        encoding="utf-8",
    )
    found = {(call.line, call.name) for call in calls_on_the_gui_thread(tmp_path, domain_reads, {})}
    assert found == {
        (8, "readingroom.queries.forms.borrower_form"),
        (9, "ui.page.read"),
        (10, "readingroom.policy.matrix"),
    }
    assert is_a_read("readingroom.browse.borrowers.borrower_history")
    assert not is_a_read("readingroom.clock.today")  # no database
