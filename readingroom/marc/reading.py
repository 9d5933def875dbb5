"""Reading MARC files: ISO 2709 (``.mrc``) and MARCXML, record by record, with pymarc.

ISO 2709 records are split on the end-of-record mark (so one damaged record never hides the
next) and each is checked before pymarc decodes it: its length against its leader, its
subfield codes, its character encoding (MARC-8 or UTF-8, also UTF-8 under a leader that says
MARC-8). MARCXML is streamed through pymarc's SAX handler. A record that cannot be read is
named by its position (record number and byte offset, or line) and the reason.
"""

from __future__ import annotations

import io
import logging
import re
import xml.sax
from collections.abc import Iterator, Sequence
from contextlib import redirect_stderr
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, NamedTuple
from xml.sax import expatreader
from xml.sax.handler import feature_namespaces
from xml.sax.xmlreader import AttributesNSImpl

from pymarc import Field, Indicators, Leader, Record, Subfield, marc8_mapping
from pymarc import exceptions as marc_errors
from pymarc.marcxml import XmlHandler

from readingroom.errors import BadInput, os_problem
from readingroom.messages import Text, said

# pymarc reports odd indicators through logging; a library keeps quiet unless asked.
logging.getLogger("pymarc").addHandler(logging.NullHandler())

#: MARC-8 graphic sets pymarc knows only in the upper half (Extended Arabic, Extended
#: Cyrillic), and the non-Latin sets whose table lacks the space
_UPPER_HALF_SETS = (0x34, 0x51)
_NON_LATIN_SETS = (0x32, 0x33, 0x34, 0x4E, 0x51, 0x53)
SPACE = 0x20


def _complete_marc8_tables() -> None:
    """Fill two gaps in pymarc's MARC-8 tables that real records fall into, adding only
    characters pymarc has no mapping for (nothing it reads is read differently):

    - the space between the words of a Hebrew, Arabic, Cyrillic or Greek run (Evergreen's
      and MARC::Charset's Hebrew samples): pymarc complains that it cannot read it, and
      puts the space it is;
    - Extended Cyrillic and Extended Arabic designated as G0 (``ESC ( Q``), whose
      characters then come in the lower half (MARC::Charset's Serbian sample): pymarc's
      tables hold only the upper half, and it put spaces for the letters.

    What pymarc still cannot read (a byte no set holds, text in another encoding) is a
    complaint, and the record is refused (:func:`marc8_read_whole`).
    """
    for charset in _NON_LATIN_SETS:
        table = marc8_mapping.CODESETS.get(charset)
        if table is None:
            continue
        if charset in _UPPER_HALF_SETS:
            for code, mapped in list(table.items()):
                if code >= 0xA0:
                    table.setdefault(code - 0x80, mapped)
        table.setdefault(SPACE, (SPACE, False))


_complete_marc8_tables()

END_OF_RECORD = b"\x1d"
_BAD_SUBFIELD_CODE = re.compile(rb"\x1f[\x80-\xff]")
READ_BLOCK = 1 << 20


@dataclass(frozen=True)
class RawRecord:
    """One record of a file as read: parsed, or the reason it could not be."""

    number: int
    place: Text
    record: Record | None = None
    problem: str = ""
    fatal: bool = False
    #: the record read straight from its bytes (asked of :func:`decode` by the import),
    #: instead of ``record``
    plain: PlainRecord | None = None


def read_records(path: str | Path) -> Iterator[RawRecord]:
    """Every record of an ISO 2709 (``.mrc``) or MARCXML file, in order, streamed."""
    with open_file(Path(path)) as handle:
        reader = xml_records if is_xml(handle) else iso2709_records
        yield from reader(handle)


def open_file(path: Path) -> IO[bytes]:
    try:
        return path.open("rb")
    except OSError as exc:
        raise BadInput(
            said("Cannot read {path}: {problem}.", path=str(path), problem=os_problem(exc))
        ) from None


def is_xml(handle: IO[bytes]) -> bool:
    """Whether the file is MARCXML (it starts with ``<``) rather than ISO 2709."""
    head = handle.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    handle.seek(0)
    return head.startswith(b"<")


