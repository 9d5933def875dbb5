"""Shared fixtures: a fresh database per test, staff of every role, and small builders."""

from __future__ import annotations

import os

# Tests run headless wherever they run: pytest-qt creates its QApplication after this.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Every change must be in an audit entry: a write that leaves after-images behind its last
# entry, or a tracked row changed outside a write transaction, fails the test instead of
# being recorded as an "unrecorded-change" or "outside-change" entry.
os.environ["READINGROOM_STRICT_TRAIL"] = "all"

from collections.abc import Iterator  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from argon2 import PasswordHasher  # noqa: E402

from readingroom import audit, borrowers, catalogue, seals, staff  # noqa: E402
from readingroom.store.db import close_database, open_database, write_transaction  # noqa: E402
from readingroom.store.models import Borrower, Copy, StaffUser  # noqa: E402
from readingroom.store.server import ServerUrl  # noqa: E402
from tests.pg_server import PASSWORD as SERVER_PASSWORD  # noqa: E402
from tests.pg_server import NoServer, ServerForTests, start_server  # noqa: E402

PASSWORD = "pass-word-1"


@pytest.fixture(autouse=True)
def fast_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2id with small costs: the same code path, a fraction of the time."""
    monkeypatch.setattr(
        staff, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )
    monkeypatch.setattr(seals, "KDF", seals.KdfParams(time_cost=1, memory_cost=1024, parallelism=1))


BOTH_DATABASES = "both_databases"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test marked ``both_databases`` runs on a SQLite file and on a PostgreSQL server
    (but one marked ``sqlite_only`` in such a module, which reads the file itself)."""
    marked = metafunc.definition.get_closest_marker
    if (
        marked(BOTH_DATABASES)
        and not marked("sqlite_only")
        and "db_backend" in metafunc.fixturenames
    ):
        metafunc.parametrize("db_backend", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[ServerForTests]:
    """One PostgreSQL server for the session (skipped, saying what to install, without
    PostgreSQL's programs)."""
    try:
        server = start_server()
    except NoServer as missing:
        pytest.skip(str(missing))
    yield server
    server.stop()


@pytest.fixture
def db_backend(request: pytest.FixtureRequest) -> str:
    """``sqlite`` (the default) or ``postgresql`` (for a test marked ``both_databases``)."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def db_path(
    tmp_path: Path, db_backend: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """The catalogue's file, or on PostgreSQL the address of a new empty database (a
    :class:`ServerUrl`, which opens as the file does), dropped after the test."""
    if db_backend == "sqlite":
        yield tmp_path / "catalogue.db"
        return
    server: ServerForTests = request.getfixturevalue("pg_server")
    monkeypatch.setenv("PGPASSWORD", SERVER_PASSWORD)
    name = server.create_database()
    yield ServerUrl(server.url(name))  # type: ignore[misc]  # stands in for the file's Path
    close_database()
    server.drop_database(name)


@pytest.fixture
def db(db_path: Path) -> Iterator[Path]:
    """An open, migrated, empty catalogue with a first supervisor ``boss``."""
    open_database(db_path, create=True)
    staff.create_first_supervisor("boss", PASSWORD, "Chief Supervisor")
    yield db_path
    close_database()


@pytest.fixture
def supervisor(db) -> StaffUser:
    return staff.get_staff("boss")


@pytest.fixture
def librarian(db, supervisor) -> StaffUser:
    return staff.add_staff(supervisor, "lib", "librarian", PASSWORD, "Desk Librarian").user


@pytest.fixture
def inspector(db, supervisor) -> StaffUser:
    return staff.add_staff(supervisor, "insp", "inspector", PASSWORD, "Visiting Inspector").user


@pytest.fixture
def make_copy(supervisor):
    """``make_copy(barcode, title=..., access=..., volume=..., volumes=...)`` -> Copy."""
    works: dict[tuple, int] = {}

    def build(
        barcode: str,
        title: str = "Points and Lines",
        *,
        author: str = "Seichō Matsumoto",
        access: str = "lendable",
        volume: int = 1,
        volumes: int = 1,
        translator: str = "",
        location: str = "Safe A/1",
    ) -> Copy:
        key = (title, author, translator)
        if key not in works:
            works[key] = catalogue.add_work(
                supervisor,
                title=title,
                author=author,
                access=access,
                volumes=volumes,
                translator=translator,
            ).work.id
        return catalogue.add_copy(
            supervisor, works[key], barcode, volume=volume, location=location
        ).copy

    return build


@pytest.fixture
def legacy_code(supervisor):
    """``legacy_code(row, code)``: a copy's barcode or a borrower's member number as a
    catalogue made before codes were normalised may hold it (``ab1``, typed so by hand and
    stored as typed), written straight to the row with an audit entry; today every service
    stores a code in the one form."""

    def store(row: Copy | Borrower, code: str) -> None:
        model = type(row)
        field = Copy.barcode if model is Copy else Borrower.member_no
        with write_transaction():
            model.update({field: code}).where(model.id == row.id).execute()
            audit.record(supervisor, "test-legacy-code", model._meta.table_name, code, {})
        setattr(row, field.name, code)

    return store


@pytest.fixture
def make_borrower(supervisor):
    """``make_borrower(member_no, role='writer', status='active', expires=None)`` -> Borrower."""

    def build(
        member_no: str,
        role: str = "writer",
        *,
        status: str = "active",
        expires: date | None = None,
        name: str | None = None,
    ) -> Borrower:
        return borrowers.add_borrower(
            supervisor,
            member_no,
            name=name or f"Member {member_no}",
            role=role,
            status=status,
            expires=expires,
        ).borrower

    return build
