"""No write runs on the window's GUI thread (issue 10): every call of a service function
that changes data is made inside the callable an operation runs in another thread.

The changing functions are the permissions matrix's (found by introspection, so a new one
is covered at once). The scan reads ``ui/`` with :mod:`ast`: a reference to one of them is
allowed only inside

- the function itself handed to ``CollectionOp``/``QueryOp``/``Operation``
  (``QueryOp(self, check_trail)``), or a lambda or a nested function passed to one, to a
  ``JobBar``'s ``start``, or to a method of the same file that hands that argument on to
  one of them (the borrowers page's ``_change``);
- what a form dialog's ``submit`` returns (``FormDialog.save`` runs it in a CollectionOp);
- a module-level function of ``ui/`` (a job function), whose own callers are then held
  to the same rule.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from tests.core.test_permissions_matrix import NOT_ROLE_GATED, changing_functions

UI = Path(__file__).resolve().parents[2] / "ui"

#: what runs its callable arguments off the GUI thread
OPERATIONS = {"CollectionOp", "QueryOp", "Operation"}

#: files that may call a changing function on the GUI thread, and why
EXEMPT = {
    "screenshots.py": "stages the documentation's screenshots before any window is shown",
}


@dataclass(frozen=True)
class Call:
    path: str
    line: int
    name: str

    def __str__(self) -> str:
        return f"ui/{self.path}:{self.line} {self.name}"


def changing() -> set[str]:
    return set(changing_functions()) | set(NOT_ROLE_GATED)


def _aliases(tree: ast.Module) -> dict[str, str]:
    """Local name -> the qualified name it stands for (modules and functions)."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    names[alias.asname] = alias.name
    return names


def _qualified(node: ast.AST, aliases: dict[str, str]) -> str | None:
    if isinstance(node, ast.Name):
        return aliases.get(node.id)
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        owner = aliases.get(node.value.id)
        return f"{owner}.{node.attr}" if owner else None
    return None


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _callee(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        if func.attr == "start" and isinstance(func.value, ast.Attribute):
            return "JobBar.start" if func.value.attr == "job" else func.attr
        return func.attr
    return ""


def _runners(tree: ast.Module) -> set[str]:
    """The operations, and the functions of this file that hand a parameter on to one."""
    runners = OPERATIONS | {"JobBar.start"}
    grew = True
    while grew:
        grew = False
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef) or fn.name in runners:
                continue
            params = {a.arg for a in fn.args.args + fn.args.kwonlyargs}
            for call in ast.walk(fn):
                if isinstance(call, ast.Call) and _callee(call) in runners:
                    if any(isinstance(a, ast.Name) and a.id in params for a in call.args):
                        runners.add(fn.name)
                        grew = True
                        break
    return runners


def _runs_off_thread(
    node: ast.AST, parents: dict[ast.AST, ast.AST], runners: set[str], jobs: set[str]
) -> bool:
    """Whether ``node`` sits in a callable an operation runs (see the module's text), or is
    itself the function handed to one (``QueryOp(self, check_trail)``)."""
    parent = parents.get(node)
    if isinstance(parent, ast.Call) and node in parent.args and _callee(parent) in runners:
        return True
    while node in parents:
        parent = parents[node]
        if isinstance(node, ast.Lambda | ast.FunctionDef):
            if isinstance(parent, ast.Call) and node in parent.args + [
                k.value for k in parent.keywords
            ]:
                if _callee(parent) in runners:
                    return True
            if isinstance(parent, ast.Return) and _in_submit(parent, parents):
                return True
            if isinstance(node, ast.FunctionDef):
                if isinstance(parent, ast.Module):
                    return node.name in jobs
                if _handed_on(node, parent, runners) or _returned_by_submit(node, parent):
                    return True
        node = parent
    return False


def _in_submit(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.FunctionDef):
            return node.name == "submit"
    return False