def iso2709_chunks(handle: IO[bytes]) -> Iterator[tuple[int, int, bytes]]:
    """``(number, byte offset, bytes)`` of each record, split on the end-of-record mark so
    one damaged record never hides the next (a last piece without the mark comes too)."""
    number, offset, buffer = 0, 0, b""
    while block := handle.read(READ_BLOCK):
        buffer += block
        start = 0
        while (end := buffer.find(END_OF_RECORD, start)) >= 0:
            chunk = buffer[start : end + 1]
            skipped = len(chunk) - len(chunk.lstrip())
            if chunk[skipped:] != END_OF_RECORD:
                number += 1
                yield number, offset + start + skipped, chunk[skipped:]
            start = end + 1
        offset += start
        buffer = buffer[start:]
    if buffer.strip():
        skipped = len(buffer) - len(buffer.lstrip())
        yield number + 1, offset + skipped, buffer[skipped:]


def iso2709_records(handle: IO[bytes], *, plain: bool = False) -> Iterator[RawRecord]:
    for number, offset, chunk in iso2709_chunks(handle):
        yield decode(number, offset, chunk, plain=plain)


def decode(number: int, offset: int, chunk: bytes, *, plain: bool = False) -> RawRecord:
    """One record of an ISO 2709 file read, or the reason it cannot be; ``plain``: a
    regular UTF-8 record as :class:`PlainRecord` (the import maps it without pymarc's
    objects), anything else as pymarc reads it."""
    place = record_place(number, offset=offset)
    if not chunk.endswith(END_OF_RECORD):
        return RawRecord(
            number, place, problem=said("the file ends inside this record (no end-of-record mark)")
        )
    declared = chunk[:5]
    if not declared.isdigit() or int(declared) != len(chunk):
        return RawRecord(
            number,
            place,
            problem=said(
                "its leader gives a length of {declared} but it ends after {length} bytes (cut "
                "short or run into the next record?)",
                declared=repr(declared.decode("ascii", "replace")),
                length=len(chunk),
            ),
        )
    bad_code = _BAD_SUBFIELD_CODE.search(chunk)
    if bad_code:
        return RawRecord(
            number,
            place,
            problem=said(
                "a subfield code that is not ASCII (at byte {at} of the record)",
                at=bad_code.start() + 1,
            ),
        )
    try:
        if chunk[9:10] == b"a" or _utf8_without_flag(chunk):
            if plain and (found := plain_record(chunk)) is not None:
                return RawRecord(number, place, plain=found)
            record = utf8_record(chunk) or Record(data=chunk, force_utf8=True)
            return RawRecord(number, place, record)
        # pymarc's MARC-8 decoder only says what it could not read on stderr (it puts a
        # space instead), so that is where a wrongly encoded record shows itself.
        with redirect_stderr(io.StringIO()) as complaints:
            record = Record(data=chunk, to_unicode=True)
        if not marc8_read_whole(complaints.getvalue()):
            return RawRecord(
                number,
                place,
                problem=said(
                    "text that is not valid MARC-8 (the leader says MARC-8: another encoding?)"
                ),
            )
        return RawRecord(number, place, record)
    except UnicodeDecodeError as exc:
        if exc.encoding == "ascii":
            return RawRecord(
                number,
                place,
                problem=said("the leader or directory holds bytes that are not ASCII"),
            )
        return RawRecord(
            number,
            place,
            problem=said(
                "text that is not valid {encoding} (byte {at} of a field)",
                encoding=exc.encoding,
                at=exc.start,
            ),
        )
    except (marc_errors.PymarcException, ValueError, IndexError) as exc:
        return RawRecord(number, place, problem=_reason(exc))


class PlainField(NamedTuple):
    """A field read straight from a record's bytes (:func:`plain_record`): what the mapping
    reads of pymarc's ``Field`` (``tag``, ``data``, ``control_field``, ``indicator1``,
    ``subfields`` as ``(code, value)`` pairs, ``get``, ``get_subfields``), made in one call
    instead of an object and its attributes. ``data`` is a control field's text, None in a
    data field."""

    tag: str
    data: str | None
    indicators: str | None
    subfields: Sequence[tuple[str, str]]

    @property
    def control_field(self) -> bool:
        return self.data is not None

    @property
    def indicator1(self) -> str:
        return self.indicators[0] if self.indicators else ""

    def get(self, code: str) -> str | None:
        """The first subfield ``code``'s value, or None."""
        for found, value in self.subfields:
            if found == code:
                return value
        return None

    def get_subfields(self, *codes: str) -> list[str]:
        return [value for code, value in self.subfields if code in codes]


