"""The register of exceptions (``report exceptions``) and the refused attempts it lists.

Each kind of exception is made to happen through the command line (or the services where
the command line has no door), and the register's row is asserted: overrides, back-dated
loans and returns, refused attempts, copies taken out of and back into the collection, a
restore and policy changes. A refused attempt is an audit entry that changes nothing else:
the refusal's exit code and message are as they were, ``audit verify`` and ``doctor`` stay
clean, and the entry outlives a transaction that rolls back.
"""

from __future__ import annotations

import csv
import json
from datetime import timedelta
from pathlib import Path

import pytest

from readingroom import bundle, circulation, clock, refusals, reports, trail
from readingroom.errors import EnvironmentProblem, Refused
from readingroom.reports import Options
from readingroom.store.db import open_database, write_transaction
from readingroom.store.models import AuditEntry, Copy, Loan
from tests.core.cli_support import InProcess
from tests.core.inspection_support import pdf_text

HEADER = [
    "date",
    "kind",
    "barcode",
    "title",
    "member",
    "borrower",
    "role",
    "staff",
    "approver",
    "codes",
    "reason",
    "claimed",
    "details",
    "entry",
    "recorded_at",
]
BOSS_NAME = "Chief Supervisor (boss)"
LIB_NAME = "Desk Librarian (lib)"


@pytest.fixture
def desk(db, librarian, make_copy, make_borrower) -> Path:
    """Four lendable copies, a reading-room copy and a staff-only one; a writer, a cadre
    and a civilian; a librarian ``lib``."""
    for barcode in ("B1", "B2", "B3", "B4"):
        make_copy(barcode, "Points and Lines")
    make_copy("R1", "Divine Comedy", author="Dante", access="reading-room")
    make_copy("S1", "Writers' Handbook", author="Union", access="staff-only")
    make_borrower("W1", name="Kim Writer")
    make_borrower("C1", "cadre", name="Pak Cadre")
    make_borrower("P1", "civilian", name="Ri Civilian")
    return db


@pytest.fixture
def cli(desk, capsys, monkeypatch) -> InProcess:
    return InProcess(desk, capsys, monkeypatch)


def register(cli: InProcess, tmp_path: Path, *period: str) -> list[dict[str, str]]:
    out = tmp_path / f"exceptions-{len(list(tmp_path.iterdir()))}.csv"
    done = cli("report", "exceptions", "--out", str(out), *period)
    assert done.code == 0, done
    with out.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def of_kind(rows: list[dict[str, str]], kind: str) -> list[dict[str, str]]:
    return [row for row in rows if row["kind"] == kind]


def refused_entries() -> list[AuditEntry]:
    return list(AuditEntry.select().where(AuditEntry.action == "lend-refused"))


def today() -> str:
    return clock.today().isoformat()


# -- refused attempts ---------------------------------------------------------------------


def test_a_refused_lend_that_matters_is_kept_and_changes_nothing_else(cli, desk, tmp_path):
    before = AuditEntry.select().count()
    civilian = cli("lend", "B1", "P1", user="lib")
    reading_room = cli("lend", "R1", "W1", user="lib")
    staff_only = cli("lend", "S1", "W1", "--override", "the minister asked")
    assert (civilian.code, reading_room.code, staff_only.code) == (3, 3, 3)
    assert "ROLE_NOT_PERMITTED" in civilian.err or "civilian" in civilian.err.lower()
    open_database(desk)
    assert Loan.select().count() == 0
    assert {c.barcode: c.status for c in Copy.select()} == dict.fromkeys(
        ("B1", "B2", "B3", "B4", "R1", "S1"), "available"
    )
    assert AuditEntry.select().count() == before + 3
    entries = refused_entries()
    details = [json.loads(e.details) for e in entries]
    assert [(e.staff, e.entity, e.entity_id) for e in entries] == [
        ("lib", "copy", "B1"),
        ("lib", "copy", "R1"),
        ("boss", "copy", "S1"),
    ]
    assert all("after" not in d for d in details)  # no row changed, no after-image
    assert details[0] == {
        "barcode": "B1",
        "member_no": "P1",
        "refused": ["ROLE_NOT_PERMITTED"],
        "role": "civilian",
        "via": "lend",
    }
    assert details[1]["refused"] == ["NOT_FOR_LOAN"]
    assert details[2]["override_reason"] == "the minister asked"

    rows = of_kind(register(cli, tmp_path), "refused")
    assert [(r["barcode"], r["member"], r["staff"], r["codes"]) for r in rows] == [
        ("B1", "P1", LIB_NAME, "ROLE_NOT_PERMITTED"),
        ("R1", "W1", LIB_NAME, "NOT_FOR_LOAN"),
        ("S1", "W1", BOSS_NAME, "NOT_FOR_LOAN"),
    ]
    assert rows[0]["borrower"] == "Ri Civilian" and rows[0]["role"] == "civilian"
    assert rows[0]["title"] == "Points and Lines" and rows[0]["date"] == today()
    assert rows[2]["reason"] == "the minister asked"
    assert "override was asked" in rows[2]["details"]

    assert cli("audit", "verify").code == 0
    doctor = cli("doctor")
    assert doctor.code == 0, doctor


