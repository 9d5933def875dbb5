"""MARC 21 in and out: real exports import, damaged records are named, a round trip is exact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from readingroom import audit, catalogue, circulation, demo, marc
from readingroom.cli import main
from readingroom.errors import BadInput, ImportFailed, NotPermitted
from readingroom.marc import importing
from readingroom.staff import create_first_supervisor
from readingroom.store.db import close_database, database, open_database
from readingroom.store.models import AuditEntry, Copy, Work
from tests.conftest import PASSWORD

DATA = Path(__file__).resolve().parent.parent / "data" / "marc"

WORK_COLUMNS = (
    "title",
    "subtitle",
    "author",
    "original_title",
    "original_language",
    "translator",
    "publisher",
    "year",
    "isbn",
    "notes",
    "access",
    "volumes",
)


def works_by_title() -> dict[str, Work]:
    return {w.title: w for w in Work.select()}


def copies() -> dict[str, tuple]:
    return {
        c.barcode: (c.work.title, c.volume, c.location, c.status, c.condition)
        for c in Copy.select(Copy, Work).join(Work)
    }


def catalogue_rows() -> tuple[list[tuple], list[tuple]]:
    """Everything a MARC record carries: works in id order, copies by barcode."""
    works = database.execute_sql(
        f"SELECT {', '.join(WORK_COLUMNS)} FROM work ORDER BY id"
    ).fetchall()
    rows = database.execute_sql(
        "SELECT c.barcode, w.title, w.author, c.volume, c.location, c.status, c.condition "
        "FROM copy c JOIN work w ON w.id = c.work_id ORDER BY c.barcode"
    ).fetchall()
    return works, rows


# -- a library system's export ------------------------------------------------------------


@pytest.mark.both_databases
def test_a_koha_export_becomes_works_and_their_copies(librarian):
    result = marc.import_marc(librarian, DATA / "koha_translations.mrc")
    assert (result.records, result.works_added, result.copies_added) == (4, 4, 6)
    works = works_by_title()
    points = works["Points and lines"]
    assert (
        points.author,
        points.original_title,
        points.original_language,
        points.translator,
        points.publisher,
        points.year,
        points.isbn,
    ) == (
        "Matsumoto, Seichō",
        "Ten to sen",
        "ja",
        "이정희",
        "문학예술출판사",
        1989,
        "9788900000016",
    )
    proof = works["Proof of the man"]
    assert (proof.subtitle, proof.volumes, proof.translator, proof.year) == (
        "a novel",
        3,
        "최인숙",
        1985,
    )  # translator by $4 trl, year from 260 $c "c1985."
    wuthering = works["Wuthering heights"]
    assert (wuthering.translator, wuthering.original_language) == ("정은미", "en")
    # a corporate author with its unit (110 $a $b)
    assert (
        works["Guide for translators of foreign fiction"].author
        == "Writers' Union. Translation Section"
    )
    assert copies() == {
        "KOHA-0001": ("Points and lines", 1, "", "available", "good"),
        "KOHA-0002": ("Points and lines", 1, "", "missing", "worn"),
        "KOHA-0101": ("Proof of the man", 1, "", "available", "ragged"),
        "KOHA-0102": ("Proof of the man", 2, "", "damaged", "good"),
        "KOHA-0103": ("Proof of the man", 3, "", "withdrawn", "good"),
        "KOHA-0201": ("Guide for translators of foreign fiction", 1, "REF", "available", "good"),
    }
    # Koha's call number ($o) is kept apart from the shelving location ($c)
    assert {c.barcode: c.call_number for c in Copy.select()} == {
        "KOHA-0001": "Safe A/1",
        "KOHA-0002": "Safe A/1",
        "KOHA-0101": "Safe B/3",
        "KOHA-0102": "Safe B/3",
        "KOHA-0103": "Safe B/3",
        "KOHA-0201": "",
    }
    entries = list(AuditEntry.select().where(AuditEntry.action == "import-marc"))
    assert len(entries) == 1 and entries[0].staff == "lib"
    assert json.loads(entries[0].details)["works_added"] == 4
    assert audit.verify().ok


def test_library_of_congress_records_import_and_are_searchable(librarian):
    result = marc.import_marc(librarian, DATA / "loc_records.mrc")
    assert (result.works_added, result.copies_added, result.skipped) == (20, 0, [])
    found = catalogue.search("pragmatic")
    assert [(w.title, w.subtitle, w.author) for w in found] == [
        ("The pragmatic programmer", "from journeyman to master", "Hunt, Andrew")
    ]


@pytest.mark.both_databases
def test_records_without_items_get_the_copies_asked_for(librarian):
    result = marc.import_marc(librarian, DATA / "loc_records.mrc", copies=2)
    assert (result.copies_added, result.copies_generated) == (0, 40)
    work = catalogue.search("pragmatic")[0]
    assert [c.barcode for c in catalogue.copies_of(work.id)] == [
        f"W{work.id:07d}-1-1",
        f"W{work.id:07d}-1-2",
    ]


@pytest.mark.both_databases
def test_generated_copies_cover_every_volume_of_a_set(librarian):
    marc.import_marc(librarian, DATA / "holdings_852.xml")  # the Decameron, 2 v., 2 copies
    marc.import_marc(librarian, DATA / "koha_translations.mrc", copies=1)
    wuthering = works_by_title()["Wuthering heights"]
    assert [c.barcode for c in catalogue.copies_of(wuthering.id)] == [f"W{wuthering.id:07d}-1-1"]
    # records with barcoded items get none generated
    proof = works_by_title()["Proof of the man"]
    assert len(catalogue.copies_of(proof.id)) == 3


def test_marc8_diacritics_and_a_translations_uniform_title(librarian):
    marc.import_marc(librarian, DATA / "loc_marc8_translation.mrc")
    work = works_by_title()["Escape from loneliness"]
    assert work.original_title == "De la solitude à la communauté"
    assert work.original_language == ""  # 041 says translation, original not coded


def test_marcxml_holdings_852(librarian):
    result = marc.import_marc(librarian, DATA / "holdings_852.xml")
    assert result.copies_added == 2
    decameron = works_by_title()["The Decameron"]
    assert (decameron.volumes, decameron.original_language) == (2, "it")
    assert copies()["HOLD-0002"] == (
        "The Decameron",
        2,
        "Provincial Branch / Safe C",
        "available",
        "good",
    )


# -- damaged files ------------------------------------------------------------------------


def test_damaged_records_are_named_by_position_and_nothing_is_imported(librarian):
    entries = AuditEntry.select().count()
    with pytest.raises(ImportFailed) as failed:
        marc.import_marc(librarian, DATA / "pymarc_bad_records.mrc")
    assert failed.value.problems == [
        "record 2 (byte 127): the base address in the leader lies beyond the record",
        "record 3 (byte 254): the leader gives no base address for the data",
        "record 4 (byte 381): the directory of fields is damaged",
        "record 5 (byte 509): the leader or directory holds bytes that are not ASCII",
        "record 6 (byte 637): the leader or directory is damaged (invalid literal for int() "
        "with base 10: b'f0037')",
        "record 7 (byte 764): the record has no fields",
        "record 9 (byte 917): the file ends inside this record (no end-of-record mark)",
    ]
    assert Work.select().count() == 0 and AuditEntry.select().count() == entries


@pytest.mark.both_databases
def test_skip_bad_imports_the_rest_and_says_what_it_skipped(librarian):
    result = marc.import_marc(librarian, DATA / "pymarc_bad_records.mrc", skip_bad=True)
    assert (result.records, result.works_added, len(result.skipped)) == (9, 2, 7)
    details = json.loads(AuditEntry.select().order_by(AuditEntry.id.desc()).get().details)
    assert details["skipped"] == 7


def test_bad_fields_are_named_with_the_record(librarian):
    with pytest.raises(ImportFailed) as failed:
        marc.import_marc(librarian, DATA / "bad_fields.mrc")
    assert failed.value.problems == [
        "record 2 (byte 641): no title (245 $a)",
        "record 4 (byte 1365): item 1 (952 $p KOHA 0901): Bad barcode 'KOHA 0901': "
        "printable characters only, no spaces, at most 200.",
    ]
    result = marc.import_marc(librarian, DATA / "bad_fields.mrc", skip_bad=True)
    assert result.works_added == 3 and "KOHA-0101" in copies()


@pytest.mark.both_databases
def test_a_barcode_repeated_in_the_file_or_already_catalogued(librarian, make_copy):
    with pytest.raises(ImportFailed) as failed:
        marc.import_marc(librarian, DATA / "duplicate_barcodes.mrc")
    assert failed.value.problems == [
        "record 3 (byte 933): the barcode KOHA-0001 repeats record 1 (byte 0)",
        "record 3 (byte 933): the barcode KOHA-0002 repeats record 1 (byte 0)",
    ]
    make_copy("KOHA-0201")
    with pytest.raises(ImportFailed) as failed:
        marc.import_marc(librarian, DATA / "duplicate_barcodes.mrc")
    assert (
        "record 2 (byte 641): the barcode KOHA-0201 is already in the catalogue"
        in failed.value.problems
    )
    result = marc.import_marc(librarian, DATA / "duplicate_barcodes.mrc", skip_bad=True)
    assert (result.works_added, result.copies_added) == (1, 2)


def test_a_truncated_file_names_its_last_record(librarian):
    with pytest.raises(ImportFailed) as failed:
        marc.import_marc(librarian, DATA / "truncated.mrc")
    assert failed.value.problems == [
        "record 4 (byte 1525): the file ends inside this record (no end-of-record mark)"
    ]


def test_xml_that_is_not_well_formed_is_refused_even_with_skip_bad(librarian):
    for skip_bad in (False, True):
        with pytest.raises(ImportFailed) as failed:
            marc.import_marc(librarian, DATA / "not_wellformed.xml", skip_bad=skip_bad)
        assert failed.value.problems[0].startswith(
            "line 1, column 615: the file is not well-formed XML"
        )
    assert Work.select().count() == 0


def test_text_in_the_wrong_encoding_is_reported_not_imported_as_garbage(librarian):
    with pytest.raises(ImportFailed) as failed:
        marc.import_marc(librarian, DATA / "cp1251_as_marc8.mrc")
    assert len(failed.value.problems) == 6
    assert "not valid MARC-8" in failed.value.problems[0]


def test_a_file_with_nothing_to_import(librarian, tmp_path):
    empty = tmp_path / "empty.mrc"
    empty.write_bytes(b"")
    with pytest.raises(ImportFailed, match="no record"):
        marc.import_marc(librarian, empty)
    with pytest.raises(BadInput, match="Cannot read"):
        marc.import_marc(librarian, tmp_path / "missing.mrc")


def test_the_inspector_cannot_import_but_can_export(inspector, tmp_path):
    with pytest.raises(NotPermitted):
        marc.import_marc(inspector, DATA / "loc_records.mrc")
    assert marc.export_marc(inspector, tmp_path / "out.xml").works == 0


# -- round trip ---------------------------------------------------------------------------


@pytest.fixture
def varied_catalogue(supervisor, librarian):
    """The demo collection plus works that use every field a record carries."""
    demo.load_demo(supervisor)
    odd = catalogue.add_work(
        supervisor,
        title="Dr. Zhivago.",
        subtitle="a novel: in two parts /",
        author="Boris Pasternak ",
        original_title="Доктор Живаго",
        original_language="Russian",
        translator="김영; 리철",
        publisher="",
        year=800,
        isbn="978-89-0000-001-6",
        notes="First line.\nSecond line, with <markup> & ampersand.",
        access="staff-only",
        volumes=2,
    ).work
    catalogue.add_copy(
        supervisor, odd.id, "ODD-1", volume=2, location=" Shelf  9 ", condition="damaged"
    )
    plain = catalogue.add_work(
        supervisor, title="Untitled", author="Anonymous", access="reading-room"
    ).work
    for barcode, status in (("ST-1", "missing"), ("ST-2", "withdrawn"), ("ST-3", "lost")):
        catalogue.add_copy(supervisor, plain.id, barcode)
        second = librarian if status in ("withdrawn", "lost") else None  # two people
        catalogue.edit_copy(supervisor, barcode, status=status, confirmed_by=second)
    catalogue.add_work(supervisor, title="No copies", author="Nobody", original_language="ko")
    return supervisor


def fresh_catalogue(path: Path):
    close_database()
    open_database(path, create=True)
    return create_first_supervisor("boss", PASSWORD)


@pytest.mark.parametrize("suffix", [".xml", ".mrc"])
@pytest.mark.both_databases
def test_export_imports_back_unchanged(varied_catalogue, tmp_path, suffix):
    first = tmp_path / f"first{suffix}"
    exported = marc.export_marc(varied_catalogue, first)
    assert (exported.works, exported.copies) == (26, 74)
    works, rows = catalogue_rows()
    out_now = {r[0] for r in rows if r[5] in ("on-loan", "held")}
    assert out_now  # the demo has loans and holds: those copies come back on the shelf

    boss = fresh_catalogue(tmp_path / "fresh.db")
    result = marc.import_marc(boss, first)
    assert (result.works_added, result.copies_added, result.skipped) == (26, 74, [])
    again_works, again_rows = catalogue_rows()
    assert again_works == works
    assert again_rows == [r[:5] + ("available" if r[0] in out_now else r[5],) + r[6:] for r in rows]

    second = tmp_path / f"second{suffix}"
    marc.export_marc(boss, second)
    assert marc_records(second) == marc_records(first)


def marc_records(path: Path) -> list[str]:
    """The file's records as text, without 008/00-05 (the day each work was catalogued)."""
    records = [raw.record for raw in marc.read_records(path)]
    for record in records:
        fixed = record["008"]
        fixed.data = "------" + fixed.data[6:]
    return [str(r) for r in records]