class PlainRecord(NamedTuple):
    leader: str
    fields: list[PlainField]


#: a named tuple (``PlainField``, ``Subfield``, ``Indicators``) made as ``tuple.__new__``
#: makes it: the same object as its class's own constructor gives, without that
#: constructor's Python call
_new_tuple = tuple.__new__
_new_field = Field.__new__
_FIELD_MARK = "\x1f"
_NO_SUBFIELDS: tuple[tuple[str, str], ...] = ()


def plain_record(chunk: bytes) -> PlainRecord | None:
    """A well-formed UTF-8 record's leader and fields, read as pymarc reads them
    (``Record(data=chunk, force_utf8=True)``: the same fields, indicators, subfields and
    leader, see :func:`utf8_record`), in a fraction of its time (pymarc checks and builds
    each field through the general path); None when anything is out of the ordinary (a
    directory or indicator pymarc would warn of or refuse, text that is not UTF-8), so
    pymarc reads it and says what is wrong.

    The import of a national library's file spends most of its time reading and mapping
    records (see docs/PERFORMANCE.md)."""
    try:
        leader = chunk[:24].decode("ascii")
        base = int(chunk[12:17])
        directory = chunk[24 : base - 1].decode("ascii")
        if len(leader) != 24 or not 0 < base < len(chunk) or len(directory) % 12:
            return None
        if int(leader[:5]) > len(chunk) or _BAD_SUBFIELD_CODE.search(chunk):
            return None  # pymarc: truncated, or a subfield code it decodes on its own
        fields: list[PlainField] = []
        for at in range(0, len(directory), 12):
            tag = directory[at : at + 3]
            start = base + int(directory[at + 7 : at + 12])
            # a field decoded whole: a subfield mark (0x1F) is never inside a UTF-8
            # character, and every subfield code is ASCII (checked above)
            data = chunk[start : start + int(directory[at + 3 : at + 7]) - 1].decode("utf-8")
            if tag < "010" and tag.isdigit():
                fields.append(_new_tuple(PlainField, (tag, data, None, _NO_SUBFIELDS)))
                continue
            indicators, *parts = data.split(_FIELD_MARK)
            if len(indicators) != 2 or not indicators.isascii() or not tag.isalnum():
                return None
            subfields = [(part[0], part[1:]) for part in parts if part]
            fields.append(_new_tuple(PlainField, (tag, None, indicators, subfields)))
    except (ValueError, IndexError):  # UnicodeDecodeError is a ValueError
        return None
    return PlainRecord(leader, fields) if fields else None


def utf8_record(chunk: bytes) -> Record | None:
    """:func:`plain_record`'s reading as pymarc's own ``Record``: what pymarc's
    ``Record(data=chunk, force_utf8=True)`` gives, or None (tested field by field against
    pymarc on every real file)."""
    found = plain_record(chunk)
    if found is None:
        return None
    fields: list[Field] = []
    for plain in found.fields:
        field = _new_field(Field)
        field.tag, field.data, field.control_field = plain.tag, plain.data, plain.control_field
        if plain.indicators is None:
            field._indicators, field.subfields = None, []
        else:
            field._indicators = _new_tuple(Indicators, plain.indicators)
            field.subfields = [_new_tuple(Subfield, pair) for pair in plain.subfields]
        fields.append(field)
    record = Record(fields=fields, force_utf8=True)
    record.leader = Leader(found.leader)
    return record


#: what pymarc says of a byte its MARC-8 tables lack in the character set in force
_UNREADABLE = re.compile(r"Unable to parse character 0x([0-9a-f]+) in g0=")


def marc8_read_whole(complaints: str) -> bool:
    """Whether pymarc's MARC-8 decoding, by what it complained of, gave every character.

    Decided by the result, not by the complaint: pymarc puts a space where it could not read
    a byte, so a complaint about a space (0x20 in a set whose table lacks it) left the text
    exactly as written. Any other byte was lost: a damaged character, or text in another
    encoding under a leader that says MARC-8.
    """
    if not complaints:
        return True
    lines = complaints.splitlines()
    return all((found := _UNREADABLE.match(line)) and found.group(1) == "20" for line in lines)


def _utf8_without_flag(chunk: bytes) -> bool:
    """UTF-8 text under a leader that says MARC-8 (common in exports; MARC-8 diacritics
    are almost never valid UTF-8)."""
    if chunk.isascii():
        return False
    try:
        chunk.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


