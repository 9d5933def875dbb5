"""MARC 21 in and out: ISO 2709 and MARCXML records as works and copies (with pymarc).

Import reads the whole file before writing anything. Each record is mapped and validated
with the catalogue's own helpers, and the good ones are staged in temporary tables (so a
national catalogue of a quarter of a million records keeps memory flat and the database
unlocked while it is read). Then one write transaction checks barcodes against the file
and the catalogue, writes every work and copy and records one audit entry. A malformed
record is named by its position and reason; unless ``skip_bad`` is given nothing is
imported.

What is read (import)           MARC 21
------------------------------  ------------------------------------------------------------
title, subtitle                 245 $a ($n $p), 245 $b
author                          100 $a, else 110/111 $a, else the first non-translator
                                700/710 $a, else 245 $c
original title                  240 $a, else 130 $a
original language               041 $h (language of the original of a translation), else
                                008/35-37, else 041 $a; MARC codes become ISO 639-1 codes
translator                      700/710 $a whose relator is "translator" ($e) or trl ($4)
publisher, year                 264 $b $c, else 260 $b $c; year else 008/07-10
ISBN, notes                     020 $a, 500 $a
volumes                         300 $a "N v."; raised to the highest item volume
access class                    959 $a (Reading Room's local field), else lendable
copies                          Koha items 952 ($p barcode, $o call number/location or $c,
                                $h "v.N" volume, $0 withdrawn, $1 lost (4 = missing),
                                $4 damaged, $x "condition: GRADE"); holdings 852 ($p barcode,
                                $b / $c location, $3 "v.N")

Records whose leader says ISBD punctuation is present (leader/18 ``a`` or ``i``) have the
punctuation between elements removed; the records this module writes say it is omitted
(``c``), so their text is taken exactly and a catalogue exported here imports back
unchanged. Loans are not catalogue data: a copy on loan or set aside is exported, and comes
back, as available.
"""

from __future__ import annotations

import io
import logging
import multiprocessing
import os
import re
import xml.sax
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager, redirect_stderr
from dataclasses import dataclass, field
from itertools import islice
from operator import itemgetter
from pathlib import Path
from typing import IO, Any, NamedTuple
from xml.sax.handler import feature_namespaces

from peewee import IntegrityError
from pymarc import Field, Record, Subfield, XMLWriter
from pymarc import exceptions as marc_errors
from pymarc.field import Indicators
from pymarc.marcxml import XmlHandler

from readingroom import audit, clock
from readingroom.catalogue import (
    check_barcode,
    check_choice,
    clean_text,
    parse_positive,
    work_values,
)
from readingroom.db import database, read_transaction, write_transaction
from readingroom.errors import BadInput, ImportFailed
from readingroom.models import CONDITIONS
from readingroom.staff import require, require_desk

# pymarc reports odd indicators through logging; a library keeps quiet unless asked.
logging.getLogger("pymarc").addHandler(logging.NullHandler())

END_OF_RECORD = b"\x1d"
_BAD_SUBFIELD_CODE = re.compile(rb"\x1f[\x80-\xff]")
READ_BLOCK = 1 << 20
STAGE_BATCH = 2_000
LOCAL_TAG = "959"
#: printf pattern of a generated barcode: work id, volume, copy number
GENERATED_BARCODE = "W%07d-%d-%d"

#: MARC language codes and their ISO 639-1 equivalents (the catalogue stores the latter)
MARC_LANGUAGES = {
    "ara": "ar", "bul": "bg", "chi": "zh", "cze": "cs", "dan": "da", "dut": "nl",
    "eng": "en", "est": "et", "fin": "fi", "fre": "fr", "ger": "de", "gre": "el",
    "heb": "he", "hin": "hi", "hrv": "hr", "hun": "hu", "ice": "is", "ita": "it",
    "jpn": "ja", "kor": "ko", "lat": "la", "lav": "lv", "lit": "lt", "mon": "mn",
    "nor": "no", "per": "fa", "pol": "pl", "por": "pt", "rum": "ro", "rus": "ru",
    "slo": "sk", "slv": "sl", "spa": "es", "srp": "sr", "swe": "sv", "tha": "th",
    "tur": "tr", "ukr": "uk", "vie": "vi",
}
ISO_LANGUAGES = {iso: marc for marc, iso in MARC_LANGUAGES.items()}
NO_LANGUAGE = {"", "und", "zxx", "|||", "   ", "^^^"}

KOHA_STATUS = (("0", "withdrawn"), ("1", "lost"), ("4", "damaged"))
KOHA_MISSING = "4"  # Koha's LOST authorised value for "Missing"


