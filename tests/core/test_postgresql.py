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
from readingroom.store.server_schema import ROW_COUNT_TABLE, SEARCH_COLUMN
from tests.core.cli_support import InProcess, outside_connection
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
    on_server = {  # but the server's own count of the works and search document
        table: [c.name for c in server.get_columns(table) if c.name != SEARCH_COLUMN]
        for table in server.get_tables()
        if table != ROW_COUNT_TABLE
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


def _search_answers(target: Path | ServerUrl, queries: list[str]) -> dict[str, list[str]]:
    """What each query finds in the demo collection at ``target``, best match first."""
    from readingroom import catalogue, demo, staff

    store.open_database(target, create=True)
    try:
        boss = staff.create_first_supervisor("boss", "pass-word-long-1", "Chief", demo=True)
        demo.load_demo(boss)
        answers = {}
        for query in queries:
            works = catalogue.search(query, limit=1000)
            answers[query] = [f"{w.title} / {w.translator}" for w in works]
        return answers
    finally:
        store.close_database()


def _demo_queries() -> list[str]:
    """Every word's first one, two and three letters in the demo catalogue, and whole
    words with and without their accents, in every column searched, plus a few phrases."""
    import csv
    import unicodedata

    from readingroom.paths import resources_dir

    with open(resources_dir() / "demo" / "catalogue.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    words = {
        word
        for row in rows
        for column in ("title", "author", "original_title", "translator")
        for word in row[column].split()
    }
    queries = {word[:n] for word in words for n in (1, 2, 3)} | words
    queries |= {
        "".join(c for c in unicodedata.normalize("NFD", w) if not unicodedata.combining(c))
        for w in words
    }
    return sorted(queries | {"les mis", "proof man", "the bell", "o. henry", "ZZZ"})


@ON_SERVER
def test_search_finds_the_same_works_on_a_server_as_in_a_file(
    db_path: ServerUrl, tmp_path: Path
) -> None:
    queries = _demo_queries()
    on_sqlite = _search_answers(tmp_path / "demo.db", queries)
    on_server = _search_answers(db_path, queries)
    differ = {
        q: (on_sqlite[q], on_server[q])
        for q in queries
        if sorted(on_sqlite[q]) != sorted(on_server[q])
    }
    assert not differ, f"{len(differ)} of {len(queries)} queries differ: {list(differ.items())[:5]}"
    assert sum(1 for q in queries if on_sqlite[q]) > len(queries) // 2  # most find something
    # and in the same order: the server's rank is FTS5's bm25 (server_schema.RANK_SQL)
    ordered = {q: (on_sqlite[q], on_server[q]) for q in queries if on_sqlite[q] != on_server[q]}
    assert not ordered, f"{len(ordered)} queries ordered differently: {list(ordered.items())[:3]}"
    assert sum(1 for q in queries if on_sqlite[q] != sorted(on_sqlite[q])) > 20  # ranked


@ON_SERVER
def test_backup_on_a_server_is_pg_dumps_custom_format(cli: InProcess, tmp_path: Path) -> None:
    assert cli("init", "--demo").code == 0
    out = tmp_path / "catalogue.dump"
    made = cli("backup", "--out", str(out))
    assert made.code == 0, made
    assert "pg_dump -Fc" in made.out
    assert out.read_bytes().startswith(b"PGDMP")  # pg_dump's custom format
    assert cli("backup", "--out", str(out)).code == 1  # never over a file
    assert "backup" in cli("audit", "list", "--limit", "1").out


@ON_SERVER
def test_migrate_to_copies_a_branch_file_with_its_chain_and_seals(
    db_path: ServerUrl, tmp_path: Path, capsys, monkeypatch
) -> None:
    branch = InProcess(tmp_path / "branch.db", capsys, monkeypatch)  # type: ignore[arg-type]
    assert branch("init", "--demo").code == 0
    assert branch("lend", "RR00001", "W-1002").code == 0
    sealed = branch("audit", "seal")
    assert sealed.code == 0, sealed
    before = branch("audit", "verify")

    copied = branch("migrate-to", str(db_path))
    assert copied.code == 0, copied
    assert "chain intact" in copied.out

    server = InProcess(db_path, capsys, monkeypatch)  # type: ignore[arg-type]
    after = server("audit", "verify")
    assert after.code == 0, after
    # the same chain, the same head, the same seal and root fingerprint
    assert after.out.splitlines()[0] == before.out.splitlines()[0]
    assert [line for line in after.out.splitlines() if "eal" in line or "Root" in line] == [
        line for line in before.out.splitlines() if "eal" in line or "Root" in line
    ]
    assert server("lend", "RR00001", "W-1001").code == 3  # the loan came along
    assert server("return", "RR00001").code == 0
    assert server("audit", "verify").code == 0
    again = branch("migrate-to", str(db_path))
    assert again.code == 1 and "not empty" in again.err


@ON_SERVER
def test_doctor_on_a_server_checks_schema_guards_and_chain(cli: InProcess, db_path) -> None:
    assert cli("init", "--demo").code == 0
    healthy = cli("doctor")
    assert healthy.code == 0, healthy
    for check in ("schema: schema version", "audit chain verifies", "guards in place"):
        assert check in healthy.out
    assert "invariants hold" in healthy.out
    tool = outside_connection(db_path)
    with tool:
        tool.execute("DROP TRIGGER loan_never_to_civilian ON loan")
    tool.close()
    dropped = cli("doctor")
    assert dropped.code == 1 and "loan_never_to_civilian" in dropped.out


def _catalogue_at(url: ServerUrl, migration: str) -> None:
    """A catalogue on the server as an older program made it: the migrations up to
    ``migration`` only."""
    import psycopg
    from peewee import SqliteDatabase
    from playhouse.migrations import Runner

    from readingroom.store.server_schema import copy_catalogue

    memory = SqliteDatabase(":memory:", pragmas={"foreign_keys": 1})
    memory.connect()
    Runner(memory, str(store.MIGRATIONS_DIR), table_name=store.MIGRATION_TABLE).up(migration)
    with psycopg.connect(url.url) as target:
        copy_catalogue(memory.connection(), target)
    memory.close()


def _server_schema(server) -> dict[str, object]:
    rows = server.execute_sql(
        "SELECT type, name, tbl_name FROM sqlite_master WHERE type <> 'index' ORDER BY 1, 2"
    ).fetchall()
    functions = server.execute_sql(
        "SELECT oid::regprocedure::text, prosrc FROM pg_proc WHERE proname LIKE 'rr\\_%' ORDER BY 1"
    ).fetchall()
    columns = {t: [c.name for c in server.get_columns(t)] for t in server.get_tables()}
    return {"objects": rows, "functions": functions, "columns": columns}


@ON_SERVER
def test_an_older_server_catalogue_is_brought_up_to_date_when_opened(
    pg_server: ServerForTests, db_path: ServerUrl
) -> None:
    from readingroom import staff

    _catalogue_at(db_path, "0020_library_data")
    server = store.open_database(db_path)  # migration 0022 applied here
    assert store.schema_version(server) == store.latest_schema_version()
    upgraded = _server_schema(server)
    staff.create_first_supervisor("boss", "pass-word-long-1", "Chief")
    assert audit.verify_and_compare()[0].ok
    store.close_database()

    fresh = ServerUrl(pg_server.url(pg_server.create_database()))
    made = store.open_database(fresh, create=True)
    try:
        assert upgraded == _server_schema(made)  # the same tables, triggers and functions
    finally:
        store.close_database()
        pg_server.drop_database(fresh.name)


@ON_SERVER
def test_every_sorted_first_screen_reads_an_index_in_order_on_a_server(db) -> None:
    """SQLite's every index ends with the rowid, so ``ORDER BY access, id LIMIT 50`` reads
    its index in order; the server's get ``id`` at the end too (and the year sort, no year
    last both ways, an index of its own), so no sort of the whole table is planned."""
    from readingroom.browse import order_clause
    from readingroom.browse.works import WORK_SORTS

    with store.read_transaction():
        store.database.execute_sql("SET LOCAL enable_sort = off")
        for key in WORK_SORTS:
            for descending in (False, True):
                order = order_clause(WORK_SORTS, key, descending, "w.id")
                plan = "\n".join(
                    row[0]
                    for row in store.database.execute_sql(
                        f"EXPLAIN SELECT w.id FROM work w{order} LIMIT 50"
                    )
                )
                assert "Sort" not in plan, (key, descending, plan)


@ON_SERVER
def test_the_server_counts_the_works_as_it_keeps_them(db, make_copy) -> None:
    """The catalogue's count of every work reads the number the server keeps: right after
    works are added, after a transaction rolled back, and in a catalogue made before the
    server kept it (which starts keeping it when opened)."""
    from readingroom.browse import works

    def counted_one_by_one() -> int:
        return int(store.database.execute_sql("SELECT count(*) FROM work WHERE TRUE").fetchone()[0])

    for n, title in enumerate(("Points and Lines", "Inspector Imanishi", "The Tokyo Express")):
        make_copy(f"C-{n}", title)
    assert works.work_count() == counted_one_by_one() == 3
    with pytest.raises(RuntimeError), store.write_transaction():
        make_copy("C-9", "A Quiet Place")
        assert works.work_count() == 4  # inside the transaction, its own work counted
        raise RuntimeError("called off")
    assert works.work_count() == counted_one_by_one() == 3
    with store.write_transaction():  # as a catalogue made before the count was kept
        store.database.execute_sql(f"DROP TABLE {ROW_COUNT_TABLE}")
        store.database.execute_sql("DROP FUNCTION rr_count_rows() CASCADE")
    store.close_database()
    store.open_database(db)
    assert works.work_count() == 3
    make_copy("C-5", "Tokyo Bay")
    assert works.work_count() == counted_one_by_one() == 4


@ON_SERVER
def test_a_desk_waiting_too_long_for_the_write_lock_is_told_so(
    db_path: ServerUrl, cli: InProcess, monkeypatch
) -> None:
    from readingroom.store.server import WRITE_LOCK_KEY

    assert cli("init", "--demo").code == 0
    monkeypatch.setenv("READINGROOM_BUSY_TIMEOUT_MS", "300")
    other = outside_connection(db_path)  # another desk, in the middle of a write
    with other:
        other.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK_KEY,))
        waited = cli("lend", "RR00001", "W-1002")
    other.close()
    assert waited.code == 1 and "another desk" in waited.err, waited
    assert "Traceback" not in waited.err
    assert cli("lend", "RR00001", "W-1002").code == 0  # the lock gone, the same lend goes


def test_without_postgresqls_programs_the_server_tests_say_what_to_install(monkeypatch):
    import bench.pg_server
    import tests.pg_server as pg_server

    monkeypatch.setattr(bench.pg_server, "postgres_program", lambda name: None)
    with pytest.raises(pg_server.NoServer, match="apt-get install postgresql"):
        pg_server.start_server()
