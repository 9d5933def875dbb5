"""The window talks to services only: no module of ``ui/`` imports the store
(``readingroom.store`` and its modules) or peewee.

The modules that still do are listed in :data:`STILL_REACHING`, a list that may only
shrink (issue 10 empties it); a module that newly reaches past the services fails here, and
so does one on the list that no longer needs to be.
"""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "ui"
STORE = ("readingroom.store", "peewee", "playhouse")

#: known to reach into the store today; each is work for issue 10
STILL_REACHING = {
    "app.py",
    "dialogs/borrower_dialog.py",
    "dialogs/copy_dialog.py",
    "dialogs/work_dialog.py",
    "models/lazy_table.py",
    "models/policy_model.py",
    "pages/borrowers.py",
    "pages/catalogue.py",
    "pages/desk.py",
    "pages/policy.py",
    "pages/stocktake.py",
    "session.py",
    "signin.py",
    "welcome.py",
}


def _store_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = (
            [a.name for a in node.names]
            if isinstance(node, ast.Import)
            else [node.module or ""]
            if isinstance(node, ast.ImportFrom)
            else []
        )
        found += [n for n in names if n.startswith(STORE)]
    return found


def test_the_window_reaches_the_store_only_where_it_is_known_to():
    reaching = {str(p.relative_to(UI)): _store_imports(p) for p in UI.rglob("*.py")}
    reaching = {name: found for name, found in reaching.items() if found}
    assert set(reaching) - STILL_REACHING == set(), "new reach past the services"
    assert STILL_REACHING - set(reaching) == set(), "no longer reaching: strike it off"