# -- reading records ------------------------------------------------------------------------

@dataclass(frozen=True)
class RawRecord:
    """One record of a file as read: parsed, or the reason it could not be."""

    number: int
    place: str
    record: Record | None = None
    problem: str = ""
    fatal: bool = False


def read_records(path: str | Path) -> Iterator[RawRecord]:
    """Every record of an ISO 2709 (``.mrc``) or MARCXML file, in order, streamed."""
    with _open(Path(path)) as handle:
        reader = _xml_records if _is_xml(handle) else _iso2709_records
        yield from reader(handle)


def _open(path: Path) -> IO[bytes]:
    try:
        return path.open("rb")
    except OSError as exc:
        raise BadInput(f"Cannot read {path}: {exc.strerror or exc}.") from None


def _is_xml(handle: IO[bytes]) -> bool:
    """Whether the file is MARCXML (it starts with ``<``) rather than ISO 2709."""
    head = handle.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    handle.seek(0)
    return head.startswith(b"<")


def _iso2709_chunks(handle: IO[bytes]) -> Iterator[tuple[int, int, bytes]]:
    """``(number, byte offset, bytes)`` of each record, split on the end-of-record mark so
    one damaged record never hides the next (a last piece without the mark comes too)."""
    number, offset, buffer = 0, 0, b""
    while block := handle.read(READ_BLOCK):
        buffer += block
        start = 0
        while (end := buffer.find(END_OF_RECORD, start)) >= 0:
            chunk = buffer[start:end + 1]
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


def _iso2709_records(handle: IO[bytes]) -> Iterator[RawRecord]:
    for number, offset, chunk in _iso2709_chunks(handle):
        yield _decode(number, offset, chunk)


def _decode(number: int, offset: int, chunk: bytes) -> RawRecord:
    place = f"record {number} (byte {offset})"
    if not chunk.endswith(END_OF_RECORD):
        return RawRecord(number, place, problem="the file ends inside this record (no "
                                                "end-of-record mark)")
    declared = chunk[:5]
    if not declared.isdigit() or int(declared) != len(chunk):
        return RawRecord(number, place, problem=f"its leader gives a length of "
                                                f"{declared.decode('ascii', 'replace')!r} but "
                                                f"it ends after {len(chunk)} bytes (cut short "
                                                "or run into the next record?)")
    bad_code = _BAD_SUBFIELD_CODE.search(chunk)
    if bad_code:
        return RawRecord(number, place, problem=f"a subfield code that is not ASCII "
                                                f"(at byte {bad_code.start() + 1} of the record)")
    try:
        if chunk[9:10] == b"a" or _utf8_without_flag(chunk):
            return RawRecord(number, place, Record(data=chunk, force_utf8=True))
        # pymarc's MARC-8 decoder only says what it could not read on stderr (it puts a
        # space instead), so that is where a wrongly encoded record shows itself.
        with redirect_stderr(io.StringIO()) as complaints:
            record = Record(data=chunk, to_unicode=True)
        if complaints.getvalue():
            return RawRecord(number, place, problem="text that is not valid MARC-8 (the "
                                                    "leader says MARC-8: another encoding?)")
        return RawRecord(number, place, record)
    except UnicodeDecodeError as exc:
        if exc.encoding == "ascii":
            return RawRecord(number, place, problem="the leader or directory holds bytes "
                                                    "that are not ASCII")
        return RawRecord(number, place, problem=f"text that is not valid {exc.encoding} "
                                                f"(byte {exc.start} of a field)")
    except (marc_errors.PymarcException, ValueError, IndexError) as exc:
        return RawRecord(number, place, problem=_reason(exc))


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


_REASONS = (
    (marc_errors.RecordLeaderInvalid, "the leader is not 24 characters"),
    (marc_errors.BaseAddressNotFound, "the leader gives no base address for the data"),
    (marc_errors.BaseAddressInvalid, "the base address in the leader lies beyond the record"),
    (marc_errors.RecordDirectoryInvalid, "the directory of fields is damaged"),
    (marc_errors.NoFieldsFound, "the record has no fields"),
    (marc_errors.TruncatedRecord, "the record is shorter than its leader says (truncated)"),
)


def _reason(exc: Exception) -> str:
    for kind, reason in _REASONS:
        if isinstance(exc, kind):
            return reason
    return f"the leader or directory is damaged ({exc})"


