"""CSV imports are all or nothing: exit 1, every bad line named with its number, and the
database exactly as it was (rows of every table and the audit trail)."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import pytest

from readingroom import audit, imports
from readingroom.errors import ImportFailed
from readingroom.store.models import AuditEntry, Borrower, Copy, Work
from tests.core.cli_support import InProcess, dump

# the same on a SQLite file and on a PostgreSQL server
pytestmark = pytest.mark.both_databases

CATALOGUE_HEADER = "barcode,title,author,translator,volume,volumes,access,condition"


@pytest.fixture
def existing(db, supervisor, make_copy, make_borrower):
    """One copy (RR1) and one borrower (W-1) already in the catalogue."""
    make_copy("RR1", "Points and Lines", author="Seichō Matsumoto", translator="이정희")
    make_borrower("W-1")
    return db


@pytest.fixture
def cli(existing, capsys, monkeypatch) -> InProcess:
    return InProcess(existing, capsys, monkeypatch)


def write(tmp_path: Path, text: str | bytes, name: str = "in.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8", newline="")
    else:
        path.write_bytes(text)
    return path


def named_lines(stderr: str) -> list[int]:
    return [int(n) for n in re.findall(r"^line (\d+):", stderr, re.MULTILINE)]


def refused_cleanly(cli: InProcess, db: Path, kind: str, path: Path) -> str:
    """Run the import; assert exit 1, no traceback, nothing changed; return stderr."""
    before = dump(db)
    result = cli("import", kind, str(path))
    assert result.code == 1, result
    assert "Traceback" not in result.err and result.out == ""
    assert "nothing was imported" in result.err
    assert dump(db) == before
    return result.err


# -- bad files ----------------------------------------------------------------------------


def test_a_missing_required_column(cli, existing, tmp_path):
    path = write(tmp_path, "barcode,title\nB1,Decameron\nB2,Decameron\n")
    err = refused_cleanly(cli, existing, "catalogue", path)
    assert named_lines(err) == [1] and "author" in err
    path = write(tmp_path, "member_no,name\nW-9,Ri\n")
    err = refused_cleanly(cli, existing, "borrowers", path)
    assert named_lines(err) == [1] and "role" in err


def test_an_unknown_column(cli, existing, tmp_path):
    path = write(tmp_path, "barcode,title,author,shelfmark\nB1,Decameron,Boccaccio,X1\n")
    err = refused_cleanly(cli, existing, "catalogue", path)
    assert named_lines(err) == [1] and "shelfmark" in err
    path = write(tmp_path, "member_no,name,role,email\nW-9,Ri,writer,ri@example.org\n")
    err = refused_cleanly(cli, existing, "borrowers", path)
    assert named_lines(err) == [1] and "email" in err


def test_an_unknown_access_class_on_every_line_it_occurs(cli, existing, tmp_path):
    path = write(
        tmp_path,
        CATALOGUE_HEADER + "\n"
        "B1,Decameron,Boccaccio,,1,2,lendable,good\n"
        "B2,Decameron,Boccaccio,,2,2,secret,good\n"
        "B3,The Necklace,Maupassant,,1,1,lendable,good\n"
        "B4,Boule de Suif,Maupassant,,1,1,public,good\n",
    )
    err = refused_cleanly(cli, existing, "catalogue", path)
    assert named_lines(err) == [3, 5] and "secret" in err and "public" in err


def test_an_unknown_role_on_every_line_it_occurs(cli, existing, tmp_path):
    path = write(
        tmp_path,
        "member_no,name,role\n"
        "W-2,Kim Chol-su,writer\nX-1,Someone,tourist\nW-3,박영옥,writer\n"
        "X-2,Another,librarian\n",
    )
    err = refused_cleanly(cli, existing, "borrowers", path)
    assert named_lines(err) == [3, 5] and "tourist" in err


def test_a_duplicate_barcode_in_the_file_and_against_the_catalogue(cli, existing, tmp_path):
    path = write(
        tmp_path,
        CATALOGUE_HEADER + "\n"
        "B1,Decameron,Boccaccio,,1,2,,\n"
        "RR1,Decameron,Boccaccio,,2,2,,\n"
        "B1,The Necklace,Maupassant,,1,1,,\n"
        "B5,Boule de Suif,Maupassant,,1,1,,\n",
    )
    err = refused_cleanly(cli, existing, "catalogue", path)
    assert named_lines(err) == [3, 4]
    assert "RR1" in err and "repeats line 2" in err


def test_a_duplicate_member_number(cli, existing, tmp_path):
    path = write(
        tmp_path, "member_no,name,role\nW-1,Again,writer\nW-2,Kim,writer\nW-2,Kim again,writer\n"
    )
    err = refused_cleanly(cli, existing, "borrowers", path)
    assert named_lines(err) == [2, 4]


def test_an_empty_title_on_every_line_it_occurs(cli, existing, tmp_path):
    path = write(
        tmp_path,
        "barcode,title,author\nB1,Decameron,Boccaccio\nB2,,Hugo\n"
        "B3,   ,Dumas\nB4,Les Misérables,Hugo\n",
    )
    err = refused_cleanly(cli, existing, "catalogue", path)
    assert named_lines(err) == [3, 4] and "title" in err


def test_a_file_that_is_not_utf8(cli, existing, tmp_path):
    text = (
        "barcode,title,author\nB1,Les Misérables,Hugo\nB2,Boule de Suif,Maupassant\n"
        "B3,Le Rouge et le Noir,Stendhal\nB4,La Dame aux camélias,Dumas fils\n"
    )
    path = write(tmp_path, text.encode("latin-1"))
    err = refused_cleanly(cli, existing, "catalogue", path)
    assert "UTF-8" in err and named_lines(err) == [2, 5]


def test_a_binary_file_is_not_csv(cli, existing, tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + zlib.compress(
        bytes(range(256)) * 8
    )
    err = refused_cleanly(cli, existing, "catalogue", write(tmp_path, png, "cover.png"))
    assert named_lines(err) and "UTF-8" in err
    nul = write(tmp_path, "barcode,title,author\nB1,Dec\x00ameron,Boccaccio\n", "nul.csv")
    err = refused_cleanly(cli, existing, "catalogue", nul)
    assert named_lines(err) == [2] and "not a CSV file" in err


def test_an_empty_file_or_a_missing_file(cli, existing, tmp_path):
    err = refused_cleanly(cli, existing, "borrowers", write(tmp_path, ""))
    assert named_lines(err) == [1]
    before = dump(existing)
    result = cli("import", "borrowers", str(tmp_path / "no-such.csv"))
    assert result.code == 1 and "Traceback" not in result.err and dump(existing) == before


def test_a_line_with_the_wrong_number_of_fields(cli, existing, tmp_path):
    path = write(
        tmp_path,
        'barcode,title,author\nB1,Decameron\nB2,"Boule, de Suif",Maupassant\nB3,Nana,Zola,extra\n',
    )
    err = refused_cleanly(cli, existing, "catalogue", path)
    assert named_lines(err) == [2, 4]


def test_every_kind_of_problem_is_named_together_in_line_order(cli, existing, tmp_path):
    path = write(
        tmp_path,
        CATALOGUE_HEADER + "\n"
        "B1,Decameron,Boccaccio,,1,2,,\n"  # 2 fine
        "B2,,Boccaccio,,2,2,,\n"  # 3 empty title
        "RR1,Nana,Zola,,1,1,,\n"  # 4 barcode in the catalogue
        "B5,Nana,Zola,,1,1,attic,\n"  # 5 unknown access class
        "B6,Nana,Zola,,1,1,,soggy\n"  # 6 unknown condition
        "B7,Nana,Zola,,x,1,,\n"  # 7 bad volume
        "B1,Nana,Zola,,1,1,,\n"  # 8 repeats line 2
        "B9,Nana,Zola,,4,2,,\n",
    )  # 9 volume beyond the set
    err = refused_cleanly(cli, existing, "catalogue", path)
    assert named_lines(err) == [3, 4, 5, 6, 7, 8, 9]
    assert "8 bad lines" not in err and "7 bad lines" in err


def test_the_service_raises_one_error_naming_every_line(existing, librarian, tmp_path):
    path = write(
        tmp_path,
        "member_no,name,role,status,expires\n"
        "W-2,Kim,writer,active,2030-01-01\nW-3,,writer,,\nW-4,Han,writer,asleep,\n"
        "W-5,Ri,writer,,31/12/2030\n",
    )
    entries, borrowers = AuditEntry.select().count(), Borrower.select().count()
    with pytest.raises(ImportFailed) as failed:
        imports.import_borrowers(librarian, path)
    assert [p.split(":")[0] for p in failed.value.problems] == ["line 3", "line 4", "line 5"]
    assert failed.value.exit_code == 1
    assert (AuditEntry.select().count(), Borrower.select().count()) == (entries, borrowers)


# -- good files ---------------------------------------------------------------------------


def test_a_clean_catalogue_makes_works_sets_and_joins_existing_works(cli, existing, tmp_path):
    path = write(
        tmp_path,
        CATALOGUE_HEADER + ",location,year,original_title\n"
        "P1,Proof of the Man,Seiichi Morimura,김수영,1,3,,ragged,Safe B/3,1983,"
        "人間の証明\n"
        "P2,Proof of the Man,Seiichi Morimura,김수영,2,3,,worn,Safe B/3,1983,"
        "人間の証明\n"
        "P3,Proof of the Man,Seiichi Morimura,김수영,3,3,,damaged,Safe B/3,1983,"
        "人間の証明\n"
        "RR2,Points and Lines,Seichō Matsumoto,이정희,,,,,Safe A/1,,\n"
        "D1,Dictionary of Synonyms,Editors,,,,reading-room,,Shelf 2,,\n",
    )
    entries = AuditEntry.select().count()
    result = cli("import", "catalogue", str(path), "--json")
    assert result.code == 0, result
    assert result.json() == {
        "works_added": 2,
        "works_joined": 1,
        "copies_added": 5,
        "borrowers_added": 0,
        "rows": 5,
    }
    proof = Work.get(Work.title == "Proof of the Man")
    assert (proof.volumes, proof.translator, proof.original_title, proof.year) == (
        3,
        "김수영",
        "人間の証明",
        1983,
    )
    assert [
        (c.barcode, c.volume, c.condition, c.status)
        for c in Copy.select().where(Copy.work == proof).order_by(Copy.barcode)
    ] == [
        ("P1", 1, "ragged", "available"),
        ("P2", 2, "worn", "available"),
        ("P3", 3, "damaged", "damaged"),
    ]
    assert Copy.get(Copy.barcode == "RR2").work == Copy.get(Copy.barcode == "RR1").work
    assert Work.get(Work.title == "Dictionary of Synonyms").access == "reading-room"
    assert AuditEntry.select().count() == entries + 1
    assert AuditEntry.select().order_by(AuditEntry.id.desc()).first().action == "import-catalogue"
    assert audit.verify().ok


def test_a_clean_borrower_file(cli, existing, tmp_path):
    path = write(
        tmp_path,
        "\ufeffmember_no,name,role,organisation,status,expires\n"
        'W-2,리명희,writer,"Writers\' Union, Provincial Branch",active,2027-12-31\n'
        "C-1,오광철,cadre,,,\nP-1,Pak Yong-nam,civilian,School No. 3,suspended,\n",
    )
    result = cli("import", "borrowers", str(path))
    assert result.code == 0 and "3" in result.out
    w2 = Borrower.get(Borrower.member_no == "W-2")
    assert (w2.name, w2.organisation, str(w2.expires)) == (
        "리명희",
        "Writers' Union, Provincial Branch",
        "2027-12-31",
    )
    assert Borrower.get(Borrower.member_no == "C-1").status == "active"
    assert Borrower.get(Borrower.member_no == "P-1").status == "suspended"


def test_the_inspector_cannot_import(cli, existing, supervisor, tmp_path):
    from readingroom import staff

    staff.add_staff(supervisor, "insp", "inspector", "pass-word-1")
    path = write(tmp_path, "member_no,name,role\nW-2,Kim,writer\n")
    before = dump(existing)
    result = cli("import", "borrowers", str(path), user="insp")
    assert result.code == 5 and dump(existing) == before
