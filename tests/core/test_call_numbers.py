"""A copy's call number changes (edited by hand, or by a MARC re-import with ``--update``)
and ``copy history`` shows each change from the audit trail: the old and the new call
number, who changed it, when and by which change."""

from __future__ import annotations

from pathlib import Path

import pytest
from pymarc import Field, MARCWriter, Record, Subfield
from pymarc.field import Indicators

from readingroom import audit, catalogue, marc
from readingroom.call_numbers import call_number_changes
from readingroom.store.models import Copy
from tests.core.cli_support import InProcess

pytestmark = pytest.mark.both_databases


def sent(folder: Path, call_number: str, location: str = "Safe A") -> Path:
    """A library's record of one work (known by 001 with 003) with its one copy, B-1."""
    record = Record(leader="00000nam a2200000 a 4500", force_utf8=True)
    record.add_field(
        Field("001", data="u1"),
        Field("003", data="SIRSI"),
        Field("100", Indicators("1", " "), [Subfield("a", "Matsumoto, Seichō")]),
        Field("245", Indicators("1", "0"), [Subfield("a", "Points and lines")]),
        Field(
            "952",
            Indicators(" ", " "),
            [Subfield("c", location), Subfield("o", call_number), Subfield("p", "B-1")],
        ),
    )
    path = folder / f"sent-{call_number or 'none'}.mrc"
    with path.open("wb") as handle:
        MARCWriter(handle).write(record)
    return path


def moves(barcode: str) -> list[tuple[str, str, str, str]]:
    return [(c.old, c.new, c.staff, c.action) for c in call_number_changes(barcode)]


def test_each_call_number_of_a_copy_with_who_changed_it_and_how(librarian, tmp_path):
    marc.import_marc(librarian, sent(tmp_path, "PL 1"))
    assert moves("B-1") == [("", "PL 1", "lib", "import-marc")]
    catalogue.edit_copy(librarian, "b-1", location="Safe B")  # not its call number
    catalogue.edit_copy(librarian, "B-1", call_number="PL 2")
    again = marc.import_marc(librarian, sent(tmp_path, "PL 3"))  # recognised, left as it was
    assert (again.works_already, again.copies_updated) == (1, 0)
    assert Copy.get(Copy.barcode == "B-1").call_number == "PL 2"
    updated = marc.import_marc(librarian, sent(tmp_path, "PL 3", "Shelf 9"), update=True)
    assert (updated.works_updated, updated.copies_updated, updated.copies_added) == (1, 1, 0)
    copy = Copy.get(Copy.barcode == "B-1")
    assert (copy.call_number, copy.location) == ("PL 3", "Safe B")  # the shelf is the desk's
    assert moves("B-1") == [
        ("", "PL 1", "lib", "import-marc"),
        ("PL 1", "PL 2", "lib", "copy-edit"),
        ("PL 2", "PL 3", "lib", "import-marc"),
    ]
    # a record without a call number leaves the copy's as it is
    quiet = marc.import_marc(librarian, sent(tmp_path, ""), update=True)
    assert quiet.copies_updated == 0 and len(moves("B-1")) == 3
    seqs = [c.audit_seq for c in call_number_changes("B-1")]
    assert seqs == sorted(seqs) and audit.verify().ok


def test_a_copy_added_without_a_call_number_has_none_until_given_one(make_copy, librarian):
    make_copy("C-1")
    assert call_number_changes("C-1") == []
    catalogue.edit_copy(librarian, "C-1", call_number="QA 76")
    catalogue.edit_copy(librarian, "C-1", call_number="")
    assert moves("C-1") == [("", "QA 76", "lib", "copy-edit"), ("QA 76", "", "lib", "copy-edit")]


def test_copy_history_shows_the_call_numbers(db, librarian, capsys, monkeypatch, tmp_path):
    cli = InProcess(db, capsys, monkeypatch)
    assert cli("import", "marc", str(sent(tmp_path, "PL 1")), user="lib").code == 0
    catalogue.edit_copy(librarian, "B-1", call_number="PL 2")
    args = ("import", "marc", str(sent(tmp_path, "PL 3")), "--update")
    imported = cli(*args, user="lib")
    assert imported.code == 0 and "1 copy already catalogued given the record's call number." in (
        imported.out
    )
    shown = cli("copy", "history", "b-1")
    assert shown.code == 0, shown
    assert "No moves recorded for B-1." in shown.out
    lines = shown.out.splitlines()
    header = next(line for line in lines if "Call number" in line)
    assert header.split() == ["Entry", "When", "Call", "number", "Action", "Staff"]
    assert any("- -> PL 1" in line and "import-marc" in line for line in lines), shown.out
    assert any("PL 1 -> PL 2" in line and "copy-edit" in line for line in lines), shown.out
    assert any("PL 2 -> PL 3" in line and "import-marc" in line for line in lines), shown.out
    found = cli("copy", "history", "B-1", "--json").json()
    assert [(c["from"], c["to"], c["action"], c["staff"]) for c in found["call_numbers"]] == [
        ("", "PL 1", "import-marc", "lib"),
        ("PL 1", "PL 2", "copy-edit", "lib"),
        ("PL 2", "PL 3", "import-marc", "lib"),
    ]
    assert found["moves"] == []
