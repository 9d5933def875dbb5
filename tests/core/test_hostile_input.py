"""Hostile input, property-based: every import format, barcodes, member numbers, search text
(full-text-search syntax included), dates and free-text fields.

Each value is either stored and found exactly as typed (a barcode or a member number in the
one form codes are compared in, and found as typed), or refused with a message
(:class:`BadInput`) and nothing changed at all (the whole database dumped before and after).
Never a traceback, never a partial change. SQL-injection strings, FTS operators, control
characters, lone surrogates (what a terminal hands Python for bytes that are not UTF-8)
and very long values are mixed into everything.

CI runs 40 cases per property; ``READINGROOM_FULL=1`` runs 400.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_support import record_figures, run_cli, size

from readingroom import borrowers, catalogue, clock, codes, imports
from readingroom.errors import BadInput
from readingroom.store.db import database
from readingroom.store.models import Borrower, Copy, Work

pytestmark = pytest.mark.slow
PASSWORD = "pass-word-1"

FRAGMENTS = [
    "Robert'); DROP TABLE work; --",
    "' OR '1'='1",
    '" OR ""="',
    "1; DELETE FROM loan",
    "%",
    "_",
    "\\",
    "'",
    '"',
    "*",
    "NEAR(",
    "NEAR(a b, 2)",
    " OR ",
    " AND ",
    " NOT ",
    "-",
    "^",
    ":",
    "(",
    ")",
    "{",
    "}",
    "title:",
    "+",
    "\x00",
    "\x07",
    "\x1b[31m",
    "\t",
    "\n",
    "\r\n",
    "\x7f",
    "\u200b",
    "\u202e",
    "\ufeff",
    "\ud800",
    "\udcff",
    "e\u0301",
    "인간의 증명",
    "証明",
    "📚",
    "👨‍👩‍👧",
    "Ⅻ",
    "ǅ",
    "ß",
    "İ",
    "\u0000x",
    "x" * 300,
    "NULL",
    "None",
    "0",
]
hostile_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=6).map(
    "".join
)
hostile_or_plain = st.one_of(hostile_text, st.text(min_size=1, max_size=20))
#: barcodes and member numbers: often well-formed (so some are stored), often not
code_like = st.one_of(
    st.from_regex(r"[A-Za-z0-9][A-Za-z0-9./-]{0,15}", fullmatch=True), hostile_or_plain
)
CASES = size(40, 400)
FUZZ = settings(
    max_examples=CASES,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
counted: dict[str, int] = {}
stored: dict[str, int] = {}
_numbers = itertools.count()


def snapshot() -> str:
    return "\n".join(database.connection().iterdump())


def refused_cleanly(call) -> bool:
    """Run ``call``; True if it was refused with a message and changed nothing."""
    before = snapshot()
    try:
        call()
    except BadInput as exc:
        assert exc.message.strip()
        assert snapshot() == before, "a refused call changed the database"
        return True
    return False


def _count(name: str) -> None:
    counted[name] = counted.get(name, 0) + 1


def _stored(name: str) -> None:
    stored[name] = stored.get(name, 0) + 1


@pytest.fixture(scope="module", autouse=True)
def _figures():
    yield
    record_figures(
        "test_hostile_input",
        cases_per_property=CASES,
        cases=dict(counted),
        stored=dict(stored),
        total_cases=sum(counted.values()),
    )


@pytest.fixture
def shelf(db, supervisor, librarian, make_copy, make_borrower):
    make_copy("B1")
    make_borrower("W1")
    return db


# -- free text, barcodes, member numbers, search --------------------------------------------


def nfc(text: str) -> str:
    """``text`` as every entrance stores it: composed (NFC)."""
    return unicodedata.normalize("NFC", text)


def _found(text: str, work_id: int) -> bool:
    return work_id in catalogue.matching_work_ids(text, limit=None)


@FUZZ
@given(
    title=hostile_or_plain,
    author=hostile_or_plain,
    translator=hostile_text,
    notes=hostile_text,
    publisher=hostile_text,
)
def test_work_text_is_stored_and_found_as_typed_or_refused(
    shelf, librarian, title, author, translator, notes, publisher
):
    _count("work fields")
    fields = {
        "title": title,
        "author": author,
        "translator": translator,
        "notes": notes,
        "publisher": publisher,
    }
    made: list[Work] = []
    if refused_cleanly(lambda: made.append(catalogue.add_work(librarian, **fields).work)):
        return
    work = Work.get_by_id(made[0].id)
    for name, value in fields.items():
        assert getattr(work, name) == nfc(value), name
    for typed in (title, author, translator):
        if typed.strip():
            assert _found(typed, work.id), typed
    _stored("work fields")


@FUZZ
@given(barcode=code_like, location=hostile_text)
def test_a_barcode_is_kept_and_found_as_typed_or_refused(shelf, librarian, barcode, location):
    _count("barcodes")
    work_id = catalogue.get_copy("B1").work_id
    if refused_cleanly(lambda: catalogue.add_copy(librarian, work_id, barcode, location=location)):
        return
    found = catalogue.get_copy(barcode)  # as typed, stored in the one form codes take
    assert found.barcode == codes.normalise(barcode) and found.location == nfc(location)
    assert catalogue.copy_info(barcode)["barcode"] == codes.normalise(barcode)
    _stored("barcodes")


@FUZZ
@given(member_no=code_like, name=hostile_or_plain, organisation=hostile_text)
def test_a_member_number_is_kept_and_found_as_typed_or_refused(
    shelf, librarian, member_no, name, organisation
):
    _count("member numbers")
    if refused_cleanly(
        lambda: borrowers.add_borrower(
            librarian, member_no, name=name, role="writer", organisation=organisation
        )
    ):
        return
    found = borrowers.get_borrower(member_no)
    assert (found.member_no, found.name, found.organisation) == (
        codes.normalise(member_no),
        nfc(name),
        nfc(organisation),
    )
    assert borrowers.borrower_info(member_no)["name"] == nfc(name)
    _stored("member numbers")


@FUZZ
@given(text=hostile_or_plain)
def test_search_text_is_only_ever_text(shelf, text):
    _count("search text")
    works: list[Work] = []
    if refused_cleanly(lambda: works.extend(catalogue.search(text, limit=50))):
        assert not catalogue.is_text(text)  # only text that is not text is refused
        return
    assert all(isinstance(w, Work) for w in works)
    assert Work.select().count() == 1  # an injection would have shown here


# -- dates ----------------------------------------------------------------------------------

dates_typed = st.one_of(
    hostile_text,
    st.dates().map(date.isoformat),
    st.dates().map(lambda d: f" {d.isoformat()}\t"),
    st.from_regex(r"\d{1,5}-\d{1,3}-\d{1,3}", fullmatch=True),
)


@FUZZ
@given(typed=dates_typed)
def test_a_date_is_read_as_that_day_or_refused(shelf, librarian, typed):
    _count("dates")
    try:
        day = clock.parse_date(typed)
    except BadInput:
        day = None
    made: list[Borrower] = []
    number = f"D{next(_numbers)}"
    refused = refused_cleanly(
        lambda: made.append(
            borrowers.add_borrower(
                librarian, number, name="Dated", role="writer", expires=typed
            ).borrower
        )
    )
    if day is None:
        assert refused or not typed.strip()
        return
    assert day == date.fromisoformat(typed.strip())
    assert not refused and Borrower.get_by_id(made[0].id).expires == day
    _stored("dates")


# -- imports --------------------------------------------------------------------------------


def _csv_text(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _write(tmp_path: Path, name: str, text: str, mangle: int) -> Path:
    """The file as a program (or a careless hand) might save it."""
    data = text.encode("utf-8", "surrogatepass")
    if mangle == 1:
        data = b"\xef\xbb\xbf" + data  # a byte-order mark
    elif mangle == 2:
        data = data.replace(b"\n", b"\r\n")
    elif mangle == 3 and len(data) > 10:
        data = data[: len(data) * 2 // 3]  # cut short mid-row
    elif mangle == 4:
        data += b'\n"unbalanced,quote\n'
    elif mangle == 5:
        data += b"\xff\xfe not utf-8\n"
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _rows_in(path: Path) -> list[dict[str, str]]:
    """The data rows of the file as a CSV reader sees them (blank rows are skipped)."""
    text = path.read_bytes().decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in next(reader)]
    return [
        dict(zip(header, map(nfc, values), strict=True))  # as stored: composed
        for values in reader
        if any(v.strip() for v in values)
    ]


catalogue_row = st.fixed_dictionaries(
    {
        "barcode": code_like,
        "title": hostile_or_plain,
        "author": hostile_or_plain,
        "translator": hostile_text,
        "location": hostile_text,
        "volume": st.one_of(st.just(""), hostile_text, st.integers(-2, 5).map(str)),
        "access": st.one_of(
            st.sampled_from(["", "lendable", "reading-room", "staff-only"]), hostile_text
        ),
        "year": st.one_of(st.just(""), hostile_text, st.integers(-5, 12000).map(str)),
    }
)


stored_text = hostile_text.filter(lambda t: "\x00" not in t and catalogue.is_text(t))
fair_code = code_like.filter(
    lambda t: (
        t.strip() and t.isprintable() and " " not in t and catalogue.is_text(t) and len(t) < 150
    )
).map(lambda t: f"{t.strip()}~{next(_numbers)}")  # unique: the examples share a database
#: a row that passes, hostile only where hostility is allowed (so some files are stored)
fair_catalogue_row = st.fixed_dictionaries(
    {
        "barcode": fair_code,
        "title": stored_text.filter(str.strip),
        "author": stored_text.filter(str.strip),
        "translator": stored_text,
        "location": stored_text,
        "volume": st.sampled_from(["", "1"]),
        "access": st.sampled_from(["", "lendable", "reading-room", "staff-only"]),
        "year": st.one_of(st.just(""), st.integers(1, 9999).map(str)),
    }
)


@FUZZ
@given(
    rows=st.one_of(
        st.lists(fair_catalogue_row, min_size=1, max_size=5),
        st.lists(st.one_of(fair_catalogue_row, catalogue_row), min_size=1, max_size=5),
    ),
    mangle=st.integers(0, 7),
)
def test_a_catalogue_csv_is_imported_whole_or_not_at_all(shelf, librarian, tmp_path, rows, mangle):
    _count("catalogue CSV files")
    header = list(rows[0])
    path = _write(
        tmp_path, "catalogue.csv", _csv_text(header, [[r[h] for h in header] for r in rows]), mangle
    )
    copies = Copy.select().count()
    if refused_cleanly(lambda: imports.import_catalogue(librarian, path)):
        return
    rows = _rows_in(path)
    assert Copy.select().count() == copies + len(rows)
    for row in rows:
        copy = catalogue.get_copy(row["barcode"])
        assert copy.location == row["location"]
        assert (copy.work.title, copy.work.author, copy.work.translator) == (
            row["title"],
            row["author"],
            row["translator"],
        )
        assert _found(row["title"], copy.work_id)
    _stored("catalogue CSV files")


roles = st.sampled_from(["writer", "cadre", "civilian"])
borrower_row = st.fixed_dictionaries(
    {
        "member_no": code_like,
        "name": hostile_or_plain,
        "role": st.one_of(roles, hostile_text),
        "organisation": hostile_text,
        "expires": st.one_of(st.just(""), st.dates().map(date.isoformat), dates_typed),
    }
)
#: a row that passes, hostile only where hostility is allowed (so some files are stored)
fair_borrower_row = st.fixed_dictionaries(
    {
        "member_no": fair_code,
        "name": stored_text.filter(str.strip),
        "role": roles,
        "organisation": stored_text,
        "expires": st.one_of(st.just(""), st.dates().map(date.isoformat)),
    }
)


@FUZZ
@given(
    rows=st.one_of(
        st.lists(fair_borrower_row, min_size=1, max_size=4),
        st.lists(st.one_of(fair_borrower_row, borrower_row), min_size=1, max_size=4),
    ),
    mangle=st.integers(0, 7),
)
def test_a_borrowers_csv_is_imported_whole_or_not_at_all(shelf, librarian, tmp_path, rows, mangle):
    _count("borrower CSV files")
    header = list(rows[0])
    path = _write(
        tmp_path, "borrowers.csv", _csv_text(header, [[r[h] for h in header] for r in rows]), mangle
    )
    count = Borrower.select().count()
    if refused_cleanly(lambda: imports.import_borrowers(librarian, path)):
        return
    rows = _rows_in(path)
    assert Borrower.select().count() == count + len(rows)
    for row in rows:
        found = borrowers.get_borrower(row["member_no"])
        assert (found.name, found.organisation) == (row["name"], row["organisation"])
    _stored("borrower CSV files")


@FUZZ
@given(
    data=st.binary(max_size=2000) | hostile_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    suffix=st.sampled_from([".mrc", ".xml"]),
)
def test_a_marc_file_of_any_bytes_is_refused_or_imported_whole(
    shelf, librarian, tmp_path, data, suffix
):
    marc = pytest.importorskip("readingroom.marc")
    _count("MARC files")
    path = tmp_path / f"records{suffix}"
    path.write_bytes(data)
    works = Work.select().count()
    if refused_cleanly(lambda: marc.import_marc(librarian, path)):
        return
    assert Work.select().count() > works
    _stored("MARC files")


# -- the command line -----------------------------------------------------------------------


@settings(FUZZ, max_examples=size(12, 200))
@given(text=hostile_or_plain)
def test_the_command_line_takes_any_argument_without_a_traceback(shelf, text, monkeypatch, capsys):
    _count("command-line arguments")
    if "\x00" in text:
        text = text.replace("\x00", "")  # no program can receive a NUL in its arguments
    for args in (
        ("search", text),
        ("copy", "show", text),
        ("borrower", "show", text),
        ("lend", text, "W1"),
        ("lend", "B1", "W1", "--date", text),
    ):
        before = snapshot()
        result = run_cli(
            monkeypatch, capsys, "--db", str(shelf), *args, user="lib", password=PASSWORD
        )
        usage = 2 if any(a.startswith("-") for a in args[1:] if a != "--date") else 0
        assert result.code in (0, 1, 3, usage), (args, result.text)
        if result.code != 0:
            assert result.err.strip() and snapshot() == before
        elif args[0] in ("lend", "return"):
            run_cli(
                monkeypatch,
                capsys,
                "--db",
                str(shelf),
                "return",
                "B1",
                user="lib",
                password=PASSWORD,
            )
    as_environment = os.fsdecode(text.encode("utf-8", "surrogatepass").replace(b"\x00", b""))
    signing_in = run_cli(
        monkeypatch,
        capsys,
        "--db",
        str(shelf),
        "search",
        "x",
        user=as_environment,
        password=as_environment,
    )
    assert signing_in.code in (0, 1, 5) and (signing_in.code == 0 or signing_in.err.strip())


def test_every_property_stored_some_of_its_cases():
    """The properties above are not all refusals: each stored (and found) real cases."""
    for name in (
        "work fields",
        "barcodes",
        "member numbers",
        "dates",
        "catalogue CSV files",
        "borrower CSV files",
    ):
        assert stored.get(name, 0) > 0, (name, counted.get(name))
