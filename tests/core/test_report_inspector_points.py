"""What the inspector noticed in the reports, through the real command line: the branch name
(``settings branch``), the loans report's override reason and back-dating, the inventory's
access class and total, the condition report's borrower, the circulation report's every work
and translator, and the signature lines of every PDF."""

from __future__ import annotations

import csv
import json
from datetime import timedelta
from pathlib import Path

import pytest

from readingroom import clock
from tests.core.cli_support import InProcess, dump
from tests.core.inspection_support import (  # noqa: F401 - fixtures
    built_collection_fixture,
    collection_db_fixture,
    pdf_text,
)

DEFAULT = "Writers' Union, Regional Branch"
NEW = "작가동맹 평양지부 (Pyongyang Branch)"


@pytest.fixture
def cli(collection_db, capsys, monkeypatch) -> InProcess:
    return InProcess(collection_db, capsys, monkeypatch)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def report(cli: InProcess, kind: str, path: Path, *more: str) -> Path:
    done = cli("report", kind, "--out", str(path), *more)
    assert done.code == 0, done
    return path


# -- the branch name ----------------------------------------------------------------------


def test_only_a_supervisor_changes_the_branch(cli):
    before = dump(cli.db)
    for user in ("lib", "insp"):
        refused = cli("settings", "branch", NEW, user=user)
        assert refused.code == 5 and "supervisor" in refused.err, refused
        shown = cli("settings", "branch", user=user)
        assert shown.code == 0 and DEFAULT in shown.out
    assert dump(cli.db) == before


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("North\nBranch", "control character"),
        ("North\tBranch", "control character"),
        ("North\x1b[31mBranch", "control character"),
        ("North\u202eBranch", "control character"),
        ("x" * 121, "at most 120"),
    ],
)
def test_a_bad_branch_name_is_refused_and_changes_nothing(cli, name, says):
    before = dump(cli.db)
    done = cli("settings", "branch", name)
    assert done.code == 1 and says in done.err and "Traceback" not in done.err, done
    assert dump(cli.db) == before


def test_the_new_branch_heads_every_report_and_letter(cli, tmp_path):
    done = cli("settings", "branch", f"  {NEW}  ", "--json")
    assert done.code == 0, done
    assert done.json() == {"branch": NEW}
    assert cli("settings", "branch").out.strip() == f"Branch: {NEW}"
    entries = cli("audit", "list", "--action", "setting-change", "--json").json()
    (entry,) = [e for e in entries["entries"] if e["entity_id"] == "branch"]
    assert entry["staff"] == "boss"
    assert json.loads(entry["details"]) == {"old": DEFAULT, "new": NEW}
    for kind in ("inventory", "loans", "overdue", "inspection", "condition", "circulation"):
        text = pdf_text(report(cli, kind, tmp_path / f"{kind}.pdf"))
        assert NEW in text and DEFAULT not in text, kind
    assert cli("inspection", "recall", "--out", str(tmp_path / "letters")).code == 0
    letters = sorted((tmp_path / "letters").glob("*.pdf"))
    assert letters
    for letter in letters:
        assert NEW in pdf_text(letter)


# -- the loans report ---------------------------------------------------------------------

#: the loans report's CSV columns before these points: a contract, never renamed or moved
LOANS_COLUMNS = [
    "barcode",
    "title",
    "volume",
    "member_no",
    "borrower",
    "role",
    "lent_on",
    "due",
    "renewals",
    "days_overdue",
    "override_by",
]


def test_loans_show_the_reason_and_the_day_a_back_dated_loan_was_entered(cli, tmp_path):
    today = clock.today()
    claimed = today - timedelta(days=4)
    done = cli(
        "lend",
        "A004",
        "C1",
        "--override",
        '=HYPERLINK("http://x")',
        "--date",
        claimed.isoformat(),
        "--reason",
        "entered late",
    )
    assert done.code == 0, done
    path = report(cli, "loans", tmp_path / "loans.csv")
    with path.open(encoding="utf-8", newline="") as stream:
        header = next(csv.reader(stream))
    assert header[: len(LOANS_COLUMNS)] == LOANS_COLUMNS  # added columns only at the end
    assert header[len(LOANS_COLUMNS) :] == [
        "override_reason",
        "backdated",
        "entered_on",
        "override_by_name",
    ]
    loans = {row["barcode"]: row for row in read_csv(path)}
    seminar = loans["A001"]
    assert (seminar["override_by"], seminar["override_reason"]) == (
        "boss",
        "Approved for the seminar",
    )
    assert (seminar["backdated"], seminar["entered_on"]) == ("no", "")
    late = loans["A004"]
    assert late["override_reason"] == '\'=HYPERLINK("http://x")'  # neutralised, as every cell
    assert late["lent_on"] == claimed.isoformat()
    # the day it was entered is its audit entry's (the trail's own clock), not the day claimed
    entries = cli("audit", "list", "--action", "lend-override", "--json").json()["entries"]
    entered = entries[-1]["at"][:10]
    assert (late["backdated"], late["entered_on"]) == ("yes", entered)
    assert (loans["P1"]["backdated"], loans["P1"]["override_reason"]) == ("no", "")
    text = pdf_text(report(cli, "loans", tmp_path / "loans.pdf"))
    assert "Reason given" in text and "Entered on" in text
    assert "Approved for the seminar" in text and entered in text


# -- the inventory ------------------------------------------------------------------------

INVENTORY_COLUMNS = [
    "barcode",
    "title",
    "author",
    "translator",
    "volume",
    "access",
    "status",
    "location",
    "condition",
    "borrower",
    "due",
]


