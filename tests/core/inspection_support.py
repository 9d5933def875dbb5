"""Helpers for the inspection tests: a settable clock and a small collection to inspect."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from pypdf import PdfReader

from readingroom import (
    borrowers,
    catalogue,
    circulation,
    clock,
    holds,
    seals,
    staff,
    stocktake,
)
from readingroom.store.db import close_database, open_database
from tests.core.cli_support import BOSS, PASSWORD

#: full counts for the long fault runs (CI uses the reduced ones)
FULL = os.environ.get("READINGROOM_FULL") == "1"
TODAY = date(2026, 11, 2)
SET_TITLE = "인간의 증명 (Proof of the Man)"


class Calendar:
    """Sets what :mod:`readingroom.clock` says today is (and the time now, at noon)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, day: date = TODAY):
        self._monkeypatch = monkeypatch
        self.day = day
        monkeypatch.setattr(clock, "today", lambda: self.day)
        monkeypatch.setattr(clock, "now", lambda: datetime.combine(self.day, time(12, 0)))

    def set(self, day: date) -> date:
        self.day = day
        return day

    def shift(self, days: int) -> date:
        return self.set(self.day + timedelta(days=days))


@pytest.fixture(name="calendar")
def calendar_fixture(monkeypatch: pytest.MonkeyPatch) -> Calendar:
    return Calendar(monkeypatch)


def pdf_text(path: Path) -> str:
    """The PDF's text with every run of white space (line breaks too) as one space."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def page_count(path: Path) -> int:
    return len(PdfReader(path).pages)


@dataclass
class Shelf:
    """Barcodes of a small collection, by what the tests do with them."""

    on_shelf: list[str]
    set_volumes: list[str]  # volumes 1..3 of a three-volume work, one copy each


def small_collection(actor) -> Shelf:
    """Six single-volume copies on Safe A/1 and a three-volume set on Safe B/3."""
    on_shelf = []
    for n in range(1, 7):
        work = catalogue.add_work(actor, title=f"Work {n}", author="Seichō Matsumoto").work
        on_shelf.append(
            catalogue.add_copy(actor, work.id, f"A{n:03d}", location="Safe A/1").copy.barcode
        )
    work = catalogue.add_work(actor, title=SET_TITLE, author="Seiichi Morimura", volumes=3).work
    set_volumes = [
        catalogue.add_copy(actor, work.id, f"P{v}", volume=v, location="Safe B/3").copy.barcode
        for v in (1, 2, 3)
    ]
    return Shelf(on_shelf, set_volumes)


def build_collection(calendar: Calendar) -> None:
    """Loans (two overdue, one approved for a cadre), a return graded ragged, a waiting
    list, and a signed stocktake; "today" is 30 days after the first loans."""
    boss = staff.create_first_supervisor(BOSS, PASSWORD, "Chief Supervisor")
    lib = staff.add_staff(boss, "lib", "librarian", PASSWORD, "Desk Librarian").user
    staff.add_staff(boss, "insp", "inspector", PASSWORD, "Visiting Inspector")
    small_collection(boss)
    for member_no, name, role in (
        ("W1", "리명희", "writer"),
        ("W2", "Kim Chol-su", "writer"),
        ("C1", "오광철", "cadre"),
    ):
        borrowers.add_borrower(boss, member_no, name=name, role=role)
    circulation.lend(lib, "P1", "W1")
    circulation.lend(boss, "A001", "C1", override_reason="Approved for the seminar")
    circulation.lend(lib, "A002", "W2")
    circulation.return_copy(lib, "A002", condition="ragged", note="spine split")
    holds.place_hold(lib, "P1", "W2")
    calendar.shift(30)
    circulation.lend(lib, "A003", "W2")
    stocktake.start(lib)
    for barcode, where in [
        ("A002", "Safe A/1"),
        ("A004", "Safe A/1"),
        ("A006", "Safe Q"),
        ("P2", "Safe B/3"),
        ("P3", "Safe B/3"),
        ("ZZZ", "Safe A/1"),
    ]:
        stocktake.scan(lib, barcode, where)
    stocktake.close(boss, "Lee Min-jae")


@pytest.fixture(scope="module", name="built_collection")
def built_collection_fixture(tmp_path_factory) -> tuple[Path, date]:
    """The collection, built once for this module (each test works on its own copy)."""
    path = tmp_path_factory.mktemp("reports") / "catalogue.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            staff, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
        )
        patch.setattr(seals, "KDF", seals.KdfParams(time_cost=1, memory_cost=1024, parallelism=1))
        calendar = Calendar(patch)
        open_database(path, create=True)
        try:
            build_collection(calendar)
        finally:
            close_database()
    return path, calendar.day


@pytest.fixture(name="collection_db")
def collection_db_fixture(built_collection, tmp_path, monkeypatch) -> Iterator[Path]:
    source, day = built_collection
    path = tmp_path / "catalogue.db"
    shutil.copyfile(source, path)
    Calendar(monkeypatch, day)
    open_database(path)
    yield path
    close_database()