def _returned_by_submit(fn: ast.FunctionDef, owner: ast.AST) -> bool:
    return (
        isinstance(owner, ast.FunctionDef)
        and owner.name == "submit"
        and any(
            isinstance(r, ast.Return) and isinstance(r.value, ast.Name) and r.value.id == fn.name
            for r in ast.walk(owner)
        )
    )


def _handed_on(fn: ast.FunctionDef, owner: ast.AST, runners: set[str]) -> bool:
    """A nested function whose name is passed to a runner in the function around it."""
    return any(
        isinstance(call, ast.Call)
        and _callee(call) in runners
        and any(isinstance(a, ast.Name) and a.id == fn.name for a in call.args)
        for call in ast.walk(owner)
    )


def _module_jobs(tree: ast.Module, aliases: dict[str, str], names: set[str]) -> set[str]:
    """Module-level functions that call a changing function: job functions, changing too."""
    return {
        fn.name
        for fn in tree.body
        if isinstance(fn, ast.FunctionDef)
        and any(_qualified(n, aliases) in names for n in ast.walk(fn))
    }


def writes_on_the_gui_thread(root: Path = UI) -> list[Call]:
    return calls_on_the_gui_thread(root, lambda _tree, _aliases: changing(), EXEMPT)


def calls_on_the_gui_thread(
    root: Path,
    names_in: Callable[[ast.Module, dict[str, str]], set[str]],
    exempt: Mapping[str, str],
) -> list[Call]:
    """References to ``names_in(file's tree, its aliases)`` outside the callables operations
    run, in the files under ``root`` but those ``exempt`` names."""
    found: list[Call] = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if relative in exempt:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases = _aliases(tree)
        names = names_in(tree, aliases)
        jobs = _module_jobs(tree, aliases, names)
        aliases.update({job: f"ui.{relative[:-3].replace('/', '.')}.{job}" for job in jobs})
        local = names | set(aliases[job] for job in jobs)
        parents, runners = _parents(tree), _runners(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Name | ast.Attribute):
                continue
            if isinstance(parents.get(node), ast.Attribute):
                continue  # the inner part of a dotted name
            name = _qualified(node, aliases)
            if name in local and not _runs_off_thread(node, parents, runners, jobs):
                found.append(Call(relative, node.lineno, name))
    return found


def test_no_write_runs_on_the_gui_thread():
    found = writes_on_the_gui_thread()
    assert not found, "changing service functions called on the GUI thread:\n" + "\n".join(
        map(str, found)
    )


def test_the_scan_finds_a_write_on_the_gui_thread(tmp_path):
    """The scan itself works: a direct call, a call through ``attempt`` and a job function
    called directly are found; the same calls inside operations are not."""
    (tmp_path / "page.py").write_text(
        "from readingroom import borrowers\n"
        "from readingroom.kiosk import set_pin\n"
        "from ui.operations import CollectionOp\n"
        "def job(actor):\n"
        "    return borrowers.suspend_borrower(actor, 'W-1', 'why')\n"
        "class Page:\n"
        "    def bad(self, actor):\n"
        "        borrowers.reinstate_borrower(actor, 'W-1')\n"
        "        attempt(self.message, set_pin, actor, 'W-1', '1234')\n"
        "        job(actor)\n"
        "    def good(self, actor):\n"
        "        CollectionOp(self, lambda: borrowers.reinstate_borrower(actor, 'W-1'), x).run()\n"
        "        self._change(lambda: set_pin(actor, 'W-1', '1234'))\n"
        "        self.job.start('Working', lambda _p: job(actor), print)\n"
        "    def _change(self, work):\n"
        "        CollectionOp(self, work, x).run()\n",
        encoding="utf-8",
    )
    found = {(call.line, call.name) for call in writes_on_the_gui_thread(tmp_path)}
    assert found == {
        (8, "readingroom.borrowers.reinstate_borrower"),
        (9, "readingroom.kiosk.set_pin"),
        (10, "ui.page.job"),
    }
