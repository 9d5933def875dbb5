"""The window talks to services only: no module of ``ui/`` imports the store
(``readingroom.store`` and its modules) or peewee.

The modules that still do are listed in :data:`STILL_REACHING`, a list that may only
shrink (issue 10 empties it); a module that newly reaches past the services fails here, and
so does one on the list that no longer needs to be. peewee and playhouse are never allowed,
not even on the list.
"""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "ui"
STORE = "readingroom.store"
ORM = ("peewee", "playhouse")

#: known to reach into the store today; each is work for issue 10
STILL_REACHING = {
    "pages/desk.py",
    "welcome.py",
}


def _is_store(name: str) -> bool:
    return name == STORE or name.startswith(STORE + ".")


def _is_orm(name: str) -> bool:
    return any(name == orm or name.startswith(orm + ".") for orm in ORM)


def _imported(tree: ast.AST) -> list[str]:
    """Every module name ``tree`` imports: ``import a.b``, ``from a.b import c`` (as
    ``a.b`` and ``a.b.c``, so ``from readingroom import store`` is ``readingroom.store``),
    and a constant given to ``importlib.import_module`` or ``__import__``."""
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            if called in ("import_module", "__import__") and isinstance(first, ast.Constant):
                names.append(str(first.value))
    return names


def _reaching(path: Path, wanted) -> list[str]:
    return [n for n in _imported(ast.parse(path.read_text(encoding="utf-8"))) if wanted(n)]


def _ui_modules() -> list[Path]:
    return sorted(UI.rglob("*.py"))


def test_the_window_reaches_the_store_only_where_it_is_known_to():
    reaching = {str(p.relative_to(UI)): _reaching(p, _is_store) for p in _ui_modules()}
    reaching = {name: found for name, found in reaching.items() if found}
    assert set(reaching) - STILL_REACHING == set(), "new reach past the services"
    assert STILL_REACHING - set(reaching) == set(), "no longer reaching: strike it off"


def test_the_window_never_imports_peewee():
    using = {str(p.relative_to(UI)): _reaching(p, _is_orm) for p in _ui_modules()}
    assert {name: found for name, found in using.items() if found} == {}


def test_every_way_of_naming_the_store_is_caught():
    """The check itself: each spelling of an import of the store (or peewee) is found, and
    a module that merely shares a prefix is not."""
    spellings = {
        "import readingroom.store": True,
        "import readingroom.store.models as m": True,
        "from readingroom import store": True,
        "from readingroom.store import db": True,
        "from readingroom.store.models import Work": True,
        "importlib.import_module('readingroom.store.db')": True,
        "from readingroom import staff, storehouse": False,
        "from readingroom.storefront import x": False,
        "from readingroom import catalogue": False,
    }
    for source, caught in spellings.items():
        assert bool([n for n in _imported(ast.parse(source)) if _is_store(n)]) is caught, source
    for source in ("import peewee", "from peewee import fn", "from playhouse.sqlite_ext import x"):
        assert [n for n in _imported(ast.parse(source)) if _is_orm(n)], source
    assert not [n for n in _imported(ast.parse("import peeweex")) if _is_orm(n)]