class _XmlRecords(XmlHandler):
    """pymarc's MARCXML handler, noting where each record starts and what broke in it."""

    def __init__(self) -> None:
        super().__init__()
        self.ready: list[tuple[int, Record | None, str]] = []
        self._line = 0
        self._problem = ""
        self._locator: Any = None

    def setDocumentLocator(self, locator: Any) -> None:  # noqa: N802 - SAX API
        self._locator = locator

    def startElementNS(self, name, qname, attrs) -> None:  # noqa: N802 - SAX API
        if name[1] == "record":
            self._line = self._locator.getLineNumber() if self._locator else 0
            self._problem = ""
        try:
            super().startElementNS(name, qname, attrs)
        except (KeyError, ValueError, marc_errors.PymarcException) as exc:
            self._problem = self._problem or f"a {name[1]} element lacks {exc}"

    def endElementNS(self, name, qname) -> None:  # noqa: N802 - SAX API
        if name[1] == "record" and self._problem:
            self.ready.append((self._line, None, self._problem))
            self._record = None
            return
        try:
            super().endElementNS(name, qname)
        except marc_errors.RecordLeaderInvalid:
            self._problem = self._problem or "the leader is not 24 characters"
        except (KeyError, ValueError, TypeError, marc_errors.PymarcException) as exc:
            self._problem = self._problem or f"a bad {name[1]} element ({exc})"

    def process_record(self, record: Record) -> None:
        self.ready.append((self._line, record, ""))

    def take(self) -> list[tuple[int, Record | None, str]]:
        ready, self.ready = self.ready, []
        return ready


def _xml_records(handle: IO[bytes]) -> Iterator[RawRecord]:
    handler = _XmlRecords()
    parser = xml.sax.make_parser()
    parser.setContentHandler(handler)
    parser.setFeature(feature_namespaces, 1)
    handler.setDocumentLocator(parser)  # feed() (unlike parse()) never hands one over
    number = 0

    def emit() -> Iterator[RawRecord]:
        nonlocal number
        for line, record, problem in handler.take():
            number += 1
            yield RawRecord(number, f"record {number} (line {line})", record, problem)

    try:
        while block := handle.read(READ_BLOCK):
            parser.feed(block)
            yield from emit()
        parser.close()
        yield from emit()
    except xml.sax.SAXParseException as exc:
        yield from emit()
        yield RawRecord(number + 1, f"line {exc.getLineNumber()}, column "
                                    f"{exc.getColumnNumber()}",
                        problem=f"the file is not well-formed XML ({exc.getMessage()}); "
                                "nothing after this point can be read", fatal=True)


# -- a record as a work and its copies --------------------------------------------------------

class MarcCopy(NamedTuple):
    barcode: str
    volume: int
    location: str
    status: str
    condition: str


@dataclass(frozen=True)
class MarcWork:
    """A record mapped to a work's validated column values and its barcoded copies."""

    values: dict[str, Any]
    copies: tuple[MarcCopy, ...]


_SEPARATORS = re.compile(r"[\s/:;,=]+$")
_KEEP_PERIOD = re.compile(r"(?:\b\w{1,2}|\b(?:Inc|Ltd|Bros|Mrs|etc|\.\.))\.$")
_VOLUMES = re.compile(r"^\s*(\d+)\s*v(?:ol|\b|\.)", re.IGNORECASE)
_VOLUME = re.compile(r"v(?:ol)?\.?\s*(\d+)", re.IGNORECASE)
_YEAR = re.compile(r"\d{4}")
_ISBN = re.compile(r"[0-9Xx][0-9Xx-]*")
_CONDITION = re.compile(r"condition:\s*(\w+)", re.IGNORECASE)


class _Fields:
    """A record's fields by tag (one pass over the record) and its punctuation convention."""

    def __init__(self, record: Record):
        self.by_tag: dict[str, list[Field]] = {}
        for item in record.fields:
            self.by_tag.setdefault(item.tag, []).append(item)
        leader = str(record.leader)
        # Leader/18 "c" says ISBD punctuation is omitted (as in our own records).
        self.isbd = len(leader) < 19 or leader[18] != "c"

    def all(self, *tags: str) -> list[Field]:
        return [f for tag in tags for f in self.by_tag.get(tag, ())]

    def control(self, tag: str) -> str:
        found = self.by_tag.get(tag)
        return (found[0].data or "") if found and found[0].control_field else ""

    def first(self, tags: Iterable[str], code: str) -> str:
        for tag in tags:
            for item in self.by_tag.get(tag, ()):
                if not item.control_field:
                    value = item.get(code)
                    if value:
                        return self.clean(value)
        return ""

    def clean(self, text: str) -> str:
        """The text without ISBD punctuation (exact text in records that omit it)."""
        if not self.isbd:
            return text
        text = _SEPARATORS.sub("", text.strip())
        if text.endswith(".") and not _KEEP_PERIOD.search(text):
            text = text[:-1].rstrip()
        return text