_NOT_24 = said("the leader is not 24 characters")
_REASONS = (
    (marc_errors.RecordLeaderInvalid, _NOT_24),
    (marc_errors.BaseAddressNotFound, said("the leader gives no base address for the data")),
    (
        marc_errors.BaseAddressInvalid,
        said("the base address in the leader lies beyond the record"),
    ),
    (marc_errors.RecordDirectoryInvalid, said("the directory of fields is damaged")),
    (marc_errors.NoFieldsFound, said("the record has no fields")),
    (
        marc_errors.TruncatedRecord,
        said("the record is shorter than its leader says (truncated)"),
    ),
)


def _reason(exc: Exception) -> Text:
    for kind, reason in _REASONS:
        if isinstance(exc, kind):
            return reason
    return said("the leader or directory is damaged ({problem})", problem=str(exc))


def record_place(number: int, *, offset: int | None = None, line: int | None = None) -> Text:
    """Where a record is in its file: ``record 5 (byte 509)`` in ISO 2709 (the byte it
    starts at), ``record 5 (line 12)`` in MARCXML."""
    if line is not None:
        return said("record {number} (line {line})", number=number, line=line)
    return said("record {number} (byte {offset})", number=number, offset=offset or 0)


class _XmlRecords(XmlHandler):
    """pymarc's MARCXML handler, noting where each record starts and what broke in it.

    pymarc leaves XmlHandler's methods unannotated, and mypy's ``untyped_calls_exclude``
    does not reach calls through ``super()``: hence the three ``no-untyped-call`` ignores.
    """

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.ready: list[tuple[int, Record | None, str]] = []
        self._line = 0
        self._problem: Text | None = None
        self._locator: Any = None

    def setDocumentLocator(self, locator: Any) -> None:  # noqa: N802 - SAX API
        self._locator = locator

    def startElementNS(  # noqa: N802 - SAX API
        self, name: tuple[str | None, str], qname: str | None, attrs: AttributesNSImpl
    ) -> None:
        if name[1] == "record":
            self._line = self._locator.getLineNumber() if self._locator else 0
            self._problem = None
        try:
            super().startElementNS(name, qname, attrs)  # type: ignore[no-untyped-call]
        except (KeyError, ValueError, marc_errors.PymarcException) as exc:
            self._problem = self._problem or said(
                "a {element} element lacks {what}", element=name[1], what=str(exc)
            )

    def endElementNS(  # noqa: N802 - SAX API
        self, name: tuple[str | None, str], qname: str | None
    ) -> None:
        if name[1] == "record" and self._problem:
            self.ready.append((self._line, None, self._problem))
            self._record = None
            return
        try:
            super().endElementNS(name, qname)  # type: ignore[no-untyped-call]
        except marc_errors.RecordLeaderInvalid:
            self._problem = self._problem or _NOT_24
        except (KeyError, ValueError, TypeError, marc_errors.PymarcException) as exc:
            self._problem = self._problem or said(
                "a bad {element} element ({problem})", element=name[1], problem=str(exc)
            )

    def process_record(self, record: Record) -> None:
        self.ready.append((self._line, record, ""))

    def take(self) -> list[tuple[int, Record | None, str]]:
        ready, self.ready = self.ready, []
        return ready


def xml_records(handle: IO[bytes]) -> Iterator[RawRecord]:
    handler = _XmlRecords()
    parser = expatreader.create_parser()  # what make_parser() gives, typed as incremental
    parser.setContentHandler(handler)
    parser.setFeature(feature_namespaces, 1)
    handler.setDocumentLocator(parser)  # feed() (unlike parse()) never hands one over
    number = 0

    def emit() -> Iterator[RawRecord]:
        nonlocal number
        for line, record, problem in handler.take():
            number += 1
            yield RawRecord(number, record_place(number, line=line), record, problem)

    try:
        while block := handle.read(READ_BLOCK):
            parser.feed(block)
            yield from emit()
        parser.close()
        yield from emit()
    except xml.sax.SAXParseException as exc:
        yield from emit()
        yield RawRecord(
            number + 1,
            said(
                "line {line}, column {column}",
                line=exc.getLineNumber() or 0,
                column=exc.getColumnNumber() or 0,
            ),
            problem=said(
                "the file is not well-formed XML ({problem}); nothing after this point can be read",
                problem=exc.getMessage(),
            ),
            fatal=True,
        )