def test_the_inventory_pdf_shows_the_access_class_and_a_true_total(cli, tmp_path):
    for barcode, access in (("A004", "staff-only"), ("A006", "reading-room")):
        done = cli("work", "edit", barcode, "--access", access)
        assert done.code == 0, done
    rows = read_csv(report(cli, "inventory", tmp_path / "inventory.csv"))
    assert list(rows[0]) == INVENTORY_COLUMNS  # the CSV is unchanged
    text = pdf_text(report(cli, "inventory", tmp_path / "inventory.pdf"))
    assert "Access" in text
    for barcode, access in (("A004", "staff-only"), ("A006", "reading-room"), ("A005", "lendable")):
        row = text[text.index(f"{barcode} Work ") :][:60]  # barcode, title, author, volume
        assert row.split()[6] == access, row
    assert "Copies: 9 of 7 works" not in text
    assert "9 copies of 7 works (available 5, on-loan 3, missing 1)." in text


# -- the condition report -----------------------------------------------------------------

CONDITION_COLUMNS = [
    "barcode",
    "title",
    "volume",
    "condition",
    "status",
    "location",
    "recorded_on",
    "recorded_by",
    "note",
]


def test_the_condition_report_names_the_borrower_who_returned_a_copy_damaged(cli, tmp_path):
    done = cli("return", "A003", "--condition", "damaged")  # lent to W2, Kim Chol-su
    assert done.code == 0, done
    path = report(cli, "condition", tmp_path / "condition.csv")
    with path.open(encoding="utf-8", newline="") as stream:
        header = next(csv.reader(stream))
    assert header[: len(CONDITION_COLUMNS)] == CONDITION_COLUMNS
    assert header[len(CONDITION_COLUMNS) :] == ["returned_by", "returned_by_member_no"]
    rows = read_csv(path)
    damaged, ragged = rows[0], rows[1]
    assert (damaged["barcode"], damaged["condition"], damaged["recorded_by"]) == (
        "A003",
        "damaged",
        "boss",
    )
    assert (damaged["returned_by"], damaged["returned_by_member_no"]) == ("Kim Chol-su", "W2")
    assert (ragged["barcode"], ragged["recorded_by"], ragged["returned_by"]) == (
        "A002",
        "lib",
        "Kim Chol-su",
    )
    assert {r["returned_by"] for r in rows[2:]} == {""}  # never graded at a return
    text = pdf_text(report(cli, "condition", tmp_path / "condition.pdf"))
    assert "Returned by" in text and "Recorded by" in text
    row = text[text.index("A003 ") :][:120]
    assert "damaged" in row and "boss" in row and "Kim Chol-su W2" in row, row


# -- the circulation report ---------------------------------------------------------------

CIRCULATION_COLUMNS = ["title", "author", "copies", "loans", "borrowers", "waiting", "requests"]
LES_MIS = "Les Misérables"


def test_circulation_lists_every_work_and_keeps_two_translations_apart(cli, tmp_path):
    catalogue = tmp_path / "les-mis.csv"
    catalogue.write_text(
        "barcode,title,author,translator,location\n"
        f"LM1,{LES_MIS},Victor Hugo,김학수,Safe C/1\n"
        f"LM2,{LES_MIS},Victor Hugo,=Pak Song-ho,Safe C/1\n",
        encoding="utf-8",
    )
    done = cli("import", "catalogue", str(catalogue))
    assert done.code == 0, done
    assert cli("lend", "LM1", "W2").code == 0
    path = report(cli, "circulation", tmp_path / "circulation.csv")
    with path.open(encoding="utf-8", newline="") as stream:
        header = next(csv.reader(stream))
    assert header[: len(CIRCULATION_COLUMNS)] == CIRCULATION_COLUMNS
    assert header[len(CIRCULATION_COLUMNS) :] == ["translator", "work_id"]
    rows = read_csv(path)
    assert len(rows) == 9 == len({r["work_id"] for r in rows})  # every work, once
    assert {f"Work {n}" for n in range(1, 7)} <= {r["title"] for r in rows}
    quiet = next(r for r in rows if r["title"] == "Work 6")
    assert (quiet["loans"], quiet["waiting"], quiet["requests"]) == ("0", "0", "0")
    translations = sorted(
        (r["translator"], r["loans"], r["copies"]) for r in rows if r["title"] == LES_MIS
    )
    assert translations == [("'=Pak Song-ho", "0", "1"), ("김학수", "1", "1")]  # neutralised
    text = pdf_text(report(cli, "circulation", tmp_path / "circulation.pdf"))
    assert "Title Author Translator Copies Loans" in text  # the translator beside the author
    assert f"{LES_MIS} Victor Hugo 김학수 1 1" in text
    assert f"{LES_MIS} Victor Hugo =Pak Song-ho 1 0" in text


# -- signature lines ----------------------------------------------------------------------

SIGNED_BY = {
    "inventory": ["Librarian"],
    "loans": ["Librarian", "Supervisor"],
    # exported by a supervisor: their own line, with their printed name, after the librarian's
    "overdue": ["Librarian", "Supervisor"],
    "inspection": ["Inspector", "Supervisor"],
    "overrides": ["Supervisor"],
    "condition": ["Librarian"],
    "circulation": ["Librarian", "Supervisor"],
}


@pytest.mark.parametrize("kind", sorted(SIGNED_BY))
def test_every_pdf_has_its_signature_lines(cli, kind, tmp_path):
    text = pdf_text(report(cli, kind, tmp_path / f"{kind}.pdf"))
    labels = SIGNED_BY[kind]
    assert text.count("Signature") == len(labels) and text.count(" Date") >= len(labels), kind
    for label in labels:
        assert label in text, (kind, label)