def _is_translator(item: Field) -> bool:
    """An added entry whose relator term ($e) or code ($4) says translator."""
    terms = [v.lower().strip(" .,;") for v in item.get_subfields("e")]
    codes = [v.lower().strip(" .,;") for v in item.get_subfields("4")]
    return ("trl" in codes or any(t in ("tr", "trans", "transl") or t.startswith("translat")
                                  for t in terms))


def _language(fields: _Fields) -> str:
    codes = [v.strip() for f in fields.all("041") for v in f.get_subfields("h")]
    if not codes and any(f.indicator1 == "1" for f in fields.all("041")):
        return ""  # a translation whose original language is not recorded
    if not codes:
        fixed = fields.control("008")[35:38].strip()
        codes = [fixed] if fixed not in NO_LANGUAGE else []
    if not codes:
        codes = [v.strip() for f in fields.all("041") for v in f.get_subfields("a")]
    code = next((c for c in codes if c not in NO_LANGUAGE), "")
    if len(code) > 3 and len(code) % 3 == 0 and code.isalpha() and code.islower():
        code = code[:3]  # pre-2001 practice: several codes run together in one subfield
    return MARC_LANGUAGES.get(code, code)


def _year(fields: _Fields) -> Any:
    text = fields.first(("264", "260"), "c")
    if text and not fields.isbd:
        return text
    found = _YEAR.search(text)
    if found:
        return found.group()
    fixed = fields.control("008")[7:11]
    return fixed if fixed.isdigit() else None


def _title(fields: _Fields) -> str:
    for item in fields.all("245"):
        parts = [fields.clean(v) for v in item.get_subfields("a", "n", "p")]
        return " ".join(p for p in parts if p)
    return ""


def _author(fields: _Fields) -> str:
    author = fields.first(("100", "110", "111"), "a")
    if author:
        return author
    for item in fields.all("700", "710"):
        if not _is_translator(item) and item.get("a"):
            return fields.clean(item.get("a"))
    return fields.first(("245",), "c")


def _isbn(fields: _Fields) -> str:
    text = fields.first(("020",), "a")
    if fields.isbd:
        found = _ISBN.match(text.strip())
        return found.group() if found else ""
    return text


def work_from_record(record: Record) -> MarcWork:
    """The work and copies a record describes, validated (:class:`BadInput` says why not)."""
    fields = _Fields(record)
    title, author = _title(fields), _author(fields)
    if not title:
        raise BadInput("no title (245 $a)")
    if not author:
        raise BadInput("no author (100, 110, 111, 700, 710 or 245 $c)")
    translators = [fields.clean(f.get("a")) for f in fields.all("700", "710")
                   if f.get("a") and _is_translator(f)]
    found = _VOLUMES.match(fields.first(("300",), "a"))
    values = work_values({
        "title": title, "subtitle": fields.first(("245",), "b"), "author": author,
        "original_title": fields.first(("240", "130"), "a"),
        "original_language": _language(fields), "translator": "; ".join(translators),
        "publisher": fields.first(("264", "260"), "b"), "year": _year(fields),
        "isbn": _isbn(fields),
        "notes": "\n".join(v for f in fields.all("500") for v in f.get_subfields("a")),
        "access": fields.first((LOCAL_TAG,), "a") or "lendable",
        "volumes": found.group(1) if found else 1})
    _check_encoding(values)
    copies = tuple(_copies(fields))
    highest = max((c.volume for c in copies), default=1)
    if highest > values["volumes"]:
        if found:
            raise BadInput(f"an item is volume {highest} but 300 $a says "
                           f"{values['volumes']} volumes")
        values["volumes"] = highest
    return MarcWork(values, copies)


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _check_encoding(values: dict[str, Any]) -> None:
    if not _CONTROL.search("\n".join(v for v in values.values() if isinstance(v, str))):
        return  # one search over every field: the usual case
    for name, value in values.items():
        found = _CONTROL.search(value) if isinstance(value, str) else None
        if found:
            raise BadInput(f"a control character (U+{ord(found.group()):04X}) in the "
                           f"{name.replace('_', ' ')}: a damaged character encoding?")


