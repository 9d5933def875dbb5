"""The closed vocabularies: one StrEnum each, equal to the stored strings, and no bare
status or role word left in the code outside ``readingroom/vocabulary.py``."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from readingroom import vocabulary
from readingroom.store import inspection_models, models
from readingroom.vocabulary import (
    CopyStatus,
    HoldStatus,
    Role,
    StocktakeOutcome,
    StocktakeStatus,
    sql_list,
)

ROOT = Path(__file__).resolve().parents[2]
#: the words whose bare use is refused: copy, hold and stocktake statuses, and roles
WORDS = {
    str(member)
    for vocabulary_ in (CopyStatus, HoldStatus, Role, StocktakeOutcome, StocktakeStatus)
    for member in vocabulary_
}
#: (file, word) where the word is not the vocabulary's: each with why
ALLOWED = {
    ("readingroom/doctor.py", "open"),  # the name of the check that opens the file
    ("readingroom/reports/circulation.py", "waiting"),  # a CSV column (a contract)
    ("readingroom/messages.py", "held"),  # the name of a count in a sentence's template
    ("readingroom/messages.py", "waiting"),  # likewise
    ("readingroom/reports/exceptions.py", "missing"),  # an incomplete set's key: its barcodes
    ("readingroom/reports/inspection.py", "signed"),  # a printed word, looked up to translate
    ("readingroom/central/content.py", "waiting"),  # the circulation CSV's column it reads
    ("readingroom/union_bundle.py", "waiting"),  # the circulation CSV's column it carries
    # the central reports' CSV columns (a contract) and the branches table's heading
    ("readingroom/central/reports.py", "available"),
    ("readingroom/central/reports.py", "present"),
    ("readingroom/central/reports.py", "missing"),
    ("readingroom/central/reports.py", "misplaced"),
    ("readingroom/central/reports.py", "unexpected"),
    ("readingroom/cli/central.py", "missing"),
}
#: a quoted word in SQL text: after =, <>, a comma, an opening bracket, THEN, WHEN or ELSE
SQL_WORD = re.compile(r"(?:=|<>|,|\(|\bTHEN|\bWHEN|\bELSE)\s*'([a-z-]+)'")


def python_files() -> list[Path]:
    files = [*(ROOT / "readingroom").rglob("*.py"), *(ROOT / "ui").rglob("*.py")]
    return sorted(
        path
        for path in files
        if "migrations" not in path.parts  # frozen: they record the schema as it was
        and path != ROOT / "readingroom" / "vocabulary.py"
    )


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _in_code(node: ast.Constant, parents: dict[ast.AST, ast.AST]) -> bool:
    """A constant used as a value the code tests or passes: compared, an argument, a keyword
    argument, an element of a tuple, list or set (the old status tuples), or assigned."""
    parent = parents.get(node)
    if isinstance(parent, ast.Tuple | ast.List | ast.Set):
        return True
    if isinstance(parent, ast.Compare | ast.keyword | ast.Assign):
        return True
    return isinstance(parent, ast.Call) and node in parent.args


def bare_words(source: str, name: str) -> list[str]:
    """``name:line: word`` for each bare vocabulary word in the code or SQL of ``source``."""
    tree = ast.parse(source)
    parents = _parents(tree)
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        words = set(SQL_WORD.findall(node.value))
        if node.value in WORDS and _in_code(node, parents):
            words.add(node.value)
        found += [
            f"{name}:{node.lineno}: {word}"
            for word in sorted(words & WORDS)
            if (name, word) not in ALLOWED
        ]
    return found


def test_no_bare_status_or_role_word_is_left_in_the_code():
    found = [
        line
        for path in python_files()
        for line in bare_words(path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix())
    ]
    assert found == [], "use readingroom.vocabulary's members:\n" + "\n".join(found)


def test_the_scan_finds_what_it_looks_for():
    """The scan above is not blind: each old way of writing a status is caught, and a word
    in a message is not."""
    code = (
        'if copy.status == "available": pass\n'
        'Copy.update(status="on-loan")\n'
        'OUT = ("missing", "lost")\n'
        'WRITER = "writer"\n'
        "SQL = \"SELECT 1 FROM hold WHERE status IN ('waiting', 'ready')\"\n"
        'borrower_of("civilian")\n'
        "print(f\"{barcode} is {status}: the condition 'damaged' if it came back damaged\")\n"
        'raise BadInput("missing")\n'
    )
    found = [line.split(": ")[1] for line in bare_words(code, "sample.py")]
    expected = ["available", "on-loan", "missing", "lost", "writer", "ready", "waiting"]
    assert sorted(found) == sorted([*expected, "civilian", "missing"])


@pytest.mark.parametrize(
    ("names", "values"),
    [
        (models.ROLES, ("writer", "cadre", "civilian")),
        (models.BORROWER_STATUSES, ("active", "suspended")),
        (models.ACCESS_CLASSES, ("lendable", "reading-room", "staff-only")),
        (models.RULES, ("loan", "reading-room", "approval", "never")),
        (models.STAFF_ROLES, ("librarian", "supervisor", "inspector")),
        (
            models.COPY_STATUSES,
            ("available", "on-loan", "held", "missing", "withdrawn", "lost", "damaged"),
        ),
        (models.CONDITIONS, ("good", "worn", "ragged", "damaged")),
        (tuple(HoldStatus), ("waiting", "ready", "fulfilled", "cancelled", "expired")),
        (vocabulary.HOLD_ACTIVE, ("waiting", "ready")),
        (vocabulary.OUT_OF_CIRCULATION, ("missing", "withdrawn", "lost", "damaged")),
        (
            inspection_models.OUTCOMES,
            ("present", "on-loan", "missing", "misplaced", "unexpected", "present-on-loan"),
        ),
        (
            (inspection_models.STOCKTAKE_OPEN, inspection_models.STOCKTAKE_SIGNED),
            ("open", "signed"),
        ),
    ],
)
def test_the_values_are_the_stored_strings(names, values):
    """The values are contracts (database, CSV, JSON, command line): never renamed."""
    assert tuple(names) == values
    assert [str(name) for name in names] == list(values)


def test_sql_lists_are_built_from_the_vocabulary():
    assert sql_list(vocabulary.HOLD_ACTIVE) == "'waiting', 'ready'"
    with pytest.raises(ValueError):
        sql_list(["it's"])  # type: ignore[list-item]
