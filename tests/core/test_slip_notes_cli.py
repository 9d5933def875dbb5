"""The command line of the desk's slip and borrower notes: ``lend``/``return --slip``,
``settings slip`` and ``borrower note``/``notes``/``resolve-note``."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from readingroom.store.models import Loan
from tests.core.cli_support import InProcess


@pytest.fixture
def cli(db, supervisor, librarian, make_copy, make_borrower, capsys, monkeypatch) -> InProcess:
    make_copy("RR00001", "인간의 증명", volume=1, volumes=3)
    make_copy("RR00002", "The Last Leaf", author="O. Henry")
    make_borrower("W-1001", name="김수영")
    make_borrower("C-2001", "cadre", name="Cadre Ri")
    return InProcess(db, capsys, monkeypatch)


def page_text(path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


def test_lend_and_return_write_their_slips(cli, tmp_path):
    lent = cli("lend", "RR00001", "W-1001", "--slip", str(tmp_path / "lend.pdf"))
    assert lent.code == 0, lent
    assert "Slip written to" in lent.out
    text = page_text(tmp_path / "lend.pdf")
    assert "Loan slip" in text and "김수영 (W-1001)" in text and "인간의 증명, vol. 1" in text
    seq = int(lent.out.split("audit entry #")[1].split(")")[0])
    assert f"#{seq}" in text
    back = cli("return", "RR00001", "--condition", "worn", "--slip", str(tmp_path / "b.pdf"))
    assert back.code == 0, back
    text = page_text(tmp_path / "b.pdf")
    assert "Return slip" in text and "worn" in text


def test_an_override_slip_and_json(cli, tmp_path):
    run = cli(
        "lend",
        "RR00002",
        "C-2001",
        "--override",
        "letter 12-01",
        "--json",
        "--slip",
        str(tmp_path / "o.pdf"),
    )
    assert run.code == 0, run
    data = run.json()
    assert data["slip"] == str(tmp_path / "o.pdf") and data["audit_seq"] > 0
    text = page_text(tmp_path / "o.pdf")
    assert "RR00002 *" in text and "APPROVAL_REQUIRED" in text and "letter 12-01" in text


def test_a_slip_that_cannot_be_written_records_nothing(cli, tmp_path):
    run = cli("lend", "RR00001", "W-1001", "--slip", str(tmp_path / "nowhere" / "s.pdf"))
    assert run.code != 0 and "folder does not exist" in run.err
    assert Loan.select().count() == 0
    refused = cli("lend", "RR00002", "C-2001", "--slip", str(tmp_path / "r.pdf"))
    assert refused.code == 3, refused  # the refusal's exit code, unchanged
    assert not (tmp_path / "r.pdf").exists()


def test_the_slip_setting(cli):
    assert cli("settings", "slip").out.strip() == "Slips: ask"
    assert cli("settings", "slip", "never", user="lib").code != 0
    assert cli("settings", "slip", "sometimes").code == 2
    assert cli("settings", "slip", "always").code == 0
    assert cli("settings", "slip", "--json").json() == {"slip": "always"}


def test_borrower_notes(cli):
    run = cli("borrower", "note", "w-1001", "asked to return vol. 2 by phone on 12-01", user="lib")
    assert run.code == 0, run
    assert "Desk Librarian: asked to return vol. 2 by phone on 12-01" in run.out
    cli("borrower", "note", "W-1001", "새 주소: 평양시 중구역")
    listed = cli("borrower", "notes", "W-1001", "--json").json()
    assert [n["text"] for n in listed["notes"]] == [
        "새 주소: 평양시 중구역",
        "asked to return vol. 2 by phone on 12-01",
    ]
    first = listed["notes"][1]["id"]
    assert cli("borrower", "resolve-note", str(first)).code == 0
    assert cli("borrower", "resolve-note", str(first)).code == 1
    assert len(cli("borrower", "notes", "W-1001", "--json").json()["notes"]) == 1
    assert len(cli("borrower", "notes", "W-1001", "--all", "--json").json()["notes"]) == 2
    assert "2 notes" in cli("borrower", "notes", "W-1001", "--all").out
    assert cli("borrower", "note", "W-1001", "  ").code == 1
    assert cli("borrower", "note", "W-9999", "who?").code != 0
    assert cli("borrower", "note", "W-1001", "read only", user="insp").code != 0
    assert cli("audit", "verify").code == 0
    shown = cli("borrower", "show", "W-1001")
    assert "  note " in shown.out and "새 주소: 평양시 중구역" in shown.out
    assert "asked to return" not in shown.out  # resolved
    assert [n["text"] for n in cli("borrower", "show", "W-1001", "--json").json()["notes"]] == [
        "새 주소: 평양시 중구역"
    ]