def _copies(fields: _Fields) -> Iterator[MarcCopy]:
    for number, item in enumerate(fields.all("952", "852"), start=1):
        codes = dict(reversed(item.subfields))  # the first value of each code
        barcode = codes.get("p")
        if not barcode:
            continue
        try:
            yield _copy(fields.isbd, item.tag, codes, barcode)
        except BadInput as exc:
            raise BadInput(f"item {number} ({item.tag} $p {barcode[:40]}): "
                           f"{exc.message}") from None


def _koha_status(codes: dict[str, str]) -> str:
    """Koha's withdrawn ($0), lost ($1; 4 is missing) and damaged ($4) item statuses."""
    if "0" not in codes and "1" not in codes and "4" not in codes:
        return "available"
    for code, status in KOHA_STATUS:
        value = codes.get(code, "").strip()
        if value and value != "0":
            return "missing" if code == "1" and value == KOHA_MISSING else status
    return "available"


def _copy(isbd: bool, tag: str, codes: dict[str, str], barcode: str) -> MarcCopy:
    if tag == "952":
        location = codes.get("o") or codes.get("c") or ""
        volume_text = codes.get("h", "")
        status = _koha_status(codes)
        note = _CONDITION.search(codes.get("x", ""))
        condition = note.group(1).lower() if note else "good"
    else:
        location = " / ".join(v for v in (codes.get("b"), codes.get("c")) if v)
        volume_text = codes.get("3", "")
        status, condition = "available", "good"
    found = _VOLUME.search(volume_text) if volume_text else None
    return MarcCopy(barcode=check_barcode(barcode),
                    volume=parse_positive(found.group(1), "volume") if found else 1,
                    location=clean_text(location.strip() if isbd else location, "location"),
                    status=status,
                    condition=condition if condition == "good" else check_choice(
                        condition, CONDITIONS, "condition"))


# -- records mapped, in this process or in a pool ----------------------------------------------

class Mapped(NamedTuple):
    """A record read and mapped: its work and copies, or the problem that stops it."""

    number: int
    place: str
    work: MarcWork | None
    problem: str = ""
    fatal: bool = False


#: ISO 2709 files from this size are decoded and mapped by worker processes
PARALLEL_FROM_BYTES = 8 << 20
MAX_WORKERS = 4
BATCH_RECORDS = 1000


def _mapped(raw: RawRecord) -> Mapped:
    if raw.record is None:
        return Mapped(raw.number, raw.place, None, raw.problem, raw.fatal)
    try:
        return Mapped(raw.number, raw.place, work_from_record(raw.record))
    except BadInput as exc:
        return Mapped(raw.number, raw.place, None, exc.message)


def _map_batch(batch: list[tuple[int, int, bytes]]) -> list[Mapped]:
    """Decode and map ISO 2709 records (in a worker process)."""
    return [_mapped(_decode(*item)) for item in batch]


def mapped_records(path: str | Path) -> Iterator[Mapped]:
    """Every record of the file mapped to a work, in file order.

    pymarc's parser is pure Python, so a large ISO 2709 file is decoded and mapped by a
    pool of processes (one per core, started fresh: safe from a window's worker thread)
    while this process stages what they send back; answers are taken in file order.
    """
    path = Path(path)
    with _open(path) as handle:
        if _is_xml(handle):
            yield from (_mapped(raw) for raw in _xml_records(handle))
            return
        workers = min(os.cpu_count() or 1, MAX_WORKERS)
        if workers > 1 and path.stat().st_size >= PARALLEL_FROM_BYTES:
            yield from _parallel(_iso2709_chunks(handle), workers)
        else:
            yield from (_mapped(raw) for raw in _iso2709_records(handle))


def _parallel(chunks: Iterator[tuple[int, int, bytes]], workers: int) -> Iterator[Mapped]:
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    pending: deque[Future[list[Mapped]]] = deque()
    try:
        while batch := list(islice(chunks, BATCH_RECORDS)):
            pending.append(pool.submit(_map_batch, batch))
            if len(pending) > 2 * workers:  # a bounded read-ahead keeps memory flat
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# -- import -----------------------------------------------------------------------------------

@dataclass
class MarcImportResult:
    file: str
    records: int = 0
    works_added: int = 0
    copies_added: int = 0
    copies_generated: int = 0
    skipped: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


WORK_COLUMNS = ("title", "subtitle", "author", "original_title", "original_language",
                "translator", "publisher", "year", "isbn", "notes", "access", "volumes")
COPY_COLUMNS = MarcCopy._fields
_work_columns = itemgetter(*WORK_COLUMNS)


