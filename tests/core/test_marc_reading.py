"""The import's own reading of UTF-8 records (``reading.utf8_record``) gives exactly what
pymarc gives, record by record, on every real file in tests/data/marc and on a damaged
record of each kind pymarc warns of or refuses (those are left to pymarc)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from pymarc import Record

from readingroom.marc import reading

DATA = Path(__file__).resolve().parents[1] / "data" / "marc"


def shape(record: Record) -> tuple:
    return (
        str(record.leader),
        [
            (
                f.tag,
                f.control_field,
                f.data,
                tuple(f.indicators) if f.indicators else None,
                [tuple(s) for s in f.subfields],
            )
            for f in record.fields
        ],
    )


def chunks() -> list[tuple[str, bytes]]:
    found = []
    for path in sorted(DATA.glob("*.mrc")):
        with path.open("rb") as handle:
            found += [(f"{path.name} #{n}", c) for n, _, c in reading.iso2709_chunks(handle)]
    return found


def test_every_real_record_is_read_as_pymarc_reads_it():
    read = 0
    for place, chunk in chunks():
        ours = reading.utf8_record(chunk)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                theirs = Record(data=chunk, force_utf8=True)
        except Exception:  # noqa: BLE001 - any refusal: ours must leave it to pymarc
            assert ours is None, place
            continue
        if ours is not None:
            read += 1
            assert shape(ours) == shape(theirs), place
    assert read >= 30  # most real records are regular: the fast reading is the usual one


def good() -> bytes:
    from pymarc import Field, Indicators, Subfield

    record = Record(leader="00000nam a2200000 c 4500", force_utf8=True)
    record.add_field(
        Field("001", data="rr-1"),
        Field(
            "245",
            Indicators("1", "0"),
            [Subfield("a", "Points and lines"), Subfield("b", "점과 선")],
        ),
    )
    return record.as_marc()


GOOD = good()


@pytest.mark.parametrize(
    "damage",
    [
        lambda c: c[:35] + c[36:],  # a directory not in entries of 12
        lambda c: c.replace(b"\x1e10\x1fa", b"\x1e1\x1fa"),  # one indicator
        lambda c: c.replace(b"\x1e10\x1fa", b"\x1e100\x1fa"),  # three indicators
        lambda c: c.replace(b"Points", b"Po\xffnt"),  # not UTF-8
        lambda c: c[:12] + b"99999" + c[17:],  # a base address past the end
        lambda c: b"x" + c[1:],  # a record length that is no number
    ],
)
def test_a_damaged_record_is_left_to_pymarc(damage):
    assert reading.utf8_record(GOOD) is not None
    assert reading.utf8_record(damage(GOOD)) is None


def test_a_record_read_the_fast_way_maps_as_before():
    from readingroom.marc.mapping import work_from_record

    record = reading.utf8_record(GOOD)
    assert record is not None
    assert shape(record) == shape(Record(data=GOOD, force_utf8=True))
    assert work_from_record(record).values["title"] == "Points and lines"


def mapped(read) -> object:
    """What the mapping makes of a record read one way or the other: the work, or why not."""
    from readingroom.errors import BadInput

    try:
        return read()
    except BadInput as refused:
        return refused.message


def test_every_real_record_read_plain_maps_as_pymarcs_record():
    """The import maps a regular record from the fields it read from the bytes
    (``reading.plain_record``), never through pymarc's objects: the same work, copies,
    identifiers and refusals as pymarc's record of it gives."""
    from readingroom.marc.mapping import work_from_fields, work_from_record

    compared = 0
    for place, chunk in chunks():
        plain = reading.plain_record(chunk)
        if plain is None:
            continue
        theirs = Record(data=chunk, force_utf8=True)
        ours = mapped(lambda plain=plain: work_from_fields(*plain))
        assert ours == mapped(lambda theirs=theirs: work_from_record(theirs)), place
        compared += 1
    assert compared >= 30
