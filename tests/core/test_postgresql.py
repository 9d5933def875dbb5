"""The same program on a PostgreSQL server: the command line end to end, the schema the
migrations make, and the database's own guards refusing with SQLite's reason codes.

Tests marked ``both_databases`` run twice, on a SQLite file and on a server started by
``tests/pg_server.py`` (skipped, saying what to install, where PostgreSQL is missing).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from peewee import IntegrityError

from readingroom import audit, circulation
from readingroom.decision import guard_code
from readingroom.errors import DatabaseUnavailable, Refused, is_unique_violation
from readingroom.messages import Code
from readingroom.store import db as store
from readingroom.store.server import ServerUrl, mask_password
from tests.core.cli_support import InProcess
from tests.pg_server import PASSWORD as SERVER_PASSWORD
from tests.pg_server import ServerForTests

ON_SERVER = pytest.mark.parametrize("db_backend", ["postgresql"], indirect=True)


@pytest.fixture
def cli(db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    return InProcess(db_path, capsys, monkeypatch)


@pytest.mark.both_databases
def test_init_demo_lend_return_and_verify_from_the_command_line(cli: InProcess) -> None:
    made = cli("init", "--demo")
    assert made.code == 0, made
    assert "with the demo collection" in made.out

    lent = cli("lend", "RR00001", "W-1002")
    assert lent.code == 0, lent
    twice = cli("lend", "RR00001", "W-1001")
    assert twice.code == 3 and "ON_LOAN" in twice.err
    civilian = cli("lend", "RR00003", "P-3001")
    assert civilian.code == 3 and "ROLE_NOT_PERMITTED" in civilian.err
    returned = cli("return", "RR00001")
    assert returned.code == 0 and "RR00001" in returned.out

    verified = cli("audit", "verify")
    assert verified.code == 0, verified
    assert "Audit trail intact" in verified.out and "the tables agree" in verified.out


@pytest.mark.both_databases
def test_the_database_refuses_a_loan_to_a_civilian_written_round_the_services(
    db, make_copy, make_borrower
) -> None:
    copy, civilian = make_copy("C-1"), make_borrower("P-1", role="civilian")
    with pytest.raises(IntegrityError) as refused, store.write_transaction():
        store.database.execute_sql(
            "INSERT INTO loan (copy_id, borrower_id, lent_on, lent_at, due) "
            "VALUES (?, ?, '2026-01-01', '2026-01-01 10:00:00', '2026-01-20')",
            (copy.id, civilian.id),
        )
    assert guard_code(refused.value) is Code.ROLE_NOT_PERMITTED


@pytest.mark.both_databases
def test_the_database_keeps_one_active_loan_per_copy(db, make_copy, make_borrower) -> None:
    copy, one, two = make_copy("C-1"), make_borrower("W-1"), make_borrower("W-2")
    insert = (
        "INSERT INTO loan (copy_id, borrower_id, lent_on, lent_at, due) "
        "VALUES (?, ?, '2026-01-01', '2026-01-01 10:00:00', '2026-01-20')"
    )
    with pytest.raises(IntegrityError) as refused, store.write_transaction():
        store.database.execute_sql(insert, (copy.id, one.id))
        store.database.execute_sql(insert, (copy.id, two.id))
    assert is_unique_violation(refused.value)


@pytest.mark.both_databases
def test_an_edit_that_would_forbid_a_current_loan_is_refused_by_the_database(
    db, supervisor, make_copy, make_borrower
) -> None:
    copy, writer = make_copy("C-1"), make_borrower("W-1")
    circulation.lend(supervisor, copy.barcode, writer.member_no)
    with pytest.raises(IntegrityError) as refused, store.write_transaction():
        store.database.execute_sql(
            "UPDATE borrower SET role = 'civilian' WHERE id = ?", (writer.id,)
        )
    assert guard_code(refused.value) is Code.HAS_ACTIVE_LOANS


@pytest.mark.both_databases
def test_lend_renew_return_keep_the_trail_intact(db, supervisor, make_copy, make_borrower):
    copy, writer = make_copy("C-1"), make_borrower("W-1")
    loan = circulation.lend(supervisor, copy.barcode, writer.member_no).loan
    with pytest.raises(Refused) as again:
        circulation.lend(supervisor, copy.barcode, make_borrower("W-2").member_no)
    assert Code.ON_LOAN.value in again.value.decision.codes
    circulation.renew(supervisor, copy.barcode, override_reason="travelling to a congress")
    circulation.return_copy(supervisor, copy.barcode)
    assert (
        circulation.lend(supervisor, copy.barcode, make_borrower("W-3").member_no).loan.id > loan.id
    )
    verification = audit.verify()
    assert verification.ok, verification
    assert audit.verify_and_compare()[2] == 0  # the tables agree with the trail


# -- on the server only ------------------------------------------------------------------------


@ON_SERVER
def test_the_servers_tables_are_those_the_migrations_make_on_sqlite(
    db_path: ServerUrl, tmp_path: Path
) -> None:
    store.open_database(tmp_path / "file.db", create=True)
    store.close_database()
    with sqlite3.connect(tmp_path / "file.db") as file:
        on_sqlite = {
            table: [row[1] for row in file.execute(f'PRAGMA table_info("{table}")')]
            for (table,) in file.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'work_fts%'"
            )
        }
    server = store.open_database(db_path, create=True)
    on_server = {
        table: [c.name for c in server.get_columns(table)] for table in server.get_tables()
    }
    assert on_server == on_sqlite
    assert store.schema_version(server) == store.latest_schema_version()


@ON_SERVER
def test_a_password_in_the_address_is_never_shown(
    pg_server: ServerForTests, db_path: ServerUrl, capsys, monkeypatch
) -> None:
    monkeypatch.delenv("PGPASSWORD")
    with_password = ServerUrl(pg_server.url(db_path.name, with_password=True))
    assert SERVER_PASSWORD not in str(with_password) and "***" in str(with_password)
    typed = InProcess(with_password.url, capsys, monkeypatch)  # type: ignore[arg-type]
    made = typed("init")
    assert made.code == 0, made
    assert SERVER_PASSWORD not in made.out + made.err and "***" in made.out
    monkeypatch.setenv("PGPASSWORD", "not-the-password")
    wrong = InProcess(pg_server.url(db_path.name), capsys, monkeypatch)("audit", "verify")
    assert wrong.code != 0 and "password authentication failed" in wrong.err
    assert "Traceback" not in wrong.err
    assert mask_password("postgresql://u:secret@h:5/n") == "postgresql://u:***@h:5/n"


@ON_SERVER
def test_encryption_is_refused_on_a_server(db_path: ServerUrl) -> None:
    with pytest.raises(DatabaseUnavailable, match="SQLite file only"):
        store.open_database(db_path, key="a passphrase", create=True)


@ON_SERVER
def test_an_empty_database_is_not_a_catalogue_and_init_never_writes_over_one(
    db_path: ServerUrl,
) -> None:
    with pytest.raises(DatabaseUnavailable, match="No catalogue"):
        store.open_database(db_path)
    store.open_database(db_path, create=True)
    store.close_database()
    with pytest.raises(DatabaseUnavailable, match="not empty"):
        store.open_database(db_path, create=True)