class _Staging:
    """Validated records in temporary tables of this connection, written in one go."""

    def __init__(self) -> None:
        self.works: list[tuple] = []
        self.copies: list[tuple] = []

    def create(self) -> None:
        self.drop()
        database.execute_sql(
            "CREATE TEMP TABLE marc_work (pos INTEGER PRIMARY KEY, place TEXT, has_items "
            f"INTEGER, {', '.join(WORK_COLUMNS)})")
        database.execute_sql(
            f"CREATE TEMP TABLE marc_copy (pos INTEGER, {', '.join(COPY_COLUMNS)})")

    def drop(self) -> None:
        for table in ("marc_work", "marc_copy", "marc_id"):
            database.execute_sql(f"DROP TABLE IF EXISTS temp.{table}")

    def add(self, number: int, place: str, work: MarcWork) -> None:
        self.works.append((number, place, bool(work.copies), *_work_columns(work.values)))
        self.copies.extend((number, *copy) for copy in work.copies)
        if len(self.works) >= STAGE_BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.works:
            return
        with database.atomic():
            cursor = database.cursor()
            cursor.executemany(f"INSERT INTO temp.marc_work VALUES "
                               f"({', '.join('?' * (3 + len(WORK_COLUMNS)))})", self.works)
            cursor.executemany(f"INSERT INTO temp.marc_copy VALUES "
                               f"({', '.join('?' * (1 + len(COPY_COLUMNS)))})", self.copies)
        self.works, self.copies = [], []

    def repeated_barcodes(self) -> list[tuple[int, str]]:
        database.execute_sql("CREATE INDEX temp.marc_copy_barcode ON marc_copy (barcode)")
        rows = database.execute_sql(
            "SELECT c.pos, w.place, c.barcode, f.place FROM temp.marc_copy c "
            "JOIN (SELECT barcode, min(rowid) AS first FROM temp.marc_copy GROUP BY barcode "
            "      HAVING count(*) > 1) d ON d.barcode = c.barcode AND c.rowid > d.first "
            "JOIN temp.marc_copy o ON o.rowid = d.first "
            "JOIN temp.marc_work w ON w.pos = c.pos JOIN temp.marc_work f ON f.pos = o.pos")
        return [(pos, f"{place}: the barcode {barcode} repeats {first}")
                for pos, place, barcode, first in rows]

    def barcodes_in_catalogue(self) -> list[tuple[int, str]]:
        rows = database.execute_sql(
            "SELECT c.pos, w.place, c.barcode FROM temp.marc_copy c "
            "JOIN main.copy k ON k.barcode = c.barcode JOIN temp.marc_work w ON w.pos = c.pos")
        return [(pos, f"{place}: the barcode {barcode} is already in the catalogue")
                for pos, place, barcode in rows]

    def staged(self) -> int:
        return database.execute_sql("SELECT count(*) FROM temp.marc_work").fetchone()[0]

    def discard(self, positions: set[int]) -> None:
        cursor = database.cursor()
        for table in ("marc_work", "marc_copy"):
            cursor.executemany(f"DELETE FROM temp.{table} WHERE pos = ?",
                               [(p,) for p in positions])

    def write(self, generate: int, result: MarcImportResult) -> None:
        now = str(clock.now())
        base = database.execute_sql(
            "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'work'), 0), "
            "coalesce((SELECT max(id) FROM work), 0))").fetchone()[0]
        database.execute_sql(
            "CREATE TEMP TABLE marc_id AS SELECT pos, ? + row_number() OVER (ORDER BY pos) "
            "AS work_id FROM temp.marc_work", (base,))
        columns = ", ".join(WORK_COLUMNS)
        result.works_added = database.execute_sql(
            f"INSERT INTO work (id, {columns}, created_at) SELECT i.work_id, "
            f"{', '.join('w.' + c for c in WORK_COLUMNS)}, ? FROM temp.marc_work w "
            "JOIN temp.marc_id i ON i.pos = w.pos ORDER BY w.pos", (now,)).rowcount
        result.copies_added = database.execute_sql(
            f"INSERT INTO copy (work_id, {', '.join(COPY_COLUMNS)}, created_at) "
            f"SELECT i.work_id, {', '.join('c.' + c for c in COPY_COLUMNS)}, ? "
            "FROM temp.marc_copy c JOIN temp.marc_id i ON i.pos = c.pos ORDER BY c.rowid",
            (now,)).rowcount
        if generate:
            result.copies_generated = self._generate(generate, now)

    def _generate(self, per_volume: int, now: str) -> int:
        try:
            return database.execute_sql(
                "INSERT INTO copy (barcode, work_id, volume, created_at) "
                "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n "
                "  WHERE k < max(?, (SELECT max(volumes) FROM temp.marc_work))) "
                f"SELECT printf('{GENERATED_BARCODE}', i.work_id, v.k, c.k), i.work_id, v.k, ? "
                "FROM temp.marc_work w JOIN temp.marc_id i ON i.pos = w.pos "
                "JOIN n v ON v.k <= w.volumes JOIN n c ON c.k <= ? WHERE NOT w.has_items "
                "ORDER BY i.work_id, v.k, c.k", (per_volume, now, per_volume)).rowcount
        except IntegrityError:
            raise BadInput("A generated barcode (W<work>-<volume>-<copy>) is already used "
                           "in the catalogue; nothing was imported.") from None


