"""Imports store every barcode and member number in the one form the desk compares codes in
(issue 11): surrounding spaces and control characters out, NFKC, letters upper case; a file
whose codes collide once normalised (with each other or with the catalogue) is refused,
exit 1, every such line named, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from pymarc import Field, Record, Subfield
from pymarc.field import Indicators

from readingroom import marc
from readingroom.errors import ImportFailed
from readingroom.store.models import Borrower, Copy
from tests.core.cli_support import InProcess, dump
from tests.core.test_imports import named_lines, write

HEADER = "barcode,title,author"


@pytest.fixture
def cli(db, supervisor, capsys, monkeypatch) -> InProcess:
    return InProcess(db, capsys, monkeypatch)


def test_a_catalogue_import_stores_each_barcode_in_the_one_form(cli, tmp_path):
    path = write(
        tmp_path,
        f"{HEADER}\n k0020 ,Points and Lines,Seichō Matsumoto\n"
        "ｗ-１００２,Decameron,Boccaccio\nrr\u200b00005\t,The Necklace,Maupassant\n",
    )
    result = cli("import", "catalogue", str(path))
    assert result.code == 0, result
    assert sorted(c.barcode for c in Copy.select()) == ["K0020", "RR00005", "W-1002"]


def test_a_borrower_import_stores_each_member_number_in_the_one_form(cli, tmp_path):
    path = write(tmp_path, "member_no,name,role\n w-2001 ,Kim,writer\nｃ-7,Pak,cadre\n")
    assert cli("import", "borrowers", str(path)).code == 0
    assert sorted(b.member_no for b in Borrower.select()) == ["C-7", "W-2001"]


def test_barcodes_that_collide_once_normalised_refuse_the_file(cli, db, tmp_path):
    path = write(
        tmp_path,
        f"{HEADER}\nK0020,Points and Lines,Seichō Matsumoto\nB1,Decameron,Boccaccio\n"
        " k0020,Points and Lines,Seichō Matsumoto\nＫ００２０,The Necklace,Maupassant\n",
    )
    before = dump(db)
    result = cli("import", "catalogue", str(path))
    assert result.code == 1 and "nothing was imported" in result.err
    assert named_lines(result.err) == [4, 5]
    assert "'k0020' (K0020 once normalised) repeats line 2" in result.err
    assert "'Ｋ００２０' (K0020 once normalised) repeats line 2" in result.err
    assert dump(db) == before


def test_a_code_the_catalogue_holds_in_another_form_is_named(
    cli, db, make_copy, legacy_code, tmp_path
):
    make_copy("RR1")
    legacy_code(make_copy("X7"), "old7")  # stored in lower case before codes were normalised
    path = write(
        tmp_path,
        f"{HEADER}\nrr1,Decameron,Boccaccio\nOLD7,Decameron,Boccaccio\nB2,Decameron,Boccaccio\n",
    )
    before = dump(db)
    result = cli("import", "catalogue", str(path))
    assert result.code == 1
    assert named_lines(result.err) == [2, 3]
    assert "'rr1' (RR1 once normalised) is already in the catalogue" in result.err
    assert "the barcode 'OLD7' (OLD7 once normalised)" not in result.err  # written so
    assert "the barcode OLD7 is already in the catalogue" in result.err
    assert dump(db) == before


def test_member_numbers_that_collide_once_normalised(cli, db, make_borrower, tmp_path):
    make_borrower("W-1")
    path = write(
        tmp_path, "member_no,name,role\nw-1,Again,writer\nW-2,Kim,writer\n w-2 ,Kim,writer\n"
    )
    before = dump(db)
    result = cli("import", "borrowers", str(path))
    assert result.code == 1
    assert named_lines(result.err) == [2, 4]
    assert "'w-1' (W-1 once normalised) is already used" in result.err
    assert "'w-2' (W-2 once normalised) repeats line 3" in result.err
    second = write(tmp_path, "member_no,name,role\nc-9,Ri,writer\nC-9 ,Ri,writer\n", "b.csv")
    again = cli("import", "borrowers", str(second))
    assert again.code == 1 and "line 3: the member number C-9 repeats line 2 ('c-9')" in again.err
    assert dump(db) == before


def _record(title: str, *barcodes: str) -> Record:
    record = Record()
    record.add_field(
        Field("245", Indicators("1", "0"), [Subfield("a", title)]),
        Field("100", Indicators("1", " "), [Subfield("a", "Boccaccio")]),
        *(Field("952", Indicators(" ", " "), [Subfield("p", code)]) for code in barcodes),
    )
    return record


def _marc_file(tmp_path: Path, *records: Record) -> Path:
    path = tmp_path / "in.mrc"
    path.write_bytes(b"".join(r.as_marc() for r in records))
    return path


def test_a_marc_import_normalises_barcodes_and_refuses_collisions(
    librarian, make_copy, legacy_code, tmp_path
):
    path = _marc_file(tmp_path, _record("Decameron", " k0020", "mk-1"))
    result = marc.import_marc(librarian, path)
    assert result.copies_added == 2
    assert sorted(c.barcode for c in Copy.select()) == ["K0020", "MK-1"]

    clash = _marc_file(tmp_path, _record("Boule de Suif", "b-1"), _record("Necklace", "B-1 "))
    with pytest.raises(ImportFailed) as failed:
        marc.import_marc(librarian, clash)
    assert len(failed.value.problems) == 1
    assert "the barcode B-1 repeats record 1" in failed.value.problems[0]

    legacy_code(make_copy("X9"), "low9")  # stored in lower case before codes were normalised
    again = _marc_file(tmp_path, _record("Boule de Suif", "mk-1"), _record("Necklace", "LOW9"))
    with pytest.raises(ImportFailed) as failed:
        marc.import_marc(librarian, again)
    assert [p.split(": ", 1)[1] for p in failed.value.problems] == [
        "the barcode MK-1 is already in the catalogue",
        "the barcode LOW9 is already in the catalogue",
    ]
    assert Copy.select().count() == 3
