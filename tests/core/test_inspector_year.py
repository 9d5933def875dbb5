"""The inspector's year played through the command line (issue 12): full names, an approved
exception, a back-dated overdue loan recalled by letter, a stocktake with two copies not
found, one at a wrong location, one unknown barcode and one copy found in the safe while the
records say it is on loan; then the close, the reports and the chain; and a second year's
stocktake compared with the first."""

from __future__ import annotations

import csv
import hashlib
import json
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.core.cli_support import InProcess
from tests.core.inspection_support import (  # noqa: F401 - fixture
    SET_TITLE,
    calendar_fixture,
    pdf_text,
    small_collection,
)


@pytest.fixture
def cli(db, capsys, monkeypatch) -> InProcess:
    return InProcess(db, capsys, monkeypatch)


@pytest.fixture
def collection(calendar, librarian, inspector, supervisor, make_borrower):
    small_collection(supervisor)  # A001-A006 on Safe A/1; P1-P3, a three-volume set, Safe B/3
    make_borrower("W1", name="리명희")
    make_borrower("W2", name="Kim Chol-su")
    make_borrower("C1", role="cadre", name="오광철")
    make_borrower("V1", role="civilian", name="Ri Civilian")


BRANCH = "작가동맹 개성지부 (Kaesong Branch)"


def ok(done) -> str:
    assert done.code == 0, done
    return done.out


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def details(cli: InProcess, action: str) -> dict:
    entries = cli("audit", "list", "--action", action, "--json").json()["entries"]
    return json.loads(entries[-1]["details"])