@contextmanager
def _staging() -> Iterator[_Staging]:
    stage = _Staging()
    stage.create()
    try:
        yield stage
    finally:
        stage.drop()


def import_marc(actor, path: str | Path, *, copies: int = 0,
                skip_bad: bool = False) -> MarcImportResult:
    """Add the works and copies of a MARC file; all or nothing unless ``skip_bad``.

    ``copies`` asks for that many generated copies of each volume of every record that has
    no barcoded items.
    """
    require_desk(actor)
    generate = parse_positive(copies, "number of copies") if copies else 0
    path = Path(path)
    result = MarcImportResult(file=path.name)
    problems: list[tuple[int, str]] = []
    with _staging() as stage:
        fatal = _stage_file(path, stage, problems, result)
        if fatal:
            raise ImportFailed(f"{path.name} cannot be read to the end; nothing was "
                               "imported.", [p for _, p in sorted(problems)])
        problems += stage.repeated_barcodes()
        with write_transaction():
            problems += stage.barcodes_in_catalogue()
            problems.sort()
            if problems and not skip_bad:
                raise ImportFailed(f"{path.name}: {len({p for p, _ in problems})} bad "
                                   "record(s); nothing was imported.",
                                   [p for _, p in problems])
            stage.discard({p for p, _ in problems})
            result.skipped = [p for _, p in problems]
            if not stage.staged():
                raise ImportFailed(f"{path.name} has no record that can be imported.",
                                   result.skipped or ["the file holds no MARC records"])
            stage.write(generate, result)
            audit.record(actor, "import-marc", "import", path.name,
                         {k: v for k, v in result.as_dict().items() if k != "skipped"}
                         | {"skipped": len(result.skipped)})
    return result


def _stage_file(path: Path, stage: _Staging, problems: list[tuple[int, str]],
                result: MarcImportResult) -> bool:
    """Read, map and stage every record; returns whether reading stopped early."""
    for mapped in mapped_records(path):
        if mapped.fatal:
            problems.append((mapped.number, f"{mapped.place}: {mapped.problem}"))
            return True
        result.records += 1
        if mapped.work is None:
            problems.append((mapped.number, f"{mapped.place}: {mapped.problem}"))
        else:
            stage.add(mapped.number, mapped.place, mapped.work)
    stage.flush()
    return False


# -- export -----------------------------------------------------------------------------------

@dataclass
class MarcExportResult:
    file: str
    format: str
    works: int = 0
    copies: int = 0

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


LEADER = "00000nam a2200000 c 4500"
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: Any) -> str:
    return _XML_UNSAFE.sub("\ufffd", str(value))


def _fixed_fields(work: dict[str, Any]) -> str:
    """008 for books: date entered, date type and year, language, fill characters."""
    created = str(work["created_at"] or "")[2:10].replace("-", "") or "000000"
    year = work["year"]
    dates = f"s{year:04d}" if year else "nuuuu"
    language = ISO_LANGUAGES.get(work["original_language"], "und")
    if work["translator"] or len(language) != 3:
        language = "und"
    return f"{created:6.6}{dates}    xx {'|' * 17}{language} d"


def _language_field(work: dict[str, Any]) -> Field | None:
    original = work["original_language"]
    if work["translator"]:
        codes = [Subfield("a", "und")]
        if original:
            codes.append(Subfield("h", ISO_LANGUAGES.get(original, original)))
        return Field("041", Indicators("1", " "), codes)
    if original and original not in ISO_LANGUAGES:
        return Field("041", Indicators("0", " "), [Subfield("a", original)])
    return None


