"""The import rules of ``readingroom``, read from the source with :mod:`ast`:

- no import cycles among ``readingroom`` modules, counting imports inside functions too (an
  import hidden in a function is still a dependency; only ``if TYPE_CHECKING:`` blocks,
  which never run, are left out);
- ``readingroom.store`` imports nothing from ``readingroom`` outside it but a small
  foundation (:data:`FOUNDATION`), which itself imports nothing else of ``readingroom``;
- ``readingroom`` never imports PySide6 or ``ui`` at module level, and inside a function
  only where the command line starts the window (:data:`MAY_START_THE_WINDOW`).
  :mod:`tests.core.test_no_qt` checks the same at run time (no Qt module is loaded by the
  core and its commands); this is the static half, which also names the line.
"""

from __future__ import annotations

import ast
import functools
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "readingroom"

#: what the store may import from the rest of ``readingroom``, and why
FOUNDATION = {
    "readingroom": "the package itself (its __init__ holds no code)",
    "readingroom.errors": "the typed errors every sqlite failure is turned into",
    "readingroom.files": "private files and folders: the database file is made 0600",
    "readingroom.identity": "the catalogue id's pure functions (uuid only), which migration "
    "0007 writes into a new catalogue",
    "readingroom.messages": "the keyed messages (said) the store's errors are raised with, "
    "so either front door shows them in its language",
    "readingroom.wording": "how a message counts in English (messages.Count), pure text",
    "readingroom.vocabulary": "the words stored in the tables (statuses, roles) as StrEnums, "
    "which the models' columns and the window both use",
}

#: the only modules of ``readingroom`` that import ``ui``/PySide6, inside functions: the
#: ``app`` and ``screenshots`` commands start the window
MAY_START_THE_WINDOW = {"readingroom.cli.app"}

#: the command modules that still import ``readingroom.store`` themselves (the command line
#: is a front door like the window: its commands ask the domain, as ``audit list`` asks
#: :func:`readingroom.trail.recent_entries`); this list may only shrink
CLI_REACHING_THE_STORE: dict[str, str] = {}

#: cycles still known, each named by its modules, owned by another part of issue 10; this
#: list may only shrink: a new cycle fails, and so does one here that is gone
KNOWN_CYCLES: set[frozenset[str]] = set()


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    line: int
    in_function: bool

    def __str__(self) -> str:
        where = "in a function" if self.in_function else "at module level"
        return f"{self.source} -> {self.target} (line {self.line}, {where})"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _type_checking_only(tree: ast.Module) -> set[int]:
    """ids of the nodes under ``if TYPE_CHECKING:`` (never run)."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped |= {id(inner) for child in node.body for inner in ast.walk(child)}
    return skipped


def _in_functions(tree: ast.Module) -> set[int]:
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            inside |= {id(inner) for inner in ast.walk(node)} - {id(node)}
    return inside


def _imported_names(node: ast.Import | ast.ImportFrom, module: str, path: Path) -> list[str]:
    """The dotted names an import statement reaches (``from a import b`` reaches ``a.b``,
    which is module ``a.b`` when there is one, else a name in ``a``)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        parts = package.split(".")
        parts = parts[: len(parts) - node.level + 1]
        base = ".".join([*parts, base] if base else parts)
    return [f"{base}.{alias.name}" if base else alias.name for alias in node.names]


def _resolve(name: str) -> str | None:
    """The ``readingroom`` module a dotted name lives in, or None for another package."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(module: str) -> list[tuple[str, int, bool]]:
    """Every import ``module`` makes at run time: (dotted name, line, inside a function)."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped, inside = _type_checking_only(tree), _in_functions(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom) and id(node) not in skipped:
            for name in _imported_names(node, module, path):
                found.append((name, node.lineno, id(node) in inside))
    return found


@functools.cache
def import_graph() -> dict[str, list[Edge]]:
    """Each ``readingroom`` module's edges to the other ``readingroom`` modules it imports."""
    graph: dict[str, list[Edge]] = {}
    for module in MODULES:
        edges: dict[str, Edge] = {}
        for name, line, in_function in imports_of(module):
            target = _resolve(name) if name.split(".")[0] == "readingroom" else None
            if target is not None and target != module and target not in edges:
                edges[target] = Edge(module, target, line, in_function)
        graph[module] = list(edges.values())
    return graph