def test_export_writes_valid_marcxml_a_record_a_line(varied_catalogue, tmp_path):
    import xml.etree.ElementTree as ET

    out = tmp_path / "catalogue.xml"
    marc.export_marc(varied_catalogue, out)
    root = ET.parse(out).getroot()
    ns = {"m": "http://www.loc.gov/MARC21/slim"}
    assert len(root.findall("m:record", ns)) == 26
    assert out.read_text(encoding="utf-8").count("</record>\n<record>") == 25
    proof = next(
        r
        for r in root.findall("m:record", ns)
        if r.find("m:datafield[@tag='245']/m:subfield[@code='a']", ns).text == "Proof of the Man"
    )
    items = proof.findall("m:datafield[@tag='952']", ns)
    assert {i.find("m:subfield[@code='p']", ns).text for i in items} >= {"RR00044"}
    assert proof.find("m:datafield[@tag='300']/m:subfield[@code='a']", ns).text == "3 v."


def test_export_to_a_missing_folder_is_refused(supervisor, tmp_path):
    with pytest.raises(BadInput, match="does not exist"):
        marc.export_marc(supervisor, tmp_path / "nowhere" / "out.xml")


# -- command line -------------------------------------------------------------------------


@pytest.fixture
def signed_in(monkeypatch, db, supervisor):
    monkeypatch.setenv("READINGROOM_USER", "boss")
    monkeypatch.setenv("READINGROOM_PASSWORD", PASSWORD)
    close_database()
    return db


