"""505 (formatted contents): the entries kept one a line, a set's volumes named from them
(issue 15), and written back as one 505."""

from __future__ import annotations

from pathlib import Path

from pymarc import Field, Indicators, Record, Subfield

from readingroom import marc
from readingroom.browse import works
from readingroom.contents import volume_names
from readingroom.store.db import close_database, open_database
from readingroom.store.models import Work
from tests.conftest import PASSWORD
from tests.core.test_marc_real import DATA, write_records

#: Morimura's three-volume novel as a library sends it: 505 names the volumes, 300 gives no
#: count, and the one item is of volume 2
SET_CONTENTS = "v. 1. Kiri no naka -- v. 2. Kuroi kaban -- v. 3. Shōmei."


def set_record() -> Record:
    record = Record(leader="00000nam a2200000 i 4500", force_utf8=True)
    record.add_field(
        Field("008", data="850101s1985    kn            000 1 kor d"),
        Field("100", Indicators("1", " "), [Subfield("a", "Morimura, Seiichi.")]),
        Field("245", Indicators("1", "0"), [Subfield("a", "Proof of the man.")]),
        Field("300", Indicators(" ", " "), [Subfield("a", "312 p. ;"), Subfield("c", "19 cm.")]),
        Field("505", Indicators("0", " "), [Subfield("a", SET_CONTENTS)]),
        Field("952", Indicators(" ", " "), [Subfield("p", "SET-0002"), Subfield("h", "v.2")]),
    )
    return record


def test_a_sets_505_names_its_volumes(librarian, tmp_path):
    result = marc.import_marc(librarian, write_records(tmp_path / "set.mrc", set_record()))
    assert result.works_added == 1
    work = Work.get(Work.title == "Proof of the man")
    assert work.volumes == 3  # no count in 300: the contents names three
    assert work.contents.split("\n") == [
        "v. 1. Kiri no naka",
        "v. 2. Kuroi kaban",
        "v. 3. Shōmei",
    ]
    assert volume_names(work.contents) == {1: "Kiri no naka", 2: "Kuroi kaban", 3: "Shōmei"}
    (line,) = works.work_detail(work.id).copies
    assert (line.barcode, line.volume, line.volume_name) == ("SET-0002", 2, "Kuroi kaban")


def test_the_export_writes_the_entries_back_as_one_505(librarian, tmp_path):
    marc.import_marc(librarian, write_records(tmp_path / "set.mrc", set_record()))
    out = tmp_path / "out.mrc"
    marc.export_marc(librarian, out)
    (read,) = [r.record for r in marc.read_records(out)]
    (contents,) = read.get_fields("505")
    assert contents["a"] == "v. 1. Kiri no naka -- v. 2. Kuroi kaban -- v. 3. Shōmei"
    assert read["300"]["a"] == "3 v."
    close_database()
    open_database(tmp_path / "again.db", create=True)
    from readingroom.staff import create_first_supervisor

    marc.import_marc(create_first_supervisor("boss", PASSWORD), out)
    again = Work.get(Work.title == "Proof of the man")
    assert again.volumes == 3
    assert volume_names(again.contents) == {1: "Kiri no naka", 2: "Kuroi kaban", 3: "Shōmei"}


def test_a_real_505_keeps_its_entries_and_names_no_volume(librarian, tmp_path):
    """The Library of Congress's sound recording in pymarc's batch.xml: eight tunes in one
    505, kept one a line; none starts with a volume, so the work stays one volume."""
    marc.import_marc(librarian, DATA / "loc_batch.xml")
    (work,) = [w for w in Work.select() if "Ray" in w.contents]
    lines = work.contents.split("\n")
    assert lines[:3] == ["The Ray", "My melancholy baby", "Black coffee"]
    assert len(lines) == 8 and work.volumes == 1 and volume_names(work.contents) == {}
    out = Path(tmp_path / "out.xml")
    marc.export_marc(librarian, out)
    exported = [f["a"] for r in marc.read_records(out) for f in r.record.get_fields("505")]
    assert exported == [" -- ".join(lines)]


def test_volume_names_in_korean_and_chinese_numbering():
    assert volume_names("제1권 점과 선 — 제2권 눈의 벽") == {1: "점과 선", 2: "눈의 벽"}
    assert volume_names("第1卷 四分律 -- 第2卷 律藏") == {1: "四分律", 2: "律藏"}
    assert volume_names("vol. 2: Shōmei\nvol. 1: Kiri") == {2: "Shōmei", 1: "Kiri"}