def test_the_refusal_reads_exactly_as_before(cli, monkeypatch):
    """Exit code and every line printed are those of a lend with no recording at all."""
    recorded = [cli("lend", "B1", "P1", user="lib"), cli("--json", "lend", "R1", "W1")]
    monkeypatch.setattr(refusals, "noted", lambda *args, **kwargs: None)
    plain = [cli("lend", "B1", "P1", user="lib"), cli("--json", "lend", "R1", "W1")]
    assert [(r.code, r.out, r.err) for r in recorded] == [(r.code, r.out, r.err) for r in plain]


def test_refusals_that_do_not_matter_are_not_kept(cli, desk):
    assert cli("lend", "B1", "C1", user="lib").code == 3  # APPROVAL_REQUIRED: overridable
    assert cli("lend", "B1", "W1", user="lib").code == 0
    assert cli("lend", "B1", "W1", user="lib").code == 3  # ON_LOAN
    open_database(desk)
    assert refused_entries() == []


def test_an_attempt_outlives_the_callers_transaction_that_rolls_back(desk, librarian):
    with pytest.raises(Refused):
        with write_transaction():  # a caller's write (a basket of loans, all or nothing)
            circulation.lend(librarian, "B1", "W1")  # lent, then undone with the rest
            circulation.lend(librarian, "B2", "P1")
    assert Loan.select().count() == 0  # the caller's write rolled back whole
    (entry,) = refused_entries()
    assert json.loads(entry.details)["member_no"] == "P1" and refusals.pending() == 0
    assert not AuditEntry.select().where(AuditEntry.action == "lend").exists()
    assert trail.check_trail().ok  # the chain, the seals and the tables agree


def test_an_attempt_in_a_callers_transaction_that_commits_is_kept_after_it(desk, librarian):
    with write_transaction():
        circulation.lend(librarian, "B1", "W1")
        with pytest.raises(Refused):
            circulation.lend(librarian, "B2", "P1")
        assert refusals.pending() == 1  # written when the caller's write has ended
    assert refusals.pending() == 0
    actions = [e.action for e in AuditEntry.select().order_by(AuditEntry.id.desc()).limit(2)]
    assert actions == ["lend-refused", "lend"]
    assert Loan.select().count() == 1
    assert trail.check_trail().ok