def strongly_connected(graph: dict[str, list[Edge]]) -> list[frozenset[str]]:
    """Tarjan's algorithm, iteratively: the groups of modules that import each other."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[frozenset[str]] = []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(graph[start]))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            edge = next(edges, None)
            if edge is not None:
                if edge.target not in index:
                    index[edge.target] = low[edge.target] = len(index)
                    stack.append(edge.target)
                    on_stack.add(edge.target)
                    work.append((edge.target, iter(graph[edge.target])))
                elif edge.target in on_stack:
                    low[node] = min(low[node], index[edge.target])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(frozenset(group))
    return groups


def one_cycle(group: frozenset[str], graph: dict[str, list[Edge]]) -> list[Edge]:
    """A shortest cycle through the first module of ``group`` (breadth first)."""
    start = min(group)
    came_by: dict[str, Edge] = {}
    frontier = [start]
    while frontier:
        following = []
        for module in frontier:
            for edge in graph[module]:
                if edge.target == start:
                    path = [edge]
                    while path[0].source != start:
                        path.insert(0, came_by[path[0].source])
                    return path
                if edge.target in group and edge.target not in came_by:
                    came_by[edge.target] = edge
                    following.append(edge.target)
        frontier = following
    raise AssertionError(f"{sorted(group)} holds no cycle through {start}")


def describe(group: frozenset[str], graph: dict[str, list[Edge]]) -> str:
    """One cycle of ``group``, an import a line."""
    return "\n  ".join(str(edge) for edge in one_cycle(group, graph))


# -- the rules ----------------------------------------------------------------------------


def test_no_import_cycles_among_readingroom_modules():
    graph = import_graph()
    cycles = strongly_connected(graph)
    new = [group for group in cycles if group not in KNOWN_CYCLES]
    assert not new, "import cycles:\n" + "\n".join(
        f"- among {', '.join(sorted(g))}, for one:\n  {describe(g, graph)}" for g in new
    )
    gone = KNOWN_CYCLES - set(cycles)
    assert not gone, f"no longer a cycle, strike it off KNOWN_CYCLES: {gone}"


def test_the_store_imports_nothing_above_it():
    graph = import_graph()
    store = [m for m in MODULES if m == "readingroom.store" or m.startswith("readingroom.store.")]
    reaching = [
        str(edge)
        for module in store
        for edge in graph[module]
        if not edge.target.startswith("readingroom.store") and edge.target not in FOUNDATION
    ]
    assert not reaching, "the store reaches above itself:\n" + "\n".join(reaching)


def test_the_command_line_reaches_the_store_only_where_known():
    graph = import_graph()
    cli = [m for m in MODULES if m == "readingroom.cli" or m.startswith("readingroom.cli.")]
    reaching = {
        module: [str(e) for e in graph[module] if e.target.startswith("readingroom.store")]
        for module in cli
    }
    new = [
        edge
        for module, edges in reaching.items()
        if module not in CLI_REACHING_THE_STORE
        for edge in edges
    ]
    assert not new, "a command reaches the store past the domain:\n" + "\n".join(new)
    gone = [module for module in CLI_REACHING_THE_STORE if not reaching.get(module)]
    assert not gone, f"no longer reaching the store, strike off CLI_REACHING_THE_STORE: {gone}"


def test_the_foundation_imports_nothing_else_of_readingroom():
    graph = import_graph()
    reaching = [
        str(edge)
        for module in FOUNDATION
        for edge in graph[module]
        if edge.target not in FOUNDATION
    ]
    assert not reaching, "the store's foundation reaches further:\n" + "\n".join(reaching)


def test_readingroom_never_imports_the_window_at_module_level():
    found = []
    for module in MODULES:
        for name, line, in_function in imports_of(module):
            if name.split(".")[0] not in ("PySide6", "shiboken6", "ui"):
                continue
            if not in_function or module not in MAY_START_THE_WINDOW:
                found.append(f"{module}: {name} (line {line})")
    assert not found, "readingroom imports the window:\n" + "\n".join(found)


# -- the checker itself -------------------------------------------------------------------


def test_the_checker_finds_a_cycle_through_an_import_inside_a_function():
    graph = {
        "a": [Edge("a", "b", 1, False)],
        "b": [Edge("b", "c", 1, False)],
        "c": [Edge("c", "a", 9, True)],
        "d": [Edge("d", "a", 1, False)],
    }
    assert strongly_connected(graph) == [frozenset({"a", "b", "c"})]
    assert describe(frozenset({"a", "b", "c"}), graph).split("\n  ") == [
        "a -> b (line 1, at module level)",
        "b -> c (line 1, at module level)",
        "c -> a (line 9, in a function)",
    ]


def test_the_checker_reads_function_level_and_skips_type_checking_imports():
    edges = {e.target: e for e in import_graph()["readingroom.errors"]}
    assert "readingroom.decision" not in edges  # under TYPE_CHECKING only
    reminders = {e.target: e for e in import_graph()["readingroom.reminders"]}
    assert reminders["readingroom.pdf"].in_function  # fpdf2 deferred to writing letters