@pytest.mark.both_databases
def test_cli_import_marc_exit_codes_and_json(signed_in, capsys):
    db = str(signed_in)
    assert main(["--db", db, "import", "marc", str(DATA / "pymarc_bad_records.mrc")]) == 1
    assert "record 2 (byte 127)" in capsys.readouterr().err
    assert (
        main(
            [
                "--db",
                db,
                "import",
                "marc",
                str(DATA / "pymarc_bad_records.mrc"),
                "--skip-bad",
                "--copies",
                "1",
                "--json",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert (data["works_added"], data["copies_generated"], len(data["skipped"])) == (2, 2, 7)
    assert main(["--db", db, "import", "marc", str(DATA / "loc_records.mrc"), "--copies", "0"]) == 0
    assert "Imported 20 works and 0 copies" in capsys.readouterr().out


def test_cli_export_marc(signed_in, tmp_path, capsys):
    db = str(signed_in)
    assert main(["--db", db, "import", "marc", str(DATA / "koha_translations.mrc")]) == 0
    capsys.readouterr()
    out = tmp_path / "all.xml"
    assert main(["--db", db, "export", "marc", "--out", str(out), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "file": str(out),
        "format": "marcxml",
        "works": 4,
        "copies": 6,
    }
    assert out.read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>')


def test_a_lent_copy_exports_as_on_the_shelf(librarian, make_copy, make_borrower, tmp_path):
    make_copy("B1")
    make_borrower("W1")
    circulation.lend(librarian, "B1", "W1")
    marc.export_marc(librarian, tmp_path / "out.xml")
    record = next(r.record for r in marc.read_records(tmp_path / "out.xml"))
    assert [f.get("p") for f in record.get_fields("952")] == ["B1"]
    assert all(f.get(code) is None for f in record.get_fields("952") for code in "014")


def test_a_record_too_big_for_iso_2709_is_refused_and_marcxml_offered(librarian, tmp_path):
    from pymarc import Field, Record, Subfield, XMLWriter
    from pymarc.field import Indicators

    record = Record(leader="00000nam a2200000 c 4500", force_utf8=True)
    record.add_field(
        Field("100", Indicators("0", " "), [Subfield("a", "Union Catalogue")]),
        Field("245", Indicators("1", "0"), [Subfield("a", "A much-copied work")]),
        *(
            Field(
                "952",
                Indicators(" ", " "),
                [Subfield("p", f"BIG-{i:05d}"), Subfield("o", "Provincial store room 17")],
            )
            for i in range(3000)
        ),
    )
    source = tmp_path / "big.xml"
    with source.open("wb") as handle:
        writer = XMLWriter(handle)
        writer.write(record)
        writer.close(close_fh=False)
    assert marc.import_marc(librarian, source).copies_added == 3000
    with pytest.raises(BadInput, match="more than an ISO 2709 record can hold"):
        marc.export_marc(librarian, tmp_path / "big.mrc")
    assert not (tmp_path / "big.mrc").exists() and not (tmp_path / "big.mrc.part").exists()
    assert marc.export_marc(librarian, tmp_path / "big-again.xml").copies == 3000


def test_worker_processes_read_a_large_file_as_this_process_would(librarian, tmp_path, monkeypatch):
    """Big ISO 2709 files are decoded by a pool of processes: same records, same order,
    same problems (here on small files, with the size limit lowered)."""
    source = tmp_path / "mixed.mrc"
    source.write_bytes(
        b"".join(
            (DATA / name).read_bytes()
            for name in ("loc_records.mrc", "pymarc_bad_records.mrc", "koha_translations.mrc")
        )
    )
    alone = list(marc.mapped_records(source))
    monkeypatch.setattr(importing, "PARALLEL_FROM_BYTES", 0)
    monkeypatch.setattr(importing, "BATCH_RECORDS", 4)
    monkeypatch.setattr(importing.os, "cpu_count", lambda: 2)
    pooled = list(marc.mapped_records(source))
    assert pooled == alone and len(alone) == 32  # the cut record swallows the next one
    with pytest.raises(ImportFailed) as failed:
        marc.import_marc(librarian, source)
    assert len(failed.value.problems) == 7
    assert failed.value.problems[-1].startswith(
        "record 29 (byte 21305): its leader gives a length of '00127' but it ends after 741"
    )
    assert marc.import_marc(librarian, source, skip_bad=True).works_added == 25


def test_a_big_import_puts_every_copys_image_in_the_trail(librarian, monkeypatch):
    """A bulk-loaded import renders its copies' after-images from the table (their trigger
    is put back afterwards): the trail holds each copy as written, and a copy changed
    behind the program's back afterwards is still caught."""
    from readingroom import replay

    trigger = "SELECT sql FROM sqlite_master WHERE name = 'copy_image_insert'"
    before = database.execute_sql(trigger).fetchone()
    monkeypatch.setattr(importing, "BULK_FROM_WORKS", 1)
    result = marc.import_marc(librarian, DATA / "koha_translations.mrc")
    assert result.copies_added == 6
    assert database.execute_sql(trigger).fetchone() == before
    state = replay.trail_state(database)
    rows = database.execute_sql(f"SELECT id, {replay.image_sql('copy')} FROM copy").fetchall()
    assert len(rows) == 6 and all(state["copy"][str(i)] == image for i, image in rows)
    assert replay.compare() == ([], 0)
    database.execute_sql("DROP TRIGGER copy_image_update")
    database.execute_sql("UPDATE copy SET call_number = 'elsewhere' WHERE barcode = 'KOHA-0001'")
    differences, total = replay.compare()
    assert total == 1 and "call_number is 'elsewhere'" in differences[0]


def test_a_big_import_builds_the_indexes_once_and_keeps_every_rule(
    librarian, make_copy, monkeypatch
):
    """An import bigger than the catalogue is bulk-loaded (indexes dropped, rebuilt after):
    afterwards every index is back, search finds the works, and barcodes stay unique."""
    indexes = "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
    before = {name for (name,) in database.execute_sql(indexes)}
    monkeypatch.setattr(importing, "BULK_FROM_WORKS", 1)
    assert marc.import_marc(librarian, DATA / "loc_records.mrc").works_added == 20
    assert {name for (name,) in database.execute_sql(indexes)} == before
    assert [w.title for w in catalogue.search("pragmatic")] == ["The pragmatic programmer"]
    assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    make_copy("KOHA-0001")
    with pytest.raises(ImportFailed, match="bad record"):
        marc.import_marc(librarian, DATA / "koha_translations.mrc")
