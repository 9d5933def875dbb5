"""Text with quotes, SQL, Korean, emoji, control characters or 10,000 characters is stored
and found exactly as typed: search finds it and ``copy show`` gives it back byte for byte.
Decomposed text (NFD) is stored composed (NFC), the one form of the same text."""

from __future__ import annotations

import csv
import io
import random
import unicodedata

import pytest

from readingroom import borrowers, catalogue, imports
from readingroom.errors import BadInput
from readingroom.store.models import Work
from tests.core.cli_support import InProcess, run_programs

LONG = "".join(random.Random(7).choice("가나다라마바사 abcdefg éü 証明 ") for _ in range(9_980))
TEXTS = {
    "quotes": "He said \"Don't\" — 'single', `back`, «guillemets», „low“",
    "sql": "Robert'); DROP TABLE work; -- \" OR 1=1; DELETE FROM loan WHERE '1'='1",
    "like-and-fts": '100% pure_ness \\ back\\slash NEAR AND OR NOT * ^ title: "phrase',
    "korean": "인간의 증명 (人間の証明) — 모리무라 세이이치",
    "emoji": "📚 Proof 🔥 of the 👨‍👩‍👧 family 🇰🇷",
    "control": "Tab\there\nnew line\r\nbell\x07 esc\x1b[31m del\x7f zw\u200bsp rtl\u202eltr",
    "nfd": "Les Mise\u0301rables, Tome 1",
    "long": "Start " + LONG + " end",
}


@pytest.fixture
def shelf(db, supervisor, librarian):
    """One work and copy per text, the text as title, translator and notes."""
    for n, text in enumerate(TEXTS.values()):
        work = catalogue.add_work(
            librarian, title=text, author=f"Author {n}", translator=text, notes=text
        ).work
        catalogue.add_copy(librarian, work.id, f"T{n}", location=text[:200])
    return db


def barcode_of(name: str) -> str:
    return f"T{list(TEXTS).index(name)}"


def stored(text: str) -> str:
    """``text`` as stored: composed (NFC), whatever form it was typed in."""
    return unicodedata.normalize("NFC", text)


@pytest.mark.parametrize("name", list(TEXTS))
def test_stored_and_shown_exactly_as_typed(shelf, name):
    text = stored(TEXTS[name])
    work = Work.get(Work.author == f"Author {list(TEXTS).index(name)}")
    assert (work.title, work.translator, work.notes) == (text, text, text)
    info = catalogue.copy_info(barcode_of(name))
    assert info["title"].encode("utf-8") == text.encode("utf-8")
    assert info["translator"] == text and info["location"] == text[:200]


@pytest.mark.parametrize("name", list(TEXTS))
def test_search_finds_it_by_the_text_as_typed(shelf, name):
    found = catalogue.search(TEXTS[name])
    assert stored(TEXTS[name]) in [w.title for w in found]


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("증명", "korean"),
        ("모리무라", "korean"),
        ("人間の証明", "korean"),
        ("📚", "emoji"),
        ("family", "emoji"),
        ("Robert", "sql"),
        ("DROP TABLE", "sql"),
        ("Misérables", "nfd"),
        ("miserables", "nfd"),
        ("100%", "like-and-fts"),
        ("pure_ness", "like-and-fts"),
        ("NEAR", "like-and-fts"),
        ("Don't", "quotes"),
        ("esc", "control"),
    ],
)
def test_search_finds_it_by_a_part(shelf, query, name):
    assert stored(TEXTS[name]) in [w.title for w in catalogue.search(query)]


def test_sql_in_a_search_is_only_text(shelf):
    assert [w.title for w in catalogue.search("DROP TABLE work")] == [TEXTS["sql"]]
    assert catalogue.search("zzz' OR '1'='1") == []
    assert Work.select().count() == len(TEXTS)


@pytest.mark.parametrize("name", list(TEXTS))
def test_the_command_line_returns_it_byte_identical(shelf, capsys, monkeypatch, name):
    cli = InProcess(shelf, capsys, monkeypatch)
    shown = cli("copy", "show", barcode_of(name), "--json")
    assert shown.code == 0
    assert shown.json()["title"].encode("utf-8") == stored(TEXTS[name]).encode("utf-8")
    found = cli("search", TEXTS[name], "--json")
    assert found.code == 0
    assert stored(TEXTS[name]) in [r["title"] for r in found.json()["results"]]
    text_mode = cli("copy", "show", barcode_of(name))
    assert text_mode.code == 0 and "Traceback" not in text_mode.err


def test_a_real_process_returns_it_byte_identical(db, librarian):
    odd = " | ".join(TEXTS[name] for name in ("quotes", "sql", "korean", "emoji", "control"))
    work = catalogue.add_work(librarian, title=odd, author="Anon").work
    catalogue.add_copy(librarian, work.id, "ODD")
    shown, found = run_programs(
        db, [("copy", "show", "ODD", "--json"), ("search", TEXTS["korean"], "--json")]
    )
    assert shown.code == 0 and shown.json()["title"] == odd
    assert found.code == 0 and [r["title"] for r in found.json()["results"]] == [odd]


def test_an_import_keeps_every_character(db, librarian, tmp_path):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["barcode", "title", "author", "translator", "notes"])
    for n, text in enumerate(TEXTS.values()):
        writer.writerow([f"I{n}", text, f"Author {n}", text, text])
    path = tmp_path / "odd.csv"
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    result = imports.import_catalogue(librarian, path)
    assert result.copies_added == len(TEXTS)
    for n, text in enumerate(TEXTS.values()):
        info = catalogue.copy_info(f"I{n}")
        assert info["title"] == stored(text) and info["translator"] == stored(text)


def test_a_borrower_name_comes_back_exactly(db, librarian, capsys, monkeypatch):
    for n, name in enumerate(("오광철", TEXTS["quotes"], TEXTS["emoji"], TEXTS["sql"])):
        borrowers.add_borrower(librarian, f"M{n}", name=name, role="writer")
        cli = InProcess(db, capsys, monkeypatch)
        assert cli("borrower", "show", f"M{n}", "--json").json()["name"] == name


def test_a_nul_character_is_refused_cleanly(db, librarian):
    with pytest.raises(BadInput):
        catalogue.add_work(librarian, title="Dec\x00ameron", author="Boccaccio")
    assert Work.select().count() == 0


def test_text_beyond_the_limit_is_refused_not_cut(db, librarian):
    with pytest.raises(BadInput):
        catalogue.add_work(librarian, title="x" * (catalogue.MAX_TEXT + 1), author="A")
    work = catalogue.add_work(librarian, title="y" * catalogue.MAX_TEXT, author="A").work
    assert len(Work.get_by_id(work.id).title) == catalogue.MAX_TEXT
