"""Write the hand-made MARC samples of this folder (run: python tests/data/marc/make_samples.py).

The records imitate what library systems export: Koha's 952 item fields under records with
ISBD punctuation (leader/18 ``i``), MARCXML holdings in 852, and a few damaged files.
The files from pymarc's own test suite are copied as they are (see README.md).
"""

from __future__ import annotations

import zlib
from pathlib import Path

from pymarc import Field, MARCWriter, Record, Subfield, XMLWriter
from pymarc.field import Indicators

HERE = Path(__file__).resolve().parent


def field(tag: str, indicators: str, *pairs: str) -> Field:
    return Field(
        tag,
        Indicators(*indicators),
        [Subfield(pairs[i], pairs[i + 1]) for i in range(0, len(pairs), 2)],
    )


def record(fixed: str, *fields: Field, leader: str = "00000cam a2200000 i 4500") -> Record:
    made = Record(leader=leader, force_utf8=True)
    made.add_field(
        Field("001", data=f"koha{zlib.crc32(fixed.encode()) % 10**6:06d}"),
        Field("008", data=fixed),
        *fields,
    )
    return made


def koha_records() -> list[Record]:
    """Three translated novels and a reference book, as a Koha union catalogue exports them."""
    points = record(
        "890512s1989    kn            000 1 kor d",
        field("020", "  ", "a", "9788900000016 (hbk.)"),
        field("041", "1 ", "a", "kor", "h", "jpn"),
        field("100", "1 ", "a", "Matsumoto, Seichō,", "d", "1909-1992."),
        field("240", "10", "a", "Ten to sen.", "l", "Korean"),
        field(
            "245",
            "10",
            "a",
            "Points and lines /",
            "c",
            "Matsumoto Seichō ; translated by Yi Chŏng-hŭi.",
        ),
        field("264", " 1", "a", "Pyongyang :", "b", "문학예술출판사,", "c", "1989."),
        field("300", "  ", "a", "312 p. ;", "c", "21 cm"),
        field("500", "  ", "a", "Translation of: Ten to sen."),
        field("700", "1 ", "a", "이정희,", "e", "translator."),
        field(
            "952",
            "  ",
            "a",
            "CENTRAL",
            "b",
            "CENTRAL",
            "o",
            "Safe A/1",
            "p",
            "KOHA-0001",
            "y",
            "BK",
        ),
        field(
            "952",
            "  ",
            "a",
            "CENTRAL",
            "b",
            "CENTRAL",
            "o",
            "Safe A/1",
            "p",
            "KOHA-0002",
            "1",
            "4",
            "x",
            "condition: worn",
        ),
    )
    proof = record(
        "770301m19771978ja            000 1 kor d",
        field("041", "1 ", "a", "kor", "h", "jpn"),
        field("100", "1 ", "a", "Morimura, Seiichi."),
        field("240", "10", "a", "Ningen no shōmei."),
        field("245", "10", "a", "Proof of the man :", "b", "a novel /", "c", "Morimura Seiichi."),
        field("260", "  ", "a", "Pyongyang :", "b", "외국문도서출판사,", "c", "c1985."),
        field("300", "  ", "a", "3 v. ;", "c", "19 cm."),
        field("700", "1 ", "a", "최인숙.", "4", "trl"),
        field("952", "  ", "o", "Safe B/3", "p", "KOHA-0101", "h", "v.1", "x", "condition: ragged"),
        field("952", "  ", "o", "Safe B/3", "p", "KOHA-0102", "h", "v.2", "4", "1"),
        field("952", "  ", "o", "Safe B/3", "p", "KOHA-0103", "h", "v.3", "0", "1"),
        field("952", "  ", "o", "Safe B/3", "h", "v.3"),  # an item not yet barcoded
    )
    wuthering = record(
        "850101s1985    kn            000 1 kor d",
        field("041", "1 ", "a", "kor", "h", "eng"),
        field("100", "1 ", "a", "Brontë, Emily,", "d", "1818-1848."),
        field("240", "10", "a", "Wuthering Heights."),
        field("245", "10", "a", "Wuthering heights."),
        field("260", "  ", "b", "문학예술출판사,", "c", "1985."),
        field("700", "1 ", "a", "정은미", "e", "tr."),
    )
    reference = record(
        "960101s1996    kn            000 0 kor d",
        field("110", "2 ", "a", "Writers' Union.", "b", "Translation Section."),
        field("245", "10", "a", "Guide for translators of foreign fiction."),
        field("264", " 1", "b", "교육도서출판사,", "c", "[1996]"),
        field("952", "  ", "p", "KOHA-0201", "c", "REF"),
    )
    return [points, proof, wuthering, reference]


def holdings_records() -> list[Record]:
    """MARCXML with holdings in 852, as a union catalogue's holdings export has them."""
    decameron = record(
        "830101s1983    kn            000 1 kor d",
        field("041", "1 ", "a", "kor", "h", "ita"),
        field("100", "0 ", "a", "Boccaccio, Giovanni,", "d", "1313-1375."),
        field("240", "10", "a", "Decameron."),
        field("245", "10", "a", "The Decameron /", "c", "Giovanni Boccaccio."),
        field("300", "  ", "a", "2 v."),
        field("852", "  ", "b", "Provincial Branch", "c", "Safe C", "p", "HOLD-0001", "3", "v.1"),
        field("852", "  ", "b", "Provincial Branch", "c", "Safe C", "p", "HOLD-0002", "3", "v.2"),
    )
    return [decameron]


def write_mrc(name: str, records: list[Record]) -> None:
    with (HERE / name).open("wb") as handle:
        writer = MARCWriter(handle)
        for item in records:
            writer.write(item)
        writer.close(close_fh=False)


def write_xml(name: str, records: list[Record]) -> None:
    with (HERE / name).open("wb") as handle:
        writer = XMLWriter(handle)
        for item in records:
            writer.write(item)
            handle.write(b"\n")
        writer.close(close_fh=False)


def main() -> None:
    good = koha_records()
    write_mrc("koha_translations.mrc", good)
    write_xml("holdings_852.xml", holdings_records())
    # damaged files: every one holds good records around the bad ones
    write_mrc("duplicate_barcodes.mrc", [good[0], good[3], good[0]])
    no_title = record(
        "960101s1996    kn            000 0 kor d",
        field("100", "1 ", "a", "Nobody, Anne."),
        field("952", "  ", "p", "KOHA-0900"),
    )
    bad_barcode = record(
        "960101s1996    kn            000 0 kor d",
        field("100", "1 ", "a", "Somebody, Bert."),
        field("245", "10", "a", "Spaces in the barcode."),
        field("952", "  ", "p", "KOHA 0901"),
    )
    write_mrc("bad_fields.mrc", [good[0], no_title, good[1], bad_barcode, good[3]])
    whole = b"".join(item.as_marc() for item in good)
    (HERE / "truncated.mrc").write_bytes(whole[: len(whole) - 200])
    xml = (HERE / "holdings_852.xml").read_bytes()
    (HERE / "not_wellformed.xml").write_bytes(xml[: len(xml) // 2])


if __name__ == "__main__":
    main()
