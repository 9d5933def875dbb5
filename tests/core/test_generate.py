"""The synthetic library: the same seed builds the same library, and it obeys the rules."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from readingroom import audit, catalogue, circulation, generate
from readingroom.cli import main
from readingroom.errors import BadInput, NotPermitted
from readingroom.staff import create_first_supervisor, get_staff
from readingroom.store.db import close_database, database, open_database
from readingroom.store.models import AuditEntry
from tests.conftest import PASSWORD

AS_OF = date(2026, 1, 15)
SMALL = generate.LibrarySpec(works=300, copies=1200, borrowers=150, loans=4000, seed=5, as_of=AS_OF)
TABLES = ("work", "copy", "borrower", "loan")


def build(path: Path, spec: generate.LibrarySpec = SMALL) -> generate.GenerationResult:
    close_database()
    open_database(path, create=True)
    boss = create_first_supervisor("boss", PASSWORD)
    return generate.generate_library(boss, spec)


def dump() -> dict[str, list[tuple]]:
    return {
        table: database.execute_sql(f"SELECT * FROM {table} ORDER BY id").fetchall()
        for table in TABLES
    }


def scalar(sql: str) -> int:
    return database.execute_sql(sql).fetchone()[0]


@pytest.fixture
def library(tmp_path) -> generate.GenerationResult:
    result = build(tmp_path / "library.db")
    yield result
    close_database()


def test_the_same_seed_builds_the_same_library(tmp_path):
    build(tmp_path / "a.db")
    first = dump()
    build(tmp_path / "b.db")
    assert dump() == first
    build(tmp_path / "c.db", generate.LibrarySpec(300, 1200, 150, 4000, seed=6, as_of=AS_OF))
    other = dump()
    assert other["work"] != first["work"] and other["loan"] != first["loan"]
    close_database()


def test_it_builds_what_was_asked_for(library):
    assert (library.works, library.copies, library.borrowers, library.loans) == (
        300,
        1200,
        150,
        4000,
    )
    for table, count in zip(TABLES, (300, 1200, 150, 4000), strict=True):
        assert scalar(f"SELECT count(*) FROM {table}") == count
    # every volume of every work has a copy when there are copies enough
    assert (
        scalar(
            "SELECT count(*) FROM work w WHERE EXISTS (SELECT 1 FROM copy c "
            "WHERE c.work_id = w.id AND c.volume = w.volumes) "
        )
        == 300
    )


def test_the_loan_history_obeys_the_rules(library):
    assert (
        scalar(
            "SELECT count(*) FROM loan l JOIN borrower b ON b.id = l.borrower_id "
            "WHERE b.role = 'civilian'"
        )
        == 0
    )
    assert (
        scalar(
            "SELECT count(*) FROM loan l JOIN copy c ON c.id = l.copy_id "
            "JOIN work w ON w.id = c.work_id WHERE w.access <> 'lendable'"
        )
        == 0
    )
    assert (
        scalar(
            "SELECT count(*) FROM loan l JOIN borrower b ON b.id = l.borrower_id "
            "WHERE b.role = 'cadre' AND (l.override_by_id IS NULL "
            "OR l.overridden_codes <> 'APPROVAL_REQUIRED')"
        )
        == 0
    )
    # a copy is on loan exactly when it has an active loan
    active = scalar("SELECT count(*) FROM loan WHERE returned_at IS NULL")
    assert active == library.active_loans > 0
    assert scalar("SELECT count(*) FROM copy WHERE status = 'on-loan'") == active
    assert (
        scalar(
            "SELECT count(*) FROM loan l JOIN copy c ON c.id = l.copy_id "
            "WHERE l.returned_at IS NULL AND c.status <> 'on-loan'"
        )
        == 0
    )
    # one copy's loans follow one another, and none is returned before it was lent
    assert (
        scalar(
            "SELECT count(*) FROM loan a JOIN loan b ON a.copy_id = b.copy_id "
            "AND a.id < b.id AND b.lent_on < coalesce(a.returned_on, '9999')"
        )
        == 0
    )
    assert scalar("SELECT count(*) FROM loan WHERE returned_on < lent_on") == 0
    assert scalar("SELECT max(lent_on) FROM loan") <= AS_OF.isoformat()
    assert (
        scalar(
            "SELECT max(c) FROM (SELECT count(*) AS c FROM loan WHERE returned_at "
            "IS NULL GROUP BY borrower_id)"
        )
        <= 3
    )
    assert (
        scalar(
            f"SELECT count(*) FROM loan WHERE returned_at IS NULL AND due < '{AS_OF.isoformat()}'"
        )
        > 0
    )  # some are overdue


def test_the_database_is_whole_searchable_and_audited_once(library):
    assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert database.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    indexes = {
        name
        for (name,) in database.execute_sql(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        )
    }
    assert {"work_title", "copy_work", "loan_one_active_per_copy", "loan_borrower"} <= indexes
    title = scalar("SELECT title FROM work WHERE id = 17")
    assert 17 in catalogue.matching_work_ids(title, limit=None)
    entries = list(AuditEntry.select().where(AuditEntry.action == "generate"))
    assert len(entries) == 1
    assert json.loads(entries[0].details)["loans"] == 4000
    assert audit.verify().ok


def test_the_desk_works_on_a_generated_library(library):
    supervisor = get_staff("boss")
    barcode, member = database.execute_sql(
        "SELECT c.barcode, (SELECT member_no FROM borrower WHERE role = 'writer' AND "
        "status = 'active' AND expires > '2030-01-01' AND id NOT IN (SELECT borrower_id "
        "FROM loan WHERE returned_at IS NULL) LIMIT 1) FROM copy c JOIN work w ON "
        "w.id = c.work_id WHERE c.status = 'available' AND w.access = 'lendable' "
        "LIMIT 1"
    ).fetchone()
    assert circulation.lend(supervisor, barcode, member).decision.allowed
    circulation.return_copy(supervisor, barcode)
    assert audit.verify().ok


def test_it_fills_only_an_empty_catalogue_and_only_for_a_supervisor(
    librarian, supervisor, make_copy
):
    with pytest.raises(NotPermitted):
        generate.generate_library(librarian, SMALL)
    make_copy("B1")
    with pytest.raises(BadInput, match="new, empty catalogue"):
        generate.generate_library(supervisor, SMALL)


@pytest.mark.parametrize(
    "spec, message",
    [
        (generate.LibrarySpec(-1, 0, 0, 0), "Bad number of works"),
        (generate.LibrarySpec(0, 5, 0, 0), "Copies need works"),
        (generate.LibrarySpec(5, 5, 0, 10), "Loans need copies and borrowers"),
    ],
)
def test_impossible_libraries_are_refused(supervisor, spec, message):
    with pytest.raises(BadInput, match=message):
        generate.generate_library(supervisor, spec)


def test_isbns_carry_a_valid_check_digit():
    for number in (1, 17, 250_000, 9_999_999):
        digits = [int(d) for d in generate.isbn13(number).replace("-", "")]
        assert len(digits) == 13
        assert sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10 == 0


def test_cli_generate_creates_a_new_database_and_refuses_an_existing_one(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("READINGROOM_USER", "boss")
    monkeypatch.setenv("READINGROOM_PASSWORD", PASSWORD)
    path = tmp_path / "big.db"
    args = [
        "--db",
        str(path),
        "generate",
        "--works",
        "50",
        "--copies",
        "120",
        "--borrowers",
        "30",
        "--loans",
        "200",
        "--seed",
        "9",
        "--json",
    ]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["works"], data["copies"], data["borrowers"], data["loans"], data["seed"]) == (
        50,
        120,
        30,
        200,
        9,
    )
    assert main(args) == 1
    assert "already exists" in capsys.readouterr().err
    bad = tmp_path / "bad.db"
    assert (
        main(
            [
                "--db",
                str(bad),
                "generate",
                "--works",
                "0",
                "--copies",
                "5",
                "--borrowers",
                "0",
                "--loans",
                "0",
            ]
        )
        == 1
    )
    assert not bad.exists()