def test_the_inspectors_year(collection, cli, calendar, tmp_path):
    # the year ends on the machine's own day: a restore compares each letter's date with
    # the day the trail wrote it, and the trail is written by the machine's clock
    today = calendar.set(date.today())
    # full names, given by the supervisor
    ok(cli("staff", "edit", "lib", "--full-name", "Kim Eun-ha"))
    ok(cli("staff", "edit", "boss", "--full-name", "Park Sang-ho"))
    ok(cli("settings", "branch", BRANCH))
    # early in the year A004 goes out and comes back; later it will not be found
    ok(cli("lend", "A004", "W1", user="lib"))
    ok(cli("return", "A004", user="lib"))
    # an attempt that matters: a loan to a civilian, refused and kept for the inspector
    refused = cli("lend", "A003", "V1", user="lib")
    assert refused.code == 3 and "ROLE_NOT_PERMITTED" in refused.err, refused
    # the year: an approved exception, a back-dated loan now overdue, an ordinary loan
    ok(cli("lend", "A001", "C1", "--override", "Approved for the seminar"))
    claimed = today - timedelta(days=60)
    ok(cli("lend", "A002", "W1", "--date", claimed.isoformat(), "--reason", "entered late"))
    ok(cli("lend", "P1", "W2", user="lib"))
    ok(cli("inspection", "schedule", (today + timedelta(days=20)).isoformat()))
    recall = ok(cli("inspection", "recall", "--out", str(tmp_path / "letters"), user="lib"))
    assert "each recorded on its loan" in recall
    letter = pdf_text(next((tmp_path / "letters").glob("recall-W1*.pdf")))
    assert "Kim Eun-ha" in letter  # the letter is signed with the full name

    overdue = {r["barcode"]: r for r in read_csv(Path(_report(cli, "overdue", tmp_path, "csv")))}
    assert (overdue["A002"]["reminder_level"], overdue["A002"]["recall_level"]) == ("0", "1")
    assert overdue["A002"]["last_recall"] == today.isoformat()

    # the stocktake: A004 and A006 not found, A005 at a wrong place, an unknown barcode,
    # P1 found in the safe while the records say it is lent to W2
    ok(cli("inspection", "start", user="lib"))
    ok(cli("inspection", "scan", "--location", "Safe A/1", "A003", "ZZZ-9", user="lib"))
    ok(cli("inspection", "scan", "--location", "Safe Q", "A005", user="lib"))
    ok(cli("inspection", "scan", "--location", "Safe B/3", "P1", "P2", "P3", user="lib"))
    closed = ok(
        cli("inspection", "close", "--signed-by", "Park Sang-ho", "--inspector", "Lee Min-jae")
    )
    assert "the supervisor Park Sang-ho (boss)" in closed and "inspector: Lee Min-jae" in closed
    assert "marked missing (2):\n    A004  Work 4\n    A006  Work 6\n" in closed
    assert "present-on-loan (found, but the records say on loan): P1" in closed
    recorded = details(cli, "stocktake-close")
    assert recorded["marked_missing"] == ["A004", "A006"]
    assert recorded["inspector"] == "Lee Min-jae"

    # the inspection report, row by row: discrepancies first
    rows = read_csv(Path(_report(cli, "inspection", tmp_path, "csv")))
    outcome = {r["barcode"]: r["outcome"] for r in rows}
    assert outcome == {
        "A001": "on-loan",
        "A002": "on-loan",
        "A003": "present",
        "A004": "missing",
        "A005": "misplaced",
        "A006": "missing",
        "P1": "present-on-loan",
        "P2": "present",
        "P3": "present",
        "ZZZ-9": "unexpected",
    }
    order = [r["outcome"] for r in rows]
    assert set(order[:5]) == {"missing", "misplaced", "unexpected", "present-on-loan"}
    by_code = {r["barcode"]: r for r in rows}
    assert by_code["A005"]["found_location"] == "Safe Q"
    assert "take the return at the desk" in by_code["P1"]["note"]

    # the totals agree with the loans of the same moment: 2 on loan + 1 found on loan = 3
    loans = {r["barcode"]: r for r in read_csv(Path(_report(cli, "loans", tmp_path, "csv")))}
    assert set(loans) == {"A001", "A002", "P1"}
    assert (loans["A001"]["override_by"], loans["A001"]["override_by_name"]) == (
        "boss",
        "Park Sang-ho",
    )
    assert (loans["A002"]["backdated"], loans["A002"]["lent_on"]) == ("yes", claimed.isoformat())

    # the PDF's first page and its signature lines
    pdf = Path(_report(cli, "inspection", tmp_path, "pdf"))
    first = " ".join(PdfReader(pdf).pages[0].extract_text().split())
    verify = cli("audit", "verify", "--json")
    assert verify.code == 0, verify  # the trail replays onto the tables: nothing unexplained
    fingerprint = verify.json()["root_fingerprint"]
    grouped = " ".join(fingerprint[i : i + 4] for i in range(0, len(fingerprint), 4))
    signed = details(cli, "stocktake-signed")
    for fact in (
        BRANCH,
        f"Inspection date {(today + timedelta(days=20)).isoformat()}",
        "by Kim Eun-ha (lib)",
        "Kim Eun-ha (lib) 6 scans, first",
        "by the supervisor Park Sang-ho (boss)",
        "Signed by Park Sang-ho",
        "Inspector Lee Min-jae",
        f"Chain head at signing entry {signed['audit_count']}, SHA-256 {signed['audit_hash']}",
        f"Root fingerprint now {grouped}",
        "Expected 9 = present 3 + on-loan 2 + missing 2 + misplaced 1 + present-on-loan 1",
    ):
        assert fact in first, fact
    text = pdf_text(pdf)
    assert "Inspector Lee Min-jae Signature Date Supervisor Park Sang-ho (boss) Signature" in text
    assert "There is no earlier signed stocktake to compare with." in text
    # what the records say happened last to each copy not found
    assert f"last lent to W1 on {today.isoformat()}, returned" in by_code["A004"]["note"]
    assert "never lent, not found at an earlier stocktake" in by_code["A006"]["note"]

    # the inventory of the same moment agrees with the report and the loans
    inventory = read_csv(Path(_report(cli, "inventory", tmp_path, "csv")))
    assert Counter(r["status"] for r in inventory) == {"available": 4, "on-loan": 3, "missing": 2}
    text = pdf_text(Path(_report(cli, "inventory", tmp_path, "pdf")))
    assert "Access" in text and "9 copies of 7 works (available 4, on-loan 3, missing 2)." in text
    # every work in the circulation report, with its translator column; signature lines
    circulation = read_csv(Path(_report(cli, "circulation", tmp_path, "csv")))
    assert {r["title"] for r in circulation} == {f"Work {n}" for n in range(1, 7)} | {SET_TITLE}
    assert "translator" in circulation[0]
    for kind in ("loans", "overdue", "circulation"):
        text = pdf_text(Path(_report(cli, kind, tmp_path, "pdf")))
        assert text.count("Signature") == 2 and "Park Sang-ho" in text, kind

    # a policy change and a restore of a backup taken a moment before: both are exceptions
    ok(cli("policy", "set", "writer", "lendable", "loan", "--days", "14"))
    ok(cli("backup", "--out", str(tmp_path / "saved.db")))
    ok(cli("restore", str(tmp_path / "saved.db")))
    register = read_csv(Path(_report(cli, "exceptions", tmp_path, "csv")))
    kinds = [(r["kind"], r["barcode"]) for r in register]
    for expected in (
        ("override", "A001"),
        ("backdated-loan", "A002"),
        ("refused", "A003"),
        ("copy-out", "A004"),
        ("copy-out", "A006"),
        ("policy", ""),
        ("restore", ""),
    ):
        assert expected in kinds, expected
    attempt = next(r for r in register if r["kind"] == "refused")
    assert (attempt["member"], attempt["codes"]) == ("V1", "ROLE_NOT_PERMITTED")
    assert attempt["staff"] == "Kim Eun-ha (lib)"
    assert [r["date"] for r in register] == sorted(r["date"] for r in register)  # by date

    # the bundle holds the register; the report then names the bundle's manifest
    folder = tmp_path / "bundle"
    ok(cli("export-bundle", "--out", str(folder)))
    assert (folder / "exceptions.csv").exists() and (folder / "exceptions.pdf").exists()
    manifest = hashlib.sha256((folder / "MANIFEST.sha256").read_bytes()).hexdigest()
    grouped = " ".join(manifest[i : i + 4] for i in range(0, len(manifest), 4))
    first = " ".join(
        PdfReader(_report(cli, "inspection", tmp_path, "pdf", "after-bundle"))
        .pages[0]
        .extract_text()
        .split()
    )
    assert f"manifest SHA-256 {grouped}" in first

    # a year on: the loans come back, A006 turns up, A004 stays missing, A003 is withdrawn
    calendar.shift(365)
    ok(cli("return", "A001", "--condition", "damaged", user="lib"))  # C1 brings it back torn
    for barcode in ("A002", "P1"):
        ok(cli("return", barcode, user="lib"))
    ok(
        cli(
            "copy",
            "mark",
            "A003",
            "withdrawn",
            "--reason",
            "pages missing, written off",
            "--confirmed-by",
            "lib",
            stdin="pass-word-1\n",
        )
    )
    ok(cli("inspection", "start", user="lib"))
    scanned = ["A001", "A002", "A005", "A006", "P1", "P2", "P3"]
    ok(cli("inspection", "scan", "--location", "Safe A/1", *scanned[:4], user="lib"))
    ok(cli("inspection", "scan", "--location", "Safe B/3", *scanned[4:], user="lib"))
    ok(cli("inspection", "close", "--signed-by", "boss", "--inspector", "Lee Min-jae"))
    second = _report(cli, "inspection", tmp_path, "pdf", name="second")
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(second).pages]
    comparison = pages[1]
    assert "Compared with stocktake 1, the previous signed one" in comparison
    assert "Missing again (1) A004 — Work 4" in comparison
    assert "Found again (1) A006 — Work 6 — now present" in comparison
    assert "Withdrawn (1) A003 — Work 3 — now withdrawn" in comparison
    rows = {
        r["barcode"]: r
        for r in read_csv(Path(_report(cli, "inspection", tmp_path, "csv", name="second")))
    }
    assert "missing again (missing at stocktake 1)" in rows["A004"]["note"]
    assert "found again (missing at stocktake 1)" in rows["A006"]["note"]
    assert SET_TITLE in " ".join(pages)
    register = read_csv(Path(_report(cli, "exceptions", tmp_path, "csv", "second")))
    assert [(r["kind"], r["barcode"], r["details"]) for r in register[-2:]] == [
        ("copy-out", "A003", "available to withdrawn"),
        ("copy-back", "A006", "missing to available"),
    ]
    assert register[-2]["reason"] == "pages missing, written off"
    damaged = next(r for r in read_csv(Path(_report(cli, "condition", tmp_path, "csv"))))
    assert (damaged["barcode"], damaged["condition"]) == ("A001", "damaged")
    assert (damaged["returned_by"], damaged["returned_by_member_no"]) == ("오광철", "C1")
    assert cli("audit", "verify").code == 0


def _report(cli: InProcess, kind: str, folder: Path, fmt: str, name: str = "") -> str:
    path = folder / f"{kind}{'-' + name if name else ''}.{fmt}"
    ok(cli("report", kind, "--format", fmt, "--out", str(path)))
    return str(path)