def test_an_attempt_that_meets_a_locked_file_waits_for_the_next_write(desk, librarian, monkeypatch):
    real = refusals.audit.record
    calls = {"n": 0}

    def locked_once(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise EnvironmentProblem("The catalogue is locked by another program.")
        return real(*args, **kwargs)

    monkeypatch.setattr(refusals.audit, "record", locked_once)
    with pytest.raises(Refused) as refused:
        circulation.lend(librarian, "B1", "P1")
    assert refused.value.decision.codes == ["ROLE_NOT_PERMITTED"]  # the refusal, unchanged
    assert refusals.pending() == 1 and refused_entries() == []
    monkeypatch.setattr(refusals.audit, "record", real)
    circulation.lend(librarian, "B2", "W1")  # the next write; the attempt follows it
    assert refusals.pending() == 0
    assert [e.action for e in AuditEntry.select().order_by(AuditEntry.id.desc()).limit(2)] == [
        "lend-refused",
        "lend",
    ]
    assert trail.check_trail().ok


def test_the_desk_records_the_refusal_it_shows(desk, librarian):
    decision = refusals.record_desk_refusal(librarian, "B1", "P1")
    assert decision.codes == ["ROLE_NOT_PERMITTED"]
    (entry,) = refused_entries()
    assert json.loads(entry.details)["via"] == "desk"
    assert refusals.record_desk_refusal(librarian, "B1", "W1").allowed  # lends nothing
    assert refusals.record_desk_refusal(librarian, "B1", "C1").codes == ["APPROVAL_REQUIRED"]
    assert len(refused_entries()) == 1 and Loan.select().count() == 0
    rows = list(reports.build("exceptions", Options()).rows())
    assert [(r[1], r[12]) for r in rows] == [("refused", "refused at the desk")]


# -- every kind of exception, as the register lists it -------------------------------------


def test_overrides_and_back_dated_loans_and_returns(cli, tmp_path):
    claimed = (clock.today() - timedelta(days=20)).isoformat()
    returned = (clock.today() - timedelta(days=5)).isoformat()
    assert cli("lend", "B1", "C1", "--override", "=literary seminar").code == 0
    assert cli("lend", "B2", "W1", "--date", claimed, "--reason", "desk PC was down").code == 0
    assert cli("return", "B2", "--date", returned, "--reason", "book drop found late").code == 0
    assert cli("lend", "B3", "W1").code == 0  # an ordinary loan: no row
    rows = register(cli, tmp_path)
    assert [r["kind"] for r in rows] == ["override", "backdated-loan", "backdated-return"]
    override, loan, back = rows
    assert (override["barcode"], override["member"], override["borrower"]) == (
        "B1",
        "C1",
        "Pak Cadre",
    )
    assert override["approver"] == BOSS_NAME and override["codes"] == "APPROVAL_REQUIRED"
    assert override["reason"] == "'=literary seminar"  # neutralised in the CSV
    assert (loan["claimed"], loan["date"], loan["approver"]) == (claimed, today(), BOSS_NAME)
    assert loan["reason"] == "desk PC was down"
    assert loan["details"] == f"loan made on {claimed}, entered on {today()}"
    assert (back["claimed"], back["reason"], back["barcode"]) == (
        returned,
        "book drop found late",
        "B2",
    )
    assert all(int(r["entry"]) > 0 for r in rows)


def test_a_back_dated_override_gives_both_rows_from_one_entry(cli, tmp_path):
    claimed = (clock.today() - timedelta(days=3)).isoformat()
    assert (
        cli(
            "lend",
            "B1",
            "C1",
            "--override",
            "approved by phone",
            "--date",
            claimed,
            "--reason",
            "entered late",
        ).code
        == 0
    )
    rows = register(cli, tmp_path)
    assert [r["kind"] for r in rows] == ["override", "backdated-loan"]
    assert rows[0]["entry"] == rows[1]["entry"]
    assert rows[1]["claimed"] == claimed


def test_copies_out_of_and_back_into_the_collection(cli, tmp_path):
    second = ("--confirmed-by", "lib")  # a second person: their password on stdin
    assert (
        cli(
            "copy",
            "mark",
            "B1",
            "withdrawn",
            "--reason",
            "water damage",
            *second,
            stdin="pass-word-1\n",
        ).code
        == 0
    )
    assert (
        cli(
            "copy",
            "mark",
            "B2",
            "lost",
            "--confirmed-by",
            "boss",
            user="lib",
            stdin="pass-word-1\n",
        ).code
        == 0
    )
    assert cli("copy", "mark", "B2", "available", "--reason", "found behind the safe").code == 0
    assert cli("copy", "mark", "B3", "damaged").code == 0  # still in the collection: no row
    assert cli("inspection", "start").code == 0
    scanned = cli("inspection", "scan", "B2", "B3", "R1", "S1")
    assert scanned.code == 0, scanned
    closed = cli("inspection", "close", "--signed-by", "Chief Supervisor")
    assert closed.code == 0, closed  # B4 unscanned: missing
    assert cli("inspection", "start").code == 0
    assert cli("inspection", "scan", "B2", "B3", "B4", "R1", "S1").code == 0
    assert cli("inspection", "close", "--signed-by", "Chief Supervisor").code == 0
    rows = [r for r in register(cli, tmp_path) if r["kind"] in ("copy-out", "copy-back")]
    got = [(r["kind"], r["barcode"], r["staff"], r["reason"], r["details"]) for r in rows]
    assert got == [
        ("copy-out", "B1", BOSS_NAME, "water damage", "available to withdrawn"),
        ("copy-out", "B2", LIB_NAME, "", "available to lost"),
        ("copy-back", "B2", BOSS_NAME, "found behind the safe", "lost to available"),
        ("copy-out", "B4", BOSS_NAME, "not found at stocktake 1", "available to missing"),
        ("copy-back", "B4", BOSS_NAME, "found at stocktake 2", "missing to available"),
    ]
    assert all(r["member"] == "" and r["title"] == "Points and Lines" for r in rows)


def test_policy_changes(cli, tmp_path):
    assert cli("policy", "set", "cadre", "lendable", "never").code == 0
    assert cli("policy", "set", "writer", "lendable", "loan", "--days", "14").code == 0
    day = (clock.today() + timedelta(days=40)).isoformat()
    assert cli("inspection", "schedule", day, "--freeze-days", "10").code == 0
    rows = of_kind(register(cli, tmp_path), "policy")
    assert [r["details"] for r in rows] == [
        "policy cadre/lendable: rule approval to never",
        "policy writer/lendable: days 21 to 14",
        f"inspection none to {day}; freeze 7 to 10 days",
    ]
    assert all(r["staff"] == BOSS_NAME and r["barcode"] == "" for r in rows)


def test_a_restore(cli, desk, tmp_path):
    saved = tmp_path / "saved.db"
    assert cli("backup", "--out", str(saved)).code == 0
    assert cli("lend", "B1", "W1").code == 0
    restored = cli("restore", str(saved))
    assert restored.code == 0, restored
    (row,) = of_kind(register(cli, tmp_path), "restore")
    assert row["staff"] == BOSS_NAME and row["details"].startswith("restored from saved.db; ")
    assert "audit entries" in row["details"] and row["barcode"] == row["member"] == ""


# -- the command, its period, the PDF and the bundle -----------------------------------------


def test_report_exceptions_csv_header_period_and_pdf(cli, tmp_path):
    assert cli("lend", "B1", "P1", user="lib").code == 3
    assert cli("lend", "B2", "C1", "--override", "seminar").code == 0
    out = tmp_path / "register.csv"
    done = cli("report", "exceptions", "--from", today(), "--to", today(), "--out", str(out))
    assert done.code == 0, done
    with out.open(encoding="utf-8", newline="") as stream:
        reader = csv.reader(stream)
        assert next(reader) == HEADER
        assert [row[1] for row in reader] == ["refused", "override"]
    yesterday = (clock.today() - timedelta(days=1)).isoformat()
    assert register(cli, tmp_path, "--from", "2020-01-01", "--to", yesterday) == []
    pdf = tmp_path / "register.pdf"
    done = cli("report", "exceptions", "--from", today(), "--out", str(pdf))
    assert done.code == 0, done
    text = pdf_text(pdf)
    assert "Register of exceptions" in text and "ROLE_NOT_PERMITTED" in text
    assert "Exceptions: 2 (1 override, 1 refused attempt)." in text
    assert "Supervisor" in text and "Librarian" in text


def test_the_bundle_holds_the_register_by_default(cli, desk, tmp_path):
    assert cli("lend", "B1", "P1", user="lib").code == 3
    folder = tmp_path / "bundle"
    done = cli("export-bundle", "--out", str(folder))  # the default kinds
    assert done.code == 0, done
    info = json.loads((folder / bundle.INFO).read_text("utf-8"))
    assert "exceptions" in info["kinds"] and (folder / "exceptions.pdf").exists()
    open_database(desk)
    with (folder / "exceptions.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [(r["kind"], r["member"]) for r in rows] == [("refused", "P1")]
    assert bundle.check_bundle(folder).ok


def test_a_reading_room_visit_recorded_earlier_today(cli, desk, tmp_path, monkeypatch):
    from datetime import datetime, time

    from readingroom import room, staff

    now = datetime.combine(clock.today(), time(15, 0))
    monkeypatch.setattr(clock, "now", lambda: now)
    boss = staff.get_staff("boss")
    went, back = now.replace(hour=9, minute=5), now.replace(hour=11, minute=50)
    room.issue(boss, "R1", "W1", seat=2, at=went, backdate_reason="room's paper register")
    room.return_from_room(boss, "R1", at=back, backdate_reason="room's paper register")
    room.issue(boss, "B1", "W1")  # an ordinary room issue: no row
    rows = register(cli, tmp_path)
    assert [r["kind"] for r in rows] == ["backdated-room", "backdated-room"]
    issued, returned = rows
    assert (issued["barcode"], issued["member"], issued["approver"]) == ("R1", "W1", BOSS_NAME)
    assert issued["claimed"] == went.isoformat() and issued["reason"] == "room's paper register"
    assert issued["details"].startswith("reading-room use made at 09:05, entered at ")
    assert returned["details"].startswith("return from the reading room made at 11:50")
    pdf = tmp_path / "register.pdf"
    assert cli("report", "exceptions", "--lang", "ko_KP", "--out", str(pdf)).code == 0
    text = pdf_text(pdf)
    assert "열람실 소급기록 2건" in text and "09:05에 한 열람실 리용" in text