def record_for(work: dict[str, Any], copies: Iterable[dict[str, Any]]) -> Record:
    """The MARC record of a work and its copies (the inverse of :func:`work_from_record`)."""
    record = Record(leader=LEADER, force_utf8=True)
    fields = [Field("008", data=_fixed_fields(work))]
    if work["isbn"]:
        fields.append(_field("020", "  ", a=work["isbn"]))
    fields.append(_language_field(work))
    fields.append(_field("100", "0 ", a=work["author"]))
    if work["original_title"]:
        fields.append(_field("240", "10", a=work["original_title"]))
    fields.append(_field("245", "10", a=work["title"], b=work["subtitle"]))
    if work["publisher"] or work["year"]:
        fields.append(_field("264", " 1", b=work["publisher"],
                             c=str(work["year"]) if work["year"] else ""))
    if work["volumes"] > 1:
        fields.append(_field("300", "  ", a=f"{work['volumes']} v."))
    if work["notes"]:
        fields.append(_field("500", "  ", a=work["notes"]))
    if work["translator"]:
        fields.append(_field("700", "1 ", a=work["translator"], e="translator", **{"4": "trl"}))
    fields.extend(_item_field(work, copy) for copy in copies)
    fields.append(_field(LOCAL_TAG, "  ", a=work["access"]))
    record.add_field(*(f for f in fields if f is not None))
    return record


def _field(tag: str, indicators: str, **subfields: str) -> Field:
    return Field(tag, Indicators(*indicators),
                 [Subfield(code, _text(value)) for code, value in subfields.items() if value])


def _item_field(work: dict[str, Any], copy: dict[str, Any]) -> Field:
    status = copy["status"]
    codes: dict[str, str] = {"p": copy["barcode"], "o": copy["location"]}
    if work["volumes"] > 1 or copy["volume"] > 1:
        codes["h"] = f"v.{copy['volume']}"
    if copy["condition"] != "good":
        codes["x"] = f"condition: {copy['condition']}"
    for code, name in KOHA_STATUS:
        if status == name:
            codes[code] = "1"
    if status == "missing":
        codes["1"] = KOHA_MISSING
    return _field("952", "  ", **codes)


ISO2709_LIMIT = 99_999


def _iso2709(record: Record, work: dict[str, Any]) -> bytes:
    """The record in transmission format; ISO 2709 cannot hold one over 99,999 bytes."""
    data = record.as_marc()
    if len(data) > ISO2709_LIMIT:
        raise BadInput(f"The work {work['title']!r} (id {work['id']}) with its copies is "
                       f"{len(data):,} bytes, more than an ISO 2709 record can hold "
                       f"({ISO2709_LIMIT:,}); export to a .xml file (MARCXML) instead.")
    return data


def _works_with_copies() -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Every work in id order with its copies, from two cursors walked side by side."""
    work_cursor = database.execute_sql(
        f"SELECT id, {', '.join(WORK_COLUMNS)}, created_at FROM work ORDER BY id")
    copy_cursor = database.execute_sql(
        "SELECT work_id, barcode, volume, location, status, condition FROM copy "
        "ORDER BY work_id, volume, barcode")
    names = ("id", *WORK_COLUMNS, "created_at")
    copy_names = ("work_id", "barcode", "volume", "location", "status", "condition")
    pending = copy_cursor.fetchone()
    for row in work_cursor:
        work = dict(zip(names, row, strict=True))
        copies = []
        while pending is not None and pending[0] <= work["id"]:
            if pending[0] == work["id"]:
                copies.append(dict(zip(copy_names, pending, strict=True)))
            pending = copy_cursor.fetchone()
        yield work, copies


def export_marc(actor, path: str | Path) -> MarcExportResult:
    """Write the whole catalogue as MARCXML (ISO 2709 when the file name ends in ``.mrc``)."""
    require(actor, "librarian", "supervisor", "inspector")
    path = Path(path)
    if not path.parent.is_dir():
        raise BadInput(f"The folder {path.parent} does not exist.")
    binary = path.suffix.lower() in (".mrc", ".marc", ".dat")
    result = MarcExportResult(file=str(path), format="iso2709" if binary else "marcxml")
    partial = path.with_name(path.name + ".part")
    try:
        with partial.open("wb") as handle, read_transaction():
            writer = None if binary else XMLWriter(handle)
            for work, copies in _works_with_copies():
                record = record_for(work, copies)
                if writer is None:
                    handle.write(_iso2709(record, work))
                else:
                    writer.write(record)
                    handle.write(b"\n")  # a record a line: errors can name a line
                result.works += 1
                result.copies += len(copies)
            if writer is not None:
                writer.close(close_fh=False)
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BadInput(f"Cannot write {path}: {exc.strerror or exc}.") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return result
