"""What the command line prints to people: counts in the right form ("1 copy", "2 copies",
never "copy(ies)") and tables that line up when Korean (two columns a syllable) and Latin
text share a column."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from readingroom import staff
from readingroom.cli.context import table
from readingroom.wording import clip, count, display_width, pad, plural_of
from tests.core.cli_support import BOSS, PASSWORD, InProcess

# -- counts -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "noun", "said"),
    [
        (1, "copy", "1 copy"),
        (2, "copy", "2 copies"),
        (0, "loan", "0 loans"),
        (1, "overdue loan", "1 overdue loan"),
        (3, "overdue loan", "3 overdue loans"),
        (1, "entry", "1 entry"),
        (12, "audit entry", "12 audit entries"),
        (1, "row", "1 row"),
        (2, "day", "2 days"),
        (5, "box", "5 boxes"),
    ],
)
def test_a_count_takes_the_form_of_its_number(n, noun, said):
    assert count(n, noun) == said


def test_plural_of_a_phrase_changes_its_last_word():
    assert plural_of("bad record") == "bad records"
    assert plural_of("recall letter") == "recall letters"
    assert plural_of("library") == "libraries"


SOURCES = Path(__file__).resolve().parents[2] / "readingroom"
#: "(s)" or "(ies)" after a word: a count printed without its proper form
HEDGED_PLURAL = re.compile(r"[a-z]{2}\((s|es|ies)\)[ ;:,.\"']")


def test_no_message_hedges_its_plural():
    """Every count printed by the domain and the command line has its form decided."""
    hedged = [
        f"{path.relative_to(SOURCES)}:{number}: {line.strip()}"
        for path in sorted(SOURCES.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "{" in line and HEDGED_PLURAL.search(line)
    ]
    assert hedged == []


# -- display width ------------------------------------------------------------------------------


def test_hangul_takes_two_columns_latin_one():
    assert display_width("Kim") == 3
    assert display_width("리명희") == 6
    assert display_width("W-1001 리명희") == 13
    assert display_width("Émile") == 5  # a precomposed letter
    assert display_width("E\u0301mile") == 5  # a combining accent takes no column
    assert display_width("ＡＢ") == 4  # fullwidth


def test_clip_and_pad_count_columns():
    assert clip("사회과학원 언어학연구소", 10) == "사회과학…"
    assert display_width(clip("사회과학원 언어학연구소", 10)) <= 10
    assert clip("Hugo", 10) == "Hugo"
    assert pad("리명희", 8) == "리명희  "
    assert pad("12", 5, right=True) == "   12"


def columns_of(line: str) -> list[int]:
    """The display column where each cell of a table line starts (cells are two spaces or
    more apart; a cell may hold single spaces)."""
    return [display_width(line[: m.start()]) for m in re.finditer(r"(?:^|(?<=  ))\S", line)]


def test_a_table_of_hangul_and_latin_lines_up():
    rows = [
        ["W-1001", "리명희", "Writer", "2"],
        ["W-1004", "Han Song-il", "Writer", "0"],
        ["C-2001", "오광철", "Cadre", "1"],
        ["X-1", "사회과학원 언어학연구소 사전편찬실 제일분과 자료조사 담당자", "Writer", "10"],
    ]
    lines = table(rows, ["member", "name", "role", "loans"], right=(3,))
    header_columns = columns_of(lines[0])
    assert len(header_columns) == 4
    for line in lines[2:]:
        assert columns_of(line)[:3] == header_columns[:3], line
    # the counts end in one column (aligned right)
    ends = {display_width(line) for line in lines[2:]}
    assert len(ends) == 1, lines
    # a long Korean cell is cut by its width on screen, not by its length in characters
    assert all(display_width(cell) <= 50 for cell in lines[-1].split("  "))
    assert "…" in lines[-1]


# -- the command line ---------------------------------------------------------------------------

CATALOGUE_ONE = "barcode,title,author,translator\nK0001,Boule de Suif,Guy de Maupassant,문선희\n"
CATALOGUE_MIXED = (
    "barcode,title,author,translator\n"
    "K0002,Proof of the Man,Seiichi Morimura,김수영\n"
    "K0003,Proof of the Man,Seiichi Morimura,김수영\n"
    "K0004,문체 편람,리철수,\n"
)


@pytest.fixture
def cli(tmp_path, capsys, monkeypatch) -> InProcess:
    monkeypatch.setattr(
        staff, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )
    run = InProcess(tmp_path / "words.db", capsys, monkeypatch)
    assert run("init", "--user", BOSS, stdin=f"{PASSWORD}\n{PASSWORD}\n").code == 0
    return run


def test_an_import_of_one_copy_says_1_copy(cli, tmp_path):
    one = tmp_path / "one.csv"
    one.write_text(CATALOGUE_ONE, encoding="utf-8")
    done = cli("import", "catalogue", str(one))
    assert done.code == 0, done
    assert "Imported 1 copy of 1 new work (0 existing works joined)." in done.out
    more = tmp_path / "more.csv"
    more.write_text(CATALOGUE_MIXED, encoding="utf-8")
    done = cli("import", "catalogue", str(more))
    assert "Imported 3 copies of 2 new works (0 existing works joined)." in done.out


def test_the_search_table_lines_up_with_korean_names(cli, tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_text(CATALOGUE_ONE + CATALOGUE_MIXED.split("\n", 1)[1], encoding="utf-8")
    assert cli("import", "catalogue", str(path)).code == 0
    lines = cli("search", "").out.splitlines()
    header = columns_of(lines[0])
    assert len(lines) == 2 + 3
    for line in lines[2:]:
        starts = columns_of(line)
        # every cell present starts at its header's column, measured on screen
        assert set(starts) <= set(header), (line, starts, header)
